-- govinfo 0.10.0 -> 0.11.0: published reports (#9); hostile roles.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.11.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Published reports: parser and import (#9)
--------------------------------------------------------------------------
-- (end of section 1)

--------------------------------------------------------------------------
-- 2. Hostile roles
--------------------------------------------------------------------------
-- the entries of access_grant (the grants of every role on the agency) only for the owner: a reader of
-- an agency learned which other roles may read, edit or publish it
ALTER POLICY audit_log_read ON @extschema@.audit_log
	USING (@extschema@.agency_readable(agency_id) AND table_name OPERATOR(pg_catalog.<>) 'access_grant');
-- a role without the owner's rights inserts a published report only through import_report and never
-- changes document or document_sha256 (src/published_guard.c)
CREATE FUNCTION @extschema@.published_report_guard() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
REVOKE EXECUTE ON FUNCTION @extschema@.published_report_guard() FROM PUBLIC;
CREATE TRIGGER published_report_guard BEFORE INSERT OR UPDATE ON @extschema@.published_report
	FOR EACH ROW EXECUTE FUNCTION @extschema@.published_report_guard();
-- generate_reports: the types of its variables schema-qualified (timestamptz and record are no
-- keywords: a hostile domain of that name ahead of pg_catalog in the caller's path was used)
CREATE OR REPLACE PROCEDURE @extschema@.generate_reports(year integer, formats text[] DEFAULT '{html}',
		agency_code text DEFAULT NULL, lang text DEFAULT 'zh', batch_size integer DEFAULT 500)
	LANGUAGE plpgsql
AS $$
DECLARE
	run bigint;
	after_id bigint;
	b pg_catalog.record;
	t0 pg_catalog.timestamptz := pg_catalog.clock_timestamp();
	total integer;
	done integer;
	secs numeric;
BEGIN
	IF year IS NULL OR formats IS NULL OR lang IS NULL OR batch_size IS NULL OR batch_size OPERATOR(pg_catalog.<) 1 THEN
		RAISE EXCEPTION 'generate_reports needs a year, formats, a language and a positive batch size'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF EXISTS (SELECT FROM pg_catalog.unnest(formats) f WHERE f OPERATOR(pg_catalog.<>) ALL (ARRAY['html', 'markdown', 'text'])) THEN
		RAISE EXCEPTION 'unknown document format in %', formats
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Use ''html'', ''markdown'' or ''text''.';
	END IF;
	PERFORM @extschema@.part_heading('2021', 1, lang);	-- checks lang
	IF agency_code IS NOT NULL THEN
		PERFORM @extschema@.agency_id(agency_code);
	END IF;

	SELECT g.run_id, g.last_agency_id, g.done INTO run, after_id, done FROM @extschema@.generate_run g
	WHERE g.status OPERATOR(pg_catalog.=) 'running' AND g.year OPERATOR(pg_catalog.=) generate_reports.year
	  AND g.formats OPERATOR(pg_catalog.=) generate_reports.formats AND g.lang OPERATOR(pg_catalog.=) generate_reports.lang
	  AND (g.agency_code OPERATOR(pg_catalog.=) generate_reports.agency_code
	       OR (g.agency_code IS NULL AND generate_reports.agency_code IS NULL))
	ORDER BY g.run_id DESC LIMIT 1;
	IF run IS NULL THEN
		-- a new run: refresh the derived reports that are not published (entered and imported ones stay)
		INSERT INTO @extschema@.annual_report AS r (agency_id, year, disclosures, requests, appeals, source)
		SELECT d.agency_id, generate_reports.year, d.disclosures, d.requests, d.appeals, 'derived'
		FROM @extschema@.derived_reports(generate_reports.year) d
		WHERE d.agency_id OPERATOR(pg_catalog.=) ANY (SELECT @extschema@.agency_subtree(generate_reports.agency_code))
		ORDER BY d.agency_id
		ON CONFLICT ON CONSTRAINT annual_report_pkey DO UPDATE
			SET disclosures = excluded.disclosures, requests = excluded.requests, appeals = excluded.appeals
			WHERE r.published_at IS NULL AND r.source OPERATOR(pg_catalog.=) 'derived';
		INSERT INTO @extschema@.generate_run (year, formats, lang, agency_code, total)
		SELECT generate_reports.year, generate_reports.formats, generate_reports.lang, generate_reports.agency_code, pg_catalog.count(*)
		FROM @extschema@.agency_subtree(generate_reports.agency_code)
		RETURNING run_id, 0 INTO run, done;
		COMMIT;
	ELSE
		RAISE NOTICE 'generate_reports: resuming run % after agency % (% done)', run, after_id, done;
	END IF;
	SELECT g.total INTO total FROM @extschema@.generate_run g WHERE g.run_id OPERATOR(pg_catalog.=) run;

	LOOP
		SELECT * INTO b FROM @extschema@.generate_batch(run, after_id, batch_size);
		EXIT WHEN b.agencies OPERATOR(pg_catalog.=) 0;
		after_id := b.last_id;
		done := done OPERATOR(pg_catalog.+) b.agencies;
		UPDATE @extschema@.generate_run g
		SET done = g.done OPERATOR(pg_catalog.+) b.agencies, written = g.written OPERATOR(pg_catalog.+) b.written,
			unchanged = g.unchanged OPERATOR(pg_catalog.+) b.unchanged, no_report = g.no_report OPERATOR(pg_catalog.+) b.no_report,
			last_agency_id = b.last_id, updated_at = pg_catalog.clock_timestamp()
		WHERE g.run_id OPERATOR(pg_catalog.=) run;
		COMMIT;
		secs := extract(epoch FROM pg_catalog.clock_timestamp() OPERATOR(pg_catalog.-) t0);
		RAISE NOTICE 'generate_reports: % / % agencies, % s, % agencies/s', done, total, pg_catalog.round(secs, 1),
			CASE WHEN secs OPERATOR(pg_catalog.>) 0 THEN pg_catalog.round(done OPERATOR(pg_catalog./) secs) END;
	END LOOP;
	UPDATE @extschema@.generate_run g SET status = 'done', finished_at = pg_catalog.clock_timestamp(), updated_at = pg_catalog.clock_timestamp()
	WHERE g.run_id OPERATOR(pg_catalog.=) run;
	COMMIT;
END
$$;
-- (end of section 2)

--------------------------------------------------------------------------
-- 3. Other
--------------------------------------------------------------------------
-- (end of section 3)
