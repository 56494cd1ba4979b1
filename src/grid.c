/*
 * grid.c — the layout of each figures type, built once from the catalog, and
 * packing between the on-disk structs and the flat value array every input
 * and output path works on.
 */
#include "postgres.h"

#include "figures.h"
#include "soft_error.h"

static GiGrid grid_disclosure_2021;
static GiGrid grid_request_2019;
static GiGrid grid_request_2021;
static GiGrid grid_appeal;
static bool grids_built = false;

/* Fill one grid from the catalog rows of its part and format. */
static void
build_grid(GiGrid *g, GiFigKind kind, const char *type_name, int part, int format)
{
	int			mask = format ? gi_format_mask(format) : GI_IN_ALL;
	int			next = 0;

	memset(g, 0, sizeof(*g));
	g->kind = kind;
	g->type_name = type_name;
	g->format = format;
	g->part = part;
	g->amount_index = -1;

	for (int i = 0; i < gi_nrows; i++)
	{
		const GiRow *row = &gi_rows[i];
		GiGridRow  *gr;

		if (row->part != part || !(row->formats & mask) || row->kind == GI_ROW_GROUP)
			continue;
		gr = &g->rows[g->nrows++];
		gr->row = row;
		for (int c = 0; c < gi_ncolumns; c++)
		{
			const GiColumn *col = &gi_columns[c];

			if (col->part != part || !(col->formats & mask))
				continue;
			if (part == 2 && strcmp(col->block, row->parent) != 0)
				continue;
			gr->cols[gr->ncols++] = col;
		}
		/* tables 三 and 四 are stored by slot; table 二 packs its rows */
		gr->first = (part == 2) ? next : row->slot * gr->ncols;
		for (int c = 0; c < gr->ncols; c++)
			if (strcmp(gr->cols[c]->code, "amount") == 0)
				g->amount_index = gr->first + c;
		next = Max(next, gr->first + gr->ncols);
	}
	g->nvalues = next;
}

/* Build all grids the first time one is needed. */
static void
build_grids(void)
{
	build_grid(&grid_disclosure_2021, GI_FIG_DISCLOSURE, "disclosure_figures", 2, GI_FORMAT_2021);
	build_grid(&grid_request_2019, GI_FIG_REQUEST, "request_figures", 3, GI_FORMAT_2019);
	build_grid(&grid_request_2021, GI_FIG_REQUEST, "request_figures", 3, GI_FORMAT_2021);
	build_grid(&grid_appeal, GI_FIG_APPEAL, "appeal_figures", 4, 0);

	if (grid_disclosure_2021.nvalues != DF_VALUES ||
		grid_disclosure_2021.amount_index != DF_COUNTS ||
		grid_request_2021.nvalues != RF_CELLS ||
		grid_request_2021.nrows != 25 || grid_request_2019.nrows != 23 ||
		grid_appeal.nvalues != AF_CELLS)
		elog(ERROR, "govinfo catalog does not match the figures storage layout");
	grids_built = true;
}

/* The grid of a figures type in a format; user error for unknown formats. */
const GiGrid *
gi_grid(GiFigKind kind, int format)
{
	return gi_grid_safe(kind, format, NULL);
}

/* gi_grid(), reporting an unknown format through escontext (then NULL). */
const GiGrid *
gi_grid_safe(GiFigKind kind, int format, Node *escontext)
{
	if (!grids_built)
		build_grids();

	switch (kind)
	{
		case GI_FIG_APPEAL:
			return &grid_appeal;
		case GI_FIG_REQUEST:
			if (format == GI_FORMAT_2021)
				return &grid_request_2021;
			if (format == GI_FORMAT_2019)
				return &grid_request_2019;
			break;
		case GI_FIG_DISCLOSURE:
			if (format == GI_FORMAT_2021)
				return &grid_disclosure_2021;
			if (format == GI_FORMAT_2019)
				ereturn(escontext, NULL,
						(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						 errmsg("disclosure_figures does not support the 2019 format"),
						 errdetail("Table 二 of the 2019 trial format has other blocks and columns; govinfo stores table 二 in the 2021 format only."),
						 errhint("Leave the disclosures of 2019 and 2020 reports NULL.")));
			break;
	}
	ereturn(escontext, NULL,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown report format \"%d\"", format),
			 errhint("Known formats are \"2019\" and \"2021\".")));
}

/* Find a row of a grid by code; NULL when the grid has none. */
const GiGridRow *
gi_grid_find_row(const GiGrid *g, const char *code)
{
	for (int i = 0; i < g->nrows; i++)
		if (strcmp(g->rows[i].row->code, code) == 0)
			return &g->rows[i];
	return NULL;
}

/* Find a column of a grid row by code; -1 when it has none. */
int
gi_grid_find_col(const GiGridRow *r, const char *code)
{
	for (int c = 0; c < r->ncols; c++)
		if (strcmp(r->cols[c]->code, code) == 0)
			return c;
	return -1;
}

