/* SPDX-License-Identifier: MIT */
/*
 * validate.c: the value rules a record must obey before the graph takes
 * it (zg_rules.h), so that every graph, however built, holds only what
 * the vocabulary allows. A refusal is ZG_ERR_INVALID with a message that
 * names the record, the field and the value as written (quoted with
 * zg_rule_quote()); an importer puts the place in the file before it.
 */
#include "graph_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "zg_rules.h"

/* Room for one quoted value (zg_rule_quote()). */
#define QUOTED 96

/* The record a rule is about, described only when it is refused. */
typedef struct who {
    const zg_graph *g;
    const char *kind;        /* "node", "node type", "source", ... */
    const char *name;        /* its name or id */
    const zg_edge_info *rel; /* for a relation: its ends and type */
    const zg_prop *prop;     /* a property of the record, or NULL */
} who;

static void
describe(const who *w, char *out, size_t size)
{
    char a[QUOTED], b[QUOTED], c[QUOTED];
    int n;

    if (w->rel) {
        zg_rule_quote(a, sizeof a, w->g->rtypes[w->rel->type].info.name);
        zg_rule_quote(b, sizeof b, w->g->nodes[w->rel->from].key);
        zg_rule_quote(c, sizeof c, w->g->nodes[w->rel->to].key);
        n = snprintf(out, size, "relation '%s' from '%s' to '%s'", a, b, c);
    } else {
        zg_rule_quote(a, sizeof a, w->name ? w->name : "");
        n = snprintf(out, size, "%s '%s'", w->kind, a);
    }
    if (w->prop && n > 0 && (size_t)n < size) {
        zg_rule_quote(a, sizeof a, w->prop->name);
        snprintf(out + n, size - (size_t)n, ": %s '%s'",
                 w->prop->kind == ZG_PROP_FIGURE ? "figure" : "property", a);
    }
}

/* Refuse the record `w` describes: "<record>: <what fmt says>". */
static zg_status refuse(zg_error *err, const who *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static zg_status
refuse(zg_error *err, const who *w, const char *fmt, ...)
{
    char subject[320], msg[320];
    va_list ap;

    describe(w, subject, sizeof subject);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0, "%s: %s", subject,
                        msg);
}

/* `field` = `value` must be what `rule` says; `why` is the rule's answer
 * (NULL: it obeys). */
static zg_status
obey(zg_error *err, const who *w, const char *field, const char *value,
     const char *why)
{
    char q[QUOTED];

    if (why == NULL)
        return ZG_OK;
    zg_rule_quote(q, sizeof q, value);
    return refuse(err, w, "%s '%s' must be %s", field, q, why);
}

/* `value` must be set. */
static zg_status
present(zg_error *err, const who *w, const char *field, const void *value)
{
    if (value != NULL)
        return ZG_OK;
    return refuse(err, w, "%s is missing", field);
}

/* since and until (either NULL): dates, until not before since. */
static zg_status
span(zg_error *err, const who *w, const char *since, const char *until)
{
    char a[QUOTED], b[QUOTED];

    if (since)
        ZG_TRY(obey(err, w, "since", since, zg_rule_date(since)));
    if (until)
        ZG_TRY(obey(err, w, "until", until, zg_rule_date(until)));
    if (zg_rule_span(since, until) == NULL)
        return ZG_OK;
    zg_rule_quote(a, sizeof a, until);
    zg_rule_quote(b, sizeof b, since);
    return refuse(err, w, "until '%s' is before since '%s'", a, b);
}

static zg_status
basis(zg_error *err, const who *w, zg_basis b)
{
    if (b == ZG_BASIS_STATED || b == ZG_BASIS_IMPLIED || b == ZG_BASIS_INFERRED)
        return ZG_OK;
    return refuse(err, w, "basis %d must be stated, implied or inferred",
                  (int)b);
}

zg_status
zg_graph__check_nodetype(const zg_graph *g, const zg_nodetype_info *t,
                         zg_error *err)
{
    who w = {g, "node type", t->name, NULL, NULL};

    ZG_TRY(obey(err, &w, "name", t->name, zg_rule_word(t->name)));
    if (t->shape)
        ZG_TRY(obey(err, &w, "shape", t->shape, zg_rule_shape(t->shape)));
    if (t->colour)
        ZG_TRY(obey(err, &w, "colour", t->colour, zg_rule_colour(t->colour)));
    if (t->priority > ZG_RULE_MAX_PRIORITY)
        return refuse(err, &w, "priority %u is above %u", t->priority,
                      ZG_RULE_MAX_PRIORITY);
    return ZG_OK;
}

zg_status
zg_graph__check_reltype(const zg_graph *g, const zg_reltype_info *r,
                        zg_error *err)
{
    who w = {g, "relation type", r->name, NULL, NULL};

    ZG_TRY(present(err, &w, "from (node types, or *)", r->from));
    return present(err, &w, "to (node types, or *)", r->to);
}

