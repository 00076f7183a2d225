/* SPDX-License-Identifier: MIT */
/*
 * common/: escaping text for terminals and line formats, display width on
 * huge strings, where the folder reads OpenCC's dictionaries from, and the
 * folding shortcuts that skip OpenCC for text without CJK.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "t2s.h"
#include "zg_text.h"

#include "../support/time_budget.h"

/* Each hostile string and how zg_text_escape() shows it, without and with
 * ZG_ESC_BACKSLASH. */
static const struct {
    const char *in, *plain, *tsv;
} escapes[] = {
    {"北京 Beijing", "北京 Beijing", "北京 Beijing"},
    {"", "", ""},
    {"a\tb\nc\rd", "a\\tb\\nc\\rd", "a\\tb\\nc\\rd"},
    {"back\\slash", "back\\slash", "back\\\\slash"},
    {"\x1b[2J", "\\u001B[2J", "\\u001B[2J"},
    {"\x7f", "\\u007F", "\\u007F"},
    {"\xc2\x80\xc2\x9b"
     "31m\xc2\x9f",
     "\\u0080\\u009B31m\\u009F", "\\u0080\\u009B31m\\u009F"},
    {"\xc2\xa0nbsp", "\xc2\xa0nbsp", "\xc2\xa0nbsp"}, /* U+00A0 stays */
    {"\xe2\x80\xae"
     "evil\xe2\x80\xac",
     "\\u202Eevil\\u202C", "\\u202Eevil\\u202C"},
    {"\xe2\x81\xa6x\xe2\x81\xa9", "\\u2066x\\u2069", "\\u2066x\\u2069"},
    {"\xe2\x80\x8f\xd8\x9c", "\\u200F\\u061C", "\\u200F\\u061C"},
    {"\xe2\x80\xa8\xe2\x80\xa9", "\\u2028\\u2029", "\\u2028\\u2029"},
    {"\xff\xfe ok", "\\xFF\\xFE ok", "\\xFF\\xFE ok"},
    {"\xe5\x8c", "\\xE5\\x8C", "\\xE5\\x8C"},         /* cut short */
    {"\xef\xbf\xbd", "\xef\xbf\xbd", "\xef\xbf\xbd"}, /* a real U+FFFD */
    {"&#x1B;[2J", "&#x1B;[2J", "&#x1B;[2J"},          /* text, not a control */
};

static void
test_escape(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof escapes / sizeof *escapes; i++) {
        char *plain = zg_text_escape(escapes[i].in, 0);
        char *tsv = zg_text_escape(escapes[i].in, ZG_ESC_BACKSLASH);
        char buf[256] = {0};
        FILE *f = fmemopen(buf, sizeof buf, "w");

        assert_non_null(plain);
        assert_non_null(tsv);
        assert_string_equal(plain, escapes[i].plain);
        assert_string_equal(tsv, escapes[i].tsv);
        assert_int_equal(zg_text_needs_escape(escapes[i].in, 0),
                         strcmp(escapes[i].in, escapes[i].plain) != 0);
        assert_int_equal(zg_text_needs_escape(escapes[i].in, ZG_ESC_BACKSLASH),
                         strcmp(escapes[i].in, escapes[i].tsv) != 0);
        assert_non_null(f);
        assert_int_equal(zg_text_fputs_escaped(escapes[i].in, 0, f), 0);
        assert_int_equal(fclose(f), 0);
        assert_string_equal(buf, escapes[i].plain);
        free(plain);
        free(tsv);
    }
}

