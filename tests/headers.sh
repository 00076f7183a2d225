#!/bin/sh
# Every public header compiles on its own, in C and in C++-free strict C11,
# without the include paths of libxml2, Graphviz or jansson: no zg header
# may leak a dependency's types.
set -u
: "${top_srcdir:?}" "${CC:=cc}"
fail=0
n=0
for h in common/zg_error.h common/zg_text.h graph/zg_graph.h \
         importers/zg_import.h queries/zg_query.h exports/zg_export.h; do
    n=$((n + 1))
    if printf '#include "%s"\nint zg_header_test_%d;\n' "$(basename "$h")" "$n" |
        $CC -std=c11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only \
            -I"$top_srcdir/common" -I"$top_srcdir/graph" \
            -I"$top_srcdir/importers" -I"$top_srcdir/queries" \
            -I"$top_srcdir/exports" -x c - 2>headers.err; then
        echo "ok: $h compiles alone"
    else
        echo "FAIL: $h does not compile alone:"
        cat headers.err
        fail=1
    fi
done
rm -f headers.err
exit $fail
