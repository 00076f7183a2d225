/* SPDX-License-Identifier: MIT */
/*
 * Reading the openCypher TCK's feature files: see tck_feature.h.
 */
#define _XOPEN_SOURCE 700
#include "tck_feature.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for one cell of a table (the longest in the TCK holds a string of
 * 10000 characters). */
#define CELL 16384
/* The most columns a table may have. */
#define COLS 32

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
        char **more;
        cap_files = cap_files ? cap_files * 2 : 256;
        if ((more = realloc(files, cap_files * sizeof *files)) == NULL)
            return -1;
        files = more;
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

long
tck_list(const char *dir, char ***out)
{
    files = NULL;
    n_files = cap_files = 0;
    if (nftw(dir, collect, 16, FTW_PHYS) != 0) {
        while (n_files)
            free(files[--n_files]);
        free(files);
        return -1;
    }
    if (files)
        qsort(files, n_files, sizeof *files, by_name);
    *out = files;
    return (long)n_files;
}

/* ---- lines ---- */

char *
tck_slurp(const char *path, size_t *len)
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

char **
tck_lines(char *buf, size_t *n)
{
    size_t cap = 64;
    char **v = malloc(cap * sizeof *v), *p = buf;

    *n = 0;
    while (v && *p) {
        char *nl = strchr(p, '\n');
        if (*n == cap) {
            char **more = realloc(v, (cap *= 2) * sizeof *v);
            if (more == NULL) {
                free(v);
                return NULL;
            }
            v = more;
        }
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

/* `text` with every <name> of the header replaced by its cell (a copy of
 * `text` when there is no header). */
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
        if (len + n + 1 > cap) {
            char *more = realloc(out, cap = 2 * cap + n);
            if (more == NULL) {
                free(out);
                return NULL;
            }
            out = more;
        }
        memcpy(out + len, put ? put : p, n);
        len += n;
        p += skip;
    }
    if (out)
        out[len] = '\0';
    return out;
}

/* ---- steps ---- */

static void
classify(tck_step *s)
{
    const char *w = s->words, *p;

    if (strcmp(w, "an empty graph") == 0)
        s->kind = TCK_STEP_EMPTY_GRAPH;
    else if (strcmp(w, "any graph") == 0)
        s->kind = TCK_STEP_ANY_GRAPH;
    else if (strncmp(w, "the ", 4) == 0 && strlen(w) > 10 &&
             strcmp(w + strlen(w) - 6, " graph") == 0)
        s->kind = TCK_STEP_NAMED_GRAPH;
    else if (strncmp(w, "having executed", 15) == 0)
        s->kind = TCK_STEP_SETUP;
    else if (strncmp(w, "parameters are", 14) == 0)
        s->kind = TCK_STEP_PARAMS;
    else if (strncmp(w, "executing query", 15) == 0)
        s->kind = TCK_STEP_QUERY;
    else if (strncmp(w, "executing control query", 23) == 0)
        s->kind = TCK_STEP_CONTROL;
    else if (strncmp(w, "the result should be empty", 26) == 0)
        s->kind = TCK_STEP_EMPTY;
    else if (strncmp(w, "the result should be", 20) == 0) {
        s->kind = TCK_STEP_RESULT;
        s->ordered = strstr(w, "in order") != NULL;
        s->lists_unordered = strstr(w, "ignoring element order") != NULL;
    } else if (strncmp(w, "a ", 2) == 0 &&
               (p = strstr(w, " should be raised at ")) != NULL) {
        const char *colon = strchr(p, ':');
        const char *phase = p + strlen(" should be raised at ");
        s->kind = TCK_STEP_ERROR;
        snprintf(s->err_type, sizeof s->err_type, "%.*s", (int)(p - w - 2),
                 w + 2);
        snprintf(s->err_phase, sizeof s->err_phase, "%.*s",
                 (int)(colon ? colon - phase : (long)strlen(phase)), phase);
        snprintf(s->err_name, sizeof s->err_name, "%s",
                 colon ? skip_blank(colon + 1) : "");
    } else if (strstr(w, "side effects") != NULL)
        s->kind = TCK_STEP_SIDE_EFFECTS;
    else
        s->kind = TCK_STEP_OTHER;
}

