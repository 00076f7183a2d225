/* SPDX-License-Identifier: MIT */
/* Diagram export tests: DOT (read back with agmemread, since DOT text
 * differs between Graphviz versions; every streamed text is also held to
 * the diagram cgraph builds and to agwrite()'s bytes, the shipped dataset
 * included), clusters and their
 * anchors, escaping and cutting of labels, determinism, masks (by hand and
 * from a result), and rendering with gvc (SVG parsed by libxml2, the PNG
 * signature, the PDF header, unknown formats, write errors), the sink
 * that keeps Graphviz's messages off stderr, and hostile text in every
 * label, cluster label, edge label, tooltip and title: drawn literally
 * (entity-like text too), controls escaped, every SVG well-formed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cgraph.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "export_internal.h" /* white-box: the Graphviz message sink */
#include "zg_export.h"
#include "zg_graph.h"
#include "zg_import.h"
#include "zg_query.h"
#include "zg_text.h"
#include "../support/dot_compare.h"
#include "../support/utf8_check.h"

/* The fixture graph. Node ids (in order of addition):
 *   0 r_cy  region 成渝地区双城经济圈   cluster: 成都, 重庆
 *   1 r_cz  region 长江中游城市群       no members: an ordinary node
 *   2 r_xb  region 西部地区             cluster: the long-named zone
 *   3 z_cd  zone   成都 / Chengdu
 *   4 z_cq  zone   重庆 / Chongqing     also in_region 西部地区 (drawn)
 *   5 z_bs  zone   back\slash "quoted"
 *   6 z_long zone  80 code points, 3- and 4-byte sequences
 *   7 s_ai  sector 人工智能
 *   8 st_xb strategy 西部大开发          covers 成渝 (a cluster) and 长江中游
 *   9 z_tab zone   a tab and a newline in the name
 * Edges: see setup(); 0, 1 and 3 are implied by containment. */
#define N_NODES 10
#define N_EDGES 11
#define N_DRAWN_EDGES 8

typedef struct fx {
    zg_graph *g;
    zg_id t_zone, t_region, t_sector, t_strategy;
    zg_id r_in, r_focus, r_covers;
} fx;

static zg_id
node(fx *f, const char *key, zg_id type, const char *name, const char *en)
{
    zg_node_info n;
    zg_id id = ZG_NO_ID;
    zg_error err = {0};

    memset(&n, 0, sizeof n);
    n.key = key;
    n.type = type;
    n.name = name;
    n.name_en = en;
    assert_int_equal(zg_graph_add_node(f->g, &n, &id, NULL, &err), ZG_OK);
    return id;
}

static zg_id
edge(fx *f, zg_id from, zg_id type, zg_id to, const char *evidence,
     zg_basis basis)
{
    zg_edge_info e;
    zg_id id = ZG_NO_ID;
    zg_error err = {0};

    memset(&e, 0, sizeof e);
    e.from = from;
    e.type = type;
    e.to = to;
    e.source = basis == ZG_BASIS_INFERRED ? NULL : "src1";
    e.evidence = evidence;
    e.basis = basis;
    assert_int_equal(zg_graph_add_edge(f->g, &e, &id, &err), ZG_OK);
    return id;
}

static zg_id
nodetype(fx *f, const char *name, const char *colour, const char *shape)
{
    zg_nodetype_info t = {0};
    zg_id id = ZG_NO_ID;
    zg_error err = {0};

    t.name = name;
    t.colour = colour;
    t.shape = shape;
    t.priority = ZG_DEFAULT_PRIORITY;
    assert_int_equal(zg_graph_add_nodetype(f->g, &t, &id, &err), ZG_OK);
    return id;
}

static zg_id
reltype(fx *f, const char *name, const char *zh, const char *en,
        const char *from, const char *to, int cluster)
{
    zg_reltype_info r = {0};
    zg_id id = ZG_NO_ID;
    zg_error err = {0};

    r.name = name;
    r.zh = zh;
    r.en = en;
    r.from = from;
    r.to = to;
    r.cluster = cluster;
    assert_int_equal(zg_graph_add_reltype(f->g, &r, &id, &err), ZG_OK);
    return id;
}

static char long_name[512];

static int
setup(void **state)
{
    static fx f;
    zg_error err = {0};
    zg_source_info s = {0};
    zg_id sid, n[N_NODES];
    int i;

    memset(&f, 0, sizeof f);
    long_name[0] = '\0';
    for (i = 0; i < 20; i++)
        strcat(long_name, "试验区\xf0\xa0\x80\x80"); /* U+20000: 4 bytes */
    if (zg_graph_new(&f.g, &err) != ZG_OK)
        return -1;
    assert_int_equal(zg_graph_begin(f.g, &err), ZG_OK);
    f.t_zone = nodetype(&f, "zone", "#c0392b", "box");
    f.t_region = nodetype(&f, "region", "#ffffb3", NULL);
    f.t_sector = nodetype(&f, "sector", "#bebada", "hexagon");
    f.t_strategy = nodetype(&f, "strategy", NULL, NULL);
    f.r_in = reltype(&f, "in_region", "位于", "is in", "zone", "region", 1);
    f.r_focus =
        reltype(&f, "focuses_on", "聚焦", "focuses on", "zone", "sector", 0);
    f.r_covers = reltype(&f, "covers", NULL, NULL, "strategy", "region", 0);
    s.id = "src1";
    s.title = "Test source";
    assert_int_equal(zg_graph_add_source(f.g, &s, &sid, &err), ZG_OK);

    n[0] = node(&f, "r_cy", f.t_region, "成渝地区双城经济圈",
                "Chengdu-Chongqing Economic Circle");
    n[1] = node(&f, "r_cz", f.t_region, "长江中游城市群", NULL);
    n[2] = node(&f, "r_xb", f.t_region, "西部地区", "Western China");
    n[3] = node(&f, "z_cd", f.t_zone, "成都", "Chengdu");
    n[4] = node(&f, "z_cq", f.t_zone, "重庆", "Chongqing");
    n[5] = node(&f, "z_bs", f.t_zone, "back\\slash \"quoted\"", NULL);
    n[6] = node(&f, "z_long", f.t_zone, long_name, NULL);
    n[7] = node(&f, "s_ai", f.t_sector, "人工智能", "Artificial intelligence");
    n[8] = node(&f, "st_xb", f.t_strategy, "西部大开发", "Western Development");
    n[9] = node(&f, "z_tab", f.t_zone, "tab\there\nnewline", NULL);
    for (i = 0; i < N_NODES; i++)
        assert_int_equal(n[i], (zg_id)i);

    /* 0 */ edge(&f, 3, f.r_in, 0, "成都 in 成渝", ZG_BASIS_STATED);
    /* 1 */ edge(&f, 4, f.r_in, 0, "重庆 in 成渝", ZG_BASIS_STATED);
    /* 2 */ edge(&f, 4, f.r_in, 2, "重庆 in 西部", ZG_BASIS_STATED);
    /* 3 */ edge(&f, 6, f.r_in, 2, "long in 西部", ZG_BASIS_STATED);
    /* 4 */ edge(&f, 3, f.r_focus, 7, "a", ZG_BASIS_STATED);
    /* 5 */ edge(&f, 3, f.r_focus, 7, "b (parallel)", ZG_BASIS_STATED);
    /* 6 */ edge(&f, 4, f.r_focus, 7, NULL, ZG_BASIS_INFERRED);
    /* 7 */ edge(&f, 5, f.r_focus, 7, "c", ZG_BASIS_IMPLIED);
    /* 8 */ edge(&f, 8, f.r_covers, 0, "d", ZG_BASIS_STATED);
    /* 9 */ edge(&f, 8, f.r_covers, 1, "e", ZG_BASIS_STATED);
    /* 10 */ edge(&f, 9, f.r_focus, 7, "f", ZG_BASIS_STATED);
    assert_int_equal(zg_graph_commit(f.g, &err), ZG_OK);
    assert_int_equal(zg_graph_node_count(f.g), N_NODES);
    assert_int_equal(zg_graph_edge_count(f.g), N_EDGES);
    *state = &f;
    return 0;
}

