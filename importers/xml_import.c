/* SPDX-License-Identifier: MIT */
/*
 * The zonegraph XML importer (doc/vocabulary.md).
 *
 * The import streams the input through libxml2's SAX2 push parser in 64 KiB
 * chunks: no tree is built, a DOCTYPE is refused from the internalSubset
 * callback before any entity can be declared, external entities are denied
 * by a loader installed for the duration of the call, and the network is
 * off. Each element is checked as it arrives (allowed children and
 * attributes, required attributes, enumerations, dates, numbers) and added
 * to the graph inside a transaction; relations are kept until the end of the
 * file so they may point at nodes defined later. The first error stops the
 * parser, is located at the start of the offending tag, and rolls the graph
 * back.
 *
 * The input is read once. The checks made here are those of the RelaxNG
 * schema (data/zonegraph.rng, the documented contract) and more; the test
 * tests/cli/schema.sh keeps the two in agreement on every test file.
 */
#include "zg_import.h"

#include "zg_arena.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern const char zg_schema_rng[]; /* generated: importers/schema_rng.c */

#define CHUNK 65536

#include "import_internal.h"
#include "zg_rules.h"
#include "zg_text.h"

/* ---- errors ---- */

const char zg_imp__failed_text[] = "";

/*
 * `s` made safe to print on one line, into out[size]: C0 controls and DEL
 * escaped as \n, \t, \r or \xHH, C1 controls (which some terminals obey)
 * as \uHHHH; cut at a code point boundary. Messages quote user text.
 */
static void
printable(char *out, size_t size, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;

    for (; *p; p++) {
        char esc[8];
        size_t k;
        if (*p < 0x20 || *p == 0x7f) {
            if (*p == '\n')
                snprintf(esc, sizeof esc, "\\n");
            else if (*p == '\t')
                snprintf(esc, sizeof esc, "\\t");
            else if (*p == '\r')
                snprintf(esc, sizeof esc, "\\r");
            else
                snprintf(esc, sizeof esc, "\\x%02X", *p);
        } else if (*p == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0) {
            snprintf(esc, sizeof esc, "\\u%04X", p[1]);
            p++;
        } else {
            /* a whole UTF-8 sequence (or a stray byte) at once */
            k = 1;
            if (*p >= 0xc0)
                while (k < 4 && (p[k] & 0xc0) == 0x80)
                    k++;
            if (n + k + 1 > size)
                break;
            memcpy(out + n, p, k);
            n += k;
            p += k - 1;
            continue;
        }
        k = strlen(esc);
        if (n + k + 1 > size)
            break;
        memcpy(out + n, esc, k);
        n += k;
    }
    out[n] = '\0';
}

/* ---- a checking import: every error, and warnings ----
 *
 * With im->diags set, an error goes to the list instead of ending the
 * parse. A content error (ZG_ERR_INVALID) sets im->soft: the element being
 * handled is then skipped with its content (K_SKIP), and what it declared
 * (a node, type, source, GraphML key) is remembered in im->skipped so that
 * references to it stay quiet. Any other error (malformed XML, a limit,
 * I/O, memory) and DOCTYPEs and entities (im->hard) end the parse as
 * before.
 */

/* The stable code of an error (documented in doc/zonegraph.1), from its
 * status and the program's own text: the format string, or a message of
 * the graph's with what it quotes left out. */
static const char *
error_code(zg_status st, const char *text)
{
    static const struct {
        const char *part, *code;
    } table[] = {
        {"duplicate", "duplicate"},
        {"appears twice", "duplicate"},
        {"given twice", "duplicate"},
        {"declared twice", "duplicate"},
        {"two <default>s", "duplicate"},
        {"a second <graph>", "duplicate"},
        {"conflicts with", "conflict"},
        {"declared differently", "conflict"},
        {"is not allowed from", "type"},
        {"allows no", "type"},
        {"names unknown node type", "reference"},
        {"unknown shape", "value"},
        {"unknown element <", "reference"},
        {"unknown node", "reference"},
        {"unknown source", "reference"},
        {"unknown relation type", "reference"},
        {"unknown endpoint", "reference"},
        {"no <key> has that id", "reference"},
        {"has no attribute", "attribute"},
        {"missing required attribute", "attribute"},
        {"not a date", "value"},
        {"is before", "value"},
        {"must be ", "value"},
        {"is not a", "value"},
        {"is not %s", "value"},
        {"is not of the form", "value"},
        {"is not one or more", "value"},
        {"is empty", "value"},
        {"unsupported version", "value"},
        {"unknown", "value"},
    };

    switch (st) {
    case ZG_ERR_PARSE: return "xml";
    case ZG_ERR_LIMIT: return "limit";
    case ZG_ERR_IO: return "io";
    case ZG_ERR_NOMEM: return "memory";
    default: break;
    }
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (strstr(text, table[i].part))
            return table[i].code;
    return "structure";
}

/* The code of an error reported with format `fmt` as `msg`. Messages
 * quote what the file says, which must not choose the code: the format
 * decides, or for a message passed on whole ("%s", the graph's), the
 * message without its quotations ('...'; the one unquoted form,
 * "duplicate relation A -[T]-> B", starts with its kind). */
static const char *
code_of(zg_status st, const char *fmt, const char *msg)
{
    char plain[512];
    size_t n = 0;
    int quoted = 0;

    if (strcmp(fmt, "%s") != 0)
        return error_code(st, fmt);
    if (st == ZG_ERR_INVALID && strncmp(msg, "duplicate ", 10) == 0)
        return "duplicate";
    for (; *msg && n + 1 < sizeof plain; msg++) {
        if (*msg == '\'')
            quoted = !quoted;
        else if (!quoted)
            plain[n++] = *msg;
    }
    plain[n] = '\0';
    return error_code(st, plain);
}

static void
diag_error(imp *im, zg_status st, pos at, const char *msg, const char *code)
{
    int soft = st == ZG_ERR_INVALID && !im->hard;

    if (zg_diags_add(im->diags, ZG_SEVERITY_ERROR, st, code, at.line, at.col,
                     msg) != ZG_OK) {
        st = ZG_ERR_NOMEM;
        soft = 0;
        zg_error_set(im->err, st, im->name, at.line, at.col, "out of memory");
    }
    im->n_errors++;
    if (soft) {
        im->soft = 1;
        return;
    }
    im->st = st;
    if (im->ctxt)
        xmlStopParser(im->ctxt);
}

/* ---- string maps ---- */

static uint64_t
map_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Put `key` (borrowed) -> `val`; a key put again is marked several.
 * Returns 0 when out of memory. */
