/* SPDX-License-Identifier: MIT */
/*
 * The openCypher Technology Compatibility Kit as the measure of the
 * executor of zonegraph's Cypher-style query language: each scenario of
 * the read-only areas (see `scope` below) is run and its result compared
 * with the one the scenario expects.
 *
 * A case is one scenario, or one row of a Scenario Outline's Examples.
 * It is
 *
 *   skipped  when its graph cannot be built yet (see build_graph()): the
 *            reason is counted per folder;
 *   passed   when the query gives the expected table (the same columns;
 *            the rows as a multiset unless "in order"; lists as multisets
 *            too when "ignoring element order for lists"), no rows for
 *            "the result should be empty", or fails as expected (see
 *            error_matches());
 *   failed   otherwise.
 *
 * Values are compared as text: the expected cell, in the TCK's value
 * syntax, and the value the query gave are both written in one canonical
 * form (canon_text(), canon_value()): floats as the shortest text that
 * reads back to the same double, strings quoted, map entries and node
 * labels sorted.
 *
 * It prints passed / failed / skipped per folder, the skip reasons, and
 * ends with "TCK scope: N of M executable cases pass (P%), K skipped". The
 * rate recorded in tests/tck/pass-rate.txt is the floor: below it the run
 * fails. `--write` records the rate anew, `--failures` prints each failing
 * case with its query, what was expected and what came.
 *
 * Usage: tck_run [--write] [--failures] [--in FOLDER]
 *                [FEATURES_DIR PASS_RATE_FILE]
 * The paths default to $top_srcdir/tests/tck/{features,pass-rate.txt};
 * `--in` runs the one folder FOLDER under FEATURES_DIR instead of the
 * scope (tests/tck/runner.sh runs the runner on its own features so).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tck_feature.h"
#include "zg_graph.h"
#include "zg_query.h"
#include "zg_strbuf.h"

/* The folders under features/ that a read-only engine can answer. */
static const char *const scope[] = {
    "clauses/match",
    "clauses/match-where",
    "clauses/return",
    "clauses/return-orderby",
    "clauses/return-skip-limit",
    "clauses/with",
    "clauses/with-where",
    "clauses/with-orderBy",
    "clauses/with-skip-limit",
    "clauses/unwind",
    "clauses/union",
    "expressions/aggregation",
    "expressions/boolean",
    "expressions/comparison",
    "expressions/conditional",
    "expressions/list",
    "expressions/literals",
    "expressions/map",
    "expressions/null",
    "expressions/path",
    "expressions/pattern",
    "expressions/precedence",
    "expressions/string",
    "expressions/typeConversion",
    "useCases/countingSubgraphMatches",
};
#define N_SCOPE (sizeof scope / sizeof *scope)

/* The work budget of one query: far above what a scenario needs, so a
 * runaway query fails instead of hanging the run. */
#define MAX_WORK 20000000u

/* ---- counting ---- */

#define MAX_REASONS 8

typedef struct tally {
    size_t passed, failed, skipped;
    size_t by_type;    /* passed: the error's type named, not its name */
    size_t other_name; /* failed: an error at the right phase, but neither
                          its type nor its name named */
    const char *reason[MAX_REASONS];
    size_t n_reason[MAX_REASONS];
} tally;

/* Count `n` cases skipped for the reason `why`. */
static void
add_skips(tally *t, const char *why, size_t n)
{
    size_t k;

    t->skipped += n;
    for (k = 0; k < MAX_REASONS && t->reason[k]; k++)
        if (strcmp(t->reason[k], why) == 0)
            break;
    if (k == MAX_REASONS)
        return;
    t->reason[k] = why;
    t->n_reason[k] += n;
}

static void
add_tally(tally *to, const tally *from)
{
    size_t k;

    to->passed += from->passed;
    to->failed += from->failed;
    to->by_type += from->by_type;
    to->other_name += from->other_name;
    for (k = 0; k < MAX_REASONS && from->reason[k]; k++)
        add_skips(to, from->reason[k], from->n_reason[k]);
}

typedef struct runner {
    int failures; /* --failures */
    tally folder, total;
    zg_graph *empty; /* committed, never changed */
} runner;

/* ---- canonical text of values ---- */

/* The shortest text that reads back as `d`, always marked as a float;
 * -0.0 as 0.0, since the two are equal as numbers (the TCK writes the
 * result of `RETURN -0.0` as 0.0). */
static void
canon_float(zg_strbuf *b, double d)
{
    char t[64];
    int p;

    if (isnan(d)) {
        zg_strbuf_add(b, "NaN");
        return;
    }
    if (isinf(d)) {
        zg_strbuf_add(b, d < 0 ? "-Inf" : "Inf");
        return;
    }
    if (d == 0) {
        zg_strbuf_add(b, "0.0");
        return;
    }
    for (p = 1; p <= 17; p++) {
        snprintf(t, sizeof t, "%.*g", p, d);
        if (strtod(t, NULL) == d)
            break;
    }
    if (strpbrk(t, ".en") == NULL)
        strcat(t, ".0");
    zg_strbuf_add(b, t);
}

