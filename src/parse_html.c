/*
 * parse_html.c — the HTML reader of the published-report parser (family F7).
 *
 * libxml2's HTML parser (recovering, silent, no network, the meta charset ignored: the input is
 * UTF-8) builds a tree; two iterative walks over it (no recursion, whatever the depth) then
 *   1. mark every element that contains a table (a table inside it, or a script whose string
 *      literals carry one), so that the leaf tables — those containing no other table — are known;
 *   2. write the text outside the leaf tables, one block per line, with a "\x1ETABLE n" line in
 *      each leaf table's place, and read each leaf table into a grid: rows from <tr> (cells
 *      outside any <tr> make an implied row), rowspan/colspan resolved as HTML does (a cell takes
 *      the first free position; spans stop at the end of their row group; overlapping spans keep
 *      the first cell), then the columns where no cell starts (ghosts of oversized colspans)
 *      dropped.  Rows, columns and grid positions are capped (parse_html.h), so memory and time
 *      stay linear in the input.
 * Scripts, styles and similar are dropped, except that HTML carried in a script's string
 * literals is read in the script's place (parse_html_js.c), two levels deep at most.
 *
 * libxml2 reads the page without the attributes the reader does not use (parse_html_strip.c).
 * libxml2 allocates with malloc: its document is freed on every path (PG_FINALLY); its parser
 * context is kept for the backend's next document, reset (its copy of the document freed), or
 * freed when it grew too big or was made for a nested read.  libxml2 itself never raises a
 * PostgreSQL error, so an error can only come from the walks, after the parse: the context is
 * then in the same state as after a good document.  Its errors go to a handler of this parser
 * context that discards them; the global handlers PostgreSQL's xml.c installs while it works are
 * neither used nor changed.
 */
#include "postgres.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"

#include "parse_html.h"

#define HTML_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
					  HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT | \
					  HTML_PARSE_NODEFDTD)

/* HTML inside script literals is read at most this many levels deep */
#define MAX_EMBED_DEPTH 2

/* what an element is to the reader */
typedef enum TagKind
{
	K_INLINE = 0,				/* its text flows on */
	K_APART,					/* inline, but its text is set apart by spaces (sup, sub) */
	K_BLOCK,					/* a line of its own */
	K_BR,						/* a line break */
	K_PRE,						/* a block whose line breaks are kept */
	K_DROP,						/* dropped with its content */
	K_SCRIPT,					/* dropped, but HTML in its literals is read */
	K_TABLE,
	K_SECTION,					/* thead, tbody, tfoot: a row group */
	K_TR,
	K_CELL,						/* td, th */
	K_CAPTION
} TagKind;

typedef struct TagName
{
	const char *name;
	TagKind		kind;
} TagName;

/* sorted by name, for bsearch; the HTML parser gives names in lower case */
static const TagName tag_names[] = {
	{"address", K_BLOCK}, {"applet", K_DROP}, {"article", K_BLOCK}, {"aside", K_BLOCK},
	{"blockquote", K_BLOCK}, {"body", K_BLOCK}, {"br", K_BR}, {"button", K_DROP},
	{"canvas", K_DROP}, {"caption", K_CAPTION}, {"center", K_BLOCK}, {"dd", K_BLOCK},
	{"details", K_BLOCK}, {"dialog", K_BLOCK}, {"dir", K_BLOCK}, {"div", K_BLOCK},
	{"dl", K_BLOCK}, {"dt", K_BLOCK}, {"embed", K_DROP}, {"fieldset", K_BLOCK},
	{"figcaption", K_BLOCK}, {"figure", K_BLOCK}, {"footer", K_BLOCK}, {"form", K_BLOCK},
	{"frameset", K_DROP}, {"h1", K_BLOCK}, {"h2", K_BLOCK}, {"h3", K_BLOCK}, {"h4", K_BLOCK},
	{"h5", K_BLOCK}, {"h6", K_BLOCK}, {"head", K_BLOCK}, {"header", K_BLOCK},
	{"hgroup", K_BLOCK}, {"hr", K_BR}, {"html", K_BLOCK}, {"iframe", K_DROP},
	{"input", K_DROP}, {"legend", K_BLOCK}, {"li", K_BLOCK}, {"listing", K_PRE},
	{"main", K_BLOCK}, {"map", K_DROP}, {"math", K_DROP}, {"menu", K_BLOCK},
	{"nav", K_BLOCK}, {"noembed", K_DROP}, {"noframes", K_DROP}, {"noscript", K_DROP},
	{"object", K_DROP}, {"ol", K_BLOCK}, {"option", K_DROP}, {"p", K_BLOCK},
	{"plaintext", K_PRE}, {"pre", K_PRE}, {"script", K_SCRIPT}, {"section", K_BLOCK},
	{"select", K_DROP}, {"style", K_DROP}, {"sub", K_APART}, {"summary", K_BLOCK},
	{"sup", K_APART}, {"svg", K_DROP},
	{"table", K_TABLE}, {"tbody", K_SECTION}, {"td", K_CELL}, {"template", K_DROP},
	{"textarea", K_DROP}, {"tfoot", K_SECTION}, {"th", K_CELL}, {"thead", K_SECTION},
	{"title", K_DROP}, {"tr", K_TR}, {"ul", K_BLOCK}, {"xmp", K_PRE},
};

