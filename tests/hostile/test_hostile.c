/* SPDX-License-Identifier: MIT */
/*
 * The hostile-input corpus: every case in tests/hostile/cases.tsv
 * (files in tests/hostile/corpus/)
 * is imported into a graph that already holds a small baseline, and must end
 * exactly as the manifest says (status, FILE:LINE:COLUMN, a piece of the
 * message), within a time budget. Around every case:
 *
 *  - a failed import leaves the graph exactly as before (a dump of
 *    everything the public API shows, compared byte for byte, and a lookup
 *    of a baseline name);
 *  - a file case is imported twice, from the file and from memory, and both
 *    must agree;
 *  - a listening socket on a free 127.0.0.1 port (cases name it @PORT@)
 *    must see no connection attempt, and a secret file (cases name it
 *    @SECRET@) must not be opened or read (inotify);
 *  - an import that succeeds is exported as DOT, read back with cgraph
 *    (every node key must come back as a tooltip), rendered to SVG by gvc
 *    and, when $DOT is set, by the dot program.
 *
 * Large inputs are generated here (gen:KIND:N) rather than committed.
 * Arguments, if any, name the cases to run. Exit status: 0 when every
 * case passed, 1 when one failed, 99 when the harness itself cannot run.
 */
#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/inotify.h>
#endif

#include <cgraph.h>

#include "zg_export.h"
#include "zg_graph.h"
#include "zg_import.h"
#include "zg_text.h"

#include "../support/graph_dump.h"
#include "../support/time_budget.h"

/* ---- a growable byte buffer ---- */

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void die(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2), noreturn))
#endif
    ;

