/* SPDX-License-Identifier: MIT */
/*
 * The front end of the Cypher-style query language (white-box:
 * cypher_internal.h): operator precedence and associativity, every
 * literal form and string escape, identifiers (back-quoted, Chinese),
 * keywords in any case, comments, every pattern form, every clause, the
 * printed tree, and errors with their line and column: bad text, bytes
 * that are not UTF-8, NUL bytes, literals out of range, nesting past the
 * limits, and input that would make a careless parser quadratic; and
 * every allocation of a parse and of a print failing in turn (the program
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
#include "../support/time_budget.h"

/* ---- helpers ---- */

/* The printed tree of the `len` bytes at `q`, or NULL with `err` filled. */
static char *
parse_n(const char *q, size_t len, zg_error *err)
{
    zg_arena a;
    zg_cypher_node *root = NULL;
    zg_strbuf b = {0};
    char *out = NULL;

    zg_arena_init(&a);
    zg_error_clear(err);
    if (zg_cypher__parse(&a, q, len, &root, err) == ZG_OK) {
        assert_non_null(root);
        assert_int_equal(zg_cypher__print(root, &b), 0);
        out = zg_strbuf_take(&b);
    } else {
        assert_null(root);
        assert_true(err->msg[0] != '\0');
    }
    zg_arena_free(&a);
    return out;
}

static void
tree_is(const char *q, const char *want)
{
    zg_error err;
    char *got = parse_n(q, strlen(q), &err);

    if (got == NULL)
        fail_msg("%s\n  did not parse: %s", q, err.msg);
    if (strcmp(got, want) != 0)
        fail_msg("%s\n  got  %s\n  want %s", q, got, want);
    free(got);
}

/* The tree of the expression `e`, inside RETURN. */
static void
expr_is(const char *e, const char *want)
{
    char q[4096], w[4096];

    snprintf(q, sizeof q, "RETURN %s", e);
    snprintf(w, sizeof w, "(query (single (return (item %s))))", want);
    tree_is(q, w);
}

/* The tree of the pattern `pat`, inside MATCH ... RETURN 1. */
static void
pattern_is(const char *pat, const char *want)
{
    char q[4096], w[4096];

    snprintf(q, sizeof q, "MATCH %s RETURN 1", pat);
    snprintf(w, sizeof w, "(query (single (match %s) (return (item (int 1)))))",
             want);
    tree_is(q, w);
}

static void
fails_n(const char *q, size_t len, zg_status st, unsigned line, unsigned column,
        const char *msg)
{
    zg_error err;
    char *got = parse_n(q, len, &err);

    if (got != NULL)
        fail_msg("%s\n  parsed as %s", q, got);
    if (strcmp(err.msg, msg) != 0)
        fail_msg("%s\n  error %s\n  want  %s", q, err.msg, msg);
    assert_int_equal(err.status, st);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
}

static void
fails(const char *q, unsigned line, unsigned column, const char *msg)
{
    fails_n(q, strlen(q), ZG_ERR_PARSE, line, column, msg);
}

/* ---- precedence and associativity ---- */

static void
test_boolean_precedence(void **state)
{
    (void)state;
    expr_is("a OR b XOR c", "(or (var a) (xor (var b) (var c)))");
    expr_is("a XOR b AND c", "(xor (var a) (and (var b) (var c)))");
    expr_is("a OR b AND c", "(or (var a) (and (var b) (var c)))");
    expr_is("a AND b OR c", "(or (and (var a) (var b)) (var c))");
    expr_is("a OR b OR c", "(or (or (var a) (var b)) (var c))");
    expr_is("NOT a AND b", "(and (not (var a)) (var b))");
    expr_is("NOT NOT a", "(not (not (var a)))");
    expr_is("NOT a = b", "(not (compare (var a) = (var b)))");
    expr_is("a OR b = c", "(or (var a) (compare (var b) = (var c)))");
}

static void
test_comparison_and_predicates(void **state)
{
    (void)state;
    expr_is("a < b", "(compare (var a) < (var b))");
    expr_is("a < b <= c > d",
            "(compare (var a) < (var b) <= (var c) > (var d))");
    expr_is("a <> b >= c", "(compare (var a) <> (var b) >= (var c))");
    expr_is("a = b IS NULL", "(compare (var a) = (is-null (var b)))");
    expr_is("NOT a IS NOT NULL", "(not (is-not-null (var a)))");
    expr_is("a = b IN c", "(compare (var a) = (binary in (var b) (var c)))");
    expr_is("NOT a IN [1]", "(not (binary in (var a) (list (int 1))))");
    expr_is("a + 1 IN b", "(binary in (binary + (var a) (int 1)) (var b))");
    expr_is("s STARTS WITH 'a'", "(binary starts-with (var s) (str \"a\"))");
    expr_is("s ends with 'a'", "(binary ends-with (var s) (str \"a\"))");
    expr_is("s CONTAINS t + u",
            "(binary contains (var s) (binary + (var t) (var u)))");
    expr_is("s =~ 'a.*'", "(binary =~ (var s) (str \"a.*\"))");
    expr_is("a IN b IS NULL", "(is-null (binary in (var a) (var b)))");
}

static void
test_arithmetic_precedence(void **state)
{
    (void)state;
    expr_is("1 + 2 * 3", "(binary + (int 1) (binary * (int 2) (int 3)))");
    expr_is("1 - 2 - 3", "(binary - (binary - (int 1) (int 2)) (int 3))");
    expr_is("8 / 4 % 3", "(binary % (binary / (int 8) (int 4)) (int 3))");
    expr_is("2 * 3 ^ 2", "(binary * (int 2) (binary ^ (int 3) (int 2)))");
    expr_is("2 ^ 3 ^ 2", "(binary ^ (binary ^ (int 2) (int 3)) (int 2))");
    expr_is("-3 ^ 2", "(binary ^ (int -3) (int 2))");
    expr_is("-x ^ 2", "(binary ^ (neg (var x)) (int 2))");
    expr_is("- -1", "(neg (int -1))");
    expr_is("+x", "(pos (var x))");
    expr_is("1 - -2", "(binary - (int 1) (int -2))");
    expr_is("(1 + 2) * 3", "(binary * (binary + (int 1) (int 2)) (int 3))");
    expr_is("-a.b", "(neg (prop b (var a)))");
}

