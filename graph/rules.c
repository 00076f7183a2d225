/* SPDX-License-Identifier: MIT */
/*
 * rules.c: the value rules shared by the graph, the importers and the
 * exporters (zg_rules.h).
 */
#include "zg_rules.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zg_text.h"

typedef struct zg_name_range {
    unsigned lo, hi;
} zg_name_range;

#include "name_table.h"

const char *const zg_rule_reserved[] = {
    "zonegraph", "schema", "nodetype", "relationtype", "source", "relation",
    "alias",     "prop",   "figure",   "evidence",     "note",   NULL};

int
zg_rule_one_of(const char *s, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(s, *set) == 0)
            return 1;
    return 0;
}

static int
xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

const char *
zg_rule_id(const char *s)
{
    size_t n = strlen(s);

    if (n == 0 || xml_space(s[0]) || xml_space(s[n - 1]) || strchr(s, '\n'))
        return "non-empty, without white space at either end or a newline";
    return NULL;
}

const char *
zg_rule_id_list(const char *s)
{
    if (strspn(s, " ") == strlen(s) || strpbrk(s, "\t\r\n"))
        return "one or more ids separated by spaces";
    return NULL;
}

int
zg_rule_month_days(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
        return 29;
    return days[m - 1];
}

const char *
zg_rule_date_parts(const char *s, int *year, int *month, int *day)
{
    static const char *const what = "a date (YYYY, YYYY-MM or YYYY-MM-DD)";
    size_t len = strlen(s);
    int y, m = 0, d = 0;

    if (!(len == 4 || len == 7 || len == 10))
        return what;
    for (size_t i = 0; i < len; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return what;
        } else if (s[i] < '0' || s[i] > '9') {
            return what;
        }
    }
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
        (s[3] - '0');
    if (len >= 7)
        m = (s[5] - '0') * 10 + (s[6] - '0');
    if (len == 10)
        d = (s[8] - '0') * 10 + (s[9] - '0');
    if (len >= 7 && (m < 1 || m > 12))
        return what;
    if (len == 10 && (d < 1 || d > zg_rule_month_days(y, m)))
        return what;
    *year = y;
    *month = m;
    *day = d;
    return NULL;
}

const char *
zg_rule_date(const char *s)
{
    int y, m, d;

    return zg_rule_date_parts(s, &y, &m, &d);
}

const char *
zg_rule_span(const char *since, const char *until)
{
    const char *why;

    if ((since && (why = zg_rule_date(since)) != NULL) ||
        (until && (why = zg_rule_date(until)) != NULL))
        return why;
    if (since && until) {
        size_t n =
            strlen(since) < strlen(until) ? strlen(since) : strlen(until);
        if (strncmp(until, since, n) < 0)
            return "a period whose until is not before its since";
    }
    return NULL;
}

