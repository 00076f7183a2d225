/* SPDX-License-Identifier: MIT */
/*
 * The zonegraph program: global options, dispatch to a subcommand, and the
 * helpers every subcommand shares (loading the data, resolving names,
 * choosing an output format, writing results, reporting errors). Only
 * cli/ prints, and every message goes through one escaping routine. The
 * commands (cmd_*.c) return an exit code to zg_cli_main(), which frees
 * the graph and closes the output on every path and returns the code to
 * main() (zonegraph.c). Nothing here exits, so a host (the CLI fuzz
 * target) can run one command line after another in one process.
 *
 * Global options may come before or after the command: zg_cli_main()
 * reads those before it with getopt_long in "stop at the first
 * non-option" mode, and each command's own getopt_long loop accepts them
 * too. "--" ends the options, there and in every command.
 */
#include "cli.h"

#include "zg_import.h"
#include "zg_text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

/* zonegraph --help: usage_head, the command list (from the command
 * table), usage_options, --data's formats (from the importer registry),
 * -f's (from the format registry), usage_tail. */
static const char usage_head[] =
    "Usage: zonegraph [OPTIONS] COMMAND [ARGS]...\n"
    "Ask the knowledge graph of China's national AI pilot zones.\n"
    "\n"
    "Commands:\n";

static const char usage_options[] = "\n"
                                    "Options (before or after the command):\n";

/* After -f's formats, which come from the format registry. */
static const char usage_tail[] =
    "                       A table starts with the entity each typed name\n"
    "                       resolved to; TSV writes a node as its id and\n"
    "                       its name (COLUMN, COLUMN_name, and COLUMN_en\n"
    "                       with --lang en or both)\n"
    "      --lang LANG      names in output: zh (default), en or both\n"
    "      --as-of DATE     see the graph as it stood at DATE (YYYY,\n"
    "                       YYYY-MM or YYYY-MM-DD): facts whose since is\n"
    "                       after it or whose until is before it are hidden\n"
    "      --max-input SIZE refuse a data file larger than SIZE bytes (K, M\n"
    "                       or G for KiB, MiB, GiB; default 4G)\n"
    "  -o, --output FILE    write to FILE instead of standard output (-:\n"
    "                       standard output)\n"
    "  -h, --help           show help (zonegraph COMMAND --help for a "
    "command)\n"
    "  -V, --version        show the version\n"
    "  --                   end the options: what follows is an argument\n"
    "                       even if it starts with '-'\n"
    "An option that takes one value may be given once; --data, --rel,\n"
    "--type, --where and --show may be repeated.\n"
    "\n"
    "NAME is an id (zone-beijing), a name or an alias in any script or case\n"
    "(北京, 北京市, beijing), optionally qualified by type (zone:北京).\n"
    "A script passing a NAME it did not write puts -- before it:\n"
    "  zonegraph show -f tsv -- \"$name\"\n"
    "\n"
    "Exit status: 0 answered, 1 bad usage or input, 2 name not found or\n"
    "ambiguous (and find without hits, path without a path).\n"
    "Data: --data, else $ZONEGRAPH_DATA (files separated by ':'; an empty\n"
    "entry is an error), else the installed " DATASET ".\n"
    "Messages on standard error show control characters, bidirectional\n"
    "overrides and bytes that are not UTF-8 escaped (\\u009B, \\xFF).\n";

/* ---- messages ---- */

/*
 * Every message goes through here: "zonegraph: ", `prefix`, the message
 * with every control character, bidirectional override and byte that is
 * not UTF-8 written visibly (zg_text_fputs_escaped()), and a newline. A
 * message quotes arguments, names and file contents, so this is what
 * keeps them from acting on the terminal.
 */
