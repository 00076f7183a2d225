/* SPDX-License-Identifier: MIT */
/*
 * Full-text search (queries/fulltext.c): folding (traditional finds
 * simplified, full-width, case), the ranking order, --in scopes, the
 * marks and offsets of a quote, windows cut on character boundaries, what
 * a view hides, near misses, and the index against a brute-force scan of
 * seeded random graphs. Every test builds its graph through the graph
 * API.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zg_graph.h"
#include "zg_query.h"
#include "zg_text.h"

/* ---- building graphs ---- */

static zg_graph *
new_graph(void)
{
    zg_graph *g = NULL;
    zg_error err = {0};
    zg_nodetype_info t;
    zg_reltype_info r;
    zg_source_info s;
    zg_id id;

    assert_int_equal(zg_graph_new(&g, &err), ZG_OK);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    memset(&t, 0, sizeof t);
    t.name = "zone";
    t.priority = 10;
    assert_int_equal(zg_graph_add_nodetype(g, &t, &id, &err), ZG_OK);
    t.name = "city";
    t.priority = 20;
    assert_int_equal(zg_graph_add_nodetype(g, &t, &id, &err), ZG_OK);
    memset(&r, 0, sizeof r);
    r.name = "rel";
    r.from = "*";
    r.to = "*";
    assert_int_equal(zg_graph_add_reltype(g, &r, &id, &err), ZG_OK);
    memset(&s, 0, sizeof s);
    s.id = "s1";
    s.title = "source";
    assert_int_equal(zg_graph_add_source(g, &s, &id, &err), ZG_OK);
    return g;
}

static zg_id
node(zg_graph *g, const char *key, const char *type, const char *name,
     const char *evidence, const char *note)
{
    zg_node_info n;
    zg_error err = {0};
    zg_id id = ZG_NO_ID;

    memset(&n, 0, sizeof n);
    n.key = key;
    n.type = zg_graph_nodetype_by_name(g, type);
    n.name = name;
    n.sources = "s1";
    n.evidence = evidence;
    n.note = note;
    assert_int_equal(zg_graph_add_node(g, &n, &id, NULL, &err), ZG_OK);
    return id;
}

static zg_id
edge(zg_graph *g, zg_id from, zg_id to, const char *evidence)
{
    zg_edge_info e;
    zg_error err = {0};
    zg_id id = ZG_NO_ID;

    memset(&e, 0, sizeof e);
    e.from = from;
    e.type = zg_graph_reltype_by_name(g, "rel");
    e.to = to;
    e.source = "s1";
    e.evidence = evidence;
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
    return id;
}

static void
prop(zg_graph *g, zg_id owner, int on_edge, const char *name, const char *value,
     const char *since)
{
    zg_prop p;
    zg_error err = {0};

    memset(&p, 0, sizeof p);
    p.name = name;
    p.value = value;
    p.kind = ZG_PROP_STRING;
    p.since = since;
    if (on_edge)
        assert_int_equal(zg_graph_add_edge_prop(g, owner, &p, &err), ZG_OK);
    else
        assert_int_equal(zg_graph_add_node_prop(g, owner, &p, &err), ZG_OK);
}

static void
figure(zg_graph *g, zg_id owner, const char *name, const char *value,
       const char *zh, const char *unit, const char *evidence)
{
    zg_prop p;
    zg_error err = {0};

    memset(&p, 0, sizeof p);
    p.name = name;
    p.value = value;
    p.kind = ZG_PROP_FIGURE;
    p.number = atof(value);
    p.zh = zh;
    p.unit = unit;
    p.date = "2020";
    p.approx = "exact";
    p.figure_kind = "actual";
    p.source = "s1";
    p.evidence = evidence;
    assert_int_equal(zg_graph_add_node_prop(g, owner, &p, &err), ZG_OK);
}

static void
commit(zg_graph *g)
{
    zg_error err = {0};

    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
}

