/*
 * tally.c — the application tally (govinfo.application_tally): what table 三
 * needs of an agency's applications, kept as counts and read instead of the
 * applications themselves.
 *
 *   tally_key(received_on, closed_on, applicant, outcome) -> integer
 *   tally_pack(key, n) -> integer[]       aggregate: (key, n) pairs, sorted and summed
 *   tally_sum(integer[]) -> integer[]     aggregate: tallies added
 *   tally_entries(integer[]) -> setof (key, n, received_year, closed_year, applicant, outcome)
 *   tally_rows(agencies, pairs, ends) -> setof (agency_id, counts)   what an INSERT collected
 *   request_figures_tally(year, integer[]) -> request_figures   aggregate
 *
 * A tally is a one-dimensional int4 array of (key, count) pairs.  A stored
 * row of the table is a delta — what one statement added or took away, so
 * counts may be negative there — and the rows of an agency add up to the
 * counts of its applications; request_figures_tally adds them and places
 * each count in the rows of table 三 the year gives it, as
 * request_figures_agg places one application (src/derive.c).
 */
#include "postgres.h"

#include "compat.h"

#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"

#include "codes.h"
#include "derive.h"
#include "encoding.h"
#include "figures.h"
#include "tally.h"

/* Split a key into its parts; false for a value no key has. */
bool
tally_split_key(int32 key, TallyKey *k)
{
	int			ry = (key >> 15) & 0xFF;
	int			cy = (key >> 8) & 0x7F;

	k->received_year = ry + TALLY_FIRST_YEAR - 1;
	k->closed_year = cy == 0 ? 0 : cy + TALLY_FIRST_YEAR - 1;
	k->applicant = (key >> 5) & 0x7;
	k->outcome = key & 0x1F;
	return key >= 0 && (key >> 23) == 0 &&
		k->received_year >= TALLY_FIRST_YEAR && k->received_year <= TALLY_LAST_YEAR &&
		(k->closed_year == 0 || (k->closed_year >= k->received_year && k->closed_year <= TALLY_LAST_YEAR)) &&
		k->applicant < GI_NAPPLICANTS && k->outcome < GI_NOUTCOMES &&
		(k->closed_year != 0 || k->outcome == 0);
}

/* The key of an application, or an error (22008) for a date outside the years a key holds. */
int32
tally_key_of(DateADT received, bool open, DateADT closed, int applicant, int outcome)
{
	int			ry = gi_date_year(received);
	int			cy = open ? 0 : gi_date_year(closed);

	if (ry < TALLY_FIRST_YEAR || ry > TALLY_LAST_YEAR || (!open && (cy < ry || cy > TALLY_LAST_YEAR)))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("an application received in %d and closed in %d cannot be tallied", ry, cy),
				 errdetail("The rule application_dates_in_range keeps dates within %d - %d, closed not before received.",
						   TALLY_FIRST_YEAR, TALLY_LAST_YEAR)));
	if (applicant < 0 || applicant >= GI_NAPPLICANTS || outcome < 0 || outcome >= GI_NOUTCOMES)
		elog(ERROR, "corrupt applicant or outcome value");
	return tally_make_key(ry, cy, applicant, open ? 0 : outcome);
}

PG_FUNCTION_INFO_V1(tally_key);
/* tally_key(received_on, closed_on, applicant, outcome): the tally key of one application (NULL without a date received or an applicant). */
Datum
tally_key(PG_FUNCTION_ARGS)
{
	bool		open = PG_ARGISNULL(1);

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	if (!open && PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("an application closed on %s has no outcome",
						DatumGetCString(DirectFunctionCall1(date_out, PG_GETARG_DATUM(1)))),
				 errdetail("The rule application_outcome_iff_closed: an outcome exactly when closed.")));
	PG_RETURN_INT32(tally_key_of(PG_GETARG_DATEADT(0), open, open ? 0 : PG_GETARG_DATEADT(1),
								 (uint8) PG_GETARG_CHAR(2), open ? 0 : (uint8) PG_GETARG_CHAR(3)));
}

/* Raise 22023 for a value that is not a tally key, where it was found. */
static pg_noinline void
report_not_a_key(int32 key, const char *where)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%d is not a tally key", key),
			 errdetail("%s; govinfo.tally_key() makes keys.", where)));
}

