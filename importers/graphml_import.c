/* SPDX-License-Identifier: MIT */
/*
 * graphml_import.c: GraphML (http://graphml.graphdrawing.org/xmlns) read
 * into a zonegraph graph, on the same safe SAX2 driver as zonegraph XML
 * (xml_import.c): the same refusals, limits, positions and all-or-nothing
 * transaction. doc/graphml.md describes the mapping; in short:
 *
 * - <key>s are read first (GraphML puts them before <graph>). A key with
 *   zg:field (written by zonegraph) names a node or edge field; one with
 *   zg:kind is a property of that kind. Otherwise attr.name "type" gives
 *   the node or relation type, and for nodes "name" (or, failing a "name"
 *   key, "label") the name; every other key is a property whose kind
 *   follows attr.type. Keys without attr.name (yFiles graphics) are
 *   ignored, as is data on the graph or the document.
 * - A node without a type is of type "node", an edge without one of type
 *   "related_to"; types not declared are declared on first use (relation
 *   types allowing any endpoints). A node without a name is named by its id.
 * - An edge with neither source nor basis rests on no source of ours:
 *   basis "inferred". Otherwise the zonegraph rules hold (a source unless
 *   inferred, evidence unless inferred).
 * - Elements of other namespaces, and <desc>, are skipped whole; elements
 *   of urn:zonegraph:1 are read inside <data> of the zg:field="extension"
 *   key: the schema and sources on the graph, aliases, properties and
 *   figures on nodes, properties on edges. Hyperedges, ports and nested
 *   graphs are refused; one <graph> per file.
 */
#include "import_internal.h"
#include "zg_rules.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum field {
    F_IGNORE,
    F_TYPE,
    F_NAME,
    F_EN,
    F_SINCE,
    F_UNTIL,
    F_SOURCE,
    F_BASIS,
    F_EVIDENCE,
    F_NOTE,
    F_EXT,
    F_PROP
} field;

static const char *const field_names[] = {
    "",       "type",  "name",     "en",   "since",     "until",
    "source", "basis", "evidence", "note", "extension", NULL};

enum { FOR_NODE = 1, FOR_EDGE = 2, FOR_GRAPH = 4 };

typedef struct gkey {
    const char *id, *name, *attr_type, *zg_field, *zg_kind;
    const char *deflt; /* <default> text, or NULL */
    size_t deflt_cost; /* what giving the default to an element counts */
    unsigned domain;   /* FOR_* bits */
    field f_node, f_edge;
    zg_prop_kind kind;
    int foreign_bool; /* a foreign boolean: also 1/0, any case */
    pos at;
    unsigned long seen; /* serial of the last owner with data for it */
} gkey;

struct zg_imp__gml {
    gkey *keys;
    size_t n_keys, cap_keys;
    gkey **node_defaults, **edge_defaults; /* keys with a <default> that
                                              means something there */
    size_t n_node_defaults, n_edge_defaults;
    int graphs; /* <graph> elements seen */
    unsigned long serial;
    gkey *data;              /* the key of the open <data> */
    pos data_at;             /* where that <data> starts */
    kind owner;              /* K_G_NODE, K_G_EDGE or K_G_GRAPH: whose <data> */
    const char *type, *name; /* of the open node or edge */
    int basis_given;         /* the open edge has a basis */
};

static int
key_cmp(const void *a, const void *b)
{
    return strcmp(((const gkey *)a)->id, ((const gkey *)b)->id);
}

static gkey *
find_key(zg_imp__gml *g, const char *id)
{
    gkey k;

    k.id = id;
    return g->n_keys ? bsearch(&k, g->keys, g->n_keys, sizeof k, key_cmp)
                     : NULL;
}