static int
teardown(void **state)
{
    fx *f = *state;

    if (f != NULL)
        zg_graph_free(f->g);
    return 0;
}

/* ---- helpers ---- */

/* Export `g` as DOT into a new string (free()); asserts success, and that
 * the text is what the cgraph path gives (zgt_dot_stream_matches()). */
static char *
dot_of(const zg_graph *g, const zg_dot_options *opt, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *mem = open_memstream(&buf, &n);
    zg_error err = {0};
    const char *why;

    assert_non_null(mem);
    assert_int_equal(zg_export_dot(g, opt, mem, &err), ZG_OK);
    assert_int_equal(fclose(mem), 0);
    why = zgt_dot_stream_matches(g, opt, buf, n);
    if (why != NULL)
        fail_msg("%s", why);
    if (len != NULL)
        *len = n;
    return buf;
}

/* Export and read back with cgraph; close with agclose(). */
static Agraph_t *
read_back(const zg_graph *g, const zg_dot_options *opt)
{
    char *text = dot_of(g, opt, NULL);
    Agraph_t *ag = agmemread(text);

    free(text);
    assert_non_null(ag);
    return ag;
}

/* cgraph 2.42 takes `char *` for names it only reads. */
static char *
gvs(const char *s)
{
    return (char *)(uintptr_t)s;
}

static Agraph_t *
sub(Agraph_t *ag, const char *name)
{
    return agsubg(ag, gvs(name), 0);
}

static Agnode_t *
dnode(Agraph_t *ag, const char *name)
{
    Agnode_t *n = agnode(ag, gvs(name), 0);

    assert_non_null(n);
    return n;
}

static const char *
attr(void *obj, const char *name)
{
    const char *v = agget(obj, gvs(name));

    return v ? v : "";
}

/* The only edge from `t` to `h`. */
static Agedge_t *
dedge(Agraph_t *ag, const char *t, const char *h)
{
    Agedge_t *e = agedge(ag, dnode(ag, t), dnode(ag, h), NULL, 0);

    assert_non_null(e);
    return e;
}

static size_t
code_points(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            n++;
    return n;
}

static int
ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);

    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Render into a new buffer (free()); returns the status. */
static zg_status
render(const zg_graph *g, const zg_dot_options *opt, const char *format,
       char **buf, size_t *len, zg_error *err)
{
    FILE *mem;
    zg_status st;

    *buf = NULL;
    *len = 0;
    mem = open_memstream(buf, len);
    assert_non_null(mem);
    st = zg_export_render(g, opt, format, mem, err);
    assert_int_equal(fclose(mem), 0);
    return st;
}

/* ---- tests ---- */

