-- pgTAP: storing annual reports — the rule triggers of govinfo.annual_report (23514),
-- the P3-CARRY constraint trigger, format defaults, keys, and the report_table2/3/4 readers.
BEGIN;
SELECT plan(73);

------------------------------------------------------------------------------
-- Helpers
------------------------------------------------------------------------------
-- a balanced table 三 with figures in column np only: rows 1, 2, 3.1 = 3.7, 4
CREATE FUNCTION pg_temp.req(fmt text, n1 int, n2 int, n4 int) RETURNS govinfo.request_figures
	LANGUAGE sql AS $$
	SELECT format('%s|1:%s,0,0,0,0,0,%s|2:%s,0,0,0,0,0,%s|3.1:%s,0,0,0,0,0,%s|3.7:%s,0,0,0,0,0,%s|4:%s,0,0,0,0,0,%s',
		fmt, n1, n1, n2, n2, n1 + n2 - n4, n1 + n2 - n4, n1 + n2 - n4, n1 + n2 - n4, n4, n4)::govinfo.request_figures $$;
CREATE FUNCTION pg_temp.aid(c text) RETURNS bigint
	LANGUAGE sql AS $$ SELECT agency_id FROM govinfo.agency WHERE code = c $$;
\ir lib/errors.sql
CREATE FUNCTION pg_temp.stored(c text) RETURNS bigint
	LANGUAGE sql AS $$ SELECT count(*) FROM govinfo.annual_report WHERE agency_id = pg_temp.aid(c) $$;

INSERT INTO govinfo.agency (code, name) VALUES
	('st-a', 'Storage A'), ('st-c', 'Carry C'), ('st-d', 'Carry D'), ('st-f', 'Format F'), ('st-r', 'Reader R');

------------------------------------------------------------------------------
-- Balancing rules through INSERT: 23514, rule id in the message, detail names the cell
------------------------------------------------------------------------------
SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-a'), 2021,
	'2021|1:2,0,0,0,0,0,2|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:2,0,0,0,0,0,2')$$,
	'23514', 'annual report violates rule P3-BALANCE', 'INSERT breaking P3-BALANCE: 23514');
SELECT matches(pg_temp.err_detail($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-a'), 2021,
	'2021|1:2,0,0,0,0,0,2|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:2,0,0,0,0,0,2')$$),
	'agency "st-a".*year 2021, requests, row 4, column np: expected 1, found 2', 'P3-BALANCE detail: agency, year, row 4, column np, 1 vs 2');

SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-a'), 2021,
	'2021|1:3,0,0,0,0,0,3|3.1:1,0,0,0,0,0,1|3.2:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:2,0,0,0,0,0,2')$$,
	'23514', 'annual report violates rule P3-HANDLED-TOTAL', 'INSERT breaking P3-HANDLED-TOTAL: 23514');
SELECT matches(pg_temp.err_detail($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-a'), 2021,
	'2021|1:3,0,0,0,0,0,3|3.1:1,0,0,0,0,0,1|3.2:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:2,0,0,0,0,0,2')$$),
	'agency "st-a".*year 2021, requests, row 3\.7, column np: expected 2, found 1', 'P3-HANDLED-TOTAL detail: row 3.7, column np, 2 vs 1');

SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-a'), 2021,
	'2021|1:2,0,0,0,0,0,3|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,2')$$,
	'23514', 'annual report violates rule P3-COLUMN-TOTAL', 'INSERT breaking P3-COLUMN-TOTAL: 23514');
SELECT matches(pg_temp.err_detail($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-a'), 2021,
	'2021|1:2,0,0,0,0,0,3|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,2')$$),
	'agency "st-a".*year 2021, requests, row 1, column total: expected 2, found 3', 'P3-COLUMN-TOTAL detail: row 1, column total, 2 vs 3');

SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, appeals) VALUES (pg_temp.aid('st-a'), 2021,
	'review:1,0,0,0,1|suit:0,1,0,0,2|suit_after_review:0,0,0,0,0')$$,
	'23514', 'annual report violates rule P4-TOTAL', 'INSERT breaking P4-TOTAL: 23514');
