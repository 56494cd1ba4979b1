/*
 * plans.h — the SPI queries govinfo's C code runs, each prepared once per
 * backend under a key and prepared again when it is no longer valid, and the
 * extension's schema, found one way.
 */
#ifndef GOVINFO_PLANS_H
#define GOVINFO_PLANS_H

#include "fmgr.h"
#include "executor/spi.h"

typedef enum GiPlanKey
{
	GI_PLAN_AGENCY_NAME,		/* code and name of an agency, for messages */
	GI_PLAN_LOCK_AGENCY,		/* lock an agency row for the carry-over check */
	GI_PLAN_NEIGHBOURS,			/* the reports of years y-1 .. y+1 of an agency */
	GI_PLAN_VERSION_ARCHIVED,	/* whether reopen_report archived a published version */
	GI_PLAN_INSERT_CHECK,		/* application_insert_check(spans) */
	GI_PLAN_TALLY_WRITE,		/* tally_write(agencies, pairs, ends, recount) */
	GI_PLAN_AUDIT_INSERT,		/* the audit entries of an INSERT into application */
	GI_PLAN_AUDIT_ROW,			/* the audit entry of one row written */
	GI_PLAN_PUBLISHED_BY_SHA,	/* import_report: the published report of a document's SHA-256 */
	GI_PLAN_PUBLISHED_INSERT,	/* import_report: the published report's row */
	GI_PLAN_STORED_REPORT,		/* the three figures of a stored report */
	GI_PLAN_DERIVED_REPORT,		/* the three figures derived from the records */
	GI_NPLANS
} GiPlanKey;

extern const char *gi_schema(FunctionCallInfo fcinfo);
extern SPIPlanPtr gi_plan(FunctionCallInfo fcinfo, GiPlanKey key);
extern int64 gi_agency_by_code(FunctionCallInfo fcinfo, text *code);

#endif
