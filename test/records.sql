-- pgTAP: the record tables of 0.2.0 — the govinfo.applicant and govinfo.outcome codes (input
-- variants, errors, output, labels, ordering), every CHECK of govinfo.application and the other
-- record tables, the statement-level agency reference of applications, and pg_dump registration.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(117);

-- the number of applications (and other records) written for the test agency
INSERT INTO agency (agency_id, code, name) VALUES (9910901, 'trec-a', 'Records A'), (9910902, 'trec-b', 'Records B');
CREATE FUNCTION pg_temp.apps() RETURNS bigint LANGUAGE sql AS
	$$ SELECT count(*) FROM govinfo.application WHERE agency_id IN (9910901, 9910902, 9919999) $$;
-- an INSERT of one application of agency trec-a with the given extra columns
CREATE FUNCTION pg_temp.app(cols text, vals text) RETURNS text LANGUAGE sql AS
	$$ SELECT format('INSERT INTO govinfo.application (agency_id, received_on, applicant%s) VALUES (9910901, DATE ''2021-03-01'', ''np''%s)',
		CASE WHEN cols = '' THEN '' ELSE ', ' || cols END, CASE WHEN vals = '' THEN '' ELSE ', ' || vals END) $$;

------------------------------------------------------------------------------
-- applicant: codes, English names, Chinese labels; output is the code
------------------------------------------------------------------------------
SELECT is(ARRAY['np', 'biz', 'res', 'npo', 'law', 'oth']::applicant[]::text, '{np,biz,res,npo,law,oth}', 'applicant: the six codes read and print back');
SELECT is('natural person'::applicant::text, 'np', 'applicant: English name');
SELECT is('Commercial_Enterprise'::applicant::text, 'biz', 'applicant: English name with _ and capitals');
SELECT is('LEGAL SERVICE ORGANISATION'::applicant::text, 'law', 'applicant: English name in upper case');
SELECT is('legal_service_organisation'::applicant::text, 'law', 'applicant: English name with _');
SELECT is(ARRAY['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']::applicant[]::text,
	'{np,biz,res,npo,law,oth}', 'applicant: the six Chinese labels');
SELECT is(' 科研 机构 '::applicant::text, 'res', 'applicant: stray spaces in a label');
SELECT throws_ok($$SELECT 'total'::govinfo.applicant$$, '22P02', NULL, 'applicant: total is rejected');
SELECT throws_ok($$SELECT '总计'::govinfo.applicant$$, '22P02', NULL, 'applicant: 总计 is rejected');
SELECT throws_like($$SELECT 'total'::govinfo.applicant$$, '%total column%', 'applicant: the message says total is the total column');
SELECT throws_ok($$SELECT 'nobody'::govinfo.applicant$$, '22P02', 'invalid input syntax for type applicant: "nobody"', 'applicant: unknown name');
SELECT throws_ok($$SELECT ''::govinfo.applicant$$, '22P02', NULL, 'applicant: empty string');
SELECT is(pg_column_size('npo'::applicant), 1, 'applicant: one byte');

