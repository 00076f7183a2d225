#!/bin/sh
# Files planted in the working directory change nothing: OpenCC's
# configuration and dictionaries are read only from the installed folder
# (or $ZONEGRAPH_OPENCC_DIR, which must be absolute), and a missing or
# broken dictionary gives a one-line error, never an abort or a quote of a
# file the user did not name.
. "${top_srcdir:?}/tests/cli/lib.sh"
: "${ZG_DATA:?}"
[ -f "$ZG_DATA" ] || { echo "SKIP: no dataset at $ZG_DATA"; exit 77; }
unset ZONEGRAPH_OPENCC_DIR
ZG_ABS=$(cd "$(dirname "$ZG")" && pwd)/zonegraph
ZG=$ZG_ABS
cp "$ZG_DATA" "$tmp/data.xml" || exit 99

# answers DIR: the answers of a few lookups run in DIR, into DIR/answers.
answers() {
    (
        cd "$1" || exit 99
        for q in "validate data.xml" "--data data.xml -f tsv find 深圳" \
            "--data data.xml -f tsv show 廣州" \
            "--data data.xml -f tsv neighbours 濱海"; do
            # shellcheck disable=SC2086
            ${ZG_WRAPPER:-} "$ZG" $q
            echo "exit $?"
        done
    ) >"$1/answers" 2>&1
}

mkdir "$tmp/clean" "$tmp/planted" || exit 99
cp "$tmp/data.xml" "$tmp/clean/" && cp "$tmp/data.xml" "$tmp/planted/" || exit 99
answers "$tmp/clean"
grep -q "^exit 0" "$tmp/clean/answers" || {
    cat "$tmp/clean/answers" >&2
    echo "FAIL: the clean run did not answer" >&2
    exit 1
}

# A secret the planted configuration names as a text dictionary.
echo "TOP-SECRET-LINE	深圳" >"$tmp/secret.txt"
plant() { # plant DIR: the files a hostile data bundle could carry
    cat >"$1/t2s.json" <<JSON
{"name":"planted","segmentation":{"type":"mmseg","dict":{"type":"text","file":"$tmp/secret.txt"}},
 "conversion_chain":[{"dict":{"type":"text","file":"map.txt"}}]}
JSON
    printf '深圳\t北京\n廣州\t深圳\n' >"$1/map.txt"
    # The first 5000 bytes of a real dictionary: OpenCC's trie library
    # throws on it, which once aborted the program.
    for d in TSPhrases TSCharacters; do
        head -c 5000 "$2/$d.ocd2" >"$1/$d.ocd2" || exit 99
    done
    cp "$1/t2s.json" "$1/t2s"
}

# The folder the build found (configure's --with-opencc-data).
datadir=${ZG_OPENCC_DATADIR:?}
[ -r "$datadir/TSPhrases.ocd2" ] || {
    echo "FAIL: no TSPhrases.ocd2 in $datadir" >&2
    exit 1
}

check "planted t2s.json, map.txt and truncated dictionaries change no answer"
plant "$tmp/planted" "$datadir"
answers "$tmp/planted"
cmp -s "$tmp/clean/answers" "$tmp/planted/answers" || {
    diff -u "$tmp/clean/answers" "$tmp/planted/answers" >&2
    echo "FAIL: answers differ with planted files" >&2
    exit 1
}

check "a broken dictionary folder: one clear line, exit 1, no abort"
mkdir "$tmp/broken" && plant "$tmp/broken" "$datadir"
ZONEGRAPH_OPENCC_DIR=$tmp/broken zg --data "$tmp/data.xml" show 廣州
rc_is 1
err_has "cannot load OpenCC's dictionaries from $tmp/broken"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "more than one line on stderr"

check "commands that look no name up do not load the dictionaries"
ZONEGRAPH_OPENCC_DIR=$tmp/broken zg --data "$tmp/data.xml" -f tsv stats
rc_is 0
ZONEGRAPH_OPENCC_DIR=$tmp/broken zg --data "$tmp/data.xml" -f tsv \
    show zone-guangzhou
rc_is 0

check "validate compares aliases with names as lookup does: it says it cannot"
ZONEGRAPH_OPENCC_DIR=$tmp/broken zg validate "$tmp/data.xml"
rc_is 1
err_has "cannot compare aliases with names: cannot load OpenCC's dictionaries"
err_lacks "out of memory"

check "a relative ZONEGRAPH_OPENCC_DIR is refused, even when it exists"
(cd "$tmp" && ZONEGRAPH_OPENCC_DIR=broken ${ZG_WRAPPER:-} "$ZG" \
    --data data.xml show 廣州 >"$tmp/out" 2>"$tmp/err")
rc=$?
rc_is 1
err_has "must be an absolute path, not 'broken'"

check "a folder without dictionaries: the file is named, nothing quoted"
ZONEGRAPH_OPENCC_DIR=$tmp/clean zg --data "$tmp/data.xml" find 深圳
rc_is 1
err_has "$tmp/clean/TSPhrases.ocd2"
! grep -q "TOP-SECRET" "$tmp/err" || fail "an error quotes the secret"

check "ZONEGRAPH_OPENCC_DIR naming the installed folder works"
ZONEGRAPH_OPENCC_DIR=$datadir/ zg --data "$tmp/data.xml" show 廣州
rc_is 0
echo "planted.sh: all checks passed"
