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
 *
 * Nothing in a cell or a column name reaches the terminal as a control:
 * the table and the card show text as zg_text_escape() does (control
 * characters, bidirectional controls and bytes that are not UTF-8 as
 * \t, \n, \uXXXX or \xHH), and measure the escaped text, so a stray
 * newline cannot break the grid and a cell cannot move the cursor, change
 * colours or reorder the line. TSV escapes the same characters and also
 * doubles backslashes, so the escaping can be undone and a value can never
 * end its field or its row.
 */
#include "zg_export.h"

#include "zg_strbuf.h"
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

/* Append the name of node `n`: its key in TSV, else its label in `lang`. */
static void
add_node(zg_strbuf *b, const zg_graph *g, zg_id n, zg_lang lang, int tsv)
{
    char *own = NULL;

    if (tsv) {
        zg_strbuf_add(b, zg_graph_node(g, n)->key);
        return;
    }
    const char *s = node_label(g, n, lang, &own);
    if (s == NULL)
        b->oom = 1;
    else
        zg_strbuf_add(b, s);
    free(own);
}

/*
 * Append `v` as text: a null as nothing, booleans as true and false, a
 * date as written, nodes by add_node(), a relation as "FROM -TYPE-> TO", a
 * list as "[a, b]", a map as "{key: value, key: value}", a path as its
 * chain "A -[TYPE]-> B <-[TYPE]- C" (an arrow the way each relation
 * runs). Strings inside a list or map are shown as they are. Errors
 * (out of memory) are left in b->oom.
 */
static void
add_value(zg_strbuf *b, const zg_graph *g, const zg_value *v, zg_lang lang,
          int tsv)
{
    char buf[64];

    switch (v->kind) {
    case ZG_VAL_NULL: return;
    case ZG_VAL_STRING: zg_strbuf_add(b, v->str); return;
    case ZG_VAL_INT: snprintf(buf, sizeof buf, "%lld", v->i); break;
    case ZG_VAL_NUMBER: snprintf(buf, sizeof buf, "%.15g", v->num); break;
    case ZG_VAL_BOOL: zg_strbuf_add(b, v->i ? "true" : "false"); return;
    case ZG_VAL_DATE: zg_date_format(v->date, buf, sizeof buf); break;
    case ZG_VAL_NODE: add_node(b, g, v->id, lang, tsv); return;
    case ZG_VAL_EDGE:
        add_node(b, g, zg_graph_edge_from(g, v->id), lang, tsv);
        zg_strbuf_add(b, " -");
        zg_strbuf_add(b,
                      zg_graph_reltype(g, zg_graph_edge_type(g, v->id))->name);
        zg_strbuf_add(b, "-> ");
        add_node(b, g, zg_graph_edge_to(g, v->id), lang, tsv);
        return;
    case ZG_VAL_LIST:
    case ZG_VAL_MAP:
        zg_strbuf_add(b, v->kind == ZG_VAL_LIST ? "[" : "{");
        for (size_t k = 0; k < v->n; k++) {
            if (k > 0)
                zg_strbuf_add(b, ", ");
            if (v->kind == ZG_VAL_MAP) {
                zg_strbuf_add(b, v->items[2 * k].str);
                zg_strbuf_add(b, ": ");
                add_value(b, g, &v->items[2 * k + 1], lang, tsv);
            } else {
                add_value(b, g, &v->items[k], lang, tsv);
            }
        }
        zg_strbuf_add(b, v->kind == ZG_VAL_LIST ? "]" : "}");
        return;
    case ZG_VAL_PATH:
        for (size_t k = 0; k < v->n; k++) {
            zg_id id = v->items[k].id;
            if (k % 2 == 0) {
                add_node(b, g, id, lang, tsv);
                continue;
            }
            /* Forward when the relation starts at the node before it. */
            int fwd = zg_graph_edge_from(g, id) == v->items[k - 1].id;
            zg_strbuf_add(b, fwd ? " -[" : " <-[");
            zg_strbuf_add(b,
                          zg_graph_reltype(g, zg_graph_edge_type(g, id))->name);
            zg_strbuf_add(b, fwd ? "]-> " : "]- ");
        }
        return;
    }
    zg_strbuf_add(b, buf);
}

/*
 * Format `v` into `c` (see add_value()). `tsv` non-zero: nodes as their
 * key; else as labels in `lang`. Returns -1 when out of memory.
 */
