/* SPDX-License-Identifier: MIT */
/**
 * @file zg_graph.h
 * @brief The in-memory typed graph: schema, nodes, edges, provenance, lookup.
 *
 * Nodes, edges, node types, relation types and sources each have a dense
 * integer id (zg_id) counting from 0 in the order they were added. Text is
 * copied in on every add and handed out borrowed: every `const char *` and
 * every struct pointer a getter returns stays valid until the graph is freed
 * or rolled back past the point where it was added.
 *
 * Building: add types, sources, nodes and edges between zg_graph_begin() and
 * zg_graph_commit(). Commit rebuilds the indexes (adjacency, per-node
 * aliases and properties) that the getters read; zg_graph_rollback()
 * returns the graph to exactly the state of the matching begin. Any
 * mutation invalidates slices returned earlier. The folded-name index
 * that zg_graph_resolve() and zg_graph_search() read is built by the
 * first of them after a commit, loading the folding tables the first
 * time, so a program that never looks a name up never pays for it.
 *
 * Threads: a committed graph may be read, looked up and searched from
 * several threads at once (building the name index is locked); building
 * and committing need the graph to themselves.
 *
 * Rules: every zg_graph_add_* refuses (ZG_ERR_INVALID) what the value
 * rules of doc/vocabulary.md refuse, before it changes anything: missing
 * required fields, ids with white space at an end or a newline, dates that
 * are not calendar dates, until before since, a basis or property kind
 * out of range, a value its kind does not read (or a `number` that is not
 * the value's), figure fields that are missing, out of their lists or on
 * a property that is not a figure, colours, shapes and priorities out of
 * range, language tags. The message names the record, the field and the
 * value, quoted with control characters escaped, e.g. "node 'k': since
 * '2021-02-29' must be a date (YYYY, YYYY-MM or YYYY-MM-DD)". What only a
 * file format asks (XML names, text XML can carry) is the exporters'.
 *
 * Duplicates: within one transaction, adding a node, source or edge twice
 * is an error (for an edge, found by zg_graph_commit() or
 * zg_graph_edge_repeats()). Across transactions (several files loaded in turn),
 * an identical node, source or edge merges with the existing one; a node with
 * the same id but a different type or names is a conflict error.
 */
#ifndef ZG_GRAPH_H
#define ZG_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "zg_error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Dense index of a node, edge, node type, relation type or source. */
typedef uint32_t zg_id;

/** "No such id". */
#define ZG_NO_ID ((zg_id)UINT32_MAX)

/** The graph. Opaque. */
typedef struct zg_graph zg_graph;

/** How a fact rests on its source. */
typedef enum zg_basis {
    ZG_BASIS_STATED = 0, /**< the evidence sentence says it */
    ZG_BASIS_IMPLIED,    /**< it follows from the source, not said outright */
    ZG_BASIS_INFERRED    /**< general knowledge, not in the source */
} zg_basis;

/** A node type. Input to zg_graph_add_nodetype(), output of getters. */
typedef struct zg_nodetype_info {
    const char *name;   /**< required: e.g. "zone"; no white space, not "*" */
    const char *zh;     /**< display label or NULL */
    const char *en;     /**< display label or NULL */
    const char *shape;  /**< a shape doc/vocabulary.md lists, or NULL */
    const char *colour; /**< "#rrggbb" or NULL */
    unsigned priority;  /**< lookup priority, lower wins (default 100),
                             at most 1000000 */
} zg_nodetype_info;

/** The default lookup priority of a node type. */
#define ZG_DEFAULT_PRIORITY 100u

/** A relation type. */
typedef struct zg_reltype_info {
    const char *name; /**< required */
    const char *zh;   /**< verb phrase or NULL */
    const char *en;   /**< verb phrase or NULL */
    const char *from; /**< required: space-separated node type names, or "*" */
    const char *to;   /**< required: space-separated node type names, or "*" */
    int cluster;      /**< non-zero: draw targets as clusters of sources */
} zg_reltype_info;

