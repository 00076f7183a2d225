/* SPDX-License-Identifier: MIT */
/**
 * @file zg_export.h
 * @brief Showing answers: aligned tables, TSV, JSON, DOT and rendered
 * diagrams; zonegraph XML and GraphML; the registry of these formats.
 *
 * The only module that includes Graphviz (cgraph, gvc) and jansson.
 */
#ifndef ZG_EXPORT_H
#define ZG_EXPORT_H

#include <stdio.h>

#include "zg_error.h"
#include "zg_graph.h"
#include "zg_query.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Which names labels use. */
typedef enum zg_lang {
    ZG_LANG_ZH = 0, /**< primary (Chinese) names */
    ZG_LANG_EN,     /**< English names where present, else primary */
    ZG_LANG_BOTH    /**< "中文 / English" */
} zg_lang;

/* ---- text formats of a result (table.c, json.c) ---- */

/**
 * Write `r` as a table with columns aligned by display width (CJK counts
 * two columns), a header row and a rule. Node cells show the node's label
 * in `lang`. Column names and cells are shown as zg_text_escape() (flags
 * 0) writes them: control characters, bidirectional controls and bytes
 * that are not UTF-8 appear as \t, \n, \r, \uXXXX or \xHH, so no cell
 * can act on the terminal; widths are those of the escaped text.
 * Fails: ZG_ERR_IO, ZG_ERR_NOMEM.
 */
zg_status zg_export_table(const zg_result *r, zg_lang lang, FILE *out,
                          zg_error *err);

/**
 * Write `r` as tab-separated values with a header line. Column names and
 * cells are written as zg_text_escape() with ZG_ESC_BACKSLASH writes them:
 * a backslash as \\, tab, newline and carriage return as \t, \n and \r,
 * every other character zg_text_is_control() names as \uXXXX, and a byte
 * that is not UTF-8 as \xHH; so a field never holds a tab, a line break
 * or a control character, and the escaping can be undone exactly. A
 * column declared to hold nodes or relations (zg_result_set_col_kind()) is
 * written as two fields, the node's key (id) and its name (a relation's
 * "FROM -TYPE-> TO" of keys, then of names; both empty for a null cell),
 * headed COLUMN and COLUMN_name, and with `lang` ZG_LANG_EN or
 * ZG_LANG_BOTH a third, the English name (empty when there is none),
 * headed COLUMN_en; in the order of the columns. The fields depend only on
 * the declared columns, never on the rows: a result without rows has the
 * same header as one with rows. A ZG_COL_ANY column is one field (a node
 * in it shows only its key). Fails: ZG_ERR_IO, ZG_ERR_NOMEM.
 */
zg_status zg_export_tsv(const zg_result *r, zg_lang lang, FILE *out,
                        zg_error *err);

/**
 * Write `r` as JSON (through jansson): {"columns": [...], "rows": [[...]]};
 * a node cell is {"id","type","name","en"}, an edge cell is
 * {"from","type","to","source","evidence","basis","props"}, props being
 * an object of the relation's properties, {name: value}, empty when it
 * has none. Text is UTF-8 except
 * that every character zg_text_is_control() names is written as a \uXXXX
 * escape, so the document holds no raw control character and decodes to
 * the original text. Text that is not valid UTF-8 (which a graph or result
 * built through the C API may hold) cannot be written in JSON: it is
 * refused with ZG_ERR_EXPORT naming the row and column, and nothing is
 * written. Fails also: ZG_ERR_IO, ZG_ERR_NOMEM.
 */
zg_status zg_export_json(const zg_result *r, FILE *out, zg_error *err);

/**
 * Write each row of `r` as a card: one line per non-null cell, the column
 * name padded to the widest name, then the value (both escaped as in the
 * table); a blank line between rows. For one-row results such as an
 * entity card. Fails: ZG_ERR_IO, ZG_ERR_NOMEM.
 */
zg_status zg_export_record(const zg_result *r, zg_lang lang, FILE *out,
                           zg_error *err);

/** One named part of a JSON document (zg_export_json_parts()). */
typedef struct zg_json_part {
    const char *name; /**< the key in the document */
    const zg_result *result;
    int record; /**< non-zero: the first row as an object keyed
                     by column name (null when no rows); zero:
                     {"columns","rows"} as zg_export_json() */
} zg_json_part;

