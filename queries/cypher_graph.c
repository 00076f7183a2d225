/* SPDX-License-Identifier: MIT */
/*
 * How the graph reads from a query of the Cypher-style language (see
 * doc/query.md): a node's label is its node type; its key, names,
 * aliases, provenance and valid time are properties beside the properties
 * of the data; a figure is a map of its fields, and a figure name a node
 * carries more than once is the list of those maps in data order. A
 * relationship's type is its relation type; its provenance, valid time
 * and properties are its properties. The fields of the graph win over a
 * property of the data with the same name.
 */
#include "cypher_eval.h"

#include <stdlib.h>
#include <string.h>

static const char *const basis_names[] = {"stated", "implied", "inferred"};

/* What is being read: every property into a map (key NULL), or the one
 * named `key`. */
typedef struct reader {
    zg_cypher_rt *rt;
    const zg_cypher_node *at;
    const char *key;
    zg_value *items; /* the map being built: 2 values an entry */
    size_t n, cap;
    zg_value found;
    int done;
} reader;

/* Room for `more` entries. */
static zg_status
grow(reader *r, size_t more)
{
    zg_value *items;

    if (r->key != NULL || r->n + more <= r->cap)
        return ZG_OK;
    ZG_TRY(zg_cypher__values(r->rt, r->at, 2 * (r->n + more) * 2, &items));
    if (r->n)
        memcpy(items, r->items, 2 * r->n * sizeof *items);
    r->items = items;
    r->cap = 2 * (r->n + more);
    return ZG_OK;
}

/* Offer property `name` with value `v` (not null). */
static zg_status
offer(reader *r, const char *name, const zg_value *v)
{
    size_t i;

    if (r->done)
        return ZG_OK;
    if (r->key != NULL) {
        if (strcmp(r->key, name) == 0) {
            r->found = *v;
            r->done = 1;
        }
        return ZG_OK;
    }
    for (i = 0; i < r->n; i++)
        if (strcmp(r->items[2 * i].str, name) == 0)
            return ZG_OK; /* the first of a name wins */
    ZG_TRY(grow(r, 1));
    r->items[2 * r->n] = zg_cy_str(name);
    r->items[2 * r->n + 1] = *v;
    r->n++;
    return ZG_OK;
}

static zg_status
offer_str(reader *r, const char *name, const char *s)
{
    zg_value v = zg_cy_str(s);

    return s != NULL ? offer(r, name, &v) : ZG_OK;
}

/* A date written in the data; text that is no date stays text. */
static zg_status
offer_date(reader *r, const char *name, const char *s)
{
    zg_value v = zg_cy_null();

    if (s == NULL)
        return ZG_OK;
    if (zg_date_parse(s, &v.date, NULL) == ZG_OK)
        v.kind = ZG_VAL_DATE;
    else
        v = zg_cy_str(s);
    return offer(r, name, &v);
}

/* Space-separated words as a list of strings. */
static zg_status
offer_words(reader *r, const char *name, const char *s)
{
    zg_value v = zg_cy_null(), *items;
    size_t n = 0, i = 0;
    const char *p;

    if (s == NULL || (r->key != NULL && strcmp(r->key, name) != 0))
        return ZG_OK;
    for (p = s; *p;) {
        while (*p == ' ')
            p++;
        if (*p)
            n++;
        while (*p && *p != ' ')
            p++;
    }
    if (n == 0)
        return ZG_OK;
    ZG_TRY(zg_cypher__values(r->rt, r->at, n, &items));
    for (p = s; *p;) {
        const char *w;
        while (*p == ' ')
            p++;
        w = p;
        while (*p && *p != ' ')
            p++;
        if (p > w)
            ZG_TRY(zg_cypher__string(r->rt, r->at, w, (size_t)(p - w),
                                     &items[i++]));
    }
    v.kind = ZG_VAL_LIST;
    v.n = n;
    v.items = items;
    return offer(r, name, &v);
}

/* The value a figure's written number reads as: an integer when written
 * without a fraction and in range, else a float. */
static zg_value
figure_number(const zg_prop *p)
{
    char *end;
    long long i;

    if (strchr(p->value, '.') == NULL) {
        i = strtoll(p->value, &end, 10);
        if (*end == '\0' && end != p->value && (double)i == p->number)
            return zg_cy_int(i);
    }
    return zg_cy_float(p->number);
}

