/* SPDX-License-Identifier: MIT */
/*
 * common/: the snapshot container. Sections of many sizes written and read
 * back from a file (mmap) and from memory; every way a snapshot can be
 * damaged or forged, each refused at open with a message naming the file
 * and what is wrong (a damaged section at its first use instead); files
 * that are no snapshot at all; and saves that fail, which must leave the
 * target as it was and no temporary file behind.
 *
 * Damaged inputs are opened from memory blocks of exactly their size, so
 * that AddressSanitizer catches a read past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "zg_snapfile.h"

/* Header fields, by offset (doc/snapshot.md). */
#define H_MAJOR 8
#define H_MINOR 10
#define H_BOM 12
#define H_FILE_SIZE 16
#define H_TABLE_OFFSET 24
#define H_COUNT 32
#define H_RESERVED 36
#define H_CHECKSUM 56
/* Section table entry fields. */
#define E_SIZE 32
#define E_TAG 0
#define E_FLAGS 4
#define E_OFFSET 8
#define E_LENGTH 16
#define E_CHECKSUM 24

#define TAG_NODE ZG_SNAP_TAG('N', 'O', 'D', 'E')
#define TAG_EDGE ZG_SNAP_TAG('E', 'D', 'G', 'E')
#define TAG_TEXT ZG_SNAP_TAG('T', 'E', 'X', 'T')
#define TAG_NONE ZG_SNAP_TAG('N', 'O', 'N', 'E')

static char dir[64]; /* a scratch folder for the test's files */

/* ---- files, bytes and expected refusals ---- */

static char *
path_in_dir(const char *name)
{
    static char buf[4][320];
    static int next;
    char *p = buf[next++ % 4];

    snprintf(p, sizeof buf[0], "%s/%.200s", dir, name);
    return p;
}

static uint32_t
get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint64_t
get64(const unsigned char *p)
{
    return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static void
put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void
put64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* The whole file `path` in a new block; its size in *len. */
static unsigned char *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *p;
    long n;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    p = malloc(n ? (size_t)n : 1);
    assert_non_null(p);
    assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return p;
}

