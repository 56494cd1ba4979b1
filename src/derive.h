/*
 * derive.h — what the derivation aggregates share (derive.c, derive_state.c):
 * a report year's bounds, reading one application's arguments, the sums the
 * final functions fill, and the error for a count out of range.
 */
#ifndef GOVINFO_DERIVE_H
#define GOVINFO_DERIVE_H

#include "fmgr.h"
#include "utils/date.h"

#include "codes.h"
#include "figures.h"

/* The dates bounding a report year and its table format. */
typedef struct GiYear
{
	int32		year;
	DateADT		start;			/* 1 January of the year */
	DateADT		next;			/* 1 January of the year after */
	int			format;
} GiYear;

/*
 * The table 三 storage rows an application counts in for a report year, at
 * most two, from where its dates fall against the year: row 1 if received in
 * it, row 2 if received before it and still open on 1 January; then its
 * outcome row if closed in the year, else row 4.  0 when it counts nowhere
 * (received after the year, or closed before it).  request_figures_agg
 * (derive.c) decides by dates, request_figures_tally (tally.c) by years.
 */
static inline int
gi_request_rows(bool received_after, bool received_in, bool open_on_1_january, bool closed_in, int outcome,
				int format, int rows[2])
{
	int			n = 0;

	if (received_after)
		return 0;
	if (received_in)
		rows[n++] = RF_ROW_NEW;
	else if (open_on_1_january)
		rows[n++] = RF_ROW_CARRIED_IN;
	else
		return 0;
	rows[n++] = closed_in ? gi_outcome_slot(outcome, format) : RF_ROW_CARRIED_OUT;
	return n;
}

extern int	gi_date_year(DateADT d);
extern const GiYear *gi_cached_year_bounds(FunctionCallInfo fcinfo, int32 year);
extern const GiYear *gi_agg_year_bounds(FunctionCallInfo fcinfo, const char *agg);
extern void gi_check_same_request_format(int a, int b);
extern bool gi_application_args(FunctionCallInfo fcinfo, int first, const GiYear *y, int rows[2],
								int *nrows, int *applicant);
extern void gi_fill_request_sums(const GiGrid *g, RequestFigures *res);
extern MemoryContext gi_agg_context(FunctionCallInfo fcinfo, const char *fn);
extern pg_noinline void gi_report_bump(GiFigKind kind, int format, int index, int32 cell);

#endif
