/* SPDX-License-Identifier: MIT */
/*
 * Paths between two nodes: breadth-first searches over dense node ids.
 *
 * Every array a search needs (distances, the edge each node was reached
 * by, queues, ban marks) is allocated once per query, sized by the node
 * count. Instead of clearing them between the many searches of Yen's
 * algorithm, each search takes a fresh stamp: an entry is valid only when
 * its `seen` word equals the current stamp. Bans work the same way.
 *
 * - One shortest path: bidirectional BFS, always expanding the side with
 *   the smaller frontier by one whole layer; after the first layer in
 *   which the two sides meet, the shortest meeting wins.
 * - All shortest paths: a forward BFS to the target's layer, a count of
 *   the shortest paths per node (sums over predecessors, exact up to
 *   ZG_COUNT_MAX and "more" beyond), and a depth-first walk back from the
 *   target over predecessor edges that hands each path to the sink as it
 *   is found, until the cap or a budget.
 * - k shortest simple paths: Yen's algorithm, whose spur searches are the
 *   bidirectional search with the root's nodes and the next edges of
 *   earlier paths banned. Its paths live in one trie of shared prefixes,
 *   and only the candidates that could still be listed are kept.
 *
 * Every search counts its visits against the work budget (zg_budget) and
 * stops when it is spent; paths are listed through a zg_path_sink, which
 * builds the rows of zg_query_path() or the sentences of relate, within
 * the rows and bytes budgets. Nothing holds a list of all paths found.
 *
 * The walk filter (query_internal.h) decides which edges may be walked and
 * which nodes may be passed through; endpoints are always allowed.
 */
#include "query_internal.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NO_LIMIT UINT_MAX

/* ---- the search state ---- */

typedef struct search {
    const zg_graph *g;
    const walk *w;
    const unsigned char *banned; /* caller's banned edges, or NULL */
    uint32_t stamp;
    uint32_t ban_e, ban_n; /* the current ban marks of edges and nodes */
    uint32_t *seen_f, *seen_b, *dist_f, *dist_b;
    zg_id *prev_f, *prev_b, *queue_f, *queue_b;
    uint32_t *ban_node, *ban_edge;
    size_t n_nodes, n_edges;      /* the lengths of those arrays */
    zg_id *tmp_nodes, *tmp_edges; /* one path, as found */
    unsigned char *noted;         /* hubs the searches reached */
    size_t n_noted;
    size_t visits, max_visits; /* work done, and the budget */
    zg_path_info *info;
} search;

/* Allocate the arrays of `s` for graph `g`; -1 when out of memory. */
static int
search_init(search *s, const zg_graph *g, const walk *w,
            const unsigned char *banned, zg_path_info *info)
{
    size_t nn = zg_graph_node_count(g), ne = zg_graph_edge_count(g);
    size_t n = nn ? nn : 1, m = ne ? ne : 1;

    memset(s, 0, sizeof *s);
    s->g = g;
    s->w = w;
    s->banned = banned;
    s->info = info;
    s->ban_e = s->ban_n = 1; /* the ban arrays start at 0: none banned */
    s->n_nodes = n;
    s->n_edges = m;
    s->seen_f = calloc(n, sizeof *s->seen_f);
    s->seen_b = calloc(n, sizeof *s->seen_b);
    s->dist_f = malloc(n * sizeof *s->dist_f);
    s->dist_b = malloc(n * sizeof *s->dist_b);
    s->prev_f = malloc(n * sizeof *s->prev_f);
    s->prev_b = malloc(n * sizeof *s->prev_b);
    s->queue_f = malloc(n * sizeof *s->queue_f);
    s->queue_b = malloc(n * sizeof *s->queue_b);
    s->ban_node = calloc(n, sizeof *s->ban_node);
    s->ban_edge = calloc(m, sizeof *s->ban_edge);
    s->tmp_nodes = malloc((n + 1) * sizeof *s->tmp_nodes);
    s->tmp_edges = malloc(n * sizeof *s->tmp_edges);
    s->noted = calloc(n, 1);
    if (!s->seen_f || !s->seen_b || !s->dist_f || !s->dist_b || !s->prev_f ||
        !s->prev_b || !s->queue_f || !s->queue_b || !s->ban_node ||
        !s->ban_edge || !s->tmp_nodes || !s->tmp_edges || !s->noted)
        return -1;
    return 0;
}

/* Free the arrays of `s`. */
static void
search_free(search *s)
{
    free(s->seen_f);
    free(s->seen_b);
    free(s->dist_f);
    free(s->dist_b);
    free(s->prev_f);
    free(s->prev_b);
    free(s->queue_f);
    free(s->queue_b);
    free(s->ban_node);
    free(s->ban_edge);
    free(s->tmp_nodes);
    free(s->tmp_edges);
    free(s->noted);
}

/* A fresh search stamp; after 2^32 searches the marks start over. */
static void
new_stamp(search *s)
{
    if (++s->stamp == 0) {
        memset(s->seen_f, 0, s->n_nodes * sizeof *s->seen_f);
        memset(s->seen_b, 0, s->n_nodes * sizeof *s->seen_b);
        s->stamp = 1;
    }
}

/* Fresh ban marks for edges and nodes: nothing banned. */
static void
new_edge_bans(search *s)
{
    if (++s->ban_e == 0) {
        memset(s->ban_edge, 0, s->n_edges * sizeof *s->ban_edge);
        s->ban_e = 1;
    }
}

static void
new_node_bans(search *s)
{
    if (++s->ban_n == 0) {
        memset(s->ban_node, 0, s->n_nodes * sizeof *s->ban_node);
        s->ban_n = 1;
    }
}

/* Count `n` visits; 1 when the work budget is spent. */
static int
spend(search *s, size_t n)
{
    s->visits = n > SIZE_MAX - s->visits ? SIZE_MAX : s->visits + n;
    return s->visits > s->max_visits;
}

