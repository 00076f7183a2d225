/* SPDX-License-Identifier: MIT */
/*
 * The k-hop neighbourhood of a node: a breadth-first walk, layer by layer,
 * over dense node ids. Each reached node has a place in the visit order
 * (which is also the queue); the map from node to place is a small
 * open-addressing table while the walk is small, and an array over all
 * nodes once a layer may reach a sizeable part of the graph, so a query
 * that reaches a handful of nodes costs no pass over the graph and a wide
 * one pays no hashing. The relation and node type filters are turned into
 * per-type flag arrays once. While it walks, the walk notes every edge
 * that joins a node of the next layer to the one before it; the notes are
 * then put in row order (by place of the node, then its in-edges before
 * its out-edges, each in the order of the data, which is the order of
 * edge ids) with a counting sort, so no edge is read twice. With a view
 * (valid time), hidden edges are not walked, so hidden nodes are never
 * reached.
 */
#include "zg_query.h"
#include "query_internal.h"
#include "zg_arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define UNSEEN UINT32_MAX

/* Below this many nodes the place map stays a table. */
#define SMALL_PART 16

/* Where each reached node stands in the visit order. */
typedef struct places {
    size_t nn;      /* nodes in the graph */
    uint32_t *slot; /* dense: nn places; else cap (node, place) pairs */
    size_t cap;     /* table slots, a power of two; 0 when dense */
    int dense;
} places;

static uint32_t
slot_of(const places *p, zg_id v)
{
    return (uint32_t)(zg_hash_mix64(v) & (p->cap - 1));
}

/* The place of `v`, or UNSEEN. */
static inline uint32_t
place_get(const places *p, zg_id v)
{
    if (p->dense)
        return p->slot[v];
    for (uint32_t i = slot_of(p, v);; i = (i + 1) & (uint32_t)(p->cap - 1)) {
        if (p->slot[2 * i] == v)
            return p->slot[2 * i + 1];
        if (p->slot[2 * i] == UNSEEN)
            return UNSEEN;
    }
}

/* Record that `v` (not yet placed) stands at `at`; the table has room. */
static inline void
place_set(places *p, zg_id v, uint32_t at)
{
    uint32_t i;

    if (p->dense) {
        p->slot[v] = at;
        return;
    }
    for (i = slot_of(p, v); p->slot[2 * i] != UNSEEN;
         i = (i + 1) & (uint32_t)(p->cap - 1))
        ;
    p->slot[2 * i] = v;
    p->slot[2 * i + 1] = at;
}

/*
 * Make room for `want` placed nodes, of which the `n` in `order` are
 * placed now: a table at most half full, or the dense array once `want`
 * is a sizeable part of the graph. Fails: ZG_ERR_NOMEM, leaving `p` as it
 * was.
 */
static zg_status
places_reserve(places *p, const zg_id *order, size_t n, size_t want,
               zg_error *err)
{
    size_t cap = 16;
    uint32_t *slot;
    int dense = want >= p->nn / SMALL_PART;

    if (p->dense || (!dense && 2 * want <= p->cap))
        return ZG_OK;
    while (!dense && cap < 2 * want)
        cap *= 2;
    slot = malloc((dense ? p->nn : 2 * cap) * sizeof *slot);
    if (slot == NULL)
        return zg_query__nomem(err);
    memset(slot, 0xff, (dense ? p->nn : 2 * cap) * sizeof *slot);
    free(p->slot);
    p->slot = slot;
    p->dense = dense;
    p->cap = dense ? 0 : cap;
    for (size_t k = 0; k < n; k++)
        place_set(p, order[k], (uint32_t)k);
    return ZG_OK;
}

/* An edge that joins `pos` (a place) to `via` one layer nearer the start:
 * `key` holds the edge id and, above it, 1 when the edge leaves `pos`
 * (direction "in") and 0 when it enters it ("out"); `rel` is its type. */
typedef struct link {
    uint32_t pos, via, rel;
    uint32_t props; /* 1 if the edge has properties; set once in order */
    uint64_t key;
} link;

static int
link_cmp(const void *p, const void *q)
{
    const link *a = p, *b = q;

    return (a->key > b->key) - (a->key < b->key);
}

/* Put the links of one place (`n` of them) in key order. */
static void
sort_links(link *l, size_t n)
{
    if (n > 16) {
        qsort(l, n, sizeof *l, link_cmp);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        link x = l[i];
        size_t j = i;
        for (; j > 0 && l[j - 1].key > x.key; j--)
            l[j] = l[j - 1];
        l[j] = x;
    }
}