/** A source document. */
typedef struct zg_source_info {
    const char *id;                              /**< required, unique */
    const char *title;                           /**< required */
    const char *publisher, *date, *url, *author; /**< each may be NULL;
                                                      date is a date */
} zg_source_info;

/** A node. */
typedef struct zg_node_info {
    const char *key;      /**< required: the id from the data, unique; no
                               white space at either end, no newline */
    zg_id type;           /**< a node type id */
    zg_basis basis;       /**< how it rests on its sources */
    const char *name;     /**< required: primary name */
    const char *name_en;  /**< English name or NULL */
    const char *since;    /**< valid from (YYYY[-MM[-DD]]) or NULL */
    const char *until;    /**< valid until or NULL */
    const char *sources;  /**< one or more space-separated source ids, or
                               NULL */
    const char *evidence; /**< or NULL */
    const char *note;     /**< or NULL */
} zg_node_info;

/**
 * An edge: one typed relation with its provenance. The input of
 * zg_graph_add_edge(), and what zg_graph_edge_get() fills in.
 */
typedef struct zg_edge_info {
    zg_id from;           /**< node id */
    zg_id type;           /**< relation type id */
    zg_id to;             /**< node id */
    zg_basis basis;       /**< how it rests on its source */
    const char *source;   /**< source id; NULL only when inferred */
    const char *evidence; /**< the sentence it rests on; NULL only when
                               inferred */
    const char *note;     /**< or NULL */
    const char *since;    /**< or NULL */
    const char *until;    /**< or NULL */
} zg_edge_info;

/** The kind of a property value. */
typedef enum zg_prop_kind {
    ZG_PROP_STRING = 0,
    ZG_PROP_INTEGER,
    ZG_PROP_NUMBER,
    ZG_PROP_DATE,
    ZG_PROP_BOOLEAN,
    ZG_PROP_FIGURE /**< a measured or planned quantity with unit and date */
} zg_prop_kind;

/** A property of a node or edge. Unused text fields are NULL. */
typedef struct zg_prop {
    const char *name;  /**< required, non-empty */
    const char *value; /**< required: the value as written, as its kind
                            reads it (doc/vocabulary.md) */
    zg_prop_kind kind;
    double number; /**< the value, for INTEGER, NUMBER and FIGURE; else 0 */
    /* Figure fields, NULL on any other property. */
    const char *zh, *en;     /**< figure labels */
    const char *unit;        /**< required: figure unit, e.g. "亿元" */
    const char *date;        /**< period a figure describes, or NULL */
    const char *approx;      /**< required: "exact", "over", "nearly",
                                  "about", "under" */
    const char *figure_kind; /**< required: "actual", "target", "forecast",
                                  "estimate" */
    const char *base;        /**< comparison period of a growth figure */
    const char *source;      /**< source id; required on a figure */
    const char *evidence;
    const char *since, *until; /**< not on a figure (its date says when) */
} zg_prop;

/** An alternative name of a node. */
typedef struct zg_alias {
    const char *text; /**< the alias */
    const char *lang; /**< e.g. "en", "zh-Hant", or NULL */
} zg_alias;

/* ---- life cycle ---- */

/**
 * Create an empty graph in `*out`. Fails: ZG_ERR_NOMEM. Free with
 * zg_graph_free().
 */
zg_status zg_graph_new(zg_graph **out, zg_error *err);

/** Free `g` and everything it handed out. Accepts NULL. */
void zg_graph_free(zg_graph *g);

/**
 * Start a transaction: remember the current state. Transactions do not
 * nest (ZG_ERR_INVALID).
 */
zg_status zg_graph_begin(zg_graph *g, zg_error *err);

/**
 * End the transaction and rebuild the indexes. Fails: ZG_ERR_INVALID (an
 * edge added twice in the transaction: "duplicate relation A -[T]-> B",
 * naming the first repeat), ZG_ERR_NOMEM; then the transaction is rolled
 * back and the graph is as it was at begin.
 */
zg_status zg_graph_commit(zg_graph *g, zg_error *err);

