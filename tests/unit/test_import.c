/* SPDX-License-Identifier: MIT */
/* Importer tests: the fixtures in tests/data/import, each error with its
 * exact FILE:LINE:COLUMN message, all-or-nothing imports, merging several
 * files, limits, and the facts of the shipped dataset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "zg_graph.h"
#include "zg_import.h"
#include "zg_rules.h"

static char *
fixture(const char *name)
{
    const char *top = getenv("top_srcdir");
    static char path[4096];

    snprintf(path, sizeof path, "%s/tests/data/import/%s", top ? top : ".",
             name);
    return path;
}

static int
setup(void **state)
{
    zg_graph *g = NULL;
    zg_error err = {0};

    if (zg_graph_new(&g, &err) != ZG_OK)
        return -1;
    *state = g;
    return 0;
}

static int
teardown(void **state)
{
    zg_graph_free(*state);
    return 0;
}

static void
test_good(void **state)
{
    zg_graph *g = *state;
    zg_error err = {0};
    zg_id a, m;
    zg_edge_info x;
    const zg_prop *p;
    const zg_alias *al;
    const zg_id *es;

    assert_int_equal(zg_import_xml_file(g, fixture("good.xml"), NULL, &err),
                     ZG_OK);
    assert_int_equal(zg_graph_node_count(g), 6);
    assert_int_equal(zg_graph_edge_count(g), 5);
    assert_int_equal(zg_graph_nodetype_count(g), 4);
    assert_int_equal(zg_graph_reltype_count(g), 3);
    a = zg_graph_node_by_key(g, "zone-a");
    m = zg_graph_node_by_key(g, "sector-m");
    assert_int_not_equal(a, ZG_NO_ID);
    assert_string_equal(zg_graph_node(g, a)->name, "甲先导区");
    assert_string_equal(zg_graph_node(g, a)->name_en, "Alpha Pilot Zone");
    assert_string_equal(zg_graph_node(g, a)->since, "2021-02");
    assert_string_equal(zg_graph_node(g, a)->note, "A test zone.");
    assert_int_equal(zg_graph_node_aliases(g, a, &al), 3);
    assert_string_equal(al[1].text, "Alpha");
    assert_string_equal(al[1].lang, "en");
    p = zg_graph_node_prop(g, a, "batch");
    assert_non_null(p);
    assert_int_equal(p->kind, ZG_PROP_INTEGER);
    assert_true(p->number == 2.0);
    p = zg_graph_node_prop(g, a, "ai_enterprises");
    assert_non_null(p);
    assert_int_equal(p->kind, ZG_PROP_FIGURE);
    assert_string_equal(p->unit, "家");
    assert_string_equal(p->approx, "over");
    assert_string_equal(p->figure_kind, "actual");
    assert_string_equal(p->evidence, "甲有550余家企业。");
    assert_int_equal(zg_graph_in_edges(g, m, &es), 2);
    zg_graph_edge_get(g, es[0], &x);
    assert_string_equal(x.evidence, "甲聚焦智能制造。");
    assert_int_equal(zg_graph_edge_from(g, es[1]),
                     zg_graph_node_by_key(g, "zone-b"));
    assert_int_equal(zg_graph_out_edges(g, a, &es), 3);
    zg_graph_edge_get(g, es[2], &x);
    assert_int_equal(x.basis, ZG_BASIS_INFERRED);
    assert_int_equal(zg_graph_edge_basis(g, es[2]), ZG_BASIS_INFERRED);
    assert_null(x.evidence);
    assert_string_equal(x.note, "general knowledge");
}

/* Each broken fixture fails with exactly this message. */
static const struct {
    const char *file;
    zg_status st;
    const char *msg;
} broken[] = {
    {"unknown_node.xml", ZG_ERR_INVALID,
     "unknown_node.xml:42:3: error: relation refers to unknown node "
     "'sector-x'"},
    {"duplicate_id.xml", ZG_ERR_INVALID,
     "duplicate_id.xml:31:3: error: duplicate id 'sector-m'"},
    {"malformed.xml", ZG_ERR_PARSE,
     "malformed.xml:28:69: error: malformed XML: Opening and ending tag "
     "mismatch: city line 28 and cty"},
    {"missing_attr.xml", ZG_ERR_INVALID,
     "missing_attr.xml:29:3: error: <region> is missing required attribute "
     "'name'"},
    {"bad_endpoint.xml", ZG_ERR_INVALID,
     "bad_endpoint.xml:32:3: error: relation 'located_in' is not allowed "
     "from zone 'zone-a' to sector 'sector-m' (it links zone to city)"},
    {"unknown_type.xml", ZG_ERR_INVALID,
     "unknown_type.xml:31:3: error: unknown element <sectr>: not a declared "
     "node type"},
    {"bad_date.xml", ZG_ERR_INVALID,
     "bad_date.xml:14:3: error: since='2021-13' is not a date (YYYY, YYYY-MM "
     "or YYYY-MM-DD)"},
    {"bad_integer.xml", ZG_ERR_INVALID,
     "bad_integer.xml:26:5: error: property 'batch': 'one' is not an "
     "integer"},
    {"doctype.xml", ZG_ERR_INVALID,
     "doctype.xml:3:21: error: DOCTYPE is not allowed: zonegraph files have "
     "no DTD and no entities"},
    {"unknown_source.xml", ZG_ERR_INVALID,
     "unknown_source.xml:24:3: error: unknown source 's2'"},
    {"no_evidence.xml", ZG_ERR_INVALID,
     "no_evidence.xml:42:3: error: <relation> needs <evidence> unless "
     "basis='inferred'"},
    {"dup_relation.xml", ZG_ERR_INVALID,
     "dup_relation.xml:45:3: error: duplicate relation zone-a -[focuses_on]-> "
     "sector-m"},
    {"until_before.xml", ZG_ERR_INVALID,
     "until_before.xml:14:3: error: until='2020' is before since='2021-02'"},
    {"text_here.xml", ZG_ERR_INVALID,
     "text_here.xml:29:58: error: text is not allowed here"},
    {"bad_version.xml", ZG_ERR_INVALID,
     "bad_version.xml:3:1: error: unsupported version '2' (this zonegraph "
     "reads version 1)"},
    {"bad_enum.xml", ZG_ERR_INVALID,
     "bad_enum.xml:19:5: error: approx='roughly' must be exact, over, "
     "nearly, about or under"},
};

