/* SPDX-License-Identifier: MIT */
/*
 * `zonegraph shell`: the query language at a prompt, the graph loaded
 * once. Line editing and history come from libedit (its readline
 * interface), which does that job better than code of our own would; a
 * query may span lines and ends at `;`; lines starting with `:` are the
 * shell's own commands. Ctrl-C abandons the line being typed or cancels
 * the query running; Ctrl-D leaves. Without a terminal on standard input
 * the shell reads queries from it without prompts, for scripts.
 */
#include "cli.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <editline/readline.h>

static const char shell_usage[] =
    "Answer queries in the Cypher-style language at a prompt, the graph\n"
    "loaded once (see zonegraph query --help for the language). A query may\n"
    "span lines and ends with ';'. Up and down recall earlier queries,\n"
    "kept in ~/.zonegraph_history ($ZONEGRAPH_HISTORY names another file;\n"
    "empty: none). Ctrl-C abandons the line or cancels the running query;\n"
    "Ctrl-D leaves. Lines starting with ':' are the shell's commands (:help\n"
    "lists them). Without a terminal, queries are read from standard input\n"
    "and the exit status is 1 when one of them failed.\n"
    "\n"
    "  -p, --param NAME=JSON  the value of $NAME, as JSON (repeatable)\n"
    "      --max-work N       stop a query past N rows and relations\n"
    "                         followed (default 100000000)\n"
    "      --max-hops N       the bound of a variable-length relationship\n"
    "                         written without one (default 25)\n"
    "\n"
    "Options: --data FILE, -f/--format table|tsv|json, --lang LANG,\n"
    "-o/--output FILE, -h/--help (see zonegraph --help).\n";

static const char shell_help[] =
    "End a query with ';', e.g.\n"
    "  MATCH (z:zone)-[:focuses_on]->(s:sector)\n"
    "  RETURN s.name, count(z) AS zones ORDER BY zones DESC;\n"
    "Commands:\n"
    "  :help                 this help\n"
    "  :format table|tsv|json  how answers are written\n"
    "  :param NAME=JSON      set $NAME, e.g. :param name=\"杭州\"\n"
    "  :params               the parameters set\n"
    "  :quit                 leave (Ctrl-D too)\n"
    "Ctrl-C abandons the line being typed or cancels a running query.\n";

/* Set by SIGINT: abandon the line, or cancel the query. */
static volatile sig_atomic_t interrupted;

static void
on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

typedef struct shell {
    cli *c;
    cli_params params;
    zg_cypher_opts co;
    int interactive;
    int failed; /* a query or command failed (the exit status, for scripts) */
} shell;

/* A line of standard input without its newline (malloc'd), or NULL at
 * its end. */
