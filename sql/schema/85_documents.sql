--------------------------------------------------------------------------
-- The report document (HTML, Markdown, text), the report as jsonb, the cells for dashboards,
-- year-on-year anomalies, and the January job that renders and keeps snapshots
--------------------------------------------------------------------------

-- the document of one report row, rendered in C (src/render_*.c) from the row, its agency and the
-- request figures of its last stored years (oldest first, at most five)
CREATE FUNCTION @extschema@.render_document(r @extschema@.annual_report, agency_name text, agency_code text,
		history_years integer[], history @extschema@.request_figures[], format text, lang text)
	RETURNS text
	AS 'MODULE_PATHNAME', 'render_document' LANGUAGE C STABLE PARALLEL SAFE;

-- the official heading of part 1-6 of a report in a format
CREATE FUNCTION @extschema@.part_heading(format text, part integer, lang text DEFAULT 'zh') RETURNS text
	AS 'MODULE_PATHNAME', 'part_heading' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- the report of an agency and year, as the roll-ups' 'best' order finds it: the stored report, else
-- the one derived from the records when a record counts in the year (source 'derived', not stored),
-- else the latest imported published report (source 'imported', published_at its date), else NULL
CREATE FUNCTION @extschema@.report_row(agency_code text, year integer) RETURNS @extschema@.annual_report
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	r @extschema@.annual_report;
	published date;
