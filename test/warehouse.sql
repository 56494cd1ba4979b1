-- pgTAP: the warehouse (0.5.0) — the agency tree and its cycles (every write order; the concurrent
-- case is specs/agency_cycle.spec), agency_tree, roll-ups against an independent sum of the cells, no
-- double counting with reports_rollup, blanks kept, rollup_differences, and the audit trail: exactly
-- the entries each action leaves, and a log editors cannot alter.
BEGIN;
SET search_path = govinfo, public;
SELECT * FROM no_plan();
\ir lib/errors.sql

------------------------------------------------------------------------------
-- The tree
------------------------------------------------------------------------------
INSERT INTO agency (agency_id, code, name) VALUES (9970001, 'twh-p', 'Province'), (9970002, 'twh-c1', 'County 1'),
	(9970003, 'twh-c2', 'County 2'), (9970004, 'twh-t1', 'Township 1'), (9970005, 'twh-t2', 'Township 2'),
	(9970006, 'twh-t3', 'Township 3'), (9970007, 'twh-d1', 'County 1 department');
UPDATE agency SET parent_id = 9970001 WHERE agency_id IN (9970002, 9970003);
UPDATE agency SET parent_id = 9970002 WHERE agency_id IN (9970004, 9970005, 9970007);
UPDATE agency SET parent_id = 9970003 WHERE agency_id = 9970006;

SELECT results_eq($$SELECT code, depth, path FROM agency_tree('twh-c1')$$,
	$$VALUES ('twh-c1', 0, '{twh-c1}'::text[]), ('twh-d1', 1, '{twh-c1,twh-d1}'), ('twh-t1', 1, '{twh-c1,twh-t1}'), ('twh-t2', 1, '{twh-c1,twh-t2}')$$,
	'agency_tree: the agency and its descendants, in tree order');
SELECT is((SELECT count(*) FROM agency_tree('twh-p')), 7::bigint, 'agency_tree of the province: all seven');
SELECT throws_ok($$SELECT * FROM govinfo.agency_tree('twh-nope')$$, '42704', NULL, 'agency_tree: unknown agency is 42704');

-- cycles, in every order
SELECT throws_ok($$UPDATE govinfo.agency SET parent_id = agency_id WHERE agency_id = 9970004$$, '23514', NULL, 'an agency under itself: 23514');
SELECT throws_ok($$UPDATE govinfo.agency SET parent_id = 9970004 WHERE agency_id = 9970002$$, '23514',
	'agency "twh-c1" cannot be under agency "twh-t1": the agency tree would have a cycle', 'a county under its township: 23514');
SELECT is(pg_temp.err_detail($$UPDATE govinfo.agency SET parent_id = 9970004 WHERE agency_id = 9970001$$),
	'The cycle: twh-p → twh-t1 → twh-c1 → twh-p.', 'the DETAIL names the agencies of the cycle in order');
SELECT throws_ok($$UPDATE govinfo.agency SET parent_id = 9970006 WHERE agency_id = 9970003$$, '23514', NULL, 'a 2-cycle: 23514');
SELECT throws_ok($$UPDATE govinfo.agency SET parent_id = CASE agency_id WHEN 9970004 THEN 9970005 ELSE 9970004 END
	WHERE agency_id IN (9970004, 9970005)$$, '23514', NULL, 'two rows of one statement each under the other: 23514');
SELECT throws_ok($$UPDATE govinfo.agency SET parent_id = CASE agency_id WHEN 9970005 THEN 9970004 ELSE 9970005 END
	WHERE agency_id IN (9970004, 9970005)$$, '23514', NULL, '... in the other order too');
SELECT throws_ok($$WITH x AS (UPDATE govinfo.agency SET parent_id = 9970006 WHERE agency_id = 9970002 RETURNING 1)
	UPDATE govinfo.agency SET parent_id = 9970002 WHERE agency_id = 9970001$$, '23514', NULL, 'a cycle closed by a second statement: 23514');
