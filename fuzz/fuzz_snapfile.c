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
 * agree (every section's that lies inside the input, then the header's:
 * tests/support/snap_reseal.c),
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

#include "../tests/support/snap_reseal.h"
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    snap_check_twice(data, size, check);
    return 0;
}
