#!/bin/sh
# find: full-text search of the shipped dataset ($ZG_DATA): names,
# property values and evidence sentences, ranked, each hit saying where it
# matched and quoting the match.
. "${top_srcdir:?}/tests/cli/lib.sh"
: "${ZG_DATA:?}"
[ -f "$ZG_DATA" ] || { echo "SKIP: no dataset at $ZG_DATA"; exit 77; }
D="--data $ZG_DATA"

check "find 西部地区: the region first, then the Chengdu zone's property and relation"
zg $D -f tsv find 西部地区; rc_is 0
out_equals "score	match	where	on	on_name	type	text
0	exact	name	region-western-china	西部地区	region	【西部地区】
4	substring	prop tasks	zone-chengdu	成都国家人工智能创新应用先导区	zone	…进技术-产业迭代发展；结合【西部地区】特点，在政策、机制、模式…
5	substring	evidence	zone-chengdu -first_in-> region-western-china	成都国家人工智能创新应用先导区 -first_in-> 西部地区	first_in	而成都则是目前【西部地区】首个人工智能先导区。"
zg $D -f table find 西部地区; rc_is 0
out_has "成都国家人工智能创新应用先导区"; out_has "而成都则是目前【西部地区】首个人工智能先导区。"

# The role of a park in a zone is a relation property, in the article's
# words: the two core parks of the Hangzhou zone are its 核心.
check "find 核心 --in props: the Hangzhou zone's includes relations match exactly"
zg $D -f tsv find 核心 --in props; rc_is 0
awk -F '\t' '$2 == "exact" && $3 == "prop role"' "$tmp/out" >"$tmp/exact"
[ "$(wc -l <"$tmp/exact")" -eq 2 ] || fail "not two exact role hits"
cut -f 4 "$tmp/exact" | grep -vq "^zone-hangzhou -includes-> park-" &&
    fail "an exact role hit that is not zone-hangzhou -includes-> park-..."
out_has "【核心】"

check "find 科技冬奥 --in evidence: the Beijing zone's focus sentence"
zg $D -f tsv find 科技冬奥 --in evidence; rc_is 0
out_lacks "	name	"
[ "$(column 3 | sort -u)" = "evidence" ] || fail "hits outside evidence"
out_has "zone-beijing -focuses_on-> sector-tech-winter-olympics	北京国家人工智能创新应用先导区 -focuses_on-> 科技冬奥	focuses_on	"
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
out_has "exact	en	city-chengdu	成都	city	【Chengdu】"

check "--in is repeatable and takes a comma-separated list"
zg $D -f tsv find 科技冬奥 --in names --in evidence; rc_is 0
a=$(cat "$tmp/out")
zg $D -f tsv find 科技冬奥 --in names,evidence; rc_is 0
[ "$(cat "$tmp/out")" = "$a" ] || fail "--in names,evidence differs"
zg $D -f tsv find 杭州样本 --in names,evidence; rc_is 2; err_has "nothing matches"
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
rows = [r for r in d["rows"] if isinstance(r[3], dict) and
        r[3].get("id") == "zone-chengdu"]
assert len(rows) == 1, d["rows"]
row = rows[0]
assert "【" not in row[5], row
assert row[6] > 0, row
assert row[5][row[6]:row[7]] == "西部地区", row
PY
fi

check "a near miss when nothing matches; nothing at all is exit 2"
zg $D -f tsv find 杭洲; rc_is 0
[ "$(column 2 | head -n 1)" = "distance 1" ] || fail "no near miss"
zg $D -f tsv find qqqqqqqq; rc_is 2; err_has "nothing matches 'qqqqqqqq'"
zg $D find " "; rc_is 1; err_has "nothing to search for"
