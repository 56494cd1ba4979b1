/*
 * grid.c — the layout of each figures kind in each of its formats, built once
 * from the catalog as its descriptor (kinds.c) says, and packing between the
 * on-disk structs and the flat value array every input and output path works
 * on.
 */
#include "postgres.h"

#include "utils/memutils.h"

#include "encoding.h"
#include "kinds.h"
#include "soft_error.h"

static GiGrid grids[GI_NKINDS][GI_MAX_LAYOUTS];

/* the columns of each kind's table function, after its key and label */
#define GI_MAX_TABLE_COLS 16
static const char *table_cols[GI_NKINDS][GI_MAX_TABLE_COLS];
static int	ntable_cols[GI_NKINDS];

static bool grids_built = false;

/* Fill one grid from the catalog rows and columns of its part and format. */
static void
build_grid(GiGrid *g, const GiKindDesc *d, const GiLayoutDesc *l)
{
	int			mask = l->format ? gi_format_mask(l->format) : GI_IN_ALL;
	int			next = 0;

	memset(g, 0, sizeof(*g));
	g->kind = d->kind;
	g->type_name = d->type_name;
	g->format = l->format;
	g->part = d->part;
	g->stored = l->stored;
	g->amount_index = -1;

	for (int i = 0; i < gi_nrows; i++)
	{
		const GiRow *row = &gi_rows[i];
		GiGridRow  *gr;

		if (row->part != d->part || !(row->formats & mask) || row->kind == GI_ROW_GROUP)
			continue;
		if (g->nrows == GI_MAX_GRID_ROWS)
			elog(ERROR, "govinfo catalog: %s has more than %d rows", d->type_name, GI_MAX_GRID_ROWS);
		gr = &g->rows[g->nrows++];
		gr->row = row;
		for (int c = 0; c < gi_ncolumns; c++)
		{
			const GiColumn *col = &gi_columns[c];

			if (col->part != d->part || !(col->formats & mask))
				continue;
			if (col->block != NULL && strcmp(col->block, row->parent) != 0)
				continue;		/* table 二: the columns of another block */
			if (gr->ncols == GI_MAX_GRID_COLS)
				elog(ERROR, "govinfo catalog: row %s of %s has more than %d columns",
					 row->code, d->type_name, GI_MAX_GRID_COLS);
			gr->cols[gr->ncols++] = col;
		}
		if (d->rows_by_slot && row->slot < 0)
			elog(ERROR, "govinfo catalog: row %s of %s has no storage slot", row->code, d->type_name);
		gr->first = d->rows_by_slot ? row->slot * gr->ncols : next;
		if (gr->first + gr->ncols > GI_MAX_VALUES)
			elog(ERROR, "govinfo catalog: %s has more than %d values", d->type_name, GI_MAX_VALUES);
		for (int c = 0; c < gr->ncols; c++)
		{
			if (strcmp(gr->cols[c]->code, "amount") == 0)
				g->amount_index = gr->first + c;
			g->is_signed[gr->first + c] = gr->cols[c]->is_signed;
		}
		next = Max(next, gr->first + gr->ncols);
	}
	g->nvalues = next;
	g->ncells = g->amount_index >= 0 ? next - 1 : next;
}

/*
 * Check that a stored layout's grid fits the on-disk struct: its cells in the
 * struct's cells, its amount (the grid's last value) in the struct's amount.
 */
static void
check_storage(const GiGrid *g, const GiKindDesc *d, const GiLayoutDesc *l)
{
	bool		has_amount = d->amount_offset >= 0;

	if (g->nrows != l->nrows ||
		(l->stored && (g->ncells > d->ncells ||
					   (has_amount ? g->amount_index != g->nvalues - 1 : g->amount_index != -1))))
		elog(ERROR, "govinfo catalog does not match the figures storage layout of %s in format %d",
			 d->type_name, l->format);
}

