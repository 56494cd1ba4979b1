/*
 * calendar.c — govinfo.workday_calendar kept by each backend, for the
 * working-day functions (calendar_fmgr.c) and the deadlines built on them.
 *
 * A day is a working day when the table has a 'workday' row for it (a
 * make-up Saturday or Sunday, 调休), or it is a Monday to Friday without a
 * 'holiday' row.  A year is known when the table has a row on its 1 January
 * (元旦 is a holiday in every yearly notice); the calendar covers the run of
 * known years from the earliest one on, without a gap, and nothing else: a
 * day outside it is an error naming the missing year, never a guess.
 *
 * The calendar is read once per backend into two arrays: upto[i], the number
 * of working days before first + i, and the list of the working days, so that
 * every function is O(1).  It is read again after a change of the table: the
 * table's statement trigger (workday_calendar_changed) registers a relcache
 * invalidation of the table, which this backend applies at the end of the
 * changing statement and other backends when the transaction commits, and a
 * relcache callback marks the calendar stale.  It is read with the latest
 * snapshot, like a catalog: an invalidation is sent only once the change is
 * visible, so the calendar read after one sees it.  In parallel mode (where
 * the latest snapshot cannot be taken) it is read with the query's snapshot,
 * and kept only until the end of the transaction.
 */
#include "postgres.h"

#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/tuptable.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "calendar.h"

/* One row of the table: its day and whether it says working day. */
typedef struct CalendarRow
{
	DateADT		day;
	bool		workday;
} CalendarRow;

static GiCalendar calendar;
static bool calendar_valid = false;
static bool calendar_transient = false;	/* read in parallel mode: good until the transaction ends */
static Oid	calendar_relid = InvalidOid;
static MemoryContext calendar_cxt = NULL;
static bool callbacks_registered = false;

/* Changes whenever the calendar is marked stale or read again (deadline.c keys its memo on it). */
uint64		gi_calendar_epoch = 0;

/* Relcache callback: the calendar table (or every relation) changed. */
static void
calendar_relcache_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == calendar_relid)
	{
		calendar_valid = false;
		gi_calendar_epoch++;
	}
}

/* Transaction end: a calendar read with a query's snapshot is dropped. */
static void
calendar_xact_callback(XactEvent event, void *arg)
{
	if (calendar_transient && (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
							   event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT))
	{
		calendar_valid = false;
		gi_calendar_epoch++;
	}
}

/* The year of a finite date. */
static int
date_year(DateADT day)
{
	int			y,
				m,
				d;

	j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	return y;
}

/* Whether a finite date is 1 January. */
static bool
date_is_new_year(DateADT day)
{
	int			y,
				m,
				d;

	j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	return m == 1 && d == 1;
}

/* The attribute number of a column of the calendar table, by name. */
static AttrNumber
calendar_column(TupleDesc desc, const char *name, Oid type)
{
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0 && att->atttypid == type)
			return att->attnum;
	}
	elog(ERROR, "govinfo.workday_calendar has no column \"%s\" of the expected type", name);
	return InvalidAttrNumber;
}

/* Every row of the table, read with snap, into a palloc'd array; *n its length. */
static CalendarRow *
calendar_read(Relation rel, Snapshot snap, int *n)
{
	TupleDesc	desc = RelationGetDescr(rel);
	AttrNumber	day_att = calendar_column(desc, "day", DATEOID);
	AttrNumber	kind_att = calendar_column(desc, "kind", TEXTOID);
	TableScanDesc scan = table_beginscan(rel, snap, 0, NULL);
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	int			cap = 512;
	CalendarRow *rows = palloc(cap * sizeof(CalendarRow));

	*n = 0;
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		Datum		day = slot_getattr(slot, day_att, &isnull);
		Datum		kind;

		if (isnull || DATE_NOT_FINITE(DatumGetDateADT(day)))
			continue;
		kind = slot_getattr(slot, kind_att, &isnull);
		if (isnull)
			continue;
		if (*n == cap)
		{
			cap *= 2;
			rows = repalloc(rows, cap * sizeof(CalendarRow));
		}
		rows[*n].day = DatumGetDateADT(day);
		rows[*n].workday = strcmp(TextDatumGetCString(kind), "workday") == 0;
		(*n)++;
	}
	ExecDropSingleTupleTableSlot(slot);
	table_endscan(scan);
	return rows;
}

/* The known years of the rows: first and last of the gap-free run from the earliest; false if none. */
static bool
calendar_years(const CalendarRow *rows, int n, int *first, int *last)
{
	int			lo = INT_MAX,
				hi = INT_MIN;
	bool	   *known;

	for (int i = 0; i < n; i++)
		if (date_is_new_year(rows[i].day))
		{
			lo = Min(lo, date_year(rows[i].day));
			hi = Max(hi, date_year(rows[i].day));
		}
	if (lo > hi)
		return false;
	known = palloc0((hi - lo + 1) * sizeof(bool));
	for (int i = 0; i < n; i++)
		if (date_is_new_year(rows[i].day))
			known[date_year(rows[i].day) - lo] = true;
	*first = lo;
	*last = lo;
	while (*last < hi && known[*last + 1 - lo])
		(*last)++;
	pfree(known);
	return true;
}

