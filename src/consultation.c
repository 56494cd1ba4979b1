/*
 * consultation.c — the working days an application spent in consultations
 * (条例 articles 32, 33): govinfo.consult_workdays() and, for deadline_of()
 * (deadline.c), gi_consult_workdays().
 *
 * The view reads every application, and only a few have consultations: a
 * join would cost every row a hash probe.  Instead the first call of a query
 * reads application_consultation once (with the query's snapshot) into
 * arrays kept in the per-query context, sorted by application, with a bitmap of the
 * applications that have any; a row without consultations costs one bit test.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/date.h"
#include "utils/memutils.h"

#include "fmgr.h"

#include "calendar.h"
#include "consultation.h"
#include "plans.h"

/* The bitmap covers at most this many application ids (8 MB); beyond, a binary search decides. */
#define MAX_BITMAP_IDS ((int64) 1 << 26)

/* The consultation periods of a query, sorted by application and start. */
typedef struct Consultations
{
	int			n;
	int64	   *app;
	DateADT    *started;
	DateADT    *ended;			/* DATEVAL_NOEND: still going on */
	int64		min_app;
	int64		max_app;
	uint8	   *bits;			/* NULL: the range is too wide for a bitmap */
} Consultations;

/*
 * The periods read by the current query: every call site of a query shares
 * them (their FmgrInfos live in the same per-query context); dropped when that
 * context goes.
 */
static Consultations *query_consultations = NULL;
static MemoryContext query_cxt = NULL;

/* Changes whenever the kept periods are read or forgotten (deadline.c keys its memo on it). */
uint64		gi_consult_epoch = 0;

/* The per-query context of the kept periods is reset or deleted: forget them. */
static void
consultations_forget(void *arg)
{
	query_consultations = NULL;
	query_cxt = NULL;
	gi_consult_epoch++;
}

/* Read every consultation period into the arrays, in mcxt. */
static Consultations *
consultations_load(FunctionCallInfo fcinfo, MemoryContext mcxt)
{
	Consultations *c = MemoryContextAllocZero(mcxt, sizeof(Consultations));
	StringInfoData sql;

	initStringInfo(&sql);
	appendStringInfo(&sql, "SELECT application_id, started_on, ended_on FROM %s.application_consultation"
					 " ORDER BY application_id, started_on", gi_schema(fcinfo));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute(sql.data, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(SPI_result));
	c->n = (int) SPI_processed;
	c->app = MemoryContextAlloc(mcxt, Max(c->n, 1) * sizeof(int64));
	c->started = MemoryContextAlloc(mcxt, Max(c->n, 1) * sizeof(DateADT));
	c->ended = MemoryContextAlloc(mcxt, Max(c->n, 1) * sizeof(DateADT));
	for (int i = 0; i < c->n; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		Datum		v;

		c->app[i] = DatumGetInt64(SPI_getbinval(tup, desc, 1, &isnull));
		c->started[i] = DatumGetDateADT(SPI_getbinval(tup, desc, 2, &isnull));
		v = SPI_getbinval(tup, desc, 3, &isnull);
		c->ended[i] = isnull ? DATEVAL_NOEND : DatumGetDateADT(v);
	}
	SPI_finish();

	if (c->n > 0)
	{
		c->min_app = c->app[0];
		c->max_app = c->app[c->n - 1];
		if (c->max_app - c->min_app < MAX_BITMAP_IDS)
		{
			c->bits = MemoryContextAllocZero(mcxt, (c->max_app - c->min_app) / 8 + 1);
			for (int i = 0; i < c->n; i++)
			{
				int64		b = c->app[i] - c->min_app;

				c->bits[b / 8] |= (uint8) (1 << (b % 8));
			}
		}
	}
	return c;
}