/** Undo everything since zg_graph_begin(). No-op outside a transaction. */
void zg_graph_rollback(zg_graph *g);

/* ---- building (inside a transaction) ---- */

/**
 * Declare a node type (fields copied). Redeclaring an identical type returns
 * its id; a different one is ZG_ERR_INVALID.
 */
zg_status zg_graph_add_nodetype(zg_graph *g, const zg_nodetype_info *info,
                                zg_id *out, zg_error *err);

/**
 * Declare a relation type. Every name in `from`/`to` must be a declared
 * node type (ZG_ERR_INVALID otherwise). Identical redeclaration is allowed.
 */
zg_status zg_graph_add_reltype(zg_graph *g, const zg_reltype_info *info,
                               zg_id *out, zg_error *err);

/** Declare a source. Duplicate rules as for nodes. */
zg_status zg_graph_add_source(zg_graph *g, const zg_source_info *info,
                              zg_id *out, zg_error *err);

/**
 * Add a node, or merge with an identical one from an earlier transaction
 * (then `*merged` is set to 1; `merged` may be NULL). Every `sources` id must
 * be declared. Fails: ZG_ERR_INVALID (duplicate id in this transaction,
 * conflict with the earlier definition, unknown type or source),
 * ZG_ERR_NOMEM.
 */
zg_status zg_graph_add_node(zg_graph *g, const zg_node_info *info, zg_id *out,
                            int *merged, zg_error *err);

/** Add an alias to node `n`; an alias the node already has is ignored.
 * `lang` is a language tag ("en", "zh-Hant") or NULL. */
zg_status zg_graph_add_alias(zg_graph *g, zg_id n, const char *text,
                             const char *lang, zg_error *err);

/**
 * Add a property to node `n`. A node has at most one property of a name
 * (figures: one per name, date and kind); adding an identical one again is
 * ignored, a different one is ZG_ERR_INVALID.
 */
zg_status zg_graph_add_node_prop(zg_graph *g, zg_id n, const zg_prop *p,
                                 zg_error *err);

/**
 * Add an edge. Checks that the relation type allows the endpoint types and
 * that `source` is declared. An edge identical to a committed one (same
 * from, type, to, source and evidence) merges with it (`*out` is then the
 * existing edge). One identical to an edge of the same transaction is an
 * error that zg_graph_commit() reports (zg_graph_edge_repeats() finds it
 * before): repeats are found by sorting once, not looked up per edge.
 */
zg_status zg_graph_add_edge(zg_graph *g, const zg_edge_info *info, zg_id *out,
                            zg_error *err);

/** Add a property to edge `e`; rules as for zg_graph_add_node_prop(), and
 * an edge carries no figure. */
zg_status zg_graph_add_edge_prop(zg_graph *g, zg_id e, const zg_prop *p,
                                 zg_error *err);

/**
 * Find the edges added since zg_graph_begin() that repeat one added before
 * them in the transaction (same from, type, to, source and evidence) and
 * call `each(ctx, e)` with each, in no particular order; of identical
 * edges, every one but the first added is a repeat. For an importer that
 * reports a repeat where its file has it. Sorts the transaction's edges
 * once: commit does not sort them again unless edges are added after.
 * Fails: ZG_ERR_INVALID (outside a transaction), ZG_ERR_NOMEM.
 */
zg_status zg_graph_edge_repeats(zg_graph *g, void (*each)(void *ctx, zg_id e),
                                void *ctx, zg_error *err);

/**
 * Renumber the `n` edges added since zg_graph_begin() (n must be that
 * count): `order[i]` is the id of the edge that becomes the i-th of them.
 * Their properties follow them. For an importer that adds some relations
 * as they come and others later, and keeps the order of the file. Fails:
 * ZG_ERR_INVALID (outside a transaction, a wrong count, `order` not a
 * permutation of those ids), ZG_ERR_NOMEM; the graph is then unchanged.
 */
zg_status zg_graph_order_edges(zg_graph *g, const zg_id *order, size_t n,
                               zg_error *err);

