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
    assert_string_equal(zg_graph_edge(g, es[0])->evidence, "甲聚焦智能制造。");
    assert_int_equal(zg_graph_edge(g, es[1])->from,
                     zg_graph_node_by_key(g, "zone-b"));
    assert_int_equal(zg_graph_out_edges(g, a, &es), 3);
    assert_int_equal(zg_graph_edge(g, es[2])->basis, ZG_BASIS_INFERRED);
    assert_null(zg_graph_edge(g, es[2])->evidence);
    assert_string_equal(zg_graph_edge(g, es[2])->note, "general knowledge");
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
        zg_status st = zg_import_xml_file(g, fixture(broken[i].file), NULL,
                                          &err);
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

    assert_int_equal(zg_import_xml_memory(g, deep, strlen(deep), "deep.xml",
                                          NULL, &err),
                     ZG_OK);
    assert_int_equal(zg_graph_node_count(g), 1);
    zg_graph_free(g);
    assert_int_equal(zg_graph_new(&g, &err), ZG_OK);
    *state = g;
    lim.max_depth = 2;
    assert_int_equal(zg_import_xml_memory(g, deep, strlen(deep), "deep.xml",
                                          &lim, &err),
                     ZG_ERR_LIMIT);
    assert_string_equal(err.msg, "elements nest deeper than 2");
    assert_int_equal(zg_graph_node_count(g), 0);
    zg_error_clear(&err);
    lim.max_depth = 0;
    lim.max_attrs = 1;
    assert_int_equal(zg_import_xml_memory(g, deep, strlen(deep), "deep.xml",
                                          &lim, &err),
                     ZG_ERR_LIMIT);
    assert_int_equal(err.line, 1);
    zg_error_clear(&err);
    assert_int_equal(zg_import_xml_memory(g, entity, strlen(entity), "e.xml",
                                          NULL, &err),
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
    assert_int_equal(zg_import_xml_file(g, fixture("no-such-file.xml"), NULL,
                                        &err),
                     ZG_ERR_IO);
    assert_int_equal(zg_graph_node_count(g), 0);
}

/* The shipped dataset loads and holds the article's facts. */
static void
targets(const zg_graph *g, const char *from, const char *rel, char *buf,
        size_t size)
{
    zg_id n = zg_graph_node_by_key(g, from), r = zg_graph_reltype_by_name(g, rel);
    const zg_id *es;
    size_t k;

    buf[0] = '\0';
    assert_int_not_equal(n, ZG_NO_ID);
    assert_int_not_equal(r, ZG_NO_ID);
    k = zg_graph_out_edges(g, n, &es);
    for (size_t i = 0; i < k; i++) {
        const zg_edge_info *e = zg_graph_edge(g, es[i]);
        if (e->type != r)
            continue;
        if (*buf)
            strncat(buf, ",", size - strlen(buf) - 1);
        strncat(buf, zg_graph_node(g, e->to)->name, size - strlen(buf) - 1);
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
    assert_true(zg_graph_node_prop(g, zg_graph_node_by_key(g, "zone-chengdu"),
                                   "batch")->number == 2.0);
    assert_true(zg_graph_node_prop(g, zg_graph_node_by_key(g, "zone-shenzhen"),
                                   "batch")->number == 1.0);
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
                                       "区域", "e\xcc\x81", "Ab9", NULL};
    static const char *const bad[] = {"",     "1a",   "a b",  "a:b", "-a",
                                      ".a",   "a\xc3\x97", "a\xf0\x9f\x98\x80",
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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_good, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken, setup, teardown),
        cmocka_unit_test_setup_teardown(test_all_or_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory_and_limits, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_dataset, setup, teardown),
        cmocka_unit_test(test_name_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
