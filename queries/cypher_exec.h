/* SPDX-License-Identifier: MIT */
/*
 * Internal to the queries module: the executor of the Cypher-style query
 * language, shared by its clause pipeline (cypher_exec.c) and its pattern
 * matcher (cypher_match.c).
 *
 * A run pushes rows: the first clause gets one empty row, and each clause
 * hands every row it makes to the next one at once (MATCH, UNWIND, a
 * projection without aggregation, DISTINCT or ORDER BY) or keeps them
 * until its input ends (the others), so a query holds only the rows that
 * its blocking clauses need. Pushing returns ZG_CY_GO, ZG_CY_STOP when the
 * clauses downstream want no more rows (a LIMIT was reached) or ZG_CY_FAIL
 * with the error in the run's zg_error.
 */
#ifndef ZG_CYPHER_EXEC_H
#define ZG_CYPHER_EXEC_H

#include "cypher_run.h"

enum { ZG_CY_FAIL = -1, ZG_CY_GO = 0, ZG_CY_STOP = 1 };

/* The compiled query. */
struct zg_cypher {
    zg_arena arena; /* the text, the tree and the column names */
    const char *text;
    size_t len;
    zg_cypher_node *root;
    size_t width;   /* values in a row: the deepest slot + 1 */
    size_t n_names; /* LABEL and TYPE nodes, numbered by their `slot` */
    size_t n_agg;   /* aggregates of the projection that has most */
    size_t ncols;
    const char **cols;
};

typedef struct zg_cy_exec zg_cy_exec;

/* Called for every complete match: GO, STOP or FAIL. */
typedef int (*zg_cy_emit)(zg_cy_exec *x, void *arg, zg_value *row);

/* How one path of a MATCH is matched. */
typedef struct zg_cy_step {
    const zg_cypher_node *path;
    const zg_cypher_node **el; /* NODE, REL, NODE, ... in the order walked */
    size_t n_el;
    int reversed; /* walked from its last node to its first */
    enum {
        ZG_CY_START_BOUND, /* a variable bound before */
        ZG_CY_START_KEY,   /* {key: ...}: the id index */
        ZG_CY_START_NAME,  /* {name: ...} or {name_en: ...}: the name index */
        ZG_CY_START_LABEL, /* the nodes of a type */
        ZG_CY_START_ALL
    } start;
    const zg_cypher_node *key; /* START_KEY, START_NAME: the value */
    double estimate;           /* start candidates the plan expects */
} zg_cy_step;

/* A planned pattern: the paths of a MATCH (or of a pattern in an
 * expression) in the order they are matched, and what to do with each
 * match. */
typedef struct zg_cy_match {
    zg_cy_step *steps;
    size_t n;
    const zg_cypher_node *where; /* tested on each complete match, or NULL */
    size_t bound_below;          /* slots below this hold bound variables */
    zg_cy_emit emit;
    void *arg;
} zg_cy_match;

struct zg_cy_exec {
    zg_cypher_rt rt;
    const struct zg_cypher *q;
    zg_id *names;         /* per LABEL/TYPE node: its type id or ZG_NO_ID */
    unsigned char *bound; /* per slot: bound in the match under way */
    unsigned max_hops;    /* the bound of a variable-length pattern */
    const volatile int *cancel; /* see zg_cypher_opts */
    /* The relationships the match under way has bound (each once). */
    zg_id *used;
    size_t n_used, cap_used;
    /* What the paths walked: (relationship, node) in the order walked. */
    struct zg_cy_trail {
        zg_id edge, node;
    } * trail;
    size_t n_trail, cap_trail;
    /* Breadth-first search for shortest paths: per node, its distance + 1
     * from the start (0: not reached); the nodes reached, to reset them. */
    uint32_t *dist;
    zg_id *queue;
    /* Nodes of each node type, counted the first time a plan needs them. */
    size_t *type_counts;
    /* The plans of patterns used as expressions, made the first time each
     * is evaluated. */
    struct zg_cy_pattern_plan {
        const zg_cypher_node *e;
        zg_cy_match m;
    } * pattern_plans;
    size_t n_pattern_plans, cap_pattern_plans;
    /* The answers of procedures, kept until the run ends (rows hold
     * values that point into them). */
    zg_result **answers;
    size_t n_answers, cap_answers;
};

/* A procedure: one of zonegraph's relationship questions (cypher_proc.c). */
typedef struct zg_cy_proc {
    const char *name; /* "zonegraph.similar" */
    unsigned min_args, max_args;
    const char *const *cols; /* the columns it yields, NULL-terminated */
    /* Answer for arguments `args` (`n`, checked against min and max) into
     * a new result with at least the columns `cols`. */
    zg_status (*run)(zg_cy_exec *x, const zg_cypher_node *at,
                     const zg_value *args, size_t n, zg_result **out);
} zg_cy_proc;

/* The procedure called `name` (any case), or NULL. */
const zg_cy_proc *zg_cy__proc(const char *name);
/* How many columns `p` yields. */
size_t zg_cy__proc_cols(const zg_cy_proc *p);
/* The procedures' names, for a message. */
const char *zg_cy__proc_names(void);

/* Plan the `n` paths at `paths` for a run: slots below `bound_below` are
 * bound when matching starts. Allocated in the run's arena. */
zg_status zg_cy__plan(zg_cy_exec *x, zg_cypher_node *const *paths, size_t n,
                      const zg_cypher_node *where, size_t bound_below,
                      zg_cy_match *out);

/* Match `m` from `row`, calling m->emit for each match with the new
 * variables bound in `row`. GO, STOP or FAIL. */
int zg_cy__match(zg_cy_exec *x, const zg_cy_match *m, zg_value *row);

/* Append a line describing `m` to `b` (EXPLAIN). 0, or -1 out of memory. */
int zg_cy__describe(const zg_cy_exec *x, const zg_cy_match *m, zg_strbuf *b);

/* Count one unit of work; FAIL with ZG_ERR_LIMIT past the budget. */
int zg_cy__work(zg_cy_exec *x, const zg_cypher_node *at);

/* The run's pattern evaluator (zg_cypher_rt.pattern). */
zg_status zg_cy__pattern(zg_cypher_rt *rt, const zg_cypher_node *e,
                         zg_value *row, zg_value *out);

#endif /* ZG_CYPHER_EXEC_H */
