/* Exports (GEXF, DOT, CSV, TimelineJS) and the hostile-text corpus through every
 * output format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "escape.h"
#include "inert_check.h"
#include "network.h"
#include "render.h"
#include "render_fixture.h"

#include <cgraph.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ CSV reader (RFC 4180) */

typedef struct csv_row {
  char *cells[32];
  size_t n;
} csv_row;

/* Parses text into rows; returns the row count (max rows), or -1 when malformed. */
static int csv_parse(const char *s, csv_row *rows, int max) {
  int nr = 0;
  cg_buf cell = {0};
  while (*s && nr < max) {
    csv_row *r = &rows[nr];
    r->n = 0;
    for (;;) {
      cg_buf_clear(&cell);
      cg_buf_append(&cell, "", 0);
      if (*s == '"') {
        s++;
        for (;;) {
          if (!*s) return -1;
          if (*s == '"' && s[1] == '"') {
            cg_buf_putc(&cell, '"');
            s += 2;
          } else if (*s == '"') {
            s++;
            break;
          } else {
            cg_buf_putc(&cell, *s++);
          }
        }
      } else {
        while (*s && *s != ',' && *s != '\r' && *s != '\n') {
          if (*s == '"') return -1;
          cg_buf_putc(&cell, *s++);
        }
      }
      if (r->n < 32) r->cells[r->n++] = cg_xstrdup(cell.data);
      if (*s == ',') {
        s++;
        continue;
      }
      if (s[0] == '\r' && s[1] == '\n') {
        s += 2;
        break;
      }
      if (!*s) break;
      return -1;
    }
    nr++;
  }
  cg_buf_free(&cell);
  return nr;
}

static void csv_free(csv_row *rows, int n) {
  for (int i = 0; i < n; i++)
    for (size_t k = 0; k < rows[i].n; k++) free(rows[i].cells[k]);
}

/* ------------------------------------------------------------ tests */

/* One Graphviz context for the program (cg_render_ctx in render.h), as group state. */
static int group_setup(void **state) {
  *state = cg_render_ctx_new();
  return *state ? 0 : -1;
}

static int group_teardown(void **state) {
  cg_render_ctx_free(*state);
  return 0;
}

static void escapers(void **state) {
    cg_buf b = {0};
  cg_esc_xml(&b, "a<b>&\"'\x01\xff");
  assert_string_equal(b.data, "a&lt;b&gt;&amp;&quot;&#39;\xEF\xBF\xBD");
  cg_buf_free(&b);
  char *d = cg_esc_dot_label("\\N <x> & \\");
  assert_string_equal(d, "\\\\N &lt;x&gt; &amp; \\\\");
  free(d);
  cg_esc_csv(&b, "=1+2");
  assert_string_equal(b.data, "\"'=1+2\"");
  cg_buf_clear(&b);
  cg_esc_csv(&b, "plain");
  assert_string_equal(b.data, "plain");
  cg_buf_clear(&b);
  cg_esc_csv(&b, "say \"hi\", ok");
  assert_string_equal(b.data, "\"say \"\"hi\"\", ok\"");
  cg_buf_clear(&b);
  cg_esc_csv(&b, "\t@x");
  assert_string_equal(b.data, "\"' @x\"");
  cg_buf_free(&b);
  char *t = cg_esc_truncate("h\xC3\xA9llo world", 4);
  assert_string_equal(t, "h\xC3\xA9l\xE2\x80\xA6");
  free(t);
}

