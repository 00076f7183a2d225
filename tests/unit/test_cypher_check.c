/* SPDX-License-Identifier: MIT */
/*
 * The check of the Cypher-style query language (white-box:
 * cypher_internal.h): each kind of error it names, with its line and
 * column; scopes through WITH, UNION, OPTIONAL MATCH, comprehensions and
 * EXISTS; the slots it records for the executor; queries it must let
 * through; and every allocation of a check failing in turn (the program
 * is linked with --wrap=malloc,--wrap=realloc).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cypher_internal.h"

#include "../support/fail_alloc.h"

/* ---- helpers ---- */

/* Append the slots under `n` in pre-order: "name=slot" for each variable
 * and binder, "kind#slot" for each clause. */
static void
slots_of(const zg_cypher_node *n, char *out, size_t size)
{
    size_t i, len = strlen(out);

    if (n == NULL)
        return;
    if (n->slot >= 0 && len + 64 < size) {
        const char *name = n->text;
        if (n->kind == ZG_CN_ITEM && name == NULL &&
            n->kids[0]->kind == ZG_CN_VAR)
            name = n->kids[0]->text;
        if (n->kind == ZG_CN_QUANTIFIER)
            name = n->kids[0]->text;
        if (name && n->kind != ZG_CN_CALL)
            snprintf(out + len, size - len, "%s%s=%d", len ? " " : "", name,
                     n->slot);
        else
            snprintf(out + len, size - len, "%s%s#%d", len ? " " : "",
                     zg_cypher__kind_name(n->kind), n->slot);
    }
    for (i = 0; i < n->n_kids; i++)
        slots_of(n->kids[i], out, size);
}

/* Parse and check `q`: ZG_OK and the slots in `slots`, or the error. */
static zg_status
check(const char *q, zg_error *err, char *slots, size_t size)
{
    zg_arena a;
    zg_cypher_node *root = NULL;
    zg_status st;

    zg_arena_init(&a);
    zg_error_clear(err);
    st = zg_cypher__parse(&a, q, strlen(q), &root, err);
    if (st != ZG_OK)
        fail_msg("%s\n  did not parse: %s", q, err->msg);
    st = zg_cypher__check(root, err);
    if (slots) {
        slots[0] = '\0';
        slots_of(root, slots, size);
    }
    zg_arena_free(&a);
    return st;
}

/* `q` passes the check. */
static void
passes(const char *q)
{
    zg_error err;

    if (check(q, &err, NULL, 0) != ZG_OK)
        fail_msg("%s\n  refused: %s", q, err.msg);
}

/* `q` passes the check with these slots. */
static void
slots_are(const char *q, const char *want)
{
    zg_error err;
    char got[2048];

    if (check(q, &err, got, sizeof got) != ZG_OK)
        fail_msg("%s\n  refused: %s", q, err.msg);
    if (strcmp(got, want) != 0)
        fail_msg("%s\n  slots %s\n  want  %s", q, got, want);
}

/* `q` fails the check with exactly `msg` at line:column. */
static void
refused(const char *q, unsigned line, unsigned column, const char *msg)
{
    zg_error err;

    if (check(q, &err, NULL, 0) == ZG_OK)
        fail_msg("%s\n  passed, want %s", q, msg);
    if (strcmp(err.msg, msg) != 0)
        fail_msg("%s\n  error %s\n  want  %s", q, err.msg, msg);
    assert_int_equal(err.status, ZG_ERR_INVALID);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
}

/* ---- variables ---- */

