/*
 * access.c — the agencies the current role may read or edit, kept by each
 * backend for the row-level security policies (sql/schema/80_warehouse.sql).
 *
 *   govinfo.agency_readable(agency_id)  the policies' test of a row: a bit
 *   govinfo.agency_editable(agency_id)  (or a binary search) in the set of the
 *                                       current user at that level;
 *   govinfo.readable_agency_ids()       the same sets as sorted arrays: the
 *   govinfo.editable_agency_ids()       index condition the planner support
 *                                       function offers for a small set;
 *   govinfo.agency_access_changed()     statement trigger of access_grant and
 *                                       agency: every backend's sets are stale.
 *
 * A set is computed by govinfo.visible_agencies_of(level, role) (the grants of
 * the role and of the roles whose rights it has, with the descendants of
 * grants made with_descendants) once, and kept per (user, level) until
 * something it depends on changes: access_grant or agency (the trigger
 * registers a relcache invalidation of the table, applied here at the end of
 * the changing statement and elsewhere at commit, or undone at an abort), or
 * a role or role membership (syscache callbacks on pg_authid and
 * pg_auth_members).  The user is GetUserId(): SET ROLE and SECURITY DEFINER
 * functions select another set, never reuse one.  Each statement accepts the
 * pending invalidations before its first test, so a grant or revoke committed
 * before a statement starts is seen by it (as with a snapshot per statement),
 * and a set is read with the latest snapshot, like a catalog.  In parallel
 * mode (no latest snapshot) it is read with the query's snapshot and kept
 * only until the end of the transaction.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_opfamily_d.h"
#include "catalog/pg_operator_d.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/pg_list.h"
#include "nodes/supportnodes.h"
#include "parser/parse_func.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "access.h"
#include "compat.h"

#define ACCESS_SLOTS 8
/* a set of at most this share of all agencies gets an index condition */
#define INDEX_SHARE 0.10

/* The agencies one user may access at one level. */
typedef struct AccessSet
{
	Oid			user;
	int			level;			/* 1 read, 2 edit */
	uint64		generation;		/* valid while equal to access_generation */
	bool		transient;		/* read in parallel mode: dropped at transaction end */
	uint64		used;			/* for replacing the least recently used slot */
	int			n;
	int64	   *ids;			/* ascending */
	int64		min;
	uint64		span;			/* bits covers min .. min + span - 1, or NULL */
	uint8	   *bits;
	double		agencies;		/* agencies in govinfo.agency (for the planner's estimate) */
	MemoryContext cxt;
} AccessSet;

/* What a policy's function call keeps for its statement (fn_extra). */
typedef struct AccessCall
{
	AccessSet  *set;
	uint64		generation;
	Oid			user;
	int64		last_id;
	bool		last_result;
	bool		has_last;
} AccessCall;

static AccessSet slots[ACCESS_SLOTS];
static uint64 access_generation = 1;
static uint64 access_clock = 0;
static Oid	grant_relid = InvalidOid;
static Oid	agency_relid = InvalidOid;
static bool callbacks_registered = false;

/* Relcache callback: access_grant or agency (or every relation) changed. */
static void
access_relcache_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == grant_relid || relid == agency_relid)
		access_generation++;
}

/* Syscache callback: a role or a role membership changed. */
static void
access_syscache_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	access_generation++;
}

/* Transaction end: the sets read with a query's snapshot are dropped. */
static void
access_xact_callback(XactEvent event, void *arg)
{
	if (event != XACT_EVENT_COMMIT && event != XACT_EVENT_ABORT &&
		event != XACT_EVENT_PARALLEL_COMMIT && event != XACT_EVENT_PARALLEL_ABORT)
		return;
	for (int i = 0; i < ACCESS_SLOTS; i++)
		if (slots[i].transient)
			slots[i].generation = 0;
}

