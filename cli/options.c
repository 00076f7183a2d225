/* SPDX-License-Identifier: MIT */
/*
 * The option table and the one option loop every command runs: a
 * command's own options come from its entry in the command table, are
 * read into a cli_opts with the same checks wherever they appear (a
 * number's range, a value given twice, --where's condition, --direction's
 * words), and the global options go to cli_global_option().
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The largest values the budget options take. */
#define MAX_VISITS_OPT 2000000000L
#define MAX_ROWS_OPT 100000000L
#define MAX_BYTES_OPT 2000000000L
#define MAX_WORK_OPT 1000000000000L

/* The help texts and the man page give the default budgets as numbers. */
_Static_assert(ZG_DEFAULT_MAX_VISITS == 20000000, "update --max-visits help");
_Static_assert(ZG_DEFAULT_MAX_ROWS == 50000, "update --max-rows help");
_Static_assert(ZG_DEFAULT_MAX_BYTES == 16777216, "update --max-bytes help");

const cli_option cli_options[CLI_O_COUNT] = {
    [CLI_O_REL] = {"rel", 'r', "REL"},
    [CLI_O_TYPE] = {"type", 't', "TYPE"},
    [CLI_O_WHERE] = {"where", 'w', "COND"},
    [CLI_O_DIRECTION] = {"direction", 0, "DIR"},
    [CLI_O_DEPTH] = {"depth", 'd', "K"},
    [CLI_O_EVIDENCE] = {"evidence", 0, NULL},
    [CLI_O_BROADER] = {"broader", 0, NULL},
    [CLI_O_SHOW] = {"show", 's', "PROP"},
    [CLI_O_MAX] = {"max", 'n', "N"},
    [CLI_O_IN] = {"in", 'i', "WHERE"},
    [CLI_O_TOP_K] = {"top", 'k', "K"},
    [CLI_O_TOP] = {"top", 'n', "N"},
    [CLI_O_ALL] = {"all", 0, NULL},
    [CLI_O_K] = {"k", 0, "N"},
    [CLI_O_MAX_LEN] = {"max-len", 0, "K"},
    [CLI_O_MAX_PATHS] = {"max-paths", 0, "N"},
    [CLI_O_THROUGH_HUBS] = {"through-hubs", 0, NULL},
    [CLI_O_HUB_FAN] = {"hub-fan", 0, "N"},
    [CLI_O_MAX_VISITS] = {"max-visits", 0, "N"},
    [CLI_O_MAX_ROWS] = {"max-rows", 0, "N"},
    [CLI_O_MAX_BYTES] = {"max-bytes", 0, "N"},
    [CLI_O_BY_REL] = {"by", 0, "REL"},
    [CLI_O_BY] = {"by", 0, "WHAT"},
    [CLI_O_MAX_ERRORS] = {"max-errors", 0, "N"},
    [CLI_O_STRICT] = {"strict", 0, NULL},
    [CLI_O_PARAM] = {"param", 'p', "NAME=JSON"},
    [CLI_O_FILE] = {"file", 0, "FILE"},
    [CLI_O_MAX_WORK] = {"max-work", 0, "N"},
    [CLI_O_MAX_HOPS] = {"max-hops", 0, "N"},
};

/* The global options, which every command takes too. */
static const struct option global[] = {CLI_GLOBAL_LONGOPTS};
#define N_GLOBAL (sizeof global / sizeof global[0])

/* The most options one command can take besides the global ones: all. */
#define MAX_OPTS ((size_t)CLI_O_COUNT)

/* Set up `o`, and c->filter's relation and node types, with room for
 * every repeated value `argc` words can give (list's --evidence adds four
 * names per --show or --where, and two); EXIT_OK or an exit code. */
static int
opts_init(cli *c, cli_opts *o, int argc)
{
    size_t n = (size_t)argc + 1;

    memset(o, 0, sizeof *o);
    o->where = calloc(n, sizeof *o->where);
    o->show = calloc(4 * n + 2, sizeof *o->show);
    o->params = calloc(n, sizeof *o->params);
    free(c->filter_rels);
    free(c->filter_types);
    c->filter_rels = calloc(n, sizeof *c->filter_rels);
    c->filter_types = calloc(n, sizeof *c->filter_types);
    c->filter.rels = c->filter_rels;
    c->filter.types = c->filter_types;
    c->filter.n_rels = c->filter.n_types = 0;
    c->filter.direction = ZG_DIR_BOTH;
    if (c->filter_rels == NULL || c->filter_types == NULL || o->where == NULL ||
        o->show == NULL || o->params == NULL) {
        cli_errorf(c, "out of memory");
        return EXIT_ERROR;
    }
    return EXIT_OK;
}

/* Free what cli_parse() allocated (see cli.h). */
void
cli_opts_free(cli_opts *o)
{
    free(o->where);
    free(o->show);
    free(o->params);
    memset(o, 0, sizeof *o);
}

