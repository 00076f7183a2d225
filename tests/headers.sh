#!/bin/sh
# Every public header compiles on its own, in strict C11, without the
# include paths of libxml2, Graphviz or jansson: no zg header may leak a
# dependency's types. And the layering holds: each module's library is
# compiled with the include path the build gives it (its *_INC variable),
# which finds the public headers of the modules below it and none of the
# modules above, so an include the wrong way fails to compile.
set -u
: "${top_srcdir:?}" "${CC:=cc}"
: "${COMMON_INC:?}" "${GRAPH_INC:?}" "${IMPORT_INC:?}" "${QUERY_INC:?}"
: "${EXPORT_INC:?}"
fail=0
n=0

# try FLAGS HEADER: 0 when a file including HEADER compiles with FLAGS
try() {
    n=$((n + 1))
    # shellcheck disable=SC2086
    printf '#include "%s"\nint zg_header_test_%d;\n' "$2" "$n" |
        $CC -std=c11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only \
            $1 -x c - 2>headers.err
}

public="$top_srcdir/common/include $top_srcdir/graph/include
        $top_srcdir/importers/include $top_srcdir/queries/include
        $top_srcdir/exports/include"
all=
for d in $public; do all="$all -I$d"; done
for d in $public; do
    for h in "$d"/*.h; do
        if try "$all" "$(basename "$h")"; then
            echo "ok: $h compiles alone"
        else
            echo "FAIL: $h does not compile alone:"
            cat headers.err
            fail=1
        fi
    done
done

# expect MODULE FLAGS HEADER yes|no
expect() {
    if try "$2" "$3"; then got=yes; else got=no; fi
    if [ "$got" = "$4" ]; then
        echo "ok: $1 $( [ "$4" = yes ] && echo sees || echo 'does not see') $3"
    else
        echo "FAIL: $1 $( [ "$4" = yes ] && echo 'should see' || echo 'sees') $3"
        [ "$got" = no ] && cat headers.err
        fail=1
    fi
}
expect common "$COMMON_INC" zg_error.h yes
expect common "$COMMON_INC" zg_graph.h no
expect graph "$GRAPH_INC" zg_text.h yes
expect graph "$GRAPH_INC" zg_query.h no
expect graph "$GRAPH_INC" zg_import.h no
expect graph "$GRAPH_INC" graph_internal.h no
expect importers "$IMPORT_INC" zg_graph.h yes
expect importers "$IMPORT_INC" zg_query.h no
expect importers "$IMPORT_INC" zg_export.h no
expect importers "$IMPORT_INC" graph_internal.h no
expect queries "$QUERY_INC" zg_graph.h yes
expect queries "$QUERY_INC" zg_import.h no
expect queries "$QUERY_INC" zg_export.h no
expect queries "$QUERY_INC" graph_internal.h no
expect exports "$EXPORT_INC" zg_query.h yes
expect exports "$EXPORT_INC" zg_import.h no
expect exports "$EXPORT_INC" query_internal.h no
rm -f headers.err
exit $fail
