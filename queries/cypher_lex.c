/* SPDX-License-Identifier: MIT */
/*
 * The lexer of the Cypher-style query language: words (keywords are told
 * apart by the parser, case-insensitively), back-quoted names, numbers,
 * strings with their escapes resolved, parameters and punctuation, with
 * `//` and block comments skipped. Positions are 1-based lines and
 * columns counted in characters. Text that is not UTF-8, a NUL byte, an
 * unknown escape or an unterminated string or comment is an error at its
 * position. One pass over the text, so time is linear in its length.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "cypher_internal.h"

typedef struct lexer {
    zg_arena *a;
    const unsigned char *s;
    size_t len, pos;
    size_t start; /* where the token being read starts */
    unsigned line, column;
    zg_error *err;
    zg_cypher_token *t;
    size_t n, cap;
} lexer;

static zg_status lex_fail(lexer *lx, unsigned line, unsigned column,
                          const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static zg_status
lex_fail(lexer *lx, unsigned line, unsigned column, const char *fmt, ...)
{
    char msg[400];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return zg_error_set(lx->err, ZG_ERR_PARSE, NULL, line, column, "%u:%u: %s",
                        line, column, msg);
}

static zg_status
nomem(lexer *lx)
{
    return zg_error_set(lx->err, ZG_ERR_NOMEM, NULL, 0, 0,
                        "out of memory while reading the query");
}

/* The code point at `lx->pos` in `*cp` and its length, or 0 when the bytes
 * there are not UTF-8 (overlong forms, surrogates and values past U+10FFFF
 * included). */
static size_t
decode(const lexer *lx, size_t at, uint32_t *cp)
{
    const unsigned char *s = lx->s + at;
    size_t left = lx->len - at, n, i;
    uint32_t c = s[0], min;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, c &= 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, c &= 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, c &= 0x07, min = 0x10000;
    else
        return 0;
    if (left < n)
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

/* The character at the current position, refusing bytes that are not
 * UTF-8 and NUL bytes; its length in `*n`. */
static zg_status
current(lexer *lx, uint32_t *cp, size_t *n)
{
    *n = decode(lx, lx->pos, cp);
    if (*n == 0)
        return lex_fail(lx, lx->line, lx->column,
                        "byte 0x%02X is not valid UTF-8", lx->s[lx->pos]);
    if (*cp == 0)
        return lex_fail(lx, lx->line, lx->column,
                        "a NUL byte is not allowed in a query");
    return ZG_OK;
}

/* Move past one character of `n` bytes. */
static void
advance(lexer *lx, uint32_t cp, size_t n)
{
    lx->pos += n;
    if (cp == '\n') {
        lx->line++;
        lx->column = 1;
    } else {
        lx->column++;
    }
}

static int
at(const lexer *lx, size_t k, char c)
{
    return lx->pos + k < lx->len && lx->s[lx->pos + k] == (unsigned char)c;
}

static zg_status
push(lexer *lx, zg_cypher_tok kind, const char *text, size_t len, unsigned line,
     unsigned column)
{
    zg_cypher_token *tok;

    if (lx->n == lx->cap) {
        size_t cap = lx->cap ? lx->cap * 2 : 64;
        zg_cypher_token *t = zg_arena_alloc(lx->a, cap * sizeof *t);
        if (t == NULL)
            return nomem(lx);
        if (lx->n)
            memcpy(t, lx->t, lx->n * sizeof *t);
        lx->t = t;
        lx->cap = cap;
    }
    tok = &lx->t[lx->n];
    memset(tok, 0, sizeof *tok);
    tok->kind = kind;
    tok->text = zg_arena_strndup(lx->a, text, len);
    if (tok->text == NULL)
        return nomem(lx);
    tok->len = len;
    tok->line = line;
    tok->column = column;
    tok->off = lx->start;
    tok->end = lx->pos;
    lx->n++;
    return ZG_OK;
}

static int
is_word_start(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    return uc_is_property_xid_start(c);
}

static int
is_word_part(uint32_t c)
{
    if (c < 0x80)
        return is_word_start(c) || (c >= '0' && c <= '9');
    return uc_is_property_xid_continue(c);
}

static int
is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* Skip white space (Unicode's, so an ideographic space U+3000 typed
 * with Chinese text separates words too) and comments. */
static zg_status
skip_space(lexer *lx)
{
    uint32_t cp;
    size_t n;

    while (lx->pos < lx->len) {
        unsigned char c = lx->s[lx->pos];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
            c == '\v') {
            advance(lx, c, 1);
        } else if (c == '/' && at(lx, 1, '/')) {
            while (lx->pos < lx->len && lx->s[lx->pos] != '\n') {
                ZG_TRY(current(lx, &cp, &n));
                advance(lx, cp, n);
            }
        } else if (c == '/' && at(lx, 1, '*')) {
            unsigned line = lx->line, column = lx->column;
            advance(lx, '/', 1);
            advance(lx, '*', 1);
            while (!(at(lx, 0, '*') && at(lx, 1, '/'))) {
                if (lx->pos >= lx->len)
                    return lex_fail(lx, line, column,
                                    "this comment is not closed with */");
                ZG_TRY(current(lx, &cp, &n));
                advance(lx, cp, n);
            }
            advance(lx, '*', 1);
            advance(lx, '/', 1);
        } else if (c >= 0x80 && decode(lx, lx->pos, &cp) &&
                   uc_is_property_white_space(cp)) {
            advance(lx, cp, decode(lx, lx->pos, &cp));
        } else {
            break;
        }
    }
    return ZG_OK;
}

static zg_status
lex_word(lexer *lx, zg_cypher_tok kind)
{
    unsigned line = lx->line, column = lx->column;
    size_t start = lx->pos, n;
    uint32_t cp;

    while (lx->pos < lx->len) {
        ZG_TRY(current(lx, &cp, &n));
        if (!is_word_part(cp))
            break;
        advance(lx, cp, n);
    }
    return push(lx, kind, (const char *)lx->s + start, lx->pos - start, line,
                column);
}

/* Bytes from the opening quote `q` at the current position to its closing
 * one (or to the end): the room its text needs at most, since an escape
 * never grows. A backslash in a string, or a doubled back-quote in a
 * name, hides the byte after it. */
static size_t
raw_span(const lexer *lx, unsigned char q)
{
    size_t i = lx->pos + 1;

    while (i < lx->len) {
        if (q != '`' && lx->s[i] == '\\')
            i += 2;
        else if (lx->s[i] == q && q == '`' && i + 1 < lx->len &&
                 lx->s[i + 1] == '`')
            i += 2;
        else if (lx->s[i] == q)
            break;
        else
            i++;
    }
    return (i < lx->len ? i : lx->len) - lx->pos;
}

/* `name` with a doubled back-quote standing for one; `` is the empty
 * name (a map may have the empty key). */
static zg_status
lex_quoted_name(lexer *lx, unsigned line, unsigned column, zg_cypher_tok kind)
{
    char *buf = zg_arena_alloc(lx->a, raw_span(lx, '`') + 1);
    size_t o = 0, n;
    uint32_t cp;

    if (buf == NULL)
        return nomem(lx);
    advance(lx, '`', 1);
    for (;;) {
        if (lx->pos >= lx->len)
            return lex_fail(lx, line, column,
                            "this back-quoted name is not closed with `");
        ZG_TRY(current(lx, &cp, &n));
        if (cp == '`' && !at(lx, 1, '`'))
            break;
        if (cp == '`')
            advance(lx, cp, 1);
        memcpy(buf + o, lx->s + lx->pos, n);
        o += n;
        advance(lx, cp, n);
    }
    advance(lx, '`', 1);
    return push(lx, kind, buf, o, line, column);
}

static int
hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* \uXXXX or \UXXXXXXXX at the backslash: `digits` hex digits naming a
 * Unicode scalar value, written into `o` as UTF-8; its length in `*w`. */
static zg_status
lex_unicode_escape(lexer *lx, unsigned digits, char *o, size_t *w)
{
    unsigned line = lx->line, column = lx->column, i;
    uint32_t c = 0;

    for (i = 0; i < digits; i++) {
        int h =
            lx->pos + 2 + i < lx->len ? hex_value(lx->s[lx->pos + 2 + i]) : -1;
        if (h < 0)
            return lex_fail(lx, line, column,
                            "\\%c must be followed by %u hexadecimal digits",
                            lx->s[lx->pos + 1], digits);
        c = c * 16 + (uint32_t)h;
    }
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return lex_fail(
            lx, line, column, "escape \\%c%.*s is not a Unicode character",
            lx->s[lx->pos + 1], (int)digits, (const char *)lx->s + lx->pos + 2);
    for (i = 0; i < digits + 2; i++)
        advance(lx, 'x', 1);
    *w = (size_t)u8_uctomb((uint8_t *)o, c, 4);
    return ZG_OK;
}

/* One escape at the backslash, written into `o`; its length in `*w`. */
static zg_status
lex_escape(lexer *lx, char *o, size_t *w)
{
    static const char from[] = "\\'\"bfnrt", to[] = "\\'\"\b\f\n\r\t";
    const char *k;
    int c = lx->pos + 1 < lx->len ? lx->s[lx->pos + 1] : 0;

    if (c == 'u')
        return lex_unicode_escape(lx, 4, o, w);
    if (c == 'U')
        return lex_unicode_escape(lx, 8, o, w);
    k = c ? strchr(from, c) : NULL;
    if (k == NULL) {
        if (c > 0x20 && c < 0x7F)
            return lex_fail(lx, lx->line, lx->column,
                            "unknown escape \\%c in a string", c);
        return lex_fail(lx, lx->line, lx->column,
                        "a backslash in a string must start an escape");
    }
    *o = to[k - from];
    *w = 1;
    advance(lx, '\\', 1);
    advance(lx, (uint32_t)c, 1);
    return ZG_OK;
}

static zg_status
lex_string(lexer *lx)
{
    unsigned line = lx->line, column = lx->column;
    unsigned char q = lx->s[lx->pos];
    char *buf = zg_arena_alloc(lx->a, raw_span(lx, q) + 1);
    size_t o = 0, n, w;
    uint32_t cp;

    if (buf == NULL)
        return nomem(lx);
    advance(lx, q, 1);
    for (;;) {
        if (lx->pos >= lx->len)
            return lex_fail(lx, line, column,
                            "this string is not closed with %c", q);
        ZG_TRY(current(lx, &cp, &n));
        if (cp == q)
            break;
        if (cp == '\\') {
            ZG_TRY(lex_escape(lx, buf + o, &w));
            o += w;
            continue;
        }
        memcpy(buf + o, lx->s + lx->pos, n);
        o += n;
        advance(lx, cp, n);
    }
    advance(lx, q, 1);
    return push(lx, ZG_CT_STRING, buf, o, line, column);
}

static zg_status
lex_number(lexer *lx)
{
    unsigned line = lx->line, column = lx->column;
    size_t start = lx->pos;
    zg_cypher_tok kind = ZG_CT_INT;
    uint32_t cp = 0;
    size_t n;

    if (at(lx, 0, '0') && (at(lx, 1, 'x') || at(lx, 1, 'o'))) {
        int hex = at(lx, 1, 'x');
        advance(lx, '0', 2);
        while (lx->pos < lx->len &&
               (hex ? hex_value(lx->s[lx->pos]) >= 0
                    : lx->s[lx->pos] >= '0' && lx->s[lx->pos] <= '7'))
            advance(lx, '0', 1);
        if (lx->pos == start + 2)
            return lex_fail(lx, line, column, "%s has no digits",
                            hex ? "hexadecimal number 0x" : "octal number 0o");
    } else {
        while (lx->pos < lx->len && is_digit(lx->s[lx->pos]))
            advance(lx, '0', 1);
        if (at(lx, 0, '.') && lx->pos + 1 < lx->len &&
            is_digit(lx->s[lx->pos + 1])) {
            kind = ZG_CT_FLOAT;
            advance(lx, '.', 1);
            while (lx->pos < lx->len && is_digit(lx->s[lx->pos]))
                advance(lx, '0', 1);
        }
        if (at(lx, 0, 'e') || at(lx, 0, 'E')) {
            size_t k = at(lx, 1, '+') || at(lx, 1, '-') ? 2 : 1;
            if (lx->pos + k >= lx->len || !is_digit(lx->s[lx->pos + k]))
                return lex_fail(lx, line, column,
                                "the exponent of a number has no digits");
            kind = ZG_CT_FLOAT;
            advance(lx, 'e', k);
            while (lx->pos < lx->len && is_digit(lx->s[lx->pos]))
                advance(lx, '0', 1);
        }
    }
    if (lx->pos < lx->len && decode(lx, lx->pos, &cp) && is_word_part(cp))
        return lex_fail(lx, line, column,
                        "a number runs into the name after it");
    (void)n;
    return push(lx, kind, (const char *)lx->s + start, lx->pos - start, line,
                column);
}

static zg_status
lex_param(lexer *lx)
{
    unsigned line = lx->line, column = lx->column;
    size_t start, n;
    uint32_t cp;

    advance(lx, '$', 1);
    if (at(lx, 0, '`'))
        return lex_quoted_name(lx, line, column, ZG_CT_PARAM);
    start = lx->pos;
    while (lx->pos < lx->len && decode(lx, lx->pos, &cp) && is_word_part(cp)) {
        n = decode(lx, lx->pos, &cp);
        advance(lx, cp, n);
    }
    if (lx->pos == start)
        return lex_fail(lx, line, column, "$ must be followed by a name");
    return push(lx, ZG_CT_PARAM, (const char *)lx->s + start, lx->pos - start,
                line, column);
}

static zg_status
lex_punct(lexer *lx, uint32_t cp)
{
    static const char *const two[] = {"<>", "<=", ">=", "=~", "..", "+="};
    static const char one[] = "()[]{},.:;|+-*/%^=<>";
    unsigned line = lx->line, column = lx->column;
    size_t i;

    for (i = 0; i < sizeof two / sizeof two[0]; i++)
        if (at(lx, 0, two[i][0]) && at(lx, 1, two[i][1])) {
            advance(lx, ' ', 2);
            return push(lx, ZG_CT_PUNCT, two[i], 2, line, column);
        }
    if (cp < 0x80 && cp && strchr(one, (int)cp)) {
        advance(lx, cp, 1);
        return push(lx, ZG_CT_PUNCT, (const char *)lx->s + lx->pos - 1, 1, line,
                    column);
    }
    if (cp >= 0x20 && cp < 0x7F)
        return lex_fail(lx, line, column, "unexpected character '%c'", cp);
    return lex_fail(lx, line, column, "unexpected character U+%04X", cp);
}

static zg_status
lex_one(lexer *lx)
{
    uint32_t cp;
    size_t n;
    unsigned char c = lx->s[lx->pos];

    ZG_TRY(current(lx, &cp, &n));
    if (is_digit(c) ||
        (c == '.' && lx->pos + 1 < lx->len && is_digit(lx->s[lx->pos + 1])))
        return lex_number(lx);
    if (is_word_start(cp))
        return lex_word(lx, ZG_CT_WORD);
    if (c == '`')
        return lex_quoted_name(lx, lx->line, lx->column, ZG_CT_QWORD);
    if (c == '\'' || c == '"')
        return lex_string(lx);
    if (c == '$')
        return lex_param(lx);
    return lex_punct(lx, cp);
}

/* Pair every opening bracket with its closing one, so the parser can look
 * past a parenthesis in one step. */
static zg_status
match_brackets(lexer *lx)
{
    size_t *stack = zg_arena_alloc(lx->a, (lx->n + 1) * sizeof *stack);
    size_t top = 0, i;

    if (stack == NULL)
        return nomem(lx);
    for (i = 0; i < lx->n; i++) {
        const zg_cypher_token *t = &lx->t[i];
        const char *open;
        if (t->kind != ZG_CT_PUNCT || t->len != 1)
            continue;
        if (strchr("([{", t->text[0])) {
            stack[top++] = i;
            continue;
        }
        open = t->text[0] == ')'   ? "("
               : t->text[0] == ']' ? "["
               : t->text[0] == '}' ? "{"
                                   : NULL;
        if (open == NULL || top == 0)
            continue;
        if (lx->t[stack[top - 1]].text[0] == open[0])
            lx->t[stack[--top]].match = i;
    }
    return ZG_OK;
}

zg_status
zg_cypher__lex(zg_arena *a, const char *src, size_t len, zg_cypher_token **out,
               size_t *n, zg_error *err)
{
    lexer lx;

    memset(&lx, 0, sizeof lx);
    lx.a = a;
    lx.s = (const unsigned char *)src;
    lx.len = len;
    lx.line = lx.column = 1;
    lx.err = err;
    for (;;) {
        ZG_TRY(skip_space(&lx));
        if (lx.pos >= lx.len)
            break;
        lx.start = lx.pos;
        ZG_TRY(lex_one(&lx));
    }
    lx.start = lx.pos;
    ZG_TRY(push(&lx, ZG_CT_END, "", 0, lx.line, lx.column));
    ZG_TRY(match_brackets(&lx));
    *out = lx.t;
    *n = lx.n;
    return ZG_OK;
}
