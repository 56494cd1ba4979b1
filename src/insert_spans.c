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
 *
 * The set holds each row as its agency and tally key (src/tally.h), counted:
 * the spans are read off the keys, and the counts are the statement's delta
 * of govinfo.application_tally (0.13.0).  The delta is written only when the
 * rows counted are exactly the rows the statement inserted, as the table's
 * statistics count them in this transaction (inserted less speculative
 * inserts taken back, less what statements nested inside inserted); else
 * (ON CONFLICT skipped or updated rows, an UPDATE inside the statement, the
 * statistics off) govinfo.tally_write() counts the agencies concerned again
 * from their applications.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/memutils.h"

#include "fmgr.h"

#include "access.h"
#include "application_check.h"
#include "audit.h"
#include "plans.h"
#include "spans.h"
#include "row_counts.h"
#include "tally.h"


/* The span set of one inserting statement, innermost first. */
typedef struct InsertStatement
{
	struct InsertStatement *outer;
	int			nest_level;		/* transaction nesting level that opened it */
	MemoryContext cxt;
	RowCounts  *rows;			/* the rows by (agency, tally key): spans, audit counts, tally delta */
	bool		keyless;		/* a row came without its applicant (a CHECK older than 0.13.0, or a direct call) */
	int64		proposed;		/* rows the CHECK counted */
	int64		written_before; /* the table's inserted less deleted rows in this transaction, at the start */
	int64		nested;			/* the same, of the statements nested inside that inserted into it */
	bool		aborted_inside; /* a subtransaction aborted while it was open: the statistics count its rows */
	Oid			relid;
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

/*
 * Subtransaction abort: drop the sets its statements opened.  The sets left
 * are of statements the subtransaction ran inside; the table's statistics
 * keep the rows it inserted or deleted (attempts count), so their rows
 * written no longer tell whether the rows counted are the rows inserted.
 */
static void
insert_spans_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
							  SubTransactionId parentSubid, void *arg)
{
	if (event != SUBXACT_EVENT_ABORT_SUB)
		return;
	while (innermost != NULL && innermost->nest_level >= GetCurrentTransactionNestLevel())
		drop_innermost();
	for (InsertStatement *st = innermost; st != NULL; st = st->outer)
		st->aborted_inside = true;
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

/* The table's rows inserted less deleted in this transaction so far, as its statistics count them. */
static int64
rows_written(Oid relid)
{
	return DatumGetInt64(DirectFunctionCall1(pg_stat_get_xact_tuples_inserted, ObjectIdGetDatum(relid))) -
		DatumGetInt64(DirectFunctionCall1(pg_stat_get_xact_tuples_deleted, ObjectIdGetDatum(relid)));
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
	st->rows = row_counts_make(cxt);
	st->relid = RelationGetRelid(((TriggerData *) fcinfo->context)->tg_relation);
	st->written_before = rows_written(st->relid);
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

/* Count one proposed row of an agency under its tally key in the innermost set. */
static void
add_row(FunctionCallInfo fcinfo, int64 agency_id, int32 key)
{
	InsertStatement *st = innermost;

	st->proposed++;
	row_counts_push(st->rows, agency_id, span_allowed(fcinfo, agency_id) ? key : key | ROW_COUNT_REFUSED);
}

PG_FUNCTION_INFO_V1(application_row_valid);
/*
 * application_row_valid(agency_id, received_on, corrected_on, closed_on, has_outcome,
 * channel, fee_yuan, applicant, outcome): the CHECK of govinfo.application —
 * the rules of application_valid(), then the row into the inserting
 * statement's set.  The CHECK of a schema older than 0.13.0 passes seven
 * arguments: its rows have a span but no tally key.
 */
Datum
application_row_valid(PG_FUNCTION_ARGS)
{
	bool		keyed = PG_NARGS() >= 9 && !PG_ARGISNULL(7);
	bool		open = PG_ARGISNULL(3);

	check_application_rules(fcinfo, 1);
	if (innermost == NULL || PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return BoolGetDatum(true);
	if (!keyed)
		innermost->keyless = true;
	add_row(fcinfo, PG_GETARG_INT64(0),
			tally_key_of(PG_GETARG_DATEADT(1), open, open ? 0 : PG_GETARG_DATEADT(3),
						 keyed ? (uint8) PG_GETARG_CHAR(7) : 0,
						 keyed && !open && !PG_ARGISNULL(8) ? (uint8) PG_GETARG_CHAR(8) : 0));
	PG_RETURN_BOOL(true);
}

/* The statement's spans (with their rows, for the audit) from the rows it counted, those allowed only. */
static SpanSet *
statement_spans(InsertStatement *st)
{
	SpanSet    *spans = spanset_make(CurrentMemoryContext);

	for (uint32 i = 0; i <= st->rows->mask; i++)
	{
		const RowCount *e = &st->rows->slots[i];
		TallyKey	k;

		if (e->n == 0 || (e->key & ROW_COUNT_REFUSED))
			continue;
		tally_split_key(ROW_COUNT_KEY(e), &k);
		spanset_add_years(spans, e->agency_id, k.received_year, k.closed_year, e->n);
	}
	return spans;
}

/* Order two counted rows by agency, then key, for qsort. */
static int
row_count_cmp(const void *a, const void *b)
{
	const RowCount *x = (const RowCount *) a;
	const RowCount *y = (const RowCount *) b;

	if (x->agency_id != y->agency_id)
		return x->agency_id < y->agency_id ? -1 : 1;
	return (ROW_COUNT_KEY(x) > ROW_COUNT_KEY(y)) - (ROW_COUNT_KEY(x) < ROW_COUNT_KEY(y));
}

/*
 * The statement's tally delta as three arrays, what govinfo.tally_rows()
 * reads: the agencies (distinct, ascending), the (key, count) pairs of all of
 * them one agency after the other (keys ascending), and where each agency's
 * pairs end.
 */
static void
statement_delta(InsertStatement *st, Datum args[3])
{
	RowCount   *sorted = palloc(sizeof(RowCount) * (st->rows->members + 1));
	Datum	   *agencies;
	Datum	   *pairs;
	Datum	   *ends;
	int			n = 0;
	int			nagencies = 0;

	for (uint32 i = 0; i <= st->rows->mask; i++)
		if (st->rows->slots[i].n != 0)
			sorted[n++] = st->rows->slots[i];
	qsort(sorted, n, sizeof(RowCount), row_count_cmp);
	agencies = palloc(sizeof(Datum) * (n + 1));
	pairs = palloc(sizeof(Datum) * 2 * (n + 1));
	ends = palloc(sizeof(Datum) * (n + 1));
	for (int i = 0; i < n; i++)
	{
		if (i > 0 && sorted[i].agency_id != sorted[i - 1].agency_id)
			ends[nagencies++] = Int32GetDatum(i);
		agencies[nagencies] = Int64GetDatum(sorted[i].agency_id);
		pairs[2 * i] = Int32GetDatum(ROW_COUNT_KEY(&sorted[i]));
		pairs[2 * i + 1] = Int32GetDatum(sorted[i].n);
	}
	if (n > 0)
		ends[nagencies++] = Int32GetDatum(n);
	args[0] = PointerGetDatum(construct_array(agencies, nagencies, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	args[1] = PointerGetDatum(construct_array(pairs, 2 * n, INT4OID, 4, true, TYPALIGN_INT));
	args[2] = PointerGetDatum(construct_array(ends, nagencies, INT4OID, 4, true, TYPALIGN_INT));
}

/*
 * Run application_insert_check(spans) through its kept plan, as the owner of
 * the table (as ri_triggers.c runs its checks): the check is not for PUBLIC,
 * and it locks agency rows, which the inserting role need not be able to do.
 * An error restores the user at (sub)transaction abort.
 */
static void
run_insert_check(FunctionCallInfo fcinfo, Relation rel, ArrayType *spans, Datum *delta, bool recount)
{
	Datum		args[1] = {PointerGetDatum(spans)};
	Oid			save_userid;
	int			save_sec_context;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(RelationGetForm(rel)->relowner,
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
	if (spans != NULL &&
		SPI_execute_plan(gi_plan(fcinfo, GI_PLAN_INSERT_CHECK), args, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(SPI_result));
	if (delta != NULL)
	{
		Datum		targs[4] = {delta[0], delta[1], delta[2], BoolGetDatum(recount)};

		if (SPI_execute_plan(gi_plan(fcinfo, GI_PLAN_TALLY_WRITE), targs, NULL, false, 1) != SPI_OK_SELECT)
			elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(SPI_result));
	}
	SetUserIdAndSecContext(save_userid, save_sec_context);
	SPI_finish();
}

PG_FUNCTION_INFO_V1(application_insert_end);
/* AFTER INSERT statement trigger: close the statement's span set, check its spans, audit its rows. */
Datum
application_insert_end(PG_FUNCTION_ARGS)
{
	InsertStatement *st = innermost;
	ArrayType  *spans;
	ArrayType  *counts;
	Relation	rel;
	SpanSet    *set;
	Datum		delta[3];
	bool		tallied;
	int64		written;

	check_statement_trigger(fcinfo, "application_insert_end", false);
	rel = ((TriggerData *) fcinfo->context)->tg_relation;
	/* no set of this (sub)transaction: the BEFORE trigger did not fire, nothing was collected */
	if (st == NULL || st->nest_level != GetCurrentTransactionNestLevel())
		return PointerGetDatum(NULL);
	written = rows_written(st->relid) - st->written_before;
	row_counts_flush(st->rows);
	set = statement_spans(st);
	spans = spanset_array(set);
	counts = spanset_count_array(set);
	/* a database still at an older version has no tally */
	tallied = st->rows->members > 0 &&
		OidIsValid(get_relname_relid("application_tally", RelationGetNamespace(rel)));
	if (tallied)
		statement_delta(st, delta);
	{
		/*
		 * rows counted that are not the rows inserted, a row counted without
		 * its key (a direct call of application_row_valid() with a NULL
		 * applicant), or a subtransaction aborted inside the statement (its
		 * rows in the statistics could make up for rows counted and not
		 * inserted): count the agencies again
		 */
		bool		recount = st->keyless || st->aborted_inside || written - st->nested != st->proposed;

		drop_innermost();
		if (innermost != NULL)
			innermost->nested += written;
		if (spans != NULL || tallied)
			run_insert_check(fcinfo, rel, spans, tallied ? delta : NULL, recount);
	}
	/* a database still at an older version has no audit log */
	if (counts != NULL && gi_schema_current(rel))
		gi_audit_insert(fcinfo, rel, gi_acting_user(), counts);
	return PointerGetDatum(NULL);
}
