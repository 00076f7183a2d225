## Tests: cmocka unit tests per module (tests/unit), CLI tests (tests/cli).
## Each section below belongs to one module; keep them separate.
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = CC='$(CC)' top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	ZG_DATA='$(abs_top_srcdir)/data/ai-pilot-zones.xml' DOT='$(DOT)' XMLLINT='$(XMLLINT)' \
	LSAN_OPTIONS='suppressions=$(abs_top_srcdir)/tests/lsan.supp' \
	ASAN_OPTIONS='detect_leaks=1' ZG_HOSTILE_TIME_SCALE='$(ZG_TIME_SCALE)' \
	ZG_OPENCC_DATADIR='$(OPENCC_DATADIR)' COMMON_INC='$(COMMON_INC)' \
	GRAPH_INC='$(GRAPH_INC)' IMPORT_INC='$(IMPORT_INC)' QUERY_INC='$(QUERY_INC)' \
	EXPORT_INC='$(EXPORT_INC)'; \
	export CC top_srcdir top_builddir ZG_DATA DOT XMLLINT LSAN_OPTIONS ASAN_OPTIONS \
	ZG_HOSTILE_TIME_SCALE ZG_OPENCC_DATADIR COMMON_INC GRAPH_INC IMPORT_INC \
	QUERY_INC EXPORT_INC;
## The hostile corpus has per-case time budgets that catch a quadratic
## blow-up (a hang), not speed targets; sanitizer builds run several times
## slower, so their budgets stretch.
if ENABLE_SANITIZERS
ZG_TIME_SCALE = 10
else
ZG_TIME_SCALE = 1
endif
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
UNIT_LDADD = libzonegraph.la $(CMOCKA_LIBS)
## Scripts by name: in-tree runs leave .log/.trs files in tests/cli/.
EXTRA_DIST += tests/lsan.supp tests/support/time_budget.h \
	tests/support/fail_alloc.h \
	tests/support/utf8_check.h tests/data tests/cli/lib.sh tests/cli/usage.sh \
	tests/cli/dataset.sh tests/cli/check_dataset.py tests/cli/relate.sh

if HAVE_CMOCKA
## --- common: text escaping, width, OpenCC's folder ---
check_PROGRAMS += tests/unit/test_text
tests_unit_test_text_SOURCES = tests/unit/test_text.c
tests_unit_test_text_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_text_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_text
## The snapshot container: round trips, damaged and forged snapshots, saves
## that fail.
check_PROGRAMS += tests/unit/test_snapfile
tests_unit_test_snapfile_SOURCES = tests/unit/test_snapfile.c
tests_unit_test_snapfile_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_snapfile_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_snapfile

## --- graph ---
check_PROGRAMS += tests/unit/test_graph
tests_unit_test_graph_SOURCES = tests/unit/test_graph.c
tests_unit_test_graph_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_graph_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_graph

## Graph snapshots: the dataset saved and opened, and forged snapshots.
check_PROGRAMS += tests/unit/test_snapshot
tests_unit_test_snapshot_SOURCES = tests/unit/test_snapshot.c \
	tests/support/snap_reseal.c tests/support/snap_reseal.h
tests_unit_test_snapshot_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_snapshot_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_snapshot

## --- importers ---
check_PROGRAMS += tests/unit/test_import
tests_unit_test_import_SOURCES = tests/unit/test_import.c
tests_unit_test_import_CFLAGS = $(UNIT_CFLAGS) $(XML_CFLAGS)
tests_unit_test_import_LDADD = $(UNIT_LDADD) $(XML_LIBS)
TESTS += tests/unit/test_import
## The input guard, byte by byte (white-box: guard_internal.h).
check_PROGRAMS += tests/unit/test_guard
tests_unit_test_guard_SOURCES = tests/unit/test_guard.c
tests_unit_test_guard_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_guard_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_guard

## --- exports: dot and render ---
check_PROGRAMS += tests/unit/test_export_dot
tests_unit_test_export_dot_SOURCES = tests/unit/test_export_dot.c \
	tests/support/dot_compare.c tests/support/dot_compare.h
