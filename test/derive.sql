-- pgTAP: deriving tables 二, 三 and 四 from the records — hand-built cases at every year boundary,
-- random data checked cell by cell against plain SQL counts, P3-CARRY between derived years,
-- the aggregates under a forced parallel plan, drill-down, and storing derived reports.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(79);

INSERT INTO agency (agency_id, code, name) VALUES
	(9920001, 'tder-h', 'Derive: hand-built'), (9920002, 'tder-r1', 'Derive: random 1'), (9920003, 'tder-r2', 'Derive: random 2'),
	(9920004, 'tder-r3', 'Derive: random 3'), (9920005, 'tder-r4', 'Derive: random 4'), (9920006, 'tder-r5', 'Derive: random 5'),
	(9920007, 'tder-fee', 'Derive: one fee only'), (9920008, 'tder-none', 'Derive: no records');

-- the derived figures of one agency-year
CREATE FUNCTION pg_temp.req(c text, y int) RETURNS govinfo.request_figures LANGUAGE sql AS $$ SELECT requests FROM govinfo.derive_report(c, y) $$;
CREATE FUNCTION pg_temp.app(c text, y int) RETURNS govinfo.appeal_figures LANGUAGE sql AS $$ SELECT appeals FROM govinfo.derive_report(c, y) $$;
CREATE FUNCTION pg_temp.dis(c text, y int) RETURNS govinfo.disclosure_figures LANGUAGE sql AS $$ SELECT disclosures FROM govinfo.derive_report(c, y) $$;
-- the cells of table 三 of a format (row, column), table 四 (group.column) and table 二 (row, column)
CREATE VIEW pg_temp.cells3 AS
	SELECT f.fmt, r.code AS row_code, c.code AS col FROM unnest('{2019,2021}'::text[]) f(fmt),
		LATERAL govinfo.row_catalog(f.fmt) r, LATERAL govinfo.column_catalog(f.fmt) c
	WHERE r.part = 3 AND r.kind <> 'group' AND c.part = 3;
CREATE VIEW pg_temp.cells4 AS SELECT g || '.' || c AS cell FROM unnest('{review,suit,suit_after_review}'::text[]) g,
	unnest('{upheld,corrected,other,pending,total}'::text[]) c;
CREATE VIEW pg_temp.cells2 AS SELECT * FROM (VALUES ('2.1.1', 'issued'), ('2.1.1', 'abolished'), ('2.1.1', 'in_force'),
	('2.1.2', 'issued'), ('2.1.2', 'abolished'), ('2.1.2', 'in_force'), ('2.5.1', 'decisions'), ('2.6.1', 'decisions'),
	('2.6.2', 'decisions'), ('2.8.1', 'amount')) v(row_code, col);
\ir lib/parallel.sql

------------------------------------------------------------------------------
-- 1. Hand-built: every year boundary (agency tder-h)
------------------------------------------------------------------------------
INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on, corrected_on) VALUES
	(9920001, '2020-12-31', 'np',  '3.1',   '2021-01-01', NULL),          -- A1 received 31 Dec, closed 1 Jan
	(9920001, '2019-06-01', 'biz', NULL,    NULL,         NULL),          -- A2 open through every year end
	(9920001, '2020-03-01', 'res', '3.6.1', '2021-03-01', '2021-02-01'),  -- A3 corrected in the next year
	(9920001, '2020-05-01', 'npo', '3.6.2', '2020-12-31', NULL),          -- A4 closed 31 Dec, 3.6.2 in 2020
	(9920001, '2021-12-31', 'law', '3.6.3', '2022-01-01', '2021-12-31'),  -- A5 received 31 Dec 2021, closed 1 Jan
	(9920001, '2021-01-01', 'oth', '3.3.1', '2021-12-31', NULL),          -- A6 received 1 Jan, closed 31 Dec
	(9920001, '2019-12-31', 'np',  '3.2',   '2021-01-01', NULL),          -- A7 open across two year ends
	(9920001, '2020-06-01', 'np',  '3.6.1', '2020-06-01', NULL),          -- A8 3.6.1 in 2020
	(9920001, '2018-01-01', 'np',  '3.1',   '2018-12-31', NULL);          -- A9 before 2019: nowhere
INSERT INTO appeal_case (agency_id, kind, filed_on, result, concluded_on) VALUES
	(9920001, 'review', '2020-12-31', 'upheld', '2021-01-01'),
	(9920001, 'suit', '2020-01-01', NULL, NULL),
	(9920001, 'suit_after_review', '2021-12-31', 'other', '2021-12-31'),
	(9920001, 'review', '2019-05-01', 'corrected', '2020-12-31');
