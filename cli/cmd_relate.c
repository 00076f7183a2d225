/* SPDX-License-Identifier: MIT */
/*
 * The relationship questions: `path A B` (shortest connections),
 * `relate A B` (also `explain`: everything that links them, in
 * sentences), `common A B` (shared neighbours), `similar NAME` (Jaccard
 * over neighbour sets), `rank TYPE` (nodes by relation count) and `hubs`
 * (the nodes paths avoid). Each parses its options, calls one query of
 * zg_query.h and hands the result to a writer or, for a diagram format,
 * draws exactly the nodes and relations the answer names.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* Long-only options of these commands. */
enum {
    OPT_ALL = OPT_FIRST_LOCAL,
    OPT_K,
    OPT_MAX_LEN,
    OPT_MAX_PATHS,
    OPT_THROUGH_HUBS,
    OPT_HUB_FAN,
    OPT_DIRECTION,
    OPT_BY,
    OPT_BY_REL,
    OPT_MAX_VISITS,
    OPT_MAX_ROWS,
    OPT_MAX_BYTES,
    OPT_EVIDENCE,
    OPT_BROADER
};

/* The largest values the budget options take. */
#define MAX_VISITS_OPT 2000000000L
#define MAX_ROWS_OPT 100000000L
#define MAX_BYTES_OPT 2000000000L

/* The help texts and the man page give the default budgets as numbers. */
_Static_assert(ZG_DEFAULT_MAX_VISITS == 20000000, "update --max-visits help");
_Static_assert(ZG_DEFAULT_MAX_ROWS == 50000, "update --max-rows help");
_Static_assert(ZG_DEFAULT_MAX_BYTES == 16777216, "update --max-bytes help");

/* Everything the commands' options set. */
typedef struct relopts {
    const char **rels, **types;
    size_t n_rels, n_types;
    long k, max_len, max_paths, top, hub_fan;
    long max_visits, max_rows, max_bytes; /* 0: the default */
    int all, through_hubs, evidence, broader;
    zg_direction dir;
    zg_rank_by by;
    zg_where *where; /* --where conditions on relations */
    size_t n_where;
} relopts;

/* Allocate room for repeated --rel/--type values; EXIT_OK or an exit
 * code. */
static int
relopts_init(cli *c, relopts *ro, int argc)
{
    memset(ro, 0, sizeof *ro);
    ro->rels = calloc((size_t)argc + 1, sizeof *ro->rels);
    ro->types = calloc((size_t)argc + 1, sizeof *ro->types);
    ro->where = calloc((size_t)argc + 1, sizeof *ro->where);
    if (ro->rels == NULL || ro->types == NULL || ro->where == NULL) {
        cli_errorf(c, "out of memory");
        return EXIT_ERROR;
    }
    return EXIT_OK;
}

/* Free what relopts_init() allocated. */
static void
relopts_free(relopts *ro)
{
    free(ro->rels);
    free(ro->types);
    free(ro->where);
}

/*
 * Handle option `opt` of any of these commands (each command's table
 * lists the ones it takes) or a global option. Returns -1 to go on, or
 * an exit code.
 */