------------------------------------------------------------------------------
-- outcome: codes, names, labels and their variants; groups and sum rejected
------------------------------------------------------------------------------
CREATE TEMP TABLE leaf(code text, pos int);
INSERT INTO leaf SELECT c, n FROM unnest('{3.1,3.2,3.3.1,3.3.2,3.3.3,3.3.4,3.3.5,3.3.6,3.3.7,3.3.8,3.4.1,3.4.2,3.4.3,3.5.1,3.5.2,3.5.3,3.5.4,3.5.5,3.6.1,3.6.2,3.6.3}'::text[]) WITH ORDINALITY u(c, n);
SELECT is((SELECT count(*) FROM leaf WHERE code::outcome::text = code), 21::bigint, 'outcome: the 21 leaf codes read and print back');
SELECT is((SELECT count(*) FROM leaf WHERE label(code::outcome)::outcome::text = code), 21::bigint, 'outcome: every official label reads back as its code');
SELECT is((SELECT count(*) FROM leaf WHERE label(code::outcome, 'en')::outcome::text = code), 21::bigint, 'outcome: every English name reads back as its code');
SELECT is('disclosed'::outcome::text, '3.1', 'outcome: English name disclosed');
SELECT is('State_Secret'::outcome::text, '3.3.1', 'outcome: English name with _ and capitals');
SELECT is('（三）1.属于国家秘密'::outcome::text, '3.3.1', 'outcome: label with its group numbering');
SELECT is('属于国家秘密'::outcome::text, '3.3.1', 'outcome: label without its number');
SELECT is('1. 属于国家秘密'::outcome::text, '3.3.1', 'outcome: label with a space after the number');
SELECT is('(二)部分公开'::outcome::text, '3.2', 'outcome: ASCII brackets, no parenthetical');
SELECT is('部分公开'::outcome::text, '3.2', 'outcome: label without number and parenthetical');
SELECT is('(二)部分公开(区分处理的,只计这一情形,不计其他情形)'::outcome::text, '3.2', 'outcome: full label in ASCII punctuation');
SELECT is(' 危及"三安全一稳定" '::outcome::text, '3.3.3', 'outcome: ASCII quotes and surrounding spaces');
SELECT is('重 复 申 请'::outcome::text, '3.5.2', 'outcome: stray spaces inside a label');
SELECT is('3.其他'::outcome::text, '3.6.3', 'outcome: 3.其他 is 3.6.3');
SELECT throws_like($$SELECT '3'::govinfo.outcome$$, '%group row 3 %', 'outcome: group 3 rejected, naming the group');
SELECT throws_like($$SELECT '3.3'::govinfo.outcome$$, '%group row 3.3 %', 'outcome: group 3.3 rejected, naming the group');
SELECT throws_like($$SELECT '3.4'::govinfo.outcome$$, '%group row 3.4 %', 'outcome: group 3.4 rejected');
SELECT throws_like($$SELECT '（五）不予处理'::govinfo.outcome$$, '%group row 3.5 %', 'outcome: group 3.5 by its label rejected');
SELECT throws_like($$SELECT '3.6'::govinfo.outcome$$, '%group row 3.6 %', 'outcome: group 3.6 rejected (a leaf only in 2019)');
SELECT throws_like($$SELECT '3.7'::govinfo.outcome$$, '%sum row 3.7 %', 'outcome: sum 3.7 rejected');
SELECT throws_ok($$SELECT '3.7'::govinfo.outcome$$, '22P02', NULL, 'outcome: sum 3.7 is 22P02');
SELECT throws_ok($$SELECT '3.3'::govinfo.outcome$$, '22P02', NULL, 'outcome: group 3.3 is 22P02');
SELECT throws_ok($$SELECT '3.9'::govinfo.outcome$$, '22P02', 'invalid input syntax for type outcome: "3.9"', 'outcome: unknown code');
SELECT throws_ok($$SELECT '1'::govinfo.outcome$$, '22P02', NULL, 'outcome: row 1 is not an outcome');
SELECT throws_ok($$SELECT '4'::govinfo.outcome$$, '22P02', NULL, 'outcome: row 4 is not an outcome');
SELECT throws_ok($$SELECT 'approved'::govinfo.outcome$$, '22P02', NULL, 'outcome: unknown name');
SELECT is(pg_column_size('3.6.3'::outcome), 1, 'outcome: one byte');

