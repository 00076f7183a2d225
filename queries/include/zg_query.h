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

/** The kind of a result cell: the kinds of value a query language
 * answers with. */
typedef enum zg_value_kind {
    ZG_VAL_NULL = 0,
    ZG_VAL_NODE,   /**< `id` is a node id */
    ZG_VAL_EDGE,   /**< `id` is an edge (relationship) id */
    ZG_VAL_STRING, /**< `str` */
    ZG_VAL_INT,    /**< `i` */
    ZG_VAL_NUMBER, /**< `num`, a float */
    ZG_VAL_BOOL,   /**< `i`: 0 false, 1 true */
    ZG_VAL_DATE,   /**< `date` */
    ZG_VAL_LIST,   /**< `n` values at `items` */
    ZG_VAL_MAP,    /**< `n` entries: 2n values at `items`, each a string key
                        (ZG_VAL_STRING) followed by its value; keys are
                        distinct */
    ZG_VAL_PATH    /**< `n` values at `items` alternating node and edge,
                        starting and ending with a node (n odd); each edge
                        joins the nodes either side of it, either way */
} zg_value_kind;

/** Another name of ZG_VAL_EDGE, in the query language's words. */
#define ZG_VAL_RELATIONSHIP ZG_VAL_EDGE
/** Another name of ZG_VAL_NUMBER, in the query language's words. */
#define ZG_VAL_FLOAT ZG_VAL_NUMBER

/**
 * A calendar date with the precision it was written with: YYYY (month and
 * day 0), YYYY-MM (day 0) or YYYY-MM-DD. Year 1 to 9999.
 */
typedef struct zg_date {
    short year;
    unsigned char month; /**< 1-12, or 0: the year only */
    unsigned char day;   /**< 1-31, or 0: the year or month only */
} zg_date;

/**
 * Parse `text` (YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date) into
 * `*out`, keeping its precision. Fails: ZG_ERR_PARSE with a message that
 * quotes `text` and the accepted forms.
 */
zg_status zg_date_parse(const char *text, zg_date *out, zg_error *err);

/** `d` as written: "2021", "2021-02" or "2021-02-15", into `buf` (11 bytes
 * suffice); returns `buf`. */
char *zg_date_format(zg_date d, char *buf, size_t size);

/**
 * One value. Only the members of its kind are meaningful; the others may
 * share storage with them. A value built by a caller borrows everything it
 * points to; zg_result_add_row() copies strings, lists, maps and paths
 * into the result, so a cell read from a result is valid (and owned by
 * the result) until the result is freed.
 */
typedef struct zg_value {
    zg_value_kind kind;
    zg_id id; /**< NODE, EDGE */
    union {
        long long i;  /**< INT; BOOL (0 or 1) */
        zg_date date; /**< DATE */
        size_t n;     /**< LIST, PATH: values; MAP: entries */
    };
    double num; /**< NUMBER */
    union {
        const char *str;              /**< STRING */
        const struct zg_value *items; /**< LIST, MAP, PATH */
    };
} zg_value;

/**
 * A total order of values for sorting (ORDER BY) and for removing
 * duplicates (DISTINCT): negative, 0 or positive as `a` sorts before, with
 * or after `b`. Kinds order map < node < relationship < list < path <
 * date < string < boolean < number < null; within a kind: nodes and
 * relationships by id, strings by bytes, false before true, integers and
 * floats together by numeric value (an integer before a float equal to
 * it, NaN after every other number), dates by the first day they name (a
 * coarser date before the finer ones it contains), lists and paths
 * element by element (a prefix first), maps entry by entry in their order
 * (key, then value; a prefix first). 0 exactly when the values are
 * the same.
 */
int zg_value_order(const zg_value *a, const zg_value *b);

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

/**
 * What a column holds, declared by the query that makes the result, so that
 * how the column is shown depends on the question, not on the rows found.
 * TSV writes a node, edge or node-or-edge column as the id plus its name
 * fields (see zg_export_tsv()) even when the result has no rows; a column
 * of any other kind is written as one field. A cell of another kind is
 * refused by zg_result_add_row(); a null cell fits every column.
 */
typedef enum zg_col_kind {
    ZG_COL_ANY = 0,      /**< undeclared: any cell, shown as one TSV field */
    ZG_COL_NODE,         /**< node cells only */
    ZG_COL_EDGE,         /**< edge (relation) cells only */
    ZG_COL_NODE_OR_EDGE, /**< node or edge cells, e.g. what a text hit is on */
    ZG_COL_STRING,       /**< string cells only */
    ZG_COL_INT,          /**< integer cells only */
    ZG_COL_NUMBER,       /**< integer or float cells */
    ZG_COL_BOOL,         /**< boolean cells only */
    ZG_COL_DATE,         /**< date cells only */
    ZG_COL_LIST,         /**< list cells only */
    ZG_COL_MAP,          /**< map cells only */
    ZG_COL_PATH          /**< path cells only */
} zg_col_kind;

/**
 * Declare what column `col` (< zg_result_cols()) holds. Columns start as
 * ZG_COL_ANY. Declare before adding rows. Fails: ZG_ERR_INVALID (a column
 * out of range, an unknown kind, or rows already added).
 */
zg_status zg_result_set_col_kind(zg_result *r, size_t col, zg_col_kind kind,
                                 zg_error *err);
/**
 * zg_result_new() with the columns' kinds declared: `kinds` holds `ncols`
 * kinds (NULL: all ZG_COL_ANY). Fails: ZG_ERR_NOMEM, ZG_ERR_INVALID (an
 * unknown kind).
 */
zg_status zg_result_new_kinds(zg_result **out, const zg_graph *g, size_t ncols,
                              const char *const *names,
                              const zg_col_kind *kinds, zg_error *err);
/** The declared kind of column `col` (< zg_result_cols()). */
zg_col_kind zg_result_col_kind(const zg_result *r, size_t col);

