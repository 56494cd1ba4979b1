/*
 * parse_labels.c — matching a label as printed against the catalog's row
 * labels: exact (or the label without its parenthetical), a label followed by
 * debris, a known variant, a small edit distance (label_variant), or the
 * start of a label broken over lines.  The keys of the catalog are built once
 * per backend from catalog.c through the parser's own normalization.
 */
#include "postgres.h"

#include "mb/pg_wchar.h"
#include "utils/memutils.h"

#include "parse.h"

/* the key of each catalog row (NULL for parts without row labels) */
typedef struct RowKey
{
	char	   *key;			/* label without numbering, normalized */
	char	   *shortkey;		/* without a trailing parenthetical, or NULL */
	int			keylen;			/* strlen of key and of shortkey (0 when NULL) */
	int			shortlen;
	pg_wchar   *wkey;			/* key as code points */
	int			wlen;
	pg_wchar   *wshort;
	int			wshortlen;
} RowKey;

static RowKey *row_keys = NULL;

/*
 * The index of the exact match: every key and short key of the rows of a
 * part, in catalog order (a key before its short key), with its first and
 * last three bytes to turn most candidates down in one comparison.
 */
typedef struct KeyCand
{
	int			row;
	const char *key;
	int			len;
	uint32		head;			/* the first three bytes (when len >= 3) */
	uint32		tail;			/* the last three bytes (when len >= 3) */
	bool		shortrow;		/* the row's key is too short to match out of context */
} KeyCand;

#define MAX_PART 4
static KeyCand *part_cands[MAX_PART + 1];
static int	part_ncands[MAX_PART + 1];

/* for each catalog row: the first row of its part with its code, and its parent's row (-1) */
static int *canonical_row = NULL;
static int *parent_row = NULL;

/* Three bytes at s as one number. */
static inline uint32
three_bytes(const char *s)
{
	return ((uint32) (unsigned char) s[0] << 16) | ((uint32) (unsigned char) s[1] << 8) |
		(uint32) (unsigned char) s[2];
}

/* Known variants of official labels seen in published reports (normalized keys). */
static const struct
{
	const char *code;
	const char *variant;
}			variants[] = {
	{"1", "本年新收政府信息公开申请"},
	{"1", "本年新收申请数量"},
	{"2", "上年结转申请数量"},
	{"2", "上年结转政府信息公开申请"},
	{"4", "结转下年度办理"},
	{"4", "结转下年度继续办理的申请"},
	{"3.4.1", "本机关不掌握相关信息"},
	{"3.5.1", "信访举报投诉类"},
	{"2.8.1", "行政事业性收费项目"},
	{"2.1.2", "规范性文件"},
};

