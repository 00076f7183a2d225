/* SPDX-License-Identifier: MIT */
/*
 * dot_compare.h: checks that the streamed whole-graph DOT text is what the
 * cgraph path gives, for tests/unit/test_export_dot and test_roundtrip.
 * Test support only, not part of the library.
 */
#ifndef ZG_TEST_DOT_COMPARE_H
#define ZG_TEST_DOT_COMPARE_H

#include <stddef.h>

#include "zg_export.h"
#include "zg_graph.h"

/*
 * The streamed DOT `got` (`len` bytes) of `g` with `opt`: agmemread()
 * reads it back as the graph zg_export__diagram_new() builds (the same
 * nodes, edges in order between each pair, subgraph nesting and
 * membership, and every attribute value), and it is byte for byte what
 * agwrite() writes of that graph. NULL when so, else a message saying
 * what differs first (static storage, overwritten by the next call).
 */
const char *zgt_dot_stream_matches(const zg_graph *g, const zg_dot_options *opt,
                                   const char *got, size_t len);

#endif /* ZG_TEST_DOT_COMPARE_H */
