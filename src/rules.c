/*
 * rules.c — the balancing rules of each kind, within one value and across
 * years (P3-CARRY), and the completion of derived cells.  The descriptor of
 * a kind (kinds.c) names its functions here; gi_check_rules, gi_check_carry
 * and gi_complete dispatch through it.
 */
#include "postgres.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "encoding.h"
#include "kinds.h"

/* A cell as a number, blank counting as 0. */
static inline int64
val0(int32 v)
{
	return v == GI_CELL_BLANK ? 0 : v;
}

/* Report one violation to the callback; true to go on. */
static bool
emit(GiViolationFn fn, void *arg, const char *rule, const char *row, const char *col,
	 int64 expected, int64 actual, char *message)
{
	GiViolation v = {rule, row, col, expected, actual, message};

	return fn(&v, arg);
}

/* Check table 三's rules, calling fn for each broken rule and cell. */
void
gi_request_rules(const void *fig, GiViolationFn fn, void *arg)
{
	const RequestFigures *f = fig;
	const GiGrid *g = gi_grid(GI_FIG_REQUEST, f->format);
	const GiGridRow *handled = gi_grid_find_row(g, "3.7");
	const char *leaves = gi_zh(f->format == GI_FORMAT_2019 ? "19 rows 3.1 … 3.6" : "21 rows 3.1 … 3.6.3");

	/* P3-BALANCE: [1] + [2] = [3.7] + [4], per column */
	for (int c = 0; c < RF_COLS; c++)
	{
		int64		in = val0(f->cells[RF_CELL(RF_ROW_NEW, c)]) + val0(f->cells[RF_CELL(RF_ROW_CARRIED_IN, c)]);
		int64		done = val0(f->cells[RF_CELL(RF_ROW_HANDLED, c)]);
		int64		out = val0(f->cells[RF_CELL(RF_ROW_CARRIED_OUT, c)]);
		const char *col = handled->cols[c]->code;

		if (in != done + out &&
			!emit(fn, arg, "P3-BALANCE", "4", col, in - done, out,
				  psprintf("P3-BALANCE: in column %s, rows 1 + 2 (" INT64_FORMAT ") do not equal rows 3.7 + 4 (" INT64_FORMAT ")",
						   col, in, done + out)))
			return;
	}

	/* P3-HANDLED-TOTAL: [3.7] = the sum of the leaf rows, per column */
	for (int c = 0; c < RF_COLS; c++)
	{
		int64		sum = 0;
		int64		total = val0(f->cells[RF_CELL(RF_ROW_HANDLED, c)]);
		const char *col = handled->cols[c]->code;

		for (int r = RF_ROW_FIRST_LEAF; r <= RF_ROW_LAST_LEAF; r++)
			sum += val0(f->cells[RF_CELL(r, c)]);
		if (sum != total &&
			!emit(fn, arg, "P3-HANDLED-TOTAL", "3.7", col, sum, total,
				  psprintf("P3-HANDLED-TOTAL: in column %s, row 3.7 is " INT64_FORMAT " but the %s add up to " INT64_FORMAT,
						   col, total, leaves, sum)))
			return;
	}

	/* P3-COLUMN-TOTAL: total = np + biz + res + npo + law + oth, per row */
	for (int i = 0; i < g->nrows; i++)
	{
		const GiGridRow *r = &g->rows[i];
		int64		sum = 0;
		int64		total = val0(f->cells[r->first + RF_COL_TOTAL]);

		for (int c = 0; c < RF_COL_TOTAL; c++)
			sum += val0(f->cells[r->first + c]);
		if (sum != total &&
			!emit(fn, arg, "P3-COLUMN-TOTAL", r->row->code, "total", sum, total,
				  psprintf("P3-COLUMN-TOTAL: in row %s, column total is " INT64_FORMAT " but np + biz + res + npo + law + oth = " INT64_FORMAT,
						   r->row->code, total, sum)))
			return;
	}
}

/* Check table 四's rule P4-TOTAL for each group. */
void
gi_appeal_rules(const void *fig, GiViolationFn fn, void *arg)
{
	const AppealFigures *f = fig;
	const GiGrid *g = gi_grid(GI_FIG_APPEAL, 0);

	for (int i = 0; i < g->nrows; i++)
	{
		const GiGridRow *r = &g->rows[i];
		int64		sum = 0;
		int64		total = val0(f->cells[r->first + AF_COL_TOTAL]);

		for (int c = 0; c < AF_COL_TOTAL; c++)
			sum += val0(f->cells[r->first + c]);
		if (sum != total &&
			!emit(fn, arg, "P4-TOTAL", r->row->code, "total", sum, total,
				  psprintf("P4-TOTAL: in group %s, total is " INT64_FORMAT " but upheld + corrected + other + pending = " INT64_FORMAT,
						   r->row->code, total, sum)))
			return;
	}
}