/* ---- reading (after commit) ---- */

size_t zg_graph_node_count(const zg_graph *g);
size_t zg_graph_edge_count(const zg_graph *g);
size_t zg_graph_nodetype_count(const zg_graph *g);
size_t zg_graph_reltype_count(const zg_graph *g);
size_t zg_graph_source_count(const zg_graph *g);

/** Borrowed views; `id` must be in range. */
const zg_node_info *zg_graph_node(const zg_graph *g, zg_id n);
const zg_nodetype_info *zg_graph_nodetype(const zg_graph *g, zg_id t);
const zg_reltype_info *zg_graph_reltype(const zg_graph *g, zg_id r);
const zg_source_info *zg_graph_source(const zg_graph *g, zg_id s);

/**
 * Relations are kept as columns, one value per edge id, and a relation
 * without source, evidence, note, since or until keeps only its basis:
 * there is no record of an edge to point to. zg_graph_edge_get() fills a
 * caller's zg_edge_info with every field of edge `e` (its strings borrowed
 * from the graph); the accessors below read one field each, for loops
 * over many edges. `e` must be in range for all of them; they may be
 * called inside a transaction, on the edges added so far.
 */
void zg_graph_edge_get(const zg_graph *g, zg_id e, zg_edge_info *out);

/** The node edge `e` starts from; `e` must be in range. */
zg_id zg_graph_edge_from(const zg_graph *g, zg_id e);
/** The node edge `e` goes to. */
zg_id zg_graph_edge_to(const zg_graph *g, zg_id e);
/** The relation type of edge `e`. */
zg_id zg_graph_edge_type(const zg_graph *g, zg_id e);
/** How edge `e` rests on its source. */
zg_basis zg_graph_edge_basis(const zg_graph *g, zg_id e);

/** Exact lookups by the name as written; ZG_NO_ID when absent. */
zg_id zg_graph_node_by_key(const zg_graph *g, const char *key);
zg_id zg_graph_nodetype_by_name(const zg_graph *g, const char *name);
zg_id zg_graph_reltype_by_name(const zg_graph *g, const char *name);
zg_id zg_graph_source_by_id(const zg_graph *g, const char *id);

/**
 * Whether every id in the space-separated list `ids` is a declared source
 * (NULL passes): ZG_OK, or ZG_ERR_INVALID naming the first that is not, as
 * adding a record citing them would fail.
 */
zg_status zg_graph_check_sources(const zg_graph *g, const char *ids,
                                 zg_error *err);

/** 1 if relation type `r` allows a node of type `t` at its from (to) end. */
int zg_graph_reltype_allows_from(const zg_graph *g, zg_id r, zg_id t);
int zg_graph_reltype_allows_to(const zg_graph *g, zg_id r, zg_id t);

/**
 * The out- (in-) edges of node `n` as edge ids, in the order added; sets
 * `*out` to a borrowed array and returns its length.
 */
size_t zg_graph_out_edges(const zg_graph *g, zg_id n, const zg_id **out);
size_t zg_graph_in_edges(const zg_graph *g, zg_id n, const zg_id **out);

/**
 * A walk over one node's relations in one direction: its out-edges when
 * `outward` (walking with the relations), else its in-edges (against
 * them), each with the node at its far end. Start it with
 * zg_graph_adjacency() and take edges with zg_graph_adj_next(); `count`
 * is how many edges the walk has and `next` the index of the one it hands
 * out next (a caller may save and restore it to resume a walk). `edges`
 * and `far` are borrowed from the graph's adjacency index, index for
 * index: `far[i]` is the far end of `edges[i]`, so that a walk moves on
 * without reading the relations themselves.
 */
typedef struct zg_adjacency {
    const zg_graph *g;
    const zg_id *edges; /**< edge ids, borrowed from the graph */
    const zg_id *far;   /**< the node at the far end of each, borrowed */
    size_t count;       /**< number of edges */
    size_t next;        /**< index of the next edge */
    int outward;        /**< 1: out-edges, 0: in-edges */
} zg_adjacency;