static int
rel_option(cli *c, relopts *ro, int opt, const char *arg, char **argv)
{
    switch (opt) {
    case 'r':
    case OPT_BY_REL: ro->rels[ro->n_rels++] = arg; return -1;
    case 't': ro->types[ro->n_types++] = arg; return -1;
    case OPT_ALL: ro->all = 1; return -1;
    case OPT_EVIDENCE: ro->evidence = 1; return -1;
    case OPT_BROADER: ro->broader = 1; return -1;
    case 'w': {
        zg_error err;
        zg_error_clear(&err);
        if (zg_where_parse(&ro->where[ro->n_where++], arg, &err) != ZG_OK)
            return cli_usage_error(c, "%s", err.msg);
        return -1;
    }
    case OPT_THROUGH_HUBS: ro->through_hubs = 1; return -1;
    case OPT_K:
        ro->k = cli_positive(c, "--k", arg, 100);
        return ro->k < 0 ? EXIT_ERROR : -1;
    case OPT_MAX_LEN:
        ro->max_len = cli_positive(c, "--max-len", arg, 1000000);
        return ro->max_len < 0 ? EXIT_ERROR : -1;
    case OPT_MAX_PATHS:
        ro->max_paths = cli_positive(c, "--max-paths", arg, 100000);
        return ro->max_paths < 0 ? EXIT_ERROR : -1;
    case 'n':
        ro->top = cli_positive(c, "--top", arg, 1000000);
        return ro->top < 0 ? EXIT_ERROR : -1;
    case OPT_HUB_FAN:
        ro->hub_fan = cli_positive(c, "--hub-fan", arg, 1000000000);
        return ro->hub_fan < 0 ? EXIT_ERROR : -1;
    case OPT_MAX_VISITS:
        ro->max_visits = cli_positive(c, "--max-visits", arg, MAX_VISITS_OPT);
        return ro->max_visits < 0 ? EXIT_ERROR : -1;
    case OPT_MAX_ROWS:
        ro->max_rows = cli_positive(c, "--max-rows", arg, MAX_ROWS_OPT);
        return ro->max_rows < 0 ? EXIT_ERROR : -1;
    case OPT_MAX_BYTES:
        ro->max_bytes = cli_positive(c, "--max-bytes", arg, MAX_BYTES_OPT);
        return ro->max_bytes < 0 ? EXIT_ERROR : -1;
    case OPT_DIRECTION:
        if (cli_once(c, "--direction") >= 0)
            return EXIT_ERROR;
        if (strcmp(arg, "both") == 0)
            ro->dir = ZG_DIR_BOTH;
        else if (strcmp(arg, "out") == 0)
            ro->dir = ZG_DIR_OUT;
        else if (strcmp(arg, "in") == 0)
            ro->dir = ZG_DIR_IN;
        else
            return cli_usage_error(c,
                                   "--direction is out, in or both, not "
                                   "'%s'",
                                   arg);
        return -1;
    case OPT_BY:
        if (cli_once(c, "--by") >= 0)
            return EXIT_ERROR;
        if (strcmp(arg, "degree") == 0)
            ro->by = ZG_RANK_DEGREE;
        else if (strcmp(arg, "in") == 0)
            ro->by = ZG_RANK_IN;
        else if (strcmp(arg, "out") == 0)
            ro->by = ZG_RANK_OUT;
        else
            return cli_usage_error(c, "--by is degree, in or out, not '%s'",
                                   arg);
        return -1;
    default: return cli_global_option(c, opt, arg, argv);
    }
}

/*
 * Run the option loop of a command: `shortopts` its own letters, `opts`
 * its table. Then answer --help/--version and check that `nargs`
 * operands follow (`what` names them for the message). Returns -1 to go
 * on, or an exit code.
 */
static int
parse(cli *c, relopts *ro, int argc, char **argv, const char *shortopts,
      const struct option *opts, const char *usage, int nargs, const char *what)
{
    char optstring[64];
    int opt, rc;

    snprintf(optstring, sizeof optstring, ":%s%s", shortopts,
             CLI_GLOBAL_SHORTOPTS);
    while ((opt = getopt_long(argc, argv, optstring, opts, NULL)) != -1) {
        rc = rel_option(c, ro, opt, optarg, argv);
        if (rc >= 0)
            return rc;
    }
    rc = cli_help_or_version(c, usage);
    if (rc >= 0)
        return rc;
    if (nargs == 0 && argc != optind)
        return cli_usage_error(c, "%s takes no arguments", c->cmd);
    if (argc - optind != nargs)
        return cli_usage_error(c, "%s %s (quote a name with spaces)",
                               argc - optind < nargs ? "missing" : "only",
                               what);
    return -1;
}

/* Load the data and resolve `n` names from argv[optind]; -1 to go on,
 * or an exit code. */
static int
load_names(cli *c, char **argv, zg_id *nodes, int n)
{
    int rc = cli_prepare_output(c, FMT_TEXT | FMT_DIAGRAM);

    if (rc == EXIT_OK)
        rc = cli_load(c);
    for (int i = 0; rc == EXIT_OK && i < n; i++)
        rc = cli_resolve(c, argv[optind + i], &nodes[i]);
    return rc == EXIT_OK ? -1 : rc;
}

