#!/bin/sh
# Answers that show their grounds: relation properties (props column,
# --where on relations), --evidence, node names in TSV, figures picked by
# date or kind, the header line naming the resolved entity, and --broader
# over a sector hierarchy. On a small hand-made graph ($FIX/hierarchy.xml)
# with exact output, and on the shipped dataset ($ZG_DATA) where its
# values may change.
. "${top_srcdir:?}/tests/cli/lib.sh"
H="--data $FIX/hierarchy.xml"
MINI="$FIX/mini.xml"

# rows: the number of lines of stdout after the header.
rows() {
    tail -n +2 "$tmp/out" | grep -c .
}

# ---- relation properties ----

check "neighbours shows each relation's properties and filters by them"
zg $H -f tsv neighbours 杭州 --rel includes; rc_is 0
out_equals "$(printf 'distance\tnode\tnode_name\ttype\trelation\tdirection\tvia\tvia_name\tprops\n1\tpark-core\t核心园\tpark\tincludes\tout\tzone-h\t杭州先导区\trole=核心区\n1\tpark-town\t小镇\tpark\tincludes\tout\tzone-h\t杭州先导区\trole=园区')"
zg $H -f tsv neighbours 杭州 --rel includes --where role=核心区; rc_is 0
out_equals "$(printf 'distance\tnode\tnode_name\ttype\trelation\tdirection\tvia\tvia_name\tprops\n1\tpark-core\t核心园\tpark\tincludes\tout\tzone-h\t杭州先导区\trole=核心区')"
zg $H -f tsv neighbours 杭州 --where role!=核心区 --where basis=implied; rc_is 0
[ "$(column 2 | tr '\n' ' ')" = "park-town " ] ||
    fail "--where role!=核心区 --where basis=implied: '$(column 2 | tr '\n' ' ')'"
zg $H -f tsv neighbours 杭州 --where source=s2; rc_is 0
[ "$(rows)" -eq 0 ] || fail "no relation cites s2"

check "an unknown relation property is an error that lists the known ones"
zg $H neighbours 杭州 --where rol=核心区; rc_is 1; out_empty
err_has "unknown relation property 'rol'"; err_has "known: basis, source, role"
zg $H neighbours 杭州 --where role; rc_is 1; err_has "has no operator"

check "JSON edges carry their properties as an object"
zg $H -f json neighbours 杭州 --rel includes --where role=核心区; rc_is 0; json_ok
out_has '"props": {'; out_has '"role": "核心区"'
zg $H -f json neighbours 杭州 --rel located_in; rc_is 0; json_ok
out_has '"props": {}'

check "show lists relations with their properties"
zg $H -f tsv show zone:杭州; rc_is 0
out_has "$(printf 'out\tincludes\t包括\tpark-core\t核心园\tpark\tstated\ts1\trole=核心区\t以核心园为核心')"

check "common, path and relate show properties and take --where"
zg $H -f tsv common 杭州 成都 --rel located_in; rc_is 0
out_has "props_a	props_b"
zg $H -f tsv path 核心园 小镇; rc_is 0
out_has "$(printf 'stated\ts1\trole=核心区\t')"; out_has "$(printf 'implied\ts1\trole=园区\t')"
zg $H -f tsv path 核心园 小镇 --where role=核心区; rc_is 2
err_has "no path from 核心园 to 小镇"
zg $H -f tsv relate 核心园 小镇; rc_is 0
out_has "path	hop	sentence	basis	source	props	evidence"
out_has "role=园区"
zg $H -f tsv relate 核心园 小镇 --where basis=stated; rc_is 0
out_lacks "role=园区"

# ---- --evidence ----

check "--evidence adds the source and the sentence"
zg $H -f tsv neighbours 杭州 --rel focuses_on --evidence; rc_is 0
out_equals "$(printf 'distance\tnode\tnode_name\ttype\trelation\tdirection\tvia\tvia_name\tprops\tsource\tevidence\n1\tsector-smart-finance\t智慧金融\tsector\tfocuses_on\tout\tzone-h\t杭州先导区\trole=重点应用领域\ts1\t杭州聚焦智慧金融。')"
zg $H -f tsv common 杭州 成都 --rel located_in --evidence; rc_is 0
out_has "sentence	source_a	evidence_a	source_b	evidence_b"
zg --data "$MINI" -f tsv list zone --where batch=2 --evidence; rc_is 0
out_equals "$(printf 'node\tnode_name\tbatch\tsources\tevidence\tbatch#source\tbatch#evidence\nzone-a\t甲先导区\t2\ts1\t\t\t')"
zg $H -f tsv list city --where 'ai_industry_scale@2022>=500' --evidence; rc_is 0
out_equals "$(printf 'node\tnode_name\tai_industry_scale@2022\tsources\tevidence\tai_industry_scale@2022#source\tai_industry_scale@2022#evidence\ncity-c\t成都\t500\t\t\ts1\t到2022年，成都人工智能的产业规模将突破500亿元。')"
zg $H -f tsv list city --show 'ai_industry_scale@2020#evidence'; rc_is 0
out_has "$(printf 'city-c\t成都\t2020年成都人工智能产业规模达200亿元。')"
zg $H list city --show 'ai_industry_scale#note'; rc_is 1; err_has "'ai_industry_scale#note': after '#' comes source or evidence"
zg $H list city --show 'name#source'; rc_is 1; err_has "only a property or a figure"
zg $H -f tsv rank zone --evidence; rc_is 0
out_has "rank	node	node_name	count	sources	evidence"

