/*
 * Linear-time checks for the tests of hostile inputs (test_pathological.c,
 * test_hashflood.c): a case runs in-process at a size N and at 4N; linear code takes
 * about 4 times longer, quadratic code 16 times, so each check asserts
 * t(4N) / t(N) < CG_RATIO_MAX (no absolute thresholds: the machine is shared).
 * Include after <cmocka.h>.
 */
#ifndef CG_TEST_LINEAR_CHECK_H
#define CG_TEST_LINEAR_CHECK_H

#include <stddef.h>
#include <stdlib.h>
#include <time.h>

/* Linear: ~4. Quadratic: ~16. Generous for noise on a shared 2-core machine. */
#define CG_RATIO_MAX 10.0
/* Below this the larger run is too quick to tell linear from quadratic reliably; such
 * a run cannot hide a quadratic blow-up at these sizes that matters in practice. */
#define CG_MIN_SECONDS 0.08

/* CPU time of the process, not wall time: other jobs on a busy machine (CI, a
 * parallel build) then cannot inflate one run and fake a super-linear ratio. */
static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A builder makes the input of size n (caller frees); a runner processes it. */
typedef char *(*build_fn)(size_t n, size_t *len);
typedef void (*run_fn)(const char *buf, size_t len, size_t n);

/* Times run on an input of size n; best of reps runs (noise only adds time). */
static double time_case(build_fn build, run_fn run, size_t n, int reps) {
  size_t len;
  char *buf = build(n, &len);
  double best = 1e9;
  for (int r = 0; r < reps; r++) {
    double t0 = now_s();
    run(buf, len, n);
    double t = now_s() - t0;
    if (t < best) best = t;
  }
  free(buf);
  return best;
}

static void check_linear(const char *what, build_fn build, run_fn run, size_t n) {
  double t1 = time_case(build, run, n, 2);
  double t4 = time_case(build, run, 4 * n, 2);
  double ratio = t4 / (t1 > 1e-4 ? t1 : 1e-4);
  if (t4 >= CG_MIN_SECONDS && ratio >= CG_RATIO_MAX) {
    /* Cache and frequency effects of a busy machine still only add time: measure
     * once more, with more repetitions, before calling it super-linear. */
    t1 = time_case(build, run, n, 4);
    t4 = time_case(build, run, 4 * n, 3);
    ratio = t4 / (t1 > 1e-4 ? t1 : 1e-4);
  }
  print_message("%-34s N=%-9zu %.3fs  4N: %.3fs  ratio %.1f\n", what, n, t1, t4, ratio);
  if (t4 >= CG_MIN_SECONDS) assert_true(ratio < CG_RATIO_MAX);
}

#endif
