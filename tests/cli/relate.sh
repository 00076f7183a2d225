#!/bin/sh
# Relationship questions on the shipped dataset ($ZG_DATA):
# path, relate/explain, common, similar, rank, hubs, --as-of on every
# query command, diagrams of each answer, and bad input with its exit code.
. "${top_srcdir:?}/tests/cli/lib.sh"
: "${ZG_DATA:?}"
[ -f "$ZG_DATA" ] || { echo "SKIP: no dataset at $ZG_DATA"; exit 77; }
D="--data $ZG_DATA"

# rows: the number of lines of stdout after the header.
rows() {
    tail -n +2 "$tmp/out" | grep -c .
}

# dot_ok: stdout is DOT that Graphviz's dot reads ($DOT; skipped if unset).
dot_ok() {
    out_has "digraph"
    if [ -n "${DOT:-}" ]; then
        "$DOT" -Tsvg "$tmp/out" >"$tmp/svg" 2>"$tmp/doterr" ||
            fail "dot rejects the diagram: $(cat "$tmp/doterr")"
        grep -q "<svg" "$tmp/svg" || fail "dot wrote no SVG"
    fi
}

# ---- path ----

check "path 成都 一带一路: the Chengdu zone aligns with the Belt and Road directly"
zg $D -f tsv path 成都 一带一路; rc_is 0
[ "$(rows)" -eq 1 ] || fail "expected one hop, got $(rows)"
out_has "1	1	zone-chengdu	成都国家人工智能创新应用先导区	aligns_with	out	strategy-belt-and-road	一带一路	stated	"
zg $D -f table path 成都 一带一路; rc_is 0
out_has "成都国家人工智能创新应用先导区"; out_has "aligns_with"

check "path 北京 天津滨海新区 avoids the ministry that designates every zone"
zg $D -f tsv path 北京 天津滨海新区; rc_is 0
[ "$(rows)" -eq 2 ] || fail "expected a path of two hops"
out_lacks "org-miit"; out_lacks "doc-miit-notice-2021"
zg $D -f tsv path 北京 天津滨海新区 --all; rc_is 0
[ "$(column 1 | sort -u | tr '\n' ' ')" = "1 2 " ] || fail "two shortest paths"
out_has "region-jingjinji"; out_has "sector-smart-manufacturing"; out_lacks "org-miit"
zg $D -f tsv path 北京 天津滨海新区 --all --through-hubs; rc_is 0
out_has "org-miit"; out_has "doc-miit-notice-2021"

check "path --k: the shortest first"
zg $D -f tsv path 北京 天津滨海新区 --k 3; rc_is 0
[ "$(column 1 | sort -u | wc -l)" -eq 3 ] || fail "three paths"
[ "$(awk -F'\t' 'NR > 1 && $1 == 3' "$tmp/out" | wc -l)" -eq 3 ] ||
    fail "the third path has three hops"

check "path as JSON: one row a path, its nodes and relationships"
zg $D -f json path 北京 天津滨海新区 --all; rc_is 0; json_ok
if command -v python3 >/dev/null 2>&1; then
    python3 - "$tmp/out" <<'PY' || fail "JSON paths are not one row a path"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["columns"] == ["path", "length"], doc["columns"]
assert len(doc["rows"]) == 2, len(doc["rows"])
for p, length in doc["rows"]:
    assert length == 2 and len(p["nodes"]) == 3, p
    assert len(p["relationships"]) == 2, p
    assert p["nodes"][0]["id"] == "zone-beijing", p["nodes"][0]
    assert p["nodes"][-1]["id"] == "zone-tianjin-binhai", p["nodes"][-1]
    for r in p["relationships"]:
        assert r["source"] and r["basis"], r
PY
else
    out_has '"relationships"'
fi

