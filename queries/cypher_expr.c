/* SPDX-License-Identifier: MIT */
/*
 * Expressions of the Cypher-style query language, loosest binding first:
 *
 *   OR, XOR, AND            left-associative
 *   NOT                     prefix
 *   = <> < > <= >=          one chain: a < b <= c means a < b AND b <= c
 *   IN, STARTS WITH, ENDS WITH, CONTAINS, =~, IS [NOT] NULL
 *   + -                     left-associative
 *   * / %                   left-associative
 *   ^                       left-associative
 *   unary + -               prefix (so -3 ^ 2 is (-3) ^ 2)
 *   .key  [i]  [a..b]  :Label
 *   atoms: literals, parameters, variables, function calls, CASE, lists,
 *          maps, comprehensions, quantifiers, patterns, EXISTS { ... }
 *
 * Prefix operators are read in a loop and binary ones left to right, so
 * only brackets make the parser recurse; the tree's own depth is bounded
 * where each node is built.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cypher_parser.h"

/* ---- literals ---- */

/* The integer token `t`, negated when `neg`, into `*v`; too large for 64
 * bits is an error. */
static zg_status
integer(zg_cypher_parser *p, const zg_cypher_token *t, int neg, int64_t *v)
{
    const char *s = t->text;
    unsigned base = 10;
    uint64_t x = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
        base = s[1] == 'x' ? 16 : 8;
        s += 2;
    }
    for (; *s; s++) {
        unsigned d = *s <= '9'   ? (unsigned)(*s - '0')
                     : *s >= 'a' ? (unsigned)(*s - 'a' + 10)
                                 : (unsigned)(*s - 'A' + 10);
        if (x > (lim - d) / base)
            return zg_cypher__fail_at(
                p, t, ZG_ERR_PARSE, "the integer %s%s does not fit in 64 bits",
                neg ? "-" : "", t->text);
        x = x * base + d;
    }
    *v = neg ? (int64_t)(0 - x) : (int64_t)x;
    return ZG_OK;
}

static zg_status
number(zg_cypher_parser *p, int neg, zg_cypher_node **out)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);

    if (t->kind == ZG_CT_INT) {
        ZG_TRY(zg_cypher__node(p, ZG_CN_INT, t, out));
        ZG_TRY(integer(p, t, neg, &(*out)->ival));
    } else {
        double d;
        ZG_TRY(zg_cypher__node(p, ZG_CN_FLOAT, t, out));
        errno = 0;
        d = strtod(t->text, NULL);
        if (errno == ERANGE && isinf(d))
            return zg_cypher__fail_at(p, t, ZG_ERR_PARSE,
                                      "the number %s is too large", t->text);
        (*out)->fval = neg ? -d : d;
    }
    p->i++;
    return ZG_OK;
}

/* ---- brackets ---- */

/* Expressions separated by ',' up to the punctuation `close`, into
 * `kids`; the closing token is consumed. */
static zg_status
expr_list(zg_cypher_parser *p, const char *close, const char *where,
          zg_cypher_vec *kids)
{
    zg_cypher_node *e;

    while (!zg_cypher__is_punct(p, 0, close)) {
        if (kids->n)
            ZG_TRY(zg_cypher__expect(p, ",", where));
        ZG_TRY(zg_cypher__expr(p, &e));
        ZG_TRY(zg_cypher__push(p, kids, e));
    }
    p->i++;
    return ZG_OK;
}

zg_status
zg_cypher__map(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *e, *v;

    ZG_TRY(zg_cypher__node(p, ZG_CN_MAP, zg_cypher__peek(p, 0), out));
    ZG_TRY(zg_cypher__expect(p, "{", "to start a map"));
    while (!zg_cypher__is_punct(p, 0, "}")) {
        const zg_cypher_token *t;
        const char *key;
        if (kids.n)
            ZG_TRY(zg_cypher__expect(p, ",", "between the entries of a map"));
        t = zg_cypher__peek(p, 0);
        ZG_TRY(zg_cypher__name(p, &key, "a key in the map"));
        ZG_TRY(zg_cypher__expect(p, ":", "after the key"));
        ZG_TRY(zg_cypher__expr(p, &v));
        ZG_TRY(zg_cypher__make(p, ZG_CN_ENTRY, t, &e, 1, v));
        e->text = key;
        ZG_TRY(zg_cypher__push(p, &kids, e));
    }
    p->i++;
    return zg_cypher__set_kids(p, *out, &kids);
}