/* ---- listing paths ---- */

/* Hands the paths of a search to the sink, within the rows budget. */
typedef struct lister {
    zg_path_sink *sink;
    size_t n;                   /* paths listed */
    size_t rows;                /* rows they take */
    size_t max_rows, max_bytes; /* the budgets */
    unsigned first_len;         /* hops of the first path listed */
    unsigned last_len;          /* hops of the last path listed */
    zg_limit full;              /* why the next path was not listed */
} lister;

/* The rows a path of `len` hops counts against max_rows: one a hop, as
 * zg_query_path_hops() and relate list it. */
static size_t
path_rows_of(unsigned len)
{
    return len > 0 ? len : 1;
}

/* Rows left in the budget after the paths listed. */
static size_t
rows_left(const lister *ls)
{
    return ls->rows >= ls->max_rows ? 0 : ls->max_rows - ls->rows;
}

/*
 * List the path of `nodes` and `edges` (`len` hops). Sets ls->full (and
 * lists nothing) when it would take the answer past a budget; the first
 * path always goes. Fails as the sink does.
 */
static zg_status
list_path(lister *ls, const zg_id *nodes, const zg_id *edges, unsigned len,
          zg_error *err)
{
    size_t rows = path_rows_of(len);
    zg_status st;

    if (ls->n > 0 && rows > rows_left(ls)) {
        ls->full = ZG_LIMIT_ROWS;
        return ZG_OK;
    }
    st = ls->sink->add(ls->sink, ls->n + 1, len, nodes, edges, err);
    if (st == ZG_ERR_LIMIT && ls->n > 0 &&
        (err == NULL || err->status == ZG_OK)) {
        ls->full = ZG_LIMIT_BYTES;
        return ZG_OK;
    }
    if (st != ZG_OK)
        return st;
    if (ls->n == 0)
        ls->first_len = len;
    ls->n++;
    ls->rows += rows;
    ls->last_len = len;
    return ZG_OK;
}

/* Record in `info` that the answer stopped at budget `by`. */
static void
stopped(zg_path_info *info, const lister *ls, size_t max_visits, zg_limit by,
        size_t max_paths)
{
    info->truncated = 1;
    info->stopped_by = by;
    switch (by) {
    case ZG_LIMIT_PATHS: info->limit = max_paths; break;
    case ZG_LIMIT_ROWS: info->limit = ls->max_rows; break;
    case ZG_LIMIT_BYTES: info->limit = ls->max_bytes; break;
    case ZG_LIMIT_VISITS: info->limit = max_visits; break;
    case ZG_LIMIT_NONE: info->truncated = 0; break;
    }
}

/* The error for a work budget spent before the first answer. */
static zg_status
no_answer_within(const search *s, zg_error *err)
{
    return zg_error_set(err, ZG_ERR_LIMIT, NULL, 0, 0,
                        "the path search stopped at its work budget of %zu "
                        "visits before it found a path or ruled one out",
                        s->max_visits);
}

/*
 * 1 if the list of out-edges (`outward`) may be walked from a node going
 * with the path (`fwd`) or against it (the backward side).
 */
static int
list_ok(const walk *w, int outward, int fwd)
{
    return w->dir == ZG_DIR_BOTH || (w->dir == ZG_DIR_OUT) == (outward == fwd);
}

/* 1 if edge `e` may be walked in this search. */
static int
edge_ok(const search *s, zg_id e)
{
    return walk_edge(s->w, e) && s->ban_edge[e] != s->ban_e &&
           (s->banned == NULL || !s->banned[e]);
}

/* 1 if node `v` may be entered as an interior node; notes a hub the
 * search reached (relevant_hubs() decides which of them to report). */
static int
can_pass(search *s, zg_id v)
{
    const walk *w = s->w;

    if (s->ban_node[v] == s->ban_n)
        return 0;
    if (walk_interior(w, v))
        return 1;
    if (w->hub != NULL && w->hub[v] && VIEW_NODE(w->view, v) &&
        w->type_ok[zg_graph_node(w->g, v)->type] && !s->noted[v]) {
        s->noted[v] = 1;
        s->n_noted++;
    }
    return 0;
}

/*
 * Write into s->tmp_nodes/tmp_edges the path src .. f (read back through
 * prev_f), edge `e`, b .. dst (through prev_b). Returns its length.
 */
static unsigned
join_path(search *s, zg_id src, zg_id f, zg_id e, zg_id b, zg_id dst)
{
    unsigned lf = s->dist_f[f], lb = s->dist_b[b], len = lf + 1 + lb;
    zg_id x = f;

    s->tmp_nodes[lf] = f;
    for (unsigned i = lf; i > 0; i--) {
        zg_id pe = s->prev_f[x], from = zg_graph_edge_from(s->g, pe);
        s->tmp_edges[i - 1] = pe;
        x = from == x ? zg_graph_edge_to(s->g, pe) : from;
        s->tmp_nodes[i - 1] = x;
    }
    s->tmp_edges[lf] = e;
    x = b;
    s->tmp_nodes[lf + 1] = b;
    for (unsigned i = lf + 1; i < len; i++) {
        zg_id pe = s->prev_b[x], from = zg_graph_edge_from(s->g, pe);
        s->tmp_edges[i] = pe;
        x = from == x ? zg_graph_edge_to(s->g, pe) : from;
        s->tmp_nodes[i + 1] = x;
    }
    (void)src;
    (void)dst;
    return len;
}

/*
 * One shortest path from `src` to `dst` of at most `limit` hops by
 * bidirectional BFS, into s->tmp_nodes/tmp_edges. Returns its length, -1
 * when there is none, or -2 when the work budget ran out first.
 */