static void vmessage(const char *prefix, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;

static void
vmessage(const char *prefix, const char *fmt, va_list ap)
{
    char buf[1024], *big = NULL;
    const char *msg = buf;
    va_list aq;
    int n;

    va_copy(aq, ap);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    if (n < 0)
        msg = "(a message could not be formatted)";
    else if ((size_t)n >= sizeof buf && (big = malloc((size_t)n + 1)) != NULL) {
        vsnprintf(big, (size_t)n + 1, fmt, aq);
        msg = big;
    } /* else: out of memory, the first 1023 bytes */
    va_end(aq);
    fputs("zonegraph: ", stderr);
    fputs(prefix, stderr);
    zg_text_fputs_escaped(msg, 0, stderr);
    fputc('\n', stderr);
    free(big);
}

/* As vmessage(), with arguments. */
static void message(const char *prefix, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void
message(const char *prefix, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage(prefix, fmt, ap);
    va_end(ap);
}

/* Print "zonegraph: MSG" on stderr, escaped (see cli.h). */
void
cli_errorf(const cli *c, const char *fmt, ...)
{
    va_list ap;

    (void)c;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
}

/* Print "zonegraph: note: MSG" on stderr, escaped (see cli.h). */
void
cli_notef(const cli *c, const char *fmt, ...)
{
    va_list ap;

    (void)c;
    va_start(ap, fmt);
    vmessage("note: ", fmt, ap);
    va_end(ap);
}

/* Print `err` formatted by zg_error_format() on stderr, escaped: the
 * message may quote names and text from the data. */
void
cli_report(const zg_error *err)
{
    char buf[1024];

    message("", "%s", zg_error_format(err, buf, sizeof buf));
}

/* Print a usage error and the --help hint; returns EXIT_ERROR. */
int
cli_usage_error(const cli *c, const char *fmt, ...)
{
    char prefix[64] = "";
    va_list ap;

    if (c->cmd != NULL)
        snprintf(prefix, sizeof prefix, "%s: ", c->cmd);
    va_start(ap, fmt);
    vmessage(prefix, fmt, ap);
    va_end(ap);
    /* c->cmd is set only to a name the command table holds. */
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

/*
 * A whole number from `min` to `max` in `arg`: decimal digits only (no
 * sign, space or exponent), or -1 after a usage error that says the
 * range. A number option takes one value, so `opt` given before is an
 * error too.
 */
long
cli_range(cli *c, const char *opt, const char *arg, long min, long max)
{
    long v = 0;
    const char *p;

    if (cli_once(c, opt) >= 0)
        return -1;
    for (p = arg; *p >= '0' && *p <= '9'; p++) {
        int d = *p - '0';
        if (v > (max - d) / 10)
            break; /* more than max */
        v = 10 * v + d;
    }
    if (p == arg || *p != '\0' || v < min) {
        cli_usage_error(c, "%s needs a whole number from %ld to %ld, not '%s'",
                        opt, min, max, arg);
        return -1;
    }
    return v;
}

/* A whole number from 1 to `max`, or -1 (reported). */
long
cli_positive(cli *c, const char *opt, const char *arg, long max)
{
    return cli_range(c, opt, arg, 1, max);
}

/* Note that `opt` (its long name) was given; a usage error the second
 * time (see cli.h). */
int
cli_once(cli *c, const char *opt)
{
    for (size_t i = 0; i < c->n_once; i++)
        if (strcmp(c->once[i], opt) == 0)
            return cli_usage_error(c, "%s given twice (it takes one value)",
                                   opt);
    if (c->n_once < sizeof c->once / sizeof c->once[0])
        c->once[c->n_once++] = opt;
    return -1;
}

/* ---- options ---- */

/* Write zonegraph --help to `out`. */
static void
print_usage(FILE *out)
{
    char text[256], diagrams[128], help[512];

    fputs(usage_head, out);
    cli_print_commands(out);
    fputs(usage_options, out);
    text[0] = '\0';
    for (size_t i = 0; i < zg_import_format_count; i++)
        cli_join(text, sizeof text, i, zg_import_format_count, " or ",
                 zg_import_formats[i].title);
    snprintf(help, sizeof help,
             "load FILE (%s) instead of the shipped dataset; repeat to load "
             "several files into one graph",
             text);
    cli_fill(out, "      --data FILE", help);
    cli_format_list(FMT_TEXT, 0, " or ", text, sizeof text);
    cli_format_list(FMT_DIAGRAM, 0, " or ", diagrams, sizeof diagrams);
    snprintf(help, sizeof help,
             "%s (default: table when standard output is a terminal, else "
             "tsv); %s draw the part of the graph an answer names.",
             text, diagrams);
    cli_fill(out, "  -f, --format FMT", help);
    fputs(usage_tail, out);
}

/* Answer --help or --version; -1 when neither was given. */
int
cli_help_or_version(const cli *c, const char *help)
{
    if (c->want_help) {
        const char *ops = c->command->operands;
        printf("Usage: zonegraph %s [OPTIONS]%s%s\n", c->command->name,
               *ops ? " " : "", ops);
        fputs(help, stdout);
        return EXIT_OK;
    }
    if (c->want_version) {
        printf("zonegraph %s\n", PACKAGE_VERSION);
        return EXIT_OK;
    }
    return -1;
}

/* 1 when the format chosen is the one named `name`. */
int
cli_format_is(const cli *c, const char *name)
{
    return c->format != NULL && strcmp(c->format->name, name) == 0;
}

/* 1 when the format chosen is a graph writer. */
int
cli_draws(const cli *c)
{
    return c->format != NULL && c->format->kind != ZG_EXPORT_RESULT;
}

/* Append `word` as item `i` of `n` of a list (see cli.h). */
void
cli_join(char *buf, size_t size, size_t i, size_t n, const char *last,
         const char *word)
{
    size_t len = strlen(buf);

    snprintf(buf + len, size - len, "%s%s",
             i == 0       ? ""
             : i + 1 == n ? last
                          : ", ",
             word);
}

/* The formats of some kinds, joined (see cli.h). */
void
cli_format_list(unsigned kinds, unsigned flags, const char *last, char *buf,
                size_t size)
{
    const zg_export_format *pick[32];
    size_t n = 0, len;

    for (size_t i = 0; i < zg_export_format_count && n < 32; i++) {
        const zg_export_format *f = &zg_export_formats[i];
        if (((kinds >> f->kind) & 1u) &&
            (!(flags & CLI_LIST_BINARY) || f->binary))
            pick[n++] = f;
    }
    buf[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        const zg_export_format *f = pick[k];
        cli_join(buf, size, k, n, last, "");
        if (flags & CLI_LIST_EXTENSIONS) {
            for (const char *const *e = f->extensions; *e; e++) {
                len = strlen(buf);
                snprintf(buf + len, size - len, "%s%s",
                         e == f->extensions ? "" : "/", *e);
            }
            continue;
        }
        len = strlen(buf);
        snprintf(buf + len, size - len, "%s", f->name);
        if ((flags & CLI_LIST_TITLES) && strcasecmp(f->title, f->name) != 0) {
            len = strlen(buf);
            snprintf(buf + len, size - len, " (%s)", f->title);
        }
    }
}

/* An option's help, filled (see cli.h). */
void
cli_fill(FILE *out, const char *lead, const char *text)
{
    int col = fprintf(out, "%s", lead);
    const char *p = text;

    if (col > 22) {
        fputc('\n', out);
        col = 0;
    }
    col += fprintf(out, "%*s", 23 - col, "");
    while (*p != '\0') {
        size_t len = strcspn(p, " \n");
        if (col > 23 && col + 1 + (int)len > 71) {
            col = fprintf(out, "\n%23s", "") - 1;
        } else if (col > 23) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, len, out);
        col += (int)len;
        p += len;
        if (*p == '\n')
            col = fprintf(out, "\n%23s", "") - 1;
        if (*p != '\0')
            p++;
    }
    fputc('\n', out);
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

/* Report an option getopt_long() did not accept (it returned '?' or ':'
 * with `optopt`); returns EXIT_ERROR. */
static int
bad_option(const cli *c, int opt, char **argv)
{
    /* For a long option getopt has moved past its word; for a short one
     * only when it was the last letter of its word, so the letter is
     * named on its own. */
    const char *word = optind > 0 ? argv[optind - 1] : "";
    const char *eq = strchr(word, '=');
    int is_long = strncmp(word, "--", 2) == 0;

    if (opt == ':')
        return cli_usage_error(c, "option '%s' needs a value", word);
    /* A long flag given "=VALUE": getopt reports it with optopt set to
     * the flag's code (only --help and --version have letters). */
    if (is_long && eq != NULL &&
        (optopt >= OPT_DATA || optopt == 'h' || optopt == 'V'))
        return cli_usage_error(c, "option '%.*s' takes no value",
                               (int)(eq - word), word);
    if (optopt == 0 || optopt >= OPT_DATA)
        return cli_usage_error(c,
                               "unknown option '%s' (put -- before an "
                               "argument that starts with '-')",
                               word);
    return cli_usage_error(c,
                           "unknown option '-%c' (put -- before an "
                           "argument that starts with '-')",
                           optopt);
}

/* A size for --max-input: decimal digits, then optionally K, M or G
 * (either case) for KiB, MiB or GiB; at least 1 byte, within size_t.
 * 0 and the size in *out, or -1. */
static int
parse_size(const char *s, size_t *out)
{
    size_t n = 0, mult = 1;

    if (*s < '0' || *s > '9')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++) {
        size_t d = (size_t)(*s - '0');
        if (n > (SIZE_MAX - d) / 10)
            return -1;
        n = n * 10 + d;
    }
    switch (*s) {
    case 'K':
    case 'k': mult = (size_t)1 << 10; break;
    case 'M':
    case 'm': mult = (size_t)1 << 20; break;
    case 'G':
    case 'g': mult = (size_t)1 << 30; break;
    case '\0': break;
    default: return -1;
    }
    if ((mult > 1 && s[1] != '\0') || n == 0 || n > SIZE_MAX / mult)
        return -1;
    *out = n * mult;
    return 0;
}

const zg_import_limits *
cli_import_limits(const cli *c, zg_import_limits *buf)
{
    zg_import_default_limits(buf);
    if (c->max_input)
        buf->max_bytes = c->max_input;
    return buf;
}

/* Apply a global option or report a bad one (see cli.h). */
int
cli_global_option(cli *c, int opt, const char *arg, char **argv)
{
    int rc;

    switch (opt) {
    case OPT_DATA:
        if (*arg == '\0')
            return cli_usage_error(c, "--data needs a file name, not ''");
        if (add_data(c, arg) != 0) {
            cli_errorf(c, "out of memory");
            return EXIT_ERROR;
        }
        return -1;
    case 'f':
        if ((rc = cli_once(c, "--format")) >= 0)
            return rc;
        c->format = zg_export_format_named(arg);
        if (c->format == NULL) {
            char names[256];
            cli_format_list(FMT_TEXT | FMT_DIAGRAM | FMT_GRAPH, 0, ", ", names,
                            sizeof names);
            return cli_usage_error(c, "unknown format '%s' (%s)", arg, names);
        }
        return -1;
    case OPT_AS_OF: {
        zg_period p;
        zg_error err;
        if ((rc = cli_once(c, "--as-of")) >= 0)
            return rc;
        zg_error_clear(&err);
        if (zg_period_parse(arg, &p, &err) != ZG_OK)
            return cli_usage_error(c, "--as-of: %s", err.msg);
        c->as_of = arg;
        return -1;
    }
    case OPT_LANG:
        if ((rc = cli_once(c, "--lang")) >= 0)
            return rc;
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
    case OPT_MAX_INPUT:
        if ((rc = cli_once(c, "--max-input")) >= 0)
            return rc;
        if (parse_size(arg, &c->max_input) != 0)
            return cli_usage_error(c,
                                   "--max-input needs a size in bytes, "
                                   "optionally with K, M or G (KiB, MiB, "
                                   "GiB), e.g. 600M, not '%s'",
                                   arg);
        return -1;
    case 'o':
        if ((rc = cli_once(c, "--output")) >= 0)
            return rc;
        if (*arg == '\0')
            return cli_usage_error(c, "--output needs a file name, or - for "
                                      "standard output");
        /* "-" is standard output, with all that goes with it. */
        c->output = strcmp(arg, "-") == 0 ? NULL : arg;
        return -1;
    case 'h': c->want_help = 1; return -1;
    case 'V': c->want_version = 1; return -1;
    case ':':
    case '?':
    default: return bad_option(c, opt, argv);
    }
}

/* ---- data ---- */

/* With --as-of, compute c->view of c->g. Returns an exit code. */
static int
make_view(cli *c)
{
    zg_error err;

    zg_error_clear(&err);
    if (c->as_of != NULL &&
        zg_view_new(&c->view, c->g, c->as_of, &err) != ZG_OK)
        return cli_fail(&err);
    c->filter.view = c->view;
    return EXIT_OK;
}

/* Import every path in `paths` into c->g, in order. */
static int
load_paths(cli *c, const char *const *paths, size_t n)
{
    zg_error err;
    zg_import_limits lim;

    zg_error_clear(&err);
    /* A snapshot (recognised by its first bytes) is opened, not imported;
     * the graph it gives is read-only, so it can only come first: a file
     * after it is refused by the import. */
    if (n > 0 && zg_import_is_snapshot(paths[0])) {
        if (zg_graph_open_snapshot(paths[0], 0, &c->g, &err) != ZG_OK) {
            cli_report(&err);
            return EXIT_ERROR;
        }
        paths++;
        n--;
    } else if (zg_graph_new(&c->g, &err) != ZG_OK) {
        return cli_fail(&err);
    }
    for (size_t i = 0; i < n; i++) {
        if (zg_import_xml_file(c->g, paths[i], cli_import_limits(c, &lim),
                               &err) != ZG_OK) {
            cli_report(&err);
            return EXIT_ERROR;
        }
    }
    return make_view(c);
}

/* Load the data files in order (see cli.h). */
int
cli_load(cli *c)
{
    const char *env = getenv("ZONEGRAPH_DATA");
    const char *fallback[1];
    char *copy = NULL, *p;
    const char **paths = NULL;
    size_t n = 0, cap = 0;
    int rc;

    if (c->n_data > 0)
        return load_paths(c, c->data, c->n_data);
    if (env == NULL || *env == '\0') {
        if (c->dataset != NULL) {
            c->g = c->dataset;
            return make_view(c);
        }
        fallback[0] = access(ZG_PKGDATADIR "/" DATASET, R_OK) == 0
                          ? ZG_PKGDATADIR "/" DATASET
                          : ZG_SRCDIR "/data/" DATASET;
        return load_paths(c, fallback, 1);
    }
    /* $ZONEGRAPH_DATA: paths separated by ':'. An empty entry (a leading,
     * trailing or doubled ':') names no file: an error, not an empty
     * graph. */
    copy = strdup(env);
    if (copy == NULL)
        goto oom;
    for (p = copy;;) {
        char *colon = strchr(p, ':');
        if (colon != NULL)
            *colon = '\0';
        if (*p == '\0') {
            cli_errorf(c,
                       "ZONEGRAPH_DATA: entry %zu of '%s' is empty (separate "
                       "file names with a single ':')",
                       n + 1, env);
            rc = EXIT_ERROR;
            goto out;
        }
        if (n == cap) {
            const char **grown;
            cap = cap ? 2 * cap : 4;
            grown = realloc(paths, cap * sizeof *grown);
            if (grown == NULL)
                goto oom;
            paths = grown;
        }
        paths[n++] = p;
        if (colon == NULL)
            break;
        p = colon + 1;
    }
    rc = load_paths(c, paths, n);
out:
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
        cli_notef(c,
                  "'%s' names %s:%s, which is not in the graph as of %s; "
                  "using %s:%s",
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

/* Note that `name` (an argv string) resolved to `n`, for show_resolved(). */
static void
remember(cli *c, const char *name, zg_id n)
{
    if (c->n_resolved < sizeof c->resolved / sizeof c->resolved[0]) {
        c->resolved[c->n_resolved] = n;
        c->typed[c->n_resolved] = name;
        c->n_resolved++;
    }
}

/* Resolve `name`, noting other nodes it names (see cli.h). */
int
cli_resolve(cli *c, const char *name, zg_id *out)
{
    zg_resolution res;
    zg_error err;
    char others[1024] = "";
    const zg_node_info *v;

    int rc;

    zg_error_clear(&err);
    if (zg_graph_resolve(c->g, name, &res, &err) != ZG_OK)
        return cli_fail(&err);
    *out = res.node;
    if (c->view != NULL && !zg_view_has_node(c->view, res.node)) {
        rc = resolve_hidden(c, name, &res, out);
        if (rc == EXIT_OK)
            remember(c, name, *out);
        return rc;
    }
    remember(c, name, res.node);
    if (res.n_others == 0)
        return EXIT_OK;
    for (size_t i = 0; i < res.n_others && i < 8; i++)
        describe(c->g, res.others[i], others, sizeof others);
    v = zg_graph_node(c->g, res.node);
    if (res.n_others > 8)
        cli_notef(c, "'%s' also names %s and %zu more; using %s:%s", name,
                  others, res.n_others - 8,
                  zg_graph_nodetype(c->g, v->type)->name, v->key);
    else
        cli_notef(c, "'%s' also names %s; using %s:%s", name, others,
                  zg_graph_nodetype(c->g, v->type)->name, v->key);
    return EXIT_OK;
}

/* ---- output ---- */

/* Write the header lines of the resolved names (see cli_resolve()) once,
 * before the first table. */
static void
show_resolved(cli *c)
{
    if (!cli_format_is(c, "table") || c->resolved_shown)
        return;
    c->resolved_shown = 1;
    for (size_t i = 0; i < c->n_resolved; i++) {
        const zg_node_info *v = zg_graph_node(c->g, c->resolved[i]);
        const char *label =
            zg_graph_node_label(c->g, c->resolved[i], c->lang == ZG_LANG_EN);
        zg_text_fputs_escaped(zg_graph_nodetype(c->g, v->type)->name, 0,
                              c->out);
        fputc(' ', c->out);
        zg_text_fputs_escaped(label, 0, c->out);
        if (strcmp(c->typed[i], label) != 0) {
            fputs(" (", c->out);
            zg_text_fputs_escaped(c->typed[i], 0, c->out);
            fputc(')', c->out);
        }
        fputc('\n', c->out);
    }
    if (c->n_resolved > 0)
        fputc('\n', c->out);
}

/* The usage error for a binary format bound for a terminal. */
static int
refuse_terminal(const cli *c)
{
    return cli_usage_error(c,
                           "will not write %s to a terminal; use -o FILE "
                           "or a pipe",
                           c->format->name);
}

/* Choose and check the format (see cli.h). */
int
cli_prepare_output(cli *c, unsigned allowed)
{

    if (c->format == NULL && c->output != NULL)
        c->format = zg_export_format_for_path(c->output);
    if (c->format == NULL)
        c->format = zg_export_format_named(
            c->output == NULL && isatty(STDOUT_FILENO) ? "table" : "tsv");
    if (!((allowed >> c->format->kind) & 1u))
        return cli_usage_error(c, "format '%s' is not available here",
                               c->format->name);
    if (c->format->binary && c->output == NULL && isatty(STDOUT_FILENO))
        return refuse_terminal(c);
    return EXIT_OK;
}

/* Open -o's file on first use, so that an answer that fails before any
 * output leaves no empty file behind. A file that is a terminal
 * (/dev/tty) gets no PNG or PDF, as standard output does not. Returns an
 * exit code. */
static int
open_output(cli *c)
{
    if (c->out != stdout || c->output == NULL)
        return EXIT_OK;
    c->out = fopen(c->output, "wb");
    if (c->out == NULL) {
        c->out = stdout;
        cli_errorf(c, "cannot open '%s' for writing: %s", c->output,
                   strerror(errno));
        return EXIT_ERROR;
    }
    if (c->format->binary && isatty(fileno(c->out))) {
        fclose(c->out);
        c->out = stdout;
        return refuse_terminal(c);
    }
    return EXIT_OK;
}

/* Write `r` as table, TSV or JSON; returns an exit code. */
int
cli_write(cli *c, const zg_result *r)
{
    zg_error err;
    zg_status st;

    zg_error_clear(&err);
    /* An answer drawn from a damaged snapshot is not shown. */
    if (c->g != NULL && zg_graph_damage(c->g, &err) != ZG_OK)
        return cli_fail(&err);
    if (open_output(c) != EXIT_OK)
        return EXIT_ERROR;
    show_resolved(c);
    st = c->format->write_result(r, c->lang, c->out, &err);
    return st == ZG_OK ? EXIT_OK : cli_fail(&err);
}

/* Write several results as one answer (see cli.h). */
int
cli_write_parts(cli *c, const cli_part *parts, size_t n)
{
    zg_error err;
    zg_status st;

    if (open_output(c) != EXIT_OK)
        return EXIT_ERROR;
    show_resolved(c);
    zg_error_clear(&err);
    st = c->format->write_parts(parts, n, c->lang, c->out, &err);
    return st == ZG_OK ? EXIT_OK : cli_fail(&err);
}

/* Draw the masked graph, or write it as a graph file, with the chosen
 * format's graph writer. */
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
    st = c->format->write_graph(c->g, &opt, c->out, &err);
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
                has_edges |= zg_result_cell(r, i, j)->kind == ZG_VAL_EDGE ||
                             zg_result_cell(r, i, j)->kind == ZG_VAL_PATH;
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

/* Parse global options, run the command, free everything once (see
 * cli.h). */
int
zg_cli_main(int argc, char **argv, zg_graph *dataset)
{
    static const struct option opts[] = {CLI_GLOBAL_LONGOPTS,
                                         {NULL, 0, NULL, 0}};
    cli c;
    const cli_command *cmd;
    int opt, rc = EXIT_OK;

    memset(&c, 0, sizeof c);
    c.out = stdout;
    c.lang = ZG_LANG_ZH;
    c.dataset = dataset;
    opterr = 0;
    optind = 0; /* glibc: start afresh, whatever an earlier call left */
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
            print_usage(stdout);
            goto out;
        }
    }
    if (optind == argc) {
        if (c.want_help) {
            print_usage(stdout);
            goto out;
        }
        print_usage(stderr);
        rc = EXIT_ERROR;
        goto out;
    }
    cmd = cli_command_find(argv[optind]);
    if (cmd == NULL || cmd->fn == NULL) {
        rc = cli_usage_error(&c, "'%s' is not a zonegraph command",
                             argv[optind]);
        goto out;
    }
    c.cmd = argv[optind];
    c.command = cmd;
    argc -= optind;
    argv += optind;
    optind = 0; /* glibc: restart scanning, for the command's own loop */
    rc = cmd->fn(&c, argc, argv);
    if (rc == EXIT_OK && c.g != NULL) {
        /* Damage a command met in a snapshot after it answered. */
        zg_error err = {0};
        if (zg_graph_damage(c.g, &err) != ZG_OK)
            rc = cli_fail(&err);
    }
out:
    if (c.out != stdout && fclose(c.out) != 0 && rc == EXIT_OK) {
        cli_errorf(&c, "cannot write '%s': %s", c.output, strerror(errno));
        rc = EXIT_ERROR;
    } else if (c.out == stdout && fflush(stdout) != 0 && rc == EXIT_OK) {
        cli_errorf(&c, "cannot write standard output: %s", strerror(errno));
        rc = EXIT_ERROR;
    }
    zg_view_free(c.view);
    free(c.filter_rels);
    free(c.filter_types);
    if (c.g != c.dataset)
        zg_graph_free(c.g);
    free(c.data);
    return rc;
}