/* `p` (room for `*cap` items of `size` bytes) with room for `need`: `p`
 * itself, or a larger copy (then `*cap` grows); NULL when out of memory,
 * `p` intact. */
static void *
room(void *p, size_t *cap, size_t need, size_t size)
{
    size_t c = *cap ? *cap : 16;
    void *np;

    if (need <= *cap && p != NULL)
        return p;
    while (c < need)
        c *= 2;
    np = realloc(p, c * size);
    if (np != NULL)
        *cap = c;
    return np;
}

/* What every row of one answer shares. */
typedef struct rows {
    zg_result *r;
    const zg_graph *g;
    const zg_neighbour_opts *opt;
    zg_broader *broader; /* NULL without opt->broader */
    const places *at;
    const zg_id *ntype; /* per place: the node's type */
} rows;

/* Append the row for edge `e` (of type `rel`) between `v` (distance `d`)
 * and `via`, reached through the narrower node `through` (ZG_NO_ID:
 * directly). The graph's text and the direction go in uncopied. */
static zg_status
add_row(rows *rs, uint32_t d, zg_id v, zg_id vtype, zg_id e, zg_id rel,
        zg_id via, const char *direction, zg_id through, const char *props,
        zg_error *err)
{
    const zg_graph *g = rs->g;
    zg_value row[11];
    uint64_t keep = 1u << 2 | 1u << 3 | 1u << 4;
    size_t c = 0;

    row[c++] = zg_query__int(d);
    row[c++] = zg_query__node(v);
    row[c++] = zg_query__str(zg_graph_nodetype(g, vtype)->name);
    row[c++] = zg_query__str(zg_graph_reltype(g, rel)->name);
    row[c++] = zg_query__str(direction);
    row[c++] = zg_query__node(via);
    row[c++] = zg_query__str(props);
    if (rs->opt->broader)
        row[c++] =
            through == ZG_NO_ID ? zg_query__null() : zg_query__node(through);
    if (rs->opt->evidence) {
        zg_edge_info ei;
        zg_graph_edge_get(g, e, &ei);
        keep |= (uint64_t)3 << c;
        row[c++] = zg_query__str(ei.source);
        row[c++] = zg_query__str(ei.evidence);
    }
    if (rs->opt->edge_column)
        row[c++] = zg_query__edge(e);
    return zg_result__add_row_keep(rs->r, row, keep, err);
}

/* The rows of link `l` reaching `v` (distance `d`): the direct one, and
 * with --broader one per node `v` is narrower than that the walk did not
 * reach itself. */
static zg_status
link_rows(rows *rs, uint32_t d, zg_id v, const link *l, zg_error *err)
{
    zg_id vtype = rs->ntype[l->pos];
    const zg_graph *g = rs->g;
    const char *direction = l->key >> 32 ? "in" : "out";
    zg_id e = (zg_id)l->key;
    const zg_id *up;
    size_t nup;
    char *props = NULL;
    zg_status st;

    st = l->props
             ? zg_query__edge_props(g, rs->opt->filter.view, e, &props, err)
             : ZG_OK;
    if (st == ZG_OK)
        st = add_row(rs, d, v, vtype, e, l->rel, l->via, direction, ZG_NO_ID,
                     props, err);
    if (st != ZG_OK || rs->broader == NULL || l->rel == rs->broader->rel)
        goto out;
    nup = zg_broader__up(rs->broader, v, &up);
    for (size_t i = 0; st == ZG_OK && i < nup; i++)
        if (up[i] != l->via && place_get(rs->at, up[i]) == UNSEEN)
            st = add_row(rs, d, up[i], zg_graph_node(g, up[i])->type, e, l->rel,
                         l->via, direction, v, props, err);
out:
    free(props);
    return st;
}

/* The walk of one answer: its filters, the nodes it reached in order and
 * the links it noted. */
typedef struct hood {
    const zg_graph *g;
    const zg_neighbour_opts *opt;
    unsigned char *rel_ok, *type_ok; /* per type; NULL: every type */
    places at;
    zg_id *order;    /* reached nodes in visit order: the queue */
    uint32_t *layer; /* layer[k]: distance of order[k] */
    size_t n, cap_order, cap_layer; /* nodes reached, room */
    link *links;
    size_t n_links, cap_links;
} hood;

/* Walk the relations of `u` (in the layer before `d`) in one direction:
 * place the nodes first reached, note the links into layer `d`, whose
 * first place is `first`. Fails: ZG_ERR_NOMEM. */