tests_unit_test_export_dot_CFLAGS = $(UNIT_CFLAGS) $(GVC_CFLAGS) $(XML_CFLAGS)
tests_unit_test_export_dot_LDADD = $(UNIT_LDADD) $(GVC_LIBS) $(XML_LIBS)
TESTS += tests/unit/test_export_dot

## --- queries and formats ---
check_PROGRAMS += tests/unit/test_query
tests_unit_test_query_SOURCES = tests/unit/test_query.c
tests_unit_test_query_CFLAGS = $(UNIT_CFLAGS) $(JANSSON_CFLAGS)
tests_unit_test_query_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_query

## --- full-text search ---
check_PROGRAMS += tests/unit/test_fulltext
tests_unit_test_fulltext_SOURCES = tests/unit/test_fulltext.c
tests_unit_test_fulltext_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_fulltext_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_fulltext

## --- relationship queries ---
check_PROGRAMS += tests/unit/test_paths
tests_unit_test_paths_SOURCES = tests/unit/test_paths.c
tests_unit_test_paths_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_paths_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_paths

## --- the command line: its command table against --help and the manual ---
check_PROGRAMS += tests/unit/test_cli
tests_unit_test_cli_SOURCES = tests/unit/test_cli.c $(CLI_SRCS)
tests_unit_test_cli_CFLAGS = $(UNIT_CFLAGS) $(JANSSON_CFLAGS) $(EDIT_CFLAGS)
tests_unit_test_cli_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/cli
tests_unit_test_cli_LDADD = $(UNIT_LDADD) $(EDIT_LIBS)
TESTS += tests/unit/test_cli

## --- the Cypher-style query language: lexer, parser, printer, check,
## expressions ---
check_PROGRAMS += tests/unit/test_cypher_parse
tests_unit_test_cypher_parse_SOURCES = tests/unit/test_cypher_parse.c
tests_unit_test_cypher_parse_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_cypher_parse_LDADD = $(UNIT_LDADD)
## Every allocation of a parse and a print fails in turn.
tests_unit_test_cypher_parse_LDFLAGS = $(AM_LDFLAGS) \
	-Wl,--wrap=malloc,--wrap=realloc
TESTS += tests/unit/test_cypher_parse
check_PROGRAMS += tests/unit/test_cypher_check
tests_unit_test_cypher_check_SOURCES = tests/unit/test_cypher_check.c
tests_unit_test_cypher_check_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_cypher_check_LDADD = $(UNIT_LDADD)
## Every allocation of a check fails in turn.
tests_unit_test_cypher_check_LDFLAGS = $(AM_LDFLAGS) \
	-Wl,--wrap=malloc,--wrap=realloc
TESTS += tests/unit/test_cypher_check
check_PROGRAMS += tests/unit/test_cypher_exec
tests_unit_test_cypher_exec_SOURCES = tests/unit/test_cypher_exec.c
tests_unit_test_cypher_exec_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_cypher_exec_LDADD = $(UNIT_LDADD)
## Every allocation of a compile and a run fails in turn.
tests_unit_test_cypher_exec_LDFLAGS = $(AM_LDFLAGS) \
	-Wl,--wrap=malloc,--wrap=realloc
TESTS += tests/unit/test_cypher_exec
check_PROGRAMS += tests/unit/test_cypher_eval
tests_unit_test_cypher_eval_SOURCES = tests/unit/test_cypher_eval.c
tests_unit_test_cypher_eval_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_cypher_eval_LDADD = $(UNIT_LDADD)
## Every allocation of an evaluation fails in turn.
tests_unit_test_cypher_eval_LDFLAGS = $(AM_LDFLAGS) \
	-Wl,--wrap=malloc,--wrap=realloc
TESTS += tests/unit/test_cypher_eval

