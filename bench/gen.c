/* SPDX-License-Identifier: MIT */
/*
 * zg-gen: write one seeded synthetic graph twice, as GraphML and as
 * zonegraph XML, for the benchmark (bench/run).
 *
 *   zg-gen -n NODES -e EDGES [-s SEED] -o PREFIX
 *
 * writes PREFIX.graphml and PREFIX.xml (each through a temporary file that
 * is renamed at the end, so an interrupted run leaves no half file under
 * the final name) and prints "nodes N edges E".
 *
 * The graph grows one node at a time (Price's model). Node i (from 1)
 * links to about EDGES / NODES distinct earlier nodes, each chosen 30% of
 * the time uniformly and 70% of the time as the node chosen by a uniformly
 * drawn earlier edge (preferential attachment by the number of times
 * chosen), so those counts follow a power law of exponent about
 * 1 + 1/0.7 = 2.4, with hubs of degree in the thousands. A quarter of the
 * edges point from the older node to the newer one, so hubs have both
 * in- and out-edges. There is
 * no self-loop and no repeated (from, to) pair, so every edge is a distinct
 * relation for every reader. Node types and relation types are drawn with
 * skewed weights; 15% of the names are Chinese (a surname and two or more
 * given-name characters), the rest two capitalised Latin words. Every name
 * is distinct, and stays distinct after case folding, because it encodes
 * the node's number in a fixed-width alphabet.
 *
 * Ids are "n0", "n1", ... in file order. The same NODES, EDGES and SEED
 * always give the same bytes.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- random numbers: splitmix64 seeding a xoshiro256** stream ---- */

typedef struct rng {
    uint64_t s[4];
} rng;