/* Search `q` in a fresh index of `g`; the result (free it). */
static zg_result *
search(zg_graph *g, const char *q, const zg_fulltext_opts *o)
{
    zg_fulltext *ft = NULL;
    zg_result *r = NULL;
    zg_error err = {0};

    assert_int_equal(zg_fulltext_new(&ft, g, &err), ZG_OK);
    assert_int_equal(zg_fulltext_search(ft, q, o, &r, &err), ZG_OK);
    zg_fulltext_free(ft);
    return r;
}

static const char *
str(const zg_result *r, size_t row, size_t col)
{
    const zg_value *v = zg_result_cell(r, row, col);

    return v->kind == ZG_VAL_STRING ? v->str : NULL;
}

static long long
num(const zg_result *r, size_t row, size_t col)
{
    const zg_value *v = zg_result_cell(r, row, col);

    assert_int_equal(v->kind, ZG_VAL_INT);
    return v->i;
}

/* The row whose `on` cell is node `n` (edge when `is_edge`), or -1. */
static long
row_on(const zg_result *r, zg_id id, int is_edge)
{
    for (size_t i = 0; i < zg_result_rows(r); i++) {
        const zg_value *v = zg_result_cell(r, i, 3);
        if (v->id == id && v->kind == (is_edge ? ZG_VAL_EDGE : ZG_VAL_NODE))
            return (long)i;
    }
    return -1;
}

/* ---- tests ---- */

static void
test_free_null(void **state)
{
    (void)state;
    zg_fulltext_free(NULL);
    assert_int_equal(zg_fulltext_bytes(NULL), 0);
}

static void
test_columns(void **state)
{
    zg_graph *g = new_graph();
    zg_fulltext_opts o;
    zg_result *r;
    static const char *const names[] = {"score", "match", "where", "on",
                                        "type",  "text",  "start", "end"};

    (void)state;
    node(g, "a", "zone", "甲", NULL, NULL);
    commit(g);
    r = search(g, "甲", NULL);
    assert_int_equal(zg_result_cols(r), 6);
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(zg_result_colname(r, i), names[i]);
    zg_result_free(r);
    memset(&o, 0, sizeof o);
    o.offsets = 1;
    r = search(g, "甲", &o);
    assert_int_equal(zg_result_cols(r), 8);
    for (size_t i = 0; i < 8; i++)
        assert_string_equal(zg_result_colname(r, i), names[i]);
    zg_result_free(r);
    zg_graph_free(g);
}

static void
test_folding(void **state)
{
    zg_graph *g = new_graph();
    zg_result *r;
    zg_id a, b, c;

    (void)state;
    a = node(g, "a", "zone", "甲", "支持创建天津（滨海新区）先导区", NULL);
    b = node(g, "b", "zone", "乙", NULL, NULL);
    c = node(g, "c", "city", "丙", NULL, NULL);
    prop(g, b, 0, "field", "ai chips and Smart Port", NULL);
    prop(g, c, 0, "width", "ＡＢＣ全角", NULL);
    commit(g);

    /* traditional 濱海 finds simplified 滨海 inside a sentence; the quote
     * is the text as written, the match marked */
    r = search(g, "濱海", NULL);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(zg_result_cell(r, 0, 3)->id, a);
    assert_string_equal(str(r, 0, 2), "evidence");
    assert_string_equal(str(r, 0, 5), "支持创建天津（【滨海】新区）先导区");
    zg_result_free(r);

    /* case: upper-case query, mixed-case text */
    r = search(g, "SMART PORT", NULL);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(zg_result_cell(r, 0, 3)->id, b);
    assert_string_equal(str(r, 0, 2), "prop field");
    assert_string_equal(str(r, 0, 5), "ai chips and 【Smart Port】");
    zg_result_free(r);

    /* width: an ASCII query finds full-width text, and the mark wraps
     * the full-width characters as written */
    r = search(g, "bc", NULL);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(zg_result_cell(r, 0, 3)->id, c);
    assert_string_equal(str(r, 0, 5), "Ａ【ＢＣ】全角");
    zg_result_free(r);

    /* one character, CJK and ASCII */
    r = search(g, "角", NULL);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(zg_result_cell(r, 0, 3)->id, c);
    zg_result_free(r);
    r = search(g, "P", NULL);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(zg_result_cell(r, 0, 3)->id, b);
    zg_result_free(r);
    zg_graph_free(g);
}