static void
spill(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");

    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Bytes a test can recognise: section `seed`'s byte at `i`. */
static unsigned char
pattern(unsigned seed, size_t i)
{
    return (unsigned char)((i * 131 + seed * 17 + (i >> 9)) & 0xff);
}

static unsigned char *
patterned(unsigned seed, size_t len)
{
    unsigned char *p = malloc(len ? len : 1);

    assert_non_null(p);
    for (size_t i = 0; i < len; i++)
        p[i] = pattern(seed, i);
    return p;
}

/* The small snapshot most cases damage: NODE (100 bytes), EDGE (0 bytes),
 * TEXT (1 byte), flags 1, 2, 3. In a new block; its size in *len. */
static unsigned char *
small_snapshot(size_t *len)
{
    const char *path = path_in_dir("small.zgs");
    unsigned char *node = patterned(1, 100);
    zg_snapfile_writer *w = NULL;
    zg_error err = {0};

    assert_int_equal(zg_snapfile_writer_new(&w, path, &err), ZG_OK);
    assert_int_equal(zg_snapfile_writer_add(w, TAG_NODE, 1, node, 100, &err),
                     ZG_OK);
    assert_int_equal(zg_snapfile_writer_add(w, TAG_EDGE, 2, NULL, 0, &err),
                     ZG_OK);
    assert_int_equal(zg_snapfile_writer_add(w, TAG_TEXT, 3, "x", 1, &err),
                     ZG_OK);
    assert_int_equal(zg_snapfile_writer_finish(w, &err), ZG_OK);
    zg_snapfile_writer_free(w);
    free(node);
    return slurp(path, len);
}

/* Recompute the header's checksum after a test changed the header or the
 * table, so that the change reaches the checks behind it. */
static void
reseal(unsigned char *s, size_t len)
{
    uint64_t off = get64(s + H_TABLE_OFFSET);
    size_t n = (size_t)get32(s + H_COUNT) * E_SIZE;
    unsigned char *cat;

    assert_true(off <= len && len - off >= n);
    cat = malloc(H_CHECKSUM + n);
    assert_non_null(cat);
    memcpy(cat, s, H_CHECKSUM);
    memcpy(cat + H_CHECKSUM, s + off, n);
    put64(s + H_CHECKSUM, zg_snapfile_checksum(cat, H_CHECKSUM + n));
    free(cat);
}

/* The table entry of section `i` in the snapshot `s`. */
static unsigned char *
entry(unsigned char *s, size_t i)
{
    return s + get64(s + H_TABLE_OFFSET) + i * E_SIZE;
}

/* The block the snapshot open_exact() opened reads from, freed by
 * close_exact(); one at a time. */
static unsigned char *held;

/* Open the `len` bytes at `s` from a block of exactly that size; the
 * snapshot or NULL, with the error in *err. */
static zg_snapfile *
open_exact(const unsigned char *s, size_t len, unsigned options, zg_error *err)
{
    zg_snapfile *f = (zg_snapfile *)&held;
    zg_status st;

    assert_null(held);
    held = malloc(len ? len : 1);
    assert_non_null(held);
    if (len)
        memcpy(held, s, len);
    zg_error_clear(err);
    st = zg_snapfile_open_memory(&f, held, len, "x.zgs", options, err);
    if (st != ZG_OK) {
        assert_null(f);
        assert_int_equal(err->status, st);
        free(held);
        held = NULL;
        return NULL;
    }
    return f;
}

static void
close_exact(zg_snapfile *f)
{
    zg_snapfile_close(f);
    free(held);
    held = NULL;
}

/* The `len` bytes at `s` must be refused at open with `status` and a
 * message holding `want`, naming the file. */
static void
refused_(const unsigned char *s, size_t len, zg_status status, const char *want,
         int line)
{
    zg_error err = {0};
    zg_snapfile *f = open_exact(s, len, 0, &err);

    if (f != NULL) {
        fprintf(stderr, "line %d: opened, but should fail with '%s'\n", line,
                want);
        close_exact(f);
        fail();
    }
    if (err.status != status || strstr(err.msg, want) == NULL ||
        strcmp(err.file, "x.zgs") != 0) {
        fprintf(stderr, "line %d: got %s '%s' (file '%s'), want %s '%s'\n",
                line, zg_status_string(err.status), err.msg, err.file,
                zg_status_string(status), want);
        fail();
    }
}
#define refused(s, len, status, want)                                          \
    refused_((s), (len), (status), (want), __LINE__)

static void
assert_contains(const char *s, const char *want)
{
    if (strstr(s, want) == NULL) {
        fprintf(stderr, "'%s' does not hold '%s'\n", s, want);
        fail();
    }
}

/* No temporary file left in the scratch folder. */
static void
assert_no_temporary(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        if (strstr(e->d_name, ".tmp-")) {
            fprintf(stderr, "left behind: %s\n", e->d_name);
            fail();
        }
    closedir(d);
}

/* ---- the checksum ---- */

/* XXH64 with seed 0 of the first N bytes of (i * 7 + 3) & 0xff, as the
 * reference implementation (libxxhash 0.8) gives it. */
static const struct {
    size_t len;
    uint64_t sum;
} vectors[] = {
    {0, 0xef46db3751d8e999},    {1, 0x1f25c8d0bc1f4bb6},
    {3, 0x31d2363f52e564c9},    {4, 0x9bb64b7d66ee9fda},
    {5, 0xc7608efddb7051fe},    {7, 0x9a7b149959ce60d8},
    {8, 0xdab99d95c6f90092},    {9, 0x170bb6bf975b4c02},
    {15, 0x1b47cb8243cc8e32},   {16, 0x434850232b787be2},
    {31, 0xa2aa5f33cc4a6119},   {32, 0x23c3c17ef790fd97},
    {33, 0x50a7cfc7ba588784},   {63, 0x5e3e54b431c7493c},
    {64, 0x0eb64b3ef6eeb01f},   {65, 0xa383b724b2bd12f1},
    {100, 0xa61f8d4c170fe531},  {1000, 0x5f235fa033f1a3fb},
    {4999, 0xa4b7b6004f0a5d0b},
};

static void
test_checksum(void **state)
{
    unsigned char b[5000];

    (void)state;
    for (size_t i = 0; i < sizeof b; i++)
        b[i] = (unsigned char)(i * 7 + 3);
    for (size_t i = 0; i < sizeof vectors / sizeof *vectors; i++) {
        uint64_t got = zg_snapfile_checksum(b, vectors[i].len);
        if (got != vectors[i].sum) {
            fprintf(stderr, "%zu bytes: %016llx, want %016llx\n",
                    vectors[i].len, (unsigned long long)got,
                    (unsigned long long)vectors[i].sum);
            fail();
        }
    }
}

/* XXH64 with a seed, of the same bytes: computed by an implementation of
 * the xxHash specification written apart from snapfile.c (which agrees
 * with the seed-0 values above). */
static const struct {
    size_t len;
    uint64_t seed, sum;
} seeded[] = {
    {0, 0x1ULL, 0xd5afba1336a3be4b},
    {0, 0x9e3779b97f4a7c15ULL, 0xc4349fc93c010000},
    {1, 0x1ULL, 0x610f93f8c89889fe},
    {1, 0x9e3779b97f4a7c15ULL, 0x79826bcd749d267a},
    {4, 0x1ULL, 0x5ec9fdd10fcbcb0e},
    {4, 0x9e3779b97f4a7c15ULL, 0x6f0a6c97d68bf353},
    {8, 0x1ULL, 0xf119f5b26c0020ab},
    {8, 0x9e3779b97f4a7c15ULL, 0xa2f1e28437a78a1b},
    {31, 0x1ULL, 0xaaca4e41ffcae21c},
    {31, 0x9e3779b97f4a7c15ULL, 0x755437271d1d0a84},
    {32, 0x1ULL, 0x7421b79a02b42132},
    {32, 0x9e3779b97f4a7c15ULL, 0xbf624b932c090428},
    {100, 0x1ULL, 0x8d8957e68f02c7ce},
    {100, 0x9e3779b97f4a7c15ULL, 0xf6d8f65c625abb4f},
    {1000, 0x1ULL, 0xe67a374d77eccc3f},
    {1000, 0x9e3779b97f4a7c15ULL, 0x442acd0a822e86f6},
};

static void
test_hash_seeded(void **state)
{
    unsigned char b[1000];

    (void)state;
    for (size_t i = 0; i < sizeof b; i++)
        b[i] = (unsigned char)(i * 7 + 3);
    for (size_t i = 0; i < sizeof seeded / sizeof *seeded; i++)
        assert_int_equal(zg_snapfile_hash(b, seeded[i].len, seeded[i].seed),
                         seeded[i].sum);
    assert_int_equal(zg_snapfile_hash(b, 100, 0), zg_snapfile_checksum(b, 100));
}

static void
test_tag_name(void **state)
{
    char buf[16];

    (void)state;
    assert_string_equal(zg_snapfile_tag_name(TAG_NODE, buf), "'NODE'");
    assert_string_equal(
        zg_snapfile_tag_name(ZG_SNAP_TAG('I', 'D', ' ', ' '), buf), "'ID  '");
    assert_string_equal(zg_snapfile_tag_name(0x0a454f4e, buf), "0x0a454f4e");
    assert_string_equal(zg_snapfile_tag_name(0xffffffff, buf), "0xffffffff");
}

/* ---- round trips ---- */

/* Sizes: empty, one byte, around the alignment, uneven, and past the
 * writer's buffer. Written in pieces of `piece` bytes (0: at once). */
static const struct {
    size_t len, piece;
    uint32_t flags;
} sizes[] = {
    {0, 0, 0},        {1, 0, 0xffffffff},
    {63, 0, 7},       {64, 0, 1},
    {65, 7, 2},       {1000, 33, 3},
    {0, 0, 4},        {196625, 4097, 5},
    {5u << 20, 0, 6}, {3u << 20, 65536 + 3, 0x80000000u},
};
#define NSIZES (sizeof sizes / sizeof *sizes)

static uint32_t
size_tag(size_t i)
{
    return ZG_SNAP_TAG('S', 'Z', '0' + i / 10, '0' + i % 10);
}

/* Every section of the round trip's snapshot `f` as written. */
static void
check_round_trip(zg_snapfile *f, int mapped)
{
    zg_error err = {0};
    unsigned major, minor;

    zg_snapfile_version(f, &major, &minor);
    assert_int_equal(major, ZG_SNAPFILE_MAJOR);
    assert_int_equal(minor, ZG_SNAPFILE_MINOR);
    assert_int_equal(zg_snapfile_count(f), NSIZES);
    assert_null(zg_snapfile_entry_at(f, NSIZES));
    for (size_t i = 0; i < NSIZES; i++) {
        const zg_snapfile_entry *e = zg_snapfile_entry_at(f, i);
        const void *data = NULL;
        size_t len = 12345;

        assert_non_null(e);
        assert_int_equal(e->tag, size_tag(i));
        assert_ptr_equal(zg_snapfile_find(f, size_tag(i)), e);
        assert_int_equal(e->flags, sizes[i].flags);
        assert_int_equal(e->length, sizes[i].len);
        assert_int_equal(e->offset % ZG_SNAPFILE_ALIGN, 0);
        assert_int_equal(zg_snapfile_section(f, size_tag(i), &data, &len, &err),
                         ZG_OK);
        assert_int_equal(len, sizes[i].len);
        assert_non_null(data);
        if (mapped)
            assert_int_equal((uintptr_t)data % ZG_SNAPFILE_ALIGN, 0);
        for (size_t k = 0; k < len; k++)
            if (((const unsigned char *)data)[k] != pattern((unsigned)i, k)) {
                fprintf(stderr, "section %zu differs at byte %zu\n", i, k);
                fail();
            }
        /* a second request hands out the same */
        assert_int_equal(zg_snapfile_section(f, size_tag(i), &data, &len, &err),
                         ZG_OK);
        assert_int_equal(len, sizes[i].len);
    }
    assert_int_equal(zg_snapfile_verify(f, &err), ZG_OK);
    assert_int_equal(err.status, ZG_OK);
}

static void
test_round_trip(void **state)
{
    const char *path = path_in_dir("round.zgs");
    zg_snapfile_writer *w = NULL;
    zg_snapfile *f = NULL;
    zg_error err = {0};
    unsigned char *file, *aligned;
    size_t flen;

    (void)state;
    assert_int_equal(zg_snapfile_writer_new(&w, path, &err), ZG_OK);
    for (size_t i = 0; i < NSIZES; i++) {
        unsigned char *d = patterned((unsigned)i, sizes[i].len);
        size_t step = sizes[i].piece ? sizes[i].piece : sizes[i].len;

        assert_int_equal(
            zg_snapfile_writer_begin(w, size_tag(i), sizes[i].flags, &err),
            ZG_OK);
        for (size_t at = 0; at < sizes[i].len; at += step) {
            size_t n = sizes[i].len - at < step ? sizes[i].len - at : step;
            assert_int_equal(zg_snapfile_writer_append(w, d + at, n, &err),
                             ZG_OK);
        }
        free(d);
    }
    assert_int_equal(zg_snapfile_writer_finish(w, &err), ZG_OK);
    zg_snapfile_writer_free(w);
    assert_no_temporary();

    assert_int_equal(zg_snapfile_open(&f, path, 0, &err), ZG_OK);
    check_round_trip(f, 1);
    zg_snapfile_close(f);
    assert_int_equal(zg_snapfile_open(&f, path, ZG_SNAPFILE_VERIFY, &err),
                     ZG_OK);
    zg_snapfile_close(f);

    /* the same from memory */
    file = slurp(path, &flen);
    assert_int_equal(get64(file + H_FILE_SIZE), flen);
    aligned =
        aligned_alloc(ZG_SNAPFILE_ALIGN, (flen + ZG_SNAPFILE_ALIGN - 1) &
                                             ~(size_t)(ZG_SNAPFILE_ALIGN - 1));
    assert_non_null(aligned);
    memcpy(aligned, file, flen);
    assert_int_equal(
        zg_snapfile_open_memory(&f, aligned, flen, "mem.zgs", 0, &err), ZG_OK);
    check_round_trip(f, 1);
    zg_snapfile_close(f);
    free(aligned);
    free(file);
    assert_int_equal(err.status, ZG_OK);
}

/* A snapshot without sections; and a tag that is not there. */
static void
test_empty_snapshot(void **state)
{
    const char *path = path_in_dir("empty.zgs");
    zg_snapfile_writer *w = NULL;
    zg_snapfile *f = NULL;
    zg_error err = {0};
    const void *data = (const void *)&err;
    size_t len = 7;
    char *file;
    size_t flen;

    (void)state;
    assert_int_equal(zg_snapfile_writer_new(&w, path, &err), ZG_OK);
    assert_int_equal(zg_snapfile_writer_finish(w, &err), ZG_OK);
    zg_snapfile_writer_free(w);
    file = (char *)slurp(path, &flen);
    assert_int_equal(flen, 64);
    free(file);
    assert_int_equal(zg_snapfile_open(&f, path, ZG_SNAPFILE_VERIFY, &err),
                     ZG_OK);
    assert_int_equal(zg_snapfile_count(f), 0);
    assert_null(zg_snapfile_entry_at(f, 0));
    assert_null(zg_snapfile_find(f, TAG_NODE));
    assert_int_equal(zg_snapfile_section(f, TAG_NODE, &data, &len, &err),
                     ZG_ERR_NOT_FOUND);
    assert_string_equal(err.file, path);
    assert_string_equal(err.msg, "the snapshot has no section 'NODE'");
    assert_ptr_equal(data, (const void *)&err); /* left alone */
    assert_int_equal(len, 7);
    zg_snapfile_close(f);
}

/* An unknown tag is refused every time it is asked for, and asking does
 * not spoil the sections that are there. */
static void
test_unknown_tag(void **state)
{
    size_t len;
    unsigned char *s = small_snapshot(&len);
    zg_error err = {0};
    zg_snapfile *f = open_exact(s, len, 0, &err);
    zg_error e2 = {0};
    const void *data;
    size_t n;

    (void)state;
    assert_non_null(f);
    for (int i = 0; i < 2; i++) {
        zg_error_clear(&e2);
        assert_int_equal(zg_snapfile_section(f, TAG_NONE, &data, &n, &e2),
                         ZG_ERR_NOT_FOUND);
        assert_string_equal(e2.file, "x.zgs");
        assert_contains(e2.msg, "no section 'NONE'");
    }
    assert_int_equal(zg_snapfile_section(f, 0, &data, &n, NULL),
                     ZG_ERR_NOT_FOUND);
    assert_int_equal(zg_snapfile_section(f, TAG_TEXT, &data, &n, NULL), ZG_OK);
    assert_int_equal(n, 1);
    assert_memory_equal(data, "x", 1);
    assert_int_equal(zg_snapfile_section(f, TAG_EDGE, &data, &n, NULL), ZG_OK);
    assert_int_equal(n, 0);
    assert_int_equal(zg_snapfile_find(f, TAG_EDGE)->flags, 2);
    close_exact(f);
    free(s);
}

/* ---- damaged snapshots ---- */

/* Cut short at every length: refused, and never read past the end. */
static void
test_truncated(void **state)
{
    size_t len;
    unsigned char *s = small_snapshot(&len);
    zg_error err = {0};

    (void)state;
    refused(s, 0, ZG_ERR_PARSE, "the file is empty");
    for (size_t n = 1; n < len; n++) {
        zg_snapfile *f = open_exact(s, n, 0, &err);
        if (f != NULL) {
            fprintf(stderr, "opened when cut to %zu of %zu bytes\n", n, len);
            fail();
        }
        assert_int_equal(err.status, ZG_ERR_PARSE);
        if (strncmp(err.msg, "truncated: ", 11) != 0) {
            fprintf(stderr, "cut to %zu: %s\n", n, err.msg);
            fail();
        }
    }
    refused(s, 10, ZG_ERR_PARSE,
            "truncated: the file has 10 bytes, less than the 64-byte header");
    refused(s, len - 1, ZG_ERR_PARSE, "truncated: the header says");
    /* the same through files */
    for (size_t n = 0; n < len; n += 37) {
        const char *path = path_in_dir("cut.zgs");
        zg_snapfile *f = NULL;

        spill(path, s, n);
        zg_error_clear(&err);
        assert_int_equal(zg_snapfile_open(&f, path, 0, &err), ZG_ERR_PARSE);
        assert_null(f);
        assert_string_equal(err.file, path);
        assert_contains(err.msg, n ? "truncated: " : "the file is empty");
    }
    free(s);
}

/* Every bit of the header and of the section table, flipped on its own,
 * is refused at open. */
static void
test_bit_flips(void **state)
{
    size_t len;
    unsigned char *s = small_snapshot(&len);
    size_t table = (size_t)get64(s + H_TABLE_OFFSET);
    zg_error err = {0};

    (void)state;
    assert_int_equal(len - table, 3 * E_SIZE);
    for (size_t at = 0; at < len; at++) {
        if (at == 64)
            at = table; /* the sections are checked at first use */
        for (int bit = 0; bit < 8; bit++) {
            zg_snapfile *f;
            s[at] ^= (unsigned char)(1u << bit);
            f = open_exact(s, len, 0, &err);
            s[at] ^= (unsigned char)(1u << bit);
            if (f != NULL) {
                fprintf(stderr, "opened with bit %d of byte %zu flipped\n", bit,
                        at);
                fail();
            }
            assert_true(err.status == ZG_ERR_PARSE ||
                        err.status == ZG_ERR_INVALID);
            assert_string_equal(err.file, "x.zgs");
        }
    }
    free(s);
}

/* Each header field changed, with the checksum made to agree, so that the
 * check of the field itself answers. */
static void
test_header_fields(void **state)
{
    size_t len;
    unsigned char *s = small_snapshot(&len);
    unsigned char *t = malloc(len + 64);
    zg_snapfile *f;
    zg_error err = {0};
    unsigned major, minor;

    (void)state;
    assert_non_null(t);

#define FRESH() memcpy(t, s, len)
    FRESH();
    t[1] = 'X';
    refused(t, len, ZG_ERR_PARSE, "not a zonegraph snapshot");
    refused((const unsigned char *)"<?xml version=\"1.0\"?>", 21, ZG_ERR_PARSE,
            "not a zonegraph snapshot");
    /* a transfer in text mode: CR LF became LF */
    FRESH();
    memmove(t + 4, t + 5, len - 5);
    refused(t, len - 1, ZG_ERR_PARSE, "line endings");
    /* the eighth bit stripped */
    FRESH();
    t[0] &= 0x7f;
    refused(t, len, ZG_ERR_PARSE, "not a zonegraph snapshot");

    /* byte order */
    FRESH();
    put32(t + H_BOM, 0x04030201);
    reseal(t, len);
    refused(t, len, ZG_ERR_INVALID, "big-endian");
    FRESH();
    put32(t + H_BOM, 0x01020305);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE,
            "the header is corrupt (byte order mark 0x01020305)");

    /* versions: a newer major is refused, an older one (whose sections
     * have one checksum each, not one per block) too, a newer minor
     * read */
    FRESH();
    t[H_MAJOR] = 3;
    reseal(t, len);
    refused(t, len, ZG_ERR_INVALID,
            "snapshot format 3 is newer than this zonegraph reads (2)");
    FRESH();
    t[H_MAJOR] = 1;
    reseal(t, len);
    refused(t, len, ZG_ERR_INVALID,
            "snapshot format 1 is older than this zonegraph reads (2): save "
            "it again from the files it was made from");
    FRESH();
    t[H_MAJOR] = 0;
    t[H_MAJOR + 1] = 1;
    refused(t, len, ZG_ERR_INVALID,
            "snapshot format 256 is newer than this zonegraph reads (2)");
    FRESH();
    t[H_MAJOR] = 0;
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "format version 0");
    FRESH();
    t[H_MINOR] = 9;
    reseal(t, len);
    f = open_exact(t, len, ZG_SNAPFILE_VERIFY, &err);
    assert_non_null(f);
    zg_snapfile_version(f, &major, &minor);
    assert_int_equal(major, 2);
    assert_int_equal(minor, 9);
    close_exact(f);

    /* the file size */
    FRESH();
    put64(t + H_FILE_SIZE, len + 64);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "truncated: the header says");
    FRESH();
    put64(t + H_FILE_SIZE, len - 32);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "32 bytes of something else after");
    FRESH();
    memset(t + len, 'z', 64);
    refused(t, len + 64, ZG_ERR_PARSE, "64 bytes of something else after");
    FRESH();
    put64(t + H_FILE_SIZE, UINT64_MAX);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "truncated: the header says");

    /* the section count and the table's offset */
    FRESH();
    put32(t + H_COUNT, 2);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "does not end the");
    FRESH();
    put32(t + H_COUNT, 4);
    refused(t, len, ZG_ERR_PARSE, "a table of 4 sections");
    FRESH();
    put32(t + H_COUNT, 0xffffffff);
    refused(t, len, ZG_ERR_PARSE,
            "4294967295 sections; a snapshot has at most");
    FRESH();
    put64(t + H_TABLE_OFFSET, get64(t + H_TABLE_OFFSET) + 8);
    refused(t, len, ZG_ERR_PARSE, "does not end the");
    FRESH();
    put64(t + H_TABLE_OFFSET, 0);
    refused(t, len, ZG_ERR_PARSE, "at offset 0 does not end");
    FRESH();
    put64(t + H_TABLE_OFFSET, UINT64_MAX - 63);
    refused(t, len, ZG_ERR_PARSE, "does not end");
    /* a table that says it ends the file, but starts off the grid */
    FRESH();
    put64(t + H_TABLE_OFFSET, get64(t + H_TABLE_OFFSET) - 32);
    put32(t + H_COUNT, 4);
    refused(t, len, ZG_ERR_PARSE, "does not end");

    /* the checksum, and what only the checksum covers */
    FRESH();
    t[H_CHECKSUM + 3] ^= 0x10;
    refused(t, len, ZG_ERR_PARSE,
            "the header or the section table is corrupt (checksum mismatch)");
    FRESH();
    t[H_RESERVED + 5] = 1;
    refused(t, len, ZG_ERR_PARSE, "checksum mismatch");
    reseal(t, len); /* reserved bytes are for later minor versions */
    f = open_exact(t, len, 0, &err);
    assert_non_null(f);
    close_exact(f);
