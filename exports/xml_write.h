/* SPDX-License-Identifier: MIT */
/*
 * xml_write.h: writing XML text by hand, for xml.c and graphml.c only.
 *
 * Both exporters write text that our importer must read back exactly, so
 * escaping is done here once: in attribute values &, <, >, " and the three
 * white-space characters XML would otherwise normalise to a space (tab,
 * newline, carriage return) become references; in text, &, <, > and
 * carriage return do; in both, so do DEL, the C1 controls, the
 * bidirectional controls and the line separators (zg_text_is_control()),
 * which would otherwise act on a terminal the file is shown on. Text XML
 * 1.0 cannot carry at all (invalid UTF-8,
 * C0 controls other than tab, newline and carriage return, U+FFFE and
 * U+FFFF) is refused with ZG_ERR_EXPORT, naming the object being written
 * (xw_subject()) and the field.
 *
 * A writer remembers its first failure; every call after it does nothing,
 * so callers check zg_export__xw_status() once at the end (or whenever they
 * want to stop early).
 */
#ifndef ZG_EXPORT_XML_WRITE_H
#define ZG_EXPORT_XML_WRITE_H

#include <stdio.h>

#include "zg_error.h"
#include "zg_graph.h"

typedef struct zg_export__xw {
    FILE *out;
    zg_error *err;
    zg_status st;
    char subject[160];  /* "node 'zone-beijing'", for messages */
    const char *prefix; /* before element names: "" or "zg:" */
} zg_export__xw;

/** Start writing to `out`; errors go to `err`. */
void zg_export__xw_init(zg_export__xw *w, FILE *out, zg_error *err);

/** The object the next checks are about, printf-style (its quoted text is
 * cut to fit and made printable by zg_rule_quote()). */
void zg_export__xw_subject(zg_export__xw *w, const char *kind,
                           const char *name);

/** Refuse (ZG_ERR_EXPORT) with a message about the current subject. */
void zg_export__xw_refuse(zg_export__xw *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/** 1 if `s` can be written in XML 1.0; otherwise refuse, naming `field`. */
int zg_export__xw_check(zg_export__xw *w, const char *field, const char *s);

/** As zg_export__xw_check(), and `s` is non-empty with no white space at
 * either end (what the importer keeps of element text). */
int zg_export__xw_check_trimmed(zg_export__xw *w, const char *field,
                                const char *s);

/** Write `s` literally (markup). */
void zg_export__xw_raw(zg_export__xw *w, const char *s);

/** Write ` name="value"` when `value` is not NULL. */
void zg_export__xw_attr(zg_export__xw *w, const char *name, const char *value);

/** Write `s` escaped as element text. */
void zg_export__xw_text(zg_export__xw *w, const char *s);

/** Write `<tag>text</tag>` (the text escaped) when `text` is not NULL,
 * preceded by `indent`. */
void zg_export__xw_element(zg_export__xw *w, const char *indent,
                           const char *tag, const char *text);

/** Write `indent` and "<" + prefix + `tag` (attributes may follow). */
void zg_export__xw_open(zg_export__xw *w, const char *indent, const char *tag);

/** Write `indent` and "</" + prefix + `tag` + ">" and a newline. */
void zg_export__xw_close(zg_export__xw *w, const char *indent, const char *tag);

/* ---- zonegraph elements (xml.c), with the writer's prefix ---- */

/** Every <nodetype> and <relationtype> of `g`, one per line at `indent`
 * (checked by zg_export__check_all() beforehand, as everything below). */
void zg_export__xw_schema(zg_export__xw *w, const zg_graph *g,
                          const char *indent);

/** Every <source> of `g`. */
void zg_export__xw_sources(zg_export__xw *w, const zg_graph *g,
                           const char *indent);

/** One <alias>. */
void zg_export__xw_alias(zg_export__xw *w, const zg_alias *a,
                         const char *indent);

/** One <prop> or <figure> (with its <evidence>). */
void zg_export__xw_prop(zg_export__xw *w, const zg_prop *p, const char *indent);

/* ---- the checks before writing (check.c) ---- */

/** 1 if everything an export of `g` with these masks writes (types,
 * sources, the selected nodes with their aliases and properties, the
 * selected edges with theirs) imports back as it is; otherwise refuse,
 * naming the object and the field. Run before writing anything, so that
 * a refused export writes nothing. */
int zg_export__check_all(zg_export__xw *w, const zg_graph *g,
                         const unsigned char *node_mask,
                         const unsigned char *edge_mask);

/** Flush and return the first failure (ZG_ERR_IO for a write error). */
zg_status zg_export__xw_finish(zg_export__xw *w);

#endif /* ZG_EXPORT_XML_WRITE_H */
