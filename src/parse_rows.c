/*
 * parse_rows.c — the table readers of parts 二, 三 and 四, driven by the
 * catalog.  Parts 二 and 三 are read by their row labels: each data row takes
 * the values that follow its label up to the next label (F1 one cell per
 * line, F2 one row per line, F3 values and '|' alternating, F4 pdftotext
 * -layout).  A row whose cells ran together (F6) is split by gi_split_runs;
 * values that do not line up with the labels (F5) are assigned by the
 * catalog's order (parse_pdf.c); what cannot be recovered stays blank and is
 * flagged (F8).  Part 四 is read by position: its fifteen values in order.
 */
#include "postgres.h"

#include "lib/stringinfo.h"

#include "parse.h"

#if defined(__has_include)
#if __has_include("parse_split.h")
#include "parse_split.h"
#define GI_HAVE_SPLIT 1
#endif
#endif

#define MAX_ROW_VALS 40

/* The values read after one catalog row's label. */
typedef struct RowRead
{
	bool		seen;
	GiMatch		match;
	int			n;				/* values (may exceed MAX_ROW_VALS: then only counted) */
	GiTok	   *v[MAX_ROW_VALS];
	int			line;			/* line of the label */
	char	   *printed;		/* the label as printed, for label_variant */
	int			npre;			/* values printed right before the label (F5): counted, the first 8 kept */
	GiTok	   *pre[8];
	const char *label_end;		/* the end of the label as printed */
	bool		blank_printed;	/* a line of empty cells between the label and its first value */
	bool		by_order;		/* label not found: values taken by the catalog's order */
	bool		gave;			/* gave values to the rows after it whose labels were not found */
} RowRead;

/* A piece of text or a value, in document order. */
typedef struct Item
{
	bool		value;
	GiTok	   *tok;
	const char *s;				/* piece of text */
	int			len;
} Item;

/* Whether a numbering (（三）, 3., 三、) starts at s[i] of a text token. */
static bool
numbering_starts(const char *s, int i, int len)
{
	static const char *const cn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
	unsigned char c0 = (unsigned char) s[i];

	/* the numerals 一 … 十 all start with byte E4 or E5 */
	if (c0 != '(' && !gi_isdigit(c0) && c0 != 0xE4 && c0 != 0xE5)
		return false;
	if (s[i] == '(' && i + 2 < len)
	{
		int			j = i + 1;
		bool		num = false;

		if (i >= 3 && gi_strneq(s + i - 3, "第", 3))
			return false;
		for (int c = 0; c < 10; c++)
			if (gi_strneq(s + j, cn[c], 3))
			{
				j += 3;
				num = true;
				break;
			}
		if (!num)
			while (j < len && gi_isdigit(s[j]) && j - i < 3)
			{
				j++;
				num = true;
			}
		return num && j < len && s[j] == ')';
	}
	if (gi_isdigit(s[i]) && i + 1 < len && (s[i + 1] == '.' || gi_strneq(s + i + 1, "、", 3)) &&
		(i == 0 || (!gi_isdigit(s[i - 1]) && s[i - 1] != '(')) &&
		i + 2 < len && !gi_isdigit(s[i + 2]))
		return true;
	/* a numeral followed by 、 (E3 80 81) */
	if (i + 6 > len || (unsigned char) s[i + 3] != 0xE3 || (unsigned char) s[i + 4] != 0x80 ||
		(unsigned char) s[i + 5] != 0x81)
		return false;
	for (int c = 0; c < 10; c++)
		if (gi_strneq(s + i, cn[c], 3))
		{
			/* not the second numeral of 十一、 */
			for (int d = 0; d < 10; d++)
				if (i >= 3 && gi_strneq(s + i - 3, cn[d], 3))
					return false;
			return true;
		}
	return false;
}

/* The items of a token stream: text tokens cut into pieces at numberings. */
static Item *
make_items(GiTokens *t, int *nitems)
{
	int			cap = t->n * 2 + 8;
	Item	   *items = palloc(sizeof(Item) * cap);
	int			n = 0;

	for (int k = 0; k < t->n; k++)
	{
		GiTok	   *tok = &t->toks[k];

		if (tok->kind != GI_TOK_TEXT)
		{
			if (n == cap)
				items = repalloc(items, sizeof(Item) * (cap *= 2));
			items[n].value = true;
			items[n].tok = tok;
			items[n].s = tok->s;
			items[n].len = tok->len;
			n++;
			continue;
		}
		{
			int			st = 0;

			for (int i = 1; i <= tok->len; i++)
			{
				if (i < tok->len && !numbering_starts(tok->s, i, tok->len))
					continue;
				if (n == cap)
					items = repalloc(items, sizeof(Item) * (cap *= 2));
				items[n].value = false;
				items[n].tok = tok;
				items[n].s = tok->s + st;
				items[n].len = i - st;
				n++;
				st = i;
			}
		}
	}
	*nitems = n;
	return items;
}

/* Match the piece at items[*k], joining the next pieces of a label broken over lines. */
static int
match_piece(int part, Item *items, int nitems, int *k, int last_row, GiMatch *how, char **printed)
{
	StringInfoData joined;
	int			row = -1;
	GiMatch		m;
	int			used = *k;
	bool		fuzzy;

	initStringInfo(&joined);
	appendBinaryStringInfo(&joined, items[*k].s, items[*k].len);
	/*
	 * Typos and broken labels are looked for only where a label can be: a
	 * numbered piece, or one right before values or before another piece.
	 */
	fuzzy = (items[*k].len > 0 && (items[*k].s[0] == '(' || gi_isdigit(items[*k].s[0]) ||
								   (items[*k].len > 6 && gi_strneq(items[*k].s + 3, "、", 3)))) ||
		(*k + 1 < nitems && items[*k + 1].value);
	m = gi_match_row(part, gi_label_key(joined.data, joined.len), last_row, fuzzy, &row);
	/* a group label with text after it: the data label glued at its end (F6) */
	if (m == GI_MATCH_EXACT && gi_rows[row].kind == GI_ROW_GROUP && *k + 1 < nitems && items[*k + 1].value)
	{
		int			r2;

		if (gi_match_row_suffix(part, gi_label_key(joined.data, joined.len), last_row, &r2) == GI_MATCH_EXACT &&
			gi_rows[r2].kind != GI_ROW_GROUP)
			row = r2;
	}
	while (m == GI_MATCH_PREFIX && used + 1 < nitems && !items[used + 1].value && used - *k < 4)
	{
		int			r2;
		GiMatch		m2;
		int			save = joined.len;

		appendBinaryStringInfo(&joined, items[used + 1].s, items[used + 1].len);
		m2 = gi_match_row(part, gi_label_key(joined.data, joined.len), last_row, true, &r2);
		if (m2 == GI_MATCH_NONE)
		{
			joined.len = save;
			joined.data[save] = '\0';
			break;
		}
		used++;
		m = m2;
		row = r2;
	}
	/* a known variant that starts its row's label (本年新收政府信息公开申请⏎数量): checked as a start */
	if (m == GI_MATCH_VARIANT)
	{
		const char *key = gi_label_key(joined.data, joined.len);
		int			kl = strlen(key);

		if ((int) strlen(gi_row_key(row)) > kl && strncmp(gi_row_key(row), key, kl) == 0)
			m = GI_MATCH_PREFIX;
	}

	/*
	 * A label start whose missing tail is not printed later (before the next
	 * label) lost its last characters: a variant, not a broken label.
	 */
	if (m == GI_MATCH_PREFIX)
	{
		const char *tail = gi_row_key(row) + strlen(gi_label_key(joined.data, joined.len));
		bool		found = false;
		int			pieces = 0;

		/* the next two pieces (a group label may stand between), or none at all (cut off) */
		for (int j = used + 1; j < nitems && j <= used + 40 && !found && pieces < 2; j++)
		{
			char	   *pk;

			if (items[j].value)
				continue;
			pieces++;
			pk = gi_label_key(items[j].s, items[j].len);
			found = pk[0] != '\0' && gi_strneq(tail, pk, strlen(pk));
		}
		if (!found && pieces > 0)
			m = GI_MATCH_VARIANT;
	}
	/* a label broken where its first line is no label's unique start: (六)其他⏎处理 */
	if (m == GI_MATCH_NONE && used + 1 < nitems && !items[used + 1].value)
	{
		int			r2;
		int			save = joined.len;
		GiMatch		m2;

		appendBinaryStringInfo(&joined, items[used + 1].s, items[used + 1].len);
		m2 = gi_match_row(part, gi_label_key(joined.data, joined.len), last_row, false, &r2);
		if (m2 == GI_MATCH_EXACT)
		{
			used++;
			m = m2;
			row = r2;
		}
		else
		{
			joined.len = save;
			joined.data[save] = '\0';
		}
	}
	/* a variant of a very short label after the row's own numbering: (七)合计 */
	if (m == GI_MATCH_NONE)
		m = gi_match_numbered_variant(part, joined.data, joined.len, &row);
	/* a label glued to the text before it, right before its values (F6) */
	if (m == GI_MATCH_NONE && used + 1 < nitems && items[used + 1].value)
		m = gi_match_row_suffix(part, gi_label_key(joined.data, joined.len), last_row, &row);
	*k = used;
	*how = m;
	*printed = joined.data;
	return row;
}

