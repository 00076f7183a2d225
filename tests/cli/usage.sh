#!/bin/sh
# zonegraph's command line against a small fixture (tests/data/cli/mini.xml):
# help and version, usage errors (exit 1 and a hint), global options before
# and after the command, names (notes, ambiguity, not found: exit 2),
# formats (table, tsv, json), -o, validate.
. "${top_srcdir:?}/tests/cli/lib.sh"
MINI="$FIX/mini.xml"

check "--help and --version exit 0"
zg --help; rc_is 0; out_has "Usage: zonegraph"; out_has "neighbours NAME"
out_has "end the options"; out_has 'zonegraph show -f tsv -- "$name"'
zg --version; rc_is 0; out_has "zonegraph "
zg show --help; rc_is 0; out_has "Usage: zonegraph show"
zg help list; rc_is 0; out_has "Usage: zonegraph list"
zg neighbors --help; rc_is 0; out_has "Usage: zonegraph neighbours"

check "no command, unknown command, bad option: exit 1 with a hint"
zg; rc_is 1; err_has "Usage: zonegraph"
zg frobnicate; rc_is 1; err_has "'frobnicate' is not a zonegraph command"
err_has "Try 'zonegraph --help'."
zg --data "$MINI" show --bogus 甲; rc_is 1
err_has "unknown option '--bogus'"; err_has "Try 'zonegraph show --help'."
zg --data "$MINI" neighbours 甲 --depth; rc_is 1; err_has "needs a value"
zg --data "$MINI" neighbours 甲 --depth x; rc_is 1; err_has "whole number"
zg --data "$MINI" neighbours 甲 --direction sideways; rc_is 1
zg --data "$MINI" show; rc_is 1; err_has "missing NAME"
zg --data "$MINI" show 甲 乙; rc_is 1
zg --data "$MINI" --format yaml show 甲; rc_is 1; err_has "unknown format 'yaml'"
zg --data "$MINI" --format xml show 甲; rc_is 1
err_has "format 'xml' is not available here"
zg --data "$MINI" --lang fr show 甲; rc_is 1
zg --data "$MINI" list zone --where batch; rc_is 1; err_has "no operator"
zg --data "$MINI" stats extra; rc_is 1
zg export --format table --data "$MINI"; rc_is 1; out_empty

check "unknown type or relation: exit 1, listing the known ones"
zg --data "$MINI" list planet; rc_is 1
err_has "known node types: zone, city, region, sector, strategy"
zg --data "$MINI" neighbours 甲 --rel bogus; rc_is 1
err_has "known relation types: located_in, in_region, focuses_on, serves"

check "a bad data file: exit 1 with FILE:LINE:COL"
zg --data "$FIX/bad.xml" show 甲; rc_is 1
err_has "$FIX/bad.xml:7:"; err_has ": error: "; err_has ": error: "
zg --data "$FIX/no-such-file.xml" show 甲; rc_is 1
err_has "no-such-file.xml"

check "names: a note when a name also names a lower-priority node"
zg --data "$MINI" --format tsv show 甲; rc_is 0
err_has "zonegraph: note: '甲' also names city:city-a (甲市); using zone:zone-a"
out_has "zone-a"

check "names: qualified by type"
zg --data "$MINI" --format tsv show city:甲; rc_is 0; err_empty
out_has "city-a"

check "names: ambiguous and unknown exit 2"
zg --data "$MINI" show 制造; rc_is 2; out_empty
err_has "'制造' is ambiguous"; err_has "sector:sector-m"; err_has "sector:sector-n"
zg --data "$MINI" show 乙先导; rc_is 2; err_has "no entity named '乙先导'"
err_has "did you mean"; err_has "乙先导区"
zg --data "$MINI" neighbours nowhere; rc_is 2

check "global options after the command, and \$ZONEGRAPH_DATA"
zg show zone-b --format tsv --data "$MINI"; rc_is 0; out_has "乙先导区"
export ZONEGRAPH_DATA="$MINI"
zg -f tsv show zone-b; rc_is 0; out_has "乙先导区"
unset ZONEGRAPH_DATA

check "show: card, properties, figures, relations with evidence (table)"
zg --data "$MINI" -f table show 甲; rc_is 0
out_has "type      zone"; out_has "id        zone-a"
out_has "en        Alpha Pilot Zone"; out_has "aliases   甲, Alpha (en)"
out_has "batch     integer"
out_has "ai_enterprises  人工智能企业数    550  家    2020  over"
out_has "relations (4)"
out_has "out        serves      服务   一带一路  strategy  implied   s1             甲服务一带一路建设。"
out_has "out        in_region   属于   某区域    region    inferred"
zg --data "$MINI" -f table --lang en show 甲; rc_is 0
out_has "AI enterprises"; out_has "serves      serves         Belt and Road Initiative"