SELECT lives_ok($$INSERT INTO govinfo.agency (agency_id, code, name, parent_id) VALUES (9970008, 'twh-t4', 'Township 4', 9970003)$$,
	'a new agency under a county');
SELECT lives_ok($$UPDATE govinfo.agency SET parent_id = 9970002 WHERE agency_id = 9970008$$, 'moving it to another county');
SELECT is((SELECT parent_id FROM agency WHERE agency_id = 9970001), NULL, 'the province is still the root');

------------------------------------------------------------------------------
-- Roll-ups
------------------------------------------------------------------------------
-- stored reports of 2022: t1, t2 (blank cells), d1; t3 has only records; county 1 has its own report
INSERT INTO annual_report (agency_id, year, requests, appeals, disclosures) VALUES
	(9970004, 2022, '2021|1:3,0,0,0,0,0,3|3.1:2,0,0,0,0,0,2|3.6.3:1,,,,,,1|3.7:3,0,0,0,0,0,3|4:0,0,0,0,0,0,0',
		'review:1,0,0,0,1|suit:0,0,0,0,0|suit_after_review:,,,,', '2021|2.1.2:2,1,10|2.6.1:24|2.8.1:12.345678'),
	(9970005, 2022, '2021|1:2,1,0,0,0,0,3|3.1:2,1,0,0,0,0,3|3.7:2,1,0,0,0,0,3|4:0,0,0,0,0,0,0',
		'review:0,1,0,0,1|suit:1,0,0,0,1|suit_after_review:,,,,', '2021|2.1.2:1,0,5|2.6.1:6'),
	(9970007, 2022, '2021|1:0,0,0,0,0,5,5|3.2:0,0,0,0,0,5,5|3.7:0,0,0,0,0,5,5|4:0,0,0,0,0,0,0', NULL, NULL),
	(9970002, 2022, '2021|1:9,9,9,9,9,9,54|3.1:9,9,9,9,9,9,54|3.7:9,9,9,9,9,9,54|4:0,0,0,0,0,0,0', NULL, NULL);
INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on) VALUES
	(9970006, '2022-02-01', 'np', '3.1', '2022-02-10'), (9970006, '2022-03-01', 'res', '3.3.1', '2022-03-10');

-- an independent sum: every cell of every contributor, added as numbers (blank only where all are blank)
CREATE FUNCTION pg_temp.cells_of(f govinfo.request_figures) RETURNS TABLE(row_code text, column_code text, v bigint) LANGUAGE sql AS $$
	SELECT t.row_code, v.col, v.x::bigint FROM govinfo.table3(f) t,
		LATERAL (VALUES ('np', t.np), ('biz', t.biz), ('res', t.res), ('npo', t.npo), ('law', t.law), ('oth', t.oth), ('total', t.total)) v(col, x) $$;
CREATE FUNCTION pg_temp.cells_sum(ids bigint[], y int) RETURNS TABLE(row_code text, column_code text, v bigint) LANGUAGE sql AS $$
	SELECT c.row_code, c.column_code, sum(c.v)::bigint
	FROM govinfo.annual_report r, pg_temp.cells_of(r.requests) c
	WHERE r.agency_id = ANY (ids) AND r.year = y
	GROUP BY 1, 2 $$;

-- county 1 not flagged: its own report counts with its subtree's
SELECT set_eq($$SELECT * FROM pg_temp.cells_of((SELECT requests FROM govinfo.rollup_report('twh-c1', 2022, 'stored')))$$,
	$$SELECT * FROM pg_temp.cells_sum('{9970002,9970004,9970005,9970007}', 2022)$$,
	'rollup_report stored: every cell is the sum of the cells of the county and its subtree');
SELECT results_eq($$SELECT agencies, agencies_missing FROM govinfo.rollup_report('twh-c1', 2022, 'stored')$$,
	$$VALUES (5, 1)$$, 'five contributors, one without a stored report (t4)');