static uint64_t
splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static void
rng_seed(rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t
rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t
rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

/* Uniform in [0, n), n > 0 (Lemire's multiply-shift; the bias is below
 * 2^-32 for the sizes used here). */
static uint32_t
rng_below(rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* ---- types and names ---- */

typedef struct weighted {
    const char *name;
    unsigned weight;
} weighted;

static const weighted node_types[] = {
    {"person", 40}, {"work", 25}, {"organisation", 15},
    {"place", 10},  {"topic", 7}, {"event", 3},
};

static const weighted rel_types[] = {
    {"cites", 30}, {"knows", 20},  {"member_of", 15}, {"located_in", 10},
    {"about", 10}, {"part_of", 8}, {"created", 5},    {"attended", 2},
};

#define N_NODE_TYPES (sizeof node_types / sizeof node_types[0])
#define N_REL_TYPES (sizeof rel_types / sizeof rel_types[0])

static unsigned
pick(rng *r, const weighted *w, unsigned n)
{
    unsigned total = 0, x;

    for (unsigned i = 0; i < n; i++)
        total += w[i].weight;
    x = rng_below(r, total);
    for (unsigned i = 0; i < n; i++) {
        if (x < w[i].weight)
            return i;
        x -= w[i].weight;
    }
    return n - 1;
}

/* 100 common surnames and 256 given-name characters, all simplified
 * characters that OpenCC's t2s conversion leaves as they are; each is 3
 * bytes of UTF-8. */
static const char surnames[] =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
    "许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹"
    "薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
static const char given[] =
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红鹏飞建国"
    "文辉力永健世广志义兴良海山仁波宁贵福生龙元全胜学祥才发武新利清彬"
    "富顺信子昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪"
    "心邦承乐绍功松善厚庆民友裕河哲江浩亮政谦亨奇固之轮翰朗伯宏言若鸣"
    "朋斌梁栋维启克伦翔旭泽晨辰士以家致树炎德行时泰盛雄琛钧冠策腾楠榕"
    "风航弘春夏秋冬雨雪云月日晴阳金银铜铁石珠宝珍瑞吉喜欢悦佳美雅淑贤"
    "惠慧聪颖智想梦幻真忠孝礼勤俭恭宽温让寿禄财荣旺凯旋煌灿烂锦绣湖森"
    "花草木竹梅菊柏杨柳桃李杏梨枫桐樱荷莲芙蓉牡丹芍药茉莉玫瑰蔷薇紫橙";

/* 16 consonants and 4 vowels: 64 two-letter syllables, so a string of
 * syllables splits back into them one way only. */
static const char consonants[] = "bdfghjklmnprstvz";
static const char vowels[] = "aeio";

static char *
put_syllable(char *p, unsigned digit, int capital)
{
    *p++ = (char)(consonants[digit / 4] - (capital ? 'a' - 'A' : 0));
    *p++ = vowels[digit % 4];
    return p;
}

/* The name of node `i` into `buf` (at least 64 bytes); `cjk` chooses the
 * script. Distinct i give distinct names within a script, and the two
 * scripts never meet. */
static void
make_name(char *buf, uint32_t i, int cjk)
{
    char *p = buf;
    uint32_t x = i;

    if (cjk) {
        memcpy(p, surnames + 3 * (x % 100), 3);
        p += 3;
        x /= 100;
        /* base 256, least significant first, at least two characters */
        for (int k = 0; k < 2 || x > 0; k++) {
            memcpy(p, given + 3 * (x % 256), 3);
            p += 3;
            x /= 256;
        }
    } else {
        /* a first word of two syllables, a second of at least two */
        p = put_syllable(p, x % 64, 1);
        x /= 64;
        p = put_syllable(p, x % 64, 0);
        x /= 64;
        *p++ = ' ';
        for (int k = 0; k < 2 || x > 0; k++) {
            p = put_syllable(p, x % 64, k == 0);
            x /= 64;
        }
    }
    *p = '\0';
}

/* ---- output ---- */

typedef struct out {
    FILE *f;
    char *tmp, *final;
} out;

static int
out_open(out *o, const char *prefix, const char *ext)
{
    size_t n = strlen(prefix) + strlen(ext) + 32;

    o->tmp = malloc(n);
    o->final = malloc(n);
    if (o->tmp == NULL || o->final == NULL)
        return -1;
    snprintf(o->final, n, "%s%s", prefix, ext);
    snprintf(o->tmp, n, "%s%s.tmp%ld", prefix, ext, (long)getpid());
    o->f = fopen(o->tmp, "w");
    if (o->f == NULL) {
        fprintf(stderr, "zg-gen: %s: %s\n", o->tmp, strerror(errno));
        return -1;
    }
    setvbuf(o->f, NULL, _IOFBF, 1 << 20);
    return 0;
}

static int
out_close(out *o)
{
    int bad = ferror(o->f);

    int closed = fclose(o->f);

    o->f = NULL;
    if (closed != 0 || bad) {
        fprintf(stderr, "zg-gen: %s: write error\n", o->tmp);
        unlink(o->tmp);
        return -1;
    }
    if (rename(o->tmp, o->final) != 0) {
        fprintf(stderr, "zg-gen: %s: %s\n", o->final, strerror(errno));
        unlink(o->tmp);
        return -1;
    }
    return 0;
}

static void
usage(void)
{
    fputs("usage: zg-gen -n NODES -e EDGES [-s SEED] -o PREFIX\n", stderr);
    exit(2);
}

static unsigned long long
number(const char *s)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-')
        usage();
    return v;
}

int
main(int argc, char **argv)
{
    unsigned long long n_arg = 0, e_arg = 0, seed = 1;
    const char *prefix = NULL;
    uint32_t n, e, *src = NULL, *dst = NULL, chosen[64];
    unsigned char *etype = NULL, *ntype = NULL, *cjk = NULL;
    uint64_t carry = 0, made = 0;
    rng r;
    out gml = {0}, xml = {0};
    char name[64];
    int c, rc = 1;

    while ((c = getopt(argc, argv, "n:e:s:o:")) != -1) {
        switch (c) {
        case 'n': n_arg = number(optarg); break;
        case 'e': e_arg = number(optarg); break;
        case 's': seed = number(optarg); break;
        case 'o': prefix = optarg; break;
        default: usage();
        }
    }
    if (optind != argc || prefix == NULL || n_arg < 2 || e_arg < 1 ||
        n_arg > UINT32_MAX / 2 || e_arg > UINT32_MAX / 2)
        usage();
    n = (uint32_t)n_arg;
    e = (uint32_t)e_arg;
    /* each node links to at most 64 earlier ones (see `chosen`) */
    if ((uint64_t)e > 60u * (uint64_t)(n - 1)) {
        fputs("zg-gen: too many edges for the number of nodes\n", stderr);
        return 2;
    }
    src = malloc((size_t)e * sizeof *src);
    dst = malloc((size_t)e * sizeof *dst);
    etype = malloc(e);
    ntype = malloc(n);
    cjk = malloc(n);
    if (!src || !dst || !etype || !ntype || !cjk) {
        fputs("zg-gen: out of memory\n", stderr);
        goto out;
    }

    rng_seed(&r, seed);
    for (uint32_t i = 0; i < n; i++) {
        ntype[i] = (unsigned char)pick(&r, node_types, N_NODE_TYPES);
        cjk[i] = rng_below(&r, 100) < 15;
    }
    for (uint32_t i = 1; i < n; i++) {
        /* node i's share of the edges, plus what earlier nodes could not
         * place for lack of distinct earlier nodes */
        uint64_t want =
            (uint64_t)e * i / (n - 1) - (uint64_t)e * (i - 1) / (n - 1) + carry;
        uint32_t k = want < i ? (uint32_t)want : i;
        uint64_t before = made; /* edges among nodes 0 .. i-1 */

        if (k > 64)
            k = 64;
        carry = want - k;
        for (uint32_t j = 0; j < k; j++) {
            uint32_t t;
            int dup;
            do {
                if (before == 0 || rng_below(&r, 10) < 3) {
                    t = rng_below(&r, i);
                } else {
                    /* the older end of an earlier edge: the node that
                     * was chosen then */
                    uint32_t x = rng_below(&r, (uint32_t)before);
                    t = src[x] < dst[x] ? src[x] : dst[x];
                }
                dup = 0;
                for (uint32_t q = 0; q < j; q++)
                    dup |= chosen[q] == t;
            } while (dup);
            chosen[j] = t;
            if (rng_below(&r, 4) == 0) {
                src[made] = t;
                dst[made] = i;
            } else {
                src[made] = i;
                dst[made] = t;
            }
            etype[made] = (unsigned char)pick(&r, rel_types, N_REL_TYPES);
            made++;
        }
    }
    if (made != e) {
        fprintf(stderr, "zg-gen: placed %llu of %u edges\n",
                (unsigned long long)made, e);
        goto out;
    }

    if (out_open(&gml, prefix, ".graphml") || out_open(&xml, prefix, ".xml"))
        goto out;
    fprintf(gml.f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                   "<key id=\"type\" for=\"node\" attr.name=\"type\" "
                   "attr.type=\"string\"/>\n"
                   "<key id=\"name\" for=\"node\" attr.name=\"name\" "
                   "attr.type=\"string\"/>\n"
                   "<key id=\"relation\" for=\"edge\" attr.name=\"type\" "
                   "attr.type=\"string\"/>\n"
                   "<graph id=\"G\" edgedefault=\"directed\">\n");
    fprintf(xml.f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<zonegraph version=\"1\">\n<schema>\n");
    for (unsigned t = 0; t < N_NODE_TYPES; t++)
        fprintf(xml.f, "<nodetype name=\"%s\"/>\n", node_types[t].name);
    for (unsigned t = 0; t < N_REL_TYPES; t++)
        fprintf(xml.f, "<relationtype name=\"%s\" from=\"*\" to=\"*\"/>\n",
                rel_types[t].name);
    fputs("</schema>\n", xml.f);
    for (uint32_t i = 0; i < n; i++) {
        const char *t = node_types[ntype[i]].name;
        make_name(name, i, cjk[i]);
        fprintf(gml.f,
                "<node id=\"n%u\"><data key=\"type\">%s</data>"
                "<data key=\"name\">%s</data></node>\n",
                i, t, name);
        fprintf(xml.f, "<%s id=\"n%u\" name=\"%s\"/>\n", t, i, name);
    }
    for (uint32_t x = 0; x < e; x++) {
        const char *t = rel_types[etype[x]].name;
        fprintf(gml.f,
                "<edge source=\"n%u\" target=\"n%u\">"
                "<data key=\"relation\">%s</data></edge>\n",
                src[x], dst[x], t);
        fprintf(xml.f,
                "<relation from=\"n%u\" type=\"%s\" to=\"n%u\" "
                "basis=\"inferred\"/>\n",
                src[x], t, dst[x]);
    }
    fputs("</graph>\n</graphml>\n", gml.f);
    fputs("</zonegraph>\n", xml.f);
    if (out_close(&gml) || out_close(&xml))
        goto out;
    printf("nodes %u edges %u\n", n, e);
    rc = 0;
out:
    if (gml.f) {
        fclose(gml.f);
        unlink(gml.tmp);
    }
    if (xml.f) {
        fclose(xml.f);
        unlink(xml.tmp);
    }
    free(gml.tmp);
    free(gml.final);
    free(xml.tmp);
    free(xml.final);
    free(src);
    free(dst);
    free(etype);
    free(ntype);
    free(cjk);
    return rc;
}
