/* SPDX-License-Identifier: MIT */
/*
 * The snapshot container (zg_snapfile.h): the writer, which builds the file
 * under a temporary name and renames it into place, and the reader, which
 * maps it and validates the header and section table before handing out
 * any section. doc/snapshot.md lays the format out byte by byte.
 */
#include "zg_snapfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- the layout (doc/snapshot.md) ---- */

#define HDR_SIZE 64
#define ENTRY_SIZE 32

/* Header fields, by offset. */
#define H_MAGIC 0
#define H_MAJOR 8
#define H_MINOR 10
#define H_BOM 12
#define H_FILE_SIZE 16
#define H_TABLE_OFFSET 24
#define H_COUNT 32
#define H_CHECKSUM 56 /* covers bytes 0-55 and the table */

/* Section table entry fields, by offset. */
#define E_TAG 0
#define E_FLAGS 4
#define E_OFFSET 8
#define E_LENGTH 16
#define E_CHECKSUM 24

/* A high byte first, so that a transfer that strips the eighth bit spoils
 * it; CR LF, so that one that converts line endings does; ^Z, which stops
 * a DOS `type`; and a lone LF for conversions the other way. */
static const unsigned char magic[8] = {0x89, 'Z',  'G',  'S',
                                       '\r', '\n', 0x1a, '\n'};

/* 0x01020304, read from the file as little-endian. Written by a program
 * that stored its integers big-endian, it reads 0x04030201. */
#define BOM 0x01020304u
#define BOM_SWAPPED 0x04030201u

