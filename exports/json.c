/* SPDX-License-Identifier: MIT */
/*
 * JSON output of results through jansson: a result is
 * {"columns": [...], "rows": [[...], ...]}, a node cell an object
 * {"id","type","name","en"}, an edge cell
 * {"from","type","to","source","evidence","basis","props"} (ends as node
 * ids), a boolean true or false, a date the string it was written as, a
 * list an array, a map an object, a path
 * {"nodes": [node, ...], "relationships": [edge, ...]}.
 * Keys are always written in that order (JSON_PRESERVE_ORDER), non-ASCII
 * text is written as UTF-8, not \u escapes, so Chinese stays readable, and
 * numbers keep 15 significant digits so 0.1 prints as 0.1. A document is
 * built in full and dumped into memory before a byte is written, so a
 * failure never leaves half a document on the stream.
 *
 * jansson escapes only the C0 controls, the quote and the backslash; C1
 * controls (U+009B is CSI on some terminals), DEL, bidirectional controls
 * and the line separators would reach the reader raw. Outside strings a
 * JSON document is ASCII, so every non-ASCII character and every DEL of
 * jansson's output is inside a string, and writing each one that
 * zg_text_is_control() names as \uXXXX is exact: the document decodes to
 * the same text. jansson refuses text that is not valid UTF-8, which JSON
 * cannot carry; we name the row and column rather than guess a
 * replacement.
 */
#include "zg_export.h"

