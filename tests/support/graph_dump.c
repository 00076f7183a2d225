/* SPDX-License-Identifier: MIT */
/*
 * graph_dump.c: see graph_dump.h. Moved here from tests/hostile so the
 * hostile corpus and the round-trip test compare graphs the same way.
 */
#include "graph_dump.h"

#include <stdio.h>

static const char *const basis_names[] = {"stated", "implied", "inferred"};
static const char *const kind_names[] = {"string", "integer", "number",
                                         "date",   "boolean", "figure"};

static const char *
basis_name(zg_basis b)
{
    return (unsigned)b < 3 ? basis_names[b] : "?";
}

static const char *
kind_name(zg_prop_kind k)
{
    return (unsigned)k < 6 ? kind_names[k] : "?";
}

/* ` what=` then `s` quoted and escaped, or NULL. */
static void
dump_str(FILE *out, const char *what, const char *s)
{
    fprintf(out, " %s=", what);
    if (s == NULL) {
        fputs("NULL", out);
        return;
    }
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '\\': fputs("\\\\", out); break;
        case '"': fputs("\\\"", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(out, "\\x%02X", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

static void
dump_prop(FILE *out, const zg_prop *p)
{
    fputs("  P", out);
    dump_str(out, "name", p->name);
    dump_str(out, "value", p->value);
    fprintf(out, " kind=%s(%d) number=%.17g", kind_name(p->kind), (int)p->kind,
            p->number);
    dump_str(out, "zh", p->zh);
    dump_str(out, "en", p->en);
    dump_str(out, "unit", p->unit);
    dump_str(out, "date", p->date);
    dump_str(out, "approx", p->approx);
    dump_str(out, "figure_kind", p->figure_kind);
    dump_str(out, "base", p->base);
    dump_str(out, "source", p->source);
    dump_str(out, "evidence", p->evidence);
    dump_str(out, "since", p->since);
    dump_str(out, "until", p->until);
    fputc('\n', out);
}

static void
dump_ids(FILE *out, const char *what, const zg_id *ids, size_t n)
{
    fprintf(out, "  %s %zu:", what, n);
    for (size_t i = 0; i < n; i++)
        fprintf(out, " %u", (unsigned)ids[i]);
    fputc('\n', out);
}

void
zgt_dump_graph(const zg_graph *g, FILE *out)
{
    size_t nt = zg_graph_nodetype_count(g), nr = zg_graph_reltype_count(g);
    size_t ns = zg_graph_source_count(g), nn = zg_graph_node_count(g);
    size_t ne = zg_graph_edge_count(g);

    fprintf(out, "nodetypes %zu reltypes %zu sources %zu nodes %zu edges %zu\n",
            nt, nr, ns, nn, ne);
    for (zg_id t = 0; t < nt; t++) {
        const zg_nodetype_info *x = zg_graph_nodetype(g, t);
        fprintf(out, "T%u", (unsigned)t);
        dump_str(out, "name", x->name);
        dump_str(out, "zh", x->zh);
        dump_str(out, "en", x->en);
        dump_str(out, "shape", x->shape);
        dump_str(out, "colour", x->colour);
        fprintf(out, " priority=%u lookup=%u\n", x->priority,
                (unsigned)zg_graph_nodetype_by_name(g, x->name));
    }
    for (zg_id r = 0; r < nr; r++) {
        const zg_reltype_info *x = zg_graph_reltype(g, r);
        fprintf(out, "R%u", (unsigned)r);
        dump_str(out, "name", x->name);
        dump_str(out, "zh", x->zh);
        dump_str(out, "en", x->en);
        dump_str(out, "from", x->from);
        dump_str(out, "to", x->to);
        fprintf(out, " cluster=%d lookup=%u allows-from:", x->cluster,
                (unsigned)zg_graph_reltype_by_name(g, x->name));
        for (zg_id t = 0; t < nt; t++)
            if (zg_graph_reltype_allows_from(g, r, t))
                fprintf(out, " %u", (unsigned)t);
        fputs(" allows-to:", out);
        for (zg_id t = 0; t < nt; t++)
            if (zg_graph_reltype_allows_to(g, r, t))
                fprintf(out, " %u", (unsigned)t);
        fputc('\n', out);
    }
    for (zg_id s = 0; s < ns; s++) {
        const zg_source_info *x = zg_graph_source(g, s);
        fprintf(out, "S%u", (unsigned)s);
        dump_str(out, "id", x->id);
        dump_str(out, "title", x->title);
        dump_str(out, "publisher", x->publisher);
        dump_str(out, "date", x->date);
        dump_str(out, "url", x->url);
        dump_str(out, "author", x->author);
        fprintf(out, " lookup=%u\n", (unsigned)zg_graph_source_by_id(g, x->id));
    }
    for (zg_id n = 0; n < nn; n++) {
        const zg_node_info *x = zg_graph_node(g, n);
        const zg_alias *al;
        const zg_prop *pr;
        const zg_id *es;
        size_t k;

        fprintf(out, "N%u", (unsigned)n);
        dump_str(out, "key", x->key);
        fprintf(out, " type=%u", (unsigned)x->type);
        dump_str(out, "name", x->name);
        dump_str(out, "en", x->name_en);
        dump_str(out, "since", x->since);
        dump_str(out, "until", x->until);
        dump_str(out, "sources", x->sources);
        dump_str(out, "evidence", x->evidence);
        dump_str(out, "note", x->note);
        fprintf(out, " basis=%s(%d) lookup=%u\n", basis_name(x->basis),
                (int)x->basis, (unsigned)zg_graph_node_by_key(g, x->key));
        k = zg_graph_node_aliases(g, n, &al);
        for (size_t i = 0; i < k; i++) {
            fputs("  A", out);
            dump_str(out, "text", al[i].text);
            dump_str(out, "lang", al[i].lang);
            fputc('\n', out);
        }
        k = zg_graph_node_props(g, n, &pr);
        for (size_t i = 0; i < k; i++)
            dump_prop(out, &pr[i]);
        k = zg_graph_out_edges(g, n, &es);
        dump_ids(out, "out", es, k);
        k = zg_graph_in_edges(g, n, &es);
        dump_ids(out, "in", es, k);
    }
    for (zg_id e = 0; e < ne; e++) {
        zg_edge_info x;
        zg_graph_edge_get(g, e, &x);
        const zg_prop *pr;
        size_t k;

        fprintf(out, "E%u from=%u type=%u to=%u", (unsigned)e, (unsigned)x.from,
                (unsigned)x.type, (unsigned)x.to);
        dump_str(out, "source", x.source);
        dump_str(out, "evidence", x.evidence);
        dump_str(out, "note", x.note);
        dump_str(out, "since", x.since);
        dump_str(out, "until", x.until);
        fprintf(out, " basis=%s(%d)\n", basis_name(x.basis), (int)x.basis);
        k = zg_graph_edge_props(g, e, &pr);
        for (size_t i = 0; i < k; i++)
            dump_prop(out, &pr[i]);
    }
}