static long
bidi(search *s, zg_id src, zg_id dst, unsigned limit)
{
    const zg_graph *g = s->g;
    size_t lf = 0, tf = 1, lb = 0, tb = 1;
    uint32_t df = 0, db = 0;
    unsigned best = NO_LIMIT;
    zg_id mf = 0, me = 0, mb = 0;

    if (src == dst) {
        s->tmp_nodes[0] = src;
        return 0;
    }
    new_stamp(s);
    s->seen_f[src] = s->stamp;
    s->dist_f[src] = 0;
    s->queue_f[0] = src;
    s->seen_b[dst] = s->stamp;
    s->dist_b[dst] = 0;
    s->queue_b[0] = dst;
    while (lf < tf && lb < tb && (unsigned long)df + db + 1 <= limit) {
        int fwd = tf - lf <= tb - lb;
        uint32_t *seen = fwd ? s->seen_f : s->seen_b,
                 *oseen = fwd ? s->seen_b : s->seen_f,
                 *dist = fwd ? s->dist_f : s->dist_b,
                 *odist = fwd ? s->dist_b : s->dist_f;
        zg_id *prev = fwd ? s->prev_f : s->prev_b,
              *queue = fwd ? s->queue_f : s->queue_b;
        size_t head = fwd ? lf : lb, end = fwd ? tf : tb, tail = end;
        uint32_t d = fwd ? df : db;

        for (; head < end; head++) {
            zg_id u = queue[head];
            if (spend(s, 1))
                return -2;
            for (int outward = 1; outward >= 0; outward--) {
                zg_adjacency adj;
                zg_id e, v;
                if (!list_ok(s->w, outward, fwd))
                    continue;
                adj = zg_graph_adjacency(g, u, outward);
                if (spend(s, adj.count))
                    return -2;
                while (zg_graph_adj_next(&adj, &e, &v)) {
                    if (v == u || !edge_ok(s, e))
                        continue;
                    if (oseen[v] == s->stamp) {
                        unsigned len = d + 1 + odist[v];
                        if (len < best) {
                            best = len;
                            mf = fwd ? u : v;
                            mb = fwd ? v : u;
                            me = e;
                        }
                        continue;
                    }
                    if (seen[v] == s->stamp || !can_pass(s, v))
                        continue;
                    seen[v] = s->stamp;
                    dist[v] = d + 1;
                    prev[v] = e;
                    queue[tail++] = v;
                }
            }
        }
        if (fwd) {
            lf = tf;
            tf = tail;
            df++;
        } else {
            lb = tb;
            tb = tail;
            db++;
        }
        if (best != NO_LIMIT)
            return (long)join_path(s, src, mf, me, mb, dst);
    }
    return -1;
}

/* ---- all shortest paths ---- */

/* A count of paths: exact up to ZG_COUNT_MAX, COUNT_MORE beyond. */
#define COUNT_MORE (ZG_COUNT_MAX + 1)

/* a + b for counts, staying at COUNT_MORE once there. */
static unsigned long long
count_add(unsigned long long a, unsigned long long b)
{
    return a >= COUNT_MORE - b ? COUNT_MORE : a + b;
}

/*
 * The predecessor edges of `v` on shortest paths from the forward BFS:
 * walkable edges whose other end `w` was reached one layer earlier. The
 * iteration state is (`*outward`, `*i`); returns the next edge and sets
 * `*w`, or ZG_NO_ID when none is left. Every relation looked at is a
 * visit.
 */
static zg_id
next_pred(search *s, zg_id v, int *outward, size_t *i, zg_id *w)
{
    const zg_graph *g = s->g;

    for (; *outward >= 0; (*outward)--, *i = 0) {
        zg_adjacency adj;
        zg_id e, x;
        /* A predecessor reached v going with the path: walk v's lists
         * against it. */
        if (!list_ok(s->w, *outward, 0))
            continue;
        adj = zg_graph_adjacency(g, v, *outward);
        adj.next = *i;
        while (zg_graph_adj_next(&adj, &e, &x)) {
            spend(s, 1);
            if (x != v && edge_ok(s, e) && s->seen_f[x] == s->stamp &&
                s->dist_f[x] + 1 == s->dist_f[v]) {
                *i = adj.next;
                *w = x;
                return e;
            }
        }
    }
    return ZG_NO_ID;
}

/*
 * Every shortest path from `src` to `dst` within `limit` hops, at most
 * `max` of them, handed to `ls` as they are found (none is stored). Sets
 * info->total and, when fewer are listed, why.
 */
