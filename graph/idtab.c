/* SPDX-License-Identifier: MIT */
/*
 * A compact table from a record to its id: open addressing with linear
 * probing over 64-bit slots that hold the id and 32 bits of the record's
 * hash, and nothing else. The records themselves (in the graph's arrays)
 * are the keys: the caller hashes a record and compares candidates by id,
 * so an entry costs 8 to 16 bytes where a uthash entry with a copied key
 * cost over 100.
 */
#include "graph_internal.h"

#include <stdlib.h>

/* Slot layout: 0 is empty; else hash << 32 | (id + 1). */
#define SLOT(h, id) ((uint64_t)(h) << 32 | ((uint64_t)(id) + 1))
#define SLOT_ID(s) ((zg_id)((s)&0xffffffffu) - 1)
#define SLOT_HASH(s) ((uint32_t)((s) >> 32))

uint32_t
zg_idtab_mix(uint64_t x, uint64_t y)
{
    uint64_t h = zg_hash_mix64(x * 0x9e3779b97f4a7c15ULL ^ y);

    return (uint32_t)(h ^ (h >> 32));
}

zg_id
zg_idtab_find(const idtab *t, uint32_t h,
              int (*same)(const void *ctx, zg_id id), const void *ctx)
{
    if (t->cap == 0)
        return ZG_NO_ID;
    for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        uint64_t s = t->slot[i];
        if (s == 0)
            return ZG_NO_ID;
        if (SLOT_HASH(s) == h && same(ctx, SLOT_ID(s)))
            return SLOT_ID(s);
    }
}

static void
place(uint64_t *slot, size_t cap, uint64_t s)
{
    size_t i = SLOT_HASH(s) & (cap - 1);

    while (slot[i] != 0)
        i = (i + 1) & (cap - 1);
    slot[i] = s;
}

int
zg_idtab_add(idtab *t, uint32_t h, zg_id id)
{
    if (2 * (t->n + 1) > t->cap) { /* at most half full */
        size_t cap = t->cap ? 2 * t->cap : 64;
        uint64_t *slot;
        if (cap > SIZE_MAX / sizeof *slot || cap > (size_t)1 << 33)
            return 0;
        slot = calloc(cap, sizeof *slot);
        if (slot == NULL)
            return 0;
        for (size_t i = 0; i < t->cap; i++)
            if (t->slot[i] != 0)
                place(slot, cap, t->slot[i]);
        free(t->slot);
        t->slot = slot;
        t->cap = cap;
    }
    place(t->slot, t->cap, SLOT(h, id));
    t->n++;
    return 1;
}

void
zg_idtab_remove(idtab *t, uint32_t h, zg_id id)
{
    size_t mask = t->cap - 1, i, j;

    if (t->cap == 0)
        return;
    for (i = h & mask; t->slot[i] != SLOT(h, id); i = (i + 1) & mask)
        if (t->slot[i] == 0)
            return; /* not there */
    /* Backward-shift deletion (Knuth's Algorithm R): move later members
     * of the cluster into the hole when their home allows it, so every
     * remaining entry stays reachable from its home slot. */
    for (j = i;;) {
        size_t home;
        j = (j + 1) & mask;
        if (t->slot[j] == 0)
            break;
        home = SLOT_HASH(t->slot[j]) & mask;
        /* leave j where it is if its home lies cyclically in (i, j] */
        if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
            continue;
        t->slot[i] = t->slot[j];
        i = j;
    }
    t->slot[i] = 0;
    t->n--;
}

void
zg_idtab_free(idtab *t)
{
    free(t->slot);
    t->slot = NULL;
    t->cap = t->n = 0;
}
