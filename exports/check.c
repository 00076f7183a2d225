/* SPDX-License-Identifier: MIT */
/*
 * check.c: before xml.c or graphml.c writes an object, check that the
 * importer will read it back as it is: the text XML can carry
 * (xml_write.c) and the rules of the model (graph/zg_rules.h), which a
 * graph built through the C API need not follow. An object that breaks
 * one is refused with ZG_ERR_EXPORT naming it and the field, never
 * changed: a file that would not import, or would import as something
 * else, is not written.
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
    zg_export__xw_quote(q, sizeof q, value);
    zg_export__xw_refuse(w, "%s '%s' is not %s", field, q, what);
    return 0;
}

/* `value` must be set. */
static int
present(zg_export__xw *w, const char *field, const void *value)
{
    if (value != NULL)
        return 1;
    zg_export__xw_refuse(w, "%s is missing", field);
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
span(zg_export__xw *w, const char *since, const char *until)
{
    const char *why = zg_rule_span(since, until);

    if (why == NULL)
        return 1;
    zg_export__xw_refuse(w, "since '%s' and until '%s' are not %s",
                         since ? since : "", until ? until : "", why);
    return 0;
}

static int
basis(zg_export__xw *w, zg_basis b)
{
    if (b == ZG_BASIS_STATED || b == ZG_BASIS_IMPLIED || b == ZG_BASIS_INFERRED)
        return 1;
    zg_export__xw_refuse(w, "basis %d is not stated, implied or inferred",
                         (int)b);
    return 0;
}

static int
check_nodetype(zg_export__xw *w, const zg_nodetype_info *x)
{
    static const char *const f[] = {"name", "zh", "en", "shape", "colour"};
    const char *v[] = {x->name, x->zh, x->en, x->shape, x->colour};

    zg_export__xw_subject(w, "node type", x->name);
    if (!text(w, f, v, 5) ||
        !rule(w, "name", x->name, zg_rule_type_name(x->name)) ||
        (x->shape && !rule(w, "shape", x->shape, zg_rule_shape(x->shape))) ||
        (x->colour && !rule(w, "colour", x->colour, zg_rule_colour(x->colour))))
        return 0;
    if (x->priority > ZG_RULE_MAX_PRIORITY) {
        zg_export__xw_refuse(w, "priority %u is above %u", x->priority,
                             ZG_RULE_MAX_PRIORITY);
        return 0;
    }
    return 1;
}

static int
check_reltype(zg_export__xw *w, const zg_reltype_info *x)
{
    static const char *const f[] = {"name", "zh", "en", "from", "to"};
    const char *v[] = {x->name, x->zh, x->en, x->from, x->to};

    zg_export__xw_subject(w, "relation type", x->name);
    return text(w, f, v, 5) &&
           rule(w, "name", x->name, zg_rule_name(x->name)) &&
           present(w, "from", x->from) && present(w, "to", x->to);
}

static int
check_source(zg_export__xw *w, const zg_source_info *x)
{
    static const char *const f[] = {"id",   "title", "publisher",
                                    "date", "url",   "author"};
    const char *v[] = {x->id,   x->title, x->publisher,
                       x->date, x->url,   x->author};

    zg_export__xw_subject(w, "source", x->id);
    return text(w, f, v, 6) && rule(w, "id", x->id, zg_rule_id(x->id)) &&
           present(w, "title", x->title) &&
           (!x->date || rule(w, "date", x->date, zg_rule_date(x->date)));
}

/* A property or figure of a node (`figures_ok`) or edge. */
static int
check_prop(zg_export__xw *w, const zg_prop *p, int figures_ok)
{
    static const char *const f[] = {"value", "zh",     "en",     "unit",
                                    "date",  "base",   "source", "since",
                                    "until", "approx", "kind"};
    static const char *const approx[] = {"exact", "over",  "nearly",
                                         "about", "under", NULL};
    static const char *const kinds[] = {"actual", "target", "forecast",
                                        "estimate", NULL};
    const char *v[] = {p->value, p->zh,     p->en,         p->unit,
                       p->date,  p->base,   p->source,     p->since,
                       p->until, p->approx, p->figure_kind};
    int figure = p->kind == ZG_PROP_FIGURE;
    const char *what = figure ? "figure" : "property";
    char field[160];
    double number;

    if ((unsigned)p->kind > (unsigned)ZG_PROP_FIGURE) {
        zg_export__xw_refuse(w,
                             "property '%s' has no kind zonegraph knows "
                             "(%d)",
                             p->name, (int)p->kind);
        return 0;
    }
    if (!zg_export__xw_check(w, what, p->name) ||
        !rule(w, figure ? "figure name" : "property name", p->name,
              zg_rule_name(p->name)))
        return 0;
    snprintf(field, sizeof field, "%s '%s': evidence", what, p->name);
    if (!text(w, f, v, 11) ||
        !zg_export__xw_check_trimmed(w, field, p->evidence) ||
        !present(w, "value", p->value))
        return 0;
    snprintf(field, sizeof field, "%s '%s': value", what, p->name);
    if (!rule(w, field, p->value, zg_rule_value(p->kind, p->value, &number)))
        return 0;
    if (!(number == p->number)) {
        zg_export__xw_refuse(w,
                             "%s '%s': number %g is not what the value "
                             "'%s' says",
                             what, p->name, p->number, p->value);
        return 0;
    }
    if (p->source && !rule(w, "source", p->source, zg_rule_id(p->source)))
        return 0;
    if (!figure) {
        if (p->zh || p->en || p->unit || p->date || p->base || p->approx ||
            p->figure_kind) {
            zg_export__xw_refuse(w,
                                 "property '%s' has figure fields (labels, "
                                 "unit, date, approx, kind or base) but is "
                                 "not a figure",
                                 p->name);
            return 0;
        }
        return span(w, p->since, p->until);
    }
    if (!figures_ok) {
        zg_export__xw_refuse(w, "figure '%s': relations cannot carry figures",
                             p->name);
        return 0;
    }
    if (p->since || p->until) {
        zg_export__xw_refuse(w,
                             "figure '%s' has since/until, which a figure "
                             "cannot carry (its date says when)",
                             p->name);
        return 0;
    }
    if (!present(w, "the figure's unit", p->unit) ||
        !present(w, "the figure's source", p->source) ||
        !present(w, "the figure's approx", p->approx) ||
        !present(w, "the figure's kind", p->figure_kind))
        return 0;
    return (!p->date || rule(w, "date", p->date, zg_rule_date(p->date))) &&
           (!p->base || rule(w, "base", p->base, zg_rule_date(p->base))) &&
           rule(w, "approx", p->approx,
                zg_rule_one_of(p->approx, approx)
                    ? NULL
                    : "exact, over, nearly, about or under") &&
           rule(w, "kind", p->figure_kind,
                zg_rule_one_of(p->figure_kind, kinds)
                    ? NULL
                    : "actual, target, forecast or estimate");
}

static int
check_node(zg_export__xw *w, const zg_graph *g, zg_id n)
{
    const zg_node_info *x = zg_graph_node(g, n);
    static const char *const f[] = {"id",    "name",  "en",
                                    "since", "until", "source"};
    const char *v[] = {x->key,   x->name,  x->name_en,
                       x->since, x->until, x->sources};
    const zg_alias *al;
    const zg_prop *pr;
    size_t na = zg_graph_node_aliases(g, n, &al);
    size_t np = zg_graph_node_props(g, n, &pr);

    zg_export__xw_subject(w, "node", x->key);
    if (!text(w, f, v, 6) || !rule(w, "id", x->key, zg_rule_id(x->key)) ||
        !present(w, "name", x->name) || !basis(w, x->basis) ||
        !span(w, x->since, x->until) ||
        (x->sources &&
         !rule(w, "source", x->sources, zg_rule_id_list(x->sources))) ||
        !zg_export__xw_check_trimmed(w, "evidence", x->evidence) ||
        !zg_export__xw_check_trimmed(w, "note", x->note))
        return 0;
    for (size_t i = 0; i < na; i++)
        if (!zg_export__xw_check_trimmed(w, "alias", al[i].text) ||
            !zg_export__xw_check(w, "alias lang", al[i].lang) ||
            (al[i].lang &&
             !rule(w, "alias lang", al[i].lang, zg_rule_lang(al[i].lang))))
            return 0;
    for (size_t i = 0; i < np; i++)
        if (!check_prop(w, &pr[i], 1))
            return 0;
    return 1;
}

static int
check_edge(zg_export__xw *w, const zg_graph *g, zg_id e)
{
    const zg_edge_info *x = zg_graph_edge(g, e);
    static const char *const f[] = {"source", "since", "until"};
    const char *v[] = {x->source, x->since, x->until};
    const zg_prop *pr;
    size_t np = zg_graph_edge_props(g, e, &pr);
    char what[64];

    snprintf(what, sizeof what, "relation %u from", (unsigned)e);
    zg_export__xw_subject(w, what, zg_graph_node(g, x->from)->key);
    if (!text(w, f, v, 3) ||
        (x->source && !rule(w, "source", x->source, zg_rule_id(x->source))) ||
        !basis(w, x->basis) || !span(w, x->since, x->until) ||
        !zg_export__xw_check_trimmed(w, "evidence", x->evidence) ||
        !zg_export__xw_check_trimmed(w, "note", x->note))
        return 0;
    if (x->basis != ZG_BASIS_INFERRED && (!x->source || !x->evidence)) {
        zg_export__xw_refuse(w, "a relation needs a source and evidence "
                                "unless its basis is inferred");
        return 0;
    }
    for (size_t i = 0; i < np; i++)
        if (!check_prop(w, &pr[i], 0))
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
        const zg_edge_info *x = zg_graph_edge(g, e);
        if ((edge_mask == NULL || edge_mask[e]) &&
            (node_mask == NULL || (node_mask[x->from] && node_mask[x->to])) &&
            !check_edge(w, g, e))
            return 0;
    }
    return 1;
}
