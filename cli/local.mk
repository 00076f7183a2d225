bin_PROGRAMS += zonegraph
zonegraph_SOURCES = cli/main.c
zonegraph_LDADD = libzonegraph.la