static void
die(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fputs("test_hostile: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(99);
}

static void
b_putn(buf *b, const void *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *p = realloc(b->p, cap);
        if (p == NULL)
            die("out of memory");
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void
b_puts(buf *b, const char *s)
{
    b_putn(b, s, strlen(s));
}

static void b_printf(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void
b_printf(buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp)
        die("b_printf: too long");
    b_putn(b, tmp, (size_t)n);
}

static void
b_repeat(buf *b, const char *s, size_t times)
{
    size_t n = strlen(s);

    for (size_t i = 0; i < times; i++)
        b_putn(b, s, n);
}

static void
b_free(buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* Replace every `from` (as bytes, and as UTF-16LE for UTF-16 cases) by
 * `to`. */
static void
b_replace(buf *b, const char *from, const char *to)
{
    for (int wide = 0; wide < 2; wide++) {
        buf out = {0};
        char f[64], t[512];
        size_t fl = 0, tl = 0, i = 0;

        for (const char *s = from; *s; s++) {
            f[fl++] = *s;
            if (wide)
                f[fl++] = '\0';
        }
        for (const char *s = to; *s && tl + 2 < sizeof t; s++) {
            t[tl++] = *s;
            if (wide)
                t[tl++] = '\0';
        }
        while (i < b->len) {
            if (i + fl <= b->len && memcmp(b->p + i, f, fl) == 0) {
                b_putn(&out, t, tl);
                i += fl;
            } else {
                b_putn(&out, b->p + i, 1);
                i++;
            }
        }
        if (out.p == NULL)
            b_putn(&out, "", 0);
        b_free(b);
        *b = out;
    }
}

static int
read_file(const char *path, buf *b)
{
    FILE *f = fopen(path, "rb");
    char tmp[65536];
    size_t n;

    if (f == NULL)
        return -1;
    b_putn(b, "", 0);
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        b_putn(b, tmp, n);
    fclose(f);
    return 0;
}

/* ---- the manifest ---- */

typedef struct tcase {
    char *name; /* file in tests/hostile, or gen:KIND:N */
    zg_import_limits lim;
    zg_status st;
    long line, col; /* -1: not checked */
    char *expect;   /* message piece, or checks for ok cases */
    double budget;  /* seconds */
    /* peak memory at most mem_x times the input size plus mem_mib MiB;
     * mem_x < 0: not checked */
    double mem_x, mem_mib;
    int lineno; /* in cases.tsv */
} tcase;

static const struct {
    const char *name;
    zg_status st;
} statuses[] = {
    {"ok", ZG_OK},
    {"parse", ZG_ERR_PARSE},
    {"invalid", ZG_ERR_INVALID},
    {"limit", ZG_ERR_LIMIT},
    {"io", ZG_ERR_IO},
    {"nomem", ZG_ERR_NOMEM},
};

static const char *
status_name(zg_status st)
{
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        if (statuses[i].st == st)
            return statuses[i].name;
    return "?";
}

static char *
xstrdup(const char *s)
{
    char *p = malloc(strlen(s) + 1);

    if (p == NULL)
        die("out of memory");
    return strcpy(p, s);
}

/* "attrs=N,depth=N,text=N,bytes=N" or "-". */
static void
parse_limits(const char *s, zg_import_limits *lim, const char *where)
{
    char tmp[256], *tok, *save = NULL;

    memset(lim, 0, sizeof *lim);
    if (strcmp(s, "-") == 0)
        return;
    snprintf(tmp, sizeof tmp, "%s", s);
    for (tok = strtok_r(tmp, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        unsigned long long v;
        if (eq == NULL)
            die("%s: bad limit '%s'", where, tok);
        *eq = '\0';
        v = strtoull(eq + 1, NULL, 10);
        if (strcmp(tok, "attrs") == 0)
            lim->max_attrs = (unsigned)v;
        else if (strcmp(tok, "depth") == 0)
            lim->max_depth = (unsigned)v;
        else if (strcmp(tok, "text") == 0)
            lim->max_text = (size_t)v;
        else if (strcmp(tok, "bytes") == 0)
            lim->max_bytes = (size_t)v;
        else if (strcmp(tok, "defaults") == 0)
            lim->max_default_bytes = (size_t)v;
        else if (strcmp(tok, "types") == 0)
            lim->max_node_types = (unsigned)v;
        else
            die("%s: unknown limit '%s'", where, tok);
    }
}

static size_t
load_cases(const char *path, tcase **out)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    tcase *cs = NULL;
    size_t n = 0, cap = 0;
    int lineno = 0;

    if (f == NULL)
        die("cannot open %s: %s", path, strerror(errno));
    while (fgets(line, sizeof line, f)) {
        char *field[7] = {0}, *save = NULL, where[64];
        size_t nf = 0, len = strlen(line);
        tcase c;

        lineno++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        snprintf(where, sizeof where, "cases.tsv:%d", lineno);
        for (char *tok = strtok_r(line, "\t", &save); tok && nf < 7;
             tok = strtok_r(NULL, "\t", &save))
            field[nf++] = tok;
        if (nf != 6 && nf != 7)
            die("%s: expected 6 or 7 tab-separated fields, got %zu", where, nf);
        memset(&c, 0, sizeof c);
        c.name = xstrdup(field[0]);
        parse_limits(field[1], &c.lim, where);
        c.st = (zg_status)-1;
        for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
            if (strcmp(field[2], statuses[i].name) == 0)
                c.st = statuses[i].st;
        if ((int)c.st == -1)
            die("%s: unknown status '%s'", where, field[2]);
        c.line = c.col = -1;
        if (strcmp(field[3], "-") != 0 &&
            sscanf(field[3], "%ld:%ld", &c.line, &c.col) != 2)
            die("%s: bad position '%s'", where, field[3]);
        c.budget = strtod(field[4], NULL);
        if (c.budget <= 0)
            die("%s: bad time budget '%s'", where, field[4]);
        c.expect = xstrdup(field[5]);
        c.mem_x = -1;
        if (nf == 7 &&
            (sscanf(field[6], "%lfx+%lf", &c.mem_x, &c.mem_mib) != 2 ||
             c.mem_x < 0 || c.mem_mib < 0))
            die("%s: bad memory bound '%s' (FACTORx+MIB)", where, field[6]);
        c.lineno = lineno;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            cs = realloc(cs, cap * sizeof *cs);
            if (cs == NULL)
                die("out of memory");
        }
        cs[n++] = c;
    }
    fclose(f);
    *out = cs;
    return n;
}

/* ---- generated inputs ---- */

static const char gen_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<zonegraph version=\"1\">\n"
    "  <schema>\n"
    "    <nodetype name=\"t\"/>\n"
    "    <relationtype name=\"r\" from=\"t\" to=\"t\"/>\n"
    "  </schema>\n"
    "  <source id=\"s\" title=\"S\"/>\n";
static const char gen_tail[] =
    "  <t id=\"b\" name=\"B\"/>\n"
    "  <relation from=\"a\" type=\"r\" to=\"b\" source=\"s\">"
    "<evidence>E</evidence></relation>\n"
    "</zonegraph>\n";

static const char gml_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
    "xmlns:zg=\"urn:zonegraph:1\">\n";

/* GraphML for "gen:gmKIND:N": keys with <default>s given to many elements,
 * and many node types. 0 if KIND is unknown. */
static int
generate_graphml(const char *kind, unsigned long n, buf *b)
{
    b_puts(b, gml_head);
    if (strcmp(kind, "gmdefaults") == 0 || strcmp(kind, "gmwidekeys") == 0) {
        /* n keys with an empty default, on n (gmwidekeys: 100) empty
         * nodes: every node would get n properties */
        unsigned long nodes = kind[2] == 'd' ? n : 100;
        for (unsigned long i = 0; i < n; i++)
            b_printf(b,
                     "  <key id=\"k%lu\" for=\"node\" attr.name=\"p%lu\">"
                     "<default/></key>\n",
                     i, i);
        b_puts(b, "  <graph>\n");
        for (unsigned long i = 0; i < nodes; i++)
            b_printf(b, "    <node id=\"n%lu\"/>\n", i);
    } else if (strcmp(kind, "gmedgekeys") == 0) {
        /* n keys with defaults for edges, n nodes and no edge: nothing to
         * give, and nothing to look at for each node */
        for (unsigned long i = 0; i < n; i++)
            b_printf(b,
                     "  <key id=\"k%lu\" for=\"edge\" attr.name=\"p%lu\">"
                     "<default>v</default></key>\n",
                     i, i);
        b_puts(b, "  <graph>\n");
        for (unsigned long i = 0; i < n; i++)
            b_printf(b, "    <node id=\"n%lu\"/>\n", i);
    } else if (strcmp(kind, "gmbignote") == 0) {
        /* a note of n bytes by default, on 1,000 nodes */
        b_puts(b, "  <key id=\"note\" for=\"node\" zg:field=\"note\">"
                  "<default>");
        b_repeat(b, "x", n);
        b_puts(b, "</default></key>\n  <graph>\n");
        for (unsigned long i = 0; i < 1000; i++)
            b_printf(b, "    <node id=\"n%lu\"/>\n", i);
    } else if (strcmp(kind, "gmmanytypes") == 0) {
        /* n nodes, each of a type of its own */
        b_puts(b, "  <key id=\"t\" for=\"node\" attr.name=\"type\"/>\n"
                  "  <graph>\n");
        for (unsigned long i = 0; i < n; i++)
            b_printf(b,
                     "    <node id=\"n%lu\"><data key=\"t\">t%lu</data>"
                     "</node>\n",
                     i, i);
    } else {
        return 0;
    }
    b_puts(b, "  </graph>\n</graphml>\n");
    return 1;
}

/* Fill `b` for "gen:KIND:N"; 0 if KIND is unknown. */
static int
generate(const char *spec, buf *b)
{
    char kind[64];
    unsigned long n;

    if (sscanf(spec, "gen:%63[^:]:%lu", kind, &n) != 2)
        return 0;
    if (strncmp(kind, "gm", 2) == 0)
        return generate_graphml(kind, n, b);
    b_puts(b, gen_head);
    if (strcmp(kind, "attrs") == 0) {
        /* n attributes on one element, all distinct */
        b_puts(b, "  <t id=\"a\" name=\"A\"");
        for (unsigned long i = 2; i < n; i++)
            b_printf(b, " a%lu=\"v\"", i);
        b_puts(b, "/>\n");
    } else if (strcmp(kind, "xmlns") == 0) {
        /* n namespace declarations on one element */
        b_puts(b, "  <t id=\"a\" name=\"A\"");
        for (unsigned long i = 2; i < n; i++)
            b_printf(b, " xmlns:p%lu=\"urn:%lu\"", i, i);
        b_puts(b, "/>\n");
    } else if (strcmp(kind, "dupattrs") == 0) {
        /* n attributes, the last a duplicate of the first */
        b_puts(b, "  <t id=\"a\" name=\"A\"");
        for (unsigned long i = 2; i + 1 < n; i++)
            b_printf(b, " a%lu=\"v\"", i);
        b_puts(b, " id=\"z\"/>\n");
    } else if (strcmp(kind, "deep") == 0) {
        /* n nested elements inside a node */
        b_puts(b, "  <t id=\"a\" name=\"A\">");
        b_repeat(b, "<x>", n);
        b_repeat(b, "</x>", n);
        b_puts(b, "</t>\n");
    } else if (strcmp(kind, "deeproot") == 0) {
        /* n nested elements, no text at all */
        b->len = 0;
        b_repeat(b, "<a>", n);
        b_repeat(b, "</a>", n);
        return 1;
    } else if (strcmp(kind, "bigattr") == 0) {
        b_puts(b, "  <t id=\"a\" name=\"");
        b_repeat(b, "x", n);
        b_puts(b, "\"/>\n");
    } else if (strcmp(kind, "bigcjk") == 0) {
        /* a name of n CJK code points: a 200 kB label */
        b_puts(b, "  <t id=\"a\" name=\"");
        for (unsigned long i = 0; i < n; i++)
            b_puts(b, i % 2 ? "\xe6\xb1\x89" : "\xf0\xa0\x80\x80");
        b_puts(b, "\" en=\"");
        b_repeat(b, "\\&quot;", n / 2);
        b_puts(b, "\"/>\n");
    } else if (strcmp(kind, "bigtext") == 0) {
        b_puts(b, "  <t id=\"a\" name=\"A\"><note>");
        b_repeat(b, "y", n);
        b_puts(b, "</note></t>\n");
    } else if (strcmp(kind, "bigcomment") == 0) {
        b_puts(b, "  <!--");
        b_repeat(b, "c", n);
        b_puts(b, "-->\n  <t id=\"a\" name=\"A\"/>\n");
    } else if (strcmp(kind, "bigpi") == 0) {
        b_puts(b, "  <?pi ");
        b_repeat(b, "p", n);
        b_puts(b, "?>\n  <t id=\"a\" name=\"A\"/>\n");
    } else if (strcmp(kind, "bigname") == 0) {
        b_puts(b, "  <");
        b_repeat(b, "n", n);
        b_puts(b, " id=\"a\" name=\"A\"/>\n");
    } else if (strcmp(kind, "bigspace") == 0) {
        /* white space inside one start tag */
        b_puts(b, "  <t id=\"a\"");
        b_repeat(b, " ", n);
        b_puts(b, "name=\"A\"/>\n");
    } else if (strcmp(kind, "entityrefs") == 0) {
        /* n character references in one value */
        b_puts(b, "  <t id=\"a\" name=\"");
        b_repeat(b, "&#x4E2D;", n);
        b_puts(b, "\"/>\n");
    } else if (strcmp(kind, "quadratic") == 0) {
        /* the quadratic blow-up: one n-byte entity referenced n/8 times */
        b->len = 0;
        b_puts(b, "<?xml version=\"1.0\"?>\n<!DOCTYPE zonegraph [\n"
                  "<!ENTITY a \"");
        b_repeat(b, "a", n);
        b_puts(b, "\">\n]>\n<zonegraph version=\"1\"><schema>"
                  "<nodetype name=\"t\" zh=\"");
        b_repeat(b, "&a;", n / 8);
        b_puts(b, "\"/></schema></zonegraph>\n");
        return 1;
    } else if (strcmp(kind, "samename") == 0) {
        /* n nodes of one name (the name index posts each once) */
        for (unsigned long i = 0; i < n; i++)
            b_printf(b, "  <t id=\"n%lu\" name=\"X\"/>\n", i);
        b_puts(b, "  <t id=\"a\" name=\"A\"/>\n");
    } else if (strcmp(kind, "samealias") == 0) {
        /* n nodes with one alias in common, and that alias twice on each
         * folded alike */
        for (unsigned long i = 0; i < n; i++)
            b_printf(b,
                     "  <t id=\"n%lu\" name=\"N%lu\"><alias>X</alias>"
                     "<alias>x</alias></t>\n",
                     i, i);
        b_puts(b, "  <t id=\"a\" name=\"A\"/>\n");
    } else if (strcmp(kind, "blankrun") == 0) {
        /* n spaces between two elements, where no text may be */
        b_puts(b, "  <t id=\"a\" name=\"A\"/>");
        b_repeat(b, " ", n);
        b_puts(b, "\n");
    } else if (strcmp(kind, "blanklead") == 0 ||
               strcmp(kind, "blanktail") == 0) {
        /* n line ends before the root element (after it) */
        b->len = 0;
        if (kind[5] == 'l')
            b_repeat(b, "\n", n);
        b_puts(b, strchr(gen_head, '\n') + 1);
        b_puts(b, "  <t id=\"a\" name=\"A\"/>\n");
        b_puts(b, gen_tail);
        if (kind[5] == 't')
            b_repeat(b, "\n", n);
        return 1;
    } else if (strcmp(kind, "blankrefs") == 0) {
        /* n spaces written as character references */
        b_puts(b, "  <t id=\"a\" name=\"A\"/>");
        b_repeat(b, "&#32;", n);
        b_puts(b, "\n");
    } else if (strcmp(kind, "blankcomments") == 0) {
        /* n runs of 900 spaces, each ended by a comment */
        b_puts(b, "  <t id=\"a\" name=\"A\"/>");
        for (unsigned long i = 0; i < n; i++) {
            b_repeat(b, " ", 900);
            b_puts(b, i % 2 ? "<!-- c -->" : "<?pi?>");
        }
        b_puts(b, "\n");
    } else if (strcmp(kind, "manytypes") == 0) {
        /* n node types besides t */
        b->len = 0;
        b_putn(b, gen_head,
               (size_t)(strstr(gen_head, "  </schema>") - gen_head));
        for (unsigned long i = 0; i < n; i++)
            b_printf(b, "    <nodetype name=\"u%lu\"/>\n", i);
        b_puts(b, strstr(gen_head, "  </schema>"));
        b_puts(b, "  <t id=\"a\" name=\"A\"/>\n");
    } else if (strcmp(kind, "manynodes") == 0) {
        for (unsigned long i = 0; i < n; i++)
            b_printf(b, "  <t id=\"n%lu\" name=\"N%lu\"/>\n", i, i);
        b_puts(b, "  <t id=\"a\" name=\"A\"/>\n");
    } else if (strcmp(kind, "gbkbomb") == 0 || strcmp(kind, "big5bomb") == 0) {
        /* n attributes in a GBK (Big5) file, after a CDATA section holding
         * a character whose second byte is ']' and then "]><q \"": a guard
         * that read bytes instead of characters would end the section
         * there, take the quote as the start of a value and miss the
         * attributes. */
        int gbk = kind[0] == 'g';
        b->len = 0;
        b_puts(b, gbk ? "<?xml version=\"1.0\" encoding=\"GBK\"?>\n"
                      : "<?xml version=\"1.0\" encoding=\"Big5\"?>\n");
        b_puts(b, strchr(gen_head, '\n') + 1);
        b_puts(b, "  <t id=\"c\" name=\"C\"><note><![CDATA[");
        b_puts(b, gbk ? "\x81]" : "\xa4]");
        b_puts(b, "]><q \" ]]></note></t>\n");
        b_puts(b, "  <t id=\"a\" name=\"A\"");
        for (unsigned long i = 2; i < n; i++)
            b_printf(b, " a%lu=\"v\"", i);
        b_puts(b, "/>\n");
    } else if (strcmp(kind, "utf16bomb") == 0) {
        /* n attributes in UTF-16LE, after text whose code units hold the
         * bytes of '<', '"' and '>' */
        buf u = {0};
        b->len = 0;
        b_puts(&u, "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n");
        b_puts(&u, strchr(gen_head, '\n') + 1);
        b_puts(&u, "  <t id=\"c\" name=\"C\"><note>"
                   "\xe5\xb0\xbc\xe2\x88\xbc\xe3\xb8\xa2</note></t>\n");
        b_puts(&u, "  <t id=\"a\" name=\"A\"");
        for (unsigned long i = 2; i < n; i++)
            b_printf(&u, " a%lu=\"v\"", i);
        b_puts(&u, "/>\n");
        b_puts(&u, gen_tail);
        b_putn(b, "\xff\xfe", 2);
        for (size_t i = 0; i < u.len;) {
            /* UTF-8 to UTF-16LE (BMP only, which is all this uses) */
            const unsigned char *q = (const unsigned char *)u.p + i;
            unsigned c;
            char w[2];
            if (q[0] < 0x80) {
                c = q[0];
                i += 1;
            } else if (q[0] < 0xe0) {
                c = (q[0] & 0x1fu) << 6 | (q[1] & 0x3fu);
                i += 2;
            } else {
                c = (q[0] & 0x0fu) << 12 | (q[1] & 0x3fu) << 6 | (q[2] & 0x3fu);
                i += 3;
            }
            w[0] = (char)(c & 0xff);
            w[1] = (char)(c >> 8);
            b_putn(b, w, 2);
        }
        b_free(&u);
        return 1;
    } else if (strcmp(kind, "bytes") == 0) {
        /* the ordinary document padded to about n bytes */
        b_puts(b, "  <t id=\"a\" name=\"A\"/>\n  <!--");
        while (b->len + strlen(gen_tail) + 4 < n)
            b_puts(b, "x");
        b_puts(b, " -->\n");
    } else {
        return 0;
    }
    b_puts(b, gen_tail);
    return 1;
}

/* ---- what the public API shows of a graph ---- */

/* The snapshot of tests/support/graph_dump.c, into `b`. */
static void
dump_graph(const zg_graph *g, buf *b)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    if (f == NULL)
        die("open_memstream: %s", strerror(errno));
    zgt_dump_graph(g, f);
    if (fclose(f) != 0)
        die("dump_graph: %s", strerror(errno));
    b->len = 0;
    b_putn(b, text, len);
    free(text);
}

/* The graph every case starts from: types and names no case uses. */
static const char baseline_xml[] =
    "<zonegraph version=\"1\">\n"
    "  <schema>\n"
    "    <nodetype name=\"base_t\" zh=\"基\" shape=\"box\"/>\n"
    "    <relationtype name=\"base_r\" from=\"base_t\" to=\"base_t\"/>\n"
    "  </schema>\n"
    "  <source id=\"base-s\" title=\"Base\"/>\n"
    "  <base_t id=\"base-1\" name=\"基线一\"><alias>baseline</alias>"
    "<prop name=\"n\" type=\"integer\" value=\"1\"/></base_t>\n"
    "  <base_t id=\"base-2\" name=\"基线二\"/>\n"
    "  <relation from=\"base-1\" type=\"base_r\" to=\"base-2\" "
    "source=\"base-s\"><evidence>base</evidence></relation>\n"
    "</zonegraph>\n";

static zg_graph *
baseline(void)
{
    zg_graph *g = NULL;
    zg_error err = {0};

    if (zg_graph_new(&g, &err) != ZG_OK ||
        zg_import_xml_memory(g, baseline_xml, strlen(baseline_xml),
                             "baseline.xml", NULL, &err) != ZG_OK)
        die("baseline: %s", err.msg);
    return g;
}

/* ---- the traps: a loopback listener and a watched secret file ---- */

static int listener = -1;
static char port_text[16];
static char secret_path[4096];
static int watch_fd = -1;

static void
traps_open(void)
{
    struct sockaddr_in a;
    socklen_t alen = sizeof a;
    const char *tmpdir = getenv("TMPDIR");
    int fd;

    listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0)
        die("socket: %s", strerror(errno));
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0; /* a free port */
    if (bind(listener, (struct sockaddr *)&a, sizeof a) != 0 ||
        listen(listener, 16) != 0 ||
        getsockname(listener, (struct sockaddr *)&a, &alen) != 0)
        die("loopback listener: %s", strerror(errno));
    if (fcntl(listener, F_SETFL, O_NONBLOCK) != 0)
        die("fcntl: %s", strerror(errno));
    snprintf(port_text, sizeof port_text, "%u", (unsigned)ntohs(a.sin_port));

    snprintf(secret_path, sizeof secret_path, "%s/zg-hostile-secret.XXXXXX",
             tmpdir && *tmpdir ? tmpdir : "/tmp");
    fd = mkstemp(secret_path);
    if (fd < 0)
        die("mkstemp: %s", strerror(errno));
    if (write(fd, "<!ENTITY leak 'SECRET'>SECRET\n", 30) != 30)
        die("write: %s", strerror(errno));
    close(fd);
#ifdef __linux__
    watch_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (watch_fd < 0 ||
        inotify_add_watch(watch_fd, secret_path, IN_OPEN | IN_ACCESS) < 0)
        die("inotify: %s", strerror(errno));
#endif
}

