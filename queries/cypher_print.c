/* SPDX-License-Identifier: MIT */
/*
 * The tree of a Cypher-style query written as one line of S-expressions,
 * for tests and EXPLAIN:  (kind flags... name kids...), a missing kid as
 * `_`. Names are written bare when they are plain words, else between
 * back-quotes; strings between double quotes with \" \\ and controls
 * escaped; floats in the shortest form that reads back the same. The
 * form is stable: tests compare it as text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cypher_internal.h"

static const char *const kind_names[ZG_CN_KIND_COUNT] = {
    [ZG_CN_QUERY] = "query",
    [ZG_CN_UNION] = "union",
    [ZG_CN_SINGLE] = "single",
    [ZG_CN_MATCH] = "match",
    [ZG_CN_UNWIND] = "unwind",
    [ZG_CN_WITH] = "with",
    [ZG_CN_RETURN] = "return",
    [ZG_CN_CALL] = "call",
    [ZG_CN_ARGS] = "args",
    [ZG_CN_YIELD] = "yield",
    [ZG_CN_CREATE] = "create",
    [ZG_CN_MERGE] = "merge",
    [ZG_CN_ON_CREATE] = "on-create",
    [ZG_CN_ON_MATCH] = "on-match",
    [ZG_CN_SET] = "set",
    [ZG_CN_SET_ITEM] = "set-item",
    [ZG_CN_DELETE] = "delete",
    [ZG_CN_REMOVE] = "remove",
    [ZG_CN_FOREACH] = "foreach",
    [ZG_CN_ITEM] = "item",
    [ZG_CN_ORDER] = "order-by",
    [ZG_CN_SORT] = "sort",
    [ZG_CN_SKIP] = "skip",
    [ZG_CN_LIMIT] = "limit",
    [ZG_CN_WHERE] = "where",
    [ZG_CN_PATH] = "path",
    [ZG_CN_NODE] = "node",
    [ZG_CN_REL] = "rel",
    [ZG_CN_LABEL] = "label",
    [ZG_CN_TYPE] = "type",
    [ZG_CN_RANGE] = "range",
    [ZG_CN_OR] = "or",
    [ZG_CN_XOR] = "xor",
    [ZG_CN_AND] = "and",
    [ZG_CN_NOT] = "not",
    [ZG_CN_COMPARE] = "compare",
    [ZG_CN_OP] = "op",
    [ZG_CN_BINARY] = "binary",
    [ZG_CN_NEG] = "neg",
    [ZG_CN_POS] = "pos",
    [ZG_CN_IS_NULL] = "is-null",
    [ZG_CN_IS_NOT_NULL] = "is-not-null",
    [ZG_CN_PROP] = "prop",
    [ZG_CN_HAS_LABELS] = "has-labels",
    [ZG_CN_INDEX] = "index",
    [ZG_CN_SLICE] = "slice",
    [ZG_CN_VAR] = "var",
    [ZG_CN_PARAM] = "param",
    [ZG_CN_INT] = "int",
    [ZG_CN_FLOAT] = "float",
    [ZG_CN_STRING] = "str",
    [ZG_CN_TRUE] = "true",
    [ZG_CN_FALSE] = "false",
    [ZG_CN_NULL] = "null",
    [ZG_CN_LIST] = "list",
    [ZG_CN_MAP] = "map",
    [ZG_CN_ENTRY] = "entry",
    [ZG_CN_CALL_FN] = "fn",
    [ZG_CN_COUNT_STAR] = "count-star",
    [ZG_CN_CASE] = "case",
    [ZG_CN_WHEN] = "when",
    [ZG_CN_LIST_COMP] = "list-comp",
    [ZG_CN_QUANTIFIER] = "quantifier",
    [ZG_CN_PATTERN_COMP] = "pattern-comp",
    [ZG_CN_PATTERN] = "pattern",
    [ZG_CN_EXISTS] = "exists",
    [ZG_CN_MAP_PROJ] = "map-proj",
    [ZG_CN_PROJ_PROP] = "proj-prop",
    [ZG_CN_PROJ_ALL] = "proj-all",
    [ZG_CN_PROJ_VAR] = "proj-var",
};

const char *
zg_cypher__kind_name(zg_cypher_kind k)
{
    if ((unsigned)k >= ZG_CN_KIND_COUNT || kind_names[k] == NULL)
        return "?";
    return kind_names[k];
}

static const struct {
    unsigned flag;
    const char *name;
} flag_names[] = {{ZG_CF_EXPLAIN, "explain"},
                  {ZG_CF_OPTIONAL, "optional"},
                  {ZG_CF_DETACH, "detach"},
                  {ZG_CF_DISTINCT, "distinct"},
                  {ZG_CF_ALL, "all"},
                  {ZG_CF_STAR, "*"},
                  {ZG_CF_DESC, "desc"},
                  {ZG_CF_SHORTEST, "shortest"},
                  {ZG_CF_ALL_SHORTEST, "all-shortest"}};

/* A name as a bare word when it is one (ASCII letters, digits and '_',
 * not starting with a digit, or any non-ASCII byte; with `dots`, '.' too,
 * for the dotted names of functions and procedures), else back-quoted
 * with a back-quote doubled and a control character as \uXXXX, so the
 * line stays one line. */
