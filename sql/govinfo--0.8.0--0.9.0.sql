-- govinfo 0.8.0 -> 0.9.0: import and parser work (#9); hardening against hostile roles.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.9.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Hardening against hostile roles
--------------------------------------------------------------------------
-- generate_reports ran with the caller's search_path (a procedure that commits cannot SET it) and
-- called unnest(), count(), clock_timestamp() and round() unqualified: a function a hostile role
-- created in a schema of the owner's path (public.unnest(text[]), an exact match) ran with the
-- owner's rights. Every function and operator is schema-qualified now.
CREATE OR REPLACE PROCEDURE @extschema@.generate_reports(year integer, formats text[] DEFAULT '{html}',
		agency_code text DEFAULT NULL, lang text DEFAULT 'zh', batch_size integer DEFAULT 500)
	LANGUAGE plpgsql
AS $$
DECLARE
	run bigint;
	after_id bigint;
	b record;
	t0 timestamptz := pg_catalog.clock_timestamp();
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

-- the views read their tables with the rights of the querying role (row-level security applies to
-- it), not of the view's owner: granting SELECT on one of them no longer shows every agency's rows
ALTER VIEW @extschema@.unmatched_published_reports SET (security_invoker = true);
ALTER VIEW @extschema@.published_violations SET (security_invoker = true);
ALTER VIEW @extschema@.application_consultation_workdays SET (security_invoker = true);
ALTER VIEW @extschema@.application_deadline SET (security_invoker = true);
-- access_grants filters by the role: a security barrier, so that a leaky condition of the caller's
-- query (RAISE NOTICE of every row) is not pushed below the filter and shown every grant
ALTER VIEW @extschema@.access_grants SET (security_barrier = true);
-- (end of section 1)

--------------------------------------------------------------------------
-- 2. Published reports: import (#9)
--------------------------------------------------------------------------
-- the SHA-256 CHECK without the bounded repetition: '^[0-9a-f]{64}$' costs ~12 microseconds a row in PostgreSQL's regex
-- engine, octet_length = 64 and no character outside [0-9a-f] about 1 microsecond; the same rows pass
ALTER TABLE @extschema@.published_report DROP CONSTRAINT published_report_sha256_hex,
	ADD CONSTRAINT published_report_sha256_hex
		CHECK (octet_length(document_sha256) = 64 AND document_sha256 !~ '[^0-9a-f]');
-- (end of section 2)