SELECT matches(pg_temp.err_detail($$INSERT INTO govinfo.annual_report (agency_id, year, appeals) VALUES (pg_temp.aid('st-a'), 2021,
	'review:1,0,0,0,1|suit:0,1,0,0,2|suit_after_review:0,0,0,0,0')$$),
	'agency "st-a".*year 2021, appeals, row suit, column total: expected 1, found 2', 'P4-TOTAL detail: group suit, column total, 1 vs 2');

-- 2019 format: row 3.6 counts (3.7 = 1 but 3.1 + 3.6 = 2)
SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-a'), 2020,
	'2019|1:2,0,0,0,0,0,2|3.1:1,0,0,0,0,0,1|3.6:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,1')$$,
	'23514', 'annual report violates rule P3-HANDLED-TOTAL', 'INSERT of a 2019 report breaking P3-HANDLED-TOTAL via row 3.6: 23514');
-- a blank total with non-zero parts is rejected too
SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, appeals) VALUES (pg_temp.aid('st-a'), 2021,
	'review:1,,,,|suit:,,,,|suit_after_review:,,,,')$$,
	'23514', 'annual report violates rule P4-TOTAL', 'INSERT with a blank 四 total next to upheld 1: 23514');
SELECT is(pg_temp.stored('st-a'), 0::bigint, 'nothing was stored by the rejected INSERTs');

------------------------------------------------------------------------------
-- Balancing rules through UPDATE
------------------------------------------------------------------------------
SELECT lives_ok($$INSERT INTO govinfo.annual_report (agency_id, year, requests, appeals) VALUES (pg_temp.aid('st-a'), 2021,
	pg_temp.req('2021', 2, 0, 1), 'review:1,0,0,0,1|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0')$$,
	'a balanced report is stored');
SELECT throws_ok($$UPDATE govinfo.annual_report SET requests = '2021|1:2,0,0,0,0,0,2|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:2,0,0,0,0,0,2'
	WHERE agency_id = pg_temp.aid('st-a') AND year = 2021$$,
	'23514', 'annual report violates rule P3-BALANCE', 'UPDATE breaking P3-BALANCE: 23514');
SELECT throws_ok($$UPDATE govinfo.annual_report SET requests = '2021|1:2,0,0,0,0,0,2|3.1:2,0,0,0,0,0,2|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,1'
	WHERE agency_id = pg_temp.aid('st-a') AND year = 2021$$,
	'23514', 'annual report violates rule P3-HANDLED-TOTAL', 'UPDATE breaking P3-HANDLED-TOTAL: 23514');
SELECT throws_ok($$UPDATE govinfo.annual_report SET requests = '2021|1:2,0,0,0,0,0,3|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,2'
	WHERE agency_id = pg_temp.aid('st-a') AND year = 2021$$,
	'23514', 'annual report violates rule P3-COLUMN-TOTAL', 'UPDATE breaking P3-COLUMN-TOTAL: 23514');
SELECT throws_ok($$UPDATE govinfo.annual_report SET appeals = 'review:1,1,0,0,1|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0'
	WHERE agency_id = pg_temp.aid('st-a') AND year = 2021$$,
	'23514', 'annual report violates rule P4-TOTAL', 'UPDATE breaking P4-TOTAL: 23514');
SELECT matches(pg_temp.err_detail($$UPDATE govinfo.annual_report SET appeals = 'review:1,1,0,0,1|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0'
	WHERE agency_id = pg_temp.aid('st-a') AND year = 2021$$),
	'agency "st-a".*year 2021, appeals, row review, column total: expected 2, found 1', 'UPDATE P4-TOTAL detail: group review, 2 vs 1');
SELECT results_eq($$SELECT requests::text, appeals::text FROM govinfo.annual_report WHERE agency_id = pg_temp.aid('st-a')$$,
	$$SELECT pg_temp.req('2021', 2, 0, 1)::text, 'review:1,0,0,0,1|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0'::govinfo.appeal_figures::text$$,
	'the rejected UPDATEs left the stored report unchanged');

