-- pgTAP: deriving table 三 from the application tally (0.13.0) — the year of every date a key can
-- hold against extract(), request_figures_tally against request_figures_agg over the applications
-- for every year of both formats, under a forced parallel plan too, derived_report_of against
-- derived_reports for every agency and year, tally_rows and the errors of the tally functions.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(21);
\ir lib/parallel.sql

INSERT INTO agency (agency_id, code, name)
SELECT 9991000 + g, 'ttd-' || g, 'Tally derive ' || g FROM generate_series(1, 12) g;
-- a dozen agencies, 2019 - 2026, every applicant, outcome and state, in arrival order; agency 12 has none
INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on)
SELECT 9991000 + 1 + (hashint4(g) & 2147483647) % 11, d,
	(ARRAY['np', 'biz', 'res', 'npo', 'law', 'oth'])[1 + (hashint4(g + 7) & 2147483647) % 6]::applicant,
	CASE WHEN g % 9 <> 0 THEN (ARRAY['3.1', '3.2', '3.3.1', '3.3.2', '3.3.3', '3.3.4', '3.3.5', '3.3.6', '3.3.7', '3.3.8',
	                                 '3.4.1', '3.4.2', '3.4.3', '3.5.1', '3.5.2', '3.5.3', '3.5.4', '3.5.5',
	                                 '3.6.1', '3.6.2', '3.6.3'])[1 + (hashint4(g + 3) & 2147483647) % 21]::outcome END,
	CASE WHEN g % 9 <> 0 THEN d + (hashint4(g + 5) & 2147483647) % 500 END
FROM generate_series(1, 6000) g, LATERAL (SELECT DATE '2019-01-01' + (g * 2923 / 6000) AS d) x
ORDER BY d;
-- documents, decisions, fees and appeals for table 二 and 四 of derived_report_of
INSERT INTO normative_document (agency_id, kind, title, issued_on, abolished_on)
SELECT 9991000 + 1 + g % 11, CASE WHEN g % 3 = 0 THEN 'rule' ELSE 'normative' END, 'doc ' || g,
	DATE '2018-01-01' + g * 7, CASE WHEN g % 4 = 0 THEN DATE '2018-01-01' + g * 7 + 400 END
FROM generate_series(1, 400) g;
INSERT INTO decision_count (agency_id, kind, decided_on, n)
SELECT 9991000 + 1 + g % 11, (ARRAY['licensing', 'penalty', 'coercion'])[1 + g % 3], DATE '2019-01-01' + g, 1 + g % 4
FROM generate_series(1, 2900) g;
INSERT INTO fee_receipt (agency_id, received_on, amount_yuan)
SELECT 9991000 + 1 + g % 11, DATE '2021-01-01' + g * 5, 10 + g
FROM generate_series(1, 300) g;
INSERT INTO appeal_case (agency_id, kind, filed_on, result, concluded_on)
SELECT 9991000 + 1 + g % 11, (ARRAY['review', 'suit', 'suit_after_review'])[1 + g % 3], DATE '2019-02-01' + g * 20,
	CASE WHEN g % 5 <> 0 THEN (ARRAY['upheld', 'corrected', 'other'])[1 + g % 3] END,
	CASE WHEN g % 5 <> 0 THEN DATE '2019-02-01' + g * 20 + 90 END
FROM generate_series(1, 140) g;

SELECT is((SELECT count(*) FROM tally_differences()), 0::bigint, 'the tally equals the applications after the bulk insert');

-- 1. the year of a date, as a key holds it, for every day of 1990 - 2100 (the table lookup of tally.c)
SELECT is((SELECT count(*) FROM generate_series(DATE '1990-01-01', DATE '2100-12-31', interval '1 day') d
	WHERE (SELECT e.received_year FROM tally_entries(ARRAY[tally_key(d::date, NULL, 'np', NULL), 1]) e)
	      <> extract(year FROM d)), 0::bigint,
	'the received year of a key is the year of the date, every day of 1990 - 2100');
SELECT is((SELECT count(*) FROM generate_series(DATE '1990-01-01', DATE '2100-12-31', interval '1 day') d
	WHERE (SELECT e.closed_year FROM tally_entries(ARRAY[tally_key(DATE '1990-01-01', d::date, 'law', '3.6.3'), 1]) e)
	      <> extract(year FROM d)), 0::bigint,
	'the closed year of a key is the year of the date, every day of 1990 - 2100');
SELECT throws_ok($$SELECT tally_key(DATE '1989-12-31', NULL, 'np', NULL)$$, '22008', NULL,
	'a date before 1990 has no key (22008)');

-- 2. request_figures_tally = request_figures_agg over the applications, every agency and year
CREATE TEMP TABLE want AS
	SELECT y, a.agency_id, request_figures_agg(y, a.received_on, a.closed_on, a.applicant, a.outcome)::text AS f
	FROM generate_series(2019, 2026) y, application a
	WHERE a.agency_id BETWEEN 9991001 AND 9991012
	  AND a.received_on < make_date(y + 1, 1, 1) AND coalesce(a.closed_on, 'infinity') >= make_date(y, 1, 1)
	GROUP BY y, a.agency_id;
CREATE TEMP TABLE got AS
	SELECT y, t.agency_id, request_figures_tally(y, t.counts)::text AS f
	FROM generate_series(2019, 2026) y, application_tally t
	WHERE t.agency_id BETWEEN 9991001 AND 9991012
	GROUP BY y, t.agency_id HAVING request_figures_tally(y, t.counts) IS NOT NULL;
