/* SPDX-License-Identifier: MIT */
/*
 * The result table every query answers with. Cells live in one growable
 * array, row after row (`ncols` cells per row); every string a caller hands
 * in, column names included, is copied into an arena owned by the result,
 * so a result stays valid however its inputs change, and freeing it is a
 * single walk over a few chunks. Cells are never modified once added.
 */
#include "zg_query.h"
#include "query_internal.h"

#include "zg_arena.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct zg_result {
    const zg_graph *g;   /* borrowed */
    const zg_view *view; /* borrowed, or NULL: the whole graph */
    size_t ncols;
    const char **names; /* ncols column names, in `text` */
    zg_col_kind *kinds; /* ncols declared kinds, ZG_COL_ANY by default */
    zg_value *cells;    /* nrows * ncols, row-major */
    size_t nrows, cap;  /* rows used and allocated */
    zg_arena text;      /* every copied string */
};

/*
 * Create a result over `g` with `ncols` columns named `names` (copied).
 * A column count of 0 is allowed (a result with no columns has no cells).
 * Sets *out to NULL on failure. Free with zg_result_free().
 */
zg_status
zg_result_new(zg_result **out, const zg_graph *g, size_t ncols,
              const char *const *names, zg_error *err)
{
    zg_result *r = NULL;

    assert(out != NULL);
    *out = NULL;
    if (ncols > 0 && names == NULL)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "result columns need names");
    r = calloc(1, sizeof *r);
    if (r == NULL)
        goto nomem;
    zg_arena_init(&r->text);
    r->g = g;
    r->ncols = ncols;
    if (ncols > 0) {
        r->names = calloc(ncols, sizeof *r->names);
        r->kinds = calloc(ncols, sizeof *r->kinds);
        if (r->names == NULL || r->kinds == NULL)
            goto nomem;
        for (size_t c = 0; c < ncols; c++)
            r->kinds[c] = ZG_COL_ANY;
        for (size_t c = 0; c < ncols; c++) {
            r->names[c] =
                zg_arena_strdup(&r->text, names[c] != NULL ? names[c] : "");
            if (r->names[c] == NULL)
                goto nomem;
        }
    }
    *out = r;
    return ZG_OK;
nomem:
    zg_result_free(r);
    return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/* Free `r` and every string it copied. Accepts NULL. */
void
zg_result_free(zg_result *r)
{
    if (r == NULL)
        return;
    zg_arena_free(&r->text);
    free(r->names);
    free(r->kinds);
    free(r->cells);
    free(r);
}

/* Declare what column `col` holds (see zg_query.h). */
zg_status
zg_result_set_col_kind(zg_result *r, size_t col, zg_col_kind kind,
                       zg_error *err)
{
    assert(r != NULL);
    if (col >= r->ncols)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "result has no column %zu", col);
    if (kind != ZG_COL_ANY && kind != ZG_COL_NODE && kind != ZG_COL_EDGE &&
        kind != ZG_COL_NODE_OR_EDGE)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "unknown column kind %d for column '%s'", (int)kind,
                            r->names[col]);
    if (r->nrows > 0)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "column '%s' declared after rows were added",
                            r->names[col]);
    r->kinds[col] = kind;
    return ZG_OK;
}

/* Create a result as zg_result_new() does, with `kinds` declared. */
zg_status
zg_result_new_kinds(zg_result **out, const zg_graph *g, size_t ncols,
                    const char *const *names, const zg_col_kind *kinds,
                    zg_error *err)
{
    zg_status st = zg_result_new(out, g, ncols, names, err);

    for (size_t c = 0; st == ZG_OK && kinds != NULL && c < ncols; c++)
        st = zg_result_set_col_kind(*out, c, kinds[c], err);
    if (st != ZG_OK && *out != NULL) {
        zg_result_free(*out);
        *out = NULL;
    }
    return st;
}

/* The declared kind of column `col`. */
zg_col_kind
zg_result_col_kind(const zg_result *r, size_t col)
{
    assert(col < r->ncols);
    return r->kinds[col];
}

/* Whether a cell of kind `v` may stand in a column declared `k`. */
static int
fits(zg_col_kind k, zg_value_kind v)
{
    switch (k) {
    case ZG_COL_NODE: return v == ZG_VAL_NODE || v == ZG_VAL_NULL;
    case ZG_COL_EDGE: return v == ZG_VAL_EDGE || v == ZG_VAL_NULL;
    case ZG_COL_NODE_OR_EDGE:
        return v == ZG_VAL_NODE || v == ZG_VAL_EDGE || v == ZG_VAL_NULL;
    case ZG_COL_ANY: break;
    }
    return 1;
}

static const char *
kind_name(zg_value_kind v)
{
    switch (v) {
    case ZG_VAL_NULL: return "null";
    case ZG_VAL_NODE: return "node";
    case ZG_VAL_EDGE: return "relation";
    case ZG_VAL_STRING: return "text";
    case ZG_VAL_INT: return "integer";
    case ZG_VAL_NUMBER: return "number";
    }
    return "unknown";
}

