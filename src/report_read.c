/*
 * report_read.c — report_table2/3/4(agency_code, year, lang): one agency's
 * table 二, 三 or 四 of a report year, from its stored report, else derived
 * from the records.
 *
 * One C call does what report_figures, agency_id, check_access and
 * report_part did as PL/pgSQL and SQL layers (0.6.0), with the same errors in
 * the same order: the agency by code through a kept plan (42704 unknown), the
 * access check against the per-backend set of the row-level security policies
 * (access.c; 42501), the stored report through a kept plan run as the caller
 * (so row-level security applies to it), else derived_reports through a kept
 * plan, then P0002 when the part is NULL, then the language, then the rows
 * (tables.c).
 */
#include "postgres.h"

#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "access.h"
#include "encoding.h"
#include "kinds.h"
#include "plans.h"
#include "tables.h"

/* The name of a table in messages: 二, 三 or 四, in the database encoding. */
static const char *
part_name(int part)
{
	return gi_zh(part == 2 ? "二" : part == 3 ? "三" : "四");
}

/* 42501 unless the current user may read the agency (check_access(agency, 'read', current_user)). */
static void
check_read_access(FunctionCallInfo fcinfo, int64 agency_id, text *code)
{
	const char *schema;
	const char *role;

	if (access_has_owner_rights(fcinfo->flinfo->fn_oid) ||
		access_allowed(fcinfo->flinfo->fn_oid, agency_id, 1))
		return;
	schema = gi_schema(fcinfo);
	role = GetUserNameFromId(GetUserId(), false);
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("role \"%s\" has no read access to agency \"%s\"", role, text_to_cstring(code)),
			 errhint("%s.grant_access(role, agency_code, access) grants it; %s.access_grants lists the grants.",
					 schema, schema)));
}

/*
 * The figures of one part of the report (stored, else derived) copied into
 * the caller's memory, or NULL when that part is NULL (inside SPI).
 */
static void *
report_part_figures(FunctionCallInfo fcinfo, const GiKindDesc *d, int64 agency_id, int32 year)
{
	Datum		args[2] = {Int64GetDatum(agency_id), Int32GetDatum(year)};
	int			col;
	bool		isnull;
	Datum		v;
	void	   *copy;

	if (SPI_execute_plan(gi_plan(fcinfo, GI_PLAN_STORED_REPORT), args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "reading govinfo.annual_report failed: %s", SPI_result_code_string(SPI_result));
	/* no stored report: derived from the records (one row for the agency asked for) */
	if (SPI_processed == 0 &&
		(SPI_execute_plan(gi_plan(fcinfo, GI_PLAN_DERIVED_REPORT), args, NULL, true, 1) != SPI_OK_SELECT ||
		 SPI_processed != 1))
		elog(ERROR, "deriving the report of agency %lld failed: %s", (long long) agency_id,
			 SPI_result_code_string(SPI_result));
	col = SPI_fnumber(SPI_tuptable->tupdesc, d->report_column);
	if (col <= 0)
		elog(ERROR, "the report has no column %s", d->report_column);
	v = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, col, &isnull);
	if (isnull)
		return NULL;
	/* a fixed-length value: its bytes, in the memory of the function's caller */
	copy = SPI_palloc(d->size);
	memcpy(copy, DatumGetPointer(v), d->size);
	return copy;
}

/* One part of a report as a table: report_table2/3/4(agency_code, year, lang). */
static Datum
report_table(FunctionCallInfo fcinfo, GiFigKind kind)
{
	const GiKindDesc *d = gi_kind(kind);
	text	   *code = PG_GETARG_TEXT_PP(0);
	int32		year = PG_GETARG_INT32(1);
	int64		agency_id;
	void	   *fig;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	agency_id = gi_agency_by_code(fcinfo, code);
	check_read_access(fcinfo, agency_id, code);
	fig = report_part_figures(fcinfo, d, agency_id, year);
	SPI_finish();

	if (fig == NULL)
	{
		const char *part = part_name(d->part);
		const char *hint = d->part == 2 && year < 2021 ?
			gi_zh("Table 二 of the 2019 format is not derived from records: store it with the report.") :
			"The stored report is still being compiled.";

		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("the annual report of agency \"%s\" for year %d has no table %s figures",
						text_to_cstring(code), year, part),
				 errhint("%s", hint)));
	}
	gi_table_rows(fcinfo, kind, fig, gi_lang_is_english(text_to_cstring(PG_GETARG_TEXT_PP(2))));
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(report_table2);
/* report_table2(agency_code, year, lang): table 二 of a report */
Datum
report_table2(PG_FUNCTION_ARGS)
{
	return report_table(fcinfo, GI_FIG_DISCLOSURE);
}

PG_FUNCTION_INFO_V1(report_table3);
/* report_table3(agency_code, year, lang): table 三 of a report */
Datum
report_table3(PG_FUNCTION_ARGS)
{
	return report_table(fcinfo, GI_FIG_REQUEST);
}

PG_FUNCTION_INFO_V1(report_table4);
/* report_table4(agency_code, year, lang): table 四 of a report */
Datum
report_table4(PG_FUNCTION_ARGS)
{
	return report_table(fcinfo, GI_FIG_APPEAL);
}
