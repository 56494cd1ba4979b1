/*
 * report_triggers.c — the constraints of govinfo.annual_report that a CHECK
 * cannot express with a useful message, or at all:
 *
 *   annual_report_check  BEFORE INSERT OR UPDATE: fills the default format
 *                        from the year, and rejects figures of another format
 *                        or that break a balancing rule, naming rule and cell;
 *   annual_report_carry  AFTER INSERT OR UPDATE (constraint trigger): P3-CARRY,
 *                        row 2 of year Y = row 4 of year Y-1 for the agency.
 *
 * Every violation is SQLSTATE 23514 (check_violation).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/rel.h"

#include "rules.h"

/* "agency \"code\" (agency_id N)", looked up for error details. */
static char *
describe_agency(int64 agency_id)
{
	MemoryContext caller = CurrentMemoryContext;
	char	   *res = NULL;
	Oid			argtypes[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(agency_id)};

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args("SELECT code, name FROM govinfo.agency WHERE agency_id = $1",
							  1, argtypes, args, NULL, true, 1) == SPI_OK_SELECT &&
		SPI_processed == 1)
		res = MemoryContextStrdup(caller,
								  psprintf("agency \"%s\" %s (agency_id " INT64_FORMAT ")",
										   SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1),
										   SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2),
										   agency_id));
	SPI_finish();
	return res ? res : psprintf("agency_id " INT64_FORMAT, agency_id);
}

/* Attribute number of a column of the trigger's relation. */
static int
attnum(Relation rel, const char *name)
{
	int			n = SPI_fnumber(RelationGetDescr(rel), name);

	if (n <= 0)
		elog(ERROR, "relation \"%s\" has no column \"%s\"", RelationGetRelationName(rel), name);
	return n;
}

/* Callback counting violations. */
static bool
count_violation(const GiViolation *v, void *arg)
{
	(void) v;
	(*(int *) arg)++;
	return true;
}

/* Reject a figures value of the wrong format or breaking a rule. */
static void
check_figures(Relation rel, HeapTuple tup, GiFigKind kind, const char *column,
			  int format, int64 agency_id, int year)
{
	bool		isnull;
	Datum		d = heap_getattr(tup, attnum(rel, column), RelationGetDescr(rel), &isnull);
	GiViolation v;
	int			n = 0;

	if (isnull)
		return;
	if (gi_fig_has_format(kind) && gi_fig_format(kind, DatumGetPointer(d)) != format)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("annual report %s are in format %d but the report is in format %d",
						column, gi_fig_format(kind, DatumGetPointer(d)), format),
				 errdetail("%s, year %d.", describe_agency(agency_id), year),
				 errtableconstraint(rel, psprintf("annual_report_%s_format", column))));
	if (!gi_first_violation(kind, DatumGetPointer(d), &v))
		return;
	gi_check_rules(kind, DatumGetPointer(d), count_violation, &n);
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("annual report violates rule %s", v.rule),
			 errdetail("%s, year %d, %s, row %s, column %s: expected " INT64_FORMAT ", found " INT64_FORMAT " (%s).",
					   describe_agency(agency_id), year, column, v.row_code, v.col_code,
					   v.expected, v.actual, v.message),
			 errhint("%d rule%s broken in all; SELECT * FROM govinfo.violations(%s) lists them, and govinfo.complete() fills blank totals.",
					 n, n == 1 ? " is" : "s are", column),
			 errtableconstraint(rel, psprintf("annual_report_%s_balanced", column))));
}

PG_FUNCTION_INFO_V1(annual_report_check);
/* BEFORE INSERT OR UPDATE trigger: default format, formats and rules. */
Datum
annual_report_check(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	HeapTuple	tup;
	bool		isnull;
	int64		agency_id;
	int			year;
	int			format;
	Datum		fmt;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(td->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(td->tg_event) || TRIGGER_FIRED_BY_DELETE(td->tg_event))
		elog(ERROR, "annual_report_check must be a BEFORE INSERT OR UPDATE row trigger");
	rel = td->tg_relation;
	tup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;

	agency_id = DatumGetInt64(heap_getattr(tup, attnum(rel, "agency_id"), RelationGetDescr(rel), &isnull));
	if (isnull)
		return PointerGetDatum(tup);	/* NOT NULL reports it */
	year = DatumGetInt32(heap_getattr(tup, attnum(rel, "year"), RelationGetDescr(rel), &isnull));
	if (isnull)
		return PointerGetDatum(tup);

	fmt = heap_getattr(tup, attnum(rel, "format"), RelationGetDescr(rel), &isnull);
	if (isnull)
	{
		int			col = attnum(rel, "format");
		Datum		value = CStringGetTextDatum(psprintf("%d", gi_default_format(year)));
		bool		null = false;

		tup = heap_modify_tuple_by_cols(tup, RelationGetDescr(rel), 1, &col, &value, &null);
		fmt = value;
	}
	format = atoi(TextDatumGetCString(fmt));
	if (gi_format_mask(format) == 0)
		return PointerGetDatum(tup);	/* annual_report_format_known reports it */

	check_figures(rel, tup, GI_FIG_DISCLOSURE, "disclosures", format, agency_id, year);
	check_figures(rel, tup, GI_FIG_REQUEST, "requests", format, agency_id, year);
	check_figures(rel, tup, GI_FIG_APPEAL, "appeals", format, agency_id, year);
	return PointerGetDatum(tup);
}

