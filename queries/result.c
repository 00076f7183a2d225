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

static const char *col_kind_name(zg_col_kind k);

/* Declare what column `col` holds (see zg_query.h). */
zg_status
zg_result_set_col_kind(zg_result *r, size_t col, zg_col_kind kind,
                       zg_error *err)
{
    assert(r != NULL);
    if (col >= r->ncols)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "result has no column %zu", col);
    if (col_kind_name(kind) == NULL)
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
    if (v == ZG_VAL_NULL)
        return 1;
    switch (k) {
    case ZG_COL_ANY: return 1;
    case ZG_COL_NODE: return v == ZG_VAL_NODE;
    case ZG_COL_EDGE: return v == ZG_VAL_EDGE;
    case ZG_COL_NODE_OR_EDGE: return v == ZG_VAL_NODE || v == ZG_VAL_EDGE;
    case ZG_COL_STRING: return v == ZG_VAL_STRING;
    case ZG_COL_INT: return v == ZG_VAL_INT;
    case ZG_COL_NUMBER: return v == ZG_VAL_INT || v == ZG_VAL_NUMBER;
    case ZG_COL_BOOL: return v == ZG_VAL_BOOL;
    case ZG_COL_DATE: return v == ZG_VAL_DATE;
    case ZG_COL_LIST: return v == ZG_VAL_LIST;
    case ZG_COL_MAP: return v == ZG_VAL_MAP;
    case ZG_COL_PATH: return v == ZG_VAL_PATH;
    }
    return 0;
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
    case ZG_VAL_BOOL: return "boolean";
    case ZG_VAL_DATE: return "date";
    case ZG_VAL_LIST: return "list";
    case ZG_VAL_MAP: return "map";
    case ZG_VAL_PATH: return "path";
    }
    return "unknown";
}

/* What a column declared `k` holds, for messages. */
static const char *
col_kind_name(zg_col_kind k)
{
    switch (k) {
    case ZG_COL_ANY: return "anything";
    case ZG_COL_NODE: return "nodes";
    case ZG_COL_EDGE: return "relations";
    case ZG_COL_NODE_OR_EDGE: return "nodes or relations";
    case ZG_COL_STRING: return "text";
    case ZG_COL_INT: return "integers";
    case ZG_COL_NUMBER: return "numbers";
    case ZG_COL_BOOL: return "booleans";
    case ZG_COL_DATE: return "dates";
    case ZG_COL_LIST: return "lists";
    case ZG_COL_MAP: return "maps";
    case ZG_COL_PATH: return "paths";
    }
    return NULL;
}

/*
 * Append one row of `r->ncols` values from `row`. Strings and the values
 * of lists, maps and paths are copied (a NULL `str` in a ZG_VAL_STRING
 * cell becomes a NULL cell); the other members of a cell that its kind
 * does not use are zeroed, so cells compare and print predictably. On
 * failure the result is unchanged.
 */
zg_status
zg_result_add_row(zg_result *r, const zg_value *row, zg_error *err)
{
    return zg_result__add_row_keep(r, row, 0, err);
}

/* Index of the column named `name`, or ZG_NO_COL. */
size_t
zg_result_col(const zg_result *r, const char *name)
{
    if (r == NULL || name == NULL)
        return ZG_NO_COL;
    for (size_t c = 0; c < r->ncols; c++)
        if (strcmp(r->names[c], name) == 0)
            return c;
    return ZG_NO_COL;
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

/* Record a malformed value in column `col` of `r`; ZG_ERR_INVALID. */
static zg_status
bad_value(const zg_result *r, size_t col, const char *what, zg_error *err)
{
    return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0, "column '%s': %s",
                        r->names[col], what);
}

/* Whether edge `e` joins nodes `a` and `b`, either way. */
static int
joins(const zg_graph *g, zg_id e, zg_id a, zg_id b)
{
    zg_id f = zg_graph_edge_from(g, e), t = zg_graph_edge_to(g, e);

    return (f == a && t == b) || (f == b && t == a);
}

/* Check the steps of path `v` (items already checked one by one). */
static zg_status
check_path(const zg_result *r, const zg_value *v, size_t col, zg_error *err)
{
    if (v->n % 2 == 0)
        return bad_value(r, col, "a path needs an odd number of values", err);
    for (size_t k = 0; k < v->n; k++)
        if (v->items[k].kind != (k % 2 ? ZG_VAL_EDGE : ZG_VAL_NODE))
            return bad_value(r, col,
                             "a path alternates nodes and relations, from a "
                             "node to a node",
                             err);
    for (size_t k = 1; r->g != NULL && k + 1 < v->n; k += 2)
        if (!joins(r->g, v->items[k].id, v->items[k - 1].id,
                   v->items[k + 1].id))
            return bad_value(r, col,
                             "a relation of the path does not join the nodes "
                             "either side of it",
                             err);
    return ZG_OK;
}

/* qsort order of map keys. */
static int
key_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Refuse map `v` if a key repeats: a small map by comparing every pair, a
 * larger one by sorting its keys, so a map of many entries costs n log n. */
