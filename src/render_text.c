/*
 * render_text.c — the report as Markdown (pipe tables) and as aligned text
 * for a fixed-width font, CJK characters counted as two columns by
 * PostgreSQL's own display width (pg_encoding_dsplen, i.e. ucs_wcwidth with
 * its East Asian wide and full-width table).
 *
 * Both flatten the merged cells of the official layout the same way, per
 * table segment (a caption across the table — table 二's blocks — starts a new
 * segment): the label columns of a row become one column, and a value column
 * is kept when some cell of the segment starts in it (so a value spanning the
 * rest of the row is one column).  Markdown repeats merged labels: a header is
 * the labels above the column joined with " / ", a row's label the labels
 * spanning it (its groups, then its own) joined with " / ".  Text prints a
 * header line per header row with spanning labels centred over their columns,
 * and each group label on a line of its own above its first row, indented by
 * its depth.
 */
#include "postgres.h"

#include "mb/pg_wchar.h"

#include "render.h"

/* The display width of UTF-8 text in a fixed-width font (CJK wide = 2). */
int
r_width(const char *s)
{
	int			w = 0;

	while (s && *s)
	{
		int			d = pg_encoding_dsplen(PG_UTF8, s);

		w += Max(d, 0);
		s += pg_utf_mblen((const unsigned char *) s);
	}
	return w;
}

/* The cell whose span covers (r, c), or NULL for a hole. */
static const RCell *
origin(const RTable *t, int r, int c)
{
	for (int rr = r; rr >= 0; rr--)
		for (int cc = c; cc >= 0; cc--)
		{
			const RCell *x = &t->cell[rr][cc];

			if (!x->covered && x->rowspan > 0 && rr + x->rowspan > r && cc + x->colspan > c)
				return x;
		}
	return NULL;
}

/* The segments of a table: [start, end) ranges of rows, each beginning at a caption or row 0. */
static int
segments(const RTable *t, int *start, int *end)
{
	int			n = 0;

	for (int r = 0; r < t->nrows; r++)
		if (r == 0 || t->kind[r] == RROW_CAPTION)
		{
			if (n > 0)
				end[n - 1] = r;
			start[n++] = r;
		}
	end[n - 1] = t->nrows;
	return n;
}

/* The value columns kept in a segment: those some cell of it starts in. */
static int
kept_columns(const RTable *t, int a, int b, int *cols)
{
	int			n = 0;

	for (int c = t->nstub; c < t->ncols; c++)
	{
		bool		starts = false;

		for (int r = a; r < b && !starts; r++)
			if (t->kind[r] != RROW_CAPTION && !t->cell[r][c].covered && t->cell[r][c].rowspan > 0)
				starts = true;
		if (starts)
			cols[n++] = c;
	}
	return n;
}

/* The distinct texts of the cells covering columns [c0, c1) of rows [r0, r1), joined with " / ". */
static char *
joined(const RTable *t, int r0, int r1, int c0, int c1)
{
	StringInfoData buf;
	const RCell *seen[R_MAX_ROWS * 2];
	int			nseen = 0;

	initStringInfo(&buf);
	for (int r = r0; r < r1; r++)
		for (int c = c0; c < c1; c++)
		{
			const RCell *x = origin(t, r, c);
			bool		dup = false;

			if (x == NULL || x->text == NULL || t->kind[r] == RROW_CAPTION)
				continue;
			for (int i = 0; i < nseen; i++)
				dup |= (seen[i] == x);
			if (dup || nseen == lengthof(seen))
				continue;
			seen[nseen++] = x;
			if (buf.len > 0)
				appendStringInfoString(&buf, " / ");
			appendStringInfoString(&buf, x->text);
		}
	return buf.data;
}

/* Append text for a Markdown table cell: pipes escaped, line breaks as spaces. */
static void
md_cell(StringInfo out, const char *s)
{
	appendStringInfoString(out, " ");
	for (; s && *s; s++)
	{
		if (*s == '|')
			appendStringInfoString(out, "\\|");
		else if (*s == '\n' || *s == '\r')
			appendStringInfoChar(out, ' ');
		else
			appendStringInfoChar(out, *s);
	}
	appendStringInfoString(out, " |");
}