static zg_status
all_paths(search *s, zg_id src, zg_id dst, unsigned limit, size_t max,
          lister *ls, zg_error *err)
{
    const zg_graph *g = s->g;
    zg_path_info *info = s->info;
    size_t head = 0, tail = 1, end, nn = zg_graph_node_count(g);
    unsigned long long *count = NULL;
    int *st_out = NULL, found = 0;
    size_t *st_i = NULL;
    zg_id *st_node = NULL, *st_edge = NULL;
    unsigned len, top;
    zg_limit why = ZG_LIMIT_NONE;
    zg_status st = ZG_OK;

    if (src == dst) {
        info->total = 1;
        return list_path(ls, &src, NULL, 0, err);
    }
    new_stamp(s);
    s->seen_f[src] = s->stamp;
    s->dist_f[src] = 0;
    s->queue_f[0] = src;
    /* Forward BFS, a layer at a time, until the layer that reaches dst. */
    for (uint32_t d = 0; !found && head < tail && d < limit; d++) {
        for (end = tail; head < end; head++) {
            zg_id u = s->queue_f[head];
            if (spend(s, 1))
                return no_answer_within(s, err);
            for (int outward = 1; outward >= 0; outward--) {
                zg_adjacency adj;
                zg_id e, v;
                if (!list_ok(s->w, outward, 1))
                    continue;
                adj = zg_graph_adjacency(g, u, outward);
                if (spend(s, adj.count))
                    return no_answer_within(s, err);
                while (zg_graph_adj_next(&adj, &e, &v)) {
                    if (v == u || s->seen_f[v] == s->stamp || !edge_ok(s, e))
                        continue;
                    if (v == dst) {
                        found = 1;
                    } else if (!can_pass(s, v)) {
                        continue;
                    }
                    s->seen_f[v] = s->stamp;
                    s->dist_f[v] = d + 1;
                    if (v != dst)
                        s->queue_f[tail++] = v;
                }
            }
        }
    }
    if (!found) {
        info->total = 0;
        return ZG_OK;
    }
    len = s->dist_f[dst];

    /* Count the shortest paths to every node, layer by layer (queue
     * order), then to dst. */
    count = calloc(nn ? nn : 1, sizeof *count);
    st_out = malloc(((size_t)len + 1) * sizeof *st_out);
    st_i = malloc(((size_t)len + 1) * sizeof *st_i);
    st_node = malloc(((size_t)len + 1) * sizeof *st_node);
    st_edge = malloc(((size_t)len + 1) * sizeof *st_edge);
    if (count == NULL || st_out == NULL || st_i == NULL || st_node == NULL ||
        st_edge == NULL) {
        st = zg_query__nomem(err);
        goto out;
    }
    count[src] = 1;
    for (size_t q = 1; q <= tail; q++) {
        zg_id v = q < tail ? s->queue_f[q] : dst, w;
        int o = 1;
        size_t i = 0;
        if (q < tail && s->dist_f[v] >= len)
            continue;
        while (next_pred(s, v, &o, &i, &w) != ZG_NO_ID)
            count[v] = count_add(count[v], count[w]);
    }
    if (s->visits > s->max_visits) {
        st = no_answer_within(s, err);
        goto out;
    }
    info->total_more = count[dst] > ZG_COUNT_MAX;
    info->total = info->total_more ? ZG_COUNT_MAX : count[dst];

    /* List them: depth-first from dst over predecessor edges. The stack
     * holds the nodes from dst back towards src. Every node reached has a
     * predecessor, so each path listed costs its length plus the
     * relations looked at. */
    top = 0;
    st_node[0] = dst;
    st_out[0] = 1;
    st_i[0] = 0;
    for (;;) {
        zg_id w, e;
        if (ls->n >= max) {
            why = ZG_LIMIT_PATHS;
            break;
        }
        if (s->visits > s->max_visits) {
            why = ZG_LIMIT_VISITS;
            break;
        }
        e = next_pred(s, st_node[top], &st_out[top], &st_i[top], &w);
        if (e == ZG_NO_ID) {
            if (top == 0)
                break;
            top--;
            continue;
        }
        st_edge[top] = e;
        top++;
        st_node[top] = w;
        st_out[top] = 1;
        st_i[top] = 0;
        if (w == src) {
            /* st_node[top] .. st_node[0] is src .. dst. */
            for (unsigned k = 0; k <= len; k++)
                s->tmp_nodes[k] = st_node[len - k];
            for (unsigned k = 0; k < len; k++)
                s->tmp_edges[k] = st_edge[len - 1 - k];
            st = list_path(ls, s->tmp_nodes, s->tmp_edges, len, err);
            if (st != ZG_OK)
                goto out;
            if (ls->full != ZG_LIMIT_NONE) {
                why = ls->full;
                break;
            }
            top--;
        }
    }
    if (ls->n == 0) {
        /* The budget ran out before the first path was listed. */
        st = no_answer_within(s, err);
        goto out;
    }
    if (ls->n < info->total || info->total_more)
        stopped(info, ls, s->max_visits, why, max);
out:
    free(count);
    free(st_out);
    free(st_i);
    free(st_node);
    free(st_edge);
    return st;
}

/* ---- k shortest simple paths (Yen) ---- */

/*
 * The paths of Yen's algorithm, accepted (A) and candidates (B), are kept
 * as one trie of hops from the source: a path is its last hop, and two
 * paths with the same first relations share those hops. So a candidate
 * (the root of an accepted path plus a spur path) costs only its spur
 * hops, two paths are equal exactly when they end at the same hop, and
 * the relations that leave a root on accepted paths are the children of
 * its last hop that accepted paths pass through. A hop is freed when no
 * path ends at it or passes through it.
 */

#define NO_HOP UINT32_MAX

enum { END_NONE = 0, END_A, END_B };

typedef struct hop {
    zg_id node;      /* the node reached */
    zg_id edge;      /* the relation walked to it (ZG_NO_ID at the root) */
    uint32_t parent; /* NO_HOP at the root */
    uint32_t child;  /* first child, NO_HOP when none */
    uint32_t next;   /* next sibling; in the free list, next free hop */
    uint32_t depth;  /* hops from the source */
    uint32_t refs;   /* children, plus one when a path ends here */
    uint32_t on_a;   /* accepted paths through this hop */
    unsigned char end;
} hop;

typedef struct trie {
    hop *h;
    size_t used, cap;
    uint32_t free; /* free list, NO_HOP when empty */
} trie;

/* A new hop under `parent` (NO_HOP: the root); NO_HOP when out of
 * memory. */
static uint32_t
trie_new(trie *t, uint32_t parent, zg_id edge, zg_id node)
{
    uint32_t x;
    hop *h;

    if (t->free != NO_HOP) {
        x = t->free;
        t->free = t->h[x].next;
    } else {
        if (t->used == t->cap) {
            size_t cap = t->cap ? 2 * t->cap : 256;
            hop *nh;
            if (cap >= NO_HOP)
                return NO_HOP;
            nh = realloc(t->h, cap * sizeof *nh);
            if (nh == NULL)
                return NO_HOP;
            t->h = nh;
            t->cap = cap;
        }
        x = (uint32_t)t->used++;
    }
    h = &t->h[x];
    h->node = node;
    h->edge = edge;
    h->parent = parent;
    h->child = NO_HOP;
    h->depth = 0;
    h->refs = 0;
    h->on_a = 0;
    h->end = END_NONE;
    h->next = NO_HOP;
    if (parent != NO_HOP) {
        hop *p = &t->h[parent];
        h->depth = p->depth + 1;
        h->next = p->child;
        p->child = x;
        p->refs++;
    }
    return x;
}

