/* SPDX-License-Identifier: MIT */
/*
 * Reading the openCypher TCK's feature files (Gherkin): each scenario,
 * and each row of a Scenario Outline's Examples, becomes one case, a list
 * of steps with their doc strings and tables, `<name>` replaced by the
 * row's cell. Background steps come first in every case. Shared by the
 * front-end measure (tck_parse.c) and the runner (tck_run.c).
 */
#ifndef TCK_FEATURE_H
#define TCK_FEATURE_H

#include <stddef.h>

/* What a step says, from its words after Given/When/Then/And/But. */
typedef enum tck_step_kind {
    TCK_STEP_OTHER,
    TCK_STEP_EMPTY_GRAPH, /* Given an empty graph */
    TCK_STEP_ANY_GRAPH,   /* Given any graph */
    TCK_STEP_NAMED_GRAPH, /* Given the binary-tree-1 graph */
    TCK_STEP_SETUP,       /* having executed: (doc string) */
    TCK_STEP_PARAMS,      /* parameters are: (table name | value) */
    TCK_STEP_QUERY,       /* When executing query: (doc string) */
    TCK_STEP_CONTROL,     /* When executing control query: (doc string) */
    TCK_STEP_RESULT,      /* the result should be, ...: (table) */
    TCK_STEP_EMPTY,       /* the result should be empty */
    TCK_STEP_ERROR,       /* a T should be raised at P: N */
    TCK_STEP_SIDE_EFFECTS /* no side effects / the side effects should be */
} tck_step_kind;

typedef struct tck_step {
    tck_step_kind kind;
    unsigned line;      /* of the step, 1-based */
    char *words;        /* the step after its keyword, e.g. "any graph" */
    char *text;         /* its doc string, or NULL */
    unsigned text_line; /* the doc string's first line */
    char **cells;       /* its table, row by row: rows * cols cells */
    size_t rows, cols;
    /* TCK_STEP_RESULT */
    int ordered;         /* "in order" */
    int lists_unordered; /* "ignoring element order for lists" */
    /* TCK_STEP_ERROR: e.g. "SyntaxError", "compile time",
     * "UndefinedVariable" */
    char err_type[64], err_phase[32], err_name[64];
} tck_step;

typedef struct tck_case {
    const char *file;  /* the feature's name, as given to tck_read */
    unsigned line;     /* the Scenario's line */
    int row;           /* the Examples row's line, or -1 */
    const char *title; /* the scenario's title, `<name>` replaced */
    tck_step *steps;
    size_t n;
    size_t n_background; /* the first steps, from the Background */
    int first;           /* the first case of the feature */
} tck_case;

/* Called once per case; the case lives only for the call. */
typedef void (*tck_case_fn)(void *ctx, const tck_case *c);

/* Read the feature file `path`, calling `fn` for each case; `name` is how
 * cases name the file. 0, or -1 when the file cannot be read. */
int tck_read(const char *path, const char *name, tck_case_fn fn, void *ctx);

/* The files under `dir` whose names end in ".feature", sorted by name
 * (free each and the list), in `*out`; their number, or -1. */
long tck_list(const char *dir, char ***out);

/* The whole of the file `path` in a new buffer, NUL-terminated; NULL when
 * it cannot be read. */
char *tck_slurp(const char *path, size_t *len);

/* The lines of `buf`, split in place (a new array of pointers into it). */
char **tck_lines(char *buf, size_t *n);

/* 1 if the error message `msg` names `name` as the query language's
 * errors do, "Name:" at the start or after a space ("1:8: TypeError:
 * ..."). */
int tck_names(const char *msg, const char *name);

#endif
