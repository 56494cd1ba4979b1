--------------------------------------------------------------------------
-- Functions that are not for PUBLIC
--------------------------------------------------------------------------
-- The support functions of aggregates: the aggregates call them with their owner's right, and a
-- direct call could feed them states they never build.
REVOKE EXECUTE ON FUNCTION @extschema@.disclosure_figures_sum_trans(@extschema@.disclosure_figures, @extschema@.disclosure_figures) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_sum_trans(@extschema@.request_figures, @extschema@.request_figures) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.appeal_figures_sum_trans(@extschema@.appeal_figures, @extschema@.appeal_figures) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_trans(@extschema@.request_figures, integer, date, date, @extschema@.applicant, @extschema@.outcome) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_final(@extschema@.request_figures) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.appeal_figures_agg_trans(@extschema@.appeal_figures, integer, text, date, text, date) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.record_spans_trans(internal, bigint, date, date) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.record_spans_final(internal) FROM PUBLIC;

-- The trigger functions: a trigger fires without an EXECUTE check, but creating one needs it, and
-- records_guard runs with its owner's rights on the columns its arguments name.
REVOKE EXECUTE ON FUNCTION @extschema@.annual_report_check() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.annual_report_carry() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.annual_report_keep_records() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.annual_report_truncate_guard() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_guard() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_truncate_guard() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.application_insert_begin() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.application_insert_end() FROM PUBLIC;

-- The steps of the publication lock on records: records_guard (SECURITY DEFINER) and the insert
-- trigger (as the table's owner) call them.
REVOKE EXECUTE ON FUNCTION @extschema@.records_lock_agencies(bigint[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_published(bigint[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_refuse_agency(text, text, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_refuse_published(text, integer, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.application_insert_check(bigint[]) FROM PUBLIC;
