/* SPDX-License-Identifier: MIT */
/*
 * Time bounds for tests. A bound in a test catches a hang or a quadratic
 * blow-up, not speed (speed is measured in bench/), so bounds are generous
 * and stretch on slow builds: sanitizer builds set $ZG_HOSTILE_TIME_SCALE
 * (tests/local.mk), and valgrind runs set it higher.
 */
#ifndef ZG_TEST_TIME_BUDGET_H
#define ZG_TEST_TIME_BUDGET_H

#include <stdlib.h>
#include <time.h>

/* Seconds of the monotonic clock, from an arbitrary start. */
static inline double
zg_test_wall(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Seconds of CPU time of this process: what a quadratic blow-up shows in,
 * whatever else the machine is doing. */
static inline double
zg_test_cpu(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The factor $ZG_HOSTILE_TIME_SCALE gives, at least 1. */
static inline double
zg_test_time_scale(void)
{
    const char *s = getenv("ZG_HOSTILE_TIME_SCALE");
    double v = s != NULL ? strtod(s, NULL) : 1.0;

    return v >= 1.0 ? v : 1.0;
}

/* A bound of `secs` seconds, stretched by zg_test_time_scale(). */
static inline double
zg_test_budget(double secs)
{
    return secs * zg_test_time_scale();
}

#endif /* ZG_TEST_TIME_BUDGET_H */
