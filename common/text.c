/* SPDX-License-Identifier: MIT */
/*
 * Text folding and measuring. libunistring does normalisation, case folding
 * and display width from the Unicode tables it ships; OpenCC does traditional
 * to simplified Chinese with its phrase dictionaries. Neither is worth
 * re-implementing by hand.
 */
#include "zg_text.h"

#include "t2s.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#ifndef ZG_OPENCC_DATADIR
#define ZG_OPENCC_DATADIR "/usr/share/opencc"
#endif

struct zg_folder {
    zg_t2s *t2s;
};

const char *
zg_text_opencc_dir(void)
{
    const char *env = getenv("ZONEGRAPH_OPENCC_DIR");

    return env != NULL && env[0] != '\0' ? env : ZG_OPENCC_DATADIR;
}

zg_status
zg_folder_new(zg_folder **out, zg_error *err)
{
    zg_folder *f;
    zg_status st;

    *out = NULL;
    f = calloc(1, sizeof *f);
    if (f == NULL)
        return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
    st = zg_t2s_open(&f->t2s, zg_text_opencc_dir(), err);
    if (st != ZG_OK) {
        free(f);
        return st;
    }
    *out = f;
    return ZG_OK;
}

void
zg_folder_free(zg_folder *f)
{
    if (f == NULL)
        return;
    zg_t2s_free(f->t2s);
    free(f);
}

int
zg_utf8_valid(const char *s, size_t n)
{
    if (memchr(s, '\0', n) != NULL)
        return 0;
    return u8_check((const uint8_t *)s, n) == NULL;
}

/* Trim white space and collapse inner runs to one ASCII space, in place. */
static void
squeeze_space(char *s)
{
    char *w = s;
    const char *r = s;
    int pending = 0;

    for (; *r; r++) {
        if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
            pending = (w != s);
            continue;
        }
        if (pending)
            *w++ = ' ';
        pending = 0;
        *w++ = *r;
    }
    *w = '\0';
}

/* 1 if the `n` bytes at `s` are all ASCII. */
static int
ascii_only(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

/* 1 if the valid UTF-8 `s` (`n` bytes) holds a code point from U+2E80
 * up: a lead byte above 0xE2, or 0xE2 followed by 0xBA or more. */
static int
has_cjk(const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] > 0xE2 || (s[i] == 0xE2 && i + 1 < n && s[i + 1] >= 0xBA))
            return 1;
    return 0;
}

