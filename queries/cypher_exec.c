/* SPDX-License-Identifier: MIT */
/*
 * The executor of the Cypher-style query language: compiling a query
 * (parse, check, numbering what a run resolves), and running it as a
 * pipeline of clauses that push rows (see cypher_exec.h): MATCH and
 * OPTIONAL MATCH through the pattern matcher, UNWIND, WITH and RETURN with
 * aggregation, DISTINCT, ORDER BY, SKIP, LIMIT and WHERE, and UNION.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cypher_exec.h"

/* The bound of a variable-length pattern written without one. */
#define DEFAULT_MAX_HOPS 25u
/* The work budget of a run that sets none: rows made and relations
 * followed. */
#define DEFAULT_MAX_WORK 100000000ull

static zg_status
nomem(zg_error *err)
{
    return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/* ---- compiling ---- */

typedef struct numbering {
    size_t width, names;
} numbering;

static void
number(zg_cypher_node *n, numbering *nb)
{
    size_t i;

    if (n == NULL)
        return;
    if (n->kind == ZG_CN_LABEL || n->kind == ZG_CN_TYPE)
        n->slot = (int)nb->names++;
    else if (n->slot >= 0 && (size_t)n->slot + 1 > nb->width)
        nb->width = (size_t)n->slot + 1;
    for (i = 0; i < n->n_kids; i++)
        number(n->kids[i], nb);
}

/* Give each aggregate under `e` (not inside another) the next index. */
static void
number_aggs(zg_cypher_node *e, size_t *n)
{
    size_t i;

    if (e == NULL)
        return;
    if (zg_cypher__is_aggregate(e)) {
        e->slot = (int)(*n)++;
        return;
    }
    for (i = 0; i < e->n_kids; i++)
        number_aggs(e->kids[i], n);
}

static const char *const write_clauses[] = {
    [ZG_CN_CREATE] = "CREATE", [ZG_CN_MERGE] = "MERGE",
    [ZG_CN_SET] = "SET",       [ZG_CN_DELETE] = "DELETE",
    [ZG_CN_REMOVE] = "REMOVE", [ZG_CN_FOREACH] = "FOREACH"};

static const zg_cypher_node *
kid_of(const zg_cypher_node *n, zg_cypher_kind k)
{
    size_t i;

    for (i = 0; i < n->n_kids; i++)
        if (n->kids[i] && n->kids[i]->kind == k)
            return n->kids[i];
    return NULL;
}

/* A CALL names a procedure, gives it as many arguments as it takes and
 * yields columns it has; only the last clause may leave YIELD out (and
 * answer with every column). */
static zg_status
prepare_call(const zg_cypher_node *c, int last, zg_error *err)
{
    const zg_cy_proc *p = zg_cy__proc(c->text);
    const zg_cypher_node *args = kid_of(c, ZG_CN_ARGS);
    const zg_cypher_node *yield = kid_of(c, ZG_CN_YIELD);
    size_t n = args ? args->n_kids : 0, i, k;

    if (p == NULL)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, c->line, c->column,
                            "%u:%u: ProcedureNotFound: there is no procedure "
                            "'%s' (there are %s)",
                            c->line, c->column, c->text, zg_cy__proc_names());
    if (n < p->min_args || n > p->max_args)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, c->line, c->column,
                            "%u:%u: InvalidNumberOfArguments: %s takes %u to "
                            "%u arguments, not %zu",
                            c->line, c->column, p->name, p->min_args,
                            p->max_args, n);
    if (yield == NULL || (yield->flags & ZG_CF_STAR)) {
        if (!last)
            return zg_error_set(err, ZG_ERR_INVALID, NULL, c->line, c->column,
                                "%u:%u: InvalidClauseComposition: a "
                                "procedure inside a query names the columns "
                                "it yields (YIELD column, ...)",
                                c->line, c->column);
        return ZG_OK;
    }
    for (i = 0; i < yield->n_kids; i++) {
        const zg_cypher_node *it = yield->kids[i];
        if (it->kind != ZG_CN_ITEM)
            continue;
        for (k = 0; p->cols[k]; k++)
            if (strcmp(p->cols[k], it->kids[0]->text) == 0)
                break;
        if (p->cols[k] == NULL)
            return zg_error_set(err, ZG_ERR_INVALID, NULL, it->line, it->column,
                                "%u:%u: UndefinedVariable: %s yields no "
                                "column '%s'",
                                it->line, it->column, p->name,
                                it->kids[0]->text);
    }
    return ZG_OK;
}

/* Refuse what the executor does not run; number the projections'
 * aggregates and find the widest row. */
static zg_status
prepare_single(zg_cypher *q, zg_cypher_node *single, zg_error *err)
{
    size_t i, j, prev = 0;

    for (i = 0; i < single->n_kids; i++) {
        zg_cypher_node *c = single->kids[i];
        if (c->kind < sizeof write_clauses / sizeof *write_clauses &&
            write_clauses[c->kind])
            return zg_error_set(err, ZG_ERR_INVALID, NULL, c->line, c->column,
                                "%u:%u: ReadOnly: queries read the graph; "
                                "%s would change it",
                                c->line, c->column, write_clauses[c->kind]);
        if (c->kind == ZG_CN_CALL)
            ZG_TRY(prepare_call(c, i + 1 == single->n_kids, err));
        if (c->kind == ZG_CN_WITH || c->kind == ZG_CN_RETURN) {
            size_t n = 0;
            for (j = 0; j < c->n_kids; j++) {
                zg_cypher_node *k = c->kids[j];
                if (k->kind == ZG_CN_ITEM)
                    number_aggs(k->kids[0], &n);
                else if (k->kind == ZG_CN_ORDER)
                    number_aggs(k, &n);
            }
            if (n > q->n_agg)
                q->n_agg = n;
            if (prev + (size_t)c->slot > q->width)
                q->width = prev + (size_t)c->slot;
        }
        prev = (size_t)c->slot;
    }
    return ZG_OK;
}

/* The names of the variables of the row a RETURN of `single` gets, by
 * slot, in `names` (q->width entries). */
static void
row_names(const zg_cypher_node *single, size_t upto, const char **names,
          size_t width)
{
    size_t i, j, k;

    memset(names, 0, width * sizeof *names);
    for (i = 0; i < upto; i++) {
        const zg_cypher_node *c = single->kids[i];
        switch (c->kind) {
        case ZG_CN_MATCH:
            for (j = 0; j < c->n_kids; j++) {
                const zg_cypher_node *p = c->kids[j];
                if (p->kind != ZG_CN_PATH)
                    continue;
                if (p->text)
                    names[p->slot] = p->text;
                for (k = 0; k < p->n_kids; k++)
                    if (p->kids[k]->text)
                        names[p->kids[k]->slot] = p->kids[k]->text;
            }
            break;
        case ZG_CN_UNWIND: names[c->kids[1]->slot] = c->kids[1]->text; break;
        case ZG_CN_WITH:
            if (!(c->flags & ZG_CF_STAR)) /* a new row */
                memset(names, 0, width * sizeof *names);
            for (j = 0; j < c->n_kids; j++) {
                const zg_cypher_node *it = c->kids[j];
                if (it->kind != ZG_CN_ITEM)
                    continue;
                names[it->slot] = it->text ? it->text : it->kids[0]->text;
            }
            break;
        default: break;
        }
    }
}

/* The name of RETURN item `it`: its alias, or the expression as written. */
static const char *
item_name(const zg_cypher *q, zg_arena *a, const zg_cypher_node *it)
{
    if (it->text)
        return it->text;
    return zg_arena_strndup(a, q->text + it->ival,
                            (size_t)(it->max - it->ival));
}

typedef struct colref {
    const char *name;
    size_t slot;
} colref;

static int
colref_cmp(const void *a, const void *b)
{
    return strcmp(((const colref *)a)->name, ((const colref *)b)->name);
}

