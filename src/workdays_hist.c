/*
 * workdays_hist.c — histograms of working days taken, for the timeliness of
 * every agency with its descendants (timeliness_by_agency): the aggregates
 * workdays_histogram(integer) and workdays_histogram_sum(bigint[]), and
 * workdays_percentile(bigint[], float8).
 *
 * A histogram is a bigint[] whose element at subscript v is the number of
 * applications that took v working days (the array's lower bound is the
 * least such v, which may be negative).  An agency's histogram is small (the
 * working days taken span a few dozen values), so adding those of an
 * agency's descendants costs far less than sorting their applications, and
 * the percentile read from the sum is exactly percentile_cont's.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "fmgr.h"

/* The values of a histogram span at most this many days (a wider span is an error). */
#define HIST_MAX_SPAN 100000

/* An aggregate's histogram: counts[i] applications took lo + i working days. */
typedef struct WorkdaysHist
{
	int32		lo;
	int32		n;				/* 0: empty */
	int32		cap;
	int64	   *counts;
} WorkdaysHist;

/* The state of the aggregate call, made in the aggregate's context at the first row. */
static WorkdaysHist *
hist_state(FunctionCallInfo fcinfo, const char *name)
{
	MemoryContext aggcxt;
	WorkdaysHist *h;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "%s called in a non-aggregate context", name);
	if (!PG_ARGISNULL(0))
		return (WorkdaysHist *) PG_GETARG_POINTER(0);
	h = MemoryContextAllocZero(aggcxt, sizeof(WorkdaysHist));
	h->cap = 64;
	h->counts = MemoryContextAllocZero(aggcxt, h->cap * sizeof(int64));
	return h;
}

/* Add count applications that took v working days to h. */
static void
hist_add(WorkdaysHist *h, int32 v, int64 count)
{
	int64		new_lo,
				new_hi;

	if (h->n == 0)
	{
		h->lo = v;
		h->n = 1;
		h->counts[0] = 0;
	}
	new_lo = Min((int64) h->lo, (int64) v);
	new_hi = Max((int64) h->lo + h->n - 1, (int64) v);
	if (new_hi - new_lo + 1 > HIST_MAX_SPAN)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("working days taken span more than %d days", HIST_MAX_SPAN),
				 errdetail("The values run from %lld to %lld.", (long long) new_lo, (long long) new_hi)));
	if (new_lo < h->lo || new_hi - new_lo + 1 > h->n)
	{
		int32		n = (int32) (new_hi - new_lo + 1);
		int32		shift = (int32) (h->lo - new_lo);

		if (n > h->cap)
		{
			int32		cap = Max(n, h->cap * 2);

			h->counts = repalloc(h->counts, cap * sizeof(int64));
			h->cap = cap;
		}
		if (shift > 0)
			memmove(h->counts + shift, h->counts, h->n * sizeof(int64));
		memset(h->counts, 0, shift * sizeof(int64));
		memset(h->counts + shift + h->n, 0, (n - shift - h->n) * sizeof(int64));
		h->lo = (int32) new_lo;
		h->n = n;
	}
	if (pg_add_s64_overflow(h->counts[v - h->lo], count, &h->counts[v - h->lo]))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("a working-days histogram count is out of range for bigint")));
}

/*
 * The counts of a non-empty histogram array (bigint[], one dimension, the
 * first subscript the smallest value): elems/nulls/n, and that subscript.
 */
static int
hist_array_counts(ArrayType *a, Datum **elems, bool **nulls, int *n)
{
	if (ARR_NDIM(a) != 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("a working-days histogram has one dimension"),
				 errdetail("It has %d.", ARR_NDIM(a))));
	deconstruct_array(a, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, elems, nulls, n);
	return ARR_LBOUND(a)[0];
}

PG_FUNCTION_INFO_V1(workdays_hist_add);

