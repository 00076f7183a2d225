noinst_LTLIBRARIES += %D%/libzg_query.la
%C%_libzg_query_la_SOURCES = %D%/include/zg_query.h %D%/result.c %D%/query.c \
	%D%/neighbours.c %D%/value.c \
	%D%/query_internal.h %D%/time.c %D%/walk.c %D%/paths.c %D%/relate.c \
	%D%/similar.c %D%/rank.c %D%/hubs.c %D%/fulltext.c \
	%D%/cypher_internal.h %D%/cypher_parser.h %D%/cypher_lex.c \
	%D%/cypher_parse.c %D%/cypher_expr.c %D%/cypher_print.c \
	%D%/cypher_check.c %D%/cypher_run.h %D%/cypher_eval.h \
	%D%/cypher_eval.c %D%/cypher_fn.c %D%/cypher_graph.c \
	%D%/cypher_exec.h %D%/cypher_exec.c %D%/cypher_match.c \
	%D%/cypher_proc.c
%C%_libzg_query_la_CPPFLAGS = $(ZG_DEFS) $(QUERY_INC)
pkginclude_HEADERS += %D%/include/zg_query.h
