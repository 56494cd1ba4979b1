/*
 * tables.c — the report tables as set-returning functions (table2, table3,
 * table4) and the queryable catalog (row_catalog, column_catalog).
 *
 * The table functions walk the catalog rows of their part in official order,
 * group caption rows included, and place each cell in the output column
 * whose name is the catalog's column code; the descriptor of the kind names
 * the first column.  Chinese labels leave in the database encoding.
 */
#include "postgres.h"

#include "access/tupdesc.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "kinds.h"
#include "tables.h"

/*
 * Check that the function's declared result is the table the descriptor and
 * the catalog describe: key, label, then one column per column code.
 */
static void
check_table_result(TupleDesc desc, const GiKindDesc *d)
{
	int			n;
	const char *const *cols = gi_table_columns(d->kind, &n);
	bool		ok = desc->natts == n + 2 &&
		strcmp(NameStr(TupleDescAttr(desc, 0)->attname), d->table_key) == 0 &&
		strcmp(NameStr(TupleDescAttr(desc, 1)->attname), "label") == 0;

	for (int i = 0; ok && i < n; i++)
		ok = strcmp(NameStr(TupleDescAttr(desc, i + 2)->attname), cols[i]) == 0;
	if (!ok)
		elog(ERROR, "the result of the %s table function does not match its catalog columns", d->type_name);
}

/* One row of a report table as every call emits it: its key and label as text, where its values sit. */
typedef struct TableRow
{
	Datum		code;			/* text */
	Datum		label;			/* text, in the database encoding */
	const GiGridRow *gr;		/* or NULL for a caption row */
} TableRow;

/* The rows of one table in one layout and language, built once per backend. */
typedef struct TableRows
{
	const GiGrid *grid;
	bool		english;
	int			n;
	TableRow   *rows;
} TableRows;

#define TABLE_ROWS_SLOTS (GI_NKINDS * GI_MAX_LAYOUTS * 2)
static TableRows table_rows_cache[TABLE_ROWS_SLOTS];

/* The rows of a table for a grid and a language: the catalog rows of its part in its format, in order. */
static const TableRows *
table_rows(const GiGrid *g, bool english)
{
	int			mask = g->format ? gi_format_mask(g->format) : GI_IN_ALL;
	TableRows  *t = NULL;
	MemoryContext old;

	for (int i = 0; i < TABLE_ROWS_SLOTS; i++)
	{
		if (table_rows_cache[i].grid == g && table_rows_cache[i].english == english)
			return &table_rows_cache[i];
		if (t == NULL && table_rows_cache[i].grid == NULL)
			t = &table_rows_cache[i];
	}
	if (t == NULL)
		elog(ERROR, "too many report table layouts");
	old = MemoryContextSwitchTo(TopMemoryContext);
	t->rows = palloc(gi_nrows * sizeof(TableRow));
	t->n = 0;
	for (int i = 0; i < gi_nrows; i++)
	{
		const GiRow *row = &gi_rows[i];
		TableRow   *r = &t->rows[t->n];

		if (row->part != g->part || !(row->formats & mask))
			continue;
		r->code = CStringGetTextDatum(row->code);
		r->label = CStringGetTextDatum(gi_row_label(row, english));
		r->gr = gi_grid_find_row(g, row->code);
		t->n++;
	}
	MemoryContextSwitchTo(old);
	t->english = english;
	t->grid = g;				/* last: an error above leaves the slot empty */
	return t;
}

/*
 * Emit the rows of one report table for a figures value into the function's
 * materialized result (tables.h): the table functions below and the stored
 * report readers (report_read.c).  The declared result is checked against
 * the catalog once per call site (fn_extra).
 */
void
gi_table_rows(FunctionCallInfo fcinfo, GiFigKind kind, const void *fig, bool english)
{
	ReturnSetInfo *rsinfo;
	TupleDesc	desc;
	GiValues	vals;
	const TableRows *t;
	Datum	   *values;
	bool	   *nulls;

	gi_unpack(kind, fig, &vals);
	t = table_rows(gi_grid(kind, vals.format), english);

	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	desc = rsinfo->setDesc;
	if (fcinfo->flinfo->fn_extra == NULL)
	{
		check_table_result(desc, gi_kind(kind));
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, 1);
	}
	values = palloc(desc->natts * sizeof(Datum));
	nulls = palloc(desc->natts * sizeof(bool));

	for (int i = 0; i < t->n; i++)
	{
		const GiGridRow *gr = t->rows[i].gr;

		memset(values, 0, desc->natts * sizeof(Datum));
		memset(nulls, true, desc->natts * sizeof(bool));
		values[0] = t->rows[i].code;
		values[1] = t->rows[i].label;
		nulls[0] = nulls[1] = false;
		for (int c = 0; gr != NULL && c < gr->ncols; c++)
		{
			int			att = gr->table_col[c] + 2;
			int			idx = gr->first + c;

			values[att] = gi_value_as(TupleDescAttr(desc, att)->atttypid, t->grid, idx, vals.v[idx], &nulls[att]);
		}
		tuplestore_putvalues(rsinfo->setResult, desc, values, nulls);
	}
}