/* Build the calendar of the known years from the rows, in calendar_cxt. */
static void
calendar_build(const CalendarRow *rows, int n)
{
	int			first_year,
				last_year;
	int			ndays;
	bool	   *work;

	MemoryContextReset(calendar_cxt);
	memset(&calendar, 0, sizeof(calendar));
	if (!calendar_years(rows, n, &first_year, &last_year))
	{
		calendar.empty = true;
		return;
	}
	calendar.first = date2j(first_year, 1, 1) - POSTGRES_EPOCH_JDATE;
	calendar.last = date2j(last_year, 12, 31) - POSTGRES_EPOCH_JDATE;
	ndays = calendar.last - calendar.first + 1;

	/* Monday to Friday, then the rows of the notices */
	work = palloc(ndays * sizeof(bool));
	for (int i = 0; i < ndays; i++)
	{
		int			dow = j2day(calendar.first + i + POSTGRES_EPOCH_JDATE);	/* 0 = Sunday */

		work[i] = dow >= 1 && dow <= 5;
	}
	for (int i = 0; i < n; i++)
		if (rows[i].day >= calendar.first && rows[i].day <= calendar.last)
			work[rows[i].day - calendar.first] = rows[i].workday;

	calendar.upto = MemoryContextAlloc(calendar_cxt, (ndays + 1) * sizeof(int32));
	calendar.workdays = MemoryContextAlloc(calendar_cxt, ndays * sizeof(DateADT));
	calendar.upto[0] = 0;
	for (int i = 0; i < ndays; i++)
	{
		if (work[i])
			calendar.workdays[calendar.nworkdays++] = calendar.first + i;
		calendar.upto[i + 1] = calendar.nworkdays;
	}
	pfree(work);
}

/* Read the table of the extension (the schema of the calling function) and build the calendar. */
static void
calendar_load(FunctionCallInfo fcinfo)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	Oid			relid = get_relname_relid("workday_calendar", nsp);
	bool		transient = IsInParallelMode();
	Relation	rel;
	Snapshot	snap;
	CalendarRow *rows;
	int			n;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("the working-day calendar table workday_calendar is missing")));
	if (calendar_cxt == NULL)
		calendar_cxt = AllocSetContextCreate(TopMemoryContext, "govinfo working-day calendar",
											 ALLOCSET_SMALL_SIZES);
	if (!callbacks_registered)
	{
		CacheRegisterRelcacheCallback(calendar_relcache_callback, (Datum) 0);
		RegisterXactCallback(calendar_xact_callback, NULL);
		callbacks_registered = true;
	}

	calendar_valid = false;
	calendar_relid = relid;
	rel = table_open(relid, AccessShareLock);
	snap = RegisterSnapshot(transient ? GetActiveSnapshot() : GetLatestSnapshot());
	rows = calendar_read(rel, snap, &n);
	UnregisterSnapshot(snap);
	table_close(rel, NoLock);

	calendar_build(rows, n);
	pfree(rows);
	calendar_transient = transient;
	calendar_valid = true;
	gi_calendar_epoch++;
}

/* The calendar as of now, loaded if there is none or the table changed since it was loaded. */
const GiCalendar *
gi_calendar(FunctionCallInfo fcinfo)
{
	if (!calendar_valid)
		calendar_load(fcinfo);
	return &calendar;
}

/* Raise 22008: the calendar does not cover day; the error names the first year missing from there. */
void
gi_calendar_missing(const GiCalendar *cal, DateADT day)
{
	int			year;
	char	   *from,
			   *until;

	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("the working-day calendar has no infinite date")));
	if (cal->empty)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("the working-day calendar of %d is not known", date_year(day)),
				 errdetail("Table govinfo.workday_calendar has no year: no row on a 1 January."),
				 errhint("Add the State Council's holiday notice of each year to govinfo.workday_calendar, its 1 January row included (doc/deadlines.md).")));
	year = day < cal->first ? date_year(day) : date_year(cal->last) + 1;
	from = DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(cal->first)));
	until = DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(cal->last)));
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("the working-day calendar of %d is not known", year),
			 errdetail("Table govinfo.workday_calendar covers %s to %s.", from, until),
			 errhint("Add the State Council's holiday notice for %d to govinfo.workday_calendar, its 1 January row included (doc/deadlines.md).", year)));
}

PG_FUNCTION_INFO_V1(workday_calendar_changed);

/* Statement trigger of govinfo.workday_calendar: every backend's calendar is stale (here at once, elsewhere at commit). */
Datum
workday_calendar_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("workday_calendar_changed must be fired FOR EACH STATEMENT")));
	CacheInvalidateRelcache(trigdata->tg_relation);
	return PointerGetDatum(NULL);
}