static void
test_postfix(void **state)
{
    (void)state;
    expr_is("a.b.c", "(prop c (prop b (var a)))");
    expr_is("a[0][1]", "(index (index (var a) (int 0)) (int 1))");
    expr_is("a[1..3]", "(slice (var a) (int 1) (int 3))");
    expr_is("a[..3]", "(slice (var a) _ (int 3))");
    expr_is("a[1..]", "(slice (var a) (int 1) _)");
    expr_is("a[-2..-1]", "(slice (var a) (int -2) (int -1))");
    expr_is("n:A:B", "(has-labels (var n) (label A) (label B))");
    expr_is("n.`the key`", "(prop `the key` (var n))");
    expr_is("[1, 2][0]", "(index (list (int 1) (int 2)) (int 0))");
    expr_is("{a: 1}.a", "(prop a (map (entry a (int 1))))");
}

/* ---- literals ---- */

static void
test_integers(void **state)
{
    (void)state;
    expr_is("0", "(int 0)");
    expr_is("42", "(int 42)");
    expr_is("0x1F", "(int 31)");
    expr_is("0xff", "(int 255)");
    expr_is("0o17", "(int 15)");
    expr_is("9223372036854775807", "(int 9223372036854775807)");
    expr_is("-9223372036854775808", "(int -9223372036854775808)");
    expr_is("0x7FFFFFFFFFFFFFFF", "(int 9223372036854775807)");
    expr_is("-0x8000000000000000", "(int -9223372036854775808)");
    expr_is("-0o1000000000000000000000", "(int -9223372036854775808)");
    fails("RETURN 9223372036854775808", 1, 8,
          "1:8: the integer 9223372036854775808 does not fit in 64 bits");
    fails("RETURN -9223372036854775809", 1, 9,
          "1:9: the integer -9223372036854775809 does not fit in 64 bits");
    fails("RETURN 0x8000000000000000", 1, 8,
          "1:8: the integer 0x8000000000000000 does not fit in 64 bits");
    fails("RETURN 0o1000000000000000000000", 1, 8,
          "1:8: the integer 0o1000000000000000000000 does not fit in 64 bits");
    fails("RETURN 0x", 1, 8, "1:8: hexadecimal number 0x has no digits");
    fails("RETURN 0o8", 1, 8, "1:8: octal number 0o has no digits");
    fails("RETURN 0x1G", 1, 8, "1:8: a number runs into the name after it");
    fails("RETURN 12abc", 1, 8, "1:8: a number runs into the name after it");
}

static void
test_floats(void **state)
{
    (void)state;
    expr_is("1.5", "(float 1.5)");
    expr_is(".5", "(float 0.5)");
    expr_is("1.0", "(float 1.0)");
    expr_is("0.1", "(float 0.1)");
    expr_is("1e3", "(float 1000.0)");
    expr_is("1E-3", "(float 0.001)");
    expr_is("1.5e+2", "(float 150.0)");
    expr_is(".1e9", "(float 100000000.0)");
    expr_is("-1.5", "(float -1.5)");
    expr_is("1e300", "(float 1e+300)");
    expr_is("13e53", "(float 1.3e+54)");
    expr_is("-1e17", "(float -1e+17)");
    expr_is("1e-400", "(float 0.0)");
    expr_is("3.141592653589793", "(float 3.141592653589793)");
    fails("RETURN 1.34E999", 1, 8, "1:8: the number 1.34E999 is too large");
    fails("RETURN 1e", 1, 8, "1:8: the exponent of a number has no digits");
}

static void
test_strings(void **state)
{
    (void)state;
    expr_is("'abc'", "(str \"abc\")");
    expr_is("\"abc\"", "(str \"abc\")");
    expr_is("''", "(str \"\")");
    expr_is("'it\\'s'", "(str \"it's\")");
    expr_is("\"say \\\"hi\\\"\"", "(str \"say \\\"hi\\\"\")");
    expr_is("'\"'", "(str \"\\\"\")");
    expr_is("\"'\"", "(str \"'\")");
    expr_is("'a\\\\b'", "(str \"a\\\\b\")");
    expr_is("'\\b\\f\\n\\r\\t'", "(str \"\\u0008\\u000C\\n\\r\\t\")");
    expr_is("'\\u00e9\\u4E2D'", "(str \"é中\")");
    expr_is("'\\U0001F600'", "(str \"😀\")");
    expr_is("'a\\u0000b'", "(str \"a\\u0000b\")");
    expr_is("'line\nbreak'", "(str \"line\\nbreak\")");
    expr_is("'广州'", "(str \"广州\")");
    fails("RETURN 'abc", 1, 8, "1:8: this string is not closed with '");
    fails("RETURN \"abc", 1, 8, "1:8: this string is not closed with \"");
    fails("RETURN 'a\\qb'", 1, 10, "1:10: unknown escape \\q in a string");
    fails("RETURN 'a\\u12'", 1, 10,
          "1:10: \\u must be followed by 4 hexadecimal digits");
    fails("RETURN 'a\\U0000FFF'", 1, 10,
          "1:10: \\U must be followed by 8 hexadecimal digits");
    fails("RETURN '\\uD800'", 1, 9,
          "1:9: escape \\uD800 is not a Unicode character");
    fails("RETURN '\\U00110000'", 1, 9,
          "1:9: escape \\U00110000 is not a Unicode character");
}

static void
test_word_literals_and_parameters(void **state)
{
    (void)state;
    expr_is("true", "(true)");
    expr_is("FALSE", "(false)");
    expr_is("nUlL", "(null)");
    expr_is("$name", "(param $name)");
    expr_is("$0", "(param $0)");
    expr_is("$`odd name`", "(param $`odd name`)");
    /* A back-quoted name that starts with a digit is no number. */
    expr_is("$`1a\x7f`", "(param $`1a\\u007F`)");
    expr_is("$参数", "(param $参数)");
    fails("RETURN $", 1, 8, "1:8: $ must be followed by a name");
}

