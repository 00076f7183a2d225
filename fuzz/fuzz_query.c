/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for what users type into queries, on the shipped
 * dataset: names (plain, type-qualified, traditional, misspelt), type and
 * relation names, where-conditions, dates and numbers. zonegraph has no
 * query language yet (the openCypher subset is to come, and gets its own
 * target then); these are the parsers and lookups every command runs on
 * its arguments, followed by the queries they feed.
 *
 * The input is read as lines:
 *   0  --as-of date ("" for none)            zg_view_new / zg_period_parse
 *   1  node type for list and rank            zg_query_list_at / _rank
 *   2  a where condition, e.g. batch>=2       zg_where_parse
 *   3  name a, 4 name b                       zg_graph_resolve, find
 *   5  relation type filter ("" for none)
 *   6  options: byte 0 direction, 1 depth, 2 k, 3 max_len, 4 language
 * Every answer is written as a table, TSV, JSON and DOT to /dev/null.
 * A crash, sanitizer report, leak or hang is a finding; a failure must
 * carry a message, and a result may not exist after a failure.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zg_export.h"
#include "zg_graph.h"
#include "zg_import.h"
#include "zg_query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifndef ZG_SRCDIR
#define ZG_SRCDIR "."
#endif

static zg_graph *g;
static FILE *devnull;

static void
setup(void)
{
    const char *path = getenv("ZG_FUZZ_DATA");
    zg_error err = {0};

    if (path == NULL)
        path = ZG_SRCDIR "/data/ai-pilot-zones.xml";
    if ((devnull = fopen("/dev/null", "w")) == NULL ||
        zg_graph_new(&g, &err) != ZG_OK ||
        zg_import_xml_file(g, path, NULL, &err) != ZG_OK) {
        fprintf(stderr, "fuzz_query: cannot load %s: %s\n", path, err.msg);
        abort(); /* the environment, not the input */
    }
}

/* A status and the error it filled must agree. */
static void
checked(zg_status st, const zg_error *err)
{
    if (st != ZG_OK && err->msg[0] == '\0')
        abort();
}

/* Write `r` in every format, then free it. */
static void
show(zg_result *r, zg_lang lang)
{
    zg_error err = {0};
    unsigned char *nm, *em;
    zg_dot_options opt = {0};

    if (r == NULL)
        return;
    checked(zg_export_table(r, lang, devnull, &err), &err);
    checked(zg_export_tsv(r, lang, devnull, &err), &err);
    checked(zg_export_json(r, devnull, &err), &err);
    nm = calloc(zg_graph_node_count(g) + 1, 1);
    em = calloc(zg_graph_edge_count(g) + 1, 1);
    if (nm && em) {
        zg_export_result_masks(r, nm, em);
        opt.lang = lang;
        opt.node_mask = nm;
        opt.edge_mask = em;
        checked(zg_export_dot(g, &opt, devnull, &err), &err);
    }
    free(nm);
    free(em);
    zg_result_free(r);
}