/* A word an option takes, and the value it stands for. */
typedef struct word {
    const char *word;
    int value;
} word;

/* The value of the word `arg` among the `n` `words` of option `opt`, or
 * -1 after the usage error "OPT is A, B or C, not 'ARG'", or after "OPT
 * given twice". */
static int
one_of(cli *c, const char *opt, const char *arg, const word *words, size_t n)
{
    char list[128] = "";

    if (cli_once(c, opt) >= 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(arg, words[i].word) == 0)
            return words[i].value;
    for (size_t i = 0; i < n; i++)
        cli_join(list, sizeof list, i, n, " or ", words[i].word);
    cli_usage_error(c, "%s is %s, not '%s'", opt, list, arg);
    return -1;
}

/* Add the scopes named in `arg` (comma-separated) to `*in`; returns an
 * exit code. */
static int
parse_in(cli *c, const char *arg, unsigned *in)
{
    static const struct {
        const char *name;
        unsigned bit;
    } scopes[] = {{"names", ZG_FT_NAMES},
                  {"props", ZG_FT_PROPS},
                  {"evidence", ZG_FT_EVIDENCE}};
    const char *p = arg;

    for (;;) {
        size_t len = strcspn(p, ",");
        size_t i;
        for (i = 0; i < sizeof scopes / sizeof scopes[0]; i++)
            if (strlen(scopes[i].name) == len &&
                strncmp(p, scopes[i].name, len) == 0)
                break;
        if (i == sizeof scopes / sizeof scopes[0])
            return cli_usage_error(c,
                                   "--in takes names, props or evidence "
                                   "(comma-separated), not '%.*s'",
                                   (int)len, p);
        *in |= scopes[i].bit;
        if (p[len] == '\0')
            return EXIT_OK;
        p += len + 1;
    }
}

/* A number option's value into `*v`: -1 to go on, or EXIT_ERROR. */
static int
number(cli *c, const char *opt, const char *arg, long max, long *v)
{
    *v = cli_positive(c, opt, arg, max);
    return *v < 0 ? EXIT_ERROR : -1;
}

/* Apply option `id` with value `arg`; -1 to go on, or an exit code. */
static int
apply(cli *c, cli_opts *o, cli_opt id, const char *arg)
{
    static const word dirs[] = {
        {"out", ZG_DIR_OUT}, {"in", ZG_DIR_IN}, {"both", ZG_DIR_BOTH}};
    static const word bys[] = {
        {"degree", ZG_RANK_DEGREE}, {"in", ZG_RANK_IN}, {"out", ZG_RANK_OUT}};
    zg_error err;
    int v;

    switch (id) {
    case CLI_O_REL:
    case CLI_O_BY_REL: c->filter_rels[c->filter.n_rels++] = arg; return -1;
    case CLI_O_TYPE: c->filter_types[c->filter.n_types++] = arg; return -1;
    case CLI_O_SHOW: o->show[o->n_show++] = arg; return -1;
    case CLI_O_PARAM: o->params[o->n_params++] = arg; return -1;
    case CLI_O_FILE:
        if ((v = cli_once(c, "--file")) >= 0)
            return v;
        o->file = arg;
        return -1;
    case CLI_O_MAX_WORK:
        return number(c, "--max-work", arg, MAX_WORK_OPT, &o->max_work);
    case CLI_O_MAX_HOPS:
        return number(c, "--max-hops", arg, 1000000, &o->max_hops);
    case CLI_O_WHERE:
        zg_error_clear(&err);
        if (zg_where_parse(&o->where[o->n_where++], arg, &err) != ZG_OK)
            return cli_usage_error(c, "%s", err.msg);
        return -1;
    case CLI_O_DIRECTION:
        if ((v = one_of(c, "--direction", arg, dirs, 3)) < 0)
            return EXIT_ERROR;
        c->filter.direction = (zg_direction)v;
        return -1;
    case CLI_O_BY:
        if ((v = one_of(c, "--by", arg, bys, 3)) < 0)
            return EXIT_ERROR;
        o->by = (zg_rank_by)v;
        return -1;
    case CLI_O_IN: return parse_in(c, arg, &o->in) == EXIT_OK ? -1 : EXIT_ERROR;
    case CLI_O_EVIDENCE: o->evidence = 1; return -1;
    case CLI_O_BROADER: o->broader = 1; return -1;
    case CLI_O_ALL: o->all = 1; return -1;
    case CLI_O_THROUGH_HUBS: o->through_hubs = 1; return -1;
    case CLI_O_STRICT: o->strict = 1; return -1;
    case CLI_O_DEPTH: return number(c, "--depth", arg, 1000000, &o->depth);
    case CLI_O_MAX: return number(c, "--max", arg, 100000, &o->max);
    case CLI_O_TOP_K:
    case CLI_O_TOP: return number(c, "--top", arg, 1000000, &o->top);
    case CLI_O_K: return number(c, "--k", arg, 100, &o->k);
    case CLI_O_MAX_LEN:
        return number(c, "--max-len", arg, 1000000, &o->max_len);
    case CLI_O_MAX_PATHS:
        return number(c, "--max-paths", arg, 100000, &o->max_paths);
    case CLI_O_HUB_FAN:
        return number(c, "--hub-fan", arg, 1000000000, &o->hub_fan);
    case CLI_O_MAX_VISITS:
        return number(c, "--max-visits", arg, MAX_VISITS_OPT, &o->max_visits);
    case CLI_O_MAX_ROWS:
        return number(c, "--max-rows", arg, MAX_ROWS_OPT, &o->max_rows);
    case CLI_O_MAX_BYTES:
        return number(c, "--max-bytes", arg, MAX_BYTES_OPT, &o->max_bytes);
    case CLI_O_MAX_ERRORS: {
        char *end;
        int rc = cli_once(c, "--max-errors");
        if (rc >= 0)
            return rc;
        errno = 0;
        o->max_errors = strtoul(arg, &end, 10);
        if (*arg < '0' || *arg > '9' || *end != '\0' || errno != 0 ||
            o->max_errors > 1000000000ul)
            return cli_usage_error(
                c, "--max-errors '%s' is not a count (0 to 1000000000)", arg);
        o->max_errors_set = 1;
        return -1;
    }
    case CLI_O_END:
    case CLI_O_COUNT: break;
    }
    return -1;
}

