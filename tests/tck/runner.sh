#!/bin/sh
# SPDX-License-Identifier: MIT
# tck_run judged on its own features (tests/tck/selftest/judge): each
# scenario's title says PASS, FAIL or SKIP, and the runner must agree;
# the recorded pass rate is a floor.
: "${top_builddir:?}" "${top_srcdir:?}"
run="$top_builddir/tests/tck/tck_run"
dir="$top_srcdir/tests/tck/selftest"
feature="$dir/judge/Judge1.feature"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zgtck.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

fail() {
    echo "FAIL: $*" >&2
    cat "$tmp/out" >&2
    exit 1
}

echo "check: --write records the rate of the cases run"
"$run" --write --failures --in judge "$dir" "$tmp/rate" >"$tmp/out" 2>&1 ||
    fail "--write exited $?"
grep -qx '46.7' "$tmp/rate" || fail "recorded $(cat "$tmp/rate"), not 46.7"
grep -qx 'TCK scope: 7 of 15 executable cases pass (46.7%), 1 skipped' \
    "$tmp/out" || fail "not the summary expected"
grep -q '1 skipped: set-up needs CREATE' "$tmp/out" ||
    fail "the skip reason is not shown"

echo "check: exactly the cases titled FAIL fail"
grep -n 'Scenario: \[[0-9]*\] FAIL' "$feature" |
    sed 's|^\([0-9]*\):.*|  FAIL judge/Judge1.feature:\1:|' >"$tmp/want"
outline=$(grep -n 'Scenario Outline: \[15\]' "$feature" | cut -d: -f1)
row=$(grep -n '| FAIL    |' "$feature" | cut -d: -f1)
echo "  FAIL judge/Judge1.feature:$outline (row $row):" >>"$tmp/want"
grep '^  FAIL ' "$tmp/out" | sed 's/\(:[0-9]*\( (row [0-9]*)\)\{0,1\}:\).*/\1/' \
    >"$tmp/got"
diff "$tmp/want" "$tmp/got" >"$tmp/diff" || {
    cat "$tmp/diff" >>"$tmp/out"
    fail "other cases failed than those titled FAIL"
}

echo "check: the run passes at the recorded rate and fails below it"
"$run" --in judge "$dir" "$tmp/rate" >"$tmp/out" 2>&1 ||
    fail "exited $? at the recorded rate"
echo 46.8 >"$tmp/rate"
"$run" --in judge "$dir" "$tmp/rate" >"$tmp/out" 2>&1 &&
    fail "passed below the recorded rate"
grep -q 'the pass rate fell below 46.8%' "$tmp/out" ||
    fail "no message for the fall"
exit 0
