#!/bin/sh
# zonegraph shell: queries read from standard input as a script (no
# prompts, multi-line queries ending at ';', the shell's commands, the exit
# status 1 after a failed query), and at a real terminal driven through
# tmux: line editing, history kept in a file, multi-line input, Ctrl-C
# abandoning a line and cancelling a running query, Ctrl-D leaving.
. "${top_srcdir:?}/tests/cli/lib.sh"
: "${ZG_DATA:?}"
[ -f "$ZG_DATA" ] || { echo "SKIP: no dataset at $ZG_DATA"; exit 77; }

check "a script: multi-line queries, commands, parameters"
printf '%s\n' "MATCH (z:zone)" "RETURN count(*) AS zones;" ":param k=41" \
    ":params" "RETURN \$k + 1 AS answer;" ":format json" \
    "MATCH (n) RETURN count(n) AS nodes" >"$tmp/script"
zg --data "$ZG_DATA" shell <"$tmp/script"; rc_is 0
err_empty
out_equals 'zones
8
$k = 41
answer
42
{
  "columns": [
    "nodes"
  ],
  "rows": [
    [
      104
    ]
  ]
}'

check "a failed query is reported and the script goes on, ending with 1"
printf '%s\n' "RETURN x;" "RETURN 1 AS one;" ":nonsense" ":format xml" \
    >"$tmp/script"
zg --data "$ZG_DATA" shell <"$tmp/script"; rc_is 1
out_equals 'one
1'
err_has "1:8: UndefinedVariable: 'x' is not defined here"
err_has "no command ':nonsense'"
err_has ":format takes table, tsv or json, not 'xml'"

check ":help names the commands"
echo ":help" >"$tmp/script"
zg --data "$ZG_DATA" shell <"$tmp/script"; rc_is 0
out_has ":param NAME=JSON"
out_has ":quit"

# ---- at a terminal ----
if ! command -v tmux >/dev/null 2>&1; then
    echo "SKIP: tmux is not installed: the shell was not tried at a terminal"
    exit 0
fi
export ZONEGRAPH_HISTORY="$tmp/history"
sock="$tmp/tmux"
tm() { tmux -S "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
# type TEXT: type it and press Enter (tmux would take a final ';' for its
# own command separator, so it goes escaped)
type_line() {
    tm send-keys -t zg -l "${1%;}"
    case $1 in *\;) tm send-keys -t zg '\;' ;; esac
    tm send-keys -t zg Enter
}
screen() { tm capture-pane -t zg -p -S -200; }
# wait_for TEXT: until the screen shows TEXT (10 s at most)
wait_for() {
    i=0
    while ! screen | grep -qF -- "$1"; do
        i=$((i + 1))
        [ $i -lt 100 ] || {
            screen >"$tmp/out"
            : >"$tmp/err"
            fail "the terminal never showed '$1'"
        }
        sleep 0.1
    done
}

check "at a terminal: multi-line input, history, editing, Ctrl-C, Ctrl-D"
tm new-session -d -s zg -x 150 -y 60 \
    "'$ZG' --data '$ZG_DATA' shell --max-work 1000000000000; echo shell-ended-\$?; sleep 60"
wait_for "Ctrl-D to leave"
type_line "MATCH (z:zone)"
wait_for "...>"
type_line "RETURN count(*) AS zones;"
wait_for "(1 row)"
# the query back from history, its alias edited
tm send-keys -t zg Up
tm send-keys -t zg BSpace BSpace BSpace BSpace BSpace BSpace
type_line "n;"
wait_for "AS n;"
# a query that would run for hours, cancelled
type_line "MATCH (a), (b), (c), (d), (e) RETURN count(*);"
sleep 0.5
tm send-keys -t zg C-c
wait_for "the query was cancelled"
# a line abandoned with Ctrl-C is not run
tm send-keys -t zg -l "RETURN 2 AS abandoned"
tm send-keys -t zg C-c
type_line "RETURN 3 AS three;"
wait_for "three"
tm send-keys -t zg C-d
wait_for "shell-ended-0"
screen >"$tmp/out"
: >"$tmp/err"
grep -c "(1 row)" "$tmp/out" | grep -qx 3 || fail "not three answers"
[ "$(grep -c abandoned "$tmp/out")" -eq 1 ] || fail "the abandoned line ran"
grep -qF "MATCH\\040(z:zone)\\040RETURN\\040count(*)\\040AS\\040n;" \
    "$ZONEGRAPH_HISTORY" || fail "the history file lacks the edited query"
