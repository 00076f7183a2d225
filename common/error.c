/* SPDX-License-Identifier: MIT */
/* The error value: recording (first error wins) and formatting. */
#include "zg_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

zg_status
zg_error_set(zg_error *err, zg_status st, const char *file, unsigned line,
             unsigned column, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL || err->status != ZG_OK || st == ZG_OK)
        return st;
    err->status = st;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->column = column;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return st;
}

void
zg_error_clear(zg_error *err)
{
    if (err == NULL)
        return;
    memset(err, 0, sizeof *err);
}

char *
zg_error_format(const zg_error *err, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    if (err->file[0] && err->line && err->column)
        snprintf(buf, size, "%s:%u:%u: error: %s", err->file, err->line,
                 err->column, err->msg);
    else if (err->file[0] && err->line)
        snprintf(buf, size, "%s:%u: error: %s", err->file, err->line, err->msg);
    else if (err->file[0])
        snprintf(buf, size, "%s: error: %s", err->file, err->msg);
    else
        snprintf(buf, size, "error: %s", err->msg);
    return buf;
}

const char *
zg_status_string(zg_status st)
{
    switch (st) {
    case ZG_OK: return "success";
    case ZG_ERR_NOMEM: return "out of memory";
    case ZG_ERR_IO: return "input/output error";
    case ZG_ERR_PARSE: return "parse error";
    case ZG_ERR_INVALID: return "invalid input";
    case ZG_ERR_NOT_FOUND: return "not found";
    case ZG_ERR_AMBIGUOUS: return "ambiguous name";
    case ZG_ERR_LIMIT: return "limit exceeded";
    case ZG_ERR_EXPORT: return "export failed";
    }
    return "unknown status";
}
