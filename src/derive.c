/*
 * derive.c — tables 三 and 四 derived from individual records, in C:
 *
 *   request_figures_agg(year, received_on, closed_on, applicant, outcome)
 *   appeal_figures_agg(year, kind, filed_on, result, concluded_on)
 *   application_in_cell(year, received_on, closed_on, applicant, outcome, row, column)
 *
 * For report year Y an application received in Y counts in row 1; one
 * received before Y and still open on 1 January counts in row 2; one closed
 * in Y counts in its outcome row and 3.7; one open on 31 December counts in
 * row 4.  The transition counts the applicant cells only; the final function
 * adds row 3.7 and the total column, so a derived value is always balanced.
 * The aggregates' states are the fixed-length figures types and combine with
 * the types' + (no serialization needed).  Every count that would pass
 * INT32_MAX is an error (22003) naming its cell.
 */
#include "postgres.h"

#include <math.h>

#include "compat.h"

#include "datatype/timestamp.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "codes.h"
#include "derive.h"
#include "encoding.h"
#include "figures.h"

/* Check a report year and compute its bounds. */
static void
year_bounds(int32 year, GiYear *y)
{
	y->year = year;
	if (year < 2019 || year > 2100)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("report year %d is outside 2019 %s 2100", year, gi_zh("…")),
				 errdetail("The annual report format exists from report year 2019.")));
	y->start = date2j(year, 1, 1) - POSTGRES_EPOCH_JDATE;
	y->next = date2j(year + 1, 1, 1) - POSTGRES_EPOCH_JDATE;
	y->format = gi_default_format(year);
}

/* The bounds of an aggregate's report year, its argument 1: a NULL year is 22004 naming the aggregate. */
const GiYear *
gi_agg_year_bounds(FunctionCallInfo fcinfo, const char *agg)
{
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s needs a report year", agg)));
	return gi_cached_year_bounds(fcinfo, PG_GETARG_INT32(1));
}

/* Refuse to count report years of both formats of table 三 in one group. */
void
gi_check_same_request_format(int a, int b)
{
	if (a != b)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("request_figures_agg was given report years of both formats in one group")));
}

/* The bounds of a year, cached per call site: aggregates see the same year on every row. */
const GiYear *
gi_cached_year_bounds(FunctionCallInfo fcinfo, int32 year)
{
	GiYear	   *y = (GiYear *) fcinfo->flinfo->fn_extra;

	if (y == NULL)
	{
		y = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(GiYear));
		year_bounds(year, y);
		fcinfo->flinfo->fn_extra = y;
	}
	else if (y->year != year)
	{
		GiYear		fresh;

		year_bounds(year, &fresh);	/* may raise: leave the cache as it was */
		*y = fresh;
	}
	return y;
}

/* Read one application's arguments (from argument first on); false to skip it. */
bool
gi_application_args(FunctionCallInfo fcinfo, int first, const GiYear *y, int rows[2], int *nrows, int *applicant)
{
	DateADT		received;
	DateADT		closed = 0;
	bool		open = PG_ARGISNULL(first + 1);
	int			outcome = 0;

	if (PG_ARGISNULL(first) || PG_ARGISNULL(first + 2))
		return false;			/* no date received or no applicant: counts nowhere */
	received = PG_GETARG_DATEADT(first);
	*applicant = (uint8) PG_GETARG_CHAR(first + 2);
	if (!open)
	{
		closed = PG_GETARG_DATEADT(first + 1);
		if (PG_ARGISNULL(first + 3))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("an application closed on %s has no outcome",
							DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(closed))))));
		outcome = (uint8) PG_GETARG_CHAR(first + 3);
		if (closed < received)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("an application closed on %s before it was received on %s",
							DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(closed))),
							DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(received))))));
	}
	if (*applicant >= GI_NAPPLICANTS || outcome >= GI_NOUTCOMES)
		elog(ERROR, "corrupt applicant or outcome value");
	*nrows = gi_request_rows(received >= y->next, received >= y->start, open || closed >= y->start,
							 !open && closed < y->next, outcome, y->format, rows);
	return *nrows > 0;
}