/* `n {.a, .*, b, c: expr}` at the '{' after the variable `var`. */
static zg_status
map_projection(zg_cypher_parser *p, const zg_cypher_token *var,
               zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *k, *v;

    ZG_TRY(zg_cypher__node(p, ZG_CN_MAP_PROJ, var, out));
    (*out)->text = var->text;
    p->i += 2;
    while (!zg_cypher__is_punct(p, 0, "}")) {
        const zg_cypher_token *t;
        if (kids.n)
            ZG_TRY(zg_cypher__expect(p, ",", "between map projection items"));
        t = zg_cypher__peek(p, 0);
        if (zg_cypher__is_punct(p, 0, ".") && zg_cypher__is_punct(p, 1, "*")) {
            ZG_TRY(zg_cypher__node(p, ZG_CN_PROJ_ALL, t, &k));
            p->i += 2;
        } else if (zg_cypher__is_punct(p, 0, ".")) {
            p->i++;
            ZG_TRY(zg_cypher__node(p, ZG_CN_PROJ_PROP, t, &k));
            ZG_TRY(zg_cypher__name(p, &k->text, "a key after '.'"));
        } else if (zg_cypher__is_punct(p, 1, ":")) {
            const char *key;
            ZG_TRY(zg_cypher__name(p, &key, "a key"));
            p->i++;
            ZG_TRY(zg_cypher__expr(p, &v));
            ZG_TRY(zg_cypher__make(p, ZG_CN_ENTRY, t, &k, 1, v));
            k->text = key;
        } else {
            ZG_TRY(zg_cypher__node(p, ZG_CN_PROJ_VAR, t, &k));
            ZG_TRY(zg_cypher__name(p, &k->text, "an item of the projection"));
        }
        ZG_TRY(zg_cypher__push(p, &kids, k));
    }
    p->i++;
    return zg_cypher__set_kids(p, *out, &kids);
}

/* 1 if the '(' at token `k` opens a pattern: its partner is followed by a
 * relationship. */
static int
pattern_at(const zg_cypher_parser *p, size_t k)
{
    const zg_cypher_token *t = zg_cypher__peek(p, k);
    zg_cypher_parser q = *p;

    if (!zg_cypher__is_punct(p, k, "(") || t->match == 0)
        return 0;
    q.i = t->match + 1;
    return zg_cypher__arrow_at(&q, 0);
}

/* `[p = (a)-->(b) WHERE c | e]` at the '['. */
static zg_status
pattern_comprehension(zg_cypher_parser *p, zg_cypher_node **out)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);
    zg_cypher_node *path, *w = NULL, *e;

    p->i++;
    ZG_TRY(zg_cypher__path(p, &path));
    if (zg_cypher__is_kw(p, 0, "WHERE")) {
        p->i++;
        ZG_TRY(zg_cypher__predicate(p, &w));
    }
    ZG_TRY(zg_cypher__expect(p, "|", "in the pattern comprehension"));
    ZG_TRY(zg_cypher__expr(p, &e));
    ZG_TRY(zg_cypher__expect(p, "]", "to close the pattern comprehension"));
    return zg_cypher__make(p, ZG_CN_PATTERN_COMP, t, out, 3, path, w, e);
}

/* `x IN list [WHERE c]` inside a comprehension or quantifier, into a VAR,
 * the list and the condition (or NULL). */
