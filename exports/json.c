/* SPDX-License-Identifier: MIT */
/*
 * JSON output of results through jansson: a result is
 * {"columns": [...], "rows": [[...], ...]}, a node cell an object
 * {"id","type","name","en"}, an edge cell
 * {"from","type","to","source","evidence","basis"} (ends as node ids).
 * Keys are always written in that order (JSON_PRESERVE_ORDER), non-ASCII
 * text is written as UTF-8, not \u escapes, so Chinese stays readable, and
 * numbers keep 15 significant digits so 0.1 prints as 0.1. A document is
 * built in full and then dumped, so a failure never leaves half a document
 * on the stream.
 */
#include "zg_export.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#define DUMP_FLAGS                                                             \
    (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

/* A JSON string of `s` (NULL: null); NULL on invalid UTF-8 or no memory. */
static json_t *
jstr(const char *s)
{
    return s == NULL ? json_null() : json_string(s);
}

/* Set `key` of `obj` to `v` (stolen); 0 on success. */
static int
set(json_t *obj, const char *key, json_t *v)
{
    return v == NULL ? -1 : json_object_set_new(obj, key, v);
}

/* The vocabulary's name of a basis. */
static const char *
basis_name(zg_basis b)
{
    return b == ZG_BASIS_IMPLIED    ? "implied"
           : b == ZG_BASIS_INFERRED ? "inferred"
                                    : "stated";
}

/* The JSON of one cell, or NULL on failure. */
static json_t *
cell_json(const zg_graph *g, const zg_value *v)
{
    json_t *o;
    int bad = 0;

    switch (v->kind) {
    case ZG_VAL_STRING: return jstr(v->str);
    case ZG_VAL_INT: return json_integer((json_int_t)v->i);
    case ZG_VAL_NUMBER:
        return isfinite(v->num) ? json_real(v->num) : json_null();
    case ZG_VAL_NODE: {
        const zg_node_info *n = zg_graph_node(g, v->id);
        o = json_object();
        if (o == NULL)
            return NULL;
        bad |= set(o, "id", jstr(n->key));
        bad |= set(o, "type", jstr(zg_graph_nodetype(g, n->type)->name));
        bad |= set(o, "name", jstr(n->name));
        bad |= set(o, "en", jstr(n->name_en));
        break;
    }
    case ZG_VAL_EDGE: {
        const zg_edge_info *e = zg_graph_edge(g, v->id);
        o = json_object();
        if (o == NULL)
            return NULL;
        bad |= set(o, "from", jstr(zg_graph_node(g, e->from)->key));
        bad |= set(o, "type", jstr(zg_graph_reltype(g, e->type)->name));
        bad |= set(o, "to", jstr(zg_graph_node(g, e->to)->key));
        bad |= set(o, "source", jstr(e->source));
        bad |= set(o, "evidence", jstr(e->evidence));
        bad |= set(o, "basis", jstr(basis_name(e->basis)));
        break;
    }
    case ZG_VAL_NULL:
    default: return json_null();
    }
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* {"columns": [...], "rows": [[...]]} of `r`, or NULL on failure. */
static json_t *
table_json(const zg_result *r)
{
    size_t rows = zg_result_rows(r), cols = zg_result_cols(r);
    json_t *o = json_object(), *jc = json_array(), *jr = json_array();
    int bad = o == NULL || jc == NULL || jr == NULL;

    for (size_t c = 0; !bad && c < cols; c++)
        bad = json_array_append_new(jc, jstr(zg_result_colname(r, c))) != 0;
    for (size_t i = 0; !bad && i < rows; i++) {
        json_t *row = json_array();
        bad = row == NULL;
        for (size_t c = 0; !bad && c < cols; c++)
            bad = json_array_append_new(
                      row, cell_json(zg_result_graph(r),
                                     zg_result_cell(r, i, c))) != 0;
        if (row != NULL && json_array_append_new(jr, row) != 0)
            bad = 1;
    }
    if (!bad) {
        bad = json_object_set(o, "columns", jc) != 0 ||
              json_object_set(o, "rows", jr) != 0;
    }
    json_decref(jc);
    json_decref(jr);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The first row of `r` as an object keyed by column name, null when `r`
 * has no rows, or NULL on failure. */
static json_t *
record_json(const zg_result *r)
{
    json_t *o;

    if (zg_result_rows(r) == 0)
        return json_null();
    o = json_object();
    if (o == NULL)
        return NULL;
    for (size_t c = 0; c < zg_result_cols(r); c++) {
        if (set(o, zg_result_colname(r, c),
                cell_json(zg_result_graph(r), zg_result_cell(r, 0, c))) != 0) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

/* Dump `doc` (consumed) followed by a newline. */
static zg_status
dump(json_t *doc, FILE *out, zg_error *err)
{
    int rc;

    if (doc == NULL)
        return zg_error_set(err, ZG_ERR_EXPORT, NULL, 0, 0,
                            "cannot build JSON (out of memory or invalid "
                            "UTF-8 in a cell)");
    rc = json_dumpf(doc, out, DUMP_FLAGS);
    json_decref(doc);
    if (rc != 0 || putc('\n', out) == EOF || fflush(out) != 0 || ferror(out))
        return zg_error_set(err, ZG_ERR_IO, NULL, 0, 0,
                            "cannot write JSON output");
    return ZG_OK;
}

/* Write `r` as JSON (see zg_export.h). */
zg_status
zg_export_json(const zg_result *r, FILE *out, zg_error *err)
{
    return dump(table_json(r), out, err);
}

/* Write several results as one JSON object (see zg_export.h). */
zg_status
zg_export_json_parts(const zg_json_part *parts, size_t n, FILE *out,
                     zg_error *err)
{
    json_t *doc = json_object();

    for (size_t i = 0; doc != NULL && i < n; i++) {
        json_t *v = parts[i].record ? record_json(parts[i].result)
                                    : table_json(parts[i].result);
        if (set(doc, parts[i].name, v) != 0) {
            json_decref(doc);
            doc = NULL;
        }
    }
    return dump(doc, out, err);
}
