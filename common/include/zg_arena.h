/* SPDX-License-Identifier: MIT */
/*
 * Internal to libzonegraph (not installed).
 *
 * zg_arena: string storage in chunks that never move, so a `const char *`
 * handed out stays valid until the arena is freed. A mark/rewind pair lets an
 * import that fails give back exactly what it took.
 *
 * zg_hash_bytes: the keyed hash every uthash table in zonegraph uses
 * (SipHash-1-3 with a per-process random key), so crafted ids cannot be made
 * to collide; zg_hash_mix64 for keys that are numbers.
 */
#ifndef ZG_ARENA_H
#define ZG_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct zg_arena_chunk zg_arena_chunk;

typedef struct zg_arena {
    zg_arena_chunk *head; /* newest chunk first */
    size_t bytes;         /* total bytes handed out, for statistics */
} zg_arena;

typedef struct zg_arena_mark {
    zg_arena_chunk *head;
    size_t used;
    size_t bytes;
} zg_arena_mark;

void zg_arena_init(zg_arena *a);
void zg_arena_free(zg_arena *a);
/* Copy `n` bytes of `s` plus a NUL; NULL when out of memory. */
char *zg_arena_strndup(zg_arena *a, const char *s, size_t n);
char *zg_arena_strdup(zg_arena *a, const char *s);
/* `n` bytes aligned for any object; NULL when out of memory. */
void *zg_arena_alloc(zg_arena *a, size_t n);
zg_arena_mark zg_arena_get_mark(const zg_arena *a);
void zg_arena_rewind(zg_arena *a, zg_arena_mark m);

uint32_t zg_hash_bytes(const void *key, size_t len);

/* splitmix64's finaliser: spreads a 64-bit key whose values are close
 * together (ids, pairs of ids, pointers) over all 64 bits, for tables
 * whose keys are not text. */
static inline uint64_t
zg_hash_mix64(uint64_t h)
{
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}

/* uthash configuration shared by every table. */
#define HASH_NONFATAL_OOM 1
#define HASH_FUNCTION(keyptr, keylen, hashv)                                   \
    ((hashv) = zg_hash_bytes((keyptr), (size_t)(keylen)))

#endif /* ZG_ARENA_H */
