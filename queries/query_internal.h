/* SPDX-License-Identifier: MIT */
/*
 * Internal to queries/: the layout of a view (the nodes and edges a query
 * sees at a date), the walk filter the relationship queries share (which
 * edges may be walked, which nodes may be passed through), the hub rule,
 * and small helpers for building result cells. Only the .c files of
 * queries/ and white-box tests include this header.
 */
#ifndef ZG_QUERY_INTERNAL_H
#define ZG_QUERY_INTERNAL_H

#include "zg_query.h"

#include <stdint.h>

/* What a query sees (zg_view in zg_query.h). */
struct zg_view {
    const zg_graph *g;       /* borrowed */
    int dated;               /* 0: no date, everything visible */
    zg_period at;            /* the --as-of period when dated */
    char as_of[16];          /* the date as given, or "" */
    unsigned char *node;     /* one flag per node: visible */
    unsigned char *edge;     /* one flag per edge: visible */
    size_t n_nodes, n_edges; /* how many are visible */
};

/* 1 if node `n` (edge `e`) is visible in `v`; a NULL view sees all. */
#define VIEW_NODE(v, n) ((v) == NULL || (v)->node[(n)])
#define VIEW_EDGE(v, e) ((v) == NULL || (v)->edge[(e)])

/*
 * Which edges a relationship query may walk and which nodes it may pass
 * through. Built once per query by walk_init() and freed by walk_free().
 * An edge is walkable when it is visible and its relation type is allowed;
 * a node may be an interior node of a path (not an endpoint) when it is
 * visible, its type is allowed and it is not a hub.
 */
typedef struct walk {
    const zg_graph *g;
    const zg_view *view;    /* may be NULL */
    unsigned char *rel_ok;  /* per relation type */
    unsigned char *type_ok; /* per node type */
    unsigned char *hub;     /* per node, or NULL when hubs are allowed */
    unsigned hub_fan;       /* the threshold used (0 when not computed) */
    zg_direction dir;
    unsigned char *edge_ok; /* per edge: its properties satisfy the
                               conditions (zg_walk__where()), or NULL */
} walk;

/*
 * Fill `w` from every field of filter `f` (NULL: the whole graph): its
 * view, relation types (names or labels; none: all), node types (none:
 * all) and direction; hubs by the rule of zg_query_hubs() with threshold
 * `hub_fan` (0: automatic) unless `through_hubs`. Fails: ZG_ERR_INVALID
 * (unknown type), ZG_ERR_NOMEM. On failure `w` holds nothing to free.
 */
zg_status zg_walk__init(walk *w, const zg_graph *g, const zg_filter *f,
                        int through_hubs, unsigned hub_fan, zg_error *err);

/* Free what zg_walk__init() allocated. Accepts a zeroed `w`. */
void zg_walk__free(walk *w);

/*
 * Restrict the walk to the edges satisfying every condition in `where`
 * (see zg_query__edge_where()); nothing changes when `n` is 0. Fails:
 * ZG_ERR_INVALID (a name no relation has), ZG_ERR_NOMEM.
 */
zg_status zg_walk__where(walk *w, const zg_where *where, size_t n,
                         zg_error *err);

/* 1 if edge `e` may be walked. */
static inline int
walk_edge(const walk *w, zg_id e)
{
    return VIEW_EDGE(w->view, e) && w->rel_ok[zg_graph_edge_type(w->g, e)] &&
           (w->edge_ok == NULL || w->edge_ok[e]);
}

/* 1 if node `n` may be passed through (an interior node of a path). */
static inline int
walk_interior(const walk *w, zg_id n)
{
    return VIEW_NODE(w->view, n) && w->type_ok[zg_graph_node(w->g, n)->type] &&
           (w->hub == NULL || !w->hub[n]);
}

/*
 * Compute the hub flags of every node visible in `view` (see
 * zg_query_hubs()): `hub` gets zg_graph_node_count() flags; when `fan` is
 * non-NULL it gets each node's largest fan. `min_fan` 0 picks the
 * threshold from the data; `*threshold` is set to the one used.
 * Fails: ZG_ERR_NOMEM.
 */
zg_status zg_hubs__compute(const zg_graph *g, const zg_view *view,
                           unsigned min_fan, unsigned char *hub, uint32_t *fan,
                           zg_id *fan_rel, int *fan_out, unsigned *threshold,
                           zg_error *err);