/* The HTML in a script's literals, kept in the script node's _private by the marking walk. */
typedef struct ScriptHtml
{
	char	   *html;			/* NULL: none */
	int			len;
	bool		has_table;
} ScriptHtml;

/* the low bit of _private of an element other than a script: it contains a table */
#define HAS_TABLE 1

/*
 * Text being written: whitespace runs become one space, none at the start or end of a line (of
 * a cell in cell mode, where a line break is a space too); empty lines are not written.
 */
typedef struct Out
{
	StringInfo	buf;
	bool		bol;			/* at the start of a line (or of the cell) */
	bool		space;			/* a space is due before the next character */
	bool		cell;			/* cell mode */
} Out;

/* One cell of a table being read. */
typedef struct SrcCell
{
	xmlNode    *node;
	int			row;
	int			rowspan;		/* 0: to the end of the row group */
	int			colspan;
	int			col;			/* where it was placed; -1: dropped (beyond the limits) */
	int			text;			/* offset of its text in the table's text buffer */
} SrcCell;

typedef struct Reader
{
	Out			doc;
	StringInfoData text;
	GiHtmlTable *tables;
	int			ntables;
	int			maxtables;
	long		cells_used;		/* grid positions of the tables so far */
	int			depth;			/* embedding level of the document being walked */
	int			pre;			/* inside this many <pre> */
} Reader;

/* Order tag names for bsearch. */
static int
tag_cmp(const void *key, const void *elem)
{
	return strcmp((const char *) key, ((const TagName *) elem)->name);
}

/* What an element name is to the reader. */
static TagKind
lookup_kind(const xmlChar *name)
{
	const TagName *t;

	if (name == NULL)
		return K_INLINE;
	t = bsearch(name, tag_names, lengthof(tag_names), sizeof(TagName), tag_cmp);
	return t ? t->kind : K_INLINE;
}

/*
 * What an element is to the reader, as the marking walk recorded it in _private: a ScriptHtml
 * pointer for a script, else the kind shifted left by one with HAS_TABLE in the low bit.
 */
static inline TagKind
tag_kind(const xmlNode *n)
{
	uintptr_t	v = (uintptr_t) n->_private;

	return v >= 4096 ? K_SCRIPT : (TagKind) (v >> 1);
}

/* Whether an element (not a script) contains a table, as the marking walk found. */
static inline bool
has_table(const xmlNode *n)
{
	uintptr_t	v = (uintptr_t) n->_private;

	return v < 4096 && (v & HAS_TABLE) != 0;
}

/* A structured-error handler that discards libxml2's errors and warnings. */
static void
discard_error(void *ctx,
#if LIBXML_VERSION >= 21200
			  const xmlError *error
#else
			  xmlErrorPtr error
#endif
)
{
}

/* Start writing into buf. */
static void
out_init(Out *o, StringInfo buf, bool cell)
{
	o->buf = buf;
	o->bol = true;
	o->space = false;
	o->cell = cell;
}

/* End the current line (a space in cell mode). */
static void
out_break(Out *o)
{
	if (o->cell)
	{
		o->space = true;
		return;
	}
	if (!o->bol)
		appendStringInfoChar(o->buf, '\n');
	o->bol = true;
	o->space = false;
}