static void
free_step(tck_step *s)
{
    size_t k;

    free(s->words);
    free(s->text);
    for (k = 0; k < s->rows * s->cols; k++)
        free(s->cells[k]);
    free(s->cells);
    memset(s, 0, sizeof *s);
}

static void
free_steps(tck_step *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free_step(&v[i]);
}

/* A scenario being read: its steps as written. */
typedef struct reading {
    tck_step steps[128];
    size_t n;
    tck_step background[32];
    size_t n_background;
    int in_background, outline, first;
    unsigned line;
    char title[512];
    char head[COLS][CELL], row[COLS][CELL];
    size_t table_cols; /* of the last step's table */
} reading;

/* `*to` as `from` with the Examples row substituted; -1 out of memory. */
static int
copy_step(tck_step *to, const tck_step *from, reading *r, size_t cols)
{
    size_t k;

    *to = *from;
    to->words = to->text = NULL;
    to->cells = NULL;
    if ((to->words = substitute(from->words, r->head, r->row, cols)) == NULL)
        return -1;
    if (from->text &&
        (to->text = substitute(from->text, r->head, r->row, cols)) == NULL)
        return -1;
    if (from->rows * from->cols == 0)
        return 0;
    if ((to->cells = calloc(from->rows * from->cols, sizeof *to->cells)) ==
        NULL) {
        to->rows = to->cols = 0;
        return -1;
    }
    for (k = 0; k < from->rows * from->cols; k++)
        if ((to->cells[k] =
                 substitute(from->cells[k], r->head, r->row, cols)) == NULL)
            return -1;
    return 0;
}

/* Hand the scenario as read, with the Examples row `row` (its line, or
 * -1) substituted, to `fn`. */
static void
emit(reading *r, const char *name, size_t cols, int row, tck_case_fn fn,
     void *ctx)
{
    static tck_step steps[160];
    tck_case c;
    char *title = NULL;
    size_t i, n = 0;
    int ok = 1;

    memset(steps, 0, sizeof steps);
    for (i = 0; ok && i < r->n_background; i++)
        ok = copy_step(&steps[n++], &r->background[i], r, cols) == 0;
    for (i = 0; ok && i < r->n; i++)
        ok = copy_step(&steps[n++], &r->steps[i], r, cols) == 0;
    if (ok && (title = substitute(r->title, r->head, r->row, cols)) == NULL)
        ok = 0;
    if (ok) {
        c.file = name;
        c.line = r->line;
        c.row = row;
        c.title = title;
        c.steps = steps;
        c.n = n;
        c.n_background = r->n_background;
        c.first = r->first;
        r->first = 0;
        fn(ctx, &c);
    }
    free_steps(steps, n);
    free(title);
}

/* The step the next doc string or table belongs to, or NULL. */
static tck_step *
last_step(reading *r)
{
    if (r->in_background)
        return r->n_background ? &r->background[r->n_background - 1] : NULL;
    return r->n ? &r->steps[r->n - 1] : NULL;
}

static int
add_row(tck_step *s, const char *line, reading *r)
{
    size_t cols = row_cells(line, r->row, COLS), k;
    char **more;

    if (s->rows == 0)
        s->cols = cols;
    if (cols != s->cols || cols == 0)
        return 0;
    more = realloc(s->cells, (s->rows + 1) * s->cols * sizeof *more);
    if (more == NULL)
        return -1;
    s->cells = more;
    for (k = 0; k < cols; k++)
        if ((s->cells[s->rows * s->cols + k] = strdup(r->row[k])) == NULL) {
            while (k > 0)
                free(s->cells[s->rows * s->cols + --k]);
            return -1;
        }
    s->rows++;
    return 0;
}