/* Free hop `x` and then its ancestors while nothing refers to them. */
static void
trie_release(trie *t, uint32_t x)
{
    while (t->h[x].refs == 0 && t->h[x].parent != NO_HOP) {
        uint32_t p = t->h[x].parent, *link = &t->h[p].child;
        while (*link != x)
            link = &t->h[*link].next;
        *link = t->h[x].next;
        t->h[x].next = t->free;
        t->free = x;
        t->h[p].refs--;
        x = p;
    }
}

/* The path ending at hop `x`: its nodes, edges and hops (each may be
 * NULL) from the source. Returns its length. */
static unsigned
trie_path(const trie *t, uint32_t x, zg_id *nodes, zg_id *edges, uint32_t *hops)
{
    unsigned len = t->h[x].depth;

    for (unsigned i = len;; i--) {
        if (nodes != NULL)
            nodes[i] = t->h[x].node;
        if (hops != NULL)
            hops[i] = x;
        if (i == 0)
            break;
        if (edges != NULL)
            edges[i - 1] = t->h[x].edge;
        x = t->h[x].parent;
    }
    return len;
}

/*
 * Follow or add the hops `edges` (to `nodes`, `len` of each) under hop
 * `from`. Sets `*fresh` when a hop was added. Returns the last hop, or
 * NO_HOP when out of memory (what was added is freed again).
 */
static uint32_t
trie_add(trie *t, search *s, uint32_t from, const zg_id *nodes,
         const zg_id *edges, unsigned len, int *fresh)
{
    uint32_t x = from;

    *fresh = 0;
    for (unsigned j = 0; j < len; j++) {
        uint32_t c = t->h[x].child;
        while (c != NO_HOP && t->h[c].edge != edges[j]) {
            spend(s, 1);
            c = t->h[c].next;
        }
        if (c == NO_HOP) {
            c = trie_new(t, x, edges[j], nodes[j]);
            if (c == NO_HOP) {
                if (*fresh)
                    trie_release(t, x);
                return NO_HOP;
            }
            *fresh = 1;
        }
        x = c;
    }
    return x;
}

/* A candidate path: its last hop, ranked by length, then by the order in
 * which it was found. */
typedef struct cand {
    unsigned len;
    uint32_t hop;
} cand;

/* The state of one run of Yen's algorithm. */
typedef struct yen_run {
    search *s;
    lister *ls;
    trie t;
    cand *b; /* the candidates, best first */
    size_t nb, capb;
    size_t want; /* paths still to accept */
    int dropped; /* a candidate was dropped for the rows budget */
    zg_id *cur_nodes, *cur_edges;
    uint32_t *cur_hops; /* the last accepted path */
} yen_run;

/* Drop candidate `i` of the run (the trie keeps what others share). */
static void
drop_cand(yen_run *y, size_t i)
{
    uint32_t x = y->b[i].hop;

    y->t.h[x].end = END_NONE;
    y->t.h[x].refs--;
    trie_release(&y->t, x);
}

/*
 * Offer the path made of the root ending at hop `root` and the spur path
 * in s->tmp_nodes/tmp_edges (`sl` hops) as a candidate. It is kept when it
 * is new and among the candidates that can still be listed: the best
 * y->want of them, as long as their rows fit the budget. Ties keep the
 * order in which they were found, as an unbounded list would: a
 * candidate left out could never have been picked. Returns -1 when out
 * of memory.
 */
static int
offer(yen_run *y, uint32_t root, unsigned sl)
{
    search *s = y->s;
    unsigned len = y->t.h[root].depth + sl;
    size_t pos = y->nb, left = rows_left(y->ls), sum = 0;
    uint32_t x;
    int fresh;

    /* After every candidate of the same length or shorter. */
    while (pos > 0 && y->b[pos - 1].len > len)
        pos--;
    spend(s, y->nb - pos + sl + 1);
    if (pos >= y->want)
        return 0; /* never picked: as many better ones wait */
    x = trie_add(&y->t, s, root, s->tmp_nodes + 1, s->tmp_edges, sl, &fresh);
    if (x == NO_HOP)
        return -1;
    if (!fresh && y->t.h[x].end != END_NONE)
        return 0; /* accepted already, or a candidate */
    if (y->nb == y->capb) {
        size_t cap = y->capb ? 2 * y->capb : 16;
        cand *nb = realloc(y->b, cap * sizeof *nb);
        if (nb == NULL) {
            if (fresh)
                trie_release(&y->t, x);
            return -1;
        }
        y->b = nb;
        y->capb = cap;
    }
    memmove(y->b + pos + 1, y->b + pos, (y->nb - pos) * sizeof *y->b);
    y->b[pos].len = len;
    y->b[pos].hop = x;
    y->nb++;
    y->t.h[x].end = END_B;
    y->t.h[x].refs++;
    /* Keep the best `want`, and of those the ones whose rows fit. */
    for (size_t i = 0; i < y->nb; i++) {
        sum += path_rows_of(y->b[i].len);
        if (i >= y->want || sum > left) {
            if (i < y->want)
                y->dropped = 1;
            while (y->nb > i)
                drop_cand(y, --y->nb);
            break;
        }
    }
    return 0;
}

/* Accept hop `x`'s path: mark it in the trie, read it into y->cur_*, and
 * list it. */
static zg_status
accept(yen_run *y, uint32_t x, zg_error *err)
{
    unsigned len;

    y->t.h[x].end = END_A;
    for (uint32_t h = x; y->t.h[h].parent != NO_HOP; h = y->t.h[h].parent)
        y->t.h[h].on_a++;
    len = trie_path(&y->t, x, y->cur_nodes, y->cur_edges, y->cur_hops);
    y->want--;
    return list_path(y->ls, y->cur_nodes, y->cur_edges, len, err);
}

