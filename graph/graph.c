/* SPDX-License-Identifier: MIT */
/*
 * The graph store: append-only arrays with dense ids, interned strings in an
 * arena, uthash tables from key to id, and transactions that undo by
 * truncating back to a mark. Derived indexes (adjacency, per-node slices,
 * folded names) are rebuilt on commit into fresh arrays and swapped in only
 * when the whole build succeeded, so a failed commit leaves the previous
 * indexes valid for the rolled-back data.
 */
#include "graph_internal.h"

#include <assert.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

static zg_status
nomem(zg_error *err)
{
    return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/* Make room for one more element in a growable array. */
static int
grow(void *pp, size_t *cap, size_t n, size_t elsize)
{
    void **p = pp;
    size_t ncap;
    void *np;

    if (n < *cap)
        return 1;
    ncap = *cap ? *cap * 2 : 16;
    if (ncap > SIZE_MAX / elsize)
        return 0;
    np = realloc(*p, ncap * elsize);
    if (np == NULL)
        return 0;
    *p = np;
    *cap = ncap;
    return 1;
}

/* Make room for one more relation in each column of `g`; the columns grow
 * together, doubling like every array here. Growing by half instead saved
 * under 1 MB of peak memory on 600k relations and cost as much on 500k:
 * the slack of a large column is address space never written, which is
 * not resident, and realloc moves a large block by remapping it, without
 * a copy. 0 when out of memory, `cap_edges` then unchanged (a column
 * already grown is only larger than it). */
static int
grow_edges(zg_graph *g)
{
    zg_id **col[3] = {&g->ec.from, &g->ec.to, &g->ec.type};
    size_t ncap;
    void *np;

    if (g->n_edges < g->cap_edges)
        return 1;
    ncap = g->cap_edges ? g->cap_edges * 2 : 16;
    if (ncap > SIZE_MAX / sizeof(zg_id))
        return 0;
    for (size_t i = 0; i < 3; i++) {
        np = realloc(*col[i], ncap * sizeof(zg_id));
        if (np == NULL)
            return 0;
        *col[i] = np;
    }
    np = realloc(g->ec.prov, ncap * sizeof *g->ec.prov);
    if (np == NULL)
        return 0;
    g->ec.prov = np;
    g->cap_edges = ncap;
    return 1;
}

/* One relation's columns, for moving it (zg_graph_order_edges()). */
static void
get_edge_row(const zg_graph *g, size_t e, zg_id row[4])
{
    row[0] = g->ec.from[e];
    row[1] = g->ec.to[e];
    row[2] = g->ec.type[e];
    row[3] = g->ec.prov[e];
}

static void
set_edge_row(zg_graph *g, size_t e, const zg_id row[4])
{
    g->ec.from[e] = row[0];
    g->ec.to[e] = row[1];
    g->ec.type[e] = row[2];
    g->ec.prov[e] = row[3];
}

/* A string being looked up among the interned ones. */
typedef struct str_probe {
    const zg_graph *g;
    const char *s;
    size_t len;
} str_probe;

static int
str_same(const void *ctx, zg_id id)
{
    const str_probe *p = ctx;
    const char *o = p->g->strs[id];

    return memcmp(o, p->s, p->len) == 0 && o[p->len] == '\0';
}

static uint32_t
str_hash(const char *s, size_t len)
{
    return zg_hash_bytes(s, len);
}

/* Intern `s` (NULL stays NULL): equal strings share one stable copy, so
 * pointer equality is string equality for interned text. */
static zg_status
intern(zg_graph *g, const char *s, const char **out)
{
    str_probe probe = {g, s, 0};
    uint32_t h;
    zg_id id;
    char *copy;

    *out = NULL;
    if (s == NULL)
        return ZG_OK;
    probe.len = strlen(s);
    h = str_hash(s, probe.len);
    id = zg_idtab_find(&g->str_ids, h, str_same, &probe);
    if (id != ZG_NO_ID) {
        *out = g->strs[id];
        return ZG_OK;
    }
    if (g->n_strs >= ZG_NO_ID - 1 ||
        !grow(&g->strs, &g->cap_strs, g->n_strs, sizeof *g->strs))
        return ZG_ERR_NOMEM;
    copy = zg_arena_strndup(&g->arena, s, probe.len);
    if (copy == NULL || !zg_idtab_add(&g->str_ids, h, (zg_id)g->n_strs))
        return ZG_ERR_NOMEM;
    g->strs[g->n_strs++] = copy;
    *out = copy;
    return ZG_OK;
}

#define INTERN(field)                                                          \
    do {                                                                       \
        if (intern(g, (field), &(field)) != ZG_OK)                             \
            return nomem(err);                                                 \
    } while (0)

static int
same(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

/* ---- relation identity ----
 *
 * A relation's identity is (from, type, to, source, evidence); its text is
 * interned, so the pointers stand for the strings. Repeats are found by
 * sorting edge ids by identity (an LSD radix sort over the ends and type,
 * then the rare runs with equal ends and type by their text) and comparing
 * neighbours: no table entry per relation. */

/* The identity of one relation, as a key to search for. */
typedef struct edge_key {
    zg_id from, to, type;
    uintptr_t source, evidence;
} edge_key;

static void
edge_key_of(const zg_graph *g, zg_id e, edge_key *k)
{
    const edge_prov *pv = zg_graph__prov(g, e);

    k->from = g->ec.from[e];
    k->to = g->ec.to[e];
    k->type = g->ec.type[e];
    k->source = pv ? (uintptr_t)pv->source : 0;
    k->evidence = pv ? (uintptr_t)pv->evidence : 0;
}

static int
cmp_u(uintptr_t a, uintptr_t b)
{
    return (a > b) - (a < b);
}

/* Key order: from, to, type, source, evidence. */
static int
edge_key_cmp(const edge_key *a, const edge_key *b)
{
    int c = cmp_u(a->from, b->from);

    if (c == 0)
        c = cmp_u(a->to, b->to);
    if (c == 0)
        c = cmp_u(a->type, b->type);
    if (c == 0)
        c = cmp_u(a->source, b->source);
    if (c == 0)
        c = cmp_u(a->evidence, b->evidence);
    return c;
}

/* Compare edge `e` with `k`. */
static int
edge_cmp_key(const zg_graph *g, zg_id e, const edge_key *k)
{
    edge_key ke;

    edge_key_of(g, e, &ke);
    return edge_key_cmp(&ke, k);
}

/* A relation of a run with equal ends and type, sorted by its text. */
typedef struct text_rec {
    uintptr_t source, evidence;
    zg_id id;
} text_rec;

static int
text_rec_cmp(const void *pa, const void *pb)
{
    const text_rec *a = pa, *b = pb;
    int c = cmp_u(a->source, b->source);

    if (c == 0)
        c = cmp_u(a->evidence, b->evidence);
    if (c == 0)
        c = cmp_u(a->id, b->id);
    return c;
}

/* Sort the `n` ids of `run` (equal ends and type) by source, evidence,
 * then id. 0 when out of memory. */
static int
sort_run(const zg_graph *g, zg_id *run, size_t n)
{
    text_rec *t = malloc(n * sizeof *t);

    if (t == NULL)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const edge_prov *pv = zg_graph__prov(g, run[i]);
        t[i].source = pv ? (uintptr_t)pv->source : 0;
        t[i].evidence = pv ? (uintptr_t)pv->evidence : 0;
        t[i].id = run[i];
    }
    qsort(t, n, sizeof *t, text_rec_cmp);
    for (size_t i = 0; i < n; i++)
        run[i] = t[i].id;
    free(t);
    return 1;
}

#define RADIX_BITS 11u
#define RADIX_SIZE (1u << RADIX_BITS)

/* One stable counting pass: `in` into `out` by the digit of col[id] at
 * `shift`. 0 when every id has the same digit (nothing moved). */
static int
radix_pass(const zg_id *col, const zg_id *in, zg_id *out, size_t n,
           unsigned shift, uint32_t *count)
{
    size_t sum = 0;

    memset(count, 0, RADIX_SIZE * sizeof *count);
    for (size_t i = 0; i < n; i++)
        count[(col[in[i]] >> shift) & (RADIX_SIZE - 1)]++;
    for (size_t d = 0; d < RADIX_SIZE; d++) {
        size_t c = count[d];
        if (c == n)
            return 0;
        count[d] = (uint32_t)sum;
        sum += c;
    }
    for (size_t i = 0; i < n; i++)
        out[count[(col[in[i]] >> shift) & (RADIX_SIZE - 1)]++] = in[i];
    return 1;
}

/* The ids of edges [first, last) of `g` in identity order, ties by id,
 * in a new array (*out, to free). 0 when out of memory. */
static int
sort_edges(const zg_graph *g, size_t first, size_t last, zg_id **out)
{
    const zg_id *col[3] = {g->ec.type, g->ec.to, g->ec.from};
    size_t bound[3] = {g->n_rtypes, g->n_nodes, g->n_nodes};
    size_t n = last - first;
    uint32_t *count = NULL;
    zg_id *a = NULL, *b = NULL;
    int ok = 0;

    *out = NULL;
    a = malloc((n ? n : 1) * sizeof *a);
    b = malloc((n ? n : 1) * sizeof *b);
    count = malloc(RADIX_SIZE * sizeof *count);
    if (a == NULL || b == NULL || count == NULL)
        goto out;
    for (size_t i = 0; i < n; i++)
        a[i] = (zg_id)(first + i);
    /* least significant first: type, then to, then from */
    for (int c = 0; c < 3; c++)
        for (unsigned shift = 0;
             shift < 32 && ((uint64_t)1 << shift) < bound[c];
             shift += RADIX_BITS)
            if (radix_pass(col[c], a, b, n, shift, count)) {
                zg_id *t = a;
                a = b;
                b = t;
            }
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && g->ec.from[a[j]] == g->ec.from[a[i]] &&
                        g->ec.to[a[j]] == g->ec.to[a[i]] &&
                        g->ec.type[a[j]] == g->ec.type[a[i]];
             j++)
            ;
        if (j - i > 1 && !sort_run(g, a + i, j - i))
            goto out;
    }
    *out = a;
    a = NULL;
    ok = 1;
