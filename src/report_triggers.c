/*
 * report_triggers.c — the constraints of govinfo.annual_report that a CHECK
 * cannot express with a useful message, or at all:
 *
 *   annual_report_check  BEFORE INSERT OR UPDATE OR DELETE: fills the default
 *                        format from the year, rejects figures of another format
 *                        or that break a balancing rule, naming rule and cell,
 *                        and refuses to change or delete a published report;
 *   annual_report_carry  AFTER INSERT OR UPDATE (constraint trigger): P3-CARRY,
 *                        row 2 of year Y = row 4 of year Y-1 for the agency.
 *
 * Every violation is SQLSTATE 23514 (check_violation); a change to a
 * published report is 55000 (object_not_in_prerequisite_state).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/acl.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "catalog/pg_class.h"
#include "utils/timestamp.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "miscadmin.h"
#include "utils/resowner.h"

#include "audit.h"
#include "plans.h"
#include "encoding.h"
#include "rules.h"

/*
 * "agency \"code\" (name, agency_id N)" for a message, looked up before the
 * message is raised.  The lookup runs as the owner of the table being
 * changed (as ri_triggers.c runs its queries) and in a subtransaction: if it
 * fails all the same, the message says "agency_id N" and the rule violation
 * is still what the user sees.
 */
static char *
describe_agency(FunctionCallInfo fcinfo, Relation rel, int64 agency_id)
{
	MemoryContext caller = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	Oid			save_userid;
	int			save_sec_context;
	char	   *volatile res = NULL;
	Datum		args[1] = {Int64GetDatum(agency_id)};

	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(caller);
	PG_TRY();
	{
		SetUserIdAndSecContext(RelationGetForm(rel)->relowner,
							   save_sec_context | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		if (SPI_execute_plan(gi_plan(fcinfo, GI_PLAN_AGENCY_NAME), args, NULL, true, 1) == SPI_OK_SELECT &&
			SPI_processed == 1)
			res = MemoryContextStrdup(caller,
									  psprintf("agency \"%s\" (%s, agency_id " INT64_FORMAT ")",
											   SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1),
											   SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2),
											   agency_id));
		SPI_finish();
		SetUserIdAndSecContext(save_userid, save_sec_context);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(caller);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		SetUserIdAndSecContext(save_userid, save_sec_context);
		MemoryContextSwitchTo(caller);
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(caller);
		CurrentResourceOwner = owner;
		res = NULL;
	}
	PG_END_TRY();
	return res ? res : psprintf("agency_id " INT64_FORMAT, agency_id);
}

/* Attribute number of a column of the trigger's relation. */
static int
attnum(Relation rel, const char *name)
{
	int			n = SPI_fnumber(RelationGetDescr(rel), name);

	if (n <= 0)
		elog(ERROR, "relation \"%s\" has no column \"%s\"", RelationGetRelationName(rel), name);
	return n;
}

/* Callback counting violations. */
static bool
count_violation(const GiViolation *v, void *arg)
{
	(void) v;
	(*(int *) arg)++;
	return true;
}

/* Reject a figures value of the wrong format or breaking a rule. */
static void
check_figures(FunctionCallInfo fcinfo, Relation rel, HeapTuple tup, GiFigKind kind, const char *column,
			  int format, int64 agency_id, int year)
{
	bool		isnull;
	Datum		d = heap_getattr(tup, attnum(rel, column), RelationGetDescr(rel), &isnull);
	GiViolation v;
	int			n = 0;

	char	   *agency;

	if (isnull)
		return;
	if (gi_fig_has_format(kind) && gi_fig_format(kind, DatumGetPointer(d)) != format)
	{
		agency = describe_agency(fcinfo, rel, agency_id);
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("annual report %s are in format %d but the report is in format %d",
						column, gi_fig_format(kind, DatumGetPointer(d)), format),
				 errdetail("%s, year %d.", agency, year),
				 errtableconstraint(rel, psprintf("annual_report_%s_format", column))));
	}
	if (!gi_first_violation(kind, DatumGetPointer(d), &v))
		return;
	gi_check_rules(kind, DatumGetPointer(d), count_violation, &n);
	agency = describe_agency(fcinfo, rel, agency_id);
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("annual report violates rule %s", v.rule),
			 errdetail("%s, year %d, %s, row %s, column %s: expected " INT64_FORMAT ", found " INT64_FORMAT " (%s).",
					   agency, year, column, v.row_code, v.col_code,
					   v.expected, v.actual, v.message),
			 errhint("%d broken cell%s in all; SELECT * FROM govinfo.violations(%s) lists them, and govinfo.complete() fills blank totals.",
					 n, n == 1 ? "" : "s", column),
			 errtableconstraint(rel, psprintf("annual_report_%s_balanced", column))));
}

