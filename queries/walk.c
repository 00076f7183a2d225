/* SPDX-License-Identifier: MIT */
/*
 * What the relationship queries share: result cells, type filters turned
 * into flag arrays and the walk filter (which edges may be walked, which
 * nodes passed through; the hubs it keeps out come from hubs.c).
 * Everything here is computed once per query in passes over the arrays of
 * the graph, so the searches themselves only read flags.
 */
#include "query_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- cells ---- */

/* Record "out of memory"; returns ZG_ERR_NOMEM. */
zg_status
zg_query__nomem(zg_error *err)
{
    return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/* qsort order of zg_counted (see query_internal.h). */
int
zg_query__counted_cmp(const void *a, const void *b)
{
    const zg_counted *x = a, *y = b;

    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* The type name of node `n`. */
const char *
zg_query__type_name(const zg_graph *g, zg_id n)
{
    return zg_graph_nodetype(g, zg_graph_node(g, n)->type)->name;
}

/* ---- relation properties ---- */

/* Edge `e`'s properties as one text (see query_internal.h). */
zg_status
zg_query__edge_props(const zg_graph *g, const zg_view *view, zg_id e,
                     char **out, zg_error *err)
{
    const zg_prop *p;
    size_t np = zg_graph_edge_props(g, e, &p), len = 0, at = 0;
    char *s;

    *out = NULL;
    for (size_t i = 0; i < np; i++)
        if (zg_view_has_prop(view, &p[i]))
            len += strlen(p[i].name) + 1 + strlen(p[i].value) + 2;
    if (len == 0)
        return ZG_OK;
    s = malloc(len + 1);
    if (s == NULL)
        return zg_query__nomem(err);
    for (size_t i = 0; i < np; i++) {
        size_t ln = strlen(p[i].name), lv = strlen(p[i].value);
        if (!zg_view_has_prop(view, &p[i]))
            continue;
        if (at > 0) {
            memcpy(s + at, "; ", 2);
            at += 2;
        }
        memcpy(s + at, p[i].name, ln);
        s[at + ln] = '=';
        memcpy(s + at + ln + 1, p[i].value, lv);
        at += ln + 1 + lv;
    }
    s[at] = '\0';
    *out = s;
    return ZG_OK;
}

/* The value of property or field `name` of edge `e`, or NULL; a property
 * `view` hides counts as absent. */
static const char *
edge_value(const zg_graph *g, const zg_view *view, zg_id e, const char *name)
{
    const zg_prop *p;
    size_t np = zg_graph_edge_props(g, e, &p);
    zg_edge_info ei;

    for (size_t i = 0; i < np; i++)
        if (strcmp(p[i].name, name) == 0 && zg_view_has_prop(view, &p[i]))
            return p[i].value;
    if (strcmp(name, "basis") == 0)
        return zg_basis_name(zg_graph_edge_basis(g, e));
    if (strcmp(name, "source") == 0) {
        zg_graph_edge_get(g, e, &ei);
        return ei.source;
    }
    return NULL;
}

/* 1 if some edge of `g` has a property named `name`. */
static int
edge_prop_known(const zg_graph *g, const char *name)
{
    size_t ne = zg_graph_edge_count(g);

    for (size_t e = 0; e < ne; e++) {
        const zg_prop *p;
        size_t np = zg_graph_edge_props(g, (zg_id)e, &p);
        for (size_t i = 0; i < np; i++)
            if (strcmp(p[i].name, name) == 0)
                return 1;
    }
    return 0;
}

/* Append to `msg` (`size` bytes, NUL-terminated) the first distinct
 * relation property names of `g`, each after ", ", as far as they fit. */
static void
list_edge_props(const zg_graph *g, char *msg, size_t size)
{
    const char *names[16];
    size_t ne = zg_graph_edge_count(g), used = strlen(msg), nn = 0;

    for (size_t e = 0; e < ne && nn < 16; e++) {
        const zg_prop *p;
        size_t np = zg_graph_edge_props(g, (zg_id)e, &p);
        for (size_t i = 0; i < np && nn < 16; i++) {
            int seen = 0;
            for (size_t j = 0; j < nn && !seen; j++)
                seen = strcmp(names[j], p[i].name) == 0;
            if (seen)
                continue;
            names[nn++] = p[i].name;
            if (used + strlen(p[i].name) + 3 < size)
                used += (size_t)snprintf(msg + used, size - used, ", %s",
                                         p[i].name);
        }
    }
}

/* Check relation conditions (see query_internal.h). */
zg_status
zg_query__edge_where_check(const zg_graph *g, const zg_where *where, size_t n,
                           zg_error *err)
{
    for (size_t i = 0; i < n; i++) {
        char known[160] = "basis, source";
        if (strcmp(where[i].name, "basis") == 0 ||
            strcmp(where[i].name, "source") == 0 ||
            edge_prop_known(g, where[i].name))
            continue;
        list_edge_props(g, known, sizeof known);
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "unknown relation property '%s': no relation has "
                            "it (known: %s)",
                            where[i].name, known);
    }
    return ZG_OK;
}

/* 1 if edge `e` satisfies every condition (see query_internal.h). */
int
zg_query__edge_where(const zg_graph *g, const zg_view *view, zg_id e,
                     const zg_where *where, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!zg_query__holds(edge_value(g, view, e, where[i].name), &where[i]))
            return 0;
    return 1;
}

