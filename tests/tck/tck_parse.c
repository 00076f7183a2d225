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
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cypher_internal.h"

/* Room for one cell of an Examples table. */
#define CELL 8192

typedef enum verdict { PARSED, REJECTED, ACCEPTED, FAILED } verdict;
static const char *const verdict_names[] = {"parsed", "rejected", "accepted",
                                            "failed"};

/* ---- the list of feature files ---- */

static char **files;
static size_t n_files, cap_files;

static int
collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    size_t n = strlen(path);

    (void)st;
    (void)ftw;
    if (type != FTW_F || n < 8 || strcmp(path + n - 8, ".feature") != 0)
        return 0;
    if (n_files == cap_files) {
        cap_files = cap_files ? cap_files * 2 : 256;
        files = realloc(files, cap_files * sizeof *files);
        if (files == NULL)
            return -1;
    }
    if ((files[n_files] = strdup(path)) == NULL)
        return -1;
    n_files++;
    return 0;
}

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- reading a feature file ---- */

/* A query of a scenario: its text, where it starts, what it is for. */
typedef struct query {
    char *text;
    unsigned line;
    int main; /* `When executing query:` (not setup or control) */
} query;

typedef struct scenario {
    query q[64];
    size_t n;
    int syntax_error; /* its main query must fail at compile time */
    char error[64];   /* the kind of SyntaxError the scenario names */
    int outline;
} scenario;

typedef struct counts {
    size_t v[4];
    size_t named; /* rejected with the name the scenario expects */
} counts;

static char *
read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
        *len = fread(buf, 1, (size_t)n, f);
        buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}

/* The lines of `buf`, split in place. */
static char **
split_lines(char *buf, size_t *n)
{
    size_t cap = 64;
    char **v = malloc(cap * sizeof *v), *p = buf;

    *n = 0;
    while (v && *p) {
        char *nl = strchr(p, '\n');
        if (*n == cap && (v = realloc(v, (cap *= 2) * sizeof *v)) == NULL)
            break;
        v[(*n)++] = p;
        if (nl == NULL)
            break;
        *nl = '\0';
        if (nl > p && nl[-1] == '\r')
            nl[-1] = '\0';
        p = nl + 1;
    }
    return v;
}

