/* SPDX-License-Identifier: MIT */
/*
 * Names: the folded-name index (built on commit), resolving a name a person
 * typed to one node, and fuzzy search. Every id, name, English name and
 * alias is folded (zg_text.h) and maps to the nodes it names.
 */
#include "graph_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define END UINT32_MAX

void
zg_graph__free_names(name_cache *nc)
{
    HASH_CLEAR(hh, nc->names);
    free(nc->name_pool);
    free(nc->postings);
    zg_arena_free(&nc->text);
    nc->name_pool = NULL;
    nc->postings = NULL;
    nc->n_names = 0;
    atomic_store_explicit(&nc->ready, 0, memory_order_relaxed);
}

/*
 * The (name, node) pairs already posted while the index is built, so that
 * a node is posted once per name in constant time: walking the posting
 * list instead made n nodes of one name cost n squared. Open addressing
 * over 64-bit keys, at most half full.
 */
typedef struct pairset {
    uint64_t *slot; /* 0: empty; else (name index << 32 | node) + 1 */
    size_t mask;
} pairset;

static int
pairset_init(pairset *s, size_t n)
{
    size_t cap = 16;

    while (cap < 2 * n)
        cap *= 2;
    s->slot = calloc(cap, sizeof *s->slot);
    s->mask = cap - 1;
    return s->slot != NULL;
}

/* 1 if the pair was new (and is now in the set), 0 if it was there. */
static int
pairset_add(pairset *s, uint32_t name, zg_id node)
{
    uint64_t key = ((uint64_t)name << 32 | node) + 1;
    uint64_t h = zg_hash_mix64(key); /* consecutive keys spread out */

    for (size_t i = (size_t)h & s->mask;; i = (i + 1) & s->mask) {
        if (s->slot[i] == key)
            return 0;
        if (s->slot[i] == 0) {
            s->slot[i] = key;
            return 1;
        }
    }
}

static zg_status
add_name(name_cache *ix, pairset *seen, size_t *n_post, zg_id node,
         const char *text, zg_error *err)
{
    char *folded = NULL;
    name_ent *e = NULL;
    posting *p;
    zg_status st;

    if (text == NULL)
        return ZG_OK;
    st = zg_fold(ix->folder, text, strlen(text), &folded, err);
    if (st != ZG_OK)
        return st;
    if (*folded == '\0') {
        free(folded);
        return ZG_OK;
    }
    HASH_FIND_STR(ix->names, folded, e);
    if (e == NULL) {
        e = &ix->name_pool[ix->n_names];
        e->folded = zg_arena_strdup(&ix->text, folded);
        if (e->folded == NULL)
            goto nomem;
        e->first = END;
        HASH_ADD_KEYPTR(hh, ix->names, e->folded, strlen(e->folded), e);
        if (e->hh.tbl == NULL)
            goto nomem;
        ix->n_names++;
    }
    free(folded);
    /* Skip a second posting of the same node (name and alias alike). */
    if (!pairset_add(seen, (uint32_t)(e - ix->name_pool), node))
        return ZG_OK;
    p = &ix->postings[*n_post];
    p->node = node;
    p->text = text;
    p->next = e->first;
    e->first = (uint32_t)(*n_post)++;
    return ZG_OK;
nomem:
    free(folded);
    return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

static zg_status
build_names(const zg_graph *g, name_cache *ix, zg_error *err)
{
    size_t cap = 3 * g->n_nodes + g->n_aliases, n_post = 0;
    pairset seen = {NULL, 0};
    zg_status st = ZG_OK;

    ix->names = NULL;
    ix->n_names = 0;
    ix->name_pool = calloc(cap ? cap : 1, sizeof *ix->name_pool);
    ix->postings = calloc(cap ? cap : 1, sizeof *ix->postings);
    if (ix->name_pool == NULL || ix->postings == NULL ||
        !pairset_init(&seen, cap))
        return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
    for (size_t n = 0; n < g->n_nodes && st == ZG_OK; n++) {
        const zg_node_info *v = &g->nodes[n];
        st = add_name(ix, &seen, &n_post, (zg_id)n, v->name, err);
        if (st == ZG_OK)
            st = add_name(ix, &seen, &n_post, (zg_id)n, v->name_en, err);
        if (st == ZG_OK)
            st = add_name(ix, &seen, &n_post, (zg_id)n, v->key, err);
    }
    for (size_t i = 0; i < g->n_aliases && st == ZG_OK; i++)
        st = add_name(ix, &seen, &n_post, g->aliases[i].owner,
                      g->aliases[i].a.text, err);
    free(seen.slot);
    return st;
}

zg_status
zg_graph__need_names(const zg_graph *g, zg_error *err)
{
    name_cache *nc = g->nc;
    zg_status st = ZG_OK;

    if (atomic_load_explicit(&nc->ready, memory_order_acquire))
        return ZG_OK;
    pthread_mutex_lock(&nc->lock);
    if (!atomic_load_explicit(&nc->ready, memory_order_relaxed)) {
        if (nc->folder == NULL)
            st = zg_folder_new(&nc->folder, err);
        if (st == ZG_OK) {
            zg_graph__free_names(nc);
            st = build_names(g, nc, err);
        }
        if (st == ZG_OK)
            atomic_store_explicit(&nc->ready, 1, memory_order_release);
        else
            zg_graph__free_names(nc);
    }
    pthread_mutex_unlock(&nc->lock);
    return st;
}

/* Split "type:name" when the prefix is a declared node type. */
static const char *
split_qualifier(const zg_graph *g, const char *name, zg_id *type)
{
    const char *colon = strchr(name, ':');
    char buf[128];
    size_t len;

    *type = ZG_NO_ID;
    if (colon == NULL)
        return name;
    len = (size_t)(colon - name);
    if (len == 0 || len >= sizeof buf)
        return name;
    memcpy(buf, name, len);
    buf[len] = '\0';
    *type = zg_graph_nodetype_by_name(g, buf);
    return *type == ZG_NO_ID ? name : colon + 1;
}

/* Append "type:key (name)" for node `n` to `buf`. */
static void
describe(const zg_graph *g, zg_id n, char *buf, size_t size)
{
    const zg_node_info *v = &g->nodes[n];
    size_t len = strlen(buf);

    if (len < size)
        snprintf(buf + len, size - len, "%s%s:%s (%s)", len ? ", " : "",
                 g->ntypes[v->type].name, v->key, v->name);
}

typedef struct cand {
    zg_id node;
    unsigned score;
    unsigned priority;
    const char *text;
} cand;

static int
cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;

    if (x->score != y->score)
        return x->score < y->score ? -1 : 1;
    if (x->priority != y->priority)
        return x->priority < y->priority ? -1 : 1;
    return x->node < y->node ? -1 : x->node > y->node;
}

