/* SPDX-License-Identifier: MIT */
/*
 * Running queries of the Cypher-style language (queries/cypher_exec.c,
 * cypher_match.c) over a small graph whose answers are plain to see:
 * patterns in both directions, relationship uniqueness, loops, variable
 * lengths and their bound, shortest paths, OPTIONAL MATCH, aggregation,
 * DISTINCT, ORDER BY, SKIP, LIMIT, WITH ... WHERE, UNWIND, UNION,
 * parameters, EXPLAIN, the work budget, the errors, and allocation
 * failure at every step of a run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zg_graph.h"
#include "zg_import.h"
#include "zg_query.h"

#include "../support/fail_alloc.h"

/*
 * Zones A, B, C focus on sectors: A on M; B on M and F; C on F. A and B
 * lie in region R. A links to itself (a loop) and to B; B links to C, C to
 * D, D to E (a chain for variable lengths).
 */
static const char graph_xml[] =
    "<zonegraph version=\"1\">\n"
    "  <schema>\n"
    "    <nodetype name=\"zone\"/>\n"
    "    <nodetype name=\"sector\"/>\n"
    "    <nodetype name=\"region\"/>\n"
    "    <relationtype name=\"focuses_on\" from=\"zone\" to=\"sector\"/>\n"
    "    <relationtype name=\"located_in\" from=\"zone\" to=\"region\"/>\n"
    "    <relationtype name=\"links\" from=\"*\" to=\"*\"/>\n"
    "  </schema>\n"
    "  <source id=\"s\" title=\"test\"/>\n"
    "  <zone id=\"a\" name=\"甲\" en=\"A\" source=\"s\"/>\n"
    "  <zone id=\"b\" name=\"乙\" en=\"B\" source=\"s\"/>\n"
    "  <zone id=\"c\" name=\"丙\" en=\"C\" source=\"s\"/>\n"
    "  <zone id=\"d\" name=\"丁\" en=\"D\" source=\"s\"/>\n"
    "  <zone id=\"e\" name=\"戊\" en=\"E\" source=\"s\"/>\n"
    "  <sector id=\"m\" name=\"制造\" en=\"M\" source=\"s\"/>\n"
    "  <sector id=\"f\" name=\"金融\" en=\"F\" source=\"s\"/>\n"
    "  <region id=\"r\" name=\"区域\" en=\"R\" source=\"s\"/>\n"
    "  <relation from=\"a\" type=\"focuses_on\" to=\"m\" source=\"s\">"
    "<evidence>甲聚焦制造。</evidence></relation>\n"
    "  <relation from=\"b\" type=\"focuses_on\" to=\"m\" source=\"s\">"
    "<evidence>乙聚焦制造。</evidence></relation>\n"
    "  <relation from=\"b\" type=\"focuses_on\" to=\"f\" source=\"s\">"
    "<evidence>乙聚焦金融。</evidence></relation>\n"
    "  <relation from=\"c\" type=\"focuses_on\" to=\"f\" source=\"s\">"
    "<evidence>丙聚焦金融。</evidence></relation>\n"
    "  <relation from=\"a\" type=\"located_in\" to=\"r\" source=\"s\">"
    "<evidence>甲在区域。</evidence></relation>\n"
    "  <relation from=\"b\" type=\"located_in\" to=\"r\" source=\"s\">"
    "<evidence>乙在区域。</evidence></relation>\n"
    "  <relation from=\"a\" type=\"links\" to=\"a\" basis=\"inferred\"/>\n"
    "  <relation from=\"a\" type=\"links\" to=\"b\" basis=\"inferred\"/>\n"
    "  <relation from=\"b\" type=\"links\" to=\"c\" basis=\"inferred\"/>\n"
    "  <relation from=\"c\" type=\"links\" to=\"d\" basis=\"inferred\"/>\n"
    "  <relation from=\"d\" type=\"links\" to=\"e\" basis=\"inferred\"/>\n"
    "</zonegraph>\n";

static zg_graph *g;

static int
setup(void **state)
{
    zg_error err = {0};

    (void)state;
    if (zg_graph_new(&g, &err) != ZG_OK ||
        zg_import_xml_memory(g, graph_xml, sizeof graph_xml - 1, "test.xml",
                             NULL, &err) != ZG_OK) {
        fprintf(stderr, "fixture: %s\n", err.msg);
        return -1;
    }
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    zg_graph_free(g);
    return 0;
}