static void
test_undefined_variable(void **state)
{
    (void)state;
    refused("MATCH (a)\nRETURN b", 2, 8,
            "2:8: UndefinedVariable: 'b' is not defined here");
    refused("MATCH (a) WITH a.x AS x RETURN a", 1, 32,
            "1:32: UndefinedVariable: 'a' is not defined here");
    refused("MATCH (a) WHERE (a)-->(b) RETURN a", 1, 23,
            "1:23: UndefinedVariable: 'b' is not defined here; a pattern "
            "used as a predicate cannot bind a new variable");
    /* A control character in a name is shown escaped. */
    refused("RETURN `a\nb`", 1, 8,
            "1:8: UndefinedVariable: 'a\\u000Ab' is not defined here");
    refused("RETURN [x IN [1] | x] AS l, x", 1, 29,
            "1:29: UndefinedVariable: 'x' is not defined here");
    refused("UNWIND [1] AS x RETURN y {.a}", 1, 24,
            "1:24: UndefinedVariable: 'y' is not defined here");
    refused("MATCH (a) RETURN DISTINCT a.name ORDER BY a.age", 1, 43,
            "1:43: UndefinedVariable: 'a' is not projected, so ORDER BY "
            "after DISTINCT cannot use it");
    passes("MATCH (a) RETURN a.name ORDER BY a.age");
    passes("MATCH (a) WITH a.name AS n WHERE a.age > 1 RETURN n");
    passes("MATCH (a) OPTIONAL MATCH (a)-[r]->(b) WITH a WHERE r IS NULL "
           "RETURN a");
    passes("RETURN [x IN [1, 2] WHERE x > 1 | x * 2] AS l, "
           "any(y IN [1] WHERE y = 1) AS b");
    passes("MATCH (a) RETURN [(a)-->(b) | b.name] AS names");
    passes("MATCH (a) WHERE EXISTS { MATCH (a)-->(b) WHERE b.x = 1 } "
           "RETURN a");
}

static void
test_already_bound_and_type_conflict(void **state)
{
    (void)state;
    refused("MATCH (a)-[r]->()-[r]->(a) RETURN r", 1, 18,
            "1:18: RelationshipUniquenessViolation: relationship 'r' is "
            "already bound "
            "in this pattern");
    refused("MATCH (p) MATCH p = ()-->() RETURN p", 1, 17,
            "1:17: VariableAlreadyBound: 'p' is already bound; a path needs "
            "a new variable");
    refused("MATCH (a) CREATE (a) RETURN a", 1, 18,
            "1:18: VariableAlreadyBound: node 'a' is already bound; CREATE "
            "cannot make it again");
    refused("MATCH ()-[r]->() CREATE ()-[r:T]->()", 1, 27,
            "1:27: VariableAlreadyBound: relationship 'r' is already bound; "
            "CREATE makes a new one");
    refused("UNWIND [1] AS x UNWIND [2] AS x RETURN x", 1, 31,
            "1:31: VariableAlreadyBound: 'x' is already bound");
    refused("MATCH (r) MATCH ()-[r]-() RETURN r", 1, 19,
            "1:19: VariableTypeConflict: 'r' is a node, not a relationship");
    refused("MATCH p = ()-->() MATCH (p) RETURN p", 1, 25,
            "1:25: VariableTypeConflict: 'p' is a path, not a node");
    refused("MATCH (n) WITH [n] AS users MATCH (users)-->(m) RETURN m", 1, 35,
            "1:35: VariableTypeConflict: 'users' is a list, not a node");
    refused("WITH 1 AS r MATCH ()-[r]-() RETURN r", 1, 21,
            "1:21: VariableTypeConflict: 'r' is a value, not a "
            "relationship");
    passes("MATCH (a)-->(b) CREATE (a)-[:T]->(b)");
    passes("MATCH (a) MATCH (a)-->(b) RETURN b");
    passes("MATCH ()-[r1]->()-[r2]->() WITH [r1, r2] AS rs "
           "MATCH ()-[rs*]->() RETURN rs");
    passes("MATCH (a) WITH a AS b MATCH (b)-->(c) RETURN c");
}

/* ---- projections ---- */