out:
    free(a);
    free(b);
    free(count);
    return ok;
}

/* Whether edges `a` and `b` have the same identity. */
static int
edge_same(const zg_graph *g, zg_id a, zg_id b)
{
    edge_key ka, kb;

    edge_key_of(g, a, &ka);
    edge_key_of(g, b, &kb);
    return edge_key_cmp(&ka, &kb) == 0;
}

/* The committed edge with identity `k`, or ZG_NO_ID; g->by_identity
 * holds the committed edges in identity order. */
static zg_id
find_committed(const zg_graph *g, const edge_key *k)
{
    size_t lo = 0, hi = g->n_by_identity;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (edge_cmp_key(g, g->by_identity[mid], k) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < g->n_by_identity && edge_cmp_key(g, g->by_identity[lo], k) == 0)
        return g->by_identity[lo];
    return ZG_NO_ID;
}

/* Sort the edges of the open transaction by identity into g->tx_sorted
 * and find the first edge (lowest id) that repeats one added before it,
 * unless that is done for the edges there are now. */
static zg_status
check_repeats(zg_graph *g, zg_error *err)
{
    if (g->tx_sorted_ok)
        return ZG_OK;
    free(g->tx_sorted);
    g->tx_sorted = NULL;
    if (!sort_edges(g, g->mark.edges, g->n_edges, &g->tx_sorted))
        return nomem(err);
    g->tx_repeat = ZG_NO_ID;
    for (size_t i = 1; i < g->n_edges - g->mark.edges; i++) {
        zg_id e = g->tx_sorted[i];
        if (e < g->tx_repeat && edge_same(g, g->tx_sorted[i - 1], e))
            g->tx_repeat = e;
    }
    g->tx_sorted_ok = 1;
    return ZG_OK;
}

/* Forget the sorted edges of the transaction. */
static void
drop_tx_sorted(zg_graph *g)
{
    free(g->tx_sorted);
    g->tx_sorted = NULL;
    g->tx_sorted_ok = 0;
}

/* Merge the sorted edges of the transaction into the committed edges in
 * identity order, when the graph keeps that order; a shortage of memory
 * drops it (the next transaction that needs it sorts it anew). */
static void
merge_by_identity(zg_graph *g)
{
    size_t n_old = g->n_by_identity, n_new = g->n_edges - g->mark.edges;
    size_t i = 0, j = 0, k = 0;
    zg_id *m;

    if (g->by_identity == NULL || n_new == 0)
        return;
    m = malloc((n_old + n_new) * sizeof *m);
    if (m == NULL) {
        free(g->by_identity);
        g->by_identity = NULL;
        g->n_by_identity = 0;
        return;
    }
    while (i < n_old && j < n_new) {
        edge_key kj;
        edge_key_of(g, g->tx_sorted[j], &kj);
        if (edge_cmp_key(g, g->by_identity[i], &kj) < 0)
            m[k++] = g->by_identity[i++];
        else
            m[k++] = g->tx_sorted[j++];
    }
    while (i < n_old)
        m[k++] = g->by_identity[i++];
    while (j < n_new)
        m[k++] = g->tx_sorted[j++];
    free(g->by_identity);
    g->by_identity = m;
    g->n_by_identity = k;
}

/* An alias's identity is (node, text), the text interned. */
static uint32_t
alias_hash(const alias_rec *r)
{
    return zg_idtab_mix(r->owner, (uint64_t)(uintptr_t)r->a.text);
}

typedef struct alias_probe {
    const zg_graph *g;
    const alias_rec *r;
} alias_probe;

static int
alias_same(const void *ctx, zg_id id)
{
    const alias_probe *p = ctx;
    const alias_rec *o = &p->g->aliases[id];

    return o->owner == p->r->owner && o->a.text == p->r->a.text;
}

/* A property's identity is (owner, name), and for a figure also its date
 * and kind; the text is interned. Nodes and edges have a table each. */
static uint32_t
prop_hash(const prop_rec *r)
{
    int fig = r->p.kind == ZG_PROP_FIGURE;
    uint64_t text = (uint64_t)(uintptr_t)r->p.name;

    if (fig)
        text = text * 31 ^ (uint64_t)(uintptr_t)r->p.date * 131 ^
               (uint64_t)(uintptr_t)r->p.figure_kind;
    return zg_idtab_mix(r->owner, text);
}

typedef struct prop_probe {
    const prop_rec *recs;
    const prop_rec *r;
} prop_probe;

static int
prop_same(const void *ctx, zg_id id)
{
    const prop_probe *p = ctx;
    const prop_rec *o = &p->recs[id];
    int fig_o = o->p.kind == ZG_PROP_FIGURE,
        fig_r = p->r->p.kind == ZG_PROP_FIGURE;

    return o->owner == p->r->owner && o->p.name == p->r->p.name &&
           (fig_o ? o->p.date : NULL) == (fig_r ? p->r->p.date : NULL) &&
           (fig_o ? o->p.figure_kind : NULL) ==
               (fig_r ? p->r->p.figure_kind : NULL);
}