/*
 * Up to `k` shortest simple paths, shortest first (ties in the order
 * found), handed to `ls`. Stops early at the budgets, saying why in the
 * info.
 */
static zg_status
yen(search *s, zg_id src, zg_id dst, unsigned limit, unsigned k, lister *ls,
    zg_error *err)
{
    size_t n = zg_graph_node_count(s->g) + 1;
    yen_run y;
    long len = bidi(s, src, dst, limit);
    uint32_t x, root;
    zg_limit why = ZG_LIMIT_NONE;
    zg_status st = ZG_OK;
    int fresh;

    if (len == -2)
        return no_answer_within(s, err);
    if (len < 0)
        return ZG_OK;
    memset(&y, 0, sizeof y);
    y.s = s;
    y.ls = ls;
    y.t.free = NO_HOP;
    y.want = k;
    y.cur_nodes = malloc(n * sizeof *y.cur_nodes);
    y.cur_edges = malloc(n * sizeof *y.cur_edges);
    y.cur_hops = malloc(n * sizeof *y.cur_hops);
    root = trie_new(&y.t, NO_HOP, ZG_NO_ID, src);
    if (y.cur_nodes == NULL || y.cur_edges == NULL || y.cur_hops == NULL ||
        root == NO_HOP)
        goto nomem;
    y.t.h[root].refs = 1; /* the root stays */
    x = trie_add(&y.t, s, root, s->tmp_nodes + 1, s->tmp_edges, (unsigned)len,
                 &fresh);
    if (x == NO_HOP)
        goto nomem;
    y.t.h[x].refs++;
    st = accept(&y, x, err);
    while (st == ZG_OK && y.want > 0 && ls->full == ZG_LIMIT_NONE) {
        unsigned plen = y.t.h[x].depth;
        /* The root's nodes are banned: one more for each spur node, so
         * the node bans of one path cost its length, not its square. */
        new_node_bans(s);
        for (unsigned i = 0; i < plen; i++) {
            long sl;
            if (s->visits > s->max_visits) {
                why = ZG_LIMIT_VISITS;
                goto done;
            }
            if (i > 0)
                s->ban_node[y.cur_nodes[i - 1]] = s->ban_n;
            /* Ban the next relation of every accepted path with this
             * root. */
            new_edge_bans(s);
            for (uint32_t c = y.t.h[y.cur_hops[i]].child; c != NO_HOP;
                 c = y.t.h[c].next) {
                spend(s, 1);
                if (y.t.h[c].on_a > 0)
                    s->ban_edge[y.t.h[c].edge] = s->ban_e;
            }
            spend(s, 1);
            sl = bidi(s, y.cur_nodes[i], dst,
                      limit == NO_LIMIT ? NO_LIMIT : limit - i);
            if (sl == -2) {
                why = ZG_LIMIT_VISITS;
                goto done;
            }
            if (sl >= 0 && offer(&y, y.cur_hops[i], (unsigned)sl) != 0)
                goto nomem;
        }
        new_edge_bans(s); /* lift the bans */
        new_node_bans(s);
        if (y.nb == 0) {
            if (y.dropped)
                why = ZG_LIMIT_ROWS;
            break;
        }
        x = y.b[0].hop;
        y.nb--;
        memmove(y.b, y.b + 1, y.nb * sizeof *y.b);
        st = accept(&y, x, err);
    }
    if (ls->full != ZG_LIMIT_NONE)
        why = ls->full;
done:
    new_edge_bans(s);
    new_node_bans(s);
    if (st == ZG_OK && why != ZG_LIMIT_NONE && ls->n < k)
        stopped(s->info, ls, s->max_visits, why, k);
    goto out;
nomem:
    st = zg_query__nomem(err);
out:
    free(y.t.h);
    free(y.b);
    free(y.cur_nodes);
    free(y.cur_edges);
    free(y.cur_hops);
    return st;
}

/* ---- which avoided hubs mattered ---- */

/*
 * Distances from `root` by BFS with the path (`fwd`, into the _f arrays)
 * or against it (into the _b arrays), over walkable edges and through
 * passable nodes, never entering `avoid` (the other endpoint), up to
 * `limit` hops.
 */
static void
bfs_side(search *s, zg_id root, zg_id avoid, int fwd, unsigned limit)
{
    const zg_graph *g = s->g;
    uint32_t *seen = fwd ? s->seen_f : s->seen_b,
             *dist = fwd ? s->dist_f : s->dist_b;
    zg_id *queue = fwd ? s->queue_f : s->queue_b;
    size_t head = 0, tail = 1;

    seen[root] = s->stamp;
    dist[root] = 0;
    queue[0] = root;
    while (head < tail) {
        zg_id u = queue[head++];
        if (dist[u] >= limit)
            continue;
        for (int outward = 1; outward >= 0; outward--) {
            zg_adjacency adj;
            zg_id e, v;
            if (!list_ok(s->w, outward, fwd))
                continue;
            adj = zg_graph_adjacency(g, u, outward);
            while (zg_graph_adj_next(&adj, &e, &v)) {
                if (v == u || v == avoid || seen[v] == s->stamp ||
                    !edge_ok(s, e) || s->ban_node[v] == s->ban_n ||
                    !walk_interior(s->w, v))
                    continue;
                seen[v] = s->stamp;
                dist[v] = dist[u] + 1;
                queue[tail++] = v;
            }
        }
    }
}

/*
 * The hops from hub `h` to the nearest node the BFS of one side reached
 * (`fwd` 1: the forward side, so edges walked into h; 0: the backward
 * side), not counting `skip`; UINT32_MAX when none.
 */
