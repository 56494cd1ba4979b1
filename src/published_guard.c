/*
 * published_guard.c — who may write a published report's document (0.11.0).
 *
 * published_report keeps each document once, by the SHA-256 that
 * import_report computes from its bytes, and import_report returns the row
 * already kept for a document.  An editor granted INSERT on the table (the
 * import runs with the caller's rights) could insert a row of its own agency
 * with the hash of another agency's published document and any text: the
 * other agency's import then found that row (the owner's import returned
 * it, the other agency's editor got nothing).  So, for a role without the
 * rights of the table's owner:
 *   - a row is inserted only by import_report, for the hash it computed;
 *   - an UPDATE changes neither document nor document_sha256.
 */
#include "postgres.h"

#include "catalog/pg_collation.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/rel.h"

#include "fmgr.h"

#include "published_guard.h"

/* The hash import_report is inserting right now (NULL: none). */
static text *import_hash = NULL;

/* Set (or clear, NULL) the hash of the row import_report is about to insert. */
void
gi_published_import_mark(text *hash)
{
	import_hash = hash;
}

/* Whether two values of a text column are equal, byte for byte. */
static bool
column_equal(HeapTuple a, HeapTuple b, TupleDesc desc, int attnum)
{
	bool		anull,
				bnull;
	Datum		av = heap_getattr(a, attnum, desc, &anull);
	Datum		bv = heap_getattr(b, attnum, desc, &bnull);

	if (anull || bnull)
		return anull && bnull;
	if (datumIsEqual(av, bv, false, -1))
		return true;
	return DatumGetBool(DirectFunctionCall2Coll(texteq, C_COLLATION_OID, av, bv));
}

/* 42501: a role without the owner's rights wrote a published report's document itself. */
static void
refuse(const char *what)
{
	const char *role = GetUserNameFromId(GetUserId(), false);

	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("role \"%s\" may not %s of published_report", role, what),
			 errdetail("A published report is stored by govinfo.import_report, which keeps each document once under the SHA-256 of its text."),
			 errhint("Import the document with govinfo.import_report, or ask the owner of govinfo's tables to correct the row.")));
}

PG_FUNCTION_INFO_V1(published_report_guard);
/* BEFORE INSERT OR UPDATE row trigger of published_report: the rules above. */
Datum
published_report_guard(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	TupleDesc	desc;
	int			sha_att,
				doc_att;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_ROW(td->tg_event) || !TRIGGER_FIRED_BEFORE(td->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(td->tg_event) || TRIGGER_FIRED_BY_UPDATE(td->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("published_report_guard must be a BEFORE INSERT OR UPDATE row trigger")));
	rel = td->tg_relation;
	desc = RelationGetDescr(rel);
	if (has_privs_of_role(GetUserId(), RelationGetForm(rel)->relowner))
		return PointerGetDatum(TRIGGER_FIRED_BY_INSERT(td->tg_event) ? td->tg_trigtuple : td->tg_newtuple);
	sha_att = SPI_fnumber(desc, "document_sha256");
	doc_att = SPI_fnumber(desc, "document");
	if (sha_att <= 0 || doc_att <= 0)
		elog(ERROR, "published_report has no column document_sha256 or document");
	if (TRIGGER_FIRED_BY_INSERT(td->tg_event))
	{
		bool		isnull;
		Datum		sha = heap_getattr(td->tg_trigtuple, sha_att, desc, &isnull);
		text	   *mark = import_hash;

		/* one row per mark: import_report inserts one */
		import_hash = NULL;
		/* no hash: NOT NULL refuses the row (23502), as for the owner */
		if (isnull)
			return PointerGetDatum(td->tg_trigtuple);
		if (mark == NULL ||
			!DatumGetBool(DirectFunctionCall2Coll(texteq, C_COLLATION_OID, sha, PointerGetDatum(mark))))
			refuse("insert a row");
		return PointerGetDatum(td->tg_trigtuple);
	}
	if (!column_equal(td->tg_trigtuple, td->tg_newtuple, desc, sha_att) ||
		!column_equal(td->tg_trigtuple, td->tg_newtuple, desc, doc_att))
		refuse("change the document or document_sha256");
	return PointerGetDatum(td->tg_newtuple);
}
