/* SPDX-License-Identifier: MIT */
/*
 * guard.c: the input guard of the XML importers (guard_internal.h says
 * what it checks and why).
 */
#include "guard_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
zg_imp__guard_init(guard *gd, unsigned max_attrs, size_t max_text)
{
    memset(gd, 0, sizeof *gd);
    gd->max_attrs = max_attrs;
    gd->max_text = max_text;
    gd->cd = (iconv_t)-1;
    gd->line = 1;
    gd->col = 1;
    for (int k = 0; k < G_RUN_STATES; k++) {
        /* the bytes each run state acts on; a newline moves the line */
        static const char *const special[G_RUN_STATES] = {
            "<\r\t ", "->", "]>", "?>", "\"'>",
            "\"",     "'",  ">",  "",   "\r\t /\"'=>"};
        memset(gd->plain[k], 1, sizeof gd->plain[k]);
        if (k == G_RUN_NAME)
            memset(gd->plain[k] + 0x80, 0, 0x80);
        gd->plain[k]['\n'] = 0;
        for (const char *c = special[k]; *c; c++)
            gd->plain[k][(unsigned char)*c] = 0;
        for (int j = 0; j < 4; j++) {
            /* newline, then the state's own bytes; a short list repeats
             * the newline */
            size_t n = strlen(special[k]);
            unsigned char b = j > 0 && (size_t)j <= n
                                  ? (unsigned char)special[k][j - 1]
                                  : '\n';
            gd->stop[k][j] = ZG_IMP_ONES * b;
        }
    }
}

void
zg_imp__guard_free(guard *gd)
{
    if (gd->cd != (iconv_t)-1)
        iconv_close(gd->cd);
    gd->cd = (iconv_t)-1;
}

