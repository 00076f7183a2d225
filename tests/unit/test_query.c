/* SPDX-License-Identifier: MIT */
/*
 * Queries and text formats: the result table (strings copied, growth, bad
 * cells), the neighbourhood walk (filters, directions, depth, cycles), list
 * with conditions, find ordering, statistics, the entity card, and the
 * table (CJK alignment), record, TSV (escaping) and JSON (read back with
 * jansson) exporters, each also on text that would act on a terminal or
 * break the format (controls, bidi overrides, entity-like text, bytes that
 * are not UTF-8) and on a cell of a million characters. Every test builds
 * its graph through the graph API.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "zg_export.h"
#include "zg_graph.h"
#include "zg_query.h"
#include "zg_text.h"

#include "../support/time_budget.h"
#include "../support/utf8_check.h"

/* ---- fixture ---- */

typedef struct fx {
    zg_graph *g;
    zg_id zone_a, zone_b, zone_c, city_a, sec_m, sec_f, strat_x, strat_y;
} fx;

static zg_id
add_type(zg_graph *g, const char *name, const char *zh, const char *en,
         unsigned priority)
{
    zg_nodetype_info t;
    zg_error err = {0};
    zg_id id = ZG_NO_ID;

    memset(&t, 0, sizeof t);
    t.name = name;
    t.zh = zh;
    t.en = en;
    t.priority = priority;
    assert_int_equal(zg_graph_add_nodetype(g, &t, &id, &err), ZG_OK);
    return id;
}

static void
add_rel(zg_graph *g, const char *name, const char *zh, const char *en,
        const char *from, const char *to)
{
    zg_reltype_info r;
    zg_error err = {0};
    zg_id id;

    memset(&r, 0, sizeof r);
    r.name = name;
    r.zh = zh;
    r.en = en;
    r.from = from;
    r.to = to;
    assert_int_equal(zg_graph_add_reltype(g, &r, &id, &err), ZG_OK);
}

static zg_id
add_node(zg_graph *g, const char *key, zg_id type, const char *name,
         const char *en)
{
    zg_node_info n;
    zg_error err = {0};
    zg_id id = ZG_NO_ID;

    memset(&n, 0, sizeof n);
    n.key = key;
    n.type = type;
    n.name = name;
    n.name_en = en;
    n.sources = "s1";
    assert_int_equal(zg_graph_add_node(g, &n, &id, NULL, &err), ZG_OK);
    return id;
}

static void
add_edge(zg_graph *g, zg_id from, const char *rel, zg_id to,
         const char *evidence)
{
    zg_edge_info e;
    zg_error err = {0};
    zg_id id;

    memset(&e, 0, sizeof e);
    e.from = from;
    e.type = zg_graph_reltype_by_name(g, rel);
    e.to = to;
    e.source = "s1";
    e.evidence = evidence;
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
}

static void
add_prop(zg_graph *g, zg_id n, const char *name, const char *value,
         zg_prop_kind kind)
{
    zg_prop p;
    zg_error err = {0};

    memset(&p, 0, sizeof p);
    p.name = name;
    p.value = value;
    p.kind = kind;
    p.number = atof(value);
    assert_int_equal(zg_graph_add_node_prop(g, n, &p, &err), ZG_OK);
}

/*
 * Three zones, a city sharing zone-a's alias, two sectors, two strategies
 * that link each other (a directed cycle):
 *   zone-a -located_in-> city-a, -focuses_on-> sector-m, -serves-> strat-x
 *   zone-b -focuses_on-> sector-m, sector-f; -serves-> strat-y
 *   strat-x -links-> strat-y -links-> strat-x
 */
static int
setup(void **state)
{
    static fx f;
    zg_error err = {0};
    zg_source_info s;
    zg_prop fig;
    zg_id zone, city, sector, strategy, sid;

    memset(&f, 0, sizeof f);
    if (zg_graph_new(&f.g, &err) != ZG_OK)
        return -1;
    assert_int_equal(zg_graph_begin(f.g, &err), ZG_OK);
    zone = add_type(f.g, "zone", "先导区", "pilot zone", 1);
    city = add_type(f.g, "city", "城市", "city", 50);
    sector = add_type(f.g, "sector", "领域", "sector", 100);
    strategy = add_type(f.g, "strategy", "战略", NULL, 100);
    add_rel(f.g, "located_in", "位于", "is located in", "zone", "city");
    add_rel(f.g, "focuses_on", "聚焦", "focuses on", "zone", "sector");
    add_rel(f.g, "serves", "服务", "serves", "zone", "strategy");
    add_rel(f.g, "links", NULL, "links", "strategy", "strategy");
    memset(&s, 0, sizeof s);
    s.id = "s1";
    s.title = "来源";
    assert_int_equal(zg_graph_add_source(f.g, &s, &sid, &err), ZG_OK);

    f.zone_a = add_node(f.g, "zone-a", zone, "甲先导区", "Alpha Zone");
    f.zone_b = add_node(f.g, "zone-b", zone, "乙先导区", "Beta Zone");
    f.zone_c = add_node(f.g, "zone-c", zone, "滨海先导区", NULL);
    f.city_a = add_node(f.g, "city-a", city, "甲市", "Alpha City");
    f.sec_m = add_node(f.g, "sector-m", sector, "智能制造", "manufacturing");
    f.sec_f = add_node(f.g, "sector-f", sector, "智慧金融", "finance");
    f.strat_x = add_node(f.g, "strat-x", strategy, "一带一路", NULL);
    f.strat_y = add_node(f.g, "strat-y", strategy, "双城经济圈", NULL);
    assert_int_equal(zg_graph_add_alias(f.g, f.zone_a, "甲", NULL, &err),
                     ZG_OK);
    assert_int_equal(zg_graph_add_alias(f.g, f.zone_a, "Alpha", "en", &err),
                     ZG_OK);
    assert_int_equal(zg_graph_add_alias(f.g, f.city_a, "甲", NULL, &err),
                     ZG_OK);
    assert_int_equal(zg_graph_add_alias(f.g, f.zone_c, "滨海", NULL, &err),
                     ZG_OK);
    add_prop(f.g, f.zone_a, "batch", "2", ZG_PROP_INTEGER);
    add_prop(f.g, f.zone_b, "batch", "1", ZG_PROP_INTEGER);
    add_prop(f.g, f.zone_c, "batch", "1", ZG_PROP_INTEGER);
    add_prop(f.g, f.zone_c, "note2", "x", ZG_PROP_STRING);
    memset(&fig, 0, sizeof fig);
    fig.name = "ai_enterprises";
    fig.value = "550";
    fig.number = 550;
    fig.kind = ZG_PROP_FIGURE;
    fig.zh = "企业数";
    fig.en = "enterprises";
    fig.unit = "家";
    fig.date = "2020";
    fig.approx = "over";
    fig.figure_kind = "actual";
    fig.source = "s1";
    fig.evidence = "甲有550余家企业";
    assert_int_equal(zg_graph_add_node_prop(f.g, f.zone_a, &fig, &err), ZG_OK);
    /* Two figures of one name: a 2020 count, then a 2022 target. */
    fig.name = "ai_scale";
    fig.value = "200";
    fig.number = 200;
    fig.approx = "exact";
    fig.evidence = "丙2020年规模200亿元";
    assert_int_equal(zg_graph_add_node_prop(f.g, f.zone_c, &fig, &err), ZG_OK);
    fig.value = "500";
    fig.number = 500;
    fig.date = "2022-12";
    fig.figure_kind = "target";
    fig.evidence = "丙到2022年规模将达500亿元";
    assert_int_equal(zg_graph_add_node_prop(f.g, f.zone_c, &fig, &err), ZG_OK);

    add_edge(f.g, f.zone_a, "located_in", f.city_a, "甲区位于甲市");
    add_edge(f.g, f.zone_a, "focuses_on", f.sec_m, "甲聚焦智能制造");
    add_edge(f.g, f.zone_a, "serves", f.strat_x, "甲服务一带一路");
    add_edge(f.g, f.zone_b, "focuses_on", f.sec_m, "乙聚焦智能制造");
    add_edge(f.g, f.zone_b, "focuses_on", f.sec_f, "乙聚焦智慧金融");
    add_edge(f.g, f.zone_b, "serves", f.strat_y, "乙服务双城");
    add_edge(f.g, f.strat_x, "links", f.strat_y, "x 连 y");
    add_edge(f.g, f.strat_y, "links", f.strat_x, "y 连 x");
    assert_int_equal(zg_graph_commit(f.g, &err), ZG_OK);
    (void)sector;
    *state = &f;
    return 0;
}

static int
teardown(void **state)
{
    fx *f = *state;

    zg_graph_free(f->g);
    return 0;
}

/* Text of cell (row, col) as a node key or string; "" for null. */
static const char *
cell_text(const zg_result *r, size_t row, size_t col)
{
    const zg_value *v = zg_result_cell(r, row, col);

    switch (v->kind) {
    case ZG_VAL_NODE: return zg_graph_node(zg_result_graph(r), v->id)->key;
    case ZG_VAL_STRING: return v->str;
    default: return "";
    }
}

static size_t
col_index(const zg_result *r, const char *name)
{
    for (size_t c = 0; c < zg_result_cols(r); c++)
        if (strcmp(zg_result_colname(r, c), name) == 0)
            return c;
    fail_msg("no column %s", name);
    return 0;
}

/* Capture what `write` prints: a malloc'd string the caller frees. */
typedef zg_status (*writer)(const zg_result *r, FILE *out, void *arg);

