/* SPDX-License-Identifier: MIT */
/*
 * Relationship questions on small hand-made graphs whose
 * answers are obvious: dates and views, paths (chains, self, no path,
 * ties, parallel relations, cycles, directions, filters, --max-len, hubs
 * on and off, k shortest in order, banned edges, as-of), the hub rule, a
 * brute-force check of Yen's and the all-paths count on random graphs,
 * sentences, common, relate, similar (exact Jaccard), rank (ties), and the
 * _at forms of the catalogue queries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "zg_export.h"
#include "zg_graph.h"
#include "zg_query.h"

#include "../support/time_budget.h"

/* ---- building graphs ---- */

/* A graph under construction: node types "n" and "m", relation types
 * "r" (links), "s" (supports), "loc" (is located in), all "*" to "*". */
typedef struct gb {
    zg_graph *g;
    zg_id tn, tm;
    unsigned serial; /* makes evidence unique, so parallel edges are allowed */
} gb;

static void
gb_reltype(gb *b, const char *name, const char *zh, const char *en)
{
    zg_reltype_info r;
    zg_error err = {0};
    zg_id id;

    memset(&r, 0, sizeof r);
    r.name = name;
    r.zh = zh;
    r.en = en;
    r.from = "*";
    r.to = "*";
    assert_int_equal(zg_graph_add_reltype(b->g, &r, &id, &err), ZG_OK);
}

static void
gb_begin(gb *b)
{
    zg_nodetype_info t;
    zg_source_info s;
    zg_error err = {0};
    zg_id sid;

    memset(b, 0, sizeof *b);
    assert_int_equal(zg_graph_new(&b->g, &err), ZG_OK);
    assert_int_equal(zg_graph_begin(b->g, &err), ZG_OK);
    memset(&t, 0, sizeof t);
    t.name = "n";
    t.zh = "节点";
    t.en = "node";
    assert_int_equal(zg_graph_add_nodetype(b->g, &t, &b->tn, &err), ZG_OK);
    t.name = "m";
    t.zh = "另类";
    t.en = "other";
    assert_int_equal(zg_graph_add_nodetype(b->g, &t, &b->tm, &err), ZG_OK);
    gb_reltype(b, "r", "连接", "links");
    gb_reltype(b, "s", "支持", "supports");
    gb_reltype(b, "loc", "位于", "is located in");
    gb_reltype(b, "bare", NULL, NULL);
    memset(&s, 0, sizeof s);
    s.id = "s1";
    s.title = "Source";
    assert_int_equal(zg_graph_add_source(b->g, &s, &sid, &err), ZG_OK);
}

static void
gb_commit(gb *b)
{
    zg_error err = {0};

    assert_int_equal(zg_graph_commit(b->g, &err), ZG_OK);
}

/* Node `key` of type `t`, named `key` upper-cased (en: "node KEY"). */
static zg_id
gb_node_t(gb *b, const char *key, zg_id t, const char *since, const char *until)
{
    zg_node_info n;
    zg_error err = {0};
    zg_id id = ZG_NO_ID;
    char name[32], en[40];

    snprintf(name, sizeof name, "%s", key);
    for (char *p = name; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    snprintf(en, sizeof en, "node %s", key);
    memset(&n, 0, sizeof n);
    n.key = key;
    n.type = t;
    n.name = name;
    n.name_en = en;
    n.since = since;
    n.until = until;
    assert_int_equal(zg_graph_add_node(b->g, &n, &id, NULL, &err), ZG_OK);
    return id;
}

static zg_id
gb_node(gb *b, const char *key)
{
    return gb_node_t(b, key, b->tn, NULL, NULL);
}

static zg_id
gb_edge_d(gb *b, zg_id from, const char *rel, zg_id to, const char *since,
          const char *until)
{
    zg_edge_info e;
    zg_error err = {0};
    zg_id id = ZG_NO_ID;
    char ev[32];

    snprintf(ev, sizeof ev, "evidence %u", ++b->serial);
    memset(&e, 0, sizeof e);
    e.from = from;
    e.type = zg_graph_reltype_by_name(b->g, rel);
    e.to = to;
    e.source = "s1";
    e.evidence = ev;
    e.since = since;
    e.until = until;
    assert_int_equal(zg_graph_add_edge(b->g, &e, &id, &err), ZG_OK);
    return id;
}

static zg_id
gb_edge(gb *b, zg_id from, const char *rel, zg_id to)
{
    return gb_edge_d(b, from, rel, to, NULL, NULL);
}

/* ---- reading results ---- */

static long long
cell_int(const zg_result *r, size_t row, size_t col)
{
    const zg_value *v = zg_result_cell(r, row, col);

    assert_int_equal(v->kind, ZG_VAL_INT);
    return v->i;
}

static zg_id
cell_id(const zg_result *r, size_t row, size_t col)
{
    const zg_value *v = zg_result_cell(r, row, col);

    assert_true(v->kind == ZG_VAL_NODE || v->kind == ZG_VAL_EDGE);
    return v->id;
}

static const char *
cell_str(const zg_result *r, size_t row, size_t col)
{
    const zg_value *v = zg_result_cell(r, row, col);

    assert_int_equal(v->kind, ZG_VAL_STRING);
    return v->str;
}

/* The nodes of path `p` (1-based) of a path result, as "A>B>C". */
static void
path_nodes(const zg_graph *g, const zg_result *r, long long p, char *buf,
           size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < zg_result_rows(r); i++) {
        size_t len = strlen(buf);
        if (cell_int(r, i, 0) != p)
            continue;
        if (len == 0)
            snprintf(buf, size, "%s", zg_graph_node(g, cell_id(r, i, 2))->key);
        len = strlen(buf);
        snprintf(buf + len, size - len, ">%s",
                 zg_graph_node(g, cell_id(r, i, 5))->key);
    }
}

/* The length of path `p` of a result. */
static long long
path_len(const zg_result *r, long long p)
{
    long long n = 0;

    for (size_t i = 0; i < zg_result_rows(r); i++)
        if (cell_int(r, i, 0) == p && cell_int(r, i, 1) > 0)
            n++;
    return n;
}

/* Check the rows of a path result: one a path from `a` to `b`, its
 * length the hops of the path value. */
static void
check_path_rows(const zg_result *r, zg_id a, zg_id b, size_t paths)
{
    assert_int_equal(zg_result_cols(r), 2);
    assert_int_equal(zg_result_col_kind(r, 0), ZG_COL_PATH);
    assert_int_equal(zg_result_rows(r), paths);
    for (size_t i = 0; i < zg_result_rows(r); i++) {
        const zg_value *p = zg_result_cell(r, i, 0);
        assert_int_equal(p->kind, ZG_VAL_PATH);
        assert_int_equal(p->n % 2, 1);
        assert_int_equal(p->items[0].id, a);
        assert_int_equal(p->items[p->n - 1].id, b);
        assert_int_equal(cell_int(r, i, 1), (long long)(p->n / 2));
    }
}

/* Run a path query that must succeed, check its rows, and return its
 * hops, one a row, with the edge column. */
static zg_result *
run_path(const zg_graph *g, zg_id a, zg_id b, const zg_path_opts *opt,
         zg_path_info *info)
{
    zg_result *r = NULL, *hops = NULL;
    zg_path_info local;
    zg_error err = {0};

    if (info == NULL)
        info = &local;
    assert_int_equal(zg_query_path(g, a, b, opt, &r, info, &err), ZG_OK);
    assert_non_null(r);
    check_path_rows(r, a, b, info->paths);
    assert_int_equal(zg_query_path_hops(r, 1, &hops, &err), ZG_OK);
    assert_ptr_equal(zg_result_view(hops), zg_result_view(r));
    zg_result_free(r);
    return hops;
}

/* ---- dates and views ---- */

static void
test_period_parse(void **state)
{
    zg_period p;
    zg_error err = {0};
    static const char *const bad[] = {"",           "21",          "2021-2",
                                      "2021/02",    "2021-13",     "2021-00",
                                      "0000",       "2021-02-30",  "2021-02-1x",
                                      "2019-02-29", "2021-02-15x", "abcd"};

    (void)state;
    assert_int_equal(zg_period_parse("2021", &p, &err), ZG_OK);
    assert_int_equal(p.first, 20210101);
    assert_int_equal(p.last, 20211231);
    assert_int_equal(zg_period_parse("2021-02", &p, &err), ZG_OK);
    assert_int_equal(p.first, 20210201);
    assert_int_equal(p.last, 20210228);
    assert_int_equal(zg_period_parse("2020-02", &p, &err), ZG_OK);
    assert_int_equal(p.last, 20200229);
    assert_int_equal(zg_period_parse("2020-12-31", &p, &err), ZG_OK);
    assert_int_equal(p.first, 20201231);
    assert_int_equal(p.last, 20201231);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        zg_error e = {0};
        assert_int_equal(zg_period_parse(bad[i], &p, &e), ZG_ERR_PARSE);
        assert_non_null(strstr(e.msg, "is not a date"));
    }
    assert_int_equal(zg_period_parse(NULL, &p, NULL), ZG_ERR_PARSE);
}

static void
test_period_holds(void **state)
{
    zg_period at;

    (void)state;
    assert_int_equal(zg_period_holds("2021-02", NULL, NULL), 1);
    zg_period_parse("2021-01-31", &at, NULL);
    assert_int_equal(zg_period_holds("2021-02", NULL, &at), 0);
    zg_period_parse("2021-02", &at, NULL);
    assert_int_equal(zg_period_holds("2021-02", NULL, &at), 1);
    assert_int_equal(zg_period_holds("2021-02-28", NULL, &at), 1);
    assert_int_equal(zg_period_holds(NULL, "2021-01", &at), 0);
    zg_period_parse("2021", &at, NULL);
    assert_int_equal(zg_period_holds("2021-02", NULL, &at), 1);
    assert_int_equal(zg_period_holds(NULL, "2021-03", &at), 1);
    assert_int_equal(zg_period_holds(NULL, "2020", &at), 0);
    zg_period_parse("2020-12-31", &at, NULL);
    assert_int_equal(zg_period_holds("2021-02", NULL, &at), 0);
    assert_int_equal(zg_period_holds("2021", NULL, &at), 0);
    assert_int_equal(zg_period_holds("2020", "2020", &at), 1);
    zg_period_parse("2022-01", &at, NULL);
    assert_int_equal(zg_period_holds(NULL, "2021", &at), 0);
    zg_period_parse("2021-12-31", &at, NULL);
    assert_int_equal(zg_period_holds(NULL, "2021", &at), 1);
    /* Absent and unparsable bounds are open. */
    assert_int_equal(zg_period_holds(NULL, NULL, &at), 1);
    assert_int_equal(zg_period_holds("soon", "later", &at), 1);
}

static void
test_view(void **state)
{
    gb b;
    zg_view *v = NULL;
    zg_error err = {0};
    zg_id a, n2, n3, n4, e_ab, e_ac, e_ad, e_ad2;

    (void)state;
    gb_begin(&b);
    a = gb_node(&b, "a");
    n2 = gb_node_t(&b, "b", b.tn, "2021-02", NULL);
    n3 = gb_node_t(&b, "c", b.tn, NULL, "2020");
    n4 = gb_node(&b, "d");
    e_ab = gb_edge(&b, a, "r", n2);
    e_ac = gb_edge(&b, a, "r", n3);
    e_ad = gb_edge_d(&b, a, "r", n4, "2022", NULL);
    e_ad2 = gb_edge_d(&b, a, "s", n4, NULL, "2021-06");
    gb_commit(&b);

    assert_int_equal(zg_view_new(&v, b.g, "2021", &err), ZG_OK);
    assert_string_equal(zg_view_as_of(v), "2021");
    assert_true(zg_view_has_node(v, a));
    assert_true(zg_view_has_node(v, n2));
    assert_false(zg_view_has_node(v, n3));
    assert_true(zg_view_has_node(v, n4));
    assert_true(zg_view_has_edge(v, e_ab));
    assert_false(zg_view_has_edge(v, e_ac)); /* an end is hidden */
    assert_false(zg_view_has_edge(v, e_ad)); /* not yet */
    assert_true(zg_view_has_edge(v, e_ad2));
    assert_int_equal(zg_view_node_count(v), 3);
    assert_int_equal(zg_view_edge_count(v), 2);
    assert_non_null(zg_view_node_mask(v));
    assert_int_equal(zg_view_node_mask(v)[n3], 0);
    assert_int_equal(zg_view_edge_mask(v)[e_ab], 1);
    zg_view_free(v);

    assert_int_equal(zg_view_new(&v, b.g, "2021-01", &err), ZG_OK);
    assert_false(zg_view_has_node(v, n2));
    assert_false(zg_view_has_edge(v, e_ab));
    zg_view_free(v);

    assert_int_equal(zg_view_new(&v, b.g, NULL, &err), ZG_OK);
    assert_null(zg_view_as_of(v));
    assert_int_equal(zg_view_node_count(v), 4);
    assert_int_equal(zg_view_edge_count(v), 4);
    zg_view_free(v);

    v = (zg_view *)1;
    assert_int_equal(zg_view_new(&v, b.g, "2021-02-30", &err), ZG_ERR_PARSE);
    assert_null(v);
    /* A NULL view sees everything. */
    assert_true(zg_view_has_node(NULL, n3));
    assert_true(zg_view_has_edge(NULL, e_ad));
    zg_view_free(NULL);
    zg_relate_answer_free(NULL);
    zg_graph_free(b.g);
}