static uint16_t
get16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
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
put16(unsigned char *p, uint16_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void
put32(unsigned char *p, uint32_t v)
{
    put16(p, (uint16_t)v);
    put16(p + 2, (uint16_t)(v >> 16));
}

static void
put64(unsigned char *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

/* ---- the checksum: XXH64 (Yann Collet's xxHash, 64-bit), seed 0 ---- */

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

/* An unaligned little-endian load the compiler turns into one move. */
static inline uint64_t
load64(const unsigned char *p)
{
    uint64_t v;

    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

static inline uint64_t
rotl64(uint64_t x, unsigned r)
{
    return x << r | x >> (64 - r);
}

static inline uint64_t
xxh_round(uint64_t acc, uint64_t input)
{
    acc += input * P2;
    return rotl64(acc, 31) * P1;
}

static inline uint64_t
xxh_merge(uint64_t acc, uint64_t v)
{
    acc ^= xxh_round(0, v);
    return acc * P1 + P4;
}

/* A checksum computed over bytes that come in pieces. */
typedef struct xxh64 {
    uint64_t v[4];
    uint64_t total;
    unsigned char mem[32];
    size_t memlen;
} xxh64;

static void
xxh_init(xxh64 *s)
{
    s->v[0] = P1 + P2;
    s->v[1] = P2;
    s->v[2] = 0;
    s->v[3] = 0 - P1;
    s->total = 0;
    s->memlen = 0;
}

/* The 32-byte stripes of `n` bytes (a multiple of 32). */
static void
xxh_stripes(uint64_t v[4], const unsigned char *p, size_t n)
{
    uint64_t v1 = v[0], v2 = v[1], v3 = v[2], v4 = v[3];
    const unsigned char *end = p + n;

    while (p < end) {
        v1 = xxh_round(v1, load64(p));
        v2 = xxh_round(v2, load64(p + 8));
        v3 = xxh_round(v3, load64(p + 16));
        v4 = xxh_round(v4, load64(p + 24));
        p += 32;
    }
    v[0] = v1;
    v[1] = v2;
    v[2] = v3;
    v[3] = v4;
}

static void
xxh_update(xxh64 *s, const void *data, size_t len)
{
    const unsigned char *p = data;
    size_t whole;

    s->total += len;
    if (s->memlen + len < 32) {
        if (len)
            memcpy(s->mem + s->memlen, p, len);
        s->memlen += len;
        return;
    }
    if (s->memlen) {
        size_t fill = 32 - s->memlen;
        memcpy(s->mem + s->memlen, p, fill);
        xxh_stripes(s->v, s->mem, 32);
        p += fill;
        len -= fill;
        s->memlen = 0;
    }
    whole = len & ~(size_t)31;
    xxh_stripes(s->v, p, whole);
    s->memlen = len - whole;
    if (s->memlen)
        memcpy(s->mem, p + whole, s->memlen);
}

static uint64_t
xxh_digest(const xxh64 *s)
{
    const unsigned char *p = s->mem, *end = s->mem + s->memlen;
    uint64_t h;

    if (s->total >= 32) {
        h = rotl64(s->v[0], 1) + rotl64(s->v[1], 7) + rotl64(s->v[2], 12) +
            rotl64(s->v[3], 18);
        h = xxh_merge(h, s->v[0]);
        h = xxh_merge(h, s->v[1]);
        h = xxh_merge(h, s->v[2]);
        h = xxh_merge(h, s->v[3]);
    } else {
        h = s->v[2] + P5; /* the seed */
    }
    h += s->total;
    for (; end - p >= 8; p += 8) {
        h ^= xxh_round(0, load64(p));
        h = rotl64(h, 27) * P1 + P4;
    }
    if (end - p >= 4) {
        h ^= (uint64_t)get32(p) * P1;
        h = rotl64(h, 23) * P2 + P3;
        p += 4;
    }
    for (; p < end; p++) {
        h ^= *p * P5;
        h = rotl64(h, 11) * P1;
    }
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    h ^= h >> 32;
    return h;
}

uint64_t
zg_snapfile_checksum(const void *data, size_t len)
{
    return zg_snapfile_hash(data, len, 0);
}

uint64_t
zg_snapfile_hash(const void *data, size_t len, uint64_t seed)
{
    xxh64 s;

    xxh_init(&s);
    s.v[0] += seed;
    s.v[1] += seed;
    s.v[2] += seed;
    s.v[3] += seed;
    xxh_update(&s, data, len);
    return xxh_digest(&s);
}

/* The checksum kept in the header: of its first 56 bytes, then of the
 * section table. */
static uint64_t
table_checksum(const unsigned char *hdr, const unsigned char *table,
               size_t table_len)
{
    xxh64 s;

    xxh_init(&s);
    xxh_update(&s, hdr, H_CHECKSUM);
    xxh_update(&s, table, table_len);
    return xxh_digest(&s);
}

/* ---- tags ---- */

static int
tag_printable(uint32_t tag)
{
    for (int i = 0; i < 4; i++) {
        unsigned c = tag >> (8 * i) & 0xff;
        if (c < 0x20 || c > 0x7e)
            return 0;
    }
    return 1;
}

char *
zg_snapfile_tag_name(uint32_t tag, char buf[16])
{
    if (tag_printable(tag))
        snprintf(buf, 16, "'%c%c%c%c'", (char)(tag & 0xff),
                 (char)(tag >> 8 & 0xff), (char)(tag >> 16 & 0xff),
                 (char)(tag >> 24));
    else
        snprintf(buf, 16, "0x%08lx", (unsigned long)tag);
    return buf;
}

static uint64_t
align_up(uint64_t n)
{
    return (n + ZG_SNAPFILE_ALIGN - 1) & ~(uint64_t)(ZG_SNAPFILE_ALIGN - 1);
}

/* ---- writing ---- */

#define WBUF_SIZE (256 * 1024)

struct zg_snapfile_writer {
    char *path;          /* the target */
    char *tmp;           /* the temporary file, NULL once gone */
    int fd;              /* on `tmp`, -1 once closed */
    uint64_t pos;        /* file offset of the next byte, buffered or not */
    unsigned char *buf;  /* bytes not yet written */
    size_t buflen;       /* how many */
    unsigned char *ents; /* the section table as it will be written */
    size_t count, cap;   /* entries in `ents`, and room */
    int in_section;      /* the last entry is still being appended to */
    xxh64 sum;           /* of the block being appended to */
    size_t blk_fill;     /* bytes in that block so far */
    uint64_t *sums;      /* the current section's block checksums so far */
    size_t n_sums, cap_sums;
    zg_error fail; /* the first failure, repeated by every call after */
};

/* Hand the writer's failure on to `err`. */
static zg_status
replay(const zg_snapfile_writer *w, zg_error *err)
{
    return zg_error_set(err, w->fail.status, w->fail.file, 0, 0, "%s",
                        w->fail.msg);
}

/* Remove the temporary file, if it is still there. */
static void
discard(zg_snapfile_writer *w)
{
    if (w->fd >= 0)
        close(w->fd);
    w->fd = -1;
    if (w->tmp) {
        unlink(w->tmp);
        free(w->tmp);
        w->tmp = NULL;
    }
}

static zg_status wfail(zg_snapfile_writer *w, zg_error *err, zg_status st,
                       const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Record the writer's first failure, give up the temporary file and
 * report it into `err`. */
static zg_status
wfail(zg_snapfile_writer *w, zg_error *err, zg_status st, const char *fmt, ...)
{
    char msg[sizeof w->fail.msg];
    va_list ap;

    if (w->fail.status == ZG_OK) {
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        zg_error_set(&w->fail, st, w->path, 0, 0, "%s", msg);
        discard(w);
    }
    return replay(w, err);
}

static zg_status
write_all(zg_snapfile_writer *w, const unsigned char *p, size_t n,
          zg_error *err)
{
    while (n > 0) {
        ssize_t k = write(w->fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return wfail(w, err, ZG_ERR_IO, "cannot write the snapshot: %s",
                         strerror(errno));
        if (k == 0)
            return wfail(w, err, ZG_ERR_IO, "cannot write the snapshot");
        p += k;
        n -= (size_t)k;
    }
    return ZG_OK;
}

static zg_status
flush(zg_snapfile_writer *w, zg_error *err)
{
    size_t n = w->buflen;

    w->buflen = 0;
    return write_all(w, w->buf, n, err);
}

/* Add `n` bytes to the file, through the buffer unless they are many. */
static zg_status
emit(zg_snapfile_writer *w, const void *data, size_t n, zg_error *err)
{
    if (n == 0)
        return ZG_OK; /* `data` may be NULL */
    if (n > WBUF_SIZE - w->buflen) {
        ZG_TRY(flush(w, err));
        if (n >= WBUF_SIZE) {
            ZG_TRY(write_all(w, data, n, err));
            w->pos += n;
            return ZG_OK;
        }
    }
    memcpy(w->buf + w->buflen, data, n);
    w->buflen += n;
    w->pos += n;
    return ZG_OK;
}

/* Zeros up to the next multiple of ZG_SNAPFILE_ALIGN. */
static zg_status
pad(zg_snapfile_writer *w, zg_error *err)
{
    static const unsigned char zeros[ZG_SNAPFILE_ALIGN];

    return emit(w, zeros, (size_t)(align_up(w->pos) - w->pos), err);
}

/* Keep the checksum of the block being appended to and start the next
 * one. */
static zg_status
end_block(zg_snapfile_writer *w, zg_error *err)
{
    if (w->n_sums == w->cap_sums) {
        size_t cap = w->cap_sums ? 2 * w->cap_sums : 64;
        uint64_t *p = realloc(w->sums, cap * sizeof *p);
        if (p == NULL)
            return wfail(w, err, ZG_ERR_NOMEM, "out of memory");
        w->sums = p;
        w->cap_sums = cap;
    }
    w->sums[w->n_sums++] = xxh_digest(&w->sum);
    xxh_init(&w->sum);
    w->blk_fill = 0;
    return ZG_OK;
}

/* End the section being appended to: record its length, write its block
 * checksums after it (from the next multiple of ZG_SNAPFILE_ALIGN) and
 * record their checksum as the section's. */
static zg_status
end_section(zg_snapfile_writer *w, zg_error *err)
{
    unsigned char *e, le[8];
    xxh64 all;

    if (!w->in_section)
        return ZG_OK;
    w->in_section = 0;
    e = w->ents + (w->count - 1) * ENTRY_SIZE;
    put64(e + E_LENGTH, w->pos - get64(e + E_OFFSET));
    if (w->blk_fill > 0)
        ZG_TRY(end_block(w, err));
    ZG_TRY(pad(w, err));
    xxh_init(&all);
    for (size_t i = 0; i < w->n_sums; i++) {
        put64(le, w->sums[i]);
        xxh_update(&all, le, sizeof le);
        ZG_TRY(emit(w, le, sizeof le, err));
    }
    put64(e + E_CHECKSUM, xxh_digest(&all));
    w->n_sums = 0;
    return ZG_OK;
}

/* ZG_OK while `w` can still take sections: it has not failed and is not
 * finished. */
static zg_status
usable(zg_snapfile_writer *w, zg_error *err)
{
    if (w->fail.status != ZG_OK)
        return replay(w, err);
    if (w->tmp == NULL)
        return wfail(w, err, ZG_ERR_INVALID, "the snapshot is already written");
    return ZG_OK;
}

zg_status
zg_snapfile_writer_new(zg_snapfile_writer **out, const char *path,
                       zg_error *err)
{
    static unsigned counter;
    static const unsigned char blank[HDR_SIZE];
    zg_snapfile_writer *w = NULL;
    size_t n = strlen(path) + 64;
    zg_status st = ZG_OK;

    *out = NULL;
    w = calloc(1, sizeof *w);
    if (w == NULL)
        return zg_error_set(err, ZG_ERR_NOMEM, path, 0, 0, "out of memory");
    w->fd = -1;
    w->path = strdup(path);
    w->tmp = malloc(n);
    w->buf = malloc(WBUF_SIZE);
    if (w->path == NULL || w->tmp == NULL || w->buf == NULL) {
        st = zg_error_set(err, ZG_ERR_NOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    /* A name no one else uses, next to the target so that the rename
     * stays on one file system. */
    for (int tries = 0; w->fd < 0; tries++) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        snprintf(w->tmp, n, "%s.tmp-%ld-%u-%lx", path, (long)getpid(),
                 counter++, (unsigned long)ts.tv_nsec);
        w->fd = open(w->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (w->fd < 0 && (errno != EEXIST || tries == 100)) {
            st =
                zg_error_set(err, ZG_ERR_IO, path, 0, 0,
                             "cannot create the snapshot: %s", strerror(errno));
            free(w->tmp);
            w->tmp = NULL;
            goto out;
        }
    }
    /* The header is written last: until then the file is no snapshot. */
    st = emit(w, blank, sizeof blank, err);
out:
    if (st != ZG_OK) {
        zg_snapfile_writer_free(w);
        return st;
    }
    *out = w;
    return ZG_OK;
}

zg_status
zg_snapfile_writer_begin(zg_snapfile_writer *w, uint32_t tag, uint32_t flags,
                         zg_error *err)
{
    char name[16];
    unsigned char *e;

    ZG_TRY(usable(w, err));
    if (!tag_printable(tag))
        return wfail(w, err, ZG_ERR_INVALID,
                     "section tag %s is not four printable characters",
                     zg_snapfile_tag_name(tag, name));
    for (size_t i = 0; i < w->count; i++)
        if (get32(w->ents + i * ENTRY_SIZE + E_TAG) == tag)
            return wfail(w, err, ZG_ERR_INVALID, "section %s written twice",
                         zg_snapfile_tag_name(tag, name));
    if (w->count == ZG_SNAPFILE_MAX_SECTIONS)
        return wfail(w, err, ZG_ERR_LIMIT, "more than %d sections",
                     ZG_SNAPFILE_MAX_SECTIONS);
    ZG_TRY(end_section(w, err));
    ZG_TRY(pad(w, err));
    if (w->count == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 16;
        unsigned char *p = realloc(w->ents, cap * ENTRY_SIZE);
        if (p == NULL)
            return wfail(w, err, ZG_ERR_NOMEM, "out of memory");
        w->ents = p;
        w->cap = cap;
    }
    e = w->ents + w->count++ * ENTRY_SIZE;
    memset(e, 0, ENTRY_SIZE);
    put32(e + E_TAG, tag);
    put32(e + E_FLAGS, flags);
    put64(e + E_OFFSET, w->pos);
    xxh_init(&w->sum);
    w->blk_fill = 0;
    w->n_sums = 0;
    w->in_section = 1;
    return ZG_OK;
}

zg_status
zg_snapfile_writer_append(zg_snapfile_writer *w, const void *data, size_t len,
                          zg_error *err)
{
    ZG_TRY(usable(w, err));
    if (!w->in_section)
        return wfail(w, err, ZG_ERR_INVALID,
                     "bytes appended before any section was started");
    for (const unsigned char *p = data; len > 0;) {
        size_t take = ZG_SNAPFILE_BLOCK - w->blk_fill;
        if (take > len)
            take = len;
        xxh_update(&w->sum, p, take);
        ZG_TRY(emit(w, p, take, err));
        w->blk_fill += take;
        p += take;
        len -= take;
        if (w->blk_fill == ZG_SNAPFILE_BLOCK)
            ZG_TRY(end_block(w, err));
    }
    return ZG_OK;
}

zg_status
zg_snapfile_writer_add(zg_snapfile_writer *w, uint32_t tag, uint32_t flags,
                       const void *data, size_t len, zg_error *err)
{
    ZG_TRY(zg_snapfile_writer_begin(w, tag, flags, err));
    return zg_snapfile_writer_append(w, data, len, err);
}

/* Make the rename itself durable: sync the folder that holds the target.
 * Some file systems cannot sync a folder; the snapshot is complete
 * either way. */
static void
sync_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir;
    int fd;

    if (slash == NULL)
        dir = strdup(".");
    else
        dir = strndup(path, slash == path ? 1 : (size_t)(slash - path));
    if (dir == NULL)
        return;
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

zg_status
zg_snapfile_writer_finish(zg_snapfile_writer *w, zg_error *err)
{
    unsigned char hdr[HDR_SIZE] = {0};
    uint64_t table_offset, table_len = (uint64_t)w->count * ENTRY_SIZE;

    ZG_TRY(usable(w, err));
    ZG_TRY(end_section(w, err));
    ZG_TRY(pad(w, err));
    table_offset = w->pos;
    memcpy(hdr + H_MAGIC, magic, sizeof magic);
    put16(hdr + H_MAJOR, ZG_SNAPFILE_MAJOR);
    put16(hdr + H_MINOR, ZG_SNAPFILE_MINOR);
    put32(hdr + H_BOM, BOM);
    put64(hdr + H_FILE_SIZE, table_offset + table_len);
    put64(hdr + H_TABLE_OFFSET, table_offset);
    put32(hdr + H_COUNT, (uint32_t)w->count);
    put64(hdr + H_CHECKSUM, table_checksum(hdr, w->ents, (size_t)table_len));
    ZG_TRY(emit(w, w->ents, (size_t)table_len, err));
    ZG_TRY(flush(w, err));
    for (;;) {
        ssize_t k = pwrite(w->fd, hdr, sizeof hdr, 0);
        if (k == (ssize_t)sizeof hdr)
            break;
        if (k < 0 && errno == EINTR)
            continue;
        return wfail(w, err, ZG_ERR_IO, "cannot write the snapshot: %s",
                     k < 0 ? strerror(errno) : "short write");
    }
    if (fsync(w->fd) != 0)
        return wfail(w, err, ZG_ERR_IO, "cannot write the snapshot: %s",
                     strerror(errno));
    if (close(w->fd) != 0) {
        w->fd = -1;
        return wfail(w, err, ZG_ERR_IO, "cannot write the snapshot: %s",
                     strerror(errno));
    }
    w->fd = -1;
    if (rename(w->tmp, w->path) != 0)
        return wfail(w, err, ZG_ERR_IO, "cannot put the snapshot in place: %s",
                     strerror(errno));
    free(w->tmp);
    w->tmp = NULL;
    sync_folder(w->path);
    return ZG_OK;
}

void
zg_snapfile_writer_free(zg_snapfile_writer *w)
{
    if (w == NULL)
        return;
    discard(w);
    free(w->path);
    free(w->buf);
    free(w->ents);
    free(w->sums);
    free(w);
}

/* ---- reading ---- */

enum { UNCHECKED, GOOD, CORRUPT };

struct zg_snapfile {
    const unsigned char *base; /* the file's bytes */
    size_t size;
    void *map; /* what to munmap, NULL when reading from memory */
    char *name;
    unsigned major, minor;
    size_t count;
    size_t table_offset;
    zg_snapfile_entry *ents; /* in the table's order */
    atomic_uchar *state;     /* per entry, of its block checksums:
                                UNCHECKED, GOOD or CORRUPT */
    size_t *first_block;     /* per entry: its first block in `blocks` */
    atomic_uchar *blocks;    /* per block of every section: UNCHECKED,
                                GOOD or CORRUPT */
    uint32_t *by_tag;        /* entry indexes sorted by tag */
};

/* How many blocks a section of `length` bytes has. */
static uint64_t
block_count(uint64_t length)
{
    return (length + ZG_SNAPFILE_BLOCK - 1) / ZG_SNAPFILE_BLOCK;
}

/* Where the block checksums of entry `s` start, and where they end: the
 * end of all the section's bytes. */
static uint64_t
sums_at(const zg_snapfile_entry *s)
{
    return align_up(s->offset + s->length);
}

static uint64_t
extent_end(const zg_snapfile_entry *s)
{
    return sums_at(s) + 8 * block_count(s->length);
}

static zg_status rfail(const zg_snapfile *f, zg_error *err, zg_status st,
                       const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Report what is wrong with the snapshot `f`. */
static zg_status
rfail(const zg_snapfile *f, zg_error *err, zg_status st, const char *fmt, ...)
{
    char msg[sizeof err->msg];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return zg_error_set(err, st, f->name, 0, 0, "%s", msg);
}

typedef struct by_tag_key {
    uint32_t tag, idx;
} by_tag_key;

static int
cmp_tag(const void *a, const void *b)
{
    const by_tag_key *x = a, *y = b;

    if (x->tag != y->tag)
        return x->tag < y->tag ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

typedef struct by_offset_key {
    uint64_t offset, end;
    uint32_t idx;
} by_offset_key;

static int
cmp_offset(const void *a, const void *b)
{
    const by_offset_key *x = a, *y = b;

    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The header: magic, byte order, version, size and where the table is.
 * Sets f->major, f->minor and f->count; *table_offset. */
static zg_status
check_header(zg_snapfile *f, uint64_t *table_offset, zg_error *err)
{
    const unsigned char *h = f->base;
    uint64_t file_size, table_len;
    uint32_t bom;

    if (f->size == 0)
        return rfail(f, err, ZG_ERR_PARSE,
                     "not a zonegraph snapshot: the file is empty");
    if (memcmp(h, magic, f->size < sizeof magic ? f->size : sizeof magic)) {
        if (f->size >= 4 && memcmp(h, magic, 4) == 0)
            return rfail(f, err, ZG_ERR_PARSE,
                         "not a zonegraph snapshot any more: its first bytes "
                         "were changed, as a transfer in text mode changes "
                         "line endings");
        return rfail(f, err, ZG_ERR_PARSE, "not a zonegraph snapshot");
    }
    if (f->size < HDR_SIZE)
        return rfail(f, err, ZG_ERR_PARSE,
                     "truncated: the file has %zu bytes, less than the "
                     "%d-byte header",
                     f->size, HDR_SIZE);
    bom = get32(h + H_BOM);
    if (bom == BOM_SWAPPED)
        return rfail(f, err, ZG_ERR_INVALID,
                     "the snapshot was written with big-endian numbers; this "
                     "zonegraph reads only little-endian snapshots");
    if (bom != BOM)
        return rfail(f, err, ZG_ERR_PARSE,
                     "the header is corrupt (byte order mark 0x%08lx)",
                     (unsigned long)bom);
    f->major = get16(h + H_MAJOR);
    f->minor = get16(h + H_MINOR);
    if (f->major > ZG_SNAPFILE_MAJOR)
        return rfail(f, err, ZG_ERR_INVALID,
                     "snapshot format %u is newer than this zonegraph reads "
                     "(%d)",
                     f->major, ZG_SNAPFILE_MAJOR);
    if (f->major == 0)
        return rfail(f, err, ZG_ERR_PARSE,
                     "the header is corrupt (format version 0)");
    if (f->major < ZG_SNAPFILE_MAJOR)
        return rfail(f, err, ZG_ERR_INVALID,
                     "snapshot format %u is older than this zonegraph reads "
                     "(%d): save it again from the files it was made from",
                     f->major, ZG_SNAPFILE_MAJOR);
    file_size = get64(h + H_FILE_SIZE);
    if (file_size > f->size)
        return rfail(f, err, ZG_ERR_PARSE,
                     "truncated: the header says %llu bytes but the file has "
                     "%zu",
                     (unsigned long long)file_size, f->size);
    if (file_size < f->size)
        return rfail(f, err, ZG_ERR_PARSE,
                     "%llu bytes of something else after the snapshot's "
                     "%llu bytes",
                     (unsigned long long)(f->size - file_size),
                     (unsigned long long)file_size);
    f->count = get32(h + H_COUNT);
    if (f->count > ZG_SNAPFILE_MAX_SECTIONS)
        return rfail(f, err, ZG_ERR_PARSE,
                     "the header is corrupt (%zu sections; a snapshot has at "
                     "most %d)",
                     f->count, ZG_SNAPFILE_MAX_SECTIONS);
    *table_offset = get64(h + H_TABLE_OFFSET);
    table_len = (uint64_t)f->count * ENTRY_SIZE;
    if (*table_offset < HDR_SIZE || *table_offset % ZG_SNAPFILE_ALIGN ||
        *table_offset > file_size || file_size - *table_offset != table_len)
        return rfail(f, err, ZG_ERR_PARSE,
                     "the header is corrupt (a table of %zu sections at "
                     "offset %llu does not end the %llu-byte file)",
                     f->count, (unsigned long long)*table_offset,
                     (unsigned long long)file_size);
    if (get64(h + H_CHECKSUM) !=
        table_checksum(h, h + *table_offset, (size_t)table_len))
        return rfail(f, err, ZG_ERR_PARSE,
                     "the header or the section table is corrupt (checksum "
                     "mismatch)");
    return ZG_OK;
}

/* The section table: each entry's tag and bounds, then no two sections
 * sharing bytes or a tag. Fills f->ents, f->state and f->by_tag. */
static zg_status
check_table(zg_snapfile *f, uint64_t table_offset, zg_error *err)
{
    const unsigned char *t = f->base + table_offset;
    by_offset_key *order = NULL;
    by_tag_key *tags = NULL;
    char a[16], b[16];
    zg_status st = ZG_OK;
    size_t n = f->count ? f->count : 1;

    size_t n_blocks = 0;

    f->ents = calloc(n, sizeof *f->ents);
    f->state = calloc(n, sizeof *f->state);
    f->first_block = calloc(n, sizeof *f->first_block);
    f->by_tag = calloc(n, sizeof *f->by_tag);
    order = calloc(n, sizeof *order);
    tags = calloc(n, sizeof *tags);
    if (!f->ents || !f->state || !f->first_block || !f->by_tag || !order ||
        !tags) {
        st = rfail(f, err, ZG_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < f->count; i++) {
        const unsigned char *e = t + i * ENTRY_SIZE;
        zg_snapfile_entry *s = &f->ents[i];
        s->tag = get32(e + E_TAG);
        s->flags = get32(e + E_FLAGS);
        s->offset = get64(e + E_OFFSET);
        s->length = get64(e + E_LENGTH);
        atomic_init(&f->state[i], UNCHECKED);
        zg_snapfile_tag_name(s->tag, a);
        if (!tag_printable(s->tag)) {
            st = rfail(f, err, ZG_ERR_PARSE,
                       "section %zu has a tag that is not four printable "
                       "characters (%s)",
                       i + 1, a);
            goto out;
        }
        if (s->offset % ZG_SNAPFILE_ALIGN) {
            st = rfail(f, err, ZG_ERR_PARSE,
                       "section %s is misaligned (offset %llu is not a "
                       "multiple of %d)",
                       a, (unsigned long long)s->offset, ZG_SNAPFILE_ALIGN);
            goto out;
        }
        if (s->offset < HDR_SIZE) {
            st = rfail(f, err, ZG_ERR_PARSE,
                       "section %s overlaps the header (offset %llu)", a,
                       (unsigned long long)s->offset);
            goto out;
        }
        if (s->length > UINT64_MAX - s->offset) {
            st = rfail(f, err, ZG_ERR_PARSE,
                       "section %s is corrupt (offset %llu plus length %llu "
                       "is past any file)",
                       a, (unsigned long long)s->offset,
                       (unsigned long long)s->length);
            goto out;
        }
        if (s->offset + s->length > f->size) {
            st = rfail(f, err, ZG_ERR_PARSE,
                       "truncated: section %s ends at %llu but the file has "
                       "%zu bytes",
                       a, (unsigned long long)(s->offset + s->length), f->size);
            goto out;
        }
        /* Within the file, so no sum below overflows. */
        if (extent_end(s) > f->size) {
            st = rfail(f, err, ZG_ERR_PARSE,
                       "truncated: the block checksums of section %s end at "
                       "%llu but the file has %zu bytes",
                       a, (unsigned long long)extent_end(s), f->size);
            goto out;
        }
        if (extent_end(s) > table_offset) {
            st = rfail(f, err, ZG_ERR_PARSE,
                       "section %s overlaps the section table (it ends at "
                       "%llu, the table starts at %llu)",
                       a, (unsigned long long)extent_end(s),
                       (unsigned long long)table_offset);
            goto out;
        }
        f->first_block[i] = n_blocks;
        n_blocks += (size_t)block_count(s->length);
        order[i].offset = s->offset;
        order[i].end = extent_end(s);
        order[i].idx = (uint32_t)i;
        tags[i].tag = s->tag;
        tags[i].idx = (uint32_t)i;
    }
    qsort(order, f->count, sizeof *order, cmp_offset);
    for (size_t i = 1, last = 0; i < f->count; i++) {
        /* `last`: of the sections before, the one that ends last */
        if (order[i].offset < order[last].end) {
            st = rfail(f, err, ZG_ERR_PARSE, "sections %s and %s overlap",
                       zg_snapfile_tag_name(f->ents[order[last].idx].tag, a),
                       zg_snapfile_tag_name(f->ents[order[i].idx].tag, b));
            goto out;
        }
        if (order[i].end > order[last].end)
            last = i;
    }
    qsort(tags, f->count, sizeof *tags, cmp_tag);
    for (size_t i = 0; i < f->count; i++) {
        if (i > 0 && tags[i].tag == tags[i - 1].tag) {
            st = rfail(f, err, ZG_ERR_PARSE, "section %s appears twice",
                       zg_snapfile_tag_name(tags[i].tag, a));
            goto out;
        }
        f->by_tag[i] = tags[i].idx;
    }
    f->blocks = calloc(n_blocks ? n_blocks : 1, sizeof *f->blocks);
    if (f->blocks == NULL) {
        st = rfail(f, err, ZG_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n_blocks; i++)
        atomic_init(&f->blocks[i], UNCHECKED);
out:
    free(order);
    free(tags);
    return st;
}

/* Take the snapshot's bytes from f->base and f->size: validate them and
 * fill in the rest of `f`. */
static zg_status
load(zg_snapfile *f, unsigned options, zg_error *err)
{
    uint64_t table_offset = 0;

    ZG_TRY(check_header(f, &table_offset, err));
    ZG_TRY(check_table(f, table_offset, err));
    f->table_offset = (size_t)table_offset;
    if (options & ZG_SNAPFILE_VERIFY)
        return zg_snapfile_verify(f, err);
    return ZG_OK;
}

static zg_snapfile *
snapfile_new(const char *name)
{
    zg_snapfile *f = calloc(1, sizeof *f);

    if (f && (f->name = strdup(name)) == NULL) {
        free(f);
        return NULL;
    }
    return f;
}

zg_status
zg_snapfile_open_memory(zg_snapfile **out, const void *data, size_t size,
                        const char *name, unsigned options, zg_error *err)
{
    zg_snapfile *f = NULL;
    zg_status st;

    *out = NULL;
    f = snapfile_new(name);
    if (f == NULL)
        return zg_error_set(err, ZG_ERR_NOMEM, name, 0, 0, "out of memory");
    f->base = size ? data : (const unsigned char *)"";
    f->size = size;
    st = load(f, options, err);
    if (st != ZG_OK) {
        zg_snapfile_close(f);
        return st;
    }
    *out = f;
    return ZG_OK;
}

zg_status
zg_snapfile_open(zg_snapfile **out, const char *path, unsigned options,
                 zg_error *err)
{
    zg_snapfile *f = NULL;
    struct stat sb;
    int fd = -1;
    zg_status st = ZG_OK;

    *out = NULL;
    f = snapfile_new(path);
    if (f == NULL)
        return zg_error_set(err, ZG_ERR_NOMEM, path, 0, 0, "out of memory");
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; it is
     * refused below, and means nothing to a regular file. */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        st = rfail(f, err, ZG_ERR_IO, "cannot open: %s", strerror(errno));
        goto out;
    }
    if (fstat(fd, &sb) != 0) {
        st = rfail(f, err, ZG_ERR_IO, "cannot open: %s", strerror(errno));
        goto out;
    }
    if (S_ISDIR(sb.st_mode)) {
        st = rfail(f, err, ZG_ERR_IO, "is a folder, not a snapshot");
        goto out;
    }
    if (!S_ISREG(sb.st_mode)) {
        st = rfail(f, err, ZG_ERR_IO, "not a regular file");
        goto out;
    }
    if ((uintmax_t)sb.st_size > SIZE_MAX) {
        st = rfail(f, err, ZG_ERR_LIMIT, "too large to map (%llu bytes)",
                   (unsigned long long)sb.st_size);
        goto out;
    }
    f->size = (size_t)sb.st_size;
    f->base = (const unsigned char *)"";
    if (f->size > 0) {
        void *m = mmap(NULL, f->size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m == MAP_FAILED) {
            st = rfail(f, err, ZG_ERR_IO, "cannot map: %s", strerror(errno));
            goto out;
        }
        f->map = m;
        f->base = m;
    }
    st = load(f, options, err);
out:
    if (fd >= 0)
        close(fd);
    if (st != ZG_OK) {
        zg_snapfile_close(f);
        return st;
    }
    *out = f;
    return ZG_OK;
}

void
zg_snapfile_close(zg_snapfile *f)
{
    if (f == NULL)
        return;
    if (f->map)
        munmap(f->map, f->size);
    free(f->ents);
    free(f->state);
    free(f->first_block);
    free(f->blocks);
    free(f->by_tag);
    free(f->name);
    free(f);
}

void
zg_snapfile_version(const zg_snapfile *f, unsigned *major, unsigned *minor)
{
    *major = f->major;
    *minor = f->minor;
}

size_t
zg_snapfile_count(const zg_snapfile *f)
{
    return f->count;
}

const zg_snapfile_entry *
zg_snapfile_entry_at(const zg_snapfile *f, size_t i)
{
    return i < f->count ? &f->ents[i] : NULL;
}

/* The index of the entry named `tag`, or -1. */
static long
find(const zg_snapfile *f, uint32_t tag)
{
    size_t lo = 0, hi = f->count;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t t = f->ents[f->by_tag[mid]].tag;
        if (t == tag)
            return (long)f->by_tag[mid];
        if (t < tag)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

const zg_snapfile_entry *
zg_snapfile_find(const zg_snapfile *f, uint32_t tag)
{
    long i = find(f, tag);

    return i < 0 ? NULL : &f->ents[i];
}

/* Tell the kernel that the mapped bytes from `offset` on, `length` of
 * them, are about to be read, so that it reads them from the disk in
 * large requests rather than page by page as they fault. (Not
 * MADV_SEQUENTIAL: that would let the pages go as soon as they are
 * checked, and the section is checked because it is about to be used.)
 * Only advice: its failure changes nothing. */
static void
read_ahead(const zg_snapfile *f, uint64_t offset, uint64_t length)
{
    long page = sysconf(_SC_PAGESIZE);
    uintptr_t start = (uintptr_t)(f->base + offset), end = start + length;

    if (page <= 0 || length < 1u << 20)
        return;
    start &= ~((uintptr_t)page - 1);
    (void)madvise((void *)start, end - start, MADV_WILLNEED);
}

/* Verify the checksum of entry `i`'s block checksums unless that is
 * done. */
static zg_status
check_sums(zg_snapfile *f, size_t i, zg_error *err)
{
    const zg_snapfile_entry *s = &f->ents[i];
    unsigned char state =
        atomic_load_explicit(&f->state[i], memory_order_acquire);
    char name[16];

    if (state == UNCHECKED) {
        /* The table's checksum covers the stored one. */
        uint64_t want =
            get64(f->base + f->table_offset + i * ENTRY_SIZE + E_CHECKSUM);
        uint64_t got = zg_snapfile_checksum(
            f->base + sums_at(s), (size_t)(8 * block_count(s->length)));
        state = got == want ? GOOD : CORRUPT;
        atomic_store_explicit(&f->state[i], state, memory_order_release);
    }
    if (state == CORRUPT)
        return rfail(f, err, ZG_ERR_PARSE,
                     "section %s is corrupt (checksum mismatch in its block "
                     "checksums)",
                     zg_snapfile_tag_name(s->tag, name));
    return ZG_OK;
}

/* Verify blocks `first` to `last` - 1 of entry `i` (and its block
 * checksums) unless that is done. */
static zg_status
check_blocks(zg_snapfile *f, size_t i, uint64_t first, uint64_t last,
             zg_error *err)
{
    const zg_snapfile_entry *s = &f->ents[i];
    const unsigned char *sums = f->base + sums_at(s);
    char name[16];

    ZG_TRY(check_sums(f, i, err));
    for (uint64_t b = first; b < last; b++) {
        atomic_uchar *st = &f->blocks[f->first_block[i] + b];
        unsigned char state = atomic_load_explicit(st, memory_order_acquire);
        uint64_t at = b * ZG_SNAPFILE_BLOCK, n = s->length - at;
        if (n > ZG_SNAPFILE_BLOCK)
            n = ZG_SNAPFILE_BLOCK;
        if (state == UNCHECKED) {
            uint64_t got =
                zg_snapfile_checksum(f->base + s->offset + at, (size_t)n);
            state = got == get64(sums + 8 * b) ? GOOD : CORRUPT;
            atomic_store_explicit(st, state, memory_order_release);
        }
        if (state == CORRUPT)
            return rfail(f, err, ZG_ERR_PARSE,
                         "section %s is corrupt (checksum mismatch in bytes "
                         "%llu to %llu)",
                         zg_snapfile_tag_name(s->tag, name),
                         (unsigned long long)at,
                         (unsigned long long)(at + n - 1));
    }
    return ZG_OK;
}

/* Verify all of entry `i`. */
static zg_status
check_section(zg_snapfile *f, size_t i, zg_error *err)
{
    const zg_snapfile_entry *s = &f->ents[i];

    if (f->map)
        read_ahead(f, s->offset, s->length);
    return check_blocks(f, i, 0, block_count(s->length), err);
}

/* The index of the entry named `tag`, or ZG_ERR_NOT_FOUND. */
static zg_status
find_entry(zg_snapfile *f, uint32_t tag, size_t *idx, zg_error *err)
{
    long i = find(f, tag);
    char name[16];

    if (i < 0)
        return rfail(f, err, ZG_ERR_NOT_FOUND, "the snapshot has no section %s",
                     zg_snapfile_tag_name(tag, name));
    *idx = (size_t)i;
    return ZG_OK;
}

/* Section `tag` in `*data` and `*len`, with every block verified when
 * `whole`, else only its block checksums. */
static zg_status
get_section(zg_snapfile *f, uint32_t tag, int whole, const void **data,
            size_t *len, zg_error *err)
{
    size_t i = 0;

    ZG_TRY(find_entry(f, tag, &i, err));
    ZG_TRY(whole ? check_section(f, i, err) : check_sums(f, i, err));
    *data = f->base + f->ents[i].offset;
    *len = (size_t)f->ents[i].length;
    return ZG_OK;
}

zg_status
zg_snapfile_section(zg_snapfile *f, uint32_t tag, const void **data,
                    size_t *len, zg_error *err)
{
    return get_section(f, tag, 1, data, len, err);
}

zg_status
zg_snapfile_section_lazy(zg_snapfile *f, uint32_t tag, const void **data,
                         size_t *len, zg_error *err)
{
    return get_section(f, tag, 0, data, len, err);
}

zg_status
zg_snapfile_range(zg_snapfile *f, uint32_t tag, size_t offset, size_t len,
                  const void **data, zg_error *err)
{
    const zg_snapfile_entry *s;
    size_t i = 0;
    char name[16];

    ZG_TRY(find_entry(f, tag, &i, err));
    s = &f->ents[i];
    if (offset > s->length || len > s->length - offset)
        return rfail(f, err, ZG_ERR_INVALID,
                     "bytes %zu to %zu are past the end of section %s (%llu "
                     "bytes)",
                     offset, offset + len, zg_snapfile_tag_name(tag, name),
                     (unsigned long long)s->length);
    if (len > 0)
        ZG_TRY(check_blocks(f, i, offset / ZG_SNAPFILE_BLOCK,
                            (offset + len - 1) / ZG_SNAPFILE_BLOCK + 1, err));
    else
        ZG_TRY(check_sums(f, i, err));
    *data = f->base + s->offset + offset;
    return ZG_OK;
}

zg_status
zg_snapfile_verify(zg_snapfile *f, zg_error *err)
{
    for (size_t i = 0; i < f->count; i++)
        ZG_TRY(check_section(f, i, err));
    return ZG_OK;
}