zg_status
zg_fold(zg_folder *f, const char *s, size_t n, char **out, zg_error *err)
{
    uint8_t *cf = NULL;
    size_t cf_len = 0;
    char *res = NULL;
    zg_status st;

    *out = NULL;
    if (!zg_utf8_valid(s, n))
        return zg_error_set(err, ZG_ERR_PARSE, NULL, 0, 0,
                            "invalid UTF-8 in name");
    if (n == 0) {
        res = calloc(1, 1);
        if (res == NULL)
            return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
        *out = res;
        return ZG_OK;
    }
    if (ascii_only(s, n)) {
        /* NFKC leaves ASCII alone, case folding maps A-Z to a-z, and the
         * t2s tables hold no ASCII: the same result, without the tables. */
        res = malloc(n + 1);
        if (res == NULL)
            return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
        for (size_t i = 0; i < n; i++)
            res[i] =
                (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
        res[n] = '\0';
        squeeze_space(res);
        *out = res;
        return ZG_OK;
    }
    cf = u8_casefold((const uint8_t *)s, n, NULL, UNINORM_NFKC, NULL, &cf_len);
    if (cf == NULL)
        return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
    if (!has_cjk(cf, cf_len)) {
        /* OpenCC's t2s tables map only code points from U+2E80 (CJK
         * radicals) up; below that, conversion is the identity. */
        res = malloc(cf_len + 1);
        if (res == NULL) {
            free(cf);
            return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
        }
        memcpy(res, cf, cf_len);
        res[cf_len] = '\0';
        free(cf);
        squeeze_space(res);
        *out = res;
        return ZG_OK;
    }
    st = zg_t2s_convert(f->t2s, (const char *)cf, cf_len, &res, err);
    free(cf);
    if (st != ZG_OK)
        return st;
    squeeze_space(res);
    *out = res;
    return ZG_OK;
}

size_t
zg_text_char(const char *s, uint32_t *c, size_t *width)
{
    ucs4_t uc;
    int len, cw;

    if (*s == '\0') {
        *c = 0;
        *width = 0;
        return 0;
    }
    len = u8_mbtouc(&uc, (const uint8_t *)s, strnlen(s, 4));
    cw = uc_width(uc, "UTF-8");
    *c = uc;
    *width = cw < 0 ? 1 : (size_t)cw;
    return len <= 0 ? 1 : (size_t)len;
}

size_t
zg_text_width(const char *s)
{
    size_t w = 0, cw, len;
    uint32_t c;

    for (; (len = zg_text_char(s, &c, &cw)) > 0; s += len)
        w += cw;
    return w;
}

size_t
zg_text_prefix_for_width(const char *s, size_t cols)
{
    const char *p = s;
    size_t w = 0, cw, len;
    uint32_t c;

    for (; (len = zg_text_char(p, &c, &cw)) > 0 && w + cw <= cols; p += len)
        w += cw;
    return (size_t)(p - s);
}

/* ---- escaping for terminals and line formats ---- */

int
zg_text_is_control(uint32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c || c == 0x200e ||
           c == 0x200f || c == 0x2028 || c == 0x2029 ||
           (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/*
 * The escape for the character at `p` (`rest` bytes left) under `flags`:
 * writes it to `buf` (at least ZG_ESC_MAX bytes) and returns its length,
 * or returns 0 when the character is copied as it is. Sets `*used` to the
 * bytes the character takes (1 for a byte that is not valid UTF-8).
 */
enum { ZG_ESC_MAX = 8 };

static size_t
escape_one(const uint8_t *p, size_t rest, unsigned flags, char *buf,
           size_t *used)
{
    static const char hex[] = "0123456789ABCDEF";
    ucs4_t c;
    int len = u8_mbtoucr(&c, p, rest);

    if (len <= 0) {
        /* Not valid UTF-8: show the byte. */
        *used = 1;
        buf[0] = '\\';
        buf[1] = 'x';
        buf[2] = hex[p[0] >> 4];
        buf[3] = hex[p[0] & 0xf];
        return 4;
    }
    *used = (size_t)len;
    if (c == '\\')
        return (flags & ZG_ESC_BACKSLASH) ? (buf[0] = buf[1] = '\\', 2) : 0;
    if (!zg_text_is_control(c))
        return 0;
    buf[0] = '\\';
    switch (c) {
    case '\t': buf[1] = 't'; return 2;
    case '\n': buf[1] = 'n'; return 2;
    case '\r': buf[1] = 'r'; return 2;
    default:
        buf[1] = 'u';
        for (int i = 0; i < 4; i++)
            buf[2 + i] = hex[(c >> (12 - 4 * i)) & 0xf];
        return 6;
    }
}

/* Escape `s` into `dst` (NULL: only count); returns the escaped length. */
static size_t
escape_into(const char *s, unsigned flags, char *dst)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t rest = strlen(s), n = 0;

    while (rest > 0) {
        char buf[ZG_ESC_MAX];
        size_t used;
        size_t k = escape_one(p, rest, flags, buf, &used);
        if (k == 0) {
            if (dst != NULL)
                memcpy(dst + n, p, used);
            n += used;
        } else {
            if (dst != NULL)
                memcpy(dst + n, buf, k);
            n += k;
        }
        p += used;
        rest -= used;
    }
    return n;
}

int
zg_text_needs_escape(const char *s, unsigned flags)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t rest = strlen(s);

    while (rest > 0) {
        char buf[ZG_ESC_MAX];
        size_t used;
        if (*p >= 0x20 && *p < 0x7f && *p != '\\') {
            p++;
            rest--;
            continue;
        }
        if (escape_one(p, rest, flags, buf, &used) > 0)
            return 1;
        p += used;
        rest -= used;
    }
    return 0;
}

char *
zg_text_escape(const char *s, unsigned flags)
{
    size_t n = escape_into(s, flags, NULL);
    char *out = malloc(n + 1);

    if (out == NULL)
        return NULL;
    escape_into(s, flags, out);
    out[n] = '\0';
    return out;
}

int
zg_text_fputs_escaped(const char *s, unsigned flags, FILE *out)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t rest = strlen(s);

    while (rest > 0) {
        const uint8_t *run = p;
        char buf[ZG_ESC_MAX];
        size_t used = 0, k = 0;
        /* Copy the longest run that needs no escape in one write. */
        while (rest > 0 && (k = escape_one(p, rest, flags, buf, &used)) == 0) {
            p += used;
            rest -= used;
        }
        if (p > run &&
            fwrite(run, 1, (size_t)(p - run), out) != (size_t)(p - run))
            return EOF;
        if (rest > 0) {
            if (fwrite(buf, 1, k, out) != k)
                return EOF;
            p += used;
            rest -= used;
        }
    }
    return 0;
}

/* Decode at most `max` code points of `s` into `out`; -1 if longer. */
static int
decode(const char *s, ucs4_t *out, size_t max)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t rest = strlen(s);
    int n = 0;

    while (rest > 0) {
        int len;
        if ((size_t)n == max)
            return -1;
        len = u8_mbtouc(&out[n++], p, rest);
        if (len <= 0)
            len = 1;
        p += len;
        rest -= (size_t)len;
    }
    return n;
}

size_t
zg_text_distance(const char *a, const char *b)
{
    enum { MAX = 256 };
    ucs4_t ua[MAX], ub[MAX];
    size_t row[MAX + 1];
    int na = decode(a, ua, MAX), nb = decode(b, ub, MAX);

    if (na < 0 || nb < 0)
        return (size_t)-1;
    for (int j = 0; j <= nb; j++)
        row[j] = (size_t)j;
    for (int i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = (size_t)i;
        for (int j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (ua[i - 1] != ub[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}
