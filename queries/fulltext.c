/* SPDX-License-Identifier: MIT */
/*
 * Full-text search (see zg_query.h): every text of a graph, folded as
 * lookup folds names, indexed by code point and by pair of adjacent code
 * points.
 *
 * A "document" is one field of one node or relation (its name, an alias,
 * a property value, an evidence sentence...). Documents are numbered
 * entity by entity (every document of node 0, then of node 1, ..., then
 * of relation 0, ...), so posting lists, which hold document numbers in
 * increasing order, meet each entity's documents next to each other and a
 * search keeps each entity's best hit in one pass. A query of one code
 * point reads that code point's list; a longer one intersects the lists of
 * its pairs, shortest first, and checks each candidate with strstr() on
 * the folded text.
 *
 * To quote a hit, the match found in the folded text is mapped back to
 * the original text by folding the original one character at a time
 * (cached per character); where that folds differently from the whole
 * text (OpenCC converts some phrases as a whole), code points are matched
 * by position when their numbers agree, and otherwise the quote is shown
 * without a mark.
 */
#include "query_internal.h"
#include "zg_arena.h"
#include "zg_text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uthash.h>

/* The field a document holds, in the order an entity's documents are
 * numbered. */
typedef enum field {
    F_NAME,
    F_EN,
    F_ID,
    F_ALIAS,
    F_PROP,         /* a property's value */
    F_FIGURE,       /* a figure's value, label or unit */
    F_NOTE,         /* the entity's note */
    F_EVIDENCE,     /* the entity's evidence */
    F_PROP_EVIDENCE /* a property's or figure's evidence */
} field;

typedef struct doc {
    const char *folded;  /* the folded text, in the index arena */
    const char *orig;    /* the text as written (borrowed from the graph) */
    const zg_prop *prop; /* the property or figure, or NULL */
    zg_id owner;         /* node or edge id */
    unsigned char edge;  /* 1: owner is an edge */
    unsigned char field; /* a field */
} doc;

/* A folded text, shared by every document with the same original text
 * pointer (the graph interns repeated text). */
typedef struct fold_ent {
    const char *orig;
    const char *folded;
    UT_hash_handle hh;
} fold_ent;

/* One character folded on its own, for mapping matches back. */
typedef struct char_ent {
    uint32_t cp;
    char folded[24]; /* "" means white space */
    UT_hash_handle hh;
} char_ent;

/* A gram: a code point (key < 2^21) or a pair (1 << 42 | a << 21 | b). */
typedef struct gram {
    uint64_t key; /* 0: empty slot */
    uint32_t count, last, off;
} gram;

struct zg_fulltext {
    const zg_graph *g;
    zg_folder *folder;
    zg_arena arena; /* folded texts */
    doc *docs;
    size_t n_docs, cap_docs;
    gram *grams; /* open addressing */
    size_t gram_mask, n_grams;
    uint32_t *postings;
    size_t n_postings;
    fold_ent *folds;  /* build time only */
    zg_arena scratch; /* build time only: the entries of `folds` */
    char_ent *chars;
    size_t n_chars;
    char ascii[128][2]; /* the fold of each ASCII character */
};

/* ---- UTF-8 ---- */

/* The code point at `s` (valid UTF-8, not at the NUL); sets *len. */
static uint32_t
decode(const char *s, size_t *len)
{
    uint32_t c;
    size_t w;

    *len = zg_text_char(s, &c, &w);
    return c;
}

