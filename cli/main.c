/* SPDX-License-Identifier: MIT */
/*
 * The zonegraph program: global options, dispatch to a subcommand, and the
 * helpers every subcommand shares (loading the data, resolving names,
 * choosing an output format, writing results, reporting errors). This is
 * the only place in zonegraph that prints to the terminal or exits; the
 * commands (cmd_*.c) return an exit code to main(), which frees the graph
 * and closes the output on every path.
 *
 * Global options may come before or after the command: main() reads those
 * before it with getopt_long in "stop at the first non-option" mode, and
 * each command's own getopt_long loop accepts them too.
 */
#include "cli.h"

#include "zg_import.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif
#ifndef ZG_PKGDATADIR
#define ZG_PKGDATADIR "/usr/local/share/zonegraph"
#endif
#ifndef ZG_SRCDIR
#define ZG_SRCDIR "."
#endif

#define DATASET "ai-pilot-zones.xml"

static const char usage_text[] =
    "Usage: zonegraph [OPTIONS] COMMAND [ARGS]...\n"
    "Ask the knowledge graph of China's national AI pilot zones.\n"
    "\n"
    "Commands:\n"
    "  show NAME            the entity card: names, properties, figures and\n"
    "                       every relation with its source and evidence\n"
    "  neighbours NAME      nodes linked to NAME (--rel, --type, --depth);\n"
    "                       'neighbors' works too\n"
    "  list TYPE            nodes of a type (--where PROP=VALUE, --show PROP)\n"
    "  find TEXT            fuzzy search of names and aliases, best first\n"
    "  stats                counts by node and relation type, most connected\n"
    "  path A B             the shortest connection, hop by hop, with\n"
    "                       evidence (--all, --k N, --max-len K)\n"
    "  relate A B           everything linking A and B, said in sentences:\n"
    "                       direct relations, shared neighbours, paths;\n"
    "                       'explain' works too\n"
    "  common A B           the neighbours A and B share\n"
    "  similar NAME         the most similar nodes of the same type\n"
    "  rank TYPE            nodes of TYPE by relation count (--by, --rel)\n"
    "  hubs                 the nodes paths do not pass through\n"
    "  validate FILE...     import FILEs (together, in order) and report\n"
    "  export               the whole graph as DOT, SVG, PNG, PDF, zonegraph\n"
    "                       XML or GraphML\n"
    "  help [COMMAND]       this help, or a command's\n"
    "\n"
    "Options (before or after the command):\n"
    "      --data FILE      load FILE (zonegraph XML or GraphML) instead of\n"
    "                       the shipped dataset; repeat to load several\n"
    "                       files into one graph\n"
    "  -f, --format FMT     table, tsv or json (default: table when standard\n"
    "                       output is a terminal, else tsv); dot, svg, png\n"
    "                       or pdf draw the part of the graph an answer "
    "names\n"
    "      --lang LANG      names in output: zh (default), en or both\n"
    "      --as-of DATE     see the graph as it stood at DATE (YYYY,\n"
    "                       YYYY-MM or YYYY-MM-DD): facts whose since is\n"
    "                       after it or whose until is before it are hidden\n"
    "  -o, --output FILE    write to FILE instead of standard output\n"
    "  -h, --help           show help (zonegraph COMMAND --help for a "
    "command)\n"
    "  -V, --version        show the version\n"
    "\n"
    "NAME is an id (zone-beijing), a name or an alias in any script or case\n"
    "(北京, 北京市, beijing), optionally qualified by type (zone:北京).\n"
    "\n"
    "Exit status: 0 answered, 1 bad usage or input, 2 name not found or\n"
    "ambiguous (and find without hits, path without a path).\n"
    "Data: --data, else $ZONEGRAPH_DATA (files separated by ':'), else\n"
    "the installed " DATASET ".\n";

/* ---- messages ---- */

