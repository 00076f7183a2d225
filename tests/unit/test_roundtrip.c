/* SPDX-License-Identifier: MIT */
/*
 * Round trips. Random graphs, built through the C API
 * from a seeded generator with hostile text in every field, go through
 * export and import and must come back identical:
 *
 *  - zonegraph XML and GraphML: import(export(G)) dumps exactly as G does
 *    (tests/support/graph_dump.c: every field the API shows), and exporting
 *    the imported graph gives the same bytes again; with random node and
 *    edge masks the import is the induced subgraph;
 *  - DOT: cgraph reads every diagram back, every drawn node comes back
 *    (as node n<id> or cluster_<id>) with its key as tooltip; the streamed
 *    text, read back, is the graph cgraph builds for the same options
 *    (every node, edge, subgraph and attribute value) and is byte for byte
 *    what agwrite() writes of that graph; every tenth
 *    diagram is rendered to SVG by zg_export_render() and, when $DOT names
 *    the dot program, by `dot -Tsvg` with exit status 0 and nothing on
 *    stderr;
 *  - importing the XML and the GraphML of one graph into one graph merges
 *    them into that graph;
 *  - snapshots: a graph saved (zg_graph_save()) and opened again dumps
 *    exactly as it did and exports the same XML, GraphML and DOT bytes,
 *    and saving the opened graph writes the same file again.
 *
 * And the other side of the contract: text the vocabulary cannot carry is
 * refused (ZG_ERR_EXPORT, naming the object and the field), and an export
 * that does not refuse must round-trip (values the API lets in at the edge
 * of what the vocabulary writes; what the value rules refuse, the graph
 * refuses, see test_graph.c).
 *
 * Environment: ZG_ROUNDTRIP_SEED (default below; decimal or 0x hex),
 * ZG_ROUNDTRIP_N (graphs, default 200), ZG_ROUNDTRIP_FIRST (index of the
 * first graph, to rerun one: FIRST=i N=1). A failure names seed and index
 * and leaves the texts and dumps in $TMPDIR (default /tmp).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cgraph.h>

#include "export_internal.h" /* white-box: the cgraph-built diagram */
#include "zg_export.h"
#include "zg_graph.h"
#include "zg_import.h"
#include "zg_text.h"

/* LeakSanitizer's interface, present only in sanitizer builds. */
void __lsan_disable(void) __attribute__((weak));
void __lsan_enable(void) __attribute__((weak));

#include "../support/dot_compare.h"
#include "../support/graph_dump.h"

#define DEFAULT_SEED 0x5eed2026u
#define DEFAULT_N 200u

/* ---- run parameters ---- */

static uint64_t seed = DEFAULT_SEED;
static unsigned n_graphs = DEFAULT_N, first_graph = 0;

static void
read_env(void)
{
    const char *s;

    if ((s = getenv("ZG_ROUNDTRIP_SEED")) && *s)
        seed = strtoull(s, NULL, 0);
    if ((s = getenv("ZG_ROUNDTRIP_N")) && *s)
        n_graphs = (unsigned)strtoul(s, NULL, 0);
    if ((s = getenv("ZG_ROUNDTRIP_FIRST")) && *s)
        first_graph = (unsigned)strtoul(s, NULL, 0);
}

/* ---- a seeded generator: splitmix64 ---- */

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t
rng_next(rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, n); 0 when n is 0. */
static unsigned
rnd(rng *r, unsigned n)
{
    return n ? (unsigned)(rng_next(r) % n) : 0;
}

static int
chance(rng *r, unsigned percent)
{
    return rnd(r, 100) < percent;
}

/* Graph `index` of the run has its own stream, so it can be rebuilt alone. */
static void
rng_for_graph(rng *r, unsigned index)
{
    r->s = seed ^ ((uint64_t)index * 0xd1b54a32d192ed03ULL);
    (void)rng_next(r);
}

#define PICK(r, arr) ((arr)[rnd((r), sizeof(arr) / sizeof((arr)[0]))])

/* ---- text buffers and the strings a graph is built from ---- */

typedef struct sbuf {
    char *p;
    size_t len, cap;
} sbuf;

static void
sb_putn(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *p = realloc(b->p, cap);
        assert_non_null(p);
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void
sb_puts(sbuf *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

static void
sb_clear(sbuf *b)
{
    b->len = 0;
    sb_putn(b, "", 0);
}

/* Every string made for one graph; freed together. */
typedef struct pool {
    char **s;
    size_t n, cap;
} pool;

static const char *
pool_keep(pool *p, char *s)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 256;
        char **a = realloc(p->s, cap * sizeof *a);
        assert_non_null(a);
        p->s = a;
        p->cap = cap;
    }
    p->s[p->n++] = s;
    return s;
}

static const char *
pool_dup(pool *p, const char *s)
{
    char *c = strdup(s);

    assert_non_null(c);
    return pool_keep(p, c);
}

static const char *pool_printf(pool *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static const char *
pool_printf(pool *p, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    return pool_dup(p, tmp);
}

static void
pool_free(pool *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->s[i]);
    free(p->s);
    memset(p, 0, sizeof *p);
}

/* ---- hostile text ---- */

/* Pieces of hostile text: XML markup and references, DOT syntax and
 * escString escapes, printf directives, scripts and marks that confuse
 * display, white space of every kind, all valid UTF-8 without C0 controls
 * other than tab, newline and carriage return. */
static const char *const atoms[] = {
    "\"", "'", "<", ">", "&", "]]>", "<!--", "-->", "--", "?>", "<?xml",
    "<![CDATA[", "&amp;", "&#0;", "&lt;", "&#x26;", "&#10;", "&quot;",
    "<!DOCTYPE", "&e;",
    /* CJK, combining e + U+0301, a lone combining mark, emoji (4 bytes),
     * a ZWJ sequence, Hebrew, Arabic, RLO, ZWJ, BOM, U+2028, U+2029 */
    "先导区", "廣州", "e\xcc\x81", "\xcc\x81", "\xf0\x9f\x98\x80",
    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9",
    "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
    "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7", "\xe2\x80\xae", "\xe2\x80\x8d",
    "\xef\xbb\xbf", "\xe2\x80\xa8", "\xe2\x80\xa9",
    /* NBSP, ideographic space, NEL, DEL, a C1 control, U+FFFD, U+10FFFF,
     * private use, a noncharacter XML allows (U+FDD0) */
    "\xc2\xa0", "\xe3\x80\x80", "\xc2\x85", "\x7f", "\xc2\x9b", "\xef\xbf\xbd",
    "\xf4\x8f\xbf\xbf", "\xee\x80\x80", "\xef\xb7\x90",
    /* DOT: backslashes, escString escapes, syntax, keywords */
    "\\", "\\\"", "\\n", "\\N", "\\G", "\\l", "\\\\", "{", "}", "[", "]", ";",
    "=", "->", ",", "|", "#", "@", "n0", "n1", "node", "graph", "subgraph",
    "edge", "digraph", "strict", "cluster_0", "<b>x</b>", "<TABLE>",
    /* white space inside */
    "\t", "\n", "\r", "\r\n", " ", "  ",
    /* printf, shells, plain text */
    "%s%n", "%x", "$(x)", "`", "a", "Z", "0", "42", "x y",
    "http://example.org/?a=1&b=2"};

/* Letters and digits for text that is merely text. */
static const char *const plain_atoms[] = {"alpha", "beta", "北京", "Chengdu",
                                          "7",     "zone", "x"};

/* Append a string of about `target` code points built from the atoms. */
static void
long_text(rng *r, sbuf *b, size_t target)
{
    size_t cps = 0;

    while (cps < target) {
        const char *a = PICK(r, atoms);
        sb_puts(b, a);
        for (const unsigned char *p = (const unsigned char *)a; *p; p++)
            cps += (*p & 0xc0) != 0x80;
    }
}

/* Hostile text into `b`: empty only if `empty_ok`. */
static void
hostile_into(rng *r, sbuf *b, int empty_ok, int long_ok)
{
    unsigned k;

    sb_clear(b);
    if (empty_ok && chance(r, 4))
        return;
    if (long_ok && chance(r, 2)) {
        long_text(r, b, 5000);
        return;
    }
    if (chance(r, 10)) {
        sb_puts(b, PICK(r, plain_atoms));
        return;
    }
    k = 1 + rnd(r, 6);
    for (unsigned i = 0; i < k; i++)
        sb_puts(b, PICK(r, atoms));
}

static int
is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Free text for an attribute-like field: anything, white space at the ends
 * included; "" when `empty_ok`. */
static const char *
gen_text(rng *r, pool *p, int empty_ok)
{
    sbuf b = {0};

    hostile_into(r, &b, empty_ok, 1);
    if (b.len == 0 && !empty_ok)
        sb_puts(&b, "x");
    return pool_keep(p, b.p);
}

/* Element text (alias, evidence, note): non-empty, no white space at the
 * ends (the importer trims it). */
static const char *
gen_trimmed(rng *r, pool *p)
{
    sbuf b = {0};
    size_t s = 0, e;

    hostile_into(r, &b, 0, 1);
    e = b.len;
    while (s < e && is_ws(b.p[s]))
        s++;
    while (e > s && is_ws(b.p[e - 1]))
        e--;
    if (s == e) {
        free(b.p);
        return pool_dup(p, "\xe5\x8c\x97"); /* 北 */
    }
    memmove(b.p, b.p + s, e - s);
    b.p[e - s] = '\0';
    return pool_keep(p, b.p);
}

/* A node key: non-empty, no newline, no white space at the ends (the
 * importer's rule and the schema's nodeid pattern). `no_space`: no white
 * space at all (source ids, which lists separate by spaces), and short. */
