/* SPDX-License-Identifier: MIT */
/*
 * import_internal.h: what xml_import.c (the zonegraph vocabulary, and the
 * safe SAX2 driver every importer runs on) shares with graphml_import.c.
 * Nothing outside importers/ includes it.
 *
 * The driver in xml_import.c owns the parse: the input guard (guard.c)
 * before the push parser, DOCTYPE and entity refusal, limits, errors, the
 * transaction. It decides the dialect by the root element and hands
 * GraphML elements to zg_imp__graphml_start()/_end(); zonegraph elements
 * met inside GraphML (in the urn:zonegraph:1 namespace) go through the
 * same zg_imp__start_*() handlers as in a zonegraph file.
 */
#ifndef ZG_IMPORT_INTERNAL_H
#define ZG_IMPORT_INTERNAL_H

#include <libxml/parser.h>

#include "guard_internal.h"
#include "zg_arena.h"
#include "zg_import.h"

#define ZG_IMP_GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"
#define ZG_IMP_ZG_NS "urn:zonegraph:1"

typedef enum kind {
    K_NONE,
    K_ROOT,
    K_SCHEMA,
    K_NODETYPE,
    K_RELTYPE,
    K_SOURCE,
    K_NODE,
    K_ALIAS,
    K_PROP,
    K_FIGURE,
    K_EVIDENCE,
    K_NOTE,
    K_RELATION,
    /* GraphML (graphml_import.c) */
    K_G_ROOT,    /* <graphml> */
    K_G_KEY,     /* <key> */
    K_G_DEFAULT, /* <default> of a key: text */
    K_G_GRAPH,   /* <graph> */
    K_G_NODE,    /* <node> */
    K_G_EDGE,    /* <edge> */
    K_G_DATA,    /* <data>: text, or zonegraph elements for key "zg" */
    K_G_SKIP,    /* anything of another namespace, <desc>: ignored whole */
    /* A checking import: an element that failed, skipped with its content */
    K_SKIP
} kind;

typedef struct pprop { /* a property waiting for its owner */
    zg_prop p;
    pos at;
    struct pprop *next;
} pprop;

typedef struct palias {
    const char *text, *lang;
    pos at;
    struct palias *next;
} palias;

/* A relation being read; one whose endpoints, type or sources are not
 * declared yet when it ends waits for the end of the file. */
typedef struct prel {
    const char *from, *type, *to;
    zg_edge_info info;
    pos at;
    uint32_t rank;   /* how many relations of the file come before it */
    uint32_t before; /* edges added as they came, before it */
    pprop *props, **props_tail;
    struct prel *next;
} prel;

typedef struct pnode {
    zg_node_info info;
    pos at;
    palias *aliases, **aliases_tail;
    pprop *props, **props_tail;
} pnode;