static zg_status
filter(zg_cypher_parser *p, zg_cypher_node **var, zg_cypher_node **list,
       zg_cypher_node **cond)
{
    ZG_TRY(zg_cypher__node(p, ZG_CN_VAR, zg_cypher__peek(p, 0), var));
    if (!zg_cypher__is_name(p, 0))
        return zg_cypher__expected(p, "a variable");
    ZG_TRY(zg_cypher__name(p, &(*var)->text, "a variable"));
    ZG_TRY(zg_cypher__expect_kw(p, "IN", "after the variable"));
    ZG_TRY(zg_cypher__expr(p, list));
    *cond = NULL;
    if (zg_cypher__is_kw(p, 0, "WHERE")) {
        p->i++;
        ZG_TRY(zg_cypher__predicate(p, cond));
    }
    return ZG_OK;
}

/* `[x IN l WHERE c | e]` at the '['. */
static zg_status
list_comprehension(zg_cypher_parser *p, zg_cypher_node **out)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);
    zg_cypher_node *var, *list, *cond, *e = NULL;

    p->i++;
    ZG_TRY(filter(p, &var, &list, &cond));
    if (zg_cypher__is_punct(p, 0, "|")) {
        p->i++;
        ZG_TRY(zg_cypher__expr(p, &e));
    }
    ZG_TRY(zg_cypher__expect(p, "]", "to close the list comprehension"));
    ZG_TRY(zg_cypher__make(p, ZG_CN_LIST_COMP, t, out, 3, list, cond, e));
    (*out)->text = var->text;
    return ZG_OK;
}

/* A list literal or a comprehension, at the '['. */
static zg_status
list(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};

    if ((zg_cypher__is_name(p, 1) && zg_cypher__is_punct(p, 2, "=") &&
         pattern_at(p, 3)) ||
        pattern_at(p, 1))
        return pattern_comprehension(p, out);
    if (zg_cypher__is_name(p, 1) && zg_cypher__is_kw(p, 2, "IN"))
        return list_comprehension(p, out);
    ZG_TRY(zg_cypher__node(p, ZG_CN_LIST, zg_cypher__peek(p, 0), out));
    p->i++;
    ZG_TRY(expr_list(p, "]", "between list elements", &kids));
    return zg_cypher__set_kids(p, *out, &kids);
}

/* CASE [subject] WHEN a THEN b ... [ELSE c] END */
static zg_status
case_expr(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *subject = NULL, *w, *c, *r, *e = NULL;

    ZG_TRY(zg_cypher__node(p, ZG_CN_CASE, zg_cypher__peek(p, 0), out));
    p->i++;
    if (!zg_cypher__is_kw(p, 0, "WHEN"))
        ZG_TRY(zg_cypher__expr(p, &subject));
    ZG_TRY(zg_cypher__push(p, &kids, subject));
    if (!zg_cypher__is_kw(p, 0, "WHEN"))
        return zg_cypher__expected(p, "WHEN in CASE");
    while (zg_cypher__is_kw(p, 0, "WHEN")) {
        const zg_cypher_token *t = zg_cypher__peek(p, 0);
        p->i++;
        ZG_TRY(zg_cypher__expr(p, &c));
        ZG_TRY(zg_cypher__expect_kw(p, "THEN", "after the WHEN condition"));
        ZG_TRY(zg_cypher__expr(p, &r));
        ZG_TRY(zg_cypher__make(p, ZG_CN_WHEN, t, &w, 2, c, r));
        ZG_TRY(zg_cypher__push(p, &kids, w));
    }
    if (zg_cypher__is_kw(p, 0, "ELSE")) {
        p->i++;
        ZG_TRY(zg_cypher__expr(p, &e));
    }
    ZG_TRY(zg_cypher__push(p, &kids, e));
    ZG_TRY(zg_cypher__expect_kw(p, "END", "to close CASE"));
    return zg_cypher__set_kids(p, *out, &kids);
}

