/* SPDX-License-Identifier: MIT */
/*
 * Values beyond the scalar ones: calendar dates that keep the precision
 * they were written with, and the order of every kind of value that
 * sorting and removing duplicates need.
 */
#include "query_internal.h"
#include "zg_rules.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Parse a date with its precision (see zg_query.h). */
zg_status
zg_date_parse(const char *text, zg_date *out, zg_error *err)
{
    int y, m, d;

    if (text == NULL || zg_rule_date_parts(text, &y, &m, &d) != NULL || y < 1 ||
        y > 9999)
        return zg_error_set(err, ZG_ERR_PARSE, NULL, 0, 0,
                            "'%.40s' is not a date (YYYY, YYYY-MM or "
                            "YYYY-MM-DD, e.g. 2021, 2021-02, 2020-12-31)",
                            text != NULL ? text : "(null)");
    out->year = (short)y;
    out->month = (unsigned char)m;
    out->day = (unsigned char)d;
    return ZG_OK;
}

/* A date as written (see zg_query.h). */
char *
zg_date_format(zg_date d, char *buf, size_t size)
{
    if (d.month == 0)
        snprintf(buf, size, "%04d", d.year);
    else if (d.day == 0)
        snprintf(buf, size, "%04d-%02d", d.year, d.month);
    else
        snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

/* Whether `d` names a real calendar date at its precision. */
int
zg_query__date_ok(zg_date d)
{
    if (d.year < 1 || d.year > 9999 || d.month > 12)
        return 0;
    if (d.month == 0)
        return d.day == 0;
    return d.day <= zg_rule_month_days(d.year, d.month);
}

/* Rank of each kind in the order of zg_value_order(). */
static int
kind_rank(zg_value_kind k)
{
    switch (k) {
    case ZG_VAL_MAP: return 0;
    case ZG_VAL_NODE: return 1;
    case ZG_VAL_EDGE: return 2;
    case ZG_VAL_LIST: return 3;
    case ZG_VAL_PATH: return 4;
    case ZG_VAL_DATE: return 5;
    case ZG_VAL_STRING: return 6;
    case ZG_VAL_BOOL: return 7;
    case ZG_VAL_INT:
    case ZG_VAL_NUMBER: return 8;
    case ZG_VAL_NULL: break;
    }
    return 9;
}

static int
cmp_ll(long long a, long long b)
{
    return (a > b) - (a < b);
}

/* Integers and floats by value; an integer before a float equal to it;
 * NaN after every other number and equal to itself. */
static int
cmp_numbers(const zg_value *a, const zg_value *b)
{
    if (a->kind == ZG_VAL_INT && b->kind == ZG_VAL_INT)
        return cmp_ll(a->i, b->i);
    if (a->kind == ZG_VAL_NUMBER && b->kind == ZG_VAL_NUMBER) {
        if (isnan(a->num) || isnan(b->num))
            return isnan(a->num) - isnan(b->num);
        return (a->num > b->num) - (a->num < b->num);
    }
    if (a->kind == ZG_VAL_NUMBER)
        return -cmp_numbers(b, a);
    /* a integer, b float */
    if (isnan(b->num))
        return -1;
    {
        /* Compare exactly: beyond 2^53 the double's integer part decides. */
        double f = b->num;
        if (f >= 9223372036854775808.0)
            return -1;
        if (f < -9223372036854775808.0)
            return 1;
        long long t = (long long)f;
        if (a->i != t)
            return cmp_ll(a->i, t);
        if (f > (double)t)
            return -1;
        if (f < (double)t)
            return 1;
        return -1; /* equal values: the integer first */
    }
}

/* The first day a date names, as YYYYMMDD. */
static long
date_first(zg_date d)
{
    return d.year * 10000L + d.month * 100L + d.day;
}

/* Elements of two sequences one by one, then the shorter first. */
static int
cmp_seq(const zg_value *a, size_t na, const zg_value *b, size_t nb)
{
    for (size_t i = 0; i < na && i < nb; i++) {
        int c = zg_value_order(&a[i], &b[i]);
        if (c != 0)
            return c;
    }
    return (na > nb) - (na < nb);
}

/* The order of values for sorting and removing duplicates (zg_query.h). */
int
zg_value_order(const zg_value *a, const zg_value *b)
{
    int ra = kind_rank(a->kind), rb = kind_rank(b->kind);

    if (ra != rb)
        return (ra > rb) - (ra < rb);
    switch (a->kind) {
    case ZG_VAL_NODE:
    case ZG_VAL_EDGE: return (a->id > b->id) - (a->id < b->id);
    case ZG_VAL_STRING: {
        int c = strcmp(a->str, b->str);
        return (c > 0) - (c < 0);
    }
    case ZG_VAL_BOOL: return cmp_ll(a->i, b->i);
    case ZG_VAL_INT:
    case ZG_VAL_NUMBER: return cmp_numbers(a, b);
    case ZG_VAL_DATE: {
        long fa = date_first(a->date), fb = date_first(b->date);
        return (fa > fb) - (fa < fb);
    }
    case ZG_VAL_LIST:
    case ZG_VAL_PATH: return cmp_seq(a->items, a->n, b->items, b->n);
    case ZG_VAL_MAP: return cmp_seq(a->items, 2 * a->n, b->items, 2 * b->n);
    case ZG_VAL_NULL: break;
    }
    return 0;
}