static int guard_fail(guard *gd, zg_status st, pos at, size_t bad_off,
                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static int
guard_fail(guard *gd, zg_status st, pos at, size_t bad_off, const char *fmt,
           ...)
{
    va_list ap;

    if (gd->status != ZG_OK)
        return 0;
    gd->status = st;
    gd->at = at;
    gd->bad_off = bad_off;
    va_start(ap, fmt);
    vsnprintf(gd->msg, sizeof gd->msg, fmt, ap);
    va_end(ap);
    return 0;
}

/* `s` upper-cased without '-', '_', ' ' and '.', into out[size]. */
static void
enc_key(const char *s, char *out, size_t size)
{
    size_t n = 0;

    for (; *s && n + 1 < size; s++)
        if (!strchr("-_ .", *s))
            out[n++] = (char)((*s >= 'a' && *s <= 'z') ? *s - 32 : *s);
    out[n] = '\0';
}

static int
has_prefix(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

/* 1 if `cd` decodes tab, LF, CR and the printable ASCII characters, each
 * on its own, to themselves. */
static int
ascii_identity(iconv_t cd)
{
    for (int c = 0x09; c < 0x7f; c++) {
        char in = (char)c, out[8], *ip = &in, *op = out;
        size_t il = 1, ol = sizeof out;
        if (c > 0x0d && c < 0x20)
            continue;
        if (c == 0x0b || c == 0x0c)
            continue;
        iconv(cd, NULL, NULL, NULL, NULL);
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il != 0 ||
            op - out != 1 || out[0] != (char)c)
            return 0;
    }
    iconv(cd, NULL, NULL, NULL, NULL);
    return 1;
}

/* The XML declaration is complete (up to its "?>"): check and apply its
 * encoding. Returns 0 to stop. */
static int
guard_decl(guard *gd)
{
    const char *p = gd->decl, *v, *e;
    char key[64];
    pos at;
    size_t vlen;

    if (strncmp(p, "<?xml", 5) != 0 || !strchr(" \t\r\n", p[5]))
        return 1; /* a processing instruction, not the declaration */
    for (v = p + 5; (v = strstr(v, "encoding")) != NULL; v += 8)
        if (strchr(" \t\r\n", v[-1]))
            break;
    if (v == NULL)
        return 1; /* UTF-8, or UTF-16 as detected */
    v += 8;
    while (*v && strchr(" \t\r\n", *v))
        v++;
    if (*v++ != '=')
        return 1; /* malformed: the parser reports it */
    while (*v && strchr(" \t\r\n", *v))
        v++;
    if (*v != '"' && *v != '\'')
        return 1;
    e = strchr(v + 1, *v);
    if (e == NULL)
        return 1;
    at = gd->decl_at[e + 1 - p];
    v++;
    vlen = (size_t)(e - v);
    snprintf(gd->enc, sizeof gd->enc, "%.*s", (int)vlen, v);
    enc_key(gd->enc, key, sizeof key);
    /* XML's EncName: [A-Za-z] ([A-Za-z0-9._] | '-')*; no iconv suffixes
     * such as //IGNORE */
    if (vlen == 0 || vlen >= sizeof gd->enc ||
        !((*v | 0x20) >= 'a' && (*v | 0x20) <= 'z') ||
        strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                  "0123456789._-") < vlen)
        return guard_fail(gd, ZG_ERR_PARSE, at, gd->start,
                          "invalid encoding name '%.*s'",
                          (int)(vlen > 40 ? 40 : vlen), v);
    if (gd->form == G_UTF16LE || gd->form == G_UTF16BE) {
        if (strcmp(key, "UTF16") == 0 ||
            strcmp(key, gd->form == G_UTF16LE ? "UTF16LE" : "UTF16BE") == 0)
            return 1;
        return guard_fail(gd, ZG_ERR_PARSE, at, gd->start,
                          "the file is UTF-16%s but declares encoding '%s'",
                          gd->form == G_UTF16LE ? "LE" : "BE", gd->enc);
    }
    if (strcmp(key, "UTF8") == 0)
        return 1;
    if (gd->utf8_bom)
        return guard_fail(gd, ZG_ERR_PARSE, at, gd->start,
                          "the file starts with a UTF-8 byte order mark but "
                          "declares encoding '%s'",
                          gd->enc);
    if (has_prefix(key, "UTF16") || has_prefix(key, "UTF32") ||
        has_prefix(key, "UCS2") || has_prefix(key, "UCS4") ||
        has_prefix(key, "ISO10646") || has_prefix(key, "UNICODE"))
        return guard_fail(gd, ZG_ERR_PARSE, at, gd->start,
                          "the file declares encoding '%s' but is not in it "
                          "(UTF-16 needs a byte order mark)",
                          gd->enc);
    if (has_prefix(key, "UTF7") || has_prefix(key, "ISO2022") ||
        has_prefix(key, "CSISO2022") || has_prefix(key, "HZ") ||
        has_prefix(key, "CSUNICODE11UTF7"))
        return guard_fail(gd, ZG_ERR_PARSE, at, gd->start,
                          "encoding '%s' is not supported (it can spell "
                          "ASCII characters in several ways)",
                          gd->enc);
    gd->cd = iconv_open("UTF-8", gd->enc);
    if (gd->cd == (iconv_t)-1)
        return guard_fail(gd, ZG_ERR_PARSE, at, gd->start,
                          "unsupported encoding '%s'", gd->enc);
    if (!ascii_identity(gd->cd))
        return guard_fail(gd, ZG_ERR_PARSE, at, gd->start,
                          "encoding '%s' is not supported (it does not "
                          "keep ASCII as it is)",
                          gd->enc);
    gd->form = G_ICONV;
    return 1;
}

/* Look at the first four bytes as libxml2's xmlDetectCharEncoding() does. */
static int
guard_detect(guard *gd)
{
    const unsigned char *h = gd->head;
    pos at = {1, 1};

    gd->detected = 1;
    if (gd->nhead >= 4 &&
        ((h[0] == 0 && h[1] == 0 && h[2] == 0 && h[3] == '<') ||
         (h[0] == '<' && h[1] == 0 && h[2] == 0 && h[3] == 0) ||
         (h[0] == 0 && h[1] == 0 && h[2] == '<' && h[3] == 0) ||
         (h[0] == 0 && h[1] == '<' && h[2] == 0 && h[3] == 0)))
        return guard_fail(gd, ZG_ERR_PARSE, at, 0,
                          "UCS-4 input is not supported; use UTF-8");
    if (gd->nhead >= 4 && h[0] == 0x4c && h[1] == 0x6f && h[2] == 0xa7 &&
        h[3] == 0x94)
        return guard_fail(gd, ZG_ERR_PARSE, at, 0,
                          "EBCDIC input is not supported; use UTF-8");
    if (gd->nhead >= 4 && h[0] == 0 && h[1] == '<' && h[2] == 0 &&
        h[3] == '?') {
        gd->form = G_UTF16BE;
        gd->utf16_bom = 1;
    } else if (gd->nhead >= 4 && h[0] == '<' && h[1] == 0 && h[2] == '?' &&
               h[3] == 0) {
        gd->form = G_UTF16LE;
        gd->utf16_bom = 1;
    } else if (gd->nhead >= 3 && h[0] == 0xef && h[1] == 0xbb && h[2] == 0xbf) {
        gd->utf8_bom = 1;
        gd->start = 3;
    } else if (gd->nhead >= 2 && h[0] == 0xfe && h[1] == 0xff) {
        gd->form = G_UTF16BE;
        gd->utf16_bom = 1;
        gd->start = 2;
    } else if (gd->nhead >= 2 && h[0] == 0xff && h[1] == 0xfe) {
        gd->form = G_UTF16LE;
        gd->utf16_bom = 1;
        gd->start = 2;
    }
    return 1;
}

