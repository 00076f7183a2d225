/* SPDX-License-Identifier: MIT */
/*
 * The catalogue queries: resolving type names, listing nodes of a type with
 * conditions, fuzzy finding, statistics, and the pieces of an entity card
 * (card, aliases, properties, figures, relations). Each reads the committed
 * graph through its public getters and answers with a zg_result; none
 * prints. The neighbourhood walk lives in neighbours.c. Each query has an
 * _at form that sees only what a zg_view shows (valid time, time.c); the
 * plain form is the _at form with no view.
 */
#include "zg_query.h"

#include "query_internal.h"
#include "zg_strbuf.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- small helpers ---- */

/* Record "out of memory" in `err`; returns ZG_ERR_NOMEM. */
static zg_status
nomem(zg_error *err)
{
    return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/*
 * The label of a type or figure in `lang` from its `zh` and `en` labels
 * (either may be NULL), falling back to `name`. Sets `*out` to a borrowed
 * string or, for ZG_LABEL_BOTH with two labels, to "zh / en" in `*tmp`,
 * which the caller frees. Returns -1 when out of memory.
 */
static int
pick_label(const char *zh, const char *en, const char *name, zg_label_lang lang,
           const char **out, char **tmp)
{
    *tmp = NULL;
    if (lang == ZG_LABEL_BOTH && zh != NULL && en != NULL) {
        size_t a = strlen(zh), b = strlen(en);
        *tmp = malloc(a + b + 4);
        if (*tmp == NULL)
            return -1;
        memcpy(*tmp, zh, a);
        memcpy(*tmp + a, " / ", 3);
        memcpy(*tmp + a + 3, en, b + 1);
        *out = *tmp;
        return 0;
    }
    if (lang == ZG_LABEL_EN)
        *out = en ? en : zh ? zh : name;
    else
        *out = zh ? zh : en ? en : name;
    return 0;
}

/* Check that the node id `n` is in range. */
static zg_status
check_node(const zg_graph *g, zg_id n, zg_error *err)
{
    if (n >= zg_graph_node_count(g))
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "node id %lu out of range", (unsigned long)n);
    return ZG_OK;
}

/* ---- types by name ---- */

/* Append ", name" (or "name" first) to `msg` of `size` bytes. */
static void
list_name(char *msg, size_t size, const char *name)
{
    size_t len = strlen(msg);

    if (len + 1 < size)
        snprintf(msg + len, size - len, "%s%s", len ? ", " : "", name);
}

/* Reads the name and labels of type `t` (node or relation types alike). */
typedef void (*type_get_fn)(const zg_graph *g, zg_id t, const char **name,
                            const char **zh, const char **en);

/*
 * Match `name` against the `count` types whose name, zh and en the `get`
 * callback returns: first names exactly, then en labels ignoring ASCII
 * case, then zh labels exactly. ZG_NO_ID when none matches.
 */
static zg_id
match_type(const zg_graph *g, size_t count, type_get_fn get, const char *name)
{
    const char *tn, *zh, *en;

    for (int pass = 0; pass < 3; pass++) {
        for (size_t t = 0; t < count; t++) {
            get(g, (zg_id)t, &tn, &zh, &en);
            if ((pass == 0 && strcmp(tn, name) == 0) ||
                (pass == 1 && en != NULL && strcasecmp(en, name) == 0) ||
                (pass == 2 && zh != NULL && strcmp(zh, name) == 0))
                return (zg_id)t;
        }
    }
    return ZG_NO_ID;
}

/* type_get_fn for node types. */
static void
get_nodetype(const zg_graph *g, zg_id t, const char **name, const char **zh,
             const char **en)
{
    const zg_nodetype_info *i = zg_graph_nodetype(g, t);

    *name = i->name;
    *zh = i->zh;
    *en = i->en;
}

/* type_get_fn for relation types. */
static void
get_reltype(const zg_graph *g, zg_id t, const char **name, const char **zh,
            const char **en)
{
    const zg_reltype_info *i = zg_graph_reltype(g, t);

    *name = i->name;
    *zh = i->zh;
    *en = i->en;
}

/* Resolve a type name or label; the error lists every known type name. */
static zg_status
resolve_type(const zg_graph *g, size_t count, type_get_fn get, const char *what,
             const char *name, zg_id *out, zg_error *err)
{
    char known[400] = "";
    const char *tn, *zh, *en;

    *out = match_type(g, count, get, name);
    if (*out != ZG_NO_ID)
        return ZG_OK;
    for (size_t t = 0; t < count; t++) {
        get(g, (zg_id)t, &tn, &zh, &en);
        list_name(known, sizeof known, tn);
    }
    return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                        "unknown %s type '%s'; known %s types: %s", what, name,
                        what, *known ? known : "(none)");
}

/* Refuse what `f` asks for beyond `applies` (see query_internal.h). */
zg_status
zg_query__filter_check(const zg_filter *f, unsigned applies, zg_error *err)
{
    /* The fields a set of ZG_FILTER__* bits names, as a list ending in
     * "and" (what the question filters by, after its date) and in "or"
     * (what it does not filter by). */
    static const char *const and_list[8] = {
        "",
        " and relation type",
        " and node type",
        ", relation type and node type",
        " and direction",
        ", relation type and direction",
        ", node type and direction",
        ", relation type, node type and direction"};
    static const char *const or_list[8] = {"",
                                           "relation type",
                                           "node type",
                                           "relation type or node type",
                                           "direction",
                                           "relation type or direction",
                                           "node type or direction",
                                           ("relation type, node type or "
                                            "direction")};
    const unsigned all =
        ZG_FILTER__RELS | ZG_FILTER__TYPES | ZG_FILTER__DIRECTION;
    unsigned asked;

    if (f == NULL)
        return ZG_OK;
    applies &= all;
    asked = (f->n_rels > 0 ? ZG_FILTER__RELS : 0u) |
            (f->n_types > 0 ? ZG_FILTER__TYPES : 0u) |
            (f->direction != ZG_DIR_BOTH ? ZG_FILTER__DIRECTION : 0u);
    if ((asked & ~applies) == 0)
        return ZG_OK;
    return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                        "this question filters only by date (the filter's "
                        "view)%s, not by %s",
                        and_list[applies], or_list[all & ~applies]);
}

