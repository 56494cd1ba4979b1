-- The table of fuzz targets: one line per input function.  Columns: name; mutator ('text', 'json'
-- or 'bytes'); the accepted value's type (round-tripped through its text and binary forms; NULL for
-- none); the input as an SQL expression of inp (text, or bytea for 'bytes'); an extra assertion on
-- each accepted value x (a boolean expression of inp and x) and its name, or NULL, NULL; the seeds
-- (an SQL query: fuzz.seed_file holds the lines of test/fuzz/seeds/<file>.txt, fuzz.valid(type, file)
-- the canonical text of those the type accepts); the target's share of the inputs.
-- Text targets also run in an EUC_CN database (scripts/fuzz.sh).
--
-- A new text parser is one more line, e.g. for a report parser returning jsonb:
--   ('parse_report.text', 'text', 'jsonb', 'govinfo.parse_report(inp)', NULL, NULL,
--    $$SELECT s FROM fuzz.seed_file WHERE file = 'reports'$$, 3),
INSERT INTO fuzz.target VALUES
('parse_report.text', 'text', NULL, 'govinfo.parse_report(inp)', NULL, NULL, $$SELECT s FROM fuzz.seed_file WHERE file = 'reports'$$, 3),
('request_figures.text', 'text', 'govinfo.request_figures', 'inp::govinfo.request_figures', NULL, NULL,
	$$SELECT s FROM fuzz.seed_file WHERE file = 'request_figures' UNION SELECT fuzz.valid('govinfo.request_figures', 'request_figures')$$, 4),
('request_figures.jsonb', 'json', 'govinfo.request_figures', 'inp::jsonb::govinfo.request_figures',
	'govinfo.to_jsonb(x)::govinfo.request_figures = x', 'jsonb round trip',
	$$SELECT govinfo.to_jsonb(v::govinfo.request_figures)::text FROM fuzz.valid('govinfo.request_figures', 'request_figures') v
	  UNION SELECT s FROM fuzz.seed_file WHERE file = 'request_figures.jsonb'$$, 3),
('request_figures.binary', 'bytes', 'govinfo.request_figures', 'fuzz_recv(inp, NULL::govinfo.request_figures)',
	'fuzz_send(x) = inp', 'binary input is canonical',
	$$SELECT fuzz_send(v::govinfo.request_figures) FROM fuzz.valid('govinfo.request_figures', 'request_figures') v$$, 2),
('appeal_figures.text', 'text', 'govinfo.appeal_figures', 'inp::govinfo.appeal_figures', NULL, NULL,
	$$SELECT s FROM fuzz.seed_file WHERE file = 'appeal_figures' UNION SELECT fuzz.valid('govinfo.appeal_figures', 'appeal_figures')$$, 2),
('appeal_figures.jsonb', 'json', 'govinfo.appeal_figures', 'inp::jsonb::govinfo.appeal_figures',
	'govinfo.to_jsonb(x)::govinfo.appeal_figures = x', 'jsonb round trip',
	$$SELECT govinfo.to_jsonb(v::govinfo.appeal_figures)::text FROM fuzz.valid('govinfo.appeal_figures', 'appeal_figures') v
	  UNION SELECT s FROM fuzz.seed_file WHERE file = 'appeal_figures.jsonb'$$, 1.5),
('appeal_figures.binary', 'bytes', 'govinfo.appeal_figures', 'fuzz_recv(inp, NULL::govinfo.appeal_figures)',
	'fuzz_send(x) = inp', 'binary input is canonical',
	$$SELECT fuzz_send(v::govinfo.appeal_figures) FROM fuzz.valid('govinfo.appeal_figures', 'appeal_figures') v$$, 1),
('disclosure_figures.text', 'text', 'govinfo.disclosure_figures', 'inp::govinfo.disclosure_figures', NULL, NULL,
	$$SELECT s FROM fuzz.seed_file WHERE file = 'disclosure_figures' UNION SELECT fuzz.valid('govinfo.disclosure_figures', 'disclosure_figures')$$, 3),
