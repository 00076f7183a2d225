/* SPDX-License-Identifier: MIT */
/*
 * The importer registry: every format zonegraph reads, with the root
 * element that marks a file of it and the extensions files of it are
 * usually called by; and the magic bytes that mark a graph snapshot,
 * which is opened rather than imported.
 */
#include "zg_import.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int
zg_import_is_snapshot(const char *path)
{
    /* The first four bytes of the container's magic: a snapshot whose
     * next four were damaged in transfer is still one, and opening it
     * says so. */
    static const unsigned char magic[4] = {0x89, 'Z', 'G', 'S'};
    unsigned char head[sizeof magic];
    struct stat st;
    ssize_t n = -1;
    /* Non-blocking: a FIFO without a writer must not hang the look. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

    if (fd < 0)
        return 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        n = read(fd, head, sizeof head);
    close(fd);
    return n == (ssize_t)sizeof head && memcmp(head, magic, sizeof magic) == 0;
}