int
zg_imp__graphml_root(imp *im, const char *localname, const char *uri)
{
    if (strcmp(localname, "graphml") != 0)
        return 0;
    if (uri == NULL || strcmp(uri, ZG_IMP_GRAPHML_NS) != 0) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, zg_imp__tag_start(im),
                        "<graphml> is not in the GraphML namespace "
                        "(xmlns=\"" ZG_IMP_GRAPHML_NS "\")");
        return 1;
    }
    im->gml = calloc(1, sizeof *im->gml);
    if (im->gml == NULL)
        zg_imp__fail_at(im, ZG_ERR_NOMEM, zg_imp__tag_start(im),
                        "out of memory");
    return 1;
}

void
zg_imp__graphml_free(imp *im)
{
    if (im->gml == NULL)
        return;
    free(im->gml->keys);
    free(im->gml->node_defaults);
    free(im->gml->edge_defaults);
    free(im->gml);
    im->gml = NULL;
}

/*
 * The attributes of a GraphML element: `spec` as for zg_imp__get_attrs()
 * (names with "zg:" are looked for in the zonegraph namespace); other
 * attributes (GraphML's parse.* hints, yFiles', xsi's) are ignored.
 */
static int
gattrs(imp *im, const char *elem, pos at, int nb, const xmlChar **attrs,
       const char *const *spec, const char **vals)
{
    size_t nspec = 0;

    while (spec[nspec])
        vals[nspec++] = NULL;
    if ((unsigned)nb > im->lim.max_attrs) {
        zg_imp__fail_at(im, ZG_ERR_LIMIT, at,
                        "<%s> has %d attributes; the limit is %u", elem, nb,
                        im->lim.max_attrs);
        return 0;
    }
    for (int a = 0; a < nb; a++) {
        const char *local = (const char *)attrs[5 * a];
        const char *uri = (const char *)attrs[5 * a + 2];
        for (size_t i = 0; i < nspec; i++) {
            const char *want = spec[i];
            if (want[0] == 'z' && want[1] == 'g' && want[2] == ':') {
                want += 3;
                if (uri == NULL || strcmp(uri, ZG_IMP_ZG_NS) != 0)
                    continue;
            } else if (uri != NULL) {
                continue;
            }
            if (!zg_imp__spec_is(want, local))
                continue;
            vals[i] = zg_imp__attr_value(im, at, local, attrs[5 * a + 3],
                                         attrs[5 * a + 4]);
            if (vals[i] == NULL)
                return 0;
        }
    }
    for (size_t i = 0; i < nspec; i++) {
        size_t sl = vals[i] ? 0 : zg_imp__spec_len(spec[i]);
        if (vals[i] == NULL && spec[i][sl] == '!') {
            zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                            "<%s> is missing required attribute '%.*s'", elem,
                            (int)sl, spec[i]);
            return 0;
        }
    }
    return 1;
}

static void
start_key(imp *im, pos at, int nb, const xmlChar **attrs)
{
    static const char *const spec[] = {
        "id!", "for", "attr.name", "attr.type", "zg:field", "zg:kind", NULL};
    static const char *const fors[] = {"node",    "edge",     "graph",
                                       "graphml", "all",      "hyperedge",
                                       "port",    "endpoint", NULL};
    static const char *const types[] = {"boolean", "int",    "long", "float",
                                        "double",  "string", NULL};
    static const char *const kinds[] = {"string", "integer", "number",
                                        "date",   "boolean", NULL};
    zg_imp__gml *g = im->gml;
    const char *v[6];
    gkey *k;

    if (!gattrs(im, "key", at, nb, attrs, spec, v))
        return;
    if (g->graphs) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "<key> must come before <graph>");
        return;
    }
    if (v[1] && !zg_rule_one_of(v[1], fors)) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at, "<key for='%s'>: unknown",
                        v[1]);
        return;
    }
    if (v[3] && !zg_rule_one_of(v[3], types)) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "attr.type='%s' must be boolean, int, long, float, "
                        "double or string",
                        v[3]);
        return;
    }
    if (v[4] && !zg_rule_one_of(v[4], field_names + 1)) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "zg:field='%s' is not a zonegraph field", v[4]);
        return;
    }
    if (v[5] && !zg_rule_one_of(v[5], kinds)) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "zg:kind='%s' must be string, integer, number, date "
                        "or boolean",
                        v[5]);
        return;
    }
    if (g->n_keys == g->cap_keys) {
        size_t cap = g->cap_keys ? 2 * g->cap_keys : 32;
        gkey *nk = realloc(g->keys, cap * sizeof *nk);
        if (nk == NULL) {
            zg_imp__fail_at(im, ZG_ERR_NOMEM, at, "out of memory");
            return;
        }
        g->keys = nk;
        g->cap_keys = cap;
    }
    k = &g->keys[g->n_keys++];
    memset(k, 0, sizeof *k);
    k->id = v[0];
    k->name = v[2];
    k->attr_type = v[3] ? v[3] : "string";
    k->zg_field = v[4];
    k->zg_kind = v[5];
    k->at = at;
    if (v[1] == NULL || strcmp(v[1], "all") == 0)
        k->domain = FOR_NODE | FOR_EDGE | FOR_GRAPH;
    else if (strcmp(v[1], "node") == 0)
        k->domain = FOR_NODE;
    else if (strcmp(v[1], "edge") == 0)
        k->domain = FOR_EDGE;
    else if (strcmp(v[1], "graph") == 0)
        k->domain = FOR_GRAPH;
}

