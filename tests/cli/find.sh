#!/bin/sh
# find: full-text search of the shipped dataset ($ZG_DATA): names,
# property values and evidence sentences, ranked, each hit saying where it
# matched and quoting the match.
. "${top_srcdir:?}/tests/cli/lib.sh"
: "${ZG_DATA:?}"
[ -f "$ZG_DATA" ] || { echo "SKIP: no dataset at $ZG_DATA"; exit 77; }
D="--data $ZG_DATA"

check "find 西部地区: the Chengdu zone's property, the match marked"
zg $D -f tsv find 西部地区; rc_is 0
out_equals "score	match	where	on	type	text
4	prefix	prop distinction	zone-chengdu	zone	【西部地区】首个人工智能先导区"
zg $D -f table find 西部地区; rc_is 0
out_has "成都国家人工智能创新应用先导区"; out_has "【西部地区】首个人工智能先导区"

# The role of a park in a zone is a relation property; its value is
# written in English or, once translated, in Chinese.
if grep -q 'value="核心区"' "$ZG_DATA"; then role=核心区; else role="core area"; fi
check "find $role: the Hangzhou zone's includes relations"
zg $D -f tsv find "$role"; rc_is 0
[ "$(column 3 | grep -c "^prop role$")" -ge 2 ] || fail "fewer than two role hits"
column 4 | grep -q "^zone-hangzhou -includes-> park-" ||
    fail "no relation shown as zone-hangzhou -includes-> park-..."
[ "$(column 5 | sort -u)" = "includes" ] || fail "hits that are not includes"
out_has "【$role】"

check "find 科技冬奥 --in evidence: the Beijing zone's focus sentence"
zg $D -f tsv find 科技冬奥 --in evidence; rc_is 0
out_lacks "	name	"
[ "$(column 3 | sort -u)" = "evidence" ] || fail "hits outside evidence"
out_has "zone-beijing -focuses_on-> sector-tech-winter-olympics	focuses_on	"
out_has "“【科技冬奥】”等重点领域"
check "without --in, the sector named 科技冬奥 comes first"
zg $D -f tsv find 科技冬奥; rc_is 0
[ "$(column 4 | head -n 1)" = "sector-tech-winter-olympics" ] ||
    fail "first hit '$(column 4 | head -n 1)'"
[ "$(column 1 | head -n 1)" = "0" ] || fail "an exact name scores 0"

check "traditional and full-width queries find what is written simplified"
zg $D -f tsv find 科技冬奧 --in evidence; rc_is 0
out_has "【科技冬奥】"
zg $D -f tsv find ＣＨＥＮＧＤＵ --in names; rc_is 0
out_has "exact	en	city-chengdu	city	【Chengdu】"

check "--in is repeatable and takes a comma-separated list"
zg $D -f tsv find 科技冬奥 --in names --in evidence; rc_is 0
a=$(cat "$tmp/out")
zg $D -f tsv find 科技冬奥 --in names,evidence; rc_is 0
[ "$(cat "$tmp/out")" = "$a" ] || fail "--in names,evidence differs"
zg $D -f tsv find 西部地区 --in names,evidence; rc_is 2; err_has "nothing matches"
zg $D find 科技冬奥 --in evidence,nonsense; rc_is 1
err_has "--in takes names, props or evidence"; out_empty

check "a figure's unit is found among the properties"
zg $D -f tsv find 亿元 --in props; rc_is 0
column 3 | grep -q "^figure " || fail "no figure hit"

check "JSON: the text unmarked, the match as code point offsets"
zg $D -f json find 西部地区; rc_is 0; json_ok
if command -v python3 >/dev/null 2>&1; then
    python3 - "$tmp/out" <<'PY' || fail "JSON offsets"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["columns"] == ["score", "match", "where", "on", "type", "text",
                        "start", "end"], d["columns"]
row = d["rows"][0]
assert row[3]["id"] == "zone-chengdu", row
assert "【" not in row[5], row
assert row[5][row[6]:row[7]] == "西部地区", row
PY
fi

check "a near miss when nothing matches; nothing at all is exit 2"
zg $D -f tsv find 杭洲; rc_is 0
[ "$(column 2 | head -n 1)" = "distance 1" ] || fail "no near miss"
zg $D -f tsv find qqqqqqqq; rc_is 2; err_has "nothing matches 'qqqqqqqq'"
zg $D find " "; rc_is 1; err_has "nothing to search for"
