/* SPDX-License-Identifier: MIT */
/*
 * `zonegraph hubs`: the nodes that paths avoid unless told
 * (zg_query_hubs()), with the fan that makes each one a hub.
 */
#include "cli.h"

#include <string.h>

static const char hubs_usage[] =
    "The nodes that path and relate do not pass through unless told\n"
    "(--through-hubs). The fan of a node for one relation type and\n"
    "direction is the number of distinct nodes that relation links it to,\n"
    "counting only nodes with at least two relations (leaves do not count).\n"
    "A node is a hub when one of its fans reaches H = max(5, ceil(mean + 2\n"
    "sd)) over all non-zero fans of the graph (as of --as-of, if given).\n"
    "Columns: node, type, relation and direction of its largest fan, fan,\n"
    "degree.\n"
    "\n"
    "      --hub-fan N      use H = N instead\n"
    "\n"
    "Options: --data FILE, -f/--format FMT, --lang LANG, -o/--output FILE,\n"
    "--as-of DATE, -h/--help (see zonegraph --help). A diagram format\n"
    "draws the hubs and the relations among them.\n";

/* zonegraph hubs: see hubs_usage. */
int
cmd_hubs(cli *c, int argc, char **argv)
{
    cli_opts ro;
    zg_result *r = NULL;
    zg_error err;
    unsigned threshold = 0;
    char heading[96];
    int rc;

    rc = cli_parse(c, &ro, argc, argv, hubs_usage);
    if (rc >= 0)
        goto out;
    rc = cli_load_names(c, argv, NULL, 0);
    if (rc >= 0)
        goto out;
    zg_error_clear(&err);
    if (zg_query_hubs(c->g, &c->filter, (unsigned)ro.hub_fan, &threshold, &r,
                      &err) != ZG_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    if (cli_draws(c)) {
        rc = cli_draw(c, r, NULL);
    } else if (cli_format_is(c, "table")) {
        cli_part part = {"hubs", heading, r, 0, 0};
        snprintf(heading, sizeof heading, "hubs (a fan of %u or more)",
                 threshold);
        rc = cli_write_parts(c, &part, 1);
    } else {
        rc = cli_write(c, r);
    }
out:
    zg_result_free(r);
    cli_opts_free(&ro);
    return rc;
}
