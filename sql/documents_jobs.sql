-- generate_reports: snapshots of every agency and format, unchanged documents skipped, progress in
-- generate_run, and a run interrupted after some committed batches resumed to exactly one snapshot
-- per agency and format.
DROP EXTENSION govinfo CASCADE;
CREATE EXTENSION govinfo;
INSERT INTO govinfo.agency (code, name, level) SELECT 'a' || i, '测试机关' || i, 'department' FROM generate_series(1, 30) i;
-- agencies 1-20 have records in 2022 (a derived report each); 21-30 have none
INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on)
SELECT a.agency_id, DATE '2022-01-01' + i, 'np', CASE WHEN i % 3 = 0 THEN '3.4.1' ELSE '3.1' END::govinfo.outcome, DATE '2022-01-10' + i
FROM govinfo.agency a, generate_series(1, a.agency_id::int) i WHERE a.agency_id <= 20;
-- agency 5's 2022 report is entered (not derived): generate_reports keeps it as it is
INSERT INTO govinfo.annual_report (agency_id, year, requests, source)
VALUES (5, 2022, '2021|1:1,0,0,0,0,0,1|2:0,0,0,0,0,0,0|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:0,0,0,0,0,0,0', 'entered');

-- an interruption: a snapshot of agency 12 fails once batches of agencies 1-10 are committed
CREATE FUNCTION fail_on_12() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.agency_id = 12 THEN RAISE EXCEPTION 'interrupted at agency 12'; END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER fail_on_12 BEFORE INSERT ON govinfo.report_snapshot FOR EACH ROW EXECUTE FUNCTION fail_on_12();
SET client_min_messages = warning;
\set VERBOSITY terse
CALL govinfo.generate_reports(2022, '{html,text}', batch_size => 5);
SELECT status, total, done, written, unchanged, no_report, last_agency_id FROM govinfo.generate_run;
SELECT count(*) AS snapshots, count(DISTINCT agency_id) AS agencies FROM govinfo.report_snapshot;
DROP TRIGGER fail_on_12 ON govinfo.report_snapshot;
-- resumed: the same arguments continue the unfinished run (its NOTICEs, with timings, not shown)
CALL govinfo.generate_reports(2022, '{html,text}', batch_size => 5);
SELECT run_id, status, total, done, written, unchanged, no_report, last_agency_id, finished_at IS NOT NULL AS finished FROM govinfo.generate_run;
SELECT count(*) AS snapshots, count(DISTINCT (agency_id, format)) AS agency_formats,
       count(*) FILTER (WHERE sha256 = sha256(convert_to(content, 'UTF8'))) AS hashes_right
FROM govinfo.report_snapshot;
-- every derived report stored; the entered one kept
SELECT source, count(*) FROM govinfo.annual_report GROUP BY source ORDER BY source;
SELECT govinfo.cell(requests, '1', 'total') AS entered_kept FROM govinfo.annual_report WHERE agency_id = 5;
-- the snapshot is the rendered document
SELECT s.content = govinfo.render_report('a7', 2022, 'text') AS same, s.source, s.format
FROM govinfo.latest_snapshot('a7', 2022, 'text') s;

-- a new run: nothing changed, nothing written
SET client_min_messages = warning;
\set VERBOSITY terse
CALL govinfo.generate_reports(2022, '{html,text}', batch_size => 50);
SELECT run_id, status, done, written, unchanged, no_report FROM govinfo.generate_run ORDER BY run_id;
-- a change of one agency's records: a new version of its two documents only
INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on)
VALUES (3, '2022-06-01', 'biz', '3.2', '2022-06-05');
CALL govinfo.generate_reports(2022, '{html,text}', batch_size => 50);
SELECT run_id, status, done, written, unchanged FROM govinfo.generate_run ORDER BY run_id;
SELECT agency_id, format, count(*) FROM govinfo.report_snapshot GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY 1, 2;
-- one subtree only; snapshots are immutable
UPDATE govinfo.agency SET parent_id = 1 WHERE agency_id IN (2, 3);
CALL govinfo.generate_reports(2022, '{markdown}', 'a1', 'en');
SELECT format, lang, count(*) FROM govinfo.report_snapshot WHERE format = 'markdown' GROUP BY 1, 2;
\set VERBOSITY terse
UPDATE govinfo.report_snapshot SET content = 'x' WHERE snapshot_id = 1;
CALL govinfo.generate_reports(2022, '{pdf}');
