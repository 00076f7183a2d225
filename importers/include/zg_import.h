/* SPDX-License-Identifier: MIT */
/**
 * @file zg_import.h
 * @brief Importing zonegraph XML (doc/vocabulary.md) into a graph.
 *
 * The importer streams the file once through libxml2's SAX2 push parser
 * (no document tree is built) and checks structure and semantics as it
 * goes: all that the RelaxNG schema shipped in data/zonegraph.rng checks,
 * and the rules the schema cannot state. It refuses DOCTYPEs, entities,
 * external resources and network access.
 *
 * An import is all or nothing: it runs in a graph transaction and rolls back
 * on the first error, which is reported as FILE:LINE:COLUMN with a message.
 *
 * Encodings: UTF-8 (the default), UTF-16 with a byte order mark (or
 * libxml2's detection of "<?" in UTF-16), and any declared encoding that
 * iconv decodes and that keeps ASCII as it is (ISO-8859-*, GBK, GB18030,
 * Big5, ...). Refused with a located error: EBCDIC and UCS-4 input, UTF-7,
 * ISO-2022 and HZ, a declaration that contradicts the byte order mark,
 * invalid or overlong byte sequences, NUL characters, and a character cut
 * off by the end of the file.
 *
 * Not thread-safe: during the call a process-wide external entity loader is
 * installed (libxml2 has no per-parser one), so imports must not run
 * concurrently with each other or with other libxml2 users.
 */
#ifndef ZG_IMPORT_H
#define ZG_IMPORT_H

#include <stddef.h>

#include "zg_error.h"
#include "zg_graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Default limits (zg_import_default_limits()). */
#define ZG_IMPORT_MAX_BYTES ((size_t)4 << 30)
#define ZG_IMPORT_MAX_DEPTH 32u
#define ZG_IMPORT_MAX_ATTRS 64u
#define ZG_IMPORT_MAX_TEXT ((size_t)1 << 20)
#define ZG_IMPORT_MAX_NODE_TYPES 1000u
/** What one GraphML default given to a node or edge counts, besides the
 * length of its value: about the memory one stored property takes. */
#define ZG_IMPORT_DEFAULT_COST 512u
/** The least budget for GraphML defaults (see max_default_bytes). */
#define ZG_IMPORT_MIN_DEFAULT_BYTES ((size_t)16 << 20)

/**
 * Limits on what an import accepts; 0 in a field means its default. Input
 * beyond a limit fails with ZG_ERR_LIMIT at the place it starts, before the
 * expensive work is done, and leaves the graph unchanged. Every field may be
 * raised, within these bounds:
 *
 * - max_bytes refuses a file by its size before it is read. The import
 *   streams, so its memory follows what the file holds (bounded by the
 *   limits below), not its size; the default, 4 GiB, holds the benchmark's
 *   largest graph (1 million nodes, 5 million relations: 582 MB).
 * - libxml2's own limits stay on, since XML_PARSE_HUGE is never set: no
 *   single tag, text run, comment or attribute value longer than
 *   10,000,000 bytes, no name longer than 50,000 bytes. Raising max_bytes
 *   does not lift them (ZG_ERR_LIMIT, "libxml2's limit"); max_text values
 *   above 10,000,000 act as 10,000,000.
 * - max_depth counts from the root element (which is depth 1); values above
 *   64 act as 64. The vocabulary itself nests at most 4 deep.
 * - max_attrs counts attributes and namespace declarations on one element,
 *   and is enforced before libxml2 parses the element: libxml2 2.9.14 checks
 *   an element's attributes for duplicates pairwise, so n attributes cost
 *   time in n squared (100,000 of them take about 2.5 s on one core of a
 *   2020s x86-64). Raise it far only for input you trust.
 * - max_text also bounds a run of white space between two tags.
 * - max_node_types counts the node types of the graph, those of earlier
 *   imports included.
 * - max_default_bytes bounds the memory the <default>s of GraphML keys add.
 *   A default is stored on every node (edge) without data for its key, so
 *   a few bytes of input could otherwise become gigabytes: each default a
 *   node or edge receives counts ZG_IMPORT_DEFAULT_COST bytes plus the
 *   length of its value. By default (0) the budget is the size of the
 *   input, at least ZG_IMPORT_MIN_DEFAULT_BYTES (16 MiB, some 30,000
 *   defaults), so defaults add at most about the input's size to the
 *   memory an import takes.
 * - zg_import_xml_memory() takes at most 2 GiB.
 */
