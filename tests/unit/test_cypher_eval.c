/* SPDX-License-Identifier: MIT */
/*
 * The expressions of the Cypher-style query language (white-box:
 * cypher_run.h): `RETURN <expr>` is parsed, checked and its item
 * evaluated over an empty row, then the value is written out and compared
 * with what the language's semantics say. Covers null logic, comparison
 * and equality, arithmetic and overflow, strings and lists by code point,
 * every scalar function, errors naming value and operator, the shipped
 * dataset read as properties, the size limits, and every allocation of an
 * evaluation failing in turn (linked with --wrap=malloc,--wrap=realloc).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cypher_run.h"
#include "zg_import.h"

#include "../support/fail_alloc.h"

/* ---- helpers ---- */

static zg_graph *graph; /* the shipped dataset, for property access */
static zg_cypher_param params[4];
static size_t n_params;

/* Append `v` to `out` as the tests spell values. */
static void
show(const zg_value *v, char *out, size_t size)
{
    size_t len = strlen(out), i;
    char d[16];

#define ADD(...) snprintf(out + len, size - len, __VA_ARGS__)
    if (len + 32 >= size)
        return;
    switch (v->kind) {
    case ZG_VAL_NULL: ADD("null"); break;
    case ZG_VAL_NODE: ADD("node(%u)", (unsigned)v->id); break;
    case ZG_VAL_EDGE: ADD("rel(%u)", (unsigned)v->id); break;
    case ZG_VAL_STRING: ADD("'%s'", v->str); break;
    case ZG_VAL_INT: ADD("%lld", v->i); break;
    case ZG_VAL_NUMBER: ADD("%.17g", v->num); break;
    case ZG_VAL_BOOL: ADD(v->i ? "true" : "false"); break;
    case ZG_VAL_DATE:
        ADD("date(%s)", zg_date_format(v->date, d, sizeof d));
        break;
    case ZG_VAL_LIST:
    case ZG_VAL_PATH:
        ADD(v->kind == ZG_VAL_LIST ? "[" : "<");
        for (i = 0; i < v->n; i++) {
            if (i)
                strcat(out, ", ");
            show(&v->items[i], out, size);
        }
        strcat(out, v->kind == ZG_VAL_LIST ? "]" : ">");
        break;
    case ZG_VAL_MAP:
        ADD("{");
        for (i = 0; i < v->n; i++) {
            len = strlen(out);
            ADD("%s%s: ", i ? ", " : "", v->items[2 * i].str);
            show(&v->items[2 * i + 1], out, size);
        }
        strcat(out, "}");
        break;
    }
#undef ADD
}

/* The deepest slot under `n`. */
static int
max_slot(const zg_cypher_node *n)
{
    int m = -1;
    size_t i;

    if (n == NULL)
        return -1;
    m = n->slot;
    for (i = 0; i < n->n_kids; i++) {
        int k = max_slot(n->kids[i]);
        if (k > m)
            m = k;
    }
    return m;
}

/* Evaluate `RETURN expr` into `out` (shown), values in `vals`. */
static zg_status
eval_in(const char *expr, zg_arena *vals, uint64_t max_work, char *out,
        size_t size, zg_error *err)
{
    zg_arena a;
    zg_cypher_node *root = NULL, *ret, *item;
    char q[4096];
    zg_value row[64], v;
    zg_cypher_rt rt;
    zg_status st;
    size_t i;

    snprintf(q, sizeof q, "RETURN %s AS x", expr);
    zg_arena_init(&a);
    zg_error_clear(err);
    out[0] = '\0';
    st = zg_cypher__parse(&a, q, strlen(q), &root, err);
    if (st == ZG_OK)
        st = zg_cypher__check(root, err);
    if (st != ZG_OK) {
        zg_arena_free(&a);
        fail_msg("%s\n  did not parse and check: %s", q, err->msg);
    }
    ret = root->kids[0]->kids[root->kids[0]->n_kids - 1];
    item = ret->kids[0];
    assert_true(max_slot(root) < 64);
    for (i = 0; i < 64; i++)
        memset(&row[i], 0, sizeof row[i]);
    memset(&rt, 0, sizeof rt);
    rt.g = graph;
    rt.arena = vals;
    rt.params = params;
    rt.n_params = n_params;
    rt.max_work = max_work;
    rt.err = err;
    st = zg_cypher__eval(&rt, item->kids[0], row, &v);
    if (st == ZG_OK)
        show(&v, out, size);
    zg_arena_free(&a);
    return st;
}

static zg_status
eval(const char *expr, char *out, size_t size, zg_error *err)
{
    zg_arena vals;
    zg_status st;

    zg_arena_init(&vals);
    st = eval_in(expr, &vals, 0, out, size, err);
    zg_arena_free(&vals);
    return st;
}