BEGIN
	SELECT * INTO r FROM @extschema@.annual_report x
	WHERE x.agency_id OPERATOR(pg_catalog.=) a AND x.year OPERATOR(pg_catalog.=) report_row.year;
	IF FOUND THEN
		RETURN r;
	END IF;
	-- derived only when some record counts in the year (derived_reports gives zeros otherwise)
	IF @extschema@.records_contributions(a, report_row.year) OPERATOR(pg_catalog.<>) '{}'::jsonb THEN
		SELECT d.disclosures, d.requests, d.appeals INTO r.disclosures, r.requests, r.appeals
		FROM @extschema@.derived_report_of(a, report_row.year) d;
		r.agency_id := a;
		r.year := report_row.year;
		r.format := coalesce(@extschema@.format(r.requests), CASE WHEN report_row.year OPERATOR(pg_catalog.>=) 2021 THEN '2021' ELSE '2019' END);
		r.source := 'derived';
		RETURN r;
	END IF;
	-- imported: the latest published report of the agency-year as parsed and imported (#9)
	SELECT p.format, p.disclosures, p.requests, p.appeals, p.overview, p.problems, p.other_matters, p.published_on
		INTO r.format, r.disclosures, r.requests, r.appeals, r.overview, r.problems, r.other_matters, published
	FROM @extschema@.published_report p
	WHERE p.agency_id OPERATOR(pg_catalog.=) a AND p.year OPERATOR(pg_catalog.=) report_row.year
	ORDER BY p.published_on DESC NULLS LAST, p.id DESC
	LIMIT 1;
	IF FOUND THEN
		r.agency_id := a;
		r.year := report_row.year;
		r.format := coalesce(r.format, CASE WHEN report_row.year OPERATOR(pg_catalog.>=) 2021 THEN '2021' ELSE '2019' END);
		r.source := 'imported';
		r.published_at := published::timestamptz;
		RETURN r;
	END IF;
	RETURN NULL;
END
$$;

-- the document of a report row in hand
CREATE FUNCTION @extschema@.render_report(r @extschema@.annual_report, format text DEFAULT 'html', lang text DEFAULT 'zh')
	RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
	SELECT @extschema@.render_document($1, a.name, a.code, h.years, h.figs, $2, $3)
	FROM @extschema@.agency a
	CROSS JOIN LATERAL (
		SELECT array_agg(s.y ORDER BY s.y) AS years, array_agg(s.f ORDER BY s.y) AS figs
		FROM (SELECT x.year AS y, x.requests AS f FROM @extschema@.annual_report x
			  WHERE x.agency_id OPERATOR(pg_catalog.=) ($1).agency_id AND x.year OPERATOR(pg_catalog.<) ($1).year
				AND x.requests IS NOT NULL
			  UNION ALL
			  SELECT ($1).year, ($1).requests WHERE ($1).requests IS NOT NULL
			  ORDER BY 1 DESC LIMIT 5) s) h
	WHERE a.agency_id OPERATOR(pg_catalog.=) ($1).agency_id
$$;

-- the document of an agency's report for a year: stored, else derived, else imported; P0002 if none
CREATE FUNCTION @extschema@.render_report(agency_code text, year integer, format text DEFAULT 'html', lang text DEFAULT 'zh')
	RETURNS text
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	r @extschema@.annual_report := @extschema@.report_row(agency_code, year);
BEGIN
	IF r IS NULL THEN
		RAISE EXCEPTION 'agency "%" has no report for year %', agency_code, year
			USING ERRCODE = 'no_data_found',
				DETAIL = 'There is no stored report, no record counting in the year and no imported report.';
	END IF;
	RETURN @extschema@.render_report(r, format, lang);
END
$$;

-- the whole report as data
CREATE FUNCTION @extschema@.report_document(agency_code text, year integer) RETURNS jsonb
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	r @extschema@.annual_report := @extschema@.report_row(agency_code, year);
	a @extschema@.agency;
	t2 jsonb;
	t3 jsonb;
	t4 jsonb;
	v jsonb;
BEGIN
	IF r IS NULL THEN
		RAISE EXCEPTION 'agency "%" has no report for year %', agency_code, year
			USING ERRCODE = 'no_data_found',
				DETAIL = 'There is no stored report, no record counting in the year and no imported report.';
	END IF;
	SELECT * INTO a FROM @extschema@.agency g WHERE g.agency_id OPERATOR(pg_catalog.=) r.agency_id;
	SELECT jsonb_agg(jsonb_build_object('row_code', z.row_code, 'label_zh', z.label, 'label_en', e.label,
			'cells', to_jsonb(z) OPERATOR(pg_catalog.-) '{row_code,label,ordinality}'::text[]) ORDER BY z.ordinality)
		INTO t2
	FROM @extschema@.table2(r.disclosures, 'zh') WITH ORDINALITY z
	JOIN @extschema@.table2(r.disclosures, 'en') WITH ORDINALITY e ON e.ordinality OPERATOR(pg_catalog.=) z.ordinality;
	SELECT jsonb_agg(jsonb_build_object('row_code', z.row_code, 'label_zh', z.label, 'label_en', e.label,
			'cells', to_jsonb(z) OPERATOR(pg_catalog.-) '{row_code,label,ordinality}'::text[]) ORDER BY z.ordinality)
		INTO t3
	FROM @extschema@.table3(r.requests, 'zh') WITH ORDINALITY z
	JOIN @extschema@.table3(r.requests, 'en') WITH ORDINALITY e ON e.ordinality OPERATOR(pg_catalog.=) z.ordinality;
	SELECT jsonb_agg(jsonb_build_object('group_code', z.group_code, 'label_zh', z.label, 'label_en', e.label,
			'cells', to_jsonb(z) OPERATOR(pg_catalog.-) '{group_code,label,ordinality}'::text[]) ORDER BY z.ordinality)
		INTO t4
	FROM @extschema@.table4(r.appeals, 'zh') WITH ORDINALITY z
	JOIN @extschema@.table4(r.appeals, 'en') WITH ORDINALITY e ON e.ordinality OPERATOR(pg_catalog.=) z.ordinality;
	SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.part, x.rule, x.row_code, x.column_code), '[]') INTO v
	FROM (SELECT 3 AS part, w.* FROM @extschema@.violations(r.requests) w
		  UNION ALL SELECT 4, w.* FROM @extschema@.violations(r.appeals) w) x;
	RETURN jsonb_build_object(
		'agency', jsonb_build_object('code', a.code, 'name', a.name,
			'parent_code', (SELECT p.code FROM @extschema@.agency p WHERE p.agency_id OPERATOR(pg_catalog.=) a.parent_id)),
		'year', r.year, 'format', r.format, 'source', r.source, 'published_at', r.published_at,
		'title', a.name || r.year || '年政府信息公开工作年度报告',
		'parts', (SELECT jsonb_agg(jsonb_build_object('part', p,
						'heading_zh', @extschema@.part_heading(r.format, p, 'zh'),
						'heading_en', @extschema@.part_heading(r.format, p, 'en'),
						'text', CASE p WHEN 1 THEN r.overview WHEN 5 THEN r.problems WHEN 6 THEN r.other_matters END,
						'table', CASE WHEN p BETWEEN 2 AND 4 THEN p::text END) ORDER BY p)
				  FROM generate_series(1, 6) p),
		'tables', jsonb_build_object('2', t2, '3', t3, '4', t4),
		'violations', v);
