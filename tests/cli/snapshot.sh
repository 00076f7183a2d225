#!/bin/sh
# save and --data FILE.zgs: the shipped dataset ($ZG_DATA) saved as a
# snapshot answers every command as the XML does; validate checks a
# snapshot; damaged snapshots and files after one are refused with the
# file named.
. "${top_srcdir:?}/tests/cli/lib.sh"
: "${ZG_DATA:?}"
[ -f "$ZG_DATA" ] || { echo "SKIP: no dataset at $ZG_DATA"; exit 77; }
S="$tmp/data.zgs"

check "save writes a snapshot, silently"
zg --data "$ZG_DATA" save "$S"; rc_is 0
out_empty; err_empty
[ -f "$S" ] || fail "no snapshot written"
ls "$tmp" | grep -q 'tmp-' && fail "a temporary file was left"

check "the snapshot answers as the XML does"
for args in "stats" "-f tsv path 北京 上海" "-f tsv show 杭州" \
    "-f tsv neighbours 成都 --depth 2" "-f tsv find 核心" "-f tsv list zone" \
    "-f tsv relate 北京 杭州" "-f tsv rank zone" "-f tsv hubs" \
    "-f tsv similar 杭州" "export -f xml" "export -f graphml" \
    "export -f dot" "-f json show 北京 --as-of 2020"; do
    # shellcheck disable=SC2086 # the words of $args are the arguments
    zg --data "$ZG_DATA" $args
    cp "$tmp/out" "$tmp/want"
    cp "$tmp/err" "$tmp/want-err"
    want_rc=$rc
    # shellcheck disable=SC2086
    zg --data "$S" $args
    [ "$rc" -eq "$want_rc" ] || fail "$args: exit code $rc, not $want_rc"
    cmp -s "$tmp/out" "$tmp/want" || fail "$args: not the XML's answer"
    cmp -s "$tmp/err" "$tmp/want-err" || fail "$args: not the XML's messages"
done

check "saving the opened snapshot writes the same file"
zg --data "$S" save "$tmp/again.zgs"; rc_is 0
cmp -s "$S" "$tmp/again.zgs" || fail "the second save differs"

check "validate checks a snapshot completely"
zg validate "$S"; rc_is 0
out_equals "$S: ok (snapshot: 104 nodes, 140 relations)"

check "a file after a snapshot is refused: the snapshot is read-only"
zg --data "$S" --data "$ZG_DATA" stats; rc_is 1
err_has "cannot add to the graph of snapshot '$S'"

check "a truncated snapshot is refused, naming the file"
head -c 1000 "$S" >"$tmp/cut.zgs"
zg --data "$tmp/cut.zgs" stats; rc_is 1
err_has "$tmp/cut.zgs: error: truncated"
zg validate "$tmp/cut.zgs"; rc_is 1
err_has "truncated"

check "a damaged section is refused, naming it"
cp "$S" "$tmp/bad.zgs"
# a byte of the first section (the string pool) changed
printf 'Z' | dd of="$tmp/bad.zgs" bs=1 seek=70 conv=notrunc 2>/dev/null
zg --data "$tmp/bad.zgs" stats; rc_is 1
err_has "section 'STRS' is corrupt"

check "a damaged block of the relations: opening and listing nodes do not read it; validate and a command that reads it refuse, naming it"
cp "$S" "$tmp/bad.zgs"
# the offset of the relation types (ETYP) from the section table
table=$(od -An -t u8 -j 24 -N 8 "$S" | tr -d ' ')
count=$(od -An -t u4 -j 32 -N 4 "$S" | tr -d ' ')
at=
i=0
while [ "$i" -lt "$count" ]; do
    e=$((table + 32 * i))
    if [ "$(od -An -c -j "$e" -N 4 "$S" | tr -d ' ')" = ETYP ]; then
        at=$(od -An -t u8 -j $((e + 8)) -N 8 "$S" | tr -d ' ')
    fi
    i=$((i + 1))
done
[ -n "$at" ] || fail "no section ETYP"
printf '\377' | dd of="$tmp/bad.zgs" bs=1 seek=$((at + 1)) conv=notrunc \
    2>/dev/null
zg --data "$ZG_DATA" -f tsv list zone
cp "$tmp/out" "$tmp/want"
zg --data "$tmp/bad.zgs" -f tsv list zone; rc_is 0
cmp -s "$tmp/out" "$tmp/want" || fail "list: not the XML's answer"
zg validate "$tmp/bad.zgs"; rc_is 1
err_has "section 'ETYP' is corrupt (checksum mismatch in bytes 0 to"
zg --data "$tmp/bad.zgs" -f tsv path 北京 上海; rc_is 1
err_has "$tmp/bad.zgs: error: section 'ETYP' is corrupt"
out_empty
zg --data "$tmp/bad.zgs" stats; rc_is 1
err_has "section 'ETYP' is corrupt"

check "save refuses a missing folder and --as-of"
zg --data "$ZG_DATA" save "$tmp/no/such/x.zgs"; rc_is 1
err_has "$tmp/no/such/x.zgs"
zg --data "$ZG_DATA" --as-of 2020 save "$tmp/x.zgs"; rc_is 1
err_has "--as-of does not apply to save"
[ -e "$tmp/x.zgs" ] && fail "written anyway"
exit 0