/* ---- names, keywords, comments ---- */

static void
test_identifiers(void **state)
{
    (void)state;
    expr_is("`a b`", "(var `a b`)");
    expr_is("`a``b`", "(var `a``b`)");
    expr_is("`MATCH`", "(var MATCH)");
    expr_is("_x1", "(var _x1)");
    expr_is("count", "(var count)");
    tree_is("MATCH (城市:城市 {名称: '广州'})-[关系:位于]->(省) "
            "RETURN 城市.名称 AS 名称",
            "(query (single (match (path (node 城市 (label 城市) (map (entry "
            "名称 (str \"广州\")))) (rel -> 关系 (type 位于)) (node 省))) "
            "(return (item (prop 名称 (var 城市)) as 名称))))");
    expr_is("`a\nb`", "(var `a\\u000Ab`)");
    fails("RETURN 1 `a\nb`", 1, 10,
          "1:10: expected end of input, found 'a\\u000Ab' (back-quoted)");
    expr_is("{``: 1, ````: 2}",
            "(map (entry `` (int 1)) (entry ```` (int 2)))");
    fails("RETURN `abc", 1, 8,
          "1:8: this back-quoted name is not closed with `");
    /* Unicode white space separates words: U+3000, U+00A0, U+2003. */
    tree_is("MATCH\xE3\x80\x80(n)\xC2\xA0RETURN\xE2\x80\x83n",
            "(query (single (match (path (node n))) (return (item (var "
            "n)))))");
    expr_is("[true IN [true]]", "(list (binary in (true) (list (true))))");
    fails("RETURN any(true IN [1])", 1, 12,
          "1:12: expected a variable, found 'true'");
    fails("RETURN a#b", 1, 9, "1:9: unexpected character '#'");
    fails("RETURN a\xE2\x82\xAC", 1, 9, "1:9: unexpected character U+20AC");
}

static void
test_keywords_any_case(void **state)
{
    (void)state;
    tree_is("match (n) where n.x return distinct n order by n.x desc limit 1",
            "(query (single (match (path (node n)) (where (prop x (var n)))) "
            "(return distinct (item (var n)) (order-by (sort desc (prop x "
            "(var n)))) (limit (int 1)))))");
    tree_is("Match (n) Return n", "(query (single (match (path (node n))) "
                                  "(return (item (var n)))))");
}

static void
test_comments(void **state)
{
    (void)state;
    tree_is("// first\nMATCH (n) // the nodes\n/* all\n of them */ RETURN "
            "/**/ n // end",
            "(query (single (match (path (node n))) (return (item (var n)))))");
    expr_is("'// not a comment'", "(str \"// not a comment\")");
    expr_is("1 /* two */ + 2", "(binary + (int 1) (int 2))");
    fails("MATCH (n)\n  /* open\n RETURN n", 2, 3,
          "2:3: this comment is not closed with */");
}

/* ---- compound expressions ---- */

static void
test_lists_and_maps(void **state)
{
    (void)state;
    expr_is("[]", "(list)");
    expr_is("[1, 'a', [2]]", "(list (int 1) (str \"a\") (list (int 2)))");
    expr_is("{}", "(map)");
    expr_is("{a: 1, `b c`: 'x', match: 2}",
            "(map (entry a (int 1)) (entry `b c` (str \"x\")) (entry match "
            "(int 2)))");
    expr_is("[x IN l]", "(list-comp x (var l) _ _)");
    expr_is("[x IN l WHERE x > 1]",
            "(list-comp x (var l) (compare (var x) > (int 1)) _)");
    expr_is("[x IN l | x * 2]",
            "(list-comp x (var l) _ (binary * (var x) (int 2)))");
    expr_is("[x IN range(1, 3) WHERE x % 2 = 0 | x]",
            "(list-comp x (fn range (int 1) (int 3)) (compare (binary % "
            "(var x) (int 2)) = (int 0)) (var x))");
    expr_is("[(a)-->(b) | b.x]",
            "(pattern-comp (path (node a) (rel ->) (node b)) _ (prop x "
            "(var b)))");
    expr_is("[p = (a)-[:T]->(b) WHERE b.y | p]",
            "(pattern-comp (path p (node a) (rel -> (type T)) (node b)) "
            "(prop y (var b)) (var p))");
    expr_is("n {.a, .*, b, c: 1}",
            "(map-proj n (proj-prop a) (proj-all) (proj-var b) (entry c "
            "(int 1)))");
    fails("RETURN [1, 2", 1, 13,
          "1:13: expected ',' between list elements, found end of input");
    fails("RETURN {a 1}", 1, 11, "1:11: expected ':' after the key, found '1'");
}

static void
test_functions_and_case(void **state)
{
    (void)state;
    expr_is("count(*)", "(count-star)");
    expr_is("COUNT( * )", "(count-star)");
    expr_is("count(DISTINCT x)", "(fn distinct count (var x))");
    expr_is("f()", "(fn f)");
    expr_is("zonegraph.relate(a, b)", "(fn zonegraph.relate (var a) (var b))");
    expr_is("a.b.c(1)", "(fn a.b.c (int 1))");
    expr_is("`my fn`.`x\ty`()", "(fn `my fn.x\\u0009y`)");
    tree_is("CALL `a\x01`.b", "(query (single (call `a\\u0001.b`)))");
    expr_is("exists(n.x)", "(fn exists (prop x (var n)))");
    expr_is("exists((n)-->())",
            "(fn exists (pattern (path (node n) (rel ->) (node))))");
    expr_is("all(x IN l WHERE x > 0)",
            "(quantifier all (var x) (var l) (compare (var x) > (int 0)))");
    expr_is("none(x IN l WHERE x)",
            "(quantifier none (var x) (var l) (var x))");
    expr_is("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END",
            "(case _ (when (var a) (int 1)) (when (var b) (int 2)) (int 3))");
    expr_is("CASE x WHEN 1 THEN 'one' END",
            "(case (var x) (when (int 1) (str \"one\")) _)");
    fails("RETURN CASE END", 1, 13,
          "1:13: expected an expression, found 'END'");
    fails("RETURN CASE x ELSE 1 END", 1, 15,
          "1:15: expected WHEN in CASE, found 'ELSE'");
    fails("RETURN CASE WHEN a THEN 1", 1, 26,
          "1:26: expected END to close CASE, found end of input");
    fails("RETURN f(1 2)", 1, 12,
          "1:12: expected ',' between the arguments, found '2'");
}

