/* SPDX-License-Identifier: MIT */
/*
 * graphml.c: a graph written as GraphML that other tools read as plain
 * attributes and that zonegraph reads back whole (doc/graphml.md).
 *
 * Every node and edge field is a <key> carrying zg:field, so the importer
 * does not have to guess from attr.name; every property without provenance
 * is a <key> per (owner kind, name, type) carrying zg:kind. What GraphML has
 * no place for travels as zonegraph XML elements in the urn:zonegraph:1
 * namespace inside <data key="zg">: the schema and sources on the graph,
 * aliases on nodes, and figures and properties with provenance (source,
 * since, until or evidence) in property order. Data elements follow the
 * graph's order of properties, so importing gives them back in that order.
 */
#include "zg_export.h"

#include <stdlib.h>
#include <string.h>

#include "xml_write.h"

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"
#define ZG_NS "urn:zonegraph:1"

/* One flat property key. */
typedef struct pkey {
    const char *name; /* property name (borrowed from the graph) */
    zg_prop_kind kind;
    int edge; /* 0: for="node", 1: for="edge" */
} pkey;

typedef struct gm {
    zg_export__xw w;
    const zg_graph *g;
    const unsigned char *node_mask, *edge_mask;
    pkey *keys;
    size_t n_keys, cap_keys;
} gm;

/* A property that fits a flat key: no provenance, not a figure. */
static int
is_flat(const zg_prop *p)
{
    return p->kind != ZG_PROP_FIGURE && !p->source && !p->since && !p->until &&
           !p->evidence;
}

static const char *
kind_name(zg_prop_kind k)
{
    switch (k) {
    case ZG_PROP_INTEGER: return "integer";
    case ZG_PROP_NUMBER: return "number";
    case ZG_PROP_DATE: return "date";
    case ZG_PROP_BOOLEAN: return "boolean";
    default: return "string";
    }
}

static const char *
attr_type(zg_prop_kind k)
{
    switch (k) {
    case ZG_PROP_INTEGER: return "long";
    case ZG_PROP_NUMBER: return "double";
    case ZG_PROP_BOOLEAN: return "boolean";
    default: return "string";
    }
}

static int
pkey_cmp(const void *a, const void *b)
{
    const pkey *x = a, *y = b;
    int c = strcmp(x->name, y->name);

    if (c == 0)
        c = (int)x->kind - (int)y->kind;
    if (c == 0)
        c = x->edge - y->edge;
    return c;
}

/* The index of the key for `p`, or (size_t)-1 (only while collecting). */
static size_t
find_key(const gm *m, const zg_prop *p, int edge)
{
    pkey k = {p->name, p->kind, edge};
    const pkey *hit =
        m->n_keys ? bsearch(&k, m->keys, m->n_keys, sizeof k, pkey_cmp) : NULL;

    return hit ? (size_t)(hit - m->keys) : (size_t)-1;
}

static int
add_keys(gm *m, const zg_prop *p, size_t n, int edge)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_flat(&p[i]))
            continue;
        if (m->n_keys == m->cap_keys) {
            size_t cap = m->cap_keys ? 2 * m->cap_keys : 16;
            pkey *k = realloc(m->keys, cap * sizeof *k);
            if (k == NULL)
                return 0;
            m->keys = k;
            m->cap_keys = cap;
        }
        m->keys[m->n_keys].name = p[i].name;
        m->keys[m->n_keys].kind = p[i].kind;
        m->keys[m->n_keys].edge = edge;
        m->n_keys++;
    }
    return 1;
}

static int
edge_selected(const gm *m, zg_id e)
{
    zg_edge_info x;
    zg_graph_edge_get(m->g, e, &x);

    return (m->edge_mask == NULL || m->edge_mask[e]) &&
           (m->node_mask == NULL ||
            (m->node_mask[x.from] && m->node_mask[x.to]));
}

/* The flat property keys of the selected part, sorted and unique. */
static int
collect_keys(gm *m)
{
    const zg_prop *p;
    size_t w = 0;

    for (zg_id n = 0; n < zg_graph_node_count(m->g); n++) {
        size_t np;
        if (m->node_mask && !m->node_mask[n])
            continue;
        np = zg_graph_node_props(m->g, n, &p);
        if (!add_keys(m, p, np, 0))
            return 0;
    }
    for (zg_id e = 0; e < zg_graph_edge_count(m->g); e++) {
        size_t np;
        if (!edge_selected(m, e))
            continue;
        np = zg_graph_edge_props(m->g, e, &p);
        if (!add_keys(m, p, np, 1))
            return 0;
    }
    if (m->n_keys == 0)
        return 1;
    qsort(m->keys, m->n_keys, sizeof *m->keys, pkey_cmp);
    for (size_t r = 1; r < m->n_keys; r++)
        if (pkey_cmp(&m->keys[r], &m->keys[w]) != 0)
            m->keys[++w] = m->keys[r];
    m->n_keys = w + 1;
    return 1;
}