typedef struct zg_import_limits {
    size_t max_bytes;   /**< input size in bytes, default 4 GiB */
    unsigned max_depth; /**< element nesting, default 32, at most 64 */
    unsigned max_attrs; /**< attributes per element, default 64 */
    size_t max_text;    /**< bytes in one attribute value, one element's
                             text or one run of white space between tags,
                             after decoding, default 1 MiB, at most
                             10,000,000 */
    /** memory GraphML key defaults may add; default 0: the input's size,
     * at least 16 MiB */
    size_t max_default_bytes;
    /** node types in the graph, default 1000 */
    unsigned max_node_types;
} zg_import_limits;

/** Fill `out` with the default limits (max_default_bytes, which depends
 * on the input, is 0). */
void zg_import_default_limits(zg_import_limits *out);

/**
 * Import the file at `path` into `g` (which must not be in a transaction).
 * `limits` may be NULL for the defaults. On failure the graph is unchanged
 * and `err` holds the file, line, column and message. Fails: ZG_ERR_IO,
 * ZG_ERR_PARSE (malformed XML), ZG_ERR_INVALID (schema or semantic rule),
 * ZG_ERR_LIMIT, ZG_ERR_NOMEM.
 *
 * `path` must name a regular file: a FIFO, device, socket or directory is
 * refused (ZG_ERR_IO) without blocking and without reading from it. A file
 * larger than max_bytes is refused (ZG_ERR_LIMIT) before it is read.
 */
zg_status zg_import_xml_file(zg_graph *g, const char *path,
                             const zg_import_limits *limits, zg_error *err);

/**
 * As zg_import_xml_file(), reading `len` bytes at `data`; `name` is used in
 * error messages.
 */
zg_status zg_import_xml_memory(zg_graph *g, const char *data, size_t len,
                               const char *name, const zg_import_limits *limits,
                               zg_error *err);

/**
 * What a checking import found: errors and warnings, each at a place in
 * the file (line and column 1-based, 0 when unknown).
 */
typedef enum zg_severity {
    ZG_SEVERITY_ERROR,  /**< the file is refused */
    ZG_SEVERITY_WARNING /**< suspicious, but the file imports */
} zg_severity;

/**
 * One diagnostic. `code` names the kind of problem and does not change
 * between releases (doc/zonegraph.1, "validate"): for errors xml, schema,
 * structure, attribute, value, type, reference, duplicate, conflict,
 * limit, io or memory; for warnings inferred-without-note, alias-is-name
 * and unused-source.
 */
typedef struct zg_diag {
    zg_severity severity;
    zg_status status; /**< errors: the failure; warnings: ZG_OK */
    const char *code; /**< static storage */
    unsigned line, column;
    char *msg;  /**< one printable line; owned by the list */
    size_t seq; /**< order of discovery, to keep sorts stable */
} zg_diag;

/**
 * A list of diagnostics, owned by the caller: set it up with
 * zg_diags_init(), pass it to one checking import (one file), read
 * `items`, free it with zg_diags_free().
 *
 * It keeps at most `max` errors and `max` warnings, the first by position
 * (0: all of them); `errors` and `warnings` count every one found, kept or
 * not. Memory stays within 4 * max entries, and adding one costs
 * O(log max) on average, however many the file has.
 */
typedef struct zg_source_uses zg_source_uses;

typedef struct zg_diags {
    size_t max;
    /** Warnings fail the import too: with any, the graph is rolled back
     * and the import returns ZG_ERR_INVALID, as with an error. */
    int strict;
    /** NULL: each import warns about the sources it declares that nothing
     * cites by its end. Else the sources declared and cited are added to
     * `uses` instead (declarations under `file`), and the caller reports
     * them after the last file with zg_source_uses_report(), so that a
     * later file's citations count. */
    zg_source_uses *uses;
    unsigned file;
    zg_diag *items; /**< `count` of them, sorted by zg_diags_sort() */
    size_t count, cap;
    size_t errors, warnings;
    size_t next_seq;
} zg_diags;

/** Set up an empty list keeping at most `max` of each severity (0: all);
 * strict 0, uses NULL, file 0. */
void zg_diags_init(zg_diags *d, size_t max);
/** Free what the list holds and empty it (`max`, `strict`, `uses` and
 * `file` stay). Accepts NULL. */
