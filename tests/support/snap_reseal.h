/* SPDX-License-Identifier: MIT */
/* Forging snapshots for tests and fuzzing: find a section in a snapshot's
 * bytes and make its checksums agree again after a change, so that the
 * checks behind the checksums answer (doc/snapshot.md). */
#ifndef SNAP_RESEAL_H
#define SNAP_RESEAL_H

#include <stddef.h>
#include <stdint.h>

/* Make the checksums of the `size` bytes at `s` agree with what they
 * cover (every section's that lies inside them, then the header's), where
 * the header's table lies inside them; 0 when it does not. */
int snap_reseal(uint8_t *s, size_t size);

/* The section named `tag` of the snapshot at `s`: its first byte, its
 * length in `*len`; NULL when there is none or the table is out of
 * bounds. */
uint8_t *snap_section(uint8_t *s, size_t size, uint32_t tag, size_t *len);

/* Run `check` on the `size` bytes at `data`, then on a copy with its
 * checksums made to agree when it can be (snap_reseal()): how the fuzz
 * targets reach the checks behind the checksums. */
void snap_check_twice(const uint8_t *data, size_t size,
                      void (*check)(const uint8_t *data, size_t size));

#endif /* SNAP_RESEAL_H */
