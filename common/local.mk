noinst_LTLIBRARIES += %D%/libzg_common.la
%C%_libzg_common_la_SOURCES = %D%/zg_error.h %D%/zg_text.h %D%/zg_arena.h \
	%D%/error.c %D%/text.c %D%/arena.c
%C%_libzg_common_la_CFLAGS = $(AM_CFLAGS) $(OPENCC_CFLAGS)
pkginclude_HEADERS += %D%/zg_error.h %D%/zg_text.h
