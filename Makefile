# govinfo — PGXS build
EXTENSION = govinfo
MODULE_big = govinfo
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
EXTVERSION = $(shell sed -n "s/^default_version = '\\(.*\\)'/\\1/p" $(EXTENSION).control)

# The current schema is readable source in sql/schema/*.sql (one file per concern, applied in name
# order); the install script of the current version is built from it. The install script of 0.1.0
# and the upgrade scripts are shipped as written.
SCHEMA_SOURCES = $(sort $(wildcard $(srcdir)/sql/schema/*.sql))
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql
# shipped as written: the install script of 0.1.0 and every upgrade script (an earlier version is
# installed through the chain from 0.1.0)
DATA = sql/$(EXTENSION)--0.1.0.sql $(wildcard sql/$(EXTENSION)--*--*.sql)

# pg_regress inputs live in sql/ beside the install scripts: list them
REGRESS = pingshan report_tables figures_errors catalog records upgrade documents documents_jobs html
REGRESS_OPTS = --inputdir=. --load-extension=govinfo

# isolation specs (specs/*.spec against expected/*.out, run by isolationtester after REGRESS):
# the concurrency guarantees of publication and P3-CARRY, and the lock order between their writers;
# the application tally under concurrent writers of one agency
ISOLATION = carry_writers publish_writers lock_order agency_cycle access_cache import_writers tally_writers
ISOLATION_OPTS = --load-extension=govinfo

PG_CONFIG ?= pg_config
PG_CFLAGS += -Wall -Wextra -Werror -Wno-unused-parameter
PG_CPPFLAGS += -I$(srcdir)/src
# libxml2 (PostgreSQL links it): the HTML reader of published reports (src/parse_html.c)
PG_CPPFLAGS += $(shell pkg-config --cflags libxml-2.0 2>/dev/null || xml2-config --cflags)
SHLIB_LINK += $(shell pkg-config --libs libxml-2.0 2>/dev/null || xml2-config --libs)

# the published-report parser: ICU's Traditional-Simplified transliterator (PostgreSQL links ICU)
ICU_CFLAGS := $(shell pkg-config --cflags icu-uc icu-i18n 2>/dev/null)
ICU_LIBS := $(shell pkg-config --libs icu-uc icu-i18n 2>/dev/null || echo -licui18n -licuuc -licudata)
PG_CPPFLAGS += $(ICU_CFLAGS)
SHLIB_LINK += $(ICU_LIBS)

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# cell-wise addition: let the compiler vectorize its loops, as PostgreSQL does for numeric.c
src/arith.o: CFLAGS += $(CFLAGS_VECTORIZE)
src/arith.bc: BITCODE_CFLAGS += $(CFLAGS_VECTORIZE)

sql/$(EXTENSION)--$(EXTVERSION).sql: $(SCHEMA_SOURCES)
	( echo '-- govinfo $(EXTVERSION): built from sql/schema/*.sql by make; edit those files, not this one'; \
	  echo '\\echo Use "CREATE EXTENSION govinfo" to load this file. \\quit'; \
	  for f in $(SCHEMA_SOURCES); do echo; echo "-- $$(basename $$f)"; cat $$f; done ) > $@

HEADERS_DEP = $(wildcard src/*.h)
$(OBJS): $(HEADERS_DEP)

.PHONY: prove test demo bench fuzz sqlsmith valgrind
prove:
	pg_prove --failures test/*.sql

test:
	bash scripts/test.sh

demo:
	bash scripts/demo.sh

bench:
	bash bench/run.sh

# the long runs: 1,000,000 fuzz inputs; 20,000 sqlsmith queries; pg_regress and pgTAP under valgrind
fuzz:
	bash scripts/fuzz.sh --long

sqlsmith:
	bash scripts/sqlsmith.sh --long

valgrind:
	bash scripts/valgrind.sh --pgtap