static void
test_dot_reads_back(void **state)
{
    fx *f = *state;
    Agraph_t *ag = read_back(f->g, NULL);
    Agraph_t *cy, *xb, *s;
    int clusters = 0;

    assert_true(agisdirected(ag));
    assert_false(agisstrict(ag));
    assert_int_equal(agnnodes(ag), N_NODES);
    assert_int_equal(agnedges(ag), N_DRAWN_EDGES);
    assert_string_equal(attr(ag, "charset"), "UTF-8");
    assert_string_equal(attr(ag, "rankdir"), "LR");
    assert_string_equal(attr(ag, "fontname"), "Noto Sans CJK SC");
    assert_string_equal(attr(dnode(ag, "n3"), "fontname"), "Noto Sans CJK SC");
    assert_string_equal(attr(dedge(ag, "n8", "n1"), "fontname"),
                        "Noto Sans CJK SC");

    /* Two clusters, no others. */
    for (s = agfstsubg(ag); s; s = agnxtsubg(s))
        clusters++;
    assert_int_equal(clusters, 2);
    cy = sub(ag, "cluster_0");
    xb = sub(ag, "cluster_2");
    assert_non_null(cy);
    assert_non_null(xb);
    assert_string_equal(attr(cy, "label"), "成渝地区双城经济圈");
    assert_string_equal(attr(cy, "tooltip"), "r_cy");
    assert_string_equal(attr(cy, "color"), "#ffffb3");
    /* Members plus the region's anchor. */
    assert_int_equal(agnnodes(cy), 3);
    assert_non_null(agsubnode(cy, dnode(ag, "n0"), 0));
    assert_non_null(agsubnode(cy, dnode(ag, "n3"), 0));
    assert_non_null(agsubnode(cy, dnode(ag, "n4"), 0));
    assert_int_equal(agnnodes(xb), 2);
    assert_non_null(agsubnode(xb, dnode(ag, "n6"), 0));
    /* 重庆 stays in its first cluster; its second in_region is an edge. */
    assert_null(agsubnode(xb, dnode(ag, "n4"), 0));
    assert_string_equal(attr(dedge(ag, "n4", "n2"), "lhead"), "cluster_2");
    assert_string_equal(attr(dedge(ag, "n4", "n2"), "label"), "位于");
    /* Anchors are invisible points keeping the key. */
    assert_string_equal(attr(dnode(ag, "n0"), "shape"), "point");
    assert_string_equal(attr(dnode(ag, "n0"), "style"), "invis");
    assert_string_equal(attr(dnode(ag, "n0"), "tooltip"), "r_cy");
    /* The strategy's edge into a cluster ends at its border. */
    assert_string_equal(attr(dedge(ag, "n8", "n0"), "lhead"), "cluster_0");
    assert_string_equal(attr(dedge(ag, "n8", "n0"), "label"), "covers");
    /* A region without members is an ordinary node. */
    assert_null(agsubnode(cy, dnode(ag, "n1"), 0));
    assert_null(agsubnode(xb, dnode(ag, "n1"), 0));
    assert_string_equal(attr(dnode(ag, "n1"), "label"), "长江中游城市群");
    assert_string_equal(attr(dnode(ag, "n1"), "shape"), "ellipse");
    assert_string_equal(attr(dedge(ag, "n8", "n1"), "lhead"), "");
    /* Implied containment edges are not drawn. */
    assert_null(agedge(ag, dnode(ag, "n3"), dnode(ag, "n0"), NULL, 0));
    assert_null(agedge(ag, dnode(ag, "n6"), dnode(ag, "n2"), NULL, 0));
    agclose(ag);
}

static void
test_dot_nodes_and_edges(void **state)
{
    fx *f = *state;
    Agraph_t *ag = read_back(f->g, NULL);
    Agnode_t *cd = dnode(ag, "n3"), *ai = dnode(ag, "n7");
    Agedge_t *e;
    int parallel = 0;

    assert_string_equal(attr(cd, "label"), "成都");
    assert_string_equal(attr(cd, "tooltip"), "z_cd");
    assert_string_equal(attr(cd, "shape"), "box");
    assert_string_equal(attr(cd, "fillcolor"), "#c0392b");
    assert_string_equal(attr(cd, "fontcolor"), "white"); /* dark fill */
    assert_string_equal(attr(ai, "fontcolor"), "black");
    assert_string_equal(attr(cd, "style"), "filled");
    assert_string_equal(attr(ai, "shape"), "hexagon");
    /* A type without colour or shape gets the defaults. */
    assert_string_equal(attr(dnode(ag, "n8"), "fillcolor"), "#dddddd");
    assert_string_equal(attr(dnode(ag, "n8"), "shape"), "ellipse");
    /* Parallel relations survive. */
    for (e = agfstout(ag, cd); e; e = agnxtout(ag, e))
        if (aghead(e) == ai)
            parallel++;
    assert_int_equal(parallel, 2);
    /* Evidence styles. */
    assert_string_equal(attr(dedge(ag, "n4", "n7"), "style"), "dashed");
    assert_string_equal(attr(dedge(ag, "n4", "n7"), "color"), "#777777");
    assert_string_equal(attr(dedge(ag, "n5", "n7"), "style"), "");
    assert_string_equal(attr(dedge(ag, "n5", "n7"), "color"), "#777777");
    assert_string_equal(attr(dedge(ag, "n9", "n7"), "color"), "");
    assert_string_equal(attr(dedge(ag, "n9", "n7"), "label"), "聚焦");
    agclose(ag);
}

static void
test_dot_escaping(void **state)
{
    fx *f = *state;
    char *text = dot_of(f->g, NULL, NULL);
    Agraph_t *ag = agmemread(text);
    const char *bs, *bad;

    assert_non_null(ag);
    /* The backslash is doubled (plain escString), the quote survives. */
    bs = attr(dnode(ag, "n5"), "label");
    assert_string_equal(bs, "back\\\\slash \"quoted\"");
    /* Control characters are drawn escaped, as the table shows them. */
    bad = attr(dnode(ag, "n9"), "label");
    assert_string_equal(bad, "tab\\\\there\\\\nnewline");
    /* No HTML labels anywhere, and no user text as an identifier. */
    assert_null(strstr(text, "label=<"));
    assert_null(strstr(text, "\"z_cd\" ["));
    assert_non_null(strstr(text, "digraph zonegraph"));
    agclose(ag);
    free(text);
}

static void
test_dot_label_cut(void **state)
{
    fx *f = *state;
    zg_dot_options o = {0};
    Agraph_t *ag = read_back(f->g, NULL);
    const char *l = attr(dnode(ag, "n6"), "label");

    assert_int_equal(code_points(long_name), 80);
    assert_true(zg_utf8_valid(l, strlen(l)));
    assert_int_equal(code_points(l), 60);
    assert_true(ends_with(l, "…"));
    /* The cut keeps whole code points of the original. */
    assert_memory_equal(l, long_name, strlen(l) - strlen("…"));
    agclose(ag);

    o.max_label = 5;
    ag = read_back(f->g, &o);
    l = attr(dnode(ag, "n6"), "label");
    assert_true(zg_utf8_valid(l, strlen(l)));
    assert_string_equal(l, "试验区\xf0\xa0\x80\x80…");
    assert_string_equal(attr(dnode(ag, "n3"), "label"), "成都");
    assert_string_equal(attr(sub(ag, "cluster_0"), "label"), "成渝地区…");
    agclose(ag);
}

