/* SPDX-License-Identifier: MIT */
/*
 * How two entities are related: the sentence an edge states, the
 * neighbours two nodes share (common) and the whole explanation (relate):
 * direct relations both ways, shared neighbours, and the shortest paths
 * through other nodes, each relation said as one sentence with its basis,
 * source and evidence. The paths come from zg_query_path() (paths.c).
 */
#include "query_internal.h"
#include "zg_strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- text ---- */

/* Text is built in a zg_strbuf; an append that runs out of memory leaves
 * b->oom set, which the callers check once at the end. */
static void
sb_put(zg_strbuf *b, const char *t)
{
    (void)zg_strbuf_add(b, t);
}

/* The label of node `n`: its name, or in English its English name. */
static const char *
label(const zg_graph *g, zg_id n, int en)
{
    return zg_graph_node_label(g, n, en);
}

/* The verb phrase of relation type `r` in Chinese (`en` 0) or English,
 * falling back to the other language; NULL when it has neither. */
static const char *
verb(const zg_graph *g, zg_id r, int en)
{
    const zg_reltype_info *rt = zg_graph_reltype(g, r);

    if (en)
        return rt->en != NULL ? rt->en : rt->zh;
    return rt->zh != NULL ? rt->zh : rt->en;
}

/* Append the verb of `r`, or its type name with '_' as ' '. */
static void
put_verb(zg_strbuf *b, const zg_graph *g, zg_id r, int en)
{
    const char *v = verb(g, r, en);
    size_t start = b->len;

    if (v != NULL) {
        sb_put(b, v);
        return;
    }
    sb_put(b, zg_graph_reltype(g, r)->name);
    for (size_t i = start; !b->oom && i < b->len; i++)
        if (b->s[i] == '_')
            b->s[i] = ' ';
}

/* Upper-case the ASCII letter at `b->s[at]`, if it is one. */
static void
capitalise(zg_strbuf *b, size_t at)
{
    if (!b->oom && at < b->len && b->s[at] >= 'a' && b->s[at] <= 'z')
        b->s[at] = (char)(b->s[at] - 'a' + 'A');
}

/* Append the one-language sentence of edge `e`. */
static void
put_sentence(zg_strbuf *b, const zg_graph *g, zg_id e, int en)
{
    size_t start = b->len;

    sb_put(b, label(g, zg_graph_edge_from(g, e), en));
    if (en)
        sb_put(b, " ");
    put_verb(b, g, zg_graph_edge_type(g, e), en);
    if (en)
        sb_put(b, " ");
    sb_put(b, label(g, zg_graph_edge_to(g, e), en));
    sb_put(b, en ? "." : "。");
    if (en)
        capitalise(b, start);
}

/* The sentence of an edge (see zg_query.h). */
char *
zg_edge_sentence(const zg_graph *g, zg_id e, zg_label_lang lang)
{
    zg_strbuf b = {NULL, 0, 0, 0};

    if (lang != ZG_LABEL_EN)
        put_sentence(&b, g, e, 0);
    if (lang == ZG_LABEL_BOTH)
        sb_put(&b, " / ");
    if (lang != ZG_LABEL_ZH)
        put_sentence(&b, g, e, 1);
    return zg_strbuf_take(&b);
}

/*
 * Append the English verb phrase `v` with its first word in the plural
 * ("focuses on" -> "focus on", "is located in" -> "are located in"), for
 * a sentence whose subject is two nodes. Covers the regular forms of the
 * verbs a vocabulary uses; anything else is kept as written.
 */
static void
put_plural_verb(zg_strbuf *b, const char *v)
{
    size_t w = strcspn(v, " ");
    char word[64];

    if (w == 0 || w >= sizeof word) {
        sb_put(b, v);
        return;
    }
    memcpy(word, v, w);
    word[w] = '\0';
    if (strcmp(word, "is") == 0)
        strcpy(word, "are");
    else if (strcmp(word, "was") == 0)
        strcpy(word, "were");
    else if (strcmp(word, "has") == 0)
        strcpy(word, "have");
    else if (strcmp(word, "does") == 0)
        strcpy(word, "do");
    else if (w > 4 && strcmp(word + w - 3, "ies") == 0)
        strcpy(word + w - 3, "y");
    else if (w > 3 && word[w - 1] == 's' && word[w - 2] == 'e' &&
             (strchr("sxz", word[w - 3]) != NULL ||
              (word[w - 3] == 'h' && strchr("cs", word[w - 4]) != NULL)))
        word[w - 2] = '\0';
    else if (w > 2 && word[w - 1] == 's' && word[w - 2] != 's' &&
             word[w - 2] != 'u')
        word[w - 1] = '\0';
    sb_put(b, word);
    sb_put(b, v + w);
}