/* The length of the Unicode space (U+00A0, U+3000, U+2000–U+200B, …) at s, or 0. */
static inline int
unicode_space(const unsigned char *s, int len)
{
	if (s[0] == 0xC2 && len >= 2)
		return (s[1] == 0xA0 || s[1] == 0x85) ? 2 : 0;
	if (len < 3)
		return 0;
	if (s[0] == 0xE3)
		return (s[1] == 0x80 && s[2] == 0x80) ? 3 : 0;
	if (s[0] == 0xE2 && s[1] == 0x80)
		return (s[2] <= 0x8B || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF) ? 3 : 0;
	if (s[0] == 0xE2 && s[1] == 0x81)
		return (s[2] == 0x9F || s[2] == 0xA0) ? 3 : 0;
	if (s[0] == 0xEF)
		return (s[1] == 0xBB && s[2] == 0xBF) ? 3 : 0;
	return 0;
}

/* Write text: whitespace (and control characters) collapsed; in <pre>, line breaks kept. */
static void
out_text(Out *o, const unsigned char *s, int len, bool pre)
{
	int			i = 0;

	while (i < len)
	{
		unsigned char c = s[i];
		int			n;

		if (c < 0x80)
		{
			if (c > 0x20 && c != 0x7F)
			{
				/* a run of visible ASCII */
				n = 1;
				while (i + n < len && s[i + n] > 0x20 && s[i + n] < 0x7F)
					n++;
			}
			else
			{
				if (c == '\n' && pre)
					out_break(o);
				else
					o->space = true;
				i++;
				continue;
			}
		}
		else if ((n = unicode_space(s + i, len - i)) > 0)
		{
			o->space = true;
			i += n;
			continue;
		}
		else
		{
			n = pg_utf_mblen(s + i);
			if (n > len - i)
				n = len - i;
		}
		if (o->space && !o->bol)
			appendStringInfoChar(o->buf, ' ');
		appendBinaryStringInfo(o->buf, (const char *) s + i, n);
		o->bol = false;
		o->space = false;
		i += n;
	}
}

/*
 * Write a NUL-terminated string (libxml2 content), without the downlevel-revealed conditional
 * comments of Word's HTML (<![if !supportLists]>, <![endif]>) that the HTML parser leaves as text.
 */
static void
out_content(Out *o, const xmlChar *s, bool pre)
{
	const char *p = (const char *) s;
	const char *cond;

	if (p == NULL)
		return;
	while ((cond = strstr(p, "<![")) != NULL)
	{
		const char *end = strstr(cond + 3, "]>");

		if (end == NULL)
			break;
		out_text(o, (const unsigned char *) p, cond - p, pre);
		p = end + 2;
	}
	out_text(o, (const unsigned char *) p, strlen(p), pre);
}

/* Whether a walk should go into a node's children: elements and documents only. */
static inline bool
has_walkable_children(const xmlNode *n)
{
	return n->children != NULL &&
		(n->type == XML_ELEMENT_NODE || n->type == XML_DOCUMENT_NODE ||
		 n->type == XML_HTML_DOCUMENT_NODE);
}

/*
 * Walk the subtree of top in document order without recursion: enter(n) is called on every node
 * reached (its children are visited when it returns true), leave(n) after its children.
 */
static void
walk(xmlNode *top, bool (*enter) (void *, xmlNode *), void (*leave) (void *, xmlNode *), void *arg)
{
	xmlNode    *n = top;

	while (n != NULL)
	{
		if (enter(arg, n) && has_walkable_children(n))
		{
			n = n->children;
			continue;
		}
		leave(arg, n);
		while (n != top && n->next == NULL)
		{
			n = n->parent;
			leave(arg, n);
		}
		if (n == top)
			break;
		n = n->next;
	}
}

