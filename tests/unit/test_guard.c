/* SPDX-License-Identifier: MIT */
/* The input guard (importers/guard.c), byte by byte: attribute counting,
 * markup whose quotes are not attributes, white-space runs, the DOCTYPE
 * stop and the encodings, each fed whole, split at every byte position and
 * one byte at a time, with the same verdict, place and safe prefix. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guard_internal.h"

/* What a guard said about a whole input. */
typedef struct verdict {
    int ok;
    zg_status status;
    unsigned line, col;
    size_t bad_off;
    char msg[300];
} verdict;

/* Feed `len` bytes at `s` with max_attrs `attrs` and max_text `text`, in
 * chunks ending at the offsets `cuts` (n of them, increasing), then the
 * end of the input. */
static verdict
feed_cuts(const char *s, size_t len, unsigned attrs, size_t text,
          const size_t *cuts, size_t n)
{
    guard gd;
    verdict v;
    size_t from = 0;

    memset(&v, 0, sizeof v);
    zg_imp__guard_init(&gd, attrs, text);
    v.ok = 1;
    for (size_t i = 0; i <= n && v.ok; i++) {
        size_t to = i < n ? cuts[i] : len;
        v.ok = zg_imp__guard_feed(&gd, s + from, to - from, 0);
        from = to;
    }
    if (v.ok)
        v.ok = zg_imp__guard_feed(&gd, NULL, 0, 1);
    v.status = gd.status;
    if (!v.ok) {
        v.line = gd.at.line;
        v.col = gd.at.col;
        v.bad_off = gd.bad_off;
        snprintf(v.msg, sizeof v.msg, "%s", gd.msg);
    }
    zg_imp__guard_free(&gd);
    return v;
}

static void
same_verdict(const verdict *a, const verdict *b, const char *how, size_t at)
{
    if (a->ok != b->ok || a->status != b->status || a->line != b->line ||
        a->col != b->col || a->bad_off != b->bad_off ||
        strcmp(a->msg, b->msg) != 0)
        fail_msg("%s at %zu: ok %d/%d status %d/%d at %u:%u/%u:%u off "
                 "%zu/%zu '%s'/'%s'",
                 how, at, a->ok, b->ok, a->status, b->status, a->line, a->col,
                 b->line, b->col, a->bad_off, b->bad_off, a->msg, b->msg);
}

/* The verdict on `len` bytes at `s`, checked to be the same split in two
 * at every byte position and fed one byte at a time. */
static verdict
judge_n(const char *s, size_t len, unsigned attrs, size_t text)
{
    verdict whole = feed_cuts(s, len, attrs, text, NULL, 0);
    size_t *cuts = malloc((len ? len : 1) * sizeof *cuts);

    assert_non_null(cuts);
    for (size_t c = 0; c <= len; c++) {
        verdict v = feed_cuts(s, len, attrs, text, &c, 1);
        same_verdict(&whole, &v, "split", c);
    }
    for (size_t c = 0; c < len; c++)
        cuts[c] = c + 1;
    if (len > 1) {
        verdict v = feed_cuts(s, len, attrs, text, cuts, len - 1);
        same_verdict(&whole, &v, "byte by byte", 0);
    }
    free(cuts);
    return whole;
}

static verdict
judge(const char *s, unsigned attrs, size_t text)
{
    return judge_n(s, strlen(s), attrs, text);
}

static void
refused(const verdict *v, zg_status st, unsigned line, unsigned col,
        size_t bad_off, const char *part)
{
    if (v->ok || v->status != st || v->line != line || v->col != col ||
        v->bad_off != bad_off || strstr(v->msg, part) == NULL)
        fail_msg("want %d at %u:%u off %zu '%s'; got ok=%d %d at %u:%u off "
                 "%zu '%s'",
                 st, line, col, bad_off, part, v->ok, v->status, v->line,
                 v->col, v->bad_off, v->msg);
}

static void
test_attribute_count(void **state)
{
    const char *three = "<r>\n  <t a=\"1\" b='2' c=\"3\"/>\n</r>\n";
    verdict v;

    (void)state;
    assert_true(judge(three, 3, 100).ok);
    v = judge(three, 2, 100);
    /* at the tag's '<', and nothing from it on goes to the parser */
    refused(&v, ZG_ERR_LIMIT, 2, 3, 6,
            "<t> has more than 2 attributes; the limit is 2");
    /* namespace declarations count; a '>' or quote inside a value does not
     * end the tag or start a value */
    v = judge("<r xmlns=\"u\" a='x\">\"' b=\"'>'\"/>", 2, 100);
    refused(&v, ZG_ERR_LIMIT, 1, 1, 0, "<r> has more than 2 attributes");
    assert_true(judge("<r xmlns=\"u\" a='x\">\"' b=\"'>'\"/>", 3, 100).ok);
    /* each start tag counts on its own; end tags have none */
    assert_true(judge("<r a='1' b='2'><s c='3' d='4'/></r>", 2, 100).ok);
    /* a long element name is cut in the message at a character boundary
     * (64 bytes: 21 three-byte characters), still counted */
    v = judge(
        "<r><甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲 x='1' y='2'/></r>",
        1, 100);
    refused(&v, ZG_ERR_LIMIT, 1, 4, 3,
            "<甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲> has more than 1");
}

