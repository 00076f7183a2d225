/* SPDX-License-Identifier: MIT */
/*
 * The parser of the Cypher-style query language, clauses and patterns
 * (expressions are in cypher_expr.c): recursive descent over the tokens
 * of cypher_lex.c, one token of look-ahead save where a bracket's partner
 * decides (a parenthesis that opens a pattern). Every node lives in the
 * caller's arena; the first error wins and names line, column, what was
 * expected and what was found.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cypher_parser.h"

/* ---- helpers shared with cypher_expr.c ---- */

int
zg_cypher__is_kw(const zg_cypher_parser *p, size_t k, const char *kw)
{
    const zg_cypher_token *t = zg_cypher__peek(p, k);

    return t->kind == ZG_CT_WORD && strcasecmp(t->text, kw) == 0;
}

int
zg_cypher__is_punct(const zg_cypher_parser *p, size_t k, const char *s)
{
    const zg_cypher_token *t = zg_cypher__peek(p, k);

    return t->kind == ZG_CT_PUNCT && strcmp(t->text, s) == 0;
}

/* Words that start a clause or act as an operator: never a variable. */
static const char *const reserved[] = {
    "MATCH",  "OPTIONAL", "WHERE", "RETURN", "WITH",    "UNWIND",   "ORDER",
    "SKIP",   "LIMIT",    "UNION", "CREATE", "MERGE",   "SET",      "DELETE",
    "DETACH", "REMOVE",   "CALL",  "YIELD",  "FOREACH", "AND",      "OR",
    "XOR",    "NOT",      "IN",    "STARTS", "ENDS",    "CONTAINS", "IS",
    "AS",     "CASE",     "WHEN",  "THEN",   "ELSE",    "END",      "DISTINCT",
    "NULL",   "TRUE",     "FALSE"};

int
zg_cypher__is_name(const zg_cypher_parser *p, size_t k)
{
    const zg_cypher_token *t = zg_cypher__peek(p, k);
    size_t i;

    if (t->kind == ZG_CT_QWORD)
        return 1;
    if (t->kind != ZG_CT_WORD)
        return 0;
    for (i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        if (strcasecmp(t->text, reserved[i]) == 0)
            return 0;
    return 1;
}

int
zg_cypher__arrow_at(const zg_cypher_parser *p, size_t k)
{
    if (zg_cypher__is_punct(p, k, "<"))
        return zg_cypher__is_punct(p, k + 1, "-");
    return zg_cypher__is_punct(p, k, "-") &&
           (zg_cypher__is_punct(p, k + 1, "[") ||
            zg_cypher__is_punct(p, k + 1, "-"));
}

/* How the message names token `t`: 'MATCH', a string literal, end of
 * input. Long names are cut on a character boundary, and a control
 * character a back-quoted name may hold is shown as \uXXXX, so the
 * message stays one line. */
static void
describe(const zg_cypher_token *t, char *buf, size_t size)
{
    size_t n = t->len, i, o;

    switch (t->kind) {
    case ZG_CT_END: snprintf(buf, size, "end of input"); return;
    case ZG_CT_STRING: snprintf(buf, size, "a string literal"); return;
    default: break;
    }
    if (n > 40) {
        n = 40;
        while (n > 0 && ((unsigned char)t->text[n] & 0xC0) == 0x80)
            n--;
    }
    o = (size_t)snprintf(buf, size, "'%s", t->kind == ZG_CT_PARAM ? "$" : "");
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t->text[i];
        /* a whole character, and room for what follows it */
        size_t need = c < 0x20 || c == 0x7F ? 6
                      : c >= 0xF0           ? 4
                      : c >= 0xE0           ? 3
                      : c >= 0xC0           ? 2
                                            : 1;
        if (o + need + 24 >= size)
            break;
        if (c < 0x20 || c == 0x7F) {
            o += (size_t)snprintf(buf + o, size - o, "\\u%04X", c);
            continue;
        }
        buf[o++] = (char)c;
        while (--need > 0 && i + 1 < n)
            buf[o++] = t->text[++i];
    }
    snprintf(buf + o, size - o, "%s'%s", i < t->len ? "..." : "",
             t->kind == ZG_CT_QWORD ? " (back-quoted)" : "");
}

zg_status
zg_cypher__fail_at(zg_cypher_parser *p, const zg_cypher_token *t, zg_status st,
                   const char *fmt, ...)
{
    char msg[400];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return zg_error_set(p->err, st, NULL, t->line, t->column, "%u:%u: %s",
                        t->line, t->column, msg);
}

zg_cypher_token
zg_cypher__at(const zg_cypher_node *n)
{
    zg_cypher_token t;

    memset(&t, 0, sizeof t);
    t.line = n->line;
    t.column = n->column;
    return t;
}

zg_status
zg_cypher__expected(zg_cypher_parser *p, const char *what)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);
    char found[96];

    describe(t, found, sizeof found);
    return zg_cypher__fail_at(p, t, ZG_ERR_PARSE, "expected %s, found %s", what,
                              found);
}

zg_status
zg_cypher__nomem(zg_cypher_parser *p)
{
    return zg_error_set(p->err, ZG_ERR_NOMEM, NULL, 0, 0,
                        "out of memory while parsing the query");
}

/* Consume the current token when `present`, else fail expecting
 * `what` followed by `where`. */
