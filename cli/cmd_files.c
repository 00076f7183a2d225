/* SPDX-License-Identifier: MIT */
/*
 * The whole-file commands: `validate FILE...` imports files into a fresh
 * graph and reports each, and `export` writes the whole graph (or the
 * node and relation types asked for) as a diagram.
 */
#include "cli.h"

#include "zg_import.h"
#include "zg_text.h"

#include <stdlib.h>
#include <string.h>

/* ---- validate ---- */

static const char validate_usage[] =
    "Usage: zonegraph validate FILE...\n"
    "Import the FILEs into one graph, in order (a later file may use the\n"
    "types, sources and nodes of an earlier one), checking the XML, the\n"
    "schema and the semantic rules of doc/vocabulary.md. For each file,\n"
    "print 'FILE: ok (N nodes, M relations)' on standard output, counting\n"
    "what the file added (nodes merged with an earlier file's count once),\n"
    "or the first error as 'zonegraph: FILE:LINE:COLUMN: error: MESSAGE'\n"
    "on standard error. A file that fails adds nothing; the rest are still\n"
    "checked. --data and $ZONEGRAPH_DATA are not read.\n"
    "Exit status: 0 all valid, 1 any error.\n";

/* zonegraph validate FILE...: see validate_usage. */
int
cmd_validate(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {CLI_GLOBAL_LONGOPTS,
                                         {NULL, 0, NULL, 0}};
    zg_graph *g = NULL;
    zg_error err;
    int opt, rc, failed = 0;

    while ((opt = getopt_long(argc, argv, ":" CLI_GLOBAL_SHORTOPTS, opts,
                              NULL)) != -1) {
        rc = cli_global_option(c, opt, optarg, argv);
        if (rc >= 0)
            return rc;
    }
    rc = cli_help_or_version(c, validate_usage);
    if (rc >= 0)
        return rc;
    if (c->as_of != NULL)
        return cli_usage_error(c, "--as-of does not apply to validate");
    if (argc == optind)
        return cli_usage_error(c, "missing FILE");
    zg_error_clear(&err);
    if (zg_graph_new(&g, &err) != ZG_OK)
        return cli_fail(&err);
    for (int i = optind; i < argc; i++) {
        size_t nodes = zg_graph_node_count(g), edges = zg_graph_edge_count(g);
        if (*argv[i] == '\0') {
            cli_errorf(c, "validate: '' is not a file name");
            failed = 1;
            continue;
        }
        zg_error_clear(&err);
        if (zg_import_xml_file(g, argv[i], NULL, &err) != ZG_OK) {
            cli_report(&err);
            failed = 1;
            continue;
        }
        /* The file name as typed, escaped as messages are. */
        zg_text_fputs_escaped(argv[i], 0, stdout);
        printf(": ok (%zu nodes, %zu relations)\n",
               zg_graph_node_count(g) - nodes, zg_graph_edge_count(g) - edges);
    }
    zg_graph_free(g);
    return failed ? EXIT_ERROR : EXIT_OK;
}

/* ---- export ---- */

static const char export_usage[] =
    "Usage: zonegraph export [OPTIONS]\n"
    "Write the whole graph as a diagram: node colour and shape from the\n"
    "node type, regions drawn as clusters, relation names on the edges;\n"
    "or as a graph file that zonegraph (xml, graphml) and other tools\n"
    "(graphml) read back.\n"
    "\n"
    "  -f, --format FMT     dot (default), svg, png, pdf, xml (zonegraph\n"
    "                       XML) or graphml\n"
    "  -o, --output FILE    write to FILE; the format defaults to FILE's\n"
    "                       extension (.dot/.gv, .svg, .png, .pdf, .xml,\n"
    "                       .graphml). png and pdf are not written to a\n"
    "                       terminal.\n"
    "      --lang LANG      node labels: zh (default), en or both\n"
    "  -t, --type TYPE      only nodes of TYPE; repeatable\n"
    "  -r, --rel REL        only relations of type REL; repeatable\n"
    "      --as-of DATE     the graph as it stood at DATE\n"
    "\n"
    "Options: --data FILE, -h/--help (see zonegraph --help).\n"
    "Exit status: 0 written, 1 bad usage, data or Graphviz error, or text\n"
    "the xml or graphml format cannot carry.\n";

