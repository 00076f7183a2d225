/* SPDX-License-Identifier: MIT */
/*
 * The procedures of the query language: zonegraph's relationship questions
 * (neighbours, path, common, similar, relate), called with `CALL
 * zonegraph.NAME(args) YIELD columns`, so that a query can combine their
 * answers with patterns. An argument that stands for a node is a node
 * value or a name, resolved as the command line resolves it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cypher_exec.h"

static const char *const neighbours_cols[] = {"distance", "node",      "type",
                                              "relation", "direction", "via",
                                              "props",    "edge",      NULL};
static const char *const path_cols[] = {"path", "length", NULL};
static const char *const common_cols[] = {
    "type",       "node",        "relation_a", "direction_a",
    "relation_b", "direction_b", "props_a",    "props_b",
    "sentence",   "edge_a",      "edge_b",     NULL};
static const char *const similar_cols[] = {"node",  "score", "shared",
                                           "union", "items", NULL};
static const char *const relate_cols[] = {"part", "sentence", "evidence",
                                          "edge", NULL};

/* Node argument `v` as a node id: a node, or a name to resolve. */
static zg_status
node_arg(zg_cy_exec *x, const zg_cypher_node *at, const zg_value *v, zg_id *out)
{
    zg_resolution res;
    zg_error err = {0};

    if (v->kind == ZG_VAL_NODE) {
        *out = v->id;
        return ZG_OK;
    }
    if (v->kind != ZG_VAL_STRING)
        return zg_cypher__fail(&x->rt, at, "TypeError",
                               "%s takes nodes or names", at->text);
    if (zg_graph_resolve(x->rt.g, v->str, &res, &err) != ZG_OK)
        return zg_cypher__fail(&x->rt, at, "ArgumentError", "%s: %s", at->text,
                               err.msg);
    *out = res.node;
    return ZG_OK;
}

/* A count argument: a positive integer. */
static zg_status
count_arg(zg_cy_exec *x, const zg_cypher_node *at, const zg_value *v,
          unsigned *out)
{
    if (v->kind != ZG_VAL_INT || v->i < 1 || v->i > 1000000)
        return zg_cypher__fail(&x->rt, at, "ArgumentError",
                               "%s takes a count from 1 to 1000000", at->text);
    *out = (unsigned)v->i;
    return ZG_OK;
}

static zg_status
fail_query(zg_cy_exec *x, const zg_cypher_node *at, zg_status st,
           const zg_error *err)
{
    if (st == ZG_ERR_NOMEM || st == ZG_ERR_LIMIT)
        return zg_error_set(x->rt.err, st, NULL, at->line, at->column,
                            "%u:%u: %s: %s", at->line, at->column, at->text,
                            err->msg);
    return zg_cypher__fail(&x->rt, at, "ArgumentError", "%s: %s", at->text,
                           err->msg);
}

static zg_status
run_neighbours(zg_cy_exec *x, const zg_cypher_node *at, const zg_value *args,
               size_t n, zg_result **out)
{
    zg_neighbour_opts o;
    zg_error err = {0};
    zg_status st;
    zg_id a;

    memset(&o, 0, sizeof o);
    o.edge_column = 1;
    ZG_TRY(node_arg(x, at, &args[0], &a));
    if (n > 1)
        ZG_TRY(count_arg(x, at, &args[1], &o.depth));
    if ((st = zg_query_neighbours(x->rt.g, a, &o, out, &err)) != ZG_OK)
        return fail_query(x, at, st, &err);
    return ZG_OK;
}

static zg_status
run_path(zg_cy_exec *x, const zg_cypher_node *at, const zg_value *args,
         size_t n, zg_result **out)
{
    zg_path_opts o;
    zg_error err = {0};
    zg_status st;
    zg_id a, b;

    memset(&o, 0, sizeof o);
    ZG_TRY(node_arg(x, at, &args[0], &a));
    ZG_TRY(node_arg(x, at, &args[1], &b));
    if (n > 2)
        ZG_TRY(count_arg(x, at, &args[2], &o.k));
    if ((st = zg_query_path(x->rt.g, a, b, &o, out, NULL, &err)) != ZG_OK)
        return fail_query(x, at, st, &err);
    return ZG_OK;
}

