#!/bin/sh
# SPDX-License-Identifier: MIT
# Allocation-failure injection (test_allocfail.c) over a GraphML import:
# the GraphML reader's own allocations (keys, defaults, the extension
# elements) and both exporters, failed one at a time and from N on.
: "${top_builddir:?}" "${top_srcdir:?}"
exec "$top_builddir/tests/hostile/test_allocfail" \
    "$top_srcdir/tests/data/import/good.graphml"
