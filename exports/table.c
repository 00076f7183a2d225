/* SPDX-License-Identifier: MIT */
/*
 * Text formats of a result: the aligned table people read on a terminal,
 * the record card (one "column  value" line per field), and TSV for
 * scripts.
 *
 * The table measures every cell with zg_text_width(), so Chinese (two
 * columns a character) lines up with Latin text. Cells are never cut:
 * cutting loses exactly the text an analyst asked for (an evidence
 * sentence, a long official name), and a terminal or `less -S` handles
 * long lines better than we can. Instead the last column is not padded,
 * so queries put their longest text (evidence) last and the other columns
 * stay aligned. Columns whose cells are all numbers are right-aligned.
 * Control characters in cells print as spaces so a stray newline cannot
 * break the grid; TSV escapes them instead, losslessly.
 */
#include "zg_export.h"

#include "zg_text.h"

#include <stdlib.h>
#include <string.h>

/* A formatted cell: `s` is either borrowed (`own` 0) or malloc'd. */
typedef struct cell {
    const char *s;
    char *own;
    size_t width;
} cell;

/* Record "out of memory" in `err`; returns ZG_ERR_NOMEM. */
static zg_status
nomem(zg_error *err)
{
    return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/* malloc'd concatenation of `a`, `sep` and `b`, or NULL. */
static char *
concat3(const char *a, const char *sep, const char *b)
{
    size_t la = strlen(a), ls = strlen(sep), lb = strlen(b);
    char *s = malloc(la + ls + lb + 1);

    if (s == NULL)
        return NULL;
    memcpy(s, a, la);
    memcpy(s + la, sep, ls);
    memcpy(s + la + ls, b, lb + 1);
    return s;
}

/*
 * The label of node `n` in `lang`: the name, the English name (else the
 * name), or "name / English" when the node has an English name. Sets
 * `*own` when the label was allocated. NULL when out of memory.
 */
static const char *
node_label(const zg_graph *g, zg_id n, zg_lang lang, char **own)
{
    const zg_node_info *v = zg_graph_node(g, n);

    *own = NULL;
    if (lang == ZG_LANG_EN)
        return v->name_en ? v->name_en : v->name;
    if (lang == ZG_LANG_BOTH && v->name_en && strcmp(v->name_en, v->name))
        return *own = concat3(v->name, " / ", v->name_en);
    return v->name;
}

/*
 * Format `v` into `c`. `tsv` non-zero: nodes as their key, edges as
 * "FROM -TYPE-> TO" of keys; else nodes and edge ends as labels in `lang`.
 * Returns -1 when out of memory.
 */
static int
format_cell(const zg_graph *g, const zg_value *v, zg_lang lang, int tsv,
            cell *c)
{
    char buf[64];

    c->s = "";
    c->own = NULL;
    switch (v->kind) {
    case ZG_VAL_NULL: return 0;
    case ZG_VAL_STRING: c->s = v->str; return 0;
    case ZG_VAL_INT: snprintf(buf, sizeof buf, "%lld", v->i); break;
    case ZG_VAL_NUMBER: snprintf(buf, sizeof buf, "%.15g", v->num); break;
    case ZG_VAL_NODE:
        if (tsv) {
            c->s = zg_graph_node(g, v->id)->key;
            return 0;
        }
        c->s = node_label(g, v->id, lang, &c->own);
        return c->s == NULL ? -1 : 0;
    case ZG_VAL_EDGE: {
        const zg_edge_info *e = zg_graph_edge(g, v->id);
        char *fa = NULL, *fb = NULL, *mid;
        const char *a, *b;
        if (tsv) {
            a = zg_graph_node(g, e->from)->key;
            b = zg_graph_node(g, e->to)->key;
        } else {
            a = node_label(g, e->from, lang, &fa);
            b = node_label(g, e->to, lang, &fb);
        }
        mid = a && b ? concat3(" -", zg_graph_reltype(g, e->type)->name, "-> ")
                     : NULL;
        c->own = mid ? concat3(a, mid, b) : NULL;
        free(fa);
        free(fb);
        free(mid);
        c->s = c->own;
        return c->s == NULL ? -1 : 0;
    }
    default: return 0;
    }
    c->s = c->own = strdup(buf);
    return c->s == NULL ? -1 : 0;
}

/* Write `s` with control characters (C0 and DEL) as spaces. */
static void
put_clean(const char *s, FILE *out)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        putc(ch < 0x20 || ch == 0x7f ? ' ' : ch, out);
    }
}

