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
	Oid			rights_user;	/* the last other user a row came from (InvalidOid: none yet), and */
	bool		rights;			/* whether it has the rights of govinfo's tables' owner */
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
	InsertStatement *st = innermost;
	Oid			user = GetUserId();

	if (user == st->user && st->owner)
		return true;
	/* whether the user has the owner's rights does not depend on the agency: asked once a statement */
	if (user != st->rights_user)
	{
		st->rights = access_has_owner_rights(fcinfo->flinfo->fn_oid);
		st->rights_user = user;
	}
	return st->rights || access_allowed(fcinfo->flinfo->fn_oid, agency_id, 2);
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

/* Order two counted rows by agency, then key (without the refused bit). */
static inline int
row_count_cmp(const RowCount *x, const RowCount *y)
{
	if (x->agency_id != y->agency_id)
		return x->agency_id < y->agency_id ? -1 : 1;
	return (ROW_COUNT_KEY(x) > ROW_COUNT_KEY(y)) - (ROW_COUNT_KEY(x) < ROW_COUNT_KEY(y));
}

#define ST_SORT sort_row_counts
#define ST_ELEMENT_TYPE RowCount
#define ST_COMPARE(a, b) row_count_cmp(a, b)
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

/*
 * The statement's counted rows, one per (agency, key), in the order of
 * row_count_cmp: an agency's keys are then together, and within them its
 * received years, and within those its closed years (the key's high bits).
 */
static RowCount *
statement_rows(InsertStatement *st, int *n)
{
	RowCount   *sorted = palloc(sizeof(RowCount) * (st->rows->members + 1));

	*n = 0;
	for (uint32 i = 0; i <= st->rows->mask; i++)
		if (st->rows->slots[i].n != 0)
			sorted[(*n)++] = st->rows->slots[i];
	sort_row_counts(sorted, *n);
	return sorted;
}

/*
 * From the sorted rows, those allowed only: the statement's spans as an N×3
 * bigint array (agency, received year, closed year or NULL while open), what
 * application_insert_check() reads, and the audit's entries as three arrays
 * (agencies, received years, rows: what gi_audit_insert() writes), both in
 * (agency, year) order.  Sorted, a span or an audit entry is a run of rows.
 * False (and nothing made) for no row allowed.
 */
static bool
statement_spans(const RowCount *rows, int n, ArrayType **spans, Datum counts[3])
{
	Datum	   *span_elems = palloc(sizeof(Datum) * 3 * (n + 1));
	bool	   *span_nulls = palloc0(sizeof(bool) * 3 * (n + 1));
	Datum	   *agencies = palloc(sizeof(Datum) * (n + 1));
	Datum	   *years = palloc(sizeof(Datum) * (n + 1));
	int64	   *entry_rows = palloc0(sizeof(int64) * (n + 1));
	int			nspans = 0;
	int			nentries = 0;
	int			dims[2] = {0, 3};
	int			lbs[2] = {1, 1};
	TallyKey	last = {0, 0, 0, 0};

	for (int i = 0; i < n; i++)
	{
		TallyKey	k;
		bool		new_entry;

		if (rows[i].key & ROW_COUNT_REFUSED)
			continue;
		tally_split_key(ROW_COUNT_KEY(&rows[i]), &k);
		new_entry = nentries == 0 || rows[i].agency_id != DatumGetInt64(agencies[nentries - 1]) ||
			k.received_year != last.received_year;
		if (new_entry)
		{
			agencies[nentries] = Int64GetDatum(rows[i].agency_id);
			years[nentries] = Int32GetDatum(k.received_year);
			nentries++;
		}
		if (new_entry || k.closed_year != last.closed_year)
		{
			span_elems[3 * nspans] = Int64GetDatum(rows[i].agency_id);
			span_elems[3 * nspans + 1] = Int64GetDatum(k.received_year);
			span_elems[3 * nspans + 2] = Int64GetDatum(k.closed_year);
			span_nulls[3 * nspans + 2] = (k.closed_year == 0);
			nspans++;
		}
		entry_rows[nentries - 1] += rows[i].n;
		last = k;
	}
	if (nentries == 0)
		return false;
	dims[0] = nspans;
	*spans = construct_md_array(span_elems, span_nulls, 2, dims, lbs, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
	counts[0] = PointerGetDatum(construct_array(agencies, nentries, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	counts[1] = PointerGetDatum(construct_array(years, nentries, INT4OID, 4, true, TYPALIGN_INT));
	/* the rows were summed as int64 (a Datum holds an int64 by reference on some platforms) */
	{
		Datum	   *entry_counts = palloc(sizeof(Datum) * nentries);

		for (int i = 0; i < nentries; i++)
			entry_counts[i] = Int64GetDatum(entry_rows[i]);
		counts[2] = PointerGetDatum(construct_array(entry_counts, nentries, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	}
	return true;
}

/*
 * The statement's tally delta from the sorted rows as three arrays, what
 * govinfo.tally_rows() reads: the agencies (distinct, ascending), the (key,
 * count) pairs of all of them one agency after the other (keys ascending), and
 * where each agency's pairs end.
 */
static void
statement_delta(const RowCount *rows, int n, Datum args[3])
{
	Datum	   *agencies = palloc(sizeof(Datum) * (n + 1));
	Datum	   *pairs = palloc(sizeof(Datum) * 2 * (n + 1));
	Datum	   *ends = palloc(sizeof(Datum) * (n + 1));
	int			nagencies = 0;

	for (int i = 0; i < n; i++)
	{
		if (i > 0 && rows[i].agency_id != rows[i - 1].agency_id)
			ends[nagencies++] = Int32GetDatum(i);
		agencies[nagencies] = Int64GetDatum(rows[i].agency_id);
		pairs[2 * i] = Int32GetDatum(ROW_COUNT_KEY(&rows[i]));
		pairs[2 * i + 1] = Int32GetDatum(rows[i].n);
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
	ArrayType  *spans = NULL;
	Datum		counts[3];
	bool		allowed;
	Relation	rel;
	RowCount   *rows;
	int			nrows;
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
	rows = statement_rows(st, &nrows);
	allowed = statement_spans(rows, nrows, &spans, counts);
	/* a database still at an older version has no tally */
	tallied = nrows > 0 &&
		OidIsValid(get_relname_relid("application_tally", RelationGetNamespace(rel)));
	if (tallied)
		statement_delta(rows, nrows, delta);
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
	if (allowed && gi_schema_current(rel))
		gi_audit_insert(fcinfo, rel, gi_acting_user(), counts);
	return PointerGetDatum(NULL);
}