/* Raise the error for a count that cannot take one more (or a blank state cell). */
pg_noinline void
gi_report_bump(GiFigKind kind, int format, int index, int32 cell)
{
	const char *where = gi_describe_cell(gi_grid(kind, format), index);

	if (cell < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("aggregate state has a blank cell in %s", where),
				 errdetail("The states of request_figures_agg and appeal_figures_agg start at 0 in every cell.")));
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("derived count out of range in %s", where),
			 errdetail("A count is at most %d.", PG_INT32_MAX)));
}

/* Add one to the cell at index of a state of kind and format, refusing to overflow. */
static inline void
bump(int32 *cells, int index, GiFigKind kind, int format)
{
	/* one test for both INT32_MAX and a blank (-1) cell */
	if (unlikely((uint32) cells[index] >= (uint32) PG_INT32_MAX))
		gi_report_bump(kind, format, index, cells[index]);
	cells[index]++;
}

/*
 * The aggregate's state, created zeroed on first use.  It is made in the
 * per-row context: nodeAgg copies a new state into the aggregate context
 * itself, so allocating it there too would leave a second, unreachable copy
 * per group.  Later rows update the state in place.
 */
static void *
agg_state(FunctionCallInfo fcinfo, GiFigKind kind, int format, const char *fn)
{
	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s can only be called as an aggregate", fn)));
	if (!PG_ARGISNULL(0))
		return PG_GETARG_POINTER(0);
	return gi_new_zero(kind, format);	/* blank where the format has no cell */
}

PG_FUNCTION_INFO_V1(request_figures_agg_trans);
/* request_figures_agg transition: count one application in its rows. */
Datum
request_figures_agg_trans(PG_FUNCTION_ARGS)
{
	const GiYear *y;
	RequestFigures *state;
	int			rows[2];
	int			nrows;
	int			applicant;

	y = gi_agg_year_bounds(fcinfo, "request_figures_agg");
	state = agg_state(fcinfo, GI_FIG_REQUEST, y->format, "request_figures_agg");
	gi_check_same_request_format(state->format, y->format);
	if (!gi_application_args(fcinfo, 2, y, rows, &nrows, &applicant))
		PG_RETURN_POINTER(state);
	/*
	 * Only the two cells themselves: row 3.7 and the total column are filled
	 * by the final function, so a row touches two cache lines of the state.
	 */
	for (int i = 0; i < nrows; i++)
		bump(state->cells, RF_CELL(rows[i], applicant), GI_FIG_REQUEST, state->format);
	PG_RETURN_POINTER(state);
}

/* Raise the error for a value given to request_figures_agg_final that no aggregate could have made. */
static void
report_not_a_state(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("request_figures_agg_final was given a value that is not a state of request_figures_agg"),
			 errdetail("%s", detail)));
}

/* Whether a grid row is one of the outcome (leaf) rows 3.1 … 3.6.3. */
static bool
is_leaf_row(const GiGridRow *r)
{
	return r->row->slot >= RF_ROW_FIRST_LEAF && r->row->slot <= RF_ROW_LAST_LEAF;
}

/*
 * Check what the final function reads: every applicant cell of rows 1, 2,
 * the outcome rows and 4 holds a count (no blank), and in each applicant
 * column rows 1 + 2 equal the outcome rows + row 4, as the transition, which
 * counts every application once in each, always leaves them.
 */
static void
check_request_state(const GiGrid *g, const RequestFigures *st)
{
	for (int i = 0; i < g->nrows; i++)
		for (int c = 0; c < RF_COL_TOTAL; c++)
			if (g->rows[i].row->slot != RF_ROW_HANDLED && st->cells[g->rows[i].first + c] == GI_CELL_BLANK)
				report_not_a_state(psprintf("The cell in %s is blank; a state counts every applicant cell of every row but 3.7.",
											gi_describe_cell(g, g->rows[i].first + c)));
	for (int c = 0; c < RF_COL_TOTAL; c++)
	{
		int64		in = 0;
		int64		out = 0;

		for (int i = 0; i < g->nrows; i++)
		{
			const GiGridRow *r = &g->rows[i];

			if (r->row->slot == RF_ROW_NEW || r->row->slot == RF_ROW_CARRIED_IN)
				in += st->cells[r->first + c];
			else if (r->row->slot != RF_ROW_HANDLED)
				out += st->cells[r->first + c];
		}
		if (in != out)
			report_not_a_state(psprintf("In column %s, rows 1 + 2 (" INT64_FORMAT ") do not equal the outcome rows + row 4 (" INT64_FORMAT "); a state counts every application once in each.",
										g->rows[0].cols[c]->code, in, out));
	}
}

