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

#ifdef __cplusplus
}
#endif
#endif /* ZG_QUERY_H */