/* Check the number of operands against the command's (see cli.h). */
static int
check_operands(cli *c, int n)
{
    const char *want = c->command->operands;
    size_t len = strlen(want);
    int variadic = len > 3 && strcmp(want + len - 3, "...") == 0;
    int need = *want == '\0' ? 0 : strchr(want, ' ') != NULL ? 2 : 1;

    if (*want == '[') /* one, optional: [QUERY] */
        return n <= 1 ? -1
                      : cli_usage_error(c, "one %.*s only (quote it)",
                                        (int)(len - 2), want + 1);
    if (need == 0)
        return n == 0 ? -1
                      : cli_usage_error(c, "%s takes no arguments",
                                        c->command->name);
    if (variadic)
        return n > 0 ? -1
                     : cli_usage_error(c, "missing %.*s", (int)(len - 3), want);
    if (need == 2) {
        const char *sp = strchr(want, ' ');
        return n == 2 ? -1
                      : cli_usage_error(c,
                                        "%s %.*s and %s (quote a name with "
                                        "spaces)",
                                        n < 2 ? "missing" : "only",
                                        (int)(sp - want), want, sp + 1);
    }
    if (n == 0)
        return cli_usage_error(c, "missing %s", want);
    if (n > 1)
        return cli_usage_error(c, "one %s only (quote a name with spaces)",
                               want);
    return -1;
}

/* The option loop of every command (see cli.h). */
int
cli_parse(cli *c, cli_opts *o, int argc, char **argv, const char *help)
{
    struct option opts[MAX_OPTS + N_GLOBAL + 1];
    char optstring[2 * MAX_OPTS + sizeof CLI_GLOBAL_SHORTOPTS + 2] = ":";
    const cli_opt *own = c->command->options;
    size_t n = 0, len = 1;
    int opt, rc;

    rc = opts_init(c, o, argc);
    if (rc != EXIT_OK)
        return rc;
    for (size_t i = 0; i < N_GLOBAL; i++)
        opts[n++] = global[i];
    for (size_t i = 0; own[i] != CLI_O_END && i < MAX_OPTS; i++) {
        const cli_option *spec = &cli_options[own[i]];
        opts[n].name = spec->name;
        opts[n].has_arg = spec->value ? required_argument : no_argument;
        opts[n].flag = NULL;
        opts[n].val =
            spec->letter ? (int)spec->letter : OPT_FIRST_LOCAL + (int)own[i];
        n++;
        if (spec->letter) {
            optstring[len++] = spec->letter;
            if (spec->value)
                optstring[len++] = ':';
        }
    }
    memset(&opts[n], 0, sizeof opts[n]);
    memcpy(optstring + len, CLI_GLOBAL_SHORTOPTS, sizeof CLI_GLOBAL_SHORTOPTS);
    while ((opt = getopt_long(argc, argv, optstring, opts, NULL)) != -1) {
        cli_opt id = CLI_O_END;
        if (opt >= OPT_FIRST_LOCAL) {
            id = (cli_opt)(opt - OPT_FIRST_LOCAL);
        } else {
            for (size_t i = 0; own[i] != CLI_O_END; i++)
                if (cli_options[own[i]].letter == opt)
                    id = own[i];
        }
        rc = id != CLI_O_END ? apply(c, o, id, optarg)
                             : cli_global_option(c, opt, optarg, argv);
        if (rc >= 0)
            return rc;
    }
    rc = cli_help_or_version(c, help);
    if (rc >= 0)
        return rc;
    return check_operands(c, argc - optind);
}