INSERT INTO normative_document (agency_id, kind, title, issued_on, abolished_on) VALUES
	(9920001, 'rule', 'D1', '2021-01-01', NULL), (9920001, 'rule', 'D2', '2015-01-01', '2021-12-31'),
	(9920001, 'rule', 'D3', '2015-01-01', '2022-01-01'), (9920001, 'normative', 'D4', '2021-12-31', '2021-12-31'),
	(9920001, 'normative', 'D5', '2022-01-01', NULL);
INSERT INTO decision_count (agency_id, kind, decided_on, n) VALUES (9920001, 'licensing', '2021-01-01', 3),
	(9920001, 'licensing', '2020-12-31', 5), (9920001, 'penalty', '2021-12-31', 2), (9920001, 'coercion', '2022-01-01', 7);
INSERT INTO fee_receipt (agency_id, received_on, amount_yuan) VALUES (9920001, '2021-06-01', 12345.67),
	(9920001, '2021-12-31', 0.33), (9920001, '2022-01-01', 100), (9920007, '2021-03-01', 500);

SELECT is(pg_temp.req('tder-h', 2020)::text,
	'2019|1:2,0,1,1,0,0,4|2:1,1,0,0,0,0,2|3.1:0,0,0,0,0,0,0|3.2:0,0,0,0,0,0,0|3.3.1:0,0,0,0,0,0,0|3.3.2:0,0,0,0,0,0,0|3.3.3:0,0,0,0,0,0,0|3.3.4:0,0,0,0,0,0,0|3.3.5:0,0,0,0,0,0,0|3.3.6:0,0,0,0,0,0,0|3.3.7:0,0,0,0,0,0,0|3.3.8:0,0,0,0,0,0,0|3.4.1:0,0,0,0,0,0,0|3.4.2:0,0,0,0,0,0,0|3.4.3:0,0,0,0,0,0,0|3.5.1:0,0,0,0,0,0,0|3.5.2:0,0,0,0,0,0,0|3.5.3:0,0,0,0,0,0,0|3.5.4:0,0,0,0,0,0,0|3.5.5:0,0,0,0,0,0,0|3.6:1,0,0,1,0,0,2|3.7:1,0,0,1,0,0,2|4:2,1,1,0,0,0,4',
	'2020 (2019 format): every cell, 3.6.1 and 3.6.2 in row 3.6, 31 Dec in row 1 and row 4');
SELECT is(pg_temp.req('tder-h', 2021)::text,
	'2021|1:0,0,0,0,1,1,2|2:2,1,1,0,0,0,4|3.1:1,0,0,0,0,0,1|3.2:1,0,0,0,0,0,1|3.3.1:0,0,0,0,0,1,1|3.3.2:0,0,0,0,0,0,0|3.3.3:0,0,0,0,0,0,0|3.3.4:0,0,0,0,0,0,0|3.3.5:0,0,0,0,0,0,0|3.3.6:0,0,0,0,0,0,0|3.3.7:0,0,0,0,0,0,0|3.3.8:0,0,0,0,0,0,0|3.4.1:0,0,0,0,0,0,0|3.4.2:0,0,0,0,0,0,0|3.4.3:0,0,0,0,0,0,0|3.5.1:0,0,0,0,0,0,0|3.5.2:0,0,0,0,0,0,0|3.5.3:0,0,0,0,0,0,0|3.5.4:0,0,0,0,0,0,0|3.5.5:0,0,0,0,0,0,0|3.6.1:0,0,1,0,0,0,1|3.6.2:0,0,0,0,0,0,0|3.6.3:0,0,0,0,0,0,0|3.7:2,0,1,0,0,1,4|4:0,1,0,0,1,0,2',
	'2021: every cell, closed 1 Jan in rows 2 and 3.x, corrected_on ignored');
SELECT is(cell(pg_temp.req('tder-h', 2019), '4', 'np'), 1, '2019: received 31 Dec 2019 counts in row 4');
SELECT is(cell(pg_temp.req('tder-h', 2019), '1', 'total'), 2, '2019: row 1 has the two applications of 2019, not the one of 2018');
SELECT is(cell(pg_temp.req('tder-h', 2022), '2', 'law'), 1, '2022: received 31 Dec 2021 and closed 1 Jan 2022 in row 2');
SELECT is(cell(pg_temp.req('tder-h', 2022), '3.6.3', 'law'), 1, '2022: ... and in row 3.6.3');
SELECT is(cell(pg_temp.req('tder-h', 2024), '4', 'total'), 1, '2024: only the open application is left');
SELECT is(pg_temp.app('tder-h', 2020)::text, 'review:0,1,0,1,2|suit:0,0,0,1,1|suit_after_review:0,0,0,0,0',
	'2020 table 四: filed 31 Dec pending, concluded 31 Dec corrected, open suit pending');
