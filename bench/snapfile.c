/* SPDX-License-Identifier: MIT */
/*
 * zg-snapfile: what the snapshot container costs, measured on this
 * machine. A micro-measure to read, not a test: it prints figures and
 * fails only when a call fails.
 *
 *   bench/zg-snapfile DIR [MIB]     (MIB: the snapshot's size, default 1024)
 *
 *   checksum SECONDS GB_PER_S   XXH64 over 256 MiB in memory, best of 5
 *   write SECONDS MB_PER_S      a snapshot of one 4 KiB section and four
 *                               of MIB/4 each into DIR, synced to disk
 *   open_one_cold SECONDS MAJOR_FAULTS RSS_KIB
 *                               open it and take the 4 KiB section, with
 *                               the file's pages dropped from the page
 *                               cache first (posix_fadvise DONTNEED on
 *                               this file only): page faults that read
 *                               the disk and resident memory that cost,
 *                               which show that the large sections are
 *                               not read
 *   open_one SECONDS FAULTS RSS_KIB
 *                               the same with the cache warm (median of 9)
 *   verify_cold SECONDS GB_PER_S
 *   verify SECONDS GB_PER_S     verify every section, cache cold and warm
 *
 * The snapshot is removed at the end. Times are wall-clock
 * (CLOCK_MONOTONIC) around the measured calls only.
 */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "zg_snapfile.h"

#define SMALL ZG_SNAP_TAG('S', 'M', 'A', 'L')

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void
check(zg_status st, const zg_error *err)
{
    char buf[1024];

    if (st != ZG_OK) {
        fprintf(stderr, "zg-snapfile: %s\n",
                zg_error_format(err, buf, sizeof buf));
        exit(1);
    }
}

/* The process's resident memory, in KiB (VmRSS). */
static long
rss_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;

    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0)
            kib = strtol(line + 6, NULL, 10);
    fclose(f);
    return kib;
}

static long
faults(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_minflt + ru.ru_majflt;
}

static long
major_faults(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_majflt;
}

/* Drop the file's pages from the page cache (they are clean: the writer
 * synced them). */
static void
evict(const char *path)
{
    int fd = open(path, O_RDONLY);

    if (fd < 0 || posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) != 0) {
        perror(path);
        exit(1);
    }
    close(fd);
}

/* Open the snapshot, take the small section: seconds; page faults (all,
 * or those that read the disk) and resident KiB it cost. */
static double
open_one(const char *path, int major, long *flt, long *rss, uint64_t *sink)
{
    zg_snapfile *f = NULL;
    zg_error err = {0};
    const void *p;
    size_t len;
    long f0 = major ? major_faults() : faults(), r0 = rss_kib();
    double t = now();

    check(zg_snapfile_open(&f, path, 0, &err), &err);
    check(zg_snapfile_section(f, SMALL, &p, &len, &err), &err);
    t = now() - t;
    *flt = (major ? major_faults() : faults()) - f0;
    *rss = rss_kib() - r0;
    *sink ^= ((const unsigned char *)p)[len - 1];
    zg_snapfile_close(f);
    return t;
}

static double
verify(const char *path)
{
    zg_snapfile *f = NULL;
    zg_error err = {0};
    double t;

    check(zg_snapfile_open(&f, path, 0, &err), &err);
    t = now();
    check(zg_snapfile_verify(f, &err), &err);
    t = now() - t;
    zg_snapfile_close(f);
    return t;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
    size_t mib = argc > 2 ? strtoul(argv[2], NULL, 10) : 1024;
    size_t big = 256u << 20, part;
    char path[4096];
    unsigned char *buf;
    zg_error err = {0};
    zg_snapfile_writer *w = NULL;
    double best = 1e9, t, times[9];
    long flt = 0, rss = 0;
    uint64_t sink = 0;

    if (argc < 2 || argc > 3 || mib < 4) {
        fprintf(stderr, "usage: zg-snapfile DIR [MIB >= 4]\n");
        return 2;
    }
    snprintf(path, sizeof path, "%s/zg-snapfile-bench.zgs", argv[1]);
    part = (mib << 20) / 4;
    buf = malloc(big > part ? big : part);
    if (buf == NULL)
        return 1;
    for (size_t i = 0; i < (big > part ? big : part); i++)
        buf[i] = (unsigned char)(i * 131 + (i >> 12));

    for (int r = 0; r < 5; r++) {
        t = now();
        sink ^= zg_snapfile_checksum(buf, big);
        t = now() - t;
        best = t < best ? t : best;
    }
    printf("checksum %.4f %.2f\n", best, (double)big / best / 1e9);

    t = now();
    check(zg_snapfile_writer_new(&w, path, &err), &err);
    check(zg_snapfile_writer_add(w, SMALL, 0, buf, 4096, &err), &err);
    for (int i = 0; i < 4; i++)
        check(zg_snapfile_writer_add(w, ZG_SNAP_TAG('B', 'I', 'G', '0' + i), 0,
                                     buf, part, &err),
              &err);
    check(zg_snapfile_writer_finish(w, &err), &err);
    t = now() - t;
    zg_snapfile_writer_free(w);
    printf("write %.3f %.0f\n", t, (double)(4 * part + 4096) / t / 1e6);
    free(buf);

    evict(path);
    t = open_one(path, 1, &flt, &rss, &sink);
    printf("open_one_cold %.6f %ld %ld\n", t, flt, rss);
    for (int r = 0; r < 9; r++)
        times[r] = open_one(path, 0, &flt, &rss, &sink);
    qsort(times, 9, sizeof *times, cmp_double);
    printf("open_one %.6f %ld %ld\n", times[4], flt, rss);

    evict(path);
    t = verify(path);
    printf("verify_cold %.3f %.2f\n", t, (double)(4 * part + 4096) / t / 1e9);
    t = verify(path);
    printf("verify %.3f %.2f\n", t, (double)(4 * part + 4096) / t / 1e9);
    unlink(path);
    return sink == 42 ? 3 : 0; /* keeps the checksums from being elided */
}
