/* SPDX-License-Identifier: MIT */
/*
 * dot.c: a graph as a diagram. The drawing rules (the plan: what is drawn
 * where, and every attribute value, escaping included), which both DOT
 * writers read; the diagram built through Graphviz's cgraph for render.c
 * and as the reference the streamed text (dot_stream.c, what
 * zg_export_dot() writes) is tested against; also the subgraph a result
 * answers with, and the sink that keeps Graphviz's messages off stderr.
 *
 * Drawing rules (zg_export__plan_init and the *_values functions, shared
 * by zg_export__diagram_new, render.c and dot_stream.c):
 *  - One DOT node per drawn node, named n<id> after its dense id; user text
 *    never becomes a DOT identifier. The node's key (the id from the data)
 *    goes in `tooltip` (not `id`: keys need not be valid or unique SVG ids
 *    next to the ones Graphviz generates).
 *  - Fill colour and shape come from the node type (defaults #dddddd and
 *    ellipse); text on a dark fill is white. Colours other than
 *    #rrggbb[aa] or a plain colour name, and shapes outside Graphviz's
 *    polygon list (record shapes included, as they would parse user text),
 *    fall back to the defaults.
 *  - Labels are names in the chosen language (both: "中文\nEnglish");
 *    edges carry the relation type's zh/en phrase, else its name. User text
 *    (labels, the title and the tooltips) is drawn literally, as the table
 *    shows it: control characters, bidirectional controls and bytes that
 *    are not UTF-8 as zg_text_escape() writes them (\u001B, \t, \xFF),
 *    U+FFFE and U+FFFF, which SVG cannot carry, as \uFFFE and \uFFFF; cut
 *    to max_label code points with "…"; then written as a plain escString
 *    with `&` as `&amp;`, because Graphviz expands character entities in
 *    labels and tooltips (`&#x1B;` would draw an ESC, which is not even
 *    allowed in SVG, and `&lt;` a "<"), and a backslash as two in labels
 *    and four in tooltips (see text_kind). So no control character reaches
 *    the DOT or the SVG, and every SVG is well-formed XML. No HTML labels.
 *  - Evidence: stated edges are solid black; implied ones (follow from the
 *    source, not said outright) solid grey; inferred ones (general
 *    knowledge) dashed grey. Grey says "not in the text", dashes say "not
 *    from any source", and solid grey stays readable behind labels, which
 *    dotted lines do not.
 *  - Clusters: a node that is the source of a drawn edge whose relation type
 *    has `cluster` set lives inside its target, drawn as subgraph
 *    cluster_<target id> labelled with the target's name. Only the lowest-id
 *    such edge counts; the node's other cluster edges are ordinary edges.
 *    Clusters nest (zone in region in country); a cycle of containment is
 *    broken at the edge that closes it, which is then drawn. The target
 *    itself is drawn as the cluster. Cluster edges from members to the
 *    clusters around them are implied by containment and not drawn. Other
 *    edges of a target need a node to attach to: an invisible point, the
 *    "anchor" (named n<id> as any node), inside the cluster, and the edge
 *    is clipped at the cluster's border (lhead/ltail, compound=true). A
 *    target whose edges are all implied gets no anchor, as an invisible
 *    node would still take up a slot. A target without drawn members is an
 *    ordinary node.
 *  - Masks select nodes and edges; an edge is drawn only if both ends are.
 *
 * Determinism: nodes, clusters and edges are created in id order, attribute
 * values are fixed strings or the graph's own text, and cgraph writes
 * attributes sorted by name. cgraph 2.42's default id discipline uses the
 * address of a name as the object's id, and subgraphs are kept in id order,
 * so cluster order (in the DOT and in the layout) would follow malloc. The
 * discipline below gives ids in creation order instead.
 */
#include "export_internal.h"

#include "zg_text.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HASH_NONFATAL_OOM 1
#include <uthash.h>

/* A CJK-capable font (Debian: fonts-noto-cjk). */
#define FONT "Noto Sans CJK SC"
#define DEFAULT_COLOUR "#dddddd"
#define DEFAULT_SHAPE "ellipse"
#define DEFAULT_MAX_LABEL 60
/* Edges that do not rest on an explicit statement. */
#define WEAK_COLOUR "#777777"
/* Cluster fill when the type's colour is not #rrggbb. */
#define PLAIN_CLUSTER_FILL "#f7f7f7"
#define ROOT_NAME "zonegraph"
#define ELLIPSIS "\xe2\x80\xa6" /* U+2026 */

/*
 * cgraph 2.42 (Debian 12) declares its string parameters `char *` although
 * it only reads them (agopen, agnode, agsubg, agattr, agxset copy or look
 * up the text); later Graphviz releases made them `const char *`. This is
 * the one place that drops the qualifier. The detour through uintptr_t is
 * deliberate: it keeps -Wcast-qual meaningful everywhere else.
 */
static char *
gv_str(const char *s)
{
    return (char *)(uintptr_t)s;
}

/* ---- Graphviz message sink ---- */

static struct {
    agusererrf prev_fn;    /* handler to restore */
    agerrlevel_t prev_lvl; /* reporting level to restore */
    int base;              /* agerrors() at begin */
    int collecting;        /* inside the first error message */
    int have_error;        /* an error was reported */
    char msg[512];         /* the first error message */
    size_t len;
} sink;

/*
 * agseterrf() handler. cgraph calls it with "Error" or "Warning", then
 * ": ", then the message, then any continuation pieces. Keep the pieces of
 * the first error; drop warnings (the library never prints).
 */
