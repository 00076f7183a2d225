/* SPDX-License-Identifier: MIT */
/*
 * `zonegraph similar NAME`: the nodes of NAME's type most like it, by
 * the Jaccard similarity of their neighbour sets (zg_query_similar()).
 */
#include "cli.h"

#include <string.h>

static const char similar_usage[] =
    "The nodes of NAME's type most like it: the Jaccard similarity of their\n"
    "neighbour sets, |shared| / |union|, a neighbour being any node linked\n"
    "by a relation in either direction. Columns: node, score (rounded to 3\n"
    "decimals), shared and union (the exact fraction), items (the shared\n"
    "neighbours). Highest score first, then most shared, then id; only\n"
    "nodes sharing at least one neighbour.\n"
    "\n"
    "      --by REL         compare neighbours through relations of type REL\n"
    "                       only; repeatable (default: every relation)\n"
    "  -n, --top N          list the N most similar (default 10)\n"
    "      --broader        a neighbour also brings the nodes it is\n"
    "                       narrower than (relation type broader,\n"
    "                       transitively) into the set; an item either node\n"
    "                       reaches only that way is marked (broader). An\n"
    "                       error when the data has no relation type\n"
    "                       broader.\n"
    "\n"
    "A diagram format draws NAME, the similar nodes, the shared neighbours\n"
    "and the relations to them.\n"
    "\n"
    "Options: --data FILE, -f/--format FMT, --lang LANG, -o/--output FILE,\n"
    "--as-of DATE, -h/--help (see zonegraph --help).\n"
    "Exit status: 0 answered, 1 bad usage or data, 2 NAME not found or\n"
    "ambiguous.\n";

/* zonegraph similar NAME: see similar_usage. */
int
cmd_similar(cli *c, int argc, char **argv)
{
    cli_opts ro;
    zg_similar_opts opt;
    zg_result *r = NULL, *links = NULL;
    zg_error err;
    zg_id node;
    int rc;

    rc = cli_parse(c, &ro, argc, argv, similar_usage);
    if (rc >= 0)
        goto out;
    rc = cli_load_names(c, argv, &node, 1);
    if (rc >= 0)
        goto out;
    memset(&opt, 0, sizeof opt);
    opt.filter = c->filter;
    opt.top = ro.top > 0 ? (size_t)ro.top : 10;
    opt.lang = (zg_label_lang)c->lang;
    opt.broader = ro.broader;
    zg_error_clear(&err);
    if (zg_query_similar(c->g, node, &opt, &r, cli_draws(c) ? &links : NULL,
                         &err) != ZG_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    if (cli_draws(c)) {
        const zg_result *parts[] = {r, links};
        rc = cli_draw_answer(c, parts, 2, &node, 1, cli_name_of(c, node));
    } else {
        rc = cli_write(c, r);
    }
out:
    zg_result_free(r);
    zg_result_free(links);
    cli_opts_free(&ro);
    return rc;
}
