/* SPDX-License-Identifier: MIT */
/*
 * `zonegraph query`: answer a query in zonegraph's Cypher-style language
 * (zg_cypher_compile(), zg_cypher_run()) through the writers every command
 * uses, with parameters as JSON and errors shown under the query's line
 * (query_io.c).
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char query_usage[] =
    "Answer QUERY, a read query in a Cypher-style language: MATCH patterns,\n"
    "WHERE, WITH, UNWIND, RETURN with aggregation, ORDER BY, SKIP, LIMIT,\n"
    "UNION; EXPLAIN QUERY shows the plan instead, PROFILE QUERY answers\n"
    "and writes the plan with the rows of each clause on standard error.\n"
    "Node types are labels,\n"
    "relation types are relationship types, and names, aliases, provenance\n"
    "and properties are properties (see doc/query.md). QUERY '-' is read\n"
    "from standard input.\n"
    "\n"
    "  -p, --param NAME=JSON  the value of $NAME, as JSON (repeatable):\n"
    "                         -p 'name=\"杭州\"' -p 'n=3' -p 'l=[1,2]'\n"
    "      --file FILE        read the query from FILE\n"
    "      --max-work N       stop past N rows and relations followed\n"
    "                         (default 100000000)\n"
    "      --max-hops N       the bound of a variable-length relationship\n"
    "                         written without one, e.g. -[*]- (default 25)\n"
    "\n"
    "Example:\n"
    "  zonegraph query \"MATCH (z:zone)-[:focuses_on]->(s:sector {name: "
    "'智能制造'})\n"
    "                   RETURN z.name ORDER BY z.name\"\n"
    "\n"
    "Options: --data FILE, -f/--format FMT, --lang LANG, -o/--output FILE,\n"
    "-h/--help (see zonegraph --help). A diagram format draws the nodes,\n"
    "relations and paths the answer holds.\n";

/* The whole of stream `f` into `*text` (`*len` bytes); 0, or -1. */
static int
slurp(FILE *f, char **text, size_t *len)
{
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap), *t;

    if (buf == NULL)
        return -1;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            if (cap > (size_t)64 << 20 || (t = realloc(buf, 2 * cap)) == NULL) {
                free(buf);
                return -1;
            }
            buf = t;
            cap *= 2;
        }
    }
    if (ferror(f)) {
        free(buf);
        return -1;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

/* The text of the query: the operand, standard input or --file. */
static int
query_text(cli *c, int argc, char **argv, const cli_opts *o, char **text,
           size_t *len)
{
    const char *from = NULL;
    FILE *f;
    int r;

    *text = NULL;
    if (optind < argc && o->file)
        return cli_usage_error(c, "QUERY or --file FILE, not both");
    if (optind >= argc && o->file == NULL)
        return cli_usage_error(c, "missing QUERY (or --file FILE, or '-' to "
                                  "read standard input)");
    if (o->file)
        from = o->file;
    else if (strcmp(argv[optind], "-") == 0)
        from = "-";
    if (from == NULL) {
        *len = strlen(argv[optind]);
        if ((*text = malloc(*len + 1)) == NULL) {
            cli_errorf(c, "out of memory");
            return EXIT_ERROR;
        }
        memcpy(*text, argv[optind], *len + 1);
        return -1;
    }
    f = strcmp(from, "-") == 0 ? stdin : fopen(from, "rb");
    if (f == NULL) {
        cli_errorf(c, "cannot read %s: %s", from, strerror(errno));
        return EXIT_ERROR;
    }
    r = slurp(f, text, len);
    if (f != stdin)
        fclose(f);
    if (r != 0) {
        cli_errorf(c, "cannot read %s (or it is larger than 128 MiB)",
                   strcmp(from, "-") == 0 ? "standard input" : from);
        return EXIT_ERROR;
    }
    return -1;
}

/* zonegraph query: see query_usage. */
int
cmd_query(cli *c, int argc, char **argv)
{
    cli_opts o;
    cli_params params = {0};
    zg_cypher *q = NULL;
    zg_cypher_opts co;
    zg_result *r = NULL;
    char *text = NULL, *profile = NULL, why[256];
    size_t len = 0;
    zg_error err;
    int rc;

    memset(&co, 0, sizeof co);
    rc = cli_parse(c, &o, argc, argv, query_usage);
    if (rc >= 0)
        goto out;
    if (c->as_of != NULL) {
        rc = cli_usage_error(c, "query reads the whole graph: test dates "
                                "in WHERE (r.since, r.until) instead of "
                                "--as-of");
        goto out;
    }
    rc = query_text(c, argc, argv, &o, &text, &len);
    if (rc >= 0)
        goto out;
    for (size_t i = 0; i < o.n_params; i++)
        if (cli_params_set(&params, o.params[i], why, sizeof why) != 0) {
            rc = cli_usage_error(c, "--param %s", why);
            goto out;
        }
    co.param_names = params.names;
    co.params = params.values;
    co.n_params = params.n;
    co.max_work = (uint64_t)o.max_work;
    co.max_hops = (unsigned)o.max_hops;
    zg_error_clear(&err);
    if (zg_cypher_compile(&q, text, len, &err) != ZG_OK) {
        rc = cli_query_error(text, len, &err);
        goto out;
    }
    rc = cli_load_names(c, argv, NULL, 0);
    if (rc >= 0)
        goto out;
    if (zg_cypher_profiled(q))
        co.profile = &profile;
    if (zg_cypher_run(q, c->g, &co, &r, &err) != ZG_OK) {
        rc = cli_query_error(text, len, &err);
        goto out;
    }
    rc = cli_draws(c) ? cli_draw(c, r, NULL) : cli_write(c, r);
    if (profile != NULL)
        fputs(profile, stderr);
out:
    zg_result_free(r);
    zg_cypher_free(q);
    cli_params_free(&params);
    free(profile);
    free(text);
    cli_opts_free(&o);
    return rc;
}
