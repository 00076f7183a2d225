/* SPDX-License-Identifier: MIT */
/*
 * Fans (zg_graph_fans()): for every node, the largest number of distinct
 * nodes it reaches through relations of one type in one direction, which
 * the hub rule of the relationship queries compares with a threshold
 * drawn from all of them. A graph opened from a snapshot keeps the fans
 * of its whole data as saved, so that a query over all of it reads them
 * instead of every relation.
 */
#include "graph_internal.h"

#include <stdlib.h>
#include <string.h>

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

#define NODE_OK(n) (node_ok == NULL || node_ok[(n)])
#define EDGE_OK(e) (edge_ok == NULL || edge_ok[(e)])

/*
 * For every visible node and direction, the relation types present are
 * listed once (type_tag) in the order of the data, and the distinct other
 * ends with at least two visible relations are counted: with one type
 * present, in the same pass (node_tag, a fresh tag per count, so no array
 * is cleared between nodes); with several, the (type, end) pairs are
 * sorted and counted per type, so a node with many relation types costs
 * its degree times its logarithm, not its degree times its types. Cost:
 * O(m log m) in all. With every relation visible, a node's relation count
 * is its adjacency's length, read from the offsets.
 */
zg_status
zg_graph__compute_fans(const zg_graph *g, const unsigned char *node_ok,
                       const unsigned char *edge_ok, uint32_t *best,
                       zg_id *fan_rel, int *fan_out, zg_fan_stats *stats,
                       zg_error *err)
{
    size_t nn = g->n_nodes, nrt = g->n_rtypes;
    uint32_t *deg = NULL, *node_tag = NULL, *type_tag = NULL, *per_type = NULL,
             tag = 0;
    zg_id *present = NULL;
    type_end *pairs = NULL;
    size_t cap_pairs = 0;
    zg_status st = ZG_OK;

    memset(stats, 0, sizeof *stats);
    node_tag = calloc(nn ? nn : 1, sizeof *node_tag);
    type_tag = calloc(nrt ? nrt : 1, sizeof *type_tag);
    present = malloc((nrt ? nrt : 1) * sizeof *present);
    per_type = calloc(nrt ? nrt : 1, sizeof *per_type);
    deg = calloc(nn ? nn : 1, sizeof *deg);
    if (node_tag == NULL || type_tag == NULL || present == NULL ||
        per_type == NULL || deg == NULL) {
        st = zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    if (edge_ok != NULL) {
        for (size_t e = 0; e < g->n_edges; e++)
            if (edge_ok[e]) {
                deg[zg_graph_edge_from(g, (zg_id)e)]++;
                deg[zg_graph_edge_to(g, (zg_id)e)]++;
            }
    } else {
        for (size_t v = 0; v < nn; v++)
            deg[v] = (uint32_t)(zg_graph_adjacency(g, (zg_id)v, 1).count +
                                zg_graph_adjacency(g, (zg_id)v, 0).count);
    }
    for (size_t v = 0; v < nn; v++) {
        best[v] = 0;
        if (fan_rel != NULL)
            fan_rel[v] = ZG_NO_ID;
        if (fan_out != NULL)
            fan_out[v] = 0;
        if (!NODE_OK(v))
            continue;
        for (int outward = 1; outward >= 0; outward--) {
            zg_adjacency adj = zg_graph_adjacency(g, (zg_id)v, outward);
            zg_id e, w;
            size_t ne = adj.count, np = 0;
            uint32_t one = 0; /* the fan, if only one type is present */
            tag++;
            while (zg_graph_adj_next(&adj, &e, &w)) {
                zg_id t;
                if (!EDGE_OK(e))
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
                        st = zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0,
                                          "out of memory");
                        goto out;
                    }
                    pairs = t2;
                    cap_pairs = ne;
                }
                for (adj.next = 0; zg_graph_adj_next(&adj, &e, &w);) {
                    if (!EDGE_OK(e) || w == v || deg[w] < 2)
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
                stats->sum += c;
                stats->sumsq += (double)c * c;
                stats->count++;
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
out:
    free(deg);
    free(node_tag);
    free(type_tag);
    free(present);
    free(per_type);
    free(pairs);
    return st;
}

zg_status
zg_graph_fans(const zg_graph *g, const unsigned char *node_ok,
              const unsigned char *edge_ok, uint32_t *best, zg_id *fan_rel,
              int *fan_out, zg_fan_stats *stats, zg_error *err)
{
    const uint32_t *saved = NULL;
    zg_fan_stats tmp;

    if (stats == NULL)
        stats = &tmp;
    if (g->snap != NULL && node_ok == NULL && edge_ok == NULL &&
        fan_rel == NULL && fan_out == NULL) {
        ZG_TRY(zg_graph__saved_fans(g, &saved, stats, err));
        memcpy(best, saved, g->n_nodes * sizeof *best);
        return ZG_OK;
    }
    return zg_graph__compute_fans(g, node_ok, edge_ok, best, fan_rel, fan_out,
                                  stats, err);
}
