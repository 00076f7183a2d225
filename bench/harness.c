/* SPDX-License-Identifier: MIT */
/*
 * zg-bench: the measuring side of bench/run. Each subcommand does one
 * thing, prints what it measured on standard output in lines of
 * space-separated words, and exits non-zero (with a message on standard
 * error) when anything fails or disagrees, so that a benchmark never
 * quietly times a failure. bench/run runs it once per measurement, so each
 * side's peak memory (peak_kib, the process's VmHWM) is its own.
 *
 *   zg-bench load SIDE FILE        SIDE: zonegraph, floor, igraph
 *       -> "nodes N edges E seconds T peak_kib K"
 *   zg-bench dot SIDE FILE OUT     SIDE: zonegraph, igraph; load, then
 *                                  write the whole graph as DOT to OUT
 *       -> "nodes N edges E load T write T peak_kib K arrows A"
 *   zg-bench queries FILE [-p PAIRS] [-m MIN_BATCH_SECONDS] [-s SEED]
 *       loads FILE (GraphML) into zonegraph and, when built with igraph,
 *       into igraph; checks every answer against a plain breadth-first
 *       walk over the graph API and against igraph, then times each kind
 *       of query in PAIRS alternating batches
 *       -> "info KIND TEXT..." and "pair KIND ZG_SECONDS IG_SECONDS"
 *          (per query; IG_SECONDS is "-" without igraph)
 *   zg-bench find FILE [-s SEED]   loads FILE, builds the full-text index
 *       once, then times queries of each kind (cjk2: two characters from
 *       inside a random Chinese name; cjk1: one such character; ascii:
 *       three letters from inside a random Latin name; ascii1: one such
 *       letter, found in most names; miss: text no name holds, which
 *       falls back to near misses of names), each query
 *       repeated; checks that every query but a miss finds the node it
 *       came from (searched with a large --max) and that a miss finds no
 *       literal match
 *       -> "find_build SECONDS BYTES DOCS" (index build time and size),
 *          "find KIND MEDIAN_SECONDS MIN MAX QUERIES"
 *   zg-bench snapshot save FILE OUT   loads FILE into zonegraph, then
 *       saves it as the snapshot OUT (zg_graph_save())
 *       -> "nodes N edges E load T seconds T peak_kib K" (seconds: the save)
 *   zg-bench snapshot open SNAP       opens the snapshot SNAP and answers
 *       one path question as `zonegraph --data SNAP path A B` does: A and
 *       B (the first node and the one halfway) resolved by their ids,
 *       then the shortest path, any direction
 *       -> "nodes N edges E seconds T peak_kib K length L" (seconds: open,
 *          resolve and path together)
 *   zg-bench features              -> "igraph yes|no"
 *
 * Times are wall-clock (CLOCK_MONOTONIC) around the measured call only:
 * process start-up and exit are left out. The zonegraph load includes
 * zg_graph_new(), which every command pays.
 *
 * The libxml2 floor parses with the importer's push parser set-up: SAX2
 * handlers for start and end of elements and for text, XML_PARSE_NONET |
 * XML_PARSE_NOCDATA, 64 KiB read() chunks, and does nothing but count
 * nodes and edges.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "zg_error.h"
#include "zg_export.h"
#include "zg_graph.h"
#include "zg_import.h"
#include "zg_query.h"

#ifdef ZG_BENCH_IGRAPH
#include <igraph.h>
#endif

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
die(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "zg-bench: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static void
die_zg(const char *what, const zg_error *err)
{
    char buf[1024];

    die("%s: %s", what, zg_error_format(err, buf, sizeof buf));
}

/* The peak resident set of this process in KiB (VmHWM), or 0. Read here
 * rather than from the parent's wait4(): Linux's ru_maxrss also counts
 * what the forked parent had resident before exec. */
static unsigned long
peak_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    unsigned long kib = 0;

    if (f == NULL)
        return 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %lu kB", &kib) == 1)
            break;
    fclose(f);
    return kib;
}

/* ---- zonegraph ---- */

static zg_graph *
zg_load(const char *path)
{
    zg_graph *g = NULL;
    zg_import_limits lim;
    zg_error err = {0};
    struct stat st;

    /* The default input limit is below the large benchmark file; this is
     * trusted input, so the limit is raised to the file's size. */
    zg_import_default_limits(&lim);
    if (stat(path, &st) == 0 && (size_t)st.st_size >= lim.max_bytes)
        lim.max_bytes = (size_t)st.st_size + 1;
    if (zg_graph_new(&g, &err) != ZG_OK)
        die_zg("zg_graph_new", &err);
    if (zg_import_xml_file(g, path, &lim, &err) != ZG_OK)
        die_zg("import", &err);
    return g;
}

/* ---- the libxml2 SAX2 floor ---- */

typedef struct floor_state {
    unsigned long nodes, edges, text_bytes;
    int depth, graphml, errors;
} floor_state;