check "path --max-len and no path: exit 2, hubs named"
zg $D path 北京 天津滨海新区 --max-len 1; rc_is 2
err_has "no path from"; err_has "within 1 hops"
zg $D path 北京 天津滨海新区 --rel designates; rc_is 2
err_has "avoided hubs: 工业和信息化部"; err_has "--through-hubs"
zg $D -f tsv path 北京 天津滨海新区 --rel designates --through-hubs; rc_is 0
[ "$(rows)" -eq 2 ] || fail "through the hub: two hops"

check "path to itself: length 0"
zg $D -f tsv path zone:成都 zone-chengdu; rc_is 0
out_has "1	0	zone-chengdu	成都国家人工智能创新应用先导区		"

check "path --direction out follows relations forwards only"
zg $D -f tsv path 一带一路 成都 --direction out; rc_is 2
zg $D -f tsv path 成都 一带一路 --direction out; rc_is 0

# ---- relate ----

check "relate 北京 天津滨海新区: shared region and sector, sentences, no direct relation"
zg $D -f table relate 北京 天津滨海新区; rc_is 0
out_has "direct        0"; out_has "shared        4"; out_has "distance      2"
out_has "shared neighbours (4)"
out_has "北京国家人工智能创新应用先导区和天津（滨海新区）国家人工智能创新应用先导区都聚焦智能制造。"
out_has "北京国家人工智能创新应用先导区地处京津冀。"
out_has "shortest paths through other nodes"
out_lacks "direct relations ("
zg $D -f table --lang en explain 北京 天津滨海新区; rc_is 0
out_has "both focus on smart manufacturing."
out_has "Beijing National AI Innovation Application Pilot Zone lies in Beijing-Tianjin-Hebei."
zg $D -f tsv relate 北京 天津滨海新区; rc_is 0
out_has "a	a_name	b	b_name	direct	shared	distance	paths	path_length	hubs_avoided"
out_has "type	node	node_name	props_a	props_b	sentence"
out_has "path	hop	sentence	basis	source	props	evidence"
[ "$(grep -c '^$' "$tmp/out")" -eq 2 ] || fail "three TSV sections"

check "relate 成都 一带一路: the direct relation, with its evidence"
zg $D -f table relate 成都 一带一路; rc_is 0
out_has "direct relations (1)"; out_has "distance      1"
out_has "成都国家人工智能创新应用先导区对接一带一路。"
out_has "重要枢纽与战略支撑点"

# ---- common, similar, rank, hubs ----

check "common: the Beijing and Tianjin zones share 智能制造"
zg $D -f tsv common zone:北京 zone:天津滨海新区 --type sector; rc_is 0
[ "$(column 2 | tr '\n' ' ')" = "sector-smart-manufacturing " ] ||
    fail "shared sectors: '$(column 2 | tr '\n' ' ')'"
zg $D -f tsv common zone:北京 zone:天津滨海新区; rc_is 0
out_has "region-jingjinji"; out_has "org-miit"
zg $D -f tsv common zone:北京 zone:天津滨海新区 --rel in_region; rc_is 0
[ "$(column 2 | tr '\n' ' ')" = "region-jingjinji " ] || fail "--rel in_region"

check "similar zone:北京: Tianjin first"
zg $D -f tsv similar zone:北京 --top 3; rc_is 0
[ "$(rows)" -eq 3 ] || fail "three rows"
[ "$(column 1 | head -n 1)" = "zone-tianjin-binhai" ] || fail "most similar: $(column 1 | head -n 1)"
out_has "	0.267	4	15	"
zg $D -f tsv similar zone:北京 --by focuses_on; rc_is 0
out_has "zone-tianjin-binhai	天津（滨海新区）国家人工智能创新应用先导区	0.167	1	6	智能制造"

check "rank sector --by in --rel focuses_on: 智能制造 with 3"
zg $D -f tsv rank sector --by in --rel focuses_on; rc_is 0
[ "$(sed -n 2p "$tmp/out")" = "1	sector-smart-manufacturing	智能制造	3" ] ||
    fail "top: '$(sed -n 2p "$tmp/out")'"
[ "$(sed -n 3p "$tmp/out" | cut -f1)" = "2" ] || fail "second rank is 2"