/* The view of `f`, refusing the filters a catalogue query does not apply
 * (see query_internal.h). */
zg_status
zg_query__filter_view_only(const zg_filter *f, const zg_view **view,
                           zg_error *err)
{
    *view = f != NULL ? f->view : NULL;
    return zg_query__filter_check(f, 0, err);
}

/* Resolve a node type by name or label (see zg_query.h). */
zg_status
zg_query_nodetype(const zg_graph *g, const char *name, zg_id *out,
                  zg_error *err)
{
    return resolve_type(g, zg_graph_nodetype_count(g), get_nodetype, "node",
                        name, out, err);
}

/* Resolve a relation type by name or label (see zg_query.h). */
zg_status
zg_query_reltype(const zg_graph *g, const char *name, zg_id *out, zg_error *err)
{
    return resolve_type(g, zg_graph_reltype_count(g), get_reltype, "relation",
                        name, out, err);
}

/* The name of a basis value; "stated" for anything out of range. */
const char *
zg_basis_name(zg_basis b)
{
    switch (b) {
    case ZG_BASIS_IMPLIED: return "implied";
    case ZG_BASIS_INFERRED: return "inferred";
    case ZG_BASIS_STATED:
    default: return "stated";
    }
}

/* ---- list ---- */

/*
 * Split "NAME OP VALUE": the name runs up to the first of "=!<>", the
 * operator is one of = == != < <= > >=, and the value is the rest (may be
 * empty). `out->value` points into `text`.
 */
zg_status
zg_where_parse(zg_where *out, const char *text, zg_error *err)
{
    size_t n = strcspn(text, "=!<>");
    const char *p = text + n;

    memset(out, 0, sizeof *out);
    if (*p == '\0')
        return zg_error_set(err, ZG_ERR_PARSE, NULL, 0, 0,
                            "condition '%s' has no operator (=, !=, <, <=, "
                            ">, >=)",
                            text);
    if (n == 0)
        return zg_error_set(err, ZG_ERR_PARSE, NULL, 0, 0,
                            "condition '%s' has no property name", text);
    if (n >= sizeof out->name)
        return zg_error_set(err, ZG_ERR_PARSE, NULL, 0, 0,
                            "property name in condition '%.40s…' is too long",
                            text);
    memcpy(out->name, text, n);
    out->name[n] = '\0';
    if (p[0] == '!' && p[1] == '=') {
        out->op = ZG_CMP_NE;
        p += 2;
    } else if (p[0] == '!') {
        return zg_error_set(err, ZG_ERR_PARSE, NULL, 0, 0,
                            "condition '%s': '!' must be followed by '='",
                            text);
    } else if (p[0] == '<' || p[0] == '>') {
        int eq = p[1] == '=';
        out->op = p[0] == '<' ? (eq ? ZG_CMP_LE : ZG_CMP_LT)
                              : (eq ? ZG_CMP_GE : ZG_CMP_GT);
        p += 1 + eq;
    } else {
        out->op = ZG_CMP_EQ;
        p += p[1] == '=' ? 2 : 1;
    }
    out->value = p;
    return ZG_OK;
}

/* 1 if figure `p` fits qualifier `q` (`len` bytes): its kind is `q`, or
 * its date is `q` or a part of it (2022 fits 2022 and 2022-10, not
 * 20221; 2022-1 fits 2022-1 only). */
static int
figure_fits(const zg_prop *p, const char *q, size_t len)
{
    if (p->figure_kind != NULL && strlen(p->figure_kind) == len &&
        memcmp(p->figure_kind, q, len) == 0)
        return 1;
    return p->date != NULL && strncmp(p->date, q, len) == 0 &&
           (p->date[len] == '\0' || p->date[len] == '-');
}

/* The figures of node `n` that `view` shows and "FIGURE@QUAL[@QUAL...]"
 * picks (see zg_where): how many, and the first in `*first`. */
static size_t
figures_at(const zg_graph *g, const zg_view *view, zg_id n, const char *name,
           const zg_prop **first)
{
    const char *at = strchr(name, '@');
    const zg_prop *p;
    size_t np = zg_graph_node_props(g, n, &p), base = (size_t)(at - name);
    size_t count = 0;

    *first = NULL;
    for (size_t i = 0; i < np; i++) {
        const char *q = at;
        int ok = p[i].kind == ZG_PROP_FIGURE && strlen(p[i].name) == base &&
                 memcmp(p[i].name, name, base) == 0 &&
                 zg_view_has_prop(view, &p[i]);
        while (ok && q != NULL) {
            const char *next = strchr(q + 1, '@');
            size_t len = next ? (size_t)(next - q - 1) : strlen(q + 1);
            ok = figure_fits(&p[i], q + 1, len);
            q = next;
        }
        if (ok && count++ == 0)
            *first = &p[i];
    }
    return count;
}

/* The property or figure of node `n` that `name` (PROP or FIGURE@QUAL)
 * names among those `view` shows, or NULL. zg_query_list_at() has made
 * sure a FIGURE@QUAL picks at most one. */
