/* SPDX-License-Identifier: MIT */
/*
 * The openCypher Technology Compatibility Kit as the measure of the
 * front end of zonegraph's Cypher-style query language: the parser and
 * the check after it (zg_cypher__check).
 *
 * Every query is taken from the feature files (tests/tck/features): the
 * `When executing query:` and `When executing control query:` blocks, the
 * `having executed:` blocks that set up a scenario's graph, and each
 * `Scenario Outline` once per row of its Examples. A query is counted as
 *
 *   parsed     the scenario expects it to run, and it parses and passes
 *              the check;
 *   rejected   the scenario expects a SyntaxError at compile time, and the
 *              parser or the check refuses it; "named" counts those of
 *              them whose error message names the SyntaxError the
 *              scenario expects (e.g. UndefinedVariable);
 *   accepted   the scenario expects a SyntaxError at compile time, and it
 *              parses and passes the check;
 *   failed     the scenario expects it to run, and the parser or the
 *              check refuses it.
 *
 * It prints the counts by feature file and in total, and compares the
 * queries parsed or rejected with the list in tests/tck/expected.txt: a
 * query listed there that is no longer parsed (or rejected) fails the
 * run. `--write` rewrites the list; `--failures` prints each query that
 * failed with its error, each accepted one, and each rejected one with
 * the error the scenario names and the parser's; `-e QUERY` prints the
 * tree of one query or its error.
 *
 * Usage: tck_parse [--write] [--failures] [FEATURES_DIR EXPECTED]
 *        tck_parse -e QUERY
 * The folders default to $top_srcdir/tests/tck/{features,expected.txt}.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cypher_internal.h"
#include "tck_feature.h"

typedef enum verdict { PARSED, REJECTED, ACCEPTED, FAILED } verdict;
static const char *const verdict_names[] = {"parsed", "rejected", "accepted",
                                            "failed"};

/* A query of a scenario: its text, where it starts, what it is for. */
typedef struct query {
    const char *text;
    unsigned line;
    int main; /* `When executing query:` (not setup or control) */
} query;

typedef struct scenario {
    int syntax_error; /* its main query must fail at compile time */
    char error[64];   /* the kind of SyntaxError the scenario names */
} scenario;

typedef struct counts {
    size_t v[4];
    size_t named; /* rejected with the name the scenario expects */
} counts;

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- judging ---- */

/* Parse and check `text` (in `a`); ZG_OK when both pass. */
static zg_status
front_end(zg_arena *a, const char *text, zg_cypher_node **root, zg_error *err)
{
    zg_status st = zg_cypher__parse(a, text, strlen(text), root, err);

    return st == ZG_OK ? zg_cypher__check(*root, err) : st;
}

typedef struct run {
    FILE *expected_out; /* --write */
    char **expected;    /* the sorted list */
    size_t n_expected;
    char *seen; /* which listed ids were met, as they should be */
    int failures, regressions;
    counts total;
} run;