/* ---- paths ---- */

/* A chain a -r-> b -r-> c <-s- d, and e alone. */
static void
test_path_chain(void **state)
{
    gb b;
    zg_id a, n2, c, d, e;
    zg_path_opts opt;
    zg_path_info info;
    zg_result *r, *hops;
    zg_error err = {0};
    char buf[128];

    (void)state;
    gb_begin(&b);
    a = gb_node(&b, "a");
    n2 = gb_node(&b, "b");
    c = gb_node(&b, "c");
    d = gb_node(&b, "d");
    e = gb_node(&b, "e");
    gb_edge(&b, a, "r", n2);
    gb_edge(&b, n2, "r", c);
    gb_edge(&b, d, "s", c);
    gb_commit(&b);

    r = run_path(b.g, a, d, NULL, &info);
    assert_int_equal(zg_result_cols(r), 11);
    assert_int_equal(zg_result_rows(r), 3);
    assert_int_equal(info.paths, 1);
    assert_int_equal(info.total, 1);
    assert_int_equal(info.length, 3);
    path_nodes(b.g, r, 1, buf, sizeof buf);
    assert_string_equal(buf, "a>b>c>d");
    assert_string_equal(cell_str(r, 0, 3), "r");
    assert_string_equal(cell_str(r, 0, 4), "out");
    assert_string_equal(cell_str(r, 2, 3), "s");
    assert_string_equal(cell_str(r, 2, 4), "in"); /* d -s-> c */
    assert_string_equal(cell_str(r, 0, 6), "stated");
    assert_string_equal(cell_str(r, 0, 7), "s1");
    assert_string_equal(cell_str(r, 0, 9), "evidence 1");
    zg_result_free(r);

    /* The reverse walks the same relations the other way. */
    r = run_path(b.g, d, a, NULL, &info);
    path_nodes(b.g, r, 1, buf, sizeof buf);
    assert_string_equal(buf, "d>c>b>a");
    assert_string_equal(cell_str(r, 0, 4), "out");
    assert_string_equal(cell_str(r, 2, 4), "in");
    zg_result_free(r);

    /* Directed: a -> c follows r forward; a -> d needs s backwards. */
    memset(&opt, 0, sizeof opt);
    opt.filter.direction = ZG_DIR_OUT;
    r = run_path(b.g, a, c, &opt, &info);
    assert_int_equal(info.length, 2);
    zg_result_free(r);
    r = run_path(b.g, a, d, &opt, &info);
    assert_int_equal(info.paths, 0);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    opt.filter.direction = ZG_DIR_IN;
    r = run_path(b.g, c, a, &opt, &info);
    assert_int_equal(info.length, 2);
    zg_result_free(r);

    /* One row a path; its hops with and without the edge column. */
    r = NULL;
    assert_int_equal(zg_query_path(b.g, a, c, NULL, &r, &info, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(zg_result_cell(r, 0, 0)->n, 5);
    assert_int_equal(zg_result_cell(r, 0, 0)->items[1].kind, ZG_VAL_EDGE);
    assert_int_equal(cell_int(r, 0, 1), 2);
    assert_int_equal(zg_query_path_hops(r, 0, &hops, &err), ZG_OK);
    assert_int_equal(zg_result_cols(hops), 10);
    assert_int_equal(zg_result_rows(hops), 2);
    zg_result_free(hops);
    assert_int_equal(zg_query_path_hops(r, 1, &hops, &err), ZG_OK);
    assert_int_equal(zg_result_cols(hops), 11);
    assert_int_equal(zg_result_cell(hops, 0, 10)->kind, ZG_VAL_EDGE);
    assert_int_equal(zg_result_cell(hops, 1, 10)->id,
                     zg_result_cell(r, 0, 0)->items[3].id);
    zg_result_free(hops);
    zg_result_free(r);
    /* A result without a column of paths has no hops. */
    assert_int_equal(zg_query_neighbours(b.g, a, NULL, &r, &err), ZG_OK);
    hops = (zg_result *)1;
    assert_int_equal(zg_query_path_hops(r, 0, &hops, &err), ZG_ERR_INVALID);
    assert_null(hops);
    zg_result_free(r);

    /* Disconnected. */
    r = run_path(b.g, a, e, NULL, &info);
    assert_int_equal(zg_result_rows(r), 0);
    assert_int_equal(info.paths, 0);
    assert_int_equal(info.n_hubs, 0);
    zg_result_free(r);
    opt.all = 1;
    r = run_path(b.g, e, a, &opt, &info);
    assert_int_equal(zg_result_rows(r), 0);
    assert_int_equal(info.total, 0);
    zg_result_free(r);
    opt.all = 0;
    opt.k = 4;
    r = run_path(b.g, e, a, &opt, &info);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    zg_graph_free(b.g);
}

static void
test_path_self(void **state)
{
    gb b;
    zg_id a, c;
    zg_path_opts opt;
    zg_path_info info;
    zg_result *r;

    (void)state;
    gb_begin(&b);
    a = gb_node(&b, "a");
    c = gb_node(&b, "c");
    gb_edge(&b, a, "r", c);
    gb_edge(&b, a, "r", a); /* a loop is never a hop */
    gb_commit(&b);
    memset(&opt, 0, sizeof opt);
    for (int mode = 0; mode < 3; mode++) {
        opt.all = mode == 1;
        opt.k = mode == 2 ? 3 : 0;
        r = run_path(b.g, a, a, &opt, &info);
        assert_int_equal(zg_result_rows(r), 1);
        assert_int_equal(info.paths, 1);
        assert_int_equal(info.length, 0);
        assert_int_equal(cell_int(r, 0, 1), 0);
        assert_int_equal(cell_id(r, 0, 2), a);
        assert_int_equal(cell_id(r, 0, 5), a);
        assert_int_equal(zg_result_cell(r, 0, 3)->kind, ZG_VAL_NULL);
        zg_result_free(r);
    }
    zg_graph_free(b.g);
}

/* a -> b -> d and a -> c -> d, plus a second relation a -s-> b. */
static void
test_path_ties(void **state)
{
    gb b;
    zg_id a, n2, c, d;
    zg_path_opts opt;
    zg_path_info info;
    zg_result *r;
    char p1[64], p2[64], p3[64];

    (void)state;
    gb_begin(&b);
    a = gb_node(&b, "a");
    n2 = gb_node(&b, "b");
    c = gb_node(&b, "c");
    d = gb_node(&b, "d");
    gb_edge(&b, a, "r", n2);
    gb_edge(&b, n2, "r", d);
    gb_edge(&b, a, "r", c);
    gb_edge(&b, c, "r", d);
    gb_commit(&b);

    r = run_path(b.g, a, d, NULL, &info);
    assert_int_equal(info.paths, 1);
    assert_int_equal(info.length, 2);
    zg_result_free(r);

    memset(&opt, 0, sizeof opt);
    opt.all = 1;
    r = run_path(b.g, a, d, &opt, &info);
    assert_int_equal(info.paths, 2);
    assert_int_equal(info.total, 2);
    assert_false(info.truncated);
    assert_int_equal(zg_result_rows(r), 4);
    path_nodes(b.g, r, 1, p1, sizeof p1);
    path_nodes(b.g, r, 2, p2, sizeof p2);
    assert_true((strcmp(p1, "a>b>d") == 0 && strcmp(p2, "a>c>d") == 0) ||
                (strcmp(p1, "a>c>d") == 0 && strcmp(p2, "a>b>d") == 0));
    zg_result_free(r);

    /* The cap. */
    opt.max_paths = 1;
    r = run_path(b.g, a, d, &opt, &info);
    assert_int_equal(info.paths, 1);
    assert_int_equal(info.total, 2);
    assert_true(info.truncated);
    zg_result_free(r);
    zg_graph_free(b.g);

    /* A parallel relation makes a third shortest path. */
    gb_begin(&b);
    a = gb_node(&b, "a");
    n2 = gb_node(&b, "b");
    c = gb_node(&b, "c");
    d = gb_node(&b, "d");
    gb_edge(&b, a, "r", n2);
    gb_edge(&b, n2, "r", d);
    gb_edge(&b, a, "r", c);
    gb_edge(&b, c, "r", d);
    gb_edge(&b, a, "s", n2);
    gb_commit(&b);
    memset(&opt, 0, sizeof opt);
    opt.all = 1;
    r = run_path(b.g, a, d, &opt, &info);
    assert_int_equal(info.paths, 3);
    assert_int_equal(info.total, 3);
    path_nodes(b.g, r, 1, p1, sizeof p1);
    path_nodes(b.g, r, 2, p2, sizeof p2);
    path_nodes(b.g, r, 3, p3, sizeof p3);
    assert_int_equal((strcmp(p1, "a>b>d") == 0) + (strcmp(p2, "a>b>d") == 0) +
                         (strcmp(p3, "a>b>d") == 0),
                     2);
    zg_result_free(r);
    /* And Yen's counts it as a distinct simple path. */
    memset(&opt, 0, sizeof opt);
    opt.k = 5;
    r = run_path(b.g, a, d, &opt, &info);
    assert_int_equal(info.paths, 3);
    zg_result_free(r);
    zg_graph_free(b.g);
}

/* A cycle of six: 0 to 3 has two shortest paths, and no others. */
static void
test_path_cycle(void **state)
{
    gb b;
    zg_id v[6];
    zg_path_opts opt;
    zg_path_info info;
    zg_result *r;
    char key[8];

    (void)state;
    gb_begin(&b);
    for (int i = 0; i < 6; i++) {
        snprintf(key, sizeof key, "v%d", i);
        v[i] = gb_node(&b, key);
    }
    for (int i = 0; i < 6; i++)
        gb_edge(&b, v[i], "r", v[(i + 1) % 6]);
    gb_commit(&b);
    memset(&opt, 0, sizeof opt);
    opt.all = 1;
    r = run_path(b.g, v[0], v[3], &opt, &info);
    assert_int_equal(info.paths, 2);
    assert_int_equal(info.length, 3);
    zg_result_free(r);
    memset(&opt, 0, sizeof opt);
    opt.k = 3;
    r = run_path(b.g, v[0], v[3], &opt, &info);
    assert_int_equal(info.paths, 2);
    assert_int_equal(path_len(r, 1), 3);
    assert_int_equal(path_len(r, 2), 3);
    zg_result_free(r);
    /* Next door: 1 hop, then 5 hops the other way round. */
    r = run_path(b.g, v[0], v[1], &opt, &info);
    assert_int_equal(info.paths, 2);
    assert_int_equal(path_len(r, 1), 1);
    assert_int_equal(path_len(r, 2), 5);
    zg_result_free(r);
    /* Following the direction of the relations only. */
    opt.k = 0;
    opt.filter.direction = ZG_DIR_OUT;
    r = run_path(b.g, v[1], v[0], &opt, &info);
    assert_int_equal(info.length, 5);
    zg_result_free(r);
    zg_graph_free(b.g);
}

/* s to t by three routes of 2, 3 and 4 hops. */
static void
test_path_k_and_max_len(void **state)
{
    gb b;
    zg_id s, t, a, n2, c, d, e, f;
    zg_path_opts opt;
    zg_path_info info;
    zg_result *r;
    char buf[64];

    (void)state;
    gb_begin(&b);
    s = gb_node(&b, "s");
    t = gb_node(&b, "t");
    d = gb_node(&b, "d");
    e = gb_node(&b, "e");
    f = gb_node(&b, "f");
    n2 = gb_node(&b, "b");
    c = gb_node(&b, "c");
    a = gb_node(&b, "a");
    /* The longest route first in the data, so order is by length, not by
     * data order. */
    gb_edge(&b, s, "r", d);
    gb_edge(&b, d, "r", e);
    gb_edge(&b, e, "r", f);
    gb_edge(&b, f, "r", t);
    gb_edge(&b, s, "r", n2);
    gb_edge(&b, n2, "r", c);
    gb_edge(&b, c, "r", t);
    gb_edge(&b, s, "r", a);
    gb_edge(&b, a, "r", t);
    gb_commit(&b);

    memset(&opt, 0, sizeof opt);
    opt.k = 3;
    r = run_path(b.g, s, t, &opt, &info);
    assert_int_equal(info.paths, 3);
    assert_int_equal(path_len(r, 1), 2);
    assert_int_equal(path_len(r, 2), 3);
    assert_int_equal(path_len(r, 3), 4);
    path_nodes(b.g, r, 1, buf, sizeof buf);
    assert_string_equal(buf, "s>a>t");
    path_nodes(b.g, r, 2, buf, sizeof buf);
    assert_string_equal(buf, "s>b>c>t");
    path_nodes(b.g, r, 3, buf, sizeof buf);
    assert_string_equal(buf, "s>d>e>f>t");
    zg_result_free(r);

    opt.k = 10;
    r = run_path(b.g, s, t, &opt, &info);
    assert_int_equal(info.paths, 3);
    zg_result_free(r);
    opt.max_len = 3;
    r = run_path(b.g, s, t, &opt, &info);
    assert_int_equal(info.paths, 2);
    zg_result_free(r);

    memset(&opt, 0, sizeof opt);
    opt.max_len = 1;
    r = run_path(b.g, s, t, &opt, &info);
    assert_int_equal(info.paths, 0);
    zg_result_free(r);
    opt.max_len = 2;
    r = run_path(b.g, s, t, &opt, &info);
    assert_int_equal(info.length, 2);
    zg_result_free(r);
    opt.all = 1;
    opt.max_len = 1;
    r = run_path(b.g, s, t, &opt, &info);
    assert_int_equal(info.paths, 0);
    zg_result_free(r);
    opt.max_len = 4;
    r = run_path(b.g, d, t, &opt, &info);
    assert_int_equal(info.length, 3);
    zg_result_free(r);

    /* --all with --k is refused. */
    {
        zg_error err = {0};
        zg_result *x = (zg_result *)1;
        memset(&opt, 0, sizeof opt);
        opt.all = 1;
        opt.k = 2;
        assert_int_equal(zg_query_path(b.g, s, t, &opt, &x, NULL, &err),
                         ZG_ERR_INVALID);
        assert_null(x);
        assert_int_equal(zg_query_path(b.g, s, 999, NULL, &x, NULL, &err),
                         ZG_ERR_INVALID);
    }
    zg_graph_free(b.g);
}

/* a -r-> b -r-> c and a -s-> x -s-> c, x of type m. */
static void
test_path_filters(void **state)
{
    gb b;
    zg_id a, n2, c, x;
    zg_path_opts opt;
    zg_path_info info;
    zg_result *r;
    zg_error err = {0};
    const char *r_only[] = {"r"}, *s_only[] = {"supports"}, *m_only[] = {"m"},
               *bad[] = {"nope"};
    char buf[64];

    (void)state;
    gb_begin(&b);
    a = gb_node(&b, "a");
    n2 = gb_node(&b, "b");
    c = gb_node(&b, "c");
    x = gb_node_t(&b, "x", b.tm, NULL, NULL);
    gb_edge(&b, a, "s", x);
    gb_edge(&b, x, "s", c);
    gb_edge(&b, a, "r", n2);
    gb_edge(&b, n2, "r", c);
    gb_commit(&b);

    memset(&opt, 0, sizeof opt);
    opt.filter.rels = r_only;
    opt.filter.n_rels = 1;
    r = run_path(b.g, a, c, &opt, &info);
    path_nodes(b.g, r, 1, buf, sizeof buf);
    assert_string_equal(buf, "a>b>c");
    zg_result_free(r);
    opt.filter.rels = s_only; /* by its English label */
    r = run_path(b.g, a, c, &opt, &info);
    path_nodes(b.g, r, 1, buf, sizeof buf);
    assert_string_equal(buf, "a>x>c");
    zg_result_free(r);

    memset(&opt, 0, sizeof opt);
    opt.filter.types = m_only;
    opt.filter.n_types = 1;
    r = run_path(b.g, a, c, &opt, &info);
    path_nodes(b.g, r, 1, buf, sizeof buf);
    assert_string_equal(buf, "a>x>c"); /* endpoints of type n are exempt */
    zg_result_free(r);
    opt.all = 1;
    r = run_path(b.g, a, c, &opt, &info);
    assert_int_equal(info.paths, 1);
    zg_result_free(r);

    memset(&opt, 0, sizeof opt);
    opt.filter.rels = bad;
    opt.filter.n_rels = 1;
    r = (zg_result *)1;
    assert_int_equal(zg_query_path(b.g, a, c, &opt, &r, NULL, &err),
                     ZG_ERR_INVALID);
    assert_null(r);
    assert_non_null(strstr(err.msg, "unknown relation type 'nope'"));
    zg_graph_free(b.g);
}

/*
 * Hub h links x1..x6 by one relation; each xi has a relation of its own
 * (to yi), so h's fan counts 6 >= 5: a hub. x1 and x2 are also joined the
 * long way round (x1 - p - q - x2). h also has 6 leaves (degree 1), which
 * do not count.
 */
static void
test_hubs(void **state)
{
    gb b;
    zg_id h, x[6], y[6], p, q, star;
    zg_path_opts opt;
    zg_path_info info;
    zg_result *r;
    zg_error err = {0};
    unsigned thr = 0;
    char key[8], buf[64];

    (void)state;
    gb_begin(&b);
    h = gb_node(&b, "h");
    star = gb_node(&b, "star");
    for (int i = 0; i < 6; i++) {
        snprintf(key, sizeof key, "x%d", i + 1);
        x[i] = gb_node(&b, key);
        snprintf(key, sizeof key, "y%d", i + 1);
        y[i] = gb_node(&b, key);
        gb_edge(&b, h, "r", x[i]);
        gb_edge(&b, x[i], "s", y[i]);
    }
    for (int i = 0; i < 6; i++) {
        snprintf(key, sizeof key, "l%d", i + 1);
        gb_edge(&b, star, "r", gb_node(&b, key));
    }
    p = gb_node(&b, "p");
    q = gb_node(&b, "q");
    gb_edge(&b, x[0], "s", p);
    gb_edge(&b, p, "s", q);
    gb_edge(&b, q, "s", x[1]);
    gb_commit(&b);

    assert_int_equal(zg_query_hubs(b.g, NULL, 0, &thr, &r, &err), ZG_OK);
    assert_int_equal(thr, 5);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(cell_id(r, 0, 0), h);
    assert_string_equal(cell_str(r, 0, 2), "r");
    assert_string_equal(cell_str(r, 0, 3), "out");
    assert_int_equal(cell_int(r, 0, 4), 6);
    assert_int_equal(cell_int(r, 0, 5), 6);
    zg_result_free(r);
    assert_int_equal(zg_query_hubs(b.g, NULL, 7, &thr, &r, &err), ZG_OK);
    assert_int_equal(thr, 7);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);

    /* The long way round, not through the hub, which is named as it
     * would have given a shorter path. */
    r = run_path(b.g, x[0], x[1], NULL, &info);
    path_nodes(b.g, r, 1, buf, sizeof buf);
    assert_string_equal(buf, "x1>p>q>x2");
    assert_int_equal(info.hub_fan, 5);
    assert_int_equal(info.n_hubs, 1);
    assert_int_equal(info.hubs[0], h);
    zg_result_free(r);
    /* Reached but of no use (x1 h x2 q is longer than x1 p q): not named. */
    r = run_path(b.g, x[0], q, NULL, &info);
    assert_int_equal(info.length, 2);
    assert_int_equal(info.n_hubs, 0);
    zg_result_free(r);
    memset(&opt, 0, sizeof opt);
    opt.through_hubs = 1;
    r = run_path(b.g, x[0], x[1], &opt, &info);
    path_nodes(b.g, r, 1, buf, sizeof buf);
    assert_string_equal(buf, "x1>h>x2");
    assert_int_equal(info.hub_fan, 0);
    zg_result_free(r);
    /* A higher threshold: h is no hub. */
    memset(&opt, 0, sizeof opt);
    opt.hub_fan = 7;
    r = run_path(b.g, x[0], x[1], &opt, &info);
    assert_int_equal(info.length, 2);
    zg_result_free(r);

    /* Only through the hub: no path, and the hub is named. */
    r = run_path(b.g, x[2], x[3], NULL, &info);
    assert_int_equal(info.paths, 0);
    assert_int_equal(info.n_hubs, 1);
    assert_int_equal(info.hubs[0], h);
    zg_result_free(r);
    memset(&opt, 0, sizeof opt);
    opt.all = 1;
    r = run_path(b.g, y[2], y[3], &opt, &info);
    assert_int_equal(info.paths, 0);
    assert_int_equal(info.n_hubs, 1);
    zg_result_free(r);
    opt.through_hubs = 1;
    r = run_path(b.g, y[2], y[3], &opt, &info);
    assert_int_equal(info.length, 4);
    zg_result_free(r);

    /* Hubs may be endpoints. */
    r = run_path(b.g, h, x[3], NULL, &info);
    assert_int_equal(info.length, 1);
    zg_result_free(r);
    r = run_path(b.g, y[4], h, NULL, &info);
    assert_int_equal(info.length, 2);
    zg_result_free(r);
    /* A star of leaves is no hub: its leaves connect through it. */
    {
        zg_id l1 = zg_graph_node_by_key(b.g, "l1"),
              l2 = zg_graph_node_by_key(b.g, "l2");
        r = run_path(b.g, l1, l2, NULL, &info);
        assert_int_equal(info.length, 2);
        zg_result_free(r);
    }
    zg_graph_free(b.g);
}

/* Paths see only what the view shows. */
static void
test_path_as_of(void **state)
{
    gb b;
    zg_id a, n2, c, d;
    zg_path_opts opt;
    zg_path_info info;
    zg_result *r;
    zg_view *v2021 = NULL, *v2023 = NULL, *v2019 = NULL;
    zg_error err = {0};
    char buf[64];

    (void)state;
    gb_begin(&b);
    a = gb_node(&b, "a");
    n2 = gb_node(&b, "b");
    c = gb_node_t(&b, "c", b.tn, "2020", NULL);
    d = gb_node_t(&b, "d", b.tn, "2024", NULL);
    gb_edge_d(&b, a, "r", n2, "2022-06", NULL);
    gb_edge(&b, a, "r", c);
    gb_edge(&b, c, "r", n2);
    gb_edge(&b, d, "r", a);
    gb_commit(&b);
    assert_int_equal(zg_view_new(&v2021, b.g, "2021", &err), ZG_OK);
    assert_int_equal(zg_view_new(&v2023, b.g, "2023-01-01", &err), ZG_OK);
    assert_int_equal(zg_view_new(&v2019, b.g, "2019", &err), ZG_OK);
    memset(&opt, 0, sizeof opt);
    opt.filter.view = v2021;
    r = run_path(b.g, a, n2, &opt, &info);
    path_nodes(b.g, r, 1, buf, sizeof buf);
    assert_string_equal(buf, "a>c>b");
    zg_result_free(r);
    opt.filter.view = v2023;
    r = run_path(b.g, a, n2, &opt, &info);
    path_nodes(b.g, r, 1, buf, sizeof buf);
    assert_string_equal(buf, "a>b");
    zg_result_free(r);
    opt.filter.view = v2019;
    r = run_path(b.g, a, n2, &opt, &info);
    assert_int_equal(info.paths, 0);
    zg_result_free(r);
    /* A hidden endpoint: no path. */
    opt.filter.view = v2023;
    r = run_path(b.g, d, a, &opt, &info);
    assert_int_equal(info.paths, 0);
    zg_result_free(r);
    opt.filter.view = NULL;
    r = run_path(b.g, d, n2, &opt, &info);
    assert_int_equal(info.length, 2);
    zg_result_free(r);
    zg_view_free(v2021);
    zg_view_free(v2023);
    zg_view_free(v2019);
    zg_graph_free(b.g);
}

/* Banned edges (what relate uses to leave out direct relations). */
static void
test_path_banned(void **state)
{
    gb b;
    zg_id a, n2, c, e;
    zg_path_opts opt;
    zg_path_info info;
    zg_result *r;
    unsigned char ban[8];

    (void)state;
    gb_begin(&b);
    a = gb_node(&b, "a");
    n2 = gb_node(&b, "b");
    c = gb_node(&b, "c");
    e = gb_edge(&b, a, "r", n2);
    gb_edge(&b, a, "r", c);
    gb_edge(&b, c, "r", n2);
    gb_commit(&b);
    memset(ban, 0, sizeof ban);
    ban[e] = 1;
    memset(&opt, 0, sizeof opt);
    opt.banned_edges = ban;
    r = run_path(b.g, a, n2, &opt, &info);
    assert_int_equal(info.length, 2);
    zg_result_free(r);
    opt.all = 1;
    r = run_path(b.g, a, n2, &opt, &info);
    assert_int_equal(info.length, 2);
    assert_int_equal(info.paths, 1);
    zg_result_free(r);
    zg_graph_free(b.g);
}

/* ---- Yen's and the all-paths count against brute force ---- */

#define RN 8

typedef struct brute {
    const zg_graph *g;
    zg_id dst;
    int on[RN];
    unsigned lengths[4096];
    size_t n;
} brute;

/* Every simple path from `v` to b->dst (relations walked both ways). */
static void
brute_walk(brute *b, zg_id v, unsigned depth)
{
    if (v == b->dst) {
        if (b->n < sizeof b->lengths / sizeof b->lengths[0])
            b->lengths[b->n++] = depth;
        return;
    }
    b->on[v] = 1;
    for (int outward = 1; outward >= 0; outward--) {
        const zg_id *es;
        size_t ne = outward ? zg_graph_out_edges(b->g, v, &es)
                            : zg_graph_in_edges(b->g, v, &es);
        for (size_t i = 0; i < ne; i++) {
            zg_edge_info e;
            zg_graph_edge_get(b->g, es[i], &e);
            zg_id w = outward ? e.to : e.from;
            if (w != v && !b->on[w])
                brute_walk(b, w, depth + 1);
        }
    }
    b->on[v] = 0;
}

static int
uint_cmp(const void *p, const void *q)
{
    unsigned a = *(const unsigned *)p, b = *(const unsigned *)q;

    return (a > b) - (a < b);
}

/* A path result holds valid, simple, distinct paths. */
static void
check_paths(const zg_graph *g, const zg_result *r, zg_id src, zg_id dst,
            size_t npaths)
{
    char seen[64][256];

    assert_true(npaths <= 64);
    for (size_t p = 1; p <= npaths; p++) {
        int on[RN] = {0};
        zg_id at = src;
        char *sig = seen[p - 1];
        sig[0] = '\0';
        on[src] = 1;
        for (size_t i = 0; i < zg_result_rows(r); i++) {
            zg_edge_info e;
            zg_id eid, next;
            size_t len = strlen(sig);
            if ((size_t)cell_int(r, i, 0) != p)
                continue;
            eid = cell_id(r, i, 10);
            zg_graph_edge_get(g, eid, &e);
            assert_int_equal(cell_id(r, i, 2), at);
            next = cell_id(r, i, 5);
            assert_true((e.from == at && e.to == next) ||
                        (e.to == at && e.from == next));
            assert_false(on[next]);
            on[next] = 1;
            at = next;
            snprintf(sig + len, 256 - len, "%u,", (unsigned)eid);
        }
        assert_int_equal(at, dst);
        for (size_t q = 1; q < p; q++)
            assert_string_not_equal(seen[q - 1], sig);
    }
}

static void
test_yen_brute_force(void **state)
{
    unsigned seed = 12345;

    (void)state;
    for (int round = 0; round < 60; round++) {
        gb b;
        zg_id v[RN];
        char key[8];
        int ne;
        gb_begin(&b);
        for (int i = 0; i < RN; i++) {
            snprintf(key, sizeof key, "v%d", i);
            v[i] = gb_node(&b, key);
        }
        seed = seed * 1103515245u + 12345u;
        ne = 6 + (int)((seed >> 16) % 9);
        for (int i = 0; i < ne; i++) {
            int x, y;
            seed = seed * 1103515245u + 12345u;
            x = (int)((seed >> 16) % RN);
            seed = seed * 1103515245u + 12345u;
            y = (int)((seed >> 16) % RN);
            if (x != y)
                gb_edge(&b, v[x], (seed >> 8) & 1 ? "r" : "s", v[y]);
        }
        gb_commit(&b);
        for (zg_id s = 0; s < 3; s++) {
            for (zg_id t = RN - 3; t < RN; t++) {
                brute br;
                zg_path_opts opt;
                zg_path_info info;
                zg_result *r;
                size_t want;
                memset(&br, 0, sizeof br);
                br.g = b.g;
                br.dst = v[t];
                brute_walk(&br, v[s], 0);
                assert_true(br.n < sizeof br.lengths / sizeof br.lengths[0]);
                qsort(br.lengths, br.n, sizeof br.lengths[0], uint_cmp);

                memset(&opt, 0, sizeof opt);
                opt.through_hubs = 1;
                opt.k = 6;
                r = run_path(b.g, v[s], v[t], &opt, &info);
                want = br.n < 6 ? br.n : 6;
                assert_int_equal(info.paths, want);
                for (size_t p = 0; p < want; p++)
                    assert_int_equal(path_len(r, (long long)p + 1),
                                     br.lengths[p]);
                check_paths(b.g, r, v[s], v[t], want);
                zg_result_free(r);

                memset(&opt, 0, sizeof opt);
                opt.through_hubs = 1;
                opt.all = 1;
                r = run_path(b.g, v[s], v[t], &opt, &info);
                if (br.n == 0) {
                    assert_int_equal(info.paths, 0);
                } else {
                    size_t nshort = 0;
                    while (nshort < br.n && br.lengths[nshort] == br.lengths[0])
                        nshort++;
                    assert_int_equal(info.total, nshort);
                    assert_int_equal(info.paths, nshort);
                    assert_int_equal(info.length, br.lengths[0]);
                    check_paths(b.g, r, v[s], v[t], nshort);
                }
                zg_result_free(r);

                /* The plain search finds a shortest one. */
                memset(&opt, 0, sizeof opt);
                opt.through_hubs = 1;
                r = run_path(b.g, v[s], v[t], &opt, &info);
                assert_int_equal(info.paths, br.n > 0);
                if (br.n > 0)
                    assert_int_equal(info.length, br.lengths[0]);
                zg_result_free(r);
            }
        }
        zg_graph_free(b.g);
    }
}

/* ---- sentences, common, relate ---- */

static void
test_sentence(void **state)
{
    gb b;
    zg_id a, c, e1, e2, e3;
    char *s;

    (void)state;
    gb_begin(&b);
    a = gb_node(&b, "a");
    c = gb_node(&b, "c");
    e1 = gb_edge(&b, a, "loc", c);
    e2 = gb_edge(&b, c, "bare", a);
    e3 = gb_edge(&b, a, "r", c);
    gb_commit(&b);
    s = zg_edge_sentence(b.g, e1, ZG_LABEL_ZH);
    assert_string_equal(s, "A位于C。");
    free(s);
    s = zg_edge_sentence(b.g, e1, ZG_LABEL_EN);
    assert_string_equal(s, "Node a is located in node c.");
    free(s);
    s = zg_edge_sentence(b.g, e3, ZG_LABEL_BOTH);
    assert_string_equal(s, "A连接C。 / Node a links node c.");
    free(s);
    /* No verb: the type name, '_' as ' '. */
    s = zg_edge_sentence(b.g, e2, ZG_LABEL_ZH);
    assert_string_equal(s, "CbareA。");
    free(s);
    s = zg_edge_sentence(b.g, e2, ZG_LABEL_EN);
    assert_string_equal(s, "Node c bare node a.");
    free(s);
    zg_graph_free(b.g);
}

/*
 * a and b: both -loc-> x (type m), both <-r- y, a -s-> z <-r- b, a -r-> b
 * directly; w linked to a only.
 */
static void
test_common(void **state)
{
    gb b;
    zg_id a, n2, x, y, z, w, lone;
    zg_common_opts opt;
    zg_result *r;
    zg_error err = {0};
    const char *only_m[] = {"m"}, *only_r[] = {"r"};

    (void)state;
    gb_begin(&b);
    a = gb_node(&b, "a");
    n2 = gb_node(&b, "b");
    y = gb_node(&b, "y");
    z = gb_node(&b, "z");
    w = gb_node(&b, "w");
    lone = gb_node(&b, "lone");
    x = gb_node_t(&b, "x", b.tm, NULL, NULL);
    gb_edge(&b, a, "loc", x);
    gb_edge(&b, n2, "loc", x);
    gb_edge(&b, y, "r", a);
    gb_edge(&b, y, "r", n2);
    gb_edge(&b, a, "s", z);
    gb_edge(&b, z, "r", n2);
    gb_edge(&b, a, "r", n2);
    gb_edge(&b, a, "r", w);
    gb_commit(&b);

    memset(&opt, 0, sizeof opt);
    assert_int_equal(zg_query_common(b.g, a, n2, &opt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_cols(r), 9);
    assert_int_equal(zg_result_rows(r), 3);
    /* Type n (schema order) first, by key: y, z; then type m: x. */
    assert_int_equal(cell_id(r, 0, 1), y);
    assert_int_equal(cell_id(r, 1, 1), z);
    assert_int_equal(cell_id(r, 2, 1), x);
    assert_string_equal(cell_str(r, 0, 0), "n");
    assert_string_equal(cell_str(r, 2, 0), "m");
    assert_string_equal(cell_str(r, 0, 2), "r");
    assert_string_equal(cell_str(r, 0, 3), "in");
    assert_string_equal(cell_str(r, 1, 3), "out");
    assert_string_equal(cell_str(r, 1, 5), "in");
    assert_string_equal(cell_str(r, 0, 8), "Y连接A和B。");
    assert_string_equal(cell_str(r, 1, 8), "A支持Z。Z连接B。");
    assert_string_equal(cell_str(r, 2, 8), "A和B都位于X。");
    zg_result_free(r);

    opt.lang = ZG_LABEL_EN;
    opt.edge_column = 1;
    assert_int_equal(zg_query_common(b.g, a, n2, &opt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_cols(r), 11);
    assert_string_equal(cell_str(r, 0, 8),
                        "Node y links both node a and node b.");
    assert_string_equal(cell_str(r, 1, 8),
                        "Node a supports node z. Node z links node b.");
    assert_string_equal(cell_str(r, 2, 8),
                        "Node a and node b both are located in node x.");
    assert_int_equal(zg_result_cell(r, 2, 9)->kind, ZG_VAL_EDGE);
    zg_result_free(r);

    memset(&opt, 0, sizeof opt);
    opt.filter.types = only_m;
    opt.filter.n_types = 1;
    assert_int_equal(zg_query_common(b.g, a, n2, &opt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(cell_id(r, 0, 1), x);
    zg_result_free(r);
    memset(&opt, 0, sizeof opt);
    opt.filter.rels = only_r;
    opt.filter.n_rels = 1;
    assert_int_equal(zg_query_common(b.g, a, n2, &opt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(cell_id(r, 0, 1), y);
    zg_result_free(r);
    /* Nothing shared. */
    assert_int_equal(zg_query_common(b.g, w, lone, NULL, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    zg_graph_free(b.g);
}

static void
test_relate(void **state)
{
    gb b;
    zg_id a, n2, c, d, lone;
    zg_relate_opts opt;
    zg_relate_answer ans;
    zg_error err = {0};

    (void)state;
    gb_begin(&b);
    a = gb_node(&b, "a");
    n2 = gb_node(&b, "b");
    c = gb_node(&b, "c");
    d = gb_node(&b, "d");
    lone = gb_node(&b, "lone");
    gb_edge(&b, a, "r", n2);
    gb_edge(&b, n2, "s", a);
    gb_edge(&b, a, "loc", c);
    gb_edge(&b, n2, "loc", c);
    gb_edge(&b, a, "r", d);
    gb_edge(&b, d, "r", n2);
    gb_commit(&b);

    memset(&opt, 0, sizeof opt);
    assert_int_equal(zg_query_relate(b.g, a, n2, &opt, &ans, &err), ZG_OK);
    assert_int_equal(zg_result_rows(ans.summary), 1);
    assert_int_equal(cell_id(ans.summary, 0, 0), a);
    assert_int_equal(cell_id(ans.summary, 0, 1), n2);
    assert_int_equal(cell_int(ans.summary, 0, 2), 2);
    assert_int_equal(cell_int(ans.summary, 0, 3), 2);
    assert_int_equal(cell_int(ans.summary, 0, 4), 1);
    assert_int_equal(cell_int(ans.summary, 0, 5), 2);
    assert_int_equal(cell_int(ans.summary, 0, 6), 2);
    assert_int_equal(zg_result_cell(ans.summary, 0, 7)->kind, ZG_VAL_NULL);
    /* Direct: both ways. */
    assert_int_equal(zg_result_rows(ans.direct), 2);
    assert_string_equal(cell_str(ans.direct, 0, 0), "out");
    assert_string_equal(cell_str(ans.direct, 0, 2), "A连接B。");
    assert_string_equal(cell_str(ans.direct, 1, 0), "in");
    assert_string_equal(cell_str(ans.direct, 1, 2), "B支持A。");
    assert_string_equal(cell_str(ans.direct, 0, 3), "stated");
    assert_string_equal(cell_str(ans.direct, 0, 4), "s1");
    /* Shared: c and d, said in a sentence. */
    assert_int_equal(zg_result_rows(ans.shared), 2);
    assert_int_equal(zg_result_cols(ans.shared), 5);
    assert_string_equal(cell_str(ans.shared, 0, 4), "A和B都位于C。");
    /* Paths through other nodes, each hop a sentence. */
    assert_int_equal(zg_result_cols(ans.paths), 7);
    assert_int_equal(zg_result_rows(ans.paths), 4);
    assert_string_equal(cell_str(ans.paths, 0, 2), "A位于C。");
    assert_string_equal(cell_str(ans.paths, 1, 2), "B位于C。");
    zg_relate_answer_free(&ans);
    assert_null(ans.summary);

    opt.lang = ZG_LABEL_EN;
    opt.edge_column = 1;
    opt.max_paths = 1;
    assert_int_equal(zg_query_relate(b.g, a, n2, &opt, &ans, &err), ZG_OK);
    assert_int_equal(zg_result_rows(ans.paths), 2);
    assert_int_equal(cell_int(ans.summary, 0, 5), 2); /* all counted */
    assert_string_equal(cell_str(ans.paths, 0, 2),
                        "Node a is located in node c.");
    assert_int_equal(zg_result_cols(ans.paths), 8);
    assert_int_equal(zg_result_cols(ans.shared), 7);
    zg_relate_answer_free(&ans);

    /* Nothing links them. */
    assert_int_equal(zg_query_relate(b.g, a, lone, NULL, &ans, &err), ZG_OK);
    assert_int_equal(cell_int(ans.summary, 0, 2), 0);
    assert_int_equal(zg_result_cell(ans.summary, 0, 4)->kind, ZG_VAL_NULL);
    assert_int_equal(zg_result_rows(ans.paths), 0);
    zg_relate_answer_free(&ans);

    assert_int_equal(zg_query_relate(b.g, a, a, NULL, &ans, &err),
                     ZG_ERR_INVALID);
    assert_null(ans.summary);
    zg_graph_free(b.g);
}

/* ---- similar, rank ---- */

/*
 * a: {x, y, z}, b: {x, y}, c: {z, w}, d: {} of type n; m1 (type m) links
 * x, y, z too but is of another type.
 */
static void
test_similar(void **state)
{
    gb b;
    zg_id a, n2, c, x, y, z, w, m1;
    zg_similar_opts opt;
    zg_result *r, *links;
    zg_error err = {0};
    const char *by_s[] = {"s"};

    (void)state;
    gb_begin(&b);
    a = gb_node(&b, "a");
    n2 = gb_node(&b, "b");
    c = gb_node(&b, "c");
    gb_node(&b, "d");
    x = gb_node_t(&b, "x", b.tm, NULL, NULL);
    y = gb_node_t(&b, "y", b.tm, NULL, NULL);
    z = gb_node_t(&b, "z", b.tm, NULL, NULL);
    w = gb_node_t(&b, "w", b.tm, NULL, NULL);
    m1 = gb_node_t(&b, "m1", b.tm, NULL, NULL);
    gb_edge(&b, a, "r", x);
    gb_edge(&b, a, "r", y);
    gb_edge(&b, a, "s", z);
    gb_edge(&b, a, "s", z); /* a second relation to z: one neighbour */
    gb_edge(&b, n2, "r", x);
    gb_edge(&b, y, "r", n2);
    gb_edge(&b, c, "s", z);
    gb_edge(&b, c, "r", w);
    gb_edge(&b, m1, "r", x);
    gb_edge(&b, m1, "r", y);
    gb_edge(&b, m1, "r", z);
    gb_commit(&b);

    memset(&opt, 0, sizeof opt);
    assert_int_equal(zg_query_similar(b.g, a, &opt, &r, &links, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    assert_int_equal(cell_id(r, 0, 0), n2);
    assert_true(zg_result_cell(r, 0, 1)->num == 0.667);
    assert_int_equal(cell_int(r, 0, 2), 2);
    assert_int_equal(cell_int(r, 0, 3), 3);
    assert_string_equal(cell_str(r, 0, 4), "X、Y");
    assert_int_equal(cell_id(r, 1, 0), c);
    assert_true(zg_result_cell(r, 1, 1)->num == 0.25);
    assert_int_equal(cell_int(r, 1, 2), 1);
    assert_int_equal(cell_int(r, 1, 3), 4);
    assert_string_equal(cell_str(r, 1, 4), "Z");
    /* Links: b-x, b-y, c-z. */
    assert_int_equal(zg_result_rows(links), 3);
    assert_int_equal(cell_id(links, 0, 0), n2);
    assert_int_equal(cell_id(links, 0, 1), x);
    assert_int_equal(zg_result_cell(links, 0, 2)->kind, ZG_VAL_EDGE);
    assert_int_equal(cell_id(links, 2, 1), z);
    zg_result_free(r);
    zg_result_free(links);

    /* Only through s: a {z}, c {z}: 1.0; b shares nothing. */
    opt.filter.rels = by_s;
    opt.filter.n_rels = 1;
    opt.lang = ZG_LABEL_EN;
    assert_int_equal(zg_query_similar(b.g, a, &opt, &r, NULL, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(cell_id(r, 0, 0), c);
    assert_true(zg_result_cell(r, 0, 1)->num == 1.0);
    assert_string_equal(cell_str(r, 0, 4), "node z");
    zg_result_free(r);

    /* Top 1; and from the other side. */
    memset(&opt, 0, sizeof opt);
    opt.top = 1;
    assert_int_equal(zg_query_similar(b.g, a, &opt, &r, NULL, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    zg_result_free(r);
    assert_int_equal(zg_query_similar(b.g, x, NULL, &r, NULL, &err), ZG_OK);
    /* x: {a, b, m1}; y: {a, b, m1}: 1.0; z: {a, c, m1}: 2/4. */
    assert_int_equal(zg_result_rows(r), 2);
    assert_int_equal(cell_id(r, 0, 0), y);
    assert_true(zg_result_cell(r, 0, 1)->num == 1.0);
    assert_int_equal(cell_id(r, 1, 0), z);
    assert_true(zg_result_cell(r, 1, 1)->num == 0.5);
    zg_result_free(r);
    (void)w;
    zg_graph_free(b.g);
}

static void
test_rank(void **state)
{
    gb b;
    zg_id a, n2, c, x, y, z;
    zg_rank_opts opt;
    zg_result *r, *links;
    zg_view *v = NULL;
    zg_error err = {0};
    const char *only_r[] = {"r"};

    (void)state;
    gb_begin(&b);
    a = gb_node(&b, "a");
    n2 = gb_node(&b, "b");
    c = gb_node(&b, "c");
    x = gb_node_t(&b, "x", b.tm, NULL, NULL);
    y = gb_node_t(&b, "y", b.tm, NULL, NULL);
    z = gb_node_t(&b, "z", b.tm, "2030", NULL);
    gb_edge(&b, a, "r", x);
    gb_edge(&b, n2, "r", x);
    gb_edge(&b, c, "r", x);
    gb_edge(&b, a, "r", y);
    gb_edge(&b, n2, "s", y);
    gb_edge(&b, z, "r", a);
    gb_edge(&b, a, "r", z);
    gb_commit(&b);

    memset(&opt, 0, sizeof opt);
    opt.by = ZG_RANK_IN;
    opt.filter.rels = only_r;
    opt.filter.n_rels = 1;
    assert_int_equal(zg_query_rank(b.g, "m", &opt, &r, &links, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 3);
    assert_int_equal(cell_int(r, 0, 0), 1);
    assert_int_equal(cell_id(r, 0, 1), x);
    assert_int_equal(cell_int(r, 0, 2), 3);
    /* y and z tie at 1 (z's out relation does not count): rank 2, by id. */
    assert_int_equal(cell_int(r, 1, 0), 2);
    assert_int_equal(cell_id(r, 1, 1), y);
    assert_int_equal(cell_int(r, 2, 0), 2);
    assert_int_equal(cell_id(r, 2, 1), z);
    assert_int_equal(zg_result_rows(links), 5);
    assert_int_equal(cell_id(links, 0, 0), x);
    zg_result_free(r);
    zg_result_free(links);

    /* Degree, all relations: a 4, x 3, b 2 ... ties 1, 1, 3. */
    memset(&opt, 0, sizeof opt);
    assert_int_equal(zg_query_rank(b.g, "n", &opt, &r, NULL, &err), ZG_OK);
    assert_int_equal(cell_id(r, 0, 1), a);
    assert_int_equal(cell_int(r, 0, 2), 4);
    assert_int_equal(cell_id(r, 1, 1), n2);
    assert_int_equal(cell_int(r, 1, 2), 2);
    assert_int_equal(cell_id(r, 2, 1), c);
    assert_int_equal(cell_int(r, 2, 0), 3);
    zg_result_free(r);
    opt.by = ZG_RANK_OUT;
    opt.top = 1;
    assert_int_equal(zg_query_rank(b.g, "n", &opt, &r, NULL, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(cell_int(r, 0, 2), 3);
    zg_result_free(r);
    /* In, every relation: x 3, y 2 (r and s), z 1. */
    memset(&opt, 0, sizeof opt);
    opt.by = ZG_RANK_IN;
    assert_int_equal(zg_query_rank(b.g, "m", &opt, &r, NULL, &err), ZG_OK);
    assert_int_equal(cell_int(r, 0, 2), 3);
    assert_int_equal(cell_int(r, 1, 0), 2);
    assert_int_equal(cell_int(r, 1, 2), 2); /* y: r and s */
    zg_result_free(r);
    /* As of 2020, z and its relations are not there. */
    assert_int_equal(zg_view_new(&v, b.g, "2020", &err), ZG_OK);
    opt.filter.view = v;
    assert_int_equal(zg_query_rank(b.g, "m", &opt, &r, NULL, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    zg_result_free(r);
    opt.by = ZG_RANK_DEGREE;
    assert_int_equal(zg_query_rank(b.g, "n", &opt, &r, NULL, &err), ZG_OK);
    assert_int_equal(cell_int(r, 0, 2), 2); /* a and b tie at 2 */
    assert_int_equal(cell_int(r, 1, 0), 1);
    zg_result_free(r);
    zg_view_free(v);
    r = (zg_result *)1;
    assert_int_equal(zg_query_rank(b.g, "nope", NULL, &r, NULL, &err),
                     ZG_ERR_INVALID);
    assert_null(r);
    (void)y;
    zg_graph_free(b.g);
}

/* ---- the catalogue queries as of a date ---- */

static void
test_catalogue_at(void **state)
{
    gb b;
    zg_id a, n2, c;
    zg_view *v = NULL;
    zg_result *r;
    zg_error err = {0};
    zg_neighbour_opts nopt;
    zg_prop p;

    (void)state;
    gb_begin(&b);
    a = gb_node(&b, "a");
    n2 = gb_node_t(&b, "b", b.tn, "2021-02", NULL);
    c = gb_node(&b, "c");
    gb_edge(&b, a, "r", n2);
    gb_edge(&b, n2, "r", c);
    gb_edge_d(&b, a, "s", c, NULL, "2019");
    memset(&p, 0, sizeof p);
    p.name = "old";
    p.value = "1";
    p.until = "2019";
    assert_int_equal(zg_graph_add_node_prop(b.g, a, &p, &err), ZG_OK);
    p.name = "new";
    p.until = NULL;
    p.since = "2021";
    assert_int_equal(zg_graph_add_node_prop(b.g, a, &p, &err), ZG_OK);
    gb_commit(&b);
    assert_int_equal(zg_view_new(&v, b.g, "2020-12-31", &err), ZG_OK);

    assert_int_equal(zg_query_list(b.g, &(zg_filter){.view = v}, "n", NULL, 0,
                                   NULL, 0, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    zg_result_free(r);
    assert_int_equal(zg_query_list(b.g, NULL, "n", NULL, 0, NULL, 0, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 3);
    zg_result_free(r);
    assert_int_equal(
        zg_query_find(b.g, &(zg_filter){.view = v}, "b", 0, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    assert_int_equal(zg_query_find(b.g, NULL, "b", 0, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    zg_result_free(r);
    assert_int_equal(zg_query_totals(b.g, &(zg_filter){.view = v}, &r, &err),
                     ZG_OK);
    assert_int_equal(cell_int(r, 0, 0), 2);
    assert_int_equal(cell_int(r, 0, 1), 0);
    zg_result_free(r);
    assert_int_equal(zg_query_count_nodetypes(b.g, &(zg_filter){.view = v},
                                              ZG_LABEL_ZH, &r, &err),
                     ZG_OK);
    assert_int_equal(cell_int(r, 0, 2), 2);
    zg_result_free(r);
    assert_int_equal(zg_query_count_reltypes(b.g, &(zg_filter){.view = v},
                                             ZG_LABEL_ZH, &r, &err),
                     ZG_OK);
    assert_int_equal(cell_int(r, 0, 2), 0);
    zg_result_free(r);
    assert_int_equal(
        zg_query_top_degree(b.g, &(zg_filter){.view = v}, 10, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    assert_int_equal(cell_int(r, 0, 2), 0);
    zg_result_free(r);
    assert_int_equal(zg_query_node_relations(b.g, &(zg_filter){.view = v}, a,
                                             ZG_LABEL_ZH, 0, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    assert_int_equal(
        zg_query_node_relations(b.g, NULL, a, ZG_LABEL_ZH, 0, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    zg_result_free(r);
    assert_int_equal(
        zg_query_node_props(b.g, &(zg_filter){.view = v}, a, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    assert_int_equal(
        zg_query_node_sources(b.g, &(zg_filter){.view = v}, a, &r, &err),
        ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    zg_view_free(v);

    assert_int_equal(zg_view_new(&v, b.g, "2021", &err), ZG_OK);
    assert_int_equal(
        zg_query_node_props(b.g, &(zg_filter){.view = v}, a, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(cell_str(r, 0, 0), "new");
    zg_result_free(r);
    assert_int_equal(
        zg_query_node_sources(b.g, &(zg_filter){.view = v}, a, &r, &err),
        ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    zg_result_free(r);
    /* Neighbours at depth 2 with distances, as of 2021 and before. */
    memset(&nopt, 0, sizeof nopt);
    nopt.depth = 2;
    nopt.filter.view = v;
    assert_int_equal(zg_query_neighbours(b.g, a, &nopt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    assert_int_equal(cell_int(r, 0, 0), 1);
    assert_int_equal(cell_id(r, 0, 1), n2);
    assert_int_equal(cell_int(r, 1, 0), 2);
    assert_int_equal(cell_id(r, 1, 1), c);
    zg_result_free(r);
    zg_view_free(v);
    assert_int_equal(zg_view_new(&v, b.g, "2018", &err), ZG_OK);
    nopt.filter.view = v;
    assert_int_equal(zg_query_neighbours(b.g, a, &nopt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(cell_int(r, 0, 0), 1);
    assert_int_equal(cell_id(r, 0, 1), c);
    zg_result_free(r);
    zg_view_free(v);
    zg_graph_free(b.g);
}

/* ---- budgets: hostile shapes ---- */

/* The peak resident size of this process so far, in KiB. */
static long
peak_kib(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/*
 * A chain of `d` diamonds: a0 -> b0, a0 -> c0, b0 -> a1, c0 -> a1, and so
 * on to a`d`. Between a0 and a`d` there are 2^d shortest paths, all of
 * 2d hops. Sets the two ends.
 */
static void
build_diamonds(gb *b, unsigned d, zg_id *first, zg_id *last)
{
    char key[16];
    zg_id prev, bi, ci, next;

    gb_begin(b);
    snprintf(key, sizeof key, "a0");
    prev = *first = gb_node(b, key);
    for (unsigned i = 0; i < d; i++) {
        snprintf(key, sizeof key, "b%u", i);
        bi = gb_node(b, key);
        snprintf(key, sizeof key, "c%u", i);
        ci = gb_node(b, key);
        snprintf(key, sizeof key, "a%u", i + 1);
        next = gb_node(b, key);
        gb_edge(b, prev, "r", bi);
        gb_edge(b, prev, "r", ci);
        gb_edge(b, bi, "r", next);
        gb_edge(b, ci, "r", next);
        prev = next;
    }
    *last = prev;
    gb_commit(b);
}

/*
 * A path result holds `npaths` valid, simple (no node twice) and distinct
 * paths of `len` hops each from `src` to `dst`.
 */
static void
check_long_paths(const zg_graph *g, const zg_result *r, zg_id src, zg_id dst,
                 size_t npaths, unsigned len)
{
    size_t nn = zg_graph_node_count(g);
    zg_id *edges = calloc(npaths * len + 1, sizeof *edges);
    unsigned char *on = calloc(nn, 1);
    size_t row = 0;

    assert_non_null(edges);
    assert_non_null(on);
    assert_int_equal(zg_result_rows(r), npaths * len);
    for (size_t p = 0; p < npaths; p++) {
        zg_id at = src;
        memset(on, 0, nn);
        on[src] = 1;
        for (unsigned h = 0; h < len; h++, row++) {
            zg_edge_info e;
            zg_id eid = cell_id(r, row, 10), next = cell_id(r, row, 5);
            assert_int_equal(cell_int(r, row, 0), (long long)p + 1);
            assert_int_equal(cell_int(r, row, 1), (long long)h + 1);
            assert_int_equal(cell_id(r, row, 2), at);
            zg_graph_edge_get(g, eid, &e);
            assert_true((e.from == at && e.to == next) ||
                        (e.to == at && e.from == next));
            assert_false(on[next]);
            on[next] = 1;
            at = next;
            edges[p * len + h] = eid;
        }
        assert_int_equal(at, dst);
        for (size_t q = 0; q < p; q++)
            assert_true(memcmp(edges + q * len, edges + p * len,
                               len * sizeof *edges) != 0);
    }
    free(edges);
    free(on);
}

/*
 * Counts of shortest paths are exact up to ZG_COUNT_MAX (2^63 - 1) and
 * "more than ZG_COUNT_MAX" beyond, in path's info and in relate's
 * summary; never a wrapped or saturated number given as exact.
 */
static void
test_count_more(void **state)
{
    static const struct {
        unsigned diamonds;
        int more;
    } cases[] = {{62, 0}, {63, 1}, {64, 1}, {200, 1}};
    char want[64];

    (void)state;
    snprintf(want, sizeof want, "more than %llu", ZG_COUNT_MAX);
    assert_string_equal(want, "more than 9223372036854775807");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gb b;
        zg_id a, z;
        zg_path_opts opt;
        zg_path_info info;
        zg_relate_answer ans;
        zg_error err = {0};
        zg_result *r;
        const zg_value *paths;

        build_diamonds(&b, cases[i].diamonds, &a, &z);
        memset(&opt, 0, sizeof opt);
        opt.all = 1;
        opt.max_paths = 2;
        r = run_path(b.g, a, z, &opt, &info);
        assert_int_equal(info.paths, 2);
        assert_int_equal(info.length, 2 * cases[i].diamonds);
        assert_int_equal(info.total_more, cases[i].more);
        if (cases[i].more)
            assert_true(info.total == ZG_COUNT_MAX);
        else
            assert_true(info.total == 1ULL << cases[i].diamonds);
        assert_true(info.truncated);
        assert_int_equal(info.stopped_by, ZG_LIMIT_PATHS);
        assert_int_equal(info.limit, 2);
        zg_result_free(r);

        assert_int_equal(zg_query_relate(b.g, a, z, NULL, &ans, &err), ZG_OK);
        paths = zg_result_cell(ans.summary, 0, 5);
        if (cases[i].more) {
            assert_int_equal(paths->kind, ZG_VAL_STRING);
            assert_string_equal(paths->str, want);
        } else {
            assert_int_equal(paths->kind, ZG_VAL_INT);
            assert_true((unsigned long long)paths->i ==
                        1ULL << cases[i].diamonds);
        }
        assert_int_equal(ans.path_info.total_more, cases[i].more);
        assert_int_equal(ans.path_info.paths, 10);
        assert_int_equal(ans.path_info.stopped_by, ZG_LIMIT_PATHS);
        zg_relate_answer_free(&ans);
        zg_graph_free(b.g);
    }
}

/*
 * `all` on 2,000 diamonds (2^2000 paths of 4,000 hops): the rows budget
 * ends the listing (the first path always goes), then bytes, paths and
 * visits each stop it in turn, saying so.
 */
static void
test_all_budget(void **state)
{
    gb b;
    zg_id a, z;
    zg_path_opts opt;
    zg_path_info info;
    zg_result *r = NULL;
    zg_error err = {0};
    double t0 = zg_test_wall();

    (void)state;
    build_diamonds(&b, 2000, &a, &z);
    memset(&opt, 0, sizeof opt);
    opt.all = 1;
    opt.budget.max_bytes = ZG_UNLIMITED;
    r = run_path(b.g, a, z, &opt, &info);
    /* 50,000 rows hold 12 paths of 4,000 hops. */
    assert_int_equal(info.paths, ZG_DEFAULT_MAX_ROWS / 4000);
    assert_true(info.truncated);
    assert_true(info.total_more);
    assert_int_equal(info.stopped_by, ZG_LIMIT_ROWS);
    assert_int_equal(info.limit, ZG_DEFAULT_MAX_ROWS);
    check_long_paths(b.g, r, a, z, info.paths, 4000);
    zg_result_free(r);

    /* A budget below one path still lists the first. */
    opt.budget.max_rows = 100;
    r = run_path(b.g, a, z, &opt, &info);
    assert_int_equal(info.paths, 1);
    assert_int_equal(info.stopped_by, ZG_LIMIT_ROWS);
    assert_int_equal(info.limit, 100);
    check_long_paths(b.g, r, a, z, 1, 4000);
    zg_result_free(r);

    /* With the default bytes budget, fewer. */
    opt.budget.max_rows = 0;
    opt.budget.max_bytes = 0;
    r = run_path(b.g, a, z, &opt, &info);
    assert_true(info.paths >= 1 && info.paths <= ZG_DEFAULT_MAX_ROWS / 4000);
    assert_true(info.stopped_by == ZG_LIMIT_BYTES ||
                info.stopped_by == ZG_LIMIT_ROWS);
    zg_result_free(r);

    opt.budget.max_rows = ZG_UNLIMITED;
    opt.budget.max_bytes = 1;
    r = run_path(b.g, a, z, &opt, &info);
    assert_int_equal(info.paths, 1);
    assert_int_equal(info.stopped_by, ZG_LIMIT_BYTES);
    assert_int_equal(info.limit, 1);
    zg_result_free(r);

    opt.budget.max_bytes = ZG_UNLIMITED;
    opt.max_paths = 3;
    r = run_path(b.g, a, z, &opt, &info);
    assert_int_equal(info.paths, 3);
    assert_int_equal(info.stopped_by, ZG_LIMIT_PATHS);
    check_long_paths(b.g, r, a, z, 3, 4000);
    zg_result_free(r);

    /* Too little work to find the first path: an error, no answer. */
    opt.budget.max_visits = 1000;
    r = (zg_result *)&r;
    assert_int_equal(zg_query_path(b.g, a, z, &opt, &r, &info, &err),
                     ZG_ERR_LIMIT);
    assert_null(r);
    assert_non_null(strstr(err.msg, "1000 visits"));
    zg_error_clear(&err);
    opt.all = 0;
    assert_int_equal(zg_query_path(b.g, a, z, &opt, &r, &info, &err),
                     ZG_ERR_LIMIT);
    assert_null(r);
    assert_true(zg_test_wall() - t0 < 10.0 * zg_test_time_scale());
    zg_graph_free(b.g);

    /* Enough work to list some, not all asked for: the start of the
     * answer (2^20 paths of 40 hops). */
    build_diamonds(&b, 20, &a, &z);
    opt.all = 1;
    opt.max_paths = 100000;
    opt.budget.max_rows = 0;
    opt.budget.max_visits = 2000;
    r = run_path(b.g, a, z, &opt, &info);
    assert_true(info.paths >= 1 && info.paths < 1000);
    assert_int_equal(info.stopped_by, ZG_LIMIT_VISITS);
    assert_int_equal(info.limit, 2000);
    assert_true(info.total == 1u << 20);
    check_long_paths(b.g, r, a, z, info.paths, 40);
    zg_result_free(r);
    zg_graph_free(b.g);
}

/*
 * Yen's k shortest on long paths: bounded in time and memory, stopped by
 * the work or rows budget with a correct start of the answer; and without
 * budgets the 100 shortest of 2^50 ties are found, distinct.
 */
static void
test_k_budget(void **state)
{
    gb b;
    zg_id a, z;
    zg_path_opts opt;
    zg_path_info info;
    zg_result *r;
    long kib = peak_kib();
    double t0 = zg_test_wall();

    (void)state;
    build_diamonds(&b, 2000, &a, &z);
    memset(&opt, 0, sizeof opt);
    opt.k = 100;
    r = run_path(b.g, a, z, &opt, &info);
    assert_true(info.paths >= 1 && info.paths < 100);
    assert_true(info.truncated);
    assert_int_equal(info.stopped_by, ZG_LIMIT_VISITS);
    assert_int_equal(info.limit, ZG_DEFAULT_MAX_VISITS);
    assert_int_equal(info.total, info.paths);
    check_long_paths(b.g, r, a, z, info.paths, 4000);
    zg_result_free(r);
    assert_true(zg_test_wall() - t0 < 20.0 * zg_test_time_scale());
    /* Resident memory (meaningless under sanitizers, which reserve
     * shadow memory): far below the gigabytes of copied candidates. */
    if (zg_test_time_scale() == 1.0)
        assert_true(peak_kib() - kib < 200 * 1024);
    zg_graph_free(b.g);

    build_diamonds(&b, 50, &a, &z);
    opt.budget.max_visits = ZG_UNLIMITED;
    opt.budget.max_rows = 1000;
    r = run_path(b.g, a, z, &opt, &info);
    assert_int_equal(info.paths, 10);
    assert_int_equal(info.stopped_by, ZG_LIMIT_ROWS);
    assert_int_equal(info.limit, 1000);
    check_long_paths(b.g, r, a, z, 10, 100);
    zg_result_free(r);

    opt.budget.max_rows = ZG_UNLIMITED;
    r = run_path(b.g, a, z, &opt, &info);
    assert_int_equal(info.paths, 100);
    assert_false(info.truncated);
    assert_int_equal(info.stopped_by, ZG_LIMIT_NONE);
    check_long_paths(b.g, r, a, z, 100, 100);
    zg_result_free(r);
    zg_graph_free(b.g);
}

/*
 * Yen's spur searches on a plain chain of 60,000 nodes each end at once
 * (the next node is behind a banned relation), so the root's nodes must
 * not be banned anew for every spur node: that alone was quadratic in the
 * path length (seconds here; the search takes milliseconds).
 */
static void
test_k_long_chain(void **state)
{
    enum { N = 60000 };
    gb b;
    zg_id first, prev;
    zg_path_opts opt;
    zg_path_info info;
    zg_result *r;
    char key[16];
    double t0;

    (void)state;
    gb_begin(&b);
    prev = first = gb_node(&b, "v0");
    for (int i = 1; i < N; i++) {
        zg_id v;
        snprintf(key, sizeof key, "v%d", i);
        v = gb_node(&b, key);
        gb_edge(&b, prev, "r", v);
        prev = v;
    }
    gb_commit(&b);
    memset(&opt, 0, sizeof opt);
    opt.k = 2;
    t0 = zg_test_wall();
    r = run_path(b.g, first, prev, &opt, &info);
    assert_true(zg_test_wall() - t0 < 1.0 * zg_test_time_scale());
    assert_int_equal(info.paths, 1);
    assert_int_equal(info.length, N - 1);
    assert_false(info.truncated);
    assert_int_equal(zg_result_rows(r), N - 1);
    zg_result_free(r);
    zg_graph_free(b.g);
}

/*
 * relate on 2,000 diamonds with the defaults: ten paths of 4,000 hops,
 * bounded; with a larger max_paths, the rows budget stops the listing.
 */
static void
test_relate_budget(void **state)
{
    gb b;
    zg_id a, z;
    zg_relate_opts opt;
    zg_relate_answer ans;
    zg_error err = {0};
    double t0 = zg_test_wall();

    (void)state;
    build_diamonds(&b, 2000, &a, &z);
    memset(&opt, 0, sizeof opt);
    assert_int_equal(zg_query_relate(b.g, a, z, &opt, &ans, &err), ZG_OK);
    assert_int_equal(zg_result_rows(ans.paths), 10 * 4000);
    assert_int_equal(ans.path_info.stopped_by, ZG_LIMIT_PATHS);
    zg_relate_answer_free(&ans);

    opt.max_paths = 100000;
    assert_int_equal(zg_query_relate(b.g, a, z, &opt, &ans, &err), ZG_OK);
    assert_int_equal(ans.path_info.paths, ZG_DEFAULT_MAX_ROWS / 4000);
    assert_int_equal(zg_result_rows(ans.paths),
                     ZG_DEFAULT_MAX_ROWS / 4000 * 4000);
    assert_int_equal(ans.path_info.stopped_by, ZG_LIMIT_ROWS);
    assert_int_equal(ans.path_info.limit, ZG_DEFAULT_MAX_ROWS);
    zg_relate_answer_free(&ans);

    opt.budget.max_bytes = 1000;
    assert_int_equal(zg_query_relate(b.g, a, z, &opt, &ans, &err), ZG_OK);
    assert_int_equal(ans.path_info.paths, 1);
    assert_int_equal(ans.path_info.stopped_by, ZG_LIMIT_BYTES);
    zg_relate_answer_free(&ans);
    assert_true(zg_test_wall() - t0 < 10.0 * zg_test_time_scale());
    zg_graph_free(b.g);
}

/*
 * Parallel relations multiply in common: 300 from a and 300 from b to x
 * make 90,000 rows. The rows budget keeps the start of the full answer,
 * in its order, and says how many there are; relate counts the shared
 * nodes, not the rows.
 */
static void
test_common_budget(void **state)
{
    gb b;
    zg_id a, n2, x, y;
    zg_common_opts opt;
    zg_truncation cut;
    zg_relate_opts ropt;
    zg_relate_answer ans;
    zg_result *r = NULL, *all = NULL;
    zg_error err = {0};

    (void)state;
    gb_begin(&b);
    a = gb_node(&b, "a");
    n2 = gb_node(&b, "b");
    x = gb_node(&b, "x");
    y = gb_node_t(&b, "y", b.tm, NULL, NULL);
    gb_edge(&b, a, "s", y);
    gb_edge(&b, y, "s", n2);
    for (int i = 0; i < 300; i++) {
        gb_edge(&b, a, "r", x);
        gb_edge(&b, x, "r", n2);
    }
    gb_commit(&b);

    memset(&opt, 0, sizeof opt);
    opt.edge_column = 1;
    opt.truncation = &cut;
    /* The rows budget is under test: with eleven cells a row, 50000 rows
     * take more than the default 16 MiB, so give the bytes room. */
    opt.budget.max_bytes = (size_t)64 << 20;
    assert_int_equal(zg_query_common(b.g, a, n2, &opt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), ZG_DEFAULT_MAX_ROWS);
    assert_int_equal(cut.by, ZG_LIMIT_ROWS);
    assert_int_equal(cut.limit, ZG_DEFAULT_MAX_ROWS);
    assert_int_equal(cut.rows, 300 * 300 + 1);
    assert_false(cut.more);

    opt.budget.max_rows = ZG_UNLIMITED;
    opt.budget.max_bytes = ZG_UNLIMITED;
    assert_int_equal(zg_query_common(b.g, a, n2, &opt, &all, &err), ZG_OK);
    assert_int_equal(zg_result_rows(all), 300 * 300 + 1);
    assert_int_equal(cut.by, ZG_LIMIT_NONE);
    for (size_t i = 0; i < zg_result_rows(r); i++) {
        assert_int_equal(cell_id(r, i, 1), cell_id(all, i, 1));
        assert_int_equal(cell_id(r, i, 9), cell_id(all, i, 9));
        assert_int_equal(cell_id(r, i, 10), cell_id(all, i, 10));
    }
    /* Node type n (x) before m (y); pairs by edge ids. */
    assert_int_equal(cell_id(all, 0, 1), x);
    assert_int_equal(cell_id(all, 300 * 300, 1), y);
    for (size_t i = 1; i < 300 * 300; i++)
        assert_true(cell_id(all, i - 1, 9) < cell_id(all, i, 9) ||
                    (cell_id(all, i - 1, 9) == cell_id(all, i, 9) &&
                     cell_id(all, i - 1, 10) < cell_id(all, i, 10)));
    zg_result_free(r);
    zg_result_free(all);

    opt.budget.max_bytes = 5000;
    assert_int_equal(zg_query_common(b.g, a, n2, &opt, &r, &err), ZG_OK);
    assert_int_equal(cut.by, ZG_LIMIT_BYTES);
    assert_int_equal(cut.limit, 5000);
    assert_true(zg_result_rows(r) > 0 && zg_result_rows(r) < 100);
    zg_result_free(r);

    memset(&ropt, 0, sizeof ropt);
    ropt.budget.max_rows = 10;
    assert_int_equal(zg_query_relate(b.g, a, n2, &ropt, &ans, &err), ZG_OK);
    assert_int_equal(cell_int(ans.summary, 0, 3), 2); /* x and y */
    assert_int_equal(zg_result_rows(ans.shared), 10);
    assert_int_equal(ans.shared_truncation.by, ZG_LIMIT_ROWS);
    assert_int_equal(ans.shared_truncation.rows, 300 * 300 + 1);
    /* 90,001 paths of two hops; ten rows hold five. */
    assert_true(ans.path_info.total == 300 * 300 + 1);
    assert_int_equal(ans.path_info.paths, 5);
    assert_int_equal(ans.path_info.stopped_by, ZG_LIMIT_ROWS);
    zg_relate_answer_free(&ans);
    zg_graph_free(b.g);
}

/*
 * The hub rule on a node with one relation of each of 30,000 types: the
 * fans are counted per type in O(degree log degree), not degree x types
 * (which took over a second here).
 */
static void
test_hubs_many_types(void **state)
{
    enum { NT = 30000 };
    gb b;
    zg_id x, z;
    zg_result *r = NULL;
    zg_error err = {0};
    unsigned threshold = 0;
    char name[32];
    double t0;

    (void)state;
    gb_begin(&b);
    for (int i = 0; i < NT; i++) {
        snprintf(name, sizeof name, "t%d", i);
        gb_reltype(&b, name, NULL, NULL);
    }
    x = gb_node(&b, "x");
    z = gb_node(&b, "z");
    for (int i = 0; i < NT; i++) {
        zg_id y;
        snprintf(name, sizeof name, "y%d", i);
        y = gb_node(&b, name);
        snprintf(name, sizeof name, "t%d", i);
        gb_edge(&b, x, name, y);
        gb_edge(&b, y, "r", z);
    }
    gb_commit(&b);
    t0 = zg_test_wall();
    assert_int_equal(zg_query_hubs(b.g, NULL, 0, &threshold, &r, &err), ZG_OK);
    assert_true(zg_test_wall() - t0 < 0.5 * zg_test_time_scale());
    /* z gathers all the y (each has two relations); x's fans are 1. */
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(cell_id(r, 0, 0), z);
    assert_string_equal(cell_str(r, 0, 2), "r");
    assert_string_equal(cell_str(r, 0, 3), "in");
    assert_int_equal(cell_int(r, 0, 4), NT);
    assert_true(x != z);
    zg_result_free(r);
    zg_graph_free(b.g);
}

/* A relation property of edge `e`. */
static void
gb_edge_prop(gb *b, zg_id e, const char *name, const char *value)
{
    zg_prop p;
    zg_error err = {0};

    memset(&p, 0, sizeof p);
    p.name = name;
    p.value = value;
    assert_int_equal(zg_graph_add_edge_prop(b->g, e, &p, &err), ZG_OK);
}

/* A relation property valid only at other times is not there as of a
 * date: not in --where, not in the props column of any answer, not in
 * JSON. */
static void
test_props_as_of(void **state)
{
    gb b;
    zg_id a, x, e;
    zg_prop p;
    zg_view *v = NULL;
    zg_neighbour_opts nopt;
    zg_path_opts popt;
    zg_where w;
    zg_result *r = NULL;
    zg_error err = {0};
    char *json = NULL;
    size_t len = 0;
    FILE *mem;

    (void)state;
    gb_begin(&b);
    a = gb_node(&b, "a");
    x = gb_node(&b, "x");
    e = gb_edge(&b, a, "r", x);
    memset(&p, 0, sizeof p);
    p.name = "role";
    p.value = "later";
    p.since = "2023";
    assert_int_equal(zg_graph_add_edge_prop(b.g, e, &p, &err), ZG_OK);
    p.name = "old";
    p.value = "gone";
    p.since = NULL;
    p.until = "2020";
    assert_int_equal(zg_graph_add_edge_prop(b.g, e, &p, &err), ZG_OK);
    gb_edge_prop(&b, e, "kept", "yes");
    memset(&p, 0, sizeof p);
    p.name = "tier";
    p.value = "one";
    p.since = "2023";
    assert_int_equal(zg_graph_add_node_prop(b.g, x, &p, &err), ZG_OK);
    gb_commit(&b);
    assert_int_equal(zg_view_new(&v, b.g, "2021", &err), ZG_OK);

    memset(&nopt, 0, sizeof nopt);
    nopt.filter.view = v;
    nopt.edge_column = 1;
    assert_int_equal(zg_where_parse(&w, "role=later", &err), ZG_OK);
    nopt.where = &w;
    nopt.n_where = 1;
    assert_int_equal(zg_query_neighbours(b.g, a, &nopt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    nopt.n_where = 0;
    assert_int_equal(zg_query_neighbours(b.g, a, &nopt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(cell_str(r, 0, 6), "kept=yes");
    mem = open_memstream(&json, &len);
    assert_non_null(mem);
    assert_int_equal(zg_export_json(r, mem, &err), ZG_OK);
    fclose(mem);
    assert_non_null(strstr(json, "\"props\": {\n"));
    assert_non_null(strstr(json, "\"kept\": \"yes\""));
    assert_null(strstr(json, "later"));
    assert_null(strstr(json, "gone"));
    free(json);
    zg_result_free(r);

    assert_int_equal(zg_query_node_relations(b.g, &(zg_filter){.view = v}, a,
                                             ZG_LABEL_ZH, 0, &r, &err),
                     ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(zg_result_colname(r, 7), "props");
    assert_string_equal(cell_str(r, 0, 7), "kept=yes");
    zg_result_free(r);

    memset(&popt, 0, sizeof popt);
    popt.filter.view = v;
    r = run_path(b.g, a, x, &popt, NULL);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(zg_result_colname(r, 8), "props");
    assert_string_equal(cell_str(r, 0, 8), "kept=yes");
    zg_result_free(r);

    /* a node property from 2023 is not there in 2021 either */
    {
        const char *show[] = {"tier"};
        const char *type =
            zg_graph_nodetype(b.g, zg_graph_node(b.g, x)->type)->name;
        assert_int_equal(zg_where_parse(&w, "tier=one", &err), ZG_OK);
        assert_int_equal(zg_query_list(b.g, &(zg_filter){.view = v}, type, &w,
                                       1, NULL, 0, &r, &err),
                         ZG_OK);
        assert_int_equal(zg_result_rows(r), 0);
        zg_result_free(r);
        assert_int_equal(
            zg_query_list(b.g, NULL, type, &w, 1, NULL, 0, &r, &err), ZG_OK);
        assert_int_equal(zg_result_rows(r), 1);
        zg_result_free(r);
        assert_int_equal(zg_query_list(b.g, &(zg_filter){.view = v}, type, NULL,
                                       0, show, 1, &r, &err),
                         ZG_OK);
        assert_int_equal(zg_result_rows(r), 2);
        for (size_t i = 0; i < 2; i++)
            assert_int_equal(zg_result_cell(r, i, 1)->kind, ZG_VAL_NULL);
        zg_result_free(r);
    }

    /* without a date, all three */
    popt.filter.view = NULL;
    r = run_path(b.g, a, x, &popt, NULL);
    assert_string_equal(cell_str(r, 0, 8), "role=later; old=gone; kept=yes");
    zg_result_free(r);
    zg_view_free(v);
    zg_graph_free(b.g);
}

/* Relation properties show in a props column and filter the walk; with
 * --broader a node reached also reaches what it is narrower than,
 * transitively and through a cycle without looping. */
static void
test_props_where_broader(void **state)
{
    gb b;
    zg_id a, n2, smart, fin, econ, e;
    zg_neighbour_opts nopt;
    zg_common_opts copt;
    zg_where w;
    zg_result *r = NULL;
    zg_error err = {0};
    const char *focus[] = {"r"};

    (void)state;
    gb_begin(&b);
    gb_reltype(&b, "broader", "属于", "is a kind of");
    a = gb_node(&b, "a");
    n2 = gb_node(&b, "b");
    smart = gb_node_t(&b, "smartfin", b.tm, NULL, NULL);
    fin = gb_node_t(&b, "fin", b.tm, NULL, NULL);
    econ = gb_node_t(&b, "econ", b.tm, NULL, NULL);
    e = gb_edge(&b, a, "r", smart);
    gb_edge_prop(&b, e, "role", "core");
    gb_edge_prop(&b, e, "rank", "1");
    e = gb_edge(&b, n2, "r", fin);
    gb_edge_prop(&b, e, "role", "app");
    gb_edge(&b, smart, "broader", fin);
    gb_edge(&b, fin, "broader", econ);
    gb_edge(&b, econ, "broader", smart); /* a cycle */
    gb_commit(&b);

    /* The props column, in the order of the data. */
    memset(&nopt, 0, sizeof nopt);
    nopt.filter.rels = focus;
    nopt.filter.n_rels = 1;
    assert_int_equal(zg_query_neighbours(b.g, a, &nopt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_string_equal(zg_result_colname(r, 6), "props");
    assert_string_equal(cell_str(r, 0, 6), "role=core; rank=1");
    zg_result_free(r);

    /* --where on a property, a field, and an unknown name. */
    assert_int_equal(zg_where_parse(&w, "role=app", &err), ZG_OK);
    nopt.where = &w;
    nopt.n_where = 1;
    assert_int_equal(zg_query_neighbours(b.g, a, &nopt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    assert_int_equal(zg_query_neighbours(b.g, n2, &nopt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    assert_int_equal(cell_id(r, 0, 1), fin);
    zg_result_free(r);
    assert_int_equal(zg_where_parse(&w, "basis=stated", &err), ZG_OK);
    assert_int_equal(zg_query_neighbours(b.g, a, &nopt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 1);
    zg_result_free(r);
    assert_int_equal(zg_where_parse(&w, "rol=core", &err), ZG_OK);
    zg_error_clear(&err);
    assert_int_equal(zg_query_neighbours(b.g, a, &nopt, &r, &err),
                     ZG_ERR_INVALID);
    assert_null(r);
    assert_non_null(strstr(err.msg, "'rol'"));
    assert_non_null(strstr(err.msg, "role"));
    nopt.n_where = 0;
    zg_error_clear(&err);

    /* --broader in neighbours: smartfin directly, fin and econ through
     * it; the cycle back to smartfin adds nothing. */
    nopt.broader = 1;
    nopt.evidence = 1;
    assert_int_equal(zg_query_neighbours(b.g, a, &nopt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_cols(r), 10);
    assert_string_equal(zg_result_colname(r, 7), "through");
    assert_string_equal(zg_result_colname(r, 9), "evidence");
    assert_int_equal(zg_result_rows(r), 3);
    assert_int_equal(cell_id(r, 0, 1), smart);
    assert_int_equal(zg_result_cell(r, 0, 7)->kind, ZG_VAL_NULL);
    assert_int_equal(cell_id(r, 1, 1), fin);
    assert_int_equal(cell_id(r, 1, 7), smart);
    assert_int_equal(cell_id(r, 2, 1), econ);
    assert_int_equal(cell_id(r, 2, 7), smart);
    assert_string_equal(cell_str(r, 2, 8), "s1");
    zg_result_free(r);

    /* common: nothing shared directly; with --broader all three, each
     * saying which narrower node it came through. */
    memset(&copt, 0, sizeof copt);
    copt.filter.rels = focus;
    copt.filter.n_rels = 1;
    assert_int_equal(zg_query_common(b.g, a, n2, &copt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 0);
    zg_result_free(r);
    copt.broader = 1;
    assert_int_equal(zg_query_common(b.g, a, n2, &copt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_cols(r), 11);
    assert_string_equal(zg_result_colname(r, 8), "through_a");
    assert_string_equal(zg_result_colname(r, 9), "through_b");
    assert_int_equal(zg_result_rows(r), 3);
    /* By key: econ, fin, smartfin. */
    assert_int_equal(cell_id(r, 0, 1), econ);
    assert_int_equal(cell_id(r, 0, 8), smart);
    assert_int_equal(cell_id(r, 0, 9), fin);
    assert_int_equal(cell_id(r, 1, 1), fin);
    assert_int_equal(cell_id(r, 1, 8), smart);
    assert_int_equal(zg_result_cell(r, 1, 9)->kind, ZG_VAL_NULL);
    assert_string_equal(cell_str(r, 1, 6), "role=core; rank=1");
    assert_string_equal(cell_str(r, 1, 7), "role=app");
    assert_string_equal(cell_str(r, 1, 10),
                        "A连接SMARTFIN。SMARTFIN属于FIN。B连接FIN。");
    assert_int_equal(cell_id(r, 2, 1), smart);
    assert_int_equal(zg_result_cell(r, 2, 8)->kind, ZG_VAL_NULL);
    assert_int_equal(cell_id(r, 2, 9), fin);
    zg_result_free(r);
    zg_graph_free(b.g);

    /* A graph without a relation type named broader cannot follow it. */
    gb_begin(&b);
    a = gb_node(&b, "a");
    n2 = gb_node(&b, "b");
    gb_commit(&b);
    zg_error_clear(&err);
    assert_int_equal(zg_query_common(b.g, a, n2, &copt, &r, &err),
                     ZG_ERR_INVALID);
    assert_null(r);
    assert_non_null(strstr(err.msg, "'broader'"));
    assert_int_equal(zg_query_neighbours(b.g, a, &nopt, &r, &err),
                     ZG_ERR_INVALID);
    assert_null(r);
    zg_graph_free(b.g);
}

/* --broader lists each broader node once, through the first narrower
 * node that reaches it: many narrow sectors under one long chain give one
 * row per chain node, not one per narrow sector and chain node. */
static void
test_broader_once(void **state)
{
    enum { NARROW = 200, CHAIN = 200 };
    gb b;
    zg_id a, n2, chain[CHAIN], first_narrow = ZG_NO_ID;
    zg_neighbour_opts nopt;
    zg_common_opts copt;
    zg_result *r = NULL;
    zg_error err = {0};
    const char *focus[] = {"r"};
    char key[32];

    (void)state;
    gb_begin(&b);
    gb_reltype(&b, "broader", "属于", "is a kind of");
    a = gb_node(&b, "a");
    n2 = gb_node(&b, "b");
    for (int i = 0; i < CHAIN; i++) {
        snprintf(key, sizeof key, "chain%03d", i);
        chain[i] = gb_node_t(&b, key, b.tm, NULL, NULL);
        if (i > 0)
            gb_edge(&b, chain[i - 1], "broader", chain[i]);
    }
    for (int i = 0; i < NARROW; i++) {
        zg_id s;
        snprintf(key, sizeof key, "narrow%03d", i);
        s = gb_node_t(&b, key, b.tm, NULL, NULL);
        if (i == 0)
            first_narrow = s;
        gb_edge(&b, s, "broader", chain[0]);
        gb_edge(&b, a, "r", s);
        gb_edge(&b, n2, "r", s);
    }
    gb_commit(&b);

    memset(&nopt, 0, sizeof nopt);
    nopt.filter.rels = focus;
    nopt.filter.n_rels = 1;
    nopt.broader = 1;
    assert_int_equal(zg_query_neighbours(b.g, a, &nopt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), NARROW + CHAIN);
    /* The chain, nearest first, through the first narrow sector. */
    assert_int_equal(cell_id(r, 1, 1), chain[0]);
    assert_int_equal(cell_id(r, 1, 7), first_narrow);
    assert_int_equal(cell_id(r, CHAIN, 1), chain[CHAIN - 1]);
    zg_result_free(r);

    memset(&copt, 0, sizeof copt);
    copt.filter.rels = focus;
    copt.filter.n_rels = 1;
    copt.broader = 1;
    assert_int_equal(zg_query_common(b.g, a, n2, &copt, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), NARROW + CHAIN);
    zg_result_free(r);
    zg_graph_free(b.g);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_period_parse),
        cmocka_unit_test(test_period_holds),
        cmocka_unit_test(test_view),
        cmocka_unit_test(test_path_chain),
        cmocka_unit_test(test_path_self),
        cmocka_unit_test(test_path_ties),
        cmocka_unit_test(test_path_cycle),
        cmocka_unit_test(test_path_k_and_max_len),
        cmocka_unit_test(test_path_filters),
        cmocka_unit_test(test_hubs),
        cmocka_unit_test(test_path_as_of),
        cmocka_unit_test(test_path_banned),
        cmocka_unit_test(test_yen_brute_force),
        cmocka_unit_test(test_sentence),
        cmocka_unit_test(test_common),
        cmocka_unit_test(test_props_where_broader),
        cmocka_unit_test(test_props_as_of),
        cmocka_unit_test(test_broader_once),
        cmocka_unit_test(test_relate),
        cmocka_unit_test(test_similar),
        cmocka_unit_test(test_rank),
        cmocka_unit_test(test_catalogue_at),
        cmocka_unit_test(test_count_more),
        cmocka_unit_test(test_all_budget),
        cmocka_unit_test(test_k_budget),
        cmocka_unit_test(test_k_long_chain),
        cmocka_unit_test(test_relate_budget),
        cmocka_unit_test(test_common_budget),
        cmocka_unit_test(test_hubs_many_types),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
