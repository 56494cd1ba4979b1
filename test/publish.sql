-- pgTAP: publishing annual reports — publish_report, the lock on the records and on the stored
-- report (55000), what stays allowed, refresh_reports skipping published reports, reopen_report
-- and the versions it keeps, and the errors of both.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(100);

INSERT INTO agency (agency_id, code, name) VALUES
	(9930001, 'tpubt-a', 'Publish A'), (9930002, 'tpubt-b', 'Publish B: other agency'), (9930003, 'tpubt-c', 'Publish C: entered report');

-- records of tpubt-a: for 2020 only, 2021 only, 2022 only, and one open application from 2020 on
INSERT INTO application (application_id, agency_id, received_on, applicant, outcome, closed_on, subject) VALUES
	(99300001, 9930001, '2021-03-01', 'np', '3.1', '2021-04-01', 'P1 in 2021'),
	(99300002, 9930001, '2020-11-01', 'biz', NULL, NULL, 'P2 open since 2020'),
	(99300003, 9930001, '2022-02-01', 'res', '3.2', '2022-03-01', 'P3 in 2022'),
	(99300004, 9930001, '2020-02-01', 'np', '3.1', '2020-03-01', 'P4 in 2020'),
	(99300005, 9930002, '2021-03-01', 'law', '3.1', '2021-04-01', 'B in 2021'),
	(99300006, 9930003, '2021-03-01', 'oth', NULL, NULL, 'C in 2021');
INSERT INTO appeal_case (case_id, agency_id, kind, filed_on, result, concluded_on) VALUES
	(99300001, 9930001, 'review', '2021-05-01', 'upheld', '2021-06-01'), (99300002, 9930001, 'suit', '2022-05-01', NULL, NULL),
	(99300003, 9930001, 'suit', '2020-01-01', 'other', '2020-02-01');
INSERT INTO normative_document (doc_id, agency_id, kind, title, issued_on, abolished_on) VALUES
	(99300001, 9930001, 'rule', 'D1', '2021-01-01', NULL), (99300002, 9930001, 'rule', 'D2', '2022-06-01', NULL),
	(99300003, 9930001, 'normative', 'D3', '2019-01-01', '2020-06-01');
INSERT INTO decision_count (agency_id, kind, decided_on, n) VALUES
	(9930001, 'licensing', '2021-03-01', 2), (9930001, 'licensing', '2022-03-01', 3), (9930001, 'penalty', '2020-03-01', 4);
INSERT INTO fee_receipt (agency_id, received_on, amount_yuan) VALUES
	(9930001, '2021-03-01', 10), (9930001, '2022-03-01', 20), (9930001, '2020-03-01', 30);

DO $$ BEGIN PERFORM govinfo.refresh_report('tpubt-a', y) FROM generate_series(2020, 2022) y; PERFORM govinfo.refresh_report('tpubt-b', 2021); END $$;
INSERT INTO annual_report (agency_id, year, requests, source) VALUES (9930003, 2021, '2021|1:0,0,0,0,0,5,5|4:0,0,0,0,0,5,5', 'entered');

-- the message of the lock on tpubt-a 2021
CREATE FUNCTION pg_temp.locked(stmt text, what text) RETURNS text LANGUAGE sql AS
	$$ SELECT throws_ok(stmt, '55000', 'the annual report of agency "tpubt-a" for year 2021 is published', what) $$;
\ir lib/errors.sql
CREATE FUNCTION pg_temp.pub(y int) RETURNS timestamptz LANGUAGE sql AS
	$$ SELECT published_at FROM govinfo.annual_report WHERE agency_id = 9930001 AND year = y $$;

------------------------------------------------------------------------------
-- publish_report: errors, and re-derivation of a derived report
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT govinfo.publish_report('tpubt-a', 2019)$$, 'P0002', NULL, 'publish_report: no stored report is P0002');
SELECT throws_ok($$SELECT govinfo.publish_report('tpubt-nope', 2021)$$, '42704', NULL, 'publish_report: unknown agency is 42704');
-- a record written after the refresh: publishing re-derives
INSERT INTO application (application_id, agency_id, received_on, applicant, outcome, closed_on) VALUES (99300007, 9930001, '2021-08-01', 'npo', '3.3.1', '2021-09-01');
SELECT is(cell((SELECT requests FROM annual_report WHERE agency_id = 9930001 AND year = 2021), '3.3.1', 'npo'), 0, 'the stored report predates the new application');
SELECT is(publish_report('tpubt-a', 2021), now(), 'publish_report returns the publication time');
SELECT is(pg_temp.pub(2021), now(), 'published_at is set');
SELECT is(cell((SELECT requests FROM annual_report WHERE agency_id = 9930001 AND year = 2021), '3.3.1', 'npo'), 1, 'publishing re-derived the figures: the new application is in');
SELECT is((SELECT requests::text || disclosures::text || appeals::text FROM annual_report WHERE agency_id = 9930001 AND year = 2021),
	(SELECT requests::text || disclosures::text || appeals::text FROM derive_report('tpubt-a', 2021)), 'the published figures are the derived ones');