## --- round trips ---
## Seeded random graphs with hostile text through XML, GraphML and DOT and
## back; ZG_ROUNDTRIP_SEED, ZG_ROUNDTRIP_N and ZG_ROUNDTRIP_FIRST choose
## which (see the comment atop the test).
check_PROGRAMS += tests/unit/test_roundtrip
tests_unit_test_roundtrip_SOURCES = tests/unit/test_roundtrip.c \
	tests/support/graph_dump.c tests/support/graph_dump.h \
	tests/support/dot_compare.c tests/support/dot_compare.h
tests_unit_test_roundtrip_CFLAGS = $(UNIT_CFLAGS) $(GVC_CFLAGS)
tests_unit_test_roundtrip_LDADD = $(UNIT_LDADD) $(GVC_LIBS)
TESTS += tests/unit/test_roundtrip

endif

## --- the query language's parser and check measured on the openCypher TCK ---
## tests/tck/features (Apache-2.0, see tests/tck/LICENSE and NOTICE):
## every query of every scenario is parsed and checked; a query listed in
## tests/tck/expected.txt as parsed (or as rejected, for a scenario that
## expects a syntax error) that is no longer so fails the test.
## `tests/tck/tck_parse --failures` shows what does not pass yet,
## `--write` records the list anew.
check_PROGRAMS += tests/tck/tck_parse
tests_tck_tck_parse_SOURCES = tests/tck/tck_parse.c tests/tck/tck_feature.c \
	tests/tck/tck_feature.h
tests_tck_tck_parse_LDADD = libzonegraph.la
TESTS += tests/tck/tck_parse
EXTRA_DIST += tests/tck/features tests/tck/LICENSE tests/tck/NOTICE \
	tests/tck/expected.txt tests/tck/README.md tests/tck/pass-rate.txt

## The executor measured on the read-only areas of the TCK: `make tck` runs
## each scenario there and ends with the pass rate; it fails when the rate
## falls below tests/tck/pass-rate.txt. Built by `make check`, which runs it
## only on its own features (tests/tck/runner.sh).
check_PROGRAMS += tests/tck/tck_run
tests_tck_tck_run_SOURCES = tests/tck/tck_run.c tests/tck/tck_feature.c \
	tests/tck/tck_feature.h
tests_tck_tck_run_LDADD = libzonegraph.la -lm
## The runner judged on its own features: what must pass, fail, be skipped.
TESTS += tests/tck/runner.sh
EXTRA_DIST += tests/tck/runner.sh tests/tck/selftest
tck: tests/tck/tck_run$(EXEEXT)
	top_srcdir='$(abs_top_srcdir)' \
	LSAN_OPTIONS='suppressions=$(abs_top_srcdir)/tests/lsan.supp' \
	tests/tck/tck_run
.PHONY: tck

## --- hostile input ---
## tests/hostile: the corpus and its manifest (cases.tsv), run by one driver
## that also traps network connections and reads of a secret file.
check_PROGRAMS += tests/hostile/test_hostile
tests_hostile_test_hostile_SOURCES = tests/hostile/test_hostile.c \
	tests/support/graph_dump.c tests/support/graph_dump.h
tests_hostile_test_hostile_CFLAGS = $(AM_CFLAGS) $(GVC_CFLAGS)
tests_hostile_test_hostile_LDADD = libzonegraph.la $(GVC_LIBS)
TESTS += tests/hostile/test_hostile
EXTRA_DIST += tests/hostile/cases.tsv tests/hostile/mkcorpus.py \
	tests/hostile/corpus
## Allocation-failure injection: every allocation of an import and two
## lookups fails in turn (see the comment atop test_allocfail.c for what
## --wrap reaches). The shipped dataset takes long: run it by hand with
## ZG_ALLOCFAIL_DATA=data/ai-pilot-zones.xml tests/hostile/test_allocfail.
check_PROGRAMS += tests/hostile/test_allocfail
tests_hostile_test_allocfail_SOURCES = tests/hostile/test_allocfail.c
tests_hostile_test_allocfail_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS)
tests_hostile_test_allocfail_LDFLAGS = $(AM_LDFLAGS) \
	-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free \
	-Wl,--wrap=strdup,--wrap=strndup -Wl,--export-dynamic
