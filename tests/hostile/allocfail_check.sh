#!/bin/sh
# SPDX-License-Identifier: MIT
# Allocation-failure injection (test_allocfail.c) over a checking import
# (every error and warning): its list, the skipped elements, the warnings'
# maps and folding, failed one at a time and from N on.
: "${top_builddir:?}" "${top_srcdir:?}"
ZG_ALLOCFAIL_CHECKING=1 exec "$top_builddir/tests/hostile/test_allocfail" \
    "$top_srcdir/tests/data/cli/warnings.xml"
