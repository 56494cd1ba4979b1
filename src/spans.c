/*
 * spans.c — govinfo.record_spans(agency_id, first_on, last_on), the aggregate
 * the publication lock runs over the rows a statement changed: the distinct
 * (agency, first year, last year) spans of those rows, as an N×3 bigint
 * array (last year NULL for an open record).  A bulk load of a million rows
 * has a few thousand spans, so the lock's further checks read only those.
 * The span set itself (spans.h) is shared with insert_spans.c, which fills it
 * while a statement inserts applications.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "fmgr.h"

#include "derive.h"
#include "encoding.h"
#include "spans.h"

#define SH_PREFIX spanset
#define SH_ELEMENT_TYPE SpanEntry
#define SH_KEY_TYPE SpanKey
#define SH_KEY key
#define SH_HASH_KEY(tb, k) murmurhash32((uint32) ((k).agency_id ^ ((k).agency_id >> 32)) ^ ((uint32) (k).first_year * 0x9E3779B1u) ^ ((uint32) (k).last_year * 0x85EBCA77u))
#define SH_EQUAL(tb, a, b) (memcmp(&(a), &(b), sizeof(SpanKey)) == 0)
#define SH_SCOPE extern
#define SH_DEFINE
#include "lib/simplehash.h"

/* An empty span set in cxt. */
SpanSet *
spanset_make(MemoryContext cxt)
{
	SpanSet    *set = MemoryContextAllocZero(cxt, sizeof(SpanSet));

	set->spans = spanset_create(cxt, 64, NULL);
	return set;
}

/* Add the span of a record from first_on to last_on (open: counts in every later year). */
void
spanset_add(SpanSet *set, int64 agency_id, DateADT first_on, bool open, DateADT last_on)
{
	SpanKey		key;
	bool		found;

	memset(&key, 0, sizeof(key));
	key.agency_id = agency_id;
	key.first_year = gi_date_year(first_on);
	key.last_year = open ? 0 : gi_date_year(last_on);
	if (set->have_last && memcmp(&key, &set->last, sizeof(key)) == 0)
		return;
	(void) spanset_insert(set->spans, key, &found);
	set->last = key;
	set->have_last = true;
}

/* The spans as an N×3 bigint array (agency, first year, last year or NULL), or NULL for none. */
ArrayType *
spanset_array(SpanSet *set)
{
	spanset_iterator it;
	SpanEntry  *e;
	Datum	   *elems;
	bool	   *nulls;
	int			n = 0;
	int			dims[2];
	int			lbs[2] = {1, 1};

	if (set->spans->members == 0)
		return NULL;
	elems = palloc(sizeof(Datum) * 3 * set->spans->members);
	nulls = palloc0(sizeof(bool) * 3 * set->spans->members);
	spanset_start_iterate(set->spans, &it);
	while ((e = spanset_iterate(set->spans, &it)) != NULL)
	{
		elems[n * 3] = Int64GetDatum(e->key.agency_id);
		elems[n * 3 + 1] = Int64GetDatum(e->key.first_year);
		elems[n * 3 + 2] = Int64GetDatum(e->key.last_year);
		nulls[n * 3 + 2] = (e->key.last_year == 0);
		n++;
	}
	dims[0] = n;
	dims[1] = 3;
	return construct_md_array(elems, nulls, 2, dims, lbs, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

PG_FUNCTION_INFO_V1(record_spans_trans);
/* record_spans transition: add the row's span. */
Datum
record_spans_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	SpanSet    *state;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "record_spans_trans called outside an aggregate");
	state = PG_ARGISNULL(0) ? spanset_make(aggcxt) : (SpanSet *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(state);	/* no agency or no first date: counts nowhere */
	spanset_add(state, PG_GETARG_INT64(1), PG_GETARG_DATEADT(2), PG_ARGISNULL(3),
				PG_ARGISNULL(3) ? 0 : PG_GETARG_DATEADT(3));
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(record_spans_final);
/* record_spans final: the spans as an N×3 bigint array, or NULL for no row. */
Datum
record_spans_final(PG_FUNCTION_ARGS)
{
	ArrayType  *spans;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	spans = spanset_array((SpanSet *) PG_GETARG_POINTER(0));
	if (spans == NULL)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(spans);
}

/* Raise 2202E unless arr is an N×3 bigint array, as record_spans() returns. */
static void
check_spans_shape(ArrayType *arr)
{
	if (ARR_NDIM(arr) != 2 || ARR_DIMS(arr)[1] != 3 || ARR_ELEMTYPE(arr) != INT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("spans must be an N%s3 bigint array as record_spans() returns", gi_zh("×")),
				 errdetail("Got a %d-dimensional array of %s.", ARR_NDIM(arr), format_type_be(ARR_ELEMTYPE(arr)))));
}

/* A year of a spans array as an int4 datum; 22003 for a value outside integer. */
static Datum
span_year(Datum d, bool isnull, int index)
{
	int64		year = DatumGetInt64(d);

	if (isnull)
		return (Datum) 0;
	if (year < PG_INT32_MIN || year > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("year " INT64_FORMAT " in span %d is out of range for type integer", year, index / 3 + 1),
				 errdetail("A spans array holds years as record_spans() makes them from dates.")));
	return Int32GetDatum((int32) year);
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
	check_spans_shape(arr);
	deconstruct_array(arr, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, &nulls, &n);
	for (int i = 0; i + 2 < n; i += 3)
	{
		Datum		values[3] = {elems[i], span_year(elems[i + 1], nulls[i + 1], i),
		span_year(elems[i + 2], nulls[i + 2], i)};
		bool		isnull[3] = {nulls[i], nulls[i + 1], nulls[i + 2]};

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, isnull);
	}
	return (Datum) 0;
}

/* Order two int64s for qsort. */
static int
int64_cmp(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return (x > y) - (x < y);
}

PG_FUNCTION_INFO_V1(spans_agencies);
/* spans_agencies(spans): the distinct agency ids of a record_spans() array, ascending. */
Datum
spans_agencies(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int64	   *ids;
	Datum	   *out;
	int			n;
	int			nids = 0;
	int			nout = 0;

	if (ARR_NDIM(arr) == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(INT8OID));
	check_spans_shape(arr);
	deconstruct_array(arr, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, &nulls, &n);
	ids = palloc(sizeof(int64) * (n / 3 + 1));
	for (int i = 0; i + 2 < n; i += 3)
		if (!nulls[i])
			ids[nids++] = DatumGetInt64(elems[i]);
	qsort(ids, nids, sizeof(int64), int64_cmp);
	out = palloc(sizeof(Datum) * (nids + 1));
	for (int i = 0; i < nids; i++)
		if (i == 0 || ids[i] != ids[i - 1])
			out[nout++] = Int64GetDatum(ids[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(out, nout, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}
