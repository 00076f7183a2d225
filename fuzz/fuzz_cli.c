/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for zonegraph's command line: global and command
 * options, their values, operands and --, and every command behind them,
 * run in-process through zg_cli_main() on the shipped dataset, loaded once
 * (ZG_FUZZ_DATA names another file).
 *
 * The input is a command line, one word a line ('\n'; a NUL ends a word
 * too; a last newline ends the last word), at most 64 words of at most
 * 4096 bytes in all:
 *   - a first word "ZONEGRAPH_DATA=VALUE" sets that variable for the run
 *     (otherwise it is unset) and is dropped;
 *   - a first word of one byte from 0x01 to 0x1f stands for a command
 *     name (commands[], below), so that mutations keep reaching commands;
 *   - every other word is an argument as it is.
 * The target keeps the command line from touching the file system and
 * from Graphviz's rasteriser:
 *   - writing: a word that could give -o/--output (a single-dash word
 *     holding 'o', a word starting "--o") gets 'O' for that 'o', which no
 *     command knows, so every answer goes to standard output;
 *   - "png" and "pdf" in any word become "pnG" and "pdF", so no format
 *     names them: drawing the dataset as PNG takes seconds and hundreds
 *     of MB under the sanitizers, and tells nothing about the command
 *     line that SVG (the same layout, through the same calls) does not;
 *   - reading: --data, validate and $ZONEGRAPH_DATA reach the importer
 *     through a wrapper (the link's --wrap=zg_import_xml_file) that opens
 *     only the fixtures named in fixtures[] and fails any other path as a
 *     missing file, without looking at it.
 * Standard output and standard error are memory streams during the run.
 * Checks, besides what the sanitizers, the leak checker, -timeout and
 * -rss_limit_mb (fuzz/run) catch:
 *   - the exit status is 0, 1 or 2, and any but 0 comes with a message;
 *   - no line on standard error holds what zg_text_needs_escape() would
 *     escape: a control character, a bidirectional override, a byte that
 *     is not UTF-8;
 *   - standard output holds none either (tab and carriage return aside)
 *     when it is text for a terminal: a table, TSV, JSON, help; a graph
 *     file (DOT, SVG, zonegraph XML, GraphML) holds no C0 control but tab
 *     and is UTF-8, as its format requires.
 * A failed check aborts, with the offending stream on stderr.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream, setenv */
#endif
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "zg_graph.h"
#include "zg_import.h"
#include "zg_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
zg_status __real_zg_import_xml_file(zg_graph *g, const char *path,
                                    const zg_import_limits *limits,
                                    zg_error *err);
zg_status __wrap_zg_import_xml_file(zg_graph *g, const char *path,
                                    const zg_import_limits *limits,
                                    zg_error *err);

#ifndef ZG_SRCDIR
#define ZG_SRCDIR "."
#endif

enum { MAX_INPUT = 4096, MAX_WORDS = 64 };

/* Writable, as argv's strings are (getopt only reorders the pointers). */
static char commands[][12] = {"show",    "neighbours", "neighbors", "list",
                              "find",    "stats",      "path",      "relate",
                              "explain", "common",     "similar",   "rank",
                              "hubs",    "validate",   "export",    "help"};
static char program[] = "zonegraph";

/* The files --data, validate and $ZONEGRAPH_DATA may name: a fixture's
 * name as the command line gives it, and where it is. */
static const struct {
    const char *name, *path;
} fixtures[] = {
    {"mini.xml", ZG_SRCDIR "/tests/data/cli/mini.xml"},
    {"bad.xml", ZG_SRCDIR "/tests/data/cli/bad.xml"},
    {"extra.xml", ZG_SRCDIR "/tests/data/cli/extra.xml"},
    {"cities.graphml", ZG_SRCDIR "/tests/data/cli/cities.graphml"},
    {"hostile.xml", ZG_SRCDIR "/fuzz/cli_fixture.xml"},
};

static zg_graph *dataset;
static const char *dataset_path;
static FILE *out_stream, *err_stream;
static char *out_buf, *err_buf;
static size_t out_len, err_len;

/* Import a fixture by its name, the dataset by "data.xml" or its own
 * path; fail anything else as the importer fails a missing file. */
zg_status
__wrap_zg_import_xml_file(zg_graph *g, const char *path,
                          const zg_import_limits *limits, zg_error *err)
{
    if (strcmp(path, "data.xml") == 0 || strcmp(path, dataset_path) == 0)
        return __real_zg_import_xml_file(g, dataset_path, limits, err);
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++)
        if (strcmp(path, fixtures[i].name) == 0)
            return __real_zg_import_xml_file(g, fixtures[i].path, limits, err);
    return zg_error_set(err, ZG_ERR_IO, path, 0, 0,
                        "cannot open: No such file or directory");
}

