/*
 * parse_pdf.c — F5, pdftotext in reading order: when the values of a table
 * do not line up with its labels (numbers before their label, group labels
 * out of order), the values are assigned by the catalog's order and the count
 * of cells, and the assignment is kept only when the balancing rules prove
 * it; otherwise the caller leaves the table blank and flags it.
 */
#include "postgres.h"

#include "kinds.h"
#include "parse.h"
#include "rules.h"

/* Whether values satisfy every rule of their kind (a kind without rules proves nothing). */
bool
gi_values_prove(GiFigKind kind, const GiValues *vals)
{
	void	   *fig;
	bool		ok;

	if (gi_kind(kind)->rules == NULL)
		return false;
	fig = gi_pack(kind, vals);
	ok = gi_is_balanced(kind, fig);
	pfree(fig);
	return ok;
}

/*
 * Assign n values in reading order to the cells of (kind, format), row by
 * row in the catalog's order; true when the count is exactly the table's and
 * the rules prove the result.
 */
bool
gi_assign_in_order(GiParse *p, GiFigKind kind, int format, const int64 *v, int n, GiValues *out)
{
	const GiGrid *g = gi_layout_grid(kind, format);
	int			cells = 0;
	int			k = 0;

	for (int i = 0; i < g->nrows; i++)
		cells += g->rows[i].ncols;
	if (n != cells)
		return false;
	gi_init_values(g, out);
	out->format = format;
	for (int i = 0; i < g->nrows; i++)
		for (int c = 0; c < g->rows[i].ncols; c++)
			out->v[g->rows[i].first + c] = v[k++];
	if (!gi_values_prove(kind, out))
	{
		gi_init_values(g, out);
		out->format = format;
		return false;
	}
	return true;
}