SELECT is(pg_temp.app('tder-h', 2021)::text, 'review:1,0,0,0,1|suit:0,0,0,1,1|suit_after_review:0,0,1,0,1',
	'2021 table 四: concluded 1 Jan upheld, filed and concluded 31 Dec other');
SELECT is(cell(pg_temp.app('tder-h', 2019), 'review.pending'), 1, '2019 table 四: a case filed in 2019 and concluded in 2020 is pending');
SELECT is(pg_temp.dis('tder-h', 2021)::text, '2021|2.1.1:1,1,2|2.1.2:1,1,0|2.5.1:3|2.6.1:2|2.6.2:0|2.8.1:1.2346',
	'2021 table 二: issued/abolished/in force at both ends, decisions and fees of the year only, fees in 万元');
SELECT is(pg_temp.dis('tder-h', 2022)::text, '2021|2.1.1:0,1,1|2.1.2:1,0,1|2.5.1:0|2.6.1:0|2.6.2:7|2.8.1:0.01',
	'2022 table 二: abolished 1 Jan 2022, issued 1 Jan 2022');
SELECT ok(pg_temp.dis('tder-h', 2020) IS NULL, 'table 二 is not derived for 2020');
SELECT is((SELECT requests::text || ' ' || appeals::text || ' ' || cell(disclosures, '2.8.1', 'amount') FROM derived_reports(2021, 9920007)),
	(SELECT request_figures_agg(2021, NULL, NULL, NULL, NULL)::text) || ' review:0,0,0,0,0|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0 0.05',
	'an agency with one fee only: zeros (not blanks) in 三 and 四');
SELECT is(pg_temp.req('tder-none', 2021)::text, request_figures_agg(2021, '2018-01-01', '2018-01-02', 'np', '3.1')::text,
	'no records: the all-zero figures of the aggregate over rows out of scope');
SELECT is(request_figures_agg(2021, '2018-01-01', '2018-01-02', 'np', '3.1')::text,
	(SELECT '2021|' || string_agg(code || ':0,0,0,0,0,0,0', '|' ORDER BY ord) FROM row_catalog('2021') WHERE part = 3 AND kind <> 'group'),
	'... which are 0 in every cell, none blank');
SELECT throws_ok($$SELECT * FROM govinfo.derive_report('tder-nope', 2021)$$, '42704', NULL, 'derive_report: unknown agency 42704');
SELECT throws_ok($$SELECT * FROM govinfo.derive_report('tder-h', 2018)$$, '22023', NULL, 'derive_report: year 2018 is 22023');

------------------------------------------------------------------------------
-- 2. Random records over five agencies, 2018–2024 (deterministic)
------------------------------------------------------------------------------
SELECT setseed(0.4242);
INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on, corrected_on)
SELECT 9920002 + i % 5, rec, (ARRAY['np','biz','res','npo','law','oth'])[1 + floor(r2 * 6)::int]::applicant,
	CASE WHEN r3 >= 0.12 THEN (ARRAY['3.1','3.2','3.3.1','3.3.2','3.3.3','3.3.4','3.3.5','3.3.6','3.3.7','3.3.8','3.4.1','3.4.2',
		'3.4.3','3.5.1','3.5.2','3.5.3','3.5.4','3.5.5','3.6.1','3.6.2','3.6.3'])[1 + floor(r4 * 21)::int]::outcome END,
	CASE WHEN r3 >= 0.12 THEN rec + floor(r5 * r5 * 800)::int END,
	CASE WHEN r3 < 0.3 THEN rec + floor(r3 * r5 * 10)::int END
FROM (SELECT i, random() r1, random() r2, random() r3, random() r4, random() r5 FROM generate_series(1, 12000) i) s,
	LATERAL (SELECT CASE WHEN r1 < 0.1 THEN make_date(2018 + floor(r1 * 70)::int, 12, 31)       -- 31 December
	                     WHEN r1 < 0.2 THEN make_date(2018 + floor((r1 - 0.1) * 70)::int, 1, 1) -- 1 January
	                     ELSE DATE '2018-01-01' + floor((r1 - 0.2) / 0.8 * 2555)::int END AS rec) d;
INSERT INTO appeal_case (agency_id, kind, filed_on, result, concluded_on)
SELECT 9920002 + i % 5, (ARRAY['review','suit','suit_after_review'])[1 + floor(r1 * 3)::int], f,
	CASE WHEN r2 >= 0.2 THEN (ARRAY['upheld','corrected','other'])[1 + floor(r3 * 3)::int] END,
	CASE WHEN r2 >= 0.2 THEN f + floor(r4 * 500)::int END
FROM (SELECT i, random() r1, random() r2, random() r3, random() r4, DATE '2018-01-01' + floor(random() * 2555)::int f
	FROM generate_series(1, 3000) i) s;