/* The catalog row index of a part's row code in any format, or -1. */
static int
catalog_row(int part, const char *code)
{
	for (int i = 0; i < gi_nrows; i++)
		if (gi_rows[i].part == part && strcmp(gi_rows[i].code, code) == 0)
			return i;
	return -1;
}

static const char *family_of(GiTokens *t, int nvals, int alone);

/*
 * Whether items[first] (a piece of text, joined up to items[k]) starts its
 * line and the rest of the line is exactly n values: a complete row of a
 * table printed one row per line.
 */
static bool
whole_row_line(Item *items, int nitems, int first, int k, int n)
{
	int			line = items[k].tok->line;

	if (n <= 0 || k + n >= nitems || (first > 0 && items[first - 1].tok->line == items[first].tok->line))
		return false;
	for (int j = k + 1; j <= k + n; j++)
		if (!items[j].value || items[j].tok->line != line)
			return false;
	return k + n + 1 == nitems || items[k + n + 1].tok->line != line;
}

/* Whether the line of items[k] holds a value. */
static bool
line_has_value(Item *items, int nitems, int k)
{
	int			line = items[k].tok->line;

	for (int j = k; j >= 0 && items[j].tok->line == line; j--)
		if (items[j].value)
			return true;
	for (int j = k + 1; j < nitems && items[j].tok->line == line; j++)
		if (items[j].value)
			return true;
	return false;
}

/*
 * Whether the text from a to b holds a line of three or more '|' and nothing
 * else: a row printed as empty cells (F1 copies of a table put each cell on
 * its own line, a blank row's cells on one).
 */
static bool
blank_row_between(const char *a, const char *b)
{
	int			pipes = 0;
	bool		other = false;

	if (a == NULL || b <= a)
		return false;
	for (const char *c = a; c < b; c++)
	{
		if (*c == '\n')
		{
			if (pipes >= 3 && !other)
				return true;
			pipes = 0;
			other = false;
		}
		else if (*c == '|')
			pipes++;
		else if (*c != ' ' && *c != '\t' && *c != '\r')
			other = true;
	}
	return false;
}

/*
 * Read the labeled rows of a part: reads[i] gets the values after the label
 * of catalog row i.  Returns the number of unknown rows warned of.
 * rowwise: the table is printed one row per line, its label before its
 * values (F2): there a line of unknown text followed by as many values as the
 * row before it is an unknown row (a regional 其中：… row), warned of; in the
 * other families such a line may be a wrapped label's tail (F4) or values
 * printed before their label (F5).
 */
static int
read_labeled(GiParse *p, int part, Item *items, int nitems, RowRead *reads, bool rowwise)
{
	char	   *unknown = NULL;
	GiTok	   *pre[8];
	int			npre = 0;
	int			cur = -1;
	int			last_row = -1;
	int			last_data = -1;
	char	   *warned = NULL;	/* the extra row last warned of, while no row was read since */
	int			unknown_rows = 0;
	int			cur_line = -1;
	const char *region = p->text + p->body[part];
	const char *region_end = p->text + p->end[part];

	for (int k = 0; k < nitems; k++)
	{
		Item	   *it = &items[k];

		if (it->value)
		{
			RowRead    *r;

			if (cur < 0)
			{
				if (cur == -3 && it->tok->kind != GI_TOK_EMPTY)
				{
					gi_parse_warn(p, "unknown_row", part, NULL, NULL,
								  "values printed after \"%s\", which is no row of part %s",
								  unknown, part == 2 ? "二" : "三");
					unknown_rows++;
					cur = -4;
				}
				/* the values of an unknown row are no row's, not even the next label's (F5) */
				if (cur != -4 && it->tok->kind != GI_TOK_EMPTY)
				{
					if (npre < 8)
						pre[npre] = it->tok;
					npre++;
				}
				continue;
			}
			r = &reads[cur];
			if (r->n == 0 && it->tok->kind != GI_TOK_EMPTY && it->tok->line != r->line &&
				r->label_end >= region && it->tok->s <= region_end &&
				blank_row_between(r->label_end, it->tok->s))
				r->blank_printed = true;
			/* an empty cell counts on the label's line or beside values already read */
			if (it->tok->kind == GI_TOK_EMPTY && it->tok->line != r->line &&
				!(r->n > 0 && r->v[Min(r->n, MAX_ROW_VALS) - 1]->line == it->tok->line))
				continue;
			if (r->n < MAX_ROW_VALS)
				r->v[r->n] = it->tok;
			r->n++;
			cur_line = it->tok->line;
			continue;
		}
		{
			GiMatch		how;
			char	   *printed;
			int			first = k;
			int			row = match_piece(part, items, nitems, &k, last_row, &how, &printed);

			/*
			 * a very short label (总计, 其他) printed bare after other text on
			 * a line without values is a column header (F4 repeats the header
			 * after a page break), not a row
			 */
			if (row >= 0 && first > 0 && k == first && it->len <= 6 && !items[first - 1].value &&
				items[first - 1].tok->line == it->tok->line && !line_has_value(items, nitems, first))
				row = -1;
			if (row < 0)
			{
				/*
				 * text after a row's values ends the row (a label's tail, or
				 * an unknown row), and so does a numbered line, which is no
				 * label's tail, after a row printed blank
				 */
				if (cur >= 0 && (reads[cur].n > 0 || numbering_starts(it->s, 0, it->len)))
					cur = -2;
				if (cur == -4)
					cur = -1;	/* text after an unknown row's values ends them */
				if (cur < 0 && last_row >= 0 && it->len >= 4 &&
					(it->s[0] == '(' || gi_isdigit(it->s[0]) ||
					 (it->len > 6 && gi_strneq(it->s + 3, "、", 3))))
				{
					cur = -3;
					unknown = printed;
				}
				else if (rowwise && cur < 0 && last_data >= 0 &&
						 whole_row_line(items, nitems, first, k, Min(reads[last_data].n, MAX_ROW_VALS)) &&
						 (warned == NULL || strcmp(warned, printed) != 0))
				{
					/* once for a line repeated by the copy (each line doubled) */
					gi_parse_warn(p, "unknown_row", part, NULL, NULL,
								  "values printed after \"%s\", which is no row of part %s",
								  printed, part == 2 ? "二" : "三");
					unknown_rows++;
					warned = printed;
				}
				continue;
			}
			/* a group label printed beside a data row's wrapped label (F4): not a row */
			if (gi_rows[row].kind == GI_ROW_GROUP && cur >= 0 && reads[cur].n == 0 &&
				gi_rows[cur].kind != GI_ROW_GROUP)
				continue;
			if (gi_rows[row].kind == GI_ROW_GROUP && strcmp(gi_rows[row].code, "3.6") != 0)
			{
				last_row = row;
				cur = -1;
				continue;
			}
			/* one slot per row code (2.1.2 and 3.6 have a label per format) */
			row = gi_canonical_row(row);
			if (reads[row].seen && reads[row].n > 0)
			{
				/*
				 * a second copy of a label already read: the copy repeats
				 * (keep the first); the values after it are the repeated
				 * row's, not the next label's
				 */
				cur = -4;
				continue;
			}
			/* a label repeated right after itself keeps the values printed before the first */
			if (!(reads[row].seen && npre == 0))
			{
				reads[row].npre = npre;
				memcpy(reads[row].pre, pre, sizeof(GiTok *) * Min(npre, 8));
			}
			reads[row].seen = true;
			reads[row].label_end = items[k].s + items[k].len;
			npre = 0;
			reads[row].match = how;
			reads[row].printed = printed;
			reads[row].line = it->tok->line;
			cur = row;
			last_row = row;
			last_data = row;
			warned = NULL;
			(void) cur_line;
		}
	}
	return unknown_rows;
}

