#!/bin/sh
# The importer checks all that data/zonegraph.rng checks, in one pass over
# the file. The errors the schema also finds are placed at their element;
# and on every zonegraph XML file of the tests, the hostile corpus, the
# shipped dataset and what `export -f xml` writes from each, the importer
# and `xmllint --relaxng` agree on accept or refuse, except for the files
# tests/data/schema/exceptions.tsv lists with the reason (rules only the
# importer checks).
. "${top_srcdir:?}/tests/cli/lib.sh"

S="$top_srcdir/tests/data/schema"

# refused NAME LINE:COL CODE MESSAGE: the import and validate refuse
# $S/NAME with an error at LINE:COL whose message starts with MESSAGE;
# validate gives it CODE.
refused() {
    zg --data "$S/$1" stats; rc_is 1
    err_has "zonegraph: $S/$1:$2: error: $4"
    zg validate "$S/$1"; rc_is 1
    grep -F -- "$S/$1:$2: error: $4" "$tmp/err" | grep -q " \[$3\]\$" ||
        fail "validate: no error '$4' [$3] at $2"
}

check "one <schema> per file"
refused two-schemas.xml 11:3 duplicate "<schema> appears twice: a file has at most one"

check "the children of <relation>: <evidence>, then any <prop>, then <note>"
refused relation-prop-before-evidence.xml 13:5 structure \
    "<evidence> comes after <prop> in <relation>: its children are <evidence>, then any <prop>, then <note>"
refused relation-note-before-evidence.xml 13:5 structure \
    "<evidence> comes after <note> in <relation>"
refused relation-note-before-prop.xml 14:5 structure \
    "<prop> comes after <note> in <relation>"

check "a relation, property or figure cites one source id"
refused relation-source-space.xml 11:3 value \
    "source=' s' is not a source id (non-empty, without white space at either end or a newline)"
refused prop-source-empty.xml 12:5 value "source='' is not a source id"
refused figure-source-space.xml 12:5 value "source='s ' is not a source id"

check "what the schema allows: children in any order in a node, lexical forms"
zg --data "$S/edge-forms.xml" stats; rc_is 0

if [ -z "${XMLLINT:-}" ]; then
    echo "schema.sh: xmllint not found: the agreement with the schema is not checked"
    exit 77
fi

# verdicts FILE: set $schema and $import to ok or refused.
verdicts() {
    if "$XMLLINT" --noout --nonet --relaxng "$top_srcdir/data/zonegraph.rng" \
        "$1" >/dev/null 2>&1; then
        schema=ok
    else
        schema=refused
    fi
    zg --data "$1" stats
    case $rc in
    0) import=ok ;;
    1) import=refused ;;
    *) fail "$1: exit code $rc" ;;
    esac
    # the checking import (validate) decides as the import does
    zg validate "$1"
    [ "$rc" -eq 0 ] && v=ok || v=refused
    [ "$v" = "$import" ] || fail "$1: the import says $import, validate $v"
}

check "the importer and the schema agree on every test file"
EXC="$S/exceptions.tsv"
n=0
for f in "$top_srcdir"/tests/data/*/*.xml "$top_srcdir"/tests/hostile/corpus/*.xml \
    "$ZG_DATA"; do
    rel=${f#"$top_srcdir"/}
    verdicts "$f"
    listed=$(awk -F '\t' -v f="$rel" '$1 == f { print $2 }' "$EXC")
    if [ "$schema" = refused ] && [ "$import" = ok ]; then
        fail "$rel: the importer accepts what the schema refuses"
    elif [ "$schema" = ok ] && [ "$import" = refused ] && [ -z "$listed" ]; then
        fail "$rel: the importer refuses what the schema accepts, and exceptions.tsv does not say why"
    elif [ "$schema" = "$import" ] && [ -n "$listed" ]; then
        fail "$rel: listed in exceptions.tsv ($listed), but the two agree"
    fi
    if [ "$import" = ok ]; then
        # what export writes from it: both accept it
        zg --data "$f" export -f xml -o "$tmp/export.xml"; rc_is 0
        verdicts "$tmp/export.xml"
        [ "$schema" = ok ] && [ "$import" = ok ] ||
            fail "$rel: exported, schema $schema, importer $import"
    fi
    n=$((n + 1))
done
# every exception names a file that exists
awk -F '\t' '!/^#/ && NF { print $1 }' "$EXC" | while read -r f; do
    [ -f "$top_srcdir/$f" ] || fail "exceptions.tsv lists $f, which does not exist"
done || exit 1
echo "schema.sh: $n files, all checks passed"