/* The next code point of `*p` (advanced), or -1 for invalid UTF-8. */
static long
next_cp(const unsigned char **p)
{
    const unsigned char *s = *p;
    unsigned long c;
    int n;

    if (s[0] < 0x80) {
        *p = s + 1;
        return s[0];
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 1, c = s[0] & 0x1Fu;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 2, c = s[0] & 0x0Fu;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 3, c = s[0] & 0x07u;
    else
        return -1;
    for (int i = 1; i <= n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        c = (c << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 2 && c < 0x800) || (n == 3 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return -1;
    *p = s + n + 1;
    return (long)c;
}

static int
in_table(long c, const zg_name_range *t, size_t n)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((unsigned long)c < t[mid].lo)
            hi = mid;
        else if ((unsigned long)c > t[mid].hi)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

const char *
zg_rule_name(const char *s)
{
    static const char *const what = "an XML name";
    const unsigned char *p = (const unsigned char *)s;
    int first = 1;

    if (*p == '\0')
        return what;
    while (*p) {
        long c = next_cp(&p);
        if (c < 0 ||
            (first ? !in_table(c, name_start,
                               sizeof name_start / sizeof name_start[0])
                   : !in_table(c, name_char,
                               sizeof name_char / sizeof name_char[0])))
            return what;
        first = 0;
    }
    return NULL;
}

const char *
zg_rule_type_name(const char *s)
{
    if (zg_rule_name(s) != NULL || zg_rule_one_of(s, zg_rule_reserved))
        return "an XML name that is not reserved";
    return NULL;
}

const char *
zg_rule_lang(const char *s)
{
    size_t part = 0;
    int first = 1;

    for (; *s; s++) {
        if (*s == '-') {
            if (part == 0)
                return "a language tag such as en or zh-Hant";
            part = 0;
            first = 0;
            continue;
        }
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (!first && *s >= '0' && *s <= '9')) ||
            ++part > 8)
            return "a language tag such as en or zh-Hant";
    }
    return part == 0 ? "a language tag such as en or zh-Hant" : NULL;
}

const char *
zg_rule_colour(const char *s)
{
    if (strlen(s) != 7 || s[0] != '#' ||
        strspn(s + 1, "0123456789abcdefABCDEF") != 6)
        return "of the form #rrggbb";
    return NULL;
}

const char *
zg_rule_shape(const char *s)
{
    static const char *const shapes[] = {
        "box",     "ellipse",  "hexagon",   "note",
        "octagon", "diamond",  "component", "folder",
        "tab",     "cylinder", "house",     "parallelogram",
        "oval",    "circle",   "plaintext", NULL};

    return zg_rule_one_of(s, shapes) ? NULL : "a shape zonegraph draws";
}

const char *
zg_rule_word(const char *s)
{
    if (*s == '\0' || strpbrk(s, " \t\r\n") || strcmp(s, "*") == 0)
        return "a word without white space, other than *";
    return NULL;
}

const char *
zg_rule_approx(const char *s)
{
    static const char *const approx[] = {"exact", "over",  "nearly",
                                         "about", "under", NULL};

    return zg_rule_one_of(s, approx) ? NULL
                                     : "exact, over, nearly, about or under";
}

const char *
zg_rule_figure_kind(const char *s)
{
    static const char *const kinds[] = {"actual", "target", "forecast",
                                        "estimate", NULL};

    return zg_rule_one_of(s, kinds) ? NULL
                                    : "actual, target, forecast or estimate";
}

void
zg_rule_quote(char *out, size_t size, const char *s)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;

    while (*p && n + 8 < size) {
        const unsigned char *start = p;
        long c;
        if (n >= 60) {
            memcpy(out + n, "...", 3);
            n += 3;
            break;
        }
        c = next_cp(&p);
        if (c < 0) {
            n += (size_t)snprintf(out + n, size - n, "\\x%02X", *p);
            p++;
        } else if (c < 0x20 || c == 0x7F) {
            n += (size_t)snprintf(out + n, size - n, "\\x%02X", (unsigned)c);
        } else if (zg_text_is_control((uint32_t)c)) {
            n += (size_t)snprintf(out + n, size - n, "\\u%04X", (unsigned)c);
        } else {
            memcpy(out + n, start, (size_t)(p - start));
            n += (size_t)(p - start);
        }
    }
    out[n] = '\0';
}

/* [+-]?digits, within long long. */
static int
integer(const char *s, double *out)
{
    const char *d = s + (*s == '+' || *s == '-');
    char *end;
    long long v;

    if (*d == '\0' || strspn(d, "0123456789") != strlen(d))
        return 0;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return 0;
    *out = (double)v;
    return 1;
}

/* [+-]?(digits[.digits*] | .digits)([eE][+-]?digits)?, finite, not out
 * of range (xsd:double's lexical space without INF and NaN, and what
 * strtod reads whole). */
static int
number(const char *s, double *out)
{
    const char *p = s + (*s == '+' || *s == '-');
    size_t before = strspn(p, "0123456789"), after = 0;
    char *end;

    p += before;
    if (*p == '.') {
        after = strspn(p + 1, "0123456789");
        p += 1 + after;
    }
    if (before + after == 0)
        return 0;
    if (*p == 'e' || *p == 'E') {
        p += 1 + (p[1] == '+' || p[1] == '-');
        if (strspn(p, "0123456789") == 0)
            return 0;
        p += strspn(p, "0123456789");
    }
    if (*p != '\0')
        return 0;
    errno = 0;
    *out = strtod(s, &end);
    return errno == 0 && *end == '\0' && isfinite(*out);
}

/* xsd:decimal as libxml2 2.9.14 reads it: [+-]?, leading zeros, then at
 * most 24 digits in all with at most one '.'; "." alone is not a number. */
static int
decimal(const char *s, double *out)
{
    const char *p = s + (*s == '+' || *s == '-');
    size_t len = 0;
    int zeros = 0, point = 0;

    while (*p == '0') {
        p++;
        zeros = 1;
    }
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (++len > 24)
                return 0;
        } else if (*p == '.' && !point && len < 24) {
            point = 1;
        } else {
            return 0;
        }
    }
    if (len == 0 && !zeros)
        return 0;
    return number(s, out);
}

const char *
zg_rule_value(zg_prop_kind kind, const char *s, double *out)
{
    double v = 0;
    const char *why = NULL;

    switch (kind) {
    case ZG_PROP_INTEGER:
        if (!integer(s, &v))
            why = "an integer";
        break;
    case ZG_PROP_NUMBER:
        if (!number(s, &v))
            why = "a number";
        break;
    case ZG_PROP_FIGURE:
        if (!decimal(s, &v))
            why = "a decimal number of at most 24 digits";
        break;
    case ZG_PROP_DATE: why = zg_rule_date(s); break;
    case ZG_PROP_BOOLEAN:
        if (strcmp(s, "true") != 0 && strcmp(s, "false") != 0)
            why = "true or false";
        break;
    default: break;
    }
    if (out)
        *out = why ? 0 : v;
    return why;
}
