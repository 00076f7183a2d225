/* SPDX-License-Identifier: MIT */
/**
 * @file zg_error.h
 * @brief Status codes and the error value every zonegraph call reports into.
 *
 * Library code never prints and never exits: a failing call returns a
 * zg_status and, when given a non-NULL zg_error, fills it with where and why.
 * The first error wins, so the root cause survives later failures.
 * Reporting never allocates.
 */
#ifndef ZG_ERROR_H
#define ZG_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Result of every fallible zonegraph call. */
typedef enum zg_status {
    ZG_OK = 0,        /**< success */
    ZG_ERR_NOMEM,     /**< out of memory */
    ZG_ERR_IO,        /**< a file could not be read or written */
    ZG_ERR_PARSE,     /**< malformed input (XML, query, option value) */
    ZG_ERR_INVALID,   /**< well-formed but wrong: schema or semantic rule */
    ZG_ERR_NOT_FOUND, /**< no entity by that name */
    ZG_ERR_AMBIGUOUS, /**< a name matches several entities */
    ZG_ERR_LIMIT,     /**< an input exceeds a configured limit */
    ZG_ERR_EXPORT     /**< Graphviz or JSON output failed */
} zg_status;

/** Where and why a call failed. `line` 0 means unknown. */
typedef struct zg_error {
    zg_status status; /**< ZG_OK while no error has been recorded */
    char file[256];   /**< input file name, or "" */
    unsigned line;    /**< 1-based line, 0 if unknown */
    unsigned column;  /**< 1-based column, 0 if unknown */
    char msg[512];    /**< one line, no trailing newline */
} zg_error;

/**
 * Record an error in `err` unless it already holds one, and return `st`.
 * `err` may be NULL (then only `st` is returned); `file` may be NULL.
 */
zg_status zg_error_set(zg_error *err, zg_status st, const char *file,
                       unsigned line, unsigned column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/** Reset `err` to "no error". Accepts NULL. */
void zg_error_clear(zg_error *err);

/**
 * Format `err` as `FILE:LINE:COLUMN: error: MSG` (parts that are unknown are
 * left out) into `buf` of `size` bytes, always NUL-terminated.
 * Returns `buf`.
 */
char *zg_error_format(const zg_error *err, char *buf, size_t size);

/** A short English name of `st`, e.g. "out of memory". Static storage. */
const char *zg_status_string(zg_status st);

/** Evaluate `expr`; return its status from the caller if it is not ZG_OK. */
#define ZG_TRY(expr)                                                           \
    do {                                                                       \
        zg_status zg_try_st_ = (expr);                                         \
        if (zg_try_st_ != ZG_OK)                                               \
            return zg_try_st_;                                                 \
    } while (0)

#ifdef __cplusplus
}
#endif
#endif /* ZG_ERROR_H */
