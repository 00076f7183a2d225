/* SPDX-License-Identifier: MIT */
/* Internal to graph/: the layout of zg_graph, shared by graph.c and
 * lookup.c, and by white-box tests. */
#ifndef GRAPH_INTERNAL_H
#define GRAPH_INTERNAL_H

#include "zg_arena.h"
#include "zg_graph.h"
#include "zg_snapfile.h"
#include "zg_text.h"

#include <pthread.h>
#include <stdatomic.h>

#include <uthash.h>

/* A table from records to their ids that stores no keys (idtab.c). */
typedef struct idtab {
    uint64_t *slot;
    size_t cap, n;
} idtab;

/* 32 bits of hash of two words. */
uint32_t zg_idtab_mix(uint64_t x, uint64_t y);
/* The id whose record has hash `h` and for which `same(ctx, id)` holds,
 * or ZG_NO_ID. */
zg_id zg_idtab_find(const idtab *t, uint32_t h,
                    int (*same)(const void *ctx, zg_id id), const void *ctx);
/* Add `id` with hash `h` (not there yet); 0 when out of memory, the
 * table unchanged. */
int zg_idtab_add(idtab *t, uint32_t h, zg_id id);
/* Remove `id`, added with hash `h`; allocates nothing. */
void zg_idtab_remove(idtab *t, uint32_t h, zg_id id);
void zg_idtab_free(idtab *t);

/* The records found by a name. */
typedef enum named {
    NAMED_NTYPE, /* node types by name */
    NAMED_RTYPE, /* relation types by name */
    NAMED_SOURCE,
    NAMED_NODE, /* nodes by key */
    NAMED_COUNT
} named;

typedef struct rtype_rec {
    zg_reltype_info info;
    zg_id *from, *to; /* allowed type ids; NULL with n = 0 and any = 1 */
    size_t n_from, n_to;
    int any_from, any_to;
} rtype_rec;

typedef struct alias_rec {
    zg_id owner;
    zg_alias a;
} alias_rec;

typedef struct prop_rec {
    zg_id owner;
    zg_prop p;
} prop_rec;

/* A node field overwritten by a merge: node id and byte offset of the
 * `const char *` member, so the record survives the nodes array moving. */
typedef struct undo_rec {
    zg_id node;
    size_t offset;
    const char *old;
} undo_rec;

/* A folded name and the nodes it names (postings chained through `next`). */
typedef struct name_ent {
    char *folded; /* in the index arena */
    uint32_t first;
    UT_hash_handle hh;
} name_ent;

typedef struct posting {
    zg_id node;
    const char *text; /* the original id, name or alias */
    uint32_t next;    /* UINT32_MAX ends the chain */
} posting;

/* The provenance of a relation that has more than its basis: what
 * edge_columns.prov points to (see PROV_* below). */
typedef struct edge_prov {
    const char *source, *evidence, *note, *since, *until;
} edge_prov;

/* prov[e]: the basis in the low two bits; above them 0 when the relation
 * has nothing more, else 1 + its index in `provs`. */
#define PROV_BASIS(p) ((zg_basis)((p)&3u))
#define PROV_HAS(p) ((p) >> 2 != 0)
#define PROV_INDEX(p) (((p) >> 2) - 1)
#define PROV_MAKE(basis, index)                                                \
    ((uint32_t)((index) + 1) << 2 | (uint32_t)(basis))
/* How many provenance records prov[] can point to. */
#define PROV_MAX (((size_t)1 << 30) - 2)

/* The relations as columns, by edge id, n_edges long. */
typedef struct edge_columns {
    zg_id *from, *to, *type; /* ends and relation type */
    uint32_t *prov;          /* basis and where the rest of the provenance
                                is (PROV_*) */
} edge_columns;

/* Derived indexes, rebuilt by commit. */
typedef struct graph_index {
    uint32_t *out_off, *in_off; /* node count + 1 */
    zg_id *out_e, *in_e;        /* edge ids by from (to) node */
    zg_id *out_far, *in_far;    /* beside them: each edge's to (from) */
    uint32_t *alias_off, *nprop_off, *eprop_off;
    zg_alias *aliases;
    zg_prop *nprops, *eprops;
} graph_index;

/*
 * The folded-name index, built by the first lookup after a commit
 * (zg_graph__need_names()), so that loading, validating and exporting
 * never fold a name or load the folding tables. Lookups take a const
 * graph and may run in several threads at once: the cache lives outside
 * the graph's own memory (the graph holds a pointer to it), is built
 * under `lock` and is published through `ready` with release order.
 */
typedef struct name_cache {
    pthread_mutex_t lock;
    atomic_int ready;    /* 1: the fields below match the committed data */
    zg_folder *folder;   /* loaded by the first build, or NULL */
    name_ent *names;     /* uthash head */
    name_ent *name_pool; /* entries */
    size_t n_names;
    posting *postings;
    zg_arena text; /* folded strings */
} name_cache;