static int
map_put(zg_imp__map *m, const char *key, zg_id val)
{
    size_t i;

    if (2 * (m->n + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 64;
        struct zg_imp__ment *t = calloc(cap, sizeof *t);
        if (t == NULL)
            return 0;
        for (size_t j = 0; j < m->cap; j++) {
            if (m->t[j].key == NULL)
                continue;
            for (i = map_hash(m->t[j].key) & (cap - 1); t[i].key;
                 i = (i + 1) & (cap - 1))
                ;
            t[i] = m->t[j];
        }
        free(m->t);
        m->t = t;
        m->cap = cap;
    }
    for (i = map_hash(key) & (m->cap - 1); m->t[i].key;
         i = (i + 1) & (m->cap - 1))
        if (strcmp(m->t[i].key, key) == 0) {
            m->t[i].several |= m->t[i].val != val;
            return 1;
        }
    m->t[i].key = key;
    m->t[i].val = val;
    m->t[i].several = 0;
    m->n++;
    return 1;
}

static const struct zg_imp__ment *
map_get(const zg_imp__map *m, const char *key)
{
    if (m == NULL || m->cap == 0)
        return NULL;
    for (size_t i = map_hash(key) & (m->cap - 1); m->t[i].key;
         i = (i + 1) & (m->cap - 1))
        if (strcmp(m->t[i].key, key) == 0)
            return &m->t[i];
    return NULL;
}

static void
map_free(zg_imp__map *m)
{
    if (m == NULL)
        return;
    free(m->t);
    m->t = NULL;
    m->cap = m->n = 0;
}

void
zg_imp__skip_add(imp *im, char cat, const char *name)
{
    char *k;
    size_t n;

    if (im->diags == NULL || name == NULL)
        return;
    if (im->skipped == NULL &&
        (im->skipped = calloc(1, sizeof *im->skipped)) == NULL)
        return; /* only more consequences get reported */
    n = strlen(name);
    k = zg_arena_alloc(&im->mem, n + 2);
    if (k == NULL)
        return;
    k[0] = cat;
    memcpy(k + 1, name, n + 1);
    map_put(im->skipped, k, 0);
}

int
zg_imp__skipped(const imp *im, char cat, const char *name)
{
    size_t n = strlen(name);
    char *buf;
    int found;

    if (im->skipped == NULL || (buf = malloc(n + 2)) == NULL)
        return 0;
    buf[0] = cat;
    memcpy(buf + 1, name, n + 1);
    found = map_get(im->skipped, buf) != NULL;
    free(buf);
    return found;
}

void
zg_imp__skip_quietly(imp *im)
{
    if (im->diags)
        im->soft = 1;
}

typedef struct wsource {
    const char *id;
    pos at;
} wsource;

typedef struct walias {
    zg_id node;
    const char *text;
    pos at;
} walias;

/* Grow *items (of `size` bytes each) to hold one more; 0 when out of
 * memory (then the warning is reported as an error). */
static int
grow_one(void **items, size_t *cap, size_t n, size_t size)
{
    void *p;
    size_t c;

    if (n < *cap)
        return 1;
    c = *cap ? 2 * *cap : 64;
    if ((p = realloc(*items, c * size)) == NULL)
        return 0;
    *items = p;
    *cap = c;
    return 1;
}

void
zg_imp__note_source(imp *im, const char *id, pos at)
{
    if (im->diags == NULL)
        return;
    if (!grow_one((void **)&im->sources, &im->cap_sources, im->n_sources,
                  sizeof *im->sources)) {
        zg_imp__fail_at(im, ZG_ERR_NOMEM, at, "out of memory");
        return;
    }
    im->sources[im->n_sources].id = id;
    im->sources[im->n_sources++].at = at;
}

static void
note_alias(imp *im, zg_id node, const palias *a)
{
    if (im->diags == NULL)
        return;
    if (!grow_one((void **)&im->aliases, &im->cap_aliases, im->n_aliases,
                  sizeof *im->aliases)) {
        zg_imp__fail_at(im, ZG_ERR_NOMEM, a->at, "out of memory");
        return;
    }
    im->aliases[im->n_aliases].node = node;
    im->aliases[im->n_aliases].text = a->text;
    im->aliases[im->n_aliases++].at = a->at;
}

/* Each id of the space-separated list `v` into `m`. */
static int
cite_all(imp *im, zg_imp__map *m, const char *v)
{
    while (v && *v) {
        size_t n;
        char *id;
        v += strspn(v, " \t\r\n");
        n = strcspn(v, " \t\r\n");
        if (n == 0)
            break;
        if ((id = zg_arena_strndup(&im->mem, v, n)) == NULL ||
            !map_put(m, id, 0))
            return 0;
        v += n;
    }
    return 1;
}

void
zg_imp__cite(imp *im, const char *v)
{
    if (im->diags == NULL || v == NULL)
        return;
    if ((im->cited == NULL &&
         (im->cited = calloc(1, sizeof *im->cited)) == NULL) ||
        !cite_all(im, im->cited, v))
        zg_imp__fail_at(im, ZG_ERR_NOMEM, zg_imp__here(im), "out of memory");
}

/* Note the sources the properties `p` cite (a checking import), for
 * warn_unused_sources(): the graph's own records of them are only
 * readable after the commit. */
static void
cite_props(imp *im, const pprop *p)
{
    if (im->diags == NULL)
        return;
    if (im->cited == NULL && (im->cited = calloc(1, sizeof *im->cited)) == NULL)
        goto oom;
    for (; p; p = p->next)
        if (!cite_all(im, im->cited, p->p.source))
            goto oom;
    return;
oom:
    zg_imp__fail_at(im, ZG_ERR_NOMEM, zg_imp__here(im), "out of memory");
}

/* The sources declared and cited over several checking imports. */
struct zg_source_uses {
    zg_arena mem;       /* the ids */
    zg_imp__map cited;  /* ids cited -> the last file citing them */
    struct udecl {      /* declarations, in order */
        const char *id; /* in mem */
        unsigned file;
        pos at;
    } * decl;
    size_t n, cap;
};

zg_status
zg_source_uses_new(zg_source_uses **out)
{
    *out = calloc(1, sizeof **out);
    if (*out == NULL)
        return ZG_ERR_NOMEM;
    zg_arena_init(&(*out)->mem);
    return ZG_OK;
}

void
zg_source_uses_free(zg_source_uses *u)
{
    if (u == NULL)
        return;
    map_free(&u->cited);
    free(u->decl);
    zg_arena_free(&u->mem);
    free(u);
}

zg_status
zg_source_uses_report(const zg_source_uses *u, unsigned file, zg_diags *d)
{
    for (size_t i = 0; i < u->n; i++) {
        char raw[512], msg[512];
        const struct zg_imp__ment *c = map_get(&u->cited, u->decl[i].id);
        /* a file cites the sources of itself and of earlier files only */
        if (u->decl[i].file != file || (c && c->val >= file))
            continue;
        snprintf(raw, sizeof raw,
                 "source '%s' is declared but nothing cites it", u->decl[i].id);
        printable(msg, sizeof msg, raw);
        if (zg_diags_add(d, ZG_SEVERITY_WARNING, ZG_OK, "unused-source",
                         u->decl[i].at.line, u->decl[i].at.col, msg) != ZG_OK)
            return ZG_ERR_NOMEM;
    }
    zg_diags_sort(d);
    return ZG_OK;
}

/* Add the sources this import declared and cited to `u`; 0 when out of
 * memory. */
static int
uses_add(imp *im, zg_source_uses *u, const zg_imp__map *cited)
{
    zg_id file = im->diags->file;

    for (size_t i = 0; cited && i < cited->cap; i++) {
        const struct zg_imp__ment *c;
        char *id;
        if (cited->t[i].key == NULL)
            continue;
        if ((c = map_get(&u->cited, cited->t[i].key)) != NULL) {
            /* files come in order: this one is the last */
            u->cited.t[c - u->cited.t].val = file;
            continue;
        }
        if ((id = zg_arena_strdup(&u->mem, cited->t[i].key)) == NULL ||
            !map_put(&u->cited, id, file))
            return 0;
    }
    for (size_t i = 0; i < im->n_sources; i++) {
        if (!grow_one((void **)&u->decl, &u->cap, u->n, sizeof *u->decl) ||
            (u->decl[u->n].id = zg_arena_strdup(&u->mem, im->sources[i].id)) ==
                NULL)
            return 0;
        u->decl[u->n].file = im->diags->file;
        u->decl[u->n++].at = im->sources[i].at;
    }
    return 1;
}

/* Warn about sources declared in this file that nothing in the graph, nor
 * an element of this file refused with an error, cites; or, when the
 * caller collects them over several files (diags->uses), add the
 * declarations and citations there. */
static void
warn_unused_sources(imp *im)
{
    zg_imp__map none = {0}, *cited = im->cited ? im->cited : &none;
    const zg_graph *g = im->g;
    zg_source_uses *u = im->diags->uses;
    int ok = 1;

    if (im->n_sources == 0 && u == NULL)
        return;
    for (zg_id n = 0; ok && n < zg_graph_node_count(g); n++)
        ok = cite_all(im, cited, zg_graph_node(g, n)->sources);
    for (zg_id e = 0; ok && e < zg_graph_edge_count(g); e++) {
        zg_edge_info x;
        zg_graph_edge_get(g, e, &x);
        ok = cite_all(im, cited, x.source);
    }
    if (ok && u)
        ok = uses_add(im, u, cited);
    if (!ok)
        zg_imp__fail_at(im, ZG_ERR_NOMEM, zg_imp__here(im), "out of memory");
    for (size_t i = 0; ok && u == NULL && i < im->n_sources; i++)
        if (map_get(cited, im->sources[i].id) == NULL)
            zg_imp__warn(im, im->sources[i].at, "unused-source",
                         "source '%s' is declared but nothing cites it",
                         im->sources[i].id);
    map_free(&none);
}

/* Warn about aliases added by this file that are, folded as lookup folds
 * them, the name of another node. */
static void
warn_alias_names(imp *im)
{
    zg_imp__map names = {0};
    zg_folder *f = NULL;
    zg_error e = {0};
    const zg_graph *g = im->g;
    char **folded = NULL;
    size_t nn = zg_graph_node_count(g);

    if (im->n_aliases == 0)
        return;
    /* Comparing as lookup compares needs the folding tables, which only
     * this check loads during a validation: when they cannot be loaded,
     * the check cannot be made, and that is an error, not a silence. */
    if (zg_folder_new(&f, &e) != ZG_OK) {
        if (e.status == ZG_ERR_NOMEM)
            goto oom;
        zg_imp__fail_at(im, e.status, zg_imp__here(im),
                        "cannot compare aliases with names: %s", e.msg);
        goto out;
    }
    folded = calloc(nn ? nn : 1, sizeof *folded);
    if (folded == NULL)
        goto oom;
    for (zg_id n = 0; n < nn; n++) {
        const char *name = zg_graph_node(g, n)->name;
        zg_error_clear(&e);
        if (zg_fold(f, name, strlen(name), &folded[n], &e) != ZG_OK) {
            if (e.status == ZG_ERR_NOMEM)
                goto oom;
            continue; /* the graph checked it; nothing to compare with */
        }
        if (!map_put(&names, folded[n], n))
            goto oom;
    }
    for (size_t i = 0; i < im->n_aliases; i++) {
        const walias *a = &im->aliases[i];
        const struct zg_imp__ment *m;
        char *k = NULL;
        zg_id other;
        zg_error_clear(&e);
        if (zg_fold(f, a->text, strlen(a->text), &k, &e) != ZG_OK) {
            if (e.status == ZG_ERR_NOMEM)
                goto oom;
            continue;
        }
        m = map_get(&names, k);
        free(k);
        if (m == NULL || (m->val == a->node && !m->several))
            continue;
        other = m->val;
        if (other == a->node) /* several: find another one */
            for (zg_id n = 0; n < nn; n++)
                if (n != a->node && folded[n] &&
                    strcmp(folded[n], m->key) == 0) {
                    other = n;
                    break;
                }
        zg_imp__warn(im, a->at, "alias-is-name",
                     "alias '%s' of node '%s' is the name of node '%s'",
                     a->text, zg_graph_node(g, a->node)->key,
                     zg_graph_node(g, other)->key);
    }
    goto out;
oom:
    zg_imp__fail_at(im, ZG_ERR_NOMEM, zg_imp__here(im), "out of memory");
out:
    if (folded)
        for (zg_id n = 0; n < nn; n++)
            free(folded[n]);
    free(folded);
    map_free(&names);
    zg_folder_free(f);
}

void
zg_imp__fail_at(imp *im, zg_status st, pos at, const char *fmt, ...)
{
    char raw[512], msg[512];
    va_list ap;
    size_t n;

    if (im->st != ZG_OK)
        return;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    /* a cut-off quotation must not end inside a UTF-8 sequence */
    n = strlen(raw);
    if (n == sizeof raw - 1) {
        size_t k = n;
        while (k > 0 && ((unsigned char)raw[k - 1] & 0xc0) == 0x80)
            k--;
        if (k > 0 && (unsigned char)raw[k - 1] >= 0xc0)
            raw[k - 1] = '\0';
    }
    printable(msg, sizeof msg, raw);
    if (im->diags) {
        diag_error(im, st, at, msg, code_of(st, fmt, raw));
        return;
    }
    im->st = st;
    zg_error_set(im->err, st, im->name, at.line, at.col, "%s", msg);
    if (im->ctxt)
        xmlStopParser(im->ctxt);
}

void
zg_imp__warn(imp *im, pos at, const char *code, const char *fmt, ...)
{
    char raw[512], msg[512];
    va_list ap;

    if (im->diags == NULL || im->st != ZG_OK)
        return;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    printable(msg, sizeof msg, raw);
    if (zg_diags_add(im->diags, ZG_SEVERITY_WARNING, ZG_OK, code, at.line,
                     at.col, msg) != ZG_OK)
        diag_error(im, ZG_ERR_NOMEM, at, "out of memory", "memory");
}

/* Re-locate an error the graph reported without a position. */
void
zg_imp__fail_graph(imp *im, pos at, const zg_error *e)
{
    static const char unknown[] = "unknown source '";

    if (im->diags && strncmp(e->msg, unknown, sizeof unknown - 1) == 0) {
        char id[sizeof e->msg];
        const char *q = strrchr(e->msg, '\'');
        size_t n = (size_t)(q - e->msg) - (sizeof unknown - 1);
        if (q > e->msg + sizeof unknown - 2) {
            memcpy(id, e->msg + sizeof unknown - 1, n);
            id[n] = '\0';
            if (zg_imp__skipped(im, 's', id)) {
                zg_imp__skip_quietly(im);
                return;
            }
        }
    }
    zg_imp__fail_at(im, e->status, at, "%s", e->msg);
}

/* Where the parser is now. */
pos
zg_imp__here(const imp *im)
{
    pos p = {0, 0};

    if (im->ctxt && im->ctxt->input) {
        p.line = (unsigned)im->ctxt->input->line;
        p.col = (unsigned)im->ctxt->input->col;
    }
    return p;
}

/* Where the tag just parsed starts: scan back from the parser's position
 * to the '<' (attribute values cannot hold a raw '<'), counting newlines
 * and code points. */
pos
zg_imp__tag_start(const imp *im)
{
    const xmlParserInput *in;
    const xmlChar *cur, *lt, *p;
    pos at = zg_imp__here(im);
    unsigned nl = 0, cps = 0; /* in [lt, cur) */

    if (!im->ctxt || !(in = im->ctxt->input) || !in->cur || !in->base)
        return at;
    cur = lt = in->cur;
    if (*cur != '<') {
        /* one pass back to the '<', counting the newlines and the bytes
         * that continue a character, eight bytes at a time while there
         * are eight */
        unsigned cont = 0;
#if ZG_IMP_WORDS
        while (lt - in->base >= 8) {
            uint64_t x, m, keep = ~0ull;
            unsigned last;
            memcpy(&x, lt - 8, 8);
            m = zg_imp__word_eq(x, '<');
            if (m) {
                /* the last '<' in the word, and the bytes from it on */
                last = (unsigned)(63 - __builtin_clzll(m)) / 8;
                keep <<= 8 * last;
            }
            nl += zg_imp__word_count(zg_imp__word_eq(x, '\n') & keep);
            cont += zg_imp__word_count(zg_imp__word_cont(x) & keep);
            if (m) {
                lt -= 8 - last;
                break;
            }
            lt -= 8;
        }
#endif
        if (*lt != '<') {
            for (; lt > in->base && lt[-1] != '<'; lt--) {
                nl += lt[-1] == '\n';
                cont += (lt[-1] & 0xC0) == 0x80;
            }
            if (lt == in->base)
                return at;
            lt--;
        }
        cps = (unsigned)(cur - lt) - cont;
    }
    if (nl > at.line)
        return at;
    at.line -= nl;
    if (nl == 0) {
        at.col = at.col > cps ? at.col - cps : 1;
    } else {
        cps = 1;
        for (p = lt; p > in->base && p[-1] != '\n'; p--)
            cps += (p[-1] & 0xC0) != 0x80;
        at.col = cps;
    }
    return at;
}

/* ---- attributes ---- */

/*
 * Without XML_PARSE_NOENT, libxml2 2.9.14 hands attribute values to
 * startElementNs with every '&' (from &amp;, &#38; or &#x26;) written as
 * "&#38;", for a tree builder to parse again; a raw '&' cannot occur in a
 * value, so "&#38;" always means '&'. amp_len() is the length of the value
 * with each of them as one byte, amp_copy() copies it so (NULL when out
 * of memory).
 */
static size_t
amp_len(const char *v, size_t len)
{
    size_t n = len;

    for (const char *p = v; (p = memchr(p, '&', len - (size_t)(p - v))); p++)
        if (len - (size_t)(p - v) >= 5 && memcmp(p, "&#38;", 5) == 0)
            n -= 4;
    return n;
}

static char *
amp_copy(zg_arena *a, const char *v, size_t len)
{
    char *out = zg_arena_strndup(a, v, len), *w;
    const char *r;

    if (out == NULL || memchr(out, '&', len) == NULL)
        return out;
    for (r = w = out; *r;) {
        if (strncmp(r, "&#38;", 5) == 0) {
            *w++ = '&';
            r += 5;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return out;
}

const char *
zg_imp__attr_value(imp *im, pos at, const char *local, const xmlChar *v,
                   const xmlChar *end)
{
    size_t n = (size_t)(end - v), len = n;
    int amp = memchr(v, '&', n) != NULL;
    const char *out;

    if (amp)
        len = amp_len((const char *)v, n);
    if (len > im->lim.max_text) {
        zg_imp__fail_at(im, ZG_ERR_LIMIT, at,
                        "attribute '%s' is %zu bytes long; the limit is %zu",
                        local, len, im->lim.max_text);
        return NULL;
    }
    out = amp ? amp_copy(&im->mem, (const char *)v, n)
              : zg_arena_strndup(&im->mem, (const char *)v, n);
    if (out == NULL)
        zg_imp__fail_at(im, ZG_ERR_NOMEM, at, "out of memory");
    return out;
}

size_t
zg_imp__spec_len(const char *spec)
{
    size_t n = 0;

    while (spec[n] && spec[n] != '!')
        n++;
    return n;
}

int
zg_imp__spec_is(const char *spec, const char *local)
{
    while (*local && *spec == *local) {
        spec++;
        local++;
    }
    return *local == '\0' && (*spec == '\0' || *spec == '!');
}

/* `spec` lists allowed attribute names; a trailing '!' marks required ones.
 * Fills vals[i] with a copy of each value or NULL. */
int
zg_imp__get_attrs(imp *im, const char *elem, pos at, int nb,
                  const xmlChar **attrs, const char *const *spec,
                  const char **vals)
{
    size_t nspec = 0, next = 0;

    while (spec[nspec])
        nspec++;
    for (size_t i = 0; i < nspec; i++)
        vals[i] = NULL;
    if ((unsigned)nb > im->lim.max_attrs) {
        zg_imp__fail_at(im, ZG_ERR_LIMIT, at,
                        "<%s> has %d attributes; the limit is %u", elem, nb,
                        im->lim.max_attrs);
        return 0;
    }
    for (int a = 0; a < nb; a++) {
        const char *local = (const char *)attrs[5 * a];
        const char *prefix = (const char *)attrs[5 * a + 1];
        const xmlChar *v = attrs[5 * a + 3], *end = attrs[5 * a + 4];
        size_t i = nspec;
        /* attributes come mostly in the order of `spec`: look from the
         * one after the last found, round to it */
        for (size_t t = 0; !prefix && t < nspec; t++) {
            size_t j = next + t < nspec ? next + t : next + t - nspec;
            if (zg_imp__spec_is(spec[j], local)) {
                i = j;
                break;
            }
        }
        if (i == nspec) {
            zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                            "<%s> has no attribute '%s%s%s'", elem,
                            prefix ? prefix : "", prefix ? ":" : "", local);
            return 0;
        }
        if ((vals[i] = zg_imp__attr_value(im, at, local, v, end)) == NULL)
            return 0;
        next = i + 1 < nspec ? i + 1 : 0;
    }
    for (size_t i = 0; i < nspec; i++) {
        size_t sl = vals[i] ? 0 : zg_imp__spec_len(spec[i]);
        if (vals[i] == NULL && spec[i][sl] == '!') {
            zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                            "<%s> is missing required attribute '%.*s'", elem,
                            (int)sl, spec[i]);
            return 0;
        }
    }
    return 1;
}

int
zg_imp__check_date(imp *im, pos at, const char *attr, const char *v)
{
    if (v && zg_rule_date(v) != NULL) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "%s='%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                        attr, v);
        return 0;
    }
    return 1;
}