/* The text of a script element: its text and CDATA children. */
static void
script_source(xmlNode *script, StringInfo out)
{
	for (xmlNode *c = script->children; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
			appendStringInfoString(out, (const char *) c->content);
}

/* Whether s holds "<table" in any case. */
static bool
has_table_tag(const char *s, int len)
{
	for (int i = 0; i + 6 <= len; i++)
		if (s[i] == '<' && pg_strncasecmp(s + i + 1, "table", 5) == 0)
			return true;
	return false;
}

/* Marking walk, going in: record each element's kind, read the HTML of scripts; skip dropped elements. */
static bool
mark_enter(void *arg, xmlNode *n)
{
	Reader	   *r = (Reader *) arg;
	TagKind		k;

	if (n->type != XML_ELEMENT_NODE)
		return true;
	k = lookup_kind(n->name);
	if (k == K_SCRIPT)
	{
		ScriptHtml *sh = palloc0(sizeof(ScriptHtml));
		StringInfoData src;

		n->_private = sh;
		if (r->depth >= MAX_EMBED_DEPTH)
			return false;
		initStringInfo(&src);
		script_source(n, &src);
		sh->html = gi_html_js_markup(src.data, src.len, &sh->len, NULL);
		sh->has_table = sh->html != NULL && has_table_tag(sh->html, sh->len);
		pfree(src.data);
		return false;
	}
	n->_private = (void *) ((uintptr_t) k << 1);
	return k != K_DROP;
}

/* Marking walk, going out: a table, or what contains one, marks its parent. */
static void
mark_leave(void *arg, xmlNode *n)
{
	TagKind		k;
	bool		table;

	if (n->type != XML_ELEMENT_NODE || n->parent == NULL || n->parent->type != XML_ELEMENT_NODE)
		return;
	k = tag_kind(n);
	if (k == K_SCRIPT)
		table = ((ScriptHtml *) n->_private)->has_table;
	else
		table = k == K_TABLE || has_table(n);
	if (table && k != K_DROP)
		n->parent->_private = (void *) ((uintptr_t) n->parent->_private | HAS_TABLE);
}

/* Cell text walk, going in: text written; blocks and line breaks are spaces. */
static bool
cell_enter(void *arg, xmlNode *n)
{
	Out		   *o = (Out *) arg;
	TagKind		k;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
	{
		out_content(o, n->content, false);
		return false;
	}
	if (n->type != XML_ELEMENT_NODE)
		return false;
	k = tag_kind(n);
	if (k == K_DROP || k == K_SCRIPT)
		return false;
	/* a sup or sub after the cell's text is a footnote mark (12<sup>1</sup>), not digits of it */
	if (k == K_APART && !o->bol)
		return false;
	if (k != K_INLINE)
		o->space = true;
	return true;
}

/* Cell text walk, going out: a block ends with a space. */
static void
cell_leave(void *arg, xmlNode *n)
{
	Out		   *o = (Out *) arg;

	if (n->type == XML_ELEMENT_NODE && tag_kind(n) != K_INLINE)
		o->space = true;
}

/* Write the text of a node's subtree into o (cell mode). */
static void
node_text(xmlNode *node, Out *o)
{
	for (xmlNode *c = node->children; c != NULL; c = c->next)
		walk(c, cell_enter, cell_leave, o);
}

/* A non-negative integer attribute of an element (rowspan, colspan), or dflt when absent or not a number. */
static int
int_attr(xmlNode *n, const char *name, int dflt)
{
	for (xmlAttr *a = n->properties; a != NULL; a = a->next)
	{
		const unsigned char *s;
		long		v = 0;
		bool		digits = false;

		if (a->name == NULL || strcmp((const char *) a->name, name) != 0)
			continue;
		if (a->children == NULL || a->children->content == NULL)
			return dflt;
		s = a->children->content;
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '"' || *s == '\'')
			s++;
		if (*s == '+')
			s++;
		for (; *s >= '0' && *s <= '9'; s++)
		{
			digits = true;
			if (v < 1000000)
				v = v * 10 + (*s - '0');
		}
		return digits ? (int) v : dflt;
	}
	return dflt;
}

/* The cells, rows and row groups of a leaf table, as found by the table walk. */
typedef struct TableScan
{
	Reader	   *r;
	xmlNode    *table;
	SrcCell    *cells;
	int			ncells;
	int			maxcells;
	int		   *group;			/* row group of each row */
	int			nrows;
	int			maxrows;
	int			cur_group;
	int			cur_row;		/* -1: no row open */
} TableScan;

/* Open a row in the current row group. */
static void
scan_new_row(TableScan *ts)
{
	if (ts->nrows == ts->maxrows)
	{
		ts->maxrows *= 2;
		ts->group = repalloc(ts->group, ts->maxrows * sizeof(int));
	}
	ts->group[ts->nrows] = ts->cur_group;
	ts->cur_row = ts->nrows++;
}