/* The columns of `single`'s RETURN: names and the slots they come from. */
static zg_status
return_columns(const zg_cypher *q, zg_arena *a, const zg_cypher_node *single,
               colref **out, size_t *n, zg_error *err)
{
    const zg_cypher_node *ret = single->kids[single->n_kids - 1];
    const char **names = NULL;
    colref *cols = NULL;
    size_t w_in =
        single->n_kids > 1 ? (size_t)single->kids[single->n_kids - 2]->slot : 0;
    size_t i, k = 0;

    *out = NULL;
    *n = 0;
    if (ret->kind == ZG_CN_CALL) { /* a CALL that ends the query: all */
        const zg_cy_proc *p = zg_cy__proc(ret->text);
        size_t nc = zg_cy__proc_cols(p);
        if ((cols = zg_arena_alloc(a, (nc + 1) * sizeof *cols)) == NULL)
            return nomem(err);
        for (k = 0; k < nc; k++) {
            cols[k].name = p->cols[k];
            cols[k].slot = k;
        }
        *out = cols;
        *n = nc;
        return ZG_OK;
    }
    if (ret->kind != ZG_CN_RETURN)
        return ZG_OK;
    cols = zg_arena_alloc(a, (ret->n_kids + w_in + 1) * sizeof *cols);
    names = calloc(q->width + 1, sizeof *names);
    if (cols == NULL || names == NULL) {
        free(names);
        return nomem(err);
    }
    if (ret->flags & ZG_CF_STAR) {
        row_names(single, single->n_kids - 1, names, q->width);
        for (i = 0; i < w_in; i++)
            if (names[i]) {
                cols[k].name = names[i];
                cols[k++].slot = i;
            }
        qsort(cols, k, sizeof *cols, colref_cmp);
    }
    free(names);
    for (i = 0; i < ret->n_kids; i++) {
        const zg_cypher_node *it = ret->kids[i];
        if (it->kind != ZG_CN_ITEM)
            continue;
        if ((cols[k].name = item_name(q, a, it)) == NULL)
            return nomem(err);
        cols[k++].slot = (size_t)it->slot;
    }
    *out = cols;
    *n = k;
    return ZG_OK;
}

void
zg_cypher_free(zg_cypher *q)
{
    if (q == NULL)
        return;
    zg_arena_free(&q->arena);
    free(q);
}

zg_status
zg_cypher_compile(zg_cypher **out, const char *text, size_t len, zg_error *err)
{
    zg_cypher *q = NULL;
    numbering nb = {0, 0};
    zg_status st = ZG_OK;
    colref *cols = NULL;
    size_t i, n = 0;
    char *copy;

    *out = NULL;
    if ((q = calloc(1, sizeof *q)) == NULL)
        return nomem(err);
    zg_arena_init(&q->arena);
    if ((copy = zg_arena_alloc(&q->arena, len + 1)) == NULL) {
        st = nomem(err);
        goto out;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    q->text = copy;
    q->len = len;
    if ((st = zg_cypher__parse(&q->arena, q->text, len, &q->root, err)) !=
            ZG_OK ||
        (st = zg_cypher__check(q->root, err)) != ZG_OK)
        goto out;
    number(q->root, &nb);
    q->width = nb.width;
    q->n_names = nb.names;
    for (i = 0; i < q->root->n_kids; i++) {
        zg_cypher_node *s = q->root->kids[i];
        if (s->kind == ZG_CN_UNION)
            s = s->kids[0];
        if ((st = prepare_single(q, s, err)) != ZG_OK)
            goto out;
    }
    if (q->root->flags & ZG_CF_EXPLAIN) {
        static const char *plan[] = {"plan"};
        q->cols = plan;
        q->ncols = 1;
    } else {
        if ((st = return_columns(q, &q->arena, q->root->kids[0], &cols, &n,
                                 err)) != ZG_OK)
            goto out;
        q->cols = zg_arena_alloc(&q->arena, (n + 1) * sizeof *q->cols);
        if (q->cols == NULL) {
            st = nomem(err);
            goto out;
        }
        for (i = 0; i < n; i++)
            q->cols[i] = cols[i].name;
        q->ncols = n;
    }
    *out = q;
    q = NULL;
out:
    zg_cypher_free(q);
    return st;
}

int
zg_cypher_profiled(const zg_cypher *q)
{
    return (q->root->flags & ZG_CF_PROFILE) != 0;
}

size_t
zg_cypher_ncols(const zg_cypher *q)
{
    return q->ncols;
}

const char *
zg_cypher_colname(const zg_cypher *q, size_t col)
{
    return col < q->ncols ? q->cols[col] : NULL;
}

/* ---- values: hashing for groups ---- */

static uint64_t
vhash(const zg_value *v)
{
    uint64_t h = zg_hash_mix64((uint64_t)v->kind + 0x9e37u);
    size_t i;
    double d;

    switch (v->kind) {
    case ZG_VAL_NODE:
    case ZG_VAL_EDGE: return zg_hash_mix64(h ^ v->id);
    case ZG_VAL_STRING: return h ^ zg_hash_bytes(v->str, strlen(v->str));
    case ZG_VAL_INT:
    case ZG_VAL_BOOL: return zg_hash_mix64(h ^ (uint64_t)v->i);
    case ZG_VAL_NUMBER: {
        uint64_t bits;
        d = v->num == 0 ? 0.0 : isnan(v->num) ? NAN : v->num;
        memcpy(&bits, &d, sizeof bits);
        return zg_hash_mix64(h ^ bits);
    }
    case ZG_VAL_DATE:
        return zg_hash_mix64(h ^ ((uint64_t)(uint16_t)v->date.year << 16) ^
                             ((uint64_t)v->date.month << 8) ^ v->date.day);
    case ZG_VAL_LIST:
    case ZG_VAL_PATH:
    case ZG_VAL_MAP:
        for (i = 0; i < (v->kind == ZG_VAL_MAP ? 2 * v->n : v->n); i++)
            h = zg_hash_mix64(h ^ vhash(&v->items[i]));
        return h;
    case ZG_VAL_NULL: break;
    }
    return h;
}

static int
row_cmp(const zg_value *a, const zg_value *b, size_t n)
{
    size_t i;
    int d;

    for (i = 0; i < n; i++)
        if ((d = zg_value_order(&a[i], &b[i])) != 0)
            return d;
    return 0;
}

/* ---- aggregates ---- */

typedef struct acc {
    long long count, isum;
    double fsum;
    int is_float;
    int has_best;
    zg_value best; /* min, max */
    zg_value *vals;
    size_t n, cap;
    zg_value arg2; /* percentiles: the percentile */
} acc;

typedef enum agg_fn {
    AGG_COUNT_STAR,
    AGG_COUNT,
    AGG_SUM,
    AGG_AVG,
    AGG_MIN,
    AGG_MAX,
    AGG_COLLECT,
    AGG_STDEV,
    AGG_STDEVP,
    AGG_PCONT,
    AGG_PDISC
} agg_fn;

static agg_fn
agg_of(const zg_cypher_node *e)
{
    static const struct {
        const char *name;
        agg_fn fn;
    } fns[] = {{"count", AGG_COUNT},
               {"sum", AGG_SUM},
               {"avg", AGG_AVG},
               {"min", AGG_MIN},
               {"max", AGG_MAX},
               {"collect", AGG_COLLECT},
               {"stdev", AGG_STDEV},
               {"stdevp", AGG_STDEVP},
               {"percentilecont", AGG_PCONT},
               {"percentiledisc", AGG_PDISC}};
    size_t i;

    if (e->kind == ZG_CN_COUNT_STAR)
        return AGG_COUNT_STAR;
    for (i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (strcasecmp(fns[i].name, e->text) == 0)
            return fns[i].fn;
    return AGG_COUNT;
}

/* Whether the aggregate keeps every value it is given. */
static int
keeps_values(const zg_cypher_node *e, agg_fn f)
{
    return (e->flags & ZG_CF_DISTINCT) || f == AGG_COLLECT || f == AGG_STDEV ||
           f == AGG_STDEVP || f == AGG_PCONT || f == AGG_PDISC;
}

static zg_status
acc_keep(zg_cypher_rt *rt, acc *a, const zg_value *v)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 8;
        zg_value *t = realloc(a->vals, cap * sizeof *t);
        if (t == NULL)
            return nomem(rt->err);
        a->vals = t;
        a->cap = cap;
    }
    a->vals[a->n++] = *v;
    return ZG_OK;
}