/*
 * Append the one-language sentence saying how `a` and `b` both link to
 * `x`: by edges `ea` and `eb`, which run out of a and b (`oa`, `ob` 1)
 * or into them.
 */
static void
put_shared(zg_strbuf *b, const zg_graph *g, zg_id a, zg_id bn, zg_id x,
           zg_id ea, int oa, zg_id eb, int ob, int en)
{
    zg_id ra = zg_graph_edge_type(g, ea), rb = zg_graph_edge_type(g, eb);
    size_t start = b->len;

    if (ra != rb || oa != ob) {
        put_sentence(b, g, ea, en);
        if (en)
            sb_put(b, " ");
        put_sentence(b, g, eb, en);
        return;
    }
    if (oa) {
        /* A和B都聚焦X。 / A and B both focus on X. */
        sb_put(b, label(g, a, en));
        sb_put(b, en ? " and " : "和");
        sb_put(b, label(g, bn, en));
        if (en) {
            const char *v = verb(g, ra, 1);
            sb_put(b, " both ");
            if (v != NULL)
                put_plural_verb(b, v);
            else
                put_verb(b, g, ra, 1);
            sb_put(b, " ");
        } else {
            sb_put(b, "都");
            put_verb(b, g, ra, 0);
        }
        sb_put(b, label(g, x, en));
    } else {
        /* X公布A和B。 / X designates both A and B. */
        sb_put(b, label(g, x, en));
        if (en)
            sb_put(b, " ");
        put_verb(b, g, ra, en);
        sb_put(b, en ? " both " : "");
        sb_put(b, label(g, a, en));
        sb_put(b, en ? " and " : "和");
        sb_put(b, label(g, bn, en));
    }
    sb_put(b, en ? "." : "。");
    if (en)
        capitalise(b, start);
}

/* ---- common ---- */

/* A relation of one of the two nodes to a neighbour. */
typedef struct link {
    zg_id x, e;
    int outward;   /* 1: the node -> x */
    zg_id through; /* the narrower node e reaches, or ZG_NO_ID: e reaches x */
} link;

/* qsort order of links: neighbour id, then edge id, then the direct link
 * before those through a narrower node (by its id). */
static int
link_cmp(const void *p, const void *q)
{
    const link *a = p, *b = q;

    if (a->x != b->x)
        return a->x < b->x ? -1 : 1;
    if (a->e != b->e)
        return a->e < b->e ? -1 : 1;
    return (a->through > b->through) - (a->through < b->through);
}

/* A node both link to: its relations are la[a0..a1) and lb[b0..b1). */
typedef struct shared_node {
    zg_id x, type;
    const char *key;
    size_t a0, a1, b0, b1;
} shared_node;

/* qsort order of shared nodes: node type id, then node key bytes. With
 * the relations of each in edge order, this is the order of the rows. */
static int
shared_cmp(const void *p, const void *q)
{
    const shared_node *a = p, *b = q;

    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    return strcmp(a->key, b->key);
}

/* 1 if `x` may be a shared node of `a` and `b` in walk `w`. */
static int
may_share(const walk *w, zg_id x, zg_id a, zg_id b)
{
    return x != a && x != b && VIEW_NODE(w->view, x) &&
           w->type_ok[zg_graph_node(w->g, x)->type];
}

/* Append link {x, e, outward, through} to `*l` (`*k` used, `*cap` held);
 * -1 when out of memory. */
static int
push_link(link **l, size_t *k, size_t *cap, zg_id x, zg_id e, int outward,
          zg_id through)
{
    if (*k == *cap) {
        size_t c = *cap * 2;
        link *p = c > *cap ? realloc(*l, c * sizeof **l) : NULL;
        if (p == NULL)
            return -1;
        *l = p;
        *cap = c;
    }
    (*l)[*k].x = x;
    (*l)[*k].e = e;
    (*l)[*k].outward = outward;
    (*l)[*k].through = through;
    (*k)++;
    return 0;
}

/*
 * Collect into `*out` (malloc'd, `*n` entries, sorted) the relations of
 * `v` the walk allows to visible neighbours of allowed types other than
 * `a` and `b`; with `up` (may be NULL), a relation other than a broader
 * one also links `v` to every node its neighbour is narrower than. -1
 * when out of memory.
 */
