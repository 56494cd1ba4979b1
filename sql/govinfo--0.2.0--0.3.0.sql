-- govinfo 0.2.0 -> 0.3.0: a statement inserting applications no longer builds a transition table.
-- The CHECK of govinfo.application collects the (agency, first year, last year) spans of the rows
-- as they are checked; statement triggers around the insert open and check that collection.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.3.0'" to load this file. \quit

--------------------------------------------------------------------------
-- Shared steps of the publication lock on records
--------------------------------------------------------------------------
-- the distinct agency ids of a spans array, ascending (C)
CREATE FUNCTION @extschema@.spans_agencies(spans bigint[]) RETURNS bigint[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- lock the agencies of the spans FOR KEY SHARE in agency order (publish_report locks them FOR
-- UPDATE: it waits for this transaction, or this transaction waits and then sees the publication);
-- the agency ids that do not exist, ascending
CREATE FUNCTION @extschema@.records_lock_agencies(spans bigint[]) RETURNS bigint[]
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	ids bigint[] := govinfo.spans_agencies(spans);
	locked bigint[];
BEGIN
	locked := ARRAY(SELECT a.agency_id FROM govinfo.agency a WHERE a.agency_id = ANY (ids)
	                ORDER BY a.agency_id FOR KEY SHARE OF a);
	IF cardinality(locked) = cardinality(ids) THEN
		RETURN '{}';
	END IF;
	RETURN ARRAY(SELECT i FROM unnest(ids) i EXCEPT SELECT unnest(locked) ORDER BY 1);
END
$$;

-- the published reports by year: a load of new records asks for the years from its first one on,
-- usually none yet published, and reads nothing else of annual_report
CREATE INDEX annual_report_published ON @extschema@.annual_report (year, agency_id) WHERE published_at IS NOT NULL;

-- the published agency-years the spans touch, in year and code order (read with the caller's
-- snapshot: a new statement, so it sees a publication the agency lock waited for)
CREATE FUNCTION @extschema@.records_published(spans bigint[])
	RETURNS TABLE(code text, agency_id bigint, year integer)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	first_year integer := (SELECT min(s.first_year) FROM govinfo.spans_rows(spans) s);
BEGIN
	IF NOT EXISTS (SELECT 1 FROM govinfo.annual_report r WHERE r.published_at IS NOT NULL AND r.year >= first_year) THEN
		RETURN;
	END IF;
	RETURN QUERY
		WITH p AS MATERIALIZED (
			SELECT r.agency_id, r.year FROM govinfo.annual_report r WHERE r.published_at IS NOT NULL AND r.year >= first_year)
		SELECT DISTINCT g.code, p.agency_id, p.year
		FROM p
		JOIN govinfo.spans_rows(spans) s ON p.agency_id = s.agency_id AND p.year >= s.first_year
			AND (s.last_year IS NULL OR p.year <= s.last_year)
		JOIN govinfo.agency g ON g.agency_id = p.agency_id
		ORDER BY p.year, g.code;
END
$$;

-- raise 23503: rows of table_name reference agency_id, which does not exist
CREATE FUNCTION @extschema@.records_refuse_agency(schema_name text, table_name text, agency_id bigint) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'insert or update on table "%" violates its agency reference', table_name
		USING ERRCODE = 'foreign_key_violation',
			DETAIL = format('Key (agency_id)=(%s) is not present in table "agency".', agency_id),
			TABLE = table_name, SCHEMA = schema_name;
END
$$;

-- raise 55000: an op on table_name would change the published report of agency code for year
CREATE FUNCTION @extschema@.records_refuse_published(code text, year integer, op text, table_name text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'the annual report of agency "%" for year % is published', code, year
		USING ERRCODE = 'object_not_in_prerequisite_state',
			DETAIL = format('This %s of table %I would change its published figures.', op, table_name),
			HINT = 'govinfo.reopen_report(agency_code, year, reason) lifts the lock and keeps the published version.';
END
$$;

-- the guard of the other record tables and of UPDATE and DELETE on applications, now on the shared steps
CREATE OR REPLACE FUNCTION @extschema@.records_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	first_col text := TG_ARGV[0];
	last_col text := TG_ARGV[1];
	cols text := TG_ARGV[2];
	check_agency boolean := TG_ARGV[3]::boolean;
	changed text;
	spans bigint[];
	missing bigint[];
	hit record;
	same boolean;
BEGIN
	changed := CASE TG_OP
		WHEN 'INSERT' THEN format('SELECT %s FROM new_rows', cols)
		WHEN 'DELETE' THEN format('SELECT %s FROM old_rows', cols)
		ELSE format('(SELECT %1$s FROM new_rows EXCEPT ALL SELECT %1$s FROM old_rows) UNION ALL '
		            '(SELECT %1$s FROM old_rows EXCEPT ALL SELECT %1$s FROM new_rows)', cols)
	END;
	-- one pass over the changed rows: their distinct (agency, first year, last year) spans
	EXECUTE format('SELECT govinfo.record_spans(agency_id, %I, %I) FROM (%s) x', first_col, last_col, changed)
		INTO spans;
	IF spans IS NULL THEN
		RETURN NULL;
	END IF;
	missing := govinfo.records_lock_agencies(spans);
	IF check_agency AND TG_OP <> 'DELETE' AND cardinality(missing) > 0 THEN
		PERFORM govinfo.records_refuse_agency(TG_TABLE_SCHEMA, TG_TABLE_NAME, missing[1]);
	END IF;
	FOR hit IN SELECT * FROM govinfo.records_published(spans) LOOP
		IF TG_OP = 'UPDATE' THEN
			EXECUTE format('SELECT (SELECT %1$s FROM old_rows x WHERE x.agency_id = $1)
			                IS NOT DISTINCT FROM (SELECT %1$s FROM new_rows x WHERE x.agency_id = $1)', TG_ARGV[4])
				INTO same USING hit.agency_id, hit.year;
			CONTINUE WHEN same;
		END IF;
		PERFORM govinfo.records_refuse_published(hit.code, hit.year, TG_OP, TG_TABLE_NAME);
	END LOOP;
	RETURN NULL;
END
$$;

--------------------------------------------------------------------------
-- Inserting applications: spans collected by the CHECK
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.inserted_since(rel regclass, row_id tid, since bigint) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C STRICT;

-- the spans an INSERT or COPY into govinfo.application collected, checked once the statement is done:
-- every agency referenced exists, and no published year gains a row.  The CHECK also sees rows that
-- were proposed and not inserted (ON CONFLICT) or new versions of updated rows, so each finding is
-- confirmed against the rows this statement (command id since onwards) inserted.
CREATE FUNCTION @extschema@.application_insert_check(spans bigint[], since bigint) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	missing bigint;
	hit record;
BEGIN
	FOREACH missing IN ARRAY govinfo.records_lock_agencies(spans) LOOP
		CONTINUE WHEN NOT EXISTS (SELECT 1 FROM govinfo.application a WHERE a.agency_id = missing);
		PERFORM govinfo.records_refuse_agency('govinfo', 'application', missing);
	END LOOP;
	FOR hit IN SELECT * FROM govinfo.records_published(spans) LOOP
		CONTINUE WHEN NOT EXISTS (
			SELECT 1 FROM govinfo.application a
			WHERE a.agency_id = hit.agency_id AND govinfo.report_year(a.received_on) <= hit.year
				AND (a.closed_on IS NULL OR govinfo.report_year(a.closed_on) >= hit.year)
				AND govinfo.inserted_since('govinfo.application'::regclass, a.ctid, since));
		PERFORM govinfo.records_refuse_published(hit.code, hit.year, 'INSERT', 'application');
	END LOOP;
END
$$;

CREATE FUNCTION @extschema@.application_row_valid(agency_id bigint, received_on date, corrected_on date,
		closed_on date, has_outcome boolean, channel text, fee_yuan numeric) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE PARALLEL RESTRICTED;
CREATE FUNCTION @extschema@.application_insert_begin() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE FUNCTION @extschema@.application_insert_end() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;

-- one C call for every rule, as before (the error names the rule), which now also collects the span
ALTER TABLE @extschema@.application DROP CONSTRAINT application_valid,
	ADD CONSTRAINT application_valid CHECK (@extschema@.application_row_valid(agency_id, received_on,
		corrected_on, closed_on, outcome IS NOT NULL, channel, fee_yuan));

DROP TRIGGER application_guard_insert ON @extschema@.application;
CREATE TRIGGER application_spans_open BEFORE INSERT ON @extschema@.application
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_insert_begin();
CREATE TRIGGER application_guard_insert AFTER INSERT ON @extschema@.application
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_insert_end();