static const char *
gen_key(rng *r, pool *p, int no_space)
{
    for (;;) {
        sbuf b = {0};
        size_t w = 0;

        hostile_into(r, &b, 0, !no_space);
        for (size_t i = 0; i < b.len; i++) {
            char c = b.p[i];
            if (c == '\n' || (no_space && is_ws(c)))
                continue;
            b.p[w++] = c;
        }
        b.p[w] = '\0';
        b.len = w;
        if (b.len > 0 && !is_ws(b.p[0]) && !is_ws(b.p[b.len - 1]) &&
            (!no_space || b.len < 200))
            return pool_keep(p, b.p);
        free(b.p);
    }
}

/* An NCName that XML 1.0 (4th and 5th editions) and XML Schema accept. */
static const char *
gen_ncname(rng *r, pool *p)
{
    /* é, Ω and CJK start names in both XML editions; U+0301 and U+00B7
     * may follow the first character */
    static const char *const start[] = {
        "a",        "b",        "zone",     "Q",      "_",         "区",
        "類",       "\xc3\xa9", "\xce\xa9", "node",   "graph",     "edge",
        "subgraph", "n0",       "digraph",  "strict", "cluster_1", "A"};
    static const char *const more[] = {
        "a",        "9", "-", ".",    "_",  "先",          "\xcc\x81",
        "\xc2\xb7", "Z", "0", "node", "--", "\xe5\xbb\xa3"};
    sbuf b = {0};
    unsigned k = rnd(r, 4);

    sb_puts(&b, PICK(r, start));
    for (unsigned i = 0; i < k; i++)
        sb_puts(&b, PICK(r, more));
    return pool_keep(p, b.p);
}

static const char *const reserved[] = {
    "zonegraph", "schema", "nodetype", "relationtype", "source", "relation",
    "alias",     "prop",   "figure",   "evidence",     "note",   NULL};

static int
is_reserved(const char *s)
{
    for (const char *const *r = reserved; *r; r++)
        if (strcmp(*r, s) == 0)
            return 1;
    return 0;
}

/* YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date. */
static const char *
gen_date(rng *r, pool *p)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = chance(r, 5) ? (chance(r, 50) ? 1 : 9999) : 1900 + (int)rnd(r, 201);
    int m = 1 + (int)rnd(r, 12), leap, d;

    leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    d = 1 + (int)rnd(r, (unsigned)(mdays[m - 1] + (m == 2 && leap)));
    switch (rnd(r, 3)) {
    case 0: return pool_printf(p, "%04d", y);
    case 1: return pool_printf(p, "%04d-%02d", y, m);
    default: return pool_printf(p, "%04d-%02d-%02d", y, m, d);
    }
}

/* since and until, each maybe NULL, until not before since (compared as
 * the importer does: on the shorter of the two). */
static void
gen_span(rng *r, pool *p, const char **since, const char **until)
{
    *since = chance(r, 40) ? gen_date(r, p) : NULL;
    *until = chance(r, 40) ? gen_date(r, p) : NULL;
    if (*since && *until) {
        size_t n =
            strlen(*since) < strlen(*until) ? strlen(*since) : strlen(*until);
        if (strncmp(*until, *since, n) < 0) {
            const char *t = *since;
            *since = *until;
            *until = t;
        }
    }
}

/* An xsd:integer lexical form: signs and leading zeros included. */
static const char *
gen_integer(rng *r, pool *p)
{
    static const char *const fixed[] = {"0",
                                        "-0",
                                        "+0",
                                        "007",
                                        "+42",
                                        "9223372036854775807",
                                        "-9223372036854775808",
                                        "-1"};
    unsigned long long v;
    const char *sign;

    if (chance(r, 30))
        return PICK(r, fixed);
    v = (rng_next(r) >> 1) >> rnd(r, 63);
    sign = chance(r, 50) ? "-" : chance(r, 20) ? "+" : "";
    return pool_printf(p, "%s%s%llu", sign, chance(r, 10) ? "000" : "", v);
}

/* An xsd:decimal lexical form ("5.", ".5", "-0.0", "+1.50", ...) of at
 * most 24 significant digits. */
static const char *
gen_decimal(rng *r, pool *p)
{
    static const char *const fixed[] = {
        "0", "-0.0", "5.", ".5", "+1.50", "-.25", "0.1", "1",
        /* 24 digits: the most libxml2's xsd:decimal takes */
        "123456789012345678901234", "-0.000000000000000000000001",
        "3.14159265358979323846", "0000000000000000000000000000001.5"};
    static const char *const signs[] = {"", "", "-", "+"};
    const char *sign = PICK(r, signs);
    unsigned a = rnd(r, 100000), b = rnd(r, 1000);

    if (chance(r, 30))
        return PICK(r, fixed);
    switch (rnd(r, 3)) {
    case 0: return pool_printf(p, "%s%u", sign, a);
    case 1: return pool_printf(p, "%s%u.%03u", sign, a, b);
    default: return pool_printf(p, "%s.%u", sign, b);
    }
}

/* ---- building a random graph ---- */

/* What the generator knows of the graph it is building. */
typedef struct gen {
    rng r;
    pool p;
    zg_graph *g;
    size_t n_types, n_rels, n_sources, n_nodes;
    const char *type_names[4];
    const char *source_ids[3];
    int source_ref[3]; /* may be referred to (no white space in the id) */
    const char *keys[30];
    zg_id node_type[30];
    zg_edge_info edges[60];
    size_t n_edges;
    /* relation lists: for each relation type, allowed types (or any) */
    int any_from[4], any_to[4];
    int allow_from[4][4], allow_to[4][4];
} gen;

static void
check_ok(zg_status st, const zg_error *err, const char *what)
{
    if (st != ZG_OK)
        fail_msg("seed 0x%llx: building the graph: %s: %s",
                 (unsigned long long)seed, what, err->msg);
}

/* A declared source id that may be referred to, or NULL if none. */
static const char *
ref_source(gen *G)
{
    unsigned n = 0, k;

    for (size_t i = 0; i < G->n_sources; i++)
        n += G->source_ref[i];
    if (n == 0)
        return NULL;
    k = rnd(&G->r, n);
    for (size_t i = 0; i < G->n_sources; i++)
        if (G->source_ref[i] && k-- == 0)
            return G->source_ids[i];
    return NULL;
}

/* NULL, or a space-separated list of 1-3 distinct referable source ids
 * (sometimes with two spaces between). */
static const char *
ref_source_list(gen *G, unsigned percent)
{
    sbuf b = {0};
    const char *used[3];
    size_t n_used = 0;
    unsigned k;

    if (!chance(&G->r, percent) || ref_source(G) == NULL)
        return NULL;
    k = 1 + rnd(&G->r, 3);
    for (unsigned i = 0; i < k; i++) {
        const char *s = ref_source(G);
        int dup = 0;
        for (size_t j = 0; j < n_used; j++)
            dup |= used[j] == s;
        if (dup)
            continue;
        used[n_used++] = s;
        if (b.len)
            sb_puts(&b, chance(&G->r, 10) ? "  " : " ");
        sb_puts(&b, s);
    }
    return pool_keep(&G->p, b.p);
}

static void
gen_types(gen *G)
{
    static const char *const shapes[] = {
        "box",     "ellipse",       "hexagon", "note",   "octagon",
        "diamond", "component",     "folder",  "tab",    "cylinder",
        "house",   "parallelogram", "oval",    "circle", "plaintext"};
    static const char *const rel_names[] = {"relation", "node",      "source",
                                            "prop",     "in_region", "edge"};
    zg_error err = {0};
    zg_id id;

    G->n_types = 1 + rnd(&G->r, 4);
    for (size_t i = 0; i < G->n_types; i++) {
        zg_nodetype_info t;
        const char *name;
        int dup;
        do {
            name = gen_ncname(&G->r, &G->p);
            dup = is_reserved(name) || strncmp(name, "xml", 3) == 0;
            for (size_t j = 0; j < i; j++)
                dup |= strcmp(G->type_names[j], name) == 0;
        } while (dup);
        memset(&t, 0, sizeof t);
        t.name = G->type_names[i] = name;
        t.zh = chance(&G->r, 60) ? gen_text(&G->r, &G->p, 1) : NULL;
        t.en = chance(&G->r, 60) ? gen_text(&G->r, &G->p, 1) : NULL;
        t.shape = chance(&G->r, 60) ? PICK(&G->r, shapes) : NULL;
        t.colour =
            chance(&G->r, 60)
                ? pool_printf(&G->p, chance(&G->r, 50) ? "#%06x" : "#%06X",
                              rnd(&G->r, 0x1000000))
                : NULL;
        t.priority = chance(&G->r, 40)   ? ZG_DEFAULT_PRIORITY
                     : chance(&G->r, 10) ? 1000000u
                                         : rnd(&G->r, 1000);
        check_ok(zg_graph_add_nodetype(G->g, &t, &id, &err), &err, "node type");
    }
    G->n_rels = 1 + rnd(&G->r, 4);
    for (size_t i = 0; i < G->n_rels; i++) {
        zg_reltype_info x;
        const char *name;
        int dup;
        do {
            name = chance(&G->r, 20) ? PICK(&G->r, rel_names)
                                     : gen_ncname(&G->r, &G->p);
            dup = 0;
            for (size_t j = 0; j < i; j++)
                dup |=
                    strcmp(zg_graph_reltype(G->g, (zg_id)j)->name, name) == 0;
        } while (dup);
        memset(&x, 0, sizeof x);
        x.name = name;
        x.zh = chance(&G->r, 50) ? gen_text(&G->r, &G->p, 1) : NULL;
        x.en = chance(&G->r, 50) ? gen_text(&G->r, &G->p, 1) : NULL;
        x.cluster = chance(&G->r, 30);
        for (int end = 0; end < 2; end++) {
            int *any = end ? &G->any_to[i] : &G->any_from[i];
            int *allow = end ? G->allow_to[i] : G->allow_from[i];
            sbuf b = {0};
            *any = chance(&G->r, 30);
            if (*any) {
                sb_puts(&b, "*");
            } else {
                unsigned k = 1 + rnd(&G->r, (unsigned)G->n_types);
                for (unsigned j = 0; j < k; j++) {
                    unsigned t = rnd(&G->r, (unsigned)G->n_types);
                    if (allow[t])
                        continue;
                    allow[t] = 1;
                    if (b.len)
                        sb_puts(&b, chance(&G->r, 10) ? "  " : " ");
                    sb_puts(&b, G->type_names[t]);
                }
            }
            if (end)
                x.to = pool_keep(&G->p, b.p);
            else
                x.from = pool_keep(&G->p, b.p);
        }
        check_ok(zg_graph_add_reltype(G->g, &x, &id, &err), &err,
                 "relation type");
    }
}

