/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the importers: import the input into a fresh graph
 * with the default limits. If it imports:
 *
 *  - write the graph as DOT (through cgraph) to /dev/null;
 *  - round trip: write it as zonegraph XML (X1), import X1 and write it
 *    again, which must give X1 byte for byte; write it as GraphML, import
 *    that and write it as zonegraph XML, which must give X1 too. A graph
 *    that imported must always export (no ZG_ERR_EXPORT).
 *
 * Crashes, sanitizer reports, leaks, hangs and a broken round trip are
 * findings; import errors are not. The same code is built as two targets
 * that differ in their seed corpus and dictionary (fuzz/run): fuzz_import
 * starts from zonegraph XML, fuzz_graphml from GraphML.
 *
 * Built by `make fuzz` (fuzz/local.mk) with clang
 * -fsanitize=fuzzer,address,undefined; run by fuzz/run.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zg_export.h"
#include "zg_graph.h"
#include "zg_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An empty graph. Kept between runs while imports fail, since a failed
 * import must leave the graph exactly as it was (checked below); made anew
 * after an import that succeeds. Creating one costs about as much as an
 * import (it loads OpenCC's tables). */
static zg_graph *empty;

static void
fresh(void)
{
    zg_error err = {0};

    zg_graph_free(empty);
    empty = NULL;
    if (zg_graph_new(&empty, &err) != ZG_OK)
        abort(); /* the environment, not the input: stop the run */
}

/* `g` written by `write` into a new buffer (*len bytes); NULL when out of
 * memory. Any other failure is a finding. */
static char *
written(const zg_graph *g,
        zg_status (*write)(const zg_graph *, const unsigned char *,
                           const unsigned char *, FILE *, zg_error *),
        size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    zg_error err = {0};
    zg_status st;

    if (f == NULL)
        return NULL;
    st = write(g, NULL, NULL, f, &err);
    if (fclose(f) != 0 || st == ZG_ERR_NOMEM) {
        free(buf);
        return NULL;
    }
    if (st != ZG_OK) {
        fprintf(stderr, "export failed: %s\n", err.msg);
        abort(); /* an imported graph must always export */
    }
    return buf;
}

/* Import `text` into a new graph and write that as zonegraph XML; NULL
 * when out of memory. Failing to import our own output is a finding. */
static char *
again(const char *text, size_t len, size_t *out_len)
{
    zg_graph *g = NULL;
    zg_error err = {0};
    zg_status st;
    char *x;

    if (zg_graph_new(&g, &err) != ZG_OK)
        abort();
    st = zg_import_xml_memory(g, text, len, "again", NULL, &err);
    if (st != ZG_OK && st != ZG_ERR_NOMEM) {
        fprintf(stderr, "own output does not import: %s:%u:%u: %s\n", err.file,
                err.line, err.column, err.msg);
        abort();
    }
    x = st == ZG_OK ? written(g, zg_export_xml, out_len) : NULL;
    zg_graph_free(g);
    return x;
}

static void
round_trip(const zg_graph *g)
{
    size_t n1, n2, nm, n3;
    char *x1 = written(g, zg_export_xml, &n1), *x2 = NULL, *m = NULL,
         *x3 = NULL;

    if (x1 && (x2 = again(x1, n1, &n2)) != NULL &&
        (n1 != n2 || memcmp(x1, x2, n1) != 0)) {
        fprintf(stderr, "XML round trip differs:\n%s\n----\n%s\n", x1, x2);
        abort();
    }
    if (x1 && (m = written(g, zg_export_graphml, &nm)) != NULL &&
        (x3 = again(m, nm, &n3)) != NULL &&
        (n1 != n3 || memcmp(x1, x3, n1) != 0)) {
        fprintf(stderr, "GraphML round trip differs:\n%s\n----\n%s\n", x1, x3);
        abort();
    }
    free(x1);
    free(x2);
    free(m);
    free(x3);
}

/* Abort if the graph holds anything. */
static void
left_behind(void)
{
    if (zg_graph_node_count(empty) || zg_graph_edge_count(empty) ||
        zg_graph_nodetype_count(empty) || zg_graph_reltype_count(empty) ||
        zg_graph_source_count(empty))
        abort(); /* a failed import left something behind */
}

/* The input through a checking import into `empty`, keeping few
 * diagnostics; aborts when its list and status disagree. */
static zg_status
check_import(const uint8_t *data, size_t size)
{
    zg_error err = {0};
    zg_diags d;
    zg_status st;

    zg_diags_init(&d, 4);
    st = zg_import_xml_memory_check(empty, (const char *)data, size, "fuzz.xml",
                                    NULL, &d, &err);
    if ((st == ZG_OK) != (d.errors == 0) || d.count > 8 ||
        (st != ZG_OK && (err.status == ZG_OK || d.count == 0 ||
                         d.items[0].severity != ZG_SEVERITY_ERROR)))
        abort();
    zg_diags_free(&d);
    return st;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *devnull;
    zg_error err = {0};
    zg_dot_options opt = {0};

    if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
        abort();
    if (empty == NULL)
        fresh();
    if (zg_import_xml_memory(empty, (const char *)data, size, "fuzz.xml", NULL,
                             &err) == ZG_OK) {
        opt.lang = ZG_LANG_BOTH;
        zg_error_clear(&err);
        if (zg_export_dot(empty, &opt, devnull, &err) != ZG_OK &&
            err.status != ZG_ERR_NOMEM)
            abort(); /* an imported graph must always export */
        round_trip(empty);
        fresh();
        /* a checking import accepts what the plain one accepts */
        if (check_import(data, size) != ZG_OK)
            abort();
        fresh();
        return 0;
    }
    if (err.status == ZG_OK || err.msg[0] == '\0')
        abort(); /* a failure must say why */
    left_behind();
    /* a checking import refuses it too, with at least one error, and
     * leaves nothing behind either */
    if (check_import(data, size) == ZG_OK)
        abort();
    left_behind();
    return 0;
}
