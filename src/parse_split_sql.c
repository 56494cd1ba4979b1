/*
 * parse_split_sql.c — govinfo.split_runs(part, format, row_codes, runs): the F6 digit-run splitter
 * (parse_split.c) as an SQL function, for users cleaning crawler dumps and for the tests.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "compat.h"
#include "kinds.h"
#include "parse_split.h"

/* One argument row: where its cells sit and whether its separators already gave them. */
typedef struct SqlRun
{
	char	   *code;			/* as given, e.g. "3.1" or "review:15" */
	int			first;
	int			ncells;
	bool		separated;
	int			run;			/* index among the runs passed to the splitter, or -1 */
} SqlRun;

/* The kind of figures a part of the report holds; error for any other part. */
static GiFigKind
part_kind(int part)
{
	switch (part)
	{
		case 2:
			return GI_FIG_DISCLOSURE;
		case 3:
			return GI_FIG_REQUEST;
		case 4:
			return GI_FIG_APPEAL;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("part %d of the report has no table of figures", part),
			 errhint("Tables are in parts 2 (二), 3 (三) and 4 (四).")));
	return GI_FIG_REQUEST;		/* not reached */
}

/* The elements of a one-dimensional text array, none of them null. */
static int
text_elems(ArrayType *arr, const char *name, Datum **elems)
{
	bool	   *nulls;
	int			n;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a one-dimensional array", name)));
	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, elems, &nulls, &n);
	for (int i = 0; i < n; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("element %d of %s is null", i + 1, name)));
	return n;
}

/* Resolve "ROW" or "ROW:N" to the grid values of the run; error naming the code otherwise. */
static void
resolve_code(const GiGrid *g, SqlRun *sr)
{
	char	   *code = pstrdup(sr->code);
	char	   *colon = strchr(code, ':');
	const GiGridRow *r;

	if (colon != NULL)
		*colon = '\0';
	r = gi_grid_row(g, code);
	sr->first = r->first;
	sr->ncells = r->ncols;
	if (colon != NULL)
	{
		char	   *end;
		long		n = strtol(colon + 1, &end, 10);

		if (end == colon + 1 || *end != '\0' || n < 1 || n > g->nvalues - r->first)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid cell count in row code \"%s\"", sr->code),
					 errdetail("Row %s of %s can start a run of 1 to %d cells.",
							   code, g->type_name, g->nvalues - r->first)));
		sr->ncells = (int) n;
	}
}

/* Check that the runs stay inside the grid and do not overlap; error naming both rows otherwise. */
static void
check_runs(const GiGrid *g, SqlRun *sr, int n)
{
	int		   *owner = palloc(g->nvalues * sizeof(int));

	for (int x = 0; x < g->nvalues; x++)
		owner[x] = -1;
	for (int i = 0; i < n; i++)
		for (int c = 0; c < sr[i].ncells; c++)
		{
			int			x = sr[i].first + c;
			bool		found = false;

			for (int r = 0; r < g->nrows && !found; r++)
				found = x >= g->rows[r].first && x < g->rows[r].first + g->rows[r].ncols;
			if (!found)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("the run of \"%s\" reaches past the cells of %s in format %d",
								sr[i].code, g->type_name, g->format)));
			if (owner[x] >= 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("the runs of \"%s\" and \"%s\" overlap at %s",
								sr[owner[x]].code, sr[i].code, gi_describe_cell(g, x))));
			owner[x] = i;
		}
}

/* The cells of a run as "v,v,…" (blank: empty). */
static char *
cells_text(const GiGrid *g, const GiValues *vals, const SqlRun *sr)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int c = 0; c < sr->ncells; c++)
	{
		if (c > 0)
			appendStringInfoChar(&buf, ',');
		gi_append_value(&buf, g, sr->first + c, vals->v[sr->first + c]);
	}
	return buf.data;
}

PG_FUNCTION_INFO_V1(split_runs);
/* split_runs(part, format, row_codes, runs): one result row per run: its cells or its candidates */
Datum
split_runs(PG_FUNCTION_ARGS)
{
	GiFigKind	kind = part_kind(PG_GETARG_INT32(0));
	int			format = gi_parse_format(text_to_cstring(PG_GETARG_TEXT_PP(1)));
	const GiGrid *g = gi_layout_grid(kind, format);
	Datum	   *codes,
			   *texts;
	int			n = text_elems(PG_GETARG_ARRAYTYPE_P(2), "row_codes", &codes);
	int			nt = text_elems(PG_GETARG_ARRAYTYPE_P(3), "runs", &texts);
	SqlRun	   *sr;
	GiRun	   *runs;
	int			nruns = 0;
	GiValues	vals;
	List	   *amb;
	char	  **msg;
	ReturnSetInfo *rsinfo;
	ListCell   *lc;

	if (n != nt)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("row_codes has %d elements but runs has %d", n, nt),
				 errdetail("Give one row code per run.")));
	sr = palloc0(Max(n, 1) * sizeof(SqlRun));
	runs = palloc0(Max(n, 1) * sizeof(GiRun));
	gi_init_values(g, &vals);
	for (int i = 0; i < n; i++)
	{
		sr[i].code = TextDatumGetCString(codes[i]);
		resolve_code(g, &sr[i]);
	}
	check_runs(g, sr, n);
	for (int i = 0; i < n; i++)
	{
		text	   *t = DatumGetTextPP(texts[i]);
		GiRun		run;
		int64	   *sep;

		run.first = sr[i].first;
		run.ncells = sr[i].ncells;
		run.text = VARDATA_ANY(t);
		run.len = VARSIZE_ANY_EXHDR(t);
		sr[i].run = -1;
		sep = palloc(run.ncells * sizeof(int64));
		sr[i].separated = gi_split_separated(g, &run, sep);
		if (sr[i].separated)
		{
			/* cells the copy kept apart are known values, as the parser passes them */
			for (int c = 0; c < run.ncells; c++)
				vals.v[run.first + c] = sep[c];
		}
		else
		{
			sr[i].run = nruns;
			runs[nruns++] = run;
		}
	}

	amb = gi_split_runs(kind, format, runs, nruns, &vals);
	msg = palloc0(Max(nruns, 1) * sizeof(char *));
	foreach(lc, amb)
	{
		GiSplitAmbiguity *a = lfirst(lc);

		msg[a->run] = a->candidates;
	}

	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	for (int i = 0; i < n; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};
		char	   *m = sr[i].run >= 0 ? msg[sr[i].run] : NULL;

		values[0] = CStringGetTextDatum(sr[i].code);
		if (m != NULL)
		{
			nulls[1] = true;
			values[2] = CStringGetTextDatum(m);
		}
		else
		{
			values[1] = CStringGetTextDatum(cells_text(g, &vals, &sr[i]));
			nulls[2] = true;
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