/* Within a score, a whole value comes before its start, and that before
 * text inside it, whatever the types' priorities. */
static void
test_fit(void **state)
{
    zg_graph *g = new_graph();
    zg_result *r;
    zg_id zone, city, other;

    (void)state;
    zone = node(g, "z", "zone", "甲", NULL, NULL);
    city = node(g, "c", "city", "乙", NULL, NULL);
    other = node(g, "o", "city", "丙", NULL, NULL);
    prop(g, zone, 0, "role", "一个核心", NULL);
    prop(g, other, 0, "role", "核心区", NULL);
    prop(g, city, 0, "role", "核心", NULL);
    commit(g);
    r = search(g, "核心", NULL);
    assert_int_equal(zg_result_rows(r), 3);
    assert_int_equal(zg_result_cell(r, 0, 3)->id, city);
    assert_string_equal(str(r, 0, 1), "exact");
    assert_int_equal(zg_result_cell(r, 1, 3)->id, other);
    assert_string_equal(str(r, 1, 1), "prefix");
    assert_int_equal(zg_result_cell(r, 2, 3)->id, zone);
    assert_string_equal(str(r, 2, 1), "substring");
    zg_result_free(r);
    zg_graph_free(g);
}

static void
test_ranking(void **state)
{
    zg_graph *g = new_graph();
    zg_error err = {0};
    zg_result *r;
    zg_id n[8], e;
    static const long long want[] = {0, 0, 1, 2, 3, 4, 4, 5, 5};
    static const char *const where[] = {"name",      "name",     "alias",
                                        "name",      "name",     "prop role",
                                        "prop role", "evidence", "note"};

    (void)state;
    /* added in an order that is not the answer's */
    n[0] = node(g, "ev", "zone", "戊", "这里说到金融", NULL);
    n[1] = node(g, "pr", "zone", "丁", NULL, NULL);
    n[2] = node(g, "sub", "zone", "智慧金融", NULL, NULL);
    n[3] = node(g, "pre", "zone", "金融科技", NULL, NULL);
    n[4] = node(g, "al", "zone", "丙", NULL, NULL);
    n[5] = node(g, "city", "city", "金融", NULL, NULL);
    n[6] = node(g, "exact", "zone", "金融", NULL, NULL);
    n[7] = node(g, "nt", "city", "己", NULL, "一条金融的注");
    assert_int_equal(zg_graph_add_alias(g, n[4], "金融", NULL, &err), ZG_OK);
    prop(g, n[1], 0, "role", "金融中心", NULL);
    e = edge(g, n[1], n[4], "无关");
    prop(g, e, 1, "role", "金融区", NULL);
    commit(g);

    r = search(g, "金融", NULL);
    assert_int_equal(zg_result_rows(r), 9);
    for (size_t i = 0; i < 9; i++) {
        assert_int_equal(num(r, i, 0), want[i]);
        assert_string_equal(str(r, i, 2), where[i]);
    }
    /* exact names: the zone (priority 10) before the city (20) */
    assert_int_equal(zg_result_cell(r, 0, 3)->id, n[6]);
    assert_int_equal(zg_result_cell(r, 1, 3)->id, n[5]);
    assert_int_equal(zg_result_cell(r, 2, 3)->id, n[4]);
    assert_int_equal(zg_result_cell(r, 3, 3)->id, n[3]);
    assert_string_equal(str(r, 3, 1), "prefix");
    assert_int_equal(zg_result_cell(r, 4, 3)->id, n[2]);
    assert_string_equal(str(r, 4, 1), "substring");
    /* properties: the node before the relation (same priority) */
    assert_int_equal(zg_result_cell(r, 5, 3)->kind, ZG_VAL_NODE);
    assert_int_equal(zg_result_cell(r, 5, 3)->id, n[1]);
    assert_int_equal(zg_result_cell(r, 6, 3)->kind, ZG_VAL_EDGE);
    assert_int_equal(zg_result_cell(r, 6, 3)->id, e);
    assert_string_equal(str(r, 6, 4), "rel");
    /* evidence and notes: the zone before the city */
    assert_int_equal(zg_result_cell(r, 7, 3)->id, n[0]);
    assert_int_equal(zg_result_cell(r, 8, 3)->id, n[7]);
    zg_result_free(r);

    /* --max keeps the best */
    {
        zg_fulltext_opts o;
        memset(&o, 0, sizeof o);
        o.max = 2;
        r = search(g, "金融", &o);
        assert_int_equal(zg_result_rows(r), 2);
        assert_int_equal(zg_result_cell(r, 0, 3)->id, n[6]);
        assert_int_equal(zg_result_cell(r, 1, 3)->id, n[5]);
        zg_result_free(r);
    }
    zg_graph_free(g);
}