------------------------------------------------------------------------------
-- Format: default from the year, mismatch rejected
------------------------------------------------------------------------------
INSERT INTO govinfo.annual_report (agency_id, year) VALUES (pg_temp.aid('st-f'), 2019), (pg_temp.aid('st-f'), 2020), (pg_temp.aid('st-f'), 2021), (pg_temp.aid('st-f'), 2024);
SELECT results_eq($$SELECT year, format, source FROM govinfo.annual_report WHERE agency_id = pg_temp.aid('st-f') ORDER BY year$$,
	$$VALUES (2019, '2019', 'entered'), (2020, '2019', 'entered'), (2021, '2021', 'entered'), (2024, '2021', 'entered')$$,
	'format defaults from the year: 2019-2020 -> 2019, 2021 on -> 2021; source defaults to entered');
SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-f'), 2022, pg_temp.req('2019', 1, 0, 0))$$,
	'23514', 'annual report requests are in format 2019 but the report is in format 2021', '2019-format requests in a 2022 report: 23514');
SELECT throws_ok($$UPDATE govinfo.annual_report SET requests = pg_temp.req('2021', 1, 0, 0) WHERE agency_id = pg_temp.aid('st-f') AND year = 2020$$,
	'23514', 'annual report requests are in format 2021 but the report is in format 2019', 'UPDATE to 2021-format requests in a 2020 report: 23514');
SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, format, requests) VALUES (pg_temp.aid('st-f'), 2023, '2019', pg_temp.req('2021', 1, 0, 0))$$,
	'23514', 'annual report requests are in format 2021 but the report is in format 2019', 'explicit format 2019 with 2021 requests: 23514');
SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, disclosures) VALUES (pg_temp.aid('st-a'), 2020, '2021|2.6.1:24')$$,
	'23514', 'annual report disclosures are in format 2021 but the report is in format 2019', 'disclosures cannot be stored in a 2019-format report');
SELECT lives_ok($$INSERT INTO govinfo.annual_report (agency_id, year, format, requests) VALUES (pg_temp.aid('st-f'), 2023, '2019', pg_temp.req('2019', 1, 0, 0))$$,
	'an explicit format overrides the default');

------------------------------------------------------------------------------
-- Keys
------------------------------------------------------------------------------
SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year) VALUES (pg_temp.aid('st-f'), 2021)$$,
	'23505', NULL, 'a second report for the same agency and year: 23505');
SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year) VALUES (-42, 2021)$$,
	'23503', NULL, 'a report of an unknown agency_id: 23503');

------------------------------------------------------------------------------
-- P3-CARRY: row 2 of year Y = row 4 of year Y-1
------------------------------------------------------------------------------
-- st-c: 2021 (row 4 = 2) first, then a 2022 carrying in 3
INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-c'), 2021, pg_temp.req('2021', 4, 0, 2));
SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-c'), 2022, pg_temp.req('2021', 1, 3, 0))$$,
	'23514', 'annual report violates rule P3-CARRY', 'INSERT of Y whose row 2 differs from row 4 of Y-1: 23514');
SELECT matches(pg_temp.err_detail($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-c'), 2022, pg_temp.req('2021', 1, 3, 0))$$),
	'agency "st-c".*years 2021 and 2022, column np: row 2 of 2022 is 3 but row 4 of 2021 is 2', 'P3-CARRY detail: agency, both years, column, both numbers');
SELECT is(pg_temp.stored('st-c'), 1::bigint, 'the rejected 2022 report was not stored');
SELECT lives_ok($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-c'), 2022, pg_temp.req('2021', 1, 2, 0))$$,
	'a 2022 report carrying in exactly row 4 of 2021 is accepted');

-- st-d: 2022 (row 2 = 3) first, then a 2021 carrying out 2
INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-d'), 2022, pg_temp.req('2021', 1, 3, 0));
SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-d'), 2021, pg_temp.req('2021', 4, 0, 2))$$,
	'23514', 'annual report violates rule P3-CARRY', 'INSERT of Y-1 whose row 4 differs from row 2 of Y: 23514');
