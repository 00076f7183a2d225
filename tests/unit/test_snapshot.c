/* SPDX-License-Identifier: MIT */
/*
 * Graph snapshots (zg_graph_save(), zg_graph_open_snapshot()): the
 * shipped dataset saved and opened answers as the imported graph does;
 * an opened graph is read-only and frees cleanly; and snapshots forged
 * field by field, with their checksums made to agree, are refused with
 * an error that names the file and what is wrong, never read out of
 * bounds (each is opened from a block of exactly its size, so that the
 * sanitizers see a read past the end).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../support/snap_reseal.h"
#include "zg_graph.h"
#include "zg_import.h"
#include "zg_query.h"
#include "zg_snapfile.h"

#define DATASET ZG_SRCDIR "/data/ai-pilot-zones.xml"

/* The dataset, imported, and its snapshot's bytes. */
static zg_graph *imported;
static uint8_t *snap;
static size_t snap_size;

static int
setup(void **state)
{
    char path[256];
    zg_error err = {0};
    FILE *f;
    long n;

    (void)state;
    if (zg_graph_new(&imported, &err) != ZG_OK ||
        zg_import_xml_file(imported, DATASET, NULL, &err) != ZG_OK)
        return -1;
    snprintf(path, sizeof path, "%s/zg-test-snapshot-%d.zgs",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
    if (zg_graph_save(imported, path, &err) != ZG_OK)
        return -1;
    f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    snap_size = (size_t)n;
    snap = malloc(snap_size);
    if (snap == NULL || fread(snap, 1, snap_size, f) != snap_size)
        return -1;
    fclose(f);
    unlink(path);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    zg_graph_free(imported);
    free(snap);
    return 0;
}

/* The snapshot's bytes in a block of exactly their size. */
static uint8_t *
copy_snapshot(void)
{
    uint8_t *c = malloc(snap_size);

    assert_non_null(c);
    memcpy(c, snap, snap_size);
    return c;
}

static void
test_open_answers_as_imported(void **state)
{
    zg_graph *g = NULL;
    zg_error err = {0};
    const zg_id *a, *b;
    zg_resolution r;

    (void)state;
    assert_int_equal(zg_graph_open_snapshot_memory(snap, snap_size, "x.zgs",
                                                   ZG_SNAPSHOT_VERIFY, &g,
                                                   &err),
                     ZG_OK);
    assert_int_equal(zg_graph_node_count(g), zg_graph_node_count(imported));
    assert_int_equal(zg_graph_edge_count(g), zg_graph_edge_count(imported));
    for (zg_id n = 0; n < zg_graph_node_count(g); n++) {
        const char *key = zg_graph_node(imported, n)->key;
        size_t k = zg_graph_out_edges(g, n, &a);
        assert_int_equal(k, zg_graph_out_edges(imported, n, &b));
        assert_memory_equal(a, b, k * sizeof *a);
        k = zg_graph_in_edges(g, n, &a);
        assert_int_equal(k, zg_graph_in_edges(imported, n, &b));
        assert_memory_equal(a, b, k * sizeof *a);
        assert_string_equal(zg_graph_node(g, n)->key, key);
        assert_int_equal(zg_graph_node_by_key(g, key), n);
    }
    assert_int_equal(zg_graph_resolve(g, "杭州", &r, &err), ZG_OK);
    {
        zg_resolution want;
        assert_int_equal(zg_graph_resolve(imported, "杭州", &want, &err),
                         ZG_OK);
        assert_int_equal(r.node, want.node);
        assert_int_equal(r.n_others, want.n_others);
    }
    zg_graph_free(g);
}

static void
test_opened_graph_is_read_only(void **state)
{
    zg_graph *g = NULL;
    zg_error err = {0};

    (void)state;
    assert_int_equal(
        zg_graph_open_snapshot_memory(snap, snap_size, "x.zgs", 0, &g, &err),
        ZG_OK);
    assert_int_equal(zg_graph_begin(g, &err), ZG_ERR_INVALID);
    assert_non_null(strstr(err.msg, "snapshot 'x.zgs'"));
    assert_non_null(strstr(err.msg, "read-only"));
    /* the refusal changed nothing: it still answers */
    assert_int_equal(zg_graph_node_count(g), zg_graph_node_count(imported));
    assert_int_equal(zg_import_xml_file(g, DATASET, NULL, &err),
                     ZG_ERR_INVALID);
    assert_int_equal(zg_graph_edge_count(g), zg_graph_edge_count(imported));
    zg_graph_free(g);
}

static void
test_truncated_refused(void **state)
{
    (void)state;
    for (size_t n = 0; n < snap_size; n += n < 256 ? 1 : 61) {
        uint8_t *c = malloc(n ? n : 1);
        zg_graph *g = NULL;
        zg_error err = {0};
        assert_non_null(c);
        memcpy(c, snap, n);
        assert_int_not_equal(
            zg_graph_open_snapshot_memory(c, n, "x.zgs", 0, &g, &err), ZG_OK);
        assert_null(g);
        assert_string_equal(err.file, "x.zgs");
        free(c);
    }
}

/* A forgery: in section `tag`, word `word` becomes `value`. */
typedef struct forgery {
    const char *what;
    uint32_t tag;
    size_t word; /* from the section's start; SIZE_MAX: its last word */
    uint32_t value;
    unsigned options; /* to open with */
    zg_status want;
    const char *msg; /* in the message */
    int lazy;        /* in a block checked when first read, not at open */
} forgery;

#define TAG(s) ZG_SNAP_TAG(s[0], s[1], s[2], s[3])
#define NONE UINT32_MAX
/* A value that stands for the offset of the pool's last byte: the empty
 * string. */
#define POOL_END (UINT32_MAX - 1)

static const forgery forgeries[] = {
    {"a newer graph layout", TAG("GRPH"), 0, 3, 0, ZG_ERR_INVALID, "newer", 0},
    {"an older graph layout", TAG("GRPH"), 0, 1, 0, ZG_ERR_INVALID,
     "graph layout 1 of the snapshot is older than this zonegraph reads (2): "
     "save it again",
     0},
    {"no graph layout", TAG("GRPH"), 0, 0, 0, ZG_ERR_PARSE, "no layout", 0},
    {"node count over the nodes", TAG("GRPH"), 4, 105, 0, ZG_ERR_PARSE,
     "section 'NODE' has", 0},
    {"relation count over the columns", TAG("GRPH"), 5, 141, 0, ZG_ERR_PARSE,
     "section 'EFRM' has", 0},
    {"node type count over the types", TAG("GRPH"), 1, 1000, 0, ZG_ERR_PARSE,
     "section 'NTYP' has", 0},
    {"node type past the types", TAG("NODE"), 1, 13, 0, ZG_ERR_PARSE,
     "node 0: type 13 is out of range", 0},
    {"node basis out of range", TAG("NODE"), 2, 3, 0, ZG_ERR_PARSE,
     "node 0: basis 3 is out of range", 0},
    {"node key past the pool", TAG("NODE"), 0, 0x7ffffff0, 0, ZG_ERR_PARSE,
     "node 0: key refers to byte", 0},
    {"node without a key", TAG("NODE"), 0, NONE, 0, ZG_ERR_PARSE,
     "node 0 has no key", 0},
    {"node key inside a string", TAG("NODE"), 0, 1, 0, ZG_ERR_PARSE,
     "node 0: key refers to byte 1 of the string pool, inside a string", 0},
    {"node type name past the pool", TAG("NTYP"), 0, 0x10000000, 0,
     ZG_ERR_PARSE, "node type 0: name refers to byte", 0},
    {"source title missing", TAG("SRCS"), 1, NONE, 0, ZG_ERR_PARSE,
     "source 0 has no title", 0},
    {"relation type allowing no type", TAG("RTYP"), 3, POOL_END, 0,
     ZG_ERR_PARSE, "corrupt snapshot: relation type", 0},
    {"pool without its last NUL", TAG("STRS"), SIZE_MAX, 0x41414141, 0,
     ZG_ERR_PARSE, "does not end with a NUL", 0},
    {"relation from a node past the nodes", TAG("EFRM"), 0, 104, 0,
     ZG_ERR_PARSE, "relation 0: from node 104 is out of range", 1},
    {"relation to no node", TAG("ETO "), 7, NONE, 0, ZG_ERR_PARSE,
     "relation 7: to node", 1},
    {"relation of no type", TAG("ETYP"), 0, 23, 0, ZG_ERR_PARSE,
     "relation 0: type 23", 1},
    {"relation basis out of range", TAG("EPRV"), 0, 3, 0, ZG_ERR_PARSE,
     "relation 0: basis 3", 1},
    {"provenance record past the records", TAG("EPRV"), 0, 0xfffffff0u, 0,
     ZG_ERR_PARSE, "relation 0: provenance record", 1},
    {"provenance string past the pool", TAG("PROV"), 1, 0x7fffffff, 0,
     ZG_ERR_PARSE, "relation provenance 0: evidence refers to byte", 0},
    {"alias of no node", TAG("ALIA"), 0, 5000, 0, ZG_ERR_PARSE,
     "alias 0: node 5000", 0},
    {"property of no node", TAG("NPRP"), 0, 104, 0, ZG_ERR_PARSE,
     "node property 0: owner 104", 0},
    {"property of no kind", TAG("NPRP"), 1, 6, 0, ZG_ERR_PARSE,
     "node property 0: kind 6", 0},
    {"property without a name", TAG("NPRP"), 4, NONE, 0, ZG_ERR_PARSE,
     "node property 0 has no name", 0},
    {"out-offsets not from 0", TAG("OOFF"), 0, 1, 0, ZG_ERR_PARSE,
     "out-edge offsets run from 1", 0},
    {"in-offsets past the relations", TAG("IOFF"), SIZE_MAX, 141, 0,
     ZG_ERR_PARSE, "in-edge offsets run from 0 to 141", 0},
    {"out-offsets going back", TAG("OOFF"), 1, 100, 0, ZG_ERR_PARSE,
     "out-edge offset of node 2", 1},
    {"adjacency edge past the relations", TAG("OEDG"), 3, 140, 0, ZG_ERR_PARSE,
     "out 3: adjacency edge 140", 1},
    {"adjacency far node past the nodes", TAG("IFAR"), 3, 104, 0, ZG_ERR_PARSE,
     "in 3: adjacency far node 104", 1},
    {"far node not the other end", TAG("OFAR"), 0, 0, ZG_SNAPSHOT_VERIFY,
     ZG_ERR_PARSE, "which does not link it to node 0", 0},
    {"saved fan not the relations'", TAG("FANS"), 0, 77, ZG_SNAPSHOT_VERIFY,
     ZG_ERR_PARSE, "node 0: the saved fan 77", 0},
    {"fan statistics not the relations'", TAG("FSUM"), 5, 0, ZG_SNAPSHOT_VERIFY,
     ZG_ERR_PARSE, "fan statistics", 0},
};

static void
put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Read every relation and adjacency of `g` through the getters. */
static void
touch_all(const zg_graph *g)
{
    zg_edge_info ei;
    const zg_id *e;

    for (zg_id n = 0; n < zg_graph_node_count(g); n++) {
        for (int out = 0; out < 2; out++) {
            zg_adjacency a = zg_graph_adjacency(g, n, out);
            zg_id id, far;
            while (zg_graph_adj_next(&a, &id, &far))
                zg_graph_edge_get(g, id, &ei);
        }
        (void)zg_graph_out_edges(g, n, &e);
        (void)zg_graph_in_edges(g, n, &e);
    }
    for (zg_id id = 0; id < zg_graph_edge_count(g); id++)
        zg_graph_edge_get(g, id, &ei);
}

static void
test_forged_refused(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof forgeries / sizeof forgeries[0]; i++) {
        const forgery *f = &forgeries[i];
        uint8_t *c = copy_snapshot(), *s;
        size_t len = 0, at;
        zg_graph *g = NULL;
        zg_error err = {0};
        zg_status st;

        s = snap_section(c, snap_size, f->tag, &len);
        assert_non_null(s);
        at = f->word == SIZE_MAX ? len - 4 : f->word * 4;
        assert_true(at + 4 <= len);
        if (f->value == POOL_END) {
            size_t pool = 0;
            assert_non_null(snap_section(c, snap_size, TAG("STRS"), &pool));
            put32(s + at, (uint32_t)pool - 1);
        } else {
            put32(s + at, f->value);
        }
        assert_true(snap_reseal(c, snap_size));
        if (f->lazy) {
            /* opens; the getters meet the damage, which is kept */
            st = zg_graph_open_snapshot_memory(c, snap_size, "forged.zgs", 0,
                                               &g, &err);
            if (st != ZG_OK)
                fail_msg("%s: refused at open: %s", f->what, err.msg);
            assert_int_equal(zg_graph_damage(g, &err), ZG_OK);
            touch_all(g);
            st = zg_graph_damage(g, &err);
            if (st != f->want || strstr(err.msg, f->msg) == NULL ||
                strcmp(err.file, "forged.zgs") != 0)
                fail_msg("%s: damage %d, '%s: %s' (want %d, '%s')", f->what,
                         (int)st, err.file, err.msg, (int)f->want, f->msg);
            zg_graph_free(g);
            g = NULL;
            zg_error_clear(&err);
        }
        /* opening with the checks of `validate` refuses it */
        st = zg_graph_open_snapshot_memory(
            c, snap_size, "forged.zgs",
            f->options | (f->lazy ? ZG_SNAPSHOT_VERIFY : 0), &g, &err);
        if (st != f->want || strstr(err.msg, f->msg) == NULL ||
            strcmp(err.file, "forged.zgs") != 0 || g != NULL)
            fail_msg("%s: status %d, '%s: %s' (want %d, '%s')", f->what,
                     (int)st, err.file, err.msg, (int)f->want, f->msg);
        free(c);
    }
}