/* `expr` evaluates to the value spelt `want`. */
static void
is(const char *expr, const char *want)
{
    char got[4096];
    zg_error err;

    if (eval(expr, got, sizeof got, &err) != ZG_OK)
        fail_msg("%s\n  failed: %s\n  want   %s", expr, err.msg, want);
    if (strcmp(got, want) != 0)
        fail_msg("%s\n  gave %s\n  want %s", expr, got, want);
}

/* `expr` fails with status `st` and a message holding `msg`. */
static void
fails_with(const char *expr, zg_status st, const char *msg)
{
    char got[4096];
    zg_error err;

    if (eval(expr, got, sizeof got, &err) == ZG_OK)
        fail_msg("%s\n  gave %s\n  want the error %s", expr, got, msg);
    if (err.status != st || strstr(err.msg, msg) == NULL)
        fail_msg("%s\n  error %s (status %d)\n  want  %s (status %d)", expr,
                 err.msg, (int)err.status, msg, (int)st);
}

static void
fails(const char *expr, const char *msg)
{
    fails_with(expr, ZG_ERR_INVALID, msg);
}

/* ---- logic ---- */

static void
test_null_logic(void **state)
{
    (void)state;
    /* The truth tables of AND, OR, XOR and NOT over true, false, null. */
    static const char *const vals[] = {"true", "false", "null"};
    static const char *const and_[3][3] = {{"true", "false", "null"},
                                           {"false", "false", "false"},
                                           {"null", "false", "null"}};
    static const char *const or_[3][3] = {{"true", "true", "true"},
                                          {"true", "false", "null"},
                                          {"true", "null", "null"}};
    static const char *const xor_[3][3] = {{"false", "true", "null"},
                                           {"true", "false", "null"},
                                           {"null", "null", "null"}};
    char q[64];
    size_t i, j;

    for (i = 0; i < 3; i++)
        for (j = 0; j < 3; j++) {
            snprintf(q, sizeof q, "%s AND %s", vals[i], vals[j]);
            is(q, and_[i][j]);
            snprintf(q, sizeof q, "%s OR %s", vals[i], vals[j]);
            is(q, or_[i][j]);
            snprintf(q, sizeof q, "%s XOR %s", vals[i], vals[j]);
            is(q, xor_[i][j]);
        }
    is("NOT true", "false");
    is("NOT null", "null");
    is("null IS NULL", "true");
    is("1 IS NOT NULL", "true");
    is("[] IS NULL", "false");
    fails("[1][0] AND true", "1:15: TypeError: AND needs booleans, found an "
                             "integer (1)");
    fails("NOT ['a'][0]",
          "TypeError: NOT needs booleans, found a string ('a')");
}

static void
test_comparison(void **state)
{
    (void)state;
    is("1 = 1.0", "true");
    is("1 <> 1.0", "false");
    is("1 = null", "null");
    is("null = null", "null");
    is("null <> null", "null");
    is("1 = 'a'", "false");
    is("1 < 'a'", "null");
    is("[1, 2] = [1, 2]", "true");
    is("[1, null] = [1, 2]", "null");
    is("[1, null] = [2, 2]", "false");
    is("[1, 2] = [1, 2, 3]", "false");
    is("[[1]] = [[1.0]]", "true");
    is("{a: 1, b: null} = {a: 1, b: 2}", "null");
    is("{a: 1} = {b: 1}", "false");
    is("{a: 1, b: 2} = {b: 2, a: 1}", "true");
    is("0.0 / 0.0 = 0.0 / 0.0", "false");
    is("0.0 / 0.0 > 1", "false");
    is("0.0 / 0.0 <= 0.0 / 0.0", "false");
    is("0.0 / 0.0 > 'a'", "null");
    is("1 < 2 <= 2 < 3", "true");
    is("1 < 2 > 3", "false");
    is("2 < 1 < null", "false");
    is("1 < null < 0", "null");
    is("'a' < 'b'", "true");
    is("'张' > 'a'", "true");
    is("false < true", "true");
    is("[1, 2] < [1, 3]", "true");
    is("[1] < [1, 0]", "true");
    is("[1, null] < [1, 2]", "null");
    is("[1, 'a'] < [1, 2]", "null");
    is("9223372036854775807 < 9223372036854775806.0", "true");
    is("9007199254740993 = 9007199254740992.0", "false");
    is("date('2021-02') < date('2021-03-01')", "true");
    is("date('2021') = date('2021')", "true");
    is("{a: 1} < {a: 2}", "null");
}