-- flagged: the county's own report is the roll-up; it contributes its children only
UPDATE agency SET reports_rollup = true WHERE agency_id IN (9970001, 9970002, 9970003);
SELECT set_eq($$SELECT * FROM pg_temp.cells_of((SELECT requests FROM govinfo.rollup_report('twh-c1', 2022, 'stored')))$$,
	$$SELECT * FROM pg_temp.cells_sum('{9970004,9970005,9970007}', 2022)$$,
	'reports_rollup: the county''s own report is not counted again');
SELECT results_eq($$SELECT agencies, agencies_missing FROM govinfo.rollup_report('twh-c1', 2022, 'stored')$$,
	$$VALUES (4, 1)$$, 'four contributors (t1, t2, d1, t4)');
SELECT is(cell((SELECT requests FROM rollup_report('twh-c1', 2022, 'stored')), '3.6.3', 'biz'), NULL, 'a cell blank in every report stays blank');
SELECT is(cell((SELECT requests FROM rollup_report('twh-c1', 2022, 'stored')), '3.6.3', 'np'), 1, 'a cell blank in some reports is the sum of the others');
SELECT is(cell((SELECT appeals FROM rollup_report('twh-c1', 2022, 'stored')), 'suit_after_review.total'), NULL, 'a blank appeal group stays blank');
SELECT is(cell((SELECT disclosures FROM rollup_report('twh-c1', 2022, 'stored')), '2.8.1', 'amount'), 12.345678, 'table 二: amounts add up, blanks do not count');
SELECT is(cell((SELECT disclosures FROM rollup_report('twh-c1', 2022, 'stored')), '2.6.1', 'decisions'), 30::numeric, 'table 二: 24 + 6');
-- derived and best
SELECT is((SELECT requests FROM rollup_report('twh-c2', 2022, 'derived')), (SELECT requests FROM derive_report('twh-t3', 2022)),
	'rollup_report derived: county 2 is its one township''s derived report');
SELECT results_eq($$SELECT code, source_used FROM govinfo.rollup_sources('twh-p', 2022) ORDER BY code$$,
	$$VALUES ('twh-d1', 'stored'), ('twh-t1', 'stored'), ('twh-t2', 'stored'), ('twh-t3', 'derived'), ('twh-t4', NULL)$$,
	'rollup_sources best: stored, else derived; the flagged governments contribute through their children');
SELECT is((SELECT requests FROM rollup_report('twh-p', 2022)),
	(SELECT sum(f) FROM (SELECT requests FROM annual_report WHERE agency_id IN (9970004, 9970005, 9970007) AND year = 2022
	                     UNION ALL SELECT requests FROM derive_report('twh-t3', 2022)) x(f)),
	'rollup_report best of the province: the three stored reports and the derived one');
SELECT results_eq($$SELECT agencies, agencies_missing FROM govinfo.rollup_report('twh-p', 2022)$$, $$VALUES (5, 1)$$,
	'the province: five contributors, one missing');
SELECT results_eq($$SELECT agencies, agencies_missing FROM govinfo.rollup_report('twh-p', 2022, 'published')$$, $$VALUES (5, 5)$$,
	'source published: with no published report every contributor is missing');
-- an imported published copy of twh-t4's report (which has neither a stored nor a derived one)
INSERT INTO govinfo.published_report (agency_id, agency_name, year, format, document_sha256, document, requests, complete, layout)
SELECT agency_id, name, 2022, '2021', repeat('ab', 32), 'a published copy', '2021|1:7,0,0,0,0,0,7|4:7,0,0,0,0,0,7', true, 'F2'
FROM govinfo.agency WHERE code = 'twh-t4';
SELECT results_eq($$SELECT agencies, agencies_missing, cell(requests, '1', 'total') FROM govinfo.rollup_report('twh-p', 2022, 'published')$$,
	$$VALUES (5, 4, 7)$$, 'source published: the published copy counts, the others are missing');
