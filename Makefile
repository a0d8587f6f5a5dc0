# spinelog — plain Makefile, no autotools.
#
#   make            build ./spinelog
#   make run        install missing build packages, build, start on the default database
#   make check      install missing test packages, build, run every test
#   make check SAN=1  the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer
#   make valgrind   the unit tests under valgrind (no leak allowed)
#   make fuzz       every libFuzzer harness for FUZZ_SECONDS (default 60) each
#   make stress     the long crash, fault and hostile-file runs (a few minutes)
#   make lint       cppcheck on src/
#   make bench      performance against baselines (DESIGN 8); RESULTS=1 also
#                   writes tests/bench/results.md; make bench-walk only the
#                   keys-per-case walkthrough of the seven procedures
#   make golden-update  re-record every golden screen (tests/golden/)
#   make install / uninstall   under $(DESTDIR)$(PREFIX)

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
PKG_CONFIG ?= pkg-config
CSV_LIBS  ?= -lcsv
# libunistring ships no pkg-config file on Debian 12.
UNISTRING_LIBS ?= -lunistring
FUZZ_SECONDS ?= 60
VERSION   := 0.1.0

CC      ?= cc
CFLAGS  ?= -O2 -g
# -Werror for developers and CI; a packager on a newer compiler may say
# WERROR= to build through warnings that compiler adds.
WERROR  ?= -Werror
WARN    := -std=c11 -Wall -Wextra $(WERROR) -Wshadow -Wformat=2 -Wno-format-nonliteral
DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags sqlite3 libcrypto inih jansson 2>/dev/null)
UI_CFLAGS   := $(filter -I%,$(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null)) -D_XOPEN_SOURCE_EXTENDED
DEPS_LIBS   := $(shell $(PKG_CONFIG) --libs sqlite3 libcrypto inih jansson 2>/dev/null) $(CSV_LIBS) \
	$(UNISTRING_LIBS) -lm
UI_LIBS     := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null)

ifeq ($(SAN),1)
B := build-san
SANFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
HARDEN :=
else
B := build
SANFLAGS :=
# -U first: compilers that define _FORTIFY_SOURCE themselves (gcc 13 on
# Ubuntu 24.04: 3) would otherwise warn of a redefinition.
HARDEN := -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
HARDEN_LD := -pie -Wl,-z,relro -Wl,-z,now
endif

ALL_CPPFLAGS = -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -DSPINELOG_VERSION='"$(VERSION)"' \
	$(LAYER_INC) $(CPPFLAGS)
ALL_CFLAGS   = $(WARN) $(CFLAGS) $(HARDEN) $(SANFLAGS) $(DEPS_CFLAGS)
ALL_LDFLAGS  = $(SANFLAGS) $(HARDEN_LD) $(LDFLAGS)

# Layers, one folder each, imports one way:
#
#   base <- store <- domain <- {ui, cli} <- main.c
#
# base (util, clock, hash, csv) includes nothing of the project; store is
# SQLite and the hash-chained log; domain is the clinical rules and every
# write (chart.c), plain C that never prints; ui (curses) and cli (stdio) are
# the two front ends, siblings that never see each other; main.c composes.
# Each folder compiles with only the include paths below it, so a header from
# the wrong layer does not compile ("event.h" in a screen is "no such file").
# The front ends reach the storage layer only through the spelled-out
# "store/db.h" (the database's lifecycle), which check-layers polices along
# with what include paths cannot see (SQL in a front end, printing below
# one).  Only ui/ objects get the curses flags, and only the final link gets
# -lncursesw: the unit tests link base+store+domain without it.
INC_base   := -Isrc/base
INC_store  := -Isrc/store $(INC_base)
INC_domain := -Isrc/domain $(INC_store)
INC_ui     := -Isrc/ui -Isrc/domain $(INC_base) -Isrc
INC_cli    := -Isrc/cli -Isrc/domain $(INC_base) -Isrc
INC_main   := -Isrc/cli -Isrc/ui $(INC_base) -Isrc
# Tests, fuzzers and benchmarks reach into every layer below the front ends.
INC_tests  := $(INC_domain)

LAYERS   := base store domain ui cli
$(foreach l,$(LAYERS),$(eval $(B)/$(l)/%.o: LAYER_INC := $$(INC_$(l))))
$(B)/main.o: LAYER_INC := $(INC_main)
$(B)/embedded.o: LAYER_INC := $(INC_store)