static void
test_broken(void **state)
{
    zg_graph *g = *state;

    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        zg_error err = {0};
        char buf[1024], *slash;
        zg_status st =
            zg_import_xml_file(g, fixture(broken[i].file), NULL, &err);
        assert_int_equal(st, broken[i].st);
        assert_int_equal(err.status, broken[i].st);
        zg_error_format(&err, buf, sizeof buf);
        slash = strrchr(buf, '/');
        assert_string_equal(slash ? slash + 1 : buf, broken[i].msg);
        /* nothing of a failed import stays behind */
        assert_int_equal(zg_graph_node_count(g), 0);
        assert_int_equal(zg_graph_edge_count(g), 0);
        assert_int_equal(zg_graph_nodetype_count(g), 0);
        assert_int_equal(zg_graph_source_count(g), 0);
    }
}

/* A failed second import leaves the first one exactly as it was. */
static void
test_all_or_nothing(void **state)
{
    zg_graph *g = *state;
    zg_error err = {0};
    zg_resolution r;
    zg_id a;
    const zg_alias *al;

    assert_int_equal(zg_import_xml_file(g, fixture("good.xml"), NULL, &err),
                     ZG_OK);
    assert_int_equal(zg_import_xml_file(g, fixture("conflict.xml"), NULL, &err),
                     ZG_ERR_INVALID);
    assert_non_null(strstr(err.msg, "conflicts with its earlier definition"));
    assert_int_equal(zg_graph_node_count(g), 6);
    assert_int_equal(zg_graph_edge_count(g), 5);
    assert_int_equal(zg_graph_source_count(g), 1);
    assert_int_equal(zg_graph_node_by_key(g, "sector-h"), ZG_NO_ID);
    a = zg_graph_node_by_key(g, "zone-a");
    assert_int_equal(zg_graph_node_aliases(g, a, &al), 3);
    zg_error_clear(&err);
    assert_int_equal(zg_graph_resolve(g, "甲区", &r, &err), ZG_ERR_NOT_FOUND);
    zg_error_clear(&err);
    assert_int_equal(zg_graph_resolve(g, "Alpha", &r, &err), ZG_OK);
    assert_int_equal(r.node, a);
}

/* Several files merge: shared schema, a node repeated identically gains
 * aliases, relations may point into the earlier file. */
static void
test_merge(void **state)
{
    zg_graph *g = *state;
    zg_error err = {0};
    zg_resolution r;
    zg_id a;
    const zg_alias *al;
    const zg_id *es;

    assert_int_equal(zg_import_xml_file(g, fixture("good.xml"), NULL, &err),
                     ZG_OK);
    assert_int_equal(zg_import_xml_file(g, fixture("extra.xml"), NULL, &err),
                     ZG_OK);
    assert_int_equal(zg_graph_node_count(g), 7);
    assert_int_equal(zg_graph_edge_count(g), 6);
    assert_int_equal(zg_graph_source_count(g), 2);
    a = zg_graph_node_by_key(g, "zone-a");
    assert_int_equal(zg_graph_node_aliases(g, a, &al), 4);
    assert_int_equal(zg_graph_out_edges(g, a, &es), 4);
    assert_int_equal(zg_graph_resolve(g, "甲区", &r, &err), ZG_OK);
    assert_int_equal(r.node, a);
    /* the same file again merges without change */
    assert_int_equal(zg_import_xml_file(g, fixture("extra.xml"), NULL, &err),
                     ZG_OK);
    assert_int_equal(zg_graph_node_count(g), 7);
    assert_int_equal(zg_graph_edge_count(g), 6);
}

/* What the graph refuses by its rules reaches the user with the place in
 * the file: here a node whose until, given by a later file, is before
 * the since of the earlier one, in zonegraph XML and in GraphML. */
static void
test_graph_rules_placed(void **state)
{
    static const char xml[] =
        "<zonegraph version=\"1\">\n"
        "  <zone id=\"zone-a\" name=\"甲先导区\" until=\"2020\"/>\n"
        "</zonegraph>\n";
    static const char gml[] =
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
        "         xmlns:zg=\"urn:zonegraph:1\">\n"
        "<key id=\"t\" for=\"node\" attr.name=\"type\" zg:field=\"type\"/>\n"
        "<key id=\"n\" for=\"node\" attr.name=\"name\" zg:field=\"name\"/>\n"
        "<key id=\"u\" for=\"node\" attr.name=\"until\" "
        "zg:field=\"until\"/>\n"
        "<graph>\n"
        "<node id=\"zone-a\"><data key=\"t\">zone</data>"
        "<data key=\"n\">甲先导区</data>\n"
        "  <data key=\"u\">2021-01-31</data></node>\n"
        "</graph></graphml>\n";
    zg_graph *g = *state;
    zg_error err = {0};
    char buf[1024];

    assert_int_equal(zg_import_xml_file(g, fixture("good.xml"), NULL, &err),
                     ZG_OK);
    assert_int_equal(
        zg_import_xml_memory(g, xml, strlen(xml), "later.xml", NULL, &err),
        ZG_ERR_INVALID);
    assert_string_equal(zg_error_format(&err, buf, sizeof buf),
                        "later.xml:2:3: error: node 'zone-a': until '2020' is "
                        "before since '2021-02'");
    zg_error_clear(&err);
    assert_int_equal(
        zg_import_xml_memory(g, gml, strlen(gml), "later.graphml", NULL, &err),
        ZG_ERR_INVALID);
    assert_string_equal(zg_error_format(&err, buf, sizeof buf),
                        "later.graphml:7:1: error: node 'zone-a': until "
                        "'2021-01-31' is before since '2021-02'");
    assert_null(zg_graph_node(g, zg_graph_node_by_key(g, "zone-a"))->until);
}

