#!/bin/sh
# SPDX-License-Identifier: MIT
# Allocation-failure injection (test_allocfail.c) over an import whose
# relations come before, between and after their nodes: those added as
# they come, those kept for the end of the file, and their reordering.
: "${top_builddir:?}" "${top_srcdir:?}"
exec "$top_builddir/tests/hostile/test_allocfail" \
    "$top_srcdir/tests/data/import/forward.xml"
