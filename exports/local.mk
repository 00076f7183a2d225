noinst_LTLIBRARIES += %D%/libzg_export.la
%C%_libzg_export_la_SOURCES = %D%/include/zg_export.h %D%/export_internal.h \
	%D%/table.c %D%/json.c \
	%D%/dot.c %D%/dot_stream.c %D%/render.c \
	%D%/xml_write.h %D%/xml_write.c %D%/check.c %D%/xml.c \
	%D%/graphml.c
%C%_libzg_export_la_CPPFLAGS = $(ZG_DEFS) $(EXPORT_INC)
%C%_libzg_export_la_CFLAGS = $(AM_CFLAGS) $(GVC_CFLAGS) $(JANSSON_CFLAGS)
pkginclude_HEADERS += %D%/include/zg_export.h
