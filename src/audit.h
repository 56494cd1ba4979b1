/*
 * audit.h — the role acting in a write, and the audit entries the C code
 * writes (audit.c).
 */
#ifndef GOVINFO_AUDIT_H
#define GOVINFO_AUDIT_H

#include "postgres.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/rel.h"

extern Oid	gi_acting_user(void);
extern bool gi_schema_current(Relation rel);
extern void gi_audit_insert(FunctionCallInfo fcinfo, Relation rel, Oid acting, const Datum counts[3]);

#endif
