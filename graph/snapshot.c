/* SPDX-License-Identifier: MIT */
/*
 * Graph snapshots: a committed graph saved as sections of the snapshot
 * container (zg_snapfile.h), and a graph that reads them in place.
 *
 * Every string of the graph is stored once in one pool (the graph interns
 * its text, so the pool is g->strs in order) and records refer to it by
 * 32-bit byte offsets. The relation columns and the adjacency are stored
 * as the graph holds them and are used from the mapping as they are; the
 * small records (types, sources), the nodes, provenance, aliases and
 * properties are rebuilt at open into ordinary records whose strings point
 * into the mapped pool, and the name tables are rebuilt from them. Every
 * count, id and offset read from the file is checked before it is used.
 * The byte-by-byte layout is in doc/snapshot.md.
 */
#include "graph_internal.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The version of the graph's sections, in the GRPH section; a reader
 * refuses a newer one. */
#define GRAPH_LAYOUT 2

/* A string reference that is no string (a NULL field). */
#define NO_STR UINT32_MAX

#define T_GRPH ZG_SNAP_TAG('G', 'R', 'P', 'H')
#define T_STRS ZG_SNAP_TAG('S', 'T', 'R', 'S')
#define T_NTYP ZG_SNAP_TAG('N', 'T', 'Y', 'P')
#define T_RTYP ZG_SNAP_TAG('R', 'T', 'Y', 'P')
#define T_SRCS ZG_SNAP_TAG('S', 'R', 'C', 'S')
#define T_NODE ZG_SNAP_TAG('N', 'O', 'D', 'E')
#define T_EFRM ZG_SNAP_TAG('E', 'F', 'R', 'M')
#define T_ETO ZG_SNAP_TAG('E', 'T', 'O', ' ')
#define T_ETYP ZG_SNAP_TAG('E', 'T', 'Y', 'P')
#define T_EPRV ZG_SNAP_TAG('E', 'P', 'R', 'V')
#define T_PROV ZG_SNAP_TAG('P', 'R', 'O', 'V')
#define T_ALIA ZG_SNAP_TAG('A', 'L', 'I', 'A')
#define T_NPRP ZG_SNAP_TAG('N', 'P', 'R', 'P')
#define T_EPRP ZG_SNAP_TAG('E', 'P', 'R', 'P')
#define T_OOFF ZG_SNAP_TAG('O', 'O', 'F', 'F')
#define T_OEDG ZG_SNAP_TAG('O', 'E', 'D', 'G')
#define T_OFAR ZG_SNAP_TAG('O', 'F', 'A', 'R')
#define T_IOFF ZG_SNAP_TAG('I', 'O', 'F', 'F')
#define T_IEDG ZG_SNAP_TAG('I', 'E', 'D', 'G')
#define T_IFAR ZG_SNAP_TAG('I', 'F', 'A', 'R')
#define T_FANS ZG_SNAP_TAG('F', 'A', 'N', 'S')
#define T_FSUM ZG_SNAP_TAG('F', 'S', 'U', 'M')
#define T_NKEY ZG_SNAP_TAG('N', 'K', 'E', 'Y')

/* The GRPH section: 16 little-endian 32-bit words. */
enum {
    H_LAYOUT,
    H_NTYPES,
    H_RTYPES,
    H_SOURCES,
    H_NODES,
    H_EDGES,
    H_PROVS,
    H_ALIASES,
    H_NPROPS,
    H_EPROPS,
    H_WORDS = 16
};

/* Words per record of each record section. */
#define W_NTYP 6 /* name zh en shape colour priority */
#define W_RTYP 6 /* name zh en from to cluster */
#define W_SRCS 6 /* id title publisher date url author */
#define W_NODE                                                                 \
    10           /* key type basis name name_en since until sources            \
                    evidence note */
#define W_PROV 5 /* source evidence note since until */
#define W_ALIA 3 /* owner text lang */
#define W_PROP                                                                 \
    17 /* owner kind number(2 words) name value zh en unit date                \
          approx figure_kind base source evidence since until */

/* ---- saving ---- */

typedef struct saver {
    const zg_graph *g;
    zg_snapfile_writer *w;
    uint32_t *off; /* pool offset of g->strs[i] (a built graph) */
    zg_error *err;
    zg_status st;
} saver;

/* The reference to string `s` of the graph. */
static uint32_t
ref(saver *s, const char *str)
{
    zg_id i;

    if (str == NULL || s->st != ZG_OK) /* nothing is written after an error */
        return NO_STR;
    if (s->g->snap != NULL)
        return (uint32_t)(str - s->g->pool);
    i = zg_graph__str_index(s->g, str);
    if (i == ZG_NO_ID) {
        if (s->st == ZG_OK)
            s->st = zg_error_set(s->err, ZG_ERR_INVALID, NULL, 0, 0,
                                 "the graph holds text it did not intern");
        return NO_STR;
    }
    return s->off[i];
}

/* Append `n` words to the current section. */
static void
put(saver *s, const uint32_t *words, size_t n)
{
    if (s->st == ZG_OK)
        s->st =
            zg_snapfile_writer_append(s->w, words, n * sizeof *words, s->err);
}

static void
begin(saver *s, uint32_t tag)
{
    if (s->st == ZG_OK)
        s->st = zg_snapfile_writer_begin(s->w, tag, 0, s->err);
}

static void
add(saver *s, uint32_t tag, const void *data, size_t len)
{
    if (s->st == ZG_OK)
        s->st = zg_snapfile_writer_add(s->w, tag, 0, data, len, s->err);
}