SELECT is(pg_temp.pub(2020), NULL, 'other years are not published');
SELECT throws_ok($$SELECT govinfo.publish_report('tpubt-a', 2021)$$, '55000', NULL, 'publishing twice is 55000');
CREATE TEMP TABLE published1 AS SELECT format, requests::text AS r, disclosures::text AS d, appeals::text AS a, published_at FROM annual_report WHERE agency_id = 9930001 AND year = 2021;

------------------------------------------------------------------------------
-- The lock on the records of tpubt-a 2021
------------------------------------------------------------------------------
-- application
SELECT pg_temp.locked($$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9930001, '2021-07-01', 'np')$$, 'application: INSERT received in 2021');
SELECT pg_temp.locked($$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9930001, '2019-01-01', 'np')$$, 'application: INSERT of an open one received in 2019');
SELECT pg_temp.locked($$INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on) VALUES (9930001, '2020-06-01', 'np', '3.1', '2021-01-01')$$, 'application: INSERT closed 1 Jan 2021');
SELECT pg_temp.locked($$INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on) VALUES (9930001, '2021-12-31', 'np', '3.1', '2022-01-01')$$, 'application: INSERT received 31 Dec 2021');
SELECT pg_temp.locked($$UPDATE govinfo.application SET outcome = '3.2' WHERE application_id = 99300001$$, 'application: UPDATE of the outcome');
SELECT pg_temp.locked($$UPDATE govinfo.application SET applicant = 'biz' WHERE application_id = 99300001$$, 'application: UPDATE of the applicant');
SELECT lives_ok($$UPDATE govinfo.application SET closed_on = '2021-04-02' WHERE application_id = 99300001$$, 'application: UPDATE of closed_on within 2021 leaves the 2021 figures as they are');
SELECT pg_temp.locked($$UPDATE govinfo.application SET received_on = '2022-01-01', outcome = '3.1', closed_on = '2022-01-02' WHERE application_id = 99300001$$, 'application: UPDATE moving it out of 2021');
SELECT pg_temp.locked($$UPDATE govinfo.application SET received_on = '2021-01-05' WHERE application_id = 99300003$$, 'application: UPDATE moving one of 2022 into 2021');
SELECT pg_temp.locked($$UPDATE govinfo.application SET agency_id = 9930001 WHERE application_id = 99300005$$, 'application: UPDATE moving one of agency B to A');
SELECT pg_temp.locked($$DELETE FROM govinfo.application WHERE application_id = 99300001$$, 'application: DELETE');
SELECT pg_temp.locked($$DELETE FROM govinfo.application WHERE application_id = 99300002$$, 'application: DELETE of the one open since 2020');
SELECT pg_temp.locked($$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9930002, '2021-07-01', 'np'), (9930001, '2021-07-01', 'np')$$,
	'application: one locked row in a multi-row INSERT');
SELECT is(pg_temp.err_detail($$UPDATE govinfo.fee_receipt SET amount_yuan = 0 WHERE agency_id = 9930001$$),
	'This UPDATE of table fee_receipt would change its published figures.', 'the DETAIL of the lock error names the operation and the table');