static void
test_pattern_predicates_and_exists(void **state)
{
    (void)state;
    tree_is("MATCH (n) WHERE (n)-->(:A) AND NOT (n)<-[:T]-() RETURN n",
            "(query (single (match (path (node n)) (where (and (pattern "
            "(path (node n) (rel ->) (node (label A)))) (not (pattern (path "
            "(node n) (rel <- (type T)) (node))))))) (return (item (var "
            "n)))))");
    tree_is("MATCH (n) RETURN exists((n)-->()), [x IN [n] WHERE (x)--()]",
            "(query (single (match (path (node n))) (return (item (fn exists "
            "(pattern (path (node n) (rel ->) (node))))) (item (list-comp x "
            "(list (var n)) (pattern (path (node x) (rel --) (node))) _)))))");
    fails("MATCH (n) RETURN (n)-->()", 1, 18,
          "1:18: a pattern can only stand as a predicate, in WHERE or "
          "exists(); use a pattern comprehension [(a)-->(b) | b] for its "
          "paths");
    fails("MATCH (n) WITH size((n)--()) AS s RETURN s", 1, 21,
          "1:21: a pattern can only stand as a predicate, in WHERE or "
          "exists(); use a pattern comprehension [(a)-->(b) | b] for its "
          "paths");
    fails("MATCH (n) WHERE EXISTS { MATCH (n) RETURN (n)--() } RETURN n", 1, 43,
          "1:43: a pattern can only stand as a predicate, in WHERE or "
          "exists(); use a pattern comprehension [(a)-->(b) | b] for its "
          "paths");
    tree_is("MATCH (n) WHERE (n.x) = 1 RETURN n",
            "(query (single (match (path (node n)) (where (compare (prop x "
            "(var n)) = (int 1)))) (return (item (var n)))))");
    tree_is("MATCH (n) WHERE EXISTS { (n)-->(m) WHERE m.x } RETURN n",
            "(query (single (match (path (node n)) (where (exists (path "
            "(node n) (rel ->) (node m)) (where (prop x (var m)))))) (return "
            "(item (var n)))))");
    tree_is("MATCH (n) WHERE exists { MATCH (n)-->(m) RETURN m } RETURN n",
            "(query (single (match (path (node n)) (where (exists (single "
            "(match (path (node n) (rel ->) (node m))) (return (item (var "
            "m))))))) (return (item (var n)))))");
}

/* ---- patterns ---- */

static void
test_node_patterns(void **state)
{
    (void)state;
    pattern_is("()", "(path (node))");
    pattern_is("(v)", "(path (node v))");
    pattern_is("(:L)", "(path (node (label L)))");
    pattern_is("(v:Label:Other {key: 'value', n: 1})",
               "(path (node v (label Label) (label Other) (map (entry key "
               "(str \"value\")) (entry n (int 1)))))");
    pattern_is("(a), (b)", "(path (node a)) (path (node b))");
    pattern_is("(`the node`:`the label`)",
               "(path (node `the node` (label `the label`)))");
}

static void
test_relationship_patterns(void **state)
{
    (void)state;
    pattern_is("(a)-[r:A|B*1..3 {k: 'v'}]->(b)",
               "(path (node a) (rel -> r (type A) (type B) (range 1 3) (map "
               "(entry k (str \"v\")))) (node b))");
    pattern_is("(a)<-[]-(b)", "(path (node a) (rel <-) (node b))");
    pattern_is("(a)-[]-(b)", "(path (node a) (rel --) (node b))");
    pattern_is("(a)--(b)", "(path (node a) (rel --) (node b))");
    pattern_is("(a)-->(b)", "(path (node a) (rel ->) (node b))");
    pattern_is("(a)<--(b)", "(path (node a) (rel <-) (node b))");
    pattern_is("(a)<-->(b)", "(path (node a) (rel <->) (node b))");
    pattern_is("(a) - [ r ] -> (b)", "(path (node a) (rel -> r) (node b))");
    pattern_is("(a)-[*]->(b)", "(path (node a) (rel -> (range _ _)) (node b))");
    pattern_is("(a)-[*2]->(b)",
               "(path (node a) (rel -> (range 2 2)) (node b))");
    pattern_is("(a)-[*..3]->(b)",
               "(path (node a) (rel -> (range _ 3)) (node b))");
    pattern_is("(a)-[*2..]->(b)",
               "(path (node a) (rel -> (range 2 _)) (node b))");
    pattern_is("(a)-[:A|:B]->(b)",
               "(path (node a) (rel -> (type A) (type B)) (node b))");
    pattern_is("(a)-->(b)<-[:T]-(c)--(d)",
               "(path (node a) (rel ->) (node b) (rel <- (type T)) (node c) "
               "(rel --) (node d))");
}

static void
test_named_and_shortest_paths(void **state)
{
    (void)state;
    pattern_is("p = (a)-->(b)", "(path p (node a) (rel ->) (node b))");
    pattern_is("p = shortestPath((a)-[*]-(b))",
               "(path shortest p (node a) (rel -- (range _ _)) (node b))");
    pattern_is("allShortestPaths((a)-[:T*..5]->(b))",
               "(path all-shortest (node a) (rel -> (type T) (range _ 5)) "
               "(node b))");
    expr_is("shortestPath((a)-->(b))",
            "(pattern (path shortest (node a) (rel ->) (node b)))");
}

