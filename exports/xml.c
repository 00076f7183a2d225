/* SPDX-License-Identifier: MIT */
/*
 * xml.c: a graph written back in the zonegraph XML vocabulary
 * (doc/vocabulary.md), so that importing it gives the same graph.
 *
 * zg_export__check_all() (check.c) has passed the whole selection before
 * a byte is written, so the writers below do not check again.
 *
 * Order is what makes the round trip exact: node types, relation types,
 * sources, nodes and edges are written in id order, and aliases and
 * properties in the order the graph holds them, which is the order the
 * importer adds them back in. Attributes the importer fills in with a
 * default when absent (basis, a type's priority, a property's type) are
 * left out when they hold that default.
 */
#include "zg_export.h"

#include <string.h>

#include "xml_write.h"

static const char *
basis_name(zg_basis b)
{
    return b == ZG_BASIS_IMPLIED    ? "implied"
           : b == ZG_BASIS_INFERRED ? "inferred"
                                    : NULL;
}

static const char *
prop_type(zg_prop_kind k)
{
    switch (k) {
    case ZG_PROP_INTEGER: return "integer";
    case ZG_PROP_NUMBER: return "number";
    case ZG_PROP_DATE: return "date";
    case ZG_PROP_BOOLEAN: return "boolean";
    default: return NULL;
    }
}

void
zg_export__xw_schema(zg_export__xw *w, const zg_graph *g, const char *indent)
{
    size_t nt = zg_graph_nodetype_count(g), nr = zg_graph_reltype_count(g);

    for (zg_id t = 0; t < nt && w->st == ZG_OK; t++) {
        const zg_nodetype_info *x = zg_graph_nodetype(g, t);
        char prio[24];
        snprintf(prio, sizeof prio, "%u", x->priority);
        zg_export__xw_open(w, indent, "nodetype");
        zg_export__xw_attr(w, "name", x->name);
        zg_export__xw_attr(w, "zh", x->zh);
        zg_export__xw_attr(w, "en", x->en);
        zg_export__xw_attr(w, "shape", x->shape);
        zg_export__xw_attr(w, "colour", x->colour);
        zg_export__xw_attr(w, "priority",
                           x->priority == ZG_DEFAULT_PRIORITY ? NULL : prio);
        zg_export__xw_raw(w, "/>\n");
    }
    for (zg_id r = 0; r < nr && w->st == ZG_OK; r++) {
        const zg_reltype_info *x = zg_graph_reltype(g, r);
        zg_export__xw_open(w, indent, "relationtype");
        zg_export__xw_attr(w, "name", x->name);
        zg_export__xw_attr(w, "zh", x->zh);
        zg_export__xw_attr(w, "en", x->en);
        zg_export__xw_attr(w, "from", x->from);
        zg_export__xw_attr(w, "to", x->to);
        zg_export__xw_attr(w, "cluster", x->cluster ? "yes" : NULL);
        zg_export__xw_raw(w, "/>\n");
    }
}

void
zg_export__xw_sources(zg_export__xw *w, const zg_graph *g, const char *indent)
{
    for (zg_id s = 0; s < zg_graph_source_count(g) && w->st == ZG_OK; s++) {
        const zg_source_info *x = zg_graph_source(g, s);
        static const char *const f[] = {"id",   "title", "publisher",
                                        "date", "url",   "author"};
        const char *v[] = {x->id,   x->title, x->publisher,
                           x->date, x->url,   x->author};
        zg_export__xw_open(w, indent, "source");
        for (size_t i = 0; i < 6; i++)
            zg_export__xw_attr(w, f[i], v[i]);
        zg_export__xw_raw(w, "/>\n");
    }
}

void
zg_export__xw_alias(zg_export__xw *w, const zg_alias *a, const char *indent)
{
    zg_export__xw_open(w, indent, "alias");
    zg_export__xw_attr(w, "lang", a->lang);
    zg_export__xw_raw(w, ">");
    zg_export__xw_text(w, a->text);
    zg_export__xw_close(w, "", "alias");
}

void
zg_export__xw_prop(zg_export__xw *w, const zg_prop *p, const char *indent)
{
    int figure = p->kind == ZG_PROP_FIGURE;
    const char *tag = figure ? "figure" : "prop";

    zg_export__xw_open(w, indent, tag);
    zg_export__xw_attr(w, "name", p->name);
    if (figure) {
        zg_export__xw_attr(w, "zh", p->zh);
        zg_export__xw_attr(w, "en", p->en);
        zg_export__xw_attr(w, "value", p->value);
        zg_export__xw_attr(w, "unit", p->unit);
        zg_export__xw_attr(w, "date", p->date);
        zg_export__xw_attr(w, "approx", p->approx);
        zg_export__xw_attr(w, "kind", p->figure_kind);
        zg_export__xw_attr(w, "base", p->base);
        zg_export__xw_attr(w, "source", p->source);
    } else {
        zg_export__xw_attr(w, "value", p->value);
        zg_export__xw_attr(w, "type", prop_type(p->kind));
        zg_export__xw_attr(w, "source", p->source);
        zg_export__xw_attr(w, "since", p->since);
        zg_export__xw_attr(w, "until", p->until);
    }
    if (p->evidence == NULL) {
        zg_export__xw_raw(w, "/>\n");
        return;
    }
    zg_export__xw_raw(w, ">\n");
    zg_export__xw_raw(w, indent);
    zg_export__xw_element(w, "  ", "evidence", p->evidence);
    zg_export__xw_close(w, indent, tag);
}