/* The forgery the far-node check catches is opened without it: the walk
 * then hands out what the file says, in range. */
static void
test_far_node_checked_only_when_verifying(void **state)
{
    uint8_t *c = copy_snapshot(), *s;
    size_t len = 0;
    zg_graph *g = NULL;
    zg_error err = {0};

    (void)state;
    s = snap_section(c, snap_size, TAG("OFAR"), &len);
    assert_non_null(s);
    put32(s, 0);
    assert_true(snap_reseal(c, snap_size));
    assert_int_equal(
        zg_graph_open_snapshot_memory(c, snap_size, "x.zgs", 0, &g, &err),
        ZG_OK);
    zg_graph_free(g);
    free(c);
}

/* A node key that is not UTF-8: lookup folds keys, so it is refused. */
static void
test_key_not_utf8_refused(void **state)
{
    uint8_t *c = copy_snapshot(), *node, *pool;
    size_t nlen = 0, plen = 0;
    uint32_t key = 0;
    zg_graph *g = NULL;
    zg_error err = {0};

    (void)state;
    node = snap_section(c, snap_size, TAG("NODE"), &nlen);
    pool = snap_section(c, snap_size, TAG("STRS"), &plen);
    assert_non_null(node);
    assert_non_null(pool);
    for (int k = 3; k >= 0; k--)
        key = key << 8 | node[k];
    assert_true(key < plen);
    pool[key] = 0xff;
    assert_true(snap_reseal(c, snap_size));
    assert_int_equal(
        zg_graph_open_snapshot_memory(c, snap_size, "x.zgs", 0, &g, &err),
        ZG_ERR_PARSE);
    assert_non_null(strstr(err.msg, "node 0: key is not valid UTF-8"));
    assert_null(g);
    free(c);
}