/* Table walk, going in: rows, cells, caption; other text is the page's. */
static bool
scan_enter(void *arg, xmlNode *n)
{
	TableScan  *ts = (TableScan *) arg;
	Reader	   *r = ts->r;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
	{
		out_content(&r->doc, n->content, false);
		return false;
	}
	if (n->type != XML_ELEMENT_NODE)
		return false;
	switch (tag_kind(n))
	{
		case K_DROP:
		case K_SCRIPT:
			return false;
		case K_SECTION:
			ts->cur_group++;
			ts->cur_row = -1;
			return true;
		case K_TR:
			scan_new_row(ts);
			return true;
		case K_CELL:
			{
				SrcCell    *c;

				if (ts->cur_row < 0)
					scan_new_row(ts);
				if (ts->ncells == ts->maxcells)
				{
					ts->maxcells *= 2;
					ts->cells = repalloc(ts->cells, ts->maxcells * sizeof(SrcCell));
				}
				c = &ts->cells[ts->ncells++];
				c->node = n;
				c->row = ts->cur_row;
				c->rowspan = int_attr(n, "rowspan", 1);
				c->colspan = int_attr(n, "colspan", 1);
				if (c->colspan < 1)
					c->colspan = 1;
				c->col = -1;
				return false;
			}
		case K_CAPTION:
			/* the caption is a line of the page's text, before the table's */
			out_break(&r->doc);
			r->doc.cell = true;
			node_text(n, &r->doc);
			r->doc.cell = false;
			out_break(&r->doc);
			return false;
		default:
			return true;
	}
}

/* Table walk, going out: a row or a row group ends. */
static void
scan_leave(void *arg, xmlNode *n)
{
	TableScan  *ts = (TableScan *) arg;

	if (n->type != XML_ELEMENT_NODE || n == ts->table)
		return;
	switch (tag_kind(n))
	{
		case K_TR:
			ts->cur_row = -1;
			break;
		case K_SECTION:
			ts->cur_group++;
			ts->cur_row = -1;
			break;
		default:
			break;
	}
}

/* Make room for a table in the reader's list. */
static GiHtmlTable *
new_table(Reader *r)
{
	if (r->ntables == r->maxtables)
	{
		r->maxtables = r->maxtables ? r->maxtables * 2 : 4;
		r->tables = r->tables ? repalloc(r->tables, r->maxtables * sizeof(GiHtmlTable))
			: palloc(r->maxtables * sizeof(GiHtmlTable));
	}
	memset(&r->tables[r->ntables], 0, sizeof(GiHtmlTable));
	return &r->tables[r->ntables++];
}

/*
 * Place the cells of a scanned table on a grid of nrows rows and at most wmax columns, as HTML
 * does; owner (nrows * wmax, filled with -1) receives the index of the cell at each position.
 * Returns the width used; *clipped is set when a cell or a span was cut by wmax.
 */
static int
place_cells(TableScan *ts, int nrows, int wmax, int *owner, bool *clipped)
{
	int			width = 0;
	int			ci = 0;

	int		   *group_end = palloc(sizeof(int) * (Size) Max(nrows, 1));

	/* where each row's group ends: a rowspan stops there */
	for (int row = nrows - 1; row >= 0; row--)
		group_end[row] = (row + 1 < nrows && ts->group[row + 1] == ts->group[row]) ? group_end[row + 1] : row + 1;
	for (int row = 0; row < nrows; row++)
	{
		int			col = 0;

		for (; ci < ts->ncells && ts->cells[ci].row == row; ci++)
		{
			SrcCell    *c = &ts->cells[ci];
			int			rs = c->rowspan;
			int			cs = c->colspan;

			while (col < wmax && owner[row * wmax + col] >= 0)
				col++;
			if (col >= wmax)
			{
				*clipped = true;
				continue;
			}
			if (rs <= 0 || rs > group_end[row] - row)
				rs = group_end[row] - row;
			if (cs > wmax - col)
			{
				cs = wmax - col;
				*clipped = true;
			}
			c->col = col;
			for (int y = row; y < row + rs; y++)
				for (int x = col; x < col + cs; x++)
					if (owner[y * wmax + x] < 0)
						owner[y * wmax + x] = ci;
			col += cs;
			if (col > width)
				width = col;
		}
	}
	pfree(group_end);
	return width;
}

/*
 * Read a leaf table: its caption and stray text go to the page's text, its cells to a grid,
 * and its place in the text becomes a "\x1ETABLE n" line.
 */
