/* SPDX-License-Identifier: MIT */
/*
 * The importer registry: every format zonegraph reads, with the root
 * element that marks a file of it and the extensions files of it are
 * usually called by.
 */
#include "zg_import.h"

#include <string.h>

#include "import_internal.h"

static const char *const ext_xml[] = {".xml", NULL};
static const char *const ext_graphml[] = {".graphml", NULL};

const zg_import_format zg_import_formats[] = {
    {"xml", "zonegraph XML", ext_xml, "zonegraph", NULL},
    {"graphml", "GraphML", ext_graphml, "graphml", ZG_IMP_GRAPHML_NS},
};

const size_t zg_import_format_count =
    sizeof zg_import_formats / sizeof zg_import_formats[0];

/* The format a root element's local name marks, or NULL. */
const zg_import_format *
zg_import_format_for_root(const char *root)
{
    for (size_t i = 0; i < zg_import_format_count; i++)
        if (strcmp(zg_import_formats[i].root, root) == 0)
            return &zg_import_formats[i];
    return NULL;
}