static void
test_is_control(void **state)
{
    (void)state;
    for (uint32_t c = 0; c < 0x20; c++)
        assert_true(zg_text_is_control(c));
    assert_false(zg_text_is_control(' '));
    assert_false(zg_text_is_control('~'));
    for (uint32_t c = 0x7f; c <= 0x9f; c++)
        assert_true(zg_text_is_control(c));
    assert_false(zg_text_is_control(0xa0));
    for (uint32_t c = 0x202a; c <= 0x202e; c++)
        assert_true(zg_text_is_control(c));
    for (uint32_t c = 0x2066; c <= 0x2069; c++)
        assert_true(zg_text_is_control(c));
    assert_false(zg_text_is_control(0x200d)); /* ZWJ joins emoji */
    assert_false(zg_text_is_control(0x4eac)); /* 京 */
}

/* A million characters measure in linear time: a quadratic walk takes
 * minutes here, a linear one milliseconds. */
static void
test_width_huge(void **state)
{
    enum { N = 1000000 };
    double t;
    char *s = malloc(3 * N + 2);
    char *e;

    (void)state;
    assert_non_null(s);
    for (size_t i = 0; i < N; i++)
        memcpy(s + 3 * i, "京", 3);
    s[3 * N] = 'x';
    s[3 * N + 1] = '\0';
    t = zg_test_wall();
    assert_int_equal(zg_text_width(s), 2 * N + 1);
    assert_int_equal(zg_text_prefix_for_width(s, 2 * N), 3 * N);
    e = zg_text_escape(s, ZG_ESC_BACKSLASH);
    assert_non_null(e);
    assert_string_equal(e, s);
    assert_false(zg_text_needs_escape(s, 0));
    t = zg_test_wall() - t;
    assert_true(t < zg_test_budget(2.0));
    free(e);
    free(s);
}

/* Set or unset ZONEGRAPH_OPENCC_DIR. */
static void
set_dir(const char *dir)
{
    if (dir != NULL)
        assert_int_equal(setenv("ZONEGRAPH_OPENCC_DIR", dir, 1), 0);
    else
        assert_int_equal(unsetenv("ZONEGRAPH_OPENCC_DIR"), 0);
}

