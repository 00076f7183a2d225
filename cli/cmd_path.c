/* SPDX-License-Identifier: MIT */
/*
 * `zonegraph path A B`: the shortest connections from A to B, hop by hop
 * (zg_query_path()): one, every shortest one, or the k shortest simple
 * ones, each relation with its evidence; a diagram format draws them.
 */
#include "cli.h"

#include <string.h>

static const char path_usage[] =
    "The shortest connection from A to B, one row per hop: path, hop,\n"
    "from, relation, direction (out: from -relation-> to; in: to\n"
    "-relation-> from), to, basis, source, props (the relation's\n"
    "properties, name=value; name=value) and evidence. A relation connects\n"
    "its ends both ways unless --direction says otherwise.\n"
    "\n"
    "      --all            every shortest path (at most --max-paths)\n"
    "      --k N            the N shortest simple paths (1-100), shortest\n"
    "                       first (Yen's algorithm)\n"
    "      --max-len K      no path longer than K hops\n"
    "      --max-paths N    with --all, list at most N paths (default 100)\n"
    "      --max-visits N   stop the search after N visits (nodes and\n"
    "                       relations looked at; default 20000000, or four\n"
    "                       passes over a larger graph)\n"
    "      --max-rows N     list no more paths once they take N rows\n"
    "                       (default 50000; the first path is always listed)\n"
    "      --max-bytes N    the same for the answer's size in memory\n"
    "                       (default 16777216)\n"
    "  -r, --rel REL        walk only relations of type REL; repeatable\n"
    "  -t, --type TYPE      pass only through nodes of TYPE; repeatable\n"
    "                       (A and B may be of any type)\n"
    "      --direction DIR  out (follow relations from -> to), in, or both\n"
    "                       (default)\n"
    "  -w, --where COND     walk only relations where COND holds, as in\n"
    "                       neighbours (role=核心区, basis=stated);\n"
    "                       repeatable\n"
    "      --through-hubs   allow paths through hubs (see 'zonegraph hubs')\n"
    "      --hub-fan N      a node is a hub from a fan of N (default: from\n"
    "                       the data, at least 5)\n"
    "\n"
    "By default a path does not pass through a hub: a node that one\n"
    "relation links to many nodes which have relations of their own (the\n"
    "ministry that designates every zone). A and B may be hubs. When there\n"
    "is no path, the message names the hubs a path would need.\n"
    "A note on stderr says when fewer paths are listed than exist (or than\n"
    "--k asks for), which budget stopped the listing and the option that\n"
    "raises it; a count too large to know exactly is \"more than N\".\n"
    "A diagram format (-f dot, svg, png, pdf) draws the paths.\n"
    "\n"
    "Options: --data FILE, -f/--format FMT, --lang LANG, -o/--output FILE,\n"
    "--as-of DATE, -h/--help (see zonegraph --help).\n"
    "Exit status: 0 a path found, 1 bad usage or data, 2 A or B not found\n"
    "or ambiguous, or no path.\n";

/* The labels of the hubs in `info`, joined by ", ", into `buf`. */
static void
hub_names(const cli *c, const zg_path_info *info, char *buf, size_t size)
{
    size_t n = info->n_hubs < 8 ? info->n_hubs : 8, len;

    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
                 cli_name_of(c, info->hubs[i]));
    }
    if (info->n_hubs > n) {
        len = strlen(buf);
        snprintf(buf + len, size - len, " and %zu more", info->n_hubs - n);
    }
}

/* Write the paths of `r`: JSON as one object a path (its nodes and
 * relationships, each relationship with its provenance), table and TSV as
 * one line a hop, so that each relation's basis, source and evidence can
 * be read beside it. Returns an exit code. */
static int
write_paths(cli *c, const zg_result *r)
{
    zg_result *hops = NULL;
    zg_error err;
    int rc;

    if (cli_format_is(c, "json"))
        return cli_write(c, r);
    zg_error_clear(&err);
    if (zg_query_path_hops(r, 0, &hops, &err) != ZG_OK)
        return cli_fail(&err);
    rc = cli_write(c, hops);
    zg_result_free(hops);
    return rc;
}

/* zonegraph path A B: see path_usage. */
int
cmd_path(cli *c, int argc, char **argv)
{
    cli_opts ro;
    zg_path_opts popt;
    zg_path_info info;
    zg_result *r = NULL;
    zg_error err;
    zg_id ends[2];
    char within[64];
    int rc;

    rc = cli_parse(c, &ro, argc, argv, path_usage);
    if (rc >= 0)
        goto out;
    if (ro.all && ro.k > 1) {
        rc = cli_usage_error(c, "--all and --k do not go together");
        goto out;
    }
    if (ro.max_paths > 0 && !ro.all) {
        rc = cli_usage_error(c, "--max-paths needs --all");
        goto out;
    }
    rc = cli_load_names(c, argv, ends, 2);
    if (rc >= 0)
        goto out;
    memset(&popt, 0, sizeof popt);
    popt.filter = c->filter;
    popt.max_len = (unsigned)ro.max_len;
    popt.all = ro.all;
    popt.k = (unsigned)ro.k;
    popt.max_paths = (size_t)ro.max_paths;
    popt.through_hubs = ro.through_hubs;
    popt.hub_fan = (unsigned)ro.hub_fan;
    popt.budget = cli_budget(&ro);
    popt.where = ro.where;
    popt.n_where = ro.n_where;
    zg_error_clear(&err);
    if (zg_query_path(c->g, ends[0], ends[1], &popt, &r, &info, &err) !=
        ZG_OK) {
        rc = cli_query_failed(&err);
        goto out;
    }
    if (info.paths == 0) {
        char hubs[1024];
        hub_names(c, &info, hubs, sizeof hubs);
        if (ro.max_len > 0)
            snprintf(within, sizeof within, " within %ld hops", ro.max_len);
        else
            within[0] = '\0';
        cli_errorf(c, "no path from %s to %s%s%s%s%s%s",
                   cli_name_of(c, ends[0]), cli_name_of(c, ends[1]), within,
                   c->as_of ? " as of " : "", c->as_of ? c->as_of : "",
                   *hubs ? "; avoided hubs: " : "", hubs);
        if (*hubs)
            fputs("zonegraph: (--through-hubs lets paths pass through "
                  "them)\n",
                  stderr);
        if (!cli_draws(c) && !cli_format_is(c, "table"))
            write_paths(c, r);
        rc = EXIT_NOTFOUND;
        goto out;
    }
    if (info.truncated) {
        char count[64], why[160];
        cli_count_text(info.total, info.total_more, count, sizeof count);
        cli_limit_reason(info.stopped_by, info.limit, why, sizeof why);
        if (ro.all)
            cli_notef(c, "%s shortest paths; showing the first %zu%s", count,
                      info.paths, why);
        else
            cli_notef(c, "showing %zu of the %ld shortest paths asked for%s",
                      info.paths, ro.k, why);
    }
    if (cli_draws(c)) {
        rc = cli_draw_pair(c, (const zg_result *const *)&r, 1, ends);
    } else {
        rc = write_paths(c, r);
    }
out:
    zg_result_free(r);
    cli_opts_free(&ro);
    return rc;
}