static int
sink_put(char *text)
{
    size_t n;

    if (strcmp(text, "Error") == 0) {
        sink.collecting = !sink.have_error;
        sink.have_error = 1;
        return 0;
    }
    if (strcmp(text, "Warning") == 0) {
        sink.collecting = 0;
        return 0;
    }
    if (!sink.collecting)
        return 0;
    n = strlen(text);
    if (n > sizeof sink.msg - 1 - sink.len)
        n = sizeof sink.msg - 1 - sink.len;
    memcpy(sink.msg + sink.len, text, n);
    sink.len += n;
    sink.msg[sink.len] = '\0';
    return 0;
}

/* Install the sink; see export_internal.h. */
void
zg_export__gv_begin(void)
{
    memset(sink.msg, 0, sizeof sink.msg);
    sink.len = 0;
    sink.collecting = 0;
    sink.have_error = 0;
    sink.prev_fn = agseterrf(sink_put);
    sink.prev_lvl = agseterr(AGWARN);
    agreseterrors();
    sink.base = agerrors();
}

/* An error reached the sink, or cgraph counted one it did not report. */
int
zg_export__gv_failed(void)
{
    return sink.have_error || agerrors() > sink.base;
}

/* The first error, made one line in place; "" if none. */
const char *
zg_export__gv_message(void)
{
    char *s = sink.msg, *p;
    size_t n;

    /* One line: drop the ": " after "Error", fold newlines, trim. */
    while (*s == ':' || *s == ' ')
        s++;
    for (p = s; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        s[--n] = '\0';
    return s;
}

/* Restore the handler and level that were there before begin. */
void
zg_export__gv_end(void)
{
    agseterrf(sink.prev_fn);
    agseterr(sink.prev_lvl);
    sink.collecting = 0;
}

/* ---- id discipline: ids in creation order ---- */

/* A name the discipline has given an id. */
typedef struct gv_name {
    UT_hash_handle hh;
    IDTYPE id;
    char text[];
} gv_name;

struct zg_export__diagram {
    Agdisc_t disc;    /* first: id_open() finds the diagram through it */
    gv_name *by_name; /* uthash head; owns the entries */
    gv_name **names;  /* names[k] has id 2k + 2 */
    size_t n_names, cap_names;
    IDTYPE next_anon; /* odd ids for anonymous objects (edges) */
    int oom;          /* the discipline ran out of memory */
    Agraph_t *g;
};

/* Called by agopen() with the Agdisc_t we passed: the diagram's first
 * member. The diagram is the discipline's state. */
static void *
id_open(Agraph_t *g, Agdisc_t *disc)
{
    (void)g;
    return disc;
}

/*
 * Map `str` to an id, creating one if `createflag`; anonymous objects
 * (str NULL) get the next odd id. Returns 1 on success, 0 if there is no
 * such name (or memory ran out, which sets d->oom).
 */
static long
id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    zg_export__diagram *d = state;
    gv_name *e = NULL;
    size_t len;

    (void)objtype;
    if (str == NULL) {
        *id = d->next_anon;
        d->next_anon += 2;
        return 1;
    }
    len = strlen(str);
    HASH_FIND(hh, d->by_name, str, len, e);
    if (e != NULL) {
        *id = e->id;
        return 1;
    }
    if (!createflag)
        return 0;
    if (d->n_names == d->cap_names) {
        size_t cap = d->cap_names ? 2 * d->cap_names : 64;
        gv_name **v = realloc(d->names, cap * sizeof *v);
        if (v == NULL)
            goto oom;
        d->names = v;
        d->cap_names = cap;
    }
    e = malloc(sizeof *e + len + 1);
    if (e == NULL)
        goto oom;
    memcpy(e->text, str, len + 1);
    e->id = 2 * (IDTYPE)d->n_names + 2;
    HASH_ADD_KEYPTR(hh, d->by_name, e->text, len, e);
    if (e->hh.tbl == NULL) {
        free(e);
        goto oom;
    }
    d->names[d->n_names++] = e;
    *id = e->id;
    return 1;
oom:
    d->oom = 1;
    return 0;
}

/* We never grant ids a caller asks for (agidnode is not used). */
static long
id_alloc(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id;
    return 0;
}

/* Names live until the diagram is freed. */
static void
id_free(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id;
}

/* The name of `id`, or NULL for anonymous objects. */
static char *
id_print(void *state, int objtype, IDTYPE id)
{
    zg_export__diagram *d = state;
    IDTYPE k;

    (void)objtype;
    if (id % 2 != 0 || id == 0)
        return NULL;
    k = id / 2 - 1;
    return k < d->n_names ? d->names[k]->text : NULL;
}

/* The diagram frees the table after agclose(). */
static void
id_close(void *state)
{
    (void)state;
}

/* Nothing to remember per object. */
static void
id_register(void *state, int objtype, void *obj)
{
    (void)state;
    (void)objtype;
    (void)obj;
}

static Agiddisc_t id_disc = {id_open,  id_map,   id_alloc,   id_free,
                             id_print, id_close, id_register};

/* Borrowed: the graph lives as long as `d`. */
Agraph_t *
zg_export__diagram_graph(const zg_export__diagram *d)
{
    return d->g;
}

/* Close the graph first: cgraph still looks names up while closing. */
void
zg_export__diagram_free(zg_export__diagram *d)
{
    gv_name *e, *tmp;

    if (d == NULL)
        return;
    if (d->g != NULL)
        agclose(d->g);
    HASH_ITER(hh, d->by_name, e, tmp) {
        HASH_DEL(d->by_name, e);
        free(e);
    }
    free(d->names);
    free(d);
}

/* ---- label text ---- */

typedef zg_strbuf strbuf;

/* Empty `sb`, keeping its memory. */
static void
sb_reset(strbuf *sb)
{
    zg_strbuf_reset(sb);
}

/* Append `n` bytes of `s`; on failure sb->oom is set, which the callers
 * check once the text is built. */
