## Benchmark: `make bench` (or bench/run) generates graphs, measures
## zonegraph against a libxml2 parse-only floor, igraph and NetworkX, and
## prints the table (bench/run --help). The programs are built only on
## demand, with the tree's CFLAGS (configure's default is -g -O2), and
## linked to libzonegraph.la. The igraph variant takes igraph's flags from
## pkg-config when it is built, so igraph is needed only to compare with it.
BENCH_DEPS = $(srcdir)/common/include/zg_error.h \
	$(srcdir)/graph/include/zg_graph.h \
	$(srcdir)/importers/include/zg_import.h \
	$(srcdir)/queries/include/zg_query.h \
	$(srcdir)/exports/include/zg_export.h
BENCH_LINK = $(LIBTOOL) $(AM_V_lt) --tag=CC $(AM_LIBTOOLFLAGS) \
	$(LIBTOOLFLAGS) --mode=link $(CCLD) $(DEFS) $(AM_CPPFLAGS) $(CPPFLAGS) \
	$(XML_CFLAGS) $(AM_CFLAGS) $(CFLAGS) $(AM_LDFLAGS) $(LDFLAGS)

%D%/zg-gen: $(srcdir)/%D%/gen.c
	$(AM_V_CCLD)$(MKDIR_P) %D% && \
	  $(CC) $(AM_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(srcdir)/%D%/gen.c

%D%/zg-bench: $(srcdir)/%D%/harness.c $(BENCH_DEPS) libzonegraph.la
	$(AM_V_CCLD)$(MKDIR_P) %D% && \
	  $(BENCH_LINK) -o $@ $(srcdir)/%D%/harness.c libzonegraph.la $(XML_LIBS)

## igraph's headers go on the system include path so that the project's
## warning flags (and -Werror) apply to the harness only.
%D%/zg-bench-igraph: $(srcdir)/%D%/harness.c $(BENCH_DEPS) libzonegraph.la
	$(AM_V_CCLD)$(MKDIR_P) %D% && \
	  igcflags=`$(PKG_CONFIG) --cflags igraph` && \
	  iglibs=`$(PKG_CONFIG) --libs igraph` && \
	  igcflags=`echo " $$igcflags" | sed 's/ -I/ -isystem /g'` && \
	  $(BENCH_LINK) -DZG_BENCH_IGRAPH $$igcflags -o $@ \
	    $(srcdir)/%D%/harness.c libzonegraph.la $(XML_LIBS) $$iglibs

## What the snapshot container costs (checksum, write, open, verify):
## `make bench/zg-snapfile && bench/zg-snapfile DIR [MIB]`, not run by
## bench/run.
%D%/zg-snapfile: $(srcdir)/%D%/snapfile.c \
		$(srcdir)/common/include/zg_snapfile.h libzonegraph.la
	$(AM_V_CCLD)$(MKDIR_P) %D% && \
	  $(BENCH_LINK) -o $@ $(srcdir)/%D%/snapfile.c libzonegraph.la

bench:
	$(srcdir)/%D%/run --build-dir "$(abs_builddir)" $(BENCH_FLAGS)
.PHONY: bench

CLEANFILES += %D%/zg-gen %D%/zg-bench %D%/zg-bench-igraph %D%/zg-snapfile
EXTRA_DIST += %D%/run %D%/gen.c %D%/harness.c %D%/nx_load.py %D%/snapfile.c