static int traps_sprung(char *why, size_t size);

/* The traps must catch what they are for: connect to the listener, then
 * read the secret file, and see each reported. */
static void
traps_selftest(void)
{
    struct sockaddr_in a;
    char why[512];
    int fd;
    FILE *f;

    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons((unsigned short)atoi(port_text));
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0)
        die("self-test: connect: %s", strerror(errno));
    close(fd);
    usleep(10000);
    if (!traps_sprung(why, sizeof why))
        die("self-test: the listener missed a connection");
#ifdef __linux__
    f = fopen(secret_path, "r");
    if (f == NULL)
        die("self-test: %s: %s", secret_path, strerror(errno));
    fgetc(f);
    fclose(f);
    if (!traps_sprung(why, sizeof why))
        die("self-test: inotify missed a read of the secret file");
#else
    (void)f;
#endif
    if (traps_sprung(why, sizeof why))
        die("self-test: the traps do not reset: %s", why);
}

static void
traps_close(void)
{
    if (listener >= 0)
        close(listener);
    if (watch_fd >= 0)
        close(watch_fd);
    if (secret_path[0])
        unlink(secret_path);
}

/* Report (and clear) anything the traps caught. */
static int
traps_sprung(char *why, size_t size)
{
    int fd = accept(listener, NULL, NULL);

    if (fd >= 0) {
        close(fd);
        snprintf(why, size, "a connection was made to 127.0.0.1:%s", port_text);
        return 1;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
        snprintf(why, size, "accept: %s", strerror(errno));
        return 1;
    }
#ifdef __linux__
    {
        char ev[4096];
        ssize_t k = read(watch_fd, ev, sizeof ev);
        while (k > 0 && read(watch_fd, ev, sizeof ev) > 0)
            ; /* drain */
        if (k > 0) {
            snprintf(why, size, "the secret file %.200s was opened or read",
                     secret_path);
            return 1;
        }
    }
#endif
    return 0;
}

