/* SPDX-License-Identifier: MIT */
/*
 * Internal to the expression evaluator of the Cypher-style query language
 * (cypher_eval.c, the functions in cypher_fn.c, the graph read as
 * properties in cypher_graph.c): the helpers they share for making values
 * in the run's arena and for naming values in error messages.
 *
 * Strings. A value's string is NUL-terminated (zg_value has no length), so
 * a string cannot hold the NUL character: a string literal or parameter
 * with one is an ArgumentError where it is evaluated. Strings are UTF-8;
 * sizes, indexes and slices count code points, not bytes.
 */
#ifndef ZG_CYPHER_EVAL_H
#define ZG_CYPHER_EVAL_H

#include <string.h>

#include "cypher_run.h"

/* How many values one list, map or string (in bytes) the evaluator
 * builds may hold; beyond it the run fails with ZG_ERR_LIMIT, so that
 * range(1, 1000000000) cannot exhaust memory. */
#define ZG_CYPHER_MAX_VALUES ((size_t)1 << 20)
#define ZG_CYPHER_MAX_STRING ((size_t)1 << 24)

static inline zg_value
zg_cy_null(void)
{
    zg_value v;
    memset(&v, 0, sizeof v);
    return v;
}

static inline zg_value
zg_cy_int(long long i)
{
    zg_value v = zg_cy_null();
    v.kind = ZG_VAL_INT;
    v.i = i;
    return v;
}

static inline zg_value
zg_cy_float(double d)
{
    zg_value v = zg_cy_null();
    v.kind = ZG_VAL_NUMBER;
    v.num = d;
    return v;
}

static inline zg_value
zg_cy_bool(int b)
{
    zg_value v = zg_cy_null();
    v.kind = ZG_VAL_BOOL;
    v.i = b != 0;
    return v;
}

static inline zg_value
zg_cy_str(const char *s)
{
    zg_value v = zg_cy_null();
    v.kind = ZG_VAL_STRING;
    v.str = s;
    return v;
}

/* A truth as a value: true, false or null. */
static inline zg_value
zg_cy_truth_value(zg_cypher_truth t)
{
    return t == ZG_CY_UNKNOWN ? zg_cy_null() : zg_cy_bool(t == ZG_CY_TRUE);
}

/* Room for `n` values in the arena (none for n 0); ZG_ERR_LIMIT past
 * ZG_CYPHER_MAX_VALUES, ZG_ERR_NOMEM. Errors name `at`. */
zg_status zg_cypher__values(zg_cypher_rt *rt, const zg_cypher_node *at,
                            size_t n, zg_value **out);
/* A new string value of `len` bytes (and a NUL) in the arena, to be
 * written at `*buf`. */
zg_status zg_cypher__new_string(zg_cypher_rt *rt, const zg_cypher_node *at,
                                size_t len, char **buf, zg_value *out);
/* A copy of `len` bytes at `s` as a string value in the arena. */
zg_status zg_cypher__string(zg_cypher_rt *rt, const zg_cypher_node *at,
                            const char *s, size_t len, zg_value *out);
/* Count `n` units of work against the run's budget: ZG_ERR_LIMIT past
 * it. */
zg_status zg_cypher__work(zg_cypher_rt *rt, const zg_cypher_node *at,
                          uint64_t n);
/* Fail with ZG_ERR_LIMIT: "L:C: what". */
zg_status zg_cypher__limit(zg_cypher_rt *rt, const zg_cypher_node *at,
                           const char *what);
/* Fail for running out of memory. */
zg_status zg_cypher__nomem_at(zg_cypher_rt *rt, const zg_cypher_node *at);

/* `v` named for an error message: "a string ('ab')", "an integer (3)",
 * "null", "a list"... into `buf`; returns `buf`. */
const char *zg_cypher__describe(const zg_value *v, char *buf, size_t size);
#define ZG_CY_DESCRIBE 96

/* The ordering comparison of the language: -1, 0 or 1 into `*cmp`, or
 * ZG_CY_UNKNOWN returned when `a` and `b` cannot be compared (different
 * kinds, a null, NaN, maps, nodes). ZG_CY_TRUE when `*cmp` is set. */
zg_cypher_truth zg_cypher__compare(const zg_value *a, const zg_value *b,
                                   int *cmp);

/* Code points in the UTF-8 string `s`. */
size_t zg_cypher__utf8_len(const char *s);
/* Byte offset of code point `i` in `s` (its length in bytes when `i` is
 * at or past the end). */
size_t zg_cypher__utf8_offset(const char *s, size_t i);

/* Call the non-aggregating function `e` (a ZG_CN_CALL_FN) on the `n`
 * values at `args`. */
zg_status zg_cypher__call(zg_cypher_rt *rt, const zg_cypher_node *e,
                          zg_value *args, size_t n, zg_value *out);

/* The graph as properties (cypher_graph.c). */
/* The label of node `v`, or the type of relationship `v` (borrowed). */
const char *zg_cypher__type_name(const zg_cypher_rt *rt, const zg_value *v);
/* Every property of `v` (node, relationship or map) as a map value: the
 * keys keys() lists, the values properties() returns. */
zg_status zg_cypher__props(zg_cypher_rt *rt, const zg_cypher_node *at,
                           const zg_value *v, zg_value *out);

#endif /* ZG_CYPHER_EVAL_H */
