/* SPDX-License-Identifier: MIT */
/*
 * The expressions of the Cypher-style query language, evaluated over a row
 * (cypher_run.h): three-valued logic, comparison and equality with the
 * language's null semantics, arithmetic on 64-bit integers that refuses
 * to overflow, strings and lists with their operators, indexing and
 * slicing by code point, CASE, comprehensions, quantifiers and map
 * projections. Functions are in cypher_fn.c, the graph read as properties
 * in cypher_graph.c.
 */
#include "cypher_eval.h"
#include "zg_text.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- making values and failing ---- */

zg_status
zg_cypher__fail(zg_cypher_rt *rt, const zg_cypher_node *at, const char *name,
                const char *fmt, ...)
{
    char msg[420];
    size_t i;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* One line: names from the query may hold control characters. */
    for (i = 0; msg[i]; i++)
        if ((unsigned char)msg[i] < 0x20 || msg[i] == 0x7F)
            msg[i] = '?';
    /* A long name is cut: end on a whole UTF-8 character. */
    while (i > 0 && !zg_utf8_valid(msg, i))
        msg[--i] = '\0';
    return zg_error_set(rt->err, ZG_ERR_INVALID, NULL, at->line, at->column,
                        "%u:%u: %s: %s", at->line, at->column, name, msg);
}

zg_status
zg_cypher__nomem_at(zg_cypher_rt *rt, const zg_cypher_node *at)
{
    return zg_error_set(rt->err, ZG_ERR_NOMEM, NULL, at->line, at->column,
                        "%u:%u: out of memory while evaluating the query",
                        at->line, at->column);
}

zg_status
zg_cypher__limit(zg_cypher_rt *rt, const zg_cypher_node *at, const char *what)
{
    return zg_error_set(rt->err, ZG_ERR_LIMIT, NULL, at->line, at->column,
                        "%u:%u: %s", at->line, at->column, what);
}

zg_status
zg_cypher__work(zg_cypher_rt *rt, const zg_cypher_node *at, uint64_t n)
{
    rt->work += n;
    if (rt->max_work != 0 && rt->work > rt->max_work)
        return zg_cypher__limit(rt, at, "the query ran past its work budget");
    return ZG_OK;
}

zg_status
zg_cypher__values(zg_cypher_rt *rt, const zg_cypher_node *at, size_t n,
                  zg_value **out)
{
    *out = NULL;
    if (n == 0)
        return ZG_OK;
    if (n > ZG_CYPHER_MAX_VALUES)
        return zg_cypher__limit(rt, at,
                                "a list or map would hold more than 1048576 "
                                "values");
    ZG_TRY(zg_cypher__work(rt, at, n));
    *out = zg_arena_alloc(rt->arena, n * sizeof **out);
    if (*out == NULL)
        return zg_cypher__nomem_at(rt, at);
    return ZG_OK;
}

zg_status
zg_cypher__new_string(zg_cypher_rt *rt, const zg_cypher_node *at, size_t len,
                      char **buf, zg_value *out)
{
    if (len > ZG_CYPHER_MAX_STRING)
        return zg_cypher__limit(rt, at, "a string would be longer than 16 MiB");
    ZG_TRY(zg_cypher__work(rt, at, 1 + len / 64));
    *buf = zg_arena_alloc(rt->arena, len + 1);
    if (*buf == NULL)
        return zg_cypher__nomem_at(rt, at);
    (*buf)[len] = '\0';
    *out = zg_cy_str(*buf);
    return ZG_OK;
}

zg_status
zg_cypher__string(zg_cypher_rt *rt, const zg_cypher_node *at, const char *s,
                  size_t len, zg_value *out)
{
    char *t;

    ZG_TRY(zg_cypher__new_string(rt, at, len, &t, out));
    memcpy(t, s, len);
    return ZG_OK;
}

/* ---- naming values ---- */

/* Copy at most `max` bytes of `s` into `buf` on a character boundary,
 * control characters as '?', "..." when cut. */
static void
quote(char *buf, size_t size, const char *s, size_t max)
{
    size_t i = 0, o = 0;

    while (s[i] && i < max && o + 5 < size) {
        unsigned char c = (unsigned char)s[i];
        size_t w = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (i + w > max || o + w + 5 >= size)
            break;
        if (c < 0x20 || c == 0x7F)
            buf[o++] = '?';
        else
            memcpy(buf + o, s + i, w), o += w;
        i += w;
    }
    if (s[i])
        memcpy(buf + o, "...", 3), o += 3;
    buf[o] = '\0';
}

const char *
zg_cypher__describe(const zg_value *v, char *buf, size_t size)
{
    char q[64];

    switch (v->kind) {
    case ZG_VAL_NULL: snprintf(buf, size, "null"); break;
    case ZG_VAL_NODE: snprintf(buf, size, "a node"); break;
    case ZG_VAL_EDGE: snprintf(buf, size, "a relationship"); break;
    case ZG_VAL_STRING:
        quote(q, sizeof q, v->str, 40);
        snprintf(buf, size, "a string ('%s')", q);
        break;
    case ZG_VAL_INT: snprintf(buf, size, "an integer (%lld)", v->i); break;
    case ZG_VAL_NUMBER: snprintf(buf, size, "a float (%g)", v->num); break;
    case ZG_VAL_BOOL:
        snprintf(buf, size, "a boolean (%s)", v->i ? "true" : "false");
        break;
    case ZG_VAL_DATE: {
        char d[16];
        snprintf(buf, size, "a date (%s)",
                 zg_date_format(v->date, d, sizeof d));
        break;
    }
    case ZG_VAL_LIST: snprintf(buf, size, "a list"); break;
    case ZG_VAL_MAP: snprintf(buf, size, "a map"); break;
    case ZG_VAL_PATH: snprintf(buf, size, "a path"); break;
    default: snprintf(buf, size, "a value"); break;
    }
    return buf;
}

/* ---- UTF-8 ---- */