/**
 * Append a row of `ncols` values. Strings, lists, maps and paths are copied
 * into the result (nested values too, to a depth of ZG_VALUE_MAX_DEPTH),
 * so the row may be freed or reused once this returns. Fails:
 * ZG_ERR_NOMEM; ZG_ERR_INVALID for a cell that does not fit its column's
 * declared kind (a node cell in an edge column, a string in a node
 * column...), and for a malformed value: an unknown kind, a node or edge
 * out of the graph's range, a boolean other than 0 or 1, a date that is
 * not a calendar date, a map key that is not a string or repeats, a path
 * that does not alternate node and edge or whose edge does not join its
 * neighbours, nesting deeper than ZG_VALUE_MAX_DEPTH. On failure the
 * result is unchanged.
 */
zg_status zg_result_add_row(zg_result *r, const zg_value *row, zg_error *err);

/** How deep lists and maps may nest in a cell (a list of lists is 2). */
#define ZG_VALUE_MAX_DEPTH 64

size_t zg_result_rows(const zg_result *r);
size_t zg_result_cols(const zg_result *r);
const char *zg_result_colname(const zg_result *r, size_t col);

/** What zg_result_col() answers for a name no column has. */
#define ZG_NO_COL ((size_t)-1)

/**
 * The index of the column named `name` (the first when several share it),
 * or ZG_NO_COL, so that callers read cells by name rather than by a
 * position that changes with the options of a query.
 */
size_t zg_result_col(const zg_result *r, const char *name);
/** Borrowed until the result is freed. */
const zg_value *zg_result_cell(const zg_result *r, size_t row, size_t col);
const zg_graph *zg_result_graph(const zg_result *r);

struct zg_view;
/** Record the view (see zg_view_new(); borrowed: it must outlive the
 * result) that `r` was computed under, so that writers show only the
 * relation properties valid in it. Queries that take a view set it. */
void zg_result_set_view(zg_result *r, const struct zg_view *view);
/** The view set by zg_result_set_view(), or NULL (the whole graph). */
const struct zg_view *zg_result_view(const zg_result *r);

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
 * What a query sees, passed the same way to every query: the graph as of a
 * date, and which relation types, node types and direction count. The
 * catalogue queries (and zg_query_hubs()) take a `const zg_filter *`; every
 * other query's options hold one as their member `filter`, by value, so
 * one filter is handed from one question to the next in one assignment.
 * Zero-initialise, then set fields; a NULL filter, like a zeroed one, sees
 * the whole graph. A query applies the fields its documentation names and
 * refuses (ZG_ERR_INVALID) a filter that asks for one it cannot apply, so
 * a filter is never silently ignored. The catalogue queries (list, find,
 * totals, the counts, top_degree, a node's props, figures, relations and
 * sources) apply `view` only: they see what it shows, leave out properties and
 * figures whose own since/until exclude its date, and count (totals, by basis
 * too) the visible nodes and relations.
 */
typedef struct zg_filter {
    /** As of a date (see zg_view_new()); NULL: the whole graph. */
    const struct zg_view *view;
    /** Relation types (names or labels) that count; none: all. */
    const char *const *rels;
    size_t n_rels;
    /** Node types (names or labels) that count; none: all. */
    const char *const *types;
    size_t n_types;
    /** Which way relations are followed; ZG_DIR_BOTH by default. */
    zg_direction direction;
} zg_filter;

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
    /** What the walk sees, all of it applied: the view, the relation
     * types it may follow, the node types it may enter (the start node
     * is exempt) and the direction it follows relations in. */
    zg_filter filter;
    /** Hops from the start node; 0 means 1. */
    unsigned depth;
    /** Non-zero: add a last column `edge` with each row's edge cell (for
     * JSON's provenance and for drawing the answer). */
    int edge_column;
    /** Conditions every walked relation satisfies (`n_where` of them; see
     * zg_where): a condition names a relation property (e.g. role), else
     * the field basis or source. A name that is neither is
     * ZG_ERR_INVALID. */
    const struct zg_where *where;
    size_t n_where;
    /** Non-zero: columns source and evidence (the relation's). */
    int evidence;
    /** Non-zero: a node reached by a relation other than `broader` also
     * reaches every node it is narrower than (the relation type named
     * "broader", followed transitively; cycles end). Each such node the
     * walk did not reach itself gets one row, through the first node (in
     * row order) that reaches it, whose `through` column names that
     * node; so the rows stay within the nodes and relations of the
     * graph. The walk does not continue from such a node.
     * ZG_ERR_INVALID when the graph has no relation type named
     * "broader". */
    int broader;
} zg_neighbour_opts;

/**
 * The neighbourhood of `node` within `opt->depth` hops (`opt` may be NULL:
 * direct neighbours, both directions, no filters). A breadth-first walk
 * that visits each node once (so cycles end) follows only the relation
 * types in `rels` whose relations satisfy `where`, and enters only nodes
 * of the types in `types`. It costs in proportion to the relations of the
 * nodes it walks from and the rows it answers, not to the size of the
 * graph.
 *
 * Columns: distance (int), node (node), type (text: node type name),
 * relation (text: relation type name), direction ("out": via -> node,
 * "in": node -> via), via (node), props (text: the relation's properties
 * as "name=value; name=value", null when it has none), with `broader`
 * through (node: the narrower node the relation reaches, null on a
 * direct row), with `evidence` source and evidence (text), and with
 * `edge_column` edge (edge).
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

/**
 * One condition of zg_query_list() (and of relations, see
 * zg_neighbour_opts): `name` `op` `value`. For zg_query_list() a name of
 * the form FIGURE@QUAL or FIGURE@QUAL@QUAL picks, among the node's
 * figures named FIGURE, the one whose kind is QUAL (actual, target,
 * forecast, estimate) or whose date is or lies within QUAL (a date:
 * YYYY, YYYY-MM or YYYY-MM-DD; 2022 fits 2022-10, not 20221); a name
 * that fits several figures of a listed node is an error.
 */