static void gexf_structure(void **state) {
    cg_corpus *c = fx_ukraine();
  cg_network *n = NULL;
  assert_int_equal(cg_network_new(&n, c, NULL), CG_OK);
  cg_buf out = {0};
  assert_int_equal(cg_export_gexf(c, n, &out, NULL), CG_OK);
  xmlDoc *doc = xmlReadMemory(out.data, (int)out.len, "g.gexf", "UTF-8", XML_PARSE_NONET);
  assert_non_null(doc);
  xmlNode *root = xmlDocGetRootElement(doc);
  assert_string_equal((char *)root->name, "gexf");
  xmlChar *ver = xmlGetProp(root, BAD_CAST "version");
  assert_string_equal((char *)ver, "1.3");
  xmlFree(ver);
  assert_string_equal((const char *)root->ns->href, "http://gexf.net/1.3");
  /* walk: count nodes, find the annexation's spell */
  size_t nodes = 0, edges = 0;
  bool annex_spell = false, actor_spell = false;
  xmlNode *stack[64];
  size_t sp = 0;
  stack[sp++] = root;
  while (sp) {
    for (xmlNode *x = stack[--sp]; x; x = x->next) {
      if (x->type != XML_ELEMENT_NODE) continue;
      if (!strcmp((char *)x->name, "node")) {
        nodes++;
        xmlChar *label = xmlGetProp(x, BAD_CAST "label");
        for (xmlNode *s = x->children; s; s = s->next)
          if (s->type == XML_ELEMENT_NODE && !strcmp((char *)s->name, "spells")) {
            xmlNode *sp1 = s->children;
            while (sp1 && sp1->type != XML_ELEMENT_NODE) sp1 = sp1->next;
            xmlChar *st = xmlGetProp(sp1, BAD_CAST "start"), *en = xmlGetProp(sp1, BAD_CAST "end");
            if (!strcmp((char *)label, "annex"))
              annex_spell = !strcmp((char *)st, "2014-03-18") && !strcmp((char *)en, "2014-03-18");
            if (!strcmp((char *)label, "Russia"))
              actor_spell = !strcmp((char *)st, "2014-01-01") && !strcmp((char *)en, "2025-11-29");
            xmlFree(st), xmlFree(en);
          }
        xmlFree(label);
      }
      if (!strcmp((char *)x->name, "edge")) edges++;
      if (x->children && sp < 64) stack[sp++] = x->children;
    }
  }
  assert_int_equal(nodes, c->actors.len + c->events.len);
  assert_true(edges > c->events.len);
  assert_true(annex_spell);
  assert_true(actor_spell);
  xmlFreeDoc(doc);
  cg_buf_free(&out);
  cg_network_free(n);
  fx_free(c);
}

static void dot_round_trip(void **state) {
    cg_corpus *c = fx_hostile();
  cg_network *n = NULL;
  assert_int_equal(cg_network_new(&n, c, NULL), CG_OK);
  cg_buf out = {0};
  assert_int_equal(cg_export_dot(c, n, &out, NULL), CG_OK);
  assert_null(strstr(out.data, "<script")); /* markup only as entities */
  Agraph_t *g = agmemread(out.data);
  assert_non_null(g); /* parses back */
  assert_int_equal(agnnodes(g), (int)(c->actors.len + c->events.len));
  /* the label of actor 2 keeps its backslashes doubled (so \N stays literal) */
  Agnode_t *v = agnode(g, "a2", 0);
  assert_non_null(v);
  char *lab = agget(v, "label");
  assert_non_null(strstr(lab, "\\\\N"));
  assert_non_null(strstr(lab, "R&amp;D;"));
  agclose(g);
  cg_buf_free(&out);
  cg_network_free(n);
  fx_free(c);
}

