/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the snapshot container: open the input as a
 * snapshot from memory. Refused, it must say why and hand nothing out.
 * Opened:
 *
 *  - every table entry lies inside the input, 64-byte aligned, with a tag
 *    of four printable characters that finds that same entry;
 *  - each section is asked for twice and answers the same both times: its
 *    bytes (all read, so that the sanitizer sees a read out of bounds) at
 *    the entry's place, or "corrupt";
 *  - a tag that is not there is not found;
 *  - zg_snapfile_verify() and opening with ZG_SNAPFILE_VERIFY succeed
 *    exactly when every section was handed out.
 *
 * Each input is tried twice: as it is, and with its checksums made to
 * agree (every section's that lies inside the input, then the header's),
 * since a fuzzer cannot forge a checksum and the checks behind it would
 * otherwise see only the seeds.
 *
 * Crashes, sanitizer reports, leaks and broken rules are findings; a
 * refused input is not. Built by `make fuzz` (fuzz/local.mk); run by
 * fuzz/run with fuzz/corpus/snapfile and fuzz/snapfile.dict.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zg_snapfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
printable(uint32_t tag)
{
    for (int i = 0; i < 4; i++) {
        unsigned c = tag >> (8 * i) & 0xff;
        if (c < 0x20 || c > 0x7e)
            return 0;
    }
    return 1;
}

/* Ask for `tag`: 1 when handed out, 0 when corrupt; aborts on anything
 * else. */
static int
section(zg_snapfile *f, const zg_snapfile_entry *e, const uint8_t *data,
        size_t size)
{
    const void *p = NULL;
    size_t len = 0;
    zg_error err = {0};
    zg_status st = zg_snapfile_section(f, e->tag, &p, &len, &err);
    volatile unsigned char sum = 0;

    if (st == ZG_ERR_PARSE) {
        if (err.status != st || strstr(err.msg, "corrupt") == NULL || p != NULL)
            abort();
        return 0;
    }
    if (st != ZG_OK || len != e->length ||
        (const uint8_t *)p != data + e->offset || e->offset > size ||
        len > size - e->offset)
        abort();
    for (size_t i = 0; i < len; i++)
        sum ^= ((const unsigned char *)p)[i];
    (void)sum;
    return 1;
}

static void
check(const uint8_t *data, size_t size)
{
    zg_snapfile *f = NULL, *g = NULL;
    zg_error err = {0};
    int all = 1;
    const uint32_t absent = ZG_SNAP_TAG('~', '~', '~', '~');
    const void *p;
    size_t len;

    if (zg_snapfile_open_memory(&f, data, size, "fuzz.zgs", 0, &err) != ZG_OK) {
        if (f != NULL || err.status == ZG_OK || err.msg[0] == '\0' ||
            strcmp(err.file, "fuzz.zgs") != 0)
            abort(); /* a refusal must say why, and hand nothing out */
        /* verifying while opening cannot accept what opening refused */
        if (zg_snapfile_open_memory(&g, data, size, "fuzz.zgs",
                                    ZG_SNAPFILE_VERIFY, NULL) == ZG_OK)
            abort();
        return;
    }
    for (size_t i = 0; i < zg_snapfile_count(f); i++) {
        const zg_snapfile_entry *e = zg_snapfile_entry_at(f, i);
        int first;

        if (e == NULL || !printable(e->tag) || e->offset % 64 ||
            e->offset > size || e->length > size - e->offset ||
            zg_snapfile_find(f, e->tag) != e)
            abort();
        first = section(f, e, data, size);
        if (section(f, e, data, size) != first)
            abort(); /* the second answer differs from the first */
        all &= first;
    }
    if (zg_snapfile_entry_at(f, zg_snapfile_count(f)) != NULL ||
        (zg_snapfile_find(f, absent) == NULL &&
         zg_snapfile_section(f, absent, &p, &len, NULL) != ZG_ERR_NOT_FOUND))
        abort();
    zg_error_clear(&err);
    if ((zg_snapfile_verify(f, &err) == ZG_OK) != all)
        abort();
    zg_snapfile_close(f);
    if ((zg_snapfile_open_memory(&g, data, size, "fuzz.zgs", ZG_SNAPFILE_VERIFY,
                                 NULL) == ZG_OK) != all)
        abort();
    zg_snapfile_close(g);
}

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

/* Make the checksums of the `size` bytes at `s` agree with what they
 * cover, where the header's table lies inside them (doc/snapshot.md);
 * 0 when it does not. */
static int
reseal(uint8_t *s, size_t size)
{
    uint64_t table, n;
    uint8_t *cat;

    if (size < 64)
        return 0;
    table = get(s + 24, 8);
    n = get(s + 32, 4);
    if (n > ZG_SNAPFILE_MAX_SECTIONS || table > size || size - table < n * 32)
        return 0;
    for (uint64_t i = 0; i < n; i++) {
        uint8_t *e = s + table + i * 32;
        uint64_t off = get(e + 8, 8), len = get(e + 16, 8);
        if (off <= size && len <= size - off)
            put64(e + 24, zg_snapfile_checksum(s + off, (size_t)len));
    }
    cat = malloc(56 + n * 32);
    if (cat == NULL)
        return 0;
    memcpy(cat, s, 56);
    memcpy(cat + 56, s + table, (size_t)n * 32);
    put64(s + 56, zg_snapfile_checksum(cat, 56 + (size_t)n * 32));
    free(cat);
    return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy;

    check(data, size);
    copy = malloc(size ? size : 1);
    if (copy == NULL)
        return 0;
    memcpy(copy, data, size);
    if (reseal(copy, size))
        check(copy, size);
    free(copy);
    return 0;
}