/* Fold value `v` (not null) into a running count, sum, min or max. */
static zg_status
acc_fold(zg_cypher_rt *rt, const zg_cypher_node *e, agg_fn f, acc *a,
         const zg_value *v)
{
    a->count++;
    switch (f) {
    case AGG_SUM:
    case AGG_AVG:
        if (v->kind == ZG_VAL_INT && !a->is_float) {
            if (__builtin_add_overflow(a->isum, v->i, &a->isum))
                return zg_cypher__fail(rt, e, "ArithmeticError",
                                       "%s() went past the integer range",
                                       e->text);
        } else if (v->kind == ZG_VAL_INT || v->kind == ZG_VAL_NUMBER) {
            if (!a->is_float) {
                a->fsum = (double)a->isum;
                a->is_float = 1;
            }
            a->fsum += v->kind == ZG_VAL_INT ? (double)v->i : v->num;
        } else {
            return zg_cypher__fail(
                rt, e, "TypeError", "%s() takes numbers, not %s", e->text,
                v->kind == ZG_VAL_STRING ? "a string" : "this value");
        }
        break;
    case AGG_MIN:
    case AGG_MAX:
        if (!a->has_best || (f == AGG_MIN ? zg_value_order(v, &a->best) < 0
                                          : zg_value_order(v, &a->best) > 0))
            a->best = *v;
        a->has_best = 1;
        break;
    default: break;
    }
    return ZG_OK;
}

static zg_status
acc_add(zg_cypher_rt *rt, const zg_cypher_node *e, acc *a, zg_value *row)
{
    agg_fn f = agg_of(e);
    zg_value v;

    if (f == AGG_COUNT_STAR) {
        a->count++;
        return ZG_OK;
    }
    ZG_TRY(zg_cypher__eval(rt, e->kids[0], row, &v));
    if ((f == AGG_PCONT || f == AGG_PDISC) && a->arg2.kind == ZG_VAL_NULL)
        ZG_TRY(zg_cypher__eval(rt, e->kids[1], row, &a->arg2));
    if (v.kind == ZG_VAL_NULL)
        return ZG_OK;
    if (keeps_values(e, f))
        return acc_keep(rt, a, &v);
    return acc_fold(rt, e, f, a, &v);
}

typedef struct ordered {
    const zg_value *v;
    size_t i;
} ordered;

