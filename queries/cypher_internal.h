/* SPDX-License-Identifier: MIT */
/*
 * Internal to the queries module: the front end of zonegraph's
 * Cypher-style query language. The lexer turns the query text into tokens,
 * the parser turns the tokens into a tree of zg_cypher_node (every node,
 * string and array lives in one zg_arena), the check resolves its
 * variables and refuses what has no meaning, and the printer writes the
 * tree as a stable S-expression (for tests and for EXPLAIN).
 *
 * Hostile text is refused with an error naming line and column: bytes that
 * are not UTF-8, NUL bytes, literals out of range, and nesting deeper than
 * ZG_CYPHER_MAX_DEPTH (parser recursion and tree depth alike), so neither
 * the parser nor a walk over the tree can run out of stack.
 */
#ifndef ZG_CYPHER_INTERNAL_H
#define ZG_CYPHER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "zg_arena.h"
#include "zg_error.h"
#include "zg_strbuf.h"

/* How deep a query may nest: brackets, prefix operators and clauses
 * inside FOREACH or EXISTS count for the parser's recursion; the tree it
 * parses to (where `a + b + c` is two levels) has its own bound. */
#define ZG_CYPHER_MAX_DEPTH 200
#define ZG_CYPHER_MAX_TREE 1000

/* ---- tokens ---- */

typedef enum zg_cypher_tok {
    ZG_CT_END = 0,
    ZG_CT_WORD,   /* identifier or keyword; keywords are matched later */
    ZG_CT_QWORD,  /* back-quoted identifier, never a keyword */
    ZG_CT_INT,    /* decimal, 0x hex or 0o octal digits, unconverted */
    ZG_CT_FLOAT,  /* 1.5, .5, 1e3, 1.5E-3 */
    ZG_CT_STRING, /* quoted text, escapes resolved (may hold NUL) */
    ZG_CT_PARAM,  /* $name or $0; text is the name */
    ZG_CT_PUNCT   /* operator or bracket; text is its spelling */
} zg_cypher_tok;

typedef struct zg_cypher_token {
    zg_cypher_tok kind;
    const char *text; /* NUL-terminated, in the arena */
    size_t len;       /* bytes of text (a string may hold NUL) */
    unsigned line, column;
    size_t match;    /* for '(' '[' '{': index of the closing token, or 0 */
    size_t off, end; /* its bytes in the query text: [off, end) */
} zg_cypher_token;

/* Split `src` (`len` bytes) into `*out` (`*n` tokens, the last ZG_CT_END),
 * all in `a`. Fails with ZG_ERR_PARSE at the first bad character, string,
 * escape, number or comment (line:column in `err`), ZG_ERR_NOMEM. */
zg_status zg_cypher__lex(zg_arena *a, const char *src, size_t len,
                         zg_cypher_token **out, size_t *n, zg_error *err);

/* ---- the tree ---- */

