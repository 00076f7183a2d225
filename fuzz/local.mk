## Fuzzing: libFuzzer targets, built with clang and
## -fsanitize=fuzzer,address,undefined outside the normal build, from the
## library's sources: `make fuzz`, then `fuzz/run [SECONDS]` (see there).
## FUZZ_CC names the compiler (Debian: clang with libclang-rt-14-dev).
FUZZ_CC = clang
FUZZ_CXX = clang++
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_SRCS = $(common_libzg_common_la_SOURCES) \
	$(graph_libzg_graph_la_SOURCES) $(importers_libzg_import_la_SOURCES) \
	$(queries_libzg_query_la_SOURCES) $(exports_libzg_export_la_SOURCES)
FUZZ_DEPLIBS = %D%/t2s.o $(GVC_LIBS) $(XML_LIBS) $(JANSSON_LIBS) \
	$(OPENCC_LIBS) $(UNISTRING_LIBS) $(PTHREAD_LIBS) $(LIBM_LIBS) $(CXX_RUNTIME_LIBS)
FUZZ_TARGETS = %D%/fuzz_import %D%/fuzz_graphml %D%/fuzz_query %D%/fuzz_cli \
	%D%/fuzz_snapfile %D%/fuzz_snapshot
## Build $@ from its first prerequisite, the target's source, and the
## library's sources. FUZZ_BUILD_MORE adds the sources in the shell
## variable $$more and the compiler and linker flags in $$flags, which its
## rule sets first.
FUZZ_BUILD = more= && flags= && $(FUZZ_BUILD_MORE)
FUZZ_BUILD_MORE = $(MKDIR_P) %D% && srcs= && \
	for f in $(FUZZ_SRCS) $$more; do \
	  case $$f in *.c) srcs="$$srcs $(srcdir)/$$f";; esac; \
	done && \
	$(FUZZ_CC) $(DEFS) $(WARN_CFLAGS) $(FUZZ_FLAGS) $(AM_CPPFLAGS) $(CPPFLAGS) \
	  $(XML_CFLAGS) $(GVC_CFLAGS) $(OPENCC_CFLAGS) $(JANSSON_CFLAGS) \
	  $$flags -o $@ $< $$srcs importers/schema_rng.c $(FUZZ_DEPLIBS)

fuzz: $(FUZZ_TARGETS)
.PHONY: fuzz

## The one C++ file of the library (common/t2s.cc), compiled on its own;
## without the vptr check, whose runtime only a C++ link brings.
%D%/t2s.o: $(srcdir)/common/t2s.cc $(srcdir)/common/t2s.h
	$(AM_V_GEN)$(MKDIR_P) %D% && $(FUZZ_CXX) $(DEFS) $(WARN_CXXFLAGS) \
	  $(FUZZ_FLAGS) -fno-sanitize=vptr $(COMMON_INC) $(OPENCC_CFLAGS) \
	  -c -o $@ $<

%D%/fuzz_import: $(srcdir)/%D%/fuzz_import.c $(FUZZ_SRCS) %D%/t2s.o \
		importers/schema_rng.c
	$(AM_V_GEN)$(FUZZ_BUILD)

## The query target runs on the shipped dataset (ZG_FUZZ_DATA overrides).
%D%/fuzz_query: $(srcdir)/%D%/fuzz_query.c $(FUZZ_SRCS) %D%/t2s.o \
		importers/schema_rng.c
	$(AM_V_GEN)$(FUZZ_BUILD)

## The query language target: one query per input, lexed, parsed and
## printed (fuzz/cypher.dict, fuzz/corpus/cypher).
FUZZ_TARGETS += %D%/fuzz_cypher
fuzz: %D%/fuzz_cypher
%D%/fuzz_cypher: $(srcdir)/%D%/fuzz_cypher.c $(FUZZ_SRCS) %D%/t2s.o \
		importers/schema_rng.c
	$(AM_V_GEN)$(FUZZ_BUILD)
EXTRA_DIST += %D%/fuzz_cypher.c %D%/cypher.dict

## The command-line target runs zg_cli_main() (the CLI without main()) on
## the shipped dataset; its importer wrapper keeps --data and validate to
## the fixtures (see the comment atop fuzz_cli.c).
%D%/fuzz_cli: $(srcdir)/%D%/fuzz_cli.c $(FUZZ_SRCS) $(CLI_SRCS) %D%/t2s.o \
		importers/schema_rng.c
	$(AM_V_GEN)more='$(CLI_SRCS)' && \
	flags='-I$(srcdir)/cli -Wl,--wrap=zg_import_xml_file' && \
	$(FUZZ_BUILD_MORE)

## The snapshot container, opened from memory; with the forging helper
## of the tests.
%D%/fuzz_snapfile: $(srcdir)/%D%/fuzz_snapfile.c $(FUZZ_SRCS) %D%/t2s.o \
		importers/schema_rng.c $(srcdir)/tests/support/snap_reseal.c
	$(AM_V_GEN)more='tests/support/snap_reseal.c' && $(FUZZ_BUILD_MORE)

## Graph snapshots, opened from memory; with the forging helper of the
## tests, which makes the checksums of a changed input agree.
%D%/fuzz_snapshot: $(srcdir)/%D%/fuzz_snapshot.c $(FUZZ_SRCS) %D%/t2s.o \
		importers/schema_rng.c $(srcdir)/tests/support/snap_reseal.c
	$(AM_V_GEN)more='tests/support/snap_reseal.c' && $(FUZZ_BUILD_MORE)

## The GraphML target is the same program; fuzz/run gives it its own seed
## corpus (fuzz/corpus/graphml) and dictionary (fuzz/graphml.dict).
%D%/fuzz_graphml: %D%/fuzz_import
	$(AM_V_GEN)cp %D%/fuzz_import $@

CLEANFILES += $(FUZZ_TARGETS) %D%/t2s.o
EXTRA_DIST += %D%/run %D%/xml.dict %D%/graphml.dict %D%/query.dict \
	%D%/corpus %D%/fuzz_import.c %D%/fuzz_query.c %D%/fuzz_cli.c \
	%D%/cli.dict %D%/cli_fixture.xml %D%/fuzz_snapfile.c %D%/snapfile.dict \
	%D%/fuzz_snapshot.c %D%/snapshot.dict