typedef struct zg_where {
    char name[128]; /**< a property name, or id, name, en, since, until */
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
 * A condition names one of the node's fields (id, name, en, since, until,
 * sources, evidence; a field comes before a property of the same name),
 * or a property of the node, or a figure picked by date or kind
 * (FIGURE@QUAL, see zg_where); NAME#source and NAME#evidence name the
 * source and evidence of the property or figure NAME. Properties and
 * figures the view hides count as absent. A
 * node without the property fails every condition on it but `!=`. When
 * both sides read as numbers (strtod, whole string) they compare as
 * numbers, otherwise as byte strings (so ISO dates order correctly).
 *
 * Columns: node (node), then one text column per name in `show` (the
 * value as written, or null), then one per distinct condition name not
 * already shown. Rows are sorted by node id (the key from the data) in
 * byte order. No match is an empty result, not an error.
 * Fails: ZG_ERR_INVALID (unknown type; a qualifier that is neither a kind
 * nor a date; a '#' suffix other than source or evidence; a name that
 * fits several figures of a listed node), ZG_ERR_NOMEM.
 */
zg_status zg_query_list(const zg_graph *g, const zg_filter *filter,
                        const char *type, const zg_where *where, size_t n_where,
                        const char *const *show, size_t n_show, zg_result **out,
                        zg_error *err);

/**
 * Fuzzy search of names and aliases (zg_graph_search()), at most `max`
 * hits (0: 20), best first. Columns: score (int: 0 exact, 1 prefix, 2
 * substring, 3+d edit distance d), match (text: "exact", "prefix",
 * "substring" or "distance d"), matched (text: the name or alias that
 * matched), node (node), type (text). No hit is an empty result.
 * Fails: ZG_ERR_PARSE (invalid UTF-8), ZG_ERR_NOMEM.
 */
zg_status zg_query_find(const zg_graph *g, const zg_filter *filter,
                        const char *text, size_t max, zg_result **out,
                        zg_error *err);

/**
 * One row of totals. Columns: nodes, relations, sources, node_types,
 * relation_types, then the relations by basis: stated, implied, inferred
 * (all int).
 */
zg_status zg_query_totals(const zg_graph *g, const zg_filter *filter,
                          zg_result **out, zg_error *err);

/**
 * Nodes per node type. Columns: type (text), label (text in `lang`),
 * nodes (int). Most nodes first, ties by type name; types without nodes
 * are listed too.
 */
zg_status zg_query_count_nodetypes(const zg_graph *g, const zg_filter *filter,
                                   zg_label_lang lang, zg_result **out,
                                   zg_error *err);

/** Relations per relation type. Columns: relation, label, relations; order
 * as for zg_query_count_nodetypes(). */
zg_status zg_query_count_reltypes(const zg_graph *g, const zg_filter *filter,
                                  zg_label_lang lang, zg_result **out,
                                  zg_error *err);

/**
 * The `k` most-connected nodes (0: 10). Columns: node (node), type (text),
 * degree, out, in (int; a relation counts once at each end). Highest degree
 * first, ties by node id in byte order.
 */
zg_status zg_query_top_degree(const zg_graph *g, const zg_filter *filter,
                              size_t k, zg_result **out, zg_error *err);

/**
 * The entity card of `node`: one row. Columns: type, id, name, en, aliases
 * (the aliases joined by ", ", each followed by " (LANG)" when it has one),
 * since, until, basis, sources (source ids as written), evidence, note;
 * text cells, null where absent.
 */
zg_status zg_query_node_card(const zg_graph *g, zg_id node, zg_result **out,
                             zg_error *err);

/** The aliases of `node`. Columns: alias, lang (null when unset). */
zg_status zg_query_node_aliases(const zg_graph *g, zg_id node, zg_result **out,
                                zg_error *err);

/**
 * The plain (non-figure) properties of `node`, in the order of the data.
 * Columns: property, type ("string", "integer", "number", "date",
 * "boolean"), since, until, source, value (as written; last, as values
 * can be long text).
 */
zg_status zg_query_node_props(const zg_graph *g, const zg_filter *filter,
                              zg_id node, zg_result **out, zg_error *err);

/**
 * The figures of `node`, in the order of the data. Columns: figure (name),
 * label (in `lang`), value (number), unit, date, approx, kind, base,
 * source, evidence (text, null where absent).
 */
zg_status zg_query_node_figures(const zg_graph *g, const zg_filter *filter,
                                zg_id node, zg_label_lang lang, zg_result **out,
                                zg_error *err);

/**
 * Every relation of `node`: its out-edges, then its in-edges, each in the
 * order of the data. Columns: direction ("out" or "in"), relation (type
 * name), label (the verb phrase in `lang`), node (node: the other end),
 * type (its node type), basis ("stated", "implied", "inferred"), source,
 * props (the relation's properties as "name=value; name=value", or null),
 * evidence, and with `edge_column` non-zero a last column edge (edge).
 */
zg_status zg_query_node_relations(const zg_graph *g, const zg_filter *filter,
                                  zg_id node, zg_label_lang lang,
                                  int edge_column, zg_result **out,
                                  zg_error *err);

/**
 * The sources the card of `node` cites: those of the node, its properties
 * and figures, then its relations (out, then in), each once, in that order
 * of first mention. Columns: source (id), title, publisher, date, url.
 */
zg_status zg_query_node_sources(const zg_graph *g, const zg_filter *filter,
                                zg_id node, zg_result **out, zg_error *err);

/** "stated", "implied" or "inferred". Static storage. */
const char *zg_basis_name(zg_basis b);

/* ==== valid time (queries/time.c) ==== */

/*
 * Dates in the data (since, until) and on the command line (--as-of) are
 * YYYY, YYYY-MM or YYYY-MM-DD, and each stands for the whole period it
 * names: "2021-02" is 2021-02-01 to 2021-02-28, "2021" is 2021-01-01 to
 * 2021-12-31. A fact (node, edge or property) is valid from the first day
 * of its `since` to the last day of its `until` (either may be absent:
 * open-ended). A query "as of" a date sees exactly the facts valid at some
 * time in that date's period: it hides a fact whose since begins after
 * the period ends, or whose until ends before the period begins. So
 * since="2021-02" is visible as of 2021-02, 2021-02-15 and 2021, but not
 * as of 2021-01-31 or 2020; until="2021" is visible as of 2021-12-31 but
 * not as of 2022-01. An edge is visible only when both its ends are. A
 * stored date that does not parse (possible only through the graph API)
 * counts as absent.
 */

/** A period of days, `first` to `last` inclusive, as YYYYMMDD numbers. */
typedef struct zg_period {
    long first;
    long last;
} zg_period;