/* The string pool: g->strs in order, each with its NUL. */
static void
save_pool(saver *s)
{
    const zg_graph *g = s->g;
    uint64_t at = 0;

    if (s->st != ZG_OK)
        return;
    if (g->snap != NULL) {
        add(s, T_STRS, g->pool, g->pool_len);
        return;
    }
    s->off = malloc((g->n_strs ? g->n_strs : 1) * sizeof *s->off);
    if (s->off == NULL) {
        s->st = zg_error_set(s->err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
        return;
    }
    begin(s, T_STRS);
    for (size_t i = 0; i < g->n_strs && s->st == ZG_OK; i++) {
        size_t len = strlen(g->strs[i]) + 1;
        if (at + len > NO_STR) {
            s->st = zg_error_set(s->err, ZG_ERR_LIMIT, NULL, 0, 0,
                                 "the graph's text is over 4 GiB, more than "
                                 "a snapshot holds");
            return;
        }
        s->off[i] = (uint32_t)at;
        s->st = zg_snapfile_writer_append(s->w, g->strs[i], len, s->err);
        at += len;
    }
}

static void
save_prop(saver *s, zg_id owner, const zg_prop *p)
{
    uint32_t r[W_PROP], num[2];

    memcpy(num, &p->number, sizeof num);
    r[0] = owner;
    r[1] = (uint32_t)p->kind;
    r[2] = num[0];
    r[3] = num[1];
    r[4] = ref(s, p->name);
    r[5] = ref(s, p->value);
    r[6] = ref(s, p->zh);
    r[7] = ref(s, p->en);
    r[8] = ref(s, p->unit);
    r[9] = ref(s, p->date);
    r[10] = ref(s, p->approx);
    r[11] = ref(s, p->figure_kind);
    r[12] = ref(s, p->base);
    r[13] = ref(s, p->source);
    r[14] = ref(s, p->evidence);
    r[15] = ref(s, p->since);
    r[16] = ref(s, p->until);
    put(s, r, W_PROP);
}

static void
save_records(saver *s)
{
    const zg_graph *g = s->g;
    uint32_t h[H_WORDS] = {0};

    h[H_LAYOUT] = GRAPH_LAYOUT;
    h[H_NTYPES] = (uint32_t)g->n_ntypes;
    h[H_RTYPES] = (uint32_t)g->n_rtypes;
    h[H_SOURCES] = (uint32_t)g->n_sources;
    h[H_NODES] = (uint32_t)g->n_nodes;
    h[H_EDGES] = (uint32_t)g->n_edges;
    h[H_PROVS] = (uint32_t)g->n_provs;
    h[H_ALIASES] = (uint32_t)g->n_aliases;
    h[H_NPROPS] = (uint32_t)g->n_nprops;
    h[H_EPROPS] = (uint32_t)g->n_eprops;
    add(s, T_GRPH, h, sizeof h);

    begin(s, T_NTYP);
    for (size_t i = 0; i < g->n_ntypes; i++) {
        const zg_nodetype_info *t = &g->ntypes[i];
        uint32_t r[W_NTYP] = {ref(s, t->name),   ref(s, t->zh),
                              ref(s, t->en),     ref(s, t->shape),
                              ref(s, t->colour), t->priority};
        put(s, r, W_NTYP);
    }
    begin(s, T_RTYP);
    for (size_t i = 0; i < g->n_rtypes; i++) {
        const zg_reltype_info *t = &g->rtypes[i].info;
        uint32_t r[W_RTYP] = {ref(s, t->name), ref(s, t->zh),
                              ref(s, t->en),   ref(s, t->from),
                              ref(s, t->to),   (uint32_t)t->cluster};
        put(s, r, W_RTYP);
    }
    begin(s, T_SRCS);
    for (size_t i = 0; i < g->n_sources; i++) {
        const zg_source_info *t = &g->sources[i];
        uint32_t r[W_SRCS] = {ref(s, t->id),        ref(s, t->title),
                              ref(s, t->publisher), ref(s, t->date),
                              ref(s, t->url),       ref(s, t->author)};
        put(s, r, W_SRCS);
    }
    begin(s, T_NODE);
    for (size_t i = 0; i < g->n_nodes; i++) {
        const zg_node_info *v = &g->nodes[i];
        uint32_t r[W_NODE] = {ref(s, v->key),      v->type,
                              (uint32_t)v->basis,  ref(s, v->name),
                              ref(s, v->name_en),  ref(s, v->since),
                              ref(s, v->until),    ref(s, v->sources),
                              ref(s, v->evidence), ref(s, v->note)};
        put(s, r, W_NODE);
    }
    begin(s, T_PROV);
    for (size_t i = 0; i < g->n_provs; i++) {
        const edge_prov *p = &g->provs[i];
        uint32_t r[W_PROV] = {ref(s, p->source), ref(s, p->evidence),
                              ref(s, p->note), ref(s, p->since),
                              ref(s, p->until)};
        put(s, r, W_PROV);
    }
    begin(s, T_ALIA);
    for (size_t i = 0; i < g->n_aliases; i++) {
        const alias_rec *a = &g->aliases[i];
        uint32_t r[W_ALIA] = {a->owner, ref(s, a->a.text), ref(s, a->a.lang)};
        put(s, r, W_ALIA);
    }
    begin(s, T_NPRP);
    for (size_t i = 0; i < g->n_nprops; i++)
        save_prop(s, g->nprops[i].owner, &g->nprops[i].p);
    begin(s, T_EPRP);
    for (size_t i = 0; i < g->n_eprops; i++)
        save_prop(s, g->eprops[i].owner, &g->eprops[i].p);
}

static void
save_arrays(saver *s)
{
    const zg_graph *g = s->g;
    size_t m = g->n_edges * sizeof(zg_id), o = (g->n_nodes + 1) * 4;

    add(s, T_EFRM, g->ec.from, m);
    add(s, T_ETO, g->ec.to, m);
    add(s, T_ETYP, g->ec.type, m);
    add(s, T_EPRV, g->ec.prov, m);
    add(s, T_OOFF, g->ix.out_off, o);
    add(s, T_OEDG, g->ix.out_e, m);
    add(s, T_OFAR, g->ix.out_far, m);
    add(s, T_IOFF, g->ix.in_off, o);
    add(s, T_IEDG, g->ix.in_e, m);
    add(s, T_IFAR, g->ix.in_far, m);
}

/* The fans of the whole graph (zg_graph_fans()) and their statistics, so
 * that a query over all of it reads them instead of every relation. */
static void
save_fans(saver *s)
{
    const zg_graph *g = s->g;
    uint32_t *best = NULL;
    zg_fan_stats fs;
    double sums[3];

    if (s->st != ZG_OK)
        return;
    best = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof *best);
    if (best == NULL) {
        s->st = zg_error_set(s->err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
        return;
    }
    s->st = zg_graph_fans(g, NULL, NULL, best, NULL, NULL, &fs, s->err);
    add(s, T_FANS, best, g->n_nodes * sizeof *best);
    sums[0] = fs.sum;
    sums[1] = fs.sumsq;
    sums[2] = fs.count;
    add(s, T_FSUM, sums, sizeof sums);
    free(best);
}

/* The NKEY section, a table that finds a node by its key in place: four
 * words (the hash seed, low word first; the slot count, a power of two
 * at least twice the node count; 0), then the slots, each a node id or
 * NO_KEY. A key's first slot is its zg_snapfile_hash() with the seed,
 * modulo the slot count; the next ones follow it, wrapping. */
#define KEY_HEAD 4
#define NO_KEY UINT32_MAX

static size_t
key_slots(size_t nodes)
{
    size_t cap = 2;

    while (cap < 2 * nodes)
        cap *= 2;
    return cap;
}

/* The hash seed of the key table: drawn from every key, so that keys
 * cannot be chosen to collide under it without knowing it, and a graph
 * saved again gives the same bytes. */
static uint64_t
key_seed(const zg_graph *g)
{
    uint64_t seed = 0x7a6b6579; /* any */

    for (size_t v = 0; v < g->n_nodes; v++)
        seed = zg_snapfile_hash(g->nodes[v].key, strlen(g->nodes[v].key), seed);
    return seed;
}

static void
save_keys(saver *s)
{
    const zg_graph *g = s->g;
    size_t cap = key_slots(g->n_nodes);
    uint64_t seed = key_seed(g);
    uint32_t *t = NULL;

    if (s->st != ZG_OK)
        return;
    if (g->n_nodes > UINT32_MAX / 4) {
        s->st = zg_error_set(s->err, ZG_ERR_LIMIT, NULL, 0, 0,
                             "too many nodes for a snapshot's key table");
        return;
    }
    t = malloc((KEY_HEAD + cap) * sizeof *t);
    if (t == NULL) {
        s->st = zg_error_set(s->err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
        return;
    }
    t[0] = (uint32_t)seed;
    t[1] = (uint32_t)(seed >> 32);
    t[2] = (uint32_t)cap;
    t[3] = 0;
    memset(t + KEY_HEAD, 0xff, cap * sizeof *t);
    for (size_t v = 0; v < g->n_nodes; v++) {
        const char *key = g->nodes[v].key;
        size_t i = zg_snapfile_hash(key, strlen(key), seed) & (cap - 1);
        while (t[KEY_HEAD + i] != NO_KEY)
            i = (i + 1) & (cap - 1);
        t[KEY_HEAD + i] = (uint32_t)v;
    }
    add(s, T_NKEY, t, (KEY_HEAD + cap) * sizeof *t);
    free(t);
}

static zg_status check_all_blocks(const zg_graph *g, zg_error *err);

/* Whether this machine stores numbers little-endian, as the graph's
 * sections are. */
static int
little_endian(void)
{
    uint32_t one = 1;
    unsigned char b;

    memcpy(&b, &one, 1);
    return b == 1;
}

zg_status
zg_graph_save(const zg_graph *g, const char *path, zg_error *err)
{
    saver s = {g, NULL, NULL, err, ZG_OK};

    if (g->in_tx || !g->indexed)
        return zg_error_set(err, ZG_ERR_INVALID, path, 0, 0,
                            "only a committed graph can be saved");
    if (!little_endian())
        return zg_error_set(err, ZG_ERR_INVALID, path, 0, 0,
                            "snapshots are written on little-endian "
                            "machines only");
    /* What a snapshot's graph has not read yet is checked before it is
     * written again under new checksums. */
    if (g->lazy != NULL)
        ZG_TRY(check_all_blocks(g, err));
    s.st = zg_snapfile_writer_new(&s.w, path, err);
    save_pool(&s);
    save_records(&s);
    save_arrays(&s);
    save_fans(&s);
    save_keys(&s);
    if (s.st == ZG_OK)
        s.st = zg_snapfile_writer_finish(s.w, err);
    zg_snapfile_writer_free(s.w);
    free(s.off);
    return s.st;
}

/* ---- opening ---- */

typedef struct loader {
    zg_graph *g;
    zg_snapfile *f;
    const char *name; /* the file, for messages */
    zg_error *err;
    const uint32_t *h; /* the GRPH words */
} loader;

/* What str() asks of a string field. */
enum {
    REQUIRED = 1, /* present */
    TEXT = 2      /* valid UTF-8, as the graph requires of keys, names and
                     aliases, which lookup folds */
};

/* A section the graph needs is not in the snapshot: corrupt, not "not
 * found" (which the container said first). */
static zg_status
missing(loader *l, uint32_t tag)
{
    char name[16];

    zg_error_clear(l->err);
    return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                        "corrupt snapshot: the section %s is missing",
                        zg_snapfile_tag_name(tag, name));
}

/* Section `tag`, which must hold `count` records of `words` 32-bit words
 * (the count the GRPH section gives). */
static zg_status
section_as(loader *l, uint32_t tag, size_t count, size_t words, int lazy,
           const uint32_t **out)
{
    const void *data;
    size_t len;
    char name[16];
    zg_status st;

    st = lazy ? zg_snapfile_section_lazy(l->f, tag, &data, &len, l->err)
              : zg_snapfile_section(l->f, tag, &data, &len, l->err);
    if (st == ZG_ERR_NOT_FOUND)
        return missing(l, tag);
    if (st != ZG_OK)
        return st;
    if (count > SIZE_MAX / 4 / words || len != count * words * 4)
        return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                            "corrupt snapshot: the section %s has %zu bytes "
                            "where %zu records of %zu bytes are counted",
                            zg_snapfile_tag_name(tag, name), len, count,
                            words * 4);
    *out = data;
    return ZG_OK;
}