INSERT INTO normative_document (agency_id, kind, title, issued_on, abolished_on)
SELECT 9920002 + i % 5, CASE WHEN r1 < 0.4 THEN 'rule' ELSE 'normative' END, 'doc ' || i, f,
	CASE WHEN r2 < 0.5 THEN f + floor(r3 * 1500)::int END
FROM (SELECT i, random() r1, random() r2, random() r3, DATE '2015-01-01' + floor(random() * 3650)::int f FROM generate_series(1, 800) i) s;
INSERT INTO decision_count (agency_id, kind, decided_on, n)
SELECT 9920002 + i % 5, (ARRAY['licensing','penalty','coercion'])[1 + floor(random() * 3)::int],
	DATE '2018-01-01' + floor(random() * 2555)::int, 1 + floor(random() * 20)::int FROM generate_series(1, 2000) i;
INSERT INTO fee_receipt (agency_id, received_on, amount_yuan)
SELECT 9920002 + i % 5, DATE '2018-01-01' + floor(random() * 2555)::int, round((random() * 5000)::numeric, 2) FROM generate_series(1, 1500) i;

-- plain SQL: every (agency, year, row, column) of table 三 with its count, zero cells left out
CREATE TEMP TABLE exp3 AS
SELECT a.agency_id, y, r.row_code, c.col, count(*) AS n
FROM application a, generate_series(2019, 2024) y,
	LATERAL (SELECT '1' WHERE extract(year FROM a.received_on) = y
	         UNION ALL SELECT '2' WHERE a.received_on < make_date(y, 1, 1) AND (a.closed_on IS NULL OR a.closed_on >= make_date(y, 1, 1))
	         UNION ALL SELECT CASE WHEN y < 2021 AND a.outcome::text LIKE '3.6.%' THEN '3.6' ELSE a.outcome::text END
	                   WHERE extract(year FROM a.closed_on) = y
	         UNION ALL SELECT '3.7' WHERE extract(year FROM a.closed_on) = y
	         UNION ALL SELECT '4' WHERE a.received_on <= make_date(y, 12, 31) AND (a.closed_on IS NULL OR a.closed_on > make_date(y, 12, 31))) r(row_code),
	LATERAL (VALUES (a.applicant::text), ('total')) c(col)
WHERE a.agency_id BETWEEN 9920001 AND 9920008
GROUP BY 1, 2, 3, 4;
-- the derived figures of every agency and year, and every cell of table 三 (zeros included)
CREATE TEMP TABLE der AS SELECT y, d.* FROM generate_series(2019, 2024) y, derived_reports(y) d WHERE d.agency_id BETWEEN 9920001 AND 9920008;
CREATE TEMP TABLE got3 AS
SELECT d.agency_id, d.y, c.row_code, c.col, cell(d.requests, c.row_code, c.col) AS n
FROM der d JOIN pg_temp.cells3 c ON c.fmt = CASE WHEN d.y < 2021 THEN '2019' ELSE '2021' END;

SELECT cmp_ok((SELECT count(*) FROM application WHERE agency_id BETWEEN 9920002 AND 9920006), '>=', 10000::bigint, 'at least 10,000 random applications');
SELECT cmp_ok((SELECT sum(n) FROM exp3 WHERE row_code = '2' AND col = 'total'), '>', 3000::numeric,
	'the random data carries many applications over year ends');
SELECT is((SELECT count(*) FROM got3 WHERE n IS NULL), 0::bigint, 'no derived cell of table 三 is blank');
SELECT is_empty($$SELECT agency_id, y, row_code, col, n FROM got3 WHERE n <> 0 EXCEPT SELECT agency_id, y, row_code, col, n FROM exp3$$,
	'table 三: every non-zero derived cell equals the plain SQL count');
SELECT is_empty($$SELECT agency_id, y, row_code, col, n FROM exp3 EXCEPT SELECT agency_id, y, row_code, col, n FROM got3$$,
	'table 三: every plain SQL count appears as the derived cell');
SELECT is((SELECT count(*) FROM der WHERE NOT is_balanced(requests) OR NOT is_balanced(appeals)), 0::bigint, 'every derived 三 and 四 is balanced');

-- table 四
CREATE TEMP TABLE exp4 AS
SELECT c.agency_id, y, c.kind || '.' || k.col AS cell, count(*) AS n
FROM appeal_case c, generate_series(2019, 2024) y,
	LATERAL (SELECT CASE WHEN extract(year FROM c.concluded_on) = y THEN c.result
	                     WHEN c.filed_on <= make_date(y, 12, 31) AND (c.concluded_on IS NULL OR c.concluded_on > make_date(y, 12, 31)) THEN 'pending' END) r(col),
	LATERAL (VALUES (r.col), ('total')) k(col)
