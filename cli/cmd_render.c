/* chronograph timeline | actors | graph | report: corpus in (documents or results),
 * a rendering or an export out. All four build the corpus and the network the same
 * way, then differ only in what they write. */
#include "commands.h"
#include "options.h"
#include "run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char common_help[] =
    "INPUT is any mix of documents (as for 'extract') and chronograph results\n"
    "(.json from 'extract'/'merge', .jsonl shards from 'extract --format jsonl').\n"
    "\n"
    "  -o, --output PATH      output file, - for stdout\n"
    "      --date YYYY-MM-DD  publication date for documents that have none\n"
    "      --input-format F   auto (default), text, html, feed, timeml, jsonl\n"
    "      --mode M           temporal anchoring: auto (default), news, narrative\n"
    "      --no-merge         keep each telling of an event as its own event\n"
    "      --lenient          replace invalid UTF-8 with U+FFFD instead of skipping\n"
    "  -j, --jobs N           extraction threads\n"
    "      --data DIR         lexicon directory\n"
    "      --quiet            no progress line\n";

#define COMMON_OPTS "output date input-format mode no-merge lenient jobs data quiet "

typedef enum kind { K_TIMELINE, K_ACTORS, K_GRAPH, K_REPORT } kind;

static const char *ext_of(const char *path) {
  const char *dot = path ? strrchr(path, '.') : NULL;
  return dot && !strchr(dot, '/') ? dot + 1 : "";
}

/* Writes the export named by --format or by the output's extension: into b, or
 * straight to the output (then *written is set) for the formats whose size makes an
 * extra in-memory copy costly (GraphML, the JSON forms). */
static cg_status write_graph(const cg_cli *cli, const cg_corpus *c, const cg_network *n,
                             cg_buf *b, cg_error *err, bool *usage, bool *written) {
  const char *fmt = cli->format ? cli->format : ext_of(cli->out);
  if (!*fmt) fmt = "json";
  if (!strcmp(fmt, "graphml")) {
    FILE *f = cg_cli_open_out(cli);
    if (!f) return cg_error_set(err, CG_EIO, cli->out, 0, 0, -1, "cannot write");
    *written = true;
    cg_status st = cg_network_write_graphml(n, f, err);
    if (cg_cli_close(cli, f) != 0 && st == CG_OK) st = CG_EIO;
    return st;
  }
  if (!strcmp(fmt, "gexf")) return cg_export_gexf(c, n, b, err);
  if (!strcmp(fmt, "dot") || !strcmp(fmt, "gv")) return cg_export_dot(c, n, b, err);
  if (!strcmp(fmt, "csv") || !strcmp(fmt, "events.csv")) return cg_export_csv_events(c, b, err);
  if (!strcmp(fmt, "actors.csv")) return cg_export_csv_actors(c, b, err);
  if (!strcmp(fmt, "corpus")) { /* written as it is formatted: no tree, no whole text */
    FILE *f = cg_cli_open_out(cli);
    if (!f) return cg_error_set(err, CG_EIO, cli->out, 0, 0, -1, "cannot write");
    *written = true;
    int bad = cg_corpus_dump_json(c, f) != 0 || fputc('\n', f) == EOF;
    if (cg_cli_close(cli, f) != 0 || bad)
      return cg_error_set(err, CG_EIO, cli->out, 0, 0, -1, "write error");
    return CG_OK;
  }
  json_t *o = NULL;
  if (!strcmp(fmt, "json")) o = cg_network_to_json(n);
  else if (!strcmp(fmt, "timelinejs")) o = cg_export_timelinejs(c);
  if (!o) {
    *usage = true;
    return cg_error_set(err, CG_EUSAGE, NULL, 0, 0, -1,
                        "unknown graph format '%s' (graphml, gexf, dot, json, csv, actors.csv, "
                        "timelinejs, corpus)", fmt);
  }
  /* dumped to the stream: no string of the whole export, no second copy in b */
  FILE *f = cg_cli_open_out(cli);
  if (!f) {
    json_decref(o);
    return cg_error_set(err, CG_EIO, cli->out, 0, 0, -1, "cannot write");
  }
  *written = true;
  int bad = json_dumpf(o, f, JSON_INDENT(2) | JSON_REAL_PRECISION(6)) != 0 || fputc('\n', f) == EOF;
  json_decref(o);
  if ((cg_cli_close(cli, f) != 0 || bad))
    return cg_error_set(err, CG_EIO, cli->out, 0, 0, -1, "write error");
  return CG_OK;
}

