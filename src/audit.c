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
 *                          table, so that bulk loads keep their speed).
 *
 * Entries are written as the owner of the audited table (as ri_triggers.c
 * runs its queries): a writer needs no right on the log, and cannot write it.
 */
#include "postgres.h"

#include "access/htup_details.h"
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
#include "utils/fmgrprotos.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/rel.h"

#include "audit.h"
#include "plans.h"

/* The role acting: inside a SECURITY DEFINER function the outer role, else the current user. */
Oid
gi_acting_user(void)
{
	return InLocalUserIdChange() ? GetOuterUserId() : GetUserId();
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
 * A row as jsonb, equal to row_to_json(row)::jsonb: built directly, without
 * writing json text and parsing it back (which cost most of an audited
 * write of a report); a column of another type takes that slow path.
 */
static Datum
row_jsonb(Relation rel, HeapTuple tup)
{
	TupleDesc	desc = RelationGetDescr(rel);
	JsonbParseState *st = NULL;
	JsonbValue *res;
	JsonbValue *vals = palloc(sizeof(JsonbValue) * desc->natts);

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		bool		isnull;
		Datum		d;

		if (att->attisdropped)
			continue;
		d = heap_getattr(tup, i + 1, desc, &isnull);
		if (!column_jsonb(att->atttypid, d, isnull, &vals[i]))
			return DirectFunctionCall1(jsonb_in, CStringGetDatum(TextDatumGetCString(
								DirectFunctionCall1(row_to_json, heap_copy_tuple_as_datum(tup, desc)))));
	}
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		JsonbValue	key;

		if (att->attisdropped)
			continue;
		key.type = jbvString;
		key.val.string.val = NameStr(att->attname);
		key.val.string.len = strlen(NameStr(att->attname));
		pushJsonbValue(&st, WJB_KEY, &key);
		pushJsonbValue(&st, WJB_VALUE, &vals[i]);
	}
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	return JsonbPGetDatum(JsonbValueToJsonb(res));
}

PG_FUNCTION_INFO_V1(audit_row);
/* AFTER INSERT OR UPDATE OR DELETE row trigger: one audit entry; TG_ARGV names the key columns. */
Datum
audit_row(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	Datum		args[6];
	char		nulls[7] = "      ";
	Datum	   *keys;
	HeapTuple	oldt = NULL;
	HeapTuple	newt = NULL;
	const char *op;

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
	keys = palloc(sizeof(Datum) * (td->tg_trigger->tgnargs + 1));
	for (int i = 0; i < td->tg_trigger->tgnargs; i++)
		keys[i] = CStringGetTextDatum(td->tg_trigger->tgargs[i]);
	args[0] = role_name_datum(gi_acting_user());
	args[1] = CStringGetTextDatum(op);
	args[2] = CStringGetTextDatum(RelationGetRelationName(rel));
	args[3] = PointerGetDatum(construct_array(keys, td->tg_trigger->tgnargs, TEXTOID, -1, false, TYPALIGN_INT));
	args[4] = oldt ? row_jsonb(rel, oldt) : (Datum) 0;
	args[5] = newt ? row_jsonb(rel, newt) : (Datum) 0;
	nulls[4] = oldt ? ' ' : 'n';
	nulls[5] = newt ? ' ' : 'n';
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

/* The audit entries of an INSERT into application: counts is an N×3 array (agency, year, rows). */
void
gi_audit_insert(FunctionCallInfo fcinfo, Relation rel, Oid acting, ArrayType *counts)
{
	Datum		args[2] = {role_name_datum(acting), PointerGetDatum(counts)};

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	execute_as_owner(fcinfo, rel, GI_PLAN_AUDIT_INSERT, args, NULL);
	SPI_finish();
}