static void
test_dot_languages(void **state)
{
    fx *f = *state;
    zg_dot_options o = {0};
    Agraph_t *ag;

    o.lang = ZG_LANG_EN;
    ag = read_back(f->g, &o);
    assert_string_equal(attr(dnode(ag, "n3"), "label"), "Chengdu");
    assert_string_equal(attr(dnode(ag, "n1"), "label"), "长江中游城市群");
    assert_string_equal(attr(dedge(ag, "n9", "n7"), "label"), "focuses on");
    assert_string_equal(attr(sub(ag, "cluster_2"), "label"), "Western China");
    agclose(ag);

    o.lang = ZG_LANG_BOTH;
    o.title = "Title with \\ and \"";
    ag = read_back(f->g, &o);
    assert_string_equal(attr(dnode(ag, "n3"), "label"), "成都\\nChengdu");
    assert_string_equal(attr(dnode(ag, "n1"), "label"), "长江中游城市群");
    assert_string_equal(attr(dedge(ag, "n9", "n7"), "label"),
                        "聚焦\\nfocuses on");
    assert_string_equal(attr(dedge(ag, "n8", "n1"), "label"), "covers");
    assert_string_equal(attr(ag, "label"), "Title with \\\\ and \"");
    agclose(ag);
}

static void
test_dot_deterministic(void **state)
{
    fx *f = *state;
    zg_dot_options o = {0};
    size_t la, lb, i;
    char *a, *b;
    void *churn[64];

    o.title = "同一张图";
    a = dot_of(f->g, &o, &la);
    /* Disturb the heap: cgraph's default ids would follow addresses. */
    for (i = 0; i < 64; i++)
        churn[i] = malloc(16 + 8 * (i % 7));
    for (i = 0; i < 64; i += 2)
        free(churn[i]);
    b = dot_of(f->g, &o, &lb);
    for (i = 1; i < 64; i += 2)
        free(churn[i]);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    /* Clusters in id order. */
    assert_true(strstr(a, "cluster_0") < strstr(a, "cluster_2"));
    free(a);
    free(b);
}

static void
test_dot_masks(void **state)
{
    fx *f = *state;
    unsigned char nm[N_NODES] = {0}, em[N_EDGES];
    zg_dot_options o = {0};
    Agraph_t *ag, *cy;

    /* 成都, 人工智能, 成渝: the cluster holds 成都; no edge needs an
     * anchor for 成渝 (its one drawn edge is implied). */
    nm[0] = nm[3] = nm[7] = 1;
    o.node_mask = nm;
    ag = read_back(f->g, &o);
    assert_int_equal(agnnodes(ag), 2);
    assert_int_equal(agnedges(ag), 2); /* the two parallel focuses_on */
    cy = sub(ag, "cluster_0");
    assert_non_null(cy);
    assert_int_equal(agnnodes(cy), 1);
    assert_string_equal(attr(cy, "label"), "成渝地区双城经济圈");
    assert_non_null(agsubnode(cy, dnode(ag, "n3"), 0));
    assert_null(agnode(ag, gvs("n0"), 0));
    assert_null(agnode(ag, gvs("n4"), 0));
    agclose(ag);

    /* Only edge 4: no containment, so no cluster. */
    memset(em, 0, sizeof em);
    em[4] = 1;
    o.edge_mask = em;
    ag = read_back(f->g, &o);
    assert_int_equal(agnnodes(ag), 3);
    assert_int_equal(agnedges(ag), 1);
    assert_null(agfstsubg(ag));
    assert_string_equal(attr(dnode(ag, "n0"), "label"), "成渝地区双城经济圈");
    agclose(ag);

    /* An edge with an end masked out is not drawn: without 人工智能 only
     * 成都 in its cluster is left. */
    memset(em, 1, sizeof em);
    o.node_mask = nm;
    nm[7] = 0;
    ag = read_back(f->g, &o);
    assert_int_equal(agnnodes(ag), 1);
    assert_int_equal(agnedges(ag), 0);
    cy = sub(ag, "cluster_0");
    assert_non_null(cy);
    assert_non_null(agsubnode(cy, dnode(ag, "n3"), 0));
    agclose(ag);
}

static void
test_nested_clusters(void **state)
{
    zg_graph *g = NULL;
    zg_error err = {0};
    fx f;
    zg_id t, r, i;
    Agraph_t *ag, *outer, *inner;
    (void)state;

    memset(&f, 0, sizeof f);
    assert_int_equal(zg_graph_new(&g, &err), ZG_OK);
    f.g = g;
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    t = nodetype(&f, "area", NULL, NULL);
    r = reltype(&f, "part_of", NULL, NULL, "area", "area", 1);
    {
        zg_source_info s = {0};
        zg_id sid;
        s.id = "src1";
        s.title = "t";
        assert_int_equal(zg_graph_add_source(g, &s, &sid, &err), ZG_OK);
    }
    i = node(&f, "a", t, "A", NULL);
    node(&f, "b", t, "B", NULL);
    node(&f, "c", t, "C", NULL);
    node(&f, "d", t, "D", NULL);
    assert_int_equal(i, 0);
    edge(&f, 0, r, 1, "a in b", ZG_BASIS_STATED);
    edge(&f, 1, r, 2, "b in c", ZG_BASIS_STATED);
    edge(&f, 2, r, 0, "c in a: a cycle", ZG_BASIS_STATED);
    edge(&f, 3, r, 1, "d in b", ZG_BASIS_STATED);
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);

    ag = read_back(g, NULL);
    /* The cycle is cut at c -> a, the only edge drawn; so c has an anchor
     * and b, whose edges are all implied, has none. */
    assert_int_equal(agnedges(ag), 1);
    assert_int_equal(agnnodes(ag), 3);
    assert_null(agnode(ag, gvs("n1"), 0));
    outer = sub(ag, "cluster_2");
    assert_non_null(outer);
    inner = sub(outer, "cluster_1");
    assert_non_null(inner);
    assert_string_equal(attr(inner, "label"), "B");
    assert_int_equal(agnnodes(outer), 3);
    assert_int_equal(agnnodes(inner), 2);
    assert_non_null(agsubnode(inner, dnode(ag, "n0"), 0));
    assert_non_null(agsubnode(inner, dnode(ag, "n3"), 0));
    assert_null(sub(ag, "cluster_0"));
    /* c's anchor is the tail; a is inside c, so no ltail. */
    assert_string_equal(attr(dedge(ag, "n2", "n0"), "ltail"), "");
    agclose(ag);
    zg_graph_free(g);
}