/**
 * Parse `text` (YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date, year
 * 0001 to 9999) into the period it names. Fails: ZG_ERR_PARSE with a
 * message that quotes `text` and the accepted forms.
 */
zg_status zg_period_parse(const char *text, zg_period *out, zg_error *err);

/**
 * 1 if a fact valid from `since` to `until` (either may be NULL) is
 * valid at some time in `at`; `at` NULL means "always" (returns 1).
 */
int zg_period_holds(const char *since, const char *until, const zg_period *at);

/**
 * The part of a graph a query sees: the nodes and edges valid as of a
 * date. Opaque. Every query that takes a view accepts NULL, meaning the
 * whole graph.
 */
typedef struct zg_view zg_view;

/**
 * Compute in `*out` what graph `g` (committed; borrowed, must outlive the
 * view) looked like as of `as_of` (see above; NULL or "" for no date:
 * everything visible). One pass over nodes and edges. Free with
 * zg_view_free(). Fails: ZG_ERR_PARSE (bad date), ZG_ERR_NOMEM.
 */
zg_status zg_view_new(zg_view **out, const zg_graph *g, const char *as_of,
                      zg_error *err);

/** Free `v`. Accepts NULL. */
void zg_view_free(zg_view *v);

/** 1 if node `n` (edge `e`) is visible; a NULL view sees everything. */
int zg_view_has_node(const zg_view *v, zg_id n);
int zg_view_has_edge(const zg_view *v, zg_id e);

/** 1 if a property is valid as of the view's date (always for NULL). */
int zg_view_has_prop(const zg_view *v, const zg_prop *p);

/** The number of visible nodes (edges); 0 for a NULL view, which knows no
 * graph (use zg_graph_node_count() then). */
size_t zg_view_node_count(const zg_view *v);
size_t zg_view_edge_count(const zg_view *v);

/**
 * The per-node (per-edge) visibility flags, zg_graph_node_count()
 * (zg_graph_edge_count()) bytes, borrowed until the view is freed; usable
 * as a zg_dot_options mask.
 */
const unsigned char *zg_view_node_mask(const zg_view *v);
const unsigned char *zg_view_edge_mask(const zg_view *v);

/** The date the view was made for, as given, or NULL for none. */
const char *zg_view_as_of(const zg_view *v);

/* ==== relationship questions (queries/paths.c, relate.c, similar.c, rank.c,
 * hubs.c) ==== */

/*
 * Budgets. The number of paths between two nodes grows exponentially with
 * their distance (a chain of 2,000 "diamonds" has 2^2000 shortest paths),
 * and so do the work of ranking them and the size of an answer that lists
 * them. Every relationship query that can list more than one row per
 * relation of the graph takes a zg_budget and stops at it with a truncated
 * answer that says which budget stopped it (zg_limit); with the defaults,
 * time and memory stay within a few passes over the graph plus the
 * default answer size, whatever the data. Paths are listed in the order
 * the query defines, so a truncated answer is the start of the full one.
 */

/** Default budgets (see zg_budget). */
#define ZG_DEFAULT_MAX_VISITS ((size_t)20000000)
#define ZG_DEFAULT_MAX_ROWS ((size_t)50000)
#define ZG_DEFAULT_MAX_BYTES ((size_t)16 << 20)
/** A budget field set to this has no limit. */
#define ZG_UNLIMITED ((size_t)-1)

/**
 * What one query may spend; 0 in a field means its default.
 *
 * - max_visits: work. One visit is one node taken from a search queue or
 *   one relation looked at from one end. Default: ZG_DEFAULT_MAX_VISITS,
 *   or four passes over the graph (nodes + 2 x relations, four times)
 *   when that is more, so that the first path of any graph is always
 *   found: the bidirectional search and the all-paths count need at most
 *   two passes, listing the first path one more.
 * - max_rows: rows of the answer (of each part, for zg_query_relate()),
 *   a path counting as the rows its hops take when listed one a row
 *   (zg_query_path_hops(), the paths of zg_query_relate()): a path of n
 *   hops counts n rows (a path of 0 hops one), although zg_query_path()
 *   answers it in one row. The first path is listed whatever its length;
 *   later paths only while the rows stay within the budget. Default
 *   ZG_DEFAULT_MAX_ROWS.
 * - max_bytes: the size of the answer as stored: sizeof(zg_value) per
 *   cell plus each text cell's bytes and terminating NUL (and for a list,
 *   map or path the same for each value it holds), counted as rows
 *   are added (the first path is exempt, as for max_rows). Default
 *   ZG_DEFAULT_MAX_BYTES (16 MiB).
 */
typedef struct zg_budget {
    size_t max_visits;
    size_t max_rows;
    size_t max_bytes;
} zg_budget;

/** Which budget cut an answer short. */
typedef enum zg_limit {
    ZG_LIMIT_NONE = 0, /**< the answer is complete */
    ZG_LIMIT_PATHS,    /**< the paths asked for were listed (max_paths) */
    ZG_LIMIT_ROWS,     /**< zg_budget.max_rows */
    ZG_LIMIT_BYTES,    /**< zg_budget.max_bytes */
    ZG_LIMIT_VISITS    /**< zg_budget.max_visits */
} zg_limit;

/** Why an answer holds fewer rows than the question has. */
typedef struct zg_truncation {
    zg_limit by;  /**< ZG_LIMIT_NONE when nothing was left out */
    size_t limit; /**< the value of that budget, defaults resolved */
    size_t rows;  /**< rows the complete answer would have (with `more`:
                       at least this many) */
    int more;     /**< non-zero: more than `rows` */
} zg_truncation;

/** The largest count of paths a query reports exactly (2^63 - 1); beyond
 * it a count is "more than ZG_COUNT_MAX". */
#define ZG_COUNT_MAX 9223372036854775807ULL