static void
test_one_hit_per_entity(void **state)
{
    zg_graph *g = new_graph();
    zg_result *r;
    zg_id a;

    (void)state;
    a = node(g, "a", "zone", "海港", "海港的证据", "海港的注");
    prop(g, a, 0, "p", "海港值", NULL);
    commit(g);
    r = search(g, "海港", NULL);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(str(r, 0, 2), "name");
    zg_result_free(r);
    zg_graph_free(g);
}

static void
test_scopes(void **state)
{
    zg_graph *g = new_graph();
    zg_fulltext_opts o;
    zg_result *r;
    zg_id a, b, c, e;

    (void)state;
    a = node(g, "a", "zone", "西部甲", NULL, NULL);
    b = node(g, "b", "zone", "乙", NULL, "注：西部");
    c = node(g, "c", "zone", "丙", NULL, NULL);
    figure(g, c, "scale", "500", "西部规模", "亿元", "西部证据说五百亿元");
    e = edge(g, a, b, "西部的句子");
    commit(g);
    memset(&o, 0, sizeof o);

    o.in = ZG_FT_NAMES;
    r = search(g, "西部", &o);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(row_on(r, a, 0), 0);
    zg_result_free(r);

    o.in = ZG_FT_PROPS;
    r = search(g, "西部", &o);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(row_on(r, c, 0), 0);
    assert_string_equal(str(r, 0, 2), "figure scale");
    assert_string_equal(str(r, 0, 5), "【西部】规模");
    zg_result_free(r);
    /* a figure's unit is a property text; its evidence is not */
    r = search(g, "亿元", &o);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(str(r, 0, 5), "【亿元】");
    zg_result_free(r);

    o.in = ZG_FT_EVIDENCE;
    r = search(g, "西部", &o);
    assert_int_equal(zg_result_rows(r), 3);
    assert_true(row_on(r, b, 0) >= 0);
    assert_string_equal(str(r, (size_t)row_on(r, b, 0), 2), "note");
    assert_true(row_on(r, c, 0) >= 0);
    assert_string_equal(str(r, (size_t)row_on(r, c, 0), 2),
                        "figure scale evidence");
    assert_true(row_on(r, e, 1) >= 0);
    assert_int_equal(row_on(r, a, 0), -1);
    zg_result_free(r);

    o.in = ZG_FT_NAMES | ZG_FT_EVIDENCE;
    r = search(g, "西部", &o);
    assert_int_equal(zg_result_rows(r), 4);
    assert_int_equal(row_on(r, a, 0), 0);
    zg_result_free(r);
    zg_graph_free(g);
}