/* The shipped dataset, drawn whole and in part in every language, with
 * and without a title and cut labels: dot_of() holds the streamed text
 * to the cgraph-built diagram and to agwrite()'s bytes. */
static void
test_dot_dataset(void **state)
{
    static const char title[] = "先导区 & \"AI\" \\N zones\t\xe2\x80\xae";
    const char *data = getenv("ZG_DATA"), *top = getenv("top_srcdir");
    char path[1024];
    zg_graph *g = NULL;
    zg_error err = {0};
    unsigned char *nmask;
    size_t nn;

    (void)state;
    if (data == NULL) {
        snprintf(path, sizeof path, "%s/data/ai-pilot-zones.xml",
                 top ? top : ".");
        data = path;
    }
    assert_int_equal(zg_graph_new(&g, &err), ZG_OK);
    assert_int_equal(zg_import_xml_file(g, data, NULL, &err), ZG_OK);
    nn = zg_graph_node_count(g);
    assert_true(nn > 20);
    nmask = malloc(nn);
    assert_non_null(nmask);
    for (size_t i = 0; i < nn; i++)
        nmask[i] = i % 3 != 1;
    for (int lang = 0; lang < 3; lang++)
        for (int variant = 0; variant < 4; variant++) {
            zg_dot_options o;
            char *text;
            memset(&o, 0, sizeof o);
            o.lang = (zg_lang)lang;
            o.title = variant & 1 ? title : NULL;
            o.max_label = variant == 2 ? 5 : 0;
            o.node_mask = variant == 3 ? nmask : NULL;
            text = dot_of(g, &o, NULL);
            assert_non_null(strstr(text, "subgraph cluster_"));
            free(text);
        }
    free(nmask);
    zg_graph_free(g);
}

static void
test_render_svg(void **state)
{
    fx *f = *state;
    zg_dot_options o = {0};
    zg_error err = {0};
    char *buf;
    size_t len;
    xmlDocPtr doc;
    xmlNodePtr root;

    o.title = "试验区";
    assert_int_equal(render(f->g, &o, "svg", &buf, &len, &err), ZG_OK);
    assert_true(len > 0);
    doc = xmlReadMemory(buf, (int)len, "diagram.svg", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR |
                            XML_PARSE_NOWARNING);
    assert_non_null(doc);
    root = xmlDocGetRootElement(doc);
    assert_non_null(root);
    assert_string_equal((const char *)root->name, "svg");
    assert_non_null(strstr(buf, "成都"));
    assert_non_null(strstr(buf, "Noto Sans CJK SC"));
    xmlFreeDoc(doc);
    free(buf);
}

static void
test_render_png_pdf(void **state)
{
    fx *f = *state;
    zg_error err = {0};
    char *buf;
    size_t len;

    assert_int_equal(render(f->g, NULL, "png", &buf, &len, &err), ZG_OK);
    assert_true(len > 8);
    assert_memory_equal(buf, "\x89PNG\r\n\x1a\n", 8);
    free(buf);

    assert_int_equal(render(f->g, NULL, "pdf", &buf, &len, &err), ZG_OK);
    assert_true(len > 5);
    assert_memory_equal(buf, "%PDF-", 5);
    free(buf);
}

static void
test_render_errors(void **state)
{
    fx *f = *state;
    zg_error err = {0};
    char *buf;
    size_t len;
    FILE *full;

    assert_int_equal(render(f->g, NULL, "gif", &buf, &len, &err),
                     ZG_ERR_INVALID);
    assert_int_equal(err.status, ZG_ERR_INVALID);
    assert_non_null(strstr(err.msg, "svg, png, pdf"));
    assert_int_equal(len, 0);
    free(buf);

    zg_error_clear(&err);
    assert_int_equal(zg_export_render(NULL, NULL, "svg", stdout, &err),
                     ZG_ERR_INVALID);
    zg_error_clear(&err);
    assert_int_equal(zg_export_dot(f->g, NULL, NULL, &err), ZG_ERR_INVALID);

    /* Write failures are I/O errors. */
    full = fopen("/dev/full", "w");
    if (full != NULL) {
        zg_error_clear(&err);
        assert_int_equal(zg_export_dot(f->g, NULL, full, &err), ZG_ERR_IO);
        assert_int_equal(err.status, ZG_ERR_IO);
        fclose(full);
        full = fopen("/dev/full", "w");
        assert_non_null(full);
        zg_error_clear(&err);
        assert_int_equal(zg_export_render(f->g, NULL, "svg", full, &err),
                         ZG_ERR_IO);
        fclose(full);
    }
}

static void
test_result_masks(void **state)
{
    fx *f = *state;
    static const char *const cols[] = {"node", "edge"};
    zg_result *r = NULL;
    zg_error err = {0};
    zg_value row[2];
    unsigned char nm[N_NODES], em[N_EDGES];
    zg_dot_options o = {0};
    Agraph_t *ag;
    size_t i;

    assert_int_equal(zg_result_new(&r, f->g, 2, cols, &err), ZG_OK);
    memset(row, 0, sizeof row);
    row[0].kind = ZG_VAL_NODE;
    row[0].id = 7;
    row[1].kind = ZG_VAL_EDGE;
    row[1].id = 8; /* 西部大开发 covers 成渝 */
    assert_int_equal(zg_result_add_row(r, row, &err), ZG_OK);
    memset(row, 0, sizeof row);
    row[0].kind = ZG_VAL_STRING;
    row[0].str = "not a node";
    row[1].kind = ZG_VAL_NULL;
    assert_int_equal(zg_result_add_row(r, row, &err), ZG_OK);

    /* The function clears what the caller left in the arrays. */
    memset(nm, 0xff, sizeof nm);
    memset(em, 0xff, sizeof em);
    zg_export_result_masks(r, nm, em);
    for (i = 0; i < N_NODES; i++)
        assert_int_equal(nm[i] != 0, i == 0 || i == 7 || i == 8);
    for (i = 0; i < N_EDGES; i++)
        assert_int_equal(em[i] != 0, i == 8);

    o.node_mask = nm;
    o.edge_mask = em;
    ag = read_back(f->g, &o);
    assert_int_equal(agnnodes(ag), 3);
    assert_int_equal(agnedges(ag), 1);
    assert_null(agfstsubg(ag)); /* 成渝 has no member drawn */
    agclose(ag);
    zg_result_free(r);
}