static void
test_arithmetic(void **state)
{
    (void)state;
    is("1 + 2 * 3", "7");
    is("7 / 2", "3");
    is("-7 / 2", "-3");
    is("7 % 3", "1");
    is("-7 % 3", "-1");
    is("7.0 / 2", "3.5");
    is("2 ^ 3", "8");
    is("1 + 1.5", "2.5");
    is("1 / 0.0", "inf");
    is("-1 / 0.0", "-inf");
    is("1 + null", "null");
    is("null * 2", "null");
    is("-(-9223372036854775807)", "9223372036854775807");
    is("-9223372036854775808", "-9223372036854775808");
    is("(-9223372036854775807 - 1) % -1", "0");
    is("'ab' + 'cd'", "'abcd'");
    is("[1] + [2, 3]", "[1, 2, 3]");
    is("[1] + 2", "[1, 2]");
    is("0 + [1]", "[0, 1]");
    is("[1] + null", "[1, null]");
    fails("9223372036854775807 + 1",
          "1:8: ArithmeticError: integer overflow in "
          "9223372036854775807 + 1");
    fails("-9223372036854775807 - 2", "ArithmeticError: integer overflow");
    fails("4611686018427387904 * 2", "ArithmeticError: integer overflow");
    fails("(-9223372036854775807 - 1) / -1",
          "ArithmeticError: integer overflow");
    fails("-(-9223372036854775807 - 1)", "ArithmeticError: integer overflow");
    fails("1 / 0", "1:8: ArithmeticError: division by zero in 1 / 0");
    fails("1 % 0", "ArithmeticError: division by zero in 1 % 0");
    fails("[{b: 1}][0] + 1", "TypeError: cannot add a map and an integer (1)");
    fails("'a' - 1",
          "TypeError: cannot subtract a string ('a') and an integer (1)");
    fails("true * 2", "TypeError: cannot multiply a boolean (true) and an "
                      "integer (2)");
    fails("-'a'", "TypeError: cannot apply unary minus to a string ('a')");
}

/* ---- strings and lists ---- */

static void
test_strings(void **state)
{
    (void)state;
    is("'先导区' STARTS WITH '先导'", "true");
    is("'先导区' ENDS WITH '区'", "true");
    is("'先导区' CONTAINS '导'", "true");
    is("'abc' CONTAINS ''", "true");
    is("'abc' STARTS WITH null", "null");
    is("1 CONTAINS 'a'", "null");
    is("'abc' =~ 'a.c'", "true");
    is("'abc' =~ 'a'", "false");
    is("'abc' =~ 'a|abc'", "true");
    is("'先导区' =~ '先.区'", "true");
    is("null =~ 'a'", "null");
    fails("'aa' =~ '(a)\\\\1'", "ArgumentError: =~ does not support "
                                "back-references (\\1)");
    fails("'a' =~ '('", "ArgumentError: =~ cannot use '(' as a regular "
                        "expression");
    /* patterns whose compiled form could outgrow memory */
    fails("'a' =~ 'a++'", "ArgumentError: =~ does not take a repetition of "
                          "a repetition ('+' after one)");
    fails("'a' =~ 'a{2}{3}'", "ArgumentError: =~ does not take a repetition "
                              "of a repetition ('{' after one)");
    fails("'x' =~ 'x{1001}'", "ArgumentError: =~ takes patterns with fewer "
                              "repetitions: its '+' and '{m,n}' would copy "
                              "the pattern more than 1000 times");
    fails("'a' =~ '((((((((((a+)+)+)+)+)+)+)+)+)+)'",
          "ArgumentError: =~ takes patterns with fewer repetitions: its '+' "
          "and '{m,n}' would copy the pattern more than 1000 times");
    is("'aaa' =~ '(a{1,3})+'", "true");
    is("'a+*b' =~ 'a[+*]+b'", "true");
    is("'a+' =~ 'a\\\\+'", "true");
    /* Indexes and slices count code points. */
    is("'上海浦东'[1]", "'海'");
    is("'上海浦东'[-1]", "'东'");
    is("'上海浦东'[4]", "null");
    is("'上海浦东'[1..3]", "'海浦'");
    is("'上海浦东'[-2..]", "'浦东'");
    is("'上海浦东'[..-3]", "'上'");
    is("'上海浦东'[3..1]", "''");
    is("'上海浦东'[-10..10]", "'上海浦东'");
    is("'上海浦东'[null..2]", "null");
    fails("'abc'[1.0]", "TypeError: a list or string index must be an "
                        "integer, found a float (1)");
    fails("'a\\u0000b'", "ArgumentError: a string cannot hold the NUL "
                         "character");
}