static field
field_of(const char *name)
{
    for (size_t i = 1; field_names[i]; i++)
        if (strcmp(name, field_names[i]) == 0)
            return (field)i;
    return F_IGNORE;
}

static zg_prop_kind
kind_of(const char *zg_kind, const char *attr_type)
{
    const char *k = zg_kind ? zg_kind : attr_type;

    if (strcmp(k, "integer") == 0 || strcmp(k, "int") == 0 ||
        strcmp(k, "long") == 0)
        return ZG_PROP_INTEGER;
    if (strcmp(k, "number") == 0 || strcmp(k, "float") == 0 ||
        strcmp(k, "double") == 0)
        return ZG_PROP_NUMBER;
    if (strcmp(k, "date") == 0)
        return ZG_PROP_DATE;
    if (strcmp(k, "boolean") == 0)
        return ZG_PROP_BOOLEAN;
    return ZG_PROP_STRING;
}

/* 1 if a default of key `k` means something on a node (edge). */
static int
default_for(const gkey *k, unsigned bit)
{
    field f = bit == FOR_NODE ? k->f_node : k->f_edge;

    return k->deflt && (k->domain & bit) && f != F_IGNORE && f != F_EXT;
}

/* The keys whose <default>s nodes and edges receive, in key order. */
static int
list_defaults(imp *im)
{
    zg_imp__gml *g = im->gml;
    size_t nn = 0, ne = 0;

    for (size_t i = 0; i < g->n_keys; i++) {
        gkey *k = &g->keys[i];
        if (k->deflt)
            k->deflt_cost = ZG_IMPORT_DEFAULT_COST + strlen(k->deflt);
        nn += default_for(k, FOR_NODE);
        ne += default_for(k, FOR_EDGE);
    }
    g->node_defaults = malloc((nn ? nn : 1) * sizeof *g->node_defaults);
    g->edge_defaults = malloc((ne ? ne : 1) * sizeof *g->edge_defaults);
    if (g->node_defaults == NULL || g->edge_defaults == NULL) {
        zg_imp__fail_at(im, ZG_ERR_NOMEM, zg_imp__tag_start(im),
                        "out of memory");
        return 0;
    }
    for (size_t i = 0; i < g->n_keys; i++) {
        gkey *k = &g->keys[i];
        if (default_for(k, FOR_NODE))
            g->node_defaults[g->n_node_defaults++] = k;
        if (default_for(k, FOR_EDGE))
            g->edge_defaults[g->n_edge_defaults++] = k;
    }
    return 1;
}

