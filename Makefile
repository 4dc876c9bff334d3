# utdrag — build, test, install.  `make help` lists the targets.
#
# Dependencies come from Debian's -dev packages, found with pkg-config
# (libcsv has no .pc file and is linked as -lcsv).  `make deps` installs
# whatever is missing; `make demo` and `make test` call it first.

PREFIX    ?= /usr/local
BUILD     ?= build
CC        ?= cc
PKGS      := libpcre2-8 libhs jansson libutf8proc sqlite3 nettle xlsxwriter poppler-glib
DEB_PKGS  := libpcre2-dev libvectorscan-dev libjansson-dev libcsv-dev libutf8proc-dev libsqlite3-dev sqlite3 nettle-dev pkg-config python3 perl gcc make parallel
DEB_PKGS  += libxlsxwriter-dev zlib1g-dev python3-pandas python3-matplotlib
# PDF input (src/read_pdf.c); poppler-utils' pdftotext is what the tests compare with
DEB_PKGS  += libpoppler-glib-dev poppler-utils
SAN       ?=
# the Python module (python/utdrag) goes where Debian's python3 looks:
# /usr/lib/python3/dist-packages for PREFIX=/usr, else PREFIX/lib/python3.X/dist-packages
PYTHON    ?= /usr/bin/python3
ifeq ($(PREFIX),/usr)
PYDIR     ?= $(PREFIX)/lib/python3/dist-packages
else
PYDIR     ?= $(PREFIX)/lib/python$(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || echo 3)/dist-packages
endif

CFLAGS    ?= -O2 -g
CFLAGS    += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -fPIC -Iinclude
ifneq ($(SAN),)
CFLAGS    += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS   += -fsanitize=address,undefined
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread -lm
DEFS      := -DUTDRAG_RULES_DIR='"$(PREFIX)/share/utdrag/rules"'