static void
floor_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
            const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
            int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    floor_state *s = ctx;
    const char *name = (const char *)localname;

    (void)prefix, (void)uri, (void)nb_namespaces, (void)namespaces;
    (void)nb_attributes, (void)nb_defaulted, (void)attributes;
    s->depth++;
    if (s->depth == 1) {
        s->graphml = strcmp(name, "graphml") == 0;
    } else if (s->graphml) {
        if (strcmp(name, "node") == 0)
            s->nodes++;
        else if (strcmp(name, "edge") == 0)
            s->edges++;
    } else if (s->depth == 2) {
        /* zonegraph XML: children of the root are nodes, relations,
         * the schema and sources */
        if (strcmp(name, "relation") == 0)
            s->edges++;
        else if (strcmp(name, "schema") != 0 && strcmp(name, "source") != 0)
            s->nodes++;
    }
}

static void
floor_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
          const xmlChar *uri)
{
    floor_state *s = ctx;

    (void)localname, (void)prefix, (void)uri;
    s->depth--;
}

static void
floor_text(void *ctx, const xmlChar *ch, int len)
{
    floor_state *s = ctx;

    (void)ch;
    s->text_bytes += (unsigned long)len;
}

static void
floor_error(void *ctx, xmlErrorPtr e)
{
    floor_state *s = ctx;

    s->errors++;
    fprintf(stderr, "zg-bench: libxml2: %s:%d: %s", e->file ? e->file : "",
            e->line, e->message ? e->message : "error\n");
}

static void
floor_parse(const char *path, unsigned long *nodes, unsigned long *edges)
{
    enum { CHUNK = 65536 };
    xmlSAXHandler sax;
    xmlParserCtxtPtr ctxt;
    floor_state s = {0};
    char *buf = malloc(CHUNK);
    ssize_t k;
    int fd = open(path, O_RDONLY), ok;

    if (fd < 0)
        die("%s: %s", path, strerror(errno));
    if (buf == NULL)
        die("out of memory");
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = floor_start;
    sax.endElementNs = floor_end;
    sax.characters = floor_text;
    sax.serror = floor_error;
    ctxt = xmlCreatePushParserCtxt(&sax, &s, NULL, 0, path);
    if (ctxt == NULL)
        die("xmlCreatePushParserCtxt failed");
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
    for (;;) {
        do
            k = read(fd, buf, CHUNK);
        while (k < 0 && errno == EINTR);
        if (k < 0)
            die("%s: %s", path, strerror(errno));
        if (k == 0)
            break;
        if (xmlParseChunk(ctxt, buf, (int)k, 0) != 0 || s.errors)
            die("%s: %s", path, "parse error");
    }
    if (xmlParseChunk(ctxt, NULL, 0, 1) != 0 || s.errors)
        die("%s: %s", path, "parse error");
    ok = ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);
    close(fd);
    free(buf);
    if (!ok)
        die("%s: %s", path, "not well-formed");
    *nodes = s.nodes;
    *edges = s.edges;
}

/* ---- igraph ---- */

#ifdef ZG_BENCH_IGRAPH
static void
ig_check(igraph_error_t rc, const char *what)
{
    if (rc != IGRAPH_SUCCESS)
        die("igraph: %s: %s", what, igraph_strerror(rc));
}

static void
ig_load(igraph_t *g, const char *path)
{
    FILE *f = fopen(path, "r");

    if (f == NULL)
        die("%s: %s", path, strerror(errno));
    ig_check(igraph_read_graph_graphml(g, f, 0), "igraph_read_graph_graphml");
    fclose(f);
}

static void
ig_init(void)
{
    igraph_set_error_handler(igraph_error_handler_printignore);
    igraph_set_attribute_table(&igraph_cattribute_table);
}
#endif

/* ---- load and dot ---- */

static int
cmd_load(const char *side, const char *path)
{
    unsigned long nodes = 0, edges = 0;
    double t0 = now(), t;

    if (strcmp(side, "zonegraph") == 0) {
        zg_graph *g = zg_load(path);
        t = now() - t0;
        nodes = zg_graph_node_count(g);
        edges = zg_graph_edge_count(g);
        zg_graph_free(g); /* after the peak: VmHWM keeps it */
#ifdef ZG_BENCH_IGRAPH
    } else if (strcmp(side, "igraph") == 0) {
        igraph_t g;
        ig_init();
        t0 = now();
        ig_load(&g, path);
        t = now() - t0;
        nodes = (unsigned long)igraph_vcount(&g);
        edges = (unsigned long)igraph_ecount(&g);
        igraph_destroy(&g);
#endif
    } else if (strcmp(side, "floor") == 0) {
        floor_parse(path, &nodes, &edges);
        t = now() - t0;
    } else {
        die("unknown side '%s'", side);
        return 1;
    }
    printf("nodes %lu edges %lu seconds %.6f peak_kib %lu\n", nodes, edges, t,
           peak_kib());
    return 0;
}

/* The number of "->" in the file at `path`. */
static unsigned long
count_arrows(const char *path)
{
    FILE *f = fopen(path, "r");
    unsigned long n = 0;
    int c, prev = 0;

    if (f == NULL)
        die("%s: %s", path, strerror(errno));
    while ((c = getc(f)) != EOF) {
        if (prev == '-' && c == '>')
            n++;
        prev = c;
    }
    fclose(f);
    return n;
}