/* Whether c is a Chinese numeral 一 … 十. */
static bool
is_cn_numeral(const char *s, int *n)
{
	static const char *const nums[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

	for (int i = 0; i < (int) lengthof(nums); i++)
		if (gi_strneq(s, nums[i], 3))
		{
			*n = 3;
			return true;
		}
	return false;
}

/* Length of a numbering at s ("(三)", "三、", "2.", "(1)"), 0 if none. */
static int
numbering_len(const char *s, int len)
{
	int			n;

	if (len >= 3 && s[0] == '(')
	{
		int			i = 1;

		if (i < len && is_cn_numeral(s + i, &n))
			i += n;
		else
			while (i < len && gi_isdigit(s[i]) && i < 3)
				i++;
		if (i > 1 && i < len && s[i] == ')')
			return i + 1;
		return 0;
	}
	if (len >= 6 && is_cn_numeral(s, &n) && gi_strneq(s + n, "、", 3))
		return n + 3;
	if (len >= 2 && gi_isdigit(s[0]))
	{
		int			i = 0;

		while (i < len && i < 2 && gi_isdigit(s[i]))
			i++;
		if (i < len && (s[i] == '.' || s[i] == ','))
			return (i + 1 < len && gi_isdigit(s[i + 1])) ? 0 : i + 1;
		if (i + 3 <= len && gi_strneq(s + i, "、", 3))
			return i + 3;
	}
	return 0;
}

/*
 * The length of a unit in parentheses ending key[0, o): (件), (个), (单位:件)
 * as a copy may print after a row's label; 0 when there is none.
 */
static int
unit_suffix_len(const char *key, int o)
{
	static const char *const units[] = {"件", "个", "项", "条", "次", "人", "家", "份", "元", "万元"};
	int			b = o - 1;
	int			a;

	if (b < 0 || key[b] != ')')
		return 0;
	for (a = b - 1; a >= 0 && key[a] != '('; a--)
		;
	if (a < 0)
		return 0;
	for (int u = 0; u < (int) lengthof(units); u++)
	{
		int			ul = strlen(units[u]);
		const char *c = key + a + 1;
		int			cl = b - a - 1;

		if (cl > 7 && gi_strneq(c, "单位:", 7))
		{
			c += 7;
			cl -= 7;
		}
		if (cl == ul && gi_strneq(c, units[u], ul))
			return o - a;
	}
	return 0;
}

/*
 * The matching key of a label: its numbering (one or two levels) dropped,
 * white space and quotes dropped, 、 as ',', a unit in parentheses at its end
 * (件) dropped.  s is normalized text.
 */
char *
gi_label_key(const char *s, int len)
{
	char	   *out = palloc(len + 1);
	int			o = 0;
	int			i = 0;
	int			n;

	for (int level = 0; level < 2; level++)
	{
		while (i < len && s[i] == ' ')
			i++;
		if ((n = numbering_len(s + i, len - i)) == 0)
			break;
		i += n;
	}
	while (i < len)
	{
		unsigned char c = s[i];

		if (c >= 0x80 && c != 0xE3)
			out[o++] = s[i++];	/* a byte of a character other than 、 (E3 80 81) */
		else if (c == ' ' || c == '\n' || c == '"' || c == '\'' || c == '|')
			i++;
		else if (gi_strneq(s + i, "、", 3))
		{
			out[o++] = ',';
			i += 3;
		}
		else
			out[o++] = s[i++];
	}
	o -= unit_suffix_len(out, o);
	out[o] = '\0';
	return out;
}

static int	row_by_code(int part, const char *code);

/* A key as code points. */
static pg_wchar *
wide(const char *s, int *wlen)
{
	int			n = strlen(s);
	pg_wchar   *w = palloc(sizeof(pg_wchar) * (n + 1));

	*wlen = pg_encoding_mb2wchar_with_len(PG_UTF8, s, w, n);
	return w;
}

/* Build the keys of every catalog row, once per backend. */
static void
build_keys(void)
{
	MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);
	RowKey	   *keys = palloc0(sizeof(RowKey) * gi_nrows);

	for (int i = 0; i < gi_nrows; i++)
	{
		int			nlen;
		char	   *norm = gi_parse_normalize(gi_rows[i].label_zh, strlen(gi_rows[i].label_zh), &nlen, NULL);
		char	   *open;

		keys[i].key = gi_label_key(norm, nlen);
		keys[i].keylen = strlen(keys[i].key);
		keys[i].wkey = wide(keys[i].key, &keys[i].wlen);
		open = strchr(keys[i].key, '(');
		if (open && open != keys[i].key && keys[i].key[strlen(keys[i].key) - 1] == ')')
		{
			keys[i].shortkey = pnstrdup(keys[i].key, open - keys[i].key);
			keys[i].shortlen = strlen(keys[i].shortkey);
			keys[i].wshort = wide(keys[i].shortkey, &keys[i].wshortlen);
		}
	}
	canonical_row = palloc(sizeof(int) * gi_nrows);
	parent_row = palloc(sizeof(int) * gi_nrows);
	for (int i = 0; i < gi_nrows; i++)
	{
		canonical_row[i] = row_by_code(gi_rows[i].part, gi_rows[i].code);
		parent_row[i] = gi_rows[i].parent ? row_by_code(gi_rows[i].part, gi_rows[i].parent) : -1;
	}
	for (int part = 0; part <= MAX_PART; part++)
	{
		int			n = 0;

		part_cands[part] = palloc(sizeof(KeyCand) * 2 * gi_nrows);
		for (int i = 0; i < gi_nrows; i++)
		{
			const char *cand[2] = {keys[i].key, keys[i].shortkey};
			const int	candlen[2] = {keys[i].keylen, keys[i].shortlen};

			if (gi_rows[i].part != part)
				continue;
			for (int c = 0; c < 2; c++)
			{
				KeyCand    *e = &part_cands[part][n];

				if (cand[c] == NULL)
					continue;
				e->row = i;
				e->key = cand[c];
				e->len = candlen[c];
				e->head = e->len >= 3 ? three_bytes(cand[c]) : 0;
				e->tail = e->len >= 3 ? three_bytes(cand[c] + e->len - 3) : 0;
				e->shortrow = keys[i].wlen <= 2;
				n++;
			}
		}
		part_ncands[part] = n;
	}
	MemoryContextSwitchTo(old);
	row_keys = keys;
}

/* The first catalog row of row i's part with row i's code (2.1.2 and 3.6 have a row per format). */
int
gi_canonical_row(int i)
{
	if (row_keys == NULL)
		build_keys();
	return canonical_row[i];
}