static int
ordered_cmp(const void *a, const void *b)
{
    const ordered *x = a, *y = b;
    int d = zg_value_order(x->v, y->v);

    if (d)
        return d;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Drop repeats from a->vals, keeping first occurrences in their order. */
static zg_status
acc_distinct(zg_cypher_rt *rt, acc *a)
{
    ordered *o = NULL;
    unsigned char *drop = NULL;
    size_t i, k = 0;

    if (a->n < 2)
        return ZG_OK;
    o = malloc(a->n * sizeof *o);
    drop = calloc(a->n, 1);
    if (o == NULL || drop == NULL) {
        free(o);
        free(drop);
        return nomem(rt->err);
    }
    for (i = 0; i < a->n; i++) {
        o[i].v = &a->vals[i];
        o[i].i = i;
    }
    qsort(o, a->n, sizeof *o, ordered_cmp);
    for (i = 1; i < a->n; i++)
        if (zg_value_order(o[i].v, o[i - 1].v) == 0)
            drop[o[i].i] = 1;
    for (i = 0; i < a->n; i++)
        if (!drop[i])
            a->vals[k++] = a->vals[i];
    a->n = k;
    free(o);
    free(drop);
    return ZG_OK;
}

static int
number_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static zg_status
acc_result(zg_cypher_rt *rt, const zg_cypher_node *e, acc *a, zg_value *out)
{
    agg_fn f = agg_of(e);
    double *nums = NULL, mean = 0, ss = 0, p;
    size_t i;

    memset(out, 0, sizeof *out);
    if (keeps_values(e, f)) {
        if (e->flags & ZG_CF_DISTINCT)
            ZG_TRY(acc_distinct(rt, a));
        if (f == AGG_COLLECT) {
            out->kind = ZG_VAL_LIST;
            out->n = a->n;
            if (a->n) {
                zg_value *items =
                    zg_arena_alloc(rt->arena, a->n * sizeof *items);
                if (items == NULL)
                    return nomem(rt->err);
                memcpy(items, a->vals, a->n * sizeof *items);
                out->items = items;
            }
            return ZG_OK;
        }
        if (f != AGG_STDEV && f != AGG_STDEVP && f != AGG_PCONT &&
            f != AGG_PDISC) {
            for (i = 0; i < a->n; i++)
                ZG_TRY(acc_fold(rt, e, f, a, &a->vals[i]));
            goto fold;
        }
        if (a->n && (nums = malloc(a->n * sizeof *nums)) == NULL)
            return nomem(rt->err);
        for (i = 0; i < a->n; i++) {
            const zg_value *v = &a->vals[i];
            if (v->kind != ZG_VAL_INT && v->kind != ZG_VAL_NUMBER) {
                free(nums);
                return zg_cypher__fail(rt, e, "TypeError", "%s() takes numbers",
                                       e->text);
            }
            nums[i] = v->kind == ZG_VAL_INT ? (double)v->i : v->num;
        }
        out->kind = ZG_VAL_NUMBER;
        if (f == AGG_STDEV || f == AGG_STDEVP) {
            for (i = 0; i < a->n; i++)
                mean += nums[i];
            mean = a->n ? mean / (double)a->n : 0;
            for (i = 0; i < a->n; i++)
                ss += (nums[i] - mean) * (nums[i] - mean);
            if (f == AGG_STDEV)
                out->num = a->n > 1 ? sqrt(ss / (double)(a->n - 1)) : 0;
            else
                out->num = a->n ? sqrt(ss / (double)a->n) : 0;
            free(nums);
            return ZG_OK;
        }
        p = a->arg2.kind == ZG_VAL_INT ? (double)a->arg2.i : a->arg2.num;
        if ((a->arg2.kind != ZG_VAL_INT && a->arg2.kind != ZG_VAL_NUMBER) ||
            !(p >= 0 && p <= 1)) {
            free(nums);
            return zg_cypher__fail(rt, e, "ArgumentError",
                                   "%s() takes a percentile from 0.0 to 1.0",
                                   e->text);
        }
        if (a->n == 0) {
            out->kind = ZG_VAL_NULL;
            free(nums);
            return ZG_OK;
        }
        qsort(nums, a->n, sizeof *nums, number_cmp);
        if (f == AGG_PDISC) {
            double at = ceil(p * (double)a->n) - 1;
            size_t k = at < 0 ? 0 : (size_t)at;
            /* the value itself, with its kind */
            for (i = 0; i < a->n; i++) {
                const zg_value *v = &a->vals[i];
                double d = v->kind == ZG_VAL_INT ? (double)v->i : v->num;
                if (d == nums[k]) {
                    *out = *v;
                    break;
                }
            }
        } else {
            double at = p * (double)(a->n - 1);
            size_t lo = (size_t)floor(at), hi = (size_t)ceil(at);
            out->num = nums[lo] + (nums[hi] - nums[lo]) * (at - (double)lo);
        }
        free(nums);
        return ZG_OK;
    }
fold:
    switch (f) {
    case AGG_COUNT_STAR:
    case AGG_COUNT:
        out->kind = ZG_VAL_INT;
        out->i = a->count;
        break;
    case AGG_SUM:
        if (a->is_float) {
            out->kind = ZG_VAL_NUMBER;
            out->num = a->fsum;
        } else {
            out->kind = ZG_VAL_INT;
            out->i = a->isum;
        }
        break;
    case AGG_AVG:
        if (a->count) {
            out->kind = ZG_VAL_NUMBER;
            out->num =
                (a->is_float ? a->fsum : (double)a->isum) / (double)a->count;
        }
        break;
    case AGG_MIN:
    case AGG_MAX:
        if (a->has_best)
            *out = a->best;
        break;
    default: break;
    }
    return ZG_OK;
}

/* ---- the clauses of a run ---- */

typedef struct cst cst;

/* One group of an aggregating projection. */
typedef struct group {
    zg_value *rep;  /* the first row of the group (w_in values) */
    zg_value *keys; /* its grouping keys */
    acc *accs;      /* one per aggregate */
} group;

struct cst {
    zg_cypher_node *c;
    size_t w_in, w_out;
    zg_cy_match m; /* MATCH */
    /* CALL: the procedure, its arguments and what it yields (NULL: every
     * column, as the query's answer) */
    const zg_cy_proc *proc;
    const zg_cypher_node *args, *yield;
    /* WITH and RETURN */
    zg_cypher_node **items;
    size_t n_items;
    zg_cypher_node *order;
    const zg_cypher_node *where;
    long long skip, limit; /* -1: none */
    int star, distinct, blocking;
    size_t n_agg, n_keys; /* aggregates; items without one (the keys) */
    zg_cypher_node **aggs;
    unsigned long long seen, passed;
    unsigned long long rows; /* rows handed on (PROFILE) */
    zg_value *out;           /* the row handed on */
    zg_value *comb;          /* the row got, then the new one */
    /* Where expressions are evaluated: a copy of the row they read, with
     * room after it for the variables of list comprehensions and the like,
     * which would otherwise overwrite the new row or the sort keys. */
    zg_value *scope;
    /* rows held until the input ends: row got, new row, sort keys */
    zg_value *held;
    size_t n_held, cap_held, stride;
    /* groups */
    group *groups;
    size_t n_groups, cap_groups;
    uint32_t *table; /* open addressing: group index + 1, or 0 */
    size_t table_size;
};

typedef struct runner runner;
typedef int (*sink_fn)(runner *rn, const zg_value *row);

struct runner {
    zg_cy_exec x;
    cst *st;
    size_t n;
    const colref *cols;
    size_t ncols;
    zg_value *outrow;
    /* where rows go */
    zg_result *result;
    zg_cypher_row_fn fn;
    void *ctx;
    zg_strbuf *profile; /* the plan with rows per clause, or NULL */
    int stopped;        /* the caller wants no more rows */
    /* UNION without ALL: rows held to drop repeats */
    int hold;
    zg_value *kept;
    size_t n_kept, cap_kept;
};

static int push(runner *rn, size_t i, zg_value *row);

static int
deliver(runner *rn, const zg_value *row)
{
    zg_cy_exec *x = &rn->x;

    if (rn->result)
        return zg_result_add_row(rn->result, row, x->rt.err) == ZG_OK
                   ? ZG_CY_GO
                   : ZG_CY_FAIL;
    if (rn->fn && rn->fn(rn->ctx, row, rn->ncols) != 0) {
        rn->stopped = 1;
        return ZG_CY_STOP;
    }
    return ZG_CY_GO;
}

/* The end of the pipeline: the RETURN's row, in the columns' order. */
static int
sink(runner *rn, const zg_value *row)
{
    size_t j;

    for (j = 0; j < rn->ncols; j++)
        rn->outrow[j] = row[rn->cols[j].slot];
    if (rn->hold) {
        if (rn->n_kept + rn->ncols > rn->cap_kept) {
            size_t cap = rn->cap_kept ? 2 * rn->cap_kept : 64 * rn->ncols;
            zg_value *k;
            while (cap < rn->n_kept + rn->ncols)
                cap *= 2;
            if ((k = realloc(rn->kept, cap * sizeof *k)) == NULL) {
                nomem(rn->x.rt.err);
                return ZG_CY_FAIL;
            }
            rn->kept = k;
            rn->cap_kept = cap;
        }
        memcpy(rn->kept + rn->n_kept, rn->outrow, rn->ncols * sizeof *row);
        rn->n_kept += rn->ncols;
        return ZG_CY_GO;
    }
    return deliver(rn, rn->outrow);
}

/* -- MATCH -- */

typedef struct match_arg {
    runner *rn;
    size_t next;
    size_t emitted;
} match_arg;

static int
match_emit(zg_cy_exec *x, void *arg, zg_value *row)
{
    match_arg *ma = arg;

    (void)x;
    ma->emitted++;
    return push(ma->rn, ma->next, row);
}

static int
run_match(runner *rn, size_t i, zg_value *row)
{
    cst *st = &rn->st[i];
    zg_cy_exec *x = &rn->x;
    match_arg ma = {rn, i + 1, 0};
    size_t s;
    int r;

    st->m.emit = match_emit;
    st->m.arg = &ma;
    memset(x->bound, 0, rn->x.q->width);
    memset(x->bound, 1, st->w_in);
    r = zg_cy__match(x, &st->m, row);
    if (r != ZG_CY_GO || ma.emitted || !(st->c->flags & ZG_CF_OPTIONAL))
        return r;
    for (s = st->w_in; s < st->w_out; s++)
        memset(&row[s], 0, sizeof row[s]);
    return push(rn, i + 1, row);
}

/* -- UNWIND -- */

static int
run_unwind(runner *rn, size_t i, zg_value *row)
{
    cst *st = &rn->st[i];
    const zg_cypher_node *c = st->c;
    int slot = c->kids[1]->slot;
    zg_value v;
    size_t k;
    int r;

    if (zg_cypher__eval(&rn->x.rt, c->kids[0], row, &v) != ZG_OK)
        return ZG_CY_FAIL;
    if (v.kind == ZG_VAL_NULL)
        return ZG_CY_GO;
    if (v.kind != ZG_VAL_LIST) {
        row[slot] = v;
        return push(rn, i + 1, row);
    }
    for (k = 0; k < v.n; k++) {
        row[slot] = v.items[k];
        if ((r = push(rn, i + 1, row)) != ZG_CY_GO)
            return r;
    }
    return ZG_CY_GO;
}

/* -- CALL -- */

static int
keep_answer(zg_cy_exec *x, zg_result *r)
{
    if (x->n_answers == x->cap_answers) {
        size_t cap = x->cap_answers ? 2 * x->cap_answers : 8;
        zg_result **a = realloc(x->answers, cap * sizeof *a);
        if (a == NULL) {
            zg_result_free(r);
            nomem(x->rt.err);
            return ZG_CY_FAIL;
        }
        x->answers = a;
        x->cap_answers = cap;
    }
    x->answers[x->n_answers++] = r;
    return ZG_CY_GO;
}

static int
run_call(runner *rn, size_t i, zg_value *row)
{
    cst *st = &rn->st[i];
    zg_cy_exec *x = &rn->x;
    size_t n = st->args ? st->args->n_kids : 0, nc, k, j;
    zg_value *args = NULL, *all = NULL;
    const zg_cypher_node *where = NULL;
    zg_result *r = NULL;
    zg_cypher_truth t;
    int rc = ZG_CY_GO;

    args = zg_arena_alloc(x->rt.arena, (n + 1) * sizeof *args);
    if (args == NULL) {
        nomem(x->rt.err);
        return ZG_CY_FAIL;
    }
    for (k = 0; k < n; k++)
        if (zg_cypher__eval(&x->rt, st->args->kids[k], row, &args[k]) != ZG_OK)
            return ZG_CY_FAIL;
    if (st->proc->run(x, st->c, args, n, &r) != ZG_OK ||
        keep_answer(x, r) != ZG_CY_GO)
        return ZG_CY_FAIL;
    nc = zg_cy__proc_cols(st->proc);
    if (st->yield == NULL &&
        (all = zg_arena_alloc(x->rt.arena, (nc + 1) * sizeof *all)) == NULL) {
        nomem(x->rt.err);
        return ZG_CY_FAIL;
    }
    if (st->yield && st->yield->n_kids &&
        st->yield->kids[st->yield->n_kids - 1]->kind == ZG_CN_WHERE)
        where = st->yield->kids[st->yield->n_kids - 1]->kids[0];
    for (k = 0; k < zg_result_rows(r) && rc == ZG_CY_GO; k++) {
        if (zg_cy__work(x, st->c) != ZG_CY_GO)
            return ZG_CY_FAIL;
        if (st->yield == NULL) { /* the query's answer: every column */
            for (j = 0; j < nc; j++)
                all[j] =
                    *zg_result_cell(r, k, zg_result_col(r, st->proc->cols[j]));
            rc = push(rn, i + 1, all);
            continue;
        }
        for (j = 0; j < st->yield->n_kids; j++) {
            const zg_cypher_node *it = st->yield->kids[j];
            if (it->kind == ZG_CN_ITEM)
                row[it->slot] =
                    *zg_result_cell(r, k, zg_result_col(r, it->kids[0]->text));
        }
        if (where) {
            if (zg_cypher__truth(&x->rt, where, row, &t) != ZG_OK)
                return ZG_CY_FAIL;
            if (t != ZG_CY_TRUE)
                continue;
        }
        rc = push(rn, i + 1, row);
    }
    return rc;
}

/* -- WITH and RETURN -- */

/* Evaluate the items over comb's first part into its second part. */
static int
project(runner *rn, cst *st, zg_value *comb)
{
    zg_value *nw = comb + st->w_in;
    size_t j, k = 0;

    if (st->star)
        for (k = 0; k < st->w_in; k++)
            nw[k] = comb[k];
    memcpy(st->scope, comb, st->w_in * sizeof *comb);
    for (j = 0; j < st->n_items; j++)
        if (zg_cypher__eval(&rn->x.rt, st->items[j]->kids[0], st->scope,
                            &nw[st->items[j]->slot]) != ZG_OK)
            return ZG_CY_FAIL;
    return ZG_CY_GO;
}

/* SKIP, LIMIT, WHERE, then on: for a projected row in `comb`. */
static int
pass_on(runner *rn, size_t i, cst *st, zg_value *comb)
{
    zg_cypher_truth t;

    if (st->limit >= 0 && st->passed >= (unsigned long long)st->limit)
        return ZG_CY_STOP;
    if (st->seen++ < (unsigned long long)(st->skip < 0 ? 0 : st->skip))
        return ZG_CY_GO;
    st->passed++;
    if (st->where) {
        memcpy(st->scope, comb, (st->w_in + st->w_out) * sizeof *comb);
        if (zg_cypher__truth(&rn->x.rt, st->where, st->scope, &t) != ZG_OK)
            return ZG_CY_FAIL;
        if (t != ZG_CY_TRUE)
            goto next;
    }
    memcpy(st->out, comb + st->w_in, st->w_out * sizeof *st->out);
    {
        int r = push(rn, i + 1, st->out);
        if (r != ZG_CY_GO)
            return r;
    }
next:
    if (st->limit >= 0 && st->passed >= (unsigned long long)st->limit)
        return ZG_CY_STOP;
    return ZG_CY_GO;
}

static int
hold_row(runner *rn, cst *st, const zg_value *comb, zg_value **slot)
{
    if (st->n_held == st->cap_held) {
        size_t cap = st->cap_held ? 2 * st->cap_held : 64;
        zg_value *h = realloc(st->held, cap * st->stride * sizeof *h);
        if (h == NULL) {
            nomem(rn->x.rt.err);
            return ZG_CY_FAIL;
        }
        st->held = h;
        st->cap_held = cap;
    }
    *slot = st->held + st->n_held++ * st->stride;
    memcpy(*slot, comb, (st->w_in + st->w_out) * sizeof **slot);
    return ZG_CY_GO;
}

/* The sort keys of a held row, evaluated over its first two parts. */
static int
sort_keys(runner *rn, cst *st, zg_value *h)
{
    size_t k;
    zg_value *keys = h + st->w_in + st->w_out;

    if (st->order == NULL)
        return ZG_CY_GO;
    memcpy(st->scope, h, (st->w_in + st->w_out) * sizeof *h);
    for (k = 0; k < st->order->n_kids; k++)
        if (zg_cypher__eval(&rn->x.rt, st->order->kids[k]->kids[0], st->scope,
                            &keys[k]) != ZG_OK)
            return ZG_CY_FAIL;
    return ZG_CY_GO;
}

/* The group of grouping keys `keys` (st->n_keys values), made when new
 * (`*created`). NULL when out of memory. */
static group *
find_group(runner *rn, cst *st, const zg_value *keys, int *created)
{
    uint64_t h = 0x51ed27u;
    size_t j, mask, at;
    group *g;

    *created = 0;
    for (j = 0; j < st->n_keys; j++)
        h = zg_hash_mix64(h ^ vhash(&keys[j]));
    if (2 * (st->n_groups + 1) > st->table_size) {
        size_t size = st->table_size ? 2 * st->table_size : 64;
        uint32_t *t = calloc(size, sizeof *t);
        if (t == NULL)
            goto nomem;
        for (j = 0; j < st->n_groups; j++) {
            uint64_t gh = 0x51ed27u;
            size_t k;
            for (k = 0; k < st->n_keys; k++)
                gh = zg_hash_mix64(gh ^ vhash(&st->groups[j].keys[k]));
            for (at = gh & (size - 1); t[at]; at = (at + 1) & (size - 1))
                ;
            t[at] = (uint32_t)j + 1;
        }
        free(st->table);
        st->table = t;
        st->table_size = size;
    }
    mask = st->table_size - 1;
    for (at = h & mask; st->table[at]; at = (at + 1) & mask) {
        g = &st->groups[st->table[at] - 1];
        if (row_cmp(g->keys, keys, st->n_keys) == 0)
            return g;
    }
    if (st->n_groups == st->cap_groups) {
        size_t cap = st->cap_groups ? 2 * st->cap_groups : 16;
        group *gs = realloc(st->groups, cap * sizeof *gs);
        if (gs == NULL)
            goto nomem;
        st->groups = gs;
        st->cap_groups = cap;
    }
    g = &st->groups[st->n_groups];
    g->rep = malloc((st->w_in + st->n_keys + 1) * sizeof *g->rep);
    g->accs = calloc(st->n_agg + 1, sizeof *g->accs);
    if (g->rep == NULL || g->accs == NULL) {
        free(g->rep);
        free(g->accs);
        goto nomem;
    }
    g->keys = g->rep + st->w_in;
    if (st->n_keys)
        memcpy(g->keys, keys, st->n_keys * sizeof *keys);
    st->table[at] = (uint32_t)++st->n_groups;
    *created = 1;
    return g;
nomem:
    nomem(rn->x.rt.err);
    return NULL;
}

static int
contains_agg(const zg_cypher_node *e)
{
    size_t i;

    if (e == NULL)
        return 0;
    if (zg_cypher__is_aggregate(e))
        return 1;
    for (i = 0; i < e->n_kids; i++)
        if (contains_agg(e->kids[i]))
            return 1;
    return 0;
}

static void
collect_aggs(zg_cypher_node *e, zg_cypher_node **out)
{
    size_t i;

    if (e == NULL)
        return;
    if (zg_cypher__is_aggregate(e)) {
        out[e->slot] = e;
        return;
    }
    for (i = 0; i < e->n_kids; i++)
        collect_aggs(e->kids[i], out);
}

static int
run_projection(runner *rn, size_t i, zg_value *row)
{
    cst *st = &rn->st[i];
    zg_value *comb = st->comb, *h;
    size_t j, k;

    memcpy(comb, row, st->w_in * sizeof *row);
    if (!st->blocking) {
        if (project(rn, st, comb) != ZG_CY_GO)
            return ZG_CY_FAIL;
        return pass_on(rn, i, st, comb);
    }
    if (st->n_agg == 0) {
        if (project(rn, st, comb) != ZG_CY_GO ||
            hold_row(rn, st, comb, &h) != ZG_CY_GO)
            return ZG_CY_FAIL;
        return sort_keys(rn, st, h);
    }
    {
        zg_value *keys = comb + st->w_in + st->w_out;
        group *g;
        int created;
        memcpy(st->scope, comb, st->w_in * sizeof *comb);
        for (j = 0, k = 0; j < st->n_items; j++)
            if (!contains_agg(st->items[j]->kids[0]) &&
                zg_cypher__eval(&rn->x.rt, st->items[j]->kids[0], st->scope,
                                &keys[k++]) != ZG_OK)
                return ZG_CY_FAIL;
        if ((g = find_group(rn, st, keys, &created)) == NULL)
            return ZG_CY_FAIL;
        if (created)
            memcpy(g->rep, comb, st->w_in * sizeof *comb);
        for (j = 0; j < st->n_agg; j++) {
            memcpy(st->scope, comb, st->w_in * sizeof *comb);
            if (acc_add(&rn->x.rt, st->aggs[j], &g->accs[j], st->scope) !=
                ZG_OK)
                return ZG_CY_FAIL;
        }
    }
    return ZG_CY_GO;
}

/* Rows laid out `stride` values apart from `base`: compared on `n` values
 * from `off`, or on sort keys from `off` in the directions `order` says. */
typedef struct rows_view {
    const zg_value *base;
    size_t stride, off, n;
    const zg_cypher_node *order;
} rows_view;

static int
by_values(const rows_view *v, size_t a, size_t b)
{
    return row_cmp(v->base + a * v->stride + v->off,
                   v->base + b * v->stride + v->off, v->n);
}

static int
by_keys(const rows_view *v, size_t a, size_t b)
{
    const zg_value *ka = v->base + a * v->stride + v->off;
    const zg_value *kb = v->base + b * v->stride + v->off;
    size_t k;

    for (k = 0; k < v->order->n_kids; k++) {
        int d = zg_value_order(&ka[k], &kb[k]);
        if (d)
            return (v->order->kids[k]->flags & ZG_CF_DESC) ? -d : d;
    }
    return 0;
}

/* Sort row indexes `idx` (`n`) stably by `cmp`. */
static zg_status
sort_rows(size_t *idx, size_t n, int (*cmp)(const rows_view *, size_t, size_t),
          const rows_view *v, zg_error *err)
{
    size_t *tmp, width, i;

    if (n < 2)
        return ZG_OK;
    if ((tmp = malloc(n * sizeof *tmp)) == NULL)
        return nomem(err);
    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t lo = i, mid = i + width < n ? i + width : n;
            size_t hi = i + 2 * width < n ? i + 2 * width : n;
            size_t a = lo, b = mid, k = lo;
            while (a < mid && b < hi)
                tmp[k++] = cmp(v, idx[b], idx[a]) < 0 ? idx[b++] : idx[a++];
            while (a < mid)
                tmp[k++] = idx[a++];
            while (b < hi)
                tmp[k++] = idx[b++];
        }
        memcpy(idx, tmp, n * sizeof *idx);
    }
    free(tmp);
    return ZG_OK;
}

