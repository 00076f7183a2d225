/* SPDX-License-Identifier: MIT */
/**
 * @file zg_query.h
 * @brief Questions asked of a graph, and the result table they answer with.
 *
 * Every query produces a zg_result: a table of typed values (node, edge,
 * text, number, null) with named columns. Every way of showing an answer
 * (aligned table, TSV, JSON, DOT) consumes a zg_result (see zg_export.h),
 * so any question can be printed or drawn.
 */
#ifndef ZG_QUERY_H
#define ZG_QUERY_H

#include <stddef.h>

#include "zg_error.h"
#include "zg_graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- values and results ---- */

/** The kind of a result cell. */
typedef enum zg_value_kind {
    ZG_VAL_NULL = 0,
    ZG_VAL_NODE,   /**< `id` is a node id */
    ZG_VAL_EDGE,   /**< `id` is an edge id */
    ZG_VAL_STRING, /**< `str` */
    ZG_VAL_INT,    /**< `i` */
    ZG_VAL_NUMBER  /**< `num` */
} zg_value_kind;

/** One cell. Strings passed in are copied by zg_result_add_row(). */
typedef struct zg_value {
    zg_value_kind kind;
    zg_id id;
    long long i;
    double num;
    const char *str;
} zg_value;

/** A table of values with named columns, tied to the graph it came from.
 * Opaque. */
typedef struct zg_result zg_result;

/**
 * Create an empty result with `ncols` columns named `names` (copied) over
 * graph `g` (borrowed: it must outlive the result). Free with
 * zg_result_free(). Fails: ZG_ERR_NOMEM.
 */
zg_status zg_result_new(zg_result **out, const zg_graph *g, size_t ncols,
                        const char *const *names, zg_error *err);

/** Free `r`. Accepts NULL. */
void zg_result_free(zg_result *r);

/** Append a row of `ncols` values (strings copied). Fails: ZG_ERR_NOMEM. */
zg_status zg_result_add_row(zg_result *r, const zg_value *row, zg_error *err);

size_t zg_result_rows(const zg_result *r);
size_t zg_result_cols(const zg_result *r);
const char *zg_result_colname(const zg_result *r, size_t col);
/** Borrowed until the result is freed. */
const zg_value *zg_result_cell(const zg_result *r, size_t row, size_t col);
const zg_graph *zg_result_graph(const zg_result *r);

/* ---- queries (implemented in queries/) ---- */
/* (declarations added by the queries module below this line) */

/*
 * Every query below fills `*out` with a new result (free it with
 * zg_result_free()) and leaves `*out` NULL on failure. The graph must be
 * committed and must outlive the result. Node cells (ZG_VAL_NODE) carry the
 * node; exporters show them as a label, a key or an object. Text cells are
 * copied, so nothing in a result points into the arguments.
 */

/** Labels that queries write into text cells (relation verbs, type and
 * figure labels). The values match zg_lang in zg_export.h. */
typedef enum zg_label_lang {
    ZG_LABEL_ZH = 0, /**< Chinese labels, else English, else the name */
    ZG_LABEL_EN,     /**< English labels, else Chinese, else the name */
    ZG_LABEL_BOTH    /**< "中文 / English" where both exist */
} zg_label_lang;

/** Which way a walk follows edges. */
typedef enum zg_direction {
    ZG_DIR_BOTH = 0, /**< out- and in-edges */
    ZG_DIR_OUT,      /**< from the node to its targets only */
    ZG_DIR_IN        /**< from the node to its sources only */
} zg_direction;

/**
 * The node type named `name`, matched against type names, then against
 * their zh and en labels (so "zone", "先导区" and "pilot zone" all work).
 * Sets `*out`. Fails: ZG_ERR_INVALID, whose message lists the known types.
 */
zg_status zg_query_nodetype(const zg_graph *g, const char *name, zg_id *out,
                            zg_error *err);