/**
 * Write one JSON object with a key per part, in the order given, so a
 * command that answers with several results (an entity card, statistics)
 * still prints one document. Cells, escaping and refusals as in
 * zg_export_json(). Fails: ZG_ERR_EXPORT, ZG_ERR_IO, ZG_ERR_NOMEM.
 */
zg_status zg_export_json_parts(const zg_json_part *parts, size_t n, FILE *out,
                               zg_error *err);

/* ---- interchange formats (xml.c, graphml.c) ---- */

/**
 * Write `g` in the zonegraph XML vocabulary (doc/vocabulary.md): the whole
 * schema, every source, then the selected nodes with their aliases,
 * properties and figures, then the selected relations. `node_mask` and
 * `edge_mask` select as in zg_dot_options (NULL: everything); an edge is
 * written only when both its ends are. Importing the output gives back the
 * same graph: the same nodes, edges, types and sources in the same order,
 * field for field, and writing that again gives the same bytes.
 *
 * What the importer would refuse or read back differently is refused
 * rather than changed, before anything is written: text XML 1.0 cannot
 * carry (invalid UTF-8; C0 controls other than tab, newline and carriage
 * return; U+FFFE, U+FFFF), an alias, evidence or note that is empty or
 * starts or ends with white space (the importer trims those), and
 * anything else a graph built through the C API may hold that breaks a
 * rule of the vocabulary: a type, property or figure name that is not an
 * XML name, a malformed id, date, language tag, colour or shape, a value
 * that does not parse as its kind (or a `number` that disagrees with it),
 * a figure without unit, date or source, a relation that is stated or
 * implied without a source and evidence. The error (ZG_ERR_EXPORT) names
 * the object and the field. Fails also: ZG_ERR_IO, ZG_ERR_NOMEM.
 */
zg_status zg_export_xml(const zg_graph *g, const unsigned char *node_mask,
                        const unsigned char *edge_mask, FILE *out,
                        zg_error *err);

/**
 * Write `g` (or the masked part, as zg_export_xml()) as GraphML
 * (http://graphml.graphdrawing.org/xmlns), directed. Every node and edge
 * field and every property becomes a <key>/<data> pair that other tools
 * (Gephi, yEd, Cytoscape, NetworkX, igraph) read as plain attributes; what
 * GraphML has no place for (the schema, sources, aliases, figures and the
 * provenance of properties) travels in elements of the zonegraph namespace
 * inside <data>, which those tools skip. Importing the output with
 * zg_import_xml_file() gives back the same graph, as for zg_export_xml();
 * doc/graphml.md has the mapping. Refuses what zg_export_xml() refuses.
 */
zg_status zg_export_graphml(const zg_graph *g, const unsigned char *node_mask,
                            const unsigned char *edge_mask, FILE *out,
                            zg_error *err);

/* ---- diagrams (dot.c, render.c) ---- */

/** What a diagram shows. Zero-initialise, then set fields. */
typedef struct zg_dot_options {
    zg_lang lang;
    /** If non-NULL, only nodes with node_mask[id] != 0 are drawn. */
    const unsigned char *node_mask;
    /** If non-NULL, only edges with edge_mask[id] != 0 (and both ends
     * drawn) are drawn. */
    const unsigned char *edge_mask;
    /** Longest label in code points before it is cut with "…"; 0: 60. */
    size_t max_label;
    /** Graph title, or NULL. */
    const char *title;
} zg_dot_options;

/**
 * Write `g` (or the part the masks select) as DOT: the text Graphviz's
 * agwrite() writes for the diagram zg_export_render() lays out, streamed
 * without building a Graphviz graph. Node colour and shape from the node
 * type, targets of cluster relation types drawn as clusters around their
 * sources, relation names on edges.
 * Every label and tooltip is drawn literally: text is shown as
 * zg_text_escape() (flags 0) writes it, U+FFFE and U+FFFF (which SVG
 * cannot carry) as \uFFFE and \uFFFF, and then encoded for Graphviz:
 * `&` as `&amp;` (Graphviz expands character entities in labels and
 * tooltips), a backslash as two in labels and as four in tooltips (which
 * Graphviz unescapes twice). So the DOT, and the SVG drawn from it, hold
 * no control character, and every SVG is well-formed XML.
 * The same input always gives the same bytes. Fails: ZG_ERR_EXPORT,
 * ZG_ERR_IO, ZG_ERR_NOMEM.
 */
