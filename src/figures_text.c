/*
 * figures_text.c — the text form of the figures types:
 *
 *   [FORMAT|]ROW:V,V,...|ROW:V,...
 *
 * e.g. '2021|1:3,0,0,0,0,0,3|...' for request_figures or
 * 'review:0,1,0,0,1|suit:...' for appeal_figures.  A blank cell is an empty
 * value; a row left out is all blank; output always lists every row.
 */
#include "postgres.h"

#include "lib/stringinfo.h"

#include "figures.h"

/* Skip ASCII white space. */
static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* Length of [p, end) without trailing white space. */
static int
trimmed_len(const char *p, const char *end)
{
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	return (int) (end - p);
}

/* Raise the error for a malformed literal. */
static void
report_syntax(const char *type_name, const char *str, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", type_name, str),
			 errdetail("%s", why),
			 errhint("Write [FORMAT|]ROW:V,V,...|ROW:V,..., e.g. '2021|1:1,0,0,0,0,0,1'.")));
}

/* Read an optional leading "FORMAT|"; return where the rows start. */
static const char *
parse_format_prefix(GiFigKind kind, const char *str, const char *p, int *format)
{
	const char *q = p;
	char		name[16];

	*format = GI_FORMAT_2021;
	if (!gi_fig_has_format(kind))
		return p;
	while (isdigit((unsigned char) *q))
		q++;
	if (q == p || (*skip_space(q) != '|' && *skip_space(q) != '\0'))
		return p;				/* no prefix: the text starts with a row */
	if (q - p >= (long) sizeof(name))
		report_syntax(gi_grid(kind, GI_FORMAT_2021)->type_name, str, "The format is too long.");
	memcpy(name, p, q - p);
	name[q - p] = '\0';
	*format = gi_parse_format(name);
	q = skip_space(q);
	return *q == '|' ? q + 1 : q;
}

/* Parse a text literal into format and values; every error is specific. */
void
gi_text_parse(GiFigKind kind, const char *str, GiValues *out)
{
	const GiGrid *g;
	const char *p = skip_space(str);
	bool		seen[RF_ROWS] = {0};
	int			format;

	if (*p == '\0')
		report_syntax(gi_grid(kind, GI_FORMAT_2021)->type_name, str, "The literal is empty.");
	p = parse_format_prefix(kind, str, p, &format);
	g = gi_grid(kind, format);
	gi_init_values(g, out);

	while (*(p = skip_space(p)) != '\0')
	{
		const char *colon = p;
		char	   *code;
		const GiGridRow *r;
		int			nvals = 0;

		while (*colon != ':' && *colon != '|' && *colon != '\0')
			colon++;
		if (*colon != ':')
			report_syntax(g->type_name, str, "Each row is written as ROW:V,V,... and rows are separated by |.");
		code = pnstrdup(p, trimmed_len(p, colon));
		if (code[0] == '\0')
			report_syntax(g->type_name, str, "A row code is missing before \":\".");
		r = gi_grid_row(g, code);
		if (seen[r - g->rows])
			report_syntax(g->type_name, str, psprintf("Row \"%s\" appears twice.", code));
		seen[r - g->rows] = true;

		/* the row's values, up to the next '|' or the end */
		p = colon + 1;
		for (;;)
		{
			const char *end = p;
			const char *tok = skip_space(p);

			while (*end != ',' && *end != '|' && *end != '\0')
				end++;
			if (nvals < r->ncols)
				out->v[r->first + nvals] = gi_parse_value(g, r->first + nvals, tok, trimmed_len(tok, end));
			nvals++;
			p = end;
			if (*p != ',')
				break;
			p++;
		}
		if (nvals != r->ncols)
			gi_report_value_count(g, r, nvals, ERRCODE_INVALID_TEXT_REPRESENTATION);
		if (*p == '|')
		{
			p++;
			if (*skip_space(p) == '\0')
				report_syntax(g->type_name, str, "The literal ends with \"|\" and no row after it.");
		}
	}
}

/* The canonical text form of a value: format prefix, then every row. */
char *
gi_text_format(GiFigKind kind, const GiValues *vals)
{
	const GiGrid *g = gi_grid(kind, vals->format);
	StringInfoData buf;

	initStringInfo(&buf);
	if (gi_fig_has_format(kind))
		appendStringInfo(&buf, "%d|", vals->format);
	for (int i = 0; i < g->nrows; i++)
	{
		const GiGridRow *r = &g->rows[i];

		if (i > 0)
			appendStringInfoChar(&buf, '|');
		appendStringInfo(&buf, "%s:", r->row->code);
		for (int c = 0; c < r->ncols; c++)
		{
			if (c > 0)
				appendStringInfoChar(&buf, ',');
			gi_append_value(&buf, g, r->first + c, vals->v[r->first + c]);
		}
	}
	return buf.data;
}
