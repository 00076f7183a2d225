/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for running queries of the Cypher-style language: the
 * input is one query; when it compiles (zg_cypher_compile), it runs
 * (zg_cypher_run) over a small graph with loops, a chain and parallel
 * relations, under a small work budget and hop bound, and then again
 * streaming its rows (zg_cypher_each), stopping after the first.
 *
 * Findings: a crash, sanitizer report, leak or hang; a failure without a
 * message, or without a position when the query is at fault; a result
 * whose strings are not valid UTF-8, whose columns are not the query's,
 * or that differs in size from the streamed rows.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zg_graph.h"
#include "zg_import.h"
#include "zg_query.h"
#include "zg_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char graph_xml[] =
    "<zonegraph version=\"1\"><schema>"
    "<nodetype name=\"zone\"/><nodetype name=\"sector\"/>"
    "<relationtype name=\"focuses_on\" from=\"zone\" to=\"sector\"/>"
    "<relationtype name=\"links\" from=\"*\" to=\"*\"/></schema>"
    "<source id=\"s\" title=\"t\"/>"
    "<zone id=\"a\" name=\"甲\" en=\"A\" source=\"s\"/>"
    "<zone id=\"b\" name=\"乙\" en=\"B\" source=\"s\"/>"
    "<zone id=\"c\" name=\"丙\" source=\"s\"/>"
    "<sector id=\"m\" name=\"制造\" source=\"s\">"
    "<prop name=\"batch\" type=\"integer\" value=\"2\"/></sector>"
    "<sector id=\"f\" name=\"金融\" source=\"s\"/>"
    "<relation from=\"a\" type=\"focuses_on\" to=\"m\" source=\"s\">"
    "<evidence>甲。</evidence></relation>"
    "<relation from=\"b\" type=\"focuses_on\" to=\"m\" source=\"s\">"
    "<evidence>乙。</evidence></relation>"
    "<relation from=\"b\" type=\"focuses_on\" to=\"f\" source=\"s\">"
    "<evidence>乙金融。</evidence></relation>"
    "<relation from=\"a\" type=\"links\" to=\"a\" basis=\"inferred\"/>"
    "<relation from=\"a\" type=\"links\" to=\"b\" basis=\"inferred\"/>"
    "<relation from=\"b\" type=\"links\" to=\"c\" basis=\"inferred\"/>"
    "<relation from=\"c\" type=\"links\" to=\"a\" basis=\"inferred\"/>"
    "</zonegraph>";

static zg_graph *g;

/* 1 if every string in `v` is valid UTF-8. */
static int
valid_value(const zg_value *v)
{
    size_t i, n;

    switch (v->kind) {
    case ZG_VAL_STRING: return zg_utf8_valid(v->str, strlen(v->str));
    case ZG_VAL_LIST:
    case ZG_VAL_PATH:
    case ZG_VAL_MAP:
        n = v->kind == ZG_VAL_MAP ? 2 * v->n : v->n;
        for (i = 0; i < n; i++)
            if (!valid_value(&v->items[i]))
                return 0;
        return 1;
    default: return 1;
    }
}

static void
check_error(const zg_error *err, zg_status st)
{
    if (err->msg[0] == '\0' || err->status != st || strchr(err->msg, '\n'))
        abort();
    if ((st == ZG_ERR_PARSE) && (err->line == 0 || err->column == 0))
        abort();
}

static int
count_one(void *ctx, const zg_value *row, size_t ncols)
{
    size_t i;

    for (i = 0; i < ncols; i++)
        if (!valid_value(&row[i]))
            abort();
    ++*(size_t *)ctx;
    return 1; /* stop after the first row */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zg_cypher *q = NULL;
    zg_result *r = NULL;
    zg_cypher_opts o;
    zg_error err = {0};
    zg_status st;
    size_t i, j, streamed = 0;

    if (g == NULL && (zg_graph_new(&g, &err) != ZG_OK ||
                      zg_import_xml_memory(g, graph_xml, sizeof graph_xml - 1,
                                           "fuzz.xml", NULL, &err) != ZG_OK))
        abort();
    if ((st = zg_cypher_compile(&q, (const char *)data, size, &err)) != ZG_OK) {
        check_error(&err, st);
        return 0;
    }
    memset(&o, 0, sizeof o);
    o.max_work = 20000;
    o.max_hops = 4;
    zg_error_clear(&err);
    st = zg_cypher_run(q, g, &o, &r, &err);
    if (st != ZG_OK) {
        check_error(&err, st);
    } else {
        if (zg_result_cols(r) != zg_cypher_ncols(q))
            abort();
        for (i = 0; i < zg_result_rows(r); i++)
            for (j = 0; j < zg_result_cols(r); j++)
                if (!valid_value(zg_result_cell(r, i, j)))
                    abort();
        zg_error_clear(&err);
        st = zg_cypher_each(q, g, &o, count_one, &streamed, &err);
        if (st != ZG_OK || streamed != (zg_result_rows(r) ? 1u : 0u))
            abort();
    }
    zg_result_free(r);
    zg_cypher_free(q);
    return 0;
}