static int run(int argc, char **argv, kind k, const char *allowed, const char *help) {
  cg_cli cli;
  int rc = cg_cli_parse(&cli, argc, argv, allowed, help);
  if (rc >= 0) return rc;
  if (cli.ninputs == 0) {
    fprintf(stderr, "chronograph %s: no input\n%s", cli.cmd, help);
    return CG_EXIT_USAGE;
  }
  if (k != K_GRAPH && cli.format) {
    fprintf(stderr, "chronograph %s: --format is for 'graph'\n", cli.cmd);
    return CG_EXIT_USAGE;
  }
  cg_run_stats st;
  cg_corpus *c = cg_run_corpus(&cli, &st);
  if (!c) return CG_EXIT_INPUT;
  cg_error err;
  cg_error_clear(&err);
  cg_network *n = NULL;
  cg_buf b = {0};
  bool usage = false, written = false;
  cg_status s = cg_network_new(&n, c, &err);
  if (s == CG_OK) {
    switch (k) {
    case K_TIMELINE: s = cg_render_timeline_svg(c, &cli.render, &b, &err); break;
    case K_ACTORS: s = cg_render_actors_svg(c, n, &cli.render, &b, &err); break;
    case K_REPORT: s = cg_render_report_html(c, n, &cli.render, &b, &err); break;
    case K_GRAPH:
      s = write_graph(&cli, c, n, &b, &err, &usage, &written);
      break;
    }
  }
  rc = CG_EXIT_OK;
  if (s != CG_OK) {
    cg_cli_report(&cli, &err);
    rc = usage ? CG_EXIT_USAGE : CG_EXIT_INPUT;
  } else if (!written && cg_cli_write(&cli, b.data ? b.data : "", b.len) != 0) {
    rc = CG_EXIT_INPUT;
  }
  cg_buf_free(&b);
  cg_network_free(n);
  cg_corpus_free(c);
  if (rc == CG_EXIT_OK && st.bad) rc = CG_EXIT_INPUT;
  return rc;
}

/* What each of the four commands takes beyond the common options, and the head of
 * its --help; indexed by kind. */
static const struct command {
  const char *opts;
  const char *head;
} commands[] = {
    [K_TIMELINE] = {"lanes theme title max-events",
                    "usage: chronograph timeline -o timeline.svg [OPTIONS] INPUT...\n\n"
                    "Draws the events on a real time axis (SVG), one lane per main actor,\n"
                    "date uncertainty drawn (a year is a bar, an approximate date fades).\n\n"
                    "      --lanes N          actor lanes, top N by centrality (default 6)\n"
                    "      --max-events N     draw the N most significant events (default 300,\n"
                    "                         0 = all; a note says how many are shown)\n"
                    "      --theme T          light (default), dark, print\n"
                    "      --title TEXT       chart title\n"},
    [K_ACTORS] = {"theme title min-weight top",
                  "usage: chronograph actors -o actors.svg [OPTIONS] INPUT...\n\n"
                  "Draws the actor graph (SVG): actors sized by PageRank, coloured by\n"
                  "community, linked by the events they share.\n\n"
                  "      --min-weight W     drop links of fewer than W shared events (default 1)\n"
                  "      --top N            keep the N most central actors (default: all up\n"
                  "                         to 150)\n"
                  "      --theme T          light (default), dark, print\n"
                  "      --title TEXT       chart title\n"},
    [K_GRAPH] = {"format",
                 "usage: chronograph graph -o OUT [--format FMT] [OPTIONS] INPUT...\n\n"
                 "Exports the event network. FMT (default: from OUT's extension, else json):\n"
                 "graphml, gexf (with time spells), dot, json (node-link with metrics),\n"
                 "csv (events), actors.csv, timelinejs (TimelineJS3 JSON), corpus\n"
                 "(schema-2 JSON with actor metrics).\n\n"
                 "  -f, --format FMT       export format\n"},
    [K_REPORT] = {"lanes theme title min-weight top max-events",
                  "usage: chronograph report -o report.html [OPTIONS] INPUT...\n\n"
                  "Writes one self-contained HTML report (no scripts, fonts or URLs from\n"
                  "outside): the timeline and the actor graph inline, the event table\n"
                  "with provenance, the actor table with aliases and metrics.\n\n"
                  "      --lanes N, --theme T, --title TEXT, --min-weight W, --top N\n"
                  "      --max-events N     events in the timeline and the event table: the N\n"
                  "                         most significant (default 300, 0 = all)\n"},
};

static int run_command(int argc, char **argv, kind k) {
  cg_buf opts = {0}, help = {0};
  cg_buf_puts(&opts, COMMON_OPTS);
  cg_buf_puts(&opts, commands[k].opts);
  cg_buf_puts(&help, commands[k].head);
  cg_buf_puts(&help, common_help);
  int rc = run(argc, argv, k, opts.data, help.data);
  cg_buf_free(&opts);
  cg_buf_free(&help);
  return rc;
}

int cg_cmd_timeline(int argc, char **argv) { return run_command(argc, argv, K_TIMELINE); }
int cg_cmd_actors(int argc, char **argv) { return run_command(argc, argv, K_ACTORS); }
int cg_cmd_graph(int argc, char **argv) { return run_command(argc, argv, K_GRAPH); }
int cg_cmd_report(int argc, char **argv) { return run_command(argc, argv, K_REPORT); }