/* `v` as text: nodes by key, relationships as (from)-[type]->(to). */
static void
put(char *buf, size_t size, const zg_value *v)
{
    size_t len = strlen(buf), i;

    switch (v->kind) {
    case ZG_VAL_NULL: snprintf(buf + len, size - len, "null"); break;
    case ZG_VAL_NODE:
        snprintf(buf + len, size - len, "(%s)", zg_graph_node(g, v->id)->key);
        break;
    case ZG_VAL_EDGE:
        snprintf(buf + len, size - len, "[%s]",
                 zg_graph_reltype(g, zg_graph_edge_type(g, v->id))->name);
        break;
    case ZG_VAL_STRING: snprintf(buf + len, size - len, "%s", v->str); break;
    case ZG_VAL_INT: snprintf(buf + len, size - len, "%lld", v->i); break;
    case ZG_VAL_BOOL:
        snprintf(buf + len, size - len, "%s", v->i ? "true" : "false");
        break;
    case ZG_VAL_NUMBER: snprintf(buf + len, size - len, "%g", v->num); break;
    case ZG_VAL_LIST:
    case ZG_VAL_PATH:
        snprintf(buf + len, size - len, v->kind == ZG_VAL_LIST ? "[" : "<");
        for (i = 0; i < v->n; i++) {
            if (i && v->kind == ZG_VAL_LIST)
                snprintf(buf + strlen(buf), size - strlen(buf), ",");
            put(buf, size, &v->items[i]);
        }
        snprintf(buf + strlen(buf), size - strlen(buf),
                 v->kind == ZG_VAL_LIST ? "]" : ">");
        break;
    default: snprintf(buf + len, size - len, "?"); break;
    }
}

/* Run `q` with options `o` (may be NULL): its rows as "a|b;c|d", or
 * "error: message". */
static const char *
answer_opts(const char *q, const zg_cypher_opts *o)
{
    static char buf[4096];
    zg_cypher *c = NULL;
    zg_result *r = NULL;
    zg_error err = {0};
    size_t i, j;

    buf[0] = '\0';
    if (zg_cypher_compile(&c, q, strlen(q), &err) != ZG_OK ||
        zg_cypher_run(c, g, o, &r, &err) != ZG_OK) {
        snprintf(buf, sizeof buf, "error: %s", err.msg);
        zg_cypher_free(c);
        return buf;
    }
    for (i = 0; i < zg_result_rows(r); i++) {
        if (i)
            strcat(buf, ";");
        for (j = 0; j < zg_result_cols(r); j++) {
            if (j)
                strcat(buf, "|");
            put(buf, sizeof buf, zg_result_cell(r, i, j));
        }
    }
    zg_result_free(r);
    zg_cypher_free(c);
    return buf;
}

static const char *
answer(const char *q)
{
    return answer_opts(q, NULL);
}

static void
test_patterns_both_ways(void **state)
{
    (void)state;
    assert_string_equal(answer("MATCH (z:zone)-[:focuses_on]->(s:sector "
                               "{name: '制造'}) RETURN z.key ORDER BY z.key"),
                        "a;b");
    assert_string_equal(answer("MATCH (s:sector)<-[:focuses_on]-(z) WHERE "
                               "z.key = 'c' RETURN s.name_en"),
                        "F");
    /* undirected: both ends */
    assert_string_equal(answer("MATCH (x {key: 'b'})-[:links]-(y) RETURN y.key "
                               "ORDER BY y.key"),
                        "a;c");
    /* a label no node has, a type no relation has */
    assert_string_equal(answer("MATCH (x:city) RETURN x"), "");
    assert_string_equal(answer("MATCH ()-[r:owns]->() RETURN r"), "");
    /* two patterns sharing a variable */
    assert_string_equal(
        answer("MATCH (z)-[:focuses_on]->(s), (z)-[:located_in]->"
               "(:region) RETURN z.key, s.key ORDER BY z.key, "
               "s.key"),
        "a|m;b|f;b|m");
}

