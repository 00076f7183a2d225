noinst_LTLIBRARIES += %D%/libzg_common.la
%C%_libzg_common_la_SOURCES = %D%/include/zg_error.h %D%/include/zg_text.h \
	%D%/include/zg_arena.h %D%/include/zg_strbuf.h \
	%D%/include/zg_snapfile.h \
	%D%/error.c %D%/text.c %D%/arena.c %D%/strbuf.c %D%/snapfile.c \
	%D%/t2s.h %D%/t2s.cc
%C%_libzg_common_la_CPPFLAGS = $(ZG_DEFS) $(COMMON_INC)
%C%_libzg_common_la_CFLAGS = $(AM_CFLAGS)
## C++ only to catch OpenCC's exceptions (see t2s.h).
%C%_libzg_common_la_CXXFLAGS = $(WARN_CXXFLAGS) $(SAN_CFLAGS) $(OPENCC_CFLAGS)
pkginclude_HEADERS += %D%/include/zg_error.h %D%/include/zg_text.h