/* Keep in `idx` (rows 0..*n-1 in order) each row once, by the values `v`
 * compares: the first of each; `*n` becomes how many are left. */
static zg_status
drop_repeats(size_t *idx, size_t *n, const rows_view *v, zg_error *err)
{
    unsigned char *drop;
    size_t j, k;

    if (*n < 2)
        return ZG_OK;
    if ((drop = calloc(*n, 1)) == NULL)
        return nomem(err);
    if (sort_rows(idx, *n, by_values, v, err) != ZG_OK) {
        free(drop);
        return err->status;
    }
    for (j = 1; j < *n; j++)
        if (by_values(v, idx[j], idx[j - 1]) == 0)
            drop[idx[j]] = 1;
    for (j = 0, k = 0; j < *n; j++)
        if (!drop[j])
            idx[k++] = j;
    *n = k;
    free(drop);
    return ZG_OK;
}

static int
finish_projection(runner *rn, size_t i)
{
    cst *st = &rn->st[i];
    zg_cy_exec *x = &rn->x;
    size_t *idx = NULL, n, j, k;
    zg_value *aggv = NULL, *h;
    int r = ZG_CY_GO;

    if (st->n_agg) {
        if (st->n_groups == 0 && st->n_keys == 0) {
            int created;
            group *g = find_group(rn, st, NULL, &created);
            if (g == NULL)
                return ZG_CY_FAIL;
            for (j = 0; j < st->w_in; j++)
                memset(&g->rep[j], 0, sizeof g->rep[j]);
        }
        if ((aggv = calloc(st->n_agg, sizeof *aggv)) == NULL) {
            nomem(x->rt.err);
            return ZG_CY_FAIL;
        }
        x->rt.agg = aggv;
        for (j = 0; j < st->n_groups && r == ZG_CY_GO; j++) {
            group *g = &st->groups[j];
            for (k = 0; k < st->n_agg; k++)
                if (acc_result(&x->rt, st->aggs[k], &g->accs[k], &aggv[k]) !=
                    ZG_OK)
                    r = ZG_CY_FAIL;
            memcpy(st->comb, g->rep, st->w_in * sizeof *st->comb);
            if (r == ZG_CY_GO)
                r = project(rn, st, st->comb);
            if (r == ZG_CY_GO)
                r = hold_row(rn, st, st->comb, &h);
            if (r == ZG_CY_GO)
                r = sort_keys(rn, st, h);
        }
        x->rt.agg = NULL;
        free(aggv);
        if (r != ZG_CY_GO)
            return r;
    }
    n = st->n_held;
    if (n && (idx = malloc(n * sizeof *idx)) == NULL) {
        nomem(x->rt.err);
        return ZG_CY_FAIL;
    }
    for (j = 0; j < n; j++)
        idx[j] = j;
    {
        rows_view v = {st->held, st->stride, st->w_in, st->w_out, st->order};
        if (st->distinct && drop_repeats(idx, &n, &v, x->rt.err) != ZG_OK) {
            free(idx);
            return ZG_CY_FAIL;
        }
        v.off = st->w_in + st->w_out;
        if (st->order && sort_rows(idx, n, by_keys, &v, x->rt.err) != ZG_OK) {
            free(idx);
            return ZG_CY_FAIL;
        }
    }
    for (j = 0; j < n && r == ZG_CY_GO; j++) {
        memcpy(st->comb, st->held + idx[j] * st->stride,
               (st->w_in + st->w_out) * sizeof *st->comb);
        r = pass_on(rn, i, st, st->comb);
    }
    free(idx);
    return r == ZG_CY_STOP ? ZG_CY_GO : r;
}

