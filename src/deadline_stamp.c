/*
 * deadline_stamp.c — the deadline stored in each row of govinfo.application
 * (clock_starts_on, due_on, consult_workdays, workdays_taken, workdays_late,
 * closed_status), so that the application_deadline view reads columns
 * instead of computing them.
 *
 *   - application_deadline_stamp(): BEFORE INSERT OR UPDATE row trigger; it
 *     computes the row's deadline on the calendar this backend keeps (an
 *     INSERT has no consultation periods: they reference the row), or keeps
 *     the old row's values when an UPDATE changes none of the inputs.  A
 *     deadline that needs a day past the calendar is stored as NULLs: the
 *     view computes such a row (and raises 22008 as before).
 *   - application_deadline_lock(): BEFORE INSERT OR UPDATE statement trigger;
 *     ROW SHARE on workday_calendar until the transaction ends, so that a
 *     change of the calendar (which takes EXCLUSIVE) waits for the writers of
 *     applications and they wait for it, and reload the calendar after it.
 *   - workday_calendar_restamp(), application_consultation_restamp(): AFTER
 *     statement triggers; they compute the stored deadlines again of the rows
 *     the change can touch, as the owner of the tables (every agency's rows,
 *     whatever the acting role), with one UPDATE that the audit does not log
 *     (gi_deadline_restamp_relid: no user changed the rows).
 *   - restamp_deadlines(from_day): the same for every row, for the owner.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "fmgr.h"

#include "calendar.h"
#include "consultation.h"
#include "deadline.h"
#include "plans.h"

/* The relation whose stored deadlines are being computed again (the audit skips its UPDATE), or InvalidOid. */
Oid			gi_deadline_restamp_relid = InvalidOid;

/* The texts of closed_status, made once per backend. */
static Datum on_time_text = (Datum) 0;
static Datum late_text = (Datum) 0;

/* While restamping: every consultation period, read once. */
static const GiConsultations *restamp_periods = NULL;

/* The inputs and the stored columns of application, by position. */
enum
{
	COL_APP,
	COL_RECEIVED,
	COL_CORRECTED,
	COL_EXTENDED,
	COL_CLOSED,
	COL_CLOCK,
	COL_DUE,
	COL_CONSULT,
	COL_TAKEN,
	COL_LATE,
	COL_STATUS,
	NCOLS
};
#define NINPUTS 5

static const char *const col_names[NCOLS] = {
	"application_id", "received_on", "corrected_on", "extended", "closed_on",
	"clock_starts_on", "due_on", "consult_workdays", "workdays_taken", "workdays_late", "closed_status"
};

/* The attribute numbers of the columns, for one descriptor of application. */
typedef struct StampColumns
{
	Oid			relid;
	TupleDesc	desc;
	int			attnum[NCOLS];
} StampColumns;

static StampColumns stamp_cols;
static bool stamp_cols_valid = false;
static bool stamp_callback_registered = false;

/* Relcache callback: application's descriptor may have changed. */
static void
stamp_relcache_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == stamp_cols.relid)
		stamp_cols_valid = false;
}

/* The attribute numbers of the columns in rel (kept until its relcache entry changes). */
static const StampColumns *
stamp_columns(Relation rel)
{
	TupleDesc	desc = RelationGetDescr(rel);

	if (stamp_cols_valid && stamp_cols.relid == RelationGetRelid(rel) && stamp_cols.desc == desc)
		return &stamp_cols;
	if (!stamp_callback_registered)
	{
		CacheRegisterRelcacheCallback(stamp_relcache_callback, (Datum) 0);
		stamp_callback_registered = true;
	}
	for (int c = 0; c < NCOLS; c++)
	{
		stamp_cols.attnum[c] = InvalidAttrNumber;
		for (int i = 0; i < desc->natts; i++)
		{
			Form_pg_attribute att = TupleDescAttr(desc, i);

			if (!att->attisdropped && strcmp(NameStr(att->attname), col_names[c]) == 0)
				stamp_cols.attnum[c] = att->attnum;
		}
		if (stamp_cols.attnum[c] == InvalidAttrNumber)
			elog(ERROR, "table %s has no column \"%s\"", RelationGetRelationName(rel), col_names[c]);
	}
	stamp_cols.relid = RelationGetRelid(rel);
	stamp_cols.desc = desc;
	stamp_cols_valid = true;
	return &stamp_cols;
}

