/*
 * deadline.h — the deadline of one application (条例 articles 30-33), as
 * deadline_of() and the per-column functions of the application_deadline
 * view compute it (deadline.c, deadline_columns.c).
 */
#ifndef GOVINFO_DEADLINE_H
#define GOVINFO_DEADLINE_H

#include "fmgr.h"
#include "utils/date.h"

#include "calendar.h"
#include "consultation.h"

/* The statuses of an application. */
typedef enum GiDeadlineStatus
{
	GI_ST_OPEN,
	GI_ST_OPEN_OVERDUE,
	GI_ST_CLOSED_ON_TIME,
	GI_ST_CLOSED_LATE,
	GI_ST_N
} GiDeadlineStatus;

/* The deadline functions' first arguments: application_id, received_on, corrected_on, extended, closed_on. */
#define GI_DEADLINE_NARGS 5

/* An application's inputs (arguments 0-4 of the deadline functions) and its deadline. */
typedef struct GiDeadline
{
	/* the inputs: application_id, received_on, corrected_on, extended, closed_on */
	int64		app;
	DateADT		received;
	DateADT		corrected;
	DateADT		closed_on;
	bool		app_null;
	bool		received_null;
	bool		corrected_null;
	bool		extended_null;
	bool		extended;
	bool		closed;			/* closed_on is not NULL */

	/* the deadline; a value is NULL unless its have_ flag is set */
	bool		have_clock;
	bool		have_due;
	bool		have_consult;
	bool		have_taken;
	DateADT		clock;
	DateADT		due;
	int32		consult;
	int32		taken;
	int32		late;			/* meaningful when closed */
} GiDeadline;

/* The last deadline computed, and what it was computed with: its arguments, the calendar, the query. */
typedef struct GiDeadlineMemo
{
	GiDeadline	d;
	NullableDatum args[GI_DEADLINE_NARGS];
	bool		valid;
	uint64		calendar_epoch;
	uint64		consult_epoch;
	MemoryContext cxt;
} GiDeadlineMemo;

extern GiDeadlineMemo gi_deadline_memo;

/* Compute the deadline of fcinfo's first five arguments and keep it in gi_deadline_memo. */
extern void gi_deadline_fill(FunctionCallInfo fcinfo);

/*
 * The deadline of the application whose inputs are the first five arguments
 * of fcinfo (application_id, received_on, corrected_on, extended,
 * closed_on): the kept one if the arguments, the calendar and the query's
 * consultation periods are the same, else computed and kept.  The arguments
 * are by-value (bigint, date, boolean): equal datums are equal values; unequal
 * datums of equal values (none PostgreSQL makes) would only compute it again.
 * Inline: the view calls it five times a row.
 */
static inline const GiDeadline *
gi_deadline(FunctionCallInfo fcinfo)
{
	const GiDeadlineMemo *m = &gi_deadline_memo;
	const NullableDatum *a = fcinfo->args;
	bool		hit = m->valid && m->cxt == fcinfo->flinfo->fn_mcxt &&
		m->calendar_epoch == gi_calendar_epoch && m->consult_epoch == gi_consult_epoch;

	for (int i = 0; hit && i < GI_DEADLINE_NARGS; i++)
		hit = a[i].isnull == m->args[i].isnull && (a[i].isnull || a[i].value == m->args[i].value);
	if (!hit)
		gi_deadline_fill(fcinfo);
	return &gi_deadline_memo.d;
}

/* The status of a deadline as of a day (as_of_null: no day, never overdue). */
extern GiDeadlineStatus gi_deadline_status(const GiDeadline *d, DateADT as_of, bool as_of_null);

#endif