/* ---- hostile text in every label ---- */

/* Names that Graphviz would read as entities or escString escapes, or
 * that would act on a terminal (and some of which XML cannot carry):
 * node i is keyed "k" + hostile_names[i] (a newline, which an id cannot
 * hold, as a tab), named hostile_names[i], and has
 * the English name "en " + hostile_names[i]. Node 0 is a region the next
 * three lie in, so its name is a cluster label. */
static const char *const hostile_names[] = {
    "区域&#x1B;[2J",
    "清屏&#x1B;[2J",
    "AT&amp;T",
    "&lt;b&gt; &quot; &#38; &#0; &#xD800; &nbsp; &",
    "esc\x1b[2Jx",
    "csi\xc2\x9b"
    "31mx",
    "rlo\xe2\x80\xae"
    "txt",
    "lri\xe2\x81\xa6"
    "x",
    "ls\xe2\x80\xa8"
    "nel\xc2\x85"
    "del\x7f",
    "tab\tnl\ncr\rx",
    "back\\slash \\N \\G \\E \\T \\H \\L \\l \\r \\n \\",
    "q\"uote' <![CDATA[ ]]> -->",
    "nonchar\xef\xbf\xbe\xef\xbf\xbf",
    "中文\\u009B",
};
#define N_HOSTILE (sizeof hostile_names / sizeof hostile_names[0])

/* Relation labels: the cluster relation (zh, en), one with labels, one
 * with only its name. */
#define IN_ZH "属于&#x1B;[2J"
#define IN_EN "lies&lt;in\xe2\x80\xae"
#define FOCUS_ZH "聚焦\xc2\x9b&amp;"
#define FOCUS_EN "AT&amp;amp;T\x1b[0m"
#define BARE_NAME "bare&#27;name"
#define HOSTILE_TITLE "标题&#x1B;]0;pwned\x07 &lt;"

/* The graph of hostile_names; see above. Edges: 1, 2, 3 in_region 0
 * (implied by the cluster, except as drawn edges when masked), i
 * focuses_on i + 1 from 3 on, the last `bare` to 1, and 4 `bare` to 0
 * (an edge into the cluster: an anchor). */
static zg_graph *
hostile_graph(void)
{
    zg_graph *g = NULL;
    zg_error err = {0};
    zg_source_info src = {0};
    fx f;
    zg_id zone, region, r_in, r_focus, r_bare, sid;
    char key[128], en[128];

    memset(&f, 0, sizeof f);
    assert_int_equal(zg_graph_new(&g, &err), ZG_OK);
    f.g = g;
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    zone = nodetype(&f, "zone", "#c0392b", "box");
    region = nodetype(&f, "region", "#ffffb3", NULL);
    r_in = reltype(&f, "in_region", IN_ZH, IN_EN, "zone", "region", 1);
    r_focus = reltype(&f, "focuses_on", FOCUS_ZH, FOCUS_EN, "zone", "zone", 0);
    r_bare = reltype(&f, BARE_NAME, NULL, NULL, "zone", "zone region", 0);
    src.id = "src1";
    src.title = "t";
    assert_int_equal(zg_graph_add_source(g, &src, &sid, &err), ZG_OK);
    for (size_t i = 0; i < N_HOSTILE; i++) {
        snprintf(key, sizeof key, "k%s", hostile_names[i]);
        for (char *c = key; (c = strchr(c, '\n')) != NULL;)
            *c = '\t'; /* an id holds no newline */
        snprintf(en, sizeof en, "en %s", hostile_names[i]);
        assert_int_equal(
            node(&f, key, i == 0 ? region : zone, hostile_names[i], en),
            (zg_id)i);
    }
    for (zg_id i = 1; i <= 3; i++)
        edge(&f, i, r_in, 0, "in", ZG_BASIS_STATED);
    for (zg_id i = 3; i + 1 < N_HOSTILE; i++)
        edge(&f, i, r_focus, i + 1, "f", ZG_BASIS_STATED);
    edge(&f, N_HOSTILE - 1, r_bare, 1, "b", ZG_BASIS_STATED);
    edge(&f, 4, r_bare, 0, "b", ZG_BASIS_STATED);
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
    return g;
}

/*
 * `out` (`n` bytes) is valid UTF-8 and holds no character that acts on a
 * terminal (C0 but tab and newline, DEL, C1, bidi controls, the line
 * separators) nor one XML cannot carry (U+FFFE, U+FFFF).
 */
static void
assert_clean(const char *what, const char *out, size_t n)
{
    const unsigned char *p = (const unsigned char *)out;

    while (n > 0) {
        uint32_t c = 0;
        size_t k = zg_test_decode_utf8(p, n, &c);
        size_t at = (size_t)(p - (const unsigned char *)out);
        if (k == 0)
            fail_msg("%s: byte %zu (0x%02X) is not UTF-8", what, at, *p);
        if ((c != '\t' && c != '\n' && zg_test_acts_on_terminal(c)) ||
            c == 0xfffe || c == 0xffff)
            fail_msg("%s: raw U+%04X at byte %zu", what, (unsigned)c, at);
        p += k;
        n -= k;
    }
}

/* What a diagram draws for user text `s`, uncut: `s` as the table shows
 * it (zg_text_escape()), U+FFFE and U+FFFF as \uFFFE and \uFFFF. A new
 * string (free()). */