/* Raise the error for a change to a published report. */
static void
report_published(FunctionCallInfo fcinfo, Relation rel, HeapTuple tup, const char *what)
{
	bool		isnull;
	int64		agency_id = DatumGetInt64(heap_getattr(tup, attnum(rel, "agency_id"), RelationGetDescr(rel), &isnull));
	int			year = DatumGetInt32(heap_getattr(tup, attnum(rel, "year"), RelationGetDescr(rel), &isnull));
	char	   *agency = describe_agency(fcinfo, rel, agency_id);

	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("the annual report of %s for year %d is published", agency, year),
			 errdetail("%s", what),
			 errhint("govinfo.reopen_report(agency_code, year, reason) lifts the lock and keeps the published version.")));
}

/* Whether a column differs between two versions of a row. */
static bool
column_changed(Relation rel, HeapTuple a, HeapTuple b, const char *column)
{
	int			n = attnum(rel, column);
	Form_pg_attribute att = TupleDescAttr(RelationGetDescr(rel), n - 1);
	bool		anull;
	bool		bnull;
	Datum		ad = heap_getattr(a, n, RelationGetDescr(rel), &anull);
	Datum		bd = heap_getattr(b, n, RelationGetDescr(rel), &bnull);

	if (anull || bnull)
		return anull != bnull;
	return !datumIsEqual(ad, bd, att->attbyval, att->attlen);
}

/* Whether the published version of a report was archived by reopen_report. */
static bool
version_archived(FunctionCallInfo fcinfo, int64 agency_id, int year, Datum published_at)
{
	Datum		args[3] = {Int64GetDatum(agency_id), Int32GetDatum(year), published_at};
	bool		found;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_plan(gi_plan(fcinfo, GI_PLAN_VERSION_ARCHIVED), args, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "reading govinfo.report_version failed");
	found = SPI_processed > 0;
	SPI_finish();
	return found;
}

/*
 * The publication token: publish_report and reopen_report (SECURITY DEFINER,
 * running as the owner of govinfo's tables) call
 * govinfo.publication_begin(agency_id, year) right before their UPDATE of
 * published_at; the trigger accepts that one change of that one report, made
 * by the owner, and uses the token up.  Nothing a session can set (no setting,
 * no GUC) stands in for it: publication_begin is not for PUBLIC and checks
 * its caller too.  The end of the (sub)transaction drops a token not used.
 */
typedef struct PublicationToken
{
	bool		set;
	int64		agency_id;
	int			year;
} PublicationToken;

static PublicationToken token;
static bool token_callbacks = false;

/* Transaction end: no token survives. */
static void
token_xact_callback(XactEvent event, void *arg)
{
	token.set = false;
}

/* Subtransaction abort: drop the token. */
static void
token_subxact_callback(SubXactEvent event, SubTransactionId mySubid, SubTransactionId parentSubid, void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB)
		token.set = false;
}

/* The OID of govinfo.annual_report: the table of the schema of the calling function. */
static Oid
annual_report_oid(FunctionCallInfo fcinfo)
{
	Oid			relid = get_relname_relid("annual_report", get_func_namespace(fcinfo->flinfo->fn_oid));

	if (!OidIsValid(relid))
		elog(ERROR, "table annual_report not found in the extension's schema");
	return relid;
}

