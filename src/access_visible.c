/*
 * access_visible.c — govinfo.visible_agencies(access, role): the agencies a
 * role may access at a level, answered only for a role the caller is or has
 * the rights of (or for any role to the owner of govinfo's tables), so that
 * no role learns another's grants.  The grants are read by the owner's query
 * visible_agencies_of, run as the owner (the caller needs no right on
 * access_grant), as ri_triggers.c runs its queries.
 */
#include "postgres.h"

#include "access/table.h"
#include "catalog/namespace.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "access.h"
#include "compat.h"

PG_FUNCTION_INFO_V1(gi_visible_agencies);

/* The owner of the agency table of govinfo's schema. */
static Oid
tables_owner(Oid nsp)
{
	Oid			relid = get_relname_relid("agency", nsp);
	Relation	rel;
	Oid			owner;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("the table agency of govinfo's schema is missing")));
	rel = table_open(relid, AccessShareLock);
	owner = rel->rd_rel->relowner;
	table_close(rel, AccessShareLock);
	return owner;
}

/*
 * govinfo.visible_agencies(access text, role name) RETURNS bigint[]: 42501
 * unless the current user has the privileges of role or the owner's rights.
 */
Datum
gi_visible_agencies(PG_FUNCTION_ARGS)
{
	text	   *access = PG_GETARG_TEXT_PP(0);
	Name		role = PG_GETARG_NAME(1);
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	Oid			roleid = get_role_oid(NameStr(*role), false);
	Oid			types[2] = {TEXTOID, NAMEOID};
	Datum		args[2] = {PointerGetDatum(access), NameGetDatum(role)};
	Oid			save_userid;
	int			save_sec_context;
	char	   *sql;
	bool		isnull;
	Datum		result;

	if (!has_privs_of_role(GetUserId(), roleid) && !access_has_owner_rights(fcinfo->flinfo->fn_oid))
	{
		char	   *caller = GetUserNameFromId(GetUserId(), false);

		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("role \"%s\" may not list the agencies of role \"%s\"", caller, NameStr(*role)),
				 errdetail("visible_agencies answers for a role the caller is or has the privileges of; the owner of govinfo's tables may ask for any role."),
				 errhint("Call it with current_user.")));
	}
	sql = psprintf("SELECT %s.visible_agencies_of($1, $2)", quote_identifier(get_namespace_name(nsp)));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(tables_owner(nsp),
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
	if (SPI_execute_with_args(sql, 2, types, args, NULL, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "reading the visible agencies failed: %s", SPI_result_code_string(SPI_result));
	SetUserIdAndSecContext(save_userid, save_sec_context);
	result = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
	{
		SPI_finish();
		PG_RETURN_NULL();
	}
	result = SPI_datumTransfer(result, false, -1);
	SPI_finish();
	PG_RETURN_DATUM(result);
}