static void
test_damaged_section_refused(void **state)
{
    uint8_t *c = copy_snapshot(), *s;
    size_t len = 0;
    zg_graph *g = NULL;
    zg_error err = {0};

    (void)state;
    s = snap_section(c, snap_size, TAG("NODE"), &len);
    assert_non_null(s);
    s[5] ^= 1; /* no reseal */
    assert_int_equal(
        zg_graph_open_snapshot_memory(c, snap_size, "x.zgs", 0, &g, &err),
        ZG_ERR_PARSE);
    assert_non_null(strstr(err.msg, "section 'NODE' is corrupt"));
    assert_null(g);
    free(c);
}

/* A section the graph needs, renamed in the table: corrupt, not "not
 * found". */
static void
test_missing_section_refused(void **state)
{
    static const char *const tags[] = {"STRS", "NODE", "EFRM", "IFAR",
                                       "GRPH", "FANS", "FSUM"};

    (void)state;
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        uint8_t *c = copy_snapshot();
        size_t at = 0, n = 0;
        zg_graph *g = NULL;
        zg_error err = {0};
        char want[64];
        for (int k = 7; k >= 0; k--)
            at = at << 8 | c[24 + k];
        for (int k = 3; k >= 0; k--)
            n = n << 8 | c[32 + k];
        for (size_t e = 0; e < n; e++)
            if (memcmp(c + at + 32 * e, tags[i], 4) == 0)
                c[at + 32 * e] = 'x';
        assert_true(snap_reseal(c, snap_size));
        assert_int_equal(
            zg_graph_open_snapshot_memory(c, snap_size, "x.zgs", 0, &g, &err),
            ZG_ERR_PARSE);
        snprintf(want, sizeof want, "the section '%s' is missing", tags[i]);
        assert_non_null(strstr(err.msg, want));
        assert_int_equal(err.status, ZG_ERR_PARSE);
        assert_null(g);
        free(c);
    }
}

