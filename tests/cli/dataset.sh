#!/bin/sh
# zonegraph against the shipped dataset ($ZG_DATA, data/ai-pilot-zones.xml):
# the questions an analyst asks first, with the answers the sources give.
. "${top_srcdir:?}/tests/cli/lib.sh"
: "${ZG_DATA:?}"
[ -f "$ZG_DATA" ] || { echo "SKIP: no dataset at $ZG_DATA"; exit 77; }
D="--data $ZG_DATA"

# names: the node names (column 2) of a neighbours table, sorted, one line.
names() {
    # after the header line naming the resolved entity, the column names
    # and the rule
    awk 'rows { print $2 } /^--/ { rows = 1 }' "$tmp/out" | sort -u |
        tr '\n' ' '
}

check "the dataset validates"
zg validate "$ZG_DATA"; rc_is 0; out_has "$ZG_DATA: ok ("

check "show 杭州: the Hangzhou pilot zone"
zg $D -f tsv show 杭州; rc_is 0
out_has "zone	zone-hangzhou	"
zg $D -f table show 杭州; rc_is 0
out_has "type      zone"; out_has "relations ("

check "the Beijing zone focuses on exactly four areas"
zg $D -f table neighbours zone:北京 --rel focuses_on; rc_is 0
want=$(printf '%s\n' 智能制造 智能网联汽车 智慧城市 科技冬奥 | sort | tr '\n' ' ')
[ "$(names)" = "$want" ] || fail "focus areas: '$(names)', expected '$want'"

check "the first batch: exactly three zones"
zg $D -f tsv list zone --where batch=1; rc_is 0
got=$(column 1 | tr '\n' ' ')
[ "$got" = "zone-jinan-qingdao zone-shanghai-pudong zone-shenzhen " ] ||
    fail "first batch: '$got'"

check "Chengdu's strategies include the Belt and Road and the Chengdu-Chongqing circle"
zg $D -f table neighbours zone:成都 --type strategy; rc_is 0
out_has "一带一路"; out_has "成渝地区双城经济圈"

check "find 濱海 (traditional) finds the Tianjin Binhai zone first"
zg $D -f tsv find 濱海; rc_is 0
[ "$(column 4 | head -n 1)" = "zone-tianjin-binhai" ] ||
    fail "find 濱海: first hit '$(column 4 | head -n 1)'"

check "an unknown name: exit 2 with suggestions"
zg $D show 杭洲; rc_is 2; out_empty
err_has "no entity named '杭洲'"; err_has "did you mean"; err_has "zone:zone-hangzhou"

check "several --data files load into one graph; a name two zones share is ambiguous"
zg $D --data "$FIX/extra.xml" show 杭州; rc_is 2; out_empty
err_has "'杭州' is ambiguous"; err_has "zone:zone-hangzhou"
err_has "zone:zone-test-hangzhou-2"
zg $D --data "$FIX/extra.xml" -f tsv neighbours city:杭州 --rel located_in; rc_is 0
[ "$(column 2 | tr '\n' ' ')" = "zone-hangzhou zone-test-hangzhou-2 " ] ||
    fail "located in Hangzhou: '$(column 2 | tr '\n' ' ')'"
zg validate "$ZG_DATA" "$FIX/extra.xml"; rc_is 0
out_has "$FIX/extra.xml: ok (1 nodes, 1 relations)"
zg validate "$FIX/extra.xml"; rc_is 1
err_has "extra.xml:6:"; err_has "unknown element <zone>"

check "without --data: the installed dataset, else the source tree's"
zg -f tsv show zone-hangzhou; rc_is 0; out_has "杭州国家人工智能创新应用先导区"

check "\$ZONEGRAPH_DATA: files separated by ':'"
export ZONEGRAPH_DATA="$ZG_DATA:$FIX/extra.xml"
zg show 杭州; rc_is 2
unset ZONEGRAPH_DATA
err_has "is ambiguous"

check "JSON output parses"
for cmd in "show 杭州" "neighbours zone:成都" "list zone" "find 濱海" "stats"; do
    zg $D -f json $cmd; rc_is 0; json_ok
done

check "stats: counts and the most connected"
zg $D -f table stats; rc_is 0
out_has "nodes by type"; out_has "relations by type"; out_has "most connected"

check "export --format dot is a directed graph"
zg $D export --format dot; rc_is 0; out_has "digraph"
if [ -n "${DOT:-}" ]; then
    "$DOT" -Tsvg "$tmp/out" >"$tmp/svg" 2>"$tmp/err" || fail "dot rejects the export"
fi

