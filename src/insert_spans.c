/*
 * insert_spans.c — the publication lock of a statement that inserts
 * applications, without a transition table.  A bulk load of a million rows
 * would otherwise copy every row into a tuplestore only to read back a few
 * thousand (agency, first year, last year) spans.  Instead:
 *
 *   - a BEFORE INSERT statement trigger opens a span set for the statement;
 *   - the table's CHECK, govinfo.application_row_valid(), checks the row's
 *     rules and adds its span to the innermost open set;
 *   - the AFTER INSERT statement trigger closes the set and hands the spans to
 *     govinfo.application_insert_check(), which locks the agencies and checks
 *     the agency reference and the published years.
 *
 * The CHECK runs for every row a statement proposes, so a set can hold rows
 * that were not inserted (INSERT … ON CONFLICT, or an UPDATE run from inside
 * the statement).  application_insert_check() therefore confirms each finding
 * against the rows actually there (govinfo.inserted_since).  Sets live in
 * TopTransactionContext: a failed subtransaction drops the sets it opened,
 * the end of the transaction drops them all.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/rel.h"
#include "utils/memutils.h"

#include "fmgr.h"

#include "access.h"
#include "application_check.h"
#include "audit.h"
#include "plans.h"
#include "spans.h"

/* The span set of one inserting statement, innermost first. */
typedef struct InsertStatement
{
	struct InsertStatement *outer;
	int			nest_level;		/* transaction nesting level that opened it */
	MemoryContext cxt;
	SpanSet    *spans;			/* with the rows per span: the audit log's counts too */
	Oid			user;			/* the user inserting, and whether it has the table owner's rights */
	bool		owner;
} InsertStatement;

static InsertStatement *innermost = NULL;
static bool callbacks_registered = false;

/* Drop the span set on top of the stack. */
static void
drop_innermost(void)
{
	InsertStatement *st = innermost;

	innermost = st->outer;
	MemoryContextDelete(st->cxt);
}

/* Transaction end: every set is gone with TopTransactionContext. */
static void
insert_spans_xact_callback(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT || event == XACT_EVENT_PREPARE ||
		event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT)
		innermost = NULL;
}

/* Subtransaction abort: drop the sets its statements opened. */
static void
insert_spans_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
							  SubTransactionId parentSubid, void *arg)
{
	if (event != SUBXACT_EVENT_ABORT_SUB)
		return;
	while (innermost != NULL && innermost->nest_level >= GetCurrentTransactionNestLevel())
		drop_innermost();
}