static size_t
cp_count(const char *s, size_t n)
{
    size_t k = 0;

    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* Display width of bytes `from` to `to` of `s` (whole characters). */
static size_t
span_width(const char *s, size_t from, size_t to)
{
    size_t w = 0, cw, len;
    uint32_t c;

    for (size_t i = from; i < to; i += len) {
        len = zg_text_char(s + i, &c, &cw);
        w += cw;
    }
    return w;
}

/* ---- grams ---- */

static uint64_t
pair_key(uint32_t a, uint32_t b)
{
    return (uint64_t)1 << 42 | (uint64_t)a << 21 | b;
}

static gram *
gram_find(const zg_fulltext *ft, uint64_t key)
{
    if (ft->grams == NULL)
        return NULL;
    for (size_t i = (size_t)zg_hash_mix64(key) & ft->gram_mask;;
         i = (i + 1) & ft->gram_mask) {
        if (ft->grams[i].key == key)
            return &ft->grams[i];
        if (ft->grams[i].key == 0)
            return NULL;
    }
}

/* The gram of `key`, added when new; NULL when out of memory. */
static gram *
gram_add(zg_fulltext *ft, uint64_t key)
{
    size_t i;

    if (2 * (ft->n_grams + 1) > ft->gram_mask + 1) {
        size_t cap = ft->grams ? 2 * (ft->gram_mask + 1) : 4096;
        gram *t = calloc(cap, sizeof *t);
        if (t == NULL)
            return NULL;
        for (size_t j = 0; ft->grams && j <= ft->gram_mask; j++) {
            if (ft->grams[j].key == 0)
                continue;
            for (i = (size_t)zg_hash_mix64(ft->grams[j].key) & (cap - 1);
                 t[i].key; i = (i + 1) & (cap - 1))
                ;
            t[i] = ft->grams[j];
        }
        free(ft->grams);
        ft->grams = t;
        ft->gram_mask = cap - 1;
    }
    for (i = (size_t)zg_hash_mix64(key) & ft->gram_mask;;
         i = (i + 1) & ft->gram_mask) {
        if (ft->grams[i].key == key)
            return &ft->grams[i];
        if (ft->grams[i].key == 0)
            break;
    }
    ft->grams[i].key = key;
    ft->grams[i].count = 0;
    ft->grams[i].last = UINT32_MAX;
    ft->n_grams++;
    return &ft->grams[i];
}

/* Count (fill == 0) or post (fill != 0) document `d` under each of its
 * grams, once per gram. Returns 0 when out of memory. */
static int
post_doc(zg_fulltext *ft, uint32_t d, int fill)
{
    const char *s = ft->docs[d].folded;
    uint32_t prev = 0;
    size_t len;

    for (; *s; s += len) {
        uint32_t c = decode(s, &len);
        uint64_t keys[2] = {c, prev ? pair_key(prev, c) : 0};
        for (int k = 0; k < 2; k++) {
            gram *gr;
            if (keys[k] == 0)
                continue;
            gr = fill ? gram_find(ft, keys[k]) : gram_add(ft, keys[k]);
            if (gr == NULL)
                return 0;
            if (gr->last == d)
                continue;
            gr->last = d;
            if (fill)
                ft->postings[gr->off + gr->count] = d;
            gr->count++;
        }
        prev = c;
    }
    return 1;
}

/* ---- building ---- */

static zg_status
add_doc(zg_fulltext *ft, const char *text, const zg_prop *prop, zg_id owner,
        int edge, field f, zg_error *err)
{
    fold_ent *e = NULL;
    doc *d;

    if (text == NULL || *text == '\0')
        return ZG_OK;
    HASH_FIND(hh, ft->folds, &text, sizeof text, e);
    if (e == NULL) {
        char *folded = NULL;
        zg_status st = zg_fold(ft->folder, text, strlen(text), &folded, err);
        if (st == ZG_ERR_PARSE)
            return ZG_OK; /* not UTF-8 (only through the C API): unsearchable */
        if (st != ZG_OK)
            return st;
        e = zg_arena_alloc(&ft->scratch, sizeof *e);
        if (e != NULL) {
            memset(e, 0, sizeof *e);
            e->orig = text;
            e->folded = zg_arena_strdup(&ft->arena, folded);
        }
        free(folded);
        if (e == NULL || e->folded == NULL)
            return zg_query__nomem(err);
        HASH_ADD(hh, ft->folds, orig, sizeof e->orig, e);
        if (e->hh.tbl == NULL)
            return zg_query__nomem(err);
    }
    if (*e->folded == '\0')
        return ZG_OK;
    if (ft->n_docs == ft->cap_docs) {
        size_t cap = ft->cap_docs ? 2 * ft->cap_docs : 1024;
        doc *t = realloc(ft->docs, cap * sizeof *t);
        if (t == NULL)
            return zg_query__nomem(err);
        ft->docs = t;
        ft->cap_docs = cap;
    }
    d = &ft->docs[ft->n_docs++];
    d->folded = e->folded;
    d->orig = text;
    d->prop = prop;
    d->owner = owner;
    d->edge = (unsigned char)edge;
    d->field = (unsigned char)f;
    return ZG_OK;
}

/* The documents of the properties and figures `p` (`n`) of one entity. */
static zg_status
add_props(zg_fulltext *ft, const zg_prop *p, size_t n, zg_id owner, int edge,
          zg_error *err)
{
    for (size_t i = 0; i < n; i++) {
        field f = p[i].kind == ZG_PROP_FIGURE ? F_FIGURE : F_PROP;
        ZG_TRY(add_doc(ft, p[i].value, &p[i], owner, edge, f, err));
        if (f == F_FIGURE) {
            ZG_TRY(add_doc(ft, p[i].zh, &p[i], owner, edge, f, err));
            ZG_TRY(add_doc(ft, p[i].en, &p[i], owner, edge, f, err));
            ZG_TRY(add_doc(ft, p[i].unit, &p[i], owner, edge, f, err));
        }
    }
    for (size_t i = 0; i < n; i++)
        ZG_TRY(add_doc(ft, p[i].evidence, &p[i], owner, edge, F_PROP_EVIDENCE,
                       err));
    return ZG_OK;
}

static zg_status
add_all(zg_fulltext *ft, zg_error *err)
{
    const zg_graph *g = ft->g;
    size_t nn = zg_graph_node_count(g), ne = zg_graph_edge_count(g);

    for (zg_id n = 0; n < nn; n++) {
        const zg_node_info *v = zg_graph_node(g, n);
        const zg_alias *al;
        const zg_prop *p;
        size_t na = zg_graph_node_aliases(g, n, &al);
        size_t np = zg_graph_node_props(g, n, &p);
        ZG_TRY(add_doc(ft, v->name, NULL, n, 0, F_NAME, err));
        ZG_TRY(add_doc(ft, v->name_en, NULL, n, 0, F_EN, err));
        ZG_TRY(add_doc(ft, v->key, NULL, n, 0, F_ID, err));
        for (size_t i = 0; i < na; i++)
            ZG_TRY(add_doc(ft, al[i].text, NULL, n, 0, F_ALIAS, err));
        ZG_TRY(add_props(ft, p, np, n, 0, err));
        ZG_TRY(add_doc(ft, v->note, NULL, n, 0, F_NOTE, err));
        ZG_TRY(add_doc(ft, v->evidence, NULL, n, 0, F_EVIDENCE, err));
    }
    for (zg_id e = 0; e < ne; e++) {
        zg_edge_info v;
        const zg_prop *p;
        size_t np = zg_graph_edge_props(g, e, &p);
        zg_graph_edge_get(g, e, &v);
        ZG_TRY(add_props(ft, p, np, e, 1, err));
        ZG_TRY(add_doc(ft, v.note, NULL, e, 1, F_NOTE, err));
        ZG_TRY(add_doc(ft, v.evidence, NULL, e, 1, F_EVIDENCE, err));
    }
    return ZG_OK;
}

/* Build the posting lists: count, lay out, fill. */
static zg_status
index_docs(zg_fulltext *ft, zg_error *err)
{
    size_t off = 0;

    if (ft->n_docs >= UINT32_MAX)
        return zg_error_set(err, ZG_ERR_LIMIT, NULL, 0, 0,
                            "too many texts to index");
    for (size_t d = 0; d < ft->n_docs; d++)
        if (!post_doc(ft, (uint32_t)d, 0))
            return zg_query__nomem(err);
    for (size_t i = 0; ft->grams && i <= ft->gram_mask; i++) {
        gram *gr = &ft->grams[i];
        if (gr->key == 0)
            continue;
        gr->off = (uint32_t)off;
        off += gr->count;
        gr->count = 0;
        gr->last = UINT32_MAX;
    }
    ft->postings = malloc((off ? off : 1) * sizeof *ft->postings);
    if (ft->postings == NULL)
        return zg_query__nomem(err);
    ft->n_postings = off;
    for (size_t d = 0; d < ft->n_docs; d++)
        post_doc(ft, (uint32_t)d, 1);
    return ZG_OK;
}

zg_status
zg_fulltext_new(zg_fulltext **out, const zg_graph *g, zg_error *err)
{
    zg_fulltext *ft;
    zg_status st;

    *out = NULL;
    ft = calloc(1, sizeof *ft);
    if (ft == NULL)
        return zg_query__nomem(err);
    ft->g = g;
    for (int c = 0; c < 128; c++)
        ft->ascii[c][0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    zg_arena_init(&ft->arena);
    zg_arena_init(&ft->scratch);
    st = zg_folder_new(&ft->folder, err);
    if (st == ZG_OK)
        st = add_all(ft, err);
    HASH_CLEAR(hh, ft->folds); /* entries live in the scratch arena */
    zg_arena_free(&ft->scratch);
    if (st == ZG_OK && ft->n_docs > 0 && ft->n_docs < ft->cap_docs) {
        doc *t = realloc(ft->docs, ft->n_docs * sizeof *t);
        if (t != NULL) {
            ft->docs = t;
            ft->cap_docs = ft->n_docs;
        }
    }
    if (st == ZG_OK)
        st = index_docs(ft, err);
    if (st != ZG_OK) {
        zg_fulltext_free(ft);
        return st;
    }
    *out = ft;
    return ZG_OK;
}

void
zg_fulltext_free(zg_fulltext *ft)
{
    char_ent *c, *tmp;

    if (ft == NULL)
        return;
    HASH_CLEAR(hh, ft->folds);
    HASH_ITER(hh, ft->chars, c, tmp) {
        HASH_DEL(ft->chars, c);
        free(c);
    }
    zg_folder_free(ft->folder);
    zg_arena_free(&ft->arena);
    zg_arena_free(&ft->scratch);
    free(ft->docs);
    free(ft->grams);
    free(ft->postings);
    free(ft);
}

size_t
zg_fulltext_bytes(const zg_fulltext *ft)
{
    if (ft == NULL)
        return 0;
    return sizeof *ft + ft->arena.bytes + ft->cap_docs * sizeof *ft->docs +
           (ft->grams ? (ft->gram_mask + 1) * sizeof *ft->grams : 0) +
           ft->n_postings * sizeof *ft->postings +
           ft->n_chars * sizeof(char_ent);
}

/* ---- mapping a match back to the text as written ---- */

/* The fold of the one character `s` (`len` bytes, code point `c`), "" for
 * white space; NULL when out of memory or when it does not fit. */
static const char *
fold_char(zg_fulltext *ft, const char *s, size_t len, uint32_t c)
{
    static const char space[] = "";
    char_ent *e = NULL;
    char *folded = NULL;
    zg_error err;

    if (c < 0x80) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            return space;
        return ft->ascii[c];
    }
    HASH_FIND(hh, ft->chars, &c, sizeof c, e);
    if (e != NULL)
        return e->folded;
    zg_error_clear(&err);
    if (zg_fold(ft->folder, s, len, &folded, &err) != ZG_OK)
        return NULL;
    if (strlen(folded) >= sizeof e->folded) {
        free(folded);
        return NULL;
    }
    e = calloc(1, sizeof *e);
    if (e == NULL) {
        free(folded);
        return NULL;
    }
    e->cp = c;
    strcpy(e->folded, folded);
    free(folded);
    HASH_ADD(hh, ft->chars, cp, sizeof e->cp, e);
    if (e->hh.tbl == NULL) {
        free(e);
        return NULL;
    }
    ft->n_chars++;
    return e->folded;
}

/*
 * Map the match at folded bytes [fs, fe) of `folded` (the fold of `orig`)
 * to bytes [*os, *oe) of `orig`. `q` is the folded query. Returns 1 when
 * mapped, 0 when not (the quote then has no mark), -1 when out of memory.
 */
static int
map_match(zg_fulltext *ft, const char *orig, const char *folded, const char *q,
          size_t fs, size_t fe, size_t *os, size_t *oe)
{
    size_t olen = strlen(orig), cap = 4 * olen + 8, n = 0, len;
    char *s = malloc(cap);
    size_t *from = malloc(cap * sizeof *from), *to = malloc(cap * sizeof *to);
    size_t k0, k1, nf;
    int pending = 0, rc = 0;

    if (s == NULL || from == NULL || to == NULL) {
        rc = -1;
        goto out;
    }
    /* s: the fold character by character; from/to: per byte of s, the
     * bytes of orig its character came from */
    for (size_t i = 0, ws = 0; i < olen; i += len) {
        uint32_t c = decode(orig + i, &len);
        const char *piece = fold_char(ft, orig + i, len, c);
        size_t pl;
        if (piece == NULL)
            goto out;
        if (*piece == '\0') {
            if (!pending)
                ws = i;
            pending = n > 0;
            continue;
        }
        pl = strlen(piece);
        if (n + pl + 1 >= cap)
            goto out;
        if (pending) {
            from[n] = ws;
            to[n] = i;
            s[n++] = ' ';
        }
        pending = 0;
        for (size_t j = 0; j < pl; j++) {
            from[n + j] = i;
            to[n + j] = i + len;
        }
        memcpy(s + n, piece, pl);
        n += pl;
    }
    s[n] = '\0';
    if (strcmp(s, folded) == 0) {
        *os = from[fs];
        *oe = to[fe - 1];
        rc = 1;
        goto out;
    }
    /* OpenCC converted a phrase as a whole: match code points by position
     * when their numbers agree, else find the query in s. */
    nf = cp_count(folded, strlen(folded));
    if (nf == cp_count(s, n)) {
        size_t a = cp_count(folded, fs), b = cp_count(folded, fe), k = 0;
        k0 = k1 = n;
        for (size_t i = 0; i <= n; i++) {
            if (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
                continue;
            if (k == a)
                k0 = i;
            if (k == b)
                k1 = i;
            k++;
        }
        if (k0 < k1 && k1 <= n) {
            *os = from[k0];
            *oe = to[k1 - 1];
            rc = 1;
        }
        goto out;
    }
    {
        const char *m = strstr(s, q);
        if (m != NULL && *q) {
            *os = from[m - s];
            *oe = to[(size_t)(m - s) + strlen(q) - 1];
            rc = 1;
        }
    }
out:
    free(s);
    free(from);
    free(to);
    return rc;
}

/*
 * The quote of `orig` around bytes [os, oe) in at most `window` display
 * columns (the match itself always whole), with "…" where it is cut and
 * tabs and line breaks as spaces. With `marks`, 【 and 】 around the
 * match; else *cs and *ce get the match's code point offsets in the
 * quote. `os` == `oe` == (size_t)-1: no match to show, quote the start.
 * A new string (free()), NULL when out of memory.
 */
static char *
quote(const char *orig, size_t os, size_t oe, size_t window, int marks,
      long long *cs, long long *ce)
{
    size_t olen = strlen(orig), a, b, len;
    int has = os != (size_t)-1;
    size_t mw, lw, rw, budget, lb, rb;
    char *out, *w;

    if (!has)
        os = oe = 0;
    mw = span_width(orig, os, oe);
    lw = span_width(orig, 0, os);
    rw = span_width(orig, oe, olen);
    a = 0;
    b = olen;
    if (mw + lw + rw > window) {
        budget = window > mw + 2 ? window - mw - 2 : 0;
        lb = budget / 2 < lw ? budget / 2 : lw;
        rb = budget - lb < rw ? budget - lb : rw;
        lb = budget - rb < lw ? budget - rb : lw;
        /* walk left from os while the context fits in lb */
        a = os;
        for (size_t used = 0; a > 0;) {
            size_t p = a - 1, cw;
            while (p > 0 && ((unsigned char)orig[p] & 0xC0) == 0x80)
                p--;
            cw = span_width(orig, p, a);
            if (used + cw > lb)
                break;
            used += cw;
            a = p;
        }
        b = oe;
        for (size_t used = 0; b < olen;) {
            size_t cw;
            uint32_t c;
            len = zg_text_char(orig + b, &c, &cw);
            if (used + cw > rb)
                break;
            used += cw;
            b += len;
        }
    }
    out = malloc((b - a) + 2 * sizeof "…" + 2 * sizeof "【" + 1);
    if (out == NULL)
        return NULL;
    w = out;
    if (a > 0) {
        memcpy(w, "…", strlen("…"));
        w += strlen("…");
    }
    for (size_t i = a; i <= b; i++) {
        if (has && i == os) {
            if (marks) {
                memcpy(w, "【", strlen("【"));
                w += strlen("【");
            } else {
                *cs = (long long)cp_count(out, (size_t)(w - out));
            }
        }
        if (has && i == oe) {
            if (marks) {
                memcpy(w, "】", strlen("】"));
                w += strlen("】");
            } else {
                *ce = (long long)cp_count(out, (size_t)(w - out));
            }
        }
        if (i == b)
            break;
        *w++ = orig[i] == '\t' || orig[i] == '\n' || orig[i] == '\r' ? ' '
                                                                     : orig[i];
    }
    if (b < olen) {
        memcpy(w, "…", strlen("…"));
        w += strlen("…");
    }
    *w = '\0';
    return out;
}

/* ---- searching ---- */

/* A candidate hit, ordered by rank(). */
typedef struct hit {
    unsigned score;
    unsigned priority;
    unsigned char edge;
    zg_id owner;
    uint32_t doc;      /* the document that matched */
    const char *how;   /* "exact", "prefix", "substring" */
    unsigned char fit; /* 0 exact, 1 prefix, 2 substring: within a score,
                          a whole value before a part of one */
    int near;          /* a near miss at edit distance `distance` */
    unsigned distance;
} hit;

static int
hit_cmp(const hit *x, const hit *y)
{
    if (x->score != y->score)
        return x->score < y->score ? -1 : 1;
    if (x->fit != y->fit)
        return x->fit < y->fit ? -1 : 1;
    if (x->priority != y->priority)
        return x->priority < y->priority ? -1 : 1;
    if (x->edge != y->edge)
        return x->edge < y->edge ? -1 : 1;
    if (x->owner != y->owner)
        return x->owner < y->owner ? -1 : 1;
    return x->doc < y->doc ? -1 : x->doc > y->doc;
}

static int
hit_qsort(const void *a, const void *b)
{
    return hit_cmp(a, b);
}

/* A max-heap of the best `cap` hits: the worst kept is at the top. */
typedef struct heap {
    hit *h;
    size_t n, cap;
} heap;

static void
heap_push(heap *hp, const hit *x)
{
    size_t i;

    if (hp->n == hp->cap) {
        if (hit_cmp(x, &hp->h[0]) >= 0)
            return;
        /* replace the top and sift down */
        i = 0;
        for (;;) {
            size_t l = 2 * i + 1, r = l + 1, m = i;
            const hit *mv = x;
            if (l < hp->n && hit_cmp(&hp->h[l], mv) > 0) {
                m = l;
                mv = &hp->h[l];
            }
            if (r < hp->n && hit_cmp(&hp->h[r], mv) > 0)
                m = r;
            if (m == i)
                break;
            hp->h[i] = hp->h[m];
            i = m;
        }
        hp->h[i] = *x;
        return;
    }
    i = hp->n++;
    while (i > 0 && hit_cmp(&hp->h[(i - 1) / 2], x) < 0) {
        hp->h[i] = hp->h[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    hp->h[i] = *x;
}

static unsigned
field_scope(field f)
{
    switch (f) {
    case F_NAME:
    case F_EN:
    case F_ID:
    case F_ALIAS: return ZG_FT_NAMES;
    case F_PROP:
    case F_FIGURE: return ZG_FT_PROPS;
    default: return ZG_FT_EVIDENCE;
    }
}

/* The score of a match of the folded query `q` in document `d`, and how it
 * meets the field. */
static unsigned
score_of(const doc *d, const char *q, const char *m, const char **how)
{
    size_t ql = strlen(q);
    int exact = m == d->folded && d->folded[ql] == '\0';
    int prefix = m == d->folded;

    *how = exact ? "exact" : prefix ? "prefix" : "substring";
    switch ((field)d->field) {
    case F_NAME:
    case F_EN:
    case F_ID: return exact ? 0 : prefix ? 2 : 3;
    case F_ALIAS: return exact ? 1 : prefix ? 2 : 3;
    case F_PROP:
    case F_FIGURE: return 4;
    default: return 5;
    }
}

static unsigned
priority_of(const zg_graph *g, const doc *d)
{
    zg_id n = d->edge ? zg_graph_edge_from(g, d->owner) : d->owner;

    return zg_graph_nodetype(g, zg_graph_node(g, n)->type)->priority;
}

static int
visible(const zg_view *view, const doc *d)
{
    if (view == NULL)
        return 1;
    if (d->edge ? !zg_view_has_edge(view, d->owner)
                : !zg_view_has_node(view, d->owner))
        return 0;
    return d->prop == NULL || zg_view_has_prop(view, d->prop);
}

/* Intersect sorted lists a (na) and b (nb) into out; returns its length. */
static size_t
intersect(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
          uint32_t *out)
{
    size_t i = 0, j = 0, n = 0;

    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            out[n++] = a[i];
            i++;
            j++;
        }
    }
    return n;
}

typedef struct plist {
    const uint32_t *p;
    size_t n;
} plist;

static int
plist_cmp(const void *a, const void *b)
{
    const plist *x = a, *y = b;

    return x->n < y->n ? -1 : x->n > y->n;
}

/*
 * The candidate documents for the folded query `q`: a borrowed posting
 * list or, after intersecting, `*own` (free()). Sets *list and *n.
 */
static zg_status
candidates(const zg_fulltext *ft, const char *q, const uint32_t **list,
           size_t *n, uint32_t **own, zg_error *err)
{
    size_t nq = cp_count(q, strlen(q)), len, k = 0;
    plist *pl = NULL;
    uint32_t prev = 0, *buf = NULL;
    const gram *gr;

    *list = NULL;
    *n = 0;
    *own = NULL;
    if (nq == 1) {
        gr = gram_find(ft, decode(q, &len));
        if (gr != NULL) {
            *list = ft->postings + gr->off;
            *n = gr->count;
        }
        return ZG_OK;
    }
    pl = malloc(nq * sizeof *pl);
    if (pl == NULL)
        return zg_query__nomem(err);
    for (const char *s = q; *s; s += len) {
        uint32_t c = decode(s, &len);
        if (s != q) {
            gr = gram_find(ft, pair_key(prev, c));
            if (gr == NULL) {
                free(pl);
                return ZG_OK; /* a pair no text has */
            }
            pl[k].p = ft->postings + gr->off;
            pl[k++].n = gr->count;
        }
        prev = c;
    }
    qsort(pl, k, sizeof *pl, plist_cmp);
    *list = pl[0].p;
    *n = pl[0].n;
    /* Intersect while the candidates are many; the check by strstr()
     * settles the rest. */
    for (size_t i = 1; i < k && 16 < *n; i++) {
        if (buf == NULL) {
            buf = malloc((*n ? *n : 1) * sizeof *buf);
            if (buf == NULL) {
                free(pl);
                return zg_query__nomem(err);
            }
        }
        *n = intersect(*list, *n, pl[i].p, pl[i].n, buf);
        *list = buf;
    }
    free(pl);
    *own = buf;
    return ZG_OK;
}

/* "prop NAME", "figure NAME evidence", ... for document `d`. */
static void
where_of(const doc *d, char *buf, size_t size)
{
    static const char *const plain[] = {"name", "en", "id", "alias"};
    const char *pk =
        d->prop != NULL && d->prop->kind == ZG_PROP_FIGURE ? "figure" : "prop";

    switch ((field)d->field) {
    case F_NAME:
    case F_EN:
    case F_ID:
    case F_ALIAS: snprintf(buf, size, "%s", plain[d->field]); break;
    case F_PROP:
    case F_FIGURE: snprintf(buf, size, "%s %s", pk, d->prop->name); break;
    case F_NOTE: snprintf(buf, size, "note"); break;
    case F_EVIDENCE: snprintf(buf, size, "evidence"); break;
    case F_PROP_EVIDENCE:
        snprintf(buf, size, "%s %s evidence", pk, d->prop->name);
        break;
    }
}

/*
 * Near misses of names and aliases when nothing matched, as
 * zg_graph_search() finds them: the folded names within edit distance
 * `limit` of the folded query `q` (a third of its code points, at least
 * 1; queries of one code point or more than 256 have none), each node's
 * nearest. A name within distance `limit` holds all but at most `limit`
 * of the query's distinct code points (an edit removes at most one), so
 * only the names the code points' posting lists count often enough are
 * measured.
 */
static zg_status
near_misses(zg_fulltext *ft, const char *q, const zg_fulltext_opts *o, heap *hp,
            zg_error *err)
{
    size_t qcp = cp_count(q, strlen(q)), limit = qcp / 3 ? qcp / 3 : 1;
    size_t nd = 0, need, len;
    uint32_t cps[256];
    uint16_t *count = NULL;
    hit best;
    int have = 0;

    if (qcp < 2 || qcp > 256)
        return ZG_OK;
    for (const char *s = q; *s; s += len) {
        uint32_t c = decode(s, &len);
        size_t i = 0;
        while (i < nd && cps[i] != c)
            i++;
        if (i == nd)
            cps[nd++] = c;
    }
    need = nd > limit ? nd - limit : 0;
    count = calloc(ft->n_docs ? ft->n_docs : 1, sizeof *count);
    if (count == NULL)
        return zg_query__nomem(err);
    for (size_t i = 0; i < nd && need > 0; i++) {
        const gram *gr = gram_find(ft, cps[i]);
        for (uint32_t j = 0; gr != NULL && j < gr->count; j++)
            count[ft->postings[gr->off + j]]++;
    }
    memset(&best, 0, sizeof best);
    for (size_t i = 0; i <= ft->n_docs; i++) {
        const doc *d = i < ft->n_docs ? &ft->docs[i] : NULL;
        size_t dcp, dist;
        if (have && (d == NULL || d->owner != best.owner || d->edge)) {
            heap_push(hp, &best);
            have = 0;
        }
        if (d == NULL || d->edge)
            break; /* relations have no names */
        if (count[i] < need || field_scope((field)d->field) != ZG_FT_NAMES ||
            !visible(o->filter.view, d))
            continue;
        dcp = cp_count(d->folded, strlen(d->folded));
        if ((dcp > qcp ? dcp - qcp : qcp - dcp) > limit)
            continue;
        dist = zg_text_distance(d->folded, q);
        if (dist > limit || (have && 6 + dist >= best.score))
            continue;
        best.score = 6 + (unsigned)dist;
        best.distance = (unsigned)dist;
        best.near = 1;
        best.owner = d->owner;
        best.edge = 0;
        best.doc = (uint32_t)i;
        best.priority = priority_of(ft->g, d);
        have = 1;
    }
    free(count);
    return ZG_OK;
}

/* Append the row of hit `x`. */
static zg_status
add_hit(zg_fulltext *ft, zg_result *r, const hit *x, const char *q,
        const zg_fulltext_opts *o, size_t window, zg_error *err)
{
    const zg_graph *g = ft->g;
    zg_value row[8];
    char where[300], how[32];
    const char *orig;
    size_t os = (size_t)-1, oe = (size_t)-1;
    long long cs = -1, ce = -1;
    char *qt = NULL;
    zg_status st;

    if (x->near) {
        orig = ft->docs[x->doc].orig;
        snprintf(how, sizeof how, "distance %u", x->distance);
        where_of(&ft->docs[x->doc], where, sizeof where);
    } else {
        const doc *d = &ft->docs[x->doc];
        const char *m = strstr(d->folded, q);
        int rc;
        orig = d->orig;
        snprintf(how, sizeof how, "%s", x->how);
        where_of(d, where, sizeof where);
        rc = map_match(ft, orig, d->folded, q, (size_t)(m - d->folded),
                       (size_t)(m - d->folded) + strlen(q), &os, &oe);
        if (rc < 0)
            return zg_query__nomem(err);
        if (rc == 0)
            os = oe = (size_t)-1;
    }
    qt = quote(orig, os, oe, window, !o->offsets, &cs, &ce);
    if (qt == NULL)
        return zg_query__nomem(err);
    row[0] = zg_query__int(x->score);
    row[1] = zg_query__str(how);
    row[2] = zg_query__str(where);
    if (x->edge) {
        row[3] = zg_query__edge(x->owner);
        row[4] = zg_query__str(
            zg_graph_reltype(g, zg_graph_edge_type(g, x->owner))->name);
    } else {
        row[3] = zg_query__node(x->owner);
        row[4] = zg_query__str(zg_query__type_name(g, x->owner));
    }
    row[5] = zg_query__str(qt);
    row[6] = cs >= 0 ? zg_query__int(cs) : zg_query__null();
    row[7] = ce >= 0 ? zg_query__int(ce) : zg_query__null();
    st = zg_result_add_row(r, row, err);
    free(qt);
    return st;
}

zg_status
zg_fulltext_search(zg_fulltext *ft, const char *text,
                   const zg_fulltext_opts *opt, zg_result **out, zg_error *err)
{
    static const char *const cols[] = {"score", "match", "where", "on",
                                       "type",  "text",  "start", "end"};
    zg_fulltext_opts o;
    heap hp = {NULL, 0, 0};
    char *q = NULL;
    const uint32_t *list;
    uint32_t *own = NULL;
    size_t n = 0, window;
    zg_result *r = NULL;
    hit best;
    int have = 0;
    int literal = 0;
    zg_status st;

    *out = NULL;
    memset(&o, 0, sizeof o);
    memset(&best, 0, sizeof best);
    if (opt != NULL)
        o = *opt;
    ZG_TRY(zg_query__filter_check(&o.filter, 0, err));
    if (o.in == 0)
        o.in = ZG_FT_ALL;
    if (o.max == 0)
        o.max = 20;
    window = o.window ? o.window : 60;
    st = zg_fold(ft->folder, text, strlen(text), &q, err);
    if (st != ZG_OK) {
        if (st == ZG_ERR_PARSE)
            zg_error_set(err, st, NULL, 0, 0, "invalid UTF-8 in the query");
        return st;
    }
    if (*q == '\0') {
        free(q);
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "nothing to search for in '%s'", text);
    }
    hp.cap = o.max;
    hp.h = malloc(hp.cap * sizeof *hp.h);
    if (hp.h == NULL) {
        st = zg_query__nomem(err);
        goto out;
    }
    st = candidates(ft, q, &list, &n, &own, err);
    if (st != ZG_OK)
        goto out;
    for (size_t i = 0; i <= n; i++) {
        const doc *d = i < n ? &ft->docs[list[i]] : NULL;
        const char *m, *how;
        hit x;
        if (have &&
            (d == NULL || d->owner != best.owner || d->edge != best.edge)) {
            heap_push(&hp, &best);
            have = 0;
        }
        if (d == NULL)
            break;
        if (!(field_scope((field)d->field) & o.in))
            continue;
        m = strstr(d->folded, q);
        if (m == NULL)
            continue;
        /* A name that holds the query, even one the view hides, rules
         * near misses out: they would be noise (濱海 is one edit from
         * 上海). */
        literal |= field_scope((field)d->field) == ZG_FT_NAMES;
        if (!visible(o.filter.view, d))
            continue;
        memset(&x, 0, sizeof x);
        x.score = score_of(d, q, m, &how);
        x.how = how;
        x.fit = how[0] == 'e' ? 0 : how[0] == 'p' ? 1 : 2;
        x.owner = d->owner;
        x.edge = d->edge;
        x.doc = list[i];
        if (have && (x.score > best.score ||
                     (x.score == best.score && x.fit >= best.fit)))
            continue;
        x.priority = priority_of(ft->g, d);
        best = x;
        have = 1;
    }
    if (hp.n == 0 && !literal && (o.in & ZG_FT_NAMES)) {
        st = near_misses(ft, q, &o, &hp, err);
        if (st != ZG_OK)
            goto out;
    }
    qsort(hp.h, hp.n, sizeof *hp.h, hit_qsort);
    st = zg_result_new(&r, ft->g, o.offsets ? 8 : 6, cols, err);
    if (st == ZG_OK)
        st = zg_result_set_col_kind(r, 3, ZG_COL_NODE_OR_EDGE, err);
    for (size_t i = 0; st == ZG_OK && i < hp.n; i++)
        st = add_hit(ft, r, &hp.h[i], q, &o, window, err);
    if (st == ZG_OK) {
        *out = r;
        r = NULL;
    }
out:
    zg_result_free(r);
    free(own);
    free(hp.h);
    free(q);
    return st;
}
