noinst_LTLIBRARIES += %D%/libzg_graph.la
%C%_libzg_graph_la_SOURCES = %D%/include/zg_graph.h %D%/include/zg_rules.h \
	%D%/graph_internal.h %D%/fans.c %D%/graph.c %D%/idtab.c %D%/lookup.c %D%/rules.c %D%/snapshot.c \
	%D%/validate.c %D%/name_table.h
%C%_libzg_graph_la_CPPFLAGS = $(ZG_DEFS) $(GRAPH_INC)
pkginclude_HEADERS += %D%/include/zg_graph.h