/* Copy the first `n` bytes of `from` to `to`. */
static void
copy_head(const char *from, const char *to, size_t n)
{
    char buf[8192];
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    size_t got;

    assert_non_null(in);
    assert_non_null(out);
    while (n > 0 &&
           (got = fread(buf, 1, n < sizeof buf ? n : sizeof buf, in)) > 0) {
        assert_int_equal(fwrite(buf, 1, got, out), got);
        n -= got;
    }
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static void
test_folder_dictionaries(void **state)
{
    char dir[] = "/tmp/zgtextXXXXXX";
    char installed[1024], path[1200], from[1200];
    zg_folder *f = NULL;
    zg_error err = {0};
    char *out = NULL;

    (void)state;
    set_dir(NULL);
    snprintf(installed, sizeof installed, "%s", zg_text_opencc_dir());
    assert_true(installed[0] == '/');
    assert_int_equal(zg_folder_new(&f, &err), ZG_OK);
    assert_int_equal(zg_fold(f, "廣州", strlen("廣州"), &out, &err), ZG_OK);
    assert_string_equal(out, "广州");
    free(out);
    zg_folder_free(f);

    /* relative: refused, even though OpenCC would find it */
    set_dir("opencc");
    assert_string_equal(zg_text_opencc_dir(), "opencc");
    assert_int_equal(zg_folder_new(&f, &err), ZG_ERR_IO);
    assert_null(f);
    assert_non_null(strstr(err.msg, "absolute path"));

    /* a folder without the dictionaries: the file is named */
    assert_non_null(mkdtemp(dir));
    set_dir(dir);
    zg_error_clear(&err);
    assert_int_equal(zg_folder_new(&f, &err), ZG_ERR_IO);
    snprintf(path, sizeof path, "%s/TSPhrases.ocd2", dir);
    assert_non_null(strstr(err.msg, path));

    /* truncated dictionaries: an error, not an abort */
    snprintf(from, sizeof from, "%s/TSPhrases.ocd2", installed);
    copy_head(from, path, 5000);
    snprintf(from, sizeof from, "%s/TSCharacters.ocd2", installed);
    snprintf(path, sizeof path, "%s/TSCharacters.ocd2", dir);
    copy_head(from, path, 5000);
    zg_error_clear(&err);
    assert_int_equal(zg_folder_new(&f, &err), ZG_ERR_IO);
    assert_null(f);
    assert_non_null(strstr(err.msg, "cannot load OpenCC's dictionaries"));

    /* a directory where a dictionary should be */
    assert_int_equal(unlink(path), 0);
    assert_int_equal(mkdir(path, 0700), 0);
    zg_error_clear(&err);
    assert_int_equal(zg_folder_new(&f, &err), ZG_ERR_IO);
    assert_non_null(strstr(err.msg, "not a regular file"));
    assert_int_equal(rmdir(path), 0);
    snprintf(path, sizeof path, "%s/TSPhrases.ocd2", dir);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    set_dir(NULL);
}

/* Append code point `c` to `buf` as UTF-8; returns the bytes written. */
static size_t
put_utf8(char *buf, uint32_t c)
{
    if (c < 0x80) {
        buf[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        buf[0] = (char)(0xC0 | c >> 6);
        buf[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    buf[0] = (char)(0xE0 | c >> 12);
    buf[1] = (char)(0x80 | (c >> 6 & 0x3F));
    buf[2] = (char)(0x80 | (c & 0x3F));
    return 3;
}

/* zg_fold() skips OpenCC for text without a code point from U+2E80 up;
 * that is right only while OpenCC's t2s conversion leaves every code point
 * below U+2E80 alone, which this checks against the installed tables. It
 * also checks the shortcuts give what the full path gives. */
static void
test_fold_shortcuts(void **state)
{
    static const struct {
        const char *in, *folded;
    } cases[] = {
        {"Zone-Beijing", "zone-beijing"},
        {"  Pudong \t New\nArea ", "pudong new area"},
        {"\xef\xbc\xa2\xef\xbd\x85\xef\xbd\x89", "bei"}, /* full width */
        {"Stra\xc3\x9f"
         "e",
         "strasse"},           /* ß */
        {"\xe2\x85\xa0", "i"}, /* Ⅰ */
        {"\xe5\xbb\xa3\xe5\xb7\x9e ABC", "\xe5\xb9\xbf\xe5\xb7\x9e abc"},
        {"\xe2\xba\x80", NULL}, /* U+2E80: through OpenCC, unchanged */
    };
    char chunk[64 * 3 + 1];
    zg_t2s *t = NULL;
    zg_folder *f = NULL;
    zg_error err = {0};
    char *out = NULL;

    (void)state;
    set_dir(NULL);
    assert_int_equal(zg_t2s_open(&t, zg_text_opencc_dir(), &err), ZG_OK);
    for (uint32_t c = 1; c < 0x2E80;) {
        size_t n = 0;
        for (int k = 0; k < 64 && c < 0x2E80; c++) {
            if (c >= 0xD800 && c < 0xE000)
                continue;
            n += put_utf8(chunk + n, c);
            k++;
        }
        chunk[n] = '\0';
        assert_int_equal(zg_t2s_convert(t, chunk, n, &out, &err), ZG_OK);
        if (strcmp(out, chunk) != 0)
            fail_msg("OpenCC's t2s changes text below U+2E80: '%s'", chunk);
        free(out);
    }
    zg_t2s_free(t);

    assert_int_equal(zg_folder_new(&f, &err), ZG_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *want = cases[i].folded ? cases[i].folded : cases[i].in;
        assert_int_equal(
            zg_fold(f, cases[i].in, strlen(cases[i].in), &out, &err), ZG_OK);
        assert_string_equal(out, want);
        free(out);
    }
    zg_folder_free(f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_is_control),
        cmocka_unit_test(test_width_huge),
        cmocka_unit_test(test_folder_dictionaries),
        cmocka_unit_test(test_fold_shortcuts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