/* The label of node `n` in the output language. */
static const char *
name_of(const cli *c, zg_id n)
{
    return zg_graph_node_label(c->g, n, c->lang == ZG_LANG_EN);
}

/* 1 when the chosen format wants edge cells (JSON, diagrams). */
static int
wants_edges(const cli *c)
{
    return c->format != FMT_TABLE && c->format != FMT_TSV;
}

/* The labels of the hubs in `info`, joined by ", ", into `buf`. */
static void
hub_names(const cli *c, const zg_path_info *info, char *buf, size_t size)
{
    size_t n = info->n_hubs < 8 ? info->n_hubs : 8, len;

    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
                 name_of(c, info->hubs[i]));
    }
    if (info->n_hubs > n) {
        len = strlen(buf);
        snprintf(buf + len, size - len, " and %zu more", info->n_hubs - n);
    }
}

/* The budget the options ask for (zero fields: the defaults). */
static zg_budget
budget_of(const relopts *ro)
{
    zg_budget b;

    b.max_visits = (size_t)ro->max_visits;
    b.max_rows = (size_t)ro->max_rows;
    b.max_bytes = (size_t)ro->max_bytes;
    return b;
}

/* A count of paths as text: the number, or "more than N" when the
 * query could not count them all. */
static void
count_text(unsigned long long n, int more, char *buf, size_t size)
{
    snprintf(buf, size, "%s%llu", more ? "more than " : "", n);
}

/*
 * The end of a note saying why an answer stopped at budget `by` of value
 * `limit`, naming the option that raises it.
 */
static void
limit_reason(zg_limit by, size_t limit, char *buf, size_t size)
{
    switch (by) {
    case ZG_LIMIT_ROWS:
        snprintf(buf, size,
                 "; more would pass the answer's budget of %zu rows "
                 "(--max-rows N)",
                 limit);
        break;
    case ZG_LIMIT_BYTES:
        snprintf(buf, size,
                 "; more would pass the answer's budget of %zu bytes "
                 "(--max-bytes N)",
                 limit);
        break;
    case ZG_LIMIT_VISITS:
        snprintf(buf, size,
                 "; the search stopped at its budget of %zu visits "
                 "(--max-visits N)",
                 limit);
        break;
    case ZG_LIMIT_PATHS: snprintf(buf, size, " (--max-paths N)"); break;
    case ZG_LIMIT_NONE: buf[0] = '\0'; break;
    }
}

/* Report a failed query; for a work budget spent before any answer, say
 * which option raises it. Returns the exit code. */
static int
query_failed(const zg_error *err)
{
    int rc = cli_fail(err);

    if (err->status == ZG_ERR_LIMIT)
        fputs("zonegraph: (--max-visits N raises the budget)\n", stderr);
    return rc;
}

/* Note on stderr the rows that `t` says a budget left out of `what`. */
static void
rows_note(const cli *c, const zg_truncation *t, size_t shown, const char *what)
{
    char count[64], why[160];

    if (t->by == ZG_LIMIT_NONE)
        return;
    count_text(t->rows, t->more, count, sizeof count);
    limit_reason(t->by, t->limit, why, sizeof why);
    cli_notef(c, "showing %zu of %s %s%s", shown, count, what, why);
}

/* ---- path ---- */

static const char path_usage[] =
    "Usage: zonegraph path [OPTIONS] A B\n"
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