LIB_SRC  := $(wildcard src/base/*.c src/store/*.c src/domain/*.c)
UI_SRC   := $(wildcard src/ui/*.c)
CLI_SRC  := $(wildcard src/cli/*.c) src/main.c
LIB_OBJ  := $(LIB_SRC:src/%.c=$(B)/%.o) $(B)/embedded.o
UI_OBJ   := $(UI_SRC:src/%.c=$(B)/%.o)
CLI_OBJ  := $(CLI_SRC:src/%.c=$(B)/%.o)
EMBEDDED := $(sort $(wildcard schema/*.sql)) $(sort $(wildcard schema/checklists/*.csv)) \
	schema/drugs.csv schema/holds.csv

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
# Test-only helper programs (tests/tools/*.c), used by the shell tests.
TOOL_SRC := $(wildcard tests/tools/*.c)
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(B)/tools/%)

# The stress programs: tests/stress/stress_*.c, each linked with the helpers
# beside them (stress.c, faultvfs.c) and the domain library, no curses.
STRESS_SRC := $(wildcard tests/stress/stress_*.c)
STRESS_BIN := $(STRESS_SRC:tests/stress/%.c=$(B)/tests/%)
STRESS_LIB := $(filter-out tests/stress/stress_%.c,$(wildcard tests/stress/*.c))

BIN := $(if $(filter 1,$(SAN)),$(B)/spinelog,spinelog)

.PHONY: all run check check-install check-unit check-cli check-e2e check-root check-golden golden-update \
	check-man check-layers bench-walk \
	valgrind fuzz bench deps deps-test install uninstall clean man-keys check-man-keys stress \
	check-stress lint check-deb

all: $(BIN)

$(BIN): $(UI_OBJ) $(CLI_OBJ) $(B)/libspinelog.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(UI_OBJ) $(B)/libspinelog.a $(UI_LIBS) $(DEPS_LIBS)

$(B)/libspinelog.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(B)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(UI_OBJ): ALL_CFLAGS += $(UI_CFLAGS)

# The schema and the built-in checklists are compiled into the binary.
$(B)/embed: src/tools/embed.c | $(B)
	$(CC) -std=c11 -Wall -Wextra -Werror -O1 -o $@ $<

$(B)/embedded.c: $(B)/embed $(EMBEDDED)
	$(B)/embed $(EMBEDDED) > $@.tmp && mv $@.tmp $@

$(B)/embedded.o: $(B)/embedded.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(B):
	mkdir -p $(B)

-include $(wildcard $(B)/*.d $(B)/*/*.d)

# The KEYS section of spinelog(1) comes from the action table (ui_keys.c).
$(B)/keydoc: src/tools/keydoc.c src/ui/ui_keys.c src/ui/ui_keys.h | $(B)
	$(CC) -std=c11 -Wall -Wextra -Werror -O1 -Isrc/ui $(INC_base) -o $@ src/tools/keydoc.c \
		src/ui/ui_keys.c

man-keys: $(B)/keydoc
	@sh tests/man-keys.sh write $(B)/keydoc man/spinelog.1

check-man-keys: $(B)/keydoc
	@sh tests/man-keys.sh check $(B)/keydoc man/spinelog.1

# --- running ---------------------------------------------------------------

deps:
	@sh contrib/install-deps.sh build

deps-test:
	@sh contrib/install-deps.sh test

run: deps
	$(MAKE) all
	./spinelog

# --- tests -----------------------------------------------------------------

$(B)/tests/%: LAYER_INC := $(INC_tests)
$(B)/tools/%: LAYER_INC := $(INC_tests)
$(B)/tests/%: tests/unit/%.c tests/unit/testutil.h $(B)/libspinelog.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(B)/libspinelog.a \
		$(ALL_LDFLAGS) -lcmocka $(DEPS_LIBS)

# The action table uses no curses: its test links ui_keys.c alone, without
# ncurses and without the library.
$(B)/tests/test_keys: LAYER_INC := -Isrc/ui $(INC_base)
$(B)/tests/test_keys: tests/unit/test_keys.c src/ui/ui_keys.c src/ui/ui_keys.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< src/ui/ui_keys.c $(ALL_LDFLAGS) -lcmocka

