/*
 * audit.c — the audit trail (govinfo.audit_log): who wrote what, when.
 *
 *   govinfo.acting_role()  the role acting: current_user, or, inside a
 *                          SECURITY DEFINER function (publish_report,
 *                          grant_access, ...), the role that called it from
 *                          outside (set by SET ROLE, else the session user);
 *   audit_row()            AFTER row trigger (annual_report, agency,
 *                          access_grant): one entry per row, old and new
 *                          values as jsonb;
 *   audit_records()        AFTER statement trigger of the record tables: one
 *                          entry per agency and report year, with the row
 *                          count, read from the transition table;
 *   gi_audit_insert()      the same for INSERT or COPY into application, from
 *                          the counts its CHECK collected (no transition
 *                          table, so that bulk loads keep their speed);
 *   audit_adopt_next()     adopt_published's mark: its INSERT of that agency's
 *                          report of that year is logged as 'adopt'.  Only a
 *                          SECURITY DEFINER function of the tables' owner can
 *                          set it, it holds for one row, and it is dropped at
 *                          the end of the (sub)transaction.
 *
 * Entries are written as the owner of the audited table (as ri_triggers.c
 * runs its queries): a writer needs no right on the log, and cannot write it.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_class.h"
#include "access/transam.h"
#include "catalog/pg_cast.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "parser/parse_coerce.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "funcapi.h"
#include "utils/fmgrprotos.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "audit.h"
#include "compat.h"
#include "plans.h"

/* adopt_published's mark: the agency and year of the report its next INSERT adopts */
static bool adopt_marked = false;
static int64 adopt_agency;
static int32 adopt_year;
static bool adopt_callbacks = false;

/* Transaction or subtransaction end: the mark is dropped. */
static void
adopt_xact_callback(XactEvent event, void *arg)
{
	adopt_marked = false;
}

/* Subtransaction abort: the mark is dropped. */
static void
adopt_subxact_callback(SubXactEvent event, SubTransactionId mySubid, SubTransactionId parentSubid, void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB)
		adopt_marked = false;
}

/*
 * The role acting: inside a SECURITY DEFINER function the outer role, else the current user.
 * Inside a security-restricted operation (VACUUM, ANALYZE, CREATE INDEX, CLUSTER, REFRESH
 * MATERIALIZED VIEW, autovacuum) the code running is a table owner's, run as that owner, while
 * the outer role is the one that started the operation: it is not the role acting, and the one
 * that called the SECURITY DEFINER function is not known, so it is refused (0.9.0).
 */
Oid
gi_acting_user(void)
{
	if (!InLocalUserIdChange())
		return GetUserId();
	if (InSecurityRestrictedOperation())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("govinfo's SECURITY DEFINER functions cannot run inside a security-restricted operation"),
				 errdetail("VACUUM, ANALYZE, CREATE INDEX, CLUSTER and REFRESH MATERIALIZED VIEW run a table owner's code as that owner; "
						   "the role that called the function is not known there."),
				 errhint("Call the function outside index expressions and materialized views.")));
	return GetOuterUserId();
}

/* The owner of a relation. */
static Oid
get_rel_owner_oid(Oid relid)
{
	HeapTuple	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			owner;

	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);
	return owner;
}

/* A role's name as a name datum. */
static Datum
role_name_datum(Oid role)
{
	Name		n = palloc0(NAMEDATALEN);

	namestrcpy(n, GetUserNameFromId(role, false));
	return NameGetDatum(n);
}