-- appeal_case
SELECT pg_temp.locked($$INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on) VALUES (9930001, 'review', '2021-10-01')$$, 'appeal_case: INSERT filed in 2021');
SELECT pg_temp.locked($$INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on) VALUES (9930001, 'review', '2020-10-01')$$, 'appeal_case: INSERT pending since 2020');
SELECT pg_temp.locked($$UPDATE govinfo.appeal_case SET result = 'corrected' WHERE case_id = 99300001$$, 'appeal_case: UPDATE of the result');
SELECT pg_temp.locked($$DELETE FROM govinfo.appeal_case WHERE case_id = 99300001$$, 'appeal_case: DELETE');
-- normative_document
SELECT pg_temp.locked($$INSERT INTO govinfo.normative_document (agency_id, kind, title, issued_on) VALUES (9930001, 'rule', 'X', '2021-12-31')$$, 'normative_document: INSERT issued in 2021');
SELECT pg_temp.locked($$INSERT INTO govinfo.normative_document (agency_id, kind, title, issued_on) VALUES (9930001, 'rule', 'X', '2018-01-01')$$, 'normative_document: INSERT in force since 2018');
SELECT pg_temp.locked($$UPDATE govinfo.normative_document SET kind = 'normative' WHERE doc_id = 99300001$$, 'normative_document: UPDATE of the kind');
SELECT pg_temp.locked($$UPDATE govinfo.normative_document SET abolished_on = '2021-06-01' WHERE doc_id = 99300001$$, 'normative_document: UPDATE abolishing it in 2021');
SELECT pg_temp.locked($$DELETE FROM govinfo.normative_document WHERE doc_id = 99300001$$, 'normative_document: DELETE');
-- decision_count
SELECT pg_temp.locked($$INSERT INTO govinfo.decision_count (agency_id, kind, decided_on) VALUES (9930001, 'coercion', '2021-12-31')$$, 'decision_count: INSERT decided in 2021');
SELECT pg_temp.locked($$UPDATE govinfo.decision_count SET n = 5 WHERE agency_id = 9930001 AND decided_on = '2021-03-01'$$, 'decision_count: UPDATE of n');
SELECT pg_temp.locked($$UPDATE govinfo.decision_count SET decided_on = '2021-03-01' WHERE agency_id = 9930001 AND decided_on = '2022-03-01'$$, 'decision_count: UPDATE moving one of 2022 into 2021');
SELECT pg_temp.locked($$DELETE FROM govinfo.decision_count WHERE agency_id = 9930001 AND decided_on = '2021-03-01'$$, 'decision_count: DELETE');
-- fee_receipt
SELECT pg_temp.locked($$INSERT INTO govinfo.fee_receipt (agency_id, received_on, amount_yuan) VALUES (9930001, '2021-01-01', 1)$$, 'fee_receipt: INSERT received in 2021');
SELECT pg_temp.locked($$UPDATE govinfo.fee_receipt SET amount_yuan = 11 WHERE agency_id = 9930001 AND received_on = '2021-03-01'$$, 'fee_receipt: UPDATE of the amount');
SELECT pg_temp.locked($$DELETE FROM govinfo.fee_receipt WHERE agency_id = 9930001 AND received_on = '2021-03-01'$$, 'fee_receipt: DELETE');
SELECT is((SELECT count(*) FROM application WHERE agency_id = 9930001), 5::bigint, 'no application of tpubt-a was written or removed');

-- changes that touch a record counting in the published year but leave that year's figures as they are
SELECT lives_ok($$UPDATE govinfo.application SET outcome = '3.1', closed_on = '2022-05-01' WHERE application_id = 99300002$$, 'closing in 2022 an application carried through 2021');
SELECT lives_ok($$UPDATE govinfo.normative_document SET abolished_on = '2023-01-01' WHERE doc_id = 99300001$$, 'abolishing in 2023 a rule in force in 2021');
SELECT pg_temp.locked($$UPDATE govinfo.application SET outcome = '3.1', closed_on = '2021-05-01' WHERE application_id = 99300002$$, 'closing it in 2021 instead is refused');

------------------------------------------------------------------------------
-- What stays allowed
------------------------------------------------------------------------------
SELECT lives_ok($$UPDATE govinfo.application SET subject = 'renamed', channel = 'letter', fee_yuan = 5, extended = true, corrected_on = '2021-03-02'
	WHERE application_id = 99300001$$, 'application: UPDATE of subject, channel, fee, extended, corrected_on');