static void
canon_string(zg_strbuf *b, const char *s, size_t n)
{
    size_t i;

    zg_strbuf_add(b, "'");
    for (i = 0; i < n; i++) {
        if (s[i] == '\'' || s[i] == '\\')
            zg_strbuf_add(b, "\\");
        zg_strbuf_addn(b, s + i, 1);
    }
    zg_strbuf_add(b, "'");
}

static int
by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Items collected as separate texts, then joined, sorted when asked. */
typedef struct texts {
    char **v;
    size_t n, cap;
    int oom;
} texts;

static void
texts_add(texts *t, zg_strbuf *item)
{
    char *s = zg_strbuf_take(item);

    memset(item, 0, sizeof *item);
    if (s == NULL ||
        (t->n == t->cap && (t->v = realloc(t->v, (t->cap = t->cap * 2 + 8) *
                                                     sizeof *t->v)) == NULL)) {
        free(s);
        t->oom = 1;
        t->n = t->cap = 0;
        return;
    }
    t->v[t->n++] = s;
}

/* Append the texts to `b` between `open` and `close`, `sep` between them,
 * sorted if `sort`; frees them. */
static void
texts_join(texts *t, zg_strbuf *b, const char *open, const char *sep,
           const char *close, int sort)
{
    size_t i;

    if (t->oom)
        b->oom = 1;
    if (sort && t->n > 1)
        qsort(t->v, t->n, sizeof *t->v, by_text);
    zg_strbuf_add(b, open);
    for (i = 0; i < t->n; i++) {
        if (i)
            zg_strbuf_add(b, sep);
        zg_strbuf_add(b, t->v[i]);
        free(t->v[i]);
    }
    zg_strbuf_add(b, close);
    free(t->v);
    memset(t, 0, sizeof *t);
}

/* -- values the query gave -- */

static void canon_value(zg_strbuf *b, const zg_value *v, const zg_graph *g,
                        int lists_unordered);

/* A property of the graph as the language reads it: integers and
 * numbers as numbers, booleans as booleans, anything else as text. */
static void
canon_prop(zg_strbuf *b, const zg_prop *p)
{
    if (p->kind == ZG_PROP_INTEGER) {
        char t[32];
        snprintf(t, sizeof t, "%lld", (long long)p->number);
        zg_strbuf_add(b, t);
    } else if (p->kind == ZG_PROP_NUMBER) {
        canon_float(b, p->number);
    } else if (p->kind == ZG_PROP_BOOLEAN) {
        zg_strbuf_add(b, strcmp(p->value, "true") == 0 ? "true" : "false");
    } else {
        canon_string(b, p->value, strlen(p->value));
    }
}

static void
canon_props(zg_strbuf *b, const zg_prop *props, size_t n)
{
    texts t = {0};
    zg_strbuf item = {0};
    size_t i;

    if (n == 0)
        return;
    for (i = 0; i < n; i++) {
        zg_strbuf_add(&item, props[i].name);
        zg_strbuf_add(&item, ": ");
        canon_prop(&item, &props[i]);
        texts_add(&t, &item);
    }
    texts_join(&t, b, " {", ", ", "}", 1);
}

/* A node as the TCK writes it: (:Label {key: value}); its node type is
 * its one label. */
static void
canon_node(zg_strbuf *b, const zg_graph *g, zg_id n)
{
    const zg_node_info *info = zg_graph_node(g, n);
    const zg_nodetype_info *type =
        info ? zg_graph_nodetype(g, info->type) : NULL;
    const zg_prop *props = NULL;
    size_t np = zg_graph_node_props(g, n, &props);

    zg_strbuf_add(b, "(");
    if (type) {
        zg_strbuf_add(b, ":");
        zg_strbuf_add(b, type->name);
    }
    canon_props(b, props, np);
    zg_strbuf_add(b, ")");
}

static void
canon_edge(zg_strbuf *b, const zg_graph *g, zg_id e)
{
    const zg_reltype_info *type = zg_graph_reltype(g, zg_graph_edge_type(g, e));
    const zg_prop *props = NULL;
    size_t np = zg_graph_edge_props(g, e, &props);

    zg_strbuf_add(b, "[:");
    zg_strbuf_add(b, type ? type->name : "?");
    canon_props(b, props, np);
    zg_strbuf_add(b, "]");
}

