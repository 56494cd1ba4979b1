#!/usr/bin/env bash
# Mutation fuzzing of every input function of govinfo: the text, jsonb and binary forms of the
# figures types and the text and binary forms of the code types (the targets are test/fuzz/targets.sql,
# one line each; a new text parser is one more line).
#
# From valid seeds (test/fuzz/seeds/), a deterministic PRNG (setseed per batch) mutates inputs:
# byte and bit flips, truncation, insertion, deletion, duplication, splicing, huge and negative
# numbers, separators, odd Unicode, very long strings, JSON values, keys and nesting, binary values
# and headers.  Text targets run twice: in a UTF-8 database (odd code points) and in an EUC_CN
# database, govinfo's other server encoding (random double-byte characters of the whole GB2312 range;
# no encoding govinfo accepts lets invalid text reach an input function).
# Asserted per target: no backend crash (the server log is checked too), no XX error, every
# accepted value round-trips through its text and its binary form to an equal value with the same
# output, plus the target's own assertion (jsonb round trip, canonical binary input).  Each
# assertion of each target is one test; the script ends with "N passed, N failed".  A crash is
# replayed input by input to name the input that caused it.
#
#   bash scripts/fuzz.sh              # build, install, throwaway cluster, 1,000,000 inputs (make fuzz)
#   bash scripts/fuzz.sh --here       # against the running cluster (PG* environment), 100,000 inputs:
#                                     # the suite scripts/suites/60-fuzz.sh
# Options: --inputs N (or FUZZ_INPUTS=N) total inputs; --long: 1,000,000; --seed N (FUZZ_SEED, default 1);
# --targets 'name ...' (FUZZ_TARGETS) only these; --batch N (FUZZ_BATCH, default 1000) inputs per batch;
# FUZZ_EXTRA_TARGETS=file.sql adds the targets that file inserts (to try a target before adding it).
# Needs root (it installs the test-only helper extension test/fuzz/govinfo_fuzz, never part of govinfo);
# on the shared development machine hold the lock: flock /tmp/govinfo-pg.lock bash scripts/fuzz.sh
set -uo pipefail
cd "$(dirname "$0")/.."

here=0
inputs=${FUZZ_INPUTS:-}
seed=${FUZZ_SEED:-1}
only=${FUZZ_TARGETS:-}
batch=${FUZZ_BATCH:-1000}
args=("$@")
while [ $# -gt 0 ]; do
	case "$1" in
	--here) here=1 ;;
	--long) inputs=${inputs:-1000000} ;;
	--inputs) inputs=$2; shift ;;
	--seed) seed=$2; shift ;;
	--targets) only=$2; shift ;;
	--batch) batch=$2; shift ;;
	*) echo "usage: $0 [--here] [--long] [--inputs N] [--seed N] [--targets 'name ...'] [--batch N]" >&2; exit 2 ;;
	esac
	shift
done

if [ "$here" = 0 ]; then
	# standalone: build and install govinfo, then run against a throwaway cluster
	bash scripts/install-deps.sh || exit 1
	make >/dev/null && make install >/dev/null || { echo "fuzz: build failed"; echo "0 passed, 1 failed"; exit 1; }
	FUZZ_INPUTS=${inputs:-1000000} exec bash scripts/virtualenv.sh bash "$0" --here "${args[@]}"
fi
inputs=${inputs:-100000}

PSQL=(psql -X -q -v ON_ERROR_STOP=1)
# the driver, the targets and the seeds are UTF-8 files, loaded into a UTF-8 and an EUC_CN database
export PGCLIENTENCODING=UTF8
# a batch that runs longer than this hangs
export PGOPTIONS="${PGOPTIONS:-} -c statement_timeout=300s -c client_min_messages=warning"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# rebuilt every time: the source tree may hold a build for another PostgreSQL version
make -C test/fuzz clean >/dev/null && make -C test/fuzz >/dev/null && make -C test/fuzz install >/dev/null ||
	{ echo "fuzz: building the test helper test/fuzz failed"; echo "0 passed, 1 failed"; exit 1; }

