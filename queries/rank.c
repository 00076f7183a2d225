/* SPDX-License-Identifier: MIT */
/*
 * `rank`: the nodes of one type ordered by how many walkable relations
 * they have (out, in or both), with the relations counted listed on
 * request. Reads the walk filter of query_internal.h.
 */
#include "query_internal.h"

#include <stdlib.h>
#include <string.h>

/* 1 if the list of out-edges (`outward`) counts for `by`. */
static int
counts(zg_rank_by by, int outward)
{
    return by == ZG_RANK_DEGREE || (by == ZG_RANK_OUT) == outward;
}

/* Nodes of a type ranked by relation count (see zg_query.h). */
zg_status
zg_query_rank(const zg_graph *g, const char *type, const zg_rank_opts *opt,
              zg_result **out, zg_result **links, zg_error *err)
{
    static const char *const cols[] = {"rank", "node", "count", "sources",
                                       "evidence"};
    static const char *const lcols[] = {"node", "other", "edge"};
    static const zg_col_kind kinds[] = {ZG_COL_ANY, ZG_COL_NODE, ZG_COL_ANY,
                                        ZG_COL_ANY, ZG_COL_ANY};
    static const zg_col_kind lkinds[] = {ZG_COL_NODE, ZG_COL_NODE, ZG_COL_EDGE};
    static const zg_rank_opts defaults;
    size_t nn = zg_graph_node_count(g), n = 0, top;
    zg_counted *rk = NULL;
    zg_result *r = NULL, *l = NULL;
    zg_id t;
    walk w;
    zg_status st;

    *out = NULL;
    if (links != NULL)
        *links = NULL;
    if (opt == NULL)
        opt = &defaults;
    ZG_TRY(zg_query_nodetype(g, type, &t, err));
    ZG_TRY(zg_query__filter_check(&opt->filter, ZG_FILTER__RELS, err));
    ZG_TRY(zg_walk__init(&w, g, &opt->filter, 1, 0, err));
    rk = malloc((nn ? nn : 1) * sizeof *rk);
    if (rk == NULL) {
        st = zg_query__nomem(err);
        goto out;
    }
    for (size_t v = 0; v < nn; v++) {
        size_t c = 0;
        if (zg_graph_node(g, (zg_id)v)->type != t ||
            !VIEW_NODE(opt->filter.view, v))
            continue;
        for (int outward = 1; outward >= 0; outward--) {
            zg_adjacency adj = zg_graph_adjacency(g, (zg_id)v, outward);
            zg_id id, x;
            if (!counts(opt->by, outward))
                continue;
            while (zg_graph_adj_next(&adj, &id, &x))
                c += (size_t)walk_edge(&w, id);
        }
        rk[n].id = (zg_id)v;
        rk[n].count = c;
        rk[n].key = zg_graph_node(g, (zg_id)v)->key;
        n++;
    }
    qsort(rk, n, sizeof *rk, zg_query__counted_cmp);
    top = opt->top && opt->top < n ? opt->top : n;
    st = zg_result_new_kinds(&r, g, opt->evidence ? 5 : 3, cols, kinds, err);
    if (st == ZG_OK && links != NULL)
        st = zg_result_new_kinds(&l, g, 3, lcols, lkinds, err);
    for (size_t i = 0, place = 1; st == ZG_OK && i < top; i++) {
        const zg_node_info *ni = zg_graph_node(g, rk[i].id);
        zg_value row[5];
        if (i > 0 && rk[i].count != rk[i - 1].count)
            place = i + 1;
        row[0] = zg_query__int((long long)place);
        row[1] = zg_query__node(rk[i].id);
        row[2] = zg_query__int((long long)rk[i].count);
        row[3] = zg_query__str(ni->sources);
        row[4] = zg_query__str(ni->evidence);
        st = zg_result_add_row(r, row, err);
        for (int outward = 1; l != NULL && st == ZG_OK && outward >= 0;
             outward--) {
            zg_adjacency adj = zg_graph_adjacency(g, rk[i].id, outward);
            zg_id id, x;
            if (!counts(opt->by, outward))
                continue;
            while (st == ZG_OK && zg_graph_adj_next(&adj, &id, &x)) {
                zg_value lrow[3];
                if (!walk_edge(&w, id))
                    continue;
                lrow[0] = zg_query__node(rk[i].id);
                lrow[1] = zg_query__node(x);
                lrow[2] = zg_query__edge(id);
                st = zg_result_add_row(l, lrow, err);
            }
        }
    }
    if (st != ZG_OK)
        goto out;
    *out = r;
    r = NULL;
    if (links != NULL) {
        *links = l;
        l = NULL;
    }
out:
    zg_result_free(r);
    zg_result_free(l);
    free(rk);
    zg_walk__free(&w);
    return st;
}