/*
 * The pairs of a tally array, read in place: one dimension, no NULL, an even
 * length.  A short array stays in its packed form (no copy per row): its
 * elements may then be unaligned, so pairs are read with tally_pair().
 */
typedef struct TallyView
{
	const char *kv;				/* key, count, key, count ... as int4, maybe unaligned */
	int			npairs;
} TallyView;

/* The pairs of a tally datum, checked for shape (22023), read where they are. */
static TallyView
tally_read(Datum d)
{
	struct varlena *v = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(d));
	const char *p = VARDATA_ANY(v);
	Size		len = VARSIZE_ANY_EXHDR(v);
	int32		hdr[5] = {0, 0, 0, 0, 0};	/* ndim, dataoffset, elemtype, dim, lower bound */
	TallyView	t = {NULL, 0};

	memcpy(hdr, p, Min(len, sizeof(hdr)));
	if (len >= 12 && hdr[0] == 0 && (Oid) hdr[2] == INT4OID)
		return t;				/* '{}' */
	if (len < sizeof(hdr) || hdr[0] != 1 || hdr[1] != 0 || (Oid) hdr[2] != INT4OID || hdr[3] < 0 ||
		hdr[3] % 2 != 0 || len != sizeof(hdr) + (Size) hdr[3] * sizeof(int32))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a tally must be a one-dimensional integer array of (key, count) pairs without NULL")));
	t.kv = p + sizeof(hdr);
	t.npairs = hdr[3] / 2;
	return t;
}

/* Pair i of a tally: its key, checked (22023 for a value no key has), and its count. */
static inline int32
tally_pair(const TallyView *t, int i, TallyKey *k, int32 *count)
{
	int32		kv[2];

	memcpy(kv, t->kv + (Size) i * 2 * sizeof(int32), sizeof(kv));
	if (unlikely(!tally_split_key(kv[0], k)))
		report_not_a_key(kv[0], psprintf("Pair %d of the tally", i + 1));
	*count = kv[1];
	return kv[0];
}

/* The state of tally_pack and tally_sum: pairs as they come, summed by key at the end. */
typedef struct TallyPairs
{
	int			n;
	int			cap;
	int64	   *kv;				/* key, count, key, count ... */
} TallyPairs;

/* Add one pair to a state (made in cxt when NULL). */
static TallyPairs *
pairs_add(TallyPairs *st, MemoryContext cxt, int32 key, int64 n)
{
	if (st == NULL)
	{
		st = MemoryContextAllocZero(cxt, sizeof(TallyPairs));
		st->cap = 16;
		st->kv = MemoryContextAlloc(cxt, sizeof(int64) * 2 * st->cap);
	}
	if (st->n == st->cap)
	{
		st->cap *= 2;
		st->kv = repalloc(st->kv, sizeof(int64) * 2 * st->cap);
	}
	st->kv[2 * st->n] = key;
	st->kv[2 * st->n + 1] = n;
	st->n++;
	return st;
}

PG_FUNCTION_INFO_V1(tally_pack_trans);
/* tally_pack transition: one (key, n) pair. */
Datum
tally_pack_trans(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = gi_agg_context(fcinfo, "tally_pack");
	TallyPairs *st = PG_ARGISNULL(0) ? NULL : (TallyPairs *) PG_GETARG_POINTER(0);
	TallyKey	k;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(st);
	if (!tally_split_key(PG_GETARG_INT32(1), &k))
		report_not_a_key(PG_GETARG_INT32(1), "The key given to tally_pack");
	PG_RETURN_POINTER(pairs_add(st, cxt, PG_GETARG_INT32(1), PG_GETARG_INT32(2)));
}

PG_FUNCTION_INFO_V1(tally_sum_trans);
/* tally_sum transition: the pairs of one tally. */
Datum
tally_sum_trans(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = gi_agg_context(fcinfo, "tally_sum");
	TallyPairs *st = PG_ARGISNULL(0) ? NULL : (TallyPairs *) PG_GETARG_POINTER(0);
	TallyView	t;

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(st);
	t = tally_read(PG_GETARG_DATUM(1));
	for (int i = 0; i < t.npairs; i++)
	{
		TallyKey	k;
		int32		n;
		int32		key = tally_pair(&t, i, &k, &n);

		st = pairs_add(st, cxt, key, n);
	}
	PG_RETURN_POINTER(st);
}