SELECT results_eq($$SELECT code, source_used FROM govinfo.rollup_sources('twh-p', 2022) ORDER BY code$$,
	$$VALUES ('twh-d1', 'stored'), ('twh-t1', 'stored'), ('twh-t2', 'stored'), ('twh-t3', 'derived'), ('twh-t4', 'published')$$,
	'best: stored, else derived, else published');
DELETE FROM govinfo.published_report;
-- the tree each backend keeps (subtree_agencies) against a recursive walk of the table, for every agency
CREATE FUNCTION pg_temp.walk(root bigint, contributors boolean) RETURNS bigint[] LANGUAGE sql AS $$
	WITH RECURSIVE t(agency_id, reports_rollup) AS (
		SELECT g.agency_id, g.reports_rollup FROM govinfo.agency g WHERE g.agency_id = root
		UNION ALL
		SELECT c.agency_id, c.reports_rollup FROM t JOIN govinfo.agency c ON c.parent_id = t.agency_id)
	SELECT coalesce(array_agg(t.agency_id ORDER BY t.agency_id) FILTER (WHERE NOT (contributors AND t.reports_rollup)), '{}') FROM t $$;
CREATE FUNCTION pg_temp.sorted(a bigint[]) RETURNS bigint[] LANGUAGE sql AS $$
	SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM unnest(a) x $$;
SELECT is_empty($$SELECT g.code, c FROM govinfo.agency g, (VALUES (false), (true)) v(c)
	WHERE pg_temp.sorted(govinfo.subtree_agencies(g.agency_id, c)) IS DISTINCT FROM pg_temp.walk(g.agency_id, c)$$,
	'subtree_agencies: every agency''s subtree (and its contributors) as a recursive walk of the table finds it');
SELECT is(govinfo.subtree_agencies(9970002, false), '{9970002,9970004,9970005,9970007,9970008}',
	'subtree_agencies: the agency first, then its subtree in tree order');
SELECT is(govinfo.subtree_agencies(-1, false), '{}', 'subtree_agencies of an unknown id: empty');
-- a move inside the transaction is seen by the next statement's roll-up, and a rollback undoes it
SAVEPOINT move;
UPDATE agency SET parent_id = 9970003 WHERE agency_id = 9970005;
SELECT results_eq($$SELECT agencies, agencies_missing FROM govinfo.rollup_report('twh-c1', 2022, 'stored')
	UNION ALL SELECT agencies, agencies_missing FROM govinfo.rollup_report('twh-c2', 2022, 'stored')$$,
	$$VALUES (3, 1), (2, 1)$$, 'a township moved to county 2 in this transaction: county 1 has three contributors, county 2 two');
SELECT set_eq($$SELECT * FROM pg_temp.cells_of((SELECT requests FROM govinfo.rollup_report('twh-c1', 2022, 'stored')))$$,
	$$SELECT * FROM pg_temp.cells_sum('{9970004,9970007}', 2022)$$, '... and the moved township''s cells left county 1''s sums');
SELECT results_eq($$SELECT code FROM govinfo.rollup_sources('twh-c2', 2022, 'stored') ORDER BY code$$,
	$$VALUES ('twh-t2'), ('twh-t3')$$, 'rollup_sources of county 2 after the move: its township and the moved one');
ROLLBACK TO SAVEPOINT move;
SELECT results_eq($$SELECT agencies, agencies_missing FROM govinfo.rollup_report('twh-c1', 2022, 'stored')$$,
	$$VALUES (4, 1)$$, 'rolled back: county 1 has its four contributors again');
SELECT is_empty($$SELECT g.code, c FROM govinfo.agency g, govinfo.agency x, (VALUES (false), (true)) v(c)
	WHERE govinfo.subtree_contains(g.agency_id, x.agency_id, c) IS DISTINCT FROM (x.agency_id = ANY (govinfo.subtree_agencies(g.agency_id, c)))$$,
	'subtree_contains: exactly the agencies subtree_agencies lists, for every pair');