/* Quotes in comments, CDATA sections and processing instructions are not
 * attributes; a tag after them still counts. */
static void
test_markup_not_attributes(void **state)
{
    const char *doc = "<?xml version=\"1.0\"?>\n"
                      "<!-- \"a\" 'b' <t x='1' y='2'> -- -->\n"
                      "<r><![CDATA[<t x=\"1\" y=\"2\"> ]] ]>]]>"
                      "<?pi x=\"1\" y=\"2\" ? > ?>"
                      "<t x='1'/></r>";
    char more[512];
    verdict v;

    (void)state;
    assert_true(judge(doc, 1, 100).ok);
    snprintf(more, sizeof more, "%s<u x='1' y='2'/>", doc);
    v = judge(more, 1, 100);
    refused(&v, ZG_ERR_LIMIT, 3, 74, strlen(doc), "<u> has more than 1");
}

static void
test_white_space_runs(void **state)
{
    verdict v;

    (void)state;
    /* ten blanks fit a limit of ten; eleven do not, placed at the first */
    assert_true(judge("<r>\n         <t/></r>", 10, 10).ok);
    v = judge("<r>\n          <t/></r>", 10, 10);
    refused(&v, ZG_ERR_LIMIT, 1, 4, 13,
            "white space longer than the limit of 10 bytes");
    /* carriage returns do not count (the parser drops them before LF) */
    assert_true(
        judge("<r>\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n</r>", 10, 10).ok);
    /* text, a comment or a tag ends a run */
    assert_true(judge("<r>      x      <!---->     <t/>      </r>", 10, 6).ok);
    /* white space inside a tag or a value is not a run */
    assert_true(judge("<r a='              '             ></r>", 10, 3).ok);
    /* before and after the root too */
    v = judge("    <r/>", 10, 3);
    refused(&v, ZG_ERR_LIMIT, 1, 1, 3, "white space longer");
    v = judge("<r/>\n\n\n\n", 10, 3);
    refused(&v, ZG_ERR_LIMIT, 1, 5, 7, "white space longer");
}

/* After "<!" that opens neither a comment nor a CDATA section, nothing is
 * looked at: the parser stops there. */
static void
test_doctype_stop(void **state)
{
    verdict v;

    (void)state;
    assert_true(
        judge("<!DOCTYPE r [<!ENTITY e 'x'>]><r a='1' b='2' c='3'/>", 1, 100)
            .ok);
    assert_true(judge("<r><!X a='1' b='2'></r>", 1, 100).ok);
    assert_true(judge("<r><![CDAT a='1' b='2'></r>", 1, 100).ok);
    /* "<!-" not followed by '-' is not a comment either */
    assert_true(judge("<r><!-x a='1' b='2'></r>", 1, 100).ok);
    /* but before it, a tag still counts */
    v = judge("<r a='1' b='2'><!DOCTYPE x></r>", 1, 100);
    refused(&v, ZG_ERR_LIMIT, 1, 1, 0, "<r> has more than 1");
}

/* Columns count code points, not bytes. */
static void
test_positions(void **state)
{
    verdict v;

    (void)state;
    v = judge("<r>\n<名 x='甲' y='乙'/><t a='1' b='2'/></r>", 1, 100);
    refused(&v, ZG_ERR_LIMIT, 2, 1, 4, "<名> has more than 1");
    v = judge("<r>\n甲乙<t a='1' b='2'/></r>", 1, 100);
    refused(&v, ZG_ERR_LIMIT, 2, 3, 10, "<t> has more than 1");
}

/* The guard passes over runs of ordinary bytes eight at a time: a byte
 * that ends a run (a quote, newline, '>', "-->") at each place in a word,
 * and characters of several bytes across words, count the same as byte
 * by byte. Each input is also fed split at every byte and byte by byte,
 * where no run is eight bytes long. */
