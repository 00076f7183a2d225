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

/* The kinds of output format (zg_export_formats) a command accepts, a
 * bit per zg_export_kind: results as text (table, tsv, json), diagrams
 * of the part of the graph an answer names (dot, svg, png, pdf), graph
 * files (xml, graphml). */
#define FMT_TEXT (1u << ZG_EXPORT_RESULT)
#define FMT_DIAGRAM (1u << ZG_EXPORT_DIAGRAM)
#define FMT_GRAPH (1u << ZG_EXPORT_GRAPH)

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

/*
 * The options commands take besides the global ones. Each has one entry
 * in the option table (options.c): its long name, its letter (or none),
 * whether it takes a value and what the value is called; a command lists
 * the ones it takes in the command table, and one parser (cli_parse())
 * reads them all into a cli_opts. Two entries may share a long name when
 * no command takes both (--top is -n for similar and rank, -k for stats).
 */
typedef enum cli_opt {
    CLI_O_END = 0,      /* ends a command's list */
    CLI_O_REL,          /* -r, --rel REL (repeatable) */
    CLI_O_TYPE,         /* -t, --type TYPE (repeatable) */
    CLI_O_WHERE,        /* -w, --where COND (repeatable) */
    CLI_O_DIRECTION,    /* --direction out|in|both */
    CLI_O_DEPTH,        /* -d, --depth K */
    CLI_O_EVIDENCE,     /* --evidence */
    CLI_O_BROADER,      /* --broader */
    CLI_O_SHOW,         /* -s, --show PROP (repeatable) */
    CLI_O_MAX,          /* -n, --max N (find) */
    CLI_O_IN,           /* -i, --in WHERE (find; repeatable) */
    CLI_O_TOP_K,        /* -k, --top K (stats) */
    CLI_O_TOP,          /* -n, --top N (similar, rank) */
    CLI_O_ALL,          /* --all */
    CLI_O_K,            /* --k N */
    CLI_O_MAX_LEN,      /* --max-len K */
    CLI_O_MAX_PATHS,    /* --max-paths N */
    CLI_O_THROUGH_HUBS, /* --through-hubs */
    CLI_O_HUB_FAN,      /* --hub-fan N */
    CLI_O_MAX_VISITS,   /* --max-visits N */
    CLI_O_MAX_ROWS,     /* --max-rows N */
    CLI_O_MAX_BYTES,    /* --max-bytes N */
    CLI_O_BY_REL,       /* --by REL (similar; repeatable, into rels) */
    CLI_O_BY,           /* --by degree|in|out (rank) */
    CLI_O_MAX_ERRORS,   /* --max-errors N (validate) */
    CLI_O_STRICT,       /* --strict (validate) */
    CLI_O_PARAM,        /* -p, --param NAME=JSON (query; repeatable) */
    CLI_O_FILE,         /* --file FILE (query) */
    CLI_O_MAX_WORK,     /* --max-work N (query) */
    CLI_O_MAX_HOPS,     /* --max-hops N (query) */
    CLI_O_COUNT
} cli_opt;

/* One entry of the option table. */
typedef struct cli_option {
    const char *name;  /* long name, without "--" */
    char letter;       /* short letter, or 0 */
    const char *value; /* what its value is called ("REL"), or NULL for
                          a flag */
} cli_option;

/* The option table, by cli_opt. */
extern const cli_option cli_options[CLI_O_COUNT];

/* Everything the commands' options set; zero when not given. */
typedef struct cli_opts {
    const char **show; /* --show values, in order */
    size_t n_show;
    const char **params; /* --param NAME=JSON, in order */
    size_t n_params;
    const char *file; /* --file FILE */
    long max_work, max_hops;
    zg_where *where; /* --where conditions */
    size_t n_where;
    zg_rank_by by;
    unsigned in; /* find --in scopes (ZG_FT_*) */
    long depth, max, top, k, max_len, max_paths, hub_fan;
    long max_visits, max_rows, max_bytes; /* 0: the default */
    unsigned long max_errors;
    int max_errors_set;
    int all, through_hubs, evidence, broader, strict;
} cli_opts;

/* A subcommand: argv[0] is its name; returns an exit code. */
struct cli;
typedef int (*cli_cmd_fn)(struct cli *c, int argc, char **argv);

/*
 * One entry of the command table (commands.c), from which come dispatch,
 * the command list of `zonegraph --help`, each command's "Usage:" line,
 * the options its parser accepts and the number of its operands; the
 * manual's synopsis is checked against it (tests/unit/test_cli.c).
 */
