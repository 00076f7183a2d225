/* SPDX-License-Identifier: MIT */
/*
 * Internal to the queries module: running a checked query of the
 * Cypher-style language over a committed graph.
 *
 * A row is an array of zg_value indexed by the slots the check gave the
 * variables (zg_cypher_node.slot); it is as wide as the deepest slot the
 * query uses, so the variables a list comprehension or a quantifier binds
 * for itself have room after the clause's own. Nodes and relationships are
 * ZG_VAL_NODE and ZG_VAL_EDGE values holding their graph id; text read from
 * the graph is borrowed from it; every value the run makes (strings,
 * lists, maps, paths) lives in the run's arena until the run ends.
 *
 * Errors at run time fail with ZG_ERR_INVALID and a message
 * "L:C: Name: what is wrong" at the expression that failed, where Name is
 * the kind of error the language defines (TypeError, ArgumentError,
 * ArithmeticError, ...) and the message names the value and the operator,
 * e.g. "3:12: TypeError: cannot add a string ('a') and a list". Running out
 * of the run's work budget fails with ZG_ERR_LIMIT.
 */
#ifndef ZG_CYPHER_RUN_H
#define ZG_CYPHER_RUN_H

#include <stdint.h>

#include "cypher_internal.h"
#include "zg_arena.h"
#include "zg_graph.h"
#include "zg_query.h"

/* Truth in the language's three-valued logic. */
typedef enum zg_cypher_truth {
    ZG_CY_FALSE = 0,
    ZG_CY_TRUE = 1,
    ZG_CY_UNKNOWN = 2 /* null */
} zg_cypher_truth;

/* A parameter `$name` and its value (borrowed for the run). */
typedef struct zg_cypher_param {
    const char *name;
    zg_value value;
} zg_cypher_param;

typedef struct zg_cypher_rt zg_cypher_rt;

/* Evaluates an expression that holds a pattern: ZG_CN_PATTERN (true when
 * the pattern matches from the row), ZG_CN_PATTERN_COMP (the list of its
 * projections) and ZG_CN_EXISTS. Set by the executor; NULL where no
 * patterns can be matched (the expression evaluator then refuses them). */
typedef zg_status (*zg_cypher_pattern_fn)(zg_cypher_rt *rt,
                                          const zg_cypher_node *e,
                                          zg_value *row, zg_value *out);

/* What one run of a query needs. */
struct zg_cypher_rt {
    const zg_graph *g; /* committed; outlives the run */
    zg_arena *arena;   /* holds every value the run makes */
    const zg_cypher_param *params;
    size_t n_params;
    /* While a projection with aggregates is evaluated: the value of each
     * aggregate call, indexed by the `slot` the planner gave its node
     * (ZG_CN_CALL_FN of an aggregating function, ZG_CN_COUNT_STAR). */
    const zg_value *agg;
    zg_cypher_pattern_fn pattern;
    void *match;             /* the executor's state for `pattern` */
    uint64_t work, max_work; /* work done (rows, expansions) and its budget,
                                0: none */
    zg_error *err;
};

/* Evaluate expression `e` over `row` into `*out`. `row` is writable
 * because list comprehensions and quantifiers bind their variable in it
 * (and restore nothing: the slot is theirs while they last). */
zg_status zg_cypher__eval(zg_cypher_rt *rt, const zg_cypher_node *e,
                          zg_value *row, zg_value *out);

/* Evaluate predicate `e` over `row`: true, false or unknown (null). A
 * value that is neither boolean nor null is a TypeError. */
zg_status zg_cypher__truth(zg_cypher_rt *rt, const zg_cypher_node *e,
                           zg_value *row, zg_cypher_truth *out);

/* `a = b` in the language's terms: unknown when either holds a null
 * where it decides the answer (1 = null, [1, null] = [1, 2]), integers
 * and floats equal by value, lists and maps element by element, nodes and
 * relationships by id. */
zg_cypher_truth zg_cypher__equal(const zg_value *a, const zg_value *b);

/* Property `key` of `v` (a node, relationship or map) into `*out`; null
 * when it has none, and for a null `v`. Any other `v` is a TypeError at
 * `at`. See doc/query.md for how names, aliases, provenance and figures
 * read as properties. */
zg_status zg_cypher__prop(zg_cypher_rt *rt, const zg_cypher_node *at,
                          const zg_value *v, const char *key, zg_value *out);

/* Fail the run with "L:C: Name: message" at `at` (its line and column);
 * returns ZG_ERR_INVALID. */
zg_status zg_cypher__fail(zg_cypher_rt *rt, const zg_cypher_node *at,
                          const char *name, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif /* ZG_CYPHER_RUN_H */