int
zg_imp__check_span(imp *im, pos at, const char *since, const char *until)
{
    if (!zg_imp__check_date(im, at, "since", since) ||
        !zg_imp__check_date(im, at, "until", until))
        return 0;
    if (since && until) {
        size_t n =
            strlen(since) < strlen(until) ? strlen(since) : strlen(until);
        if (strncmp(until, since, n) < 0) {
            zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                            "until='%s' is before since='%s'", until, since);
            return 0;
        }
    }
    return 1;
}

int
zg_imp__check_basis(imp *im, pos at, const char *v, zg_basis *out)
{
    *out = ZG_BASIS_STATED;
    if (v == NULL || strcmp(v, "stated") == 0)
        return 1;
    if (strcmp(v, "implied") == 0)
        *out = ZG_BASIS_IMPLIED;
    else if (strcmp(v, "inferred") == 0)
        *out = ZG_BASIS_INFERRED;
    else {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "basis='%s' must be stated, implied or inferred", v);
        return 0;
    }
    return 1;
}

int
zg_imp__check_sources(imp *im, pos at, const char *v)
{
    if (v && zg_rule_id_list(v) != NULL) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "source='%s' is not one or more source ids separated "
                        "by spaces",
                        v);
        return 0;
    }
    return 1;
}

int
zg_imp__check_source(imp *im, pos at, const char *v)
{
    const char *why;

    if (v && (why = zg_rule_id(v)) != NULL) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "source='%s' is not a source id (%s)", v, why);
        return 0;
    }
    return 1;
}

int
zg_imp__check_id(imp *im, pos at, const char *what, const char *v)
{
    if (zg_rule_id(v) != NULL) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "%s '%s' is empty or has surrounding white space", what,
                        v);
        return 0;
    }
    return 1;
}

/* ---- elements ---- */

static void
start_root(imp *im, pos at, int nb, const xmlChar **attrs)
{
    static const char *const spec[] = {"version!", NULL};
    const char *v[1];

    if (!zg_imp__get_attrs(im, "zonegraph", at, nb, attrs, spec, v))
        return;
    if (strcmp(v[0], "1") != 0)
        zg_imp__fail_at(
            im, ZG_ERR_INVALID, at,
            "unsupported version '%s' (this zonegraph reads version 1)", v[0]);
}

void
zg_imp__start_nodetype(imp *im, pos at, int nb, const xmlChar **attrs)
{
    static const char *const spec[] = {"name!",  "zh",       "en", "shape",
                                       "colour", "priority", NULL};
    const char *v[6];
    zg_nodetype_info t;
    zg_error e = {0};
    zg_id id;
    double prio = ZG_DEFAULT_PRIORITY;

    if (!zg_imp__get_attrs(im, "nodetype", at, nb, attrs, spec, v))
        return;
    if (zg_rule_type_name(v[0]) != NULL) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "node type name '%s' is not an XML name or is reserved",
                        v[0]);
        return;
    }
    if (v[3] && zg_rule_shape(v[3]) != NULL) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at, "unknown shape '%s'", v[3]);
        return;
    }
    if (v[4] && zg_rule_colour(v[4]) != NULL) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "colour='%s' is not of the form #rrggbb", v[4]);
        return;
    }
    if (v[5] && (zg_rule_value(ZG_PROP_INTEGER, v[5], &prio) != NULL ||
                 prio < 0 || prio > ZG_RULE_MAX_PRIORITY)) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "priority='%s' is not a non-negative integer", v[5]);
        return;
    }
    t.name = v[0];
    t.zh = v[1];
    t.en = v[2];
    t.shape = v[3];
    t.colour = v[4];
    t.priority = (unsigned)prio;
    if (!zg_imp__room_for_type(im, at, t.name))
        return;
    if (zg_graph_add_nodetype(im->g, &t, &id, &e) != ZG_OK)
        zg_imp__fail_graph(im, at, &e);
}

int
zg_imp__room_for_type(imp *im, pos at, const char *name)
{
    if (zg_graph_nodetype_by_name(im->g, name) != ZG_NO_ID ||
        zg_graph_nodetype_count(im->g) < im->lim.max_node_types)
        return 1;
    zg_imp__fail_at(im, ZG_ERR_LIMIT, at,
                    "node type '%s' is over the limit of %u node types", name,
                    im->lim.max_node_types);
    return 0;
}

void
zg_imp__start_reltype(imp *im, pos at, int nb, const xmlChar **attrs)
{
    static const char *const spec[] = {"name!", "zh",      "en", "from!",
                                       "to!",   "cluster", NULL};
    static const char *const yesno[] = {"yes", "no", NULL};
    const char *v[6];
    zg_reltype_info r;
    zg_error e = {0};
    zg_id id;

    if (!zg_imp__get_attrs(im, "relationtype", at, nb, attrs, spec, v))
        return;
    if (zg_rule_name(v[0]) != NULL) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "relation type name '%s' is not an XML name", v[0]);
        return;
    }
    if (v[5] && !zg_rule_one_of(v[5], yesno)) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "cluster='%s' must be yes or no", v[5]);
        return;
    }
    r.name = v[0];
    r.zh = v[1];
    r.en = v[2];
    r.from = v[3];
    r.to = v[4];
    r.cluster = v[5] && strcmp(v[5], "yes") == 0;
    if (zg_graph_add_reltype(im->g, &r, &id, &e) != ZG_OK)
        zg_imp__fail_graph(im, at, &e);
}

void
zg_imp__start_source(imp *im, pos at, int nb, const xmlChar **attrs)
{
    static const char *const spec[] = {"id!", "title!", "publisher", "date",
                                       "url", "author", NULL};
    const char *v[6];
    zg_source_info s;
    zg_error e = {0};
    zg_id id;

    if (!zg_imp__get_attrs(im, "source", at, nb, attrs, spec, v) ||
        !zg_imp__check_id(im, at, "source id", v[0]) ||
        !zg_imp__check_date(im, at, "date", v[3]))
        return;
    s.id = v[0];
    s.title = v[1];
    s.publisher = v[2];
    s.date = v[3];
    s.url = v[4];
    s.author = v[5];
    if (zg_graph_add_source(im->g, &s, &id, &e) != ZG_OK)
        zg_imp__fail_graph(im, at, &e);
    else
        zg_imp__note_source(im, s.id, at);
}

static void
start_node(imp *im, const char *type_name, pos at, int nb,
           const xmlChar **attrs)
{
    static const char *const spec[] = {"id!",   "name!",  "en",    "since",
                                       "until", "source", "basis", NULL};
    const char *v[7];
    zg_id type = zg_graph_nodetype_by_name(im->g, type_name);
    pnode *n = &im->node;

    zg_imp__mark(im);
    if (type == ZG_NO_ID && zg_imp__skipped(im, 't', type_name)) {
        zg_imp__skip_quietly(im);
        return;
    }
    if (type == ZG_NO_ID) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "unknown element <%s>: not a declared node type",
                        type_name);
        return;
    }
    if (!zg_imp__get_attrs(im, type_name, at, nb, attrs, spec, v))
        return;
    zg_imp__cite(im, v[5]);
    if (!zg_imp__check_id(im, at, "id", v[0]) ||
        !zg_imp__check_span(im, at, v[3], v[4]))
        return;
    memset(n, 0, sizeof *n);
    if (!zg_imp__check_basis(im, at, v[6], &n->info.basis) ||
        !zg_imp__check_sources(im, at, v[5]))
        return;
    n->info.key = v[0];
    n->info.type = type;
    n->info.name = v[1];
    n->info.name_en = v[2];
    n->info.since = v[3];
    n->info.until = v[4];
    n->info.sources = v[5];
    n->at = at;
    n->aliases_tail = &n->aliases;
    n->props_tail = &n->props;
}

