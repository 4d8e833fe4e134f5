/*
 * Test helper: starts a program as a child whose standard output is a pipe the test
 * reads and whose standard error goes to a temporary file, so that a test can check
 * the exit status, both streams and how the output arrives. Header-only; needs the
 * POSIX declarations (_DEFAULT_SOURCE or _POSIX_C_SOURCE) and cmocka.
 */
#ifndef CG_CLI_FIXTURE_H
#define CG_CLI_FIXTURE_H

#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct fx_child {
  pid_t pid;
  int out;   /* read end of the child's standard output: the caller closes it */
  FILE *err; /* the child's standard error (a tmpfile): the caller closes it */
} fx_child;

/* Starts path with argv (borrowed, NULL-terminated), in directory dir when not NULL. */
static inline fx_child fx_spawn(const char *dir, const char *path, char *const *argv) {
  fx_child c = {-1, -1, tmpfile()};
  int out[2];
  assert_non_null(c.err);
  assert_int_equal(pipe(out), 0);
  fflush(stdout);
  fflush(stderr);
  c.pid = fork();
  assert_true(c.pid >= 0);
  if (c.pid == 0) {
    dup2(out[1], 1);
    dup2(fileno(c.err), 2);
    close(out[0]);
    close(out[1]);
    if (dir && chdir(dir) != 0) _exit(127);
    execv(path, argv);
    _exit(127);
  }
  close(out[1]);
  c.out = out[0];
  return c;
}

/* Waits for the child; returns its exit status, -1 when it was killed. */
static inline int fx_wait(const fx_child *c) {
  int st = 0;
  assert_int_equal(waitpid(c->pid, &st, 0), c->pid);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#endif