/* One table as Markdown: a bold caption and a pipe table per segment. */
static void
md_table(StringInfo out, const RTable *t)
{
	int			start[R_MAX_ROWS],
				end[R_MAX_ROWS];
	int			nseg = segments(t, start, end);

	for (int s = 0; s < nseg; s++)
	{
		int			a = start[s],
					b = end[s];
		int			cols[R_MAX_COLS];
		int			ncols = kept_columns(t, a, b, cols);
		int			h0 = a,
					h1;

		if (t->kind[a] == RROW_CAPTION)
		{
			appendStringInfo(out, "**%s**\n\n", t->cell[a][0].text);
			h0 = a + 1;
		}
		for (h1 = h0; h1 < b && t->kind[h1] == RROW_HEAD; h1++)
			;
		appendStringInfoChar(out, '|');
		if (t->nstub > 0)
			md_cell(out, joined(t, h0, h1, 0, t->nstub));
		for (int i = 0; i < ncols; i++)
			md_cell(out, joined(t, h0, h1, cols[i], cols[i] + 1));
		appendStringInfoString(out, "\n|");
		if (t->nstub > 0)
			appendStringInfoString(out, " --- |");
		for (int i = 0; i < ncols; i++)
			appendStringInfoString(out, " ---: |");
		appendStringInfoChar(out, '\n');
		for (int r = h1; r < b; r++)
		{
			appendStringInfoChar(out, '|');
			if (t->nstub > 0)
				md_cell(out, joined(t, r, r + 1, 0, t->nstub));
			for (int i = 0; i < ncols; i++)
			{
				const RCell *x = &t->cell[r][cols[i]];

				md_cell(out, x->covered ? NULL : x->text);
			}
			appendStringInfoChar(out, '\n');
		}
		appendStringInfoChar(out, '\n');
	}
}

/* Append s and pad it with spaces to display width w (right-aligned when right). */
static void
pad(StringInfo out, const char *s, int w, bool right)
{
	int			n = w - r_width(s);

	if (right)
		appendStringInfoSpaces(out, Max(n, 0));
	if (s)
		appendStringInfoString(out, s);
	if (!right)
		appendStringInfoSpaces(out, Max(n, 0));
}

/* Append s centred in display width w. */
static void
centre(StringInfo out, const char *s, int w)
{
	int			n = Max(w - r_width(s), 0);

	appendStringInfoSpaces(out, n / 2);
	if (s)
		appendStringInfoString(out, s);
	appendStringInfoSpaces(out, n - n / 2);
}