/* zonegraph path A B: see path_usage. */
int
cmd_path(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_GLOBAL_LONGOPTS,
        {"all", no_argument, NULL, OPT_ALL},
        {"k", required_argument, NULL, OPT_K},
        {"max-len", required_argument, NULL, OPT_MAX_LEN},
        {"max-paths", required_argument, NULL, OPT_MAX_PATHS},
        {"rel", required_argument, NULL, 'r'},
        {"type", required_argument, NULL, 't'},
        {"direction", required_argument, NULL, OPT_DIRECTION},
        {"through-hubs", no_argument, NULL, OPT_THROUGH_HUBS},
        {"hub-fan", required_argument, NULL, OPT_HUB_FAN},
        {"max-visits", required_argument, NULL, OPT_MAX_VISITS},
        {"max-rows", required_argument, NULL, OPT_MAX_ROWS},
        {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
        {"where", required_argument, NULL, 'w'},
        {NULL, 0, NULL, 0}};
    relopts ro;
    zg_path_opts popt;
    zg_path_info info;
    zg_result *r = NULL;
    zg_error err;
    zg_id ends[2];
    char title[512];
    int rc;

    rc = relopts_init(c, &ro, argc);
    if (rc == EXIT_OK)
        rc =
            parse(c, &ro, argc, argv, "r:t:w:", opts, path_usage, 2, "A and B");
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
    rc = load_names(c, argv, ends, 2);
    if (rc >= 0)
        goto out;
    memset(&popt, 0, sizeof popt);
    popt.view = c->view;
    popt.rels = ro.rels;
    popt.n_rels = ro.n_rels;
    popt.types = ro.types;
    popt.n_types = ro.n_types;
    popt.direction = ro.dir;
    popt.max_len = (unsigned)ro.max_len;
    popt.all = ro.all;
    popt.k = (unsigned)ro.k;
    popt.max_paths = (size_t)ro.max_paths;
    popt.through_hubs = ro.through_hubs;
    popt.hub_fan = (unsigned)ro.hub_fan;
    popt.edge_column = wants_edges(c);
    popt.budget = budget_of(&ro);
    popt.where = ro.where;
    popt.n_where = ro.n_where;
    zg_error_clear(&err);
    if (zg_query_path(c->g, ends[0], ends[1], &popt, &r, &info, &err) !=
        ZG_OK) {
        rc = query_failed(&err);
        goto out;
    }
    if (info.paths == 0) {
        char hubs[1024];
        hub_names(c, &info, hubs, sizeof hubs);
        if (ro.max_len > 0)
            snprintf(title, sizeof title, " within %ld hops", ro.max_len);
        else
            title[0] = '\0';
        cli_errorf(c, "no path from %s to %s%s%s%s%s%s", name_of(c, ends[0]),
                   name_of(c, ends[1]), title, c->as_of ? " as of " : "",
                   c->as_of ? c->as_of : "", *hubs ? "; avoided hubs: " : "",
                   hubs);
        if (*hubs)
            fputs("zonegraph: (--through-hubs lets paths pass through "
                  "them)\n",
                  stderr);
        if (c->format == FMT_TSV || c->format == FMT_JSON)
            cli_write(c, r);
        rc = EXIT_NOTFOUND;
        goto out;
    }
    if (info.truncated) {
        char count[64], why[160];
        count_text(info.total, info.total_more, count, sizeof count);
        limit_reason(info.stopped_by, info.limit, why, sizeof why);
        if (ro.all)
            cli_notef(c, "%s shortest paths; showing the first %zu%s", count,
                      info.paths, why);
        else
            cli_notef(c, "showing %zu of the %ld shortest paths asked for%s",
                      info.paths, ro.k, why);
    }
    if (c->format >= FMT_DOT) {
        snprintf(title, sizeof title, "%s — %s", name_of(c, ends[0]),
                 name_of(c, ends[1]));
        rc =
            cli_draw_answer(c, (const zg_result *const *)&r, 1, ends, 2, title);
    } else {
        rc = cli_write(c, r);
    }
out:
    zg_result_free(r);
    relopts_free(&ro);
    return rc;
}

/* ---- relate ---- */

