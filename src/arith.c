/*
 * arith.c — cell-wise addition of figures values, where a blank cell adds
 * as nothing: blank + blank = blank, blank + n = n.  Each kind has its own
 * add function (its descriptor's add), so the loops run over a constant
 * number of cells and the compiler vectorizes them.
 */
#include "postgres.h"

#include "common/int.h"

#include "kinds.h"

/*
 * On x86-64 with GCC, add_counts is built twice, for AVX2 and for the base
 * instruction set, and the loader picks the one the CPU runs (an ifunc): the
 * AVX2 loop adds eight cells per instruction instead of four.
 */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define GI_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef GI_VECTOR_CLONES
#define GI_VECTOR_CLONES
#endif

/* Raise the overflow error for the value at index. */
static void
report_overflow(GiFigKind kind, int format, int index)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("sum out of range in %s", gi_describe_cell(gi_grid(kind, format), index))));
}

/*
 * Add n counts of src into dst; return the index that overflowed, or -1.
 * Counts are never negative and GI_CELL_BLANK is -1, so when no cell of
 * either side and no sum is negative, the sums are right: one pass adds with
 * wrap-around and ORs every operand and sum (the compiler vectorizes it).
 * Aggregate states and most values have no blank cell and take only this
 * pass.  Otherwise the pass is undone (the wrap-around subtraction restores
 * dst exactly) and the cells are added one by one, a blank adding as nothing.
 */
GI_VECTOR_CLONES static int
add_counts(int32 *dst, const int32 *src, int n)
{
	int32		any_negative = 0;

	for (int i = 0; i < n; i++)
	{
		int32		sum = (int32) ((uint32) dst[i] + (uint32) src[i]);

		any_negative |= dst[i] | src[i] | sum;
		dst[i] = sum;
	}
	if (likely(any_negative >= 0))
		return -1;
	for (int i = 0; i < n; i++)
		dst[i] = (int32) ((uint32) dst[i] - (uint32) src[i]);
	for (int i = 0; i < n; i++)
	{
		int32		b = src[i];

		if (b == GI_CELL_BLANK)
			continue;
		if (dst[i] == GI_CELL_BLANK)
			dst[i] = b;
		else if (unlikely(pg_add_s32_overflow(dst[i], b, &dst[i])))
			return i;
	}
	return -1;
}

/* Raise the error for adding values of two formats. */
static void
report_format_mismatch(GiFigKind kind, int a, int b)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot add %s of format %d and format %d", gi_kind(kind)->type_name, a, b),
			 errhint("Figures of the 2019 and 2021 formats have different rows; add values of one format.")));
}

/* request_figures: dst += src, cell by cell, in place. */
void
gi_request_add(void *dst, const void *src)
{
	RequestFigures *d = dst;
	const RequestFigures *s = src;
	int			bad;

	if (d->format != s->format)
		report_format_mismatch(GI_FIG_REQUEST, d->format, s->format);
	bad = add_counts(d->cells, s->cells, RF_CELLS);
	if (unlikely(bad >= 0))
		report_overflow(GI_FIG_REQUEST, d->format, bad);
}

/* appeal_figures: dst += src, cell by cell, in place. */
void
gi_appeal_add(void *dst, const void *src)
{
	int			bad = add_counts(((AppealFigures *) dst)->cells, ((const AppealFigures *) src)->cells, AF_CELLS);

	if (unlikely(bad >= 0))
		report_overflow(GI_FIG_APPEAL, 0, bad);
}

/*
 * Add the cells of a 2019 table 二 (counts and signed increases/decreases):
 * return the index that overflowed, or -1.  A signed cell's blank is
 * GI_SIGNED_BLANK, and a sum may not reach it.
 */
static int
add_cells_2019(const GiGrid *g, DisclosureFigures *d, const DisclosureFigures *s)
{
	for (int i = 0; i < g->ncells; i++)
	{
		int32		blank = g->is_signed[i] ? GI_SIGNED_BLANK : GI_CELL_BLANK;
		int32	   *a = i < DF_COUNTS_2021 ? &d->counts[i] : &d->counts_2019[i - DF_COUNTS_2021];
		int32		b = i < DF_COUNTS_2021 ? s->counts[i] : s->counts_2019[i - DF_COUNTS_2021];

		if (b == blank)
			continue;
		if (*a == blank)
			*a = b;
		else if (unlikely(pg_add_s32_overflow(*a, b, a) ||
						  (g->is_signed[i] ? *a == GI_SIGNED_BLANK : *a < 0)))
			return i;
	}
	return -1;
}

/* disclosure_figures: dst += src, the counts and then the amount. */
void
gi_disclosure_add(void *dst, const void *src)
{
	DisclosureFigures *d = dst;
	const DisclosureFigures *s = src;
	const GiGrid *g;
	int			bad;

	if (d->format != s->format)
		report_format_mismatch(GI_FIG_DISCLOSURE, d->format, s->format);
	if (likely(d->format == GI_FORMAT_2021))
		bad = add_counts(d->counts, s->counts, DF_COUNTS_2021);	/* no signed cell */
	else
		bad = add_cells_2019(gi_grid(GI_FIG_DISCLOSURE, d->format), d, s);
	if (bad < 0 && s->amount != GI_CELL_BLANK)
	{
		if (d->amount == GI_CELL_BLANK)
			d->amount = s->amount;
		else
		{
			g = gi_grid(GI_FIG_DISCLOSURE, d->format);
			if (pg_add_s64_overflow(d->amount, s->amount, &d->amount))
				bad = g->amount_index;
			else
				gi_check_value(g, g->amount_index, d->amount, NULL);
		}
	}
	if (bad >= 0)
		report_overflow(GI_FIG_DISCLOSURE, d->format, bad);
}

/* dst += src, cell by cell, in place: the kind's own add. */
void
gi_add_into(GiFigKind kind, void *dst, const void *src)
{
	gi_kind(kind)->add(dst, src);
}