/* Register the invalidation callbacks once per backend. */
static void
register_callbacks(void)
{
	if (callbacks_registered)
		return;
	CacheRegisterRelcacheCallback(access_relcache_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(AUTHMEMROLEMEM, access_syscache_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(AUTHOID, access_syscache_callback, (Datum) 0);
	RegisterXactCallback(access_xact_callback, NULL);
	callbacks_registered = true;
}

/* Register the callbacks and find access_grant and agency of a schema; returns agency's oid. */
Oid
access_watch(Oid fn_namespace)
{
	const char *schema = get_namespace_name(fn_namespace);

	register_callbacks();
	grant_relid = get_relname_relid("access_grant", fn_namespace);
	agency_relid = get_relname_relid("agency", fn_namespace);
	if (!OidIsValid(grant_relid) || !OidIsValid(agency_relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("the tables access_grant and agency of schema \"%s\" are missing",
						schema ? schema : "?")));
	return agency_relid;
}

/* The current generation of the caches of access_grant and agency. */
uint64
access_current_generation(void)
{
	return access_generation;
}

/*
 * Run a one-row query over govinfo's tables as their owner (the role asking
 * holds no right on what it reads: visible_agencies_of, access_grant), with
 * snapshot (InvalidSnapshot: the current one); the row is left in
 * SPI_tuptable.  The caller is connected to SPI.
 */
void
access_select_as_owner(Oid fn_namespace, const char *sql, int nargs, Oid *types, Datum *args,
					   Snapshot snapshot)
{
	SPIPlanPtr	plan;
	Relation	rel;
	Oid			save_userid;
	int			save_sec_context;
	Oid			owner;

	plan = SPI_prepare(sql, nargs, types);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	rel = table_open(access_watch(fn_namespace), AccessShareLock);
	owner = rel->rd_rel->relowner;
	table_close(rel, AccessShareLock);
	SetUserIdAndSecContext(owner,
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
	if (SPI_execute_snapshot(plan, args, NULL, snapshot, InvalidSnapshot, true, false, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "reading the visible agencies failed: %s", SPI_result_code_string(SPI_result));
	SetUserIdAndSecContext(save_userid, save_sec_context);
}

/* Read the set of (user, level) into a slot with visible_agencies_of, through SPI. */
static void
access_load(AccessSet *s, Oid fn_namespace, Oid user, int level)
{
	const char *schema = get_namespace_name(fn_namespace);
	bool		transient = IsInParallelMode();
	char	   *sql;
	Oid			types[2] = {TEXTOID, NAMEOID};
	Datum		args[2];
	Name		role = palloc0(NAMEDATALEN);
	Datum		d;
	bool		isnull;
	ArrayType  *arr;
	Datum	   *elems;
	int			n;
	uint64		generation;
	Datum		count;
	bool		count_null;

	if (schema == NULL)
		elog(ERROR, "the schema of govinfo's access functions is missing");
	access_watch(fn_namespace);
	/* an invalidation arriving while the set is read makes it stale at once */
	generation = access_generation;

	namestrcpy(role, GetUserNameFromId(user, false));
	args[0] = CStringGetTextDatum(level == 1 ? "read" : "edit");
	args[1] = NameGetDatum(role);
	sql = psprintf("SELECT %s.visible_agencies_of($1, $2), (SELECT pg_catalog.count(*) FROM %s.agency)",
				   quote_identifier(schema), quote_identifier(schema));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	access_select_as_owner(fn_namespace, sql, 2, types, args, transient ? InvalidSnapshot : GetLatestSnapshot());
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	count = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &count_null);

	if (s->cxt == NULL)
		s->cxt = AllocSetContextCreate(TopMemoryContext, "govinfo access set", ALLOCSET_SMALL_SIZES);
	MemoryContextReset(s->cxt);
	s->generation = 0;
	s->n = 0;
	s->ids = NULL;
	s->bits = NULL;
	if (!isnull)
	{
		arr = DatumGetArrayTypeP(d);
		deconstruct_array(arr, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, NULL, &n);
		s->ids = MemoryContextAlloc(s->cxt, sizeof(int64) * Max(n, 1));
		for (int i = 0; i < n; i++)
			s->ids[i] = DatumGetInt64(elems[i]);
		s->n = n;
	}
	s->agencies = count_null ? 1.0 : Max((double) DatumGetInt64(count), 1.0);
	SPI_finish();

	/* a bitmap where the ids are dense enough, else a binary search */
	if (s->n > 0)
	{
		uint64		span = (uint64) (s->ids[s->n - 1] - s->ids[0]) + 1;

		if (span <= (uint64) s->n * 64 + 4096)
		{
			s->min = s->ids[0];
			s->span = span;
			s->bits = MemoryContextAllocZero(s->cxt, (span + 7) / 8);
			for (int i = 0; i < s->n; i++)
			{
				uint64		b = (uint64) (s->ids[i] - s->min);

				s->bits[b / 8] |= (uint8) (1 << (b % 8));
			}
		}
	}
	s->user = user;
	s->level = level;
	s->transient = transient;
	s->generation = generation;
}

/* The current set of the current user at a level, read if missing or stale. */
static AccessSet *
access_set(Oid fn_oid, int level)
{
	Oid			user = GetUserId();
	AccessSet  *s = NULL;

	for (int i = 0; i < ACCESS_SLOTS; i++)
		if (slots[i].generation == access_generation && slots[i].user == user && slots[i].level == level)
		{
			s = &slots[i];
			break;
		}
	if (s == NULL)
	{
		s = &slots[0];
		for (int i = 0; i < ACCESS_SLOTS; i++)
		{
			if (slots[i].generation != access_generation)
			{
				s = &slots[i];
				break;
			}
			if (slots[i].used < s->used)
				s = &slots[i];
		}
		access_load(s, get_func_namespace(fn_oid), user, level);
	}
	s->used = ++access_clock;
	return s;
}

/* Whether a set holds an agency. */
static bool
access_contains(const AccessSet *s, int64 id)
{
	int			lo = 0,
				hi = s->n - 1;

	if (s->bits != NULL)
	{
		uint64		b = (uint64) id - (uint64) s->min;

		return id >= s->min && b < s->span && (s->bits[b / 8] & (1 << (b % 8))) != 0;
	}
	while (lo <= hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (s->ids[mid] == id)
			return true;
		if (s->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

/* The test of one row for a policy: fn_extra keeps the set for the statement. */
static bool
access_test(FunctionCallInfo fcinfo, int level)
{
	int64		id = PG_GETARG_INT64(0);
	AccessCall *c = (AccessCall *) fcinfo->flinfo->fn_extra;
	Oid			user = GetUserId();

	if (c == NULL)
	{
		/* a statement's first test: take the changes committed before it began */
		AcceptInvalidationMessages();
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(AccessCall));
		fcinfo->flinfo->fn_extra = c;
	}
	/* the slot may have been reloaded since, for another user or level (a nested call) */
	if (c->set == NULL || c->generation != access_generation || c->set->generation != access_generation ||
		c->user != user || c->set->user != user || c->set->level != level)
	{
		c->set = access_set(fcinfo->flinfo->fn_oid, level);
		c->generation = access_generation;
		c->user = user;
		c->has_last = false;
	}
	if (c->has_last && c->last_id == id)
		return c->last_result;
	c->last_id = id;
	c->last_result = access_contains(c->set, id);
	c->has_last = true;
	return c->last_result;
}

/*
 * Whether the current user may access an agency's data at a level (1 read,
 * 2 edit), as the policies test a row: for the C readers of one agency's
 * data (report_read.c), which check access before reading.
 */
bool
access_allowed(Oid fn_oid, int64 agency_id, int level)
{
	AcceptInvalidationMessages();
	return access_contains(access_set(fn_oid, level), agency_id);
}

/*
 * Whether the current user has the rights of the owner of govinfo's tables
 * (has_owner_rights(current_user)): it is the owner of annual_report, or has
 * the privileges of a role that is.
 */
bool
access_has_owner_rights(Oid fn_oid)
{
	Oid			nsp = get_func_namespace(fn_oid);
	Oid			relid = get_relname_relid("annual_report", nsp);
	HeapTuple	tup;
	Oid			owner;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("the table annual_report of govinfo's schema is missing")));
	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);
	return has_privs_of_role(GetUserId(), owner);
}

PG_FUNCTION_INFO_V1(agency_readable);
/* agency_readable(agency_id): whether the current user may read the agency's data. */
Datum
agency_readable(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(access_test(fcinfo, 1));
}

PG_FUNCTION_INFO_V1(agency_editable);
/* agency_editable(agency_id): whether the current user may edit the agency's data. */
Datum
agency_editable(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(access_test(fcinfo, 2));
}

/* The set of the current user at a level as a bigint array. */
static Datum
access_ids(FunctionCallInfo fcinfo, int level)
{
	AccessSet  *s;
	Datum	   *elems;

	AcceptInvalidationMessages();
	s = access_set(fcinfo->flinfo->fn_oid, level);
	elems = palloc(sizeof(Datum) * Max(s->n, 1));
	for (int i = 0; i < s->n; i++)
		elems[i] = Int64GetDatum(s->ids[i]);
	return PointerGetDatum(construct_array(elems, s->n, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

PG_FUNCTION_INFO_V1(readable_agency_ids);
/* readable_agency_ids(): the agencies the current user may read, ascending. */
Datum
readable_agency_ids(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(access_ids(fcinfo, 1));
}

PG_FUNCTION_INFO_V1(editable_agency_ids);
/* editable_agency_ids(): the agencies the current user may edit, ascending. */
Datum
editable_agency_ids(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(access_ids(fcinfo, 2));
}

/* The level a policy function tests, by its name (0: not one of them). */
static int
access_level_of(Oid funcid)
{
	char	   *name = get_func_name(funcid);

	if (name == NULL)
		return 0;
	return strcmp(name, "agency_readable") == 0 ? 1 : strcmp(name, "agency_editable") == 0 ? 2 : 0;
}

PG_FUNCTION_INFO_V1(agency_access_support);
/*
 * Planner support of agency_readable/agency_editable: the share of the
 * agencies the current user may access as the selectivity, and, for a set of
 * at most INDEX_SHARE of the agencies, the lossy index condition
 * agency_id = ANY (readable_agency_ids()) on a btree index of bigint.
 */
Datum
agency_access_support(PG_FUNCTION_ARGS)
{
	Node	   *rawreq = (Node *) PG_GETARG_POINTER(0);

	if (IsA(rawreq, SupportRequestSelectivity))
	{
		SupportRequestSelectivity *req = (SupportRequestSelectivity *) rawreq;
		int			level = access_level_of(req->funcid);
		AccessSet  *s;

		if (level == 0 || req->is_join)
			PG_RETURN_POINTER(NULL);
		s = access_set(req->funcid, level);
		req->selectivity = Min(1.0, Max((double) s->n / s->agencies, 1e-6));
		PG_RETURN_POINTER(req);
	}
	if (IsA(rawreq, SupportRequestIndexCondition))
	{
		SupportRequestIndexCondition *req = (SupportRequestIndexCondition *) rawreq;
		FuncExpr   *f = (FuncExpr *) req->node;
		int			level;
		AccessSet  *s;
		Oid			ids_fn;
		ScalarArrayOpExpr *saop;
		FuncExpr   *ids;

		if (!IsA(f, FuncExpr) || req->indexarg != 0 || list_length(f->args) != 1 ||
			req->opfamily != INTEGER_BTREE_FAM_OID || exprType(linitial(f->args)) != INT8OID)
			PG_RETURN_POINTER(NULL);
		level = access_level_of(f->funcid);
		if (level == 0)
			PG_RETURN_POINTER(NULL);
		s = access_set(f->funcid, level);
		if ((double) s->n > INDEX_SHARE * s->agencies)
			PG_RETURN_POINTER(NULL);
		ids_fn = LookupFuncName(list_make2(makeString(get_namespace_name(get_func_namespace(f->funcid))),
										   makeString(level == 1 ? "readable_agency_ids" : "editable_agency_ids")),
								0, NULL, true);
		if (!OidIsValid(ids_fn))
			PG_RETURN_POINTER(NULL);
		ids = makeFuncExpr(ids_fn, INT8ARRAYOID, NIL, InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL);
		saop = makeNode(ScalarArrayOpExpr);
		saop->opno = get_opfamily_member(INTEGER_BTREE_FAM_OID, INT8OID, INT8OID, BTEqualStrategyNumber);
		saop->opfuncid = F_INT8EQ;
		saop->useOr = true;
		saop->inputcollid = InvalidOid;
		saop->args = list_make2(copyObject(linitial(f->args)), ids);
		saop->location = -1;
		req->lossy = true;
		PG_RETURN_POINTER(list_make1(saop));
	}
	PG_RETURN_POINTER(NULL);
}

PG_FUNCTION_INFO_V1(agency_access_changed);
/* Statement trigger of access_grant and agency: every backend's access sets are stale (here at once, elsewhere at commit). */
Datum
agency_access_changed(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_STATEMENT(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("agency_access_changed must be fired FOR EACH STATEMENT")));
	CacheInvalidateRelcache(td->tg_relation);
	return PointerGetDatum(NULL);
}
