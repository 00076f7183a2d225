/* SPDX-License-Identifier: MIT */
/*
 * Text folding and measuring. libunistring does normalisation, case folding
 * and display width from the Unicode tables it ships; OpenCC does traditional
 * to simplified Chinese with its phrase dictionaries. Neither is worth
 * re-implementing by hand.
 */
#include "zg_text.h"

#include <opencc/opencc.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

struct zg_folder {
    opencc_t cc;
};

zg_status
zg_folder_new(zg_folder **out, zg_error *err)
{
    zg_folder *f;

    *out = NULL;
    f = calloc(1, sizeof *f);
    if (f == NULL)
        return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
    f->cc = opencc_open("t2s.json");
    if (f->cc == (opencc_t)-1) {
        free(f);
        return zg_error_set(err, ZG_ERR_IO, NULL, 0, 0,
                            "cannot load OpenCC t2s conversion: %s",
                            opencc_error());
    }
    *out = f;
    return ZG_OK;
}

void
zg_folder_free(zg_folder *f)
{
    if (f == NULL)
        return;
    opencc_close(f->cc);
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

zg_status
zg_fold(zg_folder *f, const char *s, size_t n, char **out, zg_error *err)
{
    uint8_t *cf = NULL;
    size_t cf_len = 0;
    char *simp = NULL;
    char *res;

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
    cf = u8_casefold((const uint8_t *)s, n, NULL, UNINORM_NFKC, NULL, &cf_len);
    if (cf == NULL)
        return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
    simp = opencc_convert_utf8(f->cc, (const char *)cf, cf_len);
    free(cf);
    if (simp == NULL)
        return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0,
                            "OpenCC conversion failed: %s", opencc_error());
    res = strdup(simp);
    opencc_convert_utf8_free(simp);
    if (res == NULL)
        return zg_error_set(err, ZG_ERR_NOMEM, NULL, 0, 0, "out of memory");
    squeeze_space(res);
    *out = res;
    return ZG_OK;
}

size_t
zg_text_width(const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t w = 0;

    while (*p) {
        ucs4_t c;
        int len = u8_mbtouc(&c, p, strlen((const char *)p));
        int cw = uc_width(c, "UTF-8");
        w += cw < 0 ? 1 : (size_t)cw;
        p += len > 0 ? len : 1;
    }
    return w;
}

size_t
zg_text_prefix_for_width(const char *s, size_t cols)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t w = 0;

    while (*p) {
        ucs4_t c;
        int len = u8_mbtouc(&c, p, strlen((const char *)p));
        int cw = uc_width(c, "UTF-8");
        size_t add = cw < 0 ? 1 : (size_t)cw;
        if (w + add > cols)
            break;
        w += add;
        p += len > 0 ? len : 1;
    }
    return (size_t)(p - (const uint8_t *)s);
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