#undef FRESH
    free(t);
    free(s);
}

/* Each table field changed, with the checksum made to agree. */
static void
test_table_fields(void **state)
{
    size_t len;
    unsigned char *s = small_snapshot(&len);
    unsigned char *t = malloc(len);
    uint64_t table;
    zg_snapfile *f;
    zg_error err = {0};
    const void *data;
    size_t n;

    (void)state;
    assert_non_null(t);
    table = get64(s + H_TABLE_OFFSET);
#define FRESH() memcpy(t, s, len)
    /* the layout this test changes */
    assert_int_equal(get32(entry(s, 0) + E_TAG), TAG_NODE);
    assert_int_equal(get64(entry(s, 0) + E_OFFSET), 64);
    assert_int_equal(get64(entry(s, 0) + E_LENGTH), 100);
    /* NODE's block checksum at 192..199 */
    assert_int_equal(get64(entry(s, 1) + E_OFFSET), 256);
    assert_int_equal(get64(entry(s, 1) + E_LENGTH), 0);
    assert_int_equal(get64(entry(s, 2) + E_OFFSET), 256);
    assert_int_equal(get64(entry(s, 2) + E_LENGTH), 1);
    /* TEXT's block checksum at 320..327 */
    assert_int_equal(table, 384);

    FRESH();
    put32(entry(t, 1) + E_TAG, 0x45474400); /* "\0DGE" */
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE,
            "section 2 has a tag that is not four printable characters "
            "(0x45474400)");
    FRESH();
    put32(entry(t, 2) + E_TAG, TAG_NODE);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "section 'NODE' appears twice");

    FRESH();
    put64(entry(t, 2) + E_OFFSET, 200);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE,
            "section 'TEXT' is misaligned (offset 200 is not a multiple of "
            "64)");
    FRESH();
    put64(entry(t, 0) + E_OFFSET, 0);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "section 'NODE' overlaps the header");

    FRESH();
    put64(entry(t, 2) + E_LENGTH, UINT64_MAX - 100);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "section 'TEXT' is corrupt (offset 256 plus");
    FRESH();
    put64(entry(t, 2) + E_OFFSET, UINT64_MAX - 63);
    put64(entry(t, 2) + E_LENGTH, 64);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "is past any file");
    FRESH();
    put64(entry(t, 2) + E_OFFSET, (uint64_t)1 << 63);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "truncated: section 'TEXT' ends at");
    FRESH();
    put64(entry(t, 2) + E_LENGTH, len - 256 + 1);
    reseal(t, len);
    {
        char want[128];
        snprintf(want, sizeof want,
                 "truncated: section 'TEXT' ends at %zu but the file has %zu "
                 "bytes",
                 len + 1, len);
        refused(t, len, ZG_ERR_PARSE, want);
    }
    FRESH();
    put64(entry(t, 2) + E_LENGTH, 65);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "section 'TEXT' overlaps the section table");
    /* an empty section where the table starts is fine, not one inside */
    FRESH();
    put64(entry(t, 1) + E_OFFSET, table);
    reseal(t, len);
    f = open_exact(t, len, ZG_SNAPFILE_VERIFY, &err);
    assert_non_null(f);
    close_exact(f);
    FRESH();
    put64(entry(t, 1) + E_OFFSET, table + 64);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "section 'EDGE' overlaps the section table");
    FRESH();
    put64(entry(t, 1) + E_OFFSET, table + 128);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "truncated: section 'EDGE' ends at 512");
    /* the block checksums past the end of the file, or over the table */
    FRESH();
    put64(entry(t, 2) + E_OFFSET, table + 64); /* 448, of 480 */
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE,
            "truncated: the block checksums of section 'TEXT' end at 520 but "
            "the file has 480 bytes");
    FRESH();
    put64(entry(t, 2) + E_LENGTH, 64); /* 256..319, checksum 320..327 */
    reseal(t, len);
    f = open_exact(t, len, 0, &err);
    assert_non_null(f);
    close_exact(f);
    FRESH();
    put64(entry(t, 2) + E_LENGTH, 65); /* its checksum at 384, the table */
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE,
            "section 'TEXT' overlaps the section table (it ends at 392");

    /* overlaps, whatever the table's order */
    FRESH();
    put64(entry(t, 2) + E_OFFSET, 128);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "sections 'NODE' and 'TEXT' overlap");
    FRESH();
    put64(entry(t, 1) + E_OFFSET, 128); /* empty, but inside NODE */
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "sections 'NODE' and 'EDGE' overlap");
    FRESH();
    put64(entry(t, 0) + E_OFFSET, 128);
    put64(entry(t, 2) + E_OFFSET, 64);
    put64(entry(t, 2) + E_LENGTH, 65);
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "sections 'TEXT' and 'NODE' overlap");
    /* an empty section where a longer one starts is no overlap, a section
     * inside that one is */
    FRESH();
    put64(entry(t, 0) + E_LENGTH, 190); /* NODE: 64..263, TEXT: 256 */
    put64(entry(t, 1) + E_OFFSET, 64);  /* EDGE: empty, at 64 */
    reseal(t, len);
    refused(t, len, ZG_ERR_PARSE, "sections 'NODE' and 'TEXT' overlap");

    /* flags are data: changed, they are read as changed */
    FRESH();
    put32(entry(t, 0) + E_FLAGS, 0xdeadbeef);
    reseal(t, len);
    f = open_exact(t, len, 0, &err);
    assert_non_null(f);
    assert_int_equal(zg_snapfile_find(f, TAG_NODE)->flags, 0xdeadbeef);
    close_exact(f);

    /* a section's stored checksum: found when the section is used */
    FRESH();
    t[table + E_CHECKSUM + 7] ^= 0x80;
    reseal(t, len);
    f = open_exact(t, len, 0, &err);
    assert_non_null(f);
    {
        zg_error e2 = {0};
        assert_int_equal(zg_snapfile_section(f, TAG_NODE, &data, &n, &e2),
                         ZG_ERR_PARSE);
        assert_string_equal(e2.msg, "section 'NODE' is corrupt (checksum "
                                    "mismatch in its block checksums)");
    }
    close_exact(f);