static void
gen_sources(gen *G)
{
    zg_error err = {0};
    zg_id id;

    G->n_sources = 1 + rnd(&G->r, 3);
    for (size_t i = 0; i < G->n_sources; i++) {
        zg_source_info s;
        const char *sid;
        int dup, spaced = chance(&G->r, 10);
        do {
            /* now and then an id with white space inside: valid, but no
             * list can name it */
            sid = spaced ? pool_printf(&G->p, "s %zu\t%u", i, rnd(&G->r, 99))
                         : gen_key(&G->r, &G->p, 1);
            dup = 0;
            for (size_t j = 0; j < i; j++)
                dup |= strcmp(G->source_ids[j], sid) == 0;
        } while (dup);
        G->source_ids[i] = sid;
        G->source_ref[i] = !spaced;
        memset(&s, 0, sizeof s);
        s.id = sid;
        s.title = gen_text(&G->r, &G->p, 1);
        s.publisher = chance(&G->r, 50) ? gen_text(&G->r, &G->p, 1) : NULL;
        s.date = chance(&G->r, 50) ? gen_date(&G->r, &G->p) : NULL;
        s.url = chance(&G->r, 50) ? gen_text(&G->r, &G->p, 1) : NULL;
        s.author = chance(&G->r, 50) ? gen_text(&G->r, &G->p, 1) : NULL;
        check_ok(zg_graph_add_source(G->g, &s, &id, &err), &err, "source");
    }
}

/* A property (not a figure) with a value of its kind. */
static void
gen_plain_prop(gen *G, zg_prop *x, const char *name)
{
    memset(x, 0, sizeof *x);
    x->name = name;
    x->kind = (zg_prop_kind)rnd(&G->r, 5);
    switch (x->kind) {
    case ZG_PROP_INTEGER:
        x->value = gen_integer(&G->r, &G->p);
        x->number = (double)strtoll(x->value, NULL, 10);
        break;
    case ZG_PROP_NUMBER:
        x->value = gen_decimal(&G->r, &G->p);
        x->number = strtod(x->value, NULL);
        break;
    case ZG_PROP_DATE: x->value = gen_date(&G->r, &G->p); break;
    case ZG_PROP_BOOLEAN:
        x->value = chance(&G->r, 50) ? "true" : "false";
        break;
    default: x->value = gen_text(&G->r, &G->p, 1); break;
    }
    x->source = ref_source_list(G, 40);
    x->evidence = chance(&G->r, 30) ? gen_trimmed(&G->r, &G->p) : NULL;
    gen_span(&G->r, &G->p, &x->since, &x->until);
}

static void
gen_figure(gen *G, zg_prop *x, const char *name)
{
    static const char *const approx[] = {"exact", "over", "nearly", "about",
                                         "under"};
    static const char *const kinds[] = {"actual", "target", "forecast",
                                        "estimate"};

    memset(x, 0, sizeof *x);
    x->name = name;
    x->kind = ZG_PROP_FIGURE;
    x->zh = chance(&G->r, 50) ? gen_text(&G->r, &G->p, 1) : NULL;
    x->en = chance(&G->r, 50) ? gen_text(&G->r, &G->p, 1) : NULL;
    x->value = gen_decimal(&G->r, &G->p);
    x->number = strtod(x->value, NULL);
    x->unit = gen_text(&G->r, &G->p, 1);
    x->date = gen_date(&G->r, &G->p);
    /* the importer fills in exact and actual: never NULL here */
    x->approx = PICK(&G->r, approx);
    x->figure_kind = PICK(&G->r, kinds);
    x->base = chance(&G->r, 30) ? gen_date(&G->r, &G->p) : NULL;
    x->source = ref_source(G);
    x->evidence = chance(&G->r, 50) ? gen_trimmed(&G->r, &G->p) : NULL;
}

/* Up to 3 props (and, on nodes, up to 2 figures) with distinct names;
 * a figure may repeat the name of the one before for another date. */
static void
gen_props(gen *G, zg_id owner, int on_edge)
{
    const char *names[8];
    size_t n_names = 0;
    unsigned np = rnd(&G->r, 4);
    unsigned nf = on_edge || ref_source(G) == NULL ? 0 : rnd(&G->r, 3);
    zg_prop last_fig;
    int have_fig = 0;

    memset(&last_fig, 0, sizeof last_fig);
    zg_error err = {0};

    for (unsigned i = 0; i < np + nf; i++) {
        zg_prop x;
        const char *name;
        int dup, figure = i >= np;
        zg_status st;
        if (figure && have_fig && chance(&G->r, 25)) {
            gen_figure(G, &x, last_fig.name);
            if (strcmp(x.date, last_fig.date) == 0 &&
                strcmp(x.figure_kind, last_fig.figure_kind) == 0)
                continue;
        } else {
            do {
                name = gen_ncname(&G->r, &G->p);
                dup = 0;
                for (size_t j = 0; j < n_names; j++)
                    dup |= strcmp(names[j], name) == 0;
            } while (dup);
            names[n_names++] = name;
            if (figure)
                gen_figure(G, &x, name);
            else
                gen_plain_prop(G, &x, name);
        }
        if (figure) {
            last_fig = x;
            have_fig = 1;
        }
        st = on_edge ? zg_graph_add_edge_prop(G->g, owner, &x, &err)
                     : zg_graph_add_node_prop(G->g, owner, &x, &err);
        check_ok(st, &err, "property");
    }
}

static void
gen_nodes(gen *G)
{
    static const char *const langs[] = {"en",        "zh-Hant", "zh-Hans-CN",
                                        "x-klingon", "de-1996", "EN",
                                        "i-default"};
    zg_error err = {0};

    G->n_nodes = rnd(&G->r, 31);
    for (size_t i = 0; i < G->n_nodes; i++) {
        zg_node_info v;
        const char *key;
        unsigned na;
        int dup;
        zg_id id;
        do {
            key = gen_key(&G->r, &G->p, 0);
            dup = 0;
            for (size_t j = 0; j < i; j++)
                dup |= strcmp(G->keys[j], key) == 0;
        } while (dup);
        memset(&v, 0, sizeof v);
        v.key = G->keys[i] = key;
        v.type = G->node_type[i] = (zg_id)rnd(&G->r, (unsigned)G->n_types);
        v.name = gen_text(&G->r, &G->p, 0);
        v.name_en = chance(&G->r, 50) ? gen_text(&G->r, &G->p, 1) : NULL;
        gen_span(&G->r, &G->p, &v.since, &v.until);
        v.sources = ref_source_list(G, 50);
        v.evidence = chance(&G->r, 30) ? gen_trimmed(&G->r, &G->p) : NULL;
        v.note = chance(&G->r, 30) ? gen_trimmed(&G->r, &G->p) : NULL;
        v.basis = (zg_basis)rnd(&G->r, 3);
        check_ok(zg_graph_add_node(G->g, &v, &id, NULL, &err), &err, "node");
        na = rnd(&G->r, 4);
        for (unsigned a = 0; a < na; a++)
            check_ok(zg_graph_add_alias(
                         G->g, id, gen_trimmed(&G->r, &G->p),
                         chance(&G->r, 50) ? PICK(&G->r, langs) : NULL, &err),
                     &err, "alias");
        gen_props(G, id, 0);
    }
}

/* A node whose type relation type `t` allows at one end, or ZG_NO_ID. */
static zg_id
endpoint(gen *G, size_t t, int to)
{
    unsigned n = 0, k;

    for (size_t i = 0; i < G->n_nodes; i++)
        n += (to ? G->any_to[t] || G->allow_to[t][G->node_type[i]]
                 : G->any_from[t] || G->allow_from[t][G->node_type[i]]) != 0;
    if (n == 0)
        return ZG_NO_ID;
    k = rnd(&G->r, n);
    for (size_t i = 0; i < G->n_nodes; i++)
        if ((to ? G->any_to[t] || G->allow_to[t][G->node_type[i]]
                : G->any_from[t] || G->allow_from[t][G->node_type[i]]) &&
            k-- == 0)
            return (zg_id)i;
    return ZG_NO_ID;
}