static void
setup(void)
{
    zg_error err = {0};

    dataset_path = getenv("ZG_FUZZ_DATA");
    if (dataset_path == NULL)
        dataset_path = ZG_SRCDIR "/data/ai-pilot-zones.xml";
    /* The streams live as long as the process: a library may keep the
     * stderr it saw (libxml2 does, for its generic errors). */
    out_stream = open_memstream(&out_buf, &out_len);
    err_stream = open_memstream(&err_buf, &err_len);
    if (out_stream == NULL || err_stream == NULL ||
        zg_graph_new(&dataset, &err) != ZG_OK ||
        __real_zg_import_xml_file(dataset, dataset_path, NULL, &err) != ZG_OK) {
        fprintf(stderr, "fuzz_cli: cannot load %s: %s\n", dataset_path,
                err.msg);
        abort(); /* the environment, not the input */
    }
}

/* Abort with `what` and the stream `text` (`len` bytes). */
static void
finding(const char *what, const char *text, size_t len)
{
    fprintf(stderr, "fuzz_cli: %s\n--- stream (%zu bytes)\n", what, len);
    fwrite(text, 1, len < 4096 ? len : 4096, stderr);
    fputs("\n---\n", stderr);
    abort();
}

/*
 * Check that no line of the `len` bytes at `text` needs escaping, after
 * each of the bytes in `allowed` (tab, carriage return) is taken for a
 * space. A NUL byte counts as a control too.
 */
static void
check_lines(const char *what, const char *text, size_t len, const char *allowed)
{
    char *copy = malloc(len + 1), *line, *nl;

    if (copy == NULL)
        return;
    memcpy(copy, text, len);
    copy[len] = '\0';
    if (strlen(copy) != len)
        finding(what, text, len);
    for (size_t i = 0; i < len; i++)
        if (copy[i] != '\0' && strchr(allowed, copy[i]) != NULL)
            copy[i] = ' ';
    for (line = copy; line != NULL; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        if (nl != NULL)
            *nl = '\0';
        if (zg_text_needs_escape(line, 0))
            finding(what, text, len);
    }
    free(copy);
}

/* 1 when the `len` bytes at `text` start with `prefix`. */
static int
starts(const char *text, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);

    return len >= n && memcmp(text, prefix, n) == 0;
}

/* Check a graph file (DOT, SVG, XML): no C0 control but tab, newline and
 * carriage return, no DEL, and UTF-8 without NUL. */
static void
check_graph_file(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)text[i];
        if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f)
            finding("a raw C0 control in a graph file", text, len);
    }
    if (!zg_utf8_valid(text, len))
        finding("a graph file that is not UTF-8", text, len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf, *argv[MAX_WORDS + 2], *p, *end;
    int argc = 0, rc;
    FILE *saved_out, *saved_err;

    if (dataset == NULL)
        setup();
    if (size > MAX_INPUT)
        return 0;
    if ((buf = malloc(size + 1)) == NULL)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';

    argv[argc++] = program;
    unsetenv("ZONEGRAPH_DATA");
    for (p = buf, end = buf + size; p < end && argc <= MAX_WORDS;) {
        char *w = p;
        size_t n = strcspn(p, "\n");
        p[n] = '\0';
        p += n + 1;
        if (argc == 1 && strncmp(w, "ZONEGRAPH_DATA=", 15) == 0) {
            setenv("ZONEGRAPH_DATA", w + 15, 1);
            continue;
        }
        if (argc == 1 && w[0] >= 0x01 && w[0] <= 0x1f && w[1] == '\0')
            w = commands[(w[0] - 1) % (sizeof commands / sizeof commands[0])];
        else if (w[0] == '-' && w[1] != '-')
            for (char *o = strchr(w, 'o'); o != NULL; o = strchr(o, 'o'))
                *o = 'O';
        else if (strncmp(w, "--o", 3) == 0)
            w[2] = 'O';
        for (char *f = strstr(w, "png"); f != NULL; f = strstr(f, "png"))
            f[2] = 'G';
        for (char *f = strstr(w, "pdf"); f != NULL; f = strstr(f, "pdf"))
            f[2] = 'F';
        argv[argc++] = w;
    }
    argv[argc] = NULL;

    fseeko(out_stream, 0, SEEK_SET);
    fseeko(err_stream, 0, SEEK_SET);
    saved_out = stdout;
    saved_err = stderr;
    stdout = out_stream; /* glibc: stdout and stderr are variables */
    stderr = err_stream;
    rc = zg_cli_main(argc, argv, dataset);
    fflush(out_stream);
    fflush(err_stream);
    stdout = saved_out;
    stderr = saved_err;

    if (rc != 0 && rc != 1 && rc != 2)
        finding("exit status not 0, 1 or 2", err_buf, err_len);
    if (rc != 0 && err_len == 0)
        finding("a failure without a message", out_buf, out_len);
    check_lines("a raw control or bad UTF-8 on standard error", err_buf,
                err_len, "");
    if (starts(out_buf, out_len, "<?xml") ||
        starts(out_buf, out_len, "digraph"))
        check_graph_file(out_buf, out_len);
    else
        check_lines("a raw control or bad UTF-8 on standard output", out_buf,
                    out_len, "\t\r");
    free(buf);
    return 0;
}