pprop *
zg_imp__new_prop(imp *im, pos at)
{
    pprop *p = zg_arena_alloc(&im->mem, sizeof *p);

    if (p == NULL) {
        zg_imp__fail_at(im, ZG_ERR_NOMEM, at, "out of memory");
        return NULL;
    }
    memset(p, 0, sizeof *p);
    p->at = at;
    return p;
}

void
zg_imp__attach_prop(imp *im, pprop *p)
{
    if (im->rel) {
        *im->rel->props_tail = p;
        im->rel->props_tail = &p->next;
    } else {
        *im->node.props_tail = p;
        im->node.props_tail = &p->next;
    }
}

int
zg_imp__check_value(imp *im, pos at, zg_prop *p)
{
    const char *what = zg_rule_value(p->kind, p->value, &p->number);

    if (what) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at, "%s '%s': '%s' is not %s",
                        p->kind == ZG_PROP_FIGURE ? "figure" : "property",
                        p->name, p->value, what);
        return 0;
    }
    return 1;
}

void
zg_imp__start_prop(imp *im, pos at, int nb, const xmlChar **attrs)
{
    static const char *const spec[] = {"name!", "value!", "type", "source",
                                       "since", "until",  NULL};
    static const char *const types[] = {"string", "integer", "number",
                                        "date",   "boolean", NULL};
    const char *v[6];
    pprop *p;

    if (!zg_imp__get_attrs(im, "prop", at, nb, attrs, spec, v))
        return;
    zg_imp__cite(im, v[3]);
    if (!zg_imp__check_span(im, at, v[4], v[5]) ||
        !zg_imp__check_source(im, at, v[3]))
        return;
    if (zg_rule_name(v[0]) != NULL) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "property name '%s' is not an XML name", v[0]);
        return;
    }
    if (v[2] && !zg_rule_one_of(v[2], types)) {
        zg_imp__fail_at(
            im, ZG_ERR_INVALID, at,
            "type='%s' must be string, integer, number, date or boolean", v[2]);
        return;
    }
    if ((p = zg_imp__new_prop(im, at)) == NULL)
        return;
    p->p.name = v[0];
    p->p.value = v[1];
    p->p.source = v[3];
    p->p.since = v[4];
    p->p.until = v[5];
    p->p.kind = ZG_PROP_STRING;
    if (v[2] && strcmp(v[2], "integer") == 0)
        p->p.kind = ZG_PROP_INTEGER;
    else if (v[2] && strcmp(v[2], "number") == 0)
        p->p.kind = ZG_PROP_NUMBER;
    else if (v[2] && strcmp(v[2], "date") == 0)
        p->p.kind = ZG_PROP_DATE;
    else if (v[2] && strcmp(v[2], "boolean") == 0)
        p->p.kind = ZG_PROP_BOOLEAN;
    if (!zg_imp__check_value(im, at, &p->p))
        return;
    im->item = p;
    zg_imp__attach_prop(im, p);
}

void
zg_imp__start_figure(imp *im, pos at, int nb, const xmlChar **attrs)
{
    static const char *const spec[] = {"name!", "zh",      "en",     "value!",
                                       "unit!", "date",    "approx", "kind",
                                       "base",  "source!", NULL};
    static const char *const approx[] = {"exact", "over",  "nearly",
                                         "about", "under", NULL};
    static const char *const kinds[] = {"actual", "target", "forecast",
                                        "estimate", NULL};
    const char *v[10];
    pprop *p;

    if (!zg_imp__get_attrs(im, "figure", at, nb, attrs, spec, v) ||
        !zg_imp__check_date(im, at, "date", v[5]) ||
        !zg_imp__check_date(im, at, "base", v[8]) ||
        !zg_imp__check_source(im, at, v[9]))
        return;
    if (zg_rule_name(v[0]) != NULL) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "figure name '%s' is not an XML name", v[0]);
        return;
    }
    if (v[6] && !zg_rule_one_of(v[6], approx)) {
        zg_imp__fail_at(
            im, ZG_ERR_INVALID, at,
            "approx='%s' must be exact, over, nearly, about or under", v[6]);
        return;
    }
    if (v[7] && !zg_rule_one_of(v[7], kinds)) {
        zg_imp__fail_at(
            im, ZG_ERR_INVALID, at,
            "kind='%s' must be actual, target, forecast or estimate", v[7]);
        return;
    }
    if ((p = zg_imp__new_prop(im, at)) == NULL)
        return;
    p->p.kind = ZG_PROP_FIGURE;
    p->p.name = v[0];
    p->p.zh = v[1];
    p->p.en = v[2];
    p->p.value = v[3];
    if (!zg_imp__check_value(im, at, &p->p))
        return;
    p->p.unit = v[4];
    p->p.date = v[5];
    p->p.approx = v[6] ? v[6] : "exact";
    p->p.figure_kind = v[7] ? v[7] : "actual";
    p->p.base = v[8];
    p->p.source = v[9];
    im->item = p;
    zg_imp__attach_prop(im, p);
}

static void
start_relation(imp *im, pos at, int nb, const xmlChar **attrs)
{
    static const char *const spec[] = {"from!", "type!", "to!",   "source",
                                       "basis", "since", "until", NULL};
    const char *v[7];
    prel *r;

    zg_imp__mark(im);
    if (!zg_imp__get_attrs(im, "relation", at, nb, attrs, spec, v))
        return;
    zg_imp__cite(im, v[3]);
    if (!zg_imp__check_span(im, at, v[5], v[6]) ||
        !zg_imp__check_source(im, at, v[3]))
        return;
    r = zg_arena_alloc(&im->mem, sizeof *r);
    if (r == NULL) {
        zg_imp__fail_at(im, ZG_ERR_NOMEM, at, "out of memory");
        return;
    }
    memset(r, 0, sizeof *r);
    if (!zg_imp__check_basis(im, at, v[4], &r->info.basis))
        return;
    if (v[3] == NULL && r->info.basis != ZG_BASIS_INFERRED) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "<relation> needs a source unless basis='inferred'");
        return;
    }
    r->from = v[0];
    r->type = v[1];
    r->to = v[2];
    r->info.source = v[3];
    r->info.since = v[5];
    r->info.until = v[6];
    r->at = at;
    r->props_tail = &r->props;
    im->rel = r;
}

void
zg_imp__start_alias(imp *im, pos at, int nb, const xmlChar **attrs)
{
    static const char *const spec[] = {"lang", NULL};
    const char *v[1];
    palias *a;

    if (!zg_imp__get_attrs(im, "alias", at, nb, attrs, spec, v))
        return;
    if (v[0] && zg_rule_lang(v[0]) != NULL) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "lang='%s' is not a language tag such as en or "
                        "zh-Hant",
                        v[0]);
        return;
    }
    a = zg_arena_alloc(&im->mem, sizeof *a);
    if (a == NULL) {
        zg_imp__fail_at(im, ZG_ERR_NOMEM, at, "out of memory");
        return;
    }
    a->text = NULL;
    a->lang = v[0];
    a->at = at;
    a->next = NULL;
    *im->node.aliases_tail = a;
    im->node.aliases_tail = &a->next;
    im->alias = a;
}

kind
zg_imp__child_of(const zg_imp__child *t, size_t n, kind parent,
                 const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].parent == parent && t[i].name[0] == name[0] &&
            strcmp(t[i].name, name) == 0)
            return t[i].child;
    return K_NONE;
}

/* Which child elements each element allows (node elements aside). */
static const zg_imp__child children[] = {{K_ROOT, "schema", K_SCHEMA},
                                         {K_ROOT, "source", K_SOURCE},
                                         {K_ROOT, "relation", K_RELATION},
                                         {K_SCHEMA, "nodetype", K_NODETYPE},
                                         {K_SCHEMA, "relationtype", K_RELTYPE},
                                         {K_NODE, "alias", K_ALIAS},
                                         {K_NODE, "prop", K_PROP},
                                         {K_NODE, "figure", K_FIGURE},
                                         {K_NODE, "note", K_NOTE},
                                         {K_NODE, "evidence", K_EVIDENCE},
                                         {K_FIGURE, "evidence", K_EVIDENCE},
                                         {K_PROP, "evidence", K_EVIDENCE},
                                         {K_RELATION, "evidence", K_EVIDENCE},
                                         {K_RELATION, "prop", K_PROP},
                                         {K_RELATION, "note", K_NOTE}};

/* The kind of element `name` under `parent`, or K_NONE (recorded). */
static kind
child_kind(imp *im, kind parent, const char *name, pos at)
{
    kind k = zg_imp__child_of(children, sizeof children / sizeof *children,
                              parent, name);

    if (k != K_NONE)
        return k;
    if (parent == K_NONE && strcmp(name, "zonegraph") == 0)
        return K_ROOT;
    if (parent == K_NONE) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "the root element must be <zonegraph> or GraphML's "
                        "<graphml>, not <%s>",
                        name);
        return K_NONE;
    }
    if (parent == K_ROOT && !zg_rule_one_of(name, zg_rule_reserved))
        return K_NODE;
    zg_imp__fail_at(im, ZG_ERR_INVALID, at, "<%s> is not allowed here", name);
    return K_NONE;
}

/* The value of attribute `local` (no namespace) among `attrs`, copied,
 * or NULL. */
static const char *
raw_attr(imp *im, const char *local, int nb, const xmlChar **attrs)
{
    for (int a = 0; a < nb; a++)
        if (attrs[5 * a + 1] == NULL &&
            strcmp((const char *)attrs[5 * a], local) == 0)
            return amp_copy(&im->mem, (const char *)attrs[5 * a + 3],
                            (size_t)(attrs[5 * a + 4] - attrs[5 * a + 3]));
    return NULL;
}

/* A checking import: the element just started failed (depth was `d0`
 * before it). Skip it with its content, and remember what it
 * declared so that references to it stay quiet. */
static void
skip_element(imp *im, unsigned d0, int nb, const xmlChar **attrs)
{
    kind k = im->depth > d0 ? im->stack[im->depth - 1] : K_NONE;

    switch (k) {
    case K_NODE:
    case K_G_NODE:
        zg_imp__skip_add(im, 'n', raw_attr(im, "id", nb, attrs));
        break;
    case K_SOURCE:
        zg_imp__skip_add(im, 's', raw_attr(im, "id", nb, attrs));
        break;
    case K_G_KEY:
        zg_imp__skip_add(im, 'k', raw_attr(im, "id", nb, attrs));
        break;
    case K_NODETYPE:
        zg_imp__skip_add(im, 't', raw_attr(im, "name", nb, attrs));
        break;
    case K_RELTYPE:
        zg_imp__skip_add(im, 'r', raw_attr(im, "name", nb, attrs));
        break;
    default: break;
    }
    /* what a refused element cites still counts as cited (in GraphML,
     * 'source' is an edge's endpoint) */
    if (!im->gml)
        zg_imp__cite(im, raw_attr(im, "source", nb, attrs));
    if (im->depth > d0)
        im->stack[im->depth - 1] = K_SKIP;
    else
        im->stack[im->depth++] = K_SKIP;
}

static void start_element(imp *im, const char *name, const xmlChar *prefix,
                          const xmlChar *uri, int nb_ns, pos at, int nb_attrs,
                          const xmlChar **attrs);