static const zg_prop *
named_prop(const zg_graph *g, const zg_view *view, zg_id n, const char *name)
{
    const zg_prop *p;
    size_t np;

    if (strchr(name, '@') != NULL) {
        figures_at(g, view, n, name, &p);
        return p;
    }
    np = zg_graph_node_props(g, n, &p);
    for (size_t i = 0; i < np; i++)
        if (strcmp(p[i].name, name) == 0 && zg_view_has_prop(view, &p[i]))
            return &p[i];
    return NULL;
}

/* The node fields a condition can name; they come before properties of
 * the same name, so a column means the same thing in every row. */
static const char *
node_field(const zg_node_info *v, const char *name, int *is_field)
{
    static const char *const names[] = {"id",    "name",    "en",      "since",
                                        "until", "sources", "evidence"};
    const char *const values[] = {v->key,   v->name,    v->name_en, v->since,
                                  v->until, v->sources, v->evidence};

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0) {
            *is_field = 1;
            return values[i];
        }
    *is_field = 0;
    return NULL;
}

/* The value of field or property `name` of node `n` (properties `view`
 * hides count as absent), or NULL; for NAME#source and NAME#evidence,
 * that of the property or figure NAME. */
static const char *
node_value(const zg_graph *g, const zg_view *view, zg_id n, const char *name)
{
    const char *hash = strchr(name, '#');
    const zg_prop *p;
    const char *field;
    int is_field;

    if (hash != NULL) {
        char base[sizeof((zg_where *)0)->name];
        size_t len = (size_t)(hash - name);
        if (len >= sizeof base)
            return NULL;
        memcpy(base, name, len);
        base[len] = '\0';
        p = named_prop(g, view, n, base);
        if (p == NULL)
            return NULL;
        if (strcmp(hash + 1, "source") == 0)
            return p->source;
        if (strcmp(hash + 1, "evidence") == 0)
            return p->evidence;
        return NULL;
    }
    field = node_field(zg_graph_node(g, n), name, &is_field);
    if (is_field)
        return field;
    p = named_prop(g, view, n, name);
    return p != NULL ? p->value : NULL;
}

/* How many properties of node `n` that `view` shows `name` (PROP, or
 * FIGURE@QUAL...) names, and the first in `*first`: more than one only
 * for figures, which a node may have several of by date and kind. */
static size_t
count_named(const zg_graph *g, const zg_view *view, zg_id n, const char *name,
            const zg_prop **first)
{
    const zg_prop *p;
    size_t np, count = 0;
    int dummy;

    *first = NULL;
    if (strchr(name, '@') != NULL)
        return figures_at(g, view, n, name, first);
    node_field(zg_graph_node(g, n), name, &dummy);
    if (dummy)
        return 0;
    np = zg_graph_node_props(g, n, &p);
    for (size_t i = 0; i < np; i++)
        if (strcmp(p[i].name, name) == 0 && zg_view_has_prop(view, &p[i]) &&
            count++ == 0)
            *first = &p[i];
    return count;
}

/* Check a name of a condition or column: NAME#source and NAME#evidence
 * are the only suffixes; every qualifier is a kind (actual,
 * target, forecast, estimate) or a date (YYYY, YYYY-MM, YYYY-MM-DD), and
 * a name, with or without qualifiers, picks at most one figure of each
 * node of type `t` that `view` shows. Fails: ZG_ERR_INVALID. */
static zg_status
check_name(const zg_graph *g, const zg_view *view, zg_id t, const char *name,
           zg_error *err)
{
    static const char *const kinds[] = {"actual", "target", "forecast",
                                        "estimate"};
    const char *at = strchr(name, '#'), *q;
    char base[sizeof((zg_where *)0)->name];
    size_t len = at ? (size_t)(at - name) : strlen(name);

    if (len >= sizeof base)
        len = sizeof base - 1;
    memcpy(base, name, len);
    base[len] = '\0';
    if (at != NULL && strcmp(at, "#source") != 0 &&
        strcmp(at, "#evidence") != 0)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "'%s': after '#' comes source or evidence", name);
    for (q = strchr(base, '@'); q != NULL;) {
        const char *next = strchr(q + 1, '@');
        size_t ql = next ? (size_t)(next - q - 1) : strlen(q + 1);
        char buf[64];
        zg_period per;
        zg_error e = {0};
        int ok = 0;
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] && !ok; k++)
            ok = strlen(kinds[k]) == ql && memcmp(kinds[k], q + 1, ql) == 0;
        if (!ok && ql < sizeof buf) {
            memcpy(buf, q + 1, ql);
            buf[ql] = '\0';
            ok = zg_period_parse(buf, &per, &e) == ZG_OK;
        }
        if (!ok)
            return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                                "'%.*s' in '%s' is neither a kind (actual, "
                                "target, forecast, estimate) nor a date "
                                "(YYYY, YYYY-MM or YYYY-MM-DD)",
                                (int)ql, q + 1, name);
        q = next;
    }
    for (size_t n = 0; n < zg_graph_node_count(g); n++) {
        const zg_prop *first;
        if (zg_graph_node(g, (zg_id)n)->type != t ||
            !zg_view_has_node(view, (zg_id)n) ||
            count_named(g, view, (zg_id)n, base, &first) < 2)
            continue;
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "'%s' fits more than one figure of '%s' (the "
                            "first is dated %s, of kind %s): add a date "
                            "or a kind to pick one",
                            base, zg_graph_node(g, (zg_id)n)->key,
                            first->date ? first->date : "nothing",
                            first->figure_kind ? first->figure_kind : "none");
    }
    return ZG_OK;
}