END
$$;

--------------------------------------------------------------------------
-- Cells for dashboards
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.cells(@extschema@.disclosure_figures)
	RETURNS TABLE(part integer, row_code text, column_code text, label_zh text, label_en text, value numeric, blank boolean)
	AS 'MODULE_PATHNAME', 'disclosure_cells' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
CREATE FUNCTION @extschema@.cells(@extschema@.request_figures)
	RETURNS TABLE(part integer, row_code text, column_code text, label_zh text, label_en text, value numeric, blank boolean)
	AS 'MODULE_PATHNAME', 'request_cells' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 175;
CREATE FUNCTION @extschema@.cells(@extschema@.appeal_figures)
	RETURNS TABLE(part integer, row_code text, column_code text, label_zh text, label_en text, value numeric, blank boolean)
	AS 'MODULE_PATHNAME', 'appeal_cells' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 15;

-- one row per cell of every stored report; security_invoker, so that the reader's own rights (and
-- any row-level security on the reports) apply, not the view owner's
CREATE VIEW @extschema@.report_cells WITH (security_invoker = true) AS
SELECT r.agency_id, a.code AS agency_code, a.name AS agency_name, p.code AS parent_code, r.year, r.source,
	c.part, c.row_code, c.column_code, c.label_zh, c.label_en, c.value, c.blank
FROM @extschema@.annual_report r
JOIN @extschema@.agency a ON a.agency_id = r.agency_id
LEFT JOIN @extschema@.agency p ON p.agency_id = a.parent_id
CROSS JOIN LATERAL (
	SELECT * FROM @extschema@.cells(r.disclosures)
	UNION ALL SELECT * FROM @extschema@.cells(r.requests)
	UNION ALL SELECT * FROM @extschema@.cells(r.appeals)) c;
COMMENT ON VIEW @extschema@.report_cells IS 'one row per cell of every stored annual report, for dashboards';

-- one cell of an agency's stored reports across the years (column 'total' of table 四 is each group's)
CREATE FUNCTION @extschema@.report_series(agency_code text, row_code text, column_code text DEFAULT 'total')
	RETURNS TABLE(year integer, source text, value numeric, blank boolean)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
	SELECT c.year, c.source, c.value, c.blank FROM @extschema@.report_cells c
	WHERE c.agency_code OPERATOR(pg_catalog.=) $1 AND c.row_code OPERATOR(pg_catalog.=) $2
	  AND (c.column_code OPERATOR(pg_catalog.=) $3 OR c.column_code OPERATOR(pg_catalog.=) ($2 OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) $3))
	ORDER BY c.year
$$;

-- cells that grew more than factor times or fell below 1/factor of the previous year's value
CREATE FUNCTION @extschema@.anomalies(year integer, factor numeric DEFAULT 5, min_base integer DEFAULT 10)
	RETURNS TABLE(agency_code text, agency_name text, part integer, row_code text, column_code text,
		label_zh text, previous numeric, current numeric, ratio numeric)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
	SELECT c.agency_code, c.agency_name, c.part, c.row_code, c.column_code, c.label_zh, p.value, c.value,
		round(c.value OPERATOR(pg_catalog./) p.value, 2)
	FROM @extschema@.report_cells c
	JOIN @extschema@.report_cells p ON p.agency_id OPERATOR(pg_catalog.=) c.agency_id
		AND p.year OPERATOR(pg_catalog.=) (c.year OPERATOR(pg_catalog.-) 1)
		AND p.part OPERATOR(pg_catalog.=) c.part AND p.row_code OPERATOR(pg_catalog.=) c.row_code
		AND p.column_code OPERATOR(pg_catalog.=) c.column_code
	WHERE c.year OPERATOR(pg_catalog.=) $1 AND p.year OPERATOR(pg_catalog.=) ($1 OPERATOR(pg_catalog.-) 1)
	  AND NOT c.blank AND NOT p.blank AND p.value OPERATOR(pg_catalog.>=) $3
	  AND (c.value OPERATOR(pg_catalog.>) (p.value OPERATOR(pg_catalog.*) $2)
		   OR c.value OPERATOR(pg_catalog.<) (p.value OPERATOR(pg_catalog./) $2))
	ORDER BY c.agency_code, c.part, c.row_code, c.column_code