check "hubs: the ministry, its notice, the report"
zg $D -f tsv hubs; rc_is 0
[ "$(column 1 | tr '\n' ' ')" = "org-miit doc-china-ngai-report-2020 doc-miit-notice-2021 " ] ||
    fail "hubs: '$(column 1 | tr '\n' ' ')'"

# ---- valid time ----

check "list zone --as-of 2020-12-31: the three first-batch zones"
zg $D -f tsv list zone --as-of 2020-12-31; rc_is 0
[ "$(column 1 | tr '\n' ' ')" = "zone-jinan-qingdao zone-shanghai-pudong zone-shenzhen " ] ||
    fail "as of 2020-12-31: '$(column 1 | tr '\n' ' ')'"
zg $D -f tsv list zone --as-of 2021-01; rc_is 0
[ "$(rows)" -eq 3 ] || fail "as of 2021-01: $(rows) zones"
zg $D -f tsv list zone --as-of 2021-02; rc_is 0
[ "$(rows)" -eq 8 ] || fail "as of 2021-02: $(rows) zones"
zg $D -f tsv --as-of 2021 list zone; rc_is 0
[ "$(rows)" -eq 8 ] || fail "as of 2021 (before the command): $(rows) zones"

check "--as-of on the other query commands"
zg $D -f tsv stats --as-of 2020-12-31; rc_is 0
[ "$(sed -n 2p "$tmp/out" | cut -f1)" = "99" ] || fail "99 nodes as of 2020-12-31"
zg $D -f tsv show zone:北京 --as-of 2020; rc_is 2
err_has "is not in the graph as of 2020"; err_has "from 2021-02"
zg $D -f tsv show 北京 --as-of 2020; rc_is 0
out_has "city	city-beijing"; err_has "using city:city-beijing"
zg $D -f tsv find 天津滨海 --in names --as-of 2020; rc_is 2
zg $D -f tsv find 天津滨海 --in names --as-of 2021-03; rc_is 0
out_has "zone-tianjin-binhai"
zg $D -f tsv find 滨海 --as-of 2020; rc_is 0
out_lacks "zone-tianjin-binhai"; out_has "evidence	doc-miit-notice-2021"
zg $D -f tsv neighbours zone:北京 --depth 2 --as-of 2021-02; rc_is 0
out_has "1	city-beijing"; out_has "2	zone-tianjin-binhai"
zg $D -f tsv neighbours 工业和信息化部 --as-of 2020-12; rc_is 0
[ "$(awk -F'\t' '$4 == "zone"' "$tmp/out" | wc -l)" -eq 3 ] ||
    fail "the ministry as of 2020-12 designates three zones"
out_lacks "zone-beijing"
zg $D -f tsv path 上海浦东新区 深圳 --through-hubs --as-of 2020; rc_is 0
out_has "org-miit"
zg $D -f tsv common 上海浦东新区 深圳 --as-of 2021-03; rc_is 0
out_has "org-miit"
zg $D -f tsv rank zone --as-of 2020 --top 100; rc_is 0
[ "$(rows)" -eq 3 ] || fail "three zones to rank in 2020"
zg $D -f tsv similar 深圳 --as-of 2020; rc_is 0
out_lacks "zone-beijing"
zg $D -f tsv relate 深圳 上海浦东新区 --as-of 2020; rc_is 0
zg $D -f tsv hubs --as-of 2020; rc_is 0
out_lacks "doc-miit-notice-2021"
zg $D export --as-of 2020 -f dot; rc_is 0
out_has "深圳国家人工智能创新应用先导区"; out_lacks "北京国家人工智能创新应用先导区"