/* Parse a count or an amount as printed into *out (GI_BLANK for a blank); false when unreadable. */
static bool
token_value(const GiGrid *g, int index, const char *col, GiTok *t, int64 *out, bool *yuan)
{
	int64		ip = 0;
	int64		frac = 0;
	int			fd = 0;
	int			i = 0;
	bool		neg = false;

	*out = GI_BLANK;
	if (t->kind == GI_TOK_BLANK || t->kind == GI_TOK_EMPTY)
		return true;
	if (t->len > 0 && (t->s[0] == '+' || t->s[0] == '-'))
	{
		if (strcmp(col, "delta") != 0)
			return false;
		neg = t->s[0] == '-';
		i = 1;
	}
	for (; i < t->len && (gi_isdigit(t->s[i]) || (t->s[i] == ',' && i > 0)); i++)
	{
		if (t->s[i] == ',')
			continue;			/* a thousands separator (the tokenizer took only groups of three) */
		ip = ip * 10 + (t->s[i] - '0');
		if (ip > PG_INT32_MAX)
			return false;
	}
	if (i < t->len && t->s[i] == '.')
	{
		if (index != g->amount_index)
			return false;
		for (i++; i < t->len && gi_isdigit(t->s[i]); i++)
			if (fd < 6)
			{
				frac = frac * 10 + (t->s[i] - '0');
				fd++;
			}
	}
	if (index == g->amount_index)
	{
		int64		v;

		while (fd < 6)
		{
			frac *= 10;
			fd++;
		}
		v = ip * 1000000 + frac;
		if (t->unit == GI_UNIT_YUAN)
		{
			v = v / 10000;		/* 元 → 万元 */
			*yuan = true;
		}
		*out = v;
		return true;
	}
	if (t->unit != GI_UNIT_NONE)
		return false;
	*out = neg ? -ip : ip;
	return true;
}

/*
 * Whether a row's tokens look like a run of cells printed together (F6):
 * fewer numbers than cells, or as many with one of several digits starting
 * with 0, which no count is printed as (000000021: cells run together).
 */
static bool
is_run(RowRead *r, int ncols, bool amount)
{
	int			digits = 0;
	bool		zero_led = false;

	if (r->n == 0 || r->n > ncols || r->n > MAX_ROW_VALS)
		return false;
	for (int i = 0; i < r->n; i++)
	{
		if (r->v[i]->kind != GI_TOK_NUM || r->v[i]->unit != GI_UNIT_NONE ||
			(!amount && memchr(r->v[i]->s, '.', r->v[i]->len)))
			return false;
		digits += r->v[i]->len;
		zero_led |= r->v[i]->len > 1 && r->v[i]->s[0] == '0' && gi_isdigit(r->v[i]->s[1]);
	}
	return digits >= ncols && (r->n < ncols || zero_led);
}

/* The run text of a row: its digit groups separated by single spaces. */
static char *
run_text(GiTok **v, int n, int *len)
{
	StringInfoData b;

	initStringInfo(&b);
	for (int i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoChar(&b, ' ');
		appendBinaryStringInfo(&b, v[i]->s, v[i]->len);
	}
	*len = b.len;
	return b.data;
}

/* A table's pending runs (F6), split together so that the rules across rows decide. */
typedef struct Runs
{
	int			n;
	int			first[GI_MAX_GRID_ROWS + 1];
	int			ncells[GI_MAX_GRID_ROWS + 1];
	char	   *text[GI_MAX_GRID_ROWS + 1];
	int			len[GI_MAX_GRID_ROWS + 1];
	const char *code[GI_MAX_GRID_ROWS + 1];
} Runs;

/* Split a table's runs (gi_split_runs when built in; else only one digit per cell). */
static void
split_runs(GiParse *p, GiFigKind kind, int format, int part, Runs *runs, GiValues *vals, bool *complete)
{
	if (runs->n == 0)
		return;
	p->crawler = true;
#ifdef GI_HAVE_SPLIT
	{
		GiRun	   *rs = palloc(sizeof(GiRun) * runs->n);
		List	   *amb;
		ListCell   *lc;

		for (int i = 0; i < runs->n; i++)
		{
			rs[i].first = runs->first[i];
			rs[i].ncells = runs->ncells[i];
			rs[i].text = runs->text[i];
			rs[i].len = runs->len[i];
		}
		amb = gi_split_runs(kind, format, rs, runs->n, vals);
		foreach(lc, amb)
		{
			GiSplitAmbiguity *a = lfirst(lc);

			*complete = false;
			gi_parse_warn(p, "ambiguous_split", part, runs->code[a->run], NULL,
						  "the run \"%s\" of row %s splits more than one way: %s",
						  runs->text[a->run], runs->code[a->run], a->candidates);
		}
	}
#else
	for (int i = 0; i < runs->n; i++)
	{
		int			digits = 0;

		for (int c = 0; c < runs->len[i]; c++)
			digits += gi_isdigit(runs->text[i][c]) ? 1 : 0;
		if (digits == runs->ncells[i])
		{
			int			o = 0;

			for (int c = 0; c < runs->len[i]; c++)
				if (gi_isdigit(runs->text[i][c]))
					vals->v[runs->first[i] + o++] = runs->text[i][c] - '0';
		}
		else
		{
			*complete = false;
			gi_parse_warn(p, "ambiguous_split", part, runs->code[i], NULL,
						  "the run \"%s\" of row %s was not split (no splitter built in)",
						  runs->text[i], runs->code[i]);
		}
	}
#endif
}