/* The fans saved with the snapshot are those the relations give, and a
 * query over the whole graph reads them. */
static void
test_saved_fans_as_computed(void **state)
{
    size_t n = zg_graph_node_count(imported);
    uint32_t *want = calloc(n, sizeof *want), *got = calloc(n, sizeof *got);
    zg_fan_stats ws, gs;
    zg_graph *g = NULL;
    zg_error err = {0};

    (void)state;
    assert_non_null(want);
    assert_non_null(got);
    assert_int_equal(
        zg_graph_fans(imported, NULL, NULL, want, NULL, NULL, &ws, &err),
        ZG_OK);
    assert_true(ws.count > 0);
    assert_int_equal(
        zg_graph_open_snapshot_memory(snap, snap_size, "x.zgs", 0, &g, &err),
        ZG_OK);
    assert_int_equal(zg_graph_fans(g, NULL, NULL, got, NULL, NULL, &gs, &err),
                     ZG_OK);
    assert_memory_equal(got, want, n * sizeof *got);
    assert_memory_equal(&gs, &ws, sizeof gs);
    zg_graph_free(g);
    free(want);
    free(got);
}

/* Fan statistics no relations could give (a sum past twice the relation
 * count) would make the hub threshold's search run for ever: the query
 * that reads them fails instead. */
