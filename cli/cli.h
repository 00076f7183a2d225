/* SPDX-License-Identifier: MIT */
/*
 * Internal to cli/: the state every subcommand shares (global options, the
 * loaded graph, the output stream) and the helpers that print errors, load
 * data, resolve names and write results. Only cli/ prints, and nothing in
 * it exits: the helpers here return exit codes, the command functions
 * return them to zg_cli_main(), which frees everything and returns the
 * code to main(). Every message on stderr goes through cli_errorf(),
 * cli_notef(), cli_report() or cli_usage_error(), which show control
 * characters visibly.
 */
#ifndef ZG_CLI_H
#define ZG_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "zg_error.h"
#include "zg_export.h"
#include "zg_graph.h"
#include "zg_import.h"
#include "zg_query.h"

/* Exit codes. */
enum {
    EXIT_OK = 0,      /* answered */
    EXIT_ERROR = 1,   /* bad usage, bad input file, I/O, out of memory */
    EXIT_NOTFOUND = 2 /* a name not found or ambiguous (or hidden at the
                         --as-of date); find without hits; no path */
};

/* Output formats. Text formats print results; diagram formats draw the
 * part of the graph a result mentions. */
typedef enum cli_format {
    FMT_UNSET = 0,
    FMT_TABLE,
    FMT_TSV,
    FMT_JSON,
    FMT_DOT,
    FMT_SVG,
    FMT_PNG,
    FMT_PDF,
    FMT_XML,    /* zonegraph XML of the (masked) graph */
    FMT_GRAPHML /* GraphML of the (masked) graph */
} cli_format;

/* The name of each format, by cli_format ("" for FMT_UNSET). */
extern const char *const cli_format_names[];

/* getopt_long codes of the global options (short ones are their letter). */
enum {
    OPT_DATA = 256,
    OPT_LANG,
    OPT_AS_OF,
    OPT_MAX_INPUT,
    OPT_FIRST_LOCAL /* commands number their long-only options from here */
};

/* The global options, for a command's long option table. */
/* clang-format off: one option a line */
#define CLI_GLOBAL_LONGOPTS                                                    \
    {"data", required_argument, NULL, OPT_DATA},                               \
        {"format", required_argument, NULL, 'f'},                              \
        {"lang", required_argument, NULL, OPT_LANG},                           \
        {"as-of", required_argument, NULL, OPT_AS_OF},                         \
        {"max-input", required_argument, NULL, OPT_MAX_INPUT},                 \
        {"output", required_argument, NULL, 'o'},                              \
        {"help", no_argument, NULL, 'h'},                                      \
    {                                                                          \
        "version", no_argument, NULL, 'V'                                      \
    }
/* clang-format on */

/* Their short letters, for a command's optstring (after its own). */
#define CLI_GLOBAL_SHORTOPTS "f:o:hV"

typedef struct cli {
    const char *cmd;   /* the subcommand, for messages */
    const char **data; /* --data files, in order (argv strings) */
    size_t n_data, cap_data;
    cli_format format; /* FMT_UNSET until --format */
    zg_lang lang;
    const char *output;   /* -o FILE, or NULL for stdout */
    FILE *out;            /* stdout, or the -o file once opened */
    zg_graph *g;          /* the loaded graph, or NULL */
    const char *as_of;    /* --as-of DATE (checked), or NULL */
    size_t max_input;     /* --max-input in bytes, or 0: the default */
    zg_view *view;        /* the graph as of --as-of, made by cli_load();
                             NULL without --as-of (everything visible) */
    int want_help;        /* --help seen */
    int want_version;     /* --version seen */
    zg_graph *dataset;    /* the default dataset, loaded by the host
                             (borrowed), or NULL: read it */
    const char *once[16]; /* options that take one value, given so far
                             (cli_once()) */
    size_t n_once;
    /* The names cli_resolve() resolved (typed: argv strings), which
     * table output names in a header line before the answer. */
    zg_id resolved[4];
    const char *typed[4];
    size_t n_resolved;
    int resolved_shown; /* the header lines were written */
} cli;

/* A subcommand: argv[0] is its name; returns an exit code. */
typedef int (*cli_cmd_fn)(cli *c, int argc, char **argv);

/* ---- main.c ---- */

/*
 * Run the command line `argv` (`argc` words, argv[0] the program's name)
 * as the zonegraph program does and return its exit status; never exits.
 * Answers go to stdout (or -o's file), messages to stderr. `dataset`, when
 * not NULL, is the default dataset already loaded (borrowed: not freed,
 * only read): it answers when neither --data nor $ZONEGRAPH_DATA names
 * files, instead of the installed file being read. getopt's state is
 * reset on entry, so a process may call this again and again (the CLI
 * fuzz target does); getopt may reorder `argv`.
 */
int zg_cli_main(int argc, char **argv, zg_graph *dataset);

/* Print "zonegraph: MSG" on stderr. MSG is shown with control characters,
 * bidirectional overrides and bytes that are not UTF-8 escaped
 * (zg_text_fputs_escaped()), as is every message below. */