static const char *
name_of(const zg_graph *g, named what, zg_id id)
{
    switch (what) {
    case NAMED_NTYPE: return g->ntypes[id].name;
    case NAMED_RTYPE: return g->rtypes[id].info.name;
    case NAMED_SOURCE: return g->sources[id].id;
    case NAMED_NODE: return g->nodes[id].key;
    case NAMED_COUNT: break;
    }
    return NULL;
}

typedef struct name_probe {
    const zg_graph *g;
    named what;
    const char *name;
} name_probe;

static int
name_same(const void *ctx, zg_id id)
{
    const name_probe *p = ctx;

    return strcmp(name_of(p->g, p->what, id), p->name) == 0;
}

static zg_id
find_id(const zg_graph *g, named what, const char *name)
{
    name_probe probe = {g, what, name};

    if (name == NULL)
        return ZG_NO_ID;
    return zg_idtab_find(&g->named_ids[what], str_hash(name, strlen(name)),
                         name_same, &probe);
}

/* Index record `id` under its name; 0 when out of memory. */
static int
add_named(zg_graph *g, named what, zg_id id)
{
    const char *name = name_of(g, what, id);

    return zg_idtab_add(&g->named_ids[what], str_hash(name, strlen(name)), id);
}

/* Unindex records `from` .. `to` - 1, last first. */
static void
remove_named(zg_graph *g, named what, size_t from, size_t to)
{
    for (size_t i = to; i > from; i--) {
        const char *name = name_of(g, what, (zg_id)(i - 1));
        zg_idtab_remove(&g->named_ids[what], str_hash(name, strlen(name)),
                        (zg_id)(i - 1));
    }
}

static const char **
node_field(zg_graph *g, zg_id n, size_t offset)
{
    return (const char **)(void *)((char *)&g->nodes[n] + offset);
}

/* Set a text field of node `n`, remembering the old value for rollback. */
static zg_status
set_field(zg_graph *g, zg_id n, size_t offset, const char *value)
{
    const char **field = node_field(g, n, offset);

    if (!grow(&g->undo, &g->cap_undo, g->n_undo, sizeof *g->undo))
        return ZG_ERR_NOMEM;
    g->undo[g->n_undo].node = n;
    g->undo[g->n_undo].offset = offset;
    g->undo[g->n_undo].old = *field;
    g->n_undo++;
    *field = value;
    return ZG_OK;
}

/* ---- life cycle ---- */

zg_status
zg_graph_new(zg_graph **out, zg_error *err)
{
    zg_graph *g;

    *out = NULL;
    g = calloc(1, sizeof *g);
    if (g == NULL)
        return nomem(err);
    zg_arena_init(&g->arena);
    g->nc = calloc(1, sizeof *g->nc);
    if (g->nc == NULL || pthread_mutex_init(&g->nc->lock, NULL) != 0) {
        free(g->nc);
        free(g);
        return nomem(err);
    }
    atomic_init(&g->nc->ready, 0);
    zg_arena_init(&g->nc->text);
    g->indexed = 1; /* the empty index matches the empty graph */
    *out = g;
    return ZG_OK;
}

static void
index_free(graph_index *ix)
{
    free(ix->out_off);
    free(ix->in_off);
    free(ix->out_e);
    free(ix->in_e);
    free(ix->out_far);
    free(ix->in_far);
    free(ix->alias_off);
    free(ix->nprop_off);
    free(ix->eprop_off);
    free(ix->aliases);
    free(ix->nprops);
    free(ix->eprops);
    memset(ix, 0, sizeof *ix);
}

void
zg_graph_free(zg_graph *g)
{
    if (g == NULL)
        return;
    if (g->snap != NULL) { /* borrowed from the mapping */
        g->ix.out_off = g->ix.in_off = NULL;
        g->ix.out_e = g->ix.in_e = g->ix.out_far = g->ix.in_far = NULL;
        memset(&g->ec, 0, sizeof g->ec);
        zg_snapfile_close(g->snap);
        zg_graph__free_lazy(g->lazy);
    }
    index_free(&g->ix);
    zg_idtab_free(&g->str_ids);
    for (size_t i = 0; i < NAMED_COUNT; i++)
        zg_idtab_free(&g->named_ids[i]);
    zg_idtab_free(&g->alias_ids);
    zg_idtab_free(&g->nprop_ids);
    zg_idtab_free(&g->eprop_ids);
    free(g->by_identity);
    free(g->tx_sorted);
    free(g->strs);
    free(g->ntypes);
    free(g->rtypes);
    free(g->sources);
    free(g->nodes);
    free(g->ec.from);
    free(g->ec.to);
    free(g->ec.type);
    free(g->ec.prov);
    free(g->provs);
    free(g->aliases);
    free(g->nprops);
    free(g->eprops);
    free(g->undo);
    zg_graph__free_names(g->nc);
    zg_folder_free(g->nc->folder);
    pthread_mutex_destroy(&g->nc->lock);
    free(g->nc);
    zg_arena_free(&g->arena);
    free(g);
}

zg_status
zg_graph_begin(zg_graph *g, zg_error *err)
{
    tx_mark *m = &g->mark;

    if (g->in_tx)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "a transaction is already open");
    if (g->snap != NULL)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "cannot add to the graph of snapshot '%s': a "
                            "snapshot is read-only (load the files it was "
                            "saved from instead)",
                            g->snap_name);
    m->ntypes = g->n_ntypes;
    m->rtypes = g->n_rtypes;
    m->sources = g->n_sources;
    m->nodes = g->n_nodes;
    m->edges = g->n_edges;
    m->provs = g->n_provs;
    m->aliases = g->n_aliases;
    m->nprops = g->n_nprops;
    m->eprops = g->n_eprops;
    m->undo = g->n_undo = 0;
    m->strs = g->n_strs;
    m->arena = zg_arena_get_mark(&g->arena);
    g->in_tx = 1;
    return ZG_OK;
}

void
zg_graph_rollback(zg_graph *g)
{
    tx_mark *m = &g->mark;

    if (!g->in_tx)
        return;
    while (g->n_undo > 0) {
        undo_rec *u = &g->undo[--g->n_undo];
        *node_field(g, u->node, u->offset) = u->old;
    }
    /* Unindex what the transaction added, last first, while its records
     * and text are still there. */
    for (size_t i = g->n_eprops; i > m->eprops; i--)
        zg_idtab_remove(&g->eprop_ids, prop_hash(&g->eprops[i - 1]),
                        (zg_id)(i - 1));
    for (size_t i = g->n_nprops; i > m->nprops; i--)
        zg_idtab_remove(&g->nprop_ids, prop_hash(&g->nprops[i - 1]),
                        (zg_id)(i - 1));
    for (size_t i = g->n_aliases; i > m->aliases; i--)
        zg_idtab_remove(&g->alias_ids, alias_hash(&g->aliases[i - 1]),
                        (zg_id)(i - 1));
    drop_tx_sorted(g);
    remove_named(g, NAMED_NODE, m->nodes, g->n_nodes);
    remove_named(g, NAMED_SOURCE, m->sources, g->n_sources);
    remove_named(g, NAMED_RTYPE, m->rtypes, g->n_rtypes);
    remove_named(g, NAMED_NTYPE, m->ntypes, g->n_ntypes);
    for (size_t i = g->n_strs; i > m->strs; i--) {
        const char *s = g->strs[i - 1];
        zg_idtab_remove(&g->str_ids, str_hash(s, strlen(s)), (zg_id)(i - 1));
    }
    g->n_strs = m->strs;
    g->n_ntypes = m->ntypes;
    g->n_rtypes = m->rtypes;
    g->n_sources = m->sources;
    g->n_nodes = m->nodes;
    g->n_edges = m->edges;
    g->n_provs = m->provs;
    g->n_aliases = m->aliases;
    g->n_nprops = m->nprops;
    g->n_eprops = m->eprops;
    zg_arena_rewind(&g->arena, m->arena);
    /* A lookup inside the transaction may have indexed names that are
     * gone now: the next lookup builds the index anew. */
    zg_graph__free_names(g->nc);
    g->in_tx = 0;
    /* The indexes were built for exactly the state at begin. */
    g->indexed = 1;
}

