/*
 * plans.c — every SPI query of govinfo's C code, in one table: its text, with
 * @extschema@ standing for the extension's schema and every operator
 * schema-qualified, and its argument types.  Plans are kept per backend by key
 * (as ri_triggers.c keeps its plans) and prepared again when
 * SPI_plan_is_valid() says an invalidation made them stale.
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

#include "plans.h"

typedef struct GiPlanSpec
{
	const char *sql;
	int			nargs;
	Oid			argtypes[6];
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
	[GI_PLAN_AUDIT_INSERT] = {
		"INSERT INTO @extschema@.audit_log (session_user_name, current_user_name, action, table_name, agency_id, year, rows)"
		" SELECT SESSION_USER, $1, 'INSERT', 'application', s.agency_id, s.first_year, s.last_year"
		" FROM @extschema@.spans_rows($2) s ORDER BY s.agency_id, s.first_year",
		2, {NAMEOID, INT8ARRAYOID}
	},
	[GI_PLAN_AUDIT_ROW] = {
		"INSERT INTO @extschema@.audit_log (session_user_name, current_user_name, action, table_name, agency_id, year, key, old_values, new_values)"
		" SELECT SESSION_USER, $1,"
		" CASE WHEN $3 OPERATOR(pg_catalog.=) 'access_grant' THEN CASE WHEN $2 OPERATOR(pg_catalog.=) 'DELETE' THEN 'revoke' ELSE 'grant' END"
		" WHEN $3 OPERATOR(pg_catalog.=) 'annual_report' AND $2 OPERATOR(pg_catalog.=) 'UPDATE'"
		"  AND (x.o OPERATOR(pg_catalog.->>) 'published_at') IS NULL AND (x.n OPERATOR(pg_catalog.->>) 'published_at') IS NOT NULL THEN 'publish'"
		" WHEN $3 OPERATOR(pg_catalog.=) 'annual_report' AND $2 OPERATOR(pg_catalog.=) 'UPDATE'"
		"  AND (x.o OPERATOR(pg_catalog.->>) 'published_at') IS NOT NULL AND (x.n OPERATOR(pg_catalog.->>) 'published_at') IS NULL THEN 'reopen'"
		" ELSE $2 END, $3,"
		" (coalesce(x.n, x.o) OPERATOR(pg_catalog.->>) 'agency_id')::pg_catalog.int8,"
		" (coalesce(x.n, x.o) OPERATOR(pg_catalog.->>) 'year')::pg_catalog.int4,"
		" coalesce(x.n, x.o) OPERATOR(pg_catalog.-) ARRAY(SELECT pg_catalog.jsonb_object_keys(coalesce(x.n, x.o))"
		"  EXCEPT SELECT pg_catalog.unnest($4)),"
		" x.o, x.n"
		" FROM (SELECT $5 AS o, $6 AS n) x",
		6, {NAMEOID, TEXTOID, TEXTOID, TEXTARRAYOID, JSONBOID, JSONBOID}
	},
	[GI_PLAN_AGENCY_BY_CODE] = {
		"SELECT agency_id FROM @extschema@.agency WHERE code OPERATOR(pg_catalog.=) $1",
		1, {TEXTOID}
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

	gi_schema(fcinfo);
	if (plans[key] != NULL && SPI_plan_is_valid(plans[key]))
		return plans[key];
	if (plans[key] != NULL)
	{
		SPI_freeplan(plans[key]);
		plans[key] = NULL;
	}
	plan = SPI_prepare(plan_sql(fcinfo, spec->sql), spec->nargs, (Oid *) spec->argtypes);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for govinfo query %d: %s", (int) key, SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed for govinfo query %d", (int) key);
	plans[key] = plan;
	return plan;
}