PG_FUNCTION_INFO_V1(publication_begin);
/* publication_begin(agency_id, year): let the next change of that report's published_at through. */
Datum
publication_begin(PG_FUNCTION_ARGS)
{
	Oid			owner;
	HeapTuple	rel;

	rel = SearchSysCache1(RELOID, ObjectIdGetDatum(annual_report_oid(fcinfo)));
	if (!HeapTupleIsValid(rel))
		elog(ERROR, "cache lookup failed for table annual_report");
	owner = ((Form_pg_class) GETSTRUCT(rel))->relowner;
	ReleaseSysCache(rel);
	if (!has_privs_of_role(GetUserId(), owner))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("only govinfo.publish_report() and govinfo.reopen_report() change a report's publication")));
	if (!token_callbacks)
	{
		RegisterXactCallback(token_xact_callback, NULL);
		RegisterSubXactCallback(token_subxact_callback, NULL);
		token_callbacks = true;
	}
	token.set = true;
	token.agency_id = PG_GETARG_INT64(0);
	token.year = PG_GETARG_INT32(1);
	PG_RETURN_VOID();
}

/*
 * Whether the schema is 0.5.0 or later (it has govinfo.audit_log).  A database
 * still at an older version under this library keeps the publication step
 * of its own publish_report and reopen_report, the setting
 * govinfo.publication, until ALTER EXTENSION govinfo UPDATE; from 0.5.0 on
 * the setting opens nothing.
 */
bool
gi_schema_current(Relation rel)
{
	return OidIsValid(get_relname_relid("audit_log", RelationGetNamespace(rel)));
}

/* Whether this change of published_at is the step of publish_report or reopen_report; uses the token up. */
static bool
publication_step(Relation rel, int64 agency_id, int year)
{
	bool		ok = token.set && token.agency_id == agency_id && token.year == year &&
		has_privs_of_role(GetUserId(), RelationGetForm(rel)->relowner);

	if (ok)
		token.set = false;
	else if (!gi_schema_current(rel))
	{
		const char *step = GetConfigOption("govinfo.publication", true, false);

		ok = step != NULL && strcmp(step, psprintf(INT64_FORMAT ":%d", agency_id, year)) == 0;
	}
	return ok;
}

/* Refuse deleting, or changing the figures of, a published report; only the functions (un)publish. */
static void
check_publication_lock(FunctionCallInfo fcinfo, TriggerData *td)
{
	Relation	rel = td->tg_relation;
	HeapTuple	old = td->tg_trigtuple;
	int			col = SPI_fnumber(RelationGetDescr(rel), "published_at");
	bool		was_null;
	bool		is_null;
	bool		isnull;
	Datum		was;
	Datum		is;
	int64		agency_id;
	int			year;
	char	   *agency;
	static const char *const locked[] = {"agency_id", "year", "format", "disclosures", "requests", "appeals",
	"published_records"};

	if (col <= 0)
		return;					/* a 0.1.0 table has no publication lock */
	was = heap_getattr(old, col, RelationGetDescr(rel), &was_null);
	if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
	{
		if (!was_null)
			report_published(fcinfo, rel, old, "A published report cannot be deleted.");
		return;
	}
	is = heap_getattr(td->tg_newtuple, col, RelationGetDescr(rel), &is_null);
	agency_id = DatumGetInt64(heap_getattr(old, attnum(rel, "agency_id"), RelationGetDescr(rel), &isnull));
	year = DatumGetInt32(heap_getattr(old, attnum(rel, "year"), RelationGetDescr(rel), &isnull));
	if (was_null)
	{
		if (is_null || publication_step(rel, agency_id, year))
			return;
		agency = describe_agency(fcinfo, rel, agency_id);
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the annual report of %s for year %d can only be published by govinfo.publish_report()",
						agency, year),
				 errdetail("publish_report() waits for concurrent writers of the agency's records and re-derives a derived report.")));
	}
	if (is_null)
	{
		if (!publication_step(rel, agency_id, year) || !version_archived(fcinfo, agency_id, year, was))
			report_published(fcinfo, rel, old, "Only govinfo.reopen_report() unpublishes a report, keeping its published figures.");
		return;
	}
	if (DatumGetTimestampTz(was) != DatumGetTimestampTz(is))
		report_published(fcinfo, rel, old, "Its publication time cannot change.");
	for (int i = 0; i < (int) lengthof(locked); i++)
		if (SPI_fnumber(RelationGetDescr(rel), locked[i]) > 0 &&
			column_changed(rel, old, td->tg_newtuple, locked[i]))
			report_published(fcinfo, rel, old, psprintf("Its %s cannot change while it is published.", locked[i]));
}

