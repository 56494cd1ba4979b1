/*
 * render.h — the report document: tables 二, 三 and 四 laid out as the official
 * template does (merged cells as rowspan/colspan), built once from the catalog
 * and the grids, and written out as HTML, Markdown or aligned text.
 *
 * Everything here works in UTF-8 (the catalog's encoding); the finished
 * document is converted to the database encoding once, at the end.
 */
#ifndef GOVINFO_RENDER_H
#define GOVINFO_RENDER_H

#include "lib/stringinfo.h"

#include "figures.h"

#define R_MAX_ROWS 48
#define R_MAX_COLS 16

/* One cell of a laid-out table; a cell covered by another's span has covered set. */
typedef struct RCell
{
	const char *text;			/* UTF-8; NULL is an empty (blank) cell */
	int			rowspan;
	int			colspan;
	bool		head;			/* a header or label cell (th) */
	bool		num;			/* a value cell (right-aligned) */
	bool		covered;		/* inside the span of a cell above or to the left */
	const char *code;			/* row or column code, for data-code (or NULL) */
} RCell;

typedef enum RRowKind
{
	RROW_HEAD,					/* a column header row */
	RROW_BODY,					/* a row of values with its label cells */
	RROW_CAPTION				/* a caption across the whole table (table 二's blocks) */
} RRowKind;

/* A table in the official layout. */
typedef struct RTable
{
	int			part;			/* 2, 3 or 4 */
	int			nrows;
	int			ncols;
	int			nstub;			/* leading label columns of body rows */
	RRowKind	kind[R_MAX_ROWS];
	const char *row_code[R_MAX_ROWS];	/* the catalog row of a body row, or NULL */
	RCell		cell[R_MAX_ROWS][R_MAX_COLS];
} RTable;

/* What a document needs: the report's figures and texts, all in UTF-8. */
typedef struct RDoc
{
	bool		english;
	const char *agency;
	const char *agency_code;
	int			year;
	int			format;
	const char *source;			/* entered, derived, imported */
	const char *published;		/* publication date, or NULL */
	const char *texts[3];		/* overview, problems, other_matters (NULL when missing) */
	bool		has[3];			/* figures present: disclosures, requests, appeals */
	GiValues	vals[3];
	RTable		tables[3];
	/* the last stored years, oldest first: year, new, carried, handled (GI_BLANK when blank) */
	int			nhist;
	int			hist_year[5];
	int64		hist[5][3];
} RDoc;

/* render_table.c */
extern void r_build_tables(RDoc *doc);
extern const char *r_section_heading(int format, int part, bool english);
extern const char *r_title(const RDoc *doc);
extern const char *r_intro(const RDoc *doc);
extern const char *r_source_line(const RDoc *doc);
extern const char *r_missing(const RDoc *doc);

/* render_html.c */
extern void r_html(StringInfo out, RDoc *doc);

/* render_text.c */
extern void r_markdown(StringInfo out, RDoc *doc);
extern void r_text(StringInfo out, RDoc *doc);
extern int	r_width(const char *utf8);

#endif