/* all/any/none/single(x IN list WHERE cond), at the name. */
static zg_status
quantifier(zg_cypher_parser *p, zg_cypher_node **out)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);
    zg_cypher_node *var, *list, *cond;

    p->i += 2;
    ZG_TRY(filter(p, &var, &list, &cond));
    ZG_TRY(zg_cypher__expect(p, ")", "to close the quantifier"));
    ZG_TRY(zg_cypher__make(p, ZG_CN_QUANTIFIER, t, out, 3, var, list, cond));
    (*out)->text = t->text;
    return ZG_OK;
}

/* EXISTS { MATCH ... } or EXISTS { (a)-->(b) WHERE ... }, at EXISTS. */
static zg_status
exists_subquery(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *k;

    ZG_TRY(zg_cypher__node(p, ZG_CN_EXISTS, zg_cypher__peek(p, 0), out));
    p->i += 2;
    if (zg_cypher__is_punct(p, 0, "(") ||
        (zg_cypher__is_name(p, 0) && zg_cypher__is_punct(p, 1, "="))) {
        do {
            if (kids.n)
                p->i++;
            ZG_TRY(zg_cypher__path(p, &k));
            ZG_TRY(zg_cypher__push(p, &kids, k));
        } while (zg_cypher__is_punct(p, 0, ","));
        if (zg_cypher__is_kw(p, 0, "WHERE")) {
            const zg_cypher_token *t = zg_cypher__peek(p, 0);
            zg_cypher_node *e;
            p->i++;
            ZG_TRY(zg_cypher__predicate(p, &e));
            ZG_TRY(zg_cypher__make(p, ZG_CN_WHERE, t, &k, 1, e));
            ZG_TRY(zg_cypher__push(p, &kids, k));
        }
    } else {
        ZG_TRY(zg_cypher__subquery(p, &k));
        ZG_TRY(zg_cypher__push(p, &kids, k));
    }
    ZG_TRY(zg_cypher__expect(p, "}", "to close EXISTS"));
    return zg_cypher__set_kids(p, *out, &kids);
}

/* A function call at its (possibly dotted) name: count(*),
 * count(DISTINCT x), ns.fn(a, b). `parts` words make up the name. */
static zg_status
function_call(zg_cypher_parser *p, size_t parts, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    const zg_cypher_token *t = zg_cypher__peek(p, 0);
    size_t i, len = 0;
    char *name;
    zg_status st;

    if (parts == 1 && zg_cypher__is_kw(p, 0, "COUNT") &&
        zg_cypher__is_punct(p, 2, "*") && zg_cypher__is_punct(p, 3, ")")) {
        p->i += 4;
        return zg_cypher__node(p, ZG_CN_COUNT_STAR, t, out);
    }
    for (i = 0; i < parts; i++)
        len += p->t[p->i + 2 * i].len + 1;
    if ((name = zg_arena_alloc(p->a, len)) == NULL)
        return zg_cypher__nomem(p);
    name[0] = '\0';
    for (i = 0; i < parts; i++) {
        if (i)
            strcat(name, ".");
        strcat(name, p->t[p->i + 2 * i].text);
    }
    ZG_TRY(zg_cypher__node(p, ZG_CN_CALL_FN, t, out));
    (*out)->text = name;
    p->i += 2 * parts;
    if (zg_cypher__is_kw(p, 0, "DISTINCT")) {
        (*out)->flags |= ZG_CF_DISTINCT;
        p->i++;
    }
    if (parts == 1 && strcasecmp(name, "exists") == 0) {
        int predicate = p->predicate;
        p->predicate = 1;
        st = expr_list(p, ")", "between the arguments", &kids);
        p->predicate = predicate;
    } else {
        st = expr_list(p, ")", "between the arguments", &kids);
    }
    ZG_TRY(st);
    return zg_cypher__set_kids(p, *out, &kids);
}

/* How many dotted words at the current token name a function: `a.b.c(`
 * is 3, else 0. */
static size_t
function_name_parts(const zg_cypher_parser *p)
{
    size_t k = 0, parts = 1;

    for (;;) {
        const zg_cypher_token *t = zg_cypher__peek(p, k);
        if (t->kind != ZG_CT_WORD && t->kind != ZG_CT_QWORD)
            return 0;
        if (zg_cypher__is_punct(p, k + 1, "("))
            return parts;
        if (!zg_cypher__is_punct(p, k + 1, "."))
            return 0;
        k += 2;
        parts++;
    }
}

