-- Helpers of scripts/suites/25-corpus.sh: compare govinfo.parse_report(document) with the document's
-- expected result (test/corpus/<family>/<name>.expected.json). Loaded into the suite's scratch
-- database only; not part of the extension. Dynamic SQL and records (not govinfo.parsed_report)
-- let the functions be created before the parser exists.
CREATE SCHEMA corpus_test;

-- The document's text for the "no invented number" check: full-width digits and points as ASCII,
-- thousands separators dropped (1,234.56).
CREATE FUNCTION corpus_test.norm(doc text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT n || E'\n' || pg_catalog.regexp_replace(n, '</?span[^>]*>', '', 'g')
	FROM (SELECT pg_catalog.regexp_replace(pg_catalog.translate(doc, '０１２３４５６７８９．', '0123456789.'),
										   '(?<=[0-9]),(?=[0-9]{3}([^0-9]|$))', '', 'g')) AS d(n)
$$;

-- Every number of a jsonb value (figures in their jsonb form), as numeric.
CREATE FUNCTION corpus_test.numbers(j jsonb) RETURNS SETOF numeric
LANGUAGE sql IMMUTABLE AS $$
	SELECT (v #>> '{}')::numeric
	FROM jsonb_path_query(j, 'strict $.**') AS v
	WHERE jsonb_typeof(v) = 'number'
$$;

-- (The normalized document is followed by a copy without <span> tags: an HTML editor may wrap
-- each digit of a number in a span of its own.)
-- Whether the number n is printed in the (normalized) document: its digits, or for an amount the
-- same amount in 元 (n × 10000). With whole, as a whole number (no digit or point on either side);
-- without, anywhere (F6 digit runs, F7 HTML in JavaScript strings with \uXXXX escapes).
CREATE FUNCTION corpus_test.printed(n numeric, docn text, whole boolean) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT bool_or(CASE WHEN whole THEN docn ~ ('(^|[^0-9.])' || replace(t, '.', '\.') || '([^0-9.]|$)')
						ELSE strpos(docn, t) > 0 END)
	FROM (SELECT trim_scale(abs(n))::text
		  UNION ALL
		  SELECT trim_scale(abs(n) * 10000)::text WHERE trim_scale(abs(n) * 10000) = trunc(abs(n) * 10000)) AS c(t)
$$;

-- Rows of two jsonb figures that differ (at most 6), for the test's diagnostic.
CREATE FUNCTION corpus_test.diff(got jsonb, want jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE
		WHEN got IS NULL OR want IS NULL OR jsonb_typeof(got) <> 'object' OR jsonb_typeof(want) <> 'object'
			THEN 'got ' || coalesce(got::text, 'NULL') || ' want ' || coalesce(want::text, 'NULL')
		ELSE (SELECT string_agg(format('%s: got %s want %s', k, coalesce(got -> k, 'null'),
											coalesce(want -> k, 'null')), '; ' ORDER BY k)
			  FROM (SELECT k FROM (SELECT jsonb_object_keys(got) UNION SELECT jsonb_object_keys(want)) AS s(k)
					WHERE (got -> k) IS DISTINCT FROM (want -> k) ORDER BY k LIMIT 6) AS d)
	END
$$;

-- One row per checked key of the expected result: (key, ok, detail).
CREATE FUNCTION corpus_test.check(doc text, exp jsonb) RETURNS TABLE(key text, ok boolean, detail text)
LANGUAGE plpgsql AS $$
DECLARE
	p record;
	pj jsonb;
	k text;
	s text;
	got_t text;
	want_t text;
	got_j jsonb;
	want_j jsonb;
	ty text;
	missing text;
BEGIN
	BEGIN
		SELECT * INTO STRICT p FROM govinfo.parse_report(doc);
	EXCEPTION WHEN OTHERS THEN
		key := 'parse_report'; ok := false; detail := SQLSTATE || ': ' || SQLERRM;
		RETURN NEXT;
		RETURN;
	END;
	pj := to_jsonb(p);
	-- scalar fields compared as jsonb (null asserts NULL)
	FOREACH k IN ARRAY ARRAY['layout', 'title', 'agency_name', 'year', 'published_on', 'format', 'complete'] LOOP
		CONTINUE WHEN NOT exp ? k;
		key := k;
		ok := coalesce(pj -> k, 'null') = (exp -> k);
		detail := format('got %s want %s', coalesce(pj -> k, 'null'), exp -> k);
		RETURN NEXT;
	END LOOP;
	-- figures: the text forms of the parsed value and of the expected jsonb cast to the type
	FOREACH k IN ARRAY ARRAY['disclosures', 'requests', 'appeals'] LOOP
		CONTINUE WHEN NOT exp ? k;
		key := k;
		ty := CASE k WHEN 'disclosures' THEN 'govinfo.disclosure_figures'
					 WHEN 'requests' THEN 'govinfo.request_figures' ELSE 'govinfo.appeal_figures' END;
		BEGIN
			EXECUTE format('SELECT (r.%I)::text, (r.%I)::jsonb FROM govinfo.parse_report($1) AS r', k, k)
				INTO got_t, got_j USING doc;
			IF jsonb_typeof(exp -> k) = 'null' THEN
				want_t := NULL;
				want_j := NULL;
			ELSE
				EXECUTE format('SELECT ($1)::%s::text, ($1)::%s::jsonb', ty, ty) INTO want_t, want_j USING exp -> k;
			END IF;
			ok := got_t IS NOT DISTINCT FROM want_t;
			detail := CASE WHEN ok THEN '' ELSE corpus_test.diff(got_j, want_j) END;
		EXCEPTION WHEN OTHERS THEN
			ok := false;
			detail := SQLSTATE || ': ' || SQLERRM;
		END;
		RETURN NEXT;
	END LOOP;
	-- parts 一, 五, 六 contain the given phrases
	FOREACH k IN ARRAY ARRAY['overview', 'problems', 'other_matters'] LOOP
		CONTINUE WHEN NOT exp ? (k || '_contains');
		key := k || '_contains';
		got_t := pj ->> k;
		SELECT string_agg(w, ', ') INTO missing
		FROM jsonb_array_elements_text(exp -> (k || '_contains')) AS w
		WHERE got_t IS NULL OR strpos(got_t, w) = 0;
		ok := missing IS NULL;
		detail := 'missing: ' || coalesce(missing, '') || ' in: ' || coalesce(left(got_t, 300), 'NULL');
		RETURN NEXT;
	END LOOP;
	-- warnings: the set of codes
	IF exp ? 'warnings' THEN
		key := 'warnings';
		SELECT coalesce(string_agg(DISTINCT w ->> 'code', ',' ORDER BY w ->> 'code'), '') INTO got_t
		FROM jsonb_array_elements(coalesce(pj -> 'warnings', '[]')) AS w;
		SELECT coalesce(string_agg(DISTINCT w, ',' ORDER BY w), '') INTO want_t
		FROM jsonb_array_elements_text(exp -> 'warnings') AS w;
		ok := got_t = want_t;
		detail := format('got {%s} want {%s}', got_t, want_t);
		IF NOT ok THEN
			SELECT detail || coalesce(' -- ' || left(string_agg(w ->> 'message', ' | '), 400), '') INTO detail
			FROM jsonb_array_elements(coalesce(pj -> 'warnings', '[]')) AS w;
		END IF;
		RETURN NEXT;
	END IF;
	-- violations: the set of rule codes of govinfo.violations() on the parsed figures
	IF exp ? 'violations' THEN
		key := 'violations';
		BEGIN
			EXECUTE 'SELECT coalesce(string_agg(DISTINCT v.rule, '','' ORDER BY v.rule), '''')
					 FROM govinfo.parse_report($1) AS r,
						  LATERAL (SELECT rule FROM govinfo.violations(r.requests)
								   UNION ALL SELECT rule FROM govinfo.violations(r.appeals)) AS v'
				INTO got_t USING doc;
			SELECT coalesce(string_agg(DISTINCT w, ',' ORDER BY w), '') INTO want_t
			FROM jsonb_array_elements_text(exp -> 'violations') AS w;
			ok := got_t = want_t;
			detail := format('got {%s} want {%s}', got_t, want_t);
		EXCEPTION WHEN OTHERS THEN
			ok := false;
			detail := SQLSTATE || ': ' || SQLERRM;
		END;
		RETURN NEXT;
	END IF;
	-- no number in the parsed figures that the document does not print (as a whole number, except in
	-- the families whose numbers may be glued to other digits)
	key := 'no_invented_number';
	BEGIN
		EXECUTE 'SELECT string_agg(DISTINCT a.n::text, '','')
				 FROM govinfo.parse_report($1) AS r,
					  LATERAL (SELECT corpus_test.numbers(r.requests::jsonb) AS n
							   UNION ALL SELECT corpus_test.numbers(r.appeals::jsonb)
							   UNION ALL SELECT corpus_test.numbers(r.disclosures::jsonb)) AS a
				 WHERE NOT corpus_test.printed(a.n, $2, $3)'
			INTO missing USING doc, corpus_test.norm(doc), coalesce(exp ->> 'family', '') NOT IN ('F6', 'F7');
		ok := missing IS NULL;
		detail := 'not in the document: ' || coalesce(missing, '');
	EXCEPTION WHEN OTHERS THEN
		ok := false;
		detail := SQLSTATE || ': ' || SQLERRM;
	END;
	RETURN NEXT;
END
$$;

-- The rules govinfo.published_violations lists for the document once imported (P3-CARRY aside: it
-- needs another year), compared with the expected "published_violations" (the rules whose reported
-- cell the copy did not leave blank; given when it differs from "violations"), else "violations".
-- No row when the import does not exist yet.
CREATE FUNCTION corpus_test.published(doc text, exp jsonb) RETURNS TABLE(ok boolean, detail text)
LANGUAGE plpgsql AS $$
DECLARE
	id bigint;
	idcol text;
	got_t text;
	want_t text;
BEGIN
	IF to_regclass('govinfo.published_violations') IS NULL
		OR to_regprocedure('govinfo.import_report(text,text,text)') IS NULL THEN
		RETURN;
	END IF;
	SELECT c.column_name INTO idcol
	FROM information_schema.columns AS c
	WHERE c.table_schema = 'govinfo' AND c.table_name = 'published_violations'
	  AND c.column_name IN ('published_report_id', 'report_id', 'id')
	ORDER BY array_position(ARRAY['published_report_id', 'report_id', 'id']::text[], c.column_name::text)
	LIMIT 1;
	IF idcol IS NULL THEN
		ok := false; detail := 'govinfo.published_violations has no report id column';
		RETURN NEXT;
		RETURN;
	END IF;
	BEGIN
		id := govinfo.import_report(doc);
		EXECUTE format('SELECT coalesce(string_agg(DISTINCT rule, '','' ORDER BY rule), '''')
						FROM govinfo.published_violations WHERE %I = $1 AND rule <> ''P3-CARRY''', idcol)
			INTO got_t USING id;
		SELECT coalesce(string_agg(DISTINCT w, ',' ORDER BY w), '') INTO want_t
		FROM jsonb_array_elements_text(coalesce(exp -> 'published_violations', exp -> 'violations')) AS w;
		ok := got_t = want_t;
		detail := format('got {%s} want {%s}', got_t, want_t);
	EXCEPTION WHEN OTHERS THEN
		ok := false;
		detail := SQLSTATE || ': ' || SQLERRM;
	END;
	RETURN NEXT;
END
$$;