static const char *
skip_blank(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

static int
starts(const char *s, const char *prefix)
{
    return strncmp(skip_blank(s), prefix, strlen(prefix)) == 0;
}

/* The doc string opening at line `*i` ("""), its indentation removed;
 * `*i` is left on the closing line. */
static char *
doc_string(char **lines, size_t n, size_t *i)
{
    size_t indent = (size_t)(skip_blank(lines[*i]) - lines[*i]), len = 0, k;
    size_t start = *i + 1, end = start;
    char *out;

    while (end < n && !starts(lines[end], "\"\"\""))
        end++;
    for (k = start; k < end; k++)
        len += strlen(lines[k]) + 1;
    if ((out = malloc(len + 1)) == NULL)
        return NULL;
    out[0] = '\0';
    len = 0;
    for (k = start; k < end; k++) {
        const char *l = lines[k];
        size_t skip = 0;
        while (skip < indent && (l[skip] == ' ' || l[skip] == '\t'))
            skip++;
        len +=
            (size_t)sprintf(out + len, "%s%s", k > start ? "\n" : "", l + skip);
    }
    *i = end;
    return out;
}

/* The cells of a table row `| a | b |`, unescaped, into `cells`. */
static size_t
row_cells(const char *line, char cells[][CELL], size_t max)
{
    const char *p = skip_blank(line);
    size_t n = 0, o;

    if (*p != '|')
        return 0;
    p++;
    while (*p && n < max) {
        char *c = cells[n];
        o = 0;
        p = skip_blank(p);
        while (*p && *p != '|' && o < CELL - 2) {
            if (*p == '\\' && (p[1] == '|' || p[1] == '\\' || p[1] == 'n')) {
                c[o++] = p[1] == 'n' ? '\n' : p[1];
                p += 2;
                continue;
            }
            c[o++] = *p++;
        }
        while (o > 0 && (c[o - 1] == ' ' || c[o - 1] == '\t'))
            o--;
        c[o] = '\0';
        if (*p != '|')
            break;
        p++;
        n++;
    }
    return n;
}

/* `text` with every <name> of the header replaced by its cell. */
static char *
substitute(const char *text, char head[][CELL], char row[][CELL], size_t cols)
{
    size_t cap = strlen(text) + 1, len = 0, c;
    char *out = malloc(cap);
    const char *p = text;

    while (out && *p) {
        const char *put = NULL;
        size_t skip = 1, n;
        if (*p == '<')
            for (c = 0; c < cols; c++) {
                n = strlen(head[c]);
                if (strncmp(p + 1, head[c], n) == 0 && p[1 + n] == '>') {
                    put = row[c];
                    skip = n + 2;
                    break;
                }
            }
        n = put ? strlen(put) : 1;
        if (len + n + 1 > cap &&
            (out = realloc(out, cap = 2 * cap + n)) == NULL)
            break;
        memcpy(out + len, put ? put : p, n);
        len += n;
        p += skip;
    }
    if (out)
        out[len] = '\0';
    return out;
}

/* ---- judging ---- */

/* 1 if `msg` names the SyntaxError `name` as the check does: "Name:". */
static int
names(const char *msg, const char *name)
{
    size_t n = strlen(name);
    const char *p = msg;

    if (n == 0)
        return 0;
    while ((p = strstr(p, name)) != NULL) {
        if (p[n] == ':' && (p == msg || p[-1] == ' '))
            return 1;
        p += n;
    }
    return 0;
}

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
    if (v == REJECTED && names(err.msg, s->error))
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

static void
judge_scenario(run *r, counts *c, const char *file, const scenario *s,
               char head[][CELL], char row[][CELL], size_t cols, int row_no)
{
    size_t i;

    for (i = 0; i < s->n; i++) {
        query q = s->q[i];
        if (row_no >= 0 &&
            (q.text = substitute(s->q[i].text, head, row, cols)) == NULL)
            continue;
        judge(r, c, file, &q, row_no, s);
        if (row_no >= 0)
            free(q.text);
    }
}

static void
clear(scenario *s)
{
    size_t i;

    for (i = 0; i < s->n; i++)
        free(s->q[i].text);
    memset(s, 0, sizeof *s);
}

/* Examples rows from line `*i` on, each judged with the scenario. */
static void
examples(run *r, counts *c, const char *file, const scenario *s, char **lines,
         size_t n, size_t *i)
{
    static char head[32][CELL], row[32][CELL];
    size_t cols = 0, k;

    for (k = *i + 1; k < n; k++) {
        const char *l = skip_blank(lines[k]);
        if (*l == '#' || *l == '\0')
            continue;
        if (*l != '|')
            break;
        if (cols == 0) {
            cols = row_cells(l, head, 32);
            continue;
        }
        if (row_cells(l, row, 32) == cols)
            judge_scenario(r, c, file, s, head, row, cols, (int)(k + 1));
    }
    *i = k - 1;
}

/* Close the scenario being read: an ordinary one is judged now, an
 * outline was judged row by row. */
static void
finish(run *r, counts *c, const char *file, scenario *s)
{
    if (!s->outline)
        judge_scenario(r, c, file, s, NULL, NULL, 0, -1);
    clear(s);
}

static void
feature(run *r, const char *path, const char *name)
{
    static scenario s;
    size_t len, n, i;
    char *buf = read_file(path, &len), **lines;
    counts c = {{0}, 0};
    int kind = 0; /* the step before a doc string: 1 main, 2 other */

    if (buf == NULL || (lines = split_lines(buf, &n)) == NULL) {
        fprintf(stderr, "tck_parse: cannot read %s\n", path);
        r->regressions++;
        free(buf);
        return;
    }
    memset(&s, 0, sizeof s);
    for (i = 0; i < n; i++) {
        const char *l = lines[i];
        if (starts(l, "Scenario Outline:") || starts(l, "Scenario:")) {
            finish(r, &c, name, &s);
            s.outline = starts(l, "Scenario Outline:");
        } else if (starts(l, "When executing query:")) {
            kind = 1;
        } else if (starts(l, "When executing control query:") ||
                   starts(l, "And having executed:") ||
                   starts(l, "Given having executed:")) {
            kind = 2;
        } else if (starts(l, "\"\"\"") && kind && s.n < 64) {
            s.q[s.n].line = (unsigned)i + 2;
            s.q[s.n].main = kind == 1;
            s.q[s.n].text = doc_string(lines, n, &i);
            if (s.q[s.n].text)
                s.n++;
            kind = 0;
        } else if (starts(l, "\"\"\"")) {
            free(doc_string(lines, n, &i));
        } else if (starts(l,
                          "Then a SyntaxError should be raised at compile")) {
            const char *colon = strrchr(l, ':');
            s.syntax_error = 1;
            snprintf(s.error, sizeof s.error, "%s",
                     colon ? skip_blank(colon + 1) : "");
        } else if (starts(l, "Examples:")) {
            examples(r, &c, name, &s, lines, n, &i);
        } else if (!starts(l, "|") && !starts(l, "#")) {
            kind = 0;
        }
    }
    finish(r, &c, name, &s);
    printf("%-60s %5zu %5zu %5zu %5zu %5zu\n", name, c.v[PARSED], c.v[REJECTED],
           c.named, c.v[ACCEPTED], c.v[FAILED]);
    for (i = 0; i < 4; i++)
        r->total.v[i] += c.v[i];
    r->total.named += c.named;
    free(lines);
    free(buf);
}

/* ---- the expected list ---- */

static int
load_expected(run *r, const char *path)
{
    size_t len = 0, i;
    char *buf = read_file(path, &len);

    if (buf == NULL)
        return -1;
    r->expected = split_lines(buf, &r->n_expected);
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
    if (nftw(dir, collect, 16, FTW_PHYS) != 0 || n_files == 0) {
        fprintf(stderr, "tck_parse: no feature files under %s\n", dir);
        return 1;
    }
    qsort(files, n_files, sizeof *files, by_name);
    if (write ? (r.expected_out = fopen(list, "w")) == NULL
              : load_expected(&r, list) != 0) {
        fprintf(stderr, "tck_parse: cannot %s %s\n", write ? "write" : "read",
                list);
        return 1;
    }
    printf("%-60s %5s %5s %5s %5s %5s\n", "feature", "parsed", "rejected",
           "named", "accepted", "failed");
    base = strlen(dir) + 1;
    for (i = 0; i < n_files; i++) {
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
