#!/bin/sh
# Relationship questions (issue 3) on the shipped dataset ($ZG_DATA):
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
out_has "1	1	zone-chengdu	aligns_with	out	strategy-belt-and-road	stated	"
zg $D -f table path 成都 一带一路; rc_is 0
out_has "成都国家人工智能创新应用先导区"; out_has "aligns_with"

check "path 北京 天津 avoids the ministry that designates every zone"
zg $D -f tsv path 北京 天津; rc_is 0
[ "$(rows)" -eq 2 ] || fail "expected a path of two hops"
out_lacks "org-miit"; out_lacks "doc-miit-notice-2021"
zg $D -f tsv path 北京 天津 --all; rc_is 0
[ "$(column 1 | sort -u | tr '\n' ' ')" = "1 2 " ] || fail "two shortest paths"
out_has "region-jingjinji"; out_has "sector-smart-manufacturing"; out_lacks "org-miit"
zg $D -f tsv path 北京 天津 --all --through-hubs; rc_is 0
out_has "org-miit"; out_has "doc-miit-notice-2021"

check "path --k: the shortest first"
zg $D -f tsv path 北京 天津 --k 3; rc_is 0
[ "$(column 1 | sort -u | wc -l)" -eq 3 ] || fail "three paths"
[ "$(awk -F'\t' 'NR > 1 && $1 == 3' "$tmp/out" | wc -l)" -eq 3 ] ||
    fail "the third path has three hops"

check "path --max-len and no path: exit 2, hubs named"
zg $D path 北京 天津 --max-len 1; rc_is 2
err_has "no path from"; err_has "within 1 hops"
zg $D path 北京 天津 --rel designates; rc_is 2
err_has "avoided hubs: 工业和信息化部"; err_has "--through-hubs"
zg $D -f tsv path 北京 天津 --rel designates --through-hubs; rc_is 0
[ "$(rows)" -eq 2 ] || fail "through the hub: two hops"

check "path to itself: length 0"
zg $D -f tsv path zone:成都 zone-chengdu; rc_is 0
out_has "1	0	zone-chengdu		"

check "path --direction out follows relations forwards only"
zg $D -f tsv path 一带一路 成都 --direction out; rc_is 2
zg $D -f tsv path 成都 一带一路 --direction out; rc_is 0

# ---- relate ----

check "relate 北京 天津: shared region and sector, sentences, no direct relation"
zg $D -f table relate 北京 天津; rc_is 0
out_has "direct        0"; out_has "shared        4"; out_has "distance      2"
out_has "shared neighbours (4)"
out_has "北京国家人工智能创新应用先导区和天津（滨海新区）国家人工智能创新应用先导区都聚焦智能制造。"
out_has "北京国家人工智能创新应用先导区地处京津冀。"
out_has "shortest paths through other nodes"
out_lacks "direct relations ("
zg $D -f table --lang en explain 北京 天津; rc_is 0
out_has "both focus on smart manufacturing."
out_has "Beijing National AI Innovation Application Pilot Zone lies in Beijing-Tianjin-Hebei."
zg $D -f tsv relate 北京 天津; rc_is 0
out_has "a	b	direct	shared	distance	paths	path_length	hubs_avoided"
out_has "type	node	sentence"
out_has "path	hop	sentence	basis	source	evidence"
[ "$(grep -c '^$' "$tmp/out")" -eq 2 ] || fail "three TSV sections"

check "relate 成都 一带一路: the direct relation, with its evidence"
zg $D -f table relate 成都 一带一路; rc_is 0
out_has "direct relations (1)"; out_has "distance      1"
out_has "成都国家人工智能创新应用先导区对接一带一路。"
out_has "重要枢纽与战略支撑点"

# ---- common, similar, rank, hubs ----

check "common: the Beijing and Tianjin zones share 智能制造"
zg $D -f tsv common zone:北京 zone:天津 --type sector; rc_is 0
[ "$(column 2 | tr '\n' ' ')" = "sector-smart-manufacturing " ] ||
    fail "shared sectors: '$(column 2 | tr '\n' ' ')'"
zg $D -f tsv common zone:北京 zone:天津; rc_is 0
out_has "region-jingjinji"; out_has "org-miit"
zg $D -f tsv common zone:北京 zone:天津 --rel in_region; rc_is 0
[ "$(column 2 | tr '\n' ' ')" = "region-jingjinji " ] || fail "--rel in_region"

check "similar zone:北京: Tianjin first"
zg $D -f tsv similar zone:北京 --top 3; rc_is 0
[ "$(rows)" -eq 3 ] || fail "three rows"
[ "$(column 1 | head -n 1)" = "zone-tianjin-binhai" ] || fail "most similar: $(column 1 | head -n 1)"
out_has "	0.286	4	14	"
zg $D -f tsv similar zone:北京 --by focuses_on; rc_is 0
out_has "zone-tianjin-binhai	0.167	1	6	智能制造"