static zg_status
section(loader *l, uint32_t tag, size_t count, size_t words,
        const uint32_t **out)
{
    return section_as(l, tag, count, words, 0, out);
}

/* A section of one word per record whose blocks are verified and checked
 * as they are read (see snap_lazy). */
static zg_status
lazy_section(loader *l, uint32_t tag, size_t count, const uint32_t **out)
{
    return section_as(l, tag, count, 1, 1, out);
}

/* The string `r` refers to, in `*out`; NULL for NO_STR, which a
 * REQUIRED field may not be. `r` must be where a string of the pool
 * starts, so that a forged offset cannot start inside a character. */
static zg_status
str(loader *l, uint32_t r, int required, const char *what, size_t i,
    const char *field, const char **out)
{
    zg_graph *g = l->g;

    if (r == NO_STR) {
        if (required & REQUIRED)
            return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                                "corrupt snapshot: %s %zu has no %s", what, i,
                                field);
        *out = NULL;
        return ZG_OK;
    }
    if (r >= g->pool_len)
        return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                            "corrupt snapshot: %s %zu: %s refers to byte %u "
                            "of a string pool of %zu bytes",
                            what, i, field, (unsigned)r, g->pool_len);
    /* A string starts at byte 0 and just after each NUL. */
    if (r > 0 && g->pool[r - 1] != '\0')
        return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                            "corrupt snapshot: %s %zu: %s refers to byte %u "
                            "of the string pool, inside a string",
                            what, i, field, (unsigned)r);
    if ((required & TEXT) && !zg_utf8_valid(g->pool + r, strlen(g->pool + r)))
        return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                            "corrupt snapshot: %s %zu: %s is not valid UTF-8",
                            what, i, field);
    *out = g->pool + r;
    return ZG_OK;
}

#define STR(r, req, what, i, field, out)                                       \
    ZG_TRY(str(l, (r), (req), (what), (i), (field), &(out)))

/* An id field that must be below `limit`. */
static zg_status
in_range(zg_error *err, const char *file, uint32_t v, size_t limit,
         const char *what, size_t i, const char *field)
{
    if (v < limit)
        return ZG_OK;
    return zg_error_set(err, ZG_ERR_PARSE, file, 0, 0,
                        "corrupt snapshot: %s %zu: %s %u is out of range "
                        "(%zu)",
                        what, i, field, (unsigned)v, limit);
}

static zg_status
id(loader *l, uint32_t v, size_t limit, const char *what, size_t i,
   const char *field)
{
    return in_range(l->err, l->name, v, limit, what, i, field);
}