WHERE c.agency_id BETWEEN 9920001 AND 9920008 AND r.col IS NOT NULL
GROUP BY 1, 2, 3;
CREATE TEMP TABLE got4 AS SELECT d.agency_id, d.y, c.cell, cell(d.appeals, c.cell) AS n FROM der d, pg_temp.cells4 c;
SELECT is((SELECT count(*) FROM got4 WHERE n IS NULL), 0::bigint, 'no derived cell of table 四 is blank');
SELECT is_empty($$(SELECT agency_id, y, cell, n FROM got4 WHERE n <> 0 EXCEPT SELECT agency_id, y, cell, n FROM exp4)
	UNION ALL (SELECT agency_id, y, cell, n FROM exp4 EXCEPT SELECT agency_id, y, cell, n FROM got4)$$,
	'table 四: every derived cell equals the plain SQL count');

-- table 二, 2021 onward
CREATE TEMP TABLE exp2 AS
SELECT a.agency_id, y, v.row_code, v.col, v.n FROM agency a, generate_series(2021, 2024) y,
	LATERAL (SELECT '2.1.' || CASE d.kind WHEN 'rule' THEN '1' ELSE '2' END, x.col, count(*)::numeric
	         FROM normative_document d, LATERAL (SELECT 'issued' WHERE extract(year FROM d.issued_on) = y
	             UNION ALL SELECT 'abolished' WHERE extract(year FROM d.abolished_on) = y
	             UNION ALL SELECT 'in_force' WHERE d.issued_on <= make_date(y, 12, 31) AND (d.abolished_on IS NULL OR d.abolished_on > make_date(y, 12, 31))) x(col)
	         WHERE d.agency_id = a.agency_id GROUP BY 1, 2
	         UNION ALL SELECT CASE kind WHEN 'licensing' THEN '2.5.1' WHEN 'penalty' THEN '2.6.1' ELSE '2.6.2' END, 'decisions', sum(n)
	         FROM decision_count WHERE agency_id = a.agency_id AND extract(year FROM decided_on) = y GROUP BY 1
	         UNION ALL SELECT '2.8.1', 'amount', sum(amount_yuan) / 10000
	         FROM fee_receipt WHERE agency_id = a.agency_id AND extract(year FROM received_on) = y) v(row_code, col, n)
WHERE a.agency_id BETWEEN 9920001 AND 9920008 AND v.n <> 0;
CREATE TEMP TABLE got2 AS SELECT d.agency_id, d.y, c.row_code, c.col, cell(d.disclosures, c.row_code, c.col) AS n FROM der d, pg_temp.cells2 c WHERE d.y >= 2021;
SELECT is_empty($$(SELECT agency_id, y, row_code, col, n FROM got2 WHERE n IS DISTINCT FROM 0 EXCEPT SELECT * FROM exp2)
	UNION ALL (SELECT * FROM exp2 EXCEPT SELECT agency_id, y, row_code, col, n FROM got2)$$,
	'table 二: every derived cell equals the plain SQL count or sum');
SELECT is((SELECT count(*) FROM der WHERE y < 2021 AND disclosures IS NOT NULL), 0::bigint, 'table 二 is NULL for 2019 and 2020');
SELECT cmp_ok((SELECT count(*) FROM exp2 WHERE row_code = '2.8.1'), '>=', 20::bigint, 'fees were summed for every random agency-year');

-- the agencies derived each year: exactly those with a record counting in it
SELECT set_eq($$SELECT agency_id, y FROM der$$,
	$$SELECT agency_id, y FROM generate_series(2019, 2024) y, LATERAL (
		SELECT agency_id FROM govinfo.application WHERE received_on <= make_date(y, 12, 31) AND (closed_on IS NULL OR closed_on >= make_date(y, 1, 1))
		UNION SELECT agency_id FROM govinfo.appeal_case WHERE filed_on <= make_date(y, 12, 31) AND (concluded_on IS NULL OR concluded_on >= make_date(y, 1, 1))
		UNION SELECT agency_id FROM govinfo.normative_document WHERE issued_on <= make_date(y, 12, 31) AND (abolished_on IS NULL OR abolished_on >= make_date(y, 1, 1))
		UNION SELECT agency_id FROM govinfo.decision_count WHERE extract(year FROM decided_on) = y
		UNION SELECT agency_id FROM govinfo.fee_receipt WHERE extract(year FROM received_on) = y) a
	  WHERE agency_id BETWEEN 9920001 AND 9920008$$,
	'derived_reports: one row per agency with a record counting in the year');

