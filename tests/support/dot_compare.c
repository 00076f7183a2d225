/* SPDX-License-Identifier: MIT */
/*
 * dot_compare.c: see dot_compare.h.
 */
#include "dot_compare.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cgraph.h>

#include "export_internal.h" /* white-box: the cgraph-built diagram */

/* cgraph 2.42 takes `char *` for names it only reads. */
static char *
gvs(const char *s)
{
    return (char *)(uintptr_t)s;
}

static char diff_msg[600];

/* The value of attribute `name` of `kind` on `obj` in graph `root`, ""
 * where the graph does not declare it (which Graphviz reads the same). */
static const char *
value_in(Agraph_t *root, int kind, void *obj, const char *name)
{
    Agsym_t *s = agattr(root, kind, gvs(name), NULL);

    return s ? agxget(obj, s) : "";
}

/* Every attribute of `kind` declared in either graph has the same value on
 * `oa` (in `ra`) and `ob` (in `rb`); NULL, or what differs. */
static const char *
diff_attrs(Agraph_t *ra, void *oa, Agraph_t *rb, void *ob, int kind,
           const char *what)
{
    Agraph_t *roots[2] = {ra, rb};

    for (int k = 0; k < 2; k++)
        for (Agsym_t *s = agnxtattr(roots[k], kind, NULL); s;
             s = agnxtattr(roots[k], kind, s)) {
            const char *va = value_in(ra, kind, oa, s->name),
                       *vb = value_in(rb, kind, ob, s->name);
            if (strcmp(va, vb) != 0) {
                snprintf(diff_msg, sizeof diff_msg,
                         "%.100s: %s is '%.150s' streamed, '%.150s' built",
                         what, s->name, va, vb);
                return diff_msg;
            }
        }
    return NULL;
}

/* The `k`-th edge (counting from 0) from `t` to a node named `head` in
 * `g`, in out-edge order. */
static Agedge_t *
nth_edge(Agraph_t *g, Agnode_t *t, const char *head, int k)
{
    for (Agedge_t *e = agfstout(g, t); e; e = agnxtout(g, e))
        if (strcmp(agnameof(aghead(e)), head) == 0 && k-- == 0)
            return e;
    return NULL;
}

/* Subgraph `sa` of the streamed graph `a` holds what `sb` of the built
 * graph `b` holds: the same graph attributes, nodes and subgraphs. */
static const char *
diff_subgraphs(Agraph_t *a, Agraph_t *sa, Agraph_t *b, Agraph_t *sb)
{
    const char *d;

    if (agnsubg(sa) != agnsubg(sb)) {
        snprintf(diff_msg, sizeof diff_msg,
                 "%s: %d subgraphs streamed, %d built", agnameof(sb),
                 agnsubg(sa), agnsubg(sb));
        return diff_msg;
    }
    if (agnnodes(sa) != agnnodes(sb)) {
        snprintf(diff_msg, sizeof diff_msg, "%s: %d nodes streamed, %d built",
                 agnameof(sb), agnnodes(sa), agnnodes(sb));
        return diff_msg;
    }
    for (Agnode_t *n = agfstnode(sb); n; n = agnxtnode(sb, n))
        if (agnode(sa, agnameof(n), 0) == NULL) {
            snprintf(diff_msg, sizeof diff_msg, "%s: node %s not streamed",
                     agnameof(sb), agnameof(n));
            return diff_msg;
        }
    for (Agraph_t *s = agfstsubg(sb); s; s = agnxtsubg(s)) {
        Agraph_t *t = agsubg(sa, agnameof(s), 0);
        if (t == NULL) {
            snprintf(diff_msg, sizeof diff_msg, "%s: subgraph %s not streamed",
                     agnameof(sb), agnameof(s));
            return diff_msg;
        }
        if ((d = diff_attrs(a, t, b, s, AGRAPH, agnameof(s))) != NULL ||
            (d = diff_subgraphs(a, t, b, s)) != NULL)
            return d;
    }
    return NULL;
}

/*
 * Graph `a`, read back from streamed DOT, equals the diagram `b` that
 * cgraph built: the same attribute declarations and defaults, the root's
 * attributes, the same nodes, each with the same value of every
 * attribute, the same edges (between each pair of nodes in the same
 * order) with the same values, and the same subgraphs, nested the same
 * way, holding the same nodes with the same values. NULL, or what
 * differs.
 */