/* A hash of the bytes [s, s + len), eight at a time. */
static inline uint64
line_hash(const char *s, int len)
{
	uint64		h = UINT64CONST(0x9E3779B97F4A7C15) ^ (uint64) len;
	int			i = 0;

	for (; i + 8 <= len; i += 8)
	{
		uint64		w;

		memcpy(&w, s + i, 8);
		h = (h ^ w) * UINT64CONST(0xFF51AFD7ED558CCD);
		h ^= h >> 29;
	}
	if (i < len)
	{
		uint64		w = 0;

		memcpy(&w, s + i, len - i);
		h = (h ^ w) * UINT64CONST(0xFF51AFD7ED558CCD);
		h ^= h >> 29;
	}
	return h ^ (h >> 32);
}

/*
 * Whether the document has no repeated line: the sign of a de-duplicating
 * extractor.  Lines go into an open-addressing set (a power of two, at least
 * twice the lines, so never full) by their hash, and are compared byte for
 * byte when two hashes are equal.
 */
static bool
lines_all_distinct(GiParse *p)
{
	int			lines = 1;
	int			size = 16;
	uint64	   *h;
	int		   *at;				/* the line's offset, -1 for an empty slot */
	int		   *len;
	int			n = 0;
	int			cap = 256;
	int		   *ends = palloc(sizeof(int) * cap);	/* where each line ends (its \n, or the text's end) */
	bool		distinct = true;

	/* the lines, found once: their number sizes the table */
	for (int i = 0;; i++)
	{
		const char *nl = memchr(p->text + i, '\n', p->len - i);

		if (lines == cap)
			ends = repalloc(ends, sizeof(int) * (cap *= 2));
		i = nl ? (int) (nl - p->text) : p->len;
		ends[lines - 1] = i;
		if (nl == NULL)
			break;
		lines++;
	}
	while (size < lines * 2)
		size *= 2;
	h = palloc(sizeof(uint64) * size);
	len = palloc(sizeof(int) * size);
	at = palloc(sizeof(int) * size);
	memset(at, -1, sizeof(int) * size);
	for (int l = 0; l < lines && distinct; l++)
	{
		int			a = l == 0 ? 0 : ends[l - 1] + 1;
		int			i = ends[l];

		if (i > a)
		{
			uint64		v = line_hash(p->text + a, i - a);
			uint32		slot = (uint32) v & (size - 1);

			while (at[slot] >= 0 &&
				   !(h[slot] == v && len[slot] == i - a && memcmp(p->text + at[slot], p->text + a, i - a) == 0))
				slot = (slot + 1) & (size - 1);
			if (at[slot] >= 0)
				distinct = false;
			at[slot] = a;
			len[slot] = i - a;
			h[slot] = v;
			n++;
		}
	}
	pfree(ends);
	pfree(h);
	pfree(len);
	pfree(at);
	return distinct && n > 0;
}

/*
 * Which family a table's tokens show (doc/import.md): F2 when its rows are
 * printed one per line with cells between '|', or, without '|', when lines
 * whose cells are separated by single tabs or single spaces outnumber lines
 * of columns aligned by runs of spaces (F4).
 */
static const char *
family_of(GiTokens *t, int nvals, int alone)
{
	if (t->pipe_rows > 0 && t->pipe_lines * 2 < t->pipe_rows + 1 && alone * 2 < nvals)
		return "F2";
	if (alone * 2 >= nvals && t->pipe_lines > 0)
		return t->multi_pipe_lines > 0 ? "F1" : "F3";
	if (alone * 2 >= nvals)
		return "F5";
	if (t->pipe_rows == 0 && t->tab_rows + t->plain_rows > t->spaced_lines)
		return "F2";
	return "F4";
}

/*
 * Whether a number ends a cut-off copy (its last digits may be lost: 15 cut
 * to 1; a count of 0 cannot have lost any, an amount of 0 can: 0.35).
 */
static bool
cut_at_end(GiParse *p, const GiTok *t, bool amount)
{
	const char *e = t->s + t->len;
	const char *end = p->text + p->len;

	if (!p->truncated || t->kind != GI_TOK_NUM || e < p->text || e > end ||
		(!amount && t->len == 1 && t->s[0] == '0'))
		return false;
	/*
	 * An HTML table comes out as | rows, each ending a line, a cell the cut
	 * ended included; in a text copy a | after the number is printed: the
	 * number ended before the cut.
	 */
	while (e < end && (*e == ' ' || (p->html && (*e == '|' || *e == '\n'))))
		e++;
	return e == end;
}

/* Record a label_variant warning for a row matched loosely. */
static void
warn_variant(GiParse *p, int part, RowRead *r, int row)
{
	if (r->match == GI_MATCH_VARIANT)
		gi_parse_warn(p, "label_variant", part, gi_rows[row].code, NULL,
					  "row %s printed as \"%s\", official label \"%s\"",
					  gi_rows[row].code, r->printed, gi_rows[row].label_zh);
}

/*
 * Read a short row of a table printed in aligned columns (F4: a blank cell
 * printed as nothing) by the columns its numbers line up with
 * (parse_columns.c), the spans given by the complete rows of the table that
 * have the same columns.  Read only when every value is a number on the row's
 * one line, each falls into exactly one column, and, for a row with a total,
 * the total is not less than the applicant values read (it cannot be checked
 * further: a blank cell's figure is unknown).  Cells left are blank as printed.
 */
static bool
place_short_row(GiParse *p, const GiGrid *g, int gi, RowRead *reads, RowRead *r, GiValues *vals,
				bool *yuan)
{
	const GiGridRow *gr = &g->rows[gi];
	GiTok	 ***refs = palloc(sizeof(GiTok **) * g->nrows);
	int			nrefs = 0;
	int			col_of[GI_MAX_GRID_COLS];
	int64		v[GI_MAX_GRID_COLS];
	int			total = -1;

	if (r->n <= 0 || r->n >= gr->ncols || r->n > MAX_ROW_VALS || gr->ncols > GI_MAX_GRID_COLS)
		return false;
	/* a cut-off copy ending on this row: its missing cells were cut, not printed blank */
	if (p->truncated)
	{
		const char *e = r->v[r->n - 1]->s + r->v[r->n - 1]->len;
		const char *end = p->text + p->len;

		while (e < end && (*e == ' ' || *e == '\n' || *e == '|'))
			e++;
		if (e >= end)
			return false;
	}
	for (int k = 0; k < r->n; k++)
		if (r->v[k]->kind != GI_TOK_NUM || r->v[k]->glued || r->v[k]->line != r->v[0]->line ||
			cut_at_end(p, r->v[k], gr->first + k == g->amount_index))
			return false;
	for (int j = 0; j < g->nrows; j++)
	{
		const GiGridRow *o = &g->rows[j];
		RowRead    *ro;
		bool		same = j != gi && o->ncols == gr->ncols;

		for (int c = 0; same && c < gr->ncols; c++)
			same = o->cols[c] == gr->cols[c];
		if (!same)
			continue;
		ro = &reads[gi_canonical_row(o->row - gi_rows)];
		if (!ro->seen || ro->n != o->ncols)
			continue;
		for (int c = 0; same && c < o->ncols; c++)
			same = (ro->v[c]->kind == GI_TOK_NUM || ro->v[c]->kind == GI_TOK_BLANK) &&
				ro->v[c]->line == ro->v[0]->line;
		if (same)
			refs[nrefs++] = ro->v;
	}
	if (!gi_place_by_columns(p, r->v, r->n, refs, nrefs, gr->ncols, col_of))
		return false;
	for (int c = 0; c < gr->ncols; c++)
	{
		v[c] = GI_BLANK;
		if (g->kind == GI_FIG_REQUEST && strcmp(gr->cols[c]->code, "total") == 0)
			total = c;
	}
	for (int k = 0; k < r->n; k++)
		if (!token_value(g, gr->first + col_of[k], gr->cols[col_of[k]]->code, r->v[k], &v[col_of[k]], yuan))
			return false;
	if (total >= 0 && v[total] != GI_BLANK)
	{
		int64		sum = 0;

		for (int c = 0; c < gr->ncols; c++)
			if (c != total && v[c] != GI_BLANK)
				sum += v[c];
		if (sum > v[total])
			return false;
	}
	for (int c = 0; c < gr->ncols; c++)
		vals->v[gr->first + c] = v[c];
	return true;
}

