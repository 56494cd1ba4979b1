/*
 * plans.c — every SPI query of govinfo's C code, in one table: its text, with
 * @extschema@ standing for the extension's schema and every operator
 * schema-qualified, and its argument types.  Plans are kept per backend by key
 * (as ri_triggers.c keeps its plans) and prepared again when
 * SPI_plan_is_valid() says an invalidation made them stale.  An argument of
 * one of govinfo's own types is named, and found in the extension's schema.
 *
 * The extension's schema is the schema of the C function being called: every
 * govinfo function lives there, so this is the one way it is found.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"

#include "access.h"
#include "plans.h"

#define GI_PLAN_MAX_ARGS 18

typedef struct GiPlanSpec
{
	const char *sql;
	int			nargs;
	Oid			argtypes[GI_PLAN_MAX_ARGS];
	/* for an argument whose type is InvalidOid above: the name of its type in the extension's schema */
	const char *argtypnames[GI_PLAN_MAX_ARGS];
} GiPlanSpec;

static const GiPlanSpec plan_specs[GI_NPLANS] = {
	[GI_PLAN_AGENCY_NAME] = {
		"SELECT code, name FROM @extschema@.agency WHERE agency_id OPERATOR(pg_catalog.=) $1",
		1, {INT8OID}
	},
	[GI_PLAN_LOCK_AGENCY] = {
		"SELECT 1 FROM @extschema@.agency WHERE agency_id OPERATOR(pg_catalog.=) $1 FOR NO KEY UPDATE",
		1, {INT8OID}
	},
	[GI_PLAN_NEIGHBOURS] = {
		"SELECT year, requests FROM @extschema@.annual_report"
		" WHERE agency_id OPERATOR(pg_catalog.=) $1"
		" AND year OPERATOR(pg_catalog.>=) ($2 OPERATOR(pg_catalog.-) 1)"
		" AND year OPERATOR(pg_catalog.<=) ($2 OPERATOR(pg_catalog.+) 1)"
		" AND requests IS NOT NULL",
		2, {INT8OID, INT4OID}
	},
	[GI_PLAN_VERSION_ARCHIVED] = {
		"SELECT 1 FROM @extschema@.report_version WHERE agency_id OPERATOR(pg_catalog.=) $1"
		" AND year OPERATOR(pg_catalog.=) $2 AND published_at OPERATOR(pg_catalog.=) $3",
		3, {INT8OID, INT4OID, TIMESTAMPTZOID}
	},
	[GI_PLAN_INSERT_CHECK] = {
		"SELECT @extschema@.application_insert_check($1)",
		1, {INT8ARRAYOID}
	},
	[GI_PLAN_TALLY_WRITE] = {
		"SELECT @extschema@.tally_write($1, $2, $3, $4)",
		4, {INT8ARRAYOID, INT4ARRAYOID, INT4ARRAYOID, BOOLOID}
	},
	[GI_PLAN_AUDIT_INSERT] = {
		"INSERT INTO @extschema@.audit_log (session_user_name, current_user_name, action, table_name, agency_id, year, rows)"
		" SELECT SESSION_USER, $1, 'INSERT', 'application', pg_catalog.unnest($2), pg_catalog.unnest($3), pg_catalog.unnest($4)",
		4, {NAMEOID, INT8ARRAYOID, INT4ARRAYOID, INT8ARRAYOID}
	},
	/* the action, agency, year and key are computed by audit_row from the row */
	[GI_PLAN_AUDIT_ROW] = {
		"INSERT INTO @extschema@.audit_log (session_user_name, current_user_name, action, table_name, agency_id, year, key, old_values, new_values)"
		" VALUES (SESSION_USER, $1, $2, $3, $4, $5, $6, $7, $8)",
		8, {NAMEOID, TEXTOID, TEXTOID, INT8OID, INT4OID, JSONBOID, JSONBOID, JSONBOID}
	},
	[GI_PLAN_PUBLISHED_BY_SHA] = {
		"SELECT r.id FROM @extschema@.published_report r WHERE r.document_sha256 OPERATOR(pg_catalog.=) $1",
		1, {TEXTOID}
	},
	[GI_PLAN_PUBLISHED_INSERT] = {
		"INSERT INTO @extschema@.published_report AS r (agency_id, agency_name, year, format, source_url,"
		" document_sha256, document, title, published_on, disclosures, requests, appeals, overview,"
		" problems, other_matters, complete, layout, warnings)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)"
		" ON CONFLICT (document_sha256) DO NOTHING RETURNING r.id",
		18, {INT8OID, TEXTOID, INT4OID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, DATEOID,
			InvalidOid, InvalidOid, InvalidOid, TEXTOID, TEXTOID, TEXTOID, BOOLOID, TEXTOID, JSONBOID},
		{[9] = "disclosure_figures",[10] = "request_figures",[11] = "appeal_figures"}
	},
	[GI_PLAN_STORED_REPORT] = {
		"SELECT disclosures, requests, appeals FROM @extschema@.annual_report"
		" WHERE agency_id OPERATOR(pg_catalog.=) $1 AND year OPERATOR(pg_catalog.=) $2",
		2, {INT8OID, INT4OID}
	},
	[GI_PLAN_DERIVED_REPORT] = {
		"SELECT disclosures, requests, appeals FROM @extschema@.derived_reports($2, $1)",
		2, {INT8OID, INT4OID}
	},
};

