/* SPDX-License-Identifier: MIT */
/*
 * `zonegraph query`: answer a query in zonegraph's Cypher-style language
 * (zg_cypher_compile(), zg_cypher_run()) through the writers every command
 * uses. Parameters come as JSON (read with jansson, which the JSON writer
 * already links), and an error in the query is shown under the query's
 * line with a caret at the offending token.
 */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zg_text.h"

static const char query_usage[] =
    "Answer QUERY, a read query in a Cypher-style language: MATCH patterns,\n"
    "WHERE, WITH, UNWIND, RETURN with aggregation, ORDER BY, SKIP, LIMIT,\n"
    "UNION; EXPLAIN QUERY shows the plan instead. Node types are labels,\n"
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

/* Memory the parameters' values hold until the query has run. */
typedef struct held {
    void **p;
    size_t n, cap;
} held;

static void *
hold(held *h, size_t size)
{
    void *p;

    if (h->n == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 16;
        void **q = realloc(h->p, cap * sizeof *q);
        if (q == NULL)
            return NULL;
        h->p = q;
        h->cap = cap;
    }
    if ((p = calloc(1, size ? size : 1)) == NULL)
        return NULL;
    h->p[h->n++] = p;
    return p;
}

static void
held_free(held *h)
{
    for (size_t i = 0; i < h->n; i++)
        free(h->p[i]);
    free(h->p);
}

/* The JSON value `j` as a query value in `*out`; NULL, or what is wrong. */
static const char *
from_json(held *h, json_t *j, zg_value *out, int depth)
{
    zg_value *items;
    const char *key, *why;
    json_t *v;
    size_t i;

    memset(out, 0, sizeof *out);
    if (depth > ZG_VALUE_MAX_DEPTH)
        return "nested too deep";
    switch (json_typeof(j)) {
    case JSON_NULL: out->kind = ZG_VAL_NULL; return NULL;
    case JSON_TRUE:
    case JSON_FALSE:
        out->kind = ZG_VAL_BOOL;
        out->i = json_is_true(j);
        return NULL;
    case JSON_INTEGER:
        out->kind = ZG_VAL_INT;
        out->i = (long long)json_integer_value(j);
        return NULL;
    case JSON_REAL:
        out->kind = ZG_VAL_NUMBER;
        out->num = json_real_value(j);
        return NULL;
    case JSON_STRING:
        if (strlen(json_string_value(j)) != json_string_length(j))
            return "a string holds a NUL character";
        out->kind = ZG_VAL_STRING;
        out->str = json_string_value(j);
        return NULL;
    case JSON_ARRAY:
        out->kind = ZG_VAL_LIST;
        out->n = json_array_size(j);
        if ((items = hold(h, out->n * sizeof *items)) == NULL)
            return "out of memory";
        json_array_foreach(
            j, i, v) if ((why = from_json(h, v, &items[i], depth + 1)) !=
                         NULL) return why;
        out->items = items;
        return NULL;
    case JSON_OBJECT:
        out->kind = ZG_VAL_MAP;
        out->n = json_object_size(j);
        if ((items = hold(h, 2 * out->n * sizeof *items)) == NULL)
            return "out of memory";
        i = 0;
        json_object_foreach(j, key, v)
        {
            items[2 * i].kind = ZG_VAL_STRING;
            items[2 * i].str = key;
            if ((why = from_json(h, v, &items[2 * i + 1], depth + 1)) != NULL)
                return why;
            i++;
        }
        out->items = items;
        return NULL;
    }
    return "not a JSON value";
}

/* Read --param NAME=JSON `arg` into `*name` and `*value`; an exit code or
 * -1 to go on. `docs` keeps the parsed JSON alive. */