static void
on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
         const xmlChar *uri, int nb_ns, const xmlChar **ns, int nb_attrs,
         int nb_defaulted, const xmlChar **attrs)
{
    imp *im = ctx;
    const char *name = (const char *)localname;
    unsigned d0 = im->depth;
    pos at;

    (void)ns;
    (void)nb_defaulted;
    if (im->st != ZG_OK)
        return;
    im->blank_len = 0;
    im->blank_at = zg_imp__here(im);
    /* libxml2 calls this before it takes the start tag's '>' */
    if (im->ctxt && im->ctxt->input && im->ctxt->input->cur &&
        *im->ctxt->input->cur == '>')
        im->blank_at.col++;
    at = zg_imp__tag_start(im);
    if (im->depth >= im->lim.max_depth) {
        zg_imp__fail_at(im, ZG_ERR_LIMIT, at, "elements nest deeper than %u",
                        im->lim.max_depth);
        return;
    }
    if (im->depth && im->stack[im->depth - 1] == K_SKIP) {
        im->stack[im->depth++] = K_SKIP;
        return;
    }
    im->soft = 0;
    start_element(im, name, prefix, uri, nb_ns, at, nb_attrs, attrs);
    if (im->soft && im->st == ZG_OK)
        skip_element(im, d0, nb_attrs, attrs);
    im->soft = 0;
    if (im->depth > d0)
        im->text_err[im->depth - 1] = 0;
}

static void
start_element(imp *im, const char *name, const xmlChar *prefix,
              const xmlChar *uri, int nb_ns, pos at, int nb_attrs,
              const xmlChar **attrs)
{
    kind parent = im->depth ? im->stack[im->depth - 1] : K_NONE;
    kind k;

    if (im->depth == 0 && zg_imp__graphml_root(im, name, (const char *)uri)) {
        if (im->st == ZG_OK)
            im->stack[im->depth++] = K_G_ROOT;
        return;
    }
    if (im->gml) {
        zg_imp__graphml_start(im, name, (const char *)prefix, (const char *)uri,
                              at, nb_attrs, attrs);
        return;
    }
    if (uri != NULL || prefix != NULL || nb_ns > 0) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "<%s%s%s>: zonegraph elements have no namespace",
                        prefix ? (const char *)prefix : "", prefix ? ":" : "",
                        name);
        return;
    }
    k = child_kind(im, parent, name, at);
    if (k != K_NONE)
        zg_imp__element(im, k, name, at, nb_attrs, attrs);
}

/* The children of <relation> come in order: <evidence>, any <prop>,
 * <note>. 1 if child `k` (named `name`) may come now. */
static int
relation_order(imp *im, kind k, const char *name, pos at)
{
    static const char *const names[] = {"", "evidence", "prop", "note"};
    int part = k == K_EVIDENCE ? 1 : k == K_PROP ? 2 : 3;

    if (part < im->rel_part) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "<%s> comes after <%s> in <relation>: its children "
                        "are <evidence>, then any <prop>, then <note>",
                        name, names[im->rel_part]);
        return 0;
    }
    im->rel_part = part;
    return 1;
}

void
zg_imp__element(imp *im, kind k, const char *name, pos at, int nb_attrs,
                const xmlChar **attrs)
{
    kind parent = im->depth ? im->stack[im->depth - 1] : K_NONE;

    if ((k == K_NOTE || k == K_EVIDENCE) &&
        ((parent == K_NODE &&
          (k == K_NOTE ? im->node.info.note : im->node.info.evidence)) ||
         (parent == K_RELATION &&
          (k == K_NOTE ? im->rel->info.note : im->rel->info.evidence)) ||
         ((parent == K_FIGURE || parent == K_PROP) && im->item->p.evidence))) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at, "<%s> appears twice", name);
        return;
    }
    if (k == K_SCHEMA && im->schema_seen) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at,
                        "<schema> appears twice: a file has at most one");
        return;
    }
    if (parent == K_RELATION && !relation_order(im, k, name, at))
        return;
    if (k == K_SCHEMA)
        im->schema_seen = 1;
    if (k == K_RELATION)
        im->rel_part = 0;
    im->stack[im->depth++] = k;
    im->text_len = 0;
    switch (k) {
    case K_ROOT: start_root(im, at, nb_attrs, attrs); break;
    case K_NODETYPE: zg_imp__start_nodetype(im, at, nb_attrs, attrs); break;
    case K_RELTYPE: zg_imp__start_reltype(im, at, nb_attrs, attrs); break;
    case K_SOURCE: zg_imp__start_source(im, at, nb_attrs, attrs); break;
    case K_NODE: start_node(im, name, at, nb_attrs, attrs); break;
    case K_PROP: zg_imp__start_prop(im, at, nb_attrs, attrs); break;
    case K_FIGURE: zg_imp__start_figure(im, at, nb_attrs, attrs); break;
    case K_RELATION: start_relation(im, at, nb_attrs, attrs); break;
    case K_ALIAS: zg_imp__start_alias(im, at, nb_attrs, attrs); break;
    default: {
        static const char *const none[] = {NULL};
        const char *v[1];
        zg_imp__get_attrs(im, name, at, nb_attrs, attrs, none, v);
        break;
    }
    }
}

/* The collected text, trimmed, copied into the import arena. */
const char *
zg_imp__trimmed(imp *im, const char *s, size_t n, pos at, const char *what)
{
    size_t b = 0;
    const char *t;

    while (b < n && strchr(" \t\r\n", s[b]))
        b++;
    while (n > b && strchr(" \t\r\n", s[n - 1]))
        n--;
    if (b == n) {
        zg_imp__fail_at(im, ZG_ERR_INVALID, at, "%s is empty", what);
        return NULL;
    }
    t = zg_arena_strndup(&im->mem, s + b, n - b);
    if (t == NULL)
        zg_imp__fail_at(im, ZG_ERR_NOMEM, at, "out of memory");
    return t;
}

const char *
zg_imp__take_text(imp *im, const char *elem)
{
    char what[32];

    snprintf(what, sizeof what, "<%s>", elem);
    return zg_imp__trimmed(im, im->text ? im->text : "", im->text_len,
                           zg_imp__here(im), what);
}

void
zg_imp__mark(imp *im)
{
    im->elem_mark = zg_arena_get_mark(&im->mem);
}

/* Give back what the node or relation just added to the graph took of
 * `mem`: nothing refers to it any more, unless a checking import keeps
 * names for its messages. When it ran into a new chunk, that is kept for
 * the next element to fill. */
static void
give_back(imp *im)
{
    if (im->diags == NULL && im->st == ZG_OK &&
        im->elem_mark.head == im->mem.head)
        zg_arena_rewind(&im->mem, im->elem_mark);
}

void
zg_imp__end_node(imp *im)
{
    pnode *n = &im->node;
    zg_error e = {0};
    zg_id id;

    if (zg_graph_add_node(im->g, &n->info, &id, NULL, &e) != ZG_OK) {
        zg_imp__fail_graph(im, n->at, &e);
        if (zg_graph_node_by_key(im->g, n->info.key) == ZG_NO_ID)
            zg_imp__skip_add(im, 'n', n->info.key);
        return;
    }
    /* In a checking import, a failed alias or property is reported and
     * the others still go in; otherwise the first failure ends it. */
    for (palias *a = n->aliases; a && im->st == ZG_OK; a = a->next) {
        if (a->text == NULL) /* its error was reported */
            continue;
        zg_error_clear(&e);
        if (zg_graph_add_alias(im->g, id, a->text, a->lang, &e) != ZG_OK)
            zg_imp__fail_graph(im, n->at, &e);
        else
            note_alias(im, id, a);
    }
    for (pprop *p = n->props; p && im->st == ZG_OK; p = p->next) {
        zg_error_clear(&e);
        if (zg_graph_add_node_prop(im->g, id, &p->p, &e) != ZG_OK)
            zg_imp__fail_graph(im, p->at, &e);
    }
    cite_props(im, n->props);
    im->n_nodes++;
    give_back(im);
}

static void
on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
       const xmlChar *uri)
{
    imp *im = ctx;
    kind k, parent;
    const char *t;

    (void)localname;
    (void)prefix;
    (void)uri;
    if (im->st != ZG_OK || im->depth == 0)
        return;
    im->blank_len = 0;
    im->blank_at = zg_imp__here(im);
    k = im->stack[im->depth - 1];
    if (k == K_SKIP) {
        im->depth--;
        return;
    }
    im->soft = 0;
    if (im->gml && k >= K_G_ROOT) {
        zg_imp__graphml_end(im);
        if (k == K_G_EDGE)
            im->rel = NULL; /* queued, or failed */
        im->soft = 0;
        return;
    }
    k = im->stack[--im->depth];
    parent = im->depth ? im->stack[im->depth - 1] : K_NONE;
    switch (k) {
    case K_ALIAS:
        if ((t = zg_imp__take_text(im, "alias")) != NULL)
            im->alias->text = t;
        im->alias = NULL;
        break;
    case K_NOTE:
    case K_EVIDENCE:
        /* In a checking import, an empty one was reported: it counts as
         * given, so that the relation is not said to lack it too. */
        if ((t = zg_imp__take_text(im, k == K_NOTE ? "note" : "evidence")) ==
            NULL) {
            if (im->st != ZG_OK)
                break;
            t = zg_imp__failed_text;
        }
        if (parent == K_FIGURE || parent == K_PROP)
            im->item->p.evidence = t;
        else if (parent == K_RELATION && k == K_NOTE)
            im->rel->info.note = t;
        else if (parent == K_RELATION)
            im->rel->info.evidence = t;
        else if (k == K_NOTE)
            im->node.info.note = t;
        else
            im->node.info.evidence = t;
        break;
    case K_FIGURE:
    case K_PROP: im->item = NULL; break;
    case K_NODE: zg_imp__end_node(im); break;
    case K_RELATION:
        if (im->rel->info.evidence == NULL &&
            im->rel->info.basis != ZG_BASIS_INFERRED) {
            zg_imp__fail_at(
                im, ZG_ERR_INVALID, im->rel->at,
                "<relation> needs <evidence> unless basis='inferred'");
            im->rel = NULL;
            break;
        }
        if (im->rel->info.basis == ZG_BASIS_INFERRED &&
            im->rel->info.note == NULL)
            zg_imp__warn(im, im->rel->at, "inferred-without-note",
                         "relation %s -[%s]-> %s is inferred but has no "
                         "<note> saying why",
                         im->rel->from, im->rel->type, im->rel->to);
        zg_imp__end_relation(im, im->rel);
        im->rel = NULL;
        break;
    default: break;
    }
    im->text_len = 0;
    im->soft = 0;
}

static void
on_text(void *ctx, const xmlChar *ch, int len)
{
    imp *im = ctx;
    kind k;

    if (im->st != ZG_OK || im->depth == 0)
        return;
    k = im->stack[im->depth - 1];
    if (k == K_G_SKIP || k == K_SKIP || im->text_err[im->depth - 1])
        return;
    if (k != K_ALIAS && k != K_NOTE && k != K_EVIDENCE && k != K_G_DATA &&
        k != K_G_DEFAULT) {
        for (int i = 0; i < len; i++)
            if (!strchr(" \t\r\n", ch[i])) {
                zg_imp__fail_at(im, ZG_ERR_INVALID, zg_imp__here(im),
                                "text is not allowed here");
                im->text_err[im->depth - 1] = 1; /* once per element */
                im->soft = 0;
                return;
            }
        /* White space between tags costs nothing here; it is bounded as
         * text is (doc/vocabulary.md, limits). */
        im->blank_len += (size_t)len;
        if (im->blank_len > im->lim.max_text)
            zg_imp__fail_at(im, ZG_ERR_LIMIT, im->blank_at,
                            "white space longer than the limit of %zu "
                            "bytes",
                            im->lim.max_text);
        return;
    }
    if (im->text_len + (size_t)len > im->lim.max_text) {
        zg_imp__fail_at(im, ZG_ERR_LIMIT, zg_imp__here(im),
                        "text longer than %zu bytes; the limit is %zu",
                        im->text_len + (size_t)len, im->lim.max_text);
        return;
    }
    if (im->text_len + (size_t)len + 1 > im->text_cap) {
        size_t cap = (im->text_len + (size_t)len + 1) * 2;
        char *t = realloc(im->text, cap);
        if (t == NULL) {
            zg_imp__fail_at(im, ZG_ERR_NOMEM, zg_imp__here(im),
                            "out of memory");
            return;
        }
        im->text = t;
        im->text_cap = cap;
    }
    memcpy(im->text + im->text_len, ch, (size_t)len);
    im->text_len += (size_t)len;
}