static uint32_t
hub_reach(search *s, zg_id h, int fwd, zg_id skip)
{
    const zg_graph *g = s->g;
    const uint32_t *seen = fwd ? s->seen_f : s->seen_b,
                   *dist = fwd ? s->dist_f : s->dist_b;
    uint32_t best = UINT32_MAX;

    for (int outward = 1; outward >= 0; outward--) {
        zg_adjacency adj;
        zg_id e, x;
        /* From the forward side a walker enters h: look at h's lists
         * against the path; towards the target it leaves h with it. */
        if (!list_ok(s->w, outward, !fwd))
            continue;
        adj = zg_graph_adjacency(g, h, outward);
        while (zg_graph_adj_next(&adj, &e, &x)) {
            if (x == h || x == skip || seen[x] != s->stamp || !edge_ok(s, e))
                continue;
            if (dist[x] + 1 < best)
                best = dist[x] + 1;
        }
    }
    return best;
}

/*
 * Of the hubs the search reached (s->noted), list in the info those
 * through which a path of at most `len` hops exists (any length when
 * `len` is NO_LIMIT): the hubs that would have given a path as short as
 * the ones found, or a path at all. Two bounded BFS, one from each end.
 */
static void
relevant_hubs(search *s, zg_id src, zg_id dst, unsigned len)
{
    zg_path_info *in = s->info;
    size_t nn = zg_graph_node_count(s->g);
    unsigned reach = len == NO_LIMIT ? NO_LIMIT : len - 1;

    in->n_hubs = 0;
    if (len < 2 || s->n_noted == 0)
        return;
    new_stamp(s);
    new_edge_bans(s); /* nothing banned */
    new_node_bans(s);
    bfs_side(s, src, dst, 1, reach);
    bfs_side(s, dst, src, 0, reach);
    for (size_t v = 0; v < nn; v++) {
        uint32_t df, db;
        if (!s->noted[v])
            continue;
        df = hub_reach(s, (zg_id)v, 1, dst);
        db = hub_reach(s, (zg_id)v, 0, src);
        if (df == UINT32_MAX || db == UINT32_MAX ||
            (unsigned long)df + db > len)
            continue;
        if (in->n_hubs < sizeof in->hubs / sizeof in->hubs[0])
            in->hubs[in->n_hubs] = (zg_id)v;
        in->n_hubs++;
    }
}

/* ---- the query ---- */

/* The search behind zg_query_path() (see query_internal.h). */
zg_status
zg_paths__search(const zg_graph *g, zg_id from, zg_id to,
                 const zg_path_opts *opt, zg_path_sink *sink,
                 zg_path_info *info, zg_error *err)
{
    static const zg_path_opts defaults;
    size_t nn = zg_graph_node_count(g);
    zg_budget budget;
    lister ls;
    walk w;
    search s;
    unsigned limit;
    zg_status st = ZG_OK;

    if (opt == NULL)
        opt = &defaults;
    memset(info, 0, sizeof *info);
    memset(&s, 0, sizeof s);
    if (from >= nn || to >= nn)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "node id %lu out of range",
                            (unsigned long)(from >= nn ? from : to));
    if (opt->all && opt->k > 1)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "all shortest paths or the k shortest, not both");
    ZG_TRY(zg_walk__init(&w, g, &opt->filter, opt->through_hubs, opt->hub_fan,
                         err));
    st = zg_walk__where(&w, opt->where, opt->n_where, err);
    if (st != ZG_OK) {
        zg_walk__free(&w);
        return st;
    }
    info->hub_fan = w.hub_fan;
    limit = opt->max_len ? opt->max_len : NO_LIMIT;
    budget = zg_budget__resolve(&opt->budget, g);
    memset(&ls, 0, sizeof ls);
    ls.sink = sink;
    ls.max_rows = budget.max_rows;
    ls.max_bytes = budget.max_bytes;
    if (search_init(&s, g, &w, opt->banned_edges, info) != 0) {
        st = zg_query__nomem(err);
        goto out;
    }
    s.max_visits = budget.max_visits;
    if (!VIEW_NODE(opt->filter.view, from) ||
        !VIEW_NODE(opt->filter.view, to)) {
        /* An endpoint that is not there is joined by no path. */
    } else if (opt->all) {
        st = all_paths(&s, from, to, limit,
                       opt->max_paths ? opt->max_paths : 100, &ls, err);
    } else {
        st = yen(&s, from, to, limit, opt->k > 1 ? opt->k : 1, &ls, err);
    }
    if (st != ZG_OK)
        goto out;
    info->paths = ls.n;
    if (!opt->all)
        info->total = ls.n;
    info->length = ls.n > 0 ? ls.first_len : 0;
    /* Finding which hubs mattered takes two more passes at most, outside
     * the work budget. */
    if (w.hub != NULL)
        relevant_hubs(&s, from, to, ls.n > 0 ? ls.last_len : limit);
    /* A snapshot's block that failed its check on the way: no answer. */
    st = zg_graph_damage(g, err);
out:
    search_free(&s);
    zg_walk__free(&w);
    return st;
}

/* Lists paths as the rows of a path result, one a path. */
typedef struct row_sink {
    zg_path_sink base; /* first, so a sink pointer is a row_sink pointer */
    zg_result *r;
    zg_value *items; /* the cells of the path being added */
    size_t cap_items;
    size_t bytes, max_bytes;
} row_sink;

/* Add the row of one path, when it fits the bytes budget (see
 * zg_path_sink). */