static void
test_offsets(void **state)
{
    zg_graph *g = new_graph();
    zg_fulltext_opts o;
    zg_result *r;

    (void)state;
    node(g, "a", "zone", "甲", "聚焦“科技冬奥”等", NULL);
    commit(g);
    memset(&o, 0, sizeof o);
    o.offsets = 1;
    r = search(g, "科技冬奧", &o);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(str(r, 0, 5), "聚焦“科技冬奥”等");
    assert_int_equal(num(r, 0, 6), 3);
    assert_int_equal(num(r, 0, 7), 7);
    zg_result_free(r);
    zg_graph_free(g);
}

/* Display width of `s` with the marks 【】 taken out. */
static size_t
unmarked_width(const char *s)
{
    char buf[4096];
    size_t n = 0;

    for (const char *p = s; *p;) {
        if (strncmp(p, "【", strlen("【")) == 0) {
            p += strlen("【");
            continue;
        }
        if (strncmp(p, "】", strlen("】")) == 0) {
            p += strlen("】");
            continue;
        }
        assert_true(n + 1 < sizeof buf);
        buf[n++] = *p++;
    }
    buf[n] = '\0';
    return zg_text_width(buf);
}

static void
test_windows(void **state)
{
    zg_graph *g = new_graph();
    zg_fulltext_opts o;
    char sentence[2048] = "";

    (void)state;
    /* wide, narrow and four-byte characters around the match, and a line
     * break */
    for (int i = 0; i < 20; i++)
        strcat(sentence, i % 3 ? "人工智能" : "a𠀀b\n");
    strcat(sentence, "目标词");
    for (int i = 0; i < 20; i++)
        strcat(sentence, i % 2 ? "创新应用" : "xé𠀁");
    node(g, "a", "zone", "甲", sentence, NULL);
    commit(g);
    memset(&o, 0, sizeof o);
    for (size_t w = 1; w <= 80; w++) {
        zg_result *r;
        const char *t;
        o.window = w;
        r = search(g, "目标词", &o);
        assert_int_equal(zg_result_rows(r), 1);
        t = str(r, 0, 5);
        assert_true(zg_utf8_valid(t, strlen(t)));
        assert_non_null(strstr(t, "【目标词】"));
        assert_null(strchr(t, '\n'));
        /* cut on both sides, and within the window once the match and
         * the two ellipses fit */
        assert_true(strncmp(t, "…", strlen("…")) == 0);
        assert_true(strlen(t) >= strlen("…") &&
                    strcmp(t + strlen(t) - strlen("…"), "…") == 0);
        if (w >= 6 + 2)
            assert_true(unmarked_width(t) <= w);
        else
            assert_true(unmarked_width(t) == 6 + 2);
        zg_result_free(r);
    }
    /* a short text is quoted whole */
    o.window = 0;
    {
        zg_result *r = search(g, "甲", &o);
        assert_string_equal(str(r, 0, 5), "【甲】");
        zg_result_free(r);
    }
    zg_graph_free(g);
}

static void
test_view(void **state)
{
    zg_graph *g = new_graph();
    zg_fulltext_opts o;
    zg_view *v = NULL;
    zg_error err = {0};
    zg_result *r;
    zg_id a, b;

    (void)state;
    a = node(g, "a", "zone", "甲", NULL, NULL);
    b = node(g, "b", "zone", "乙", NULL, NULL);
    prop(g, a, 0, "p", "新区值", "2022");
    prop(g, b, 0, "p", "旧新区", NULL);
    commit(g);
    assert_int_equal(zg_view_new(&v, g, "2021", &err), ZG_OK);
    memset(&o, 0, sizeof o);
    o.filter.view = v;
    r = search(g, "新区", &o);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(row_on(r, b, 0), 0);
    zg_result_free(r);
    o.filter.view = NULL;
    r = search(g, "新区", &o);
    assert_int_equal(zg_result_rows(r), 2);
    zg_result_free(r);
    zg_view_free(v);
    zg_graph_free(g);
}

/* The search applies its filter's view only: a filter asking for
 * relation types, node types or a direction is refused, not ignored. */