static void
test_pattern_errors(void **state)
{
    (void)state;
    fails("MATCH (n WHERE n.x) RETURN n", 1, 10,
          "1:10: expected ')' after the node pattern, found 'WHERE'");
    fails("MATCH (a)-[r->(b) RETURN a", 1, 13,
          "1:13: expected ']' after the relationship pattern, found '-'");
    fails("MATCH (a)-[r]>(b) RETURN a", 1, 14,
          "1:14: expected '-' to end the relationship pattern, found '>'");
    fails("MATCH (a)-->b RETURN a", 1, 13,
          "1:13: expected '(' to start a node pattern after the "
          "relationship, found 'b'");
    fails("MATCH (a:) RETURN a", 1, 10,
          "1:10: expected a label after ':', found ')'");
    fails("MATCH (a)-[*0x2]->(b) RETURN a", 1, 13,
          "1:13: expected a decimal number of hops, found '0x2'");
    tree_is("CREATE (v $props)-[r:T $p]->()",
            "(query (single (create (path (node v (param $props)) (rel -> r "
            "(type T) (param $p)) (node)))))");
    fails("MATCH (v $props) RETURN v", 1, 10,
          "1:10: InvalidParameterUse: a parameter cannot stand for the "
          "properties in MATCH or "
          "MERGE; write them out, e.g. {key: $param.key}");
    fails("MERGE (a)-[r:T $p]->(b)", 1, 16,
          "1:16: InvalidParameterUse: a parameter cannot stand for the "
          "properties in MATCH or "
          "MERGE; write them out, e.g. {key: $param.key}");
    fails("MATCH a RETURN a", 1, 7,
          "1:7: expected '(' to start a node pattern, found 'a'");
}

/* ---- clauses ---- */

static void
test_reading_clauses(void **state)
{
    (void)state;
    tree_is("OPTIONAL MATCH (n) RETURN n",
            "(query (single (match optional (path (node n))) (return (item "
            "(var n)))))");
    tree_is("MATCH (a) MATCH (b) WHERE a.x = b.x RETURN a, b",
            "(query (single (match (path (node a))) (match (path (node b)) "
            "(where (compare (prop x (var a)) = (prop x (var b))))) (return "
            "(item (var a)) (item (var b)))))");
    tree_is("UNWIND [1, 2] AS x RETURN x",
            "(query (single (unwind (list (int 1) (int 2)) (var x)) (return "
            "(item (var x)))))");
    tree_is("WITH DISTINCT a, b AS c ORDER BY a ASC, c DESCENDING, a "
            "ASCENDING, b DESC SKIP 1 LIMIT 2 WHERE c > 0 RETURN *",
            "(query (single (with distinct (item (var a)) (item (var b) as c) "
            "(order-by (sort (var a)) (sort desc (var c)) (sort (var a)) "
            "(sort desc (var b))) (skip (int 1)) (limit (int 2)) (where "
            "(compare (var c) > (int 0)))) (return *)))");
    tree_is("MATCH (n) WITH * RETURN *, n.x AS x",
            "(query (single (match (path (node n))) (with *) (return * (item "
            "(prop x (var n)) as x))))");
    tree_is("RETURN 1 AS one SKIP $s LIMIT $l",
            "(query (single (return (item (int 1) as one) (skip (param $s)) "
            "(limit (param $l)))))");
}

static void
test_union_explain_call(void **state)
{
    (void)state;
    tree_is("RETURN 1 AS x UNION RETURN 2 AS x",
            "(query (single (return (item (int 1) as x))) (union (single "
            "(return (item (int 2) as x)))))");
    tree_is("RETURN 1 AS x UNION ALL RETURN 2 AS x UNION ALL RETURN 3 AS x;",
            "(query (single (return (item (int 1) as x))) (union all (single "
            "(return (item (int 2) as x)))) (union all (single (return (item "
            "(int 3) as x)))))");
    tree_is("EXPLAIN MATCH (n) RETURN n",
            "(query explain (single (match (path (node n))) (return (item "
            "(var n)))))");
    tree_is("MATCH (a), (b) CALL zonegraph.relate(a, b) YIELD path, score AS "
            "s WHERE s > 1 RETURN path, s",
            "(query (single (match (path (node a)) (path (node b))) (call "
            "zonegraph.relate (args (var a) (var b)) (yield (item (var path)) "
            "(item (var score) as s) (where (compare (var s) > (int 1))))) "
            "(return (item (var path)) (item (var s)))))");
    tree_is("CALL db.labels()", "(query (single (call db.labels (args))))");
    tree_is("CALL db.labels", "(query (single (call db.labels)))");
    tree_is("CALL db.labels() YIELD *",
            "(query (single (call db.labels (args) (yield *))))");
    fails("CALL db.labels() YIELD * RETURN 1", 1, 18,
          "1:18: YIELD * is only allowed when CALL is the whole query");
    fails(
        "RETURN 1 AS x UNION ALL RETURN 2 AS x UNION RETURN 3 AS x", 1, 39,
        "1:39: InvalidClauseComposition: UNION and UNION ALL cannot be mixed");
    fails("CALL { MATCH (n) RETURN n } RETURN 1", 1, 1,
          "1:1: CALL { ... } subqueries are not supported");
}