------------------------------------------------------------------------------
-- labels, row_code, ordering
------------------------------------------------------------------------------
SELECT is(label('law'::applicant), '法律服务机构', 'label(applicant) defaults to Chinese');
SELECT is(label('biz'::applicant, 'en'), 'commercial enterprise', 'label(applicant, en)');
SELECT is(label('3.3.1'::outcome), '1.属于国家秘密', 'label(outcome) is the official row label');
SELECT is(label('3.1'::outcome, 'zh'), '（一）予以公开', 'label(outcome, zh)');
SELECT is(label('3.1'::outcome, 'en'), 'disclosed', 'label(outcome, en)');
SELECT throws_ok($$SELECT govinfo.label('3.1'::govinfo.outcome, 'fr')$$, '22023', NULL, 'label: unknown language');
SELECT is(row_code('3.6.1', 2020), '3.6', 'row_code: 3.6.1 counts in row 3.6 in 2020');
SELECT is(row_code('3.6.2', 2020), '3.6', 'row_code: 3.6.2 counts in row 3.6 in 2020');
SELECT is(row_code('3.6.3', 2019), '3.6', 'row_code: 3.6.3 counts in row 3.6 in 2019');
SELECT is(row_code('3.6.2', 2021), '3.6.2', 'row_code: 3.6.2 is its own row in 2021');
SELECT is(row_code('3.5.5', 2020), '3.5.5', 'row_code: other outcomes unchanged in 2020');
SELECT is((SELECT array_agg(code::outcome ORDER BY code::outcome)::text FROM leaf),
	(SELECT array_agg(code ORDER BY pos)::text FROM leaf), 'outcome: ORDER BY is catalog order');
SELECT ok('3.3.8'::outcome < '3.4.1'::outcome AND '3.5.5'::outcome < '3.6.1'::outcome AND '3.2'::outcome > '3.1'::outcome,
	'outcome: < and > follow catalog order');
SELECT is((SELECT array_agg(a ORDER BY a)::text FROM unnest('{oth,law,npo,res,biz,np}'::applicant[]) a), '{np,biz,res,npo,law,oth}',
	'applicant: ORDER BY is catalog order (np first, oth last)');
SELECT is((SELECT count(DISTINCT a) FROM unnest('{np,自然人,natural person,biz}'::applicant[]) a), 2::bigint,
	'applicant: DISTINCT treats spellings of one code as equal');
SELECT ok('np'::applicant = '自然人'::applicant AND '3.2'::outcome <> '3.1'::outcome, '= and <> work on codes');
SELECT is((SELECT count(*) FROM pg_opclass c JOIN pg_am m ON m.oid = c.opcmethod
	WHERE c.opcintype IN ('govinfo.applicant'::regtype, 'govinfo.outcome'::regtype) AND c.opcdefault), 4::bigint,
	'default btree and hash operator classes for both types');
SET LOCAL enable_sort = off;
SELECT is((SELECT count(*) FROM (SELECT DISTINCT o FROM unnest('{3.1,3.1,3.2,部分公开,3.6.3}'::outcome[]) o) s), 3::bigint,
	'outcome: hashed DISTINCT');
RESET enable_sort;

------------------------------------------------------------------------------
-- application: every CHECK once (23514, nothing written)
------------------------------------------------------------------------------
SELECT lives_ok(pg_temp.app('', ''), 'application: an open application with no optional column');
SELECT lives_ok(pg_temp.app('outcome, closed_on, channel, subject, corrected_on, extended, fee_yuan',
	$$'3.1', DATE '2021-04-01', 'online', 'x', DATE '2021-03-10', true, 0$$), 'application: a closed one with every column');
SELECT is(pg_temp.apps(), 2::bigint, 'two applications stored');
SELECT is((SELECT extended FROM application WHERE agency_id = 9910901 AND closed_on IS NULL), false, 'extended defaults to false');
SELECT throws_ok(pg_temp.app('outcome', $$'3.1'$$), '23514', NULL, 'outcome without closed_on: 23514');
SELECT throws_like(pg_temp.app('outcome', $$'3.1'$$), '%application_outcome_iff_closed%', '... application_outcome_iff_closed');
SELECT throws_like(pg_temp.app('closed_on', $$DATE '2021-04-01'$$), '%application_outcome_iff_closed%', 'closed_on without outcome: application_outcome_iff_closed');
SELECT throws_like(pg_temp.app('corrected_on', $$DATE '2021-02-28'$$), '%application_corrected_after_received%', 'corrected before received: application_corrected_after_received');
SELECT throws_like(pg_temp.app('corrected_on, outcome, closed_on', $$DATE '2021-03-20', '3.1', DATE '2021-03-19'$$),
	'%application_closed_after_corrected%', 'closed before corrected: application_closed_after_corrected');