------------------------------------------------------------------------------
-- 3. P3-CARRY between consecutive derived years
------------------------------------------------------------------------------
SELECT is_empty($$SELECT o.agency_id, o.y, o.col FROM got3 o LEFT JOIN got3 i
		ON i.agency_id = o.agency_id AND i.y = o.y + 1 AND i.row_code = '2' AND i.col = o.col
	WHERE o.row_code = '4' AND o.y < 2024 AND o.n IS DISTINCT FROM coalesce(i.n, 0)$$,
	'row 4 of every derived year equals row 2 of the next, every agency and column');
SELECT is((SELECT count(DISTINCT agency_id) FROM got3 WHERE row_code = '4' AND y < 2024 AND n > 0), 6::bigint,
	'... compared for six agencies with applications carried over');

------------------------------------------------------------------------------
-- 4. The aggregates under a forced parallel plan equal the serial result
------------------------------------------------------------------------------
CALL pg_temp.force_parallel('on');
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE q (name text, sql text);
INSERT INTO q VALUES
	('req', $$SELECT agency_id, govinfo.request_figures_agg(2021, received_on, closed_on, applicant, outcome)::text AS f FROM govinfo.application GROUP BY agency_id$$),
	('req_all', $$SELECT 0::bigint AS agency_id, govinfo.request_figures_agg(2020, received_on, closed_on, applicant, outcome)::text AS f FROM govinfo.application$$),
	('app', $$SELECT agency_id, govinfo.appeal_figures_agg(2022, kind, filed_on, result, concluded_on)::text AS f FROM govinfo.appeal_case GROUP BY agency_id$$);
SELECT matches(pg_temp.plan_of(sql), 'Partial (Hash|Group)?Aggregate', 'parallel plan of ' || name || ' has a Partial Aggregate') FROM q ORDER BY name;
SELECT matches(pg_temp.plan_of(sql), 'Gather', 'parallel plan of ' || name || ' gathers workers') FROM q WHERE name = 'req';
CREATE TEMP TABLE par_req AS SELECT agency_id, govinfo.request_figures_agg(2021, received_on, closed_on, applicant, outcome)::text AS f FROM govinfo.application GROUP BY agency_id;
CREATE TEMP TABLE par_all AS SELECT govinfo.request_figures_agg(2020, received_on, closed_on, applicant, outcome)::text AS f FROM govinfo.application;
CREATE TEMP TABLE par_app AS SELECT agency_id, govinfo.appeal_figures_agg(2022, kind, filed_on, result, concluded_on)::text AS f FROM govinfo.appeal_case GROUP BY agency_id;
SET LOCAL max_parallel_workers_per_gather = 0;
CALL pg_temp.force_parallel('off');
SELECT doesnt_match(pg_temp.plan_of(sql), 'Partial', 'serial plan of ' || name || ' has no partial aggregate') FROM q WHERE name = 'req';
SELECT set_eq('SELECT * FROM par_req', (SELECT sql FROM q WHERE name = 'req'), 'request_figures_agg per agency: parallel = serial');
SELECT is((SELECT f FROM par_all), (SELECT request_figures_agg(2020, received_on, closed_on, applicant, outcome)::text FROM application),
	'request_figures_agg over all applications (2019 format): parallel = serial');
SELECT set_eq('SELECT * FROM par_app', (SELECT sql FROM q WHERE name = 'app'), 'appeal_figures_agg per agency: parallel = serial');
SELECT is((SELECT f FROM par_req WHERE agency_id = 9920003), (SELECT requests::text FROM der WHERE agency_id = 9920003 AND y = 2021),
	'... and equal to derived_reports');
RESET max_parallel_workers_per_gather;

------------------------------------------------------------------------------
-- 5. Drill-down: the applications of every cell are as many as the cell says
------------------------------------------------------------------------------
CREATE TEMP TABLE drill AS
SELECT g.code, d.y, d.row_code, d.col, d.n, (SELECT count(*) FROM cell_applications(g.code, d.y, d.row_code, d.col)) AS apps
FROM got3 d JOIN agency g USING (agency_id)
WHERE (g.code, d.y) IN (('tder-h', 2020), ('tder-h', 2021), ('tder-r1', 2020), ('tder-r2', 2021), ('tder-r3', 2024));
SELECT is((SELECT count(*) FROM drill), (23 * 7 * 2 + 25 * 7 * 3)::bigint, 'drill-down covers every cell of five agency-years');
SELECT is_empty($$SELECT * FROM drill WHERE apps <> n$$, 'count(cell_applications) = the cell, for every cell');
SELECT cmp_ok((SELECT sum(n) FROM drill), '>', 1000::bigint, '... the cells are not all zero');
SELECT set_eq($$SELECT application_id FROM govinfo.cell_applications('tder-h', 2021, '2', 'np')$$,
	$$SELECT application_id FROM govinfo.application WHERE agency_id = 9920001 AND received_on IN ('2020-12-31', '2019-12-31')$$,
	'cell_applications lists the very applications (2021 row 2 np: A1 and A7)');