static void
sb_putn(strbuf *sb, const char *s, size_t n)
{
    (void)zg_strbuf_addn(sb, s, n);
}

/* Append the string `s`. */
static void
sb_puts(strbuf *sb, const char *s)
{
    (void)zg_strbuf_add(sb, s);
}

/* 1 if the UTF-8 sequence at `p` is U+FFFE or U+FFFF, which XML 1.0 (and
 * so SVG) cannot carry. */
static int
is_xml_nonchar(const unsigned char *p)
{
    return p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf);
}

/* Bytes of the UTF-8 sequence led by `c` in valid UTF-8. */
static size_t
seq_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/*
 * Where user text goes. Graphviz reads the two differently: a label goes
 * through object substitution (\N, \G, ...) and then line breaks, so a
 * backslash is written as two; a tooltip goes through line breaks, which
 * drop the backslash of any other escape, and then object substitution,
 * so a backslash is written as four (2.43's emit.c: preprocessTooltip()
 * and then strdup_and_subst_obj()). Both expand character entities first.
 */
typedef enum text_kind { TEXT_LABEL, TEXT_TOOLTIP } text_kind;

/* Append the `n` bytes at `p`, one drawn character, as `kind` text that
 * Graphviz draws literally: a backslash escaped, `&` as `&amp;`. */
static void
put_drawn(strbuf *sb, const char *p, size_t n, text_kind kind)
{
    if (n == 1 && *p == '\\')
        sb_putn(sb, "\\\\\\\\", kind == TEXT_TOOLTIP ? 4 : 2);
    else if (n == 1 && *p == '&')
        sb_putn(sb, "&amp;", 5);
    else
        sb_putn(sb, p, n);
}

/*
 * Append user text `s` as `kind` text that Graphviz draws as the table
 * would show it, of at most `max` drawn code points (longer text keeps
 * its first max - 1 and ends with "…"). What is drawn is `s` as
 * zg_text_escape() shows it (control characters, bidirectional controls
 * and bytes that are not UTF-8 as \t, \n, \uXXXX or \xHH), with U+FFFE
 * and U+FFFF as \uFFFE and \uFFFF; put_drawn() encodes each character.
 */
static void
put_text(strbuf *sb, const char *s, size_t max, text_kind kind)
{
    char *shown;
    const unsigned char *p;
    size_t count = 0, keep, i = 0;

    if (sb->oom)
        return;
    /* Printable ASCII without a backslash or `&`, no longer than `max`, is
     * drawn as it is: the common case, without an allocation. */
    for (p = (const unsigned char *)s; *p >= 0x20 && *p < 0x7f; p++)
        if (*p == '\\' || *p == '&')
            break;
    if (*p == '\0' && (size_t)(p - (const unsigned char *)s) <= max) {
        sb_putn(sb, s, (size_t)(p - (const unsigned char *)s));
        return;
    }
    shown = zg_text_escape(s, 0); /* valid UTF-8 */
    if (shown == NULL) {
        sb->oom = 1;
        return;
    }
    for (p = (const unsigned char *)shown; *p; p += seq_len(*p))
        count += is_xml_nonchar(p) ? 6 : 1;
    keep = count;
    if (count > max)
        keep = max > 0 ? max - 1 : 0;
    for (p = (const unsigned char *)shown; i < keep; p += seq_len(*p)) {
        if (is_xml_nonchar(p)) {
            char esc[7];
            snprintf(esc, sizeof esc, "\\u%s", p[2] == 0xbe ? "FFFE" : "FFFF");
            for (size_t k = 0; k < 6 && i < keep; k++, i++)
                put_drawn(sb, esc + k, 1, kind);
        } else {
            put_drawn(sb, (const char *)p, seq_len(*p), kind);
            i++;
        }
    }
    if (count > max)
        sb_puts(sb, ELLIPSIS);
    free(shown);
}

/* ---- node types: colour and shape ---- */

/* Graphviz's polygon-based shapes (no record shapes, no custom images),
 * each between spaces. */
static const char shapes[] =
    " box polygon ellipse oval circle point egg triangle plaintext plain"
    " diamond trapezium parallelogram house pentagon hexagon septagon"
    " octagon doublecircle doubleoctagon tripleoctagon invtriangle"
    " invtrapezium invhouse Mdiamond Msquare Mcircle rect rectangle square"
    " star none underline cylinder note tab folder box3d component promoter"
    " cds terminator utr primersite restrictionsite fivepoverhang"
    " threepoverhang noverhang assembly signature insulator ribosite rnastab"
    " proteasesite proteinstab rpromoter rarrow larrow lpromoter ";

/* The type's shape if Graphviz knows it and it is safe, else ellipse. */
static const char *
type_shape(const zg_nodetype_info *t)
{
    const char *p;
    size_t n;

    if (t->shape == NULL || t->shape[0] == '\0' || strchr(t->shape, ' '))
        return DEFAULT_SHAPE;
    n = strlen(t->shape);
    for (p = shapes + 1; (p = strstr(p, t->shape)) != NULL; p += n)
        if (p[-1] == ' ' && p[n] == ' ')
            return t->shape;
    return DEFAULT_SHAPE;
}

/* 1 if `c` is a hexadecimal digit. */
static int
is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

/* The value of hexadecimal digit `c`. */
static unsigned
hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return (unsigned)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (unsigned)(c - 'a' + 10);
    return (unsigned)(c - 'A' + 10);
}

/* 1 if `s` is #rrggbb or #rrggbbaa. */
static int
is_hex_colour(const char *s)
{
    size_t n, i;

    if (s[0] != '#')
        return 0;
    n = strlen(s + 1);
    if (n != 6 && n != 8)
        return 0;
    for (i = 1; i <= n; i++)
        if (!is_hex(s[i]))
            return 0;
    return 1;
}

