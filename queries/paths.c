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
 *   the shortest paths per node (sums over predecessors, saturating), and
 *   a depth-first walk back from the target over predecessor edges that
 *   lists them until the cap.
 * - k shortest simple paths: Yen's algorithm, whose spur searches are the
 *   bidirectional search with the root's nodes and the next edges of
 *   earlier paths banned.
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

/* ---- stored paths ---- */

/* A path: `len` edges and `len + 1` nodes stored at `off` in a pool. */
typedef struct pref {
    size_t off;
    unsigned len;
    uint32_t hash;
    int live;
} pref;

/* A growable set of paths. Each path is its nodes, then its edges. */
typedef struct pathset {
    zg_id *ids;
    size_t used, cap;
    pref *p;
    size_t n, capn;
} pathset;

/* Free the storage of `ps`. */
static void
pathset_free(pathset *ps)
{
    free(ps->ids);
    free(ps->p);
    memset(ps, 0, sizeof *ps);
}

/* Node `i` of path `k`. */
static zg_id
ps_node(const pathset *ps, size_t k, unsigned i)
{
    return ps->ids[ps->p[k].off + i];
}

/* Edge `i` of path `k`. */
static zg_id
ps_edge(const pathset *ps, size_t k, unsigned i)
{
    return ps->ids[ps->p[k].off + ps->p[k].len + 1 + i];
}

/* FNV-1a over the edges of a path, to compare paths quickly. */
static uint32_t
path_hash(const zg_id *edges, unsigned len)
{
    uint32_t h = 2166136261u;

    for (unsigned i = 0; i < len; i++) {
        h ^= edges[i];
        h *= 16777619u;
    }
    return h ^ len;
}

/* Append the path of `nodes` (len + 1) and `edges` (len). -1 when out of
 * memory. */
static int
pathset_add(pathset *ps, const zg_id *nodes, const zg_id *edges, unsigned len)
{
    size_t need = 2 * (size_t)len + 1;

    if (ps->used + need > ps->cap) {
        size_t cap = ps->cap ? ps->cap : 64;
        zg_id *ids;
        while (cap < ps->used + need)
            cap *= 2;
        ids = realloc(ps->ids, cap * sizeof *ids);
        if (ids == NULL)
            return -1;
        ps->ids = ids;
        ps->cap = cap;
    }
    if (ps->n == ps->capn) {
        size_t capn = ps->capn ? 2 * ps->capn : 8;
        pref *p = realloc(ps->p, capn * sizeof *p);
        if (p == NULL)
            return -1;
        ps->p = p;
        ps->capn = capn;
    }
    memcpy(ps->ids + ps->used, nodes, ((size_t)len + 1) * sizeof *nodes);
    if (len > 0)
        memcpy(ps->ids + ps->used + len + 1, edges, len * sizeof *edges);
    ps->p[ps->n].off = ps->used;
    ps->p[ps->n].len = len;
    ps->p[ps->n].hash = path_hash(edges, len);
    ps->p[ps->n].live = 1;
    ps->n++;
    ps->used += need;
    return 0;
}

/* 1 if `ps` holds a live path with exactly these edges. */
static int
pathset_has(const pathset *ps, const zg_id *edges, unsigned len)
{
    uint32_t h = path_hash(edges, len);

    for (size_t k = 0; k < ps->n; k++) {
        if (!ps->p[k].live || ps->p[k].len != len || ps->p[k].hash != h)
            continue;
        if (len == 0 || memcmp(ps->ids + ps->p[k].off + len + 1, edges,
                               len * sizeof *edges) == 0)
            return 1;
    }
    return 0;
}

/* ---- the search state ---- */