static void
canon_value(zg_strbuf *b, const zg_value *v, const zg_graph *g,
            int lists_unordered)
{
    texts t = {0};
    zg_strbuf item = {0};
    char num[64];
    size_t i;

    switch (v->kind) {
    case ZG_VAL_NULL: zg_strbuf_add(b, "null"); break;
    case ZG_VAL_BOOL: zg_strbuf_add(b, v->i ? "true" : "false"); break;
    case ZG_VAL_INT:
        snprintf(num, sizeof num, "%lld", v->i);
        zg_strbuf_add(b, num);
        break;
    case ZG_VAL_NUMBER: canon_float(b, v->num); break;
    case ZG_VAL_STRING: canon_string(b, v->str, strlen(v->str)); break;
    case ZG_VAL_DATE:
        if (v->date.day)
            snprintf(num, sizeof num, "'%04d-%02d-%02d'", v->date.year,
                     v->date.month, v->date.day);
        else if (v->date.month)
            snprintf(num, sizeof num, "'%04d-%02d'", v->date.year,
                     v->date.month);
        else
            snprintf(num, sizeof num, "'%04d'", v->date.year);
        zg_strbuf_add(b, num);
        break;
    case ZG_VAL_LIST:
        for (i = 0; i < v->n; i++) {
            canon_value(&item, &v->items[i], g, lists_unordered);
            texts_add(&t, &item);
        }
        texts_join(&t, b, "[", ", ", "]", lists_unordered);
        break;
    case ZG_VAL_MAP:
        for (i = 0; i < v->n; i++) {
            zg_strbuf_add(&item, v->items[2 * i].str);
            zg_strbuf_add(&item, ": ");
            canon_value(&item, &v->items[2 * i + 1], g, lists_unordered);
            texts_add(&t, &item);
        }
        texts_join(&t, b, "{", ", ", "}", 1);
        break;
    case ZG_VAL_NODE: canon_node(b, g, v->id); break;
    case ZG_VAL_EDGE: canon_edge(b, g, v->id); break;
    case ZG_VAL_PATH:
        zg_strbuf_add(b, "<");
        for (i = 0; i < v->n; i++) {
            if (i % 2 == 0) {
                canon_node(b, g, v->items[i].id);
                continue;
            }
            /* The edge points forward when it leaves the node before it. */
            if (zg_graph_edge_from(g, v->items[i].id) == v->items[i - 1].id) {
                zg_strbuf_add(b, "-");
                canon_edge(b, g, v->items[i].id);
                zg_strbuf_add(b, "->");
            } else {
                zg_strbuf_add(b, "<-");
                canon_edge(b, g, v->items[i].id);
                zg_strbuf_add(b, "-");
            }
        }
        zg_strbuf_add(b, ">");
        break;
    }
}

/* -- values as the TCK writes them -- */

typedef struct reader {
    const char *p;
    int lists_unordered;
    int bad;
} reader;

static void
blank(reader *r)
{
    while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n')
        r->p++;
}

static int
eat(reader *r, char c)
{
    blank(r);
    if (*r->p != c)
        return 0;
    r->p++;
    return 1;
}

/* `c` must come next. */
static void
need(reader *r, char c)
{
    if (!eat(r, c))
        r->bad = 1;
}

static int
word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

/* A name: a word or `quoted`, appended to `b`. */
static void
read_name(reader *r, zg_strbuf *b)
{
    const char *start;

    blank(r);
    if (*r->p == '`') {
        start = ++r->p;
        while (*r->p && *r->p != '`')
            r->p++;
        zg_strbuf_addn(b, start, (size_t)(r->p - start));
        if (*r->p == '`')
            r->p++;
        return;
    }
    start = r->p;
    while (word_char(*r->p))
        r->p++;
    if (r->p == start)
        r->bad = 1;
    zg_strbuf_addn(b, start, (size_t)(r->p - start));
}

static void read_value(reader *r, zg_strbuf *b);

/* `{key: value, ...}` after the `{`, its entries sorted, into `b`. */
static void
read_map(reader *r, zg_strbuf *b, const char *open)
{
    texts t = {0};
    zg_strbuf item = {0};

    if (!eat(r, '}')) {
        do {
            read_name(r, &item);
            need(r, ':');
            zg_strbuf_add(&item, ": ");
            read_value(r, &item);
            texts_add(&t, &item);
        } while (!r->bad && eat(r, ','));
        need(r, '}');
    }
    texts_join(&t, b, open, ", ", "}", 1);
}

/* `(:A:B {k: v})` after the `(`. */
static void
read_node(reader *r, zg_strbuf *b)
{
    texts labels = {0};
    zg_strbuf item = {0};

    blank(r);
    while (word_char(*r->p)) /* a variable name, if any */
        r->p++;
    while (!r->bad && eat(r, ':')) {
        zg_strbuf_add(&item, ":");
        read_name(r, &item);
        texts_add(&labels, &item);
    }
    texts_join(&labels, b, "(", "", "", 1);
    if (eat(r, '{'))
        read_map(r, b, " {");
    need(r, ')');
    zg_strbuf_add(b, ")");
}

