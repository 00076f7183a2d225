/* SPDX-License-Identifier: MIT */
/*
 * Similarity: `similar` compares neighbour sets (Jaccard) without looking
 * at every node of the type: only nodes two hops away share a neighbour,
 * so the walk goes from the node to its neighbours and on to theirs,
 * counting each candidate once per shared neighbour with a per-node "last
 * counted for" mark. Reads the walk filter of query_internal.h.
 */
#include "query_internal.h"
#include "zg_strbuf.h"

#include <stdlib.h>
#include <string.h>

typedef struct cand {
    zg_id node;
    uint32_t shared, uni;
    double score;
    const char *key;
} cand;

/* qsort order of candidates: score, shared count (both highest first),
 * then key bytes. */
static int
cand_cmp(const void *p, const void *q)
{
    const cand *a = p, *b = q;

    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->shared != b->shared)
        return a->shared > b->shared ? -1 : 1;
    return strcmp(a->key, b->key);
}

/*
 * Mark the neighbours of `v` through walkable edges with `tag` in `mark`,
 * recording in `first` (may be NULL) the first edge to each; append each
 * newly marked one to `list` (may be NULL). Returns how many there are.
 */
static size_t
mark_neighbours(const walk *w, zg_id v, uint32_t *mark, uint32_t tag,
                zg_id *first, zg_id *list)
{
    const zg_graph *g = w->g;
    size_t n = 0;

    for (int outward = 1; outward >= 0; outward--) {
        zg_adjacency adj = zg_graph_adjacency(g, v, outward);
        zg_id id, x;
        while (zg_graph_adj_next(&adj, &id, &x)) {
            if (x == v || !walk_edge(w, id) || mark[x] == tag)
                continue;
            mark[x] = tag;
            if (first != NULL)
                first[x] = id;
            if (list != NULL)
                list[n] = x;
            n++;
        }
    }
    return n;
}

/* 1 if edge `e` has `x` at one of its ends: `x` is a neighbour reached
 * directly, not one a neighbour is narrower than. */
static int
ends_at(const zg_graph *g, zg_id e, zg_id x)
{
    return zg_graph_edge_from(g, e) == x || zg_graph_edge_to(g, e) == x;
}

/*
 * The rows of candidate `cd`: in `l` (NULL: none) one per item of `items`
 * (`na` of them) that the candidate shares, the items `mark` holds with
 * `tag`, with the first edge from each side (`first_a`, `first_x`); then
 * in `r` its score row, whose text lists those items in `opt->lang`; with
 * `broader`, each item a side reaches only through broader relations (its
 * first edge does not end at it) is followed by " (broader)".
 */
static zg_status
candidate_rows(const zg_graph *g, const zg_similar_opts *opt, const cand *cd,
               const zg_id *items, size_t na, const uint32_t *mark,
               uint32_t tag, int broader, const zg_id *first_a,
               const zg_id *first_x, zg_strbuf *buf, zg_result *r, zg_result *l,
               zg_error *err)
{
    zg_id x = cd->node;
    zg_value row[5];
    size_t shown = 0;
    zg_status st = ZG_OK;

    zg_strbuf_reset(buf);
    for (size_t k = 0; st == ZG_OK && k < na; k++) {
        zg_id i = items[k];
        int through;
        if (mark[i] != tag)
            continue;
        through = broader &&
                  (!ends_at(g, first_a[i], i) || !ends_at(g, first_x[i], i));
        if ((shown++ > 0 &&
             zg_strbuf_add(buf, opt->lang == ZG_LABEL_ZH ? "、" : ", ") != 0) ||
            zg_strbuf_add(buf, zg_graph_node_label(
                                   g, i, opt->lang == ZG_LABEL_EN)) != 0 ||
            (through && zg_strbuf_add(buf, " (broader)") != 0))
            return zg_query__nomem(err);
        if (l != NULL) {
            zg_value lrow[4];
            lrow[0] = zg_query__node(x);
            lrow[1] = zg_query__node(i);
            lrow[2] = zg_query__edge(first_a[i]);
            lrow[3] = zg_query__edge(first_x[i]);
            st = zg_result_add_row(l, lrow, err);
        }
    }
    if (st != ZG_OK)
        return st;
    row[0] = zg_query__node(x);
    /* Rounded to 3 decimals (scores are >= 0); shared and union give the
     * exact value. */
    row[1] =
        zg_query__num((double)(long long)(1000.0 * cd->score + 0.5) / 1000.0);
    row[2] = zg_query__int(cd->shared);
    row[3] = zg_query__int(cd->uni);
    row[4] = zg_query__str(buf->s);
    return zg_result_add_row(r, row, err);
}

/*
 * Mark with `tag` in `mark` the neighbours of `v` through walkable edges
 * (mark_neighbours()), then the nodes each of them, reached by a relation
 * other than `broader`, is narrower than, `v` excepted; `first[x]` gets
 * the edge from `v` that reaches x (so it ends at x only for a direct
 * neighbour). Appends each to `list` (may be NULL); returns how many.
 */