static int
is_quantifier(const zg_cypher_parser *p)
{
    static const char *const q[] = {"ALL", "ANY", "NONE", "SINGLE"};
    size_t i;

    if (!zg_cypher__is_punct(p, 1, "(") || !zg_cypher__is_kw(p, 3, "IN"))
        return 0;
    for (i = 0; i < 4; i++)
        if (zg_cypher__is_kw(p, 0, q[i]))
            return 1;
    return 0;
}

/* A pattern used as an expression, at its '(' or shortestPath. */
static zg_status
pattern_expr(zg_cypher_parser *p, zg_cypher_node **out)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);
    zg_cypher_node *path;

    ZG_TRY(zg_cypher__path(p, &path));
    return zg_cypher__make(p, ZG_CN_PATTERN, t, out, 1, path);
}

static zg_status
paren(zg_cypher_parser *p, zg_cypher_node **out)
{
    if (pattern_at(p, 0) && !p->predicate)
        return zg_cypher__fail_at(
            p, zg_cypher__peek(p, 0), ZG_ERR_PARSE,
            "a pattern can only stand as a predicate, in WHERE or exists(); "
            "use a pattern comprehension [(a)-->(b) | b] for its paths");
    if (pattern_at(p, 0))
        return pattern_expr(p, out);
    p->i++;
    ZG_TRY(zg_cypher__expr(p, out));
    return zg_cypher__expect(p, ")", "to close the parenthesis");
}

/* A literal word: true, false, null. 0 when the word is none of them. */
static int
word_literal(zg_cypher_parser *p, zg_cypher_kind *k)
{
    if (zg_cypher__is_kw(p, 0, "TRUE"))
        *k = ZG_CN_TRUE;
    else if (zg_cypher__is_kw(p, 0, "FALSE"))
        *k = ZG_CN_FALSE;
    else if (zg_cypher__is_kw(p, 0, "NULL"))
        *k = ZG_CN_NULL;
    else
        return 0;
    return 1;
}

/* Atoms that start with a word. */
static zg_status
word_atom(zg_cypher_parser *p, zg_cypher_node **out)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);
    zg_cypher_kind k;
    size_t parts;

    if (t->kind == ZG_CT_WORD && word_literal(p, &k)) {
        p->i++;
        return zg_cypher__node(p, k, t, out);
    }
    if (zg_cypher__is_kw(p, 0, "CASE"))
        return case_expr(p, out);
    if (zg_cypher__is_kw(p, 0, "EXISTS") && zg_cypher__is_punct(p, 1, "{"))
        return exists_subquery(p, out);
    if ((zg_cypher__is_kw(p, 0, "SHORTESTPATH") ||
         zg_cypher__is_kw(p, 0, "ALLSHORTESTPATHS")) &&
        zg_cypher__is_punct(p, 1, "("))
        return pattern_expr(p, out);
    if (t->kind == ZG_CT_WORD && is_quantifier(p))
        return quantifier(p, out);
    if ((parts = function_name_parts(p)) > 0)
        return function_call(p, parts, out);
    if (!zg_cypher__is_name(p, 0))
        return zg_cypher__expected(p, "an expression");
    if (zg_cypher__is_punct(p, 1, "{"))
        return map_projection(p, t, out);
    ZG_TRY(zg_cypher__node(p, ZG_CN_VAR, t, out));
    (*out)->text = t->text;
    p->i++;
    return ZG_OK;
}

