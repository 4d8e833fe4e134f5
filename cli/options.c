/* One getopt_long table for every subcommand; each command says which options it
 * takes, so a misspelt or misplaced option is a usage error (exit 2). */
#include "options.h"

#include "commands.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum {
  OPT_DATE = 256, OPT_INPUT_FORMAT, OPT_MODE, OPT_WITH_TEXT, OPT_LENIENT, OPT_QUIET,
  OPT_DATA, OPT_LANES, OPT_THEME, OPT_MIN_WEIGHT, OPT_TOP, OPT_TITLE, OPT_NO_MERGE,
  OPT_MAX_EVENTS
};

static const struct option long_opts[] = {
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"jobs", required_argument, NULL, 'j'},
    {"date", required_argument, NULL, OPT_DATE},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    {"mode", required_argument, NULL, OPT_MODE},
    {"with-text", no_argument, NULL, OPT_WITH_TEXT},
    {"lenient", no_argument, NULL, OPT_LENIENT},
    {"quiet", no_argument, NULL, OPT_QUIET},
    {"data", required_argument, NULL, OPT_DATA},
    {"lanes", required_argument, NULL, OPT_LANES},
    {"theme", required_argument, NULL, OPT_THEME},
    {"min-weight", required_argument, NULL, OPT_MIN_WEIGHT},
    {"top", required_argument, NULL, OPT_TOP},
    {"title", required_argument, NULL, OPT_TITLE},
    {"no-merge", no_argument, NULL, OPT_NO_MERGE},
    {"max-events", required_argument, NULL, OPT_MAX_EVENTS},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static bool allowed_opt(const char *allowed, const char *name) {
  size_t n = strlen(name);
  for (const char *p = allowed; (p = strstr(p, name)) != NULL; p += n)
    if ((p == allowed || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return true;
  return false;
}

static int usage_error(const cg_cli *cli, const char *msg, const char *arg) {
  fprintf(stderr, "chronograph %s: %s%s%s\nTry 'chronograph %s --help'.\n", cli->cmd, msg,
          arg ? ": " : "", arg ? arg : "", cli->cmd);
  return CG_EXIT_USAGE;
}

static bool parse_int(const char *s, long lo, long hi, int *out) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || *end || end == s || v < lo || v > hi) return false;
  *out = (int)v;
  return true;
}

int cg_cli_parse(cg_cli *cli, int argc, char **argv, const char *allowed, const char *help) {
  memset(cli, 0, sizeof *cli);
  cli->cmd = argv[0];
  cli->read = cg_read_opts_default();
  cli->pipe = cg_pipeline_opts_default();
  cli->render = cg_render_opts_default();
  cli->jobs = 1;
  optind = 1;
  opterr = 0;
  int c, idx = 0;
  while ((c = getopt_long(argc, argv, ":f:o:j:h", long_opts, &idx)) != -1) {
    const char *name = NULL;
    for (const struct option *o = long_opts; o->name; o++)
      if (o->val == c) name = o->name;
    if (c == '?') return usage_error(cli, "unknown option", argv[optind - 1]);
    if (c == ':') return usage_error(cli, "option needs a value", argv[optind - 1]);
    if (c == 'h') {
      fputs(help, stdout);
      return CG_EXIT_OK;
    }
    if (name && !allowed_opt(allowed, name)) return usage_error(cli, "option not taken by this command", name);
    switch (c) {
    case 'f': cli->format = optarg; break;
    case 'o': cli->out = optarg; break;
    case 'j':
      if (!parse_int(optarg, 1, 256, &cli->jobs)) return usage_error(cli, "--jobs takes 1 to 256", optarg);
      break;
    case OPT_DATE:
      if (cg_parse_iso_day(optarg) == CG_NO_DAY || strlen(optarg) != 10)
        return usage_error(cli, "--date takes YYYY-MM-DD", optarg);
      cli->read.default_dct = optarg;
      break;
    case OPT_INPUT_FORMAT:
      if (cg_input_format_parse(optarg, &cli->read.format) != 0)
        return usage_error(cli, "unknown input format", optarg);
      break;
    case OPT_MODE:
      if (!strcmp(optarg, "news")) cli->pipe.mode = CG_MODE_NEWS;
      else if (!strcmp(optarg, "narrative")) cli->pipe.mode = CG_MODE_NARRATIVE;
      else if (!strcmp(optarg, "auto")) cli->pipe.mode = CG_MODE_AUTO;
      else return usage_error(cli, "--mode takes news, narrative or auto", optarg);
      break;
    case OPT_WITH_TEXT: cli->with_text = true; break;
    case OPT_LENIENT: cli->read.lenient = true; break;
    case OPT_QUIET: cli->quiet = true; break;
    case OPT_DATA: cli->pipe.datadir = optarg; break;
    case OPT_LANES:
      if (!parse_int(optarg, 0, 100, &cli->render.lanes)) return usage_error(cli, "--lanes takes 0 to 100", optarg);
      break;
    case OPT_THEME:
      if (!strcmp(optarg, "light")) cli->render.theme = CG_THEME_LIGHT;
      else if (!strcmp(optarg, "dark")) cli->render.theme = CG_THEME_DARK;
      else if (!strcmp(optarg, "print")) cli->render.theme = CG_THEME_PRINT;
      else return usage_error(cli, "--theme takes light, dark or print", optarg);
      break;
    case OPT_MIN_WEIGHT: {
      char *end;
      cli->render.min_weight = strtod(optarg, &end);
      if (*end || end == optarg || cli->render.min_weight < 0)
        return usage_error(cli, "--min-weight takes a number >= 0", optarg);
      break;
    }
    case OPT_TOP:
      if (!parse_int(optarg, 0, 1000000, &cli->render.top)) return usage_error(cli, "--top takes a count", optarg);
      break;
    case OPT_TITLE: cli->render.title = optarg; break;
    case OPT_NO_MERGE: cli->no_merge = true; break;
    case OPT_MAX_EVENTS:
      if (!parse_int(optarg, 0, 100000000, &cli->render.max_events))
        return usage_error(cli, "--max-events takes a count (0 = all)", optarg);
      break;
    default: return usage_error(cli, "unexpected option", NULL);
    }
  }
  cli->inputs = argv + optind;
  cli->ninputs = argc - optind;
  return -1;
}

FILE *cg_cli_open_out(const cg_cli *cli) {
  if (!cli->out || !strcmp(cli->out, "-")) return stdout;
  FILE *f = fopen(cli->out, "wb");
  if (!f) fprintf(stderr, "chronograph %s: cannot write %s: %s\n", cli->cmd, cli->out, strerror(errno));
  return f;
}

int cg_cli_close(const cg_cli *cli, FILE *f) {
  int bad = ferror(f);
  if (f == stdout) bad |= fflush(f) != 0;
  else bad |= fclose(f) != 0;
  if (bad) {
    fprintf(stderr, "chronograph %s: error writing %s\n", cli->cmd, cli->out ? cli->out : "stdout");
    return -1;
  }
  return 0;
}

int cg_cli_write(const cg_cli *cli, const char *data, size_t len) {
  FILE *f = cg_cli_open_out(cli);
  if (!f) return -1;
  fwrite(data, 1, len, f);
  return cg_cli_close(cli, f);
}

void cg_cli_report(const cg_cli *cli, const cg_error *err) {
  char buf[1600];
  cg_error_format(err, buf, sizeof buf);
  fprintf(stderr, "chronograph %s: %s\n", cli->cmd, buf);
}