SELECT cmp_ok((SELECT count(*) FROM want), '>=', 80::bigint, 'the comparison covers 80 agency-years or more');
SELECT set_eq('SELECT * FROM got', 'SELECT * FROM want', 'request_figures_tally = request_figures_agg, every agency and year 2019 - 2026');

-- 3. the same under a forced parallel plan (combine, serialize, deserialize)
CALL pg_temp.force_parallel('on');
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT matches(pg_temp.plan_of($$SELECT request_figures_tally(2020, t.counts) FROM application_tally t$$),
	'Partial Aggregate', 'request_figures_tally has a partial aggregate in a parallel plan');
CREATE TEMP TABLE par AS
	SELECT t.agency_id, request_figures_tally(2022, t.counts)::text AS f FROM application_tally t
	WHERE t.agency_id BETWEEN 9991001 AND 9991012 GROUP BY t.agency_id;
CREATE TEMP TABLE par_all AS SELECT request_figures_tally(2020, t.counts)::text AS f FROM application_tally t
	WHERE t.agency_id BETWEEN 9991001 AND 9991012;
SET LOCAL max_parallel_workers_per_gather = 0;
CALL pg_temp.force_parallel('off');
SELECT set_eq('SELECT * FROM par WHERE f IS NOT NULL', 'SELECT agency_id, f FROM want WHERE y = 2022',
	'request_figures_tally per agency: parallel = request_figures_agg');
SELECT is((SELECT f FROM par_all),
	(SELECT request_figures_agg(2020, a.received_on, a.closed_on, a.applicant, a.outcome)::text FROM application a
	 WHERE a.agency_id BETWEEN 9991001 AND 9991012),
	'request_figures_tally over all agencies (2019 format): parallel = request_figures_agg');
RESET max_parallel_workers_per_gather;

-- 4. derived_report_of = derived_reports(year, agency), every agency (with and without records) and year
SELECT is((SELECT count(*) FROM generate_series(2019, 2026) y, generate_series(9991001, 9991012) a
	WHERE (SELECT (r.disclosures, r.requests, r.appeals)::text FROM derived_report_of(a, y) r)
	      IS DISTINCT FROM (SELECT (d.disclosures, d.requests, d.appeals)::text FROM derived_reports(y, a) d)), 0::bigint,
	'derived_report_of = derived_reports(year, agency) for 12 agencies and 8 years');
SELECT is((SELECT requests::text FROM derived_report_of(9991012, 2023)), (SELECT request_figures_agg(2023, NULL, NULL, NULL, NULL)::text),
	'an agency without applications: table 三 of zeros');
SELECT is((SELECT requests::text FROM derive_report('ttd-3', 2024)), (SELECT f FROM want WHERE y = 2024 AND agency_id = 9991003),
	'derive_report reads table 三 from the tally');
SELECT is((SELECT count(*) FROM derived_reports(2024) d JOIN want w ON w.agency_id = d.agency_id AND w.y = 2024
	WHERE d.requests::text <> w.f), 0::bigint, 'derived_reports(year) of all agencies = request_figures_agg');

-- 5. tally_rows: the flat arrays of an INSERT, one tally per agency
SELECT is((SELECT array_agg(r.agency_id::text || ':' || r.counts::text ORDER BY r.agency_id) FROM tally_rows(
	ARRAY[7, 9]::bigint[], ARRAY[tally_key('2022-01-01', NULL, 'np', NULL), 2, tally_key('2022-01-01', NULL, 'biz', NULL), 1,
	                             tally_key('2023-05-01', '2023-06-01', 'np', '3.1'), 4], ARRAY[2, 3]) r),
	ARRAY['7:{' || tally_key('2022-01-01', NULL, 'np', NULL) || ',2,' || tally_key('2022-01-01', NULL, 'biz', NULL) || ',1}',
	      '9:{' || tally_key('2023-05-01', '2023-06-01', 'np', '3.1') || ',4}'],
	'tally_rows cuts the pairs at the ends given');
SELECT throws_ok($$SELECT * FROM tally_rows(ARRAY[7]::bigint[], ARRAY[1, 2], ARRAY[1])$$, '22023', NULL,
	'tally_rows refuses a pair that is not a tally pair');
SELECT throws_ok($$SELECT * FROM tally_rows(ARRAY[7, 8]::bigint[], ARRAY[983040, 2], ARRAY[1])$$, '22023', NULL,
	'tally_rows refuses ends that do not match the agencies');

-- 6. the errors of the tally aggregates
SELECT throws_ok($$SELECT request_figures_tally(2024, '{1,2,3}'::integer[])$$, '22023', NULL, 'an odd number of elements is not a tally');
SELECT throws_ok($$SELECT request_figures_tally(2024, '{{983040,1}}'::integer[])$$, '22023', NULL, 'a two-dimensional array is not a tally');
SELECT throws_ok($$SELECT request_figures_tally(2024, '{5,2}'::integer[])$$, '22023', '5 is not a tally key', 'a key no application has');
SELECT throws_ok(format('SELECT request_figures_tally(2024, ARRAY[%s, -1])', tally_key('2024-03-01', NULL, 'np', NULL)), 'XX001', NULL,
	'counts below zero: the tally lost rows (XX001)');
SELECT throws_ok($$SELECT request_figures_tally(2018, '{}'::integer[])$$, '22023', NULL, 'a report year before 2019');

SELECT * FROM finish();
ROLLBACK;
