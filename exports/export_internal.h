/* SPDX-License-Identifier: MIT */
/*
 * export_internal.h: what dot.c and render.c share, and nothing else sees.
 *
 * dot.c turns a zg_graph into a Graphviz (cgraph) graph, the "diagram", and
 * writes it as DOT; render.c lays the same diagram out with gvc and draws it.
 * Both route Graphviz's messages into a buffer for the length of one call
 * (Graphviz would otherwise print them on stderr, and library code never
 * prints). This header names Graphviz types; no zg_*.h header includes it,
 * and nothing outside exports/ may.
 */
#ifndef ZG_EXPORT_INTERNAL_H
#define ZG_EXPORT_INTERNAL_H

#include <cgraph.h>

#include "zg_export.h"

/** A Graphviz graph built from a zg_graph, with the state it needs. */
typedef struct zg_export__diagram zg_export__diagram;

/**
 * Build the diagram of `g` (or the part `opt`'s masks select; `opt` may be
 * NULL for everything) in `*out`; see dot.c for the drawing rules. Free with
 * zg_export__diagram_free(). Call between zg_export__gv_begin() and
 * zg_export__gv_end(). Fails: ZG_ERR_NOMEM, ZG_ERR_EXPORT (cgraph refused
 * an object).
 */
zg_status zg_export__diagram_new(zg_export__diagram **out, const zg_graph *g,
                                 const zg_dot_options *opt, zg_error *err);

/** The cgraph graph of `d`, owned by `d`. */
Agraph_t *zg_export__diagram_graph(const zg_export__diagram *d);

/** Close the graph and free `d`. Accepts NULL. */
void zg_export__diagram_free(zg_export__diagram *d);

/**
 * Start capturing Graphviz messages: install a handler with agseterrf(),
 * report from warning level on, and reset cgraph's error count. Graphviz's
 * error state is global to the process, so captures do not nest and the
 * exporters that use them are not thread-safe.
 */
void zg_export__gv_begin(void);

/** 1 if Graphviz has reported an error since zg_export__gv_begin(). */
int zg_export__gv_failed(void);

/**
 * The first error message Graphviz reported since zg_export__gv_begin(),
 * on one line, or "" if none. Static storage, valid until the next begin.
 */
const char *zg_export__gv_message(void);

/** Stop capturing: restore the previous handler and reporting level. */
void zg_export__gv_end(void);

#endif /* ZG_EXPORT_INTERNAL_H */