SELECT matches(pg_temp.err_detail($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-d'), 2021, pg_temp.req('2021', 4, 0, 2))$$),
	'agency "st-d".*years 2021 and 2022, column np: row 2 of 2022 is 3 but row 4 of 2021 is 2', 'P3-CARRY detail when the earlier year comes second');
SELECT is(pg_temp.stored('st-d'), 1::bigint, 'the rejected 2021 report was not stored');
-- a mismatch in another column is named by that column
SELECT matches(pg_temp.err_detail($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-d'), 2021,
	'2021|1:4,1,0,0,0,0,5|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:3,1,0,0,0,0,4')$$),
	'years 2021 and 2022, column biz: row 2 of 2022 is 0 but row 4 of 2021 is 1', 'P3-CARRY detail names column biz');
SELECT lives_ok($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-d'), 2021, pg_temp.req('2021', 4, 0, 3))$$,
	'a 2021 report carrying out exactly row 2 of 2022 is accepted');

-- UPDATE of either year
SELECT throws_ok($$UPDATE govinfo.annual_report SET requests = pg_temp.req('2021', 4, 0, 1) WHERE agency_id = pg_temp.aid('st-c') AND year = 2021$$,
	'23514', 'annual report violates rule P3-CARRY', 'UPDATE of row 4 of Y-1 away from row 2 of Y: 23514');
SELECT throws_ok($$UPDATE govinfo.annual_report SET requests = pg_temp.req('2021', 1, 5, 0) WHERE agency_id = pg_temp.aid('st-c') AND year = 2022$$,
	'23514', 'annual report violates rule P3-CARRY', 'UPDATE of row 2 of Y away from row 4 of Y-1: 23514');
SELECT results_eq($$SELECT year, govinfo.cell(requests, '2', 'np'), govinfo.cell(requests, '4', 'np') FROM govinfo.annual_report
	WHERE agency_id = pg_temp.aid('st-c') ORDER BY year$$,
	$$VALUES (2021, 0, 2), (2022, 2, 0)$$, 'the rejected UPDATEs left both years unchanged');
SELECT lives_ok($$UPDATE govinfo.annual_report SET requests = CASE year WHEN 2021 THEN pg_temp.req('2021', 4, 0, 1) ELSE pg_temp.req('2021', 1, 1, 0) END
	WHERE agency_id = pg_temp.aid('st-c') AND year IN (2021, 2022)$$,
	'one UPDATE changing both years consistently is accepted');

-- DELETE then INSERT of the later year
DELETE FROM govinfo.annual_report WHERE agency_id = pg_temp.aid('st-c') AND year = 2022;
SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-c'), 2022, pg_temp.req('2021', 1, 4, 0))$$,
	'23514', 'annual report violates rule P3-CARRY', 'DELETE then INSERT of Y with a mismatching row 2: 23514');
SELECT lives_ok($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-c'), 2022, pg_temp.req('2021', 1, 1, 0))$$,
	'DELETE then INSERT of Y with a matching row 2 is accepted');

-- NULL requests skip the check, as does a gap between years
SELECT lives_ok($$INSERT INTO govinfo.annual_report (agency_id, year) VALUES (pg_temp.aid('st-c'), 2023)$$,
	'a report without table 三 next to one with row 4 = 0 is accepted');
SELECT lives_ok($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-c'), 2024, pg_temp.req('2021', 0, 7, 0))$$,
	'a report after a year with NULL requests is not checked against it');
SELECT throws_ok($$UPDATE govinfo.annual_report SET requests = pg_temp.req('2021', 3, 2, 0) WHERE agency_id = pg_temp.aid('st-c') AND year = 2023$$,
	'23514', 'annual report violates rule P3-CARRY', 'filling in the NULL year later is checked against both neighbours');
SELECT lives_ok($$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-c'), 2026, pg_temp.req('2021', 0, 9, 0))$$,
	'a report two years after the last one is not checked');

-- across formats: 2020 (format 2019) carries into 2021 (format 2021)
INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (pg_temp.aid('st-d'), 2020, pg_temp.req('2019', 2, 0, 0));
SELECT throws_ok($$UPDATE govinfo.annual_report SET requests = pg_temp.req('2019', 2, 0, 1) WHERE agency_id = pg_temp.aid('st-d') AND year = 2020$$,
	'23514', 'annual report violates rule P3-CARRY', 'row 4 of a 2019-format 2020 report is checked against row 2 of 2021');
