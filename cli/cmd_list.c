/* SPDX-License-Identifier: MIT */
/*
 * The catalogue commands: `list TYPE` (nodes of a type, with conditions),
 * `find TEXT` (full-text search of names, properties and evidence) and `stats`
 * (counts and the most-connected nodes).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* ---- list ---- */

static const char list_usage[] =
    "List the nodes of TYPE (a type name such as zone, or its label such as\n"
    "先导区), sorted by id.\n"
    "\n"
    "  -w, --where COND     keep nodes where COND holds; repeatable (all\n"
    "                       must hold). COND is PROP OP VALUE with OP one\n"
    "                       of = != < <= > >=, e.g. batch=2, 'batch>=2'.\n"
    "                       PROP is id, name, en, since, until, sources,\n"
    "                       evidence or a property. Of several figures of\n"
    "                       one name, FIGURE@QUAL picks one: QUAL is a kind\n"
    "                       (actual, target, forecast, estimate) or a date\n"
    "                       (YYYY[-MM[-DD]]) that holds the figure's, and\n"
    "                       may repeat (ai_industry_scale@2022>=500,\n"
    "                       ai_industry_scale@2022@target). PROP#source\n"
    "                       and PROP#evidence are those of a property or\n"
    "                       figure. Numbers compare as numbers, other text\n"
    "                       as text (ISO dates order correctly).\n"
    "  -s, --show PROP      add a column with PROP's value; repeatable\n"
    "      --evidence       add the node's sources and evidence, and for\n"
    "                       each property or figure a --show or --where\n"
    "                       names, its source and evidence, as the columns\n"
    "                       sources, evidence, PROP#source, PROP#evidence\n"
    "                       (each also a --show name of its own)\n"
    "\n"
    "Columns: node, then the --show properties, then those --where tests.\n"
    "No match is an empty answer (exit 0). An unknown TYPE is an error\n"
    "that lists the known types (exit 1), and so is a PROP that no node\n"
    "has. With --as-of DATE, only nodes in the graph at DATE (list zone\n"
    "--as-of 2020-12-31: the first batch).\n"
    "\n"
    "Options: --data FILE, -f/--format FMT, --lang LANG, -o/--output FILE,\n"
    "--as-of DATE, -h/--help (see zonegraph --help).\n";

/* The fields every node has, which --where and --show also name. */
static const char *const fields[] = {"id",    "name",    "en",      "since",
                                     "until", "sources", "evidence"};

/* 1 when the `len` bytes at `name` are one of the fields. */
static int
is_field(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strlen(fields[i]) == len && memcmp(fields[i], name, len) == 0)
            return 1;
    return 0;
}

/* 1 when `name` is a field every node has (id, name, en, since, until) or
 * a property some node of `g` has; a name that is neither is a typo, not
 * a column of nulls. */
static int
known_property(const zg_graph *g, const char *name)
{
    size_t n = zg_graph_node_count(g);

    if (is_field(name, strlen(name)))
        return 1;
    for (size_t i = 0; i < n; i++)
        if (zg_graph_node_prop(g, (zg_id)i, name) != NULL)
            return 1;
    return 0;
}

/* For FIGURE@QUAL[@QUAL...]: 1 when FIGURE is a figure some node has.
 * The qualifiers are the query's to check (zg_query_list()). */
static int
known_figure(const zg_graph *g, const char *name)
{
    size_t base = strcspn(name, "@"), n = zg_graph_node_count(g);

    for (size_t i = 0; i < n; i++) {
        const zg_prop *p;
        size_t np = zg_graph_node_props(g, (zg_id)i, &p);
        for (size_t j = 0; j < np; j++)
            if (p[j].kind == ZG_PROP_FIGURE && strlen(p[j].name) == base &&
                memcmp(p[j].name, name, base) == 0)
                return 1;
    }
    return 0;
}

/* Check that every --where and --show name is a field, a property or a
 * figure some node has (a typo is not a column of nulls); the query
 * checks the form of qualifiers and '#' suffixes. Returns an exit code. */
static int
check_properties(cli *c, const zg_where *where, size_t n_where,
                 const char *const *show, size_t n_show)
{
    for (size_t i = 0; i < n_where + n_show; i++) {
        const char *name = i < n_where ? where[i].name : show[i - n_where];
        const char *hash = strchr(name, '#');
        char base[256];
        if (hash != NULL) {
            size_t len = (size_t)(hash - name);
            if (len >= sizeof base || is_field(name, len)) {
                cli_errorf(c,
                           "'%s': only a property or a figure has its own "
                           "source and evidence",
                           name);
                return EXIT_ERROR;
            }
            memcpy(base, name, len);
            base[len] = '\0';
            name = base;
        }
        if (strchr(name, '@') != NULL) {
            if (known_figure(c->g, name))
                continue;
            cli_errorf(c, "unknown figure in '%s': no node has it", name);
            return EXIT_ERROR;
        }
        if (!known_property(c->g, name)) {
            cli_errorf(c,
                       "unknown property '%s': no node has it, and it is "
                       "not id, name, en, since or until",
                       name);
            return EXIT_ERROR;
        }
    }
    return EXIT_OK;
}