static void
test_updating_clauses(void **state)
{
    (void)state;
    tree_is("CREATE (:A {name: 'a'}), (b:B)-[:T {w: 1}]->(c), p = "
            "(d)<-[:U]-(e)",
            "(query (single (create (path (node (label A) (map (entry name "
            "(str \"a\"))))) (path (node b (label B)) (rel -> (type T) (map "
            "(entry w (int 1)))) (node c)) (path p (node d) (rel <- (type U)) "
            "(node e)))))");
    tree_is("MERGE (n:A {k: 1}) ON CREATE SET n.c = 1 ON MATCH SET n.m = 2, "
            "n:B RETURN n",
            "(query (single (merge (path (node n (label A) (map (entry k (int "
            "1))))) (on-create (set-item = (prop c (var n)) (int 1))) "
            "(on-match (set-item = (prop m (var n)) (int 2)) (set-item "
            "(has-labels (var n) (label B))))) (return (item (var n)))))");
    tree_is("MATCH (n) SET n = {a: 1}, n += $m, n:X:Y",
            "(query (single (match (path (node n))) (set (set-item = (var n) "
            "(map (entry a (int 1)))) (set-item += (var n) (param $m)) "
            "(set-item (has-labels (var n) (label X) (label Y))))))");
    tree_is("MATCH (n)-[r]-() DELETE r DETACH DELETE n",
            "(query (single (match (path (node n) (rel -- r) (node))) (delete "
            "(var r)) (delete detach (var n))))");
    tree_is("MATCH (n) REMOVE n.x, n:A",
            "(query (single (match (path (node n))) (remove (prop x (var n)) "
            "(has-labels (var n) (label A)))))");
    tree_is("FOREACH (x IN [1] | CREATE ({v: x}))",
            "(query (single (foreach x (list (int 1)) (create (path (node "
            "(map (entry v (var x)))))))))");
    tree_is("MERGE (a)-[:T]-(b)",
            "(query (single (merge (path (node a) (rel -- (type T)) (node "
            "b)))))");
    fails("CREATE (a)-[:T]-(b)", 1, 11,
          "1:11: RequiresDirectedRelationship: a relationship CREATE makes "
          "needs one direction, -[...]-> "
          "or <-[...]-");
    fails("CREATE (a)<-[:T]->(b)", 1, 11,
          "1:11: RequiresDirectedRelationship: a relationship CREATE makes "
          "needs one direction, -[...]-> "
          "or <-[...]-");
    fails("MERGE (a)<-[:T]->(b)", 1, 10,
          "1:10: a relationship MERGE makes cannot point both ways");
    fails("CREATE (a)-->(b)", 1, 11,
          "1:11: NoSingleRelationshipType: a relationship to create needs "
          "exactly one type, e.g. "
          "-[:KNOWS]->");
    fails("CREATE ()-[:A|:B]->()", 1, 10,
          "1:10: NoSingleRelationshipType: a relationship to create needs "
          "exactly one type, e.g. "
          "-[:KNOWS]->");
    fails("CREATE ()-[:A*2]->()", 1, 14,
          "1:14: CreatingVarLength: CREATE cannot make a variable-length "
          "relationship");
    fails("MERGE ()-[:A*]->()", 1, 13,
          "1:13: CreatingVarLength: MERGE cannot make a variable-length "
          "relationship");
    fails("MATCH (n) DELETE n:Person", 1, 18,
          "1:18: InvalidDelete: DELETE takes nodes, relationships or paths; "
          "REMOVE n:Label "
          "takes a label away");
    fails("MATCH (n) WHERE exists { MATCH (n)-->(m) SET m.x = 1 } RETURN n", 1,
          42,
          "1:42: InvalidClauseComposition: EXISTS { ... } only reads: it "
          "cannot change the graph");
    fails("FOREACH (x IN [1] | MATCH (n) CREATE (m))", 1, 21,
          "1:21: FOREACH takes only CREATE, MERGE, SET, DELETE, REMOVE and "
          "FOREACH");
    fails("MATCH (n) REMOVE n", 1, 18,
          "1:18: REMOVE takes a property (n.key) or labels (n:Label)");
    fails("MATCH (n) SET n.x", 1, 18,
          "1:18: expected '=' or '+=' in SET, found end of input");
    fails("MERGE (n) ON DELETE SET n.x = 1", 1, 14,
          "1:14: expected CREATE or MATCH after ON, found 'DELETE'");
}

static void
test_clause_errors(void **state)
{
    (void)state;
    fails("MATCH (n) RETURN", 1, 17,
          "1:17: expected an expression, found end of input");
    fails("MATCH (n)", 1, 10,
          "1:10: expected RETURN or an updating clause to end the query, "
          "found end of input");
    fails("MATCH (n) RETURN n MATCH (m) RETURN m", 1, 20,
          "1:20: expected the end of the query after RETURN (RETURN comes "
          "last), found 'MATCH'");
    fails("", 1, 1,
          "1:1: expected a clause such as MATCH or RETURN, found end of "
          "input");
    fails("SELECT * FROM t", 1, 1,
          "1:1: expected a clause such as MATCH or RETURN, found 'SELECT'");
    fails("MATCH (n)\nWHERE n.x =\nRETURN n", 3, 1,
          "3:1: expected an expression, found 'RETURN'");
    fails("RETURN 1 AS", 1, 12,
          "1:12: expected a name after AS, found end "
          "of input");
    fails("MATCH (a) WITH a, count(*) RETURN a", 1, 19,
          "1:19: NoExpressionAlias: an expression in WITH needs a name: add AS "
          "name");
    fails("UNWIND [1] x RETURN x", 1, 12,
          "1:12: expected AS after the list UNWIND expands, found 'x'");
    fails("MATCH (n) RETURN n ORDER n", 1, 26,
          "1:26: expected BY after ORDER, found 'n'");
    fails("RETURN 1 ;; RETURN 2", 1, 11,
          "1:11: expected end of input, found ';'");
    fails("RETURN (1", 1, 10,
          "1:10: expected ')' to close the parenthesis, found end of input");
    fails("RETURN 'x' +", 1, 13,
          "1:13: expected an expression, found end of input");
    fails("RETURN aVeryLongNameThatGoesOnAndOnAndOnAndOnPastTheCut )", 1, 57,
          "1:57: expected end of input, found ')'");
    fails("RETURN 1 aVeryLongNameThatGoesOnAndOnAndOnAndOnPastTheCut", 1, 10,
          "1:10: expected end of input, found "
          "'aVeryLongNameThatGoesOnAndOnAndOnAndOnPa...'");
}

/* ---- hostile text ---- */