static int
push(runner *rn, size_t i, zg_value *row)
{
    cst *st;

    if (rn->stopped)
        return ZG_CY_STOP;
    if (zg_cy__work(&rn->x, NULL) != ZG_CY_GO)
        return ZG_CY_FAIL;
    if (i > 0)
        rn->st[i - 1].rows++;
    if (i == rn->n)
        return sink(rn, row);
    st = &rn->st[i];
    switch (st->c->kind) {
    case ZG_CN_MATCH: return run_match(rn, i, row);
    case ZG_CN_UNWIND: return run_unwind(rn, i, row);
    case ZG_CN_CALL: return run_call(rn, i, row);
    case ZG_CN_WITH:
    case ZG_CN_RETURN: return run_projection(rn, i, row);
    default:
        zg_cypher__fail(&rn->x.rt, st->c, "UnsupportedFeature",
                        "this clause cannot run here");
        return ZG_CY_FAIL;
    }
}

/* A constant SKIP or LIMIT: a non-negative integer. */
static zg_status
count_of(runner *rn, const zg_cypher_node *e, const char *what, long long *out)
{
    zg_value v;

    /* SKIP and LIMIT name no variable: the scratch row is never read. */
    ZG_TRY(zg_cypher__eval(&rn->x.rt, e->kids[0], rn->outrow, &v));
    if (v.kind != ZG_VAL_INT)
        return zg_cypher__fail(&rn->x.rt, e, "InvalidArgumentType",
                               "%s takes an integer", what);
    if (v.i < 0)
        return zg_cypher__fail(&rn->x.rt, e, "NegativeIntegerArgument",
                               "%s takes a count of 0 or more, not %lld", what,
                               v.i);
    *out = v.i;
    return ZG_OK;
}