/* The type's colour if it is #rrggbb[aa] or a plain colour name (letters
 * then letters or digits, as X11 and SVG names are), else #dddddd. */
static const char *
type_colour(const zg_nodetype_info *t)
{
    const char *s = t->colour;
    size_t i;

    if (s == NULL || s[0] == '\0')
        return DEFAULT_COLOUR;
    if (is_hex_colour(s))
        return s;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return DEFAULT_COLOUR;
    for (i = 0; s[i]; i++)
        if (i >= 32 ||
            !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9')))
            return DEFAULT_COLOUR;
    return s;
}

/* The pale fill of a cluster: `colour` mixed with four parts of white, in
 * `buf` (at least 8 bytes); a fixed pale grey for named colours. */
static const char *
cluster_fill(const char *colour, char *buf, size_t size)
{
    unsigned c[3];
    int i;

    if (!is_hex_colour(colour))
        return PLAIN_CLUSTER_FILL;
    for (i = 0; i < 3; i++) {
        unsigned v =
            hex_value(colour[1 + 2 * i]) * 16 + hex_value(colour[2 + 2 * i]);
        c[i] = v + (255 - v) * 4 / 5;
    }
    snprintf(buf, size, "#%02x%02x%02x", c[0], c[1], c[2]);
    return buf;
}

/* 1 if text on `colour` reads better white: a #rrggbb colour whose
 * luma (ITU-R BT.601 weights) is below one half. */
static int
is_dark(const char *colour)
{
    unsigned c[3];
    int i;

    if (!is_hex_colour(colour))
        return 0;
    for (i = 0; i < 3; i++)
        c[i] = hex_value(colour[1 + 2 * i]) * 16 + hex_value(colour[2 + 2 * i]);
    return 299 * c[0] + 587 * c[1] + 114 * c[2] < 1000 * 128;
}

/* ---- the plan: what is drawn where, with which values ---- */

/* See export_internal.h. Graph attributes first; the order of declaration
 * is fixed, and both writers write attributes sorted by name. */
const zg_export__attr zg_export__attrs[ZG_A_COUNT] = {
    [ZG_A_G_CHARSET] = {AGRAPH, "charset", "UTF-8"},
    [ZG_A_G_RANKDIR] = {AGRAPH, "rankdir", "LR"},
    /* Graphviz 2.42's default ranking crashes (a double free in
     * flat_edges and gvFreeLayout) or gives up ("trouble in init_rank")
     * on some graphs with clusters; the newer ranking does not. */
    [ZG_A_G_NEWRANK] = {AGRAPH, "newrank", "true"},
    [ZG_A_G_FONTNAME] = {AGRAPH, "fontname", FONT},
    [ZG_A_G_COMPOUND] = {AGRAPH, "compound", "true"},
    [ZG_A_G_LABELLOC] = {AGRAPH, "labelloc", "t"},
    [ZG_A_G_LABEL] = {AGRAPH, "label", ""},
    [ZG_A_G_TOOLTIP] = {AGRAPH, "tooltip", ""},
    [ZG_A_G_STYLE] = {AGRAPH, "style", ""},
    [ZG_A_G_COLOR] = {AGRAPH, "color", ""},
    [ZG_A_G_FILLCOLOR] = {AGRAPH, "fillcolor", ""},
    [ZG_A_N_FONTNAME] = {AGNODE, "fontname", FONT},
    [ZG_A_N_LABEL] = {AGNODE, "label", "\\N"},
    [ZG_A_N_TOOLTIP] = {AGNODE, "tooltip", ""},
    [ZG_A_N_SHAPE] = {AGNODE, "shape", DEFAULT_SHAPE},
    [ZG_A_N_STYLE] = {AGNODE, "style", "filled"},
    [ZG_A_N_FILLCOLOR] = {AGNODE, "fillcolor", DEFAULT_COLOUR},
    [ZG_A_N_FONTCOLOR] = {AGNODE, "fontcolor", "black"},
    [ZG_A_E_FONTNAME] = {AGEDGE, "fontname", FONT},
    [ZG_A_E_FONTSIZE] = {AGEDGE, "fontsize", "10"},
    [ZG_A_E_LABEL] = {AGEDGE, "label", ""},
    [ZG_A_E_STYLE] = {AGEDGE, "style", ""},
    [ZG_A_E_COLOR] = {AGEDGE, "color", ""},
    [ZG_A_E_FONTCOLOR] = {AGEDGE, "fontcolor", ""},
    [ZG_A_E_LHEAD] = {AGEDGE, "lhead", ""},
    [ZG_A_E_LTAIL] = {AGEDGE, "ltail", ""},
};

/* See export_internal.h. */
int
zg_export__node_drawn(const zg_export__plan *p, zg_id n)
{
    return p->node_mask == NULL || p->node_mask[n];
}

/* See export_internal.h. */
int
zg_export__edge_drawn(const zg_export__plan *p, zg_id e)
{
    if (p->edge_mask != NULL && !p->edge_mask[e])
        return 0;
    return zg_export__node_drawn(p, zg_graph_edge_from(p->g, e)) &&
           zg_export__node_drawn(p, zg_graph_edge_to(p->g, e));
}

/* 1 if node `n` is drawn inside cluster `t`, or is `t`. */
static int
inside(const zg_export__plan *p, zg_id n, zg_id t)
{
    if (n == t)
        return 1;
    for (n = p->parent[n]; n != ZG_NO_ID; n = p->parent[n])
        if (n == t)
            return 1;
    return 0;
}

/* See export_internal.h: a cluster relation from a node to a cluster it
 * is drawn in. */
int
zg_export__implied(const zg_export__plan *p, zg_id e)
{
    zg_id from = zg_graph_edge_from(p->g, e), to = zg_graph_edge_to(p->g, e);

    return zg_graph_reltype(p->g, zg_graph_edge_type(p->g, e))->cluster &&
           from != to && inside(p, from, to);
}

/*
 * Which node is drawn inside which: p->parent[n] is the target of n's
 * lowest-id drawn cluster edge, with containment cycles broken at the link
 * that closes them. Then p->role: ZG_ROLE_CLUSTER for targets that keep
 * members, ZG_ROLE_ANCHOR for those of them that a drawn edge touches.
 */
static void
assign_clusters(zg_export__plan *p)
{
    size_t nn = zg_graph_node_count(p->g), ne = zg_graph_edge_count(p->g);
    unsigned char *mark = p->role; /* here: 0 new, 1 on path, 2 done */
    zg_id e, n, cur, prev;

    for (n = 0; n < nn; n++)
        p->parent[n] = ZG_NO_ID;
    for (e = 0; e < ne; e++) {
        zg_id from = zg_graph_edge_from(p->g, e),
              to = zg_graph_edge_to(p->g, e);
        if (!zg_graph_reltype(p->g, zg_graph_edge_type(p->g, e))->cluster ||
            from == to || p->parent[from] != ZG_NO_ID ||
            !zg_export__edge_drawn(p, e))
            continue;
        p->parent[from] = to;
    }
    memset(mark, 0, nn);
    for (n = 0; n < nn; n++) {
        prev = ZG_NO_ID;
        for (cur = n; cur != ZG_NO_ID && mark[cur] == 0; cur = p->parent[cur]) {
            mark[cur] = 1;
            prev = cur;
        }
        if (cur != ZG_NO_ID && mark[cur] == 1)
            p->parent[prev] = ZG_NO_ID; /* prev closed a cycle */
        for (cur = n; cur != ZG_NO_ID && mark[cur] == 1; cur = p->parent[cur])
            mark[cur] = 2;
    }
    memset(p->role, 0, nn);
    for (n = 0; n < nn; n++)
        if (p->parent[n] != ZG_NO_ID)
            p->role[p->parent[n]] = ZG_ROLE_CLUSTER;
    for (e = 0; e < ne; e++) {
        zg_id from = zg_graph_edge_from(p->g, e),
              to = zg_graph_edge_to(p->g, e);
        if (!zg_export__edge_drawn(p, e) || zg_export__implied(p, e))
            continue;
        if (p->role[from] & ZG_ROLE_CLUSTER)
            p->role[from] |= ZG_ROLE_ANCHOR;
        if (p->role[to] & ZG_ROLE_CLUSTER)
            p->role[to] |= ZG_ROLE_ANCHOR;
    }
}

/* See export_internal.h. */
zg_status
zg_export__plan_init(zg_export__plan *p, const zg_graph *g,
                     const zg_dot_options *opt, zg_error *err)
{
    static const zg_dot_options defaults;
    size_t nn = zg_graph_node_count(g), nr = zg_graph_reltype_count(g);

    if (opt == NULL)
        opt = &defaults;
    memset(p, 0, sizeof *p);
    p->g = g;
    p->lang = opt->lang;
    p->node_mask = opt->node_mask;
    p->edge_mask = opt->edge_mask;
    p->max_label = opt->max_label ? opt->max_label : DEFAULT_MAX_LABEL;
    p->title = opt->title;
    p->parent = malloc((nn ? nn : 1) * sizeof *p->parent);
    p->role = malloc(nn ? nn : 1);
    p->rel_label = calloc(nr ? nr : 1, sizeof *p->rel_label);
    if (p->parent == NULL || p->role == NULL || p->rel_label == NULL)
        return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0,
                            "out of memory building the diagram");
    assign_clusters(p);
    return ZG_OK;
}