/** As zg_query_nodetype(), for relation types. */
zg_status zg_query_reltype(const zg_graph *g, const char *name, zg_id *out,
                           zg_error *err);

/** Options of zg_query_neighbours(). Zero-initialise, then set fields. */
typedef struct zg_neighbour_opts {
    /** Relation types (names or labels) the walk may follow; none: all. */
    const char *const *rels;
    size_t n_rels;
    /** Node types (names or labels) the walk may enter; none: all. The
     * start node is exempt. */
    const char *const *types;
    size_t n_types;
    /** Hops from the start node; 0 means 1. */
    unsigned depth;
    zg_direction direction;
    /** Non-zero: add a last column `edge` with each row's edge cell (for
     * JSON's provenance and for drawing the answer). */
    int edge_column;
} zg_neighbour_opts;

/**
 * The neighbourhood of `node` within `opt->depth` hops (`opt` may be NULL:
 * direct neighbours, both directions, no filters). A breadth-first walk
 * over node ids with a distance array (so cycles end) follows only the
 * relation types in `rels` and enters only nodes of the types in `types`.
 *
 * Columns: distance (int), node (node), type (text: node type name),
 * relation (text: relation type name), direction ("out": via -> node,
 * "in": node -> via), via (node), and with `edge_column` edge (edge).
 * One row for every edge that links a node at distance d to a node at
 * distance d-1, so a node linked to the start by two relations has two
 * rows. Rows come in walk order (by distance, then adjacency order, which
 * is the order of the data).
 *
 * Fails: ZG_ERR_INVALID (node out of range; unknown relation or node type,
 * the message lists the known ones), ZG_ERR_NOMEM.
 */
zg_status zg_query_neighbours(const zg_graph *g, zg_id node,
                              const zg_neighbour_opts *opt, zg_result **out,
                              zg_error *err);

/** How a zg_where compares. */
typedef enum zg_cmp {
    ZG_CMP_EQ = 0, /**< = */
    ZG_CMP_NE,     /**< != */
    ZG_CMP_LT,     /**< < */
    ZG_CMP_LE,     /**< <= */
    ZG_CMP_GT,     /**< > */
    ZG_CMP_GE      /**< >= */
} zg_cmp;

/** One condition of zg_query_list(): `name` `op` `value`. */
typedef struct zg_where {
    char name[128];    /**< a property name, or id, name, en, since, until */
    zg_cmp op;
    const char *value; /**< borrowed */
} zg_where;

/**
 * Parse `text` such as "batch=2", "batch>=2" or "name!=北京" into `*out`.
 * `out->value` points into `text`, which must outlive it. Fails:
 * ZG_ERR_PARSE (no operator, empty or over-long name).
 */
zg_status zg_where_parse(zg_where *out, const char *text, zg_error *err);

/**
 * The nodes of type `type` (a name or label, see zg_query_nodetype())
 * satisfying every condition in `where` (`n_where` of them, may be 0).
 * A condition names a property of the node, or, when the node has no
 * property of that name, one of its fields: id, name, en, since, until. A
 * node without the property fails every condition on it but `!=`. When
 * both sides read as numbers (strtod, whole string) they compare as
 * numbers, otherwise as byte strings (so ISO dates order correctly).
 *
 * Columns: node (node), then one text column per name in `show` (the
 * value as written, or null), then one per distinct condition name not
 * already shown. Rows are sorted by node id (the key from the data) in
 * byte order. No match is an empty result, not an error.
 * Fails: ZG_ERR_INVALID (unknown type), ZG_ERR_NOMEM.
 */
zg_status zg_query_list(const zg_graph *g, const char *type,
                        const zg_where *where, size_t n_where,
                        const char *const *show, size_t n_show,
                        zg_result **out, zg_error *err);