/* Whether two numbers of a row stand one space apart on a line. */
static bool
one_space_apart(const RowRead *r)
{
	for (int k = 1; k < r->n && k < MAX_ROW_VALS; k++)
	{
		const GiTok *a = r->v[k - 1];
		const GiTok *b = r->v[k];

		if (a->kind == GI_TOK_NUM && b->kind == GI_TOK_NUM && a->line == b->line &&
			b->s == a->s + a->len + 1 && a->s[a->len] == ' ')
			return true;
	}
	return false;
}

/* The catalog row whose read holds grid row gr (one slot per code; 3.7 has a row per format). */
static int
grid_row_read(int part, const GiGridRow *gr, RowRead *reads)
{
	int			row = gi_canonical_row(gr->row - gi_rows);

	if (strcmp(gr->row->code, "3.7") == 0 && !reads[row].seen)
		row = catalog_row(part, "3.7");
	return row;
}

/*
 * A copy that lost label lines, the table printed label first (F1, F2): the
 * values of a row whose label was not found follow those of the row before
 * it.  A row holding k times its cells, or its cells after a line of empty
 * cells (it is printed blank), with the next rows of the grid not found and of
 * the same cells, gives them its values past its own, in the catalog's order.
 * Rows of （六）其他处理 take none unless the labels show the format (3.6.1 -
 * 3.6.3 found): one row of values there is 3.6 of the 2019 format as well.
 * Returns whether any row was so taken; *overflow when a row held more values
 * than cells (the reading that does not line up).
 */
static bool
take_lost_labels(const GiGrid *g, int part, RowRead *reads, bool format_shown, bool *overflow)
{
	bool		any = false;

	/* values printed before a label somewhere (F5): the copy does not print label first */
	for (int i = 0; i < g->nrows; i++)
	{
		RowRead    *r = &reads[grid_row_read(part, &g->rows[i], reads)];

		if (r->seen && r->n == 0 && r->npre > 0)
			return false;
	}
	for (int i = 0; i < g->nrows; i++)
	{
		RowRead    *r = &reads[grid_row_read(part, &g->rows[i], reads)];
		int			nc = g->rows[i].ncols;
		int			own = r->blank_printed ? 0 : 1;
		int			give;
		bool		room = true;

		if (!r->seen || r->n > MAX_ROW_VALS || nc == 0 || r->n % nc != 0 || r->n / nc <= own)
			continue;
		give = r->n / nc - own;
		for (int j = 1; j <= give && room; j++)
			room = i + j < g->nrows && g->rows[i + j].ncols == nc &&
				!reads[grid_row_read(part, &g->rows[i + j], reads)].seen &&
				(format_shown || strncmp(g->rows[i + j].row->code, "3.6", 3) != 0);
		if (!room)
			continue;
		for (int j = 1; j <= give; j++)
		{
			RowRead    *m = &reads[grid_row_read(part, &g->rows[i + j], reads)];

			m->seen = true;
			m->by_order = true;
			m->match = GI_MATCH_EXACT;
			m->line = -1;
			m->n = nc;
			memcpy(m->v, r->v + (own + j - 1) * nc, sizeof(GiTok *) * nc);
		}
		if (own == 1)
			*overflow = true;
		r->n = own * nc;
		r->gave = true;
		any = true;
	}
	return any;
}

/*
 * Keep the values take_lost_labels gave by the catalog's order only when the
 * rules prove the table so read and, for a row printed blank, do not prove it
 * read as printed; warn row_by_order for each row so read.  Otherwise, false
 * when a row held more values than cells (the caller reads the table in order
 * or flags it), else the rows involved are left blank, flagged.
 */
static bool
prove_lost_labels(GiParse *p, int part, GiFigKind kind, const GiGrid *g, RowRead *reads, GiValues *vals,
				  bool overflow, bool *complete)
{
	bool		proved = gi_values_prove(kind, vals);

	if (proved && !overflow)
	{
		/* the values as printed: the blank row's values its own, the next row not found */
		GiValues	asread = *vals;

		for (int i = 0; i < g->nrows; i++)
		{
			const GiGridRow *gr = &g->rows[i];
			RowRead    *r = &reads[grid_row_read(part, gr, reads)];

			if (r->by_order && i > 0)
			{
				bool		prev_gave = reads[grid_row_read(part, &g->rows[i - 1], reads)].gave;

				for (int c = 0; c < gr->ncols; c++)
				{
					if (prev_gave)
						asread.v[g->rows[i - 1].first + c] = vals->v[gr->first + c];
					asread.v[gr->first + c] = GI_BLANK;
				}
			}
		}
		proved = !gi_values_prove(kind, &asread);
	}
	if (!proved && overflow)
		return false;
	for (int i = 0; i < g->nrows; i++)
	{
		const GiGridRow *gr = &g->rows[i];
		RowRead    *r = &reads[grid_row_read(part, gr, reads)];

		if (proved && r->by_order)
			gi_parse_warn(p, "row_by_order", part, gr->row->code, NULL,
						  "the label of row %s (%s) was not found: the values after the row before it were taken for it by the catalog's order, which the rules prove",
						  gr->row->code, gr->row->label_zh);
		else if (!proved && (r->by_order || r->gave))
		{
			for (int c = 0; c < gr->ncols; c++)
				vals->v[gr->first + c] = GI_BLANK;
			*complete = false;
			gi_parse_warn(p, "columns_unrecoverable", part, gr->row->code, NULL,
						  r->by_order ? "the label of row %s was not found, and the rules do not tell whether the values printed after the row before it, blank as printed, are its own"
						  : "row %s is printed blank and followed by values whose label was not found: the rules do not tell which row they belong to",
						  gr->row->code);
		}
	}
	return true;
}

/*
 * Fill the values of a labeled table (part 二 or 三) in the grid of its
 * format from the rows read; runs go through the splitter; with columns (the
 * table is printed in aligned columns, F4), a short row is read by the
 * positions of its numbers when they tell its columns (place_short_row).  Returns whether
 * the values line up with the labels (no row holds more values than cells).
 */