/* Set up clause `c` of a single query for a run. */
static zg_status
setup_clause(runner *rn, cst *st, zg_cypher_node *c, size_t w_in)
{
    zg_cy_exec *x = &rn->x;
    size_t width = x->q->width + 1, j, n_paths = 0, nk = 0;

    memset(st, 0, sizeof *st);
    st->c = c;
    st->w_in = w_in;
    st->w_out = (size_t)c->slot;
    st->skip = st->limit = -1;
    switch (c->kind) {
    case ZG_CN_MATCH:
        while (n_paths < c->n_kids && c->kids[n_paths]->kind == ZG_CN_PATH)
            n_paths++;
        return zg_cy__plan(x, c->kids, n_paths,
                           n_paths < c->n_kids ? c->kids[n_paths]->kids[0]
                                               : NULL,
                           w_in, &st->m);
    case ZG_CN_UNWIND: return ZG_OK;
    case ZG_CN_CALL:
        st->proc = zg_cy__proc(c->text);
        st->args = kid_of(c, ZG_CN_ARGS);
        st->yield = kid_of(c, ZG_CN_YIELD);
        if (st->yield && (st->yield->flags & ZG_CF_STAR))
            st->yield = NULL;
        return ZG_OK;
    case ZG_CN_WITH:
    case ZG_CN_RETURN: break;
    default:
        return zg_cypher__fail(&x->rt, c, "UnsupportedFeature",
                               "this clause cannot run here");
    }
    st->star = (c->flags & ZG_CF_STAR) != 0;
    st->distinct = (c->flags & ZG_CF_DISTINCT) != 0;
    st->items =
        zg_arena_alloc(x->rt.arena, (c->n_kids + 1) * sizeof *st->items);
    if (st->items == NULL)
        return nomem(x->rt.err);
    for (j = 0; j < c->n_kids; j++) {
        zg_cypher_node *k = c->kids[j];
        switch (k->kind) {
        case ZG_CN_ITEM:
            st->items[st->n_items++] = k;
            if (!contains_agg(k->kids[0]))
                st->n_keys++;
            break;
        case ZG_CN_ORDER: st->order = k; break;
        case ZG_CN_SKIP: ZG_TRY(count_of(rn, k, "SKIP", &st->skip)); break;
        case ZG_CN_LIMIT: ZG_TRY(count_of(rn, k, "LIMIT", &st->limit)); break;
        case ZG_CN_WHERE: st->where = k->kids[0]; break;
        default: break;
        }
    }
    /* the aggregates, by the index the compiler gave them */
    st->aggs =
        zg_arena_alloc(x->rt.arena, (x->q->n_agg + 1) * sizeof *st->aggs);
    if (st->aggs == NULL)
        return nomem(x->rt.err);
    memset(st->aggs, 0, (x->q->n_agg + 1) * sizeof *st->aggs);
    for (j = 0; j < st->n_items; j++)
        collect_aggs(st->items[j]->kids[0], st->aggs);
    if (st->order)
        collect_aggs(st->order, st->aggs);
    while (st->n_agg < x->q->n_agg && st->aggs[st->n_agg])
        st->n_agg++;
    if (st->star && st->n_agg)
        return zg_cypher__fail(&x->rt, c, "UnsupportedFeature",
                               "* cannot stand beside an aggregation; name "
                               "the variables to group by");
    nk = st->order ? st->order->n_kids : 0;
    st->stride = st->w_in + st->w_out + (nk > st->n_keys ? nk : st->n_keys);
    if (st->stride < width)
        st->stride = width;
    st->blocking = st->n_agg || st->distinct || st->order;
    st->out = zg_arena_alloc(x->rt.arena, width * sizeof *st->out);
    st->comb =
        zg_arena_alloc(x->rt.arena, (st->stride + width) * sizeof *st->comb);
    st->scope =
        zg_arena_alloc(x->rt.arena, (st->stride + width) * sizeof *st->scope);
    if (st->out == NULL || st->comb == NULL || st->scope == NULL)
        return nomem(x->rt.err);
    memset(st->out, 0, width * sizeof *st->out);
    memset(st->comb, 0, (st->stride + width) * sizeof *st->comb);
    memset(st->scope, 0, (st->stride + width) * sizeof *st->scope);
    return ZG_OK;
}

static void
free_clause(cst *st)
{
    size_t j, k;

    for (j = 0; j < st->n_groups; j++) {
        for (k = 0; k < st->n_agg; k++)
            free(st->groups[j].accs[k].vals);
        free(st->groups[j].accs);
        free(st->groups[j].rep);
    }
    free(st->groups);
    free(st->table);
    free(st->held);
}

/* A line saying what clause `cs` does, and with `rows` the rows it
 * handed on (PROFILE). */
static zg_status
describe_clause(runner *rn, const cst *cs, int rows, zg_strbuf *b)
{
    const zg_cypher_node *c = cs->c;
    char buf[160];
    int r = 0;

    switch (c->kind) {
    case ZG_CN_MATCH:
        r |= zg_strbuf_add(b, c->flags & ZG_CF_OPTIONAL ? "OPTIONAL MATCH: "
                                                        : "MATCH: ");
        r |= zg_cy__describe(&rn->x, &cs->m, b);
        break;
    case ZG_CN_UNWIND:
        r |= zg_strbuf_add(b, "UNWIND: one row per element");
        break;
    case ZG_CN_CALL:
        r |= zg_strbuf_add(b, "CALL ");
        r |= zg_strbuf_add(b, cs->proc->name);
        r |= zg_strbuf_add(b, ": one row per row of its answer");
        break;
    default:
        snprintf(buf, sizeof buf, "%s: %zu column%s%s%s%s%s%s%s",
                 c->kind == ZG_CN_WITH ? "WITH" : "RETURN", cs->w_out,
                 cs->w_out == 1 ? "" : "s", cs->n_agg ? ", aggregate" : "",
                 cs->distinct ? ", distinct" : "", cs->order ? ", order" : "",
                 cs->skip >= 0 ? ", skip" : "", cs->limit >= 0 ? ", limit" : "",
                 cs->where ? ", filter WHERE" : "");
        r |= zg_strbuf_add(b, buf);
    }
    if (rows) {
        snprintf(buf, sizeof buf, " [rows: %llu]", cs->rows);
        r |= zg_strbuf_add(b, buf);
    }
    r |= zg_strbuf_add(b, "\n");
    return r ? nomem(rn->x.rt.err) : ZG_OK;
}

/* EXPLAIN: the plan of `single`, one line per clause, into `b`. */
static zg_status
explain_single(runner *rn, zg_cypher_node *single, zg_strbuf *b)
{
    size_t i, w = 0;
    zg_status st = ZG_OK;

    for (i = 0; i < single->n_kids && st == ZG_OK; i++) {
        zg_cypher_node *c = single->kids[i];
        cst cs;
        if ((st = setup_clause(rn, &cs, c, w)) != ZG_OK)
            break;
        st = describe_clause(rn, &cs, 0, b);
        free_clause(&cs);
        w = (size_t)c->slot;
    }
    return st;
}

static zg_status
run_single(runner *rn, zg_cypher_node *single)
{
    zg_cy_exec *x = &rn->x;
    zg_value *row = NULL;
    zg_status st = ZG_OK;
    colref *cols = NULL;
    size_t i, w = 0, n = 0;
    int r = ZG_CY_GO;

    rn->n = single->n_kids;
    rn->st = calloc(rn->n + 1, sizeof *rn->st);
    row = zg_arena_alloc(x->rt.arena, (x->q->width + 1) * sizeof *row);
    if (rn->st == NULL || row == NULL) {
        st = nomem(x->rt.err);
        goto out;
    }
    memset(row, 0, (x->q->width + 1) * sizeof *row);
    if ((st = return_columns(x->q, x->rt.arena, single, &cols, &n,
                             x->rt.err)) != ZG_OK)
        goto out;
    /* The columns of a later branch of a UNION, in the first one's order. */
    rn->cols = cols;
    if (n == rn->ncols)
        for (i = 0; i < n; i++) {
            size_t k;
            for (k = i; k < n; k++)
                if (strcmp(cols[k].name, x->q->cols[i]) == 0) {
                    colref t = cols[i];
                    cols[i] = cols[k];
                    cols[k] = t;
                    break;
                }
        }
    for (i = 0; i < rn->n; i++) {
        if ((st = setup_clause(rn, &rn->st[i], single->kids[i], w)) != ZG_OK)
            goto out;
        w = (size_t)single->kids[i]->slot;
    }
    r = push(rn, 0, row);
    for (i = 0; i < rn->n && r != ZG_CY_FAIL && !rn->stopped; i++)
        if (rn->st[i].blocking)
            r = finish_projection(rn, i);
    if (r == ZG_CY_FAIL)
        st = x->rt.err->status != ZG_OK ? x->rt.err->status : ZG_ERR_INVALID;
    for (i = 0; rn->profile && st == ZG_OK && i < rn->n; i++)
        st = describe_clause(rn, &rn->st[i], 1, rn->profile);
out:
    if (rn->st)
        for (i = 0; i < rn->n; i++)
            free_clause(&rn->st[i]);
    free(rn->st);
    rn->st = NULL;
    return st;
}

