/* SPDX-License-Identifier: MIT */
/*
 * The scalar functions of the Cypher-style query language: each takes the
 * values of its arguments and answers null for a null argument unless it
 * says otherwise (coalesce). Aggregating functions are the executor's;
 * temporal functions other than date(text) are refused as not supported.
 */
#include "cypher_eval.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicase.h>

typedef struct call_ctx {
    zg_cypher_rt *rt;
    const zg_cypher_node *at; /* the call, for errors */
    const char *name;         /* as written */
    zg_value *args;
    size_t n;
    zg_value *out;
} call_ctx;

typedef zg_status (*fn_impl)(call_ctx *c);

static zg_status
bad_arg(call_ctx *c, size_t i, const char *want)
{
    char d[ZG_CY_DESCRIBE];

    return zg_cypher__fail(c->rt, c->at, "TypeError", "%s() expects %s, not %s",
                           c->name, want,
                           zg_cypher__describe(&c->args[i], d, sizeof d));
}

static zg_status
bad_value(call_ctx *c, const char *what)
{
    return zg_cypher__fail(c->rt, c->at, "ArgumentError", "%s(): %s", c->name,
                           what);
}

/* 1 if argument `i` is null (the answer is then null). */
static int
null_arg(call_ctx *c, size_t i)
{
    return i < c->n && c->args[i].kind == ZG_VAL_NULL;
}

static int
numeric(const zg_value *v)
{
    return v->kind == ZG_VAL_INT || v->kind == ZG_VAL_NUMBER;
}

static double
dbl(const zg_value *v)
{
    return v->kind == ZG_VAL_INT ? (double)v->i : v->num;
}

static zg_status
list_of(call_ctx *c, zg_value *items, size_t n)
{
    *c->out = zg_cy_null();
    c->out->kind = ZG_VAL_LIST;
    c->out->n = n;
    c->out->items = n ? items : NULL;
    return ZG_OK;
}

/* ---- numbers ---- */

/* Argument 0 as a number: *ok 0 with null set when it is null. */
static zg_status
num_arg(call_ctx *c, size_t i, double *x, int *ok)
{
    *ok = 0;
    if (null_arg(c, i))
        return ZG_OK;
    if (!numeric(&c->args[i]))
        return bad_arg(c, i, "a number");
    *x = dbl(&c->args[i]);
    *ok = 1;
    return ZG_OK;
}

/* Functions of one float giving a float. */
static zg_status
math1(call_ctx *c)
{
    static const struct {
        const char *name;
        double (*f)(double);
    } table[] = {{"acos", acos},   {"asin", asin}, {"atan", atan},
                 {"ceil", ceil},   {"cos", cos},   {"exp", exp},
                 {"floor", floor}, {"log", log},   {"log10", log10},
                 {"sin", sin},     {"sqrt", sqrt}, {"tan", tan}};
    double x = 0;
    int ok;
    size_t i;

    ZG_TRY(num_arg(c, 0, &x, &ok));
    if (!ok)
        return ZG_OK;
    for (i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcasecmp(table[i].name, c->name) == 0)
            break;
    *c->out = zg_cy_float(table[i].f(x));
    return ZG_OK;
}

static zg_status
fn_degrees(call_ctx *c)
{
    double x = 0;
    int ok;

    ZG_TRY(num_arg(c, 0, &x, &ok));
    if (ok)
        *c->out =
            zg_cy_float(strcasecmp(c->name, "degrees") == 0 ? x * 180.0 / M_PI
                                                            : x * M_PI / 180.0);
    return ZG_OK;
}

static zg_status
fn_atan2(call_ctx *c)
{
    double y = 0, x = 0;
    int ok1, ok2;

    ZG_TRY(num_arg(c, 0, &y, &ok1));
    ZG_TRY(num_arg(c, 1, &x, &ok2));
    if (ok1 && ok2)
        *c->out = zg_cy_float(atan2(y, x));
    return ZG_OK;
}