static zg_status
expect_token(zg_cypher_parser *p, int present, const char *what,
             const char *where)
{
    char buf[96];

    if (present) {
        p->i++;
        return ZG_OK;
    }
    snprintf(buf, sizeof buf, "%s %s", what, where);
    return zg_cypher__expected(p, buf);
}

zg_status
zg_cypher__expect(zg_cypher_parser *p, const char *s, const char *where)
{
    char quoted[16];

    snprintf(quoted, sizeof quoted, "'%s'", s);
    return expect_token(p, zg_cypher__is_punct(p, 0, s), quoted, where);
}

zg_status
zg_cypher__expect_kw(zg_cypher_parser *p, const char *kw, const char *where)
{
    return expect_token(p, zg_cypher__is_kw(p, 0, kw), kw, where);
}

zg_status
zg_cypher__enter(zg_cypher_parser *p)
{
    if (p->depth >= ZG_CYPHER_MAX_DEPTH)
        return zg_cypher__fail_at(p, zg_cypher__peek(p, 0), ZG_ERR_LIMIT,
                                  "the query nests deeper than %d levels",
                                  ZG_CYPHER_MAX_DEPTH);
    p->depth++;
    return ZG_OK;
}

void
zg_cypher__leave(zg_cypher_parser *p)
{
    p->depth--;
}

zg_status
zg_cypher__node(zg_cypher_parser *p, zg_cypher_kind k, const zg_cypher_token *t,
                zg_cypher_node **out)
{
    zg_cypher_node *n = zg_arena_alloc(p->a, sizeof *n);

    if (n == NULL)
        return zg_cypher__nomem(p);
    memset(n, 0, sizeof *n);
    n->kind = k;
    n->line = t->line;
    n->column = t->column;
    n->depth = 1;
    n->max = -1;
    n->slot = -1;
    *out = n;
    return ZG_OK;
}

zg_status
zg_cypher__push(zg_cypher_parser *p, zg_cypher_vec *v, zg_cypher_node *kid)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4;
        zg_cypher_node **nv = zg_arena_alloc(p->a, cap * sizeof *nv);
        if (nv == NULL)
            return zg_cypher__nomem(p);
        if (v->n)
            memcpy(nv, v->v, v->n * sizeof *nv);
        v->v = nv;
        v->cap = cap;
    }
    v->v[v->n++] = kid;
    return ZG_OK;
}

zg_status
zg_cypher__set_kids(zg_cypher_parser *p, zg_cypher_node *n,
                    const zg_cypher_vec *v)
{
    size_t i;

    n->kids = v->v;
    n->n_kids = v->n;
    for (i = 0; i < v->n; i++)
        if (v->v[i] && v->v[i]->depth + 1 > n->depth)
            n->depth = v->v[i]->depth + 1;
    if (n->depth > ZG_CYPHER_MAX_TREE) {
        zg_cypher_token at = zg_cypher__at(n);
        return zg_cypher__fail_at(
            p, &at, ZG_ERR_LIMIT,
            "the query nests deeper than %d levels of operators and brackets",
            ZG_CYPHER_MAX_TREE);
    }
    return ZG_OK;
}

zg_status
zg_cypher__make(zg_cypher_parser *p, zg_cypher_kind k, const zg_cypher_token *t,
                zg_cypher_node **out, size_t nk, ...)
{
    zg_cypher_vec v = {0};
    va_list ap;
    size_t i;

    ZG_TRY(zg_cypher__node(p, k, t, out));
    if (nk == 0)
        return ZG_OK;
    v.v = zg_arena_alloc(p->a, nk * sizeof *v.v);
    if (v.v == NULL)
        return zg_cypher__nomem(p);
    va_start(ap, nk);
    for (i = 0; i < nk; i++)
        v.v[i] = va_arg(ap, zg_cypher_node *);
    va_end(ap);
    v.n = v.cap = nk;
    return zg_cypher__set_kids(p, *out, &v);
}

zg_status
zg_cypher__name(zg_cypher_parser *p, const char **text, const char *what)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);

    if (t->kind != ZG_CT_WORD && t->kind != ZG_CT_QWORD)
        return zg_cypher__expected(p, what);
    *text = t->text;
    p->i++;
    return ZG_OK;
}

/* A variable: a name that is not reserved. */
static zg_status
variable(zg_cypher_parser *p, const char **text, const char *what)
{
    if (!zg_cypher__is_name(p, 0))
        return zg_cypher__expected(p, what);
    return zg_cypher__name(p, text, what);
}

/* Record "L:C: MESSAGE" where node `n` starts. */
static zg_status
fail_node(zg_cypher_parser *p, const zg_cypher_node *n, const char *msg)
{
    zg_cypher_token at = zg_cypher__at(n);

    return zg_cypher__fail_at(p, &at, ZG_ERR_PARSE, "%s", msg);
}

/* ---- patterns ---- */

/* `$props` standing for the properties of a node or relationship, which
 * CREATE allows and MATCH and MERGE do not. */
static zg_status
param_properties(zg_cypher_parser *p, zg_cypher_node **out)
{
    if (p->matching)
        return zg_cypher__fail_at(p, zg_cypher__peek(p, 0), ZG_ERR_PARSE,
                                  "InvalidParameterUse: a parameter cannot "
                                  "stand for the properties in MATCH or MERGE; "
                                  "write them out, e.g. {key: $param.key}");
    return zg_cypher__postfix(p, out);
}