static void
test_relationship_once_per_pattern(void **state)
{
    (void)state;
    /* a-b-m back to a through m: r1 and r2 must differ */
    assert_string_equal(answer("MATCH (a {key: 'a'})-[r1:focuses_on]->(m)<-"
                               "[r2:focuses_on]-(x) RETURN x.key"),
                        "b");
    /* the loop on a, met once undirected and once each way directed */
    assert_string_equal(answer("MATCH (a {key: 'a'})-[r:links]-(a) RETURN "
                               "count(r)"),
                        "1");
    assert_string_equal(answer("MATCH (a {key: 'a'})-[r:links]->(a) RETURN "
                               "count(r)"),
                        "1");
    assert_string_equal(answer("MATCH ()-[r:links]-() RETURN count(r)"), "9");
}

static void
test_variable_length(void **state)
{
    zg_cypher_opts o;

    (void)state;
    assert_string_equal(answer("MATCH (x {key: 'b'})-[:links*2..3]->(y) "
                               "RETURN y.key ORDER BY y.key"),
                        "d;e");
    assert_string_equal(answer("MATCH (x {key: 'c'})-[r:links*0..1]->(y) "
                               "RETURN y.key, size(r) ORDER BY y.key"),
                        "c|0;d|1");
    assert_string_equal(answer("MATCH p = (x {key: 'c'})-[:links*]->(y {key: "
                               "'e'}) RETURN p, length(p)"),
                        "<(c)[links](d)[links](e)>|2");
    /* a pattern without an upper bound stops at --max-hops and says so */
    memset(&o, 0, sizeof o);
    o.max_hops = 2;
    assert_string_equal(answer_opts("MATCH (x {key: 'b'})-[:links*]->(y) "
                                    "RETURN count(*)",
                                    &o),
                        "error: 1:21: a variable-length relationship went "
                        "past 2 hops, the bound of a pattern without one; "
                        "write an upper bound (*..N)");
    assert_string_equal(answer_opts("MATCH (x {key: 'c'})-[:links*]->(y) "
                                    "RETURN count(*)",
                                    &o),
                        "2");
}

static void
test_shortest_paths(void **state)
{
    (void)state;
    assert_string_equal(answer("MATCH (a {key: 'a'}), (e {key: 'e'}), p = "
                               "shortestPath((a)-[:links*]->(e)) RETURN "
                               "length(p)"),
                        "4");
    /* m to f: through b only (a and c reach one of them) */
    assert_string_equal(answer("MATCH (m {key: 'm'}), (f {key: 'f'}), p = "
                               "allShortestPaths((m)-[*]-(f)) RETURN p"),
                        "<(m)[focuses_on](b)[focuses_on](f)>");
    assert_string_equal(answer("MATCH (m {key: 'm'}), (e {key: 'e'}), p = "
                               "shortestPath((m)-[:focuses_on*]-(e)) RETURN p"),
                        "");
}

static void
test_optional_match(void **state)
{
    (void)state;
    assert_string_equal(answer("MATCH (z:zone) OPTIONAL MATCH (z)-[:located_in]"
                               "->(r) RETURN z.key, r.key ORDER BY z.key"),
                        "a|r;b|r;c|null;d|null;e|null");
    assert_string_equal(answer("MATCH (z:zone) WHERE z.key IN ['c', 'd'] "
                               "OPTIONAL MATCH (z)-[:focuses_on]->(s) RETURN "
                               "z.key, count(s) ORDER BY z.key"),
                        "c|1;d|0");
}