static int
same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static void
gen_edges(gen *G)
{
    unsigned ne = rnd(&G->r, 61);
    zg_error err = {0};

    for (unsigned i = 0; i < ne; i++) {
        zg_edge_info x;
        size_t t = rnd(&G->r, (unsigned)G->n_rels);
        int dup = 0;
        zg_id id;
        memset(&x, 0, sizeof x);
        x.type = (zg_id)t;
        x.from = endpoint(G, t, 0);
        x.to = endpoint(G, t, 1);
        if (x.from == ZG_NO_ID || x.to == ZG_NO_ID)
            continue;
        x.basis = (zg_basis)rnd(&G->r, 3);
        if (x.basis == ZG_BASIS_INFERRED) {
            x.source = chance(&G->r, 50) ? ref_source_list(G, 100) : NULL;
            x.evidence = chance(&G->r, 50) ? gen_trimmed(&G->r, &G->p) : NULL;
        } else {
            x.source = ref_source_list(G, 100);
            if (x.source == NULL)
                x.basis = ZG_BASIS_INFERRED;
            x.evidence = gen_trimmed(&G->r, &G->p);
        }
        x.note = chance(&G->r, 30) ? gen_trimmed(&G->r, &G->p) : NULL;
        gen_span(&G->r, &G->p, &x.since, &x.until);
        /* the graph refuses a duplicate (from, type, to, source,
         * evidence) within one transaction */
        for (size_t e = 0; e < G->n_edges && !dup; e++) {
            const zg_edge_info *o = &G->edges[e];
            dup = o->from == x.from && o->to == x.to && o->type == x.type &&
                  same_str(o->source, x.source) &&
                  same_str(o->evidence, x.evidence);
        }
        if (dup)
            continue;
        G->edges[G->n_edges++] = x;
        check_ok(zg_graph_add_edge(G->g, &x, &id, &err), &err, "relation");
        gen_props(G, id, 1);
    }
}

/* Graph `index` of the run, committed. */
static zg_graph *
gen_graph(unsigned index)
{
    gen G;
    zg_error err = {0};

    memset(&G, 0, sizeof G);
    rng_for_graph(&G.r, index);
    assert_int_equal(zg_graph_new(&G.g, &err), ZG_OK);
    assert_int_equal(zg_graph_begin(G.g, &err), ZG_OK);
    gen_types(&G);
    gen_sources(&G);
    gen_nodes(&G);
    gen_edges(&G);
    check_ok(zg_graph_commit(G.g, &err), &err, "commit");
    pool_free(&G.p);
    return G.g;
}

/* ---- exporting, importing and dumping in memory ---- */

typedef zg_status (*export_fn)(const zg_graph *, const unsigned char *,
                               const unsigned char *, FILE *, zg_error *);

typedef struct text {
    char *p;
    size_t len;
} text;

/* Export `g` into `*out` (free out->p); returns the status. */
static zg_status
export_text(export_fn fn, const zg_graph *g, const unsigned char *nmask,
            const unsigned char *emask, text *out, zg_error *err)
{
    FILE *f;
    zg_status st;

    out->p = NULL;
    out->len = 0;
    f = open_memstream(&out->p, &out->len);
    assert_non_null(f);
    zg_error_clear(err);
    st = fn(g, nmask, emask, f, err);
    assert_int_equal(fclose(f), 0);
    return st;
}

static void
dump_text(const zg_graph *g, text *out)
{
    FILE *f = open_memstream(&out->p, &out->len);

    assert_non_null(f);
    zgt_dump_graph(g, f);
    assert_int_equal(fclose(f), 0);
}

static int
same_text(const text *a, const text *b)
{
    return a->len == b->len && memcmp(a->p, b->p, a->len) == 0;
}

static zg_graph *
new_graph(void)
{
    zg_graph *g = NULL;
    zg_error err = {0};

    assert_int_equal(zg_graph_new(&g, &err), ZG_OK);
    return g;
}

/*
 * The part of `g` the masks select, as the exporters promise to write it:
 * every type and source; the selected nodes in order with their aliases
 * and properties; the selected edges whose ends are both selected.
 */
static zg_graph *
copy_graph(const zg_graph *g, const unsigned char *nmask,
           const unsigned char *emask)
{
    zg_graph *c = new_graph();
    zg_error err = {0};
    size_t nn = zg_graph_node_count(g), ne = zg_graph_edge_count(g);
    zg_id *map = malloc((nn ? nn : 1) * sizeof *map), id;

    assert_non_null(map);
    assert_int_equal(zg_graph_begin(c, &err), ZG_OK);
    for (zg_id t = 0; t < zg_graph_nodetype_count(g); t++)
        check_ok(zg_graph_add_nodetype(c, zg_graph_nodetype(g, t), &id, &err),
                 &err, "copy: node type");
    for (zg_id r = 0; r < zg_graph_reltype_count(g); r++)
        check_ok(zg_graph_add_reltype(c, zg_graph_reltype(g, r), &id, &err),
                 &err, "copy: relation type");
    for (zg_id s = 0; s < zg_graph_source_count(g); s++)
        check_ok(zg_graph_add_source(c, zg_graph_source(g, s), &id, &err), &err,
                 "copy: source");
    for (zg_id n = 0; n < nn; n++) {
        const zg_alias *al;
        const zg_prop *pr;
        size_t k;
        map[n] = ZG_NO_ID;
        if (nmask && !nmask[n])
            continue;
        check_ok(zg_graph_add_node(c, zg_graph_node(g, n), &map[n], NULL, &err),
                 &err, "copy: node");
        k = zg_graph_node_aliases(g, n, &al);
        for (size_t i = 0; i < k; i++)
            check_ok(
                zg_graph_add_alias(c, map[n], al[i].text, al[i].lang, &err),
                &err, "copy: alias");
        k = zg_graph_node_props(g, n, &pr);
        for (size_t i = 0; i < k; i++)
            check_ok(zg_graph_add_node_prop(c, map[n], &pr[i], &err), &err,
                     "copy: property");
    }
    for (zg_id e = 0; e < ne; e++) {
        zg_edge_info x;
        const zg_prop *pr;
        size_t k;
        zg_graph_edge_get(g, e, &x);
        if ((emask && !emask[e]) || map[x.from] == ZG_NO_ID ||
            map[x.to] == ZG_NO_ID)
            continue;
        x.from = map[x.from];
        x.to = map[x.to];
        check_ok(zg_graph_add_edge(c, &x, &id, &err), &err, "copy: edge");
        k = zg_graph_edge_props(g, e, &pr);
        for (size_t i = 0; i < k; i++)
            check_ok(zg_graph_add_edge_prop(c, id, &pr[i], &err), &err,
                     "copy: edge property");
    }
    check_ok(zg_graph_commit(c, &err), &err, "copy: commit");
    free(map);
    return c;
}

/* ---- failures: where to look and how to rerun ---- */

static const char *
tmp_dir(void)
{
    const char *d = getenv("TMPDIR");

    return d && *d ? d : "/tmp";
}

/* Keep `t` in $TMPDIR as zg-roundtrip-SEED-INDEX-WHAT for the report. */
static void
save(unsigned index, const char *what, const text *t, char *path, size_t size)
{
    FILE *f;

    snprintf(path, size, "%s/zg-roundtrip-%llx-%u-%s", tmp_dir(),
             (unsigned long long)seed, index, what);
    f = fopen(path, "wb");
    if (f == NULL) {
        snprintf(path, size, "(cannot write %s/zg-roundtrip-...)", tmp_dir());
        return;
    }
    fwrite(t->p, 1, t->len, f);
    fclose(f);
}

/* The first line where `want` and `got` differ, both cut to 300 bytes. */
static void
first_difference(const text *want, const text *got, char *out, size_t size)
{
    size_t i = 0, line = 1, ls = 0, we, ge;

    while (i < want->len && i < got->len && want->p[i] == got->p[i]) {
        if (want->p[i] == '\n') {
            line++;
            ls = i + 1;
        }
        i++;
    }
    for (we = ls; we < want->len && want->p[we] != '\n'; we++)
        ;
    for (ge = ls; ge < got->len && got->p[ge] != '\n'; ge++)
        ;
    snprintf(out, size, "line %zu:\n  want: %.*s\n  got:  %.*s", line,
             (int)(we - ls > 300 ? 300 : we - ls), want->p + ls,
             (int)(ge - ls > 300 ? 300 : ge - ls), got->p + ls);
}

static void
rerun_hint(unsigned index)
{
    print_error("seed 0x%llx, graph %u; rerun it alone with "
                "ZG_ROUNDTRIP_SEED=0x%llx ZG_ROUNDTRIP_FIRST=%u "
                "ZG_ROUNDTRIP_N=1\n",
                (unsigned long long)seed, index, (unsigned long long)seed,
                index);
}

/* ---- the XML and GraphML round trips ---- */

/* Random masks: about 60% of nodes and 70% of edges. */
static void
random_masks(rng *r, const zg_graph *g, unsigned char **nmask,
             unsigned char **emask)
{
    size_t nn = zg_graph_node_count(g), ne = zg_graph_edge_count(g);

    *nmask = malloc(nn ? nn : 1);
    *emask = malloc(ne ? ne : 1);
    assert_non_null(*nmask);
    assert_non_null(*emask);
    for (size_t i = 0; i < nn; i++)
        (*nmask)[i] = chance(r, 60) ? (unsigned char)(1 + rnd(r, 255)) : 0;
    for (size_t i = 0; i < ne; i++)
        (*emask)[i] = chance(r, 70) ? (unsigned char)(1 + rnd(r, 255)) : 0;
}

/*
 * export(g, masks) imports into a fresh graph that dumps as `want`, and
 * exporting that graph again gives the same bytes. Returns 1, or reports
 * and returns 0.
 */