/* Set a derived cell to a sum, or raise 22003 naming the cell. */
static void
set_sum(const GiGrid *g, RequestFigures *res, int index, int64 sum)
{
	if (sum > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("derived count out of range in %s", gi_describe_cell(g, index)),
				 errdetail("The cells it adds up come to " INT64_FORMAT "; a count is at most %d.", sum, PG_INT32_MAX)));
	res->cells[index] = (int32) sum;
}

PG_FUNCTION_INFO_V1(request_figures_agg_final);
/* request_figures_agg final function: check the counted cells, then fill row 3.7 and the total column. */
Datum
request_figures_agg_final(PG_FUNCTION_ARGS)
{
	RequestFigures *res;
	const GiGrid *g;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	res = palloc(sizeof(RequestFigures));
	memcpy(res, PG_GETARG_POINTER(0), sizeof(RequestFigures));
	g = gi_grid(GI_FIG_REQUEST, res->format);
	check_request_state(g, res);
	gi_fill_request_sums(g, res);
	PG_RETURN_POINTER(res);
}

/* Fill row 3.7 (the outcome rows added up) and the total column of counted applicant cells. */
void
gi_fill_request_sums(const GiGrid *g, RequestFigures *res)
{
	for (int c = 0; c < RF_COL_TOTAL; c++)
	{
		int64		sum = 0;

		for (int i = 0; i < g->nrows; i++)
			if (is_leaf_row(&g->rows[i]))
				sum += res->cells[g->rows[i].first + c];
		set_sum(g, res, RF_CELL(RF_ROW_HANDLED, c), sum);
	}
	for (int i = 0; i < g->nrows; i++)
	{
		int			first = g->rows[i].first;
		int64		sum = 0;

		for (int c = 0; c < RF_COL_TOTAL; c++)
			sum += res->cells[first + c];
		set_sum(g, res, first + RF_COL_TOTAL, sum);
	}
}

/* Whether a text argument equals a C string. */
static bool
text_is(text *t, const char *s)
{
	size_t		n = strlen(s);

	return VARSIZE_ANY_EXHDR(t) == n && memcmp(VARDATA_ANY(t), s, n) == 0;
}

/* The group of table 四 named by an appeal case's kind. */
static int
appeal_group(text *kind)
{
	const GiGrid *g = gi_grid(GI_FIG_APPEAL, 0);

	for (int i = 0; i < g->nrows; i++)
		if (text_is(kind, g->rows[i].row->code))
			return i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown appeal kind \"%s\"", text_to_cstring(kind)),
			 errhint("%s", gi_zh("Kinds are review (行政复议), suit (未经复议直接起诉) and suit_after_review (复议后起诉)."))));
	return -1;
}

/* The column of table 四 named by an appeal case's result. */
static int
appeal_result(text *result)
{
	static const char *const results[] = {"upheld", "corrected", "other"};

	for (int i = 0; i < (int) lengthof(results); i++)
		if (text_is(result, results[i]))
			return i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown appeal result \"%s\"", text_to_cstring(result)),
			 errhint("%s", gi_zh("Results are upheld (结果维持), corrected (结果纠正) and other (其他结果); NULL while pending."))));
	return -1;
}

#define AF_COL_PENDING 3

PG_FUNCTION_INFO_V1(appeal_figures_agg_trans);
/* appeal_figures_agg transition: count one case under its result or as pending. */
Datum
appeal_figures_agg_trans(PG_FUNCTION_ARGS)
{
	const GiYear *y;
	AppealFigures *state;
	DateADT		filed;
	bool		open = PG_ARGISNULL(5);
	int			group;
	int			col;

	y = gi_agg_year_bounds(fcinfo, "appeal_figures_agg");
	state = agg_state(fcinfo, GI_FIG_APPEAL, 0, "appeal_figures_agg");
	if (PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_POINTER(state);
	group = appeal_group(PG_GETARG_TEXT_PP(2));
	filed = PG_GETARG_DATEADT(3);
	if (filed >= y->next)
		PG_RETURN_POINTER(state);	/* filed after the year */
	if (!open && PG_GETARG_DATEADT(5) < y->next)
	{
		if (PG_GETARG_DATEADT(5) < y->start)
			PG_RETURN_POINTER(state);	/* concluded before the year */
		if (PG_ARGISNULL(4))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("a concluded appeal case has no result")));
		col = appeal_result(PG_GETARG_TEXT_PP(4));
	}
	else
		col = AF_COL_PENDING;
	bump(state->cells, group * AF_COLS + col, GI_FIG_APPEAL, 0);
	bump(state->cells, group * AF_COLS + AF_COL_TOTAL, GI_FIG_APPEAL, 0);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(application_in_cell);