SELECT lives_ok($$UPDATE govinfo.annual_report SET requests = CASE year WHEN 2020 THEN pg_temp.req('2019', 2, 0, 1) ELSE pg_temp.req('2021', 4, 1, 3) END
	WHERE agency_id = pg_temp.aid('st-d') AND year IN (2020, 2021)$$,
	'matching 2020 (format 2019) and 2021 (format 2021) are accepted');

-- deferred: fix both years in two statements
SET CONSTRAINTS govinfo.annual_report_p3_carry DEFERRED;
SELECT lives_ok($$UPDATE govinfo.annual_report SET requests = pg_temp.req('2021', 4, 0, 2) WHERE agency_id = pg_temp.aid('st-c') AND year = 2021$$,
	'deferred: changing row 4 of 2021 alone is accepted for now');
SELECT throws_ok('SET CONSTRAINTS govinfo.annual_report_p3_carry IMMEDIATE',
	'23514', 'annual report violates rule P3-CARRY', 'deferred: the pending check still fails while 2022 disagrees');
SELECT lives_ok($$UPDATE govinfo.annual_report SET requests = pg_temp.req('2021', 1, 2, 0) WHERE agency_id = pg_temp.aid('st-c') AND year = 2022$$,
	'deferred: then changing row 2 of 2022 is accepted');
SELECT lives_ok('SET CONSTRAINTS govinfo.annual_report_p3_carry IMMEDIATE', 'deferred: the pending checks pass once both years agree');
SELECT results_eq($$SELECT govinfo.cell(requests, '4', 'np') FROM govinfo.annual_report WHERE agency_id = pg_temp.aid('st-c') AND year = 2021
	UNION ALL SELECT govinfo.cell(requests, '2', 'np') FROM govinfo.annual_report WHERE agency_id = pg_temp.aid('st-c') AND year = 2022$$,
	$$VALUES (2), (2)$$, 'deferred: both years hold the new carry-over');

------------------------------------------------------------------------------
-- report_table2/3/4 of stored reports
------------------------------------------------------------------------------
INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES
	(pg_temp.aid('st-r'), 2020, '2019|1:2,0,0,0,0,0,2|3.6:0,0,0,0,0,0,0|3.7:0,0,0,0,0,0,0|4:2,0,0,0,0,0,2'),
	(pg_temp.aid('st-r'), 2022, NULL);
INSERT INTO govinfo.annual_report (agency_id, year, disclosures, requests, appeals) VALUES
	(pg_temp.aid('st-r'), 2021, '2021|2.1.1:1,0,5|2.6.1:24|2.8.1:1.5',
	 '2021|1:3,1,0,0,0,0,4|2:2,0,0,0,0,0,2|3.1:2,1,0,0,0,0,3|3.6.2:1,0,0,0,0,0,1|3.7:3,1,0,0,0,0,4|4:2,0,0,0,0,0,2',
	 'review:1,0,0,1,2|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0');

SELECT is((SELECT count(*) FROM govinfo.report_table3('st-r', 2021)), 30::bigint, 'report_table3 of a 2021 report: 30 rows');
SELECT is((SELECT count(*) FROM govinfo.report_table3('st-r', 2020)), 27::bigint, 'report_table3 of a 2020 (2019-format) report: 27 rows');
SELECT results_eq($$SELECT row_code, np, biz, total FROM govinfo.report_table3('st-r', 2021) WHERE row_code IN ('2', '3.3', '3.6.2', '3.7')$$,
	$$VALUES ('2', 2, 0, 2), ('3.3', NULL, NULL, NULL), ('3.6.2', 1, 0, 1), ('3.7', 3, 1, 4)$$,
	'report_table3: stored cells, and a group label row with NULL numbers');
SELECT results_eq($$SELECT * FROM govinfo.report_table3('st-r', 2021, 'en')$$,
	$$SELECT t.* FROM govinfo.annual_report r, govinfo.table3(r.requests, 'en') t WHERE r.agency_id = pg_temp.aid('st-r') AND r.year = 2021$$,
	'report_table3 equals table3() of the stored figures');