-- a subtree of more than 1,000 contributors is summed by a scan of the reports with subtree_contains
SAVEPOINT big;
INSERT INTO agency (agency_id, code, name, parent_id) SELECT 9971000 + i, 'twh-x' || i, 'X', 9970002 FROM generate_series(1, 1001) i;
SELECT results_eq($$SELECT agencies, agencies_missing FROM govinfo.rollup_report('twh-c1', 2022, 'stored')$$,
	$$VALUES (1005, 1002)$$, 'a large subtree: 1,005 contributors, 1,002 without a stored report');
SELECT set_eq($$SELECT * FROM pg_temp.cells_of((SELECT requests FROM govinfo.rollup_report('twh-c1', 2022, 'stored')))$$,
	$$SELECT * FROM pg_temp.cells_sum('{9970004,9970005,9970007}', 2022)$$, '... and the same sums as the small subtree''s');
ROLLBACK TO SAVEPOINT big;
SELECT throws_ok($$SELECT * FROM govinfo.rollup_report('twh-p', 2022, 'guess')$$, '22023', NULL, 'an unknown source is 22023');
SELECT is((SELECT count(*) FROM rollup_table3('twh-c1', 2022)), (SELECT count(*) FROM table3('2021|1:0,0,0,0,0,0,0'::request_figures)), 'rollup_table3: the rows of table 三');
SELECT is((SELECT total FROM rollup_table3('twh-c1', 2022) WHERE row_code = '1'), 11, 'rollup_table3: row 1 total 3 + 3 + 5');
SELECT is((SELECT total FROM rollup_table4('twh-c1', 2022) WHERE group_code = 'suit'), 1, 'rollup_table4');
SELECT is((SELECT decisions FROM rollup_table2('twh-c1', 2022) WHERE row_code = '2.6.1'), 30::bigint, 'rollup_table2');

-- rollup_differences: county 1 reported 54 where its subtree sums to 11, and more
SELECT results_eq($$SELECT part, row_code, column_code, reported, recomputed FROM govinfo.rollup_differences(2022)
	WHERE agency_code = 'twh-c1' AND row_code = '1' ORDER BY column_code$$,
	$$VALUES (3, '1', 'biz', 9::numeric, 1::numeric), (3, '1', 'law', 9, 0), (3, '1', 'np', 9, 5), (3, '1', 'npo', 9, 0),
	         (3, '1', 'oth', 9, 5), (3, '1', 'res', 9, 0), (3, '1', 'total', 54, 11)$$,
	'rollup_differences: each differing cell of row 1 with the reported and recomputed values');
SELECT is((SELECT count(DISTINCT agency_code) FROM rollup_differences(2022)), 1::bigint, 'only county 1 has a stored report to compare');
UPDATE annual_report SET requests = (SELECT requests FROM rollup_report('twh-c1', 2022)) WHERE agency_id = 9970002 AND year = 2022;
SELECT is_empty($$SELECT * FROM govinfo.rollup_differences(2022) WHERE agency_code = 'twh-c1'$$,
	'a county report equal to its roll-up has no differences (its parts left NULL are not compared)');

------------------------------------------------------------------------------
-- The audit trail
------------------------------------------------------------------------------
CREATE ROLE govinfo_t_aud_editor;
CREATE ROLE govinfo_t_aud_pub;
DO $$ BEGIN
	PERFORM govinfo.grant_access('govinfo_t_aud_editor', 'twh-t1', 'edit');
	PERFORM govinfo.grant_access('govinfo_t_aud_pub', 'twh-t1', 'publish', false);
END $$;
CREATE TEMP TABLE mark AS SELECT coalesce(max(audit_id), 0) AS last FROM audit_log;
GRANT SELECT ON mark TO PUBLIC;
CREATE FUNCTION pg_temp.since() RETURNS SETOF govinfo.audit_log LANGUAGE sql AS
	$$ SELECT * FROM govinfo.audit_log WHERE audit_id > (SELECT last FROM mark) ORDER BY audit_id $$;