/* Levenshtein distance of a and b when at most max, else max + 1 (banded). */
static int
bounded_distance(const pg_wchar *a, int la, const pg_wchar *b, int lb, int max)
{
	int			prev[64];
	int			cur[64];

	if (abs(la - lb) > max || la >= 63 || lb >= 63)
		return max + 1;
	for (int j = 0; j <= lb; j++)
		prev[j] = j;
	for (int i = 1; i <= la; i++)
	{
		int			best = max + 1;

		cur[0] = i;
		for (int j = 1; j <= lb; j++)
		{
			int			v = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);

			v = Min(v, prev[j] + 1);
			v = Min(v, cur[j - 1] + 1);
			cur[j] = v;
			best = Min(best, v);
		}
		if (best > max)
			return max + 1;
		memcpy(prev, cur, sizeof(int) * (lb + 1));
	}
	return prev[lb];
}

/* The catalog row of a part with a code (any format), or -1. */
static int
row_by_code(int part, const char *code)
{
	for (int i = 0; i < gi_nrows; i++)
		if (gi_rows[i].part == part && strcmp(gi_rows[i].code, code) == 0)
			return i;
	return -1;
}

/*
 * Whether a row with a very short label ("其他", "总计", "规章") may be matched
 * after last_row: only when last_row is inside the same group (a column
 * header 其他 or 总计 before the first row is not a row).
 */
static bool
short_label_allowed(int row, int last_row)
{
	const GiRow *r = &gi_rows[row];

	if (last_row < 0)
		return r->part == 2;
	if (r->parent == NULL)
		return false;
	for (int a = last_row, depth = 0; a >= 0 && depth < 4; depth++)
	{
		if (strcmp(gi_rows[a].code, r->parent) == 0 ||
			(gi_rows[a].parent != NULL && strcmp(gi_rows[a].parent, r->parent) == 0))
			return true;
		a = gi_rows[a].parent == NULL ? -1 :
			gi_rows[a].part == r->part ? parent_row[a] : row_by_code(r->part, gi_rows[a].parent);
	}
	return false;
}

/* Whether a row key of wlen code points is too short to be matched out of context. */
static inline bool
is_short(const RowKey *k)
{
	return k->wlen <= 2;
}

/*
 * Match a label key against the row labels of a part.  last_row is the
 * catalog index of the previous row matched in the table (-1 for none);
 * fuzzy allows variants, edit distances and label starts.  Sets *row to a
 * gi_rows index.
 */
GiMatch
gi_match_row(int part, const char *key, int last_row, bool fuzzy, int *row)
{
	int			klen = strlen(key);
	int			best = -1;
	int			bestlen = 0;
	pg_wchar   *wk;
	int			wklen;

	if (row_keys == NULL)
		build_keys();
	*row = -1;
	if (klen == 0)
		return GI_MATCH_NONE;

	/* exact, or a label followed by debris of the copy: the longest label wins */
	if (part >= 0 && part <= MAX_PART)
	{
		uint32		head = klen >= 3 ? three_bytes(key) : 0;

		for (int e = 0; e < part_ncands[part]; e++)
		{
			const KeyCand *c = &part_cands[part][e];
			int			l = c->len;

			if (l > bestlen && l <= klen && klen <= l + 60 && (l < 3 || c->head == head) &&
				memcmp(key, c->key, l) == 0 &&
				(!c->shortrow || (klen == l && short_label_allowed(c->row, last_row))))
			{
				best = c->row;
				bestlen = l;
			}
		}
	}
	if (best >= 0)
	{
		*row = best;
		return GI_MATCH_EXACT;
	}

	/* known variants */
	for (int v = 0; v < (int) lengthof(variants); v++)
		if (strcmp(key, variants[v].variant) == 0)
		{
			for (int i = 0; i < gi_nrows; i++)
				if (gi_rows[i].part == part && strcmp(gi_rows[i].code, variants[v].code) == 0)
				{
					*row = i;
					return GI_MATCH_VARIANT;
				}
		}

	/* the start of a label broken over lines */
	if (!fuzzy)
		return GI_MATCH_NONE;
	wklen = 0;
	for (int i = 0; i < klen; i++)
		wklen += ((unsigned char) key[i] & 0xC0) != 0x80;
	if (wklen >= 3)
	{
		const char *code = NULL;

		for (int i = 0; i < gi_nrows; i++)
			if (gi_rows[i].part == part && !is_short(&row_keys[i]) &&
				row_keys[i].keylen > klen && gi_strneq(row_keys[i].key, key, klen))
			{
				if (code && strcmp(code, gi_rows[i].code) != 0)
					return GI_MATCH_NONE;	/* the start of more than one label */
				code = gi_rows[i].code;
				if (*row < 0)
					*row = i;
			}
		if (*row >= 0)
			return GI_MATCH_PREFIX;
	}

	/* a small edit distance: one for labels of up to six characters, else two */
	wk = wide(key, &wklen);
	for (int i = 0; i < gi_nrows && wklen >= 3; i++)
	{
		const RowKey *k = &row_keys[i];

		if (gi_rows[i].part != part || is_short(k) || k->wlen < 3)
			continue;
		if (bounded_distance(wk, wklen, k->wkey, k->wlen, k->wlen <= 6 ? 1 : 2) <= (k->wlen <= 6 ? 1 : 2) ||
			(k->wshort && k->wshortlen >= 4 &&
			 bounded_distance(wk, wklen, k->wshort, k->wshortlen, 1) <= 1))
		{
			*row = i;
			pfree(wk);
			return GI_MATCH_VARIANT;
		}
	}
	pfree(wk);

	return GI_MATCH_NONE;
}