/* Order two (key, count) pairs by key for qsort. */
static int
pair_cmp(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return (x > y) - (x < y);
}

PG_FUNCTION_INFO_V1(tally_pairs_final);
/* tally_pack and tally_sum final: the pairs sorted by key, counts of one key added, zeros dropped ('{}' when nothing is left). */
Datum
tally_pairs_final(PG_FUNCTION_ARGS)
{
	TallyPairs *st = PG_ARGISNULL(0) ? NULL : (TallyPairs *) PG_GETARG_POINTER(0);
	Datum	   *out;
	int			nout = 0;

	if (st == NULL)
		PG_RETURN_NULL();
	qsort(st->kv, st->n, sizeof(int64) * 2, pair_cmp);
	out = palloc(sizeof(Datum) * 2 * (st->n + 1));
	for (int i = 0; i < st->n;)
	{
		int64		key = st->kv[2 * i];
		int64		sum = 0;

		for (; i < st->n && st->kv[2 * i] == key; i++)
			sum += st->kv[2 * i + 1];
		if (sum == 0)
			continue;
		if (sum < PG_INT32_MIN || sum > PG_INT32_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("tally count " INT64_FORMAT " of key %d is out of range for type integer", sum, (int32) key)));
		out[nout++] = Int32GetDatum((int32) key);
		out[nout++] = Int32GetDatum((int32) sum);
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(out, nout, INT4OID, 4, true, TYPALIGN_INT));
}

PG_FUNCTION_INFO_V1(tally_entries);
/* tally_entries(tally): its pairs as rows, with the parts of each key. */
Datum
tally_entries(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo;
	TallyView	t;

	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	t = tally_read(PG_GETARG_DATUM(0));
	for (int i = 0; i < t.npairs; i++)
	{
		TallyKey	k;
		int32		n;
		int32		key = tally_pair(&t, i, &k, &n);
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};

		values[0] = Int32GetDatum(key);
		values[1] = Int32GetDatum(n);
		values[2] = Int32GetDatum(k.received_year);
		values[3] = Int32GetDatum(k.closed_year);
		nulls[3] = k.closed_year == 0;
		values[4] = CharGetDatum((char) k.applicant);
		values[5] = CharGetDatum((char) k.outcome);
		nulls[5] = k.closed_year == 0;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* The table 三 storage rows a key counts in for a report year (gi_request_rows, as for one application). */
static inline int
key_rows(int year, int format, const TallyKey *k, int rows[2])
{
	return gi_request_rows(k->received_year > year, k->received_year == year,
						   k->closed_year == 0 || k->closed_year >= year,
						   k->closed_year == year, k->outcome, format, rows);
}

/* The state of request_figures_tally: the year, its format, and the pairs that count in it. */
typedef struct TallyYear
{
	int32		year;
	int32		format;
	TallyPairs *pairs;
} TallyYear;

/* Refuse to add up two report years in one group. */
static void
check_same_year(int32 a, int32 b)
{
	if (a != b)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("request_figures_tally was given report years %d and %d in one group", a, b)));
}