/* `[:T {k: v}]` after the `[`. */
static void
read_edge(reader *r, zg_strbuf *b)
{
    zg_strbuf_add(b, "[:");
    need(r, ':');
    read_name(r, b);
    if (eat(r, '{'))
        read_map(r, b, " {");
    need(r, ']');
    zg_strbuf_add(b, "]");
}

static void
read_path(reader *r, zg_strbuf *b)
{
    zg_strbuf_add(b, "<");
    for (;;) {
        if (!eat(r, '(')) {
            r->bad = 1;
            break;
        }
        read_node(r, b);
        blank(r);
        if (r->bad || *r->p == '>')
            break;
        if (eat(r, '<')) {
            need(r, '-');
            need(r, '[');
            zg_strbuf_add(b, "<-");
            read_edge(r, b);
            need(r, '-');
            zg_strbuf_add(b, "-");
        } else {
            need(r, '-');
            need(r, '[');
            zg_strbuf_add(b, "-");
            read_edge(r, b);
            need(r, '-');
            need(r, '>');
            zg_strbuf_add(b, "->");
        }
        if (r->bad)
            break;
    }
    need(r, '>');
    zg_strbuf_add(b, ">");
}

static void
read_number(reader *r, zg_strbuf *b)
{
    const char *start = r->p, *q;
    char *end = NULL, t[64];
    int neg = *r->p == '-', is_float = 0;

    q = r->p + (neg || *r->p == '+');
    if (strncmp(q, "NaN", 3) == 0 || strncmp(q, "Inf", 3) == 0) {
        r->p = q + (q[0] == 'N' ? 3 : 3);
        if (strncmp(r->p, "inity", 5) == 0)
            r->p += 5;
        canon_float(b, q[0] == 'N' ? NAN : neg ? -INFINITY : INFINITY);
        return;
    }
    while (word_char(*q) || *q == '.' ||
           ((*q == '-' || *q == '+') && (q[-1] == 'e' || q[-1] == 'E')))
        q++;
    snprintf(t, sizeof t, "%.*s", (int)(q - start), start);
    is_float = strpbrk(t, ".eE") != NULL && strncmp(t, "0x", 2) != 0;
    r->p = q;
    if (is_float) {
        double d = strtod(t, &end);
        if (end == NULL || *end)
            r->bad = 1;
        canon_float(b, d);
    } else {
        long long i = strtoll(t, &end, 0);
        if (end == NULL || *end)
            r->bad = 1;
        snprintf(t, sizeof t, "%lld", i);
        zg_strbuf_add(b, t);
    }
}

static void
read_value(reader *r, zg_strbuf *b)
{
    texts t = {0};
    zg_strbuf item = {0};

    blank(r);
    if (r->bad)
        return;
    if (*r->p == '\'' || *r->p == '"') {
        char quote = *r->p++;
        zg_strbuf s = {0};
        while (*r->p && *r->p != quote) {
            if (*r->p == '\\' && r->p[1])
                r->p++;
            zg_strbuf_addn(&s, r->p++, 1);
        }
        if (*r->p != quote)
            r->bad = 1;
        else
            r->p++;
        canon_string(b, s.s ? s.s : "", s.len);
        free(s.s);
    } else if (*r->p == '[') {
        r->p++;
        blank(r);
        if (*r->p == ':') {
            read_edge(r, b);
            return;
        }
        if (!eat(r, ']')) {
            do {
                read_value(r, &item);
                texts_add(&t, &item);
            } while (!r->bad && eat(r, ','));
            need(r, ']');
        }
        texts_join(&t, b, "[", ", ", "]", r->lists_unordered);
    } else if (*r->p == '{') {
        r->p++;
        read_map(r, b, "{");
    } else if (*r->p == '(') {
        r->p++;
        read_node(r, b);
    } else if (*r->p == '<') {
        r->p++;
        read_path(r, b);
    } else if (strncmp(r->p, "null", 4) == 0 && !word_char(r->p[4])) {
        r->p += 4;
        zg_strbuf_add(b, "null");
    } else if (strncmp(r->p, "true", 4) == 0 && !word_char(r->p[4])) {
        r->p += 4;
        zg_strbuf_add(b, "true");
    } else if (strncmp(r->p, "false", 5) == 0 && !word_char(r->p[5])) {
        r->p += 5;
        zg_strbuf_add(b, "false");
    } else if ((*r->p >= '0' && *r->p <= '9') || *r->p == '-' || *r->p == '+' ||
               *r->p == '.' || *r->p == 'N' || *r->p == 'I') {
        read_number(r, b);
    } else {
        r->bad = 1;
    }
}

/* The canonical text of the TCK value `text` (free it), or NULL when it
 * is not one. */
static char *
canon_text(const char *text, int lists_unordered)
{
    reader r = {text, lists_unordered, 0};
    zg_strbuf b = {0};

    read_value(&r, &b);
    blank(&r);
    if (*r.p)
        r.bad = 1;
    if (r.bad) {
        free(zg_strbuf_take(&b));
        return NULL;
    }
    return zg_strbuf_take(&b);
}