SELECT is((SELECT subject FROM application WHERE application_id = 99300001), 'renamed', '... is written');
SELECT lives_ok($$UPDATE govinfo.application SET applicant = 'oth' WHERE application_id IN (99300001, 99300007) AND false$$, 'an UPDATE of no row');
SELECT lives_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9930001, '2022-01-01', 'np')$$, 'application: INSERT received in 2022');
SELECT lives_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on) VALUES (9930001, '2019-01-01', 'np', '3.1', '2020-12-31')$$, 'application: INSERT closed 31 Dec 2020');
SELECT lives_ok($$UPDATE govinfo.application SET outcome = '3.2' WHERE application_id = 99300003$$, 'application: UPDATE of one of 2022');
SELECT lives_ok($$DELETE FROM govinfo.application WHERE application_id = 99300004$$, 'application: DELETE of one of 2020');
SELECT lives_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9930002, '2021-07-01', 'np')$$, 'application: INSERT for agency B in 2021');
SELECT lives_ok($$UPDATE govinfo.application SET outcome = '3.2' WHERE application_id = 99300005$$, 'application: UPDATE for agency B in 2021');
SELECT lives_ok($$INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on) VALUES (9930001, 'review', '2022-01-01')$$, 'appeal_case: INSERT filed in 2022');
SELECT lives_ok($$DELETE FROM govinfo.appeal_case WHERE case_id = 99300003$$, 'appeal_case: DELETE of one concluded in 2020');
SELECT lives_ok($$UPDATE govinfo.normative_document SET title = 'D1 renamed', doc_number = '7' WHERE doc_id = 99300001$$, 'normative_document: UPDATE of title and number');
SELECT lives_ok($$DELETE FROM govinfo.normative_document WHERE doc_id = 99300003$$, 'normative_document: DELETE of one abolished in 2020');
SELECT lives_ok($$UPDATE govinfo.decision_count SET n = 9 WHERE agency_id = 9930001 AND decided_on = '2022-03-01'$$, 'decision_count: UPDATE in 2022');
SELECT lives_ok($$INSERT INTO govinfo.fee_receipt (agency_id, received_on, amount_yuan) VALUES (9930001, '2020-12-31', 1), (9930002, '2021-01-01', 1)$$, 'fee_receipt: INSERT in 2020 and for agency B');
SELECT lives_ok($$UPDATE govinfo.annual_report SET overview = 'text' WHERE agency_id = 9930001 AND year = 2021$$, 'annual_report: UPDATE of the overview');
SELECT lives_ok($$SELECT govinfo.refresh_report('tpubt-a', 2022)$$, 'refresh_report of another year');

------------------------------------------------------------------------------
-- The lock on the stored report
------------------------------------------------------------------------------
SELECT throws_like($$UPDATE govinfo.annual_report SET requests = govinfo.complete('2021|1:1,0,0,0,0,0,1|4:1,0,0,0,0,0,1'::govinfo.request_figures) WHERE agency_id = 9930001 AND year = 2021$$,
	'%for year 2021 is published', 'annual_report: UPDATE of requests');
SELECT throws_ok($$UPDATE govinfo.annual_report SET disclosures = NULL WHERE agency_id = 9930001 AND year = 2021$$, '55000', NULL, 'annual_report: UPDATE of disclosures');
SELECT throws_ok($$UPDATE govinfo.annual_report SET appeals = 'review:1,0,0,0,1' WHERE agency_id = 9930001 AND year = 2021$$, '55000', NULL, 'annual_report: UPDATE of appeals');
SELECT throws_ok($$UPDATE govinfo.annual_report SET format = '2019' WHERE agency_id = 9930001 AND year = 2021$$, '55000', NULL, 'annual_report: UPDATE of format');
SELECT throws_ok($$UPDATE govinfo.annual_report SET year = 2023 WHERE agency_id = 9930001 AND year = 2021$$, '55000', NULL, 'annual_report: UPDATE of year');
SELECT throws_ok($$UPDATE govinfo.annual_report SET agency_id = 9930002 WHERE agency_id = 9930001 AND year = 2021$$, '55000', NULL, 'annual_report: UPDATE of agency_id');
SELECT throws_ok($$DELETE FROM govinfo.annual_report WHERE agency_id = 9930001 AND year = 2021$$, '55000', NULL, 'annual_report: DELETE');
SELECT throws_ok($$UPDATE govinfo.annual_report SET published_at = NULL WHERE agency_id = 9930001 AND year = 2021$$, '55000', NULL, 'annual_report: clearing published_at directly');
SELECT throws_ok($$SELECT govinfo.refresh_report('tpubt-a', 2021)$$, '55000', NULL, 'refresh_report of the published year');
SELECT is((SELECT format || requests::text || disclosures::text || appeals::text FROM annual_report WHERE agency_id = 9930001 AND year = 2021),
	(SELECT format || r || d || a FROM published1), 'the published figures are unchanged');

-- refresh_reports skips published reports: tpubt-a (derived) and tpubt-c (entered, published without re-derivation)
SELECT is(publish_report('tpubt-c', 2021), now(), 'an entered report is published');
SELECT is((SELECT requests::text FROM annual_report WHERE agency_id = 9930003), '2021|1:0,0,0,0,0,5,5|4:0,0,0,0,0,5,5'::request_figures::text, '... as entered, not re-derived');
SELECT is(refresh_reports(2021), (SELECT count(*) FROM derived_reports(2021) d
	WHERE NOT EXISTS (SELECT 1 FROM annual_report r WHERE r.agency_id = d.agency_id AND r.year = 2021 AND r.published_at IS NOT NULL)),
	'refresh_reports(2021) writes every agency but the published ones');
