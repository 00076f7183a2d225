/* SPDX-License-Identifier: MIT */
/*
 * Internal to common/: traditional to simplified Chinese through OpenCC,
 * with its dictionaries read only from one absolute folder.
 *
 * OpenCC's own configuration loader opens a configuration or dictionary
 * name in the current directory before its installed data, so a data
 * bundle that carries a t2s.json or a TSPhrases.ocd2 could change answers,
 * quote another file in an error, or abort the program. Here the
 * configuration is written in memory with absolute dictionary paths, and
 * every exception OpenCC or its trie library throws (a truncated
 * dictionary throws one that OpenCC's C API lets escape) is caught and
 * turned into a zg_error. This file's implementation is C++ only because
 * C cannot catch those exceptions.
 */
#ifndef ZG_T2S_H
#define ZG_T2S_H

#include <stddef.h>

#include "zg_error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A loaded converter. Opaque. */
typedef struct zg_t2s zg_t2s;

/**
 * Load the t2s dictionaries (TSPhrases.ocd2, TSCharacters.ocd2) from the
 * absolute folder `dir` into `*out`. Fails: ZG_ERR_IO when `dir` is not
 * absolute, a dictionary is missing, not a regular file, unreadable or
 * broken; ZG_ERR_NOMEM. The message names the folder or file, never what
 * a file holds. Free with zg_t2s_free().
 */
zg_status zg_t2s_open(zg_t2s **out, const char *dir, zg_error *err);

/** Free `t`. Accepts NULL. */
void zg_t2s_free(zg_t2s *t);

/**
 * Convert the `n` bytes of UTF-8 at `s` into a new NUL-terminated string in
 * `*out`, freed with free(). Fails: ZG_ERR_NOMEM, ZG_ERR_IO.
 */
zg_status zg_t2s_convert(const zg_t2s *t, const char *s, size_t n, char **out,
                         zg_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ZG_T2S_H */