# ---- TSV names ----

check "TSV prints a node as id and name, and the English name with --lang en"
zg --data "$MINI" -f tsv neighbours 甲 --type strategy; rc_is 0
out_equals "$(printf 'distance\tnode\tnode_name\ttype\trelation\tdirection\tvia\tvia_name\tprops\n1\tstrategy-x\t一带一路\tstrategy\tserves\tout\tzone-a\t甲先导区\t')"
zg --data "$MINI" -f tsv --lang en neighbours 甲 --type strategy; rc_is 0
out_equals "$(printf 'distance\tnode\tnode_name\tnode_en\ttype\trelation\tdirection\tvia\tvia_name\tvia_en\tprops\n1\tstrategy-x\t一带一路\tBelt and Road Initiative\tstrategy\tserves\tout\tzone-a\t甲先导区\tAlpha Pilot Zone\t')"

# ---- figures by date or kind ----

check "list --where picks a figure by date or kind; show prints every figure"
zg $H -f tsv list city --where 'ai_industry_scale>=500'; rc_is 1
err_has "'ai_industry_scale' fits more than one figure of 'city-c'"
zg $H -f tsv list city --show 'ai_industry_scale@202'; rc_is 1
err_has "'202' in 'ai_industry_scale@202' is neither a kind (actual, target, forecast, estimate) nor a date"
zg $H -f tsv list city --where 'ai_industry_scale@2022>=500'; rc_is 0
out_equals "$(printf 'node\tnode_name\tai_industry_scale@2022\ncity-c\t成都\t500')"
zg $H -f tsv list city --where 'ai_industry_scale@target>=500'; rc_is 0
out_has "city-c"
zg $H -f tsv list city --where 'ai_industry_scale@2022@actual>=500'; rc_is 0
out_lacks "city-c"
zg $H -f tsv list city --show 'ai_industry_scale@2020'; rc_is 0
out_has "$(printf 'city-c\t成都\t200')"
zg $H list city --where 'ai_industry_scale@soon>=1'; rc_is 1
err_has "'soon' in 'ai_industry_scale@soon' is neither a kind"
zg $H list city --where 'scale@2022>=1'; rc_is 1
err_has "unknown figure in 'scale@2022'"
zg $H -f tsv show city:成都; rc_is 0
out_has "$(printf 'ai_industry_scale\t人工智能产业规模\t200\t亿元\t2020')"
out_has "$(printf 'ai_industry_scale\t人工智能产业规模\t500\t亿元\t2022\tover\ttarget')"

# ---- the resolved entity ----

check "table output names the entity a typed name resolved to"
zg $H -f table neighbours 杭州 --rel includes; rc_is 0
[ "$(sed -n 1p "$tmp/out")" = "zone 杭州先导区 (杭州)" ] ||
    fail "header line: '$(sed -n 1p "$tmp/out")'"
err_has "'杭州' also names city:city-h"
zg $H -f table show 杭州先导区; rc_is 0
[ "$(sed -n 1p "$tmp/out")" = "zone 杭州先导区" ] ||
    fail "header line without a different typed name: '$(sed -n 1p "$tmp/out")'"
zg $H -f table common 杭州 成都 --rel located_in; rc_is 0
[ "$(sed -n 2p "$tmp/out")" = "zone 成都先导区 (成都)" ] ||
    fail "second header line: '$(sed -n 2p "$tmp/out")'"
zg $H -f tsv neighbours 杭州 --rel includes; rc_is 0
out_lacks "(杭州)"

# ---- --broader ----

check "common --broader shares 金融 through 智慧金融, and says so"
zg $H -f tsv common 杭州 成都 --rel focuses_on; rc_is 0
[ "$(rows)" -eq 0 ] || fail "shared without --broader"
zg $H -f tsv common 杭州 成都 --rel focuses_on --broader; rc_is 0
out_has "$(printf 'sector\tsector-finance\t金融\tfocuses_on\tout\tfocuses_on\tout\trole=重点应用领域\t\tsector-smart-finance\t智慧金融\t\t\t杭州先导区聚焦智慧金融。智慧金融属于金融。成都先导区聚焦金融。')"
out_has "$(printf 'sector-services\t服务业\t')"
zg $H -f table common 杭州 成都 --rel focuses_on --broader; rc_is 0
out_has "through_a"; out_has "智慧金融属于金融。"

