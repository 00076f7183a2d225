#!/bin/sh
# What the command table and the shared option parser make alike across
# commands: the wording of a wrong number of operands, an option that
# takes one value given twice, the formats -o's extension chooses, and
# the usage line of a command called by its alias.
. "${top_srcdir:?}/tests/cli/lib.sh"
MINI="$FIX/mini.xml"

check "one operand: the same wording for every command that takes one"
for cmd in show neighbours similar; do
    zg --data "$MINI" $cmd; rc_is 1; err_has "$cmd: missing NAME"
    zg --data "$MINI" $cmd 甲 乙; rc_is 1
    err_has "$cmd: one NAME only (quote a name with spaces)"
done
for cmd in list rank; do
    zg --data "$MINI" $cmd; rc_is 1; err_has "$cmd: missing TYPE"
    zg --data "$MINI" $cmd zone city; rc_is 1
    err_has "$cmd: one TYPE only (quote a name with spaces)"
done
zg --data "$MINI" common 甲; rc_is 1
err_has "common: missing A and B (quote a name with spaces)"
zg --data "$MINI" relate 甲 乙 丙; rc_is 1
err_has "relate: only A and B (quote a name with spaces)"

check "an option that takes one value, given twice, is a usage error"
zg validate --max-errors 3 --max-errors 4 "$MINI"; rc_is 1
err_has "--max-errors given twice"
zg --data "$MINI" neighbours 甲 --direction in --direction out; rc_is 1
err_has "--direction given twice"
zg --data "$MINI" rank zone --by in --by out; rc_is 1
err_has "--by given twice"

check "the words an option takes are named when it gets another"
zg --data "$MINI" path 甲 乙 --direction up; rc_is 1
err_has "--direction is out, in or both, not 'up'"
zg --data "$MINI" -f yaml stats; rc_is 1
err_has "unknown format 'yaml' (table, tsv, json, dot, svg, png, pdf, xml, graphml)"

check "-o: only the extensions the manual lists choose a format"
zg --data "$MINI" show 甲 -o "$tmp/a.json"; rc_is 0
grep -q '"node"' "$tmp/a.json" || fail "a.json is not JSON"
zg --data "$MINI" show 甲 -o "$tmp/a.table"; rc_is 0
head -n 1 "$tmp/a.table" | grep -q '^type	id	' || fail "a.table is not TSV"
zg --data "$MINI" export -o "$tmp/a.gv"; rc_is 0
head -n 1 "$tmp/a.gv" | grep -q 'digraph' || fail "a.gv is not DOT"

check "help: operands from the table, an alias's usage line is the command's"
zg --help; rc_is 0; out_has "  find TEXT...  "
zg explain --help; rc_is 0; out_has "Usage: zonegraph relate [OPTIONS] A B"
zg help neighbors; rc_is 0; out_has "Usage: zonegraph neighbours [OPTIONS] NAME"
zg export --help; rc_is 0; out_has "xml (zonegraph XML)"
out_has "(.dot/.gv, .svg, .png, .pdf, .xml,"; out_has ".graphml). png and pdf are not"
exit 0