CREATE FUNCTION pg_temp.remark() RETURNS void LANGUAGE sql AS $$ UPDATE mark SET last = (SELECT max(audit_id) FROM govinfo.audit_log) $$;
-- a bulk INSERT by an editor: one entry per agency and report year, with the count
SET LOCAL ROLE govinfo_t_aud_editor;
INSERT INTO application (agency_id, received_on, applicant) SELECT 9970004, d::date, 'np'::applicant FROM generate_series(date '2023-01-01', '2023-01-05', '1 day') d
	UNION ALL SELECT 9970004, '2024-02-01', 'np';
UPDATE application SET subject = 's' WHERE agency_id = 9970004 AND received_on >= '2023-01-01';
DELETE FROM application WHERE agency_id = 9970004 AND received_on >= '2024-01-01';
INSERT INTO appeal_case (agency_id, kind, filed_on) VALUES (9970004, 'review', '2023-03-01'), (9970004, 'suit', '2023-04-01');
RESET ROLE;
SELECT results_eq($$SELECT session_user_name = SESSION_USER, current_user_name::text COLLATE "default", action, table_name, agency_id, year, rows, key, old_values, new_values
	FROM pg_temp.since()$$,
	$$VALUES (true, 'govinfo_t_aud_editor', 'INSERT', 'application', 9970004::bigint, 2023, 5::bigint, NULL::jsonb, NULL::jsonb, NULL::jsonb),
	         (true, 'govinfo_t_aud_editor', 'INSERT', 'application', 9970004, 2024, 1, NULL, NULL, NULL),
	         (true, 'govinfo_t_aud_editor', 'UPDATE', 'application', 9970004, 2023, 5, NULL, NULL, NULL),
	         (true, 'govinfo_t_aud_editor', 'UPDATE', 'application', 9970004, 2024, 1, NULL, NULL, NULL),
	         (true, 'govinfo_t_aud_editor', 'DELETE', 'application', 9970004, 2024, 1, NULL, NULL, NULL),
	         (true, 'govinfo_t_aud_editor', 'INSERT', 'appeal_case', 9970004, 2023, 2, NULL, NULL, NULL)$$,
	'record tables: one entry per statement, agency and report year, with the row count, as the editor');
DO $$ BEGIN PERFORM pg_temp.remark(); END $$;
-- a report: insert, update, publish, reopen — one entry per row, with the key and the values
SET LOCAL ROLE govinfo_t_aud_editor;
INSERT INTO annual_report (agency_id, year, overview) VALUES (9970004, 2023, 'first');
UPDATE annual_report SET overview = 'second' WHERE agency_id = 9970004 AND year = 2023;
RESET ROLE;
SET LOCAL ROLE govinfo_t_aud_pub;
SELECT ok(publish_report('twh-t1', 2023) IS NOT NULL, 'the publisher publishes');
SELECT is(reopen_report('twh-t1', 2023, 'typo'), 1, 'and reopens');
RESET ROLE;
SELECT results_eq($$SELECT current_user_name::text COLLATE "default", action, table_name, agency_id, year, key,
	old_values ->> 'overview', new_values ->> 'overview', (old_values ->> 'published_at') IS NULL, (new_values ->> 'published_at') IS NULL
	FROM pg_temp.since()$$,
	$$VALUES ('govinfo_t_aud_editor', 'INSERT', 'annual_report', 9970004::bigint, 2023, '{"agency_id": 9970004, "year": 2023}'::jsonb, NULL, 'first', true, true),
	         ('govinfo_t_aud_editor', 'UPDATE', 'annual_report', 9970004, 2023, '{"agency_id": 9970004, "year": 2023}', 'first', 'second', true, true),
	         ('govinfo_t_aud_pub', 'publish', 'annual_report', 9970004, 2023, '{"agency_id": 9970004, "year": 2023}', 'second', 'second', true, false),
	         ('govinfo_t_aud_pub', 'reopen', 'annual_report', 9970004, 2023, '{"agency_id": 9970004, "year": 2023}', 'second', 'second', false, true)$$,
	'annual_report: one entry per row; publish and reopen by the role that called them');
