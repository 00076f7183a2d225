/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for graph snapshots: open the input as a graph
 * snapshot from memory (zg_graph_open_snapshot_memory()). Refused, it
 * must say why and hand no graph out. Opened, every field of every record
 * is read (strings to their NUL, every relation with its provenance,
 * every walk of the adjacency, aliases and properties) and each node is
 * found again by its key, so that the sanitizers see a read out of
 * bounds; opening with ZG_SNAPSHOT_VERIFY may refuse only what the
 * plain open accepted, never accept what it refused.
 *
 * Each input is tried twice: as it is, and with its checksums made to
 * agree (tests/support/snap_reseal.c), since a fuzzer cannot forge a
 * checksum and the graph's own checks behind it would otherwise see only
 * the seeds. Built by `make fuzz`; run by fuzz/run with
 * fuzz/corpus/snapshot (small saved graphs) and fuzz/snapshot.dict.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../tests/support/snap_reseal.h"
#include "zg_graph.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile size_t sink;

static void
text(const char *s)
{
    if (s != NULL)
        sink += strlen(s);
}

static void
prop(const zg_prop *p)
{
    const char *f[] = {p->name, p->value,  p->zh,       p->en,
                       p->unit, p->date,   p->approx,   p->figure_kind,
                       p->base, p->source, p->evidence, p->since,
                       p->until};

    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        text(f[i]);
    if (p->name == NULL || p->value == NULL || p->kind > ZG_PROP_FIGURE)
        abort();
}

/* Read every field of `g`; `verified`: it was opened with
 * ZG_SNAPSHOT_VERIFY, so its key table finds every node (unverified, a
 * forged table may find none, and must only stay in bounds). */
static void
read_all(const zg_graph *g, int verified)
{
    size_t nn = zg_graph_node_count(g), ne = zg_graph_edge_count(g);

    for (zg_id t = 0; t < zg_graph_nodetype_count(g); t++) {
        const zg_nodetype_info *x = zg_graph_nodetype(g, t);
        text(x->name), text(x->zh), text(x->en), text(x->shape);
        text(x->colour);
        if (zg_graph_nodetype_by_name(g, x->name) == ZG_NO_ID)
            abort();
    }
    for (zg_id r = 0; r < zg_graph_reltype_count(g); r++) {
        const zg_reltype_info *x = zg_graph_reltype(g, r);
        text(x->name), text(x->zh), text(x->en), text(x->from), text(x->to);
        for (zg_id t = 0; t < zg_graph_nodetype_count(g); t++)
            sink += (size_t)zg_graph_reltype_allows_from(g, r, t) +
                    (size_t)zg_graph_reltype_allows_to(g, r, t);
    }
    for (zg_id s = 0; s < zg_graph_source_count(g); s++) {
        const zg_source_info *x = zg_graph_source(g, s);
        text(x->id), text(x->title), text(x->publisher), text(x->date);
        text(x->url), text(x->author);
    }
    for (zg_id n = 0; n < nn; n++) {
        const zg_node_info *v = zg_graph_node(g, n);
        const zg_alias *al;
        const zg_prop *pr;
        size_t k;
        text(v->key), text(v->name), text(v->name_en), text(v->since);
        text(v->until), text(v->sources), text(v->evidence), text(v->note);
        if (v->type >= zg_graph_nodetype_count(g))
            abort();
        if (zg_graph_node_by_key(g, v->key) == ZG_NO_ID && verified)
            abort();
        k = zg_graph_node_aliases(g, n, &al);
        for (size_t i = 0; i < k; i++)
            text(al[i].text), text(al[i].lang);
        k = zg_graph_node_props(g, n, &pr);
        for (size_t i = 0; i < k; i++)
            prop(&pr[i]);
        for (int out = 0; out < 2; out++) {
            zg_adjacency a = zg_graph_adjacency(g, n, out);
            zg_id e, far;
            while (zg_graph_adj_next(&a, &e, &far))
                if (e >= ne || far >= nn)
                    abort();
        }
    }
    for (zg_id e = 0; e < ne; e++) {
        zg_edge_info x;
        const zg_prop *pr;
        size_t k;
        zg_graph_edge_get(g, e, &x);
        if (x.from >= nn || x.to >= nn || x.type >= zg_graph_reltype_count(g) ||
            x.basis > ZG_BASIS_INFERRED)
            abort();
        text(x.source), text(x.evidence), text(x.note), text(x.since);
        text(x.until);
        k = zg_graph_edge_props(g, e, &pr);
        for (size_t i = 0; i < k; i++)
            prop(&pr[i]);
    }
}

static void
check(const uint8_t *data, size_t size)
{
    zg_graph *g = NULL, *v = NULL;
    zg_error err = {0}, verr = {0};
    zg_status st, vst;

    st = zg_graph_open_snapshot_memory(data, size, "fuzz.zgs", 0, &g, &err);
    vst = zg_graph_open_snapshot_memory(data, size, "fuzz.zgs",
                                        ZG_SNAPSHOT_VERIFY, &v, &verr);
    if (st != ZG_OK) {
        if (g != NULL || err.msg[0] == '\0' || err.status != st)
            abort(); /* a refusal must say why, and hand nothing out */
        if (vst == ZG_OK)
            abort(); /* verifying accepted what opening refused */
        return;
    }
    if (vst != ZG_OK && (v != NULL || verr.msg[0] == '\0'))
        abort();
    read_all(g, 0);
    /* Damage the reads met is there for verifying to refuse too. */
    if (zg_graph_damage(g, NULL) != ZG_OK && vst == ZG_OK)
        abort();
    if (vst == ZG_OK) {
        read_all(v, 1);
        if (zg_graph_damage(v, NULL) != ZG_OK)
            abort();
    }
    if (zg_graph_begin(g, NULL) != ZG_ERR_INVALID)
        abort(); /* a snapshot's graph is read-only */
    zg_graph_free(g);
    zg_graph_free(v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    snap_check_twice(data, size, check);
    return 0;
}
