#!/bin/sh
# What reaches a terminal: every output format on text that would act on
# it or on Graphviz (tests/data/cli/escapes.xml): no raw control character
# (C0 but tab and newline, DEL, C1, bidi controls, line separators) in
# tables, cards, TSV, JSON, DOT, SVG, XML or GraphML; TSV rows and columns
# cannot be forged; JSON parses and decodes to the original text; SVG is
# well-formed XML and draws entity-like names literally; and a cell of a
# million characters is shown whole in well under a second.
. "${top_srcdir:?}/tests/cli/lib.sh"
ESC="$FIX/escapes.xml"
D="--data $ESC"

# no_controls FILE: no raw control character in FILE.
no_controls() {
    ! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1" ||
        fail "$1: a raw C0 control or DEL"
    ! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" ||
        fail "$1: a raw C1 control"
    ! LC_ALL=C grep -q "$(printf '\342\200[\216\217\250-\256]')" "$1" ||
        fail "$1: a raw bidi control or line separator"
    ! LC_ALL=C grep -q "$(printf '\342\201[\246-\251]')" "$1" ||
        fail "$1: a raw bidi isolate"
    ! LC_ALL=C grep -q "$(printf '\330\234')" "$1" ||
        fail "$1: a raw U+061C"
}

# xml_ok FILE: FILE is well-formed XML ($XMLLINT, else python3, else not
# checked).
xml_ok() {
    if [ -n "${XMLLINT:-}" ]; then
        "$XMLLINT" --noout "$1" 2>"$tmp/xmlerr" ||
            fail "xmllint rejects $1: $(head -3 "$tmp/xmlerr")"
    elif command -v python3 >/dev/null 2>&1; then
        python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' \
            "$1" || fail "$1 is not well-formed XML"
    else
        echo "  (no xmllint or python3: XML not parsed)"
    fi
}

# json_is FILE PYEXPR: FILE parses as JSON `d` and PYEXPR holds (python3).
json_is() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c "import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
assert $2, repr(d)" "$1" || fail "JSON: $2 does not hold"
    else
        echo "  (python3 missing: JSON not parsed)"
    fi
}

check "SVG: well-formed, no raw control, entity-like names drawn literally"
zg $D export -f svg; rc_is 0
no_controls "$tmp/out"
cp "$tmp/out" "$tmp/all.svg"
xml_ok "$tmp/all.svg"
# The name is the text "清屏&#x1B;[2J": drawn as it is (& escaped once).
out_has ">清屏&amp;#x1B;[2J</text>"
out_has ">区域&amp;#27;&amp;lt;</text>"
out_has ">链接&amp;#x1B;[31m\\u009B</text>"
out_has ">C1\\u009B31m红\\u202Eevil\\u2066x</text>"
out_has ">tab\\tnl\\nbs\\N q&quot;</text>"
out_has "xlink:title=\"z&#45;esc\""
zg $D --lang en export -f svg; rc_is 0
no_controls "$tmp/out"
cp "$tmp/out" "$tmp/en.svg"
xml_ok "$tmp/en.svg"
out_has ">AT&amp;amp;T &amp;lt;b&amp;gt;</text>"
out_has ">AT&amp;amp;T</text>"
zg $D path z-esc z-tab -f svg; rc_is 0
no_controls "$tmp/out"
cp "$tmp/out" "$tmp/path.svg"
xml_ok "$tmp/path.svg"

check "DOT: no raw control; Graphviz reads it and draws well-formed SVG"
for lang in zh en both; do
    zg $D --lang $lang export -f dot; rc_is 0
    no_controls "$tmp/out"
    if [ -n "${DOT:-}" ]; then
        "$DOT" -Tsvg "$tmp/out" >"$tmp/dot.svg" 2>"$tmp/doterr" ||
            fail "dot rejects the diagram: $(cat "$tmp/doterr")"
        [ ! -s "$tmp/doterr" ] || fail "dot warns: $(cat "$tmp/doterr")"
        no_controls "$tmp/dot.svg"
        xml_ok "$tmp/dot.svg"
    fi
done
out_has 'C1\\u009B31m红\\u202Eevil\\u2066x'
out_has '清屏&amp;#x1B;[2J'