#undef FRESH
    free(t);
    free(s);
}

/* A section of three blocks and a bit, damaged in its third block: the
 * blocks before it are handed out by range, the damaged one refused with
 * the bytes it covers (every time), the whole section and verification
 * refuse it; a range past the section's end is a caller's error. */
static void
test_block_damage(void **state)
{
    const size_t size = 3 * ZG_SNAPFILE_BLOCK + 10;
    const char *path = path_in_dir("blocks.zgs");
    unsigned char *node = patterned(7, size), *s;
    zg_snapfile_writer *w = NULL;
    zg_snapfile *f;
    zg_error err = {0};
    const void *data;
    size_t len, n;

    (void)state;
    assert_int_equal(zg_snapfile_writer_new(&w, path, &err), ZG_OK);
    /* in pieces that straddle the blocks */
    assert_int_equal(zg_snapfile_writer_begin(w, TAG_NODE, 0, &err), ZG_OK);
    for (size_t at = 0; at < size; at += 40000) {
        size_t k = size - at < 40000 ? size - at : 40000;
        assert_int_equal(zg_snapfile_writer_append(w, node + at, k, &err),
                         ZG_OK);
    }
    assert_int_equal(zg_snapfile_writer_finish(w, &err), ZG_OK);
    zg_snapfile_writer_free(w);
    s = slurp(path, &len);

    /* sound: every range reads back what was written */
    f = open_exact(s, len, ZG_SNAPFILE_VERIFY, &err);
    assert_non_null(f);
    assert_int_equal(zg_snapfile_range(f, TAG_NODE, ZG_SNAPFILE_BLOCK - 3,
                                       ZG_SNAPFILE_BLOCK + 6, &data, &err),
                     ZG_OK);
    assert_memory_equal(data, node + ZG_SNAPFILE_BLOCK - 3,
                        ZG_SNAPFILE_BLOCK + 6);
    close_exact(f);

    s[64 + 2 * ZG_SNAPFILE_BLOCK + 17] ^= 4; /* no reseal */
    f = open_exact(s, len, 0, &err);
    assert_non_null(f);
    assert_int_equal(zg_snapfile_section_lazy(f, TAG_NODE, &data, &n, &err),
                     ZG_OK);
    assert_int_equal(n, size);
    assert_int_equal(
        zg_snapfile_range(f, TAG_NODE, 0, 2 * ZG_SNAPFILE_BLOCK, &data, &err),
        ZG_OK);
    assert_memory_equal(data, node, 2 * ZG_SNAPFILE_BLOCK);
    assert_int_equal(
        zg_snapfile_range(f, TAG_NODE, 3 * ZG_SNAPFILE_BLOCK, 10, &data, &err),
        ZG_OK);
    for (int again = 0; again < 2; again++) {
        zg_error e2 = {0};
        assert_int_equal(zg_snapfile_range(f, TAG_NODE,
                                           2 * ZG_SNAPFILE_BLOCK - 1, 2, &data,
                                           &e2),
                         ZG_ERR_PARSE);
        assert_string_equal(e2.file, "x.zgs");
        assert_string_equal(e2.msg, "section 'NODE' is corrupt (checksum "
                                    "mismatch in bytes 131072 to 196607)");
    }
    {
        zg_error e2 = {0};
        assert_int_equal(zg_snapfile_section(f, TAG_NODE, &data, &n, &e2),
                         ZG_ERR_PARSE);
        zg_error_clear(&e2);
        assert_int_equal(zg_snapfile_verify(f, &e2), ZG_ERR_PARSE);
        assert_non_null(strstr(e2.msg, "bytes 131072 to 196607"));
        zg_error_clear(&e2);
        assert_int_equal(
            zg_snapfile_range(f, TAG_NODE, size - 1, 2, &data, &e2),
            ZG_ERR_INVALID);
        zg_error_clear(&e2);
        assert_int_equal(zg_snapfile_range(f, TAG_EDGE, 0, 0, &data, &e2),
                         ZG_ERR_NOT_FOUND);
    }
    close_exact(f);
    zg_error_clear(&err);
    assert_null(open_exact(s, len, ZG_SNAPFILE_VERIFY, &err));
    assert_non_null(strstr(err.msg, "bytes 131072 to 196607"));
    free(s);
    free(node);
}