static void
test_utf8_and_nul(void **state)
{
    static const char nul[] = "RETURN 1\0 + 2";
    (void)state;
    fails("RETURN '\xff'", 1, 9, "1:9: byte 0xFF is not valid UTF-8");
    fails("RETURN '广\xe5\xb7'", 1, 10, "1:10: byte 0xE5 is not valid UTF-8");
    fails("RETURN 1 // \xc0\xaf", 1, 13, "1:13: byte 0xC0 is not valid UTF-8");
    fails("RETURN `\xed\xa0\x80`", 1, 9, "1:9: byte 0xED is not valid UTF-8");
    fails("MATCH (n)\n/* \xf5 */ RETURN n", 2, 4,
          "2:4: byte 0xF5 is not valid UTF-8");
    fails_n(nul, sizeof nul - 1, ZG_ERR_PARSE, 1, 9,
            "1:9: a NUL byte is not allowed in a query");
    fails_n("RETURN 'a\0'", 11, ZG_ERR_PARSE, 1, 10,
            "1:10: a NUL byte is not allowed in a query");
    /* Columns count characters, not bytes. */
    fails("RETURN '中文' +", 1, 14,
          "1:14: expected an expression, found end of input");
}

/* `n` copies of `open`, then `mid`, then `n` copies of `close`. */
static char *
nest(size_t n, const char *open, const char *mid, const char *close)
{
    size_t lo = strlen(open), lm = strlen(mid), lc = strlen(close), i;
    char *s = malloc(n * (lo + lc) + lm + 1), *p = s;

    assert_non_null(s);
    for (i = 0; i < n; i++, p += lo)
        memcpy(p, open, lo);
    memcpy(p, mid, lm);
    p += lm;
    for (i = 0; i < n; i++, p += lc)
        memcpy(p, close, lc);
    *p = '\0';
    return s;
}

static void
expect_limit(const char *q)
{
    zg_error err;
    char *got = parse_n(q, strlen(q), &err);

    if (got != NULL)
        fail_msg("a query nesting too deep parsed as %.80s...", got);
    assert_int_equal(err.status, ZG_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "nests deeper than"));
}

static void
expect_parses(const char *q)
{
    zg_error err;
    char *got = parse_n(q, strlen(q), &err);

    if (got == NULL)
        fail_msg("did not parse: %s", err.msg);
    free(got);
}

/* `prefix`, then the nest, then `suffix`. */
static char *
nest_in(const char *prefix, size_t n, const char *open, const char *mid,
        const char *close, const char *suffix)
{
    char *inner = nest(n, open, mid, close);
    size_t len = strlen(prefix) + strlen(inner) + strlen(suffix) + 1;
    char *s = malloc(len);

    assert_non_null(s);
    snprintf(s, len, "%s%s%s", prefix, inner, suffix);
    free(inner);
    return s;
}

static void
test_depth_limit(void **state)
{
    static const char *const shapes[][5] = {
        {"RETURN ", "(", "1", ")", ""},
        {"RETURN ", "[", "1", "]", ""},
        {"RETURN ", "{a: ", "1", "}", ""},
        {"RETURN ", "f(", "1", ")", ""},
        {"RETURN ", "NOT ", "true", "", ""},
        {"RETURN ", "-", "x", "", ""},
        {"RETURN ", "- ", "1", "", ""},
        {"RETURN ", "1 + ", "1", "", ""},
        {"RETURN ", "", "x", ".a", ""},
        {"RETURN ", "", "x", "[0]", ""},
        {"RETURN ", "CASE WHEN ", "1", " THEN 1 END", ""},
        {"RETURN ", "[x IN ", "[]", "]", ""},
        {"MATCH (n {a: ", "(", "1", ")", "}) RETURN n"},
        {"", "FOREACH (x IN [] | ", "CREATE ()", ")", ""},
        {"MATCH (n) WHERE ", "EXISTS { MATCH (n) WHERE ", "true", " }",
         " RETURN n"}};
    size_t i;
    (void)state;

    for (i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        const char *const *sh = shapes[i];
        char *deep = nest_in(sh[0], 100000, sh[1], sh[2], sh[3], sh[4]);
        char *ok = nest_in(sh[0], 50, sh[1], sh[2], sh[3], sh[4]);
        expect_limit(deep);
        expect_parses(ok);
        free(deep);
        free(ok);
    }
}

static void
test_depth_limit_edge(void **state)
{
    char *at, *past;
    (void)state;

    /* Parenthesised: each level is one recursion of the parser. */
    at = nest(ZG_CYPHER_MAX_DEPTH - 1, "(", "1", ")");
    past = nest(ZG_CYPHER_MAX_DEPTH, "(", "1", ")");
    {
        char q[4096];
        snprintf(q, sizeof q, "RETURN %s", at);
        expect_parses(q);
        snprintf(q, sizeof q, "RETURN %s", past);
        fails_n(q, strlen(q), ZG_ERR_LIMIT, 1, 8 + ZG_CYPHER_MAX_DEPTH,
                "1:208: the query nests deeper than 200 levels");
    }
    free(at);
    free(past);
}

/* Inputs that would take quadratic time in a careless parser, each
 * within a time budget: long lists, long chains of operators that are
 * wide (not deep), many strings, many parentheses that might open
 * patterns, a long comment. */