/* Refuse a row inserted already published unless the owner of the table inserts it (an import of history). */
static void
check_published_insert(TriggerData *td)
{
	Relation	rel = td->tg_relation;
	int			col = SPI_fnumber(RelationGetDescr(rel), "published_at");
	bool		isnull;

	if (col <= 0)
		return;
	(void) heap_getattr(td->tg_trigtuple, col, RelationGetDescr(rel), &isnull);
	if (isnull || has_privs_of_role(GetUserId(), RelationGetForm(rel)->relowner))
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("only the owner of govinfo's tables inserts a report that is already published"),
			 errdetail("A report is published by govinfo.publish_report()."),
			 errtableconstraint(rel, "annual_report_check")));
}

PG_FUNCTION_INFO_V1(annual_report_check);
/* BEFORE INSERT OR UPDATE OR DELETE trigger: publication lock, default format, formats and rules. */
Datum
annual_report_check(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	HeapTuple	tup;
	bool		isnull;
	int64		agency_id;
	int			year;
	int			format;
	Datum		fmt;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(td->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("annual_report_check must be a BEFORE row trigger")));
	rel = td->tg_relation;
	if (!TRIGGER_FIRED_BY_INSERT(td->tg_event))
		check_publication_lock(fcinfo, td);
	else
		check_published_insert(td);
	if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
		return PointerGetDatum(td->tg_trigtuple);
	tup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;

	agency_id = DatumGetInt64(heap_getattr(tup, attnum(rel, "agency_id"), RelationGetDescr(rel), &isnull));
	if (isnull)
		return PointerGetDatum(tup);	/* NOT NULL reports it */
	year = DatumGetInt32(heap_getattr(tup, attnum(rel, "year"), RelationGetDescr(rel), &isnull));
	if (isnull)
		return PointerGetDatum(tup);

	fmt = heap_getattr(tup, attnum(rel, "format"), RelationGetDescr(rel), &isnull);
	if (isnull)
	{
		int			col = attnum(rel, "format");
		Datum		value = CStringGetTextDatum(psprintf("%d", gi_default_format(year)));
		bool		null = false;

		tup = heap_modify_tuple_by_cols(tup, RelationGetDescr(rel), 1, &col, &value, &null);
		fmt = value;
	}
	format = atoi(TextDatumGetCString(fmt));
	if (gi_format_mask(format) == 0)
		return PointerGetDatum(tup);	/* annual_report_format_known reports it */

	check_figures(fcinfo, rel, tup, GI_FIG_DISCLOSURE, "disclosures", format, agency_id, year);
	check_figures(fcinfo, rel, tup, GI_FIG_REQUEST, "requests", format, agency_id, year);
	check_figures(fcinfo, rel, tup, GI_FIG_APPEAL, "appeals", format, agency_id, year);
	return PointerGetDatum(tup);
}

