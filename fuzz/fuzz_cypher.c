/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the front end of the Cypher-style query language:
 * the input, NUL bytes and all, is one query for the lexer and parser;
 * a query that parses is checked (zg_cypher__check) and printed as its
 * tree. A query that is one RETURN clause with nothing to match (`RETURN
 * 1 + 2, split('a,b', ',')`) is then evaluated, item by item, with a
 * work budget.
 *
 * Findings: a crash, sanitizer report, leak or hang; a failure without a
 * message, a position or a tree left behind; a tree deeper than the
 * limit; a check that passes with a variable left without its slot; a
 * printed tree that is not valid UTF-8 or holds a control character (the
 * printer escapes them); an evaluation that fails without a message or
 * position, or gives a string that is not valid UTF-8.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cypher_run.h"
#include "zg_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The deepest path from `n` down, walking at most `limit` levels. */
static unsigned
depth(const zg_cypher_node *n, unsigned limit)
{
    unsigned d = 0, k;
    size_t i;

    if (n == NULL || limit == 0)
        return 0;
    for (i = 0; i < n->n_kids; i++)
        if ((k = depth(n->kids[i], limit - 1)) > d)
            d = k;
    return d + 1;
}

/* 1 if a variable under `n` has no slot after a check that passed. */
static int
unresolved(const zg_cypher_node *n)
{
    size_t i;

    if (n == NULL)
        return 0;
    if (n->kind == ZG_CN_VAR && n->slot < 0)
        return 1;
    for (i = 0; i < n->n_kids; i++)
        if (unresolved(n->kids[i]))
            return 1;
    return 0;
}

/* The deepest slot under `n`. */
static int
max_slot(const zg_cypher_node *n)
{
    int m, k;
    size_t i;

    if (n == NULL)
        return -1;
    m = n->slot;
    for (i = 0; i < n->n_kids; i++)
        if ((k = max_slot(n->kids[i])) > m)
            m = k;
    return m;
}

/* 1 if every string in `v` is valid UTF-8. */
static int
valid_value(const zg_value *v)
{
    size_t i;

    switch (v->kind) {
    case ZG_VAL_STRING: return zg_utf8_valid(v->str, strlen(v->str));
    case ZG_VAL_LIST:
    case ZG_VAL_PATH:
        for (i = 0; i < v->n; i++)
            if (!valid_value(&v->items[i]))
                return 0;
        return 1;
    case ZG_VAL_MAP:
        for (i = 0; i < 2 * v->n; i++)
            if (!valid_value(&v->items[i]))
                return 0;
        return 1;
    default: return 1;
    }
}

static void check_error(const zg_error *err, zg_status st);

/* Evaluate the items of a query that is one RETURN clause. */
static void
evaluate(const zg_cypher_node *root)
{
    const zg_cypher_node *single = root->kids[0], *ret;
    zg_arena vals;
    zg_error err = {0};
    zg_cypher_rt rt;
    zg_value *row;
    size_t i, width;

    if (root->n_kids != 1 || single->n_kids != 1 ||
        single->kids[0]->kind != ZG_CN_RETURN)
        return;
    ret = single->kids[0];
    width = (size_t)(max_slot(root) + 1);
    row = calloc(width ? width : 1, sizeof *row);
    if (row == NULL)
        return;
    zg_arena_init(&vals);
    memset(&rt, 0, sizeof rt);
    rt.arena = &vals;
    rt.max_work = 100000;
    rt.err = &err;
    for (i = 0; i < ret->n_kids; i++) {
        zg_value v;
        zg_status st;
        if (ret->kids[i]->kind != ZG_CN_ITEM)
            continue;
        zg_error_clear(&err);
        st = zg_cypher__eval(&rt, ret->kids[i]->kids[0], row, &v);
        if (st != ZG_OK)
            check_error(&err, st);
        else if (!valid_value(&v))
            abort();
    }
    zg_arena_free(&vals);
    free(row);
}

/* A failed parse or check: a status, a message on one line, and a
 * position for an error in the query. */
static void
check_error(const zg_error *err, zg_status st)
{
    size_t i;

    if (err->msg[0] == '\0' || err->status != st)
        abort();
    if ((st == ZG_ERR_PARSE || st == ZG_ERR_INVALID) &&
        (err->line == 0 || err->column == 0))
        abort();
    if (!zg_utf8_valid(err->msg, strlen(err->msg)))
        abort();
    for (i = 0; err->msg[i]; i++)
        if ((unsigned char)err->msg[i] < 0x20 || err->msg[i] == 0x7F)
            abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zg_arena a;
    zg_error err = {0};
    zg_cypher_node *root = (zg_cypher_node *)&a;
    zg_strbuf b = {0};
    zg_status st;
    char *s;
    size_t i;

    zg_arena_init(&a);
    st = zg_cypher__parse(&a, (const char *)data, size, &root, &err);
    if (st != ZG_OK) {
        if (root != NULL)
            abort();
        check_error(&err, st);
        goto out;
    }
    if (root == NULL || root->depth > ZG_CYPHER_MAX_TREE ||
        depth(root, ZG_CYPHER_MAX_TREE + 2) != root->depth)
        abort();
    zg_error_clear(&err);
    st = zg_cypher__check(root, &err);
    if (st != ZG_OK)
        check_error(&err, st);
    else if (unresolved(root))
        abort();
    else
        evaluate(root);
    if (zg_cypher__print(root, &b) != 0)
        goto out; /* out of memory */
    s = zg_strbuf_take(&b);
    if (!zg_utf8_valid(s, strlen(s)))
        abort();
    for (i = 0; s[i]; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
            abort();
    free(s);
out:
    zg_arena_free(&a);
    return 0;
}