/* What the keys mean, once they are all known (at <graph>). */
static int
resolve_keys(imp *im)
{
    zg_imp__gml *g = im->gml;
    int node_name_key = 0;

    if (g->n_keys)
        qsort(g->keys, g->n_keys, sizeof *g->keys, key_cmp);
    for (size_t i = 0; i < g->n_keys; i++) {
        gkey *k = &g->keys[i];
        if (i > 0 && strcmp(k->id, g->keys[i - 1].id) == 0) {
            zg_imp__fail_at(im, ZG_ERR_INVALID, k->at,
                            "<key id='%s'> is declared twice", k->id);
            if (im->st != ZG_OK)
                return 0;
        }
        if (k->name && !k->zg_field && !k->zg_kind && (k->domain & FOR_NODE) &&
            strcmp(k->name, "name") == 0)
            node_name_key = 1;
    }
    for (size_t i = 0; i < g->n_keys; i++) {
        gkey *k = &g->keys[i];
        k->kind = kind_of(k->zg_kind, k->attr_type);
        k->foreign_bool = !k->zg_kind && k->kind == ZG_PROP_BOOLEAN;
        if (k->zg_field) {
            k->f_node = k->f_edge = field_of(k->zg_field);
            if (k->f_edge == F_NAME || k->f_edge == F_EN)
                k->f_edge = F_IGNORE; /* checked when used on an edge */
        } else if (k->zg_kind) {
            k->f_node = k->f_edge = F_PROP;
        } else if (k->name == NULL || !(k->domain & (FOR_NODE | FOR_EDGE))) {
            k->f_node = k->f_edge = F_IGNORE;
        } else {
            k->f_node = k->f_edge = F_PROP;
            if (strcmp(k->name, "type") == 0)
                k->f_node = k->f_edge = F_TYPE;
            else if (strcmp(k->name, "name") == 0 ||
                     (strcmp(k->name, "label") == 0 && !node_name_key))
                k->f_node = F_NAME;
        }
        if ((k->f_node == F_PROP || k->f_edge == F_PROP) &&
            zg_rule_name(k->name ? k->name : "") != NULL) {
            zg_imp__fail_at(im, ZG_ERR_INVALID, k->at,
                            "<key id='%s'>: attr.name '%s' is not an XML "
                            "name, so it cannot name a zonegraph property",
                            k->id, k->name ? k->name : "");
            if (im->st != ZG_OK)
                return 0;
            /* a checking import goes on without the key */
            k->f_node = k->f_edge = F_IGNORE;
        }
    }
    return list_defaults(im);
}

static void
start_graph(imp *im, pos at, int nb, const xmlChar **attrs)
{
    static const char *const spec[] = {"edgedefault", NULL};
    const char *v[1];

    if (!gattrs(im, "graph", at, nb, attrs, spec, v))
        return;
    if (im->gml->graphs++) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "a second <graph>: zonegraph reads one graph per "
                        "GraphML file");
        return;
    }
    if (v[0] && strcmp(v[0], "directed") != 0 &&
        strcmp(v[0], "undirected") != 0) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "edgedefault='%s' must be directed or undirected",
                        v[0]);
        return;
    }
    resolve_keys(im);
    im->soft = 0; /* a bad key is not a bad <graph> */
}

static void
start_node(imp *im, pos at, int nb, const xmlChar **attrs)
{
    static const char *const spec[] = {"id!", NULL};
    const char *v[1];
    pnode *n = &im->node;

    zg_imp__mark(im);
    if (!gattrs(im, "node", at, nb, attrs, spec, v) ||
        !zg_imp__check_id(im, at, "node id", v[0]))
        return;
    memset(n, 0, sizeof *n);
    n->info.key = v[0];
    n->at = at;
    n->aliases_tail = &n->aliases;
    n->props_tail = &n->props;
    im->gml->serial++;
    im->gml->type = im->gml->name = NULL;
}

