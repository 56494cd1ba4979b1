/*
 * agency_subtree.c — the agency tree kept by each backend in pre-order, so
 * that the agencies under one are a contiguous range (the roll-ups,
 * sql/schema/80_warehouse.sql).
 *
 *   govinfo.subtree_agencies(agency_id, contributors)  the agency and every
 *       agency under it, in tree order; with contributors, only those not
 *       flagged reports_rollup (a flagged one contributes through its
 *       children).
 *   govinfo.subtree_contains(root, agency_id, contributors)  whether an
 *       agency is in that list: a range test per row, for a scan of reports.
 *
 * The agencies' codes are kept with the tree, sorted, for the C functions
 * that take an agency code (report_table2/3/4, import_report: 0.8.0): a
 * binary search instead of a query of agency per call.  Their names are kept
 * too, for import_report's match of a printed name (src/agency_names.c).
 *
 * The tree is read from govinfo.agency once and kept until agency or
 * access_grant changes (the invalidation of src/access.c: a relcache
 * invalidation from the statement triggers, applied here at the end of the
 * changing statement, elsewhere at commit, undone at an abort).  It is read
 * with the latest snapshot, as the access sets are; at REPEATABLE READ and in
 * parallel mode with the transaction's snapshot, and then kept only until the
 * end of the transaction.  The caller needs SELECT on agency, as for a walk
 * of the table in SQL (agency has no row-level security).
 */
#include "postgres.h"

#include "access/table.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "access.h"
#include "compat.h"

/* The agency tree in pre-order. */
typedef struct AgencyTree
{
	uint64		generation;		/* valid while equal to access_current_generation() */
	bool		valid;
	bool		transient;		/* read with a transaction's snapshot: dropped at its end */
	int			n;
	int64	   *ids;			/* ascending */
	int		   *first;			/* by index in ids: its position in order, -1 if unreachable */
	int		   *last;			/* by index in ids: one past its subtree's end in order */
	int64	   *order;			/* ids in pre-order */
	bool	   *rollup;			/* by position in order: reports_rollup */
	int			ncodes;
	struct CodePair *codes;		/* the agencies by code, in byte order (code is unique) */
	char	  **names;			/* by index in ids: the agency's name */
	uint64		serial;			/* changes with every read of the tree */
	MemoryContext cxt;
} AgencyTree;

/* An agency's code and id. */
typedef struct CodePair
{
	char	   *code;
	int64		id;
} CodePair;

static AgencyTree tree;
static bool xact_registered = false;
static uint64 tree_reads = 0;

/* Transaction end: a tree read with a transaction's snapshot is dropped. */
static void
subtree_xact_callback(XactEvent event, void *arg)
{
	if (event != XACT_EVENT_COMMIT && event != XACT_EVENT_ABORT &&
		event != XACT_EVENT_PARALLEL_COMMIT && event != XACT_EVENT_PARALLEL_ABORT)
		return;
	if (tree.transient)
		tree.valid = false;
}