static bool
fill_labeled(GiParse *p, int part, GiFigKind kind, int format, RowRead *reads, GiPartResult *res,
			 bool dedup, bool columns, bool format_shown)
{
	const GiGrid *g = gi_layout_grid(kind, format);
	Runs		runs;
	bool		aligned = true;
	bool		complete = true;
	bool		yuan = false;
	bool		by_order = false;
	bool		overflow = false;

	memset(&runs, 0, sizeof(runs));
	gi_init_values(g, &res->vals);
	res->vals.format = format;
	if (!dedup && !p->crawler)
		by_order = take_lost_labels(g, part, reads, format_shown, &overflow);
	for (int i = 0; i < g->nrows; i++)
	{
		const GiGridRow *gr = &g->rows[i];
		int			row = grid_row_read(part, gr, reads);
		RowRead    *r = &reads[row];

		if (!r->seen)
		{
			complete = false;
			if (!p->truncated)
				gi_parse_warn(p, "row_missing", part, gr->row->code, NULL,
							  "row %s (%s) was not found", gr->row->code, gr->row->label_zh);
			continue;
		}
		warn_variant(p, part, r, row);
		/* empty cells past the row's last cell (a short row of a wider table) */
		while (r->n > gr->ncols && r->n <= MAX_ROW_VALS && r->v[r->n - 1]->kind == GI_TOK_EMPTY)
			r->n--;
		if (r->n > gr->ncols)
		{
			aligned = false;
			continue;
		}
		/* no value after the label, a full row right before it: printed before their label (F5) */
		if (r->n == 0 && r->npre == gr->ncols)
		{
			r->n = r->npre;
			memcpy(r->v, r->pre, sizeof(GiTok *) * r->npre);
		}
		/* aligned columns (F4) part two or more spaces: numbers one space apart are a number's spaced digits */
		if (r->n == gr->ncols && columns && !dedup && one_space_apart(r))
		{
			complete = false;
			p->unrecoverable = true;
			gi_parse_warn(p, "columns_unrecoverable", part, gr->row->code, NULL,
						  "row %s prints numbers one space apart in a table of aligned columns: its cells cannot be told",
						  gr->row->code);
			continue;
		}
		if (r->n == gr->ncols &&
			!((p->crawler || r->v[0]->glued) &&
			  is_run(r, gr->ncols, g->amount_index >= gr->first && g->amount_index < gr->first + gr->ncols)))
		{
			for (int c = 0; c < gr->ncols; c++)
				if (cut_at_end(p, r->v[c], gr->first + c == g->amount_index))
				{
					complete = false;
					gi_parse_warn(p, "truncated", part, gr->row->code, gr->cols[c]->code,
								  "the value \"%.*s\" of row %s, column %s ends the cut-off copy: it may have lost digits",
								  r->v[c]->len, r->v[c]->s, gr->row->code, gr->cols[c]->code);
				}
				else if (!token_value(g, gr->first + c, gr->cols[c]->code, r->v[c], &res->vals.v[gr->first + c], &yuan))
				{
					res->vals.v[gr->first + c] = GI_BLANK;
					complete = false;
					gi_parse_warn(p, "value_unreadable", part, gr->row->code, gr->cols[c]->code,
								  "the value \"%.*s\" of row %s, column %s is not a number of the table",
								  r->v[c]->len, r->v[c]->s, gr->row->code, gr->cols[c]->code);
				}
				else if (r->v[c]->annotated)
					gi_parse_warn(p, "cell_annotation", part, gr->row->code, gr->cols[c]->code,
								  r->v[c]->marked ? "the cell of row %s, column %s holds %.*s and a footnote mark: the number is its value"
								  : "the cell of row %s, column %s holds %.*s and an annotation in parentheses: its numbers are no values",
								  gr->row->code, gr->cols[c]->code, r->v[c]->len, r->v[c]->s);
			continue;
		}
		if (r->n == 0 && !dedup)
			continue;			/* the row is printed blank */
		if (r->n > 0 && (p->crawler || r->v[0]->glued) &&
			is_run(r, gr->ncols, g->amount_index >= gr->first && g->amount_index < gr->first + gr->ncols) &&
			runs.n < GI_MAX_GRID_ROWS)
		{
			runs.first[runs.n] = gr->first;
			runs.ncells[runs.n] = gr->ncols;
			runs.text[runs.n] = run_text(r->v, r->n, &runs.len[runs.n]);
			runs.code[runs.n] = gr->row->code;
			runs.n++;
			continue;
		}
		if (columns && !dedup && !p->crawler && place_short_row(p, g, i, reads, r, &res->vals, &yuan))
			continue;
		complete = false;
		if (dedup)
			p->lossy = true;
		else
		{
			p->unrecoverable = true;
			gi_parse_warn(p, "columns_unrecoverable", part, gr->row->code, NULL,
						  "row %s holds %d of its %d values: their columns cannot be told",
						  gr->row->code, r->n, gr->ncols);
		}
	}
	if (!aligned)
		return false;
	split_runs(p, kind, format, part, &runs, &res->vals, &complete);
	if (by_order && !prove_lost_labels(p, part, kind, g, reads, &res->vals, overflow, &complete))
		return false;
	if (yuan)
		gi_parse_warn(p, "amount_in_yuan", part, "2.8.1", "amount",
					  "an amount printed in 元 was converted to 万元");
	res->complete = complete;
	return true;
}

/* Collect every value of a table in order (for F5 and part 四). */
static int64 *
values_in_order(Item *items, int nitems, int *n, bool *readable)
{
	int64	   *v = palloc(sizeof(int64) * (nitems + 1));

	*n = 0;
	*readable = true;
	for (int k = 0; k < nitems; k++)
	{
		GiTok	   *t = items[k].tok;
		int64		x = 0;

		if (!items[k].value || t->kind == GI_TOK_EMPTY)
			continue;
		if (t->kind == GI_TOK_BLANK)
			x = GI_BLANK;
		else
		{
			for (int i = 0; i < t->len; i++)
			{
				if (!gi_isdigit(t->s[i]) || x > PG_INT32_MAX)
				{
					*readable = false;
					break;
				}
				x = x * 10 + (t->s[i] - '0');
			}
		}
		v[(*n)++] = x;
	}
	return v;
}

/* The region of part k as tokens and items; false when the part was not found. */
static bool
region_items(GiParse *p, int k, GiTokens *t, Item **items, int *nitems)
{
	GiTokSource src;

	if (p->head[k] < 0)
		return false;
	src.src = p->src;
	src.srclen = p->srclen;
	src.map = &p->map;
	src.base = p->body[k];
	gi_tokenize(p->text + p->body[k], p->end[k] - p->body[k], &src, t);
	*items = make_items(t, nitems);
	if (t->garbled > 0 && !p->garbled[k])
	{
		GiTok	   *g = &t->toks[t->first_garbled];

		p->garbled[k] = true;
		gi_parse_warn(p, "value_unreadable", k, NULL, NULL,
					  "%d cell(s) of part %s mix letters and digits, as \"%.*s\" (a number misread by the copy): read as blank",
					  t->garbled, k == 2 ? "二" : k == 3 ? "三" : "四", g->len, g->s);
	}
	return true;
}

/* Count the values of a token stream and those alone on their line. */
static void
count_values(GiTokens *t, int *nvals, int *alone)
{
	*nvals = *alone = 0;
	for (int i = 0; i < t->n; i++)
		if (t->toks[i].kind == GI_TOK_NUM || t->toks[i].kind == GI_TOK_BLANK)
		{
			(*nvals)++;
			if (t->toks[i].alone)
				(*alone)++;
		}
}

