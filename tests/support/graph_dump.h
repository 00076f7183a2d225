/* SPDX-License-Identifier: MIT */
/*
 * graph_dump.h: a snapshot of everything the public API shows of a graph,
 * as text, for tests that compare graphs (tests/hostile: a failed import
 * changes nothing; tests/unit/test_roundtrip: export then import gives the
 * same graph). Test support only, not part of the library.
 */
#ifndef ZG_TEST_GRAPH_DUMP_H
#define ZG_TEST_GRAPH_DUMP_H

#include <stdio.h>

#include "zg_graph.h"

/*
 * Write every field of `g` that a getter returns to `out`: node types,
 * relation types (with the endpoint types they allow), sources, nodes (with
 * their aliases, properties and adjacency lists) and edges (with their
 * properties), each in id order, and the id each name looks up to. Strings
 * are written quoted with \\, \", \n, \r, \t and \xHH escapes (bytes from
 * 0x80 up as they are), NULL as NULL, so two graphs dump alike exactly when
 * every field agrees. One line per record, for readable diffs. `g` must be
 * committed.
 */
void zgt_dump_graph(const zg_graph *g, FILE *out);

#endif /* ZG_TEST_GRAPH_DUMP_H */
