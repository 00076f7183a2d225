/* SPDX-License-Identifier: MIT */
/*
 * The whole-file commands: `validate FILE...` imports files into a fresh
 * graph and reports each, and `export` writes the whole graph (or the
 * node and relation types asked for) as a diagram.
 */
#include "cli.h"

#include "zg_import.h"
#include "zg_text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- validate ---- */

static const char validate_usage[] =
    "Import the FILEs into one graph, in order (a later file may use the\n"
    "types, sources and nodes of an earlier one), checking the XML, the\n"
    "schema and the semantic rules of doc/vocabulary.md, and report every\n"
    "error of each file, as a compiler does, on standard error:\n"
    "  FILE:LINE:COLUMN: error: MESSAGE [CODE]\n"
    "sorted by position (the column, or the line too, is left out when\n"
    "unknown), then its warnings the same way with 'warning:'. A file\n"
    "without errors prints 'FILE: ok (N nodes, M relations)' on standard\n"
    "output, counting what it added, and ', K warnings' when it has any.\n"
    "A file with an error adds nothing; the rest are still checked.\n"
    "Malformed XML ends the check of a file: what was found before it is\n"
    "reported. A snapshot (written by save) is checked on its own and\n"
    "completely: every checksum, record and relation; it prints\n"
    "'FILE: ok (snapshot: N nodes, M relations)'. --data and\n"
    "$ZONEGRAPH_DATA are not read.\n"
    "\n"
    "  --max-errors N   show at most N errors and N warnings per file\n"
    "                   (default 50; 0: all), then one line saying how\n"
    "                   many more there are\n"
    "  --strict         warnings fail the check too, and a file with a\n"
    "                   warning adds nothing, as one with an error\n"
    "  -f json          instead, one JSON array on standard output: an\n"
    "                   object per diagnostic shown, {\"file\", \"line\",\n"
    "                   \"column\", \"severity\" (error or warning),\n"
    "                   \"code\", \"message\"}; line and column are 0 when\n"
    "                   unknown\n"
    "\n"
    "Error codes: xml, schema, structure, attribute, value, type,\n"
    "reference, duplicate, conflict, limit, io, memory. Warning codes:\n"
    "inferred-without-note (a relation with basis='inferred' and no\n"
    "<note>), alias-is-name (an alias that, folded as lookup folds names,\n"
    "is another node's name), unused-source (a <source> that neither its\n"
    "file nor a later one cites, a refused element's citation included;\n"
    "reported after the last file, not counted in its 'ok' line).\n"
    "Exit status: 0 all valid, 1 any error (or warning, with --strict).\n";

/* `s` as a JSON string on stdout; invalid UTF-8 is first made visible as
 * \xHH, as messages show it. */
