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

/* A set of consultation periods, sorted by application (consultation.c). */
typedef struct GiConsultations GiConsultations;

/*
 * The working days of application app's periods in c (NULL: none) after
 * clock; false while one goes on and the application is open.  A day past
 * the calendar raises 22008, or with missing given sets *missing.
 */
extern bool gi_consult_count(FunctionCallInfo fcinfo, const GiConsultations *c, int64 app, DateADT clock,
							 bool open, const GiCalendar **cal, int32 *workdays, bool *missing);

/* The periods of every application (app NULL) or of one, read now (a new snapshot) into mcxt. */
extern const GiConsultations *gi_consultations_read(FunctionCallInfo fcinfo, MemoryContext mcxt, const int64 *app);

/* Changes whenever the periods kept for a query are read or forgotten. */
extern uint64 gi_consult_epoch;

#endif