static void
test_forged_fan_statistics_refused(void **state)
{
    uint8_t *c = copy_snapshot(), *s;
    size_t len = 0, n = zg_graph_node_count(imported);
    double d[3] = {1e300, 1e300, 1};
    uint32_t *best = calloc(n, sizeof *best);
    zg_graph *g = NULL;
    zg_error err = {0};

    (void)state;
    assert_non_null(best);
    s = snap_section(c, snap_size, TAG("FSUM"), &len);
    assert_non_null(s);
    assert_int_equal(len, sizeof d);
    memcpy(s, d, sizeof d);
    assert_true(snap_reseal(c, snap_size));
    assert_int_equal(
        zg_graph_open_snapshot_memory(c, snap_size, "x.zgs", 0, &g, &err),
        ZG_OK);
    assert_int_equal(zg_graph_fans(g, NULL, NULL, best, NULL, NULL, NULL, &err),
                     ZG_ERR_PARSE);
    assert_non_null(strstr(err.msg, "fan statistics"));
    assert_string_equal(err.file, "x.zgs");
    zg_graph_free(g);
    free(best);
    free(c);
}

/* A chain of `n` nodes, each with relations to the next two: relation
 * ids grow along it, so that the relation columns' first blocks hold its
 * start and their last ones its end. Saved; its bytes in `*size`. */