check "table and card: controls shown escaped, one line per row"
zg $D show z-c1 -f table; rc_is 0
no_controls "$tmp/out"
out_has "C1\\u009B31m红\\u202Eevil\\u2066x"
out_has "bidi\\u202Etxt\\u2028ls"
out_has "tab\\tin\\nevidence\\ok\\u0085"
zg $D list zone -f table; rc_is 0
no_controls "$tmp/out"
[ "$(wc -l <"$tmp/out")" -eq 5 ] || fail "expected a header, a rule and 3 rows"
zg $D neighbours z-c1 -f table; rc_is 0
no_controls "$tmp/out"
zg $D find 清屏 -f table; rc_is 0
no_controls "$tmp/out"

check "TSV: controls escaped, backslash doubled, rows and columns intact"
zg $D neighbours z-c1 -f tsv; rc_is 0
no_controls "$tmp/out"
head -1 "$tmp/out" | awk -F'\t' '{ print NF }' >"$tmp/nf"
n=$(cat "$tmp/nf")
awk -F'\t' -v n="$n" 'NF != n { exit 1 }' "$tmp/out" ||
    fail "a row with other than $n fields"
zg $D show z-c1 -f tsv; rc_is 0
no_controls "$tmp/out"
out_has "	C1\\u009B31m红\\u202Eevil\\u2066x	bidi\\u202Etxt\\u2028ls	"
out_has "	tab\\tin\\nevidence\\\\ok\\u0085"
zg $D show z-tab -f tsv; rc_is 0
out_has "	tab\\tnl\\nbs\\\\N q\"	"

check "JSON: no raw control, parses, decodes to the original text"
zg $D show z-c1 -f json; rc_is 0
no_controls "$tmp/out"
out_has '"C1\u009B31m红\u202Eevil\u2066x"'
json_is "$tmp/out" \
    "d['node']['name'] == 'C1\\u009b31m红\\u202eevil\\u2066x' and d['node']['en'] == 'bidi\\u202etxt\\u2028ls'"
json_is "$tmp/out" \
    "any(r[-1]['evidence'] == 'tab\\tin\\nevidence\\\\ok\\x85' for r in d['relations']['rows'])"
zg $D neighbours z-esc -f json; rc_is 0
no_controls "$tmp/out"
json_is "$tmp/out" \
    "any(r[1]['name'] == 'C1\\x9b31m红\\u202eevil\\u2066x' for r in d['rows'])"
json_is "$tmp/out" "d['rows'][0][1]['name'] == '区域&#27;&lt;'"

check "XML and GraphML: controls as character references, same graph back"
zg $D export -f xml; rc_is 0
no_controls "$tmp/out"
out_has 'name="C1&#x9B;31m红&#x202E;evil&#x2066;x"'
cp "$tmp/out" "$tmp/back.xml"
zg --data "$tmp/back.xml" export -f xml; rc_is 0
cmp -s "$tmp/out" "$tmp/back.xml" || fail "XML does not round-trip"
zg $D export -f graphml; rc_is 0
no_controls "$tmp/out"
cp "$tmp/out" "$tmp/back.graphml"
zg --data "$tmp/back.graphml" export -f xml; rc_is 0
cmp -s "$tmp/out" "$tmp/back.xml" || fail "GraphML does not round-trip"

check "a cell of a million characters: shown whole, in well under a second"
{
    printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
        '<zonegraph version="1"><schema>' \
        '<nodetype name="zone" zh="先导区" en="pilot zone"/>' \
        '<relationtype name="linked" from="zone" to="zone"/>' \
        '</schema><source id="s1" title="t"/>' \
        '<zone id="a" name="甲" source="s1"/><zone id="b" name="乙" source="s1"/>' \
        '<relation from="a" type="linked" to="b" source="s1"><evidence>'
    head -c 999999 /dev/zero | tr '\0' 'x'
    printf '%s\n' '&#x9B;</evidence></relation></zonegraph>'
} >"$tmp/huge.xml"
scale=${ZG_HOSTILE_TIME_SCALE:-1}
[ -z "${ZG_WRAPPER:-}" ] || scale=$((scale * 30)) # under valgrind
for f in table tsv json; do
    t0=$(date +%s%N)
    zg --data "$tmp/huge.xml" show a -f $f; rc_is 0
    t1=$(date +%s%N)
    ms=$(((t1 - t0) / 1000000))
    echo "  $f: $ms ms"
    [ "$ms" -le $((3000 * scale)) ] ||
        fail "show -f $f of a 1,000,000-character cell took $ms ms"
    no_controls "$tmp/out"
    [ "$(wc -c <"$tmp/out")" -gt 1000000 ] || fail "the cell was cut"
done
echo "ok"
