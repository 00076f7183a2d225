/* SPDX-License-Identifier: MIT */
/*
 * `zonegraph save FILE`: the loaded graph as a snapshot that --data opens
 * without parsing (zg_graph_save(), doc/snapshot.md).
 */
#include "cli.h"

static const char save_usage[] =
    "Write the data (--data, as every command reads it) as a snapshot:\n"
    "a binary file that --data FILE opens in a fraction of the time the\n"
    "XML takes to read, using its relations in place. The file is\n"
    "written under a temporary name and renamed when complete, so a\n"
    "failed save leaves FILE as it was. A snapshot is read-only: it can\n"
    "only be the first --data file, and is changed by saving again from\n"
    "the XML. `validate FILE` checks a snapshot completely.\n"
    "\n"
    "Options: --data FILE, -h/--help (see zonegraph --help).\n"
    "Exit status: 0 written, 1 bad usage, a data error or the file cannot\n"
    "be written.\n";

/* zonegraph save FILE: see save_usage. */
int
cmd_save(cli *c, int argc, char **argv)
{
    cli_opts o;
    zg_error err;
    int rc;

    rc = cli_parse(c, &o, argc, argv, save_usage);
    if (rc >= 0)
        goto out;
    if (c->as_of != NULL) {
        rc = cli_usage_error(c, "--as-of does not apply to save");
        goto out;
    }
    if (c->format != NULL || c->output != NULL) {
        rc = cli_usage_error(c, "save writes a snapshot to FILE: -f and -o "
                                "do not apply");
        goto out;
    }
    if (*argv[optind] == '\0') {
        rc = cli_usage_error(c, "save: '' is not a file name");
        goto out;
    }
    rc = cli_load(c);
    if (rc != EXIT_OK)
        goto out;
    zg_error_clear(&err);
    if (zg_graph_save(c->g, argv[optind], &err) != ZG_OK) {
        cli_report(&err);
        rc = EXIT_ERROR;
    }
out:
    cli_opts_free(&o);
    return rc;
}