static zg_status
nomem(loader *l)
{
    return zg_error_set(l->err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/* `n` records of `size` bytes, zeroed; NULL when out of memory. */
static void *
records(size_t n, size_t size)
{
    return calloc(n ? n : 1, size);
}

static zg_status
load_types(loader *l)
{
    zg_graph *g = l->g;
    const uint32_t *w;

    ZG_TRY(section(l, T_NTYP, l->h[H_NTYPES], W_NTYP, &w));
    g->ntypes = records(l->h[H_NTYPES], sizeof *g->ntypes);
    if (g->ntypes == NULL)
        return nomem(l);
    for (size_t i = 0; i < l->h[H_NTYPES]; i++, w += W_NTYP) {
        zg_nodetype_info *t = &g->ntypes[i];
        STR(w[0], REQUIRED, "node type", i, "name", t->name);
        STR(w[1], 0, "node type", i, "zh", t->zh);
        STR(w[2], 0, "node type", i, "en", t->en);
        STR(w[3], 0, "node type", i, "shape", t->shape);
        STR(w[4], 0, "node type", i, "colour", t->colour);
        t->priority = w[5];
        g->n_ntypes++;
    }
    ZG_TRY(section(l, T_SRCS, l->h[H_SOURCES], W_SRCS, &w));
    g->sources = records(l->h[H_SOURCES], sizeof *g->sources);
    if (g->sources == NULL)
        return nomem(l);
    for (size_t i = 0; i < l->h[H_SOURCES]; i++, w += W_SRCS) {
        zg_source_info *t = &g->sources[i];
        STR(w[0], REQUIRED, "source", i, "id", t->id);
        STR(w[1], REQUIRED, "source", i, "title", t->title);
        STR(w[2], 0, "source", i, "publisher", t->publisher);
        STR(w[3], 0, "source", i, "date", t->date);
        STR(w[4], 0, "source", i, "url", t->url);
        STR(w[5], 0, "source", i, "author", t->author);
        g->n_sources++;
    }
    ZG_TRY(section(l, T_RTYP, l->h[H_RTYPES], W_RTYP, &w));
    g->rtypes = records(l->h[H_RTYPES], sizeof *g->rtypes);
    if (g->rtypes == NULL)
        return nomem(l);
    if (!zg_graph__index_names(g, NAMED_NTYPE) ||
        !zg_graph__index_names(g, NAMED_SOURCE))
        return nomem(l);
    /* The allowed lists are parsed from the text against the node type
     * names, as adding the relation type did. */
    for (size_t i = 0; i < l->h[H_RTYPES]; i++, w += W_RTYP) {
        rtype_rec *r = &g->rtypes[i];
        zg_status st;
        STR(w[0], REQUIRED, "relation type", i, "name", r->info.name);
        STR(w[1], 0, "relation type", i, "zh", r->info.zh);
        STR(w[2], 0, "relation type", i, "en", r->info.en);
        STR(w[3], REQUIRED, "relation type", i, "from", r->info.from);
        STR(w[4], REQUIRED, "relation type", i, "to", r->info.to);
        r->info.cluster = w[5] != 0;
        st = zg_graph__type_list(g, r->info.from, r->info.name, "from",
                                 &r->from, &r->n_from, &r->any_from, l->err);
        if (st == ZG_OK)
            st = zg_graph__type_list(g, r->info.to, r->info.name, "to", &r->to,
                                     &r->n_to, &r->any_to, l->err);
        if (st == ZG_ERR_INVALID) {
            char why[sizeof l->err->msg];
            snprintf(why, sizeof why, "%s", l->err ? l->err->msg : "");
            zg_error_clear(l->err); /* the first error set stays */
            return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                                "corrupt snapshot: %s", why);
        }
        if (st != ZG_OK)
            return st;
        g->n_rtypes++;
    }
    if (!zg_graph__index_names(g, NAMED_RTYPE))
        return nomem(l);
    return ZG_OK;
}

static zg_status
load_nodes(loader *l)
{
    zg_graph *g = l->g;
    const uint32_t *w;
    size_t n = l->h[H_NODES];

    ZG_TRY(section(l, T_NODE, n, W_NODE, &w));
    g->nodes = records(n, sizeof *g->nodes);
    if (g->nodes == NULL)
        return nomem(l);
    for (size_t i = 0; i < n; i++, w += W_NODE) {
        zg_node_info *v = &g->nodes[i];
        STR(w[0], REQUIRED | TEXT, "node", i, "key", v->key);
        ZG_TRY(id(l, w[1], g->n_ntypes, "node", i, "type"));
        v->type = w[1];
        ZG_TRY(id(l, w[2], ZG_BASIS_INFERRED + 1, "node", i, "basis"));
        v->basis = (zg_basis)w[2];
        STR(w[3], REQUIRED | TEXT, "node", i, "name", v->name);
        STR(w[4], TEXT, "node", i, "name_en", v->name_en);
        STR(w[5], 0, "node", i, "since", v->since);
        STR(w[6], 0, "node", i, "until", v->until);
        STR(w[7], 0, "node", i, "sources", v->sources);
        STR(w[8], 0, "node", i, "evidence", v->evidence);
        STR(w[9], 0, "node", i, "note", v->note);
    }
    g->n_nodes = n;
    return ZG_OK;
}

static zg_status
load_prop(loader *l, const uint32_t *w, size_t limit, const char *what,
          size_t i, prop_rec *r)
{
    zg_prop *p = &r->p;

    ZG_TRY(id(l, w[0], limit, what, i, "owner"));
    r->owner = w[0];
    ZG_TRY(id(l, w[1], ZG_PROP_FIGURE + 1, what, i, "kind"));
    p->kind = (zg_prop_kind)w[1];
    memcpy(&p->number, &w[2], sizeof p->number);
    STR(w[4], REQUIRED, what, i, "name", p->name);
    STR(w[5], REQUIRED, what, i, "value", p->value);
    STR(w[6], 0, what, i, "zh", p->zh);
    STR(w[7], 0, what, i, "en", p->en);
    STR(w[8], 0, what, i, "unit", p->unit);
    STR(w[9], 0, what, i, "date", p->date);
    STR(w[10], 0, what, i, "approx", p->approx);
    STR(w[11], 0, what, i, "figure_kind", p->figure_kind);
    STR(w[12], 0, what, i, "base", p->base);
    STR(w[13], 0, what, i, "source", p->source);
    STR(w[14], 0, what, i, "evidence", p->evidence);
    STR(w[15], 0, what, i, "since", p->since);
    STR(w[16], 0, what, i, "until", p->until);
    return ZG_OK;
}

static zg_status
load_extras(loader *l)
{
    zg_graph *g = l->g;
    const uint32_t *w;
    size_t n;

    n = l->h[H_ALIASES];
    ZG_TRY(section(l, T_ALIA, n, W_ALIA, &w));
    g->aliases = records(n, sizeof *g->aliases);
    if (g->aliases == NULL)
        return nomem(l);
    for (size_t i = 0; i < n; i++, w += W_ALIA) {
        alias_rec *a = &g->aliases[i];
        ZG_TRY(id(l, w[0], g->n_nodes, "alias", i, "node"));
        a->owner = w[0];
        STR(w[1], REQUIRED | TEXT, "alias", i, "text", a->a.text);
        STR(w[2], 0, "alias", i, "lang", a->a.lang);
    }
    g->n_aliases = n;

    n = l->h[H_NPROPS];
    ZG_TRY(section(l, T_NPRP, n, W_PROP, &w));
    g->nprops = records(n, sizeof *g->nprops);
    if (g->nprops == NULL)
        return nomem(l);
    for (size_t i = 0; i < n; i++, w += W_PROP)
        ZG_TRY(load_prop(l, w, g->n_nodes, "node property", i, &g->nprops[i]));
    g->n_nprops = n;

    n = l->h[H_EPROPS];
    ZG_TRY(section(l, T_EPRP, n, W_PROP, &w));
    g->eprops = records(n, sizeof *g->eprops);
    if (g->eprops == NULL)
        return nomem(l);
    for (size_t i = 0; i < n; i++, w += W_PROP)
        ZG_TRY(
            load_prop(l, w, g->n_edges, "relation property", i, &g->eprops[i]));
    g->n_eprops = n;
    return zg_graph__build_slices(g, l->err);
}

/* The relation columns, used in place. */
static zg_status
load_edges(loader *l)
{
    zg_graph *g = l->g;
    size_t m = l->h[H_EDGES], n = g->n_nodes;
    const uint32_t *from, *to, *type, *prov, *w;

    ZG_TRY(section(l, T_PROV, l->h[H_PROVS], W_PROV, &w));
    g->provs = records(l->h[H_PROVS], sizeof *g->provs);
    if (g->provs == NULL)
        return nomem(l);
    for (size_t i = 0; i < l->h[H_PROVS]; i++, w += W_PROV) {
        edge_prov *p = &g->provs[i];
        STR(w[0], 0, "relation provenance", i, "source", p->source);
        STR(w[1], 0, "relation provenance", i, "evidence", p->evidence);
        STR(w[2], 0, "relation provenance", i, "note", p->note);
        STR(w[3], 0, "relation provenance", i, "since", p->since);
        STR(w[4], 0, "relation provenance", i, "until", p->until);
    }
    g->n_provs = l->h[H_PROVS];

    ZG_TRY(lazy_section(l, T_EFRM, m, &from));
    ZG_TRY(lazy_section(l, T_ETO, m, &to));
    ZG_TRY(lazy_section(l, T_ETYP, m, &type));
    ZG_TRY(lazy_section(l, T_EPRV, m, &prov));
    /* What an accessor hands out for a damaged block must be an id. */
    if (m > 0 && (n == 0 || g->n_rtypes == 0))
        return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                            "corrupt snapshot: %zu relations between %zu "
                            "nodes of %zu relation types",
                            m, n, g->n_rtypes);
    /* Borrowed from the mapping: the graph never writes them (begin
     * refuses) and free leaves them to the snapshot. */
    g->ec.from = (zg_id *)(uintptr_t)from;
    g->ec.to = (zg_id *)(uintptr_t)to;
    g->ec.type = (zg_id *)(uintptr_t)type;
    g->ec.prov = (uint32_t *)(uintptr_t)prov;
    g->n_edges = m;
    return ZG_OK;
}