PG_FUNCTION_INFO_V1(request_figures_tally_trans);
/* request_figures_tally transition: keep the pairs of a tally that count in the report year. */
Datum
request_figures_tally_trans(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = gi_agg_context(fcinfo, "request_figures_tally");
	TallyYear  *st = PG_ARGISNULL(0) ? NULL : (TallyYear *) PG_GETARG_POINTER(0);
	const GiYear *y = gi_agg_year_bounds(fcinfo, "request_figures_tally");
	TallyView	t;

	if (st == NULL)
	{
		st = MemoryContextAllocZero(cxt, sizeof(TallyYear));
		st->year = y->year;
		st->format = y->format;
	}
	else
		check_same_year(st->year, y->year);
	if (PG_ARGISNULL(2))
		PG_RETURN_POINTER(st);
	t = tally_read(PG_GETARG_DATUM(2));
	for (int i = 0; i < t.npairs; i++)
	{
		TallyKey	k;
		int32		n;
		int32		key = tally_pair(&t, i, &k, &n);
		int			rows[2];

		if (key_rows(y->year, y->format, &k, rows) > 0)
			st->pairs = pairs_add(st->pairs, cxt, key, n);
	}
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(request_figures_tally_final);
/*
 * request_figures_tally final: table 三 of the counts kept, with row 3.7 and
 * the totals; NULL when no application counts in the year.  A cell the
 * tally's deltas leave below zero means rows of the tally were lost (XX001).
 */
Datum
request_figures_tally_final(PG_FUNCTION_ARGS)
{
	const TallyYear *st = PG_ARGISNULL(0) ? NULL : (const TallyYear *) PG_GETARG_POINTER(0);
	int64		sums[RF_ROWS * GI_NAPPLICANTS];
	bool		any = false;
	RequestFigures *res;

	if (st == NULL || st->pairs == NULL)
		PG_RETURN_NULL();
	memset(sums, 0, sizeof(sums));
	for (int i = 0; i < st->pairs->n; i++)
	{
		TallyKey	k;
		int			rows[2];
		int			nrows;

		tally_split_key((int32) st->pairs->kv[2 * i], &k);
		nrows = key_rows(st->year, st->format, &k, rows);
		for (int r = 0; r < nrows; r++)
			sums[rows[r] * GI_NAPPLICANTS + k.applicant] += st->pairs->kv[2 * i + 1];
	}
	res = gi_new_zero(GI_FIG_REQUEST, st->format);
	for (int i = 0; i < RF_ROWS * GI_NAPPLICANTS; i++)
	{
		int			cell = RF_CELL(i / GI_NAPPLICANTS, i % GI_NAPPLICANTS);

		if (sums[i] == 0)
			continue;
		if (sums[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("the application tally counts " INT64_FORMAT " in a cell of table %s for %d",
							sums[i], gi_zh("三"), st->year),
					 errdetail("Rows of govinfo.application_tally were changed or lost outside govinfo's triggers."),
					 errhint("govinfo.tally_rebuild() counts the applications again.")));
		if (sums[i] > PG_INT32_MAX)
			gi_report_bump(GI_FIG_REQUEST, st->format, cell, PG_INT32_MAX);
		res->cells[cell] = (int32) sums[i];
		any = true;
	}
	if (!any)
		PG_RETURN_NULL();
	gi_fill_request_sums(gi_grid(GI_FIG_REQUEST, st->format), res);
	PG_RETURN_POINTER(res);
}

PG_FUNCTION_INFO_V1(request_figures_tally_combine);
/* request_figures_tally combine function: the pairs of a partial state added to another. */
Datum
request_figures_tally_combine(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = gi_agg_context(fcinfo, "request_figures_tally_combine");
	TallyYear  *a = PG_ARGISNULL(0) ? NULL : (TallyYear *) PG_GETARG_POINTER(0);
	const TallyYear *b = PG_ARGISNULL(1) ? NULL : (const TallyYear *) PG_GETARG_POINTER(1);

	if (b == NULL)
		PG_RETURN_POINTER(a);
	if (a == NULL)
	{
		a = MemoryContextAllocZero(cxt, sizeof(TallyYear));
		a->year = b->year;
		a->format = b->format;
	}
	else
		check_same_year(a->year, b->year);
	for (int i = 0; b->pairs != NULL && i < b->pairs->n; i++)
		a->pairs = pairs_add(a->pairs, cxt, (int32) b->pairs->kv[2 * i], b->pairs->kv[2 * i + 1]);
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(request_figures_tally_serial);
/* request_figures_tally serialization: year, format, pair count, then (key int4, count int8) pairs. */
Datum
request_figures_tally_serial(PG_FUNCTION_ARGS)
{
	const TallyYear *st = (const TallyYear *) PG_GETARG_POINTER(0);
	int32		n = st->pairs == NULL ? 0 : st->pairs->n;
	Size		len = VARHDRSZ + 3 * sizeof(int32) + (Size) n * (sizeof(int32) + sizeof(int64));
	bytea	   *res = palloc(len);
	char	   *p = VARDATA(res);

	SET_VARSIZE(res, len);
	memcpy(p, &st->year, sizeof(int32));
	memcpy(p + 4, &st->format, sizeof(int32));
	memcpy(p + 8, &n, sizeof(int32));
	p += 12;
	for (int i = 0; i < n; i++, p += 12)
	{
		int32		key = (int32) st->pairs->kv[2 * i];

		memcpy(p, &key, sizeof(int32));
		memcpy(p + 4, &st->pairs->kv[2 * i + 1], sizeof(int64));
	}
	PG_RETURN_BYTEA_P(res);
}

PG_FUNCTION_INFO_V1(request_figures_tally_deserial);
/* request_figures_tally deserialization: the state request_figures_tally_serial wrote, checked. */
Datum
request_figures_tally_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = gi_agg_context(fcinfo, "request_figures_tally_deserial");
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	const char *p = VARDATA_ANY(b);
	Size		len = VARSIZE_ANY_EXHDR(b);
	TallyYear  *st;
	int32		n;

	if (len < 12)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("a serialized request_figures_tally state is at least 12 bytes")));
	st = MemoryContextAllocZero(cxt, sizeof(TallyYear));
	memcpy(&st->year, p, sizeof(int32));
	memcpy(&st->format, p + 4, sizeof(int32));
	memcpy(&n, p + 8, sizeof(int32));
	if (n < 0 || len != 12 + (Size) n * 12 || st->format != gi_default_format(st->year))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("malformed serialized request_figures_tally state")));
	p += 12;
	for (int i = 0; i < n; i++, p += 12)
	{
		int32		key;
		int64		count;
		TallyKey	k;

		memcpy(&key, p, sizeof(int32));
		memcpy(&count, p + 4, sizeof(int64));
		if (!tally_split_key(key, &k))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("malformed serialized request_figures_tally state"),
					 errdetail("%d is not a tally key.", key)));
		st->pairs = pairs_add(st->pairs, cxt, key, count);
	}
	PG_RETURN_POINTER(st);
}

