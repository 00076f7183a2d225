/* SPDX-License-Identifier: MIT */
/**
 * @file zg_import.h
 * @brief Importing zonegraph XML (doc/vocabulary.md) into a graph.
 *
 * The importer streams the file through libxml2's SAX2 push parser (no
 * document tree is built), checks structure and semantics as it goes, then
 * validates against the RelaxNG schema shipped in data/zonegraph.rng. It
 * refuses DOCTYPEs, entities, external resources and network access.
 *
 * An import is all or nothing: it runs in a graph transaction and rolls back
 * on the first error, which is reported as FILE:LINE:COLUMN with a message.
 */
#ifndef ZG_IMPORT_H
#define ZG_IMPORT_H

#include <stddef.h>

#include "zg_error.h"
#include "zg_graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Limits on what an import accepts; 0 in a field means its default. */
typedef struct zg_import_limits {
    size_t max_bytes;      /**< input size, default 512 MiB */
    unsigned max_depth;    /**< element nesting, default 32 */
    unsigned max_attrs;    /**< attributes per element, default 64 */
    size_t max_text;       /**< bytes in one attribute or text, default 1 MiB */
} zg_import_limits;

/**
 * Import the file at `path` into `g` (which must not be in a transaction).
 * `limits` may be NULL for the defaults. On failure the graph is unchanged
 * and `err` holds the file, line, column and message. Fails: ZG_ERR_IO,
 * ZG_ERR_PARSE (malformed XML), ZG_ERR_INVALID (schema or semantic rule),
 * ZG_ERR_LIMIT, ZG_ERR_NOMEM.
 */
zg_status zg_import_xml_file(zg_graph *g, const char *path,
                             const zg_import_limits *limits, zg_error *err);

/**
 * As zg_import_xml_file(), reading `len` bytes at `data`; `name` is used in
 * error messages.
 */
zg_status zg_import_xml_memory(zg_graph *g, const char *data, size_t len,
                               const char *name,
                               const zg_import_limits *limits, zg_error *err);

/** The RelaxNG schema the importer validates against (NUL-terminated,
 * static storage). */
const char *zg_import_schema(void);

#ifdef __cplusplus
}
#endif
#endif /* ZG_IMPORT_H */