static zg_status
fn_const(call_ctx *c)
{
    *c->out = zg_cy_float(strcasecmp(c->name, "pi") == 0 ? M_PI : M_E);
    return ZG_OK;
}

static zg_status
fn_rand(call_ctx *c)
{
    /* A splitmix64 step over the run's own counter: no shared state. */
    uint64_t z = (uint64_t)(uintptr_t)c->rt + c->rt->work++ +
                 0x9e3779b97f4a7c15ULL * (uint64_t)(uintptr_t)c->at;
    z = zg_hash_mix64(z);
    *c->out = zg_cy_float((double)(z >> 11) / 9007199254740992.0);
    return ZG_OK;
}

static zg_status
fn_abs(call_ctx *c)
{
    zg_value *v = &c->args[0];

    if (null_arg(c, 0))
        return ZG_OK;
    if (!numeric(v))
        return bad_arg(c, 0, "a number");
    if (v->kind == ZG_VAL_NUMBER) {
        *c->out = zg_cy_float(fabs(v->num));
        return ZG_OK;
    }
    if (v->i == LLONG_MIN)
        return zg_cypher__fail(c->rt, c->at, "ArithmeticError",
                               "integer overflow in abs(%lld)", v->i);
    *c->out = zg_cy_int(v->i < 0 ? -v->i : v->i);
    return ZG_OK;
}

static zg_status
fn_sign(call_ctx *c)
{
    double x = 0;
    int ok;

    ZG_TRY(num_arg(c, 0, &x, &ok));
    if (ok)
        *c->out = zg_cy_int((x > 0) - (x < 0));
    return ZG_OK;
}

/* round(x), round(x, precision), round(x, precision, mode). */
static zg_status
fn_round(call_ctx *c)
{
    double x = 0, scale = 1, y, r;
    long long prec = 0;
    const char *mode = "HALF_UP";
    int ok;

    ZG_TRY(num_arg(c, 0, &x, &ok));
    if (!ok || null_arg(c, 1) || null_arg(c, 2))
        return ZG_OK;
    if (c->n > 1) {
        if (c->args[1].kind != ZG_VAL_INT)
            return bad_arg(c, 1, "an integer precision");
        prec = c->args[1].i;
        if (prec < 0 || prec > 308)
            return bad_value(c, "the precision must be between 0 and 308");
        scale = pow(10.0, (double)prec);
    }
    if (c->n > 2) {
        if (c->args[2].kind != ZG_VAL_STRING)
            return bad_arg(c, 2, "a rounding mode string");
        mode = c->args[2].str;
    }
    y = x * scale;
    if (!isfinite(y)) {
        *c->out = zg_cy_float(x);
        return ZG_OK;
    }
    if (strcasecmp(mode, "HALF_UP") == 0)
        r = c->n > 2 ? round(y) : floor(y + 0.5);
    else if (strcasecmp(mode, "HALF_DOWN") == 0)
        r = y - floor(y) == 0.5 ? floor(y) + (y < 0) : round(y);
    else if (strcasecmp(mode, "HALF_EVEN") == 0)
        r = y - floor(y) == 0.5 ? 2 * round(y / 2) : round(y);
    else if (strcasecmp(mode, "CEILING") == 0)
        r = ceil(y);
    else if (strcasecmp(mode, "FLOOR") == 0)
        r = floor(y);
    else if (strcasecmp(mode, "UP") == 0)
        r = y < 0 ? floor(y) : ceil(y);
    else if (strcasecmp(mode, "DOWN") == 0)
        r = trunc(y);
    else
        return bad_value(c, "the rounding mode must be one of UP, DOWN, "
                            "CEILING, FLOOR, HALF_UP, HALF_DOWN, HALF_EVEN");
    *c->out = zg_cy_float(r / scale);
    return ZG_OK;
}