check "export -f xml: loading it gives the same graph, byte for byte"
zg $D export -f xml; rc_is 0; err_empty
cp "$tmp/out" "$tmp/x1.xml"
out_has '<zonegraph version="1">'; out_has '<relation from="zone-chengdu"'
zg --data "$tmp/x1.xml" export -f xml; rc_is 0
cmp -s "$tmp/x1.xml" "$tmp/out" || fail "xml export of the xml export differs"
zg --data "$tmp/x1.xml" -f tsv stats; rc_is 0
out_has "$(printf '100\t125\t1\t12\t18')"

check "a zone's region is inferred where the article does not say it, and cites the zone's own sentence where it does"
for z in 北京 上海浦东新区 深圳; do
    zg $D -f tsv show "zone:$z"; rc_is 0
    grep -q "^out	in_region	[^	]*	[^	]*	[^	]*	region	inferred	" "$tmp/out" ||
        fail "zone:$z: in_region is not inferred"
done
for z in 天津滨海新区:京津冀协同发展 杭州:杭州都市圈 成都:成渝地区双城经济圈; do
    zg $D -f tsv show "zone:${z%%:*}"; rc_is 0
    grep -q "^out	in_region	.*	implied	[^	]*	[^	]*	[^	]*${z#*:}" "$tmp/out" ||
        fail "zone:${z%%:*}: in_region does not cite the sentence naming ${z#*:}"
done
if [ -n "${XMLLINT:-}" ]; then
    n=$("$XMLLINT" --xpath 'count(//relation[@basis="inferred" and not(note)])' "$ZG_DATA")
    [ "$n" = 0 ] || fail "$n inferred relations without a note saying why"
fi

check "no issuer the article does not name: Beijing's 14th FYP proposals have none"
zg $D -f tsv show doc-beijing-14th-fyp-proposal; rc_is 0
! grep -q "	issued	" "$tmp/out" || fail "an issuer of doc-beijing-14th-fyp-proposal"

check "stats counts relations by basis, as the file marks them"
zg $D -f tsv stats; rc_is 0
set -- $(sed -n 2p "$tmp/out" | cut -f 2,6-8)
[ "$(($2 + $3 + $4))" -eq "$1" ] || fail "stated + implied + inferred != relations"
if [ -n "${XMLLINT:-}" ]; then
    # basis defaults to stated
    want_stated=$("$XMLLINT" --xpath 'count(//relation[not(@basis) or @basis="stated"])' "$ZG_DATA")
    want_inferred=$("$XMLLINT" --xpath 'count(//relation[@basis="inferred"])' "$ZG_DATA")
    [ "$2" = "$want_stated" ] && [ "$4" = "$want_inferred" ] ||
        fail "stats says $2 stated, $4 inferred; the file has $want_stated, $want_inferred"
fi

check "export -o FILE.graphml: GraphML that gives the same graph back"
zg $D export -o "$tmp/g.graphml"; rc_is 0; out_empty
grep -qF 'xmlns="http://graphml.graphdrawing.org/xmlns"' "$tmp/g.graphml" ||
    fail "no GraphML namespace in $tmp/g.graphml"
zg --data "$tmp/g.graphml" export -f xml; rc_is 0
cmp -s "$tmp/x1.xml" "$tmp/out" || fail "xml export of the graphml export differs"
zg --data "$tmp/g.graphml" -f tsv neighbours zone:成都 --type strategy; rc_is 0
out_has "strategy-belt-and-road"
out_has "strategy-chengdu-chongqing-economic-circle"

check "export -f graphml keeps only the types asked for"
zg $D export -f graphml -t zone -t region -r in_region; rc_is 0
cp "$tmp/out" "$tmp/part.graphml"
zg --data "$tmp/part.graphml" -f tsv stats; rc_is 0
out_has "$(printf '13\t7\t1\t12\t18')"

check "a GraphML file from another tool loads"
zg --data "$FIX/cities.graphml" -f tsv neighbours 北京; rc_is 0
out_equals "$(printf 'distance\tnode\tnode_name\ttype\trelation\tdirection\tvia\tvia_name\tprops\n1\ttj\t天津\tnode\trelated_to\tout\tbj\t北京\tkm=137\n1\txa\t雄安\tnode\trelated_to\tout\tbj\t北京\tkm=105')"
zg --data "$FIX/cities.graphml" -f tsv show 天津; rc_is 0
out_has "$(printf 'population\tinteger\t\t\t\t13866009')"
zg --data "$FIX/cities.graphml" export -f xml; rc_is 0
out_has '<relation from="bj" type="related_to" to="tj" basis="inferred">'
out_has '<prop name="km" value="137" type="number"/>'

check "export -f xml is not a format for answers"
zg $D -f xml stats; rc_is 1; err_has "format 'xml' is not available here"

echo "all dataset checks passed"
