/* SPDX-License-Identifier: MIT */
/*
 * The diagnostics list of a checking import: every error and warning of a
 * file, of which the first `max` of each severity by position are kept.
 *
 * Items arrive roughly in file order, but not quite (relations are
 * resolved at the end of the file), so the
 * list cannot keep simply the first `max` it is given. It grows to four
 * times `max`, then sorts and keeps the first `max` of each severity:
 * memory stays within 4 * max items, and as a sort comes after at least
 * 2 * max adds, each add costs O(log max) on average.
 */
#include "zg_import.h"

#include <stdlib.h>
#include <string.h>

void
zg_diags_init(zg_diags *d, size_t max)
{
    memset(d, 0, sizeof *d);
    d->max = max;
}

void
zg_diags_free(zg_diags *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->count; i++)
        free(d->items[i].msg);
    free(d->items);
    d->items = NULL;
    d->count = d->cap = 0;
    d->errors = d->warnings = 0;
    d->next_seq = 0; /* max, strict, uses and file stay */
}

static int
diag_cmp(const void *a, const void *b)
{
    const zg_diag *x = a, *y = b;

    if (x->severity != y->severity)
        return x->severity < y->severity ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->column != y->column)
        return x->column < y->column ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
zg_diags_sort(zg_diags *d)
{
    size_t w = 0, n_err = 0, n_warn = 0;

    if (d->count > 1)
        qsort(d->items, d->count, sizeof *d->items, diag_cmp);
    if (d->max == 0)
        return;
    for (size_t i = 0; i < d->count; i++) {
        size_t *n =
            d->items[i].severity == ZG_SEVERITY_ERROR ? &n_err : &n_warn;
        if (*n < d->max) {
            (*n)++;
            d->items[w++] = d->items[i];
        } else {
            free(d->items[i].msg);
        }
    }
    d->count = w;
}

zg_status
zg_diags_add(zg_diags *d, zg_severity sev, zg_status st, const char *code,
             unsigned line, unsigned column, const char *msg)
{
    zg_diag *it;
    char *copy;

    if (sev == ZG_SEVERITY_ERROR)
        d->errors++;
    else
        d->warnings++;
    if (d->max && d->count >= 4 * d->max)
        zg_diags_sort(d); /* leaves at most 2 * max */
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        zg_diag *items;
        if (d->max && cap > 4 * d->max)
            cap = 4 * d->max;
        if (cap <= d->count)
            cap = d->count + 1;
        items = realloc(d->items, cap * sizeof *items);
        if (items == NULL)
            return ZG_ERR_NOMEM;
        d->items = items;
        d->cap = cap;
    }
    copy = strdup(msg ? msg : "");
    if (copy == NULL)
        return ZG_ERR_NOMEM;
    it = &d->items[d->count++];
    it->severity = sev;
    it->status = st;
    it->code = code;
    it->line = line;
    it->column = column;
    it->msg = copy;
    it->seq = d->next_seq++;
    return ZG_OK;
}