static SPIPlanPtr plans[GI_NPLANS];
static Oid	schema_oid = InvalidOid;
static char *schema_name = NULL;

/* The quoted name of the extension's schema: the schema of the calling C function. */
const char *
gi_schema(FunctionCallInfo fcinfo)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);

	if (nsp != schema_oid || schema_name == NULL)
	{
		char	   *name = get_namespace_name(nsp);

		if (name == NULL)
			elog(ERROR, "cache lookup failed for namespace %u", nsp);
		schema_name = MemoryContextStrdup(TopMemoryContext, quote_identifier(name));
		schema_oid = nsp;
		/* plans name the old schema: prepare them again */
		for (int i = 0; i < GI_NPLANS; i++)
			if (plans[i] != NULL)
			{
				SPI_freeplan(plans[i]);
				plans[i] = NULL;
			}
	}
	return schema_name;
}

/* The SQL of a plan with @extschema@ replaced by the extension's schema. */
static char *
plan_sql(FunctionCallInfo fcinfo, const char *sql)
{
	const char *schema = gi_schema(fcinfo);
	StringInfoData buf;
	const char *p = sql;
	const char *hit;

	initStringInfo(&buf);
	while ((hit = strstr(p, "@extschema@")) != NULL)
	{
		appendBinaryStringInfo(&buf, p, hit - p);
		appendStringInfoString(&buf, schema);
		p = hit + strlen("@extschema@");
	}
	appendStringInfoString(&buf, p);
	return buf.data;
}

/* The kept plan of a key, prepared now if there is none or it is no longer valid (inside SPI_connect). */
SPIPlanPtr
gi_plan(FunctionCallInfo fcinfo, GiPlanKey key)
{
	const GiPlanSpec *spec = &plan_specs[key];
	SPIPlanPtr	plan;
	Oid			argtypes[GI_PLAN_MAX_ARGS];

	gi_schema(fcinfo);
	if (plans[key] != NULL && SPI_plan_is_valid(plans[key]))
		return plans[key];
	if (plans[key] != NULL)
	{
		SPI_freeplan(plans[key]);
		plans[key] = NULL;
	}
	for (int i = 0; i < spec->nargs; i++)
	{
		argtypes[i] = spec->argtypes[i];
		if (!OidIsValid(argtypes[i]))
			argtypes[i] = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										  CStringGetDatum(spec->argtypnames[i]), ObjectIdGetDatum(schema_oid));
		if (!OidIsValid(argtypes[i]))
			elog(ERROR, "type %s.%s does not exist", schema_name, spec->argtypnames[i]);
	}
	plan = SPI_prepare(plan_sql(fcinfo, spec->sql), spec->nargs, argtypes);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for govinfo query %d: %s", (int) key, SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed for govinfo query %d", (int) key);
	plans[key] = plan;
	return plan;
}

/*
 * The agency_id of a code, or 42704 naming the code: from the agency tree each
 * backend keeps (agency_subtree.c, 0.8.0; the privilege SELECT on agency
 * checked as the query it replaced did).
 */
int64
gi_agency_by_code(FunctionCallInfo fcinfo, text *code)
{
	int64		id;

	if (!gi_agency_code_find(fcinfo, code, &id))
	{
		const char *schema = gi_schema(fcinfo);

		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("unknown agency \"%s\"", text_to_cstring(code)),
				 errhint("Agencies are listed in %s.agency by code.", schema)));
	}
	return id;
}