static int
parse_param(cli *c, held *h, const char *arg, json_t **doc, const char **name,
            zg_value *value)
{
    const char *eq = strchr(arg, '=');
    json_error_t jerr;
    const char *why;
    char *n;

    if (eq == NULL || eq == arg)
        return cli_usage_error(c, "--param takes NAME=JSON, not '%s'", arg);
    if ((n = hold(h, (size_t)(eq - arg) + 1)) == NULL) {
        cli_errorf(c, "out of memory");
        return EXIT_ERROR;
    }
    memcpy(n, arg, (size_t)(eq - arg));
    *name = n;
    *doc = json_loads(eq + 1,
                      JSON_DECODE_ANY | JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
                      &jerr);
    if (*doc == NULL)
        return cli_usage_error(c, "--param %s: not JSON: %s (at column %d)", n,
                               jerr.text, jerr.column);
    if ((why = from_json(h, *doc, value, 0)) != NULL)
        return cli_usage_error(c, "--param %s: %s", n, why);
    return -1;
}

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

/* Report `err` and, when it names a place in the query, show that line
 * with a caret under the column (counted in characters, drawn by display
 * width so that it lines up under Chinese text). */
static int
query_fail(const char *text, size_t len, const zg_error *err)
{
    const char *line = text, *end, *p;
    unsigned ln = 1, col = 1;
    size_t width = 0, w;
    uint32_t ch;

    if (err->line == 0)
        return cli_fail(err);
    cli_report(err);
    for (p = text; p < text + len && ln < err->line; p++)
        if (*p == '\n') {
            ln++;
            line = p + 1;
        }
    if (ln != err->line)
        return EXIT_ERROR;
    for (end = line; end < text + len && *end != '\n' && *end != '\r'; end++)
        ;
    {
        char *copy = malloc((size_t)(end - line) + 1);
        if (copy == NULL)
            return EXIT_ERROR;
        memcpy(copy, line, (size_t)(end - line));
        copy[end - line] = '\0';
        for (p = copy; *p && col < err->column; col++) {
            p += zg_text_char(p, &ch, &w);
            width += *p == '\t' ? 1 : w;
        }
        fprintf(stderr, "  %s\n  %*s^\n", copy, (int)width, "");
        free(copy);
    }
    return EXIT_ERROR;
}

/* zonegraph query: see query_usage. */
int
cmd_query(cli *c, int argc, char **argv)
{
    cli_opts o;
    zg_cypher *q = NULL;
    zg_cypher_opts co;
    zg_result *r = NULL;
    zg_value *values = NULL;
    const char **names = NULL;
    json_t **docs = NULL;
    held h = {0};
    char *text = NULL;
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
    values = calloc(o.n_params + 1, sizeof *values);
    docs = calloc(o.n_params + 1, sizeof *docs);
    names = hold(&h, (o.n_params + 1) * sizeof *names);
    if (values == NULL || docs == NULL || names == NULL) {
        cli_errorf(c, "out of memory");
        rc = EXIT_ERROR;
        goto out;
    }
    for (size_t i = 0; i < o.n_params; i++) {
        rc = parse_param(c, &h, o.params[i], &docs[i], &names[i], &values[i]);
        if (rc >= 0)
            goto out;
    }
    co.param_names = names;
    co.params = values;
    co.n_params = o.n_params;
    co.max_work = (uint64_t)o.max_work;
    co.max_hops = (unsigned)o.max_hops;
    zg_error_clear(&err);
    if (zg_cypher_compile(&q, text, len, &err) != ZG_OK) {
        rc = query_fail(text, len, &err);
        goto out;
    }
    rc = cli_load_names(c, argv, NULL, 0);
    if (rc >= 0)
        goto out;
    if (zg_cypher_run(q, c->g, &co, &r, &err) != ZG_OK) {
        rc = query_fail(text, len, &err);
        goto out;
    }
    rc = cli_draws(c) ? cli_draw(c, r, NULL) : cli_write(c, r);
out:
    zg_result_free(r);
    zg_cypher_free(q);
    if (docs)
        for (size_t i = 0; i < o.n_params; i++)
            json_decref(docs[i]);
    free(docs);
    free(values);
    held_free(&h);
    free(text);
    cli_opts_free(&o);
    return rc;
}
