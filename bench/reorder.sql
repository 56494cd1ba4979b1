-- govinfo benchmark: the second data set, the same rows in agency order. CLUSTER rewrites
-- govinfo.application sorted by agency and date received (no trigger fires, every row keeps its
-- application_id), as a table loaded agency by agency, or clustered by an administrator, would be.
\set ON_ERROR_STOP 1
\set QUIET 1
SET client_min_messages = warning;
CREATE INDEX bench_application_agency_order ON govinfo.application (agency_id, received_on, application_id);
CLUSTER govinfo.application USING bench_application_agency_order;
DROP INDEX govinfo.bench_application_agency_order;
ANALYZE govinfo.application;