static int
collect_links(const walk *w, zg_id v, zg_id a, zg_id b, zg_broader *up,
              link **out, size_t *n)
{
    const zg_graph *g = w->g;
    zg_adjacency adj[2] = {zg_graph_adjacency(g, v, 0),
                           zg_graph_adjacency(g, v, 1)};
    size_t k = 0, cap = adj[0].count + adj[1].count;
    link *l;

    cap = cap ? cap : 1;
    l = malloc(cap * sizeof *l);

    *out = l;
    *n = 0;
    if (l == NULL)
        return -1;
    if (up != NULL)
        zg_broader__round(up); /* each broader node once for `v` */
    for (int outward = 1; outward >= 0; outward--) {
        zg_id id, x;
        while (zg_graph_adj_next(&adj[outward], &id, &x)) {
            const zg_id *ups;
            size_t nup;
            if (!walk_edge(w, id))
                continue;
            if (may_share(w, x, a, b) &&
                push_link(&l, &k, &cap, x, id, outward, ZG_NO_ID) != 0)
                goto oom;
            if (up == NULL || zg_graph_edge_type(w->g, id) == up->rel ||
                !VIEW_NODE(w->view, x))
                continue;
            nup = zg_broader__up(up, x, &ups);
            for (size_t j = 0; j < nup; j++)
                if (may_share(w, ups[j], a, b) &&
                    push_link(&l, &k, &cap, ups[j], id, outward, x) != 0)
                    goto oom;
        }
    }
    qsort(l, k, sizeof *l, link_cmp);
    *out = l;
    *n = k;
    return 0;
oom:
    free(l);
    *out = NULL;
    return -1;
}

/* Append the one-language clause saying that `narrow` is narrower than
 * `broad` ("智慧金融属于金融。" with the broader relation's verb). */
static void
put_narrower(zg_strbuf *sb, const zg_graph *g, const zg_broader *up,
             zg_id narrow, zg_id broad, int en)
{
    size_t start = sb->len;

    sb_put(sb, en ? " " : "");
    sb_put(sb, label(g, narrow, en));
    if (en)
        sb_put(sb, " ");
    put_verb(sb, g, up->rel, en);
    if (en)
        sb_put(sb, " ");
    sb_put(sb, label(g, broad, en));
    sb_put(sb, en ? "." : "。");
    if (en)
        capitalise(sb, start + 1);
}

/* Append the one-language sentence of a shared row: as put_shared() when
 * both links reach `x` directly, else each link's sentence followed by
 * the narrower-broader step it went through. */
static void
put_row_sentence(zg_strbuf *sb, const zg_graph *g, const zg_broader *up,
                 zg_id a, zg_id b, zg_id x, const link *pa, const link *pb,
                 int en)
{
    if (pa->through == ZG_NO_ID && pb->through == ZG_NO_ID) {
        put_shared(sb, g, a, b, x, pa->e, pa->outward, pb->e, pb->outward, en);
        return;
    }
    put_sentence(sb, g, pa->e, en);
    if (pa->through != ZG_NO_ID)
        put_narrower(sb, g, up, pa->through, x, en);
    if (en)
        sb_put(sb, " ");
    put_sentence(sb, g, pb->e, en);
    if (pb->through != ZG_NO_ID)
        put_narrower(sb, g, up, pb->through, x, en);
}

/*
 * The rows of zg_query_common() into `r`, within `budget`, and what it
 * left out into `trunc` (may be NULL); `*n_nodes` (may be NULL) gets the
 * number of shared nodes. The shared nodes are found by merging the two
 * sorted relation lists and sorted; the rows, one per pair of relations
 * to a node, are made from them one at a time, so memory stays linear in
 * the degrees however many pairs there are.
 */
