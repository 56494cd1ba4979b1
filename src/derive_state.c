/*
 * derive_state.c — the transition state of request_figures_agg (0.7.0):
 *
 *   request_figures_agg_ctrans(internal, year, received_on, closed_on, applicant, outcome)
 *   request_figures_agg_cfinal(internal) -> request_figures
 *   request_figures_agg_combine(internal, internal) -> internal
 *   request_figures_agg_serial(internal) -> bytea
 *   request_figures_agg_deserial(bytea, internal) -> internal
 *
 * The state holds only the cells a row can touch: the six applicant columns
 * of rows 1, 2, the outcome rows and 4 (row 3.7 and the total column are
 * filled by the final function), as counters as wide as the data needs:
 * one byte each until a count passes 255, then two until one passes 65535,
 * then four.  A counter never wraps: it is widened, and a count that would
 * pass INT32_MAX (what a figures cell holds) is an error (22003) naming its
 * cell.  A state of one byte per cell is 154 bytes, against the 704 bytes of
 * request_figures, the state of 0.6.0.  Serialized (parallel plans), a state
 * is its format and its non-zero cells only, as (cell, varint count) pairs:
 * a township's few applications cross the Gather in a dozen bytes.
 */
#include "postgres.h"

#include "compat.h"

#include "port/pg_bitutils.h"
#include "utils/memutils.h"

#include "codes.h"
#include "derive.h"
#include "figures.h"

#define RS_CELLS (RF_ROWS * GI_NAPPLICANTS)
#define RS_CELL(row, applicant) ((row) * GI_NAPPLICANTS + (applicant))
#define RS_WORDS ((RS_CELLS + 63) / 64)

/* The state: a format and one counter of width bytes per (row, applicant). */
typedef struct ReqState
{
	int32		format;
	uint8		width;			/* bytes per counter: 1, 2 or 4 */
	uint8		pad[3];
	uint64		touched[RS_WORDS];	/* the cells counted at least once: what the other functions visit */
	union						/* allocated for the width only */
	{
		uint8		c8[RS_CELLS];
		uint16		c16[RS_CELLS];
		uint32		c32[RS_CELLS];
	}			c;
} ReqState;

StaticAssertDecl(RS_CELLS <= 255, "a state cell index fits in one byte");

/* The next touched cell at or after *word/bits, or -1: for (w = 0, b = st->touched[0]; (i = rs_next(st, &w, &b)) >= 0;) */
static inline int
rs_next(const ReqState *st, int *word, uint64 *bits)
{
	while (*bits == 0)
	{
		if (++*word >= RS_WORDS)
			return -1;
		*bits = st->touched[*word];
	}
	{
		int			b = pg_rightmost_one_pos64(*bits);

		*bits &= *bits - 1;
		return *word * 64 + b;
	}
}

/* The counter of a cell, whatever the width. */
static inline uint32
rs_get(const ReqState *st, int i)
{
	switch (st->width)
	{
		case 1:
			return st->c.c8[i];
		case 2:
			return st->c.c16[i];
		default:
			return st->c.c32[i];
	}
}

/* Set the counter of a cell (the value fits the width). */
static inline void
rs_set(ReqState *st, int i, uint32 v)
{
	switch (st->width)
	{
		case 1:
			st->c.c8[i] = (uint8) v;
			break;
		case 2:
			st->c.c16[i] = (uint16) v;
			break;
		default:
			st->c.c32[i] = v;
			break;
	}
}

/* A new state of a format, all counters 0, of width bytes each, in cxt. */
static ReqState *
rs_new(MemoryContext cxt, int format, int width)
{
	ReqState   *st = MemoryContextAllocZero(cxt, offsetof(ReqState, c) + (Size) width * RS_CELLS);

	st->format = format;
	st->width = (uint8) width;
	return st;
}

/* The narrowest width that holds a count. */
static int
rs_width_for(uint64 v)
{
	return v <= PG_UINT8_MAX ? 1 : v <= PG_UINT16_MAX ? 2 : 4;
}

/* A copy of a state with counters of width bytes (at least its own), in cxt. */
static ReqState *
rs_widen(const ReqState *st, int width, MemoryContext cxt)
{
	ReqState   *w = rs_new(cxt, st->format, Max(width, st->width));
	int			word = 0;
	uint64		bits = st->touched[0];
	int			i;

	memcpy(w->touched, st->touched, sizeof(w->touched));
	while ((i = rs_next(st, &word, &bits)) >= 0)
		rs_set(w, i, rs_get(st, i));
	return w;
}