static zg_status
expand(hood *h, zg_id u, uint32_t d, int outward, uint32_t first, zg_error *err)
{
    const zg_neighbour_opts *opt = h->opt;
    zg_adjacency adj = zg_graph_adjacency(h->g, u, outward);
    zg_id id, v;
    link *links =
        room(h->links, &h->cap_links, h->n_links + adj.count, sizeof *links);

    if (links == NULL)
        return zg_query__nomem(err);
    h->links = links;
    while (zg_graph_adj_next(&adj, &id, &v)) {
        zg_id rel = zg_graph_edge_type(h->g, id);
        uint32_t at;
        link *l;
        if ((h->rel_ok != NULL && !h->rel_ok[rel]) ||
            !VIEW_EDGE(opt->filter.view, id))
            continue;
        at = place_get(&h->at, v);
        /* A node of this layer or an earlier one has no link from u. */
        if (at != UNSEEN && at < first)
            continue;
        if (at == UNSEEN && h->type_ok != NULL &&
            !h->type_ok[zg_graph_node(h->g, v)->type])
            continue;
        if (opt->n_where > 0 &&
            !zg_query__edge_where(h->g, opt->filter.view, id, opt->where,
                                  opt->n_where))
            continue;
        if (at == UNSEEN) {
            at = (uint32_t)h->n;
            place_set(&h->at, v, at);
            h->order[h->n] = v;
            h->layer[h->n++] = d;
        }
        l = &h->links[h->n_links++];
        l->pos = at;
        l->via = u;
        l->rel = rel;
        l->key = (uint64_t)!outward << 32 | id;
    }
    return ZG_OK;
}

/* Make room for `want` reached nodes. Fails: ZG_ERR_NOMEM. */
static zg_status
hood_reserve(hood *h, size_t want, zg_error *err)
{
    zg_id *order = room(h->order, &h->cap_order, want, sizeof *order);
    uint32_t *layer;

    if (order == NULL)
        return zg_query__nomem(err);
    h->order = order;
    layer = room(h->layer, &h->cap_layer, want, sizeof *layer);
    if (layer == NULL)
        return zg_query__nomem(err);
    h->layer = layer;
    return places_reserve(&h->at, h->order, h->n, want, err);
}

/* 1 if the walk follows the out-edges (`outward`) or in-edges. */
static int
follows(const zg_neighbour_opts *opt, int outward)
{
    return opt->filter.direction != (outward ? ZG_DIR_IN : ZG_DIR_OUT);
}

/* Walk `depth` layers from `node`. Fails: ZG_ERR_NOMEM. */
static zg_status
walk_layers(hood *h, zg_id node, unsigned depth, zg_error *err)
{
    size_t lo = 0;

    ZG_TRY(hood_reserve(h, 1, err));
    place_set(&h->at, node, 0);
    h->order[0] = node;
    h->layer[0] = 0;
    h->n = 1;
    for (uint32_t d = 1; d <= depth && lo < h->n; d++) {
        size_t hi = h->n, want = h->n;
        /* Room for what the layer can reach: at most one new node per
         * relation of the layer, and no more nodes than the graph has. */
        for (size_t k = lo; k < hi; k++)
            for (int outward = 1; outward >= 0; outward--)
                if (follows(h->opt, outward))
                    want +=
                        zg_graph_adjacency(h->g, h->order[k], outward).count;
        ZG_TRY(hood_reserve(h, want < h->at.nn ? want : h->at.nn, err));
        for (size_t k = lo; k < hi; k++)
            for (int outward = 1; outward >= 0; outward--)
                if (follows(h->opt, outward))
                    ZG_TRY(
                        expand(h, h->order[k], d, outward, (uint32_t)hi, err));
        lo = hi;
    }
    return ZG_OK;
}

/* 1 if link `a` comes before link `b` in row order. */
static int
link_before(const link *a, const link *b)
{
    return a->pos != b->pos ? a->pos < b->pos : a->key < b->key;
}

/*
 * Put the links of `h` in row order: by place, then key. A few links are
 * sorted where they are; more with a counting sort on places, then each
 * place's few by key. Then set their `props` flags, and the type of each
 * reached node in `*types` (free() it). The flags and types are read in
 * loops of their own, which keep many reads from memory in flight at
 * once, where the rows would wait for one at a time. Fails: ZG_ERR_NOMEM.
 */
