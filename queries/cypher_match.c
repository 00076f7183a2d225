/* SPDX-License-Identifier: MIT */
/*
 * The pattern matcher of the Cypher-style query language: plans the paths
 * of a MATCH (which node each starts from, in which order they are
 * matched) and walks the graph's adjacency from there, binding variables
 * in the row as it goes and unbinding them as it backs out.
 *
 * The rules it keeps: within one pattern a relationship is bound at most
 * once (so `(a)-[r1]-(b)-[r2]-(c)` never uses one relation for both); a
 * variable that is already bound, from an earlier clause or earlier in
 * the pattern, is tested rather than bound again; an undirected pattern
 * meets a relation that loops on its node once. A variable-length pattern
 * without an upper bound stops at the run's bound of hops and fails if it
 * could go further, rather than answer from a part of the graph.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cypher_exec.h"

/* ---- the parts of a pattern ---- */

static const zg_cypher_node *
node_props(const zg_cypher_node *np)
{
    if (np->n_kids && np->kids[np->n_kids - 1]->kind != ZG_CN_LABEL)
        return np->kids[np->n_kids - 1];
    return NULL;
}

static const zg_cypher_node *
rel_range(const zg_cypher_node *rel)
{
    size_t i;

    for (i = 0; i < rel->n_kids; i++)
        if (rel->kids[i]->kind == ZG_CN_RANGE)
            return rel->kids[i];
    return NULL;
}

static const zg_cypher_node *
rel_props(const zg_cypher_node *rel)
{
    if (rel->n_kids && rel->kids[rel->n_kids - 1]->kind != ZG_CN_TYPE &&
        rel->kids[rel->n_kids - 1]->kind != ZG_CN_RANGE)
        return rel->kids[rel->n_kids - 1];
    return NULL;
}

/* Which adjacency lists a relationship pattern walks, standing on the node
 * before it in the order walked. */
static void
rel_dirs(const zg_cypher_node *rel, int reversed, int *out, int *in)
{
    int right = (rel->flags & ZG_CF_RIGHT) != 0;
    int left = (rel->flags & ZG_CF_LEFT) != 0;

    if (right == left) {
        *out = *in = 1;
        return;
    }
    if (reversed) {
        int t = right;
        right = left;
        left = t;
    }
    *out = right;
    *in = left;
}

/* The relations a relationship pattern follows from node `from`: its
 * out-edges, its in-edges or both (then a loop only once, outward), as the
 * pattern's direction and the way it is walked say. */
typedef struct rel_walk {
    const zg_graph *g;
    zg_adjacency a;
    zg_id from;
    int out, in, pass; /* pass 0: out-edges, 1: in-edges, 2: done */
} rel_walk;

static void
rel_walk_start(rel_walk *rw, const zg_graph *g, const zg_cypher_node *rel,
               int reversed, zg_id from)
{
    rw->g = g;
    rw->from = from;
    rel_dirs(rel, reversed, &rw->out, &rw->in);
    rw->pass = rw->out ? 0 : 1;
    rw->a = zg_graph_adjacency(g, from, rw->pass == 0);
}

static int
rel_walk_next(rel_walk *rw, zg_id *e, zg_id *far)
{
    while (rw->pass < 2) {
        if (rw->pass == 1 && !rw->in)
            break;
        while (zg_graph_adj_next(&rw->a, e, far))
            if (!(rw->pass == 1 && rw->out && *far == rw->from))
                return 1;
        if (++rw->pass == 1)
            rw->a = zg_graph_adjacency(rw->g, rw->from, 0);
    }
    rw->pass = 2;
    return 0;
}

