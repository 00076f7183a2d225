/* SPDX-License-Identifier: MIT */
/*
 * check.c: before xml.c or graphml.c writes an object, check that the
 * file can carry it, so that the importer reads it back as it is: text
 * XML 1.0 can hold (xml_write.c), element text without white space at
 * either end (the importer trims it), and XML names where the vocabulary
 * makes a name an element or a GraphML key (graph/zg_rules.h). The graph
 * itself has refused everything else the rules refuse (dates, ids,
 * enumerations, property values, required fields), so that is not
 * checked again here. An object that breaks one is refused with
 * ZG_ERR_EXPORT naming it and the field, never changed: a file that would
 * not import, or would import as something else, is not written.
 */
#include <stdio.h>
#include <string.h>

#include "xml_write.h"
#include "zg_rules.h"

/* Refuse `field` = `value` because it is not `what` (NULL: it is). */
static int
rule(zg_export__xw *w, const char *field, const char *value, const char *what)
{
    char q[96];

    if (what == NULL)
        return 1;
    zg_rule_quote(q, sizeof q, value);
    zg_export__xw_refuse(w, "%s '%s' is not %s", field, q, what);
    return 0;
}

/* Every field of `f` passes zg_export__xw_check(). */
static int
text(zg_export__xw *w, const char *const *f, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!zg_export__xw_check(w, f[i], v[i]))
            return 0;
    return 1;
}

static int
check_nodetype(zg_export__xw *w, const zg_nodetype_info *x)
{
    static const char *const f[] = {"name", "zh", "en"};
    const char *v[] = {x->name, x->zh, x->en};

    zg_export__xw_subject(w, "node type", x->name);
    return text(w, f, v, 3) &&
           rule(w, "name", x->name, zg_rule_type_name(x->name));
}

static int
check_reltype(zg_export__xw *w, const zg_reltype_info *x)
{
    static const char *const f[] = {"name", "zh", "en", "from", "to"};
    const char *v[] = {x->name, x->zh, x->en, x->from, x->to};

    zg_export__xw_subject(w, "relation type", x->name);
    return text(w, f, v, 5) && rule(w, "name", x->name, zg_rule_name(x->name));
}

static int
check_source(zg_export__xw *w, const zg_source_info *x)
{
    static const char *const f[] = {"id", "title", "publisher", "url",
                                    "author"};
    const char *v[] = {x->id, x->title, x->publisher, x->url, x->author};

    zg_export__xw_subject(w, "source", x->id);
    return text(w, f, v, 5);
}

/* A property or figure of a node or edge. */
static int
check_prop(zg_export__xw *w, const zg_prop *p)
{
    static const char *const f[] = {"value", "zh", "en", "unit", "source"};
    const char *v[] = {p->value, p->zh, p->en, p->unit, p->source};
    int figure = p->kind == ZG_PROP_FIGURE;
    const char *what = figure ? "figure" : "property";
    char field[160];

    if (!zg_export__xw_check(w, what, p->name) ||
        !rule(w, figure ? "figure name" : "property name", p->name,
              zg_rule_name(p->name)))
        return 0;
    snprintf(field, sizeof field, "%s '%s': evidence", what, p->name);
    return text(w, f, v, 5) &&
           zg_export__xw_check_trimmed(w, field, p->evidence);
}

static int
check_node(zg_export__xw *w, const zg_graph *g, zg_id n)
{
    const zg_node_info *x = zg_graph_node(g, n);
    static const char *const f[] = {"id", "name", "en", "source"};
    const char *v[] = {x->key, x->name, x->name_en, x->sources};
    const zg_alias *al;
    const zg_prop *pr;
    size_t na = zg_graph_node_aliases(g, n, &al);
    size_t np = zg_graph_node_props(g, n, &pr);

    zg_export__xw_subject(w, "node", x->key);
    if (!text(w, f, v, 4) ||
        !zg_export__xw_check_trimmed(w, "evidence", x->evidence) ||
        !zg_export__xw_check_trimmed(w, "note", x->note))
        return 0;
    for (size_t i = 0; i < na; i++)
        if (!zg_export__xw_check_trimmed(w, "alias", al[i].text))
            return 0;
    for (size_t i = 0; i < np; i++)
        if (!check_prop(w, &pr[i]))
            return 0;
    return 1;
}

static int
check_edge(zg_export__xw *w, const zg_graph *g, zg_id e)
{
    zg_edge_info x;
    zg_graph_edge_get(g, e, &x);
    const zg_prop *pr;
    size_t np = zg_graph_edge_props(g, e, &pr);
    char what[64];

    snprintf(what, sizeof what, "relation %u from", (unsigned)e);
    zg_export__xw_subject(w, what, zg_graph_node(g, x.from)->key);
    if (!zg_export__xw_check(w, "source", x.source) ||
        !zg_export__xw_check_trimmed(w, "evidence", x.evidence) ||
        !zg_export__xw_check_trimmed(w, "note", x.note))
        return 0;
    for (size_t i = 0; i < np; i++)
        if (!check_prop(w, &pr[i]))
            return 0;
    return 1;
}

int
zg_export__check_all(zg_export__xw *w, const zg_graph *g,
                     const unsigned char *node_mask,
                     const unsigned char *edge_mask)
{
    for (zg_id t = 0; t < zg_graph_nodetype_count(g); t++)
        if (!check_nodetype(w, zg_graph_nodetype(g, t)))
            return 0;
    for (zg_id r = 0; r < zg_graph_reltype_count(g); r++)
        if (!check_reltype(w, zg_graph_reltype(g, r)))
            return 0;
    for (zg_id s = 0; s < zg_graph_source_count(g); s++)
        if (!check_source(w, zg_graph_source(g, s)))
            return 0;
    for (zg_id n = 0; n < zg_graph_node_count(g); n++)
        if ((node_mask == NULL || node_mask[n]) && !check_node(w, g, n))
            return 0;
    for (zg_id e = 0; e < zg_graph_edge_count(g); e++) {
        zg_edge_info x;
        zg_graph_edge_get(g, e, &x);
        if ((edge_mask == NULL || edge_mask[e]) &&
            (node_mask == NULL || (node_mask[x.from] && node_mask[x.to])) &&
            !check_edge(w, g, e))
            return 0;
    }
    return 1;
}