/*
 * For --evidence: append to `show` (`*n_show` names) the --where names
 * (so their values come before the evidence), the node's fields sources
 * and evidence, then NAME#source and NAME#evidence for each property or
 * figure a --show or --where names, once each; the names made are kept
 * in `made` (`*n_made`) to be freed. Returns an exit code.
 */
static int
add_evidence(cli *c, const zg_where *where, size_t n_where, const char **show,
             size_t *n_show, char **made, size_t *n_made)
{
    size_t given = *n_show;

    for (size_t i = 0; i < n_where; i++)
        show[(*n_show)++] = where[i].name;
    show[(*n_show)++] = "sources";
    show[(*n_show)++] = "evidence";
    for (size_t i = 0; i < given + n_where; i++) {
        const char *name = i < given ? show[i] : where[i - given].name;
        int dup = 0;
        if (strchr(name, '#') != NULL || is_field(name, strlen(name)))
            continue;
        for (size_t j = 0; j < i && !dup; j++)
            dup =
                strcmp(j < given ? show[j] : where[j - given].name, name) == 0;
        if (dup)
            continue;
        for (int k = 0; k < 2; k++) {
            size_t len = strlen(name) + sizeof "#evidence";
            char *s = malloc(len);
            if (s == NULL) {
                cli_errorf(c, "out of memory");
                return EXIT_ERROR;
            }
            snprintf(s, len, "%s#%s", name, k ? "evidence" : "source");
            made[(*n_made)++] = s;
            show[(*n_show)++] = s;
        }
    }
    return EXIT_OK;
}