static SPIPlanPtr lock_agency_plan = NULL;
static SPIPlanPtr neighbours_plan = NULL;

/* Prepare and keep a plan once per backend. */
static SPIPlanPtr
keep_plan(SPIPlanPtr *slot, const char *sql, int nargs, Oid *argtypes)
{
	if (*slot == NULL)
	{
		SPIPlanPtr	p = SPI_prepare(sql, nargs, argtypes);

		if (p == NULL)
			elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql, SPI_result_code_string(SPI_result));
		SPI_keepplan(p);
		*slot = p;
	}
	return *slot;
}

/* Check P3-CARRY between the stored reports of years y-1 and y. */
static void
check_carry_pair(Relation rel, int64 agency_id, int y, const RequestFigures *prev, const RequestFigures *cur)
{
	const GiGrid *g = gi_grid(GI_FIG_REQUEST, cur->format);

	for (int c = 0; c < RF_COLS; c++)
	{
		int32		in = cur->cells[RF_CELL(RF_ROW_CARRIED_IN, c)];
		int32		out = prev->cells[RF_CELL(RF_ROW_CARRIED_OUT, c)];

		if (in == GI_BLANK)
			in = 0;
		if (out == GI_BLANK)
			out = 0;
		if (in != out)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("annual report violates rule P3-CARRY"),
					 errdetail("%s, years %d and %d, column %s: row 2 of %d is %d but row 4 of %d is %d.",
							   describe_agency(agency_id), y - 1, y, g->rows[0].cols[c]->code,
							   y, in, y - 1, out),
					 errhint("Row 2 (上年结转) of a year must equal row 4 (结转下年度) of the year before; "
							 "change both in one statement, or SET CONSTRAINTS annual_report_p3_carry DEFERRED."),
					 errtableconstraint(rel, "annual_report_p3_carry")));
	}
}

PG_FUNCTION_INFO_V1(annual_report_carry);
/*
 * AFTER INSERT OR UPDATE constraint trigger for P3-CARRY.  It first locks the
 * agency row, so writers of one agency's reports take turns; the read that
 * follows then sees whatever a concurrent writer committed.
 */
Datum
annual_report_carry(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	HeapTuple	tup;
	bool		isnull;
	Oid			types[2] = {INT8OID, INT4OID};
	Datum		args[2];
	RequestFigures *by_year[3] = {NULL, NULL, NULL};
	int			year;
	int64		agency_id;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(td->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(td->tg_event) || TRIGGER_FIRED_BY_DELETE(td->tg_event))
		elog(ERROR, "annual_report_carry must be an AFTER INSERT OR UPDATE row trigger");
	rel = td->tg_relation;
	tup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	agency_id = DatumGetInt64(heap_getattr(tup, attnum(rel, "agency_id"), RelationGetDescr(rel), &isnull));
	year = DatumGetInt32(heap_getattr(tup, attnum(rel, "year"), RelationGetDescr(rel), &isnull));
	args[0] = Int64GetDatum(agency_id);
	args[1] = Int32GetDatum(year);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	keep_plan(&lock_agency_plan,
			  "SELECT 1 FROM govinfo.agency WHERE agency_id OPERATOR(pg_catalog.=) $1 FOR NO KEY UPDATE",
			  1, types);
	keep_plan(&neighbours_plan,
			  "SELECT year, requests FROM govinfo.annual_report"
			  " WHERE agency_id OPERATOR(pg_catalog.=) $1"
			  " AND year OPERATOR(pg_catalog.>=) ($2 OPERATOR(pg_catalog.-) 1)"
			  " AND year OPERATOR(pg_catalog.<=) ($2 OPERATOR(pg_catalog.+) 1)"
			  " AND requests IS NOT NULL",
			  2, types);
	if (SPI_execute_plan(lock_agency_plan, args, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "locking the agency failed");
	if (SPI_execute_plan(neighbours_plan, args, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading neighbouring reports failed");

	/* the current reports of years year-1, year and year+1, as stored now */
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	t = SPI_tuptable->vals[i];
		int			y = DatumGetInt32(SPI_getbinval(t, SPI_tuptable->tupdesc, 1, &isnull));
		Datum		f = SPI_getbinval(t, SPI_tuptable->tupdesc, 2, &isnull);

		by_year[y - year + 1] = (RequestFigures *) DatumGetPointer(f);
	}
	if (by_year[1] != NULL)
	{
		if (by_year[0] != NULL)
			check_carry_pair(rel, agency_id, year, by_year[0], by_year[1]);
		if (by_year[2] != NULL)
			check_carry_pair(rel, agency_id, year + 1, by_year[1], by_year[2]);
	}
	SPI_finish();
	return PointerGetDatum(NULL);
}