/* Deliver the rows a UNION without ALL held, each once, in the order
 * they first came. */
static zg_status
deliver_kept(runner *rn)
{
    size_t n = rn->ncols ? rn->n_kept / rn->ncols : 0, i, j;
    rows_view v = {rn->kept, rn->ncols, 0, rn->ncols, NULL};
    size_t *idx = NULL;
    int r = ZG_CY_GO;

    if (n == 0)
        return ZG_OK;
    if ((idx = malloc(n * sizeof *idx)) == NULL)
        return nomem(rn->x.rt.err);
    for (i = 0; i < n; i++)
        idx[i] = i;
    if (drop_repeats(idx, &n, &v, rn->x.rt.err) != ZG_OK) {
        free(idx);
        return rn->x.rt.err->status;
    }
    for (i = 0; i < n && r == ZG_CY_GO; i++) {
        for (j = 0; j < rn->ncols; j++)
            rn->outrow[j] = rn->kept[idx[i] * rn->ncols + j];
        r = deliver(rn, rn->outrow);
    }
    free(idx);
    return r == ZG_CY_FAIL ? rn->x.rt.err->status : ZG_OK;
}

/* Resolve every label and relationship type under `n` once per run. */
static void
resolve_names(zg_cy_exec *x, const zg_cypher_node *n)
{
    size_t i;

    if (n == NULL)
        return;
    if (n->kind == ZG_CN_LABEL)
        x->names[n->slot] = zg_graph_nodetype_by_name(x->rt.g, n->text);
    else if (n->kind == ZG_CN_TYPE)
        x->names[n->slot] = zg_graph_reltype_by_name(x->rt.g, n->text);
    for (i = 0; i < n->n_kids; i++)
        resolve_names(x, n->kids[i]);
}

static zg_status
run(const zg_cypher *q, const zg_graph *g, const zg_cypher_opts *o, runner *rn,
    zg_error *err)
{
    zg_cy_exec *x = &rn->x;
    zg_arena arena;
    zg_cypher_param *params = NULL;
    zg_strbuf prof = {0};
    zg_status st = ZG_OK;
    size_t i;

    zg_arena_init(&arena);
    x->rt.g = g;
    x->rt.arena = &arena;
    x->rt.err = err;
    x->rt.pattern = zg_cy__pattern;
    x->rt.max_work = o && o->max_work ? o->max_work : DEFAULT_MAX_WORK;
    x->max_hops = o && o->max_hops ? o->max_hops : DEFAULT_MAX_HOPS;
    x->cancel = o ? o->cancel : NULL;
    x->q = q;
    rn->ncols = q->ncols;
    if (o && o->n_params) {
        params = calloc(o->n_params, sizeof *params);
        if (params == NULL) {
            st = nomem(err);
            goto out;
        }
        for (i = 0; i < o->n_params; i++) {
            params[i].name = o->param_names[i];
            params[i].value = o->params[i];
        }
        x->rt.params = params;
        x->rt.n_params = o->n_params;
    }
    x->names = zg_arena_alloc(&arena, (q->n_names + 1) * sizeof *x->names);
    x->bound = zg_arena_alloc(&arena, q->width + 1);
    rn->outrow =
        zg_arena_alloc(&arena, (q->ncols + q->width + 1) * sizeof *rn->outrow);
    if (x->names == NULL || x->bound == NULL || rn->outrow == NULL) {
        st = nomem(err);
        goto out;
    }
    memset(rn->outrow, 0, (q->ncols + q->width + 1) * sizeof *rn->outrow);
    resolve_names(x, q->root);
    if (q->root->flags & ZG_CF_EXPLAIN) {
        zg_strbuf b = {0};
        char *text, *line, *save = NULL;
        for (i = 0; i < q->root->n_kids && st == ZG_OK; i++) {
            zg_cypher_node *s = q->root->kids[i];
            if (s->kind == ZG_CN_UNION) {
                if (zg_strbuf_add(&b, s->flags & ZG_CF_ALL ? "UNION ALL\n"
                                                           : "UNION\n"))
                    st = nomem(err);
                s = s->kids[0];
            }
            if (st == ZG_OK)
                st = explain_single(rn, s, &b);
        }
        text = zg_strbuf_take(&b);
        if (st == ZG_OK && text == NULL)
            st = nomem(err);
        for (line = text ? strtok_r(text, "\n", &save) : NULL;
             line && st == ZG_OK; line = strtok_r(NULL, "\n", &save)) {
            zg_value v = {0};
            int r;
            v.kind = ZG_VAL_STRING;
            v.str = line;
            if ((r = deliver(rn, &v)) == ZG_CY_FAIL)
                st = err->status;
            else if (r == ZG_CY_STOP)
                break;
        }
        free(text);
        goto out;
    }
    for (i = 0; i < q->root->n_kids; i++)
        if (q->root->kids[i]->kind == ZG_CN_UNION &&
            !(q->root->kids[i]->flags & ZG_CF_ALL))
            rn->hold = 1;
    if (o && o->profile)
        rn->profile = &prof;
    for (i = 0; i < q->root->n_kids && st == ZG_OK; i++) {
        zg_cypher_node *s = q->root->kids[i];
        if (s->kind == ZG_CN_UNION) {
            if (rn->profile &&
                zg_strbuf_add(rn->profile,
                              s->flags & ZG_CF_ALL ? "UNION ALL\n" : "UNION\n"))
                st = nomem(err);
            s = s->kids[0];
        }
        if (st == ZG_OK && !rn->stopped)
            st = run_single(rn, s);
    }
    if (st == ZG_OK && rn->profile) {
        if ((*o->profile = zg_strbuf_take(rn->profile)) == NULL)
            st = nomem(err);
        memset(&prof, 0, sizeof prof); /* handed over */
        rn->profile = NULL;
    }
    if (st == ZG_OK && rn->hold)
        st = deliver_kept(rn);
out:
    if (rn->profile) /* not handed over: a run that failed */
        free(zg_strbuf_take(&prof));
    free(rn->kept);
    free(x->used);
    free(x->trail);
    free(x->dist);
    free(x->queue);
    free(x->type_counts);
    free(x->pattern_plans);
    for (i = 0; i < x->n_answers; i++)
        zg_result_free(x->answers[i]);
    free(x->answers);
    free(params);
    zg_arena_free(&arena);
    return st;
}

zg_status
zg_cypher_each(const zg_cypher *q, const zg_graph *g, const zg_cypher_opts *o,
               zg_cypher_row_fn fn, void *ctx, zg_error *err)
{
    runner rn;

    memset(&rn, 0, sizeof rn);
    rn.fn = fn;
    rn.ctx = ctx;
    return run(q, g, o, &rn, err);
}

zg_status
zg_cypher_run(const zg_cypher *q, const zg_graph *g, const zg_cypher_opts *o,
              zg_result **out, zg_error *err)
{
    runner rn;
    zg_status st;

    *out = NULL;
    memset(&rn, 0, sizeof rn);
    ZG_TRY(zg_result_new(&rn.result, g, q->ncols, q->cols, err));
    st = run(q, g, o, &rn, err);
    if (st != ZG_OK) {
        zg_result_free(rn.result);
        return st;
    }
    *out = rn.result;
    return ZG_OK;
}