typedef enum zg_cypher_kind {
    /* statements and clauses */
    ZG_CN_QUERY,     /* kids: SINGLE, then UNION...; flag EXPLAIN */
    ZG_CN_UNION,     /* kids: SINGLE; flag ALL */
    ZG_CN_SINGLE,    /* kids: clauses */
    ZG_CN_MATCH,     /* kids: PATH..., WHERE?; flag OPTIONAL */
    ZG_CN_UNWIND,    /* kids: expression, VAR */
    ZG_CN_WITH,      /* kids: ITEM..., ORDER?, SKIP?, LIMIT?, WHERE? */
    ZG_CN_RETURN,    /* kids: ITEM..., ORDER?, SKIP?, LIMIT? */
    ZG_CN_CALL,      /* text: procedure; kids: ARGS?, YIELD?; */
    ZG_CN_ARGS,      /* kids: expressions */
    ZG_CN_YIELD,     /* kids: ITEM (VAR, alias in text)..., WHERE?; flag STAR */
    ZG_CN_CREATE,    /* kids: PATH... */
    ZG_CN_MERGE,     /* kids: PATH, ON_CREATE/ON_MATCH... */
    ZG_CN_ON_CREATE, /* kids: SET_ITEM... */
    ZG_CN_ON_MATCH,  /* kids: SET_ITEM... */
    ZG_CN_SET,       /* kids: SET_ITEM... */
    ZG_CN_SET_ITEM,  /* kids: target, value; text "=", "+=" or NULL (labels) */
    ZG_CN_DELETE,    /* kids: expressions; flag DETACH */
    ZG_CN_REMOVE,    /* kids: PROP or LABELS targets */
    ZG_CN_FOREACH,   /* text: variable; kids: list, clauses... */
    ZG_CN_ITEM,      /* kids: expression; text: alias or NULL; ival, max:
                        the expression's bytes [ival, max) in the query
                        text, its column name when there is no alias */
    ZG_CN_ORDER,     /* kids: SORT... */
    ZG_CN_SORT,      /* kids: expression; flag DESC */
    ZG_CN_SKIP,      /* kids: expression */
    ZG_CN_LIMIT,     /* kids: expression */
    ZG_CN_WHERE,     /* kids: expression */
    /* patterns */
    ZG_CN_PATH,  /* text: path variable or NULL; kids: NODE (REL NODE)...;
                    flag SHORTEST or ALL_SHORTEST */
    ZG_CN_NODE,  /* text: variable or NULL; kids: LABEL..., props? */
    ZG_CN_REL,   /* text: variable or NULL; kids: TYPE..., RANGE?, props?;
                    flag LEFT and/or RIGHT (both or neither: undirected) */
    ZG_CN_LABEL, /* text: label */
    ZG_CN_TYPE,  /* text: relationship type */
    ZG_CN_RANGE, /* ival: min or -1, fval unused, max in `max` or -1 */
    /* expressions */
    ZG_CN_OR,
    ZG_CN_XOR,
    ZG_CN_AND,
    ZG_CN_NOT,
    ZG_CN_COMPARE, /* kids: operand (OP operand)...: a chain a < b <= c */
    ZG_CN_OP,      /* text: the comparison operator inside a COMPARE */
    ZG_CN_BINARY,  /* text: + - * / % ^ =~ in starts-with ends-with contains */
    ZG_CN_NEG,
    ZG_CN_POS,
    ZG_CN_IS_NULL,
    ZG_CN_IS_NOT_NULL,
    ZG_CN_PROP,       /* kids: expression; text: key */
    ZG_CN_HAS_LABELS, /* kids: expression, LABEL...  (n:A:B) */
    ZG_CN_INDEX,      /* kids: expression, index */
    ZG_CN_SLICE,      /* kids: expression, from or NULL, to or NULL */
    ZG_CN_VAR,        /* text: name */
    ZG_CN_PARAM,      /* text: name or number */
    ZG_CN_INT,        /* ival */
    ZG_CN_FLOAT,      /* fval */
    ZG_CN_STRING,     /* text, len */
    ZG_CN_TRUE,
    ZG_CN_FALSE,
    ZG_CN_NULL,
    ZG_CN_LIST,    /* kids: elements */
    ZG_CN_MAP,     /* kids: ENTRY... */
    ZG_CN_ENTRY,   /* text: key; kids: value */
    ZG_CN_CALL_FN, /* text: (namespaced) name; kids: args; flag DISTINCT */
    ZG_CN_COUNT_STAR,
    ZG_CN_CASE,         /* kids: subject or NULL, WHEN..., else or NULL */
    ZG_CN_WHEN,         /* kids: condition or value, result */
    ZG_CN_LIST_COMP,    /* text: variable; kids: list, where or NULL,
                           projection or NULL */
    ZG_CN_QUANTIFIER,   /* text: all/any/none/single; kids: VAR, list, where */
    ZG_CN_PATTERN_COMP, /* kids: PATH, where or NULL, projection */
    ZG_CN_PATTERN,      /* kids: PATH (a pattern used as a predicate) */
    ZG_CN_EXISTS,       /* kids: SINGLE or PATH..., WHERE?  (EXISTS {...}) */
    ZG_CN_MAP_PROJ,     /* text: variable; kids: projection items */
    ZG_CN_PROJ_PROP,    /* .key  inside a map projection; text: key */
    ZG_CN_PROJ_ALL,     /* .*    inside a map projection */
    ZG_CN_PROJ_VAR,     /* name  inside a map projection; text */
    ZG_CN_KIND_COUNT
} zg_cypher_kind;