/** The walk over the out-edges (`outward`) or in-edges of node `n`. */
zg_adjacency zg_graph_adjacency(const zg_graph *g, zg_id n, int outward);

/**
 * Take the next edge of walk `a`: its id in `*e` and the node at its far
 * end in `*far` (its `to` walking outward, else its `from`). Returns 0,
 * leaving them unset, when no edge is left. The edge's type and the rest
 * come from zg_graph_edge_type() and the other accessors.
 */
static inline int
zg_graph_adj_next(zg_adjacency *a, zg_id *e, zg_id *far)
{
    if (a->next >= a->count)
        return 0;
    *e = a->edges[a->next];
    *far = a->far[a->next++];
    return 1;
}

/** Aliases / properties of node `n`, or properties of edge `e`. */
size_t zg_graph_node_aliases(const zg_graph *g, zg_id n, const zg_alias **out);
size_t zg_graph_node_props(const zg_graph *g, zg_id n, const zg_prop **out);
size_t zg_graph_edge_props(const zg_graph *g, zg_id e, const zg_prop **out);

/** The first property of `n` named `name`, or NULL. */
const zg_prop *zg_graph_node_prop(const zg_graph *g, zg_id n, const char *name);

/* ---- fans ---- */

/** What the hub rule draws its threshold from: over every node, direction
 * and relation type present, the fan's count, sum and sum of squares. */
typedef struct zg_fan_stats {
    double sum, sumsq, count;
} zg_fan_stats;

/**
 * The fan of each node: the most distinct nodes, each with at least two
 * visible relations, that it reaches through its visible relations of one
 * type in one direction. `node_ok` and `edge_ok` hold a flag per node and
 * per edge (1: visible), or are NULL when all are. Fills `best` (a count
 * per node, 0 for a node not visible), and when not NULL `fan_rel` (the
 * relation type of that fan, ZG_NO_ID without one), `fan_out` (1 when it
 * is outward) and `stats` (over every visible node, direction and type
 * with a fan). The graph must be committed. With every node and relation
 * visible and neither `fan_rel` nor `fan_out` asked for, a graph opened
 * from a snapshot reads the fans saved in it rather than its relations.
 * Fails: ZG_ERR_NOMEM, ZG_ERR_PARSE (the snapshot's saved fans are
 * corrupt).
 */
zg_status zg_graph_fans(const zg_graph *g, const unsigned char *node_ok,
                        const unsigned char *edge_ok, uint32_t *best,
                        zg_id *fan_rel, int *fan_out, zg_fan_stats *stats,
                        zg_error *err);

/* ---- names ---- */

/** The outcome of resolving a name a person typed. */
typedef struct zg_resolution {
    zg_id node;      /**< the node chosen */
    size_t n_others; /**< other nodes the name also matched (lower priority) */
    zg_id others[8]; /**< the first of them */
} zg_resolution;

/**
 * Resolve `name` to one node. `name` may be qualified by type
 * (`zone:北京`). Tried in order: the exact id; then the folded name (see
 * zg_text.h) against ids, names, English names and aliases. Among several
 * matches, the one node whose type has the lowest priority wins and the rest
 * are listed in `out->others`. Fails: ZG_ERR_NOT_FOUND (the message suggests
 * the nearest names), ZG_ERR_AMBIGUOUS (the message lists the candidates as
 * `type:key`), ZG_ERR_INVALID (unknown type qualifier), ZG_ERR_IO (the
 * folding tables cannot be loaded), ZG_ERR_NOMEM.
 */
zg_status zg_graph_resolve(const zg_graph *g, const char *name,
                           zg_resolution *out, zg_error *err);

/** One result of zg_graph_search(). */
typedef struct zg_hit {
    zg_id node;
    unsigned score; /**< 0 exact, 1 prefix, 2 substring, 3+d edit distance d */
    const char *matched; /**< the name or alias that matched (borrowed) */
} zg_hit;