check "show in JSON is one document"
zg --data "$MINI" -f json show 乙; rc_is 0; json_ok
out_has '"node": {'; out_has '"relations": {'; out_has '"evidence": "乙服务双城经济圈。"'

check "neighbours: direction, depth, filters (tsv)"
zg --data "$MINI" -f tsv neighbours 智能制造; rc_is 0
out_equals "$(printf 'distance\tnode\tnode_name\ttype\trelation\tdirection\tvia\tvia_name\tprops\n1\tzone-a\t甲先导区\tzone\tfocuses_on\tin\tsector-m\t智能制造\t\n1\tzone-b\t乙先导区\tzone\tfocuses_on\tin\tsector-m\t智能制造\t')"
zg --data "$MINI" -f tsv neighbours 智能制造 --direction out; rc_is 0
out_equals "$(printf 'distance\tnode\tnode_name\ttype\trelation\tdirection\tvia\tvia_name\tprops')"
zg --data "$MINI" -f tsv neighbours 甲 --depth 2 --rel focuses_on; rc_is 0
[ "$(column 2 | tr '\n' ' ')" = "sector-m zone-b " ] || fail "depth 2 walk"
zg --data "$MINI" -f tsv neighbors zone-b --type strategy; rc_is 0
[ "$(column 2 | tr '\n' ' ')" = "strategy-x strategy-y " ] || fail "--type"
zg --data "$MINI" -f json neighbours 乙 --rel 聚焦; rc_is 0; json_ok
out_has '"evidence": "乙聚焦智慧金融。"'

check "list: sorted by id, --where, --show; no match is exit 0"
zg --data "$MINI" -f tsv list zone --where batch=1; rc_is 0
out_equals "$(printf 'node\tnode_name\tbatch\nzone-b\t乙先导区\t1\nzone-c\t滨海先导区\t1')"
zg --data "$MINI" -f tsv list 先导区 --where 'since>=2019-10' --show en; rc_is 0
out_equals "$(printf 'node\tnode_name\ten\tsince\nzone-b\t乙先导区\tBeta Pilot Zone\t2019-10\nzone-c\t滨海先导区\tBinhai Pilot Zone\t2020-01')"
zg --data "$MINI" -f tsv list zone --where batch=9; rc_is 0
out_equals "$(printf 'node\tnode_name\tbatch')"

check "find: traditional characters, best first; no hit is exit 2"
zg --data "$MINI" -f tsv find 濱海; rc_is 0
[ "$(column 4 | head -n 1)" = "zone-c" ] || fail "find 濱海"
zg --data "$MINI" -f table find 濱海; rc_is 0; out_has "滨海先导区"
zg --data "$MINI" -f table find qqqqqq; rc_is 2; out_empty
err_has "nothing matches 'qqqqqq'"
zg --data "$MINI" -f json find qqqqqq; rc_is 2; json_ok

check "stats"
zg --data "$MINI" -f table stats; rc_is 0
out_has "nodes           10"; out_has "most connected"
out_has "focuses_on  聚焦           3"
zg --data "$MINI" -f json stats --top 3; rc_is 0; json_ok
out_has '"top": {'

check "-o writes a file; the format follows its extension"
zg --data "$MINI" -o "$tmp/card.json" show 乙; rc_is 0; out_empty
python3 -m json.tool "$tmp/card.json" >/dev/null 2>&1 ||
    ! command -v python3 >/dev/null || fail "-o card.json is not JSON"
zg --data "$MINI" -o "$tmp/no/such/dir/x.tsv" show 乙; rc_is 1
err_has "cannot open"
zg --data "$MINI" -o "$tmp/none.tsv" show nobody; rc_is 2
[ ! -e "$tmp/none.tsv" ] || fail "a failed answer left $tmp/none.tsv"

check "validate: one line per file, errors with FILE:LINE:COL"
# mini.xml has two inferred relations without a note: warnings, not errors
zg validate "$MINI"; rc_is 0
out_equals "$MINI: ok (10 nodes, 9 relations, 2 warnings)"
err_has "$MINI:64:3: warning: relation zone-a -[in_region]-> region-r is inferred"
zg validate "$MINI" "$MINI"; rc_is 0
out_equals "$(printf '%s: ok (10 nodes, 9 relations, 2 warnings)\n%s: ok (0 nodes, 0 relations, 2 warnings)' "$MINI" "$MINI")"
zg validate "$FIX/bad.xml"; rc_is 1; out_empty
err_has "$FIX/bad.xml:7:"; err_has ": error: "
zg validate; rc_is 1; err_has "missing FILE"

echo "all usage checks passed"
