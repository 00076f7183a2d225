/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the XML importer: import the input into a fresh
 * graph with the default limits; if it imports, write the graph as DOT
 * (through cgraph) to /dev/null. Crashes, sanitizer reports, leaks and
 * hangs are findings; import errors are not.
 *
 * Built by `make fuzz` (fuzz/local.mk) with clang
 * -fsanitize=fuzzer,address,undefined; run by fuzz/run.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

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
        fresh();
        return 0;
    }
    if (err.status == ZG_OK || err.msg[0] == '\0')
        abort(); /* a failure must say why */
    if (zg_graph_node_count(empty) || zg_graph_edge_count(empty) ||
        zg_graph_nodetype_count(empty) || zg_graph_reltype_count(empty) ||
        zg_graph_source_count(empty))
        abort(); /* a failed import left something behind */
    return 0;
}
