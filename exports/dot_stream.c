/* SPDX-License-Identifier: MIT */
/*
 * dot_stream.c: the whole diagram written as DOT text straight from the
 * drawing rules, without building a Graphviz graph.
 *
 * Building the cgraph graph (agnode, agedge and the id dictionary),
 * writing it with agwrite() and closing it costs several seconds for a
 * graph of a hundred thousand nodes; the text itself is simple. This
 * writer takes every value from the functions dot.c's builder uses
 * (zg_export__*_values(), so the escaping is the same code) and lays the
 * text out as agwrite() of Graphviz 2.42/2.43 (lib/cgraph/write.c) lays
 * out that graph, byte for byte:
 *
 *  - The header declares, per kind, every attribute whose default is not
 *    empty, sorted by name (strcmp order, as cgraph's dictionaries); the
 *    root's label is the title when there is one (agxset() on the root
 *    changes the default).
 *  - Then the clusters, each with its children first in creation order
 *    (dot.c creates a cluster, with those around it, when the first node
 *    drawn in it is created, nodes in id order), then the nodes drawn
 *    directly in it, in id order. A cluster's own attributes are written
 *    in its `graph [...]` list, all five of them, sorted by name.
 *  - Then, for each DOT node in id order (which is cgraph's creation
 *    sequence), the node itself if it is outside every cluster and no
 *    edge comes to it from a lower id; then its out-edges in cgraph's
 *    order, by head id and then by edge id, each preceded by its head
 *    when the head is outside every cluster and this node is its
 *    lowest-id predecessor (first edge to it only).
 *  - An object lists the attributes whose value differs from the
 *    declared default, sorted by name: the first after a tab and "[",
 *    the others after ",\n" and one more tab than the object.
 *  - Every name and value goes through canon(), agwrite()'s
 *    _agstrcanon(): quoted unless it is an identifier or a number, `"`
 *    escaped, and a line break (backslash, newline) inside quotes after
 *    128 bytes of a line, at the first place where a character that is
 *    not an identifier character (nor a backslash) is followed by one
 *    that is.
 *
 * The text is built in a buffer and written in 64 KiB blocks. Working
 * memory (a few arrays of one entry per node and per edge) is allocated
 * before the first byte is written; running out of memory later (a long
 * label) stops with ZG_ERR_NOMEM after a partial write, as an I/O error
 * does.
 */
#include "export_internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROOT_NAME "zonegraph"
/* agwrite()'s default line length for quoted strings. */
#define MAX_OUTPUTLINE 128
#define BLOCK (64 * 1024)

typedef struct writer {
    zg_export__plan plan;
    FILE *out;
    char *buf; /* output block */
    size_t len;
    char *scratch; /* canon()'s quoted form */
    size_t scratch_cap;
    int io_failed, oom;
    int errno_saved;
    /* sorted[kind] lists the slots of that kind sorted by name */
    int sorted[3][ZG_A_COUNT];
    int n_sorted[3];
    /* per node: lowest tail id of a drawn edge to it, or ZG_NO_ID */
    zg_id *min_pred;
    unsigned char *has_edges;
    /* drawn edges by tail, sorted by head then edge id: CSR */
    size_t *out_start; /* node count + 1 */
    zg_id *out_edge;
    /* clusters: children in creation order, direct members in id order */
    zg_id *first_child, *next_sibling, *last_child;
    zg_id *first_member, *next_member, *last_member;
    zg_id root_first, root_last; /* top-level clusters */
    zg_id *stack;
    const char *v[ZG_A_COUNT];
    zg_error *err;
} writer;

/* ---- output ---- */

/* Write the block out. */
static void
flush_block(writer *w)
{
    if (w->len > 0 && !w->io_failed) {
        errno = 0;
        if (fwrite(w->buf, 1, w->len, w->out) != w->len) {
            w->io_failed = 1;
            w->errno_saved = errno;
        }
    }
    w->len = 0;
}

/* Append `n` bytes of `s`. */
static inline void
put(writer *w, const char *s, size_t n)
{
    if (n < BLOCK - w->len) { /* the common case: room in the block */
        memcpy(w->buf + w->len, s, n);
        w->len += n;
        return;
    }
    while (n > 0) {
        size_t room = BLOCK - w->len, k = n < room ? n : room;
        memcpy(w->buf + w->len, s, k);
        w->len += k;
        s += k;
        n -= k;
        if (w->len == BLOCK)
            flush_block(w);
    }
}

