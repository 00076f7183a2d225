/* SPDX-License-Identifier: MIT */
/*
 * xml_write.c: escaping and checking for the XML and GraphML exporters.
 */
#include "xml_write.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <unistr.h>

#include "zg_rules.h"
#include "zg_text.h"

void
zg_export__xw_init(zg_export__xw *w, FILE *out, zg_error *err)
{
    w->out = out;
    w->err = err;
    w->st = ZG_OK;
    w->subject[0] = '\0';
    w->prefix = "";
}

void
zg_export__xw_subject(zg_export__xw *w, const char *kind, const char *name)
{
    char q[96];

    zg_rule_quote(q, sizeof q, name ? name : "");
    snprintf(w->subject, sizeof w->subject, "%s '%s'", kind, q);
}

void
zg_export__xw_refuse(zg_export__xw *w, const char *fmt, ...)
{
    char msg[400];
    va_list ap;

    if (w->st != ZG_OK)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    w->st = zg_error_set(w->err, ZG_ERR_EXPORT, NULL, 0, 0, "%s: %s",
                         w->subject, msg);
}

int
zg_export__xw_check(zg_export__xw *w, const char *field, const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t n;

    if (w->st != ZG_OK)
        return 0;
    if (s == NULL)
        return 1;
    n = strlen(s);
    while (n > 0) {
        ucs4_t c;
        int k = u8_mbtoucr(&c, p, n);
        if (k < 0) {
            zg_export__xw_refuse(w, "%s is not valid UTF-8 (byte %zu)", field,
                                 (size_t)(p - (const uint8_t *)s));
            return 0;
        }
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE ||
            c == 0xFFFF) {
            zg_export__xw_refuse(w,
                                 "%s holds U+%04X, which XML 1.0 cannot carry",
                                 field, (unsigned)c);
            return 0;
        }
        p += k;
        n -= (size_t)k;
    }
    return 1;
}

int
zg_export__xw_check_trimmed(zg_export__xw *w, const char *field, const char *s)
{
    size_t n;

    if (!zg_export__xw_check(w, field, s) || s == NULL)
        return w->st == ZG_OK;
    n = strlen(s);
    if (n == 0 || strchr(" \t\r\n", s[0]) || strchr(" \t\r\n", s[n - 1])) {
        zg_export__xw_refuse(w,
                             "%s is empty or starts or ends with white space, "
                             "which the importer would trim",
                             field);
        return 0;
    }
    return 1;
}

static void
put(zg_export__xw *w, const char *s, size_t n)
{
    if (w->st != ZG_OK || n == 0)
        return;
    if (fwrite(s, 1, n, w->out) != n)
        w->st = zg_error_set(w->err, ZG_ERR_IO, NULL, 0, 0, "cannot write: %s",
                             strerror(errno));
}

void
zg_export__xw_raw(zg_export__xw *w, const char *s)
{
    put(w, s, strlen(s));
}

/*
 * Write `s` (checked: valid UTF-8 XML can carry) with the characters in
 * `special` replaced by references, and every other character
 * zg_text_is_control() names (DEL, C1 controls, bidirectional controls,
 * the line separators) as a character reference too: XML carries them,
 * but raw they would act on a terminal the file is shown on. The importer
 * reads a reference back as the character, so the round trip holds.
 */
static void
escaped(zg_export__xw *w, const char *s, const char *special)
{
    const char *run = s;
    size_t rest = strlen(s);

    while (rest > 0) {
        const char *ref = NULL;
        char num[16];
        ucs4_t c = (unsigned char)*s;
        int len = 1;
        if (c >= 0x80 && (len = u8_mbtoucr(&c, (const uint8_t *)s, rest)) < 0)
            len = 1; /* cannot happen: checked before writing */
        if (c < 0x80 && strchr(special, (int)c)) {
            switch (c) {
            case '&': ref = "&amp;"; break;
            case '<': ref = "&lt;"; break;
            case '>': ref = "&gt;"; break;
            case '"': ref = "&quot;"; break;
            case '\t': ref = "&#9;"; break;
            case '\n': ref = "&#10;"; break;
            default: ref = "&#13;"; break;
            }
        } else if (c >= 0x7f && zg_text_is_control(c)) {
            snprintf(num, sizeof num, "&#x%X;", (unsigned)c);
            ref = num;
        }
        if (ref != NULL) {
            put(w, run, (size_t)(s - run));
            put(w, ref, strlen(ref));
            run = s + len;
        }
        s += len;
        rest -= (size_t)len;
    }
    put(w, run, (size_t)(s - run));
}

void
zg_export__xw_attr(zg_export__xw *w, const char *name, const char *value)
{
    if (value == NULL || w->st != ZG_OK)
        return;
    put(w, " ", 1);
    put(w, name, strlen(name));
    put(w, "=\"", 2);
    escaped(w, value, "&<>\"\t\n\r");
    put(w, "\"", 1);
}

void
zg_export__xw_text(zg_export__xw *w, const char *s)
{
    if (w->st == ZG_OK)
        escaped(w, s, "&<>\r");
}

void
zg_export__xw_open(zg_export__xw *w, const char *indent, const char *tag)
{
    zg_export__xw_raw(w, indent);
    zg_export__xw_raw(w, "<");
    zg_export__xw_raw(w, w->prefix);
    zg_export__xw_raw(w, tag);
}

void
zg_export__xw_close(zg_export__xw *w, const char *indent, const char *tag)
{
    zg_export__xw_raw(w, indent);
    zg_export__xw_raw(w, "</");
    zg_export__xw_raw(w, w->prefix);
    zg_export__xw_raw(w, tag);
    zg_export__xw_raw(w, ">\n");
}

void
zg_export__xw_element(zg_export__xw *w, const char *indent, const char *tag,
                      const char *text)
{
    if (text == NULL || w->st != ZG_OK)
        return;
    zg_export__xw_open(w, indent, tag);
    zg_export__xw_raw(w, ">");
    zg_export__xw_text(w, text);
    zg_export__xw_close(w, "", tag);
}

zg_status
zg_export__xw_finish(zg_export__xw *w)
{
    if (w->st == ZG_OK && fflush(w->out) != 0)
        w->st = zg_error_set(w->err, ZG_ERR_IO, NULL, 0, 0, "cannot write: %s",
                             strerror(errno));
    return w->st;
}