typedef struct cli_command {
    const char *name;
    const char *alias;      /* another name for the command, or NULL */
    const char *operands;   /* "NAME", "A B", "TEXT..." (one or more), or
                               "" for none */
    const char *summary;    /* for zonegraph --help: lines separated by
                               '\n', each at most 49 columns */
    const cli_opt *options; /* its own options, ending with CLI_O_END */
    cli_cmd_fn fn;          /* NULL for help, which zg_cli_main() answers */
} cli_command;

/* The command table, in the order help lists them. */
extern const cli_command cli_commands[];
extern const size_t cli_n_commands;

/* The command named `name` (or by its alias), or NULL. */
const cli_command *cli_command_find(const char *name);

/* Write the command list of zonegraph --help: a line "  NAME OPERANDS"
 * padded to column 23, then the summary, its further lines indented to
 * column 23. */
void cli_print_commands(FILE *out);

typedef struct cli {
    const char *cmd;            /* the subcommand, for messages */
    const cli_command *command; /* its entry in the command table */
    const char **data;          /* --data files, in order (argv strings) */
    size_t n_data, cap_data;
    const zg_export_format *format; /* NULL until --format */
    zg_lang lang;
    const char *output; /* -o FILE, or NULL for stdout */
    FILE *out;          /* stdout, or the -o file once opened */
    zg_graph *g;        /* the loaded graph, or NULL */
    const char *as_of;  /* --as-of DATE (checked), or NULL */
    size_t max_input;   /* --max-input in bytes, or 0: the default */
    zg_view *view;      /* the graph as of --as-of, made by cli_load();
                           NULL without --as-of (everything visible) */
    /* What every query sees: the view (set by cli_load()), and the
     * relation types (--rel, similar's --by), node types (--type) and
     * direction (--direction) the command's options gave (set by
     * cli_parse()). Commands hand it to a query's options whole. */
    zg_filter filter;
    /* What filter.rels and filter.types point to; freed by zg_cli_main(). */
    const char **filter_rels, **filter_types;
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

/* Pick the default format (the one -o's extension names, else table on a
 * terminal and tsv otherwise) and check that it is of a kind in
 * `allowed` (FMT_TEXT, FMT_DIAGRAM, FMT_GRAPH). The -o file is opened by
 * the first write. Returns an exit code. */
int cli_prepare_output(cli *c, unsigned allowed);

/* 1 when the format chosen is the one named `name` ("table"). */
int cli_format_is(const cli *c, const char *name);

/* 1 when the format chosen draws (a graph writer), 0 when it writes the
 * rows of results. */
int cli_draws(const cli *c);

/* Append `word` to the list in `buf` as its item `i` (from 0) of `n`:
 * after ", ", or after `last` (" or ") when it is the last of several. */
void cli_join(char *buf, size_t size, size_t i, size_t n, const char *last,
              const char *word);

/* What cli_format_list() lists of each format. */
enum {
    CLI_LIST_TITLES = 1,    /* its title after its name, in parentheses,
                               when it says more ("xml (zonegraph XML)") */
    CLI_LIST_BINARY = 2,    /* only the binary formats */
    CLI_LIST_EXTENSIONS = 4 /* its extensions, joined by '/', not its name */
};

/* The formats of the kinds in `kinds` (FMT_TEXT ...) as `flags` say, in
 * the order of the registry, joined: "a, b or c" (`last` " or "), "a, b
 * and c", or "a, b, c" (`last` ", "), into `buf`. */
void cli_format_list(unsigned kinds, unsigned flags, const char *last,
                     char *buf, size_t size);

/* Write an option's help: `lead` ("  -f, --format FMT") padded to column
 * 23, then `text` filled to 71 columns, every line after the first
 * indented to column 23; a '\n' in `text` starts a new line. */
void cli_fill(FILE *out, const char *lead, const char *text);

/* Write `r` in the text format chosen (table, tsv, json). Returns an exit
 * code. */
int cli_write(cli *c, const zg_result *r);

/* Write several results: one JSON document of `parts`, or for table and
 * TSV each part after a blank line, table parts under a heading (their
 * `name`) and record parts as cards. Parts with `skip_empty` and no rows
 * are left out of table and TSV output. */
typedef zg_export_part cli_part;
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

/* After a command's option loop: for --help print the command's usage
 * line ("Usage: zonegraph NAME [OPTIONS] OPERANDS", from the command
 * table) and then `help`, for --version the version, and return EXIT_OK;
 * -1 when neither was asked for. */
int cli_help_or_version(const cli *c, const char *help);

/* ---- options.c ---- */

/*
 * The option loop every command runs: read the command's own options (as
 * the command table lists them) into `o`, except the filter's (--rel,
 * --by REL, --type, --direction), which go into c->filter, and the global
 * ones into `c`, answer --help (with `help`, see cli_help_or_version()) and
 * --version, and check the number of operands against the table's. `o` is set
 * up here and must be freed with cli_opts_free() whatever this returns. Returns
 * -1 to go on, with the operands at argv[optind], or an exit code.
 */
int cli_parse(cli *c, cli_opts *o, int argc, char **argv, const char *help);

/* Free what cli_parse() allocated in `o`. */
void cli_opts_free(cli_opts *o);

/* ---- answer.c: what the answering commands share ---- */

/* Choose the output (text or diagram formats), load the data and resolve
 * the `n` names at argv[optind] (none: `nodes` may be NULL); -1 to go on,
 * or an exit code. */
int cli_load_names(cli *c, char **argv, zg_id *nodes, int n);

/* The label of node `n` in the output language. */
const char *cli_name_of(const cli *c, zg_id n);

/* 1 when the chosen format wants edge cells (JSON, diagrams). */
int cli_wants_edges(const cli *c);

/* Draw what the `n` results about the pair `ends` name, the pair
 * included, titled "A — B". */
int cli_draw_pair(cli *c, const zg_result *const *results, size_t n,
                  const zg_id ends[2]);

/* The budget the options ask for (zero fields: the defaults). */
zg_budget cli_budget(const cli_opts *o);

/* A count of paths as text: the number, or "more than N" when the query
 * could not count them all. */
void cli_count_text(unsigned long long n, int more, char *buf, size_t size);

/* The cell of `r` at `row` in the column named `col`; a null cell when the
 * result has no such column or row, so that a renamed column reads as
 * absent rather than as another column's value. */
const zg_value *cli_cell(const zg_result *r, size_t row, const char *col);

/* The end of a note saying why an answer stopped at budget `by` of value
 * `limit`, naming the option that raises it. */
void cli_limit_reason(zg_limit by, size_t limit, char *buf, size_t size);

/* Report a failed query; for a work budget spent before any answer, say
 * which option raises it. Returns the exit code. */
int cli_query_failed(const zg_error *err);

/* Note on stderr the rows that `t` says a budget left out of `what`. */
void cli_rows_note(const cli *c, const zg_truncation *t, size_t shown,
                   const char *what);

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

/* ---- the commands (cmd_NAME.c; cmd_list.c also holds find and stats,
 * cmd_files.c validate and export) ---- */
int cmd_show(cli *c, int argc, char **argv);
int cmd_neighbours(cli *c, int argc, char **argv);
int cmd_list(cli *c, int argc, char **argv);
int cmd_find(cli *c, int argc, char **argv);
int cmd_stats(cli *c, int argc, char **argv);
int cmd_validate(cli *c, int argc, char **argv);
int cmd_export(cli *c, int argc, char **argv);
/* cmd_save.c */
int cmd_save(cli *c, int argc, char **argv);
int cmd_path(cli *c, int argc, char **argv);
int cmd_relate(cli *c, int argc, char **argv);
int cmd_common(cli *c, int argc, char **argv);
int cmd_similar(cli *c, int argc, char **argv);
int cmd_rank(cli *c, int argc, char **argv);
/* ---- query_io.c: what query and shell share ---- */

/* The parameters of queries ($NAME), in the form zg_cypher_opts takes. */
typedef struct cli_params {
    const char **names;
    zg_value *values;
    void **docs; /* the JSON documents the values borrow strings from */
    size_t n, cap;
    void **mem; /* names, lists and maps */
    size_t n_mem, cap_mem;
} cli_params;

/* Set the parameter NAME=JSON `arg` (again: the new value). 0, or -1 with
 * what is wrong in `why`. */
int cli_params_set(cli_params *p, const char *arg, char *why, size_t size);

/* Parameter `i` of `p` as compact JSON (free it), or NULL. */
char *cli_params_text(const cli_params *p, size_t i);

/* Free what `p` holds; it may be used again. */
void cli_params_free(cli_params *p);

/* Report a failed query of `text` (`len` bytes): the message, and when it
 * names a line and column, that line of the query with a caret under the
 * place, lined up by display width; the budget option when one was
 * reached. Returns the exit code. */
int cli_query_error(const char *text, size_t len, const zg_error *err);

int cmd_hubs(cli *c, int argc, char **argv);
int cmd_query(cli *c, int argc, char **argv);
int cmd_shell(cli *c, int argc, char **argv);

#endif /* ZG_CLI_H */