/* `(var:Label:Other {props})`, at the '('. */
static zg_status
node_pattern(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *n, *k;

    ZG_TRY(zg_cypher__node(p, ZG_CN_NODE, zg_cypher__peek(p, 0), &n));
    ZG_TRY(zg_cypher__expect(p, "(", "to start a node pattern"));
    if (zg_cypher__is_name(p, 0))
        n->text = zg_cypher__peek(p, 0)->text, p->i++;
    while (zg_cypher__is_punct(p, 0, ":")) {
        p->i++;
        ZG_TRY(zg_cypher__node(p, ZG_CN_LABEL, zg_cypher__peek(p, 0), &k));
        ZG_TRY(zg_cypher__name(p, &k->text, "a label after ':'"));
        ZG_TRY(zg_cypher__push(p, &kids, k));
    }
    if (zg_cypher__is_punct(p, 0, "{")) {
        ZG_TRY(zg_cypher__map(p, &k));
        ZG_TRY(zg_cypher__push(p, &kids, k));
    } else if (zg_cypher__peek(p, 0)->kind == ZG_CT_PARAM) {
        ZG_TRY(param_properties(p, &k));
        ZG_TRY(zg_cypher__push(p, &kids, k));
    }
    ZG_TRY(zg_cypher__expect(p, ")", "after the node pattern"));
    ZG_TRY(zg_cypher__set_kids(p, n, &kids));
    *out = n;
    return ZG_OK;
}

/* An integer bound of a variable-length relationship. */
static zg_status
range_bound(zg_cypher_parser *p, int64_t *v)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);
    const char *s = t->text;
    int64_t x = 0;

    if (t->kind != ZG_CT_INT || (s[0] == '0' && (s[1] == 'x' || s[1] == 'o')))
        return zg_cypher__expected(p, "a decimal number of hops");
    for (; *s; s++) {
        if (x > (INT64_MAX - (*s - '0')) / 10)
            return zg_cypher__fail_at(p, t, ZG_ERR_PARSE,
                                      "the number of hops %s is too large",
                                      t->text);
        x = x * 10 + (*s - '0');
    }
    *v = x;
    p->i++;
    return ZG_OK;
}

/* `*`, `*2`, `*1..3`, `*..3`, `*2..`, at the '*'. */
static zg_status
range(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_node *r;

    ZG_TRY(zg_cypher__node(p, ZG_CN_RANGE, zg_cypher__peek(p, 0), &r));
    p->i++;
    r->ival = -1;
    if (zg_cypher__peek(p, 0)->kind == ZG_CT_INT) {
        ZG_TRY(range_bound(p, &r->ival));
        r->max = r->ival;
    }
    if (zg_cypher__is_punct(p, 0, "..")) {
        p->i++;
        r->max = -1;
        if (zg_cypher__peek(p, 0)->kind == ZG_CT_INT)
            ZG_TRY(range_bound(p, &r->max));
    }
    *out = r;
    return ZG_OK;
}

/* `[r:A|B*1..3 {k: v}]`, at the '['. */
static zg_status
rel_detail(zg_cypher_parser *p, zg_cypher_node *rel, zg_cypher_vec *kids)
{
    zg_cypher_node *k;

    p->i++;
    if (zg_cypher__is_name(p, 0))
        rel->text = zg_cypher__peek(p, 0)->text, p->i++;
    if (zg_cypher__is_punct(p, 0, ":")) {
        do {
            p->i++;
            if (kids->n && zg_cypher__is_punct(p, 0, ":"))
                p->i++;
            ZG_TRY(zg_cypher__node(p, ZG_CN_TYPE, zg_cypher__peek(p, 0), &k));
            ZG_TRY(zg_cypher__name(p, &k->text, "a relationship type"));
            ZG_TRY(zg_cypher__push(p, kids, k));
        } while (zg_cypher__is_punct(p, 0, "|"));
    }
    if (zg_cypher__is_punct(p, 0, "*")) {
        ZG_TRY(range(p, &k));
        ZG_TRY(zg_cypher__push(p, kids, k));
    }
    if (zg_cypher__is_punct(p, 0, "{")) {
        ZG_TRY(zg_cypher__map(p, &k));
        ZG_TRY(zg_cypher__push(p, kids, k));
    } else if (zg_cypher__peek(p, 0)->kind == ZG_CT_PARAM) {
        ZG_TRY(param_properties(p, &k));
        ZG_TRY(zg_cypher__push(p, kids, k));
    }
    return zg_cypher__expect(p, "]", "after the relationship pattern");
}

/* `-[...]->`, `<-[...]-`, `-[...]-`, `--`, `-->`, `<--`, `<-->`. */
static zg_status
rel_pattern(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *r;

    ZG_TRY(zg_cypher__node(p, ZG_CN_REL, zg_cypher__peek(p, 0), &r));
    if (zg_cypher__is_punct(p, 0, "<")) {
        r->flags |= ZG_CF_LEFT;
        p->i++;
    }
    ZG_TRY(zg_cypher__expect(p, "-", "in the relationship pattern"));
    if (zg_cypher__is_punct(p, 0, "["))
        ZG_TRY(rel_detail(p, r, &kids));
    ZG_TRY(zg_cypher__expect(p, "-", "to end the relationship pattern"));
    if (zg_cypher__is_punct(p, 0, ">")) {
        r->flags |= ZG_CF_RIGHT;
        p->i++;
    }
    ZG_TRY(zg_cypher__set_kids(p, r, &kids));
    *out = r;
    return ZG_OK;
}