/* ---- one case ---- */

/* 1 if the scenario says its query changes the graph: a side effect
 * counted other than 0 (`| +nodes | 1 |`). */
static int
changes_graph(const tck_step *s)
{
    size_t i;

    if (s->kind != TCK_STEP_SIDE_EFFECTS || s->cols != 2)
        return 0;
    for (i = 0; i < s->rows; i++)
        if (strcmp(s->cells[2 * i + 1], "0") != 0)
            return 1;
    return 0;
}

/* What happened to a case, and what to show when it failed. */
typedef struct outcome {
    enum { PASS, FAIL, SKIP } verdict;
    int by_type, other_name;
    const char *why; /* SKIP: the reason */
    zg_strbuf expected, got;
} outcome;

/*
 * The graph a case runs on, in `*out` (the runner's empty graph, or a new
 * one the caller frees), from its Given and set-up steps. 0, or 1 with the
 * reason in `*why` when the case cannot run yet, or -1 on failure.
 *
 * A case with no set-up query runs on the empty graph. A set-up query
 * (`having executed:`) and a named graph (`Given the binary-tree-1
 * graph`) need CREATE, which a read-only engine does not have, and a graph
 * model that holds nodes without a label or with several: such cases are
 * skipped. This is the one place that will build a scratch graph from
 * the CREATE patterns through zg_graph_add_*.
 */
static int
build_graph(runner *run, const tck_case *c, zg_graph **out, const char **why)
{
    size_t i;

    for (i = 0; i < c->n; i++)
        if (c->steps[i].kind == TCK_STEP_SETUP ||
            c->steps[i].kind == TCK_STEP_NAMED_GRAPH) {
            *why = "set-up needs CREATE";
            return 1;
        }
    *out = run->empty;
    return 0;
}

/* The parameters of a case: each TCK value read as a literal of the
 * language (`RETURN value AS v` run on the empty graph); the results
 * hold the values until params_free(). */
typedef struct params {
    const char **names;
    zg_value *values;
    zg_result **held;
    size_t n;
} params;

static void
params_free(params *p)
{
    size_t i;

    for (i = 0; i < p->n; i++)
        zg_result_free(p->held[i]);
    free(p->names);
    free(p->values);
    free(p->held);
    memset(p, 0, sizeof *p);
}

static int
params_read(runner *run, const tck_step *s, params *p, zg_strbuf *why)
{
    size_t i;

    if (s->cols != 2)
        return zg_strbuf_add(why, "a parameters table without 2 columns"), -1;
    p->names = calloc(s->rows + 1, sizeof *p->names);
    p->values = calloc(s->rows + 1, sizeof *p->values);
    p->held = calloc(s->rows + 1, sizeof *p->held);
    if (!p->names || !p->values || !p->held)
        return -1;
    for (i = 0; i < s->rows; i++) {
        zg_strbuf q = {0};
        zg_cypher *cq = NULL;
        zg_error err = {0};
        zg_status st;
        zg_strbuf_add(&q, "RETURN ");
        zg_strbuf_add(&q, s->cells[2 * i + 1]);
        zg_strbuf_add(&q, " AS v");
        if (q.oom)
            return free(q.s), -1;
        st = zg_cypher_compile(&cq, q.s, q.len, &err);
        if (st == ZG_OK)
            st = zg_cypher_run(cq, run->empty, NULL, &p->held[p->n], &err);
        zg_cypher_free(cq);
        free(q.s);
        if (st != ZG_OK || zg_result_rows(p->held[p->n]) != 1) {
            zg_strbuf_add(why, "parameter ");
            zg_strbuf_add(why, s->cells[2 * i]);
            zg_strbuf_add(why, " cannot be read: ");
            zg_strbuf_add(why, err.msg);
            if (st == ZG_OK)
                p->n++;
            return -1;
        }
        p->names[p->n] = s->cells[2 * i];
        p->values[p->n] = *zg_result_cell(p->held[p->n], 0, 0);
        p->n++;
    }
    return 0;
}

/*
 * Judge an error the scenario expects (`want`), raised at compile time
 * (`compile`) with status `st` and message `msg`. Passes when the phase is
 * right ("any time" takes either) and the message names the TCK's error
 * name (e.g. UndefinedVariable, InvalidArgumentType) or its type (e.g.
 * TypeError; for a SyntaxError also any error of the parser). A pass by the
 * type alone is counted in `by_type`, an error at the right phase naming
 * neither in `other_name`: the strict rate leaves out the former.
 */