typedef struct imp {
    zg_graph *g;
    const char *name;
    zg_error *err;
    zg_status st;
    xmlParserCtxtPtr ctxt;
    zg_import_limits lim;
    zg_arena mem; /* strings and records of this import */

    kind stack[64];
    unsigned depth;

    char *text; /* character data of alias, evidence, note */
    size_t text_len, text_cap;
    size_t blank_len;     /* white space since the last tag, where no text is */
    pos blank_at;         /* where that white space starts */
    size_t input_size;    /* bytes of the whole input */
    size_t default_bytes; /* what the GraphML defaults given count */

    pnode node;      /* valid while stack has K_NODE */
    pprop *item;     /* the open <figure> or <prop> */
    palias *alias;   /* the open <alias> */
    prel *rel;       /* the open <relation> */
    int rel_part;    /* its last child: 1 <evidence>, 2 <prop>, 3 <note> */
    int schema_seen; /* the file's <schema> has started */
    zg_arena_mark elem_mark; /* `mem` before the open node or relation */
    prel *rels, **rels_tail; /* relations waiting for the end of the file */
    size_t n_nodes, n_rels;
    /* Relations are added to the graph as they end when what they refer
     * to is declared (never in a checking import); the others wait. The
     * edges keep the order of the file (zg_graph_order_edges() puts the
     * late ones back in place), and an error of a relation added early is
     * held until the end of the file, where it would have been found. */
    uint32_t n_ranked;           /* relations met so far */
    size_t first_edge;           /* edges in the graph before this file */
    uint32_t n_early;            /* new edges added as their relations ended */
    uint32_t *late_before;       /* `before` of each late relation's new edge */
    size_t n_late, cap_late;     /* (late: added at the end of the file) */
    struct zg_imp__map *waiting; /* identities of the waiting relations */
    zg_error held;               /* the first error of an early relation */
    pos held_at;
    pos held_rel_at; /* where that relation starts */
    uint32_t held_rank;
    /* Where the relation of each new edge starts, by id - first_edge: a
     * repeated relation is found once all are added (by the graph) and
     * reported at its place. A checking import finds each as it is added:
     * `added` holds the new edges by identity (open addressing over their
     * ids, ZG_NO_ID where empty). */
    pos *edge_at;
    size_t cap_edge_at;
    zg_id *added;
    size_t n_added, cap_added;
    char generic[256]; /* first message on libxml2's generic channel */
    size_t generic_len;
    int oom;                 /* libxml2 reported running out of memory */
    struct zg_imp__gml *gml; /* GraphML state, when the root is <graphml> */

    /* A checking import (zg_import_xml_file_check()): errors go to diags
     * and the parse goes on; see diag_* in xml_import.c. */
    zg_diags *diags;
    size_t n_errors; /* errors recorded */
    int soft;        /* the element being handled failed: skip it */
    int hard;        /* the next error ends the parse, whatever it is */
    struct zg_imp__map *skipped; /* what failed: references are quiet */
    struct zg_imp__map *cited;   /* sources properties cite */
    struct walias *aliases;      /* for the warnings: aliases added, */
    size_t n_aliases, cap_aliases;
    struct wsource *sources; /* and sources declared */
    size_t n_sources, cap_sources;
    unsigned char text_err[64]; /* "text is not allowed" said, by depth */
} imp;

typedef struct zg_imp__gml zg_imp__gml;

/** A string-keyed hash map (open addressing); keys are borrowed. */
typedef struct zg_imp__map {
    struct zg_imp__ment {
        const char *key;
        zg_id val;
        int several; /* more than one value was put under key */
    } * t;
    size_t cap, n;
} zg_imp__map;

/** One allowed child element: `name` under `parent` is of kind `child`. */
typedef struct zg_imp__child {
    kind parent;
    const char *name;
    kind child;
} zg_imp__child;

/** The kind `t` (n entries) gives element `name` under `parent`, or
 * K_NONE when it allows none. */
kind zg_imp__child_of(const zg_imp__child *t, size_t n, kind parent,
                      const char *name);

/* ---- errors and positions (xml_import.c) ---- */

/** What an empty <evidence> or <note> becomes in a checking import once
 * reported, so that it is not also said to be missing. Never committed:
 * an import with an error commits nothing. */
extern const char zg_imp__failed_text[];

/** Record the first failure at `at` (the message made printable) and stop
 * the parser. */