#include "zg_text.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#define DUMP_FLAGS                                                             \
    (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

/*
 * What is being built, for the message of a refusal, and the first
 * failure. Building stops at the first failure; `err` is the call's own,
 * so its status is this call's.
 */
typedef struct ctx {
    zg_error err;
    const char *part; /* the part's key (zg_export_json_parts()), or NULL */
    const zg_result *r;
    size_t row, col;   /* 0-based */
    int in_names;      /* building the column names, not a row */
    const char *field; /* field of a node or edge object, or NULL */
} ctx;

/* Record that memory ran out; returns NULL. */
static json_t *
nomem(ctx *x)
{
    zg_error_set(&x->err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
    return NULL;
}

/* `s` if it prints as it is (quoted in a message), else "". */
static const char *
printable(const char *s)
{
    return s != NULL && !zg_text_needs_escape(s, 0) ? s : "";
}

/* Refuse text whose byte `at` (`byte`) is not valid UTF-8; returns NULL. */
static json_t *
refuse(ctx *x, size_t at, unsigned byte)
{
    char where[160] = "", col[96] = "";
    const char *name = x->r ? printable(zg_result_colname(x->r, x->col)) : "";

    if (x->part != NULL)
        snprintf(where, sizeof where, "part '%.60s', ", printable(x->part));
    if (name[0] != '\0')
        snprintf(col, sizeof col, " ('%.60s')", name);
    if (x->r == NULL)
        zg_error_set(&x->err, ZG_ERR_EXPORT, NULL, 0, 0,
                     "cannot write JSON: %sthe key: byte %zu is not valid "
                     "UTF-8 (0x%02X), which JSON cannot carry",
                     where, at, byte);
    else if (x->in_names)
        zg_error_set(&x->err, ZG_ERR_EXPORT, NULL, 0, 0,
                     "cannot write JSON: %sthe name of column %zu: byte %zu "
                     "is not valid UTF-8 (0x%02X), which JSON cannot carry",
                     where, x->col + 1, at, byte);
    else
        zg_error_set(&x->err, ZG_ERR_EXPORT, NULL, 0, 0,
                     "cannot write JSON: %srow %zu, column %zu%s%s%s: byte "
                     "%zu is not valid UTF-8 (0x%02X), which JSON cannot "
                     "carry",
                     where, x->row + 1, x->col + 1, col,
                     x->field ? ", field " : "", x->field ? x->field : "", at,
                     byte);
    return NULL;
}

/* A JSON string of `s` (NULL: null), or NULL after recording why. */
static json_t *
jstr(ctx *x, const char *s)
{
    const uint8_t *bad;
    json_t *v;

    if (s == NULL)
        return json_null();
    bad = u8_check((const uint8_t *)s, strlen(s));
    if (bad != NULL)
        return refuse(x, (size_t)(bad - (const uint8_t *)s), *bad);
    v = json_string(s);
    return v != NULL ? v : nomem(x);
}

/* 0 if `s` can be a key (valid UTF-8), else -1 after recording why. */
static int
check_key(ctx *x, const char *s)
{
    const uint8_t *bad = u8_check((const uint8_t *)s, strlen(s));

    if (bad == NULL)
        return 0;
    refuse(x, (size_t)(bad - (const uint8_t *)s), *bad);
    return -1;
}

/* Set `key` (valid UTF-8) of `obj` to `v` (stolen); 0 on success. */
static int
set(ctx *x, json_t *obj, const char *key, json_t *v)
{
    if (v == NULL)
        return -1;
    if (json_object_set_new(obj, key, v) != 0) {
        nomem(x);
        return -1;
    }
    return 0;
}

/* Append `v` (stolen) to `arr`; 0 on success. */
static int
append(ctx *x, json_t *arr, json_t *v)
{
    if (v == NULL)
        return -1;
    if (json_array_append_new(arr, v) != 0) {
        nomem(x);
        return -1;
    }
    return 0;
}

/* Set field `key` of a node or edge object to the text `s`. */
static int
field(ctx *x, json_t *obj, const char *key, const char *s)
{
    x->field = key;
    return set(x, obj, key, jstr(x, s));
}

/* The vocabulary's name of a basis. */
static const char *
basis_name(zg_basis b)
{
    return b == ZG_BASIS_IMPLIED    ? "implied"
           : b == ZG_BASIS_INFERRED ? "inferred"
                                    : "stated";
}

/* {name: value, ...} of the properties of edge `e` that the result's
 * view shows (empty when none), or NULL on failure. */
static json_t *
edge_props(ctx *x, const zg_graph *g, zg_id e)
{
    const zg_view *view = zg_result_view(x->r);
    const zg_prop *p;
    size_t np = zg_graph_edge_props(g, e, &p);
    json_t *o = json_object();

    if (o == NULL)
        return nomem(x);
    for (size_t i = 0; i < np; i++) {
        if (!zg_view_has_prop(view, &p[i]))
            continue;
        x->field = "props";
        if (check_key(x, p[i].name) != 0 ||
            set(x, o, p[i].name, jstr(x, p[i].value)) != 0) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

static json_t *value_json(ctx *x, const zg_value *v);

/* The object of node `n`, or NULL on failure. */
static json_t *
node_json(ctx *x, const zg_graph *g, zg_id n)
{
    const zg_node_info *info = zg_graph_node(g, n);
    json_t *o = json_object();

    if (o == NULL)
        return nomem(x);
    if (field(x, o, "id", info->key) ||
        field(x, o, "type", zg_graph_nodetype(g, info->type)->name) ||
        field(x, o, "name", info->name) || field(x, o, "en", info->name_en)) {
        json_decref(o);
        return NULL;
    }
    x->field = NULL;
    return o;
}

/* The object of edge `id`, or NULL on failure. */
static json_t *
edge_json(ctx *x, const zg_graph *g, zg_id id)
{
    zg_edge_info e;
    json_t *o = json_object();

    if (o == NULL)
        return nomem(x);
    zg_graph_edge_get(g, id, &e);
    if (field(x, o, "from", zg_graph_node(g, e.from)->key) ||
        field(x, o, "type", zg_graph_reltype(g, e.type)->name) ||
        field(x, o, "to", zg_graph_node(g, e.to)->key) ||
        field(x, o, "source", e.source) ||
        field(x, o, "evidence", e.evidence) ||
        field(x, o, "basis", basis_name(e.basis)) ||
        set(x, o, "props", edge_props(x, g, id))) {
        json_decref(o);
        return NULL;
    }
    x->field = NULL;
    return o;
}

/* A list's array, or a path's {"nodes": [...], "relationships": [...]};
 * NULL on failure. */
static json_t *
seq_json(ctx *x, const zg_value *v)
{
    json_t *nodes = json_array(), *rels = NULL, *o = NULL;
    int bad = nodes == NULL;

    if (v->kind == ZG_VAL_PATH) {
        rels = json_array();
        o = json_object();
        bad |= rels == NULL || o == NULL;
    }
    if (bad)
        nomem(x);
    for (size_t k = 0; !bad && k < v->n; k++)
        bad = append(x, rels != NULL && k % 2 ? rels : nodes,
                     value_json(x, &v->items[k]));
    if (!bad && o == NULL)
        return nodes;
    if (!bad) {
        bad = set(x, o, "nodes", nodes);
        nodes = NULL;
        bad = bad || set(x, o, "relationships", rels);
        rels = NULL;
        if (!bad)
            return o;
    }
    json_decref(nodes);
    json_decref(rels);
    json_decref(o);
    return NULL;
}

/* A map's object, its entries in their order; NULL on failure. */
static json_t *
map_json(ctx *x, const zg_value *v)
{
    json_t *o = json_object();

    if (o == NULL)
        return nomem(x);
    for (size_t k = 0; k < v->n; k++) {
        const char *key = v->items[2 * k].str;
        if (check_key(x, key) != 0 ||
            set(x, o, key, value_json(x, &v->items[2 * k + 1])) != 0) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

/* The JSON of value `v`, or NULL on failure: strings, numbers and
 * booleans as themselves, a date as the string it was written as, nodes
 * and relations as objects, lists as arrays, maps as objects, a path as
 * {"nodes": [...], "relationships": [...]}. */
static json_t *
value_json(ctx *x, const zg_value *v)
{
    const zg_graph *g = zg_result_graph(x->r);
    char buf[16];
    json_t *o;

    switch (v->kind) {
    case ZG_VAL_STRING: return jstr(x, v->str);
    case ZG_VAL_INT:
        o = json_integer((json_int_t)v->i);
        return o != NULL ? o : nomem(x);
    case ZG_VAL_NUMBER:
        o = isfinite(v->num) ? json_real(v->num) : json_null();
        return o != NULL ? o : nomem(x);
    case ZG_VAL_BOOL: return json_boolean(v->i);
    case ZG_VAL_DATE: return jstr(x, zg_date_format(v->date, buf, sizeof buf));
    case ZG_VAL_NODE: return node_json(x, g, v->id);
    case ZG_VAL_EDGE: return edge_json(x, g, v->id);
    case ZG_VAL_LIST:
    case ZG_VAL_PATH: return seq_json(x, v);
    case ZG_VAL_MAP: return map_json(x, v);
    case ZG_VAL_NULL:
    default: return json_null();
    }
}

/* The JSON of the cell at x->row, x->col of x->r, or NULL on failure. */
static json_t *
cell_json(ctx *x)
{
    x->field = NULL;
    return value_json(x, zg_result_cell(x->r, x->row, x->col));
}

/* {"columns": [...], "rows": [[...]]} of `r`, or NULL on failure. */
static json_t *
table_json(ctx *x, const zg_result *r)
{
    size_t rows = zg_result_rows(r), cols = zg_result_cols(r);
    json_t *o = json_object(), *jc = json_array(), *jr = json_array();
    int bad = o == NULL || jc == NULL || jr == NULL;

    if (bad)
        nomem(x);
    x->r = r;
    x->in_names = 1;
    for (x->col = 0; !bad && x->col < cols; x->col++)
        bad = append(x, jc, jstr(x, zg_result_colname(r, x->col)));
    x->in_names = 0;
    for (x->row = 0; !bad && x->row < rows; x->row++) {
        json_t *row = json_array();
        if (row == NULL) {
            nomem(x);
            bad = 1;
            break;
        }
        for (x->col = 0; !bad && x->col < cols; x->col++)
            bad = append(x, row, cell_json(x));
        if (bad)
            json_decref(row);
        else
            bad = append(x, jr, row);
    }
    /* set() consumes what it is given, even when it fails. */
    if (bad || set(x, o, "columns", jc) != 0) {
        if (bad)
            json_decref(jc);
        json_decref(jr);
        bad = 1;
    } else {
        bad = set(x, o, "rows", jr);
    }
    x->r = NULL;
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The first row of `r` as an object keyed by column name, null when `r`
 * has no rows, or NULL on failure. */
static json_t *
record_json(ctx *x, const zg_result *r)
{
    json_t *o;

    if (zg_result_rows(r) == 0)
        return json_null();
    o = json_object();
    if (o == NULL)
        return nomem(x);
    x->r = r;
    x->row = 0;
    for (x->col = 0; x->col < zg_result_cols(r); x->col++) {
        const char *name = zg_result_colname(r, x->col);
        x->in_names = 1;
        if (check_key(x, name) != 0)
            break;
        x->in_names = 0;
        if (set(x, o, name, cell_json(x)) != 0)
            break;
    }
    x->in_names = 0;
    x->r = NULL;
    if (x->err.status != ZG_OK) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Write `text` (jansson's output: valid UTF-8) with every character
 * zg_text_is_control() names as \uXXXX. Returns 0, or EOF. */
static int
put_escaped(const char *text, FILE *out)
{
    static const char hex[] = "0123456789ABCDEF";
    const uint8_t *p = (const uint8_t *)text, *run = p;
    size_t rest = strlen(text);

    while (rest > 0) {
        ucs4_t c = *p;
        int len = 1;
        char esc[6] = {'\\', 'u', 0, 0, 0, 0};
        if (*p >= 0x80 && (len = u8_mbtouc(&c, p, rest)) <= 0)
            len = 1; /* cannot happen: jansson wrote valid UTF-8 */
        p += len;
        rest -= (size_t)len;
        /* jansson escaped the C0 controls (and the layout's newlines are
         * outside strings). */
        if (c < 0x20 || !zg_text_is_control(c))
            continue;
        for (int i = 0; i < 4; i++)
            esc[2 + i] = hex[(c >> (12 - 4 * i)) & 0xf];
        if (fwrite(run, 1, (size_t)(p - len - run), out) !=
                (size_t)(p - len - run) ||
            fwrite(esc, 1, sizeof esc, out) != sizeof esc)
            return EOF;
        run = p;
    }
    if (fwrite(run, 1, (size_t)(p - run), out) != (size_t)(p - run))
        return EOF;
    return 0;
}

/* Dump `doc` (consumed; NULL when building failed and x->err says why)
 * followed by a newline; copy a failure into `err`. */
static zg_status
dump(ctx *x, json_t *doc, FILE *out, zg_error *err)
{
    char *text = NULL;

    if (doc != NULL) {
        text = json_dumps(doc, DUMP_FLAGS);
        json_decref(doc);
        if (text == NULL)
            nomem(x);
    }
    if (text != NULL) {
        if (put_escaped(text, out) != 0 || putc('\n', out) == EOF ||
            fflush(out) != 0 || ferror(out))
            zg_error_set(&x->err, ZG_ERR_IO, NULL, 0, 0,
                         "cannot write JSON output");
        free(text);
    }
    if (x->err.status == ZG_OK && doc == NULL)
        nomem(x); /* a failure that said nothing: jansson's allocation */
    if (x->err.status == ZG_OK)
        return ZG_OK;
    return zg_error_set(err, x->err.status, NULL, 0, 0, "%s", x->err.msg);
}

/* Write `r` as JSON (see zg_export.h). */
zg_status
zg_export_json(const zg_result *r, FILE *out, zg_error *err)
{
    ctx x;

    memset(&x, 0, sizeof x);
    return dump(&x, table_json(&x, r), out, err);
}

/* Write several results as one JSON object (see zg_export.h). */
zg_status
zg_export_json_parts(const zg_json_part *parts, size_t n, FILE *out,
                     zg_error *err)
{
    json_t *doc = json_object();
    ctx x;

    memset(&x, 0, sizeof x);
    if (doc == NULL)
        nomem(&x);
    for (size_t i = 0; doc != NULL && i < n; i++) {
        json_t *v;
        x.part = parts[i].name;
        v = check_key(&x, parts[i].name) != 0 ? NULL
            : parts[i].record                 ? record_json(&x, parts[i].result)
                                              : table_json(&x, parts[i].result);
        if (set(&x, doc, parts[i].name, v) != 0) {
            json_decref(doc);
            doc = NULL;
        }
    }
    return dump(&x, doc, out, err);
}