/* Print "zonegraph: " and the message on stderr (see cli.h). */
void
cli_errorf(const cli *c, const char *fmt, ...)
{
    va_list ap;

    (void)c;
    fputs("zonegraph: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* Print `err` formatted by zg_error_format() on stderr. */
void
cli_report(const zg_error *err)
{
    char buf[1024];

    fprintf(stderr, "zonegraph: %s\n", zg_error_format(err, buf, sizeof buf));
}

/* Print a usage error and the --help hint; returns EXIT_ERROR. */
int
cli_usage_error(const cli *c, const char *fmt, ...)
{
    va_list ap;

    fputs("zonegraph: ", stderr);
    if (c->cmd != NULL)
        fprintf(stderr, "%s: ", c->cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (c->cmd != NULL)
        fprintf(stderr, "Try 'zonegraph %s --help'.\n", c->cmd);
    else
        fputs("Try 'zonegraph --help'.\n", stderr);
    return EXIT_ERROR;
}

/* Print `err`; returns 2 for not found or ambiguous, else 1. */
int
cli_fail(const zg_error *err)
{
    cli_report(err);
    return err->status == ZG_ERR_NOT_FOUND || err->status == ZG_ERR_AMBIGUOUS
               ? EXIT_NOTFOUND
               : EXIT_ERROR;
}

/* A whole number from 0 to `max` in `arg`, or -1 (reported). */
long
cli_number(const cli *c, const char *opt, const char *arg, long max)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(arg, &end, 10);
    if (errno != 0 || end == arg || *end != '\0' || v < 0 || v > max) {
        cli_usage_error(c, "%s needs a whole number from 0 to %ld, not '%s'",
                        opt, max, arg);
        return -1;
    }
    return v;
}

/* As cli_number(), from 1: 0 is reported as a usage error and gives -1. */
long
cli_positive(const cli *c, const char *opt, const char *arg, long max)
{
    long v = cli_number(c, opt, arg, max);

    if (v == 0) {
        cli_usage_error(c, "%s must be at least 1", opt);
        return -1;
    }
    return v;
}

/* ---- options ---- */

/* Answer --help or --version; -1 when neither was given. */
int
cli_help_or_version(const cli *c, const char *usage)
{
    if (c->want_help) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (c->want_version) {
        printf("zonegraph %s\n", PACKAGE_VERSION);
        return EXIT_OK;
    }
    return -1;
}

const char *const cli_format_names[] = {
    "", "table", "tsv", "json", "dot", "svg", "png", "pdf", "xml", "graphml"};

/* Set `*out` to the format named `s`; -1 when unknown. */
static int
parse_format(const char *s, cli_format *out)
{

    for (size_t i = 1; i <= FMT_GRAPHML; i++) {
        if (strcmp(s, cli_format_names[i]) == 0) {
            *out = (cli_format)i;
            return 0;
        }
    }
    return -1;
}

/* Append a --data path (borrowed from argv); -1 when out of memory. */
static int
add_data(cli *c, const char *path)
{
    if (c->n_data == c->cap_data) {
        size_t cap = c->cap_data ? 2 * c->cap_data : 4;
        const char **d = realloc(c->data, cap * sizeof *d);
        if (d == NULL)
            return -1;
        c->data = d;
        c->cap_data = cap;
    }
    c->data[c->n_data++] = path;
    return 0;
}

/* Apply a global option or report a bad one (see cli.h). */
int
cli_global_option(cli *c, int opt, const char *arg, char **argv)
{
    switch (opt) {
    case OPT_DATA:
        if (add_data(c, arg) != 0) {
            cli_errorf(c, "out of memory");
            return EXIT_ERROR;
        }
        return -1;
    case 'f':
        if (parse_format(arg, &c->format) != 0)
            return cli_usage_error(c,
                                   "unknown format '%s' (table, tsv, json, "
                                   "dot, svg, png, pdf)",
                                   arg);
        return -1;
    case OPT_AS_OF: {
        zg_period p;
        zg_error err;
        zg_error_clear(&err);
        if (zg_period_parse(arg, &p, &err) != ZG_OK)
            return cli_usage_error(c, "--as-of: %s", err.msg);
        c->as_of = arg;
        return -1;
    }
    case OPT_LANG:
        if (strcmp(arg, "zh") == 0)
            c->lang = ZG_LANG_ZH;
        else if (strcmp(arg, "en") == 0)
            c->lang = ZG_LANG_EN;
        else if (strcmp(arg, "both") == 0)
            c->lang = ZG_LANG_BOTH;
        else
            return cli_usage_error(c, "unknown language '%s' (zh, en, both)",
                                   arg);
        return -1;
    case 'o': c->output = arg; return -1;
    case 'h': c->want_help = 1; return -1;
    case 'V': c->want_version = 1; return -1;
    case ':':
        return cli_usage_error(c, "option '%s' needs a value",
                               argv[optind - 1]);
    case '?':
    default:
        if (optopt != 0)
            return cli_usage_error(c, "unknown option '-%c'", optopt);
        return cli_usage_error(c, "unknown option '%s'", argv[optind - 1]);
    }
}

/* ---- data ---- */

/* Import every path in `paths` into c->g, in order. */
static int
load_paths(cli *c, const char *const *paths, size_t n)
{
    zg_error err;

    zg_error_clear(&err);
    if (zg_graph_new(&c->g, &err) != ZG_OK)
        return cli_fail(&err);
    for (size_t i = 0; i < n; i++) {
        if (zg_import_xml_file(c->g, paths[i], NULL, &err) != ZG_OK) {
            cli_report(&err);
            return EXIT_ERROR;
        }
    }
    if (c->as_of != NULL &&
        zg_view_new(&c->view, c->g, c->as_of, &err) != ZG_OK)
        return cli_fail(&err);
    return EXIT_OK;
}

/* Load the data files in order (see cli.h). */
int
cli_load(cli *c)
{
    const char *env = getenv("ZONEGRAPH_DATA");
    const char *fallback[1];
    char *copy = NULL, *tok, *save = NULL;
    const char **paths = NULL;
    size_t n = 0, cap = 0;
    int rc;

    if (c->n_data > 0)
        return load_paths(c, c->data, c->n_data);
    if (env == NULL || *env == '\0') {
        fallback[0] = access(ZG_PKGDATADIR "/" DATASET, R_OK) == 0
                          ? ZG_PKGDATADIR "/" DATASET
                          : ZG_SRCDIR "/data/" DATASET;
        return load_paths(c, fallback, 1);
    }
    /* $ZONEGRAPH_DATA: paths separated by ':', empty entries skipped. */
    copy = strdup(env);
    if (copy == NULL)
        goto oom;
    for (tok = strtok_r(copy, ":", &save); tok != NULL;
         tok = strtok_r(NULL, ":", &save)) {
        if (n == cap) {
            const char **p;
            cap = cap ? 2 * cap : 4;
            p = realloc(paths, cap * sizeof *p);
            if (p == NULL)
                goto oom;
            paths = p;
        }
        paths[n++] = tok;
    }
    rc = load_paths(c, paths, n);
    free(paths);
    free(copy);
    return rc;
oom:
    free(paths);
    free(copy);
    cli_errorf(c, "out of memory");
    return EXIT_ERROR;
}

/* "type:key (name)" of node `n`, appended to `buf`. */
static void
describe(const zg_graph *g, zg_id n, char *buf, size_t size)
{
    const zg_node_info *v = zg_graph_node(g, n);
    size_t len = strlen(buf);

    if (len + 1 < size)
        snprintf(buf + len, size - len, "%s%s:%s (%s)", len ? ", " : "",
                 zg_graph_nodetype(g, v->type)->name, v->key, v->name);
}

/*
 * `name` resolved to a node the view hides: use the first other node it
 * matches that the view shows, with a note, or report it not found.
 */
static int
resolve_hidden(cli *c, const char *name, const zg_resolution *res, zg_id *out)
{
    const zg_node_info *h = zg_graph_node(c->g, res->node), *v;
    const char *ht = zg_graph_nodetype(c->g, h->type)->name;

    for (size_t i = 0; i < res->n_others && i < 8; i++) {
        if (!zg_view_has_node(c->view, res->others[i]))
            continue;
        v = zg_graph_node(c->g, res->others[i]);
        fprintf(stderr,
                "zonegraph: note: '%s' names %s:%s, which is not in the "
                "graph as of %s; using %s:%s\n",
                name, ht, h->key, c->as_of,
                zg_graph_nodetype(c->g, v->type)->name, v->key);
        *out = res->others[i];
        return EXIT_OK;
    }
    cli_errorf(c, "'%s' (%s:%s) is not in the graph as of %s (valid%s%s%s%s)",
               name, ht, h->key, c->as_of, h->since ? " from " : "",
               h->since ? h->since : "", h->until ? " until " : "",
               h->until ? h->until : "");
    return EXIT_NOTFOUND;
}

/* Resolve `name`, noting other nodes it names (see cli.h). */
int
cli_resolve(cli *c, const char *name, zg_id *out)
{
    zg_resolution res;
    zg_error err;
    char others[1024] = "";
    const zg_node_info *v;

    zg_error_clear(&err);
    if (zg_graph_resolve(c->g, name, &res, &err) != ZG_OK)
        return cli_fail(&err);
    *out = res.node;
    if (c->view != NULL && !zg_view_has_node(c->view, res.node))
        return resolve_hidden(c, name, &res, out);
    if (res.n_others == 0)
        return EXIT_OK;
    for (size_t i = 0; i < res.n_others && i < 8; i++)
        describe(c->g, res.others[i], others, sizeof others);
    v = zg_graph_node(c->g, res.node);
    if (res.n_others > 8)
        fprintf(stderr,
                "zonegraph: note: '%s' also names %s and %zu more; using "
                "%s:%s\n",
                name, others, res.n_others - 8,
                zg_graph_nodetype(c->g, v->type)->name, v->key);
    else
        fprintf(stderr, "zonegraph: note: '%s' also names %s; using %s:%s\n",
                name, others, zg_graph_nodetype(c->g, v->type)->name, v->key);
    return EXIT_OK;
}

/* ---- output ---- */

/* The format a file name's extension suggests, or FMT_UNSET. */
cli_format
cli_format_from_name(const char *path)
{
    const char *dot = strrchr(path, '.');
    cli_format f = FMT_UNSET;

    if (dot == NULL || strchr(dot, '/') != NULL)
        return FMT_UNSET;
    if (strcmp(dot, ".gv") == 0 || strcmp(dot, ".dot") == 0)
        return FMT_DOT;
    if (strcmp(dot, ".txt") == 0)
        return FMT_TABLE;
    return parse_format(dot + 1, &f) == 0 ? f : FMT_UNSET;
}

/* Choose and check the format (see cli.h). */
int
cli_prepare_output(cli *c, unsigned allowed)
{

    if (c->format == FMT_UNSET && c->output != NULL)
        c->format = cli_format_from_name(c->output);
    if (c->format == FMT_UNSET)
        c->format =
            c->output == NULL && isatty(STDOUT_FILENO) ? FMT_TABLE : FMT_TSV;
    if (!(allowed & FMT_BIT(c->format)))
        return cli_usage_error(c, "format '%s' is not available here",
                               cli_format_names[c->format]);
    if ((c->format == FMT_PNG || c->format == FMT_PDF) && c->output == NULL &&
        isatty(STDOUT_FILENO))
        return cli_usage_error(c,
                               "will not write %s to a terminal; use -o FILE "
                               "or a pipe",
                               cli_format_names[c->format]);
    return EXIT_OK;
}

/* Open -o's file on first use, so that an answer that fails before any
 * output leaves no empty file behind. Returns an exit code. */
static int
open_output(cli *c)
{
    if (c->out != stdout || c->output == NULL || strcmp(c->output, "-") == 0)
        return EXIT_OK;
    c->out = fopen(c->output, "wb");
    if (c->out == NULL) {
        c->out = stdout;
        cli_errorf(c, "cannot open '%s' for writing: %s", c->output,
                   strerror(errno));
        return EXIT_ERROR;
    }
    return EXIT_OK;
}

/* Write `r` as table, TSV or JSON; returns an exit code. */
int
cli_write(cli *c, const zg_result *r)
{
    zg_error err;
    zg_status st;

    if (open_output(c) != EXIT_OK)
        return EXIT_ERROR;
    zg_error_clear(&err);
    if (c->format == FMT_JSON)
        st = zg_export_json(r, c->out, &err);
    else if (c->format == FMT_TSV)
        st = zg_export_tsv(r, c->lang, c->out, &err);
    else
        st = zg_export_table(r, c->lang, c->out, &err);
    return st == ZG_OK ? EXIT_OK : cli_fail(&err);
}

/* Write several results as one answer (see cli.h). */
int
cli_write_parts(cli *c, const cli_part *parts, size_t n)
{
    zg_json_part jp[16];
    zg_error err;
    zg_status st = ZG_OK;
    int first = 1;

    if (open_output(c) != EXIT_OK)
        return EXIT_ERROR;
    zg_error_clear(&err);
    if (c->format == FMT_JSON) {
        if (n > sizeof jp / sizeof jp[0])
            n = sizeof jp / sizeof jp[0];
        for (size_t i = 0; i < n; i++) {
            jp[i].name = parts[i].name;
            jp[i].result = parts[i].result;
            jp[i].record = parts[i].record;
        }
        st = zg_export_json_parts(jp, n, c->out, &err);
        return st == ZG_OK ? EXIT_OK : cli_fail(&err);
    }
    for (size_t i = 0; st == ZG_OK && i < n; i++) {
        if (parts[i].skip_empty && zg_result_rows(parts[i].result) == 0)
            continue;
        if (!first)
            fputc('\n', c->out);
        first = 0;
        if (c->format == FMT_TSV) {
            st = zg_export_tsv(parts[i].result, c->lang, c->out, &err);
            continue;
        }
        if (parts[i].heading != NULL)
            fprintf(c->out, "%s\n", parts[i].heading);
        st = parts[i].record
                 ? zg_export_record(parts[i].result, c->lang, c->out, &err)
                 : zg_export_table(parts[i].result, c->lang, c->out, &err);
    }
    return st == ZG_OK ? EXIT_OK : cli_fail(&err);
}

/* Draw the masked graph as DOT or through Graphviz, or write it as
 * zonegraph XML or GraphML. */
int
cli_draw_masks(cli *c, const unsigned char *node_mask,
               const unsigned char *edge_mask, const char *title)
{
    zg_dot_options opt;
    zg_error err;
    zg_status st;
    unsigned char *nm = NULL, *em = NULL;

    if (open_output(c) != EXIT_OK)
        return EXIT_ERROR;
    memset(&opt, 0, sizeof opt);
    opt.lang = c->lang;
    opt.node_mask = node_mask;
    opt.edge_mask = edge_mask;
    opt.title = title;
    if (c->view != NULL) {
        /* Only what the graph held as of --as-of. */
        size_t nn = zg_graph_node_count(c->g), ne = zg_graph_edge_count(c->g);
        const unsigned char *vn = zg_view_node_mask(c->view),
                            *ve = zg_view_edge_mask(c->view);
        nm = malloc(nn ? nn : 1);
        em = malloc(ne ? ne : 1);
        if (nm == NULL || em == NULL) {
            free(nm);
            free(em);
            cli_errorf(c, "out of memory");
            return EXIT_ERROR;
        }
        for (size_t i = 0; i < nn; i++)
            nm[i] = vn[i] && (node_mask == NULL || node_mask[i]);
        for (size_t i = 0; i < ne; i++)
            em[i] = ve[i] && (edge_mask == NULL || edge_mask[i]);
        opt.node_mask = nm;
        opt.edge_mask = em;
    }
    zg_error_clear(&err);
    if (c->format == FMT_XML)
        st = zg_export_xml(c->g, opt.node_mask, opt.edge_mask, c->out, &err);
    else if (c->format == FMT_GRAPHML)
        st =
            zg_export_graphml(c->g, opt.node_mask, opt.edge_mask, c->out, &err);
    else if (c->format == FMT_DOT)
        st = zg_export_dot(c->g, &opt, c->out, &err);
    else
        st = zg_export_render(c->g, &opt, cli_format_names[c->format], c->out,
                              &err);
    free(nm);
    free(em);
    return st == ZG_OK ? EXIT_OK : cli_fail(&err);
}

/* Draw the part of the graph `r` names. */
int
cli_draw(cli *c, const zg_result *r, const char *title)
{
    return cli_draw_answer(c, &r, 1, NULL, 0, title);
}

/* Draw what several results and some nodes name (see cli.h). */
int
cli_draw_answer(cli *c, const zg_result *const *results, size_t n,
                const zg_id *nodes, size_t n_nodes, const char *title)
{
    size_t nn = zg_graph_node_count(c->g), ne = zg_graph_edge_count(c->g);
    unsigned char *nm = calloc(nn ? nn : 1, 1), *em = calloc(ne ? ne : 1, 1),
                  *tn = calloc(nn ? nn : 1, 1), *te = calloc(ne ? ne : 1, 1);
    int has_edges = 0, rc;

    if (nm == NULL || em == NULL || tn == NULL || te == NULL) {
        rc = EXIT_ERROR;
        cli_errorf(c, "out of memory");
        goto out;
    }
    for (size_t k = 0; k < n; k++) {
        const zg_result *r = results[k];
        if (r == NULL)
            continue;
        zg_export_result_masks(r, tn, te);
        for (size_t i = 0; i < nn; i++)
            nm[i] |= tn[i];
        for (size_t i = 0; i < ne; i++) {
            em[i] |= te[i];
            has_edges |= te[i];
        }
        for (size_t i = 0; i < zg_result_rows(r); i++)
            for (size_t j = 0; j < zg_result_cols(r); j++)
                has_edges |= zg_result_cell(r, i, j)->kind == ZG_VAL_EDGE;
    }
    for (size_t k = 0; k < n_nodes; k++)
        if (nodes[k] < nn)
            nm[nodes[k]] = 1;
    /* A result without edge cells (list, find) shows the relations among
     * its nodes. */
    rc = cli_draw_masks(c, nm, has_edges ? em : NULL, title);
out:
    free(nm);
    free(em);
    free(tn);
    free(te);
    return rc;
}

/* ---- dispatch ---- */

static const struct {
    const char *name;
    cli_cmd_fn fn;
} commands[] = {
    {"show", cmd_show},
    {"neighbours", cmd_neighbours},
    {"neighbors", cmd_neighbours},
    {"list", cmd_list},
    {"find", cmd_find},
    {"stats", cmd_stats},
    {"validate", cmd_validate},
    {"export", cmd_export},
    {"path", cmd_path},
    {"relate", cmd_relate},
    {"explain", cmd_relate},
    {"common", cmd_common},
    {"similar", cmd_similar},
    {"rank", cmd_rank},
    {"hubs", cmd_hubs},
};

/* The command named `name`, or NULL. */
static cli_cmd_fn
find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return commands[i].fn;
    return NULL;
}

/* Parse global options, run the command, free and exit once. */
int
main(int argc, char **argv)
{
    static const struct option opts[] = {CLI_GLOBAL_LONGOPTS,
                                         {NULL, 0, NULL, 0}};
    cli c;
    cli_cmd_fn fn;
    int opt, rc = EXIT_OK;

    memset(&c, 0, sizeof c);
    c.out = stdout;
    c.lang = ZG_LANG_ZH;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+:" CLI_GLOBAL_SHORTOPTS, opts,
                              NULL)) != -1) {
        rc = cli_global_option(&c, opt, optarg, argv);
        if (rc >= 0)
            goto out;
        rc = EXIT_OK;
    }
    if (c.want_version) {
        printf("zonegraph %s\n", PACKAGE_VERSION);
        goto out;
    }
    if (optind < argc && strcmp(argv[optind], "help") == 0) {
        optind++;
        c.want_help = 1;
        if (optind == argc) {
            fputs(usage_text, stdout);
            goto out;
        }
    }
    if (optind == argc) {
        if (c.want_help) {
            fputs(usage_text, stdout);
            goto out;
        }
        fputs(usage_text, stderr);
        rc = EXIT_ERROR;
        goto out;
    }
    fn = find_command(argv[optind]);
    if (fn == NULL) {
        rc = cli_usage_error(&c, "'%s' is not a zonegraph command",
                             argv[optind]);
        goto out;
    }
    c.cmd = argv[optind];
    argc -= optind;
    argv += optind;
    optind = 0; /* glibc: restart scanning, for the command's own loop */
    rc = fn(&c, argc, argv);
out:
    if (c.out != stdout && fclose(c.out) != 0 && rc == EXIT_OK) {
        cli_errorf(&c, "cannot write '%s': %s", c.output, strerror(errno));
        rc = EXIT_ERROR;
    } else if (c.out == stdout && fflush(stdout) != 0 && rc == EXIT_OK) {
        cli_errorf(&c, "cannot write standard output: %s", strerror(errno));
        rc = EXIT_ERROR;
    }
    zg_view_free(c.view);
    zg_graph_free(c.g);
    free(c.data);
    return rc;
}