static zg_status
common_rows(const zg_graph *g, zg_id a, zg_id b, const zg_common_opts *opt,
            const zg_budget *budget, zg_result *r, zg_truncation *trunc,
            size_t *n_nodes, zg_error *err)
{
    zg_budget bud = zg_budget__resolve(budget, g);
    size_t na = 0, nb = 0, ns = 0, total = 0, bytes = 0;
    link *la = NULL, *lb = NULL;
    shared_node *sn = NULL;
    int more = 0;
    zg_broader up;
    walk w;
    zg_status st;

    if (trunc != NULL)
        memset(trunc, 0, sizeof *trunc);
    if (n_nodes != NULL)
        *n_nodes = 0;
    memset(&up, 0, sizeof up);
    ZG_TRY(zg_walk__init(&w, g, &opt->filter, 1, 0, err));
    st = zg_walk__where(&w, opt->where, opt->n_where, err);
    if (st == ZG_OK && opt->broader)
        st = zg_broader__init(&up, g, opt->filter.view, err);
    if (st != ZG_OK)
        goto out;
    if ((VIEW_NODE(opt->filter.view, a) && VIEW_NODE(opt->filter.view, b)) &&
        (collect_links(&w, a, a, b, opt->broader ? &up : NULL, &la, &na) != 0 ||
         collect_links(&w, b, a, b, opt->broader ? &up : NULL, &lb, &nb) !=
             0)) {
        st = zg_query__nomem(err);
        goto out;
    }
    sn = malloc((na < nb ? na : nb) * sizeof *sn + 1);
    if (sn == NULL) {
        st = zg_query__nomem(err);
        goto out;
    }
    /* Merge the two sorted lists: each node in both is shared. */
    for (size_t i = 0, j = 0; i < na && j < nb;) {
        size_t i2 = i, j2 = j, pairs;
        if (la[i].x != lb[j].x) {
            if (la[i].x < lb[j].x)
                i++;
            else
                j++;
            continue;
        }
        while (i2 < na && la[i2].x == la[i].x)
            i2++;
        while (j2 < nb && lb[j2].x == lb[j].x)
            j2++;
        sn[ns].x = la[i].x;
        sn[ns].type = zg_graph_node(g, la[i].x)->type;
        sn[ns].key = zg_graph_node(g, la[i].x)->key;
        sn[ns].a0 = i;
        sn[ns].a1 = i2;
        sn[ns].b0 = j;
        sn[ns].b1 = j2;
        ns++;
        pairs = (i2 - i) * (j2 - j); /* at most m^2 / 4: no overflow */
        if (total > SIZE_MAX - pairs)
            more = 1;
        total = more ? SIZE_MAX : total + pairs;
        i = i2;
        j = j2;
    }
    if (ns > 0)
        qsort(sn, ns, sizeof *sn, shared_cmp);
    if (n_nodes != NULL)
        *n_nodes = ns;
    st = ZG_OK;
    for (size_t k = 0; st == ZG_OK && k < ns; k++) {
        for (size_t p = sn[k].a0; st == ZG_OK && p < sn[k].a1; p++) {
            for (size_t q = sn[k].b0; st == ZG_OK && q < sn[k].b1; q++) {
                const link *pa = &la[p], *pb = &lb[q];
                zg_strbuf sb = {NULL, 0, 0, 0};
                zg_value row[17];
                size_t need, c = 0;
                char *text, *props_a = NULL, *props_b = NULL;
                zg_edge_info ea, eb;
                zg_limit stop = ZG_LIMIT_NONE;
                zg_graph_edge_get(g, pa->e, &ea);
                zg_graph_edge_get(g, pb->e, &eb);
                if (zg_result_rows(r) >= bud.max_rows)
                    stop = ZG_LIMIT_ROWS;
                if (stop == ZG_LIMIT_NONE) {
                    if (opt->lang != ZG_LABEL_EN)
                        put_row_sentence(&sb, g, &up, a, b, sn[k].x, pa, pb, 0);
                    if (opt->lang == ZG_LABEL_BOTH)
                        sb_put(&sb, " / ");
                    if (opt->lang != ZG_LABEL_ZH)
                        put_row_sentence(&sb, g, &up, a, b, sn[k].x, pa, pb, 1);
                    text = zg_strbuf_take(&sb);
                    if (text == NULL ||
                        zg_query__edge_props(g, opt->filter.view, pa->e,
                                             &props_a, err) != ZG_OK ||
                        zg_query__edge_props(g, opt->filter.view, pb->e,
                                             &props_b, err) != ZG_OK) {
                        free(text);
                        free(props_a);
                        st = zg_query__nomem(err);
                        break;
                    }
                    row[c++] =
                        zg_query__str(zg_graph_nodetype(g, sn[k].type)->name);
                    row[c++] = zg_query__node(sn[k].x);
                    row[c++] =
                        zg_query__str(zg_graph_reltype(g, ea.type)->name);
                    row[c++] = zg_query__str(pa->outward ? "out" : "in");
                    row[c++] =
                        zg_query__str(zg_graph_reltype(g, eb.type)->name);
                    row[c++] = zg_query__str(pb->outward ? "out" : "in");
                    row[c++] = zg_query__str(props_a);
                    row[c++] = zg_query__str(props_b);
                    if (opt->broader) {
                        row[c++] = pa->through == ZG_NO_ID
                                       ? zg_query__null()
                                       : zg_query__node(pa->through);
                        row[c++] = pb->through == ZG_NO_ID
                                       ? zg_query__null()
                                       : zg_query__node(pb->through);
                    }
                    row[c++] = zg_query__str(text);
                    if (opt->evidence) {
                        row[c++] = zg_query__str(ea.source);
                        row[c++] = zg_query__str(ea.evidence);
                        row[c++] = zg_query__str(eb.source);
                        row[c++] = zg_query__str(eb.evidence);
                    }
                    row[c++] = zg_query__edge(pa->e);
                    row[c++] = zg_query__edge(pb->e);
                    need = zg_query__row_bytes(row, zg_result_cols(r));
                    if (need > bud.max_bytes || bytes > bud.max_bytes - need)
                        stop = ZG_LIMIT_BYTES;
                    else
                        st = zg_result_add_row(r, row, err);
                    bytes += need;
                    free(text);
                    free(props_a);
                    free(props_b);
                }
                if (stop != ZG_LIMIT_NONE) {
                    if (trunc != NULL) {
                        trunc->by = stop;
                        trunc->limit = stop == ZG_LIMIT_ROWS ? bud.max_rows
                                                             : bud.max_bytes;
                        trunc->rows = total;
                        trunc->more = more;
                    }
                    goto out;
                }
            }
        }
    }
out:
    free(la);
    free(lb);
    free(sn);
    zg_broader__free(&up);
    zg_walk__free(&w);
    return st;
}