zg_status zg_export_dot(const zg_graph *g, const zg_dot_options *opt, FILE *out,
                        zg_error *err);

/**
 * Lay out and render the same diagram with gvc in `format` ("svg", "png",
 * "pdf"). Fails: ZG_ERR_EXPORT with Graphviz's message.
 */
zg_status zg_export_render(const zg_graph *g, const zg_dot_options *opt,
                           const char *format, FILE *out, zg_error *err);

/**
 * The subgraph a result answers with: marks every node and edge cell of
 * `r` and every node and edge inside its lists, maps and paths (so a path
 * draws as its nodes and relations), and both ends of every edge. Fills
 * caller-sized arrays of zg_graph_node_count() and zg_graph_edge_count() bytes.
 */
void zg_export_result_masks(const zg_result *r, unsigned char *node_mask,
                            unsigned char *edge_mask);

/* ---- the format registry (registry.c) ---- */

/** What a format writes. */
typedef enum zg_export_kind {
    ZG_EXPORT_RESULT,  /**< a result writer: the rows of an answer */
    ZG_EXPORT_DIAGRAM, /**< a graph writer that draws the graph, or the
                            part of it the masks select (an answer) */
    ZG_EXPORT_GRAPH    /**< a graph writer whose file is read back:
                            the graph, or the part the masks select */
} zg_export_kind;

/** One part of an answer made of several results
 * (zg_export_format.write_parts). */
typedef struct zg_export_part {
    const char *name;    /**< its key in a JSON document */
    const char *heading; /**< a line above it in a table, or NULL */
    const zg_result *result;
    int record;     /**< its first row is a card (zg_export_record()) in a
                         table, an object in JSON */
    int skip_empty; /**< left out of a table or TSV when it has no rows */
} zg_export_part;

/**
 * An output format. Every way zonegraph writes is one entry of
 * zg_export_formats: a program finds a format by name or by a file name's
 * extension there, and calls its writer, so a new format is one entry.
 */
typedef struct zg_export_format {
    const char *name; /**< what a user calls it ("table", "dot") */
    /** the file name endings that mean it, NULL-terminated ({".dot",
     * ".gv", NULL}); none for a format only chosen by name */
    const char *const *extensions;
    zg_export_kind kind;
    int binary;        /**< not text: never written to a terminal */
    const char *title; /**< what it is, in a few words ("zonegraph XML") */
    /** ZG_EXPORT_RESULT: write `r` with node labels in `lang`
     * (zg_export_table(), zg_export_tsv(), zg_export_json()) */
    zg_status (*write_result)(const zg_result *r, zg_lang lang, FILE *out,
                              zg_error *err);
    /** ZG_EXPORT_RESULT: write several results as one answer: JSON as one
     * object of the parts, a table and TSV each part after a blank line,
     * a table with its heading and records as cards */
    zg_status (*write_parts)(const zg_export_part *parts, size_t n,
                             zg_lang lang, FILE *out, zg_error *err);
    /** ZG_EXPORT_DIAGRAM and ZG_EXPORT_GRAPH: write `g`, what `opt`'s
     * masks select (zg_export_dot(), zg_export_render(), zg_export_xml(),
     * zg_export_graphml(); the graph files take only the masks) */
    zg_status (*write_graph)(const zg_graph *g, const zg_dot_options *opt,
                             FILE *out, zg_error *err);
} zg_export_format;

/** The formats, in the order help lists them. */
extern const zg_export_format zg_export_formats[];
/** How many there are. */
extern const size_t zg_export_format_count;

/** The format named `name`, or NULL. */
const zg_export_format *zg_export_format_named(const char *name);

/** The format whose extension ends the last component of `path` (matched
 * exactly, in the order of the table), or NULL. */
const zg_export_format *zg_export_format_for_path(const char *path);

#ifdef __cplusplus
}
#endif
#endif /* ZG_EXPORT_H */
