/* SPDX-License-Identifier: MIT */
/* Graph store tests: building, duplicates and merges across transactions,
 * rollback, adjacency, lookup folding, priority and ambiguity, search, and
 * the text and error helpers the graph relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "graph_internal.h"
#include "zg_graph.h"
#include "zg_text.h"

#include "../support/time_budget.h"

typedef struct fx {
    zg_graph *g;
    zg_id zone, city, sector, rel_loc, rel_focus;
    zg_id hz, hz_city, gz, mfg;
} fx;

static zg_id
node(zg_graph *g, const char *key, zg_id type, const char *name, const char *en)
{
    zg_node_info n;
    zg_id id = ZG_NO_ID;
    zg_error err = {0};

    memset(&n, 0, sizeof n);
    n.key = key;
    n.type = type;
    n.name = name;
    n.name_en = en;
    assert_int_equal(zg_graph_add_node(g, &n, &id, NULL, &err), ZG_OK);
    return id;
}

static zg_id
edge(zg_graph *g, zg_id from, zg_id type, zg_id to, const char *evidence)
{
    zg_edge_info e;
    zg_id id = ZG_NO_ID;
    zg_error err = {0};

    memset(&e, 0, sizeof e);
    e.from = from;
    e.type = type;
    e.to = to;
    e.source = "s";
    e.evidence = evidence;
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
    return id;
}

static int
setup(void **state)
{
    static fx f;
    zg_error err = {0};
    zg_nodetype_info t = {0};
    zg_reltype_info r = {0};
    zg_source_info s = {0};
    zg_id sid;

    memset(&f, 0, sizeof f);
    if (zg_graph_new(&f.g, &err) != ZG_OK)
        return -1;
    assert_int_equal(zg_graph_begin(f.g, &err), ZG_OK);
    t.name = "zone";
    t.priority = 1;
    assert_int_equal(zg_graph_add_nodetype(f.g, &t, &f.zone, &err), ZG_OK);
    t.name = "city";
    t.priority = 50;
    assert_int_equal(zg_graph_add_nodetype(f.g, &t, &f.city, &err), ZG_OK);
    t.name = "sector";
    t.priority = ZG_DEFAULT_PRIORITY;
    assert_int_equal(zg_graph_add_nodetype(f.g, &t, &f.sector, &err), ZG_OK);
    r.name = "located_in";
    r.from = "zone";
    r.to = "city";
    assert_int_equal(zg_graph_add_reltype(f.g, &r, &f.rel_loc, &err), ZG_OK);
    r.name = "focuses_on";
    r.from = "zone";
    r.to = "sector";
    assert_int_equal(zg_graph_add_reltype(f.g, &r, &f.rel_focus, &err), ZG_OK);
    s.id = "s";
    s.title = "source";
    assert_int_equal(zg_graph_add_source(f.g, &s, &sid, &err), ZG_OK);
    f.hz = node(f.g, "zone-hangzhou", f.zone, "杭州国家人工智能创新应用先导区",
                "Hangzhou Pilot Zone");
    f.hz_city = node(f.g, "city-hangzhou", f.city, "杭州市", "Hangzhou City");
    f.gz = node(f.g, "zone-guangzhou", f.zone, "广州国家人工智能创新应用先导区",
                "Guangzhou Pilot Zone");
    f.mfg =
        node(f.g, "sector-mfg", f.sector, "智能制造", "Smart Manufacturing");
    assert_int_equal(zg_graph_add_alias(f.g, f.hz, "杭州", NULL, &err), ZG_OK);
    assert_int_equal(zg_graph_add_alias(f.g, f.hz, "杭州", NULL, &err), ZG_OK);
    assert_int_equal(zg_graph_add_alias(f.g, f.hz_city, "杭州", NULL, &err),
                     ZG_OK);
    assert_int_equal(zg_graph_add_alias(f.g, f.gz, "广州", NULL, &err), ZG_OK);
    edge(f.g, f.hz, f.rel_loc, f.hz_city, "杭州先导区在杭州。");
    edge(f.g, f.hz, f.rel_focus, f.mfg, "杭州聚焦智能制造。");
    edge(f.g, f.gz, f.rel_focus, f.mfg, "广州聚焦智能制造。");
    assert_int_equal(zg_graph_commit(f.g, &err), ZG_OK);
    *state = &f;
    return 0;
}

static int
teardown(void **state)
{
    fx *f = *state;
    zg_graph_free(f->g);
    return 0;
}

static void
test_free_null(void **state)
{
    (void)state;
    zg_graph_free(NULL);
    zg_folder_free(NULL);
    zg_error_clear(NULL);
}

static void
test_counts_and_adjacency(void **state)
{
    fx *f = *state;
    const zg_id *es;
    const zg_alias *al;

    assert_int_equal(zg_graph_node_count(f->g), 4);
    assert_int_equal(zg_graph_edge_count(f->g), 3);
    assert_int_equal(zg_graph_out_edges(f->g, f->hz, &es), 2);
    assert_int_equal(zg_graph_edge_to(f->g, es[0]), f->hz_city);
    assert_int_equal(zg_graph_edge_to(f->g, es[1]), f->mfg);
    assert_int_equal(zg_graph_in_edges(f->g, f->mfg, &es), 2);
    assert_int_equal(zg_graph_edge_from(f->g, es[0]), f->hz);
    assert_int_equal(zg_graph_edge_from(f->g, es[1]), f->gz);
    assert_int_equal(zg_graph_in_edges(f->g, f->hz, &es), 0);
    /* the repeated alias was stored once */
    assert_int_equal(zg_graph_node_aliases(f->g, f->hz, &al), 1);
    assert_true(zg_graph_reltype_allows_from(f->g, f->rel_loc, f->zone));
    assert_false(zg_graph_reltype_allows_from(f->g, f->rel_loc, f->city));
}

/* The adjacency walk hands out a node's edges in one direction, each with
 * the node at its far end, and resumes where it was. */
static void
test_adjacency_walk(void **state)
{
    fx *f = *state;
    zg_adjacency a = zg_graph_adjacency(f->g, f->hz, 1), b;
    zg_id e = ZG_NO_ID, far = ZG_NO_ID;

    assert_int_equal(a.count, 2);
    assert_true(zg_graph_adj_next(&a, &e, &far));
    assert_int_equal(zg_graph_edge_from(f->g, e), f->hz);
    assert_int_equal(zg_graph_edge_to(f->g, e), far);
    assert_int_equal(far, f->hz_city);
    b = a; /* a copy goes on from the same place */
    assert_true(zg_graph_adj_next(&a, &e, &far));
    assert_int_equal(far, f->mfg);
    assert_false(zg_graph_adj_next(&a, &e, &far));
    assert_true(zg_graph_adj_next(&b, &e, &far));
    assert_int_equal(far, f->mfg);

    /* Against the relations: the far end is where they come from. */
    a = zg_graph_adjacency(f->g, f->mfg, 0);
    assert_int_equal(a.count, 2);
    assert_true(zg_graph_adj_next(&a, &e, &far));
    assert_int_equal(far, f->hz);
    assert_int_equal(zg_graph_edge_to(f->g, e), f->mfg);
    assert_true(zg_graph_adj_next(&a, &e, &far));
    assert_int_equal(far, f->gz);
    assert_false(zg_graph_adj_next(&a, &e, &far));

    a = zg_graph_adjacency(f->g, f->hz, 0);
    assert_int_equal(a.count, 0);
    assert_false(zg_graph_adj_next(&a, &e, &far));
}

/* For every node and direction, the far node the walk hands out beside
 * each edge is that edge's other end. */