static int
round_trip(const char *fmt, export_fn fn, unsigned index, const zg_graph *g,
           const unsigned char *nmask, const unsigned char *emask,
           const text *want)
{
    text out = {0}, again = {0}, got = {0};
    zg_graph *g1 = new_graph();
    zg_error err = {0};
    zg_status st;
    char path[512], path2[512], diff[1024], what[64];
    int ok = 0;

    st = export_text(fn, g, nmask, emask, &out, &err);
    if (st != ZG_OK) {
        print_error("%s export%s failed (%d): %s\n", fmt,
                    nmask ? " with masks" : "", (int)st, err.msg);
        goto out;
    }
    st = zg_import_xml_memory(g1, out.p, out.len, "export.xml", NULL, &err);
    if (st != ZG_OK) {
        snprintf(what, sizeof what, "%s%s", fmt, nmask ? "-masked" : "");
        save(index, what, &out, path, sizeof path);
        print_error("%s export%s does not import back (%d): %u:%u: %s\n"
                    "  the export: %s\n",
                    fmt, nmask ? " with masks" : "", (int)st, err.line,
                    err.column, err.msg, path);
        goto out;
    }
    dump_text(g1, &got);
    if (!same_text(want, &got)) {
        snprintf(what, sizeof what, "%s%s", fmt, nmask ? "-masked" : "");
        save(index, what, &out, path, sizeof path);
        first_difference(want, &got, diff, sizeof diff);
        print_error("%s round trip%s changes the graph, first at %s\n"
                    "  the export: %s\n",
                    fmt, nmask ? " with masks" : "", diff, path);
        snprintf(what, sizeof what, "%s%s-want.dump", fmt,
                 nmask ? "-masked" : "");
        save(index, what, want, path, sizeof path);
        snprintf(what, sizeof what, "%s%s-got.dump", fmt,
                 nmask ? "-masked" : "");
        save(index, what, &got, path2, sizeof path2);
        print_error("  dumps: %s %s\n", path, path2);
        goto out;
    }
    st = export_text(fn, g1, NULL, NULL, &again, &err);
    if (st != ZG_OK || !same_text(&out, &again)) {
        snprintf(what, sizeof what, "%s%s-1", fmt, nmask ? "-masked" : "");
        save(index, what, &out, path, sizeof path);
        snprintf(what, sizeof what, "%s%s-2", fmt, nmask ? "-masked" : "");
        save(index, what, st == ZG_OK ? &again : &out, path2, sizeof path2);
        first_difference(&out, &again, diff, sizeof diff);
        print_error("%s: exporting the imported graph %s (%s): %s %s\n", fmt,
                    st == ZG_OK ? "gives other bytes" : "fails",
                    st == ZG_OK ? diff : err.msg, path, path2);
        goto out;
    }
    ok = 1;
out:
    if (!ok)
        rerun_hint(index);
    zg_graph_free(g1);
    free(out.p);
    free(again.p);
    free(got.p);
    return ok;
}

/* Every graph of the run through `fn`, whole and masked. */
static void
run_round_trips(const char *fmt, export_fn fn)
{
    unsigned failed = 0;

    for (unsigned i = first_graph; i < first_graph + n_graphs; i++) {
        zg_graph *g = gen_graph(i);
        zg_graph *part;
        unsigned char *nmask, *emask, *em;
        text want = {0}, want_part = {0};
        rng r;

        rng_for_graph(&r, i ^ 0x80000000u);
        dump_text(g, &want);
        failed += !round_trip(fmt, fn, i, g, NULL, NULL, &want);
        random_masks(&r, g, &nmask, &emask);
        em = chance(&r, 20) ? NULL : emask; /* nodes only, now and then */
        part = copy_graph(g, nmask, em);
        dump_text(part, &want_part);
        failed += !round_trip(fmt, fn, i, g, nmask, em, &want_part);
        free(want.p);
        free(want_part.p);
        free(nmask);
        free(emask);
        zg_graph_free(part);
        zg_graph_free(g);
        if (failed >= 5)
            break; /* enough to go on */
    }
    if (failed)
        fail_msg("%s: %u round trips failed (seed 0x%llx)", fmt, failed,
                 (unsigned long long)seed);
}

/* ---- snapshots ---- */

/* Export `g` as DOT with default options into `*out` (free out->p). */
static void
dot_text(const zg_graph *g, text *out)
{
    zg_dot_options opt;
    zg_error err = {0};
    FILE *f = open_memstream(&out->p, &out->len);

    assert_non_null(f);
    memset(&opt, 0, sizeof opt);
    check_ok(zg_export_dot(g, &opt, f, &err), &err, "snapshot: dot");
    assert_int_equal(fclose(f), 0);
}

/* The whole file `path`, in `*out` (free out->p). */
static void
file_text(const char *path, text *out)
{
    FILE *f = fopen(path, "rb");
    long n;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    out->len = (size_t)n;
    out->p = malloc(out->len ? out->len : 1);
    assert_non_null(out->p);
    assert_int_equal(fread(out->p, 1, out->len, f), out->len);
    fclose(f);
}

/* `g` saved and opened again: the same dump, the same XML, GraphML and
 * DOT, and the same file when the opened graph is saved. 1 when so. */
static int
snapshot_one(unsigned index, const zg_graph *g)
{
    static const export_fn fns[] = {zg_export_xml, zg_export_graphml};
    char a[512], b[512], where[512];
    zg_graph *o = NULL;
    zg_error err = {0};
    text want = {0}, got = {0}, fa = {0}, fb = {0};
    int ok = 1;

    snprintf(a, sizeof a, "%s/zg-roundtrip-%d-%u-a.zgs", tmp_dir(),
             (int)getpid(), index);
    snprintf(b, sizeof b, "%s/zg-roundtrip-%d-%u-b.zgs", tmp_dir(),
             (int)getpid(), index);
    check_ok(zg_graph_save(g, a, &err), &err, "snapshot: save");
    check_ok(zg_graph_open_snapshot(a, ZG_SNAPSHOT_VERIFY, &o, &err), &err,
             "snapshot: open");
    dump_text(g, &want);
    dump_text(o, &got);
    if (!same_text(&want, &got)) {
        save(index, "snapshot-want", &want, where, sizeof where);
        save(index, "snapshot-got", &got, where, sizeof where);
        ok = 0;
    }
    for (size_t i = 0; ok && i < 3; i++) {
        free(want.p);
        free(got.p);
        if (i < 2) {
            zg_status sw = export_text(fns[i], g, NULL, NULL, &want, &err);
            zg_status sg = export_text(fns[i], o, NULL, NULL, &got, &err);
            ok = sw == sg;
        } else {
            dot_text(g, &want);
            dot_text(o, &got);
        }
        if (ok && !same_text(&want, &got)) {
            save(index,
                 i == 0   ? "snapshot-xml-want"
                 : i == 1 ? "snapshot-graphml-want"
                          : "snapshot-dot-want",
                 &want, where, sizeof where);
            save(index,
                 i == 0   ? "snapshot-xml-got"
                 : i == 1 ? "snapshot-graphml-got"
                          : "snapshot-dot-got",
                 &got, where, sizeof where);
            ok = 0;
        }
    }
    check_ok(zg_graph_save(o, b, &err), &err, "snapshot: save again");
    file_text(a, &fa);
    file_text(b, &fb);
    if (!same_text(&fa, &fb))
        ok = 0;
    if (!ok) {
        print_error("graph %u: the snapshot does not give the graph back\n",
                    index);
        rerun_hint(index);
    }
    unlink(a);
    unlink(b);
    free(fa.p);
    free(fb.p);
    free(want.p);
    free(got.p);
    zg_graph_free(o);
    return ok;
}

static void
test_snapshot_round_trip(void **state)
{
    unsigned failed = 0;

    (void)state;
    for (unsigned i = first_graph; i < first_graph + n_graphs; i++) {
        zg_graph *g = gen_graph(i);
        failed += !snapshot_one(i, g);
        zg_graph_free(g);
        if (failed >= 5)
            break;
    }
    if (failed)
        fail_msg("snapshot: %u round trips failed (seed 0x%llx)", failed,
                 (unsigned long long)seed);
}

/* ---- DOT ---- */

/* The tooltip dot.c writes for user text: the text as zg_text_escape()
 * shows it (controls visibly escaped), then each backslash written as
 * four and `&` as `&amp;`, so Graphviz draws it literally (it unescapes
 * tooltips twice). (The generator makes neither U+FFFE nor U+FFFF, which
 * dot.c escapes too.) */
static void
esc_string(sbuf *b, const char *s)
{
    char *shown = zg_text_escape(s, 0);

    assert_non_null(shown);
    sb_clear(b);
    for (const char *p = shown; *p; p++) {
        if (*p == '\\')
            sb_puts(b, "\\\\\\\\");
        else if (*p == '&')
            sb_puts(b, "&amp;");
        else
            sb_putn(b, p, 1);
    }
    free(shown);
}

typedef struct dot_check {
    const zg_graph *g;
    const unsigned char *nmask;
    unsigned char *seen; /* per node: came back */
    sbuf want;
    char why[1024];
} dot_check;

static char *
attr(void *obj, const char *name)
{
    /* cgraph 2.42 takes char * for names it only reads */
    return agget(obj, (char *)(uintptr_t)name);
}

/* Is `name` PREFIX<id> for a node the masks draw? Sets *id. */
static int
drawn_id(const dot_check *c, const char *name, const char *prefix, zg_id *id)
{
    size_t n = strlen(prefix);
    char *end;
    unsigned long v;

    if (strncmp(name, prefix, n) != 0 || name[n] < '0' || name[n] > '9')
        return 0;
    v = strtoul(name + n, &end, 10);
    if (*end || v >= zg_graph_node_count(c->g) || (c->nmask && !c->nmask[v]))
        return 0;
    *id = (zg_id)v;
    return 1;
}

/* The tooltip of DOT object `obj`, named `name`, is the key of node `id`;
 * a key that is exactly U+FEFF is drawn as U+2060 (dot.c's set(): cgraph
 * cannot read a lone U+FEFF back). */