/* ---- sector hierarchy ---- */

/* Prepare the broader closure (see query_internal.h). */
zg_status
zg_broader__init(zg_broader *b, const zg_graph *g, const zg_view *view,
                 zg_error *err)
{
    size_t nn = zg_graph_node_count(g);

    memset(b, 0, sizeof *b);
    b->rel = zg_graph_reltype_by_name(g, "broader");
    if (b->rel == ZG_NO_ID)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "the graph has no relation type named 'broader', "
                            "so there is no hierarchy to follow");
    b->g = g;
    b->view = view;
    b->stamp = calloc(nn ? nn : 1, sizeof *b->stamp);
    b->list = malloc((nn ? nn : 1) * sizeof *b->list);
    if (b->stamp == NULL || b->list == NULL) {
        zg_broader__free(b);
        return zg_query__nomem(err);
    }
    return ZG_OK;
}

/* Start a round of closures (see query_internal.h). */
void
zg_broader__round(zg_broader *b)
{
    if (++b->tag == 0) { /* the tags wrapped: start the stamps afresh */
        memset(b->stamp, 0, zg_graph_node_count(b->g) * sizeof *b->stamp);
        b->tag = 1;
    }
}

/* The broader nodes of `x` new in this round (see query_internal.h). */
size_t
zg_broader__up(zg_broader *b, zg_id x, const zg_id **out)
{
    size_t n = 0, head = 0;

    *out = b->list;
    if (b->tag == 0)
        zg_broader__round(b);
    if (b->stamp[x] == b->tag)
        return 0; /* walked from before: its broader nodes are known */
    b->stamp[x] = b->tag;
    /* Breadth first: list[0..n) is both the answer and the queue; a node
     * stamped in this round is neither listed nor walked again. */
    for (zg_id v = x;;) {
        zg_adjacency adj = zg_graph_adjacency(b->g, v, 1);
        zg_id e, to;
        while (zg_graph_adj_next(&adj, &e, &to)) {
            if (zg_graph_edge_type(b->g, e) != b->rel ||
                !VIEW_EDGE(b->view, e) || !VIEW_NODE(b->view, to) ||
                b->stamp[to] == b->tag)
                continue;
            b->stamp[to] = b->tag;
            b->list[n++] = to;
        }
        if (head == n)
            break;
        v = b->list[head++];
    }
    return n;
}

/* Free the broader closure. */
void
zg_broader__free(zg_broader *b)
{
    free(b->stamp);
    free(b->list);
    memset(b, 0, sizeof *b);
}

/* ---- budgets ---- */

/* Fill in the defaults of a budget (see query_internal.h). */
zg_budget
zg_budget__resolve(const zg_budget *in, const zg_graph *g)
{
    zg_budget b;
    size_t nn = zg_graph_node_count(g), ne = zg_graph_edge_count(g), pass;

    memset(&b, 0, sizeof b);
    if (in != NULL)
        b = *in;
    if (b.max_visits == 0) {
        /* One pass looks at every node once and at every relation from
         * both ends; the first path needs at most three. */
        pass = ne > (SIZE_MAX - nn) / 2 ? SIZE_MAX : nn + 2 * ne;
        b.max_visits = pass > SIZE_MAX / 4 ? SIZE_MAX : 4 * pass;
        if (b.max_visits < ZG_DEFAULT_MAX_VISITS)
            b.max_visits = ZG_DEFAULT_MAX_VISITS;
    }
    if (b.max_rows == 0)
        b.max_rows = ZG_DEFAULT_MAX_ROWS;
    if (b.max_bytes == 0)
        b.max_bytes = ZG_DEFAULT_MAX_BYTES;
    return b;
}