/* Fill `cols` (17 at most) with the column names of a common answer
 * with options `opt`, and `kinds` with what they hold; returns how many.
 * Rows are built with every edge cell, of which the result takes what it
 * has columns for. */
static size_t
common_columns(const zg_common_opts *opt, const char **cols, zg_col_kind *kinds)
{
    size_t n = 0;

    for (size_t c = 0; c < 17; c++)
        kinds[c] = ZG_COL_ANY;
    cols[n++] = "type";
    kinds[n] = ZG_COL_NODE;
    cols[n++] = "node";
    cols[n++] = "relation_a";
    cols[n++] = "direction_a";
    cols[n++] = "relation_b";
    cols[n++] = "direction_b";
    cols[n++] = "props_a";
    cols[n++] = "props_b";
    if (opt->broader) {
        kinds[n] = ZG_COL_NODE;
        cols[n++] = "through_a";
        kinds[n] = ZG_COL_NODE;
        cols[n++] = "through_b";
    }
    cols[n++] = "sentence";
    if (opt->evidence) {
        cols[n++] = "source_a";
        cols[n++] = "evidence_a";
        cols[n++] = "source_b";
        cols[n++] = "evidence_b";
    }
    if (opt->edge_column) {
        kinds[n] = ZG_COL_EDGE;
        cols[n++] = "edge_a";
        kinds[n] = ZG_COL_EDGE;
        cols[n++] = "edge_b";
    }
    return n;
}

/* The shared neighbours of two nodes (see zg_query.h). */
zg_status
zg_query_common(const zg_graph *g, zg_id a, zg_id b, const zg_common_opts *opt,
                zg_result **out, zg_error *err)
{
    static const zg_common_opts defaults;
    const char *cols[17];
    zg_col_kind kinds[17];
    size_t nn = zg_graph_node_count(g), ncols;
    zg_result *r = NULL;
    zg_status st;

    *out = NULL;
    if (opt == NULL)
        opt = &defaults;
    if (opt->truncation != NULL)
        memset(opt->truncation, 0, sizeof *opt->truncation);
    if (a >= nn || b >= nn)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "node id %lu out of range",
                            (unsigned long)(a >= nn ? a : b));
    ZG_TRY(zg_query__filter_check(&opt->filter,
                                  ZG_FILTER__RELS | ZG_FILTER__TYPES, err));
    ncols = common_columns(opt, cols, kinds);
    st = zg_result_new_kinds(&r, g, ncols, cols, kinds, err);
    if (st == ZG_OK) {
        zg_result_set_view(r, opt->filter.view);
        st = common_rows(g, a, b, opt, &opt->budget, r, opt->truncation, NULL,
                         err);
    }
    if (st != ZG_OK) {
        zg_result_free(r);
        return st;
    }
    *out = r;
    return ZG_OK;
}