void zg_imp__fail_at(imp *im, zg_status st, pos at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/** A warning with a stable `code` at `at` (a checking import only). */
void zg_imp__warn(imp *im, pos at, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/** What failed in a checking import, by category: 'n' node key, 't' node
 * type, 'r' relation type, 's' source id, 'k' GraphML key id. */
void zg_imp__skip_add(imp *im, char cat, const char *name);
/** 1 if `name` of category `cat` failed before (its element reported). */
int zg_imp__skipped(const imp *im, char cat, const char *name);
/** Skip the element being handled without a message (what it depends on
 * failed and was reported). */
void zg_imp__skip_quietly(imp *im);
/** Note the sources the space-separated list `v` (NULL passes) cites, for
 * the unused-source warning (a checking import). */
void zg_imp__cite(imp *im, const char *v);
/** Note a source declared at `at`, for the unused-source warning. */
void zg_imp__note_source(imp *im, const char *id, pos at);
/** Re-locate an error the graph reported without a position. */
void zg_imp__fail_graph(imp *im, pos at, const zg_error *e);
/** Where the parser is now / where the tag just parsed starts. */
pos zg_imp__here(const imp *im);
pos zg_imp__tag_start(const imp *im);

/* ---- checks ---- */

int zg_imp__check_date(imp *im, pos at, const char *attr, const char *v);
int zg_imp__check_span(imp *im, pos at, const char *since, const char *until);
int zg_imp__check_basis(imp *im, pos at, const char *v, zg_basis *out);
int zg_imp__check_id(imp *im, pos at, const char *what, const char *v);
/** One source id, as a relation, property or figure cites (NULL passes). */
int zg_imp__check_source(imp *im, pos at, const char *v);
/** A node's source list (NULL passes). */
int zg_imp__check_sources(imp *im, pos at, const char *v);
/** Check a property value against its kind and set p->number. */
int zg_imp__check_value(imp *im, pos at, zg_prop *p);

/** 1 if node type `name` exists or may be added; else 0 (recorded). */
int zg_imp__room_for_type(imp *im, pos at, const char *name);

/* ---- zonegraph elements ---- */

/** A copy of one attribute value as startElementNs gives it (v..end),
 * within the text limit; NULL on failure (recorded). */
const char *zg_imp__attr_value(imp *im, pos at, const char *local,
                               const xmlChar *v, const xmlChar *end);

/** The length of the attribute name in a `spec` entry, without its '!'. */
size_t zg_imp__spec_len(const char *spec);
/** 1 if a `spec` entry (an attribute name, perhaps with '!' after it)
 * names attribute `local`. */
int zg_imp__spec_is(const char *spec, const char *local);

/** Attributes of a zonegraph element: `spec` lists the names, a trailing
 * '!' marks required ones; vals[i] gets a copy of each value or NULL. */
int zg_imp__get_attrs(imp *im, const char *elem, pos at, int nb,
                      const xmlChar **attrs, const char *const *spec,
                      const char **vals);
/** Push zonegraph element `name` of kind `k` (its place already checked)
 * and start it: the handlers below, by kind. */
void zg_imp__element(imp *im, kind k, const char *name, pos at, int nb_attrs,
                     const xmlChar **attrs);
void zg_imp__start_nodetype(imp *im, pos at, int nb, const xmlChar **attrs);
void zg_imp__start_reltype(imp *im, pos at, int nb, const xmlChar **attrs);
void zg_imp__start_source(imp *im, pos at, int nb, const xmlChar **attrs);
void zg_imp__start_prop(imp *im, pos at, int nb, const xmlChar **attrs);
void zg_imp__start_figure(imp *im, pos at, int nb, const xmlChar **attrs);
void zg_imp__start_alias(imp *im, pos at, int nb, const xmlChar **attrs);
pprop *zg_imp__new_prop(imp *im, pos at);
/** Add `p` to the open relation, or else the open node. */
void zg_imp__attach_prop(imp *im, pprop *p);
/** `s` (`n` bytes) without white space at either end, copied; fails at
 * `at` with "WHAT is empty" when nothing is left. As zonegraph XML has
 * alias, evidence and note text. */
const char *zg_imp__trimmed(imp *im, const char *s, size_t n, pos at,
                            const char *what);
/** The collected text of <elem>, as zg_imp__trimmed(). */
const char *zg_imp__take_text(imp *im, const char *elem);
/** Add im->node with its aliases and properties to the graph. */
void zg_imp__end_node(imp *im);
/** The start of a node or relation element: what it reads into `mem`
 * may be given back once it is in the graph. */
void zg_imp__mark(imp *im);
/** A relation read in full and checked: add it now, or keep it for the
 * end of the file. */
void zg_imp__end_relation(imp *im, prel *r);

/* ---- GraphML (graphml_import.c) ---- */

/** Called for the root element: 1 if it is GraphML (im->gml is then set
 * up), 0 if not (or on failure, recorded). */
int zg_imp__graphml_root(imp *im, const char *localname, const char *uri);
/** A start tag inside GraphML, whose '<' is at `at`; pushes its kind on
 * im->stack. */
void zg_imp__graphml_start(imp *im, const char *localname, const char *prefix,
                           const char *uri, pos at, int nb_attrs,
                           const xmlChar **attrs);
/** An end tag inside GraphML; pops im->stack. */
void zg_imp__graphml_end(imp *im);
/** Free the GraphML state. Accepts im->gml == NULL. */
void zg_imp__graphml_free(imp *im);

#endif /* ZG_IMPORT_INTERNAL_H */