/*
 * P3-CARRY: row 2 of a year equals row 4 of the year before, per column, for
 * the stored table 三 of one agency in two consecutive years.
 */
void
gi_request_carry(const void *prev_fig, const void *cur_fig, GiViolationFn fn, void *arg)
{
	const RequestFigures *prev = prev_fig;
	const RequestFigures *cur = cur_fig;
	const GiGridRow *carried_in = gi_grid_find_row(gi_grid(GI_FIG_REQUEST, cur->format), "2");

	for (int c = 0; c < RF_COLS; c++)
	{
		int64		in = val0(cur->cells[RF_CELL(RF_ROW_CARRIED_IN, c)]);
		int64		out = val0(prev->cells[RF_CELL(RF_ROW_CARRIED_OUT, c)]);
		const char *col = carried_in->cols[c]->code;

		if (in != out &&
			!emit(fn, arg, "P3-CARRY", "2", col, out, in,
				  psprintf("P3-CARRY: in column %s, row 2 is " INT64_FORMAT " but row 4 of the year before is " INT64_FORMAT,
						   col, in, out)))
			return;
	}
}

/* Check the rules of a figures value (table 二 has none). */
void
gi_check_rules(GiFigKind kind, const void *fig, GiViolationFn fn, void *arg)
{
	const GiKindDesc *d = gi_kind(kind);

	if (d->rules != NULL)
		d->rules(fig, fn, arg);
}

/* Check the cross-year rules between the values of two consecutive years. */
void
gi_check_carry(GiFigKind kind, const void *prev, const void *cur, GiViolationFn fn, void *arg)
{
	const GiKindDesc *d = gi_kind(kind);

	if (d->carry != NULL)
		d->carry(prev, cur, fn, arg);
}

/* Callback keeping the first violation and stopping. */
static bool
keep_first(const GiViolation *v, void *arg)
{
	GiViolation *out = arg;

	*out = *v;
	return false;
}

/* Find the first broken rule; false when the value is balanced. */
bool
gi_first_violation(GiFigKind kind, const void *fig, GiViolation *out)
{
	out->rule = NULL;
	gi_check_rules(kind, fig, keep_first, out);
	return out->rule != NULL;
}

/* Find the first broken cross-year rule; false when the two years agree. */
bool
gi_first_carry_violation(GiFigKind kind, const void *prev, const void *cur, GiViolation *out)
{
	out->rule = NULL;
	gi_check_carry(kind, prev, cur, keep_first, out);
	return out->rule != NULL;
}

/* Whether a value breaks no rule. */
bool
gi_is_balanced(GiFigKind kind, const void *fig)
{
	GiViolation v;

	return !gi_first_violation(kind, fig, &v);
}

/* Sum n cells at stride into the derived cell at index of g; blank when all are blank. */
static int32
sum_parts(const GiGrid *g, int index, const int32 *cells, int first, int n, int stride)
{
	int64		sum = 0;
	bool		any = false;

	for (int i = 0; i < n; i++)
	{
		int32		v = cells[first + i * stride];

		if (v != GI_CELL_BLANK)
		{
			sum += v;
			any = true;
		}
	}
	if (!any)
		return GI_CELL_BLANK;
	if (sum > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("completed count out of range in %s", gi_describe_cell(g, index)),
				 errdetail("The cells it adds up come to " INT64_FORMAT "; a count is at most %d.", sum, PG_INT32_MAX)));
	return (int32) sum;
}