/* ---- relate ---- */

/* Free the results of an answer and zero it. Accepts NULL. */
void
zg_relate_answer_free(zg_relate_answer *ans)
{
    if (ans == NULL)
        return;
    zg_result_free(ans->summary);
    zg_result_free(ans->direct);
    zg_result_free(ans->shared);
    zg_result_free(ans->paths);
    memset(ans, 0, sizeof *ans);
}

/*
 * The relations between `a` and `b` the walk allows: rows of direction,
 * relation, sentence, basis, source, evidence, edge. Marks each edge in
 * `between` (all relations between them, allowed or not, so the path
 * search can leave them out).
 */
static zg_status
direct_rows(const walk *w, zg_id a, zg_id b, zg_label_lang lang,
            int edge_column, unsigned char *between, zg_result **out,
            zg_error *err)
{
    static const char *const cols[] = {"direction", "relation", "sentence",
                                       "basis",     "source",   "props",
                                       "evidence",  "edge"};
    const zg_graph *g = w->g;
    zg_result *r = NULL;
    zg_status st;

    st = zg_result_new(&r, g, edge_column ? 8 : 7, cols, err);
    if (st == ZG_OK && edge_column)
        st = zg_result_set_col_kind(r, 7, ZG_COL_EDGE, err);
    if (st == ZG_OK)
        zg_result_set_view(r, w->view);
    for (int outward = 1; st == ZG_OK && outward >= 0; outward--) {
        zg_adjacency adj = zg_graph_adjacency(g, a, outward);
        zg_id id, far;
        while (st == ZG_OK && zg_graph_adj_next(&adj, &id, &far)) {
            zg_value row[8];
            zg_edge_info e;
            char *text, *props = NULL;
            if (far != b)
                continue;
            between[id] = 1;
            if (!walk_edge(w, id))
                continue;
            text = zg_edge_sentence(g, id, lang);
            if (text == NULL ||
                zg_query__edge_props(g, w->view, id, &props, err) != ZG_OK) {
                free(text);
                st = zg_query__nomem(err);
                break;
            }
            zg_graph_edge_get(g, id, &e);
            row[0] = zg_query__str(outward ? "out" : "in");
            row[1] = zg_query__str(zg_graph_reltype(g, e.type)->name);
            row[2] = zg_query__str(text);
            row[3] = zg_query__str(zg_basis_name(e.basis));
            row[4] = zg_query__str(e.source);
            row[5] = zg_query__str(props);
            row[6] = zg_query__str(e.evidence);
            row[7] = zg_query__edge(id);
            st = zg_result_add_row(r, row, err);
            free(text);
            free(props);
        }
    }
    if (st != ZG_OK) {
        zg_result_free(r);
        return st;
    }
    *out = r;
    return ZG_OK;
}

/* Lists paths as rows of sentences: path, hop, sentence, basis, source,
 * evidence [, edge]. */
typedef struct sentence_sink {
    zg_path_sink base; /* first, so a sink pointer is a sentence_sink one */
    const zg_graph *g;
    const zg_view *view; /* what relation properties show, or NULL */
    zg_label_lang lang;
    zg_result *r;
    size_t bytes, max_bytes;
} sentence_sink;

/* Add the rows of one path, when they fit the bytes budget (see
 * zg_path_sink). The sentences are made twice (once to measure) rather
 * than held, so a path costs only its own rows. */
