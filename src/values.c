/*
 * values.c — one cell value: parsing, range checks and output.  Text, jsonb
 * and binary input all end here, so every path accepts exactly the same set
 * of values.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "encoding.h"
#include "figures.h"
#include "soft_error.h"

/* Largest amount accepted: 10^12 万元, far above any real fee total. */
#define GI_AMOUNT_MAX_INT_DIGITS 12

/* Set every value of a grid to blank, with the grid's format. */
void
gi_init_values(const GiGrid *g, GiValues *vals)
{
	vals->format = g->format;
	for (int i = 0; i < GI_MAX_VALUES; i++)
		vals->v[i] = GI_BLANK;
}

/* "row 3.1, column np of request_figures" for error messages. */
char *
gi_describe_cell(const GiGrid *g, int index)
{
	for (int i = 0; i < g->nrows; i++)
	{
		const GiGridRow *r = &g->rows[i];

		if (index >= r->first && index < r->first + r->ncols)
			return psprintf("row %s, column %s of %s",
							r->row->code, r->cols[index - r->first]->code, g->type_name);
	}
	return psprintf("value %d of %s", index, g->type_name);
}

/* Report a negative cell, the same on every input path; false for the caller. */
static bool
report_negative(const GiGrid *g, int index, const char *shown, Node *escontext)
{
	errsave(escontext,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("negative value %s in %s", shown, gi_describe_cell(g, index)),
			 errdetail("Counts and amounts are never negative; a blank cell is written as an empty value or JSON null.")));
	return false;
}

/* Report a cell beyond its range; false for the caller. */
static bool
report_too_large(const GiGrid *g, int index, const char *shown, Node *escontext)
{
	if (index == g->amount_index)
		ereturn(escontext, false,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("amount %s in %s is out of range", shown, gi_describe_cell(g, index)),
				 errdetail("Amounts are in %s and must be below 10^%d.", gi_zh("万元"), GI_AMOUNT_MAX_INT_DIGITS)));
	if (g->is_signed[index])
		ereturn(escontext, false,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("increase or decrease %s in %s is out of range", shown, gi_describe_cell(g, index)),
				 errdetail("An increase or decrease is a whole number from %d to %d.", -PG_INT32_MAX, PG_INT32_MAX)));
	errsave(escontext,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("count %s in %s is out of range", shown, gi_describe_cell(g, index)),
			 errdetail("Counts are whole numbers from 0 to %d.", PG_INT32_MAX)));
	return false;
}

/* Report a token that is not a number of the cell's kind; false for the caller. */
static bool
report_invalid(const GiGrid *g, int index, const char *shown, Node *escontext)
{
	if (index == g->amount_index)
		ereturn(escontext, false,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid amount \"%s\" in %s", shown, gi_describe_cell(g, index)),
				 errdetail("An amount is a decimal number of %s with at most %d decimals.", gi_zh("万元"), GI_AMOUNT_SCALE)));
	if (g->is_signed[index])
		ereturn(escontext, false,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid increase or decrease \"%s\" in %s", shown, gi_describe_cell(g, index)),
				 errdetail("An increase or decrease is a whole number, with a minus sign when negative.")));
	errsave(escontext,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid count \"%s\" in %s", shown, gi_describe_cell(g, index)),
			 errdetail("A count is a whole number from 0 to %d.", PG_INT32_MAX)));
	return false;
}

/*
 * Parse one trimmed token (len bytes) as the value at index into *out (empty
 * = blank).  A bad token is reported through escontext (a hard error when it
 * is NULL) and gives false.
 */