check "neighbours --broader reaches the broader nodes, once each through a cycle"
zg $H -f tsv neighbours 杭州 --rel focuses_on --broader; rc_is 0
out_equals "$(printf 'distance\tnode\tnode_name\ttype\trelation\tdirection\tvia\tvia_name\tprops\tthrough\tthrough_name\n1\tsector-smart-finance\t智慧金融\tsector\tfocuses_on\tout\tzone-h\t杭州先导区\trole=重点应用领域\t\t\n1\tsector-finance\t金融\tsector\tfocuses_on\tout\tzone-h\t杭州先导区\trole=重点应用领域\tsector-smart-finance\t智慧金融\n1\tsector-services\t服务业\tsector\tfocuses_on\tout\tzone-h\t杭州先导区\trole=重点应用领域\tsector-smart-finance\t智慧金融')"

check "similar --broader counts the shared broader sectors"
zg $H -f tsv similar 杭州 --by focuses_on; rc_is 0
[ "$(rows)" -eq 0 ] || fail "similar without --broader"
zg $H -f tsv similar 杭州 --by focuses_on --broader; rc_is 0
out_equals "$(printf 'node\tnode_name\tscore\tshared\tunion\titems\nzone-c\t成都先导区\t0.5\t2\t4\t金融 (broader)、服务业 (broader)')"

check "--broader without a relation type broader is an error"
for cmd in "common 甲 乙" "similar 甲" "neighbours 甲"; do
    zg --data "$MINI" $cmd --broader; rc_is 1; out_empty
    err_has "no relation type named 'broader'"
done

# ---- TSV columns ----

# header ARGS...: run zonegraph, which must succeed; $hdr is the first line
# of its output.
header() {
    zg "$@"; rc_is 0
    hdr=$(head -n 1 "$tmp/out")
}

check "TSV columns are fixed by the command, not by the rows it finds"
header $H -f tsv neighbours 杭州 --where role=无此角色 --lang en; none=$hdr
[ "$(rows)" -eq 0 ] || fail "a role nothing has matched"
header $H -f tsv neighbours 杭州 --where role=核心区 --lang en; some=$hdr
[ "$(rows)" -gt 0 ] || fail "no park has role 核心区"
[ "$none" = "$some" ] || fail "neighbours headers differ: '$none' vs '$some'"
[ "$some" = "$(printf 'distance\tnode\tnode_name\tnode_en\ttype\trelation\tdirection\tvia\tvia_name\tvia_en\tprops')" ] ||
    fail "neighbours header: '$some'"
header $H -f tsv common 杭州 成都 --broader --where role=无此角色; none=$hdr
[ "$(rows)" -eq 0 ] || fail "common matched a role nothing has"
header $H -f tsv common 杭州 成都 --broader --rel focuses_on; some=$hdr
[ "$(rows)" -gt 0 ] || fail "common --broader found nothing"
[ "$none" = "$some" ] || fail "common headers differ: '$none' vs '$some'"

# ---- the shipped dataset ----

: "${ZG_DATA:?}"
[ -f "$ZG_DATA" ] || { echo "all answers checks passed (no dataset)"; exit 0; }
D="--data $ZG_DATA"

check "dataset: the Hangzhou zone's parks by role, whatever the role values"
zg $D -f tsv neighbours zone:杭州 --rel includes; rc_is 0
all=$(rows)
# the role of the first park, from its props (name=value; name=value)
role=$(sed -n 2p "$tmp/out" | awk -F'\t' '{ print $NF }' |
    tr ';' '\n' | sed -n 's/^ *\(role=.*\)$/\1/p')
case $role in role=?*) ;; *) fail "first park has no role: '$role'" ;; esac
zg $D -f tsv neighbours zone:杭州 --rel includes --where "$role"; rc_is 0
some=$(rows)
[ "$some" -gt 0 ] && [ "$some" -lt "$all" ] ||
    fail "--where $role kept $some of $all parks"
other=$(tail -n +2 "$tmp/out" | awk -F'\t' '{ print $NF }' | tr ';' '\n' |
    sed -n 's/^ *\(role=.*\)$/\1/p' | grep -vxF -- "$role")
[ -z "$other" ] || fail "--where $role kept other roles: $other"

check "dataset: an empty answer has the columns of a full one"
header $D -f tsv neighbours zone:杭州 --where role=无此角色; none=$hdr
[ "$(rows)" -eq 0 ] || fail "a role nothing has matched"
for w in role=核心区 role=核心 "$role"; do
    header $D -f tsv neighbours zone:杭州 --where "$w"; h=$hdr
    [ "$h" = "$none" ] || fail "--where $w: header '$h', not '$none'"
done

check "dataset: a piped answer keeps the names"
zg $D neighbours zone:成都 --type strategy; rc_is 0
out_has "$(printf 'strategy-belt-and-road\t一带一路\t')"

check "dataset: the Chengdu 2022 target is found by its date"
zg $D -f tsv list city --where 'ai_industry_scale@2022>=500'; rc_is 0
out_has "$(printf 'city-chengdu\t成都\t500')"

echo "all answers checks passed"