static void
test_runs_in_words(void **state)
{
    /* k ASCII bytes between `before` and `after`, then a tag refused at
     * line 1, column k + col, offset k + off */
    static const struct {
        const char *before, *after;
        unsigned col;
        size_t off;
    } around[] = {
        /* two characters of three bytes each after the run, in a value,
         * in text and in a comment: one column each */
        {"<r a=\"", "甲乙\">", 11, 14},
        {"<r>", "甲乙", 6, 9},
        {"<r><!--", "甲乙-->", 13, 16},
        /* a comment's end after the run, after "--" and "-" that are not
         * its end; a quote in it is no attribute */
        {"<r><!--'x--y-", "-->", 17, 16},
        /* the same for a CDATA section and a processing instruction */
        {"<r><![CDATA['x]]y]", "]]>", 22, 21},
        {"<r><?pi 'x?y", "?>", 15, 14},
    };
    const char *tail = "<t a='1' b='2'/></r>";
    char doc[256], run[40];
    verdict v;

    (void)state;
    for (size_t k = 0; k <= 24; k++) {
        memset(run, 'v', k);
        run[k] = '\0';
        /* a newline in a value, k bytes in: the tag after it on line 2 */
        snprintf(doc, sizeof doc, "<r a=\"%s\nwwwwwwwwwww\">%s", run, tail);
        v = judge(doc, 1, 100);
        refused(&v, ZG_ERR_LIMIT, 2, 14, 6 + k + 1 + 13, "<t> has more than 1");
        /* the closing quote k bytes in, the other quote before it */
        snprintf(doc, sizeof doc, "<r a='%s\"%s'>%s", run, run, tail);
        v = judge(doc, 1, 100);
        refused(&v, ZG_ERR_LIMIT, 1, 2 * k + 10, 2 * k + 9,
                "<t> has more than 1");
        for (size_t i = 0; i < sizeof around / sizeof *around; i++) {
            snprintf(doc, sizeof doc, "%s%s%s%s", around[i].before, run,
                     around[i].after, tail);
            v = judge(doc, 1, 100);
            refused(&v, ZG_ERR_LIMIT, 1, (unsigned)k + around[i].col,
                    k + around[i].off, "<t> has more than 1");
        }
        /* white space in a start tag and an end tag, a newline after it */
        memset(run, ' ', k);
        snprintf(doc, sizeof doc, "<r%s\n  ><s%s></s%s\n >%s", run, run, run,
                 tail);
        v = judge(doc, 1, 100);
        refused(&v, ZG_ERR_LIMIT, 3, 3, 3 * k + 15, "<t> has more than 1");
        /* after a value of k blanks, the third value is refused */
        snprintf(doc, sizeof doc, "<r a='%s' b='1' c='2'/>", run);
        v = judge(doc, 2, 100);
        refused(&v, ZG_ERR_LIMIT, 1, 1, 0, "<r> has more than 2");
    }
    /* a character cut by the end of a run of eight: columns after it */
    v = judge("<r a=\"vvvvv甲\" b='vvvvvv\xc3\xa9vvvvvvvvvvvv'>\n"
              "vvvvvv甲vvv<t a='1' b='2' c='3'/></r>",
              2, 100);
    refused(&v, ZG_ERR_LIMIT, 2, 11, 54, "<t> has more than 2");
}

static void
test_byte_order_marks(void **state)
{
    /* UTF-8 with BOM: offsets count it, columns do not */
    const char bom8[] = "\xEF\xBB\xBF<r a='1' b='2'/>";
    /* UTF-16LE with BOM: <r a='1' b='2'/> */
    const char le[] = "\xFF\xFE<\0r\0 \0a\0=\0'\0"
                      "1\0'\0 \0b\0=\0'\0"
                      "2\0'\0/\0>\0";
    /* UTF-16BE with BOM */
    const char be[] = "\xFE\xFF\0<\0r\0 \0a\0=\0'\0"
                      "1\0'\0 \0b\0=\0'\0"
                      "2\0'\0/\0>";
    /* UTF-16LE without BOM, by "<?" */
    const char le_nobom[] = "<\0?\0x\0?\0>\0<\0r\0 \0a\0=\0'\0"
                            "1\0'\0 \0b\0=\0'\0"
                            "2\0'\0/\0>\0";
    verdict v;

    (void)state;
    v = judge_n(bom8, sizeof bom8 - 1, 1, 100);
    refused(&v, ZG_ERR_LIMIT, 1, 1, 3, "<r> has more than 1");
    assert_true(judge_n(bom8, sizeof bom8 - 1, 2, 100).ok);
    v = judge_n(le, sizeof le - 1, 1, 100);
    refused(&v, ZG_ERR_LIMIT, 1, 1, 2, "<r> has more than 1");
    assert_true(judge_n(le, sizeof le - 1, 2, 100).ok);
    v = judge_n(be, sizeof be - 1, 1, 100);
    refused(&v, ZG_ERR_LIMIT, 1, 1, 2, "<r> has more than 1");
    v = judge_n(le_nobom, sizeof le_nobom - 1, 1, 100);
    refused(&v, ZG_ERR_LIMIT, 1, 6, 10, "<r> has more than 1");
    /* an odd byte at the end cuts a character */
    v = judge_n(le, sizeof le, 2, 100);
    refused(&v, ZG_ERR_PARSE, 1, 17, sizeof le - 1,
            "the file ends in the middle of a character");
    /* an unpaired surrogate */
    v = judge_n("\xFF\xFE<\0r\0>\0\x00\xD8<\0", 12, 2, 100);
    refused(&v, ZG_ERR_PARSE, 1, 4, 8, "unpaired surrogate");
}