bool
gi_parse_value(const GiGrid *g, int index, const char *tok, int len, int64 *out, Node *escontext)
{
	bool		amount = (index == g->amount_index);
	int64		intpart = 0;
	int64		frac = 0;
	int			intdigits = 0;
	int			fracdigits = 0;
	int			i = 0;
	bool		negative = false;
	char	   *shown = pnstrdup(tok, len);

	*out = GI_BLANK;
	if (len == 0)
		return true;
	if (tok[0] == '-' && len > 1 && isdigit((unsigned char) tok[1]))
	{
		if (!g->is_signed[index])
			return report_negative(g, index, shown, escontext);
		negative = true;
		i = 1;
	}

	for (; i < len && isdigit((unsigned char) tok[i]); i++)
	{
		if (intdigits > 0 || tok[i] != '0')
			intdigits++;
		if (intdigits > 18)
			return report_too_large(g, index, shown, escontext);
		intpart = intpart * 10 + (tok[i] - '0');
	}
	if (i == (negative ? 1 : 0))
		return report_invalid(g, index, shown, escontext);
	if (amount && i < len && tok[i] == '.')
	{
		for (i++; i < len && isdigit((unsigned char) tok[i]); i++)
		{
			if (++fracdigits > GI_AMOUNT_SCALE)
			{
				if (tok[i] != '0')
					ereturn(escontext, false,
							(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
							 errmsg("amount \"%s\" in %s is finer than one fen", shown,
									gi_describe_cell(g, index)),
							 errdetail("Amounts are in %s with at most %d decimals.", gi_zh("万元"), GI_AMOUNT_SCALE)));
				continue;
			}
			frac = frac * 10 + (tok[i] - '0');
		}
	}
	if (i < len)
		return report_invalid(g, index, shown, escontext);

	if (!amount)
	{
		if (intpart > PG_INT32_MAX)
			return report_too_large(g, index, shown, escontext);
		*out = negative ? -intpart : intpart;
		return true;
	}
	if (intdigits > GI_AMOUNT_MAX_INT_DIGITS)
		return report_too_large(g, index, shown, escontext);
	for (; fracdigits < GI_AMOUNT_SCALE; fracdigits++)
		frac *= 10;
	*out = intpart * 1000000 + frac;
	return true;
}

/* Check a value that arrived as a number (binary input, sums); false after a soft error. */
bool
gi_check_value(const GiGrid *g, int index, int64 v, Node *escontext)
{
	if (v == GI_BLANK)
		return true;
	if (g->is_signed[index])
	{
		if (v < -PG_INT32_MAX || v > PG_INT32_MAX)
			return report_too_large(g, index, psprintf(INT64_FORMAT, v), escontext);
		return true;
	}
	if (v < 0)
		return report_negative(g, index, psprintf(INT64_FORMAT, v), escontext);
	if (index == g->amount_index)
	{
		if (v / 1000000 >= (int64) 1000000000000)
			return report_too_large(g, index, psprintf(INT64_FORMAT, v), escontext);
	}
	else if (v > PG_INT32_MAX)
		return report_too_large(g, index, psprintf(INT64_FORMAT, v), escontext);
	return true;
}

/* Append a whole number in decimal (pg_lltoa: no format string to interpret, as the 175 cells of a value need). */
void
gi_append_int64(StringInfo buf, int64 v)
{
	char		digits[MAXINT8LEN + 1];

	appendBinaryStringInfo(buf, digits, pg_lltoa(v, digits));
}

/* Append a value in its canonical text form (blank appends nothing). */
void
gi_append_value(StringInfo buf, const GiGrid *g, int index, int64 v)
{
	if (v == GI_BLANK)
		return;
	if (index != g->amount_index)
	{
		gi_append_int64(buf, v);
		return;
	}
	gi_append_int64(buf, v / 1000000);
	if (v % 1000000 != 0)
	{
		char		frac[8];
		int			n;

		snprintf(frac, sizeof(frac), "%06d", (int) (v % 1000000));
		for (n = 6; frac[n - 1] == '0'; n--)
			;
		appendStringInfo(buf, ".%.*s", n, frac);
	}
}

/* A value as an SQL datum: int4 for counts, numeric for the amount. */
Datum
gi_value_datum(const GiGrid *g, int index, int64 v, bool *isnull)
{
	*isnull = (v == GI_BLANK);
	if (*isnull)
		return (Datum) 0;
	if (index != g->amount_index)
		return Int32GetDatum((int32) v);
	return DirectFunctionCall1(numeric_trim_scale,
							   NumericGetDatum(int64_div_fast_to_numeric(v, GI_AMOUNT_SCALE)));
}

/* A value as a datum of an SQL type: int4, int8 or numeric (blank = null). */
Datum
gi_value_as(Oid typid, const GiGrid *g, int index, int64 v, bool *isnull)
{
	Datum		d = gi_value_datum(g, index, v, isnull);

	if (*isnull)
		return d;
	switch (typid)
	{
		case INT4OID:
			if (index == g->amount_index)
				elog(ERROR, "an amount cannot be returned as integer");
			return Int32GetDatum((int32) v);
		case INT8OID:
			if (index == g->amount_index)
				elog(ERROR, "an amount cannot be returned as bigint");
			return Int64GetDatum(v);
		case NUMERICOID:
			return index == g->amount_index ? d : NumericGetDatum(int64_to_numeric(v));
		default:
			elog(ERROR, "unexpected result type %u for a figures cell", typid);
	}
	return (Datum) 0;
}