/* One direction of the adjacency: offsets from 0 to the relation count;
 * the rest is checked a block at a time as it is read. */
static zg_status
load_direction(loader *l, uint32_t toff, uint32_t tedg, uint32_t tfar,
               const char *dir, uint32_t **off_out, zg_id **edg_out,
               zg_id **far_out)
{
    zg_graph *g = l->g;
    size_t n = g->n_nodes, m = g->n_edges;
    const uint32_t *off, *edg, *far;

    const void *first, *last;

    ZG_TRY(lazy_section(l, toff, n + 1, &off));
    ZG_TRY(lazy_section(l, tedg, m, &edg));
    ZG_TRY(lazy_section(l, tfar, m, &far));
    ZG_TRY(zg_snapfile_range(l->f, toff, 0, 4, &first, l->err));
    ZG_TRY(zg_snapfile_range(l->f, toff, 4 * n, 4, &last, l->err));
    if (off[0] != 0 || off[n] != m)
        return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                            "corrupt snapshot: the %s-edge offsets run from "
                            "%u to %u, not from 0 to the %zu relations",
                            dir, (unsigned)off[0], (unsigned)off[n], m);
    *off_out = (uint32_t *)(uintptr_t)off;
    *edg_out = (zg_id *)(uintptr_t)edg;
    *far_out = (zg_id *)(uintptr_t)far;
    return ZG_OK;
}

/* ---- the arrays checked as they are read (snap_lazy) ---- */

static const uint32_t lazy_tag[LC_COUNT] = {T_EFRM, T_ETO,  T_ETYP, T_EPRV,
                                            T_OOFF, T_OEDG, T_OFAR, T_IOFF,
                                            T_IEDG, T_IFAR};

/* Column `c` of `g`, and how many words it has. */
static const uint32_t *
lazy_words(const zg_graph *g, lazy_col c, size_t *n)
{
    *n = c == LC_OOFF || c == LC_IOFF ? g->n_nodes + 1 : g->n_edges;
    switch (c) {
    case LC_FROM: return g->ec.from;
    case LC_TO: return g->ec.to;
    case LC_TYPE: return g->ec.type;
    case LC_PROV: return g->ec.prov;
    case LC_OOFF: return g->ix.out_off;
    case LC_OEDG: return g->ix.out_e;
    case LC_OFAR: return g->ix.out_far;
    case LC_IOFF: return g->ix.in_off;
    case LC_IEDG: return g->ix.in_e;
    case LC_IFAR: return g->ix.in_far;
    default: return NULL;
    }
}

/* The largest of words `lo` to `hi` - 1 of `w`, in one pass the compiler
 * can vectorise: a block's ids are checked against their limit at once,
 * and searched one by one only when one is out of range. */
static uint32_t
largest(const uint32_t *w, size_t lo, size_t hi)
{
    uint32_t m = 0;

    for (size_t i = lo; i < hi; i++)
        m = w[i] > m ? w[i] : m;
    return m;
}

/* Words `lo` to `hi` - 1 of column `c`, each against its range; offsets
 * also never decreasing among them. */
