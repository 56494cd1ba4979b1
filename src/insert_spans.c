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

#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "fmgr.h"

#include "application_check.h"
#include "spans.h"

/* The span set of one inserting statement, innermost first. */
typedef struct InsertStatement
{
	struct InsertStatement *outer;
	int			nest_level;		/* transaction nesting level that opened it */
	CommandId	cid;			/* the statement's command id */
	MemoryContext cxt;
	SpanSet    *spans;
} InsertStatement;

static InsertStatement *innermost = NULL;
static bool callbacks_registered = false;
static SPIPlanPtr check_plan = NULL;

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
	st->cid = GetCurrentCommandId(false);
	st->spans = spanset_make(cxt);
	st->outer = innermost;
	innermost = st;
	return PointerGetDatum(NULL);
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
	if (innermost != NULL && !PG_ARGISNULL(0) && !PG_ARGISNULL(1))
		spanset_add(innermost->spans, PG_GETARG_INT64(0), PG_GETARG_DATEADT(1), PG_ARGISNULL(3),
					PG_ARGISNULL(3) ? 0 : PG_GETARG_DATEADT(3));
	PG_RETURN_BOOL(true);
}

/*
 * Run application_insert_check(spans, since), in the schema of the trigger function trigger_fn,
 * through a plan kept for the session.
 */
static void
run_insert_check(Oid trigger_fn, ArrayType *spans, CommandId since)
{
	Datum		args[2] = {PointerGetDatum(spans), Int64GetDatum((int64) since)};

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (check_plan == NULL)
	{
		Oid			types[2] = {INT8ARRAYOID, INT8OID};
		char	   *sql = psprintf("SELECT %s.application_insert_check($1, $2)",
								   quote_identifier(get_namespace_name(get_func_namespace(trigger_fn))));
		SPIPlanPtr	plan = SPI_prepare(sql, 2, types);

		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(plan);
		check_plan = plan;
	}
	if (SPI_execute_plan(check_plan, args, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(SPI_result));
	SPI_finish();
}

PG_FUNCTION_INFO_V1(application_insert_end);
/* AFTER INSERT statement trigger: close the statement's span set and check its spans. */
Datum
application_insert_end(PG_FUNCTION_ARGS)
{
	ArrayType  *spans;
	CommandId	since;

	check_statement_trigger(fcinfo, "application_insert_end", false);
	/* no set of this (sub)transaction: the BEFORE trigger did not fire, nothing was collected */
	if (innermost == NULL || innermost->nest_level != GetCurrentTransactionNestLevel())
		return PointerGetDatum(NULL);
	spans = spanset_array(innermost->spans);
	since = innermost->cid;
	drop_innermost();
	if (spans != NULL)
		run_insert_check(fcinfo->flinfo->fn_oid, spans, since);
	return PointerGetDatum(NULL);
}

PG_FUNCTION_INFO_V1(inserted_since);
/*
 * inserted_since(rel, ctid, since): whether the row version at ctid was inserted,
 * not produced by an UPDATE, by this transaction at command since or later.
 */
Datum
inserted_since(PG_FUNCTION_ARGS)
{
	Oid			relid = PG_GETARG_OID(0);
	ItemPointer tid = (ItemPointer) PG_GETARG_POINTER(1);	/* tid is passed by reference */
	int64		since = PG_GETARG_INT64(2);
	Relation	rel;
	TupleTableSlot *slot;
	bool		result = false;

	if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
		aclcheck_error(ACLCHECK_NO_PRIV, OBJECT_TABLE, get_rel_name(relid));
	rel = table_open(relid, AccessShareLock);
	if (rel->rd_rel->relkind != RELKIND_RELATION || rel->rd_tableam != GetHeapamTableAmRoutine())
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not a heap table", RelationGetRelationName(rel))));
	slot = table_slot_create(rel, NULL);
	if (ItemPointerIsValid(tid) && table_tuple_fetch_row_version(rel, tid, SnapshotAny, slot))
	{
		bool		should_free;
		HeapTuple	tuple = ExecFetchSlotHeapTuple(slot, false, &should_free);
		HeapTupleHeader header = tuple->t_data;

		result = TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(header)) &&
			!(header->t_infomask & HEAP_UPDATED) &&
			(int64) HeapTupleHeaderGetCmin(header) >= since;
		if (should_free)
			heap_freetuple(tuple);
	}
	ExecDropSingleTupleTableSlot(slot);
	table_close(rel, AccessShareLock);
	PG_RETURN_BOOL(result);
}