check "valid time and hubs on a hand-made timeline (tests/data/paths)"
T="--data $top_srcdir/tests/data/paths/timeline.xml"
zg $T -f tsv list zone --as-of 2020; rc_is 0
[ "$(column 1 | tr '\n' ' ')" = "z1 z2 z3 " ] || fail "2020: '$(column 1 | tr '\n' ' ')'"
zg $T -f tsv list zone --as-of 2020-07; rc_is 0
[ "$(column 1 | tr '\n' ' ')" = "z1 z2 " ] || fail "z3 closed in 2020-06"
zg $T -f tsv list zone --as-of 2021-02; rc_is 0
[ "$(column 1 | tr '\n' ' ')" = "z1 z2 z4 z5 z6 " ] || fail "2021-02"
zg $T -f tsv list zone --as-of 2021-02-14; rc_is 0
[ "$(column 1 | tr '\n' ' ')" = "z1 z2 z4 z5 " ] || fail "z6 from 2021-02-15"
zg $T -f tsv neighbours z1 --as-of 2019; rc_is 0; out_has "sec-old"
zg $T -f tsv neighbours z1 --as-of 2020; rc_is 0; out_lacks "sec-old"
zg $T -f tsv hubs; rc_is 0
[ "$(column 1 | tr '\n' ' ')" = "org-ministry " ] || fail "the ministry is the hub"
zg $T -f tsv hubs --as-of 2020; rc_is 0
[ "$(rows)" -eq 0 ] || fail "three zones in 2020: no hub"
zg $T -f tsv path z1 z2; rc_is 0; out_has "sec-a"; out_lacks "org-ministry"
zg $T path z1 z4; rc_is 2; err_has "avoided hubs: 部"
zg $T -f tsv path z1 z4 --through-hubs; rc_is 0; out_has "org-ministry"
zg $T -f tsv path z1 z3 --as-of 2020; rc_is 0; out_has "org-ministry"
zg $T path z1 z4 --as-of 2020 --through-hubs; rc_is 2
err_has "'z4' (zone:z4) is not in the graph as of 2020 (valid from 2021-02)"
zg $T -f table --lang en relate z4 z5 --as-of 2021-02; rc_is 0
out_has "Ministry designates both Zone Four and Zone Five."
out_has "Zone Four and Zone Five both focus on sector B."
out_has "hubs_avoided  Ministry"

# ---- every answer can be drawn ----

check "--format dot draws each answer, endpoints included"
zg $D -f dot path 成都 一带一路; rc_is 0; dot_ok
out_has "成都国家人工智能创新应用先导区"; out_has "一带一路"
[ "$(grep -c -- '->' "$tmp/out")" -eq 1 ] || fail "one relation drawn"
zg $D -f dot relate 北京 天津滨海新区; rc_is 0; dot_ok
out_has "智能制造"; out_has "京津冀"
zg $D -f dot common zone:北京 zone:天津滨海新区 --type sector; rc_is 0; dot_ok
zg $D -f dot similar zone:北京 --top 3; rc_is 0; dot_ok
zg $D -f dot rank sector --by in --rel focuses_on --top 1; rc_is 0; dot_ok
out_has "智能制造"; out_has "杭州国家人工智能创新应用先导区"
zg $D -f dot hubs; rc_is 0; dot_ok
zg $D -f dot path 北京 天津滨海新区 --all --as-of 2021-02; rc_is 0; dot_ok
zg $D -f dot list zone --as-of 2020-12-31; rc_is 0; dot_ok
out_lacks "北京国家人工智能创新应用先导区"
if [ -n "${DOT:-}" ]; then
    zg $D -f svg relate 北京 天津滨海新区; rc_is 0; out_has "<svg"
fi

check "JSON: one document per answer"
for cmd in "path 成都 一带一路" "path 北京 天津滨海新区 --all" "relate 北京 天津滨海新区" \
    "common zone:北京 zone:天津滨海新区" "similar zone:北京" \
    "rank sector --by in --rel focuses_on" "hubs" "list zone --as-of 2020"; do
    zg $D -f json $cmd; rc_is 0; json_ok
done
zg $D -f json relate 北京 天津滨海新区; rc_is 0
out_has '"summary"'; out_has '"direct"'; out_has '"shared"'; out_has '"paths"'

# ---- budgets: graphs whose paths explode ----