static char *
capture(const zg_result *r, writer write, void *arg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    assert_non_null(f);
    assert_int_equal(write(r, f, arg), ZG_OK);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static zg_status
w_table(const zg_result *r, FILE *out, void *arg)
{
    return zg_export_table(r, *(zg_lang *)arg, out, NULL);
}

static zg_status
w_tsv(const zg_result *r, FILE *out, void *arg)
{
    (void)arg;
    return zg_export_tsv(r, ZG_LANG_ZH, out, NULL);
}

static zg_status
w_tsv_en(const zg_result *r, FILE *out, void *arg)
{
    (void)arg;
    return zg_export_tsv(r, ZG_LANG_EN, out, NULL);
}

static zg_status
w_json(const zg_result *r, FILE *out, void *arg)
{
    (void)arg;
    return zg_export_json(r, out, NULL);
}

static zg_status
w_record(const zg_result *r, FILE *out, void *arg)
{
    (void)arg;
    return zg_export_record(r, ZG_LANG_ZH, out, NULL);
}

/* ---- the result table ---- */

/* The id of the relation from `a` to `b` (the fixture has one). */
static zg_id
find_edge(const zg_graph *g, zg_id a, zg_id b)
{
    for (zg_id e = 0; e < zg_graph_edge_count(g); e++)
        if (zg_graph_edge_from(g, e) == a && zg_graph_edge_to(g, e) == b)
            return e;
    fail_msg("no relation");
    return ZG_NO_ID;
}

/* A value of kind `k`, every member zeroed. */
static zg_value
v_kind(zg_value_kind k)
{
    zg_value v;
    memset(&v, 0, sizeof v);
    v.kind = k;
    return v;
}

static zg_value
v_str(const char *s)
{
    zg_value v = v_kind(ZG_VAL_STRING);
    v.str = s;
    return v;
}

static zg_value
v_int(long long i)
{
    zg_value v = v_kind(ZG_VAL_INT);
    v.i = i;
    return v;
}

static zg_value
v_num(double d)
{
    zg_value v = v_kind(ZG_VAL_NUMBER);
    v.num = d;
    return v;
}

static zg_value
v_bool(int b)
{
    zg_value v = v_kind(ZG_VAL_BOOL);
    v.i = b;
    return v;
}

static zg_value
v_id(zg_value_kind k, zg_id id)
{
    zg_value v = v_kind(k);
    v.id = id;
    return v;
}

static zg_value
v_seq(zg_value_kind k, const zg_value *items, size_t n)
{
    zg_value v = v_kind(k);
    v.items = items;
    v.n = n;
    return v;
}

static zg_value
v_date(const char *text)
{
    zg_value v = v_kind(ZG_VAL_DATE);
    assert_int_equal(zg_date_parse(text, &v.date, NULL), ZG_OK);
    return v;
}

/* Dates keep their precision, refuse what is no calendar date, and read
 * back as written. */
static void
test_dates(void **state)
{
    zg_date d;
    zg_error err = {0};
    char buf[16];

    (void)state;
    assert_int_equal(zg_date_parse("2021", &d, NULL), ZG_OK);
    assert_int_equal(d.year, 2021);
    assert_int_equal(d.month, 0);
    assert_string_equal(zg_date_format(d, buf, sizeof buf), "2021");
    assert_int_equal(zg_date_parse("2021-02", &d, NULL), ZG_OK);
    assert_string_equal(zg_date_format(d, buf, sizeof buf), "2021-02");
    assert_int_equal(d.day, 0);
    assert_int_equal(zg_date_parse("2020-02-29", &d, NULL), ZG_OK);
    assert_string_equal(zg_date_format(d, buf, sizeof buf), "2020-02-29");
    assert_int_equal(zg_date_parse("2021-02-29", &d, &err), ZG_ERR_PARSE);
    assert_non_null(strstr(err.msg, "2021-02-29"));
    assert_int_equal(zg_date_parse("20210", &d, NULL), ZG_ERR_PARSE);
    assert_int_equal(zg_date_parse(NULL, &d, NULL), ZG_ERR_PARSE);
}

/* A result copies the lists, maps and paths it is given, so the caller's
 * values may go away; every kind reads back as it went in. */
static void
test_value_kinds(void **state)
{
    fx *f = *state;
    const char *names[] = {"b", "d", "l", "m", "p"};
    zg_result *r = NULL;
    zg_error err = {0};
    char key[8] = "k1", text[8] = "x";
    zg_value inner[2], list[3], map[4], path[5], row[5];
    zg_id e1 = find_edge(f->g, f->zone_a, f->strat_x);
    zg_id e2 = find_edge(f->g, f->strat_x, f->strat_y);
    const zg_value *c;

    assert_int_equal(zg_result_new(&r, f->g, 5, names, &err), ZG_OK);
    inner[0] = v_int(1);
    inner[1] = v_num(2.5);
    list[0] = v_str(text);
    list[1] = v_seq(ZG_VAL_LIST, inner, 2);
    list[2] = v_id(ZG_VAL_NODE, f->zone_b);
    map[0] = v_str(key);
    map[1] = v_bool(1);
    map[2] = v_str("k2");
    map[3] = v_date("2021-02");
    path[0] = v_id(ZG_VAL_NODE, f->zone_a);
    path[1] = v_id(ZG_VAL_EDGE, e1);
    path[2] = v_id(ZG_VAL_NODE, f->strat_x);
    path[3] = v_id(ZG_VAL_EDGE, e2);
    path[4] = v_id(ZG_VAL_NODE, f->strat_y);
    row[0] = v_bool(0);
    row[1] = v_date("2021");
    row[2] = v_seq(ZG_VAL_LIST, list, 3);
    row[3] = v_seq(ZG_VAL_MAP, map, 2);
    row[4] = v_seq(ZG_VAL_PATH, path, 5);
    assert_int_equal(zg_result_add_row(r, row, &err), ZG_OK);
    /* The caller's storage changes; the result does not. */
    strcpy(key, "zz");
    strcpy(text, "y");
    memset(inner, 0, sizeof inner);
    memset(list, 0, sizeof list);
    memset(map, 0, sizeof map);
    memset(path, 0, sizeof path);

    c = zg_result_cell(r, 0, 0);
    assert_int_equal(c->kind, ZG_VAL_BOOL);
    assert_int_equal(c->i, 0);
    c = zg_result_cell(r, 0, 1);
    assert_int_equal(c->kind, ZG_VAL_DATE);
    assert_int_equal(c->date.year, 2021);
    assert_int_equal(c->date.month, 0);
    c = zg_result_cell(r, 0, 2);
    assert_int_equal(c->kind, ZG_VAL_LIST);
    assert_int_equal(c->n, 3);
    assert_string_equal(c->items[0].str, "x");
    assert_int_equal(c->items[1].kind, ZG_VAL_LIST);
    assert_int_equal(c->items[1].items[0].i, 1);
    assert_true(c->items[1].items[1].num == 2.5);
    assert_int_equal(c->items[2].id, f->zone_b);
    c = zg_result_cell(r, 0, 3);
    assert_int_equal(c->kind, ZG_VAL_MAP);
    assert_int_equal(c->n, 2);
    assert_string_equal(c->items[0].str, "k1");
    assert_int_equal(c->items[1].i, 1);
    assert_string_equal(c->items[2].str, "k2");
    assert_int_equal(c->items[3].date.month, 2);
    c = zg_result_cell(r, 0, 4);
    assert_int_equal(c->kind, ZG_VAL_PATH);
    assert_int_equal(c->n, 5);
    assert_int_equal(c->items[0].id, f->zone_a);
    assert_int_equal(c->items[3].id, e2);
    assert_int_equal(c->items[4].id, f->strat_y);

    assert_int_equal(zg_result_col(r, "m"), 3);
    assert_int_equal(zg_result_col(r, "b"), 0);
    assert_int_equal(zg_result_col(r, "nope"), ZG_NO_COL);
    assert_int_equal(zg_result_col(r, NULL), ZG_NO_COL);
    zg_result_free(r);
}

/* Malformed values are refused with a message naming the column, and the
 * result keeps no part of the row. */
static void
test_value_refused(void **state)
{
    fx *f = *state;
    const char *names[] = {"v"};
    zg_result *r = NULL;
    zg_error err;
    zg_value items[3], row[1], deep[ZG_VALUE_MAX_DEPTH + 2];
    zg_id e1 = find_edge(f->g, f->zone_a, f->strat_x);
    zg_col_kind kinds[] = {ZG_COL_ANY};

    assert_int_equal(zg_result_new_kinds(&r, f->g, 1, names, kinds, NULL),
                     ZG_OK);
    /* a path whose relation does not join its nodes */
    items[0] = v_id(ZG_VAL_NODE, f->zone_b);
    items[1] = v_id(ZG_VAL_EDGE, e1);
    items[2] = v_id(ZG_VAL_NODE, f->strat_x);
    row[0] = v_seq(ZG_VAL_PATH, items, 3);
    zg_error_clear(&err);
    assert_int_equal(zg_result_add_row(r, row, &err), ZG_ERR_INVALID);
    assert_non_null(strstr(err.msg, "column 'v'"));
    assert_non_null(strstr(err.msg, "does not join"));
    /* reversed, it is a path walked against the relation: fine */
    items[0] = v_id(ZG_VAL_NODE, f->strat_x);
    items[2] = v_id(ZG_VAL_NODE, f->zone_a);
    assert_int_equal(zg_result_add_row(r, row, NULL), ZG_OK);
    /* even length, or two nodes in a row */
    row[0] = v_seq(ZG_VAL_PATH, items, 2);
    assert_int_equal(zg_result_add_row(r, row, NULL), ZG_ERR_INVALID);
    items[1] = v_id(ZG_VAL_NODE, f->zone_a);
    row[0] = v_seq(ZG_VAL_PATH, items, 3);
    assert_int_equal(zg_result_add_row(r, row, NULL), ZG_ERR_INVALID);
    /* a map key that is not text, or given twice */
    items[0] = v_int(1);
    items[1] = v_int(2);
    row[0] = v_seq(ZG_VAL_MAP, items, 1);
    assert_int_equal(zg_result_add_row(r, row, NULL), ZG_ERR_INVALID);
    {
        zg_value m[4] = {v_str("a"), v_int(1), v_str("a"), v_int(2)};
        row[0] = v_seq(ZG_VAL_MAP, m, 2);
        zg_error_clear(&err);
        assert_int_equal(zg_result_add_row(r, row, &err), ZG_ERR_INVALID);
        assert_non_null(strstr(err.msg, "twice"));
    }
    {
        /* a large map: distinct keys pass, one repeat is found */
        enum { N = 1000 };
        static char keys[N][8];
        static zg_value m[2 * N];
        for (size_t i = 0; i < N; i++) {
            snprintf(keys[i], sizeof keys[i], "k%zu", i);
            m[2 * i] = v_str(keys[i]);
            m[2 * i + 1] = v_int((long long)i);
        }
        row[0] = v_seq(ZG_VAL_MAP, m, N);
        assert_int_equal(zg_result_add_row(r, row, NULL), ZG_OK);
        m[2 * 700] = v_str("k3");
        zg_error_clear(&err);
        assert_int_equal(zg_result_add_row(r, row, &err), ZG_ERR_INVALID);
        assert_non_null(strstr(err.msg, "twice"));
    }
    /* a node out of range, a bad boolean, a bad date */
    row[0] = v_id(ZG_VAL_NODE, (zg_id)zg_graph_node_count(f->g));
    assert_int_equal(zg_result_add_row(r, row, NULL), ZG_ERR_INVALID);
    row[0] = v_bool(2);
    assert_int_equal(zg_result_add_row(r, row, NULL), ZG_ERR_INVALID);
    row[0] = v_bool(-1);
    assert_int_equal(zg_result_add_row(r, row, NULL), ZG_ERR_INVALID);
    memset(&row[0], 0, sizeof row[0]);
    row[0].kind = ZG_VAL_DATE;
    row[0].date.year = 2021;
    row[0].date.day = 3; /* a day without a month */
    assert_int_equal(zg_result_add_row(r, row, NULL), ZG_ERR_INVALID);
    /* values without storage, nesting too deep */
    row[0] = v_seq(ZG_VAL_LIST, NULL, 2);
    assert_int_equal(zg_result_add_row(r, row, NULL), ZG_ERR_INVALID);
    deep[0] = v_int(7);
    for (size_t i = 1; i <= ZG_VALUE_MAX_DEPTH + 1; i++)
        deep[i] = v_seq(ZG_VAL_LIST, &deep[i - 1], 1);
    row[0] = deep[ZG_VALUE_MAX_DEPTH + 1];
    zg_error_clear(&err);
    assert_int_equal(zg_result_add_row(r, row, &err), ZG_ERR_INVALID);
    assert_non_null(strstr(err.msg, "nested too deeply"));
    row[0] = deep[ZG_VALUE_MAX_DEPTH];
    assert_int_equal(zg_result_add_row(r, row, NULL), ZG_OK);
    assert_int_equal(zg_result_rows(r), 3);
    zg_result_free(r);

    /* declared kinds of the new sorts refuse other cells */
    kinds[0] = ZG_COL_PATH;
    assert_int_equal(zg_result_new_kinds(&r, f->g, 1, names, kinds, NULL),
                     ZG_OK);
    row[0] = v_seq(ZG_VAL_LIST, items, 0);
    zg_error_clear(&err);
    assert_int_equal(zg_result_add_row(r, row, &err), ZG_ERR_INVALID);
    assert_non_null(strstr(err.msg, "declared to hold paths"));
    zg_result_free(r);
    kinds[0] = ZG_COL_NUMBER;
    assert_int_equal(zg_result_new_kinds(&r, f->g, 1, names, kinds, NULL),
                     ZG_OK);
    row[0] = v_int(3);
    assert_int_equal(zg_result_add_row(r, row, NULL), ZG_OK);
    row[0] = v_num(3.5);
    assert_int_equal(zg_result_add_row(r, row, NULL), ZG_OK);
    row[0] = v_str("3");
    assert_int_equal(zg_result_add_row(r, row, NULL), ZG_ERR_INVALID);
    zg_result_free(r);
}

/* One row with a cell of each kind beyond the scalars: boolean, date,
 * list (holding a node and a nested list), map, path (walked forward,
 * then against a relation). */
static zg_result *
kinds_result(fx *f)
{
    const char *names[] = {"flag", "when", "items", "props", "route"};
    zg_result *r = NULL;
    zg_id e1 = find_edge(f->g, f->zone_a, f->strat_x);
    zg_id e2 = find_edge(f->g, f->strat_y, f->strat_x);
    zg_value inner[2] = {v_int(1), v_num(2.5)};
    zg_value list[3] = {v_str("甲"), v_seq(ZG_VAL_LIST, inner, 2),
                        v_id(ZG_VAL_NODE, f->sec_m)};
    zg_value map[4] = {v_str("role"), v_str("核心区"), v_str("ok"), v_bool(1)};
    zg_value path[5] = {v_id(ZG_VAL_NODE, f->zone_a), v_id(ZG_VAL_EDGE, e1),
                        v_id(ZG_VAL_NODE, f->strat_x), v_id(ZG_VAL_EDGE, e2),
                        v_id(ZG_VAL_NODE, f->strat_y)};
    zg_value row[5] = {v_bool(0), v_date("2021-02"),
                       v_seq(ZG_VAL_LIST, list, 3), v_seq(ZG_VAL_MAP, map, 2),
                       v_seq(ZG_VAL_PATH, path, 5)};
    zg_col_kind kinds[] = {ZG_COL_BOOL, ZG_COL_DATE, ZG_COL_LIST, ZG_COL_MAP,
                           ZG_COL_PATH};

    assert_int_equal(zg_result_new_kinds(&r, f->g, 5, names, kinds, NULL),
                     ZG_OK);
    assert_int_equal(zg_result_add_row(r, row, NULL), ZG_OK);
    return r;
}

/* Table and record show every kind readably, with labels; TSV with keys,
 * one field per column whatever its kind. */
static void
test_value_text(void **state)
{
    fx *f = *state;
    zg_result *r = kinds_result(f);
    zg_lang zh = ZG_LANG_ZH, en = ZG_LANG_EN;
    char *t;

    t = capture(r, w_table, &zh);
    assert_string_equal(
        t,
        "flag   when     items                     props                     "
        "route\n"
        "-----  -------  ------------------------  ------------------------  "
        "---------------------------------------------------\n"
        "false  2021-02  [甲, [1, 2.5], 智能制造]  {role: 核心区, ok: true}  "
        "甲先导区 -[serves]-> 一带一路 <-[links]- 双城经济圈\n");
    free(t);
    t = capture(r, w_table, &en);
    assert_non_null(strstr(t, "[甲, [1, 2.5], manufacturing]"));
    assert_non_null(strstr(t, "Alpha Zone -[serves]-> 一带一路 <-[links]- "
                              "双城经济圈\n"));
    free(t);
    t = capture(r, w_record, NULL);
    assert_non_null(strstr(t, "flag   false\n"));
    assert_non_null(strstr(t, "route  甲先导区 -[serves]-> 一带一路"));
    free(t);
    t = capture(r, w_tsv, NULL);
    assert_string_equal(t, "flag\twhen\titems\tprops\troute\n"
                           "false\t2021-02\t[甲, [1, 2.5], sector-m]\t"
                           "{role: 核心区, ok: true}\t"
                           "zone-a -[serves]-> strat-x <-[links]- strat-y\n");
    free(t);
    zg_result_free(r);
}

/* JSON: booleans, dates as written, arrays, objects, and a path as its
 * nodes and relationships. */
static void
test_value_json(void **state)
{
    fx *f = *state;
    zg_result *r = kinds_result(f);
    char *t = capture(r, w_json, NULL);
    json_error_t jerr;
    json_t *doc = json_loads(t, 0, &jerr), *row, *v;

    assert_non_null(doc);
    row = json_array_get(json_array_get(json_object_get(doc, "rows"), 0), 0);
    assert_true(json_is_false(row));
    row = json_array_get(json_object_get(doc, "rows"), 0);
    assert_string_equal(json_string_value(json_array_get(row, 1)), "2021-02");
    v = json_array_get(row, 2);
    assert_int_equal(json_array_size(v), 3);
    assert_string_equal(json_string_value(json_array_get(v, 0)), "甲");
    assert_true(json_real_value(json_array_get(json_array_get(v, 1), 1)) ==
                2.5);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(v, 2), "id")),
        "sector-m");
    v = json_array_get(row, 3);
    assert_string_equal(json_string_value(json_object_get(v, "role")),
                        "核心区");
    assert_true(json_is_true(json_object_get(v, "ok")));
    v = json_array_get(row, 4);
    assert_int_equal(json_array_size(json_object_get(v, "nodes")), 3);
    assert_int_equal(json_array_size(json_object_get(v, "relationships")), 2);
    assert_string_equal(
        json_string_value(json_object_get(
            json_array_get(json_object_get(v, "nodes"), 2), "id")),
        "strat-y");
    assert_string_equal(
        json_string_value(json_object_get(
            json_array_get(json_object_get(v, "relationships"), 1), "from")),
        "strat-y");
    json_decref(doc);
    free(t);
    zg_result_free(r);
}

