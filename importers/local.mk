noinst_LTLIBRARIES += %D%/libzg_import.la
%C%_libzg_import_la_SOURCES = %D%/include/zg_import.h %D%/import_internal.h \
	%D%/xml_import.c %D%/graphml_import.c %D%/diag.c
nodist_%C%_libzg_import_la_SOURCES = %D%/schema_rng.c
%C%_libzg_import_la_CPPFLAGS = $(ZG_DEFS) $(IMPORT_INC)
%C%_libzg_import_la_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS)
pkginclude_HEADERS += %D%/include/zg_import.h
BUILT_SOURCES += %D%/schema_rng.c
CLEANFILES += %D%/schema_rng.c

# The RelaxNG schema is compiled into the library so that an import
# validates against exactly the schema that ships in data/.
%D%/schema_rng.c: $(srcdir)/data/zonegraph.rng
	$(AM_V_GEN)$(MKDIR_P) %D% && { \
	  echo '/* Generated from data/zonegraph.rng; do not edit. */'; \
	  echo 'extern const char zg_schema_rng[];'; \
	  echo 'const char zg_schema_rng[] = {'; \
	  od -An -v -tx1 $(srcdir)/data/zonegraph.rng | \
	    sed -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00};'; } > $@-t && mv $@-t $@