static char *
read_plain(void)
{
    size_t cap = 256, n = 0;
    char *buf = malloc(cap), *t;
    int ch;

    if (buf == NULL)
        return NULL;
    while ((ch = getchar()) != EOF && ch != '\n') {
        if (n + 1 == cap) {
            if ((t = realloc(buf, 2 * cap)) == NULL) {
                free(buf);
                return NULL;
            }
            buf = t;
            cap *= 2;
        }
        buf[n++] = (char)ch;
    }
    if (ch == EOF && n == 0) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

static void
run_query(shell *sh, const char *text, size_t len)
{
    zg_cypher *q = NULL;
    zg_result *r = NULL;
    char *profile = NULL;
    zg_error err;

    zg_error_clear(&err);
    interrupted = 0;
    sh->co.profile = NULL;
    if (zg_cypher_compile(&q, text, len, &err) == ZG_OK &&
        zg_cypher_profiled(q))
        sh->co.profile = &profile;
    if (err.status != ZG_OK ||
        zg_cypher_run(q, sh->c->g, &sh->co, &r, &err) != ZG_OK) {
        if (interrupted && sh->interactive)
            fputc('\n', stderr); /* after the ^C the terminal echoed */
        cli_query_error(text, len, &err);
        sh->failed = 1;
    } else if (cli_write(sh->c, r) != EXIT_OK) {
        sh->failed = 1;
    } else if (sh->interactive) {
        size_t n = zg_result_rows(r);
        printf("(%zu row%s)\n", n, n == 1 ? "" : "s");
    }
    fflush(stdout);
    if (profile != NULL)
        fputs(profile, stderr);
    free(profile);
    sh->co.profile = NULL;
    interrupted = 0;
    zg_result_free(r);
    zg_cypher_free(q);
}

/* Run the shell command `line` (after ':'); 1 to leave. */
static int
command(shell *sh, const char *line)
{
    char word[32] = "", why[256];
    const char *arg;
    size_t n = strcspn(line, " \t");

    snprintf(word, sizeof word, "%.*s", (int)(n < 31 ? n : 31), line);
    for (arg = line + n; *arg == ' ' || *arg == '\t'; arg++)
        ;
    if (strcmp(word, "quit") == 0 || strcmp(word, "q") == 0 ||
        strcmp(word, "exit") == 0)
        return 1;
    if (strcmp(word, "help") == 0 || strcmp(word, "h") == 0) {
        fputs(shell_help, stdout);
    } else if (strcmp(word, "format") == 0) {
        const zg_export_format *f = zg_export_format_named(arg);
        if (f == NULL || f->kind != ZG_EXPORT_RESULT) {
            fprintf(stderr,
                    "zonegraph: :format takes table, tsv or json, "
                    "not '%s'\n",
                    arg);
            sh->failed = 1;
        } else {
            sh->c->format = f;
        }
    } else if (strcmp(word, "param") == 0) {
        if (cli_params_set(&sh->params, arg, why, sizeof why) != 0) {
            fprintf(stderr, "zonegraph: :param %s\n", why);
            sh->failed = 1;
        }
        sh->co.param_names = sh->params.names;
        sh->co.params = sh->params.values;
        sh->co.n_params = sh->params.n;
    } else if (strcmp(word, "params") == 0) {
        for (size_t i = 0; i < sh->params.n; i++) {
            char *text = cli_params_text(&sh->params, i);
            printf("$%s = %s\n", sh->params.names[i], text ? text : "?");
            free(text);
        }
    } else {
        fprintf(stderr, "zonegraph: no command ':%s' (:help lists them)\n",
                word);
        sh->failed = 1;
    }
    fflush(stdout);
    return 0;
}

/* 1 when the text in `b` (`n` bytes) ends a query: its last character
 * other than white space is ';'. */
static int
ends_query(const char *b, size_t n)
{
    while (n > 0 && strchr(" \t\r\n", b[n - 1]))
        n--;
    return n > 0 && b[n - 1] == ';';
}

/* The history file, or NULL for none (malloc'd). */
static char *
history_path(void)
{
    const char *env = getenv("ZONEGRAPH_HISTORY"), *home;
    char *p;

    if (env != NULL)
        return *env ? strdup(env) : NULL;
    if ((home = getenv("HOME")) == NULL || *home == '\0')
        return NULL;
    if ((p = malloc(strlen(home) + sizeof "/.zonegraph_history")) == NULL)
        return NULL;
    strcpy(p, home);
    strcat(p, "/.zonegraph_history");
    return p;
}

/* zonegraph shell: see shell_usage. */
int
cmd_shell(cli *c, int argc, char **argv)
{
    shell sh;
    cli_opts o;
    struct sigaction sa, old;
    char *buf = NULL, *line, *hist = NULL, why[256];
    size_t len = 0, cap = 0;
    int rc, done = 0;

    memset(&sh, 0, sizeof sh);
    sh.c = c;
    rc = cli_parse(c, &o, argc, argv, shell_usage);
    if (rc >= 0)
        goto out;
    if (c->as_of != NULL) {
        rc = cli_usage_error(c, "the shell reads the whole graph: test dates "
                                "in WHERE instead of --as-of");
        goto out;
    }
    for (size_t i = 0; i < o.n_params; i++)
        if (cli_params_set(&sh.params, o.params[i], why, sizeof why) != 0) {
            rc = cli_usage_error(c, "--param %s", why);
            goto out;
        }
    rc = cli_prepare_output(c, FMT_TEXT);
    if (rc == EXIT_OK)
        rc = cli_load(c);
    if (rc != EXIT_OK)
        goto out;
    sh.co.param_names = sh.params.names;
    sh.co.params = sh.params.values;
    sh.co.n_params = sh.params.n;
    sh.co.max_work = (uint64_t)o.max_work;
    sh.co.max_hops = (unsigned)o.max_hops;
    sh.co.cancel = &interrupted;
    sh.interactive = isatty(STDIN_FILENO);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
    if (sh.interactive) {
        printf("zonegraph shell: %zu nodes, %zu relations. End a query with "
               "';'; :help for help, Ctrl-D to leave.\n",
               zg_graph_node_count(c->g), zg_graph_edge_count(c->g));
        using_history();
        stifle_history(1000);
        if ((hist = history_path()) != NULL)
            read_history(hist);
    }
    while (!done) {
        interrupted = 0;
        line = sh.interactive ? readline(len ? "      ...> " : "zonegraph> ")
                              : read_plain();
        if (line == NULL) {
            if (sh.interactive && interrupted) { /* Ctrl-C: a fresh line */
                len = 0;
                putchar('\n');
                continue;
            }
            if (!sh.interactive && len > 0) /* the last query of a script */
                run_query(&sh, buf, len);
            if (sh.interactive)
                putchar('\n');
            break;
        }
        if (len == 0 && line[strspn(line, " \t")] == ':') {
            done = command(&sh, line + strspn(line, " \t") + 1);
            if (sh.interactive && *line)
                add_history(line);
            free(line);
            continue;
        }
        if (len == 0 && line[strspn(line, " \t\r")] == '\0') {
            free(line);
            continue;
        }
        if (len + strlen(line) + 2 > cap) {
            size_t ncap = 2 * (len + strlen(line) + 2);
            char *t = realloc(buf, ncap);
            if (t == NULL) {
                free(line);
                cli_errorf(c, "out of memory");
                sh.failed = 1;
                break;
            }
            buf = t;
            cap = ncap;
        }
        memcpy(buf + len, line, strlen(line));
        len += strlen(line);
        buf[len++] = '\n';
        buf[len] = '\0';
        free(line);
        if (!ends_query(buf, len))
            continue;
        if (sh.interactive) {
            /* one history entry per query, its lines joined */
            char *h = strdup(buf);
            if (h != NULL) {
                for (char *p = h; *p; p++)
                    if (*p == '\n')
                        *p = ' ';
                while (*h && strchr(" \t", h[strlen(h) - 1]))
                    h[strlen(h) - 1] = '\0';
                add_history(h);
                free(h);
            }
        }
        /* the query without its ';' */
        while (len > 0 && strchr(" \t\r\n", buf[len - 1]))
            len--;
        buf[--len] = '\0';
        run_query(&sh, buf, len);
        len = 0;
    }
    sigaction(SIGINT, &old, NULL);
    if (hist != NULL && write_history(hist) != 0)
        cli_notef(c, "cannot write the history to %s", hist);
    rc = !sh.interactive && sh.failed ? EXIT_ERROR : EXIT_OK;
out:
    free(hist);
    free(buf);
    cli_params_free(&sh.params);
    cli_opts_free(&o);
    return rc;
}