# The server log, to look for crashes while each target runs (found through pg_lsclusters).
serverlog=$(pg_lsclusters -h 2>/dev/null | awk -v p="${PGPORT:-5432}" '$3 == p {print $7}' | head -1)
[ -r "$serverlog" ] || serverlog=""

# Wait until the server accepts connections again (after a crash it restarts).
wait_ready() {
	for _ in $(seq 1 120); do
		pg_isready -q && psql -X -q -d postgres -c 'SELECT 1' >/dev/null 2>&1 && return 0
		sleep 0.5
	done
	return 1
}

# One database per encoding: fuzz_utf8 runs every target, fuzz_euc (EUC_CN) the text targets.
setup_db() {
	local db=$1 enc=$2
	dropdb --if-exists "$db" >/dev/null 2>&1
	createdb -T template0 -E "$enc" --locale=C "$db" || return 1
	{
		echo 'CREATE EXTENSION govinfo; CREATE EXTENSION govinfo_fuzz;'
		# data for the calls of govinfo's functions: the 平山镇 report, the demo records, derived reports
		if [ "$enc" = UTF8 ]; then
			echo '\i scripts/demo/pingshan-2021.sql'
			echo '\i scripts/demo/records.sql'
			echo 'SELECT govinfo.refresh_reports(y) FROM generate_series(2020, 2022) y;'
		fi
		echo '\i test/fuzz/driver.sql'
		echo '\i test/fuzz/targets.sql'
		[ -n "${FUZZ_EXTRA_TARGETS:-}" ] && echo "\\i $FUZZ_EXTRA_TARGETS"
		for f in test/fuzz/seeds/*.txt; do
			name=$(basename "$f" .txt)
			echo "CREATE TEMP TABLE seed_lines (s text);"
			echo "\\copy seed_lines FROM '$f' WITH (FORMAT csv, DELIMITER E'\\x1f', QUOTE E'\\x1e')"
			echo "INSERT INTO fuzz.seed_file SELECT '$name', s FROM seed_lines WHERE s IS NOT NULL;"
			echo "DROP TABLE seed_lines;"
		done
		[ "$enc" = EUC_CN ] && echo "DELETE FROM fuzz.target WHERE mutator <> 'text';"
		if [ -n "$only" ]; then
			echo "DELETE FROM fuzz.target WHERE name <> ALL (string_to_array('$only', ' '));"
		fi
		echo "SELECT fuzz.prepare(name) FROM fuzz.target ORDER BY name;"
	} | "${PSQL[@]}" -d "$db" >/dev/null
}

setup_db fuzz_utf8 UTF8 || { echo "fuzz: setting up the UTF-8 database failed"; echo "0 passed, 1 failed"; exit 1; }
setup_db fuzz_euc EUC_CN || { echo "fuzz: setting up the EUC_CN database failed"; echo "0 passed, 1 failed"; exit 1; }

# The plan: every (database, target) with its share of the inputs; an EUC_CN run gets half a text target's weight.
plan=$(
	{
		psql -X -At -F ' ' -d fuzz_utf8 -c "SELECT 'fuzz_utf8', name, weight FROM fuzz.target ORDER BY name"
		psql -X -At -F ' ' -d fuzz_euc -c "SELECT 'fuzz_euc', name, weight / 2 FROM fuzz.target ORDER BY name"
	} | awk -v n="$inputs" '{ db[NR] = $1; t[NR] = $2; w[NR] = $3; s += $3 }
		END { for (i = 1; i <= NR; i++) printf "%s %s %d\n", db[i], t[i], int(n * w[i] / s + 0.999999) }'
)
[ -n "$plan" ] || { echo "fuzz: no targets"; echo "0 passed, 1 failed"; exit 1; }

# Record a failure found outside the database (crash, hang, lost connection).
record_failure() {
	local db=$1 tgt=$2 b=$3 input=$4 why=$5
	wait_ready
	printf '%s\n' "INSERT INTO fuzz.failure VALUES (:'tgt', nullif(:'b', '')::integer, 'no crash', nullif(:'input', ''), NULL, :'why');" |
		"${PSQL[@]}" -d "$db" -v tgt="$tgt" -v b="$b" -v input="$input" -v why="$why"
}

# Run every batch of one target; after a crash or hang, replay the batch verbosely to name the input.
run_target() {
	local db=$1 tgt=$2 total=$3 nb b first n rc why input
	nb=$(((total + batch - 1) / batch))
	b=0
	while [ "$b" -lt "$nb" ]; do
		for ((i = b; i < nb; i++)); do
			n=$batch
			[ $((i + 1)) -eq "$nb" ] && n=$((total - i * batch))
			echo "SELECT fuzz.run('$tgt', $i, $n, $seed);"
		done >"$work/batches.sql"
		"${PSQL[@]}" -d "$db" -f "$work/batches.sql" >/dev/null 2>"$work/err"
		rc=$?
		[ "$rc" = 0 ] && return 0
		wait_ready || { echo "fuzz: the server does not come back"; return 1; }
		first=$(psql -X -At -d "$db" -c "SELECT min(g) FROM generate_series($b, $nb - 1) g
			WHERE NOT EXISTS (SELECT FROM fuzz.result WHERE target = '$tgt' AND batch = g)")
		why=$(grep -m1 -E 'ERROR|FATAL|server closed|terminated|connection' "$work/err" | sed 's/^psql:[^ ]* //')
		if [ -z "$first" ]; then
			record_failure "$db" "$tgt" "" "" "psql failed after the last batch: ${why:-exit $rc}"
			return 0
		fi
		n=$batch
		[ $((first + 1)) -eq "$nb" ] && n=$((total - first * batch))
		# the same batch again (same inputs), each input announced before it is tried
		PGOPTIONS="$PGOPTIONS -c client_min_messages=notice" psql -X -q -d "$db" \
			-c "SELECT fuzz.run('$tgt', $first, $n, $seed, true)" >/dev/null 2>"$work/replay"
		input=$(grep 'fuzz input: ' "$work/replay" | tail -1 | sed 's/.*fuzz input: //')
		if grep -qE 'server closed|terminated|connection' "$work/replay"; then
			why="the backend died on this input (${why:-exit $rc})"
		elif grep -q 'ERROR' "$work/replay"; then
			why="the batch failed with an error no exception block caught (the driver's?): $(grep -m1 ERROR "$work/replay")"
		else
			why="${why:-psql exit $rc}; the replay of the batch did not fail"
			input=""
		fi
		record_failure "$db" "$tgt" "$first" "$input" "$why"
		b=$((first + 1))
	done
}

start=$(date +%s)
while read -r db tgt total; do
	before=0
	[ -n "$serverlog" ] && before=$(stat -c %s "$serverlog")
	run_target "$db" "$tgt" "$total" || break
	if [ -n "$serverlog" ]; then
		tail -c +$((before + 1)) "$serverlog" |
			grep -E 'terminated by signal|terminated by exception|was terminated|PANIC|TRAP:' >"$work/crashlog"
		if [ -s "$work/crashlog" ]; then
			record_failure "$db" "$tgt" "" "" "server log: $(head -1 "$work/crashlog")"
		fi
	fi
done <<<"$plan"

# The report: per target its inputs, accepted values, SQLSTATEs and each assertion with its failures.
report() {
	psql -X -At -F $'\t' -d "$1" <<-'EOF'
		WITH r AS (
			SELECT target, sum(inputs) AS inputs, sum(accepted) AS accepted, sum(seconds) AS seconds
			FROM fuzz.result GROUP BY target),
		s AS (
			SELECT target, string_agg(format('%s %s', st, n), ', ' ORDER BY n DESC, st) AS states
			FROM (SELECT target, key AS st, sum(value::integer) AS n FROM fuzz.result, jsonb_each_text(states)
				GROUP BY target, key) q GROUP BY target),
		a AS (
			SELECT t.name, x.assertion, x.ord
			FROM fuzz.target t, LATERAL (VALUES ('no crash', 1), ('no XX000', 2), ('accepts valid input', 3),
				('text round trip', 4), ('binary round trip', 5), (t.extra_name, 6)) x(assertion, ord)
			WHERE x.assertion IS NOT NULL AND (x.ord < 4 OR x.ord = 6 OR t.type IS NOT NULL))
		SELECT * FROM (
		SELECT 'T', t.name, 0, 0, coalesce(r.inputs, 0), coalesce(r.accepted, 0), coalesce(round(r.seconds, 1), 0),
			coalesce(s.states, '-'), ''
		FROM fuzz.target t LEFT JOIN r ON r.target = t.name LEFT JOIN s ON s.target = t.name
		UNION ALL
		SELECT 'A', a.name, a.ord, 0, CASE WHEN a.ord = 3 THEN (coalesce(r.accepted, 0) = 0)::integer
				ELSE (SELECT count(*) FROM fuzz.failure f WHERE f.target = a.name AND f.assertion = a.assertion) END,
			0, 0, a.assertion, ''
		FROM a LEFT JOIN r ON r.target = a.name
		UNION ALL
		SELECT 'F', f.target, a.ord, f.k, f.batch, 0, 0, coalesce(f.sqlstate || ': ', '') || coalesce(fuzz.printable(f.message), ''),
			coalesce(fuzz.short(f.input), '')
		FROM (SELECT *, row_number() OVER (PARTITION BY target, assertion ORDER BY batch) AS k FROM fuzz.failure) f
			JOIN a ON a.name = f.target AND a.assertion = f.assertion
		WHERE f.k <= 5) q(kind, name, ord, k, n, acc, secs, text, input)
		ORDER BY kind = 'T' DESC, name, ord, kind = 'F', k
	EOF
}
passed=0
failed=0
total_inputs=0
report fuzz_utf8 >"$work/report.utf8"
report fuzz_euc >"$work/report.euc"
echo "fuzz: $inputs inputs requested, seed $seed, batches of $batch"
printf '%-44s %9s %9s %9s %7s  %s\n' target inputs accepted rejected seconds 'SQLSTATEs of the rejected'
for pass in T AF; do
	for enc in utf8 euc; do
		suffix=""
		[ "$enc" = euc ] && suffix=" [EUC_CN]"
		while IFS=$'\t' read -r kind name ord k n acc secs text input; do
			[[ "$pass" == *"$kind"* ]] || continue
			case "$kind" in
			T)
				printf '%-44s %9d %9d %9d %7s  %s\n' "$name$suffix" "$n" "$acc" "$((n - acc))" "$secs" "$text"
				total_inputs=$((total_inputs + n))
				;;
			A)
				if [ "$n" = 0 ]; then
					echo "ok - $name$suffix: $text"
					passed=$((passed + 1))
				else
					echo "not ok - $name$suffix: $text ($n failures)"
					failed=$((failed + 1))
				fi
				;;
			F)
				echo "    batch $n: $text"
				[ -n "$input" ] && echo "      input: $input"
				;;
			esac
		done <"$work/report.$enc"
	done
	[ "$pass" = T ] && echo "total: $total_inputs inputs in $(($(date +%s) - start)) s"
done
if [ "$failed" -gt 0 ]; then
	# every failure with its whole input, as a literal that reproduces it
	mkdir -p log
	for db in fuzz_utf8 fuzz_euc; do
		psql -X -At -F $'\t' -d "$db" -c "SELECT '$db', target, batch, assertion, sqlstate, fuzz.printable(message), input
			FROM fuzz.failure ORDER BY target, assertion, batch"
	done >log/fuzz-failures.txt
	echo "every failure with its whole input: log/fuzz-failures.txt (database, target, batch, assertion, SQLSTATE, message, input)"
fi
if [ -z "$serverlog" ]; then
	echo "note: the server log was not found; crashes are detected by lost connections only"
fi
if [ "$total_inputs" -lt "$inputs" ] && [ "$failed" = 0 ]; then
	echo "not ok - fewer inputs ran ($total_inputs) than requested ($inputs)"
	failed=$((failed + 1))
fi
dropdb --if-exists fuzz_utf8 >/dev/null 2>&1
dropdb --if-exists fuzz_euc >/dev/null 2>&1
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