static int
cmd_dot(const char *side, const char *path, const char *outpath)
{
    unsigned long nodes = 0, edges = 0;
    double t0, load, write;
    FILE *out;

    if (strcmp(side, "zonegraph") == 0) {
        zg_dot_options opt;
        zg_error err = {0};
        zg_graph *g;
        t0 = now();
        g = zg_load(path);
        load = now() - t0;
        nodes = zg_graph_node_count(g);
        edges = zg_graph_edge_count(g);
        memset(&opt, 0, sizeof opt);
        t0 = now();
        if ((out = fopen(outpath, "w")) == NULL)
            die("%s: %s", outpath, strerror(errno));
        if (zg_export_dot(g, &opt, out, &err) != ZG_OK)
            die_zg("zg_export_dot", &err);
        if (fclose(out) != 0)
            die("%s: %s", outpath, strerror(errno));
        write = now() - t0;
        zg_graph_free(g);
#ifdef ZG_BENCH_IGRAPH
    } else if (strcmp(side, "igraph") == 0) {
        igraph_t g;
        ig_init();
        t0 = now();
        ig_load(&g, path);
        load = now() - t0;
        nodes = (unsigned long)igraph_vcount(&g);
        edges = (unsigned long)igraph_ecount(&g);
        t0 = now();
        if ((out = fopen(outpath, "w")) == NULL)
            die("%s: %s", outpath, strerror(errno));
        ig_check(igraph_write_graph_dot(&g, out), "igraph_write_graph_dot");
        if (fclose(out) != 0)
            die("%s: %s", outpath, strerror(errno));
        write = now() - t0;
        igraph_destroy(&g);
#endif
    } else {
        die("unknown side '%s'", side);
        return 1;
    }
    printf("nodes %lu edges %lu load %.6f write %.6f peak_kib %lu arrows %lu\n",
           nodes, edges, load, write, peak_kib(), count_arrows(outpath));
    return 0;
}

/* ---- queries ---- */

enum { N_LOOKUP = 64, N_NEIGHBOURS = 64, N_PATHS = 16, N_HOOD = 8 };

typedef struct bench {
    zg_graph *zg;
#ifdef ZG_BENCH_IGRAPH
    igraph_t ig;
    igraph_strvector_t ig_ids, ig_names;
#endif
    int have_ig;
    size_t n;
    zg_id lookup[N_LOOKUP], neigh[N_NEIGHBOURS], hood[N_HOOD];
    zg_id path_from[N_PATHS], path_to[N_PATHS];
    unsigned path_len[N_PATHS];
    size_t hood_size[N_HOOD], neigh_size[N_NEIGHBOURS];
    uint64_t rng;
    unsigned *dist; /* reference_bfs() */
    zg_id *queue;
    size_t ref_reached;
} bench;