static int
find_expected(const run *r, const char *id)
{
    size_t lo = 0, hi = r->n_expected;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(r->expected[mid], id);
        if (c == 0)
            return (int)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static void
judge(run *r, counts *c, const char *file, const query *q, int row,
      const scenario *s)
{
    zg_arena a;
    zg_error err = {0};
    zg_cypher_node *root;
    char id[600];
    int ok, k;
    verdict v;

    zg_arena_init(&a);
    ok = front_end(&a, q->text, &root, &err) == ZG_OK;
    zg_arena_free(&a);
    if (s->syntax_error && q->main)
        v = ok ? ACCEPTED : REJECTED;
    else
        v = ok ? PARSED : FAILED;
    c->v[v]++;
    if (v == REJECTED && tck_names(err.msg, s->error))
        c->named++;
    if (row >= 0)
        snprintf(id, sizeof id, "%s %s:%u#%d", verdict_names[v], file, q->line,
                 row);
    else
        snprintf(id, sizeof id, "%s %s:%u", verdict_names[v], file, q->line);
    if (r->failures && v == FAILED)
        printf("  %s: %s\n    %s\n", id, err.msg, q->text);
    if (r->failures && v == ACCEPTED)
        printf("  %s (%s)\n    %s\n", id, s->error, q->text);
    if (r->failures && v == REJECTED)
        printf("  %s (%s): %s\n", id, s->error, err.msg);
    if (v != PARSED && v != REJECTED)
        return;
    if (r->expected_out)
        fprintf(r->expected_out, "%s\n", id);
    if ((k = find_expected(r, id)) >= 0)
        r->seen[k] = 1;
}

/* The feature being judged. */
typedef struct reading {
    run *r;
    counts c;
} reading;

/* Judge every query of one case: its set-up, control and main queries.
 * The Background's queries are judged once, with the feature's first
 * case. */
static void
judge_case(void *ctx, const tck_case *k)
{
    reading *rd = ctx;
    scenario s;
    size_t i;

    memset(&s, 0, sizeof s);
    for (i = 0; i < k->n; i++) {
        const tck_step *st = &k->steps[i];
        if (st->kind == TCK_STEP_ERROR &&
            strcmp(st->err_type, "SyntaxError") == 0 &&
            strncmp(st->err_phase, "compile", 7) == 0) {
            s.syntax_error = 1;
            snprintf(s.error, sizeof s.error, "%s", st->err_name);
        }
    }
    for (i = 0; i < k->n; i++) {
        const tck_step *st = &k->steps[i];
        query q;
        int background = i < k->n_background;
        if (st->text == NULL ||
            (st->kind != TCK_STEP_QUERY && st->kind != TCK_STEP_CONTROL &&
             st->kind != TCK_STEP_SETUP) ||
            (background && !k->first))
            continue;
        q.text = st->text;
        q.line = st->text_line;
        q.main = st->kind == TCK_STEP_QUERY;
        judge(rd->r, &rd->c, k->file, &q, background ? -1 : k->row, &s);
    }
}

static void
feature(run *r, const char *path, const char *name)
{
    reading rd;
    size_t i;

    memset(&rd, 0, sizeof rd);
    rd.r = r;
    if (tck_read(path, name, judge_case, &rd) != 0) {
        fprintf(stderr, "tck_parse: cannot read %s\n", path);
        r->regressions++;
        return;
    }
    printf("%-60s %5zu %5zu %5zu %5zu %5zu\n", name, rd.c.v[PARSED],
           rd.c.v[REJECTED], rd.c.named, rd.c.v[ACCEPTED], rd.c.v[FAILED]);
    for (i = 0; i < 4; i++)
        r->total.v[i] += rd.c.v[i];
    r->total.named += rd.c.named;
}

/* ---- the expected list ---- */

static int
load_expected(run *r, const char *path)
{
    size_t len = 0, i;
    char *buf = tck_slurp(path, &len);

    if (buf == NULL)
        return -1;
    r->expected = tck_lines(buf, &r->n_expected);
    while (r->n_expected && r->expected[r->n_expected - 1][0] == '\0')
        r->n_expected--;
    qsort(r->expected, r->n_expected, sizeof *r->expected, by_name);
    r->seen = calloc(r->n_expected + 1, 1);
    for (i = 0; r->seen && i < r->n_expected; i++)
        r->expected[i] = strdup(r->expected[i]);
    free(buf);
    return r->seen ? 0 : -1;
}

static int
print_one(const char *q)
{
    zg_arena a;
    zg_error err = {0};
    zg_cypher_node *root;
    zg_strbuf b = {0};
    char *s;
    int rc = 0;

    zg_arena_init(&a);
    if (front_end(&a, q, &root, &err) != ZG_OK) {
        printf("error: %s\n", err.msg);
        rc = 1;
    } else if (zg_cypher__print(root, &b) != 0) {
        rc = 2;
    }
    s = zg_strbuf_take(&b);
    if (rc == 0)
        printf("%s\n", s);
    free(s);
    zg_arena_free(&a);
    return rc;
}

int
main(int argc, char **argv)
{
    static char dir[4096], list[4096];
    const char *top = getenv("top_srcdir");
    run r;
    char **files = NULL;
    long n_files;
    size_t i, base, missing = 0;
    int argi = 1, write = 0;

    memset(&r, 0, sizeof r);
    if (argc == 3 && strcmp(argv[1], "-e") == 0)
        return print_one(argv[2]);
    for (; argi < argc && argv[argi][0] == '-'; argi++) {
        if (strcmp(argv[argi], "--write") == 0)
            write = 1;
        else if (strcmp(argv[argi], "--failures") == 0)
            r.failures = 1;
        else {
            fprintf(stderr, "usage: tck_parse [--write] [--failures] "
                            "[FEATURES_DIR EXPECTED] | -e QUERY\n");
            return 2;
        }
    }
    snprintf(dir, sizeof dir, "%s/tests/tck/features", top ? top : ".");
    snprintf(list, sizeof list, "%s/tests/tck/expected.txt", top ? top : ".");
    if (argc - argi == 2) {
        snprintf(dir, sizeof dir, "%s", argv[argi]);
        snprintf(list, sizeof list, "%s", argv[argi + 1]);
    }
    if ((n_files = tck_list(dir, &files)) <= 0) {
        fprintf(stderr, "tck_parse: no feature files under %s\n", dir);
        return 1;
    }
    if (write ? (r.expected_out = fopen(list, "w")) == NULL
              : load_expected(&r, list) != 0) {
        fprintf(stderr, "tck_parse: cannot %s %s\n", write ? "write" : "read",
                list);
        return 1;
    }
    printf("%-60s %5s %5s %5s %5s %5s\n", "feature", "parsed", "rejected",
           "named", "accepted", "failed");
    base = strlen(dir) + 1;
    for (i = 0; i < (size_t)n_files; i++) {
        feature(&r, files[i], files[i] + base);
        free(files[i]);
    }
    free(files);
    printf("%-60s %5zu %5zu %5zu %5zu %5zu\n", "total", r.total.v[PARSED],
           r.total.v[REJECTED], r.total.named, r.total.v[ACCEPTED],
           r.total.v[FAILED]);
    for (i = 0; i < r.n_expected; i++) {
        if (!r.seen[i]) {
            fprintf(stderr, "tck_parse: no longer %s\n", r.expected[i]);
            missing++;
        }
        free(r.expected[i]);
    }
    free(r.expected);
    free(r.seen);
    if (r.expected_out && fclose(r.expected_out) != 0)
        return 1;
    if (missing || r.regressions) {
        fprintf(stderr, "tck_parse: %zu queries regressed against %s\n",
                missing, list);
        return 1;
    }
    return 0;
}