/* ---- DOT: export, read back, render ---- */

/* The tooltip dot.c writes for user text: the text as zg_text_escape()
 * shows it (controls visibly escaped), each backslash written as four
 * and `&` as `&amp;` (Graphviz expands entities and unescapes tooltips
 * twice). Node keys from the importer hold neither U+FFFE nor U+FFFF,
 * which dot.c escapes too. */
static void
esc_string(buf *b, const char *s)
{
    char *shown = zg_text_escape(s, 0);

    if (shown == NULL)
        die("out of memory");
    b->len = 0;
    b_putn(b, "", 0);
    for (const unsigned char *p = (const unsigned char *)shown; *p; p++) {
        if (*p == '\\')
            b_puts(b, "\\\\\\\\");
        else if (*p == '&')
            b_puts(b, "&amp;");
        else
            b_putn(b, p, 1);
    }
    free(shown);
}

static void
collect_tooltips(Agraph_t *ag, buf *all)
{
    char *v;

    v = agget(ag, (char *)(uintptr_t) "tooltip");
    if (v && *v) {
        b_puts(all, v);
        b_putn(all, "", 1);
    }
    for (Agnode_t *n = agfstnode(ag); n; n = agnxtnode(ag, n)) {
        v = agget(n, (char *)(uintptr_t) "tooltip");
        if (v && *v) {
            b_puts(all, v);
            b_putn(all, "", 1);
        }
    }
    for (Agraph_t *s = agfstsubg(ag); s; s = agnxtsubg(s))
        collect_tooltips(s, all);
}

