-- Pending for 0.4.0 (helper "inputs"): support functions that are not for PUBLIC.
-- PostgreSQL checks EXECUTE on an aggregate's transition, combine and final functions against the
-- aggregate's owner, and on a trigger function only at CREATE TRIGGER, so revoking them keeps
-- sum(), request_figures_agg(), appeal_figures_agg(), record_spans() and every trigger working for
-- everyone while a direct call (e.g. request_figures_agg_final('2021|1:5,,,,,,')) is refused (42501).
REVOKE EXECUTE ON FUNCTION
	@extschema@.request_figures_agg_trans(@extschema@.request_figures, integer, date, date, @extschema@.applicant, @extschema@.outcome),
	@extschema@.request_figures_agg_final(@extschema@.request_figures),
	@extschema@.appeal_figures_agg_trans(@extschema@.appeal_figures, integer, text, date, text, date),
	@extschema@.record_spans_trans(internal, bigint, date, date),
	@extschema@.record_spans_final(internal),
	@extschema@.request_figures_sum_trans(@extschema@.request_figures, @extschema@.request_figures),
	@extschema@.appeal_figures_sum_trans(@extschema@.appeal_figures, @extschema@.appeal_figures),
	@extschema@.disclosure_figures_sum_trans(@extschema@.disclosure_figures, @extschema@.disclosure_figures),
	@extschema@.agency_delete_guard(),
	@extschema@.agency_key_guard(),
	@extschema@.annual_report_carry(),
	@extschema@.annual_report_check(),
	@extschema@.annual_report_truncate_guard(),
	@extschema@.application_insert_begin(),
	@extschema@.application_insert_end(),
	@extschema@.records_guard(),
	@extschema@.records_truncate_guard()
FROM PUBLIC;