/*
 * Whether the rows read after the labels may be those of the next row (F5
 * printing values before their labels): the first row found has values after
 * its label, and before it more values than the rows before it in the catalog
 * have cells (printed label first, the values before the first label found
 * can only be those of rows whose labels were lost; fill_labeled may have
 * taken them as the row's own).
 */
static bool
shifted_rows(int part, const GiGrid *g, RowRead *reads)
{
	int			cells_before = 0;

	for (int i = 0; i < g->nrows; i++)
	{
		RowRead    *r = &reads[grid_row_read(part, &g->rows[i], reads)];

		if (!r->seen || r->by_order)
		{
			cells_before += g->rows[i].ncols;
			continue;
		}
		return r->npre > cells_before && r->n > 0 && r->v[0] != r->pre[0];
	}
	return false;
}

/*
 * Whether a row of the grid was not found while a row after it was: a label
 * lost inside the table (a copy cut off loses the rows at its end).  In a
 * copy in reading order (F5), which may print a row's values before or after
 * its label, the rows read around it are then not kept unless the rules
 * prove them.
 */
static bool
row_lost_inside(int part, const GiGrid *g, RowRead *reads)
{
	bool		lost = false;

	for (int i = 0; i < g->nrows; i++)
	{
		RowRead    *r = &reads[grid_row_read(part, &g->rows[i], reads)];

		if (!r->seen)
			lost = true;
		else if (lost)
			return true;
	}
	return false;
}

/*
 * Whether the rows read by their labels are not kept unless the rules prove
 * them: they may be shifted (shifted_rows), or, table 三 in reading order
 * (F5), an unknown row or a row lost inside the table leaves the order of its
 * values in doubt.
 */
static bool
labeled_read_doubtful(int part, GiFigKind kind, int format, RowRead *reads, GiPartResult *res,
					  const char *family, int unknown_rows)
{
	const GiGrid *g = gi_layout_grid(kind, format);

	if (!shifted_rows(part, g, reads) &&
		!(part == 3 && strcmp(family, "F5") == 0 && (unknown_rows > 0 || row_lost_inside(part, g, reads))))
		return false;
	return !gi_values_prove(kind, &res->vals);
}

/* Read a labeled part (二 or 三) in the format its labels show. */
static void
read_labeled_part(GiParse *p, int part, GiFigKind kind, GiPartResult *res, bool dedup_doc)
{
	GiTokens	t;
	Item	   *items;
	int			nitems;
	RowRead    *reads = palloc0(sizeof(RowRead) * gi_nrows);
	int			format = GI_FORMAT_2021;
	int			nvals,
				alone;
	bool		dedup;
	int			any = 0;
	int			nwarn;
	bool		was_unrecoverable = p->unrecoverable;
	bool		sub = false;		/* rows 3.6.1 - 3.6.3 found: the labels show the 2021 format */
	int			unknown_rows;
	const char *family;

	if (!region_items(p, part, &t, &items, &nitems))
		return;
	count_values(&t, &nvals, &alone);
	family = family_of(&t, nvals, alone);
	unknown_rows = read_labeled(p, part, items, nitems, reads, strcmp(family, "F2") == 0);
	for (int i = 0; i < gi_nrows; i++)
		if (gi_rows[i].part == part && reads[i].seen && gi_rows[i].kind != GI_ROW_GROUP)
			any++;
	if (any == 0)
		return;
	res->found = true;
	dedup = dedup_doc && alone * 2 >= nvals && nvals > 0;

	if (part == 3)
	{
		int			r36 = catalog_row(3, "3.6");

		for (int i = 0; i < gi_nrows; i++)
			if (gi_rows[i].part == 3 && gi_rows[i].parent && strcmp(gi_rows[i].parent, "3.6") == 0 &&
				reads[i].seen)
				sub = true;
		if (!sub && reads[r36].seen && reads[r36].n > 0)
		{
			format = GI_FORMAT_2019;
			if (p->year >= 2021)
				gi_parse_warn(p, "hybrid_format", 3, "3.6", NULL,
							  "a report for %d prints (六)其他处理 as one row, as the 2019 format did",
							  p->year);
		}
		/*
		 * no (六) row at all (a copy cut off before it): the table does not
		 * show its format, the 2019 trial format of part 二 tells the template
		 */
		else if (!sub && !reads[r36].seen && p->disc.found && p->disc.format == GI_FORMAT_2019)
			format = GI_FORMAT_2019;
	}
	else
	{
		static const char *const cols2019[] = {"本年新制作数量", "本年新公开数量", "对外公开总数量",
		"上一年项目数量", "本年增/减", "采购项目数量", "其他对外管理服务事项", "政府集中采购"};
		const char *s = p->text + p->body[part];
		int			len = p->end[part] - p->body[part];

		for (int c = 0; c < (int) lengthof(cols2019) && format == GI_FORMAT_2021; c++)
			if (gi_memfind(s, len, cols2019[c], strlen(cols2019[c])) != NULL)
				format = GI_FORMAT_2019;
	}
	res->format = format;
	nwarn = list_length(p->warnings);
	if (fill_labeled(p, part, kind, format, reads, res, dedup, strcmp(family, "F4") == 0, part != 3 || sub) &&
		!labeled_read_doubtful(part, kind, format, reads, res, family, unknown_rows))
	{
		res->layout = family;
		if (p->lossy)
			gi_parse_warn(p, "lossy_copy", part, NULL, NULL,
						  "the copy lost repeated lines (each line appears once): cells not read are blank");
		return;
	}

	/* values that do not line up with their labels: reading order (F5); the label pass's warnings go */
	p->warnings = list_truncate(p->warnings, nwarn);
	p->unrecoverable = was_unrecoverable;
	{
		int			n;
		bool		readable;
		int64	   *v = values_in_order(items, nitems, &n, &readable);

		int			other = format == GI_FORMAT_2021 ? GI_FORMAT_2019 : GI_FORMAT_2021;

		if (readable && gi_assign_in_order(p, kind, format, v, n, &res->vals))
		{
			res->layout = "F5";
			res->complete = true;
			return;
		}
		/* the count of a one-row (六)其他处理 (or of 3.6.1-3.6.3) tells the format */
		if (readable && part == 3 && !sub && gi_assign_in_order(p, kind, other, v, n, &res->vals))
		{
			res->layout = "F5";
			res->complete = true;
			res->format = other;
			if (other == GI_FORMAT_2019 && p->year >= 2021)
				gi_parse_warn(p, "hybrid_format", 3, "3.6", NULL,
							  "a report for %d prints (六)其他处理 as one row, as the 2019 format did",
							  p->year);
			return;
		}
		gi_init_values(gi_layout_grid(kind, format), &res->vals);
		res->vals.format = format;
		res->complete = false;
		p->unrecoverable = true;
		gi_parse_warn(p, "columns_unrecoverable", part, NULL, NULL,
					  "the %d values of part %s do not line up with its rows and the rules do not prove an order",
					  n, part == 2 ? "二" : "三");
	}
}

/*
 * Whether number tokens may be pieces of one run of digits cut by single
 * spaces (a crawler's dump, F6: `2 0 00 0 02`): all on one line with one space
 * between each and the next.  Numbers a '|', a tab, two spaces or a line break
 * set apart are cells: their digits never join another cell's.
 */