static void
check_far_ends(const zg_graph *g)
{
    for (zg_id n = 0; n < zg_graph_node_count(g); n++)
        for (int outward = 0; outward < 2; outward++) {
            zg_adjacency a = zg_graph_adjacency(g, n, outward);
            zg_id e, far;
            size_t k = 0;
            while (zg_graph_adj_next(&a, &e, &far)) {
                assert_int_equal(outward ? zg_graph_edge_from(g, e)
                                         : zg_graph_edge_to(g, e),
                                 n);
                assert_int_equal(outward ? zg_graph_edge_to(g, e)
                                         : zg_graph_edge_from(g, e),
                                 far);
                k++;
            }
            assert_int_equal(k, a.count);
        }
}

/* The edges zg_graph_edge_repeats() reports: the first few and how many. */
typedef struct repeats {
    zg_id e[4];
    size_t n;
} repeats;

static void
collect_repeat(void *ctx, zg_id e)
{
    repeats *r = ctx;

    if (r->n < sizeof r->e / sizeof *r->e)
        r->e[r->n] = e;
    r->n++;
}

/* Set `e` to an inferred relation from gz to hz_city, with nothing else. */
static void
bare_relation(const fx *f, zg_edge_info *e)
{
    memset(e, 0, sizeof *e);
    e->from = f->gz;
    e->type = f->rel_loc;
    e->to = f->hz_city;
    e->basis = ZG_BASIS_INFERRED;
}

/* Make `e` a relation from hz to mfg resting on `evidence` in source s. */
static void
cited_relation(const fx *f, zg_edge_info *e, zg_basis basis,
               const char *evidence)
{
    e->from = f->hz;
    e->type = f->rel_focus;
    e->to = f->mfg;
    e->basis = basis;
    e->source = "s";
    e->evidence = evidence;
}

/* A relation without source, evidence, note, since or until keeps only
 * its basis; one with any of them keeps a provenance record. Both read
 * back whole, through the accessors and zg_graph_edge_get(), merge with
 * an identical relation in a later transaction, and roll back. */
static void
test_edge_columns(void **state)
{
    fx *f = *state;
    zg_graph *g = f->g;
    zg_error err = {0};
    zg_edge_info e, x;
    zg_id bare, noted, id;
    size_t provs = g->n_provs;
    repeats rep = {{0}, 0};

    assert_int_equal(provs, 3); /* the fixture's edges cite a source */
    /* The same relation twice in a transaction, the second with a note
     * (not part of its identity): the second is the repeat, and commit
     * refuses it and rolls back. */
    bare_relation(f, &e);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    assert_int_equal(zg_graph_add_edge(g, &e, &bare, &err), ZG_OK);
    e.note = "general knowledge";
    e.since = "2019";
    assert_int_equal(zg_graph_add_edge(g, &e, &noted, &err), ZG_OK);
    assert_int_equal(zg_graph_edge_repeats(g, collect_repeat, &rep, &err),
                     ZG_OK);
    assert_int_equal(rep.n, 1);
    assert_int_equal(rep.e[0], noted);
    assert_int_equal(zg_graph_commit(g, &err), ZG_ERR_INVALID);
    assert_string_equal(err.msg, "duplicate relation zone-guangzhou "
                                 "-[located_in]-> city-hangzhou");
    zg_error_clear(&err);
    assert_int_equal(zg_graph_edge_count(g), 3);
    assert_int_equal(g->n_provs, provs);
    assert_int_equal(zg_graph_edge_repeats(g, collect_repeat, &rep, &err),
                     ZG_ERR_INVALID); /* outside a transaction */
    zg_error_clear(&err);

    bare_relation(f, &e);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    assert_int_equal(zg_graph_add_edge(g, &e, &bare, &err), ZG_OK);
    assert_int_equal(g->n_provs, provs);
    e.note = "general knowledge";
    e.since = "2019";
    cited_relation(f, &e, ZG_BASIS_IMPLIED, "另一句。");
    assert_int_equal(zg_graph_add_edge(g, &e, &noted, &err), ZG_OK);
    assert_int_equal(g->n_provs, provs + 1);
    /* read back inside the transaction, before any index */
    zg_graph_edge_get(g, bare, &x);
    assert_int_equal(x.from, f->gz);
    assert_int_equal(x.type, f->rel_loc);
    assert_int_equal(x.to, f->hz_city);
    assert_int_equal(x.basis, ZG_BASIS_INFERRED);
    assert_null(x.source);
    assert_null(x.evidence);
    assert_null(x.note);
    assert_null(x.since);
    assert_null(x.until);
    zg_graph_edge_get(g, noted, &x);
    assert_int_equal(x.basis, ZG_BASIS_IMPLIED);
    assert_int_equal(zg_graph_edge_basis(g, noted), ZG_BASIS_IMPLIED);
    assert_string_equal(x.source, "s");
    assert_string_equal(x.evidence, "另一句。");
    assert_string_equal(x.note, "general knowledge");
    assert_string_equal(x.since, "2019");
    assert_null(x.until);
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
    assert_int_equal(zg_graph_edge_basis(g, 0), ZG_BASIS_STATED);
    assert_int_equal(zg_graph_edge_basis(g, bare), ZG_BASIS_INFERRED);
    assert_int_equal(zg_graph_edge_type(g, noted), f->rel_focus);
    check_far_ends(g);

    /* A later transaction: the identical bare relation merges; new ones
     * and their provenance go with a rollback. */
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    bare_relation(f, &e);
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
    assert_int_equal(id, bare);
    e.until = "2030";
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
    assert_int_equal(id, bare); /* not part of a relation's identity */
    e.until = NULL;
    e.note = "n";
    cited_relation(f, &e, ZG_BASIS_STATED, "再一句。");
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
    assert_int_equal(g->n_provs, provs + 2);
    zg_graph_rollback(g);
    assert_int_equal(g->n_provs, provs + 1);
    assert_int_equal(zg_graph_edge_count(g), 5);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    e.note = NULL;
    e.evidence = "又一句。";
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
    assert_int_equal(id, 5);
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
    zg_graph_edge_get(g, id, &x);
    assert_string_equal(x.evidence, "又一句。");
    assert_null(x.note);
    assert_int_equal(x.basis, ZG_BASIS_STATED);
    check_far_ends(g);
}

static void
test_rules(void **state)
{
    fx *f = *state;
    zg_error err = {0};
    zg_node_info n = {0};
    zg_edge_info e = {0};
    zg_prop p = {0};
    zg_id id;
    int merged = 0;

    assert_int_equal(zg_graph_add_edge(f->g, &e, &id, &err), ZG_ERR_INVALID);
    assert_string_equal(err.msg, "graph changes need an open transaction");
    zg_error_clear(&err);
    assert_int_equal(zg_graph_begin(f->g, &err), ZG_OK);
    assert_int_equal(zg_graph_begin(f->g, &err), ZG_ERR_INVALID);
    /* endpoint types */
    zg_error_clear(&err);
    e.from = f->mfg;
    e.type = f->rel_focus;
    e.to = f->hz;
    e.source = "s";
    assert_int_equal(zg_graph_add_edge(f->g, &e, &id, &err), ZG_ERR_INVALID);
    assert_string_equal(err.msg,
                        "relation 'focuses_on' is not allowed from sector "
                        "'sector-mfg' to zone 'zone-hangzhou' (it links zone "
                        "to sector)");
    /* unknown source */
    zg_error_clear(&err);
    e.from = f->hz;
    e.to = f->mfg;
    e.source = "nope";
    assert_int_equal(zg_graph_add_edge(f->g, &e, &id, &err), ZG_ERR_INVALID);
    assert_string_equal(err.msg, "unknown source 'nope'");
    /* an identical edge from an earlier transaction merges */
    zg_error_clear(&err);
    e.source = "s";
    e.evidence = "杭州聚焦智能制造。";
    assert_int_equal(zg_graph_add_edge(f->g, &e, &id, &err), ZG_OK);
    assert_int_equal(zg_graph_edge_count(f->g), 3);
    /* a node repeated from an earlier transaction merges, a conflict fails */
    n.key = "city-hangzhou";
    n.type = f->city;
    n.name = "杭州市";
    assert_int_equal(zg_graph_add_node(f->g, &n, &id, &merged, &err), ZG_OK);
    assert_int_equal(merged, 1);
    assert_int_equal(id, f->hz_city);
    n.name = "杭州";
    assert_int_equal(zg_graph_add_node(f->g, &n, &id, &merged, &err),
                     ZG_ERR_INVALID);
    /* a duplicate within one transaction fails */
    zg_error_clear(&err);
    n.key = "new";
    n.name = "新";
    assert_int_equal(zg_graph_add_node(f->g, &n, &id, NULL, &err), ZG_OK);
    assert_int_equal(zg_graph_add_node(f->g, &n, &id, NULL, &err),
                     ZG_ERR_INVALID);
    assert_string_equal(err.msg, "duplicate id 'new'");
    /* properties: identical repeats are ignored, different ones fail */
    zg_error_clear(&err);
    p.name = "batch";
    p.value = "2";
    p.number = 2;
    p.kind = ZG_PROP_INTEGER;
    assert_int_equal(zg_graph_add_node_prop(f->g, id, &p, &err), ZG_OK);
    assert_int_equal(zg_graph_add_node_prop(f->g, id, &p, &err), ZG_OK);
    p.value = "1";
    p.number = 1;
    assert_int_equal(zg_graph_add_node_prop(f->g, id, &p, &err),
                     ZG_ERR_INVALID);
    assert_string_equal(err.msg, "property 'batch' is given twice with "
                                 "different values");
    zg_graph_rollback(f->g);
}