# src/ is split by stage (src/README.md); src/cli/ is the command line,
# which sees only include/ (the public API), not the library's headers.
LIB_SRC   := $(filter-out src/cli/%,$(wildcard src/*/*.c)) $(wildcard extractors/*.c)
CLI_SRC   := $(wildcard src/cli/*.c)
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
HEADERS   := $(wildcard include/*.h src/*/*.h extractors/*.h)
# the library's own headers: for its objects, the unit tests and the benches
PRIV_FLAGS := -Isrc -Iextractors

BIN       := $(BUILD)/utdrag
LIB_A     := $(BUILD)/libutdrag.a
LIB_SO    := $(BUILD)/libutdrag.so

.PHONY: all deps demo eval test test-fast tests-bin asan valgrind bench install uninstall clean help
all: $(BIN) $(LIB_A) $(LIB_SO)

help:
	@echo "make            build $(BIN), $(LIB_A), $(LIB_SO)"
	@echo "make deps       apt-get the Debian packages the build needs (if missing)"
	@echo "make demo       deps + build + extract the bundled samples/ (JSON Lines)"
	@echo "make eval       scores on ../shared/corpus and on tests/field, one table each"
	@echo "make test       deps + build + every test, then again under ASan+UBSan"
	@echo "make test-fast  build + every test, without the sanitizer pass"
	@echo "make valgrind   unit tests and CLI cases under valgrind"
	@echo "make fuzz       libFuzzer harnesses, FUZZ_SECONDS (default 60) each"
	@echo "make bench      throughput and peak memory on a large input"
	@echo "make install    PREFIX=$(PREFIX)"

# The library's objects are built with hidden visibility: libutdrag.so
# exports only what include/utdrag.h marks UT_API (tests/boundaries/).
LIB_FLAGS := -fvisibility=hidden -DUTDRAG_BUILDING $(PRIV_FLAGS)
$(LIB_OBJ): EXTRA_FLAGS := $(LIB_FLAGS)
$(BUILD)/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(EXTRA_FLAGS) $(PKG_CFLAGS) $(DEFS) -c $< -o $@

$(LIB_A): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(LIB_SO): $(LIB_OBJ)
	$(CC) -shared $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BIN): $(CLI_OBJ) $(LIB_A)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB_A) $(PKG_LIBS)

deps:
	@missing=""; for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

demo: deps
	@$(MAKE) --no-print-directory all
	$(BIN) extract samples/

# Extraction quality: one table for the shared annotated corpus, one for the
# field corpus (tests/field/README); thresholds are checked by tests/golden.sh.
SHARED_CORPUS ?= ../shared/corpus
eval: all
	@echo "== $(SHARED_CORPUS) (shared annotated corpus)"
	@if [ -d $(SHARED_CORPUS)/gold ]; then $(BIN) eval --gold $(SHARED_CORPUS)/gold $(SHARED_CORPUS)/docs; else echo "(not found)"; fi
	@echo "== tests/field (documents from new sources)"
	@$(BIN) eval --gold tests/field/gold tests/field/docs

# Everything: unit tests, rule examples, CLI cases, golden scores, then the
# same suite built with AddressSanitizer + UBSan.  Ends with prove's summary.
# UTDRAG_NO_ASAN=1 skips the sanitizer build and pass (see tests/run.sh).
test: deps
	@$(MAKE) --no-print-directory all tests-bin
	@[ "$$UTDRAG_NO_ASAN" = 1 ] || $(MAKE) --no-print-directory BUILD=build-asan SAN=1 all tests-bin
	@tests/run.sh

test-fast: all tests-bin
	@UTDRAG_NO_ASAN=1 tests/run.sh

# unit test programs: tests/unit/test_*.c, each linked with the static library
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
tests-bin: $(UNIT_BIN)
$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PRIV_FLAGS) $(PKG_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_A) $(PKG_LIBS)

# Fuzzing (tests/fuzz/, README there): libFuzzer harnesses built with clang,
# ASan and UBSan into build-fuzz/, each run FUZZ_SECONDS over a corpus seeded
# from tests/fuzz/seeds, the saved crash inputs and $(FUZZ_CORPUS).
# `make fuzz-replay` runs the saved inputs without libFuzzer, as the suite does.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SEED    ?= 0
FUZZ_CORPUS  ?= ../shared/corpus
FUZZ_BUILD   := build-fuzz
FUZZ_NAMES   := rules extract normalize writers sqlite xlsx
FUZZ_FLAGS   := -O1 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Iinclude -Isrc -Iextractors \
                -Itests/fuzz -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all \
                -DFUZZ_RULES_DIR='"$(CURDIR)/rules"'
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_BIN     := $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)
# fuzz_sqlite reads the database back with sqlite3, fuzz_xlsx the workbook's zip with zlib
FUZZ_LIBS     = $(PKG_LIBS) -lz

.PHONY: fuzz fuzz-bin fuzz-replay print-build-flags
fuzz: fuzz-bin
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_SEED=$(FUZZ_SEED) FUZZ_CORPUS=$(FUZZ_CORPUS) tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_NAMES)
fuzz-bin: $(FUZZ_BIN)
.SECONDARY: $(FUZZ_LIB_OBJ)
$(FUZZ_BUILD)/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) $(DEFS) -c $< -o $@
$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz_util.h $(FUZZ_LIB_OBJ) $(HEADERS)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -o $@ $< tests/fuzz/fuzz_util.c $(FUZZ_LIB_OBJ) $(FUZZ_LIBS)
fuzz-replay: all
	@UTDRAG=$(BIN) tests/fuzz/replay.t
# What a program linked with libutdrag.a needs: the C flags on one line, the
# libraries on the next (tests/fuzz/replay.t builds the replay programs so).
print-build-flags:
	@echo '$(PKG_CFLAGS)'; echo '$(PKG_LIBS)'

# the C unit tests and the CLI cases under valgrind (build/ only)
valgrind: all tests-bin
	@UTDRAG_VALGRIND=1 UTDRAG_NO_ASAN=1 tests/run.sh

# bench/rule_cost reads the rule set's internals to time rules one by one
BENCH_TOOL := $(BUILD)/bench/rule_cost
$(BENCH_TOOL): bench/rule_cost.c $(LIB_A) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PRIV_FLAGS) $(PKG_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_A) $(PKG_LIBS)

bench: all $(BENCH_TOOL)
	@BUILD=$(BUILD) bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	           $(DESTDIR)$(PREFIX)/share/utdrag/rules/lexicons
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/utdrag
	install -m 644 $(LIB_A) $(LIB_SO) $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/utdrag.h $(DESTDIR)$(PREFIX)/include/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 man/utdrag.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 completions/utdrag.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/utdrag
	install -m 644 rules/*.rules rules/ocr-confusions.txt $(DESTDIR)$(PREFIX)/share/utdrag/rules/
	install -m 644 rules/lexicons/*.lex $(DESTDIR)$(PREFIX)/share/utdrag/rules/lexicons/
	install -d $(DESTDIR)$(PYDIR)/utdrag
	install -m 644 python/utdrag/*.py $(DESTDIR)$(PYDIR)/utdrag/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/share/man/man1/utdrag.1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions/utdrag
	rm -f $(DESTDIR)$(PREFIX)/bin/utdrag $(DESTDIR)$(PREFIX)/lib/libutdrag.* $(DESTDIR)$(PREFIX)/include/utdrag.h
	rm -rf $(DESTDIR)$(PREFIX)/share/utdrag $(DESTDIR)$(PYDIR)/utdrag

clean:
	rm -rf build build-asan build-fuzz
