/* SPDX-License-Identifier: MIT */
/*
 * `zonegraph common A B`: the neighbours A and B share
 * (zg_query_common()), one row per pair of relations to each.
 */
#include "cli.h"

#include <string.h>

static const char common_usage[] =
    "The neighbours A and B share: nodes linked to both, in either\n"
    "direction. One row per shared neighbour (per pair of relations when\n"
    "several link it), grouped by node type: type, node, relation_a,\n"
    "direction_a (out: A -> node), relation_b, direction_b, props_a and\n"
    "props_b (each relation's properties, name=value; name=value), and a\n"
    "sentence saying it (\"A和B都聚焦智能制造。\").\n"
    "\n"
    "  -t, --type TYPE      only shared neighbours of TYPE; repeatable\n"
    "  -r, --rel REL        only through relations of type REL; repeatable\n"
    "  -w, --where COND     only through relations where COND holds, as in\n"
    "                       neighbours; repeatable\n"
    "      --evidence       add source_a, evidence_a, source_b, evidence_b\n"
    "      --broader        a node linked to A or B also links it to the\n"
    "                       nodes it is narrower than (relation type\n"
    "                       broader, transitively), so zones focusing on\n"
    "                       智慧金融 and on 金融 share 金融; the columns\n"
    "                       through_a and through_b name the narrower node\n"
    "                       (empty when linked directly) and the sentence\n"
    "                       says each step. An error when the data has no\n"
    "                       relation type broader.\n"
    "      --max-rows N     at most N rows (default 50000)\n"
    "      --max-bytes N    at most N bytes of answer in memory (default\n"
    "                       16777216)\n"
    "\n"
    "Nothing shared is an empty answer (exit 0). Parallel relations\n"
    "multiply rows (p relations from A and q from B to one node make p x q\n"
    "rows); when a budget cuts the answer short, a note on stderr says so.\n"
    "A diagram format draws A, B, the shared neighbours and the relations\n"
    "to them.\n"
    "\n"
    "Options: --data FILE, -f/--format FMT, --lang LANG, -o/--output FILE,\n"
    "--as-of DATE, -h/--help (see zonegraph --help).\n"
    "Exit status: 0 answered, 1 bad usage or data, 2 A or B not found or\n"
    "ambiguous.\n";

/* zonegraph common A B: see common_usage. */
int
cmd_common(cli *c, int argc, char **argv)
{
    cli_opts ro;
    zg_common_opts opt;
    zg_truncation cut;
    zg_result *r = NULL;
    zg_error err;
    zg_id ends[2];
    int rc;

    rc = cli_parse(c, &ro, argc, argv, common_usage);
    if (rc >= 0)
        goto out;
    rc = cli_load_names(c, argv, ends, 2);
    if (rc >= 0)
        goto out;
    memset(&opt, 0, sizeof opt);
    opt.filter = c->filter;
    opt.lang = (zg_label_lang)c->lang;
    opt.edge_column = cli_wants_edges(c);
    opt.budget = cli_budget(&ro);
    opt.truncation = &cut;
    opt.where = ro.where;
    opt.n_where = ro.n_where;
    opt.evidence = ro.evidence;
    opt.broader = ro.broader;
    zg_error_clear(&err);
    if (zg_query_common(c->g, ends[0], ends[1], &opt, &r, &err) != ZG_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    cli_rows_note(c, &cut, zg_result_rows(r),
                  "rows (one per pair of relations to a shared neighbour)");
    if (cli_draws(c)) {
        rc = cli_draw_pair(c, (const zg_result *const *)&r, 1, ends);
    } else {
        rc = cli_write(c, r);
    }
out:
    zg_result_free(r);
    cli_opts_free(&ro);
    return rc;
}
