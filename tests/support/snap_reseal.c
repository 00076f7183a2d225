/* SPDX-License-Identifier: MIT */
/* Forging snapshots: see snap_reseal.h. */
#include "snap_reseal.h"

#include <stdlib.h>
#include <string.h>

#include "zg_snapfile.h"

static uint64_t
get(const uint8_t *p, int n)
{
    uint64_t v = 0;

    for (int i = n - 1; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static void
put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* The table's place and entry count; 0 when out of bounds. */
static int
table(const uint8_t *s, size_t size, uint64_t *at, uint64_t *n)
{
    if (size < 64)
        return 0;
    *at = get(s + 24, 8);
    *n = get(s + 32, 4);
    return *n <= ZG_SNAPFILE_MAX_SECTIONS && *at <= size &&
           size - *at >= *n * 32;
}

int
snap_reseal(uint8_t *s, size_t size)
{
    uint64_t at, n;
    uint8_t *cat;

    if (!table(s, size, &at, &n))
        return 0;
    for (uint64_t i = 0; i < n; i++) {
        uint8_t *e = s + at + i * 32;
        uint64_t off = get(e + 8, 8), len = get(e + 16, 8), sums, nb;
        if (off > size || len > size - off)
            continue;
        /* The block checksums follow the section from the next multiple
         * of 64, then the entry's checksum covers them. */
        nb = (len + ZG_SNAPFILE_BLOCK - 1) / ZG_SNAPFILE_BLOCK;
        sums = (off + len + ZG_SNAPFILE_ALIGN - 1) &
               ~(uint64_t)(ZG_SNAPFILE_ALIGN - 1);
        if (sums > size || nb * 8 > size - sums)
            continue;
        for (uint64_t b = 0; b < nb; b++) {
            uint64_t from = b * ZG_SNAPFILE_BLOCK, k = len - from;
            if (k > ZG_SNAPFILE_BLOCK)
                k = ZG_SNAPFILE_BLOCK;
            put64(s + sums + 8 * b,
                  zg_snapfile_checksum(s + off + from, (size_t)k));
        }
        put64(e + 24, zg_snapfile_checksum(s + sums, (size_t)(nb * 8)));
    }
    cat = malloc(56 + n * 32);
    if (cat == NULL)
        return 0;
    memcpy(cat, s, 56);
    memcpy(cat + 56, s + at, (size_t)n * 32);
    put64(s + 56, zg_snapfile_checksum(cat, 56 + (size_t)n * 32));
    free(cat);
    return 1;
}

uint8_t *
snap_section(uint8_t *s, size_t size, uint32_t tag, size_t *len)
{
    uint64_t at, n;

    if (!table(s, size, &at, &n))
        return NULL;
    for (uint64_t i = 0; i < n; i++) {
        uint8_t *e = s + at + i * 32;
        uint64_t off = get(e + 8, 8), l = get(e + 16, 8);
        if (get(e, 4) == tag && off <= size && l <= size - off) {
            *len = (size_t)l;
            return s + off;
        }
    }
    return NULL;
}

void
snap_check_twice(const uint8_t *data, size_t size,
                 void (*check)(const uint8_t *data, size_t size))
{
    uint8_t *copy;

    check(data, size);
    copy = malloc(size ? size : 1);
    if (copy == NULL)
        return;
    memcpy(copy, data, size);
    if (snap_reseal(copy, size))
        check(copy, size);
    free(copy);
}
