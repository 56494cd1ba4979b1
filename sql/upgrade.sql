-- 0.1.0 -> 0.2.0: a database created with 0.1.0 keeps its reports through ALTER EXTENSION UPDATE.
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