static void
error_matches(const tck_step *want, int compile, zg_status st, const char *msg,
              outcome *o)
{
    int phase_ok = strcmp(want->err_phase, "any time") == 0 ||
                   (compile ? strncmp(want->err_phase, "compile", 7) == 0
                            : strcmp(want->err_phase, "runtime") == 0);

    if (!phase_ok) {
        o->verdict = FAIL;
        return;
    }
    if (tck_names(msg, want->err_name)) {
        o->verdict = PASS;
    } else if (tck_names(msg, want->err_type) ||
               (compile && st == ZG_ERR_PARSE &&
                strcmp(want->err_type, "SyntaxError") == 0)) {
        o->verdict = PASS;
        o->by_type = 1;
    } else {
        o->verdict = FAIL;
        o->other_name = 1;
    }
}

/* The rows `want` expects, each in canonical text (one line, cells
 * between `|`), in `*exp`, in the order written; 1 if a cell is not a TCK
 * value (it is shown as "(unreadable) cell"). */
static int
expected_rows(const tck_step *want, texts *exp)
{
    zg_strbuf row = {0};
    size_t i, j;
    int bad = 0;

    for (i = 1; want->kind == TCK_STEP_RESULT && i < want->rows; i++) {
        for (j = 0; j < want->cols; j++) {
            const char *cell = want->cells[i * want->cols + j];
            char *c = canon_text(cell, want->lists_unordered);
            zg_strbuf_add(&row, j ? " | " : "| ");
            if (c == NULL) {
                bad = 1;
                zg_strbuf_add(&row, "(unreadable) ");
            }
            zg_strbuf_add(&row, c ? c : cell);
            free(c);
        }
        zg_strbuf_add(&row, " |");
        texts_add(exp, &row);
    }
    return bad;
}

/* What `want` expects, in words, into `b`. */
static void
describe_expected(const tck_step *want, zg_strbuf *b)
{
    texts exp = {0};
    size_t j;

    if (want->kind == TCK_STEP_ERROR) {
        zg_strbuf_add(b, "a ");
        zg_strbuf_add(b, want->err_type);
        zg_strbuf_add(b, " at ");
        zg_strbuf_add(b, want->err_phase);
        zg_strbuf_add(b, ": ");
        zg_strbuf_add(b, want->err_name);
        return;
    }
    if (want->kind == TCK_STEP_EMPTY) {
        zg_strbuf_add(b, "(no rows)");
        return;
    }
    for (j = 0; j < want->cols; j++) {
        zg_strbuf_add(b, j ? " | " : "| ");
        zg_strbuf_add(b, want->cells[j]);
    }
    zg_strbuf_add(b, " |");
    expected_rows(want, &exp);
    texts_join(&exp, b, "\n      ", "\n      ", "", 0);
}

/* The rows of `res`, canonical, compared with those `want` expects as the
 * step says (none for an error); what came is shown in `o->got`. */
static void
compare(const tck_step *want, const zg_cypher *q, const zg_result *res,
        const zg_graph *g, outcome *o)
{
    size_t cols = zg_cypher_ncols(q), i, j;
    texts exp = {0}, got = {0};
    zg_strbuf row = {0};
    int bad = expected_rows(want, &exp);

    o->verdict = PASS;
    /* The columns, unless the scenario expects no rows at all. */
    for (j = 0; j < cols; j++) {
        zg_strbuf_add(&o->got, j ? " | " : "| ");
        zg_strbuf_add(&o->got, zg_cypher_colname(q, j));
    }
    zg_strbuf_add(&o->got, " |");
    if (want->kind == TCK_STEP_RESULT) {
        if (cols != want->cols)
            o->verdict = FAIL;
        for (j = 0; j < cols && j < want->cols; j++)
            if (strcmp(zg_cypher_colname(q, j), want->cells[j]) != 0)
                o->verdict = FAIL;
    }
    for (i = 0; i < zg_result_rows(res); i++) {
        for (j = 0; j < zg_result_cols(res); j++) {
            zg_strbuf_add(&row, j ? " | " : "| ");
            canon_value(&row, zg_result_cell(res, i, j), g,
                        want->lists_unordered);
        }
        zg_strbuf_add(&row, " |");
        zg_strbuf_add(&o->got, "\n      ");
        zg_strbuf_addn(&o->got, row.s ? row.s : "", row.len);
        texts_add(&got, &row);
    }
    if (!want->ordered) {
        if (exp.n > 1)
            qsort(exp.v, exp.n, sizeof *exp.v, by_text);
        if (got.n > 1)
            qsort(got.v, got.n, sizeof *got.v, by_text);
    }
    if (bad || exp.n != got.n || exp.oom || got.oom)
        o->verdict = FAIL;
    for (i = 0; i < exp.n && i < got.n; i++)
        if (strcmp(exp.v[i], got.v[i]) != 0)
            o->verdict = FAIL;
    zg_strbuf_reset(&row);
    texts_join(&exp, &row, "", "", "", 0);
    texts_join(&got, &row, "", "", "", 0);
    free(row.s);
}