enum {
    ZG_CF_OPTIONAL = 1,
    ZG_CF_DISTINCT = 2,
    ZG_CF_ALL = 4,
    ZG_CF_DESC = 8,
    ZG_CF_LEFT = 16,  /* <-  */
    ZG_CF_RIGHT = 32, /* ->  */
    ZG_CF_SHORTEST = 64,
    ZG_CF_ALL_SHORTEST = 128,
    ZG_CF_STAR = 256, /* RETURN *, WITH *, YIELD * */
    ZG_CF_DETACH = 512,
    ZG_CF_EXPLAIN = 1024
};

typedef struct zg_cypher_node zg_cypher_node;
struct zg_cypher_node {
    zg_cypher_kind kind;
    unsigned flags;
    unsigned line, column; /* where it starts in the query */
    unsigned depth;        /* 1 + the deepest kid */
    const char *text;      /* NUL-terminated, in the arena, or NULL */
    size_t len;            /* bytes of text */
    int64_t ival;
    int64_t max; /* RANGE: upper bound or -1 */
    double fval;
    size_t n_kids;
    zg_cypher_node **kids; /* a kid may be NULL where the kind says so */
    /* Set by the check (zg_cypher__check), -1 before it. On a variable's
     * use (VAR, MAP_PROJ, PROJ_VAR) and on what binds one (NODE, REL or
     * PATH with a variable, the VAR of UNWIND, a YIELD or WITH/RETURN
     * ITEM, FOREACH, LIST_COMP, QUANTIFIER): its slot in the row of the
     * clause it belongs to. On a clause: how many slots the row has after
     * it. On a pattern used as an expression (PATTERN, PATTERN_COMP,
     * EXISTS): how many slots are in sight where it stands, so the slots
     * below hold variables bound outside it. See cypher_check.c for how
     * ORDER BY numbers its slots. */
    int slot;
};

/* Parse the `len` bytes at `src` into `*out`, allocated in `a` (freeing
 * `a` frees the tree). Fails with ZG_ERR_PARSE (line and column in `err`,
 * the message says what was expected and what was found), ZG_ERR_LIMIT
 * for nesting deeper than ZG_CYPHER_MAX_DEPTH, ZG_ERR_NOMEM. A clause the
 * language reads but does not accept is a ZG_ERR_PARSE naming it. */
zg_status zg_cypher__parse(zg_arena *a, const char *src, size_t len,
                           zg_cypher_node **out, zg_error *err);

/* Check the tree `root` of a parsed query for meaning: every variable
 * defined before it is used and bound once with one kind (node,
 * relationship, path, value), aggregation where it may stand, functions
 * known and called with their number of arguments, SKIP and LIMIT
 * constant, UNION branches with the same columns. Resolves each variable
 * to its slot (the `slot` fields). Fails with ZG_ERR_INVALID and a message
 * "L:C: Name: what is wrong" at the offending token, where Name is the
 * kind of error (UndefinedVariable, VariableAlreadyBound, ...);
 * ZG_ERR_LIMIT past the nesting limit, ZG_ERR_NOMEM. */
zg_status zg_cypher__check(zg_cypher_node *root, zg_error *err);

/* 1 if `e` is an aggregation itself: count(*) or a call of an aggregating
 * function (count, collect, sum, avg, min, max, ...). */
int zg_cypher__is_aggregate(const zg_cypher_node *e);

/* Append `n` as an S-expression to `b` (one line). Returns 0, or -1 when
 * out of memory. */
int zg_cypher__print(const zg_cypher_node *n, zg_strbuf *b);

/* The printer's name of kind `k`, e.g. "match". Static storage. */
const char *zg_cypher__kind_name(zg_cypher_kind k);

#endif /* ZG_CYPHER_INTERNAL_H */
