/* SPDX-License-Identifier: MIT */
/**
 * @file zg_snapfile.h
 * @brief The snapshot container: a file of tagged, checksummed sections.
 *
 * A snapshot is written once and then opened many times with mmap, so that
 * a command answers from it without parsing anything. The container knows
 * nothing of graphs: it holds sections, each a run of bytes named by a
 * 32-bit tag (four printable characters, ZG_SNAP_TAG('N','O','D','E')),
 * with 32 flags bits the caller gives them a meaning, aligned to 64 bytes
 * in the file and checksummed in blocks. The byte-by-byte layout is in
 * doc/snapshot.md.
 *
 * Writing goes to a temporary file in the target's folder, which is
 * synced and renamed over the target only when it is complete: a failed
 * or abandoned save leaves the target as it was and no half file.
 *
 * Opening validates the header and the section table completely (magic,
 * byte order, format version, sizes, offsets, alignment, overlaps,
 * duplicate tags, the table's checksum) and reads nothing else. Each
 * section is checksummed in blocks of ZG_SNAPFILE_BLOCK bytes; a block is
 * verified the first time a request covers it (a whole section, or a
 * range of one), so a command reads only the blocks it uses.
 * zg_snapfile_verify() checks them all at once.
 *
 * Internal to the library (not installed).
 */
#ifndef ZG_SNAPFILE_H
#define ZG_SNAPFILE_H

#include <stddef.h>
#include <stdint.h>

#include "zg_error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The format version this code writes; it reads every minor version of
 * this major, and refuses a newer major. */
#define ZG_SNAPFILE_MAJOR 2
#define ZG_SNAPFILE_MINOR 0

/** Sections are checksummed in blocks of this many bytes (the last block
 * of a section may be shorter), so that a reader verifies only the
 * blocks it reads. */
#define ZG_SNAPFILE_BLOCK 65536

/** Sections start at offsets that are multiples of this. */
#define ZG_SNAPFILE_ALIGN 64

/** The most sections a snapshot may hold. */
#define ZG_SNAPFILE_MAX_SECTIONS 65536

/** A section tag from four characters, stored so that the file shows them
 * in this order: ZG_SNAP_TAG('N','O','D','E'). Each must be printable
 * ASCII (space to '~'). */
#define ZG_SNAP_TAG(a, b, c, d)                                                \
    ((uint32_t)(unsigned char)(a) | (uint32_t)(unsigned char)(b) << 8 |        \
     (uint32_t)(unsigned char)(c) << 16 | (uint32_t)(unsigned char)(d) << 24)

/* ---- writing ---- */

/** A snapshot being written. Opaque. */
typedef struct zg_snapfile_writer zg_snapfile_writer;

/**
 * Start writing the snapshot `path` (copied): creates a temporary file
 * next to it. Fails: ZG_ERR_IO (the message names `path` and the OS
 * error), ZG_ERR_NOMEM. Free with zg_snapfile_writer_free().
 *
 * After a writer call fails, every later call on it fails with the same
 * error, so a caller may write many sections and check at the end.
 */
zg_status zg_snapfile_writer_new(zg_snapfile_writer **out, const char *path,
                                 zg_error *err);

/**
 * End the current section, if any, and start a new one named `tag` with
 * `flags`; its bytes follow through zg_snapfile_writer_append(). Fails:
 * ZG_ERR_INVALID when `tag` is not four printable characters or already
 * used or when the snapshot is finished, ZG_ERR_LIMIT past
 * ZG_SNAPFILE_MAX_SECTIONS, ZG_ERR_IO, ZG_ERR_NOMEM.
 */
zg_status zg_snapfile_writer_begin(zg_snapfile_writer *w, uint32_t tag,
                                   uint32_t flags, zg_error *err);

/**
 * Append the `len` bytes at `data` (copied; may be NULL when `len` is 0)
 * to the current section. Fails: ZG_ERR_INVALID when no section is
 * started or the snapshot is finished, ZG_ERR_IO.
 */
zg_status zg_snapfile_writer_append(zg_snapfile_writer *w, const void *data,
                                    size_t len, zg_error *err);

/** zg_snapfile_writer_begin() then zg_snapfile_writer_append(): a whole
 * section from memory. */
zg_status zg_snapfile_writer_add(zg_snapfile_writer *w, uint32_t tag,
                                 uint32_t flags, const void *data, size_t len,
                                 zg_error *err);

/**
 * End the last section, write the section table and the header, sync the
 * file to disk and rename it over the target. Only then does the target
 * change. Fails: ZG_ERR_IO (the temporary file is removed), or the error
 * of an earlier call. The writer is done either way: free it.
 */
zg_status zg_snapfile_writer_finish(zg_snapfile_writer *w, zg_error *err);

/** Free `w`. A snapshot not finished is abandoned: its temporary file is
 * removed and the target left as it was. Accepts NULL. */
void zg_snapfile_writer_free(zg_snapfile_writer *w);

/* ---- reading ---- */

/** An open snapshot. Opaque. */
typedef struct zg_snapfile zg_snapfile;

/** Options of zg_snapfile_open() and zg_snapfile_open_memory(). */
enum {
    /** Verify every section's checksum while opening, as
     * zg_snapfile_verify() does. */
    ZG_SNAPFILE_VERIFY = 1
};