SELECT results_eq($$SELECT action, current_user_name::text COLLATE "default" FROM govinfo.report_history('twh-t1', 2023)$$,
	$$VALUES ('INSERT', 'govinfo_t_aud_editor'), ('UPDATE', 'govinfo_t_aud_editor'), ('publish', 'govinfo_t_aud_pub'), ('reopen', 'govinfo_t_aud_pub')$$,
	'report_history: every change of the agency-year, in order');
-- adopt: adopt_published logs its INSERT as 'adopt', by the role that called it; publish, reopen and
-- adopt are three distinct actions
INSERT INTO published_report (id, agency_id, agency_name, year, format, document_sha256, document, requests, appeals, disclosures, complete, layout)
SELECT 99700001, 9970004, 'Township 1', 2021, '2021', repeat('a', 64), 'a published copy', r.requests, r.appeals, r.disclosures, true, 'text'
FROM annual_report r WHERE r.agency_id = 9970004 AND r.year = 2022;
INSERT INTO published_report (id, agency_id, agency_name, year, format, document_sha256, document, requests, appeals, disclosures, complete, layout)
SELECT 99700002, 9970006, 'Township 3', 2021, '2021', repeat('b', 64), 'another agency''s copy', r.requests, r.appeals, r.disclosures, true, 'text'
FROM annual_report r WHERE r.agency_id = 9970004 AND r.year = 2022;
DO $$ BEGIN PERFORM pg_temp.remark(); END $$;
SET LOCAL ROLE govinfo_t_aud_editor;
SELECT throws_ok($$SELECT govinfo.audit_adopt_next(9970004, 2020)$$, '42501', NULL, 'an editor cannot mark an INSERT as an adoption');
SELECT throws_ok($$SELECT govinfo.adopt_published(99700002)$$, '42704', NULL, 'adopt_published: another agency''s report does not exist for the editor');
-- a failed adoption (its report already exists) leaves no mark behind: the next INSERT is an INSERT
SELECT lives_ok($q$DO $d$ BEGIN
		BEGIN
			PERFORM govinfo.adopt_published(99700001);
			PERFORM govinfo.adopt_published(99700001);
		EXCEPTION WHEN unique_violation THEN NULL;
		END;
	END $d$$q$, 'adopt_published twice in a subtransaction: refused, rolled back');
SELECT lives_ok($$SELECT govinfo.adopt_published(99700001)$$, 'the editor adopts the published report of its township');
INSERT INTO annual_report (agency_id, year, overview) VALUES (9970004, 2024, 'typed');
RESET ROLE;
SELECT throws_ok($$SELECT govinfo.audit_adopt_next(9970004, 2020)$$, '42501', NULL, '... nor can the owner outside adopt_published');
SET LOCAL ROLE govinfo_t_aud_pub;
SELECT ok(publish_report('twh-t1', 2021) IS NOT NULL, 'the publisher publishes the adopted report');
SELECT is(reopen_report('twh-t1', 2021, 'typo'), 1, 'and reopens it');
RESET ROLE;
SELECT results_eq($$SELECT current_user_name::text COLLATE "default", action, table_name, agency_id, year, new_values ->> 'source'
	FROM pg_temp.since() WHERE table_name = 'annual_report'$$,
	$$VALUES ('govinfo_t_aud_editor', 'adopt', 'annual_report', 9970004::bigint, 2021, 'imported'),
	         ('govinfo_t_aud_editor', 'INSERT', 'annual_report', 9970004, 2024, 'entered'),
	         ('govinfo_t_aud_pub', 'publish', 'annual_report', 9970004, 2021, 'imported'),
	         ('govinfo_t_aud_pub', 'reopen', 'annual_report', 9970004, 2021, 'imported')$$,
	'audit: adopt, INSERT, publish and reopen are distinct entries, one per row, by the role acting');