/* ---- the value rules: what zg_graph_add_* refuses ---- */

/* Which call a case makes, on the fixture's graph. */
typedef enum odd_call {
    O_TYPE,
    O_REL,
    O_SOURCE,
    O_NODE,
    O_ALIAS, /* to zone-hangzhou, text "别名", language `lang` */
    O_NPROP, /* on zone-hangzhou */
    O_EDGE,
    O_EPROP /* on edge 0, zone-hangzhou -located_in-> city-hangzhou */
} odd_call;

typedef struct odd {
    odd_call call;
    zg_nodetype_info t;
    zg_reltype_info r;
    zg_source_info s;
    zg_node_info n;
    const char *lang;
    zg_prop p;
    zg_edge_info e;
    const char *msg; /* the whole message */
} odd;

#define DATE_RULE "a date (YYYY, YYYY-MM or YYYY-MM-DD)"
#define ID_RULE "non-empty, without white space at either end or a newline"
#define HZ "node 'zone-hangzhou': "
#define EDGE0 "relation 'located_in' from 'zone-hangzhou' to 'city-hangzhou': "
/* A valid figure of zone-hangzhou but for what a case adds. */
#define FIG .name = "f", .kind = ZG_PROP_FIGURE, .value = "1.5", .number = 1.5

static const odd odds[] = {
    /* node types */
    {O_TYPE, .t = {.name = "a b"},
     .msg = "node type 'a b': name 'a b' must be a word without white "
            "space, other than *"},
    {O_TYPE, .t = {.name = "*"},
     .msg = "node type '*': name '*' must be a word without white space, "
            "other than *"},
    {O_TYPE, .t = {.name = "t", .shape = "record"},
     .msg = "node type 't': shape 'record' must be a shape zonegraph draws"},
    {O_TYPE, .t = {.name = "t", .shape = ""},
     .msg = "node type 't': shape '' must be a shape zonegraph draws"},
    {O_TYPE, .t = {.name = "t", .colour = "red"},
     .msg = "node type 't': colour 'red' must be of the form #rrggbb"},
    {O_TYPE, .t = {.name = "t", .colour = "not a colour!"},
     .msg = "node type 't': colour 'not a colour!' must be of the form "
            "#rrggbb"},
    /* what the message quotes is shown escaped */
    {O_TYPE, .t = {.name = "t", .colour = "#\x1b[2J\xc2\x9b"},
     .msg = "node type 't': colour '#\\x1B[2J\\u009B' must be of the form "
            "#rrggbb"},
    {O_TYPE, .t = {.name = "t", .priority = 1000001},
     .msg = "node type 't': priority 1000001 is above 1000000"},
    {O_TYPE, .t = {.name = "t", .priority = 4294967295u},
     .msg = "node type 't': priority 4294967295 is above 1000000"},
    /* relation types */
    {O_REL, .r = {.name = "r", .to = "zone"},
     .msg = "relation type 'r': from (node types, or *) is missing"},
    {O_REL, .r = {.name = "r", .from = "*"},
     .msg = "relation type 'r': to (node types, or *) is missing"},
    /* sources */
    {O_SOURCE, .s = {.id = " s", .title = "T"},
     .msg = "source ' s': id ' s' must be " ID_RULE},
    {O_SOURCE, .s = {.id = "s\n", .title = "T"},
     .msg = "source 's\\x0A': id 's\\x0A' must be " ID_RULE},
    {O_SOURCE, .s = {.id = "s2", .title = "T", .date = "2020-13"},
     .msg = "source 's2': date '2020-13' must be " DATE_RULE},
    {O_SOURCE, .s = {.id = "s2", .title = "T", .date = "soon"},
     .msg = "source 's2': date 'soon' must be " DATE_RULE},
    /* nodes */
    {O_NODE, .n = {.key = " k", .name = "N"},
     .msg = "node ' k': id ' k' must be " ID_RULE},
    {O_NODE, .n = {.key = "k\t", .name = "N"},
     .msg = "node 'k\\x09': id 'k\\x09' must be " ID_RULE},
    {O_NODE, .n = {.key = "\rk", .name = "N"},
     .msg = "node '\\x0Dk': id '\\x0Dk' must be " ID_RULE},
    {O_NODE, .n = {.key = "k\r", .name = "N"},
     .msg = "node 'k\\x0D': id 'k\\x0D' must be " ID_RULE},
    {O_NODE, .n = {.key = "a\nb", .name = "N"},
     .msg = "node 'a\\x0Ab': id 'a\\x0Ab' must be " ID_RULE},
    {O_NODE, .n = {.key = "k", .name = "N", .since = "2021-02-29"},
     .msg = "node 'k': since '2021-02-29' must be " DATE_RULE},
    {O_NODE, .n = {.key = "k", .name = "N", .until = "2021-1"},
     .msg = "node 'k': until '2021-1' must be " DATE_RULE},
    {O_NODE, .n = {.key = "k", .name = "N", .since = "2020", .until = "2019"},
     .msg = "node 'k': until '2019' is before since '2020'"},
    {O_NODE, .n = {.key = "k", .name = "N", .sources = ""},
     .msg = "node 'k': source '' must be one or more ids separated by "
            "spaces"},
    {O_NODE, .n = {.key = "k", .name = "N", .sources = "  "},
     .msg = "node 'k': source '  ' must be one or more ids separated by "
            "spaces"},
    {O_NODE, .n = {.key = "k", .name = "N", .basis = (zg_basis)3},
     .msg = "node 'k': basis 3 must be stated, implied or inferred"},
    /* aliases */
    {O_ALIAS, .lang = "en us",
     .msg = HZ "alias lang 'en us' must be a language tag such as en or "
               "zh-Hant"},
    {O_ALIAS, .lang = "",
     .msg = HZ "alias lang '' must be a language tag such as en or zh-Hant"},
    {O_ALIAS, .lang = "toolonglanguage",
     .msg = HZ "alias lang 'toolonglanguage' must be a language tag such as "
               "en or zh-Hant"},
    /* properties: the value as its kind reads it, and the number it says */
    {O_NPROP, .p = {.name = "", .value = "v"},
     .msg = HZ "property '': a property needs a name"},
    {O_NPROP, .p = {.name = "p", .value = "v", .kind = (zg_prop_kind)9},
     .msg = HZ "property 'p': kind 9 is no kind zonegraph knows"},
    {O_NPROP, .p = {.name = "p", .value = "1.5", .kind = ZG_PROP_INTEGER},
     .msg = HZ "property 'p': value '1.5' must be an integer"},
    {O_NPROP, .p = {.name = "p", .value = " 7", .kind = ZG_PROP_INTEGER},
     .msg = HZ "property 'p': value ' 7' must be an integer"},
    {O_NPROP,
     .p = {.name = "p", .value = "12", .number = 13, .kind = ZG_PROP_INTEGER},
     .msg = HZ "property 'p': number 13 is not what the value '12' says"},
    {O_NPROP, .p = {.name = "p", .value = "nan", .kind = ZG_PROP_NUMBER},
     .msg = HZ "property 'p': value 'nan' must be a number"},
    {O_NPROP, .p = {.name = "p", .value = "2020-02-30", .kind = ZG_PROP_DATE},
     .msg = HZ "property 'p': value '2020-02-30' must be " DATE_RULE},
    {O_NPROP, .p = {.name = "p", .value = "yes", .kind = ZG_PROP_BOOLEAN},
     .msg = HZ "property 'p': value 'yes' must be true or false"},
    {O_NPROP, .p = {.name = "p", .value = "v", .number = 1},
     .msg = HZ "property 'p': number 1 is not what the value 'v' says"},
    {O_NPROP, .p = {.name = "p", .value = "v", .unit = "%"},
     .msg = HZ "property 'p': only a figure has labels, unit, date, approx, "
               "kind or base"},
    {O_NPROP, .p = {.name = "p", .value = "v", .approx = "exact"},
     .msg = HZ "property 'p': only a figure has labels, unit, date, approx, "
               "kind or base"},
    {O_NPROP, .p = {.name = "p", .value = "v", .since = "later"},
     .msg = HZ "property 'p': since 'later' must be " DATE_RULE},
    {O_NPROP, .p = {.name = "p", .value = "v", .source = "s "},
     .msg = HZ "property 'p': source 's ' must be " ID_RULE},
    /* figures */
    {O_NPROP,
     .p = {FIG, .unit = "%", .source = "s", .approx = "exact",
           .figure_kind = "actual", .since = "2020"},
     .msg = HZ "figure 'f': a figure has no since or until (its date says "
               "when)"},
    {O_NPROP,
     .p = {FIG, .source = "s", .approx = "exact", .figure_kind = "actual"},
     .msg = HZ "figure 'f': unit is missing"},
    {O_NPROP,
     .p = {FIG, .unit = "%", .approx = "exact", .figure_kind = "actual"},
     .msg = HZ "figure 'f': source is missing"},
    {O_NPROP, .p = {FIG, .unit = "%", .source = "s", .figure_kind = "actual"},
     .msg = HZ "figure 'f': approx is missing"},
    {O_NPROP, .p = {FIG, .unit = "%", .source = "s", .approx = "exact"},
     .msg = HZ "figure 'f': kind is missing"},
    {O_NPROP,
     .p = {FIG, .unit = "%", .source = "s", .approx = "roughly",
           .figure_kind = "actual"},
     .msg = HZ "figure 'f': approx 'roughly' must be exact, over, nearly, "
               "about or under"},
    {O_NPROP,
     .p = {FIG, .unit = "%", .source = "s", .approx = "exact",
           .figure_kind = "guess"},
     .msg = HZ "figure 'f': kind 'guess' must be actual, target, forecast or "
               "estimate"},
    {O_NPROP,
     .p = {FIG, .unit = "%", .source = "s", .approx = "exact",
           .figure_kind = "actual", .date = "2020-13"},
     .msg = HZ "figure 'f': date '2020-13' must be " DATE_RULE},
    {O_NPROP,
     .p = {FIG, .unit = "%", .source = "s", .approx = "exact",
           .figure_kind = "actual", .base = "last year"},
     .msg = HZ "figure 'f': base 'last year' must be " DATE_RULE},
    {O_NPROP,
     .p = {.name = "f",
           .kind = ZG_PROP_FIGURE,
           .value = "1e5",
           .unit = "%",
           .source = "s",
           .approx = "exact",
           .figure_kind = "actual"},
     .msg = HZ "figure 'f': value '1e5' must be a decimal number of at most "
               "24 digits"},
    /* relations */
    {O_EDGE, .e = {.from = 0, .type = 1, .to = 3, .evidence = "E"},
     .msg = "relation 'focuses_on' from 'zone-hangzhou' to 'sector-mfg': a "
            "relation needs a source and evidence unless its basis is "
            "inferred"},
    {O_EDGE,
     .e = {.from = 0,
           .type = 1,
           .to = 3,
           .source = "s",
           .basis = ZG_BASIS_IMPLIED},
     .msg = "relation 'focuses_on' from 'zone-hangzhou' to 'sector-mfg': a "
            "relation needs a source and evidence unless its basis is "
            "inferred"},
    {O_EDGE,
     .e = {.from = 0, .type = 1, .to = 3, .source = " s", .evidence = "E"},
     .msg = "relation 'focuses_on' from 'zone-hangzhou' to 'sector-mfg': "
            "source ' s' must be " ID_RULE},
    {O_EDGE,
     .e = {.from = 0,
           .type = 1,
           .to = 3,
           .source = "s",
           .evidence = "E",
           .since = "later"},
     .msg = "relation 'focuses_on' from 'zone-hangzhou' to 'sector-mfg': "
            "since 'later' must be " DATE_RULE},
    {O_EDGE,
     .e = {.from = 0,
           .type = 1,
           .to = 3,
           .basis = (zg_basis)7,
           .since = "2020",
           .until = "2019"},
     .msg = "relation 'focuses_on' from 'zone-hangzhou' to 'sector-mfg': "
            "basis 7 must be stated, implied or inferred"},
    {O_EDGE,
     .e = {.from = 0,
           .type = 1,
           .to = 3,
           .basis = ZG_BASIS_INFERRED,
           .since = "2020",
           .until = "2019"},
     .msg = "relation 'focuses_on' from 'zone-hangzhou' to 'sector-mfg': "
            "until '2019' is before since '2020'"},
    {O_EPROP,
     .p = {FIG, .unit = "%", .source = "s", .approx = "exact",
           .figure_kind = "actual"},
     .msg = EDGE0 "figure 'f': relations cannot carry figures"},
    {O_EPROP, .p = {.name = "p", .value = "x", .kind = ZG_PROP_BOOLEAN},
     .msg = EDGE0 "property 'p': value 'x' must be true or false"},
};