static bool
runs_may_join(GiTok **runs, int nr)
{
	for (int k = 1; k < nr; k++)
	{
		const GiTok *a = runs[k - 1];
		const GiTok *b = runs[k];

		if (a->line != b->line || a->tabbed || b->tabbed || b->s != a->s + a->len + 1 || a->s[a->len] != ' ')
			return false;
	}
	return true;
}

/*
 * Part 四 as one line of cells some of which are empty (`|3||1|`): when its
 * values and the empty cells between the first value and the last are the
 * fifteen cells, each value stays in its cell and an empty cell is blank.
 */
static bool
appeal_cells_with_empties(Item *items, int nitems, const int64 *v, int n, const GiGrid *g, GiValues *vals)
{
	int			first = -1,
				last = -1,
				cells = 0,
				i = 0,
				j = 0;

	for (int k = 0; k < nitems; k++)
		if (items[k].value && items[k].tok->kind != GI_TOK_EMPTY)
		{
			if (first >= 0 && items[k].tok->line != items[first].tok->line)
				return false;
			if (first < 0)
				first = k;
			last = k;
		}
	if (first < 0)
		return false;
	for (int k = first; k <= last; k++)
		if (items[k].value && items[k].tok->line == items[first].tok->line)
			cells++;
	if (cells != g->nvalues || n == cells)
		return false;
	for (int k = first; k <= last; k++)
		if (items[k].value && items[k].tok->line == items[first].tok->line)
			vals->v[i++] = items[k].tok->kind == GI_TOK_EMPTY ? GI_BLANK : v[j++];
	return true;
}

/*
 * Part 四 of a copy cut off inside its row of values (F8): the values before
 * the cut are kept in their columns, the rest blank, when nothing says the
 * copy lost a cell: the document ends in part 四 with a value, the values
 * stand on lines between '|' (a table printed one row per line or one cell
 * per line), tables 二 and 三 were read complete (no row short of values),
 * no cell of part 四 is printed empty (its place would be lost), and every
 * group of five read whole has its 总计 equal to the sum of its four cells.
 * The last value is blank when it ends the copy (it may have lost digits).
 */
static bool
cut_inside_values(GiParse *p, GiTokens *t, Item *items, int nitems, const int64 *v, int n, const GiGrid *g,
				  GiPartResult *res)
{
	int			last = -1;

	if (!p->truncated || p->unrecoverable || p->lossy || !p->req.complete || !p->disc.complete ||
		t->pipe_rows + t->pipe_lines == 0 || n >= g->nvalues || nitems == 0 || !items[nitems - 1].value)
		return false;
	for (int k = 0; k + 5 <= n; k += 5)
		if (v[k + 4] != v[k] + v[k + 1] + v[k + 2] + v[k + 3])
			return false;
	for (int k = 0; k < nitems; k++)
		if (items[k].value)
		{
			if (items[k].tok->kind == GI_TOK_EMPTY)
				return false;	/* a cell printed empty: values_in_order skips it */
			last = k;
		}
	memcpy(res->vals.v, v, sizeof(int64) * n);
	if (last >= 0 && cut_at_end(p, items[last].tok, false))
		res->vals.v[n - 1] = GI_BLANK;
	return true;
}

/* Read part 四: fifteen values in order (one row, or three rows of five). */
static void
read_appeals(GiParse *p, GiPartResult *res, bool dedup_doc)
{
	GiTokens	t;
	Item	   *items;
	int			nitems;
	int			n;
	bool		readable;
	int64	   *v;
	const GiGrid *g = gi_layout_grid(GI_FIG_APPEAL, 0);

	if (!region_items(p, 4, &t, &items, &nitems))
		return;
	gi_init_values(g, &res->vals);
	res->format = 0;
	v = values_in_order(items, nitems, &n, &readable);
	if (n == 0)
		return;
	res->found = true;
	if (n == g->nvalues && readable)
	{
		memcpy(res->vals.v, v, sizeof(int64) * n);
		res->complete = true;
		for (int k = nitems - 1; k >= 0; k--)
			if (items[k].value && items[k].tok->kind != GI_TOK_EMPTY)
			{
				if (cut_at_end(p, items[k].tok, false))
				{
					res->vals.v[n - 1] = GI_BLANK;
					res->complete = false;
					gi_parse_warn(p, "truncated", 4, NULL, NULL,
								  "the last value of part 四 ends the cut-off copy: it may have lost digits");
				}
				break;
			}
		return;
	}
	/* one run of fifteen cells (or runs adding up to at least fifteen digits) */
	{
		GiTok	   *runs[MAX_ROW_VALS];
		int			nr = 0;
		int			digits = 0;
		bool		all_num = true;

		for (int k = 0; k < nitems; k++)
			if (items[k].value && items[k].tok->kind != GI_TOK_EMPTY)
			{
				if (items[k].tok->kind != GI_TOK_NUM || nr == MAX_ROW_VALS)
					all_num = false;
				else
				{
					runs[nr++] = items[k].tok;
					digits += items[k].tok->len;
				}
			}
		if (all_num && nr < g->nvalues && digits >= g->nvalues && runs_may_join(runs, nr))
		{
			Runs		rs;
			bool		complete = true;

			memset(&rs, 0, sizeof(rs));
			rs.n = 1;
			rs.first[0] = 0;
			rs.ncells[0] = g->nvalues;
			rs.text[0] = run_text(runs, nr, &rs.len[0]);
			rs.code[0] = "review";
			split_runs(p, GI_FIG_APPEAL, 0, 4, &rs, &res->vals, &complete);
			res->complete = complete;
			return;
		}
	}
	res->complete = false;
	if (readable && (appeal_cells_with_empties(items, nitems, v, n, g, &res->vals) ||
					 cut_inside_values(p, &t, items, nitems, v, n, g, res)))
		return;
	/* a copy cut off inside part 四 is short for the cut, not for lost repeated lines */
	if (dedup_doc && n < g->nvalues && !p->truncated)
	{
		p->lossy = true;
		gi_parse_warn(p, "lossy_copy", 4, NULL, NULL,
					  "part 四 holds %d of its 15 values and the copy lost repeated lines", n);
	}
	else
	{
		p->unrecoverable = true;
		gi_parse_warn(p, "columns_unrecoverable", 4, NULL, NULL,
					  "part 四 holds %d values where the table has 15: their columns cannot be told", n);
	}
}

/* Read the three tables of the document. */
void
gi_read_tables(GiParse *p)
{
	bool		dedup = lines_all_distinct(p);

	/* a document cut off: no part after the last table found */
	if (p->head[5] < 0 && p->head[6] < 0 && (p->head[3] >= 0 || p->head[4] >= 0 || p->head[2] >= 0))
		p->truncated = true;
	read_labeled_part(p, 2, GI_FIG_DISCLOSURE, &p->disc, dedup);
	read_labeled_part(p, 3, GI_FIG_REQUEST, &p->req, dedup);
	read_appeals(p, &p->appeal, dedup);
	/* a cell of letters and digits was not read: blank, but not blank in the document */
	p->disc.complete &= !p->garbled[2];
	p->req.complete &= !p->garbled[3];
	p->appeal.complete &= !p->garbled[4];
	if (p->truncated)
		gi_parse_warn(p, "truncated", 0, NULL, NULL,
					  "the document ends before parts 五 and 六: the tables after the cut are missing");
}