/*
 * Set `*mask` to a new array of `count` flags, item i set when its type
 * (`type_of`) is one of `names` (resolved by `resolve` among `ntypes`
 * types); NULL, meaning everything, when there are no names.
 */
static int
make_mask(cli *c, unsigned char **mask, size_t count, size_t ntypes,
          const char *const *names, size_t n_names,
          zg_status (*resolve)(const zg_graph *, const char *, zg_id *,
                               zg_error *),
          zg_id (*type_of)(const zg_graph *, size_t))
{
    unsigned char *want;
    zg_error err;

    *mask = NULL;
    if (n_names == 0)
        return EXIT_OK;
    want = calloc(ntypes ? ntypes : 1, 1);
    *mask = calloc(count ? count : 1, 1);
    if (want == NULL || *mask == NULL) {
        free(want);
        cli_errorf(c, "out of memory");
        return EXIT_ERROR;
    }
    zg_error_clear(&err);
    for (size_t i = 0; i < n_names; i++) {
        zg_id t;
        if (resolve(c->g, names[i], &t, &err) != ZG_OK) {
            free(want);
            return cli_fail(&err);
        }
        want[t] = 1;
    }
    for (size_t i = 0; i < count; i++)
        (*mask)[i] = want[type_of(c->g, i)];
    free(want);
    return EXIT_OK;
}

/* The node type of node `n`, for make_mask(). */
static zg_id
node_type(const zg_graph *g, size_t n)
{
    return zg_graph_node(g, (zg_id)n)->type;
}

/* The relation type of edge `e`, for make_mask(). */
static zg_id
edge_type(const zg_graph *g, size_t e)
{
    return zg_graph_edge(g, (zg_id)e)->type;
}

/* zonegraph export: see export_usage. */
int
cmd_export(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {CLI_GLOBAL_LONGOPTS,
                                         {"type", required_argument, NULL, 't'},
                                         {"rel", required_argument, NULL, 'r'},
                                         {NULL, 0, NULL, 0}};
    const char **types = NULL, **rels = NULL;
    unsigned char *nm = NULL, *em = NULL;
    size_t n_types = 0, n_rels = 0;
    int opt, rc = EXIT_OK;

    types = calloc((size_t)argc, sizeof *types);
    rels = calloc((size_t)argc, sizeof *rels);
    if (types == NULL || rels == NULL) {
        cli_errorf(c, "out of memory");
        rc = EXIT_ERROR;
        goto out;
    }
    while ((opt = getopt_long(argc, argv, ":t:r:" CLI_GLOBAL_SHORTOPTS, opts,
                              NULL)) != -1) {
        if (opt == 't') {
            types[n_types++] = optarg;
        } else if (opt == 'r') {
            rels[n_rels++] = optarg;
        } else {
            rc = cli_global_option(c, opt, optarg, argv);
            if (rc >= 0)
                goto out;
            rc = EXIT_OK;
        }
    }
    rc = cli_help_or_version(c, export_usage);
    if (rc >= 0)
        goto out;
    rc = EXIT_OK;
    if (argc != optind) {
        rc = cli_usage_error(c, "export takes no arguments");
        goto out;
    }
    /* Here the format means a diagram or a graph file: the one -o's
     * extension names, else dot. */
    if (c->format == FMT_UNSET) {
        if (c->output != NULL)
            c->format = cli_format_from_name(c->output);
        if (!((FMT_DIAGRAM | FMT_GRAPH) & FMT_BIT(c->format)))
            c->format = FMT_DOT;
    }
    rc = cli_prepare_output(c, FMT_DIAGRAM | FMT_GRAPH);
    if (rc == EXIT_OK)
        rc = cli_load(c);
    if (rc == EXIT_OK)
        rc = make_mask(c, &nm, zg_graph_node_count(c->g),
                       zg_graph_nodetype_count(c->g), types, n_types,
                       zg_query_nodetype, node_type);
    if (rc == EXIT_OK)
        rc = make_mask(c, &em, zg_graph_edge_count(c->g),
                       zg_graph_reltype_count(c->g), rels, n_rels,
                       zg_query_reltype, edge_type);
    if (rc == EXIT_OK)
        rc = cli_draw_masks(c, nm, em, NULL);
out:
    free(nm);
    free(em);
    free(types);
    free(rels);
    return rc;
}