static void
test_filter_refused(void **state)
{
    zg_graph *g = new_graph();
    const char *types[] = {"zone"};
    zg_fulltext_opts o;
    zg_fulltext *ft = NULL;
    zg_result *r = (zg_result *)1;
    zg_error err = {0};

    (void)state;
    node(g, "a", "zone", "甲", NULL, NULL);
    commit(g);
    assert_int_equal(zg_fulltext_new(&ft, g, &err), ZG_OK);
    memset(&o, 0, sizeof o);
    o.filter.types = types;
    o.filter.n_types = 1;
    assert_int_equal(zg_fulltext_search(ft, "甲", &o, &r, &err),
                     ZG_ERR_INVALID);
    assert_null(r);
    assert_non_null(strstr(err.msg, "filters only by date"));
    memset(&o.filter, 0, sizeof o.filter);
    o.filter.direction = ZG_DIR_IN;
    assert_int_equal(zg_fulltext_search(ft, "甲", &o, &r, NULL),
                     ZG_ERR_INVALID);
    o.filter.direction = ZG_DIR_BOTH;
    assert_int_equal(zg_fulltext_search(ft, "甲", &o, &r, NULL), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    zg_result_free(r);
    zg_fulltext_free(ft);
    zg_graph_free(g);
}

static void
test_hidden_name_rules_out_near_misses(void **state)
{
    zg_graph *g = new_graph();
    zg_error err = {0};
    zg_node_info n;
    zg_fulltext_opts o;
    zg_view *v = NULL;
    zg_result *r;
    zg_id id;

    (void)state;
    memset(&n, 0, sizeof n);
    n.key = "binhai";
    n.type = zg_graph_nodetype_by_name(g, "zone");
    n.name = "滨海新区";
    n.since = "2022";
    assert_int_equal(zg_graph_add_node(g, &n, &id, NULL, &err), ZG_OK);
    node(g, "shanghai", "city", "上海", NULL, NULL);
    commit(g);
    assert_int_equal(zg_view_new(&v, g, "2021", &err), ZG_OK);
    memset(&o, 0, sizeof o);
    o.filter.view = v;
    /* 滨海 is one edit from 上海, but a (hidden) name holds it */
    r = search(g, "滨海", &o);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    /* a near miss of a hidden name is hidden too */
    r = search(g, "濱海新城", &o);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    o.filter.view = NULL;
    r = search(g, "濱海新城", &o);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(str(r, 0, 1), "distance 1");
    zg_result_free(r);
    zg_view_free(v);
    zg_graph_free(g);
}

static void
test_near_miss_and_errors(void **state)
{
    zg_graph *g = new_graph();
    zg_fulltext *ft = NULL;
    zg_error err = {0};
    zg_result *r = NULL;
    zg_fulltext_opts o;
    zg_id a;

    (void)state;
    a = node(g, "a", "zone", "guangzhou zone", "说到杭州", NULL);
    commit(g);
    r = search(g, "guangzhuo zone", NULL);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(num(r, 0, 0), 6 + 2);
    assert_string_equal(str(r, 0, 1), "distance 2");
    assert_string_equal(str(r, 0, 5), "guangzhou zone");
    zg_result_free(r);
    /* no near misses outside names */
    memset(&o, 0, sizeof o);
    o.in = ZG_FT_EVIDENCE;
    r = search(g, "guangzhuo zone", &o);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    /* a literal match anywhere shuts near misses out */
    r = search(g, "杭州", NULL);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(num(r, 0, 0), 5);
    assert_int_equal(row_on(r, a, 0), 0);
    zg_result_free(r);

    assert_int_equal(zg_fulltext_new(&ft, g, &err), ZG_OK);
    assert_int_equal(zg_fulltext_search(ft, "  \t ", NULL, &r, &err),
                     ZG_ERR_INVALID);
    assert_null(r);
    assert_non_null(strstr(err.msg, "nothing to search for"));
    assert_int_equal(zg_fulltext_search(ft, "\xff", NULL, &r, &err),
                     ZG_ERR_PARSE);
    assert_null(r);
    assert_true(zg_fulltext_bytes(ft) > 0);
    zg_fulltext_free(ft);
    zg_graph_free(g);
}

/* ---- the index against a scan ---- */

static uint64_t
next_random(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* Traditional and simplified, full-width and ASCII of both cases, and
 * white space. */
static const char *const alphabet[] = {"金", "融", "濱", "滨", "海",
                                       "區", "区", "a",  "B",  "b",
                                       "Ａ", "ｂ", " ",  "心", "中"};
enum { N_ALPHA = sizeof alphabet / sizeof alphabet[0] };

static void
random_text(uint64_t *rng, char *buf, size_t max_chars)
{
    size_t n = 1 + next_random(rng) % max_chars;

    buf[0] = '\0';
    for (size_t i = 0; i < n; i++)
        strcat(buf, alphabet[next_random(rng) % N_ALPHA]);
}

/* The score brute force gives `text` of a field of kind `f` (0 name, 1
 * alias, 2 property, 3 evidence), or -1 when the folded query `q` is not
 * in it. */
static int
brute_score(zg_folder *fo, const char *text, int f, const char *q)
{
    char *t = NULL;
    zg_error err = {0};
    const char *m;
    int s = -1;

    if (text == NULL)
        return -1;
    assert_int_equal(zg_fold(fo, text, strlen(text), &t, &err), ZG_OK);
    m = *t ? strstr(t, q) : NULL;
    if (m != NULL) {
        int exact = m == t && strlen(t) == strlen(q), prefix = m == t;
        s = f == 0   ? (exact    ? 0
                        : prefix ? 2
                                 : 3)
            : f == 1 ? (exact    ? 1
                        : prefix ? 2
                                 : 3)
            : f == 2 ? 4
                     : 5;
    }
    free(t);
    return s;
}

static int
better(int cur, int s)
{
    return s >= 0 && (cur < 0 || s < cur) ? s : cur;
}

static void
test_cross_check(void **state)
{
    enum { N_GRAPHS = 4, N_NODES = 60, N_EDGES = 80, N_QUERIES = 60 };
    zg_folder *fo = NULL;
    zg_error err = {0};
    uint64_t rng = 20240917;
    size_t near = 0;

    (void)state;
    assert_int_equal(zg_folder_new(&fo, &err), ZG_OK);
    for (int gi = 0; gi < N_GRAPHS; gi++) {
        zg_graph *g = new_graph();
        zg_fulltext *ft = NULL;
        char buf[4][128], key[32];
        int *want = malloc((N_NODES + N_EDGES) * sizeof *want);
        assert_non_null(want);
        for (int i = 0; i < N_NODES; i++) {
            zg_id n;
            snprintf(key, sizeof key, "k%d", i);
            for (int j = 0; j < 4; j++)
                random_text(&rng, buf[j], 6 + 10 * (j == 3));
            n = node(g, key, i % 2 ? "zone" : "city", buf[0],
                     i % 3 ? buf[3] : NULL, NULL);
            if (i % 2)
                assert_int_equal(zg_graph_add_alias(g, n, buf[1], NULL, &err),
                                 ZG_OK);
            if (i % 4 == 0)
                prop(g, n, 0, "p", buf[2], NULL);
        }
        for (int i = 0; i < N_EDGES; i++) {
            zg_id e;
            random_text(&rng, buf[3], 16);
            random_text(&rng, buf[2], 5);
            e = edge(g, (zg_id)(next_random(&rng) % N_NODES),
                     (zg_id)(next_random(&rng) % N_NODES), buf[3]);
            if (i % 3 == 0)
                prop(g, e, 1, "q", buf[2], NULL);
        }
        commit(g);
        assert_int_equal(zg_fulltext_new(&ft, g, &err), ZG_OK);
        for (int qi = 0; qi < N_QUERIES; qi++) {
            zg_fulltext_opts o;
            zg_result *r = NULL;
            char qtext[64], *q = NULL;
            size_t expect = 0;
            random_text(&rng, qtext, 1 + qi % 6);
            assert_int_equal(zg_fold(fo, qtext, strlen(qtext), &q, &err),
                             ZG_OK);
            if (*q == '\0') {
                free(q);
                continue;
            }
            /* brute force: every field of every entity */
            for (zg_id n = 0; n < N_NODES; n++) {
                const zg_node_info *v = zg_graph_node(g, n);
                const zg_alias *al;
                const zg_prop *p;
                size_t na = zg_graph_node_aliases(g, n, &al);
                size_t np = zg_graph_node_props(g, n, &p);
                int s = brute_score(fo, v->name, 0, q);
                s = better(s, brute_score(fo, v->key, 0, q));
                for (size_t i = 0; i < na; i++)
                    s = better(s, brute_score(fo, al[i].text, 1, q));
                for (size_t i = 0; i < np; i++)
                    s = better(s, brute_score(fo, p[i].value, 2, q));
                s = better(s, brute_score(fo, v->evidence, 3, q));
                want[n] = s;
                expect += s >= 0;
            }
            for (zg_id e = 0; e < N_EDGES; e++) {
                const zg_prop *p;
                size_t np = zg_graph_edge_props(g, e, &p);
                zg_edge_info x;
                int s;
                zg_graph_edge_get(g, e, &x);
                s = brute_score(fo, x.evidence, 3, q);
                for (size_t i = 0; i < np; i++)
                    s = better(s, brute_score(fo, p[i].value, 2, q));
                want[N_NODES + e] = s;
                expect += s >= 0;
            }
            memset(&o, 0, sizeof o);
            o.max = N_NODES + N_EDGES;
            assert_int_equal(zg_fulltext_search(ft, qtext, &o, &r, &err),
                             ZG_OK);
            if (expect == 0) {
                /* near misses only, the same as the search of names */
                zg_hit hits[N_NODES];
                size_t nh = 0;
                assert_int_equal(
                    zg_graph_search(g, qtext, hits, N_NODES, &nh, &err), ZG_OK);
                assert_int_equal(zg_result_rows(r), nh);
                for (size_t i = 0; i < nh; i++) {
                    assert_int_equal(zg_result_cell(r, i, 3)->id, hits[i].node);
                    assert_int_equal(num(r, i, 0), 6 + hits[i].score - 3);
                }
                near += nh;
            } else {
                assert_int_equal(zg_result_rows(r), expect);
                for (size_t i = 0; i < zg_result_rows(r); i++) {
                    const zg_value *v = zg_result_cell(r, i, 3);
                    size_t at = v->id + (v->kind == ZG_VAL_EDGE ? N_NODES : 0);
                    assert_int_equal(num(r, i, 0), want[at]);
                    if (i > 0)
                        assert_true(num(r, i, 0) >= num(r, i - 1, 0));
                    /* the quote holds the match, marked */
                    assert_non_null(strstr(str(r, i, 5), "【"));
                }
            }
            zg_result_free(r);
            free(q);
        }
        free(want);
        zg_fulltext_free(ft);
        zg_graph_free(g);
    }
    assert_true(near > 0); /* near misses were compared */
    zg_folder_free(fo);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_free_null),
        cmocka_unit_test(test_columns),
        cmocka_unit_test(test_folding),
        cmocka_unit_test(test_ranking),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_one_hit_per_entity),
        cmocka_unit_test(test_scopes),
        cmocka_unit_test(test_offsets),
        cmocka_unit_test(test_windows),
        cmocka_unit_test(test_view),
        cmocka_unit_test(test_filter_refused),
        cmocka_unit_test(test_hidden_name_rules_out_near_misses),
        cmocka_unit_test(test_near_miss_and_errors),
        cmocka_unit_test(test_cross_check),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