static void
test_memory_and_limits(void **state)
{
    zg_graph *g = *state;
    zg_error err = {0};
    zg_import_limits lim = {0};
    static const char deep[] =
        "<zonegraph version=\"1\"><schema><nodetype name=\"t\"/></schema>"
        "<t id=\"a\" name=\"A\"><alias>x</alias></t></zonegraph>";
    static const char entity[] =
        "<?xml version=\"1.0\"?>\n<zonegraph version=\"1\">&x;</zonegraph>";
    static const char external[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE zonegraph SYSTEM "
        "\"file:///etc/passwd\">\n<zonegraph version=\"1\"/>";

    assert_int_equal(
        zg_import_xml_memory(g, deep, strlen(deep), "deep.xml", NULL, &err),
        ZG_OK);
    assert_int_equal(zg_graph_node_count(g), 1);
    zg_graph_free(g);
    assert_int_equal(zg_graph_new(&g, &err), ZG_OK);
    *state = g;
    lim.max_depth = 2;
    assert_int_equal(
        zg_import_xml_memory(g, deep, strlen(deep), "deep.xml", &lim, &err),
        ZG_ERR_LIMIT);
    assert_string_equal(err.msg, "elements nest deeper than 2");
    assert_int_equal(zg_graph_node_count(g), 0);
    zg_error_clear(&err);
    lim.max_depth = 0;
    lim.max_attrs = 1;
    assert_int_equal(
        zg_import_xml_memory(g, deep, strlen(deep), "deep.xml", &lim, &err),
        ZG_ERR_LIMIT);
    assert_int_equal(err.line, 1);
    zg_error_clear(&err);
    assert_int_equal(
        zg_import_xml_memory(g, entity, strlen(entity), "e.xml", NULL, &err),
        ZG_ERR_INVALID);
    assert_string_equal(err.msg, "entity '&x;' is not allowed");
    assert_int_equal(err.line, 2);
    zg_error_clear(&err);
    assert_int_equal(zg_import_xml_memory(g, external, strlen(external),
                                          "x.xml", NULL, &err),
                     ZG_ERR_INVALID);
    assert_non_null(strstr(err.msg, "DOCTYPE is not allowed"));
    zg_error_clear(&err);
    assert_int_equal(zg_import_xml_memory(g, "", 0, "empty.xml", NULL, &err),
                     ZG_ERR_PARSE);
    assert_string_equal(err.msg, "the file is empty");
    zg_error_clear(&err);
    assert_int_equal(
        zg_import_xml_file(g, fixture("no-such-file.xml"), NULL, &err),
        ZG_ERR_IO);
    assert_int_equal(zg_graph_node_count(g), 0);
}

/* The shipped dataset loads and holds the article's facts. */
static void
targets(const zg_graph *g, const char *from, const char *rel, char *buf,
        size_t size)
{
    zg_id n = zg_graph_node_by_key(g, from),
          r = zg_graph_reltype_by_name(g, rel);
    const zg_id *es;
    size_t k;

    buf[0] = '\0';
    assert_int_not_equal(n, ZG_NO_ID);
    assert_int_not_equal(r, ZG_NO_ID);
    k = zg_graph_out_edges(g, n, &es);
    for (size_t i = 0; i < k; i++) {
        zg_edge_info e;
        zg_graph_edge_get(g, es[i], &e);
        if (e.type != r)
            continue;
        if (*buf)
            strncat(buf, ",", size - strlen(buf) - 1);
        strncat(buf, zg_graph_node(g, e.to)->name, size - strlen(buf) - 1);
    }
}

static void
test_dataset(void **state)
{
    zg_graph *g = *state;
    zg_error err = {0};
    const char *data = getenv("ZG_DATA");
    char buf[1024];
    size_t zones = 0;
    zg_id zone = ZG_NO_ID;

    assert_non_null(data);
    assert_int_equal(zg_import_xml_file(g, data, NULL, &err), ZG_OK);
    zone = zg_graph_nodetype_by_name(g, "zone");
    assert_int_not_equal(zone, ZG_NO_ID);
    for (zg_id n = 0; n < zg_graph_node_count(g); n++) {
        const zg_prop *b;
        if (zg_graph_node(g, n)->type != zone)
            continue;
        zones++;
        b = zg_graph_node_prop(g, n, "batch");
        assert_non_null(b);
        assert_true(b->number == 1.0 || b->number == 2.0);
    }
    assert_int_equal(zones, 8);
    targets(g, "zone-beijing", "focuses_on", buf, sizeof buf);
    assert_string_equal(buf, "智能制造,智能网联汽车,智慧城市,科技冬奥");
    targets(g, "zone-hangzhou", "focuses_on", buf, sizeof buf);
    assert_string_equal(buf, "城市管理,智能制造,智慧金融");
    assert_true(
        zg_graph_node_prop(g, zg_graph_node_by_key(g, "zone-chengdu"), "batch")
            ->number == 2.0);
    assert_true(
        zg_graph_node_prop(g, zg_graph_node_by_key(g, "zone-shenzhen"), "batch")
            ->number == 1.0);
}

/* UTF-8 of code point c into out (NUL-terminated); returns the length. */
static size_t
put_utf8(unsigned c, char *out)
{
    size_t n;

    if (c < 0x80) {
        out[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        out[0] = (char)(0xF0 | (c >> 18));
        out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    out[n] = '\0';
    return n;
}

/*
 * zg_rule_name() (graph/name_table.h, generated from libxml2) is never
 * looser than the libxml2 this links: every code point it takes as the
 * first or a later character of a name, xmlValidateNCName() takes too.
 * And the names the vocabulary needs pass.
 */
static void
test_name_rule(void **state)
{
    static const char *const good[] = {"zone", "in_region", "a-b.c", "_x",
                                       "区域", "e\xcc\x81", "Ab9",   NULL};
    static const char *const bad[] = {
        "",         "1a",   "a b",       "a:b",
        "-a",       ".a",   "a\xc3\x97", "a\xf0\x9f\x98\x80",
        "\xcc\x81", "\xff", NULL};
    unsigned taken = 0;
    char s[16];

    (void)state;
    for (const char *const *p = good; *p; p++)
        assert_null(zg_rule_name(*p));
    for (const char *const *p = bad; *p; p++)
        assert_non_null(zg_rule_name(*p));
    for (unsigned c = 1; c < 0x110000; c++) {
        if ((c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF)
            continue;
        put_utf8(c, s);
        if (zg_rule_name(s) == NULL) {
            taken++;
            if (xmlValidateNCName((const xmlChar *)s, 0) != 0)
                fail_msg("U+%04X starts a name for zonegraph, not for "
                         "libxml2",
                         c);
        }
        s[0] = 'a';
        put_utf8(c, s + 1);
        if (zg_rule_name(s) == NULL &&
            xmlValidateNCName((const xmlChar *)s, 0) != 0)
            fail_msg("U+%04X continues a name for zonegraph, not for libxml2",
                     c);
    }
    /* fourth-edition letters (13,600 of them) and ideographs (20,900) */
    assert_true(taken > 34000);
}

/* A scratch folder in $TMPDIR for files a test makes. */
static void
scratch(char *dir, size_t size)
{
    const char *tmp = getenv("TMPDIR");

    snprintf(dir, size, "%s/zg-import-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
}

/* Only regular files are read (the import reads a file twice): a FIFO
 * without a writer must not block the open (alarm() ends the test if it
 * does), a directory or a device is refused before anything is read. */
static void
test_not_regular(void **state)
{
    static const struct {
        const char *path, *msg;
    } special[] = {
        {"/dev/zero", "a character device, not a regular file: zonegraph "
                      "reads data only from regular files"},
        {"/dev/null", "a character device, not a regular file: zonegraph "
                      "reads data only from regular files"},
    };
    zg_graph *g = *state;
    zg_error err = {0};
    char dir[4096], path[4200];

    scratch(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/data.xml", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    alarm(10);
    assert_int_equal(zg_import_xml_file(g, path, NULL, &err), ZG_ERR_IO);
    alarm(0);
    assert_string_equal(err.msg, "a FIFO, not a regular file: zonegraph "
                                 "reads data only from regular files");
    assert_int_equal(err.line, 0);
    assert_int_equal(unlink(path), 0);
    zg_error_clear(&err);
    assert_int_equal(zg_import_xml_file(g, dir, NULL, &err), ZG_ERR_IO);
    assert_string_equal(err.msg, "a directory, not a regular file: zonegraph "
                                 "reads data only from regular files");
    assert_int_equal(rmdir(dir), 0);
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++) {
        zg_error_clear(&err);
        if (access(special[i].path, R_OK) != 0)
            continue;
        assert_int_equal(zg_import_xml_file(g, special[i].path, NULL, &err),
                         ZG_ERR_IO);
        assert_string_equal(err.msg, special[i].msg);
    }
    assert_int_equal(zg_graph_node_count(g), 0);
    assert_int_equal(zg_graph_nodetype_count(g), 0);
}

/* A file over max_bytes is refused for its size before any of it is
 * parsed: its first line is not XML, which a parse would report first. */
static void
test_size_first(void **state)
{
    zg_graph *g = *state;
    zg_error err = {0};
    zg_import_limits lim = {0};
    char dir[4096], path[4200], *mem;
    FILE *f;

    scratch(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/big.xml", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    assert_true(fputs("not XML\n", f) >= 0);
    assert_int_equal(fclose(f), 0);
    /* 5 GiB, sparse: over the default limit of 4 GiB */
    assert_int_equal(truncate(path, (off_t)5 << 30), 0);
    assert_int_equal(zg_import_xml_file(g, path, NULL, &err), ZG_ERR_LIMIT);
    assert_string_equal(err.msg, "input is larger than the limit of "
                                 "4294967296 bytes (it has 5368709120)");
    assert_int_equal(err.line, 0);
    /* a limit above the size of one read (64 KiB) */
    assert_int_equal(truncate(path, 200000), 0);
    lim.max_bytes = 100000;
    zg_error_clear(&err);
    assert_int_equal(zg_import_xml_file(g, path, &lim, &err), ZG_ERR_LIMIT);
    assert_string_equal(err.msg, "input is larger than the limit of 100000 "
                                 "bytes (it has 200000)");
    mem = calloc(1, 200000);
    assert_non_null(mem);
    memcpy(mem, "not XML\n", 8);
    zg_error_clear(&err);
    assert_int_equal(
        zg_import_xml_memory(g, mem, 200000, "big.xml", &lim, &err),
        ZG_ERR_LIMIT);
    assert_string_equal(err.msg, "input is larger than the limit of 100000 "
                                 "bytes (it has 200000)");
    free(mem);
    /* within the limit, the text is what is wrong */
    lim.max_bytes = 300000;
    zg_error_clear(&err);
    assert_int_equal(truncate(path, 8), 0);
    assert_int_equal(zg_import_xml_file(g, path, &lim, &err), ZG_ERR_PARSE);
    assert_string_equal(err.msg, "malformed XML: not an XML document: text "
                                 "where the root element should start");
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 1);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    assert_int_equal(zg_graph_node_count(g), 0);
}

/* GraphML <default>s: each one a node or edge receives counts
 * ZG_IMPORT_DEFAULT_COST plus the length of its value against
 * max_default_bytes; data given explicitly, and keys that mean nothing to
 * zonegraph, count nothing. */
static void
test_graphml_defaults(void **state)
{
    static const char doc[] =
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
        "<key id=\"a\" for=\"node\" attr.name=\"a\"><default>abc</default>"
        "</key>\n"
        "<key id=\"b\" for=\"all\" attr.name=\"b\"><default>de</default>"
        "</key>\n"
        "<key id=\"y\" for=\"node\"><default>yFiles</default></key>\n"
        "<graph>\n"
        "<node id=\"n1\"/>\n"
        "<node id=\"n2\"><data key=\"a\">x</data></node>\n"
        "<node id=\"n3\"/>\n"
        "<edge source=\"n1\" target=\"n3\"/>\n"
        "</graph></graphml>\n";
    /* n1: a, b; n2: b; n3: a, b; the edge: b */
    const size_t need =
        2 * (ZG_IMPORT_DEFAULT_COST + 3) + 4 * (ZG_IMPORT_DEFAULT_COST + 2);
    zg_graph *g = *state;
    zg_error err = {0};
    zg_import_limits lim = {0};
    const zg_prop *p;
    zg_id n2;

    lim.max_default_bytes = need - 1;
    assert_int_equal(
        zg_import_xml_memory(g, doc, strlen(doc), "d.graphml", &lim, &err),
        ZG_ERR_LIMIT);
    assert_int_equal(err.line, 9); /* the edge, the last to get one */
    assert_int_equal(err.column, 1);
    assert_non_null(strstr(err.msg, "the default of key 'b' (line 3) "
                                    "crosses it here"));
    assert_int_equal(zg_graph_node_count(g), 0);
    lim.max_default_bytes = need;
    zg_error_clear(&err);
    assert_int_equal(
        zg_import_xml_memory(g, doc, strlen(doc), "d.graphml", &lim, &err),
        ZG_OK);
    n2 = zg_graph_node_by_key(g, "n2");
    assert_int_equal(zg_graph_node_props(g, n2, &p), 2);
    assert_string_equal(zg_graph_node_prop(g, n2, "a")->value, "x");
    assert_string_equal(zg_graph_node_prop(g, n2, "b")->value, "de");
    assert_int_equal(zg_graph_edge_props(g, 0, &p), 1);
    assert_string_equal(p[0].value, "de");
}

/* The diagnostics list keeps the first `max` of each severity by
 * position, however many arrive and in whatever order, and counts all. */
static void
test_diags_bounded(void **state)
{
    zg_diags d;

    (void)state;
    zg_diags_init(&d, 5);
    for (unsigned i = 10000; i > 0; i--) {
        assert_int_equal(zg_diags_add(&d, ZG_SEVERITY_ERROR, ZG_ERR_INVALID,
                                      "value", i, 1, "bad"),
                         ZG_OK);
        assert_true(d.count <= 4 * 5);
        if (i % 2)
            assert_int_equal(zg_diags_add(&d, ZG_SEVERITY_WARNING, ZG_OK,
                                          "unused-source", i, 2, "w"),
                             ZG_OK);
    }
    zg_diags_sort(&d);
    assert_int_equal(d.errors, 10000);
    assert_int_equal(d.warnings, 5000);
    assert_int_equal(d.count, 10);
    for (unsigned i = 0; i < 5; i++) {
        assert_int_equal(d.items[i].severity, ZG_SEVERITY_ERROR);
        assert_int_equal(d.items[i].line, i + 1);
        assert_int_equal(d.items[5 + i].severity, ZG_SEVERITY_WARNING);
        assert_int_equal(d.items[5 + i].line, 2 * i + 1);
    }
    zg_diags_free(&d);
    zg_diags_free(NULL);
}

/* A checking import of `xml` (named "m") into a new graph, *g, with `d`
 * initialized here. */
static zg_status
check_doc(zg_graph **g, const char *xml, size_t len, zg_diags *d, zg_error *err)
{
    assert_int_equal(zg_graph_new(g, err), ZG_OK);
    zg_diags_init(d, 0);
    return zg_import_xml_memory_check(*g, xml, len, "m", NULL, d, err);
}

/* A checking import of memory: every error, the graph unchanged. */
static void
test_check_memory(void **state)
{
    static const char xml[] = "<zonegraph version=\"1\">\n"
                              "<schema><nodetype name=\"zone\"/></schema>\n"
                              "<zone id=\"a\" name=\"x\" since=\"bad\"/>\n"
                              "<zone id=\"b\" name=\"y\"/>\n"
                              "<zone id=\"b\" name=\"z\"/>\n"
                              "</zonegraph>\n";
    zg_graph *g = NULL;
    zg_error err = {0};
    zg_diags d;

    (void)state;
    assert_int_equal(check_doc(&g, xml, sizeof xml - 1, &d, &err),
                     ZG_ERR_INVALID);
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.items[0].line, 3);
    assert_string_equal(d.items[0].code, "value");
    assert_int_equal(d.items[1].line, 5);
    assert_string_equal(d.items[1].code, "duplicate");
    assert_int_equal(err.line, 3); /* the first by position */
    assert_int_equal(zg_graph_node_count(g), 0);
    zg_diags_free(&d);
    zg_graph_free(g);
}

/* A checking import reports every repeated relation at its place and goes
 * on; identical relations merge with those of an earlier file. */
static void
test_check_repeats(void **state)
{
    static const char xml[] =
        "<zonegraph version=\"1\">\n"
        "<schema><nodetype name=\"t\"/>"
        "<relationtype name=\"r\" from=\"*\" to=\"*\"/></schema>\n"
        "<t id=\"a\" name=\"A\"/><t id=\"b\" name=\"B\"/>\n"
        "<relation from=\"a\" type=\"r\" to=\"b\" basis=\"inferred\"/>\n"
        "<relation from=\"a\" type=\"r\" to=\"b\" basis=\"inferred\">"
        "<prop name=\"p\" value=\"1\"/><prop name=\"p\" value=\"2\"/>"
        "</relation>\n"
        "<relation from=\"b\" type=\"r\" to=\"a\" basis=\"inferred\"/>\n"
        "<relation from=\"a\" type=\"r\" to=\"b\" basis=\"inferred\"/>\n"
        "</zonegraph>\n";
    zg_graph *g = NULL;
    zg_error err = {0};
    zg_diags d;

    (void)state;
    assert_int_equal(check_doc(&g, xml, sizeof xml - 1, &d, &err),
                     ZG_ERR_INVALID);
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.items[0].line, 5);
    assert_int_equal(d.items[0].column, 1);
    assert_string_equal(d.items[0].code, "duplicate");
    assert_string_equal(d.items[0].msg, "duplicate relation a -[r]-> b");
    assert_int_equal(d.items[1].line, 7);
    assert_string_equal(d.items[1].msg, "duplicate relation a -[r]-> b");
    assert_int_equal(zg_graph_edge_count(g), 0);
    zg_diags_free(&d);
    zg_error_clear(&err);
    /* many relations (the table of those added grows), then a repeat */
    {
        static char big[65536];
        size_t n = (size_t)snprintf(
            big, sizeof big,
            "<zonegraph version=\"1\">\n<schema><nodetype name=\"t\"/>"
            "<relationtype name=\"r\" from=\"*\" to=\"*\"/></schema>\n");
        for (int i = 0; i < 20; i++)
            n += (size_t)snprintf(big + n, sizeof big - n,
                                  "<t id=\"n%d\" name=\"N\"/>\n", i);
        for (int i = 0; i < 20; i++)
            for (int j = 0; j < 20; j++)
                n += (size_t)snprintf(big + n, sizeof big - n,
                                      "<relation from=\"n%d\" type=\"r\" "
                                      "to=\"n%d\" basis=\"inferred\"/>\n",
                                      i, j);
        n += (size_t)snprintf(big + n, sizeof big - n,
                              "<relation from=\"n3\" type=\"r\" to=\"n7\" "
                              "basis=\"inferred\"/>\n</zonegraph>\n");
        assert_true(n < sizeof big);
        zg_graph_free(g);
        assert_int_equal(check_doc(&g, big, n, &d, &err), ZG_ERR_INVALID);
        assert_int_equal(d.errors, 1);
        assert_int_equal(d.items[0].line, 2 + 20 + 400 + 1);
        assert_string_equal(d.items[0].msg, "duplicate relation n3 -[r]-> n7");
        zg_diags_free(&d);
        zg_error_clear(&err);
    }
    /* without the repeats it loads; loaded again, its relations merge */
    for (int i = 0; i < 2; i++) {
        static const char one[] =
            "<zonegraph version=\"1\">\n"
            "<schema><nodetype name=\"t\"/>"
            "<relationtype name=\"r\" from=\"*\" to=\"*\"/></schema>\n"
            "<t id=\"a\" name=\"A\"/><t id=\"b\" name=\"B\"/>\n"
            "<relation from=\"a\" type=\"r\" to=\"b\" basis=\"inferred\"/>\n"
            "<relation from=\"b\" type=\"r\" to=\"a\" basis=\"inferred\"/>\n"
            "<relation from=\"a\" type=\"r\" to=\"a\" basis=\"inferred\">"
            "<prop name=\"p\" value=\"1\"/></relation>\n"
            "</zonegraph>\n";
        assert_int_equal(
            zg_import_xml_memory(g, one, sizeof one - 1, "one", NULL, &err),
            ZG_OK);
        assert_int_equal(zg_graph_edge_count(g), 3);
    }
    zg_graph_free(g);
}

/* Lines 1-3 of the documents below: a schema and a source. Their own
 * lines start at line 4. */
static zg_status
import_body(zg_graph *g, const char *body, zg_error *err)
{
    static const char head[] =
        "<zonegraph version=\"1\">\n"
        "<schema><nodetype name=\"t\"/><nodetype name=\"u\"/>"
        "<relationtype name=\"r\" from=\"*\" to=\"*\"/>"
        "<relationtype name=\"tu\" from=\"t\" to=\"u\"/></schema>\n"
        "<source id=\"s\" title=\"S\"/>\n";
    static char doc[8192];

    snprintf(doc, sizeof doc, "%s%s</zonegraph>\n", head, body);
    zg_error_clear(err);
    return zg_import_xml_memory(g, doc, strlen(doc), "order.xml", NULL, err);
}

/* Edge `e` goes from node `from` to node `to` and its property n is `n`. */
static void
assert_edge(const zg_graph *g, zg_id e, const char *from, const char *to,
            const char *n)
{
    zg_edge_info info;
    zg_graph_edge_get(g, e, &info);
    const zg_prop *p;
    size_t np = zg_graph_edge_props(g, e, &p);

    assert_string_equal(zg_graph_node(g, info.from)->key, from);
    assert_string_equal(zg_graph_node(g, info.to)->key, to);
    assert_true(np >= 1);
    assert_string_equal(p[0].name, "n");
    assert_string_equal(p[0].value, n);
}

#define REL(from, to, n)                                                       \
    "<relation from=\"" from "\" type=\"r\" to=\"" to "\" basis=\"inferred\">" \
    "<prop name=\"n\" value=\"" n "\"/></relation>\n"

/* Relations whose nodes, type and sources are declared go into the graph
 * as they end, the others at the end of the file; either way the edges
 * come in the order of the file, with their own properties. */
static void
test_relation_order(void **state)
{
    static const char body[] =
        "<t id=\"a\" name=\"A\"/>\n"
        "<t id=\"b\" name=\"B\"/>\n" REL("a", "b", "1") REL("a", "c", "2")
            REL("b", "a", "3") "<t id=\"c\" name=\"C\"/>\n" REL(
                "c", "a",
                "4") "<relation from=\"b\" type=\"r\" to=\"d\" source=\"s2\">"
                     "<evidence>e</evidence><prop name=\"n\" "
                     "value=\"5\"/></relation>\n"
                     "<relation from=\"c\" type=\"r\" to=\"b\" "
                     "basis=\"inferred\">"
                     "<prop name=\"n\" value=\"6\" "
                     "source=\"s3\"/></relation>\n" REL(
                         "c", "c", "7") "<t id=\"d\" name=\"D\"/>\n"
                                        "<source id=\"s2\" title=\"S2\"/>\n"
                                        "<source id=\"s3\" title=\"S3\"/>\n";
    static const char *const want[][3] = {
        {"a", "b", "1"}, {"a", "c", "2"}, {"b", "a", "3"}, {"c", "a", "4"},
        {"b", "d", "5"}, {"c", "b", "6"}, {"c", "c", "7"}};
    zg_graph *g = *state;
    zg_error err = {0};
    const zg_id *es;
    zg_id b;

    if (import_body(g, body, &err) != ZG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(zg_graph_edge_count(g), 7);
    for (zg_id e = 0; e < 7; e++)
        assert_edge(g, e, want[e][0], want[e][1], want[e][2]);
    b = zg_graph_node_by_key(g, "b");
    assert_int_equal(zg_graph_out_edges(g, b, &es), 2);
    assert_int_equal(es[0], 2);
    assert_int_equal(es[1], 4);
    assert_int_equal(zg_graph_in_edges(g, b, &es), 2);
    assert_int_equal(es[0], 0);
    assert_int_equal(es[1], 5);
}

/* GraphML: edges before, between and after the nodes they join. */
static void
test_relation_order_graphml(void **state)
{
    static const char doc[] =
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
        "<key id=\"n\" for=\"edge\" attr.name=\"n\"/>\n"
        "<graph>\n"
        "<edge source=\"x\" target=\"y\"><data key=\"n\">1</data></edge>\n"
        "<node id=\"x\"/>\n"
        "<node id=\"y\"/>\n"
        "<edge source=\"y\" target=\"x\"><data key=\"n\">2</data></edge>\n"
        "<edge source=\"x\" target=\"z\"><data key=\"n\">3</data></edge>\n"
        "<edge source=\"x\" target=\"x\"><data key=\"n\">4</data></edge>\n"
        "<node id=\"z\"/>\n"
        "<edge source=\"z\" target=\"y\"><data key=\"n\">5</data></edge>\n"
        "</graph></graphml>\n";
    static const char *const want[][3] = {{"x", "y", "1"},
                                          {"y", "x", "2"},
                                          {"x", "z", "3"},
                                          {"x", "x", "4"},
                                          {"z", "y", "5"}};
    zg_graph *g = *state;
    zg_error err = {0};

    assert_int_equal(
        zg_import_xml_memory(g, doc, strlen(doc), "o.graphml", NULL, &err),
        ZG_OK);
    assert_int_equal(zg_graph_edge_count(g), 5);
    for (zg_id e = 0; e < 5; e++)
        assert_edge(g, e, want[e][0], want[e][1], want[e][2]);
}

/* An import fails at the first error in the file as it did when every
 * relation waited for the end of the file: a relation's own error is
 * found there, after an error of a later node, which is reported. */
static void
test_relation_errors(void **state)
{
    static const char *const nodes = "<t id=\"a\" name=\"A\"/>\n"
                                     "<u id=\"b\" name=\"B\"/>\n";
    static const char bad[] = /* 6: from u to t */
        "<relation from=\"b\" type=\"tu\" to=\"a\" basis=\"inferred\"/>\n";
    static const char unknown[] =
        "<relation from=\"a\" type=\"r\" to=\"zz\" basis=\"inferred\"/>\n";
    static const char rab[] =
        "<relation from=\"a\" type=\"r\" to=\"b\" basis=\"inferred\"/>\n";
    static const char rab2[] = /* the same relation twice */
        "<relation from=\"a\" type=\"r\" to=\"b\" basis=\"inferred\"/>\n"
        "<relation from=\"a\" type=\"r\" to=\"b\" basis=\"inferred\"/>\n";
    static const char pab[] = /* rab with conflicting properties */
        "<relation from=\"a\" type=\"r\" to=\"b\" basis=\"inferred\">"
        "<prop name=\"p\" value=\"1\"/><prop name=\"p\" value=\"2\"/>"
        "</relation>\n";
    static const char *const cases[][4] = {
        /* body parts, then the message */
        {bad, "", "", "order.xml:6:1: error: relation 'tu' is not allowed"},
        {"<t id=\"a\" name=\"A\"/>\n", bad, "",
         "order.xml:6:1: error: duplicate id"},
        {bad, "<t id=\"a\" name=\"A\"/>\n", "",
         "order.xml:7:1: error: duplicate id"},
        {unknown, bad, "",
         "order.xml:6:1: error: relation refers to unknown node"},
        {bad, unknown, "",
         "order.xml:6:1: error: relation 'tu' is not allowed"},
        /* a relation that waits for 'c' and the same one after it */
        {"<relation from=\"a\" type=\"r\" to=\"c\" basis=\"inferred\"/>\n",
         "<t id=\"c\" name=\"C\"/>\n",
         "<relation from=\"a\" type=\"r\" to=\"c\" basis=\"inferred\"/>\n",
         "order.xml:8:1: error: duplicate relation a -[r]-> c"},
        /* a property of a relation added at once, against a later
         * node's error and alone */
        {"<relation from=\"a\" type=\"r\" to=\"b\" basis=\"inferred\">"
         "<prop name=\"p\" value=\"1\"/><prop name=\"p\" value=\"2\"/>"
         "</relation>\n",
         "", "", "order.xml:6:"},
        {"<relation from=\"a\" type=\"r\" to=\"b\" basis=\"inferred\">"
         "<prop name=\"p\" value=\"1\"/><prop name=\"p\" value=\"2\"/>"
         "</relation>\n",
         "<u id=\"b\" name=\"B\"/>\n", "",
         "order.xml:7:1: error: duplicate id"},
        /* a repeated relation against a later relation's property */
        {rab, rab, pab, "order.xml:7:1: error: duplicate relation a -[r]-> b"},
        /* a repeated relation whose own properties conflict */
        {rab, pab, "", "order.xml:7:1: error: duplicate relation a -[r]-> b"},
        /* a relation that waits and fails, before and after a repeat */
        {"<relation from=\"a\" type=\"tu\" to=\"c\" basis=\"inferred\"/>\n",
         "<t id=\"c\" name=\"C\"/>\n", rab2,
         "order.xml:6:1: error: relation 'tu' is not allowed"},
        {rab2,
         "<relation from=\"a\" type=\"tu\" to=\"c\" basis=\"inferred\"/>\n",
         "<t id=\"c\" name=\"C\"/>\n",
         "order.xml:7:1: error: duplicate relation a -[r]-> b"},
    };
    zg_graph *g = *state;

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        zg_error err = {0};
        char body[2048], buf[1024];
        snprintf(body, sizeof body, "%s%s%s%s", nodes, cases[i][0], cases[i][1],
                 cases[i][2]);
        assert_int_equal(import_body(g, body, &err), ZG_ERR_INVALID);
        zg_error_format(&err, buf, sizeof buf);
        if (strstr(buf, cases[i][3]) == NULL)
            fail_msg("case %zu: %s", i, buf);
        assert_int_equal(zg_graph_node_count(g), 0);
        assert_int_equal(zg_graph_edge_count(g), 0);
    }
}

/* An attribute is one of its element's by its whole name: not a part of
 * one, not one with more after it, not one in a namespace; a required
 * one missing is named without its mark. */
static void
test_attribute_names(void **state)
{
    static const char *const cases[][2] = {
        {"<t id=\"a\" nam=\"A\"/>\n", "<t> has no attribute 'nam'"},
        {"<t id=\"a\" name=\"A\" namex=\"1\"/>\n",
         "<t> has no attribute 'namex'"},
        {"<t id=\"a\" name=\"A\" i=\"1\"/>\n", "<t> has no attribute 'i'"},
        {"<t id=\"a\" xml:name=\"A\"/>\n", "<t> has no attribute 'xml:name'"},
        {"<t id=\"a\"/>\n", "<t> is missing required attribute 'name'"},
        {"<t name=\"A\"/>\n", "<t> is missing required attribute 'id'"},
        {"<relation from=\"a\" type=\"r\" to=\"a\" basis=\"inferred\" "
         "sourc=\"s\"/>\n",
         "<relation> has no attribute 'sourc'"},
    };
    zg_graph *g = *state;

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        zg_error err = {0};
        char buf[1024];
        assert_int_equal(import_body(g, cases[i][0], &err), ZG_ERR_INVALID);
        zg_error_format(&err, buf, sizeof buf);
        if (strstr(buf, "order.xml:4:1: error: ") == NULL ||
            strstr(buf, cases[i][1]) == NULL)
            fail_msg("case %zu: want '%s', got '%s'", i, cases[i][1], buf);
    }
    /* with all of them, and the optional ones too, the node is there */
    if (import_body(g,
                    "<t id=\"a\" name=\"A\" en=\"A\" since=\"2001\" "
                    "until=\"2002\" source=\"s\" basis=\"inferred\"/>\n",
                    &(zg_error){0}) != ZG_OK)
        fail_msg("a node with all its attributes was refused");
    assert_int_equal(zg_graph_node_count(g), 1);
    /* and in any order */
    if (import_body(g,
                    "<t basis=\"inferred\" source=\"s\" until=\"2002\" "
                    "since=\"2001\" en=\"B\" name=\"B\" id=\"b\"/>\n"
                    "<t name=\"C\" basis=\"inferred\" id=\"c\"/>\n",
                    &(zg_error){0}) != ZG_OK)
        fail_msg("a node with its attributes in another order was refused");
    assert_int_equal(zg_graph_node_count(g), 3);
    assert_string_equal(zg_graph_node(g, zg_graph_node_by_key(g, "b"))->name,
                        "B");
}

/* A GraphML attribute is its element's by its whole name and namespace:
 * names that are part of or longer than one count as absent, zg:
 * names only in the zonegraph namespace; errors are placed at the tag's
 * '<', after text of several bytes on its line. */
static void
test_graphml_attribute_names(void **state)
{
    static const char head[] =
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
        "         xmlns:zg=\"urn:zonegraph:1\" xmlns:o=\"urn:other\">\n"
        "<key id=\"t\" for=\"node\" attr.name=\"type\"/>\n";
    static const char *const cases[][2] = {
        /* line 5, the tag at column 43 after a node of 42 columns */
        {"<graph>\n<node id=\"甲\"><data key=\"t\">x</data></node>"
         "<edge sourc=\"甲\" sources=\"甲\" target=\"甲\"/>\n</graph>",
         "g.graphml:5:43: error: <edge> is missing required attribute "
         "'source'"},
        {"<graph>\n<node id=\"甲\"><data key=\"t\">x</data></node>"
         "<node i=\"b\" ids=\"b\"/>\n</graph>",
         "g.graphml:5:43: error: <node> is missing required attribute 'id'"},
        {"<graph>\n<node id=\"甲\"><data key=\"t\">x</data></node>"
         "<node o:id=\"b\"/>\n</graph>",
         "g.graphml:5:43: error: <node> is missing required attribute 'id'"},
        /* zg:field in the zonegraph namespace is read, and checked */
        {"<key id=\"k\" for=\"node\" zg:field=\"nosuch\"/><graph/>",
         "g.graphml:4:1: error: zg:field='nosuch' is not a zonegraph field"},
        /* not zg:field, so ignored: in another namespace, without one, or
         * another name */
        {"<key id=\"k\" for=\"node\" o:field=\"nosuch\"/><graph/>", NULL},
        {"<key id=\"k\" for=\"node\" field=\"nosuch\"/><graph/>", NULL},
        {"<key id=\"k\" for=\"node\" zg:fiel=\"nosuch\" "
         "zg:fields=\"nosuch\"/><graph/>",
         NULL},
    };
    zg_graph *g = *state;
    char doc[1024], buf[1024];

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        zg_error err = {0};
        zg_status st;
        snprintf(doc, sizeof doc, "%s%s\n</graphml>\n", head, cases[i][0]);
        st = zg_import_xml_memory(g, doc, strlen(doc), "g.graphml", NULL, &err);
        zg_error_format(&err, buf, sizeof buf);
        if (cases[i][1]
                ? st != ZG_ERR_INVALID || strstr(buf, cases[i][1]) == NULL
                : st != ZG_OK)
            fail_msg("case %zu: want '%s', got '%s'", i,
                     cases[i][1] ? cases[i][1] : "no error", buf);
    }
}

/* Importing `body` fails with a duplicate id on line 5 at column `col`. */
static void
duplicate_at(zg_graph *g, const char *body, size_t col)
{
    zg_error err = {0};
    char want[128], buf[1024];

    assert_int_equal(import_body(g, body, &err), ZG_ERR_INVALID);
    zg_error_format(&err, buf, sizeof buf);
    snprintf(want, sizeof want, "order.xml:5:%zu: error: duplicate id", col);
    if (strstr(buf, want) == NULL)
        fail_msg("want '%s', got '%s' from\n%s", want, buf, body);
}

/* An error in a start tag is placed at its '<', found by looking back
 * from where the parser is: the '<' at each place in a word of eight
 * bytes, characters of several bytes between it and the parser (one
 * column each), text of several bytes before it on its line, and a tag
 * over several lines. */
static void
test_tag_positions(void **state)
{
    zg_graph *g = *state;

    for (size_t k = 0; k <= 20; k++) {
        char body[512], x[32];
        memset(x, 'x', k);
        x[k] = '\0';
        /* line 5: a node, a blank, a comment of k + 8 characters, then
         * the tag at column k + 30 */
        snprintf(body, sizeof body,
                 "<t id=\"a\" name=\"A\"/>\n"
                 "<t id=\"b\" name=\"B\"/> <!--%s甲--><t id=\"a\" "
                 "name=\"%s甲乙\"/>\n",
                 x, x);
        duplicate_at(g, body, k + 30);
        /* the same tag over three lines, after k blanks and a comment */
        snprintf(body, sizeof body,
                 "<t id=\"a\" name=\"A\"/>\n"
                 "%s<!--甲--><t\nid=\"a\"\nname=\"%s甲乙\"/>\n",
                 x, x);
        memset(body + strlen("<t id=\"a\" name=\"A\"/>\n"), ' ', k);
        duplicate_at(g, body, k + 9);
    }
}

/* A file that fails after some of its relations went into the graph
 * leaves the graph as the files before it made it; a relation repeated
 * from an earlier file merges with it, also when it waited. */
static void
test_relation_rollback_and_merge(void **state)
{
    static const char first[] =
        "<t id=\"a\" name=\"A\"/>\n"
        "<t id=\"b\" name=\"B\"/>\n" REL("a", "b", "1") REL("b", "a", "2");
    static const char failing[] =
        "<t id=\"a\" name=\"A\"/>\n"
        "<t id=\"c\" name=\"C\"/>\n" REL("a", "c", "3")
            REL("c", "a", "4") "<t id=\"c\" name=\"C\"/>\n";
    static const char second[] =
        "<t id=\"b\" name=\"B\"/>\n" REL("b", "c", "3") REL("b", "a", "2")
            REL("a", "b", "1") "<t id=\"a\" name=\"A\"/>\n"
                               "<t id=\"c\" name=\"C\"/>\n" REL("c", "a", "4")
                                   REL("b", "a", "2");
    zg_graph *g = *state;
    zg_error err = {0};
    const zg_prop *p;

    if (import_body(g, first, &err) != ZG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(import_body(g, failing, &err), ZG_ERR_INVALID);
    assert_int_equal(err.line, 8);
    assert_int_equal(zg_graph_node_count(g), 2);
    assert_int_equal(zg_graph_edge_count(g), 2);
    assert_edge(g, 0, "a", "b", "1");
    assert_edge(g, 1, "b", "a", "2");
    assert_int_equal(zg_graph_node_by_key(g, "c"), ZG_NO_ID);
    /* the second file repeats both edges, one of them twice, and adds
     * one edge as it comes and one at the end */
    if (import_body(g, second, &err) != ZG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(zg_graph_node_count(g), 3);
    assert_int_equal(zg_graph_edge_count(g), 4);
    assert_edge(g, 0, "a", "b", "1");
    assert_edge(g, 1, "b", "a", "2");
    assert_edge(g, 2, "b", "c", "3");
    assert_edge(g, 3, "c", "a", "4");
    assert_int_equal(zg_graph_edge_props(g, 1, &p), 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_good, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken, setup, teardown),
        cmocka_unit_test_setup_teardown(test_all_or_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_graph_rules_placed, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_memory_and_limits, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_dataset, setup, teardown),
        cmocka_unit_test(test_name_rule),
        cmocka_unit_test_setup_teardown(test_not_regular, setup, teardown),
        cmocka_unit_test_setup_teardown(test_size_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_graphml_defaults, setup, teardown),
        cmocka_unit_test(test_diags_bounded),
        cmocka_unit_test(test_check_memory),
        cmocka_unit_test(test_check_repeats),
        cmocka_unit_test_setup_teardown(test_relation_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_relation_order_graphml, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_relation_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_relation_rollback_and_merge, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_tag_positions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_attribute_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_graphml_attribute_names, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