static zg_status
check_keys(const zg_result *r, const zg_value *v, size_t col, zg_error *err)
{
    const char **keys;
    int twice = 0;

    if (v->n <= 16) {
        for (size_t k = 1; k < v->n; k++)
            for (size_t j = 0; j < k; j++)
                twice |= strcmp(v->items[2 * j].str, v->items[2 * k].str) == 0;
    } else {
        keys = malloc(v->n * sizeof *keys);
        if (keys == NULL)
            return zg_query__nomem(err);
        for (size_t k = 0; k < v->n; k++)
            keys[k] = v->items[2 * k].str;
        qsort(keys, v->n, sizeof *keys, key_cmp);
        for (size_t k = 1; k < v->n; k++)
            twice |= strcmp(keys[k - 1], keys[k]) == 0;
        free(keys);
    }
    return twice ? bad_value(r, col, "a map key given twice", err) : ZG_OK;
}

/*
 * Copy `src` into `dst`, its strings and nested values into r->text,
 * checking it (see zg_result_add_row()). `depth` is how deeply `src` is
 * nested. On failure the caller rewinds the arena.
 */
static zg_status
copy_value(zg_result *r, zg_value *dst, const zg_value *src, size_t col,
           unsigned depth, zg_error *err)
{
    size_t n;
    zg_value *items;

    memset(dst, 0, sizeof *dst);
    dst->kind = src->kind;
    switch (src->kind) {
    case ZG_VAL_NULL: return ZG_OK;
    case ZG_VAL_NODE:
    case ZG_VAL_EDGE:
        if (r->g != NULL &&
            src->id >= (src->kind == ZG_VAL_NODE ? zg_graph_node_count(r->g)
                                                 : zg_graph_edge_count(r->g)))
            return bad_value(r, col,
                             src->kind == ZG_VAL_NODE
                                 ? "a node that is not in the graph"
                                 : "a relation that is not in the graph",
                             err);
        dst->id = src->id;
        return ZG_OK;
    case ZG_VAL_STRING:
        if (src->str == NULL) {
            dst->kind = ZG_VAL_NULL;
            return ZG_OK;
        }
        dst->str = zg_arena_strdup(&r->text, src->str);
        return dst->str != NULL ? ZG_OK : zg_query__nomem(err);
    case ZG_VAL_INT: dst->i = src->i; return ZG_OK;
    case ZG_VAL_NUMBER: dst->num = src->num; return ZG_OK;
    case ZG_VAL_BOOL:
        if (src->i != 0 && src->i != 1)
            return bad_value(r, col, "a boolean other than 0 or 1", err);
        dst->i = src->i;
        return ZG_OK;
    case ZG_VAL_DATE:
        if (!zg_query__date_ok(src->date))
            return bad_value(r, col, "a date that is not a calendar date", err);
        dst->date = src->date;
        return ZG_OK;
    case ZG_VAL_LIST:
    case ZG_VAL_MAP:
    case ZG_VAL_PATH: break;
    default:
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "unknown value kind %d in column '%s'",
                            (int)src->kind, r->names[col]);
    }
    if (depth >= ZG_VALUE_MAX_DEPTH)
        return bad_value(r, col, "lists or maps nested too deeply", err);
    n = src->kind == ZG_VAL_MAP ? 2 * src->n : src->n;
    if ((src->kind == ZG_VAL_MAP && src->n > SIZE_MAX / 2) ||
        n > SIZE_MAX / sizeof *items)
        return zg_query__nomem(err);
    if (n > 0 && src->items == NULL)
        return bad_value(r, col, "a list, map or path without its values", err);
    items = zg_arena_alloc(&r->text, (n > 0 ? n : 1) * sizeof *items);
    if (items == NULL)
        return zg_query__nomem(err);
    for (size_t k = 0; k < n; k++) {
        if (src->kind == ZG_VAL_MAP && k % 2 == 0) {
            if (src->items[k].kind != ZG_VAL_STRING ||
                src->items[k].str == NULL)
                return bad_value(r, col, "a map key that is not text", err);
        }
        ZG_TRY(copy_value(r, &items[k], &src->items[k], col, depth + 1, err));
    }
    dst->n = src->n;
    dst->items = items;
    if (src->kind == ZG_VAL_MAP)
        return check_keys(r, dst, col, err);
    if (src->kind == ZG_VAL_PATH)
        return check_path(r, dst, col, err);
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
                                col_kind_name(r->kinds[c]));
    mark = zg_arena_get_mark(&r->text);
    dst = r->cells + r->nrows * r->ncols;
    /* Each cell is written in place: the row counts only once complete. */
    for (size_t c = 0; c < r->ncols; c++) {
        zg_status st;
        if (row[c].kind == ZG_VAL_STRING && row[c].str != NULL && c < 64 &&
            (keep >> c & 1)) {
            memset(&dst[c], 0, sizeof dst[c]);
            dst[c].kind = ZG_VAL_STRING;
            dst[c].str = row[c].str;
            continue;
        }
        st = copy_value(r, &dst[c], &row[c], c, 0, err);
        if (st != ZG_OK) {
            zg_arena_rewind(&r->text, mark);
            return st;
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