/*
 * Hubs. A few nodes link so many others by one relation that every pair
 * of those others looks connected through them (the ministry that
 * designates all eight zones; a report that mentions every region). Paths
 * do not pass through such a node unless asked to (endpoints may be
 * hubs). The rule, computed on the visible graph at each query:
 *
 *   The fan of a node for one relation type and one direction is the
 *   number of distinct nodes that relation links it to in that direction,
 *   counting only nodes that have at least two relations (a node whose
 *   only relation is to this one is its leaf: passing through to a leaf
 *   connects nothing else). A node is a hub when one of its fans reaches
 *   the threshold H = max(5, ceil(mean + 2 sd)), mean and standard
 *   deviation taken over every non-zero fan in the graph.
 *
 * Degree alone is a poor rule here: the best-described nodes (a zone with
 * its eight parks) have the highest degree yet are exactly the nodes a
 * path should be able to pass through; the rule above flags nodes that
 * make many otherwise-connected nodes of one kind adjacent.
 */

/**
 * The hubs of the graph as the filter's view shows it (`filter` NULL:
 * all; its other fields are refused, as for the catalogue queries), with
 * threshold
 * `min_fan` (0: the automatic H above). Columns: node (node), type
 * (text), relation (text: the relation type of its largest fan),
 * direction ("out": the hub is the relation's from end, "in": its to end),
 * fan (int), degree (int, visible relations). Largest fan first, ties by
 * node id in byte order. `*threshold` (may be NULL) gets the H used.
 * Fails: ZG_ERR_NOMEM.
 */
zg_status zg_query_hubs(const zg_graph *g, const zg_filter *filter,
                        unsigned min_fan, unsigned *threshold, zg_result **out,
                        zg_error *err);

/** Options of zg_query_path(). Zero-initialise, then set fields. */
typedef struct zg_path_opts {
    /** What the search sees, all of it applied: the view, the relation
     * types the path may use, the node types it may pass through
     * (endpoints are exempt), and the direction: ZG_DIR_BOTH (default) a
     * relation connects its ends either way, ZG_DIR_OUT follow relations
     * from -> to only, ZG_DIR_IN to -> from only. */
    zg_filter filter;
    /** Longest path in hops; 0: no limit. */
    unsigned max_len;
    /** Non-zero: every shortest path (see max_paths). */
    int all;
    /** The k shortest simple paths (Yen's algorithm); 0 or 1: one. Not
     * together with `all`. */
    unsigned k;
    /** With `all`: at most this many paths (0: 100). */
    size_t max_paths;
    /** Non-zero: paths may pass through hubs. */
    int through_hubs;
    /** Hub threshold; 0: automatic (see zg_query_hubs()). */
    unsigned hub_fan;
    /** Edges the search may not use (zg_graph_edge_count() flags), or
     * NULL; relate uses it to leave out the direct relations. */
    const unsigned char *banned_edges;
    /** Work and answer size (see zg_budget); zeroed: the defaults. */
    zg_budget budget;
    /** Conditions every relation of the path satisfies, as in
     * zg_neighbour_opts. */
    const zg_where *where;
    size_t n_where;
} zg_path_opts;

/** What a path search found, beyond the rows. */
typedef struct zg_path_info {
    size_t paths; /**< paths in the result */
    /** With `all`: how many shortest paths exist, at most ZG_COUNT_MAX;
     * else = paths. */
    unsigned long long total;
    int total_more;  /**< with `all`: there are more than ZG_COUNT_MAX
                          shortest paths (total is ZG_COUNT_MAX) */
    unsigned length; /**< hops of the shortest path found */
    /** Non-zero when the result lists fewer paths than the question has:
     * with `all`, fewer than total; with `k`, fewer than k although the
     * search did not rule more out. */
    int truncated;
    /** Why (ZG_LIMIT_NONE when not truncated): ZG_LIMIT_PATHS (with
     * `all`, max_paths were listed), ZG_LIMIT_ROWS, ZG_LIMIT_BYTES (the
     * next path would not fit the answer's budget) or ZG_LIMIT_VISITS
     * (the search stopped at its work budget). */
    zg_limit stopped_by;
    size_t limit;     /**< the value of that budget, defaults resolved */
    unsigned hub_fan; /**< the hub threshold used (0: hubs allowed) */
    /** Hubs the search did not pass through although a path through one
     * of them (and no other hub) exists that is no longer than the
     * longest path found, or, when none was found, of any length within
     * max_len: the hubs that would have changed the answer. */
    size_t n_hubs;
    zg_id hubs[8]; /**< the first of them, by node id */
} zg_path_info;

/**
 * Shortest connections from `from` to `to` (see zg_path_opts; `opt` may
 * be NULL). The search is breadth-first over node ids with arrays
 * allocated once per query: one shortest path by bidirectional search;
 * with `all`, a forward search to the target's depth and every shortest
 * path read back from it; with `k`, Yen's k shortest simple paths (no
 * node twice), shortest first, ties in the order found. Parallel
 * relations make distinct paths. A path from a node to itself has length
 * 0.
 *
 * One row per path, in the order of the answer. Columns: path (path: the
 * nodes from `from` to `to` and the relation between each two, see
 * ZG_VAL_PATH; a relation may run either way along it), length (int:
 * hops). zg_query_path_hops() lists the hops of such a result one a row.
 *
 * No path is an empty result (ZG_OK); `info` (may be NULL) then lists the
 * hubs through which there would have been one.
 *
 * Costs: one path takes at most two passes over the graph; `all` counts
 * every shortest path in two passes (the count is exact up to
 * ZG_COUNT_MAX) and lists them without storing them; Yen's k shortest
 * keep their paths as one tree of shared prefixes, and their candidates
 * only as many as could still be listed (at most k and within the rows
 * budget), so memory stays within the graph's arrays plus the answer.
 * `opt->budget` bounds the work and the answer: a result cut short by it
 * is a start of the full answer and `info` says which budget stopped it.
 *
 * Fails: ZG_ERR_INVALID (node out of range, unknown relation or node
 * type, `all` with `k`), ZG_ERR_LIMIT (the work budget ran out before a
 * first path was found or ruled out; only with a max_visits below its
 * default), ZG_ERR_NOMEM.
 */
zg_status zg_query_path(const zg_graph *g, zg_id from, zg_id to,
                        const zg_path_opts *opt, zg_result **out,
                        zg_path_info *info, zg_error *err);