static zg_status
atom(zg_cypher_parser *p, zg_cypher_node **out)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);

    switch (t->kind) {
    case ZG_CT_INT:
    case ZG_CT_FLOAT: return number(p, 0, out);
    case ZG_CT_STRING:
        ZG_TRY(zg_cypher__node(p, ZG_CN_STRING, t, out));
        (*out)->text = t->text;
        (*out)->len = t->len;
        p->i++;
        return ZG_OK;
    case ZG_CT_PARAM:
        ZG_TRY(zg_cypher__node(p, ZG_CN_PARAM, t, out));
        (*out)->text = t->text;
        p->i++;
        return ZG_OK;
    case ZG_CT_WORD:
    case ZG_CT_QWORD: return word_atom(p, out);
    default: break;
    }
    if (zg_cypher__is_punct(p, 0, "("))
        return paren(p, out);
    if (zg_cypher__is_punct(p, 0, "["))
        return list(p, out);
    if (zg_cypher__is_punct(p, 0, "{"))
        return zg_cypher__map(p, out);
    return zg_cypher__expected(p, "an expression");
}

/* `[i]`, `[a..b]`, `[..b]`, `[a..]` after `e`, at the '['. */
static zg_status
subscript(zg_cypher_parser *p, zg_cypher_node *e, zg_cypher_node **out)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);
    zg_cypher_node *from = NULL, *to = NULL;

    p->i++;
    if (!zg_cypher__is_punct(p, 0, ".."))
        ZG_TRY(zg_cypher__expr(p, &from));
    if (!zg_cypher__is_punct(p, 0, "..")) {
        ZG_TRY(zg_cypher__expect(p, "]", "to close the index"));
        return zg_cypher__make(p, ZG_CN_INDEX, t, out, 2, e, from);
    }
    p->i++;
    if (!zg_cypher__is_punct(p, 0, "]"))
        ZG_TRY(zg_cypher__expr(p, &to));
    ZG_TRY(zg_cypher__expect(p, "]", "to close the slice"));
    return zg_cypher__make(p, ZG_CN_SLICE, t, out, 3, e, from, to);
}

/* `:A:B` after `e`, at the first ':'. */
static zg_status
labels(zg_cypher_parser *p, zg_cypher_node *e, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *l;

    ZG_TRY(zg_cypher__node(p, ZG_CN_HAS_LABELS, zg_cypher__peek(p, 0), out));
    ZG_TRY(zg_cypher__push(p, &kids, e));
    while (zg_cypher__is_punct(p, 0, ":")) {
        p->i++;
        ZG_TRY(zg_cypher__node(p, ZG_CN_LABEL, zg_cypher__peek(p, 0), &l));
        ZG_TRY(zg_cypher__name(p, &l->text, "a label after ':'"));
        ZG_TRY(zg_cypher__push(p, &kids, l));
    }
    return zg_cypher__set_kids(p, *out, &kids);
}

zg_status
zg_cypher__postfix(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_node *e, *n;

    ZG_TRY(atom(p, &e));
    for (;;) {
        const zg_cypher_token *t = zg_cypher__peek(p, 0);
        if (zg_cypher__is_punct(p, 0, ".")) {
            p->i++;
            ZG_TRY(zg_cypher__make(p, ZG_CN_PROP, t, &n, 1, e));
            ZG_TRY(zg_cypher__name(p, &n->text, "a property key after '.'"));
        } else if (zg_cypher__is_punct(p, 0, "[")) {
            ZG_TRY(subscript(p, e, &n));
        } else if (zg_cypher__is_punct(p, 0, ":")) {
            ZG_TRY(labels(p, e, &n));
        } else {
            break;
        }
        n->line = e->line;
        n->column = e->column;
        e = n;
    }
    *out = e;
    return ZG_OK;
}

/* Prefix + and -, read in a loop; a minus right before an integer is
 * folded into it, so -9223372036854775808 is a literal. */