/* Run a kept plan as the owner of rel (inside SPI_connect); the caller's user is restored after. */
static void
execute_as_owner(FunctionCallInfo fcinfo, Relation rel, GiPlanKey key, Datum *args, const char *nulls)
{
	Oid			save_userid;
	int			save_sec_context;
	SPIPlanPtr	plan = gi_plan(fcinfo, key);

	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(RelationGetForm(rel)->relowner,
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
	if (SPI_execute_plan(plan, args, nulls, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "writing govinfo.audit_log failed: %s", SPI_result_code_string(SPI_result));
	SetUserIdAndSecContext(save_userid, save_sec_context);
}

PG_FUNCTION_INFO_V1(acting_role);
/* acting_role(): the name of the role acting (gi_acting_user). */
Datum
acting_role(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(role_name_datum(gi_acting_user()));
}

/*
 * The columns an audit_row trigger leaves out of the logged rows (its
 * arguments "-column": published_report's raw document, which its
 * document_sha256 names), as the indexes of the columns kept, once per
 * trigger and query (and their row type, when a row needs it).
 */
typedef struct AuditKept
{
	Oid			tgoid;
	Oid			relid;
	int			natts;			/* of the table */
	int			nkept;
	TupleDesc	kept;			/* blessed record type of the columns kept (made when needed) */
	AttrNumber *from;			/* for each kept column, its index in the table */
	bool	   *left_out;		/* for each column of the table, whether the trigger leaves it out */
	MemoryContext mcxt;			/* where kept is made */
} AuditKept;

/* The kept columns of this trigger (NULL when it leaves none out). */
static AuditKept *
audit_kept(FunctionCallInfo fcinfo, TriggerData *td)
{
	Trigger    *tg = td->tg_trigger;
	TupleDesc	full = RelationGetDescr(td->tg_relation);
	AuditKept  *k = (AuditKept *) fcinfo->flinfo->fn_extra;
	MemoryContext old;
	bool		any = false;

	if (k != NULL && k->tgoid == tg->tgoid && k->relid == RelationGetRelid(td->tg_relation) &&
		k->natts == full->natts)
		return k;
	for (int i = 0; i < tg->tgnargs; i++)
		any |= tg->tgargs[i][0] == '-';
	if (!any)
		return NULL;
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	k = palloc0(sizeof(AuditKept));
	k->tgoid = tg->tgoid;
	k->relid = RelationGetRelid(td->tg_relation);
	k->natts = full->natts;
	k->mcxt = fcinfo->flinfo->fn_mcxt;
	k->from = palloc(sizeof(AttrNumber) * full->natts);
	k->left_out = palloc0(sizeof(bool) * full->natts);
	for (int a = 0; a < full->natts; a++)
	{
		for (int i = 0; i < tg->tgnargs && !k->left_out[a]; i++)
			k->left_out[a] = tg->tgargs[i][0] == '-' &&
				strcmp(tg->tgargs[i] + 1, NameStr(TupleDescAttr(full, a)->attname)) == 0;
		if (!k->left_out[a])
			k->from[k->nkept++] = a;
	}
	MemoryContextSwitchTo(old);
	fcinfo->flinfo->fn_extra = k;
	return k;
}

/* Whether column a (0-based) holds the same value in both rows (a TOAST pointer left as it was is equal unread). */
static bool
column_unchanged(TupleDesc desc, HeapTuple oldt, HeapTuple newt, int a)
{
	Form_pg_attribute att = TupleDescAttr(desc, a);
	bool		n1,
				n2;
	Datum		d1 = heap_getattr(oldt, a + 1, desc, &n1);
	Datum		d2 = heap_getattr(newt, a + 1, desc, &n2);

	if (n1 || n2)
		return n1 == n2;
	if (att->attlen == -1 && VARATT_IS_EXTERNAL_ONDISK(DatumGetPointer(d1)) &&
		VARATT_IS_EXTERNAL_ONDISK(DatumGetPointer(d2)) &&
		memcmp(DatumGetPointer(d1), DatumGetPointer(d2), VARSIZE_EXTERNAL(DatumGetPointer(d1))) == 0)
		return true;
	return datum_image_eq(d1, d2, att->attbyval, att->attlen);
}

/*
 * The columns an UPDATE's entry keeps: those of k, and a column the trigger
 * leaves out when this UPDATE changes it (so that no change goes unlogged);
 * k itself when it changes none of them.
 */
static AuditKept *
audit_kept_update(AuditKept *k, TupleDesc desc, HeapTuple oldt, HeapTuple newt)
{
	AuditKept  *u = NULL;

	if (k == NULL)
		return NULL;
	for (int a = 0; a < k->natts; a++)
	{
		if (!k->left_out[a] || TupleDescAttr(desc, a)->attisdropped || column_unchanged(desc, oldt, newt, a))
			continue;
		if (u == NULL)
		{
			u = palloc0(sizeof(AuditKept));
			u->natts = k->natts;
			u->mcxt = CurrentMemoryContext;
			u->left_out = palloc(sizeof(bool) * k->natts);
			memcpy(u->left_out, k->left_out, sizeof(bool) * k->natts);
		}
		u->left_out[a] = false;
	}
	if (u == NULL)
		return k;
	u->from = palloc(sizeof(AttrNumber) * u->natts);
	for (int a = 0; a < u->natts; a++)
		if (!u->left_out[a])
			u->from[u->nkept++] = a;
	return u;
}

/* A row as json text, without the columns the trigger leaves out. */
static Datum
row_json(Relation rel, HeapTuple tup, AuditKept *k)
{
	Datum	   *values;
	bool	   *isnull;
	Datum	   *kv;
	bool	   *kn;

	if (k == NULL)
		return DirectFunctionCall1(row_to_json, heap_copy_tuple_as_datum(tup, RelationGetDescr(rel)));
	values = palloc(sizeof(Datum) * k->natts);
	isnull = palloc(sizeof(bool) * k->natts);
	kv = palloc(sizeof(Datum) * k->nkept);
	kn = palloc(sizeof(bool) * k->nkept);
	if (k->kept == NULL)
	{
		/* the record type of the kept columns, made when a row first takes this path */
		TupleDesc	full = RelationGetDescr(rel);
		MemoryContext old = MemoryContextSwitchTo(k->mcxt);
		TupleDesc	kept = CreateTemplateTupleDesc(k->nkept);

		for (int c = 0; c < k->nkept; c++)
			TupleDescCopyEntry(kept, c + 1, full, k->from[c] + 1);
		k->kept = BlessTupleDesc(kept);
		MemoryContextSwitchTo(old);
	}
	heap_deform_tuple(tup, RelationGetDescr(rel), values, isnull);
	for (int c = 0; c < k->nkept; c++)
	{
		kv[c] = values[k->from[c]];
		kn[c] = isnull[k->from[c]];
	}
	return DirectFunctionCall1(row_to_json, HeapTupleGetDatum(heap_form_tuple(k->kept, kv, kn)));
}

/*
 * One column's value as row_to_json() writes it and jsonb reads it back, into
 * v; false for a type this does not cover (the caller then takes the slow
 * path): floats, json, arrays, composites, a scalar jsonb, and a type with a
 * cast to json.
 */
static bool
column_jsonb(Oid typid, Datum value, bool isnull, JsonbValue *v)
{
	Oid			base = getBaseType(typid);
	Oid			outfn;
	bool		varlena;
	char	   *s;

	if (isnull)
	{
		v->type = jbvNull;
		return true;
	}
	switch (base)
	{
		case BOOLOID:
			v->type = jbvBool;
			v->val.boolean = DatumGetBool(value);
			return true;
		case INT2OID:
		case INT4OID:
		case INT8OID:
		case NUMERICOID:
			if (base == NUMERICOID &&
				(numeric_is_nan(DatumGetNumeric(value)) || numeric_is_inf(DatumGetNumeric(value))))
				break;			/* NaN, Infinity: not a JSON number, written as a string */
			getTypeOutputInfo(base, &outfn, &varlena);
			s = OidOutputFunctionCall(outfn, value);
			v->type = jbvNumeric;
			v->val.numeric = DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(s),
																 ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
			return true;
		case DATEOID:
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			s = JsonEncodeDateTime(NULL, value, base, NULL);
			v->type = jbvString;
			v->val.string.val = s;
			v->val.string.len = strlen(s);
			return true;
		case JSONBOID:
			{
				Jsonb	   *jb = DatumGetJsonbP(value);

				if (JB_ROOT_IS_SCALAR(jb))
					return false;
				v->type = jbvBinary;
				v->val.binary.data = &jb->root;
				v->val.binary.len = VARSIZE(jb) - VARHDRSZ;
				return true;
			}
		case TEXTOID:
			{
				/* the text itself (detoasted once), not a copy made by textout and measured again */
				text	   *t = DatumGetTextPP(value);

				v->type = jbvString;
				v->val.string.val = VARDATA_ANY(t);
				v->val.string.len = VARSIZE_ANY_EXHDR(t);
				return true;
			}
		case FLOAT4OID:
		case FLOAT8OID:
		case JSONOID:
			return false;
		default:
			if (OidIsValid(get_element_type(base)) || type_is_rowtype(base))
				return false;
			if (base >= FirstNormalObjectId)
			{
				Oid			castfunc;

				if (find_coercion_pathway(JSONOID, base, COERCION_EXPLICIT, &castfunc) == COERCION_PATH_FUNC &&
					OidIsValid(castfunc))
					return false;
			}
			break;
	}
	/* everything else, and numbers that are not JSON numbers: the output text as a string */
	getTypeOutputInfo(base, &outfn, &varlena);
	s = OidOutputFunctionCall(outfn, value);
	v->type = jbvString;
	v->val.string.val = s;
	v->val.string.len = strlen(s);
	return true;
}

/*
 * A row as jsonb, equal to row_to_json(row)::jsonb without the columns the
 * trigger leaves out (k; NULL: none): built directly, without writing json
 * text and parsing it back (which cost most of an audited write of a report);
 * a column of another type takes that slow path.
 */
static Datum
row_jsonb(Relation rel, HeapTuple tup, AuditKept *k)
{
	TupleDesc	desc = RelationGetDescr(rel);
	int			ncols = k ? k->nkept : desc->natts;
	JsonbParseState *st = NULL;
	JsonbValue *res;
	JsonbValue *vals = palloc(sizeof(JsonbValue) * ncols);

	for (int c = 0; c < ncols; c++)
	{
		int			i = k ? k->from[c] : c;
		Form_pg_attribute att = TupleDescAttr(desc, i);
		bool		isnull;
		Datum		d;

		if (att->attisdropped)
			continue;
		d = heap_getattr(tup, i + 1, desc, &isnull);
		if (!column_jsonb(att->atttypid, d, isnull, &vals[c]))
			return DirectFunctionCall1(jsonb_in, CStringGetDatum(TextDatumGetCString(row_json(rel, tup, k))));
	}
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	for (int c = 0; c < ncols; c++)
	{
		int			i = k ? k->from[c] : c;
		Form_pg_attribute att = TupleDescAttr(desc, i);
		JsonbValue	key;

		if (att->attisdropped)
			continue;
		key.type = jbvString;
		key.val.string.val = NameStr(att->attname);
		key.val.string.len = strlen(NameStr(att->attname));
		pushJsonbValue(&st, WJB_KEY, &key);
		pushJsonbValue(&st, WJB_VALUE, &vals[c]);
	}
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	return JsonbPGetDatum(JsonbValueToJsonb(res));
}

/* A field of a row as jsonb, or NULL when the row has no such key. */
static JsonbValue *
row_field(Jsonb *row, const char *name)
{
	JsonbValue	key;

	key.type = jbvString;
	key.val.string.val = unconstify(char *, name);
	key.val.string.len = strlen(name);
	return findJsonbValueFromContainer(&row->root, JB_FOBJECT, &key);
}

/* A field of a row as row ->> name gives it: NULL for a missing key or a JSON null. */
static char *
row_field_text(Jsonb *row, const char *name)
{
	JsonbValue *v = row ? row_field(row, name) : NULL;

	if (v == NULL)
		return NULL;
	switch (v->type)
	{
		case jbvNull:
			return NULL;
		case jbvString:
			return pnstrdup(v->val.string.val, v->val.string.len);
		case jbvNumeric:
			return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v->val.numeric)));
		case jbvBool:
			return pstrdup(v->val.boolean ? "true" : "false");
		case jbvBinary:
			return JsonbToCString(NULL, v->val.binary.data, v->val.binary.len);
		default:
			elog(ERROR, "unexpected jsonb value type %d in an audited row", (int) v->type);
	}
	return NULL;
}