void cli_errorf(const cli *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Print "zonegraph: note: MSG" on stderr. */
void cli_notef(const cli *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Print "zonegraph: FILE:LINE:COL: error: MSG" for `err`. */
void cli_report(const zg_error *err);

/* Report a usage error with a hint to the command's --help; EXIT_ERROR. */
int cli_usage_error(const cli *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/*
 * Handle option `opt` (from getopt_long) if it is a global one, or report
 * an unknown option or missing argument. Returns -1 when handled and the
 * command should continue, otherwise an exit code to return.
 */
int cli_global_option(cli *c, int opt, const char *arg, char **argv);

/* The exit code for a failed library call: 2 for not found or ambiguous,
 * 1 otherwise. Prints the error. */
int cli_fail(const zg_error *err);

/* Load the data files (--data, $ZONEGRAPH_DATA, the installed dataset,
 * the source tree's) into c->g, and with --as-of compute c->view.
 * Returns an exit code. */
int cli_load(cli *c);

/* Resolve a name typed on the command line to a node, noting on stderr
 * which other nodes it also names, and remembering the node for the
 * header line that table output starts with ("TYPE NAME (TYPED)": the
 * node's type and name, and the text typed when it differs). With --as-of, a
 * node not in the graph at that date gives way to another node the name matches
 * that is; failing that it is not found (exit 2). Returns an exit code. */
int cli_resolve(cli *c, const char *name, zg_id *out);

/* Pick the default format and check that it is one of `allowed` (a bit
 * per cli_format). The -o file is opened by the first write. Returns an
 * exit code. */
int cli_prepare_output(cli *c, unsigned allowed);

/* The format a file name's extension suggests (.json, .tsv, .txt for a
 * table, .dot or .gv, .svg, .png, .pdf, .xml, .graphml), or FMT_UNSET. */
cli_format cli_format_from_name(const char *path);

#define FMT_BIT(f) (1u << (f))
#define FMT_TEXT (FMT_BIT(FMT_TABLE) | FMT_BIT(FMT_TSV) | FMT_BIT(FMT_JSON))
#define FMT_DIAGRAM                                                            \
    (FMT_BIT(FMT_DOT) | FMT_BIT(FMT_SVG) | FMT_BIT(FMT_PNG) | FMT_BIT(FMT_PDF))
#define FMT_GRAPH (FMT_BIT(FMT_XML) | FMT_BIT(FMT_GRAPHML))

/* Write `r` in the text format chosen (table, tsv, json). Returns an exit
 * code. */
int cli_write(cli *c, const zg_result *r);

/* Write several results: one JSON document of `parts`, or for table and
 * TSV each part after a blank line, table parts under a heading (their
 * `name`) and record parts as cards. Parts with `skip_empty` and no rows
 * are left out of table and TSV output. */
typedef struct cli_part {
    const char *name;
    const char *heading; /* table heading, or NULL for none */
    const zg_result *result;
    int record;
    int skip_empty;
} cli_part;
int cli_write_parts(cli *c, const cli_part *parts, size_t n);

/* Draw the part of the graph `r` mentions in the diagram format chosen. */
int cli_draw(cli *c, const zg_result *r, const char *title);

/* Draw the part of the graph that `n` results (NULL entries skipped) and
 * the `n_nodes` nodes in `nodes` mention: the answer of a command with
 * several results, endpoints included. Without edge cells, the relations
 * among the nodes are drawn. */
int cli_draw_answer(cli *c, const zg_result *const *results, size_t n,
                    const zg_id *nodes, size_t n_nodes, const char *title);

/* Draw with explicit masks (either may be NULL: everything). With
 * --as-of, only what the view shows is drawn. */
int cli_draw_masks(cli *c, const unsigned char *node_mask,
                   const unsigned char *edge_mask, const char *title);

/* After a command's option loop: print `usage` for --help or the version
 * for --version and return EXIT_OK; -1 when neither was asked for. */
int cli_help_or_version(const cli *c, const char *usage);

/* The import limits for reading data files: the defaults, with
 * --max-input's size when given; filled into `buf`, returned. */
const zg_import_limits *cli_import_limits(const cli *c, zg_import_limits *buf);

/* The whole number from `min` to `max` that option `opt` (its long name)
 * was given as `arg` (decimal digits only: no sign, space or exponent),
 * or -1 after the usage error "OPT needs a whole number from MIN to MAX,
 * not 'ARG'", or after "OPT given twice" (see cli_once()). */
long cli_range(cli *c, const char *opt, const char *arg, long min, long max);
/* cli_range() from 1 to `max`. */
long cli_positive(cli *c, const char *opt, const char *arg, long max);

/* Note that option `opt` (named by its long form, e.g. "--depth"), which
 * takes one value, was given: -1 the first time, a usage error (and
 * EXIT_ERROR) when it was given before. */
int cli_once(cli *c, const char *opt);

/* ---- the commands ---- */
int cmd_show(cli *c, int argc, char **argv);
int cmd_neighbours(cli *c, int argc, char **argv);
int cmd_list(cli *c, int argc, char **argv);
int cmd_find(cli *c, int argc, char **argv);
int cmd_stats(cli *c, int argc, char **argv);
int cmd_validate(cli *c, int argc, char **argv);
int cmd_export(cli *c, int argc, char **argv);
/* cmd_relate.c: relationship questions */
int cmd_path(cli *c, int argc, char **argv);
int cmd_relate(cli *c, int argc, char **argv);
int cmd_common(cli *c, int argc, char **argv);
int cmd_similar(cli *c, int argc, char **argv);
int cmd_rank(cli *c, int argc, char **argv);
int cmd_hubs(cli *c, int argc, char **argv);

#endif /* ZG_CLI_H */