static void
test_aggregation(void **state)
{
    (void)state;
    assert_string_equal(answer("MATCH (z)-[:focuses_on]->(s) RETURN s.key, "
                               "count(*) AS n, collect(z.key) ORDER BY n DESC, "
                               "s.key"),
                        "f|2|[b,c];m|2|[a,b]");
    /* no rows and no grouping key: one row */
    assert_string_equal(answer("MATCH (x:city) RETURN count(x), sum(1), "
                               "collect(x), avg(1), min(x)"),
                        "0|0|[]|null|null");
    /* no rows with a grouping key: none */
    assert_string_equal(answer("MATCH (x:city) RETURN x.key, count(*)"), "");
    assert_string_equal(answer("UNWIND [1, 2, 2, null, 3] AS x RETURN "
                               "count(x), count(DISTINCT x), sum(x), min(x), "
                               "max(x), collect(DISTINCT x)"),
                        "4|3|8|1|3|[1,2,3]");
    assert_string_equal(answer("UNWIND [1, 2.5] AS x RETURN sum(x), avg(x)"),
                        "3.5|1.75");
    assert_string_equal(answer("UNWIND [9223372036854775807, 1] AS x RETURN "
                               "sum(x)"),
                        "error: 1:45: ArithmeticError: sum() went past the "
                        "integer range");
    assert_string_equal(answer("UNWIND [10, 20, 30] AS x RETURN "
                               "percentileDisc(x, 0.5), percentileCont(x, "
                               "0.25)"),
                        "20|15");
}

static void
test_projection(void **state)
{
    (void)state;
    assert_string_equal(answer("MATCH (z)-[:focuses_on]->(s) RETURN DISTINCT "
                               "s.key ORDER BY s.key DESC"),
                        "m;f");
    assert_string_equal(answer("MATCH (z:zone) RETURN z.key ORDER BY z.key "
                               "SKIP 1 LIMIT 2"),
                        "b;c");
    assert_string_equal(answer("MATCH (z:zone) WITH z ORDER BY z.key DESC "
                               "LIMIT 3 WHERE z.key <> 'd' RETURN z.key"),
                        "e;c");
    assert_string_equal(answer("MATCH (z)-[:focuses_on]->(s) WITH s, count(z) "
                               "AS n WHERE n > 1 RETURN s.key ORDER BY s.key"),
                        "f;m");
    assert_string_equal(answer("UNWIND [[1, 2], [], null, [3]] AS l UNWIND l "
                               "AS x RETURN x"),
                        "1;2;3");
    /* ORDER BY a variable the projection drops */
    assert_string_equal(answer("MATCH (z:zone) RETURN z.name_en AS n ORDER BY "
                               "z.key DESC LIMIT 2"),
                        "E;D");
}

static void
test_union(void **state)
{
    (void)state;
    assert_string_equal(answer("MATCH (s:sector) RETURN s.key AS k UNION "
                               "MATCH (s:sector) RETURN s.key AS k UNION "
                               "MATCH (r:region) RETURN r.key AS k"),
                        "m;f;r");
    assert_string_equal(answer("MATCH (s:sector) RETURN s.key AS k UNION ALL "
                               "MATCH (s:sector) RETURN s.key AS k"),
                        "m;f;m;f");
}

static void
test_procedures(void **state)
{
    (void)state;
    /* every column when a CALL ends the query */
    assert_string_equal(answer("CALL zonegraph.path('a', 'c')"),
                        "<(a)[links](b)[links](c)>|2");
    /* by name or by node, combined with patterns */
    assert_string_equal(answer("MATCH (z:zone {key: 'a'}) CALL "
                               "zonegraph.common(z, 'b') YIELD node RETURN "
                               "node.key ORDER BY node.key"),
                        "m;r");
    assert_string_equal(answer("CALL zonegraph.neighbours('c') YIELD node, "
                               "distance WHERE node.key <> 'd' RETURN "
                               "node.key, distance ORDER BY node.key"),
                        "b|1;f|1");
    assert_string_equal(answer("CALL zonegraph.relate('a', 'b') YIELD part "
                               "RETURN part, count(*) ORDER BY part"),
                        "direct|1;path|4;shared|2");
    assert_string_equal(answer("CALL zonegraph.similar('b') YIELD node "
                               "RETURN node.key ORDER BY node.key"),
                        "a;c;d");
    assert_true(strstr(answer("CALL zonegraph.nope()"),
                       "ProcedureNotFound: there is no procedure "
                       "'zonegraph.nope'") != NULL);
    assert_true(strstr(answer("CALL zonegraph.path('a')"),
                       "InvalidNumberOfArguments: zonegraph.path takes 2 to 3 "
                       "arguments, not 1") != NULL);
    assert_true(strstr(answer("CALL zonegraph.path('a', 'b') YIELD hops "
                              "RETURN hops"),
                       "zonegraph.path yields no column 'hops'") != NULL);
    assert_true(strstr(answer("CALL zonegraph.path('a', 'nowhere')"),
                       "ArgumentError: zonegraph.path:") != NULL);
    assert_true(strstr(answer("CALL zonegraph.path('a', 'b') RETURN 1"),
                       "InvalidClauseComposition") != NULL);
}