# A graph of one node type "n" and one relation type "r" (zonegraph XML,
# to stdout), its nodes and relations read as lines from stdin:
# "n ID" or "r FROM TO [EVIDENCE]".
graph_xml() {
    awk 'BEGIN {
        print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        print "<zonegraph version=\"1\"><schema>"
        print "<nodetype name=\"n\" zh=\"点\" en=\"node\"/>"
        print "<relationtype name=\"r\" zh=\"连\" en=\"links\" from=\"n\" to=\"n\"/>"
        print "</schema><source id=\"s\" title=\"t\"/>"
    }
    $1 == "n" { printf "<n id=\"%s\" name=\"%s\"/>\n", $2, $2 }
    $1 == "r" && NF == 3 {
        printf "<relation from=\"%s\" type=\"r\" to=\"%s\" basis=\"inferred\"/>\n", $2, $3
    }
    $1 == "r" && NF == 4 {
        printf "<relation from=\"%s\" type=\"r\" to=\"%s\" source=\"s\"><evidence>%s</evidence></relation>\n", $2, $3, $4
    }
    END { print "</zonegraph>" }'
}

# diamonds N: a chain of N diamonds, a0 -> b0, a0 -> c0, b0 -> a1,
# c0 -> a1, ... to aN: 2^N shortest paths of 2N hops from a0 to aN.
diamonds() {
    awk -v n="$1" 'BEGIN {
        print "n a0"
        for (i = 0; i < n; i++) {
            printf "n b%d\nn c%d\nn a%d\n", i, i, i + 1
            printf "r a%d b%d\nr a%d c%d\n", i, i, i, i
            printf "r b%d a%d\nr c%d a%d\n", i, i + 1, i, i + 1
        }
    }' | graph_xml
}

# layers N: s -> 2 nodes -> 2 nodes ... (N layers, each node linked to
# both of the next) -> t: 2^N shortest paths of N + 1 hops, in 18 KB.
layers() {
    awk -v n="$1" 'BEGIN {
        print "n s"; print "n t"
        for (l = 0; l < n; l++) printf "n l%d_0\nn l%d_1\n", l, l
        for (w = 0; w < 2; w++)
            printf "r s l0_%d\nr l%d_%d t\n", w, n - 1, w
        for (l = 0; l + 1 < n; l++)
            for (w = 0; w < 2; w++)
                for (v = 0; v < 2; v++)
                    printf "r l%d_%d l%d_%d\n", l, w, l + 1, v
    }' | graph_xml
}

# parallel N: N relations from a to x and N from x to b, each stated by
# its own evidence: N x N pairs of relations to one shared neighbour.
parallel() {
    awk -v n="$1" 'BEGIN {
        print "n a"; print "n b"; print "n x"
        for (i = 0; i < n; i++) printf "r a x e%d\nr x b f%d\n", i, i
    }' | graph_xml
}

diamonds 2000 >"$tmp/diamonds.xml"
diamonds 50 >"$tmp/diamonds50.xml"
layers 60 >"$tmp/layers.xml"
parallel 300 >"$tmp/parallel.xml"
DIA="--data $tmp/diamonds.xml"
scale=${ZG_HOSTILE_TIME_SCALE:-1}

# bounded LIMIT ARGS...: run zonegraph, failing when it takes more than
# LIMIT seconds (times ZG_HOSTILE_TIME_SCALE) or, in a plain build
# without a wrapper, more than 300 MB of address space (the answers here
# need under 150 MB; unbounded, they took gigabytes). Timing and memory
# are left out under a wrapper (valgrind) or a sanitizer build.
bounded() {
    limit=$1
    shift
    t0=$(date +%s)
    if [ -z "${ZG_WRAPPER:-}" ] && [ "$scale" = 1 ]; then
        (ulimit -v 300000; zg "$@"; exit "$rc")
        rc=$?
    else
        zg "$@"
    fi
    t1=$(date +%s)
    [ -n "${ZG_WRAPPER:-}" ] || [ $((t1 - t0)) -le $((limit * scale)) ] ||
        fail "took $((t1 - t0)) s, more than $limit s x $scale"
}