static const char relate_usage[] =
    "Usage: zonegraph relate [OPTIONS] A B\n"
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
    static const struct option opts[] = {
        CLI_GLOBAL_LONGOPTS,
        {"max-len", required_argument, NULL, OPT_MAX_LEN},
        {"max-paths", required_argument, NULL, OPT_MAX_PATHS},
        {"rel", required_argument, NULL, 'r'},
        {"type", required_argument, NULL, 't'},
        {"through-hubs", no_argument, NULL, OPT_THROUGH_HUBS},
        {"hub-fan", required_argument, NULL, OPT_HUB_FAN},
        {"max-visits", required_argument, NULL, OPT_MAX_VISITS},
        {"max-rows", required_argument, NULL, OPT_MAX_ROWS},
        {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
        {"where", required_argument, NULL, 'w'},
        {NULL, 0, NULL, 0}};
    relopts ro;
    zg_relate_opts opt;
    zg_relate_answer ans;
    zg_error err;
    zg_id ends[2];
    char h_direct[64], h_shared[64], h_paths[128], title[512], count[64],
        why[160];
    int rc;

    memset(&ans, 0, sizeof ans);
    rc = relopts_init(c, &ro, argc);
    if (rc == EXIT_OK)
        rc = parse(c, &ro, argc, argv, "r:t:w:", opts, relate_usage, 2,
                   "A and B");
    if (rc >= 0)
        goto out;
    rc = load_names(c, argv, ends, 2);
    if (rc >= 0)
        goto out;
    if (ends[0] == ends[1]) {
        rc = cli_usage_error(c, "'%s' and '%s' are the same entity",
                             argv[optind], argv[optind + 1]);
        goto out;
    }
    memset(&opt, 0, sizeof opt);
    opt.view = c->view;
    opt.lang = (zg_label_lang)c->lang;
    opt.rels = ro.rels;
    opt.n_rels = ro.n_rels;
    opt.types = ro.types;
    opt.n_types = ro.n_types;
    opt.max_len = (unsigned)ro.max_len;
    opt.max_paths = (size_t)ro.max_paths;
    opt.through_hubs = ro.through_hubs;
    opt.hub_fan = (unsigned)ro.hub_fan;
    opt.edge_column = wants_edges(c);
    opt.budget = budget_of(&ro);
    opt.where = ro.where;
    opt.n_where = ro.n_where;
    zg_error_clear(&err);
    if (zg_query_relate(c->g, ends[0], ends[1], &opt, &ans, &err) != ZG_OK) {
        rc = query_failed(&err);
        goto out;
    }
    rows_note(c, &ans.shared_truncation, zg_result_rows(ans.shared),
              "rows of shared neighbours (one per pair of relations)");
    count_text(ans.path_info.total, ans.path_info.total_more, count,
               sizeof count);
    if (ans.path_info.truncated) {
        limit_reason(ans.path_info.stopped_by, ans.path_info.limit, why,
                     sizeof why);
        cli_notef(c, "showing %zu of %s shortest paths through other nodes%s",
                  ans.path_info.paths, count, why);
    }
    if (c->format >= FMT_DOT) {
        const zg_result *parts[] = {ans.direct, ans.shared, ans.paths};
        snprintf(title, sizeof title, "%s — %s", name_of(c, ends[0]),
                 name_of(c, ends[1]));
        rc = cli_draw_answer(c, parts, 3, ends, 2, title);
    } else {
        const zg_value *plen = zg_result_cell(ans.summary, 0, 6);
        snprintf(h_direct, sizeof h_direct, "direct relations (%zu)",
                 zg_result_rows(ans.direct));
        snprintf(h_shared, sizeof h_shared, "shared neighbours (%lld)",
                 zg_result_cell(ans.summary, 0, 3)->i);
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
    relopts_free(&ro);
    return rc;
}

/* ---- common ---- */

static const char common_usage[] =
    "Usage: zonegraph common [OPTIONS] A B\n"
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
    static const struct option opts[] = {
        CLI_GLOBAL_LONGOPTS,
        {"rel", required_argument, NULL, 'r'},
        {"type", required_argument, NULL, 't'},
        {"max-rows", required_argument, NULL, OPT_MAX_ROWS},
        {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
        {"where", required_argument, NULL, 'w'},
        {"evidence", no_argument, NULL, OPT_EVIDENCE},
        {"broader", no_argument, NULL, OPT_BROADER},
        {NULL, 0, NULL, 0}};
    relopts ro;
    zg_common_opts opt;
    zg_truncation cut;
    zg_result *r = NULL;
    zg_error err;
    zg_id ends[2];
    char title[512];
    int rc;

    rc = relopts_init(c, &ro, argc);
    if (rc == EXIT_OK)
        rc = parse(c, &ro, argc, argv, "r:t:w:", opts, common_usage, 2,
                   "A and B");
    if (rc >= 0)
        goto out;
    rc = load_names(c, argv, ends, 2);
    if (rc >= 0)
        goto out;
    memset(&opt, 0, sizeof opt);
    opt.view = c->view;
    opt.rels = ro.rels;
    opt.n_rels = ro.n_rels;
    opt.types = ro.types;
    opt.n_types = ro.n_types;
    opt.lang = (zg_label_lang)c->lang;
    opt.edge_column = wants_edges(c);
    opt.budget = budget_of(&ro);
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
    rows_note(c, &cut, zg_result_rows(r),
              "rows (one per pair of relations to a shared neighbour)");
    if (c->format >= FMT_DOT) {
        snprintf(title, sizeof title, "%s — %s", name_of(c, ends[0]),
                 name_of(c, ends[1]));
        rc =
            cli_draw_answer(c, (const zg_result *const *)&r, 1, ends, 2, title);
    } else {
        rc = cli_write(c, r);
    }
out:
    zg_result_free(r);
    relopts_free(&ro);
    return rc;
}

/* ---- similar ---- */

static const char similar_usage[] =
    "Usage: zonegraph similar [OPTIONS] NAME\n"
    "The nodes of NAME's type most like it: the Jaccard similarity of their\n"
    "neighbour sets, |shared| / |union|, a neighbour being any node linked\n"
    "by a relation in either direction. Columns: node, score (rounded to 3\n"
    "decimals), shared and union (the exact fraction), items (the shared\n"
    "neighbours). Highest score first, then most shared, then id; only\n"
    "nodes sharing at least one neighbour.\n"
    "\n"
    "      --by REL         compare neighbours through relations of type REL\n"
    "                       only; repeatable (default: every relation)\n"
    "  -n, --top N          list the N most similar (default 10)\n"
    "      --broader        a neighbour also brings the nodes it is\n"
    "                       narrower than (relation type broader,\n"
    "                       transitively) into the set; an item either node\n"
    "                       reaches only that way is marked (broader). An\n"
    "                       error when the data has no relation type\n"
    "                       broader.\n"
    "\n"
    "A diagram format draws NAME, the similar nodes, the shared neighbours\n"
    "and the relations to them.\n"
    "\n"
    "Options: --data FILE, -f/--format FMT, --lang LANG, -o/--output FILE,\n"
    "--as-of DATE, -h/--help (see zonegraph --help).\n"
    "Exit status: 0 answered, 1 bad usage or data, 2 NAME not found or\n"
    "ambiguous.\n";

/* zonegraph similar NAME: see similar_usage. */
int
cmd_similar(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_GLOBAL_LONGOPTS,
        {"by", required_argument, NULL, OPT_BY_REL},
        {"top", required_argument, NULL, 'n'},
        {"broader", no_argument, NULL, OPT_BROADER},
        {NULL, 0, NULL, 0}};
    relopts ro;
    zg_similar_opts opt;
    zg_result *r = NULL, *links = NULL;
    zg_error err;
    zg_id node;
    int rc;

    rc = relopts_init(c, &ro, argc);
    if (rc == EXIT_OK)
        rc = parse(c, &ro, argc, argv, "n:", opts, similar_usage, 1, "NAME");
    if (rc >= 0)
        goto out;
    rc = load_names(c, argv, &node, 1);
    if (rc >= 0)
        goto out;
    memset(&opt, 0, sizeof opt);
    opt.view = c->view;
    opt.rels = ro.rels;
    opt.n_rels = ro.n_rels;
    opt.top = ro.top > 0 ? (size_t)ro.top : 10;
    opt.lang = (zg_label_lang)c->lang;
    opt.broader = ro.broader;
    zg_error_clear(&err);
    if (zg_query_similar(c->g, node, &opt, &r,
                         c->format >= FMT_DOT ? &links : NULL, &err) != ZG_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    if (c->format >= FMT_DOT) {
        const zg_result *parts[] = {r, links};
        rc = cli_draw_answer(c, parts, 2, &node, 1, name_of(c, node));
    } else {
        rc = cli_write(c, r);
    }
out:
    zg_result_free(r);
    zg_result_free(links);
    relopts_free(&ro);
    return rc;
}

/* ---- rank ---- */

static const char rank_usage[] =
    "Usage: zonegraph rank [OPTIONS] TYPE\n"
    "The nodes of TYPE ranked by how many relations they have: rank (ties\n"
    "share a rank: 1, 1, 3), node, count. Most first, ties by id.\n"
    "\n"
    "      --by WHAT        degree (relations in and out, default), in\n"
    "                       (relations pointing at the node) or out\n"
    "  -r, --rel REL        count only relations of type REL; repeatable\n"
    "  -n, --top N          list the first N (default 10)\n"
    "      --evidence       add the columns sources and evidence (the\n"
    "                       node's)\n"
    "\n"
    "Example: which sector do most zones focus on?\n"
    "  zonegraph rank sector --by in --rel focuses_on\n"
    "A diagram format draws the ranked nodes and the relations counted.\n"
    "\n"
    "Options: --data FILE, -f/--format FMT, --lang LANG, -o/--output FILE,\n"
    "--as-of DATE, -h/--help (see zonegraph --help).\n"
    "Exit status: 0 answered, 1 bad usage, data, type or relation.\n";

/* zonegraph rank TYPE: see rank_usage. */
int
cmd_rank(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_GLOBAL_LONGOPTS,
        {"by", required_argument, NULL, OPT_BY},
        {"rel", required_argument, NULL, 'r'},
        {"top", required_argument, NULL, 'n'},
        {"evidence", no_argument, NULL, OPT_EVIDENCE},
        {NULL, 0, NULL, 0}};
    relopts ro;
    zg_rank_opts opt;
    zg_result *r = NULL, *links = NULL;
    zg_error err;
    int rc;

    rc = relopts_init(c, &ro, argc);
    if (rc == EXIT_OK)
        rc = parse(c, &ro, argc, argv, "r:n:", opts, rank_usage, 1, "TYPE");
    if (rc >= 0)
        goto out;
    rc = cli_prepare_output(c, FMT_TEXT | FMT_DIAGRAM);
    if (rc == EXIT_OK)
        rc = cli_load(c);
    if (rc != EXIT_OK)
        goto out;
    memset(&opt, 0, sizeof opt);
    opt.view = c->view;
    opt.by = ro.by;
    opt.rels = ro.rels;
    opt.n_rels = ro.n_rels;
    opt.top = ro.top > 0 ? (size_t)ro.top : 10;
    opt.evidence = ro.evidence;
    zg_error_clear(&err);
    if (zg_query_rank(c->g, argv[optind], &opt, &r,
                      c->format >= FMT_DOT ? &links : NULL, &err) != ZG_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    if (c->format >= FMT_DOT) {
        const zg_result *parts[] = {r, links};
        rc = cli_draw_answer(c, parts, 2, NULL, 0, NULL);
    } else {
        rc = cli_write(c, r);
    }
out:
    zg_result_free(r);
    zg_result_free(links);
    relopts_free(&ro);
    return rc;
}

/* ---- hubs ---- */

static const char hubs_usage[] =
    "Usage: zonegraph hubs [OPTIONS]\n"
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
    static const struct option opts[] = {
        CLI_GLOBAL_LONGOPTS,
        {"hub-fan", required_argument, NULL, OPT_HUB_FAN},
        {NULL, 0, NULL, 0}};
    relopts ro;
    zg_result *r = NULL;
    zg_error err;
    unsigned threshold = 0;
    char heading[96];
    int rc;

    rc = relopts_init(c, &ro, argc);
    if (rc == EXIT_OK)
        rc = parse(c, &ro, argc, argv, "", opts, hubs_usage, 0, "arguments");
    if (rc >= 0)
        goto out;
    rc = cli_prepare_output(c, FMT_TEXT | FMT_DIAGRAM);
    if (rc == EXIT_OK)
        rc = cli_load(c);
    if (rc != EXIT_OK)
        goto out;
    zg_error_clear(&err);
    if (zg_query_hubs(c->g, c->view, (unsigned)ro.hub_fan, &threshold, &r,
                      &err) != ZG_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    if (c->format >= FMT_DOT) {
        rc = cli_draw(c, r, NULL);
    } else if (c->format == FMT_TABLE) {
        cli_part part = {"hubs", heading, r, 0, 0};
        snprintf(heading, sizeof heading, "hubs (a fan of %u or more)",
                 threshold);
        rc = cli_write_parts(c, &part, 1);
    } else {
        rc = cli_write(c, r);
    }
out:
    zg_result_free(r);
    relopts_free(&ro);
    return rc;
}
