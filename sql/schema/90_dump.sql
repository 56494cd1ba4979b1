--------------------------------------------------------------------------
-- What pg_dump dumps: every table's rows (govinfo has no rows of its own in them) and the
-- position of every identity sequence, so that a restored database goes on numbering after the
-- restored rows
--------------------------------------------------------------------------
SELECT pg_catalog.pg_extension_config_dump('@extschema@.agency', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.annual_report', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.report_version', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.appeal_case', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.normative_document', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.decision_count', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.fee_receipt', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.agency_agency_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_application_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.appeal_case_case_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.normative_document_doc_id_seq', '');
-- 0.5.0: the access grants (roles by name) and the audit log
SELECT pg_catalog.pg_extension_config_dump('@extschema@.access_grant', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_log', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_log_audit_id_seq', '');
