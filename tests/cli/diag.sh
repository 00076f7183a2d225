#!/bin/sh
# validate reports every error of a file, sorted by position, as
# FILE:LINE:COLUMN: error: MESSAGE [CODE]; warnings apart; --max-errors,
# --strict and -f json.
. "${top_srcdir:?}/tests/cli/lib.sh"

M="$FIX/many-errors.xml"
check "every error of a zonegraph file, in order, each at its place"
zg validate "$M"; rc_is 1; out_empty
cat >"$tmp/want" <<EOT
$M:10:3: error: since='2019-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD) [value]
$M:11:3: error: <zone> has no attribute 'colour' [attribute]
$M:12:3: error: <schema> appears twice: a file has at most one [duplicate]
$M:14:3: error: duplicate id 'city-a' [duplicate]
$M:15:3: error: relation refers to unknown node 'city-x' [reference]
$M:22:5: error: figure 'count': 'many' is not a decimal number of at most 24 digits [value]
EOT
cmp -s "$tmp/want" "$tmp/err" || { diff -u "$tmp/want" "$tmp/err" >&2; fail "errors differ"; }

check "a file on one line: each error is placed at its element"
# many-errors.xml with its lines joined after the XML declaration: the
# second <schema> is told apart from the errors of the other elements
{ head -n 1 "$M"; tail -n +2 "$M" | tr -d '\n'; echo; } >"$tmp/one.xml"
zg validate "$tmp/one.xml"; rc_is 1
[ "$(wc -l <"$tmp/err")" -eq 6 ] || fail "not 6 errors"
err_has "error: <schema> appears twice: a file has at most one [duplicate]"
if command -v python3 >/dev/null; then
    # columns count characters
    col=$(python3 -c 'import sys
print(open(sys.argv[1], encoding="utf-8").read().split("\n")[1].index("<schema/>") + 1)' "$tmp/one.xml")
    err_has "$tmp/one.xml:2:$col: error: <schema> appears twice"
fi
[ "$(grep -c ':2:[0-9]*: error: ' "$tmp/err")" -eq 6 ] || fail "not all placed"

check "a relation from a node that failed is not reported again"
# zone-b (line 11) failed; its relation at line 18 says nothing
! grep -q ':18:' "$tmp/err" || fail "a cascade from zone-b"

check "--max-errors N shows the first N by position, then how many more"
zg validate --max-errors 2 "$M"; rc_is 1
[ "$(wc -l <"$tmp/err")" -eq 3 ] || fail "not 2 errors and one more line"
err_has "$M:10:3: error:"; err_has "$M:11:3: error:"
err_has "$M: 4 more errors not shown"
zg validate --max-errors 0 "$M"; rc_is 1
[ "$(wc -l <"$tmp/err")" -eq 6 ] || fail "--max-errors 0 does not show all"
zg validate --max-errors x "$M"; rc_is 1; err_has "is not a count"
zg validate --max-errors -1 "$M"; rc_is 1; err_has "is not a count"

check "a file with many errors: the limit bounds what is printed"
{
    echo '<zonegraph version="1"><schema><nodetype name="zone"/></schema>'
    i=0
    while [ $i -lt 5000 ]; do
        echo "<zone id=\"z$i\" name=\"n$i\" since=\"bad\"/>"
        i=$((i + 1))
    done
    echo '</zonegraph>'
} >"$tmp/big.xml"
zg validate "$tmp/big.xml"; rc_is 1
[ "$(wc -l <"$tmp/err")" -eq 51 ] || fail "not 50 errors and one more line"
err_has "$tmp/big.xml:2:1: error: since='bad'"
err_has "$tmp/big.xml:51:1: error: since='bad'"
err_has "$tmp/big.xml: 4950 more errors not shown"

check "malformed XML ends the check; what came before it is reported"
printf '<zonegraph version="1">\n<schema><nodetype name="zone"/></schema>\n<zone id="a" name="x" since="bad"/>\n<zone id="b" name="y">\n</zonegraph>\n' >"$tmp/broken.xml"
zg validate "$tmp/broken.xml"; rc_is 1
err_has "$tmp/broken.xml:3:1: error: since='bad'"
err_has "$tmp/broken.xml:5:"; err_has "[xml]"
[ "$(wc -l <"$tmp/err")" -eq 2 ] || fail "not two errors"

check "what the file says does not choose the code"
printf '<zonegraph version="1">\n<schema><nodetype name="zone"/></schema>\n<zone id="a" name="x"><prop name="p" type="integer" value="duplicate"/></zone>\n<zone id="does not match the schema" name="y"/>\n<zone id="does not match the schema" name="z"/>\n</zonegraph>\n' >"$tmp/quoted.xml"
zg validate "$tmp/quoted.xml"; rc_is 1
err_has "$tmp/quoted.xml:3:23: error: property 'p': 'duplicate' is not an integer [value]"
err_has "$tmp/quoted.xml:5:1: error: duplicate id 'does not match the schema' [duplicate]"

G="$FIX/many-errors.graphml"
check "every error of a GraphML file"
zg validate "$G"; rc_is 1; out_empty
cat >"$tmp/want" <<EOT
$G:7:3: error: <key for='spaceship'>: unknown [value]
$G:10:43: error: property 'batch': 'two' is not an integer [value]
$G:11:18: error: <data key='nope'>: no <key> has that id [reference]
$G:13:5: error: relation refers to unknown node 'zz' [reference]
$G:14:5: error: GraphML <hyperedge> is not supported [structure]
$G:15:5: error: duplicate id 'a' [duplicate]
EOT
cmp -s "$tmp/want" "$tmp/err" || { diff -u "$tmp/want" "$tmp/err" >&2; fail "errors differ"; }

W="$FIX/warnings.xml"
check "warnings: reported apart, not failing without --strict"
zg validate "$W"; rc_is 0
# unused-source comes after the last file, as any file may cite a source
out_equals "$W: ok (2 nodes, 1 relations, 2 warnings)"
cat >"$tmp/want" <<EOT
$W:12:5: warning: alias 'ＡＢＣ市' of node 'zone-a' is the name of node 'city-a' [alias-is-name]
$W:15:3: warning: relation zone-a -[located_in]-> city-a is inferred but has no <note> saying why [inferred-without-note]
$W:10:3: warning: source 's2' is declared but nothing cites it [unused-source]
EOT
cmp -s "$tmp/want" "$tmp/err" || { diff -u "$tmp/want" "$tmp/err" >&2; fail "warnings differ"; }
zg validate --strict "$W"; rc_is 1; out_empty
cmp -s "$tmp/want" "$tmp/err" || fail "--strict changed the warnings"

check "unused-source: a later file's citation counts"
zg validate --strict "$FIX/srcs.xml" "$FIX/uses.xml"; rc_is 0; err_empty
out_has "$FIX/srcs.xml: ok (0 nodes, 0 relations)"
out_has "$FIX/uses.xml: ok (1 nodes, 0 relations)"
check "unused-source: after the last file, at its declaration"
zg validate "$FIX/uses.xml" "$FIX/srcs.xml"; rc_is 1
cat >"$tmp/want" <<EOT
$FIX/uses.xml:7:3: error: unknown source 's1' [reference]
$FIX/srcs.xml:2:3: warning: source 's1' is declared but nothing cites it [unused-source]
EOT
cmp -s "$tmp/want" "$tmp/err" || { diff -u "$tmp/want" "$tmp/err" >&2; fail "diagnostics differ"; }
zg validate --strict "$FIX/srcs.xml"; rc_is 1
out_equals "$FIX/srcs.xml: ok (0 nodes, 0 relations)"
err_has "$FIX/srcs.xml:2:3: warning: source 's1' is declared"

check "unused-source: what an element refused with an error cites counts"
zg validate "$FIX/broken-cite.xml"; rc_is 1
err_has "$FIX/broken-cite.xml:8:3: error: since='2019-13'"
! grep -q 'unused-source' "$tmp/err" || fail "s1 is cited by the refused node"

check "--strict: a file with a warning adds nothing"
zg validate "$FIX/warn1.xml" "$FIX/warn2.xml"; rc_is 0
out_has "$FIX/warn2.xml: ok (0 nodes, 1 relations)"
zg validate --strict "$FIX/warn1.xml" "$FIX/warn2.xml"; rc_is 1; out_empty
cat >"$tmp/want" <<EOT
$FIX/warn1.xml:10:5: warning: alias '甲市' of node 'zone-a' is the name of node 'city-a' [alias-is-name]
$FIX/warn2.xml:4:3: error: relation refers to unknown node 'zone-a' [reference]
EOT
cmp -s "$tmp/want" "$tmp/err" || { diff -u "$tmp/want" "$tmp/err" >&2; fail "diagnostics differ"; }

check "-f json: one array, an object per diagnostic"
# json_check FILE WANT: the JSON on stdout lists, for FILE, the
# diagnostics WANT gives as severity:line:column:code, one per line.
json_check() {
    command -v python3 >/dev/null || return 0
    python3 - "$tmp/out" "$1" "$2" <<'EOT' || fail "JSON output"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(d, list), d
for o in d:
    assert sorted(o) == ["code", "column", "file", "line", "message",
                         "severity"], o
    assert o["file"] == sys.argv[2], o
got = ["%s:%d:%d:%s" % (o["severity"], o["line"], o["column"], o["code"])
       for o in d]
assert got == sys.argv[3].split(), got
EOT
}
zg -f json validate "$M"; rc_is 1; err_empty
json_check "$M" "error:10:3:value error:11:3:attribute error:12:3:duplicate
error:14:3:duplicate error:15:3:reference error:22:5:value"
zg --format json validate "$W"; rc_is 0; err_empty
json_check "$W" "warning:12:5:alias-is-name warning:15:3:inferred-without-note
warning:10:3:unused-source"
grep -qF '"message": "alias '"'"'ＡＢＣ市'"'"' of node' "$tmp/out" ||
    fail "the message is not in the JSON"
zg -f json validate "$FIX/mini.xml"; rc_is 0; json_check "$FIX/mini.xml" "warning:64:3:inferred-without-note warning:65:3:inferred-without-note"
zg -f tsv validate "$W"; rc_is 1; err_has "validate writes text or json"

check "the shipped dataset: no errors"
zg validate "$top_srcdir/data/ai-pilot-zones.xml"; rc_is 0
! grep -q ': error: ' "$tmp/err" || fail "the dataset has errors"

echo "diag.sh: all checks passed"