/* Find a row of a grid by code, or raise a clear error naming the code. */
const GiGridRow *
gi_grid_row(const GiGrid *g, const char *code)
{
	return gi_grid_row_safe(g, code, NULL);
}

/* gi_grid_row(), reporting an unknown or group row through escontext (then NULL). */
const GiGridRow *
gi_grid_row_safe(const GiGrid *g, const char *code, Node *escontext)
{
	const GiGridRow *r = gi_grid_find_row(g, code);
	const GiRow *cat;

	if (r != NULL)
		return r;
	cat = gi_find_row(g->part, g->format ? g->format : GI_FORMAT_2021, code);
	if (cat != NULL && cat->kind == GI_ROW_GROUP)
		ereturn(escontext, NULL,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("row \"%s\" of %s is a group label and has no cells", code, g->type_name)));
	if (g->format)
		ereturn(escontext, NULL,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown row code \"%s\" for %s in format %d", code, g->type_name, g->format),
				 errhint("govinfo.row_catalog('%d') lists the rows of part %d.", g->format, g->part)));
	ereturn(escontext, NULL,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown row code \"%s\" for %s", code, g->type_name),
			 errhint("govinfo.row_catalog('2021') lists the rows of part %d.", g->part)));
}

/* Report a row given the wrong number of values (through escontext); false. */
bool
gi_report_value_count(const GiGrid *g, const GiGridRow *r, int got, int sqlstate, Node *escontext)
{
	errsave(escontext,
			(errcode(sqlstate),
			 errmsg("row \"%s\" of %s has %d values but takes %d", r->row->code, g->type_name, got, r->ncols),
			 errdetail("Write one value per column, leaving a blank cell empty (or null in JSON).")));
	return false;
}

/* Resolve a (row, column) code pair to a value index, or raise a clear error. */
int
gi_grid_value_index(const GiGrid *g, const char *row_code, const char *col_code)
{
	const GiGridRow *r = gi_grid_row(g, row_code);
	int			c = gi_grid_find_col(r, col_code);

	if (c < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown column code \"%s\" for row \"%s\" of %s", col_code, row_code, g->type_name),
				 errhint("govinfo.column_catalog('2021') lists the columns of part %d.", g->part)));
	return r->first + c;
}

/* Whether values of a figures type carry a format version. */
bool
gi_fig_has_format(GiFigKind kind)
{
	return kind != GI_FIG_APPEAL;
}

/* The on-disk size of a figures type. */
size_t
gi_fig_size(GiFigKind kind)
{
	switch (kind)
	{
		case GI_FIG_DISCLOSURE:
			return sizeof(DisclosureFigures);
		case GI_FIG_REQUEST:
			return sizeof(RequestFigures);
		case GI_FIG_APPEAL:
			return sizeof(AppealFigures);
	}
	return 0;
}

/* The format version a figures value carries (0 for appeals). */
int
gi_fig_format(GiFigKind kind, const void *fig)
{
	switch (kind)
	{
		case GI_FIG_DISCLOSURE:
			return ((const DisclosureFigures *) fig)->format;
		case GI_FIG_REQUEST:
			return ((const RequestFigures *) fig)->format;
		case GI_FIG_APPEAL:
			return 0;
	}
	return 0;
}

/* Unpack a stored value into its format and flat values. */
void
gi_unpack(GiFigKind kind, const void *fig, GiValues *out)
{
	out->format = gi_fig_format(kind, fig);
	switch (kind)
	{
		case GI_FIG_DISCLOSURE:
			{
				const DisclosureFigures *d = fig;

				for (int i = 0; i < DF_COUNTS; i++)
					out->v[i] = d->counts[i];
				out->v[DF_COUNTS] = d->amount;
				break;
			}
		case GI_FIG_REQUEST:
			for (int i = 0; i < RF_CELLS; i++)
				out->v[i] = ((const RequestFigures *) fig)->cells[i];
			break;
		case GI_FIG_APPEAL:
			for (int i = 0; i < AF_CELLS; i++)
				out->v[i] = ((const AppealFigures *) fig)->cells[i];
			break;
	}
}

/* Pack checked flat values into a new zeroed on-disk value. */
void *
gi_pack(GiFigKind kind, const GiValues *in)
{
	void	   *fig = palloc0(gi_fig_size(kind));

	switch (kind)
	{
		case GI_FIG_DISCLOSURE:
			{
				DisclosureFigures *d = fig;

				d->format = in->format;
				for (int i = 0; i < DF_COUNTS; i++)
					d->counts[i] = (int32) in->v[i];
				d->amount = in->v[DF_COUNTS];
				break;
			}
		case GI_FIG_REQUEST:
			{
				RequestFigures *r = fig;

				r->format = in->format;
				for (int i = 0; i < RF_CELLS; i++)
					r->cells[i] = (int32) in->v[i];
				break;
			}
		case GI_FIG_APPEAL:
			for (int i = 0; i < AF_CELLS; i++)
				((AppealFigures *) fig)->cells[i] = (int32) in->v[i];
			break;
	}
	return fig;
}