/*
 * application_in_cell(year, received_on, closed_on, applicant, outcome,
 * row_code, column_code): whether request_figures_agg counts the application
 * in that cell — the same rule, so a drill-down always matches the cell.
 */
Datum
application_in_cell(PG_FUNCTION_ARGS)
{
	const GiYear *y;
	const GiGrid *g;
	const GiGridRow *want;
	char	   *col_code;
	int			rows[2];
	int			nrows;
	int			applicant;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(5) || PG_ARGISNULL(6))
		PG_RETURN_NULL();
	y = gi_cached_year_bounds(fcinfo, PG_GETARG_INT32(0));
	g = gi_grid(GI_FIG_REQUEST, y->format);
	want = gi_grid_row(g, text_to_cstring(PG_GETARG_TEXT_PP(5)));
	col_code = text_to_cstring(PG_GETARG_TEXT_PP(6));
	if (gi_grid_find_col(want, col_code) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown column code \"%s\" for row \"%s\" of request_figures", col_code, want->row->code)));
	if (!gi_application_args(fcinfo, 1, y, rows, &nrows, &applicant))
		PG_RETURN_BOOL(false);
	if (strcmp(col_code, "total") != 0 && strcmp(col_code, gi_applicant_column(applicant)->code) != 0)
		PG_RETURN_BOOL(false);
	for (int i = 0; i < nrows; i++)
	{
		bool		handled = rows[i] != RF_ROW_NEW && rows[i] != RF_ROW_CARRIED_IN && rows[i] != RF_ROW_CARRIED_OUT;

		if (rows[i] == want->row->slot || (handled && want->row->slot == RF_ROW_HANDLED))
			PG_RETURN_BOOL(true);
	}
	PG_RETURN_BOOL(false);
}

/* The years gi_date_year looks up: 1 January of 1989 to 2101, as DateADT (0: not yet made). */
#define YEAR_TABLE_FIRST 1989
static DateADT year_starts[2101 - YEAR_TABLE_FIRST + 1];

/* The year gi_date_year found last, from its first day to the first day of the next (empty at first). */
static DateADT last_year_start = 1;
static DateADT last_year_end = 0;
static int	last_year;

/*
 * The year of a date: the last year found when it falls in it (the rows of a
 * bulk load come mostly in date order), else a table lookup for 1989 - 2100,
 * j2date otherwise.
 */
int
gi_date_year(DateADT d)
{
	int			year;
	int			month;
	int			day;
	int			y;

	if (likely(d >= last_year_start && d < last_year_end))
		return last_year;
	if (unlikely(year_starts[0] == 0))
		for (int i = 0; i < (int) lengthof(year_starts); i++)
			year_starts[i] = date2j(YEAR_TABLE_FIRST + i, 1, 1) - POSTGRES_EPOCH_JDATE;
	/* 2000-01-01 is day 0; a year is 365.2425 days on average, so the guess is off by at most one */
	y = (int) floor(d / 365.2425) + 2000 - YEAR_TABLE_FIRST;
	if (y >= 1 && y < (int) lengthof(year_starts) - 2)
	{
		if (d < year_starts[y])
			y--;
		else if (d >= year_starts[y + 1])
			y++;
		if (d >= year_starts[y] && d < year_starts[y + 1])
		{
			last_year_start = year_starts[y];
			last_year_end = year_starts[y + 1];
			last_year = y + YEAR_TABLE_FIRST;
			return last_year;
		}
	}
	j2date(d + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	return year;
}

PG_FUNCTION_INFO_V1(report_year);
/* report_year(date): the year a date falls in, as an integer (cheaper than extract, which is numeric) */
Datum
report_year(PG_FUNCTION_ARGS)
{
	DateADT		d = PG_GETARG_DATEADT(0);

	if (DATE_NOT_FINITE(d))
		PG_RETURN_NULL();
	PG_RETURN_INT32(gi_date_year(d));
}
