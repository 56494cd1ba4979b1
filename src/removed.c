/*
 * removed.c — C entry points of SQL functions that an earlier version
 * declared and a later one dropped.  The install and upgrade scripts of the
 * earlier versions still create them (an upgrade replays those scripts with
 * this library), so the symbols stay; calling one is an error.
 */
#include "postgres.h"

#include "fmgr.h"

PG_FUNCTION_INFO_V1(inserted_since);
/* inserted_since(rel, ctid, since): declared by 0.3.0, dropped by 0.4.0. */
Datum
inserted_since(PG_FUNCTION_ARGS)
{
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("govinfo.inserted_since() was removed in govinfo 0.4.0"),
			 errhint("ALTER EXTENSION govinfo UPDATE brings the schema to the installed library.")));
	PG_RETURN_NULL();
}