static void
json_string(const char *s)
{
    char *esc = NULL;
    const unsigned char *p;

    if (!zg_utf8_valid(s, strlen(s)) && (esc = zg_text_escape(s, 0)) != NULL)
        s = esc;
    putchar('"');
    for (p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
    free(esc);
}

/* The diagnostics of `file` in the form chosen; *first tracks the JSON
 * array's commas. */
static void
print_diags(const char *file, const zg_diags *d, int json, int *first)
{
    size_t shown[2] = {0, 0};

    for (size_t i = 0; i < d->count; i++) {
        const zg_diag *x = &d->items[i];
        const char *sev =
            x->severity == ZG_SEVERITY_ERROR ? "error" : "warning";
        shown[x->severity == ZG_SEVERITY_ERROR ? 0 : 1]++;
        if (json) {
            printf("%s\n  {\"file\": ", *first ? "" : ",");
            *first = 0;
            json_string(file);
            printf(", \"line\": %u, \"column\": %u, \"severity\": \"%s\", "
                   "\"code\": ",
                   x->line, x->column, sev);
            json_string(x->code);
            fputs(", \"message\": ", stdout);
            json_string(x->msg);
            putchar('}');
            continue;
        }
        zg_text_fputs_escaped(file, 0, stderr);
        if (x->line)
            fprintf(stderr, ":%u", x->line);
        if (x->line && x->column)
            fprintf(stderr, ":%u", x->column);
        fprintf(stderr, ": %s: ", sev);
        zg_text_fputs_escaped(x->msg, 0, stderr);
        fprintf(stderr, " [%s]\n", x->code);
        /* the line saying how many more follows the last one shown */
        if ((i + 1 == d->count || d->items[i + 1].severity != x->severity) &&
            (x->severity == ZG_SEVERITY_ERROR ? d->errors : d->warnings) >
                shown[x->severity == ZG_SEVERITY_ERROR ? 0 : 1]) {
            size_t total =
                x->severity == ZG_SEVERITY_ERROR ? d->errors : d->warnings;
            zg_text_fputs_escaped(file, 0, stderr);
            fprintf(stderr, ": %zu more %s%s not shown (--max-errors)\n",
                    total - shown[x->severity == ZG_SEVERITY_ERROR ? 0 : 1],
                    sev,
                    total - shown[x->severity == ZG_SEVERITY_ERROR ? 0 : 1] == 1
                        ? ""
                        : "s");
        }
    }
}

/* Check the snapshot `path` completely on its own (every section's
 * checksum, every record, the adjacency against the relations); 1 when
 * it fails. */
static int
validate_snapshot(const char *path, int json)
{
    zg_graph *g = NULL;
    zg_error err;

    zg_error_clear(&err);
    if (zg_graph_open_snapshot(path, ZG_SNAPSHOT_VERIFY, &g, &err) != ZG_OK) {
        cli_report(&err);
        return 1;
    }
    if (!json) {
        zg_text_fputs_escaped(path, 0, stdout);
        printf(": ok (snapshot: %zu nodes, %zu relations)\n",
               zg_graph_node_count(g), zg_graph_edge_count(g));
    }
    zg_graph_free(g);
    return 0;
}

/* zonegraph validate FILE...: see validate_usage. */
int
cmd_validate(cli *c, int argc, char **argv)
{
    zg_graph *g = NULL;
    zg_source_uses *uses = NULL;
    zg_error err;
    zg_import_limits lim;
    zg_diags d;
    cli_opts o;
    unsigned long max;
    int rc, failed = 0, strict, json, first = 1;

    rc = cli_parse(c, &o, argc, argv, validate_usage);
    max = o.max_errors_set ? o.max_errors : 50;
    strict = o.strict;
    cli_opts_free(&o);
    if (rc >= 0)
        return rc;
    if (c->as_of != NULL)
        return cli_usage_error(c, "--as-of does not apply to validate");
    if (c->format != NULL && !cli_format_is(c, "table") &&
        !cli_format_is(c, "json"))
        return cli_usage_error(c, "validate writes text or json, not %s",
                               c->format->name);
    if (c->output != NULL)
        return cli_usage_error(c, "-o does not apply to validate");
    json = cli_format_is(c, "json");
    zg_error_clear(&err);
    if (zg_graph_new(&g, &err) != ZG_OK)
        return cli_fail(&err);
    if (zg_source_uses_new(&uses) != ZG_OK) {
        zg_graph_free(g);
        cli_errorf(c, "out of memory");
        return EXIT_ERROR;
    }
    if (json)
        putchar('[');
    zg_diags_init(&d, (size_t)max);
    d.strict = strict;
    d.uses = uses;
    for (int i = optind; i < argc; i++) {
        size_t nodes = zg_graph_node_count(g), edges = zg_graph_edge_count(g);
        zg_status st;
        if (*argv[i] == '\0') {
            cli_errorf(c, "validate: '' is not a file name");
            failed = 1;
            continue;
        }
        if (zg_import_is_snapshot(argv[i])) {
            failed |= validate_snapshot(argv[i], json);
            continue;
        }
        zg_error_clear(&err);
        zg_diags_free(&d);
        d.file = (unsigned)i;
        st = zg_import_xml_file_check(g, argv[i], cli_import_limits(c, &lim),
                                      &d, &err);
        print_diags(argv[i], &d, json, &first);
        if (st != ZG_OK || (strict && d.warnings)) {
            failed = 1;
            continue;
        }
        if (json)
            continue;
        /* The file name as typed, escaped as messages are. */
        zg_text_fputs_escaped(argv[i], 0, stdout);
        printf(": ok (%zu nodes, %zu relations", zg_graph_node_count(g) - nodes,
               zg_graph_edge_count(g) - edges);
        if (d.warnings)
            printf(", %zu warning%s", d.warnings, d.warnings == 1 ? "" : "s");
        fputs(")\n", stdout);
    }
    /* A source one file declares may be cited by any later one: the
     * unused ones are known after the last file. */
    for (int i = optind; i < argc; i++) {
        zg_diags_free(&d);
        if (zg_source_uses_report(uses, (unsigned)i, &d) != ZG_OK) {
            cli_errorf(c, "out of memory");
            failed = 1;
            break;
        }
        print_diags(argv[i], &d, json, &first);
        if (strict && d.warnings)
            failed = 1;
    }
    if (json)
        fputs(first ? "]\n" : "\n]\n", stdout);
    zg_diags_free(&d);
    zg_source_uses_free(uses);
    zg_graph_free(g);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_errorf(c, "cannot write the output");
        return EXIT_ERROR;
    }
    return failed ? EXIT_ERROR : EXIT_OK;
}

