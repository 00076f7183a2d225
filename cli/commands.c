/* SPDX-License-Identifier: MIT */
/*
 * The command table: every command once, with its operands, its summary
 * for `zonegraph --help` and the options it takes. Dispatch, the command
 * list of the help, each command's "Usage:" line, its option parser and
 * the check of its operands all read it, and a unit test holds the
 * manual's synopsis and command list to it; a new command is one entry
 * here and one cmd_NAME.c.
 */
#include "cli.h"

#include <string.h>

/* The options of each command, in the order its help lists them. */
static const cli_opt show_opts[] = {CLI_O_END};
static const cli_opt neighbours_opts[] = {
    CLI_O_REL,   CLI_O_TYPE,     CLI_O_DEPTH,   CLI_O_DIRECTION,
    CLI_O_WHERE, CLI_O_EVIDENCE, CLI_O_BROADER, CLI_O_END};
static const cli_opt list_opts[] = {CLI_O_WHERE, CLI_O_SHOW, CLI_O_EVIDENCE,
                                    CLI_O_END};
static const cli_opt find_opts[] = {CLI_O_MAX, CLI_O_IN, CLI_O_END};
static const cli_opt stats_opts[] = {CLI_O_TOP_K, CLI_O_END};
static const cli_opt path_opts[] = {
    CLI_O_ALL,        CLI_O_K,         CLI_O_MAX_LEN,   CLI_O_MAX_PATHS,
    CLI_O_MAX_VISITS, CLI_O_MAX_ROWS,  CLI_O_MAX_BYTES, CLI_O_REL,
    CLI_O_TYPE,       CLI_O_DIRECTION, CLI_O_WHERE,     CLI_O_THROUGH_HUBS,
    CLI_O_HUB_FAN,    CLI_O_END};
static const cli_opt relate_opts[] = {
    CLI_O_MAX_LEN,      CLI_O_MAX_PATHS, CLI_O_MAX_VISITS, CLI_O_MAX_ROWS,
    CLI_O_MAX_BYTES,    CLI_O_REL,       CLI_O_TYPE,       CLI_O_WHERE,
    CLI_O_THROUGH_HUBS, CLI_O_HUB_FAN,   CLI_O_END};
static const cli_opt common_opts[] = {
    CLI_O_TYPE,    CLI_O_REL,      CLI_O_WHERE,     CLI_O_EVIDENCE,
    CLI_O_BROADER, CLI_O_MAX_ROWS, CLI_O_MAX_BYTES, CLI_O_END};
static const cli_opt similar_opts[] = {CLI_O_BY_REL, CLI_O_TOP, CLI_O_BROADER,
                                       CLI_O_END};
static const cli_opt rank_opts[] = {CLI_O_BY, CLI_O_REL, CLI_O_TOP,
                                    CLI_O_EVIDENCE, CLI_O_END};
static const cli_opt hubs_opts[] = {CLI_O_HUB_FAN, CLI_O_END};
static const cli_opt validate_opts[] = {CLI_O_MAX_ERRORS, CLI_O_STRICT,
                                        CLI_O_END};
static const cli_opt export_opts[] = {CLI_O_TYPE, CLI_O_REL, CLI_O_END};
static const cli_opt save_opts[] = {CLI_O_END};
static const cli_opt query_opts[] = {CLI_O_PARAM, CLI_O_FILE, CLI_O_MAX_WORK,
                                     CLI_O_MAX_HOPS, CLI_O_END};
static const cli_opt help_opts[] = {CLI_O_END};

const cli_command cli_commands[] = {
    {"show", NULL, "NAME",
     "the entity card: names, properties, figures and\n"
     "every relation with its source and evidence",
     show_opts, cmd_show},
    {"neighbours", "neighbors", "NAME",
     "nodes linked to NAME (--rel, --type, --depth,\n"
     "--where, --evidence, --broader);\n"
     "'neighbors' works too",
     neighbours_opts, cmd_neighbours},
    {"list", NULL, "TYPE", "nodes of a type (--where PROP=VALUE, --show PROP)",
     list_opts, cmd_list},
    {"find", NULL, "TEXT...",
     "search names, properties and evidence, the\n"
     "match quoted, best first (--in, --max)",
     find_opts, cmd_find},
    {"stats", NULL, "", "counts by node and relation type, most connected",
     stats_opts, cmd_stats},
    {"path", NULL, "A B",
     "the shortest connection, hop by hop, with\n"
     "evidence (--all, --k N, --max-len K)",
     path_opts, cmd_path},
    {"relate", "explain", "A B",
     "everything linking A and B, said in sentences:\n"
     "direct relations, shared neighbours, paths;\n"
     "'explain' works too",
     relate_opts, cmd_relate},
    {"common", NULL, "A B", "the neighbours A and B share", common_opts,
     cmd_common},
    {"similar", NULL, "NAME", "the most similar nodes of the same type",
     similar_opts, cmd_similar},
    {"rank", NULL, "TYPE", "nodes of TYPE by relation count (--by, --rel)",
     rank_opts, cmd_rank},
    {"hubs", NULL, "", "the nodes paths do not pass through", hubs_opts,
     cmd_hubs},
    {"query", NULL, "[QUERY]",
     "answer a query in a Cypher-style language\n"
     "(MATCH ... RETURN ...; --param NAME=JSON,\n"
     "--file FILE, '-' reads standard input)",
     query_opts, cmd_query},
    {"validate", NULL, "FILE...",
     "check FILEs (together, in order): every error\n"
     "and warning (--strict, --max-errors N)",
     validate_opts, cmd_validate},
    {"export", NULL, "",
     "the whole graph as DOT, SVG, PNG, PDF, zonegraph\n"
     "XML or GraphML",
     export_opts, cmd_export},
    {"save", NULL, "FILE",
     "the data as a snapshot FILE that --data opens\n"
     "in place, without parsing",
     save_opts, cmd_save},
    {"help", NULL, "[COMMAND]", "this help, or a command's", help_opts, NULL},
};

const size_t cli_n_commands = sizeof cli_commands / sizeof cli_commands[0];

/* The entry named `name` or aliased so (see cli.h). */
const cli_command *
cli_command_find(const char *name)
{
    for (size_t i = 0; i < cli_n_commands; i++)
        if (strcmp(cli_commands[i].name, name) == 0 ||
            (cli_commands[i].alias != NULL &&
             strcmp(cli_commands[i].alias, name) == 0))
            return &cli_commands[i];
    return NULL;
}

/* The command list of zonegraph --help (see cli.h). */
void
cli_print_commands(FILE *out)
{
    for (size_t i = 0; i < cli_n_commands; i++) {
        const cli_command *k = &cli_commands[i];
        const char *p = k->summary;
        int w = fprintf(out, "  %s%s%s", k->name, *k->operands ? " " : "",
                        k->operands);
        /* the summary starts at column 23, on a line of its own when the
         * name and operands reach it */
        if (w > 22) {
            fputc('\n', out);
            w = 0;
        }
        fprintf(out, "%*s", 23 - w, "");
        for (; *p != '\0'; p++) {
            fputc(*p, out);
            if (*p == '\n')
                fprintf(out, "%23s", "");
        }
        fputc('\n', out);
    }
}