static void
start_edge(imp *im, pos at, int nb, const xmlChar **attrs)
{
    static const char *const spec[] = {"source!", "target!", NULL};
    const char *v[2];
    prel *r;

    zg_imp__mark(im);
    if (!gattrs(im, "edge", at, nb, attrs, spec, v))
        return;
    r = zg_arena_alloc(&im->mem, sizeof *r);
    if (r == NULL) {
        zg_imp__fail_at(im, ZG_ERR_NOMEM, at, "out of memory");
        return;
    }
    memset(r, 0, sizeof *r);
    r->from = v[0];
    r->to = v[1];
    r->at = at;
    r->props_tail = &r->props;
    im->rel = r;
    im->gml->serial++;
    im->gml->type = NULL;
    im->gml->basis_given = 0;
}

static void
start_data(imp *im, kind owner, pos at, int nb, const xmlChar **attrs)
{
    static const char *const spec[] = {"key!", NULL};
    const char *v[1];
    zg_imp__gml *g = im->gml;
    unsigned bit = owner == K_G_NODE   ? FOR_NODE
                   : owner == K_G_EDGE ? FOR_EDGE
                                       : FOR_GRAPH;
    gkey *k;
    field f;

    if (!gattrs(im, "data", at, nb, attrs, spec, v))
        return;
    k = find_key(g, v[0]);
    if (k == NULL && zg_imp__skipped(im, 'k', v[0])) {
        zg_imp__skip_quietly(im);
        return;
    }
    if (k == NULL) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "<data key='%s'>: no <key> has that id", v[0]);
        return;
    }
    if (!(k->domain & bit)) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "<data key='%s'>: the key is not for <%s>", v[0],
                        owner == K_G_NODE   ? "node"
                        : owner == K_G_EDGE ? "edge"
                                            : "graph");
        return;
    }
    f = owner == K_G_EDGE ? k->f_edge : k->f_node;
    if (owner == K_G_EDGE && k->zg_field &&
        (strcmp(k->zg_field, "name") == 0 || strcmp(k->zg_field, "en") == 0)) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "<data key='%s'>: edges have no field '%s'", v[0],
                        k->zg_field);
        return;
    }
    if (owner != K_G_GRAPH && f != F_EXT && f != F_IGNORE) {
        if (k->seen == g->serial) {
            zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                            "<data key='%s'> appears twice in one <%s>", v[0],
                            owner == K_G_NODE ? "node" : "edge");
            return;
        }
        k->seen = g->serial;
    }
    g->data = k;
    g->data_at = at;
    g->owner = owner;
}

/* Give the value `v` of key `k` to the open node or edge. */
static void
apply(imp *im, gkey *k, kind owner, const char *v, pos at)
{
    zg_imp__gml *g = im->gml;
    field f = owner == K_G_EDGE ? k->f_edge : k->f_node;
    zg_node_info *n = &im->node.info;
    zg_edge_info *e = im->rel ? &im->rel->info : NULL;
    pprop *p;

    switch (f) {
    case F_TYPE: g->type = v; break;
    case F_NAME: g->name = v; break;
    case F_EN: n->name_en = v; break;
    case F_SINCE: *(e ? &e->since : &n->since) = v; break;
    case F_UNTIL: *(e ? &e->until : &n->until) = v; break;
    case F_SOURCE:
        zg_imp__cite(im, v);
        if (e && zg_imp__check_id(im, at, "source id", v))
            e->source = v;
        else if (!e && zg_imp__check_sources(im, at, v))
            n->sources = v;
        break;
    case F_BASIS:
        zg_imp__check_basis(im, at, v, e ? &e->basis : &n->basis);
        g->basis_given = 1;
        break;
    case F_EVIDENCE:
    case F_NOTE:
        if ((v = zg_imp__trimmed(im, v, strlen(v), at, field_names[f])) ==
            NULL) {
            if (im->st != ZG_OK)
                return;
            v = zg_imp__failed_text; /* reported; not missing too */
        }
        if (f == F_NOTE)
            *(e ? &e->note : &n->note) = v;
        else
            *(e ? &e->evidence : &n->evidence) = v;
        break;
    case F_PROP:
        if ((p = zg_imp__new_prop(im, at)) == NULL)
            return;
        p->p.name = k->name;
        p->p.kind = k->kind;
        p->p.value = v;
        if (k->foreign_bool) {
            if (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0)
                p->p.value = "true";
            else if (strcmp(v, "0") == 0 || strcasecmp(v, "false") == 0)
                p->p.value = "false";
        }
        if (zg_imp__check_value(im, at, &p->p))
            zg_imp__attach_prop(im, p);
        break;
    default: break;
    }
}

