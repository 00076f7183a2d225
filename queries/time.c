/* SPDX-License-Identifier: MIT */
/*
 * Valid time: parsing dates into periods of days, deciding whether a fact
 * (since/until) holds at a date, and the view a query sees: one flag per
 * node and per edge, computed in one pass when a query starts, so every
 * algorithm tests visibility with one array read. The rules are written
 * out in zg_query.h above zg_period.
 */
#include "query_internal.h"
#include "zg_rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse a date into its period; 0 on success, -1 if it is not one (the
 * calendar rules of zg_rule_date(); year 0000 is not a date here). */
static int
parse_period(const char *s, zg_period *out)
{
    int y, m, d;

    if (zg_rule_date_parts(s, &y, &m, &d) != NULL || y < 1)
        return -1;
    out->first = y * 10000L + (m > 0 ? m : 1) * 100L + (d > 0 ? d : 1);
    out->last = y * 10000L + (m > 0 ? m : 12) * 100L +
                (d > 0 ? d : zg_rule_month_days(y, m > 0 ? m : 12));
    return 0;
}

/* Parse a date typed by a person (see zg_query.h). */
zg_status
zg_period_parse(const char *text, zg_period *out, zg_error *err)
{
    if (text == NULL || parse_period(text, out) != 0)
        return zg_error_set(err, ZG_ERR_PARSE, NULL, 0, 0,
                            "'%.40s' is not a date (YYYY, YYYY-MM or "
                            "YYYY-MM-DD, e.g. 2021, 2021-02, 2020-12-31)",
                            text != NULL ? text : "(null)");
    return ZG_OK;
}

/*
 * 1 if a fact from `since` to `until` holds at some time in `at`: it
 * does not begin after `at` ends and does not end before `at` begins.
 * A missing or unparsable bound is open.
 */
int
zg_period_holds(const char *since, const char *until, const zg_period *at)
{
    zg_period p;

    if (at == NULL)
        return 1;
    if (since != NULL && parse_period(since, &p) == 0 && p.first > at->last)
        return 0;
    if (until != NULL && parse_period(until, &p) == 0 && p.last < at->first)
        return 0;
    return 1;
}

/* Compute the view of `g` as of `as_of` (see zg_query.h). */
zg_status
zg_view_new(zg_view **out, const zg_graph *g, const char *as_of, zg_error *err)
{
    size_t nn = zg_graph_node_count(g), ne = zg_graph_edge_count(g);
    zg_view *v;
    zg_status st;

    *out = NULL;
    v = calloc(1, sizeof *v);
    if (v == NULL)
        return zg_query__nomem(err);
    v->g = g;
    if (as_of != NULL && *as_of != '\0') {
        st = zg_period_parse(as_of, &v->at, err);
        if (st != ZG_OK) {
            free(v);
            return st;
        }
        v->dated = 1;
        snprintf(v->as_of, sizeof v->as_of, "%s", as_of);
    }
    v->node = malloc(nn ? nn : 1);
    v->edge = malloc(ne ? ne : 1);
    if (v->node == NULL || v->edge == NULL) {
        zg_view_free(v);
        return zg_query__nomem(err);
    }
    for (size_t i = 0; i < nn; i++) {
        const zg_node_info *n = zg_graph_node(g, (zg_id)i);
        v->node[i] = (unsigned char)zg_period_holds(n->since, n->until,
                                                    v->dated ? &v->at : NULL);
        v->n_nodes += v->node[i];
    }
    for (size_t i = 0; i < ne; i++) {
        zg_edge_info e;
        zg_graph_edge_get(g, (zg_id)i, &e);
        v->edge[i] = (unsigned char)(v->node[e.from] && v->node[e.to] &&
                                     zg_period_holds(e.since, e.until,
                                                     v->dated ? &v->at : NULL));
        v->n_edges += v->edge[i];
    }
    *out = v;
    return ZG_OK;
}

/* Free a view. Accepts NULL. */
void
zg_view_free(zg_view *v)
{
    if (v == NULL)
        return;
    free(v->node);
    free(v->edge);
    free(v);
}

/* 1 if node `n` is visible (always for a NULL view). */
int
zg_view_has_node(const zg_view *v, zg_id n)
{
    return VIEW_NODE(v, n);
}

/* 1 if edge `e` is visible (always for a NULL view). */
int
zg_view_has_edge(const zg_view *v, zg_id e)
{
    return VIEW_EDGE(v, e);
}

/* 1 if property `p` holds as of the view's date. */
int
zg_view_has_prop(const zg_view *v, const zg_prop *p)
{
    if (v == NULL || !v->dated)
        return 1;
    return zg_period_holds(p->since, p->until, &v->at);
}

/* Visible nodes; for a NULL view, none is known: 0. */
size_t
zg_view_node_count(const zg_view *v)
{
    return v != NULL ? v->n_nodes : 0;
}

/* Visible edges; for a NULL view, 0. */
size_t
zg_view_edge_count(const zg_view *v)
{
    return v != NULL ? v->n_edges : 0;
}

/* The node flags (NULL for a NULL view). */
const unsigned char *
zg_view_node_mask(const zg_view *v)
{
    return v != NULL ? v->node : NULL;
}

/* The edge flags (NULL for a NULL view). */
const unsigned char *
zg_view_edge_mask(const zg_view *v)
{
    return v != NULL ? v->edge : NULL;
}

/* The date as given, or NULL. */
const char *
zg_view_as_of(const zg_view *v)
{
    return v != NULL && v->dated ? v->as_of : NULL;
}
