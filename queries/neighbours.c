/* SPDX-License-Identifier: MIT */
/*
 * The k-hop neighbourhood of a node: a breadth-first walk over dense node
 * ids with a distance array (UNSEEN until reached, so cycles end) and the
 * visit order as the queue. The relation and node type filters are turned
 * into per-type flag arrays once, so the walk does one array read per
 * edge. A second pass writes one row per edge that joins a node to the
 * layer before it, which keeps the walk itself free of allocation. With a
 * view (valid time), hidden edges are not walked, so hidden nodes are
 * never reached.
 */
#include "zg_query.h"
#include "query_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define UNSEEN UINT32_MAX

/*
 * Fill `ok` (`count` flags) from `names`: all 1 when `n` is 0, else 1 only
 * for the named types. `resolve` reports an unknown name.
 */
static zg_status
type_flags(const zg_graph *g, unsigned char *ok, size_t count,
           const char *const *names, size_t n,
           zg_status (*resolve)(const zg_graph *, const char *, zg_id *,
                                zg_error *),
           zg_error *err)
{
    memset(ok, n == 0, count);
    for (size_t i = 0; i < n; i++) {
        zg_id t;
        ZG_TRY(resolve(g, names[i], &t, err));
        ok[t] = 1;
    }
    return ZG_OK;
}

/* Append the row for edge `e` between `v` (distance `d`) and `via`. */
static zg_status
add_row(zg_result *r, const zg_graph *g, uint32_t d, zg_id v, zg_id e,
        zg_id via, const char *direction, zg_error *err)
{
    const zg_edge_info *ei = zg_graph_edge(g, e);
    zg_value row[7];

    memset(row, 0, sizeof row);
    row[0].kind = ZG_VAL_INT;
    row[0].i = d;
    row[1].kind = ZG_VAL_NODE;
    row[1].id = v;
    row[2].kind = ZG_VAL_STRING;
    row[2].str = zg_graph_nodetype(g, zg_graph_node(g, v)->type)->name;
    row[3].kind = ZG_VAL_STRING;
    row[3].str = zg_graph_reltype(g, ei->type)->name;
    row[4].kind = ZG_VAL_STRING;
    row[4].str = direction;
    row[5].kind = ZG_VAL_NODE;
    row[5].id = via;
    row[6].kind = ZG_VAL_EDGE;
    row[6].id = e;
    return zg_result_add_row(r, row, err);
}

/* The neighbourhood of `node` (see zg_query.h). */
zg_status
zg_query_neighbours(const zg_graph *g, zg_id node, const zg_neighbour_opts *opt,
                    zg_result **out, zg_error *err)
{
    static const char *const cols[] = {"distance",  "node", "type", "relation",
                                       "direction", "via",  "edge"};
    static const zg_neighbour_opts defaults;
    size_t nn = zg_graph_node_count(g), nrt = zg_graph_reltype_count(g),
           nnt = zg_graph_nodetype_count(g), head = 0, tail = 0;
    unsigned char *rel_ok = NULL, *type_ok = NULL;
    uint32_t *dist = NULL;
    zg_id *order = NULL;
    zg_result *r = NULL;
    unsigned depth;
    zg_status st;

    *out = NULL;
    if (opt == NULL)
        opt = &defaults;
    if (node >= nn)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "node id %lu out of range", (unsigned long)node);
    depth = opt->depth ? opt->depth : 1;
    rel_ok = malloc(nrt ? nrt : 1);
    type_ok = malloc(nnt ? nnt : 1);
    dist = malloc(nn * sizeof *dist);
    order = malloc(nn * sizeof *order);
    if (rel_ok == NULL || type_ok == NULL || dist == NULL || order == NULL) {
        st = zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    st = type_flags(g, rel_ok, nrt, opt->rels, opt->n_rels, zg_query_reltype,
                    err);
    if (st == ZG_OK)
        st = type_flags(g, type_ok, nnt, opt->types, opt->n_types,
                        zg_query_nodetype, err);
    if (st != ZG_OK)
        goto out;

    for (size_t i = 0; i < nn; i++)
        dist[i] = UNSEEN;
    dist[node] = 0;
    order[tail++] = node;
    while (head < tail) {
        zg_id u = order[head++];
        const zg_id *es;
        size_t ne;
        if (dist[u] >= depth)
            continue;
        for (int outward = 1; outward >= 0; outward--) {
            if (opt->direction == (outward ? ZG_DIR_IN : ZG_DIR_OUT))
                continue;
            ne = outward ? zg_graph_out_edges(g, u, &es)
                         : zg_graph_in_edges(g, u, &es);
            for (size_t i = 0; i < ne; i++) {
                const zg_edge_info *e = zg_graph_edge(g, es[i]);
                zg_id v = outward ? e->to : e->from;
                if (!rel_ok[e->type] || !VIEW_EDGE(opt->view, es[i]) ||
                    dist[v] != UNSEEN || !type_ok[zg_graph_node(g, v)->type])
                    continue;
                dist[v] = dist[u] + 1;
                order[tail++] = v;
            }
        }
    }

    st = zg_result_new(&r, g, opt->edge_column ? 7 : 6, cols, err);
    if (st != ZG_OK)
        goto out;
    for (size_t k = 1; k < tail; k++) {
        zg_id v = order[k];
        uint32_t d = dist[v];
        const zg_id *es;
        size_t ne;
        /* Edges into v were walked outward from the layer before. */
        if (opt->direction != ZG_DIR_IN) {
            ne = zg_graph_in_edges(g, v, &es);
            for (size_t i = 0; st == ZG_OK && i < ne; i++) {
                const zg_edge_info *e = zg_graph_edge(g, es[i]);
                if (rel_ok[e->type] && VIEW_EDGE(opt->view, es[i]) &&
                    dist[e->from] == d - 1)
                    st = add_row(r, g, d, v, es[i], e->from, "out", err);
            }
        }
        if (opt->direction != ZG_DIR_OUT) {
            ne = zg_graph_out_edges(g, v, &es);
            for (size_t i = 0; st == ZG_OK && i < ne; i++) {
                const zg_edge_info *e = zg_graph_edge(g, es[i]);
                if (rel_ok[e->type] && VIEW_EDGE(opt->view, es[i]) &&
                    dist[e->to] == d - 1)
                    st = add_row(r, g, d, v, es[i], e->to, "in", err);
            }
        }
        if (st != ZG_OK)
            goto out;
    }
    *out = r;
    r = NULL;
out:
    zg_result_free(r);
    free(rel_ok);
    free(type_ok);
    free(dist);
    free(order);
    return st;
}
