/* chronograph score: TempEval-3 evaluation of TIMEX3 extraction.
 *   chronograph score GOLD_DIR SYSTEM_DIR        compare two trees of .tml files
 *   chronograph score --tag GOLD_DIR             tag each gold file's text in-process
 *   chronograph score --meantime DIR             same, on MEANTIME's token XML */
#include "commands.h"
#include "read_timeml.h"
#include "timeml_score.h"
#include "timex.h"

#include <dirent.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef CG_VEC(char *) strvec;

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Relative paths of files under root/rel ending in suffix, recursively. */
static void list_files(const char *root, const char *rel, const char *suffix, strvec *out) {
  char path[4096];
  snprintf(path, sizeof path, "%s%s%s", root, *rel ? "/" : "", rel);
  DIR *d = opendir(path);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char r[4096], full[8192];
    snprintf(r, sizeof r, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
    snprintf(full, sizeof full, "%s/%s", root, r);
    struct stat st;
    if (stat(full, &st)) continue;
    if (S_ISDIR(st.st_mode)) list_files(root, r, suffix, out);
    else {
      size_t n = strlen(e->d_name), sl = strlen(suffix);
      if (n > sl && !strcmp(e->d_name + n - sl, suffix)) CG_VEC_PUSH(out, cg_xstrdup(r));
    }
  }
  closedir(d);
}

static void usage(FILE *f) {
  fprintf(f,
          "usage: chronograph score GOLD_DIR SYSTEM_DIR [--verbose] [--per-type]\n"
          "       chronograph score --tag GOLD_DIR [--mode news|narrative|auto] [--verbose] [--per-type]\n"
          "       chronograph score --meantime DIR [--mode ...] [--verbose] [--per-type]\n\n"
          "TempEval-3 scoring of TIMEX3: strict/relaxed P/R/F1 over all files, type and value\n"
          "accuracy on relaxed matches, type F1 and value F1 (accuracy x relaxed F1).\n"
          "  --tag        tag each gold file's <TEXT> in-process (gold TIMEX3 stripped, DCT kept)\n"
          "  --meantime   tag and score MEANTIME XML files (gold TIMEX3 anchored on tokens)\n"
          "  --mode M     tagger mode for --tag/--meantime (default auto)\n"
          "  --datadir D  lexicon directory (default: CG_DATADIR or the installed data)\n"
          "  --verbose    list misses, extras, wrong extents, types and values\n"
          "  --per-type   add a table per gold type\n");
}

static int read_gold(const char *path, cg_doc **doc, cg_timex_vec *gold) {
  char *buf = NULL;
  size_t len = 0;
  cg_error err = {0};
  cg_status st = cg_read_file(path, 64u << 20, &buf, &len, &err);
  if (st == CG_OK) st = cg_timeml_parse(buf, len, path, doc, gold, &err);
  free(buf);
  if (st != CG_OK) {
    char msg[512];
    cg_error_format(&err, msg, sizeof msg);
    fprintf(stderr, "chronograph score: %s\n", msg);
    return -1;
  }
  return 0;
}

/* Gold timexes that overlap an earlier one are dropped so lists stay sorted. */
static void sort_check(cg_timex_vec *v) {
  for (size_t i = 1; i < v->len; i++) {
    if (v->items[i].start < v->items[i - 1].start) {
      cg_timex t = v->items[i];
      size_t j = i;
      while (j > 0 && v->items[j - 1].start > t.start) { v->items[j] = v->items[j - 1]; j--; }
      v->items[j] = t;
    }
  }
}