static zg_status
sentence_sink_add(zg_path_sink *sk, size_t no, unsigned len, const zg_id *nodes,
                  const zg_id *edges, zg_error *err)
{
    sentence_sink *ss = (sentence_sink *)sk;
    const zg_graph *g = ss->g;
    size_t ncols = zg_result_cols(ss->r), need = 0;
    zg_status st = ZG_OK;

    (void)nodes;
    for (int pass = no > 1 ? 0 : 1; st == ZG_OK && pass < 2; pass++) {
        if (pass == 1 && need > 0 &&
            (need > ss->max_bytes || ss->bytes > ss->max_bytes - need))
            return ZG_ERR_LIMIT;
        for (unsigned h = 0; st == ZG_OK && h < len; h++) {
            zg_edge_info ei;
            zg_value row[8];
            char *props = NULL, *text = zg_edge_sentence(g, edges[h], ss->lang);
            if (text == NULL || zg_query__edge_props(g, ss->view, edges[h],
                                                     &props, err) != ZG_OK) {
                free(text);
                return zg_query__nomem(err);
            }
            row[0] = zg_query__int((long long)no);
            row[1] = zg_query__int((long long)h + 1);
            row[2] = zg_query__str(text);
            zg_graph_edge_get(g, edges[h], &ei);
            row[3] = zg_query__str(zg_basis_name(ei.basis));
            row[4] = zg_query__str(ei.source);
            row[5] = zg_query__str(props);
            row[6] = zg_query__str(ei.evidence);
            row[7] = zg_query__edge(edges[h]);
            if (pass == 0) {
                need += zg_query__row_bytes(row, ncols);
            } else {
                st = zg_result_add_row(ss->r, row, err);
                ss->bytes += zg_query__row_bytes(row, ncols);
            }
            free(text);
            free(props);
        }
    }
    return st;
}

/* The columns type, node, props_a, props_b, sentence [, edge_a, edge_b]
 * of a common result (whose sentence says the relations and directions
 * already). */
static zg_status
shared_sentences(const zg_graph *g, const zg_result *c, int edge_column,
                 zg_result **out, zg_error *err)
{
    static const char *const cols[] = {
        "type", "node", "props_a", "props_b", "sentence", "edge_a", "edge_b"};
    /* The columns of common_columns() without broader and evidence. */
    static const size_t pick[] = {0, 1, 6, 7, 8, 9, 10};
    static const zg_col_kind kinds[] = {ZG_COL_ANY, ZG_COL_NODE, ZG_COL_ANY,
                                        ZG_COL_ANY, ZG_COL_ANY,  ZG_COL_EDGE,
                                        ZG_COL_EDGE};
    zg_result *r = NULL;
    zg_status st;

    st = zg_result_new_kinds(&r, g, edge_column ? 7 : 5, cols, kinds, err);
    for (size_t i = 0; st == ZG_OK && i < zg_result_rows(c); i++) {
        zg_value row[7];
        for (size_t k = 0; k < zg_result_cols(r); k++)
            row[k] = *zg_result_cell(c, i, pick[k]);
        st = zg_result_add_row(r, row, err);
    }
    if (st != ZG_OK) {
        zg_result_free(r);
        return st;
    }
    *out = r;
    return ZG_OK;
}

/* The labels of the hubs a search avoided, joined by ", " (NULL when
 * none); "…" ends the list when there were more than it holds. */
static char *
hub_list(const zg_graph *g, const zg_path_info *info, zg_label_lang lang,
         int *oom)
{
    zg_strbuf b = {NULL, 0, 0, 0};
    size_t n = info->n_hubs < 8 ? info->n_hubs : 8;

    *oom = 0;
    if (n == 0)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            sb_put(&b, ", ");
        sb_put(&b, label(g, info->hubs[i], lang == ZG_LABEL_EN));
    }
    if (info->n_hubs > n)
        sb_put(&b, ", …");
    *oom = b.oom;
    return zg_strbuf_take(&b);
}