/* Fill `ok` (`count` flags) from type names: all 1 when `n` is 0, else 1
 * for each type `resolve` finds. Fails as `resolve` does. */
zg_status zg_query__type_flags(const zg_graph *g, unsigned char *ok,
                               size_t count, const char *const *names, size_t n,
                               zg_status (*resolve)(const zg_graph *,
                                                    const char *, zg_id *,
                                                    zg_error *),
                               zg_error *err);

/* ---- ordering by count ---- */

/* Something counted (a node, a type): its id, its count and the text
 * that breaks ties between equal counts. */
typedef struct zg_counted {
    zg_id id;
    size_t count;
    const char *key;
} zg_counted;

/* qsort order of zg_counted: highest count first, then key bytes. */
int zg_query__counted_cmp(const void *a, const void *b);

/* ---- budgets ---- */

/* `in` (may be NULL) with its zero fields replaced by the defaults of
 * zg_budget for graph `g`. */
zg_budget zg_budget__resolve(const zg_budget *in, const zg_graph *g);

/* The bytes a row of `ncols` cells takes in a result, as zg_budget's
 * max_bytes counts them. */
size_t zg_query__row_bytes(const zg_value *row, size_t ncols);

/*
 * Where a path search sends the paths it lists, one at a time and in the
 * order of the answer, so that no query holds a list of paths: add() gets
 * path number `no` (from 1) of `len` hops, `nodes` (len + 1) and `edges`
 * (len), borrowed for the call. It returns ZG_OK when the path was added,
 * ZG_ERR_LIMIT without recording an error when the path would take the
 * answer past its max_bytes (nothing added; the search then stops with
 * ZG_LIMIT_BYTES), or another status with `err` set. Path 1 must always
 * be added.
 */
typedef struct zg_path_sink zg_path_sink;
struct zg_path_sink {
    zg_status (*add)(zg_path_sink *sk, size_t no, unsigned len,
                     const zg_id *nodes, const zg_id *edges, zg_error *err);
};

/*
 * The search of zg_query_path(), sending its paths to `sink` instead of
 * building a result; `info` must not be NULL. Rows (max_rows) are counted
 * here, bytes by the sink. Fails as zg_query_path().
 */
zg_status zg_paths__search(const zg_graph *g, zg_id from, zg_id to,
                           const zg_path_opts *opt, zg_path_sink *sink,
                           zg_path_info *info, zg_error *err);

/* ---- cells ---- */

/*
 * zg_result_add_row() for strings that need no copy: the string of each
 * column c with bit c of `keep` set (c < 64) is stored by pointer, so it
 * must live as long as the result does: text of the result's graph (which
 * outlives the result) or a string literal. Other strings are copied.
 */
zg_status zg_result__add_row_keep(zg_result *r, const zg_value *row,
                                  uint64_t keep, zg_error *err);

/* Make room in `r` for `n` rows more than it holds, so that adding them
 * moves no cells. Fails: ZG_ERR_NOMEM, `r` unchanged. */
zg_status zg_result__reserve(zg_result *r, size_t n, zg_error *err);

/* Record "out of memory" in `err`; returns ZG_ERR_NOMEM. */
zg_status zg_query__nomem(zg_error *err);

/* Cells for result rows, the members a kind does not use zeroed. They
 * are inline so that a row is built in registers, not stored by one
 * call and read back by the next. */
static inline zg_value
zg_query__null(void)
{
    zg_value v = {ZG_VAL_NULL, 0, {0}, 0, {NULL}};
    return v;
}

/* A text cell of `s`; NULL gives a null cell. */
static inline zg_value
zg_query__str(const char *s)
{
    zg_value v = {s != NULL ? ZG_VAL_STRING : ZG_VAL_NULL, 0, {0}, 0, {s}};
    return v;
}

static inline zg_value
zg_query__int(long long i)
{
    zg_value v = {ZG_VAL_INT, 0, {i}, 0, {NULL}};
    return v;
}

static inline zg_value
zg_query__num(double d)
{
    zg_value v = {ZG_VAL_NUMBER, 0, {0}, d, {NULL}};
    return v;
}

static inline zg_value
zg_query__node(zg_id n)
{
    zg_value v = {ZG_VAL_NODE, n, {0}, 0, {NULL}};
    return v;
}

static inline zg_value
zg_query__edge(zg_id e)
{
    zg_value v = {ZG_VAL_EDGE, e, {0}, 0, {NULL}};
    return v;
}