/* Entry point of "chronograph score"; returns an exit code. */
int cg_cmd_score(int argc, char **argv) {
  static const struct option opts[] = {
      {"tag", no_argument, NULL, 't'},      {"meantime", no_argument, NULL, 'm'},
      {"mode", required_argument, NULL, 'M'}, {"verbose", no_argument, NULL, 'v'},
      {"per-type", no_argument, NULL, 'p'}, {"datadir", required_argument, NULL, 'd'},
      {"help", no_argument, NULL, 'h'},     {NULL, 0, NULL, 0}};
  bool tag = false, meantime = false, verbose = false, per_type = false;
  const char *datadir = NULL;
  cg_tag_mode mode = CG_MODE_AUTO;
  optind = 1;
  int c;
  while ((c = getopt_long(argc, argv, "tmM:vpd:h", opts, NULL)) != -1) {
    switch (c) {
    case 't': tag = true; break;
    case 'm': meantime = true; break;
    case 'v': verbose = true; break;
    case 'p': per_type = true; break;
    case 'd': datadir = optarg; break;
    case 'M':
      if (!strcmp(optarg, "news")) mode = CG_MODE_NEWS;
      else if (!strcmp(optarg, "narrative")) mode = CG_MODE_NARRATIVE;
      else if (!strcmp(optarg, "auto")) mode = CG_MODE_AUTO;
      else {
        fprintf(stderr, "chronograph score: --mode must be news, narrative or auto\n");
        return CG_EXIT_USAGE;
      }
      break;
    case 'h': usage(stdout); return CG_EXIT_OK;
    default: usage(stderr); return CG_EXIT_USAGE;
    }
  }
  int nargs = argc - optind;
  if ((tag || meantime) ? nargs != 1 : nargs != 2) {
    usage(stderr);
    return CG_EXIT_USAGE;
  }
  const char *gold_dir = argv[optind];
  cg_tagger *tagger = NULL;
  if (tag || meantime) {
    cg_error err = {0};
    if (cg_tagger_new(&tagger, datadir, &err) != CG_OK) {
      char msg[512];
      cg_error_format(&err, msg, sizeof msg);
      fprintf(stderr, "chronograph score: %s\n", msg);
      return CG_EXIT_INPUT;
    }
  }
  strvec files = {0};
  list_files(gold_dir, "", meantime ? ".xml" : ".tml", &files);
  if (files.len) qsort(files.items, files.len, sizeof *files.items, cmp_str);
  if (!files.len) fprintf(stderr, "chronograph score: no %s files under %s\n", meantime ? ".xml" : ".tml", gold_dir);
  int rc = files.len ? CG_EXIT_OK : CG_EXIT_INPUT;
  cg_tscore score = {0};
  cg_buf vb = {0}, path = {0};
  for (size_t i = 0; i < files.len; i++) {
    cg_buf_clear(&path);
    cg_buf_printf(&path, "%s/%s", gold_dir, files.items[i]);
    cg_doc *doc = NULL;
    cg_timex_vec gold = {0}, sysv = {0};
    int bad = 0;
    size_t region_end = SIZE_MAX; /* system timexes starting after it are not scored */
    if (meantime) {
      cg_error err = {0};
      if (cg_meantime_parse(path.data, &doc, &gold, &region_end, &err) != CG_OK) {
        char msg[512];
        cg_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "chronograph score: %s\n", msg);
        bad = 1;
      }
    } else bad = read_gold(path.data, &doc, &gold);
    if (bad) { rc = CG_EXIT_INPUT; free(gold.items); continue; }
    sort_check(&gold);
    cg_docx *dx = cg_docx_new(doc);
    const cg_timex *sys = NULL;
    size_t ns = 0;
    if (tagger) {
      cg_tagger_run(tagger, dx, mode);
      sys = dx->timexes.items;
      ns = dx->timexes.len;
      while (ns && sys[ns - 1].start >= region_end) ns--;
    } else {
      cg_buf_clear(&path);
      cg_buf_printf(&path, "%s/%s", argv[optind + 1], files.items[i]);
      cg_doc *sdoc = NULL;
      if (read_gold(path.data, &sdoc, &sysv)) {
        rc = CG_EXIT_INPUT;
      } else if (sdoc->len != doc->len || memcmp(sdoc->text, doc->text, doc->len)) {
        fprintf(stderr, "chronograph score: %s: text differs from the gold file\n", path.data);
        rc = CG_EXIT_INPUT;
      }
      cg_doc_free(sdoc);
      sort_check(&sysv);
      sys = sysv.items;
      ns = sysv.len;
    }
    cg_tscore_add(&score, files.items[i], doc->text, gold.items, gold.len, sys, ns,
                  verbose ? &vb : NULL);
    cg_docx_free(dx);
    free(gold.items);
    free(sysv.items);
  }
  cg_buf out = {0};
  if (vb.len) cg_buf_append(&out, vb.data, vb.len), cg_buf_putc(&out, '\n');
  cg_tscore_report(&score, per_type, &out);
  if (out.data) fwrite(out.data, 1, out.len, stdout);
  cg_buf_free(&out);
  cg_buf_free(&vb);
  cg_buf_free(&path);
  for (size_t i = 0; i < files.len; i++) free(files.items[i]);
  free(files.items);
  cg_tagger_free(tagger);
  return rc;
}