('disclosure_figures.jsonb', 'json', 'govinfo.disclosure_figures', 'inp::jsonb::govinfo.disclosure_figures',
	'govinfo.to_jsonb(x)::govinfo.disclosure_figures = x', 'jsonb round trip',
	$$SELECT govinfo.to_jsonb(v::govinfo.disclosure_figures)::text FROM fuzz.valid('govinfo.disclosure_figures', 'disclosure_figures') v
	  UNION SELECT s FROM fuzz.seed_file WHERE file = 'disclosure_figures.jsonb'$$, 2),
('disclosure_figures.binary', 'bytes', 'govinfo.disclosure_figures', 'fuzz_recv(inp, NULL::govinfo.disclosure_figures)',
	'fuzz_send(x) = inp', 'binary input is canonical',
	$$SELECT fuzz_send(v::govinfo.disclosure_figures) FROM fuzz.valid('govinfo.disclosure_figures', 'disclosure_figures') v$$, 1),
('applicant.text', 'text', 'govinfo.applicant', 'inp::govinfo.applicant', NULL, NULL,
	$$SELECT s FROM fuzz.seed_file WHERE file = 'applicant'
	  UNION SELECT unnest(ARRAY[code, label_zh, label_en]) FROM govinfo.column_catalog('2021') WHERE part = 3$$, 2),
('applicant.binary', 'bytes', 'govinfo.applicant', 'fuzz_recv(inp, NULL::govinfo.applicant)',
	'fuzz_send(x) = inp', 'binary input is canonical',
	$$SELECT fuzz_send(v::govinfo.applicant) FROM fuzz.valid('govinfo.applicant', 'applicant') v$$, 0.3),
('outcome.text', 'text', 'govinfo.outcome', 'inp::govinfo.outcome', NULL, NULL,
	$$SELECT s FROM fuzz.seed_file WHERE file = 'outcome'
	  UNION SELECT unnest(ARRAY[code, label_zh, label_en]) FROM govinfo.row_catalog('2021') WHERE part = 3$$, 3),
('outcome.binary', 'bytes', 'govinfo.outcome', 'fuzz_recv(inp, NULL::govinfo.outcome)',
	'fuzz_send(x) = inp', 'binary input is canonical',
	$$SELECT fuzz_send(v::govinfo.outcome) FROM fuzz.valid('govinfo.outcome', 'outcome') v$$, 0.3),
('split_runs.text', 'text', NULL, $$(SELECT string_agg(concat_ws('/', row_code, cells, candidates), ';') FROM govinfo.split_runs(3, '2021', '{1,2,3.1,3.7,4}', (string_to_array(inp, '|') || '{"","","","",""}'::text[])[1:5]))$$, $$NOT EXISTS (SELECT FROM govinfo.split_runs(3, '2021', '{1,2,3.1,3.7,4}', (string_to_array(inp, '|') || '{"","","","",""}'::text[])[1:5]) WITH ORDINALITY s, LATERAL (SELECT ((string_to_array(inp, '|') || '{"","","","",""}'::text[])[1:5])[s.ordinality] AS run) r WHERE s.cells IS NOT NULL AND replace(s.cells, ',', '') <> regexp_replace(r.run, '[^0-9]', '', 'g'))$$, 'accepted cells are the digits of their run', $$SELECT s FROM fuzz.seed_file WHERE file = 'split_runs'$$, 2),
('html.text', 'text', NULL, '(SELECT count(*) || '','' || count(t.text) || '','' || coalesce(sum(length(t.text)), 0) FROM govinfo.html_tables(inp) t) || govinfo.html_text(inp)', NULL, NULL,
	$$SELECT s FROM fuzz.seed_file WHERE file = 'html'$$, 2),
-- every SQL-callable function of govinfo (not triggers, not those taking or returning internal)
-- called with random arguments: no crash, no XX error
('functions.calls', 'calls', NULL, 'fuzz.exec(inp)', NULL, NULL,
	$$SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = 'govinfo'::regnamespace
	  AND p.prorettype NOT IN ('trigger'::regtype, 'internal'::regtype) AND NOT 'internal'::regtype = ANY (p.proargtypes)$$, 3);