typedef struct search {
    const zg_graph *g;
    const walk *w;
    const unsigned char *banned; /* caller's banned edges, or NULL */
    uint32_t stamp, ban;
    uint32_t *seen_f, *seen_b, *dist_f, *dist_b;
    zg_id *prev_f, *prev_b, *queue_f, *queue_b;
    uint32_t *ban_node, *ban_edge;
    zg_id *tmp_nodes, *tmp_edges; /* one path, as found */
    unsigned char *noted;         /* hubs the searches reached */
    size_t n_noted;
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
    s->ban = 1; /* the ban arrays start at 0: nothing banned */
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
edge_ok(const search *s, zg_id e, const zg_edge_info *ei)
{
    return walk_edge(s->w, e, ei) && s->ban_edge[e] != s->ban &&
           (s->banned == NULL || !s->banned[e]);
}

/* 1 if node `v` may be entered as an interior node; notes a hub the
 * search reached (relevant_hubs() decides which of them to report). */
static int
can_pass(search *s, zg_id v)
{
    const walk *w = s->w;

    if (s->ban_node[v] == s->ban)
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
        const zg_edge_info *ei = zg_graph_edge(s->g, s->prev_f[x]);
        s->tmp_edges[i - 1] = s->prev_f[x];
        x = ei->from == x ? ei->to : ei->from;
        s->tmp_nodes[i - 1] = x;
    }
    s->tmp_edges[lf] = e;
    x = b;
    s->tmp_nodes[lf + 1] = b;
    for (unsigned i = lf + 1; i < len; i++) {
        const zg_edge_info *ei = zg_graph_edge(s->g, s->prev_b[x]);
        s->tmp_edges[i] = s->prev_b[x];
        x = ei->from == x ? ei->to : ei->from;
        s->tmp_nodes[i + 1] = x;
    }
    (void)src;
    (void)dst;
    return len;
}