zg_status
zg_graph__check_source(const zg_graph *g, const zg_source_info *s,
                       zg_error *err)
{
    who w = {g, "source", s->id, NULL, NULL};

    ZG_TRY(obey(err, &w, "id", s->id, zg_rule_id(s->id)));
    if (s->date)
        ZG_TRY(obey(err, &w, "date", s->date, zg_rule_date(s->date)));
    return ZG_OK;
}

zg_status
zg_graph__check_node(const zg_graph *g, const zg_node_info *n, zg_error *err)
{
    who w = {g, "node", n->key, NULL, NULL};

    ZG_TRY(obey(err, &w, "id", n->key, zg_rule_id(n->key)));
    ZG_TRY(basis(err, &w, n->basis));
    ZG_TRY(span(err, &w, n->since, n->until));
    if (n->sources)
        ZG_TRY(
            obey(err, &w, "source", n->sources, zg_rule_id_list(n->sources)));
    return ZG_OK;
}

zg_status
zg_graph__check_merged_span(const zg_graph *g, const zg_node_info *n,
                            const char *since, const char *until, zg_error *err)
{
    who w = {g, "node", n->key, NULL, NULL};

    return span(err, &w, since, until);
}

zg_status
zg_graph__check_alias(const zg_graph *g, zg_id n, const char *lang,
                      zg_error *err)
{
    who w = {g, "node", g->nodes[n].key, NULL, NULL};

    if (lang == NULL)
        return ZG_OK;
    return obey(err, &w, "alias lang", lang, zg_rule_lang(lang));
}

zg_status
zg_graph__check_edge(const zg_graph *g, const zg_edge_info *e, zg_error *err)
{
    who w = {g, "relation", NULL, e, NULL};

    ZG_TRY(basis(err, &w, e->basis));
    if (e->source)
        ZG_TRY(obey(err, &w, "source", e->source, zg_rule_id(e->source)));
    ZG_TRY(span(err, &w, e->since, e->until));
    if (e->basis != ZG_BASIS_INFERRED && (!e->source || !e->evidence))
        return refuse(err, &w,
                      "a relation needs a source and evidence unless its "
                      "basis is inferred");
    return ZG_OK;
}

/* A figure's own fields: required ones, dates, enumerations. */
static zg_status
figure(zg_error *err, const who *w, const zg_prop *p)
{
    if (w->rel)
        return refuse(err, w, "relations cannot carry figures");
    if (p->since || p->until)
        return refuse(err, w,
                      "a figure has no since or until (its date says when)");
    ZG_TRY(present(err, w, "unit", p->unit));
    ZG_TRY(present(err, w, "source", p->source));
    ZG_TRY(present(err, w, "approx", p->approx));
    ZG_TRY(present(err, w, "kind", p->figure_kind));
    if (p->date)
        ZG_TRY(obey(err, w, "date", p->date, zg_rule_date(p->date)));
    if (p->base)
        ZG_TRY(obey(err, w, "base", p->base, zg_rule_date(p->base)));
    ZG_TRY(obey(err, w, "approx", p->approx, zg_rule_approx(p->approx)));
    return obey(err, w, "kind", p->figure_kind,
                zg_rule_figure_kind(p->figure_kind));
}

zg_status
zg_graph__check_prop(const zg_graph *g, zg_id owner, int on_edge,
                     const zg_prop *p, zg_error *err)
{
    who w = {g, "node", NULL, NULL, p};
    zg_edge_info rel;
    double number;
    char q[QUOTED];

    if (on_edge) {
        zg_graph_edge_get(g, owner, &rel);
        w.rel = &rel;
    } else
        w.name = g->nodes[owner].key;
    if (*p->name == '\0')
        return refuse(err, &w, "a property needs a name");
    if ((unsigned)p->kind > (unsigned)ZG_PROP_FIGURE)
        return refuse(err, &w, "kind %d is no kind zonegraph knows",
                      (int)p->kind);
    ZG_TRY(obey(err, &w, "value", p->value,
                zg_rule_value(p->kind, p->value, &number)));
    if (!(number == p->number)) {
        zg_rule_quote(q, sizeof q, p->value);
        return refuse(err, &w, "number %g is not what the value '%s' says",
                      p->number, q);
    }
    if (p->source)
        ZG_TRY(obey(err, &w, "source", p->source, zg_rule_id(p->source)));
    if (p->kind == ZG_PROP_FIGURE)
        return figure(err, &w, p);
    if (p->zh || p->en || p->unit || p->date || p->base || p->approx ||
        p->figure_kind)
        return refuse(err, &w,
                      "only a figure has labels, unit, date, approx, kind "
                      "or base");
    return span(err, &w, p->since, p->until);
}