/*
 * The relation columns and the adjacency of a graph opened from a
 * snapshot (snapshot.c) are used in place and checked a block of the file
 * at a time (ZG_SNAPFILE_BLOCK bytes), the first time something reads a
 * word of the block through an accessor: its checksum, then every value
 * of it against its range (node, relation, type and provenance ids, the
 * offsets within the relation count and never decreasing). A block that
 * fails is damage: the accessor hands out a value that is in range (node
 * 0, an empty adjacency) and the graph keeps the first failure, which
 * zg_graph_damage() reports.
 */
typedef enum lazy_col {
    LC_FROM,
    LC_TO,
    LC_TYPE,
    LC_PROV,
    LC_OOFF,
    LC_OEDG,
    LC_OFAR,
    LC_IOFF,
    LC_IEDG,
    LC_IFAR,
    LC_COUNT
} lazy_col;

/* Words of a column per block. */
#define LAZY_WORDS (ZG_SNAPFILE_BLOCK / 4)

/* A block's state in snap_lazy.state. */
enum { LAZY_UNCHECKED, LAZY_GOOD, LAZY_BAD };

typedef struct snap_lazy {
    atomic_uchar *state[LC_COUNT]; /* per block of each column */
    pthread_mutex_t lock;          /* over `damage` */
    atomic_int damaged;            /* `damage` is set */
    zg_error damage;               /* the first block that failed */
} snap_lazy;

typedef struct tx_mark {
    size_t ntypes, rtypes, sources, nodes, edges, provs, aliases, nprops,
        eprops;
    size_t undo;
    size_t strs;
    zg_arena_mark arena;
} tx_mark;

struct zg_graph {
    edge_columns ec;
    size_t n_edges, cap_edges;
    edge_prov *provs; /* the provenance beyond a basis */
    size_t n_provs, cap_provs;

    zg_arena arena;

    zg_nodetype_info *ntypes;
    size_t n_ntypes, cap_ntypes;
    rtype_rec *rtypes;
    size_t n_rtypes, cap_rtypes;
    zg_source_info *sources;
    size_t n_sources, cap_sources;
    zg_node_info *nodes;
    size_t n_nodes, cap_nodes;
    alias_rec *aliases;
    size_t n_aliases, cap_aliases;
    prop_rec *nprops, *eprops;
    size_t n_nprops, cap_nprops, n_eprops, cap_eprops;
    undo_rec *undo;
    size_t n_undo, cap_undo;

    /* Interned text: every distinct string once, in the arena. */
    const char **strs;
    size_t n_strs, cap_strs;
    /* Tables from a record's identity to its index (idtab.c): strings
     * by content; node types, relation types, sources and nodes by their
     * names (named_ids, by `named`); strings hash with zg_hash_bytes(),
     * keyed per process; aliases by (node, text); properties
     * by (owner, name, and for figures date and kind). */
    idtab str_ids, named_ids[NAMED_COUNT], alias_ids, nprop_ids, eprop_ids;
    /* Relations have no table: commit sorts the new ones by identity
     * (from, to, type, source, evidence) to find repeats. The committed
     * ones in that order, so that a later transaction merges an identical
     * relation into them: sorted by the first transaction that adds to a
     * graph that has relations, then kept up to date by each commit;
     * NULL before (a single load never pays for it). */
    zg_id *by_identity;
    size_t n_by_identity;
    /* The open transaction's relations in that order and the first
     * (lowest id) that repeats one added before it (ZG_NO_ID: none),
     * while tx_sorted_ok. */
    zg_id *tx_sorted;
    zg_id tx_repeat;
    int tx_sorted_ok;

    int in_tx;
    tx_mark mark;
    graph_index ix;
    int indexed;    /* ix matches the data */
    name_cache *nc; /* never NULL */

    /* A graph opened from a snapshot (snapshot.c): the open snapshot, or
     * NULL. Then the relation columns and the adjacency arrays of `ix`
     * are borrowed from its mapping (free does not free them), every
     * string points into its string pool `pool` (`pool_len` bytes), and
     * the graph is read-only (begin refuses). */
    zg_snapfile *snap;
    const char *snap_name; /* the snapshot's file name, for messages */
    const char *pool;
    size_t pool_len;
    snap_lazy *lazy; /* with `snap`: what of its arrays is checked */
};

/* snapshot.c: check block `block` of column `c` of a snapshot's graph
 * (see snap_lazy); 1 when it is sound. */
int zg_graph__check_block(const zg_graph *g, lazy_col c, size_t block);
/* Check the offsets of node `n` in one direction and the adjacency
 * entries between them; 1 when they are sound, else 0 with the damage
 * kept. */
int zg_graph__adj_ok(const zg_graph *g, zg_id n, int outward);
/* The node of a snapshot's graph whose key is `key`, from the table the
 * snapshot stores, or ZG_NO_ID. */