static void
test_projections(void **state)
{
    (void)state;
    refused("MATCH () RETURN *", 1, 10,
            "1:10: NoVariablesInScope: RETURN * needs at least one variable "
            "in scope");
    refused("RETURN 1 AS a, 2 AS a", 1, 16,
            "1:16: ColumnNameConflict: two columns are called 'a'");
    refused("WITH 1 AS a, 2 AS a RETURN a", 1, 14,
            "1:14: ColumnNameConflict: two columns are called 'a'");
    refused("RETURN 1 AS a UNION RETURN 1 AS b", 1, 15,
            "1:15: DifferentColumnsInUnion: every part of a UNION must "
            "return the same columns");
    refused("RETURN 1 AS a, 2 AS b UNION ALL RETURN 2 AS b, 1 AS a", 1, 23,
            "1:23: DifferentColumnsInUnion: every part of a UNION must "
            "return the same columns");
    passes("RETURN 1 AS a UNION RETURN 2 AS a");
    passes("MATCH (a) RETURN * UNION MATCH (b)-->(a) RETURN a");
    refused("MATCH (a) RETURN * UNION MATCH (a)-->(b) RETURN b", 1, 20,
            "1:20: DifferentColumnsInUnion: every part of a UNION must "
            "return the same columns");
    passes("MATCH (a) RETURN a UNION MATCH (a)-->() RETURN a");
    passes("MATCH (a) WITH * RETURN *");
    passes("MATCH (a) WITH *, 1 AS b RETURN a, b");
    /* Each part of a UNION has its own scope. */
    refused("MATCH (a) RETURN a AS x UNION RETURN a AS x", 1, 38,
            "1:38: UndefinedVariable: 'a' is not defined here");
}

static void
test_aggregation(void **state)
{
    (void)state;
    refused("MATCH (a) WHERE count(a) > 10 RETURN a", 1, 17,
            "1:17: InvalidAggregation: count() aggregates, which it cannot "
            "do here");
    refused("MATCH (n) RETURN [x IN [1, 2] | count(*)]", 1, 33,
            "1:33: InvalidAggregation: count(*) aggregates, which it cannot "
            "do here");
    refused("MATCH (n) RETURN n.a ORDER BY max(n.b)", 1, 31,
            "1:31: InvalidAggregation: max() aggregates, which it cannot do "
            "here");
    refused("RETURN count(count(*))", 1, 14,
            "1:14: NestedAggregation: count(*) inside another aggregation");
    refused("RETURN sum(min(1))", 1, 12,
            "1:12: NestedAggregation: min() inside another aggregation");
    refused("RETURN count(rand())", 1, 14,
            "1:14: NonConstantExpression: rand() cannot stand inside an "
            "aggregation");
    refused("MATCH (me)--(you) RETURN me.age + count(you.age)", 1, 26,
            "1:26: AmbiguousAggregationExpression: 'me' is neither "
            "aggregated nor a grouping key");
    refused("MATCH (me)--(you) RETURN me.age + you.age, "
            "me.age + you.age + count(*)",
            1, 44,
            "1:44: AmbiguousAggregationExpression: 'me' is neither "
            "aggregated nor a grouping key");
    refused("MATCH (me)--(you) RETURN me.age + you.age, count(*) AS cnt "
            "ORDER BY me.age + you.age + count(*)",
            1, 69,
            "1:69: AmbiguousAggregationExpression: 'me' is not projected, "
            "so ORDER BY after an aggregation cannot use it");
    refused("MATCH (me)--(you) WITH count(you.age) AS agg "
            "ORDER BY me.age + count(you.age) RETURN *",
            1, 55,
            "1:55: UndefinedVariable: 'me' is not projected, so ORDER BY "
            "after an aggregation cannot use it");
    refused("MATCH (a) WITH a.x AS m, min(a.y) AS n ORDER BY sum(a.z) "
            "RETURN m",
            1, 53,
            "1:53: UndefinedVariable: 'a' is not projected, so ORDER BY "
            "after an aggregation cannot use it");
    passes("MATCH (me)--(you) RETURN me.age, me.age + count(you.age)");
    passes("MATCH (me)--(you) WITH me.age AS age, you "
           "RETURN age, age + count(you.age)");
    passes("MATCH (p) RETURN $age + avg(p.age) - 1000");
    passes("MATCH (a) RETURN a, count(*) ORDER BY count(*) DESC");
    passes("MATCH (a) WITH a.x AS k, count(*) AS c WHERE c > 1 RETURN k");
    passes("MATCH (a)-->(b) RETURN a.name AS n, collect(b.name) AS l "
           "ORDER BY n");
}

