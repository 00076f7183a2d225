/* SPDX-License-Identifier: MIT */
/*
 * Queries and text formats: the result table (strings copied, growth, bad
 * cells), the neighbourhood walk (filters, directions, depth, cycles), list
 * with conditions, find ordering, statistics, the entity card, and the
 * table (CJK alignment), record, TSV (escaping) and JSON (read back with
 * jansson) exporters. Every test builds its graph through the graph API.
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

#include "zg_export.h"
#include "zg_graph.h"
#include "zg_query.h"
#include "zg_text.h"

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
    assert_int_equal(zg_result_cols(r), 6);
    assert_string_equal(zg_result_colname(r, 0), "distance");
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
    o.rels = focus;
    o.n_rels = 1;
    assert_int_equal(zg_query_neighbours(f->g, f->zone_b, &o, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    assert_string_equal(cell_text(r, 0, 1), "sector-m");
    assert_string_equal(cell_text(r, 1, 1), "sector-f");
    zg_result_free(r);

    /* A relation label works as well as its name. */
    o.rels = label;
    assert_int_equal(zg_query_neighbours(f->g, f->zone_b, &o, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    zg_result_free(r);

    memset(&o, 0, sizeof o);
    o.types = strategy;
    o.n_types = 1;
    assert_int_equal(zg_query_neighbours(f->g, f->zone_b, &o, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(cell_text(r, 0, 1), "strat-y");
    zg_result_free(r);

    /* Directions. */
    memset(&o, 0, sizeof o);
    o.direction = ZG_DIR_OUT;
    assert_int_equal(zg_query_neighbours(f->g, f->sec_m, &o, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    o.direction = ZG_DIR_IN;
    assert_int_equal(zg_query_neighbours(f->g, f->sec_m, &o, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    zg_result_free(r);

    /* Unknown names list the known ones. */
    memset(&o, 0, sizeof o);
    o.rels = bogus;
    o.n_rels = 1;
    assert_int_equal(zg_query_neighbours(f->g, f->zone_b, &o, &r, &err),
                     ZG_ERR_INVALID);
    assert_null(r);
    assert_non_null(strstr(err.msg, "'bogus'"));
    assert_non_null(strstr(err.msg, "focuses_on"));
    assert_non_null(strstr(err.msg, "links"));
    zg_error_clear(&err);
    o.n_rels = 0;
    o.types = bogus;
    o.n_types = 1;
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
    o.rels = links;
    o.n_rels = 1;
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
    assert_int_equal(zg_result_cols(r), 7);
    assert_string_equal(zg_result_colname(r, 6), "edge");
    for (size_t i = 0; i < zg_result_rows(r); i++) {
        long long d = zg_result_cell(r, i, 0)->i;
        assert_int_equal(zg_result_cell(r, i, 6)->kind, ZG_VAL_EDGE);
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
    assert_int_equal(zg_query_list(f->g, "zone", w, 1, NULL, 0, &r, &err),
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
    assert_int_equal(zg_query_list(f->g, "先导区", w, 1, show, 2, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 3);
    assert_int_equal(zg_result_cols(r), 3); /* node, en, batch once */
    assert_string_equal(cell_text(r, 0, 1), "Alpha Zone");
    assert_int_equal(zg_result_cell(r, 2, 1)->kind, ZG_VAL_NULL);
    zg_result_free(r);

    /* Two conditions, one on a field. */
    assert_int_equal(zg_where_parse(&w[0], "batch!=2", &err), ZG_OK);
    assert_int_equal(zg_where_parse(&w[1], "name=滨海先导区", &err), ZG_OK);
    assert_int_equal(zg_query_list(f->g, "pilot zone", w, 2, NULL, 0, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(cell_text(r, 0, 0), "zone-c");
    zg_result_free(r);

    /* A property no node has: only != holds. */
    assert_int_equal(zg_where_parse(&w[0], "colour=red", &err), ZG_OK);
    assert_int_equal(zg_query_list(f->g, "zone", w, 1, NULL, 0, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);

    /* All sectors, no condition. */
    assert_int_equal(zg_query_list(f->g, "sector", NULL, 0, NULL, 0, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    assert_string_equal(cell_text(r, 0, 0), "sector-f");
    zg_result_free(r);

    assert_int_equal(zg_query_list(f->g, "planet", NULL, 0, NULL, 0, &r, &err),
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
    assert_int_equal(zg_query_find(f->g, "甲", 0, &r, &err), ZG_OK);
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
    assert_int_equal(zg_query_find(f->g, "濱海", 5, &r, &err), ZG_OK);
    assert_string_equal(cell_text(r, 0, 3), "zone-c");
    zg_result_free(r);

    /* max is honoured; nothing found is an empty result. */
    assert_int_equal(zg_query_find(f->g, "先导区", 1, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(cell_text(r, 0, 1), "substring");
    zg_result_free(r);
    assert_int_equal(zg_query_find(f->g, "qqqqqq", 0, &r, &err), ZG_OK);
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

    assert_int_equal(zg_query_totals(f->g, &r, &err), ZG_OK);
    assert_int_equal(zg_result_cell(r, 0, 0)->i, 8);
    assert_int_equal(zg_result_cell(r, 0, 1)->i, 8);
    assert_int_equal(zg_result_cell(r, 0, 2)->i, 1);
    assert_int_equal(zg_result_cell(r, 0, 3)->i, 4);
    assert_int_equal(zg_result_cell(r, 0, 4)->i, 4);
    zg_result_free(r);

    /* zone 3; sector 2, strategy 2 (tie by name); city 1. */
    assert_int_equal(zg_query_count_nodetypes(f->g, ZG_LABEL_ZH, &r, &err),
                     ZG_OK);
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
    assert_int_equal(zg_query_count_nodetypes(f->g, ZG_LABEL_EN, &r, &err),
                     ZG_OK);
    assert_string_equal(cell_text(r, 0, 1), "pilot zone");
    assert_string_equal(cell_text(r, 2, 1), "战略");
    zg_result_free(r);
    assert_int_equal(zg_query_count_nodetypes(f->g, ZG_LABEL_BOTH, &r, &err),
                     ZG_OK);
    assert_string_equal(cell_text(r, 0, 1), "先导区 / pilot zone");
    zg_result_free(r);

    assert_int_equal(zg_query_count_reltypes(f->g, ZG_LABEL_ZH, &r, &err),
                     ZG_OK);
    assert_string_equal(cell_text(r, 0, 0), "focuses_on");
    assert_int_equal(zg_result_cell(r, 0, 2)->i, 3);
    assert_string_equal(cell_text(r, 1, 0), "links");
    assert_string_equal(cell_text(r, 1, 1), "links"); /* en fallback */
    assert_int_equal(zg_result_cell(r, 3, 2)->i, 1);
    zg_result_free(r);

    /* Degree 3: strat-x, strat-y, zone-a, zone-b (by id); then sector-m. */
    assert_int_equal(zg_query_top_degree(f->g, 5, &r, &err), ZG_OK);
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
    assert_int_equal(zg_query_top_degree(f->g, 0, &r, &err), ZG_OK);
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
    assert_int_equal(zg_query_node_props(f->g, f->zone_a, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(cell_text(r, 0, 0), "batch");
    assert_string_equal(cell_text(r, 0, 1), "integer");
    assert_string_equal(cell_text(r, 0, col_index(r, "value")), "2");
    assert_int_equal(col_index(r, "value"), 5);
    zg_result_free(r);
    assert_int_equal(
        zg_query_node_figures(f->g, f->zone_a, ZG_LABEL_EN, &r, &err), ZG_OK);
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
    assert_int_equal(
        zg_query_node_relations(f->g, f->strat_x, ZG_LABEL_ZH, 1, &r, &err),
        ZG_OK);
    assert_int_equal(zg_result_cols(r), 9);
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
    assert_string_equal(cell_text(r, 1, 7), "甲服务一带一路");
    assert_int_equal(zg_result_cell(r, 1, 8)->kind, ZG_VAL_EDGE);
    zg_result_free(r);
    assert_int_equal(
        zg_query_node_relations(f->g, f->zone_a, ZG_LABEL_BOTH, 0, &r, &err),
        ZG_OK);
    assert_int_equal(zg_result_cols(r), 8);
    assert_string_equal(cell_text(r, 1, 2), "聚焦 / focuses on");
    zg_result_free(r);

    /* The sources cited, each once. */
    assert_int_equal(zg_query_node_sources(f->g, f->zone_a, &r, &err), ZG_OK);
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
    zg_result *r = NULL;

    assert_int_equal(zg_result_new(&r, f->g, 3, cols, NULL), ZG_OK);
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

    assert_string_equal(out, "node\ttext\tn\n"
                             "zone-c\ta\\tb\\nc\\\\d\t0\n"
                             "sector-m\t\t100\n");
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
    assert_int_equal(
        zg_query_node_relations(f->g, f->zone_b, ZG_LABEL_ZH, 1, &rel, NULL),
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
    edge = json_array_get(json_array_get(rows, 0), 8);
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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_result_copies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_neighbours_direct, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_neighbours_filters, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_neighbours_depth, setup, teardown),
        cmocka_unit_test(test_where_parse),
        cmocka_unit_test_setup_teardown(test_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_card, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tsv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_record, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