/**
 * The hops of the paths in column `path` of `paths` (a result of
 * zg_query_path(), or any result with such a column of kind
 * ZG_COL_PATH), one row a hop, for showing each relation with its
 * provenance. Columns: path (int: the row of `paths`, from 1), hop (int,
 * from 1; 0 for a path of 0 hops, which has one row), from (node),
 * relation (text: relation type name), direction (text: "out" when the
 * relation runs from -> to along the path, "in" when it runs to -> from),
 * to (node), basis, source, props (text: the relation's properties that
 * the view of `paths` shows, as "name=value; name=value", or null),
 * evidence (text), and with `edge_column` non-zero edge (edge). Rows by
 * path, then hop; a null cell has none. The result has the view of
 * `paths`. Fails: ZG_ERR_INVALID (no column `path` of kind ZG_COL_PATH),
 * ZG_ERR_NOMEM.
 */
zg_status zg_query_path_hops(const zg_result *paths, int edge_column,
                             zg_result **out, zg_error *err);

/**
 * One sentence saying what edge `e` states, in `lang`: the from node's
 * label, the relation type's verb phrase, the to node's label, e.g.
 * "北京国家人工智能创新应用先导区聚焦智能制造。" or "Beijing National AI
 * Innovation Application Pilot Zone focuses on smart manufacturing."
 * (ZG_LABEL_BOTH: the Chinese sentence, " / ", the English one). A missing
 * verb falls back to the other language, then to the type name. Returns a
 * new string (free() it), or NULL when out of memory.
 */
char *zg_edge_sentence(const zg_graph *g, zg_id e, zg_label_lang lang);

/** Options of zg_query_common(). Zero-initialise, then set fields. */
typedef struct zg_common_opts {
    /** What counts: the view, the relation types, and the node types a
     * shared neighbour may have. Relations count either way, so a
     * direction other than ZG_DIR_BOTH is refused. */
    zg_filter filter;
    zg_label_lang lang; /**< of the sentence column */
    int edge_column;    /**< non-zero: edge_a and edge_b columns */
    /** Conditions on the relations that count, as in zg_neighbour_opts. */
    const zg_where *where;
    size_t n_where;
    /** Non-zero: columns source_a, evidence_a, source_b, evidence_b. */
    int evidence;
    /** Non-zero: a node reached by a relation other than `broader` also
     * counts as reached at every node it is narrower than (see
     * zg_neighbour_opts; for each of a and b, each broader node once,
     * through the first of its relations in the order of the data that
     * reaches it unless reached before), and columns through_a,
     * through_b name the narrower node (null when reached directly).
     * ZG_ERR_INVALID when the graph has no relation type named
     * "broader". */
    int broader;
    /** Answer size (max_rows, max_bytes; see zg_budget); zeroed: the
     * defaults. */
    zg_budget budget;
    /** If non-NULL, set to what the budget left out. */
    zg_truncation *truncation;
} zg_common_opts;

/**
 * The neighbours `a` and `b` share: nodes other than a and b linked to
 * both (either direction). Columns: type (text), node (node), relation_a,
 * direction_a ("out": a -> node, "in": node -> a), relation_b,
 * direction_b, props_a, props_b (text: each relation's properties as
 * "name=value; name=value", or null), with `broader` through_a,
 * through_b (node or null), sentence (text: one sentence in `lang`
 * saying how both link to it, e.g. "A和B都聚焦智能制造。"; through a
 * broader node it says each relation and each narrower-broader step),
 * with `evidence` source_a, evidence_a, source_b, evidence_b (text), and
 * with `edge_column` edge_a, edge_b (edge). One row per pair of relations
 * (usually one per node), grouped by node type in schema order, then by node id
 * in byte order. Nothing shared is an empty result. Parallel relations multiply
 * (p relations from a and q from b to one node make p x q rows), so the rows
 * stop at the budget (opt->truncation says so); the pairs are never all
 * held at once. Fails: ZG_ERR_INVALID, ZG_ERR_NOMEM.
 */
zg_status zg_query_common(const zg_graph *g, zg_id a, zg_id b,
                          const zg_common_opts *opt, zg_result **out,
                          zg_error *err);

/** Options of zg_query_relate(). Zero-initialise, then set fields. */
typedef struct zg_relate_opts {
    /** What counts: the view, the relation types, and the node types of
     * shared and interior nodes. Relations count either way, so a
     * direction other than ZG_DIR_BOTH is refused. */
    zg_filter filter;
    zg_label_lang lang; /**< sentences */
    unsigned max_len;   /**< longest path; 0: no limit */
    size_t max_paths;   /**< paths listed; 0: 10 */
    int through_hubs;
    unsigned hub_fan;
    int edge_column; /**< edge cells in direct, shared, paths */
    /** Conditions on the relations that count, as in zg_neighbour_opts. */
    const zg_where *where;
    size_t n_where;
    /** Work of the path search, rows and bytes of each of the parts
     * shared and paths (see zg_budget); zeroed: the defaults. */
    zg_budget budget;
} zg_relate_opts;

/** The answer of zg_query_relate(): four results, each owned. */
typedef struct zg_relate_answer {
    /** One row. Columns: a, b (node), direct (int: relations between
     * them), shared (int: shared neighbours), distance (int: hops of the
     * shortest connection, 1 when related directly; null when none),
     * paths (int: shortest paths through other nodes; text "more than
     * 9223372036854775807" when there are more than ZG_COUNT_MAX),
     * path_length (int or null), hubs_avoided (text: labels of the hubs
     * through which a path as short exists, zg_path_info.hubs, joined by
     * ", "; or null). */
    zg_result *summary;
    /** Relations between a and b. Columns: direction ("out": a -> b,
     * "in": b -> a), relation, sentence, basis, source, props (as in
     * zg_query_path()), evidence [, edge]. */
    zg_result *direct;
    /** The shared neighbours as zg_query_common() finds them, with the
     * columns type, node, props_a, props_b, sentence [, edge_a,
     * edge_b]. */
    zg_result *shared;
    /** The shortest paths through other nodes (direct relations are
     * not walked; up to max_paths). Columns: path, hop (int), sentence,
     * basis, source, props, evidence [, edge]. */
    zg_result *paths;
    /** What the budget left out of `shared` (rows: pairs of relations). */
    zg_truncation shared_truncation;
    /** The path search behind `paths`: counts, and why it lists fewer
     * paths than exist (truncated, stopped_by, limit). */
    zg_path_info path_info;
} zg_relate_answer;