/* `(a)-[r]->(b)<-(c)...` into the kids of `path`. */
static zg_status
chain(zg_cypher_parser *p, zg_cypher_node *path)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *k;

    if (!zg_cypher__is_punct(p, 0, "("))
        return zg_cypher__expected(p, "'(' to start a node pattern");
    ZG_TRY(node_pattern(p, &k));
    ZG_TRY(zg_cypher__push(p, &kids, k));
    while (zg_cypher__arrow_at(p, 0)) {
        ZG_TRY(rel_pattern(p, &k));
        ZG_TRY(zg_cypher__push(p, &kids, k));
        if (!zg_cypher__is_punct(p, 0, "("))
            return zg_cypher__expected(
                p, "'(' to start a node pattern after the relationship");
        ZG_TRY(node_pattern(p, &k));
        ZG_TRY(zg_cypher__push(p, &kids, k));
    }
    return zg_cypher__set_kids(p, path, &kids);
}

zg_status
zg_cypher__path(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_node *path;
    unsigned flag = 0;

    ZG_TRY(zg_cypher__node(p, ZG_CN_PATH, zg_cypher__peek(p, 0), &path));
    if (zg_cypher__is_name(p, 0) && zg_cypher__is_punct(p, 1, "=")) {
        path->text = zg_cypher__peek(p, 0)->text;
        p->i += 2;
    }
    if (zg_cypher__is_kw(p, 0, "SHORTESTPATH"))
        flag = ZG_CF_SHORTEST;
    else if (zg_cypher__is_kw(p, 0, "ALLSHORTESTPATHS"))
        flag = ZG_CF_ALL_SHORTEST;
    if (flag && zg_cypher__is_punct(p, 1, "(")) {
        path->flags |= flag;
        p->i += 2;
        ZG_TRY(zg_cypher__enter(p));
        ZG_TRY(chain(p, path));
        zg_cypher__leave(p);
        ZG_TRY(zg_cypher__expect(p, ")", "after the shortest path pattern"));
    } else {
        ZG_TRY(chain(p, path));
    }
    *out = path;
    return ZG_OK;
}

/* Comma-separated paths into `kids`. */
static zg_status
pattern_list(zg_cypher_parser *p, zg_cypher_vec *kids)
{
    zg_cypher_node *k;

    do {
        if (kids->n)
            p->i++;
        ZG_TRY(zg_cypher__path(p, &k));
        ZG_TRY(zg_cypher__push(p, kids, k));
    } while (zg_cypher__is_punct(p, 0, ","));
    return ZG_OK;
}

/* ---- clauses ---- */

static zg_status
where(zg_cypher_parser *p, zg_cypher_vec *kids)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);
    zg_cypher_node *e, *w;

    if (!zg_cypher__is_kw(p, 0, "WHERE"))
        return ZG_OK;
    p->i++;
    ZG_TRY(zg_cypher__predicate(p, &e));
    ZG_TRY(zg_cypher__make(p, ZG_CN_WHERE, t, &w, 1, e));
    return zg_cypher__push(p, kids, w);
}

/* A clause node of kind `k` at the current token, its keywords (`words`
 * of them) consumed. */
static zg_status
clause(zg_cypher_parser *p, zg_cypher_kind k, size_t words,
       zg_cypher_node **out)
{
    ZG_TRY(zg_cypher__node(p, k, zg_cypher__peek(p, 0), out));
    p->i += words;
    return ZG_OK;
}

static zg_status
match_clause(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    int optional = zg_cypher__is_kw(p, 0, "OPTIONAL");

    ZG_TRY(clause(p, ZG_CN_MATCH, optional ? 1 : 0, out));
    if (optional)
        (*out)->flags |= ZG_CF_OPTIONAL;
    ZG_TRY(zg_cypher__expect_kw(p, "MATCH", "after OPTIONAL"));
    p->matching = 1;
    ZG_TRY(pattern_list(p, &kids));
    p->matching = 0;
    ZG_TRY(where(p, &kids));
    return zg_cypher__set_kids(p, *out, &kids);
}

static zg_status
unwind_clause(zg_cypher_parser *p, zg_cypher_node **out)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);
    zg_cypher_node *e, *v;

    p->i++;
    ZG_TRY(zg_cypher__expr(p, &e));
    ZG_TRY(zg_cypher__expect_kw(p, "AS", "after the list UNWIND expands"));
    ZG_TRY(zg_cypher__node(p, ZG_CN_VAR, zg_cypher__peek(p, 0), &v));
    ZG_TRY(variable(p, &v->text, "a variable after AS"));
    return zg_cypher__make(p, ZG_CN_UNWIND, t, out, 2, e, v);
}

/* `expr [AS name]` of RETURN and WITH. */
static zg_status
proj_item(zg_cypher_parser *p, zg_cypher_node **out)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);
    zg_cypher_node *e;

    ZG_TRY(zg_cypher__expr(p, &e));
    ZG_TRY(zg_cypher__make(p, ZG_CN_ITEM, t, out, 1, e));
    (*out)->ival = (int64_t)t->off;
    (*out)->max = (int64_t)p->t[p->i - 1].end;
    if (zg_cypher__is_kw(p, 0, "AS")) {
        p->i++;
        ZG_TRY(variable(p, &(*out)->text, "a name after AS"));
    }
    return ZG_OK;
}