/* range(start, end, step): at most ZG_CYPHER_MAX_VALUES values. */
static zg_status
fn_range(call_ctx *c)
{
    long long a, b, s = 1;
    unsigned long long span, n;
    zg_value *items;
    size_t i;

    for (i = 0; i < c->n; i++)
        if (c->args[i].kind != ZG_VAL_INT)
            return zg_cypher__fail(c->rt, c->at, "ArgumentError",
                                   "range() takes integers: argument %zu is "
                                   "not one",
                                   i + 1);
    a = c->args[0].i;
    b = c->args[1].i;
    if (c->n > 2)
        s = c->args[2].i;
    if (s == 0)
        return zg_cypher__fail(c->rt, c->at, "ArgumentError",
                               "range() cannot step by 0");
    if ((s > 0 && b < a) || (s < 0 && b > a))
        return list_of(c, NULL, 0);
    span = s > 0 ? (unsigned long long)b - (unsigned long long)a
                 : (unsigned long long)a - (unsigned long long)b;
    n = span / (s > 0 ? (unsigned long long)s : 0 - (unsigned long long)s) + 1;
    if (n > ZG_CYPHER_MAX_VALUES)
        n = ZG_CYPHER_MAX_VALUES + 1; /* let the allocation refuse it */
    ZG_TRY(zg_cypher__values(c->rt, c->at, (size_t)n, &items));
    for (i = 0; i < n; i++)
        items[i] = zg_cy_int(
            (long long)((unsigned long long)a +
                        (unsigned long long)i * (unsigned long long)s));
    return list_of(c, items, (size_t)n);
}

/* ---- conversion ---- */

/* The shortest text of `d` that reads back as it, with ".0" when it
 * looks like an integer; NaN and infinities as the language spells them. */