static void
test_lists(void **state)
{
    (void)state;
    is("[1, 2, 3][0]", "1");
    is("[1, 2, 3][-1]", "3");
    is("[1, 2, 3][3]", "null");
    is("[1, 2, 3][-4]", "null");
    is("[1, 2, 3][null]", "null");
    is("null[0]", "null");
    is("[1, 2, 3, 4][1..3]", "[2, 3]");
    is("[1, 2, 3, 4][..-1]", "[1, 2, 3]");
    is("[1, 2, 3, 4][-2..]", "[3, 4]");
    is("[1, 2, 3][5..10]", "[]");
    is("[1, 2, 3][2..1]", "[]");
    is("[1, 2, 3][1..null]", "null");
    is("{a: 1}['a']", "1");
    is("{a: 1}.b", "null");
    is("{a: {b: [1, 2]}}.a.b[1]", "2");
    is("{a: 1, a: 2}", "{a: 2}");
    is("2 IN [1, 2]", "true");
    is("3 IN [1, 2]", "false");
    is("3 IN [1, null]", "null");
    is("1 IN [1, null]", "true");
    is("null IN []", "false");
    is("null IN [1]", "null");
    is("[1] IN [[1], [2]]", "true");
    is("[1, null] IN [[1, 2]]", "null");
    is("1 IN null", "null");
    fails("1 IN [1][0]", "TypeError: IN needs a list on its right, found an "
                         "integer (1)");
    fails("{a: 1}[0]", "TypeError: a map can only be indexed by a string "
                       "key, not an integer (0)");
    fails("1[0]", "TypeError: cannot index an integer (1)");
    fails("(1).a", "TypeError: cannot read property 'a' of an integer (1)");
    /* Comprehensions, quantifiers, CASE, map projection. */
    is("[x IN [1, 2, 3] WHERE x > 1 | x * 10]", "[20, 30]");
    is("[x IN [1, 2, 3] | x + 1]", "[2, 3, 4]");
    is("[x IN [1, null, 3] WHERE x > 1]", "[3]");
    is("[x IN null | x]", "null");
    is("[x IN [] | x]", "[]");
    is("[x IN [[1, 2], [3]] | [y IN x | y * 2]]", "[[2, 4], [6]]");
    is("all(x IN [1, 2] WHERE x > 0)", "true");
    is("all(x IN [1, null] WHERE x > 0)", "null");
    is("all(x IN [0, null] WHERE x > 0)", "false");
    is("all(x IN [] WHERE x > 0)", "true");
    is("any(x IN [0, null] WHERE x > 0)", "null");
    is("any(x IN [0, 2] WHERE x > 0)", "true");
    is("any(x IN [] WHERE x > 0)", "false");
    is("none(x IN [0, 1] WHERE x > 0)", "false");
    is("none(x IN [0, null] WHERE x > 0)", "null");
    is("single(x IN [0, 1] WHERE x > 0)", "true");
    is("single(x IN [1, 1] WHERE x > 0)", "false");
    is("single(x IN [1, null] WHERE x > 0)", "null");
    is("single(x IN [1, 1, null] WHERE x > 0)", "false");
    is("any(x IN null WHERE x)", "null");
    fails("all(x IN [1] WHERE x)", "TypeError: expected a boolean, found an "
                                   "integer (1)");
    fails("[x IN 1 | x]", "TypeError: a list comprehension or quantifier "
                          "needs a list, found an integer (1)");
    is("CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' END", "'b'");
    is("CASE WHEN null THEN 'a' ELSE 'c' END", "'c'");
    is("CASE WHEN false THEN 1 END", "null");
    is("CASE 2 WHEN 1 THEN 'a' WHEN 2.0 THEN 'b' ELSE 'c' END", "'b'");
    is("CASE null WHEN null THEN 'a' ELSE 'c' END", "'c'");
    is("[m IN [{a: 1, b: 2}] | m {.a, c: 3}]", "[{a: 1, c: 3}]");
    is("[m IN [{a: 1, b: 2}] | m {.*, b: 5}]", "[{a: 1, b: 5}]");
    is("[m IN [null] | m {.a}]", "[null]");
    is("[m IN [{a: 1}] | [k IN [7] | m {k, .a}]]", "[[{k: 7, a: 1}]]");
}

/* ---- functions ---- */