/* Examples rows from line `*i` on, each handed to `fn` with the scenario. */
static void
examples(reading *r, const char *name, char **lines, size_t n, size_t *i,
         tck_case_fn fn, void *ctx)
{
    size_t cols = 0, k;

    for (k = *i + 1; k < n; k++) {
        const char *l = skip_blank(lines[k]);
        if (*l == '#' || *l == '\0')
            continue;
        if (*l != '|')
            break;
        if (cols == 0) {
            cols = row_cells(l, r->head, COLS);
            continue;
        }
        if (row_cells(l, r->row, COLS) == cols)
            emit(r, name, cols, (int)(k + 1), fn, ctx);
    }
    *i = k - 1;
}

/* Close the scenario being read: an ordinary one is handed on now, an
 * outline was handed on row by row. */
static void
finish(reading *r, const char *name, tck_case_fn fn, void *ctx)
{
    if (!r->in_background && !r->outline && r->line)
        emit(r, name, 0, -1, fn, ctx);
    free_steps(r->steps, r->n);
    r->n = 0;
}

static const char *const keywords[] = {"Given ", "When ", "Then ", "And ",
                                       "But "};

/* The words of step line `l` after its keyword, or NULL if it is none. */
static const char *
step_words(const char *l)
{
    size_t k;

    l = skip_blank(l);
    for (k = 0; k < sizeof keywords / sizeof *keywords; k++)
        if (strncmp(l, keywords[k], strlen(keywords[k])) == 0)
            return skip_blank(l + strlen(keywords[k]));
    return NULL;
}

int
tck_read(const char *path, const char *name, tck_case_fn fn, void *ctx)
{
    static reading r;
    size_t len, n, i;
    char *buf = tck_slurp(path, &len), **lines;
    const char *w;
    int attach = 0; /* the last line was a step or part of its table */

    if (buf == NULL || (lines = tck_lines(buf, &n)) == NULL) {
        free(buf);
        return -1;
    }
    memset(&r, 0, sizeof r);
    r.first = 1;
    for (i = 0; i < n; i++) {
        const char *l = lines[i];
        tck_step *s;
        if (starts(l, "Scenario Outline:") || starts(l, "Scenario:") ||
            starts(l, "Background:") || starts(l, "Scenario Template:")) {
            finish(&r, name, fn, ctx);
            r.in_background = starts(l, "Background:");
            r.outline = !starts(l, "Scenario:") && !r.in_background;
            r.line = (unsigned)i + 1;
            w = strchr(l, ':');
            snprintf(r.title, sizeof r.title, "%s", skip_blank(w + 1));
            attach = 0;
        } else if (starts(l, "Examples:")) {
            examples(&r, name, lines, n, &i, fn, ctx);
            attach = 0;
        } else if ((w = step_words(l)) != NULL && r.line) {
            size_t *count = r.in_background ? &r.n_background : &r.n;
            tck_step *v = r.in_background ? r.background : r.steps;
            size_t cap = r.in_background ? 32 : 128;
            attach = 0;
            if (*count == cap)
                continue;
            s = &v[*count];
            memset(s, 0, sizeof *s);
            s->line = (unsigned)i + 1;
            if ((s->words = strdup(w)) == NULL)
                continue;
            classify(s);
            (*count)++;
            attach = 1;
        } else if (starts(l, "\"\"\"")) {
            unsigned first = (unsigned)i + 2;
            char *text = doc_string(lines, n, &i);
            s = attach ? last_step(&r) : NULL;
            if (s && s->text == NULL) {
                s->text = text;
                s->text_line = first;
            } else {
                free(text);
            }
            attach = 0;
        } else if (starts(l, "|")) {
            s = attach ? last_step(&r) : NULL;
            if (s)
                add_row(s, l, &r);
        } else if (!starts(l, "#")) {
            attach = 0;
        }
    }
    finish(&r, name, fn, ctx);
    free_steps(r.background, r.n_background);
    free(lines);
    free(buf);
    return 0;
}

int
tck_names(const char *msg, const char *name)
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