/* Drop trailing spaces of the line being written (from position from). */
static void
trim_line(StringInfo out, int from)
{
	while (out->len > from && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
	appendStringInfoChar(out, '\n');
}

/* The kept columns [i, j) a cell starting at kept column i spans. */
static int
kept_span(const int *cols, int ncols, int i, const RCell *x)
{
	int			j = i;

	while (j < ncols && cols[j] < cols[i] + x->colspan)
		j++;
	return j;
}

/* One table as aligned text, segment by segment. */
static void
text_table(StringInfo out, const RTable *t)
{
	int			start[R_MAX_ROWS],
				end[R_MAX_ROWS];
	int			nseg = segments(t, start, end);

	for (int s = 0; s < nseg; s++)
	{
		int			a = start[s],
					b = end[s];
		int			cols[R_MAX_COLS],
					width[R_MAX_COLS] = {0};
		int			ncols = kept_columns(t, a, b, cols);
		int			stub = 0,
					total,
					h0 = a;

		if (t->kind[a] == RROW_CAPTION)
		{
			appendStringInfo(out, "%s\n", t->cell[a][0].text);
			h0 = a + 1;
		}
		/* widths: labels with their indentation, values, headers over one column, then wider headers */
		for (int r = h0; r < b; r++)
			for (int c = 0; c < t->nstub; c++)
			{
				const RCell *x = &t->cell[r][c];

				if (!x->covered && x->rowspan > 0 && x->text)
					stub = Max(stub, (t->kind[r] == RROW_BODY ? 2 * c : 0) + r_width(x->text));
			}
		for (int pass = 0; pass < 2; pass++)
			for (int r = h0; r < b; r++)
				for (int i = 0; i < ncols; i++)
				{
					const RCell *x = &t->cell[r][cols[i]];
					int			j,
								have;

					if (x->covered || x->rowspan == 0)
						continue;
					j = kept_span(cols, ncols, i, x);
					if ((j - i == 1) != (pass == 0))
						continue;
					have = 2 * (j - i - 1);
					for (int k = i; k < j; k++)
						have += width[k];
					if (r_width(x->text) > have)
						width[j - 1] += r_width(x->text) - have;
				}
		total = stub;
		for (int i = 0; i < ncols; i++)
			total += width[i] + (t->nstub > 0 || i > 0 ? 2 : 0);

		for (int r = h0; r < b; r++)
		{
			int			line = out->len;

			if (t->kind[r] == RROW_HEAD)
			{
				const RCell *x = t->nstub > 0 ? &t->cell[r][0] : NULL;

				pad(out, x && !x->covered ? x->text : NULL, stub, false);
				for (int i = 0; i < ncols;)
				{
					const RCell *y = &t->cell[r][cols[i]];
					int			j = (y->covered || y->rowspan == 0) ? i + 1 : kept_span(cols, ncols, i, y);
					int			w = 2 * (j - i - 1);

					for (int k = i; k < j; k++)
						w += width[k];
					if (t->nstub > 0 || i > 0)
						appendStringInfoSpaces(out, 2);
					centre(out, (y->covered || y->rowspan == 0) ? NULL : y->text, w);
					i = j;
				}
				trim_line(out, line);
				if (r + 1 == b || t->kind[r + 1] != RROW_HEAD)
				{
					for (int k = 0; k < total; k++)
						appendStringInfoChar(out, '-');
					appendStringInfoChar(out, '\n');
				}
				continue;
			}
			/* a body row: first the groups that start here, each on a line of its own */
			for (int c = 0; c < t->nstub; c++)
			{
				const RCell *x = &t->cell[r][c];

				if (!x->covered && x->rowspan > 1)
				{
					appendStringInfoSpaces(out, 2 * c);
					appendStringInfo(out, "%s\n", x->text);
				}
			}
			line = out->len;
			for (int c = t->nstub - 1; c >= 0; c--)
			{
				const RCell *x = &t->cell[r][c];

				if (!x->covered && x->rowspan == 1)
				{
					appendStringInfoSpaces(out, 2 * c);
					pad(out, x->text, stub - 2 * c, false);
					break;
				}
			}
			for (int i = 0; i < ncols; i++)
			{
				const RCell *x = &t->cell[r][cols[i]];

				if (t->nstub > 0 || i > 0)
					appendStringInfoSpaces(out, 2);
				pad(out, x->covered ? NULL : x->text, width[i], true);
			}
			trim_line(out, line);
		}
		appendStringInfoChar(out, '\n');
	}
}

/* Stored text: Markdown paragraphs (blank line between lines) or text lines. */
static void
plain_text(StringInfo out, const RDoc *doc, const char *text, bool markdown)
{
	const char *p = text;

	if (text == NULL || *text == '\0')
	{
		appendStringInfo(out, "%s\n\n", r_missing(doc));
		return;
	}
	while (*p)
	{
		const char *e = strchr(p, '\n');
		int			len = e ? e - p : (int) strlen(p);

		if (strspn(p, " \t\r") < (size_t) len)
			appendStringInfo(out, "%.*s\n%s", len, p, markdown ? "\n" : "");
		p += len + (e ? 1 : 0);
	}
	if (!markdown)
		appendStringInfoChar(out, '\n');
}

/*
 * The six parts, each under its heading: the text parts as text, the tables by
 * write_table; then the output ends with one newline.
 */
static void
r_parts(StringInfo out, RDoc *doc, const char *heading_format, bool markdown,
		void (*write_table) (StringInfo, const RTable *))
{
	for (int part = 1; part <= 6; part++)
	{
		appendStringInfo(out, heading_format, r_section_heading(doc->format, part, doc->english));
		if (part == 1 || part >= 5)
			plain_text(out, doc, doc->texts[part == 1 ? 0 : part - 4], markdown);
		else
		{
			if (!doc->has[part - 2])
				appendStringInfo(out, "%s\n\n", r_missing(doc));
			write_table(out, &doc->tables[part - 2]);
		}
	}
	while (out->len > 1 && out->data[out->len - 1] == '\n' && out->data[out->len - 2] == '\n')
		out->data[--out->len] = '\0';
}

/* The report as Markdown. */
void
r_markdown(StringInfo out, RDoc *doc)
{
	appendStringInfo(out, "# %s\n\n*%s*\n\n%s\n\n", r_title(doc), r_source_line(doc), r_intro(doc));
	r_parts(out, doc, "## %s\n\n", true, md_table);
}

/* The report as aligned text. */
void
r_text(StringInfo out, RDoc *doc)
{
	const char *title = r_title(doc);
	int			w = r_width(title);

	appendStringInfo(out, "%s\n", title);
	for (int i = 0; i < w; i++)
		appendStringInfoChar(out, '=');
	appendStringInfo(out, "\n%s\n\n%s\n\n", r_source_line(doc), r_intro(doc));
	r_parts(out, doc, "%s\n\n", false, text_table);
}
