/* SPDX-License-Identifier: MIT */
/*
 * `zonegraph relate A B` (also `explain`): everything that links A and B
 * (zg_query_relate()), said in sentences: a summary, the direct
 * relations, the shared neighbours and the shortest paths through other
 * nodes, as one document of four parts or one diagram.
 */
#include "cli.h"

#include <string.h>

static const char relate_usage[] =
    "Everything that links A and B, each relation said as one sentence in\n"
    "the --lang language with its basis (stated, implied, inferred), source,\n"
    "props (the relation's properties, name=value; name=value) and\n"
    "evidence:\n"
    "  - a summary: how many direct relations and shared neighbours, the\n"
    "    distance, how many shortest paths, the hubs avoided (those that\n"
    "    would give a path as short);\n"
    "  - direct relations, both ways;\n"
    "  - shared neighbours, grouped by type (the sectors two zones share);\n"
    "  - the shortest paths through other nodes (the direct relations are\n"
    "    not walked), as for 'zonegraph path --all'.\n"
    "'explain' is the same command.\n"
    "\n"
    "      --max-len K      no path longer than K hops\n"
    "      --max-paths N    list at most N shortest paths (default 10)\n"
    "      --max-visits N   stop the path search after N visits (default\n"
    "                       20000000, or four passes over a larger graph)\n"
    "      --max-rows N     at most N rows of shared neighbours and N rows\n"
    "                       of paths (default 50000; the first path is\n"
    "                       always listed)\n"
    "      --max-bytes N    the same for each part's size in memory (default\n"
    "                       16777216)\n"
    "  -r, --rel REL        count only relations of type REL; repeatable\n"
    "  -t, --type TYPE      shared neighbours and paths' inner nodes only of\n"
    "                       TYPE; repeatable\n"
    "  -w, --where COND     count only relations where COND holds, as in\n"
    "                       neighbours; repeatable\n"
    "      --through-hubs   allow paths through hubs\n"
    "      --hub-fan N      a node is a hub from a fan of N\n"
    "\n"
    "Table output: the summary as a card, then each non-empty part under a\n"
    "heading. TSV: the same parts, each with its header line, separated by\n"
    "blank lines. JSON: one object with the keys summary, direct, shared\n"
    "and paths. A diagram format draws A, B and everything that links them.\n"
    "A note on stderr says when a part lists less than there is, which\n"
    "budget stopped it and the option that raises it. A count of paths\n"
    "too large to know exactly is \"more than N\" in every format.\n"
    "\n"
    "Options: --data FILE, -f/--format FMT, --lang LANG, -o/--output FILE,\n"
    "--as-of DATE, -h/--help (see zonegraph --help).\n"
    "Exit status: 0 answered (also when nothing links them), 1 bad usage or\n"
    "data, 2 A or B not found or ambiguous.\n";

/* zonegraph relate A B: see relate_usage. */
int
cmd_relate(cli *c, int argc, char **argv)
{
    cli_opts ro;
    zg_relate_opts opt;
    zg_relate_answer ans;
    zg_error err;
    zg_id ends[2];
    char h_direct[64], h_shared[64], h_paths[128], count[64], why[160];
    int rc;

    memset(&ans, 0, sizeof ans);
    rc = cli_parse(c, &ro, argc, argv, relate_usage);
    if (rc >= 0)
        goto out;
    rc = cli_load_names(c, argv, ends, 2);
    if (rc >= 0)
        goto out;
    if (ends[0] == ends[1]) {
        rc = cli_usage_error(c, "'%s' and '%s' are the same entity",
                             argv[optind], argv[optind + 1]);
        goto out;
    }
    memset(&opt, 0, sizeof opt);
    opt.filter = c->filter;
    opt.lang = (zg_label_lang)c->lang;
    opt.max_len = (unsigned)ro.max_len;
    opt.max_paths = (size_t)ro.max_paths;
    opt.through_hubs = ro.through_hubs;
    opt.hub_fan = (unsigned)ro.hub_fan;
    opt.edge_column = cli_wants_edges(c);
    opt.budget = cli_budget(&ro);
    opt.where = ro.where;
    opt.n_where = ro.n_where;
    zg_error_clear(&err);
    if (zg_query_relate(c->g, ends[0], ends[1], &opt, &ans, &err) != ZG_OK) {
        rc = cli_query_failed(&err);
        goto out;
    }
    cli_rows_note(c, &ans.shared_truncation, zg_result_rows(ans.shared),
                  "rows of shared neighbours (one per pair of relations)");
    cli_count_text(ans.path_info.total, ans.path_info.total_more, count,
                   sizeof count);
    if (ans.path_info.truncated) {
        cli_limit_reason(ans.path_info.stopped_by, ans.path_info.limit, why,
                         sizeof why);
        cli_notef(c, "showing %zu of %s shortest paths through other nodes%s",
                  ans.path_info.paths, count, why);
    }
    if (cli_draws(c)) {
        const zg_result *parts[] = {ans.direct, ans.shared, ans.paths};
        rc = cli_draw_pair(c, parts, 3, ends);
    } else {
        const zg_value *plen = cli_cell(ans.summary, 0, "path_length");
        const zg_value *shared = cli_cell(ans.summary, 0, "shared");
        snprintf(h_direct, sizeof h_direct, "direct relations (%zu)",
                 zg_result_rows(ans.direct));
        snprintf(h_shared, sizeof h_shared, "shared neighbours (%lld)",
                 shared->i);
        if (plen->kind == ZG_VAL_INT)
            snprintf(h_paths, sizeof h_paths,
                     "shortest paths through other nodes (%zu of %s, "
                     "length %lld)",
                     ans.path_info.paths, count, plen->i);
        else
            snprintf(h_paths, sizeof h_paths, "shortest paths (none)");
        {
            const cli_part parts[] = {
                {"summary", NULL, ans.summary, 1, 0},
                {"direct", h_direct, ans.direct, 0, 1},
                {"shared", h_shared, ans.shared, 0, 1},
                {"paths", h_paths, ans.paths, 0, 1},
            };
            rc = cli_write_parts(c, parts, 4);
        }
    }
out:
    zg_relate_answer_free(&ans);
    cli_opts_free(&ro);
    return rc;
}