/* Figure `p` as a map of the fields it has. */
static zg_status
figure_map(reader *r, const zg_prop *p, zg_value *out)
{
    reader m = {r->rt, r->at, NULL, NULL, 0, 0, {0}, 0};
    zg_value num = figure_number(p);

    ZG_TRY(offer(&m, "value", &num));
    ZG_TRY(offer_str(&m, "unit", p->unit));
    ZG_TRY(offer_date(&m, "date", p->date));
    ZG_TRY(offer_str(&m, "approx", p->approx));
    ZG_TRY(offer_str(&m, "kind", p->figure_kind));
    ZG_TRY(offer_date(&m, "base", p->base));
    ZG_TRY(offer_str(&m, "source", p->source));
    ZG_TRY(offer_str(&m, "evidence", p->evidence));
    ZG_TRY(offer_str(&m, "zh", p->zh));
    ZG_TRY(offer_str(&m, "en", p->en));
    *out = zg_cy_null();
    out->kind = ZG_VAL_MAP;
    out->n = m.n;
    out->items = m.items;
    return ZG_OK;
}

/* A property of the data as a value of its kind. */
static zg_status
prop_value(reader *r, const zg_prop *p, zg_value *out)
{
    char *end;

    *out = zg_cy_null();
    switch (p->kind) {
    case ZG_PROP_STRING: *out = zg_cy_str(p->value); break;
    case ZG_PROP_INTEGER: *out = zg_cy_int(strtoll(p->value, &end, 10)); break;
    case ZG_PROP_NUMBER: *out = zg_cy_float(p->number); break;
    case ZG_PROP_DATE:
        if (zg_date_parse(p->value, &out->date, NULL) == ZG_OK)
            out->kind = ZG_VAL_DATE;
        else
            *out = zg_cy_str(p->value);
        break;
    case ZG_PROP_BOOLEAN:
        *out = zg_cy_bool(strcmp(p->value, "true") == 0);
        break;
    case ZG_PROP_FIGURE: return figure_map(r, p, out);
    }
    return ZG_OK;
}

/* The properties of the data at `props`: a figure name that repeats reads
 * as the list of its figures. */
static zg_status
offer_props(reader *r, const zg_prop *props, size_t n)
{
    size_t i, j;

    for (i = 0; i < n && !r->done; i++) {
        const zg_prop *p = &props[i];
        size_t same = 0, k = 0, first = i;
        zg_value v, *items;
        if (r->key != NULL && strcmp(r->key, p->name) != 0)
            continue;
        for (j = 0; j < n; j++)
            if (strcmp(props[j].name, p->name) == 0) {
                if (same == 0)
                    first = j;
                same++;
            }
        if (first != i)
            continue; /* read with the first of its name */
        if (same == 1 || p->kind != ZG_PROP_FIGURE) {
            ZG_TRY(prop_value(r, p, &v));
            ZG_TRY(offer(r, p->name, &v));
            continue;
        }
        ZG_TRY(zg_cypher__values(r->rt, r->at, same, &items));
        for (j = i; j < n; j++)
            if (strcmp(props[j].name, p->name) == 0)
                ZG_TRY(prop_value(r, &props[j], &items[k++]));
        v = zg_cy_null();
        v.kind = ZG_VAL_LIST;
        v.n = same;
        v.items = items;
        ZG_TRY(offer(r, p->name, &v));
    }
    return ZG_OK;
}

static zg_status
node_props(reader *r, zg_id id)
{
    const zg_graph *g = r->rt->g;
    const zg_node_info *info = zg_graph_node(g, id);
    const zg_alias *aliases;
    const zg_prop *props;
    size_t na = zg_graph_node_aliases(g, id, &aliases), i;
    size_t np = zg_graph_node_props(g, id, &props);
    zg_value v;

    ZG_TRY(grow(r, 10 + np));
    ZG_TRY(offer_str(r, "key", info->key));
    ZG_TRY(offer_str(r, "name", info->name));
    ZG_TRY(offer_str(r, "name_en", info->name_en));
    if (na > 0 && (r->key == NULL || strcmp(r->key, "aliases") == 0)) {
        zg_value *items;
        ZG_TRY(zg_cypher__values(r->rt, r->at, na, &items));
        for (i = 0; i < na; i++)
            items[i] = zg_cy_str(aliases[i].text);
        v = zg_cy_null();
        v.kind = ZG_VAL_LIST;
        v.n = na;
        v.items = items;
        ZG_TRY(offer(r, "aliases", &v));
    }
    ZG_TRY(offer_str(r, "basis", basis_names[info->basis]));
    ZG_TRY(offer_date(r, "since", info->since));
    ZG_TRY(offer_date(r, "until", info->until));
    ZG_TRY(offer_words(r, "sources", info->sources));
    ZG_TRY(offer_str(r, "evidence", info->evidence));
    ZG_TRY(offer_str(r, "note", info->note));
    return offer_props(r, props, np);
}