static int
tooltip_is_key(dot_check *c, void *obj, const char *name, zg_id id)
{
    const char *tip = attr(obj, "tooltip");
    const char *key = zg_graph_node(c->g, id)->key;

    esc_string(&c->want,
               strcmp(key, "\xEF\xBB\xBF") == 0 ? "\xE2\x81\xA0" : key);
    if (tip == NULL || strcmp(tip, c->want.p) != 0) {
        snprintf(c->why, sizeof c->why,
                 "%s has tooltip '%.200s', expected the key '%.200s'", name,
                 tip ? tip : "(none)", c->want.p);
        return 0;
    }
    c->seen[id] = 1;
    return 1;
}

/* Check the clusters below `sg` and their nodes. */
static int
check_subgraphs(dot_check *c, Agraph_t *sg)
{
    for (Agraph_t *s = agfstsubg(sg); s; s = agnxtsubg(s)) {
        const char *name = agnameof(s);
        zg_id id;
        if (!drawn_id(c, name, "cluster_", &id)) {
            snprintf(c->why, sizeof c->why,
                     "subgraph '%.100s' is not a drawn node's cluster", name);
            return 0;
        }
        if (!tooltip_is_key(c, s, name, id) || !check_subgraphs(c, s))
            return 0;
    }
    return 1;
}

/* Pipe `dot_text` through `$DOT -Tsvg`: exit 0 and silence on stderr. */
static int
run_dot_program(const char *dot, const text *dot_text, char *why, size_t size)
{
    char in[512], errf[600], cmd[2048], msg[300] = "";
    FILE *f;
    int fd, rc;
    long errlen = -1;

    snprintf(in, sizeof in, "%s/zg-roundtrip-dot-XXXXXX", tmp_dir());
    fd = mkstemp(in);
    assert_true(fd >= 0);
    f = fdopen(fd, "wb");
    assert_non_null(f);
    fwrite(dot_text->p, 1, dot_text->len, f);
    assert_int_equal(fclose(f), 0);
    snprintf(errf, sizeof errf, "%s.err", in);
    snprintf(cmd, sizeof cmd, "'%s' -Tsvg -o /dev/null < '%s' 2> '%s'", dot, in,
             errf);
    rc = system(cmd);
    f = fopen(errf, "rb");
    if (f) {
        size_t k;
        fseek(f, 0, SEEK_END);
        errlen = ftell(f);
        rewind(f);
        k = fread(msg, 1, sizeof msg - 1, f);
        msg[k] = '\0';
        fclose(f);
    }
    unlink(errf);
    unlink(in);
    if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) != 0 || errlen != 0) {
        snprintf(why, size, "'dot -Tsvg' exits with status %d, stderr: %s",
                 rc == -1 || !WIFEXITED(rc) ? -1 : WEXITSTATUS(rc),
                 errlen < 0 ? "(cannot read it)" : msg);
        return 0;
    }
    return 1;
}

/*
 * The last graph rendered in the library, for a crash inside Graphviz: its
 * memory errors end in abort() or SIGSEGV, often only at a later malloc or
 * free. test_dot installs the handler; the graph waits in $TMPDIR until
 * the next one is rendered or test_dot ends.
 */
static char crash_note[700], last_rendered[512];