/* A byte of a section damaged: the snapshot opens, the section is refused
 * when used (every time), the others are handed out; verification and
 * opening with ZG_SNAPFILE_VERIFY find it. */
static void
test_section_damage(void **state)
{
    size_t len;
    unsigned char *s = small_snapshot(&len);
    zg_error err = {0};
    const void *data;
    size_t n;

    (void)state;
    /* every bit of NODE (64..163) and TEXT (256) */
    for (size_t k = 0; k <= 100; k++) {
        size_t at = k < 100 ? 64 + k : 256;
        uint32_t tag = k < 100 ? TAG_NODE : TAG_TEXT;
        const char *want =
            k < 100
                ? "section 'NODE' is corrupt (checksum mismatch in bytes 0 to "
                  "99)"
                : "section 'TEXT' is corrupt (checksum mismatch in bytes 0 to "
                  "0)";
        for (int bit = 0; bit < 8; bit++) {
            zg_snapfile *f;
            zg_error e2 = {0};

            s[at] ^= (unsigned char)(1u << bit);
            f = open_exact(s, len, 0, &err);
            assert_non_null(f);
            assert_int_equal(
                zg_snapfile_section(f, tag == TAG_NODE ? TAG_TEXT : TAG_NODE,
                                    &data, &n, &e2),
                ZG_OK);
            assert_int_equal(zg_snapfile_section(f, TAG_EDGE, &data, &n, &e2),
                             ZG_OK);
            for (int again = 0; again < 2; again++) {
                zg_error_clear(&e2);
                data = NULL;
                assert_int_equal(zg_snapfile_section(f, tag, &data, &n, &e2),
                                 ZG_ERR_PARSE);
                assert_null(data);
                assert_string_equal(e2.file, "x.zgs");
                assert_string_equal(e2.msg, want);
            }
            close_exact(f);

            f = open_exact(s, len, 0, &err);
            assert_non_null(f);
            zg_error_clear(&e2);
            assert_int_equal(zg_snapfile_verify(f, &e2), ZG_ERR_PARSE);
            assert_string_equal(e2.msg, want);
            close_exact(f);

            assert_null(open_exact(s, len, ZG_SNAPFILE_VERIFY, &err));
            assert_string_equal(err.msg, want);
            s[at] ^= (unsigned char)(1u << bit);
        }
    }
    /* padding between sections is no section's: not checked */
    s[170] ^= 1;
    {
        zg_snapfile *f = open_exact(s, len, ZG_SNAPFILE_VERIFY, &err);
        assert_non_null(f);
        close_exact(f);
    }
    free(s);
}