/* Emit the rows of one report table for the figures argument in the language argument. */
static Datum
table_srf(FunctionCallInfo fcinfo, GiFigKind kind)
{
	bool		english = gi_lang_is_english(text_to_cstring(PG_GETARG_TEXT_PP(1)));

	gi_table_rows(fcinfo, kind, PG_GETARG_POINTER(0), english);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(table2);
/* table2(disclosure_figures, lang) */
Datum
table2(PG_FUNCTION_ARGS)
{
	return table_srf(fcinfo, GI_FIG_DISCLOSURE);
}

PG_FUNCTION_INFO_V1(table3);
/* table3(request_figures, lang) */
Datum
table3(PG_FUNCTION_ARGS)
{
	return table_srf(fcinfo, GI_FIG_REQUEST);
}

PG_FUNCTION_INFO_V1(table4);
/* table4(appeal_figures, lang) */
Datum
table4(PG_FUNCTION_ARGS)
{
	return table_srf(fcinfo, GI_FIG_APPEAL);
}

/* A text datum, or a null for a NULL string. */
static Datum
text_or_null(const char *s, bool *isnull)
{
	*isnull = (s == NULL);
	return s ? CStringGetTextDatum(s) : (Datum) 0;
}

PG_FUNCTION_INFO_V1(row_catalog);
/* row_catalog(format): every row of tables 二, 三 and 四 in official order. */
Datum
row_catalog(PG_FUNCTION_ARGS)
{
	int			mask = gi_format_mask(gi_parse_format(text_to_cstring(PG_GETARG_TEXT_PP(0))));
	ReturnSetInfo *rsinfo;
	int			ord[5] = {0};

	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	for (int i = 0; i < gi_nrows; i++)
	{
		const GiRow *r = &gi_rows[i];
		Datum		values[7];
		bool		nulls[7] = {0};

		if (!(r->formats & mask))
			continue;
		values[0] = Int32GetDatum(r->part);
		values[1] = CStringGetTextDatum(r->code);
		values[2] = CStringGetTextDatum(gi_row_label(r, false));
		values[3] = CStringGetTextDatum(r->label_en);
		values[4] = CStringGetTextDatum(gi_kind_name(r->kind));
		values[5] = text_or_null(r->parent, &nulls[5]);
		values[6] = Int32GetDatum(++ord[r->part]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(column_catalog);
/* column_catalog(format): the columns of each block (二), of 三, and of each group (四). */
Datum
column_catalog(PG_FUNCTION_ARGS)
{
	int			mask = gi_format_mask(gi_parse_format(text_to_cstring(PG_GETARG_TEXT_PP(0))));
	ReturnSetInfo *rsinfo;
	int			ord[5] = {0};

	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	for (int i = 0; i < gi_ncolumns; i++)
	{
		const GiColumn *col = &gi_columns[i];
		Datum		values[7];
		bool		nulls[7] = {0};

		if (!(col->formats & mask) || col->part == 4)
			continue;
		values[0] = Int32GetDatum(col->part);
		values[1] = text_or_null(col->block, &nulls[1]);
		values[2] = CStringGetTextDatum(col->code);
		values[3] = CStringGetTextDatum(gi_column_label(col, false));
		values[4] = CStringGetTextDatum(col->label_en);
		values[5] = text_or_null(gi_column_group(col), &nulls[5]);
		values[6] = Int32GetDatum(++ord[col->part]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	/* table 四: each group row's five columns, coded GROUP.COLUMN */
	for (int i = 0; i < gi_nrows; i++)
	{
		const GiRow *grp = &gi_rows[i];

		if (grp->part != 4)
			continue;
		for (int c = 0; c < gi_ncolumns; c++)
		{
			const GiColumn *col = &gi_columns[c];
			Datum		values[7];
			bool		nulls[7] = {0};

			if (col->part != 4)
				continue;
			values[0] = Int32GetDatum(4);
			values[1] = CStringGetTextDatum(grp->code);
			values[2] = CStringGetTextDatum(psprintf("%s.%s", grp->code, col->code));
			values[3] = CStringGetTextDatum(gi_column_label(col, false));
			values[4] = CStringGetTextDatum(psprintf("%s: %s", grp->label_en, col->label_en));
			values[5] = CStringGetTextDatum(gi_row_label(grp, false));
			values[6] = Int32GetDatum(++ord[4]);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	return (Datum) 0;
}