/* ---- export ---- */

/* The format export writes when neither -f nor -o's extension names one. */
#define EXPORT_DEFAULT "dot"

/* export --help: export_head, -f and -o (from the format registry),
 * export_tail. */
static const char export_head[] =
    "Write the whole graph as a diagram: node colour and shape from the\n"
    "node type, regions drawn as clusters, relation names on the edges;\n"
    "or as a graph file that zonegraph (xml, graphml) and other tools\n"
    "(graphml) read back.\n"
    "\n";

static const char export_tail[] =
    "      --lang LANG      node labels: zh (default), en or both\n"
    "  -t, --type TYPE      only nodes of TYPE; repeatable\n"
    "  -r, --rel REL        only relations of type REL; repeatable\n"
    "      --as-of DATE     the graph as it stood at DATE\n"
    "\n"
    "Options: --data FILE, -h/--help (see zonegraph --help).\n"
    "Exit status: 0 written, 1 bad usage, data or Graphviz error, or text\n"
    "the xml or graphml format cannot carry.\n";

/* The help of export, or NULL when out of memory (free it). */
static char *
export_help(void)
{
    char *help = NULL, names[256], exts[256], binary[128], text[768];
    size_t size = 0;
    FILE *f = open_memstream(&help, &size);

    if (f == NULL)
        return NULL;
    fputs(export_head, f);
    cli_format_list(FMT_DIAGRAM | FMT_GRAPH, CLI_LIST_TITLES, " or ", names,
                    sizeof names);
    snprintf(text, sizeof text, "%s (default: " EXPORT_DEFAULT ")", names);
    cli_fill(f, "  -f, --format FMT", text);
    cli_format_list(FMT_DIAGRAM | FMT_GRAPH, CLI_LIST_EXTENSIONS, ", ", exts,
                    sizeof exts);
    cli_format_list(FMT_DIAGRAM | FMT_GRAPH, CLI_LIST_BINARY, " and ", binary,
                    sizeof binary);
    snprintf(text, sizeof text,
             "write to FILE; the format defaults to FILE's extension (%s). "
             "%s are not written to a terminal.",
             exts, binary);
    cli_fill(f, "  -o, --output FILE", text);
    fputs(export_tail, f);
    if (fclose(f) != 0) {
        free(help);
        return NULL;
    }
    return help;
}

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
    return zg_graph_edge_type(g, (zg_id)e);
}

/* zonegraph export: see export_help(). */
int
cmd_export(cli *c, int argc, char **argv)
{
    cli_opts o;
    unsigned char *nm = NULL, *em = NULL;
    char *help = export_help();
    int rc;

    rc = cli_parse(c, &o, argc, argv, help != NULL ? help : export_head);
    if (rc >= 0)
        goto out;
    /* Here the format means a diagram or a graph file: the one -o's
     * extension names, else dot. */
    if (c->format == NULL) {
        if (c->output != NULL)
            c->format = zg_export_format_for_path(c->output);
        if (c->format == NULL || c->format->kind == ZG_EXPORT_RESULT)
            c->format = zg_export_format_named(EXPORT_DEFAULT);
    }
    rc = cli_prepare_output(c, FMT_DIAGRAM | FMT_GRAPH);
    if (rc == EXIT_OK)
        rc = cli_load(c);
    if (rc == EXIT_OK)
        rc = make_mask(c, &nm, zg_graph_node_count(c->g),
                       zg_graph_nodetype_count(c->g), c->filter.types,
                       c->filter.n_types, zg_query_nodetype, node_type);
    if (rc == EXIT_OK)
        rc = make_mask(c, &em, zg_graph_edge_count(c->g),
                       zg_graph_reltype_count(c->g), c->filter.rels,
                       c->filter.n_rels, zg_query_reltype, edge_type);
    if (rc == EXIT_OK)
        rc = cli_draw_masks(c, nm, em, NULL);
out:
    free(nm);
    free(em);
    free(help);
    cli_opts_free(&o);
    return rc;
}