/* See export_internal.h. */
void
zg_export__plan_free(zg_export__plan *p)
{
    size_t i, nr;

    if (p->rel_label != NULL) {
        nr = zg_graph_reltype_count(p->g);
        for (i = 0; i < nr; i++)
            free(p->rel_label[i]);
    }
    free(p->rel_label);
    free(p->parent);
    free(p->role);
    free(p->label.s);
    free(p->tooltip.s);
    memset(p, 0, sizeof *p);
}

/* Append user text `s` as a label, cut to p->max_label. */
static void
put_label(zg_export__plan *p, zg_strbuf *sb, const char *s)
{
    put_text(sb, s, p->max_label, TEXT_LABEL);
}

/* The label of node `n` in `sb`. */
static void
node_label(zg_export__plan *p, zg_id n, zg_strbuf *sb)
{
    const zg_node_info *v = zg_graph_node(p->g, n);

    sb_reset(sb);
    switch (p->lang) {
    case ZG_LANG_EN: put_label(p, sb, zg_graph_node_label(p->g, n, 1)); break;
    case ZG_LANG_BOTH:
        put_label(p, sb, zg_graph_node_label(p->g, n, 0));
        if (v->name_en != NULL && v->name_en[0] != '\0' &&
            strcmp(v->name_en, v->name) != 0) {
            sb_puts(sb, "\\n"); /* escString line break */
            put_label(p, sb, v->name_en);
        }
        break;
    case ZG_LANG_ZH:
    default: put_label(p, sb, zg_graph_node_label(p->g, n, 0)); break;
    }
}

/* `s` unless it is NULL or empty, else NULL. */
static const char *
nonempty(const char *s)
{
    return s != NULL && s[0] != '\0' ? s : NULL;
}