/* A comment or processing instruction ends a run of white space. */
static void
on_comment(void *ctx, const xmlChar *value)
{
    imp *im = ctx;

    (void)value;
    im->blank_len = 0;
    im->blank_at = zg_imp__here(im);
}

static void
on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    (void)target;
    on_comment(ctx, data);
}

static void
on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ext,
                   const xmlChar *sys)
{
    imp *im = ctx;

    (void)name;
    (void)ext;
    (void)sys;
    im->hard = 1;
    zg_imp__fail_at(
        im, ZG_ERR_INVALID, zg_imp__here(im),
        "DOCTYPE is not allowed: zonegraph files have no DTD and no "
        "entities");
}

static xmlEntityPtr
on_get_entity(void *ctx, const xmlChar *name)
{
    imp *im = ctx;

    im->hard = 1;
    zg_imp__fail_at(im, ZG_ERR_INVALID, zg_imp__here(im),
                    "entity '&%s;' is not allowed", (const char *)name);
    return NULL;
}

/* `s` on one line: runs of white space become one space, trimmed. */
static void
one_line(char *out, size_t size, const char *s)
{
    size_t n = 0;
    int space = 0;

    for (; s && *s && n + 1 < size; s++) {
        if (strchr(" \t\r\n", *s)) {
            space = n > 0;
            continue;
        }
        if (space && n + 2 < size)
            out[n++] = ' ';
        space = 0;
        out[n++] = *s;
    }
    out[n] = '\0';
}

/*
 * The first error libxml2 reports, as "malformed XML: ...". A few of its
 * messages are rewritten to say what is wrong in the file: 2.9.14 reports
 * a truncated document and a missing root as "Extra content at the end of
 * the document", and its own size limits (which stay on, since
 * XML_PARSE_HUGE is never set) as internal errors.
 */
static void
on_error(void *ctx, xmlErrorPtr e)
{
    imp *im = ctx;
    pos at;
    char msg[400];
    zg_status st = ZG_ERR_PARSE;

    if (e == NULL || e->level < XML_ERR_ERROR)
        return;
    at.line = e->line > 0 ? (unsigned)e->line : zg_imp__here(im).line;
    at.col = e->int2 > 0 ? (unsigned)e->int2 : zg_imp__here(im).col;
    one_line(msg, sizeof msg, e->message ? e->message : "XML error");
    if (e->code == XML_ERR_NO_MEMORY) {
        im->oom = 1;
        zg_imp__fail_at(im, ZG_ERR_NOMEM, at, "out of memory (in libxml2)");
        return;
    }
    if (e->code == XML_ERR_DOCUMENT_END && im->ctxt) {
        int state = im->ctxt->instate;
        if (state == XML_PARSER_EPILOG)
            snprintf(msg, sizeof msg, "content after the root element");
        else if (im->ctxt->nameNr > 0 && im->ctxt->name)
            snprintf(msg, sizeof msg,
                     "the file ends inside <%.80s> (truncated?)",
                     (const char *)im->ctxt->name);
        else if (state == XML_PARSER_CDATA_SECTION)
            snprintf(msg, sizeof msg, "the file ends inside a CDATA section");
        else
            snprintf(msg, sizeof msg, "no root element");
    } else if (e->code == XML_ERR_DOCUMENT_EMPTY) {
        /* 2.9.14 says "Document is empty" when the first thing after
         * white space is not '<' */
        snprintf(msg, sizeof msg,
                 "not an XML document: text where the root element should "
                 "start");
    } else if (strncmp(msg, "Input is not proper UTF-8", 25) == 0) {
        const char *bytes = strstr(msg, "Bytes: ");
        char tmp[200];
        snprintf(tmp, sizeof tmp, "%s", bytes ? bytes + 7 : "?");
        snprintf(msg, sizeof msg,
                 "invalid UTF-8 (bytes %s); if the file is in another "
                 "encoding, declare it",
                 tmp);
    } else if (e->code == XML_ERR_INTERNAL_ERROR &&
               strstr(msg, "Huge input lookup")) {
        st = ZG_ERR_LIMIT;
        snprintf(msg, sizeof msg,
                 "a single tag, comment or text run is longer than %d "
                 "bytes (libxml2's limit)",
                 XML_MAX_LOOKUP_LIMIT);
    } else if (e->code == XML_ERR_NAME_TOO_LONG) {
        st = ZG_ERR_LIMIT;
        snprintf(msg, sizeof msg,
                 "a name is longer than %d bytes (libxml2's limit)",
                 XML_MAX_NAME_LENGTH);
    } else if (strstr(msg, "XML_PARSE_HUGE") || strstr(msg, "too big") ||
               strstr(msg, "too long")) {
        st = ZG_ERR_LIMIT;
        snprintf(msg + strlen(msg), sizeof msg - strlen(msg),
                 " (libxml2's limit)");
    }
    zg_imp__fail_at(im, st, at, "%s%s",
                    st == ZG_ERR_PARSE ? "malformed XML: " : "", msg);
}

/* The import on_generic() reports to. libxml2 calls the generic channel
 * with the parser context as its argument when there is one (even while
 * xmlCreatePushParserCtxt() is still building it), not with the context
 * given to xmlSetGenericErrorFunc(). */
static _Thread_local imp *generic_im;

/* libxml2's generic error channel (xmlGenericError): messages that do not
 * go through the structured handler, such as encoder errors. Kept, never
 * printed: the library never writes to stderr. */
static void
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    on_generic(void *ctx, const char *fmt, ...)
{
    imp *im = generic_im;
    char piece[256], line[256];
    va_list ap;
    size_t n;

    (void)ctx;
    if (im == NULL || im->generic_len + 1 >= sizeof im->generic)
        return;
    va_start(ap, fmt);
    vsnprintf(piece, sizeof piece, fmt, ap);
    va_end(ap);
    one_line(line, sizeof line, piece);
    if (strstr(line, "Memory allocation failed") ||
        strstr(line, "out of memory"))
        im->oom = 1;
    n = strlen(line);
    if (n == 0)
        return;
    if (im->generic_len)
        im->generic[im->generic_len++] = ' ';
    snprintf(im->generic + im->generic_len,
             sizeof im->generic - im->generic_len, "%s", line);
    im->generic_len = strlen(im->generic);
}

static xmlParserInputPtr
deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)id;
    (void)ctxt;
    (void)url;
    return NULL;
}

/* Look up the endpoints and the type of `r`; 1 when all three and every
 * source it and its properties cite are declared. */
static int
resolve(imp *im, prel *r)
{
    r->info.from = zg_graph_node_by_key(im->g, r->from);
    r->info.to = zg_graph_node_by_key(im->g, r->to);
    r->info.type = zg_graph_reltype_by_name(im->g, r->type);
    if (r->info.from == ZG_NO_ID || r->info.to == ZG_NO_ID ||
        r->info.type == ZG_NO_ID ||
        zg_graph_check_sources(im->g, r->info.source, NULL) != ZG_OK)
        return 0;
    for (const pprop *p = r->props; p; p = p->next)
        if (zg_graph_check_sources(im->g, p->p.source, NULL) != ZG_OK)
            return 0;
    return 1;
}

/* What makes `r` the same edge as another (from, type, to, source,
 * evidence) as one string in `mem`; NULL when out of memory. The parts
 * are joined by a character XML text cannot hold. */
static const char *
identity(imp *im, const prel *r)
{
    const char *f[5] = {r->from, r->type, r->to, r->info.source,
                        r->info.evidence};
    size_t n = 0;
    char *k, *p;

    for (int i = 0; i < 5; i++)
        n += (f[i] ? strlen(f[i]) : 1) + 1;
    if ((k = zg_arena_alloc(&im->mem, n)) == NULL)
        return NULL;
    p = k;
    for (int i = 0; i < 5; i++) {
        size_t len = f[i] ? strlen(f[i]) : 1;
        memcpy(p, f[i] ? f[i] : "\x01", len);
        p += len;
        *p++ = '\x02';
    }
    p[-1] = '\0';
    return k;
}

/* Remember that the relation of new edge `id` starts at `at`. 0 when out
 * of memory. */
static int
note_edge(imp *im, zg_id id, pos at)
{
    size_t i = id - im->first_edge;

    if (i >= im->cap_edge_at) {
        size_t cap = im->cap_edge_at ? 2 * im->cap_edge_at : 256;
        pos *t;
        while (cap <= i)
            cap *= 2;
        if (cap > SIZE_MAX / sizeof *t ||
            (t = realloc(im->edge_at, cap * sizeof *t)) == NULL)
            return 0;
        im->edge_at = t;
        im->cap_edge_at = cap;
    }
    im->edge_at[i] = at;
    return 1;
}

/* Report edge `e`, which repeats one added before it, at `at`, as the
 * graph's commit would. */
static void
report_repeat(imp *im, pos at, zg_id e)
{
    zg_error err = {0};

    zg_error_set(&err, ZG_ERR_INVALID, NULL, 0, 0,
                 "duplicate relation %s -[%s]-> %s",
                 zg_graph_node(im->g, zg_graph_edge_from(im->g, e))->key,
                 zg_graph_reltype(im->g, zg_graph_edge_type(im->g, e))->name,
                 zg_graph_node(im->g, zg_graph_edge_to(im->g, e))->key);
    zg_imp__fail_graph(im, at, &err);
}

/* Add `r`, resolved, and its properties as it ends. Its first failure is
 * held: an error found while the file is read (a later node's, say) would
 * have come before it. */