/* Counting sort of records by owner into a contiguous copy plus offsets. */
#define SLICE_BUILD(recs, n, owners, T, field, off_out, arr_out)               \
    do {                                                                       \
        uint32_t *off_ = calloc((owners) + 1, sizeof *off_);                   \
        T *arr_ = malloc(((n) ? (n) : 1) * sizeof *arr_);                      \
        if (off_ == NULL || arr_ == NULL) {                                    \
            free(off_);                                                        \
            free(arr_);                                                        \
            goto fail;                                                         \
        }                                                                      \
        for (size_t i_ = 0; i_ < (n); i_++)                                    \
            off_[(recs)[i_].owner + 1]++;                                      \
        for (size_t i_ = 0; i_ < (owners); i_++)                               \
            off_[i_ + 1] += off_[i_];                                          \
        for (size_t i_ = 0; i_ < (n); i_++)                                    \
            arr_[off_[(recs)[i_].owner]++] = (recs)[i_].field;                 \
        for (size_t i_ = (owners); i_ > 0; i_--)                               \
            off_[i_] = off_[i_ - 1];                                           \
        off_[0] = 0;                                                           \
        (off_out) = off_;                                                      \
        (arr_out) = arr_;                                                      \
    } while (0)

static zg_status
build_adjacency(const zg_graph *g, graph_index *ix)
{
    size_t n = g->n_nodes, m = g->n_edges;
    const zg_id *from = g->ec.from, *to = g->ec.to;

    ix->out_off = calloc(n + 1, sizeof *ix->out_off);
    ix->in_off = calloc(n + 1, sizeof *ix->in_off);
    ix->out_e = malloc((m ? m : 1) * sizeof *ix->out_e);
    ix->in_e = malloc((m ? m : 1) * sizeof *ix->in_e);
    ix->out_far = malloc((m ? m : 1) * sizeof *ix->out_far);
    ix->in_far = malloc((m ? m : 1) * sizeof *ix->in_far);
    if (!ix->out_off || !ix->in_off || !ix->out_e || !ix->in_e ||
        !ix->out_far || !ix->in_far)
        return ZG_ERR_NOMEM;
    for (size_t e = 0; e < m; e++) {
        ix->out_off[from[e] + 1]++;
        ix->in_off[to[e] + 1]++;
    }
    for (size_t i = 0; i < n; i++) {
        ix->out_off[i + 1] += ix->out_off[i];
        ix->in_off[i + 1] += ix->in_off[i];
    }
    for (size_t e = 0; e < m; e++) {
        uint32_t o = ix->out_off[from[e]]++, i = ix->in_off[to[e]]++;
        ix->out_e[o] = (zg_id)e;
        ix->out_far[o] = to[e];
        ix->in_e[i] = (zg_id)e;
        ix->in_far[i] = from[e];
    }
    for (size_t i = n; i > 0; i--) {
        ix->out_off[i] = ix->out_off[i - 1];
        ix->in_off[i] = ix->in_off[i - 1];
    }
    ix->out_off[0] = ix->in_off[0] = 0;
    return ZG_OK;
}

/* The alias and property slices of `ix`; ZG_ERR_NOMEM leaves them as
 * they were allocated so far, for index_free(). */
static zg_status
build_slices(const zg_graph *g, graph_index *ix)
{
    SLICE_BUILD(g->aliases, g->n_aliases, g->n_nodes, zg_alias, a,
                ix->alias_off, ix->aliases);
    SLICE_BUILD(g->nprops, g->n_nprops, g->n_nodes, zg_prop, p, ix->nprop_off,
                ix->nprops);
    /* Most graphs have no edge property: then no offset per edge either. */
    if (g->n_eprops)
        SLICE_BUILD(g->eprops, g->n_eprops, g->n_edges, zg_prop, p,
                    ix->eprop_off, ix->eprops);
    return ZG_OK;
fail:
    return ZG_ERR_NOMEM;
}

static zg_status
build_index(zg_graph *g, graph_index *ix, zg_error *err)
{
    memset(ix, 0, sizeof *ix);
    if (build_adjacency(g, ix) != ZG_OK || build_slices(g, ix) != ZG_OK) {
        index_free(ix);
        return nomem(err);
    }
    return ZG_OK;
}

zg_status
zg_graph__build_slices(zg_graph *g, zg_error *err)
{
    graph_index ix;

    memset(&ix, 0, sizeof ix);
    if (build_slices(g, &ix) != ZG_OK) {
        index_free(&ix);
        return nomem(err);
    }
    g->ix.alias_off = ix.alias_off;
    g->ix.nprop_off = ix.nprop_off;
    g->ix.eprop_off = ix.eprop_off;
    g->ix.aliases = ix.aliases;
    g->ix.nprops = ix.nprops;
    g->ix.eprops = ix.eprops;
    return ZG_OK;
}

int
zg_graph__index_names(zg_graph *g, named what)
{
    size_t count[NAMED_COUNT] = {g->n_ntypes, g->n_rtypes, g->n_sources,
                                 g->n_nodes};

    for (size_t i = 0; i < count[what]; i++)
        if (!add_named(g, what, (zg_id)i))
            return 0;
    return 1;
}

zg_id
zg_graph__str_index(const zg_graph *g, const char *s)
{
    str_probe probe = {g, s, strlen(s)};
    zg_id id =
        zg_idtab_find(&g->str_ids, str_hash(s, probe.len), str_same, &probe);

    return id != ZG_NO_ID && g->strs[id] == s ? id : ZG_NO_ID;
}

zg_status
zg_graph_commit(zg_graph *g, zg_error *err)
{
    graph_index ix;
    zg_status st;

    st = g->in_tx ? check_repeats(g, err) : ZG_OK;
    if (st == ZG_OK && g->in_tx && g->tx_repeat != ZG_NO_ID) {
        zg_id e = g->tx_repeat;
        st = zg_error_set(
            err, ZG_ERR_INVALID, NULL, 0, 0, "duplicate relation %s -[%s]-> %s",
            g->nodes[g->ec.from[e]].key, g->rtypes[g->ec.type[e]].info.name,
            g->nodes[g->ec.to[e]].key);
    }
    if (st == ZG_OK && g->by_identity == NULL)
        drop_tx_sorted(g); /* before the index: less memory at a time */
    if (st == ZG_OK)
        st = build_index(g, &ix, err);
    if (st != ZG_OK) {
        zg_graph_rollback(g);
        return st;
    }
    if (g->in_tx)
        merge_by_identity(g);
    drop_tx_sorted(g);
    index_free(&g->ix);
    g->ix = ix;
    zg_graph__free_names(g->nc);
    g->indexed = 1;
    g->in_tx = 0;
    g->n_undo = 0;
    return ZG_OK;
}

/* ---- building ---- */