/* Score every indexed name against the folded query; keep each node's best.
 * Fills a malloc'd array of candidates sorted best first. */
static zg_status
scan(const zg_graph *g, const char *q, zg_id type, cand **out, size_t *n_out,
     zg_error *err)
{
    const name_cache *ix = g->nc;
    size_t qlen = strlen(q), qcp = 0, n = 0;
    unsigned *best;
    const char **text;
    cand *c;

    *out = NULL;
    *n_out = 0;
    for (const char *p = q; *p; p++)
        qcp += ((unsigned char)*p & 0xC0) != 0x80;
    best = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof *best);
    text = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof *text);
    if (best == NULL || text == NULL) {
        free(best);
        free(text);
        return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < g->n_nodes; i++)
        best[i] = UINT32_MAX;
    for (size_t i = 0; i < ix->n_names; i++) {
        const name_ent *e = &ix->name_pool[i];
        unsigned score;
        if (strcmp(e->folded, q) == 0)
            score = 0;
        else if (qlen && strncmp(e->folded, q, qlen) == 0)
            score = 1;
        else if (qlen && strstr(e->folded, q) != NULL)
            score = 2;
        else {
            size_t limit = qcp / 3 ? qcp / 3 : 1, d;
            size_t ecp = 0;
            for (const char *p = e->folded; *p; p++)
                ecp += ((unsigned char)*p & 0xC0) != 0x80;
            if (qcp < 2 || (ecp > qcp ? ecp - qcp : qcp - ecp) > limit)
                continue;
            d = zg_text_distance(e->folded, q);
            if (d > limit)
                continue;
            score = 3 + (unsigned)d;
        }
        for (uint32_t p = e->first; p != END; p = ix->postings[p].next) {
            const posting *ps = &ix->postings[p];
            if (type != ZG_NO_ID && g->nodes[ps->node].type != type)
                continue;
            if (score < best[ps->node]) {
                best[ps->node] = score;
                text[ps->node] = ps->text;
            }
        }
    }
    for (size_t i = 0; i < g->n_nodes; i++)
        n += best[i] != UINT32_MAX;
    c = malloc((n ? n : 1) * sizeof *c);
    if (c == NULL) {
        free(best);
        free(text);
        return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    n = 0;
    for (size_t i = 0; i < g->n_nodes; i++) {
        if (best[i] == UINT32_MAX)
            continue;
        c[n].node = (zg_id)i;
        c[n].score = best[i];
        c[n].priority = g->ntypes[g->nodes[i].type].priority;
        c[n].text = text[i];
        n++;
    }
    free(best);
    free(text);
    qsort(c, n, sizeof *c, cand_cmp);
    *out = c;
    *n_out = n;
    return ZG_OK;
}

/* The nodes whose folded names equal `q` exactly, of type `type` unless
 * that is ZG_NO_ID, as candidates sorted as scan() sorts them: one hash
 * lookup, so resolving a name costs no pass over the index. */
