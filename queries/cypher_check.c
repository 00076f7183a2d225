/* SPDX-License-Identifier: MIT */
/*
 * The check of the Cypher-style query language, between the parser and
 * the planner: it walks the tree clause by clause with the scope of
 * variables each clause sees, resolves every use of a variable to its
 * slot, and refuses a query whose meaning is wrong with the name of the
 * rule it breaks (UndefinedVariable, VariableAlreadyBound, ...).
 *
 * Slots. The variables a clause sees form a row; a variable's slot is
 * its place in that row, in the order the variables were bound. MATCH,
 * CREATE, MERGE, UNWIND and CALL ... YIELD add to the row; WITH and
 * RETURN make a new one from their items (after `*`, the row they got,
 * then the items). Their items, SKIP and LIMIT read the row they got;
 * ORDER BY and the WHERE of WITH read the row they got followed by the
 * new one (slot = old width + column), so that they may name a column or
 * a variable that was not projected. A variable a construct
 * binds for itself (list comprehension, quantifier, pattern comprehension,
 * EXISTS, FOREACH) takes the next slots after the row while it lasts.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cypher_internal.h"

/* What a variable holds, as far as the check can tell. */
typedef enum vtype {
    VT_ANY,   /* unknown: any use is allowed */
    VT_NODE,  /* bound by a node pattern */
    VT_REL,   /* bound by a relationship pattern (one or a list) */
    VT_PATH,  /* bound by `p = ...` */
    VT_VALUE, /* a literal or map: never a node or relationship */
    VT_LIST,  /* a list: relationships of a variable-length pattern at most */
} vtype;

static const char *const vtype_names[] = {
    "a value", "a node", "a relationship", "a path", "a value", "a list"};

typedef struct var {
    const char *name;
    vtype type;
    unsigned clause; /* the clause that bound it (MATCH, CREATE, ...) */
} var;

/* The variables in sight: the clause's row, then the ones a construct
 * binds for itself; a variable's slot is its index. */
typedef struct ck {
    zg_error *err;
    var *v;
    size_t n, cap;
    unsigned clause; /* counts the clauses, to tell "this clause" apart */
    unsigned depth;
} ck;

/* Where an expression stands: what it may hold. */
enum {
    X_NOAGG = 1, /* aggregation is not allowed (WHERE, UNWIND, ...) */
    X_INAGG = 2, /* inside an aggregation's arguments */
    X_CONST = 4, /* SKIP and LIMIT: no variables */
};