static zg_status
check_values(const zg_graph *g, lazy_col c, size_t lo, size_t hi, zg_error *err)
{
    static const char *const field[LC_COUNT] = {"from node",
                                                "to node",
                                                "type",
                                                NULL,
                                                NULL,
                                                "adjacency edge",
                                                "adjacency far node",
                                                NULL,
                                                "adjacency edge",
                                                "adjacency far node"};
    const char *f = g->snap_name;
    size_t n = g->n_nodes, m = g->n_edges, count, limit;
    const uint32_t *w = lazy_words(g, c, &count);
    const char *what = c >= LC_IOFF ? "in" : c >= LC_OOFF ? "out" : "relation";

    switch (c) {
    case LC_PROV:
        for (size_t i = lo; i < hi; i++) {
            ZG_TRY(in_range(err, f, PROV_BASIS(w[i]), ZG_BASIS_INFERRED + 1,
                            "relation", i, "basis"));
            if (PROV_HAS(w[i]))
                ZG_TRY(in_range(err, f, PROV_INDEX(w[i]), g->n_provs,
                                "relation", i, "provenance record"));
        }
        return ZG_OK;
    case LC_OOFF:
    case LC_IOFF:
        for (size_t i = lo; i < hi; i++) {
            if (w[i] > m)
                return zg_error_set(err, ZG_ERR_PARSE, f, 0, 0,
                                    "corrupt snapshot: the %s-edge offset of "
                                    "node %zu (%u) is past the %zu relations",
                                    what, i, (unsigned)w[i], m);
            if (i > lo && w[i] < w[i - 1])
                return zg_error_set(err, ZG_ERR_PARSE, f, 0, 0,
                                    "corrupt snapshot: the %s-edge offset of "
                                    "node %zu (%u) is below that of node %zu "
                                    "(%u)",
                                    what, i, (unsigned)w[i], i - 1,
                                    (unsigned)w[i - 1]);
        }
        return ZG_OK;
    case LC_TYPE: limit = g->n_rtypes; break;
    case LC_OEDG:
    case LC_IEDG: limit = m; break;
    default: limit = n; break; /* ends and far nodes */
    }
    if (lo < hi && largest(w, lo, hi) >= limit)
        for (size_t i = lo; i < hi; i++)
            ZG_TRY(in_range(err, f, w[i], limit, what, i, field[c]));
    return ZG_OK;
}

/* Keep `e` as the graph's damage unless it has some already. */
static void
keep_damage(const zg_graph *g, const zg_error *e)
{
    snap_lazy *z = g->lazy;

    if (z == NULL) /* still opening: nothing is read before it exists */
        return;
    pthread_mutex_lock(&z->lock);
    if (!atomic_load_explicit(&z->damaged, memory_order_relaxed)) {
        z->damage = *e;
        atomic_store_explicit(&z->damaged, 1, memory_order_release);
    }
    pthread_mutex_unlock(&z->lock);
}

int
zg_graph__check_block(const zg_graph *g, lazy_col c, size_t block)
{
    snap_lazy *z = g->lazy;
    unsigned char state =
        atomic_load_explicit(&z->state[c][block], memory_order_acquire);

    if (state == LAZY_UNCHECKED) {
        zg_error e = {0};
        size_t count, lo = block * LAZY_WORDS, hi = lo + LAZY_WORDS;
        const void *data;
        zg_status st;
        (void)lazy_words(g, c, &count);
        if (hi > count)
            hi = count;
        st = zg_snapfile_range(g->snap, lazy_tag[c], lo * 4, (hi - lo) * 4,
                               &data, &e);
        if (st == ZG_OK)
            st = check_values(g, c, lo, hi, &e);
        state = st == ZG_OK ? LAZY_GOOD : LAZY_BAD;
        if (st != ZG_OK)
            keep_damage(g, &e);
        atomic_store_explicit(&z->state[c][block], state, memory_order_release);
    }
    return state == LAZY_GOOD;
}

int
zg_graph__adj_ok(const zg_graph *g, zg_id n, int outward)
{
    lazy_col co = outward ? LC_OOFF : LC_IOFF, ce = outward ? LC_OEDG : LC_IEDG,
             cf = outward ? LC_OFAR : LC_IFAR;
    const uint32_t *off = outward ? g->ix.out_off : g->ix.in_off;
    uint32_t a, b;

    if (!zg_graph__word_ok(g, co, n) || !zg_graph__word_ok(g, co, n + 1))
        return 0;
    a = off[n];
    b = off[n + 1];
    if (b < a) { /* across two blocks, each sound on its own */
        zg_error e = {0};
        zg_error_set(&e, ZG_ERR_PARSE, g->snap_name, 0, 0,
                     "corrupt snapshot: the %s-edge offset of node %u (%u) "
                     "is below that of node %u (%u)",
                     outward ? "out" : "in", (unsigned)n + 1, (unsigned)b,
                     (unsigned)n, (unsigned)a);
        keep_damage(g, &e);
        return 0;
    }
    for (size_t i = a; i < b; i += LAZY_WORDS - i % LAZY_WORDS)
        if (!zg_graph__word_ok(g, ce, i) || !zg_graph__word_ok(g, cf, i))
            return 0;
    return 1;
}

zg_status
zg_graph_damage(const zg_graph *g, zg_error *err)
{
    snap_lazy *z = g->lazy;
    zg_error e;

    if (z == NULL || !atomic_load_explicit(&z->damaged, memory_order_acquire))
        return ZG_OK;
    pthread_mutex_lock(&z->lock);
    e = z->damage;
    pthread_mutex_unlock(&z->lock);
    return zg_error_set(err, e.status, e.file, 0, 0, "%s", e.msg);
}

void
zg_graph__free_lazy(snap_lazy *z)
{
    if (z == NULL)
        return;
    for (int c = 0; c < LC_COUNT; c++)
        free(z->state[c]);
    pthread_mutex_destroy(&z->lock);
    free(z);
}

/* The blocks' states of a graph whose counts are known; every block
 * unchecked. */
static zg_status
lazy_new(loader *l)
{
    zg_graph *g = l->g;
    snap_lazy *z = calloc(1, sizeof *z);

    if (z == NULL)
        return nomem(l);
    if (pthread_mutex_init(&z->lock, NULL) != 0) {
        free(z);
        return nomem(l);
    }
    atomic_init(&z->damaged, 0);
    g->lazy = z;
    for (int c = 0; c < LC_COUNT; c++) {
        size_t n;
        (void)lazy_words(g, (lazy_col)c, &n);
        n = (n + LAZY_WORDS - 1) / LAZY_WORDS;
        z->state[c] = calloc(n ? n : 1, sizeof *z->state[c]);
        if (z->state[c] == NULL)
            return nomem(l);
        for (size_t b = 0; b < n; b++)
            atomic_init(&z->state[c][b], LAZY_UNCHECKED);
    }
    return ZG_OK;
}

/* Every block of every column, checked now: what `validate` and a save
 * do. Fails with the first damage. */
static zg_status
check_all_blocks(const zg_graph *g, zg_error *err)
{
    for (int c = 0; c < LC_COUNT; c++) {
        size_t n;
        (void)lazy_words(g, (lazy_col)c, &n);
        for (size_t i = 0; i < n; i += LAZY_WORDS)
            if (!zg_graph__word_ok(g, (lazy_col)c, i))
                return zg_graph_damage(g, err);
    }
    return ZG_OK;
}