/* Raise 22003 for the cell (state index) whose count would pass INT32_MAX. */
static pg_noinline void
rs_out_of_range(int format, int i)
{
	gi_report_bump(GI_FIG_REQUEST, format, RF_CELL(i / GI_NAPPLICANTS, i % GI_NAPPLICANTS), PG_INT32_MAX);
}

/* Count one more in a cell, widening the state when its counter is full; returns the state. */
static inline ReqState *
rs_bump(ReqState *st, int i, MemoryContext cxt)
{
	st->touched[i / 64] |= UINT64CONST(1) << (i % 64);
	switch (st->width)
	{
		case 1:
			if (likely(st->c.c8[i] != PG_UINT8_MAX))
			{
				st->c.c8[i]++;
				return st;
			}
			break;
		case 2:
			if (likely(st->c.c16[i] != PG_UINT16_MAX))
			{
				st->c.c16[i]++;
				return st;
			}
			break;
		default:
			if (unlikely(st->c.c32[i] >= (uint32) PG_INT32_MAX))
				rs_out_of_range(st->format, i);
			st->c.c32[i]++;
			return st;
	}
	{
		ReqState   *w = rs_widen(st, st->width * 2, cxt);

		pfree(st);
		rs_set(w, i, rs_get(w, i) + 1);
		return w;
	}
}