static void
test_functions(void **state)
{
    (void)state;
    /* numbers */
    is("abs(-3)", "3");
    is("abs(-2.5)", "2.5");
    is("abs(null)", "null");
    fails("abs(-9223372036854775807 - 1)", "ArithmeticError: integer "
                                           "overflow in abs");
    fails("abs('a')", "1:8: TypeError: abs() expects a number, not a string "
                      "('a')");
    is("ceil(1.2)", "2");
    is("floor(-1.2)", "-2");
    is("sqrt(16)", "4");
    is("sqrt(-1) <> sqrt(-1)", "true");
    is("exp(0)", "1");
    is("log(1)", "0");
    is("log10(1000)", "3");
    is("sin(0)", "0");
    is("cos(0)", "1");
    is("tan(0)", "0");
    is("asin(0)", "0");
    is("acos(1)", "0");
    is("atan(0)", "0");
    is("atan2(0, 1)", "0");
    is("round(degrees(pi()))", "180");
    is("radians(180) = pi()", "true");
    is("e() > 2.718 AND e() < 2.719", "true");
    is("sign(-3)", "-1");
    is("sign(0.5)", "1");
    is("sign(0)", "0");
    is("round(2.5)", "3");
    is("round(-2.5)", "-2");
    is("round(3.14159, 2)", "3.1400000000000001");
    is("round(2.5, 0, 'HALF_EVEN')", "2");
    is("round(-2.5, 0, 'HALF_UP')", "-3");
    is("round(2.5, 0, 'HALF_DOWN')", "2");
    is("round(2.1, 0, 'UP')", "3");
    is("round(2.9, 0, 'DOWN')", "2");
    is("round(-2.1, 0, 'CEILING')", "-2");
    is("round(-2.1, 0, 'FLOOR')", "-3");
    fails("round(1.5, 0, 'SIDEWAYS')", "ArgumentError: round(): the "
                                       "rounding mode");
    fails("round(1.5, -1)", "ArgumentError");
    is("rand() >= 0 AND rand() < 1", "true");
    is("range(1, 5)", "[1, 2, 3, 4, 5]");
    is("range(0, 10, 3)", "[0, 3, 6, 9]");
    is("range(5, 1, -2)", "[5, 3, 1]");
    is("range(1, 0)", "[]");
    is("size(range(-9223372036854775807 - 1, -9223372036854775807 + 2))", "4");
    fails("range(1, 5, 0)", "ArgumentError: range() cannot step by 0");
    fails("range(1, 5.0)", "ArgumentError: range() takes integers");
    fails_with("range(1, 1000000000)", ZG_ERR_LIMIT, "more than 1048576");
    fails_with("size(range(-9223372036854775807, 9223372036854775807))",
               ZG_ERR_LIMIT, "more than 1048576");
    /* conversion */
    is("toInteger('1.9')", "1");
    is("toInteger('-1.9')", "-1");
    is("toInteger(' 42 ')", "42");
    is("toInteger('abc')", "null");
    is("toInteger(2.9)", "2");
    is("toInteger(true)", "1");
    is("toInteger('9223372036854775807')", "9223372036854775807");
    fails("toInteger(1e30)", "ArgumentError: toInteger(): 1e+30 is out of "
                             "the integer range");
    fails("toInteger([1])", "TypeError: toInteger() expects");
    is("toFloat('1.5')", "1.5");
    is("toFloat(3)", "3");
    is("toFloat('x')", "null");
    fails("toFloat(true)", "TypeError: toFloat() expects a string or number, "
                           "not a boolean (true)");
    is("toBoolean('TRUE')", "true");
    is("toBoolean(' false ')", "false");
    is("toBoolean('yes')", "null");
    is("toBoolean(0)", "false");
    fails("toBoolean(1.5)", "TypeError");
    is("toString(1)", "'1'");
    is("toString(1.0)", "'1.0'");
    is("toString(0.1)", "'0.1'");
    is("toString(1e20)", "'1e+20'");
    is("toString(0.0 / 0.0) IN ['NaN']", "true");
    is("toString(1 / 0.0)", "'Infinity'");
    is("toString(true)", "'true'");
    is("toString('x')", "'x'");
    is("toString(date('2021-02'))", "'2021-02'");
    is("toString(null)", "null");
    fails("toString([1])", "TypeError: toString() expects a string, number, "
                           "boolean or date, not a list");
    is("date('2021-02-15')", "date(2021-02-15)");
    is("date('2021')", "date(2021)");
    is("date(null)", "null");
    fails("date('2021-02-30')", "ArgumentError: date(): '2021-02-30' is not "
                                "a date");
    fails("date(1)", "TypeError: date() expects a date as text");
    fails("date()", "UnsupportedExpression: date() without an argument");
    fails("datetime('2021-01-01T00:00')", "UnsupportedExpression: datetime() "
                                          "is not supported");
    fails("duration.between(1, 2)", "UnsupportedExpression: "
                                    "duration.between() is not supported");
    /* strings */
    is("toLower('AbC先')", "'abc先'");
    is("toUpper('AbC先')", "'ABC先'");
    is("toUpper('straße ä')", "'STRASSE Ä'");
    is("toLower('ÄÖ')", "'äö'");
    is("toLower('')", "''");
    is("trim('  a b \\t')", "'a b'");
    is("ltrim('  a ')", "'a '");
    is("rtrim('  a ')", "'  a'");
    is("split('a,b,,c', ',')", "['a', 'b', '', 'c']");
    is("split('上海浦东', '')", "['上', '海', '浦', '东']");
    is("split('abc', 'x')", "['abc']");
    is("split(null, ',')", "null");
    is("substring('上海浦东新区', 2)", "'浦东新区'");
    is("substring('上海浦东新区', 2, 2)", "'浦东'");
    is("substring('abc', 5)", "''");
    is("substring('abc', 1, 100)", "'bc'");
    fails("substring('abc', -1)", "ArgumentError: substring(): a start or "
                                  "length is negative");
    is("left('上海浦东', 2)", "'上海'");
    is("right('上海浦东', 2)", "'浦东'");
    is("right('ab', 5)", "'ab'");
    fails("left('ab', -1)", "ArgumentError");
    is("replace('a-b-c', '-', '+=')", "'a+=b+=c'");
    is("replace('上海上海', '上', '下')", "'下海下海'");
    is("replace('abc', '', 'x')", "'abc'");
    is("replace(null, 'a', 'b')", "null");
    is("reverse('上海ab')", "'ba海上'");
    is("reverse([1, 2, 3])", "[3, 2, 1]");
    is("size('上海')", "2");
    is("size([1, 2])", "2");
    is("size(null)", "null");
    fails("size([1][0])", "TypeError: size() expects a list or string, not an "
                          "integer (1)");
    is("length('上海')", "2");
    is("isEmpty('')", "true");
    is("isEmpty([1])", "false");
    is("isEmpty({})", "true");
    /* lists and maps */
    is("head([1, 2])", "1");
    is("head([])", "null");
    is("last([1, 2])", "2");
    is("tail([1, 2, 3])", "[2, 3]");
    is("tail([])", "[]");
    is("coalesce(null, null, 2, 3)", "2");
    is("coalesce(null)", "null");
    is("keys({a: 1, b: null})", "['a', 'b']");
    is("properties({a: 1})", "{a: 1}");
    fails("keys([1][0])",
          "TypeError: keys() expects a node, relationship or map");
    fails("labels([1][0])",
          "TypeError: labels() expects a node, not an integer");
    fails("type(['x'][0])", "TypeError: type() expects a relationship");
    fails("nodes([[1]][0])", "TypeError: nodes() expects a path");
    is("labels(null)", "null");
    is("exists({a: 1}.a)", "true");
    is("exists({a: 1}.b)", "false");
}