static void
on_crash(int sig)
{
    if (crash_note[0] && write(2, crash_note, strlen(crash_note)) < 0)
        crash_note[0] = '\0';
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Keep graph `index` as the last one rendered. */
static void
note_rendering(unsigned index, const zg_graph *g, const zg_dot_options *opt)
{
    text xml = {0};
    zg_error err = {0};

    if (last_rendered[0] == '/')
        unlink(last_rendered);
    last_rendered[0] = '\0';
    if (export_text(zg_export_xml, g, NULL, NULL, &xml, &err) == ZG_OK)
        save(index, "rendered.xml", &xml, last_rendered, sizeof last_rendered);
    free(xml.p);
    snprintf(crash_note, sizeof crash_note,
             "\ncrashed in or after zg_export_render (lang %d, max_label %zu%s)"
             " on graph %u of seed 0x%llx; the graph: %s\n",
             (int)opt->lang, opt->max_label, opt->node_mask ? ", masks" : "",
             index, (unsigned long long)seed, last_rendered);
}

/*
 * One diagram of graph `index`: cgraph reads it back; every DOT node is
 * n<id> and every cluster cluster_<id> of a drawn node, with that node's
 * key as tooltip, and every drawn node is one of them; no more edges than
 * drawn relations; with `render`, zg_export_render() renders it as SVG;
 * the dot program `dot` renders it when `dot` is not NULL.
 */
static int
dot_one(unsigned index, const zg_graph *g, rng *r, int render, const char *dot)
{
    static const size_t cuts[] = {0, 1, 2, 3, 7, 60, 100000};
    zg_dot_options opt;
    zg_error err = {0};
    zg_status st;
    dot_check c;
    text out = {0};
    FILE *f;
    Agraph_t *ag = NULL;
    unsigned char *nmask = NULL, *emask = NULL;
    size_t nn = zg_graph_node_count(g), drawn_edges = 0;
    pool p = {0};
    char path[512];
    int ok = 0;

    memset(&c, 0, sizeof c);
    memset(&opt, 0, sizeof opt);
    opt.lang = (zg_lang)rnd(r, 3);
    opt.max_label = PICK(r, cuts);
    opt.title = chance(r, 30) ? gen_text(r, &p, 1) : NULL;
    if (chance(r, 30)) {
        random_masks(r, g, &nmask, &emask);
        opt.node_mask = nmask;
        opt.edge_mask = emask;
    }
    f = open_memstream(&out.p, &out.len);
    assert_non_null(f);
    if (zg_export_dot(g, &opt, f, &err) != ZG_OK) {
        fclose(f);
        snprintf(c.why, sizeof c.why, "DOT export failed: %s", err.msg);
        goto out;
    }
    assert_int_equal(fclose(f), 0);
    c.g = g;
    c.nmask = nmask;
    c.seen = calloc(nn ? nn : 1, 1);
    assert_non_null(c.seen);
    ag = agmemread(out.p);
    if (ag == NULL) {
        snprintf(c.why, sizeof c.why, "cgraph cannot read the DOT back");
        goto out;
    }
    for (Agnode_t *n = agfstnode(ag); n; n = agnxtnode(ag, n)) {
        const char *name = agnameof(n);
        zg_id id;
        if (!drawn_id(&c, name, "n", &id)) {
            snprintf(c.why, sizeof c.why,
                     "DOT node '%.100s' is not a drawn node", name);
            goto out;
        }
        if (!tooltip_is_key(&c, n, name, id))
            goto out;
    }
    if (!check_subgraphs(&c, ag))
        goto out;
    {
        const char *why = zgt_dot_stream_matches(g, &opt, out.p, out.len);
        if (why != NULL) {
            snprintf(c.why, sizeof c.why, "%s", why);
            goto out;
        }
    }
    for (zg_id n = 0; n < nn; n++)
        if ((!nmask || nmask[n]) && !c.seen[n]) {
            esc_string(&c.want, zg_graph_node(g, n)->key);
            snprintf(c.why, sizeof c.why,
                     "node %u ('%.200s') is neither a DOT node nor a cluster",
                     (unsigned)n, c.want.p);
            goto out;
        }
    for (zg_id e = 0; e < zg_graph_edge_count(g); e++) {
        zg_edge_info x;
        zg_graph_edge_get(g, e, &x);
        drawn_edges +=
            (!emask || emask[e]) && (!nmask || (nmask[x.from] && nmask[x.to]));
    }
    if ((size_t)agnedges(ag) > drawn_edges) {
        snprintf(c.why, sizeof c.why, "%d DOT edges for %zu drawn relations",
                 agnedges(ag), drawn_edges);
        goto out;
    }
    if (render) {
        /* the same diagram laid out and rendered by gvc in the library */
        note_rendering(index, g, &opt);
        f = fopen("/dev/null", "wb");
        assert_non_null(f);
        zg_error_clear(&err);
        /* Graphviz 2.42's newrank ranking (dot.c sets newrank=true, which
         * avoids its crashes) leaks the "_new_rank" subgraph it makes for
         * a cluster with empty ranks (realFillRanks in mincross.c), and
         * random graphs have such clusters. Nothing we do can free it,
         * and cgraph's missing frame pointers leave LeakSanitizer only
         * agalloc to suppress by, so what Graphviz allocates during this
         * one call is not counted; test_export_dot and test_hostile
         * render without this exemption. */
        if (__lsan_disable)
            __lsan_disable();
        st = zg_export_render(g, &opt, "svg", f, &err);
        if (__lsan_enable)
            __lsan_enable();
        if (st != ZG_OK) {
            snprintf(c.why, sizeof c.why, "zg_export_render (svg) fails: %s",
                     err.msg);
            fclose(f);
            goto out;
        }
        fclose(f);
    }
    if (dot && !run_dot_program(dot, &out, c.why, sizeof c.why))
        goto out;
    ok = 1;
out:
    if (!ok) {
        text xml = {0};
        char xpath[512] = "(none)";
        save(index, "diagram.dot", &out, path, sizeof path);
        /* the graph itself, for zonegraph --data FILE export -f svg */
        if (export_text(zg_export_xml, g, NULL, NULL, &xml, &err) == ZG_OK)
            save(index, "graph.xml", &xml, xpath, sizeof xpath);
        free(xml.p);
        print_error("DOT (lang %d, max_label %zu%s): %s\n  the DOT: %s\n"
                    "  the graph: %s\n",
                    (int)opt.lang, opt.max_label, nmask ? ", masks" : "", c.why,
                    path, xpath);
        rerun_hint(index);
    }
    if (ag)
        agclose(ag);
    free(c.seen);
    free(c.want.p);
    free(out.p);
    free(nmask);
    free(emask);
    pool_free(&p);
    return ok;
}

/* ---- the tests: random graphs ---- */

/* The harness itself: a copy dumps as the original; the dump tells NULL
 * from "" and escapes what would make two fields look like one. */
static void
test_dump_is_exact(void **state)
{
    zg_graph *a = new_graph(), *b = new_graph();
    zg_nodetype_info t;
    zg_node_info v;
    zg_error err = {0};
    text da = {0}, db = {0};
    zg_id id;

    (void)state;
    memset(&t, 0, sizeof t);
    t.name = "t";
    memset(&v, 0, sizeof v);
    v.key = "k";
    v.name = "n\" en=\"x";
    for (int i = 0; i < 2; i++) {
        zg_graph *g = i ? b : a;
        assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
        assert_int_equal(zg_graph_add_nodetype(g, &t, &id, &err), ZG_OK);
        v.name_en = i ? "" : NULL;
        assert_int_equal(zg_graph_add_node(g, &v, &id, NULL, &err), ZG_OK);
        assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
    }
    dump_text(a, &da);
    dump_text(b, &db);
    assert_false(same_text(&da, &db));
    assert_non_null(strstr(da.p, "name=\"n\\\" en=\\\"x\" en=NULL"));
    assert_non_null(strstr(db.p, "name=\"n\\\" en=\\\"x\" en=\"\""));
    free(da.p);
    free(db.p);
    zg_graph_free(a);
    zg_graph_free(b);

    for (unsigned i = first_graph; i < first_graph + 10; i++) {
        zg_graph *g = gen_graph(i), *c = copy_graph(g, NULL, NULL);
        text dg = {0}, dc = {0};
        dump_text(g, &dg);
        dump_text(c, &dc);
        assert_true(same_text(&dg, &dc));
        free(dg.p);
        free(dc.p);
        zg_graph_free(c);
        zg_graph_free(g);
    }
}

static void
test_xml_round_trip(void **state)
{
    (void)state;
    run_round_trips("XML", zg_export_xml);
}

static void
test_graphml_round_trip(void **state)
{
    (void)state;
    run_round_trips("GraphML", zg_export_graphml);
}

static void
test_dot(void **state)
{
    const char *dot = getenv("DOT");
    unsigned failed = 0;
    void (*old_abrt)(int), (*old_segv)(int);

    (void)state;
    old_abrt = signal(SIGABRT, on_crash);
    old_segv = signal(SIGSEGV, on_crash);
    for (unsigned i = first_graph; i < first_graph + n_graphs && failed < 5;
         i++) {
        zg_graph *g = gen_graph(i);
        rng r;
        rng_for_graph(&r, i ^ 0x40000000u);
        failed += !dot_one(i, g, &r, i % 10 == 0,
                           dot && *dot && i % 10 == 0 ? dot : NULL);
        zg_graph_free(g);
    }
    signal(SIGABRT, old_abrt);
    signal(SIGSEGV, old_segv);
    crash_note[0] = '\0';
    if (last_rendered[0] == '/')
        unlink(last_rendered);
    if (failed)
        fail_msg("DOT: %u diagrams failed (seed 0x%llx)", failed,
                 (unsigned long long)seed);
}

/* Loading the XML and the GraphML of one graph into one graph (in either
 * order) merges every fact with its twin: the result is that graph. */
static void
test_merge_xml_and_graphml(void **state)
{
    unsigned failed = 0, n = n_graphs < 40 ? n_graphs : 40;

    (void)state;
    for (unsigned i = first_graph; i < first_graph + n && failed < 5; i++) {
        zg_graph *g = gen_graph(i), *m = new_graph();
        text x = {0}, ml = {0}, want = {0}, got = {0};
        zg_error err = {0};
        const text *first, *second;
        char diff[1024];
        assert_int_equal(export_text(zg_export_xml, g, NULL, NULL, &x, &err),
                         ZG_OK);
        assert_int_equal(
            export_text(zg_export_graphml, g, NULL, NULL, &ml, &err), ZG_OK);
        first = i % 2 ? &ml : &x;
        second = i % 2 ? &x : &ml;
        if (zg_import_xml_memory(m, first->p, first->len, "first", NULL,
                                 &err) != ZG_OK ||
            zg_import_xml_memory(m, second->p, second->len, "second", NULL,
                                 &err) != ZG_OK) {
            print_error("merging %s then %s fails: %s:%u:%u: %s\n",
                        i % 2 ? "GraphML" : "XML", i % 2 ? "XML" : "GraphML",
                        err.file, err.line, err.column, err.msg);
            rerun_hint(i);
            failed++;
        } else {
            dump_text(g, &want);
            dump_text(m, &got);
            if (!same_text(&want, &got)) {
                first_difference(&want, &got, diff, sizeof diff);
                print_error("merging XML and GraphML changes the graph, first "
                            "at %s\n",
                            diff);
                rerun_hint(i);
                failed++;
            }
        }
        free(x.p);
        free(ml.p);
        free(want.p);
        free(got.p);
        zg_graph_free(m);
        zg_graph_free(g);
    }
    if (failed)
        fail_msg("%u merges failed (seed 0x%llx)", failed,
                 (unsigned long long)seed);
}

/* ---- the tests: what the exporters refuse ---- */

/* Where a small graph gets its one odd value. */
typedef enum field {
    F_TYPE_NAME,
    F_TYPE_ZH,
    F_REL_NAME,
    F_SOURCE_TITLE,
    F_KEY,
    F_NAME,
    F_EN,
    F_EVIDENCE,
    F_NOTE,
    F_ALIAS,
    F_PROP_NAME,
    F_PROP_VALUE, /* a string property */
    F_NUM_VALUE,  /* a number property */
    F_FIG_UNIT,
    F_FIG_DATE,
    F_EDGE_EVIDENCE,
    F_EDGE_NOTE,
    F_EDGE_PROP_NAME,
} field;

typedef struct odd {
    field f;
    const char *value;   /* "(null)" stands for NULL */
    const char *subject; /* must appear in the message, or NULL */
    const char *word;    /* the field, must appear in the message */
} odd;

#define ODD_NULL "(null)"

static const char *
odd_value(const odd *o)
{
    return strcmp(o->value, ODD_NULL) == 0 ? NULL : o->value;
}

/*
 * Types t-ok and the odd one, relation r (t-ok to t-ok), source s-ok,
 * nodes edge-from and bad-node (type t-ok), relation edge-from -r->
 * bad-node, each with the value of `o` in its field. NULL if the API
 * itself refuses it (then there is nothing to export).
 */
static zg_graph *
odd_graph(const odd *o)
{
    zg_graph *g = new_graph();
    zg_nodetype_info t;
    zg_reltype_info rt;
    zg_source_info s;
    zg_node_info v;
    zg_edge_info x;
    zg_prop p;
    zg_error err = {0};
    zg_id id, from, to, e;
    const char *val = odd_value(o);
    int ok = 1;

#define TRY(call) ok = ok && (call) == ZG_OK
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    memset(&t, 0, sizeof t);
    t.name = "t-ok";
    t.priority = ZG_DEFAULT_PRIORITY;
    TRY(zg_graph_add_nodetype(g, &t, &id, &err));
    t.name = o->f == F_TYPE_NAME ? val : "t-bad";
    t.zh = o->f == F_TYPE_ZH ? val : NULL;
    TRY(zg_graph_add_nodetype(g, &t, &id, &err));
    memset(&rt, 0, sizeof rt);
    rt.name = o->f == F_REL_NAME ? val : "r";
    rt.from = "t-ok";
    rt.to = "t-ok";
    TRY(zg_graph_add_reltype(g, &rt, &id, &err));
    memset(&s, 0, sizeof s);
    s.id = "s-ok";
    s.title = "S";
    TRY(zg_graph_add_source(g, &s, &id, &err));
    s.id = "s-bad";
    s.title = o->f == F_SOURCE_TITLE ? val : "T";
    TRY(zg_graph_add_source(g, &s, &id, &err));
    memset(&v, 0, sizeof v);
    v.key = "edge-from";
    v.name = "F";
    TRY(zg_graph_add_node(g, &v, &from, NULL, &err));
    v.key = o->f == F_KEY ? val : "bad-node";
    v.name = o->f == F_NAME ? val : "N";
    v.name_en = o->f == F_EN ? val : NULL;
    v.evidence = o->f == F_EVIDENCE ? val : NULL;
    v.note = o->f == F_NOTE ? val : NULL;
    TRY(zg_graph_add_node(g, &v, &to, NULL, &err));
    if (ok && o->f == F_ALIAS)
        TRY(zg_graph_add_alias(g, to, val, NULL, &err));
    memset(&p, 0, sizeof p);
    p.name = o->f == F_PROP_NAME ? val : "p";
    p.value = "v";
    if (o->f == F_PROP_VALUE)
        p.value = val;
    if (o->f == F_NUM_VALUE) {
        p.kind = ZG_PROP_NUMBER;
        p.value = val;
        p.number = strtod(val, NULL);
    }
    if (ok &&
        (o->f == F_PROP_NAME || o->f == F_PROP_VALUE || o->f == F_NUM_VALUE))
        TRY(zg_graph_add_node_prop(g, to, &p, &err));
    memset(&p, 0, sizeof p);
    p.kind = ZG_PROP_FIGURE;
    p.name = "f";
    p.value = "1.5";
    p.number = 1.5;
    p.unit = o->f == F_FIG_UNIT ? val : "%";
    p.date = o->f == F_FIG_DATE ? val : "2020";
    p.approx = "exact";
    p.figure_kind = "actual";
    p.source = "s-ok";
    if (ok && (o->f == F_FIG_UNIT || o->f == F_FIG_DATE))
        TRY(zg_graph_add_node_prop(g, to, &p, &err));
    memset(&x, 0, sizeof x);
    x.from = from;
    x.to = to;
    x.type = 0;
    x.source = "s-ok";
    x.evidence = o->f == F_EDGE_EVIDENCE ? val : "E";
    x.note = o->f == F_EDGE_NOTE ? val : NULL;
    if (ok)
        TRY(zg_graph_add_edge(g, &x, &e, &err));
    if (ok && o->f == F_EDGE_PROP_NAME) {
        memset(&p, 0, sizeof p);
        p.name = val;
        p.value = "v";
        TRY(zg_graph_add_edge_prop(g, e, &p, &err));
    }
    /* the graph refuses invalid UTF-8 in ids, names and aliases */
    TRY(zg_graph_commit(g, &err));
#undef TRY
    if (!ok) {
        zg_graph_rollback(g);
        zg_graph_free(g);
        return NULL;
    }
    return g;
}

/* Text the vocabulary cannot carry: both exporters refuse it, and the
 * message names the object and the field. */
static const odd refused[] = {
    {F_NAME,
     "a\x01"
     "b",
     "bad-node", "name"},
    {F_NAME, "x\xef\xbf\xbe", "bad-node", "name"}, /* U+FFFE */
    {F_EN, "\xef\xbf\xbf", "bad-node", "en"},      /* U+FFFF */
    {F_EN, "\x1f", "bad-node", "en"},
    /* invalid UTF-8 (in fields the graph does not fold: it refuses that
     * in ids, names and aliases itself, see test_refuse) */
    {F_NOTE, "\xff", "bad-node", "note"},
    {F_NOTE, "ab\xc3", "bad-node", "note"},           /* cut short */
    {F_NOTE, "\xc0\xaf", "bad-node", "note"},         /* overlong */
    {F_NOTE, "\xed\xa0\x80", "bad-node", "note"},     /* surrogate */
    {F_NOTE, "\xf4\x90\x80\x80", "bad-node", "note"}, /* > U+10FFFF */
    {F_PROP_VALUE, "\x80", "bad-node", "value"},
    {F_SOURCE_TITLE, "T\xfe", "s-bad", "title"},
    {F_EDGE_EVIDENCE, "e\xe4\xb8", "edge-from", "evidence"},
    {F_ALIAS, " lead", "bad-node", "alias"},
    {F_ALIAS, "trail\t", "bad-node", "alias"},
    {F_ALIAS, "", "bad-node", "alias"},
    {F_ALIAS, "\r\n", "bad-node", "alias"},
    {F_EVIDENCE, "", "bad-node", "evidence"},
    {F_EVIDENCE, "\nx", "bad-node", "evidence"},
    {F_NOTE, "x\x1b", "bad-node", "note"},
    {F_NOTE, "x\xef\xbf\xbey", "bad-node", "note"},
    {F_PROP_NAME, "1abc", "bad-node", "prop"},
    {F_PROP_NAME, "a b", "bad-node", "prop"},
    {F_PROP_NAME, "a:b", "bad-node", "prop"},
    {F_PROP_NAME, "-x", "bad-node", "prop"},
    /* not XML names either: U+3000 and U+00D7 are no name characters,
     * U+0301 cannot start a name */
    {F_PROP_NAME,
     "a\xe3\x80\x80"
     "b",
     "bad-node", "prop"},
    {F_PROP_NAME, "a\xc3\x97", "bad-node", "prop"},
    {F_PROP_NAME, "\xcc\x81x", "bad-node", "prop"},
    {F_PROP_VALUE, "v\x08", "bad-node", "value"},
    {F_FIG_UNIT, "\x03", "bad-node", "unit"},
    {F_EDGE_EVIDENCE, "", "edge-from", "evidence"},
    {F_EDGE_NOTE, "n ", "edge-from", "note"},
    {F_EDGE_PROP_NAME, "9", "edge-from", "prop"},
    {F_TYPE_ZH, "\x01", "t-bad", "zh"},
    {F_TYPE_NAME, "a:b", "a:b", "name"},
    {F_TYPE_NAME, "\xe2\x80\x8bx", NULL, "name"}, /* starts with U+200B */
    {F_REL_NAME, "r\xc3\x97", NULL, "name"},
    {F_SOURCE_TITLE, "\x02", "s-bad", "title"},
};

static int
expect_refusal(const char *fmt, export_fn fn, const odd *o, size_t i)
{
    zg_graph *g = odd_graph(o);
    text out = {0};
    zg_error err = {0};
    zg_status st;
    int ok = 1;

    if (g == NULL) {
        print_error("refused[%zu]: the API refuses the value itself; fix the "
                    "case\n",
                    i);
        return 0;
    }
    st = export_text(fn, g, NULL, NULL, &out, &err);
    if (st != ZG_ERR_EXPORT) {
        print_error("refused[%zu] (%s): %s export gives status %d, expected "
                    "ZG_ERR_EXPORT; %s\n",
                    i, o->word, fmt, (int)st,
                    st == ZG_OK ? "it wrote the text" : err.msg);
        ok = 0;
    } else if ((o->subject && !strstr(err.msg, o->subject)) ||
               !strstr(err.msg, o->word)) {
        print_error("refused[%zu]: %s: the message '%s' does not name '%s' "
                    "and '%s'\n",
                    i, fmt, err.msg, o->subject ? o->subject : "", o->word);
        ok = 0;
    }
    free(out.p);
    zg_graph_free(g);
    return ok;
}

static void
test_refuse(void **state)
{
    unsigned failed = 0;

    (void)state;
    /* invalid UTF-8 in a name never reaches an exporter: the graph refuses */
    for (size_t i = 0; i < 3; i++) {
        static const odd names[] = {{F_NAME, "\xff", NULL, ""},
                                    {F_KEY, "k\xc3", NULL, ""},
                                    {F_ALIAS, "\xed\xa0\x80", NULL, ""}};
        assert_null(odd_graph(&names[i]));
    }
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        failed += !expect_refusal("XML", zg_export_xml, &refused[i], i);
        failed += !expect_refusal("GraphML", zg_export_graphml, &refused[i], i);
    }
    if (failed)
        fail_msg("%u refusals missing or unnamed", failed);
}