static char *
drawn(const char *s)
{
    char *e = zg_text_escape(s, 0), *out, *w;

    assert_non_null(e);
    out = malloc(2 * strlen(e) + 1);
    assert_non_null(out);
    w = out;
    for (const char *p = e; *p;) {
        if (strncmp(p, "\xef\xbf\xbe", 3) == 0 ||
            strncmp(p, "\xef\xbf\xbf", 3) == 0) {
            w += sprintf(w, "\\u%s", p[2] == '\xbe' ? "FFFE" : "FFFF");
            p += 3;
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
    free(e);
    return out;
}

/*
 * What Graphviz draws for the attribute value `v`: `&amp;` is an
 * ampersand; in a label (`tooltip` 0) `\\` is a backslash and `\n` ends a
 * line (kept as a newline); in a tooltip, which Graphviz unescapes twice,
 * `\\\\` is a backslash. Any other escape or entity fails the test:
 * Graphviz would draw something else than the text. A new string (free()).
 */
static char *
undo_escstring(const char *v, int tooltip)
{
    char *out = malloc(strlen(v) + 1), *w = out;

    assert_non_null(out);
    while (*v) {
        if (tooltip && strncmp(v, "\\\\\\\\", 4) == 0) {
            *w++ = '\\';
            v += 4;
        } else if (!tooltip && v[0] == '\\' && v[1] == '\\') {
            *w++ = '\\';
            v += 2;
        } else if (!tooltip && v[0] == '\\' && v[1] == 'n') {
            *w++ = '\n';
            v += 2;
        } else if (v[0] == '\\') {
            fail_msg("escString escape '\\%c' in '%s'", v[1], v);
        } else if (strncmp(v, "&amp;", 5) == 0) {
            *w++ = '&';
            v += 5;
        } else if (v[0] == '&') {
            fail_msg("'&' that Graphviz would expand in '%s'", v);
        } else {
            *w++ = *v++;
        }
    }
    *w = '\0';
    return out;
}

/* Attribute `name` of `obj` draws exactly `text` (drawn()); for labels
 * in both languages, `text2` on a second line. */
static void
assert_draws(void *obj, const char *name, const char *text, const char *text2)
{
    char *want = drawn(text);
    char *got = undo_escstring(attr(obj, name), strcmp(name, "tooltip") == 0);

    if (text2 != NULL) {
        char *second = drawn(text2);
        char *both = malloc(strlen(want) + strlen(second) + 2);
        assert_non_null(both);
        sprintf(both, "%s\n%s", want, second);
        free(want);
        free(second);
        want = both;
    }
    if (strcmp(got, want) != 0)
        fail_msg("%s draws '%s', not '%s'", name, got, want);
    free(want);
    free(got);
}

/* DOT: no control character in the text; every label, cluster label,
 * edge label, tooltip and the title read back with cgraph draw exactly
 * the text (controls shown escaped), in every language. */
static void
test_dot_hostile(void **state)
{
    zg_graph *g = hostile_graph();
    zg_lang langs[] = {ZG_LANG_ZH, ZG_LANG_EN, ZG_LANG_BOTH};
    (void)state;

    for (size_t k = 0; k < 3; k++) {
        zg_dot_options o = {0};
        size_t len;
        char *text, name[32];
        Agraph_t *ag, *cl;
        o.lang = langs[k];
        o.max_label = 1000;
        o.title = HOSTILE_TITLE;
        text = dot_of(g, &o, &len);
        assert_clean("DOT", text, len);
        ag = agmemread(text);
        assert_non_null(ag);
        assert_draws(ag, "label", HOSTILE_TITLE, NULL);
        cl = sub(ag, "cluster_0");
        assert_non_null(cl);
        assert_draws(cl, "tooltip", "k区域&#x1B;[2J", NULL);
        for (zg_id i = 0; i < N_HOSTILE; i++) {
            const zg_node_info *v = zg_graph_node(g, i);
            void *obj;
            snprintf(name, sizeof name, "n%u", (unsigned)i);
            obj = i == 0 ? (void *)cl : (void *)dnode(ag, name);
            assert_draws(obj, "tooltip", v->key, NULL);
            if (langs[k] == ZG_LANG_ZH)
                assert_draws(obj, "label", v->name, NULL);
            else if (langs[k] == ZG_LANG_EN)
                assert_draws(obj, "label", v->name_en, NULL);
            else
                assert_draws(obj, "label", v->name, v->name_en);
        }
        /* The anchor of the cluster carries the key as well. */
        assert_draws(dnode(ag, "n0"), "tooltip", "k区域&#x1B;[2J", NULL);
        /* Edge labels. */
        {
            Agedge_t *fe = dedge(ag, "n3", "n4");
            Agedge_t *be = dedge(ag, "n4", "n0");
            if (langs[k] == ZG_LANG_ZH)
                assert_draws(fe, "label", FOCUS_ZH, NULL);
            else if (langs[k] == ZG_LANG_EN)
                assert_draws(fe, "label", FOCUS_EN, NULL);
            else
                assert_draws(fe, "label", FOCUS_ZH, FOCUS_EN);
            assert_draws(be, "label", BARE_NAME, NULL);
        }
        agclose(ag);
        free(text);
    }

    /* Masks that draw the cluster relation as edges. */
    {
        unsigned char nm[N_HOSTILE], em[64];
        zg_dot_options o = {0};
        Agraph_t *ag;
        char *text;
        size_t len;
        memset(nm, 0, sizeof nm);
        memset(em, 0, sizeof em);
        nm[0] = nm[1] = 1;
        em[0] = 1;
        o.node_mask = nm;
        o.edge_mask = em;
        o.lang = ZG_LANG_EN;
        text = dot_of(g, &o, &len);
        assert_clean("DOT", text, len);
        ag = agmemread(text);
        assert_non_null(ag);
        free(text);
        agclose(ag);
    }
    zg_graph_free(g);
}

/* Cutting a hostile label keeps what is drawn: valid UTF-8, no control,
 * max_label code points ending in "…", a prefix of the uncut text. */
static void
test_dot_hostile_cut(void **state)
{
    zg_graph *g = hostile_graph();
    static const size_t cuts[] = {1, 2, 3, 4, 5, 7, 9, 12};
    (void)state;

    for (size_t c = 0; c < sizeof cuts / sizeof cuts[0]; c++) {
        zg_dot_options o = {0};
        size_t len;
        char *text, name[32];
        Agraph_t *ag;
        o.max_label = cuts[c];
        text = dot_of(g, &o, &len);
        assert_clean("DOT", text, len);
        ag = agmemread(text);
        assert_non_null(ag);
        for (zg_id i = 1; i < N_HOSTILE; i++) {
            char *want = drawn(zg_graph_node(g, i)->name), *got;
            const char *label;
            size_t n;
            snprintf(name, sizeof name, "n%u", (unsigned)i);
            label = attr(dnode(ag, name), "label");
            got = undo_escstring(label, 0);
            n = strlen(got);
            if (code_points(want) <= cuts[c]) {
                assert_string_equal(got, want);
            } else {
                assert_int_equal(code_points(got), cuts[c]);
                assert_true(ends_with(got, "…"));
                assert_memory_equal(got, want, n - strlen("…"));
            }
            free(want);
            free(got);
        }
        agclose(ag);
        free(text);
    }
    zg_graph_free(g);
}

/* The content of every <text> element and every xlink:title attribute
 * of `node` and below, appended to `texts` and `titles` (counts in *nt,
 * *ntt; the strings are libxml2's, free with xmlFree()). */
static void
collect_svg(xmlNodePtr node, xmlChar **texts, size_t *nt, xmlChar **titles,
            size_t *ntt, size_t max)
{
    for (xmlNodePtr n = node; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrcmp(n->name, (const xmlChar *)"text") == 0 && *nt < max)
            texts[(*nt)++] = xmlNodeGetContent(n);
        if (*ntt < max) {
            xmlChar *t =
                xmlGetNsProp(n, (const xmlChar *)"title",
                             (const xmlChar *)"http://www.w3.org/1999/xlink");
            if (t != NULL)
                titles[(*ntt)++] = t;
        }
        collect_svg(n->children, texts, nt, titles, ntt, max);
    }
}

/* 1 if one of the `n` strings is `s`. */
static int
has_string(xmlChar *const *v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp((const char *)v[i], s) == 0)
            return 1;
    return 0;
}

