/*
 * deadline.c — govinfo.deadline_of(): the whole deadline of one application
 * (条例 articles 30-33) in one call, for the application_deadline view and
 * the timeliness functions.
 *
 * The view used to spell the due date as an expression that PostgreSQL
 * copied into every column using it (add_workdays 5 times and the
 * consultation count 6 times a row).  Here the clock start, the consultation
 * working days (read once), the due date, the status and the working days
 * taken and late are computed together, on the calendar this backend keeps.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "fmgr.h"

#include "calendar.h"
#include "consultation.h"

/* The columns of deadline_of's result, in order. */
enum
{
	DL_CLOCK_STARTS_ON,
	DL_DUE_ON,
	DL_STATUS,
	DL_WORKDAYS_TAKEN,
	DL_WORKDAYS_LATE,
	DL_CONSULT_WORKDAYS,
	DL_NCOLUMNS
};

/* The statuses of an application. */
enum
{
	ST_OPEN,
	ST_OPEN_OVERDUE,
	ST_CLOSED_ON_TIME,
	ST_CLOSED_LATE,
	ST_N
};

/* What a call site keeps: the result's descriptor and the status texts. */
typedef struct DeadlineSite
{
	TupleDesc	desc;
	Datum		status[ST_N];
} DeadlineSite;

/* The call site's descriptor and status texts, made at its first call. */
static DeadlineSite *
deadline_site(FunctionCallInfo fcinfo)
{
	DeadlineSite *site = (DeadlineSite *) fcinfo->flinfo->fn_extra;
	static const char *const names[ST_N] = {"open", "open_overdue", "closed_on_time", "closed_late"};
	MemoryContext old;
	TupleDesc	desc;

	if (site != NULL)
		return site;
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE || desc->natts != DL_NCOLUMNS)
		elog(ERROR, "deadline_of must return a record of %d columns", DL_NCOLUMNS);
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	site = palloc(sizeof(DeadlineSite));
	site->desc = BlessTupleDesc(CreateTupleDescCopy(desc));
	for (int i = 0; i < ST_N; i++)
		site->status[i] = PointerGetDatum(cstring_to_text(names[i]));
	MemoryContextSwitchTo(old);
	fcinfo->flinfo->fn_extra = site;
	return site;
}

PG_FUNCTION_INFO_V1(deadline_of);

/*
 * deadline_of(application_id, received_on, corrected_on, extended, closed_on,
 * as_of): clock_starts_on, due_on, status (as of as_of), workdays_taken,
 * workdays_late, consult_workdays — exactly the columns of the
 * application_deadline view (sql/schema/75_calendar.sql says how each is
 * defined).
 */
Datum
deadline_of(PG_FUNCTION_ARGS)
{
	DeadlineSite *site = deadline_site(fcinfo);
	Datum		values[DL_NCOLUMNS] = {0};
	bool		nulls[DL_NCOLUMNS] = {true, true, false, true, true, true};
	const GiCalendar *cal = NULL;
	bool		have_clock = !PG_ARGISNULL(2) || !PG_ARGISNULL(1);
	bool		closed = !PG_ARGISNULL(4);
	bool		have_due = false;
	DateADT		clock = 0,
				due = 0,
				closed_on = closed ? PG_GETARG_DATEADT(4) : 0;
	int32		consult = 0;
	int			status;

	if (have_clock)
	{
		clock = !PG_ARGISNULL(2) ? PG_GETARG_DATEADT(2) : PG_GETARG_DATEADT(1);
		values[DL_CLOCK_STARTS_ON] = DateADTGetDatum(clock);
		nulls[DL_CLOCK_STARTS_ON] = false;
		/* no count while a consultation of an open application goes on: the time limit stands still */
		if (!PG_ARGISNULL(0) &&
			gi_consult_workdays(fcinfo, PG_GETARG_INT64(0), clock, !closed, &cal, &consult))
		{
			int32		limit = (!PG_ARGISNULL(3) && PG_GETARG_BOOL(3)) ? 40 : 20;

			values[DL_CONSULT_WORKDAYS] = Int32GetDatum(consult);
			nulls[DL_CONSULT_WORKDAYS] = false;
			if (cal == NULL)
				cal = gi_calendar(fcinfo);
			due = gi_add_workdays(cal, clock, limit + consult);
			have_due = true;
			values[DL_DUE_ON] = DateADTGetDatum(due);
			nulls[DL_DUE_ON] = false;
		}
	}
	if (!closed)
		status = (have_due && !PG_ARGISNULL(5) && due < PG_GETARG_DATEADT(5)) ? ST_OPEN_OVERDUE : ST_OPEN;
	else
		status = (have_due && closed_on <= due) ? ST_CLOSED_ON_TIME : ST_CLOSED_LATE;
	values[DL_STATUS] = site->status[status];
	if (closed && have_clock)
	{
		int32		taken;

		if (cal == NULL)
			cal = gi_calendar(fcinfo);
		taken = gi_workdays_between(cal, clock, closed_on);
		if (!nulls[DL_CONSULT_WORKDAYS])
		{
			values[DL_WORKDAYS_TAKEN] = Int32GetDatum(taken - consult);
			nulls[DL_WORKDAYS_TAKEN] = false;
		}
	}
	if (closed)
	{
		int32		late = 0;

		if (have_due && closed_on > due)
			late = gi_workdays_between(cal, due, closed_on);
		values[DL_WORKDAYS_LATE] = Int32GetDatum(late);
		nulls[DL_WORKDAYS_LATE] = false;
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(site->desc, values, nulls)));
}