static zg_status
order_by(zg_cypher_parser *p, zg_cypher_vec *kids)
{
    zg_cypher_vec keys = {0};
    zg_cypher_node *o, *e, *s;

    ZG_TRY(clause(p, ZG_CN_ORDER, 1, &o));
    ZG_TRY(zg_cypher__expect_kw(p, "BY", "after ORDER"));
    do {
        const zg_cypher_token *t;
        if (keys.n)
            p->i++;
        t = zg_cypher__peek(p, 0);
        ZG_TRY(zg_cypher__expr(p, &e));
        ZG_TRY(zg_cypher__make(p, ZG_CN_SORT, t, &s, 1, e));
        if (zg_cypher__is_kw(p, 0, "DESC") ||
            zg_cypher__is_kw(p, 0, "DESCENDING")) {
            s->flags |= ZG_CF_DESC;
            p->i++;
        } else if (zg_cypher__is_kw(p, 0, "ASC") ||
                   zg_cypher__is_kw(p, 0, "ASCENDING")) {
            p->i++;
        }
        ZG_TRY(zg_cypher__push(p, &keys, s));
    } while (zg_cypher__is_punct(p, 0, ","));
    ZG_TRY(zg_cypher__set_kids(p, o, &keys));
    return zg_cypher__push(p, kids, o);
}

/* SKIP or LIMIT with its expression, when the keyword is there. */
static zg_status
skip_limit(zg_cypher_parser *p, const char *kw, zg_cypher_kind k,
           zg_cypher_vec *kids)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);
    zg_cypher_node *e, *n;

    if (!zg_cypher__is_kw(p, 0, kw))
        return ZG_OK;
    p->i++;
    ZG_TRY(zg_cypher__expr(p, &e));
    ZG_TRY(zg_cypher__make(p, k, t, &n, 1, e));
    return zg_cypher__push(p, kids, n);
}

/* The body RETURN and WITH share: DISTINCT, items or `*`, ORDER BY,
 * SKIP, LIMIT. */
static zg_status
projection(zg_cypher_parser *p, zg_cypher_node *c, zg_cypher_vec *kids)
{
    zg_cypher_node *k;

    if (zg_cypher__is_kw(p, 0, "DISTINCT")) {
        c->flags |= ZG_CF_DISTINCT;
        p->i++;
    }
    if (zg_cypher__is_punct(p, 0, "*")) {
        c->flags |= ZG_CF_STAR;
        p->i++;
        if (!zg_cypher__is_punct(p, 0, ","))
            goto tail;
        p->i++;
    }
    do {
        if (kids->n)
            p->i++;
        ZG_TRY(proj_item(p, &k));
        ZG_TRY(zg_cypher__push(p, kids, k));
    } while (zg_cypher__is_punct(p, 0, ","));
tail:
    if (zg_cypher__is_kw(p, 0, "ORDER"))
        ZG_TRY(order_by(p, kids));
    ZG_TRY(skip_limit(p, "SKIP", ZG_CN_SKIP, kids));
    return skip_limit(p, "LIMIT", ZG_CN_LIMIT, kids);
}

static zg_status
return_clause(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};

    ZG_TRY(clause(p, ZG_CN_RETURN, 1, out));
    ZG_TRY(projection(p, *out, &kids));
    return zg_cypher__set_kids(p, *out, &kids);
}

static zg_status
with_clause(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    size_t i;

    ZG_TRY(clause(p, ZG_CN_WITH, 1, out));
    ZG_TRY(projection(p, *out, &kids));
    for (i = 0; i < kids.n; i++)
        if (kids.v[i]->kind == ZG_CN_ITEM && kids.v[i]->text == NULL &&
            kids.v[i]->kids[0]->kind != ZG_CN_VAR)
            return fail_node(p, kids.v[i],
                             "NoExpressionAlias: an expression in WITH needs a "
                             "name: add AS name");
    ZG_TRY(where(p, &kids));
    return zg_cypher__set_kids(p, *out, &kids);
}

/* A dotted name: `zonegraph.relate`, into the arena. */
static zg_status
dotted_name(zg_cypher_parser *p, const char **out, const char *what)
{
    zg_strbuf b = {0};
    const char *part = NULL;
    zg_status st = ZG_OK;

    do {
        if (b.len)
            p->i++;
        st = zg_cypher__name(p, &part, what);
        if (st != ZG_OK)
            goto out;
        if ((b.len && zg_strbuf_add(&b, ".") != 0) ||
            zg_strbuf_add(&b, part) != 0) {
            st = zg_cypher__nomem(p);
            goto out;
        }
    } while (zg_cypher__is_punct(p, 0, ".") && zg_cypher__is_name(p, 1));
    if ((*out = zg_arena_strndup(p->a, b.s, b.len)) == NULL)
        st = zg_cypher__nomem(p);
out:
    free(zg_strbuf_take(&b));
    return st;
}

/* `YIELD *` or `YIELD a, b AS c [WHERE ...]`. */
static zg_status
yield(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *v, *it;

    ZG_TRY(clause(p, ZG_CN_YIELD, 1, out));
    if (zg_cypher__is_punct(p, 0, "*")) {
        (*out)->flags |= ZG_CF_STAR;
        p->i++;
        return ZG_OK;
    }
    do {
        if (kids.n)
            p->i++;
        ZG_TRY(zg_cypher__node(p, ZG_CN_VAR, zg_cypher__peek(p, 0), &v));
        ZG_TRY(variable(p, &v->text, "a result field after YIELD"));
        ZG_TRY(zg_cypher__make(p, ZG_CN_ITEM, &p->t[p->i - 1], &it, 1, v));
        if (zg_cypher__is_kw(p, 0, "AS")) {
            p->i++;
            ZG_TRY(variable(p, &it->text, "a name after AS"));
        }
        ZG_TRY(zg_cypher__push(p, &kids, it));
    } while (zg_cypher__is_punct(p, 0, ","));
    ZG_TRY(where(p, &kids));
    return zg_cypher__set_kids(p, *out, &kids);
}