static zg_status
need_tx(const zg_graph *g, zg_error *err)
{
    if (!g->in_tx)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "graph changes need an open transaction");
    return ZG_OK;
}

zg_status
zg_graph_add_nodetype(zg_graph *g, const zg_nodetype_info *info, zg_id *out,
                      zg_error *err)
{
    zg_nodetype_info t = *info;
    zg_id id;

    ZG_TRY(need_tx(g, err));
    if (t.name == NULL || !*t.name)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "node type without a name");
    ZG_TRY(zg_graph__check_nodetype(g, &t, err));
    id = find_id(g, NAMED_NTYPE, t.name);
    if (id != ZG_NO_ID) {
        const zg_nodetype_info *o = &g->ntypes[id];
        if (!same(o->zh, t.zh) || !same(o->en, t.en) ||
            !same(o->shape, t.shape) || !same(o->colour, t.colour) ||
            o->priority != t.priority)
            return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                                "node type '%s' is already declared "
                                "differently",
                                t.name);
        *out = id;
        return ZG_OK;
    }
    INTERN(t.name);
    INTERN(t.zh);
    INTERN(t.en);
    INTERN(t.shape);
    INTERN(t.colour);
    if (!grow(&g->ntypes, &g->cap_ntypes, g->n_ntypes, sizeof t))
        return nomem(err);
    id = (zg_id)g->n_ntypes;
    g->ntypes[id] = t;
    if (!add_named(g, NAMED_NTYPE, id))
        return nomem(err);
    g->n_ntypes++;
    g->indexed = 0;
    *out = id;
    return ZG_OK;
}

static int
id_cmp(const void *a, const void *b)
{
    zg_id x = *(const zg_id *)a, y = *(const zg_id *)b;

    return x < y ? -1 : x > y;
}

/* Parse a space-separated list of type names into ids in the arena,
 * sorted and without repeats, so that allows() is a binary search however
 * long the list is written. */
zg_status
zg_graph__type_list(zg_graph *g, const char *list, const char *rel,
                    const char *end, zg_id **ids, size_t *n, int *any,
                    zg_error *err)
{
    size_t count = 0, i = 0;
    const char *p;

    *ids = NULL;
    *n = 0;
    *any = 0;
    if (list == NULL || strcmp(list, "*") == 0) {
        *any = 1;
        return ZG_OK;
    }
    for (p = list; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        count++;
        while (*p && *p != ' ')
            p++;
    }
    if (count == 0)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "relation type '%s' allows no '%s' types", rel,
                            end);
    *ids = zg_arena_alloc(&g->arena, count * sizeof **ids);
    if (*ids == NULL)
        return nomem(err);
    for (p = list; *p;) {
        char name[256];
        size_t len;
        zg_id t;
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        len = strcspn(p, " ");
        if (len >= sizeof name)
            len = sizeof name - 1;
        memcpy(name, p, len);
        name[len] = '\0';
        p += strcspn(p, " ");
        t = find_id(g, NAMED_NTYPE, name);
        if (t == ZG_NO_ID)
            return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                                "relation type '%s' names unknown node type "
                                "'%s' in '%s'",
                                rel, name, end);
        (*ids)[i++] = t;
    }
    qsort(*ids, count, sizeof **ids, id_cmp);
    *n = 0;
    for (i = 0; i < count; i++)
        if (*n == 0 || (*ids)[*n - 1] != (*ids)[i])
            (*ids)[(*n)++] = (*ids)[i];
    return ZG_OK;
}

zg_status
zg_graph_add_reltype(zg_graph *g, const zg_reltype_info *info, zg_id *out,
                     zg_error *err)
{
    rtype_rec r;
    zg_id id;

    ZG_TRY(need_tx(g, err));
    memset(&r, 0, sizeof r);
    r.info = *info;
    if (r.info.name == NULL || !*r.info.name)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "relation type without a name");
    ZG_TRY(zg_graph__check_reltype(g, &r.info, err));
    r.info.cluster = r.info.cluster != 0;
    id = find_id(g, NAMED_RTYPE, r.info.name);
    if (id != ZG_NO_ID) {
        const zg_reltype_info *o = &g->rtypes[id].info;
        if (!same(o->zh, r.info.zh) || !same(o->en, r.info.en) ||
            !same(o->from, r.info.from) || !same(o->to, r.info.to) ||
            o->cluster != r.info.cluster)
            return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                                "relation type '%s' is already declared "
                                "differently",
                                r.info.name);
        *out = id;
        return ZG_OK;
    }
    ZG_TRY(zg_graph__type_list(g, r.info.from, r.info.name, "from", &r.from,
                               &r.n_from, &r.any_from, err));
    ZG_TRY(zg_graph__type_list(g, r.info.to, r.info.name, "to", &r.to, &r.n_to,
                               &r.any_to, err));
    INTERN(r.info.name);
    INTERN(r.info.zh);
    INTERN(r.info.en);
    INTERN(r.info.from);
    INTERN(r.info.to);
    if (!grow(&g->rtypes, &g->cap_rtypes, g->n_rtypes, sizeof r))
        return nomem(err);
    id = (zg_id)g->n_rtypes;
    g->rtypes[id] = r;
    if (!add_named(g, NAMED_RTYPE, id))
        return nomem(err);
    g->n_rtypes++;
    g->indexed = 0;
    *out = id;
    return ZG_OK;
}

zg_status
zg_graph_add_source(zg_graph *g, const zg_source_info *info, zg_id *out,
                    zg_error *err)
{
    zg_source_info s = *info;
    zg_id id;

    ZG_TRY(need_tx(g, err));
    if (s.id == NULL || !*s.id || s.title == NULL)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "source needs an id and a title");
    ZG_TRY(zg_graph__check_source(g, &s, err));
    id = find_id(g, NAMED_SOURCE, s.id);
    if (id != ZG_NO_ID) {
        const zg_source_info *o = &g->sources[id];
        if (id >= g->mark.sources)
            return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                                "duplicate source id '%s'", s.id);
        if (!same(o->title, s.title) || !same(o->publisher, s.publisher) ||
            !same(o->date, s.date) || !same(o->url, s.url) ||
            !same(o->author, s.author))
            return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                                "source '%s' conflicts with its earlier "
                                "definition",
                                s.id);
        *out = id;
        return ZG_OK;
    }
    INTERN(s.id);
    INTERN(s.title);
    INTERN(s.publisher);
    INTERN(s.date);
    INTERN(s.url);
    INTERN(s.author);
    if (!grow(&g->sources, &g->cap_sources, g->n_sources, sizeof s))
        return nomem(err);
    id = (zg_id)g->n_sources;
    g->sources[id] = s;
    if (!add_named(g, NAMED_SOURCE, id))
        return nomem(err);
    g->n_sources++;
    g->indexed = 0;
    *out = id;
    return ZG_OK;
}

/* Every id in the space-separated list `ids` is a declared source. */
static zg_status
check_sources(const zg_graph *g, const char *ids, zg_error *err)
{
    const char *p = ids;

    if (ids == NULL)
        return ZG_OK;
    while (*p) {
        char id[256];
        size_t len;
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        len = strcspn(p, " ");
        if (len >= sizeof id)
            return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                                "source id too long");
        memcpy(id, p, len);
        id[len] = '\0';
        p += len;
        if (find_id(g, NAMED_SOURCE, id) == ZG_NO_ID)
            return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                                "unknown source '%s'", id);
    }
    return ZG_OK;
}

zg_status
zg_graph_check_sources(const zg_graph *g, const char *ids, zg_error *err)
{
    return check_sources(g, ids, err);
}