static int
has_entry(const buf *all, const char *s)
{
    size_t i = 0;

    while (i < all->len) {
        size_t n = strlen(all->p + i);
        if (strcmp(all->p + i, s) == 0)
            return 1;
        i += n + 1;
    }
    return 0;
}

static int
check_dot(const zg_graph *g, char *why, size_t size)
{
    zg_dot_options opt;
    zg_error err = {0};
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    Agraph_t *ag;
    buf tips = {0}, want = {0};
    int ok = 1;
    const char *dot = getenv("DOT");

    memset(&opt, 0, sizeof opt);
    opt.lang = ZG_LANG_BOTH;
    if (f == NULL)
        die("open_memstream");
    if (zg_export_dot(g, &opt, f, &err) != ZG_OK) {
        fclose(f);
        free(text);
        snprintf(why, size, "DOT export failed: %s", err.msg);
        return 0;
    }
    fclose(f);
    ag = agmemread(text);
    if (ag == NULL) {
        snprintf(why, size, "cgraph cannot read the DOT back");
        ok = 0;
        goto out;
    }
    b_putn(&tips, "", 0);
    collect_tooltips(ag, &tips);
    for (zg_id n = 0; n < zg_graph_node_count(g) && ok; n++) {
        esc_string(&want, zg_graph_node(g, n)->key);
        if (!has_entry(&tips, want.p)) {
            snprintf(why, size,
                     "node key '%.100s' did not come back from "
                     "the DOT as a tooltip",
                     want.p);
            ok = 0;
        }
    }
    agclose(ag);
    if (!ok)
        goto out;
    f = fopen("/dev/null", "w");
    if (f == NULL)
        die("/dev/null");
    zg_error_clear(&err);
    if (zg_export_render(g, &opt, "svg", f, &err) != ZG_OK) {
        snprintf(why, size, "gvc cannot render it: %s", err.msg);
        ok = 0;
    }
    fclose(f);
    if (ok && dot && *dot) {
        /* the dot program, as a user would run it on our output */
        char cmd[4200];
        FILE *p;
        int rc;
        snprintf(cmd, sizeof cmd, "'%s' -Tsvg -o /dev/null 2>/dev/null", dot);
        p = popen(cmd, "w");
        if (p == NULL)
            die("popen %s", dot);
        fwrite(text, 1, len, p);
        rc = pclose(p);
        if (rc != 0) {
            snprintf(why, size, "'dot -Tsvg' fails on the DOT (status %d)", rc);
            ok = 0;
        }
    }
out:
    b_free(&tips);
    b_free(&want);
    free(text);
    return ok;
}