static void
test_declared_encodings(void **state)
{
    verdict v;

    (void)state;
    /* ISO-8859-1: one byte per character, and the tag counted */
    v = judge("<?xml version='1.0' encoding='ISO-8859-1'?>\n"
              "<r>\xE9\xE9<t a='1' b='2'/></r>",
              1, 100);
    refused(&v, ZG_ERR_LIMIT, 2, 6, 49, "<t> has more than 1");
    v = judge("<?xml version=\"1.0\" encoding=\"X-NO-SUCH\"?><r/>", 1, 100);
    refused(&v, ZG_ERR_PARSE, 1, 41, 0, "unsupported encoding 'X-NO-SUCH'");
    v = judge("<?xml version=\"1.0\" encoding=\"UTF-7\"?><r/>", 1, 100);
    refused(&v, ZG_ERR_PARSE, 1, 37, 0, "encoding 'UTF-7' is not supported");
    v = judge("<?xml version=\"1.0\" encoding=\"UTF-8//IGNORE\"?><r/>", 1, 100);
    refused(&v, ZG_ERR_PARSE, 1, 45, 0, "invalid encoding name");
    v = judge("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r/>",
              1, 100);
    refused(&v, ZG_ERR_PARSE, 1, 42, 3, "byte order mark but declares");
    v = judge("<?xml version=\"1.0\" encoding=\"UTF-16\"?><r/>", 1, 100);
    refused(&v, ZG_ERR_PARSE, 1, 38, 0, "UTF-16 needs a byte order mark");
    /* a processing instruction that is not the declaration: no encoding */
    assert_true(
        judge("<?xml-stylesheet encoding=\"X-NO-SUCH\"?><r/>", 1, 100).ok);
    /* GBK: a two-byte character whose second byte is '@' in ASCII is one
     * character (one column); a byte no GBK character has is refused */
    v = judge("<?xml version='1.0' encoding='GBK'?><r>\x81@<t a='1' b='2'/>", 1,
              100);
    refused(&v, ZG_ERR_LIMIT, 1, 41, 41, "<t> has more than 1");
    v = judge("<?xml version='1.0' encoding='GBK'?><r>\x81<t/>", 1, 100);
    refused(&v, ZG_ERR_PARSE, 1, 40, 39,
            "invalid byte sequence for encoding 'GBK'");
    v = judge("<?xml version='1.0' encoding='GBK'?><r>\x81", 1, 100);
    refused(&v, ZG_ERR_PARSE, 1, 40, 39,
            "the file ends in the middle of a character");
    v = judge("<?xml version='1.0' encoding='GBK'?><r>\x81", 1, 100);
    refused(&v, ZG_ERR_PARSE, 1, 40, 39,
            "the file ends in the middle of a character");
}

static void
test_refused_forms(void **state)
{
    verdict v;

    (void)state;
    v = judge_n("\0\0\0<\0\0\0r", 8, 1, 100);
    refused(&v, ZG_ERR_PARSE, 1, 1, 0, "UCS-4 input is not supported");
    v = judge_n("\x4C\x6F\xA7\x94\x93", 5, 1, 100);
    refused(&v, ZG_ERR_PARSE, 1, 1, 0, "EBCDIC input is not supported");
    /* fewer than four bytes in all: decided at the end */
    assert_true(judge("<r>", 1, 100).ok);
    assert_true(judge("", 1, 100).ok);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attribute_count),
        cmocka_unit_test(test_markup_not_attributes),
        cmocka_unit_test(test_white_space_runs),
        cmocka_unit_test(test_doctype_stop),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_runs_in_words),
        cmocka_unit_test(test_byte_order_marks),
        cmocka_unit_test(test_declared_encodings),
        cmocka_unit_test(test_refused_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