static void
test_skip_limit(void **state)
{
    (void)state;
    refused("MATCH (n) RETURN n SKIP n.count", 1, 25,
            "1:25: NonConstantExpression: 'n' is a variable; SKIP and LIMIT "
            "take a constant");
    refused("MATCH (n) RETURN n LIMIT -(1)", 1, 26,
            "1:26: NegativeIntegerArgument: LIMIT takes a whole number of "
            "rows, 0 or more");
    refused("MATCH (n) RETURN n LIMIT 'a'", 1, 26,
            "1:26: InvalidArgumentType: LIMIT takes a whole number of rows");
    refused("RETURN 1 SKIP -1", 1, 15,
            "1:15: NegativeIntegerArgument: SKIP takes a whole number of "
            "rows, 0 or more");
    refused("RETURN 1 LIMIT 1.5", 1, 16,
            "1:16: InvalidArgumentType: LIMIT takes a whole number of rows");
    passes("MATCH (n) RETURN n SKIP $s LIMIT 1 + 2");
}

static void
test_functions_and_patterns(void **state)
{
    (void)state;
    refused("MATCH (a) RETURN foo(a)", 1, 18,
            "1:18: UnknownFunction: there is no function foo()");
    refused("RETURN toLower()", 1, 8,
            "1:8: InvalidNumberOfArguments: tolower() takes 1 argument, "
            "not 0");
    refused("RETURN substring('a', 1, 2, 3)", 1, 8,
            "1:8: InvalidNumberOfArguments: substring() takes 2 or more (up "
            "to the most) arguments, not 4");
    passes("RETURN toLower('A') AS a, COUNT(*) AS c, coalesce(1, 2, 3) AS d, "
           "date.truncate('day', date()) AS e");
    refused("MATCH p = (n)-[*]->() WHERE p.name = 'a' RETURN p", 1, 29,
            "1:29: InvalidArgumentType: 'p' is a path, which has no "
            "properties");
    refused("MATCH (n) DELETE 1", 1, 18,
            "1:18: InvalidDelete: DELETE takes nodes, relationships or "
            "paths");
    refused("CALL db.labels() YIELD label WITH 1 AS x "
            "CALL db.labels() YIELD label AS x RETURN x",
            1, 65, "1:65: VariableAlreadyBound: 'x' is already bound");
    refused("RETURN NOT [1]", 1, 12,
            "1:12: InvalidArgumentType: NOT takes booleans");
    refused("RETURN true AND 'foo'", 1, 17,
            "1:17: InvalidArgumentType: AND takes booleans");
    refused("MATCH (n) RETURN n XOR false", 1, 18,
            "1:18: InvalidArgumentType: XOR takes booleans");
    refused("RETURN 1 IN {x: []}", 1, 13,
            "1:13: InvalidArgumentType: IN takes a list on its right");
    refused("MATCH p = (a) RETURN labels(p) AS l", 1, 29,
            "1:29: InvalidArgumentType: labels() cannot take this argument");
    refused("MATCH (r) RETURN type(r)", 1, 23,
            "1:23: InvalidArgumentType: type() cannot take this argument");
    refused("MATCH ()-[r]->() RETURN length(r)", 1, 32,
            "1:32: InvalidArgumentType: length() cannot take this argument");
    refused("RETURN properties('Cypher')", 1, 19,
            "1:19: InvalidArgumentType: properties() cannot take this "
            "argument");
    passes("MATCH p = (a)-[r]->(b) RETURN labels(a), type(r), length(p), "
           "nodes(p), size([1]), size('ab'), properties({a: 1}), "
           "properties(a), true AND null, NOT (a.x > 1), 1 IN [1], 1 IN $l");
    passes("MATCH (n) FOREACH (x IN [1] | SET n.a = x) RETURN n");
    refused("MATCH (n) FOREACH (x IN [1] | SET n.a = x) RETURN x", 1, 51,
            "1:51: UndefinedVariable: 'x' is not defined here");
    passes("MERGE (a:A) ON CREATE SET a.x = 1 ON MATCH SET a.y = 2 RETURN a");
}