static uint64_t
next_random(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static zg_id
random_node(bench *b)
{
    return (zg_id)(next_random(&b->rng) % b->n);
}

/* The reference the query answers are checked against: a breadth-first
 * walk from `a` ignoring direction, through the graph API only, up to
 * `max_depth` hops. Fills dist[] for the nodes reached (the caller's
 * array, all UINT32_MAX before; reset again by the next call) and returns
 * how many were reached, `a` included; `*last` (may be NULL) gets the
 * last one, a node farthest from `a`. */
static size_t
reference_bfs(bench *b, zg_id a, unsigned max_depth, zg_id *last)
{
    const zg_graph *g = b->zg;
    size_t head = 0, tail = 0;

    for (size_t i = 0; i < b->ref_reached; i++)
        b->dist[b->queue[i]] = UINT32_MAX;
    b->queue[tail++] = a;
    b->dist[a] = 0;
    while (head < tail) {
        zg_id v = b->queue[head++];
        if (b->dist[v] >= max_depth)
            continue;
        for (int dir = 0; dir < 2; dir++) {
            const zg_id *es;
            size_t k = dir ? zg_graph_in_edges(g, v, &es)
                           : zg_graph_out_edges(g, v, &es);
            for (size_t i = 0; i < k; i++) {
                zg_id w = dir ? zg_graph_edge_from(g, es[i])
                              : zg_graph_edge_to(g, es[i]);
                if (b->dist[w] == UINT32_MAX) {
                    b->dist[w] = b->dist[v] + 1;
                    b->queue[tail++] = w;
                }
            }
        }
    }
    b->ref_reached = tail;
    if (last)
        *last = b->queue[tail - 1];
    return tail;
}

/* Distinct nodes in the `node` column of `r`, plus `extra` if it is not
 * among them. */
static size_t
distinct_nodes(const zg_result *r, size_t n, zg_id extra, unsigned char *mark)
{
    size_t col = SIZE_MAX, rows = zg_result_rows(r), count = 0;

    for (size_t c = 0; c < zg_result_cols(r); c++)
        if (strcmp(zg_result_colname(r, c), "node") == 0)
            col = c;
    if (col == SIZE_MAX)
        die("no node column in the neighbours result");
    memset(mark, 0, n);
    mark[extra] = 1;
    count = 1;
    for (size_t i = 0; i < rows; i++) {
        zg_id v = zg_result_cell(r, i, col)->id;
        if (!mark[v]) {
            mark[v] = 1;
            count++;
        }
    }
    return count;
}

/* One query of each kind, on zonegraph; returns a number to check. */
typedef enum kind { K_ID, K_NAME, K_NEIGH, K_PATH, K_HOOD, N_KINDS } kind;

static const char *const kind_names[N_KINDS] = {"lookup_id", "lookup_name",
                                                "neighbours", "path", "hood3"};

static const size_t kind_count[N_KINDS] = {N_LOOKUP, N_LOOKUP, N_NEIGHBOURS,
                                           N_PATHS, N_HOOD};

static unsigned char *scratch; /* node marks for the checks */

static size_t
zg_query_one(bench *b, kind k, size_t i, int check)
{
    zg_error err = {0};
    zg_result *r = NULL;
    size_t answer = 0;

    switch (k) {
    case K_ID: {
        zg_id v = b->lookup[i];
        answer = zg_graph_node_by_key(b->zg, zg_graph_node(b->zg, v)->key);
        break;
    }
    case K_NAME: {
        zg_resolution res;
        zg_id v = b->lookup[i];
        if (zg_graph_resolve(b->zg, zg_graph_node(b->zg, v)->name, &res,
                             &err) != ZG_OK)
            die_zg("zg_graph_resolve", &err);
        answer = res.node;
        if (check && res.n_others != 0)
            die("the name of %s matches %zu more nodes",
                zg_graph_node(b->zg, v)->key, res.n_others);
        break;
    }
    case K_NEIGH: {
        zg_neighbour_opts opt;
        memset(&opt, 0, sizeof opt);
        opt.depth = 1;
        opt.filter.direction = ZG_DIR_BOTH;
        if (zg_query_neighbours(b->zg, b->neigh[i], &opt, &r, &err) != ZG_OK)
            die_zg("zg_query_neighbours", &err);
        answer = check ? distinct_nodes(r, b->n, b->neigh[i], scratch) - 1
                       : zg_result_rows(r);
        break;
    }
    case K_PATH: {
        zg_path_opts opt;
        zg_path_info info;
        memset(&opt, 0, sizeof opt);
        opt.filter.direction = ZG_DIR_BOTH;
        /* the same question as igraph's: any shortest path, hubs too */
        opt.through_hubs = 1;
        if (zg_query_path(b->zg, b->path_from[i], b->path_to[i], &opt, &r,
                          &info, &err) != ZG_OK)
            die_zg("zg_query_path", &err);
        if (check && info.paths != 1)
            die("zg_query_path found no path from %s to %s",
                zg_graph_node(b->zg, b->path_from[i])->key,
                zg_graph_node(b->zg, b->path_to[i])->key);
        answer = info.length;
        break;
    }
    case K_HOOD: {
        zg_neighbour_opts opt;
        memset(&opt, 0, sizeof opt);
        opt.depth = 3;
        opt.filter.direction = ZG_DIR_BOTH;
        if (zg_query_neighbours(b->zg, b->hood[i], &opt, &r, &err) != ZG_OK)
            die_zg("zg_query_neighbours", &err);
        answer = check ? distinct_nodes(r, b->n, b->hood[i], scratch)
                       : zg_result_rows(r);
        break;
    }
    default: break;
    }
    zg_result_free(r);
    return answer;
}

#ifdef ZG_BENCH_IGRAPH
/* igraph has no index from an attribute value to a vertex: the lookup is
 * a scan of the string attribute, fetched once into a string vector. */
static size_t
ig_scan(const igraph_strvector_t *sv, const char *want)
{
    igraph_integer_t n = igraph_strvector_size(sv);

    for (igraph_integer_t v = 0; v < n; v++)
        if (strcmp(igraph_strvector_get(sv, v), want) == 0)
            return (size_t)v;
    return SIZE_MAX;
}

static size_t
ig_query_one(bench *b, kind k, size_t i, int check)
{
    size_t answer = 0;

    switch (k) {
    case K_ID:
        answer = ig_scan(&b->ig_ids, zg_graph_node(b->zg, b->lookup[i])->key);
        break;
    case K_NAME:
        answer =
            ig_scan(&b->ig_names, zg_graph_node(b->zg, b->lookup[i])->name);
        break;
    case K_NEIGH: {
        igraph_vector_int_t v;
        ig_check(igraph_vector_int_init(&v, 0), "vector");
        ig_check(igraph_neighbors(&b->ig, &v, b->neigh[i], IGRAPH_ALL),
                 "igraph_neighbors");
        if (check) {
            igraph_vector_int_sort(&v);
            answer = 0;
            for (igraph_integer_t j = 0; j < igraph_vector_int_size(&v); j++)
                answer += j == 0 || VECTOR(v)[j] != VECTOR(v)[j - 1];
        } else {
            answer = (size_t)igraph_vector_int_size(&v);
        }
        igraph_vector_int_destroy(&v);
        break;
    }
    case K_PATH: {
        igraph_vector_int_t v;
        ig_check(igraph_vector_int_init(&v, 0), "vector");
        ig_check(igraph_get_shortest_path(&b->ig, &v, NULL, b->path_from[i],
                                          b->path_to[i], IGRAPH_ALL),
                 "igraph_get_shortest_path");
        answer = (size_t)igraph_vector_int_size(&v) - 1;
        igraph_vector_int_destroy(&v);
        break;
    }
    case K_HOOD: {
        igraph_vector_int_list_t res;
        ig_check(igraph_vector_int_list_init(&res, 0), "list");
        ig_check(igraph_neighborhood(&b->ig, &res, igraph_vss_1(b->hood[i]), 3,
                                     IGRAPH_ALL, 0),
                 "igraph_neighborhood");
        answer = (size_t)igraph_vector_int_size(
            igraph_vector_int_list_get_ptr(&res, 0));
        igraph_vector_int_list_destroy(&res);
        break;
    }
    default: break;
    }
    return answer;
}
#endif

/* Run every query of kind `k` `reps` times on one side; seconds taken. */
static double
batch(bench *b, kind k, int ig, unsigned reps)
{
    double t0 = now();
    size_t sink = 0;

    for (unsigned r = 0; r < reps; r++)
        for (size_t i = 0; i < kind_count[k]; i++) {
#ifdef ZG_BENCH_IGRAPH
            if (ig) {
                sink += ig_query_one(b, k, i, 0);
                continue;
            }
#else
            (void)ig;
#endif
            sink += zg_query_one(b, k, i, 0);
        }
    if (sink == (size_t)-42) /* keep the answers alive */
        puts("");
    return now() - t0;
}

static unsigned
calibrate(double once, double min_batch)
{
    double r = once > 0 ? min_batch / once : 1e6;

    if (r < 1)
        return 1;
    return r > 1e6 ? 1000000u : (unsigned)r + 1;
}

/* Pick the query targets and check that both sides answer alike. */
static void
prepare(bench *b)
{
    size_t n = b->n;
    unsigned lmin = UINT32_MAX, lmax = 0, lsum = 0;
    size_t hsum = 0, nsum = 0;

    for (size_t i = 0; i < N_LOOKUP; i++)
        b->lookup[i] = random_node(b);
    for (size_t i = 0; i < N_NEIGHBOURS; i++)
        b->neigh[i] = random_node(b);
    for (size_t i = 0; i < N_HOOD; i++)
        b->hood[i] = random_node(b);
    /* half random pairs, half a random node and the node farthest from
     * it, so that long paths are measured too */
    for (size_t i = 0; i < N_PATHS; i++) {
        b->path_from[i] = random_node(b);
        if (i % 2)
            reference_bfs(b, b->path_from[i], UINT32_MAX, &b->path_to[i]);
        else
            b->path_to[i] = random_node(b);
        if (b->path_to[i] == b->path_from[i])
            b->path_to[i] = (b->path_from[i] + 1) % (zg_id)n;
    }
    for (size_t i = 0; i < N_LOOKUP; i++) {
        if (zg_query_one(b, K_ID, i, 1) != b->lookup[i])
            die("lookup of id %s gave another node",
                zg_graph_node(b->zg, b->lookup[i])->key);
        if (zg_query_one(b, K_NAME, i, 1) != b->lookup[i])
            die("lookup of name %s gave another node",
                zg_graph_node(b->zg, b->lookup[i])->name);
    }
    /* zonegraph's answers against a plain walk over the graph API */
    for (size_t i = 0; i < N_NEIGHBOURS; i++) {
        size_t want = reference_bfs(b, b->neigh[i], 1, NULL) - 1;
        b->neigh_size[i] = zg_query_one(b, K_NEIGH, i, 1);
        if (b->neigh_size[i] != want)
            die("zg_query_neighbours of %s gives %zu nodes, not %zu",
                zg_graph_node(b->zg, b->neigh[i])->key, b->neigh_size[i], want);
        nsum += b->neigh_size[i];
    }
    for (size_t i = 0; i < N_PATHS; i++) {
        unsigned want;
        reference_bfs(b, b->path_from[i], UINT32_MAX, NULL);
        want = b->dist[b->path_to[i]];
        b->path_len[i] = (unsigned)zg_query_one(b, K_PATH, i, 1);
        if (b->path_len[i] != want)
            die("zg_query_path from %s to %s has %u hops, not %u",
                zg_graph_node(b->zg, b->path_from[i])->key,
                zg_graph_node(b->zg, b->path_to[i])->key, b->path_len[i], want);
        lsum += b->path_len[i];
        lmin = b->path_len[i] < lmin ? b->path_len[i] : lmin;
        lmax = b->path_len[i] > lmax ? b->path_len[i] : lmax;
    }
    for (size_t i = 0; i < N_HOOD; i++) {
        size_t want = reference_bfs(b, b->hood[i], 3, NULL);
        b->hood_size[i] = zg_query_one(b, K_HOOD, i, 1);
        if (b->hood_size[i] != want)
            die("zg_query_neighbours depth 3 of %s reaches %zu nodes, not %zu",
                zg_graph_node(b->zg, b->hood[i])->key, b->hood_size[i], want);
        hsum += b->hood_size[i];
    }
#ifdef ZG_BENCH_IGRAPH
    if (b->have_ig) {
        char msg[256];
        for (size_t i = 0; i < N_LOOKUP; i++) {
            if (ig_query_one(b, K_ID, i, 1) != b->lookup[i] ||
                ig_query_one(b, K_NAME, i, 1) != b->lookup[i])
                die("igraph finds node %s elsewhere",
                    zg_graph_node(b->zg, b->lookup[i])->key);
        }
        for (size_t i = 0; i < N_NEIGHBOURS; i++) {
            size_t got = ig_query_one(b, K_NEIGH, i, 1);
            if (got != b->neigh_size[i]) {
                snprintf(msg, sizeof msg, "zonegraph %zu, igraph %zu",
                         b->neigh_size[i], got);
                die("neighbours of %s disagree: %s",
                    zg_graph_node(b->zg, b->neigh[i])->key, msg);
            }
        }
        for (size_t i = 0; i < N_PATHS; i++) {
            size_t got = ig_query_one(b, K_PATH, i, 1);
            if (got != b->path_len[i]) {
                snprintf(msg, sizeof msg, "%s to %s: zonegraph %u, igraph %zu",
                         zg_graph_node(b->zg, b->path_from[i])->key,
                         zg_graph_node(b->zg, b->path_to[i])->key,
                         b->path_len[i], got);
                die("path lengths disagree: %s", msg);
            }
        }
        for (size_t i = 0; i < N_HOOD; i++) {
            size_t got = ig_query_one(b, K_HOOD, i, 1);
            if (got != b->hood_size[i]) {
                snprintf(msg, sizeof msg, "zonegraph %zu, igraph %zu",
                         b->hood_size[i], got);
                die("3-hop neighbourhood of %s disagrees: %s",
                    zg_graph_node(b->zg, b->hood[i])->key, msg);
            }
        }
    }
#endif
    printf("info lookup_id %d random nodes\n", N_LOOKUP);
    printf("info lookup_name %d random nodes (the name is unique)\n", N_LOOKUP);
    printf("info neighbours %d random nodes, %.1f neighbours on average\n",
           N_NEIGHBOURS, (double)nsum / N_NEIGHBOURS);
    printf("info path %d pairs (half random, half farthest), %u-%u hops, "
           "mean %.1f\n",
           N_PATHS, lmin, lmax, (double)lsum / N_PATHS);
    printf("info hood3 %d random nodes, %.0f nodes within 3 hops on "
           "average (%.1f%% of the graph)\n",
           N_HOOD, (double)hsum / N_HOOD,
           100.0 * (double)hsum / N_HOOD / (double)n);
    fflush(stdout);
}

static int
cmd_queries(int argc, char **argv)
{
    bench b;
    unsigned pairs = 7;
    double min_batch = 0.05;
    const char *path = argv[2];
    const char *usage = "usage: zg-bench queries FILE [-p PAIRS] "
                        "[-m MIN_BATCH_SECONDS] [-s SEED]";

    memset(&b, 0, sizeof b);
    b.rng = 1;
    /* FILE first, then options: no reliance on GNU getopt's reordering */
    for (int i = 3; i < argc; i += 2) {
        char *end;
        if (i + 1 >= argc || argv[i][0] != '-' || argv[i][1] == '\0' ||
            argv[i][2] != '\0')
            die("%s", usage);
        errno = 0;
        switch (argv[i][1]) {
        case 'p': pairs = (unsigned)strtoul(argv[i + 1], &end, 10); break;
        case 'm': min_batch = strtod(argv[i + 1], &end); break;
        case 's': b.rng = strtoull(argv[i + 1], &end, 10); break;
        default: die("%s", usage);
        }
        if (errno || end == argv[i + 1] || *end)
            die("%s", usage);
    }
    if (pairs == 0 || !(min_batch > 0))
        die("%s", usage);
    b.zg = zg_load(path);
    b.n = zg_graph_node_count(b.zg);
    if (b.n < 2)
        die("the graph needs at least two nodes");
    scratch = malloc(b.n);
    b.dist = malloc(b.n * sizeof *b.dist);
    b.queue = malloc(b.n * sizeof *b.queue);
    if (scratch == NULL || b.dist == NULL || b.queue == NULL)
        die("out of memory");
    for (size_t v = 0; v < b.n; v++)
        b.dist[v] = UINT32_MAX;
#ifdef ZG_BENCH_IGRAPH
    ig_init();
    ig_load(&b.ig, path);
    b.have_ig = 1;
    if ((size_t)igraph_vcount(&b.ig) != b.n ||
        (size_t)igraph_ecount(&b.ig) != zg_graph_edge_count(b.zg))
        die("zonegraph and igraph loaded different counts");
    ig_check(igraph_strvector_init(&b.ig_ids, 0), "strvector");
    ig_check(igraph_strvector_init(&b.ig_names, 0), "strvector");
    ig_check(igraph_cattribute_VASV(&b.ig, "id", igraph_vss_all(), &b.ig_ids),
             "id attribute");
    ig_check(
        igraph_cattribute_VASV(&b.ig, "name", igraph_vss_all(), &b.ig_names),
        "name attribute");
    /* both number the nodes in file order: check, so that the same ids
     * mean the same nodes on both sides */
    for (size_t v = 0; v < b.n; v++)
        if (strcmp(igraph_strvector_get(&b.ig_ids, (igraph_integer_t)v),
                   zg_graph_node(b.zg, (zg_id)v)->key) != 0)
            die("node %s is numbered differently by igraph",
                zg_graph_node(b.zg, (zg_id)v)->key);
#endif
    prepare(&b);
    for (int k = 0; k < N_KINDS; k++) {
        unsigned reps[2];
        int sides = b.have_ig ? 2 : 1;
        for (int s = 0; s < sides; s++)
            reps[s] = calibrate(batch(&b, (kind)k, s, 1), min_batch);
        for (unsigned p = 0; p < pairs; p++) {
            double t[2] = {0, 0};
            /* A B, then B A: neither side always runs first */
            for (int j = 0; j < sides; j++) {
                int s = (p % 2 && sides == 2) ? 1 - j : j;
                t[s] = batch(&b, (kind)k, s, reps[s]) /
                       ((double)reps[s] * (double)kind_count[k]);
            }
            if (b.have_ig)
                printf("pair %s %.9f %.9f\n", kind_names[k], t[0], t[1]);
            else
                printf("pair %s %.9f -\n", kind_names[k], t[0]);
            fflush(stdout);
        }
    }
    free(scratch);
    free(b.dist);
    free(b.queue);
    zg_graph_free(b.zg);
#ifdef ZG_BENCH_IGRAPH
    igraph_strvector_destroy(&b.ig_ids);
    igraph_strvector_destroy(&b.ig_names);
    igraph_destroy(&b.ig);
#endif
    return 0;
}

/* ---- full-text search ---- */

enum { N_FIND = 32, FIND_REPS = 5 };

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* The `len`-character (`bytes`-per-character) substring of `name` at a
 * random position past its first character, in `buf`; 0 if too short. */
static int
inner_piece(uint64_t *rng, const char *name, size_t bytes, size_t len,
            char *buf, size_t size)
{
    size_t n = strlen(name) / bytes, at;

    if (n < len + 1 || len * bytes >= size)
        return 0;
    at = 1 + (size_t)(next_random(rng) % (n - len));
    memcpy(buf, name + at * bytes, len * bytes);
    buf[len * bytes] = '\0';
    return 1;
}

/* 1 if the result holds node `n`. */
static int
result_has(const zg_result *r, zg_id n)
{
    size_t on = zg_result_col(r, "on");

    if (on == ZG_NO_COL)
        die("no column 'on' in the search result");
    for (size_t i = 0; i < zg_result_rows(r); i++) {
        const zg_value *v = zg_result_cell(r, i, on);
        if (v->kind == ZG_VAL_NODE && v->id == n)
            return 1;
    }
    return 0;
}

static int
cmd_find(int argc, char **argv)
{
    /* cjk2, cjk1, ascii3, ascii1, miss: see the comment atop the file */
    static const char *const kinds[] = {"cjk2", "cjk1", "ascii", "ascii1",
                                        "miss"};
    static const size_t piece_len[] = {2, 1, 3, 1, 0};
    enum { N_KINDS_FIND = sizeof kinds / sizeof kinds[0] };
    char q[N_KINDS_FIND][N_FIND][32];
    zg_id from[N_KINDS_FIND][N_FIND];
    uint64_t rng = 1;
    zg_fulltext *ft = NULL;
    zg_error err = {0};
    zg_graph *g;
    size_t n;
    double t0, build;

    if (argc == 5 && strcmp(argv[3], "-s") == 0)
        rng = strtoull(argv[4], NULL, 10);
    else if (argc != 3)
        die("usage: zg-bench find FILE [-s SEED]");
    g = zg_load(argv[2]);
    n = zg_graph_node_count(g);
    if (n < 2)
        die("the graph needs at least two nodes");
    t0 = now();
    if (zg_fulltext_new(&ft, g, &err) != ZG_OK)
        die_zg("zg_fulltext_new", &err);
    build = now() - t0;
    printf("find_build %.9f %zu %zu\n", build, zg_fulltext_bytes(ft), n);
    /* pick the queries: pieces of random names of each script */
    for (int k = 0; k < N_KINDS_FIND; k++)
        for (size_t i = 0; i < N_FIND; i++) {
            const char *name;
            unsigned tries = 0;
            from[k][i] = ZG_NO_ID;
            if (k == 4) {
                snprintf(q[k][i], sizeof q[k][i], "qx%zujz", i);
                continue;
            }
            for (;;) {
                zg_id v = (zg_id)(next_random(&rng) % n);
                int cjk;
                name = zg_graph_node(g, v)->name;
                cjk = (unsigned char)name[0] >= 0x80;
                if (++tries > 1000000)
                    die("no name fits a %s query", kinds[k]);
                if (cjk != (k < 2))
                    continue;
                if (inner_piece(&rng, name, k < 2 ? 3 : 1, piece_len[k],
                                q[k][i], sizeof q[k][i]) &&
                    strcmp(q[k][i], " ") != 0) {
                    from[k][i] = v;
                    break;
                }
            }
        }
    /* check the answers */
    for (int k = 0; k < N_KINDS_FIND; k++)
        for (size_t i = 0; i < N_FIND; i++) {
            zg_fulltext_opts o;
            zg_result *r = NULL;
            memset(&o, 0, sizeof o);
            o.max = 100000;
            if (zg_fulltext_search(ft, q[k][i], &o, &r, &err) != ZG_OK)
                die_zg("zg_fulltext_search", &err);
            if (from[k][i] != ZG_NO_ID && !result_has(r, from[k][i]))
                die("find %s misses node %s", q[k][i],
                    zg_graph_node(g, from[k][i])->key);
            if (k == 4 && zg_result_rows(r) > 0 &&
                zg_result_cell(r, 0, zg_result_col(r, "score"))->i < 6)
                die("find %s matches literally", q[k][i]);
            zg_result_free(r);
        }
    /* time them: each query FIND_REPS times, the median per query */
    for (int k = 0; k < N_KINDS_FIND; k++) {
        double per[N_FIND];
        for (size_t i = 0; i < N_FIND; i++) {
            double t[FIND_REPS];
            for (int rep = 0; rep < FIND_REPS; rep++) {
                zg_result *r = NULL;
                double s = now();
                if (zg_fulltext_search(ft, q[k][i], NULL, &r, &err) != ZG_OK)
                    die_zg("zg_fulltext_search", &err);
                t[rep] = now() - s;
                zg_result_free(r);
            }
            qsort(t, FIND_REPS, sizeof *t, cmp_double);
            per[i] = t[FIND_REPS / 2];
        }
        qsort(per, N_FIND, sizeof *per, cmp_double);
        printf("find %s %.9f %.9f %.9f %d e.g. %s\n", kinds[k], per[N_FIND / 2],
               per[0], per[N_FIND - 1], N_FIND, q[k][0]);
    }
    printf("peak_kib %lu\n", peak_kib());
    zg_fulltext_free(ft);
    zg_graph_free(g);
    return 0;
}

/* ---- snapshots ---- */

static int
cmd_snapshot(const char *what, const char *path, const char *out)
{
    zg_graph *g = NULL;
    zg_error err = {0};
    double t0 = now(), t_load = 0, t;
    unsigned length = 0;

    if (strcmp(what, "save") == 0 && out != NULL) {
        g = zg_load(path);
        t_load = now() - t0;
        t0 = now();
        if (zg_graph_save(g, out, &err) != ZG_OK)
            die_zg("zg_graph_save", &err);
        t = now() - t0;
        printf("nodes %zu edges %zu load %.6f seconds %.6f peak_kib %lu\n",
               zg_graph_node_count(g), zg_graph_edge_count(g), t_load, t,
               peak_kib());
    } else if (strcmp(what, "open") == 0 && out == NULL) {
        zg_resolution a, b;
        zg_path_opts opt;
        zg_path_info info;
        zg_result *r = NULL;
        char ka[256], kb[256];
        if (zg_graph_open_snapshot(path, 0, &g, &err) != ZG_OK)
            die_zg("zg_graph_open_snapshot", &err);
        if (zg_graph_node_count(g) < 2)
            die("%s: fewer than two nodes", path);
        /* the names a user would type: copies, as typed text is */
        snprintf(ka, sizeof ka, "%s", zg_graph_node(g, 0)->key);
        snprintf(kb, sizeof kb, "%s",
                 zg_graph_node(g, (zg_id)(zg_graph_node_count(g) / 2))->key);
        if (zg_graph_resolve(g, ka, &a, &err) != ZG_OK ||
            zg_graph_resolve(g, kb, &b, &err) != ZG_OK)
            die_zg("zg_graph_resolve", &err);
        memset(&opt, 0, sizeof opt);
        opt.filter.direction = ZG_DIR_BOTH;
        if (zg_query_path(g, a.node, b.node, &opt, &r, &info, &err) != ZG_OK)
            die_zg("zg_query_path", &err);
        t = now() - t0;
        length = info.length;
        zg_result_free(r);
        printf("nodes %zu edges %zu seconds %.6f peak_kib %lu length %u\n",
               zg_graph_node_count(g), zg_graph_edge_count(g), t, peak_kib(),
               length);
    } else {
        die("unknown snapshot command '%s'", what);
    }
    zg_graph_free(g);
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "features") == 0) {
#ifdef ZG_BENCH_IGRAPH
        puts("igraph yes");
#else
        puts("igraph no");
#endif
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "load") == 0)
        return cmd_load(argv[2], argv[3]);
    if (argc == 5 && strcmp(argv[1], "dot") == 0)
        return cmd_dot(argv[2], argv[3], argv[4]);
    if (argc >= 3 && strcmp(argv[1], "queries") == 0)
        return cmd_queries(argc, argv);
    if (argc >= 3 && strcmp(argv[1], "find") == 0)
        return cmd_find(argc, argv);
    if ((argc == 4 || argc == 5) && strcmp(argv[1], "snapshot") == 0)
        return cmd_snapshot(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
    fputs("usage: zg-bench load SIDE FILE | dot SIDE FILE OUT | "
          "queries FILE [-p PAIRS] [-m MIN_BATCH_SECONDS] [-s SEED] | "
          "find FILE [-s SEED] | snapshot save FILE OUT | "
          "snapshot open SNAP | features\n",
          stderr);
    return 2;
}
