# shellcheck shell=bash
# govinfo scale-out helpers, sourced by scripts/shards/run.sh, bench/shards.sh and
# scripts/suites/87-shards.sh. Databases are named by libpq connection strings ("host=... port=...
# dbname=..."); the caller's PG* environment fills in the rest.

# psql on a connection string, quiet, stopping at the first error
shards_psql() {
	local db=$1
	shift
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"
}

# shards_load SOURCE COORDINATOR SHARD1 SHARD2 SHARD3: copy the agencies of SOURCE (a single-node
# database, e.g. one filled by bench/generate.sql) to the coordinator and to every shard (the
# hierarchy is replicated: each shard needs the agencies its applications reference), and the
# applications of SOURCE to the shards, each shard the agencies whose id hashes to its partition of
# fleet.application (HASH (agency_id), modulus 3; the same test, satisfies_hash_partition, that
# routes a row on the coordinator). govinfo is created where it is missing. Application ids are kept.
shards_load() {
	local src=$1 coord=$2 db i=0
	shift 2
	local cols="application_id, agency_id, received_on, applicant, outcome, closed_on, channel, subject, corrected_on, extended, fee_yuan"
	for db in "$coord" "$@"; do
		shards_psql "$db" -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS govinfo" || return 1
		psql -X -q -v ON_ERROR_STOP=1 -d "$src" -c "COPY govinfo.agency TO STDOUT" |
			shards_psql "$db" -c "COPY govinfo.agency FROM STDIN" || return 1
		shards_psql "$db" -c "SELECT setval(pg_get_serial_sequence('govinfo.agency', 'agency_id'), max(agency_id)) FROM govinfo.agency" >/dev/null || return 1
	done
	for db in "$@"; do
		# shard i+1 holds remainder i: a throwaway partitioned table of the same key and modulus
		# gives satisfies_hash_partition the partition key's hash function
		psql -X -q -v ON_ERROR_STOP=1 -d "$src" \
			-c "CREATE TEMP TABLE shard_key (agency_id bigint) PARTITION BY HASH (agency_id)" \
			-c "COPY (SELECT $cols FROM govinfo.application
			          WHERE satisfies_hash_partition('pg_temp.shard_key'::regclass, 3, $i, agency_id)) TO STDOUT" |
			shards_psql "$db" -c "COPY govinfo.application ($cols) FROM STDIN" || return 1
		# postgres_fdw reads through a cursor, which PostgreSQL plans for its first 10 % of rows: an
		# index-ordered GroupAggregate, twice as slow here as the HashAggregate of a whole-table
		# scan (bench/SCALE-OUT-RESULTS.md); the coordinator reads every row, so plan for all
		shards_psql "$db" -c "SELECT setval(pg_get_serial_sequence('govinfo.application', 'application_id'), coalesce(max(application_id), 0) + 1, false) FROM govinfo.application" \
			-c "DO \$\$ BEGIN EXECUTE format('ALTER DATABASE %I SET cursor_tuple_fraction = 1', current_database()); END \$\$" \
			-c "VACUUM (ANALYZE) govinfo.agency, govinfo.application" >/dev/null || return 1
		i=$((i + 1))
	done
}

# shards_coordinator COORDINATOR SHARD1 SHARD2 SHARD3 [USER PASSWORD]: the coordinator's servers,
# user mappings, fleet.application and the fleet functions (scripts/shards/coordinator.sql)
shards_coordinator() {
	local coord=$1 here
	here=$(dirname "${BASH_SOURCE[0]}")
	local args=(-v "shard1=$2" -v "shard2=$3" -v "shard3=$4")
	[ -n "${5:-}" ] && args+=(-v "fdw_user=$5")
	[ -n "${6:-}" ] && args+=(-v "fdw_password=$6")
	shards_psql "$coord" "${args[@]}" -f "$here/coordinator.sql"
}