/* Write `n` spaces. */
static void
pad(size_t n, FILE *out)
{
    while (n--)
        putc(' ', out);
}

/* Display width of `s` as put_clean() prints it (zg_text_width counts a
 * control character as one column, the space it prints as). */
static size_t
clean_width(const char *s)
{
    return zg_text_width(s);
}

/* Free `n` formatted cells and their array. Accepts NULL. */
static void
free_cells(cell *cells, size_t n)
{
    if (cells == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        free(cells[i].own);
    free(cells);
}

/*
 * Format every cell of `r` into a new array of rows * cols cells. Returns
 * NULL (and records ZG_ERR_NOMEM) when out of memory.
 */
static cell *
format_all(const zg_result *r, zg_lang lang, int tsv, zg_error *err)
{
    size_t rows = zg_result_rows(r), cols = zg_result_cols(r);
    size_t n = rows * cols;
    cell *cells = calloc(n > 0 ? n : 1, sizeof *cells);

    if (cells == NULL) {
        nomem(err);
        return NULL;
    }
    for (size_t i = 0; i < rows; i++) {
        for (size_t c = 0; c < cols; c++) {
            cell *ce = &cells[i * cols + c];
            if (format_cell(zg_result_graph(r), zg_result_cell(r, i, c), lang,
                            tsv, ce) != 0) {
                free_cells(cells, rows * cols);
                nomem(err);
                return NULL;
            }
            ce->width = tsv ? 0 : clean_width(ce->s);
        }
    }
    return cells;
}

/* Check the stream after writing. */
static zg_status
check_io(FILE *out, zg_error *err)
{
    if (fflush(out) != 0 || ferror(out))
        return zg_error_set(err, ZG_ERR_IO, NULL, 0, 0, "cannot write output");
    return ZG_OK;
}

/*
 * Write one table line: `texts` (cols of them, `tw` their widths) at
 * `widths`, right-aligned where `right` is set, two spaces between
 * columns. The line stops after its last non-empty cell, so no line ends
 * in white space.
 */
static void
put_line(const char *const *texts, const size_t *tw, const size_t *widths,
         const unsigned char *right, size_t cols, FILE *out)
{
    size_t last = 0;

    for (size_t c = 0; c < cols; c++)
        if (texts[c][0] != '\0')
            last = c + 1;
    for (size_t c = 0; c < last; c++) {
        size_t gap = widths[c] - tw[c];
        if (c > 0)
            fputs("  ", out);
        if (right[c])
            pad(gap, out);
        put_clean(texts[c], out);
        if (!right[c] && c + 1 < last)
            pad(gap, out);
    }
    putc('\n', out);
}

/* Write `r` as an aligned table (see zg_export.h). */
zg_status
zg_export_table(const zg_result *r, zg_lang lang, FILE *out, zg_error *err)
{
    size_t rows = zg_result_rows(r), cols = zg_result_cols(r);
    cell *cells = NULL;
    size_t *widths = NULL, *tw = NULL;
    const char **texts = NULL;
    unsigned char *right = NULL;
    zg_status st = ZG_OK;

    if (cols == 0)
        return ZG_OK;
    cells = format_all(r, lang, 0, err);
    if (cells == NULL)
        return ZG_ERR_NOMEM;
    widths = calloc(cols, sizeof *widths);
    tw = calloc(cols, sizeof *tw);
    texts = calloc(cols, sizeof *texts);
    right = calloc(cols, 1);
    if (widths == NULL || tw == NULL || texts == NULL || right == NULL) {
        st = nomem(err);
        goto out;
    }
    for (size_t c = 0; c < cols; c++) {
        int numeric = rows > 0;
        widths[c] = clean_width(zg_result_colname(r, c));
        for (size_t i = 0; i < rows; i++) {
            zg_value_kind k = zg_result_cell(r, i, c)->kind;
            if (cells[i * cols + c].width > widths[c])
                widths[c] = cells[i * cols + c].width;
            if (k != ZG_VAL_INT && k != ZG_VAL_NUMBER && k != ZG_VAL_NULL)
                numeric = 0;
        }
        right[c] = (unsigned char)numeric;
    }
    /* Header, then a rule as wide as each column. */
    for (size_t c = 0; c < cols; c++) {
        texts[c] = zg_result_colname(r, c);
        tw[c] = clean_width(texts[c]);
    }
    put_line(texts, tw, widths, right, cols, out);
    for (size_t c = 0; c < cols; c++) {
        if (c > 0)
            fputs("  ", out);
        for (size_t i = 0; i < widths[c]; i++)
            putc('-', out);
    }
    putc('\n', out);
    for (size_t i = 0; i < rows; i++) {
        for (size_t c = 0; c < cols; c++) {
            texts[c] = cells[i * cols + c].s;
            tw[c] = cells[i * cols + c].width;
        }
        put_line(texts, tw, widths, right, cols, out);
    }
    st = check_io(out, err);
out:
    free_cells(cells, rows * cols);
    free(widths);
    free(tw);
    free(texts);
    free(right);
    return st;
}

/* Write `r` as record cards (see zg_export.h). */
zg_status
zg_export_record(const zg_result *r, zg_lang lang, FILE *out, zg_error *err)
{
    size_t rows = zg_result_rows(r), cols = zg_result_cols(r), nw = 0;
    cell *cells;

    cells = format_all(r, lang, 0, err);
    if (cells == NULL)
        return ZG_ERR_NOMEM;
    for (size_t c = 0; c < cols; c++) {
        size_t w = clean_width(zg_result_colname(r, c));
        nw = w > nw ? w : nw;
    }
    for (size_t i = 0; i < rows; i++) {
        if (i > 0)
            putc('\n', out);
        for (size_t c = 0; c < cols; c++) {
            const char *name = zg_result_colname(r, c);
            if (zg_result_cell(r, i, c)->kind == ZG_VAL_NULL)
                continue;
            put_clean(name, out);
            pad(nw - clean_width(name) + 2, out);
            put_clean(cells[i * cols + c].s, out);
            putc('\n', out);
        }
    }
    free_cells(cells, rows * cols);
    return check_io(out, err);
}

/* Write `s` with tab, newline, carriage return and backslash escaped. */
static void
put_escaped(const char *s, FILE *out)
{
    for (; *s; s++) {
        switch (*s) {
        case '\t': fputs("\\t", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\\': fputs("\\\\", out); break;
        default: putc(*s, out);
        }
    }
}

/* Write `r` as tab-separated values (see zg_export.h). */
zg_status
zg_export_tsv(const zg_result *r, zg_lang lang, FILE *out, zg_error *err)
{
    size_t rows = zg_result_rows(r), cols = zg_result_cols(r);
    cell *cells;

    if (cols == 0)
        return ZG_OK;
    cells = format_all(r, lang, 1, err);
    if (cells == NULL)
        return ZG_ERR_NOMEM;
    for (size_t c = 0; c < cols; c++) {
        if (c > 0)
            putc('\t', out);
        put_escaped(zg_result_colname(r, c), out);
    }
    putc('\n', out);
    for (size_t i = 0; i < rows; i++) {
        for (size_t c = 0; c < cols; c++) {
            if (c > 0)
                putc('\t', out);
            put_escaped(cells[i * cols + c].s, out);
        }
        putc('\n', out);
    }
    free_cells(cells, rows * cols);
    return check_io(out, err);
}