static void
test_columns_and_parameters(void **state)
{
    zg_cypher *c = NULL;
    zg_cypher_opts o;
    zg_error err = {0};
    zg_value v[2];
    const char *names[] = {"key", "n"};
    const char *q = "MATCH (z {key: $key}) RETURN *, z.name, $n + 1 AS next";

    (void)state;
    assert_int_equal(zg_cypher_compile(&c, q, strlen(q), &err), ZG_OK);
    assert_int_equal(zg_cypher_ncols(c), 3);
    assert_string_equal(zg_cypher_colname(c, 0), "z");
    assert_string_equal(zg_cypher_colname(c, 1), "z.name");
    assert_string_equal(zg_cypher_colname(c, 2), "next");
    zg_cypher_free(c);
    memset(&o, 0, sizeof o);
    memset(v, 0, sizeof v);
    v[0].kind = ZG_VAL_STRING;
    v[0].str = "b";
    v[1].kind = ZG_VAL_INT;
    v[1].i = 41;
    o.param_names = names;
    o.params = v;
    o.n_params = 2;
    assert_string_equal(answer_opts(q, &o), "(b)|乙|42");
    v[0].str = "c";
    assert_string_equal(answer_opts(q, &o), "(c)|丙|42");
    o.n_params = 1;
    assert_true(strstr(answer_opts(q, &o), "ParameterMissing") != NULL);
    /* LIMIT from a parameter is checked when the query runs */
    names[0] = "n";
    v[0] = v[1];
    v[0].i = -1;
    assert_string_equal(answer_opts("MATCH (x) RETURN x LIMIT $n", &o),
                        "error: 1:20: NegativeIntegerArgument: LIMIT takes a "
                        "count of 0 or more, not -1");
}

static void
test_explain(void **state)
{
    (void)state;
    assert_string_equal(
        answer("EXPLAIN MATCH (z:zone)-[:focuses_on]->(s {name: "
               "'制造'}) RETURN z"),
        "MATCH: start at (s {…}) by name index (~2), expand "
        "<-[:focuses_on]-(z:zone);RETURN: 1 column");
    assert_string_equal(answer("EXPLAIN MATCH (z:zone {key: 'a'}), (s:sector) "
                               "RETURN count(*)"),
                        "MATCH: start at (z:zone {…}) by key (~1); then start "
                        "at (s:sector) by label scan (~2);RETURN: 1 column, "
                        "aggregate");
}

static void
test_profile(void **state)
{
    zg_cypher *c = NULL;
    zg_cypher_opts o;
    zg_result *r = NULL;
    zg_error err = {0};
    char *profile = NULL;
    const char *q = "PROFILE MATCH (z:zone) RETURN z.key LIMIT 2";

    (void)state;
    assert_int_equal(zg_cypher_compile(&c, q, strlen(q), &err), ZG_OK);
    assert_true(zg_cypher_profiled(c));
    memset(&o, 0, sizeof o);
    o.profile = &profile;
    assert_int_equal(zg_cypher_run(c, g, &o, &r, &err), ZG_OK);
    assert_int_equal(zg_result_rows(r), 2);
    /* LIMIT stops the match after two zones */
    assert_string_equal(profile,
                        "MATCH: start at (z:zone) by label scan (~5) [rows: "
                        "2]\nRETURN: 1 column, limit [rows: 2]\n");
    free(profile);
    zg_result_free(r);
    zg_cypher_free(c);
}

static int
stop_after_two(void *ctx, const zg_value *row, size_t ncols)
{
    int *n = ctx;

    (void)row;
    assert_int_equal(ncols, 1);
    return ++*n == 2;
}