/* The key of an audit entry: the fields of the row that the trigger names as key columns. */
static Datum
row_key(Jsonb *row, Trigger *tg)
{
	JsonbParseState *st = NULL;
	JsonbValue *res;

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	for (int i = 0; i < tg->tgnargs; i++)
	{
		JsonbValue *v;
		JsonbValue	key;

		if (tg->tgargs[i][0] == '-' || (v = row_field(row, tg->tgargs[i])) == NULL)
			continue;
		key.type = jbvString;
		key.val.string.val = tg->tgargs[i];
		key.val.string.len = strlen(tg->tgargs[i]);
		pushJsonbValue(&st, WJB_KEY, &key);
		pushJsonbValue(&st, WJB_VALUE, v);
	}
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	return JsonbPGetDatum(JsonbValueToJsonb(res));
}

PG_FUNCTION_INFO_V1(audit_row);
/*
 * AFTER INSERT OR UPDATE OR DELETE row trigger: one audit entry; TG_ARGV names
 * the key columns, and with a leading '-' the columns left out of the values
 * (except from an UPDATE that changes them).
 */
Datum
audit_row(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	Datum		args[8];
	char		nulls[9] = "        ";
	AuditKept  *kept;
	HeapTuple	oldt = NULL;
	HeapTuple	newt = NULL;
	Jsonb	   *oldj;
	Jsonb	   *newj;
	Jsonb	   *row;
	const char *op;
	const char *relname;
	char	   *agency;
	char	   *year;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(td->tg_event) || !TRIGGER_FIRED_FOR_ROW(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("audit_row must be fired AFTER a row is written")));
	rel = td->tg_relation;
	if (TRIGGER_FIRED_BY_INSERT(td->tg_event))
	{
		op = "INSERT";
		newt = td->tg_trigtuple;
	}
	else if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
	{
		op = "DELETE";
		oldt = td->tg_trigtuple;
	}
	else
	{
		op = "UPDATE";
		oldt = td->tg_trigtuple;
		newt = td->tg_newtuple;
	}
	/* adopt_published's INSERT, as the tables' owner inside it (audit_adopt_next) */
	if (adopt_marked && newt != NULL && oldt == NULL && InLocalUserIdChange() &&
		GetUserId() == RelationGetForm(rel)->relowner && strcmp(RelationGetRelationName(rel), "annual_report") == 0)
	{
		TupleDesc	desc = RelationGetDescr(rel);
		int			agency_att = SPI_fnumber(desc, "agency_id");
		int			year_att = SPI_fnumber(desc, "year");
		bool		n1,
					n2;
		Datum		agency = agency_att > 0 ? heap_getattr(newt, agency_att, desc, &n1) : (Datum) 0;
		Datum		year = year_att > 0 ? heap_getattr(newt, year_att, desc, &n2) : (Datum) 0;

		if (agency_att > 0 && year_att > 0 && !n1 && !n2 &&
			DatumGetInt64(agency) == adopt_agency && DatumGetInt32(year) == adopt_year)
		{
			op = "adopt";
			adopt_marked = false;
		}
	}
	kept = audit_kept(fcinfo, td);
	if (oldt != NULL && newt != NULL)
		kept = audit_kept_update(kept, RelationGetDescr(rel), oldt, newt);
	oldj = oldt ? DatumGetJsonbP(row_jsonb(rel, oldt, kept)) : NULL;
	newj = newt ? DatumGetJsonbP(row_jsonb(rel, newt, kept)) : NULL;
	row = newj ? newj : oldj;
	relname = RelationGetRelationName(rel);
	/* the action: grant and revoke of access_grant, publish and reopen of annual_report */
	if (strcmp(relname, "access_grant") == 0)
		op = oldt && !newt ? "revoke" : "grant";
	else if (strcmp(relname, "annual_report") == 0 && oldt && newt)
	{
		bool		was = row_field_text(oldj, "published_at") != NULL;
		bool		is = row_field_text(newj, "published_at") != NULL;

		op = !was && is ? "publish" : was && !is ? "reopen" : op;
	}
	agency = row_field_text(row, "agency_id");
	year = row_field_text(row, "year");
	args[0] = role_name_datum(gi_acting_user());
	args[1] = CStringGetTextDatum(op);
	args[2] = CStringGetTextDatum(relname);
	args[3] = agency ? DirectFunctionCall1(int8in, CStringGetDatum(agency)) : (Datum) 0;
	args[4] = year ? DirectFunctionCall1(int4in, CStringGetDatum(year)) : (Datum) 0;
	args[5] = row_key(row, td->tg_trigger);
	args[6] = PointerGetDatum(oldj);
	args[7] = PointerGetDatum(newj);
	nulls[3] = agency ? ' ' : 'n';
	nulls[4] = year ? ' ' : 'n';
	nulls[6] = oldj ? ' ' : 'n';
	nulls[7] = newj ? ' ' : 'n';
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	execute_as_owner(fcinfo, rel, GI_PLAN_AUDIT_ROW, args, nulls);
	SPI_finish();
	return PointerGetDatum(NULL);
}

