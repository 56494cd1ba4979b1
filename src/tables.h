/*
 * tables.h — the rows of a report table (tables.c), shared by the table
 * functions and the stored report readers (report_read.c).
 */
#ifndef GOVINFO_TABLES_H
#define GOVINFO_TABLES_H

#include "fmgr.h"

#include "figures.h"

/* emit the rows of one report table for a figures value as the function's materialized result */
extern void gi_table_rows(FunctionCallInfo fcinfo, GiFigKind kind, const void *fig, bool english);

#endif							/* GOVINFO_TABLES_H */