/* The index of the first period of an application, or -1 if it has none. */
static int
consultations_first(const Consultations *c, int64 app)
{
	int			lo = 0,
				hi = c->n;

	if (c->n == 0 || app < c->min_app || app > c->max_app)
		return -1;
	if (c->bits != NULL)
	{
		int64		b = app - c->min_app;

		if ((c->bits[b / 8] & (1 << (b % 8))) == 0)
			return -1;
	}
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (c->app[mid] < app)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo < c->n && c->app[lo] == app) ? lo : -1;
}

/* Working days in (from, to] of the calendar, to ≥ from; an error if it does not cover them. */
static int32
calendar_count(const GiCalendar *cal, DateADT from, DateADT to)
{
	if (cal->empty || from < cal->first - 1 || from > cal->last)
		gi_calendar_missing(cal, from);
	if (to > cal->last)
		gi_calendar_missing(cal, to);
	return cal->upto[to - cal->first + 1] - cal->upto[from - cal->first + 1];
}

/* The consultation periods of the current query, read at its first call (every call site shares them). */
static const Consultations *
consultations_of_query(FunctionCallInfo fcinfo)
{
	MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
	MemoryContextCallback *cb;

	if (query_consultations != NULL && query_cxt == mcxt)
		return query_consultations;
	cb = MemoryContextAllocZero(mcxt, sizeof(MemoryContextCallback));
	query_consultations = consultations_load(fcinfo, mcxt);
	query_cxt = mcxt;
	gi_consult_epoch++;
	cb->func = consultations_forget;
	MemoryContextRegisterResetCallback(mcxt, cb);
	return query_consultations;
}

/*
 * The working days of application app's consultation periods after the clock
 * start (a period counts the working days after its first day up to its
 * last), overlapping periods counted once; false (no count) while one goes on
 * and the application is open (the time limit stands still).  *cal: the
 * calendar, fetched here if NULL and needed.
 */
bool
gi_consult_workdays(FunctionCallInfo fcinfo, int64 app, DateADT clock, bool open,
					const GiCalendar **cal, int32 *workdays)
{
	const Consultations *c = consultations_of_query(fcinfo);
	int32		total = 0;
	bool		going_on = false;
	DateADT		cur_lo = 0,
				cur_hi = 0;
	bool		have = false;
	int			i;

	*workdays = 0;
	i = consultations_first(c, app);
	if (i < 0)
		return true;
	for (; i < c->n && c->app[i] == app; i++)
	{
		DateADT		lo = Max(c->started[i], clock);
		DateADT		hi = c->ended[i];

		if (hi == DATEVAL_NOEND)
		{
			going_on = true;
			continue;
		}
		if (hi <= lo)
			continue;
		/* periods come by start; their clipped starts too */
		if (have && lo <= cur_hi)
		{
			cur_hi = Max(cur_hi, hi);
			continue;
		}
		if (have)
		{
			if (*cal == NULL)
				*cal = gi_calendar(fcinfo);
			total += calendar_count(*cal, cur_lo, cur_hi);
		}
		cur_lo = lo;
		cur_hi = hi;
		have = true;
	}
	if (going_on && open)
		return false;
	if (have)
	{
		if (*cal == NULL)
			*cal = gi_calendar(fcinfo);
		total += calendar_count(*cal, cur_lo, cur_hi);
	}
	*workdays = total;
	return true;
}

PG_FUNCTION_INFO_V1(consult_workdays);

/*
 * consult_workdays(application_id, clock_starts_on, closed_on): the working
 * days of the application's consultations (gi_consult_workdays); NULL while
 * one goes on and the application is open.
 */
Datum
consult_workdays(PG_FUNCTION_ARGS)
{
	const GiCalendar *cal = NULL;
	int32		workdays;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	if (!gi_consult_workdays(fcinfo, PG_GETARG_INT64(0), PG_GETARG_DATEADT(1), PG_ARGISNULL(2), &cal, &workdays))
		PG_RETURN_NULL();
	PG_RETURN_INT32(workdays);
}