static inline zg_value
zg_query__bool(int b)
{
    zg_value v = {ZG_VAL_BOOL, 0, {b != 0}, 0, {NULL}};
    return v;
}

static inline zg_value
zg_query__date(zg_date d)
{
    zg_value v = {ZG_VAL_DATE, 0, {0}, 0, {NULL}};
    v.date = d;
    return v;
}

/* 1 when `d` is a calendar date at its precision (year 1-9999, a month
 * 1-12 or 0, a day within the month or 0, no day without a month). */
int zg_query__date_ok(zg_date d);

/* The fields of a zg_filter a query may apply besides its view (bits). */
enum {
    ZG_FILTER__RELS = 1,     /* relation types */
    ZG_FILTER__TYPES = 2,    /* node types */
    ZG_FILTER__DIRECTION = 4 /* a direction other than ZG_DIR_BOTH */
};

/* Check that `f` (NULL: the whole graph) asks only for what a query
 * applies: its view and the fields in `applies` (ZG_FILTER__* bits).
 * Fails: ZG_ERR_INVALID naming what the question filters by and what it
 * was asked for in vain. */
zg_status zg_query__filter_check(const zg_filter *f, unsigned applies,
                                 zg_error *err);

/* The view `f` asks for (NULL `f`: the whole graph) in `*view`, for a
 * query that applies no other filter. Fails: ZG_ERR_INVALID when `f` asks
 * for relation types, node types or a direction. */
zg_status zg_query__filter_view_only(const zg_filter *f, const zg_view **view,
                                     zg_error *err);

/* The name of node `n`'s type. */
const char *zg_query__type_name(const zg_graph *g, zg_id n);

/* ---- relation properties ---- */

/*
 * The properties of edge `e` that `view` shows (NULL: all), as one text,
 * "name=value; name=value" in the order of the data, in `*out` (free()
 * it), or NULL when there are none. Fails: ZG_ERR_NOMEM.
 */
zg_status zg_query__edge_props(const zg_graph *g, const zg_view *view, zg_id e,
                               char **out, zg_error *err);

/* 1 if the value `have` (NULL: absent) satisfies `w` (see zg_query_list():
 * absent fails all but !=; numbers compare as numbers, else bytes). */
int zg_query__holds(const char *have, const zg_where *w);

/*
 * Check that every condition of `where` names a property some relation
 * of `g` has, or one of the relation fields basis and source. Fails:
 * ZG_ERR_INVALID naming the unknown name and the known ones.
 */
zg_status zg_query__edge_where_check(const zg_graph *g, const zg_where *where,
                                     size_t n, zg_error *err);

/* 1 if edge `e` satisfies every condition of `where`: a condition reads
 * the edge's property of its name that `view` shows (NULL: any), else
 * its field basis or source. */
int zg_query__edge_where(const zg_graph *g, const zg_view *view, zg_id e,
                         const zg_where *where, size_t n);

/* ---- sector hierarchy ---- */

/*
 * The nodes a node is narrower than: the targets of the relation type
 * named "broader", followed transitively over edges visible in `view`.
 * Built once per query. The closures of one round share their stamps:
 * each node is listed at most once a round, and a node met before in the
 * round is not walked again (its broader nodes were met with it), so a
 * round costs at most one pass over the nodes and the broader relations,
 * whatever the number of closures asked for, and cycles end.
 */
typedef struct zg_broader {
    const zg_graph *g;
    const zg_view *view;
    zg_id rel;       /* the relation type "broader" */
    uint32_t *stamp; /* per node: the round it was last met in */
    uint32_t tag;    /* the current round (0: none started) */
    zg_id *list;     /* the last closure, zg_broader__up() */
} zg_broader;

/* Fill `b`. Fails: ZG_ERR_INVALID (no relation type named "broader"),
 * ZG_ERR_NOMEM; on failure `b` holds nothing to free. */
zg_status zg_broader__init(zg_broader *b, const zg_graph *g,
                           const zg_view *view, zg_error *err);

/* Start a new round: every node may be met again. */
void zg_broader__round(zg_broader *b);

/* The broader nodes of `x` (not `x` itself) not met before in this round,
 * nearest first, in `*out` (borrowed until the next call); returns how
 * many. None when `x` itself was met before in the round. */
size_t zg_broader__up(zg_broader *b, zg_id x, const zg_id **out);

/* Free what zg_broader__init() allocated. Accepts a zeroed `b`. */
void zg_broader__free(zg_broader *b);

#endif /* ZG_QUERY_INTERNAL_H */