tests_hostile_test_allocfail_LDADD = libzonegraph.la $(XML_LIBS)
TESTS += tests/hostile/test_allocfail
## The same over a GraphML import and the exporters.
TESTS += tests/hostile/allocfail_graphml.sh
EXTRA_DIST += tests/hostile/allocfail_graphml.sh
TESTS += tests/hostile/allocfail_check.sh
EXTRA_DIST += tests/hostile/allocfail_check.sh
TESTS += tests/hostile/allocfail_forward.sh
EXTRA_DIST += tests/hostile/allocfail_forward.sh

## Valgrind: `make check-valgrind` runs the CLI tests (tests/cli/*.sh) with
## $ZG_WRAPPER set to valgrind memcheck; tests/cli/lib.sh runs zonegraph as
## $ZG_WRAPPER "$ZG" ... Definite leaks fail (exit 99) unless
## tests/valgrind.supp lists them (third-party only). Not with
## --enable-sanitizers: valgrind cannot run ASan binaries.
VALGRIND = valgrind
ZG_WRAPPER =
ZG_VALGRIND = $(VALGRIND) --quiet --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \
	--num-callers=30 --suppressions=$(abs_top_srcdir)/tests/valgrind.supp
AM_TESTS_ENVIRONMENT += ZG_WRAPPER='$(ZG_WRAPPER)'; export ZG_WRAPPER;
EXTRA_DIST += tests/valgrind.supp
check-valgrind:
if ENABLE_SANITIZERS
	@echo "check-valgrind: reconfigure without --enable-sanitizers" >&2; exit 1
else
	@cli=; for t in $(TESTS); do \
	  case $$t in tests/cli/*) cli="$$cli $$t";; esac; \
	done; \
	$(MAKE) $(AM_MAKEFLAGS) check TESTS="$$cli" ZG_WRAPPER="$(ZG_VALGRIND)"
endif
.PHONY: check-valgrind

## --- public headers compile alone ---
TESTS += tests/headers.sh
EXTRA_DIST += tests/headers.sh

## --- CLI tests (shell) ---
TESTS += tests/cli/usage.sh tests/cli/dataset.sh
TESTS += tests/cli/relate.sh
TESTS += tests/cli/find.sh
EXTRA_DIST += tests/cli/find.sh
## save and --data FILE.zgs against the XML they were saved from.
TESTS += tests/cli/snapshot.sh
EXTRA_DIST += tests/cli/snapshot.sh
TESTS += tests/cli/query.sh
EXTRA_DIST += tests/cli/query.sh
TESTS += tests/cli/shell.sh
EXTRA_DIST += tests/cli/shell.sh
TESTS += tests/cli/planted.sh
EXTRA_DIST += tests/cli/planted.sh
TESTS += tests/cli/escapes.sh
EXTRA_DIST += tests/cli/escapes.sh
## Arguments a script passes on: --, -o -, empty entries, ranges, repeats,
## escaped messages.
TESTS += tests/cli/args.sh
EXTRA_DIST += tests/cli/args.sh
TESTS += tests/cli/diag.sh
EXTRA_DIST += tests/cli/diag.sh
## The importer against data/zonegraph.rng: the same verdict on every test
## file (xmllint), save the listed exceptions.
TESTS += tests/cli/schema.sh
EXTRA_DIST += tests/cli/schema.sh
## --max-input: sizes, suffixes, bad values, every way data is read.
TESTS += tests/cli/max_input.sh
EXTRA_DIST += tests/cli/max_input.sh
## Relation properties, --evidence, names in TSV, figures by date or kind,
## the resolved entity, --broader.
TESTS += tests/cli/answers.sh
EXTRA_DIST += tests/cli/answers.sh
## One wording and one parser for every command: operands, repeated
## options, the formats -o's extension chooses, help from the tables.
TESTS += tests/cli/commands.sh
EXTRA_DIST += tests/cli/commands.sh
