/*
 * parse_tokens.c — a table region of the normalized document as a stream of
 * tokens: pieces of text (labels or their parts), numbers, blanks and empty
 * cells.  Lines are cut into cells at '|' and at runs of two or more spaces
 * (pdftotext -layout; a tab is two spaces in the normalized text); each line's
 * separator kind is counted for the layout (| rows, single-tab rows, single-
 * space rows, aligned columns); a number glued to text (a crawler's dump) is its own
 * token; a numbering "2." swallowed at the end of a digit run starts the next
 * label.  Page numbers ("- 4 -", "第4页") are dropped.  Linear in the region.
 */
#include "postgres.h"

#include "parse.h"

/* Characters after a number that make it narrative (2021年, 21件), not a cell: % and these. */
static const char counters3[][4] = {"年", "月", "日", "件", "条", "个", "次", "项", "号", "人", "份", "页", "期", "名", "家"};

/* Whether a counter (年, 件, %, ...) starts at s[i], within [.., b). */
static inline bool
counted_at(const char *s, int i, int b)
{
	if (i >= b)
		return false;
	if (s[i] == '%')
		return true;
	if ((unsigned char) s[i] < 0xE4 || i + 3 > b)
		return false;
	for (int c = 0; c < (int) lengthof(counters3); c++)
		if (s[i] == counters3[c][0] && s[i + 1] == counters3[c][1] && s[i + 2] == counters3[c][2])
			return true;
	return false;
}

/* Whether a whole cell is a blank written as a mark. */
static bool
is_blank_mark(const char *s, int len)
{
	static const struct
	{
		const char *mark;
		int			len;
	}			marks[] = {
#define MARK(m) {m, sizeof(m) - 1}
		MARK("/"), MARK("-"), MARK("--"), MARK("—"), MARK("——"), MARK("无"), MARK("\\"), MARK("–"),
		MARK("―"), MARK("/ "), MARK("空"), MARK("&nbsp;"), MARK("&nbsp"), MARK("&#160;")
#undef MARK
	};

	unsigned char c = len > 0 ? (unsigned char) s[0] : 0;

	if (len > 6)
		return false;
	/* the first bytes of the marks: / - \ & and the lead bytes of — – ― (E2), 无 (E6), 空 (E7) */
	if (c != '/' && c != '-' && c != '\\' && c != '&' && c != 0xE2 && c != 0xE6 && c != 0xE7)
		return false;
	for (int i = 0; i < (int) lengthof(marks); i++)
		if (marks[i].len == len && memcmp(s, marks[i].mark, len) == 0)
			return true;
	return false;
}

/* Whether the line [s, s + len) is a page number or a page break mark. */
static bool
is_page_line(const char *s, int len)
{
	int			i = 0,
				d = 0;

	if (len >= 3 && s[0] == '-' && s[len - 1] == '-')
	{
		for (i = 1; i < len - 1; i++)
			if (gi_isdigit(s[i]))
				d++;
			else if (s[i] != ' ')
				return false;
		return d > 0;
	}
	if (len >= 7 && gi_strneq(s, "第", 3))
	{
		for (i = 3; i < len && (gi_isdigit(s[i]) || s[i] == ' '); i++)
			d++;
		return d > 0 && i + 3 <= len && gi_strneq(s + i, "页", 3);
	}
	return false;
}

/*
 * Whether the normalized line [a, b) of a region is a page number printed
 * without dashes: one to three digits alone on the last line with content
 * before a form feed in the source (pdftotext ends a page with its footer).
 */
static bool
is_bare_page_number(const char *s, int a, int b, const GiTokSource *source)
{
	int			k;

	if (source == NULL || source->src == NULL || b - a > 3)
		return false;
	for (k = a; k < b; k++)
		if (!gi_isdigit(s[k]))
			return false;
	k = gi_parse_source_offset(source->src, source->srclen, source->map, source->base + b);
	for (; k < source->srclen; k++)
	{
		unsigned char c = source->src[k];

		if (c == '\f')
			return true;
		if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
			return false;
	}
	return false;
}

