# Shared by the CLI tests (sourced, not run): run zonegraph, check exit
# codes and output, stop at the first failure.
# Needs top_builddir and top_srcdir (the test harness sets them).

: "${top_builddir:?}" "${top_srcdir:?}"
ZG="$top_builddir/zonegraph"
FIX="$top_srcdir/tests/data/cli"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zgcli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
# Never pick up the caller's data.
unset ZONEGRAPH_DATA

fail() {
    echo "FAIL: $*" >&2
    echo "--- stdout" >&2
    cat "$tmp/out" >&2
    echo "--- stderr" >&2
    cat "$tmp/err" >&2
    exit 1
}

# check DESCRIPTION: announce the next check.
check() {
    echo "check: $*"
}

# zg ARGS...: run zonegraph, keeping stdout, stderr and the exit code.
# $ZG_WRAPPER (unquoted: a command and its options, e.g. valgrind) runs it
# under a checker; `make check-valgrind` sets it.
zg() {
    ${ZG_WRAPPER:-} "$ZG" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

rc_is() {
    [ "$rc" -eq "$1" ] || fail "exit code $rc, expected $1"
}

# out_has TEXT / err_has TEXT / out_lacks TEXT: fixed-string searches.
out_has() {
    grep -qF -- "$1" "$tmp/out" || fail "stdout lacks '$1'"
}
err_has() {
    grep -qF -- "$1" "$tmp/err" || fail "stderr lacks '$1'"
}
out_lacks() {
    ! grep -qF -- "$1" "$tmp/out" || fail "stdout has '$1'"
}
err_lacks() {
    ! grep -qF -- "$1" "$tmp/err" || fail "stderr has '$1'"
}
out_empty() {
    [ ! -s "$tmp/out" ] || fail "stdout is not empty"
}
err_empty() {
    [ ! -s "$tmp/err" ] || fail "stderr is not empty"
}

# out_equals TEXT: stdout is exactly TEXT (plus the final newline).
out_equals() {
    printf '%s\n' "$1" >"$tmp/want"
    cmp -s "$tmp/want" "$tmp/out" || {
        diff -u "$tmp/want" "$tmp/out" >&2
        fail "stdout differs"
    }
}

# column N: the Nth tab-separated field of stdout after the header.
column() {
    tail -n +2 "$tmp/out" | cut -f "$1"
}

json_ok() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -m json.tool "$tmp/out" >/dev/null ||
            fail "stdout is not valid JSON"
    else
        echo "  (python3 missing: JSON not parsed)"
    fi
}
