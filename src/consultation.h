/*
 * consultation.h — the working days an application spent in consultations
 * (consultation.c), for the deadline of an application (deadline.c).
 */
#ifndef GOVINFO_CONSULTATION_H
#define GOVINFO_CONSULTATION_H

#include "fmgr.h"
#include "utils/date.h"

#include "calendar.h"

/*
 * The working days of application app's consultations after clock (into
 * *workdays); false while one goes on and the application is open.  The
 * periods are read once per query (fcinfo's call site); *cal is fetched if
 * NULL and needed.
 */
extern bool gi_consult_workdays(FunctionCallInfo fcinfo, int64 app, DateADT clock, bool open,
								const GiCalendar **cal, int32 *workdays);

/* Changes whenever the periods kept for a query are read or forgotten. */
extern uint64 gi_consult_epoch;

#endif