/* ---- one case ---- */

/* Checks of an ok case: "nodes=N", "edges=N", "KEY=NAME", "KEY@note=TEXT",
 * '|'-separated, or "-"; "nodot" skips the DOT export, read-back and
 * rendering (for graphs too large to draw). */
static int
check_ok(const zg_graph *g, size_t base_nodes, size_t base_edges,
         const char *expect, char *why, size_t size)
{
    char tmp[1024], *tok, *save = NULL;

    if (strcmp(expect, "-") == 0)
        return 1;
    snprintf(tmp, sizeof tmp, "%s", expect);
    for (tok = strtok_r(tmp, "|", &save); tok;
         tok = strtok_r(NULL, "|", &save)) {
        char *eq = strchr(tok, '=');
        zg_id n;
        if (strcmp(tok, "nodot") == 0)
            continue; /* run_case() skips the DOT checks */
        if (eq == NULL)
            die("bad check '%s'", tok);
        *eq = '\0';
        if (strcmp(tok, "nodes") == 0) {
            size_t want = strtoul(eq + 1, NULL, 10);
            if (zg_graph_node_count(g) - base_nodes != want) {
                snprintf(why, size, "%zu nodes, expected %zu",
                         zg_graph_node_count(g) - base_nodes, want);
                return 0;
            }
        } else if (strcmp(tok, "edges") == 0) {
            size_t want = strtoul(eq + 1, NULL, 10);
            if (zg_graph_edge_count(g) - base_edges != want) {
                snprintf(why, size, "%zu edges, expected %zu",
                         zg_graph_edge_count(g) - base_edges, want);
                return 0;
            }
        } else if (strchr(tok, '@')) {
            /* KEY@note=TEXT */
            *strchr(tok, '@') = '\0';
            n = zg_graph_node_by_key(g, tok);
            if (n == ZG_NO_ID || !zg_graph_node(g, n)->note ||
                strcmp(zg_graph_node(g, n)->note, eq + 1) != 0) {
                snprintf(why, size, "node '%s' has note '%s', expected '%s'",
                         tok,
                         n == ZG_NO_ID               ? "(no node)"
                         : zg_graph_node(g, n)->note ? zg_graph_node(g, n)->note
                                                     : "(none)",
                         eq + 1);
                return 0;
            }
        } else if ((n = zg_graph_node_by_key(g, tok)) == ZG_NO_ID) {
            snprintf(why, size, "no node '%s'", tok);
            return 0;
        } else if (strcmp(zg_graph_node(g, n)->name, eq + 1) != 0) {
            snprintf(why, size, "node '%s' is named '%s', expected '%s'", tok,
                     zg_graph_node(g, n)->name, eq + 1);
            return 0;
        }
    }
    return 1;
}

typedef struct outcome {
    zg_status st;
    zg_error err;
    double secs;
} outcome;

/* Import into a fresh baseline graph; check that a failure changed
 * nothing. Returns the graph (free it) or NULL when rollback failed. */
static zg_graph *
import_one(const tcase *c, const char *path, const buf *data, outcome *o,
           char *why, size_t size)
{
    zg_graph *g = baseline();
    buf before = {0}, after = {0};
    double t0;

    dump_graph(g, &before);
    zg_error_clear(&o->err);
    t0 = zg_test_wall();
    if (path)
        o->st = zg_import_xml_file(g, path, &c->lim, &o->err);
    else
        o->st = zg_import_xml_memory(g, data->p, data->len, c->name, &c->lim,
                                     &o->err);
    o->secs = zg_test_wall() - t0;
    if (o->st != ZG_OK) {
        zg_resolution r;
        zg_error e2 = {0};
        dump_graph(g, &after);
        if (before.len != after.len ||
            memcmp(before.p, after.p, before.len) != 0) {
            snprintf(why, size, "the failed import changed the graph");
            zg_graph_free(g);
            g = NULL;
        } else if (zg_graph_resolve(g, "baseline", &r, &e2) != ZG_OK ||
                   r.node != zg_graph_node_by_key(g, "base-1")) {
            snprintf(why, size, "lookup broken after a failed import: %s",
                     e2.msg);
            zg_graph_free(g);
            g = NULL;
        }
    }
    b_free(&before);
    b_free(&after);
    return g;
}

/*
 * The same bytes through a checking import (every error, at most 50 kept):
 * it must end as the plain import did (a successful one builds the same
 * graph, a failed one changes nothing and lists the plain import's error
 * among its own, with the same status unless that error was a content
 * one that the checking import went past), keep what the limit allows,
 * and stay within the time budget.
 */
