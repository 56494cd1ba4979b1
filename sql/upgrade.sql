-- 0.1.0 -> 0.2.0 -> 0.3.0 -> 0.4.0 -> 0.5.0 -> 0.6.0 -> 0.7.0 -> 0.8.0 -> 0.9.0 -> 0.10.0 -> 0.11.0 -> 0.12.0 -> 0.13.0: a database created with 0.1.0 keeps its reports through ALTER EXTENSION UPDATE.
-- (scripts/suites/40-upgrade.sh proves the upgraded schema equal to a fresh install)
\set SHOW_CONTEXT never
DROP EXTENSION govinfo CASCADE;
CREATE EXTENSION govinfo VERSION '0.1.0';
SELECT extversion FROM pg_extension WHERE extname = 'govinfo';
\i scripts/demo/pingshan-2021.sql
ALTER EXTENSION govinfo UPDATE TO '0.2.0';
SELECT extversion FROM pg_extension WHERE extname = 'govinfo';
SELECT a.code, r.year, r.format, r.published_at, govinfo.cell(r.disclosures, '2.6.1', 'decisions') AS penalties
FROM govinfo.annual_report r JOIN govinfo.agency a USING (agency_id);
SELECT row_code, total FROM govinfo.report_table3('pingshan-zhen', 2021) WHERE row_code IN ('1', '3.6.2', '4');
SELECT govinfo.publish_report('pingshan-zhen', 2021) IS NOT NULL AS published;
SELECT count(*) AS config_tables FROM pg_extension e, unnest(e.extconfig) WHERE e.extname = 'govinfo';
-- 0.3.0: inserts collect their spans in the CHECK; the lock still holds on the published year
INSERT INTO govinfo.application (agency_id, received_on, applicant)
	SELECT agency_id, '2022-01-10', 'np' FROM govinfo.agency WHERE code = 'pingshan-zhen';
ALTER EXTENSION govinfo UPDATE TO '0.3.0';
SELECT extversion FROM pg_extension WHERE extname = 'govinfo';
-- 0.4.0: the published report keeps what the records contributed when the upgrade ran
ALTER EXTENSION govinfo UPDATE TO '0.4.0';
SELECT extversion FROM pg_extension WHERE extname = 'govinfo';
SELECT year, published_records FROM govinfo.annual_report;
SELECT conname, pg_get_constraintdef(oid) LIKE '%application_row_valid(agency_id,%' AS collects
	FROM pg_constraint WHERE conrelid = 'govinfo.application'::regclass AND contype = 'c';
SELECT tgname FROM pg_trigger WHERE tgrelid = 'govinfo.application'::regclass AND tgname LIKE 'application_%' ORDER BY tgname;
INSERT INTO govinfo.application (agency_id, received_on, applicant)
	SELECT agency_id, '2021-01-10', 'np' FROM govinfo.agency WHERE code = 'pingshan-zhen';
INSERT INTO govinfo.application (agency_id, received_on, applicant)
	SELECT agency_id, '2022-01-11', 'np' FROM govinfo.agency WHERE code = 'pingshan-zhen';
SELECT count(*) AS applications FROM govinfo.application;
-- 0.5.0
-- (section 1) this library reads table 二 stored by 0.1.0 as it is, and refuses a 2019 table 二 until the update
SELECT year, disclosures::text FROM govinfo.annual_report;
SELECT r.disclosures OPERATOR(govinfo.=) r.disclosures AS equal, govinfo.disclosure_figures_hash(r.disclosures) AS hash,
	(r.disclosures OPERATOR(govinfo.+) r.disclosures)::text AS doubled,
	(SELECT govinfo.sum(disclosures)::text FROM govinfo.annual_report) AS summed FROM govinfo.annual_report r;
SELECT '2019|2.5.1:1,-1,1'::govinfo.disclosure_figures;
ALTER EXTENSION govinfo UPDATE TO '0.5.0';
SELECT extversion FROM pg_extension WHERE extname = 'govinfo';
-- (section 1) the same table 二 in the 96-byte type, which holds the 2019 format too
SELECT year, disclosures::text, govinfo.format(disclosures), govinfo.cell(disclosures, '2.6.1', 'decisions') AS penalties,
	govinfo.disclosure_figures_hash(disclosures) AS hash FROM govinfo.annual_report;
SELECT '2019|2.5.1:1,-1,1'::govinfo.disclosure_figures;
-- 0.6.0
ALTER EXTENSION govinfo UPDATE TO '0.6.0';
SELECT extversion FROM pg_extension WHERE extname = 'govinfo';
-- 0.7.0
ALTER EXTENSION govinfo UPDATE TO '0.7.0';
SELECT extversion FROM pg_extension WHERE extname = 'govinfo';
-- 0.8.0
ALTER EXTENSION govinfo UPDATE TO '0.8.0';
SELECT extversion FROM pg_extension WHERE extname = 'govinfo';
-- 0.9.0
ALTER EXTENSION govinfo UPDATE TO '0.9.0';
SELECT extversion FROM pg_extension WHERE extname = 'govinfo';
-- 0.10.0
ALTER EXTENSION govinfo UPDATE TO '0.10.0';
SELECT extversion FROM pg_extension WHERE extname = 'govinfo';
-- 0.11.0
ALTER EXTENSION govinfo UPDATE TO '0.11.0';
SELECT extversion FROM pg_extension WHERE extname = 'govinfo';
-- 0.12.0
ALTER EXTENSION govinfo UPDATE TO '0.12.0';
SELECT extversion FROM pg_extension WHERE extname = 'govinfo';
-- 0.13.0: the application tally is filled from the applications there, and table 三 derived from it
-- equals the aggregate over the applications
ALTER EXTENSION govinfo UPDATE TO '0.13.0';
SELECT extversion FROM pg_extension WHERE extname = 'govinfo';
SELECT count(*) AS differences FROM govinfo.tally_differences();
SELECT count(*) AS agencies, count(*) FILTER (WHERE d.requests::text IS DISTINCT FROM coalesce((
		SELECT govinfo.request_figures_agg(2022, a.received_on, a.closed_on, a.applicant, a.outcome)
		FROM govinfo.application a WHERE a.agency_id = d.agency_id),
		(SELECT govinfo.request_figures_agg(2022, NULL, NULL, NULL, NULL)))::text) AS unequal
	FROM govinfo.derived_reports(2022) d;
