/*
 * access.h — the invalidation of govinfo's per-backend caches of access_grant
 * and agency (src/access.c), shared with the agency tree cache (agency_subtree.c).
 */
#ifndef GOVINFO_ACCESS_H
#define GOVINFO_ACCESS_H

#include "utils/snapshot.h"

/* watch the tables access_grant and agency of a schema; returns agency's oid */
extern Oid	access_watch(Oid fn_namespace);
/* the generation of the caches: a cache made at another generation is stale */
extern uint64 access_current_generation(void);
/* whether the current user may access an agency's data at a level (1 read, 2 edit), as the policies test it */
extern bool access_allowed(Oid fn_oid, int64 agency_id, int level);
/* run a one-row query over govinfo's tables as their owner; the row is left in SPI_tuptable */
extern void access_select_as_owner(Oid fn_namespace, const char *sql, int nargs, Oid *types, Datum *args,
								   Snapshot snapshot);
/* whether the current user has the rights of the owner of govinfo's tables */
extern bool access_has_owner_rights(Oid fn_oid);
/* agency_subtree.c: the agency of a code from the kept agency tree (the caller needs SELECT on agency) */
extern bool gi_agency_code_find(FunctionCallInfo fcinfo, text *code, int64 *id);
/* agency_subtree.c: the kept tree's agencies and names, valid while *serial is unchanged */
extern int	gi_agency_tree_names(FunctionCallInfo fcinfo, const int64 **ids, char *const **names, uint64 *serial);
/* agency_names.c: the one agency a printed name designates (import_report), false if none or several */
extern bool gi_agency_name_find(FunctionCallInfo fcinfo, text *printed, int64 *id);

#endif							/* GOVINFO_ACCESS_H */