/* table 三: fill the blank total columns, then the blank cells of row 3.7 from the leaves. */
void
gi_request_complete(void *fig)
{
	int32	   *cells = ((RequestFigures *) fig)->cells;
	const GiGrid *g = gi_grid(GI_FIG_REQUEST, ((RequestFigures *) fig)->format);

	for (int r = 0; r < RF_ROWS; r++)
		if (r != RF_ROW_HANDLED && cells[RF_CELL(r, RF_COL_TOTAL)] == GI_CELL_BLANK)
			cells[RF_CELL(r, RF_COL_TOTAL)] =
				sum_parts(g, RF_CELL(r, RF_COL_TOTAL), cells, RF_CELL(r, 0), RF_COL_TOTAL, 1);
	for (int c = 0; c < RF_COLS; c++)
		if (cells[RF_CELL(RF_ROW_HANDLED, c)] == GI_CELL_BLANK)
			cells[RF_CELL(RF_ROW_HANDLED, c)] =
				sum_parts(g, RF_CELL(RF_ROW_HANDLED, c), cells, RF_CELL(RF_ROW_FIRST_LEAF, c),
						  RF_ROW_LAST_LEAF - RF_ROW_FIRST_LEAF + 1, RF_COLS);
}

/* table 四: fill each group's blank total. */
void
gi_appeal_complete(void *fig)
{
	int32	   *cells = ((AppealFigures *) fig)->cells;
	const GiGrid *g = gi_grid(GI_FIG_APPEAL, 0);

	for (int grp = 0; grp < AF_GROUPS; grp++)
		if (cells[grp * AF_COLS + AF_COL_TOTAL] == GI_CELL_BLANK)
			cells[grp * AF_COLS + AF_COL_TOTAL] =
				sum_parts(g, grp * AF_COLS + AF_COL_TOTAL, cells, grp * AF_COLS, AF_COL_TOTAL, 1);
}

/* Fill every blank derived cell of a copy from its parts. */
void *
gi_complete(GiFigKind kind, const void *fig)
{
	const GiKindDesc *d = gi_kind(kind);
	void	   *res = palloc(d->size);

	memcpy(res, fig, d->size);
	if (d->complete != NULL)
		d->complete(res);
	return res;
}

/* Callback adding one violation as a row of the result set. */
static bool
emit_row(const GiViolation *v, void *arg)
{
	ReturnSetInfo *rsinfo = arg;
	Datum		values[6];
	bool		nulls[6] = {0};

	values[0] = CStringGetTextDatum(v->rule);
	values[1] = CStringGetTextDatum(v->row_code);
	values[2] = CStringGetTextDatum(v->col_code);
	values[3] = NumericGetDatum(int64_to_numeric(v->expected));
	values[4] = NumericGetDatum(int64_to_numeric(v->actual));
	values[5] = CStringGetTextDatum(v->message);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	return true;
}

/* violations(x): one row per broken rule and cell. */
static Datum
violations_srf(FunctionCallInfo fcinfo, GiFigKind kind)
{
	InitMaterializedSRF(fcinfo, 0);
	gi_check_rules(kind, PG_GETARG_POINTER(0), emit_row, fcinfo->resultinfo);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(request_figures_violations);
/* violations(request_figures) */
Datum
request_figures_violations(PG_FUNCTION_ARGS)
{
	return violations_srf(fcinfo, GI_FIG_REQUEST);
}

PG_FUNCTION_INFO_V1(appeal_figures_violations);
/* violations(appeal_figures) */
Datum
appeal_figures_violations(PG_FUNCTION_ARGS)
{
	return violations_srf(fcinfo, GI_FIG_APPEAL);
}

PG_FUNCTION_INFO_V1(request_figures_carry_violations);
/* carry_violations(previous, current): P3-CARRY between two consecutive years */
Datum
request_figures_carry_violations(PG_FUNCTION_ARGS)
{
	InitMaterializedSRF(fcinfo, 0);
	gi_check_carry(GI_FIG_REQUEST, PG_GETARG_POINTER(0), PG_GETARG_POINTER(1), emit_row, fcinfo->resultinfo);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(request_figures_is_balanced);
/* is_balanced(request_figures) */
Datum
request_figures_is_balanced(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(gi_is_balanced(GI_FIG_REQUEST, PG_GETARG_POINTER(0)));
}

PG_FUNCTION_INFO_V1(appeal_figures_is_balanced);
/* is_balanced(appeal_figures) */
Datum
appeal_figures_is_balanced(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(gi_is_balanced(GI_FIG_APPEAL, PG_GETARG_POINTER(0)));
}

PG_FUNCTION_INFO_V1(request_figures_complete);
/* complete(request_figures) */
Datum
request_figures_complete(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(gi_complete(GI_FIG_REQUEST, PG_GETARG_POINTER(0)));
}

PG_FUNCTION_INFO_V1(appeal_figures_complete);
/* complete(appeal_figures) */
Datum
appeal_figures_complete(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(gi_complete(GI_FIG_APPEAL, PG_GETARG_POINTER(0)));
}