/* Append a token. */
static GiTok *
add(GiTokens *t, int *cap, GiTokKind kind, const char *s, int len, int line)
{
	GiTok	   *k;

	if (t->n == *cap)
	{
		*cap *= 2;
		t->toks = repalloc(t->toks, sizeof(GiTok) * *cap);
	}
	k = &t->toks[t->n++];
	memset(k, 0, sizeof(*k));
	k->kind = kind;
	k->s = s;
	k->len = len;
	k->line = line;
	return k;
}

/* Append a cell read as blank for a number misread by the copy, counted for the caller's warning. */
static void
add_garbled(GiTokens *t, int *cap, const char *s, int len, int line)
{
	GiTok	   *k = add(t, cap, GI_TOK_BLANK, s, len, line);

	k->garbled = true;
	if (t->garbled++ == 0)
		t->first_garbled = t->n - 1;
}

/* Whether s[i] (a digit, not 0: no row is numbered 0) starts a numbering "2." or "2、" before a label. */
static bool
numbering_digit(const char *s, int i, int end)
{
	int			j = i + 1;

	if (s[i] == '0' || (j < end && gi_isdigit(s[j])))
		return false;
	if (j < end && (s[j] == '.' || s[j] == ','))
		j++;
	else if (j + 3 <= end && gi_strneq(s + j, "、", 3))
		j += 3;
	else
		return false;
	while (j < end && s[j] == ' ')
		j++;
	return j < end && !gi_isdigit(s[j]) && s[j] != '.';
}

/* Whether s[i..] is a thousands group: a comma and exactly three digits (before b). */
static inline bool
thousands_group(const char *s, int i, int b)
{
	return i + 3 < b && s[i] == ',' && gi_isdigit(s[i + 1]) && gi_isdigit(s[i + 2]) &&
		gi_isdigit(s[i + 3]) && (i + 4 == b || !gi_isdigit(s[i + 4]));
}

/*
 * Where an annotation in parentheses after the number s[st, i) ends, or i when
 * there is none: "17(其中网上申请5)" or "17 (含网上申请5件)" (（） are ( ) in the
 * normalized text).  The number stands alone before it (the cell's start or a
 * space), the parentheses close within the cell [a, b) and hold text (a
 * character outside ASCII), no other parenthesis and at most 90 bytes, and the
 * cell ends or a space follows after them.  Then the number is the cell's value
 * and the annotation's numbers are no values.
 */
static int
annotation_end(const char *s, int st, int i, int a, int b)
{
	int			j = i;
	bool		text = false;

	if (st > a && s[st - 1] != ' ')
		return i;
	while (j < b && s[j] == ' ')
		j++;
	if (j >= b || s[j] != '(')
		return i;
	for (j++; j < b && j - i <= 90; j++)
	{
		if (s[j] == ')')
			return text && (j + 1 == b || s[j + 1] == ' ') ? j + 1 : i;
		if (s[j] == '(' || s[j] == '|')
			return i;
		if ((unsigned char) s[j] >= 0x80)
			text = true;
	}
	return i;
}