/*
 * One shortest path from `src` to `dst` of at most `limit` hops by
 * bidirectional BFS, into s->tmp_nodes/tmp_edges. Returns its length, or
 * -1 when there is none.
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
    s->stamp++;
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
            for (int outward = 1; outward >= 0; outward--) {
                const zg_id *es;
                size_t ne;
                if (!list_ok(s->w, outward, fwd))
                    continue;
                ne = outward ? zg_graph_out_edges(g, u, &es)
                             : zg_graph_in_edges(g, u, &es);
                for (size_t i = 0; i < ne; i++) {
                    const zg_edge_info *ei = zg_graph_edge(g, es[i]);
                    zg_id v = outward ? ei->to : ei->from;
                    if (v == u || !edge_ok(s, es[i], ei))
                        continue;
                    if (oseen[v] == s->stamp) {
                        unsigned len = d + 1 + odist[v];
                        if (len < best) {
                            best = len;
                            mf = fwd ? u : v;
                            mb = fwd ? v : u;
                            me = es[i];
                        }
                        continue;
                    }
                    if (seen[v] == s->stamp || !can_pass(s, v))
                        continue;
                    seen[v] = s->stamp;
                    dist[v] = d + 1;
                    prev[v] = es[i];
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

/* a + b, saturating at SIZE_MAX. */
static size_t
sat_add(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

/*
 * The predecessor edges of `v` on shortest paths from the forward BFS:
 * walkable edges whose other end `w` was reached one layer earlier. The
 * iteration state is (`*outward`, `*i`); returns the next edge and sets
 * `*w`, or ZG_NO_ID when none is left.
 */
static zg_id
next_pred(search *s, zg_id v, int *outward, size_t *i, zg_id *w)
{
    const zg_graph *g = s->g;

    for (; *outward >= 0; (*outward)--, *i = 0) {
        const zg_id *es;
        size_t ne;
        /* A predecessor reached v going with the path: walk v's lists
         * against it. */
        if (!list_ok(s->w, *outward, 0))
            continue;
        ne = *outward ? zg_graph_out_edges(g, v, &es)
                      : zg_graph_in_edges(g, v, &es);
        while (*i < ne) {
            zg_id e = es[(*i)++];
            const zg_edge_info *ei = zg_graph_edge(g, e);
            zg_id x = *outward ? ei->to : ei->from;
            if (x != v && edge_ok(s, e, ei) && s->seen_f[x] == s->stamp &&
                s->dist_f[x] + 1 == s->dist_f[v]) {
                *w = x;
                return e;
            }
        }
    }
    return ZG_NO_ID;
}

/*
 * Every shortest path from `src` to `dst` within `limit` hops, at most
 * `max` of them, added to `out`. Sets info->total. -1 when out of memory.
 */
static int
all_paths(search *s, zg_id src, zg_id dst, unsigned limit, size_t max,
          pathset *out)
{
    const zg_graph *g = s->g;
    size_t head = 0, tail = 1, end, nn = zg_graph_node_count(g);
    size_t *count = NULL;
    int *st_out = NULL, found = 0, rc = -1;
    size_t *st_i = NULL;
    zg_id *st_node = NULL, *st_edge = NULL;
    unsigned len, top;

    if (src == dst) {
        s->info->total = 1;
        return pathset_add(out, &src, NULL, 0);
    }
    s->stamp++;
    s->seen_f[src] = s->stamp;
    s->dist_f[src] = 0;
    s->queue_f[0] = src;
    /* Forward BFS, a layer at a time, until the layer that reaches dst. */
    for (uint32_t d = 0; !found && head < tail && d < limit; d++) {
        for (end = tail; head < end; head++) {
            zg_id u = s->queue_f[head];
            for (int outward = 1; outward >= 0; outward--) {
                const zg_id *es;
                size_t ne;
                if (!list_ok(s->w, outward, 1))
                    continue;
                ne = outward ? zg_graph_out_edges(g, u, &es)
                             : zg_graph_in_edges(g, u, &es);
                for (size_t i = 0; i < ne; i++) {
                    const zg_edge_info *ei = zg_graph_edge(g, es[i]);
                    zg_id v = outward ? ei->to : ei->from;
                    if (v == u || s->seen_f[v] == s->stamp ||
                        !edge_ok(s, es[i], ei))
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
        s->info->total = 0;
        return 0;
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
        st_edge == NULL)
        goto out;
    count[src] = 1;
    for (size_t q = 1; q <= tail; q++) {
        zg_id v = q < tail ? s->queue_f[q] : dst, w;
        int o = 1;
        size_t i = 0;
        if (q < tail && s->dist_f[v] >= len)
            continue;
        while (next_pred(s, v, &o, &i, &w) != ZG_NO_ID)
            count[v] = sat_add(count[v], count[w]);
    }
    s->info->total = count[dst];

    /* List them: depth-first from dst over predecessor edges. The stack
     * holds the nodes from dst back towards src. */
    top = 0;
    st_node[0] = dst;
    st_out[0] = 1;
    st_i[0] = 0;
    while (out->n < max) {
        zg_id w, e = next_pred(s, st_node[top], &st_out[top], &st_i[top], &w);
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
            if (pathset_add(out, s->tmp_nodes, s->tmp_edges, len) != 0)
                goto out;
            top--;
        }
    }
    rc = 0;
out:
    free(count);
    free(st_out);
    free(st_i);
    free(st_node);
    free(st_edge);
    return rc;
}

/* ---- k shortest simple paths (Yen) ---- */

/*
 * Up to `k` shortest simple paths into `a` (shortest first; ties in the
 * order found). `b` holds the candidates. -1 when out of memory.
 */
static int
yen(search *s, zg_id src, zg_id dst, unsigned limit, unsigned k, pathset *a,
    pathset *b)
{
    long len = bidi(s, src, dst, limit);

    if (len < 0)
        return 0;
    if (pathset_add(a, s->tmp_nodes, s->tmp_edges, (unsigned)len) != 0)
        return -1;
    while (a->n < k) {
        size_t last = a->n - 1, pick = SIZE_MAX;
        unsigned plen = a->p[last].len;
        for (unsigned i = 0; i < plen; i++) {
            zg_id spur = ps_node(a, last, i);
            long sl;
            s->ban++;
            /* Ban the next edge of every accepted path with this root. */
            for (size_t q = 0; q < a->n; q++) {
                unsigned j;
                if (a->p[q].len <= i)
                    continue;
                for (j = 0; j < i; j++)
                    if (ps_edge(a, q, j) != ps_edge(a, last, j))
                        break;
                if (j == i)
                    s->ban_edge[ps_edge(a, q, i)] = s->ban;
            }
            for (unsigned j = 0; j < i; j++)
                s->ban_node[ps_node(a, last, j)] = s->ban;
            sl = bidi(s, spur, dst, limit == NO_LIMIT ? NO_LIMIT : limit - i);
            if (sl < 0)
                continue;
            /* Root (i edges) + spur path: shift the spur path right. */
            memmove(s->tmp_nodes + i, s->tmp_nodes,
                    ((size_t)sl + 1) * sizeof *s->tmp_nodes);
            memmove(s->tmp_edges + i, s->tmp_edges,
                    (size_t)sl * sizeof *s->tmp_edges);
            for (unsigned j = 0; j < i; j++) {
                s->tmp_nodes[j] = ps_node(a, last, j);
                s->tmp_edges[j] = ps_edge(a, last, j);
            }
            if (pathset_has(a, s->tmp_edges, i + (unsigned)sl) ||
                pathset_has(b, s->tmp_edges, i + (unsigned)sl))
                continue;
            if (pathset_add(b, s->tmp_nodes, s->tmp_edges, i + (unsigned)sl) !=
                0)
                return -1;
        }
        s->ban++; /* lift the bans */
        for (size_t q = 0; q < b->n; q++)
            if (b->p[q].live &&
                (pick == SIZE_MAX || b->p[q].len < b->p[pick].len))
                pick = q;
        if (pick == SIZE_MAX)
            break;
        b->p[pick].live = 0;
        if (pathset_add(a, b->ids + b->p[pick].off,
                        b->ids + b->p[pick].off + b->p[pick].len + 1,
                        b->p[pick].len) != 0)
            return -1;
    }
    return 0;
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
            const zg_id *es;
            size_t ne;
            if (!list_ok(s->w, outward, fwd))
                continue;
            ne = outward ? zg_graph_out_edges(g, u, &es)
                         : zg_graph_in_edges(g, u, &es);
            for (size_t i = 0; i < ne; i++) {
                const zg_edge_info *ei = zg_graph_edge(g, es[i]);
                zg_id v = outward ? ei->to : ei->from;
                if (v == u || v == avoid || seen[v] == s->stamp ||
                    !edge_ok(s, es[i], ei) || s->ban_node[v] == s->ban ||
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
        const zg_id *es;
        size_t ne;
        /* From the forward side a walker enters h: look at h's lists
         * against the path; towards the target it leaves h with it. */
        if (!list_ok(s->w, outward, !fwd))
            continue;
        ne = outward ? zg_graph_out_edges(g, h, &es)
                     : zg_graph_in_edges(g, h, &es);
        for (size_t i = 0; i < ne; i++) {
            const zg_edge_info *ei = zg_graph_edge(g, es[i]);
            zg_id x = outward ? ei->to : ei->from;
            if (x == h || x == skip || seen[x] != s->stamp ||
                !edge_ok(s, es[i], ei))
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
    s->stamp++;
    s->ban++; /* nothing banned */
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

/* Append the rows of every path in `ps` to `r`. */
static zg_status
path_rows(const zg_graph *g, const pathset *ps, zg_result *r, zg_error *err)
{
    zg_status st = ZG_OK;

    for (size_t k = 0; st == ZG_OK && k < ps->n; k++) {
        zg_value row[11];
        unsigned len = ps->p[k].len;
        if (len == 0) {
            for (size_t c = 0; c < 11; c++)
                row[c] = zg_query__null();
            row[0] = zg_query__int((long long)k + 1);
            row[1] = zg_query__int(0);
            row[2] = zg_query__node(ps_node(ps, k, 0));
            row[5] = zg_query__node(ps_node(ps, k, 0));
            st = zg_result_add_row(r, row, err);
            continue;
        }
        for (unsigned h = 0; st == ZG_OK && h < len; h++) {
            zg_id e = ps_edge(ps, k, h), a = ps_node(ps, k, h),
                  b = ps_node(ps, k, h + 1);
            const zg_edge_info *ei = zg_graph_edge(g, e);
            row[0] = zg_query__int((long long)k + 1);
            row[1] = zg_query__int((long long)h + 1);
            row[2] = zg_query__node(a);
            row[3] = zg_query__str(zg_graph_reltype(g, ei->type)->name);
            row[4] = zg_query__str(ei->from == a && ei->to == b ? "out" : "in");
            row[5] = zg_query__node(b);
            row[6] = zg_query__str(zg_basis_name(ei->basis));
            row[7] = zg_query__str(ei->source);
            row[8] = zg_query__str(ei->evidence);
            row[9] = zg_query__edge(e);
            st = zg_result_add_row(r, row, err);
        }
    }
    return st;
}

/* Shortest connections between two nodes (see zg_query.h). */
zg_status
zg_query_path(const zg_graph *g, zg_id from, zg_id to, const zg_path_opts *opt,
              zg_result **out, zg_path_info *info, zg_error *err)
{
    static const char *const cols[] = {"path",      "hop", "from",  "relation",
                                       "direction", "to",  "basis", "source",
                                       "evidence",  "edge"};
    static const zg_path_opts defaults;
    size_t nn = zg_graph_node_count(g);
    zg_path_info local;
    walk w;
    search s;
    pathset a, b;
    zg_result *r = NULL;
    unsigned limit;
    zg_status st;

    *out = NULL;
    if (opt == NULL)
        opt = &defaults;
    if (info == NULL)
        info = &local;
    memset(info, 0, sizeof *info);
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    memset(&s, 0, sizeof s);
    if (from >= nn || to >= nn)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "node id %lu out of range",
                            (unsigned long)(from >= nn ? from : to));
    if (opt->all && opt->k > 1)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "all shortest paths or the k shortest, not both");
    ZG_TRY(zg_walk__init(&w, g, opt->view, opt->rels, opt->n_rels, opt->types,
                         opt->n_types, opt->direction, opt->through_hubs,
                         opt->hub_fan, err));
    info->hub_fan = w.hub_fan;
    limit = opt->max_len ? opt->max_len : NO_LIMIT;
    if (search_init(&s, g, &w, opt->banned_edges, info) != 0) {
        st = zg_query__nomem(err);
        goto out;
    }
    if (!VIEW_NODE(opt->view, from) || !VIEW_NODE(opt->view, to)) {
        /* An endpoint that is not there is joined by no path. */
    } else if (opt->all) {
        if (all_paths(&s, from, to, limit,
                      opt->max_paths ? opt->max_paths : 100, &a) != 0) {
            st = zg_query__nomem(err);
            goto out;
        }
    } else if (yen(&s, from, to, limit, opt->k > 1 ? opt->k : 1, &a, &b) != 0) {
        st = zg_query__nomem(err);
        goto out;
    }
    info->paths = a.n;
    if (!opt->all)
        info->total = a.n;
    info->truncated = info->total > info->paths;
    info->length = a.n > 0 ? a.p[0].len : 0;
    if (w.hub != NULL)
        relevant_hubs(&s, from, to, a.n > 0 ? a.p[a.n - 1].len : limit);
    st = zg_result_new(&r, g, opt->edge_column ? 10 : 9, cols, err);
    if (st == ZG_OK)
        st = path_rows(g, &a, r, err);
    if (st != ZG_OK)
        goto out;
    *out = r;
    r = NULL;
out:
    zg_result_free(r);
    search_free(&s);
    pathset_free(&a);
    pathset_free(&b);
    zg_walk__free(&w);
    return st;
}