static zg_status
exact(const zg_graph *g, const char *q, zg_id type, cand **out, size_t *n_out,
      zg_error *err)
{
    const name_cache *ix = g->nc;
    name_ent *e = NULL;
    size_t n = 0;
    cand *c;

    *out = NULL;
    *n_out = 0;
    HASH_FIND_STR(ix->names, q, e);
    if (e == NULL)
        return ZG_OK;
    for (uint32_t p = e->first; p != END; p = ix->postings[p].next)
        n++;
    c = malloc(n * sizeof *c);
    if (c == NULL)
        return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
    n = 0;
    for (uint32_t p = e->first; p != END; p = ix->postings[p].next) {
        const posting *ps = &ix->postings[p];
        if (type != ZG_NO_ID && g->nodes[ps->node].type != type)
            continue;
        c[n].node = ps->node;
        c[n].score = 0;
        c[n].priority = g->ntypes[g->nodes[ps->node].type].priority;
        c[n].text = ps->text;
        n++;
    }
    if (n == 0) {
        free(c);
        return ZG_OK;
    }
    qsort(c, n, sizeof *c, cand_cmp);
    *out = c;
    *n_out = n;
    return ZG_OK;
}

zg_status
zg_graph_search(const zg_graph *g, const char *text, zg_hit *hits, size_t max,
                size_t *n, zg_error *err)
{
    char *q = NULL;
    cand *c = NULL;
    size_t nc = 0;
    zg_status st;

    *n = 0;
    st = zg_graph__need_names(g, err);
    if (st != ZG_OK)
        return st;
    st = zg_fold(g->nc->folder, text, strlen(text), &q, err);
    if (st != ZG_OK)
        return st;
    st = scan(g, q, ZG_NO_ID, &c, &nc, err);
    free(q);
    if (st != ZG_OK)
        return st;
    /* Near misses are a fallback: when anything matches literally, they
     * would only be noise (濱海 is one edit from 上海). */
    if (nc > 0 && c[0].score <= 2)
        while (nc > 0 && c[nc - 1].score > 2)
            nc--;
    for (size_t i = 0; i < nc && i < max; i++) {
        hits[i].node = c[i].node;
        hits[i].score = c[i].score;
        hits[i].matched = c[i].text;
        (*n)++;
    }
    free(c);
    return ZG_OK;
}

zg_status
zg_graph_resolve(const zg_graph *g, const char *name, zg_resolution *out,
                 zg_error *err)
{
    zg_id type, n;
    const char *rest;
    char *q = NULL;
    cand *c = NULL;
    size_t nc = 0, n_exact = 0, top = 0;
    char list[400] = "";
    zg_status st;

    memset(out, 0, sizeof *out);
    out->node = ZG_NO_ID;
    n = zg_graph_node_by_key(g, name);
    if (n != ZG_NO_ID) {
        out->node = n;
        return ZG_OK;
    }
    rest = split_qualifier(g, name, &type);
    if (type != ZG_NO_ID) {
        n = zg_graph_node_by_key(g, rest);
        if (n != ZG_NO_ID && g->nodes[n].type == type) {
            out->node = n;
            return ZG_OK;
        }
    }
    st = zg_graph__need_names(g, err);
    if (st != ZG_OK)
        return st;
    st = zg_fold(g->nc->folder, rest, strlen(rest), &q, err);
    if (st != ZG_OK)
        return st;
    if (*q == '\0') {
        free(q);
        return zg_error_set(err, ZG_ERR_NOT_FOUND, NULL, 0, 0,
                            "empty name '%s'", name);
    }
    st = exact(g, q, type, &c, &nc, err);
    if (st == ZG_OK && nc == 0) /* no exact match: scan for suggestions */
        st = scan(g, q, type, &c, &nc, err);
    free(q);
    if (st != ZG_OK)
        return st;
    while (n_exact < nc && c[n_exact].score == 0)
        n_exact++;
    if (n_exact == 0) {
        for (size_t i = 0; i < nc && i < 3; i++)
            describe(g, c[i].node, list, sizeof list);
        free(c);
        if (*list)
            return zg_error_set(err, ZG_ERR_NOT_FOUND, NULL, 0, 0,
                                "no entity named '%s'; did you mean: %s?", name,
                                list);
        return zg_error_set(err, ZG_ERR_NOT_FOUND, NULL, 0, 0,
                            "no entity named '%s'", name);
    }
    /* Exact matches are sorted by type priority: the lowest must be alone. */
    while (top < n_exact && c[top].priority == c[0].priority)
        top++;
    if (top > 1) {
        for (size_t i = 0; i < n_exact; i++)
            describe(g, c[i].node, list, sizeof list);
        free(c);
        return zg_error_set(err, ZG_ERR_AMBIGUOUS, NULL, 0, 0,
                            "'%s' is ambiguous: %s", name, list);
    }
    out->node = c[0].node;
    for (size_t i = 1; i < n_exact; i++) {
        if (out->n_others < sizeof out->others / sizeof out->others[0])
            out->others[out->n_others] = c[i].node;
        out->n_others++;
    }
    free(c);
    return ZG_OK;
}