SELECT results_eq($$SELECT action FROM govinfo.report_history('twh-t1', 2021)$$, $$VALUES ('adopt'), ('publish'), ('reopen')$$,
	'report_history: the adopted report''s history starts with adopt');
DELETE FROM annual_report WHERE agency_id = 9970004 AND year IN (2021, 2024);
DELETE FROM published_report WHERE id IN (99700001, 99700002);
SET LOCAL ROLE govinfo_t_aud_editor;
SELECT is((SELECT count(*) FROM report_history('twh-t1', 2023)), 4::bigint, 'the editor reads the history of its agency');
SELECT is((SELECT count(*) FROM audit_log WHERE agency_id <> 9970004), 0::bigint, 'and no entry of another agency');
SELECT throws_ok($$UPDATE govinfo.audit_log SET action = 'x'$$, '42501', NULL, 'an editor cannot UPDATE the log');
SELECT throws_ok($$DELETE FROM govinfo.audit_log$$, '42501', NULL, 'nor DELETE from it');
SELECT throws_ok($$TRUNCATE govinfo.audit_log$$, '42501', NULL, 'nor TRUNCATE it');
SELECT throws_ok($$INSERT INTO govinfo.audit_log (session_user_name, current_user_name, action, table_name) VALUES ('x', 'x', 'x', 'x')$$,
	'42501', NULL, 'nor INSERT into it');
SELECT throws_ok($$SELECT govinfo.prune_audit(now())$$, '42501', NULL, 'nor prune it');
RESET ROLE;
SELECT throws_ok($$UPDATE govinfo.audit_log SET action = 'x'$$, '42501', 'the audit log is append-only', 'the owner cannot UPDATE the log either');
SELECT throws_ok($$DELETE FROM govinfo.audit_log$$, '42501', 'the audit log is append-only', 'nor DELETE from it');
DO $$ BEGIN PERFORM pg_temp.remark(); END $$;
-- agencies and grants
UPDATE agency SET name = 'Township 1 (renamed)' WHERE agency_id = 9970004;
DO $$ BEGIN PERFORM govinfo.revoke_access('govinfo_t_aud_pub', 'twh-t1'); END $$;
SELECT results_eq($$SELECT action, table_name, agency_id, year, key, old_values ->> 'name', new_values ->> 'name' FROM pg_temp.since()$$,
	$$VALUES ('UPDATE', 'agency', 9970004::bigint, NULL::integer, '{"agency_id": 9970004}'::jsonb, 'Township 1', 'Township 1 (renamed)'),
	         ('revoke', 'access_grant', 9970004, NULL, jsonb_build_object('grantee', 'govinfo_t_aud_pub', 'agency_id', 9970004, 'access', 'publish'), NULL, NULL)$$,
	'agency and access_grant: one entry per row');
SELECT is((SELECT count(*) FROM audit_log WHERE table_name = 'access_grant' AND action = 'grant' AND agency_id = 9970004), 2::bigint,
	'each grant_access left one grant entry');
-- retention
SELECT is(prune_audit(now() - interval '1 day'), 0::bigint, 'prune_audit: nothing older than a day');
SELECT ok(prune_audit(now() + interval '1 day') > 0, 'prune_audit: everything before tomorrow');
SELECT is((SELECT count(*) FROM audit_log), 0::bigint, 'the log is empty');
UPDATE agency SET name = 'Township 2 (renamed)' WHERE agency_id = 9970005;
SELECT is((SELECT count(*) FROM audit_log), 1::bigint, 'a write after pruning is logged');
SELECT throws_ok($$DELETE FROM govinfo.audit_log$$, '42501', NULL, 'and the log is append-only again');

SELECT * FROM finish();
ROLLBACK;