/* Check P3-CARRY (rules.c) between the stored reports of years y-1 and y. */
static void
check_carry_pair(FunctionCallInfo fcinfo, Relation rel, int64 agency_id, int y,
				 const RequestFigures *prev, const RequestFigures *cur)
{
	GiViolation v;
	char	   *agency;

	if (!gi_first_carry_violation(GI_FIG_REQUEST, prev, cur, &v))
		return;
	agency = describe_agency(fcinfo, rel, agency_id);	/* SPI: not inside ereport */
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("annual report violates rule %s", v.rule),
			 errdetail("%s, years %d and %d, column %s: row 2 of %d is %d but row 4 of %d is %d.",
					   agency, y - 1, y, v.col_code,
					   y, (int) v.actual, y - 1, (int) v.expected),
			 errhint("%s", gi_zh("Row 2 (上年结转) of a year must equal row 4 (结转下年度) of the year before; "
								 "change both in one statement, or SET CONSTRAINTS annual_report_p3_carry DEFERRED.")),
			 errtableconstraint(rel, "annual_report_p3_carry")));
}

PG_FUNCTION_INFO_V1(annual_report_carry);
/*
 * AFTER INSERT OR UPDATE constraint trigger for P3-CARRY.  It first locks the
 * agency row, so writers of one agency's reports take turns; the read that
 * follows then sees whatever a concurrent writer committed.
 */
Datum
annual_report_carry(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	HeapTuple	tup;
	bool		isnull;
	Datum		args[2];
	RequestFigures *by_year[3] = {NULL, NULL, NULL};
	int			year;
	int64		agency_id;
	Oid			save_userid;
	int			save_sec_context;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(td->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(td->tg_event) || TRIGGER_FIRED_BY_DELETE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("annual_report_carry must be an AFTER INSERT OR UPDATE row trigger")));
	rel = td->tg_relation;
	tup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	agency_id = DatumGetInt64(heap_getattr(tup, attnum(rel, "agency_id"), RelationGetDescr(rel), &isnull));
	year = DatumGetInt32(heap_getattr(tup, attnum(rel, "year"), RelationGetDescr(rel), &isnull));
	args[0] = Int64GetDatum(agency_id);
	args[1] = Int32GetDatum(year);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/*
	 * As the owner of the table (as ri_triggers.c runs its queries): the
	 * writer needs no right to lock agency rows, and row-level security does
	 * not hide the neighbouring years.  An error restores the user.
	 */
	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(RelationGetForm(rel)->relowner,
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
	if (SPI_execute_plan(gi_plan(fcinfo, GI_PLAN_LOCK_AGENCY), args, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "locking the agency failed");
	/*
	 * At READ COMMITTED the read takes a fresh snapshot; a transaction-wide
	 * snapshot (REPEATABLE READ, SERIALIZABLE) would miss what the writer we
	 * waited for committed, so read with the latest snapshot, as the
	 * foreign-key checks do.
	 */
	if ((IsolationUsesXactSnapshot() ?
		 SPI_execute_snapshot(gi_plan(fcinfo, GI_PLAN_NEIGHBOURS), args, NULL, GetLatestSnapshot(), InvalidSnapshot, false, false, 0) :
		 SPI_execute_plan(gi_plan(fcinfo, GI_PLAN_NEIGHBOURS), args, NULL, false, 0)) != SPI_OK_SELECT)
		elog(ERROR, "reading neighbouring reports failed");
	SetUserIdAndSecContext(save_userid, save_sec_context);

	/* the current reports of years year-1, year and year+1, as stored now */
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	t = SPI_tuptable->vals[i];
		int			y = DatumGetInt32(SPI_getbinval(t, SPI_tuptable->tupdesc, 1, &isnull));
		Datum		f = SPI_getbinval(t, SPI_tuptable->tupdesc, 2, &isnull);

		by_year[y - year + 1] = (RequestFigures *) DatumGetPointer(f);
	}
	if (by_year[1] != NULL)
	{
		if (by_year[0] != NULL)
			check_carry_pair(fcinfo, rel, agency_id, year, by_year[0], by_year[1]);
		if (by_year[2] != NULL)
			check_carry_pair(fcinfo, rel, agency_id, year + 1, by_year[1], by_year[2]);
	}
	SPI_finish();
	return PointerGetDatum(NULL);
}