/* That each node's out- (in-) edges start (end) at it and that the far
 * node beside each is the relation's other end: what a walk takes on
 * trust. Reads the columns in the adjacency's order, so only verify does
 * it. */
static zg_status
check_far(loader *l, const uint32_t *off, const zg_id *edg, const zg_id *far,
          const zg_id *near_col, const zg_id *far_col, const char *dir)
{
    for (size_t v = 0; v < l->g->n_nodes; v++)
        for (uint32_t i = off[v]; i < off[v + 1]; i++)
            if (near_col[edg[i]] != v || far_col[edg[i]] != far[i])
                return zg_error_set(
                    l->err, ZG_ERR_PARSE, l->name, 0, 0,
                    "corrupt snapshot: the %s-edges of node %zu list "
                    "relation %u, which does not link it to node %u",
                    dir, v, (unsigned)edg[i], (unsigned)far[i]);
    return ZG_OK;
}

/* The offsets never decrease, across blocks too. */
static zg_status
check_offsets(loader *l, const uint32_t *off, const char *dir)
{
    for (size_t i = 0; i < l->g->n_nodes; i++)
        if (off[i + 1] < off[i])
            return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                                "corrupt snapshot: the %s-edge offset of "
                                "node %zu (%u) is below that of node %zu "
                                "(%u)",
                                dir, i + 1, (unsigned)off[i + 1], i,
                                (unsigned)off[i]);
    return ZG_OK;
}

static zg_status
load_adjacency(loader *l, int verify)
{
    graph_index *ix = &l->g->ix;
    const edge_columns *ec = &l->g->ec;

    ZG_TRY(load_direction(l, T_OOFF, T_OEDG, T_OFAR, "out", &ix->out_off,
                          &ix->out_e, &ix->out_far));
    ZG_TRY(load_direction(l, T_IOFF, T_IEDG, T_IFAR, "in", &ix->in_off,
                          &ix->in_e, &ix->in_far));
    ZG_TRY(lazy_new(l));
    if (verify) {
        ZG_TRY(check_all_blocks(l->g, l->err));
        ZG_TRY(check_offsets(l, ix->out_off, "out"));
        ZG_TRY(check_offsets(l, ix->in_off, "in"));
        ZG_TRY(check_far(l, ix->out_off, ix->out_e, ix->out_far, ec->from,
                         ec->to, "out"));
        ZG_TRY(check_far(l, ix->in_off, ix->in_e, ix->in_far, ec->to, ec->from,
                         "in"));
    }
    return ZG_OK;
}

static zg_status
load_header(loader *l)
{
    zg_graph *g = l->g;
    const void *data;
    size_t len;
    zg_status st;

    ZG_TRY(section(l, T_GRPH, 1, H_WORDS, &l->h));
    if (l->h[H_LAYOUT] == 0)
        return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                            "graph layout 0 of the snapshot is no layout "
                            "(this zonegraph reads %d)",
                            GRAPH_LAYOUT);
    if (l->h[H_LAYOUT] != GRAPH_LAYOUT)
        return zg_error_set(
            l->err, ZG_ERR_INVALID, l->name, 0, 0,
            "graph layout %u of the snapshot is %s than this zonegraph reads "
            "(%d)%s",
            (unsigned)l->h[H_LAYOUT],
            l->h[H_LAYOUT] > GRAPH_LAYOUT ? "newer" : "older", GRAPH_LAYOUT,
            l->h[H_LAYOUT] > GRAPH_LAYOUT
                ? ""
                : ": save it again from the files it was made from");
    if (l->h[H_NODES] >= ZG_NO_ID || l->h[H_EDGES] >= ZG_NO_ID)
        return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                            "corrupt snapshot: %u nodes and %u relations are "
                            "more than ids count",
                            (unsigned)l->h[H_NODES], (unsigned)l->h[H_EDGES]);
    st = zg_snapfile_section(l->f, T_STRS, &data, &len, l->err);
    if (st == ZG_ERR_NOT_FOUND)
        return missing(l, T_STRS);
    if (st != ZG_OK)
        return st;
    /* Every string ends with a NUL inside the pool: then a string that
     * starts inside it ends inside it. */
    if (len > 0 && ((const char *)data)[len - 1] != '\0')
        return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                            "corrupt snapshot: the string pool does not end "
                            "with a NUL");
    g->pool = data;
    g->pool_len = len;
    return ZG_OK;
}

/* The saved fans' sections are there with the lengths the counts give;
 * their bytes are read when a query asks for them. */
static zg_status
check_fans_entries(loader *l)
{
    static const uint32_t tags[2] = {T_FANS, T_FSUM};
    const size_t want[2] = {l->g->n_nodes * 4, 3 * sizeof(double)};
    char name[16];

    for (int i = 0; i < 2; i++) {
        const zg_snapfile_entry *e = zg_snapfile_find(l->f, tags[i]);
        if (e == NULL)
            return missing(l, tags[i]);
        if (e->length != want[i])
            return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                                "corrupt snapshot: the section %s has %llu "
                                "bytes where %zu are counted",
                                zg_snapfile_tag_name(tags[i], name),
                                (unsigned long long)e->length, want[i]);
    }
    return ZG_OK;
}

/* The NKEY section's header is sound: a slot count that is a power of
 * two, at least twice the node count, and the section's length. Its
 * slots are read, and their checksums verified, by lookups. */
static zg_status
check_keys_entry(loader *l)
{
    const zg_snapfile_entry *e = zg_snapfile_find(l->f, T_NKEY);
    const void *data;
    uint32_t head[KEY_HEAD];

    if (e == NULL)
        return missing(l, T_NKEY);
    if (e->length >= sizeof head) {
        ZG_TRY(zg_snapfile_range(l->f, T_NKEY, 0, sizeof head, &data, l->err));
        memcpy(head, data, sizeof head);
    }
    if (e->length < sizeof head || head[2] != key_slots(l->g->n_nodes) ||
        e->length != (KEY_HEAD + (uint64_t)head[2]) * 4)
        return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                            "corrupt snapshot: the node key table (%llu "
                            "bytes) is not one of %zu slots",
                            (unsigned long long)e->length,
                            key_slots(l->g->n_nodes));
    return ZG_OK;
}

/* Bytes of the key table, verified; 0 (the damage kept) when their block
 * is corrupt. */
static int
key_range(const zg_graph *g, size_t at, size_t len, const void **data)
{
    zg_error e = {0};

    if (zg_snapfile_range(g->snap, T_NKEY, at, len, data, &e) == ZG_OK)
        return 1;
    keep_damage(g, &e);
    return 0;
}