/* Raise 39P01 unless the trigger is fired for each statement by INSERT, before or after as asked. */
static void
check_statement_trigger(FunctionCallInfo fcinfo, const char *name, bool before)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_STATEMENT(td->tg_event) ||
		!TRIGGER_FIRED_BY_INSERT(td->tg_event) ||
		(before ? !TRIGGER_FIRED_BEFORE(td->tg_event) : !TRIGGER_FIRED_AFTER(td->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s must be fired %s INSERT FOR EACH STATEMENT", name, before ? "BEFORE" : "AFTER")));
}

PG_FUNCTION_INFO_V1(application_insert_begin);
/* BEFORE INSERT statement trigger: open the statement's span set. */
Datum
application_insert_begin(PG_FUNCTION_ARGS)
{
	MemoryContext cxt;
	InsertStatement *st;

	check_statement_trigger(fcinfo, "application_insert_begin", true);
	if (!callbacks_registered)
	{
		RegisterXactCallback(insert_spans_xact_callback, NULL);
		RegisterSubXactCallback(insert_spans_subxact_callback, NULL);
		callbacks_registered = true;
	}
	cxt = AllocSetContextCreate(TopTransactionContext, "govinfo inserted spans", ALLOCSET_DEFAULT_SIZES);
	st = MemoryContextAllocZero(cxt, sizeof(InsertStatement));
	st->cxt = cxt;
	st->nest_level = GetCurrentTransactionNestLevel();
	st->spans = spanset_make(cxt);
	st->user = GetUserId();
	st->owner = has_privs_of_role(st->user, RelationGetForm(((TriggerData *) fcinfo->context)->tg_relation)->relowner);
	st->outer = innermost;
	innermost = st;
	return PointerGetDatum(NULL);
}

/*
 * Whether a span of an agency may join the statement's set: always for the
 * table owner's rights, else only for an agency the user may edit.  Row-level
 * security refuses another agency's row before the CHECK runs, so only a
 * direct call of application_row_valid() (which PUBLIC may execute: the CHECK
 * needs it) proposes one; its span would lock that agency's row and write
 * audit entries of rows never inserted into that agency (0.9.0).
 */
static bool
span_allowed(FunctionCallInfo fcinfo, int64 agency_id)
{
	if (GetUserId() == innermost->user && innermost->owner)
		return true;
	return access_has_owner_rights(fcinfo->flinfo->fn_oid) ||
		access_allowed(fcinfo->flinfo->fn_oid, agency_id, 2);
}

PG_FUNCTION_INFO_V1(application_row_valid);
/*
 * application_row_valid(agency_id, received_on, corrected_on, closed_on, has_outcome,
 * channel, fee_yuan): the CHECK of govinfo.application — the rules of
 * application_valid(), then the row's span into the inserting statement's set.
 */
Datum
application_row_valid(PG_FUNCTION_ARGS)
{
	check_application_rules(fcinfo, 1);
	if (innermost != NULL && !PG_ARGISNULL(0) && !PG_ARGISNULL(1) && span_allowed(fcinfo, PG_GETARG_INT64(0)))
	{
		spanset_add(innermost->spans, PG_GETARG_INT64(0), PG_GETARG_DATEADT(1), PG_ARGISNULL(3),
					PG_ARGISNULL(3) ? 0 : PG_GETARG_DATEADT(3));
	}
	PG_RETURN_BOOL(true);
}

/*
 * Run application_insert_check(spans) through its kept plan, as the owner of
 * the table (as ri_triggers.c runs its checks): the check is not for PUBLIC,
 * and it locks agency rows, which the inserting role need not be able to do.
 * An error restores the user at (sub)transaction abort.
 */
static void
run_insert_check(FunctionCallInfo fcinfo, Relation rel, ArrayType *spans)
{
	Datum		args[1] = {PointerGetDatum(spans)};
	Oid			save_userid;
	int			save_sec_context;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(RelationGetForm(rel)->relowner,
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
	if (SPI_execute_plan(gi_plan(fcinfo, GI_PLAN_INSERT_CHECK), args, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(SPI_result));
	SetUserIdAndSecContext(save_userid, save_sec_context);
	SPI_finish();
}

PG_FUNCTION_INFO_V1(application_insert_end);
/* AFTER INSERT statement trigger: close the statement's span set, check its spans, audit its rows. */
Datum
application_insert_end(PG_FUNCTION_ARGS)
{
	ArrayType  *spans;
	ArrayType  *counts;
	Relation	rel;

	check_statement_trigger(fcinfo, "application_insert_end", false);
	rel = ((TriggerData *) fcinfo->context)->tg_relation;
	/* no set of this (sub)transaction: the BEFORE trigger did not fire, nothing was collected */
	if (innermost == NULL || innermost->nest_level != GetCurrentTransactionNestLevel())
		return PointerGetDatum(NULL);
	spans = spanset_array(innermost->spans);
	counts = spanset_count_array(innermost->spans);
	drop_innermost();
	if (spans != NULL)
		run_insert_check(fcinfo, rel, spans);
	/* a database still at an older version has no audit log */
	if (counts != NULL && gi_schema_current(rel))
		gi_audit_insert(fcinfo, rel, gi_acting_user(), counts);
	return PointerGetDatum(NULL);
}
