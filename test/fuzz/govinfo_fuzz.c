/*
 * govinfo_fuzz.c — TEST-ONLY helper of govinfo's fuzz suite: SQL-callable
 * wrappers around a type's binary send and receive functions, so that the
 * fuzz driver can feed arbitrary bytes to a receive function and round-trip
 * values through their binary form.  Not part of the govinfo extension.
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/lsyscache.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

PG_MODULE_MAGIC;

/* The type of argument argno of the call, or an error. */
static Oid
arg_type(FunctionCallInfo fcinfo, int argno)
{
	Oid			typid = get_fn_expr_argtype(fcinfo->flinfo, argno);

	if (!OidIsValid(typid))
		elog(ERROR, "govinfo_fuzz: could not determine the type of argument %d", argno + 1);
	return typid;
}

PG_FUNCTION_INFO_V1(fuzz_send);
/* fuzz_send(value): the value's binary form, by its type's send function */
Datum
fuzz_send(PG_FUNCTION_ARGS)
{
	Oid			sendfn;
	bool		varlena;

	getTypeBinaryOutputInfo(arg_type(fcinfo, 0), &sendfn, &varlena);
	PG_RETURN_BYTEA_P(OidSendFunctionCall(sendfn, PG_GETARG_DATUM(0)));
}

PG_FUNCTION_INFO_V1(fuzz_recv);
/* fuzz_recv(bytes, NULL::T): a T read by T's receive function, which must use every byte */
Datum
fuzz_recv(PG_FUNCTION_ARGS)
{
	Oid			recvfn;
	Oid			ioparam;
	bytea	   *bytes;
	StringInfoData buf;
	Datum		result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	getTypeBinaryInputInfo(arg_type(fcinfo, 1), &recvfn, &ioparam);
	bytes = PG_GETARG_BYTEA_PP(0);
	/* a palloc'd, NUL-terminated copy, as COPY BINARY and bind messages hand over */
	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes));
	result = OidReceiveFunctionCall(recvfn, &buf, ioparam, -1);
	if (buf.cursor != buf.len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("incorrect binary data format"),
				 errdetail("The receive function left %d of %d bytes unread.", buf.len - buf.cursor, buf.len)));
	PG_RETURN_DATUM(result);
}