/* The OID of a table of the extension (the schema of the calling function), by name. */
static Oid
extension_table(FunctionCallInfo fcinfo, const char *name)
{
	Oid			relid = get_relname_relid(name, get_func_namespace(fcinfo->flinfo->fn_oid));

	if (!OidIsValid(relid))
		elog(ERROR, "table %s of govinfo is missing", name);
	return relid;
}

/* Read the application's inputs from slot into d. */
static void
stamp_inputs(TupleTableSlot *slot, const StampColumns *sc, GiDeadline *d)
{
	bool		isnull;
	Datum		v;

	memset(d, 0, sizeof(GiDeadline));
	v = slot_getattr(slot, sc->attnum[COL_APP], &isnull);
	d->app_null = isnull;
	d->app = isnull ? 0 : DatumGetInt64(v);
	v = slot_getattr(slot, sc->attnum[COL_RECEIVED], &isnull);
	d->received_null = isnull;
	d->received = isnull ? 0 : DatumGetDateADT(v);
	v = slot_getattr(slot, sc->attnum[COL_CORRECTED], &isnull);
	d->corrected_null = isnull;
	d->corrected = isnull ? 0 : DatumGetDateADT(v);
	v = slot_getattr(slot, sc->attnum[COL_EXTENDED], &isnull);
	d->extended_null = isnull;
	d->extended = isnull ? false : DatumGetBool(v);
	v = slot_getattr(slot, sc->attnum[COL_CLOSED], &isnull);
	d->closed = !isnull;
	d->closed_on = isnull ? 0 : DatumGetDateADT(v);
}

/* Whether two slots hold the same values in columns first .. last - 1 (by-value columns only). */
static bool
same_columns(TupleTableSlot *a, TupleTableSlot *b, const StampColumns *sc, int first, int last)
{
	for (int c = first; c < last; c++)
	{
		bool		na,
					nb;
		Datum		va = slot_getattr(a, sc->attnum[c], &na);
		Datum		vb = slot_getattr(b, sc->attnum[c], &nb);

		if (na != nb || (!na && va != vb))
			return false;
	}
	return true;
}