/* SVG: well-formed XML (libxml2 without recovery, as xmllint --noout),
 * no control character in the bytes, and every label and tooltip drawn
 * as the text (entity-like text literally, controls escaped). */
static void
test_svg_hostile(void **state)
{
    enum { MAX = 512 };
    zg_graph *g = hostile_graph();
    zg_lang langs[] = {ZG_LANG_ZH, ZG_LANG_EN};
    (void)state;

    for (size_t k = 0; k < 2; k++) {
        zg_dot_options o = {0};
        zg_error err = {0};
        char *buf;
        size_t len, nt = 0, ntt = 0;
        xmlDocPtr doc;
        xmlChar *texts[MAX], *titles[MAX];
        const char *labels[] = {FOCUS_ZH, BARE_NAME, HOSTILE_TITLE};
        o.lang = langs[k];
        o.max_label = 1000;
        o.title = HOSTILE_TITLE;
        labels[0] = langs[k] == ZG_LANG_ZH ? FOCUS_ZH : FOCUS_EN;
        assert_int_equal(render(g, &o, "svg", &buf, &len, &err), ZG_OK);
        assert_clean("SVG", buf, len);
        doc = xmlReadMemory(buf, (int)len, "hostile.svg", NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING);
        if (doc == NULL)
            fail_msg("the SVG is not well-formed XML: %s",
                     xmlGetLastError() ? xmlGetLastError()->message : "?");
        collect_svg(xmlDocGetRootElement(doc), texts, &nt, titles, &ntt, MAX);
        for (zg_id i = 0; i < N_HOSTILE; i++) {
            const zg_node_info *v = zg_graph_node(g, i);
            char *want = drawn(langs[k] == ZG_LANG_ZH ? v->name : v->name_en);
            char *tip = drawn(v->key);
            if (!has_string(texts, nt, want))
                fail_msg("no <text> draws '%s'", want);
            if (!has_string(titles, ntt, tip))
                fail_msg("no xlink:title is '%s'", tip);
            free(want);
            free(tip);
        }
        for (size_t i = 0; i < 3; i++) {
            char *want = drawn(labels[i]);
            if (!has_string(texts, nt, want))
                fail_msg("no <text> draws '%s'", want);
            free(want);
        }
        for (size_t i = 0; i < nt; i++)
            xmlFree(texts[i]);
        for (size_t i = 0; i < ntt; i++)
            xmlFree(titles[i]);
        xmlFreeDoc(doc);
        free(buf);
    }
    zg_graph_free(g);
}

static int outer_calls;

static int
outer_handler(char *text)
{
    (void)text;
    outer_calls++;
    return 0;
}

static void
test_gv_sink(void **state)
{
    agusererrf prev;
    (void)state;

    prev = agseterrf(outer_handler);
    zg_export__gv_begin();
    assert_false(zg_export__gv_failed());
    assert_string_equal(zg_export__gv_message(), "");
    agerr(AGWARN, "just a warning\n");
    assert_false(zg_export__gv_failed());
    agerr(AGERR, "first %s in line %d\n", "failure", 3);
    agerr(AGPREV, "continued\n");
    agerr(AGERR, "second failure\n");
    assert_true(zg_export__gv_failed());
    assert_string_equal(zg_export__gv_message(),
                        "first failure in line 3 continued");
    zg_export__gv_end();
    /* The handler that was there before is back; nothing reached it. */
    assert_int_equal(outer_calls, 0);
    agerr(AGWARN, "after\n");
    assert_int_equal(outer_calls, 3); /* "Warning", ": ", the text */
    agseterrf(prev);
    agreseterrors();
}

/*
 * Under AddressSanitizer: libcairo is built without frame pointers, so the
 * fast unwinder stops inside it and a leak of Graphviz's cairo renderer
 * never shows the libgvc frame that tests/lsan.supp matches. Unwind fully
 * when recording allocations. Environment options still apply on top.
 */
const char *__lsan_default_options(void);

const char *
__lsan_default_options(void)
{
    return "fast_unwind_on_malloc=0";
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dot_reads_back),
        cmocka_unit_test(test_dot_nodes_and_edges),
        cmocka_unit_test(test_dot_escaping),
        cmocka_unit_test(test_dot_label_cut),
        cmocka_unit_test(test_dot_languages),
        cmocka_unit_test(test_dot_deterministic),
        cmocka_unit_test(test_dot_masks),
        cmocka_unit_test(test_nested_clusters),
        cmocka_unit_test(test_dot_dataset),
        cmocka_unit_test(test_render_svg),
        cmocka_unit_test(test_render_png_pdf),
        cmocka_unit_test(test_render_errors),
        cmocka_unit_test(test_result_masks),
        cmocka_unit_test(test_gv_sink),
        cmocka_unit_test(test_dot_hostile),
        cmocka_unit_test(test_dot_hostile_cut),
        cmocka_unit_test(test_svg_hostile),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