/* Make the call of `o` on the fixture's graph, in a transaction of its
 * own that is then rolled back. */
static zg_status
odd_call_on(fx *f, const odd *o, zg_error *err)
{
    zg_id id;
    zg_status st = ZG_OK;

    assert_int_equal(zg_graph_begin(f->g, err), ZG_OK);
    switch (o->call) {
    case O_TYPE: st = zg_graph_add_nodetype(f->g, &o->t, &id, err); break;
    case O_REL: st = zg_graph_add_reltype(f->g, &o->r, &id, err); break;
    case O_SOURCE: st = zg_graph_add_source(f->g, &o->s, &id, err); break;
    case O_NODE: st = zg_graph_add_node(f->g, &o->n, &id, NULL, err); break;
    case O_ALIAS:
        st = zg_graph_add_alias(f->g, f->hz, "别名", o->lang, err);
        break;
    case O_NPROP: st = zg_graph_add_node_prop(f->g, f->hz, &o->p, err); break;
    case O_EDGE: st = zg_graph_add_edge(f->g, &o->e, &id, err); break;
    case O_EPROP: st = zg_graph_add_edge_prop(f->g, 0, &o->p, err); break;
    }
    zg_graph_rollback(f->g);
    return st;
}

/* Each value the rules refuse is refused by the call that would add it,
 * with a message naming the record, the field and the value. */