static size_t
mark_expanded(const walk *w, zg_broader *up, zg_id v, uint32_t *mark,
              uint32_t tag, zg_id *first, zg_id *list)
{
    const zg_graph *g = w->g;
    size_t n = mark_neighbours(w, v, mark, tag, first, list);

    zg_broader__round(up);
    for (int outward = 1; outward >= 0; outward--) {
        zg_adjacency adj = zg_graph_adjacency(g, v, outward);
        zg_id id, x;
        while (zg_graph_adj_next(&adj, &id, &x)) {
            const zg_id *ups;
            size_t nup;
            if (x == v || !walk_edge(w, id) ||
                zg_graph_edge_type(g, id) == up->rel || !VIEW_NODE(w->view, x))
                continue;
            nup = zg_broader__up(up, x, &ups);
            for (size_t j = 0; j < nup; j++) {
                zg_id y = ups[j];
                if (y == v || mark[y] == tag)
                    continue;
                mark[y] = tag;
                first[y] = id;
                if (list != NULL)
                    list[n] = y;
                n++;
            }
        }
    }
    return n;
}

/*
 * zg_query_similar() with `broader`: the neighbour sets include what a
 * neighbour is narrower than, so a shared broader node may link nodes no
 * two-hop walk joins; every visible node of the type is compared.
 * `r` and `l` (may be NULL) are the empty results to fill.
 */
static zg_status
similar_broader(const zg_graph *g, zg_id node, const zg_similar_opts *opt,
                const walk *w, zg_result *r, zg_result *l, zg_error *err)
{
    size_t nn = zg_graph_node_count(g), na, nc = 0,
           top = opt->top ? opt->top : 10;
    uint32_t *mark_a = NULL, *mark_x = NULL, tag = 0;
    zg_id *items = NULL, *first_a = NULL, *first_x = NULL;
    zg_id type = zg_graph_node(g, node)->type;
    cand *cands = NULL;
    zg_strbuf buf = {NULL, 0, 0, 0};
    zg_broader up;
    zg_status st;

    st = zg_broader__init(&up, g, opt->filter.view, err);
    if (st != ZG_OK)
        return st;
    mark_a = calloc(nn ? nn : 1, sizeof *mark_a);
    mark_x = calloc(nn ? nn : 1, sizeof *mark_x);
    items = malloc((nn ? nn : 1) * sizeof *items);
    first_a = malloc((nn ? nn : 1) * sizeof *first_a);
    first_x = malloc((nn ? nn : 1) * sizeof *first_x);
    cands = malloc((nn ? nn : 1) * sizeof *cands);
    if (!mark_a || !mark_x || !items || !first_a || !first_x || !cands) {
        st = zg_query__nomem(err);
        goto out;
    }
    na = VIEW_NODE(opt->filter.view, node)
             ? mark_expanded(w, &up, node, mark_a, 1, first_a, items)
             : 0;
    for (zg_id x = 0; na > 0 && x < nn; x++) {
        size_t nx, inter = 0;
        if (x == node || zg_graph_node(g, x)->type != type ||
            !VIEW_NODE(opt->filter.view, x))
            continue;
        nx = mark_expanded(w, &up, x, mark_x, ++tag, first_x, NULL);
        for (size_t k = 0; k < na; k++)
            inter += mark_x[items[k]] == tag;
        if (inter == 0)
            continue;
        cands[nc].node = x;
        cands[nc].shared = (uint32_t)inter;
        cands[nc].uni = (uint32_t)(na + nx - inter);
        cands[nc].score = inter / (double)cands[nc].uni;
        cands[nc].key = zg_graph_node(g, x)->key;
        nc++;
    }
    qsort(cands, nc, sizeof *cands, cand_cmp);
    if (nc > top)
        nc = top;
    for (size_t c = 0; st == ZG_OK && c < nc; c++) {
        zg_id x = cands[c].node;
        mark_expanded(w, &up, x, mark_x, ++tag, first_x, NULL);
        st = candidate_rows(g, opt, &cands[c], items, na, mark_x, tag, 1,
                            first_a, first_x, &buf, r, l, err);
    }
out:
    free(mark_a);
    free(mark_x);
    free(items);
    free(first_a);
    free(first_x);
    free(cands);
    free(buf.s);
    zg_broader__free(&up);
    return st;
}

