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

/* What every row of one answer shares. */
typedef struct rows {
    zg_result *r;
    const zg_graph *g;
    const zg_neighbour_opts *opt;
    zg_broader *broader; /* NULL without opt->broader */
    const uint32_t *dist;
} rows;

/* Append the row for edge `e` between `v` (distance `d`) and `via`,
 * reached through the narrower node `through` (ZG_NO_ID: directly). */
static zg_status
add_row(rows *rs, uint32_t d, zg_id v, zg_id e, zg_id via,
        const char *direction, zg_id through, const char *props, zg_error *err)
{
    const zg_graph *g = rs->g;
    const zg_edge_info *ei = zg_graph_edge(g, e);
    zg_value row[11];
    size_t c = 0;

    row[c++] = zg_query__int(d);
    row[c++] = zg_query__node(v);
    row[c++] = zg_query__str(zg_query__type_name(g, v));
    row[c++] = zg_query__str(zg_graph_reltype(g, ei->type)->name);
    row[c++] = zg_query__str(direction);
    row[c++] = zg_query__node(via);
    row[c++] = zg_query__str(props);
    if (rs->opt->broader)
        row[c++] =
            through == ZG_NO_ID ? zg_query__null() : zg_query__node(through);
    if (rs->opt->evidence) {
        row[c++] = zg_query__str(ei->source);
        row[c++] = zg_query__str(ei->evidence);
    }
    if (rs->opt->edge_column)
        row[c++] = zg_query__edge(e);
    return zg_result_add_row(rs->r, row, err);
}

/* The rows of edge `e` reaching `v` from `via`: the direct one, and with
 * --broader one per node `v` is narrower than that the walk did not reach
 * itself. */
static zg_status
edge_rows(rows *rs, uint32_t d, zg_id v, zg_id e, zg_id via,
          const char *direction, zg_error *err)
{
    const zg_graph *g = rs->g;
    const zg_id *up;
    size_t nup;
    char *props = NULL;
    zg_status st;

    st = zg_query__edge_props(g, rs->opt->view, e, &props, err);
    if (st == ZG_OK)
        st = add_row(rs, d, v, e, via, direction, ZG_NO_ID, props, err);
    if (st != ZG_OK || rs->broader == NULL ||
        zg_graph_edge(g, e)->type == rs->broader->rel)
        goto out;
    nup = zg_broader__up(rs->broader, v, &up);
    for (size_t i = 0; st == ZG_OK && i < nup; i++)
        if (up[i] != via && rs->dist[up[i]] == UNSEEN)
            st = add_row(rs, d, up[i], e, via, direction, v, props, err);
out:
    free(props);
    return st;
}

/* The neighbourhood of `node` (see zg_query.h). */
zg_status
zg_query_neighbours(const zg_graph *g, zg_id node, const zg_neighbour_opts *opt,
                    zg_result **out, zg_error *err)
{
    static const zg_neighbour_opts defaults;
    const char *cols[11];
    zg_col_kind kinds[11] = {ZG_COL_ANY};
    size_t ncols = 0;
    zg_broader broader;
    rows rs;
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
    memset(&broader, 0, sizeof broader);
    depth = opt->depth ? opt->depth : 1;
    if (opt->n_where > 0)
        ZG_TRY(zg_query__edge_where_check(g, opt->where, opt->n_where, err));
    if (opt->broader)
        ZG_TRY(zg_broader__init(&broader, g, opt->view, err));
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
        if (dist[u] >= depth)
            continue;
        for (int outward = 1; outward >= 0; outward--) {
            zg_adjacency adj;
            const zg_edge_info *e;
            zg_id id, v;
            if (opt->direction == (outward ? ZG_DIR_IN : ZG_DIR_OUT))
                continue;
            adj = zg_graph_adjacency(g, u, outward);
            while (zg_graph_adj_next(&adj, &id, &e, &v)) {
                if (!rel_ok[e->type] || !VIEW_EDGE(opt->view, id) ||
                    dist[v] != UNSEEN || !type_ok[zg_graph_node(g, v)->type] ||
                    !zg_query__edge_where(g, opt->view, id, opt->where,
                                          opt->n_where))
                    continue;
                dist[v] = dist[u] + 1;
                order[tail++] = v;
            }
        }
    }

    cols[ncols++] = "distance";
    kinds[ncols] = ZG_COL_NODE;
    cols[ncols++] = "node";
    cols[ncols++] = "type";
    cols[ncols++] = "relation";
    cols[ncols++] = "direction";
    kinds[ncols] = ZG_COL_NODE;
    cols[ncols++] = "via";
    cols[ncols++] = "props";
    if (opt->broader) {
        kinds[ncols] = ZG_COL_NODE;
        cols[ncols++] = "through";
    }
    if (opt->evidence) {
        cols[ncols++] = "source";
        cols[ncols++] = "evidence";
    }
    if (opt->edge_column) {
        kinds[ncols] = ZG_COL_EDGE;
        cols[ncols++] = "edge";
    }
    st = zg_result_new_kinds(&r, g, ncols, cols, kinds, err);
    if (st != ZG_OK)
        goto out;
    zg_result_set_view(r, opt->view);
    rs.r = r;
    rs.g = g;
    rs.opt = opt;
    rs.broader = opt->broader ? &broader : NULL;
    rs.dist = dist;
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
                    dist[e->from] == d - 1 &&
                    zg_query__edge_where(g, opt->view, es[i], opt->where,
                                         opt->n_where))
                    st = edge_rows(&rs, d, v, es[i], e->from, "out", err);
            }
        }
        if (opt->direction != ZG_DIR_OUT) {
            ne = zg_graph_out_edges(g, v, &es);
            for (size_t i = 0; st == ZG_OK && i < ne; i++) {
                const zg_edge_info *e = zg_graph_edge(g, es[i]);
                if (rel_ok[e->type] && VIEW_EDGE(opt->view, es[i]) &&
                    dist[e->to] == d - 1 &&
                    zg_query__edge_where(g, opt->view, es[i], opt->where,
                                         opt->n_where))
                    st = edge_rows(&rs, d, v, es[i], e->to, "in", err);
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
    zg_broader__free(&broader);
    return st;
}
