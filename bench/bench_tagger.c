/* Throughput of the temporal tagger: tags a text file in-process (news mode, a fixed
 * DCT) and prints bytes, timexes and MB/s. Usage: bench_tagger FILE [REPEAT]. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "timex.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_tagger FILE [REPEAT]\n");
    return 2;
  }
  int repeat = argc > 2 ? atoi(argv[2]) : 3;
  if (repeat < 1) repeat = 1;
  cg_error err = {0};
  char *buf = NULL;
  size_t len = 0;
  if (cg_read_file(argv[1], (size_t)1 << 31, &buf, &len, &err) != CG_OK) {
    fprintf(stderr, "bench_tagger: cannot read %s\n", argv[1]);
    return 1;
  }
  cg_tagger *t = NULL;
  if (cg_tagger_new(&t, NULL, &err) != CG_OK) {
    fprintf(stderr, "bench_tagger: cannot load the rules (set CG_DATADIR)\n");
    free(buf);
    return 1;
  }
  double best = 1e30;
  size_t ntimex = 0;
  for (int r = 0; r < repeat; r++) {
    cg_doc *d = cg_doc_new();
    d->text = buf;
    d->len = len;
    d->dct = cg_xstrdup("2024-06-10");
    cg_docx *dx = cg_docx_new(d);
    double t0 = now_s();
    cg_tagger_run(t, dx, CG_MODE_NEWS);
    double dt = now_s() - t0;
    if (dt < best) best = dt;
    ntimex = dx->timexes.len;
    d->text = NULL; /* buf is reused */
    cg_docx_free(dx);
  }
  printf("chronograph: %zu bytes, %zu timexes, %.3f s, %.1f MB/s\n", len, ntimex, best,
         (double)len / 1e6 / best);
  cg_tagger_free(t);
  free(buf);
  return 0;
}