static zg_status
call_clause(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0}, args = {0};
    zg_cypher_node *k, *e;

    if (zg_cypher__is_punct(p, 1, "{"))
        return zg_cypher__fail_at(p, zg_cypher__peek(p, 0), ZG_ERR_PARSE,
                                  "CALL { ... } subqueries are not supported");
    ZG_TRY(clause(p, ZG_CN_CALL, 1, out));
    ZG_TRY(dotted_name(p, &(*out)->text, "a procedure name after CALL"));
    if (zg_cypher__is_punct(p, 0, "(")) {
        ZG_TRY(clause(p, ZG_CN_ARGS, 1, &k));
        while (!zg_cypher__is_punct(p, 0, ")")) {
            if (args.n)
                ZG_TRY(zg_cypher__expect(p, ",", "between arguments"));
            ZG_TRY(zg_cypher__expr(p, &e));
            ZG_TRY(zg_cypher__push(p, &args, e));
        }
        p->i++;
        ZG_TRY(zg_cypher__set_kids(p, k, &args));
        ZG_TRY(zg_cypher__push(p, &kids, k));
    }
    if (zg_cypher__is_kw(p, 0, "YIELD")) {
        ZG_TRY(yield(p, &k));
        ZG_TRY(zg_cypher__push(p, &kids, k));
    }
    return zg_cypher__set_kids(p, *out, &kids);
}

/* The relationships CREATE and MERGE make: one type each, one hop, and
 * for CREATE one direction (MERGE may leave it open). */
static zg_status
check_new_rels(zg_cypher_parser *p, const zg_cypher_node *path, int create)
{
    size_t i, k, types;

    for (i = 1; i < path->n_kids; i += 2) {
        const zg_cypher_node *r = path->kids[i];
        unsigned dir = r->flags & (ZG_CF_LEFT | ZG_CF_RIGHT);
        for (k = types = 0; k < r->n_kids; k++) {
            if (r->kids[k]->kind == ZG_CN_TYPE)
                types++;
            if (r->kids[k]->kind == ZG_CN_RANGE)
                return fail_node(p, r->kids[k],
                                 create ? "CreatingVarLength: CREATE cannot "
                                          "make a variable-length"
                                          " relationship"
                                        : "CreatingVarLength: MERGE cannot "
                                          "make a variable-length"
                                          " relationship");
        }
        if (types != 1)
            return fail_node(p, r,
                             "NoSingleRelationshipType: a relationship to "
                             "create needs exactly one "
                             "type, e.g. -[:KNOWS]->");
        if (dir == (ZG_CF_LEFT | ZG_CF_RIGHT) || (create && dir == 0))
            return fail_node(p, r,
                             create ? "RequiresDirectedRelationship: a "
                                      "relationship CREATE makes needs one "
                                      "direction, -[...]-> or <-[...]-"
                                    : "a relationship MERGE makes cannot point "
                                      "both ways");
    }
    return ZG_OK;
}

static zg_status
create_clause(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    size_t i;

    ZG_TRY(clause(p, ZG_CN_CREATE, 1, out));
    ZG_TRY(pattern_list(p, &kids));
    for (i = 0; i < kids.n; i++)
        ZG_TRY(check_new_rels(p, kids.v[i], 1));
    return zg_cypher__set_kids(p, *out, &kids);
}

/* `n.k = v`, `n = {map}`, `n += {map}`, `n:Label`. */
static zg_status
set_item(zg_cypher_parser *p, zg_cypher_node **out)
{
    const zg_cypher_token *t = zg_cypher__peek(p, 0);
    zg_cypher_node *target, *value;
    const char *op;

    ZG_TRY(zg_cypher__postfix(p, &target));
    if (target->kind == ZG_CN_HAS_LABELS && !zg_cypher__is_punct(p, 0, "=") &&
        !zg_cypher__is_punct(p, 0, "+="))
        return zg_cypher__make(p, ZG_CN_SET_ITEM, t, out, 1, target);
    if (zg_cypher__is_punct(p, 0, "="))
        op = "=";
    else if (zg_cypher__is_punct(p, 0, "+="))
        op = "+=";
    else
        return zg_cypher__expected(p, "'=' or '+=' in SET");
    p->i++;
    ZG_TRY(zg_cypher__expr(p, &value));
    ZG_TRY(zg_cypher__make(p, ZG_CN_SET_ITEM, t, out, 2, target, value));
    (*out)->text = op;
    return ZG_OK;
}

/* The items of SET (or ON CREATE SET) into a node of kind `k`. */
static zg_status
set_items(zg_cypher_parser *p, zg_cypher_kind k, size_t words,
          zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *it;

    ZG_TRY(clause(p, k, words, out));
    do {
        if (kids.n)
            p->i++;
        ZG_TRY(set_item(p, &it));
        ZG_TRY(zg_cypher__push(p, &kids, it));
    } while (zg_cypher__is_punct(p, 0, ","));
    return zg_cypher__set_kids(p, *out, &kids);
}

