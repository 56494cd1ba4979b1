/*
 * derive.h — what the derivation aggregates share (derive.c, derive_state.c):
 * a report year's bounds, reading one application's arguments, the sums the
 * final functions fill, and the error for a count out of range.
 */
#ifndef GOVINFO_DERIVE_H
#define GOVINFO_DERIVE_H

#include "fmgr.h"
#include "utils/date.h"

#include "figures.h"

/* The dates bounding a report year and its table format. */
typedef struct GiYear
{
	int32		year;
	DateADT		start;			/* 1 January of the year */
	DateADT		next;			/* 1 January of the year after */
	int			format;
} GiYear;

extern const GiYear *gi_cached_year_bounds(FunctionCallInfo fcinfo, int32 year);
extern const GiYear *gi_agg_year_bounds(FunctionCallInfo fcinfo, const char *agg);
extern void gi_check_same_request_format(int a, int b);
extern bool gi_application_args(FunctionCallInfo fcinfo, int first, const GiYear *y, int rows[2],
								int *nrows, int *applicant);
extern void gi_fill_request_sums(const GiGrid *g, RequestFigures *res);
extern MemoryContext gi_agg_context(FunctionCallInfo fcinfo, const char *fn);
extern pg_noinline void gi_report_bump(GiFigKind kind, int format, int index, int32 cell);

#endif