static void csv_is_rfc4180_and_neutralised(void **state) {
    cg_corpus *c = fx_hostile();
  cg_network *n = NULL;
  assert_int_equal(cg_network_new(&n, c, NULL), CG_OK);
  for (int which = 0; which < 2; which++) {
    cg_buf out = {0};
    assert_int_equal(which ? cg_export_csv_actors(c, &out, NULL) : cg_export_csv_events(c, &out, NULL),
                     CG_OK);
    csv_row rows[32];
    int nr = csv_parse(out.data, rows, 32);
    assert_int_equal(nr, 1 + (int)(which ? c->actors.len : c->events.len));
    for (int r = 1; r < nr; r++) {
      assert_int_equal(rows[r].n, rows[0].n);
      for (size_t k = 0; k < rows[r].n; k++) {
        const char *v = rows[r].cells[k];
        assert_false(v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t');
        for (const char *p = v; *p; p++) assert_true((unsigned char)*p >= 0x20);
      }
    }
    csv_free(rows, nr);
    cg_buf_free(&out);
  }
  cg_network_free(n);
  fx_free(c);
}

static void timelinejs_dates(void **state) {
    cg_corpus *c = fx_ukraine();
  json_t *j = cg_export_timelinejs(c);
  json_t *evs = json_object_get(j, "events");
  assert_int_equal(json_array_size(evs), 8); /* dated only */
  size_t checked = 0;
  for (size_t i = 0; i < json_array_size(evs); i++) {
    json_t *e = json_array_get(evs, i);
    const char *id = json_string_value(json_object_get(e, "unique_id"));
    json_t *sd = json_object_get(e, "start_date");
    assert_non_null(json_object_get(sd, "year"));
    if (!strcmp(id, "e2")) { /* "2014": year only */
      assert_null(json_object_get(sd, "month"));
      assert_int_equal(json_integer_value(json_object_get(sd, "year")), 2014);
      checked++;
    } else if (!strcmp(id, "e7")) { /* "2025-11": year and month */
      assert_int_equal(json_integer_value(json_object_get(sd, "month")), 11);
      assert_null(json_object_get(sd, "day"));
      checked++;
    } else if (!strcmp(id, "e1")) { /* a day */
      assert_int_equal(json_integer_value(json_object_get(sd, "day")), 18);
      assert_string_equal(json_string_value(json_object_get(e, "group")), "Russia");
      const char *text = json_string_value(json_object_get(json_object_get(e, "text"), "text"));
      assert_non_null(strstr(text, "Russia annexed Crimea"));
      assert_non_null(strstr(text, "Crimea vote"));
      checked++;
    } else if (!strcmp(id, "e3")) { /* APPROX: display_date says so */
      assert_non_null(strstr(json_string_value(json_object_get(e, "display_date")), "c. "));
      checked++;
    }
  }
  assert_int_equal(checked, 4);
  assert_int_equal(json_array_size(json_object_get(j, "eras")), 1); /* the invasion, since 2022 */
  json_decref(j);
  fx_free(c);
}

static void hostile_text_stays_inert(void **state) {
    cg_corpus *c = fx_hostile();
  cg_network *n = NULL;
  assert_int_equal(cg_network_new(&n, c, NULL), CG_OK);
  cg_render_opts o = cg_render_opts_default();
  o.ctx = *state;
  o.title = "<script>alert('title')</script> \\N";
  for (int theme = 0; theme < 3; theme++) {
    o.theme = (cg_theme)theme;
    cg_buf svg = {0}, asvg = {0}, html = {0};
    assert_int_equal(cg_render_timeline_svg(c, &o, &svg, NULL), CG_OK);
    assert_int_equal(fx_inert_xml(svg.data, svg.len), 0);
    assert_int_equal(cg_render_actors_svg(c, n, &o, &asvg, NULL), CG_OK);
    assert_int_equal(fx_inert_xml(asvg.data, asvg.len), 0);
    assert_int_equal(cg_render_report_html(c, n, &o, &html, NULL), CG_OK);
    assert_int_equal(fx_inert_html(html.data, html.len), 0);
    /* the text survives, escaped: the reader still sees what the news said */
    assert_non_null(strstr(html.data, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    cg_buf_free(&svg);
    cg_buf_free(&asvg);
    cg_buf_free(&html);
  }
  cg_buf gexf = {0};
  assert_int_equal(cg_export_gexf(c, n, &gexf, NULL), CG_OK);
  assert_int_equal(fx_inert_xml(gexf.data, gexf.len), 0);
  cg_buf_free(&gexf);
  json_t *tj = cg_export_timelinejs(c);
  char *s = json_dumps(tj, JSON_SORT_KEYS);
  assert_non_null(s);
  assert_false(fx_icontains(s, "<script"));
  assert_false(fx_icontains(s, "<img"));
  assert_false(fx_icontains(s, "<iframe"));
  free(s);
  json_decref(tj);
  cg_network_free(n);
  fx_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(escapers),         cmocka_unit_test(gexf_structure),
      cmocka_unit_test(dot_round_trip),   cmocka_unit_test(csv_is_rfc4180_and_neutralised),
      cmocka_unit_test(timelinejs_dates), cmocka_unit_test(hostile_text_stays_inert),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown) != 0;
}