static zg_status
links_in_order(hood *h, zg_id **types, zg_error *err)
{
    zg_id *t = malloc(h->n * sizeof *t);

    *types = NULL;
    if (t == NULL)
        return zg_query__nomem(err);
    if (h->n_links <= 32) {
        for (size_t i = 1; i < h->n_links; i++) {
            link x = h->links[i];
            size_t j = i;
            for (; j > 0 && link_before(&x, &h->links[j - 1]); j--)
                h->links[j] = h->links[j - 1];
            h->links[j] = x;
        }
    } else {
        size_t *start = calloc(h->n + 1, sizeof *start);
        link *sorted = malloc(h->n_links * sizeof *sorted);
        if (start == NULL || sorted == NULL) {
            free(start);
            free(sorted);
            free(t);
            return zg_query__nomem(err);
        }
        for (size_t i = 0; i < h->n_links; i++)
            start[h->links[i].pos + 1]++;
        for (size_t k = 0; k < h->n; k++)
            start[k + 1] += start[k];
        for (size_t i = 0; i < h->n_links; i++)
            sorted[start[h->links[i].pos]++] = h->links[i];
        /* start[k] is now where place k + 1 begins */
        for (size_t k = 0, b = 0; k < h->n; b = start[k++])
            sort_links(sorted + b, start[k] - b);
        free(start);
        free(h->links);
        h->links = sorted;
        h->cap_links = h->n_links;
    }
    for (size_t k = 0; k < h->n; k++)
        t[k] = zg_graph_node(h->g, h->order[k])->type;
    for (size_t i = 0; i < h->n_links; i++) {
        const zg_prop *p;
        h->links[i].props =
            zg_graph_edge_props(h->g, (zg_id)h->links[i].key, &p) > 0;
    }
    *types = t;
    return ZG_OK;
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
    hood h;
    size_t nn = zg_graph_node_count(g), nrt = zg_graph_reltype_count(g),
           nnt = zg_graph_nodetype_count(g);
    zg_id *types = NULL;
    zg_result *r = NULL;
    zg_status st;

    *out = NULL;
    if (opt == NULL)
        opt = &defaults;
    if (node >= nn)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "node id %lu out of range", (unsigned long)node);
    memset(&broader, 0, sizeof broader);
    memset(&h, 0, sizeof h);
    h.g = g;
    h.opt = opt;
    h.at.nn = nn;
    if (opt->n_where > 0)
        ZG_TRY(zg_query__edge_where_check(g, opt->where, opt->n_where, err));
    if (opt->broader)
        ZG_TRY(zg_broader__init(&broader, g, opt->filter.view, err));
    if (opt->filter.n_rels > 0)
        h.rel_ok = malloc(nrt ? nrt : 1);
    if (opt->filter.n_types > 0)
        h.type_ok = malloc(nnt ? nnt : 1);
    if ((opt->filter.n_rels > 0 && h.rel_ok == NULL) ||
        (opt->filter.n_types > 0 && h.type_ok == NULL)) {
        st = zg_query__nomem(err);
        goto out;
    }
    st = ZG_OK;
    if (h.rel_ok != NULL)
        st = zg_query__type_flags(g, h.rel_ok, nrt, opt->filter.rels,
                                  opt->filter.n_rels, zg_query_reltype, err);
    if (st == ZG_OK && h.type_ok != NULL)
        st = zg_query__type_flags(g, h.type_ok, nnt, opt->filter.types,
                                  opt->filter.n_types, zg_query_nodetype, err);
    if (st == ZG_OK)
        st = walk_layers(&h, node, opt->depth ? opt->depth : 1, err);
    if (st == ZG_OK)
        st = links_in_order(&h, &types, err);
    if (st != ZG_OK)
        goto out;

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
    zg_result_set_view(r, opt->filter.view);
    /* One row a link; more with broader nodes, which grow the table. */
    st = zg_result__reserve(r, h.n_links, err);
    if (st != ZG_OK)
        goto out;
    rs.r = r;
    rs.g = g;
    rs.opt = opt;
    rs.broader = opt->broader ? &broader : NULL;
    rs.at = &h.at;
    rs.ntype = types;
    for (size_t i = 0; st == ZG_OK && i < h.n_links; i++) {
        uint32_t k = h.links[i].pos;
        st = link_rows(&rs, h.layer[k], h.order[k], &h.links[i], err);
    }
    if (st != ZG_OK)
        goto out;
    *out = r;
    r = NULL;
out:
    zg_result_free(r);
    free(types);
    free(h.rel_ok);
    free(h.type_ok);
    free(h.at.slot);
    free(h.order);
    free(h.layer);
    free(h.links);
    zg_broader__free(&broader);
    return st;
}
