/* SPDX-License-Identifier: MIT */
/*
 * The format registry: every format zonegraph writes, with the names and
 * file extensions that choose it, its kind, and its writer behind one
 * signature per kind. A new format is a writer and one entry here.
 */
#include "zg_export.h"
#include "zg_text.h"

#include <string.h>

/* ---- writers behind one signature per kind ---- */

static zg_status
write_json(const zg_result *r, zg_lang lang, FILE *out, zg_error *err)
{
    (void)lang; /* JSON carries every name */
    return zg_export_json(r, out, err);
}

/* Several results in a table (`table` 1) or as TSV: each part after a
 * blank line, empty ones with skip_empty left out; in a table under its
 * heading, a record part as cards. */
static zg_status
write_parts_text(const zg_export_part *parts, size_t n, zg_lang lang, FILE *out,
                 zg_error *err, int table)
{
    zg_status st = ZG_OK;
    int first = 1;

    for (size_t i = 0; st == ZG_OK && i < n; i++) {
        if (parts[i].skip_empty && zg_result_rows(parts[i].result) == 0)
            continue;
        if (!first)
            fputc('\n', out);
        first = 0;
        if (!table) {
            st = zg_export_tsv(parts[i].result, lang, out, err);
            continue;
        }
        if (parts[i].heading != NULL) {
            zg_text_fputs_escaped(parts[i].heading, 0, out);
            fputc('\n', out);
        }
        st = parts[i].record ? zg_export_record(parts[i].result, lang, out, err)
                             : zg_export_table(parts[i].result, lang, out, err);
    }
    return st;
}

static zg_status
write_parts_table(const zg_export_part *parts, size_t n, zg_lang lang,
                  FILE *out, zg_error *err)
{
    return write_parts_text(parts, n, lang, out, err, 1);
}

static zg_status
write_parts_tsv(const zg_export_part *parts, size_t n, zg_lang lang, FILE *out,
                zg_error *err)
{
    return write_parts_text(parts, n, lang, out, err, 0);
}

/* One JSON object with a key per part. */
static zg_status
write_parts_json(const zg_export_part *parts, size_t n, zg_lang lang, FILE *out,
                 zg_error *err)
{
    zg_json_part jp[16];

    (void)lang;
    if (n > sizeof jp / sizeof jp[0])
        n = sizeof jp / sizeof jp[0];
    for (size_t i = 0; i < n; i++) {
        jp[i].name = parts[i].name;
        jp[i].result = parts[i].result;
        jp[i].record = parts[i].record;
    }
    return zg_export_json_parts(jp, n, out, err);
}

static zg_status
write_svg(const zg_graph *g, const zg_dot_options *opt, FILE *out,
          zg_error *err)
{
    return zg_export_render(g, opt, "svg", out, err);
}

static zg_status
write_png(const zg_graph *g, const zg_dot_options *opt, FILE *out,
          zg_error *err)
{
    return zg_export_render(g, opt, "png", out, err);
}

static zg_status
write_pdf(const zg_graph *g, const zg_dot_options *opt, FILE *out,
          zg_error *err)
{
    return zg_export_render(g, opt, "pdf", out, err);
}

static zg_status
write_xml(const zg_graph *g, const zg_dot_options *opt, FILE *out,
          zg_error *err)
{
    return zg_export_xml(g, opt->node_mask, opt->edge_mask, out, err);
}

static zg_status
write_graphml(const zg_graph *g, const zg_dot_options *opt, FILE *out,
              zg_error *err)
{
    return zg_export_graphml(g, opt->node_mask, opt->edge_mask, out, err);
}

/* ---- the registry ---- */

static const char *const ext_table[] = {".txt", NULL};
static const char *const ext_tsv[] = {".tsv", NULL};
static const char *const ext_json[] = {".json", NULL};
static const char *const ext_dot[] = {".dot", ".gv", NULL};
static const char *const ext_svg[] = {".svg", NULL};
static const char *const ext_png[] = {".png", NULL};
static const char *const ext_pdf[] = {".pdf", NULL};
static const char *const ext_xml[] = {".xml", NULL};
static const char *const ext_graphml[] = {".graphml", NULL};

const zg_export_format zg_export_formats[] = {
    {"table", ext_table, ZG_EXPORT_RESULT, 0, "an aligned table",
     zg_export_table, write_parts_table, NULL},
    {"tsv", ext_tsv, ZG_EXPORT_RESULT, 0, "TSV", zg_export_tsv, write_parts_tsv,
     NULL},
    {"json", ext_json, ZG_EXPORT_RESULT, 0, "JSON", write_json,
     write_parts_json, NULL},
    {"dot", ext_dot, ZG_EXPORT_DIAGRAM, 0, "DOT", NULL, NULL, zg_export_dot},
    {"svg", ext_svg, ZG_EXPORT_DIAGRAM, 0, "SVG", NULL, NULL, write_svg},
    {"png", ext_png, ZG_EXPORT_DIAGRAM, 1, "PNG", NULL, NULL, write_png},
    {"pdf", ext_pdf, ZG_EXPORT_DIAGRAM, 1, "PDF", NULL, NULL, write_pdf},
    {"xml", ext_xml, ZG_EXPORT_GRAPH, 0, "zonegraph XML", NULL, NULL,
     write_xml},
    {"graphml", ext_graphml, ZG_EXPORT_GRAPH, 0, "GraphML", NULL, NULL,
     write_graphml},
};

const size_t zg_export_format_count =
    sizeof zg_export_formats / sizeof zg_export_formats[0];

/* The format named `name`, or NULL. */
const zg_export_format *
zg_export_format_named(const char *name)
{
    for (size_t i = 0; i < zg_export_format_count; i++)
        if (strcmp(zg_export_formats[i].name, name) == 0)
            return &zg_export_formats[i];
    return NULL;
}

/* The format `path`'s extension names, or NULL. */
const zg_export_format *
zg_export_format_for_path(const char *path)
{
    const char *dot = strrchr(path, '.');

    if (dot == NULL || strchr(dot, '/') != NULL)
        return NULL;
    for (size_t i = 0; i < zg_export_format_count; i++)
        for (const char *const *e = zg_export_formats[i].extensions; *e; e++)
            if (strcmp(dot, *e) == 0)
                return &zg_export_formats[i];
    return NULL;
}
