/* SPDX-License-Identifier: MIT */
/* Arena of stable chunks, and the keyed hash for uthash tables. */
#include "zg_arena.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#define CHUNK_SIZE 65536

struct zg_arena_chunk {
    zg_arena_chunk *next;
    size_t size;
    size_t used;
    max_align_t data[]; /* `size` bytes follow */
};

void
zg_arena_init(zg_arena *a)
{
    a->head = NULL;
    a->bytes = 0;
}

void
zg_arena_free(zg_arena *a)
{
    zg_arena_chunk *c = a->head;

    while (c) {
        zg_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->bytes = 0;
}

/* `n` bytes at an offset that is a multiple of `align` (a power of two):
 * objects get max_align_t's, text gets 1, so a short string costs its
 * length and not a 16-byte slot. */
static void *
take(zg_arena *a, size_t n, size_t align)
{
    zg_arena_chunk *c = a->head;
    size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;

    if (c == NULL || at > c->size || c->size - at < n) {
        /* A large request gets a chunk of its own. */
        size_t size = n > CHUNK_SIZE / 4 ? n : CHUNK_SIZE;
        zg_arena_chunk *nc;
        if (size > SIZE_MAX - sizeof *nc)
            return NULL;
        nc = malloc(sizeof *nc + size);
        if (nc == NULL)
            return NULL;
        nc->size = size;
        nc->used = 0;
        nc->next = a->head;
        a->head = nc;
        c = nc;
        at = 0;
    }
    a->bytes += at - c->used + n;
    c->used = at + n;
    return (char *)c->data + at;
}

void *
zg_arena_alloc(zg_arena *a, size_t n)
{
    return take(a, n, sizeof(max_align_t));
}

char *
zg_arena_strndup(zg_arena *a, const char *s, size_t n)
{
    char *p;

    if (n == SIZE_MAX)
        return NULL;
    p = take(a, n + 1, 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
zg_arena_strdup(zg_arena *a, const char *s)
{
    return zg_arena_strndup(a, s, strlen(s));
}

zg_arena_mark
zg_arena_get_mark(const zg_arena *a)
{
    zg_arena_mark m;

    m.head = a->head;
    m.used = a->head ? a->head->used : 0;
    m.bytes = a->bytes;
    return m;
}

void
zg_arena_rewind(zg_arena *a, zg_arena_mark m)
{
    while (a->head != m.head) {
        zg_arena_chunk *next = a->head->next;
        free(a->head);
        a->head = next;
    }
    if (a->head)
        a->head->used = m.used;
    a->bytes = m.bytes;
}

/* SipHash-1-3 (Aumasson and Bernstein), truncated to 32 bits, under a
 * key drawn once per process; pthread_once makes the first hashes of
 * several threads agree on it. */
static uint64_t sip_k0, sip_k1;
static pthread_once_t sip_once = PTHREAD_ONCE_INIT;

static void
sip_seed(void)
{
    uint64_t k[2];

    if (getrandom(k, sizeof k, GRND_NONBLOCK) != (ssize_t)sizeof k) {
        /* No entropy yet: fall back to something that still varies. */
        k[0] = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
        k[1] = (uint64_t)(uintptr_t)&k ^ 0x9e3779b97f4a7c15ULL;
    }
    sip_k0 = k[0];
    sip_k1 = k[1];
}

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                               \
    do {                                                                       \
        v0 += v1;                                                              \
        v1 = ROTL(v1, 13);                                                     \
        v1 ^= v0;                                                              \
        v0 = ROTL(v0, 32);                                                     \
        v2 += v3;                                                              \
        v3 = ROTL(v3, 16);                                                     \
        v3 ^= v2;                                                              \
        v0 += v3;                                                              \
        v3 = ROTL(v3, 21);                                                     \
        v3 ^= v0;                                                              \
        v2 += v1;                                                              \
        v1 = ROTL(v1, 17);                                                     \
        v1 ^= v2;                                                              \
        v2 = ROTL(v2, 32);                                                     \
    } while (0)

uint32_t
zg_hash_bytes(const void *key, size_t len)
{
    const unsigned char *in = key;
    uint64_t v0, v1, v2, v3, b, m;
    size_t i, whole = len - (len % 8);

    pthread_once(&sip_once, sip_seed);
    v0 = 0x736f6d6570736575ULL ^ sip_k0;
    v1 = 0x646f72616e646f6dULL ^ sip_k1;
    v2 = 0x6c7967656e657261ULL ^ sip_k0;
    v3 = 0x7465646279746573ULL ^ sip_k1;
    for (i = 0; i < whole; i += 8) {
        memcpy(&m, in + i, 8);
        v3 ^= m;
        SIPROUND;
        v0 ^= m;
    }
    b = (uint64_t)len << 56;
    for (size_t j = 0; j < len % 8; j++)
        b |= (uint64_t)in[whole + j] << (8 * j);
    v3 ^= b;
    SIPROUND;
    v0 ^= b;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    b = v0 ^ v1 ^ v2 ^ v3;
    return (uint32_t)(b ^ (b >> 32));
}