check "path --all on 2^2000 paths: more than 2^63-1, listed within the rows budget"
bounded 5 $DIA -f tsv path a0 a2000 --all; rc_is 0
err_has "zonegraph: note: more than 9223372036854775807 shortest paths; showing the first 12; more would pass the answer's budget of 50000 rows (--max-rows N)"
[ "$(column 1 | sort -u | wc -l)" -eq 12 ] || fail "12 paths"
[ "$(rows)" -eq 48000 ] || fail "12 paths of 4000 hops: $(rows) rows"
bounded 5 $DIA -f tsv path a0 a2000 --all --max-paths 3; rc_is 0
err_has "more than 9223372036854775807 shortest paths; showing the first 3 (--max-paths N)"
bounded 5 $DIA -f tsv path a0 a2000 --all --max-rows 8000; rc_is 0
err_has "showing the first 2; more would pass the answer's budget of 8000 rows (--max-rows N)"
bounded 5 $DIA -f tsv path a0 a2000 --all --max-bytes 1000; rc_is 0
err_has "showing the first 1; more would pass the answer's budget of 1000 bytes (--max-bytes N)"
[ "$(rows)" -eq 4000 ] || fail "the first path is listed whole"

check "path --k 100 on 4000-hop paths: stopped by the work budget, not quadratic"
bounded 10 $DIA -f tsv path a0 a2000 --k 100; rc_is 0
err_has "of the 100 shortest paths asked for; the search stopped at its budget of 20000000 visits (--max-visits N)"
[ "$(rows)" -ge 4000 ] || fail "at least the first path"
[ $(($(rows) % 4000)) -eq 0 ] || fail "whole paths only"
zg --data "$tmp/diamonds50.xml" -f tsv path a0 a50 --k 100; rc_is 0
err_empty
[ "$(column 1 | sort -u | wc -l)" -eq 100 ] || fail "100 paths of 100 hops"
[ "$(column 1,2 | sort -u | wc -l)" -eq 10000 ] || fail "100 x 100 rows"

check "relate on 2^2000 paths: \"more than\" in every format"
bounded 5 $DIA -f tsv relate a0 a2000; rc_is 0
out_has "a0	a0	a2000	a2000	0	0	4000	more than 9223372036854775807	4000	"
err_has "zonegraph: note: showing 10 of more than 9223372036854775807 shortest paths through other nodes (--max-paths N)"
bounded 5 $DIA -f json relate a0 a2000; rc_is 0; json_ok
out_has '"paths": "more than 9223372036854775807"'
bounded 5 $DIA -f table relate a0 a2000; rc_is 0
out_has "paths         more than 9223372036854775807"
out_has "shortest paths through other nodes (10 of more than 9223372036854775807, length 4000)"

check "relate --max-paths 100000 on an 18 KB file: the rows budget holds"
bounded 5 --data "$tmp/layers.xml" -f tsv relate s t --max-paths 100000; rc_is 0
out_has "s	s	t	t	0	0	61	1152921504606846976	61	"
err_has "showing 819 of 1152921504606846976 shortest paths through other nodes; more would pass the answer's budget of 50000 rows (--max-rows N)"
bounded 5 --data "$tmp/layers.xml" -f tsv relate s t --max-paths 100000 \
    --max-rows 100000 --max-bytes 100000000; rc_is 0
err_has "showing 1639 of 1152921504606846976 shortest paths"

check "common and relate with 300 x 300 parallel relations: the rows budget holds"
bounded 5 --data "$tmp/parallel.xml" -f tsv common a b; rc_is 0
err_has "zonegraph: note: showing 50000 of 90000 rows (one per pair of relations to a shared neighbour); more would pass the answer's budget of 50000 rows (--max-rows N)"
[ "$(rows)" -eq 50000 ] || fail "50000 rows"
bounded 5 --data "$tmp/parallel.xml" -f tsv common a b --max-rows 7; rc_is 0
[ "$(rows)" -eq 7 ] || fail "7 rows"
err_has "showing 7 of 90000 rows"
bounded 5 --data "$tmp/parallel.xml" -f tsv relate a b --max-rows 4; rc_is 0
out_has "a	a	b	b	0	1	2	90000	2	"
err_has "showing 4 of 90000 rows of shared neighbours (one per pair of relations); more would pass the answer's budget of 4 rows (--max-rows N)"
err_has "showing 2 of 90000 shortest paths through other nodes; more would pass the answer's budget of 4 rows (--max-rows N)"