static void
add_early(imp *im, prel *r)
{
    zg_error e = {0};
    pos at = r->at;
    zg_id id;

    if (zg_graph_add_edge(im->g, &r->info, &id, &e) != ZG_OK)
        goto held;
    if (id >= im->first_edge) {
        if (!note_edge(im, id, r->at)) {
            zg_error_set(&e, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
            goto held;
        }
        im->n_early++;
    }
    for (const pprop *p = r->props; p; p = p->next) {
        zg_error_clear(&e);
        at = p->at;
        if (zg_graph_add_edge_prop(im->g, id, &p->p, &e) != ZG_OK)
            goto held;
    }
    im->n_rels++;
    return;
held:
    im->held = e;
    im->held_at = at;
    im->held_rel_at = r->at;
    im->held_rank = r->rank;
}

void
zg_imp__end_relation(imp *im, prel *r)
{
    const char *key = NULL;

    r->rank = im->n_ranked++;
    if (im->held.status != ZG_OK) {
        /* the import fails, at the held error or at an earlier one */
        give_back(im);
        return;
    }
    /* An identical relation waiting for the end of the file comes first
     * there, as it does in the file: this one waits too. */
    if (im->diags == NULL && im->waiting && im->waiting->n &&
        (key = identity(im, r)) == NULL)
        goto oom;
    if (im->diags == NULL && resolve(im, r) &&
        (key == NULL || map_get(im->waiting, key) == NULL)) {
        add_early(im, r);
        give_back(im);
        return;
    }
    if (im->diags == NULL) {
        if ((key == NULL && (key = identity(im, r)) == NULL) ||
            (im->waiting == NULL &&
             (im->waiting = calloc(1, sizeof *im->waiting)) == NULL) ||
            !map_put(im->waiting, key, 0))
            goto oom;
    }
    r->before = im->n_early;
    *im->rels_tail = r;
    im->rels_tail = &r->next;
    return;
oom:
    zg_imp__fail_at(im, ZG_ERR_NOMEM, r->at, "out of memory");
}

/* The hash of an edge's identity (from, type, to, source, evidence). */
static uint64_t
identity_hash(const zg_edge_info *e)
{
    uint64_t h = ((uint64_t)e->from << 32 | e->to) ^ (uint64_t)e->type << 16;

    h = (h ^ (e->source ? map_hash(e->source) : 1)) * 0x9e3779b97f4a7c15u;
    h = (h ^ (e->evidence ? map_hash(e->evidence) : 1)) * 0x9e3779b97f4a7c15u;
    return h ^ h >> 29;
}

static int
same_text(const char *a, const char *b)
{
    return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* Put new edge `id` into im->added, or say which edge of the same
 * identity is there: ZG_NO_ID when none (and `id` is put). Fails (0) when
 * out of memory. */
static int
added_put(imp *im, zg_id id, zg_id *there)
{
    zg_edge_info a, b;
    size_t i, mask;

    if (2 * (im->n_added + 1) > im->cap_added) {
        size_t cap = im->cap_added ? 2 * im->cap_added : 256;
        zg_id *t = malloc(cap * sizeof *t);
        if (t == NULL)
            return 0;
        for (i = 0; i < cap; i++)
            t[i] = ZG_NO_ID;
        for (size_t j = 0; j < im->cap_added; j++) {
            if (im->added[j] == ZG_NO_ID)
                continue;
            zg_graph_edge_get(im->g, im->added[j], &b);
            for (i = identity_hash(&b) & (cap - 1); t[i] != ZG_NO_ID;
                 i = (i + 1) & (cap - 1))
                ;
            t[i] = im->added[j];
        }
        free(im->added);
        im->added = t;
        im->cap_added = cap;
    }
    mask = im->cap_added - 1;
    zg_graph_edge_get(im->g, id, &a);
    for (i = identity_hash(&a) & mask; im->added[i] != ZG_NO_ID;
         i = (i + 1) & mask) {
        zg_graph_edge_get(im->g, im->added[i], &b);
        if (a.from == b.from && a.type == b.type && a.to == b.to &&
            same_text(a.source, b.source) &&
            same_text(a.evidence, b.evidence)) {
            *there = im->added[i];
            return 1;
        }
    }
    im->added[i] = id;
    im->n_added++;
    *there = ZG_NO_ID;
    return 1;
}

/* In a checking import, whether `r`, just added as new edge `id`, repeats
 * a relation of the file added before it; then reported (the import goes
 * on with the next relation). Other imports leave repeats to the end of
 * the file (first_repeat()). */
static int
repeated(imp *im, const prel *r, zg_id id)
{
    zg_id there;

    if (im->diags == NULL)
        return 0;
    if (!added_put(im, id, &there)) {
        zg_imp__fail_at(im, ZG_ERR_NOMEM, r->at, "out of memory");
        return 1;
    }
    if (there == ZG_NO_ID)
        return 0;
    report_repeat(im, r->at, id);
    return 1;
}

/* Add relation `r`, kept until the end of the file. */
static void
add_late(imp *im, prel *r)
{
    zg_error e = {0};
    zg_id id;

    r->info.from = zg_graph_node_by_key(im->g, r->from);
    r->info.to = zg_graph_node_by_key(im->g, r->to);
    r->info.type = zg_graph_reltype_by_name(im->g, r->type);
    /* A checking import goes on with the next relation after an error,
     * and says nothing of references to what failed to be declared. */
    if (r->info.from == ZG_NO_ID || r->info.to == ZG_NO_ID) {
        const char *bad = r->info.from == ZG_NO_ID ? r->from : r->to;
        if (!zg_imp__skipped(im, 'n', r->from) &&
            !zg_imp__skipped(im, 'n', r->to))
            zg_imp__fail_at(im, ZG_ERR_INVALID, r->at,
                            "relation refers to unknown node '%s'", bad);
        return;
    }
    if (r->info.type == ZG_NO_ID) {
        if (!zg_imp__skipped(im, 'r', r->type))
            zg_imp__fail_at(im, ZG_ERR_INVALID, r->at,
                            "unknown relation type '%s'", r->type);
        return;
    }
    if (zg_graph_add_edge(im->g, &r->info, &id, &e) != ZG_OK) {
        zg_imp__fail_graph(im, r->at, &e);
        return;
    }
    if (id >= im->first_edge && repeated(im, r, id))
        return;
    if (id >= im->first_edge) {
        if (!note_edge(im, id, r->at)) {
            zg_imp__fail_at(im, ZG_ERR_NOMEM, r->at, "out of memory");
            return;
        }
        if (im->n_late == im->cap_late) {
            size_t cap = im->cap_late ? 2 * im->cap_late : 64;
            uint32_t *t = realloc(im->late_before, cap * sizeof *t);
            if (t == NULL) {
                zg_imp__fail_at(im, ZG_ERR_NOMEM, r->at, "out of memory");
                return;
            }
            im->late_before = t;
            im->cap_late = cap;
        }
        im->late_before[im->n_late++] = r->before;
    }
    for (pprop *p = r->props; p && im->st == ZG_OK; p = p->next) {
        zg_error_clear(&e);
        if (zg_graph_add_edge_prop(im->g, id, &p->p, &e) != ZG_OK)
            zg_imp__fail_graph(im, p->at, &e);
    }
    cite_props(im, r->props);
    im->n_rels++;
}

/* Give the edges of the relations added at the end of the file their
 * places among those added as they came: the order of the file. */
static void
restore_order(imp *im)
{
    size_t n = (size_t)im->n_early + im->n_late, i = 0, j = 0;
    zg_error e = {0};
    zg_id *order;

    if (im->n_late == 0 || im->late_before[0] >= im->n_early)
        return; /* all of them come after the others */
    if ((order = malloc(n * sizeof *order)) == NULL) {
        zg_imp__fail_at(im, ZG_ERR_NOMEM, zg_imp__here(im), "out of memory");
        return;
    }
    for (size_t o = 0; o < n; o++)
        if (j < im->n_late && (i == im->n_early || im->late_before[j] <= i))
            order[o] = (zg_id)(im->first_edge + im->n_early + j++);
        else
            order[o] = (zg_id)(im->first_edge + i++);
    if (zg_graph_order_edges(im->g, order, n, &e) != ZG_OK)
        zg_imp__fail_graph(im, zg_imp__here(im), &e);
    free(order);
}

static int
pos_before(pos a, pos b)
{
    return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* The repeated relation that comes first in the file. */
typedef struct repeat_at {
    const imp *im;
    zg_id e;
    pos at;
} repeat_at;

static void
note_repeat(void *ctx, zg_id e)
{
    repeat_at *f = ctx;
    pos at = f->im->edge_at[e - f->im->first_edge];

    if (f->e == ZG_NO_ID || pos_before(at, f->at)) {
        f->e = e;
        f->at = at;
    }
}

/* Find the relations of the file that repeat one before them, and report
 * the first unless the relation of the error reported already (at
 * `bound`, NULL: none) comes before it: the first error in the order of
 * the file wins, and a relation that repeats another fails at its start,
 * before its properties. */
static void
first_repeat(imp *im, const pos *bound)
{
    repeat_at f = {im, ZG_NO_ID, {0, 0}};
    zg_error e = {0};

    if (zg_graph_edge_repeats(im->g, note_repeat, &f, &e) != ZG_OK) {
        if (im->st == ZG_OK)
            zg_imp__fail_graph(im, zg_imp__here(im), &e);
        return;
    }
    if (f.e == ZG_NO_ID || (bound != NULL && pos_before(*bound, f.at)))
        return;
    if (im->st != ZG_OK) { /* the late relation's error comes after it */
        zg_error_clear(im->err);
        im->st = ZG_OK;
    }
    zg_error_clear(&im->held);
    report_repeat(im, f.at, f.e);
}

/* Whether `st` is no error or an error in what the file says. */
static int
content_only(zg_status st)
{
    return st == ZG_OK || st == ZG_ERR_INVALID;
}

/* Add the relations kept until the end of the file, those before a held
 * error only: the first error in the order of the file is the one
 * reported. */
static void
add_relations(imp *im)
{
    const prel *stop = NULL; /* the late relation that failed */

    for (prel *r = im->rels; r && im->st == ZG_OK; r = r->next) {
        if (im->held.status != ZG_OK && r->rank > im->held_rank)
            break;
        add_late(im, r);
        if (im->st != ZG_OK)
            stop = r;
    }
    /* After a shortage, a limit or an I/O error, not every new edge has
     * its place, and that error is reported whatever comes first. */
    if (im->diags == NULL && content_only(im->st) &&
        content_only(im->held.status))
        first_repeat(im, stop                       ? &stop->at
                         : im->held.status != ZG_OK ? &im->held_rel_at
                                                    : NULL);
    if (im->st == ZG_OK && im->held.status != ZG_OK)
        zg_imp__fail_graph(im, im->held_at, &im->held);
    if (im->st == ZG_OK)
        restore_order(im);
}

/* ---- driver ---- */

void
zg_import_default_limits(zg_import_limits *out)
{
    out->max_bytes = ZG_IMPORT_MAX_BYTES;
    out->max_depth = ZG_IMPORT_MAX_DEPTH;
    out->max_attrs = ZG_IMPORT_MAX_ATTRS;
    out->max_text = ZG_IMPORT_MAX_TEXT;
    out->max_default_bytes = 0;
    out->max_node_types = ZG_IMPORT_MAX_NODE_TYPES;
}

/* The limits in force: `lim` (may be NULL) over the defaults. */
static void
set_limits(zg_import_limits *out, const zg_import_limits *lim)
{
    const unsigned stack = sizeof((imp *)0)->stack / sizeof(kind);

    zg_import_default_limits(out);
    if (lim && lim->max_bytes)
        out->max_bytes = lim->max_bytes;
    if (lim && lim->max_depth)
        out->max_depth = lim->max_depth < stack ? lim->max_depth : stack;
    if (lim && lim->max_attrs)
        out->max_attrs = lim->max_attrs;
    if (lim && lim->max_text)
        out->max_text = lim->max_text < XML_MAX_TEXT_LENGTH
                            ? lim->max_text
                            : XML_MAX_TEXT_LENGTH;
    if (lim)
        out->max_default_bytes = lim->max_default_bytes;
    if (lim && lim->max_node_types)
        out->max_node_types = lim->max_node_types;
}

/* Refuse an input of `size` bytes before reading it, as the streaming
 * check in sax_pass() would after reading max_bytes of it. */
static zg_status
check_size(const char *name, size_t size, const zg_import_limits *lim,
           zg_error *err)
{
    zg_import_limits l;

    set_limits(&l, lim);
    if (size > l.max_bytes)
        return zg_error_set(err, ZG_ERR_LIMIT, name, 0, 0,
                            "input is larger than the limit of %zu bytes (it "
                            "has %zu)",
                            l.max_bytes, size);
    return ZG_OK;
}

typedef ssize_t (*reader_fn)(void *src, char *buf, size_t n);

/* A file being imported: the descriptor, and what fstat() said at open. */
typedef struct fd_src {
    int fd;
    struct stat st;
} fd_src;

typedef struct mem_src {
    const char *data;
    size_t len, off;
} mem_src;

static ssize_t
read_mem(void *src, char *buf, size_t n)
{
    mem_src *m = src;
    size_t k = m->len - m->off < n ? m->len - m->off : n;

    memcpy(buf, m->data + m->off, k);
    m->off += k;
    return (ssize_t)k;
}

static ssize_t
read_fd(void *src, char *buf, size_t n)
{
    ssize_t k;

    do
        k = read(((fd_src *)src)->fd, buf, n);
    while (k < 0 && errno == EINTR);
    return k;
}

static const int parse_options = XML_PARSE_NONET | XML_PARSE_NOCDATA;

/* Give `n` bytes to the parser (terminate: the last call). The parser
 * can stop without reporting anything: 2.9.14's xmlParseChunk() halts on
 * an encoder error and only prints to the generic error channel. */
static void
parse_chunk(imp *im, const char *data, size_t n, int terminate)
{
    int rc = xmlParseChunk(im->ctxt, data, (int)n, terminate);

    if (im->st != ZG_OK)
        return;
    if (rc != 0 || im->ctxt->instate == XML_PARSER_EOF ||
        im->ctxt->disableSAX) {
        if (im->generic[0])
            zg_imp__fail_at(im, ZG_ERR_PARSE, zg_imp__here(im),
                            "malformed XML: %s", im->generic);
        else if (rc != 0 || !terminate)
            zg_imp__fail_at(
                im, ZG_ERR_PARSE, zg_imp__here(im),
                "malformed XML: the parser stopped (libxml2 error %d)", rc);
    }
}

/* The parse over `rd`: SAX into the open transaction, every chunk
 * through the input guard first. */
static void
sax_pass(imp *im, reader_fn rd, void *src)
{
    xmlSAXHandler sax;
    char *buf = malloc(CHUNK);
    size_t total = 0;
    ssize_t k = 0;
    guard gd;

    zg_imp__guard_init(&gd, im->lim.max_attrs, im->lim.max_text);
    if (buf == NULL) {
        zg_imp__fail_at(im, ZG_ERR_NOMEM, zg_imp__here(im), "out of memory");
        return;
    }
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.comment = on_comment;
    sax.processingInstruction = on_pi;
    sax.internalSubset = on_internal_subset;
    sax.getEntity = on_get_entity;
    sax.serror = on_error;
    im->ctxt = xmlCreatePushParserCtxt(&sax, im, NULL, 0, im->name);
    if (im->ctxt == NULL) {
        free(buf);
        zg_imp__fail_at(im, ZG_ERR_NOMEM, zg_imp__here(im), "out of memory");
        return;
    }
    xmlCtxtUseOptions(im->ctxt, parse_options);
    while (im->st == ZG_OK && (k = rd(src, buf, CHUNK)) > 0) {
        size_t before = total;
        total += (size_t)k;
        if (total > im->lim.max_bytes) {
            zg_imp__fail_at(im, ZG_ERR_LIMIT, zg_imp__here(im),
                            "input is larger than the limit of %zu bytes",
                            im->lim.max_bytes);
            break;
        }
        if (zg_imp__guard_feed(&gd, buf, (size_t)k, 0)) {
            parse_chunk(im, buf, (size_t)k, 0);
            continue;
        }
        /* what comes before the problem still goes to the parser, so
         * that an earlier error is the one reported */
        if (gd.bad_off > before)
            parse_chunk(im, buf, gd.bad_off - before, 0);
        zg_imp__fail_at(im, gd.status, gd.at, "%s", gd.msg);
    }
    if (im->st == ZG_OK && k < 0)
        zg_imp__fail_at(im, ZG_ERR_IO, zg_imp__here(im), "read error: %s",
                        strerror(errno));
    if (im->st == ZG_OK && total == 0)
        zg_imp__fail_at(im, ZG_ERR_PARSE, zg_imp__here(im),
                        "the file is empty");
    if (im->st == ZG_OK && !zg_imp__guard_feed(&gd, NULL, 0, 1))
        zg_imp__fail_at(im, gd.status, gd.at, "%s", gd.msg);
    if (im->st == ZG_OK)
        parse_chunk(im, NULL, 0, 1);
    if (im->st == ZG_OK && !im->ctxt->wellFormed)
        zg_imp__fail_at(im, ZG_ERR_PARSE, zg_imp__here(im), "malformed XML");
    if (im->st == ZG_OK)
        add_relations(im);
    zg_imp__guard_free(&gd);
    free(buf);
}

/* The end of a checking import: sort the list, and give `err` the first
 * error by position. */
static void
finish_check(imp *im)
{
    zg_diags *d = im->diags;

    zg_diags_sort(d);
    if (im->st == ZG_OK || d->count == 0 ||
        (d->items[0].severity != ZG_SEVERITY_ERROR && !d->strict))
        return;
    if (im->err && im->err->status == ZG_OK)
        zg_error_set(im->err, d->items[0].status, im->name, d->items[0].line,
                     d->items[0].column, "%s", d->items[0].msg);
}

/* Import `size` bytes, named `name` in messages, read with `rd` from
 * `src`. */
static zg_status
run(zg_graph *g, const char *name, size_t size, const zg_import_limits *lim,
    zg_diags *diags, zg_error *err, reader_fn rd, void *src)
{
    imp im;
    xmlExternalEntityLoader old_loader = xmlGetExternalEntityLoader();
    xmlGenericErrorFunc old_generic;
    void *old_generic_ctx;
    zg_error gerr = {0};

    memset(&im, 0, sizeof im);
    im.g = g;
    im.name = name;
    im.err = err;
    im.diags = diags;
    im.rels_tail = &im.rels;
    im.input_size = size;
    zg_arena_init(&im.mem);
    set_limits(&im.lim, lim);
    if (zg_graph_begin(g, &gerr) != ZG_OK) {
        pos at = {0, 0};
        zg_imp__fail_graph(&im, at, &gerr);
        return im.st;
    }
    im.first_edge = zg_graph_edge_count(g);
    old_generic = xmlGenericError;
    old_generic_ctx = xmlGenericErrorContext;
    generic_im = &im;
    xmlSetGenericErrorFunc(&im, on_generic);
    xmlSetExternalEntityLoader(deny_loader);
    sax_pass(&im, rd, src);
    if (im.ctxt) {
        xmlFreeParserCtxt(im.ctxt);
        im.ctxt = NULL;
    }
    if (im.diags && im.st == ZG_OK) {
        warn_unused_sources(&im);
        warn_alias_names(&im);
    }
    xmlSetExternalEntityLoader(old_loader);
    xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
    generic_im = NULL;
    if (im.st == ZG_OK &&
        (im.n_errors || (diags && diags->strict && diags->warnings)))
        im.st = ZG_ERR_INVALID; /* content errors, or warnings when strict:
                                   nothing is committed */
    free(im.edge_at); /* before commit's index: less memory at a time */
    im.edge_at = NULL;
    if (im.st == ZG_OK && zg_graph_commit(g, &gerr) != ZG_OK) {
        pos at = {0, 0};
        zg_imp__fail_graph(&im, at, &gerr);
    }
    if (im.diags)
        finish_check(&im);
    if (im.st != ZG_OK && im.st != ZG_ERR_NOMEM && im.oom) {
        /* libxml2 ran out of memory and went on to report something else:
         * the shortage is the cause. */
        char was[sizeof err->msg];
        snprintf(was, sizeof was, "%s", err ? err->msg : "");
        zg_error_clear(err);
        zg_error_set(err, ZG_ERR_NOMEM, name, 0, 0,
                     "out of memory (in libxml2; it then reported: %.300s)",
                     was);
        im.st = ZG_ERR_NOMEM;
    }
    if (im.st != ZG_OK)
        zg_graph_rollback(g);
    zg_imp__graphml_free(&im);
    free(im.text);
    free(im.aliases);
    free(im.sources);
    map_free(im.skipped);
    free(im.skipped);
    map_free(im.cited);
    free(im.cited);
    map_free(im.waiting);
    free(im.waiting);
    free(im.late_before);
    free(im.edge_at);
    free(im.added);
    zg_arena_free(&im.mem);
    return im.st;
}

/* What a file that is not a regular one is, for the message. */
static const char *
file_kind(mode_t m)
{
    if (S_ISDIR(m))
        return "a directory";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    if (S_ISSOCK(m))
        return "a socket";
    return "a special file";
}

zg_status
zg_import_xml_memory(zg_graph *g, const char *data, size_t len,
                     const char *name, const zg_import_limits *lim,
                     zg_error *err)
{
    mem_src m = {data, len, 0};

    name = name ? name : "<memory>";
    if (len > INT32_MAX)
        return zg_error_set(err, ZG_ERR_LIMIT, name, 0, 0,
                            "input is larger than 2 GiB");
    if (check_size(name, len, lim, err) != ZG_OK)
        return ZG_ERR_LIMIT;
    return run(g, name, len, lim, NULL, err, read_mem, &m);
}

/* A failure before the parse started, in a checking import's list. */
static zg_status
check_early(zg_status st, zg_diags *diags, const zg_error *err)
{
    if (st != ZG_OK && diags && diags->errors == 0 &&
        !(diags->strict && diags->warnings) && err)
        zg_diags_add(diags, ZG_SEVERITY_ERROR, st, code_of(st, "%s", err->msg),
                     err->line, err->column, err->msg);
    return st;
}

zg_status
zg_import_xml_memory_check(zg_graph *g, const char *data, size_t len,
                           const char *name, const zg_import_limits *lim,
                           zg_diags *diags, zg_error *err)
{
    mem_src m = {data, len, 0};
    zg_error local = {0};

    if (err == NULL)
        err = &local;
    name = name ? name : "<memory>";
    if (len > INT32_MAX)
        return check_early(zg_error_set(err, ZG_ERR_LIMIT, name, 0, 0,
                                        "input is larger than 2 GiB"),
                           diags, err);
    if (check_size(name, len, lim, err) != ZG_OK)
        return check_early(ZG_ERR_LIMIT, diags, err);
    return run(g, name, len, lim, diags, err, read_mem, &m);
}

static zg_status import_file(zg_graph *g, const char *path,
                             const zg_import_limits *lim, zg_diags *diags,
                             zg_error *err);

zg_status
zg_import_xml_file(zg_graph *g, const char *path, const zg_import_limits *lim,
                   zg_error *err)
{
    return import_file(g, path, lim, NULL, err);
}

zg_status
zg_import_xml_file_check(zg_graph *g, const char *path,
                         const zg_import_limits *lim, zg_diags *diags,
                         zg_error *err)
{
    zg_error local = {0};
    zg_status st;

    if (err == NULL)
        err = &local;
    st = import_file(g, path, lim, diags, err);
    return check_early(st, diags, err);
}

static zg_status
import_file(zg_graph *g, const char *path, const zg_import_limits *lim,
            zg_diags *diags, zg_error *err)
{
    fd_src f;
    size_t size;
    int flags;
    zg_status st;

    /* Non-blocking, so that a FIFO without a writer cannot hang the open;
     * no controlling terminal from a tty either. Only a regular file gets
     * read: its size is known before the first byte. */
    f.fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (f.fd < 0)
        return zg_error_set(err, ZG_ERR_IO, path, 0, 0, "cannot open: %s",
                            strerror(errno));
    if (fstat(f.fd, &f.st) != 0) {
        st = zg_error_set(err, ZG_ERR_IO, path, 0, 0, "cannot stat: %s",
                          strerror(errno));
        goto out;
    }
    if (!S_ISREG(f.st.st_mode)) {
        st = zg_error_set(err, ZG_ERR_IO, path, 0, 0,
                          "%s, not a regular file: zonegraph reads data "
                          "only from regular files",
                          file_kind(f.st.st_mode));
        goto out;
    }
    size = (uintmax_t)f.st.st_size > SIZE_MAX ? SIZE_MAX : (size_t)f.st.st_size;
    st = check_size(path, size, lim, err);
    if (st != ZG_OK)
        goto out;
    flags = fcntl(f.fd, F_GETFL);
    if (flags < 0 || fcntl(f.fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
        st = zg_error_set(err, ZG_ERR_IO, path, 0, 0, "cannot read: %s",
                          strerror(errno));
        goto out;
    }
    st = run(g, path, size, lim, diags, err, read_fd, &f);
out:
    close(f.fd);
    return st;
}

const char *
zg_import_schema(void)
{
    return zg_schema_rng;
}