$$;

--------------------------------------------------------------------------
-- Snapshots and the January job
--------------------------------------------------------------------------
CREATE TABLE @extschema@.report_snapshot (
	snapshot_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	agency_id bigint NOT NULL REFERENCES @extschema@.agency,
	year integer NOT NULL,
	format text NOT NULL CONSTRAINT report_snapshot_format_known CHECK (format IN ('html', 'markdown', 'text')),
	lang text NOT NULL CONSTRAINT report_snapshot_lang_known CHECK (lang IN ('zh', 'en')),
	content text NOT NULL,
	sha256 bytea NOT NULL,
	figures_version text NOT NULL,
	source text NOT NULL,
	generated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE @extschema@.report_snapshot IS 'rendered report documents; immutable, a new version is a new row';
CREATE INDEX report_snapshot_latest ON @extschema@.report_snapshot (agency_id, year, format, lang, snapshot_id);

-- snapshots are immutable
CREATE FUNCTION @extschema@.report_snapshot_immutable() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'report snapshots are immutable'
		USING ERRCODE = 'object_not_in_prerequisite_state',
			DETAIL = format('Snapshot %s of agency %s, year %s, format %s.', OLD.snapshot_id, OLD.agency_id, OLD.year, OLD.format),
			HINT = 'A new version of a document is a new row: CALL govinfo.generate_reports(...).';
END
$$;
CREATE TRIGGER report_snapshot_immutable BEFORE UPDATE ON @extschema@.report_snapshot
	FOR EACH ROW EXECUTE FUNCTION @extschema@.report_snapshot_immutable();

-- one row per run of generate_reports: its progress, readable from another session
CREATE TABLE @extschema@.generate_run (
	run_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	year integer NOT NULL,
	formats text[] NOT NULL,
	lang text NOT NULL,
	agency_code text,
	status text NOT NULL DEFAULT 'running' CONSTRAINT generate_run_status_known CHECK (status IN ('running', 'done')),
	total integer NOT NULL DEFAULT 0,
	done integer NOT NULL DEFAULT 0,
	written integer NOT NULL DEFAULT 0,
	unchanged integer NOT NULL DEFAULT 0,
	no_report integer NOT NULL DEFAULT 0,
	last_agency_id bigint,
	started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
	updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
	finished_at timestamptz
);
COMMENT ON TABLE @extschema@.generate_run IS 'progress of govinfo.generate_reports runs';

-- the newest snapshot of a report document
CREATE FUNCTION @extschema@.latest_snapshot(agency_code text, year integer, format text DEFAULT 'html', lang text DEFAULT 'zh')
	RETURNS @extschema@.report_snapshot
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
	SELECT s.* FROM @extschema@.report_snapshot s
	WHERE s.agency_id OPERATOR(pg_catalog.=) @extschema@.agency_id($1) AND s.year OPERATOR(pg_catalog.=) $2
	  AND s.format OPERATOR(pg_catalog.=) $3 AND s.lang OPERATOR(pg_catalog.=) $4
	ORDER BY s.snapshot_id DESC LIMIT 1
$$;

-- the agencies a run covers: all, or agency_code and every agency below it
CREATE FUNCTION @extschema@.agency_subtree(agency_code text) RETURNS SETOF bigint
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
AS $$
	WITH RECURSIVE t(id) AS (
		SELECT g.agency_id FROM @extschema@.agency g WHERE $1 IS NULL OR g.code OPERATOR(pg_catalog.=) $1
		UNION
		SELECT g.agency_id FROM @extschema@.agency g JOIN t ON g.parent_id OPERATOR(pg_catalog.=) t.id
		WHERE $1 IS NOT NULL)
	SELECT id FROM t
$$;

-- render and keep one batch of agencies (agency_id after after_id, at most n): one snapshot per
-- agency with a report and per format, skipping documents equal to the latest snapshot
CREATE FUNCTION @extschema@.generate_batch(run bigint, after_id bigint, n integer,
		OUT last_id bigint, OUT agencies integer, OUT written integer, OUT unchanged integer, OUT no_report integer)
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	g @extschema@.generate_run;
BEGIN
	SELECT * INTO g FROM @extschema@.generate_run x WHERE x.run_id OPERATOR(pg_catalog.=) run;
	WITH batch AS MATERIALIZED (
		SELECT a.agency_id, @extschema@.report_row(a.code, g.year) AS r
		FROM @extschema@.agency a
		WHERE a.agency_id OPERATOR(pg_catalog.>) coalesce(after_id, -1)
		  AND a.agency_id IN (SELECT @extschema@.agency_subtree(g.agency_code))
		ORDER BY a.agency_id LIMIT n),
	doc AS (
		SELECT b.agency_id, (b.r).source AS source, f.fmt,
			@extschema@.render_report(b.r, f.fmt, g.lang) AS content,
			md5(concat_ws('|', (b.r).format, (b.r).disclosures::text, (b.r).requests::text, (b.r).appeals::text,
				(b.r).overview, (b.r).problems, (b.r).other_matters)) AS version
		FROM batch b CROSS JOIN unnest(g.formats) f(fmt)
		WHERE (b.r).agency_id IS NOT NULL),
	hashed AS (SELECT d.*, sha256(convert_to(d.content, 'UTF8')) AS sha FROM doc d),
	ins AS (
		INSERT INTO @extschema@.report_snapshot (agency_id, year, format, lang, content, sha256, figures_version, source)
		SELECT h.agency_id, g.year, h.fmt, g.lang, h.content, h.sha, h.version, h.source FROM hashed h
		WHERE h.sha IS DISTINCT FROM (
			SELECT s.sha256 FROM @extschema@.report_snapshot s
			WHERE s.agency_id OPERATOR(pg_catalog.=) h.agency_id AND s.year OPERATOR(pg_catalog.=) g.year
			  AND s.format OPERATOR(pg_catalog.=) h.fmt AND s.lang OPERATOR(pg_catalog.=) g.lang
			ORDER BY s.snapshot_id DESC LIMIT 1)
		RETURNING 1)
	SELECT (SELECT max(b.agency_id) FROM batch b), (SELECT count(*) FROM batch)::integer,
		(SELECT count(*) FROM batch b WHERE (b.r).agency_id IS NULL)::integer,
		(SELECT count(*) FROM ins)::integer, (SELECT count(*) FROM hashed)::integer
		INTO last_id, agencies, no_report, written, unchanged;
	unchanged := unchanged OPERATOR(pg_catalog.-) written;
END
$$;

-- the January job: refresh the unpublished derived reports, render every requested format of every
-- agency (or of agency_code's subtree), keep what changed; commits every batch_size agencies and
-- resumes an unfinished run with the same arguments. A procedure that commits cannot SET search_path:
-- every function and operator is schema-qualified, so that a function or operator a hostile role
-- created in a schema of the caller's search_path (public.unnest(text[]), an exact match, would win
-- over pg_catalog's polymorphic unnest) never runs with the caller's rights (0.9.0). The types of its
-- variables too (0.11.0): timestamptz and record are no keywords, so a domain hostile.timestamptz (or
-- hostile.record over a composite type) with a CHECK calling the hostile role's function, in a schema
-- ahead of pg_catalog in the caller's path, ran that function as the caller when the variables were set
CREATE PROCEDURE @extschema@.generate_reports(year integer, formats text[] DEFAULT '{html}',
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

-- pg_dump keeps the snapshots and the runs, and the positions of their identity sequences
SELECT pg_catalog.pg_extension_config_dump('@extschema@.report_snapshot', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.generate_run', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.report_snapshot_snapshot_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.generate_run_run_id_seq', '');

-- the rendered documents of an agency are its data: row-level security as on every agency-data table
ALTER TABLE @extschema@.report_snapshot ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_snapshot_read ON @extschema@.report_snapshot FOR SELECT
	USING (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('read', current_user))));
CREATE POLICY report_snapshot_insert ON @extschema@.report_snapshot FOR INSERT
	WITH CHECK (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user))));
REVOKE EXECUTE ON FUNCTION @extschema@.report_snapshot_immutable() FROM PUBLIC;
