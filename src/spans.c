/*
 * spans.c — govinfo.record_spans(agency_id, first_on, last_on), the aggregate
 * the publication lock runs over the rows a statement changed: the distinct
 * (agency, first year, last year) spans of those rows, as an N×3 bigint
 * array (last year NULL for an open record).  A bulk load of a million rows
 * has a few thousand spans, so the lock's further checks read only those.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "fmgr.h"

/* One span; last_year 0 stands for an open record. */
typedef struct SpanKey
{
	int64		agency_id;
	int32		first_year;
	int32		last_year;
} SpanKey;

typedef struct SpanEntry
{
	SpanKey		key;
	char		status;
} SpanEntry;

#define SH_PREFIX spanset
#define SH_ELEMENT_TYPE SpanEntry
#define SH_KEY_TYPE SpanKey
#define SH_KEY key
#define SH_HASH_KEY(tb, k) murmurhash32((uint32) ((k).agency_id ^ ((k).agency_id >> 32)) ^ ((uint32) (k).first_year * 0x9E3779B1u) ^ ((uint32) (k).last_year * 0x85EBCA77u))
#define SH_EQUAL(tb, a, b) (memcmp(&(a), &(b), sizeof(SpanKey)) == 0)
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/* The aggregate's state: the spans seen, and the last one as a shortcut. */
typedef struct SpanState
{
	spanset_hash *spans;
	SpanKey		last;
	bool		have_last;
} SpanState;

/* The year of a date. */
static int32
year_of(DateADT d)
{
	int			year;
	int			month;
	int			day;

	j2date(d + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	return year;
}

PG_FUNCTION_INFO_V1(record_spans_trans);
/* record_spans transition: add the row's span. */
Datum
record_spans_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	SpanState  *state;
	SpanKey		key;
	bool		found;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "record_spans_trans called outside an aggregate");
	if (PG_ARGISNULL(0))
	{
		state = MemoryContextAllocZero(aggcxt, sizeof(SpanState));
		state->spans = spanset_create(aggcxt, 64, NULL);
	}
	else
		state = (SpanState *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(state);	/* no agency or no first date: counts nowhere */

	memset(&key, 0, sizeof(key));
	key.agency_id = PG_GETARG_INT64(1);
	key.first_year = year_of(PG_GETARG_DATEADT(2));
	key.last_year = PG_ARGISNULL(3) ? 0 : year_of(PG_GETARG_DATEADT(3));
	if (!state->have_last || memcmp(&key, &state->last, sizeof(key)) != 0)
	{
		spanset_insert(state->spans, key, &found);
		state->last = key;
		state->have_last = true;
	}
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(record_spans_final);
/* record_spans final: the spans as an N×3 bigint array, or NULL for no row. */
Datum
record_spans_final(PG_FUNCTION_ARGS)
{
	SpanState  *state;
	spanset_iterator it;
	SpanEntry  *e;
	Datum	   *elems;
	bool	   *nulls;
	int			n = 0;
	int			dims[2];
	int			lbs[2] = {1, 1};

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (SpanState *) PG_GETARG_POINTER(0);
	if (state->spans->members == 0)
		PG_RETURN_NULL();
	elems = palloc(sizeof(Datum) * 3 * state->spans->members);
	nulls = palloc0(sizeof(bool) * 3 * state->spans->members);
	spanset_start_iterate(state->spans, &it);
	while ((e = spanset_iterate(state->spans, &it)) != NULL)
	{
		elems[n * 3] = Int64GetDatum(e->key.agency_id);
		elems[n * 3 + 1] = Int64GetDatum(e->key.first_year);
		elems[n * 3 + 2] = Int64GetDatum(e->key.last_year);
		nulls[n * 3 + 2] = (e->key.last_year == 0);
		n++;
	}
	dims[0] = n;
	dims[1] = 3;
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, nulls, 2, dims, lbs, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

PG_FUNCTION_INFO_V1(spans_rows);
/* spans_rows(spans): the rows of a record_spans() array, read in one pass. */
Datum
spans_rows(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	ReturnSetInfo *rsinfo;
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	if (ARR_NDIM(arr) == 0)
		return (Datum) 0;
	if (ARR_NDIM(arr) != 2 || ARR_DIMS(arr)[1] != 3 || ARR_ELEMTYPE(arr) != INT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("spans_rows expects an N×3 bigint array as record_spans() returns")));
	deconstruct_array(arr, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, &nulls, &n);
	for (int i = 0; i + 2 < n; i += 3)
	{
		Datum		values[3] = {elems[i], Int32GetDatum((int32) DatumGetInt64(elems[i + 1])),
		Int32GetDatum((int32) DatumGetInt64(elems[i + 2]))};
		bool		isnull[3] = {nulls[i], nulls[i + 1], nulls[i + 2]};

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, isnull);
	}
	return (Datum) 0;
}
