/* SPDX-License-Identifier: MIT */
/*
 * What `query` and `shell` share: parameters given as NAME=JSON (read with
 * jansson, which the JSON writer already links) and the report of an
 * error in a query, shown under the query's line with a caret.
 */
#include "cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zg_text.h"

/* A block `p` keeps until it is freed; NULL when out of memory. */
static void *
keep(cli_params *p, size_t size)
{
    void *m;

    if (p->n_mem == p->cap_mem) {
        size_t cap = p->cap_mem ? 2 * p->cap_mem : 16;
        void **q = realloc(p->mem, cap * sizeof *q);
        if (q == NULL)
            return NULL;
        p->mem = q;
        p->cap_mem = cap;
    }
    if ((m = calloc(1, size ? size : 1)) == NULL)
        return NULL;
    p->mem[p->n_mem++] = m;
    return m;
}

/* The JSON value `j` as a query value in `*out`; NULL, or what is wrong. */
static const char *
from_json(cli_params *p, json_t *j, zg_value *out, int depth)
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
        if ((items = keep(p, out->n * sizeof *items)) == NULL)
            return "out of memory";
        json_array_foreach(
            j, i, v) if ((why = from_json(p, v, &items[i], depth + 1)) !=
                         NULL) return why;
        out->items = items;
        return NULL;
    case JSON_OBJECT:
        out->kind = ZG_VAL_MAP;
        out->n = json_object_size(j);
        if ((items = keep(p, 2 * out->n * sizeof *items)) == NULL)
            return "out of memory";
        i = 0;
        json_object_foreach(j, key, v)
        {
            items[2 * i].kind = ZG_VAL_STRING;
            items[2 * i].str = key;
            if ((why = from_json(p, v, &items[2 * i + 1], depth + 1)) != NULL)
                return why;
            i++;
        }
        out->items = items;
        return NULL;
    }
    return "not a JSON value";
}

/* Set a parameter from NAME=JSON (see cli.h). */
int
cli_params_set(cli_params *p, const char *arg, char *why, size_t size)
{
    const char *eq = strchr(arg, '=');
    json_error_t jerr;
    const char *bad;
    json_t *doc;
    zg_value v;
    char *name;
    size_t i;

    if (eq == NULL || eq == arg) {
        snprintf(why, size, "takes NAME=JSON, not '%s'", arg);
        return -1;
    }
    doc = json_loads(eq + 1,
                     JSON_DECODE_ANY | JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
                     &jerr);
    if (doc == NULL) {
        snprintf(why, size, "%.*s: not JSON: %s (at column %d)",
                 (int)(eq - arg), arg, jerr.text, jerr.column);
        return -1;
    }
    if ((name = keep(p, (size_t)(eq - arg) + 1)) == NULL ||
        (bad = from_json(p, doc, &v, 0)) != NULL) {
        snprintf(why, size, "%.*s: %s", (int)(eq - arg), arg,
                 name ? bad : "out of memory");
        json_decref(doc);
        return -1;
    }
    memcpy(name, arg, (size_t)(eq - arg));
    for (i = 0; i < p->n; i++)
        if (strcmp(p->names[i], name) == 0)
            break;
    if (i == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 8;
        const char **n = realloc(p->names, cap * sizeof *n);
        zg_value *vs = n ? realloc(p->values, cap * sizeof *vs) : NULL;
        void **d = vs ? realloc(p->docs, cap * sizeof *d) : NULL;
        if (n)
            p->names = n;
        if (vs)
            p->values = vs;
        if (d == NULL) {
            snprintf(why, size, "out of memory");
            json_decref(doc);
            return -1;
        }
        p->docs = d;
        p->cap = cap;
    }
    if (i < p->n) /* set again: the new value */
        json_decref(p->docs[i]);
    else
        p->n++;
    p->names[i] = name;
    p->values[i] = v;
    p->docs[i] = doc;
    return 0;
}

/* Parameter `i` as compact JSON (see cli.h). */
char *
cli_params_text(const cli_params *p, size_t i)
{
    return json_dumps(p->docs[i], JSON_ENCODE_ANY | JSON_COMPACT);
}

/* Free what `p` holds (see cli.h). */
void
cli_params_free(cli_params *p)
{
    size_t i;

    for (i = 0; i < p->n; i++)
        json_decref(p->docs[i]);
    for (i = 0; i < p->n_mem; i++)
        free(p->mem[i]);
    free(p->names);
    free(p->values);
    free(p->docs);
    free(p->mem);
    memset(p, 0, sizeof *p);
}

/* Report a failed query, with a caret under its place (see cli.h). */
int
cli_query_error(const char *text, size_t len, const zg_error *err)
{
    const char *line = text, *end, *p;
    unsigned ln = 1, col = 1;
    size_t width = 0, w;
    uint32_t ch;
    char *copy;

    if (err->line == 0)
        return cli_fail(err);
    cli_report(err);
    if (err->status == ZG_ERR_LIMIT && !strstr(err->msg, "cancelled"))
        fputs(strstr(err->msg, " hops") ? "zonegraph: (--max-hops N raises "
                                          "the bound)\n"
                                        : "zonegraph: (--max-work N raises "
                                          "the budget)\n",
              stderr);
    for (p = text; p < text + len && ln < err->line; p++)
        if (*p == '\n') {
            ln++;
            line = p + 1;
        }
    if (ln != err->line)
        return EXIT_ERROR;
    for (end = line; end < text + len && *end != '\n' && *end != '\r'; end++)
        ;
    if ((copy = malloc((size_t)(end - line) + 1)) == NULL)
        return EXIT_ERROR;
    memcpy(copy, line, (size_t)(end - line));
    copy[end - line] = '\0';
    /* the column counts characters; the caret goes by display width */
    for (p = copy; *p && col < err->column; col++) {
        size_t n = zg_text_char(p, &ch, &w);
        width += *p == '\t' ? 1 : w;
        p += n;
    }
    fprintf(stderr, "  %s\n  %*s^\n", copy, (int)width, "");
    free(copy);
    return EXIT_ERROR;
}