/**
 * Everything that links `a` and `b`: the relations between them both
 * ways, the neighbours they share, and the shortest paths through other
 * nodes (hub rule and filters as zg_query_path() with `all`), every
 * relation said as one sentence in `lang` with its basis, source and
 * evidence. Fills `*out` (free with zg_relate_answer_free(); on failure
 * it holds nothing). Fails: ZG_ERR_INVALID (a == b, node out of range,
 * unknown type), ZG_ERR_NOMEM.
 */
zg_status zg_query_relate(const zg_graph *g, zg_id a, zg_id b,
                          const zg_relate_opts *opt, zg_relate_answer *out,
                          zg_error *err);

/** Free the four results of `ans` and zero it. Accepts NULL. */
void zg_relate_answer_free(zg_relate_answer *ans);

/** Options of zg_query_similar(). Zero-initialise, then set fields. */
typedef struct zg_similar_opts {
    /** What counts: the view, and the relation types whose neighbours
     * make the sets compared. Node types and a direction are refused
     * (the nodes compared are those of the node's type, neighbours count
     * either way). */
    zg_filter filter;
    size_t top;         /**< most similar listed; 0: 10 */
    zg_label_lang lang; /**< of the items column */
    /** Non-zero: a neighbour reached by a relation other than `broader`
     * brings every node it is narrower than into the set too (see
     * zg_neighbour_opts), so zones focusing on 智慧金融 and on 金融 share
     * 金融; an item that either node reaches only that way is followed
     * by " (broader)" in `items`. Every visible node of the type is then
     * compared (the sets are no longer two hops apart).
     * ZG_ERR_INVALID when the graph has no relation type named
     * "broader". */
    int broader;
} zg_similar_opts;

/**
 * The nodes of `node`'s type most similar to it: Jaccard similarity
 * |N(a) ∩ N(x)| / |N(a) ∪ N(x)| of their neighbour sets, a neighbour being
 * any node (other than the node itself) linked by a relation of the
 * chosen types in either direction. Only nodes sharing at least one
 * neighbour are listed. Columns: node (node), score (number: the Jaccard
 * value rounded to 3 decimals), shared, union (int: the exact fraction),
 * items (text: labels of the shared neighbours in `lang`, joined by "、"
 * or ", "). Highest score first, then most shared, then node id.
 *
 * `links` (may be NULL) gets the relations that make the answer, for
 * drawing: columns node (node: a listed node), item (node: a shared
 * neighbour), edge_a, edge_b (edge: one relation from `node` and one
 * from the listed node to the item). Free both with zg_result_free().
 * Fails: ZG_ERR_INVALID, ZG_ERR_NOMEM.
 */
zg_status zg_query_similar(const zg_graph *g, zg_id node,
                           const zg_similar_opts *opt, zg_result **out,
                           zg_result **links, zg_error *err);

/** What zg_query_rank() counts. */
typedef enum zg_rank_by {
    ZG_RANK_DEGREE = 0, /**< relations in and out */
    ZG_RANK_IN,         /**< relations pointing at the node */
    ZG_RANK_OUT         /**< relations leaving the node */
} zg_rank_by;

/** Options of zg_query_rank(). Zero-initialise, then set fields. */
typedef struct zg_rank_opts {
    /** What counts: the view, and the relation types counted. Node types
     * and a direction are refused (the type ranked is an argument, and
     * `by` says which relations of a node count). */
    zg_filter filter;
    zg_rank_by by;
    size_t top; /**< rows; 0: every node of the type */
    /** Non-zero: columns sources and evidence (the node's). */
    int evidence;
} zg_rank_opts;

/**
 * The nodes of `type` (a name or label) ranked by how many visible
 * relations of the chosen types they have (`by`). Columns: rank (int:
 * ties share a rank, the next rank skips: 1, 1, 3), node (node), count
 * (int), and with `evidence` sources and evidence (text: the node's).
 * Most first, ties by node id in byte order; nodes with a count of 0 come
 * last. `links` (may be NULL) gets the counted relations of the
 * listed nodes: columns node (node), other (node: the other end), edge
 * (edge). Fails: ZG_ERR_INVALID (unknown type), ZG_ERR_NOMEM.
 */
zg_status zg_query_rank(const zg_graph *g, const char *type,
                        const zg_rank_opts *opt, zg_result **out,
                        zg_result **links, zg_error *err);

/* ==== full-text search (queries/fulltext.c) ==== */

/*
 * An index of every text a graph holds, built once and then searched
 * many times: names, English names, ids and aliases; values of node and
 * relation properties, and figures' values, labels and units; notes and
 * evidence sentences of nodes, relations, properties and figures. Each
 * text is folded as names are for lookup (zg_fold(): NFKC, case,
 * traditional to simplified, white space) and indexed by its code points
 * and pairs of adjacent code points, so a query of any length (one
 * character, a two-character Chinese word inside a sentence, ASCII) reads
 * a few posting lists instead of every text. Every candidate is checked
 * against its folded text, so a hit always contains the folded query.
 */
typedef struct zg_fulltext zg_fulltext;

/** What zg_fulltext_search() looks in (zg_fulltext_opts.in). */
enum {
    ZG_FT_NAMES = 1,    /**< ids, names, English names, aliases */
    ZG_FT_PROPS = 2,    /**< property values; figure values, labels, units */
    ZG_FT_EVIDENCE = 4, /**< notes and evidence sentences */
    ZG_FT_ALL = 7
};

/** Options of zg_fulltext_search(). Zero-initialise, then set fields. */
typedef struct zg_fulltext_opts {
    unsigned in; /**< ZG_FT_* bits; 0: all */
    size_t max;  /**< hits; 0: 20 */
    /** Its view hides what it hides; relation types, node types and a
     * direction are refused. */
    zg_filter filter;
    /** 0: the text column marks the match with 【 and 】; non-zero: the
     * text is unmarked and columns start and end (int) give the match as
     * code point offsets into it (end exclusive). */
    int offsets;
    size_t window; /**< display columns a quote may take; 0: 60 */
} zg_fulltext_opts;