/* The index of an agency in the ascending ids, or -1. */
static int
tree_index(const AgencyTree *t, int64 id)
{
	int			lo = 0,
				hi = t->n - 1;

	while (lo <= hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (t->ids[mid] == id)
			return mid;
		if (t->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* qsort and bsearch comparator of two (code, id) pairs by code, in byte order. */
static int
code_pair_cmp(const void *a, const void *b)
{
	return strcmp(((const CodePair *) a)->code, ((const CodePair *) b)->code);
}

/* Read the tree through SPI (as the tables' owner) and order it. */
static void
tree_load(Oid agency_relid, uint64 generation)
{
	bool		transient = IsInParallelMode() || IsolationUsesXactSnapshot();
	char	   *sql;
	Oid			save_userid;
	int			save_sec_context;
	int			n;
	int		   *parent;
	int		   *child_start;
	int		   *children;
	int		   *fill;
	int		   *stack;
	int			depth = 0;
	int			pos = 0;
	int64	   *parent_ids;
	Relation	rel;
	Oid			owner;
	MemoryContext outer = CurrentMemoryContext;	/* SPI_finish frees what SPI's context holds */

	sql = psprintf("SELECT g.agency_id, g.parent_id, g.reports_rollup, g.code, g.name FROM %s.%s g ORDER BY g.agency_id",
				   quote_identifier(get_namespace_name(get_rel_namespace(agency_relid))),
				   quote_identifier(get_rel_name(agency_relid)));
	if (tree.cxt == NULL)
		tree.cxt = AllocSetContextCreate(TopMemoryContext, "govinfo agency tree", ALLOCSET_DEFAULT_SIZES);
	tree.valid = false;
	MemoryContextReset(tree.cxt);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	rel = table_open(agency_relid, AccessShareLock);
	owner = rel->rd_rel->relowner;
	table_close(rel, AccessShareLock);
	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(owner,
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
	{
		SPIPlanPtr	plan = SPI_prepare(sql, 0, NULL);

		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		if (SPI_execute_snapshot(plan, NULL, NULL, transient ? InvalidSnapshot : GetLatestSnapshot(),
								 InvalidSnapshot, true, false, 0) != SPI_OK_SELECT)
			elog(ERROR, "reading the agency tree failed: %s", SPI_result_code_string(SPI_result));
	}
	SetUserIdAndSecContext(save_userid, save_sec_context);

	n = (int) SPI_processed;
	tree.n = n;
	tree.ids = MemoryContextAlloc(tree.cxt, sizeof(int64) * Max(n, 1));
	tree.first = MemoryContextAlloc(tree.cxt, sizeof(int) * Max(n, 1));
	tree.last = MemoryContextAlloc(tree.cxt, sizeof(int) * Max(n, 1));
	tree.order = MemoryContextAlloc(tree.cxt, sizeof(int64) * Max(n, 1));
	tree.rollup = MemoryContextAlloc(tree.cxt, sizeof(bool) * Max(n, 1));
	tree.codes = MemoryContextAlloc(tree.cxt, sizeof(CodePair) * Max(n, 1));
	tree.names = MemoryContextAlloc(tree.cxt, sizeof(char *) * Max(n, 1));
	tree.ncodes = 0;
	parent_ids = MemoryContextAlloc(outer, sizeof(int64) * Max(n, 1));
	{
		bool	   *flag = MemoryContextAlloc(outer, sizeof(bool) * Max(n, 1));

		for (int i = 0; i < n; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull;
			Datum		d;

			tree.ids[i] = DatumGetInt64(SPI_getbinval(tup, desc, 1, &isnull));
			d = SPI_getbinval(tup, desc, 2, &isnull);
			parent_ids[i] = isnull ? -1 : DatumGetInt64(d);
			d = SPI_getbinval(tup, desc, 3, &isnull);
			flag[i] = !isnull && DatumGetBool(d);
			d = SPI_getbinval(tup, desc, 4, &isnull);
			if (!isnull)
			{
				tree.codes[tree.ncodes].code = MemoryContextStrdup(tree.cxt, TextDatumGetCString(d));
				tree.codes[tree.ncodes++].id = tree.ids[i];
			}
			d = SPI_getbinval(tup, desc, 5, &isnull);
			tree.names[i] = isnull ? NULL : MemoryContextStrdup(tree.cxt, TextDatumGetCString(d));
		}
		SPI_finish();
		qsort(tree.codes, tree.ncodes, sizeof(CodePair), code_pair_cmp);

		/* children lists (by index, ascending), then a depth-first walk from every root */
		parent = palloc(sizeof(int) * Max(n, 1));
		child_start = palloc0(sizeof(int) * (n + 1));
		children = palloc(sizeof(int) * Max(n, 1));
		fill = palloc(sizeof(int) * (n + 1));
		stack = palloc(sizeof(int) * Max(n, 1));
		for (int i = 0; i < n; i++)
		{
			parent[i] = parent_ids[i] < 0 ? -1 : tree_index(&tree, parent_ids[i]);
			if (parent[i] >= 0)
				child_start[parent[i] + 1]++;
			tree.first[i] = -1;
			tree.last[i] = -1;
		}
		for (int i = 0; i < n; i++)
			child_start[i + 1] += child_start[i];
		memcpy(fill, child_start, sizeof(int) * (n + 1));
		for (int i = 0; i < n; i++)
			if (parent[i] >= 0)
				children[fill[parent[i]]++] = i;
		/* fill[i] is now the next child of i to visit (from child_start[i]) */
		memcpy(fill, child_start, sizeof(int) * (n + 1));
		for (int r = 0; r < n; r++)
		{
			if (parent[r] >= 0)
				continue;
			stack[depth++] = r;
			tree.first[r] = pos;
			tree.order[pos] = tree.ids[r];
			tree.rollup[pos++] = flag[r];
			while (depth > 0)
			{
				int			top = stack[depth - 1];

				if (fill[top] < child_start[top + 1])
				{
					int			c = children[fill[top]++];

					stack[depth++] = c;
					tree.first[c] = pos;
					tree.order[pos] = tree.ids[c];
					tree.rollup[pos++] = flag[c];
				}
				else
				{
					tree.last[top] = pos;
					depth--;
				}
			}
		}
	}
	if (!xact_registered)
	{
		RegisterXactCallback(subtree_xact_callback, NULL);
		xact_registered = true;
	}
	tree.transient = transient;
	tree.generation = generation;
	tree.serial = ++tree_reads;
	tree.valid = true;
}

/* The current tree for a caller needing SELECT on agency; accept: take pending invalidations first. */
static void
tree_current(FunctionCallInfo fcinfo, bool accept)
{
	Oid			agency_relid;
	uint64		generation;

	if (accept)
		AcceptInvalidationMessages();
	agency_relid = access_watch(get_func_namespace(fcinfo->flinfo->fn_oid));
	if (accept && pg_class_aclcheck(agency_relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
		aclcheck_error(ACLCHECK_NO_PRIV, OBJECT_TABLE, get_rel_name(agency_relid));
	generation = access_current_generation();
	if (!tree.valid || tree.generation != generation)
		tree_load(agency_relid, generation);
}

PG_FUNCTION_INFO_V1(subtree_contains);
/* subtree_contains(root, agency_id, contributors): whether the agency is in root's subtree (and contributes to its roll-up). */
Datum
subtree_contains(PG_FUNCTION_ARGS)
{
	int64		root = PG_GETARG_INT64(0);
	int64		id = PG_GETARG_INT64(1);
	bool		contributors = PG_GETARG_BOOL(2);
	int			r,
				i;

	/* a statement's first call takes the pending invalidations and checks the privilege */
	tree_current(fcinfo, fcinfo->flinfo->fn_extra == NULL);
	fcinfo->flinfo->fn_extra = (void *) fcinfo->flinfo;
	r = tree_index(&tree, root);
	i = tree_index(&tree, id);
	if (r < 0 || i < 0 || tree.first[r] < 0 || tree.first[i] < tree.first[r] || tree.first[i] >= tree.last[r])
		PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(!contributors || !tree.rollup[tree.first[i]]);
}

PG_FUNCTION_INFO_V1(subtree_agencies);
/* subtree_agencies(agency_id, contributors): the agency and those under it in tree order (contributors: those not flagged reports_rollup). */
Datum
subtree_agencies(PG_FUNCTION_ARGS)
{
	int64		id = PG_GETARG_INT64(0);
	bool		contributors = PG_GETARG_BOOL(1);
	int			i;
	Datum	   *elems;
	int			k = 0;

	tree_current(fcinfo, true);
	i = tree_index(&tree, id);
	if (i < 0 || tree.first[i] < 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(INT8OID));
	elems = palloc(sizeof(Datum) * (tree.last[i] - tree.first[i]));
	for (int p = tree.first[i]; p < tree.last[i]; p++)
		if (!contributors || !tree.rollup[p])
			elems[k++] = Int64GetDatum(tree.order[p]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, k, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * The agency of a code, from the kept tree: false if no agency has it.  The
 * caller needs SELECT on agency, as for the query it replaces (42501).
 */
bool
gi_agency_code_find(FunctionCallInfo fcinfo, text *code, int64 *id)
{
	CodePair	key = {.code = text_to_cstring(code)};
	const CodePair *found;

	tree_current(fcinfo, true);
	found = bsearch(&key, tree.codes, tree.ncodes, sizeof(CodePair), code_pair_cmp);
	pfree(key.code);
	if (found == NULL)
		return false;
	*id = found->id;
	return true;
}

/*
 * The agencies of the kept tree with their names (NULL for none), for a caller
 * needing SELECT on agency: their number; *serial changes whenever the tree is
 * read again, and the arrays stay valid until then.
 */
int
gi_agency_tree_names(FunctionCallInfo fcinfo, const int64 **ids, char *const **names, uint64 *serial)
{
	tree_current(fcinfo, true);
	*ids = tree.ids;
	*names = tree.names;
	*serial = tree.serial;
	return tree.n;
}