/*
 * Known variants of a very short label, accepted only after the row's own
 * numbering as printed ((七)合计 for (七)总计): without the numbering, a
 * column header 合计 could be taken for the row.
 */
static const struct
{
	const char *code;
	const char *variant;
}			numbered_variants[] = {
	{"3.7", "合计"},
};

/*
 * Match a numbered label (normalized text s of len bytes) against the known
 * variants that need their row's numbering: the numbering printed must equal
 * the numbering of the row's official label.  Sets *row to a gi_rows index.
 */
GiMatch
gi_match_numbered_variant(int part, const char *s, int len, int *row)
{
	int			i = 0;
	int			n;
	char	   *key;

	*row = -1;
	while (i < len && s[i] == ' ')
		i++;
	if ((n = numbering_len(s + i, len - i)) == 0)
		return GI_MATCH_NONE;
	key = gi_label_key(s, len);
	for (int v = 0; v < (int) lengthof(numbered_variants); v++)
	{
		if (strcmp(key, numbered_variants[v].variant) != 0)
			continue;
		for (int r = 0; r < gi_nrows; r++)
		{
			int			nlen;
			char	   *norm;
			int			j = 0;

			if (gi_rows[r].part != part || strcmp(gi_rows[r].code, numbered_variants[v].code) != 0)
				continue;
			norm = gi_parse_normalize(gi_rows[r].label_zh, strlen(gi_rows[r].label_zh), &nlen, NULL);
			while (j < nlen && norm[j] == ' ')
				j++;
			if (numbering_len(norm + j, nlen - j) == n && memcmp(norm + j, s + i, n) == 0)
			{
				*row = r;
				pfree(norm);
				pfree(key);
				return GI_MATCH_VARIANT;
			}
			pfree(norm);
		}
	}
	pfree(key);
	return GI_MATCH_NONE;
}

/*
 * Match the end of a piece against the row labels of a part: a crawler's dump
 * glues a label to the text before it (…现行有效件数规章000).  The longest
 * label wins; a very short label only in part 二 (规章) or inside its group.
 */
GiMatch
gi_match_row_suffix(int part, const char *key, int last_row, int *row)
{
	int			klen = strlen(key);
	int			bestlen = 0;

	if (row_keys == NULL)
		build_keys();
	*row = -1;
	if (part >= 0 && part <= MAX_PART)
	{
		uint32		tail = klen >= 3 ? three_bytes(key + klen - 3) : 0;

		for (int e = 0; e < part_ncands[part]; e++)
		{
			const KeyCand *c = &part_cands[part][e];
			int			l = c->len;

			if (l > bestlen && l <= klen && (l < 3 || c->tail == tail) &&
				memcmp(key + klen - l, c->key, l) == 0 &&
				(!c->shortrow || part == 2 || short_label_allowed(c->row, last_row)))
			{
				*row = c->row;
				bestlen = l;
			}
		}
	}
	return *row >= 0 ? GI_MATCH_EXACT : GI_MATCH_NONE;
}

/* The matching key of catalog row i. */
const char *
gi_row_key(int i)
{
	if (row_keys == NULL)
		build_keys();
	return row_keys[i].key;
}

/* The edit distance of two normalized labels when at most max, else max + 1. */
int
gi_label_distance(const char *a, const char *b, int max)
{
	int			la,
				lb;
	pg_wchar   *wa = wide(a, &la);
	pg_wchar   *wb = wide(b, &lb);
	int			d = bounded_distance(wa, la, wb, lb, max);

	pfree(wa);
	pfree(wb);
	return d;
}
