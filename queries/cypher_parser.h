/* SPDX-License-Identifier: MIT */
/*
 * Internal to the parser of the Cypher-style query language: the state
 * shared by its clause and pattern half (cypher_parse.c) and its
 * expression half (cypher_expr.c), and the helpers both use.
 */
#ifndef ZG_CYPHER_PARSER_H
#define ZG_CYPHER_PARSER_H

#include <string.h>

#include "cypher_internal.h"

typedef struct zg_cypher_parser {
    zg_arena *a;
    zg_cypher_token *t;
    size_t n, i; /* tokens, and the current one */
    zg_error *err;
    unsigned depth; /* recursion depth of the parser */
    /* Where a pattern may stand as an expression: inside WHERE (of a
     * clause, comprehension or quantifier) and the arguments of exists(). */
    int predicate;
    /* In MATCH or MERGE, whose properties must be written out: a
     * parameter cannot stand for them. */
    int matching;
} zg_cypher_parser;

/* A growing list of kids, in the arena. */
typedef struct zg_cypher_vec {
    zg_cypher_node **v;
    size_t n, cap;
} zg_cypher_vec;

/* The token `k` places past the current one (the end token past the end). */
static inline const zg_cypher_token *
zg_cypher__peek(const zg_cypher_parser *p, size_t k)
{
    return &p->t[p->i + k < p->n ? p->i + k : p->n - 1];
}

/* 1 if token `k` places ahead is the keyword `kw` (upper case), in any
 * case; a back-quoted name is never a keyword. */
int zg_cypher__is_kw(const zg_cypher_parser *p, size_t k, const char *kw);
/* 1 if token `k` places ahead is the punctuation `s`. */
int zg_cypher__is_punct(const zg_cypher_parser *p, size_t k, const char *s);
/* 1 if the word at token `k` is a name a variable may have (a word not
 * reserved for the language, or any back-quoted name). */
int zg_cypher__is_name(const zg_cypher_parser *p, size_t k);
/* 1 if a relationship pattern starts at token `k`: `-[`, `--`, `<-`. */
int zg_cypher__arrow_at(const zg_cypher_parser *p, size_t k);

/* Record "L:C: expected WHAT, found TOKEN" at the current token. */
zg_status zg_cypher__expected(zg_cypher_parser *p, const char *what);
/* Record "L:C: MESSAGE" at token `t` with status `st`. */
zg_status zg_cypher__fail_at(zg_cypher_parser *p, const zg_cypher_token *t,
                             zg_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
zg_status zg_cypher__nomem(zg_cypher_parser *p);
/* A token standing for where node `n` starts, for an error about it. */
zg_cypher_token zg_cypher__at(const zg_cypher_node *n);
/* Consume punctuation `s` or fail with "expected 's' WHERE". */
zg_status zg_cypher__expect(zg_cypher_parser *p, const char *s,
                            const char *where);
/* Consume the keyword `kw` or fail with "expected KW WHERE". */
zg_status zg_cypher__expect_kw(zg_cypher_parser *p, const char *kw,
                               const char *where);
/* Enter and leave one level of nesting; entering fails past the limit. */
zg_status zg_cypher__enter(zg_cypher_parser *p);
void zg_cypher__leave(zg_cypher_parser *p);

/* A new node of kind `k` at token `t`, with no kids. */
zg_status zg_cypher__node(zg_cypher_parser *p, zg_cypher_kind k,
                          const zg_cypher_token *t, zg_cypher_node **out);
zg_status zg_cypher__push(zg_cypher_parser *p, zg_cypher_vec *v,
                          zg_cypher_node *kid);
/* Give `n` the kids in `v` and check the depth of the tree it tops. */
zg_status zg_cypher__set_kids(zg_cypher_parser *p, zg_cypher_node *n,
                              const zg_cypher_vec *v);
/* A new node with the `nk` kids given (each may be NULL). */
zg_status zg_cypher__make(zg_cypher_parser *p, zg_cypher_kind k,
                          const zg_cypher_token *t, zg_cypher_node **out,
                          size_t nk, ...);
/* A name (word or back-quoted) into `*text`, or fail expecting `what`. */
zg_status zg_cypher__name(zg_cypher_parser *p, const char **text,
                          const char *what);

/* Grammar entry points shared between the two halves. */
zg_status zg_cypher__expr(zg_cypher_parser *p, zg_cypher_node **out);
/* An expression in a predicate's place (WHERE), where a pattern may
 * stand for "such a path exists". */
zg_status zg_cypher__predicate(zg_cypher_parser *p, zg_cypher_node **out);
/* An expression without operators: an atom with its property lookups,
 * indexes and labels (SET and REMOVE targets). */
zg_status zg_cypher__postfix(zg_cypher_parser *p, zg_cypher_node **out);
/* `{key: expr, ...}` at the current '{'. */
zg_status zg_cypher__map(zg_cypher_parser *p, zg_cypher_node **out);
/* One path of a pattern: `p = (a)-[r]->(b)`, shortestPath(...), ... */
zg_status zg_cypher__path(zg_cypher_parser *p, zg_cypher_node **out);
/* Clauses up to the closing '}' of EXISTS { ... }: a SINGLE. */
zg_status zg_cypher__subquery(zg_cypher_parser *p, zg_cypher_node **out);

#endif /* ZG_CYPHER_PARSER_H */