/* Merge node `n` (from an earlier transaction) with a new definition. */
static zg_status
merge_node(zg_graph *g, zg_id n, const zg_node_info *v, zg_error *err)
{
    const zg_node_info *o = &g->nodes[n];
    static const size_t off[] = {
        offsetof(zg_node_info, name_en),  offsetof(zg_node_info, since),
        offsetof(zg_node_info, until),    offsetof(zg_node_info, sources),
        offsetof(zg_node_info, evidence), offsetof(zg_node_info, note)};
    static const char *const what[] = {"English name", "since",    "until",
                                       "sources",      "evidence", "note"};

    if (o->type != v->type || !same(o->name, v->name))
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "node '%s' conflicts with its earlier definition "
                            "(%s:%s vs %s:%s)",
                            v->key, g->ntypes[o->type].name, o->name,
                            g->ntypes[v->type].name, v->name);
    /* Every check before the first change, so that a refused merge
     * leaves the node as it was. */
    for (size_t i = 0; i < sizeof off / sizeof off[0]; i++) {
        const char *nv =
            *(const char *const *)(const void *)((const char *)v + off[i]);
        const char *ov = *node_field(g, n, off[i]);
        if (nv != NULL && ov != NULL && strcmp(ov, nv) != 0)
            return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                                "node '%s' conflicts with its earlier "
                                "definition: %s '%s' vs '%s'",
                                v->key, what[i], ov, nv);
    }
    ZG_TRY(zg_graph__check_merged_span(g, v, o->since ? o->since : v->since,
                                       o->until ? o->until : v->until, err));
    for (size_t i = 0; i < sizeof off / sizeof off[0]; i++) {
        const char *nv =
            *(const char *const *)(const void *)((const char *)v + off[i]);
        const char *s;
        if (nv != NULL && *node_field(g, n, off[i]) == NULL &&
            (intern(g, nv, &s) != ZG_OK || set_field(g, n, off[i], s) != ZG_OK))
            return nomem(err);
    }
    return ZG_OK;
}

/* 1 if `s` is valid UTF-8. */
static int
utf8(const char *s)
{
    return zg_utf8_valid(s, strlen(s));
}

zg_status
zg_graph_add_node(zg_graph *g, const zg_node_info *info, zg_id *out,
                  int *merged, zg_error *err)
{
    zg_node_info v = *info;
    zg_id id;

    if (merged)
        *merged = 0;
    ZG_TRY(need_tx(g, err));
    if (v.key == NULL || !*v.key || v.name == NULL || !*v.name)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "node needs an id and a name");
    /* Names are folded for lookup only when a lookup first needs them:
     * what folding would refuse is refused here, when it is added. */
    if (!utf8(v.key) || !utf8(v.name) || (v.name_en && !utf8(v.name_en)))
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "a node's id, name or English name is not "
                            "valid UTF-8");
    if (v.type >= g->n_ntypes)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "node '%s' has an unknown type", v.key);
    ZG_TRY(zg_graph__check_node(g, &v, err));
    ZG_TRY(check_sources(g, v.sources, err));
    id = find_id(g, NAMED_NODE, v.key);
    if (id != ZG_NO_ID) {
        if (id >= g->mark.nodes)
            return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                                "duplicate id '%s'", v.key);
        ZG_TRY(merge_node(g, id, &v, err));
        if (merged)
            *merged = 1;
        g->indexed = 0;
        *out = id;
        return ZG_OK;
    }
    if (g->n_nodes >= ZG_NO_ID - 1)
        return zg_error_set(err, ZG_ERR_LIMIT, NULL, 0, 0, "too many nodes");
    INTERN(v.key);
    INTERN(v.name);
    INTERN(v.name_en);
    INTERN(v.since);
    INTERN(v.until);
    INTERN(v.sources);
    INTERN(v.evidence);
    INTERN(v.note);
    if (!grow(&g->nodes, &g->cap_nodes, g->n_nodes, sizeof v))
        return nomem(err);
    id = (zg_id)g->n_nodes;
    g->nodes[id] = v;
    if (!add_named(g, NAMED_NODE, id))
        return nomem(err);
    g->n_nodes++;
    g->indexed = 0;
    *out = id;
    return ZG_OK;
}

zg_status
zg_graph_add_alias(zg_graph *g, zg_id n, const char *text, const char *lang,
                   zg_error *err)
{
    alias_rec r;
    alias_probe probe = {g, &r};
    uint32_t h;

    ZG_TRY(need_tx(g, err));
    if (n >= g->n_nodes || text == NULL)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "alias of an unknown node");
    if (!utf8(text))
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "an alias of node '%s' is not valid UTF-8",
                            g->nodes[n].key);
    ZG_TRY(zg_graph__check_alias(g, n, lang, err));
    r.owner = n;
    r.a.text = text;
    r.a.lang = lang;
    INTERN(r.a.text);
    INTERN(r.a.lang);
    h = alias_hash(&r);
    if (zg_idtab_find(&g->alias_ids, h, alias_same, &probe) != ZG_NO_ID)
        return ZG_OK;
    if (g->n_aliases >= ZG_NO_ID - 1 ||
        !grow(&g->aliases, &g->cap_aliases, g->n_aliases, sizeof r) ||
        !zg_idtab_add(&g->alias_ids, h, (zg_id)g->n_aliases))
        return nomem(err);
    g->aliases[g->n_aliases++] = r;
    g->indexed = 0;
    return ZG_OK;
}

static int
prop_equal(const zg_prop *a, const zg_prop *b)
{
    return a->kind == b->kind && same(a->value, b->value) &&
           same(a->zh, b->zh) && same(a->en, b->en) && same(a->unit, b->unit) &&
           same(a->approx, b->approx) && same(a->base, b->base) &&
           same(a->source, b->source) && same(a->evidence, b->evidence) &&
           same(a->since, b->since) && same(a->until, b->until);
}

static zg_status
add_prop(zg_graph *g, zg_id owner, int on_edge, const zg_prop *in,
         zg_error *err)
{
    prop_rec r;
    prop_rec **recs = on_edge ? &g->eprops : &g->nprops;
    size_t *n = on_edge ? &g->n_eprops : &g->n_nprops;
    size_t *cap = on_edge ? &g->cap_eprops : &g->cap_nprops;
    idtab *ids = on_edge ? &g->eprop_ids : &g->nprop_ids;
    prop_probe probe = {NULL, &r};
    uint32_t h;
    zg_id id;

    ZG_TRY(need_tx(g, err));
    if (owner >= (on_edge ? g->n_edges : g->n_nodes) || in->name == NULL ||
        in->value == NULL)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "property without owner, name or value");
    ZG_TRY(check_sources(g, in->source, err));
    ZG_TRY(zg_graph__check_prop(g, owner, on_edge, in, err));
    r.owner = owner;
    r.p = *in;
    INTERN(r.p.name);
    INTERN(r.p.value);
    INTERN(r.p.zh);
    INTERN(r.p.en);
    INTERN(r.p.unit);
    INTERN(r.p.date);
    INTERN(r.p.approx);
    INTERN(r.p.figure_kind);
    INTERN(r.p.base);
    INTERN(r.p.source);
    INTERN(r.p.evidence);
    INTERN(r.p.since);
    INTERN(r.p.until);
    h = prop_hash(&r);
    probe.recs = *recs;
    id = zg_idtab_find(ids, h, prop_same, &probe);
    if (id != ZG_NO_ID) {
        if (prop_equal(&(*recs)[id].p, &r.p))
            return ZG_OK;
        if (r.p.kind == ZG_PROP_FIGURE)
            return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                                "figure '%s' for %s is given twice with "
                                "different values",
                                r.p.name, r.p.date ? r.p.date : "no date");
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "property '%s' is given twice with different "
                            "values",
                            r.p.name);
    }
    if (*n >= ZG_NO_ID - 1 || !grow(recs, cap, *n, sizeof r) ||
        !zg_idtab_add(ids, h, (zg_id)*n))
        return nomem(err);
    (*recs)[(*n)++] = r;
    g->indexed = 0;
    return ZG_OK;
}

