/* SPDX-License-Identifier: MIT */
/*
 * guard_internal.h: the input guard (guard.c), which every chunk of an XML
 * import passes through before libxml2 sees it. For importers/ and its
 * white-box tests only.
 *
 * libxml2 2.9.14 checks an element's attributes for duplicates pairwise
 * before any SAX callback sees them: 100,000 attributes on one element
 * cost seconds to minutes, and counting them in on_start() is too late.
 * So every chunk passes through this guard before libxml2 sees it. It
 * decodes the input exactly as libxml2 will (UTF-8 as is, UTF-16 by hand,
 * any other declared encoding through the same iconv that libxml2 uses),
 * follows the lexical structure (text, start and end tags, quoted values,
 * comments, CDATA sections, processing instructions) and stops at the
 * first start tag with more than max_attrs quoted values (attributes and
 * namespace declarations), before libxml2 parses that tag. The bytes
 * before the tag are still given to libxml2, so an earlier error in the
 * file keeps priority.
 *
 * The guard also owns the encoding policy, since it must decode what
 * libxml2 decodes: UTF-8 (the default), UTF-16 (by its byte order mark or
 * libxml2's "<?" detection) and encodings that iconv decodes and that map
 * ASCII to itself. It refuses EBCDIC and UCS-4 input, UTF-7 and the
 * stateful ISO-2022 and HZ families, a declaration that contradicts the
 * byte order mark, invalid byte sequences and a character cut off by the
 * end of the file, each at its line and column.
 *
 * After "<!" that opens neither a comment nor a CDATA section (a DOCTYPE,
 * or an error), the guard stops looking: the parser refuses the DOCTYPE
 * from on_internal_subset() (xml_import.c) or fails on the markup, and
 * parses nothing after it.
 *
 * It also bounds a run of white space in text (outside markup, before and
 * after the root element too) to max_text characters, carriage returns
 * not counted.
 */
#ifndef ZG_GUARD_INTERNAL_H
#define ZG_GUARD_INTERNAL_H

#include <iconv.h>
#include <stddef.h>
#include <stdint.h>

#include "zg_error.h"

/** A place in the input: line and column (code points), from 1. */
typedef struct pos {
    unsigned line, col;
} pos;

enum { G_DECL_MAX = 1024, G_NAME_MAX = 64 };

typedef enum gform {
    G_UTF8, /* bytes as they are (UTF-8 or ASCII before the declaration) */
    G_UTF16LE,
    G_UTF16BE,
    G_ICONV /* a declared encoding, through iconv */
} gform;

typedef enum gstate {
    S_TEXT,
    S_LT,         /* after '<' */
    S_BANG,       /* after "<!" */
    S_BANG_DASH,  /* after "<!-" */
    S_CDATA_OPEN, /* inside "<![CDATA[" */
    S_COMMENT,
    S_CDATA,
    S_PI,
    S_STAG,  /* in a start tag, outside quotes */
    S_VALUE, /* in a quoted attribute value */
    S_ETAG,  /* in an end tag */
    S_OPAQUE /* after a DOCTYPE: the parser stops there */
} gstate;

/* The states whose ordinary bytes the guard skips in runs (UTF-8 input):
 * text, comment, CDATA, processing instruction, start tag between names,
 * value in double and in single quotes, end tag, after a DOCTYPE; and the
 * ASCII bytes of an element name, which it copies in runs. */
enum { G_RUN_STATES = 10, G_RUN_NAME = 9 };

typedef struct guard {
    /* plain[k][b]: in run state k, byte b changes nothing but the column
     * (for G_RUN_NAME: byte b is ASCII and goes on the name) */
    unsigned char plain[G_RUN_STATES][256];
    /* stop[k][j]: in run state k other than text and names, the bytes that
     * end a run (newline and up to three more), each repeated in the eight
     * bytes of a word, to look for them eight bytes at a time */
    uint64_t stop[G_RUN_STATES][4];
    unsigned max_attrs;
    size_t max_text;  /* the longest run of white space */
    size_t blank_run; /* white space characters in a row, in S_TEXT */
    pos blank_at;     /* where they start */
    gform form;
    iconv_t cd;    /* G_ICONV */
    char enc[64];  /* the declared encoding, as written */
    int detected;  /* the first bytes have been looked at */
    int utf16_bom; /* 1: UTF-16 by byte order mark or detection */
    int utf8_bom;
    unsigned char head[4]; /* the first bytes, until there are 4 */
    size_t nhead;
    unsigned char carry[16]; /* bytes of a character cut by a chunk end */
    size_t ncarry;
    size_t fed;   /* bytes given to zg_imp__guard_feed() before this call */
    size_t start; /* offset of the first character after a BOM */
    unsigned line, col; /* position of the next character */
    gstate st;
    unsigned match; /* progress through "--", "[CDATA[", "-->", "]]>", "?>" */
    uint32_t quote;
    unsigned attrs;
    pos tag_at;     /* where the current markup started */
    size_t tag_off; /* its absolute raw offset */
    char name[G_NAME_MAX + 1];
    size_t name_len;
    int name_cut; /* the name is longer than G_NAME_MAX: cut there */
    int in_name;
    int in_decl; /* inside the XML declaration */
    char decl[G_DECL_MAX + 1];
    size_t decl_len;
    pos decl_at[G_DECL_MAX + 1]; /* position of each byte of decl */
    /* the verdict */
    zg_status status;
    pos at;
    size_t bad_off; /* absolute raw offset before which input is safe */
    char msg[300];
} guard;

/* Input eight bytes at a time, in the guard and where the importer
 * looks back over a tag: a word holds them with the first in memory
 * in its lowest byte, where the compiler says so (ZG_IMP_WORDS is 1);
 * elsewhere both go byte by byte. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) &&                            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ZG_IMP_WORDS 1
#else
#define ZG_IMP_WORDS 0
#endif
#define ZG_IMP_ONES 0x0101010101010101ull
#define ZG_IMP_HIGHS 0x8080808080808080ull

/** The high bit of each byte of `x` that is `b`, and no other bit. */
static inline uint64_t
zg_imp__word_eq(uint64_t x, unsigned char b)
{
    uint64_t t = x ^ (ZG_IMP_ONES * b), low = ~ZG_IMP_HIGHS;

    return ~(((t & low) + low) | t | low);
}

/** The high bit of each byte of `x` that continues a UTF-8 character
 * (10xxxxxx), and no other bit. */
static inline uint64_t
zg_imp__word_cont(uint64_t x)
{
    return x & ~(x << 1) & ZG_IMP_HIGHS;
}

/** How many bytes of `m` have their high bit set (no other bits set). */
static inline unsigned
zg_imp__word_count(uint64_t m)
{
    return (unsigned)(((m >> 7) * ZG_IMP_ONES) >> 56);
}

/** Start a guard: at most `max_attrs` quoted values in one start tag, and
 * runs of white space in text of at most `max_text` characters. */
void zg_imp__guard_init(guard *gd, unsigned max_attrs, size_t max_text);

/** Free what the guard holds (an iconv descriptor). */
void zg_imp__guard_free(guard *gd);

/**
 * Run `len` bytes at `data` through the guard; `final` marks the end of
 * the input (then `len` may be 0). Returns 1 if all of them may go to the
 * parser. Returns 0 if not: then the first gd->bad_off bytes of the whole
 * input may, and gd->status, at and msg say what is wrong.
 */
int zg_imp__guard_feed(guard *gd, const char *data, size_t len, int final);

#endif /* ZG_GUARD_INTERNAL_H */