/* Everything that links two nodes (see zg_query.h). */
zg_status
zg_query_relate(const zg_graph *g, zg_id a, zg_id b, const zg_relate_opts *opt,
                zg_relate_answer *out, zg_error *err)
{
    static const char *const cols[] = {"a",           "b",           "direct",
                                       "shared",      "distance",    "paths",
                                       "path_length", "hubs_avoided"};
    static const char *const pcols[] = {"path",   "hop",   "sentence", "basis",
                                        "source", "props", "evidence", "edge"};
    const char *ccols[17];
    zg_col_kind ckinds[17];
    static const zg_relate_opts defaults;
    size_t nn = zg_graph_node_count(g), ne = zg_graph_edge_count(g),
           nshared = 0;
    unsigned char *between = NULL;
    zg_common_opts copt;
    zg_path_opts popt;
    zg_filter rels_only;
    zg_path_info *info = &out->path_info;
    sentence_sink ss;
    zg_result *shared = NULL;
    zg_value row[8];
    char *hubs = NULL, more[64];
    walk w;
    int oom;
    zg_status st;

    memset(out, 0, sizeof *out);
    memset(&w, 0, sizeof w);
    if (opt == NULL)
        opt = &defaults;
    if (a >= nn || b >= nn)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "node id %lu out of range",
                            (unsigned long)(a >= nn ? a : b));
    if (a == b)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "relate needs two different entities");
    ZG_TRY(zg_query__filter_check(&opt->filter,
                                  ZG_FILTER__RELS | ZG_FILTER__TYPES, err));
    between = calloc(ne ? ne : 1, 1);
    if (between == NULL)
        return zg_query__nomem(err);
    /* The relations between a and b: node types are for the nodes
     * between them. */
    rels_only = opt->filter;
    rels_only.types = NULL;
    rels_only.n_types = 0;
    st = zg_walk__init(&w, g, &rels_only, 1, 0, err);
    if (st == ZG_OK)
        st = zg_walk__where(&w, opt->where, opt->n_where, err);
    if (st == ZG_OK)
        st = direct_rows(&w, a, b, opt->lang, opt->edge_column, between,
                         &out->direct, err);
    if (st != ZG_OK)
        goto out;

    memset(&copt, 0, sizeof copt);
    copt.filter = opt->filter;
    copt.lang = opt->lang;
    copt.edge_column = opt->edge_column;
    copt.where = opt->where;
    copt.n_where = opt->n_where;
    st = zg_result_new_kinds(&shared, g, common_columns(&copt, ccols, ckinds),
                             ccols, ckinds, err);
    if (st == ZG_OK)
        st = common_rows(g, a, b, &copt, &opt->budget, shared,
                         &out->shared_truncation, &nshared, err);
    if (st == ZG_OK)
        st = shared_sentences(g, shared, opt->edge_column, &out->shared, err);
    if (st == ZG_OK)
        zg_result_set_view(out->shared, opt->filter.view);
    if (st != ZG_OK)
        goto out;

    memset(&popt, 0, sizeof popt);
    popt.filter = opt->filter;
    popt.max_len = opt->max_len;
    popt.all = 1;
    popt.max_paths = opt->max_paths ? opt->max_paths : 10;
    popt.through_hubs = opt->through_hubs;
    popt.hub_fan = opt->hub_fan;
    popt.banned_edges = between;
    popt.budget = opt->budget;
    popt.where = opt->where;
    popt.n_where = opt->n_where;
    memset(&ss, 0, sizeof ss);
    ss.base.add = sentence_sink_add;
    ss.g = g;
    ss.view = opt->filter.view;
    ss.lang = opt->lang;
    ss.max_bytes = zg_budget__resolve(&opt->budget, g).max_bytes;
    st = zg_result_new(&ss.r, g, opt->edge_column ? 8 : 7, pcols, err);
    if (st == ZG_OK && opt->edge_column)
        st = zg_result_set_col_kind(ss.r, 7, ZG_COL_EDGE, err);
    if (st == ZG_OK) {
        zg_result_set_view(ss.r, opt->filter.view);
        st = zg_paths__search(g, a, b, &popt, &ss.base, info, err);
    }
    out->paths = ss.r;
    if (st != ZG_OK)
        goto out;

    hubs = hub_list(g, info, opt->lang, &oom);
    if (oom) {
        st = zg_query__nomem(err);
        goto out;
    }
    st = zg_result_new(&out->summary, g, 8, cols, err);
    if (st == ZG_OK)
        st = zg_result_set_col_kind(out->summary, 0, ZG_COL_NODE, err);
    if (st == ZG_OK)
        st = zg_result_set_col_kind(out->summary, 1, ZG_COL_NODE, err);
    if (st != ZG_OK)
        goto out;
    row[0] = zg_query__node(a);
    row[1] = zg_query__node(b);
    row[2] = zg_query__int((long long)zg_result_rows(out->direct));
    row[3] = zg_query__int((long long)nshared);
    if (zg_result_rows(out->direct) > 0)
        row[4] = zg_query__int(1);
    else if (info->paths > 0)
        row[4] = zg_query__int(info->length);
    else
        row[4] = zg_query__null();
    if (info->total_more) {
        snprintf(more, sizeof more, "more than %llu", ZG_COUNT_MAX);
        row[5] = zg_query__str(more);
    } else {
        row[5] = zg_query__int((long long)info->total);
    }
    row[6] = info->paths > 0 ? zg_query__int(info->length) : zg_query__null();
    row[7] = zg_query__str(hubs);
    st = zg_result_add_row(out->summary, row, err);
out:
    if (st != ZG_OK)
        zg_relate_answer_free(out);
    zg_result_free(shared);
    zg_walk__free(&w);
    free(between);
    free(hubs);
    return st;
}
