/*
 * calendar_fmgr.c — the working-day functions of SQL: is_workday,
 * add_workdays, workdays_between, calendar_known_from, calendar_known_until.
 * Each is O(1) on the calendar this backend keeps (calendar.c).
 *
 * Counting convention (条例 article 33, 民法典 article 201): the day a period
 * starts on is not counted, so the working days "after d up to e" are those
 * in (d, e], and d itself may be the day before the calendar's first day.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/date.h"

#include "calendar.h"

/* Raise 22008 unless day is covered (after_only: the day before the first one covered will do). */
static void
calendar_check(const GiCalendar *cal, DateADT day, bool after_only)
{
	if (cal->empty || DATE_NOT_FINITE(day) || day < cal->first - (after_only ? 1 : 0) || day > cal->last)
		gi_calendar_missing(cal, day);
}

/*
 * The calendar, with day checked to be covered by it; after_only: only the
 * days after day are needed, so the day before the first one covered will do.
 */
static const GiCalendar *
calendar_covering(FunctionCallInfo fcinfo, DateADT day, bool after_only)
{
	const GiCalendar *cal = gi_calendar(fcinfo);

	calendar_check(cal, day, after_only);
	return cal;
}

/* The n-th working day after day (n >= 0), as add_workdays; 22008 if the calendar does not reach it. */
DateADT
gi_add_workdays(const GiCalendar *cal, DateADT day, int32 n)
{
	int64		k;

	calendar_check(cal, day, n > 0);
	/* the index in the list of the working days of the n-th after day */
	k = (int64) cal->upto[day - cal->first + 1] + n - 1;
	if (n == 0 && !gi_calendar_is_workday(cal, day))
		k++;
	if (k >= cal->nworkdays)
		gi_calendar_missing(cal, cal->last + 1);
	return cal->workdays[k];
}

/* The working days in (from, to], as workdays_between; 22008 if the calendar does not cover them. */
int32
gi_workdays_between(const GiCalendar *cal, DateADT from, DateADT to)
{
	calendar_check(cal, from, true);
	if (DATE_NOT_FINITE(to) || to < cal->first || to > cal->last)
		gi_calendar_missing(cal, to);
	return cal->upto[to - cal->first + 1] - cal->upto[from - cal->first + 1];
}

PG_FUNCTION_INFO_V1(is_workday);

/* Whether a day is a working day. */
Datum
is_workday(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	const GiCalendar *cal = calendar_covering(fcinfo, day, false);

	PG_RETURN_BOOL(gi_calendar_is_workday(cal, day));
}

PG_FUNCTION_INFO_V1(add_workdays);

/* The n-th working day after a day (the day not counted); n = 0: the day if a working day, else the next one. */
Datum
add_workdays(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	int32		n = PG_GETARG_INT32(1);
	const GiCalendar *cal;

	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("add_workdays counts 0 or more working days"),
				 errdetail("It was given %d.", n)));
	cal = gi_calendar(fcinfo);
	PG_RETURN_DATEADT(gi_add_workdays(cal, day, n));
}

PG_FUNCTION_INFO_V1(workdays_between);

/* The working days after the first day up to and including the second (negative when the second is earlier). */
Datum
workdays_between(PG_FUNCTION_ARGS)
{
	DateADT		from = PG_GETARG_DATEADT(0);
	DateADT		to = PG_GETARG_DATEADT(1);
	const GiCalendar *cal = gi_calendar(fcinfo);

	PG_RETURN_INT32(gi_workdays_between(cal, from, to));
}

PG_FUNCTION_INFO_V1(calendar_known_from);

/* The first day the calendar covers (1 January of its first year), NULL if it has no year. */
Datum
calendar_known_from(PG_FUNCTION_ARGS)
{
	const GiCalendar *cal = gi_calendar(fcinfo);

	if (cal->empty)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(cal->first);
}

PG_FUNCTION_INFO_V1(calendar_known_until);

/* The last day the calendar covers (31 December of its last year), NULL if it has no year. */
Datum
calendar_known_until(PG_FUNCTION_ARGS)
{
	const GiCalendar *cal = gi_calendar(fcinfo);

	if (cal->empty)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(cal->last);
}