static void
read_table(Reader *r, xmlNode *table)
{
	TableScan	ts;
	GiHtmlTable *t;
	StringInfoData texts;
	int			nrows;
	int			wmax;
	long		budget;
	int		   *owner;
	int		   *newcol;
	int			width;
	int			ncols = 0;
	bool		clipped = false;
	int			tableno;

	memset(&ts, 0, sizeof(ts));
	ts.r = r;
	ts.table = table;
	ts.maxcells = 64;
	ts.cells = palloc(ts.maxcells * sizeof(SrcCell));
	ts.maxrows = 16;
	ts.group = palloc(ts.maxrows * sizeof(int));
	ts.cur_row = -1;

	out_break(&r->doc);
	walk(table, scan_enter, scan_leave, &ts);

	/* the limits: rows, then columns within the grid positions left */
	nrows = ts.nrows;
	budget = Min((long) GI_HTML_MAX_CELLS, (long) GI_HTML_MAX_DOC_CELLS - r->cells_used);
	if (nrows > GI_HTML_MAX_ROWS)
		nrows = GI_HTML_MAX_ROWS;
	if (nrows > budget)
		nrows = (int) Max(budget, 0);
	if (nrows < ts.nrows)
		clipped = true;
	wmax = nrows > 0 ? (int) Min((long) GI_HTML_MAX_COLS, budget / nrows) : 0;

	/*
	 * A table has no more columns than cells (a column where no cell starts is dropped below):
	 * colspans beyond that, or beyond HTML's 1000, are cut first.
	 */
	for (int i = 0; i < ts.ncells; i++)
		ts.cells[i].colspan = Min(ts.cells[i].colspan, Min(ts.ncells, 1000));

	owner = palloc(sizeof(int) * (Size) Max(nrows * wmax, 1));
	memset(owner, 0xFF, sizeof(int) * (Size) Max(nrows * wmax, 1));
	width = wmax > 0 ? place_cells(&ts, nrows, wmax, owner, &clipped) : 0;
	if (ts.ncells > 0 && ts.cells[ts.ncells - 1].row >= nrows)
		clipped = true;

	/* drop the columns where no cell starts */
	newcol = palloc(sizeof(int) * (Size) Max(width, 1));
	for (int x = 0; x < width; x++)
	{
		bool		origin = false;

		for (int y = 0; y < nrows && !origin; y++)
		{
			int			o = owner[y * wmax + x];

			origin = o >= 0 && ts.cells[o].row == y && ts.cells[o].col == x;
		}
		newcol[x] = origin ? ncols++ : -1;
	}

	/* the text of every placed cell */
	initStringInfo(&texts);
	appendStringInfoChar(&texts, '\0');	/* offset 0: "" */
	for (int i = 0; i < ts.ncells; i++)
	{
		SrcCell    *c = &ts.cells[i];
		Out			o;

		c->text = 0;
		if (c->col < 0 || c->row >= nrows)
			continue;
		c->text = texts.len;
		out_init(&o, &texts, true);
		node_text(c->node, &o);
		appendStringInfoChar(&texts, '\0');
	}

	tableno = r->ntables;
	t = new_table(r);
	t->nrows = nrows;
	t->ncols = ncols;
	t->clipped = clipped;
	t->cells = palloc(sizeof(GiHtmlCell) * (Size) Max(nrows * ncols, 1));
	for (int y = 0; y < nrows; y++)
		for (int x = 0; x < width; x++)
		{
			GiHtmlCell *g;
			int			o = owner[y * wmax + x];

			if (newcol[x] < 0)
				continue;
			g = &t->cells[y * ncols + newcol[x]];
			if (o < 0)
			{
				g->text = texts.data;
				g->covered = false;
				g->from_row = g->from_col = -1;
			}
			else if (ts.cells[o].row == y && ts.cells[o].col == x)
			{
				g->text = texts.data + ts.cells[o].text;
				g->covered = false;
				g->from_row = y;
				g->from_col = newcol[x];
			}
			else
			{
				g->text = NULL;
				g->covered = true;
				g->from_row = ts.cells[o].row;
				g->from_col = newcol[ts.cells[o].col];
			}
		}
	r->cells_used += (long) nrows * ncols;

	pfree(owner);
	pfree(newcol);
	pfree(ts.cells);
	pfree(ts.group);

	out_break(&r->doc);
	appendStringInfo(r->doc.buf, "%cTABLE %d", GI_HTML_TABLE_MARK, tableno);
	r->doc.bol = false;
	out_break(&r->doc);
}

static void read_into(Reader *r, const char *doc, int len, int depth);