static zg_status
merge_clause(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *k;

    ZG_TRY(clause(p, ZG_CN_MERGE, 1, out));
    p->matching = 1;
    ZG_TRY(zg_cypher__path(p, &k));
    p->matching = 0;
    ZG_TRY(check_new_rels(p, k, 0));
    ZG_TRY(zg_cypher__push(p, &kids, k));
    while (zg_cypher__is_kw(p, 0, "ON")) {
        int create = zg_cypher__is_kw(p, 1, "CREATE");
        if (!create && !zg_cypher__is_kw(p, 1, "MATCH")) {
            p->i++;
            return zg_cypher__expected(p, "CREATE or MATCH after ON");
        }
        if (!zg_cypher__is_kw(p, 2, "SET")) {
            p->i += 2;
            return zg_cypher__expected(p, "SET after ON CREATE or ON MATCH");
        }
        ZG_TRY(set_items(p, create ? ZG_CN_ON_CREATE : ZG_CN_ON_MATCH, 3, &k));
        ZG_TRY(zg_cypher__push(p, &kids, k));
    }
    return zg_cypher__set_kids(p, *out, &kids);
}

static zg_status
delete_clause(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *e;
    int detach = zg_cypher__is_kw(p, 0, "DETACH");

    ZG_TRY(clause(p, ZG_CN_DELETE, detach ? 1 : 0, out));
    if (detach)
        (*out)->flags |= ZG_CF_DETACH;
    ZG_TRY(zg_cypher__expect_kw(p, "DELETE", "after DETACH"));
    do {
        if (kids.n)
            p->i++;
        ZG_TRY(zg_cypher__expr(p, &e));
        if (e->kind == ZG_CN_HAS_LABELS)
            return fail_node(
                p, e,
                "InvalidDelete: DELETE takes nodes, relationships or paths; "
                "REMOVE n:Label takes a label away");
        ZG_TRY(zg_cypher__push(p, &kids, e));
    } while (zg_cypher__is_punct(p, 0, ","));
    return zg_cypher__set_kids(p, *out, &kids);
}

static zg_status
remove_clause(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *e;

    ZG_TRY(clause(p, ZG_CN_REMOVE, 1, out));
    do {
        if (kids.n)
            p->i++;
        ZG_TRY(zg_cypher__postfix(p, &e));
        if (e->kind != ZG_CN_PROP && e->kind != ZG_CN_HAS_LABELS)
            return fail_node(
                p, e, "REMOVE takes a property (n.key) or labels (n:Label)");
        ZG_TRY(zg_cypher__push(p, &kids, e));
    } while (zg_cypher__is_punct(p, 0, ","));
    return zg_cypher__set_kids(p, *out, &kids);
}

static zg_status clauses(zg_cypher_parser *p, zg_cypher_vec *kids);
static int is_updating(zg_cypher_kind k);

static zg_status
foreach_clause(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *e;
    zg_status st;
    size_t i;

    ZG_TRY(clause(p, ZG_CN_FOREACH, 1, out));
    ZG_TRY(zg_cypher__expect(p, "(", "after FOREACH"));
    ZG_TRY(variable(p, &(*out)->text, "a variable after FOREACH ("));
    ZG_TRY(zg_cypher__expect_kw(p, "IN", "after the variable of FOREACH"));
    ZG_TRY(zg_cypher__expr(p, &e));
    ZG_TRY(zg_cypher__push(p, &kids, e));
    ZG_TRY(zg_cypher__expect(p, "|", "after the list of FOREACH"));
    ZG_TRY(zg_cypher__enter(p));
    st = clauses(p, &kids);
    zg_cypher__leave(p);
    ZG_TRY(st);
    for (i = 1; i < kids.n; i++)
        if (!is_updating(kids.v[i]->kind))
            return fail_node(p, kids.v[i],
                             "FOREACH takes only CREATE, MERGE, SET, DELETE, "
                             "REMOVE and FOREACH");
    ZG_TRY(zg_cypher__expect(p, ")", "to close FOREACH"));
    return zg_cypher__set_kids(p, *out, &kids);
}

static zg_status
set_clause(zg_cypher_parser *p, zg_cypher_node **out)
{
    return set_items(p, ZG_CN_SET, 1, out);
}

typedef struct clause_entry {
    const char *kw;
    zg_status (*parse)(zg_cypher_parser *p, zg_cypher_node **out);
} clause_entry;

static const clause_entry clause_table[] = {
    {"MATCH", match_clause},    {"OPTIONAL", match_clause},
    {"UNWIND", unwind_clause},  {"WITH", with_clause},
    {"RETURN", return_clause},  {"CALL", call_clause},
    {"CREATE", create_clause},  {"MERGE", merge_clause},
    {"SET", set_clause},        {"DELETE", delete_clause},
    {"DETACH", delete_clause},  {"REMOVE", remove_clause},
    {"FOREACH", foreach_clause}};

static const clause_entry *
clause_at(const zg_cypher_parser *p)
{
    size_t i;

    for (i = 0; i < sizeof clause_table / sizeof clause_table[0]; i++)
        if (zg_cypher__is_kw(p, 0, clause_table[i].kw))
            return &clause_table[i];
    return NULL;
}

/* Clauses while one starts at the current token; RETURN ends them. */
static zg_status
clauses(zg_cypher_parser *p, zg_cypher_vec *kids)
{
    const clause_entry *c;
    zg_cypher_node *k = NULL;

    while ((c = clause_at(p)) != NULL) {
        if (k && k->kind == ZG_CN_RETURN)
            return zg_cypher__expected(
                p, "the end of the query after RETURN (RETURN comes last)");
        ZG_TRY(c->parse(p, &k));
        ZG_TRY(zg_cypher__push(p, kids, k));
    }
    if (kids->n == 0)
        return zg_cypher__expected(p, "a clause such as MATCH or RETURN");
    return ZG_OK;
}

