/* SPDX-License-Identifier: MIT */
/**
 * @file zg_text.h
 * @brief UTF-8 text: lookup folding, display width, edit distance.
 *
 * Lookup keys are folded so that the ways people write a name meet:
 * Unicode compatibility forms and case (NFKC + full case folding, through
 * libunistring), traditional to simplified Chinese (through OpenCC's t2s
 * conversion), and white space (trimmed, runs collapsed to one space).
 * So "廣州", "广州" and "ＧＵＡＮＧＺＨＯＵ" fold as "广州" and "guangzhou".
 */
#ifndef ZG_TEXT_H
#define ZG_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "zg_error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A folding context; holds the OpenCC converter. Opaque. */
typedef struct zg_folder zg_folder;

/**
 * Create a folder in `*out`. OpenCC's traditional-to-simplified
 * dictionaries are read from zg_text_opencc_dir() and from nowhere else
 * (never from the current directory). Fails with ZG_ERR_IO when they are
 * missing or broken (the message names the folder), ZG_ERR_NOMEM. Free
 * with zg_folder_free().
 */
zg_status zg_folder_new(zg_folder **out, zg_error *err);

/** Free `f`. Accepts NULL. */
void zg_folder_free(zg_folder *f);

/**
 * The folder OpenCC's dictionaries are read from: $ZONEGRAPH_OPENCC_DIR
 * when set and not empty (it must be an absolute path), else OpenCC's data
 * folder found when zonegraph was built. Borrowed.
 */
const char *zg_text_opencc_dir(void);

/**
 * Fold the `n` bytes at `s` (valid UTF-8) into a new NUL-terminated string in
 * `*out`, which the caller frees with free(). Fails: ZG_ERR_PARSE for invalid
 * UTF-8, ZG_ERR_NOMEM.
 */
zg_status zg_fold(zg_folder *f, const char *s, size_t n, char **out,
                  zg_error *err);

/** 1 if the `n` bytes at `s` are valid UTF-8 without NUL, else 0. */
int zg_utf8_valid(const char *s, size_t n);

/**
 * Terminal display width of the NUL-terminated UTF-8 string `s`: East Asian
 * wide and full-width characters count 2, combining marks 0. Invalid bytes
 * count 1 each.
 */
size_t zg_text_width(const char *s);

/**
 * Byte length of the longest prefix of `s` whose display width is at most
 * `cols`, cut on a code point boundary.
 */
size_t zg_text_prefix_for_width(const char *s, size_t cols);

/**
 * The character at `s` (NUL-terminated UTF-8): its code point in `*c` and
 * its display width (as zg_text_width() counts it) in `*width`. Returns its
 * length in bytes, 0 at the NUL; a byte that does not start a character
 * is one character of width 1 (U+FFFD in `*c`).
 */
size_t zg_text_char(const char *s, uint32_t *c, size_t *width);

/**
 * Levenshtein distance between two NUL-terminated UTF-8 strings, counted in
 * code points, or (size_t)-1 when either is longer than 256 code points or
 * memory runs out.
 */
size_t zg_text_distance(const char *a, const char *b);

/**
 * 1 if code point `c` can act on a terminal or reorder the text around it,
 * and so is shown escaped by zg_text_escape(): C0 controls, DEL, C1
 * controls (U+0080-U+009F, e.g. U+009B CSI), the bidirectional marks,
 * embeddings, overrides and isolates (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069) and the line and paragraph separators
 * (U+2028, U+2029). Else 0.
 */
int zg_text_is_control(uint32_t c);

/** Flags of zg_text_escape(). */
enum {
    /** Escape a backslash as two, so the escaping can be undone (TSV). */
    ZG_ESC_BACKSLASH = 1
};

/**
 * A new string (free with free()) holding the NUL-terminated `s` with every
 * character zg_text_is_control() names written visibly: tab, newline and
 * carriage return as `\t`, `\n`, `\r`, the others as `\uXXXX` (four
 * upper-case hex digits), and a byte that is not valid UTF-8 as `\xHH`.
 * With ZG_ESC_BACKSLASH a backslash becomes `\\`. Everything else,
 * Chinese included, is copied as it is. NULL when out of memory.
 */
char *zg_text_escape(const char *s, unsigned flags);

/** 1 if zg_text_escape(`s`, `flags`) would change `s`, else 0. */
int zg_text_needs_escape(const char *s, unsigned flags);

/**
 * Write `s` to `out` escaped as zg_text_escape() does, without allocating.
 * Returns 0, or EOF when a write fails.
 */
int zg_text_fputs_escaped(const char *s, unsigned flags, FILE *out);

#ifdef __cplusplus
}
#endif
#endif /* ZG_TEXT_H */