/* A diagram of a result draws the nodes and relations inside its paths,
 * lists and maps. */
static void
test_value_masks(void **state)
{
    fx *f = *state;
    zg_result *r = kinds_result(f);
    size_t nn = zg_graph_node_count(f->g), ne = zg_graph_edge_count(f->g);
    unsigned char *nm = calloc(nn, 1), *em = calloc(ne, 1);
    size_t marked = 0;

    zg_export_result_masks(r, nm, em);
    assert_true(nm[f->zone_a] && nm[f->strat_x] && nm[f->strat_y]);
    assert_true(nm[f->sec_m]);
    assert_false(nm[f->zone_b]);
    assert_true(em[find_edge(f->g, f->zone_a, f->strat_x)]);
    assert_true(em[find_edge(f->g, f->strat_y, f->strat_x)]);
    for (size_t e = 0; e < ne; e++)
        marked += em[e];
    assert_int_equal(marked, 2);
    free(nm);
    free(em);
    zg_result_free(r);
}

/* Every catalogue query takes one filter; a filter asking for what the
 * query cannot apply is refused, never ignored. */
static void
test_filter_refused(void **state)
{
    fx *f = *state;
    const char *rels[] = {"serves"};
    zg_filter flt;
    zg_result *r = (zg_result *)1;
    zg_error err;

    memset(&flt, 0, sizeof flt);
    assert_int_equal(zg_query_totals(f->g, &flt, &r, NULL), ZG_OK);
    zg_result_free(r);
    flt.rels = rels;
    flt.n_rels = 1;
    zg_error_clear(&err);
    assert_int_equal(zg_query_totals(f->g, &flt, &r, &err), ZG_ERR_INVALID);
    assert_null(r);
    assert_non_null(strstr(err.msg, "filters only by date"));
    assert_int_equal(zg_query_node_relations(f->g, &flt, f->zone_a, ZG_LABEL_ZH,
                                             0, &r, NULL),
                     ZG_ERR_INVALID);
    memset(&flt, 0, sizeof flt);
    flt.direction = ZG_DIR_OUT;
    assert_int_equal(zg_query_hubs(f->g, &flt, 0, NULL, &r, NULL),
                     ZG_ERR_INVALID);
    assert_null(r);
}

/* One filter is handed whole to every relationship query's options: a
 * query applies the fields it names and refuses the others, never
 * ignoring one. */
