/*
 * deadline.c — the deadline of one application (条例 articles 30-33):
 * gi_deadline(), which the per-column functions of the application_deadline
 * view (deadline_columns.c) and govinfo.deadline_of() share.
 *
 * The clock start, the consultation working days (read once per query,
 * consultation.c), the due date and the working days taken and late are
 * computed together on the calendar this backend keeps.  The view asks for
 * five columns of the same row one after the other: the last deadline
 * computed is kept, keyed by its inputs, the calendar and the query's
 * consultation periods, so that a row costs one computation and four
 * comparisons, and no record.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "fmgr.h"

#include "calendar.h"
#include "consultation.h"
#include "deadline.h"

/* The last deadline computed and what it was computed with (deadline.h reads it inline). */
GiDeadlineMemo gi_deadline_memo;

/* Read the five inputs of fcinfo into d (its inputs part). */
static void
deadline_inputs(FunctionCallInfo fcinfo, GiDeadline *d)
{
	d->app_null = PG_ARGISNULL(0);
	d->app = d->app_null ? 0 : PG_GETARG_INT64(0);
	d->received_null = PG_ARGISNULL(1);
	d->received = d->received_null ? 0 : PG_GETARG_DATEADT(1);
	d->corrected_null = PG_ARGISNULL(2);
	d->corrected = d->corrected_null ? 0 : PG_GETARG_DATEADT(2);
	d->extended_null = PG_ARGISNULL(3);
	d->extended = d->extended_null ? false : PG_GETARG_BOOL(3);
	d->closed = !PG_ARGISNULL(4);
	d->closed_on = d->closed ? PG_GETARG_DATEADT(4) : 0;
}

/* Compute the deadline of d's inputs into d. */
static void
deadline_compute(FunctionCallInfo fcinfo, GiDeadline *d)
{
	const GiCalendar *cal = NULL;

	d->have_clock = !d->corrected_null || !d->received_null;
	d->have_due = d->have_consult = d->have_taken = false;
	d->clock = d->due = 0;
	d->consult = d->taken = d->late = 0;
	if (d->have_clock)
	{
		d->clock = !d->corrected_null ? d->corrected : d->received;
		/* no count while a consultation of an open application goes on: the time limit stands still */
		if (!d->app_null &&
			gi_consult_workdays(fcinfo, d->app, d->clock, !d->closed, &cal, &d->consult))
		{
			int32		limit = d->extended ? 40 : 20;

			d->have_consult = true;
			if (cal == NULL)
				cal = gi_calendar(fcinfo);
			d->due = gi_add_workdays(cal, d->clock, limit + d->consult);
			d->have_due = true;
		}
	}
	if (d->closed && d->have_clock)
	{
		int32		taken;

		if (cal == NULL)
			cal = gi_calendar(fcinfo);
		taken = gi_workdays_between(cal, d->clock, d->closed_on);
		if (d->have_consult)
		{
			d->taken = taken - d->consult;
			d->have_taken = true;
		}
	}
	if (d->closed && d->have_due && d->closed_on > d->due)
		d->late = gi_workdays_between(cal, d->due, d->closed_on);
}

/* Compute the deadline of fcinfo's arguments and keep it in gi_deadline_memo. */
void
gi_deadline_fill(FunctionCallInfo fcinfo)
{
	GiDeadlineMemo *m = &gi_deadline_memo;

	m->valid = false;
	deadline_inputs(fcinfo, &m->d);
	deadline_compute(fcinfo, &m->d);
	for (int i = 0; i < GI_DEADLINE_NARGS; i++)
	{
		m->args[i].isnull = fcinfo->args[i].isnull;
		m->args[i].value = fcinfo->args[i].isnull ? (Datum) 0 : fcinfo->args[i].value;
	}
	/* the epochs after the computation: it may have read the calendar or the periods */
	m->calendar_epoch = gi_calendar_epoch;
	m->consult_epoch = gi_consult_epoch;
	m->cxt = fcinfo->flinfo->fn_mcxt;
	m->valid = true;
}

/* The status of a deadline as of a day (as_of_null: no day, never overdue). */
GiDeadlineStatus
gi_deadline_status(const GiDeadline *d, DateADT as_of, bool as_of_null)
{
	if (!d->closed)
		return (d->have_due && !as_of_null && d->due < as_of) ? GI_ST_OPEN_OVERDUE : GI_ST_OPEN;
	return (d->have_due && d->closed_on <= d->due) ? GI_ST_CLOSED_ON_TIME : GI_ST_CLOSED_LATE;
}

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

/* What a call site of deadline_of keeps: the result's descriptor and the status texts. */
typedef struct DeadlineSite
{
	TupleDesc	desc;
	Datum		status[GI_ST_N];
} DeadlineSite;

/* The call site's descriptor and status texts, made at its first call. */
static DeadlineSite *
deadline_site(FunctionCallInfo fcinfo)
{
	DeadlineSite *site = (DeadlineSite *) fcinfo->flinfo->fn_extra;
	static const char *const names[GI_ST_N] = {"open", "open_overdue", "closed_on_time", "closed_late"};
	MemoryContext old;
	TupleDesc	desc;

	if (site != NULL)
		return site;
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE || desc->natts != DL_NCOLUMNS)
		elog(ERROR, "deadline_of must return a record of %d columns", DL_NCOLUMNS);
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	site = palloc(sizeof(DeadlineSite));
	site->desc = BlessTupleDesc(CreateTupleDescCopy(desc));
	for (int i = 0; i < GI_ST_N; i++)
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
	const GiDeadline *d = gi_deadline(fcinfo);
	Datum		values[DL_NCOLUMNS] = {0};
	bool		nulls[DL_NCOLUMNS] = {true, true, false, true, true, true};

	if (d->have_clock)
	{
		values[DL_CLOCK_STARTS_ON] = DateADTGetDatum(d->clock);
		nulls[DL_CLOCK_STARTS_ON] = false;
	}
	if (d->have_due)
	{
		values[DL_DUE_ON] = DateADTGetDatum(d->due);
		nulls[DL_DUE_ON] = false;
	}
	values[DL_STATUS] = site->status[gi_deadline_status(d, PG_ARGISNULL(5) ? 0 : PG_GETARG_DATEADT(5), PG_ARGISNULL(5))];
	if (d->have_taken)
	{
		values[DL_WORKDAYS_TAKEN] = Int32GetDatum(d->taken);
		nulls[DL_WORKDAYS_TAKEN] = false;
	}
	if (d->closed)
	{
		values[DL_WORKDAYS_LATE] = Int32GetDatum(d->late);
		nulls[DL_WORKDAYS_LATE] = false;
	}
	if (d->have_consult)
	{
		values[DL_CONSULT_WORKDAYS] = Int32GetDatum(d->consult);
		nulls[DL_CONSULT_WORKDAYS] = false;
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(site->desc, values, nulls)));
}