static zg_status fail(ck *c, const zg_cypher_node *at, const char *name,
                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static zg_status
fail(ck *c, const zg_cypher_node *at, const char *name, const char *fmt, ...)
{
    char msg[400], out[400];
    size_t i, o = 0, last;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* A variable's name may hold control characters and be long: the
     * message stays one line of whole UTF-8 characters. */
    for (i = 0; msg[i] && o + 8 < sizeof out; i++) {
        unsigned char ch = (unsigned char)msg[i];
        if (ch < 0x20 || ch == 0x7F)
            o += (size_t)snprintf(out + o, sizeof out - o, "\\u%04X", ch);
        else
            out[o++] = (char)ch;
    }
    last = o;
    while (last > 0 && ((unsigned char)out[last - 1] & 0xC0) == 0x80)
        last--;
    if (last > 0 && (unsigned char)out[last - 1] >= 0xC0) {
        unsigned char lead = (unsigned char)out[last - 1];
        size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (o - (last - 1) < want)
            o = last - 1;
    }
    out[o] = '\0';
    return zg_error_set(c->err, ZG_ERR_INVALID, NULL, at->line, at->column,
                        "%u:%u: %s: %s", at->line, at->column, name, out);
}

static zg_status
nomem(ck *c)
{
    return zg_error_set(c->err, ZG_ERR_NOMEM, NULL, 0, 0,
                        "out of memory while checking the query");
}

/* The slot of the innermost variable called `name`, or -1. */
static int
lookup(const ck *c, const char *name)
{
    size_t i = c->n;

    while (i-- > 0)
        if (strcmp(c->v[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Copy `n` variables (`src` may be NULL when `n` is 0). */
static void
copy_vars(var *dst, const var *src, size_t n)
{
    if (n > 0)
        memcpy(dst, src, n * sizeof *dst);
}

static zg_status
push(ck *c, const char *name, vtype type, int *slot)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        var *v = realloc(c->v, cap * sizeof *v);
        if (v == NULL)
            return nomem(c);
        c->v = v;
        c->cap = cap;
    }
    c->v[c->n].name = name;
    c->v[c->n].type = type;
    c->v[c->n].clause = c->clause;
    if (slot)
        *slot = (int)c->n;
    c->n++;
    return ZG_OK;
}

/* ---- functions ---- */

typedef struct fn {
    const char *name;
    unsigned char min, max; /* arguments */
    unsigned char agg;      /* an aggregating function */
} fn;

/* The functions the language offers, by name in any case. */
static const fn functions[] = {
    {"abs", 1, 1, 0},
    {"acos", 1, 1, 0},
    {"asin", 1, 1, 0},
    {"atan", 1, 1, 0},
    {"atan2", 2, 2, 0},
    {"avg", 1, 1, 1},
    {"ceil", 1, 1, 0},
    {"coalesce", 1, 255, 0},
    {"collect", 1, 1, 1},
    {"cos", 1, 1, 0},
    {"count", 1, 1, 1},
    {"date", 0, 1, 0},
    {"date.realtime", 0, 1, 0},
    {"date.statement", 0, 1, 0},
    {"date.transaction", 0, 1, 0},
    {"date.truncate", 2, 3, 0},
    {"datetime", 0, 1, 0},
    {"datetime.fromepoch", 2, 2, 0},
    {"datetime.fromepochmillis", 1, 1, 0},
    {"datetime.realtime", 0, 1, 0},
    {"datetime.statement", 0, 1, 0},
    {"datetime.transaction", 0, 1, 0},
    {"datetime.truncate", 2, 3, 0},
    {"degrees", 1, 1, 0},
    {"duration", 1, 1, 0},
    {"duration.between", 2, 2, 0},
    {"duration.indays", 2, 2, 0},
    {"duration.inmonths", 2, 2, 0},
    {"duration.inseconds", 2, 2, 0},
    {"e", 0, 0, 0},
    {"endnode", 1, 1, 0},
    {"exists", 1, 1, 0},
    {"exp", 1, 1, 0},
    {"floor", 1, 1, 0},
    {"head", 1, 1, 0},
    {"id", 1, 1, 0},
    {"isempty", 1, 1, 0},
    {"keys", 1, 1, 0},
    {"labels", 1, 1, 0},
    {"last", 1, 1, 0},
    {"left", 2, 2, 0},
    {"length", 1, 1, 0},
    {"localdatetime", 0, 1, 0},
    {"localdatetime.realtime", 0, 1, 0},
    {"localdatetime.statement", 0, 1, 0},
    {"localdatetime.transaction", 0, 1, 0},
    {"localdatetime.truncate", 2, 3, 0},
    {"localtime", 0, 1, 0},
    {"localtime.realtime", 0, 1, 0},
    {"localtime.statement", 0, 1, 0},
    {"localtime.transaction", 0, 1, 0},
    {"localtime.truncate", 2, 3, 0},
    {"log", 1, 1, 0},
    {"log10", 1, 1, 0},
    {"ltrim", 1, 1, 0},
    {"max", 1, 1, 1},
    {"min", 1, 1, 1},
    {"nodes", 1, 1, 0},
    {"percentilecont", 2, 2, 1},
    {"percentiledisc", 2, 2, 1},
    {"pi", 0, 0, 0},
    {"properties", 1, 1, 0},
    {"radians", 1, 1, 0},
    {"rand", 0, 0, 0},
    {"range", 2, 3, 0},
    {"relationships", 1, 1, 0},
    {"replace", 3, 3, 0},
    {"reverse", 1, 1, 0},
    {"right", 2, 2, 0},
    {"round", 1, 3, 0},
    {"rtrim", 1, 1, 0},
    {"sign", 1, 1, 0},
    {"sin", 1, 1, 0},
    {"size", 1, 1, 0},
    {"split", 2, 2, 0},
    {"sqrt", 1, 1, 0},
    {"startnode", 1, 1, 0},
    {"stdev", 1, 1, 1},
    {"stdevp", 1, 1, 1},
    {"substring", 2, 3, 0},
    {"sum", 1, 1, 1},
    {"tail", 1, 1, 0},
    {"tan", 1, 1, 0},
    {"time", 0, 1, 0},
    {"time.realtime", 0, 1, 0},
    {"time.statement", 0, 1, 0},
    {"time.transaction", 0, 1, 0},
    {"time.truncate", 2, 3, 0},
    {"toboolean", 1, 1, 0},
    {"tofloat", 1, 1, 0},
    {"tointeger", 1, 1, 0},
    {"tolower", 1, 1, 0},
    {"tostring", 1, 1, 0},
    {"toupper", 1, 1, 0},
    {"trim", 1, 1, 0},
    {"type", 1, 1, 0},
};

static const fn *
find_fn(const char *name)
{
    size_t lo = 0, hi = sizeof functions / sizeof functions[0];

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int d = strcasecmp(functions[mid].name, name);
        if (d == 0)
            return &functions[mid];
        if (d < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

int
zg_cypher__is_aggregate(const zg_cypher_node *e)
{
    const fn *f;

    if (e->kind == ZG_CN_COUNT_STAR)
        return 1;
    return e->kind == ZG_CN_CALL_FN && (f = find_fn(e->text)) != NULL && f->agg;
}

/* 1 if `a` and `b` are the same expression, written alike. */
static int
same(const zg_cypher_node *a, const zg_cypher_node *b)
{
    size_t i;

    if (a == NULL || b == NULL)
        return a == b;
    if (a->kind != b->kind || a->flags != b->flags || a->n_kids != b->n_kids ||
        a->ival != b->ival || a->max != b->max || a->fval != b->fval ||
        a->len != b->len || (a->text == NULL) != (b->text == NULL))
        return 0;
    if (a->kind == ZG_CN_STRING && memcmp(a->text, b->text, a->len) != 0)
        return 0;
    if (a->text && a->kind != ZG_CN_STRING &&
        (a->kind == ZG_CN_CALL_FN ? strcasecmp(a->text, b->text)
                                  : strcmp(a->text, b->text)) != 0)
        return 0;
    for (i = 0; i < a->n_kids; i++)
        if (!same(a->kids[i], b->kids[i]))
            return 0;
    return 1;
}

/* 1 if `e` is a literal that is neither a list nor null: a number,
 * string, boolean or map. */
static int
is_value(const zg_cypher_node *e)
{
    switch (e->kind) {
    case ZG_CN_INT:
    case ZG_CN_FLOAT:
    case ZG_CN_STRING:
    case ZG_CN_TRUE:
    case ZG_CN_FALSE:
    case ZG_CN_MAP: return 1;
    default: return 0;
    }
}

/* What the argument of a function on graph elements may be, by the
 * kinds a variable may hold (a bit per vtype) and whether a literal may
 * stand there. */
typedef struct element_fn {
    const char *name;
    unsigned vars; /* 1 << vtype allowed for a variable argument */
    int literal;   /* 0 none, 1 a string or list, 2 a map */
} element_fn;

#define VB(t) (1u << (t))
static const element_fn element_fns[] = {
    {"labels", VB(VT_ANY) | VB(VT_NODE), 0},
    {"type", VB(VT_ANY) | VB(VT_REL), 0},
    {"length", VB(VT_ANY) | VB(VT_PATH) | VB(VT_VALUE) | VB(VT_LIST), 1},
    {"nodes", VB(VT_ANY) | VB(VT_PATH), 0},
    {"relationships", VB(VT_ANY) | VB(VT_PATH), 0},
    {"size", VB(VT_ANY) | VB(VT_VALUE) | VB(VT_LIST), 1},
    {"properties", VB(VT_ANY) | VB(VT_NODE) | VB(VT_REL) | VB(VT_VALUE), 2},
};

/* 1 if `e` (checked) cannot be the argument of `f`, as far as a literal
 * or a variable's kind tells. */
static int
wrong_argument(const ck *c, const element_fn *f, const zg_cypher_node *e)
{
    if (e->kind == ZG_CN_VAR && e->slot >= 0)
        return !(f->vars & VB(c->v[e->slot].type));
    if (e->kind == ZG_CN_STRING || e->kind == ZG_CN_LIST)
        return f->literal != 1;
    if (e->kind == ZG_CN_MAP)
        return f->literal != 2;
    return is_value(e);
}

/* 1 if `e` cannot be a boolean: a literal of another kind, or a node,
 * relationship or path. */
static int
not_boolean(const ck *c, const zg_cypher_node *e)
{
    if (e->kind == ZG_CN_VAR && e->slot >= 0)
        return c->v[e->slot].type == VT_NODE || c->v[e->slot].type == VT_REL ||
               c->v[e->slot].type == VT_PATH;
    return e->kind == ZG_CN_LIST ||
           (is_value(e) && e->kind != ZG_CN_TRUE && e->kind != ZG_CN_FALSE);
}

/* ---- expressions ---- */

static zg_status expr(ck *c, zg_cypher_node *e, unsigned ctx, int *agg);
static zg_status single(ck *c, zg_cypher_node *s, int sub);

enum { P_MATCH, P_CREATE, P_MERGE, P_LOCAL, P_PREDICATE };
static zg_status pattern(ck *c, zg_cypher_node **paths, size_t n, int mode);

static zg_status
enter(ck *c, const zg_cypher_node *at)
{
    if (c->depth >= ZG_CYPHER_MAX_TREE)
        return zg_error_set(c->err, ZG_ERR_LIMIT, NULL, at->line, at->column,
                            "%u:%u: the query nests too deep to check",
                            at->line, at->column);
    c->depth++;
    return ZG_OK;
}

static zg_status
use_var(ck *c, zg_cypher_node *e, const char *name, unsigned ctx)
{
    int s = lookup(c, name);

    if (ctx & X_CONST)
        return fail(c, e, "NonConstantExpression",
                    "'%s' is a variable; SKIP and LIMIT take a constant", name);
    if (s < 0)
        return fail(c, e, "UndefinedVariable", "'%s' is not defined here",
                    name);
    e->slot = s;
    return ZG_OK;
}

static zg_status
call_fn(ck *c, zg_cypher_node *e, unsigned ctx, int *agg)
{
    const fn *f = find_fn(e->text);
    size_t i;

    if (f == NULL)
        return fail(c, e, "UnknownFunction", "there is no function %s()",
                    e->text);
    if (e->n_kids < f->min || e->n_kids > f->max)
        return fail(c, e, "InvalidNumberOfArguments",
                    "%s() takes %u%s%s argument%s, not %zu", f->name, f->min,
                    f->max == f->min ? "" : " or more",
                    f->max == f->min || f->max == 255 ? ""
                                                      : " (up to the most)",
                    f->max == 1 ? "" : "s", e->n_kids);
    if ((ctx & X_INAGG) && strcasecmp(f->name, "rand") == 0)
        return fail(c, e, "NonConstantExpression",
                    "rand() cannot stand inside an aggregation");
    if (f->agg) {
        if (ctx & X_INAGG)
            return fail(c, e, "NestedAggregation",
                        "%s() inside another aggregation", f->name);
        if (ctx & X_NOAGG)
            return fail(c, e, "InvalidAggregation",
                        "%s() aggregates, which it cannot do here", f->name);
        *agg = 1;
        ctx |= X_INAGG;
    }
    for (i = 0; i < e->n_kids; i++)
        ZG_TRY(expr(c, e->kids[i], ctx, agg));
    for (i = 0; e->n_kids && i < sizeof element_fns / sizeof element_fns[0];
         i++)
        if (strcasecmp(element_fns[i].name, f->name) == 0 &&
            wrong_argument(c, &element_fns[i], e->kids[0]))
            return fail(c, e->kids[0], "InvalidArgumentType",
                        "%s() cannot take this argument", f->name);
    return ZG_OK;
}

/* A construct that binds `name` for its own kids: check `kids` with the
 * variable in sight, then forget it. */
static zg_status
local(ck *c, zg_cypher_node *binder, const char *name, zg_cypher_node **kids,
      size_t n, unsigned ctx, int *agg)
{
    size_t saved = c->n, i;
    zg_status st = ZG_OK;

    ZG_TRY(push(c, name, VT_ANY, &binder->slot));
    for (i = 0; i < n && st == ZG_OK; i++)
        if (kids[i])
            st = expr(c, kids[i], ctx | X_NOAGG, agg);
    c->n = saved;
    return st;
}

/* EXISTS { ... } and pattern comprehensions: the pattern may bind new
 * variables of its own. */
static zg_status
subpattern(ck *c, zg_cypher_node *e, int *agg)
{
    size_t saved = c->n, i, np = 0;
    zg_status st = ZG_OK;

    e->slot = (int)saved;
    if (e->kind == ZG_CN_EXISTS && e->n_kids &&
        e->kids[0]->kind == ZG_CN_SINGLE)
        return single(c, e->kids[0], 1);
    while (np < e->n_kids && e->kids[np] && e->kids[np]->kind == ZG_CN_PATH)
        np++;
    st = pattern(c, e->kids, np, P_LOCAL);
    for (i = np; i < e->n_kids && st == ZG_OK; i++)
        if (e->kids[i])
            st = expr(c, e->kids[i], X_NOAGG, agg);
    c->n = saved;
    return st;
}

static zg_status
map_proj(ck *c, zg_cypher_node *e, unsigned ctx, int *agg)
{
    size_t i;

    ZG_TRY(use_var(c, e, e->text, ctx));
    for (i = 0; i < e->n_kids; i++) {
        zg_cypher_node *k = e->kids[i];
        if (k->kind == ZG_CN_PROJ_VAR)
            ZG_TRY(use_var(c, k, k->text, ctx));
        else if (k->kind != ZG_CN_PROJ_PROP && k->kind != ZG_CN_PROJ_ALL)
            ZG_TRY(expr(c, k, ctx, agg));
    }
    return ZG_OK;
}

static zg_status
expr_kind(ck *c, zg_cypher_node *e, unsigned ctx, int *agg)
{
    size_t i;

    switch (e->kind) {
    case ZG_CN_VAR: return use_var(c, e, e->text, ctx);
    case ZG_CN_COUNT_STAR:
        if (ctx & X_INAGG)
            return fail(c, e, "NestedAggregation",
                        "count(*) inside another aggregation");
        if (ctx & X_NOAGG)
            return fail(c, e, "InvalidAggregation",
                        "count(*) aggregates, which it cannot do here");
        *agg = 1;
        return ZG_OK;
    case ZG_CN_CALL_FN: return call_fn(c, e, ctx, agg);
    case ZG_CN_PROP:
        ZG_TRY(expr(c, e->kids[0], ctx, agg));
        if (e->kids[0]->kind == ZG_CN_VAR && e->kids[0]->slot >= 0 &&
            c->v[e->kids[0]->slot].type == VT_PATH)
            return fail(c, e, "InvalidArgumentType",
                        "'%s' is a path, which has no properties",
                        e->kids[0]->text);
        return ZG_OK;
    case ZG_CN_LIST_COMP:
        ZG_TRY(expr(c, e->kids[0], ctx, agg));
        return local(c, e, e->text, e->kids + 1, e->n_kids - 1, ctx, agg);
    case ZG_CN_QUANTIFIER:
        ZG_TRY(expr(c, e->kids[1], ctx, agg));
        ZG_TRY(local(c, e, e->kids[0]->text, e->kids + 2, e->n_kids - 2, ctx,
                     agg));
        e->kids[0]->slot = e->slot;
        return ZG_OK;
    case ZG_CN_PATTERN:
        e->slot = (int)c->n;
        return pattern(c, e->kids, e->n_kids, P_PREDICATE);
    case ZG_CN_PATTERN_COMP:
    case ZG_CN_EXISTS: return subpattern(c, e, agg);
    case ZG_CN_MAP_PROJ: return map_proj(c, e, ctx, agg);
    default: break;
    }
    for (i = 0; i < e->n_kids; i++)
        if (e->kids[i])
            ZG_TRY(expr(c, e->kids[i], ctx, agg));
    switch (e->kind) {
    case ZG_CN_AND:
    case ZG_CN_OR:
    case ZG_CN_XOR:
    case ZG_CN_NOT:
        for (i = 0; i < e->n_kids; i++)
            if (not_boolean(c, e->kids[i]))
                return fail(c, e->kids[i], "InvalidArgumentType",
                            "%s takes booleans",
                            e->kind == ZG_CN_AND   ? "AND"
                            : e->kind == ZG_CN_OR  ? "OR"
                            : e->kind == ZG_CN_XOR ? "XOR"
                                                   : "NOT");
        break;
    case ZG_CN_BINARY:
        if (strcmp(e->text, "in") == 0 && is_value(e->kids[1]))
            return fail(c, e->kids[1], "InvalidArgumentType",
                        "IN takes a list on its right");
        break;
    default: break;
    }
    return ZG_OK;
}

/* Check expression `e` where `ctx` says; `*agg` is set when it
 * aggregates. */
static zg_status
expr(ck *c, zg_cypher_node *e, unsigned ctx, int *agg)
{
    zg_status st;

    ZG_TRY(enter(c, e));
    st = expr_kind(c, e, ctx, agg);
    c->depth--;
    return st;
}

static zg_status
plain(ck *c, zg_cypher_node *e)
{
    int agg = 0;

    return e ? expr(c, e, X_NOAGG, &agg) : ZG_OK;
}

/* ---- patterns ---- */

static zg_status
conflict(ck *c, const zg_cypher_node *at, const char *name, vtype was,
         vtype now)
{
    return fail(c, at, "VariableTypeConflict", "'%s' is %s, not %s", name,
                vtype_names[was], vtype_names[now]);
}

/* Bind or resolve the variable of a node or relationship pattern. */
static zg_status
element(ck *c, zg_cypher_node *el, int mode, int alone)
{
    vtype type = el->kind == ZG_CN_NODE ? VT_NODE : VT_REL;
    size_t k;
    int s, decorated = 0, ranged = 0;

    for (k = 0; k < el->n_kids; k++)
        if (el->kids[k]->kind != ZG_CN_RANGE)
            decorated = 1;
        else
            ranged = 1;
    if (el->text == NULL)
        return ZG_OK;
    if ((s = lookup(c, el->text)) < 0) {
        if (mode == P_PREDICATE)
            return fail(c, el, "UndefinedVariable",
                        "'%s' is not defined here; a pattern used as a "
                        "predicate cannot bind a new variable",
                        el->text);
        return push(c, el->text, type, &el->slot);
    }
    el->slot = s;
    if (c->v[s].type == VT_LIST && type == VT_REL && mode == P_MATCH && ranged)
        return ZG_OK; /* the relationships of a variable-length pattern */
    if (c->v[s].type != VT_ANY && c->v[s].type != type)
        return conflict(c, el, el->text, c->v[s].type, type);
    if (type == VT_REL && (mode == P_CREATE || mode == P_MERGE))
        return fail(c, el, "VariableAlreadyBound",
                    "relationship '%s' is already bound; %s makes a new one",
                    el->text, mode == P_CREATE ? "CREATE" : "MERGE");
    if (type == VT_REL && c->v[s].clause == c->clause && mode == P_MATCH)
        return fail(c, el, "RelationshipUniquenessViolation",
                    "relationship '%s' is already bound in this pattern",
                    el->text);
    if (type == VT_NODE && (mode == P_CREATE || mode == P_MERGE) &&
        (alone || decorated))
        return fail(c, el, "VariableAlreadyBound",
                    "node '%s' is already bound; %s cannot make it again",
                    el->text, mode == P_CREATE ? "CREATE" : "MERGE");
    return ZG_OK;
}

/* The properties of node and relationship patterns, after every
 * variable of the pattern is bound. */
static zg_status
element_props(ck *c, zg_cypher_node *el)
{
    size_t k;

    for (k = 0; k < el->n_kids; k++) {
        zg_cypher_node *p = el->kids[k];
        if (p->kind == ZG_CN_LABEL || p->kind == ZG_CN_TYPE ||
            p->kind == ZG_CN_RANGE)
            continue;
        ZG_TRY(plain(c, p));
    }
    return ZG_OK;
}

static zg_status
pattern(ck *c, zg_cypher_node **paths, size_t n, int mode)
{
    size_t i, k;
    int s;

    for (i = 0; i < n; i++) {
        zg_cypher_node *p = paths[i];
        for (k = 0; k < p->n_kids; k++) {
            zg_cypher_node *el = p->kids[k];
            ZG_TRY(element(c, el, mode, p->n_kids == 1));
        }
        if (p->text == NULL)
            continue;
        if ((s = lookup(c, p->text)) >= 0)
            return fail(c, p, "VariableAlreadyBound",
                        "'%s' is already bound; a path needs a new variable",
                        p->text);
        if (mode == P_PREDICATE)
            return fail(c, p, "UndefinedVariable",
                        "a pattern used as a predicate cannot bind '%s'",
                        p->text);
        ZG_TRY(push(c, p->text, VT_PATH, &p->slot));
    }
    for (i = 0; i < n; i++)
        for (k = 0; k < paths[i]->n_kids; k++)
            ZG_TRY(element_props(c, paths[i]->kids[k]));
    return ZG_OK;
}

/* ---- projections: WITH and RETURN ---- */

/* The type a projected expression other than a variable gives its
 * column. */
static vtype
type_of(const zg_cypher_node *e)
{
    switch (e->kind) {
    case ZG_CN_LIST:
    case ZG_CN_LIST_COMP:
    case ZG_CN_PATTERN_COMP: return VT_LIST;
    default: return is_value(e) ? VT_VALUE : VT_ANY;
    }
}

/* The name of a projection item's column: its alias or its variable;
 * NULL for an expression without a name. */
static const char *
column(const zg_cypher_node *item)
{
    if (item->text)
        return item->text;
    return item->kids[0]->kind == ZG_CN_VAR ? item->kids[0]->text : NULL;
}

/* A grouping key that an aggregating expression may use around its
 * aggregation: a variable or a property of one. */
static int
simple_key(const zg_cypher_node *e)
{
    return e->kind == ZG_CN_VAR ||
           (e->kind == ZG_CN_PROP && e->kids[0]->kind == ZG_CN_VAR);
}

/* Every variable of the incoming row (slot below `width`) that `e` uses
 * outside its aggregations must be a grouping key of `items` (the ones
 * that do not aggregate, marked 0 in `aggs`). */
static zg_status
unambiguous(ck *c, const zg_cypher_node *e, zg_cypher_node **items,
            const int *aggs, size_t n, int width)
{
    size_t i;

    if (e == NULL || zg_cypher__is_aggregate(e))
        return ZG_OK;
    for (i = 0; i < n; i++)
        if (!aggs[i] && simple_key(items[i]->kids[0]) &&
            same(items[i]->kids[0], e))
            return ZG_OK;
    if ((e->kind == ZG_CN_VAR || e->kind == ZG_CN_MAP_PROJ) && e->slot >= 0 &&
        e->slot < width)
        return fail(c, e, "AmbiguousAggregationExpression",
                    "'%s' is neither aggregated nor a grouping key", e->text);
    for (i = 0; i < e->n_kids; i++)
        ZG_TRY(unambiguous(c, e->kids[i], items, aggs, n, width));
    return ZG_OK;
}

/* 1 if `e` holds an aggregation. */
static int
has_agg(const zg_cypher_node *e)
{
    size_t i;

    if (e == NULL || zg_cypher__is_aggregate(e))
        return e != NULL;
    for (i = 0; i < e->n_kids; i++)
        if (has_agg(e->kids[i]))
            return 1;
    return 0;
}

/* 1 if a variable under `e` has slot `slot`. */
static int
uses_slot(const zg_cypher_node *e, int slot)
{
    size_t i;

    if (e == NULL)
        return 0;
    if ((e->kind == ZG_CN_VAR || e->kind == ZG_CN_MAP_PROJ) && e->slot == slot)
        return 1;
    for (i = 0; i < e->n_kids; i++)
        if (uses_slot(e->kids[i], slot))
            return 1;
    return 0;
}

/* 1 if a grouping key of `items` (not aggregating in `aggs`) uses the
 * variable at `slot`. */
static int
grouped(zg_cypher_node **items, const int *aggs, size_t n, int slot)
{
    size_t i;

    for (i = 0; aggs && i < n; i++)
        if (!aggs[i] && uses_slot(items[i]->kids[0], slot))
            return 1;
    return 0;
}

/* A sort key after DISTINCT or aggregation may use only the columns, or
 * expressions the items project (`aggs` marks the ones that aggregate);
 * around an aggregation (`around`), only the simple grouping keys. */
static zg_status
projected_only(ck *c, const zg_cypher_node *e, zg_cypher_node **items,
               const int *aggs, size_t n, int width, int around, int inside)
{
    size_t i;

    if (e == NULL)
        return ZG_OK;
    for (i = 0; !inside && i < n; i++)
        if (same(items[i]->kids[0], e) &&
            (!around || (aggs && aggs[i]) || simple_key(e)))
            return ZG_OK;
    if (zg_cypher__is_aggregate(e))
        inside = 1;
    if ((e->kind == ZG_CN_VAR || e->kind == ZG_CN_MAP_PROJ) && e->slot >= 0 &&
        e->slot < width)
        return fail(c, e,
                    around && !inside && grouped(items, aggs, n, e->slot)
                        ? "AmbiguousAggregationExpression"
                        : "UndefinedVariable",
                    "'%s' is not projected, so ORDER BY after %s cannot use "
                    "it",
                    e->text, aggs ? "an aggregation" : "DISTINCT");
    for (i = 0; i < e->n_kids; i++)
        ZG_TRY(projected_only(c, e->kids[i], items, aggs, n, width, around,
                              inside));
    return ZG_OK;
}

static zg_status
skip_limit(ck *c, zg_cypher_node *k)
{
    zg_cypher_node *e = k->kids[0];
    int agg = 0;
    const char *what = k->kind == ZG_CN_SKIP ? "SKIP" : "LIMIT";

    if (e->kind == ZG_CN_NEG && e->kids[0]->kind == ZG_CN_INT)
        return fail(c, e, "NegativeIntegerArgument",
                    "%s takes a whole number of rows, 0 or more", what);
    if (e->kind == ZG_CN_INT && e->ival < 0)
        return fail(c, e, "NegativeIntegerArgument",
                    "%s takes a whole number of rows, 0 or more", what);
    if (e->kind != ZG_CN_INT && (is_value(e) || e->kind == ZG_CN_LIST))
        return fail(c, e, "InvalidArgumentType",
                    "%s takes a whole number of rows", what);
    return expr(c, e, X_NOAGG | X_CONST, &agg);
}

static zg_status
projection(ck *c, zg_cypher_node *cl)
{
    var *row = NULL, *old = NULL;
    int *aggs = NULL, any_agg = 0, width = (int)c->n;
    zg_cypher_node **items = cl->kids, *order = NULL, *where = NULL;
    size_t n_items = 0, i, k, n_old = c->n;
    zg_status st = ZG_OK;

    while (n_items < cl->n_kids && cl->kids[n_items]->kind == ZG_CN_ITEM)
        n_items++;
    if ((cl->flags & ZG_CF_STAR) && c->n == 0 && cl->kind == ZG_CN_RETURN) {
        st = fail(c, cl, "NoVariablesInScope",
                  "RETURN * needs at least one variable in scope");
        goto out;
    }
    if ((aggs = calloc(n_items + 1, sizeof *aggs)) == NULL ||
        (old = malloc((c->n + 1) * sizeof *old)) == NULL) {
        st = nomem(c);
        goto out;
    }
    copy_vars(old, c->v, c->n);
    for (i = 0; i < n_items; i++) {
        st = expr(c, items[i]->kids[0], 0, &aggs[i]);
        if (st != ZG_OK)
            goto out;
        any_agg |= aggs[i];
    }
    for (i = 0; any_agg && i < n_items; i++)
        if (aggs[i] && (st = unambiguous(c, items[i]->kids[0], items, aggs,
                                         n_items, width)) != ZG_OK)
            goto out;
    /* The new row: the old one after `*`, then the items. */
    if (!(cl->flags & ZG_CF_STAR))
        c->n = 0;
    for (i = 0; i < n_items; i++) {
        const char *name = column(items[i]);
        const zg_cypher_node *e = items[i]->kids[0];
        vtype t = e->kind == ZG_CN_VAR && e->slot >= 0 ? old[e->slot].type
                                                       : type_of(e);
        /* After `*`, a variable projected again under its own name is
         * the same column. */
        for (k = 0; name && k < c->n; k++)
            if (strcmp(c->v[k].name, name) == 0 &&
                !((cl->flags & ZG_CF_STAR) && k < n_old &&
                  items[i]->text == NULL))
                break;
        if (name && k < c->n) {
            st = fail(c, items[i], "ColumnNameConflict",
                      "two columns are called '%s'", name);
            goto out;
        }
        if ((st = push(c, name ? name : "", t, &items[i]->slot)) != ZG_OK)
            goto out;
    }
    for (k = n_items; k < cl->n_kids; k++) {
        zg_cypher_node *kid = cl->kids[k];
        if (kid->kind == ZG_CN_ORDER)
            order = kid;
        else if (kid->kind == ZG_CN_WHERE)
            where = kid;
        else if ((st = skip_limit(c, kid)) != ZG_OK)
            goto out;
    }
    if (order || where) {
        /* The old row, then the new one. */
        size_t n_new = c->n;
        if ((row = malloc((n_new + 1) * sizeof *row)) == NULL) {
            st = nomem(c);
            goto out;
        }
        copy_vars(row, c->v, n_new);
        c->n = 0;
        for (i = 0; i < n_old && st == ZG_OK; i++)
            st = push(c, old[i].name, old[i].type, NULL);
        for (i = 0; i < n_new && st == ZG_OK; i++)
            st = push(c, row[i].name, row[i].type, NULL);
        for (i = 0; order && i < order->n_kids && st == ZG_OK; i++) {
            zg_cypher_node *key = order->kids[i]->kids[0];
            int agg = 0;
            st = expr(c, key, any_agg ? 0 : X_NOAGG, &agg);
            if (st == ZG_OK && (any_agg || (cl->flags & ZG_CF_DISTINCT)))
                st = projected_only(c, key, items, any_agg ? aggs : NULL,
                                    n_items, width, has_agg(key), 0);
        }
        if (where && st == ZG_OK)
            st = plain(c, where->kids[0]);
        c->n = 0;
        for (i = 0; i < n_new && st == ZG_OK; i++)
            st = push(c, row[i].name, row[i].type, NULL);
        if (st != ZG_OK)
            goto out;
    }
    cl->slot = (int)c->n;
out:
    free(row);
    free(old);
    free(aggs);
    return st;
}

/* ---- clauses ---- */

static zg_status clause(ck *c, zg_cypher_node *cl);

static zg_status
match(ck *c, zg_cypher_node *cl, int mode)
{
    size_t np = 0, i;

    while (np < cl->n_kids && cl->kids[np]->kind == ZG_CN_PATH)
        np++;
    ZG_TRY(pattern(c, cl->kids, np, mode));
    for (i = np; i < cl->n_kids; i++) {
        zg_cypher_node *k = cl->kids[i];
        if (k->kind == ZG_CN_WHERE)
            ZG_TRY(plain(c, k->kids[0]));
        else
            ZG_TRY(clause(c, k)); /* ON CREATE / ON MATCH */
    }
    return ZG_OK;
}

static zg_status
bind_new(ck *c, zg_cypher_node *at, const char *name, int *slot)
{
    if (lookup(c, name) >= 0)
        return fail(c, at, "VariableAlreadyBound", "'%s' is already bound",
                    name);
    return push(c, name, VT_ANY, slot);
}

static zg_status
call(ck *c, zg_cypher_node *cl)
{
    size_t i, k;

    for (i = 0; i < cl->n_kids; i++) {
        zg_cypher_node *k2 = cl->kids[i];
        if (k2->kind == ZG_CN_ARGS) {
            for (k = 0; k < k2->n_kids; k++)
                ZG_TRY(plain(c, k2->kids[k]));
            continue;
        }
        for (k = 0; k < k2->n_kids; k++) {
            zg_cypher_node *it = k2->kids[k];
            if (it->kind == ZG_CN_WHERE) {
                ZG_TRY(plain(c, it->kids[0]));
                continue;
            }
            ZG_TRY(bind_new(c, it, it->text ? it->text : it->kids[0]->text,
                            &it->slot));
            it->kids[0]->slot = it->slot;
        }
    }
    return ZG_OK;
}

static zg_status
foreach(ck *c, zg_cypher_node *cl)
{
    size_t saved = c->n, i;
    zg_status st;

    ZG_TRY(plain(c, cl->kids[0]));
    ZG_TRY(bind_new(c, cl, cl->text, &cl->slot));
    for (i = 1, st = ZG_OK; i < cl->n_kids && st == ZG_OK; i++)
        st = clause(c, cl->kids[i]);
    c->n = saved;
    return st;
}

static zg_status
delete_items(ck *c, zg_cypher_node *cl)
{
    size_t i;

    for (i = 0; i < cl->n_kids; i++) {
        zg_cypher_node *e = cl->kids[i];
        if (e->kind == ZG_CN_HAS_LABELS || is_value(e))
            return fail(c, e, "InvalidDelete",
                        "DELETE takes nodes, relationships or paths");
        ZG_TRY(plain(c, e));
    }
    return ZG_OK;
}

static zg_status
clause_kind(ck *c, zg_cypher_node *cl)
{
    size_t i;

    switch (cl->kind) {
    case ZG_CN_MATCH: return match(c, cl, P_MATCH);
    case ZG_CN_CREATE: return match(c, cl, P_CREATE);
    case ZG_CN_MERGE: return match(c, cl, P_MERGE);
    case ZG_CN_UNWIND:
        ZG_TRY(plain(c, cl->kids[0]));
        return bind_new(c, cl->kids[1], cl->kids[1]->text, &cl->kids[1]->slot);
    case ZG_CN_WITH:
    case ZG_CN_RETURN: return projection(c, cl);
    case ZG_CN_CALL: return call(c, cl);
    case ZG_CN_FOREACH: return foreach(c, cl);
    case ZG_CN_DELETE: return delete_items(c, cl);
    default: break;
    }
    /* SET, REMOVE, ON CREATE, ON MATCH: expressions in the row. */
    for (i = 0; i < cl->n_kids; i++) {
        zg_cypher_node *k = cl->kids[i];
        size_t j;
        if (k->kind != ZG_CN_SET_ITEM) {
            ZG_TRY(plain(c, k));
            continue;
        }
        for (j = 0; j < k->n_kids; j++)
            ZG_TRY(plain(c, k->kids[j]));
    }
    return ZG_OK;
}

static zg_status
clause(ck *c, zg_cypher_node *cl)
{
    zg_status st;

    c->clause++;
    ZG_TRY(enter(c, cl));
    st = clause_kind(c, cl);
    c->depth--;
    if (st == ZG_OK && cl->kind != ZG_CN_RETURN && cl->kind != ZG_CN_WITH)
        cl->slot = (int)c->n;
    return st;
}

/* The clauses of one query part; `sub` for EXISTS { ... }, which sees
 * the row around it and leaves it as it was. */
static zg_status
single(ck *c, zg_cypher_node *s, int sub)
{
    var *saved = NULL;
    size_t n = c->n, i;
    zg_status st = ZG_OK;

    if (sub) {
        if ((saved = malloc((n + 1) * sizeof *saved)) == NULL)
            return nomem(c);
        copy_vars(saved, c->v, n);
    }
    for (i = 0; i < s->n_kids && st == ZG_OK; i++)
        st = clause(c, s->kids[i]);
    if (sub) {
        copy_vars(c->v, saved, n);
        c->n = n;
        free(saved);
    }
    s->slot = (int)c->n;
    return st;
}

/* The RETURN that ends query part `s`, or NULL. */
static const zg_cypher_node *
final_return(const zg_cypher_node *s)
{
    if (s->n_kids && s->kids[s->n_kids - 1]->kind == ZG_CN_RETURN)
        return s->kids[s->n_kids - 1];
    return NULL;
}

/* 1 if the two RETURNs have the same columns, in the same order: the
 * same names, or for a column without one, the same expression. */
static int
same_columns(const zg_cypher_node *a, const zg_cypher_node *b)
{
    size_t i;

    if (a == NULL || b == NULL)
        return a == b;
    for (i = 0; i < a->n_kids && i < b->n_kids; i++) {
        const zg_cypher_node *x = a->kids[i], *y = b->kids[i];
        const char *nx, *ny;
        if ((x->kind == ZG_CN_ITEM) != (y->kind == ZG_CN_ITEM))
            return 0;
        if (x->kind != ZG_CN_ITEM)
            break;
        nx = column(x);
        ny = column(y);
        if (nx && ny ? strcmp(nx, ny) != 0
                     : nx || ny || !same(x->kids[0], y->kids[0]))
            return 0;
    }
    if (i < a->n_kids && a->kids[i]->kind == ZG_CN_ITEM)
        return 0;
    if (i < b->n_kids && b->kids[i]->kind == ZG_CN_ITEM)
        return 0;
    return 1;
}

/* 1 if the rows `a` and `b` have the same names in the same order. */
static int
same_names(const var *a, size_t na, const var *b, size_t nb)
{
    size_t i;

    if (na != nb)
        return 0;
    for (i = 0; i < na; i++)
        if (strcmp(a[i].name, b[i].name) != 0)
            return 0;
    return 1;
}

zg_status
zg_cypher__check(zg_cypher_node *root, zg_error *err)
{
    ck c;
    zg_status st = ZG_OK;
    const zg_cypher_node *first = NULL;
    var *first_row = NULL;
    size_t i, n_first = 0;

    memset(&c, 0, sizeof c);
    c.err = err;
    for (i = 0; i < root->n_kids && st == ZG_OK; i++) {
        zg_cypher_node *s = root->kids[i];
        const zg_cypher_node *ret;
        int star;
        if (s->kind == ZG_CN_UNION)
            s = s->kids[0];
        c.n = 0;
        st = single(&c, s, 0);
        ret = final_return(s);
        if (st != ZG_OK)
            break;
        if (i == 0) {
            /* The columns of the first part, for those after it. */
            first = ret;
            n_first = c.n;
            if ((first_row = malloc((c.n + 1) * sizeof *first_row)) == NULL)
                st = nomem(&c);
            else
                copy_vars(first_row, c.v, c.n);
            continue;
        }
        /* After RETURN * the columns are known by the row alone. */
        star = (first && (first->flags & ZG_CF_STAR)) ||
               (ret && (ret->flags & ZG_CF_STAR));
        if (star ? !same_names(first_row, n_first, c.v, c.n)
                 : !same_columns(first, ret))
            st = fail(&c, root->kids[i], "DifferentColumnsInUnion",
                      "every part of a UNION must return the same columns");
    }
    free(first_row);
    free(c.v);
    return st;
}