/**
 * Fuzzy search of names and aliases (zg_graph_search()), at most `max`
 * hits (0: 20), best first. Columns: score (int: 0 exact, 1 prefix, 2
 * substring, 3+d edit distance d), match (text: "exact", "prefix",
 * "substring" or "distance d"), matched (text: the name or alias that
 * matched), node (node), type (text). No hit is an empty result.
 * Fails: ZG_ERR_PARSE (invalid UTF-8), ZG_ERR_NOMEM.
 */
zg_status zg_query_find(const zg_graph *g, const char *text, size_t max,
                        zg_result **out, zg_error *err);

/**
 * One row of totals. Columns: nodes, relations, sources, node_types,
 * relation_types (all int).
 */
zg_status zg_query_totals(const zg_graph *g, zg_result **out, zg_error *err);

/**
 * Nodes per node type. Columns: type (text), label (text in `lang`),
 * nodes (int). Most nodes first, ties by type name; types without nodes
 * are listed too.
 */
zg_status zg_query_count_nodetypes(const zg_graph *g, zg_label_lang lang,
                                   zg_result **out, zg_error *err);

/** Relations per relation type. Columns: relation, label, relations; order
 * as for zg_query_count_nodetypes(). */
zg_status zg_query_count_reltypes(const zg_graph *g, zg_label_lang lang,
                                  zg_result **out, zg_error *err);

/**
 * The `k` most-connected nodes (0: 10). Columns: node (node), type (text),
 * degree, out, in (int; a relation counts once at each end). Highest degree
 * first, ties by node id in byte order.
 */
zg_status zg_query_top_degree(const zg_graph *g, size_t k, zg_result **out,
                              zg_error *err);

/**
 * The entity card of `node`: one row. Columns: type, id, name, en, aliases
 * (the aliases joined by ", ", each followed by " (LANG)" when it has one),
 * since, until, basis, sources (source ids as written), evidence, note;
 * text cells, null where absent.
 */
zg_status zg_query_node_card(const zg_graph *g, zg_id node, zg_result **out,
                             zg_error *err);

/** The aliases of `node`. Columns: alias, lang (null when unset). */
zg_status zg_query_node_aliases(const zg_graph *g, zg_id node,
                                zg_result **out, zg_error *err);

/**
 * The plain (non-figure) properties of `node`, in the order of the data.
 * Columns: property, type ("string", "integer", "number", "date",
 * "boolean"), since, until, source, value (as written; last, as values
 * can be long text).
 */
zg_status zg_query_node_props(const zg_graph *g, zg_id node, zg_result **out,
                              zg_error *err);

/**
 * The figures of `node`, in the order of the data. Columns: figure (name),
 * label (in `lang`), value (number), unit, date, approx, kind, base,
 * source, evidence (text, null where absent).
 */
zg_status zg_query_node_figures(const zg_graph *g, zg_id node,
                                zg_label_lang lang, zg_result **out,
                                zg_error *err);

/**
 * Every relation of `node`: its out-edges, then its in-edges, each in the
 * order of the data. Columns: direction ("out" or "in"), relation (type
 * name), label (the verb phrase in `lang`), node (node: the other end),
 * type (its node type), basis ("stated", "implied", "inferred"), source,
 * evidence, and with `edge_column` non-zero a last column edge (edge).
 */
zg_status zg_query_node_relations(const zg_graph *g, zg_id node,
                                  zg_label_lang lang, int edge_column,
                                  zg_result **out, zg_error *err);

/**
 * The sources the card of `node` cites: those of the node, its properties
 * and figures, then its relations (out, then in), each once, in that order
 * of first mention. Columns: source (id), title, publisher, date, url.
 */
zg_status zg_query_node_sources(const zg_graph *g, zg_id node,
                                zg_result **out, zg_error *err);

/** "stated", "implied" or "inferred". Static storage. */
const char *zg_basis_name(zg_basis b);

#ifdef __cplusplus
}
#endif
#endif /* ZG_QUERY_H */