static void
test_linear_time(void **state)
{
    enum { N = 200000 };
    char *q = malloc(N * 8 + 64), *p;
    double t0;
    size_t i;
    zg_error err;
    char *got;
    (void)state;

    assert_non_null(q);
    t0 = zg_test_cpu();
    p = q + sprintf(q, "RETURN [");
    for (i = 0; i < N; i++)
        p += sprintf(p, "%s'a'", i ? "," : "");
    strcpy(p, "]");
    got = parse_n(q, strlen(q), &err);
    assert_non_null(got);
    free(got);

    p = q + sprintf(q, "MATCH (a)");
    for (i = 0; i < N / 4; i++)
        p += sprintf(p, "-->(a)");
    strcpy(p, " RETURN a");
    got = parse_n(q, strlen(q), &err);
    assert_non_null(got);
    free(got);

    p = q + sprintf(q, "RETURN [");
    for (i = 0; i < N / 4; i++)
        p += sprintf(p, "%s(a)", i ? "," : "");
    strcpy(p, "]");
    got = parse_n(q, strlen(q), &err);
    assert_non_null(got);
    free(got);

    p = q + sprintf(q, "RETURN 1 /*");
    memset(p, 'x', N * 4);
    strcpy(p + N * 4, "*/");
    got = parse_n(q, strlen(q), &err);
    assert_non_null(got);
    free(got);

    /* An unclosed string at the start: one error, not a rescan. */
    p = q + sprintf(q, "RETURN '");
    for (i = 0; i < N; i++)
        p += sprintf(p, "\\n");
    got = parse_n(q, strlen(q), &err);
    assert_null(got);
    assert_string_equal(err.msg, "1:8: this string is not closed with '");
    if (zg_test_cpu() - t0 > zg_test_budget(5.0))
        fail_msg("the long queries took %.1f s of CPU", zg_test_cpu() - t0);
    free(q);
}

/* Each allocation of a parse fails in turn: the parse fails with
 * ZG_ERR_NOMEM and no tree (the arena gives everything back; the
 * sanitizer build finds a leak), or succeeds when none was needed. Then
 * the same for each allocation of printing the tree. */
static void
test_allocation_failure(void **state)
{
    enum { N = 3000 };
    char *q = malloc(N * 40 + 200), *p = q;
    zg_cypher_node *root;
    zg_error err;
    zg_arena a;
    long k;
    size_t i;
    int tried_print = 0;
    (void)state;

    assert_non_null(q);
    p += sprintf(p, "MATCH (a:A {k: 'v'})-[r:T*1..2]->(b) CALL "
                    "zonegraph.a.very.long.dotted.procedure.name.that.grows."
                    "its.buffer(a) YIELD x RETURN [");
    for (i = 0; i < N; i++)
        p += sprintf(p, "%s{k%zu: 'text %zu'}", i ? "," : "", i, i);
    strcpy(p, "] AS list");
    for (k = 0;; k++) {
        zg_status st;
        zg_arena_init(&a);
        zg_error_clear(&err);
        root = (zg_cypher_node *)&a;
        alloc_failed = 0;
        allocs_left = k;
        st = zg_cypher__parse(&a, q, strlen(q), &root, &err);
        allocs_left = -1;
        if (!alloc_failed) {
            assert_int_equal(st, ZG_OK);
            zg_arena_free(&a);
            break;
        }
        if (st == ZG_OK)
            fail_msg("allocation %ld failed and the parse succeeded", k);
        assert_int_equal(st, ZG_ERR_NOMEM);
        assert_null(root);
        assert_true(err.msg[0] != '\0');
        zg_arena_free(&a);
    }
    assert_true(k > 2);
    /* Printing: the first allocations of the buffer fail in turn. */
    zg_arena_init(&a);
    assert_int_equal(zg_cypher__parse(&a, q, strlen(q), &root, &err), ZG_OK);
    for (k = 0; k < 40; k++) {
        zg_strbuf b = {0};
        int rc;
        alloc_failed = 0;
        allocs_left = k;
        rc = zg_cypher__print(root, &b);
        allocs_left = -1;
        free(zg_strbuf_take(&b));
        assert_int_equal(rc, alloc_failed ? -1 : 0);
        tried_print |= alloc_failed;
    }
    assert_true(tried_print);
    zg_arena_free(&a);
    free(q);
}

/* The printer names every kind, and a NULL tree prints as `_`. */
static void
test_printer(void **state)
{
    zg_strbuf b = {0};
    char *s;
    int k;
    (void)state;

    for (k = 0; k < ZG_CN_KIND_COUNT; k++)
        assert_string_not_equal(zg_cypher__kind_name((zg_cypher_kind)k), "?");
    assert_string_equal(zg_cypher__kind_name(ZG_CN_KIND_COUNT), "?");
    assert_int_equal(zg_cypher__print(NULL, &b), 0);
    s = zg_strbuf_take(&b);
    assert_string_equal(s, "_");
    free(s);
}

/* A token the message quotes is cut where the message runs out of room
 * only between characters: control characters shown as \uXXXX take room
 * before a Chinese character that must not be split. */
static void
test_message_cut_between_characters(void **state)
{
    char q[128];

    (void)state;
    snprintf(q, sizeof q, "$`%s上海上海`", "\r\r\r\r\r\r\r\r\r\r\r\r\r\r");
    fails(q, 1, 1,
          "1:1: expected a clause such as MATCH or RETURN, found "
          "'$\\u000D\\u000D\\u000D\\u000D\\u000D\\u000D\\u000D\\u000D\\u000D"
          "\\u000D\\u000D...'");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boolean_precedence),
        cmocka_unit_test(test_comparison_and_predicates),
        cmocka_unit_test(test_arithmetic_precedence),
        cmocka_unit_test(test_postfix),
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_floats),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_word_literals_and_parameters),
        cmocka_unit_test(test_identifiers),
        cmocka_unit_test(test_keywords_any_case),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_lists_and_maps),
        cmocka_unit_test(test_functions_and_case),
        cmocka_unit_test(test_pattern_predicates_and_exists),
        cmocka_unit_test(test_node_patterns),
        cmocka_unit_test(test_relationship_patterns),
        cmocka_unit_test(test_named_and_shortest_paths),
        cmocka_unit_test(test_pattern_errors),
        cmocka_unit_test(test_reading_clauses),
        cmocka_unit_test(test_union_explain_call),
        cmocka_unit_test(test_updating_clauses),
        cmocka_unit_test(test_clause_errors),
        cmocka_unit_test(test_utf8_and_nul),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_depth_limit_edge),
        cmocka_unit_test(test_linear_time),
        cmocka_unit_test(test_allocation_failure),
        cmocka_unit_test(test_printer),
        cmocka_unit_test(test_message_cut_between_characters),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
