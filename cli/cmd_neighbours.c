/* SPDX-License-Identifier: MIT */
/*
 * `zonegraph neighbours NAME`: the nodes linked to NAME, optionally only
 * through some relation types, only into some node types, in one
 * direction, and up to K hops away (zg_query_neighbours()).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "List the nodes linked to NAME, in both directions unless told.\n"
    "\n"
    "  -r, --rel REL        follow only relations of type REL (a name such\n"
    "                       as focuses_on, or its label); repeatable\n"
    "  -t, --type TYPE      enter only nodes of type TYPE; repeatable\n"
    "  -d, --depth K        walk up to K hops (default 1)\n"
    "      --direction DIR  out (NAME -> node), in (node -> NAME) or both\n"
    "                       (default)\n"
    "  -w, --where COND     follow only relations where COND holds;\n"
    "                       repeatable (all must hold). COND is NAME OP\n"
    "                       VALUE as in list: NAME is a relation property\n"
    "                       (role, position, ...) or the field basis or\n"
    "                       source, e.g. role=核心区, basis!=inferred\n"
    "      --evidence       add the columns source and evidence (the\n"
    "                       relation's source and sentence)\n"
    "      --broader        a node reached by a relation also reaches the\n"
    "                       nodes it is narrower than (relation type\n"
    "                       broader, followed transitively): one more row\n"
    "                       each, through the first node that reaches it,\n"
    "                       named in the column through; the walk does not\n"
    "                       go on from them. An error when the data has no\n"
    "                       relation type broader.\n"
    "\n"
    "The filters apply to the walk: with --depth 2 --type strategy, the\n"
    "second hop starts only from strategy nodes. One row per relation that\n"
    "links a node to the hop before it: distance, node, type, relation,\n"
    "direction (out: via -> node, in: node -> via), via and props (the\n"
    "relation's properties as name=value; name=value, empty when none).\n"
    "JSON rows add the edge with its source, evidence and props. An\n"
    "unknown property NAME in --where is an error. Rows come by distance,\n"
    "then in the order of the data. No neighbour is an empty answer\n"
    "(exit 0).\n"
    "'neighbors' is the same command.\n"
    "\n"
    "Options: --data FILE, -f/--format FMT, --lang LANG, -o/--output FILE,\n"
    "--as-of DATE (walk the graph as it stood then), -h/--help (see\n"
    "zonegraph --help). A diagram format draws the answer.\n"
    "Exit status: 0 answered, 1 bad usage, data, relation or type, 2 NAME\n"
    "not found or ambiguous.\n";

/* zonegraph neighbours NAME: see usage. */
int
cmd_neighbours(cli *c, int argc, char **argv)
{
    cli_opts o;
    zg_neighbour_opts nopt;
    zg_result *r = NULL;
    zg_error err;
    zg_id node;
    int rc;

    rc = cli_parse(c, &o, argc, argv, usage);
    if (rc >= 0)
        goto out;
    memset(&nopt, 0, sizeof nopt);
    nopt.where = o.where;
    nopt.n_where = o.n_where;
    nopt.depth = (unsigned)o.depth;
    nopt.evidence = o.evidence;
    nopt.broader = o.broader;
    rc = cli_load_names(c, argv, &node, 1);
    if (rc >= 0)
        goto out;
    nopt.edge_column = cli_wants_edges(c);
    nopt.filter = c->filter;
    zg_error_clear(&err);
    if (zg_query_neighbours(c->g, node, &nopt, &r, &err) != ZG_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    if (cli_draws(c))
        rc = cli_draw_answer(c, (const zg_result *const *)&r, 1, &node, 1,
                             zg_graph_node(c->g, node)->name);
    else
        rc = cli_write(c, r);
out:
    zg_result_free(r);
    cli_opts_free(&o);
    return rc;
}