/* zonegraph list TYPE: see list_usage. */
int
cmd_list(cli *c, int argc, char **argv)
{
    cli_opts o;
    char **made = NULL; /* the NAME#source, NAME#evidence names */
    size_t n_made = 0;
    zg_result *r = NULL;
    zg_error err;
    int rc;

    rc = cli_parse(c, &o, argc, argv, list_usage);
    if (rc >= 0)
        goto out;
    /* --evidence adds two names for each --show or --where name */
    made = calloc(4 * (size_t)argc + 2, sizeof *made);
    if (made == NULL) {
        cli_errorf(c, "out of memory");
        rc = EXIT_ERROR;
        goto out;
    }
    rc = cli_load_names(c, argv, NULL, 0);
    if (rc < 0)
        rc = check_properties(c, o.where, o.n_where, o.show, o.n_show);
    if (rc == EXIT_OK && o.evidence)
        rc = add_evidence(c, o.where, o.n_where, o.show, &o.n_show, made,
                          &n_made);
    if (rc != EXIT_OK)
        goto out;
    zg_error_clear(&err);
    if (zg_query_list(c->g, &c->filter, argv[optind], o.where, o.n_where,
                      o.show, o.n_show, &r, &err) != ZG_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    if (cli_draws(c))
        rc = cli_draw(c, r, NULL);
    else
        rc = cli_write(c, r);
out:
    zg_result_free(r);
    for (size_t i = 0; i < n_made; i++)
        free(made[i]);
    free(made);
    cli_opts_free(&o);
    return rc;
}

/* ---- find ---- */

static const char find_usage[] =
    "Search the text of the graph for TEXT (several words are joined with\n"
    "spaces): names, English names, ids and aliases; property values and\n"
    "figures; notes and evidence sentences of nodes and relations. Matching\n"
    "ignores case, full-width forms and traditional versus simplified\n"
    "characters (濱海 finds 滨海) and finds TEXT inside longer text (科技冬奥\n"
    "inside a sentence).\n"
    "\n"
    "  -n, --max N          at most N hits (default 20)\n"
    "  -i, --in WHERE       search only WHERE; repeatable or comma-separated:\n"
    "                       names     ids, names, English names, aliases\n"
    "                       props     property values of nodes and\n"
    "                                 relations; figures' values, labels\n"
    "                                 and units\n"
    "                       evidence  evidence sentences and notes of nodes,\n"
    "                                 relations, properties and figures\n"
    "\n"
    "One hit per node or relation, its best match, best first by score:\n"
    "0 an exact name, English name or id, 1 an exact alias, 2 a prefix of a\n"
    "name or alias, 3 inside a name or alias, 4 a property or figure, 5 a\n"
    "note or evidence; ties by type priority (a relation's is its from\n"
    "node's), nodes before relations, then id. When nothing matches and\n"
    "names are searched, near misses of names follow (score 6+d at edit\n"
    "distance d).\n"
    "Columns: score; match (exact, prefix, substring: how TEXT meets the\n"
    "field, or distance d); where (name, en, id, alias, prop NAME, figure\n"
    "NAME, note, evidence, or prop/figure NAME evidence); on (the node, or\n"
    "the relation as FROM -RELATION-> TO); type (of the node or relation);\n"
    "text (the field, the match between 【 and 】, cut to 60 columns around\n"
    "it with …). JSON leaves the text unmarked and adds start and end: the\n"
    "match as code point offsets into text (end exclusive; null for a near\n"
    "miss). No hit: exit 2 and a message on standard error (TSV and JSON\n"
    "still print an empty answer). With --as-of DATE, only what the graph\n"
    "held at DATE is searched.\n"
    "\n"
    "Options: --data FILE, -f/--format FMT, --lang LANG, -o/--output FILE,\n"
    "--as-of DATE, -h/--help (see zonegraph --help).\n";

/* zonegraph find TEXT...: see find_usage. */
int
cmd_find(cli *c, int argc, char **argv)
{
    cli_opts o;
    zg_fulltext *ft = NULL;
    zg_fulltext_opts fo;
    zg_result *r = NULL;
    zg_error err;
    char *text = NULL;
    size_t len = 0;
    int rc;

    rc = cli_parse(c, &o, argc, argv, find_usage);
    if (rc >= 0)
        goto out;
    for (int i = optind; i < argc; i++)
        len += strlen(argv[i]) + 1;
    text = malloc(len);
    if (text == NULL) {
        cli_errorf(c, "out of memory");
        rc = EXIT_ERROR;
        goto out;
    }
    text[0] = '\0';
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            strcat(text, " ");
        strcat(text, argv[i]);
    }
    rc = cli_load_names(c, argv, NULL, 0);
    if (rc >= 0)
        goto out;
    zg_error_clear(&err);
    memset(&fo, 0, sizeof fo);
    fo.in = o.in;
    fo.max = o.max > 0 ? (size_t)o.max : 20;
    fo.filter = c->filter;
    fo.offsets = cli_format_is(c, "json");
    if (zg_fulltext_new(&ft, c->g, &err) != ZG_OK ||
        zg_fulltext_search(ft, text, &fo, &r, &err) != ZG_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    if (zg_result_rows(r) == 0) {
        cli_errorf(c, "nothing matches '%s'", text);
        if (!cli_draws(c) && !cli_format_is(c, "table"))
            cli_write(c, r);
        rc = EXIT_NOTFOUND;
        goto out;
    }
    if (cli_draws(c))
        rc = cli_draw(c, r, NULL);
    else
        rc = cli_write(c, r);
out:
    zg_result_free(r);
    zg_fulltext_free(ft);
    free(text);
    cli_opts_free(&o);
    return rc;
}

/* ---- stats ---- */

static const char stats_usage[] =
    "Count the graph: totals (with the relations by basis: stated, implied,\n"
    "inferred), nodes by type, relations by type (most first) and the\n"
    "most-connected nodes (degree: relations in and out).\n"
    "\n"
    "  -k, --top K          list the K most-connected nodes (default 10)\n"
    "\n"
    "JSON: one object with the keys totals, node_types, relation_types and\n"
    "top. TSV: the four parts separated by blank lines. With --as-of DATE,\n"
    "everything counts only what the graph held at DATE.\n"
    "\n"
    "Options: --data FILE, -f/--format FMT, --lang LANG, -o/--output FILE,\n"
    "--as-of DATE, -h/--help (see zonegraph --help).\n";

/* zonegraph stats: see stats_usage. */
int
cmd_stats(cli *c, int argc, char **argv)
{
    cli_opts o;
    zg_result *tot = NULL, *nt = NULL, *rt = NULL, *top = NULL;
    zg_label_lang lang;
    zg_error err;
    size_t k;
    int rc;

    rc = cli_parse(c, &o, argc, argv, stats_usage);
    k = o.top > 0 ? (size_t)o.top : 10;
    cli_opts_free(&o);
    if (rc >= 0)
        return rc;
    rc = cli_prepare_output(c, FMT_TEXT);
    if (rc == EXIT_OK)
        rc = cli_load(c);
    if (rc != EXIT_OK)
        return rc;
    lang = (zg_label_lang)c->lang;
    zg_error_clear(&err);
    if (zg_query_totals(c->g, &c->filter, &tot, &err) != ZG_OK ||
        zg_query_count_nodetypes(c->g, &c->filter, lang, &nt, &err) != ZG_OK ||
        zg_query_count_reltypes(c->g, &c->filter, lang, &rt, &err) != ZG_OK ||
        zg_query_top_degree(c->g, &c->filter, k, &top, &err) != ZG_OK) {
        rc = cli_fail(&err);
    } else {
        const cli_part parts[] = {
            {"totals", NULL, tot, 1, 0},
            {"node_types", "nodes by type", nt, 0, 0},
            {"relation_types", "relations by type", rt, 0, 0},
            {"top", "most connected", top, 0, 0},
        };
        rc = cli_write_parts(c, parts, 4);
    }
    zg_result_free(tot);
    zg_result_free(nt);
    zg_result_free(rt);
    zg_result_free(top);
    return rc;
}