size_t
zg_cypher__utf8_len(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

size_t
zg_cypher__utf8_offset(const char *s, size_t i)
{
    size_t b = 0;

    while (s[b] && i > 0) {
        b++;
        while (((unsigned char)s[b] & 0xC0) == 0x80)
            b++;
        i--;
    }
    return b;
}

/* ---- equality and order ---- */

static int
is_number(const zg_value *v)
{
    return v->kind == ZG_VAL_INT || v->kind == ZG_VAL_NUMBER;
}

static double
as_double(const zg_value *v)
{
    return v->kind == ZG_VAL_INT ? (double)v->i : v->num;
}

/* Numbers by value, exactly (an integer beyond 2^53 against a float);
 * ZG_CY_UNKNOWN for NaN. */
static zg_cypher_truth
cmp_numbers(const zg_value *a, const zg_value *b, int *cmp)
{
    if ((a->kind == ZG_VAL_NUMBER && isnan(a->num)) ||
        (b->kind == ZG_VAL_NUMBER && isnan(b->num)))
        return ZG_CY_UNKNOWN;
    if (a->kind == ZG_VAL_INT && b->kind == ZG_VAL_INT) {
        *cmp = (a->i > b->i) - (a->i < b->i);
        return ZG_CY_TRUE;
    }
    if (a->kind == ZG_VAL_NUMBER && b->kind == ZG_VAL_NUMBER) {
        *cmp = (a->num > b->num) - (a->num < b->num);
        return ZG_CY_TRUE;
    }
    /* One integer, one float: zg_value_order compares them exactly and
     * puts the integer first when equal. */
    {
        double f = a->kind == ZG_VAL_NUMBER ? a->num : b->num;
        long long i = a->kind == ZG_VAL_INT ? a->i : b->i;
        int c = zg_value_order(a, b);
        if (f == (double)i && f >= -9223372036854775808.0 &&
            f < 9223372036854775808.0 && (long long)f == i)
            c = 0;
        *cmp = (c > 0) - (c < 0);
    }
    return ZG_CY_TRUE;
}

static long
date_first(zg_date d)
{
    return d.year * 10000L + d.month * 100L + d.day;
}

zg_cypher_truth
zg_cypher__compare(const zg_value *a, const zg_value *b, int *cmp)
{
    if (a->kind == ZG_VAL_NULL || b->kind == ZG_VAL_NULL)
        return ZG_CY_UNKNOWN;
    if (is_number(a) && is_number(b))
        return cmp_numbers(a, b, cmp);
    if (a->kind != b->kind)
        return ZG_CY_UNKNOWN;
    switch (a->kind) {
    case ZG_VAL_STRING: {
        int c = strcmp(a->str, b->str);
        *cmp = (c > 0) - (c < 0);
        return ZG_CY_TRUE;
    }
    case ZG_VAL_BOOL: *cmp = (a->i > b->i) - (a->i < b->i); return ZG_CY_TRUE;
    case ZG_VAL_DATE: {
        long fa = date_first(a->date), fb = date_first(b->date);
        *cmp = (fa > fb) - (fa < fb);
        return ZG_CY_TRUE;
    }
    case ZG_VAL_LIST: {
        size_t i;
        for (i = 0; i < a->n && i < b->n; i++) {
            zg_cypher_truth eq = zg_cypher__equal(&a->items[i], &b->items[i]);
            if (eq == ZG_CY_TRUE)
                continue;
            if (eq == ZG_CY_UNKNOWN)
                return ZG_CY_UNKNOWN;
            return zg_cypher__compare(&a->items[i], &b->items[i], cmp);
        }
        *cmp = (a->n > b->n) - (a->n < b->n);
        return ZG_CY_TRUE;
    }
    default: break;
    }
    return ZG_CY_UNKNOWN;
}

/* Element by element: false at the first difference, else unknown if a
 * pair was unknown, else true. */
static zg_cypher_truth
equal_seq(const zg_value *a, const zg_value *b, size_t n)
{
    zg_cypher_truth t = ZG_CY_TRUE;
    size_t i;

    for (i = 0; i < n; i++) {
        zg_cypher_truth e = zg_cypher__equal(&a[i], &b[i]);
        if (e == ZG_CY_FALSE)
            return ZG_CY_FALSE;
        if (e == ZG_CY_UNKNOWN)
            t = ZG_CY_UNKNOWN;
    }
    return t;
}

/* The value of key `k` in map `m`, or NULL. */
static const zg_value *
map_get(const zg_value *m, const char *k)
{
    size_t i;

    for (i = 0; i < m->n; i++)
        if (strcmp(m->items[2 * i].str, k) == 0)
            return &m->items[2 * i + 1];
    return NULL;
}

zg_cypher_truth
zg_cypher__equal(const zg_value *a, const zg_value *b)
{
    if (a->kind == ZG_VAL_NULL || b->kind == ZG_VAL_NULL)
        return ZG_CY_UNKNOWN;
    if (is_number(a) && is_number(b)) {
        int c = 0;
        if (cmp_numbers(a, b, &c) != ZG_CY_TRUE)
            return ZG_CY_FALSE; /* NaN equals nothing */
        return c == 0 ? ZG_CY_TRUE : ZG_CY_FALSE;
    }
    if (a->kind != b->kind)
        return ZG_CY_FALSE;
    switch (a->kind) {
    case ZG_VAL_NODE:
    case ZG_VAL_EDGE: return a->id == b->id ? ZG_CY_TRUE : ZG_CY_FALSE;
    case ZG_VAL_STRING:
        return strcmp(a->str, b->str) == 0 ? ZG_CY_TRUE : ZG_CY_FALSE;
    case ZG_VAL_BOOL: return a->i == b->i ? ZG_CY_TRUE : ZG_CY_FALSE;
    case ZG_VAL_DATE:
        return memcmp(&a->date, &b->date, sizeof a->date) == 0 ? ZG_CY_TRUE
                                                               : ZG_CY_FALSE;
    case ZG_VAL_LIST:
    case ZG_VAL_PATH:
        if (a->n != b->n)
            return ZG_CY_FALSE;
        return equal_seq(a->items, b->items, a->n);
    case ZG_VAL_MAP: {
        zg_cypher_truth t = ZG_CY_TRUE;
        size_t i;
        if (a->n != b->n)
            return ZG_CY_FALSE;
        for (i = 0; i < a->n; i++)
            if (map_get(b, a->items[2 * i].str) == NULL)
                return ZG_CY_FALSE;
        for (i = 0; i < a->n; i++) {
            zg_cypher_truth e = zg_cypher__equal(
                &a->items[2 * i + 1], map_get(b, a->items[2 * i].str));
            if (e == ZG_CY_FALSE)
                return ZG_CY_FALSE;
            if (e == ZG_CY_UNKNOWN)
                t = ZG_CY_UNKNOWN;
        }
        return t;
    }
    default: break;
    }
    return ZG_CY_FALSE;
}

/* ---- logic ---- */

static zg_cypher_truth
truth_of(const zg_value *v)
{
    return v->kind == ZG_VAL_NULL ? ZG_CY_UNKNOWN
           : v->i                 ? ZG_CY_TRUE
                                  : ZG_CY_FALSE;
}

zg_status
zg_cypher__truth(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row,
                 zg_cypher_truth *out)
{
    zg_value v;
    char d[ZG_CY_DESCRIBE];

    ZG_TRY(zg_cypher__eval(rt, e, row, &v));
    if (v.kind != ZG_VAL_NULL && v.kind != ZG_VAL_BOOL)
        return zg_cypher__fail(rt, e, "TypeError",
                               "expected a boolean, found %s",
                               zg_cypher__describe(&v, d, sizeof d));
    *out = truth_of(&v);
    return ZG_OK;
}

/* A boolean operand of `op` at `e`. */
static zg_status
operand_truth(zg_cypher_rt *rt, const zg_cypher_node *op,
              const zg_cypher_node *e, zg_value *row, zg_cypher_truth *out)
{
    zg_value v;
    char d[ZG_CY_DESCRIBE];

    ZG_TRY(zg_cypher__eval(rt, e, row, &v));
    if (v.kind != ZG_VAL_NULL && v.kind != ZG_VAL_BOOL)
        return zg_cypher__fail(rt, op, "TypeError",
                               "%s needs booleans, found %s",
                               op->kind == ZG_CN_AND   ? "AND"
                               : op->kind == ZG_CN_OR  ? "OR"
                               : op->kind == ZG_CN_XOR ? "XOR"
                                                       : "NOT",
                               zg_cypher__describe(&v, d, sizeof d));
    *out = truth_of(&v);
    return ZG_OK;
}

static zg_status
logic(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row, zg_value *out)
{
    zg_cypher_truth a, b, r;

    ZG_TRY(operand_truth(rt, e, e->kids[0], row, &a));
    if (e->kind == ZG_CN_NOT) {
        *out = zg_cy_truth_value(a == ZG_CY_UNKNOWN ? a
                                 : a == ZG_CY_TRUE  ? ZG_CY_FALSE
                                                    : ZG_CY_TRUE);
        return ZG_OK;
    }
    ZG_TRY(operand_truth(rt, e, e->kids[1], row, &b));
    if (e->kind == ZG_CN_AND)
        r = a == ZG_CY_FALSE || b == ZG_CY_FALSE ? ZG_CY_FALSE
            : a == ZG_CY_TRUE && b == ZG_CY_TRUE ? ZG_CY_TRUE
                                                 : ZG_CY_UNKNOWN;
    else if (e->kind == ZG_CN_OR)
        r = a == ZG_CY_TRUE || b == ZG_CY_TRUE     ? ZG_CY_TRUE
            : a == ZG_CY_FALSE && b == ZG_CY_FALSE ? ZG_CY_FALSE
                                                   : ZG_CY_UNKNOWN;
    else
        r = a == ZG_CY_UNKNOWN || b == ZG_CY_UNKNOWN ? ZG_CY_UNKNOWN
            : a != b                                 ? ZG_CY_TRUE
                                                     : ZG_CY_FALSE;
    *out = zg_cy_truth_value(r);
    return ZG_OK;
}

/* One comparison `a op b`. */
static zg_cypher_truth
compare_op(const char *op, const zg_value *a, const zg_value *b)
{
    int c = 0;
    zg_cypher_truth t;

    if (strcmp(op, "=") == 0)
        return zg_cypher__equal(a, b);
    if (strcmp(op, "<>") == 0) {
        t = zg_cypher__equal(a, b);
        return t == ZG_CY_UNKNOWN ? t
               : t == ZG_CY_TRUE  ? ZG_CY_FALSE
                                  : ZG_CY_TRUE;
    }
    /* NaN is a number that is neither less nor greater than any. */
    if (is_number(a) && is_number(b) &&
        ((a->kind == ZG_VAL_NUMBER && isnan(a->num)) ||
         (b->kind == ZG_VAL_NUMBER && isnan(b->num))))
        return ZG_CY_FALSE;
    if (zg_cypher__compare(a, b, &c) != ZG_CY_TRUE)
        return ZG_CY_UNKNOWN;
    if (strcmp(op, "<") == 0)
        return c < 0 ? ZG_CY_TRUE : ZG_CY_FALSE;
    if (strcmp(op, ">") == 0)
        return c > 0 ? ZG_CY_TRUE : ZG_CY_FALSE;
    if (strcmp(op, "<=") == 0)
        return c <= 0 ? ZG_CY_TRUE : ZG_CY_FALSE;
    return c >= 0 ? ZG_CY_TRUE : ZG_CY_FALSE;
}

/* A chain `a < b <= c`: each comparison in turn, joined by AND; each
 * operand evaluated once. */
static zg_status
compare_chain(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row,
              zg_value *out)
{
    zg_value l, r;
    zg_cypher_truth all = ZG_CY_TRUE;
    size_t i;

    ZG_TRY(zg_cypher__eval(rt, e->kids[0], row, &l));
    for (i = 1; i + 1 < e->n_kids; i += 2) {
        zg_cypher_truth t;
        ZG_TRY(zg_cypher__eval(rt, e->kids[i + 1], row, &r));
        t = compare_op(e->kids[i]->text, &l, &r);
        if (t == ZG_CY_FALSE)
            all = ZG_CY_FALSE;
        else if (t == ZG_CY_UNKNOWN && all == ZG_CY_TRUE)
            all = ZG_CY_UNKNOWN;
        l = r;
    }
    *out = zg_cy_truth_value(all);
    return ZG_OK;
}

/* ---- arithmetic ---- */

static zg_status
type_error2(zg_cypher_rt *rt, const zg_cypher_node *at, const char *verb,
            const zg_value *a, const zg_value *b)
{
    char da[ZG_CY_DESCRIBE], db[ZG_CY_DESCRIBE];

    return zg_cypher__fail(rt, at, "TypeError", "cannot %s %s and %s", verb,
                           zg_cypher__describe(a, da, sizeof da),
                           zg_cypher__describe(b, db, sizeof db));
}

static zg_status
overflow(zg_cypher_rt *rt, const zg_cypher_node *at, const zg_value *a,
         const char *op, const zg_value *b)
{
    return zg_cypher__fail(rt, at, "ArithmeticError",
                           "integer overflow in %lld %s %lld", a->i, op, b->i);
}

/* A list holding `a`'s items then `b`'s (either may be a single value
 * standing for a list of one). */
static zg_status
concat_lists(zg_cypher_rt *rt, const zg_cypher_node *at, const zg_value *a,
             const zg_value *b, zg_value *out)
{
    size_t na = a->kind == ZG_VAL_LIST ? a->n : 1;
    size_t nb = b->kind == ZG_VAL_LIST ? b->n : 1;
    zg_value *items;

    ZG_TRY(zg_cypher__values(rt, at, na + nb, &items));
    if (a->kind == ZG_VAL_LIST) {
        if (na)
            memcpy(items, a->items, na * sizeof *items);
    } else {
        items[0] = *a;
    }
    if (b->kind == ZG_VAL_LIST) {
        if (nb)
            memcpy(items + na, b->items, nb * sizeof *items);
    } else {
        items[na] = *b;
    }
    *out = zg_cy_null();
    out->kind = ZG_VAL_LIST;
    out->n = na + nb;
    out->items = items;
    return ZG_OK;
}

static zg_status
concat_strings(zg_cypher_rt *rt, const zg_cypher_node *at, const char *a,
               const char *b, zg_value *out)
{
    size_t la = strlen(a), lb = strlen(b);
    char *t;

    ZG_TRY(zg_cypher__new_string(rt, at, la + lb, &t, out));
    memcpy(t, a, la);
    memcpy(t + la, b, lb);
    return ZG_OK;
}

/* `a + b`, `a - b`, ... for `op` one of + - * / % ^. */
static zg_status
arith(zg_cypher_rt *rt, const zg_cypher_node *at, char op, const zg_value *a,
      const zg_value *b, zg_value *out)
{
    static const char *const verbs[] = {
        "add", "subtract", "multiply", "divide", "take the modulo of", "raise"};
    const char *verb = verbs[op == '+'   ? 0
                             : op == '-' ? 1
                             : op == '*' ? 2
                             : op == '/' ? 3
                             : op == '%' ? 4
                                         : 5];
    char ops[2] = {op, '\0'};

    if (op == '+' && (a->kind == ZG_VAL_LIST || b->kind == ZG_VAL_LIST))
        return concat_lists(rt, at, a, b, out);
    if (a->kind == ZG_VAL_NULL || b->kind == ZG_VAL_NULL) {
        *out = zg_cy_null();
        return ZG_OK;
    }
    if (op == '+' && a->kind == ZG_VAL_STRING && b->kind == ZG_VAL_STRING)
        return concat_strings(rt, at, a->str, b->str, out);
    if (!is_number(a) || !is_number(b))
        return type_error2(rt, at, verb, a, b);
    if (op == '^') {
        *out = zg_cy_float(pow(as_double(a), as_double(b)));
        return ZG_OK;
    }
    if (a->kind == ZG_VAL_INT && b->kind == ZG_VAL_INT) {
        long long r = 0;
        int bad = 0;
        switch (op) {
        case '+': bad = __builtin_add_overflow(a->i, b->i, &r); break;
        case '-': bad = __builtin_sub_overflow(a->i, b->i, &r); break;
        case '*': bad = __builtin_mul_overflow(a->i, b->i, &r); break;
        default:
            if (b->i == 0)
                return zg_cypher__fail(rt, at, "ArithmeticError",
                                       "division by zero in %lld %s 0", a->i,
                                       ops);
            if (a->i == LLONG_MIN && b->i == -1) {
                if (op == '%')
                    r = 0;
                else
                    bad = 1;
            } else {
                r = op == '/' ? a->i / b->i : a->i % b->i;
            }
        }
        if (bad)
            return overflow(rt, at, a, ops, b);
        *out = zg_cy_int(r);
        return ZG_OK;
    }
    {
        double x = as_double(a), y = as_double(b), r;
        switch (op) {
        case '+': r = x + y; break;
        case '-': r = x - y; break;
        case '*': r = x * y; break;
        case '/': r = x / y; break;
        default: r = fmod(x, y); break;
        }
        *out = zg_cy_float(r);
    }
    return ZG_OK;
}

/* ---- strings, lists and IN ---- */

/* Refuse a pattern whose compiled form could outgrow memory: the C
 * library copies a repeated part for each repetition ('+' once, '{m,n}' n
 * times), and repetitions inside repetitions multiply. Counted as if every
 * repetition held the others, the copies stay under REGEX_COPIES. */
#define REGEX_COPIES 1000
#define REGEX_LENGTH 4096
static zg_status
regex_bounded(zg_cypher_rt *rt, const zg_cypher_node *at, const char *p)
{
    size_t i, copies = 1;
    int after_repeat = 0;

    if (strlen(p) > REGEX_LENGTH)
        return zg_cypher__fail(rt, at, "ArgumentError",
                               "=~ takes a pattern of at most %d bytes",
                               REGEX_LENGTH);

    for (i = 0; p[i]; i++) {
        char c = p[i];
        if (c == '\\' && p[i + 1] != '\0') {
            i++;
            after_repeat = 0;
            continue;
        }
        if (c == '[') { /* a bracket expression: no operators inside */
            size_t j = i + 1;
            if (p[j] == '^')
                j++;
            if (p[j] == ']')
                j++;
            while (p[j] && p[j] != ']')
                j++;
            i = p[j] ? j : i;
            after_repeat = 0;
            continue;
        }
        if (c == '*' || c == '+' || c == '?' || c == '{') {
            if (after_repeat)
                return zg_cypher__fail(rt, at, "ArgumentError",
                                       "=~ does not take a repetition of a "
                                       "repetition ('%c' after one)",
                                       c);
            if (c == '{') {
                long n = 0, most = 0;
                size_t j = i + 1;
                for (; p[j] && p[j] != '}'; j++)
                    if (p[j] >= '0' && p[j] <= '9') {
                        n = n * 10 + (p[j] - '0');
                        if (n > REGEX_COPIES)
                            break;
                        if (n > most)
                            most = n;
                    } else {
                        n = 0;
                    }
                copies *= (size_t)(n > most ? n : most) + 1;
                if (p[j] == '}')
                    i = j;
            } else if (c == '+') {
                copies *= 2;
            }
            if (copies > REGEX_COPIES)
                return zg_cypher__fail(rt, at, "ArgumentError",
                                       "=~ takes patterns with fewer "
                                       "repetitions: its '+' and '{m,n}' "
                                       "would copy the pattern more than "
                                       "%d times",
                                       REGEX_COPIES);
            after_repeat = 1;
            continue;
        }
        after_repeat = 0;
    }
    return ZG_OK;
}

static zg_status
regex_match(zg_cypher_rt *rt, const zg_cypher_node *at, const char *s,
            const char *pattern, zg_value *out)
{
    regex_t re;
    char *anchored;
    size_t len = strlen(pattern);
    size_t i;
    int rc, matched = 0;
    locale_t utf8, old = (locale_t)0;

    ZG_TRY(zg_cypher__work(rt, at, 1 + strlen(s) + len));
    /* Back-references (\1) can take exponential time to match: refused. */
    for (i = 0; pattern[i]; i++)
        if (pattern[i] == '\\' && pattern[i + 1] != '\0') {
            if (pattern[i + 1] >= '1' && pattern[i + 1] <= '9')
                return zg_cypher__fail(rt, at, "ArgumentError",
                                       "=~ does not support back-references "
                                       "(\\%c)",
                                       pattern[i + 1]);
            i++;
        }
    ZG_TRY(regex_bounded(rt, at, pattern));
    /* The whole string must match: anchor the pattern as a group. */
    anchored = zg_arena_alloc(rt->arena, len + 5);
    if (anchored == NULL)
        return zg_cypher__nomem_at(rt, at);
    memcpy(anchored, "^(", 2);
    memcpy(anchored + 2, pattern, len);
    memcpy(anchored + 2 + len, ")$", 3);
    /* '.' and bracket expressions match characters, not bytes: compile
     * and match under a UTF-8 character type for this thread only. */
    utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (utf8 != (locale_t)0)
        old = uselocale(utf8);
    rc = regcomp(&re, anchored, REG_EXTENDED | REG_NOSUB);
    if (rc == 0) {
        rc = regexec(&re, s, 0, NULL, 0) == 0 ? 0 : REG_NOMATCH;
        regfree(&re);
        matched = rc == 0;
        rc = 0;
    }
    if (utf8 != (locale_t)0) {
        uselocale(old);
        freelocale(utf8);
    }
    if (rc != 0) {
        char q[64];
        if (rc == REG_ESPACE)
            return zg_cypher__nomem_at(rt, at);
        quote(q, sizeof q, pattern, 40);
        return zg_cypher__fail(rt, at, "ArgumentError",
                               "=~ cannot use '%s' as a regular expression", q);
    }
    *out = zg_cy_bool(matched);
    return ZG_OK;
}

/* `x IN list`: true if an element equals x, else null if an element
 * compared unknown, else false. */
static zg_status
in_list(zg_cypher_rt *rt, const zg_cypher_node *at, const zg_value *x,
        const zg_value *list, zg_value *out)
{
    zg_cypher_truth t = ZG_CY_FALSE;
    size_t i;
    char d[ZG_CY_DESCRIBE];

    if (list->kind == ZG_VAL_NULL) {
        *out = zg_cy_null();
        return ZG_OK;
    }
    if (list->kind != ZG_VAL_LIST)
        return zg_cypher__fail(rt, at, "TypeError",
                               "IN needs a list on its right, found %s",
                               zg_cypher__describe(list, d, sizeof d));
    ZG_TRY(zg_cypher__work(rt, at, list->n));
    for (i = 0; i < list->n && t != ZG_CY_TRUE; i++) {
        zg_cypher_truth e = zg_cypher__equal(x, &list->items[i]);
        if (e != ZG_CY_FALSE)
            t = e;
    }
    *out = zg_cy_truth_value(t);
    return ZG_OK;
}

static zg_status
binary(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row, zg_value *out)
{
    zg_value a, b;
    const char *op = e->text;

    ZG_TRY(zg_cypher__eval(rt, e->kids[0], row, &a));
    ZG_TRY(zg_cypher__eval(rt, e->kids[1], row, &b));
    if (strcmp(op, "in") == 0)
        return in_list(rt, e, &a, &b, out);
    if (op[1] == '\0')
        return arith(rt, e, op[0], &a, &b, out);
    /* String predicates: null unless both are strings. */
    *out = zg_cy_null();
    if (a.kind != ZG_VAL_STRING || b.kind != ZG_VAL_STRING)
        return ZG_OK;
    if (strcmp(op, "=~") == 0)
        return regex_match(rt, e, a.str, b.str, out);
    {
        size_t la = strlen(a.str), lb = strlen(b.str);
        if (strcmp(op, "starts-with") == 0)
            *out = zg_cy_bool(la >= lb && memcmp(a.str, b.str, lb) == 0);
        else if (strcmp(op, "ends-with") == 0)
            *out =
                zg_cy_bool(la >= lb && memcmp(a.str + la - lb, b.str, lb) == 0);
        else
            *out = zg_cy_bool(strstr(a.str, b.str) != NULL);
    }
    return ZG_OK;
}

static zg_status
negate(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row, zg_value *out)
{
    zg_value v;
    char d[ZG_CY_DESCRIBE];

    ZG_TRY(zg_cypher__eval(rt, e->kids[0], row, &v));
    if (v.kind == ZG_VAL_NULL) {
        *out = v;
        return ZG_OK;
    }
    if (!is_number(&v))
        return zg_cypher__fail(rt, e, "TypeError",
                               "cannot apply unary %s to %s",
                               e->kind == ZG_CN_NEG ? "minus" : "plus",
                               zg_cypher__describe(&v, d, sizeof d));
    if (e->kind == ZG_CN_POS)
        *out = v;
    else if (v.kind == ZG_VAL_NUMBER)
        *out = zg_cy_float(-v.num);
    else if (v.i == LLONG_MIN)
        return zg_cypher__fail(rt, e, "ArithmeticError",
                               "integer overflow in -(%lld)", v.i);
    else
        *out = zg_cy_int(-v.i);
    return ZG_OK;
}

/* ---- indexing and slicing ---- */

/* An index `v` as an integer; null gives *isnull. */
static zg_status
index_int(zg_cypher_rt *rt, const zg_cypher_node *at, const zg_value *v,
          long long *out, int *isnull)
{
    char d[ZG_CY_DESCRIBE];

    *isnull = v->kind == ZG_VAL_NULL;
    if (*isnull)
        return ZG_OK;
    if (v->kind != ZG_VAL_INT)
        return zg_cypher__fail(rt, at, "TypeError",
                               "a list or string index must be an integer, "
                               "found %s",
                               zg_cypher__describe(v, d, sizeof d));
    *out = v->i;
    return ZG_OK;
}

static zg_status
index_of(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row,
         zg_value *out)
{
    zg_value c, k;
    long long i = 0;
    int isnull;
    char d[ZG_CY_DESCRIBE], dk[ZG_CY_DESCRIBE];

    ZG_TRY(zg_cypher__eval(rt, e->kids[0], row, &c));
    ZG_TRY(zg_cypher__eval(rt, e->kids[1], row, &k));
    *out = zg_cy_null();
    if (c.kind == ZG_VAL_NULL || k.kind == ZG_VAL_NULL)
        return ZG_OK;
    if (c.kind == ZG_VAL_MAP || c.kind == ZG_VAL_NODE ||
        c.kind == ZG_VAL_EDGE) {
        if (k.kind != ZG_VAL_STRING)
            return zg_cypher__fail(rt, e, "TypeError",
                                   "%s can only be indexed by a string key, "
                                   "not %s",
                                   zg_cypher__describe(&c, d, sizeof d),
                                   zg_cypher__describe(&k, dk, sizeof dk));
        return zg_cypher__prop(rt, e, &c, k.str, out);
    }
    if (c.kind != ZG_VAL_LIST && c.kind != ZG_VAL_STRING)
        return zg_cypher__fail(rt, e, "TypeError", "cannot index %s",
                               zg_cypher__describe(&c, d, sizeof d));
    ZG_TRY(index_int(rt, e, &k, &i, &isnull));
    if (c.kind == ZG_VAL_LIST) {
        if (i < 0)
            i += (long long)c.n;
        if (i >= 0 && (unsigned long long)i < c.n)
            *out = c.items[i];
        return ZG_OK;
    }
    {
        size_t n = zg_cypher__utf8_len(c.str), b, b2;
        if (i < 0)
            i += (long long)n;
        if (i < 0 || (unsigned long long)i >= n)
            return ZG_OK;
        b = zg_cypher__utf8_offset(c.str, (size_t)i);
        b2 = zg_cypher__utf8_offset(c.str, (size_t)i + 1);
        return zg_cypher__string(rt, e, c.str + b, b2 - b, out);
    }
}

/* A slice bound: negative counts from the end, clamped to [0, n]. */
static size_t
clamp_bound(long long i, size_t n)
{
    if (i < 0)
        i += (long long)n;
    if (i < 0)
        return 0;
    if ((unsigned long long)i > n)
        return n;
    return (size_t)i;
}

static zg_status
slice(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row, zg_value *out)
{
    zg_value c, f = zg_cy_null(), t = zg_cy_null();
    long long from = 0, to = 0;
    int fnull = 0, tnull = 0;
    size_t n, a, b;
    char d[ZG_CY_DESCRIBE];

    ZG_TRY(zg_cypher__eval(rt, e->kids[0], row, &c));
    if (e->kids[1])
        ZG_TRY(zg_cypher__eval(rt, e->kids[1], row, &f));
    if (e->kids[2])
        ZG_TRY(zg_cypher__eval(rt, e->kids[2], row, &t));
    *out = zg_cy_null();
    if (c.kind == ZG_VAL_NULL)
        return ZG_OK;
    if (c.kind != ZG_VAL_LIST && c.kind != ZG_VAL_STRING)
        return zg_cypher__fail(rt, e, "TypeError", "cannot slice %s",
                               zg_cypher__describe(&c, d, sizeof d));
    if (e->kids[1])
        ZG_TRY(index_int(rt, e, &f, &from, &fnull));
    if (e->kids[2])
        ZG_TRY(index_int(rt, e, &t, &to, &tnull));
    if (fnull || tnull)
        return ZG_OK;
    n = c.kind == ZG_VAL_LIST ? c.n : zg_cypher__utf8_len(c.str);
    a = e->kids[1] ? clamp_bound(from, n) : 0;
    b = e->kids[2] ? clamp_bound(to, n) : n;
    if (b < a)
        b = a;
    if (c.kind == ZG_VAL_LIST) {
        *out = c;
        out->items = b > a ? c.items + a : NULL;
        out->n = b - a;
        return ZG_OK;
    }
    {
        size_t ba = zg_cypher__utf8_offset(c.str, a);
        size_t bb = zg_cypher__utf8_offset(c.str, b);
        return zg_cypher__string(rt, e, c.str + ba, bb - ba, out);
    }
}

/* ---- literals, parameters, collections ---- */

static zg_status
string_literal(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *out)
{
    if (memchr(e->text, '\0', e->len) != NULL)
        return zg_cypher__fail(rt, e, "ArgumentError",
                               "a string cannot hold the NUL character");
    *out = zg_cy_str(e->text);
    return ZG_OK;
}

static zg_status
param(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *out)
{
    size_t i;

    for (i = 0; i < rt->n_params; i++)
        if (strcmp(rt->params[i].name, e->text) == 0) {
            *out = rt->params[i].value;
            return ZG_OK;
        }
    return zg_cypher__fail(rt, e, "ParameterMissing",
                           "no value was given for the parameter $%s", e->text);
}

static zg_status
list_literal(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row,
             zg_value *out)
{
    zg_value *items;
    size_t i;

    ZG_TRY(zg_cypher__values(rt, e, e->n_kids, &items));
    for (i = 0; i < e->n_kids; i++)
        ZG_TRY(zg_cypher__eval(rt, e->kids[i], row, &items[i]));
    *out = zg_cy_null();
    out->kind = ZG_VAL_LIST;
    out->n = e->n_kids;
    out->items = items;
    return ZG_OK;
}

/* Set key `k` of the map being built at `items` (`*n` entries) to `v`:
 * a later entry for the same key replaces the earlier. */
static void
map_put(zg_value *items, size_t *n, const char *k, const zg_value *v)
{
    size_t i;

    for (i = 0; i < *n; i++)
        if (strcmp(items[2 * i].str, k) == 0) {
            items[2 * i + 1] = *v;
            return;
        }
    items[2 * *n] = zg_cy_str(k);
    items[2 * *n + 1] = *v;
    (*n)++;
}

static zg_status
map_literal(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row,
            zg_value *out)
{
    zg_value *items;
    size_t i, n = 0;

    ZG_TRY(zg_cypher__values(rt, e, 2 * e->n_kids, &items));
    for (i = 0; i < e->n_kids; i++) {
        zg_value v;
        ZG_TRY(zg_cypher__eval(rt, e->kids[i]->kids[0], row, &v));
        map_put(items, &n, e->kids[i]->text, &v);
    }
    *out = zg_cy_null();
    out->kind = ZG_VAL_MAP;
    out->n = n;
    out->items = items;
    return ZG_OK;
}

/* `v{.key, .*, name, key: expr}`. */
static zg_status
map_projection(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row,
               zg_value *out)
{
    zg_value v = row[e->slot], all = zg_cy_null(), *items;
    size_t i, cap = 0, n = 0;
    char d[ZG_CY_DESCRIBE];

    *out = zg_cy_null();
    if (v.kind == ZG_VAL_NULL)
        return ZG_OK;
    if (v.kind != ZG_VAL_MAP && v.kind != ZG_VAL_NODE && v.kind != ZG_VAL_EDGE)
        return zg_cypher__fail(rt, e, "TypeError",
                               "a map projection needs a node, relationship "
                               "or map, found %s",
                               zg_cypher__describe(&v, d, sizeof d));
    for (i = 0; i < e->n_kids; i++)
        if (e->kids[i]->kind == ZG_CN_PROJ_ALL) {
            ZG_TRY(zg_cypher__props(rt, e, &v, &all));
            break;
        }
    cap = e->n_kids + (all.kind == ZG_VAL_MAP ? all.n : 0);
    ZG_TRY(zg_cypher__values(rt, e, 2 * cap, &items));
    for (i = 0; i < e->n_kids; i++) {
        const zg_cypher_node *k = e->kids[i];
        zg_value x;
        size_t j;
        switch (k->kind) {
        case ZG_CN_PROJ_ALL:
            for (j = 0; j < all.n; j++)
                map_put(items, &n, all.items[2 * j].str, &all.items[2 * j + 1]);
            break;
        case ZG_CN_PROJ_PROP:
            ZG_TRY(zg_cypher__prop(rt, k, &v, k->text, &x));
            map_put(items, &n, k->text, &x);
            break;
        case ZG_CN_PROJ_VAR: map_put(items, &n, k->text, &row[k->slot]); break;
        default:
            ZG_TRY(zg_cypher__eval(rt, k->kids[0], row, &x));
            map_put(items, &n, k->text, &x);
            break;
        }
    }
    out->kind = ZG_VAL_MAP;
    out->n = n;
    out->items = items;
    return ZG_OK;
}

/* ---- CASE, comprehensions, quantifiers ---- */

static zg_status
case_of(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row, zg_value *out)
{
    const zg_cypher_node *subject = e->kids[0], *dflt = e->kids[e->n_kids - 1];
    zg_value s;
    size_t i;

    if (subject)
        ZG_TRY(zg_cypher__eval(rt, subject, row, &s));
    for (i = 1; i + 1 < e->n_kids; i++) {
        const zg_cypher_node *w = e->kids[i];
        zg_cypher_truth t;
        if (subject) {
            zg_value v;
            ZG_TRY(zg_cypher__eval(rt, w->kids[0], row, &v));
            t = zg_cypher__equal(&s, &v);
        } else {
            ZG_TRY(zg_cypher__truth(rt, w->kids[0], row, &t));
        }
        if (t == ZG_CY_TRUE)
            return zg_cypher__eval(rt, w->kids[1], row, out);
    }
    if (dflt)
        return zg_cypher__eval(rt, dflt, row, out);
    *out = zg_cy_null();
    return ZG_OK;
}

/* The list a comprehension or quantifier walks; null gives *isnull. */
static zg_status
walked_list(zg_cypher_rt *rt, const zg_cypher_node *at, const zg_cypher_node *e,
            zg_value *row, zg_value *out, int *isnull)
{
    char d[ZG_CY_DESCRIBE];

    ZG_TRY(zg_cypher__eval(rt, e, row, out));
    *isnull = out->kind == ZG_VAL_NULL;
    if (!*isnull && out->kind != ZG_VAL_LIST)
        return zg_cypher__fail(rt, at, "TypeError",
                               "a list comprehension or quantifier needs a "
                               "list, found %s",
                               zg_cypher__describe(out, d, sizeof d));
    return ZG_OK;
}

static zg_status
list_comp(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row,
          zg_value *out)
{
    const zg_cypher_node *where = e->kids[1], *proj = e->kids[2];
    zg_value list, *items = NULL;
    size_t i, n = 0;
    int isnull;

    ZG_TRY(walked_list(rt, e, e->kids[0], row, &list, &isnull));
    *out = zg_cy_null();
    if (isnull)
        return ZG_OK;
    ZG_TRY(zg_cypher__values(rt, e, list.n, &items));
    for (i = 0; i < list.n; i++) {
        row[e->slot] = list.items[i];
        if (where) {
            zg_cypher_truth t;
            ZG_TRY(zg_cypher__truth(rt, where, row, &t));
            if (t != ZG_CY_TRUE)
                continue;
        }
        if (proj)
            ZG_TRY(zg_cypher__eval(rt, proj, row, &items[n]));
        else
            items[n] = list.items[i];
        n++;
    }
    out->kind = ZG_VAL_LIST;
    out->n = n;
    out->items = n ? items : NULL;
    return ZG_OK;
}

static zg_status
quantifier(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row,
           zg_value *out)
{
    zg_value list;
    size_t i, yes = 0, no = 0, unknown = 0;
    int isnull;
    const char *q = e->text;

    ZG_TRY(walked_list(rt, e, e->kids[1], row, &list, &isnull));
    *out = zg_cy_null();
    if (isnull)
        return ZG_OK;
    ZG_TRY(zg_cypher__work(rt, e, list.n));
    for (i = 0; i < list.n; i++) {
        zg_cypher_truth t = ZG_CY_TRUE;
        row[e->slot] = list.items[i];
        if (e->n_kids > 2 && e->kids[2])
            ZG_TRY(zg_cypher__truth(rt, e->kids[2], row, &t));
        yes += t == ZG_CY_TRUE;
        unknown += t == ZG_CY_UNKNOWN;
        no += t == ZG_CY_FALSE;
        /* Stop once the answer is known. */
        if ((strcasecmp(q, "any") == 0 || strcasecmp(q, "none") == 0) && yes)
            break;
        if (strcasecmp(q, "all") == 0 && t == ZG_CY_FALSE)
            break;
        if (strcasecmp(q, "single") == 0 && yes > 1)
            break;
    }
    if (strcasecmp(q, "all") == 0)
        *out = zg_cy_truth_value(no        ? ZG_CY_FALSE
                                 : unknown ? ZG_CY_UNKNOWN
                                           : ZG_CY_TRUE);
    else if (strcasecmp(q, "any") == 0)
        *out = zg_cy_truth_value(yes       ? ZG_CY_TRUE
                                 : unknown ? ZG_CY_UNKNOWN
                                           : ZG_CY_FALSE);
    else if (strcasecmp(q, "none") == 0)
        *out = zg_cy_truth_value(yes       ? ZG_CY_FALSE
                                 : unknown ? ZG_CY_UNKNOWN
                                           : ZG_CY_TRUE);
    else
        *out = zg_cy_truth_value(yes > 1   ? ZG_CY_FALSE
                                 : unknown ? ZG_CY_UNKNOWN
                                 : yes     ? ZG_CY_TRUE
                                           : ZG_CY_FALSE);
    return ZG_OK;
}

/* ---- the rest ---- */

static zg_status
has_labels(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row,
           zg_value *out)
{
    zg_value v;
    const char *name;
    size_t i;
    char d[ZG_CY_DESCRIBE];

    ZG_TRY(zg_cypher__eval(rt, e->kids[0], row, &v));
    *out = zg_cy_null();
    if (v.kind == ZG_VAL_NULL)
        return ZG_OK;
    if (v.kind != ZG_VAL_NODE && v.kind != ZG_VAL_EDGE)
        return zg_cypher__fail(rt, e, "TypeError",
                               "only a node has labels, not %s",
                               zg_cypher__describe(&v, d, sizeof d));
    name = zg_cypher__type_name(rt, &v);
    for (i = 1; i < e->n_kids; i++)
        if (name == NULL || strcmp(name, e->kids[i]->text) != 0) {
            *out = zg_cy_bool(0);
            return ZG_OK;
        }
    *out = zg_cy_bool(1);
    return ZG_OK;
}

static zg_status
call(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row, zg_value *out)
{
    zg_value args[8], *argv = args;
    size_t i;

    if (zg_cypher__is_aggregate(e)) {
        if (rt->agg == NULL || e->slot < 0)
            return zg_cypher__fail(
                rt, e, "InvalidAggregation", "%s cannot aggregate here",
                e->kind == ZG_CN_COUNT_STAR ? "count(*)" : e->text);
        *out = rt->agg[e->slot];
        return ZG_OK;
    }
    /* exists(pattern) answers for the pattern; exists(x) is x IS NOT
     * NULL. */
    if (strcasecmp(e->text, "exists") == 0 && e->n_kids == 1) {
        ZG_TRY(zg_cypher__eval(rt, e->kids[0], row, out));
        if (e->kids[0]->kind != ZG_CN_PATTERN &&
            e->kids[0]->kind != ZG_CN_EXISTS)
            *out = zg_cy_bool(out->kind != ZG_VAL_NULL);
        return ZG_OK;
    }
    if (e->n_kids > sizeof args / sizeof args[0])
        ZG_TRY(zg_cypher__values(rt, e, e->n_kids, &argv));
    for (i = 0; i < e->n_kids; i++)
        ZG_TRY(zg_cypher__eval(rt, e->kids[i], row, &argv[i]));
    return zg_cypher__call(rt, e, argv, e->n_kids, out);
}

zg_status
zg_cypher__eval(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *row,
                zg_value *out)
{
    *out = zg_cy_null();
    switch (e->kind) {
    case ZG_CN_OR:
    case ZG_CN_XOR:
    case ZG_CN_AND:
    case ZG_CN_NOT: return logic(rt, e, row, out);
    case ZG_CN_COMPARE: return compare_chain(rt, e, row, out);
    case ZG_CN_BINARY: return binary(rt, e, row, out);
    case ZG_CN_NEG:
    case ZG_CN_POS: return negate(rt, e, row, out);
    case ZG_CN_IS_NULL:
    case ZG_CN_IS_NOT_NULL: {
        zg_value v;
        ZG_TRY(zg_cypher__eval(rt, e->kids[0], row, &v));
        *out =
            zg_cy_bool((v.kind == ZG_VAL_NULL) == (e->kind == ZG_CN_IS_NULL));
        return ZG_OK;
    }
    case ZG_CN_PROP: {
        zg_value v;
        ZG_TRY(zg_cypher__eval(rt, e->kids[0], row, &v));
        return zg_cypher__prop(rt, e, &v, e->text, out);
    }
    case ZG_CN_HAS_LABELS: return has_labels(rt, e, row, out);
    case ZG_CN_INDEX: return index_of(rt, e, row, out);
    case ZG_CN_SLICE: return slice(rt, e, row, out);
    case ZG_CN_VAR: *out = row[e->slot]; return ZG_OK;
    case ZG_CN_PARAM: return param(rt, e, out);
    case ZG_CN_INT: *out = zg_cy_int(e->ival); return ZG_OK;
    case ZG_CN_FLOAT: *out = zg_cy_float(e->fval); return ZG_OK;
    case ZG_CN_STRING: return string_literal(rt, e, out);
    case ZG_CN_TRUE: *out = zg_cy_bool(1); return ZG_OK;
    case ZG_CN_FALSE: *out = zg_cy_bool(0); return ZG_OK;
    case ZG_CN_NULL: return ZG_OK;
    case ZG_CN_LIST: return list_literal(rt, e, row, out);
    case ZG_CN_MAP: return map_literal(rt, e, row, out);
    case ZG_CN_CALL_FN:
    case ZG_CN_COUNT_STAR: return call(rt, e, row, out);
    case ZG_CN_CASE: return case_of(rt, e, row, out);
    case ZG_CN_LIST_COMP: return list_comp(rt, e, row, out);
    case ZG_CN_QUANTIFIER: return quantifier(rt, e, row, out);
    case ZG_CN_MAP_PROJ: return map_projection(rt, e, row, out);
    case ZG_CN_PATTERN:
    case ZG_CN_PATTERN_COMP:
    case ZG_CN_EXISTS:
        if (rt->pattern == NULL)
            return zg_cypher__fail(rt, e, "UnsupportedExpression",
                                   "a pattern cannot be matched here");
        return rt->pattern(rt, e, row, out);
    default: break;
    }
    return zg_cypher__fail(rt, e, "UnsupportedExpression",
                           "'%s' is not an expression",
                           zg_cypher__kind_name(e->kind));
}