/**
 * Fuzzy search of names and aliases for `text`: exact, prefix and substring
 * matches of the folded forms; only when there are none, near misses by edit
 * distance (at most a third of the query's code points, at least 1). Fills at
 * most `max` hits, best first (score, then type priority, then id), one per
 * node, and sets `*n`. Fails: ZG_ERR_PARSE (invalid UTF-8), ZG_ERR_IO (the
 * folding tables cannot be loaded), ZG_ERR_NOMEM.
 */
zg_status zg_graph_search(const zg_graph *g, const char *text, zg_hit *hits,
                          size_t max, size_t *n, zg_error *err);

/** A short readable label: the node's name, or `en` name when `en` is set
 * and the node has one. Borrowed. */
const char *zg_graph_node_label(const zg_graph *g, zg_id n, int en);

/* ---- snapshots ---- */

/**
 * Save the committed graph `g` as the snapshot `path` (a binary file,
 * doc/snapshot.md): written under a temporary name and renamed over
 * `path` when complete, so a failed save leaves `path` as it was. A graph
 * opened from a snapshot may be saved again. Fails: ZG_ERR_INVALID (a
 * transaction is open), ZG_ERR_IO (the message names `path`),
 * ZG_ERR_LIMIT (over 4 GiB of text), ZG_ERR_NOMEM.
 */
zg_status zg_graph_save(const zg_graph *g, const char *path, zg_error *err);

/** Options of zg_graph_open_snapshot(). */
enum {
    /** Check every block of every section and every value of the
     * relations and adjacency, that the adjacency agrees with the
     * relations and the saved key table and fans with the nodes and
     * relations, before answering: what `validate` does. */
    ZG_SNAPSHOT_VERIFY = 1
};

/**
 * Open the snapshot `path` as a graph in `*out`, ready to read: the file
 * is mapped, the relations, their adjacency and the key table are read
 * from the mapping in place, the nodes, types, sources, aliases and
 * properties are rebuilt from it. Every count, id and string offset of
 * the file is checked before use, never read out of bounds. The rebuilt
 * records are checked at open (a damaged, truncated or forged one is
 * refused); the relation columns, the adjacency and the key table a block
 * at a time, when a getter first reads the block, so that opening does
 * not read them: a block that fails is kept as damage for
 * zg_graph_damage(). With ZG_SNAPSHOT_VERIFY everything is checked at
 * open. Sections it does not know are not read.
 *
 * The graph is read-only: zg_graph_begin() on it fails (ZG_ERR_INVALID)
 * and nothing can be added to it; to change the data, load the files it
 * was saved from. zg_graph_free() unmaps the file.
 *
 * Fails: ZG_ERR_IO (the file cannot be read), ZG_ERR_PARSE (not a
 * snapshot, truncated or corrupt: the message names the file and what is
 * wrong), ZG_ERR_INVALID (a snapshot of a newer format), ZG_ERR_LIMIT,
 * ZG_ERR_NOMEM.
 */
zg_status zg_graph_open_snapshot(const char *path, unsigned options,
                                 zg_graph **out, zg_error *err);

/**
 * Whether the snapshot `g` was opened from has shown damage: ZG_OK, or
 * ZG_ERR_PARSE naming the file and the first block of its relations,
 * adjacency or key table that failed its checksum or range check when a
 * reader first touched it. Opening checks those blocks as they are read,
 * not all at once; a getter that meets a damaged block cannot fail, so it
 * hands out something in range (node 0, no edges) and the damage waits
 * here: a command over a snapshot asks after answering, and reports it
 * instead of the answer. ZG_OK for a graph not opened from a snapshot.
 */
zg_status zg_graph_damage(const zg_graph *g, zg_error *err);

/** As zg_graph_open_snapshot(), from the `size` bytes at `data`, borrowed
 * until the graph is freed; `name` stands for the file in messages. */
zg_status zg_graph_open_snapshot_memory(const void *data, size_t size,
                                        const char *name, unsigned options,
                                        zg_graph **out, zg_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ZG_GRAPH_H */