/* ---- files that are no snapshot ---- */

static void
test_not_a_snapshot(void **state)
{
    const char *path;
    zg_snapfile *f = NULL;
    zg_error err = {0};

    (void)state;
    path = path_in_dir("empty-file.zgs");
    spill(path, "", 0);
    assert_int_equal(zg_snapfile_open(&f, path, 0, &err), ZG_ERR_PARSE);
    assert_null(f);
    assert_string_equal(err.file, path);
    assert_string_equal(err.msg, "not a zonegraph snapshot: the file is empty");

    path = path_in_dir("text.zgs");
    spill(path, "<zonegraph/>\n", 13);
    zg_error_clear(&err);
    assert_int_equal(zg_snapfile_open(&f, path, 0, &err), ZG_ERR_PARSE);
    assert_string_equal(err.msg, "not a zonegraph snapshot");

    zg_error_clear(&err);
    assert_int_equal(zg_snapfile_open(&f, dir, 0, &err), ZG_ERR_IO);
    assert_null(f);
    assert_string_equal(err.file, dir);
    assert_string_equal(err.msg, "is a folder, not a snapshot");

    path = path_in_dir("missing.zgs");
    zg_error_clear(&err);
    assert_int_equal(zg_snapfile_open(&f, path, 0, &err), ZG_ERR_IO);
    assert_null(f);
    assert_string_equal(err.file, path);
    assert_contains(err.msg, "cannot open: ");
    assert_contains(err.msg, strerror(ENOENT));

    zg_error_clear(&err);
    assert_int_equal(zg_snapfile_open(&f, "/dev/null", 0, &err), ZG_ERR_IO);
    assert_string_equal(err.msg, "not a regular file");

    /* a FIFO with no writer: refused at once, not waited on */
    path = path_in_dir("fifo.zgs");
    assert_int_equal(mkfifo(path, 0600), 0);
    zg_error_clear(&err);
    assert_int_equal(zg_snapfile_open(&f, path, 0, &err), ZG_ERR_IO);
    assert_string_equal(err.msg, "not a regular file");
    unlink(path);
}

