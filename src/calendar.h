/*
 * calendar.h — the working-day calendar (govinfo.workday_calendar) as this
 * backend keeps it: a day-indexed count of working days and the list of the
 * working days, loaded once and loaded again when the table changes.
 */
#ifndef GOVINFO_CALENDAR_H
#define GOVINFO_CALENDAR_H

#include "fmgr.h"
#include "utils/date.h"

typedef struct GiCalendar
{
	DateADT		first;			/* 1 January of the first year covered */
	DateADT		last;			/* 31 December of the last year covered */
	int32	   *upto;			/* upto[i]: working days in [first, first + i), i = 0 .. last - first + 1 */
	DateADT    *workdays;		/* the working days from first to last, ascending */
	int32		nworkdays;
	bool		empty;			/* the table has no year: first and last are meaningless */
} GiCalendar;

/* Changes whenever the calendar is marked stale or read again. */
extern uint64 gi_calendar_epoch;

/* The calendar as of now, loaded if there is none or the table changed since it was loaded. */
extern const GiCalendar *gi_calendar(FunctionCallInfo fcinfo);

/* Raise 22008: day (or a day of the year after the calendar, past_end) is not covered. */
extern void gi_calendar_missing(const GiCalendar *cal, DateADT day);

/* The n-th working day after day (n >= 0; n = 0: day or the next working day); 22008 past the calendar. */
extern DateADT gi_add_workdays(const GiCalendar *cal, DateADT day, int32 n);

/* The working days in (from, to]; 22008 if the calendar does not cover them. */
extern int32 gi_workdays_between(const GiCalendar *cal, DateADT from, DateADT to);

/* Whether day (covered) is a working day. */
static inline bool
gi_calendar_is_workday(const GiCalendar *cal, DateADT day)
{
	int32		i = day - cal->first;

	return cal->upto[i + 1] > cal->upto[i];
}

#endif