static int
is_updating(zg_cypher_kind k)
{
    return k == ZG_CN_CREATE || k == ZG_CN_MERGE || k == ZG_CN_SET ||
           k == ZG_CN_DELETE || k == ZG_CN_REMOVE || k == ZG_CN_FOREACH;
}

static int
is_reading(zg_cypher_kind k)
{
    return k == ZG_CN_MATCH || k == ZG_CN_UNWIND || k == ZG_CN_WITH;
}

/* YIELD * is for a CALL that is the whole query, whose fields are the
 * result as they come. */
static zg_status
yield_star_alone(zg_cypher_parser *p, const zg_cypher_vec *kids)
{
    size_t i;

    for (i = 0; i < kids->n && kids->n > 1; i++) {
        const zg_cypher_node *c = kids->v[i], *y;
        if (c->kind != ZG_CN_CALL || c->n_kids == 0)
            continue;
        y = c->kids[c->n_kids - 1];
        if (y->kind == ZG_CN_YIELD && (y->flags & ZG_CF_STAR))
            return fail_node(
                p, y, "YIELD * is only allowed when CALL is the whole query");
    }
    return ZG_OK;
}

/* A query without UNION: clauses ending in RETURN, an update or CALL. */
static zg_status
single(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};

    ZG_TRY(zg_cypher__node(p, ZG_CN_SINGLE, zg_cypher__peek(p, 0), out));
    ZG_TRY(clauses(p, &kids));
    ZG_TRY(yield_star_alone(p, &kids));
    if (is_reading(kids.v[kids.n - 1]->kind)) {
        if (zg_cypher__peek(p, 0)->kind == ZG_CT_END ||
            zg_cypher__is_kw(p, 0, "UNION") || zg_cypher__is_punct(p, 0, ";"))
            return zg_cypher__expected(
                p, "RETURN or an updating clause to end the query");
        return zg_cypher__expected(p, "a clause");
    }
    return zg_cypher__set_kids(p, *out, &kids);
}

zg_status
zg_cypher__subquery(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_status st;
    int predicate = p->predicate;
    size_t i;

    ZG_TRY(zg_cypher__node(p, ZG_CN_SINGLE, zg_cypher__peek(p, 0), out));
    ZG_TRY(zg_cypher__enter(p));
    p->predicate = 0;
    st = clauses(p, &kids);
    p->predicate = predicate;
    zg_cypher__leave(p);
    ZG_TRY(st);
    for (i = 0; i < kids.n; i++)
        if (is_updating(kids.v[i]->kind))
            return fail_node(p, kids.v[i],
                             "InvalidClauseComposition: EXISTS { ... } only "
                             "reads: it cannot change "
                             "the graph");
    return zg_cypher__set_kids(p, *out, &kids);
}

/* [EXPLAIN | PROFILE] single (UNION [ALL] single)* [;] */
static zg_status
query(zg_cypher_parser *p, zg_cypher_node **out)
{
    zg_cypher_vec kids = {0};
    zg_cypher_node *s, *u;
    int kind = -1; /* UNION seen: 0 plain, 1 ALL */

    ZG_TRY(zg_cypher__node(p, ZG_CN_QUERY, zg_cypher__peek(p, 0), out));
    if (zg_cypher__is_kw(p, 0, "EXPLAIN")) {
        (*out)->flags |= ZG_CF_EXPLAIN;
        p->i++;
    } else if (zg_cypher__is_kw(p, 0, "PROFILE")) {
        (*out)->flags |= ZG_CF_PROFILE;
        p->i++;
    }
    ZG_TRY(single(p, &s));
    ZG_TRY(zg_cypher__push(p, &kids, s));
    while (zg_cypher__is_kw(p, 0, "UNION")) {
        const zg_cypher_token *t = zg_cypher__peek(p, 0);
        int all = zg_cypher__is_kw(p, 1, "ALL");
        if (kind >= 0 && kind != all)
            return zg_cypher__fail_at(p, t, ZG_ERR_PARSE,
                                      "InvalidClauseComposition: UNION and "
                                      "UNION ALL cannot be mixed");
        kind = all;
        p->i += all ? 2 : 1;
        ZG_TRY(single(p, &s));
        ZG_TRY(zg_cypher__make(p, ZG_CN_UNION, t, &u, 1, s));
        if (all)
            u->flags |= ZG_CF_ALL;
        ZG_TRY(zg_cypher__push(p, &kids, u));
    }
    if (zg_cypher__is_punct(p, 0, ";"))
        p->i++;
    if (zg_cypher__peek(p, 0)->kind != ZG_CT_END)
        return zg_cypher__expected(p, "end of input");
    return zg_cypher__set_kids(p, *out, &kids);
}

zg_status
zg_cypher__parse(zg_arena *a, const char *src, size_t len, zg_cypher_node **out,
                 zg_error *err)
{
    zg_cypher_parser p;
    zg_cypher_node *root = NULL;
    zg_status st;

    memset(&p, 0, sizeof p);
    p.a = a;
    p.err = err;
    *out = NULL;
    st = zg_cypher__lex(a, src, len, &p.t, &p.n, err);
    if (st == ZG_OK)
        st = query(&p, &root);
    if (st == ZG_OK)
        *out = root;
    return st;
}