SELECT is((SELECT label FROM govinfo.report_table3('st-r', 2021) WHERE row_code = '1'), '一、本年新收政府信息公开申请数量', 'report_table3: Chinese labels by default');
SELECT is((SELECT label FROM govinfo.report_table3('st-r', 2021, lang => 'en') WHERE row_code = '1'), 'new this year', 'report_table3: English labels');
SELECT is((SELECT np FROM govinfo.report_table3('st-r', 2020) WHERE row_code = '4'), 2, 'report_table3 of a 2019-format report: row 4');
SELECT results_eq($$SELECT group_code, upheld, pending, total FROM govinfo.report_table4('st-r', 2021)$$,
	$$VALUES ('review', 1, 1, 2), ('suit', 0, 0, 0), ('suit_after_review', 0, 0, 0)$$, 'report_table4: three groups with stored cells');
SELECT is((SELECT label FROM govinfo.report_table4('st-r', 2021, 'en') WHERE group_code = 'review'), 'administrative reconsideration', 'report_table4: English label');
SELECT is((SELECT count(*) FROM govinfo.report_table2('st-r', 2021)), 10::bigint, 'report_table2: 10 rows');
SELECT results_eq($$SELECT row_code, issued, in_force, decisions, amount FROM govinfo.report_table2('st-r', 2021) WHERE row_code IN ('2.1.1', '2.6.1', '2.8.1')$$,
	$$VALUES ('2.1.1', 1::bigint, 5::bigint, NULL::bigint, NULL::numeric), ('2.6.1', NULL, NULL, 24, NULL), ('2.8.1', NULL, NULL, NULL, 1.5)$$,
	'report_table2: stored counts and amount');
SELECT is((SELECT label FROM govinfo.report_table2('st-r', 2021, 'en') WHERE row_code = '2.6.1'), 'administrative penalties', 'report_table2: English label');

-- errors
SELECT throws_ok($$SELECT * FROM govinfo.report_table3('st-nobody', 2021)$$, '42704', 'unknown agency "st-nobody"', 'report_table3 of an unknown agency: 42704');
SELECT throws_ok($$SELECT * FROM govinfo.report_table2('st-nobody', 2021)$$, '42704', 'unknown agency "st-nobody"', 'report_table2 of an unknown agency: 42704');
-- with no stored report the tables are derived from the records (none here: all zero)
SELECT results_eq($$SELECT group_code, total FROM govinfo.report_table4('st-r', 2030)$$,
	$$VALUES ('review', 0), ('suit', 0), ('suit_after_review', 0)$$, 'report_table4 of a year with no stored report is derived');
SELECT throws_ok($$SELECT * FROM govinfo.report_table3('st-r', 2022)$$, 'P0002', 'the annual report of agency "st-r" for year 2022 has no table 三 figures',
	'report_table3 of a report with NULL requests: P0002');
SELECT throws_ok($$SELECT * FROM govinfo.report_table4('st-r', 2020)$$, 'P0002', 'the annual report of agency "st-r" for year 2020 has no table 四 figures',
	'report_table4 of a report with NULL appeals: P0002');
SELECT throws_ok($$SELECT * FROM govinfo.report_table2('st-r', 2020)$$, 'P0002', 'the annual report of agency "st-r" for year 2020 has no table 二 figures',
	'report_table2 of a 2019-format report (no disclosures): P0002');
SELECT throws_ok($$SELECT * FROM govinfo.report_table3('st-r', 2021, 'fr')$$, '22023', NULL, 'report_table3 with an unknown lang: 22023');
SELECT throws_ok($$SELECT * FROM govinfo.report_table4('st-r', 2021, 'fr')$$, '22023', NULL, 'report_table4 with an unknown lang: 22023');

------------------------------------------------------------------------------
-- pg_dump keeps the user data of the extension's tables
------------------------------------------------------------------------------
SELECT ok((SELECT extconfig @> ARRAY['govinfo.agency'::regclass::oid, 'govinfo.annual_report'::regclass::oid]
	FROM pg_extension WHERE extname = 'govinfo'), 'agency and annual_report are registered with pg_extension_config_dump');

SELECT * FROM finish();
ROLLBACK;