static int
check_mode(const tcase *c, const buf *data, const zg_graph *plain,
           const outcome *o, char *why, size_t size)
{
    zg_graph *g = baseline();
    buf before = {0}, after = {0}, want = {0};
    zg_error err = {0};
    zg_diags d;
    zg_status st;
    double t0, secs;
    int ok = 0, found = 0;

    zg_diags_init(&d, 50);
    dump_graph(g, &before);
    t0 = zg_test_wall();
    st = zg_import_xml_memory_check(g, data->p, data->len, c->name, &c->lim, &d,
                                    &err);
    secs = zg_test_wall() - t0;
    dump_graph(g, &after);
    for (size_t i = 0; i < d.count; i++)
        found |= d.items[i].severity == ZG_SEVERITY_ERROR &&
                 d.items[i].line == o->err.line &&
                 d.items[i].column == o->err.column &&
                 strcmp(d.items[i].msg, o->err.msg) == 0;
    if (d.count > 100 || (d.errors > 50 && d.count < 50)) {
        snprintf(why, size, "checking import kept %zu of %zu errors", d.count,
                 d.errors);
        goto out;
    }
    if (o->st == ZG_OK) {
        dump_graph(plain, &want);
        if (st != ZG_OK || d.errors != 0) {
            snprintf(why, size, "checking import: %s (%u:%u %s), plain: ok",
                     status_name(st), err.line, err.column, err.msg);
            goto out;
        }
        if (want.len != after.len || memcmp(want.p, after.p, want.len) != 0) {
            snprintf(why, size, "checking import built another graph");
            goto out;
        }
    } else {
        if (st == ZG_OK || d.errors == 0) {
            snprintf(why, size, "checking import: ok, plain: %s",
                     status_name(o->st));
            goto out;
        }
        if (before.len != after.len ||
            memcmp(before.p, after.p, before.len) != 0) {
            snprintf(why, size, "the failed checking import changed the graph");
            goto out;
        }
        if (st != o->st && o->st != ZG_ERR_INVALID) {
            snprintf(why, size, "checking import: %s, plain: %s",
                     status_name(st), status_name(o->st));
            goto out;
        }
        if (!found && !(o->st == ZG_ERR_NOMEM || d.errors > d.count)) {
            snprintf(why, size,
                     "checking import lacks the error %u:%u '%.300s' "
                     "(its first: %u:%u '%.300s')",
                     o->err.line, o->err.column, o->err.msg, err.line,
                     err.column, err.msg);
            goto out;
        }
    }
    if (secs > c->budget) {
        snprintf(why, size, "checking import took %.2f s, the budget is %.2f s",
                 secs, c->budget);
        goto out;
    }
    ok = 1;
out:
    zg_diags_free(&d);
    b_free(&before);
    b_free(&after);
    b_free(&want);
    zg_graph_free(g);
    return ok;
}

/* ASan's shadow memory and quarantine make RSS say little about what the
 * importer keeps; memory bounds are checked in other builds. */
#if defined(__SANITIZE_ADDRESS__)
#define MEMORY_CHECKS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MEMORY_CHECKS 0
#endif
#endif
#ifndef MEMORY_CHECKS
#define MEMORY_CHECKS 1
#endif

/* The peak resident set in KiB, VmHWM of /proc/self/status (-1 if
 * unknown). */
static long
peak_rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;

    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
            break;
    fclose(f);
    return kb;
}

/* Make the peak resident set what is resident now, with the free memory
 * the heap holds given back first (so that reusing it counts as growth).
 * 0 if the kernel cannot reset the peak. */
static int
reset_peak_rss(void)
{
    FILE *f;
    int ok;

#ifdef __GLIBC__
    malloc_trim(0);
#endif
    f = fopen("/proc/self/clear_refs", "w");
    if (f == NULL)
        return 0;
    ok = fputs("5", f) >= 0;
    return fclose(f) == 0 && ok;
}

/* The process's address space in bytes, from /proc (0 if unknown). */
static size_t
vm_size(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;

    if (f == NULL)
        return 0;
    if (fscanf(f, "%lu", &pages) != 1)
        pages = 0;
    fclose(f);
    return (size_t)pages * (size_t)sysconf(_SC_PAGESIZE);
}

/*
 * Check the case's memory bound: import `data` in a child process, whose
 * peak RSS is reset just before (the heap's free memory given back to the
 * kernel first), and compare the growth of the peak with mem_x times the
 * input size plus mem_mib MiB. The child's address space is capped at a
 * few times the bound, so an import that grows without bound fails there,
 * quickly, instead of taking the machine.
 */
static int
check_memory(const tcase *c, const buf *data, char *why, size_t size)
{
    double bound = c->mem_x * (double)data->len + c->mem_mib * 1048576.0;
    struct {
        zg_status st;
        long kb;
    } r = {ZG_OK, 0};
    int fds[2], status;
    pid_t pid;

    if (pipe(fds) != 0)
        die("pipe: %s", strerror(errno));
    fflush(stdout);
    pid = fork();
    if (pid < 0)
        die("fork: %s", strerror(errno));
    if (pid == 0) {
        zg_graph *g = baseline();
        zg_error err = {0};
        long kb0;
        size_t vm = vm_size();
        close(fds[0]);
        if (vm) {
            struct rlimit rl;
            rl.rlim_cur = rl.rlim_max =
                (rlim_t)vm + (rlim_t)(4 * bound) + ((rlim_t)256 << 20);
            setrlimit(RLIMIT_AS, &rl);
        }
        if (!reset_peak_rss() || (kb0 = peak_rss_kb()) < 0)
            _exit(77);
        r.st =
            zg_import_xml_memory(g, data->p, data->len, c->name, &c->lim, &err);
        r.kb = peak_rss_kb() - kb0;
        if (write(fds[1], &r, sizeof r) != (ssize_t)sizeof r)
            _exit(1);
        _exit(0);
    }
    close(fds[1]);
    if (read(fds[0], &r, sizeof r) != (ssize_t)sizeof r) {
        close(fds[0]);
        waitpid(pid, &status, 0);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
            printf("   memory: not checked (no /proc/self/clear_refs)\n");
            return 1;
        }
        snprintf(why, size, "the memory check's import died (status %d)",
                 status);
        return 0;
    }
    close(fds[0]);
    waitpid(pid, &status, 0);
    if (r.st == ZG_ERR_NOMEM && c->st != ZG_ERR_NOMEM) {
        snprintf(why, size,
                 "ran out of memory under a cap of %.0f MiB over the bound: "
                 "memory grows without bound",
                 (4 * bound) / 1048576.0 + 256);
        return 0;
    }
    if ((double)r.kb * 1024.0 > bound) {
        snprintf(why, size,
                 "peak memory grew by %.1f MiB, over the bound of %.1f MiB "
                 "(%.0fx the input of %zu bytes + %.0f MiB)",
                 (double)r.kb / 1024.0, bound / 1048576.0, c->mem_x, data->len,
                 c->mem_mib);
        return 0;
    }
    printf("   memory: peak grew by %.1f MiB (%.1fx the input), bound "
           "%.1f MiB\n",
           (double)r.kb / 1024.0, (double)r.kb * 1024.0 / (double)data->len,
           bound / 1048576.0);
    return 1;
}