/* Collect a kind's table columns: the distinct column codes of its stored grids, in order. */
static void
build_table_columns(const GiKindDesc *d)
{
	int			n = 0;

	for (int li = 0; li < d->nlayouts; li++)
	{
		GiGrid	   *g = &grids[d->kind][li];

		for (int r = 0; r < g->nrows; r++)
		{
			GiGridRow  *gr = &g->rows[r];

			for (int c = 0; c < gr->ncols; c++)
			{
				int			t = 0;

				while (t < n && strcmp(table_cols[d->kind][t], gr->cols[c]->code) != 0)
					t++;
				if (t == n && g->stored)
				{
					if (n == GI_MAX_TABLE_COLS)
						elog(ERROR, "govinfo catalog: %s has more than %d columns", d->type_name, GI_MAX_TABLE_COLS);
					table_cols[d->kind][n++] = gr->cols[c]->code;
				}
				gr->table_col[c] = t < n ? t : -1;
			}
		}
	}
	ntable_cols[d->kind] = n;
}

/* Build every layout of every kind the first time one is needed. */
static void
build_grids(void)
{
	for (int k = 0; k < GI_NKINDS; k++)
	{
		const GiKindDesc *d = gi_kind((GiFigKind) k);

		Assert(d->kind == k && d->nlayouts <= GI_MAX_LAYOUTS);
		for (int li = 0; li < d->nlayouts; li++)
		{
			build_grid(&grids[k][li], d, &d->layouts[li]);
			check_storage(&grids[k][li], d, &d->layouts[li]);
		}
		build_table_columns(d);
	}
	grids_built = true;
}

/* The grid of any layout of a kind, stored or not; NULL for an unknown format. */
const GiGrid *
gi_layout_grid(GiFigKind kind, int format)
{
	const GiKindDesc *d = gi_kind(kind);

	if (!grids_built)
		build_grids();
	if (d->format_offset < 0)
		return &grids[kind][0];	/* one layout whatever the format */
	for (int li = 0; li < d->nlayouts; li++)
		if (d->layouts[li].format == format)
			return &grids[kind][li];
	return NULL;
}

/* The grid of a kind in a format its values can have; user error otherwise. */
const GiGrid *
gi_grid(GiFigKind kind, int format)
{
	return gi_grid_safe(kind, format, NULL);
}

/* gi_grid(), reporting an unknown or unstored format through escontext (then NULL). */
const GiGrid *
gi_grid_safe(GiFigKind kind, int format, Node *escontext)
{
	const GiGrid *g = gi_layout_grid(kind, format);

	if (g != NULL && g->stored)
		return g;
	if (g != NULL)
	{
		const GiLayoutDesc *l = &gi_kind(kind)->layouts[g - grids[kind]];

		ereturn(escontext, NULL,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s does not support the %d format", g->type_name, format),
				 errdetail("%s", gi_zh(l->unstored_detail)),
				 errhint("%s", gi_zh(l->unstored_hint))));
	}
	ereturn(escontext, NULL,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown report format \"%d\"", format),
			 errhint("Known formats are \"2019\" and \"2021\".")));
}