SELECT throws_like(pg_temp.app('outcome, closed_on', $$'3.1', DATE '2021-02-28'$$), '%application_closed_after_received%', 'closed before received: application_closed_after_received');
SELECT throws_like($$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9910901, DATE '1989-12-31', 'np')$$,
	'%application_dates_in_range%', 'received in 1989: application_dates_in_range');
SELECT throws_like(pg_temp.app('outcome, closed_on', $$'3.1', DATE '2101-01-01'$$), '%application_dates_in_range%', 'closed in 2101: application_dates_in_range');
SELECT throws_like(pg_temp.app('channel', $$'email'$$), '%application_channel_known%', 'channel email: application_channel_known');
SELECT throws_like(pg_temp.app('fee_yuan', '-0.01'), '%application_fee_not_negative%', 'fee -0.01: application_fee_not_negative');
SELECT throws_ok(pg_temp.app('channel', $$'email'$$), '23514', NULL, 'channel email is 23514');
SELECT throws_ok(pg_temp.app('fee_yuan', '-1'), '23514', NULL, 'negative fee is 23514');
SELECT throws_ok($$INSERT INTO govinfo.application (agency_id, received_on) VALUES (9910901, DATE '2021-01-01')$$, '23502', NULL, 'applicant is NOT NULL');
SELECT throws_ok($$UPDATE govinfo.application SET closed_on = NULL WHERE agency_id = 9910901$$, '23514', NULL, 'UPDATE clearing closed_on only: 23514');
SELECT is(pg_temp.apps(), 2::bigint, 'the rejected statements wrote nothing');

------------------------------------------------------------------------------
-- application: the agency reference, checked once per statement
------------------------------------------------------------------------------
SELECT throws_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9919999, DATE '2021-01-01', 'np')$$,
	'23503', NULL, 'unknown agency: 23503');
SELECT throws_like($$INSERT INTO govinfo.application (agency_id, received_on, applicant)
	SELECT CASE WHEN i = 500 THEN 9919999 ELSE 9910901 END, DATE '2021-01-01', 'biz' FROM generate_series(1, 1000) i$$,
	'%agency reference%', 'one unknown agency among 1000 rows: the whole INSERT fails');
SELECT is(pg_temp.apps(), 2::bigint, '... and nothing of it is written');
SELECT throws_ok($$UPDATE govinfo.application SET agency_id = 9919999 WHERE agency_id = 9910901$$, '23503', NULL, 'UPDATE to an unknown agency: 23503');
SELECT lives_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant)
	SELECT 9910901 + i % 2, DATE '2021-01-01', 'res' FROM generate_series(1, 10) i$$, 'a multi-row INSERT over two known agencies');
SELECT is(pg_temp.apps(), 12::bigint, '... writes every row');
SELECT throws_ok($$DELETE FROM govinfo.agency WHERE agency_id = 9910902$$, '23503', NULL, 'deleting an agency with applications: 23503');
SELECT throws_ok($$UPDATE govinfo.agency SET agency_id = 9919998 WHERE agency_id = 9910902$$, '23503', NULL, 'changing the id of an agency with applications: 23503');
SELECT lives_ok($$DELETE FROM govinfo.application WHERE agency_id = 9910902$$, 'its applications can be deleted');
SELECT lives_ok($$DELETE FROM govinfo.agency WHERE agency_id = 9910902$$, '... and then the agency');
INSERT INTO agency (agency_id, code, name) VALUES (9910902, 'trec-b', 'Records B');

------------------------------------------------------------------------------
-- appeal_case, normative_document, decision_count, fee_receipt
------------------------------------------------------------------------------
SELECT lives_ok($$INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on) VALUES (9910901, 'review', DATE '2021-05-01'),
	(9910901, 'suit_after_review', DATE '2021-05-01')$$, 'appeal_case: pending cases');
