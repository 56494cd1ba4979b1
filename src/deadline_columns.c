/*
 * deadline_columns.c — the computed columns of the application_deadline
 * view, one small function each: deadline_due_on, deadline_status,
 * deadline_workdays_taken, deadline_workdays_late, deadline_consult_workdays.
 *
 * Each takes the application's inputs (application_id, received_on,
 * corrected_on, extended, closed_on) and returns one scalar; the view calls
 * them on the same row one after the other, and gi_deadline() (deadline.c)
 * computes the row's deadline at the first call and hands it back to the
 * others.  A scalar per call, no record to build and take apart.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/memutils.h"

#include "fmgr.h"

#include "deadline.h"

/* The status texts, made once per backend. */
static Datum status_text[GI_ST_N];
static bool status_text_made = false;

/* The text datum of a status. */
static Datum
status_datum(GiDeadlineStatus st)
{
	if (!status_text_made)
	{
		static const char *const names[GI_ST_N] = {"open", "open_overdue", "closed_on_time", "closed_late"};
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		for (int i = 0; i < GI_ST_N; i++)
			status_text[i] = PointerGetDatum(cstring_to_text(names[i]));
		MemoryContextSwitchTo(old);
		status_text_made = true;
	}
	return status_text[st];
}

PG_FUNCTION_INFO_V1(deadline_due_on);

/* The due date of an application; NULL while a consultation of an open application goes on. */
Datum
deadline_due_on(PG_FUNCTION_ARGS)
{
	const GiDeadline *d = gi_deadline(fcinfo);

	if (!d->have_due)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(d->due);
}

PG_FUNCTION_INFO_V1(deadline_status);

/* The status of an application as of today (CURRENT_DATE): open, open_overdue, closed_on_time, closed_late. */
Datum
deadline_status(PG_FUNCTION_ARGS)
{
	const GiDeadline *d = gi_deadline(fcinfo);

	/* today only matters for an open application with a due date */
	if (!d->closed && d->have_due)
		return status_datum(gi_deadline_status(d, GetSQLCurrentDate(), false));
	return status_datum(gi_deadline_status(d, 0, true));
}

PG_FUNCTION_INFO_V1(deadline_workdays_taken);

/* The working days a closed application took, its consultations not counted. */
Datum
deadline_workdays_taken(PG_FUNCTION_ARGS)
{
	const GiDeadline *d = gi_deadline(fcinfo);

	if (!d->have_taken)
		PG_RETURN_NULL();
	PG_RETURN_INT32(d->taken);
}

PG_FUNCTION_INFO_V1(deadline_workdays_late);

/* The working days a closed application was answered after its due date (0: on time); NULL while open. */
Datum
deadline_workdays_late(PG_FUNCTION_ARGS)
{
	const GiDeadline *d = gi_deadline(fcinfo);

	if (!d->closed)
		PG_RETURN_NULL();
	PG_RETURN_INT32(d->late);
}

PG_FUNCTION_INFO_V1(deadline_consult_workdays);

/* The working days of an application's consultations after its clock start; NULL while one of an open one goes on. */
Datum
deadline_consult_workdays(PG_FUNCTION_ARGS)
{
	const GiDeadline *d = gi_deadline(fcinfo);

	if (!d->have_consult)
		PG_RETURN_NULL();
	PG_RETURN_INT32(d->consult);
}