check "budget options: ranges, and too little work for any answer"
zg $DIA path a0 a2000 --max-visits 1000; rc_is 1
err_has "work budget of 1000 visits"; err_has "(--max-visits N raises the budget)"
zg $DIA relate a0 a2000 --max-visits 1000; rc_is 1; err_has "1000 visits"
for opt in --max-visits --max-rows --max-bytes; do
    zg $DIA path a0 a1 $opt 0; rc_is 1; err_has "$opt"
    zg $DIA relate a0 a1 $opt 3000000000; rc_is 1; err_has "$opt"
    zg $DIA path a0 a1 $opt x; rc_is 1; err_has "$opt"
done
zg $DIA common a0 a1 --max-visits 5; rc_is 1
for cmd in path relate common; do
    zg $cmd --help; rc_is 0; out_has "--max-rows N"; out_has "--max-bytes N"
done

# ---- bad input ----

check "unknown and ambiguous names: exit 2"
zg $D path 杭洲 一带一路; rc_is 2; out_empty; err_has "no entity named '杭洲'"
zg $D relate 北京 nowhere-at-all; rc_is 2
zg $D common 北京 nowhere-at-all; rc_is 2
zg $D similar nowhere-at-all; rc_is 2
zg $D --data "$FIX/extra.xml" path 杭州 一带一路; rc_is 2; err_has "is ambiguous"
zg $D --data "$FIX/extra.xml" relate 杭州 北京; rc_is 2; err_has "is ambiguous"

check "numbers out of range, bad dates, bad options: exit 1"
zg $D path 北京 天津滨海新区 --k 0; rc_is 1; err_has "--k needs a whole number from 1 to 100, not '0'"
zg $D path 北京 天津滨海新区 --k 101; rc_is 1; err_has "--k needs a whole number from 1 to 100, not '101'"
zg $D path 北京 天津滨海新区 --k x; rc_is 1
zg $D path 北京 天津滨海新区 --max-len 0; rc_is 1
zg $D path 北京 天津滨海新区 --all --k 2; rc_is 1
zg $D path 北京 天津滨海新区 --max-paths 2; rc_is 1; err_has "needs --all"
zg $D path 北京; rc_is 1; err_has "missing A and B"
zg $D path 北京 天津滨海新区 上海; rc_is 1
zg $D path 北京 天津滨海新区 --rel nope; rc_is 1; err_has "unknown relation type 'nope'"
zg $D path 北京 天津滨海新区 --direction up; rc_is 1
zg $D similar 北京 --top 0; rc_is 1
zg $D rank sector --by sideways; rc_is 1; err_has "--by is degree, in or out"
zg $D rank nothing; rc_is 1; err_has "unknown node type 'nothing'"
zg $D relate 北京 zone-beijing; rc_is 1; err_has "the same entity"
zg $D hubs extra; rc_is 1
zg $D list zone --as-of 2021-02-30; rc_is 1; err_has "is not a date"
zg $D list zone --as-of 21; rc_is 1
zg $D path 北京 天津滨海新区 --as-of yesterday; rc_is 1
zg --as-of 2020 validate "$ZG_DATA"; rc_is 1; err_has "does not apply"

check "help for each new command"
for cmd in path relate explain common similar rank hubs; do
    zg $cmd --help; rc_is 0; out_has "Usage: zonegraph"
done
zg --help; rc_is 0; out_has "relate A B"; out_has "--as-of DATE"
echo "relate.sh: all checks passed"
