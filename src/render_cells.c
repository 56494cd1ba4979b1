/*
 * render_cells.c — govinfo.cells(figures): every cell of a figures value as a
 * row (part, row, column, labels, value, blank), for the report_cells view
 * that dashboards read; and govinfo.part_heading(), the official heading of
 * each of the six parts.
 *
 * The labels of a cell ("row label / column label") are built once per
 * backend for each kind, layout and value index and kept as text datums.
 */
#include "postgres.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "kinds.h"
#include "encoding.h"
#include "render.h"

/* the labels of every value of every layout, built on first use: [kind][layout][index][zh, en] */
static text *cell_labels[GI_NKINDS][GI_MAX_LAYOUTS][GI_MAX_VALUES][2];

/* The layout slot of a grid within its kind. */
static int
layout_slot(const GiGrid *g)
{
	const GiKindDesc *d = gi_kind(g->kind);

	for (int li = 0; li < d->nlayouts; li++)
		if (d->layouts[li].format == g->format)
			return li;
	return 0;
}

/* The label of one value: "row label / column label", in the database encoding. */
static text *
cell_label(const GiGrid *g, const GiGridRow *gr, int c, bool english)
{
	text	  **slot = &cell_labels[g->kind][layout_slot(g)][gr->first + c][english ? 1 : 0];

	if (*slot == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		*slot = cstring_to_text(psprintf("%s / %s", gi_row_label(gr->row, english),
										 gi_column_label(gr->cols[c], english)));
		MemoryContextSwitchTo(old);
	}
	return *slot;
}

/* Emit every cell of a figures value. */
static Datum
cells_srf(FunctionCallInfo fcinfo, GiFigKind kind)
{
	ReturnSetInfo *rsinfo;
	GiValues	vals;
	const GiGrid *g;

	gi_unpack(kind, PG_GETARG_POINTER(0), &vals);
	g = gi_layout_grid(kind, vals.format);
	if (g == NULL)
		g = gi_grid(kind, vals.format);	/* raises the error of an unknown format */
	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	for (int r = 0; r < g->nrows; r++)
	{
		const GiGridRow *gr = &g->rows[r];

		for (int c = 0; c < gr->ncols; c++)
		{
			int			idx = gr->first + c;
			Datum		values[7];
			bool		nulls[7] = {0};
			bool		blank;

			values[0] = Int32GetDatum(g->part);
			values[1] = CStringGetTextDatum(gr->row->code);
			values[2] = (kind == GI_FIG_APPEAL)
				? CStringGetTextDatum(psprintf("%s.%s", gr->row->code, gr->cols[c]->code))
				: CStringGetTextDatum(gr->cols[c]->code);
			values[3] = PointerGetDatum(cell_label(g, gr, c, false));
			values[4] = PointerGetDatum(cell_label(g, gr, c, true));
			values[5] = gi_value_as(NUMERICOID, g, idx, vals.v[idx], &blank);
			nulls[5] = blank;
			values[6] = BoolGetDatum(blank);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(disclosure_cells);
/* cells(disclosure_figures) */
Datum
disclosure_cells(PG_FUNCTION_ARGS)
{
	return cells_srf(fcinfo, GI_FIG_DISCLOSURE);
}

PG_FUNCTION_INFO_V1(request_cells);
/* cells(request_figures) */
Datum
request_cells(PG_FUNCTION_ARGS)
{
	return cells_srf(fcinfo, GI_FIG_REQUEST);
}

PG_FUNCTION_INFO_V1(appeal_cells);
/* cells(appeal_figures) */
Datum
appeal_cells(PG_FUNCTION_ARGS)
{
	return cells_srf(fcinfo, GI_FIG_APPEAL);
}

PG_FUNCTION_INFO_V1(part_heading);
/* part_heading(format text, part integer, lang text): the official heading of part 1-6. */
Datum
part_heading(PG_FUNCTION_ARGS)
{
	int			format = gi_parse_format(text_to_cstring(PG_GETARG_TEXT_PP(0)));
	int			part = PG_GETARG_INT32(1);
	bool		english = gi_lang_is_english(text_to_cstring(PG_GETARG_TEXT_PP(2)));

	if (part < 1 || part > 6)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("part %d of an annual report does not exist", part),
				 errhint("A report has parts 1 to 6.")));
	PG_RETURN_TEXT_P(cstring_to_text(gi_zh(r_section_heading(format, part, english))));
}