/* The label of relation type `r` in `sb`. */
static void
relation_label(zg_export__plan *p, zg_id r, zg_strbuf *sb)
{
    const zg_reltype_info *t = zg_graph_reltype(p->g, r);
    const char *zh = nonempty(t->zh), *en = nonempty(t->en);

    sb_reset(sb);
    switch (p->lang) {
    case ZG_LANG_EN: put_label(p, sb, en ? en : t->name); break;
    case ZG_LANG_BOTH:
        if (zh && en && strcmp(zh, en) != 0) {
            put_label(p, sb, zh);
            sb_puts(sb, "\\n");
            put_label(p, sb, en);
        } else {
            put_label(p, sb, zh ? zh : en ? en : t->name);
        }
        break;
    case ZG_LANG_ZH:
    default: put_label(p, sb, zh ? zh : t->name); break;
    }
}

/* User text `s` as `kind` text without a length limit, in `sb`. */
static void
plain_text(zg_strbuf *sb, const char *s, text_kind kind)
{
    sb_reset(sb);
    put_text(sb, s, SIZE_MAX, kind);
}

/*
 * The value written for `s`. A value that is exactly U+FEFF becomes
 * U+2060 (WORD JOINER, drawn the same): agwrite leaves it unquoted, and
 * cgraph's reader then skips it as a byte order mark and fails on the "]"
 * that follows.
 */
static const char *
value_of(const zg_strbuf *sb)
{
    const char *s = sb->s ? sb->s : "";

    return strcmp(s, "\xEF\xBB\xBF") == 0 ? "\xE2\x81\xA0" : s;
}

/* Out of memory in `p`'s text, or ZG_OK. */
static zg_status
text_status(const zg_export__plan *p, zg_error *err)
{
    if (p->label.oom || p->tooltip.oom)
        return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0,
                            "out of memory building the diagram");
    return ZG_OK;
}

/* See export_internal.h. */
zg_status
zg_export__graph_values(zg_export__plan *p, const char **v, zg_error *err)
{
    memset(v, 0, ZG_A_COUNT * sizeof *v);
    if (p->title != NULL) {
        plain_text(&p->label, p->title, TEXT_LABEL);
        v[ZG_A_G_LABEL] = value_of(&p->label);
    }
    return text_status(p, err);
}

/* See export_internal.h. */
zg_status
zg_export__cluster_values(zg_export__plan *p, zg_id n, const char **v,
                          zg_error *err)
{
    const zg_node_info *x = zg_graph_node(p->g, n);
    const char *colour = type_colour(zg_graph_nodetype(p->g, x->type));

    memset(v, 0, ZG_A_COUNT * sizeof *v);
    node_label(p, n, &p->label);
    plain_text(&p->tooltip, x->key, TEXT_TOOLTIP);
    v[ZG_A_G_LABEL] = value_of(&p->label);
    v[ZG_A_G_TOOLTIP] = value_of(&p->tooltip);
    v[ZG_A_G_STYLE] = "rounded,filled";
    v[ZG_A_G_COLOR] = colour;
    v[ZG_A_G_FILLCOLOR] = cluster_fill(colour, p->fill, sizeof p->fill);
    return text_status(p, err);
}

/* See export_internal.h. */
zg_status
zg_export__node_values(zg_export__plan *p, zg_id n, const char **v,
                       zg_error *err)
{
    const zg_node_info *x = zg_graph_node(p->g, n);
    const zg_nodetype_info *t = zg_graph_nodetype(p->g, x->type);
    const char *colour = type_colour(t);

    memset(v, 0, ZG_A_COUNT * sizeof *v);
    plain_text(&p->tooltip, x->key, TEXT_TOOLTIP);
    node_label(p, n, &p->label);
    v[ZG_A_N_TOOLTIP] = value_of(&p->tooltip);
    v[ZG_A_N_LABEL] = value_of(&p->label);
    if (p->role[n] & ZG_ROLE_ANCHOR) {
        v[ZG_A_N_SHAPE] = "point";
        v[ZG_A_N_STYLE] = "invis";
    } else {
        v[ZG_A_N_SHAPE] = type_shape(t);
        v[ZG_A_N_FILLCOLOR] = colour;
        if (is_dark(colour))
            v[ZG_A_N_FONTCOLOR] = "white";
    }
    return text_status(p, err);
}

/* See export_internal.h. Edges of a cluster target end at the cluster's
 * border. */
zg_status
zg_export__edge_values(zg_export__plan *p, zg_id e, const char **v,
                       zg_error *err)
{
    zg_edge_info x;
    char **cached;

    zg_graph_edge_get(p->g, e, &x);
    cached = &p->rel_label[x.type];
    memset(v, 0, ZG_A_COUNT * sizeof *v);
    if (*cached == NULL) {
        relation_label(p, x.type, &p->label);
        if (p->label.oom)
            return text_status(p, err);
        *cached = strdup(value_of(&p->label));
        if (*cached == NULL)
            return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0,
                                "out of memory building the diagram");
    }
    v[ZG_A_E_LABEL] = *cached;
    if (x.basis == ZG_BASIS_IMPLIED || x.basis == ZG_BASIS_INFERRED) {
        v[ZG_A_E_COLOR] = WEAK_COLOUR;
        v[ZG_A_E_FONTCOLOR] = WEAK_COLOUR;
    }
    if (x.basis == ZG_BASIS_INFERRED)
        v[ZG_A_E_STYLE] = "dashed";
    /* Not when the other end is inside the cluster: dot would refuse. */
    if ((p->role[x.to] & ZG_ROLE_CLUSTER) && !inside(p, x.from, x.to)) {
        snprintf(p->lhead, sizeof p->lhead, "cluster_%" PRIu32, x.to);
        v[ZG_A_E_LHEAD] = p->lhead;
    }
    if ((p->role[x.from] & ZG_ROLE_CLUSTER) && !inside(p, x.to, x.from)) {
        snprintf(p->ltail, sizeof p->ltail, "cluster_%" PRIu32, x.from);
        v[ZG_A_E_LTAIL] = p->ltail;
    }
    return ZG_OK;
}