/* The consultation periods of one application, read as the owner of rel. */
static const GiConsultations *
periods_of(FunctionCallInfo fcinfo, Relation rel, int64 app)
{
	const GiConsultations *c;
	Oid			save_userid;
	int			save_sec_context;

	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(RelationGetForm(rel)->relowner,
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
	c = gi_consultations_read(fcinfo, CurrentMemoryContext, &app);
	SetUserIdAndSecContext(save_userid, save_sec_context);
	return c;
}

PG_FUNCTION_INFO_V1(application_deadline_stamp);
/*
 * BEFORE INSERT OR UPDATE row trigger of application: the stored deadline
 * columns (due_on, consult_workdays, workdays_taken, workdays_late) of the new
 * row, computed from its inputs; all NULL when the calendar does not reach
 * far enough.  Whatever the statement wrote into them is replaced.
 */
Datum
application_deadline_stamp(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	const StampColumns *sc;
	TupleTableSlot *slot;
	HeapTuple	tuple;
	GiDeadline	d;
	const GiConsultations *cons = NULL;
	int			cols[NCOLS - NINPUTS];
	Datum		values[NCOLS - NINPUTS];
	bool		nulls[NCOLS - NINPUTS];
	bool		updating;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(td->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(td->tg_event) || TRIGGER_FIRED_BY_DELETE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("application_deadline_stamp must be fired BEFORE INSERT OR UPDATE FOR EACH ROW")));
	rel = td->tg_relation;
	sc = stamp_columns(rel);
	updating = TRIGGER_FIRED_BY_UPDATE(td->tg_event);
	slot = updating ? td->tg_newslot : td->tg_trigslot;
	tuple = updating ? td->tg_newtuple : td->tg_trigtuple;

	if (updating && gi_deadline_restamp_relid != RelationGetRelid(rel) &&
		same_columns(td->tg_trigslot, slot, sc, 0, NINPUTS))
	{
		/* no input changed: the old row's deadline stands (and a write into it is undone) */
		for (int c = NINPUTS; c < NCOLS; c++)
		{
			cols[c - NINPUTS] = sc->attnum[c];
			values[c - NINPUTS] = slot_getattr(td->tg_trigslot, sc->attnum[c], &nulls[c - NINPUTS]);
		}
		return PointerGetDatum(heap_modify_tuple_by_cols(tuple, RelationGetDescr(rel), NCOLS - NINPUTS,
														  cols, values, nulls));
	}

	stamp_inputs(slot, sc, &d);
	if (gi_deadline_restamp_relid == RelationGetRelid(rel))
		cons = restamp_periods;
	else if (updating && !d.app_null)
		cons = periods_of(fcinfo, rel, d.app);
	/* an INSERT: no period can reference the new row yet */

	for (int c = NINPUTS; c < NCOLS; c++)
	{
		cols[c - NINPUTS] = sc->attnum[c];
		nulls[c - NINPUTS] = true;
		values[c - NINPUTS] = (Datum) 0;
	}
	if (on_time_text == (Datum) 0)
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		on_time_text = PointerGetDatum(cstring_to_text("closed_on_time"));
		late_text = PointerGetDatum(cstring_to_text("closed_late"));
		MemoryContextSwitchTo(old);
	}
	if (!d.received_null || !d.corrected_null)
	{
		values[COL_CLOCK - NINPUTS] = DateADTGetDatum(!d.corrected_null ? d.corrected : d.received);
		nulls[COL_CLOCK - NINPUTS] = false;
	}
	if (!d.received_null && gi_deadline_compute_stored(fcinfo, &d, cons))
	{
		if (d.closed)
		{
			/* as gi_deadline_status: on time when closed by the due date */
			values[COL_STATUS - NINPUTS] = (d.have_due && d.closed_on <= d.due) ? on_time_text : late_text;
			nulls[COL_STATUS - NINPUTS] = false;
		}
		if (d.have_due)
		{
			values[COL_DUE - NINPUTS] = DateADTGetDatum(d.due);
			nulls[COL_DUE - NINPUTS] = false;
		}
		if (d.have_consult)
		{
			values[COL_CONSULT - NINPUTS] = Int32GetDatum(d.consult);
			nulls[COL_CONSULT - NINPUTS] = false;
		}
		if (d.have_taken)
		{
			values[COL_TAKEN - NINPUTS] = Int32GetDatum(d.taken);
			nulls[COL_TAKEN - NINPUTS] = false;
		}
		if (d.closed)
		{
			values[COL_LATE - NINPUTS] = Int32GetDatum(d.late);
			nulls[COL_LATE - NINPUTS] = false;
		}
	}
	return PointerGetDatum(heap_modify_tuple_by_cols(tuple, RelationGetDescr(rel), NCOLS - NINPUTS,
													  cols, values, nulls));
}

PG_FUNCTION_INFO_V1(application_deadline_lock);
/*
 * BEFORE INSERT OR UPDATE statement trigger of application: ROW SHARE on
 * workday_calendar until the transaction ends (a calendar change waits for
 * this transaction, or this statement for it and then reads the new calendar).
 */
Datum
application_deadline_lock(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(td->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("application_deadline_lock must be fired BEFORE a statement")));
	LockRelationOid(extension_table(fcinfo, "workday_calendar"), RowShareLock);
	return PointerGetDatum(NULL);
}

/*
 * Compute again the stored deadlines of the applications that match cond (SQL
 * over application a; $1 is arg if argtype is valid), as the owner of the
 * table, with the consultation periods read now and the calendar read again;
 * td: the transition tables cond may read.  The UPDATE is not audited.  The
 * SQL runs as the owner: every object and operator in it is schema-qualified.
 */