static void
end_data(imp *im)
{
    zg_imp__gml *g = im->gml;
    gkey *k = g->data;
    const char *v;
    pos at = g->data_at;

    g->data = NULL;
    if (k == NULL || g->owner == K_G_GRAPH)
        return;
    if ((g->owner == K_G_EDGE ? k->f_edge : k->f_node) == F_EXT)
        return;
    v = zg_arena_strndup(&im->mem, im->text ? im->text : "", im->text_len);
    if (v == NULL) {
        zg_imp__fail_at(im, ZG_ERR_NOMEM, at, "out of memory");
        return;
    }
    apply(im, k, g->owner, v, at);
}

/* The budget for what defaults stand for: the caller's limit, else the
 * size of the input, at least ZG_IMPORT_MIN_DEFAULT_BYTES. */
static size_t
default_budget(const imp *im)
{
    if (im->lim.max_default_bytes)
        return im->lim.max_default_bytes;
    return im->input_size > ZG_IMPORT_MIN_DEFAULT_BYTES
               ? im->input_size
               : ZG_IMPORT_MIN_DEFAULT_BYTES;
}

/*
 * Keys with a <default> the open node or edge has no data for. Each default
 * given becomes a stored property (or field), so together they stay within
 * default_budget(): otherwise many keys with defaults on many empty
 * elements would multiply a small file into a huge graph.
 */
static void
apply_defaults(imp *im, kind owner, pos at)
{
    zg_imp__gml *g = im->gml;
    gkey **keys = owner == K_G_NODE ? g->node_defaults : g->edge_defaults;
    size_t n = owner == K_G_NODE ? g->n_node_defaults : g->n_edge_defaults;
    size_t budget = default_budget(im);

    for (size_t i = 0; i < n && im->st == ZG_OK; i++) {
        gkey *k = keys[i];
        if (k->seen == g->serial)
            continue;
        if (k->deflt_cost > budget - im->default_bytes) {
            zg_imp__fail_at(im, ZG_ERR_LIMIT, at,
                            "the <default>s of GraphML keys would add more "
                            "than %zu bytes, the limit for this input (each "
                            "value given to a node or edge counts %u bytes "
                            "plus its length); the default of key '%s' "
                            "(line %u) crosses it here",
                            budget, ZG_IMPORT_DEFAULT_COST, k->id, k->at.line);
            return;
        }
        im->default_bytes += k->deflt_cost;
        apply(im, k, owner, k->deflt, at);
    }
}

/* The id of node type `name`, declared if new; ZG_NO_ID on failure. */
static zg_id
node_type(imp *im, const char *name, pos at)
{
    zg_id t = zg_graph_nodetype_by_name(im->g, name);
    zg_nodetype_info info;
    zg_error e = {0};

    if (t != ZG_NO_ID)
        return t;
    if (zg_rule_type_name(name) != NULL) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "node type '%s' is not an XML name or is reserved",
                        name);
        return ZG_NO_ID;
    }
    if (!zg_imp__room_for_type(im, at, name))
        return ZG_NO_ID;
    memset(&info, 0, sizeof info);
    info.name = name;
    info.priority = ZG_DEFAULT_PRIORITY;
    if (zg_graph_add_nodetype(im->g, &info, &t, &e) != ZG_OK) {
        zg_imp__fail_graph(im, at, &e);
        return ZG_NO_ID;
    }
    return t;
}

static void
end_node(imp *im)
{
    pnode *n = &im->node;
    zg_imp__gml *g = im->gml;

    apply_defaults(im, K_G_NODE, n->at);
    if (im->st != ZG_OK)
        return;
    n->info.type = node_type(im, g->type ? g->type : "node", n->at);
    n->info.name = g->name ? g->name : n->info.key;
    if (n->info.type == ZG_NO_ID ||
        !zg_imp__check_span(im, n->at, n->info.since, n->info.until)) {
        zg_imp__skip_add(im, 'n', n->info.key);
        return;
    }
    zg_imp__end_node(im);
}

