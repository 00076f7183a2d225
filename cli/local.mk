bin_PROGRAMS += zonegraph
zonegraph_SOURCES = cli/cli.h cli/main.c cli/cmd_show.c cli/cmd_neighbours.c \
	cli/cmd_list.c cli/cmd_files.c cli/cmd_relate.c
zonegraph_LDADD = libzonegraph.la