static void
test_value_rules(void **state)
{
    fx *f = *state;
    unsigned failed = 0;

    for (size_t i = 0; i < sizeof odds / sizeof odds[0]; i++) {
        zg_error err = {0};
        zg_status st = odd_call_on(f, &odds[i], &err);
        if (st != ZG_ERR_INVALID || strcmp(err.msg, odds[i].msg) != 0) {
            print_error("odds[%zu]: status %d, message\n  '%s', expected\n  "
                        "'%s'\n",
                        i, (int)st, err.msg, odds[i].msg);
            failed++;
        }
    }
    if (failed)
        fail_msg("%u of the rules not kept", failed);
    /* nothing of a refused call stays */
    assert_int_equal(zg_graph_node_count(f->g), 4);
    assert_int_equal(zg_graph_edge_count(f->g), 3);
    assert_int_equal(zg_graph_nodetype_count(f->g), 3);
    assert_int_equal(zg_graph_reltype_count(f->g), 2);
    assert_int_equal(zg_graph_source_count(f->g), 1);
}

/* What the rules allow is taken: an inferred relation without source or
 * evidence, a figure without a date, defaults. */
static void
test_value_rules_allow(void **state)
{
    fx *f = *state;
    zg_error err = {0};
    static const odd ok[] = {
        {O_EDGE,
         .e = {.from = 0, .type = 1, .to = 3, .basis = ZG_BASIS_INFERRED}},
        {O_NPROP, .p = {FIG, .unit = "%", .source = "s", .approx = "about",
                        .figure_kind = "target", .base = "2019"}},
        {O_NPROP, .p = {.name = "p",
                        .value = "-12",
                        .number = -12,
                        .kind = ZG_PROP_INTEGER,
                        .since = "2020",
                        .until = "2020-06"}},
        {O_NPROP, .p = {.name = "p",
                        .value = "1e5",
                        .number = 1e5,
                        .kind = ZG_PROP_NUMBER}},
        {O_TYPE, .t = {.name = "t",
                       .shape = "box",
                       .colour = "#A0b1C2",
                       .priority = 1000000}},
        {O_REL, .r = {.name = "r2", .from = "*", .to = "zone city"}},
        {O_SOURCE, .s = {.id = "s2", .title = "T", .date = "0000"}},
        {O_NODE, .n = {.key = "k",
                       .name = "N",
                       .sources = " s  s ",
                       .since = "2020-02-29",
                       .until = "2020-02",
                       .basis = ZG_BASIS_IMPLIED}},
        {O_ALIAS, .lang = "zh-Hant"},
    };

    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        zg_status st = odd_call_on(f, &ok[i], &err);
        if (st != ZG_OK)
            fail_msg("ok[%zu]: %s", i, err.msg);
    }
}

/* A node given since in one file and until in the next must still have
 * until not before since. */
static void
test_merged_period(void **state)
{
    fx *f = *state;
    zg_error err = {0};
    zg_node_info n = {0};
    zg_id id;

    assert_int_equal(zg_graph_begin(f->g, &err), ZG_OK);
    n.key = "k";
    n.type = f->zone;
    n.name = "N";
    n.since = "2020";
    assert_int_equal(zg_graph_add_node(f->g, &n, &id, NULL, &err), ZG_OK);
    assert_int_equal(zg_graph_commit(f->g, &err), ZG_OK);
    assert_int_equal(zg_graph_begin(f->g, &err), ZG_OK);
    n.since = NULL;
    n.until = "2019-12";
    assert_int_equal(zg_graph_add_node(f->g, &n, &id, NULL, &err),
                     ZG_ERR_INVALID);
    assert_string_equal(err.msg,
                        "node 'k': until '2019-12' is before since '2020'");
    /* a since that differs is a conflict, whatever the until */
    n.since = "2019";
    n.until = "2019-06";
    zg_error_clear(&err);
    assert_int_equal(zg_graph_add_node(f->g, &n, &id, NULL, &err),
                     ZG_ERR_INVALID);
    assert_string_equal(err.msg, "node 'k' conflicts with its earlier "
                                 "definition: since '2020' vs '2019'");
    /* a refused merge changes nothing, not even the fields before the
     * one in conflict */
    n.since = NULL;
    n.until = NULL;
    n.name_en = "En";
    n.sources = "s";
    n.note = "a note";
    assert_int_equal(zg_graph_add_node(f->g, &n, &id, NULL, &err), ZG_OK);
    assert_int_equal(zg_graph_commit(f->g, &err), ZG_OK);
    assert_int_equal(zg_graph_begin(f->g, &err), ZG_OK);
    n.name_en = NULL;
    n.until = "2020-12";
    n.note = "another note";
    assert_int_equal(zg_graph_add_node(f->g, &n, &id, NULL, &err),
                     ZG_ERR_INVALID);
    assert_null(zg_graph_node(f->g, id)->until);
    n.note = NULL;
    zg_error_clear(&err);
    assert_int_equal(zg_graph_add_node(f->g, &n, &id, NULL, &err), ZG_OK);
    assert_int_equal(zg_graph_commit(f->g, &err), ZG_OK);
    assert_string_equal(zg_graph_node(f->g, id)->until, "2020-12");
    assert_string_equal(zg_graph_node(f->g, id)->note, "a note");
}

static void
test_rollback(void **state)
{
    fx *f = *state;
    zg_error err = {0};
    zg_node_info n = {0};
    zg_nodetype_info t = {0};
    zg_resolution r;
    zg_id id, tid;
    const zg_id *es;

    assert_int_equal(zg_graph_begin(f->g, &err), ZG_OK);
    t.name = "park";
    assert_int_equal(zg_graph_add_nodetype(f->g, &t, &tid, &err), ZG_OK);
    n.key = "park-x";
    n.type = tid;
    n.name = "某园区";
    assert_int_equal(zg_graph_add_node(f->g, &n, &id, NULL, &err), ZG_OK);
    /* fill a missing field of an old node: rollback must restore it */
    n.key = "sector-mfg";
    n.type = f->sector;
    n.name = "智能制造";
    n.note = "a note";
    assert_int_equal(zg_graph_add_node(f->g, &n, &id, NULL, &err), ZG_OK);
    assert_string_equal(zg_graph_node(f->g, f->mfg)->note, "a note");
    assert_int_equal(zg_graph_add_alias(f->g, f->gz, "羊城", NULL, &err),
                     ZG_OK);
    edge(f->g, f->gz, f->rel_loc, f->hz_city, "错误的事实");
    zg_graph_rollback(f->g);
    assert_int_equal(zg_graph_node_count(f->g), 4);
    assert_int_equal(zg_graph_edge_count(f->g), 3);
    assert_int_equal(zg_graph_nodetype_count(f->g), 3);
    assert_int_equal(zg_graph_node_by_key(f->g, "park-x"), ZG_NO_ID);
    assert_int_equal(zg_graph_nodetype_by_name(f->g, "park"), ZG_NO_ID);
    assert_null(zg_graph_node(f->g, f->mfg)->note);
    assert_int_equal(zg_graph_out_edges(f->g, f->gz, &es), 1);
    assert_int_equal(zg_graph_resolve(f->g, "羊城", &r, &err),
                     ZG_ERR_NOT_FOUND);
    /* and the graph still works afterwards */
    zg_error_clear(&err);
    assert_int_equal(zg_graph_begin(f->g, &err), ZG_OK);
    assert_int_equal(zg_graph_add_alias(f->g, f->gz, "羊城", NULL, &err),
                     ZG_OK);
    assert_int_equal(zg_graph_commit(f->g, &err), ZG_OK);
    assert_int_equal(zg_graph_resolve(f->g, "羊城", &r, &err), ZG_OK);
    assert_int_equal(r.node, f->gz);
}

