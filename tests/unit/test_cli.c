/* SPDX-License-Identifier: MIT */
/*
 * The command table against what a user reads: `zonegraph --help` lists
 * every command of the table, in its order, with its operands; each
 * command's --help starts with its usage line and names every option the
 * table gives it; and the manual (doc/zonegraph.1) has a synopsis for
 * every command with exactly the options the table gives it, and the
 * same commands, operands and order under COMMANDS; and the manual and
 * the help name every output format of the registry and its file name
 * extensions. A command, option or format added to a table and not to
 * the manual, or the other way round, fails here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "zg_import.h"

#ifndef ZG_SRCDIR
#define ZG_SRCDIR "."
#endif

/* ---- running the program ---- */

/* Run zonegraph with `args` (NULL-terminated) and return what it wrote on
 * standard output (free it); *rc gets the exit status. */
static char *
run(int *rc, const char *const *args)
{
    char *argv[16], *text;
    int argc = 0, saved;
    FILE *tmp = tmpfile();
    long len;

    assert_non_null(tmp);
    /* copies: getopt may reorder them */
    argv[argc++] = strdup("zonegraph");
    for (; *args != NULL && argc < 15; args++)
        argv[argc++] = strdup(*args);
    argv[argc] = NULL;
    fflush(stdout);
    saved = dup(STDOUT_FILENO);
    assert_true(saved >= 0);
    assert_true(dup2(fileno(tmp), STDOUT_FILENO) >= 0);
    *rc = zg_cli_main(argc, argv, NULL);
    fflush(stdout);
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    assert_true(dup2(saved, STDOUT_FILENO) >= 0);
    close(saved);
    len = ftell(tmp);
    assert_true(len >= 0);
    text = calloc((size_t)len + 1, 1);
    assert_non_null(text);
    rewind(tmp);
    assert_int_equal(fread(text, 1, (size_t)len, tmp), (size_t)len);
    fclose(tmp);
    return text;
}

/* "NAME OPERANDS" of a command, as help and the manual write it. */
static void
name_and_operands(const cli_command *k, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s%s", k->name, *k->operands ? " " : "",
             k->operands);
}

/* ---- zonegraph --help ---- */

/* The command list of --help holds the table's commands in its order,
 * each line "  NAME OPERANDS" and nothing else between them. */
static void
test_help_lists_the_table(void **state)
{
    static const char *const args[] = {"--help", NULL};
    int rc;
    char *help = run(&rc, args), *p, *end;
    size_t next = 0;

    (void)state;
    assert_int_equal(rc, 0);
    p = strstr(help, "\nCommands:\n");
    assert_non_null(p);
    p += strlen("\nCommands:\n");
    end = strstr(p, "\n\n");
    assert_non_null(end);
    while (p < end) {
        char *eol = strchr(p, '\n'), want[64];
        if (strncmp(p, "  ", 2) == 0 && p[2] != ' ') {
            assert_true(next < cli_n_commands);
            name_and_operands(&cli_commands[next], want, sizeof want);
            if (strncmp(p + 2, want, strlen(want)) != 0 ||
                (p[2 + strlen(want)] != ' ' && p[2 + strlen(want)] != '\n'))
                fail_msg("--help lists '%.*s' where the table has '%s'",
                         (int)(eol - p), p, want);
            next++;
        } else if (strncmp(p, "                       ", 23) != 0) {
            fail_msg("--help: stray line in the command list: '%.*s'",
                     (int)(eol - p), p);
        }
        p = eol + 1;
    }
    assert_int_equal(next, cli_n_commands);
    free(help);
}

/* Every command's --help starts with its usage line and names each option
 * the table gives it (with its letter and value). */