static void
test_each_and_budget(void **state)
{
    zg_cypher *c = NULL;
    zg_cypher_opts o;
    zg_error err = {0};
    const char *q = "MATCH (x) RETURN x";
    int n = 0;

    (void)state;
    assert_int_equal(zg_cypher_compile(&c, q, strlen(q), &err), ZG_OK);
    assert_int_equal(zg_cypher_each(c, g, NULL, stop_after_two, &n, &err),
                     ZG_OK);
    assert_int_equal(n, 2);
    zg_cypher_free(c);
    /* a stop holds across the branches of a UNION and the lines of a
     * plan */
    q = "MATCH (x:zone) RETURN x.key AS k UNION ALL MATCH (x:sector) "
        "RETURN x.key AS k";
    assert_int_equal(zg_cypher_compile(&c, q, strlen(q), &err), ZG_OK);
    n = 0;
    assert_int_equal(zg_cypher_each(c, g, NULL, stop_after_two, &n, &err),
                     ZG_OK);
    assert_int_equal(n, 2);
    zg_cypher_free(c);
    q = "EXPLAIN MATCH (x) MATCH (y) MATCH (z) RETURN x";
    assert_int_equal(zg_cypher_compile(&c, q, strlen(q), &err), ZG_OK);
    n = 0;
    assert_int_equal(zg_cypher_each(c, g, NULL, stop_after_two, &n, &err),
                     ZG_OK);
    assert_int_equal(n, 2);
    zg_cypher_free(c);
    q = "MATCH (x) RETURN x";
    assert_int_equal(zg_cypher_compile(&c, q, strlen(q), &err), ZG_OK);
    memset(&o, 0, sizeof o);
    o.max_work = 5;
    assert_int_equal(zg_cypher_run(c, g, &o, &(zg_result *){NULL}, &err),
                     ZG_ERR_LIMIT);
    assert_true(strstr(err.msg, "budget of 5 steps") != NULL);
    zg_cypher_free(c);
}

static void
test_errors(void **state)
{
    (void)state;
    assert_string_equal(answer("MATCH (x) RETURN y"),
                        "error: 1:18: UndefinedVariable: 'y' is not defined "
                        "here");
    assert_string_equal(answer("MATCH (x) DELETE x"),
                        "error: 1:11: ReadOnly: queries read the graph; DELETE "
                        "would change it");
    assert_true(strstr(answer("MATCH (x) RETURN x LIMIT -1"),
                       "NegativeIntegerArgument") != NULL);
    assert_true(strstr(answer("MATCH (x) RETURN x SKIP 1.5"),
                       "InvalidArgumentType") != NULL);
    assert_string_equal(answer("MATCH (a), p = shortestPath((a)) RETURN p"),
                        "error: 1:12: SyntaxError: a shortest path is a "
                        "pattern of one relationship, such as (a)-[*]-(b)");
}

/* Every allocation of a compile and a run fails in turn: a clean error,
 * no leak (under ASan), and at the end the right answer. */
static void
test_allocation_failure(void **state)
{
    const char *q = "MATCH (z)-[:focuses_on]->(s) WITH s, collect(z.key) AS "
                    "zs ORDER BY s.key RETURN s.key AS k, zs UNION MATCH p = "
                    "(a {key: 'c'})-[:links*1..2]->(b) RETURN b.key AS k, "
                    "[n IN nodes(p) | n.key] AS zs";
    long k;

    (void)state;
    for (k = 0;; k++) {
        const char *got;
        allocs_left = k;
        alloc_failed = 0;
        got = answer(q);
        allocs_left = -1;
        if (!alloc_failed) {
            assert_string_equal(got, "f|[b,c];m|[a,b];d|[c,d];e|[c,d,e]");
            break;
        }
        if (strncmp(got, "error: ", 7) != 0)
            fail_msg("allocation %ld failed: '%s'", k, got);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_patterns_both_ways),
        cmocka_unit_test(test_relationship_once_per_pattern),
        cmocka_unit_test(test_variable_length),
        cmocka_unit_test(test_shortest_paths),
        cmocka_unit_test(test_optional_match),
        cmocka_unit_test(test_aggregation),
        cmocka_unit_test(test_projection),
        cmocka_unit_test(test_union),
        cmocka_unit_test(test_procedures),
        cmocka_unit_test(test_columns_and_parameters),
        cmocka_unit_test(test_explain),
        cmocka_unit_test(test_profile),
        cmocka_unit_test(test_each_and_budget),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_allocation_failure),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