/* ---- building the cgraph graph ---- */

typedef struct builder {
    zg_export__plan plan;
    zg_export__diagram *d;
    Agraph_t *root;
    Agsym_t *sym[ZG_A_COUNT]; /* declared on the root */
    Agraph_t **sub;           /* cluster subgraph of each cluster target */
    Agnode_t **node;          /* DOT node of each drawn node */
    zg_id *stack;             /* scratch for cluster_of() */
    const char *v[ZG_A_COUNT];
    zg_error *err;
} builder;

/* Record that cgraph refused to create `what`: out of memory if our own
 * allocations failed on the way, else ZG_ERR_EXPORT with its message. */
static zg_status
gv_fail(builder *b, const char *what)
{
    if (b->d->oom)
        return zg_error_set(b->err, ZG_ERR_NOMEM, NULL, 0, 0,
                            "out of memory building the diagram");
    return zg_error_set(
        b->err, ZG_ERR_EXPORT, NULL, 0, 0, "Graphviz could not create %s%s%s",
        what, zg_export__gv_message()[0] ? ": " : "", zg_export__gv_message());
}

/* Declare every attribute the diagram uses, with its default. */
static zg_status
declare_attrs(builder *b)
{
    int i;

    for (i = 0; i < ZG_A_COUNT; i++) {
        const zg_export__attr *a = &zg_export__attrs[i];
        b->sym[i] = agattr(b->root, a->kind, gv_str(a->name), gv_str(a->def));
        if (b->sym[i] == NULL)
            return gv_fail(b, "an attribute");
    }
    return ZG_OK;
}

/* Set every value of b->v on `obj` (cgraph copies them). */
static zg_status
set_values(builder *b, void *obj)
{
    int i;

    for (i = 0; i < ZG_A_COUNT; i++)
        if (b->v[i] != NULL && agxset(obj, b->sym[i], gv_str(b->v[i])) != 0)
            return gv_fail(b, "an attribute value");
    return ZG_OK;
}

/* The subgraph of cluster target `t`, created (with the clusters around
 * it) on first use. */
static zg_status
cluster_of(builder *b, zg_id t, Agraph_t **out)
{
    const zg_export__plan *p = &b->plan;
    size_t top = 0;
    zg_id x = t;
    char name[32];

    while (b->sub[x] == NULL) {
        b->stack[top++] = x;
        if (p->parent[x] == ZG_NO_ID)
            break;
        x = p->parent[x];
    }
    while (top > 0) {
        zg_id c = b->stack[--top];
        Agraph_t *home =
            p->parent[c] == ZG_NO_ID ? b->root : b->sub[p->parent[c]];
        Agraph_t *s;

        snprintf(name, sizeof name, "cluster_%" PRIu32, c);
        s = agsubg(home, gv_str(name), 1);
        if (s == NULL)
            return gv_fail(b, "a cluster");
        b->sub[c] = s;
        ZG_TRY(zg_export__cluster_values(&b->plan, c, b->v, b->err));
        ZG_TRY(set_values(b, s));
    }
    *out = b->sub[t];
    return ZG_OK;
}

/*
 * Create the DOT node of drawn node `n`, inside its cluster if any. A
 * cluster target gets its cluster, and an anchor only if an edge needs
 * one.
 */
static zg_status
add_node(builder *b, zg_id n)
{
    const zg_export__plan *p = &b->plan;
    Agraph_t *home = b->root;
    Agnode_t *dn;
    char name[32];

    if (p->role[n] & ZG_ROLE_CLUSTER) {
        ZG_TRY(cluster_of(b, n, &home));
        if (!(p->role[n] & ZG_ROLE_ANCHOR))
            return ZG_OK;
    } else if (p->parent[n] != ZG_NO_ID) {
        ZG_TRY(cluster_of(b, p->parent[n], &home));
    }
    snprintf(name, sizeof name, "n%" PRIu32, n);
    dn = agnode(home, gv_str(name), 1);
    if (dn == NULL)
        return gv_fail(b, "a node");
    b->node[n] = dn;
    ZG_TRY(zg_export__node_values(&b->plan, n, b->v, b->err));
    return set_values(b, dn);
}

/* Create the DOT edge of drawn edge `e`, unless containment implies it. */
static zg_status
add_edge(builder *b, zg_id e)
{
    Agedge_t *de;

    if (zg_export__implied(&b->plan, e))
        return ZG_OK;
    de = agedge(b->root, b->node[zg_graph_edge_from(b->plan.g, e)],
                b->node[zg_graph_edge_to(b->plan.g, e)], NULL, 1);
    if (de == NULL)
        return gv_fail(b, "an edge");
    ZG_TRY(zg_export__edge_values(&b->plan, e, b->v, b->err));
    return set_values(b, de);
}

/* Fill the open graph b->root: attributes, title, clusters, nodes and
 * edges, each in id order. */
static zg_status
build(builder *b)
{
    const zg_export__plan *p = &b->plan;
    size_t nn = zg_graph_node_count(p->g), ne = zg_graph_edge_count(p->g);
    zg_id i;

    ZG_TRY(declare_attrs(b));
    ZG_TRY(zg_export__graph_values(&b->plan, b->v, b->err));
    ZG_TRY(set_values(b, b->root));
    for (i = 0; i < nn; i++)
        if (zg_export__node_drawn(p, i))
            ZG_TRY(add_node(b, i));
    for (i = 0; i < ne; i++)
        if (zg_export__edge_drawn(p, i))
            ZG_TRY(add_edge(b, i));
    if (b->d->oom)
        return zg_error_set(b->err, ZG_ERR_NOMEM, NULL, 0, 0,
                            "out of memory building the diagram");
    return ZG_OK;
}