static void
format_float(double d, char *buf, size_t size)
{
    int p;

    if (isnan(d)) {
        snprintf(buf, size, "NaN");
        return;
    }
    if (isinf(d)) {
        snprintf(buf, size, d > 0 ? "Infinity" : "-Infinity");
        return;
    }
    for (p = 1; p <= 17; p++) {
        snprintf(buf, size, "%.*g", p, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    if (strpbrk(buf, ".e") == NULL && strlen(buf) + 3 < size)
        strcat(buf, ".0");
}

static zg_status
fn_tostring(call_ctx *c)
{
    zg_value *v = &c->args[0];
    char buf[64];

    switch (v->kind) {
    case ZG_VAL_NULL: return ZG_OK;
    case ZG_VAL_STRING: *c->out = *v; return ZG_OK;
    case ZG_VAL_INT: snprintf(buf, sizeof buf, "%lld", v->i); break;
    case ZG_VAL_NUMBER: format_float(v->num, buf, sizeof buf); break;
    case ZG_VAL_BOOL: snprintf(buf, sizeof buf, v->i ? "true" : "false"); break;
    case ZG_VAL_DATE: zg_date_format(v->date, buf, sizeof buf); break;
    default: return bad_arg(c, 0, "a string, number, boolean or date");
    }
    return zg_cypher__string(c->rt, c->at, buf, strlen(buf), c->out);
}

/* `s` as a whole integer (decimal, surrounding blanks allowed): 1 on
 * success. */
static int
parse_int(const char *s, long long *out)
{
    char *end;

    errno = 0;
    *out = strtoll(s, &end, 10);
    if (end == s || errno != 0)
        return 0;
    while (*end == ' ' || *end == '\t')
        end++;
    return *end == '\0';
}

static int
parse_float(const char *s, double *out)
{
    char *end;

    *out = strtod(s, &end);
    if (end == s)
        return 0;
    while (*end == ' ' || *end == '\t')
        end++;
    return *end == '\0';
}

static zg_status
fn_tointeger(call_ctx *c)
{
    zg_value *v = &c->args[0];
    double d;
    long long i;

    switch (v->kind) {
    case ZG_VAL_NULL: return ZG_OK;
    case ZG_VAL_INT: *c->out = *v; return ZG_OK;
    case ZG_VAL_BOOL: *c->out = zg_cy_int(v->i); return ZG_OK;
    case ZG_VAL_STRING:
        if (parse_int(v->str, &i)) {
            *c->out = zg_cy_int(i);
            return ZG_OK;
        }
        if (!parse_float(v->str, &d) || isnan(d))
            return ZG_OK; /* not a number: null */
        break;
    case ZG_VAL_NUMBER: d = v->num; break;
    default: return bad_arg(c, 0, "a string, number or boolean");
    }
    if (isnan(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0)
        return zg_cypher__fail(c->rt, c->at, "ArgumentError",
                               "toInteger(): %g is out of the integer range",
                               d);
    *c->out = zg_cy_int((long long)d);
    return ZG_OK;
}

static zg_status
fn_tofloat(call_ctx *c)
{
    zg_value *v = &c->args[0];
    double d;

    switch (v->kind) {
    case ZG_VAL_NULL: return ZG_OK;
    case ZG_VAL_NUMBER: *c->out = *v; return ZG_OK;
    case ZG_VAL_INT: *c->out = zg_cy_float((double)v->i); return ZG_OK;
    case ZG_VAL_STRING:
        if (parse_float(v->str, &d))
            *c->out = zg_cy_float(d);
        return ZG_OK;
    default: return bad_arg(c, 0, "a string or number");
    }
}

static zg_status
fn_toboolean(call_ctx *c)
{
    zg_value *v = &c->args[0];

    switch (v->kind) {
    case ZG_VAL_NULL: return ZG_OK;
    case ZG_VAL_BOOL: *c->out = *v; return ZG_OK;
    case ZG_VAL_INT: *c->out = zg_cy_bool(v->i != 0); return ZG_OK;
    case ZG_VAL_STRING: {
        const char *s = v->str;
        size_t len;
        while (*s == ' ' || *s == '\t')
            s++;
        len = strlen(s);
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
            len--;
        if (len == 4 && strncasecmp(s, "true", 4) == 0)
            *c->out = zg_cy_bool(1);
        else if (len == 5 && strncasecmp(s, "false", 5) == 0)
            *c->out = zg_cy_bool(0);
        return ZG_OK;
    }
    default: return bad_arg(c, 0, "a string, integer or boolean");
    }
}

static zg_status
fn_date(call_ctx *c)
{
    zg_value *v = &c->args[0];
    zg_error e;

    if (c->n == 0)
        return zg_cypher__fail(c->rt, c->at, "UnsupportedExpression",
                               "date() without an argument (today's date) "
                               "is not supported: give the date as text");
    if (v->kind == ZG_VAL_NULL)
        return ZG_OK;
    if (v->kind == ZG_VAL_DATE) {
        *c->out = *v;
        return ZG_OK;
    }
    if (v->kind != ZG_VAL_STRING)
        return bad_arg(c, 0, "a date as text (YYYY, YYYY-MM or YYYY-MM-DD)");
    zg_error_clear(&e);
    *c->out = zg_cy_null();
    if (zg_date_parse(v->str, &c->out->date, &e) != ZG_OK)
        return zg_cypher__fail(c->rt, c->at, "ArgumentError", "date(): %s",
                               e.msg);
    c->out->kind = ZG_VAL_DATE;
    return ZG_OK;
}

static zg_status
fn_temporal(call_ctx *c)
{
    return zg_cypher__fail(c->rt, c->at, "UnsupportedExpression",
                           "%s() is not supported: the only temporal "
                           "function is date(text)",
                           c->name);
}

/* ---- strings ---- */

static zg_status
str_arg(call_ctx *c, size_t i)
{
    return c->args[i].kind == ZG_VAL_STRING ? ZG_OK : bad_arg(c, i, "a string");
}

/* 1 if any argument is null: the answer is null. */
static int
any_null(call_ctx *c)
{
    size_t i;

    for (i = 0; i < c->n; i++)
        if (c->args[i].kind == ZG_VAL_NULL)
            return 1;
    return 0;
}

/* toUpper and toLower by the Unicode case mappings (so 'ä' is 'Ä'). */
static zg_status
fn_case(call_ctx *c)
{
    const uint8_t *s;
    uint8_t *r;
    size_t len = 0;
    char *t;
    zg_status st;

    if (any_null(c))
        return ZG_OK;
    ZG_TRY(str_arg(c, 0));
    s = (const uint8_t *)c->args[0].str;
    r = strcasecmp(c->name, "toupper") == 0
            ? u8_toupper(s, strlen(c->args[0].str), NULL, NULL, NULL, &len)
            : u8_tolower(s, strlen(c->args[0].str), NULL, NULL, NULL, &len);
    if (r == NULL && len == 0 && c->args[0].str[0] != '\0')
        return zg_cypher__nomem_at(c->rt, c->at);
    st = zg_cypher__new_string(c->rt, c->at, len, &t, c->out);
    if (st == ZG_OK && len > 0)
        memcpy(t, r, len);
    free(r);
    return st;
}

static int
blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' ||
           ch == '\v';
}

static zg_status
fn_trim(call_ctx *c)
{
    const char *s;
    size_t len;

    if (any_null(c))
        return ZG_OK;
    ZG_TRY(str_arg(c, 0));
    s = c->args[0].str;
    len = strlen(s);
    if (strcasecmp(c->name, "rtrim") != 0)
        while (blank(*s))
            s++, len--;
    if (strcasecmp(c->name, "ltrim") != 0)
        while (len && blank(s[len - 1]))
            len--;
    return zg_cypher__string(c->rt, c->at, s, len, c->out);
}

static zg_status
int_arg(call_ctx *c, size_t i, long long *out)
{
    if (c->args[i].kind != ZG_VAL_INT)
        return bad_arg(c, i, "an integer");
    *out = c->args[i].i;
    return ZG_OK;
}

/* substring(s, start, length), left(s, n), right(s, n), in code points. */
static zg_status
fn_substring(call_ctx *c)
{
    long long start = 0, len = LLONG_MAX;
    size_t n, a, b;
    const char *s;

    if (any_null(c))
        return ZG_OK;
    ZG_TRY(str_arg(c, 0));
    s = c->args[0].str;
    n = zg_cypher__utf8_len(s);
    if (strcasecmp(c->name, "substring") == 0) {
        ZG_TRY(int_arg(c, 1, &start));
        if (c->n > 2)
            ZG_TRY(int_arg(c, 2, &len));
    } else {
        ZG_TRY(int_arg(c, 1, &len));
        if (strcasecmp(c->name, "right") == 0 && len >= 0)
            start = (unsigned long long)len >= n ? 0 : (long long)n - len;
    }
    if (start < 0 || len < 0)
        return bad_value(c, "a start or length is negative");
    a = (unsigned long long)start > n ? n : (size_t)start;
    b = (unsigned long long)len > n - a ? n : a + (size_t)len;
    a = zg_cypher__utf8_offset(s, a);
    b = zg_cypher__utf8_offset(s, b);
    return zg_cypher__string(c->rt, c->at, s + a, b - a, c->out);
}

static zg_status
fn_replace(call_ctx *c)
{
    const char *s, *from, *to, *p;
    size_t lf, lt, len = 0, count = 0;
    char *t;

    if (any_null(c))
        return ZG_OK;
    ZG_TRY(str_arg(c, 0));
    ZG_TRY(str_arg(c, 1));
    ZG_TRY(str_arg(c, 2));
    s = c->args[0].str, from = c->args[1].str, to = c->args[2].str;
    lf = strlen(from), lt = strlen(to);
    if (lf == 0) {
        *c->out = c->args[0];
        return ZG_OK;
    }
    for (p = s; (p = strstr(p, from)) != NULL; p += lf)
        count++;
    len = strlen(s) - count * lf;
    if (lt > lf && count > 0 && (lt - lf) > (ZG_CYPHER_MAX_STRING + 1) / count)
        return zg_cypher__limit(c->rt, c->at,
                                "a string would be longer than 16 MiB");
    len += count * lt;
    ZG_TRY(zg_cypher__new_string(c->rt, c->at, len, &t, c->out));
    for (p = s;;) {
        const char *q = strstr(p, from);
        size_t k = q ? (size_t)(q - p) : strlen(p);
        memcpy(t, p, k), t += k;
        if (q == NULL)
            break;
        memcpy(t, to, lt), t += lt;
        p = q + lf;
    }
    *t = '\0';
    return ZG_OK;
}

static zg_status
fn_split(call_ctx *c)
{
    const char *s, *d, *p;
    size_t ld, n = 1, i = 0;
    zg_value *items;

    if (any_null(c))
        return ZG_OK;
    ZG_TRY(str_arg(c, 0));
    ZG_TRY(str_arg(c, 1));
    s = c->args[0].str, d = c->args[1].str, ld = strlen(d);
    if (ld == 0) { /* every character apart */
        n = zg_cypher__utf8_len(s);
        ZG_TRY(zg_cypher__values(c->rt, c->at, n, &items));
        for (i = 0; i < n; i++) {
            size_t a = zg_cypher__utf8_offset(s, 0);
            size_t b = zg_cypher__utf8_offset(s, 1);
            ZG_TRY(zg_cypher__string(c->rt, c->at, s + a, b - a, &items[i]));
            s += b;
        }
        return list_of(c, items, n);
    }
    for (p = s; (p = strstr(p, d)) != NULL; p += ld)
        n++;
    ZG_TRY(zg_cypher__values(c->rt, c->at, n, &items));
    for (p = s;; i++) {
        const char *q = strstr(p, d);
        size_t k = q ? (size_t)(q - p) : strlen(p);
        ZG_TRY(zg_cypher__string(c->rt, c->at, p, k, &items[i]));
        if (q == NULL)
            break;
        p = q + ld;
    }
    return list_of(c, items, n);
}

static zg_status
fn_reverse(call_ctx *c)
{
    zg_value *v = &c->args[0], *items;
    size_t i, n;

    if (v->kind == ZG_VAL_NULL)
        return ZG_OK;
    if (v->kind == ZG_VAL_LIST) {
        ZG_TRY(zg_cypher__values(c->rt, c->at, v->n, &items));
        for (i = 0; i < v->n; i++)
            items[i] = v->items[v->n - 1 - i];
        return list_of(c, items, v->n);
    }
    if (v->kind != ZG_VAL_STRING)
        return bad_arg(c, 0, "a string or list");
    n = strlen(v->str);
    {
        char *t;
        size_t o = n;
        const char *s = v->str;
        ZG_TRY(zg_cypher__new_string(c->rt, c->at, n, &t, c->out));
        for (i = 0; i < n;) {
            size_t w = zg_cypher__utf8_offset(s + i, 1);
            o -= w;
            memcpy(t + o, s + i, w);
            i += w;
        }
    }
    return ZG_OK;
}

/* ---- lists, maps and sizes ---- */

static zg_status
fn_size(call_ctx *c)
{
    zg_value *v = &c->args[0];
    int length = strcasecmp(c->name, "length") == 0;

    switch (v->kind) {
    case ZG_VAL_NULL: return ZG_OK;
    case ZG_VAL_STRING:
        *c->out = zg_cy_int((long long)zg_cypher__utf8_len(v->str));
        return ZG_OK;
    case ZG_VAL_LIST:
        if (length)
            break;
        *c->out = zg_cy_int((long long)v->n);
        return ZG_OK;
    case ZG_VAL_PATH:
        if (!length)
            break;
        *c->out = zg_cy_int((long long)(v->n / 2));
        return ZG_OK;
    default: break;
    }
    return bad_arg(c, 0, length ? "a path or string" : "a list or string");
}

static zg_status
fn_isempty(call_ctx *c)
{
    zg_value *v = &c->args[0];

    switch (v->kind) {
    case ZG_VAL_NULL: return ZG_OK;
    case ZG_VAL_STRING: *c->out = zg_cy_bool(v->str[0] == '\0'); return ZG_OK;
    case ZG_VAL_LIST:
    case ZG_VAL_MAP: *c->out = zg_cy_bool(v->n == 0); return ZG_OK;
    default: return bad_arg(c, 0, "a string, list or map");
    }
}

static zg_status
fn_headlast(call_ctx *c)
{
    zg_value *v = &c->args[0];
    int head = strcasecmp(c->name, "head") == 0;

    if (v->kind == ZG_VAL_NULL)
        return ZG_OK;
    if (v->kind != ZG_VAL_LIST)
        return bad_arg(c, 0, "a list");
    if (v->n)
        *c->out = v->items[head ? 0 : v->n - 1];
    return ZG_OK;
}

static zg_status
fn_tail(call_ctx *c)
{
    zg_value *v = &c->args[0];

    if (v->kind == ZG_VAL_NULL)
        return ZG_OK;
    if (v->kind != ZG_VAL_LIST)
        return bad_arg(c, 0, "a list");
    *c->out = *v;
    c->out->n = v->n ? v->n - 1 : 0;
    c->out->items = v->n > 1 ? v->items + 1 : NULL;
    return ZG_OK;
}

static zg_status
fn_coalesce(call_ctx *c)
{
    size_t i;

    for (i = 0; i < c->n; i++)
        if (c->args[i].kind != ZG_VAL_NULL) {
            *c->out = c->args[i];
            break;
        }
    return ZG_OK;
}

static zg_status
fn_keys(call_ctx *c)
{
    zg_value m, *items;
    size_t i;
    int keys = strcasecmp(c->name, "keys") == 0;

    if (null_arg(c, 0))
        return ZG_OK;
    if (c->args[0].kind != ZG_VAL_MAP && c->args[0].kind != ZG_VAL_NODE &&
        c->args[0].kind != ZG_VAL_EDGE)
        return bad_arg(c, 0, "a node, relationship or map");
    ZG_TRY(zg_cypher__props(c->rt, c->at, &c->args[0], &m));
    if (!keys) {
        *c->out = m;
        return ZG_OK;
    }
    ZG_TRY(zg_cypher__values(c->rt, c->at, m.n, &items));
    for (i = 0; i < m.n; i++)
        items[i] = m.items[2 * i];
    return list_of(c, items, m.n);
}

/* ---- graph elements ---- */

static zg_status
fn_labels(call_ctx *c)
{
    zg_value *v = &c->args[0], *items;
    const char *name;

    if (v->kind == ZG_VAL_NULL)
        return ZG_OK;
    if (v->kind != ZG_VAL_NODE)
        return bad_arg(c, 0, "a node");
    name = zg_cypher__type_name(c->rt, v);
    ZG_TRY(zg_cypher__values(c->rt, c->at, 1, &items));
    items[0] = zg_cy_str(name ? name : "");
    return list_of(c, items, 1);
}

static zg_status
fn_type(call_ctx *c)
{
    zg_value *v = &c->args[0];
    const char *name;

    if (v->kind == ZG_VAL_NULL)
        return ZG_OK;
    if (v->kind != ZG_VAL_EDGE)
        return bad_arg(c, 0, "a relationship");
    name = zg_cypher__type_name(c->rt, v);
    *c->out = zg_cy_str(name ? name : "");
    return ZG_OK;
}

static zg_status
fn_id(call_ctx *c)
{
    zg_value *v = &c->args[0];

    if (v->kind == ZG_VAL_NULL)
        return ZG_OK;
    if (v->kind != ZG_VAL_NODE && v->kind != ZG_VAL_EDGE)
        return bad_arg(c, 0, "a node or relationship");
    *c->out = zg_cy_int((long long)v->id);
    return ZG_OK;
}

static zg_status
fn_ends(call_ctx *c)
{
    zg_value *v = &c->args[0];

    if (v->kind == ZG_VAL_NULL)
        return ZG_OK;
    if (v->kind != ZG_VAL_EDGE)
        return bad_arg(c, 0, "a relationship");
    *c->out = zg_cy_null();
    c->out->kind = ZG_VAL_NODE;
    c->out->id = strcasecmp(c->name, "startnode") == 0
                     ? zg_graph_edge_from(c->rt->g, v->id)
                     : zg_graph_edge_to(c->rt->g, v->id);
    return ZG_OK;
}

/* nodes(p) and relationships(p): every other element of the path. */
static zg_status
fn_path_parts(call_ctx *c)
{
    zg_value *v = &c->args[0], *items;
    size_t i, first = strcasecmp(c->name, "nodes") == 0 ? 0 : 1, n;

    if (v->kind == ZG_VAL_NULL)
        return ZG_OK;
    if (v->kind != ZG_VAL_PATH)
        return bad_arg(c, 0, "a path");
    n = (v->n + 1 - first) / 2;
    ZG_TRY(zg_cypher__values(c->rt, c->at, n, &items));
    for (i = 0; i < n; i++)
        items[i] = v->items[first + 2 * i];
    return list_of(c, items, n);
}

/* ---- the table ---- */

static const struct {
    const char *name;
    fn_impl impl;
} table[] = {
    {"abs", fn_abs},
    {"acos", math1},
    {"asin", math1},
    {"atan", math1},
    {"atan2", fn_atan2},
    {"ceil", math1},
    {"coalesce", fn_coalesce},
    {"cos", math1},
    {"date", fn_date},
    {"degrees", fn_degrees},
    {"e", fn_const},
    {"endnode", fn_ends},
    {"exp", math1},
    {"floor", math1},
    {"head", fn_headlast},
    {"id", fn_id},
    {"isempty", fn_isempty},
    {"keys", fn_keys},
    {"labels", fn_labels},
    {"last", fn_headlast},
    {"left", fn_substring},
    {"length", fn_size},
    {"log", math1},
    {"log10", math1},
    {"ltrim", fn_trim},
    {"nodes", fn_path_parts},
    {"pi", fn_const},
    {"properties", fn_keys},
    {"radians", fn_degrees},
    {"rand", fn_rand},
    {"range", fn_range},
    {"relationships", fn_path_parts},
    {"replace", fn_replace},
    {"reverse", fn_reverse},
    {"right", fn_substring},
    {"round", fn_round},
    {"rtrim", fn_trim},
    {"sign", fn_sign},
    {"sin", math1},
    {"size", fn_size},
    {"split", fn_split},
    {"sqrt", math1},
    {"startnode", fn_ends},
    {"substring", fn_substring},
    {"tail", fn_tail},
    {"tan", math1},
    {"toboolean", fn_toboolean},
    {"tofloat", fn_tofloat},
    {"tointeger", fn_tointeger},
    {"tolower", fn_case},
    {"tostring", fn_tostring},
    {"toupper", fn_case},
    {"trim", fn_trim},
    {"type", fn_type},
};

/* Temporal functions, refused by name. */
static int
temporal(const char *name)
{
    static const char *const prefixes[] = {
        "date", "datetime", "duration", "localdatetime", "localtime", "time"};
    size_t i, n;

    for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        n = strlen(prefixes[i]);
        if (strncasecmp(name, prefixes[i], n) == 0 &&
            (name[n] == '\0' || name[n] == '.'))
            return 1;
    }
    return 0;
}

zg_status
zg_cypher__call(zg_cypher_rt *rt, const zg_cypher_node *e, zg_value *args,
                size_t n, zg_value *out)
{
    call_ctx c = {rt, e, e->text, args, n, out};
    size_t i;

    *out = zg_cy_null();
    ZG_TRY(zg_cypher__work(rt, e, 1));
    for (i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcasecmp(table[i].name, e->text) == 0)
            return table[i].impl(&c);
    if (temporal(e->text))
        return fn_temporal(&c);
    return zg_cypher__fail(rt, e, "UnknownFunction",
                           "%s() is not a function of the language", e->text);
}