/* Split a copy of the input into at most `max` NUL-terminated lines. */
static size_t
lines(char *buf, char **line, size_t max)
{
    size_t n = 0;
    char *p = buf;

    while (n < max) {
        char *nl = strchr(p, '\n');
        line[n++] = p;
        if (nl == NULL)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf, *line[7] = {0};
    const char *empty = "";
    const char *as_of, *type, *cond, *na, *nb, *rel, *o;
    zg_error err = {0};
    zg_view *view = NULL;
    zg_filter filter = {0}, walk_filter;
    zg_result *r = NULL, *links = NULL;
    zg_where where;
    zg_resolution a, b;
    int have_a, have_b, have_where;
    zg_lang lang;
    zg_label_lang llang;
    zg_status st;

    if (g == NULL)
        setup();
    if (size > 4096 || memchr(data, '\0', size))
        return 0; /* arguments are C strings, and short */
    if ((buf = malloc(size + 1)) == NULL)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    lines(buf, line, 7);
    as_of = line[0] ? line[0] : empty;
    type = line[1] ? line[1] : empty;
    cond = line[2] ? line[2] : empty;
    na = line[3] ? line[3] : empty;
    nb = line[4] ? line[4] : empty;
    rel = line[5] && line[5][0] ? line[5] : NULL;
    o = line[6] ? line[6] : empty;
    lang =
        (zg_lang)(o[0] && o[1] && o[2] && o[3] && o[4] ? (unsigned char)o[4] % 3
                                                       : 0);
    llang = (zg_label_lang)lang;

    st = zg_view_new(&view, g, as_of, &err);
    checked(st, &err);
    if (st != ZG_OK)
        view = NULL;

    zg_error_clear(&err);
    have_where = zg_where_parse(&where, cond, &err) == ZG_OK;
    if (!have_where)
        checked(ZG_ERR_PARSE, &err);

    zg_error_clear(&err);
    r = NULL;
    st = zg_query_list(g, &(zg_filter){.view = view}, type,
                       have_where ? &where : NULL, have_where ? 1 : 0, NULL, 0,
                       &r, &err);
    checked(st, &err);
    show(st == ZG_OK ? r : NULL, lang);

    zg_error_clear(&err);
    r = NULL;
    st = zg_query_find(g, &(zg_filter){.view = view}, na, 5, &r, &err);
    checked(st, &err);
    show(st == ZG_OK ? r : NULL, lang);

    zg_error_clear(&err);
    st = zg_graph_resolve(g, na, &a, &err);
    checked(st, &err);
    have_a = st == ZG_OK;
    zg_error_clear(&err);
    st = zg_graph_resolve(g, nb, &b, &err);
    checked(st, &err);
    have_b = st == ZG_OK;

    /* What every query sees: the view and the relation type; the walks
     * also take a direction. */
    filter.view = view;
    filter.rels = rel ? &rel : NULL;
    filter.n_rels = rel ? 1 : 0;
    walk_filter = filter;
    walk_filter.direction =
        o[0] ? (zg_direction)((unsigned char)o[0] % 3) : ZG_DIR_BOTH;
    if (have_a) {
        zg_neighbour_opts no = {0};
        zg_similar_opts so = {0};
        no.filter = walk_filter;
        no.depth = o[0] && o[1] ? (unsigned char)o[1] % 4 : 1;
        no.edge_column = 1;
        zg_error_clear(&err);
        r = NULL;
        st = zg_query_neighbours(g, a.node, &no, &r, &err);
        checked(st, &err);
        show(st == ZG_OK ? r : NULL, lang);
        so.filter = filter;
        so.lang = llang;
        zg_error_clear(&err);
        r = links = NULL;
        st = zg_query_similar(g, a.node, &so, &r, &links, &err);
        checked(st, &err);
        show(st == ZG_OK ? r : NULL, lang);
        show(st == ZG_OK ? links : NULL, lang);
    }
    if (have_a && have_b) {
        zg_path_opts po = {0};
        zg_relate_opts ro = {0};
        zg_relate_answer ans;
        zg_path_info info;
        po.filter = walk_filter;
        po.k = o[0] && o[1] && o[2] ? (unsigned char)o[2] % 5 : 0;
        po.all = po.k == 4;
        if (po.all)
            po.k = 0;
        po.max_len = o[0] && o[1] && o[2] && o[3] ? (unsigned char)o[3] % 8 : 0;
        zg_error_clear(&err);
        r = NULL;
        st = zg_query_path(g, a.node, b.node, &po, &r, &info, &err);
        checked(st, &err);
        if (st == ZG_OK) {
            zg_result *hops = NULL;
            zg_error_clear(&err);
            st = zg_query_path_hops(r, 1, &hops, &err);
            checked(st, &err);
            show(st == ZG_OK ? hops : NULL, lang);
            st = ZG_OK;
        }
        show(st == ZG_OK ? r : NULL, lang);
        ro.filter = filter;
        ro.lang = llang;
        ro.max_len = po.max_len;
        ro.edge_column = 1;
        zg_error_clear(&err);
        memset(&ans, 0, sizeof ans);
        st = zg_query_relate(g, a.node, b.node, &ro, &ans, &err);
        checked(st, &err);
        if (st == ZG_OK) {
            show(ans.summary, lang);
            show(ans.direct, lang);
            show(ans.shared, lang);
            show(ans.paths, lang);
        }
    }
    if (type[0]) {
        zg_rank_opts rk = {0};
        rk.filter = filter;
        rk.top = 5;
        zg_error_clear(&err);
        r = links = NULL;
        st = zg_query_rank(g, type, &rk, &r, &links, &err);
        checked(st, &err);
        show(st == ZG_OK ? r : NULL, lang);
        show(st == ZG_OK ? links : NULL, lang);
    }
    zg_view_free(view);
    free(buf);
    return 0;
}