/* ---- saving ---- */

/* A writer that failed keeps failing with the first error, writes
 * nothing and leaves no temporary file. */
static void
check_misuse(uint32_t tag1, uint32_t tag2, const char *want)
{
    const char *path = path_in_dir("misuse.zgs");
    zg_snapfile_writer *w = NULL;
    zg_error err = {0};
    zg_status st;

    unlink(path);
    assert_int_equal(zg_snapfile_writer_new(&w, path, &err), ZG_OK);
    if (tag1)
        assert_int_equal(zg_snapfile_writer_add(w, tag1, 0, "a", 1, &err),
                         ZG_OK);
    st = tag2 ? zg_snapfile_writer_begin(w, tag2, 0, &err)
              : zg_snapfile_writer_append(w, "b", 1, &err);
    assert_int_equal(st, ZG_ERR_INVALID);
    assert_string_equal(err.file, path);
    assert_string_equal(err.msg, want);
    assert_no_temporary();
    zg_error_clear(&err);
    assert_int_equal(zg_snapfile_writer_begin(w, TAG_TEXT, 0, &err),
                     ZG_ERR_INVALID);
    assert_string_equal(err.msg, want);
    zg_error_clear(&err);
    assert_int_equal(zg_snapfile_writer_append(w, "c", 1, &err),
                     ZG_ERR_INVALID);
    assert_string_equal(err.msg, want);
    zg_error_clear(&err);
    assert_int_equal(zg_snapfile_writer_add(w, TAG_EDGE, 0, "c", 1, &err),
                     ZG_ERR_INVALID);
    assert_string_equal(err.msg, want);
    zg_error_clear(&err);
    assert_int_equal(zg_snapfile_writer_finish(w, &err), ZG_ERR_INVALID);
    assert_string_equal(err.msg, want);
    zg_snapfile_writer_free(w);
    assert_int_equal(access(path, F_OK), -1);
    assert_no_temporary();
}

static void
test_writer_misuse(void **state)
{
    (void)state;
    check_misuse(0, 0, "bytes appended before any section was started");
    check_misuse(0, ZG_SNAP_TAG('A', 'B', '\n', 'D'),
                 "section tag 0x440a4241 is not four printable characters");
    check_misuse(TAG_NODE, TAG_NODE, "section 'NODE' written twice");
}