static int
run_case(const tcase *c, const char *dir)
{
    char why[2048] = "", path[8192];
    buf data = {0};
    outcome mem, file;
    zg_graph *g = NULL;
    int ok = 0, is_file = strncmp(c->name, "gen:", 4) != 0, subst = 0;
    size_t base_nodes, base_edges;

    if (is_file) {
        snprintf(path, sizeof path, "%s/%s", dir, c->name);
        if (read_file(path, &data) != 0)
            die("cannot read %s: %s", path, strerror(errno));
        subst = memchr(data.p, '@', data.len) != NULL;
        b_replace(&data, "@PORT@", port_text);
        b_replace(&data, "@SECRET@", secret_path);
    } else if (!generate(c->name, &data)) {
        die("cases.tsv:%d: unknown generator '%s'", c->lineno, c->name);
    }

    {
        zg_graph *b = baseline();
        base_nodes = zg_graph_node_count(b);
        base_edges = zg_graph_edge_count(b);
        zg_graph_free(b);
    }
    if (MEMORY_CHECKS && c->mem_x >= 0 &&
        !check_memory(c, &data, why, sizeof why))
        goto out;
    g = import_one(c, NULL, &data, &mem, why, sizeof why);
    if (g == NULL)
        goto out;
    if (traps_sprung(why, sizeof why))
        goto out;
    if (is_file && !subst) {
        /* the same bytes through the file-descriptor path */
        zg_graph *g2 = import_one(c, path, NULL, &file, why, sizeof why);
        if (g2 == NULL)
            goto out;
        zg_graph_free(g2);
        if (file.st != mem.st || file.err.line != mem.err.line ||
            file.err.column != mem.err.column ||
            strcmp(file.err.msg, mem.err.msg) != 0) {
            snprintf(why, sizeof why,
                     "file and memory imports differ: %s %u:%u '%.400s' vs "
                     "%s %u:%u '%.400s'",
                     status_name(file.st), file.err.line, file.err.column,
                     file.err.msg, status_name(mem.st), mem.err.line,
                     mem.err.column, mem.err.msg);
            goto out;
        }
    }
    if (mem.st != c->st) {
        snprintf(why, sizeof why, "status %s, expected %s (%u:%u: %s)",
                 status_name(mem.st), status_name(c->st), mem.err.line,
                 mem.err.column, mem.err.msg);
        goto out;
    }
    if (mem.st != ZG_OK) {
        if (c->line >= 0 && (mem.err.line != (unsigned long)c->line ||
                             mem.err.column != (unsigned long)c->col)) {
            snprintf(why, sizeof why, "at %u:%u, expected %ld:%ld (%s)",
                     mem.err.line, mem.err.column, c->line, c->col,
                     mem.err.msg);
            goto out;
        }
        if (strstr(mem.err.msg, c->expect) == NULL) {
            snprintf(why, sizeof why, "message '%s' lacks '%s'", mem.err.msg,
                     c->expect);
            goto out;
        }
        if (strstr(mem.err.msg, "SECRET") || strstr(mem.err.msg, "root:")) {
            snprintf(why, sizeof why, "the message leaks file content: %s",
                     mem.err.msg);
            goto out;
        }
    } else {
        if (!check_ok(g, base_nodes, base_edges, c->expect, why, sizeof why))
            goto out;
        if (!strstr(c->expect, "nodot") && !check_dot(g, why, sizeof why))
            goto out;
        if (traps_sprung(why, sizeof why))
            goto out;
    }
    if (mem.secs > c->budget) {
        snprintf(why, sizeof why, "took %.2f s, the budget is %.2f s", mem.secs,
                 c->budget);
        goto out;
    }
    if (!check_mode(c, &data, g, &mem, why, sizeof why))
        goto out;
    ok = 1;
out:
    if (ok)
        printf("ok %s (%s, %.3f s)\n", c->name, status_name(mem.st), mem.secs);
    else
        printf("FAIL %s (cases.tsv:%d): %s\n", c->name, c->lineno, why);
    fflush(stdout);
    zg_graph_free(g);
    b_free(&data);
    return ok;
}

int
main(int argc, char **argv)
{
    const char *top = getenv("top_srcdir");
    char dir[4096], manifest[4200];
    tcase *cs = NULL;
    size_t n, failed = 0, ran = 0;
    /* Slow runners (sanitizers, valgrind) stretch the budgets. */
    double scale = zg_test_time_scale();
    snprintf(dir, sizeof dir, "%s/tests/hostile/corpus", top ? top : ".");
    snprintf(manifest, sizeof manifest, "%s/tests/hostile/cases.tsv",
             top ? top : ".");
    n = load_cases(manifest, &cs);
    traps_open();
    traps_selftest();
    for (size_t i = 0; i < n; i++) {
        /* optional arguments: run only the cases named */
        int want = argc < 2;
        for (int a = 1; a < argc; a++)
            want |= strcmp(argv[a], cs[i].name) == 0;
        if (!want)
            continue;
        cs[i].budget *= scale;
        ran++;
        failed += !run_case(&cs[i], dir);
    }
    traps_close();
    printf("hostile: %zu cases, %zu passed, %zu failed\n", ran, ran - failed,
           failed);
    for (size_t i = 0; i < n; i++) {
        free(cs[i].name);
        free(cs[i].expect);
    }
    free(cs);
    if (ran == 0)
        return 99;
    return failed ? 1 : 0;
}