void zg_diags_free(zg_diags *d);
/** Add a diagnostic (the message is copied). Fails: ZG_ERR_NOMEM. */
zg_status zg_diags_add(zg_diags *d, zg_severity sev, zg_status st,
                       const char *code, unsigned line, unsigned column,
                       const char *msg);
/** Sort the items, errors first, each severity by line, then column,
 * then order of discovery, and drop those beyond `max`. */
void zg_diags_sort(zg_diags *d);

/**
 * As zg_import_xml_file(), but a checking import: it goes on after an error
 * where that is safe and records every error and warning in `diags`
 * (which must have been set up with zg_diags_init(); it is sorted on
 * return). Well-formedness errors, limits, I/O errors and running out of
 * memory still end the parse: what was found before them is kept. An
 * element that failed is skipped with its content, and references to it
 * (a node, type, source or GraphML key) are not reported again.
 *
 * Warnings do not fail the import, unless diags->strict is set. The graph
 * changes only when there is no error (and, strict, no warning): all or
 * nothing, as always; otherwise `err` (may be NULL) holds the first error
 * (strict: error or warning) by position. Returns ZG_OK; ZG_ERR_INVALID when
 * the errors are all of content (schema and semantic rules); else the
 * status of the error that ended the parse.
 *
 * The plain zg_import_xml_file() stops at the first error instead, which
 * is what loading data for a query wants.
 */
zg_status zg_import_xml_file_check(zg_graph *g, const char *path,
                                   const zg_import_limits *limits,
                                   zg_diags *diags, zg_error *err);

/** As zg_import_xml_file_check(), reading `len` bytes at `data`. */
zg_status zg_import_xml_memory_check(zg_graph *g, const char *data, size_t len,
                                     const char *name,
                                     const zg_import_limits *limits,
                                     zg_diags *diags, zg_error *err);

/**
 * The sources that several checking imports declare and cite (those of
 * elements refused with an error included), to warn about the unused ones
 * once the last file is read (see zg_diags.uses). Fails: ZG_ERR_NOMEM.
 */
zg_status zg_source_uses_new(zg_source_uses **out);
/** Free it. Accepts NULL. */
void zg_source_uses_free(zg_source_uses *u);
/** Add to `d` an unused-source warning, at its declaration, for each
 * source declared under `file` that no import cited. Fails: ZG_ERR_NOMEM. */
zg_status zg_source_uses_report(const zg_source_uses *u, unsigned file,
                                zg_diags *d);

/** The RelaxNG schema of the vocabulary, data/zonegraph.rng
 * (NUL-terminated, static storage). The importer checks all it checks
 * without running it; a file it accepts is valid against it. */
const char *zg_import_schema(void);

/* ---- the importer registry (registry.c) ---- */

/**
 * An input format. Every format zonegraph reads is one entry of
 * zg_import_formats, all read by zg_import_xml_file() and its kin: the
 * root element (its local name and namespace) decides which vocabulary a
 * file is read as, whatever its name; the extensions are what files of
 * the format are usually called.
 */
typedef struct zg_import_format {
    const char *name;  /**< what a user calls it ("xml", "graphml"), as
                            the output format that writes it */
    const char *title; /**< what it is, in a few words ("GraphML") */
    /** the usual file name endings, NULL-terminated */
    const char *const *extensions;
    const char *root; /**< the local name of its root element */
    const char *ns;   /**< the root element's namespace URI, or NULL
                                for none */
} zg_import_format;

/** The formats, zonegraph XML first. */
extern const zg_import_format zg_import_formats[];
/** How many there are. */
extern const size_t zg_import_format_count;

/** The format whose root element has local name `root`, or NULL. Its
 * namespace (`ns`) is for the caller to check: a root of the right name in the
 * wrong namespace is an error, not another format. */
const zg_import_format *zg_import_format_for_root(const char *root);

/**
 * Whether the file `path` starts as a graph snapshot does (its first four
 * bytes, "\x89ZGS"; doc/snapshot.md): such a file is opened with
 * zg_graph_open_snapshot(), not imported. 0 when it does not, or cannot
 * be read (the import that follows then says why).
 */
int zg_import_is_snapshot(const char *path);

#ifdef __cplusplus
}
#endif
#endif /* ZG_IMPORT_H */