zg_status
zg_graph_add_node_prop(zg_graph *g, zg_id n, const zg_prop *p, zg_error *err)
{
    return add_prop(g, n, 0, p, err);
}

zg_status
zg_graph_add_edge_prop(zg_graph *g, zg_id e, const zg_prop *p, zg_error *err)
{
    return add_prop(g, e, 1, p, err);
}

static int
allows(const zg_id *ids, size_t n, int any, zg_id t)
{
    return any || (n && bsearch(&t, ids, n, sizeof *ids, id_cmp) != NULL);
}

int
zg_graph_reltype_allows_from(const zg_graph *g, zg_id r, zg_id t)
{
    const rtype_rec *rr = &g->rtypes[r];
    return allows(rr->from, rr->n_from, rr->any_from, t);
}

int
zg_graph_reltype_allows_to(const zg_graph *g, zg_id r, zg_id t)
{
    const rtype_rec *rr = &g->rtypes[r];
    return allows(rr->to, rr->n_to, rr->any_to, t);
}

zg_status
zg_graph_add_edge(zg_graph *g, const zg_edge_info *info, zg_id *out,
                  zg_error *err)
{
    zg_edge_info v = *info;
    edge_key k;
    zg_id id;
    int bare;

    ZG_TRY(need_tx(g, err));
    if (v.from >= g->n_nodes || v.to >= g->n_nodes || v.type >= g->n_rtypes)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "edge with unknown endpoint or type");
    if (!zg_graph_reltype_allows_from(g, v.type, g->nodes[v.from].type) ||
        !zg_graph_reltype_allows_to(g, v.type, g->nodes[v.to].type))
        return zg_error_set(
            err, ZG_ERR_INVALID, NULL, 0, 0,
            "relation '%s' is not allowed from %s '%s' to %s '%s' (it links "
            "%s to %s)",
            g->rtypes[v.type].info.name, g->ntypes[g->nodes[v.from].type].name,
            g->nodes[v.from].key, g->ntypes[g->nodes[v.to].type].name,
            g->nodes[v.to].key, g->rtypes[v.type].info.from,
            g->rtypes[v.type].info.to);
    ZG_TRY(check_sources(g, v.source, err));
    ZG_TRY(zg_graph__check_edge(g, &v, err));
    INTERN(v.source);
    INTERN(v.evidence);
    INTERN(v.note);
    INTERN(v.since);
    INTERN(v.until);
    /* An identical committed relation takes this one in; a repeat within
     * the transaction is found by commit. */
    if (g->mark.edges > 0) {
        if (g->by_identity == NULL) {
            if (!sort_edges(g, 0, g->mark.edges, &g->by_identity))
                return nomem(err);
            g->n_by_identity = g->mark.edges;
        }
        k.from = v.from;
        k.to = v.to;
        k.type = v.type;
        k.source = (uintptr_t)v.source;
        k.evidence = (uintptr_t)v.evidence;
        if ((id = find_committed(g, &k)) != ZG_NO_ID) {
            *out = id;
            return ZG_OK;
        }
    }
    if (g->n_edges >= ZG_NO_ID - 1)
        return zg_error_set(err, ZG_ERR_LIMIT, NULL, 0, 0, "too many edges");
    bare = !v.source && !v.evidence && !v.note && !v.since && !v.until;
    if (!bare && g->n_provs >= PROV_MAX)
        return zg_error_set(err, ZG_ERR_LIMIT, NULL, 0, 0,
                            "too many relations with provenance");
    if (!grow_edges(g) || (!bare && !grow(&g->provs, &g->cap_provs, g->n_provs,
                                          sizeof *g->provs)))
        return nomem(err);
    id = (zg_id)g->n_edges;
    g->tx_sorted_ok = 0;
    g->ec.from[id] = v.from;
    g->ec.to[id] = v.to;
    g->ec.type[id] = v.type;
    if (bare)
        g->ec.prov[id] = (uint32_t)v.basis;
    else {
        edge_prov *pv = &g->provs[g->n_provs];
        pv->source = v.source;
        pv->evidence = v.evidence;
        pv->note = v.note;
        pv->since = v.since;
        pv->until = v.until;
        g->ec.prov[id] = PROV_MAKE(v.basis, g->n_provs);
        g->n_provs++;
    }
    g->n_edges++;
    g->indexed = 0;
    *out = id;
    return ZG_OK;
}

zg_status
zg_graph_edge_repeats(zg_graph *g, void (*each)(void *ctx, zg_id e), void *ctx,
                      zg_error *err)
{
    ZG_TRY(need_tx(g, err));
    ZG_TRY(check_repeats(g, err));
    if (g->tx_repeat == ZG_NO_ID)
        return ZG_OK;
    for (size_t i = 1; i < g->n_edges - g->mark.edges; i++)
        if (edge_same(g, g->tx_sorted[i - 1], g->tx_sorted[i]))
            each(ctx, g->tx_sorted[i]);
    return ZG_OK;
}

zg_status
zg_graph_order_edges(zg_graph *g, const zg_id *order, size_t n, zg_error *err)
{
    size_t first = g->mark.edges;
    zg_id *to = NULL; /* the new id of each edge, by its old id - first */

    ZG_TRY(need_tx(g, err));
    if (n != g->n_edges - first)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "edge order of %zu edges, not %zu", n,
                            g->n_edges - first);
    if (n == 0)
        return ZG_OK;
    if ((to = malloc(n * sizeof *to)) == NULL)
        return nomem(err);
    for (size_t i = 0; i < n; i++)
        to[i] = ZG_NO_ID;
    for (size_t i = 0; i < n; i++) {
        if (order[i] < first || order[i] - first >= n ||
            to[order[i] - first] != ZG_NO_ID) {
            free(to);
            return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                                "edge order is not a permutation");
        }
        to[order[i] - first] = (zg_id)(first + i);
    }
    /* The tables keep their size, so putting an entry back cannot fail:
     * each entry moved is removed first. */
    for (size_t i = g->mark.eprops; i < g->n_eprops; i++) {
        prop_rec *r = &g->eprops[i];
        zg_id o = r->owner;
        if (o < first || to[o - first] == o)
            continue;
        zg_idtab_remove(&g->eprop_ids, prop_hash(r), (zg_id)i);
        r->owner = to[o - first];
        (void)zg_idtab_add(&g->eprop_ids, prop_hash(r), (zg_id)i);
    }
    /* Edges sorted by identity with no repeat stay sorted under their new
     * ids; with a repeat, which of two is the repeat changes: sort again. */
    if (g->tx_sorted_ok && g->tx_repeat == ZG_NO_ID)
        for (size_t k = 0; k < n; k++)
            g->tx_sorted[k] = to[g->tx_sorted[k] - first];
    else
        drop_tx_sorted(g);
    /* Move the records along each cycle of the permutation; a done edge's
     * entry in `to` becomes ZG_NO_ID. */
    for (size_t k = 0; k < n; k++) {
        zg_id cur[4];
        size_t j = k;
        if (to[k] == ZG_NO_ID)
            continue;
        get_edge_row(g, first + k, cur);
        while (to[j] != ZG_NO_ID) {
            size_t dst = to[j] - first;
            zg_id next[4];
            get_edge_row(g, first + dst, next);
            set_edge_row(g, first + dst, cur);
            to[j] = ZG_NO_ID;
            memcpy(cur, next, sizeof cur);
            j = dst;
        }
    }
    free(to);
    g->indexed = 0;
    return ZG_OK;
}

