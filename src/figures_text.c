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
#include "soft_error.h"

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

/* Report a malformed literal (through escontext); false for the caller. */
static bool
report_syntax(const char *type_name, const char *str, const char *why, Node *escontext)
{
	errsave(escontext,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", type_name, str),
			 errdetail("%s", why),
			 errhint("Write [FORMAT|]ROW:V,V,...|ROW:V,..., e.g. '2021|1:1,0,0,0,0,0,1'.")));
	return false;
}

/*
 * Read an optional leading "FORMAT|" into *format; return where the rows
 * start, or NULL after reporting a bad format through escontext.
 */
static const char *
parse_format_prefix(GiFigKind kind, const char *str, const char *p, int *format, Node *escontext)
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
	{
		report_syntax(gi_grid(kind, GI_FORMAT_2021)->type_name, str, "The format is too long.", escontext);
		return NULL;
	}
	memcpy(name, p, q - p);
	name[q - p] = '\0';
	if ((*format = gi_parse_format_safe(name, escontext)) == 0)
		return NULL;
	q = skip_space(q);
	return *q == '|' ? q + 1 : q;
}

/*
 * Parse one row's values, "V,V,..." from p up to the next '|' or the end,
 * into out; set *next to where it stopped.  False after a soft error.
 */
static bool
parse_row_values(const GiGrid *g, const GiGridRow *r, const char *p, const char **next,
				 GiValues *out, Node *escontext)
{
	int			nvals = 0;

	for (;;)
	{
		const char *end = p;
		const char *tok = skip_space(p);

		while (*end != ',' && *end != '|' && *end != '\0')
			end++;
		if (nvals < r->ncols &&
			!gi_parse_value(g, r->first + nvals, tok, trimmed_len(tok, end), &out->v[r->first + nvals], escontext))
			return false;
		nvals++;
		p = end;
		if (*p != ',')
			break;
		p++;
	}
	*next = p;
	if (nvals != r->ncols)
		return gi_report_value_count(g, r, nvals, ERRCODE_INVALID_TEXT_REPRESENTATION, escontext);
	return true;
}

/*
 * Parse a text literal into format and values; every error is specific.  Bad
 * input is reported through escontext (a hard error when it is NULL) and
 * gives false.
 */
bool
gi_text_parse(GiFigKind kind, const char *str, GiValues *out, Node *escontext)
{
	const GiGrid *g;
	const char *p = skip_space(str);
	bool		seen[RF_ROWS] = {0};
	int			format;

	if (*p == '\0')
		return report_syntax(gi_grid(kind, GI_FORMAT_2021)->type_name, str, "The literal is empty.", escontext);
	if ((p = parse_format_prefix(kind, str, p, &format, escontext)) == NULL)
		return false;
	if ((g = gi_grid_safe(kind, format, escontext)) == NULL)
		return false;
	gi_init_values(g, out);

	while (*(p = skip_space(p)) != '\0')
	{
		const char *colon = p;
		char	   *code;
		const GiGridRow *r;

		while (*colon != ':' && *colon != '|' && *colon != '\0')
			colon++;
		if (*colon != ':')
			return report_syntax(g->type_name, str, "Each row is written as ROW:V,V,... and rows are separated by |.",
								 escontext);
		code = pnstrdup(p, trimmed_len(p, colon));
		if (code[0] == '\0')
			return report_syntax(g->type_name, str, "A row code is missing before \":\".", escontext);
		if ((r = gi_grid_row_safe(g, code, escontext)) == NULL)
			return false;
		if (seen[r - g->rows])
			return report_syntax(g->type_name, str, psprintf("Row \"%s\" appears twice.", code), escontext);
		seen[r - g->rows] = true;

		if (!parse_row_values(g, r, colon + 1, &p, out, escontext))
			return false;
		if (*p == '|')
		{
			p++;
			if (*skip_space(p) == '\0')
				return report_syntax(g->type_name, str, "The literal ends with \"|\" and no row after it.", escontext);
		}
	}
	return true;
}

/* The canonical text form of a value: format prefix, then every row. */
char *
gi_text_format(GiFigKind kind, const GiValues *vals)
{
	const GiGrid *g = gi_grid(kind, vals->format);
	StringInfoData buf;

	initStringInfo(&buf);
	if (gi_fig_has_format(kind))
	{
		gi_append_int64(&buf, vals->format);
		appendStringInfoChar(&buf, '|');
	}
	for (int i = 0; i < g->nrows; i++)
	{
		const GiGridRow *r = &g->rows[i];

		if (i > 0)
			appendStringInfoChar(&buf, '|');
		appendStringInfoString(&buf, r->row->code);
		appendStringInfoChar(&buf, ':');
		for (int c = 0; c < r->ncols; c++)
		{
			if (c > 0)
				appendStringInfoChar(&buf, ',');
			gi_append_value(&buf, g, r->first + c, vals->v[r->first + c]);
		}
	}
	return buf.data;
}