static uint8_t *
chain_snapshot(size_t n, size_t *size)
{
    zg_nodetype_info t = {0};
    zg_reltype_info r = {0};
    zg_graph *g = NULL;
    zg_error err = {0};
    zg_id id;
    char path[256], key[32];
    uint8_t *bytes;
    FILE *f;
    long len;

    assert_int_equal(zg_graph_new(&g, &err), ZG_OK);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    t.name = "zone";
    assert_int_equal(zg_graph_add_nodetype(g, &t, &id, &err), ZG_OK);
    r.name = "next";
    r.from = r.to = "zone";
    assert_int_equal(zg_graph_add_reltype(g, &r, &id, &err), ZG_OK);
    for (size_t i = 0; i < n; i++) {
        zg_node_info v = {0};
        snprintf(key, sizeof key, "z%zu", i);
        v.key = v.name = key;
        v.type = 0;
        assert_int_equal(zg_graph_add_node(g, &v, &id, NULL, &err), ZG_OK);
    }
    for (size_t i = 0; i < n; i++)
        for (size_t k = 1; k <= 2 && i + k < n; k++) {
            zg_edge_info e = {0};
            e.from = (zg_id)i;
            e.to = (zg_id)(i + k);
            e.type = 0;
            e.basis = ZG_BASIS_INFERRED;
            if (zg_graph_add_edge(g, &e, &id, &err) != ZG_OK)
                fail_msg("%s", err.msg);
        }
    assert_int_equal(zg_graph_commit(g, &err), ZG_OK);
    snprintf(path, sizeof path, "%s/zg-test-chain-%d.zgs",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
    assert_int_equal(zg_graph_save(g, path, &err), ZG_OK);
    zg_graph_free(g);
    f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    rewind(f);
    *size = (size_t)len;
    bytes = malloc(*size);
    assert_non_null(bytes);
    assert_int_equal(fread(bytes, 1, *size, f), *size);
    fclose(f);
    unlink(path);
    return bytes;
}

/* The length of the shortest path between the nodes keyed `a` and `b` of
 * `g`, or -1 with `*err` set. */
static int
path_length(const zg_graph *g, const char *a, const char *b, zg_error *err)
{
    zg_path_info info;
    zg_result *r = NULL;
    zg_id x = zg_graph_node_by_key(g, a), y = zg_graph_node_by_key(g, b);
    zg_status st;

    assert_int_not_equal(x, ZG_NO_ID);
    assert_int_not_equal(y, ZG_NO_ID);
    st = zg_query_path(g, x, y, NULL, &r, &info, err);
    zg_result_free(r);
    return st == ZG_OK ? (int)info.length : -1;
}

/* A damaged block of the relation types far from what opening and a path
 * at the chain's start read: the snapshot opens and answers that path;
 * `validate` refuses it, naming the block; a path through the block
 * fails with that error, not a crash or a wrong answer. */
static void
test_damaged_block_found_when_read(void **state)
{
    size_t size = 0, len = 0, n = 40000;
    uint8_t *c = chain_snapshot(n, &size), *s;
    zg_graph *g = NULL;
    zg_error err = {0};
    char last[2][32];

    (void)state;
    s = snap_section(c, size, TAG("ETYP"), &len);
    assert_non_null(s);
    assert_true(len > 4 * ZG_SNAPFILE_BLOCK); /* five blocks */
    s[len - 5] ^= 0x40;                       /* in the last block; no reseal */

    assert_int_equal(
        zg_graph_open_snapshot_memory(c, size, "x.zgs", 0, &g, &err), ZG_OK);
    assert_int_equal(path_length(g, "z0", "z4", &err), 2);
    assert_int_equal(zg_graph_damage(g, &err), ZG_OK);
    snprintf(last[0], sizeof last[0], "z%zu", n - 5);
    snprintf(last[1], sizeof last[1], "z%zu", n - 1);
    assert_int_equal(path_length(g, last[0], last[1], &err), -1);
    assert_int_equal(err.status, ZG_ERR_PARSE);
    assert_string_equal(err.file, "x.zgs");
    assert_non_null(strstr(err.msg, "section 'ETYP' is corrupt (checksum "
                                    "mismatch in bytes 262144 to"));
    /* the same answer every time, and for the graph */
    zg_error_clear(&err);
    assert_int_equal(zg_graph_damage(g, &err), ZG_ERR_PARSE);
    assert_non_null(strstr(err.msg, "section 'ETYP' is corrupt"));
    zg_graph_free(g);
    g = NULL;

    zg_error_clear(&err);
    assert_int_equal(zg_graph_open_snapshot_memory(
                         c, size, "x.zgs", ZG_SNAPSHOT_VERIFY, &g, &err),
                     ZG_ERR_PARSE);
    assert_null(g);
    assert_non_null(strstr(err.msg, "section 'ETYP' is corrupt (checksum "
                                    "mismatch in bytes 262144 to"));
    free(c);
}

static void
test_save_refused_in_transaction(void **state)
{
    zg_graph *g = NULL;
    zg_error err = {0};

    (void)state;
    assert_int_equal(zg_graph_new(&g, &err), ZG_OK);
    assert_int_equal(zg_graph_begin(g, &err), ZG_OK);
    assert_int_equal(zg_graph_save(g, "/nonexistent/x.zgs", &err),
                     ZG_ERR_INVALID);
    zg_graph_rollback(g);
    assert_int_equal(zg_graph_save(g, "/nonexistent/x.zgs", &err), ZG_ERR_IO);
    zg_graph_free(g);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_answers_as_imported),
        cmocka_unit_test(test_opened_graph_is_read_only),
        cmocka_unit_test(test_truncated_refused),
        cmocka_unit_test(test_forged_refused),
        cmocka_unit_test(test_far_node_checked_only_when_verifying),
        cmocka_unit_test(test_key_not_utf8_refused),
        cmocka_unit_test(test_damaged_section_refused),
        cmocka_unit_test(test_missing_section_refused),
        cmocka_unit_test(test_saved_fans_as_computed),
        cmocka_unit_test(test_forged_fan_statistics_refused),
        cmocka_unit_test(test_damaged_block_found_when_read),
        cmocka_unit_test(test_save_refused_in_transaction),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