SELECT lives_ok($$INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on, result, concluded_on) VALUES (9910901, 'suit', DATE '2021-05-01', 'corrected', DATE '2021-05-01')$$,
	'appeal_case: concluded on the day filed');
SELECT throws_like($$INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on) VALUES (9910901, 'appeal', DATE '2021-05-01')$$, '%appeal_case_kind_known%', 'appeal_case: unknown kind');
SELECT throws_like($$INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on, result, concluded_on) VALUES (9910901, 'suit', DATE '2021-05-01', 'won', DATE '2021-06-01')$$, '%appeal_case_result_known%', 'appeal_case: unknown result');
SELECT throws_like($$INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on, result) VALUES (9910901, 'suit', DATE '2021-05-01', 'upheld')$$, '%appeal_case_result_iff_concluded%', 'appeal_case: result without concluded_on');
SELECT throws_like($$INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on, concluded_on) VALUES (9910901, 'suit', DATE '2021-05-01', DATE '2021-06-01')$$, '%appeal_case_result_iff_concluded%', 'appeal_case: concluded_on without result');
SELECT throws_like($$INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on, result, concluded_on) VALUES (9910901, 'suit', DATE '2021-05-01', 'upheld', DATE '2021-04-30')$$, '%appeal_case_concluded_after_filed%', 'appeal_case: concluded before filed');
SELECT throws_like($$INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on) VALUES (9910901, 'suit', DATE '1989-12-31')$$, '%appeal_case_filed_in_range%', 'appeal_case: filed in 1989');
SELECT throws_ok($$INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on) VALUES (9919999, 'suit', DATE '2021-05-01')$$, '23503', NULL, 'appeal_case: unknown agency 23503');
SELECT is((SELECT count(*) FROM appeal_case WHERE agency_id = 9910901), 3::bigint, 'appeal_case: only the valid cases are stored');

SELECT lives_ok($$INSERT INTO govinfo.normative_document (agency_id, kind, title, issued_on, abolished_on) VALUES (9910901, 'rule', 'R', DATE '2020-01-01', DATE '2020-01-01'),
	(9910901, 'normative', 'N', DATE '2020-01-01', NULL)$$, 'normative_document: abolished on the day issued, and in force');
SELECT throws_like($$INSERT INTO govinfo.normative_document (agency_id, kind, title, issued_on) VALUES (9910901, 'law', 'L', DATE '2020-01-01')$$, '%normative_document_kind_known%', 'normative_document: unknown kind');
SELECT throws_ok($$INSERT INTO govinfo.normative_document (agency_id, kind, issued_on) VALUES (9910901, 'rule', DATE '2020-01-01')$$, '23502', NULL, 'normative_document: title NOT NULL');
SELECT throws_like($$INSERT INTO govinfo.normative_document (agency_id, kind, title, issued_on, abolished_on) VALUES (9910901, 'rule', 'R', DATE '2020-01-02', DATE '2020-01-01')$$, '%normative_document_abolished_after_issued%', 'normative_document: abolished before issued');
SELECT throws_like($$INSERT INTO govinfo.normative_document (agency_id, kind, title, issued_on) VALUES (9910901, 'rule', 'R', DATE '2101-01-01')$$, '%normative_document_issued_in_range%', 'normative_document: issued in 2101');
SELECT throws_ok($$INSERT INTO govinfo.normative_document (agency_id, kind, title, issued_on) VALUES (9919999, 'rule', 'R', DATE '2020-01-01')$$, '23503', NULL, 'normative_document: unknown agency 23503');