static uint64
restamp(FunctionCallInfo fcinfo, TriggerData *td, const char *cond, Oid argtype, Datum arg)
{
	const char *schema = gi_schema(fcinfo);
	Oid			app_relid = extension_table(fcinfo, "application");
	Relation	app_rel = table_open(app_relid, RowExclusiveLock);
	Oid			owner = RelationGetForm(app_rel)->relowner;
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "govinfo restamp", ALLOCSET_DEFAULT_SIZES);
	char	   *sql;
	Oid			save_userid;
	int			save_sec_context;
	uint64		n = 0;
	int			rc;

	table_close(app_rel, NoLock);
	sql = psprintf("UPDATE %s.application a SET due_on = NULL WHERE %s", schema, cond);
	gi_calendar_forget();
	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(owner, save_sec_context | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
	PG_TRY();
	{
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		if (td != NULL && SPI_register_trigger_data(td) != SPI_OK_TD_REGISTER)
			elog(ERROR, "SPI_register_trigger_data failed");
		restamp_periods = gi_consultations_read(fcinfo, cxt, NULL);
		gi_deadline_restamp_relid = app_relid;
		rc = SPI_execute_with_args(sql, OidIsValid(argtype) ? 1 : 0, &argtype, &arg, NULL, false, 0);
		if (rc != SPI_OK_UPDATE)
			elog(ERROR, "computing the stored deadlines again failed: %s", SPI_result_code_string(rc));
		n = SPI_processed;
		SPI_finish();
	}
	PG_FINALLY();
	{
		gi_deadline_restamp_relid = InvalidOid;
		restamp_periods = NULL;
	}
	PG_END_TRY();
	SetUserIdAndSecContext(save_userid, save_sec_context);
	MemoryContextDelete(cxt);
	return n;
}

/*
 * Take EXCLUSIVE on workday_calendar: wait for the transactions writing
 * applications (ROW SHARE) to end, so that the UPDATE that follows sees their
 * rows.  Only in READ COMMITTED, where that UPDATE takes a new snapshot.
 */
static void
lock_calendar_for_restamp(FunctionCallInfo fcinfo)
{
	if (IsolationUsesXactSnapshot())
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("the working-day calendar can be changed only in a READ COMMITTED transaction"),
				 errdetail("The stored due dates of the applications are computed again after the change, and must see every application committed before it."),
				 errhint("Run the change in its own transaction at the default isolation level.")));
	LockRelationOid(extension_table(fcinfo, "workday_calendar"), ExclusiveLock);
}

PG_FUNCTION_INFO_V1(workday_calendar_restamp);
/*
 * AFTER INSERT, UPDATE, DELETE (with the transition tables) or TRUNCATE
 * statement trigger of workday_calendar: compute again the stored deadlines
 * the change can touch — those not computable before (NULL due_on), those of
 * applications with consultations, and those whose last day (due date or
 * closing) is on or after the earliest day changed (a change of the known
 * years can only move the coverage from that day on).
 */