/* A message naming a long key ends on a whole character. */
static void
test_long_names(void **state)
{
    char q[2048], got[64];
    zg_error err;
    size_t i, len;

    (void)state;
    strcpy(q, "[1][0].`");
    for (i = 0; i < 300; i++)
        strcat(q, "上");
    strcat(q, "`");
    assert_int_equal(eval(q, got, sizeof got, &err), ZG_ERR_INVALID);
    len = strlen(err.msg);
    assert_true(strstr(err.msg, "TypeError: cannot read property '上上") !=
                NULL);
    /* The last character is whole: '上' is 3 bytes, E4 B8 8A. */
    assert_true(len >= 3);
    assert_int_equal((unsigned char)err.msg[len - 3], 0xE4);
    assert_int_equal((unsigned char)err.msg[len - 1], 0x8A);
}

static void
test_parameters(void **state)
{
    (void)state;
    params[0].name = "s";
    params[0].value.kind = ZG_VAL_STRING;
    params[0].value.str = "先导区";
    n_params = 1;
    is("$s + '!'", "'先导区!'");
    is("size($s)", "3");
    fails("$missing", "1:8: ParameterMissing: no value was given for the "
                      "parameter $missing");
    n_params = 0;
}

/* ---- the graph as properties ---- */

static void
set_node(const char *name, const char *key)
{
    zg_id id = zg_graph_node_by_key(graph, key);

    assert_int_not_equal(id, ZG_NO_ID);
    params[n_params].name = name;
    memset(&params[n_params].value, 0, sizeof params[n_params].value);
    params[n_params].value.kind = ZG_VAL_NODE;
    params[n_params].value.id = id;
    n_params++;
}

