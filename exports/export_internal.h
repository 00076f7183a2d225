/* SPDX-License-Identifier: MIT */
/*
 * export_internal.h: what dot.c and render.c share, and nothing else sees.
 *
 * dot.c holds the drawing rules (what is drawn where, with which
 * attribute values), turns a zg_graph into a Graphviz (cgraph) graph, the
 * "diagram", and writes it as DOT; dot_stream.c writes the same DOT text
 * straight from the rules, without cgraph; render.c lays the diagram out
 * with gvc and draws it.
 * Both route Graphviz's messages into a buffer for the length of one call
 * (Graphviz would otherwise print them on stderr, and library code never
 * prints). This header names Graphviz types; no zg_*.h header includes it,
 * and nothing outside exports/ may.
 */
#ifndef ZG_EXPORT_INTERNAL_H
#define ZG_EXPORT_INTERNAL_H

#include <cgraph.h>

#include "zg_export.h"
#include "zg_strbuf.h"

/* ---- the drawing rules (dot.c), shared by both DOT writers ---- */

/**
 * Every attribute a diagram uses, one slot each: the kind (AGRAPH,
 * AGNODE, AGEDGE), the name and the default declared on the root, in
 * zg_export__attrs[]. Both writers take an object's values from the same
 * functions below, so the cgraph path and the streaming path cannot
 * disagree on what is drawn.
 */
enum zg_export__slot {
    ZG_A_G_CHARSET,
    ZG_A_G_RANKDIR,
    ZG_A_G_NEWRANK,
    ZG_A_G_FONTNAME,
    ZG_A_G_COMPOUND,
    ZG_A_G_LABELLOC,
    ZG_A_G_LABEL,
    ZG_A_G_TOOLTIP,
    ZG_A_G_STYLE,
    ZG_A_G_COLOR,
    ZG_A_G_FILLCOLOR,
    ZG_A_N_FONTNAME,
    ZG_A_N_LABEL,
    ZG_A_N_TOOLTIP,
    ZG_A_N_SHAPE,
    ZG_A_N_STYLE,
    ZG_A_N_FILLCOLOR,
    ZG_A_N_FONTCOLOR,
    ZG_A_E_FONTNAME,
    ZG_A_E_FONTSIZE,
    ZG_A_E_LABEL,
    ZG_A_E_STYLE,
    ZG_A_E_COLOR,
    ZG_A_E_FONTCOLOR,
    ZG_A_E_LHEAD,
    ZG_A_E_LTAIL,
    ZG_A_COUNT
};

/** One declared attribute. */
typedef struct zg_export__attr {
    int kind; /**< AGRAPH, AGNODE or AGEDGE */
    const char *name;
    const char *def; /**< the default declared on the root */
} zg_export__attr;

/** The attributes by slot, in the order they are declared. */
extern const zg_export__attr zg_export__attrs[ZG_A_COUNT];

/** A node's part in the drawing besides being a node (plan.role bits). */
enum {
    ZG_ROLE_CLUSTER = 1, /**< drawn as a cluster around its members */
    ZG_ROLE_ANCHOR = 2   /**< a cluster with an invisible node for its edges */
};

/**
 * What is drawn where: the options, and for each node the cluster target
 * it is drawn in (`parent`, ZG_NO_ID for none) and its ZG_ROLE_* bits.
 * The text fields hold the values the *_values() functions return, so
 * those stay valid until the next call.
 */
typedef struct zg_export__plan {
    const zg_graph *g;
    zg_lang lang;
    const unsigned char *node_mask, *edge_mask;
    size_t max_label;
    const char *title;
    zg_id *parent;       /* owned */
    unsigned char *role; /* owned */
    char **rel_label;    /* owned: each relation type's label, on first use */
    zg_strbuf label, tooltip;
    char lhead[32], ltail[32], fill[8];
} zg_export__plan;

/**
 * Fill `p` for `g` and `opt` (NULL: everything, Chinese labels, no
 * title) and place every drawn node. Free with zg_export__plan_free(),
 * also after a failure. Fails: ZG_ERR_NOMEM.
 */
zg_status zg_export__plan_init(zg_export__plan *p, const zg_graph *g,
                               const zg_dot_options *opt, zg_error *err);

/** Free what `p` owns. */
void zg_export__plan_free(zg_export__plan *p);

/** 1 if the masks keep node `n`. */
int zg_export__node_drawn(const zg_export__plan *p, zg_id n);

/** 1 if the masks keep edge `e` and both its ends. */
int zg_export__edge_drawn(const zg_export__plan *p, zg_id e);

/** 1 if drawn edge `e` is implied by containment and so not drawn. */
int zg_export__implied(const zg_export__plan *p, zg_id e);

/*
 * The attribute values of one object in v[slot] (ZG_A_COUNT entries,
 * NULL where the writer sets nothing): the root graph, the cluster of
 * target `n`, DOT node `n` (a drawn node that is not a cluster, or the
 * anchor of one), drawn edge `e` that is not implied. Values point into
 * `p` or are constants, valid until the next call. Fail: ZG_ERR_NOMEM.
 */
zg_status zg_export__graph_values(zg_export__plan *p, const char **v,
                                  zg_error *err);
zg_status zg_export__cluster_values(zg_export__plan *p, zg_id n, const char **v,
                                    zg_error *err);
zg_status zg_export__node_values(zg_export__plan *p, zg_id n, const char **v,
                                 zg_error *err);
zg_status zg_export__edge_values(zg_export__plan *p, zg_id e, const char **v,
                                 zg_error *err);

/**
 * Write the diagram of `g` as DOT built through cgraph and agwrite(), as
 * zg_export_dot() did before the streaming writer; the reference the
 * streamed text is tested against. Same contract as zg_export_dot().
 */
zg_status zg_export__dot_cgraph(const zg_graph *g, const zg_dot_options *opt,
                                FILE *out, zg_error *err);

/**
 * Write the diagram of `g` as DOT without building a cgraph graph
 * (dot_stream.c): the same bytes agwrite() of zg_export__diagram_new()'s
 * graph gives with Graphviz 2.42/2.43. Same contract as zg_export_dot().
 */
zg_status zg_export__dot_stream(const zg_graph *g, const zg_dot_options *opt,
                                FILE *out, zg_error *err);

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