SELECT is((SELECT source || requests::text FROM annual_report WHERE agency_id = 9930003), 'entered' || '2021|1:0,0,0,0,0,5,5|4:0,0,0,0,0,5,5'::request_figures::text, 'tpubt-c is left as entered');
SELECT is((SELECT requests::text FROM annual_report WHERE agency_id = 9930001 AND year = 2021), (SELECT r FROM published1), 'tpubt-a 2021 is left as published');
SELECT is(cell((SELECT requests FROM annual_report WHERE agency_id = 9930002 AND year = 2021), '1', 'total'), 2, 'tpubt-b 2021 was refreshed');

------------------------------------------------------------------------------
-- reopen_report
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT govinfo.reopen_report('tpubt-a', 2021, '')$$, '22023', NULL, 'reopen_report: empty reason');
SELECT throws_ok($$SELECT govinfo.reopen_report('tpubt-a', 2021, '  ')$$, '22023', NULL, 'reopen_report: blank reason');
SELECT throws_ok($$SELECT govinfo.reopen_report('tpubt-a', 2021, NULL)$$, '22023', NULL, 'reopen_report: NULL reason');
SELECT throws_ok($$SELECT govinfo.reopen_report('tpubt-a', 2022, 'why')$$, '55000', NULL, 'reopen_report: a stored report that is not published');
SELECT throws_ok($$SELECT govinfo.reopen_report('tpubt-a', 2019, 'why')$$, '55000', NULL, 'reopen_report: no stored report');
SELECT throws_ok($$SELECT govinfo.reopen_report('tpubt-nope', 2021, 'why')$$, '42704', NULL, 'reopen_report: unknown agency');
SELECT is(reopen_report('tpubt-a', 2021, 'a late application'), 1, 'reopen_report returns version 1');
SELECT is(pg_temp.pub(2021), NULL, 'published_at is cleared');
SELECT is((SELECT format || requests::text || disclosures::text || appeals::text || published_at::text || reason FROM report_version WHERE agency_id = 9930001 AND year = 2021 AND version = 1),
	(SELECT format || r || d || a || published_at::text || 'a late application' FROM published1), 'version 1 keeps the published figures, time and reason');
SELECT lives_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on) VALUES (9930001, '2021-07-01', 'law', '3.4.1', '2021-07-02')$$,
	'after reopening, a 2021 application can be inserted');
SELECT lives_ok($$UPDATE govinfo.application SET applicant = 'res' WHERE application_id = 99300001$$, '... and one updated');
SELECT lives_ok($$SELECT govinfo.refresh_report('tpubt-a', 2021)$$, '... and the report refreshed');
SELECT throws_ok($$SELECT govinfo.reopen_report('tpubt-a', 2021, 'again')$$, '55000', NULL, 'reopening twice is 55000');
SELECT is(publish_report('tpubt-a', 2021), now(), 'publish again');
SELECT pg_temp.locked($$DELETE FROM govinfo.application WHERE application_id = 99300001$$, 'locked again after the second publication');
SELECT is(reopen_report('tpubt-a', 2021, 'second fix'), 2, 'reopen again: version 2');
SELECT is((SELECT array_agg(version ORDER BY version) FROM report_version WHERE agency_id = 9930001 AND year = 2021), ARRAY[1, 2], 'two versions kept');
SELECT is((SELECT cell(requests, '3.4.1', 'law') || '/' || cell(requests, '3.1', 'res') FROM report_version WHERE agency_id = 9930001 AND version = 2), '1/1',
	'version 2 has the figures of the second publication');
SELECT isnt((SELECT requests::text FROM report_version WHERE agency_id = 9930001 AND version = 2), (SELECT r FROM published1), '... which differ from version 1');
-- only publish_report and reopen_report change published_at, even when an archived version has the same time
SELECT is(publish_report('tpubt-a', 2021), now(), 'publish a third time in the same transaction');
SELECT throws_ok($$UPDATE govinfo.annual_report SET published_at = NULL WHERE agency_id = 9930001 AND year = 2021$$, '55000', NULL,
	'clearing published_at directly is refused although version 1 has the same time');
SELECT throws_ok($$UPDATE govinfo.annual_report SET published_at = published_at - interval '1 day' WHERE agency_id = 9930001 AND year = 2021$$,
	'55000', NULL, 'the publication time cannot change');
SELECT is(reopen_report('tpubt-a', 2021, 'third fix'), 3, 'reopen: version 3');
SELECT throws_ok($$UPDATE govinfo.annual_report SET published_at = now() WHERE agency_id = 9930001 AND year = 2021$$, '55000', NULL,
	'publishing by a direct UPDATE is refused');

SELECT * FROM finish();
ROLLBACK;