static void
test_command_help_names_its_options(void **state)
{
    (void)state;
    for (size_t i = 0; i < cli_n_commands; i++) {
        const cli_command *k = &cli_commands[i];
        const char *args[] = {k->name, "--help", NULL};
        char want[128], *help;
        int rc;
        if (k->fn == NULL)
            continue; /* help itself */
        help = run(&rc, args);
        assert_int_equal(rc, 0);
        snprintf(want, sizeof want, "Usage: zonegraph %s [OPTIONS]%s%s\n",
                 k->name, *k->operands ? " " : "", k->operands);
        if (strncmp(help, want, strlen(want)) != 0)
            fail_msg("%s --help does not start with '%s'", k->name, want);
        for (const cli_opt *o = k->options; *o != CLI_O_END; o++) {
            const cli_option *spec = &cli_options[*o];
            if (spec->letter)
                snprintf(want, sizeof want, "-%c, --%s%s%s", spec->letter,
                         spec->name, spec->value ? " " : "",
                         spec->value ? spec->value : "");
            else
                snprintf(want, sizeof want, "--%s%s%s", spec->name,
                         spec->value ? " " : "",
                         spec->value ? spec->value : "");
            if (strstr(help, want) == NULL)
                fail_msg("%s --help does not describe '%s'", k->name, want);
        }
        if (k->alias != NULL) {
            const char *alias[] = {k->alias, "--help", NULL};
            char *same = run(&rc, alias);
            assert_string_equal(same, help);
            free(same);
        }
        free(help);
    }
}

/* ---- the manual ---- */