/* The aggregate's memory context, or an error when not called as an aggregate. */
MemoryContext
gi_agg_context(FunctionCallInfo fcinfo, const char *fn)
{
	MemoryContext cxt;

	if (!AggCheckCallContext(fcinfo, &cxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s can only be called as an aggregate", fn)));
	return cxt;
}

PG_FUNCTION_INFO_V1(request_figures_agg_ctrans);
/* request_figures_agg transition: count one application in its rows (rows read before the state is touched). */
Datum
request_figures_agg_ctrans(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = gi_agg_context(fcinfo, "request_figures_agg");
	ReqState   *st = PG_ARGISNULL(0) ? NULL : (ReqState *) PG_GETARG_POINTER(0);
	const GiYear *y;
	int			rows[2];
	int			nrows;
	int			applicant;

	y = gi_agg_year_bounds(fcinfo, "request_figures_agg");
	if (st == NULL)
		st = rs_new(cxt, y->format, 1);
	else
		gi_check_same_request_format(st->format, y->format);
	if (!gi_application_args(fcinfo, 2, y, rows, &nrows, &applicant))
		PG_RETURN_POINTER(st);
	for (int i = 0; i < nrows; i++)
		st = rs_bump(st, RS_CELL(rows[i], applicant), cxt);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(request_figures_agg_cfinal);
/* request_figures_agg final function: the counted cells, then row 3.7 and the total column. */
Datum
request_figures_agg_cfinal(PG_FUNCTION_ARGS)
{
	const ReqState *st;
	RequestFigures *res;
	const GiGrid *g;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (const ReqState *) PG_GETARG_POINTER(0);
	res = gi_new_zero(GI_FIG_REQUEST, st->format);	/* 0, blank where the format has no cell */
	g = gi_grid(GI_FIG_REQUEST, st->format);
	{
		int			word = 0;
		uint64		bits = st->touched[0];
		int			i;

		/* a touched cell is always one the format has (the transition and deserialization see to it) */
		while ((i = rs_next(st, &word, &bits)) >= 0)
			res->cells[RF_CELL(i / GI_NAPPLICANTS, i % GI_NAPPLICANTS)] = (int32) rs_get(st, i);
	}
	gi_fill_request_sums(g, res);
	PG_RETURN_POINTER(res);
}

PG_FUNCTION_INFO_V1(request_figures_agg_combine);
/* request_figures_agg combine function: add the counts of a partial state into another. */
Datum
request_figures_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = gi_agg_context(fcinfo, "request_figures_agg_combine");
	ReqState   *a = PG_ARGISNULL(0) ? NULL : (ReqState *) PG_GETARG_POINTER(0);
	const ReqState *b = PG_ARGISNULL(1) ? NULL : (const ReqState *) PG_GETARG_POINTER(1);
	uint64		max = 0;

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		PG_RETURN_POINTER(rs_widen(b, b->width, cxt));	/* a copy in the aggregate's context */
	gi_check_same_request_format(a->format, b->format);
	{
		int			word = 0;
		uint64		bits = b->touched[0];
		int			i;

		while ((i = rs_next(b, &word, &bits)) >= 0)
		{
			uint64		sum = (uint64) rs_get(a, i) + rs_get(b, i);

			if (sum > (uint64) PG_INT32_MAX)
				rs_out_of_range(a->format, i);
			max = Max(max, sum);
		}
	}
	if (rs_width_for(max) > a->width)
	{
		ReqState   *w = rs_widen(a, rs_width_for(max), cxt);

		pfree(a);
		a = w;
	}
	{
		int			word = 0;
		uint64		bits = b->touched[0];
		int			i;

		while ((i = rs_next(b, &word, &bits)) >= 0)
			rs_set(a, i, rs_get(a, i) + rs_get(b, i));
	}
	for (int w = 0; w < RS_WORDS; w++)
		a->touched[w] |= b->touched[w];
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(request_figures_agg_serial);
/* request_figures_agg serialization: the format, then (cell, varint count) for each non-zero cell. */
Datum
request_figures_agg_serial(PG_FUNCTION_ARGS)
{
	const ReqState *st = (const ReqState *) PG_GETARG_POINTER(0);
	uint8		buf[VARHDRSZ + sizeof(int32) + RS_CELLS * 6];
	uint8	   *p = buf + VARHDRSZ;
	bytea	   *res;
	int			word = 0;
	uint64		bits = st->touched[0];
	int			i;

	memcpy(p, &st->format, sizeof(int32));
	p += sizeof(int32);
	while ((i = rs_next(st, &word, &bits)) >= 0)
	{
		uint32		v = rs_get(st, i);

		*p++ = (uint8) i;
		while (v >= 0x80)
		{
			*p++ = (uint8) (v | 0x80);
			v >>= 7;
		}
		*p++ = (uint8) v;
	}
	res = palloc(p - buf);
	memcpy(res, buf, p - buf);
	SET_VARSIZE(res, p - buf);
	PG_RETURN_BYTEA_P(res);
}

/* Raise the error for a serialized state that request_figures_agg_serial could not have made. */
static pg_noinline void
report_bad_serial(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid serialized state of request_figures_agg"),
			 errdetail("%s", detail)));
}

PG_FUNCTION_INFO_V1(request_figures_agg_deserial);
/* request_figures_agg deserialization: a state from its serialized form, checked cell by cell. */
Datum
request_figures_agg_deserial(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	const uint8 *p = (const uint8 *) VARDATA_ANY(b);
	const uint8 *end = p + VARSIZE_ANY_EXHDR(b);
	uint8		cell[RS_CELLS];
	uint32		counts[RS_CELLS];
	int			n = 0;
	bool		countable[RS_CELLS] = {0};
	uint32		max = 0;
	int32		format;
	const GiGrid *g;
	ReqState   *st;
	int			last = -1;

	if (end - p < (ptrdiff_t) sizeof(int32))
		report_bad_serial("It is shorter than its format.");
	memcpy(&format, p, sizeof(int32));
	p += sizeof(int32);
	g = gi_grid(GI_FIG_REQUEST, format);	/* an unknown format is an error */
	for (int r = 0; r < g->nrows; r++)
		if (g->rows[r].row->slot != RF_ROW_HANDLED)
			for (int c = 0; c < GI_NAPPLICANTS; c++)
				countable[RS_CELL(g->rows[r].row->slot, c)] = true;
	while (p < end)
	{
		int			i = *p++;
		uint64		v = 0;
		int			shift = 0;

		if (i <= last || i >= RS_CELLS || !countable[i])
			report_bad_serial(psprintf("Cell %d is out of order or not counted in the %d format.", i, format));
		for (;;)
		{
			if (p >= end || shift > 28)
				report_bad_serial(psprintf("The count of cell %d is cut off or too long.", i));
			v |= (uint64) (*p & 0x7F) << shift;
			shift += 7;
			if ((*p++ & 0x80) == 0)
				break;
		}
		if (v == 0 || v > (uint64) PG_INT32_MAX)
			report_bad_serial(psprintf("The count of cell %d is " UINT64_FORMAT ".", i, v));
		cell[n] = (uint8) i;
		counts[n++] = (uint32) v;
		max = Max(max, (uint32) v);
		last = i;
	}
	st = rs_new(CurrentMemoryContext, format, rs_width_for(max));
	for (int k = 0; k < n; k++)
	{
		rs_set(st, cell[k], counts[k]);
		st->touched[cell[k] / 64] |= UINT64CONST(1) << (cell[k] % 64);
	}
	PG_RETURN_POINTER(st);
}
