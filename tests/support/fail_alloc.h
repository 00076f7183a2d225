/* SPDX-License-Identifier: MIT */
/*
 * Allocation failure on demand, for a test program linked with
 * -Wl,--wrap=malloc,--wrap=realloc: set `allocs_left` to k and the
 * allocation after the next k fails (once); `alloc_failed` tells whether
 * one has failed since. Include it in one file of the program.
 */
#ifndef ZG_TEST_FAIL_ALLOC_H
#define ZG_TEST_FAIL_ALLOC_H

#include <stddef.h>

void *__real_malloc(size_t n);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_realloc(void *p, size_t n);

/* How many allocations succeed before one fails (-1: none fails), and
 * whether one has failed since it was armed. */
static long allocs_left = -1;
static int alloc_failed;

static int
fail_now(void)
{
    if (allocs_left < 0)
        return 0;
    if (allocs_left-- > 0)
        return 0;
    allocs_left = -1;
    alloc_failed = 1;
    return 1;
}

void *
__wrap_malloc(size_t n)
{
    return fail_now() ? NULL : __real_malloc(n);
}

void *
__wrap_realloc(void *p, size_t n)
{
    return fail_now() ? NULL : __real_realloc(p, n);
}

#endif /* ZG_TEST_FAIL_ALLOC_H */