/**
 * Build the index of `g` (committed; borrowed: it must outlive the index
 * and not change while the index lives) in `*out`. Free with
 * zg_fulltext_free(). Fails: ZG_ERR_IO (OpenCC's dictionaries, see
 * zg_folder_new()), ZG_ERR_NOMEM.
 */
zg_status zg_fulltext_new(zg_fulltext **out, const zg_graph *g, zg_error *err);

/** Free `ft`. Accepts NULL. */
void zg_fulltext_free(zg_fulltext *ft);

/** Bytes the index holds (its tables, folded texts and postings). */
size_t zg_fulltext_bytes(const zg_fulltext *ft);

/**
 * Search for `text` (`opt` may be NULL). One hit per node or relation,
 * its best match, best first: score 0 an exact name (or English name or
 * id), 1 an exact alias, 2 a prefix of a name or alias, 3 inside a name or
 * alias, 4 a property or figure, 5 a note or evidence; within a score,
 * exact before prefix before substring; then by type priority (a
 * relation's is its from node's), nodes before relations, then id. Only when
 * nothing matches and names are searched, and no name holds the query (not even
 * one the view hides), near misses of names and aliases by edit distance d (as
 * zg_graph_search() finds them) follow with score 6 + d.
 *
 * Columns: score (int), match (text: "exact", "prefix", "substring" or
 * "distance d": how the query meets the field), where (text: name, en,
 * id, alias, prop NAME, figure NAME, note, evidence, or for the evidence
 * of a property "prop NAME evidence" and of a figure "figure NAME
 * evidence"), on (node or edge), type (text: node or relation type), text
 * (the field's text, cut to `window` columns around the match with "…",
 * tabs and line breaks shown as spaces), and with `offsets` start and end
 * (int; null for a near miss). The index is not safe to search from two
 * threads at once (it caches folded characters). Fails: ZG_ERR_PARSE
 * (invalid UTF-8), ZG_ERR_INVALID (nothing left to search for after
 * folding), ZG_ERR_NOMEM.
 */
zg_status zg_fulltext_search(zg_fulltext *ft, const char *text,
                             const zg_fulltext_opts *opt, zg_result **out,
                             zg_error *err);

/* ---- the Cypher-style query language ---- */

/**
 * A compiled read query of zonegraph's Cypher-style query language (see
 * doc/query.md). Compile once, run many times, with different parameters,
 * over any committed graph; a compiled query is not changed by running it,
 * so several threads may run one at once. Opaque.
 */
typedef struct zg_cypher zg_cypher;

/**
 * Compile the `len` bytes of `text` into `*out` (free with
 * zg_cypher_free()). Fails: ZG_ERR_PARSE for a syntax error and
 * ZG_ERR_INVALID for a query without meaning (an undefined variable, a
 * clause that would change the graph, ...); the message starts with
 * "line:column: " at the offending token, and err->line and err->column
 * hold them; ZG_ERR_LIMIT for nesting past the parser's bound;
 * ZG_ERR_NOMEM.
 */
zg_status zg_cypher_compile(zg_cypher **out, const char *text, size_t len,
                            zg_error *err);

/** Free `q`. Accepts NULL. */
void zg_cypher_free(zg_cypher *q);

/** 1 if the query starts with PROFILE: its caller should show the
 * profile (zg_cypher_opts.profile) beside the answer. */
int zg_cypher_profiled(const zg_cypher *q);

/** How many columns the query returns, and their names (borrowed from
 * `q`): aliases, or the expressions as written. An EXPLAIN query has one
 * column, "plan". */
size_t zg_cypher_ncols(const zg_cypher *q);
const char *zg_cypher_colname(const zg_cypher *q, size_t col);

/** Options of one run. Zero-initialise, then set fields. */
typedef struct zg_cypher_opts {
    /** Parameters: `$name` reads the value whose name is `name` (without
     * the `$`). Values are borrowed for the run. */
    const char *const *param_names;
    const zg_value *params;
    size_t n_params;
    /** The work budget: rows made plus relations followed; past it the run
     * fails with ZG_ERR_LIMIT. 0: 100 million. */
    uint64_t max_work;
    /** The bound of a variable-length relationship written without an
     * upper one (`*`, `*2..`); reaching it with further to go fails with
     * ZG_ERR_LIMIT rather than answer from part of the graph. 0: 25. */
    unsigned max_hops;
    /** When not NULL: the run stops, failing with ZG_ERR_LIMIT and "the
     * query was cancelled", soon after `*cancel` becomes non-zero (a
     * signal handler may set it: a volatile sig_atomic_t, which is an int
     * where zonegraph builds). */
    const volatile int *cancel;
    /** When not NULL: a run that succeeds sets `*profile` to its plan, one
     * line per clause as EXPLAIN writes it, each ending "[rows: N]" with
     * the rows the clause handed on (free it); NULL otherwise. */
    char **profile;
} zg_cypher_opts;

/**
 * Run `q` over the committed graph `g` (`o` may be NULL) into a new result
 * with the query's columns (free it with zg_result_free()). Fails at run
 * time with ZG_ERR_INVALID and a message "line:column: Name: what is
 * wrong" (Name as the language defines it: TypeError, ArgumentError,
 * ParameterMissing, ...), ZG_ERR_LIMIT past the budget, ZG_ERR_NOMEM.
 */
zg_status zg_cypher_run(const zg_cypher *q, const zg_graph *g,
                        const zg_cypher_opts *o, zg_result **out,
                        zg_error *err);

/**
 * Called with each row of a run: `ncols` values, valid until the run
 * ends. Return 0 for the next row, non-zero to stop the run (it then
 * succeeds).
 */
typedef int (*zg_cypher_row_fn)(void *ctx, const zg_value *row, size_t ncols);

/**
 * Run `q` over `g`, handing each row to `fn` as soon as the clauses allow
 * (at once, unless an ORDER BY, DISTINCT, aggregation or UNION holds them),
 * so rows need not be kept. Fails as zg_cypher_run().
 */
zg_status zg_cypher_each(const zg_cypher *q, const zg_graph *g,
                         const zg_cypher_opts *o, zg_cypher_row_fn fn,
                         void *ctx, zg_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ZG_QUERY_H */