zg_id
zg_graph__saved_node_by_key(const zg_graph *g, const char *key)
{
    const void *data;
    size_t cap = key_slots(g->n_nodes), klen = strlen(key), i;
    uint32_t head[KEY_HEAD], slot;
    uint64_t seed;

    /* A block that fails its check finds nothing and is kept as damage. */
    if (!key_range(g, 0, sizeof head, &data))
        return ZG_NO_ID;
    memcpy(head, data, sizeof head);
    seed = (uint64_t)head[1] << 32 | head[0];
    i = zg_snapfile_hash(key, klen, seed) & (cap - 1);
    /* At most every slot: a forged table may have no empty one. */
    for (size_t probes = 0; probes < cap; probes++, i = (i + 1) & (cap - 1)) {
        if (!key_range(g, (KEY_HEAD + i) * 4, 4, &data))
            return ZG_NO_ID;
        memcpy(&slot, data, 4);
        if (slot == NO_KEY)
            return ZG_NO_ID;
        if (slot < g->n_nodes && strcmp(g->nodes[slot].key, key) == 0)
            return slot;
    }
    return ZG_NO_ID;
}

/* That every node is found by its key: what lookups take on trust. */
static zg_status
check_keys(loader *l)
{
    zg_graph *g = l->g;

    ZG_TRY(zg_snapfile_section(l->f, T_NKEY, &(const void *){NULL},
                               &(size_t){0}, l->err));
    for (size_t v = 0; v < g->n_nodes; v++) {
        zg_id got = zg_graph__saved_node_by_key(g, g->nodes[v].key);
        if (got != v)
            return zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                                "corrupt snapshot: the node key table does "
                                "not find node %zu by its key",
                                v);
    }
    return ZG_OK;
}

/* The fan statistics are sums of counts of at most the relation count
 * each; anything else (a negative, NaN or huge value) is forged and could
 * make the hub threshold's search run for ever. */
static int
fan_stats_sane(const zg_fan_stats *fs, size_t m)
{
    double dm = (double)m;

    return fs->count >= 0 && fs->count <= 2 * dm && fs->sum >= 0 &&
           fs->sum <= 2 * dm && fs->sumsq >= 0 && fs->sumsq <= fs->sum * dm;
}

zg_status
zg_graph__saved_fans(const zg_graph *g, const uint32_t **best,
                     zg_fan_stats *stats, zg_error *err)
{
    const void *data, *sums;
    size_t len, slen;
    double d[3];

    ZG_TRY(zg_snapfile_section(g->snap, T_FANS, &data, &len, err));
    ZG_TRY(zg_snapfile_section(g->snap, T_FSUM, &sums, &slen, err));
    /* The lengths were checked at open. */
    memcpy(d, sums, sizeof d);
    stats->sum = d[0];
    stats->sumsq = d[1];
    stats->count = d[2];
    if (!fan_stats_sane(stats, g->n_edges))
        return zg_error_set(err, ZG_ERR_PARSE, g->snap_name, 0, 0,
                            "corrupt snapshot: the fan statistics (count %g, "
                            "sum %g, sum of squares %g) cannot come from %zu "
                            "relations",
                            stats->count, stats->sum, stats->sumsq, g->n_edges);
    *best = data;
    return ZG_OK;
}

/* That the saved fans are those of the relations: what the hub rule
 * takes on trust. Reads every relation, so only verify does it. */
static zg_status
check_fans(loader *l)
{
    zg_graph *g = l->g;
    const uint32_t *saved = NULL;
    uint32_t *best = NULL;
    zg_fan_stats got, want;
    zg_status st;

    st = zg_graph__saved_fans(g, &saved, &want, l->err);
    if (st != ZG_OK)
        return st;
    best = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof *best);
    if (best == NULL)
        return nomem(l);
    st = zg_graph__compute_fans(g, NULL, NULL, best, NULL, NULL, &got, l->err);
    for (size_t v = 0; st == ZG_OK && v < g->n_nodes; v++)
        if (best[v] != saved[v])
            st = zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                              "corrupt snapshot: node %zu: the saved fan %u "
                              "is not its relations' %u",
                              v, (unsigned)saved[v], (unsigned)best[v]);
    if (st == ZG_OK && memcmp(&got, &want, sizeof got) != 0)
        st = zg_error_set(l->err, ZG_ERR_PARSE, l->name, 0, 0,
                          "corrupt snapshot: the saved fan statistics are "
                          "not those of the relations");
    free(best);
    return st;
}

static zg_status
open_graph(zg_snapfile *f, const char *name, unsigned options, zg_graph **out,
           zg_error *err)
{
    zg_graph *g = NULL;
    loader l = {NULL, f, name, err, NULL};
    zg_status st;

    st = zg_graph_new(&g, err);
    if (st != ZG_OK) {
        zg_snapfile_close(f);
        return st;
    }
    g->snap = f;
    g->snap_name = zg_arena_strdup(&g->arena, name);
    if (g->snap_name == NULL) {
        st = nomem(&l);
        goto out;
    }
    l.g = g;
    l.name = g->snap_name;
    if ((options & ZG_SNAPSHOT_VERIFY) &&
        (st = zg_snapfile_verify(f, err)) != ZG_OK)
        goto out;
    if ((st = load_header(&l)) != ZG_OK || (st = load_types(&l)) != ZG_OK ||
        (st = load_nodes(&l)) != ZG_OK || (st = load_edges(&l)) != ZG_OK ||
        (st = load_extras(&l)) != ZG_OK ||
        (st = load_adjacency(&l, (options & ZG_SNAPSHOT_VERIFY) != 0)) !=
            ZG_OK ||
        (st = check_fans_entries(&l)) != ZG_OK ||
        (st = check_keys_entry(&l)) != ZG_OK)
        goto out;
    g->indexed = 1;
    if ((options & ZG_SNAPSHOT_VERIFY) &&
        ((st = check_fans(&l)) != ZG_OK || (st = check_keys(&l)) != ZG_OK))
        goto out;
    *out = g;
    g = NULL;
out:
    zg_graph_free(g);
    return st;
}

zg_status
zg_graph_open_snapshot(const char *path, unsigned options, zg_graph **out,
                       zg_error *err)
{
    zg_snapfile *f = NULL;

    *out = NULL;
    if (!little_endian())
        return zg_error_set(err, ZG_ERR_INVALID, path, 0, 0,
                            "snapshots are read on little-endian machines "
                            "only");
    ZG_TRY(zg_snapfile_open(&f, path, 0, err));
    return open_graph(f, path, options, out, err);
}

zg_status
zg_graph_open_snapshot_memory(const void *data, size_t size, const char *name,
                              unsigned options, zg_graph **out, zg_error *err)
{
    zg_snapfile *f = NULL;

    *out = NULL;
    if (!little_endian())
        return zg_error_set(err, ZG_ERR_INVALID, name, 0, 0,
                            "snapshots are read on little-endian machines "
                            "only");
    ZG_TRY(zg_snapfile_open_memory(&f, data, size, name, 0, err));
    return open_graph(f, name, options, out, err);
}