/* Transition of workdays_histogram(integer): count one value (NULL: not counted). */
Datum
workdays_hist_add(PG_FUNCTION_ARGS)
{
	WorkdaysHist *h = hist_state(fcinfo, "workdays_hist_add");

	if (!PG_ARGISNULL(1))
		hist_add(h, PG_GETARG_INT32(1), 1);
	PG_RETURN_POINTER(h);
}

PG_FUNCTION_INFO_V1(workdays_hist_merge);

/* Transition of workdays_histogram_sum(bigint[]): add a histogram (NULL: nothing). */
Datum
workdays_hist_merge(PG_FUNCTION_ARGS)
{
	WorkdaysHist *h = hist_state(fcinfo, "workdays_hist_merge");
	ArrayType  *a;
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			lo;

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(h);
	a = PG_GETARG_ARRAYTYPE_P(1);
	if (ARR_NDIM(a) == 0)
		PG_RETURN_POINTER(h);
	lo = hist_array_counts(a, &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
		if (!nulls[i] && DatumGetInt64(elems[i]) != 0)
			hist_add(h, lo + i, DatumGetInt64(elems[i]));
	PG_RETURN_POINTER(h);
}

PG_FUNCTION_INFO_V1(workdays_hist_final);

/* Final function of both aggregates: the histogram as bigint[] subscripted by working days; NULL if empty. */
Datum
workdays_hist_final(PG_FUNCTION_ARGS)
{
	WorkdaysHist *h;
	Datum	   *elems;
	int			dims[1];
	int			lbs[1];

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "workdays_hist_final called in a non-aggregate context");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	h = (WorkdaysHist *) PG_GETARG_POINTER(0);
	if (h->n == 0)
		PG_RETURN_NULL();
	elems = palloc(h->n * sizeof(Datum));
	for (int i = 0; i < h->n; i++)
		elems[i] = Int64GetDatum(h->counts[i]);
	dims[0] = h->n;
	lbs[0] = h->lo;
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, NULL, 1, dims, lbs, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

PG_FUNCTION_INFO_V1(workdays_percentile);

/*
 * workdays_percentile(histogram, fraction): percentile_cont(fraction) of the
 * values the histogram counts — the values at 0-based positions
 * floor(fraction * (total - 1)) and ceil(...) of the sorted values,
 * interpolated as percentile_cont does; NULL if it counts none.
 */
Datum
workdays_percentile(PG_FUNCTION_ARGS)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
	float8		fraction = PG_GETARG_FLOAT8(1);
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			lo;
	int64		total = 0;
	int64		seen = 0;
	float8		pos;
	int64		first,
				second;
	bool		have_first = false;
	float8		first_val = 0,
				second_val = 0;

	if (isnan(fraction) || fraction < 0 || fraction > 1)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("percentile value %g is not between 0 and 1", fraction)));
	if (ARR_NDIM(a) == 0)
		PG_RETURN_NULL();
	lo = hist_array_counts(a, &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		int64		c = nulls[i] ? 0 : DatumGetInt64(elems[i]);

		if (c < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("a working-days histogram has no negative count"),
					 errdetail("Element %d is %lld.", lo + i, (long long) c)));
		if (pg_add_s64_overflow(total, c, &total))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("the counts of a working-days histogram add up to more than bigint holds")));
	}
	if (total == 0)
		PG_RETURN_NULL();
	pos = fraction * (float8) (total - 1);
	first = (int64) floor(pos);
	second = (int64) ceil(pos);
	for (int i = 0; i < n; i++)
	{
		int64		c = nulls[i] ? 0 : DatumGetInt64(elems[i]);

		seen += c;
		if (!have_first && seen > first)
		{
			first_val = (float8) (lo + i);
			have_first = true;
		}
		if (seen > second)
		{
			second_val = (float8) (lo + i);
			break;
		}
	}
	if (first == second)
		PG_RETURN_FLOAT8(first_val);
	PG_RETURN_FLOAT8(first_val + (pos - (float8) first) * (second_val - first_val));
}