/* Append the string `s`. */
static void
puts_w(writer *w, const char *s)
{
    put(w, s, strlen(s));
}

/* Append `level` tabs. */
static void
indent(writer *w, int level)
{
    while (level-- > 0)
        put(w, "\t", 1);
}

/* ASCII letter or digit (cgraph's isalnum() in the C locale). */
static int
is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

/* cgraph's ISALNUM: letters, digits, '_' and every non-ASCII byte. */
static int
is_name_char(unsigned char c)
{
    return is_alnum(c) || c == '_' || c >= 0x80;
}

/* write.c's is_id_char: letters, digits, '.', '-', non-ASCII bytes. */
static int
is_id_char(unsigned char c)
{
    return is_alnum(c) || c == '.' || c == '-' || c >= 0x80;
}

/* 1 if `a` equals `b` ignoring ASCII case. */
static int
same_ignoring_case(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return 0;
    }
    return *a == *b;
}

/* 1 if `s` is a DOT keyword in any case, which agwrite() quotes. */
static int
is_keyword(const char *s)
{
    static const char *const keywords[] = {"node",  "edge",    "strict",
                                           "graph", "digraph", "subgraph"};
    size_t i;

    if (strlen(s) > 8)
        return 0;
    for (i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (same_ignoring_case(keywords[i], s))
            return 1;
    return 0;
}

/*
 * Append `arg` as agwrite() writes a name or value (write.c:
 * _agstrcanon() with the default line length): as it is when it is an
 * identifier (letters, digits, '_', non-ASCII) or a number and not a DOT
 * keyword, else quoted with `"` escaped and long lines broken.
 */
static void
canon(writer *w, const char *arg)
{
    const unsigned char *s = (const unsigned char *)arg;
    size_t n = strlen(arg), cnt = 0, dotcnt = 0, i;
    int needs_quotes = 0, maybe_num, backslash_pending = 0;
    unsigned char uc;
    char *p;

    if (n == 0) {
        put(w, "\"\"", 2);
        return;
    }
    /* The common case, an identifier that is no keyword and too short to
     * be broken: as it is (the general case below gives the same). */
    if (n < MAX_OUTPUTLINE && !(s[0] >= '0' && s[0] <= '9') && s[0] != '.' &&
        s[0] != '-') {
        for (i = 0; i < n && is_name_char(s[i]); i++)
            ;
        if (i == n && !is_keyword(arg)) {
            put(w, arg, n);
            return;
        }
    }
    /* At most 2 bytes per input byte and a line break per 128 bytes of a
     * line, plus the quotes. */
    if (3 * n + 3 > w->scratch_cap) {
        size_t cap = 3 * n + 3 > 256 ? 3 * n + 3 : 256;
        char *q = realloc(w->scratch, cap);
        if (q == NULL) {
            w->oom = 1;
            return;
        }
        w->scratch = q;
        w->scratch_cap = cap;
    }
    p = w->scratch;
    *p++ = '"';
    uc = *s++;
    maybe_num = (uc >= '0' && uc <= '9') || uc == '.' || uc == '-';
    while (uc) {
        if (uc == '"') {
            *p++ = '\\';
            needs_quotes = 1;
        } else if (maybe_num) {
            if (uc == '-') {
                if (cnt) {
                    maybe_num = 0;
                    needs_quotes = 1;
                }
            } else if (uc == '.') {
                if (dotcnt++) {
                    maybe_num = 0;
                    needs_quotes = 1;
                }
            } else if (!(uc >= '0' && uc <= '9')) {
                maybe_num = 0;
                needs_quotes = 1;
            }
        } else if (!is_name_char(uc)) {
            needs_quotes = 1;
        }
        *p++ = (char)uc;
        uc = *s++;
        cnt++;
        if (uc && backslash_pending &&
            !(is_id_char((unsigned char)p[-1]) || p[-1] == '\\') &&
            is_id_char(uc)) {
            *p++ = '\\';
            *p++ = '\n';
            needs_quotes = 1;
            backslash_pending = 0;
            cnt = 0;
        } else if (uc && cnt >= MAX_OUTPUTLINE) {
            if (!(is_id_char((unsigned char)p[-1]) || p[-1] == '\\') &&
                is_id_char(uc)) {
                *p++ = '\\';
                *p++ = '\n';
                needs_quotes = 1;
                cnt = 0;
            } else {
                backslash_pending = 1;
            }
        }
    }
    *p++ = '"';
    if (!needs_quotes && cnt == 1 && (arg[0] == '.' || arg[0] == '-'))
        needs_quotes = 1;
    if (needs_quotes || is_keyword(arg))
        put(w, w->scratch, (size_t)(p - w->scratch));
    else
        put(w, arg, n);
}

/* ---- objects ---- */

/* Append the attributes of kind `kind` in w->v that differ from their
 * defaults, as agwrite() lists an object's attributes at `level`. */
static void
put_attrs(writer *w, int kind, int level)
{
    int i, cnt = 0;

    for (i = 0; i < w->n_sorted[kind]; i++) {
        int slot = w->sorted[kind][i];
        const char *v = w->v[slot];
        if (v == NULL || v == zg_export__attrs[slot].def ||
            strcmp(v, zg_export__attrs[slot].def) == 0)
            continue;
        if (cnt++ == 0) {
            put(w, "\t[", 2);
        } else {
            put(w, ",\n", 2);
            indent(w, level + 1);
        }
        canon(w, zg_export__attrs[slot].name);
        put(w, "=", 1);
        canon(w, v);
    }
    if (cnt > 0)
        put(w, "]", 1);
}

/* 1 if some value in w->v of kind `kind` differs from its default. */
static int
any_attr(const writer *w, int kind)
{
    int i;

    for (i = 0; i < w->n_sorted[kind]; i++) {
        int slot = w->sorted[kind][i];
        if (w->v[slot] != NULL &&
            strcmp(w->v[slot], zg_export__attrs[slot].def) != 0)
            return 1;
    }
    return 0;
}

/* Append "n<id>", a DOT node name (an identifier: never quoted). */
static void
put_name(writer *w, zg_id n)
{
    char name[16];
    size_t k = sizeof name;

    do {
        name[--k] = (char)('0' + n % 10);
        n /= 10;
    } while (n > 0);
    name[--k] = 'n';
    put(w, name + k, sizeof name - k);
}

/* Append the `name [...]` list agwrite() writes for a graph's own
 * attribute dictionary: `list` holds the slots to write in order. */
static void
put_dict(writer *w, const char *name, const int *list, int n, int level)
{
    int i;

    if (n == 0)
        return;
    indent(w, level);
    puts_w(w, name);
    put(w, " [", 2);
    for (i = 0; i < n; i++) {
        if (i > 0) {
            put(w, ",\n", 2);
            indent(w, level + 1);
        }
        canon(w, zg_export__attrs[list[i]].name);
        put(w, "=", 1);
        canon(w, w->v[list[i]]);
    }
    if (n > 1) {
        put(w, "\n", 1);
        indent(w, level);
    }
    put(w, "];\n", 3);
}

/* 1 if DOT node `n` exists: drawn, and not a cluster without anchor. */
static int
is_dot_node(const writer *w, zg_id n)
{
    const zg_export__plan *p = &w->plan;

    return zg_export__node_drawn(p, n) &&
           (!(p->role[n] & ZG_ROLE_CLUSTER) || (p->role[n] & ZG_ROLE_ANCHOR));
}

/* 1 if DOT node `n` is inside a cluster (an anchor is inside its own). */
static int
in_cluster(const writer *w, zg_id n)
{
    return (w->plan.role[n] & ZG_ROLE_CLUSTER) || w->plan.parent[n] != ZG_NO_ID;
}

/* Append DOT node `n` at `level`; `test`: only if agwrite() would (it
 * has an edge and every attribute at its default: never, as the label
 * always differs, but the rule is cgraph's). Returns 1 if written. */
static int
put_node(writer *w, zg_id n, int level, int test)
{
    zg_status st = zg_export__node_values(&w->plan, n, w->v, w->err);

    if (st != ZG_OK) {
        w->oom = 1;
        return 0;
    }
    if (test && w->has_edges[n] && !any_attr(w, AGNODE))
        return 0;
    indent(w, level);
    put_name(w, n);
    put_attrs(w, AGNODE, level);
    put(w, ";\n", 2);
    return 1;
}

/* Append cluster `c` and what is drawn in it at `level`. */
static void
put_cluster(writer *w, zg_id c, int level)
{
    /* The five values set on a cluster, sorted by name. */
    static const int own[] = {ZG_A_G_COLOR, ZG_A_G_FILLCOLOR, ZG_A_G_LABEL,
                              ZG_A_G_STYLE, ZG_A_G_TOOLTIP};
    char name[32];
    zg_id x;

    if (w->oom || w->io_failed)
        return;
    indent(w, level);
    put(w, "subgraph ", 9);
    snprintf(name, sizeof name, "cluster_%" PRIu32, c);
    canon(w, name);
    put(w, " {\n", 3);
    if (zg_export__cluster_values(&w->plan, c, w->v, w->err) != ZG_OK) {
        w->oom = 1;
        return;
    }
    put_dict(w, "graph", own, (int)(sizeof own / sizeof own[0]), level + 1);
    for (x = w->first_child[c]; x != ZG_NO_ID; x = w->next_sibling[x])
        put_cluster(w, x, level + 1);
    for (x = w->first_member[c]; x != ZG_NO_ID; x = w->next_member[x])
        put_node(w, x, level + 1, 0);
    indent(w, level);
    put(w, "}\n", 2);
}

/* ---- structure ---- */

/* Sort the slots of each kind by attribute name. */
static void
sort_slots(writer *w)
{
    int i, j;

    for (i = 0; i < ZG_A_COUNT; i++) {
        int kind = zg_export__attrs[i].kind;
        int *list = w->sorted[kind];
        for (j = w->n_sorted[kind]; j > 0; j--) {
            if (strcmp(zg_export__attrs[list[j - 1]].name,
                       zg_export__attrs[i].name) < 0)
                break;
            list[j] = list[j - 1];
        }
        list[j] = i;
        w->n_sorted[kind]++;
    }
}

/* Record cluster `c` as created, with the clusters around it, as dot.c's
 * cluster_of() creates them. */
static void
create_cluster(writer *w, zg_id c, unsigned char *made)
{
    const zg_export__plan *p = &w->plan;
    size_t top = 0;
    zg_id x = c;

    while (!made[x]) {
        w->stack[top++] = x;
        if (p->parent[x] == ZG_NO_ID)
            break;
        x = p->parent[x];
    }
    while (top > 0) {
        zg_id t = w->stack[--top], up = p->parent[t];
        made[t] = 1;
        w->next_sibling[t] = ZG_NO_ID;
        if (up == ZG_NO_ID) {
            if (w->root_last == ZG_NO_ID)
                w->root_first = t;
            else
                w->next_sibling[w->root_last] = t;
            w->root_last = t;
        } else {
            if (w->last_child[up] == ZG_NO_ID)
                w->first_child[up] = t;
            else
                w->next_sibling[w->last_child[up]] = t;
            w->last_child[up] = t;
        }
    }
}

/* Clusters in creation order and their members; `made` is scratch of one
 * byte per node. */
static void
place_nodes(writer *w, unsigned char *made)
{
    const zg_export__plan *p = &w->plan;
    size_t nn = zg_graph_node_count(p->g);
    zg_id n;

    memset(made, 0, nn ? nn : 1);
    for (n = 0; n < nn; n++) {
        w->first_child[n] = w->last_child[n] = ZG_NO_ID;
        w->first_member[n] = w->last_member[n] = ZG_NO_ID;
        w->next_member[n] = ZG_NO_ID;
    }
    w->root_first = w->root_last = ZG_NO_ID;
    for (n = 0; n < nn; n++) {
        zg_id home = ZG_NO_ID;
        if (!zg_export__node_drawn(p, n))
            continue;
        if (p->role[n] & ZG_ROLE_CLUSTER) {
            create_cluster(w, n, made);
            if (!(p->role[n] & ZG_ROLE_ANCHOR))
                continue;
            home = n;
        } else if (p->parent[n] != ZG_NO_ID) {
            create_cluster(w, p->parent[n], made);
            home = p->parent[n];
        }
        if (home == ZG_NO_ID)
            continue;
        if (w->last_member[home] == ZG_NO_ID)
            w->first_member[home] = n;
        else
            w->next_member[w->last_member[home]] = n;
        w->last_member[home] = n;
    }
}

/*
 * The drawn edges that are not implied, by tail, each tail's in cgraph's
 * out-edge order (head id, then edge id): bucket by head in edge id
 * order, then by tail in head order. Also min_pred and has_edges.
 * `tmp` is scratch of one entry per edge.
 */
static void
order_edges(writer *w, zg_id *tmp)
{
    const zg_export__plan *p = &w->plan;
    size_t nn = zg_graph_node_count(p->g), ne = zg_graph_edge_count(p->g);
    size_t *start = w->out_start, total = 0, i;
    zg_id e, n;

    memset(start, 0, (nn + 1) * sizeof *start);
    for (n = 0; n < nn; n++) {
        w->min_pred[n] = ZG_NO_ID;
        w->has_edges[n] = 0;
    }
    /* By head: count, offsets, fill (edge id order within a head). */
    for (e = 0; e < ne; e++) {
        zg_id from, to;
        if (!zg_export__edge_drawn(p, e) || zg_export__implied(p, e))
            continue;
        from = zg_graph_edge_from(p->g, e);
        to = zg_graph_edge_to(p->g, e);
        start[to + 1]++;
        w->has_edges[from] = w->has_edges[to] = 1;
        if (w->min_pred[to] == ZG_NO_ID || from < w->min_pred[to])
            w->min_pred[to] = from;
        total++;
    }
    for (i = 0; i < nn; i++)
        start[i + 1] += start[i];
    for (e = 0; e < ne; e++) {
        if (!zg_export__edge_drawn(p, e) || zg_export__implied(p, e))
            continue;
        tmp[start[zg_graph_edge_to(p->g, e)]++] = e;
    }
    /* By tail, taking the edges in head order. */
    memset(start, 0, (nn + 1) * sizeof *start);
    for (i = 0; i < total; i++)
        start[zg_graph_edge_from(p->g, tmp[i]) + 1]++;
    for (i = 0; i < nn; i++)
        start[i + 1] += start[i];
    for (i = 0; i < total; i++)
        w->out_edge[start[zg_graph_edge_from(p->g, tmp[i])]++] = tmp[i];
    /* start[n] is now the end of n's run: shift back. */
    for (i = nn; i > 0; i--)
        start[i] = start[i - 1];
    start[0] = 0;
}

/* The root's body: clusters, then nodes and edges in cgraph's order. */
static void
put_body(writer *w)
{
    const zg_export__plan *p = &w->plan;
    size_t nn = zg_graph_node_count(p->g);
    zg_id c, n, prev;
    size_t k;

    for (c = w->root_first; c != ZG_NO_ID; c = w->next_sibling[c])
        put_cluster(w, c, 1);
    for (n = 0; n < nn && !w->oom && !w->io_failed; n++) {
        if (!is_dot_node(w, n))
            continue;
        if (!in_cluster(w, n) &&
            (w->min_pred[n] == ZG_NO_ID || w->min_pred[n] >= n))
            put_node(w, n, 1, 1);
        prev = n;
        for (k = w->out_start[n]; k < w->out_start[n + 1]; k++) {
            zg_id e = w->out_edge[k];
            zg_id h = zg_graph_edge_to(p->g, e);
            if (prev != h && !in_cluster(w, h) && h >= n &&
                w->min_pred[h] == n && put_node(w, h, 1, 1))
                prev = h;
            if (zg_export__edge_values(&w->plan, e, w->v, w->err) != ZG_OK) {
                w->oom = 1;
                return;
            }
            put(w, "\t", 1);
            put_name(w, n);
            put(w, " -> ", 4);
            put_name(w, h);
            put_attrs(w, AGEDGE, 1);
            put(w, ";\n", 2);
        }
    }
}

/* The header: the root and its declared defaults. */
static zg_status
put_header(writer *w)
{
    static const int kinds[] = {AGRAPH, AGNODE, AGEDGE};
    static const char *const names[] = {"graph", "node", "edge"};
    int list[ZG_A_COUNT], i, k, n;

    ZG_TRY(zg_export__graph_values(&w->plan, w->v, w->err));
    put(w, "digraph ", 8);
    canon(w, ROOT_NAME);
    put(w, " {\n", 3);
    for (k = 0; k < 3; k++) {
        int kind = kinds[k];
        n = 0;
        for (i = 0; i < w->n_sorted[kind]; i++) {
            int slot = w->sorted[kind][i];
            if (w->v[slot] == NULL)
                w->v[slot] = zg_export__attrs[slot].def;
            if (w->v[slot][0] != '\0')
                list[n++] = slot;
        }
        put_dict(w, names[k], list, n, 1);
    }
    return ZG_OK;
}

/* Free what `w` owns. */
static void
writer_free(writer *w)
{
    zg_export__plan_free(&w->plan);
    free(w->buf);
    free(w->scratch);
    free(w->min_pred);
    free(w->has_edges);
    free(w->out_start);
    free(w->out_edge);
    free(w->first_child);
    free(w->next_sibling);
    free(w->last_child);
    free(w->first_member);
    free(w->next_member);
    free(w->last_member);
    free(w->stack);
}

/*
 * See export_internal.h. Also fails with ZG_ERR_INVALID for a NULL graph
 * or output. Everything but label text is allocated before writing.
 */
zg_status
zg_export__dot_stream(const zg_graph *g, const zg_dot_options *opt, FILE *out,
                      zg_error *err)
{
    writer w;
    size_t nn, ne, n1;
    zg_id *tmp = NULL;
    unsigned char *made = NULL;
    zg_status st;
    int e;

    if (g == NULL || out == NULL)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "zg_export_dot: no graph or no output");
    memset(&w, 0, sizeof w);
    w.out = out;
    w.err = err;
    st = zg_export__plan_init(&w.plan, g, opt, err);
    if (st != ZG_OK)
        goto out;
    nn = zg_graph_node_count(g);
    ne = zg_graph_edge_count(g);
    n1 = nn ? nn : 1;
    w.buf = malloc(BLOCK);
    w.min_pred = malloc(n1 * sizeof *w.min_pred);
    w.has_edges = malloc(n1);
    w.out_start = malloc((nn + 1) * sizeof *w.out_start);
    w.out_edge = malloc((ne ? ne : 1) * sizeof *w.out_edge);
    w.first_child = malloc(n1 * sizeof(zg_id));
    w.next_sibling = malloc(n1 * sizeof(zg_id));
    w.last_child = malloc(n1 * sizeof(zg_id));
    w.first_member = malloc(n1 * sizeof(zg_id));
    w.next_member = malloc(n1 * sizeof(zg_id));
    w.last_member = malloc(n1 * sizeof(zg_id));
    w.stack = malloc(n1 * sizeof(zg_id));
    tmp = malloc((ne ? ne : 1) * sizeof *tmp);
    made = malloc(n1);
    if (w.buf == NULL || w.min_pred == NULL || w.has_edges == NULL ||
        w.out_start == NULL || w.out_edge == NULL || w.first_child == NULL ||
        w.next_sibling == NULL || w.last_child == NULL ||
        w.first_member == NULL || w.next_member == NULL ||
        w.last_member == NULL || w.stack == NULL || tmp == NULL ||
        made == NULL) {
        st = zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0,
                          "out of memory writing the diagram");
        goto out;
    }
    sort_slots(&w);
    place_nodes(&w, made);
    order_edges(&w, tmp);
    free(tmp);
    tmp = NULL;
    free(made);
    made = NULL;
    st = put_header(&w);
    if (st != ZG_OK)
        goto out;
    put_body(&w);
    put(&w, "}\n", 2);
    if (w.oom) {
        st = zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0,
                          "out of memory writing the diagram");
        goto out;
    }
    flush_block(&w);
    errno = 0;
    if (w.io_failed || fflush(out) != 0 || ferror(out)) {
        e = w.io_failed ? w.errno_saved : errno;
        st = zg_error_set(err, ZG_ERR_IO, NULL, 0, 0,
                          "cannot write the DOT output: %s",
                          e ? strerror(e) : "write error");
        goto out;
    }
out:
    free(tmp);
    free(made);
    writer_free(&w);
    return st;
}