static int
nomem(zg_cy_exec *x)
{
    zg_error_set(x->rt.err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
    return ZG_CY_FAIL;
}

int
zg_cy__work(zg_cy_exec *x, const zg_cypher_node *at)
{
    if (x->cancel && *x->cancel) {
        zg_error_set(x->rt.err, ZG_ERR_LIMIT, NULL, 0, 0,
                     "the query was cancelled");
        return ZG_CY_FAIL;
    }
    if (++x->rt.work <= x->rt.max_work || x->rt.max_work == 0)
        return ZG_CY_GO;
    zg_error_set(x->rt.err, ZG_ERR_LIMIT, NULL, at ? at->line : 0,
                 at ? at->column : 0,
                 "%u:%u: the query went past its budget of %llu steps "
                 "(rows and relations followed); narrow the pattern or "
                 "raise the budget",
                 at ? at->line : 0, at ? at->column : 0,
                 (unsigned long long)x->rt.max_work);
    return ZG_CY_FAIL;
}

/* ---- tests of one node or relationship ---- */

/* `*ok` 1 when every entry of property map `map` equals the property of
 * `v` (a node or relationship). */
static int
props_ok(zg_cy_exec *x, const zg_cypher_node *map, const zg_value *v,
         zg_value *row, int *ok)
{
    zg_value want, have;
    size_t i;

    *ok = 1;
    if (map == NULL)
        return ZG_CY_GO;
    if (map->kind == ZG_CN_MAP) {
        for (i = 0; i < map->n_kids && *ok; i++) {
            const zg_cypher_node *en = map->kids[i];
            if (zg_cypher__eval(&x->rt, en->kids[0], row, &want) != ZG_OK ||
                zg_cypher__prop(&x->rt, en, v, en->text, &have) != ZG_OK)
                return ZG_CY_FAIL;
            *ok = zg_cypher__equal(&have, &want) == ZG_CY_TRUE;
        }
        return ZG_CY_GO;
    }
    if (zg_cypher__eval(&x->rt, map, row, &want) != ZG_OK)
        return ZG_CY_FAIL;
    if (want.kind != ZG_VAL_MAP) {
        zg_cypher__fail(&x->rt, map, "TypeError",
                        "the properties of a pattern must be a map");
        return ZG_CY_FAIL;
    }
    for (i = 0; i < want.n && *ok; i++) {
        if (zg_cypher__prop(&x->rt, map, v, want.items[2 * i].str, &have) !=
            ZG_OK)
            return ZG_CY_FAIL;
        *ok = zg_cypher__equal(&have, &want.items[2 * i + 1]) == ZG_CY_TRUE;
    }
    return ZG_CY_GO;
}

static int
node_ok(zg_cy_exec *x, const zg_cypher_node *np, zg_id n, zg_value *row,
        int *ok)
{
    zg_value v = {0};
    size_t i;

    for (i = 0; i < np->n_kids; i++) {
        const zg_cypher_node *k = np->kids[i];
        if (k->kind != ZG_CN_LABEL)
            break;
        if (x->names[k->slot] == ZG_NO_ID ||
            zg_graph_node(x->rt.g, n)->type != x->names[k->slot]) {
            *ok = 0;
            return ZG_CY_GO;
        }
    }
    v.kind = ZG_VAL_NODE;
    v.id = n;
    return props_ok(x, node_props(np), &v, row, ok);
}

static int
edge_ok(zg_cy_exec *x, const zg_cypher_node *rel, zg_id e, zg_value *row,
        int *ok)
{
    zg_value v = {0};
    size_t i;
    int typed = 0, match = 0;
    zg_id t = zg_graph_edge_type(x->rt.g, e);

    for (i = 0; i < rel->n_kids; i++) {
        const zg_cypher_node *k = rel->kids[i];
        if (k->kind != ZG_CN_TYPE)
            continue;
        typed = 1;
        if (x->names[k->slot] == t)
            match = 1;
    }
    if (typed && !match) {
        *ok = 0;
        return ZG_CY_GO;
    }
    v.kind = ZG_VAL_EDGE;
    v.id = e;
    return props_ok(x, rel_props(rel), &v, row, ok);
}

/* Bind node pattern `np` to node `n`, or test it when its variable is
 * bound: `*ok` says whether it fits, `*newly` whether this bound it. */
static int
bind_node(zg_cy_exec *x, const zg_cypher_node *np, zg_id n, zg_value *row,
          int *ok, int *newly)
{
    int s = np->text ? np->slot : -1;

    *newly = 0;
    if (s >= 0 && x->bound[s]) {
        if (row[s].kind != ZG_VAL_NODE || row[s].id != n) {
            *ok = 0;
            return ZG_CY_GO;
        }
    }
    if (node_ok(x, np, n, row, ok) != ZG_CY_GO)
        return ZG_CY_FAIL;
    if (*ok && s >= 0 && !x->bound[s]) {
        memset(&row[s], 0, sizeof row[s]);
        row[s].kind = ZG_VAL_NODE;
        row[s].id = n;
        x->bound[s] = 1;
        *newly = 1;
    }
    return ZG_CY_GO;
}

static void
unbind(zg_cy_exec *x, const zg_cypher_node *el, int newly)
{
    if (newly)
        x->bound[el->slot] = 0;
}

static int
used(const zg_cy_exec *x, size_t base, zg_id e)
{
    size_t i;

    for (i = base; i < x->n_used; i++)
        if (x->used[i] == e)
            return 1;
    return 0;
}

static int
push_used(zg_cy_exec *x, zg_id e, zg_id node)
{
    if (x->n_used == x->cap_used) {
        size_t cap = x->cap_used ? 2 * x->cap_used : 32;
        zg_id *u = realloc(x->used, cap * sizeof *u);
        if (u == NULL)
            return nomem(x);
        x->used = u;
        x->cap_used = cap;
    }
    if (x->n_trail == x->cap_trail) {
        size_t cap = x->cap_trail ? 2 * x->cap_trail : 32;
        struct zg_cy_trail *t = realloc(x->trail, cap * sizeof *t);
        if (t == NULL)
            return nomem(x);
        x->trail = t;
        x->cap_trail = cap;
    }
    if (e != ZG_NO_ID)
        x->used[x->n_used++] = e;
    x->trail[x->n_trail].edge = e;
    x->trail[x->n_trail++].node = node;
    return ZG_CY_GO;
}

static void
pop_used(zg_cy_exec *x, zg_id e)
{
    if (e != ZG_NO_ID)
        x->n_used--;
    x->n_trail--;
}

/* The relationships of trail entries [from, to) as a list of
 * relationship values, in the pattern's order. */
static int
edge_list(zg_cy_exec *x, size_t from, size_t to, int reversed, zg_value *out)
{
    size_t n = to - from, i;
    zg_value *items = NULL;

    memset(out, 0, sizeof *out);
    out->kind = ZG_VAL_LIST;
    if (n) {
        items = zg_arena_alloc(x->rt.arena, n * sizeof *items);
        if (items == NULL)
            return nomem(x);
        memset(items, 0, n * sizeof *items);
    }
    for (i = 0; i < n; i++) {
        zg_value *it = &items[reversed ? n - 1 - i : i];
        it->kind = ZG_VAL_EDGE;
        it->id = x->trail[from + i].edge;
    }
    out->n = n;
    out->items = items;
    return ZG_CY_GO;
}

/* The path walked from trail entry `base` to the end, in the pattern's
 * order. */
static int
path_value(zg_cy_exec *x, size_t base, int reversed, zg_value *out)
{
    size_t steps = x->n_trail - base, n = 2 * steps - 1, i, k = 0;
    zg_value *items = zg_arena_alloc(x->rt.arena, n * sizeof *items);

    if (items == NULL)
        return nomem(x);
    memset(items, 0, n * sizeof *items);
    for (i = 0; i < steps; i++) {
        const struct zg_cy_trail *t = &x->trail[base + i];
        if (i) {
            items[k].kind = ZG_VAL_EDGE;
            items[k++].id = t->edge;
        }
        items[k].kind = ZG_VAL_NODE;
        items[k++].id = t->node;
    }
    if (reversed)
        for (i = 0; i < n / 2; i++) {
            zg_value t = items[i];
            items[i] = items[n - 1 - i];
            items[n - 1 - i] = t;
        }
    memset(out, 0, sizeof *out);
    out->kind = ZG_VAL_PATH;
    out->n = n;
    out->items = items;
    return ZG_CY_GO;
}

/* ---- the walk ---- */

typedef struct walk {
    zg_cy_exec *x;
    const zg_cy_match *m;
    zg_value *row;
    size_t used_base; /* relationships below this belong to an outer match */
} walk;

static int step_from(walk *w, size_t si);

/* All paths of the plan matched: test WHERE and hand the row on. */
static int
complete(walk *w)
{
    zg_cypher_truth t;

    if (w->m->where) {
        if (zg_cypher__truth(&w->x->rt, w->m->where, w->row, &t) != ZG_OK)
            return ZG_CY_FAIL;
        if (t != ZG_CY_TRUE)
            return ZG_CY_GO;
    }
    return w->m->emit(w->x, w->m->arg, w->row);
}

/* Path `si` walked to its end: its trail starts at `base`, from its last
 * node when `reversed`. */
static int
path_done(walk *w, size_t si, size_t base, int reversed)
{
    const zg_cypher_node *p = w->m->steps[si].path;
    int r;

    if (p->text == NULL)
        return step_from(w, si + 1);
    if (path_value(w->x, base, reversed, &w->row[p->slot]) != ZG_CY_GO)
        return ZG_CY_FAIL;
    w->x->bound[p->slot] = 1;
    r = step_from(w, si + 1);
    w->x->bound[p->slot] = 0;
    return r;
}

static int walk_el(walk *w, size_t si, size_t k, zg_id u, size_t base);

/* Bind relationship pattern `rel` (not variable-length) to `e` and go on
 * to node pattern `np` at `far`. */
static int
take_edge(walk *w, size_t si, size_t k, zg_id e, zg_id far, size_t base)
{
    zg_cy_exec *x = w->x;
    const zg_cy_step *st = &w->m->steps[si];
    const zg_cypher_node *rel = st->el[k], *np = st->el[k + 1];
    int ok, nb_rel = 0, nb_node, r;
    int s = rel->text ? rel->slot : -1;

    if (used(x, w->used_base, e))
        return ZG_CY_GO;
    if (s >= 0 && x->bound[s] &&
        (w->row[s].kind != ZG_VAL_EDGE || w->row[s].id != e))
        return ZG_CY_GO;
    if (edge_ok(x, rel, e, w->row, &ok) != ZG_CY_GO)
        return ZG_CY_FAIL;
    if (!ok)
        return ZG_CY_GO;
    if (s >= 0 && !x->bound[s]) {
        memset(&w->row[s], 0, sizeof w->row[s]);
        w->row[s].kind = ZG_VAL_EDGE;
        w->row[s].id = e;
        x->bound[s] = 1;
        nb_rel = 1;
    }
    r = bind_node(x, np, far, w->row, &ok, &nb_node);
    if (r == ZG_CY_GO && ok) {
        r = push_used(x, e, far);
        if (r == ZG_CY_GO) {
            r = walk_el(w, si, k + 2, far, base);
            pop_used(x, e);
        }
        unbind(x, np, nb_node);
    }
    if (nb_rel)
        x->bound[s] = 0;
    return r;
}

/* A variable-length relationship: `d` hops walked from where it started
 * (its trail entries start at `seg`), standing on `v`. */
static int
walk_var(walk *w, size_t si, size_t k, zg_id v, size_t d, size_t seg,
         size_t base)
{
    zg_cy_exec *x = w->x;
    const zg_cy_step *st = &w->m->steps[si];
    const zg_cypher_node *rel = st->el[k], *np = st->el[k + 1];
    const zg_cypher_node *range = rel_range(rel);
    size_t min = range->ival < 0 ? 1 : (size_t)range->ival;
    int capped = range->max < 0;
    size_t max = capped ? x->max_hops : (size_t)range->max;
    int s = rel->text ? rel->slot : -1;
    rel_walk rw;
    zg_id e, far;
    int ok, r;

    if (d >= min) {
        int nb_node, nb_rel = 0;
        zg_value list;
        if (s >= 0) {
            if (edge_list(x, seg, x->n_trail, st->reversed, &list) != ZG_CY_GO)
                return ZG_CY_FAIL;
            if (x->bound[s]) {
                if (zg_cypher__equal(&w->row[s], &list) != ZG_CY_TRUE)
                    goto deeper;
            } else {
                w->row[s] = list;
                x->bound[s] = 1;
                nb_rel = 1;
            }
        }
        r = bind_node(x, np, v, w->row, &ok, &nb_node);
        if (r == ZG_CY_GO && ok) {
            r = walk_el(w, si, k + 2, v, base);
            unbind(x, np, nb_node);
        }
        if (nb_rel)
            x->bound[s] = 0;
        if (r != ZG_CY_GO)
            return r;
    }
deeper:
    if (d >= max && !capped)
        return ZG_CY_GO;
    rel_walk_start(&rw, x->rt.g, rel, st->reversed, v);
    while (rel_walk_next(&rw, &e, &far)) {
        if (used(x, w->used_base, e))
            continue;
        if (edge_ok(x, rel, e, w->row, &ok) != ZG_CY_GO)
            return ZG_CY_FAIL;
        if (!ok)
            continue;
        if (d >= max) {
            zg_error_set(x->rt.err, ZG_ERR_LIMIT, NULL, rel->line, rel->column,
                         "%u:%u: a variable-length relationship went past "
                         "%zu hops, the bound of a pattern without one; "
                         "write an upper bound (*..N)",
                         rel->line, rel->column, max);
            return ZG_CY_FAIL;
        }
        if (zg_cy__work(x, rel) != ZG_CY_GO || push_used(x, e, far) != ZG_CY_GO)
            return ZG_CY_FAIL;
        r = walk_var(w, si, k, far, d + 1, seg, base);
        pop_used(x, e);
        if (r != ZG_CY_GO)
            return r;
    }
    return ZG_CY_GO;
}

/* Standing on `u`, the element at `k` of path `si` is a relationship
 * pattern (or the end of the path). */
static int
walk_el(walk *w, size_t si, size_t k, zg_id u, size_t base)
{
    zg_cy_exec *x = w->x;
    const zg_cy_step *st = &w->m->steps[si];
    const zg_cypher_node *rel;
    rel_walk rw;
    zg_id e, far;
    int r;

    if (k >= st->n_el)
        return path_done(w, si, base, st->reversed);
    rel = st->el[k];
    if (rel_range(rel))
        return walk_var(w, si, k, u, 0, x->n_trail, base);
    rel_walk_start(&rw, x->rt.g, rel, st->reversed, u);
    while (rel_walk_next(&rw, &e, &far)) {
        if (zg_cy__work(x, rel) != ZG_CY_GO)
            return ZG_CY_FAIL;
        r = take_edge(w, si, k, e, far, base);
        if (r != ZG_CY_GO)
            return r;
    }
    return ZG_CY_GO;
}

/* ---- where a path starts ---- */

/* Nodes a name lookup takes from the name index; more fall back to a
 * scan. */
#define NAME_HITS 64

/* The value of the entry `name` of node pattern `np` when it is a
 * literal or a parameter, else NULL. */
static const zg_cypher_node *
entry(const zg_cypher_node *np, const char *name)
{
    const zg_cypher_node *map = node_props(np);
    size_t i;

    if (map == NULL || map->kind != ZG_CN_MAP)
        return NULL;
    for (i = 0; i < map->n_kids; i++) {
        const zg_cypher_node *en = map->kids[i];
        if (strcmp(en->text, name) == 0 && (en->kids[0]->kind == ZG_CN_STRING ||
                                            en->kids[0]->kind == ZG_CN_PARAM))
            return en->kids[0];
    }
    return NULL;
}

/* The first label of `np`, or NULL. */
static const zg_cypher_node *
first_label(const zg_cypher_node *np)
{
    return np->n_kids && np->kids[0]->kind == ZG_CN_LABEL ? np->kids[0] : NULL;
}

/* Call `fn` for each node path `si` may start from. */
static int
start_nodes(walk *w, size_t si)
{
    zg_cy_exec *x = w->x;
    const zg_cy_step *st = &w->m->steps[si];
    const zg_cypher_node *np = st->el[0], *lab;
    size_t base = x->n_trail, n, i, n_hits = 0;
    zg_id one = ZG_NO_ID, type = ZG_NO_ID;
    zg_hit hits[NAME_HITS];
    zg_value key;
    int r = ZG_CY_GO;

    switch (st->start) {
    case ZG_CY_START_BOUND:
        if (w->row[np->slot].kind != ZG_VAL_NODE)
            return ZG_CY_GO; /* bound to null by an OPTIONAL MATCH */
        one = w->row[np->slot].id;
        break;
    case ZG_CY_START_KEY:
        if (zg_cypher__eval(&x->rt, st->key, w->row, &key) != ZG_OK)
            return ZG_CY_FAIL;
        if (key.kind != ZG_VAL_STRING)
            return ZG_CY_GO;
        one = zg_graph_node_by_key(x->rt.g, key.str);
        if (one == ZG_NO_ID)
            return ZG_CY_GO;
        break;
    case ZG_CY_START_NAME:
        /* Every node named so matches the folded name exactly; the test
         * of the pattern then keeps the exact ones. */
        if (zg_cypher__eval(&x->rt, st->key, w->row, &key) != ZG_OK)
            return ZG_CY_FAIL;
        if (key.kind != ZG_VAL_STRING)
            return ZG_CY_GO;
        if (zg_graph_search(x->rt.g, key.str, hits, NAME_HITS, &n_hits,
                            x->rt.err) != ZG_OK)
            return ZG_CY_FAIL;
        while (n_hits > 0 && hits[n_hits - 1].score != 0)
            n_hits--;
        if (n_hits == 0)
            return ZG_CY_GO;
        if (n_hits == NAME_HITS)
            n_hits = 0; /* perhaps more: test every node */
        break;
    case ZG_CY_START_LABEL:
        lab = first_label(np);
        type = x->names[lab->slot];
        if (type == ZG_NO_ID)
            return ZG_CY_GO;
        break;
    case ZG_CY_START_ALL: break;
    }
    n = one != ZG_NO_ID ? 1 : n_hits ? n_hits : zg_graph_node_count(x->rt.g);
    for (i = 0; i < n && r == ZG_CY_GO; i++) {
        zg_id c = one != ZG_NO_ID ? one : n_hits ? hits[i].node : (zg_id)i;
        int ok, newly;
        if (zg_cy__work(x, np) != ZG_CY_GO)
            return ZG_CY_FAIL;
        if (type != ZG_NO_ID && zg_graph_node(x->rt.g, c)->type != type)
            continue;
        if (bind_node(x, np, c, w->row, &ok, &newly) != ZG_CY_GO)
            return ZG_CY_FAIL;
        if (!ok)
            continue;
        r = push_used(x, ZG_NO_ID, c);
        if (r == ZG_CY_GO) {
            r = walk_el(w, si, 1, c, base);
            pop_used(x, ZG_NO_ID);
        }
        unbind(x, np, newly);
    }
    return r;
}

/* ---- shortest paths ---- */

static int
bfs_alloc(zg_cy_exec *x)
{
    size_t n = zg_graph_node_count(x->rt.g);

    if (x->dist)
        return ZG_CY_GO;
    x->dist = calloc(n ? n : 1, sizeof *x->dist);
    x->queue = malloc((n ? n : 1) * sizeof *x->queue);
    if (x->dist == NULL || x->queue == NULL)
        return nomem(x);
    return ZG_CY_GO;
}

/* Walk back from `v` (at distance `d` + 1 from the start) to the start
 * along edges one step nearer, pushing each on the trail; at the start,
 * bind the path and go on. `all`: every shortest path, else the first. */
static int
back(walk *w, size_t si, zg_id v, uint32_t d, int all, size_t base, int *found)
{
    zg_cy_exec *x = w->x;
    const zg_cy_step *st = &w->m->steps[si];
    const zg_cypher_node *rel = st->el[1];
    rel_walk rw;
    zg_id e, far;
    int ok, r;

    if (d == 1) {
        /* The trail holds the path from its end back to its start: each
         * entry is the relation walked back and the node it led to. */
        int s = rel->text ? rel->slot : -1, nb = 0;
        *found = 1;
        if (s >= 0) {
            if (edge_list(x, base + 1, x->n_trail, 1, &w->row[s]) != ZG_CY_GO)
                return ZG_CY_FAIL;
            x->bound[s] = 1;
            nb = 1;
        }
        r = path_done(w, si, base, 1);
        if (nb)
            x->bound[s] = 0;
        return r;
    }
    rel_walk_start(&rw, x->rt.g, rel, 1, v);
    while (rel_walk_next(&rw, &e, &far)) {
        if (x->dist[far] != d - 1)
            continue;
        if (edge_ok(x, rel, e, w->row, &ok) != ZG_CY_GO)
            return ZG_CY_FAIL;
        if (!ok)
            continue;
        if (push_used(x, e, far) != ZG_CY_GO)
            return ZG_CY_FAIL;
        r = back(w, si, far, d - 1, all, base, found);
        pop_used(x, e);
        if (r != ZG_CY_GO || (*found && !all))
            return r;
    }
    return ZG_CY_GO;
}

/* Breadth-first from `a` towards `b`; then each shortest path. */
static int
shortest(walk *w, size_t si, zg_id a, zg_id b)
{
    zg_cy_exec *x = w->x;
    const zg_cy_step *st = &w->m->steps[si];
    const zg_cypher_node *rel = st->el[1];
    const zg_cypher_node *range = rel_range(rel);
    size_t max = range && range->max >= 0 ? (size_t)range->max : (size_t)-1;
    size_t min = range && range->ival >= 0 ? (size_t)range->ival : 1;
    size_t head = 0, tail = 0, i;
    int all = (st->path->flags & ZG_CF_ALL_SHORTEST) != 0;
    rel_walk rw;
    zg_id e, far;
    int ok, found = 0, r = ZG_CY_GO;
    uint32_t reached = 0;

    if (min > 1) {
        zg_cypher__fail(&x->rt, rel, "SyntaxError",
                        "a shortest path starts at 0 or 1 hops");
        return ZG_CY_FAIL;
    }
    if (bfs_alloc(x) != ZG_CY_GO)
        return ZG_CY_FAIL;
    if (a == b) {
        if (min == 0) {
            size_t base = x->n_trail;
            if (push_used(x, ZG_NO_ID, a) != ZG_CY_GO)
                return ZG_CY_FAIL;
            x->dist[a] = 1;
            x->queue[tail++] = a;
            r = back(w, si, a, 1, all, base, &found);
            pop_used(x, ZG_NO_ID);
            goto reset;
        }
        return ZG_CY_GO; /* a shortest path needs two ends */
    }
    x->dist[a] = 1;
    x->queue[tail++] = a;
    while (head < tail && !reached) {
        size_t layer_end = tail;
        for (; head < layer_end; head++) {
            zg_id v = x->queue[head];
            if (x->dist[v] - 1 >= max)
                continue;
            rel_walk_start(&rw, x->rt.g, rel, 0, v);
            while (rel_walk_next(&rw, &e, &far)) {
                if (x->dist[far])
                    continue;
                if (zg_cy__work(x, rel) != ZG_CY_GO)
                    goto fail;
                if (edge_ok(x, rel, e, w->row, &ok) != ZG_CY_GO)
                    goto fail;
                if (!ok)
                    continue;
                x->dist[far] = x->dist[v] + 1;
                x->queue[tail++] = far;
                if (far == b)
                    reached = x->dist[far];
            }
        }
    }
    if (reached) {
        size_t base = x->n_trail;
        if (push_used(x, ZG_NO_ID, b) != ZG_CY_GO)
            goto fail;
        r = back(w, si, b, reached, all, base, &found);
        pop_used(x, ZG_NO_ID);
    }
reset:
    for (i = 0; i < tail; i++)
        x->dist[x->queue[i]] = 0;
    return r;
fail:
    for (i = 0; i < tail; i++)
        x->dist[x->queue[i]] = 0;
    return ZG_CY_FAIL;
}

/* shortestPath / allShortestPaths: both ends from the row or by scan. */
static int
shortest_step(walk *w, size_t si)
{
    zg_cy_exec *x = w->x;
    const zg_cy_step *st = &w->m->steps[si];
    const zg_cypher_node *na, *nb;
    size_t n = zg_graph_node_count(x->rt.g), i, j;
    int r = ZG_CY_GO;

    if (st->n_el != 3) {
        zg_cypher__fail(&x->rt, st->path, "SyntaxError",
                        "a shortest path is a pattern of one relationship, "
                        "such as (a)-[*]-(b)");
        return ZG_CY_FAIL;
    }
    na = st->el[0];
    nb = st->el[2];

    for (i = 0; i < n && r == ZG_CY_GO; i++) {
        int ok, newa;
        zg_id a = (zg_id)i;
        if (na->text && x->bound[na->slot]) {
            if (w->row[na->slot].kind != ZG_VAL_NODE)
                return ZG_CY_GO;
            a = w->row[na->slot].id;
            i = n;
        }
        if (zg_cy__work(x, na) != ZG_CY_GO ||
            bind_node(x, na, a, w->row, &ok, &newa) != ZG_CY_GO)
            return ZG_CY_FAIL;
        if (!ok)
            continue;
        for (j = 0; j < n && r == ZG_CY_GO; j++) {
            int okb, newb;
            zg_id b = (zg_id)j;
            if (nb->text && x->bound[nb->slot]) {
                if (w->row[nb->slot].kind != ZG_VAL_NODE)
                    break;
                b = w->row[nb->slot].id;
                j = n;
            }
            if (zg_cy__work(x, nb) != ZG_CY_GO ||
                bind_node(x, nb, b, w->row, &okb, &newb) != ZG_CY_GO) {
                r = ZG_CY_FAIL;
                break;
            }
            if (!okb)
                continue;
            r = shortest(w, si, a, b);
            unbind(x, nb, newb);
        }
        unbind(x, na, newa);
    }
    return r;
}

static int
step_from(walk *w, size_t si)
{
    const zg_cy_step *st;

    if (si == w->m->n)
        return complete(w);
    st = &w->m->steps[si];
    if (st->path->flags & (ZG_CF_SHORTEST | ZG_CF_ALL_SHORTEST))
        return shortest_step(w, si);
    return start_nodes(w, si);
}

int
zg_cy__match(zg_cy_exec *x, const zg_cy_match *m, zg_value *row)
{
    walk w;
    size_t saved = x->n_used, trail = x->n_trail;
    int r;

    w.x = x;
    w.m = m;
    w.row = row;
    w.used_base = x->n_used;
    r = step_from(&w, 0);
    x->n_used = saved;
    x->n_trail = trail;
    return r;
}

/* ---- the plan ---- */

/* Nodes of the type labelled `lab`; all types are counted in one pass the
 * first time a run asks. The graph's node count when out of memory (a
 * plan that is no worse than a scan). */
static double
label_count(zg_cy_exec *x, const zg_cypher_node *lab)
{
    zg_id t = x->names[lab->slot];
    size_t n = zg_graph_node_count(x->rt.g), i;

    if (t == ZG_NO_ID)
        return 0;
    if (x->type_counts == NULL) {
        x->type_counts = calloc(zg_graph_nodetype_count(x->rt.g) + 1,
                                sizeof *x->type_counts);
        if (x->type_counts == NULL)
            return (double)n;
        for (i = 0; i < n; i++)
            x->type_counts[zg_graph_node(x->rt.g, (zg_id)i)->type]++;
    }
    return (double)x->type_counts[t];
}

/* How path `p` would start at its node pattern `np`, given the bound
 * slots in `bset`. */
static void
rate(zg_cy_exec *x, const zg_cypher_node *np, const unsigned char *bset,
     zg_cy_step *st)
{
    const zg_cypher_node *lab;

    st->key = NULL;
    if (np->text && bset[np->slot]) {
        st->start = ZG_CY_START_BOUND;
        st->estimate = 1;
    } else if ((st->key = entry(np, "key")) != NULL) {
        st->start = ZG_CY_START_KEY;
        st->estimate = 1;
    } else if ((st->key = entry(np, "name")) != NULL ||
               (st->key = entry(np, "name_en")) != NULL) {
        st->start = ZG_CY_START_NAME;
        st->estimate = 2;
    } else if ((lab = first_label(np)) != NULL) {
        st->start = ZG_CY_START_LABEL;
        st->estimate = label_count(x, lab);
    } else {
        st->start = ZG_CY_START_ALL;
        st->estimate = (double)zg_graph_node_count(x->rt.g);
    }
}

static void
mark_bound(const zg_cypher_node *p, unsigned char *bset)
{
    size_t k;

    if (p->text)
        bset[p->slot] = 1;
    for (k = 0; k < p->n_kids; k++)
        if (p->kids[k]->text)
            bset[p->kids[k]->slot] = 1;
}

zg_status
zg_cy__plan(zg_cy_exec *x, zg_cypher_node *const *paths, size_t n,
            const zg_cypher_node *where, size_t bound_below, zg_cy_match *out)
{
    unsigned char *bset = NULL, *done = NULL;
    size_t width = x->q->width, i, k;

    memset(out, 0, sizeof *out);
    out->where = where;
    out->bound_below = bound_below;
    out->steps = zg_arena_alloc(x->rt.arena, (n ? n : 1) * sizeof *out->steps);
    bset = zg_arena_alloc(x->rt.arena, width + 1);
    done = zg_arena_alloc(x->rt.arena, n + 1);
    if (out->steps == NULL || bset == NULL || done == NULL)
        return zg_error_set(x->rt.err, ZG_ERR_NOMEM, NULL, 0, 0,
                            "out of memory");
    memset(bset, 0, width + 1);
    memset(bset, 1, bound_below < width ? bound_below : width);
    memset(done, 0, n + 1);
    for (k = 0; k < n; k++) {
        zg_cy_step best = {0}, st;
        size_t pick = 0;
        int have = 0;
        for (i = 0; i < n; i++) {
            const zg_cypher_node *p = paths[i];
            int rev;
            if (done[i])
                continue;
            for (rev = 0; rev < 2; rev++) {
                int shortest =
                    (p->flags & (ZG_CF_SHORTEST | ZG_CF_ALL_SHORTEST)) != 0;
                if (rev && (p->n_kids == 1 || shortest))
                    break;
                memset(&st, 0, sizeof st);
                st.path = p;
                st.reversed = rev;
                rate(x, p->kids[rev ? p->n_kids - 1 : 0], bset, &st);
                if (shortest) {
                    /* a search for each pair of ends: after the paths
                     * that bind them */
                    zg_cy_step end = st;
                    rate(x, p->kids[p->n_kids - 1], bset, &end);
                    st.estimate *= end.estimate;
                }
                if (!have || st.estimate < best.estimate) {
                    best = st;
                    pick = i;
                    have = 1;
                }
            }
        }
        done[pick] = 1;
        best.n_el = best.path->n_kids;
        best.el = zg_arena_alloc(x->rt.arena, best.n_el * sizeof *best.el);
        if (best.el == NULL)
            return zg_error_set(x->rt.err, ZG_ERR_NOMEM, NULL, 0, 0,
                                "out of memory");
        for (i = 0; i < best.n_el; i++)
            best.el[i] = best.path->kids[best.reversed ? best.n_el - 1 - i : i];
        out->steps[out->n++] = best;
        mark_bound(best.path, bset);
    }
    return ZG_OK;
}

/* ---- EXPLAIN ---- */

static int
add_names(zg_strbuf *b, const zg_cypher_node *el, zg_cypher_kind k,
          const char *first, const char *sep)
{
    size_t i;
    int r = 0, n = 0;

    for (i = 0; i < el->n_kids; i++)
        if (el->kids[i]->kind == k) {
            r |= zg_strbuf_add(b, n++ ? sep : first);
            r |= zg_strbuf_add(b, el->kids[i]->text);
        }
    return r;
}

static int
describe_el(zg_strbuf *b, const zg_cypher_node *el, int reversed)
{
    int r = 0;
    const zg_cypher_node *range;

    if (el->kind == ZG_CN_NODE) {
        r |= zg_strbuf_add(b, "(");
        if (el->text)
            r |= zg_strbuf_add(b, el->text);
        r |= add_names(b, el, ZG_CN_LABEL, ":", ":");
        if (node_props(el))
            r |= zg_strbuf_add(b, " {…}");
        return r | zg_strbuf_add(b, ")");
    }
    r |= zg_strbuf_add(
        b, (el->flags & (reversed ? ZG_CF_RIGHT : ZG_CF_LEFT)) ? "<-[" : "-[");
    if (el->text)
        r |= zg_strbuf_add(b, el->text);
    r |= add_names(b, el, ZG_CN_TYPE, ":", "|");
    if ((range = rel_range(el)) != NULL) {
        char buf[64];
        long long lo = range->ival < 0 ? 1 : (long long)range->ival;
        if (range->max < 0)
            snprintf(buf, sizeof buf, "*%lld..", lo);
        else
            snprintf(buf, sizeof buf, "*%lld..%lld", lo, (long long)range->max);
        r |= zg_strbuf_add(b, buf);
    }
    if (rel_props(el))
        r |= zg_strbuf_add(b, " {…}");
    return r |
           zg_strbuf_add(b, (el->flags & (reversed ? ZG_CF_LEFT : ZG_CF_RIGHT))
                                ? "]->"
                                : "]-");
}

int
zg_cy__describe(const zg_cy_exec *x, const zg_cy_match *m, zg_strbuf *b)
{
    static const char *const how[] = {"bound", "by key", "by name index",
                                      "by label scan", "by scan of all nodes"};
    size_t i, k;
    int r = 0;

    (void)x;
    for (i = 0; i < m->n; i++) {
        const zg_cy_step *st = &m->steps[i];
        char buf[96];
        if (i)
            r |= zg_strbuf_add(b, "; then ");
        if (st->path->flags & (ZG_CF_SHORTEST | ZG_CF_ALL_SHORTEST))
            r |= zg_strbuf_add(b, st->path->flags & ZG_CF_SHORTEST
                                      ? "shortest path "
                                      : "all shortest paths ");
        r |= zg_strbuf_add(b, "start at ");
        r |= describe_el(b, st->el[0], st->reversed);
        snprintf(buf, sizeof buf, " %s (~%.0f)", how[st->start], st->estimate);
        r |= zg_strbuf_add(b, buf);
        if (st->n_el > 1)
            r |= zg_strbuf_add(b, ", expand ");
        for (k = 1; k < st->n_el; k++)
            r |= describe_el(b, st->el[k], st->reversed);
    }
    if (m->where)
        r |= zg_strbuf_add(b, "; filter WHERE");
    return r ? -1 : 0;
}

/* ---- patterns inside expressions ---- */

typedef struct pat_acc {
    const zg_cypher_node *proj; /* PATTERN_COMP: the projection */
    zg_value *items;
    size_t n, cap;
    int found;
} pat_acc;

static int
pat_emit(zg_cy_exec *x, void *arg, zg_value *row)
{
    pat_acc *acc = arg;
    zg_value v;

    acc->found = 1;
    if (acc->proj == NULL)
        return ZG_CY_STOP;
    if (zg_cypher__eval(&x->rt, acc->proj, row, &v) != ZG_OK)
        return ZG_CY_FAIL;
    if (acc->n == acc->cap) {
        size_t cap = acc->cap ? 2 * acc->cap : 8;
        zg_value *it = realloc(acc->items, cap * sizeof *it);
        if (it == NULL)
            return nomem(x);
        acc->items = it;
        acc->cap = cap;
    }
    acc->items[acc->n++] = v;
    return ZG_CY_GO;
}

/* The plan of pattern expression `e`, made once per run. */
static zg_status
pattern_plan(zg_cy_exec *x, const zg_cypher_node *e,
             zg_cypher_node *const *paths, size_t np,
             const zg_cypher_node *where, zg_cy_match *out)
{
    struct zg_cy_pattern_plan *pp;
    size_t i;

    for (i = 0; i < x->n_pattern_plans; i++)
        if (x->pattern_plans[i].e == e) {
            *out = x->pattern_plans[i].m;
            return ZG_OK;
        }
    ZG_TRY(zg_cy__plan(x, paths, np, where, (size_t)e->slot, out));
    if (x->n_pattern_plans == x->cap_pattern_plans) {
        size_t cap = x->cap_pattern_plans ? 2 * x->cap_pattern_plans : 4;
        pp = realloc(x->pattern_plans, cap * sizeof *pp);
        if (pp == NULL)
            return ZG_OK; /* planned again next time */
        x->pattern_plans = pp;
        x->cap_pattern_plans = cap;
    }
    x->pattern_plans[x->n_pattern_plans].e = e;
    x->pattern_plans[x->n_pattern_plans++].m = *out;
    return ZG_OK;
}

zg_status
zg_cy__pattern(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row,
               zg_value *out)
{
    zg_cy_exec *x = (zg_cy_exec *)rt;
    zg_cypher_node *const *paths = e->kids;
    size_t np = 0, width = x->q->width;
    const zg_cypher_node *where = NULL;
    unsigned char *saved = NULL;
    pat_acc acc = {0};
    zg_cy_match m;
    int r;

    if (e->kind == ZG_CN_EXISTS && e->n_kids &&
        e->kids[0]->kind == ZG_CN_SINGLE)
        return zg_cypher__fail(rt, e, "UnsupportedFeature",
                               "EXISTS with a subquery is not supported; "
                               "write EXISTS { pattern WHERE ... }");
    while (np < e->n_kids && e->kids[np] && e->kids[np]->kind == ZG_CN_PATH)
        np++;
    if (e->kind == ZG_CN_PATTERN_COMP) {
        where = e->kids[1];
        acc.proj = e->kids[2];
    } else if (e->kind == ZG_CN_EXISTS && np < e->n_kids && e->kids[np]) {
        where = e->kids[np]->kind == ZG_CN_WHERE ? e->kids[np]->kids[0]
                                                 : e->kids[np];
    }
    ZG_TRY(pattern_plan(x, e, paths, np, where, &m));
    m.emit = pat_emit;
    m.arg = &acc;
    saved = zg_arena_alloc(rt->arena, width + 1);
    if (saved == NULL)
        return zg_error_set(rt->err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
    memcpy(saved, x->bound, width);
    memset(x->bound, 0, width);
    memset(x->bound, 1, (size_t)e->slot < width ? (size_t)e->slot : width);
    r = zg_cy__match(x, &m, row);
    memcpy(x->bound, saved, width);
    if (r == ZG_CY_FAIL) {
        free(acc.items);
        return rt->err->status;
    }
    memset(out, 0, sizeof *out);
    if (acc.proj == NULL) {
        out->kind = ZG_VAL_BOOL;
        out->i = acc.found;
        return ZG_OK;
    }
    out->kind = ZG_VAL_LIST;
    out->n = acc.n;
    if (acc.n) {
        zg_value *items = zg_arena_alloc(rt->arena, acc.n * sizeof *items);
        if (items == NULL) {
            free(acc.items);
            return zg_error_set(rt->err, ZG_ERR_NOMEM, NULL, 0, 0,
                                "out of memory");
        }
        memcpy(items, acc.items, acc.n * sizeof *items);
        out->items = items;
    }
    free(acc.items);
    return ZG_OK;
}