/* ---- reading ---- */

size_t
zg_graph_node_count(const zg_graph *g)
{
    return g->n_nodes;
}

size_t
zg_graph_edge_count(const zg_graph *g)
{
    return g->n_edges;
}

size_t
zg_graph_nodetype_count(const zg_graph *g)
{
    return g->n_ntypes;
}

size_t
zg_graph_reltype_count(const zg_graph *g)
{
    return g->n_rtypes;
}

size_t
zg_graph_source_count(const zg_graph *g)
{
    return g->n_sources;
}

const zg_node_info *
zg_graph_node(const zg_graph *g, zg_id n)
{
    assert(n < g->n_nodes);
    return &g->nodes[n];
}

zg_id
zg_graph_edge_from(const zg_graph *g, zg_id e)
{
    assert(e < g->n_edges);
    return zg_graph__word_ok(g, LC_FROM, e) ? g->ec.from[e] : 0;
}

zg_id
zg_graph_edge_to(const zg_graph *g, zg_id e)
{
    assert(e < g->n_edges);
    return zg_graph__word_ok(g, LC_TO, e) ? g->ec.to[e] : 0;
}

zg_id
zg_graph_edge_type(const zg_graph *g, zg_id e)
{
    assert(e < g->n_edges);
    return zg_graph__word_ok(g, LC_TYPE, e) ? g->ec.type[e] : 0;
}

zg_basis
zg_graph_edge_basis(const zg_graph *g, zg_id e)
{
    assert(e < g->n_edges);
    return zg_graph__word_ok(g, LC_PROV, e) ? PROV_BASIS(g->ec.prov[e])
                                            : ZG_BASIS_STATED;
}

void
zg_graph_edge_get(const zg_graph *g, zg_id e, zg_edge_info *out)
{
    const edge_prov *pv;

    assert(e < g->n_edges);
    pv = zg_graph__prov(g, e);
    out->from = zg_graph_edge_from(g, e);
    out->type = zg_graph_edge_type(g, e);
    out->to = zg_graph_edge_to(g, e);
    out->basis = zg_graph_edge_basis(g, e);
    out->source = pv ? pv->source : NULL;
    out->evidence = pv ? pv->evidence : NULL;
    out->note = pv ? pv->note : NULL;
    out->since = pv ? pv->since : NULL;
    out->until = pv ? pv->until : NULL;
}

const zg_nodetype_info *
zg_graph_nodetype(const zg_graph *g, zg_id t)
{
    assert(t < g->n_ntypes);
    return &g->ntypes[t];
}

const zg_reltype_info *
zg_graph_reltype(const zg_graph *g, zg_id r)
{
    assert(r < g->n_rtypes);
    return &g->rtypes[r].info;
}

const zg_source_info *
zg_graph_source(const zg_graph *g, zg_id s)
{
    assert(s < g->n_sources);
    return &g->sources[s];
}

zg_id
zg_graph_node_by_key(const zg_graph *g, const char *key)
{
    if (g->snap != NULL)
        return zg_graph__saved_node_by_key(g, key);
    return find_id(g, NAMED_NODE, key);
}

zg_id
zg_graph_nodetype_by_name(const zg_graph *g, const char *name)
{
    return find_id(g, NAMED_NTYPE, name);
}

zg_id
zg_graph_reltype_by_name(const zg_graph *g, const char *name)
{
    return find_id(g, NAMED_RTYPE, name);
}

zg_id
zg_graph_source_by_id(const zg_graph *g, const char *id)
{
    return find_id(g, NAMED_SOURCE, id);
}

size_t
zg_graph_out_edges(const zg_graph *g, zg_id n, const zg_id **out)
{
    assert(g->indexed && n < g->n_nodes);
    if (g->lazy != NULL && !zg_graph__adj_ok(g, n, 1)) {
        *out = g->ix.out_e; /* an empty list, at the array's start */
        return 0;
    }
    *out = g->ix.out_e + g->ix.out_off[n];
    return g->ix.out_off[n + 1] - g->ix.out_off[n];
}

size_t
zg_graph_in_edges(const zg_graph *g, zg_id n, const zg_id **out)
{
    assert(g->indexed && n < g->n_nodes);
    if (g->lazy != NULL && !zg_graph__adj_ok(g, n, 0)) {
        *out = g->ix.in_e; /* an empty list, at the array's start */
        return 0;
    }
    *out = g->ix.in_e + g->ix.in_off[n];
    return g->ix.in_off[n + 1] - g->ix.in_off[n];
}

zg_adjacency
zg_graph_adjacency(const zg_graph *g, zg_id n, int outward)
{
    zg_adjacency a;
    uint32_t at;

    assert(g->indexed && n < g->n_nodes);
    a.g = g;
    a.next = 0;
    a.outward = outward;
    if (g->lazy != NULL && !zg_graph__adj_ok(g, n, outward)) {
        a.count = 0; /* an empty walk, at the arrays' start */
        a.edges = outward ? g->ix.out_e : g->ix.in_e;
        a.far = outward ? g->ix.out_far : g->ix.in_far;
    } else if (outward) {
        at = g->ix.out_off[n];
        a.count = g->ix.out_off[n + 1] - at;
        a.edges = g->ix.out_e + at;
        a.far = g->ix.out_far + at;
    } else {
        at = g->ix.in_off[n];
        a.count = g->ix.in_off[n + 1] - at;
        a.edges = g->ix.in_e + at;
        a.far = g->ix.in_far + at;
    }
    return a;
}

size_t
zg_graph_node_aliases(const zg_graph *g, zg_id n, const zg_alias **out)
{
    assert(g->indexed && n < g->n_nodes);
    *out = g->ix.aliases + g->ix.alias_off[n];
    return g->ix.alias_off[n + 1] - g->ix.alias_off[n];
}

size_t
zg_graph_node_props(const zg_graph *g, zg_id n, const zg_prop **out)
{
    assert(g->indexed && n < g->n_nodes);
    *out = g->ix.nprops + g->ix.nprop_off[n];
    return g->ix.nprop_off[n + 1] - g->ix.nprop_off[n];
}

size_t
zg_graph_edge_props(const zg_graph *g, zg_id e, const zg_prop **out)
{
    static const zg_prop none[1];

    assert(g->indexed && e < g->n_edges);
    if (g->ix.eprop_off == NULL) {
        *out = none;
        return 0;
    }
    *out = g->ix.eprops + g->ix.eprop_off[e];
    return g->ix.eprop_off[e + 1] - g->ix.eprop_off[e];
}

const zg_prop *
zg_graph_node_prop(const zg_graph *g, zg_id n, const char *name)
{
    const zg_prop *p;
    size_t k = zg_graph_node_props(g, n, &p);

    for (size_t i = 0; i < k; i++)
        if (strcmp(p[i].name, name) == 0)
            return &p[i];
    return NULL;
}

const char *
zg_graph_node_label(const zg_graph *g, zg_id n, int en)
{
    const zg_node_info *v = zg_graph_node(g, n);
    return en && v->name_en ? v->name_en : v->name;
}
