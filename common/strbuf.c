/* SPDX-License-Identifier: MIT */
/* A growable string (see zg_strbuf.h). */
#include "zg_strbuf.h"

#include <stdlib.h>
#include <string.h>

int
zg_strbuf_addn(zg_strbuf *b, const char *t, size_t n)
{
    if (b->oom)
        return -1;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 128;
        char *s;
        while (cap < b->len + n + 1)
            cap *= 2;
        s = realloc(b->s, cap);
        if (s == NULL) {
            b->oom = 1;
            return -1;
        }
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->len, t, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

int
zg_strbuf_add(zg_strbuf *b, const char *t)
{
    return zg_strbuf_addn(b, t, strlen(t));
}

void
zg_strbuf_reset(zg_strbuf *b)
{
    b->len = 0;
    if (b->s != NULL)
        b->s[0] = '\0';
}

char *
zg_strbuf_take(zg_strbuf *b)
{
    if (b->s == NULL)
        zg_strbuf_addn(b, "", 0);
    if (b->oom) {
        free(b->s);
        b->s = NULL;
        return NULL;
    }
    return b->s;
}