static void
end_edge(imp *im)
{
    prel *r = im->rel;
    zg_imp__gml *g = im->gml;

    apply_defaults(im, K_G_EDGE, r->at);
    if (im->st != ZG_OK)
        return;
    r->type = g->type ? g->type : "related_to";
    if (!g->basis_given)
        r->info.basis = r->info.source ? ZG_BASIS_STATED : ZG_BASIS_INFERRED;
    if (!zg_imp__check_span(im, r->at, r->info.since, r->info.until))
        return;
    if (r->info.source == NULL && r->info.basis != ZG_BASIS_INFERRED) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, r->at,
                        "<edge> needs a source unless its basis is inferred");
        return;
    }
    if (r->info.evidence == NULL && r->info.basis != ZG_BASIS_INFERRED) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, r->at,
                        "<edge> needs evidence unless its basis is inferred");
        return;
    }
    if (zg_graph_reltype_by_name(im->g, r->type) == ZG_NO_ID) {
        zg_reltype_info info;
        zg_error e = {0};
        zg_id id;
        if (zg_rule_name(r->type) != NULL) {
            zg_imp__fail_at(im, ZG_ERR_INVALID, r->at,
                            "relation type '%s' is not an XML name", r->type);
            return;
        }
        memset(&info, 0, sizeof info);
        info.name = r->type;
        info.from = info.to = "*";
        if (zg_graph_add_reltype(im->g, &info, &id, &e) != ZG_OK) {
            zg_imp__fail_graph(im, r->at, &e);
            return;
        }
    }
    if (g->basis_given && r->info.basis == ZG_BASIS_INFERRED &&
        r->info.note == NULL)
        zg_imp__warn(im, r->at, "inferred-without-note",
                     "edge %s -[%s]-> %s is inferred but has no note saying "
                     "why",
                     r->from, r->type, r->to);
    zg_imp__end_relation(im, r);
    im->rel = NULL;
}

/* zonegraph elements inside <data> of the extension key, by the data's
 * owner, and their <evidence>. */
static const zg_imp__child zg_children[] = {
    {K_G_GRAPH, "nodetype", K_NODETYPE}, {K_G_GRAPH, "relationtype", K_RELTYPE},
    {K_G_GRAPH, "source", K_SOURCE},     {K_G_NODE, "alias", K_ALIAS},
    {K_G_NODE, "prop", K_PROP},          {K_G_NODE, "figure", K_FIGURE},
    {K_G_EDGE, "prop", K_PROP},          {K_PROP, "evidence", K_EVIDENCE},
    {K_FIGURE, "evidence", K_EVIDENCE}};

/* GraphML elements under their parents. */
static const zg_imp__child g_children[] = {
    {K_G_ROOT, "key", K_G_KEY},        {K_G_ROOT, "graph", K_G_GRAPH},
    {K_G_ROOT, "data", K_G_SKIP}, /* data on the document */
    {K_G_KEY, "default", K_G_DEFAULT}, {K_G_GRAPH, "node", K_G_NODE},
    {K_G_GRAPH, "edge", K_G_EDGE},     {K_G_GRAPH, "data", K_G_DATA},
    {K_G_NODE, "data", K_G_DATA},      {K_G_EDGE, "data", K_G_DATA}};

/* The kind of a zonegraph element inside <data> of the extension key. */
static kind
zg_child(imp *im, kind parent, const char *name, pos at)
{
    zg_imp__gml *g = im->gml;
    kind k = K_NONE;

    if (parent == K_G_DATA && g->data &&
        (g->owner == K_G_EDGE ? g->data->f_edge : g->data->f_node) == F_EXT)
        parent = g->owner;
    else if (parent != K_PROP && parent != K_FIGURE)
        parent = K_NONE;
    if (parent != K_NONE)
        k = zg_imp__child_of(zg_children,
                             sizeof zg_children / sizeof *zg_children, parent,
                             name);
    if (k == K_NONE)
        zg_imp__fail_at(im, ZG_ERR_INVALID, at, "<zg:%s> is not allowed here",
                        name);
    return k;
}