/* Page walk, going in: text, line breaks, leaf tables, the HTML of scripts. */
static bool
page_enter(void *arg, xmlNode *n)
{
	Reader	   *r = (Reader *) arg;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
	{
		out_content(&r->doc, n->content, r->pre > 0);
		return false;
	}
	if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
		return true;
	if (n->type != XML_ELEMENT_NODE)
		return false;
	switch (tag_kind(n))
	{
		case K_DROP:
			return false;
		case K_SCRIPT:
			{
				ScriptHtml *sh = (ScriptHtml *) n->_private;

				if (sh != NULL && sh->html != NULL)
				{
					out_break(&r->doc);
					read_into(r, sh->html, sh->len, r->depth + 1);
					out_break(&r->doc);
				}
				return false;
			}
		case K_TABLE:
			if (!has_table(n))
			{
				read_table(r, n);
				return false;
			}
			out_break(&r->doc);
			return true;
		case K_CELL:
			r->doc.space = true;
			return true;
		case K_PRE:
			r->pre++;
			out_break(&r->doc);
			return true;
		case K_INLINE:
			return true;
		case K_APART:
			r->doc.space = true;
			return true;
		default:
			out_break(&r->doc);
			return true;
	}
}

/* Page walk, going out: blocks end their line. */
static void
page_leave(void *arg, xmlNode *n)
{
	Reader	   *r = (Reader *) arg;

	if (n->type != XML_ELEMENT_NODE)
		return;
	switch (tag_kind(n))
	{
		case K_INLINE:
		case K_DROP:
		case K_SCRIPT:
			break;
		case K_CELL:
		case K_APART:
			r->doc.space = true;
			break;
		case K_PRE:
			r->pre--;
			out_break(&r->doc);
			break;
		default:
			out_break(&r->doc);
			break;
	}
}

/*
 * The parser context of this backend, reused from one document to the next (htmlCtxtReadMemory
 * resets it): its tables and its dictionary of names are made once.  NULL until the first
 * document, and after one that left it too big (below).  A document read while it is in use (the
 * HTML in a script's literals, read during the walk of the page) gets a context of its own.
 */
static htmlParserCtxtPtr backend_ctxt = NULL;
static bool backend_ctxt_busy = false;

/*
 * a reused context is dropped when its dictionary grew past CTXT_MAX_DICT names, or after a document
 * (as libxml2 read it) longer than CTXT_MAX_BYTES: its element stacks can only have grown as deep as
 * the document's bytes allow (newer libxml2 hides the stacks' sizes, so the bound is on the input)
 */
#define CTXT_MAX_DICT	20000
#define CTXT_MAX_BYTES	65536

/* A new libxml2 HTML parser context whose errors are discarded. */
static htmlParserCtxtPtr
new_parser_ctxt(void)
{
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();

	if (ctxt == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory"),
				 errdetail("libxml2 could not allocate an HTML parser context.")));
	/* errors to this context's own handler, whatever the global ones are */
	ctxt->sax->initialized = XML_SAX2_MAGIC;
	ctxt->sax->serror = discard_error;
	return ctxt;
}

/* Whether a context that read len bytes may have grown too big to be kept for the next document. */
static bool
ctxt_too_big(htmlParserCtxtPtr ctxt, int len)
{
	return len > CTXT_MAX_BYTES || (ctxt->dict != NULL && xmlDictSize(ctxt->dict) > CTXT_MAX_DICT);
}

/*
 * Parse doc[0..len) with libxml2 and read it into r; libxml2's memory is freed on every path.
 * libxml2 reads the document without the attributes the reader does not use
 * (parse_html_strip.c): the same elements and text from fewer bytes.
 */
static void
read_into(Reader *r, const char *doc, int len, int depth)
{
	htmlParserCtxtPtr volatile ctxt;
	htmlDocPtr volatile tree = NULL;
	bool		shared;
	int			saved_depth = r->depth;
	int			saved_pre = r->pre;
	char	   *clean;
	int			cleanlen;

	if (len <= 0)
		return;
	clean = palloc(len + 1);
	cleanlen = gi_html_strip_attributes(doc, len, clean);
	shared = !backend_ctxt_busy;
	if (!shared)
		ctxt = new_parser_ctxt();
	else
	{
		if (backend_ctxt == NULL)
			backend_ctxt = new_parser_ctxt();
		ctxt = backend_ctxt;
		backend_ctxt_busy = true;
	}
	PG_TRY();
	{
		tree = htmlCtxtReadMemory(ctxt, clean, cleanlen, NULL, "UTF-8", HTML_OPTIONS);
		if (tree != NULL)
		{
			r->depth = depth;
			r->pre = 0;
			walk((xmlNode *) tree, mark_enter, mark_leave, r);
			walk((xmlNode *) tree, page_enter, page_leave, r);
		}
	}
	PG_FINALLY();
	{
		if (tree != NULL)
			xmlFreeDoc(tree);
		if (!shared || ctxt_too_big(ctxt, cleanlen))
		{
			htmlFreeParserCtxt(ctxt);
			if (shared)
				backend_ctxt = NULL;
		}
		else
			htmlCtxtReset(ctxt);	/* the document's copy is not kept till the next one */
		if (shared)
			backend_ctxt_busy = false;
	}
	PG_END_TRY();
	pfree(clean);
	r->depth = saved_depth;
	r->pre = saved_pre;
}