static void
test_resolve(void **state)
{
    fx *f = *state;
    zg_error err = {0};
    zg_resolution r;

    /* id, name, English name in any case, full-width, traditional */
    assert_int_equal(zg_graph_resolve(f->g, "zone-guangzhou", &r, &err), ZG_OK);
    assert_int_equal(r.node, f->gz);
    assert_int_equal(zg_graph_resolve(f->g, "廣州", &r, &err), ZG_OK);
    assert_int_equal(r.node, f->gz);
    assert_int_equal(zg_graph_resolve(f->g, "guangzhou pilot zone", &r, &err),
                     ZG_OK);
    assert_int_equal(r.node, f->gz);
    assert_int_equal(zg_graph_resolve(f->g,
                                      "ＧＵＡＮＧＺＨＯＵ  ＰＩＬＯＴ ＺＯＮＥ",
                                      &r, &err),
                     ZG_OK);
    assert_int_equal(r.node, f->gz);
    assert_int_equal(zg_graph_resolve(f->g, "智能製造", &r, &err), ZG_OK);
    assert_int_equal(r.node, f->mfg);
    /* 杭州 names the zone (priority 1) and the city (50): zone wins, the
     * city is reported */
    assert_int_equal(zg_graph_resolve(f->g, "杭州", &r, &err), ZG_OK);
    assert_int_equal(r.node, f->hz);
    assert_int_equal(r.n_others, 1);
    assert_int_equal(r.others[0], f->hz_city);
    assert_int_equal(zg_graph_resolve(f->g, "city:杭州", &r, &err), ZG_OK);
    assert_int_equal(r.node, f->hz_city);
    assert_int_equal(r.n_others, 0);
    assert_int_equal(zg_graph_resolve(f->g, "city:city-hangzhou", &r, &err),
                     ZG_OK);
    assert_int_equal(r.node, f->hz_city);
    /* unknown: suggestions */
    assert_int_equal(zg_graph_resolve(f->g, "Hangzhou Pilot Zon", &r, &err),
                     ZG_ERR_NOT_FOUND);
    assert_string_equal(
        err.msg, "no entity named 'Hangzhou Pilot Zon'; did you mean: "
                 "zone:zone-hangzhou (杭州国家人工智能创新应用先导区), "
                 "zone:zone-guangzhou (广州国家人工智能创新应用先导区)?");
    zg_error_clear(&err);
    assert_int_equal(zg_graph_resolve(f->g, "sector:杭州", &r, &err),
                     ZG_ERR_NOT_FOUND);
}

static void
test_ambiguous(void **state)
{
    fx *f = *state;
    zg_error err = {0};
    zg_resolution r;

    assert_int_equal(zg_graph_begin(f->g, &err), ZG_OK);
    assert_int_equal(zg_graph_add_alias(f->g, f->gz, "先导区", NULL, &err),
                     ZG_OK);
    assert_int_equal(zg_graph_add_alias(f->g, f->hz, "先导区", NULL, &err),
                     ZG_OK);
    assert_int_equal(zg_graph_commit(f->g, &err), ZG_OK);
    assert_int_equal(zg_graph_resolve(f->g, "先导区", &r, &err),
                     ZG_ERR_AMBIGUOUS);
    assert_string_equal(err.msg,
                        "'先导区' is ambiguous: zone:zone-hangzhou "
                        "(杭州国家人工智能创新应用先导区), zone:zone-guangzhou "
                        "(广州国家人工智能创新应用先导区)");
}

static void
test_search(void **state)
{
    fx *f = *state;
    zg_error err = {0};
    zg_hit hits[8];
    size_t n = 0;

    assert_int_equal(zg_graph_search(f->g, "杭州", hits, 8, &n, &err), ZG_OK);
    /* 广州 is one edit away, but literal matches exist: no near misses */
    assert_int_equal(n, 2);
    assert_int_equal(hits[0].node, f->hz); /* exact alias, priority 1 */
    assert_int_equal(hits[0].score, 0);
    assert_int_equal(hits[1].node, f->hz_city); /* exact alias, priority 50 */
    assert_int_equal(hits[1].score, 0);
    assert_int_equal(zg_graph_search(f->g, "杭洲", hits, 8, &n, &err), ZG_OK);
    assert_int_equal(n, 2); /* nothing literal: near misses, best first */
    assert_int_equal(hits[0].node, f->hz);
    assert_int_equal(hits[0].score, 4);
    assert_int_equal(hits[1].node, f->hz_city);
    assert_int_equal(hits[1].score, 4);
    assert_int_equal(zg_graph_search(f->g, "制造", hits, 8, &n, &err), ZG_OK);
    assert_int_equal(n, 1);
    assert_int_equal(hits[0].node, f->mfg);
    assert_int_equal(hits[0].score, 2);
    assert_int_equal(
        zg_graph_search(f->g, "guangzhuo pilot zone", hits, 8, &n, &err),
        ZG_OK);
    assert_int_equal(n, 2);
    assert_int_equal(hits[0].node, f->gz);
    assert_int_equal(hits[0].score, 3 + 2); /* swapped letters: two edits */
    assert_int_equal(hits[1].node, f->hz);
    assert_true(hits[1].score > hits[0].score);
    assert_int_equal(zg_graph_search(f->g, "zzzzzz", hits, 8, &n, &err), ZG_OK);
    assert_int_equal(n, 0);
}

static void
test_text(void **state)
{
    zg_folder *fo = NULL;
    zg_error err = {0};
    char *out = NULL;

    (void)state;
    assert_int_equal(zg_text_width("北京"), 4);
    assert_int_equal(zg_text_width("Beijing"), 7);
    assert_int_equal(zg_text_width("（北京）"), 8);
    assert_int_equal(zg_text_prefix_for_width("北京市", 5), 6);
    assert_int_equal(zg_text_distance("杭州", "广州"), 1);
    assert_int_equal(zg_text_distance("", "abc"), 3);
    assert_int_equal(zg_folder_new(&fo, &err), ZG_OK);
    {
        const char *in = "  濱海新區（Tianjin） ";
        assert_int_equal(zg_fold(fo, in, strlen(in), &out, &err), ZG_OK);
    }
    assert_string_equal(out, "滨海新区(tianjin)");
    free(out);
    assert_int_equal(zg_fold(fo, "\xff", 1, &out, &err), ZG_ERR_PARSE);
    assert_null(out);
    zg_folder_free(fo);
}

static void
test_error(void **state)
{
    zg_error err = {0};
    char buf[128];

    (void)state;
    assert_int_equal(
        zg_error_set(&err, ZG_ERR_PARSE, "a.xml", 3, 7, "bad %s", "thing"),
        ZG_ERR_PARSE);
    /* the first error wins */
    zg_error_set(&err, ZG_ERR_NOMEM, "b.xml", 1, 1, "later");
    assert_string_equal(zg_error_format(&err, buf, sizeof buf),
                        "a.xml:3:7: error: bad thing");
    zg_error_clear(&err);
    zg_error_set(&err, ZG_ERR_IO, "a.xml", 0, 0, "cannot open");
    assert_string_equal(zg_error_format(&err, buf, sizeof buf),
                        "a.xml: error: cannot open");
    assert_int_equal(zg_error_set(NULL, ZG_ERR_IO, NULL, 0, 0, "x"), ZG_ERR_IO);
    assert_string_equal(zg_status_string(ZG_ERR_AMBIGUOUS), "ambiguous name");
}

/* Many nodes of one name: the folded-name index takes each once, in time
 * linear in their number, and keeps each node's first matching text. */
