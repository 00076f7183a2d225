noinst_LTLIBRARIES += %D%/libzg_graph.la
%C%_libzg_graph_la_SOURCES = %D%/zg_graph.h %D%/graph_internal.h \
	%D%/graph.c %D%/idtab.c %D%/lookup.c %D%/zg_rules.h %D%/rules.c \
	%D%/validate.c %D%/name_table.h
pkginclude_HEADERS += %D%/zg_graph.h
