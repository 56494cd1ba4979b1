/*
 * access_visible.c — govinfo.visible_agencies(access, role): the agencies a
 * role may access at a level, answered only for a role the caller is or has
 * the rights of (or for any role to the owner of govinfo's tables), so that
 * no role learns another's grants.  The grants are read by the owner's query
 * visible_agencies_of, run as the owner (the caller needs no right on
 * access_grant), through access.c's access_select_as_owner.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "access.h"
#include "compat.h"

PG_FUNCTION_INFO_V1(gi_visible_agencies);

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
	access_select_as_owner(nsp, sql, 2, types, args, InvalidSnapshot);
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
