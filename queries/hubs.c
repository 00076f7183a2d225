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

/* A relation of one node: its type and its other end. */
typedef struct type_end {
    zg_id type, end;
} type_end;

/* qsort order of type_end: type, then other end. */
static int
type_end_cmp(const void *p, const void *q)
{
    const type_end *a = p, *b = q;

    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    return (a->end > b->end) - (a->end < b->end);
}

/*
 * The hub rule (see zg_query.h). For every visible node and direction, the
 * relation types present are listed once (type_tag) in the order of the
 * data, and the distinct other ends with at least two visible relations
 * are counted: with one type present, in the same pass (node_tag, a fresh
 * tag per count, so no array is cleared between nodes); with several, the
 * (type, end) pairs are sorted and counted per type, so a node with many
 * relation types costs its degree times its logarithm, not its degree
 * times its types. Cost: O(m log m) in all.
 */
zg_status
zg_hubs__compute(const zg_graph *g, const zg_view *view, unsigned min_fan,
                 unsigned char *hub, uint32_t *fan, zg_id *fan_rel,
                 int *fan_out, unsigned *threshold, zg_error *err)
{
    size_t nn = zg_graph_node_count(g), nrt = zg_graph_reltype_count(g);
    uint32_t *deg = NULL, *node_tag = NULL, *type_tag = NULL, *best = NULL,
             *per_type = NULL, tag = 0;
    zg_id *present = NULL;
    type_end *pairs = NULL;
    size_t cap_pairs = 0;
    double sum = 0, sumsq = 0, count = 0;
    unsigned h;
    zg_status st = ZG_OK;

    deg = calloc(nn ? nn : 1, sizeof *deg);
    node_tag = calloc(nn ? nn : 1, sizeof *node_tag);
    best = calloc(nn ? nn : 1, sizeof *best);
    type_tag = calloc(nrt ? nrt : 1, sizeof *type_tag);
    present = malloc((nrt ? nrt : 1) * sizeof *present);
    per_type = calloc(nrt ? nrt : 1, sizeof *per_type);
    if (deg == NULL || node_tag == NULL || best == NULL || type_tag == NULL ||
        present == NULL || per_type == NULL) {
        st = zg_query__nomem(err);
        goto out;
    }
    for (size_t e = 0; e < zg_graph_edge_count(g); e++) {
        if (VIEW_EDGE(view, e)) {
            deg[zg_graph_edge_from(g, (zg_id)e)]++;
            deg[zg_graph_edge_to(g, (zg_id)e)]++;
        }
    }
    for (size_t v = 0; v < nn; v++) {
        if (fan_rel != NULL)
            fan_rel[v] = ZG_NO_ID;
        if (fan_out != NULL)
            fan_out[v] = 0;
        if (!VIEW_NODE(view, v))
            continue;
        for (int outward = 1; outward >= 0; outward--) {
            zg_adjacency adj = zg_graph_adjacency(g, (zg_id)v, outward);
            zg_id e, w;
            size_t ne = adj.count, np = 0;
            uint32_t one = 0; /* the fan, if only one type is present */
            tag++;
            while (zg_graph_adj_next(&adj, &e, &w)) {
                zg_id t;
                if (!VIEW_EDGE(view, e))
                    continue;
                t = zg_graph_edge_type(g, e);
                if (type_tag[t] != tag) {
                    type_tag[t] = tag;
                    present[np++] = t;
                }
                if (w != v && deg[w] >= 2 && node_tag[w] != tag) {
                    node_tag[w] = tag;
                    one++;
                }
            }
            if (np > 1) {
                /* Distinct ends per type: sort the (type, end) pairs. */
                size_t npairs = 0;
                if (ne > cap_pairs) {
                    type_end *t2 = realloc(pairs, ne * sizeof *t2);
                    if (t2 == NULL) {
                        st = zg_query__nomem(err);
                        goto out;
                    }
                    pairs = t2;
                    cap_pairs = ne;
                }
                for (adj.next = 0; zg_graph_adj_next(&adj, &e, &w);) {
                    if (!VIEW_EDGE(view, e) || w == v || deg[w] < 2)
                        continue;
                    pairs[npairs].type = zg_graph_edge_type(g, e);
                    pairs[npairs].end = w;
                    npairs++;
                }
                qsort(pairs, npairs, sizeof *pairs, type_end_cmp);
                for (size_t i = 0; i < npairs; i++)
                    if (i == 0 || pairs[i].type != pairs[i - 1].type ||
                        pairs[i].end != pairs[i - 1].end)
                        per_type[pairs[i].type]++;
            }
            for (size_t t = 0; t < np; t++) {
                uint32_t c;
                if (np == 1) {
                    c = one; /* the common case: no second pass */
                } else {
                    c = per_type[present[t]];
                    per_type[present[t]] = 0;
                }
                if (c == 0)
                    continue;
                sum += c;
                sumsq += (double)c * c;
                count++;
                if (c > best[v]) {
                    best[v] = c;
                    if (fan_rel != NULL)
                        fan_rel[v] = present[t];
                    if (fan_out != NULL)
                        fan_out[v] = outward;
                }
            }
        }
    }
    if (min_fan > 0) {
        h = min_fan;
    } else {
        /* The least whole h >= mean + 2 sd, found without libm: h -
         * mean >= 0 and (h - mean)^2 >= 4 var. Fans are at most the
         * edge count, so the loop ends. */
        double mean = count > 0 ? sum / count : 0;
        double var = count > 0 ? sumsq / count - mean * mean : 0;
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
    free(deg);
    free(node_tag);
    free(best);
    free(type_tag);
    free(present);
    free(per_type);
    free(pairs);
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