static void
test_graph_properties(void **state)
{
    const zg_id *out;
    size_t i, n;
    zg_id e = ZG_NO_ID;

    (void)state;
    n_params = 0;
    set_node("z", "zone-shanghai-pudong");
    set_node("c", "city-chengdu");
    set_node("m", "org-miit");
    is("labels($z)", "['zone']");
    is("$z:zone", "true");
    is("$z:city", "false");
    is("$z.key", "'zone-shanghai-pudong'");
    is("$z.name", "'上海（浦东新区）国家人工智能创新应用先导区'");
    is("$z.name_en", "'Shanghai (Pudong New Area) National AI Innovation "
                     "Application Pilot Zone'");
    is("$z.aliases[3]", "'Shanghai Pudong'");
    is("size($z.aliases)", "5");
    is("$z.basis", "'stated'");
    is("$z.sources", "['yicai-2021-02-23']");
    is("$z.batch", "1");
    is("$z.batch + 1", "2");
    is("$z.note STARTS WITH '第一批'", "true");
    is("$z.since", "null");
    is("$z.nothing", "null");
    is("$z['batch']", "1");
    is("keys($z)", "['key', 'name', 'name_en', 'aliases', 'basis', "
                   "'sources', 'evidence', 'note', 'batch']");
    is("properties($z).batch", "1");
    is("id($z) >= 0", "true");
    /* A figure is a map; a figure name given twice is a list of them. */
    is("$c.ai_enterprises",
       "{value: 550, unit: '家', date: date(2020), "
       "approx: 'over', kind: 'actual', source: "
       "'yicai-2021-02-23', evidence: "
       "'成都市经信局数据显示，2020年成都人工智能产业企业达"
       "550余家、产业规模达200亿元，较2019年分别增长83%、"
       "67%。', zh: '人工智能产业企业数', en: 'AI "
       "enterprises'}");
    is("[f IN $c.ai_industry_scale | [f.value, f.kind, f.date]]",
       "[[200, 'actual', date(2020)], [500, 'target', date(2022)]]");
    is("$c.ai_enterprises_growth.base", "date(2019)");
    is("[c IN [$c] | c {.name, .name_en}][0]",
       "{name: '成都', name_en: 'Chengdu'}");
    /* Relationships: type, provenance, ends. */
    n = zg_graph_out_edges(graph, params[2].value.id, &out);
    for (i = 0; i < n; i++)
        if (zg_graph_edge_to(graph, out[i]) ==
            zg_graph_node_by_key(graph, "zone-beijing"))
            e = out[i];
    assert_int_not_equal(e, ZG_NO_ID);
    params[n_params].name = "r";
    memset(&params[n_params].value, 0, sizeof params[n_params].value);
    params[n_params].value.kind = ZG_VAL_EDGE;
    params[n_params].value.id = e;
    n_params++;
    is("type($r)", "'designates'");
    is("$r.basis", "'stated'");
    is("$r.source", "'yicai-2021-02-23'");
    is("$r.since", "date(2021-02)");
    is("$r.evidence STARTS WITH '工业和信息化部近日印发通知'", "true");
    is("keys($r)", "['basis', 'source', 'evidence', 'since']");
    is("startNode($r) = $m", "true");
    is("endNode($r).key", "'zone-beijing'");
    is("$r:designates", "true");
    fails("labels($r)", "TypeError: labels() expects a node, not a "
                        "relationship");
    fails("type($z)", "TypeError: type() expects a relationship, not a node");
    n_params = 0;
}

/* ---- what the executor provides: aggregates and patterns ---- */

/* A pattern evaluator that answers true for every pattern. */
static zg_status
every_pattern(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row,
              zg_value *out)
{
    (void)rt, (void)e, (void)row;
    memset(out, 0, sizeof *out);
    out->kind = ZG_VAL_BOOL;
    out->i = 1;
    return ZG_OK;
}

/* Number the aggregate calls under `n` from `*next`, as the planner
 * does. */
static void
number_aggregates(zg_cypher_node *n, int *next)
{
    size_t i;

    if (n == NULL)
        return;
    if (zg_cypher__is_aggregate(n)) {
        n->slot = (*next)++;
        return;
    }
    for (i = 0; i < n->n_kids; i++)
        number_aggregates(n->kids[i], next);
}

/* Parse and check `q`, then evaluate its first RETURN item with `agg`
 * and `pattern` as the executor would set them. */
static zg_status
eval_with(const char *q, const zg_value *agg, zg_cypher_pattern_fn pattern,
          char *out, size_t size, zg_error *err)
{
    zg_arena a, vals;
    zg_cypher_node *root = NULL, *single, *ret;
    zg_value row[64], v;
    zg_cypher_rt rt;
    zg_status st;
    int next = 0;

    zg_arena_init(&a);
    zg_arena_init(&vals);
    zg_error_clear(err);
    assert_int_equal(zg_cypher__parse(&a, q, strlen(q), &root, err), ZG_OK);
    assert_int_equal(zg_cypher__check(root, err), ZG_OK);
    single = root->kids[0];
    ret = single->kids[single->n_kids - 1];
    if (agg != NULL)
        number_aggregates(ret, &next);
    memset(row, 0, sizeof row);
    memset(&rt, 0, sizeof rt);
    rt.arena = &vals;
    rt.agg = agg;
    rt.pattern = pattern;
    rt.err = err;
    out[0] = '\0';
    st = zg_cypher__eval(&rt, ret->kids[0]->kids[0], row, &v);
    if (st == ZG_OK)
        show(&v, out, size);
    zg_arena_free(&vals);
    zg_arena_free(&a);
    return st;
}