/* Parse all of `s` as a finite number; 1 on success. */
static int
as_number(const char *s, double *d)
{
    char *end;

    if (*s == '\0')
        return 0;
    *d = strtod(s, &end);
    return *end == '\0' && isfinite(*d);
}

/* 1 if `have` satisfies `w` (see query_internal.h). */
int
zg_query__holds(const char *have, const zg_where *w)
{
    double a, b;
    int c;

    if (have == NULL)
        return w->op == ZG_CMP_NE;
    if (as_number(have, &a) && as_number(w->value, &b))
        c = a < b ? -1 : a > b;
    else
        c = strcmp(have, w->value);
    switch (w->op) {
    case ZG_CMP_EQ: return c == 0;
    case ZG_CMP_NE: return c != 0;
    case ZG_CMP_LT: return c < 0;
    case ZG_CMP_LE: return c <= 0;
    case ZG_CMP_GT: return c > 0;
    case ZG_CMP_GE: return c >= 0;
    }
    return 0;
}

/* 1 if node `n` satisfies condition `w`. */
static int
where_holds(const zg_graph *g, const zg_view *view, zg_id n, const zg_where *w)
{
    return zg_query__holds(node_value(g, view, n, w->name), w);
}

typedef struct keyed {
    const char *key;
    zg_id id;
} keyed;