/*
 * See export_internal.h. The working arrays (one entry per node of `g`) are
 * freed before returning; on failure nothing is left allocated.
 */
zg_status
zg_export__diagram_new(zg_export__diagram **out, const zg_graph *g,
                       const zg_dot_options *opt, zg_error *err)
{
    size_t nn;
    builder b;
    zg_status st;

    *out = NULL;
    memset(&b, 0, sizeof b);
    b.err = err;
    st = zg_export__plan_init(&b.plan, g, opt, err);
    if (st != ZG_OK)
        goto out;
    nn = zg_graph_node_count(g);
    b.d = calloc(1, sizeof *b.d);
    b.sub = calloc(nn ? nn : 1, sizeof *b.sub);
    b.node = calloc(nn ? nn : 1, sizeof *b.node);
    b.stack = malloc((nn ? nn : 1) * sizeof *b.stack);
    if (b.d == NULL || b.sub == NULL || b.node == NULL || b.stack == NULL) {
        st = zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0,
                          "out of memory building the diagram");
        goto out;
    }
    b.d->disc.mem = &AgMemDisc;
    b.d->disc.id = &id_disc;
    b.d->disc.io = &AgIoDisc;
    b.d->next_anon = 1;
    b.d->g = agopen(gv_str(ROOT_NAME), Agdirected, &b.d->disc);
    if (b.d->g == NULL) {
        st = gv_fail(&b, "the graph");
        goto out;
    }
    b.root = b.d->g;
    st = build(&b);
out:
    if (st == ZG_OK) {
        *out = b.d;
        b.d = NULL;
    }
    zg_export__diagram_free(b.d);
    zg_export__plan_free(&b.plan);
    free(b.sub);
    free(b.node);
    free(b.stack);
    return st;
}

/* ---- public ---- */

/*
 * See zg_export.h. Also fails with ZG_ERR_INVALID for a NULL graph or
 * output. `opt` may be NULL (everything, Chinese labels, no title). The
 * text comes from the streaming writer (dot_stream.c), which gives the
 * bytes the cgraph path below gives, several times faster and without
 * holding a Graphviz graph; the tests hold the two to the same bytes.
 */
zg_status
zg_export_dot(const zg_graph *g, const zg_dot_options *opt, FILE *out,
              zg_error *err)
{
    return zg_export__dot_stream(g, opt, out, err);
}

/* See export_internal.h. Not thread-safe: Graphviz's error state is
 * global. */
zg_status
zg_export__dot_cgraph(const zg_graph *g, const zg_dot_options *opt, FILE *out,
                      zg_error *err)
{
    zg_export__diagram *d = NULL;
    zg_status st;
    int rc, e;

    if (g == NULL || out == NULL)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "zg_export_dot: no graph or no output");
    zg_export__gv_begin();
    st = zg_export__diagram_new(&d, g, opt, err);
    if (st != ZG_OK)
        goto out;
    errno = 0;
    rc = agwrite(zg_export__diagram_graph(d), out);
    if (fflush(out) != 0 || rc != 0 || ferror(out)) {
        e = errno;
        st = zg_error_set(err, ZG_ERR_IO, NULL, 0, 0,
                          "cannot write the DOT output: %s",
                          e ? strerror(e) : "write error");
        goto out;
    }
    if (zg_export__gv_failed())
        st = zg_error_set(err, ZG_ERR_EXPORT, NULL, 0, 0, "Graphviz: %s",
                          zg_export__gv_message()[0]
                              ? zg_export__gv_message()
                              : "error while writing DOT");
out:
    zg_export__diagram_free(d);
    zg_export__gv_end();
    return st;
}

/* Mark the nodes and edges `v` holds, nested ones (lists, maps, paths)
 * too; a result never holds values nested deeper than
 * ZG_VALUE_MAX_DEPTH. */
static void
mark_value(const zg_graph *g, const zg_value *v, unsigned char *node_mask,
           unsigned char *edge_mask)
{
    size_t nn = zg_graph_node_count(g), ne = zg_graph_edge_count(g), n;

    switch (v->kind) {
    case ZG_VAL_NODE:
        if (v->id < nn && node_mask != NULL)
            node_mask[v->id] = 1;
        break;
    case ZG_VAL_EDGE:
        if (v->id >= ne)
            break;
        if (edge_mask != NULL)
            edge_mask[v->id] = 1;
        if (node_mask != NULL) {
            node_mask[zg_graph_edge_from(g, v->id)] = 1;
            node_mask[zg_graph_edge_to(g, v->id)] = 1;
        }
        break;
    case ZG_VAL_LIST:
    case ZG_VAL_MAP:
    case ZG_VAL_PATH:
        n = v->kind == ZG_VAL_MAP ? 2 * v->n : v->n;
        for (size_t k = 0; k < n; k++)
            mark_value(g, &v->items[k], node_mask, edge_mask);
        break;
    default: break;
    }
}

/*
 * See zg_export.h. Both arrays are cleared first; either may be NULL to
 * fill only the other. Cells with ids out of range are ignored.
 */
void
zg_export_result_masks(const zg_result *r, unsigned char *node_mask,
                       unsigned char *edge_mask)
{
    const zg_graph *g;
    size_t rows, cols, i, j;

    if (r == NULL)
        return;
    g = zg_result_graph(r);
    if (node_mask != NULL)
        memset(node_mask, 0, zg_graph_node_count(g));
    if (edge_mask != NULL)
        memset(edge_mask, 0, zg_graph_edge_count(g));
    rows = zg_result_rows(r);
    cols = zg_result_cols(r);
    for (i = 0; i < rows; i++)
        for (j = 0; j < cols; j++)
            mark_value(g, zg_result_cell(r, i, j), node_mask, edge_mask);
}