/* The bytes a value holds beyond its own cell: a string's text and NUL,
 * the cells and bytes of the values of a list, map or path. */
static size_t
held_bytes(const zg_value *v)
{
    size_t n = 0, k;

    switch (v->kind) {
    case ZG_VAL_STRING: return v->str != NULL ? strlen(v->str) + 1 : 0;
    case ZG_VAL_LIST:
    case ZG_VAL_MAP:
    case ZG_VAL_PATH:
        k = v->kind == ZG_VAL_MAP ? 2 * v->n : v->n;
        for (size_t i = 0; i < k; i++)
            n += sizeof *v + held_bytes(&v->items[i]);
        return n;
    default: return 0;
    }
}

/* The bytes of a row as the budget counts them (see zg_budget). */
size_t
zg_query__row_bytes(const zg_value *row, size_t ncols)
{
    size_t n = ncols * sizeof *row;

    for (size_t c = 0; c < ncols; c++)
        n += held_bytes(&row[c]);
    return n;
}

/* ---- filters ---- */

/* Type names to flags (see query_internal.h). */
zg_status
zg_query__type_flags(const zg_graph *g, unsigned char *ok, size_t count,
                     const char *const *names, size_t n,
                     zg_status (*resolve)(const zg_graph *, const char *,
                                          zg_id *, zg_error *),
                     zg_error *err)
{
    memset(ok, n == 0, count);
    for (size_t i = 0; i < n; i++) {
        zg_id t;
        ZG_TRY(resolve(g, names[i], &t, err));
        ok[t] = 1;
    }
    return ZG_OK;
}

/* Build the walk filter (see query_internal.h). */
zg_status
zg_walk__init(walk *w, const zg_graph *g, const zg_filter *f, int through_hubs,
              unsigned hub_fan, zg_error *err)
{
    static const zg_filter all = {0};
    size_t nrt = zg_graph_reltype_count(g), nnt = zg_graph_nodetype_count(g),
           nn = zg_graph_node_count(g);
    zg_status st;

    if (f == NULL)
        f = &all;
    memset(w, 0, sizeof *w);
    w->g = g;
    w->view = f->view;
    w->dir = f->direction;
    w->rel_ok = malloc(nrt ? nrt : 1);
    w->type_ok = malloc(nnt ? nnt : 1);
    if (!through_hubs)
        w->hub = malloc(nn ? nn : 1);
    if (w->rel_ok == NULL || w->type_ok == NULL ||
        (!through_hubs && w->hub == NULL)) {
        st = zg_query__nomem(err);
        goto fail;
    }
    st = zg_query__type_flags(g, w->rel_ok, nrt, f->rels, f->n_rels,
                              zg_query_reltype, err);
    if (st == ZG_OK)
        st = zg_query__type_flags(g, w->type_ok, nnt, f->types, f->n_types,
                                  zg_query_nodetype, err);
    if (st == ZG_OK && w->hub != NULL)
        st = zg_hubs__compute(g, f->view, hub_fan, w->hub, NULL, NULL, NULL,
                              &w->hub_fan, err);
    if (st == ZG_OK)
        return ZG_OK;
fail:
    zg_walk__free(w);
    return st;
}

/* Restrict a walk filter by relation conditions (see query_internal.h). */
zg_status
zg_walk__where(walk *w, const zg_where *where, size_t n, zg_error *err)
{
    size_t ne = zg_graph_edge_count(w->g);

    if (n == 0)
        return ZG_OK;
    ZG_TRY(zg_query__edge_where_check(w->g, where, n, err));
    free(w->edge_ok);
    w->edge_ok = malloc(ne ? ne : 1);
    if (w->edge_ok == NULL)
        return zg_query__nomem(err);
    for (size_t e = 0; e < ne; e++)
        w->edge_ok[e] = (unsigned char)zg_query__edge_where(w->g, w->view,
                                                            (zg_id)e, where, n);
    return ZG_OK;
}

/* Free a walk filter. */
void
zg_walk__free(walk *w)
{
    free(w->edge_ok);
    free(w->rel_ok);
    free(w->type_ok);
    free(w->hub);
    memset(w, 0, sizeof *w);
}
