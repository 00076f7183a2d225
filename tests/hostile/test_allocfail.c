/* SPDX-License-Identifier: MIT */
/*
 * Allocation-failure injection, as SQLite's malloc tests do: run
 * an import, two lookups, two exports (GraphML, zonegraph XML) and a
 * snapshot saved and opened again once to
 * count their allocations, then again for
 * every N, failing the Nth allocation (one-shot mode) or the Nth and every
 * later one (persistent mode). Each run must end cleanly:
 *
 *  - the import either fails with an error (reported: which status, and
 *    the messages other than "out of memory") or succeeds with exactly the
 *    graph of the run without failures;
 *  - a failed import leaves the graph it ran on exactly as before (a dump
 *    of everything the public API shows, as in test_hostile.c);
 *  - each lookup either fails or gives the same answer as without failures;
 *  - each export either succeeds or fails for want of memory;
 *  - the snapshot's save and its open either fail for want of memory or
 *    give a graph that dumps as the imported one does;
 *  - once the graph is freed, no allocation made during the run is still
 *    live (leak); under --enable-sanitizers LeakSanitizer checks the whole
 *    process as well.
 *
 * What the injection reaches. This binary is linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,
 * --wrap=strndup,--wrap=free: the linker redirects those calls in the
 * objects it links statically, which are this file and libzonegraph's
 * modules (common, graph, importers, queries, exports), uthash included
 * (its uthash_malloc is malloc). libxml2 allocates through xmlMalloc and
 * friends, routed here with xmlMemSetup() before its first use. Not
 * reached: OpenCC (C++ operator new, which throws instead of returning
 * NULL; it is only used when a graph is created and in folding), the
 * allocations libunistring, iconv and the rest of libc make inside their
 * own code (u8_casefold, iconv_open, fopen), and libxml2's one-time global
 * set-up, done by a warm-up run before counting starts.
 *
 * Usage: test_allocfail [FILE [STRIDE]]. FILE defaults to
 * tests/data/import/good.xml under $top_srcdir, STRIDE (try every STRIDE-th
 * N) to 1. $ZG_ALLOCFAIL_DATA may name the FILE instead;
 * $ZG_ALLOCFAIL_FROM and $ZG_ALLOCFAIL_TO bound N; $ZG_ALLOCFAIL_ONLY=N
 * runs once, in process, and shows where memory leaked (negative N:
 * persistent). Prints a summary per mode; exit status 0 when our code
 * survived every failure cleanly, 1 otherwise, 99 when the harness cannot
 * run. ZG_ALLOCFAIL_STRICT=1 also fails on libxml2's own defects.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <execinfo.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

#include "zg_export.h"
#include "zg_graph.h"
#include "zg_import.h"

/* ---- the wrapped allocator ---- */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

/* Not static, so that backtraces name them and frame_of() can skip
 * them (the binary is linked with --export-dynamic). */
int af_inject(void);
void af_where_failed(void);
void af_on_crash(int sig);
void *af_xml_malloc(size_t n);
void *af_xml_realloc(void *p, size_t n);
void af_xml_free(void *p);
char *af_xml_strdup(const char *s);

/* Whose allocations a sweep fails: ours (libzonegraph's, direct) or
 * libxml2's (through xmlMemSetup). */
enum { T_OURS = 0, T_XML = 1 };

static struct {
    int armed;      /* counting and failing */
    int target;     /* T_OURS or T_XML: which allocations count for N */
    long count;     /* target allocations since arming */
    long count_all; /* all allocations since arming */
    long fail_at;   /* fail this one (1-based); 0: none */
    int persistent; /* and every later one */
    long failures;  /* injected so far in this run */
    int first_xml;  /* the first one injected was libxml2's */
    int via_xml;    /* the allocation in progress is libxml2's */
    unsigned gen;   /* the run allocations belong to */
    long live;      /* live allocations of this run (ours) */
    long live_xml;  /* (libxml2's) */
} inj;

/* Live allocations: open addressing, linear probing, deletion by backward
 * shift, doubled when half full. In the one-run debugging mode each entry
 * also keeps where it was allocated. */
static struct track {
    void *p;
    unsigned gen;
    int xml; /* allocated by libxml2 */
    size_t size;
    void *bt[6];
} * track;
static size_t track_bits = 14, track_n;
static int track_bt; /* record backtraces */

#define TRACK_SIZE ((size_t)1 << track_bits)

static void fatal(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2), noreturn))
#endif
    ;