/* The most similar nodes of the same type (see zg_query.h). */
zg_status
zg_query_similar(const zg_graph *g, zg_id node, const zg_similar_opts *opt,
                 zg_result **out, zg_result **links, zg_error *err)
{
    static const char *const cols[] = {"node", "score", "shared", "union",
                                       "items"};
    static const char *const lcols[] = {"node", "item", "edge_a", "edge_b"};
    static const zg_col_kind kinds[] = {ZG_COL_NODE, ZG_COL_ANY, ZG_COL_ANY,
                                        ZG_COL_ANY, ZG_COL_ANY};
    static const zg_col_kind lkinds[] = {ZG_COL_NODE, ZG_COL_NODE, ZG_COL_EDGE,
                                         ZG_COL_EDGE};
    static const zg_similar_opts defaults;
    size_t nn = zg_graph_node_count(g), na, nc = 0, top;
    uint32_t *mark = NULL, *seen = NULL, *inter = NULL, tag = 0;
    zg_id *items = NULL, *first_a = NULL, *first_x = NULL, *ids = NULL;
    cand *cands = NULL;
    zg_result *r = NULL, *l = NULL;
    zg_strbuf buf = {NULL, 0, 0, 0};
    zg_id type;
    walk w;
    zg_status st;

    *out = NULL;
    if (links != NULL)
        *links = NULL;
    if (opt == NULL)
        opt = &defaults;
    if (node >= nn)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "node id %lu out of range", (unsigned long)node);
    top = opt->top ? opt->top : 10;
    type = zg_graph_node(g, node)->type;
    ZG_TRY(zg_query__filter_check(&opt->filter, ZG_FILTER__RELS, err));
    ZG_TRY(zg_walk__init(&w, g, &opt->filter, 1, 0, err));
    if (opt->broader) {
        st = zg_result_new_kinds(&r, g, 5, cols, kinds, err);
        if (st == ZG_OK && links != NULL)
            st = zg_result_new_kinds(&l, g, 4, lcols, lkinds, err);
        if (st == ZG_OK)
            st = similar_broader(g, node, opt, &w, r, l, err);
        if (st != ZG_OK)
            goto out;
        goto done;
    }
    mark = calloc(nn, sizeof *mark);
    seen = calloc(nn, sizeof *seen);
    inter = calloc(nn, sizeof *inter);
    items = malloc(nn * sizeof *items);
    ids = malloc(nn * sizeof *ids);
    first_a = malloc(nn * sizeof *first_a);
    first_x = malloc(nn * sizeof *first_x);
    if (!mark || !seen || !inter || !items || !ids || !first_a || !first_x) {
        st = zg_query__nomem(err);
        goto out;
    }
    /* N(a), then every node of the type two hops away, counted once per
     * shared neighbour: seen[x] holds the last neighbour (+1) it was
     * counted for. */
    na = VIEW_NODE(opt->filter.view, node)
             ? mark_neighbours(&w, node, mark, ++tag, first_a, items)
             : 0;
    for (size_t k = 0; k < na; k++) {
        zg_id i = items[k];
        for (int outward = 1; outward >= 0; outward--) {
            zg_adjacency adj = zg_graph_adjacency(g, i, outward);
            zg_id id, x;
            while (zg_graph_adj_next(&adj, &id, &x)) {
                if (x == node || x == i || !walk_edge(&w, id) ||
                    zg_graph_node(g, x)->type != type || seen[x] == i + 1)
                    continue;
                if (inter[x] == 0)
                    ids[nc++] = x;
                seen[x] = i + 1;
                inter[x]++;
            }
        }
    }
    cands = malloc((nc ? nc : 1) * sizeof *cands);
    if (cands == NULL) {
        st = zg_query__nomem(err);
        goto out;
    }
    for (size_t c = 0; c < nc; c++) {
        zg_id x = ids[c];
        size_t nx =
            mark_neighbours(&w, x, seen, ++tag + (uint32_t)nn, NULL, NULL);
        cands[c].node = x;
        cands[c].shared = inter[x];
        cands[c].uni = (uint32_t)(na + nx - inter[x]);
        cands[c].score = inter[x] / (double)cands[c].uni;
        cands[c].key = zg_graph_node(g, x)->key;
    }
    qsort(cands, nc, sizeof *cands, cand_cmp);
    if (nc > top)
        nc = top;

    st = zg_result_new_kinds(&r, g, 5, cols, kinds, err);
    if (st == ZG_OK && links != NULL)
        st = zg_result_new_kinds(&l, g, 4, lcols, lkinds, err);
    for (size_t c = 0; st == ZG_OK && c < nc; c++) {
        zg_id x = cands[c].node;
        /* N(x) marked with a fresh tag, above any item id used as a
         * `seen` value, with the first edge from x to each. */
        mark_neighbours(&w, x, mark, ++tag + (uint32_t)nn, first_x, NULL);
        st = candidate_rows(g, opt, &cands[c], items, na, mark,
                            tag + (uint32_t)nn, 0, first_a, first_x, &buf, r, l,
                            err);
    }
    if (st != ZG_OK)
        goto out;
done:
    *out = r;
    r = NULL;
    if (links != NULL) {
        *links = l;
        l = NULL;
    }
out:
    zg_result_free(r);
    zg_result_free(l);
    free(mark);
    free(seen);
    free(inter);
    free(items);
    free(ids);
    free(first_a);
    free(first_x);
    free(cands);
    free(buf.s);
    zg_walk__free(&w);
    return st;
}