static zg_status
unary(zg_cypher_parser *p, zg_cypher_node **out)
{
    size_t start = p->i, end, k;
    zg_cypher_node *e, *n;

    while (zg_cypher__is_punct(p, 0, "-") || zg_cypher__is_punct(p, 0, "+"))
        p->i++;
    end = p->i;
    if (end > start && p->t[end - 1].text[0] == '-' &&
        (zg_cypher__peek(p, 0)->kind == ZG_CT_INT ||
         zg_cypher__peek(p, 0)->kind == ZG_CT_FLOAT) &&
        !zg_cypher__is_punct(p, 1, ".") && !zg_cypher__is_punct(p, 1, "[")) {
        ZG_TRY(number(p, 1, &e));
        end--;
        e->line = p->t[end].line;
        e->column = p->t[end].column;
    } else {
        ZG_TRY(zg_cypher__postfix(p, &e));
    }
    for (k = end; k > start; k--) {
        const zg_cypher_token *t = &p->t[k - 1];
        ZG_TRY(zg_cypher__make(p, t->text[0] == '-' ? ZG_CN_NEG : ZG_CN_POS, t,
                               &n, 1, e));
        e = n;
    }
    *out = e;
    return ZG_OK;
}

/* A left-associative level: operands from `next`, operators from `ops`
 * (punctuation), each built as a BINARY node named by the operator. */
static zg_status
binary_level(zg_cypher_parser *p,
             zg_status (*next)(zg_cypher_parser *, zg_cypher_node **),
             const char *const *ops, zg_cypher_node **out)
{
    zg_cypher_node *l, *r;
    size_t i;

    ZG_TRY(next(p, &l));
    for (;;) {
        const zg_cypher_token *t = zg_cypher__peek(p, 0);
        for (i = 0; ops[i]; i++)
            if (zg_cypher__is_punct(p, 0, ops[i]))
                break;
        if (ops[i] == NULL)
            break;
        p->i++;
        ZG_TRY(next(p, &r));
        ZG_TRY(zg_cypher__make(p, ZG_CN_BINARY, t, &l, 2, l, r));
        l->text = t->text;
        l->line = l->kids[0]->line;
        l->column = l->kids[0]->column;
    }
    *out = l;
    return ZG_OK;
}

static zg_status
power(zg_cypher_parser *p, zg_cypher_node **out)
{
    static const char *const ops[] = {"^", NULL};
    return binary_level(p, unary, ops, out);
}

static zg_status
multiplicative(zg_cypher_parser *p, zg_cypher_node **out)
{
    static const char *const ops[] = {"*", "/", "%", NULL};
    return binary_level(p, power, ops, out);
}

static zg_status
additive(zg_cypher_parser *p, zg_cypher_node **out)
{
    static const char *const ops[] = {"+", "-", NULL};
    return binary_level(p, multiplicative, ops, out);
}

/* The predicate operator at the current token: its printed name and how
 * many tokens it takes, or NULL. */
static const char *
predicate_op(const zg_cypher_parser *p, size_t *words)
{
    *words = 1;
    if (zg_cypher__is_kw(p, 0, "IN"))
        return "in";
    if (zg_cypher__is_kw(p, 0, "CONTAINS"))
        return "contains";
    if (zg_cypher__is_punct(p, 0, "=~"))
        return "=~";
    *words = 2;
    if (zg_cypher__is_kw(p, 0, "STARTS") && zg_cypher__is_kw(p, 1, "WITH"))
        return "starts-with";
    if (zg_cypher__is_kw(p, 0, "ENDS") && zg_cypher__is_kw(p, 1, "WITH"))
        return "ends-with";
    return NULL;
}

/* IN, STARTS WITH, ENDS WITH, CONTAINS, =~, IS [NOT] NULL. */
static zg_status
predicate(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_node *l, *r;
    const char *op;
    size_t words;

    ZG_TRY(additive(p, &l));
    for (;;) {
        const zg_cypher_token *t = zg_cypher__peek(p, 0);
        if (zg_cypher__is_kw(p, 0, "IS")) {
            int not = zg_cypher__is_kw(p, 1, "NOT");
            p->i += not ? 2 : 1;
            ZG_TRY(zg_cypher__expect_kw(p, "NULL",
                                        not ? "after IS NOT" : "after IS"));
            ZG_TRY(zg_cypher__make(p, not ? ZG_CN_IS_NOT_NULL : ZG_CN_IS_NULL,
                                   t, &l, 1, l));
            continue;
        }
        if ((op = predicate_op(p, &words)) == NULL)
            break;
        p->i += words;
        ZG_TRY(additive(p, &r));
        ZG_TRY(zg_cypher__make(p, ZG_CN_BINARY, t, &l, 2, l, r));
        l->text = op;
        l->line = l->kids[0]->line;
        l->column = l->kids[0]->column;
    }
    *out = l;
    return ZG_OK;
}

