/* SPDX-License-Identifier: MIT */
/*
 * `zonegraph rank TYPE`: the nodes of TYPE by how many relations they
 * have (zg_query_rank()).
 */
#include "cli.h"

#include <string.h>

static const char rank_usage[] =
    "The nodes of TYPE ranked by how many relations they have: rank (ties\n"
    "share a rank: 1, 1, 3), node, count. Most first, ties by id.\n"
    "\n"
    "      --by WHAT        degree (relations in and out, default), in\n"
    "                       (relations pointing at the node) or out\n"
    "  -r, --rel REL        count only relations of type REL; repeatable\n"
    "  -n, --top N          list the first N (default 10)\n"
    "      --evidence       add the columns sources and evidence (the\n"
    "                       node's)\n"
    "\n"
    "Example: which sector do most zones focus on?\n"
    "  zonegraph rank sector --by in --rel focuses_on\n"
    "A diagram format draws the ranked nodes and the relations counted.\n"
    "\n"
    "Options: --data FILE, -f/--format FMT, --lang LANG, -o/--output FILE,\n"
    "--as-of DATE, -h/--help (see zonegraph --help).\n"
    "Exit status: 0 answered, 1 bad usage, data, type or relation.\n";

/* zonegraph rank TYPE: see rank_usage. */
int
cmd_rank(cli *c, int argc, char **argv)
{
    cli_opts ro;
    zg_rank_opts opt;
    zg_result *r = NULL, *links = NULL;
    zg_error err;
    int rc;

    rc = cli_parse(c, &ro, argc, argv, rank_usage);
    if (rc >= 0)
        goto out;
    rc = cli_load_names(c, argv, NULL, 0);
    if (rc >= 0)
        goto out;
    memset(&opt, 0, sizeof opt);
    opt.filter = c->filter;
    opt.by = ro.by;
    opt.top = ro.top > 0 ? (size_t)ro.top : 10;
    opt.evidence = ro.evidence;
    zg_error_clear(&err);
    if (zg_query_rank(c->g, argv[optind], &opt, &r,
                      cli_draws(c) ? &links : NULL, &err) != ZG_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    if (cli_draws(c)) {
        const zg_result *parts[] = {r, links};
        rc = cli_draw_answer(c, parts, 2, NULL, 0, NULL);
    } else {
        rc = cli_write(c, r);
    }
out:
    zg_result_free(r);
    zg_result_free(links);
    cli_opts_free(&ro);
    return rc;
}