static const char *const node_fields[] = {"type",  "name",     "en",
                                          "since", "until",    "source",
                                          "basis", "evidence", "note"};
static const char *const edge_fields[] = {"type",  "source",   "basis", "since",
                                          "until", "evidence", "note"};

static void
write_keys(gm *m)
{
    zg_export__xw *w = &m->w;
    char id[32];

    zg_export__xw_raw(w, "  <key id=\"zg\" for=\"all\" attr.name=\"zonegraph\" "
                         "attr.type=\"string\" zg:field=\"extension\"/>\n");
    for (size_t i = 0; i < sizeof node_fields / sizeof *node_fields; i++) {
        zg_export__xw_raw(w, "  <key id=\"node.");
        zg_export__xw_raw(w, node_fields[i]);
        zg_export__xw_raw(w, "\" for=\"node\" attr.name=\"");
        zg_export__xw_raw(w, node_fields[i]);
        zg_export__xw_raw(w, "\" attr.type=\"string\" zg:field=\"");
        zg_export__xw_raw(w, node_fields[i]);
        zg_export__xw_raw(w, "\"/>\n");
    }
    for (size_t i = 0; i < sizeof edge_fields / sizeof *edge_fields; i++) {
        zg_export__xw_raw(w, "  <key id=\"edge.");
        zg_export__xw_raw(w, edge_fields[i]);
        zg_export__xw_raw(w, "\" for=\"edge\" attr.name=\"");
        zg_export__xw_raw(w, edge_fields[i]);
        zg_export__xw_raw(w, "\" attr.type=\"string\" zg:field=\"");
        zg_export__xw_raw(w, edge_fields[i]);
        zg_export__xw_raw(w, "\"/>\n");
    }
    for (size_t i = 0; i < m->n_keys && w->st == ZG_OK; i++) {
        const pkey *k = &m->keys[i];
        snprintf(id, sizeof id, "p%zu", i);
        zg_export__xw_raw(w, "  <key");
        zg_export__xw_attr(w, "id", id);
        zg_export__xw_attr(w, "for", k->edge ? "edge" : "node");
        zg_export__xw_attr(w, "attr.name", k->name);
        zg_export__xw_attr(w, "attr.type", attr_type(k->kind));
        zg_export__xw_attr(w, "zg:kind", kind_name(k->kind));
        zg_export__xw_raw(w, "/>\n");
    }
}

/* <data key="KEY">text</data> when text is not NULL. */
static void
data(gm *m, const char *key, const char *text)
{
    zg_export__xw *w = &m->w;

    if (text == NULL)
        return;
    zg_export__xw_raw(w, "      <data key=\"");
    zg_export__xw_raw(w, key);
    zg_export__xw_raw(w, "\">");
    zg_export__xw_text(w, text);
    zg_export__xw_raw(w, "</data>\n");
}

/* The fields a node or edge has, each as <data key="PREFIX.FIELD">. */
static void
fields(gm *m, const char *prefix, const char *const *names,
       const char *const *v, size_t n)
{
    char key[32];

    for (size_t i = 0; i < n; i++) {
        snprintf(key, sizeof key, "%s%s", prefix, names[i]);
        data(m, key, v[i]);
    }
}

static const char *
basis_name(zg_basis b)
{
    return b == ZG_BASIS_IMPLIED    ? "implied"
           : b == ZG_BASIS_INFERRED ? "inferred"
                                    : NULL;
}

/* Write each property of an owner in order: a flat one as its own <data>,
 * a run of the others as zonegraph elements in one <data key="zg">. */
static void
write_props(gm *m, const zg_prop *p, size_t n, int edge)
{
    zg_export__xw *w = &m->w;
    int open = 0;
    char id[32];

    for (size_t i = 0; i < n && w->st == ZG_OK; i++) {
        if (is_flat(&p[i])) {
            if (open)
                zg_export__xw_raw(w, "      </data>\n");
            open = 0;
            snprintf(id, sizeof id, "p%zu", find_key(m, &p[i], edge));
            data(m, id, p[i].value);
            continue;
        }
        if (!open)
            zg_export__xw_raw(w, "      <data key=\"zg\">\n");
        open = 1;
        zg_export__xw_prop(w, &p[i], "        ");
    }
    if (open)
        zg_export__xw_raw(w, "      </data>\n");
}