static const char *
comparison_op(const zg_cypher_parser *p)
{
    static const char *const ops[] = {"=", "<>", "<", ">", "<=", ">="};
    size_t i;

    for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (zg_cypher__is_punct(p, 0, ops[i]))
            return ops[i];
    return NULL;
}

/* `a < b <= c`: one COMPARE node, operands and OP nodes in turn. */
static zg_status
comparison(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *e, *op;
    const char *s;

    ZG_TRY(predicate(p, &e));
    if (comparison_op(p) == NULL) {
        *out = e;
        return ZG_OK;
    }
    ZG_TRY(zg_cypher__node(p, ZG_CN_COMPARE, zg_cypher__peek(p, 0), out));
    (*out)->line = e->line;
    (*out)->column = e->column;
    ZG_TRY(zg_cypher__push(p, &kids, e));
    while ((s = comparison_op(p)) != NULL) {
        ZG_TRY(zg_cypher__node(p, ZG_CN_OP, zg_cypher__peek(p, 0), &op));
        op->text = s;
        p->i++;
        ZG_TRY(zg_cypher__push(p, &kids, op));
        ZG_TRY(predicate(p, &e));
        ZG_TRY(zg_cypher__push(p, &kids, e));
    }
    return zg_cypher__set_kids(p, *out, &kids);
}

static zg_status
negation(zg_cypher_parser *p, zg_cypher_node **out)
{
    size_t start = p->i, count;
    zg_cypher_node *e;

    while (zg_cypher__is_kw(p, 0, "NOT"))
        p->i++;
    count = p->i - start;
    ZG_TRY(comparison(p, &e));
    while (count-- > 0)
        ZG_TRY(zg_cypher__make(p, ZG_CN_NOT, &p->t[start + count], &e, 1, e));
    *out = e;
    return ZG_OK;
}

/* A left-associative level of the keyword operator `kw` (AND, XOR, OR),
 * operands from `next`, each built as a node of kind `k`. */
static zg_status
keyword_level(zg_cypher_parser *p,
              zg_status (*next)(zg_cypher_parser *, zg_cypher_node **),
              const char *kw, zg_cypher_kind k, zg_cypher_node **out)
{
    zg_cypher_node *l, *r;

    ZG_TRY(next(p, &l));
    while (zg_cypher__is_kw(p, 0, kw)) {
        const zg_cypher_token *t = zg_cypher__peek(p, 0);
        p->i++;
        ZG_TRY(next(p, &r));
        ZG_TRY(zg_cypher__make(p, k, t, &l, 2, l, r));
    }
    *out = l;
    return ZG_OK;
}

static zg_status
conjunction(zg_cypher_parser *p, zg_cypher_node **out)
{
    return keyword_level(p, negation, "AND", ZG_CN_AND, out);
}

static zg_status
exclusive(zg_cypher_parser *p, zg_cypher_node **out)
{
    return keyword_level(p, conjunction, "XOR", ZG_CN_XOR, out);
}

zg_status
zg_cypher__predicate(zg_cypher_parser *p, zg_cypher_node **out)
{
    int predicate = p->predicate;
    zg_status st;

    p->predicate = 1;
    st = zg_cypher__expr(p, out);
    p->predicate = predicate;
    return st;
}

zg_status
zg_cypher__expr(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_status st;

    ZG_TRY(zg_cypher__enter(p));
    st = keyword_level(p, exclusive, "OR", ZG_CN_OR, out);
    zg_cypher__leave(p);
    return st;
}