SELECT lives_ok($$INSERT INTO govinfo.decision_count (agency_id, kind, decided_on) VALUES (9910901, 'penalty', DATE '2021-01-01')$$, 'decision_count: n defaults');
SELECT is((SELECT n FROM decision_count WHERE agency_id = 9910901), 1, 'decision_count: n defaults to 1');
SELECT throws_like($$INSERT INTO govinfo.decision_count (agency_id, kind, decided_on, n) VALUES (9910901, 'penalty', DATE '2021-01-01', 0)$$, '%decision_count_positive%', 'decision_count: n = 0');
SELECT throws_like($$INSERT INTO govinfo.decision_count (agency_id, kind, decided_on) VALUES (9910901, 'permit', DATE '2021-01-01')$$, '%decision_count_kind_known%', 'decision_count: unknown kind');
SELECT throws_like($$INSERT INTO govinfo.decision_count (agency_id, kind, decided_on) VALUES (9910901, 'coercion', DATE '1900-01-01')$$, '%decision_count_decided_in_range%', 'decision_count: decided in 1900');
SELECT throws_ok($$INSERT INTO govinfo.decision_count (agency_id, kind, decided_on) VALUES (9919999, 'licensing', DATE '2021-01-01')$$, '23503', NULL, 'decision_count: unknown agency 23503');

SELECT lives_ok($$INSERT INTO govinfo.fee_receipt (agency_id, received_on, amount_yuan) VALUES (9910901, DATE '2021-01-01', 0)$$, 'fee_receipt: zero amount');
SELECT throws_like($$INSERT INTO govinfo.fee_receipt (agency_id, received_on, amount_yuan) VALUES (9910901, DATE '2021-01-01', -0.01)$$, '%fee_receipt_amount_not_negative%', 'fee_receipt: negative amount');
SELECT throws_like($$INSERT INTO govinfo.fee_receipt (agency_id, received_on, amount_yuan) VALUES (9910901, DATE '1989-12-31', 1)$$, '%fee_receipt_received_in_range%', 'fee_receipt: received in 1989');
SELECT throws_ok($$INSERT INTO govinfo.fee_receipt (agency_id, received_on) VALUES (9910901, DATE '2021-01-01')$$, '23502', NULL, 'fee_receipt: amount NOT NULL');
SELECT throws_ok($$INSERT INTO govinfo.fee_receipt (agency_id, received_on, amount_yuan) VALUES (9919999, DATE '2021-01-01', 1)$$, '23503', NULL, 'fee_receipt: unknown agency 23503');
SELECT throws_ok($$DELETE FROM govinfo.agency WHERE agency_id = 9910901$$, '23503', NULL, 'deleting an agency with records: 23503');

------------------------------------------------------------------------------
-- pg_dump: record tables and report versions are user data of the extension
------------------------------------------------------------------------------
SELECT set_eq($$SELECT c::regclass::text FROM pg_extension e, unnest(e.extconfig) c WHERE e.extname = 'govinfo'$$,
	ARRAY['agency', 'annual_report', 'application', 'appeal_case', 'normative_document', 'decision_count', 'fee_receipt', 'report_version',
	      'agency_agency_id_seq', 'application_application_id_seq', 'appeal_case_case_id_seq', 'normative_document_doc_id_seq',
	      -- 0.5.0: the calendar and consultations; the documents' snapshots and generate_reports runs; the published reports;
	      -- the warehouse's access grants and audit log
	      'workday_calendar', 'application_consultation', 'application_consultation_consultation_id_seq',
	      'report_snapshot', 'generate_run', 'report_snapshot_snapshot_id_seq', 'generate_run_run_id_seq',
	      'published_report', 'published_report_id_seq', 'access_grant', 'audit_log', 'audit_log_audit_id_seq'],
	'extconfig lists the 0.1.0 tables, the five record tables, report_version and the four identity sequences (0.4.0), the calendar, consultations, documents, published reports, grants and audit log (0.5.0)');
SELECT ok((SELECT ARRAY['govinfo.application', 'govinfo.appeal_case', 'govinfo.normative_document', 'govinfo.decision_count',
		'govinfo.fee_receipt', 'govinfo.report_version']::regclass[]::oid[] <@ extconfig FROM pg_extension WHERE extname = 'govinfo'),
	'all six new tables are registered with pg_extension_config_dump');

SELECT * FROM finish();
ROLLBACK;