/** One entry of the section table. */
typedef struct zg_snapfile_entry {
    uint32_t tag;    /**< ZG_SNAP_TAG() */
    uint32_t flags;  /**< as written */
    uint64_t offset; /**< from the start of the file, a multiple of 64 */
    uint64_t length; /**< in bytes */
} zg_snapfile_entry;

/**
 * Open the snapshot `path` (copied): map it read-only and validate its
 * header and section table; with ZG_SNAPFILE_VERIFY in `options`, every
 * section's checksum too. Fails: ZG_ERR_IO when the file cannot be opened
 * or mapped, or is not a regular file; ZG_ERR_PARSE when it is not a
 * snapshot, is truncated or corrupt; ZG_ERR_INVALID when it is a snapshot
 * this code cannot read (a newer major format, the other byte order);
 * ZG_ERR_LIMIT when it is too large to map; ZG_ERR_NOMEM. The message
 * names the file (in err->file) and what is wrong. Close with
 * zg_snapfile_close().
 *
 * The file must not be changed in place while it is open (the writer
 * never does: it replaces the file); cutting it short would make the
 * mapping fault.
 */
zg_status zg_snapfile_open(zg_snapfile **out, const char *path,
                           unsigned options, zg_error *err);

/**
 * As zg_snapfile_open(), from the `size` bytes at `data`, which are
 * borrowed until zg_snapfile_close(); `name` (copied) stands for the file
 * in messages. Sections are aligned to 64 bytes relative to `data`.
 */
zg_status zg_snapfile_open_memory(zg_snapfile **out, const void *data,
                                  size_t size, const char *name,
                                  unsigned options, zg_error *err);

/** Unmap and free `f`: every section pointer it handed out becomes
 * invalid. Accepts NULL. */
void zg_snapfile_close(zg_snapfile *f);

/** The format version the snapshot was written with. */
void zg_snapfile_version(const zg_snapfile *f, unsigned *major,
                         unsigned *minor);

/** How many sections the snapshot holds. */
size_t zg_snapfile_count(const zg_snapfile *f);

/** The section table's entry `i` (0 to zg_snapfile_count() - 1, in the
 * table's order), or NULL past the end. Borrowed until close. Reads no
 * section. */
const zg_snapfile_entry *zg_snapfile_entry_at(const zg_snapfile *f, size_t i);

/** The entry of the section named `tag`, or NULL when there is none.
 * Borrowed until close. Reads no section. */
const zg_snapfile_entry *zg_snapfile_find(const zg_snapfile *f, uint32_t tag);

/**
 * The section named `tag`: its first byte in `*data` and its length in
 * `*len`, borrowed until zg_snapfile_close() (read-only memory). Every
 * block of it is verified, the first time it is asked for. Fails:
 * ZG_ERR_NOT_FOUND when there is no such section, ZG_ERR_PARSE when it is
 * corrupt (then every later request for it fails too); `*data` and `*len` are
 * left alone on failure.
 *
 * Several threads may ask for sections of one snapshot at once.
 */
zg_status zg_snapfile_section(zg_snapfile *f, uint32_t tag, const void **data,
                              size_t *len, zg_error *err);

/**
 * As zg_snapfile_section(), but verifying only the section's block
 * checksums (8 bytes per ZG_SNAPFILE_BLOCK bytes), not its bytes: the
 * caller verifies each range before it reads it, with
 * zg_snapfile_range().
 */
zg_status zg_snapfile_section_lazy(zg_snapfile *f, uint32_t tag,
                                   const void **data, size_t *len,
                                   zg_error *err);

/**
 * The `len` bytes from `offset` of the section named `tag`, in `*data`,
 * after verifying the checksums of the blocks that hold them (each block
 * is verified once). Fails: ZG_ERR_NOT_FOUND (no such section),
 * ZG_ERR_INVALID (the range goes past the section's end), ZG_ERR_PARSE
 * naming the section and the bytes of the block that is corrupt (then
 * every later request for that block fails too).
 */
zg_status zg_snapfile_range(zg_snapfile *f, uint32_t tag, size_t offset,
                            size_t len, const void **data, zg_error *err);

/** Verify the checksum of every section not yet verified. Fails:
 * ZG_ERR_PARSE naming the first corrupt section in the table's order. */
zg_status zg_snapfile_verify(zg_snapfile *f, zg_error *err);

/** The checksum the format keeps of a section (XXH64 with seed 0) of the
 * `len` bytes at `data`. */
uint64_t zg_snapfile_checksum(const void *data, size_t len);

/** XXH64 of the `len` bytes at `data` with `seed`: the hash of tables a
 * snapshot stores to be searched in place, seeded per file. */
uint64_t zg_snapfile_hash(const void *data, size_t len, uint64_t seed);

/** Write `tag` into `buf` as four characters between quotes ('NODE'), or
 * in hexadecimal when it is not four printable characters. Returns
 * `buf`. */
char *zg_snapfile_tag_name(uint32_t tag, char buf[16]);

#ifdef __cplusplus
}
#endif
#endif /* ZG_SNAPFILE_H */