static const char *
dot_diff(Agraph_t *a, Agraph_t *b)
{
    static const int kinds[] = {AGRAPH, AGNODE, AGEDGE};
    const char *d;

    if (strcmp(agnameof(a), agnameof(b)) != 0 ||
        agisdirected(a) != agisdirected(b) || agisstrict(a) != agisstrict(b))
        return "the root graph differs";
    for (int k = 0; k < 3; k++) {
        Agraph_t *roots[2] = {a, b};
        for (int r = 0; r < 2; r++)
            for (Agsym_t *s = agnxtattr(roots[r], kinds[k], NULL); s;
                 s = agnxtattr(roots[r], kinds[k], s)) {
                Agsym_t *sa = agattr(a, kinds[k], s->name, NULL),
                        *sb = agattr(b, kinds[k], s->name, NULL);
                const char *da = sa ? sa->defval : "",
                           *db = sb ? sb->defval : "";
                if (strcmp(da, db) != 0) {
                    snprintf(diff_msg, sizeof diff_msg,
                             "default %s is '%.150s' streamed, '%.150s' built",
                             s->name, da, db);
                    return diff_msg;
                }
            }
    }
    if ((d = diff_attrs(a, a, b, b, AGRAPH, "the root")) != NULL)
        return d;
    if (agnnodes(a) != agnnodes(b) || agnedges(a) != agnedges(b)) {
        snprintf(diff_msg, sizeof diff_msg,
                 "%d nodes, %d edges streamed; %d, %d built", agnnodes(a),
                 agnedges(a), agnnodes(b), agnedges(b));
        return diff_msg;
    }
    for (Agnode_t *nb = agfstnode(b); nb; nb = agnxtnode(b, nb)) {
        Agnode_t *na = agnode(a, agnameof(nb), 0);
        if (na == NULL) {
            snprintf(diff_msg, sizeof diff_msg, "node %s not streamed",
                     agnameof(nb));
            return diff_msg;
        }
        if ((d = diff_attrs(a, na, b, nb, AGNODE, agnameof(nb))) != NULL)
            return d;
        for (Agedge_t *eb = agfstout(b, nb); eb; eb = agnxtout(b, eb)) {
            const char *head = agnameof(aghead(eb));
            int k = 0;
            Agedge_t *ea;
            for (Agedge_t *x = agfstout(b, nb); x != eb; x = agnxtout(b, x))
                k += aghead(x) == aghead(eb);
            ea = nth_edge(a, na, head, k);
            if (ea == NULL) {
                snprintf(diff_msg, sizeof diff_msg,
                         "edge %s -> %s (%d) not streamed", agnameof(nb), head,
                         k);
                return diff_msg;
            }
            if ((d = diff_attrs(a, ea, b, eb, AGEDGE, "an edge")) != NULL)
                return d;
        }
    }
    return diff_subgraphs(a, a, b, b);
}

/* The bytes `got` (`len`) equal `ref` (`ref_len`); else say where they
 * first differ. */
static const char *
diff_bytes(const char *got, size_t len, const char *ref, size_t ref_len)
{
    size_t i = 0, line = 1;

    while (i < len && i < ref_len && got[i] == ref[i])
        line += got[i++] == '\n';
    if (i == len && i == ref_len)
        return NULL;
    snprintf(diff_msg, sizeof diff_msg,
             "streamed DOT differs from agwrite's at byte %zu (line %zu): "
             "'%.60s' against '%.60s'",
             i, line, got + i, ref + i);
    return diff_msg;
}

/*
 * The streamed DOT `got` (`len` bytes) of `g` with `opt`: agmemread()
 * reads it back as the graph zg_export__diagram_new() builds, and it is
 * byte for byte what agwrite() writes of that graph. NULL, or what
 * differs.
 */
const char *
zgt_dot_stream_matches(const zg_graph *g, const zg_dot_options *opt,
                       const char *got, size_t len)
{
    zg_export__diagram *d = NULL;
    zg_error err = {0};
    char *ref = NULL;
    size_t ref_len = 0;
    FILE *mem;
    Agraph_t *a;
    const char *why;

    zg_export__gv_begin();
    if (zg_export__diagram_new(&d, g, opt, &err) != ZG_OK) {
        zg_export__gv_end();
        snprintf(diff_msg, sizeof diff_msg, "cgraph cannot build it: %s",
                 err.msg);
        return diff_msg;
    }
    zg_export__gv_end();
    a = agmemread(gvs(got));
    if (a == NULL) {
        zg_export__diagram_free(d);
        return "cgraph cannot read the streamed DOT";
    }
    why = dot_diff(a, zg_export__diagram_graph(d));
    agclose(a);
    zg_export__diagram_free(d);
    if (why != NULL)
        return why;
    mem = open_memstream(&ref, &ref_len);
    if (mem == NULL)
        return "no memory stream";
    if (zg_export__dot_cgraph(g, opt, mem, &err) != ZG_OK) {
        fclose(mem);
        free(ref);
        snprintf(diff_msg, sizeof diff_msg, "agwrite fails: %s", err.msg);
        return diff_msg;
    }
    if (fclose(mem) != 0) {
        free(ref);
        return "no memory stream";
    }
    why = diff_bytes(got, len, ref, ref_len);
    free(ref);
    return why;
}