SELECT is((SELECT count(*) FROM cell_applications('tder-h', 2020, '3.6', 'total')), 2::bigint, 'cell_applications: row 3.6 in 2020');
SELECT throws_ok($$SELECT * FROM govinfo.cell_applications('tder-h', 2021, '3.3', 'np')$$, '22023', NULL, 'cell_applications: group row 3.3');
SELECT throws_ok($$SELECT * FROM govinfo.cell_applications('tder-h', 2021, '3.6', 'np')$$, '22023', NULL, 'cell_applications: 3.6 is a group in 2021');
SELECT throws_ok($$SELECT * FROM govinfo.cell_applications('tder-h', 2020, '3.6.1', 'np')$$, '22023', NULL, 'cell_applications: 3.6.1 is not a row of 2020');
SELECT throws_ok($$SELECT * FROM govinfo.cell_applications('tder-h', 2021, '3.1', 'xx')$$, '22023', NULL, 'cell_applications: unknown column');
SELECT throws_ok($$SELECT * FROM govinfo.cell_applications('tder-none', 2021, '9', 'np')$$, '22023', NULL, 'cell_applications: unknown row, no records');
SELECT throws_ok($$SELECT * FROM govinfo.cell_applications('tder-nope', 2021, '1', 'np')$$, '42704', NULL, 'cell_applications: unknown agency');

------------------------------------------------------------------------------
-- 5b. disclosure_figures_derived: table 二 from counts, as the text form says it
------------------------------------------------------------------------------
SELECT is(disclosure_figures_derived(2021, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12345.67)::text,
	'2021|2.1.1:1,2,3|2.1.2:4,5,6|2.5.1:7|2.6.1:8|2.6.2:9|2.8.1:1.234567'::disclosure_figures::text,
	'disclosure_figures_derived: nine counts and the fee in yuan (万元 to the fen)');
SELECT is(disclosure_figures_derived(2024, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)::text,
	'2021|2.1.1:0,0,0|2.1.2:0,0,0|2.5.1:0|2.6.1:0|2.6.2:0|2.8.1:0'::disclosure_figures::text, 'disclosure_figures_derived: NULL counts as 0');
SELECT ok(disclosure_figures_derived(2020, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1) IS NULL, 'disclosure_figures_derived: NULL before 2021');
SELECT throws_ok($$SELECT govinfo.disclosure_figures_derived(2021, 3000000000, 0, 0, 0, 0, 0, 0, 0, 0, 0)$$, '22003', NULL,
	'disclosure_figures_derived: a count past INT32_MAX is 22003');

------------------------------------------------------------------------------
-- 6. On the fly and stored: derive_report, report_table*, refresh_report(s)
------------------------------------------------------------------------------
SELECT is((SELECT stored FROM report_figures('tder-r1', 2021)), false, 'report_figures: derived while nothing is stored');
CREATE TEMP TABLE fly3 AS SELECT * FROM report_table3('tder-r1', 2021, 'en');
CREATE TEMP TABLE fly2 AS SELECT * FROM report_table2('tder-r1', 2021);
CREATE TEMP TABLE fly4 AS SELECT * FROM report_table4('tder-r1', 2021);
SELECT set_eq('SELECT * FROM fly3', $$SELECT * FROM govinfo.table3((SELECT requests FROM govinfo.derive_report('tder-r1', 2021)), 'en')$$,
	'report_table3 on the fly = table3 of derive_report');
SELECT lives_ok($$SELECT govinfo.refresh_report('tder-r1', 2021)$$, 'refresh_report stores tder-r1 2021');
SELECT is((SELECT stored FROM report_figures('tder-r1', 2021)), true, 'report_figures: now stored');
SELECT is((SELECT source || ' ' || requests::text || ' ' || appeals::text || ' ' || disclosures::text FROM annual_report WHERE agency_id = 9920002 AND year = 2021),
	(SELECT 'derived ' || requests::text || ' ' || appeals::text || ' ' || disclosures::text FROM der WHERE agency_id = 9920002 AND y = 2021),
	'the stored report has source derived and the derived figures');
SELECT results_eq('SELECT * FROM report_table3(''tder-r1'', 2021, ''en'')', 'SELECT * FROM fly3', 'report_table3 stored = on the fly');
SELECT results_eq('SELECT * FROM report_table2(''tder-r1'', 2021)', 'SELECT * FROM fly2', 'report_table2 stored = on the fly');
SELECT results_eq('SELECT * FROM report_table4(''tder-r1'', 2021)', 'SELECT * FROM fly4', 'report_table4 stored = on the fly');