static void
test_filter_in_options(void **state)
{
    fx *f = *state;
    const char *rels[] = {"focuses_on"}, *types[] = {"sector"};
    zg_filter flt;
    zg_neighbour_opts no;
    zg_path_opts po;
    zg_common_opts co;
    zg_relate_opts ro;
    zg_similar_opts so;
    zg_rank_opts rk;
    zg_relate_answer ans;
    zg_result *r = NULL, *links = NULL;
    zg_error err;

    memset(&flt, 0, sizeof flt);
    flt.rels = rels;
    flt.n_rels = 1;
    flt.types = types;
    flt.n_types = 1;
    flt.direction = ZG_DIR_OUT;

    /* The walks apply every field: zone-b's two sectors, out only. */
    memset(&no, 0, sizeof no);
    no.filter = flt;
    zg_error_clear(&err);
    assert_int_equal(zg_query_neighbours(f->g, f->zone_b, &no, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    zg_result_free(r);
    no.filter.direction = ZG_DIR_IN;
    assert_int_equal(zg_query_neighbours(f->g, f->zone_b, &no, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);

    /* zone-a -> sector-m <- zone-b: no path following relations out. */
    memset(&po, 0, sizeof po);
    po.filter = flt;
    assert_int_equal(
        zg_query_path(f->g, f->zone_a, f->zone_b, &po, &r, NULL, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    po.filter.direction = ZG_DIR_BOTH;
    assert_int_equal(
        zg_query_path(f->g, f->zone_a, f->zone_b, &po, &r, NULL, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    zg_result_free(r);

    /* Shared neighbours count relations either way: a direction is
     * refused, relation and node types apply. */
    memset(&co, 0, sizeof co);
    co.filter = flt;
    r = (zg_result *)1;
    assert_int_equal(zg_query_common(f->g, f->zone_a, f->zone_b, &co, &r, &err),
                     ZG_ERR_INVALID);
    assert_null(r);
    assert_string_equal(err.msg, "this question filters only by date (the "
                                 "filter's view), relation type and node "
                                 "type, not by direction");
    co.filter.direction = ZG_DIR_BOTH;
    zg_error_clear(&err);
    assert_int_equal(zg_query_common(f->g, f->zone_a, f->zone_b, &co, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    zg_result_free(r);

    memset(&ro, 0, sizeof ro);
    ro.filter = flt;
    assert_int_equal(
        zg_query_relate(f->g, f->zone_a, f->zone_b, &ro, &ans, &err),
        ZG_ERR_INVALID);
    assert_null(ans.summary);
    assert_non_null(strstr(err.msg, "not by direction"));
    ro.filter.direction = ZG_DIR_BOTH;
    zg_error_clear(&err);
    assert_int_equal(
        zg_query_relate(f->g, f->zone_a, f->zone_b, &ro, &ans, &err), ZG_OK);
    assert_int_equal(zg_result_rows(ans.shared), 1);
    zg_relate_answer_free(&ans);

    /* Similar and rank apply relation types only. */
    memset(&so, 0, sizeof so);
    so.filter = flt;
    so.filter.direction = ZG_DIR_BOTH;
    assert_int_equal(zg_query_similar(f->g, f->zone_a, &so, &r, &links, &err),
                     ZG_ERR_INVALID);
    assert_null(r);
    assert_null(links);
    assert_string_equal(err.msg, "this question filters only by date (the "
                                 "filter's view) and relation type, not by "
                                 "node type or direction");
    so.filter.n_types = 0;
    zg_error_clear(&err);
    assert_int_equal(zg_query_similar(f->g, f->zone_a, &so, &r, &links, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    zg_result_free(r);
    zg_result_free(links);

    memset(&rk, 0, sizeof rk);
    rk.filter.rels = rels;
    rk.filter.n_rels = 1;
    rk.filter.direction = ZG_DIR_IN;
    assert_int_equal(zg_query_rank(f->g, "zone", &rk, &r, &links, &err),
                     ZG_ERR_INVALID);
    assert_null(r);
    rk.filter.direction = ZG_DIR_BOTH;
    zg_error_clear(&err);
    assert_int_equal(zg_query_rank(f->g, "zone", &rk, &r, NULL, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 3);
    zg_result_free(r);
}

/* The order of ORDER BY and DISTINCT: kinds in their order, then within a
 * kind; integers and floats together. */
static void
test_value_order(void **state)
{
    fx *f = *state;
    zg_value one_two[2] = {v_int(1), v_int(2)};
    zg_value one[1] = {v_int(1)};
    zg_value m1[2] = {v_str("a"), v_int(1)};
    zg_value pth[1] = {v_id(ZG_VAL_NODE, f->zone_a)};
    zg_value nul;
    /* ascending, as sorted */
    zg_value sorted[16];
    size_t n = 0;

    memset(&nul, 0, sizeof nul);
    sorted[n++] = v_seq(ZG_VAL_MAP, m1, 1);
    sorted[n++] = v_id(ZG_VAL_NODE, f->zone_a);
    sorted[n++] = v_id(ZG_VAL_NODE, f->zone_b);
    sorted[n++] = v_id(ZG_VAL_EDGE, 0);
    sorted[n++] = v_seq(ZG_VAL_LIST, one, 1);
    sorted[n++] = v_seq(ZG_VAL_LIST, one_two, 2);
    sorted[n++] = v_seq(ZG_VAL_PATH, pth, 1);
    sorted[n++] = v_date("2021");
    sorted[n++] = v_date("2021-02");
    sorted[n++] = v_str("a");
    sorted[n++] = v_bool(0);
    sorted[n++] = v_bool(1);
    sorted[n++] = v_int(2);
    sorted[n++] = v_num(2.0);
    sorted[n++] = v_num(2.5);
    sorted[n++] = nul;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            int c = zg_value_order(&sorted[i], &sorted[j]);
            if (i < j)
                assert_true(c < 0);
            else if (i > j)
                assert_true(c > 0);
            else
                assert_int_equal(c, 0);
        }
    {
        zg_value a = v_int(3), b = v_num(2.9), big = v_int(9007199254740993LL),
                 bigf = v_num(9007199254740992.0), nan = v_num(0.0 / 0.0);
        assert_true(zg_value_order(&b, &a) < 0);
        assert_true(zg_value_order(&a, &b) > 0);
        assert_true(zg_value_order(&bigf, &big) < 0);
        assert_true(zg_value_order(&a, &nan) < 0);
        assert_int_equal(zg_value_order(&nan, &nan), 0);
    }
}

static void
test_result_copies(void **state)
{
    static const char *const names[] = {"a", "b", "c"};
    char name[8] = "col";
    const char *cols[1] = {name};
    char text[16] = "hello", buf[16];
    zg_result *r = NULL, *one = NULL;
    zg_value row[3];
    zg_error err = {0};
    fx *f = *state;

    zg_result_free(NULL);
    assert_int_equal(zg_result_new(&r, f->g, 3, names, &err), ZG_OK);
    assert_int_equal(zg_result_cols(r), 3);
    assert_int_equal(zg_result_rows(r), 0);
    assert_ptr_equal(zg_result_graph(r), f->g);
    memset(row, 0, sizeof row);
    row[0].kind = ZG_VAL_STRING;
    row[0].str = text;
    row[1].kind = ZG_VAL_STRING; /* NULL string: a null cell */
    row[2].kind = ZG_VAL_INT;
    row[2].i = -7;
    row[2].str = "ignored";
    assert_int_equal(zg_result_add_row(r, row, &err), ZG_OK);
    strcpy(text, "changed");
    assert_string_equal(zg_result_cell(r, 0, 0)->str, "hello");
    assert_ptr_not_equal(zg_result_cell(r, 0, 0)->str, text);
    assert_int_equal(zg_result_cell(r, 0, 1)->kind, ZG_VAL_NULL);
    assert_int_equal(zg_result_cell(r, 0, 2)->i, -7);
    assert_null(zg_result_cell(r, 0, 2)->str);

    /* Growth keeps earlier cells. */
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, sizeof buf, "r%d", i);
        row[0].str = buf;
        row[2].i = i;
        assert_int_equal(zg_result_add_row(r, row, &err), ZG_OK);
    }
    assert_int_equal(zg_result_rows(r), 1001);
    assert_string_equal(zg_result_cell(r, 0, 0)->str, "hello");
    assert_string_equal(zg_result_cell(r, 1000, 0)->str, "r999");
    assert_int_equal(zg_result_cell(r, 500, 2)->i, 499);

    /* A bad kind fails and adds nothing. */
    row[1].kind = (zg_value_kind)42;
    assert_int_equal(zg_result_add_row(r, row, &err), ZG_ERR_INVALID);
    assert_int_equal(zg_result_rows(r), 1001);
    zg_result_free(r);

    /* Column names are copied. */
    assert_int_equal(zg_result_new(&one, f->g, 1, cols, NULL), ZG_OK);
    strcpy(name, "zzz");
    assert_string_equal(zg_result_colname(one, 0), "col");
    zg_result_free(one);
}

/* ---- neighbours ---- */

static void
test_neighbours_direct(void **state)
{
    fx *f = *state;
    zg_result *r = NULL;
    zg_error err = {0};

    assert_int_equal(zg_query_neighbours(f->g, f->zone_a, NULL, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_cols(r), 7);
    assert_string_equal(zg_result_colname(r, 0), "distance");
    assert_string_equal(zg_result_colname(r, 6), "props");
    assert_int_equal(zg_result_rows(r), 3);
    assert_string_equal(cell_text(r, 0, 1), "city-a");
    assert_string_equal(cell_text(r, 1, 1), "sector-m");
    assert_string_equal(cell_text(r, 2, 1), "strat-x");
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(zg_result_cell(r, i, 0)->i, 1);
        assert_string_equal(cell_text(r, i, 4), "out");
        assert_string_equal(cell_text(r, i, 5), "zone-a");
    }
    assert_string_equal(cell_text(r, 1, 2), "sector");
    assert_string_equal(cell_text(r, 1, 3), "focuses_on");
    zg_result_free(r);

    /* From a sector: the zones pointing at it, direction "in". */
    assert_int_equal(zg_query_neighbours(f->g, f->sec_m, NULL, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    assert_string_equal(cell_text(r, 0, 1), "zone-a");
    assert_string_equal(cell_text(r, 1, 1), "zone-b");
    assert_string_equal(cell_text(r, 0, 4), "in");
    zg_result_free(r);

    /* Out of range. */
    assert_int_equal(zg_query_neighbours(f->g, 9999, NULL, &r, &err),
                     ZG_ERR_INVALID);
    assert_null(r);
}

static void
test_neighbours_filters(void **state)
{
    fx *f = *state;
    const char *focus[] = {"focuses_on"}, *label[] = {"聚焦"},
               *strategy[] = {"strategy"}, *bogus[] = {"bogus"};
    zg_neighbour_opts o;
    zg_result *r = NULL;
    zg_error err = {0};

    memset(&o, 0, sizeof o);
    o.filter.rels = focus;
    o.filter.n_rels = 1;
    assert_int_equal(zg_query_neighbours(f->g, f->zone_b, &o, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    assert_string_equal(cell_text(r, 0, 1), "sector-m");
    assert_string_equal(cell_text(r, 1, 1), "sector-f");
    zg_result_free(r);

    /* A relation label works as well as its name. */
    o.filter.rels = label;
    assert_int_equal(zg_query_neighbours(f->g, f->zone_b, &o, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    zg_result_free(r);

    memset(&o, 0, sizeof o);
    o.filter.types = strategy;
    o.filter.n_types = 1;
    assert_int_equal(zg_query_neighbours(f->g, f->zone_b, &o, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(cell_text(r, 0, 1), "strat-y");
    zg_result_free(r);

    /* Directions. */
    memset(&o, 0, sizeof o);
    o.filter.direction = ZG_DIR_OUT;
    assert_int_equal(zg_query_neighbours(f->g, f->sec_m, &o, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    o.filter.direction = ZG_DIR_IN;
    assert_int_equal(zg_query_neighbours(f->g, f->sec_m, &o, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    zg_result_free(r);

    /* Unknown names list the known ones. */
    memset(&o, 0, sizeof o);
    o.filter.rels = bogus;
    o.filter.n_rels = 1;
    assert_int_equal(zg_query_neighbours(f->g, f->zone_b, &o, &r, &err),
                     ZG_ERR_INVALID);
    assert_null(r);
    assert_non_null(strstr(err.msg, "'bogus'"));
    assert_non_null(strstr(err.msg, "focuses_on"));
    assert_non_null(strstr(err.msg, "links"));
    zg_error_clear(&err);
    o.filter.n_rels = 0;
    o.filter.types = bogus;
    o.filter.n_types = 1;
    assert_int_equal(zg_query_neighbours(f->g, f->zone_b, &o, &r, &err),
                     ZG_ERR_INVALID);
    assert_non_null(strstr(err.msg, "strategy"));
}

static void
test_neighbours_depth(void **state)
{
    fx *f = *state;
    const char *links[] = {"links"};
    zg_neighbour_opts o;
    zg_result *r = NULL;
    zg_error err = {0};
    size_t d2 = 0;

    /* The x <-> y cycle ends: y once at distance 1, by both edges. */
    memset(&o, 0, sizeof o);
    o.filter.rels = links;
    o.filter.n_rels = 1;
    o.depth = 10;
    assert_int_equal(zg_query_neighbours(f->g, f->strat_x, &o, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    for (size_t i = 0; i < 2; i++) {
        assert_string_equal(cell_text(r, i, 1), "strat-y");
        assert_int_equal(zg_result_cell(r, i, 0)->i, 1);
    }
    assert_string_equal(cell_text(r, 0, 4), "out"); /* x -> y */
    assert_string_equal(cell_text(r, 1, 4), "in");  /* y -> x */
    zg_result_free(r);

    /* Two hops from zone-a: zone-b via sector-m, strat-y via strat-x. */
    memset(&o, 0, sizeof o);
    o.depth = 2;
    o.edge_column = 1;
    assert_int_equal(zg_query_neighbours(f->g, f->zone_a, &o, &r, &err), ZG_OK);
    assert_int_equal(zg_result_cols(r), 8);
    assert_string_equal(zg_result_colname(r, 7), "edge");
    for (size_t i = 0; i < zg_result_rows(r); i++) {
        long long d = zg_result_cell(r, i, 0)->i;
        assert_int_equal(zg_result_cell(r, i, 7)->kind, ZG_VAL_EDGE);
        assert_true(d == 1 || d == 2);
        if (i > 0) /* ordered by distance */
            assert_true(zg_result_cell(r, i - 1, 0)->i <= d);
        if (d == 2) {
            const char *n = cell_text(r, i, 1), *via = cell_text(r, i, 5);
            d2++;
            assert_true(
                (strcmp(n, "zone-b") == 0 && strcmp(via, "sector-m") == 0) ||
                (strcmp(n, "strat-y") == 0 && strcmp(via, "strat-x") == 0));
        }
        /* The start node is never a row. */
        assert_string_not_equal(cell_text(r, i, 1), "zone-a");
    }
    /* zone-b by one edge; strat-y by x->y and y->x. */
    assert_int_equal(d2, 3);
    zg_result_free(r);

    /* Depth 3 reaches sector-f through zone-b. */
    o.depth = 3;
    o.edge_column = 0;
    assert_int_equal(zg_query_neighbours(f->g, f->zone_a, &o, &r, &err), ZG_OK);
    assert_string_equal(cell_text(r, zg_result_rows(r) - 1, 1), "sector-f");
    assert_int_equal(zg_result_cell(r, zg_result_rows(r) - 1, 0)->i, 3);
    zg_result_free(r);
}

/* The rows a plain walk over the graph API expects from `start`: distance
 * array and visit order first, then for each reached node in order its
 * in-edges from the layer before ("out"), then its out-edges to it ("in"),
 * each list in the order of the data; rows as "distance node relation
 * direction via props" lines in `out`. Relation `rel` only when not
 * ZG_NO_ID, nodes of type `type` only when not ZG_NO_ID. */
static void
reference_rows(const zg_graph *g, zg_id start, unsigned depth, zg_direction dir,
               zg_id rel, zg_id type, char *out, size_t size)
{
    size_t nn = zg_graph_node_count(g), head = 0, tail = 0, used = 0;
    uint32_t *dist = malloc(nn * sizeof *dist);
    zg_id *order = malloc(nn * sizeof *order);

    assert_non_null(dist);
    assert_non_null(order);
    for (size_t i = 0; i < nn; i++)
        dist[i] = UINT32_MAX;
    dist[start] = 0;
    order[tail++] = start;
    while (head < tail) {
        zg_id u = order[head++];
        if (dist[u] >= depth)
            continue;
        for (int outward = 1; outward >= 0; outward--) {
            const zg_id *es;
            size_t ne;
            if (dir == (outward ? ZG_DIR_IN : ZG_DIR_OUT))
                continue;
            ne = outward ? zg_graph_out_edges(g, u, &es)
                         : zg_graph_in_edges(g, u, &es);
            for (size_t i = 0; i < ne; i++) {
                zg_edge_info e;
                zg_graph_edge_get(g, es[i], &e);
                zg_id v = outward ? e.to : e.from;
                if ((rel != ZG_NO_ID && e.type != rel) ||
                    dist[v] != UINT32_MAX ||
                    (type != ZG_NO_ID && zg_graph_node(g, v)->type != type))
                    continue;
                dist[v] = dist[u] + 1;
                order[tail++] = v;
            }
        }
    }
    out[0] = '\0';
    for (size_t k = 1; k < tail; k++) {
        zg_id v = order[k];
        for (int in = 1; in >= 0; in--) {
            const zg_id *es;
            size_t ne;
            if (dir == (in ? ZG_DIR_IN : ZG_DIR_OUT))
                continue;
            ne = in ? zg_graph_in_edges(g, v, &es)
                    : zg_graph_out_edges(g, v, &es);
            for (size_t i = 0; i < ne; i++) {
                zg_edge_info e;
                zg_graph_edge_get(g, es[i], &e);
                const zg_prop *p;
                zg_id via = in ? e.from : e.to;
                if ((rel != ZG_NO_ID && e.type != rel) ||
                    dist[via] + 1 != dist[v])
                    continue;
                used += (size_t)snprintf(
                    out + used, size - used, "%u %s %s %s %s %s\n", dist[v],
                    zg_graph_node(g, v)->key, zg_graph_reltype(g, e.type)->name,
                    in ? "out" : "in", zg_graph_node(g, via)->key,
                    zg_graph_edge_props(g, es[i], &p) ? p[0].value : "-");
                assert_true(used < size);
            }
        }
    }
    free(dist);
    free(order);
}

/* The rows of `r` as reference_rows() writes them. */
static void
answer_rows(const zg_result *r, char *out, size_t size)
{
    size_t used = 0;

    out[0] = '\0';
    for (size_t i = 0; i < zg_result_rows(r); i++) {
        const zg_value *props = zg_result_cell(r, i, 6);
        used += (size_t)snprintf(
            out + used, size - used, "%lld %s %s %s %s %s\n",
            zg_result_cell(r, i, 0)->i, cell_text(r, i, 1), cell_text(r, i, 3),
            cell_text(r, i, 4), cell_text(r, i, 5),
            props->kind == ZG_VAL_STRING ? strchr(props->str, '=') + 1 : "-");
        assert_true(used < size);
    }
}

/*
 * A graph of a few hundred nodes, with repeated relations between two
 * nodes, relations of a node to itself and relations with properties:
 * from every node, the neighbourhood in each direction and at depths 1 to
 * 3, with and without filters, row for row as a plain walk over the graph
 * API gives it. Walks that reach a few nodes and walks that reach most of
 * the graph keep their places differently; both must give these rows.
 */
static void
test_neighbours_wide(void **state)
{
    enum { NODES = 400, EDGES = 700, SIZE = 1 << 20 };
    static const zg_direction dirs[] = {ZG_DIR_BOTH, ZG_DIR_OUT, ZG_DIR_IN};
    zg_graph *g = NULL;
    zg_error err = {0};
    zg_source_info s;
    zg_id type[2], node[NODES], sid;
    char *want = malloc(SIZE), *got = malloc(SIZE);
    const char *only_a[] = {"a"}, *only_t1[] = {"t1"};
    uint64_t x = 7;

    (void)state;
    assert_non_null(want);
    assert_non_null(got);
    assert_int_equal(zg_graph_new(&g, &err), ZG_OK);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    type[0] = add_type(g, "t0", NULL, NULL, 1);
    type[1] = add_type(g, "t1", NULL, NULL, 2);
    add_rel(g, "a", NULL, NULL, "*", "*");
    add_rel(g, "b", NULL, NULL, "*", "*");
    memset(&s, 0, sizeof s);
    s.id = "s1";
    s.title = "source";
    assert_int_equal(zg_graph_add_source(g, &s, &sid, &err), ZG_OK);
    for (unsigned i = 0; i < NODES; i++) {
        char key[16];
        snprintf(key, sizeof key, "n%u", i);
        node[i] = add_node(g, key, type[i % 3 == 0], key, NULL);
    }
    /* Most relations start at a few low ids: those nodes reach much of
     * the graph in a hop or two, the others little. */
    for (unsigned i = 0; i < EDGES; i++) {
        char ev[16];
        zg_id from, to;
        x = x * 6364136223846793005u + 1442695040888963407u;
        from = node[(x >> 33) % (i % 4 == 0 ? 8 : NODES)];
        to = node[(x >> 13) % NODES];
        if (i % 50 == 0)
            to = from;
        snprintf(ev, sizeof ev, "e%u", i);
        add_edge(g, from, i % 3 ? "a" : "b", to, ev);
        if (i % 5 == 0) { /* the same two nodes once more */
            ev[0] = 'f';
            add_edge(g, to, "a", from, ev);
        }
        if (i % 7 == 0) {
            zg_prop p;
            memset(&p, 0, sizeof p);
            p.name = "w";
            p.value = ev;
            p.kind = ZG_PROP_STRING;
            assert_int_equal(
                zg_graph_add_edge_prop(g, zg_graph_edge_count(g) - 1, &p, &err),
                ZG_OK);
        }
    }
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);

    for (unsigned i = 0; i < NODES; i += 3)
        for (unsigned depth = 1; depth <= 3; depth++)
            for (size_t d = 0; d < 3; d++)
                for (int filter = 0; filter < 3; filter++) {
                    zg_neighbour_opts o;
                    zg_result *r = NULL;
                    memset(&o, 0, sizeof o);
                    o.depth = depth;
                    o.filter.direction = dirs[d];
                    if (filter == 1) {
                        o.filter.rels = only_a;
                        o.filter.n_rels = 1;
                    } else if (filter == 2) {
                        o.filter.types = only_t1;
                        o.filter.n_types = 1;
                    }
                    assert_int_equal(
                        zg_query_neighbours(g, node[i], &o, &r, &err), ZG_OK);
                    reference_rows(
                        g, node[i], depth, dirs[d],
                        filter == 1 ? zg_graph_reltype_by_name(g, "a")
                                    : ZG_NO_ID,
                        filter == 2 ? type[1] : ZG_NO_ID, want, SIZE);
                    answer_rows(r, got, SIZE);
                    assert_string_equal(got, want);
                    zg_result_free(r);
                }
    zg_graph_free(g);
    free(want);
    free(got);
}

/* ---- list ---- */

static void
test_where_parse(void **state)
{
    static const struct {
        const char *text, *name, *value;
        zg_cmp op;
    } ok[] = {
        {"batch=2", "batch", "2", ZG_CMP_EQ},
        {"batch==2", "batch", "2", ZG_CMP_EQ},
        {"name!=北京", "name", "北京", ZG_CMP_NE},
        {"a<3", "a", "3", ZG_CMP_LT},
        {"a<=3", "a", "3", ZG_CMP_LE},
        {"a>3", "a", "3", ZG_CMP_GT},
        {"a>=3", "a", "3", ZG_CMP_GE},
        {"a=", "a", "", ZG_CMP_EQ},
    };
    zg_where w;
    zg_error err = {0};

    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(zg_where_parse(&w, ok[i].text, &err), ZG_OK);
        assert_string_equal(w.name, ok[i].name);
        assert_string_equal(w.value, ok[i].value);
        assert_int_equal(w.op, ok[i].op);
    }
    assert_int_equal(zg_where_parse(&w, "batch", &err), ZG_ERR_PARSE);
    assert_int_equal(zg_where_parse(&w, "=2", NULL), ZG_ERR_PARSE);
    assert_int_equal(zg_where_parse(&w, "a!2", NULL), ZG_ERR_PARSE);
}

static void
test_list(void **state)
{
    fx *f = *state;
    const char *show[] = {"en", "batch"};
    zg_where w[2];
    zg_result *r = NULL;
    zg_error err = {0};

    assert_int_equal(zg_where_parse(&w[0], "batch=1", &err), ZG_OK);
    assert_int_equal(zg_query_list(f->g, NULL, "zone", w, 1, NULL, 0, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_cols(r), 2);
    assert_string_equal(zg_result_colname(r, 0), "node");
    assert_string_equal(zg_result_colname(r, 1), "batch");
    assert_int_equal(zg_result_rows(r), 2);
    assert_string_equal(cell_text(r, 0, 0), "zone-b"); /* sorted by id */
    assert_string_equal(cell_text(r, 1, 0), "zone-c");
    assert_string_equal(cell_text(r, 1, 1), "1");
    zg_result_free(r);

    /* Numeric comparison, a label for the type, --show columns. */
    assert_int_equal(zg_where_parse(&w[0], "batch>=1", &err), ZG_OK);
    assert_int_equal(
        zg_query_list(f->g, NULL, "先导区", w, 1, show, 2, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 3);
    assert_int_equal(zg_result_cols(r), 3); /* node, en, batch once */
    assert_string_equal(cell_text(r, 0, 1), "Alpha Zone");
    assert_int_equal(zg_result_cell(r, 2, 1)->kind, ZG_VAL_NULL);
    zg_result_free(r);

    /* Two conditions, one on a field. */
    assert_int_equal(zg_where_parse(&w[0], "batch!=2", &err), ZG_OK);
    assert_int_equal(zg_where_parse(&w[1], "name=滨海先导区", &err), ZG_OK);
    assert_int_equal(
        zg_query_list(f->g, NULL, "pilot zone", w, 2, NULL, 0, &r, &err),
        ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(cell_text(r, 0, 0), "zone-c");
    zg_result_free(r);

    /* A property no node has: only != holds. */
    assert_int_equal(zg_where_parse(&w[0], "colour=red", &err), ZG_OK);
    assert_int_equal(zg_query_list(f->g, NULL, "zone", w, 1, NULL, 0, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);

    /* A figure name that fits several figures of a node is refused (the
     * answer would hang on the order of the data), and so is a qualifier
     * that is neither a kind nor a whole date. */
    {
        static const char *const refused[] = {
            "ai_scale>=500",       "ai_scale@2>=1",   "ai_scale@202>=1",
            "ai_scale@2022-1>=1",  "ai_scale@->=1",   "ai_scale@@2022>=1",
            "ai_scale@2022#x@y=1", "ai_scale@soon=1", "batch#note=1"};
        static const char *const says[] = {
            "fits more than one figure of 'zone-c'",
            "neither a kind",
            "neither a kind",
            "neither a kind",
            "neither a kind",
            "neither a kind",
            "after '#' comes",
            "neither a kind",
            "after '#' comes"};
        for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
            zg_error_clear(&err);
            assert_int_equal(zg_where_parse(&w[0], refused[i], &err), ZG_OK);
            assert_int_equal(
                zg_query_list(f->g, NULL, "zone", w, 1, NULL, 0, &r, &err),
                ZG_ERR_INVALID);
            assert_null(r);
            if (strstr(err.msg, says[i]) == NULL)
                fail_msg("'%s': '%s' does not say '%s'", refused[i], err.msg,
                         says[i]);
        }
        zg_error_clear(&err);
    }
    {
        static const char *const picks[] = {
            "ai_scale@2022>=500", "ai_scale@target>=500",
            "ai_scale@2022-12@target=500", "ai_scale@2022@target>=500"};
        for (size_t i = 0; i < sizeof picks / sizeof picks[0]; i++) {
            assert_int_equal(zg_where_parse(&w[0], picks[i], &err), ZG_OK);
            assert_int_equal(
                zg_query_list(f->g, NULL, "zone", w, 1, NULL, 0, &r, &err),
                ZG_OK);
            assert_int_equal(zg_result_rows(r), 1);
            assert_string_equal(cell_text(r, 0, 0), "zone-c");
            assert_string_equal(zg_result_colname(r, 1), w[0].name);
            assert_string_equal(cell_text(r, 0, 1), "500");
            zg_result_free(r);
        }
    }
    /* Picks that fit no figure: the node has none of them. */
    assert_int_equal(zg_where_parse(&w[0], "ai_scale@2022@actual>=1", &err),
                     ZG_OK);
    assert_int_equal(zg_query_list(f->g, NULL, "zone", w, 1, NULL, 0, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    assert_int_equal(zg_where_parse(&w[0], "ai_scale@2020=200", &err), ZG_OK);
    assert_int_equal(zg_query_list(f->g, NULL, "zone", w, 1, NULL, 0, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    zg_result_free(r);

    /* A property's or figure's own source and evidence. */
    {
        const char *prov[] = {"ai_scale@target#evidence",
                              "ai_scale@2020#source", "batch#evidence"};
        assert_int_equal(
            zg_query_list(f->g, NULL, "zone", NULL, 0, prov, 3, &r, &err),
            ZG_OK);
        assert_int_equal(zg_result_rows(r), 3);
        assert_string_equal(cell_text(r, 2, 0), "zone-c");
        assert_string_equal(cell_text(r, 2, 1), "丙到2022年规模将达500亿元");
        assert_string_equal(cell_text(r, 2, 2), "s1");
        assert_int_equal(zg_result_cell(r, 2, 3)->kind, ZG_VAL_NULL);
        assert_int_equal(zg_result_cell(r, 0, 1)->kind, ZG_VAL_NULL);
        zg_result_free(r);
    }

    /* The node's sources and evidence are fields too. */
    {
        const char *ev[] = {"sources", "evidence"};
        assert_int_equal(
            zg_query_list(f->g, NULL, "zone", NULL, 0, ev, 2, &r, &err), ZG_OK);
        assert_int_equal(zg_result_cols(r), 3);
        assert_string_equal(zg_result_colname(r, 1), "sources");
        zg_result_free(r);
    }

    /* All sectors, no condition. */
    assert_int_equal(
        zg_query_list(f->g, NULL, "sector", NULL, 0, NULL, 0, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    assert_string_equal(cell_text(r, 0, 0), "sector-f");
    zg_result_free(r);

    assert_int_equal(
        zg_query_list(f->g, NULL, "planet", NULL, 0, NULL, 0, &r, &err),
        ZG_ERR_INVALID);
    assert_null(r);
    assert_non_null(strstr(err.msg, "known node types: zone, city, sector, "
                                    "strategy"));
}

/* ---- find ---- */

static void
test_find(void **state)
{
    fx *f = *state;
    zg_result *r = NULL;
    zg_error err = {0};

    /* "甲" names zone-a and city-a exactly: the zone (priority 1) first,
     * then prefix matches. */
    assert_int_equal(zg_query_find(f->g, NULL, "甲", 0, &r, &err), ZG_OK);
    assert_true(zg_result_rows(r) >= 2);
    assert_string_equal(cell_text(r, 0, 3), "zone-a");
    assert_int_equal(zg_result_cell(r, 0, 0)->i, 0);
    assert_string_equal(cell_text(r, 0, 1), "exact");
    assert_string_equal(cell_text(r, 0, 2), "甲");
    assert_string_equal(cell_text(r, 1, 3), "city-a");
    assert_string_equal(cell_text(r, 1, 4), "city");
    for (size_t i = 1; i < zg_result_rows(r); i++)
        assert_true(zg_result_cell(r, i - 1, 0)->i <=
                    zg_result_cell(r, i, 0)->i);
    zg_result_free(r);

    /* Traditional characters find the simplified alias. */
    assert_int_equal(zg_query_find(f->g, NULL, "濱海", 5, &r, &err), ZG_OK);
    assert_string_equal(cell_text(r, 0, 3), "zone-c");
    zg_result_free(r);

    /* max is honoured; nothing found is an empty result. */
    assert_int_equal(zg_query_find(f->g, NULL, "先导区", 1, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(cell_text(r, 0, 1), "substring");
    zg_result_free(r);
    assert_int_equal(zg_query_find(f->g, NULL, "qqqqqq", 0, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
}

/* ---- statistics ---- */

static void
test_stats(void **state)
{
    fx *f = *state;
    zg_result *r = NULL;
    zg_error err = {0};

    assert_int_equal(zg_query_totals(f->g, NULL, &r, &err), ZG_OK);
    assert_int_equal(zg_result_cell(r, 0, 0)->i, 8);
    assert_int_equal(zg_result_cell(r, 0, 1)->i, 8);
    assert_int_equal(zg_result_cell(r, 0, 2)->i, 1);
    assert_int_equal(zg_result_cell(r, 0, 3)->i, 4);
    assert_int_equal(zg_result_cell(r, 0, 4)->i, 4);
    assert_int_equal(zg_result_cols(r), 8);
    assert_string_equal(zg_result_colname(r, 5), "stated");
    assert_int_equal(zg_result_cell(r, 0, 5)->i + zg_result_cell(r, 0, 6)->i +
                         zg_result_cell(r, 0, 7)->i,
                     8);
    zg_result_free(r);

    /* zone 3; sector 2, strategy 2 (tie by name); city 1. */
    assert_int_equal(
        zg_query_count_nodetypes(f->g, NULL, ZG_LABEL_ZH, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 4);
    assert_string_equal(cell_text(r, 0, 0), "zone");
    assert_string_equal(cell_text(r, 0, 1), "先导区");
    assert_int_equal(zg_result_cell(r, 0, 2)->i, 3);
    assert_string_equal(cell_text(r, 1, 0), "sector");
    assert_string_equal(cell_text(r, 2, 0), "strategy");
    assert_string_equal(cell_text(r, 3, 0), "city");
    assert_int_equal(zg_result_cell(r, 3, 2)->i, 1);
    zg_result_free(r);

    /* English labels, falling back to Chinese; both joined. */
    assert_int_equal(
        zg_query_count_nodetypes(f->g, NULL, ZG_LABEL_EN, &r, &err), ZG_OK);
    assert_string_equal(cell_text(r, 0, 1), "pilot zone");
    assert_string_equal(cell_text(r, 2, 1), "战略");
    zg_result_free(r);
    assert_int_equal(
        zg_query_count_nodetypes(f->g, NULL, ZG_LABEL_BOTH, &r, &err), ZG_OK);
    assert_string_equal(cell_text(r, 0, 1), "先导区 / pilot zone");
    zg_result_free(r);

    assert_int_equal(zg_query_count_reltypes(f->g, NULL, ZG_LABEL_ZH, &r, &err),
                     ZG_OK);
    assert_string_equal(cell_text(r, 0, 0), "focuses_on");
    assert_int_equal(zg_result_cell(r, 0, 2)->i, 3);
    assert_string_equal(cell_text(r, 1, 0), "links");
    assert_string_equal(cell_text(r, 1, 1), "links"); /* en fallback */
    assert_int_equal(zg_result_cell(r, 3, 2)->i, 1);
    zg_result_free(r);

    /* Degree 3: strat-x, strat-y, zone-a, zone-b (by id); then sector-m. */
    assert_int_equal(zg_query_top_degree(f->g, NULL, 5, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 5);
    assert_string_equal(cell_text(r, 0, 0), "strat-x");
    assert_string_equal(cell_text(r, 1, 0), "strat-y");
    assert_string_equal(cell_text(r, 2, 0), "zone-a");
    assert_string_equal(cell_text(r, 3, 0), "zone-b");
    assert_int_equal(zg_result_cell(r, 3, 2)->i, 3);
    assert_int_equal(zg_result_cell(r, 3, 3)->i, 3);
    assert_int_equal(zg_result_cell(r, 3, 4)->i, 0);
    assert_string_equal(cell_text(r, 4, 0), "sector-m");
    zg_result_free(r);
    assert_int_equal(zg_query_top_degree(f->g, NULL, 0, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 8); /* 10 by default, 8 nodes */
    zg_result_free(r);
}

/* ---- the card ---- */

static void
test_card(void **state)
{
    fx *f = *state;
    zg_result *r = NULL;
    zg_error err = {0};

    assert_int_equal(zg_query_node_card(f->g, f->zone_a, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(cell_text(r, 0, col_index(r, "type")), "zone");
    assert_string_equal(cell_text(r, 0, col_index(r, "id")), "zone-a");
    assert_string_equal(cell_text(r, 0, col_index(r, "en")), "Alpha Zone");
    assert_string_equal(cell_text(r, 0, col_index(r, "aliases")),
                        "甲, Alpha (en)");
    assert_int_equal(zg_result_cell(r, 0, col_index(r, "until"))->kind,
                     ZG_VAL_NULL);
    zg_result_free(r);

    assert_int_equal(zg_query_node_aliases(f->g, f->zone_a, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    assert_string_equal(cell_text(r, 1, 1), "en");
    zg_result_free(r);

    /* Plain properties and figures come apart. */
    assert_int_equal(zg_query_node_props(f->g, NULL, f->zone_a, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(cell_text(r, 0, 0), "batch");
    assert_string_equal(cell_text(r, 0, 1), "integer");
    assert_string_equal(cell_text(r, 0, col_index(r, "value")), "2");
    assert_int_equal(col_index(r, "value"), 5);
    zg_result_free(r);
    assert_int_equal(
        zg_query_node_figures(f->g, NULL, f->zone_a, ZG_LABEL_EN, &r, &err),
        ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(cell_text(r, 0, col_index(r, "label")), "enterprises");
    assert_true(zg_result_cell(r, 0, col_index(r, "value"))->num == 550.0);
    assert_string_equal(cell_text(r, 0, col_index(r, "unit")), "家");
    assert_string_equal(cell_text(r, 0, col_index(r, "approx")), "over");
    assert_string_equal(cell_text(r, 0, col_index(r, "kind")), "actual");
    assert_string_equal(cell_text(r, 0, col_index(r, "evidence")),
                        "甲有550余家企业");
    zg_result_free(r);

    /* Relations: out-edges, then in-edges, with labels in the language. */
    assert_int_equal(zg_query_node_relations(f->g, NULL, f->strat_x,
                                             ZG_LABEL_ZH, 1, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_cols(r), 10);
    assert_int_equal(zg_result_rows(r), 3);
    assert_string_equal(cell_text(r, 0, 0), "out");
    assert_string_equal(cell_text(r, 0, 1), "links");
    assert_string_equal(cell_text(r, 0, 3), "strat-y");
    assert_string_equal(cell_text(r, 1, 0), "in");
    assert_string_equal(cell_text(r, 1, 2), "服务");
    assert_string_equal(cell_text(r, 1, 3), "zone-a");
    assert_string_equal(cell_text(r, 1, 4), "zone");
    assert_string_equal(cell_text(r, 1, 5), "stated");
    assert_string_equal(cell_text(r, 1, 6), "s1");
    assert_int_equal(zg_result_cell(r, 1, 7)->kind, ZG_VAL_NULL); /* props */
    assert_string_equal(cell_text(r, 1, 8), "甲服务一带一路");
    assert_int_equal(zg_result_cell(r, 1, 9)->kind, ZG_VAL_EDGE);
    zg_result_free(r);
    assert_int_equal(zg_query_node_relations(f->g, NULL, f->zone_a,
                                             ZG_LABEL_BOTH, 0, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_cols(r), 9);
    assert_string_equal(cell_text(r, 1, 2), "聚焦 / focuses on");
    zg_result_free(r);

    /* The sources cited, each once. */
    assert_int_equal(zg_query_node_sources(f->g, NULL, f->zone_a, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(cell_text(r, 0, 0), "s1");
    assert_string_equal(cell_text(r, 0, 1), "来源");
    assert_int_equal(zg_result_cell(r, 0, 4)->kind, ZG_VAL_NULL);
    zg_result_free(r);

    assert_int_equal(zg_query_node_card(f->g, 12345, &r, &err), ZG_ERR_INVALID);
    assert_null(r);
}

/* ---- formats ---- */

/* A result with a node, a string and an int column. */
static zg_result *
small_result(const fx *f, const char *const *texts, size_t n)
{
    static const char *const cols[] = {"node", "text", "n"};
    static const zg_col_kind kinds[] = {ZG_COL_NODE, ZG_COL_ANY, ZG_COL_ANY};
    zg_result *r = NULL;

    assert_int_equal(zg_result_new_kinds(&r, f->g, 3, cols, kinds, NULL),
                     ZG_OK);
    for (size_t i = 0; i < n; i++) {
        zg_value row[3];
        memset(row, 0, sizeof row);
        row[0].kind = ZG_VAL_NODE;
        row[0].id = i % 2 ? f->sec_m : f->zone_c;
        row[1].kind = texts[i] ? ZG_VAL_STRING : ZG_VAL_NULL;
        row[1].str = texts[i];
        row[2].kind = ZG_VAL_INT;
        row[2].i = (long long)(i * 100);
        assert_int_equal(zg_result_add_row(r, row, NULL), ZG_OK);
    }
    return r;
}

static void
test_tsv(void **state)
{
    const char *texts[] = {"a\tb\nc\\d", NULL};
    fx *f = *state;
    zg_result *r = small_result(f, texts, 2);
    char *out = capture(r, w_tsv, NULL);

    /* A node column is the id and the name; with English, the English
     * name too (empty when none). */
    assert_string_equal(out, "node\tnode_name\ttext\tn\n"
                             "zone-c\t滨海先导区\ta\\tb\\nc\\\\d\t0\n"
                             "sector-m\t智能制造\t\t100\n");
    free(out);
    out = capture(r, w_tsv_en, NULL);
    assert_string_equal(out, "node\tnode_name\tnode_en\ttext\tn\n"
                             "zone-c\t滨海先导区\t\ta\\tb\\nc\\\\d\t0\n"
                             "sector-m\t智能制造\tmanufacturing\t\t100\n");
    free(out);
    zg_result_free(r);
}

/* The display column where `needle` starts in `line`. */
static size_t
display_col(const char *line, const char *needle)
{
    const char *p = strstr(line, needle);
    char *prefix;
    size_t w;

    assert_non_null(p);
    prefix = strndup(line, (size_t)(p - line));
    w = zg_text_width(prefix);
    free(prefix);
    return w;
}

static void
test_table(void **state)
{
    const char *texts[] = {"ab", "x"};
    fx *f = *state;
    zg_result *r = small_result(f, texts, 2);
    zg_lang lang = ZG_LANG_ZH;
    char *out = capture(r, w_table, &lang), *lines[4], *save = NULL;
    size_t k = 0;

    /* Node labels are CJK (滨海先导区 is 10 columns wide), the int column
     * is right-aligned, and no line ends in a space. */
    for (char *l = strtok_r(out, "\n", &save); l && k < 4;
         l = strtok_r(NULL, "\n", &save))
        lines[k++] = l;
    assert_int_equal(k, 4);
    assert_string_equal(lines[0], "node        text    n");
    assert_string_equal(lines[1], "----------  ----  ---");
    assert_string_equal(lines[2], "滨海先导区  ab      0");
    assert_string_equal(lines[3], "智能制造    x     100");
    assert_int_equal(display_col(lines[2], "ab"),
                     display_col(lines[0], "text"));
    assert_int_equal(display_col(lines[3], "x"), display_col(lines[0], "text"));
    free(out);

    /* English labels fall back to the name. */
    lang = ZG_LANG_EN;
    out = capture(r, w_table, &lang);
    assert_non_null(strstr(out, "\n滨海先导区     ab"));
    assert_non_null(strstr(out, "\nmanufacturing  x"));
    free(out);
    lang = ZG_LANG_BOTH;
    out = capture(r, w_table, &lang);
    assert_non_null(strstr(out, "智能制造 / manufacturing"));
    free(out);
    zg_result_free(r);
}

static void
test_record(void **state)
{
    fx *f = *state;
    zg_result *r = NULL;
    char *out;

    assert_int_equal(zg_query_node_card(f->g, f->zone_c, &r, NULL), ZG_OK);
    out = capture(r, w_record, NULL);
    /* Null fields are left out; values line up after the widest name. */
    assert_non_null(strstr(out, "type      zone\n"));
    assert_non_null(strstr(out, "name      滨海先导区\n"));
    assert_non_null(strstr(out, "aliases   滨海\n"));
    assert_null(strstr(out, "\nen "));
    free(out);
    zg_result_free(r);
}

static void
test_json(void **state)
{
    fx *f = *state;
    const char *texts[] = {"中文 \"q\"", NULL};
    zg_result *r = small_result(f, texts, 2), *rel = NULL;
    json_t *doc, *rows, *node, *edge;
    json_error_t jerr;
    char *out = capture(r, w_json, NULL);

    /* Chinese is written as UTF-8, not escaped. */
    assert_non_null(strstr(out, "滨海先导区"));
    doc = json_loads(out, 0, &jerr);
    assert_non_null(doc);
    assert_string_equal(
        json_string_value(json_array_get(json_object_get(doc, "columns"), 1)),
        "text");
    rows = json_object_get(doc, "rows");
    assert_int_equal(json_array_size(rows), 2);
    node = json_array_get(json_array_get(rows, 0), 0);
    assert_string_equal(json_string_value(json_object_get(node, "id")),
                        "zone-c");
    assert_string_equal(json_string_value(json_object_get(node, "type")),
                        "zone");
    assert_string_equal(json_string_value(json_object_get(node, "name")),
                        "滨海先导区");
    assert_true(json_is_null(json_object_get(node, "en")));
    assert_string_equal(
        json_string_value(json_array_get(json_array_get(rows, 0), 1)),
        "中文 \"q\"");
    assert_true(json_is_null(json_array_get(json_array_get(rows, 1), 1)));
    assert_int_equal(
        json_integer_value(json_array_get(json_array_get(rows, 1), 2)), 100);
    json_decref(doc);
    free(out);
    zg_result_free(r);

    /* Edge cells carry provenance; parts make one document. */
    assert_int_equal(zg_query_node_relations(f->g, NULL, f->zone_b, ZG_LABEL_ZH,
                                             1, &rel, NULL),
                     ZG_OK);
    assert_int_equal(zg_query_node_card(f->g, f->zone_b, &r, NULL), ZG_OK);
    {
        zg_json_part parts[2] = {{"node", r, 1}, {"relations", rel, 0}};
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        assert_int_equal(zg_export_json_parts(parts, 2, m, NULL), ZG_OK);
        fclose(m);
        doc = json_loads(buf, 0, &jerr);
        assert_non_null(doc);
        free(buf);
    }
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(doc, "node"), "id")),
        "zone-b");
    rows = json_object_get(json_object_get(doc, "relations"), "rows");
    assert_int_equal(json_array_size(rows), 3);
    edge = json_array_get(json_array_get(rows, 0), 9);
    assert_string_equal(json_string_value(json_object_get(edge, "from")),
                        "zone-b");
    assert_string_equal(json_string_value(json_object_get(edge, "type")),
                        "focuses_on");
    assert_string_equal(json_string_value(json_object_get(edge, "to")),
                        "sector-m");
    assert_string_equal(json_string_value(json_object_get(edge, "evidence")),
                        "乙聚焦智能制造");
    assert_string_equal(json_string_value(json_object_get(edge, "basis")),
                        "stated");
    json_decref(doc);
    zg_result_free(r);
    zg_result_free(rel);
}

/* ---- declared columns: a fixed TSV layout ---- */

/* The first line of `r` in TSV with English names: a malloc'd string. */
static char *
tsv_header(const zg_result *r)
{
    char *out = capture(r, w_tsv_en, NULL);
    size_t n = strcspn(out, "\n");

    assert_int_equal(out[n], '\n');
    out[n] = '\0';
    return out;
}

/* An empty and a non-empty answer of one question have one header. */
static void
assert_same_header(zg_result *empty, zg_result *full, const char *want)
{
    char *he, *hf;

    assert_int_equal(zg_result_rows(empty), 0);
    assert_true(zg_result_rows(full) > 0);
    he = tsv_header(empty);
    hf = tsv_header(full);
    assert_string_equal(he, hf);
    assert_string_equal(hf, want);
    free(he);
    free(hf);
    zg_result_free(empty);
    zg_result_free(full);
}

/*
 * Two zones and a lone one, a sector and the broader sector it belongs to:
 *   zone-a -focuses_on-> smart -broader-> finance <-focuses_on- zone-b
 * zone-lone has no relation, so every question about it has no rows.
 */
static zg_graph *
broader_graph(zg_id *za, zg_id *zb, zg_id *lone)
{
    zg_graph *g = NULL;
    zg_error err = {0};
    zg_source_info s;
    zg_id zone, sector, smart, finance, sid;

    assert_int_equal(zg_graph_new(&g, &err), ZG_OK);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    memset(&s, 0, sizeof s);
    s.id = "s1";
    s.title = "来源";
    assert_int_equal(zg_graph_add_source(g, &s, &sid, &err), ZG_OK);
    zone = add_type(g, "zone", "先导区", "pilot zone", 1);
    sector = add_type(g, "sector", "领域", "sector", 100);
    add_rel(g, "focuses_on", "聚焦", "focuses on", "zone", "sector");
    add_rel(g, "broader", "属于", "belongs to", "sector", "sector");
    *za = add_node(g, "zone-a", zone, "甲先导区", "Alpha Zone");
    *zb = add_node(g, "zone-b", zone, "乙先导区", NULL);
    *lone = add_node(g, "zone-lone", zone, "丙先导区", NULL);
    smart = add_node(g, "smart", sector, "智慧金融", "smart finance");
    finance = add_node(g, "finance", sector, "金融", "finance");
    add_edge(g, *za, "focuses_on", smart, "甲聚焦智慧金融");
    add_edge(g, smart, "broader", finance, "智慧金融属于金融");
    add_edge(g, *zb, "focuses_on", finance, "乙聚焦金融");
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
    return g;
}

static void
test_tsv_fixed_columns(void **state)
{
    zg_graph *g;
    zg_id za, zb, lone;
    zg_result *e = NULL, *r = NULL, *eh = NULL, *rh = NULL;
    zg_error err = {0};
    zg_neighbour_opts nopt;
    zg_common_opts copt;
    zg_path_opts popt;
    zg_path_info info;
    zg_fulltext *ft = NULL;
    zg_fulltext_opts fopt;

    (void)state;
    g = broader_graph(&za, &zb, &lone);

    /* neighbours: every node and edge column, rows or none. */
    memset(&nopt, 0, sizeof nopt);
    nopt.broader = 1;
    nopt.evidence = 1;
    nopt.edge_column = 1;
    assert_int_equal(zg_query_neighbours(g, lone, &nopt, &e, &err), ZG_OK);
    assert_int_equal(zg_query_neighbours(g, za, &nopt, &r, &err), ZG_OK);
    assert_same_header(
        e, r,
        "distance\tnode\tnode_name\tnode_en\ttype\trelation\tdirection\tvia"
        "\tvia_name\tvia_en\tprops\tthrough\tthrough_name\tthrough_en\tsource"
        "\tevidence\tedge\tedge_name\tedge_en");

    /* common --broader: zone-a reaches finance through smart, zone-b
     * directly, so no row has a through_b; its name fields stay. */
    memset(&copt, 0, sizeof copt);
    copt.broader = 1;
    assert_int_equal(zg_query_common(g, za, lone, &copt, &e, &err), ZG_OK);
    assert_int_equal(zg_query_common(g, za, zb, &copt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(zg_result_cell(r, 0, col_index(r, "through_b"))->kind,
                     ZG_VAL_NULL);
    assert_same_header(e, r,
                       "type\tnode\tnode_name\tnode_en\trelation_a"
                       "\tdirection_a\trelation_b\tdirection_b\tprops_a"
                       "\tprops_b\tthrough_a\tthrough_a_name\tthrough_a_en"
                       "\tthrough_b\tthrough_b_name\tthrough_b_en\tsentence");

    /* find over names, and full-text find whose `on` holds nodes and
     * relations alike. */
    assert_int_equal(zg_query_find(g, NULL, "qqqqqq", 0, &e, &err), ZG_OK);
    assert_int_equal(zg_query_find(g, NULL, "甲先导区", 0, &r, &err), ZG_OK);
    assert_same_header(e, r,
                       "score\tmatch\tmatched\tnode\tnode_name\tnode_en\ttype");
    assert_int_equal(zg_fulltext_new(&ft, g, &err), ZG_OK);
    memset(&fopt, 0, sizeof fopt);
    fopt.in = ZG_FT_EVIDENCE;
    assert_int_equal(zg_fulltext_search(ft, "qqqqqq", &fopt, &e, &err), ZG_OK);
    assert_int_equal(zg_fulltext_search(ft, "聚焦", &fopt, &r, &err), ZG_OK);
    assert_same_header(e, r,
                       "score\tmatch\twhere\ton\ton_name\ton_en\ttype\ttext");
    zg_fulltext_free(ft);

    /* path: no path from the lone zone, one from zone-a to zone-b. */
    memset(&popt, 0, sizeof popt);
    assert_int_equal(zg_query_path(g, za, lone, &popt, &e, &info, &err), ZG_OK);
    assert_int_equal(zg_query_path(g, za, zb, &popt, &r, &info, &err), ZG_OK);
    assert_int_equal(zg_query_path_hops(e, 1, &eh, &err), ZG_OK);
    assert_int_equal(zg_query_path_hops(r, 1, &rh, &err), ZG_OK);
    assert_same_header(e, r, "path\tlength");
    assert_same_header(
        eh, rh,
        "path\thop\tfrom\tfrom_name\tfrom_en\trelation\tdirection\tto\tto_name"
        "\tto_en\tbasis\tsource\tprops\tevidence\tedge\tedge_name\tedge_en");
    zg_graph_free(g);
}

/* A cell that contradicts its column's declared kind is refused, and the
 * result is left as it was; null fits every column. */
static void
test_col_kinds(void **state)
{
    static const char *const cols[] = {"node", "edge", "on", "any"};
    static const zg_col_kind kinds[] = {ZG_COL_NODE, ZG_COL_EDGE,
                                        ZG_COL_NODE_OR_EDGE, ZG_COL_ANY};
    fx *f = *state;
    zg_result *r = NULL;
    zg_error err = {0};
    zg_value row[4];

    assert_int_equal(zg_result_new_kinds(&r, f->g, 4, cols, kinds, &err),
                     ZG_OK);
    assert_int_equal(zg_result_col_kind(r, 0), ZG_COL_NODE);
    assert_int_equal(zg_result_col_kind(r, 2), ZG_COL_NODE_OR_EDGE);
    assert_int_equal(zg_result_col_kind(r, 3), ZG_COL_ANY);
    memset(row, 0, sizeof row);
    row[0].kind = ZG_VAL_NODE;
    row[1].kind = ZG_VAL_EDGE;
    row[2].kind = ZG_VAL_EDGE;
    row[3].kind = ZG_VAL_NODE;
    assert_int_equal(zg_result_add_row(r, row, &err), ZG_OK);
    row[2].kind = ZG_VAL_NODE;
    row[3].kind = ZG_VAL_STRING;
    row[3].str = "x";
    assert_int_equal(zg_result_add_row(r, row, &err), ZG_OK);
    memset(row, 0, sizeof row); /* all null */
    assert_int_equal(zg_result_add_row(r, row, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 3);

    /* text in a node column, a node in an edge column, a number in a
     * node-or-edge column */
    row[0].kind = ZG_VAL_STRING;
    row[0].str = "zone-a";
    assert_int_equal(zg_result_add_row(r, row, &err), ZG_ERR_INVALID);
    assert_non_null(strstr(err.msg, "column 'node'"));
    row[0].kind = ZG_VAL_NULL;
    row[1].kind = ZG_VAL_NODE;
    memset(&err, 0, sizeof err);
    assert_int_equal(zg_result_add_row(r, row, &err), ZG_ERR_INVALID);
    assert_non_null(strstr(err.msg, "a node cell in column 'edge'"));
    row[1].kind = ZG_VAL_NULL;
    row[2].kind = ZG_VAL_INT;
    assert_int_equal(zg_result_add_row(r, row, &err), ZG_ERR_INVALID);
    assert_int_equal(zg_result_rows(r), 3);

    /* Declarations: only before rows, only for columns and kinds that
     * exist. */
    assert_int_equal(zg_result_set_col_kind(r, 3, ZG_COL_NODE, &err),
                     ZG_ERR_INVALID);
    zg_result_free(r);
    assert_int_equal(zg_result_new(&r, f->g, 4, cols, &err), ZG_OK);
    assert_int_equal(zg_result_col_kind(r, 1), ZG_COL_ANY);
    assert_int_equal(zg_result_set_col_kind(r, 4, ZG_COL_NODE, &err),
                     ZG_ERR_INVALID);
    assert_int_equal(zg_result_set_col_kind(r, 0, (zg_col_kind)42, &err),
                     ZG_ERR_INVALID);
    assert_int_equal(zg_result_set_col_kind(r, 0, ZG_COL_EDGE, &err), ZG_OK);
    assert_int_equal(zg_result_col_kind(r, 0), ZG_COL_EDGE);
    zg_result_free(r);
}

/* ---- hostile text in every text format ---- */

/*
 * Text that would act on a terminal or break a line format: ESC with a
 * CSI sequence, CSI as a C1 control, a right-to-left override and a
 * left-to-right isolate, tab, newline, carriage return, backslashes, DEL,
 * NEL, a line separator, entity-like text, and text that already looks
 * like an escape.
 */
static const char *const hostile[] = {
    "esc\x1b[2Jx",
    "csi\xc2\x9b"
    "31mx",
    "rlo\xe2\x80\xae"
    "txt",
    "lri\xe2\x81\xa6"
    "x",
    "tab\tcell",
    "nl\nrow",
    "cr\rx",
    "back\\slash\\",
    "del\x7f"
    "x",
    "nel\xc2\x85"
    "x",
    "ls\xe2\x80\xa8"
    "x",
    "amp&amp;x",
    "ent&#x1B;[2J",
    "lt&lt;b&gt;",
    "lit\\u009B\\t\\x41",
    "中文\t列",
};
#define N_HOSTILE (sizeof hostile / sizeof hostile[0])

/* Bytes that are not UTF-8, which a result built through the API may
 * hold: a stray byte, a cut sequence, an encoded surrogate, an overlong
 * form. */
static const char *const not_utf8[] = {
    "bad\xff"
    "byte",
    "cut\xe4\xb8",
    "sur\xed\xa0\x80"
    "x",
    "over\xc0\xaf",
};
#define N_NOT_UTF8 (sizeof not_utf8 / sizeof not_utf8[0])

/* `out` is valid UTF-8 and holds no character that acts on a terminal
 * other than newline (and tab where `tab_ok`). */
static void
assert_terminal_safe(const char *what, const char *out, int tab_ok)
{
    const unsigned char *p = (const unsigned char *)out;
    size_t n = strlen(out);

    while (n > 0) {
        uint32_t c = 0;
        size_t k = zg_test_decode_utf8(p, n, &c);
        if (k == 0)
            fail_msg("%s: byte %zu (0x%02X) is not UTF-8", what,
                     (size_t)(p - (const unsigned char *)out), *p);
        if (c != '\n' && !(tab_ok && c == '\t') && zg_test_acts_on_terminal(c))
            fail_msg("%s: raw U+%04X at byte %zu", what, (unsigned)c,
                     (size_t)(p - (const unsigned char *)out));
        p += k;
        n -= k;
    }
}

/* Append the UTF-8 of `c` to `out` at *n. */
static void
put_utf8(char *out, size_t *n, uint32_t c)
{
    if (c < 0x80) {
        out[(*n)++] = (char)c;
    } else if (c < 0x800) {
        out[(*n)++] = (char)(0xc0 | (c >> 6));
        out[(*n)++] = (char)(0x80 | (c & 0x3f));
    } else {
        out[(*n)++] = (char)(0xe0 | (c >> 12));
        out[(*n)++] = (char)(0x80 | ((c >> 6) & 0x3f));
        out[(*n)++] = (char)(0x80 | (c & 0x3f));
    }
}

/* The value of hex digit `h`; fails the test for anything else. */
static unsigned
hexval(char h)
{
    if (h >= '0' && h <= '9')
        return (unsigned)(h - '0');
    if (h >= 'A' && h <= 'F')
        return (unsigned)(h - 'A' + 10);
    fail_msg("'%c' is not an upper-case hex digit", h);
    return 0;
}

/*
 * Undo the TSV escaping of the `n` bytes at `s` as the man page states
 * it: \\ \t \n \r, \uXXXX (a code point), \xHH (a byte). Any other
 * backslash fails the test. Returns a new string (free()).
 */
static char *
tsv_unescape(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    size_t w = 0;

    assert_non_null(out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            out[w++] = s[i];
            continue;
        }
        if (++i >= n)
            fail_msg("TSV field ends in a lone backslash");
        switch (s[i]) {
        case '\\': out[w++] = '\\'; break;
        case 't': out[w++] = '\t'; break;
        case 'n': out[w++] = '\n'; break;
        case 'r': out[w++] = '\r'; break;
        case 'x':
            assert_true(i + 2 < n + 1 && i + 2 <= n);
            out[w++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
            break;
        case 'u': {
            uint32_t c = 0;
            assert_true(i + 4 <= n);
            for (int k = 1; k <= 4; k++)
                c = c * 16 + hexval(s[i + k]);
            put_utf8(out, &w, c);
            i += 4;
            break;
        }
        default: fail_msg("TSV: unknown escape \\%c", s[i]);
        }
    }
    out[w] = '\0';
    return out;
}

/* A graph whose type names, relation name, keys, names, English names and
 * evidence are the hostile texts: node i is keyed "k" + hostile[i] (a
 * newline, which an id cannot hold, as a tab) and named hostile[i]; edge
 * i links node i to node i + 1 (mod N). */
static zg_graph *
hostile_graph(void)
{
    zg_graph *g = NULL;
    zg_error err = {0};
    zg_source_info src;
    zg_id type, sid;
    char key[64], en[64];

    assert_int_equal(zg_graph_new(&g, &err), ZG_OK);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    type = add_type(g, "ty\xe2\x80\xaepe", "类\x1b[7m型", "ty\tpe", 1);
    add_rel(g, "li\xc2\x9bnk", "链\x1b]0;x\x07接", "li\nnk", "ty\xe2\x80\xaepe",
            "ty\xe2\x80\xaepe");
    memset(&src, 0, sizeof src);
    src.id = "s1";
    src.title = "t";
    assert_int_equal(zg_graph_add_source(g, &src, &sid, &err), ZG_OK);
    for (size_t i = 0; i < N_HOSTILE; i++) {
        snprintf(key, sizeof key, "k%s", hostile[i]);
        for (char *c = key; (c = strchr(c, '\n')) != NULL;)
            *c = '\t'; /* an id holds no newline */
        snprintf(en, sizeof en, "en-%s", hostile[i]);
        assert_int_equal(add_node(g, key, type, hostile[i], en), (zg_id)i);
    }
    for (size_t i = 0; i < N_HOSTILE; i++)
        add_edge(g, (zg_id)i, "li\xc2\x9bnk", (zg_id)((i + 1) % N_HOSTILE),
                 hostile[i]);
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
    return g;
}

/* Column names of the hostile result; the last is a marker whose start
 * shows the table's alignment. */
static const char *const hostile_cols[] = {"no\x1b[2Jde", "ed\xe2\x80\xaege",
                                           "te\txt", "|end|"};

/*
 * The hostile result: row i has node i, edge i, `texts[i]` and the
 * marker "|end|". Free with zg_result_free().
 */
static zg_result *
hostile_result(const zg_graph *g, const char *const *texts, size_t n)
{
    zg_result *r = NULL;

    assert_int_equal(zg_result_new(&r, g, 4, hostile_cols, NULL), ZG_OK);
    assert_int_equal(zg_result_set_col_kind(r, 0, ZG_COL_NODE, NULL), ZG_OK);
    assert_int_equal(zg_result_set_col_kind(r, 1, ZG_COL_EDGE, NULL), ZG_OK);
    for (size_t i = 0; i < n; i++) {
        zg_value row[4];
        memset(row, 0, sizeof row);
        row[0].kind = ZG_VAL_NODE;
        row[0].id = (zg_id)(i % N_HOSTILE);
        row[1].kind = ZG_VAL_EDGE;
        row[1].id = (zg_id)(i % N_HOSTILE);
        row[2].kind = ZG_VAL_STRING;
        row[2].str = texts[i];
        row[3].kind = ZG_VAL_STRING;
        row[3].str = "|end|";
        assert_int_equal(zg_result_add_row(r, row, NULL), ZG_OK);
    }
    return r;
}

/* Every hostile text and every text that is not UTF-8, in one array. */
static const char **
all_texts(size_t *n)
{
    const char **t = malloc((N_HOSTILE + N_NOT_UTF8) * sizeof *t);

    assert_non_null(t);
    for (size_t i = 0; i < N_HOSTILE; i++)
        t[i] = hostile[i];
    for (size_t i = 0; i < N_NOT_UTF8; i++)
        t[N_HOSTILE + i] = not_utf8[i];
    *n = N_HOSTILE + N_NOT_UTF8;
    return t;
}

/* The TSV text of edge `e`: "FROM -TYPE-> TO" of keys, or with `names`
 * of names (new string). */
static char *
edge_tsv(const zg_graph *g, zg_id e, int names)
{
    zg_edge_info x;
    zg_graph_edge_get(g, e, &x);
    const zg_node_info *from = zg_graph_node(g, x.from);
    const zg_node_info *to = zg_graph_node(g, x.to);
    const char *a = names ? from->name : from->key;
    const char *t = zg_graph_reltype(g, x.type)->name;
    const char *b = names ? to->name : to->key;
    size_t n = strlen(a) + strlen(t) + strlen(b) + 8;
    char *s = malloc(n);

    assert_non_null(s);
    snprintf(s, n, "%s -%s-> %s", a, t, b);
    return s;
}

/* TSV: one line per row, one field per column (two for a node or
 * relation column), whatever the text; every
 * field unescapes to exactly the text (bytes that are not UTF-8 too), and
 * nothing but the separators is a control character. */
static void
test_tsv_hostile(void **state)
{
    zg_graph *g = hostile_graph();
    size_t n;
    const char **texts = all_texts(&n);
    zg_result *r = hostile_result(g, texts, n);
    char *out = capture(r, w_tsv, NULL), *line, *save = NULL;
    size_t lines = 0;
    (void)state;

    assert_terminal_safe("TSV", out, 1);
    for (line = strtok_r(out, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save), lines++) {
        const char *f = line;
        /* The node and the edge column are two fields each: the id and
         * the name. */
        for (size_t c = 0; c < 6; c++) {
            const char *end = strchr(f, '\t');
            size_t len = end ? (size_t)(end - f) : strlen(f);
            char *got = tsv_unescape(f, len), *want_own = NULL;
            const char *want;
            zg_id node = (zg_id)((lines - 1) % N_HOSTILE);
            assert_true(lines <= n);
            if (lines == 0 && (c == 1 || c == 3)) {
                size_t k = strlen(hostile_cols[c / 2]) + 6;
                want = want_own = malloc(k);
                assert_non_null(want_own);
                snprintf(want_own, k, "%s_name", hostile_cols[c / 2]);
            } else if (lines == 0)
                want = hostile_cols[c < 4 ? c / 2 : c - 2];
            else if (c == 0)
                want = zg_graph_node(g, node)->key;
            else if (c == 1)
                want = zg_graph_node(g, node)->name;
            else if (c == 2 || c == 3)
                want = want_own = edge_tsv(g, node, c == 3);
            else if (c == 4)
                want = texts[lines - 1];
            else
                want = "|end|";
            if (strcmp(got, want) != 0)
                fail_msg("TSV line %zu field %zu: '%s' unescapes to '%s'",
                         lines, c, want, got);
            free(got);
            free(want_own);
            /* exactly six fields */
            assert_true(c < 5 ? end != NULL : end == NULL);
            f = end ? end + 1 : f;
        }
    }
    assert_int_equal(lines, n + 1);
    free(out);
    zg_result_free(r);
    free(texts);
    zg_graph_free(g);
}

/* The table and the card show every control escaped, keep one line per
 * row and line the columns up by the width of what they show. */
static void
test_table_hostile(void **state)
{
    zg_graph *g = hostile_graph();
    size_t n;
    const char **texts = all_texts(&n);
    zg_result *r = hostile_result(g, texts, n), *card = NULL;
    zg_lang langs[] = {ZG_LANG_ZH, ZG_LANG_EN, ZG_LANG_BOTH};
    (void)state;

    for (size_t k = 0; k < 3; k++) {
        char *out = capture(r, w_table, &langs[k]), *line, *save = NULL;
        size_t lines = 0, col = 0;
        assert_terminal_safe("table", out, 0);
        /* Visible escapes, the text itself unchanged around them. */
        assert_non_null(strstr(out, "esc\\u001B[2Jx"));
        assert_non_null(strstr(out, "csi\\u009B31mx"));
        assert_non_null(strstr(out, "rlo\\u202Etxt"));
        assert_non_null(strstr(out, "lri\\u2066x"));
        assert_non_null(strstr(out, "tab\\tcell"));
        assert_non_null(strstr(out, "nl\\nrow"));
        assert_non_null(strstr(out, "bad\\xFFbyte"));
        assert_non_null(strstr(out, "ent&#x1B;[2J"));
        assert_non_null(strstr(out, "no\\u001B[2Jde"));
        for (line = strtok_r(out, "\n", &save); line;
             line = strtok_r(NULL, "\n", &save), lines++) {
            if (lines == 1)
                continue; /* the rule */
            if (lines == 0)
                col = display_col(line, "|end|");
            else
                assert_int_equal(display_col(line, "|end|"), col);
        }
        assert_int_equal(lines, n + 2);
        free(out);
    }

    /* The card of every hostile node: one line per field. */
    for (zg_id i = 0; i < N_HOSTILE; i++) {
        char *out, *line, *save = NULL;
        size_t lines = 0, fields = 0;
        assert_int_equal(zg_query_node_card(g, i, &card, NULL), ZG_OK);
        for (size_t c = 0; c < zg_result_cols(card); c++)
            fields += zg_result_cell(card, 0, c)->kind != ZG_VAL_NULL;
        out = capture(card, w_record, NULL);
        assert_terminal_safe("card", out, 0);
        for (line = strtok_r(out, "\n", &save); line;
             line = strtok_r(NULL, "\n", &save))
            lines++;
        assert_int_equal(lines, fields);
        free(out);
        zg_result_free(card);
        card = NULL;
    }
    zg_result_free(r);
    free(texts);
    zg_graph_free(g);
}

/* JSON: valid, no raw control character (C1 and bidi as \u escapes), and
 * every string decodes to the original text; column names and the node
 * and edge objects' fields too. */
static void
test_json_hostile(void **state)
{
    zg_graph *g = hostile_graph();
    zg_result *r = hostile_result(g, hostile, N_HOSTILE), *card = NULL;
    char *out = capture(r, w_json, NULL);
    json_error_t jerr;
    json_t *doc = json_loads(out, 0, &jerr), *rows, *cols;
    (void)state;

    assert_terminal_safe("JSON", out, 0);
    assert_non_null(strstr(out, "\\u009B"));
    assert_non_null(strstr(out, "\\u202E"));
    assert_non_null(strstr(out, "\\u2066"));
    if (doc == NULL)
        fail_msg("JSON does not parse: %s (line %d)", jerr.text, jerr.line);
    cols = json_object_get(doc, "columns");
    for (size_t c = 0; c < 4; c++)
        assert_string_equal(json_string_value(json_array_get(cols, c)),
                            hostile_cols[c]);
    rows = json_object_get(doc, "rows");
    assert_int_equal(json_array_size(rows), N_HOSTILE);
    for (size_t i = 0; i < N_HOSTILE; i++) {
        json_t *row = json_array_get(rows, i);
        json_t *node = json_array_get(row, 0), *edge = json_array_get(row, 1);
        const zg_node_info *v = zg_graph_node(g, (zg_id)i);
        zg_edge_info e;
        zg_graph_edge_get(g, (zg_id)i, &e);
        assert_string_equal(json_string_value(json_object_get(node, "id")),
                            v->key);
        assert_string_equal(json_string_value(json_object_get(node, "name")),
                            v->name);
        assert_string_equal(json_string_value(json_object_get(node, "en")),
                            v->name_en);
        assert_string_equal(json_string_value(json_object_get(node, "type")),
                            "ty\xe2\x80\xaepe");
        assert_string_equal(json_string_value(json_object_get(edge, "type")),
                            "li\xc2\x9bnk");
        assert_string_equal(
            json_string_value(json_object_get(edge, "evidence")), e.evidence);
        assert_string_equal(json_string_value(json_array_get(row, 2)),
                            hostile[i]);
    }
    json_decref(doc);
    free(out);

    /* A record part keys an object by the column names. */
    assert_int_equal(zg_query_node_card(g, 1, &card, NULL), ZG_OK);
    {
        zg_json_part parts[2] = {{"node", card, 1}, {"rows", r, 0}};
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        assert_non_null(m);
        assert_int_equal(zg_export_json_parts(parts, 2, m, NULL), ZG_OK);
        assert_int_equal(fclose(m), 0);
        assert_terminal_safe("JSON parts", buf, 0);
        doc = json_loads(buf, 0, &jerr);
        assert_non_null(doc);
        assert_string_equal(json_string_value(json_object_get(
                                json_object_get(doc, "node"), "name")),
                            hostile[1]);
        json_decref(doc);
        free(buf);
    }
    zg_result_free(card);
    zg_result_free(r);
    zg_graph_free(g);
}

/* Export `r` as JSON expecting a refusal: nothing written, the message
 * holds `needle`. */
static void
json_refused(const zg_result *r, const char *needle)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    zg_error err = {0};

    assert_non_null(m);
    assert_int_equal(zg_export_json(r, m, &err), ZG_ERR_EXPORT);
    assert_int_equal(fclose(m), 0);
    assert_int_equal(len, 0);
    if (strstr(err.msg, needle) == NULL)
        fail_msg("message '%s' lacks '%s'", err.msg, needle);
    assert_non_null(strstr(err.msg, "not valid UTF-8"));
    free(buf);
    /* Without an error value: the same status. */
    m = open_memstream(&buf, &len);
    assert_int_equal(zg_export_json(r, m, NULL), ZG_ERR_EXPORT);
    assert_int_equal(fclose(m), 0);
    assert_int_equal(len, 0);
    free(buf);
}

/* Text that is not UTF-8 cannot be JSON: refused, naming where it is,
 * never written as invalid JSON and never a row dropped. */
static void
test_json_not_utf8(void **state)
{
    zg_graph *g = hostile_graph();
    static const char *const bad_cols[] = {"a", "b\xff"};
    zg_result *r;
    (void)state;

    for (size_t i = 0; i < N_NOT_UTF8; i++) {
        const char *texts[3] = {"fine", "also fine", not_utf8[i]};
        r = hostile_result(g, texts, 3);
        json_refused(r, "row 3, column 3:");
        zg_result_free(r);
    }
    r = NULL;
    assert_int_equal(zg_result_new(&r, g, 2, bad_cols, NULL), ZG_OK);
    json_refused(r, "the name of column 2");
    zg_result_free(r);
    zg_graph_free(g);

    /* In a field of an edge cell. */
    {
        zg_error err = {0};
        zg_id t, a, b;
        zg_source_info src;
        const char *texts[1] = {"x"};
        assert_int_equal(zg_graph_new(&g, &err), ZG_OK);
        assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
        t = add_type(g, "zone", NULL, NULL, 1);
        add_rel(g, "li\xc2\x9bnk", NULL, NULL, "zone", "zone");
        memset(&src, 0, sizeof src);
        src.id = "s1";
        src.title = "t";
        assert_int_equal(zg_graph_add_source(g, &src, &t, &err), ZG_OK);
        a = add_node(g, "a", 0, "A", NULL);
        b = add_node(g, "b", 0, "B", NULL);
        add_edge(g, a, "li\xc2\x9bnk", b, "evidence \xfe");
        assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
        assert_int_equal(zg_result_new(&r, g, 4, hostile_cols, NULL), ZG_OK);
        {
            zg_value row[4];
            memset(row, 0, sizeof row);
            row[0].kind = ZG_VAL_NODE;
            row[0].id = a;
            row[1].kind = ZG_VAL_EDGE;
            row[1].id = 0;
            row[2].kind = ZG_VAL_STRING;
            row[2].str = texts[0];
            assert_int_equal(zg_result_add_row(r, row, NULL), ZG_OK);
        }
        json_refused(r, "row 1, column 2, field evidence: byte 9");
        zg_result_free(r);
        zg_graph_free(g);
    }
}

/* A cell of a million characters is written whole by every text format in
 * linear time (a generous bound, times ZG_HOSTILE_TIME_SCALE): measuring
 * and escaping it used to take seconds. */
static void
test_huge_cell(void **state)
{
    enum { CHARS = 1000000 };
    fx *f = *state;
    double limit = zg_test_budget(2.0), t;
    zg_lang lang = ZG_LANG_ZH;
    char *big = malloc(3 * CHARS + 1), *p = big;
    const char *texts[1];
    zg_result *r;
    writer ws[] = {w_table, w_record, w_tsv, w_json};
    const char *names[] = {"table", "record", "tsv", "json"};

    /* Chinese, ASCII and, every 1000 characters, an ESC. */
    assert_non_null(big);
    for (size_t i = 0; i < CHARS; i++) {
        if (i % 1000 == 999)
            *p++ = '\x1b';
        else if (i % 2 == 0)
            p += sprintf(p, "区");
        else
            *p++ = 'a';
    }
    *p = '\0';
    texts[0] = big;
    r = small_result(f, texts, 1);
    for (size_t k = 0; k < 4; k++) {
        char *out;
        t = zg_test_wall();
        out = capture(r, ws[k], &lang);
        t = zg_test_wall() - t;
        if (t > limit)
            fail_msg("%s of a %d-character cell took %.2f s (limit %.2f s)",
                     names[k], CHARS, t, limit);
        assert_true(strlen(out) > (size_t)CHARS);
        if (k < 2) /* never cut, ESC escaped */
            assert_non_null(strstr(out, "区a区\\u001B"));
        free(out);
    }
    zg_result_free(r);
    free(big);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_result_copies, setup, teardown),
        cmocka_unit_test(test_dates),
        cmocka_unit_test_setup_teardown(test_value_kinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filter_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filter_in_options, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_value_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_masks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_neighbours_direct, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_neighbours_filters, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_neighbours_depth, setup, teardown),
        cmocka_unit_test(test_neighbours_wide),
        cmocka_unit_test(test_where_parse),
        cmocka_unit_test_setup_teardown(test_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_card, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tsv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_record, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json, setup, teardown),
        cmocka_unit_test(test_tsv_fixed_columns),
        cmocka_unit_test_setup_teardown(test_col_kinds, setup, teardown),
        cmocka_unit_test(test_tsv_hostile),
        cmocka_unit_test(test_table_hostile),
        cmocka_unit_test(test_json_hostile),
        cmocka_unit_test(test_json_not_utf8),
        cmocka_unit_test_setup_teardown(test_huge_cell, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