static zg_status
edge_props(reader *r, zg_id id)
{
    const zg_graph *g = r->rt->g;
    zg_edge_info info;
    const zg_prop *props;
    size_t np = zg_graph_edge_props(g, id, &props);

    zg_graph_edge_get(g, id, &info);
    ZG_TRY(grow(r, 6 + np));
    ZG_TRY(offer_str(r, "basis", basis_names[info.basis]));
    ZG_TRY(offer_str(r, "source", info.source));
    ZG_TRY(offer_str(r, "evidence", info.evidence));
    ZG_TRY(offer_str(r, "note", info.note));
    ZG_TRY(offer_date(r, "since", info.since));
    ZG_TRY(offer_date(r, "until", info.until));
    return offer_props(r, props, np);
}

/* 1 if `v` is a node or relationship of the run's graph. */
static int
in_graph(const zg_cypher_rt *rt, const zg_value *v)
{
    if (rt->g == NULL)
        return 0;
    if (v->kind == ZG_VAL_NODE)
        return v->id < zg_graph_node_count(rt->g);
    return v->kind == ZG_VAL_EDGE && v->id < zg_graph_edge_count(rt->g);
}

static zg_status
read_props(reader *r, const zg_value *v)
{
    char d[ZG_CY_DESCRIBE];

    if (v->kind == ZG_VAL_MAP) {
        size_t i;
        for (i = 0; i < v->n && !r->done; i++)
            ZG_TRY(offer(r, v->items[2 * i].str, &v->items[2 * i + 1]));
        return ZG_OK;
    }
    if (!in_graph(r->rt, v))
        return zg_cypher__fail(r->rt, r->at, "TypeError",
                               "%s has no properties",
                               zg_cypher__describe(v, d, sizeof d));
    return v->kind == ZG_VAL_NODE ? node_props(r, v->id) : edge_props(r, v->id);
}

zg_status
zg_cypher__prop(zg_cypher_rt *rt, const zg_cypher_node *at, const zg_value *v,
                const char *key, zg_value *out)
{
    reader r = {rt, at, key, NULL, 0, 0, {0}, 0};

    *out = zg_cy_null();
    if (v->kind == ZG_VAL_NULL)
        return ZG_OK;
    if (v->kind != ZG_VAL_MAP && v->kind != ZG_VAL_NODE &&
        v->kind != ZG_VAL_EDGE) {
        char d[ZG_CY_DESCRIBE];
        return zg_cypher__fail(rt, at, "TypeError",
                               "cannot read property '%s' of %s", key,
                               zg_cypher__describe(v, d, sizeof d));
    }
    ZG_TRY(read_props(&r, v));
    *out = r.found;
    return ZG_OK;
}

zg_status
zg_cypher__props(zg_cypher_rt *rt, const zg_cypher_node *at, const zg_value *v,
                 zg_value *out)
{
    reader r = {rt, at, NULL, NULL, 0, 0, {0}, 0};

    if (v->kind == ZG_VAL_MAP) {
        *out = *v;
        return ZG_OK;
    }
    ZG_TRY(read_props(&r, v));
    *out = zg_cy_null();
    out->kind = ZG_VAL_MAP;
    out->n = r.n;
    out->items = r.n ? r.items : NULL;
    return ZG_OK;
}

const char *
zg_cypher__type_name(const zg_cypher_rt *rt, const zg_value *v)
{
    if (!in_graph(rt, v))
        return NULL;
    if (v->kind == ZG_VAL_NODE)
        return zg_graph_nodetype(rt->g, zg_graph_node(rt->g, v->id)->type)
            ->name;
    return zg_graph_reltype(rt->g, zg_graph_edge_type(rt->g, v->id))->name;
}
