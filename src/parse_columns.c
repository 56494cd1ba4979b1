/*
 * parse_columns.c — the columns of a table printed by pdftotext -layout
 * (F4), told by position: where a row prints fewer numbers than the table has
 * columns (a blank cell printed as nothing), each number goes to the column
 * whose printed span it lines up with.  Positions are display columns of the
 * source line (a wide character, East Asian Width W or F in ICU, takes two;
 * every other character one), read in the document as given: normalization
 * changes widths (full-width digits become ASCII), so the token's place in the
 * normalized text is taken back to the source (gi_parse_source_offset).  The
 * spans of the columns come from the table's complete rows; a number that
 * overlaps no span, or more than one, or spans that overlap, tell nothing.
 */
#include "postgres.h"

#include "mb/pg_wchar.h"

#include <unicode/uchar.h>

#include "parse.h"

/* bytes of a source line beyond which positions are not read (pdftotext prints a few hundred columns) */
#define GI_COLUMNS_MAX_LINE 4096

/* The display width of the character at s (ASCII one, East Asian wide or full-width two). */
static int
char_width(const unsigned char *s)
{
	UChar32		c;
	int			w;

	if (*s < 0x80)
		return 1;
	c = (UChar32) utf8_to_unicode(s);
	w = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
	return (w == U_EA_WIDE || w == U_EA_FULLWIDTH) ? 2 : 1;
}

/* Whether a line break (gi_source_break_len) ends right before src[k]. */
static bool
break_ends_at(const char *src, int len, int k)
{
	return gi_source_break_len(src, len, k - 1) == 1 ||
		(k >= 2 && (unsigned char) src[k - 2] == 0xC2 && gi_source_break_len(src, len, k - 2) == 2) ||
		(k >= 3 && gi_source_break_len(src, len, k - 3) == 3);
}

/*
 * The display span [*from, *to) of the token in its source line and the
 * source offset where that line starts (*line); false when it cannot be told
 * (the line holds a tab, whose width depends on the viewer).
 */
bool
gi_token_span(const GiParse *p, const GiTok *t, int *from, int *to, int *line)
{
	int			a = t->s - p->text;
	int			sa,
				sb,
				k,
				col = 0;

	if (a < 0 || a + t->len > p->len)
		return false;
	sa = gi_parse_source_offset(p->src, p->srclen, &p->map, a);
	sb = gi_parse_source_offset(p->src, p->srclen, &p->map, a + t->len);
	if (sa < 0 || sb < sa || sb > p->srclen)
		return false;
	for (k = sa; k > 0 && !break_ends_at(p->src, p->srclen, k); k--)
		if (sa - k >= GI_COLUMNS_MAX_LINE)
			return false;		/* no printed line is that long: bound the work */
	*line = k;
	*from = -1;
	while (k < sb)
	{
		const unsigned char *c = (const unsigned char *) p->src + k;

		if (*c == '\t')
			return false;
		if (k >= sa && *from < 0)
			*from = col;
		col += char_width(c);
		k += gi_utf8_len(*c);
	}
	if (*from < 0)
		*from = col;
	*to = col;
	/* the rest of the line: a tab after the token shifts nothing, but a viewer's line is the same */
	for (k = sb; k < p->srclen && gi_source_break_len(p->src, p->srclen, k) == 0; k++)
		if (p->src[k] == '\t' || k - sb >= GI_COLUMNS_MAX_LINE)
			return false;
	return true;
}

/*
 * The column of a token [f, t) that overlaps no column's span but lies next
 * to one (extraction jitter): the nearest span when it is at most
 * GI_COLUMN_JITTER display columns away and every other span at least three
 * columns farther; else -1 (a number between two columns tells nothing).
 */
#define GI_COLUMN_JITTER 2
static int
nearest_span(const int *lo, const int *hi, int ncols, int f, int t)
{
	int			best = -1,
				d1 = PG_INT32_MAX,
				d2 = PG_INT32_MAX;

	for (int c = 0; c < ncols; c++)
	{
		int			d = t <= lo[c] ? lo[c] - t : f >= hi[c] ? f - hi[c] : 0;

		if (d < d1)
		{
			d2 = d1;
			d1 = d;
			best = c;
		}
		else if (d < d2)
			d2 = d;
	}
	if (best < 0 || d1 > GI_COLUMN_JITTER || (d2 != PG_INT32_MAX && d2 <= d1 + 2))
		return -1;
	return best;
}

/*
 * Place the n tokens of a short row (all on one line) into ncols columns by
 * position: refs holds nrefs complete rows of the same columns (ncols tokens
 * each, each row on one line), whose spans give each column's span (the union
 * over the rows).  col_of[i] gets the column of row[i].  False when the spans
 * overlap or are out of order, or a token overlaps no span or more than one,
 * or two tokens fall into one column.
 */
bool
gi_place_by_columns(const GiParse *p, GiTok **row, int n, GiTok ***refs, int nrefs, int ncols,
					int *col_of)
{
	int			lo[GI_MAX_GRID_COLS];
	int			hi[GI_MAX_GRID_COLS];
	int			line = -1;

	if (nrefs == 0 || ncols > GI_MAX_GRID_COLS || n <= 0 || n >= ncols)
		return false;
	for (int c = 0; c < ncols; c++)
	{
		lo[c] = PG_INT32_MAX;
		hi[c] = -1;
	}
	for (int r = 0; r < nrefs; r++)
		for (int c = 0; c < ncols; c++)
		{
			int			f,
						t,
						l;

			if (!gi_token_span(p, refs[r][c], &f, &t, &l))
				return false;
			lo[c] = Min(lo[c], f);
			hi[c] = Max(hi[c], t);
		}
	for (int c = 0; c + 1 < ncols; c++)
		if (hi[c] > lo[c + 1])
			return false;
	for (int i = 0; i < n; i++)
	{
		int			f,
					t,
					l,
					hit = -1;

		if (!gi_token_span(p, row[i], &f, &t, &l) || (line >= 0 && l != line))
			return false;
		line = l;
		for (int c = 0; c < ncols; c++)
			if (f < hi[c] && t > lo[c])
			{
				if (hit >= 0)
					return false;
				hit = c;
			}
		if (hit < 0)
			hit = nearest_span(lo, hi, ncols, f, t);
		if (hit < 0 || (i > 0 && hit <= col_of[i - 1]))
			return false;
		col_of[i] = hit;
	}
	return true;
}