/* Run the case's query on `g` and judge it against `want`. */
static void
run_query(runner *run, const tck_case *c, const tck_step *query,
          const tck_step *want, const zg_graph *g, outcome *o)
{
    zg_cypher *q = NULL;
    zg_result *res = NULL;
    zg_error err = {0};
    zg_cypher_opts opts;
    params p = {0};
    zg_status st;
    size_t i;

    memset(&opts, 0, sizeof opts);
    opts.max_work = MAX_WORK;
    for (i = 0; i < c->n; i++)
        if (c->steps[i].kind == TCK_STEP_PARAMS &&
            params_read(run, &c->steps[i], &p, &o->got) != 0) {
            o->verdict = FAIL;
            goto out;
        }
    opts.param_names = p.names;
    opts.params = p.values;
    opts.n_params = p.n;
    describe_expected(want, &o->expected);
    st = zg_cypher_compile(&q, query->text, strlen(query->text), &err);
    if (st != ZG_OK) {
        zg_strbuf_add(&o->got, "compile: ");
        zg_strbuf_add(&o->got, err.msg);
        if (want->kind == TCK_STEP_ERROR)
            error_matches(want, 1, st, err.msg, o);
        else
            o->verdict = FAIL;
        goto out;
    }
    st = zg_cypher_run(q, g, &opts, &res, &err);
    if (st != ZG_OK) {
        zg_strbuf_add(&o->got, "run: ");
        zg_strbuf_add(&o->got, err.msg);
        if (want->kind == TCK_STEP_ERROR)
            error_matches(want, 0, st, err.msg, o);
        else
            o->verdict = FAIL;
        goto out;
    }
    if (want->kind == TCK_STEP_ERROR) {
        zg_strbuf_add(&o->got, "no error: ");
        compare(want, q, res, g, o); /* to show the rows */
        o->verdict = FAIL;
        goto out;
    }
    compare(want, q, res, g, o);
out:
    zg_result_free(res);
    zg_cypher_free(q);
    params_free(&p);
}

static void
print_failure(const tck_case *c, const tck_step *query, outcome *o)
{
    char *e = zg_strbuf_take(&o->expected), *g = zg_strbuf_take(&o->got);

    memset(&o->expected, 0, sizeof o->expected);
    memset(&o->got, 0, sizeof o->got);
    if (c->row >= 0)
        printf("  FAIL %s:%u (row %d): %s\n", c->file, c->line, c->row,
               c->title);
    else
        printf("  FAIL %s:%u: %s\n", c->file, c->line, c->title);
    printf("    query:    %s\n", query ? query->text : "(none)");
    printf("    expected: %s\n", e ? e : "(out of memory)");
    printf("    got:      %s\n", g ? g : "(out of memory)");
    free(e);
    free(g);
}

static void
run_case(void *ctx, const tck_case *c)
{
    runner *run = ctx;
    const tck_step *query = NULL, *want = NULL;
    zg_graph *g = NULL;
    outcome o;
    size_t i;
    int rc;

    memset(&o, 0, sizeof o);
    for (i = 0; i < c->n; i++) {
        const tck_step *s = &c->steps[i];
        if (s->kind == TCK_STEP_QUERY && query == NULL)
            query = s;
        else if ((s->kind == TCK_STEP_RESULT || s->kind == TCK_STEP_EMPTY ||
                  s->kind == TCK_STEP_ERROR) &&
                 want == NULL)
            want = s;
        else if (s->kind == TCK_STEP_CONTROL) {
            o.verdict = SKIP;
            o.why = "control query";
        }
    }
    if (o.verdict != SKIP &&
        (query == NULL || query->text == NULL || want == NULL)) {
        o.verdict = SKIP;
        o.why = "no query or no expectation";
    }
    if (o.verdict != SKIP) {
        rc = build_graph(run, c, &g, &o.why);
        for (i = 0; rc == 0 && i < c->n; i++)
            if (changes_graph(&c->steps[i])) {
                o.why = "query changes the graph";
                rc = 1;
            }
        if (rc > 0) {
            o.verdict = SKIP;
        } else if (rc < 0) {
            o.verdict = FAIL;
            zg_strbuf_add(&o.got, "the graph cannot be built");
        } else {
            run_query(run, c, query, want, g, &o);
        }
        if (g != run->empty)
            zg_graph_free(g);
    }
    if (o.verdict == SKIP)
        add_skips(&run->folder, o.why, 1);
    else if (o.verdict == PASS)
        run->folder.passed++, run->folder.by_type += o.by_type;
    else
        run->folder.failed++, run->folder.other_name += o.other_name;
    if (o.verdict == FAIL && run->failures)
        print_failure(c, query, &o);
    free(o.expected.s);
    free(o.got.s);
}

/* ---- the report ---- */

static double
rate(const tally *t, int strict)
{
    size_t executable = t->passed + t->failed;
    size_t passed = t->passed - (strict ? t->by_type : 0);

    return executable ? 100.0 * (double)passed / (double)executable : 0.0;
}

