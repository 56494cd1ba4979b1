/*
 * import.c — govinfo.import_report(document, source_url, agency_code): parse
 * a published copy and keep it in govinfo.published_report, once per
 * document (its SHA-256).
 *
 * One call reads the document once (one detoast), hashes its UTF-8 bytes,
 * parses it in-process (gi_parse_report_values) and writes the row through
 * plans kept per backend (plans.c), as the calling role: row-level security
 * and the audit trigger of published_report apply as to any INSERT.
 */
#include "postgres.h"

#include "access/detoast.h"
#include "common/cryptohash.h"
#include "common/sha2.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "access.h"
#include "parse.h"
#include "plans.h"
#include "published_guard.h"

PG_FUNCTION_INFO_V1(gi_import_report);

/* The SHA-256 of bytes as 64 lower-case hex digits, as a text datum. */
static Datum
sha256_hex(const char *data, int len)
{
	pg_cryptohash_ctx *ctx = pg_cryptohash_create(PG_SHA256);
	uint8		digest[PG_SHA256_DIGEST_LENGTH];
	char		hex[PG_SHA256_DIGEST_LENGTH * 2 + 1];
	static const char digits[] = "0123456789abcdef";

	if (pg_cryptohash_init(ctx) < 0 || pg_cryptohash_update(ctx, (const uint8 *) data, len) < 0 ||
		pg_cryptohash_final(ctx, digest, sizeof(digest)) < 0)
	{
		const char *why = pg_cryptohash_error(ctx);

		pg_cryptohash_free(ctx);
		elog(ERROR, "could not compute the SHA-256 of a document: %s", why);
	}
	pg_cryptohash_free(ctx);
	for (int i = 0; i < PG_SHA256_DIGEST_LENGTH; i++)
	{
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[sizeof(hex) - 1] = '\0';
	return CStringGetTextDatum(hex);
}

/* The SHA-256 of a document's UTF-8 text (convert_to(document, 'UTF8')), as hex. */
static Datum
document_sha256(text *doc)
{
	bytea	   *utf8;

	if (GetDatabaseEncoding() == PG_UTF8)
		return sha256_hex(VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc));
	utf8 = DatumGetByteaPP(DirectFunctionCall2(pg_convert_to, PointerGetDatum(doc),
											   DirectFunctionCall1(namein, CStringGetDatum("UTF8"))));
	return sha256_hex(VARDATA_ANY(utf8), VARSIZE_ANY_EXHDR(utf8));
}

/* Run a kept plan with one argument; the int8 of its one row and column, or false when there is none (or it is NULL). */
static bool
plan_int8(FunctionCallInfo fcinfo, GiPlanKey key, Datum arg, int expect, int64 *result)
{
	bool		isnull;
	Datum		d;

	if (SPI_execute_plan(gi_plan(fcinfo, key), &arg, NULL, false, 0) != expect)
		elog(ERROR, "govinfo query %d failed: %s", (int) key, SPI_result_code_string(SPI_result));
	if (SPI_processed == 0)
		return false;
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (!isnull)
		*result = DatumGetInt64(d);
	return !isnull;
}

/*
 * An editor's agency_code must not file a document under its agency when the
 * printed name designates another one (0.10.0): the document's SHA-256 is
 * unique, so that would keep the named agency from importing its own report.
 * The owner of govinfo's tables may file a document anywhere.
 */
static void
refuse_other_agency(FunctionCallInfo fcinfo, text *printed, int64 agency)
{
	int64		named;
	char	   *name;

	if (!gi_agency_name_find(fcinfo, printed, &named) || named == agency ||
		access_has_owner_rights(fcinfo->flinfo->fn_oid))
		return;
	name = text_to_cstring(printed);
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("document names agency %s, not the agency of agency_code", name),
			 errdetail("The printed name \"%s\" designates agency_id " INT64_FORMAT ", agency_code agency_id " INT64_FORMAT
					   ": a report is imported under the agency that published it.", name, named, agency),
			 errhint("Leave agency_code out, or ask the owner of govinfo's tables to import the document.")));
}

/*
 * Run the INSERT of a published report, with the mark that lets
 * published_report's guard accept this one row from a role without the
 * owner's rights (published_guard.c); the mark is gone afterwards.
 */
static void
insert_published(FunctionCallInfo fcinfo, Datum *args, char *nulls, text *hash)
{
	gi_published_import_mark(hash);
	PG_TRY();
	{
		if (SPI_execute_plan(gi_plan(fcinfo, GI_PLAN_PUBLISHED_INSERT), args, nulls, false, 0) != SPI_OK_INSERT_RETURNING)
			elog(ERROR, "storing a published report failed: %s", SPI_result_code_string(SPI_result));
	}
	PG_FINALLY();
	{
		gi_published_import_mark(NULL);
	}
	PG_END_TRY();
}