/* A save that does not finish leaves the old snapshot in place and no
 * temporary file. */
static void
test_writer_abandoned(void **state)
{
    const char *path = path_in_dir("keep.zgs");
    zg_snapfile_writer *w = NULL;
    zg_error err = {0};
    size_t len;
    unsigned char *before, *after;

    (void)state;
    assert_int_equal(zg_snapfile_writer_new(&w, path, &err), ZG_OK);
    assert_int_equal(zg_snapfile_writer_add(w, TAG_NODE, 0, "old", 3, &err),
                     ZG_OK);
    assert_int_equal(zg_snapfile_writer_finish(w, &err), ZG_OK);
    /* a finished writer is done */
    assert_int_equal(zg_snapfile_writer_add(w, TAG_EDGE, 0, "x", 1, &err),
                     ZG_ERR_INVALID);
    assert_string_equal(err.msg, "the snapshot is already written");
    assert_int_equal(zg_snapfile_writer_finish(w, &err), ZG_ERR_INVALID);
    zg_snapfile_writer_free(w);
    before = slurp(path, &len);

    zg_error_clear(&err);
    assert_int_equal(zg_snapfile_writer_new(&w, path, &err), ZG_OK);
    assert_int_equal(zg_snapfile_writer_add(w, TAG_NODE, 0, "new", 3, &err),
                     ZG_OK);
    zg_snapfile_writer_free(w);
    after = slurp(path, &len);
    assert_memory_equal(before, after, len);
    assert_no_temporary();
    free(before);
    free(after);
}

static void
test_writer_io_errors(void **state)
{
    zg_snapfile_writer *w = NULL;
    zg_error err = {0};
    const char *path = path_in_dir("no-such-folder/x.zgs");
    const char *sub = path_in_dir("a-folder");

    (void)state;
    assert_int_equal(zg_snapfile_writer_new(&w, path, &err), ZG_ERR_IO);
    assert_null(w);
    assert_string_equal(err.file, path);
    assert_contains(err.msg, "cannot create the snapshot: ");
    assert_contains(err.msg, strerror(ENOENT));

    /* the target is a folder: the rename fails, nothing is left over */
    assert_int_equal(mkdir(sub, 0700), 0);
    zg_error_clear(&err);
    assert_int_equal(zg_snapfile_writer_new(&w, sub, &err), ZG_OK);
    assert_int_equal(zg_snapfile_writer_add(w, TAG_NODE, 0, "x", 1, &err),
                     ZG_OK);
    assert_int_equal(zg_snapfile_writer_finish(w, &err), ZG_ERR_IO);
    assert_string_equal(err.file, sub);
    assert_contains(err.msg, "cannot put the snapshot in place: ");
    zg_snapfile_writer_free(w);
    assert_no_temporary();
    assert_int_equal(rmdir(sub), 0);
}

/* The file system refuses more bytes halfway through a save (a file size
 * limit, as a full disk would): the save fails naming the OS error, the
 * old snapshot stays whole and no temporary file is left. In a child
 * process, since the limit is the process's. */
static void
test_writer_disk_full(void **state)
{
    const char *path = path_in_dir("full.zgs");
    zg_snapfile_writer *w = NULL;
    zg_snapfile *f = NULL;
    zg_error err = {0};
    const void *data;
    size_t n;
    pid_t pid;
    int status;

    (void)state;
    assert_int_equal(zg_snapfile_writer_new(&w, path, &err), ZG_OK);
    assert_int_equal(zg_snapfile_writer_add(w, TAG_NODE, 0, "old", 3, &err),
                     ZG_OK);
    assert_int_equal(zg_snapfile_writer_finish(w, &err), ZG_OK);
    zg_snapfile_writer_free(w);

    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct rlimit rl = {1 << 20, 1 << 20};
        size_t big = 4u << 20;
        unsigned char *b = calloc(1, big);
        zg_status st;

        signal(SIGXFSZ, SIG_IGN);
        if (b == NULL || setrlimit(RLIMIT_FSIZE, &rl) != 0)
            _exit(2);
        if (zg_snapfile_writer_new(&w, path, &err) != ZG_OK)
            _exit(3);
        st = zg_snapfile_writer_add(w, TAG_NODE, 0, "new", 3, &err);
        if (st == ZG_OK)
            st = zg_snapfile_writer_add(w, TAG_EDGE, 0, b, big, &err);
        if (st == ZG_OK)
            st = zg_snapfile_writer_finish(w, &err);
        zg_snapfile_writer_free(w);
        free(b);
        if (st != ZG_ERR_IO || strcmp(err.file, path) != 0 ||
            strstr(err.msg, "cannot write the snapshot: ") == NULL ||
            strstr(err.msg, strerror(EFBIG)) == NULL) {
            fprintf(stderr, "child: %s: %s\n", err.file, err.msg);
            _exit(4);
        }
        _exit(0);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_no_temporary();
    assert_int_equal(zg_snapfile_open(&f, path, ZG_SNAPFILE_VERIFY, &err),
                     ZG_OK);
    assert_int_equal(zg_snapfile_section(f, TAG_NODE, &data, &n, &err), ZG_OK);
    assert_int_equal(n, 3);
    assert_memory_equal(data, "old", 3);
    zg_snapfile_close(f);
}

/* ---- the scratch folder ---- */

static int
setup(void **state)
{
    const char *tmp = getenv("TMPDIR");

    (void)state;
    snprintf(dir, sizeof dir, "%s/test_snapfile.XXXXXX",
             tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    (void)state;
    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        unlink(path_in_dir(e->d_name));
    }
    closedir(d);
    return rmdir(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checksum),
        cmocka_unit_test(test_tag_name),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_empty_snapshot),
        cmocka_unit_test(test_unknown_tag),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_bit_flips),
        cmocka_unit_test(test_header_fields),
        cmocka_unit_test(test_table_fields),
        cmocka_unit_test(test_hash_seeded),
        cmocka_unit_test(test_section_damage),
        cmocka_unit_test(test_block_damage),
        cmocka_unit_test(test_not_a_snapshot),
        cmocka_unit_test(test_writer_misuse),
        cmocka_unit_test(test_writer_abandoned),
        cmocka_unit_test(test_writer_io_errors),
        cmocka_unit_test(test_writer_disk_full),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