/* The elements of a one-dimensional array without NULL of a fixed-width type, or 22023 naming it. */
static void
flat_array(ArrayType *a, Oid type, const char *what, Datum **elems, int *n)
{
	bool	   *nulls;
	int16		typlen;
	bool		byval;
	char		align;

	if (ARR_ELEMTYPE(a) != type || ARR_NDIM(a) > 1 || ARR_HASNULL(a))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array without NULL", what)));
	get_typlenbyvalalign(type, &typlen, &byval, &align);
	deconstruct_array(a, type, typlen, byval, align, elems, &nulls, n);
}

PG_FUNCTION_INFO_V1(tally_rows);
/*
 * tally_rows(agencies, pairs, ends): one (agency_id, tally) row per agency —
 * its pairs are pairs[ends[i-1] .. ends[i]) (in pairs, counting a pair as
 * one) — as application_insert_end hands a statement's delta to
 * tally_write; each tally checked as tally_pack would build it (keys
 * ascending, no zero count).
 */
Datum
tally_rows(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo;
	Datum	   *agencies;
	Datum	   *pairs;
	Datum	   *ends;
	int			nagencies;
	int			npairs;
	int			nends;
	int			from = 0;

	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	flat_array(PG_GETARG_ARRAYTYPE_P(0), INT8OID, "agencies", &agencies, &nagencies);
	flat_array(PG_GETARG_ARRAYTYPE_P(1), INT4OID, "pairs", &pairs, &npairs);
	flat_array(PG_GETARG_ARRAYTYPE_P(2), INT4OID, "ends", &ends, &nends);
	if (nends != nagencies || npairs % 2 != 0 || (nends > 0 && DatumGetInt32(ends[nends - 1]) != npairs / 2))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("tally_rows needs an end for each agency, the last at the number of pairs")));
	for (int a = 0; a < nagencies; a++)
	{
		int			to = DatumGetInt32(ends[a]);
		Datum		values[2];
		bool		nulls[2] = {false, false};

		if (to <= from || to > npairs / 2)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the ends given to tally_rows must ascend")));
		for (int i = from; i < to; i++)
		{
			TallyKey	k;

			if (!tally_split_key(DatumGetInt32(pairs[2 * i]), &k) || DatumGetInt32(pairs[2 * i + 1]) == 0 ||
				(i > from && DatumGetInt32(pairs[2 * i]) <= DatumGetInt32(pairs[2 * i - 2])))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("pair %d given to tally_rows is not a tally pair in key order", i + 1)));
		}
		values[0] = agencies[a];
		values[1] = PointerGetDatum(construct_array(pairs + 2 * from, 2 * (to - from), INT4OID, 4, true, TYPALIGN_INT));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		from = to;
	}
	return (Datum) 0;
}