static void
write_graph_data(gm *m)
{
    zg_export__xw *w = &m->w;
    size_t nt = zg_graph_nodetype_count(m->g);
    size_t nr = zg_graph_reltype_count(m->g);
    size_t ns = zg_graph_source_count(m->g);

    if (nt + nr + ns == 0)
        return;
    zg_export__xw_raw(w, "    <data key=\"zg\">\n");
    zg_export__xw_schema(w, m->g, "      ");
    zg_export__xw_sources(w, m->g, "      ");
    zg_export__xw_raw(w, "    </data>\n");
}

static void
write_node(gm *m, zg_id n)
{
    zg_export__xw *w = &m->w;
    const zg_node_info *x = zg_graph_node(m->g, n);
    const zg_alias *al;
    const zg_prop *pr;
    size_t na = zg_graph_node_aliases(m->g, n, &al);
    size_t np = zg_graph_node_props(m->g, n, &pr);
    const char *v[] = {zg_graph_nodetype(m->g, x->type)->name,
                       x->name,
                       x->name_en,
                       x->since,
                       x->until,
                       x->sources,
                       basis_name(x->basis),
                       x->evidence,
                       x->note};

    zg_export__xw_raw(w, "    <node");
    zg_export__xw_attr(w, "id", x->key);
    zg_export__xw_raw(w, ">\n");
    fields(m, "node.", node_fields, v, 9);
    if (na > 0) {
        zg_export__xw_raw(w, "      <data key=\"zg\">\n");
        for (size_t i = 0; i < na && w->st == ZG_OK; i++)
            zg_export__xw_alias(w, &al[i], "        ");
        zg_export__xw_raw(w, "      </data>\n");
    }
    write_props(m, pr, np, 0);
    zg_export__xw_raw(w, "    </node>\n");
}

static void
write_edge(gm *m, zg_id e)
{
    zg_export__xw *w = &m->w;
    zg_edge_info x;
    zg_graph_edge_get(m->g, e, &x);
    const zg_prop *pr;
    size_t np = zg_graph_edge_props(m->g, e, &pr);
    const char *v[] = {zg_graph_reltype(m->g, x.type)->name,
                       x.source,
                       basis_name(x.basis),
                       x.since,
                       x.until,
                       x.evidence,
                       x.note};

    zg_export__xw_raw(w, "    <edge");
    zg_export__xw_attr(w, "source", zg_graph_node(m->g, x.from)->key);
    zg_export__xw_attr(w, "target", zg_graph_node(m->g, x.to)->key);
    zg_export__xw_raw(w, ">\n");
    fields(m, "edge.", edge_fields, v, 7);
    write_props(m, pr, np, 1);
    zg_export__xw_raw(w, "    </edge>\n");
}

zg_status
zg_export_graphml(const zg_graph *g, const unsigned char *node_mask,
                  const unsigned char *edge_mask, FILE *out, zg_error *err)
{
    gm m;
    zg_status st;

    memset(&m, 0, sizeof m);
    m.g = g;
    m.node_mask = node_mask;
    m.edge_mask = edge_mask;
    zg_export__xw_init(&m.w, out, err);
    m.w.prefix = "zg:";
    if (!zg_export__check_all(&m.w, g, node_mask, edge_mask))
        return m.w.st;
    if (!collect_keys(&m)) {
        free(m.keys);
        return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    zg_export__xw_raw(&m.w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<graphml xmlns=\"" GRAPHML_NS "\"\n"
                            "    xmlns:xsi=\"http://www.w3.org/2001/"
                            "XMLSchema-instance\"\n"
                            "    xmlns:zg=\"" ZG_NS "\"\n"
                            "    xsi:schemaLocation=\"" GRAPHML_NS
                            " " GRAPHML_NS "/1.0/graphml.xsd\">\n");
    write_keys(&m);
    zg_export__xw_raw(&m.w, "  <graph id=\"G\" edgedefault=\"directed\">\n");
    write_graph_data(&m);
    for (zg_id n = 0; n < zg_graph_node_count(g) && m.w.st == ZG_OK; n++)
        if (node_mask == NULL || node_mask[n])
            write_node(&m, n);
    for (zg_id e = 0; e < zg_graph_edge_count(g) && m.w.st == ZG_OK; e++)
        if (edge_selected(&m, e))
            write_edge(&m, e);
    zg_export__xw_raw(&m.w, "  </graph>\n</graphml>\n");
    st = zg_export__xw_finish(&m.w);
    free(m.keys);
    return st;
}