/*
 * Values the API lets in that are at the edge of what the vocabulary
 * writes (node type names that are no element name, numbers in exponent
 * form or longer than libxml2's xsd:decimal, a figure without a date):
 * exporting may refuse, but an export that succeeds must import back to
 * the same graph, as zg_export.h promises. What the value rules refuse
 * never gets this far: the graph refuses it (test_graph.c).
 */
static const odd odd_values[] = {
    {F_TYPE_NAME, "relation", NULL, ""},
    {F_TYPE_NAME,
     "a\xe3\x80\x80"
     "b",
     NULL, ""},
    {F_NUM_VALUE, "1e5", NULL, ""},
    /* a decimal of 25 digits: libxml2's xsd:decimal stops at 24 */
    {F_NUM_VALUE, "1.000000000000000000000000", NULL, ""},
    {F_FIG_DATE, ODD_NULL, NULL, ""},
};

static int
refuse_or_round_trip(const char *fmt, export_fn fn, const odd *o, size_t i)
{
    zg_graph *g = odd_graph(o), *g1;
    text out = {0}, want = {0}, got = {0};
    zg_error err = {0};
    zg_status st;
    char diff[1024];
    int ok = 1;

    if (g == NULL) {
        print_error("odd_values[%zu]: the API refuses the value itself; the "
                    "graph's tests hold such cases\n",
                    i);
        return 0;
    }
    st = export_text(fn, g, NULL, NULL, &out, &err);
    if (st == ZG_ERR_EXPORT)
        goto out;
    if (st != ZG_OK) {
        print_error("odd_values[%zu]: %s export fails with %d: %s\n", i, fmt,
                    (int)st, err.msg);
        ok = 0;
        goto out;
    }
    g1 = new_graph();
    st = zg_import_xml_memory(g1, out.p, out.len, "odd", NULL, &err);
    if (st != ZG_OK) {
        print_error("odd_values[%zu] (field %d, '%s'): %s export succeeds but "
                    "does not import back: %u:%u: %s\n",
                    i, (int)o->f, o->value, fmt, err.line, err.column, err.msg);
        ok = 0;
    } else {
        dump_text(g, &want);
        dump_text(g1, &got);
        if (!same_text(&want, &got)) {
            first_difference(&want, &got, diff, sizeof diff);
            print_error("odd_values[%zu] (field %d, '%s'): %s export succeeds "
                        "but the import differs at %s\n",
                        i, (int)o->f, o->value, fmt, diff);
            ok = 0;
        }
    }
    zg_graph_free(g1);
out:
    free(out.p);
    free(want.p);
    free(got.p);
    zg_graph_free(g);
    return ok;
}

static void
test_refuse_or_round_trip(void **state)
{
    unsigned failed = 0;

    (void)state;
    for (size_t i = 0; i < sizeof odd_values / sizeof odd_values[0]; i++) {
        failed +=
            !refuse_or_round_trip("XML", zg_export_xml, &odd_values[i], i);
        failed += !refuse_or_round_trip("GraphML", zg_export_graphml,
                                        &odd_values[i], i);
    }
    if (failed)
        fail_msg("%u exports neither refused nor round-tripped", failed);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dump_is_exact),
        cmocka_unit_test(test_xml_round_trip),
        cmocka_unit_test(test_graphml_round_trip),
        cmocka_unit_test(test_merge_xml_and_graphml),
        cmocka_unit_test(test_snapshot_round_trip),
        cmocka_unit_test(test_refuse),
        cmocka_unit_test(test_refuse_or_round_trip),
        /* last: Graphviz bugs can take the process down */
        cmocka_unit_test(test_dot),
    };

    read_env();
    print_message("round trips: seed 0x%llx, graphs %u..%u\n",
                  (unsigned long long)seed, first_graph,
                  first_graph + n_graphs - 1);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
