/* SPDX-License-Identifier: MIT */
/*
 * What the answering commands share: loading the data and resolving the
 * names they were given, labels in the output language, the work budget
 * the options ask for, and the notes on standard error that say an
 * answer was cut short and which option raises the budget.
 */
#include "cli.h"

#include <string.h>

/* Load and resolve `n` names (see cli.h). */
int
cli_load_names(cli *c, char **argv, zg_id *nodes, int n)
{
    int rc = cli_prepare_output(c, FMT_TEXT | FMT_DIAGRAM);

    if (rc == EXIT_OK)
        rc = cli_load(c);
    for (int i = 0; rc == EXIT_OK && i < n; i++)
        rc = cli_resolve(c, argv[optind + i], &nodes[i]);
    return rc == EXIT_OK ? -1 : rc;
}

/* The label of node `n` in the output language. */
const char *
cli_name_of(const cli *c, zg_id n)
{
    return zg_graph_node_label(c->g, n, c->lang == ZG_LANG_EN);
}

/* 1 when the chosen format wants edge cells (JSON, diagrams). */
int
cli_wants_edges(const cli *c)
{
    return !cli_format_is(c, "table") && !cli_format_is(c, "tsv");
}

/* Draw an answer about a pair (see cli.h). */
int
cli_draw_pair(cli *c, const zg_result *const *results, size_t n,
              const zg_id ends[2])
{
    char title[512];

    snprintf(title, sizeof title, "%s — %s", cli_name_of(c, ends[0]),
             cli_name_of(c, ends[1]));
    return cli_draw_answer(c, results, n, ends, 2, title);
}

/* The budget the options ask for (zero fields: the defaults). */
zg_budget
cli_budget(const cli_opts *o)
{
    zg_budget b;

    b.max_visits = (size_t)o->max_visits;
    b.max_rows = (size_t)o->max_rows;
    b.max_bytes = (size_t)o->max_bytes;
    return b;
}

/* A count of paths as text (see cli.h). */
void
cli_count_text(unsigned long long n, int more, char *buf, size_t size)
{
    snprintf(buf, size, "%s%llu", more ? "more than " : "", n);
}

/* A cell by column name (see cli.h). */
const zg_value *
cli_cell(const zg_result *r, size_t row, const char *col)
{
    static const zg_value null_cell;
    size_t c = zg_result_col(r, col);

    if (c == ZG_NO_COL || row >= zg_result_rows(r))
        return &null_cell;
    return zg_result_cell(r, row, c);
}

/* Why an answer stopped, and the option that raises the budget. */
void
cli_limit_reason(zg_limit by, size_t limit, char *buf, size_t size)
{
    switch (by) {
    case ZG_LIMIT_ROWS:
        snprintf(buf, size,
                 "; more would pass the answer's budget of %zu rows "
                 "(--max-rows N)",
                 limit);
        break;
    case ZG_LIMIT_BYTES:
        snprintf(buf, size,
                 "; more would pass the answer's budget of %zu bytes "
                 "(--max-bytes N)",
                 limit);
        break;
    case ZG_LIMIT_VISITS:
        snprintf(buf, size,
                 "; the search stopped at its budget of %zu visits "
                 "(--max-visits N)",
                 limit);
        break;
    case ZG_LIMIT_PATHS: snprintf(buf, size, " (--max-paths N)"); break;
    case ZG_LIMIT_NONE: buf[0] = '\0'; break;
    }
}

/* Report a failed query, naming the budget option (see cli.h). */
int
cli_query_failed(const zg_error *err)
{
    int rc = cli_fail(err);

    if (err->status == ZG_ERR_LIMIT)
        fputs("zonegraph: (--max-visits N raises the budget)\n", stderr);
    return rc;
}

/* Note the rows a budget left out (see cli.h). */
void
cli_rows_note(const cli *c, const zg_truncation *t, size_t shown,
              const char *what)
{
    char count[64], why[160];

    if (t->by == ZG_LIMIT_NONE)
        return;
    cli_count_text(t->rows, t->more, count, sizeof count);
    cli_limit_reason(t->by, t->limit, why, sizeof why);
    cli_notef(c, "showing %zu of %s %s%s", shown, count, what, why);
}