zg_id zg_graph__saved_node_by_key(const zg_graph *g, const char *key);
/* Free what a snapshot's graph keeps of its checks. Accepts NULL. */
void zg_graph__free_lazy(snap_lazy *z);

/* Whether word `i` of column `c` may be read: always, but for a graph
 * opened from a snapshot whose block holding it fails its check. */
static inline int
zg_graph__word_ok(const zg_graph *g, lazy_col c, size_t i)
{
    if (g->lazy == NULL ||
        atomic_load_explicit(&g->lazy->state[c][i / LAZY_WORDS],
                             memory_order_acquire) == LAZY_GOOD)
        return 1;
    return zg_graph__check_block(g, c, i / LAZY_WORDS);
}

/* graph.c */
/* The provenance record of edge `e`, or NULL when it has only a basis. */
static inline const edge_prov *
zg_graph__prov(const zg_graph *g, zg_id e)
{
    uint32_t p = zg_graph__word_ok(g, LC_PROV, e) ? g->ec.prov[e] : 0;

    return PROV_HAS(p) ? &g->provs[PROV_INDEX(p)] : NULL;
}

/* Index every record of kind `what` of `g` under its name (a graph built
 * by snapshot.c, whose table of that kind is empty). 0 when out of
 * memory. */
int zg_graph__index_names(zg_graph *g, named what);
/* Build the per-node alias and property slices and the per-edge property
 * slices of g->ix from the records (the adjacency is left alone). Fails:
 * ZG_ERR_NOMEM, then ix's slices stay NULL. */
zg_status zg_graph__build_slices(zg_graph *g, zg_error *err);
/* Parse the allowed-type list `list` of relation type `rel` at its end
 * `end` ("from" or "to") into sorted type ids in the arena, as adding a
 * relation type does. Fails: ZG_ERR_INVALID (an unknown type),
 * ZG_ERR_NOMEM. */
zg_status zg_graph__type_list(zg_graph *g, const char *list, const char *rel,
                              const char *end, zg_id **ids, size_t *n, int *any,
                              zg_error *err);
/* The index of the interned string `s` in g->strs, or ZG_NO_ID when `s`
 * is not interned text of `g`. */
zg_id zg_graph__str_index(const zg_graph *g, const char *s);

/* fans.c */
/* zg_graph_fans() computed from the relations, never read from a
 * snapshot; `stats` must not be NULL. */
zg_status zg_graph__compute_fans(const zg_graph *g,
                                 const unsigned char *node_ok,
                                 const unsigned char *edge_ok, uint32_t *best,
                                 zg_id *fan_rel, int *fan_out,
                                 zg_fan_stats *stats, zg_error *err);

/* snapshot.c */
/* The fans saved in the snapshot `g` was opened from (a count per node,
 * borrowed from the mapping) and their statistics. Fails: ZG_ERR_PARSE
 * (a corrupt section). */
zg_status zg_graph__saved_fans(const zg_graph *g, const uint32_t **best,
                               zg_fan_stats *stats, zg_error *err);

/* lookup.c */
/* Build the name index of `g` unless it is built (thread-safe; the
 * folding tables are loaded the first time). Fails: ZG_ERR_IO (tables),
 * ZG_ERR_NOMEM; then the index stays unbuilt and a later call retries. */
zg_status zg_graph__need_names(const zg_graph *g, zg_error *err);
/* Free what the name cache holds (not the cache) and mark it unbuilt. */
void zg_graph__free_names(name_cache *nc);

/* validate.c: the value rules (zg_rules.h) each zg_graph_add_* applies
 * to what it is given, after the checks that need no rule (required
 * names, known ids); ZG_ERR_INVALID names the record, field and value. */
zg_status zg_graph__check_nodetype(const zg_graph *g, const zg_nodetype_info *t,
                                   zg_error *err);
zg_status zg_graph__check_reltype(const zg_graph *g, const zg_reltype_info *r,
                                  zg_error *err);
zg_status zg_graph__check_source(const zg_graph *g, const zg_source_info *s,
                                 zg_error *err);
zg_status zg_graph__check_node(const zg_graph *g, const zg_node_info *n,
                               zg_error *err);
/* The period node `n` would have after a merge gives it `since` and
 * `until`. */
zg_status zg_graph__check_merged_span(const zg_graph *g, const zg_node_info *n,
                                      const char *since, const char *until,
                                      zg_error *err);
/* An alias's language tag, for node `n`. */
zg_status zg_graph__check_alias(const zg_graph *g, zg_id n, const char *lang,
                                zg_error *err);
/* `e`'s ends and type must be known. */
zg_status zg_graph__check_edge(const zg_graph *g, const zg_edge_info *e,
                               zg_error *err);
/* A property of node (edge, `on_edge`) `owner`; name and value set. */
zg_status zg_graph__check_prop(const zg_graph *g, zg_id owner, int on_edge,
                               const zg_prop *p, zg_error *err);

#endif /* GRAPH_INTERNAL_H */