/* ---- slots ---- */

static void
test_slots(void **state)
{
    (void)state;
    /* MATCH adds to the row in order; RETURN reads it and makes its own. */
    slots_are("MATCH (a)-[r]->(b) RETURN b, a",
              "single#2 match#3 a=0 r=1 b=2 return#2 b=0 b=2 a=1 a=0");
    /* WITH starts a new row; its WHERE and ORDER BY see the old row,
     * then the new one (3 + column). */
    slots_are(
        "MATCH (a)-->(b) WITH b.x AS x, a ORDER BY x WHERE a.y = 1 "
        "RETURN x",
        "single#1 match#2 a=0 b=1 with#2 x=0 b=1 a=1 a=0 x=2 a=3 return#1 x=0 "
        "x=0");
    /* UNWIND and OPTIONAL MATCH add; a comprehension's variable takes the
     * next slot while it lasts. */
    slots_are("UNWIND [1] AS i OPTIONAL MATCH (n) "
              "RETURN [j IN [i] | j + i] AS l",
              "single#1 unwind#1 i=0 match#2 n=1 return#1 l=0 j=2 i=0 j=2 i=0");
    /* WITH * keeps the row and adds to it. */
    slots_are("MATCH (a) WITH *, 1 AS b RETURN a, b",
              "single#2 match#1 a=0 with#2 b=1 return#2 a=0 a=0 b=1 b=1");
    /* Each UNION part starts from an empty row. */
    slots_are("UNWIND [1] AS x RETURN x UNION UNWIND [2] AS y RETURN y AS x",
              "single#1 unwind#1 x=0 return#1 x=0 x=0 single#1 unwind#1 "
              "y=0 return#1 x=0 y=0");
}

/* ---- allocation failure ---- */

static void
test_allocation_failure(void **state)
{
    const char *q = "MATCH (a)-[r]->(b) WITH a, count(r) AS c ORDER BY c "
                    "WHERE c > 1 UNWIND [x IN [1] | x] AS y "
                    "RETURN a, c, y ORDER BY y UNION "
                    "MATCH (a) WHERE EXISTS { MATCH (a)-->() } "
                    "RETURN a, 1 AS c, 2 AS y";
    zg_arena a;
    zg_cypher_node *root = NULL;
    zg_error err;
    zg_status st;
    long k;
    (void)state;

    for (k = 0;; k++) {
        zg_arena_init(&a);
        zg_error_clear(&err);
        assert_int_equal(zg_cypher__parse(&a, q, strlen(q), &root, &err),
                         ZG_OK);
        alloc_failed = 0;
        allocs_left = k;
        st = zg_cypher__check(root, &err);
        allocs_left = -1;
        zg_arena_free(&a);
        if (!alloc_failed) {
            if (st != ZG_OK)
                fail_msg("refused: %s", err.msg);
            break;
        }
        if (st == ZG_OK)
            fail_msg("allocation %ld failed and the check succeeded", k);
        assert_int_equal(st, ZG_ERR_NOMEM);
        assert_true(err.msg[0] != '\0');
    }
    assert_true(k > 3);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_undefined_variable),
        cmocka_unit_test(test_already_bound_and_type_conflict),
        cmocka_unit_test(test_projections),
        cmocka_unit_test(test_aggregation),
        cmocka_unit_test(test_skip_limit),
        cmocka_unit_test(test_functions_and_patterns),
        cmocka_unit_test(test_slots),
        cmocka_unit_test(test_allocation_failure),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