/* qsort order of `keyed`: key bytes, then id. */
static int
keyed_cmp(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp(x->key, y->key);

    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* List the visible nodes of a type (see zg_query.h). */
zg_status
zg_query_list(const zg_graph *g, const zg_filter *filter, const char *type,
              const zg_where *where, size_t n_where, const char *const *show,
              size_t n_show, zg_result **out, zg_error *err)
{
    const zg_view *view = NULL;
    const char **cols = NULL;
    keyed *hits = NULL;
    zg_value *row = NULL;
    zg_result *r = NULL;
    size_t ncols = 1, nhits = 0, nodes = zg_graph_node_count(g);
    zg_id t;
    zg_status st;

    *out = NULL;
    ZG_TRY(zg_query__filter_view_only(filter, &view, err));
    st = zg_query_nodetype(g, type, &t, err);
    if (st != ZG_OK)
        return st;
    cols = calloc(1 + n_show + n_where, sizeof *cols);
    row = calloc(1 + n_show + n_where, sizeof *row);
    hits = calloc(nodes ? nodes : 1, sizeof *hits);
    if (cols == NULL || row == NULL || hits == NULL)
        goto oom;
    cols[0] = "node";
    for (size_t i = 0; i < n_show + n_where; i++) {
        const char *name = i < n_show ? show[i] : where[i - n_show].name;
        int dup = 0;
        st = check_name(g, view, t, name, err);
        if (st != ZG_OK)
            goto out;
        for (size_t c = 1; c < ncols; c++)
            dup |= strcmp(cols[c], name) == 0;
        if (!dup)
            cols[ncols++] = name;
    }
    for (size_t n = 0; n < nodes; n++) {
        int ok = zg_graph_node(g, (zg_id)n)->type == t &&
                 zg_view_has_node(view, (zg_id)n);
        for (size_t w = 0; ok && w < n_where; w++)
            ok = where_holds(g, view, (zg_id)n, &where[w]);
        if (ok) {
            hits[nhits].key = zg_graph_node(g, (zg_id)n)->key;
            hits[nhits].id = (zg_id)n;
            nhits++;
        }
    }
    qsort(hits, nhits, sizeof *hits, keyed_cmp);
    st = zg_result_new(&r, g, ncols, cols, err);
    if (st == ZG_OK)
        st = zg_result_set_col_kind(r, 0, ZG_COL_NODE, err);
    if (st != ZG_OK)
        goto out;
    for (size_t i = 0; i < nhits; i++) {
        row[0] = zg_query__node(hits[i].id);
        for (size_t c = 1; c < ncols; c++)
            row[c] = zg_query__str(node_value(g, view, hits[i].id, cols[c]));
        st = zg_result_add_row(r, row, err);
        if (st != ZG_OK)
            goto out;
    }
    *out = r;
    r = NULL;
    goto out;
oom:
    st = nomem(err);
out:
    zg_result_free(r);
    free(cols);
    free(row);
    free(hits);
    return st;
}

/* ---- find ---- */

/* Fuzzy search among visible nodes: ask the index for as many more hits
 * as there are hidden nodes, then drop the hidden ones. */
zg_status
zg_query_find(const zg_graph *g, const zg_filter *filter, const char *text,
              size_t max, zg_result **out, zg_error *err)
{
    const zg_view *view = NULL;
    static const char *const cols[] = {"score", "match", "matched", "node",
                                       "type"};
    zg_hit *hits = NULL;
    zg_result *r = NULL;
    size_t n = 0, want, kept = 0;
    zg_status st;

    *out = NULL;
    ZG_TRY(zg_query__filter_view_only(filter, &view, err));
    if (max == 0)
        max = 20;
    want = max;
    if (view != NULL) {
        size_t hidden = zg_graph_node_count(g) - zg_view_node_count(view);
        want = hidden > SIZE_MAX / 2 - max ? SIZE_MAX / 2 : max + hidden;
    }
    hits = calloc(want, sizeof *hits);
    if (hits == NULL)
        return nomem(err);
    st = zg_graph_search(g, text, hits, want, &n, err);
    if (st != ZG_OK)
        goto out;
    for (size_t i = 0; i < n; i++)
        if (zg_view_has_node(view, hits[i].node) && kept < max)
            hits[kept++] = hits[i];
    n = kept;
    st = zg_result_new(&r, g, 5, cols, err);
    if (st == ZG_OK)
        st = zg_result_set_col_kind(r, 3, ZG_COL_NODE, err);
    if (st != ZG_OK)
        goto out;
    for (size_t i = 0; i < n; i++) {
        static const char *const how[] = {"exact", "prefix", "substring"};
        char dist[32];
        zg_value row[5];
        if (hits[i].score < 3)
            snprintf(dist, sizeof dist, "%s", how[hits[i].score]);
        else
            snprintf(dist, sizeof dist, "distance %u", hits[i].score - 3);
        row[0] = zg_query__int(hits[i].score);
        row[1] = zg_query__str(dist);
        row[2] = zg_query__str(hits[i].matched);
        row[3] = zg_query__node(hits[i].node);
        row[4] = zg_query__str(zg_query__type_name(g, hits[i].node));
        st = zg_result_add_row(r, row, err);
        if (st != ZG_OK)
            goto out;
    }
    *out = r;
    r = NULL;
out:
    zg_result_free(r);
    free(hits);
    return st;
}

/* ---- statistics ---- */

/* Totals of what a view shows (see zg_query.h). */
zg_status
zg_query_totals(const zg_graph *g, const zg_filter *filter, zg_result **out,
                zg_error *err)
{
    const zg_view *view = NULL;
    static const char *const cols[] = {
        "nodes",          "relations", "sources", "node_types",
        "relation_types", "stated",    "implied", "inferred"};
    enum { NCOLS = sizeof cols / sizeof *cols };
    zg_value row[NCOLS];
    long long by_basis[3] = {0, 0, 0};
    size_t ne = zg_graph_edge_count(g);
    zg_result *r = NULL;
    zg_status st;

    *out = NULL;
    ZG_TRY(zg_query__filter_view_only(filter, &view, err));
    st = zg_result_new(&r, g, NCOLS, cols, err);
    if (st != ZG_OK)
        return st;
    for (zg_id e = 0; e < ne; e++) {
        zg_basis b = zg_graph_edge_basis(g, e);
        if ((view == NULL || zg_view_has_edge(view, e)) &&
            (unsigned)b < sizeof by_basis / sizeof *by_basis)
            by_basis[b]++;
    }
    row[0] = zg_query__int((long long)(view != NULL ? zg_view_node_count(view)
                                                    : zg_graph_node_count(g)));
    row[1] = zg_query__int(
        (long long)(view != NULL ? zg_view_edge_count(view) : ne));
    row[2] = zg_query__int((long long)zg_graph_source_count(g));
    row[3] = zg_query__int((long long)zg_graph_nodetype_count(g));
    row[4] = zg_query__int((long long)zg_graph_reltype_count(g));
    row[5] = zg_query__int(by_basis[ZG_BASIS_STATED]);
    row[6] = zg_query__int(by_basis[ZG_BASIS_IMPLIED]);
    row[7] = zg_query__int(by_basis[ZG_BASIS_INFERRED]);
    st = zg_result_add_row(r, row, err);
    if (st != ZG_OK) {
        zg_result_free(r);
        return st;
    }
    *out = r;
    return ZG_OK;
}

/*
 * Shared by the two counting queries: `ntypes` types, counts filled by the
 * caller into `c` (key and id set too), sorted here and written as rows
 * of (name, label, count).
 */
static zg_status
count_rows(const zg_graph *g, zg_counted *c, size_t ntypes, type_get_fn get,
           zg_label_lang lang, const char *const *cols, zg_result **out,
           zg_error *err)
{
    zg_result *r = NULL;
    zg_status st;

    qsort(c, ntypes, sizeof *c, zg_query__counted_cmp);
    st = zg_result_new(&r, g, 3, cols, err);
    if (st != ZG_OK)
        return st;
    for (size_t i = 0; i < ntypes; i++) {
        const char *name, *zh, *en, *label;
        char *tmp;
        zg_value row[3];
        get(g, c[i].id, &name, &zh, &en);
        if (pick_label(zh, en, name, lang, &label, &tmp) != 0) {
            st = nomem(err);
            break;
        }
        row[0] = zg_query__str(name);
        row[1] = zg_query__str(label);
        row[2] = zg_query__int((long long)c[i].count);
        st = zg_result_add_row(r, row, err);
        free(tmp);
        if (st != ZG_OK)
            break;
    }
    if (st != ZG_OK) {
        zg_result_free(r);
        return st;
    }
    *out = r;
    return ZG_OK;
}

/* Visible nodes per node type (see zg_query.h). */
zg_status
zg_query_count_nodetypes(const zg_graph *g, const zg_filter *filter,
                         zg_label_lang lang, zg_result **out, zg_error *err)
{
    const zg_view *view = NULL;
    static const char *const cols[] = {"type", "label", "nodes"};
    size_t nt = zg_graph_nodetype_count(g), nn = zg_graph_node_count(g);
    zg_counted *c;
    zg_status st;

    *out = NULL;
    ZG_TRY(zg_query__filter_view_only(filter, &view, err));
    c = calloc(nt ? nt : 1, sizeof *c);
    if (c == NULL)
        return nomem(err);
    for (size_t t = 0; t < nt; t++) {
        c[t].id = (zg_id)t;
        c[t].key = zg_graph_nodetype(g, (zg_id)t)->name;
    }
    for (size_t n = 0; n < nn; n++)
        c[zg_graph_node(g, (zg_id)n)->type].count +=
            (size_t)zg_view_has_node(view, (zg_id)n);
    st = count_rows(g, c, nt, get_nodetype, lang, cols, out, err);
    free(c);
    return st;
}

/* Visible relations per relation type (see zg_query.h). */
zg_status
zg_query_count_reltypes(const zg_graph *g, const zg_filter *filter,
                        zg_label_lang lang, zg_result **out, zg_error *err)
{
    const zg_view *view = NULL;
    static const char *const cols[] = {"relation", "label", "relations"};
    size_t nt = zg_graph_reltype_count(g), ne = zg_graph_edge_count(g);
    zg_counted *c;
    zg_status st;

    *out = NULL;
    ZG_TRY(zg_query__filter_view_only(filter, &view, err));
    c = calloc(nt ? nt : 1, sizeof *c);
    if (c == NULL)
        return nomem(err);
    for (size_t t = 0; t < nt; t++) {
        c[t].id = (zg_id)t;
        c[t].key = zg_graph_reltype(g, (zg_id)t)->name;
    }
    for (size_t e = 0; e < ne; e++)
        c[zg_graph_edge_type(g, (zg_id)e)].count +=
            (size_t)zg_view_has_edge(view, (zg_id)e);
    st = count_rows(g, c, nt, get_reltype, lang, cols, out, err);
    free(c);
    return st;
}

typedef struct degreed {
    zg_id id;
    size_t out, in;
    const char *key;
} degreed;

/* qsort order of `degreed`: highest degree first, then by key. */
static int
degreed_cmp(const void *a, const void *b)
{
    const degreed *x = a, *y = b;
    size_t dx = x->out + x->in, dy = y->out + y->in;

    if (dx != dy)
        return dx > dy ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* Visible edges among the first `n` of `e`. */
static size_t
visible_edges(const zg_view *view, const zg_id *e, size_t n)
{
    size_t c = 0;

    if (view == NULL)
        return n;
    for (size_t i = 0; i < n; i++)
        c += (size_t)zg_view_has_edge(view, e[i]);
    return c;
}

/* The most-connected visible nodes (see zg_query.h). */
zg_status
zg_query_top_degree(const zg_graph *g, const zg_filter *filter, size_t k,
                    zg_result **out, zg_error *err)
{
    const zg_view *view = NULL;
    static const char *const cols[] = {"node", "type", "degree", "out", "in"};
    size_t nn = zg_graph_node_count(g), nv = 0;
    degreed *d;
    zg_result *r = NULL;
    zg_status st;

    *out = NULL;
    ZG_TRY(zg_query__filter_view_only(filter, &view, err));
    if (k == 0)
        k = 10;
    d = calloc(nn ? nn : 1, sizeof *d);
    if (d == NULL)
        return nomem(err);
    for (size_t n = 0; n < nn; n++) {
        zg_adjacency ao, ai;
        if (!zg_view_has_node(view, (zg_id)n))
            continue;
        ao = zg_graph_adjacency(g, (zg_id)n, 1);
        ai = zg_graph_adjacency(g, (zg_id)n, 0);
        d[nv].id = (zg_id)n;
        d[nv].key = zg_graph_node(g, (zg_id)n)->key;
        d[nv].out = visible_edges(view, ao.edges, ao.count);
        d[nv].in = visible_edges(view, ai.edges, ai.count);
        nv++;
    }
    nn = nv;
    qsort(d, nn, sizeof *d, degreed_cmp);
    st = zg_result_new(&r, g, 5, cols, err);
    if (st == ZG_OK)
        st = zg_result_set_col_kind(r, 0, ZG_COL_NODE, err);
    for (size_t i = 0; st == ZG_OK && i < nn && i < k; i++) {
        zg_value row[5];
        row[0] = zg_query__node(d[i].id);
        row[1] = zg_query__str(
            zg_graph_nodetype(g, zg_graph_node(g, d[i].id)->type)->name);
        row[2] = zg_query__int((long long)(d[i].out + d[i].in));
        row[3] = zg_query__int((long long)d[i].out);
        row[4] = zg_query__int((long long)d[i].in);
        st = zg_result_add_row(r, row, err);
    }
    free(d);
    if (st != ZG_OK) {
        zg_result_free(r);
        return st;
    }
    *out = r;
    return ZG_OK;
}

/* ---- the entity card ---- */

/* The card of one node (see zg_query.h). */
zg_status
zg_query_node_card(const zg_graph *g, zg_id node, zg_result **out,
                   zg_error *err)
{
    static const char *const cols[] = {"type",    "id",       "name",  "en",
                                       "aliases", "since",    "until", "basis",
                                       "sources", "evidence", "note"};
    const zg_node_info *v;
    const zg_alias *al;
    size_t na;
    zg_strbuf aliases = {NULL, 0, 0, 0};
    zg_value row[11];
    zg_result *r = NULL;
    zg_status st;

    *out = NULL;
    ZG_TRY(check_node(g, node, err));
    v = zg_graph_node(g, node);
    na = zg_graph_node_aliases(g, node, &al);
    for (size_t i = 0; i < na; i++) {
        if ((i > 0 && zg_strbuf_add(&aliases, ", ") != 0) ||
            zg_strbuf_add(&aliases, al[i].text) != 0 ||
            (al[i].lang != NULL && (zg_strbuf_add(&aliases, " (") != 0 ||
                                    zg_strbuf_add(&aliases, al[i].lang) != 0 ||
                                    zg_strbuf_add(&aliases, ")") != 0))) {
            st = nomem(err);
            goto out;
        }
    }
    st = zg_result_new(&r, g, 11, cols, err);
    if (st != ZG_OK)
        goto out;
    row[0] = zg_query__str(zg_graph_nodetype(g, v->type)->name);
    row[1] = zg_query__str(v->key);
    row[2] = zg_query__str(v->name);
    row[3] = zg_query__str(v->name_en);
    row[4] = zg_query__str(aliases.s);
    row[5] = zg_query__str(v->since);
    row[6] = zg_query__str(v->until);
    row[7] = zg_query__str(zg_basis_name(v->basis));
    row[8] = zg_query__str(v->sources);
    row[9] = zg_query__str(v->evidence);
    row[10] = zg_query__str(v->note);
    st = zg_result_add_row(r, row, err);
    if (st != ZG_OK)
        goto out;
    *out = r;
    r = NULL;
out:
    free(aliases.s);
    zg_result_free(r);
    return st;
}

/* The aliases of a node (see zg_query.h). */
zg_status
zg_query_node_aliases(const zg_graph *g, zg_id node, zg_result **out,
                      zg_error *err)
{
    static const char *const cols[] = {"alias", "lang"};
    const zg_alias *al;
    size_t na;
    zg_result *r = NULL;
    zg_status st;

    *out = NULL;
    ZG_TRY(check_node(g, node, err));
    na = zg_graph_node_aliases(g, node, &al);
    st = zg_result_new(&r, g, 2, cols, err);
    for (size_t i = 0; st == ZG_OK && i < na; i++) {
        zg_value row[2];
        row[0] = zg_query__str(al[i].text);
        row[1] = zg_query__str(al[i].lang);
        st = zg_result_add_row(r, row, err);
    }
    if (st != ZG_OK) {
        zg_result_free(r);
        return st;
    }
    *out = r;
    return ZG_OK;
}

/* The vocabulary's name of a property kind. */
static const char *
prop_kind_name(zg_prop_kind k)
{
    switch (k) {
    case ZG_PROP_STRING: return "string";
    case ZG_PROP_INTEGER: return "integer";
    case ZG_PROP_NUMBER: return "number";
    case ZG_PROP_DATE: return "date";
    case ZG_PROP_BOOLEAN: return "boolean";
    case ZG_PROP_FIGURE: return "figure";
    }
    return "string";
}

/* The plain properties of a node valid as of the view's date. */
zg_status
zg_query_node_props(const zg_graph *g, const zg_filter *filter, zg_id node,
                    zg_result **out, zg_error *err)
{
    const zg_view *view = NULL;
    static const char *const cols[] = {"property", "type",   "since",
                                       "until",    "source", "value"};
    const zg_prop *p;
    size_t np;
    zg_result *r = NULL;
    zg_status st;

    *out = NULL;
    ZG_TRY(zg_query__filter_view_only(filter, &view, err));
    ZG_TRY(check_node(g, node, err));
    np = zg_graph_node_props(g, node, &p);
    st = zg_result_new(&r, g, 6, cols, err);
    for (size_t i = 0; st == ZG_OK && i < np; i++) {
        zg_value row[6];
        if (p[i].kind == ZG_PROP_FIGURE || !zg_view_has_prop(view, &p[i]))
            continue;
        row[0] = zg_query__str(p[i].name);
        row[1] = zg_query__str(prop_kind_name(p[i].kind));
        row[2] = zg_query__str(p[i].since);
        row[3] = zg_query__str(p[i].until);
        row[4] = zg_query__str(p[i].source);
        row[5] = zg_query__str(p[i].value);
        st = zg_result_add_row(r, row, err);
    }
    if (st != ZG_OK) {
        zg_result_free(r);
        return st;
    }
    *out = r;
    return ZG_OK;
}

/* The figures of a node valid as of the view's date. */
zg_status
zg_query_node_figures(const zg_graph *g, const zg_filter *filter, zg_id node,
                      zg_label_lang lang, zg_result **out, zg_error *err)
{
    const zg_view *view = NULL;
    static const char *const cols[] = {"figure", "label",   "value", "unit",
                                       "date",   "approx",  "kind",  "base",
                                       "source", "evidence"};
    const zg_prop *p;
    size_t np;
    zg_result *r = NULL;
    zg_status st;

    *out = NULL;
    ZG_TRY(zg_query__filter_view_only(filter, &view, err));
    ZG_TRY(check_node(g, node, err));
    np = zg_graph_node_props(g, node, &p);
    st = zg_result_new(&r, g, 10, cols, err);
    for (size_t i = 0; st == ZG_OK && i < np; i++) {
        zg_value row[10];
        const char *label;
        char *tmp;
        if (p[i].kind != ZG_PROP_FIGURE || !zg_view_has_prop(view, &p[i]))
            continue;
        if (pick_label(p[i].zh, p[i].en, p[i].name, lang, &label, &tmp)) {
            st = nomem(err);
            break;
        }
        row[0] = zg_query__str(p[i].name);
        row[1] = zg_query__str(label);
        row[2] = zg_query__null();
        row[2].kind = ZG_VAL_NUMBER;
        row[2].num = p[i].number;
        row[3] = zg_query__str(p[i].unit);
        row[4] = zg_query__str(p[i].date);
        row[5] = zg_query__str(p[i].approx);
        row[6] = zg_query__str(p[i].figure_kind);
        row[7] = zg_query__str(p[i].base);
        row[8] = zg_query__str(p[i].source);
        row[9] = zg_query__str(p[i].evidence);
        st = zg_result_add_row(r, row, err);
        free(tmp);
    }
    if (st != ZG_OK) {
        zg_result_free(r);
        return st;
    }
    *out = r;
    return ZG_OK;
}

/* Append the rows of one direction's edges to `r`; a row holds ten
 * cells and `r` takes the first nine or all ten. */
static zg_status
relation_rows(const zg_graph *g, const zg_view *view, zg_result *r, zg_id node,
              int outward, zg_label_lang lang, zg_error *err)
{
    zg_adjacency adj = zg_graph_adjacency(g, node, outward);
    zg_id id, other;
    zg_status st = ZG_OK;

    while (st == ZG_OK && zg_graph_adj_next(&adj, &id, &other)) {
        const zg_reltype_info *rt =
            zg_graph_reltype(g, zg_graph_edge_type(g, id));
        zg_edge_info e;
        const char *label;
        char *tmp, *props;
        zg_value row[10];
        if (!zg_view_has_edge(view, id))
            continue;
        if (zg_query__edge_props(g, view, id, &props, err) != ZG_OK)
            return ZG_ERR_NOMEM;
        if (pick_label(rt->zh, rt->en, rt->name, lang, &label, &tmp) != 0) {
            free(props);
            return nomem(err);
        }
        row[0] = zg_query__str(outward ? "out" : "in");
        row[1] = zg_query__str(rt->name);
        row[2] = zg_query__str(label);
        row[3] = zg_query__node(other);
        row[4] = zg_query__str(zg_query__type_name(g, other));
        zg_graph_edge_get(g, id, &e);
        row[5] = zg_query__str(zg_basis_name(e.basis));
        row[6] = zg_query__str(e.source);
        row[7] = zg_query__str(props);
        row[8] = zg_query__str(e.evidence);
        row[9] = zg_query__edge(id);
        st = zg_result_add_row(r, row, err);
        free(tmp);
        free(props);
    }
    return st;
}

/* Every visible relation of a node (see zg_query.h). */
zg_status
zg_query_node_relations(const zg_graph *g, const zg_filter *filter, zg_id node,
                        zg_label_lang lang, int edge_column, zg_result **out,
                        zg_error *err)
{
    const zg_view *view = NULL;
    static const char *const cols[] = {
        "direction", "relation", "label", "node",     "type",
        "basis",     "source",   "props", "evidence", "edge"};
    zg_result *r = NULL;
    zg_status st;

    *out = NULL;
    ZG_TRY(zg_query__filter_view_only(filter, &view, err));
    ZG_TRY(check_node(g, node, err));
    st = zg_result_new(&r, g, edge_column ? 10 : 9, cols, err);
    if (st == ZG_OK)
        st = zg_result_set_col_kind(r, 3, ZG_COL_NODE, err);
    if (st == ZG_OK && edge_column)
        st = zg_result_set_col_kind(r, 9, ZG_COL_EDGE, err);
    if (st == ZG_OK) {
        zg_result_set_view(r, view);
        st = relation_rows(g, view, r, node, 1, lang, err);
    }
    if (st == ZG_OK)
        st = relation_rows(g, view, r, node, 0, lang, err);
    if (st != ZG_OK) {
        zg_result_free(r);
        return st;
    }
    *out = r;
    return ZG_OK;
}

/*
 * Mark every source id in the space-separated list `ids` (may be NULL) in
 * `seen` and append the newly seen ones to `order` (`*n` so far).
 */
static void
note_sources(const zg_graph *g, const char *ids, unsigned char *seen,
             zg_id *order, size_t *n)
{
    char id[256];

    while (ids != NULL && *ids) {
        size_t len = strcspn(ids, " \t\n");
        if (len > 0 && len < sizeof id) {
            zg_id s;
            memcpy(id, ids, len);
            id[len] = '\0';
            s = zg_graph_source_by_id(g, id);
            if (s != ZG_NO_ID && !seen[s]) {
                seen[s] = 1;
                order[(*n)++] = s;
            }
        }
        ids += len;
        ids += strspn(ids, " \t\n");
    }
}

/* The sources a card cites as of the view's date. */
zg_status
zg_query_node_sources(const zg_graph *g, const zg_filter *filter, zg_id node,
                      zg_result **out, zg_error *err)
{
    const zg_view *view = NULL;
    static const char *const cols[] = {"source", "title", "publisher", "date",
                                       "url"};
    size_t ns = zg_graph_source_count(g), n = 0;
    unsigned char *seen = NULL;
    zg_id *order = NULL;
    const zg_prop *p;
    size_t np;
    zg_result *r = NULL;
    zg_status st;

    *out = NULL;
    ZG_TRY(zg_query__filter_view_only(filter, &view, err));
    ZG_TRY(check_node(g, node, err));
    seen = calloc(ns ? ns : 1, 1);
    order = calloc(ns ? ns : 1, sizeof *order);
    if (seen == NULL || order == NULL) {
        st = nomem(err);
        goto out;
    }
    note_sources(g, zg_graph_node(g, node)->sources, seen, order, &n);
    np = zg_graph_node_props(g, node, &p);
    for (size_t i = 0; i < np; i++)
        if (zg_view_has_prop(view, &p[i]))
            note_sources(g, p[i].source, seen, order, &n);
    for (int outward = 1; outward >= 0; outward--) {
        zg_adjacency adj = zg_graph_adjacency(g, node, outward);
        zg_id id, far;
        zg_edge_info e;
        while (zg_graph_adj_next(&adj, &id, &far))
            if (zg_view_has_edge(view, id)) {
                zg_graph_edge_get(g, id, &e);
                note_sources(g, e.source, seen, order, &n);
            }
    }
    st = zg_result_new(&r, g, 5, cols, err);
    for (size_t i = 0; st == ZG_OK && i < n; i++) {
        const zg_source_info *si = zg_graph_source(g, order[i]);
        zg_value row[5];
        row[0] = zg_query__str(si->id);
        row[1] = zg_query__str(si->title);
        row[2] = zg_query__str(si->publisher);
        row[3] = zg_query__str(si->date);
        row[4] = zg_query__str(si->url);
        st = zg_result_add_row(r, row, err);
    }
    if (st != ZG_OK)
        goto out;
    *out = r;
    r = NULL;
out:
    zg_result_free(r);
    free(seen);
    free(order);
    return st;
}