static int
add_name_dots(zg_strbuf *b, const char *s, int dots)
{
    const char *q;
    int plain = s[0] && !(s[0] >= '0' && s[0] <= '9');

    for (q = s; *q && plain; q++)
        plain = (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
                (*q >= '0' && *q <= '9') || *q == '_' || (dots && *q == '.') ||
                (unsigned char)*q >= 0x80;
    if (plain)
        return zg_strbuf_add(b, s);
    if (zg_strbuf_add(b, "`") != 0)
        return -1;
    for (q = s; *q; q++) {
        char esc[8];
        if ((unsigned char)*q < 0x20 || *q == 0x7F) {
            snprintf(esc, sizeof esc, "\\u%04X", (unsigned char)*q);
            if (zg_strbuf_add(b, esc) != 0)
                return -1;
        } else if (zg_strbuf_addn(b, q, 1) != 0 ||
                   (*q == '`' && zg_strbuf_add(b, "`") != 0)) {
            return -1;
        }
    }
    return zg_strbuf_add(b, "`");
}

static int
add_name(zg_strbuf *b, const char *s)
{
    return add_name_dots(b, s, 0);
}

static int
add_string(zg_strbuf *b, const char *s, size_t n)
{
    char esc[8];
    size_t i;

    if (zg_strbuf_add(b, "\"") != 0)
        return -1;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *e = NULL;
        if (c == '"')
            e = "\\\"";
        else if (c == '\\')
            e = "\\\\";
        else if (c == '\n')
            e = "\\n";
        else if (c == '\t')
            e = "\\t";
        else if (c == '\r')
            e = "\\r";
        else if (c < 0x20 || c == 0x7F) {
            snprintf(esc, sizeof esc, "\\u%04X", c);
            e = esc;
        }
        if (e ? zg_strbuf_add(b, e) != 0 : zg_strbuf_addn(b, s + i, 1) != 0)
            return -1;
    }
    return zg_strbuf_add(b, "\"");
}

/* The shortest %g form that reads back as `d`, always with a '.' or an
 * exponent so it reads as a float. */
static int
add_float(zg_strbuf *b, double d)
{
    char buf[40];
    int prec;

    for (prec = 1; prec < 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    if (prec == 17)
        snprintf(buf, sizeof buf, "%.17g", d);
    if (strchr(buf, 'e') && d > -1e16 && d < 1e16 && d == (double)(int64_t)d)
        snprintf(buf, sizeof buf, "%.1f", d);
    if (strpbrk(buf, ".eEn") == NULL)
        strcat(buf, ".0");
    return zg_strbuf_add(b, buf);
}

static int
add_bound(zg_strbuf *b, int64_t v)
{
    char buf[32];

    if (v < 0)
        return zg_strbuf_add(b, " _");
    snprintf(buf, sizeof buf, " %lld", (long long)v);
    return zg_strbuf_add(b, buf);
}

/* What follows the kind: flags, direction, name, value. */
static int
add_attributes(const zg_cypher_node *n, zg_strbuf *b)
{
    char buf[32];
    size_t i;
    int r = 0;

    for (i = 0; i < sizeof flag_names / sizeof flag_names[0]; i++)
        if (n->flags & flag_names[i].flag)
            r |= zg_strbuf_add(b, " ") | zg_strbuf_add(b, flag_names[i].name);
    if (n->kind == ZG_CN_REL)
        r |= zg_strbuf_add(b, (n->flags & ZG_CF_LEFT)
                                  ? ((n->flags & ZG_CF_RIGHT) ? " <->" : " <-")
                              : (n->flags & ZG_CF_RIGHT) ? " ->"
                                                         : " --");
    switch (n->kind) {
    case ZG_CN_INT:
        snprintf(buf, sizeof buf, " %lld", (long long)n->ival);
        return r | zg_strbuf_add(b, buf);
    case ZG_CN_FLOAT: return r | zg_strbuf_add(b, " ") | add_float(b, n->fval);
    case ZG_CN_STRING:
        return r | zg_strbuf_add(b, " ") | add_string(b, n->text, n->len);
    case ZG_CN_RANGE: return r | add_bound(b, n->ival) | add_bound(b, n->max);
    case ZG_CN_PARAM:
        r |= zg_strbuf_add(b, " $");
        if (n->text[0] != '\0' &&
            strspn(n->text, "0123456789") == strlen(n->text))
            return r | zg_strbuf_add(b, n->text);
        return r | add_name(b, n->text);
    case ZG_CN_ITEM: return r;
    default: break;
    }
    if (n->text == NULL)
        return r;
    if (n->kind == ZG_CN_BINARY || n->kind == ZG_CN_SET_ITEM)
        return r | zg_strbuf_add(b, " ") | zg_strbuf_add(b, n->text);
    if (n->kind == ZG_CN_CALL || n->kind == ZG_CN_CALL_FN)
        return r | zg_strbuf_add(b, " ") | add_name_dots(b, n->text, 1);
    return r | zg_strbuf_add(b, " ") | add_name(b, n->text);
}

int
zg_cypher__print(const zg_cypher_node *n, zg_strbuf *b)
{
    size_t i;
    int r = 0;

    if (n == NULL)
        return zg_strbuf_add(b, "_");
    if (n->kind == ZG_CN_OP)
        return zg_strbuf_add(b, n->text);
    r |=
        zg_strbuf_add(b, "(") | zg_strbuf_add(b, zg_cypher__kind_name(n->kind));
    r |= add_attributes(n, b);
    for (i = 0; i < n->n_kids; i++)
        r |= zg_strbuf_add(b, " ") | zg_cypher__print(n->kids[i], b);
    if (n->kind == ZG_CN_ITEM && n->text)
        r |= zg_strbuf_add(b, " as ") | add_name(b, n->text);
    r |= zg_strbuf_add(b, ")");
    return r ? -1 : 0;
}
