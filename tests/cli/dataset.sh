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

check "find 濱海 (traditional) finds the district 滨海新区, then the zone seated in it"
zg $D -f tsv find 濱海; rc_is 0
[ "$(column 4 | head -n 2 | tr '\n' ' ')" = "district-binhai zone-tianjin-binhai " ] ||
    fail "find 濱海: first hits '$(column 4 | head -n 2 | tr '\n' ' ')'"

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
out_has "$FIX/extra.xml: ok (1 nodes, 1 relations, 2 warnings)"
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
out_has "$(printf '104\t140\t1\t13\t23')"

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

check "a bare city or district name answers the place, not the zone seated there"
zg $D -f tsv show 上海; rc_is 0; out_has "city	city-shanghai	上海	"
zg $D -f tsv show 天津; rc_is 0; out_has "city	city-tianjin	天津	"
zg $D -f tsv show 浦东新区; rc_is 0; out_has "district	district-pudong	浦东新区	"
zg $D -f tsv show 濱海新區; rc_is 0; out_has "district	district-binhai	滨海新区	"
out_has "in	located_in	位于	zone-tianjin-binhai	"
out_has "out	district_of	属于	city-tianjin	"
zg $D -f tsv show zone:天津滨海新区; rc_is 0; out_has "zone	zone-tianjin-binhai	"

check "places named only as text are nodes: 西部地区, 杭州都市圈"
zg $D -f tsv show 西部地区; rc_is 0
out_has "in	first_in	率先落地于	zone-chengdu	成都国家人工智能创新应用先导区	zone	stated	yicai-2021-02-23		而成都则是目前西部地区首个人工智能先导区。"
zg $D -f tsv show 杭州都市圈; rc_is 0
out_has "out	has_central_city	中心城市包括	city-hangzhou	杭州	city	implied	"
out_has "out	radiates_to	辐射带动	region-yangtze-delta	长三角	region	stated	"
zg $D -f tsv neighbours zone:成都 --rel in_region; rc_is 0
[ "$(column 2 | tr '\n' ' ')" = "region-chengdu-chongqing " ] ||
    fail "the Chengdu zone lies in one cluster region only: '$(column 2 | tr '\n' ' ')'"

check "a figure the article does not date has no date"
zg $D -f tsv show city:北京; rc_is 0
out_has "$(printf 'research_institutes\t科研院所数\t1000\t所\t\tover\t')"
zg $D -f tsv show city:成都; rc_is 0
out_has "$(printf 'ai_industry_scale\t人工智能产业规模\t500\t亿元\t2022\tover\ttarget')"

check "an opinion is attributed: 贺仁龙's view of the Guangzhou zone"
zg $D -f tsv show zone:广州; rc_is 0
out_lacks "significance"
out_has "in	reports_on	述及	person-he-renlong	贺仁龙	person	stated	yicai-2021-02-23	view=先导区对整个区域的带动，和以产业链供应链的国际协同有重要引领和带动作用	贺仁龙告诉记者，"

check "sector hierarchy: broader relations, each inferred with a note"
zg $D -f tsv neighbours 智慧金融 --rel broader; rc_is 0
[ "$(column 2 | tr '\n' ' ')" = "sector-finance " ] || fail "智慧金融 broader: '$(column 2 | tr '\n' ' ')'"
if [ -n "${XMLLINT:-}" ]; then
    n=$("$XMLLINT" --xpath 'count(//relation[@type="broader" and (@basis!="inferred" or not(@basis) or not(note))])' "$ZG_DATA")
    [ "$n" = 0 ] || fail "$n broader relations not inferred or without a note"
fi

check "relation roles are the article's words"
zg $D -f tsv list zone; rc_is 0
if [ -n "${XMLLINT:-}" ]; then
    for role in 核心 园区 核心智能产业 重点技术方向 重点应用领域; do
        n=$("$XMLLINT" --xpath "count(//relation/prop[@name='role' and @value='$role'])" "$ZG_DATA")
        [ "$n" -gt 0 ] || fail "no relation with role $role"
    done