static void
test_aggregates_and_patterns(void **state)
{
    zg_value agg[4];
    zg_error err;
    char got[256];

    (void)state;
    memset(agg, 0, sizeof agg);
    agg[0].kind = ZG_VAL_INT;
    agg[0].i = 7;
    assert_int_equal(
        eval_with("RETURN count(*) + 1 AS n", agg, NULL, got, sizeof got, &err),
        ZG_OK);
    assert_string_equal(got, "8");
    assert_int_equal(
        eval_with("RETURN count(*) AS n", NULL, NULL, got, sizeof got, &err),
        ZG_ERR_INVALID);
    assert_non_null(strstr(err.msg, "InvalidAggregation: count(*) cannot "
                                    "aggregate here"));
    assert_int_equal(eval_with("MATCH (a) RETURN exists((a)-->()) AS e", NULL,
                               NULL, got, sizeof got, &err),
                     ZG_ERR_INVALID);
    assert_non_null(strstr(err.msg, "a pattern cannot be matched here"));
    assert_int_equal(eval_with("MATCH (a) RETURN exists((a)-->()) AS e", NULL,
                               every_pattern, got, sizeof got, &err),
                     ZG_OK);
    assert_string_equal(got, "true");
}

/* ---- limits and allocation failure ---- */

static void
test_work_budget(void **state)
{
    zg_arena vals;
    zg_error err;
    char got[256];

    (void)state;
    zg_arena_init(&vals);
    assert_int_equal(eval_in("size([x IN range(1, 100000) | [x]])", &vals, 1000,
                             got, sizeof got, &err),
                     ZG_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "work budget"));
    zg_arena_free(&vals);
}

static void
test_allocation_failure(void **state)
{
    static const char *const exprs[] = {
        "[x IN range(1, 50) WHERE x % 2 = 0 | toString(x) + '!']",
        "{a: [1, 2], b: split('a,b', ',')}",
        "reverse('上海') + replace('aaa', 'a', 'bb') + substring('abc', 1)",
        "'abc' =~ 'a.*'",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof exprs / sizeof exprs[0]; i++) {
        char want[1024], got[1024], q[512];
        zg_error err;
        zg_arena a;
        zg_cypher_node *root = NULL;
        long k;

        assert_int_equal(eval(exprs[i], want, sizeof want, &err), ZG_OK);
        snprintf(q, sizeof q, "RETURN %s AS x", exprs[i]);
        zg_arena_init(&a);
        assert_int_equal(zg_cypher__parse(&a, q, strlen(q), &root, &err),
                         ZG_OK);
        assert_int_equal(zg_cypher__check(root, &err), ZG_OK);
        for (k = 0;; k++) {
            zg_arena vals;
            zg_cypher_rt rt;
            zg_value row[64], v;
            zg_status st;

            memset(row, 0, sizeof row);
            memset(&rt, 0, sizeof rt);
            zg_arena_init(&vals);
            zg_error_clear(&err);
            rt.arena = &vals;
            rt.err = &err;
            alloc_failed = 0;
            allocs_left = k;
            st = zg_cypher__eval(&rt, root->kids[0]->kids[0]->kids[0]->kids[0],
                                 row, &v);
            allocs_left = -1;
            got[0] = '\0';
            if (st == ZG_OK)
                show(&v, got, sizeof got);
            zg_arena_free(&vals);
            if (!alloc_failed) {
                assert_int_equal(st, ZG_OK);
                assert_string_equal(got, want);
                break;
            }
            if (st != ZG_OK)
                assert_int_equal(st, ZG_ERR_NOMEM);
            else
                assert_string_equal(got, want);
            assert_true(k < 10000);
        }
        zg_arena_free(&a);
    }
}

static int
setup(void **state)
{
    const char *path = getenv("ZG_DATA");
    zg_error err;

    (void)state;
    if (path == NULL)
        path = "data/ai-pilot-zones.xml";
    zg_error_clear(&err);
    if (zg_graph_new(&graph, &err) != ZG_OK ||
        zg_import_xml_file(graph, path, NULL, &err) != ZG_OK) {
        fprintf(stderr, "cannot load %s: %s\n", path, err.msg);
        return -1;
    }
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    zg_graph_free(graph);
    return 0;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_null_logic),
        cmocka_unit_test(test_comparison),
        cmocka_unit_test(test_arithmetic),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_functions),
        cmocka_unit_test(test_long_names),
        cmocka_unit_test(test_parameters),
        cmocka_unit_test(test_graph_properties),
        cmocka_unit_test(test_aggregates_and_patterns),
        cmocka_unit_test(test_work_budget),
        cmocka_unit_test(test_allocation_failure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