static void
print_tally(const char *name, const tally *t)
{
    size_t k;

    printf("%-36s %6zu %6zu %7zu %6.1f%%\n", name, t->passed, t->failed,
           t->skipped, rate(t, 0));
    for (k = 0; k < MAX_REASONS && t->reason[k]; k++)
        printf("%-36s %21zu skipped: %s\n", "", t->n_reason[k], t->reason[k]);
}

/* The rate recorded in `path`, or -1 when there is none. */
static double
recorded_rate(const char *path)
{
    size_t len = 0;
    char *buf = tck_slurp(path, &len);
    double r = -1;

    if (buf != NULL)
        r = strtod(buf, NULL);
    free(buf);
    return r;
}

int
main(int argc, char **argv)
{
    static char dir[4096], rate_file[4096], sub[4200], text[32];
    const char *top = getenv("top_srcdir");
    runner run;
    zg_error err = {0};
    const char *const *folders = scope, *only[1];
    size_t n_folders = N_SCOPE, s, i;
    int argi = 1, write = 0, rc = 0;
    double now, floor;

    memset(&run, 0, sizeof run);
    for (; argi < argc && argv[argi][0] == '-'; argi++) {
        if (strcmp(argv[argi], "--write") == 0)
            write = 1;
        else if (strcmp(argv[argi], "--failures") == 0)
            run.failures = 1;
        else if (strcmp(argv[argi], "--in") == 0 && argi + 1 < argc) {
            only[0] = argv[++argi];
            folders = only;
            n_folders = 1;
        } else
            argi = argc + 1;
    }
    if (argi > argc || (argc - argi != 0 && argc - argi != 2)) {
        fprintf(stderr, "usage: tck_run [--write] [--failures] [--in FOLDER] "
                        "[FEATURES_DIR PASS_RATE_FILE]\n");
        return 2;
    }
    snprintf(dir, sizeof dir, "%s/tests/tck/features", top ? top : ".");
    snprintf(rate_file, sizeof rate_file, "%s/tests/tck/pass-rate.txt",
             top ? top : ".");
    if (argc - argi == 2) {
        snprintf(dir, sizeof dir, "%s", argv[argi]);
        snprintf(rate_file, sizeof rate_file, "%s", argv[argi + 1]);
    }
    if (zg_graph_new(&run.empty, &err) != ZG_OK ||
        zg_graph_begin(run.empty, &err) != ZG_OK ||
        zg_graph_commit(run.empty, &err) != ZG_OK) {
        fprintf(stderr, "tck_run: %s\n", err.msg);
        zg_graph_free(run.empty);
        return 1;
    }
    printf("%-36s %6s %6s %7s %7s\n", "folder", "passed", "failed", "skipped",
           "rate");
    for (s = 0; s < n_folders; s++) {
        char **files = NULL;
        long n;
        snprintf(sub, sizeof sub, "%s/%s", dir, folders[s]);
        if ((n = tck_list(sub, &files)) <= 0) {
            fprintf(stderr, "tck_run: no feature files under %s\n", sub);
            rc = 1;
            continue;
        }
        memset(&run.folder, 0, sizeof run.folder);
        for (i = 0; i < (size_t)n; i++) {
            const char *name = files[i] + strlen(dir) + 1;
            if (tck_read(files[i], name, run_case, &run) != 0) {
                fprintf(stderr, "tck_run: cannot read %s\n", files[i]);
                rc = 1;
            }
            free(files[i]);
        }
        free(files);
        print_tally(folders[s], &run.folder);
        add_tally(&run.total, &run.folder);
    }
    zg_graph_free(run.empty);
    print_tally("total", &run.total);
    now = rate(&run.total, 0);
    printf("errors passed by their type alone: %zu (strict rate %.1f%%); "
           "at the right phase naming neither: %zu\n",
           run.total.by_type, rate(&run.total, 1), run.total.other_name);
    printf("TCK scope: %zu of %zu executable cases pass (%.1f%%), %zu "
           "skipped\n",
           run.total.passed, run.total.passed + run.total.failed, now,
           run.total.skipped);
    snprintf(text, sizeof text, "%.1f", now);
    now = strtod(text, NULL); /* as recorded: one decimal */
    if (write) {
        FILE *f = fopen(rate_file, "w");
        if (f == NULL || fprintf(f, "%s\n", text) < 0 || fclose(f) != 0) {
            fprintf(stderr, "tck_run: cannot write %s\n", rate_file);
            return 1;
        }
        return rc;
    }
    floor = recorded_rate(rate_file);
    if (floor < 0) {
        fprintf(stderr, "tck_run: no rate recorded in %s (--write)\n",
                rate_file);
        return 1;
    }
    if (now < floor) {
        fprintf(stderr, "tck_run: the pass rate fell below %.1f%% (%s)\n",
                floor, rate_file);
        return 1;
    }
    return rc;
}