static void
test_many_of_one_name(void **state)
{
    enum { N = 100000 };
    zg_graph *g = NULL;
    zg_error err = {0};
    zg_nodetype_info t = {0};
    zg_id type, first = ZG_NO_ID, last = ZG_NO_ID;
    zg_hit hits[4];
    zg_resolution r;
    size_t n = 0;
    double t0;

    (void)state;
    assert_int_equal(zg_graph_new(&g, &err), ZG_OK);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    t.name = "t";
    t.priority = 1;
    assert_int_equal(zg_graph_add_nodetype(g, &t, &type, &err), ZG_OK);
    for (unsigned i = 0; i < N; i++) {
        char key[32];
        snprintf(key, sizeof key, "n%u", i);
        last = node(g, key, type, "同名", "Same Name");
        if (i == 0)
            first = last;
        /* an alias that folds to the name, and one that folds to the
         * English name: neither may post the node again */
        assert_int_equal(zg_graph_add_alias(g, last, "同名 ", NULL, &err),
                         ZG_OK);
        assert_int_equal(zg_graph_add_alias(g, last, "SAME NAME", NULL, &err),
                         ZG_OK);
    }
    t0 = zg_test_cpu();
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
    if (zg_test_cpu() - t0 > zg_test_budget(5))
        fail_msg("indexing %d nodes of one name took %.2f s", N,
                 zg_test_cpu() - t0);
    print_message("indexing %d nodes of one name: %.2f s\n", N,
                  zg_test_cpu() - t0);
    assert_int_equal(zg_graph_search(g, "same name", hits, 4, &n, &err), ZG_OK);
    assert_int_equal(n, 4);
    assert_int_equal(hits[0].node, first);
    assert_int_equal(hits[0].score, 0);
    assert_string_equal(hits[0].matched, "Same Name");
    assert_int_equal(zg_graph_resolve(g, "同名", &r, &err), ZG_ERR_AMBIGUOUS);
    zg_error_clear(&err);
    assert_int_equal(zg_graph_resolve(g, "n99999", &r, &err), ZG_OK);
    assert_int_equal(r.node, last);
    zg_graph_free(g);
}

/* A relation type whose endpoint list is written very long (one type over
 * and over): checking an edge's endpoints does not walk the list. */
static void
test_long_type_list(void **state)
{
    enum { REPEATS = 1000000, EDGES = 100000 };
    zg_graph *g = NULL;
    zg_error err = {0};
    zg_nodetype_info t = {0};
    zg_reltype_info rt = {0};
    zg_source_info src = {0};
    zg_edge_info e;
    zg_id tt, ut, vt, r, sid, id, prev, u, v;
    char *from = malloc(2 * REPEATS + 4);
    double t0;

    (void)state;
    assert_non_null(from);
    for (size_t i = 0; i < REPEATS; i++)
        memcpy(from + 2 * i, "u ", 2);
    strcpy(from + 2 * REPEATS, "t u");
    assert_int_equal(zg_graph_new(&g, &err), ZG_OK);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    t.name = "t";
    assert_int_equal(zg_graph_add_nodetype(g, &t, &tt, &err), ZG_OK);
    t.name = "u";
    assert_int_equal(zg_graph_add_nodetype(g, &t, &ut, &err), ZG_OK);
    t.name = "v";
    assert_int_equal(zg_graph_add_nodetype(g, &t, &vt, &err), ZG_OK);
    rt.name = "r";
    rt.from = from;
    rt.to = "t";
    assert_int_equal(zg_graph_add_reltype(g, &rt, &r, &err), ZG_OK);
    src.id = "s";
    src.title = "S";
    assert_int_equal(zg_graph_add_source(g, &src, &sid, &err), ZG_OK);
    assert_true(zg_graph_reltype_allows_from(g, r, tt));
    assert_true(zg_graph_reltype_allows_from(g, r, ut));
    assert_false(zg_graph_reltype_allows_from(g, r, vt));
    assert_true(zg_graph_reltype_allows_to(g, r, tt));
    assert_false(zg_graph_reltype_allows_to(g, r, ut));
    u = node(g, "u", ut, "U", NULL);
    v = node(g, "v", vt, "V", NULL);
    prev = node(g, "t0", tt, "T", NULL);
    memset(&e, 0, sizeof e);
    e.type = r;
    e.source = "s";
    e.evidence = "E";
    e.from = v;
    e.to = prev;
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_ERR_INVALID);
    zg_error_clear(&err);
    e.from = u;
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
    t0 = zg_test_cpu();
    for (unsigned i = 1; i <= EDGES; i++) {
        char key[32];
        snprintf(key, sizeof key, "t%u", i);
        e.from = prev;
        e.to = prev = node(g, key, tt, "T", NULL);
        assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
        if (i % 1024 == 0 && zg_test_cpu() - t0 > zg_test_budget(3))
            fail_msg("%u edges took %.2f s: the endpoint check is slow", i,
                     zg_test_cpu() - t0);
    }
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
    assert_int_equal(zg_graph_edge_count(g), EDGES + 1);
    zg_graph_free(g);
    free(from);
}

/* The record-to-id table, white box: ids whose hashes collide a lot and
 * wrap around the end of the table stay findable while others are added
 * and while they are removed in reverse (as rollback removes them). */
static uint32_t idtab_hashes[1500];

static int
idtab_same(const void *ctx, zg_id id)
{
    return *(const zg_id *)ctx == id;
}

static void
test_idtab(void **state)
{
    idtab t = {0};
    size_t n = sizeof idtab_hashes / sizeof idtab_hashes[0];

    (void)state;
    for (size_t i = 0; i < n; i++) {
        /* few distinct hashes, many near the table's last slots */
        idtab_hashes[i] = i % 3 == 0 ? 0xffffffffu - (uint32_t)(i % 7)
                                     : zg_idtab_mix(i % 50, 0);
        assert_true(zg_idtab_add(&t, idtab_hashes[i], (zg_id)i));
    }
    assert_int_equal(t.n, n);
    for (size_t k = n; k > 0; k--) {
        for (size_t i = 0; i < k; i += 1 + (k % 13)) {
            zg_id id = (zg_id)i;
            assert_int_equal(
                zg_idtab_find(&t, idtab_hashes[i], idtab_same, &id), id);
        }
        zg_idtab_remove(&t, idtab_hashes[k - 1], (zg_id)(k - 1));
        {
            zg_id gone = (zg_id)(k - 1);
            assert_int_equal(
                zg_idtab_find(&t, idtab_hashes[k - 1], idtab_same, &gone),
                ZG_NO_ID);
        }
    }
    assert_int_equal(t.n, 0);
    for (size_t i = 0; i < t.cap; i++)
        assert_true(t.slot[i] == 0);
    zg_idtab_free(&t);
}

/* Lookups from several threads at once on a graph whose name index is
 * not yet built: each gets the right node, and the index is built once. */
enum { THREADS = 4, ROUNDS = 200 };

typedef struct lookup_job {
    const fx *f;
    int wrong;
} lookup_job;

static void *
lookup_worker(void *arg)
{
    lookup_job *job = arg;
    zg_error err = {0};
    zg_resolution r;

    for (int i = 0; i < ROUNDS; i++) {
        if (zg_graph_resolve(job->f->g, "廣州", &r, &err) != ZG_OK ||
            r.node != job->f->gz)
            job->wrong++;
        if (zg_graph_resolve(job->f->g, "杭州", &r, &err) != ZG_OK ||
            r.node != job->f->hz || r.n_others != 1)
            job->wrong++;
    }
    return NULL;
}

static void
test_resolve_threads(void **state)
{
    const fx *f = *state;
    pthread_t t[THREADS];
    lookup_job jobs[THREADS];

    for (int i = 0; i < THREADS; i++) {
        jobs[i].f = f;
        jobs[i].wrong = 0;
        assert_int_equal(pthread_create(&t[i], NULL, lookup_worker, &jobs[i]),
                         0);
    }
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(pthread_join(t[i], NULL), 0);
        assert_int_equal(jobs[i].wrong, 0);
    }
}

/* Edges added in a transaction take a new order: records, properties,
 * duplicate detection and adjacency follow; rollback still undoes them. */
