/* The escapers of render/escape.h: UTF-8 repair and control stripping, then the
 * quoting rules of one output format each. */
#include "escape.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when the bytes are not one.
 * Follows RFC 3629 (no overlongs, no surrogates, nothing above U+10FFFF). */
static size_t utf8_seq(const unsigned char *s, unsigned *cp) {
  unsigned c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    if ((s[1] & 0xC0) != 0x80) return 0;
    *cp = ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned lo = 0x80, hi = 0xBF;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
    if (s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80) return 0;
    *cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned lo = 0x80, hi = 0xBF;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
    if (s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80) return 0;
    *cp = ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
    return 4;
  }
  return 0;
}

/* Walks s and calls emit for each kept code point (as its UTF-8 bytes). Controls are
 * dropped, whitespace controls become ' ', invalid bytes become U+FFFD. Noncharacters
 * U+FFFE/U+FFFF and C1 controls are dropped too: XML and browsers dislike them. */
typedef void (*emit_fn)(cg_buf *out, const char *bytes, size_t n);

static void walk(cg_buf *out, const char *s, emit_fn emit, bool keep_lf) {
  if (!s) return;
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    unsigned cp = 0;
    size_t n = utf8_seq(p, &cp);
    if (n == 0) {
      emit(out, "\xEF\xBF\xBD", 3);
      p++;
      continue;
    }
    if (cp == '\n' && keep_lf) {
      emit(out, "\n", 1);
    } else if (cp == '\t' || cp == '\n' || cp == '\r') {
      emit(out, " ", 1);
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF) {
      /* dropped */
    } else {
      emit(out, (const char *)p, n);
    }
    p += n;
  }
}

static void emit_plain(cg_buf *out, const char *b, size_t n) { cg_buf_append(out, b, n); }

static void emit_xml(cg_buf *out, const char *b, size_t n) {
  switch (b[0]) {
  case '&': cg_buf_puts(out, "&amp;"); break;
  case '<': cg_buf_puts(out, "&lt;"); break;
  case '>': cg_buf_puts(out, "&gt;"); break;
  case '"': cg_buf_puts(out, "&quot;"); break;
  case '\'': cg_buf_puts(out, "&#39;"); break;
  default: cg_buf_append(out, b, n);
  }
}

static void emit_dot(cg_buf *out, const char *b, size_t n) {
  if (b[0] == '\\')
    cg_buf_puts(out, "\\\\");
  else if (b[0] == '&')
    cg_buf_puts(out, "&amp;");
  else if (b[0] == '<')
    cg_buf_puts(out, "&lt;");
  else if (b[0] == '>')
    cg_buf_puts(out, "&gt;");
  else
    cg_buf_append(out, b, n);
}

static void emit_csv(cg_buf *out, const char *b, size_t n) {
  if (b[0] == '"')
    cg_buf_puts(out, "\"\"");
  else
    cg_buf_append(out, b, n);
}

void cg_esc_clean(cg_buf *out, const char *s) {
  cg_buf_append(out, "", 0);
  walk(out, s, emit_plain, false);
}

void cg_esc_clean_lines(cg_buf *out, const char *s) {
  cg_buf_append(out, "", 0);
  walk(out, s, emit_plain, true);
}

/* Returns a cleaned copy of s; caller frees. Never NULL (NULL gives ""). */
char *cg_esc_clean_dup(const char *s) {
  cg_buf b = {0};
  cg_esc_clean(&b, s);
  if (!b.data) return cg_xstrdup("");
  return cg_buf_detach(&b);
}

void cg_esc_xml(cg_buf *out, const char *s) {
  cg_buf_append(out, "", 0);
  walk(out, s, emit_xml, false);
}

void cg_esc_html(cg_buf *out, const char *s) { cg_esc_xml(out, s); }

/* Returns the escString form of s for agsafeset; caller frees. Never NULL. */
char *cg_esc_dot_label(const char *s) {
  cg_buf b = {0};
  cg_buf_append(&b, "", 0);
  walk(&b, s, emit_dot, false);
  return cg_buf_detach(&b);
}

void cg_esc_csv(cg_buf *out, const char *s) {
  cg_buf clean = {0};
  cg_esc_clean(&clean, s);
  const char *c = clean.data ? clean.data : "";
  bool formula = (s && (s[0] == '\t' || s[0] == '\r')) ||
                 (c[0] == '=' || c[0] == '+' || c[0] == '-' || c[0] == '@');
  size_t n = strlen(c);
  bool quote = formula || strpbrk(c, ",\"\r\n") != NULL ||
               (n > 0 && (c[0] == ' ' || c[n - 1] == ' '));
  if (quote) cg_buf_putc(out, '"');
  if (formula) cg_buf_putc(out, '\'');
  walk(out, c, emit_csv, false);
  if (quote) cg_buf_putc(out, '"');
  cg_buf_free(&clean);
}

/* Returns at most max_chars code points of cleaned s, with "…" when cut; caller frees. */
char *cg_esc_truncate(const char *s, size_t max_chars) {
  char *c = cg_esc_clean_dup(s);
  if (max_chars == 0) {
    c[0] = '\0';
    return c;
  }
  size_t chars = 0, i = 0;
  while (c[i]) {
    if (chars == max_chars) {
      /* cut at a code point boundary, leaving room for the ellipsis */
      size_t j = i;
      do {
        j--;
      } while (j > 0 && ((unsigned char)c[j] & 0xC0) == 0x80);
      c = cg_xrealloc(c, j + 4);
      memcpy(c + j, "\xE2\x80\xA6", 4);
      return c;
    }
    i++;
    while (((unsigned char)c[i] & 0xC0) == 0x80) i++;
    chars++;
  }
  return c;
}
