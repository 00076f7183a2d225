/* SPDX-License-Identifier: MIT */
/*
 * The zonegraph program. All of it is zg_cli_main() (main.c), which the
 * CLI fuzz target runs in-process too.
 */
#include "cli.h"

int
main(int argc, char **argv)
{
    return zg_cli_main(argc, argv, NULL);
}
