/* SPDX-License-Identifier: MIT */
/*
 * Hubs: the hub rule of zg_query.h (a node whose relations of one type in
 * one direction reach many distinct nodes), which the relationship
 * queries use to keep from passing through such nodes, and its query
 * zg_query_hubs(). Computed once per query in passes over the arrays of
 * the graph, so the searches themselves only read flags.
 */
#include "query_internal.h"

#include <stdlib.h>
#include <string.h>

/* The smallest automatic hub threshold. */
#define HUB_FLOOR 5u

/*
 * The hub rule (see zg_query.h), over the fans of zg_graph_fans(): a node
 * whose largest fan reaches the threshold.
 */
zg_status
zg_hubs__compute(const zg_graph *g, const zg_view *view, unsigned min_fan,
                 unsigned char *hub, uint32_t *fan, zg_id *fan_rel,
                 int *fan_out, unsigned *threshold, zg_error *err)
{
    size_t nn = zg_graph_node_count(g);
    uint32_t *best = NULL;
    zg_fan_stats fs;
    unsigned h;
    zg_status st = ZG_OK;

    best = malloc((nn ? nn : 1) * sizeof *best);
    if (best == NULL)
        return zg_query__nomem(err);
    st = zg_graph_fans(g, view ? view->node : NULL, view ? view->edge : NULL,
                       best, fan_rel, fan_out, &fs, err);
    if (st != ZG_OK)
        goto out;
    if (min_fan > 0) {
        h = min_fan;
    } else {
        /* The least whole h >= mean + 2 sd, found without libm: h -
         * mean >= 0 and (h - mean)^2 >= 4 var. Fans are at most the
         * edge count, so the loop ends. */
        double mean = fs.count > 0 ? fs.sum / fs.count : 0;
        double var = fs.count > 0 ? fs.sumsq / fs.count - mean * mean : 0;
        h = HUB_FLOOR;
        while (h < UINT32_MAX &&
               (h < mean || (h - mean) * (h - mean) < 4 * var))
            h++;
    }
    for (size_t v = 0; v < nn; v++) {
        hub[v] = best[v] >= h;
        if (fan != NULL)
            fan[v] = best[v];
    }
    if (threshold != NULL)
        *threshold = h;
out:
    free(best);
    return st;
}

/* The hubs of the graph (see zg_query.h). */
zg_status
zg_query_hubs(const zg_graph *g, const zg_filter *filter, unsigned min_fan,
              unsigned *threshold, zg_result **out, zg_error *err)
{
    const zg_view *view = NULL;
    static const char *const cols[] = {"node",      "type", "relation",
                                       "direction", "fan",  "degree"};
    size_t nn = zg_graph_node_count(g), nh = 0;
    unsigned char *hub = NULL;
    uint32_t *fan = NULL;
    zg_id *rel = NULL;
    int *outward = NULL;
    zg_counted *rows = NULL;
    zg_result *r = NULL;
    zg_status st;

    *out = NULL;
    ZG_TRY(zg_query__filter_view_only(filter, &view, err));
    hub = malloc(nn ? nn : 1);
    fan = malloc((nn ? nn : 1) * sizeof *fan);
    rel = malloc((nn ? nn : 1) * sizeof *rel);
    outward = malloc((nn ? nn : 1) * sizeof *outward);
    rows = malloc((nn ? nn : 1) * sizeof *rows);
    if (hub == NULL || fan == NULL || rel == NULL || outward == NULL ||
        rows == NULL) {
        st = zg_query__nomem(err);
        goto out;
    }
    st = zg_hubs__compute(g, view, min_fan, hub, fan, rel, outward, threshold,
                          err);
    if (st != ZG_OK)
        goto out;
    for (size_t v = 0; v < nn; v++) {
        if (!hub[v])
            continue;
        rows[nh].id = (zg_id)v;
        rows[nh].count = fan[v];
        rows[nh].key = zg_graph_node(g, (zg_id)v)->key;
        nh++;
    }
    qsort(rows, nh, sizeof *rows, zg_query__counted_cmp);
    st = zg_result_new(&r, g, 6, cols, err);
    if (st == ZG_OK)
        st = zg_result_set_col_kind(r, 0, ZG_COL_NODE, err);
    for (size_t i = 0; st == ZG_OK && i < nh; i++) {
        zg_id v = rows[i].id;
        size_t deg = 0;
        zg_value row[6];
        for (int fwd = 1; fwd >= 0; fwd--) {
            zg_adjacency adj = zg_graph_adjacency(g, v, fwd);
            for (size_t j = 0; j < adj.count; j++)
                deg += VIEW_EDGE(view, adj.edges[j]);
        }
        row[0] = zg_query__node(v);
        row[1] = zg_query__str(zg_query__type_name(g, v));
        row[2] = zg_query__str(zg_graph_reltype(g, rel[v])->name);
        row[3] = zg_query__str(outward[v] ? "out" : "in");
        row[4] = zg_query__int((long long)rows[i].count);
        row[5] = zg_query__int((long long)deg);
        st = zg_result_add_row(r, row, err);
    }
    if (st != ZG_OK)
        goto out;
    *out = r;
    r = NULL;
out:
    zg_result_free(r);
    free(hub);
    free(fan);
    free(rel);
    free(outward);
    free(rows);
    return st;
}
