-- govinfo 0.9.0 -> 0.10.0: the audit entry of a published report; parser fixes (#9, C only).
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.10.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. The audit entry of a published report (import speed, #9)
--------------------------------------------------------------------------
-- The entry leaves out what parse_report read from the document as text (parts one, five and six, the
-- warnings) as it already left out the document: the logged document_sha256 names it. An UPDATE that
-- changes one of these columns logs its old and new value (audit_row, 0.10.0). Entries already logged
-- stay as they are.
DROP TRIGGER published_report_audit ON @extschema@.published_report;
CREATE TRIGGER published_report_audit AFTER INSERT OR UPDATE OR DELETE ON @extschema@.published_report
	FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row('id', '-document', '-overview', '-problems', '-other_matters', '-warnings');
-- (end of section 1)