static void
name_add(guard *gd, uint32_t c)
{
    char u[4];
    size_t n;

    if (gd->name_cut)
        return;
    if (c < 0x80 || gd->form == G_UTF8) {
        /* in G_UTF8, a multi-byte character comes byte by byte: make room
         * for all of it at its first byte */
        size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        if (gd->name_len + need > G_NAME_MAX) {
            gd->name_cut = 1;
            return;
        }
        u[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        u[0] = (char)(0xc0 | (c >> 6));
        u[1] = (char)(0x80 | (c & 0x3f));
        n = 2;
    } else if (c < 0x10000) {
        u[0] = (char)(0xe0 | (c >> 12));
        u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        u[2] = (char)(0x80 | (c & 0x3f));
        n = 3;
    } else {
        u[0] = (char)(0xf0 | (c >> 18));
        u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
        u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
        u[3] = (char)(0x80 | (c & 0x3f));
        n = 4;
    }
    if (gd->name_len + n > G_NAME_MAX) {
        gd->name_cut = 1;
    } else {
        memcpy(gd->name + gd->name_len, u, n);
        gd->name_len += n;
        gd->name[gd->name_len] = '\0';
    }
}

/* A start tag begins: no values yet, its name next. */
static void
start_tag(guard *gd)
{
    gd->st = S_STAG;
    gd->attrs = 0;
    gd->name_len = 0;
    gd->name_cut = 0;
    gd->name[0] = '\0';
    gd->in_name = 1;
}

static int
is_blank(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* One character `c` (in G_UTF8 a byte: multi-byte sequences pass byte by
 * byte, all >= 0x80) starting at raw offset `off`. Returns 0 to stop. */
static int
guard_char(guard *gd, uint32_t c, size_t off)
{
    pos at = {gd->line, gd->col};

    if (c == '\n') {
        gd->line++;
        gd->col = 1;
    } else if (gd->form != G_UTF8 || (c & 0xc0) != 0x80) {
        gd->col++;
    }
    if (gd->in_decl && gd->decl_len < 6 &&
        (c >= 0x80 || (gd->decl_len < 5 ? c != (uint32_t) "<?xml"[gd->decl_len]
                                        : !is_blank(c)))) {
        gd->in_decl = 0; /* another processing instruction */
    } else if (gd->in_decl) {
        if (c >= 0x80)
            return guard_fail(gd, ZG_ERR_PARSE, at, gd->tag_off,
                              "the XML declaration is not ASCII");
        if (gd->decl_len >= G_DECL_MAX)
            return guard_fail(gd, ZG_ERR_PARSE, gd->tag_at, gd->tag_off,
                              "the XML declaration is longer than %d "
                              "characters",
                              G_DECL_MAX);
        gd->decl_at[gd->decl_len] = at;
        gd->decl[gd->decl_len++] = (char)c;
        gd->decl[gd->decl_len] = '\0';
    }
    switch (gd->st) {
    case S_TEXT:
        /* A run of white space becomes one text node in the schema
         * validation's reader, before or after the root element too, where
         * nothing else looks at it. CR does not count: libxml2 drops it
         * before CR LF. */
        if (c == ' ' || c == '\t' || c == '\n') {
            if (gd->blank_run++ == 0)
                gd->blank_at = at;
            if (gd->blank_run > gd->max_text)
                return guard_fail(gd, ZG_ERR_LIMIT, gd->blank_at, off,
                                  "white space longer than the limit of %zu "
                                  "bytes",
                                  gd->max_text);
        } else if (c != '\r') {
            gd->blank_run = 0;
        }
        if (c == '<') {
            gd->st = S_LT;
            gd->tag_at = at;
            gd->tag_off = off;
            if (off == gd->start && gd->decl_len == 0) {
                /* perhaps the XML declaration */
                gd->in_decl = 1;
                gd->decl_at[0] = at;
                gd->decl[0] = '<';
                gd->decl[1] = '\0';
                gd->decl_len = 1;
            }
        }
        break;
    case S_LT:
        if (c == '!') {
            gd->st = S_BANG;
        } else if (c == '?') {
            gd->st = S_PI;
            gd->match = 0;
        } else if (c == '/') {
            gd->st = S_ETAG;
        } else {
            start_tag(gd);
            name_add(gd, c);
        }
        if (gd->st != S_PI)
            gd->in_decl = 0;
        break;
    case S_BANG:
        if (c == '-') {
            gd->st = S_BANG_DASH;
        } else if (c == '[') {
            gd->st = S_CDATA_OPEN;
            gd->match = 1;
        } else {
            gd->st = S_OPAQUE;
        }
        break;
    case S_BANG_DASH:
        gd->st = c == '-' ? S_COMMENT : S_OPAQUE;
        gd->match = 0;
        break;
    case S_CDATA_OPEN:
        if (c != (uint32_t) "[CDATA["[gd->match]) {
            gd->st = S_OPAQUE;
        } else if (++gd->match == 7) {
            gd->st = S_CDATA;
            gd->match = 0;
        }
        break;
    case S_COMMENT: /* until "-->" */
    case S_CDATA:   /* until "]]>" */
        if (c == (gd->st == S_COMMENT ? '-' : ']'))
            gd->match = gd->match < 2 ? gd->match + 1 : 2;
        else if (c == '>' && gd->match == 2)
            gd->st = S_TEXT;
        else
            gd->match = 0;
        break;
    case S_PI: /* until "?>" */
        if (c == '?') {
            gd->match = 1;
        } else if (c == '>' && gd->match == 1) {
            gd->st = S_TEXT;
            if (gd->in_decl) {
                /* what follows decodes in the declared encoding */
                gd->in_decl = 0;
                return guard_decl(gd);
            }
        } else {
            gd->match = 0;
        }
        break;
    case S_STAG:
        if (gd->in_name) {
            if (!is_blank(c) && c != '/' && c != '>' && c != '"' && c != '\'' &&
                c != '=') {
                name_add(gd, c);
                break;
            }
            gd->in_name = 0;
        }
        if (c == '"' || c == '\'') {
            gd->quote = c;
            gd->st = S_VALUE;
            if (++gd->attrs > gd->max_attrs)
                return guard_fail(gd, ZG_ERR_LIMIT, gd->tag_at, gd->tag_off,
                                  "<%s> has more than %u attributes; the "
                                  "limit is %u",
                                  gd->name, gd->max_attrs, gd->max_attrs);
        } else if (c == '>') {
            gd->st = S_TEXT;
        }
        break;
    case S_VALUE:
        if (c == gd->quote)
            gd->st = S_STAG;
        break;
    case S_ETAG:
        if (c == '>')
            gd->st = S_TEXT;
        break;
    case S_OPAQUE: break;
    }
    return 1;
}

#if ZG_IMP_WORDS
/* The characters that the first n (at most 8) bytes of word `x` start:
 * in UTF-8, every byte but a continuation byte (10xxxxxx). */
static unsigned
word_cols(uint64_t x, unsigned n)
{
    uint64_t cont = zg_imp__word_cont(x);

    if (cont == 0)
        return n; /* ASCII, most often */
    if (n < 8)
        cont &= ((uint64_t)1 << (8 * n)) - 1;
    return n - zg_imp__word_count(cont);
}

/* A word with the high bit set in the lowest byte of `x` that is 0 (and
 * perhaps in bytes above it, never below). */
static uint64_t
zero_byte(uint64_t x)
{
    return (x - ZG_IMP_ONES) & ~x & ZG_IMP_HIGHS;
}
#endif

/* The end of the run of plain bytes (plain[k]) at p[i..len), adding the
 * characters it holds to *cols. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline size_t
run_end(const guard *gd, unsigned k, const unsigned char *p, size_t i,
        size_t len, unsigned *cols)
{
    const unsigned char *plain = gd->plain[k];
    unsigned n = 0;

#if ZG_IMP_WORDS
    if (k != 0 && k != G_RUN_NAME) {
        const uint64_t *stop = gd->stop[k];
        while (len - i >= 8) {
            uint64_t x, m;
            memcpy(&x, p + i, 8);
            m = zero_byte(x ^ stop[0]) | zero_byte(x ^ stop[1]) |
                zero_byte(x ^ stop[2]) | zero_byte(x ^ stop[3]);
            if (m) {
                unsigned b = (unsigned)__builtin_ctzll(m) / 8;
                *cols += n + word_cols(x, b);
                return i + b;
            }
            n += word_cols(x, 8);
            i += 8;
        }
    }
#endif
    for (; i < len && plain[p[i]]; i++)
        n += (p[i] & 0xc0) != 0x80;
    *cols += n;
    return i;
}

/* The run state of a value in quote `q`. */
static unsigned
value_run(uint32_t q)
{
    return q == '"' ? 5 : 6;
}

/*
 * UTF-8 outside the XML declaration, from p[*ip] on: runs of bytes that
 * change nothing but the column (in text, values, tags between names,
 * comments, ...) are passed over at once, element names copied in runs,
 * and the steps between them that every document takes (into and out of
 * tags and values, newlines, white space in text) made here, each as
 * guard_char() would make it; any other byte goes to guard_char(). Each
 * state goes straight to the next one's code. Stops at the end of the
 * bytes or when the XML declaration may start. Returns 0 to stop.
 */
static int
guard_utf8(guard *gd, const unsigned char *p, size_t *ip, size_t len)
{
    const unsigned char *name_byte = gd->plain[G_RUN_NAME];
    size_t i = *ip;
    unsigned line = gd->line, col = gd->col, k;
    unsigned char c;
    int ok = 1;

dispatch:
    switch (gd->st) {
    case S_TEXT: goto text;
    case S_LT: goto lt;
    case S_STAG: goto stag;
    case S_VALUE: goto value;
    case S_ETAG: goto etag;
    case S_COMMENT:
    case S_CDATA:
    case S_PI:
    case S_OPAQUE: goto markup;
    default: goto general;
    }

text:
    if (i < len && gd->plain[0][p[i]]) {
        /* a run ends the white space before it */
        i = run_end(gd, 0, p, i, len, &col);
        gd->blank_run = 0;
    }
    if (i == len)
        goto done;
    c = p[i];
    if (c == '<' && (gd->fed + i != gd->start || gd->decl_len)) {
        gd->blank_run = 0;
        gd->st = S_LT;
        gd->tag_at = (pos){line, col};
        gd->tag_off = gd->fed + i;
        col++;
        i++;
        goto lt;
    }
    if (c == '\r') {
        /* not white space that counts, and no end of it either */
        col++;
        i++;
        goto text;
    }
    if (c != '<' && gd->blank_run < gd->max_text) {
        /* white space, within the limit */
        if (gd->blank_run++ == 0)
            gd->blank_at = (pos){line, col};
        goto step;
    }
    goto general;

lt:
    if (i == len)
        goto done;
    c = p[i];
    if (c == '/') {
        gd->st = S_ETAG;
        col++;
        i++;
        goto etag;
    }
    if (name_byte[c] && c != '!' && c != '?') {
        /* an element name: its run copies this byte too */
        start_tag(gd);
        goto stag;
    }
    goto general;

stag:
    if (gd->in_name) {
        size_t j = i;
        if (i == len)
            goto done;
        c = p[i];
        if (c >= 0x80)
            goto general; /* name_add() makes room for the character */
        if (name_byte[c]) {
            /* ASCII in an element name: copied in one go, as name_add()
             * would byte by byte (cut at G_NAME_MAX) */
            while (++j < len && name_byte[p[j]])
                ;
            if (!gd->name_cut) {
                size_t n = j - i, room = G_NAME_MAX - gd->name_len;
                if (n > room) {
                    n = room;
                    gd->name_cut = 1;
                }
                memcpy(gd->name + gd->name_len, p + i, n);
                gd->name_len += n;
                gd->name[gd->name_len] = '\0';
            }
            col += (unsigned)(j - i);
            i = j;
            goto stag;
        }
        gd->in_name = 0; /* c is looked at outside the name */
    }
    i = run_end(gd, 4, p, i, len, &col);
    if (i == len)
        goto done;
    c = p[i];
    if ((c == '"' || c == '\'') && gd->attrs < gd->max_attrs) {
        gd->attrs++;
        gd->quote = c;
        gd->st = S_VALUE;
        col++;
        i++;
        goto value;
    }
    if (c == '>') {
        gd->st = S_TEXT;
        col++;
        i++;
        goto text;
    }
    if (c == '\n')
        goto step;
    goto general; /* one quoted value too many */

value:
etag:
    /* in a value or an end tag: the run, then the byte that ends it */
    i = run_end(gd, gd->st == S_ETAG ? 7 : value_run(gd->quote), p, i, len,
                &col);
    if (i == len)
        goto done;
    if (p[i] == '\n')
        goto step;
    col++;
    i++;
    if (gd->st == S_ETAG) {
        gd->st = S_TEXT;
        goto text;
    }
    gd->st = S_STAG;
    goto stag;

markup:
    k = gd->st == S_COMMENT ? 1
        : gd->st == S_CDATA ? 2
        : gd->st == S_PI    ? 3
                            : 8;
    if (i < len && gd->plain[k][p[i]]) {
        /* the run ends the progress through the markup's end */
        i = run_end(gd, k, p, i, len, &col);
        gd->match = 0;
    }
    goto general;

step:
    /* a byte that changes no state but the position: to the state's code
     * again */
    if (p[i] == '\n') {
        line++;
        col = 1;
    } else {
        col++;
    }
    i++;
    goto dispatch;

general:
    /* any other byte: to the state machine */
    if (i == len)
        goto done;
    gd->line = line;
    gd->col = col;
    ok = guard_char(gd, p[i], gd->fed + i);
    line = gd->line;
    col = gd->col;
    i++;
    if (ok && !gd->in_decl)
        goto dispatch;

done:
    gd->line = line;
    gd->col = col;
    *ip = i;
    return ok;
}

/* The first code point of the UTF-8 at `u` (valid, from iconv), and its
 * length in *len. */
static uint32_t
utf8_first(const unsigned char *u, size_t *len)
{
    if (u[0] < 0x80) {
        *len = 1;
        return u[0];
    }
    if (u[0] < 0xe0) {
        *len = 2;
        return (uint32_t)(u[0] & 0x1f) << 6 | (u[1] & 0x3fu);
    }
    if (u[0] < 0xf0) {
        *len = 3;
        return (uint32_t)(u[0] & 0x0f) << 12 | (uint32_t)(u[1] & 0x3f) << 6 |
               (u[2] & 0x3fu);
    }
    *len = 4;
    return (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3f) << 12 |
           (uint32_t)(u[2] & 0x3f) << 6 | (u[3] & 0x3fu);
}

enum { G_MORE = -1, G_BAD = -2 };

/*
 * Decode one character at `p` (`n` bytes available) in the current form
 * into cps[] (iconv may produce several code points for one character),
 * setting *ncp. Returns the bytes it takes, G_MORE when the bytes end
 * inside the character, G_BAD for an invalid sequence.
 */
static long
guard_decode(guard *gd, const unsigned char *p, size_t n, uint32_t *cps,
             size_t *ncp)
{
    *ncp = 0;
    switch (gd->form) {
    case G_UTF8: cps[(*ncp)++] = p[0]; return 1;
    case G_UTF16LE:
    case G_UTF16BE: {
        int le = gd->form == G_UTF16LE;
        uint32_t u, u2;
        if (n < 2)
            return G_MORE;
        u = le ? (uint32_t)(p[0] | p[1] << 8) : (uint32_t)(p[0] << 8 | p[1]);
        if (u < 0xd800 || u > 0xdfff) {
            cps[(*ncp)++] = u;
            return 2;
        }
        if (u > 0xdbff)
            return G_BAD;
        if (n < 4)
            return G_MORE;
        u2 = le ? (uint32_t)(p[2] | p[3] << 8) : (uint32_t)(p[2] << 8 | p[3]);
        if (u2 < 0xdc00 || u2 > 0xdfff)
            return G_BAD;
        cps[(*ncp)++] = 0x10000 + ((u - 0xd800) << 10) + (u2 - 0xdc00);
        return 4;
    }
    case G_ICONV:
        /* One character at a time: iconv is given one more input byte
         * until it takes some, which is then exactly one character (with
         * the whole rest, a roomy output buffer would take the characters
         * after it too, and place them all at its offset). */
        for (size_t take = 1; take <= n && take <= 16; take++) {
            char out[32], *ip = (char *)(uintptr_t)p, *op = out;
            size_t il = take, ol = sizeof out, r;
            r = iconv(gd->cd, &ip, &il, &op, &ol);
            if (ip > (char *)(uintptr_t)p) {
                for (const unsigned char *u = (unsigned char *)out;
                     u < (unsigned char *)op && *ncp < 8;) {
                    size_t len;
                    cps[(*ncp)++] = utf8_first(u, &len);
                    u += len;
                }
                return (long)(ip - (char *)(uintptr_t)p);
            }
            if (r == (size_t)-1 && errno != EINVAL)
                return G_BAD;
        }
        if (n < 16)
            return G_MORE;
        return G_BAD;
    }
    return G_BAD;
}

int
zg_imp__guard_feed(guard *gd, const char *data, size_t len, int final)
{
    const unsigned char *p = (const unsigned char *)data;
    size_t i = 0;

    if (gd->status != ZG_OK)
        return 0;
    if (!gd->detected) {
        while (gd->ncarry < 4 && i < len)
            gd->carry[gd->ncarry++] = p[i++];
        if (gd->ncarry < 4 && !final) {
            gd->fed += len;
            return 1;
        }
        memcpy(gd->head, gd->carry, gd->ncarry);
        gd->nhead = gd->ncarry;
        if (!guard_detect(gd))
            return 0;
        /* drop the byte order mark */
        memmove(gd->carry, gd->carry + gd->start, gd->ncarry - gd->start);
        gd->ncarry -= gd->start;
    }
    for (;;) {
        unsigned char tmp[sizeof gd->carry + 16];
        const unsigned char *s;
        size_t avail, take = 0, abs, ncp;
        uint32_t cps[8];
        long k;

        if (gd->ncarry == 0 && i < len && gd->form == G_UTF8) {
            if (gd->in_decl) {
                /* the XML declaration: byte by byte */
                if (!guard_char(gd, p[i], gd->fed + i))
                    return 0;
                i++;
            } else if (!guard_utf8(gd, p, &i, len)) {
                return 0;
            }
            continue;
        }
        if (gd->ncarry) {
            /* a character that began in an earlier chunk */
            take = len - i < 16 ? len - i : 16;
            memcpy(tmp, gd->carry, gd->ncarry);
            if (take)
                memcpy(tmp + gd->ncarry, p + i, take);
            s = tmp;
            avail = gd->ncarry + take;
            abs = gd->fed + i - gd->ncarry;
        } else if (i < len) {
            s = p + i;
            avail = len - i;
            abs = gd->fed + i;
        } else {
            break;
        }
        k = guard_decode(gd, s, avail, cps, &ncp);
        if (k == G_MORE && !final && (s != tmp || take == len - i) &&
            avail <= sizeof gd->carry) {
            memmove(gd->carry, s, avail);
            gd->ncarry = avail;
            i = len;
            break;
        }
        if (k == G_MORE && final)
            return guard_fail(gd, ZG_ERR_PARSE, (pos){gd->line, gd->col}, abs,
                              "the file ends in the middle of a character");
        if (k < 0) {
            if (gd->form == G_ICONV)
                return guard_fail(
                    gd, ZG_ERR_PARSE, (pos){gd->line, gd->col}, abs,
                    "invalid byte sequence for encoding '%s'", gd->enc);
            return guard_fail(gd, ZG_ERR_PARSE, (pos){gd->line, gd->col}, abs,
                              "invalid UTF-16: unpaired surrogate");
        }
        if (s == tmp) {
            if ((size_t)k >= gd->ncarry) {
                i += (size_t)k - gd->ncarry;
                gd->ncarry = 0;
            } else {
                memmove(gd->carry, gd->carry + k, gd->ncarry - (size_t)k);
                gd->ncarry -= (size_t)k;
            }
        } else {
            i += (size_t)k;
        }
        for (size_t j = 0; j < ncp; j++)
            if (!guard_char(gd, cps[j], abs))
                return 0;
    }
    gd->fed += len;
    return 1;
}
