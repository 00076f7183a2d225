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
    "Usage: zonegraph neighbours [OPTIONS] NAME\n"
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

enum { OPT_DIRECTION = OPT_FIRST_LOCAL, OPT_EVIDENCE, OPT_BROADER };

/* zonegraph neighbours NAME: see usage. */
int
cmd_neighbours(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_GLOBAL_LONGOPTS,
        {"rel", required_argument, NULL, 'r'},
        {"type", required_argument, NULL, 't'},
        {"depth", required_argument, NULL, 'd'},
        {"direction", required_argument, NULL, OPT_DIRECTION},
        {"where", required_argument, NULL, 'w'},
        {"evidence", no_argument, NULL, OPT_EVIDENCE},
        {"broader", no_argument, NULL, OPT_BROADER},
        {NULL, 0, NULL, 0}};
    const char **rels = NULL, **types = NULL;
    zg_where *where = NULL;
    zg_neighbour_opts nopt;
    zg_result *r = NULL;
    zg_error err;
    zg_id node;
    long depth;
    int opt, rc = EXIT_OK;

    memset(&nopt, 0, sizeof nopt);
    rels = calloc((size_t)argc, sizeof *rels);
    types = calloc((size_t)argc, sizeof *types);
    where = calloc((size_t)argc, sizeof *where);
    if (rels == NULL || types == NULL || where == NULL) {
        cli_errorf(c, "out of memory");
        rc = EXIT_ERROR;
        goto out;
    }
    while ((opt = getopt_long(argc, argv, ":r:t:d:w:" CLI_GLOBAL_SHORTOPTS,
                              opts, NULL)) != -1) {
        switch (opt) {
        case 'w':
            zg_error_clear(&err);
            if (zg_where_parse(&where[nopt.n_where++], optarg, &err) != ZG_OK) {
                rc = cli_usage_error(c, "%s", err.msg);
                goto out;
            }
            break;
        case OPT_EVIDENCE: nopt.evidence = 1; break;
        case OPT_BROADER: nopt.broader = 1; break;
        case 'r': rels[nopt.n_rels++] = optarg; break;
        case 't': types[nopt.n_types++] = optarg; break;
        case 'd':
            depth = cli_positive(c, "--depth", optarg, 1000000);
            if (depth < 0) {
                rc = EXIT_ERROR;
                goto out;
            }
            nopt.depth = (unsigned)depth;
            break;
        case OPT_DIRECTION:
            if ((rc = cli_once(c, "--direction")) >= 0)
                goto out;
            if (strcmp(optarg, "both") == 0)
                nopt.direction = ZG_DIR_BOTH;
            else if (strcmp(optarg, "out") == 0)
                nopt.direction = ZG_DIR_OUT;
            else if (strcmp(optarg, "in") == 0)
                nopt.direction = ZG_DIR_IN;
            else {
                rc = cli_usage_error(c,
                                     "--direction is out, in or both, "
                                     "not '%s'",
                                     optarg);
                goto out;
            }
            break;
        default:
            rc = cli_global_option(c, opt, optarg, argv);
            if (rc >= 0)
                goto out;
            rc = EXIT_OK;
        }
    }
    rc = cli_help_or_version(c, usage);
    if (rc >= 0)
        goto out;
    rc = EXIT_OK;
    if (argc - optind != 1) {
        rc = cli_usage_error(c, argc == optind ? "missing NAME"
                                               : "one NAME only (quote a "
                                                 "name with spaces)");
        goto out;
    }
    nopt.rels = rels;
    nopt.types = types;
    nopt.where = where;
    rc = cli_prepare_output(c, FMT_TEXT | FMT_DIAGRAM);
    if (rc == EXIT_OK)
        rc = cli_load(c);
    if (rc == EXIT_OK)
        rc = cli_resolve(c, argv[optind], &node);
    if (rc != EXIT_OK)
        goto out;
    nopt.edge_column = c->format != FMT_TABLE && c->format != FMT_TSV;
    nopt.view = c->view;
    zg_error_clear(&err);
    if (zg_query_neighbours(c->g, node, &nopt, &r, &err) != ZG_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    if (c->format >= FMT_DOT)
        rc = cli_draw_answer(c, (const zg_result *const *)&r, 1, &node, 1,
                             zg_graph_node(c->g, node)->name);
    else
        rc = cli_write(c, r);
out:
    zg_result_free(r);
    free(rels);
    free(types);
    free(where);
    return rc;
}