/* The kind of a GraphML element under `parent`. */
static kind
g_child(imp *im, kind parent, const char *name, pos at)
{
    static const char *const unsupported[] = {"hyperedge", "port", "endpoint",
                                              "locator", NULL};
    kind k = zg_imp__child_of(
        g_children, sizeof g_children / sizeof *g_children, parent, name);

    /* the names below are no GraphML element's child in the table */
    if (k != K_NONE)
        return k;
    if (strcmp(name, "desc") == 0)
        return K_G_SKIP;
    if (zg_rule_one_of(name, unsupported)) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at, "GraphML <%s> is not supported",
                        name);
        return K_NONE;
    }
    if (parent == K_G_NODE && strcmp(name, "graph") == 0) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "nested graphs are not supported");
        return K_NONE;
    }
    zg_imp__fail_at(im, ZG_ERR_INVALID, at, "<%s> is not allowed here", name);
    return K_NONE;
}

void
zg_imp__graphml_start(imp *im, const char *localname, const char *prefix,
                      const char *uri, pos at, int nb_attrs,
                      const xmlChar **attrs)
{
    kind parent = im->stack[im->depth - 1], k;

    (void)prefix;
    if (parent == K_G_SKIP || (uri && strcmp(uri, ZG_IMP_GRAPHML_NS) != 0 &&
                               strcmp(uri, ZG_IMP_ZG_NS) != 0)) {
        im->stack[im->depth++] = K_G_SKIP;
        return;
    }
    if (uri && strcmp(uri, ZG_IMP_ZG_NS) == 0) {
        if ((k = zg_child(im, parent, localname, at)) != K_NONE)
            zg_imp__element(im, k, localname, at, nb_attrs, attrs);
        return;
    }
    if (uri == NULL) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "<%s> has no namespace; GraphML elements are in "
                        "xmlns=\"" ZG_IMP_GRAPHML_NS "\"",
                        localname);
        return;
    }
    if (parent == K_G_DATA || parent == K_G_DEFAULT) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at, "<%s> is not allowed here",
                        localname);
        return;
    }
    if ((k = g_child(im, parent, localname, at)) == K_NONE)
        return;
    im->stack[im->depth++] = k;
    im->text_len = 0;
    switch (k) {
    case K_G_KEY: start_key(im, at, nb_attrs, attrs); break;
    case K_G_GRAPH: start_graph(im, at, nb_attrs, attrs); break;
    case K_G_NODE: start_node(im, at, nb_attrs, attrs); break;
    case K_G_EDGE: start_edge(im, at, nb_attrs, attrs); break;
    case K_G_DATA: start_data(im, parent, at, nb_attrs, attrs); break;
    default: break;
    }
}

void
zg_imp__graphml_end(imp *im)
{
    kind k = im->stack[--im->depth];
    zg_imp__gml *g = im->gml;

    switch (k) {
    case K_G_DEFAULT: {
        gkey *key = &g->keys[g->n_keys - 1];
        if (key->deflt) {
            zg_imp__fail_at(im, ZG_ERR_INVALID, zg_imp__here(im),
                            "<key id='%s'> has two <default>s", key->id);
            break;
        }
        key->deflt =
            zg_arena_strndup(&im->mem, im->text ? im->text : "", im->text_len);
        if (key->deflt == NULL)
            zg_imp__fail_at(im, ZG_ERR_NOMEM, zg_imp__here(im),
                            "out of memory");
        break;
    }
    case K_G_DATA: end_data(im); break;
    case K_G_NODE: end_node(im); break;
    case K_G_EDGE: end_edge(im); break;
    default: break;
    }
    im->text_len = 0;
}