/* The columns of a kind's table function after its key and label, in order. */
const char *const *
gi_table_columns(GiFigKind kind, int *ncols)
{
	if (!grids_built)
		build_grids();
	*ncols = ntable_cols[kind];
	return table_cols[kind];
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

/* Whether values of a figures kind carry a format version. */
bool
gi_fig_has_format(GiFigKind kind)
{
	return gi_kind(kind)->format_offset >= 0;
}

/* The on-disk size of a figures kind. */
size_t
gi_fig_size(GiFigKind kind)
{
	return gi_kind(kind)->size;
}

/*
 * The bytes of a figures value its format uses, from the start (the others
 * are 0): what equality, hashing and copying look at.  A 2021 table 二 uses
 * the 48 bytes that were the whole value up to govinfo 0.4.0.
 */
size_t
gi_fig_used_size(GiFigKind kind, const void *fig)
{
	const GiKindDesc *d = gi_kind(kind);

	if (d->format_offset < 0)
		return d->size;
	for (int li = 0; li < d->nlayouts; li++)
		if (d->layouts[li].format == gi_fig_format(kind, fig))
			return d->layouts[li].used_size ? d->layouts[li].used_size : d->size;
	return d->size;
}

/* The format version a figures value carries (0 for a kind without format). */
int
gi_fig_format(GiFigKind kind, const void *fig)
{
	const GiKindDesc *d = gi_kind(kind);

	return d->format_offset < 0 ? 0 : *(const int32 *) ((const char *) fig + d->format_offset);
}

/* The address of stored cell i of a value (cells may sit in two runs, kinds.h). */
static inline int32 *
cell_at(const GiKindDesc *d, const char *fig, int i)
{
	if (i < d->ncells_first)
		return (int32 *) (fig + d->cells_offset) + i;
	return (int32 *) (fig + d->more_cells_offset) + (i - d->ncells_first);
}

/*
 * Unpack a stored value into its format and flat values.  The format names
 * the grid: its cells are the struct's cells in grid order, then the amount;
 * stored blanks become GI_BLANK.  Only the bytes the format uses are read.
 */
void
gi_unpack(GiFigKind kind, const void *fig, GiValues *out)
{
	const GiKindDesc *d = gi_kind(kind);
	const GiGrid *g;

	out->format = gi_fig_format(kind, fig);
	g = gi_grid(kind, out->format);
	for (int i = 0; i < g->ncells; i++)
	{
		int32		c = *cell_at(d, fig, i);

		out->v[i] = c == (g->is_signed[i] ? GI_SIGNED_BLANK : GI_CELL_BLANK) ? GI_BLANK : c;
	}
	if (g->amount_index >= 0)
	{
		int64		a = *(const int64 *) ((const char *) fig + d->amount_offset);

		out->v[g->amount_index] = a == GI_CELL_BLANK ? GI_BLANK : a;
	}
}

/*
 * Pack checked flat values into a new zeroed on-disk value (cells the format
 * does not have stay 0, so that equal values are equal bytes).
 */
void *
gi_pack(GiFigKind kind, const GiValues *in)
{
	const GiKindDesc *d = gi_kind(kind);
	const GiGrid *g = gi_grid(kind, in->format);
	char	   *fig = palloc0(d->size);

	if (d->format_offset >= 0)
		*(int32 *) (fig + d->format_offset) = in->format;
	for (int i = 0; i < g->ncells; i++)
	{
		int64		v = in->v[i];

		*cell_at(d, fig, i) = v == GI_BLANK ? (g->is_signed[i] ? GI_SIGNED_BLANK : GI_CELL_BLANK) : (int32) v;
	}
	if (g->amount_index >= 0)
	{
		int64		a = in->v[g->amount_index];

		*(int64 *) (fig + d->amount_offset) = a == GI_BLANK ? GI_CELL_BLANK : a;
	}
	return fig;
}

/*
 * A new value of a format with 0 in every cell the format has and blank in
 * the others (the 2019 rows 3.6.2 and 3.6.3): a derivation's first state.
 */
void *
gi_new_zero(GiFigKind kind, int format)
{
	/* made once per kind and format (an aggregate makes one per group), then copied */
	static struct
	{
		GiFigKind	kind;
		int			format;
		void	   *value;
	}			made[8];
	static int	nmade = 0;
	size_t		size = gi_kind(kind)->size;
	void	   *res;

	for (int m = 0; m < nmade; m++)
		if (made[m].kind == kind && made[m].format == format)
			return memcpy(palloc(size), made[m].value, size);
	{
		const GiGrid *g = gi_grid(kind, format);
		GiValues	vals;
		MemoryContext old;

		gi_init_values(g, &vals);
		for (int i = 0; i < g->nrows; i++)
			for (int c = 0; c < g->rows[i].ncols; c++)
				vals.v[g->rows[i].first + c] = 0;
		if (nmade == lengthof(made))
			return gi_pack(kind, &vals);
		old = MemoryContextSwitchTo(TopMemoryContext);
		res = gi_pack(kind, &vals);
		MemoryContextSwitchTo(old);
		made[nmade].kind = kind;
		made[nmade].format = format;
		made[nmade].value = res;
		nmade++;
		return memcpy(palloc(size), res, size);
	}
}