Datum
workday_calendar_restamp(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	const char *schema;
	char	   *cond;
	StringInfoData q;
	bool		isnull = true;
	Datum		lo = (Datum) 0;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(td->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("workday_calendar_restamp must be fired AFTER a statement")));
	lock_calendar_for_restamp(fcinfo);
	schema = gi_schema(fcinfo);
	if (!TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
	{
		/* the earliest day the statement changed */
		initStringInfo(&q);
		appendStringInfoString(&q, "SELECT pg_catalog.min(day) FROM (");
		if (td->tg_trigger->tgoldtable != NULL)
			appendStringInfo(&q, "SELECT day FROM %s", quote_identifier(td->tg_trigger->tgoldtable));
		if (td->tg_trigger->tgoldtable != NULL && td->tg_trigger->tgnewtable != NULL)
			appendStringInfoString(&q, " UNION ALL ");
		if (td->tg_trigger->tgnewtable != NULL)
			appendStringInfo(&q, "SELECT day FROM %s", quote_identifier(td->tg_trigger->tgnewtable));
		if (td->tg_trigger->tgoldtable == NULL && td->tg_trigger->tgnewtable == NULL)
			elog(ERROR, "workday_calendar_restamp needs a transition table");
		appendStringInfoString(&q, ") d");
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		if (SPI_register_trigger_data(td) != SPI_OK_TD_REGISTER)
			elog(ERROR, "SPI_register_trigger_data failed");
		if (SPI_execute(q.data, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
			elog(ERROR, "reading the days changed failed");
		lo = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		SPI_finish();
		if (isnull)
			return PointerGetDatum(NULL);	/* no row changed */
	}
	if (isnull)
		cond = "true";
	else
		cond = psprintf("a.due_on IS NULL OR pg_catalog.date_ge(GREATEST(a.due_on, a.closed_on), $1)"
						" OR a.application_id OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT c.application_id FROM %s.application_consultation c))",
						schema);
	restamp(fcinfo, NULL, cond, isnull ? InvalidOid : DATEOID, lo);
	return PointerGetDatum(NULL);
}

PG_FUNCTION_INFO_V1(application_consultation_restamp);
/*
 * AFTER INSERT, UPDATE, DELETE (with the transition tables) or TRUNCATE
 * statement trigger of application_consultation: compute again the stored
 * deadlines of the applications whose periods changed (TRUNCATE: of those
 * that counted any).
 */
Datum
application_consultation_restamp(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	StringInfoData cond;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(td->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("application_consultation_restamp must be fired AFTER a statement")));
	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
	{
		restamp(fcinfo, NULL, "a.due_on IS NULL OR a.consult_workdays IS NULL OR a.consult_workdays OPERATOR(pg_catalog.<>) 0", InvalidOid, (Datum) 0);
		return PointerGetDatum(NULL);
	}
	if (td->tg_trigger->tgoldtable == NULL && td->tg_trigger->tgnewtable == NULL)
		elog(ERROR, "application_consultation_restamp needs a transition table");
	initStringInfo(&cond);
	appendStringInfoString(&cond, "a.application_id OPERATOR(pg_catalog.=) ANY (ARRAY(");
	if (td->tg_trigger->tgoldtable != NULL)
		appendStringInfo(&cond, "SELECT application_id FROM %s", quote_identifier(td->tg_trigger->tgoldtable));
	if (td->tg_trigger->tgoldtable != NULL && td->tg_trigger->tgnewtable != NULL)
		appendStringInfoString(&cond, " UNION ");
	if (td->tg_trigger->tgnewtable != NULL)
		appendStringInfo(&cond, "SELECT application_id FROM %s", quote_identifier(td->tg_trigger->tgnewtable));
	appendStringInfoString(&cond, "))");
	restamp(fcinfo, td, cond.data, InvalidOid, (Datum) 0);
	return PointerGetDatum(NULL);
}

PG_FUNCTION_INFO_V1(restamp_deadlines);
/*
 * restamp_deadlines(from_day date DEFAULT NULL): compute again the stored
 * deadlines of every application (from_day: of those a calendar change from
 * that day on can touch), as workday_calendar_restamp does; the number of rows.
 */
Datum
restamp_deadlines(PG_FUNCTION_ARGS)
{
	char	   *cond = "true";

	lock_calendar_for_restamp(fcinfo);
	if (!PG_ARGISNULL(0))
		cond = psprintf("a.due_on IS NULL OR pg_catalog.date_ge(GREATEST(a.due_on, a.closed_on), $1)"
						" OR a.application_id OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT c.application_id FROM %s.application_consultation c))",
						gi_schema(fcinfo));
	PG_RETURN_INT64((int64) restamp(fcinfo, NULL, cond, PG_ARGISNULL(0) ? InvalidOid : DATEOID,
									PG_ARGISNULL(0) ? (Datum) 0 : PG_GETARG_DATUM(0)));
}
