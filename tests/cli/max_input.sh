#!/bin/sh
# --max-input SIZE: the largest data file read, in bytes with an optional
# K, M or G; for --data, $ZONEGRAPH_DATA and validate alike.
. "${top_srcdir:?}/tests/cli/lib.sh"

F="$FIX/mini.xml"
size=$(wc -c <"$F" | tr -d ' ')

check "a file of exactly SIZE bytes is read, one byte more is refused"
zg --max-input "$size" --data "$F" stats; rc_is 0
zg --max-input $((size - 1)) --data "$F" stats; rc_is 1; out_empty
err_has "zonegraph: $F: error: input is larger than the limit of $((size - 1)) bytes (it has $size)"

check "K, M and G are KiB, MiB and GiB, in either case"
zg --max-input 1K --data "$F" stats; rc_is 1
err_has "the limit of 1024 bytes"
zg --max-input 3k --data "$F" stats; rc_is 1
err_has "the limit of 3072 bytes"
zg --max-input 4K --data "$F" stats; rc_is 0
zg --max-input 1m --data "$F" stats; rc_is 0
zg --max-input 1G --data "$F" stats; rc_is 0

check "after the command, and with the value joined by ="
zg stats --data "$F" --max-input=1K; rc_is 1; err_has "the limit of 1024 bytes"

check "validate and \$ZONEGRAPH_DATA keep it too"
zg --max-input 1K validate "$F"; rc_is 1
err_has "$F: error: input is larger than the limit of 1024 bytes (it has $size) [limit]"
ZONEGRAPH_DATA="$F" zg --max-input 1K stats; rc_is 1
err_has "input is larger than the limit of 1024 bytes"

check "a value that is not a size is a usage error"
for bad in '' abc 0 0K 12X 1KB 1KiB -1 +1 ' 1' 1.5G 1e3 K \
    99999999999999999999 18446744073709551615K; do
    zg --max-input "$bad" --data "$F" stats; rc_is 1; out_empty
    err_has "zonegraph: --max-input needs a size in bytes, optionally with K, M or G (KiB, MiB, GiB), e.g. 600M, not '$bad'"
done

check "given twice"
zg --max-input 1M --max-input 2M --data "$F" stats; rc_is 1
err_has "--max-input given twice"

check "the help names it"
zg --help; rc_is 0; out_has "--max-input SIZE"

echo "max_input.sh: all checks passed"
