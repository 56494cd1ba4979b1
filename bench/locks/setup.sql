-- bench/locks: the data and the operations of the mixed lock-order load (run by bench/locks/run.sh).
-- :agencies agencies 'lk-1'.., each with applications of 2021 and a derived 2021 report. The operations
-- are wrappers that turn the expected refusals (publishing a published report, reopening an
-- unpublished one, writing into a published year: 55000) into a result, so that pgbench's clients
-- carry on; a deadlock (40P01) or a serialization failure is not caught and pgbench counts it.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench_locks CASCADE;
CREATE SCHEMA bench_locks;

INSERT INTO govinfo.agency (agency_id, code, name)
	SELECT i, 'lk-' || i, 'Lock-order load: agency ' || i FROM generate_series(1, :agencies) i;
-- 40 applications an agency, received through 2021, every other one answered (granted) within a month
INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on)
	SELECT a, d, (ARRAY['np', 'biz', 'res', 'npo', 'law', 'oth'])[1 + (a + j) % 6]::govinfo.applicant,
		CASE WHEN j % 2 = 0 THEN '3.1'::govinfo.outcome END, CASE WHEN j % 2 = 0 THEN d + 20 END
	FROM generate_series(1, :agencies) a, generate_series(1, 40) j,
		LATERAL (SELECT DATE '2021-01-04' + (j * 7) AS d) x;
SELECT govinfo.refresh_reports(2021) AS reports \gset

-- publish agency n's 2021 report ('already' if it is published)
CREATE FUNCTION bench_locks.publish(n integer) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	PERFORM govinfo.publish_report('lk-' || n, 2021);
	RETURN 'published';
EXCEPTION WHEN object_not_in_prerequisite_state THEN
	RETURN 'already';
END $$;

-- reopen it ('not published' if it is not)
CREATE FUNCTION bench_locks.reopen(n integer) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	PERFORM govinfo.reopen_report('lk-' || n, 2021, 'bench/locks');
	RETURN 'reopened';
EXCEPTION WHEN object_not_in_prerequisite_state THEN
	RETURN 'not published';
END $$;

-- refresh it ('published' if it is)
CREATE FUNCTION bench_locks.refresh(n integer) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	PERFORM govinfo.refresh_report('lk-' || n, 2021);
	RETURN 'refreshed';
EXCEPTION WHEN object_not_in_prerequisite_state THEN
	RETURN 'published';
END $$;

-- insert an open application of 2021 ('published' if the year is)
CREATE FUNCTION bench_locks.insert(n integer, day integer) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO govinfo.application (agency_id, received_on, applicant)
	VALUES (n, DATE '2021-01-01' + day, 'np');
	RETURN 'inserted';
EXCEPTION WHEN object_not_in_prerequisite_state THEN
	RETURN 'published';
END $$;
