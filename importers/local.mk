noinst_LTLIBRARIES += %D%/libzg_import.la
%C%_libzg_import_la_SOURCES = %D%/zg_import.h %D%/xml_import.c
%C%_libzg_import_la_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS)
pkginclude_HEADERS += %D%/zg_import.h