$(B)/tests/stress_%: tests/stress/stress_%.c $(STRESS_LIB) $(wildcard tests/stress/*.h) \
		$(B)/libspinelog.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Itests/stress -o $@ $< $(STRESS_LIB) \
		$(B)/libspinelog.a $(ALL_LDFLAGS) $(DEPS_LIBS)

$(B)/tools/%: tests/tools/%.c $(B)/libspinelog.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(B)/libspinelog.a $(ALL_LDFLAGS) $(DEPS_LIBS)

check: deps-test
	$(MAKE) all $(UNIT_BIN) $(TOOL_BIN) $(STRESS_BIN)
	$(MAKE) -j1 check-layers lint check-man check-man-keys check-install check-unit check-cli \
		check-e2e check-root check-golden check-stress

check-unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

check-cli: $(BIN) $(TOOL_BIN) tests/fhir/node_modules/.package-lock.json
	@SPINELOG=$(abspath $(BIN)) sh tests/run-shell.sh cli tests/cli/*.sh

# The FHIR export's independent validator (tests/fhir/validate.js) and the
# npm packages it runs on, exactly as package-lock.json pins them.
tests/fhir/node_modules/.package-lock.json: tests/fhir/package.json tests/fhir/package-lock.json
	@command -v npm >/dev/null || { echo "tests/fhir: npm is missing; install nodejs and npm" \
		"(make deps-test, or apt-get install nodejs npm)" >&2; exit 1; }
	cd tests/fhir && npm ci --no-audit --no-fund

check-e2e: $(BIN)
	@SPINELOG=$(abspath $(BIN)) sh tests/run-shell.sh e2e $(wildcard tests/e2e/*.sh)

# Tests that need root (tests/root: they create OS users and a group).  CI
# runs make check as root, so they run there; a make check as another user
# says, on its summary line, that they were not run and why.
check-root: $(BIN) $(TOOL_BIN)
	@if [ "$$(id -u)" = 0 ]; then \
		SPINELOG=$(abspath $(BIN)) sh tests/run-shell.sh root $(wildcard tests/root/*.sh); \
	else \
		echo "root: $(words $(wildcard tests/root/*.sh)) test(s) NOT RUN: they create OS users" \
			"and need root (as $$(id -un)); CI runs them as root"; \
	fi

# Every screen at 80x24 against its expected capture in tests/golden/;
# golden-update re-records them all (review the result with git diff).
check-golden: $(BIN) $(TOOL_BIN)
	@SPINELOG=$(abspath $(BIN)) sh tests/golden/run.sh check

golden-update: $(BIN) $(TOOL_BIN)
	@SPINELOG=$(abspath $(BIN)) sh tests/golden/run.sh update

check-man: $(BIN)
	@for m in man/*.[0-9]; do mandoc -Tlint -Wwarning $$m || exit 1; done; \
		echo "man: mandoc -Tlint clean"
	@python3 tests/man-synopsis.py $(abspath $(BIN)) man/spinelog.1

check-layers:
	@INC_base="$(INC_base)" INC_store="$(INC_store)" INC_domain="$(INC_domain)" \
		INC_ui="$(INC_ui) $(UI_CFLAGS)" INC_cli="$(INC_cli)" sh tests/check-layers.sh $(CC)
	@if ! sh tests/check-sql.sh src/*.c src/*/*.c; then \
		echo "layers: SQL built with a printf-style function or run outside the db module (above)"; \
		exit 1; fi; \
	echo "layers: no printf-built SQL; statements prepared only in src/store/db.c, db_schema.c, db_backup.c"

# The fast versions of the stress runs (part of check) and the long ones.
check-stress: $(BIN) $(STRESS_BIN)
	@SPINELOG=$(abspath $(BIN)) STRESS_BIN=$(abspath $(B)/tests) sh tests/stress/run.sh fast

# The key fuzz drives the ASan+UBSan build of the program (build-san/spinelog).
stress: deps-test
	$(MAKE) all $(STRESS_BIN)
	$(MAKE) SAN=1 build-san/spinelog
	@SPINELOG=$(abspath $(BIN)) STRESS_BIN=$(abspath $(B)/tests) \
		KEYFUZZ_BIN=$(abspath build-san/spinelog) sh tests/stress/run.sh long

# Static analysis of src/: the warning, style, performance and portability
# checks of cppcheck, all of which must stay clean (suppress a false positive
# in place with a cppcheck-suppress comment that says why).  variableScope is
# left out: it is a matter of taste (it asks to move a function's static
# buffer into the block that fills it), not a defect.
lint:
	@cppcheck -q --std=c11 --enable=warning,style,performance,portability --inline-suppr \
		--error-exitcode=1 --suppress=missingIncludeSystem --suppress=variableScope \
		-D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -DSPINELOG_VERSION='"lint"' \
		$(foreach l,$(LAYERS),-Isrc/$(l)) -Isrc src/ && \
		echo "lint: cppcheck clean on src/ (warning, style, performance, portability)"

valgrind: $(UNIT_BIN)
	@VALGRIND=1 sh tests/run-unit.sh $(UNIT_BIN)

FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
build-fuzz/%: tests/fuzz/%.c $(LIB_SRC) $(B)/embedded.c
	@mkdir -p build-fuzz
	clang $(ALL_CPPFLAGS) $(INC_tests) -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
		$(DEPS_CFLAGS) -o $@ $< $(LIB_SRC) $(B)/embedded.c $(DEPS_LIBS)

fuzz: $(B)/embedded.c $(FUZZ_BIN)
	@sh tests/run-fuzz.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

# Not part of check: timings do not belong in a pass/fail suite.  The
# generated databases are cached under build/bench/.
BENCH_BIN := $(patsubst tests/bench/%.c,build/bench/%,$(wildcard tests/bench/*.c))
build/bench/%: LAYER_INC := $(INC_tests)
build/bench/%: tests/bench/%.c build/libspinelog.a
	@mkdir -p build/bench
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< build/libspinelog.a $(ALL_LDFLAGS) $(DEPS_LIBS)

bench: deps-test
	$(MAKE) all $(BENCH_BIN) build/tools/addevent
	@sh tests/bench/run.sh $(if $(filter 1,$(RESULTS)),tests/bench/results.md)

# The keys-per-case walkthrough alone (part of bench): a whole case of each
# built-in procedure at 80x24, every key counted (tests/bench/walk.sh).
bench-walk: deps-test
	$(MAKE) all build/tools/addevent
	@sh tests/bench/walk.sh

# --- install ---------------------------------------------------------------

# Also the bash completion and the end-of-day export's systemd units (user
# units; contrib/README says how to run them system-wide), with ExecStart
# pointing at the installed binary.
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
SYSTEMDUSERDIR ?= $(PREFIX)/lib/systemd/user
UNITS := contrib/spinelog-export.service contrib/spinelog-export.timer

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man5 \
		$(DESTDIR)$(COMPLETIONDIR) $(DESTDIR)$(SYSTEMDUSERDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/spinelog
	for m in man/*.1; do install -m 644 $$m $(DESTDIR)$(MANPREFIX)/man1/; done
	for m in $(wildcard man/*.5); do install -m 644 $$m $(DESTDIR)$(MANPREFIX)/man5/; done
	install -m 644 contrib/spinelog.bash-completion $(DESTDIR)$(COMPLETIONDIR)/spinelog
	for u in $(UNITS); do \
		sed 's|/usr/local/bin/spinelog|$(BINDIR)/spinelog|g' $$u > $(DESTDIR)$(SYSTEMDUSERDIR)/$${u#contrib/} && \
		chmod 644 $(DESTDIR)$(SYSTEMDUSERDIR)/$${u#contrib/} || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/spinelog $(DESTDIR)$(COMPLETIONDIR)/spinelog
	for m in man/*.1; do rm -f $(DESTDIR)$(MANPREFIX)/man1/$${m#man/}; done
	for m in $(wildcard man/*.5); do rm -f $(DESTDIR)$(MANPREFIX)/man5/$${m#man/}; done
	for u in $(UNITS); do rm -f $(DESTDIR)$(SYSTEMDUSERDIR)/$${u#contrib/}; done

# A staged install and uninstall, checked file by file (part of check).
check-install: $(BIN)
	@sh tests/install.sh $(MAKE)

# The Debian package from contrib/debian/, built in a copy of the tree and
# checked with lintian (not part of check: it needs the packaging tools,
# contrib/install-deps.sh deb; .ci/run runs it).
check-deb:
	@sh contrib/install-deps.sh deb
	@DEB_OUT="$(if $(DEB_OUT),$(abspath $(DEB_OUT)))" sh tests/deb.sh

clean:
	rm -rf build build-san build-fuzz spinelog