/* Whether c is an ASCII letter or digit. */
static inline bool
ascii_alnum(char c)
{
	return gi_isdigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * The end of a number misread by the copy starting at s[i], or i when there
 * is none: a word of ASCII letters and digits holding both (l2, 62O, 2,3O6.4), or
 * of the look-alikes of 0 and 1 only (O, OOOOOOO, ll).
 */
static int
garbled_end(const char *s, int i, int a, int b)
{
	int			j = i;
	bool		digit = false,
				letter = false,
				other = false;

	if (i > a && ascii_alnum(s[i - 1]))
		return i;
	while (j < b && (ascii_alnum(s[j]) || ((s[j] == '.' || s[j] == ',') && j > i && j + 1 < b && ascii_alnum(s[j + 1]))))
	{
		if (gi_isdigit(s[j]))
			digit = true;
		else if (s[j] != '.' && s[j] != ',')
		{
			letter = true;
			other |= s[j] != 'O' && s[j] != 'o' && s[j] != 'l' && s[j] != 'I';
		}
		j++;
	}
	return letter && (digit || !other) ? j : i;
}

/* The length of the footnote marks (*, ※, †, ‡, ① - ⑳) at s[i], within [.., b); 0 when none. */
static int
footnote_mark_len(const char *s, int i, int b)
{
	int			j = i;

	for (;;)
	{
		const unsigned char *u = (const unsigned char *) s + j;

		if (j < b && s[j] == '*')
			j++;
		else if (j + 3 <= b && u[0] == 0xE2 &&
				 ((u[1] == 0x80 && (u[2] == 0xBB || u[2] == 0xA0 || u[2] == 0xA1)) ||
				  (u[1] == 0x91 && u[2] >= 0xA0 && u[2] <= 0xB3)))
			j += 3;
		else
			return j - i;
	}
}

/* Whether the cell [a, b) holds only numbers (digits, . and ,), two or more, one space apart. */
static bool
spaced_numbers(const char *s, int a, int b)
{
	int			spaces = 0;

	for (int i = a; i < b; i++)
	{
		if (s[i] == ' ')
		{
			if (i + 1 < b && s[i + 1] == ' ')
				return false;
			spaces++;
		}
		else if (!gi_isdigit(s[i]) && s[i] != '.' && s[i] != ',')
			return false;
	}
	return spaces > 0;
}

/* Cut one cell [a, b) into tokens. */
static void
cell_tokens(GiTokens *t, int *cap, const char *s, int a, int b, int line)
{
	int			i = a;

	if (is_blank_mark(s + a, b - a))
	{
		add(t, cap, GI_TOK_BLANK, s + a, b - a, line);
		return;
	}
	while (i < b)
	{
		bool		sign = (s[i] == '+' || s[i] == '-') && i + 1 < b && gi_isdigit(s[i + 1]) &&
			(i == a || s[i - 1] == ' ');

		if (s[i] == ' ')
		{
			i++;
			continue;
		}
		/* a number misread with letters: a cell, read as blank (the caller warns) */
		if (ascii_alnum(s[i]))
		{
			int			e = garbled_end(s, i, a, b);

			if (e > i)
			{
				add_garbled(t, cap, s + i, e - i, line);
				i = e;
				continue;
			}
		}
		if ((gi_isdigit(s[i]) && !(i > a && s[i - 1] == '(')) || sign)
		{
			int			st = i;
			int			dend;
			GiTok	   *k;

			if (sign)
				i++;
			while (i < b && gi_isdigit(s[i]))
				i++;
			/* thousands separators after one to three leading digits: 1,234.56 */
			if (!sign && i - st <= 3)
				while (thousands_group(s, i, b))
					i += 4;
			dend = i;
			if (i + 1 < b && s[i] == '.' && gi_isdigit(s[i + 1]))
			{
				for (i++; i < b && gi_isdigit(s[i]); i++)
					;
			}
			else if (!sign && numbering_digit(s, i - 1, b))
			{
				/* "…00002.没有" : the last digit numbers the next label */
				dend = i - 1;
				if (dend > st)
				{
					k = add(t, cap, GI_TOK_NUM, s + st, dend - st, line);
					k->glued = true;
				}
				i = dend;
				goto text;
			}
			/* a number followed by a counter is narrative */
			if (counted_at(s, i, b))
			{
				i = st;
				goto text;
			}
			k = add(t, cap, GI_TOK_NUM, s + st, i - st, line);
			(void) dend;
			{
				/* a footnote mark after the number or its unit (12*, 12①, 25*万元): the number is the value */
				int			before = footnote_mark_len(s, i, b);
				int			u = i + before;
				int			after;

				if (u + 6 <= b && gi_strneq(s + u, "万元", 6))
				{
					k->unit = GI_UNIT_WAN;
					i = u + 6;
				}
				else if (u + 3 <= b && gi_strneq(s + u, "元", 3))
				{
					k->unit = GI_UNIT_YUAN;
					i = u + 3;
				}
				else
					before = 0;	/* no unit: the mark is read as after the number */
				after = footnote_mark_len(s, i, b);
				i += after;
				if (before + after > 0)
				{
					k->annotated = true;
					k->marked = true;
				}
			}
			{
				int			after = annotation_end(s, st, i, a, b);

				if (after > i)
				{
					k->annotated = true;
					k->glued = false;
					i = after;
					continue;
				}
			}
			k->glued = (st > a && s[st - 1] != ' ') || (i < b && s[i] != ' ');
			continue;
		}
text:
		{
			int			st = i;

			/* a piece of text runs to the next number that is not a numbering or counted */
			while (i < b)
			{
				if (i > st && ascii_alnum(s[i]) && !ascii_alnum(s[i - 1]) && garbled_end(s, i, a, b) > i)
					break;
				if (gi_isdigit(s[i]))
				{
					int			j = i;
					bool		counted = false;

					if ((i > a && s[i - 1] == '(') ||
						((i == st || !gi_isdigit(s[i - 1])) && numbering_digit(s, i, b)))
					{
						i++;
						continue;
					}
					while (j < b && gi_isdigit(s[j]))
						j++;
					counted = counted_at(s, j, b);
					if (!counted)
						break;
					i = j;
					continue;
				}
				if ((s[i] == '+' || s[i] == '-') && i > st && i + 1 < b &&
					gi_isdigit(s[i + 1]) && s[i - 1] == ' ')
					break;
				i += gi_utf8_len((unsigned char) s[i]);
			}
			if (i > b)
				i = b;
			{
				int			e = i;

				while (e > st && s[e - 1] == ' ')
					e--;
				if (e > st)
					add(t, cap, GI_TOK_TEXT, s + st, e - st, line);
			}
			if (i == st)
				i += gi_utf8_len((unsigned char) s[i]);
		}
	}
}

/*
 * The length in bytes of the line break at src[k], as normalization reads
 * them (\n, \r, \r\n, \f, \v, U+0085, U+2028, U+2029); 0 when there is none.
 */
int
gi_source_break_len(const char *src, int len, int k)
{
	unsigned char c = (unsigned char) src[k];

	if (c == '\n' || c == '\f' || c == '\v')
		return 1;
	if (c == '\r')
		return k + 1 < len && src[k + 1] == '\n' ? 2 : 1;
	if (c == 0xC2 && k + 1 < len && (unsigned char) src[k + 1] == 0x85)
		return 2;
	if (c == 0xE2 && k + 2 < len && (unsigned char) src[k + 1] == 0x80 &&
		((unsigned char) src[k + 2] == 0xA8 || (unsigned char) src[k + 2] == 0xA9))
		return 3;
	return 0;
}

/*
 * The end of the source line starting at k, at its line break (the breaks
 * normalization turns into '\n'); *next is set to where the next line starts.
 */
static int
source_eol(const char *src, int len, int k, int *next)
{
	for (; k < len; k++)
	{
		int			b = gi_source_break_len(src, len, k);

		if (b > 0)
		{
			*next = k + b;
			return k;
		}
	}
	*next = len;
	return len;
}

/*
 * Whether the normalized line [a, b) was printed with its cells separated by
 * single tabs: its source line [sa, sb) holds a tab and, between its first and
 * last characters, every run of white space is a single character (a tab
 * between cells, a space inside one).  Normalization turns a tab into two
 * spaces, so the normalized line qualifies only when its runs of spaces are
 * of one or two; the source tells a tab from two spaces.  A run of tabs, or a
 * tab beside a space, aligns columns (F4) rather than separating cells.
 */
static bool
tab_separated(const char *s, int a, int b, const char *src, int sa, int sb)
{
	int			k;
	int			run = 0;
	bool		tab = false;
	bool		two = false;

	for (k = a; k < b; k++)
	{
		run = s[k] == ' ' ? run + 1 : 0;
		if (run > 2)
			return false;
		two |= run == 2;
	}
	if (!two)
		return false;
	while (sa < sb && (src[sa] == ' ' || src[sa] == '\t'))
		sa++;
	run = 0;
	for (k = sa; k < sb; k++)
	{
		if (src[k] != '\t' && src[k] != ' ')
		{
			if (run > 1)
				return false;
			run = 0;
			continue;
		}
		run++;
		tab |= src[k] == '\t';
	}
	return tab;
}

/* The value of a token of one to three plain digits, or -1. */
static int
small_number(const GiTok *t)
{
	int			v = 0;

	if (t->kind != GI_TOK_NUM || t->glued || t->annotated || t->unit != 0 || t->len < 1 || t->len > 3)
		return -1;
	for (int c = 0; c < t->len; c++)
	{
		if (!gi_isdigit(t->s[c]))
			return -1;
		v = v * 10 + (t->s[c] - '0');
	}
	return v;
}

/*
 * Drop a 序号 column: rows numbered 1, 2, 3 … in a cell before their label.
 * A line is a candidate when its first token is a number of one to three
 * digits standing alone and its second token, on the same line, is text (a
 * label: a value never comes before the label in a row that prints its label).
 * A run of at least four candidate lines whose numbers are 1, 2, 3 … in order
 * is a 序号 column, and those numbers are dropped; anything else stays as read
 * (the values of a row wrapped onto the next line do not count 1, 2, 3, 4).
 */
static void
drop_serials(GiTokens *t)
{
	int		   *cand;
	bool	   *drop;
	int			nc = 0;
	int			ndrop = 0;
	int			o = 0;

	if (t->n < 8)
		return;
	cand = palloc(sizeof(int) * t->n);
	drop = palloc0(sizeof(bool) * t->n);
	for (int k = 0; k + 1 < t->n; k++)
		if ((k == 0 || t->toks[k - 1].line != t->toks[k].line) &&
			t->toks[k + 1].line == t->toks[k].line && t->toks[k + 1].kind == GI_TOK_TEXT &&
			small_number(&t->toks[k]) >= 0)
			cand[nc++] = k;
	for (int i = 0; i < nc;)
	{
		int			j = i + 1;

		while (j < nc && small_number(&t->toks[cand[j]]) == small_number(&t->toks[cand[j - 1]]) + 1)
			j++;
		if (small_number(&t->toks[cand[i]]) == 1 && j - i >= 4)
			for (int c = i; c < j; c++)
			{
				drop[cand[c]] = true;
				ndrop++;
			}
		i = j;
	}
	if (ndrop > 0)
	{
		for (int k = 0; k < t->n; k++)
			if (!drop[k])
				t->toks[o++] = t->toks[k];
		t->n = o;
		/* a line left with one token (a label alone) */
		for (int k = 0; k < t->n; k++)
			t->toks[k].alone = (k == 0 || t->toks[k - 1].line != t->toks[k].line) &&
				(k + 1 == t->n || t->toks[k + 1].line != t->toks[k].line);
	}
	pfree(cand);
	pfree(drop);
}

/*
 * Tokenize a table region [s, s + len) of the normalized text.  With source
 * (where the region stands in the document), lines whose cells are separated
 * by single tabs are told from columns aligned by spaces.
 */
void
gi_tokenize(const char *s, int len, const GiTokSource *source, GiTokens *out)
{
	int			cap = 256;
	int			i = 0;
	int			line = 0;
	bool		tabs = false;
	bool		formfeeds = false;	/* a form feed in the source from the region on: page numbers to drop */
	int			sc = 0;			/* with tabs: where the next line starts in the source */

	memset(out, 0, sizeof(*out));
	out->toks = palloc(sizeof(GiTok) * cap);
	if (source != NULL && source->src != NULL)
	{
		int			to = gi_parse_source_offset(source->src, source->srclen, source->map, source->base + len);

		sc = gi_parse_source_offset(source->src, source->srclen, source->map, source->base);
		tabs = to > sc && memchr(source->src + sc, '\t', to - sc) != NULL;
		formfeeds = memchr(source->src + sc, '\f', source->srclen - sc) != NULL;
	}
	while (i < len)
	{
		int			a = i,
					b,
					eol;
		int			sa = 0,
					sb = 0;
		int			pipes = 0;
		bool		content = false;
		bool		spaced = false;
		int			first_tok = out->n;

		{
			const char *nl = memchr(s + i, '\n', len - i);

			i = nl ? (int) (nl - s) : len;
		}
		eol = i++;
		b = eol;
		/* the same line in the source (a line break there is one '\n' here) */
		if (tabs)
		{
			sa = sc;
			sb = source_eol(source->src, source->srclen, sc, &sc);
		}
		while (a < b && s[a] == ' ')
			a++;
		while (b > a && s[b - 1] == ' ')
			b--;
		line++;
		if (a == b || is_page_line(s + a, b - a) || (formfeeds && is_bare_page_number(s, a, b, source)))
			continue;
		for (int k = a; k < b; k++)
		{
			if (s[k] == '|')
				pipes++;
			else if (s[k] != ' ')
				content = true;
		}
		if (!content)
		{
			out->pipe_lines++;
			if (pipes > 1)
				out->multi_pipe_lines++;
			continue;
		}
		/* cells: between '|', and between runs of two or more spaces */
		{
			int			c = a;
			bool		after_pipe = false;

			while (c <= b)
			{
				int			e = c;
				int			ca,
							cb;

				while (e < b && s[e] != '|' && !(s[e] == ' ' && e + 1 < b && s[e + 1] == ' '))
					e++;
				ca = c;
				cb = e;
				while (ca < cb && s[ca] == ' ')
					ca++;
				while (cb > ca && s[cb - 1] == ' ')
					cb--;
				if (cb > ca)
				{
					/* | 4 4 |: one cell holds numbers one space apart (a number's digits spaced) */
					if (pipes > 0 && spaced_numbers(s, ca, cb))
						add_garbled(out, &cap, s + ca, cb - ca, line);
					else
						cell_tokens(out, &cap, s, ca, cb, line);
				}
				else if (after_pipe && e < b && s[e] == '|')
					add(out, &cap, GI_TOK_EMPTY, s + ca, 0, line);
				if (e >= b)
					break;
				if (s[e] == '|')
				{
					after_pipe = true;
					c = e + 1;
				}
				else
				{
					spaced = true;
					while (e < b && s[e] == ' ')
						e++;
					c = e;
				}
			}
		}
		if (pipes > 0)
			out->pipe_rows++;
		else if (spaced && tabs && tab_separated(s, a, b, source->src, sa, sb))
		{
			out->tab_rows++;
			for (int k = first_tok; k < out->n; k++)
				out->toks[k].tabbed = true;
		}
		else if (spaced)
			out->spaced_lines++;
		else if (out->n > first_tok + 1 && out->toks[first_tok].kind == GI_TOK_TEXT)
		{
			/* a label and values separated by single spaces */
			for (int k = first_tok + 1; k < out->n; k++)
				if (out->toks[k].kind == GI_TOK_NUM || out->toks[k].kind == GI_TOK_BLANK)
				{
					out->plain_rows++;
					break;
				}
		}
		if (out->n == first_tok + 1)
			out->toks[first_tok].alone = true;
	}
	drop_serials(out);
}
