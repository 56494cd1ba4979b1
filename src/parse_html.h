/*
 * parse_html.h — the HTML reader of the published-report parser (family F7).
 *
 * A page, a fragment, or HTML inside a JavaScript string literal (or a JSON dump) is read through
 * libxml2's HTML parser into the text outside tables and the leaf tables as grids, rowspan and
 * colspan resolved.  Everything is palloc'd in the current memory context; libxml2's document is
 * freed before returning, on every path, and its parser context is kept (reset) for the backend's
 * next document.  Input is UTF-8.
 */
#ifndef GOVINFO_PARSE_HTML_H
#define GOVINFO_PARSE_HTML_H

#include "lib/stringinfo.h"

/* Limits: a table keeps at most this many rows and columns, and this many grid positions; a
 * document at most GI_HTML_MAX_DOC_CELLS positions over all its tables.  Rows, columns and spans
 * beyond them are cut (GiHtmlTable.clipped). */
#define GI_HTML_MAX_ROWS		10000
#define GI_HTML_MAX_COLS		256
#define GI_HTML_MAX_CELLS		262144
#define GI_HTML_MAX_DOC_CELLS	1048576

typedef struct GiHtmlCell
{
	const char *text;			/* the cell's text, UTF-8: entities decoded, <br>/<p>/block ends as
								 * a space, whitespace (incl. U+00A0, U+3000) collapsed and trimmed;
								 * "" for an empty cell (&nbsp; only) and for a position no cell
								 * reaches (a short row: from_row = from_col = -1). NULL when
								 * covered. */
	bool		covered;		/* position covered by the rowspan/colspan of the cell at
								 * (from_row, from_col) */
	int			from_row;
	int			from_col;
} GiHtmlCell;

typedef struct GiHtmlTable
{
	int			nrows;
	int			ncols;
	GiHtmlCell *cells;			/* nrows * ncols, row-major */
	bool		clipped;		/* rows, columns or spans were cut to the limits above */
} GiHtmlTable;

typedef struct GiHtmlDoc
{
	char	   *text;			/* the text of the page outside tables, UTF-8, in reading order,
								 * one block (p, div, h1–h6, li, br, tr of a layout table) per line;
								 * each data table's place is one line "\x1ETABLE n" (0-based n) */
	int			ntables;
	GiHtmlTable *tables;		/* the tables that contain no other table (leaf tables), document
								 * order */
} GiHtmlDoc;

/* The marker byte that starts a table's line in GiHtmlDoc.text. */
#define GI_HTML_TABLE_MARK '\x1E'

/* Whether a document is HTML (a page, a fragment, or HTML inside a JS string literal). */
extern bool gi_html_detect(const char *doc, int len);

/* Read an HTML document (UTF-8) into text and tables; palloc'd in the current context. */
extern GiHtmlDoc *gi_html_read(const char *doc, int len);

/* Internal to the reader (parse_html_js.c): HTML inside JavaScript or JSON string literals. */
extern char *gi_html_js_markup(const char *js, int len, int *outlen, StringInfo plain);
extern bool gi_html_is_script(const char *doc, int len);

/* Internal to the reader (parse_html_strip.c): doc without the attributes it does not read. */
extern int	gi_html_strip_attributes(const char *doc, int len, char *out);

#endif							/* GOVINFO_PARSE_HTML_H */