fi

# The checker of the basis rules (tests/cli/check_dataset.py). Each mutation
# below brings back one kind of silent inference; the checker must name it.
CHECK="$top_srcdir/tests/cli/check_dataset.py"
# mutate OLD NEW: $tmp/m.xml is the dataset with the first OLD replaced by NEW.
mutate() {
    python3 - "$ZG_DATA" "$tmp/m.xml" "$1" "$2" <<'PY' || fail "cannot mutate the dataset"
import sys
src, dst, old, new = sys.argv[1:]
text = open(src, encoding="utf-8").read()
if old not in text:
    sys.exit("not in the dataset: " + old)
open(dst, "w", encoding="utf-8").write(text.replace(old, new, 1))
PY
}
# flags MESSAGE: the checker rejects $tmp/m.xml, saying MESSAGE.
flags() {
    python3 "$CHECK" "$tmp/m.xml" >"$tmp/out" 2>"$tmp/err"; rc=$?
    rc_is 1; out_has "$1"
}
if command -v python3 >/dev/null 2>&1; then
    check "the dataset infers nothing silently (tests/cli/check_dataset.py)"
    python3 "$CHECK" "$ZG_DATA" >"$tmp/out" 2>"$tmp/err"; rc=$?
    rc_is 0; out_empty; err_empty

    check "the checker rejects a zone's region resting on a sentence that does not name the zone"
    mutate '<evidence>天津（滨海新区）国家人工智能创新应用先导区则是要围绕京津冀协同发展战略</evidence>
    <note>文章说该先导区要围绕京津冀协同发展战略，由此可知它地处京津冀。</note>' \
        '<evidence>从第一批的3个先导区到第二批扩容至8个，地域上已经涵盖到长三角、京津冀、粤港澳、成渝四大战略区域</evidence>
    <note>文章说八个先导区涵盖这四大战略区域；该先导区属于哪一区域是地理常识。</note>'
    flags "relation zone-tianjin-binhai in_region region-jingjinji (implied): neither the evidence nor a note names zone-tianjin-binhai"

    check "the checker rejects an inference marked implied"
    mutate 'to="region-jingjinji"
            source="yicai-2021-02-23" basis="inferred"' 'to="region-jingjinji"
            source="yicai-2021-02-23" basis="implied"'
    flags "relation zone-beijing in_region region-jingjinji (implied): its note says it is inferred"

    check "the checker rejects a stated relation without evidence or source"
    mutate '<evidence>而成都则是目前西部地区首个人工智能先导区。</evidence>
  </relation>' '</relation>'
    flags "relation zone-chengdu first_in region-western-china (stated) has no evidence sentence"
    mutate 'to="region-western-china" source="yicai-2021-02-23"' 'to="region-western-china"'
    flags "relation zone-chengdu first_in region-western-china (stated) has no source"

    check "the checker rejects an inferred relation without a note"
    mutate '
    <note>推断：智慧金融是人工智能等技术在金融领域的应用，属于金融；文章没有这样说。</note>' ''
    flags "relation sector-smart-finance broader sector-finance (inferred) has no note saying why"

    check "the checker rejects a figure dated by convention"
    mutate 'value="523" unit="家"' 'value="523" unit="家" date="2021-02"'
    flags "figure ai_major_enterprises of city-hangzhou: date 2021-02, but its evidence gives no year 2021"

    check "the checker rejects an edited quote and an English gloss"
    mutate '面向产业智能转型、政务服务升级和民生品质改善等切实需求' '面向产业智能转型、政务服务升级和民生品质改善等实际需求'
    flags "does not agree with it (an edited quote?)"
    mutate '<prop name="role" value="核心智能产业"/>' '<prop name="role" value="core industry"/>'
    flags "prop role='core industry' is not in the source's words"
else
    echo "  (python3 missing: tests/cli/check_dataset.py not run)"
fi

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
out_has "$(printf '15\t7\t1\t13\t23')"

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