/*
 * Append one row of `r->ncols` values from `row`. String cells are copied
 * (a NULL `str` in a ZG_VAL_STRING cell becomes a NULL cell); the other
 * members of a cell that its kind does not use are zeroed, so cells compare
 * and print predictably. On failure the result is unchanged.
 */
zg_status
zg_result_add_row(zg_result *r, const zg_value *row, zg_error *err)
{
    return zg_result__add_row_keep(r, row, 0, err);
}

/* Make room for `n` more rows (see query_internal.h). */
zg_status
zg_result__reserve(zg_result *r, size_t n, zg_error *err)
{
    size_t cap = r->nrows + n, cells;
    zg_value *p;

    if (n == 0 || cap <= r->cap)
        return ZG_OK;
    if (cap < n || (r->ncols > 0 && cap > SIZE_MAX / sizeof *p / r->ncols))
        return zg_query__nomem(err);
    cells = cap * r->ncols;
    p = realloc(r->cells, (cells > 0 ? cells : 1) * sizeof *p);
    if (p == NULL)
        return zg_query__nomem(err);
    r->cells = p;
    r->cap = cap;
    return ZG_OK;
}

/* Append a row, keeping the strings of the columns in `keep` by pointer
 * (see query_internal.h). */
zg_status
zg_result__add_row_keep(zg_result *r, const zg_value *row, uint64_t keep,
                        zg_error *err)
{
    zg_value *dst;
    zg_arena_mark mark;

    assert(r != NULL);
    if (r->ncols > 0 && row == NULL)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "result row is NULL");
    if (r->nrows == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16, n;
        zg_value *cells;
        if (r->ncols > 0 && cap > SIZE_MAX / sizeof *cells / r->ncols)
            goto nomem;
        n = cap * r->ncols;
        cells = realloc(r->cells, (n > 0 ? n : 1) * sizeof *cells);
        if (cells == NULL)
            goto nomem;
        r->cells = cells;
        r->cap = cap;
    }
    for (size_t c = 0; c < r->ncols; c++)
        if (!fits(r->kinds[c], row[c].kind))
            return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                                "a %s cell in column '%s', declared to hold %s",
                                kind_name(row[c].kind), r->names[c],
                                r->kinds[c] == ZG_COL_NODE ? "nodes"
                                : r->kinds[c] == ZG_COL_EDGE
                                    ? "relations"
                                    : "nodes or relations");
    mark = zg_arena_get_mark(&r->text);
    dst = r->cells + r->nrows * r->ncols;
    /* Each cell is written in place: the row counts only once complete. */
    for (size_t c = 0; c < r->ncols; c++) {
        zg_value *v = &dst[c];
        memset(v, 0, sizeof *v);
        v->kind = row[c].kind;
        switch (row[c].kind) {
        case ZG_VAL_NODE:
        case ZG_VAL_EDGE: v->id = row[c].id; break;
        case ZG_VAL_STRING:
            if (row[c].str == NULL) {
                v->kind = ZG_VAL_NULL;
                break;
            }
            if (c < 64 && (keep >> c & 1)) {
                v->str = row[c].str;
                break;
            }
            v->str = zg_arena_strdup(&r->text, row[c].str);
            if (v->str == NULL) {
                zg_arena_rewind(&r->text, mark);
                goto nomem;
            }
            break;
        case ZG_VAL_INT: v->i = row[c].i; break;
        case ZG_VAL_NUMBER: v->num = row[c].num; break;
        case ZG_VAL_NULL: break;
        default:
            zg_arena_rewind(&r->text, mark);
            return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                                "unknown value kind %d in column %zu",
                                (int)row[c].kind, c);
        }
    }
    r->nrows++;
    return ZG_OK;
nomem:
    return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/* Number of rows added so far. */
size_t
zg_result_rows(const zg_result *r)
{
    return r->nrows;
}

/* Number of columns, fixed at creation. */
size_t
zg_result_cols(const zg_result *r)
{
    return r->ncols;
}

/* Name of column `col` (< ncols), borrowed until `r` is freed. */
const char *
zg_result_colname(const zg_result *r, size_t col)
{
    assert(col < r->ncols);
    return r->names[col];
}

/* Cell at `row`, `col` (both in range), borrowed until `r` is freed. */
const zg_value *
zg_result_cell(const zg_result *r, size_t row, size_t col)
{
    assert(row < r->nrows && col < r->ncols);
    return &r->cells[row * r->ncols + col];
}

/* The graph node and edge cells refer to. */
const zg_graph *
zg_result_graph(const zg_result *r)
{
    return r->g;
}

void
zg_result_set_view(zg_result *r, const zg_view *view)
{
    r->view = view;
}

const zg_view *
zg_result_view(const zg_result *r)
{
    return r->view;
}