/* The manual's text (free it). */
static char *
read_manual(void)
{
    FILE *f = fopen(ZG_SRCDIR "/doc/zonegraph.1", "rb");
    char *text;
    long len;

    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    rewind(f);
    text = calloc((size_t)len + 1, 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    return text;
}

/* The section of `man` headed `.SH NAME`, up to the next .SH (a copy). */
static char *
section(const char *man, const char *name)
{
    char head[64];
    const char *p, *end;

    snprintf(head, sizeof head, "\n.SH %s\n", name);
    p = strstr(man, head);
    assert_non_null(p);
    p += strlen(head);
    end = strstr(p, "\n.SH ");
    if (end == NULL)
        end = p + strlen(p);
    return strndup(p, (size_t)(end - p));
}

/* `line` as the reader sees it: the arguments of a font request (.B,
 * .BI, .RB ...) joined as roff joins them (with spaces for one font,
 * without for alternating fonts; quotes keep spaces), escapes (\fB, \-)
 * taken out. */
static void
plain(const char *line, char *buf, size_t size)
{
    size_t n = 0, req = 0;
    const char *p = line;
    int alternating = 0, quoted = 0;

    if (*p == '.') {
        req = strcspn(p, " \n");
        alternating = req == 3; /* .BI, .RB, .IR ... */
        p += req;
        while (*p == ' ')
            p++;
    }
    for (; *p != '\0' && *p != '\n' && n + 1 < size; p++) {
        if (p[0] == '\\' && p[1] == 'f') {
            p += 2;
            continue;
        }
        if (p[0] == '\\' && p[1] == '-')
            continue;
        if (*p == '"') {
            quoted = !quoted;
            continue;
        }
        if (*p == ' ' && !quoted) {
            while (p[1] == ' ')
                p++;
            if (!alternating && n > 0)
                buf[n++] = ' ';
            continue;
        }
        buf[n++] = *p;
    }
    buf[n] = '\0';
}

/* 1 when `chunk` names option --NAME (written \-\-NAME, ending there). */
static int
names_option(const char *chunk, const char *name)
{
    char want[128] = "\\-\\-";
    const char *p = chunk;
    size_t len = strlen(want);

    /* roff writes every '-' as \- */
    for (const char *q = name; *q != '\0' && len + 3 < sizeof want; q++) {
        if (*q == '-')
            want[len++] = '\\';
        want[len++] = *q;
    }
    want[len] = '\0';
    while ((p = strstr(p, want)) != NULL) {
        char next = p[len];
        /* \-\-max is not \-\-max\-len */
        if (next != '\\' && next != '-' && (next < 'a' || next > 'z'))
            return 1;
        p += len;
    }
    return 0;
}

/* 1 when option --NAME is a global one (a synopsis may show it). */
static int
is_global(const char *name)
{
    static const struct option global[] = {CLI_GLOBAL_LONGOPTS};

    for (size_t i = 0; i < sizeof global / sizeof global[0]; i++)
        if (strcmp(global[i].name, name) == 0)
            return 1;
    return 0;
}

/* 1 when command `k` takes option --NAME. */
static int
takes(const cli_command *k, const char *name, size_t len)
{
    for (const cli_opt *o = k->options; *o != CLI_O_END; o++)
        if (strlen(cli_options[*o].name) == len &&
            strncmp(cli_options[*o].name, name, len) == 0)
            return 1;
    return 0;
}

/* The SYNOPSIS has one entry per command, in the table's order, each
 * starting with ".B zonegraph"; each names exactly the options the table
 * gives the command (and maybe global ones), [OPTIONS] and its operands. */
static void
test_manual_synopsis_matches_the_table(void **state)
{
    char *man = read_manual(), *syn = section(man, "SYNOPSIS");
    char *entry = syn;
    size_t next = 0;

    (void)state;
    /* the synopsis ends where the prose after it starts */
    *strstr(syn, "\n.PP\n") = '\0';
    while (entry != NULL && *entry != '\0') {
        char *end = strstr(entry + 1, "\n.br\n"), *line, first[64] = "";
        char text[1024] = "", plainline[256], want[64];
        const cli_command *k;
        if (end != NULL)
            *end = '\0';
        /* the command is the first word after "zonegraph" and [OPTIONS] */
        for (line = entry; line != NULL && *line != '\0';) {
            char *nl = strchr(line, '\n');
            plain(line, plainline, sizeof plainline);
            if (strlen(text) + strlen(plainline) + 2 < sizeof text) {
                if (*text && *plainline)
                    strcat(text, " ");
                strcat(text, plainline);
            }
            line = nl ? nl + 1 : NULL;
        }
        sscanf(text, "zonegraph [OPTIONS] %63[^ |]", first);
        if (*first == '\0')
            sscanf(text, "zonegraph %63[^ |]", first);
        while (next < cli_n_commands && cli_commands[next].fn == NULL)
            next++;
        assert_true(next < cli_n_commands);
        k = &cli_commands[next];
        if (strcmp(first, k->name) != 0)
            fail_msg("SYNOPSIS: '%s' where the table has '%s'", first, k->name);
        snprintf(want, sizeof want, "zonegraph [OPTIONS] %s", k->name);
        if (strncmp(text, want, strlen(want)) != 0)
            fail_msg("SYNOPSIS of %s: no [OPTIONS] before the command: '%s'",
                     k->name, text);
        if (*k->operands) {
            const char *tail = text + strlen(text) - strlen(k->operands);
            if (tail < text || strcmp(tail, k->operands) != 0)
                fail_msg("SYNOPSIS of %s does not end with '%s': '%s'", k->name,
                         k->operands, text);
        }
        for (const cli_opt *o = k->options; *o != CLI_O_END; o++)
            if (!names_option(entry, cli_options[*o].name))
                fail_msg("SYNOPSIS of %s lacks --%s", k->name,
                         cli_options[*o].name);
        for (char *p = entry; (p = strstr(p, "\\-\\-")) != NULL;) {
            size_t len;
            p += 4;
            len = 0;
            while (p[len] >= 'a' && p[len] <= 'z') {
                len++;
                if (strncmp(p + len, "\\-", 2) == 0)
                    len += 2;
            }
            if (len == 0)
                continue; /* "--" itself */
            {
                char name[64];
                size_t n = 0;
                for (size_t i = 0; i < len && n + 1 < sizeof name; i++)
                    if (p[i] != '\\')
                        name[n++] = p[i];
                name[n] = '\0';
                if (!takes(k, name, n) && !is_global(name))
                    fail_msg("SYNOPSIS of %s names --%s, which it does not "
                             "take",
                             k->name, name);
            }
        }
        (void)first;
        next++;
        entry = end ? end + strlen("\n.br\n") : NULL;
    }
    while (next < cli_n_commands && cli_commands[next].fn == NULL)
        next++;
    if (next != cli_n_commands)
        fail_msg("SYNOPSIS lacks %s", cli_commands[next].name);
    free(syn);
    free(man);
}

/* The COMMANDS entry of `k`, from `start` to `end`, describes each option
 * the table gives it. */
static void
check_entry(const cli_command *k, const char *start, const char *end)
{
    char *entry = strndup(start, (size_t)(end - start));

    assert_non_null(entry);
    for (const cli_opt *o = k->options; *o != CLI_O_END; o++)
        if (!names_option(entry, cli_options[*o].name))
            fail_msg("COMMANDS: %s does not describe --%s", k->name,
                     cli_options[*o].name);
    free(entry);
}

/* COMMANDS has an entry ".TP" + "NAME OPERANDS" per command (help too), in
 * the table's order, that names each alias and describes each option. */
static void
test_manual_commands_match_the_table(void **state)
{
    char *man = read_manual(), *cmds = section(man, "COMMANDS");
    const char *p = cmds, *start = NULL;
    size_t next = 0;
    int depth = 0;

    (void)state;
    while (p != NULL && *p != '\0') {
        const char *nl = strchr(p, '\n');
        if (strncmp(p, ".RS", 3) == 0)
            depth++;
        else if (strncmp(p, ".RE", 3) == 0)
            depth--;
        else if (depth == 0 && strncmp(p, ".TP\n", 4) == 0 && nl != NULL) {
            char text[256], want[64], *opt;
            plain(nl + 1, text, sizeof text);
            /* validate [OPTIONS] FILE...: the command's options shown */
            if ((opt = strstr(text, " [OPTIONS]")) != NULL)
                memmove(opt, opt + strlen(" [OPTIONS]"),
                        strlen(opt + strlen(" [OPTIONS]")) + 1);
            if (next >= cli_n_commands)
                fail_msg("COMMANDS: '%s' is not in the table", text);
            if (start != NULL)
                check_entry(&cli_commands[next - 1], start, p);
            start = p;
            name_and_operands(&cli_commands[next], want, sizeof want);
            if (strcmp(text, want) != 0)
                fail_msg("COMMANDS: '%s' where the table has '%s'", text, want);
            if (cli_commands[next].alias != NULL) {
                char alias[64];
                snprintf(alias, sizeof alias, ".B %s\n",
                         cli_commands[next].alias);
                if (strstr(cmds, alias) == NULL)
                    fail_msg("COMMANDS does not name %s, the alias of %s",
                             cli_commands[next].alias, cli_commands[next].name);
            }
            next++;
        }
        p = nl ? nl + 1 : NULL;
    }
    if (next != cli_n_commands)
        fail_msg("COMMANDS lacks %s", cli_commands[next].name);
    check_entry(&cli_commands[next - 1], start, cmds + strlen(cmds));
    free(cmds);
    free(man);
}

/* 1 when a bold line of `man` (.B, .BR, .RB) has `word` as one of its
 * words (quotes, parentheses and punctuation around it aside). */
static int
bold_word(const char *man, const char *word)
{
    const char *line = man;
    size_t wl = strlen(word);

    while (line != NULL && *line != '\0') {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        if (strncmp(line, ".B ", 3) == 0 || strncmp(line, ".BR ", 4) == 0 ||
            strncmp(line, ".RB ", 4) == 0) {
            const char *p = line + strcspn(line, " ");
            const char *end = line + len;
            while (p < end) {
                size_t n;
                while (p < end && strchr(" \"(", *p) != NULL)
                    p++;
                n = strcspn(p, " \"),;\n");
                if (p + n > end)
                    n = (size_t)(end - p);
                if (n == wl && strncmp(p, word, wl) == 0)
                    return 1;
                p += n ? n : 1;
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    return 0;
}

/* Every output format of the registry is named in the manual, with each
 * of its file name extensions. */
static void
test_manual_names_every_format(void **state)
{
    char *man = read_manual();

    (void)state;
    for (size_t i = 0; i < zg_export_format_count; i++) {
        const zg_export_format *f = &zg_export_formats[i];
        if (!bold_word(man, f->name))
            fail_msg("the manual does not name the format %s", f->name);
        for (const char *const *e = f->extensions; *e != NULL; e++)
            if (!bold_word(man, *e))
                fail_msg("the manual does not name %s, the extension of %s", *e,
                         f->name);
    }
    free(man);
}

/* --help names every output format and every input format, and export
 * --help every format export writes with its extensions. */
static void
test_help_names_every_format(void **state)
{
    static const char *const help_args[] = {"--help", NULL};
    static const char *const export_args[] = {"export", "--help", NULL};
    int rc;
    char *help = run(&rc, help_args), *export = run(&rc, export_args);

    (void)state;
    for (size_t i = 0; i < zg_export_format_count; i++) {
        const zg_export_format *f = &zg_export_formats[i];
        if (f->kind != ZG_EXPORT_GRAPH && strstr(help, f->name) == NULL)
            fail_msg("--help does not name the format %s", f->name);
        if (f->kind == ZG_EXPORT_RESULT)
            continue;
        if (strstr(export, f->name) == NULL)
            fail_msg("export --help does not name the format %s", f->name);
        for (const char *const *e = f->extensions; *e != NULL; e++)
            if (strstr(export, *e) == NULL)
                fail_msg("export --help does not name %s", *e);
    }
    for (size_t i = 0; i < zg_import_format_count; i++)
        if (strstr(help, zg_import_formats[i].title) == NULL)
            fail_msg("--help does not name %s, which --data reads",
                     zg_import_formats[i].title);
    free(help);
    free(export);
}

/* ---- the registries the command line reads ---- */

/* A format is found by its name and by a file name's extension, the last
 * component's only; each entry has the writer its kind calls. */
static void
test_export_registry_lookups(void **state)
{
    (void)state;
    assert_string_equal(zg_export_format_named("graphml")->name, "graphml");
    assert_null(zg_export_format_named("yaml"));
    assert_null(zg_export_format_named(""));
    assert_string_equal(zg_export_format_for_path("a/b.gv")->name, "dot");
    assert_string_equal(zg_export_format_for_path("b.dot")->name, "dot");
    assert_string_equal(zg_export_format_for_path("x.txt")->name, "table");
    assert_string_equal(zg_export_format_for_path("x.y.json")->name, "json");
    assert_null(zg_export_format_for_path("out.json/file"));
    assert_null(zg_export_format_for_path("noext"));
    assert_null(zg_export_format_for_path("x.table"));
    assert_null(zg_export_format_for_path("x.JSON"));
    for (size_t i = 0; i < zg_export_format_count; i++) {
        const zg_export_format *f = &zg_export_formats[i];
        if (f->kind == ZG_EXPORT_RESULT) {
            assert_non_null(f->write_result);
            assert_non_null(f->write_parts);
            assert_null(f->write_graph);
        } else {
            assert_null(f->write_result);
            assert_non_null(f->write_graph);
        }
        assert_ptr_equal(zg_export_format_named(f->name), f);
        for (const char *const *e = f->extensions; *e != NULL; e++) {
            char path[64];
            snprintf(path, sizeof path, "dir.d/file%s", *e);
            assert_ptr_equal(zg_export_format_for_path(path), f);
        }
    }
}

/* An input format is found by its root element; each graph file format
 * written is one that is read back. */
static void
test_import_registry_lookups(void **state)
{
    const zg_import_format *f;

    (void)state;
    f = zg_import_format_for_root("zonegraph");
    assert_non_null(f);
    assert_null(f->ns);
    f = zg_import_format_for_root("graphml");
    assert_non_null(f);
    assert_string_equal(f->ns, "http://graphml.graphdrawing.org/xmlns");
    assert_null(zg_import_format_for_root("graph"));
    assert_null(zg_import_format_for_root(""));
    for (size_t i = 0; i < zg_export_format_count; i++) {
        const zg_export_format *w = &zg_export_formats[i];
        size_t j;
        if (w->kind != ZG_EXPORT_GRAPH)
            continue;
        for (j = 0; j < zg_import_format_count; j++)
            if (strcmp(zg_import_formats[j].name, w->name) == 0)
                break;
        if (j == zg_import_format_count)
            fail_msg("the graph file format %s has no importer", w->name);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_lists_the_table),
        cmocka_unit_test(test_command_help_names_its_options),
        cmocka_unit_test(test_manual_synopsis_matches_the_table),
        cmocka_unit_test(test_manual_commands_match_the_table),
        cmocka_unit_test(test_manual_names_every_format),
        cmocka_unit_test(test_help_names_every_format),
        cmocka_unit_test(test_export_registry_lookups),
        cmocka_unit_test(test_import_registry_lookups),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