static void
fatal(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fputs("test_allocfail: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(99);
}

static size_t
slot(const void *p)
{
    uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15u;

    return (size_t)(h >> (64 - track_bits));
}

static void
track_put(const struct track *e)
{
    size_t i;

    for (i = slot(e->p); track[i].p; i = (i + 1) & (TRACK_SIZE - 1))
        ;
    track[i] = *e;
}

static void
track_grow(void)
{
    struct track *old = track;
    size_t old_size = TRACK_SIZE;

    track_bits++;
    track = __real_calloc(TRACK_SIZE, sizeof *track);
    if (track == NULL)
        fatal("out of memory");
    for (size_t i = 0; i < old_size; i++)
        if (old[i].p)
            track_put(&old[i]);
    __real_free(old);
}

static void
track_add(void *p, size_t size)
{
    struct track e;

    if (p == NULL)
        return;
    if ((track_n + 1) * 2 > TRACK_SIZE)
        track_grow();
    memset(&e, 0, sizeof e);
    e.p = p;
    e.gen = inj.gen;
    e.xml = inj.via_xml;
    e.size = size;
    if (track_bt && inj.armed)
        backtrace(e.bt, 6);
    track_put(&e);
    track_n++;
    if (e.xml)
        inj.live_xml++;
    else
        inj.live++;
}

/* Forget `p`; 0 if it was not ours (libunistring's, libc's). */
static int
track_del(void *p)
{
    size_t i, j;

    if (p == NULL)
        return 0;
    for (i = slot(p); track[i].p != p; i = (i + 1) & (TRACK_SIZE - 1))
        if (track[i].p == NULL)
            return 0;
    if (track[i].gen == inj.gen && track[i].xml)
        inj.live_xml--;
    else if (track[i].gen == inj.gen)
        inj.live--;
    track_n--;
    /* backward-shift deletion keeps every probe chain unbroken */
    for (j = (i + 1) & (TRACK_SIZE - 1); track[j].p;
         j = (j + 1) & (TRACK_SIZE - 1)) {
        size_t home = slot(track[j].p);
        if (((j - home) & (TRACK_SIZE - 1)) >= ((j - i) & (TRACK_SIZE - 1))) {
            track[i] = track[j];
            i = j;
        }
    }
    track[i].p = NULL;
    return 1;
}

/* 1 if this allocation is to fail. */

int
af_inject(void)
{
    if (!inj.armed)
        return 0;
    inj.count_all++;
    if ((inj.target == T_XML) == inj.via_xml)
        inj.count++;
    /* persistent: after the first failure, every allocation fails */
    if ((inj.fail_at && inj.count == inj.fail_at &&
         (inj.target == T_XML) == inj.via_xml) ||
        (inj.persistent && inj.failures > 0)) {
        if (inj.failures++ == 0) {
            inj.first_xml = inj.via_xml;
            af_where_failed();
        }
        return 1;
    }
    return 0;
}

void *
__wrap_malloc(size_t n)
{
    void *p;

    if (af_inject())
        return NULL;
    p = __real_malloc(n);
    track_add(p, n);
    return p;
}

void *
__wrap_calloc(size_t n, size_t size)
{
    void *p;

    if (af_inject())
        return NULL;
    p = __real_calloc(n, size);
    track_add(p, n * size);
    return p;
}

void *
__wrap_realloc(void *p, size_t n)
{
    void *q;

    if (p == NULL)
        return __wrap_malloc(n);
    if (af_inject())
        return NULL;
    q = __real_realloc(p, n);
    if (q != NULL) {
        int ours = track_del(p);
        if (ours)
            track_add(q, n);
    }
    return q;
}

void
__wrap_free(void *p)
{
    track_del(p);
    __real_free(p);
}

char *
__wrap_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = __wrap_malloc(n);

    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

char *
__wrap_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = __wrap_malloc(len + 1);

    if (p != NULL) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

/* libxml2's allocator, through the same counting, marked as libxml2's. */
void *
af_xml_malloc(size_t n)
{
    void *p;

    inj.via_xml = 1;
    p = __wrap_malloc(n);
    inj.via_xml = 0;
    return p;
}

void *
af_xml_realloc(void *p, size_t n)
{
    void *q;

    inj.via_xml = 1;
    q = __wrap_realloc(p, n);
    inj.via_xml = 0;
    return q;
}

void
af_xml_free(void *p)
{
    __wrap_free(p);
}

char *
af_xml_strdup(const char *s)
{
    char *p;

    inj.via_xml = 1;
    p = __wrap_strdup(s);
    inj.via_xml = 0;
    return p;
}

/* ---- what the public API shows of a graph ---- */

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

/* The harness's own memory is not counted or failed. */
static void
b_putn(buf *b, const void *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *p = __real_realloc(b->p, cap);
        if (p == NULL)
            fatal("out of memory");
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void b_printf(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void
b_printf(buf *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        fatal("vsnprintf");
    if ((size_t)n >= sizeof tmp)
        n = (int)sizeof tmp - 1;
    b_putn(b, tmp, (size_t)n);
}

static void
b_str(buf *b, const char *s)
{
    b_printf(b, "%s|", s ? s : "(null)");
}

static void
b_prop(buf *b, const zg_prop *p)
{
    b_str(b, p->name);
    b_str(b, p->value);
    b_printf(b, "%d %.17g|", (int)p->kind, p->number);
    b_str(b, p->zh);
    b_str(b, p->en);
    b_str(b, p->unit);
    b_str(b, p->date);
    b_str(b, p->approx);
    b_str(b, p->figure_kind);
    b_str(b, p->base);
    b_str(b, p->source);
    b_str(b, p->evidence);
    b_str(b, p->since);
    b_str(b, p->until);
}

static void
dump(const zg_graph *g, buf *b)
{
    b->len = 0;
    b_putn(b, "", 0);
    for (zg_id t = 0; t < zg_graph_nodetype_count(g); t++) {
        const zg_nodetype_info *x = zg_graph_nodetype(g, t);
        b_str(b, x->name);
        b_str(b, x->zh);
        b_str(b, x->en);
        b_str(b, x->shape);
        b_str(b, x->colour);
        b_printf(b, "%u\n", x->priority);
    }
    for (zg_id r = 0; r < zg_graph_reltype_count(g); r++) {
        const zg_reltype_info *x = zg_graph_reltype(g, r);
        b_str(b, x->name);
        b_str(b, x->zh);
        b_str(b, x->en);
        b_str(b, x->from);
        b_str(b, x->to);
        b_printf(b, "%d\n", x->cluster);
    }
    for (zg_id s = 0; s < zg_graph_source_count(g); s++) {
        const zg_source_info *x = zg_graph_source(g, s);
        b_str(b, x->id);
        b_str(b, x->title);
        b_str(b, x->publisher);
        b_str(b, x->date);
        b_str(b, x->url);
        b_str(b, x->author);
        b_printf(b, "\n");
    }
    for (zg_id n = 0; n < zg_graph_node_count(g); n++) {
        const zg_node_info *x = zg_graph_node(g, n);
        const zg_alias *al;
        const zg_prop *pr;
        const zg_id *es;
        size_t k;
        b_str(b, x->key);
        b_printf(b, "%u|", x->type);
        b_str(b, x->name);
        b_str(b, x->name_en);
        b_str(b, x->since);
        b_str(b, x->until);
        b_str(b, x->sources);
        b_str(b, x->evidence);
        b_str(b, x->note);
        b_printf(b, "%d|", (int)x->basis);
        k = zg_graph_node_aliases(g, n, &al);
        for (size_t i = 0; i < k; i++) {
            b_str(b, al[i].text);
            b_str(b, al[i].lang);
        }
        k = zg_graph_node_props(g, n, &pr);
        for (size_t i = 0; i < k; i++)
            b_prop(b, &pr[i]);
        k = zg_graph_out_edges(g, n, &es);
        for (size_t i = 0; i < k; i++)
            b_printf(b, "o%u|", es[i]);
        k = zg_graph_in_edges(g, n, &es);
        for (size_t i = 0; i < k; i++)
            b_printf(b, "i%u|", es[i]);
        b_printf(b, "\n");
    }
    for (zg_id e = 0; e < zg_graph_edge_count(g); e++) {
        zg_edge_info x;
        zg_graph_edge_get(g, e, &x);
        const zg_prop *pr;
        size_t k;
        b_printf(b, "%u %u %u|", x.from, x.type, x.to);
        b_str(b, x.source);
        b_str(b, x.evidence);
        b_str(b, x.note);
        b_str(b, x.since);
        b_str(b, x.until);
        b_printf(b, "%d|", (int)x.basis);
        k = zg_graph_edge_props(g, e, &pr);
        for (size_t i = 0; i < k; i++)
            b_prop(b, &pr[i]);
        b_printf(b, "\n");
    }
}

/* ---- one run ---- */

/* A small graph to import into, so that "unchanged" means something. */
static const char baseline_xml[] =
    "<zonegraph version=\"1\">\n"
    "  <schema><nodetype name=\"base_t\"/></schema>\n"
    "  <base_t id=\"base-1\" name=\"基线\"><alias>baseline</alias></base_t>\n"
    "</zonegraph>\n";

typedef struct run_result {
    zg_status import_st;
    char import_msg[512];
    zg_status resolve_st, search_st;
    zg_status export_st; /* writing the graph as GraphML, then XML */
    char export_msg[256];
    zg_status snap_st; /* saving the graph as a snapshot, then opening it */
    char snap_msg[256];
    int snap_differs; /* the opened snapshot dumps otherwise */
    buf graph;        /* dump after the import */
    char answer[512]; /* what the lookups found */
    long allocs;      /* target allocations while armed */
    long allocs_all;  /* all allocations while armed */
    long failures;    /* injected */
    int first_xml;    /* the first injected failure was libxml2's */
    long leaked;      /* our allocations of the run still live at the end */
    long leaked_xml;  /* libxml2's */
} run_result;

static FILE *export_sink;   /* exports go here (/dev/null) */
static char snap_path[256]; /* the snapshot saved and opened */
/* $ZG_ALLOCFAIL_CHECKING set: a checking import (every error, warnings) */
static int checking;
static const char *lookup_name; /* resolved after the import */
static const char *search_text; /* searched after the import */

static void
run_once(const char *path, long fail_at, int persistent, int target,
         unsigned gen, run_result *r)
{
    zg_graph *g = NULL, *opened = NULL;
    zg_error err = {0};
    buf before = {0};
    zg_resolution res;
    zg_hit hits[4];
    size_t nhits = 0;

    inj.gen = gen;
    inj.live = inj.live_xml = 0;
    if (zg_graph_new(&g, &err) != ZG_OK ||
        zg_import_xml_memory(g, baseline_xml, strlen(baseline_xml),
                             "baseline.xml", NULL, &err) != ZG_OK)
        fatal("baseline: %s", err.msg);
    dump(g, &before);

    inj.count = inj.count_all = 0;
    inj.target = target;
    inj.failures = 0;
    inj.first_xml = 0;
    inj.fail_at = fail_at;
    inj.persistent = persistent;
    inj.armed = 1;
    zg_error_clear(&err);
    if (checking) {
        zg_diags d;
        zg_diags_init(&d, 4);
        r->import_st = zg_import_xml_file_check(g, path, NULL, &d, &err);
        zg_diags_free(&d);
    } else {
        r->import_st = zg_import_xml_file(g, path, NULL, &err);
    }
    snprintf(r->import_msg, sizeof r->import_msg, "%u:%u: %.400s", err.line,
             err.column, err.msg);
    zg_error_clear(&err);
    r->resolve_st = zg_graph_resolve(g, lookup_name, &res, &err);
    zg_error_clear(&err);
    r->search_st = zg_graph_search(g, search_text, hits, 4, &nhits, &err);
    zg_error_clear(&err);
    r->export_st = zg_export_graphml(g, NULL, NULL, export_sink, &err);
    if (r->export_st == ZG_OK)
        r->export_st = zg_export_xml(g, NULL, NULL, export_sink, &err);
    snprintf(r->export_msg, sizeof r->export_msg, "%.200s", err.msg);
    zg_error_clear(&err);
    r->snap_st = zg_graph_save(g, snap_path, &err);
    if (r->snap_st == ZG_OK)
        r->snap_st = zg_graph_open_snapshot(snap_path, ZG_SNAPSHOT_VERIFY,
                                            &opened, &err);
    snprintf(r->snap_msg, sizeof r->snap_msg, "%.200s", err.msg);
    inj.armed = 0;
    r->allocs = inj.count;
    r->allocs_all = inj.count_all;
    r->failures = inj.failures;
    r->first_xml = inj.first_xml;

    dump(g, &r->graph);
    r->snap_differs = 0;
    if (opened != NULL) {
        buf o = {0};
        dump(opened, &o);
        r->snap_differs =
            o.len != r->graph.len || memcmp(o.p, r->graph.p, o.len) != 0;
        __real_free(o.p);
        zg_graph_free(opened);
    }
    if (r->import_st != ZG_OK &&
        (before.len != r->graph.len ||
         memcmp(before.p, r->graph.p, before.len) != 0)) {
        /* mark it: the caller reports a changed graph */
        r->graph.len = (size_t)-1;
    }
    snprintf(r->answer, sizeof r->answer,
             "resolve %d:%u search %d:", (int)r->resolve_st,
             r->resolve_st == ZG_OK ? (unsigned)res.node : 0u,
             (int)r->search_st);
    for (size_t i = 0; r->search_st == ZG_OK && i < nhits; i++) {
        size_t n = strlen(r->answer);
        snprintf(r->answer + n, sizeof r->answer - n, " %u/%u",
                 (unsigned)hits[i].node, hits[i].score);
    }
    zg_graph_free(g);
    __real_free(before.p);
    /* libxml2 keeps a copy of the last error (message, file name) in a
     * global until the next one: not a leak */
    xmlResetLastError();
    r->leaked = inj.live;
    r->leaked_xml = inj.live_xml;
}

static void
report_leaks(unsigned gen)
{
    int shown = 0;

    for (size_t i = 0; i < TRACK_SIZE && shown < 10; i++)
        if (track[i].p && track[i].gen == gen) {
            fprintf(stderr, "  leaked: %zu bytes at %p (%s)\n", track[i].size,
                    track[i].p, track[i].xml ? "libxml2's" : "ours");
            if (track_bt && track[i].bt[0])
                backtrace_symbols_fd(track[i].bt, 6, 2);
            shown++;
        }
}

/* ---- a child per N ---- */

/* What the child tells the parent, one line each, through a pipe:
 *   B <backtrace> E   where the injected failure struck
 *   C <backtrace> E   where it crashed (fatal signal)
 *   R st lookups_failed clean leaked leaked_xml first_xml
 *   M message         the import's error, unless out of memory
 * Child exit status: */
enum {
    CHILD_DONE = 0,    /* R was written */
    CHILD_PAST_END = 4 /* N was past the last allocation */
};

static int report_fd = -1;

/* The range of N to try: $ZG_ALLOCFAIL_FROM (default 1) to
 * $ZG_ALLOCFAIL_TO (default: until a run ends before its Nth allocation). */
static long first_n = 1, last_n;

static void
put(const char *s)
{
    if (report_fd >= 0 && write(report_fd, s, strlen(s)) < 0)
        _exit(99);
}

/* Where the injected failure struck, written without allocating. */
void
af_where_failed(void)
{
    void *frames[12];
    int n = backtrace(frames, 12);

    if (report_fd >= 0 && n > 2) {
        put("B\n");
        backtrace_symbols_fd(frames + 2, n - 2, report_fd);
        put("E\n");
    }
}

void
af_on_crash(int sig)
{
    void *frames[16];
    int n = backtrace(frames, 16);

    /* frames[0] is this handler; the signal trampoline (libc) follows */
    put("C\n");
    if (n > 1)
        backtrace_symbols_fd(frames + 1, n - 1, report_fd);
    put("E\n");
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Judge one run against the reference and write the R (and M) record. */
static void
judge(long n, const run_result *r, const run_result *ref)
{
    int clean = 1;
    char rec[128];

    if (r->import_st == ZG_OK &&
        (r->graph.len != ref->graph.len ||
         memcmp(r->graph.p, ref->graph.p, r->graph.len) != 0)) {
        fprintf(stderr,
                "N=%ld: the import succeeded with a different "
                "graph\n",
                n);
        clean = 0;
    } else if (r->graph.len == (size_t)-1) {
        fprintf(stderr, "N=%ld: the failed import (%s) changed the graph\n", n,
                r->import_msg);
        clean = 0;
    }
    if (r->import_st == ZG_OK && r->resolve_st == ZG_OK &&
        r->search_st == ZG_OK && strcmp(r->answer, ref->answer) != 0) {
        fprintf(stderr, "N=%ld: lookups answer '%s', expected '%s'\n", n,
                r->answer, ref->answer);
        clean = 0;
    }
    if (r->export_st != ZG_OK && r->export_st != ZG_ERR_NOMEM) {
        fprintf(stderr, "N=%ld: exporting failed with %s: %s\n", n,
                zg_status_string(r->export_st), r->export_msg);
        clean = 0;
    }
    if (r->snap_st != ZG_OK && r->snap_st != ZG_ERR_NOMEM) {
        fprintf(stderr, "N=%ld: the snapshot failed with %s: %s\n", n,
                zg_status_string(r->snap_st), r->snap_msg);
        clean = 0;
    } else if (r->snap_differs) {
        fprintf(stderr, "N=%ld: the opened snapshot is not the graph\n", n);
        clean = 0;
    }
    if (r->leaked != 0) {
        fprintf(stderr, "N=%ld: %ld of our allocations leaked\n", n, r->leaked);
        report_leaks(inj.gen);
        clean = 0;
    }
    snprintf(rec, sizeof rec, "R %d %d %d %ld %ld %d\n", (int)r->import_st,
             r->import_st == ZG_OK &&
                 (r->resolve_st != ZG_OK || r->search_st != ZG_OK),
             clean, r->leaked, r->leaked_xml, r->first_xml);
    put(rec);
    if (r->import_st != ZG_OK && r->import_st != ZG_ERR_NOMEM) {
        char m[600];
        snprintf(m, sizeof m, "M %s\n", r->import_msg);
        put(m);
    }
}

/* Read everything the child wrote. */
static void
slurp(int fd, char *out, size_t size)
{
    size_t n = 0;
    ssize_t k;
    char sink[256];

    while (n + 1 < size && (k = read(fd, out + n, size - 1 - n)) > 0)
        n += (size_t)k;
    out[n] = '\0';
    while (read(fd, sink, sizeof sink) > 0)
        ; /* drain the rest */
}

/*
 * The innermost frame of the backtrace after `tag` ("B\n" or "C\n") that
 * is neither the allocator nor the signal machinery, as "function
 * (object)"; *ours set when that frame is in this executable (our code).
 */
static void
frame_of(const char *text, const char *tag, char *out, size_t size, int *ours)
{
    const char *p = strstr(text, tag), *e;

    snprintf(out, size, "?");
    *ours = 0;
    if (p == NULL)
        return;
    for (p += 2; *p && strncmp(p, "E\n", 2) != 0; p = e + 1) {
        char line[512];
        const char *lp, *plus, *slash, *obj;
        e = strchr(p, '\n');
        if (e == NULL)
            return;
        snprintf(line, sizeof line, "%.*s", (int)(e - p), p);
        if (strstr(line, "__wrap_") || strstr(line, "(af_") ||
            strstr(line, "libc.so") || strstr(line, "libasan") ||
            strstr(line, "libubsan"))
            continue;
        lp = strchr(line, '(');
        plus = lp ? strchr(lp, '+') : NULL;
        slash = strrchr(line, '/');
        obj = slash && lp && slash < lp ? slash + 1 : line;
        *ours = strstr(line, "libxml2") == NULL;
        if (lp && plus && plus > lp + 1)
            snprintf(out, size, "%.*s (%.*s)", (int)(plus - lp - 1), lp + 1,
                     (int)(lp - obj), obj);
        else
            snprintf(out, size, "%.200s", line);
        return;
    }
}

/* Distinct crash sites, with counts. */
static struct {
    char site[1300];
    long count, first;
    int ours;
} crashes[64];
static size_t n_crash_sites;

static void
note_crash(const char *site, int ours, long n)
{
    size_t i;

    for (i = 0; i < n_crash_sites; i++)
        if (strcmp(crashes[i].site, site) == 0) {
            crashes[i].count++;
            return;
        }
    if (n_crash_sites < sizeof crashes / sizeof crashes[0]) {
        snprintf(crashes[n_crash_sites].site, sizeof crashes[0].site, "%s",
                 site);
        crashes[n_crash_sites].count = 1;
        crashes[n_crash_sites].first = n;
        crashes[n_crash_sites].ours = ours;
        n_crash_sites++;
    }
}

typedef struct tally {
    long runs, last;
    long nomem, other, ok, lookups_failed;
    long ours_runs, ours_bad; /* failures injected into our allocations */
    long xml_runs, xml_crashed, xml_leaky, xml_other;
    long our_crashes, unclean;
} tally;

/*
 * Every N in turn, each in a child process, so that a crash is counted and
 * the next N still runs.
 */
static void
run_mode(const char *path, int persistent, int target, long stride,
         const run_result *ref, unsigned *gen, tally *t)
{
    static char text[65536];
    long n;

    memset(t, 0, sizeof *t);
    n_crash_sites = 0;
    for (n = first_n; !last_n || n <= last_n; n += stride) {
        int fds[2], status, ours_failed, crash_ours = 0, fail_ours;
        int st = 0, lk = 0, cl = 0, fx = 0;
        long lo = 0, lx = 0;
        char fsite[600], csite[600], site[1300];
        const char *rec;
        pid_t pid;

        ++*gen;
        fflush(stdout);
        fflush(stderr);
        if (pipe(fds) != 0)
            fatal("pipe: %s", strerror(errno));
        pid = fork();
        if (pid < 0)
            fatal("fork: %s", strerror(errno));
        if (pid == 0) {
            run_result r;
            static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE,
                                       SIGABRT};
            close(fds[0]);
            report_fd = fds[1];
            for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
                signal(sigs[i], af_on_crash);
            memset(&r, 0, sizeof r);
            run_once(path, n, persistent, target, *gen, &r);
            if (r.failures == 0)
                _exit(CHILD_PAST_END);
            judge(n, &r, ref);
            /* exit(), not _exit(): LeakSanitizer checks the child too */
            exit(CHILD_DONE);
        }
        close(fds[1]);
        slurp(fds[0], text, sizeof text);
        close(fds[0]);
        if (waitpid(pid, &status, 0) != pid)
            fatal("waitpid: %s", strerror(errno));
        if (WIFEXITED(status) && WEXITSTATUS(status) == CHILD_PAST_END)
            break;
        t->runs++;
        t->last = n;
        frame_of(text, "B\n", fsite, sizeof fsite, &fail_ours);
        rec = strstr(text, "R ");
        while (rec && rec != text && rec[-1] != '\n')
            rec = strstr(rec + 1, "R ");
        if (rec)
            sscanf(rec, "R %d %d %d %ld %ld %d", &st, &lk, &cl, &lo, &lx, &fx);
        ours_failed = rec ? !fx : fail_ours;
        if (ours_failed)
            t->ours_runs++;
        else
            t->xml_runs++;
        if (rec == NULL || !WIFEXITED(status) ||
            WEXITSTATUS(status) != CHILD_DONE) {
            /* crashed, or a sanitizer stopped it (report above) */
            frame_of(text, "C\n", csite, sizeof csite, &crash_ours);
            snprintf(site, sizeof site,
                     "crashed in %s after a failed "
                     "allocation in %s",
                     csite, fsite);
            if (strcmp(csite, "?") == 0)
                snprintf(site, sizeof site,
                         "stopped (status %d: sanitizer "
                         "report above) after a failed allocation in %s",
                         status, fsite);
            note_crash(site, crash_ours || ours_failed, n);
            if (crash_ours || ours_failed || strcmp(csite, "?") == 0) {
                t->our_crashes++;
                fprintf(stderr, "N=%ld: %s\n", n, site);
            } else {
                t->xml_crashed++;
            }
            continue;
        }
        if (!cl) {
            t->unclean++;
            fprintf(stderr, "  (N=%ld: the failed allocation was in %s)\n", n,
                    fsite);
        }
        if (lx && !ours_failed)
            t->xml_leaky++;
        else if (lx) {
            /* libxml2 leaking because our allocation failed: ours to fix */
            t->unclean++;
            fprintf(stderr,
                    "N=%ld: %ld of libxml2's allocations leaked "
                    "after our allocation in %s failed\n",
                    n, lx, fsite);
        }
        if (st == ZG_OK)
            t->ok++;
        else if (st == ZG_ERR_NOMEM)
            t->nomem++;
        else {
            const char *m = strstr(text, "\nM ");
            t->other++;
            if (ours_failed) {
                t->ours_bad++;
                fprintf(stderr,
                        "N=%ld: our allocation in %s failed, but the "
                        "import says %s: %.*s\n",
                        n, fsite, zg_status_string((zg_status)st),
                        m ? (int)strcspn(m + 3, "\n") : 1, m ? m + 3 : "?");
            } else {
                t->xml_other++;
                if (t->xml_other <= 3)
                    printf("  e.g. N=%ld: libxml2's allocation in %s failed; "
                           "the import says %s: %.*s\n",
                           n, fsite, zg_status_string((zg_status)st),
                           m ? (int)strcspn(m + 3, "\n") : 1, m ? m + 3 : "?");
            }
        }
        t->lookups_failed += lk;
    }
    printf("  N = %ld..%ld, step %ld: %ld runs\n"
           "  import: out of memory %ld, another error %ld, succeeded anyway "
           "%ld (then a lookup failed %ld times)\n"
           "  our code: %ld unclean, %ld crashed, %ld with a status other "
           "than out of memory\n"
           "  libxml2 2.9.14's own defects: crashed %ld, leaked %ld, "
           "reported another error %ld\n",
           first_n, t->last, stride, t->runs, t->nomem, t->other, t->ok,
           t->lookups_failed, t->unclean, t->our_crashes, t->ours_bad,
           t->xml_crashed, t->xml_leaky, t->xml_other);
    for (size_t i = 0; i < n_crash_sites; i++)
        printf("  %s%ld x (first N=%ld) %s\n", crashes[i].ours ? "OURS " : "",
               crashes[i].count, crashes[i].first, crashes[i].site);
}

int
main(int argc, char **argv)
{
    const char *top = getenv("top_srcdir");
    const char *env = getenv("ZG_ALLOCFAIL_DATA");
    char path[4096];
    long stride = argc > 2 ? strtol(argv[2], NULL, 10) : 1;
    run_result ref;
    unsigned gen = 0;
    void *frame[1];
    long xml_stride = getenv("ZG_ALLOCFAIL_XML_STRIDE")
                          ? strtol(getenv("ZG_ALLOCFAIL_XML_STRIDE"), NULL, 10)
                          : 25;
    int strict_xml = getenv("ZG_ALLOCFAIL_STRICT") != NULL;

    checking = getenv("ZG_ALLOCFAIL_CHECKING") != NULL;
    long bad;

    /* backtrace() loads libgcc on first use: not while injecting */
    backtrace(frame, 1);
    /* before libxml2 allocates anything */
    if (xmlMemSetup(af_xml_free, af_xml_malloc, af_xml_realloc,
                    af_xml_strdup) != 0)
        fatal("xmlMemSetup failed");
    snprintf(snap_path, sizeof snap_path, "%s/zg-allocfail-%d.zgs",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
    if ((export_sink = fopen("/dev/null", "w")) == NULL)
        fatal("cannot open /dev/null");
    track = __real_calloc(TRACK_SIZE, sizeof *track);
    if (track == NULL)
        fatal("out of memory");
    if (argc > 1)
        snprintf(path, sizeof path, "%s", argv[1]);
    else if (env && *env)
        snprintf(path, sizeof path, "%s", env);
    else
        snprintf(path, sizeof path, "%s/tests/data/import/good.xml",
                 top ? top : ".");
    if (stride < 1 || xml_stride < 1)
        fatal("STRIDE and ZG_ALLOCFAIL_XML_STRIDE must be positive");
    if (getenv("ZG_ALLOCFAIL_FROM"))
        first_n = strtol(getenv("ZG_ALLOCFAIL_FROM"), NULL, 10);
    if (getenv("ZG_ALLOCFAIL_TO"))
        last_n = strtol(getenv("ZG_ALLOCFAIL_TO"), NULL, 10);
    if (first_n < 1 || last_n < 0)
        fatal("bad ZG_ALLOCFAIL_FROM or ZG_ALLOCFAIL_TO");
    lookup_name = strstr(path, "ai-pilot-zones") ? "杭州" : "甲";
    search_text = strstr(path, "ai-pilot-zones") ? "北京" : "Alpha";

    /* warm-up: libxml2's and iconv's one-time set-up happens here */
    memset(&ref, 0, sizeof ref);
    run_once(path, 0, 0, T_OURS, ++gen, &ref);
    __real_free(ref.graph.p);
    memset(&ref, 0, sizeof ref);
    run_once(path, 0, 0, T_OURS, ++gen, &ref);
    if (ref.import_st != ZG_OK)
        fatal("%s does not import: %s", path, ref.import_msg);
    if (ref.export_st != ZG_OK)
        fatal("%s does not export: %s", path, ref.export_msg);
    if (ref.leaked || ref.leaked_xml)
        fatal("%ld allocations leaked without any failure",
              ref.leaked + ref.leaked_xml);
    /* libxml2 seeds each dictionary at random, so the number of
     * allocations varies by a few from run to run; every N is still tried
     * until a run ends before its Nth allocation. */
    printf("%s: %ld allocations in an import, two lookups, two exports and a "
           "snapshot, "
           "%ld of them "
           "ours (%s)\n",
           path, ref.allocs_all, ref.allocs, ref.answer);
    fflush(stdout);

    if (getenv("ZG_ALLOCFAIL_ONLY")) {
        /* one run, to debug: ZG_ALLOCFAIL_ONLY=N (negative: persistent) */
        long n = strtol(getenv("ZG_ALLOCFAIL_ONLY"), NULL, 10);
        run_result r;
        memset(&r, 0, sizeof r);
        const char *t = getenv("ZG_ALLOCFAIL_TARGET");
        int target_only = t && strcmp(t, "xml") == 0 ? T_XML : T_OURS;
        report_fd = 2; /* where the failure struck, on stderr */
        track_bt = 1;  /* and where leaked memory came from */
        run_once(path, n < 0 ? -n : n, n < 0, target_only, ++gen, &r);
        printf("N=%ld: import %s (%s), %s, %ld injected (%s), %ld+%ld "
               "leaked\n",
               n, zg_status_string(r.import_st), r.import_msg, r.answer,
               r.failures, r.first_xml ? "libxml2's" : "ours", r.leaked,
               r.leaked_xml);
        report_leaks(gen);
        __real_free(r.graph.p);
        __real_free(ref.graph.p);
        unlink(snap_path);
        return r.leaked != 0;
    }
    bad = 0;
    for (int target = T_OURS; target <= T_XML; target++)
        for (int persistent = 0; persistent <= 1; persistent++) {
            tally t;
            printf("-- %s allocations; %s:\n",
                   target == T_XML ? "libxml2's" : "our",
                   persistent ? "the Nth and every later one fail"
                              : "only the Nth fails");
            run_mode(path, persistent, target,
                     target == T_XML ? xml_stride : stride, &ref, &gen, &t);
            /* Our code must survive every failure cleanly. libxml2
             * 2.9.14's own defects are counted and shown;
             * ZG_ALLOCFAIL_STRICT=1 fails on them too. */
            bad += t.unclean + t.our_crashes + t.ours_bad;
            if (strict_xml)
                bad += t.xml_crashed + t.xml_leaky + t.xml_other;
        }
    __real_free(ref.graph.p);
    xmlCleanupParser();
    __real_free(track);
    unlink(snap_path);
    return bad ? 1 : 0;
}
