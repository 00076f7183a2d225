/* SPDX-License-Identifier: MIT */
/*
 * zg_strbuf.h: a growable NUL-terminated string, the one every module
 * appends text with. Internal to the library (not installed).
 */
#ifndef ZG_STRBUF_H
#define ZG_STRBUF_H

#include <stddef.h>

/* Zero-initialise (`s` is NULL until the first append). Once an append
 * runs out of memory, `oom` is set and every later append fails too, so a
 * caller may append many times and check once. Free `s` with free(), or
 * hand it over with zg_strbuf_take(). */
typedef struct zg_strbuf {
    char *s;
    size_t len, cap;
    int oom;
} zg_strbuf;

/* Append `n` bytes of `t`; 0 on success, -1 when out of memory (now or
 * at an earlier append). */
int zg_strbuf_addn(zg_strbuf *b, const char *t, size_t n);

/* Append the string `t`; as zg_strbuf_addn(). */
int zg_strbuf_add(zg_strbuf *b, const char *t);

/* Empty `b` for reuse, keeping its memory (and its oom flag). */
void zg_strbuf_reset(zg_strbuf *b);

/* The string, handed over to the caller (free() it): "" when nothing was
 * appended, NULL (and the buffer freed) when an append ran out of
 * memory. */
char *zg_strbuf_take(zg_strbuf *b);

#endif /* ZG_STRBUF_H */
