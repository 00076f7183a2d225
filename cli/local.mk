bin_PROGRAMS += zonegraph
## Everything but main(), which fuzz/fuzz_cli links with too.
CLI_SRCS = cli/cli.h cli/main.c cli/commands.c cli/options.c cli/answer.c \
	cli/cmd_show.c cli/cmd_neighbours.c cli/cmd_list.c cli/cmd_files.c cli/cmd_save.c \
	cli/cmd_path.c cli/cmd_relate.c cli/cmd_common.c cli/cmd_similar.c \
	cli/cmd_rank.c cli/cmd_hubs.c cli/cmd_query.c
zonegraph_SOURCES = cli/zonegraph.c $(CLI_SRCS)
zonegraph_CPPFLAGS = $(ZG_DEFS) $(PUBLIC_INC) $(JANSSON_CFLAGS)
zonegraph_LDADD = libzonegraph.la