static int
format_cell(const zg_graph *g, const zg_value *v, zg_lang lang, int tsv,
            cell *c)
{
    zg_strbuf b = {0};

    c->s = "";
    c->own = NULL;
    if (v->kind == ZG_VAL_NULL)
        return 0;
    if (v->kind == ZG_VAL_STRING) {
        c->s = v->str;
        return 0;
    }
    if (v->kind == ZG_VAL_NODE && tsv) {
        c->s = zg_graph_node(g, v->id)->key;
        return 0;
    }
    add_value(&b, g, v, lang, tsv);
    c->s = c->own = zg_strbuf_take(&b);
    return c->s == NULL ? -1 : 0;
}

/* Write `n` spaces. */
static void
pad(size_t n, FILE *out)
{
    while (n--)
        putc(' ', out);
}

/*
 * `c` as the table shows it: its text escaped with zg_text_escape() when
 * that changes it (the escaped copy replaces the cell's own text), and its
 * display width. Returns -1 when out of memory.
 */
static int
show_cell(cell *c)
{
    if (zg_text_needs_escape(c->s, 0)) {
        char *e = zg_text_escape(c->s, 0);
        if (e == NULL)
            return -1;
        free(c->own);
        c->s = c->own = e;
    }
    c->width = zg_text_width(c->s);
    return 0;
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
 * Format the column names and every cell of `r` into a new array of
 * (rows + 1) * cols cells: the names first, then the rows. `tsv` as in
 * format_cell(); else names and cells are escaped for showing and
 * measured (show_cell()). Returns NULL (and records ZG_ERR_NOMEM) when out
 * of memory.
 */
static cell *
format_all(const zg_result *r, zg_lang lang, int tsv, zg_error *err)
{
    size_t rows = zg_result_rows(r), cols = zg_result_cols(r);
    size_t n = (rows + 1) * cols;
    cell *cells = calloc(n > 0 ? n : 1, sizeof *cells);

    if (cells == NULL) {
        nomem(err);
        return NULL;
    }
    for (size_t c = 0; c < cols; c++) {
        cells[c].s = zg_result_colname(r, c);
        if (!tsv && show_cell(&cells[c]) != 0)
            goto oom;
    }
    for (size_t i = 0; i < rows; i++) {
        for (size_t c = 0; c < cols; c++) {
            cell *ce = &cells[(i + 1) * cols + c];
            if (format_cell(zg_result_graph(r), zg_result_cell(r, i, c), lang,
                            tsv, ce) != 0 ||
                (!tsv && show_cell(ce) != 0))
                goto oom;
        }
    }
    return cells;
oom:
    free_cells(cells, n);
    nomem(err);
    return NULL;
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
 * Write one table line: the `cols` cells at `line` at `widths`,
 * right-aligned where `right` is set, two spaces between columns. The line
 * stops after its last non-empty cell, so no line ends in white space.
 */
static void
put_line(const cell *line, const size_t *widths, const unsigned char *right,
         size_t cols, FILE *out)
{
    size_t last = 0;

    for (size_t c = 0; c < cols; c++)
        if (line[c].s[0] != '\0')
            last = c + 1;
    for (size_t c = 0; c < last; c++) {
        size_t gap = widths[c] - line[c].width;
        if (c > 0)
            fputs("  ", out);
        if (right[c])
            pad(gap, out);
        fputs(line[c].s, out);
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
    size_t *widths = NULL;
    unsigned char *right = NULL;
    zg_status st = ZG_OK;

    if (cols == 0)
        return ZG_OK;
    cells = format_all(r, lang, 0, err);
    if (cells == NULL)
        return ZG_ERR_NOMEM;
    widths = calloc(cols, sizeof *widths);
    right = calloc(cols, 1);
    if (widths == NULL || right == NULL) {
        st = nomem(err);
        goto out;
    }
    for (size_t c = 0; c < cols; c++) {
        int numeric = rows > 0;
        widths[c] = cells[c].width;
        for (size_t i = 0; i < rows; i++) {
            zg_value_kind k = zg_result_cell(r, i, c)->kind;
            if (cells[(i + 1) * cols + c].width > widths[c])
                widths[c] = cells[(i + 1) * cols + c].width;
            if (k != ZG_VAL_INT && k != ZG_VAL_NUMBER && k != ZG_VAL_NULL)
                numeric = 0;
        }
        right[c] = (unsigned char)numeric;
    }
    /* Header, then a rule as wide as each column, then the rows. */
    put_line(cells, widths, right, cols, out);
    for (size_t c = 0; c < cols; c++) {
        if (c > 0)
            fputs("  ", out);
        for (size_t i = 0; i < widths[c]; i++)
            putc('-', out);
    }
    putc('\n', out);
    for (size_t i = 0; i < rows; i++)
        put_line(&cells[(i + 1) * cols], widths, right, cols, out);
    st = check_io(out, err);
out:
    free_cells(cells, (rows + 1) * cols);
    free(widths);
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
    for (size_t c = 0; c < cols; c++)
        nw = cells[c].width > nw ? cells[c].width : nw;
    for (size_t i = 0; i < rows; i++) {
        if (i > 0)
            putc('\n', out);
        for (size_t c = 0; c < cols; c++) {
            if (zg_result_cell(r, i, c)->kind == ZG_VAL_NULL)
                continue;
            fputs(cells[c].s, out);
            pad(nw - cells[c].width + 2, out);
            fputs(cells[(i + 1) * cols + c].s, out);
            putc('\n', out);
        }
    }
    free_cells(cells, (rows + 1) * cols);
    return check_io(out, err);
}

/* The name (`en`: the English name, or nothing) of node `n`. */
static void
put_name(const zg_graph *g, zg_id n, int en, FILE *out)
{
    const zg_node_info *v = zg_graph_node(g, n);
    const char *s = en ? v->name_en : v->name;

    if (s != NULL)
        zg_text_fputs_escaped(s, ZG_ESC_BACKSLASH, out);
}

/* The name field of cell `v` in TSV: a node's name, a relation's
 * "FROM -TYPE-> TO" of names; nothing for other cells. */
static void
put_names(const zg_graph *g, const zg_value *v, int en, FILE *out)
{
    if (v->kind == ZG_VAL_NODE) {
        put_name(g, v->id, en, out);
    } else if (v->kind == ZG_VAL_EDGE) {
        zg_edge_info e;
        zg_graph_edge_get(g, v->id, &e);
        put_name(g, e.from, en, out);
        fputs(" -", out);
        zg_text_fputs_escaped(zg_graph_reltype(g, e.type)->name,
                              ZG_ESC_BACKSLASH, out);
        fputs("-> ", out);
        put_name(g, e.to, en, out);
    }
}

/* Write `r` as tab-separated values (see zg_export.h). Every name and
 * cell is written with zg_text_fputs_escaped(ZG_ESC_BACKSLASH), so no
 * field holds a raw tab, newline or other control character. */
zg_status
zg_export_tsv(const zg_result *r, zg_lang lang, FILE *out, zg_error *err)
{
    size_t rows = zg_result_rows(r), cols = zg_result_cols(r);
    const zg_graph *g = zg_result_graph(r);
    int with_en = lang != ZG_LANG_ZH;
    unsigned char *node_col;
    cell *cells;

    if (cols == 0)
        return ZG_OK;
    cells = format_all(r, lang, 1, err);
    node_col = calloc(cols, 1);
    if (cells == NULL || node_col == NULL) {
        free_cells(cells, (rows + 1) * cols);
        free(node_col);
        return cells == NULL ? ZG_ERR_NOMEM : nomem(err);
    }
    /* A column declared to hold nodes or relations is a node column, rows
     * or none: its id (a relation's "FROM -TYPE-> TO" of ids), then the
     * name (and the English name), one field each. So the fields are fixed
     * by the question, never by the rows it found. */
    for (size_t c = 0; c < cols; c++) {
        zg_col_kind k = zg_result_col_kind(r, c);
        node_col[c] =
            k == ZG_COL_NODE || k == ZG_COL_EDGE || k == ZG_COL_NODE_OR_EDGE;
    }
    for (size_t i = 0; i <= rows; i++) {
        for (size_t c = 0; c < cols; c++) {
            const zg_value *v = i > 0 ? zg_result_cell(r, i - 1, c) : NULL;
            if (c > 0)
                putc('\t', out);
            zg_text_fputs_escaped(cells[i * cols + c].s, ZG_ESC_BACKSLASH, out);
            if (!node_col[c])
                continue;
            putc('\t', out);
            if (v == NULL) {
                zg_text_fputs_escaped(cells[c].s, ZG_ESC_BACKSLASH, out);
                fputs("_name", out);
            } else {
                put_names(g, v, 0, out);
            }
            if (!with_en)
                continue;
            putc('\t', out);
            if (v == NULL) {
                zg_text_fputs_escaped(cells[c].s, ZG_ESC_BACKSLASH, out);
                fputs("_en", out);
            } else {
                put_names(g, v, 1, out);
            }
        }
        putc('\n', out);
    }
    free_cells(cells, (rows + 1) * cols);
    free(node_col);
    return check_io(out, err);
}