static zg_status
row_sink_add(zg_path_sink *sk, size_t no, unsigned len, const zg_id *nodes,
             const zg_id *edges, zg_error *err)
{
    row_sink *rs = (row_sink *)sk;
    size_t n = 2 * (size_t)len + 1, need;
    zg_value row[2];
    zg_status st;

    if (n > rs->cap_items) {
        zg_value *items = realloc(rs->items, n * sizeof *items);
        if (items == NULL)
            return zg_query__nomem(err);
        rs->items = items;
        rs->cap_items = n;
    }
    for (unsigned h = 0; h <= len; h++) {
        rs->items[2 * (size_t)h] = zg_query__node(nodes[h]);
        if (h < len)
            rs->items[2 * (size_t)h + 1] = zg_query__edge(edges[h]);
    }
    memset(&row[0], 0, sizeof row[0]);
    row[0].kind = ZG_VAL_PATH;
    row[0].n = n;
    row[0].items = rs->items;
    row[1] = zg_query__int(len);
    need = zg_query__row_bytes(row, 2);
    if (no > 1 && (need > rs->max_bytes || rs->bytes > rs->max_bytes - need))
        return ZG_ERR_LIMIT;
    st = zg_result_add_row(rs->r, row, err);
    if (st == ZG_OK)
        rs->bytes += need;
    return st;
}

/* Shortest connections between two nodes (see zg_query.h). */
zg_status
zg_query_path(const zg_graph *g, zg_id from, zg_id to, const zg_path_opts *opt,
              zg_result **out, zg_path_info *info, zg_error *err)
{
    static const char *const cols[] = {"path", "length"};
    static const zg_col_kind kinds[] = {ZG_COL_PATH, ZG_COL_INT};
    zg_path_info local;
    row_sink rs;
    zg_status st;

    *out = NULL;
    if (info == NULL)
        info = &local;
    memset(&rs, 0, sizeof rs);
    rs.base.add = row_sink_add;
    rs.max_bytes =
        zg_budget__resolve(opt != NULL ? &opt->budget : NULL, g).max_bytes;
    st = zg_result_new_kinds(&rs.r, g, 2, cols, kinds, err);
    if (st == ZG_OK) {
        zg_result_set_view(rs.r, opt != NULL ? opt->filter.view : NULL);
        st = zg_paths__search(g, from, to, opt, &rs.base, info, err);
    }
    free(rs.items);
    if (st != ZG_OK) {
        zg_result_free(rs.r);
        return st;
    }
    *out = rs.r;
    return ZG_OK;
}

/* Hop `h` (from 0) of path value `p`, the path numbered `no`, as a row of
 * zg_query_path_hops(); a path of 0 hops has one row. `*props` gets the
 * hop's properties text (free() it after the row is added). Fails:
 * ZG_ERR_NOMEM. */
static zg_status
hop_row(const zg_graph *g, const zg_view *view, size_t no, const zg_value *p,
        size_t h, zg_value *row, char **props, zg_error *err)
{
    *props = NULL;
    if (p->n == 1) {
        for (size_t c = 0; c < 11; c++)
            row[c] = zg_query__null();
        row[0] = zg_query__int((long long)no);
        row[1] = zg_query__int(0);
        row[2] = zg_query__node(p->items[0].id);
        row[5] = zg_query__node(p->items[0].id);
    } else {
        zg_id a = p->items[2 * h].id, e = p->items[2 * h + 1].id,
              b = p->items[2 * h + 2].id;
        zg_edge_info ei;
        zg_graph_edge_get(g, e, &ei);
        ZG_TRY(zg_query__edge_props(g, view, e, props, err));
        row[0] = zg_query__int((long long)no);
        row[1] = zg_query__int((long long)h + 1);
        row[2] = zg_query__node(a);
        row[3] = zg_query__str(zg_graph_reltype(g, ei.type)->name);
        row[4] = zg_query__str(ei.from == a && ei.to == b ? "out" : "in");
        row[5] = zg_query__node(b);
        row[6] = zg_query__str(zg_basis_name(ei.basis));
        row[7] = zg_query__str(ei.source);
        row[8] = zg_query__str(*props);
        row[9] = zg_query__str(ei.evidence);
        row[10] = zg_query__edge(e);
    }
    return ZG_OK;
}

/* The hops of the paths of a result, one a row (see zg_query.h). */
zg_status
zg_query_path_hops(const zg_result *paths, int edge_column, zg_result **out,
                   zg_error *err)
{
    static const char *const cols[] = {
        "path",  "hop",    "from",  "relation", "direction", "to",
        "basis", "source", "props", "evidence", "edge"};
    static const zg_col_kind kinds[] = {ZG_COL_ANY, ZG_COL_ANY, ZG_COL_NODE,
                                        ZG_COL_ANY, ZG_COL_ANY, ZG_COL_NODE,
                                        ZG_COL_ANY, ZG_COL_ANY, ZG_COL_ANY,
                                        ZG_COL_ANY, ZG_COL_EDGE};
    const zg_graph *g = zg_result_graph(paths);
    const zg_view *view = zg_result_view(paths);
    size_t col = zg_result_col(paths, "path"), rows = zg_result_rows(paths);
    zg_result *r = NULL;
    zg_value row[11];
    zg_status st;

    *out = NULL;
    if (col == ZG_NO_COL || zg_result_col_kind(paths, col) != ZG_COL_PATH)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "the result has no column 'path' of paths");
    ZG_TRY(zg_result_new_kinds(&r, g, edge_column ? 11 : 10, cols, kinds, err));
    zg_result_set_view(r, view);
    st = ZG_OK;
    for (size_t i = 0; st == ZG_OK && i < rows; i++) {
        const zg_value *p = zg_result_cell(paths, i, col);
        size_t hops = p->kind == ZG_VAL_PATH && p->n > 1 ? p->n / 2 : 1;
        if (p->kind != ZG_VAL_PATH)
            continue; /* a null cell: no path */
        for (size_t h = 0; st == ZG_OK && h < hops; h++) {
            char *props = NULL;
            st = hop_row(g, view, i + 1, p, h, row, &props, err);
            if (st == ZG_OK)
                st = zg_result_add_row(r, row, err);
            free(props);
        }
    }
    if (st != ZG_OK) {
        zg_result_free(r);
        return st;
    }
    *out = r;
    return ZG_OK;
}