PG_FUNCTION_INFO_V1(audit_records);
/*
 * AFTER INSERT, UPDATE or DELETE statement trigger of a record table, with the
 * new (or, for DELETE, old) transition table: one audit entry per agency and
 * report year (the year of TG_ARGV[0], the record's first date) with the count
 * of rows written.
 */
Datum
audit_records(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	const char *op;
	const char *transition;
	char	   *sql;
	Oid			types[3] = {NAMEOID, TEXTOID, TEXTOID};
	Datum		args[3];
	Oid			save_userid;
	int			save_sec_context;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(td->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(td->tg_event) || td->tg_trigger->tgnargs != 1)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("audit_records must be fired AFTER a statement, with the first-date column as argument")));
	rel = td->tg_relation;
	op = TRIGGER_FIRED_BY_INSERT(td->tg_event) ? "INSERT" : TRIGGER_FIRED_BY_DELETE(td->tg_event) ? "DELETE" : "UPDATE";
	transition = TRIGGER_FIRED_BY_DELETE(td->tg_event) ? td->tg_trigger->tgoldtable : td->tg_trigger->tgnewtable;
	if (transition == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("audit_records needs the %s transition table", TRIGGER_FIRED_BY_DELETE(td->tg_event) ? "old" : "new")));
	sql = psprintf("INSERT INTO %s.audit_log (session_user_name, current_user_name, action, table_name, agency_id, year, rows)"
				   " SELECT SESSION_USER, $1, $2, $3, t.agency_id, %s.report_year(t.%s), pg_catalog.count(*)"
				   " FROM %s t GROUP BY 5, 6 ORDER BY 5, 6",
				   gi_schema(fcinfo), gi_schema(fcinfo), quote_identifier(td->tg_trigger->tgargs[0]),
				   quote_identifier(transition));
	args[0] = role_name_datum(gi_acting_user());
	args[1] = CStringGetTextDatum(op);
	args[2] = CStringGetTextDatum(RelationGetRelationName(rel));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_register_trigger_data(td) != SPI_OK_TD_REGISTER)
		elog(ERROR, "SPI_register_trigger_data failed");
	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(RelationGetForm(rel)->relowner,
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
	if (SPI_execute_with_args(sql, 3, types, args, NULL, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "writing govinfo.audit_log failed: %s", SPI_result_code_string(SPI_result));
	SetUserIdAndSecContext(save_userid, save_sec_context);
	SPI_finish();
	return PointerGetDatum(NULL);
}

/*
 * The audit entries of an INSERT into application, one per agency and year:
 * counts holds three arrays of one length, the agencies (bigint), years
 * (integer) and rows (bigint), in the order the entries are written.
 */
void
gi_audit_insert(FunctionCallInfo fcinfo, Relation rel, Oid acting, const Datum counts[3])
{
	Datum		args[4] = {role_name_datum(acting), counts[0], counts[1], counts[2]};

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	execute_as_owner(fcinfo, rel, GI_PLAN_AUDIT_INSERT, args, NULL);
	SPI_finish();
}

PG_FUNCTION_INFO_V1(audit_adopt_next);
/*
 * audit_adopt_next(agency_id, year): the next INSERT of that report into
 * annual_report is logged as 'adopt'. Only inside a SECURITY DEFINER function
 * of the owner of govinfo's tables (adopt_published); 42501 elsewhere.
 */
Datum
audit_adopt_next(PG_FUNCTION_ARGS)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	Oid			relid = get_relname_relid("annual_report", nsp);

	if (!OidIsValid(relid) || !InLocalUserIdChange() || GetUserId() != get_rel_owner_oid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("audit_adopt_next is for adopt_published only")));
	if (!adopt_callbacks)
	{
		RegisterXactCallback(adopt_xact_callback, NULL);
		RegisterSubXactCallback(adopt_subxact_callback, NULL);
		adopt_callbacks = true;
	}
	adopt_agency = PG_GETARG_INT64(0);
	adopt_year = PG_GETARG_INT32(1);
	adopt_marked = true;
	PG_RETURN_VOID();
}