static zg_status
run_common(zg_cy_exec *x, const zg_cypher_node *at, const zg_value *args,
           size_t n, zg_result **out)
{
    zg_common_opts o;
    zg_error err = {0};
    zg_status st;
    zg_id a, b;

    (void)n;
    memset(&o, 0, sizeof o);
    o.edge_column = 1;
    ZG_TRY(node_arg(x, at, &args[0], &a));
    ZG_TRY(node_arg(x, at, &args[1], &b));
    if ((st = zg_query_common(x->rt.g, a, b, &o, out, &err)) != ZG_OK)
        return fail_query(x, at, st, &err);
    return ZG_OK;
}

static zg_status
run_similar(zg_cy_exec *x, const zg_cypher_node *at, const zg_value *args,
            size_t n, zg_result **out)
{
    zg_similar_opts o;
    zg_error err = {0};
    zg_status st;
    unsigned top = 0;
    zg_id a;

    memset(&o, 0, sizeof o);
    ZG_TRY(node_arg(x, at, &args[0], &a));
    if (n > 1)
        ZG_TRY(count_arg(x, at, &args[1], &top));
    o.top = top;
    if ((st = zg_query_similar(x->rt.g, a, &o, out, NULL, &err)) != ZG_OK)
        return fail_query(x, at, st, &err);
    return ZG_OK;
}

/* Rows `from` of `r` into `out` as (part, sentence, evidence, edge). */
static zg_status
add_sentences(zg_result *out, const zg_result *r, const char *part,
              const char *edge_col, zg_error *err)
{
    size_t s = zg_result_col(r, "sentence"), e = zg_result_col(r, "evidence");
    size_t ed = zg_result_col(r, edge_col), i;
    zg_value row[4];

    memset(row, 0, sizeof row);
    row[0].kind = ZG_VAL_STRING;
    row[0].str = part;
    for (i = 0; r && i < zg_result_rows(r); i++) {
        row[1] = *zg_result_cell(r, i, s);
        memset(&row[2], 0, sizeof row[2]);
        if (e != ZG_NO_COL)
            row[2] = *zg_result_cell(r, i, e);
        row[3] = *zg_result_cell(r, i, ed);
        ZG_TRY(zg_result_add_row(out, row, err));
    }
    return ZG_OK;
}

static zg_status
run_relate(zg_cy_exec *x, const zg_cypher_node *at, const zg_value *args,
           size_t n, zg_result **out)
{
    zg_relate_opts o;
    zg_relate_answer ans;
    zg_error err = {0};
    zg_status st;
    zg_id a, b;

    (void)n;
    memset(&o, 0, sizeof o);
    o.edge_column = 1;
    ZG_TRY(node_arg(x, at, &args[0], &a));
    ZG_TRY(node_arg(x, at, &args[1], &b));
    if ((st = zg_query_relate(x->rt.g, a, b, &o, &ans, &err)) != ZG_OK)
        return fail_query(x, at, st, &err);
    if ((st = zg_result_new(out, x->rt.g, 4, relate_cols, &err)) != ZG_OK ||
        (st = add_sentences(*out, ans.direct, "direct", "edge", &err)) !=
            ZG_OK ||
        (st = add_sentences(*out, ans.shared, "shared", "edge_a", &err)) !=
            ZG_OK ||
        (st = add_sentences(*out, ans.paths, "path", "edge", &err)) != ZG_OK) {
        zg_result_free(*out);
        *out = NULL;
        zg_relate_answer_free(&ans);
        return fail_query(x, at, st, &err);
    }
    zg_relate_answer_free(&ans);
    return ZG_OK;
}

static const zg_cy_proc procs[] = {
    {"zonegraph.common", 2, 2, common_cols, run_common},
    {"zonegraph.neighbours", 1, 2, neighbours_cols, run_neighbours},
    {"zonegraph.path", 2, 3, path_cols, run_path},
    {"zonegraph.relate", 2, 2, relate_cols, run_relate},
    {"zonegraph.similar", 1, 2, similar_cols, run_similar},
};

const zg_cy_proc *
zg_cy__proc(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof procs / sizeof procs[0]; i++)
        if (strcasecmp(procs[i].name, name) == 0)
            return &procs[i];
    return NULL;
}

size_t
zg_cy__proc_cols(const zg_cy_proc *p)
{
    size_t n = 0;

    while (p->cols[n])
        n++;
    return n;
}

/* The names of the procedures, for an error message. */
const char *
zg_cy__proc_names(void)
{
    return "zonegraph.common, zonegraph.neighbours, zonegraph.path, "
           "zonegraph.relate, zonegraph.similar";
}