-- refresh_reports, year by year (P3-CARRY is checked as each year is stored); what is stored already
-- with the derived figures (tder-r1 2021, just refreshed) is not written again
CREATE TEMP TABLE stored_before AS SELECT agency_id, year FROM annual_report;
CREATE TEMP TABLE refreshed AS SELECT y, refresh_reports(y) AS n FROM generate_series(2019, 2024) y ORDER BY y;
SELECT results_eq('SELECT y, n FROM refreshed ORDER BY y',
	$$SELECT y, count(*) FROM generate_series(2019, 2024) y, govinfo.derived_reports(y) d WHERE NOT EXISTS (SELECT 1 FROM govinfo.annual_report r
		WHERE r.agency_id = d.agency_id AND r.year = y AND r.published_at IS NOT NULL)
		AND NOT EXISTS (SELECT 1 FROM stored_before b WHERE b.agency_id = d.agency_id AND b.year = y) GROUP BY y ORDER BY y$$,
	'refresh_reports returns the number of reports written: agencies with records in each year, less those stored unchanged');
SELECT ok((SELECT n FROM refreshed WHERE y = 2021) > 0 AND EXISTS (SELECT 1 FROM stored_before WHERE agency_id = 9920002 AND year = 2021),
	'... tder-r1 2021 was stored before, the others of 2021 were written');
-- a second refresh changes nothing: nothing written, nothing audited
CREATE TEMP TABLE audit_before AS SELECT count(*) AS n FROM audit_log;
SELECT is(refresh_reports(2021), 0::bigint, 'refresh_reports again: no report written');
SELECT is((SELECT count(*) FROM audit_log), (SELECT n FROM audit_before), '... and no audit entry');
-- a changed record: only its report is written
CREATE TEMP TABLE changed AS SELECT application_id, applicant FROM application
WHERE application_id = (SELECT min(application_id) FROM application WHERE agency_id = 9920002 AND received_on >= '2021-01-01' AND received_on < '2022-01-01');
UPDATE application a SET applicant = CASE WHEN c.applicant = 'np' THEN 'biz'::applicant ELSE 'np'::applicant END
FROM changed c WHERE a.application_id = c.application_id;
-- stale_reports (0.8.0): what the refresh below will write, and nothing else
SELECT is_empty($$SELECT * FROM govinfo.stale_reports(2020) WHERE agency_id BETWEEN 9920001 AND 9920008$$,
	'stale_reports: nothing is stale in a year just refreshed');
SELECT results_eq($$SELECT agency_id, requests::text, appeals::text, disclosures::text FROM govinfo.stale_reports(2021)$$,
	$$SELECT 9920002::bigint, requests::text, appeals::text, disclosures::text FROM govinfo.derive_report('tder-r1', 2021)$$,
	'stale_reports: the one changed report, with its derived figures');
SELECT results_eq($$SELECT agency_id FROM govinfo.stale_reports(2021, 9920002)$$, $$VALUES (9920002::bigint)$$,
	'stale_reports of one agency');
SELECT is_empty($$SELECT * FROM govinfo.stale_reports(2021, 9920003)$$, '... and of an unchanged one: nothing');
SELECT is(refresh_reports(2021), 1::bigint, 'a changed application: refresh_reports writes its one report');
SELECT is((SELECT requests FROM annual_report WHERE agency_id = 9920002 AND year = 2021), (SELECT requests FROM derive_report('tder-r1', 2021)),
	'... with the new figures');
UPDATE application a SET applicant = c.applicant FROM changed c WHERE a.application_id = c.application_id;
SELECT is(refresh_reports(2021), 1::bigint, '... and back');
SELECT is((SELECT array_agg(year ORDER BY year) FROM annual_report WHERE agency_id = 9920007), ARRAY[2021],
	'refresh_reports stores an agency with a fee only, in its year only');
SELECT is((SELECT count(*) FROM annual_report WHERE agency_id BETWEEN 9920001 AND 9920008), (SELECT count(*) FROM der),
	'one stored report per derived agency-year');
SELECT is((SELECT count(*) FROM annual_report WHERE agency_id BETWEEN 9920001 AND 9920008 AND source = 'derived'
	AND is_balanced(requests) AND is_balanced(appeals)), (SELECT count(*) FROM der), 'every stored report is derived and balanced');
SELECT is_empty($$SELECT agency_id, year, requests::text, appeals::text, disclosures::text FROM govinfo.annual_report WHERE agency_id BETWEEN 9920001 AND 9920008
	EXCEPT SELECT agency_id, y, requests::text, appeals::text, disclosures::text FROM der$$, 'the stored figures are the derived ones');

SELECT * FROM finish();
ROLLBACK;