static void
test_order_edges(void **state)
{
    fx *f = *state;
    zg_graph *g = f->g;
    zg_error err = {0};
    zg_prop p = {0};
    zg_edge_info e, x;
    zg_id e3, e4, e5, id;
    const zg_prop *ps;
    const zg_id *out;
    static const zg_id bad[][3] = {{5, 5, 3}, {2, 3, 4}, {3, 4, 6}};
    const zg_id good[] = {5, 3, 4};
    repeats rep = {{0}, 0};

    assert_int_equal(zg_graph_check_sources(g, NULL, &err), ZG_OK);
    assert_int_equal(zg_graph_check_sources(g, " s  s ", &err), ZG_OK);
    assert_int_equal(zg_graph_check_sources(g, "s t", &err), ZG_ERR_INVALID);
    assert_string_equal(err.msg, "unknown source 't'");
    zg_error_clear(&err);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    e3 = edge(g, f->gz, f->rel_loc, f->hz_city, "x3");
    e4 = edge(g, f->hz, f->rel_focus, f->mfg, "x4");
    e5 = edge(g, f->gz, f->rel_focus, f->mfg, "x5");
    assert_int_equal(e3, 3);
    assert_int_equal(e4, 4);
    p.name = "p";
    p.value = "3";
    assert_int_equal(zg_graph_add_edge_prop(g, e3, &p, &err), ZG_OK);
    p.value = "5";
    assert_int_equal(zg_graph_add_edge_prop(g, e5, &p, &err), ZG_OK);
    assert_int_equal(zg_graph_order_edges(g, good, 2, &err), ZG_ERR_INVALID);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        zg_error_clear(&err);
        assert_int_equal(zg_graph_order_edges(g, bad[i], 3, &err),
                         ZG_ERR_INVALID);
    }
    zg_error_clear(&err);
    /* sorted for repeats before the new order, and kept through it */
    assert_int_equal(zg_graph_edge_repeats(g, collect_repeat, &rep, &err),
                     ZG_OK);
    assert_int_equal(rep.n, 0);
    assert_int_equal(zg_graph_order_edges(g, good, 3, &err), ZG_OK);
    zg_graph_edge_get(g, 3, &x);
    assert_string_equal(x.evidence, "x5");
    zg_graph_edge_get(g, 4, &x);
    assert_string_equal(x.evidence, "x3");
    zg_graph_edge_get(g, 5, &x);
    assert_string_equal(x.evidence, "x4");
    /* the properties follow the records */
    assert_int_equal(zg_graph_add_edge_prop(g, 3, &p, &err), ZG_OK);
    p.value = "3";
    assert_int_equal(zg_graph_add_edge_prop(g, 3, &p, &err), ZG_ERR_INVALID);
    zg_error_clear(&err);
    assert_int_equal(zg_graph_add_edge_prop(g, 4, &p, &err), ZG_OK);
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
    assert_int_equal(zg_graph_edge_props(g, 3, &ps), 1);
    assert_string_equal(ps[0].value, "5");
    assert_int_equal(zg_graph_edge_props(g, 4, &ps), 1);
    assert_string_equal(ps[0].value, "3");
    assert_int_equal(zg_graph_edge_props(g, 5, &ps), 0);
    assert_int_equal(zg_graph_out_edges(g, f->gz, &out), 3);
    assert_int_equal(out[0], 2);
    assert_int_equal(out[1], 3);
    assert_int_equal(out[2], 4);
    /* a later transaction merges with the edges where they now are, and
     * rolls back what it moved */
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    memset(&e, 0, sizeof e);
    e.from = f->gz;
    e.source = "s";
    e.evidence = "x5";
    e.type = f->rel_focus;
    e.to = f->mfg;
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
    assert_int_equal(id, 3);
    e.evidence = "x6";
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
    e.evidence = "x7";
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
    {
        const zg_id back[] = {7, 6};
        assert_int_equal(zg_graph_order_edges(g, back, 2, &err), ZG_OK);
    }
    zg_graph_rollback(g);
    assert_int_equal(zg_graph_edge_count(g), 6);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
    assert_int_equal(id, 6);
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
    /* a repeat within a transaction is found after a new order too: the
     * one added later (x9 again: the first x9 is edge 7 after the order) */
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    e.evidence = "x8";
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
    e.evidence = "x9";
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
    assert_int_equal(zg_graph_edge_repeats(g, collect_repeat, &rep, &err),
                     ZG_OK);
    assert_int_equal(rep.n, 0);
    {
        const zg_id back[] = {8, 7};
        assert_int_equal(zg_graph_order_edges(g, back, 2, &err), ZG_OK);
    }
    assert_int_equal(zg_graph_add_edge(g, &e, &id, &err), ZG_OK);
    assert_int_equal(id, 9);
    assert_int_equal(zg_graph_edge_repeats(g, collect_repeat, &rep, &err),
                     ZG_OK);
    assert_int_equal(rep.n, 1);
    assert_int_equal(rep.e[0], 9);
    assert_int_equal(zg_graph_commit(g, &err), ZG_ERR_INVALID);
    assert_string_equal(err.msg, "duplicate relation zone-guangzhou "
                                 "-[focuses_on]-> sector-mfg");
    assert_int_equal(zg_graph_edge_count(g), 7);
}

/* Relations that share ends and type and differ by evidence are distinct;
 * each transaction's new relations join the committed ones that later
 * transactions merge into, and a rolled back one leaves them as they
 * were. */
static void
test_edge_identity(void **state)
{
    fx *f = *state;
    zg_graph *g = f->g;
    zg_error err = {0};
    repeats rep = {{0}, 0};
    const char *ev[] = {"e1", "e2", "e3", "e4", "e5", "e6"};
    zg_id first = (zg_id)zg_graph_edge_count(g); /* the fixture's: 3 */

    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    for (size_t i = 0; i < 6; i++) /* in reverse order of their text */
        assert_int_equal(edge(g, f->gz, f->rel_loc, f->hz_city, ev[5 - i]),
                         first + i);
    assert_int_equal(zg_graph_edge_repeats(g, collect_repeat, &rep, &err),
                     ZG_OK);
    assert_int_equal(rep.n, 0);
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(edge(g, f->gz, f->rel_loc, f->hz_city, ev[i]),
                         first + 5 - i);
    assert_int_equal(edge(g, f->gz, f->rel_loc, f->hz_city, "e7"), first + 6);
    assert_int_equal(edge(g, f->gz, f->rel_focus, f->mfg, "e1"), first + 7);
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    assert_int_equal(edge(g, f->gz, f->rel_loc, f->hz_city, "e7"), first + 6);
    assert_int_equal(edge(g, f->gz, f->rel_focus, f->mfg, "e1"), first + 7);
    assert_int_equal(edge(g, f->gz, f->rel_focus, f->mfg, "e2"), first + 8);
    zg_graph_rollback(g);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    assert_int_equal(edge(g, f->gz, f->rel_focus, f->mfg, "e1"), first + 7);
    assert_int_equal(edge(g, f->gz, f->rel_focus, f->mfg, "e3"), first + 8);
    assert_int_equal(edge(g, f->gz, f->rel_focus, f->mfg, "e2"), first + 9);
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
    assert_int_equal(zg_graph_edge_count(g), first + 10);
    /* the fixture's own relations, committed before any of these, too */
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    assert_int_equal(
        edge(g, f->hz, f->rel_loc, f->hz_city, "杭州先导区在杭州。"), 0);
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
    assert_int_equal(zg_graph_edge_count(g), first + 10);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_free_null),
        cmocka_unit_test(test_idtab),
        cmocka_unit_test_setup_teardown(test_order_edges, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edge_identity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_counts_and_adjacency, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_adjacency_walk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edge_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_rules_allow, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_merged_period, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resolve, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ambiguous, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resolve_threads, setup, teardown),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_error),
        cmocka_unit_test(test_many_of_one_name),
        cmocka_unit_test(test_long_type_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