/*
 * govinfo.import_report(document text, source_url text DEFAULT NULL,
 * agency_code text DEFAULT NULL) RETURNS bigint: the id of the document's
 * published report, stored now unless the same document (same SHA-256) is
 * stored already. The agency is agency_code's (42704 when unknown), else the
 * one the printed name designates (agency_names.c), else none.
 */
Datum
gi_import_report(PG_FUNCTION_ARGS)
{
	struct varlena *stored = NULL;
	text	   *doc = NULL;
	Datum		hash = (Datum) 0;
	Datum		parsed[GI_PARSED_NATTS];
	bool		parsed_null[GI_PARSED_NATTS];
	Datum		args[18];
	char		nulls[18];
	int64		id = 0;
	int64		agency = 0;
	bool		have_agency = false;
	bool		found;

	/*
	 * The document as stored (fetched from its TOAST table, still compressed:
	 * the INSERT keeps it so instead of compressing it again), and as text.
	 */
	if (!PG_ARGISNULL(0))
	{
		stored = (struct varlena *) PG_GETARG_POINTER(0);
		if (VARATT_IS_EXTERNAL(stored))
			stored = detoast_external_attr(stored);
		doc = (text *) pg_detoast_datum_packed(stored);
	}
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* the document already kept (a NULL document has no hash and is refused by the INSERT's NOT NULL) */
	if (doc != NULL)
	{
		hash = document_sha256(doc);
		if (plan_int8(fcinfo, GI_PLAN_PUBLISHED_BY_SHA, hash, SPI_OK_SELECT, &id))
		{
			SPI_finish();
			PG_RETURN_INT64(id);
		}
		gi_parse_report_values(doc, parsed, parsed_null);
	}
	else
		memset(parsed_null, true, sizeof(parsed_null));

	/* the agency: agency_code's, else the one of the printed name */
	if (!PG_ARGISNULL(2))
	{
		agency = gi_agency_by_code(fcinfo, PG_GETARG_TEXT_PP(2));
		have_agency = true;
		if (!parsed_null[1])
			refuse_other_agency(fcinfo, DatumGetTextPP(parsed[1]), agency);
	}
	else if (!parsed_null[1])
		have_agency = gi_agency_name_find(fcinfo, DatumGetTextPP(parsed[1]), &agency);

	/* agency_id, agency_name, year, format, source_url, document_sha256, document, title, published_on,
	 * disclosures, requests, appeals, overview, problems, other_matters, complete, layout, warnings */
	memset(nulls, ' ', sizeof(nulls));
	args[0] = Int64GetDatum(agency);
	nulls[0] = have_agency ? ' ' : 'n';
#define FIELD(arg, f) (args[arg] = parsed[f], nulls[arg] = parsed_null[f] ? 'n' : ' ')
	FIELD(1, 1);
	FIELD(2, 2);
	FIELD(3, 4);
	args[4] = PG_ARGISNULL(1) ? (Datum) 0 : PG_GETARG_DATUM(1);
	nulls[4] = PG_ARGISNULL(1) ? 'n' : ' ';
	args[5] = hash;
	nulls[5] = doc == NULL ? 'n' : ' ';
	args[6] = PointerGetDatum(stored);
	nulls[6] = doc == NULL ? 'n' : ' ';
	FIELD(7, 0);
	FIELD(8, 3);
	FIELD(9, 5);
	FIELD(10, 6);
	FIELD(11, 7);
	FIELD(12, 8);
	FIELD(13, 9);
	FIELD(14, 10);
#undef FIELD
	/* a NULL document: complete, layout and warnings as coalesce() gave them, so that NOT NULL refuses the document */
	args[15] = parsed_null[11] ? BoolGetDatum(false) : parsed[11];
	args[16] = parsed_null[12] ? CStringGetTextDatum("none") : parsed[12];
	args[17] = parsed_null[13] ? DirectFunctionCall1(jsonb_in, CStringGetDatum("[]")) : parsed[13];

	insert_published(fcinfo, args, nulls, doc == NULL ? NULL : DatumGetTextPP(hash));
	found = SPI_processed == 1;
	if (found)
	{
		bool		isnull;

		id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	}
	else
		/* another transaction imported the same document meanwhile */
		found = plan_int8(fcinfo, GI_PLAN_PUBLISHED_BY_SHA, hash, SPI_OK_SELECT, &id);
	SPI_finish();
	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_INT64(id);
}