/* Read an HTML document (UTF-8) into text and tables; palloc'd in the current context. */
GiHtmlDoc *
gi_html_read(const char *doc, int len)
{
	static bool initialized = false;
	Reader		r;
	GiHtmlDoc  *res = palloc0(sizeof(GiHtmlDoc));

	if (!initialized)
	{
		xmlInitParser();
		initialized = true;
	}
	memset(&r, 0, sizeof(r));
	initStringInfo(&r.text);
	out_init(&r.doc, &r.text, false);

	if (gi_html_is_script(doc, len))
	{
		/* script or JSON carrying HTML: the other text of its literals, then the HTML */
		StringInfoData plain;
		char	   *html;
		int			hlen = 0;

		initStringInfo(&plain);
		html = gi_html_js_markup(doc, len, &hlen, &plain);
		for (int i = 0; i < plain.len;)
		{
			char	   *end = memchr(plain.data + i, '\n', plain.len - i);
			int			n = end ? end - (plain.data + i) : plain.len - i;

			out_text(&r.doc, (const unsigned char *) plain.data + i, n, false);
			out_break(&r.doc);
			i += n + 1;
		}
		if (html != NULL)
			read_into(&r, html, hlen, 1);
	}
	else
		read_into(&r, doc, len, 0);

	out_break(&r.doc);
	if (r.text.len > 0 && r.text.data[r.text.len - 1] == '\n')
		r.text.data[--r.text.len] = '\0';
	res->text = r.text.data;
	res->ntables = r.ntables;
	res->tables = r.tables;
	return res;
}

/* Whether the tag name at s (after '<' or '</') is one of HTML's, followed by a tag's end. */
static int
html_tag_at(const char *s, int len)
{
	static const char *const structural[] = {"table", "tr", "td", "th", "html", "body", "head", "tbody", "!doctype"};
	static const char *const common[] = {"p", "div", "br", "span", "font", "li", "ul", "ol", "h1", "h2",
	"h3", "h4", "h5", "h6", "a", "b", "strong", "img", "meta", "script", "style", "title", "center", "hr"};

	for (int i = 0; i < (int) lengthof(structural); i++)
	{
		int			n = strlen(structural[i]);

		if (n < len && pg_strncasecmp(s, structural[i], n) == 0 &&
			strchr(" \t\r\n>/", s[n]) != NULL && s[n] != '\0')
			return 2;
	}
	for (int i = 0; i < (int) lengthof(common); i++)
	{
		int			n = strlen(common[i]);

		if (n < len && pg_strncasecmp(s, common[i], n) == 0 &&
			strchr(" \t\r\n>/", s[n]) != NULL && s[n] != '\0')
			return 1;
	}
	return 0;
}

/*
 * Whether a document is HTML (a page, a fragment, or HTML inside a JS string literal): one tag of
 * a table or a page (table, tr, td, html, body, …; "\u003ctable" escaped), or three common ones.
 */
bool
gi_html_detect(const char *doc, int len)
{
	int			common = 0;
	const char *end = doc + len;

	/* a table escaped in a script (\u003ctable, \x3ctable) */
	for (const char *b = memchr(doc, '\\', len); b != NULL; b = memchr(b + 1, '\\', end - b - 1))
	{
		int			i = b - doc;

		if (i + 10 < len &&
			(pg_strncasecmp(b, "\\u003ctable", 11) == 0 || pg_strncasecmp(b, "\\x3ctable", 9) == 0))
			return true;
	}
	/* a tag: one that only HTML has, or three common ones */
	for (const char *t = memchr(doc, '<', len); t != NULL; t = memchr(t + 1, '<', end - t - 1))
	{
		int			i = t - doc;
		int			k;

		if (i + 1 >= len)
			break;
		if (doc[i + 1] == '/')
			k = html_tag_at(doc + i + 2, len - i - 2);
		else
			k = html_tag_at(doc + i + 1, len - i - 1);
		if (k == 2)
			return true;
		if (k == 1 && ++common >= 3)
			return true;
	}
	return false;
}