static void
write_node(zg_export__xw *w, const zg_graph *g, zg_id n)
{
    const zg_node_info *x = zg_graph_node(g, n);
    const char *type = zg_graph_nodetype(g, x->type)->name;
    static const char *const f[] = {"id",    "name",  "en",
                                    "since", "until", "source"};
    const char *v[] = {x->key,   x->name,  x->name_en,
                       x->since, x->until, x->sources};
    const zg_alias *al;
    const zg_prop *pr;
    size_t na = zg_graph_node_aliases(g, n, &al);
    size_t np = zg_graph_node_props(g, n, &pr);

    zg_export__xw_raw(w, "  <");
    zg_export__xw_raw(w, type);
    for (size_t i = 0; i < 6; i++)
        zg_export__xw_attr(w, f[i], v[i]);
    zg_export__xw_attr(w, "basis", basis_name(x->basis));
    if (na == 0 && np == 0 && !x->evidence && !x->note) {
        zg_export__xw_raw(w, "/>\n");
        return;
    }
    zg_export__xw_raw(w, ">\n");
    for (size_t i = 0; i < na && w->st == ZG_OK; i++)
        zg_export__xw_alias(w, &al[i], "    ");
    for (size_t i = 0; i < np && w->st == ZG_OK; i++)
        zg_export__xw_prop(w, &pr[i], "    ");
    zg_export__xw_element(w, "    ", "evidence", x->evidence);
    zg_export__xw_element(w, "    ", "note", x->note);
    zg_export__xw_raw(w, "  </");
    zg_export__xw_raw(w, type);
    zg_export__xw_raw(w, ">\n");
}

static void
write_edge(zg_export__xw *w, const zg_graph *g, zg_id e)
{
    zg_edge_info x;
    zg_graph_edge_get(g, e, &x);
    const zg_prop *pr;
    size_t np = zg_graph_edge_props(g, e, &pr);

    zg_export__xw_raw(w, "  <relation");
    zg_export__xw_attr(w, "from", zg_graph_node(g, x.from)->key);
    zg_export__xw_attr(w, "type", zg_graph_reltype(g, x.type)->name);
    zg_export__xw_attr(w, "to", zg_graph_node(g, x.to)->key);
    zg_export__xw_attr(w, "source", x.source);
    zg_export__xw_attr(w, "basis", basis_name(x.basis));
    zg_export__xw_attr(w, "since", x.since);
    zg_export__xw_attr(w, "until", x.until);
    if (np == 0 && !x.evidence && !x.note) {
        zg_export__xw_raw(w, "/>\n");
        return;
    }
    zg_export__xw_raw(w, ">\n");
    zg_export__xw_element(w, "    ", "evidence", x.evidence);
    for (size_t i = 0; i < np && w->st == ZG_OK; i++)
        zg_export__xw_prop(w, &pr[i], "    ");
    zg_export__xw_element(w, "    ", "note", x.note);
    zg_export__xw_raw(w, "  </relation>\n");
}

zg_status
zg_export_xml(const zg_graph *g, const unsigned char *node_mask,
              const unsigned char *edge_mask, FILE *out, zg_error *err)
{
    zg_export__xw w;

    zg_export__xw_init(&w, out, err);
    if (!zg_export__check_all(&w, g, node_mask, edge_mask))
        return w.st;
    zg_export__xw_raw(&w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<zonegraph version=\"1\">\n");
    if (zg_graph_nodetype_count(g) + zg_graph_reltype_count(g) > 0) {
        zg_export__xw_raw(&w, "  <schema>\n");
        zg_export__xw_schema(&w, g, "    ");
        zg_export__xw_raw(&w, "  </schema>\n");
    }
    zg_export__xw_sources(&w, g, "  ");
    for (zg_id n = 0; n < zg_graph_node_count(g) && w.st == ZG_OK; n++)
        if (node_mask == NULL || node_mask[n])
            write_node(&w, g, n);
    for (zg_id e = 0; e < zg_graph_edge_count(g) && w.st == ZG_OK; e++) {
        zg_edge_info x;
        zg_graph_edge_get(g, e, &x);
        if ((edge_mask == NULL || edge_mask[e]) &&
            (node_mask == NULL || (node_mask[x.from] && node_mask[x.to])))
            write_edge(&w, g, e);
    }
    zg_export__xw_raw(&w, "</zonegraph>\n");
    return zg_export__xw_finish(&w);
}