check "rank sector --by in --rel focuses_on: 智能制造 with 3"
zg $D -f tsv rank sector --by in --rel focuses_on; rc_is 0
[ "$(sed -n 2p "$tmp/out")" = "1	sector-smart-manufacturing	3" ] ||
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
[ "$(sed -n 2p "$tmp/out" | cut -f1)" = "95" ] || fail "95 nodes as of 2020-12-31"
zg $D -f tsv show zone:北京 --as-of 2020; rc_is 2
err_has "is not in the graph as of 2020"; err_has "from 2021-02"
zg $D -f tsv show 北京 --as-of 2020; rc_is 0
out_has "city	city-beijing"; err_has "using city:city-beijing"
zg $D -f tsv find 滨海 --as-of 2020; rc_is 2
zg $D -f tsv find 滨海 --as-of 2021-03; rc_is 0
zg $D -f tsv neighbours zone:北京 --depth 2 --as-of 2021-02; rc_is 0
out_has "1	city-beijing"; out_has "2	zone-tianjin-binhai"
zg $D -f tsv neighbours 工业和信息化部 --as-of 2020-12; rc_is 0
[ "$(awk -F'\t' '$3 == "zone"' "$tmp/out" | wc -l)" -eq 3 ] ||
    fail "the ministry as of 2020-12 designates three zones"
out_lacks "zone-beijing"
zg $D -f tsv path 上海 深圳 --through-hubs --as-of 2020; rc_is 0
out_has "org-miit"
zg $D -f tsv common 上海 深圳 --as-of 2021-03; rc_is 0
out_has "org-miit"
zg $D -f tsv rank zone --as-of 2020 --top 100; rc_is 0
[ "$(rows)" -eq 3 ] || fail "three zones to rank in 2020"
zg $D -f tsv similar 深圳 --as-of 2020; rc_is 0
out_lacks "zone-beijing"
zg $D -f tsv relate 深圳 上海 --as-of 2020; rc_is 0
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
zg $D -f dot relate 北京 天津; rc_is 0; dot_ok
out_has "智能制造"; out_has "京津冀"
zg $D -f dot common zone:北京 zone:天津 --type sector; rc_is 0; dot_ok
zg $D -f dot similar zone:北京 --top 3; rc_is 0; dot_ok
zg $D -f dot rank sector --by in --rel focuses_on --top 1; rc_is 0; dot_ok
out_has "智能制造"; out_has "杭州国家人工智能创新应用先导区"
zg $D -f dot hubs; rc_is 0; dot_ok
zg $D -f dot path 北京 天津 --all --as-of 2021-02; rc_is 0; dot_ok
zg $D -f dot list zone --as-of 2020-12-31; rc_is 0; dot_ok
out_lacks "北京国家人工智能创新应用先导区"
if [ -n "${DOT:-}" ]; then
    zg $D -f svg relate 北京 天津; rc_is 0; out_has "<svg"
fi

check "JSON: one document per answer"
for cmd in "path 成都 一带一路" "path 北京 天津 --all" "relate 北京 天津" \
    "common zone:北京 zone:天津" "similar zone:北京" \
    "rank sector --by in --rel focuses_on" "hubs" "list zone --as-of 2020"; do
    zg $D -f json $cmd; rc_is 0; json_ok
done
zg $D -f json relate 北京 天津; rc_is 0
out_has '"summary"'; out_has '"direct"'; out_has '"shared"'; out_has '"paths"'

# ---- bad input ----

check "unknown and ambiguous names: exit 2"
zg $D path 杭洲 一带一路; rc_is 2; out_empty; err_has "no entity named '杭洲'"
zg $D relate 北京 nowhere-at-all; rc_is 2
zg $D common 北京 nowhere-at-all; rc_is 2
zg $D similar nowhere-at-all; rc_is 2
zg $D --data "$FIX/extra.xml" path 杭州 一带一路; rc_is 2; err_has "is ambiguous"
zg $D --data "$FIX/extra.xml" relate 杭州 北京; rc_is 2; err_has "is ambiguous"

check "numbers out of range, bad dates, bad options: exit 1"
zg $D path 北京 天津 --k 0; rc_is 1; err_has "--k needs a whole number from 1 to 100, not '0'"
zg $D path 北京 天津 --k 101; rc_is 1; err_has "--k needs a whole number from 1 to 100, not '101'"
zg $D path 北京 天津 --k x; rc_is 1
zg $D path 北京 天津 --max-len 0; rc_is 1
zg $D path 北京 天津 --all --k 2; rc_is 1
zg $D path 北京 天津 --max-paths 2; rc_is 1; err_has "needs --all"
zg $D path 北京; rc_is 1; err_has "missing A and B"
zg $D path 北京 天津 上海; rc_is 1
zg $D path 北京 天津 --rel nope; rc_is 1; err_has "unknown relation type 'nope'"
zg $D path 北京 天津 --direction up; rc_is 1
zg $D similar 北京 --top 0; rc_is 1
zg $D rank sector --by sideways; rc_is 1; err_has "--by is degree, in or out"
zg $D rank nothing; rc_is 1; err_has "unknown node type 'nothing'"
zg $D relate 北京 zone-beijing; rc_is 1; err_has "the same entity"
zg $D hubs extra; rc_is 1
zg $D list zone --as-of 2021-02-30; rc_is 1; err_has "is not a date"
zg $D list zone --as-of 21; rc_is 1
zg $D path 北京 天津 --as-of yesterday; rc_is 1
zg --as-of 2020 validate "$ZG_DATA"; rc_is 1; err_has "does not apply"

check "help for each new command"
for cmd in path relate explain common similar rank hubs; do
    zg $cmd --help; rc_is 0; out_has "Usage: zonegraph"
done
zg --help; rc_is 0; out_has "relate A B"; out_has "--as-of DATE"
echo "relate.sh: all checks passed"
