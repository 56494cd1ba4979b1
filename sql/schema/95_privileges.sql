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
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_ctrans(internal, integer, date, date, @extschema@.applicant, @extschema@.outcome) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_cfinal(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_combine(internal, internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_serial(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_deserial(bytea, internal) FROM PUBLIC;
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
REVOKE EXECUTE ON FUNCTION @extschema@.tally_compact(bigint[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.tally_recount(bigint[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.tally_write(bigint[], integer[], integer[], boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.application_tally_changed() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.application_tally_truncated() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.tally_rebuild() FROM PUBLIC;

-- 0.5.0: nothing is granted to PUBLIC but what reading the catalog and the types needs (the schema,
-- the types' functions, row_catalog, tableN, violations, ...). Every function that reads or writes
-- an agency's data is granted by govinfo.grant_access() with the level that needs it
-- (govinfo.level_privileges()); row-level security limits it to the agencies granted.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.publication_begin(bigint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.agency_id(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.derived_reports(integer, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.derive_report(text, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.derived_report_of(bigint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.report_figures(text, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.report_table2(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.report_table3(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.report_table4(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.cell_applications(text, integer, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.store_derived(integer, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.refresh_report(text, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.refresh_reports(integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.publish_report(text, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.reopen_report(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_contribution(bigint, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_contributions(bigint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_changed(bigint, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.visible_agencies(text, name) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.visible_agencies_of(text, name) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.has_access(bigint, text, name) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.check_access(bigint, text, name) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.grant_access(regrole, text, text, boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.revoke_access(regrole, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.agency_tree(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.rollup_sources(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.rollup_report(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.rollup_table2(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.rollup_table3(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.rollup_table4(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.rollup_differences(integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.report_history(text, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.prune_audit(timestamptz) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.agency_hierarchy_check() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.audit_row() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.audit_records() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.audit_log_append_only() FROM PUBLIC;
