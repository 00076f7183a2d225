/* SPDX-License-Identifier: MIT */
/*
 * Checks of what a writer put out: strict UTF-8 decoding and the
 * characters that must not reach a terminal raw. Written here on their
 * own, not taken from common/, so that the tests do not judge the escaping
 * by the code that does it.
 */
#ifndef ZG_TEST_UTF8_CHECK_H
#define ZG_TEST_UTF8_CHECK_H

#include <stddef.h>
#include <stdint.h>

/* Decode the strict UTF-8 sequence at `p` (`n` bytes left) into *c;
 * returns its length, or 0 when it is not valid UTF-8. */
static inline size_t
zg_test_decode_utf8(const unsigned char *p, size_t n, uint32_t *c)
{
    size_t len;
    uint32_t v;

    if (p[0] < 0x80) {
        *c = p[0];
        return 1;
    }
    if (p[0] >= 0xc2 && p[0] <= 0xdf) {
        len = 2;
        v = p[0] & 0x1fu;
    } else if (p[0] >= 0xe0 && p[0] <= 0xef) {
        len = 3;
        v = p[0] & 0x0fu;
    } else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
        len = 4;
        v = p[0] & 0x07u;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3fu);
    }
    if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) || v > 0x10ffff ||
        (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *c = v;
    return len;
}

/* 1 if `c` acts on a terminal or reorders text: C0, DEL, C1, the bidi
 * marks, embeddings, overrides and isolates, the line separators. */
static inline int
zg_test_acts_on_terminal(uint32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x61c || c == 0x200e ||
           c == 0x200f || (c >= 0x2028 && c <= 0x202e) ||
           (c >= 0x2066 && c <= 0x2069);
}

#endif /* ZG_TEST_UTF8_CHECK_H */
