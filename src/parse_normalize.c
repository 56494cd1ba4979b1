/*
 * parse_normalize.c — a published document as the parser reads it: UTF-8
 * with traditional characters simplified (ICU's Traditional-Simplified
 * transliterator, turned once per backend into a code-point table), pinyin
 * inserted after a character dropped (鎮(zhèn) → 镇), full-width ASCII as
 * ASCII, curly quotes as ASCII quotes, every line break a \n and every other
 * space a ' '.  One pass, linear in the document.
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/memutils.h"

#include <unicode/utrans.h>
#include <unicode/ustring.h>

#include "parse.h"

/* the CJK range the table covers: Extension A and the Unified Ideographs */
#define T2S_FIRST 0x3400
#define T2S_LAST 0x9FFF
#define T2S_SIZE (T2S_LAST - T2S_FIRST + 1)

/*
 * The simplified code point of each character of the range, 0 when ICU leaves
 * it unchanged (all results are in the BMP: a uint16 each, 54 kB).
 */
static uint16 *t2s = NULL;

/* One bit per character of the range: set when t2s changes it (3.4 kB, read first). */
static uint64 *t2s_changes = NULL;

/* Whether the table changes code point c of the range. */
static inline bool
t2s_changes_char(pg_wchar c)
{
	return (t2s_changes[(c - T2S_FIRST) >> 6] >> ((c - T2S_FIRST) & 63)) & 1;
}

/* Build the traditional → simplified table from ICU's transliterator, once per backend. */
static void
build_t2s(void)
{
	UErrorCode	status = U_ZERO_ERROR;
	UChar		id[] = {'T', 'r', 'a', 'd', 'i', 't', 'i', 'o', 'n', 'a', 'l', '-',
	'S', 'i', 'm', 'p', 'l', 'i', 'f', 'i', 'e', 'd', 0};
	UTransliterator *tr;
	UChar	   *buf;
	int32		cap = T2S_SIZE * 2 + 16;
	int32		len = T2S_SIZE;
	int32		limit = T2S_SIZE;
	uint16	   *table;

	tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
	if (U_FAILURE(status))
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("could not open the ICU transliterator \"Traditional-Simplified\": %s",
						u_errorName(status))));
	table = MemoryContextAllocZero(TopMemoryContext, sizeof(uint16) * T2S_SIZE);
	buf = palloc(sizeof(UChar) * cap);
	for (int i = 0; i < T2S_SIZE; i++)
		buf[i] = (UChar) (T2S_FIRST + i);
	utrans_transUChars(tr, buf, &len, cap, 0, &limit, &status);
	if (U_SUCCESS(status) && len == T2S_SIZE)
	{
		/* one character for one: read the table off the transliterated range */
		for (int i = 0; i < T2S_SIZE; i++)
			if (buf[i] != (UChar) (T2S_FIRST + i) && !U16_IS_SURROGATE(buf[i]))
				table[i] = buf[i];
	}
	else
	{
		/* otherwise character by character, keeping one-for-one results only */
		for (int i = 0; i < T2S_SIZE; i++)
		{
			UChar		one[8];
			int32		olen = 1;
			int32		olimit = 1;

			status = U_ZERO_ERROR;
			one[0] = (UChar) (T2S_FIRST + i);
			utrans_transUChars(tr, one, &olen, lengthof(one), 0, &olimit, &status);
			if (U_SUCCESS(status) && olen == 1 && one[0] != (UChar) (T2S_FIRST + i) &&
				!U16_IS_SURROGATE(one[0]))
				table[i] = one[0];
		}
	}
	utrans_close(tr);
	pfree(buf);
	t2s_changes = MemoryContextAllocZero(TopMemoryContext, sizeof(uint64) * (T2S_SIZE / 64 + 1));
	for (int i = 0; i < T2S_SIZE; i++)
		if (table[i] != 0)
			t2s_changes[i >> 6] |= UINT64CONST(1) << (i & 63);
	t2s = table;
}

/* Length of the UTF-8 sequence starting with byte c (1 for a stray byte). */
int
gi_utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	if ((c & 0xF8) == 0xF0)
		return 4;
	return 1;
}

/* Decode one code point at s (n bytes available), setting *n to its length. */
static pg_wchar
decode(const unsigned char *s, int avail, int *n)
{
	int			l = gi_utf8_len(*s);

	if (l > avail || l == 1)
	{
		*n = 1;
		return *s;
	}
	*n = l;
	return utf8_to_unicode(s);
}

/* Whether c is a Latin letter that can be part of a pinyin syllable (tone marks included). */
static bool
is_pinyin_letter(pg_wchar c, bool *marked)
{
	if (c >= 'a' && c <= 'z')
		return true;
	if ((c >= 0xE0 && c <= 0xFC && c != 0xF7) || (c >= 0x100 && c <= 0x1DC))
	{
		*marked = true;
		return true;
	}
	return false;
}

/* Whether c is a CJK ideograph. */
static inline bool
is_han(pg_wchar c)
{
	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
		(c >= 0x20000 && c <= 0x2FFFF);
}

/*
 * The length in bytes of an inserted pinyin "(zhèn)" at s, or 0: an opening
 * parenthesis, one to seven pinyin letters with at least one vowel, a
 * closing one.
 */
static int
pinyin_len(const unsigned char *s, int avail)
{
	int			i;
	int			letters = 0;
	bool		marked = false;
	bool		vowel = false;

	if (avail < 3 || (s[0] != '(' && !(avail >= 5 && s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x88)))
		return 0;
	i = (s[0] == '(') ? 1 : 3;
	while (i < avail && letters <= 7)
	{
		int			n = 1;
		pg_wchar	c = s[i] < 0x80 ? s[i] : decode(s + i, avail - i, &n);

		if (c == ')' || c == 0xFF09)
			return (letters > 0 && (vowel || marked)) ? i + n : 0;
		if (!is_pinyin_letter(c, &marked))
			return 0;
		if (c > 0x7F || c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'v')
			vowel = true;
		letters++;
		i += n;
	}
	return 0;
}

/* Write code point c as UTF-8 at *o (room for 4 bytes), advancing *o. */
static inline void
put_wchar(char **o, pg_wchar c)
{
	unsigned char *u = (unsigned char *) *o;

	if (c < 0x80)
	{
		u[0] = (unsigned char) c;
		*o += 1;
	}
	else if (c < 0x800)
	{
		u[0] = 0xC0 | (c >> 6);
		u[1] = 0x80 | (c & 0x3F);
		*o += 2;
	}
	else if (c < 0x10000)
	{
		u[0] = 0xE0 | (c >> 12);
		u[1] = 0x80 | ((c >> 6) & 0x3F);
		u[2] = 0x80 | (c & 0x3F);
		*o += 3;
	}
	else
	{
		u[0] = 0xF0 | (c >> 18);
		u[1] = 0x80 | ((c >> 12) & 0x3F);
		u[2] = 0x80 | ((c >> 6) & 0x3F);
		u[3] = 0x80 | (c & 0x3F);
		*o += 4;
	}
}

/*
 * The next character of the normalized form: its code points (none, one, or
 * two for a tab) into out[], advancing *i over the source.  With keep_punct
 * the published punctuation stays (full-width forms, curly quotes, brackets,
 * dashes): the narrative parts are given as published; the normalized text
 * the labels are matched in turns them into ASCII.
 */
static inline int
next_char(const unsigned char *s, int len, int *i, bool *prev_han, bool keep_punct, pg_wchar *out)
{
	int			n;
	pg_wchar	c;

	if (s[*i] < 0x80 && s[*i] != '(' && s[*i] != '\r' && s[*i] != '\t' && s[*i] != '\f' && s[*i] != '\v')
	{
		/* plain ASCII: as is */
		out[0] = s[(*i)++];
		*prev_han = false;
		return 1;
	}
	if ((s[*i] & 0xF0) == 0xE0 && *i + 3 <= len)
	{
		/* three bytes (CJK and punctuation): decoded here, the common case */
		n = 3;
		c = ((pg_wchar) (s[*i] & 0x0F) << 12) | ((pg_wchar) (s[*i + 1] & 0x3F) << 6) | (s[*i + 2] & 0x3F);
	}
	else
		c = decode(s + *i, len - *i, &n);
	*i += n;
	if (c == '\r')
	{
		if (*i < len && s[*i] == '\n')
			(*i)++;
		c = '\n';
	}
	else if (c == '\f' || c == '\v' || c == 0x2028 || c == 0x2029 || c == 0x85)
		c = '\n';
	else if (c == '\t')
	{
		out[0] = out[1] = ' ';
		*prev_han = false;
		return 2;
	}
	else if (c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F)
		c = ' ';
	else if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF || c == 0xAD)
		return 0;
	else if (keep_punct && !(c >= T2S_FIRST && c <= T2S_LAST))
		;						/* punctuation as published */
	else if (c >= 0xFF01 && c <= 0xFF5E)
		c -= 0xFEE0;			/* full-width ASCII */
	else if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0x300C || c == 0x300D)
		c = '"';
	else if (c == 0x2018 || c == 0x2019)
		c = '\'';
	else if (c == 0x3014)
		c = '[';
	else if (c == 0x3015)
		c = ']';
	else if (c == 0x2212 || c == 0x2010 || c == 0x2011)
		c = '-';
	else if (c >= T2S_FIRST && c <= T2S_LAST && t2s[c - T2S_FIRST] != 0)
		c = t2s[c - T2S_FIRST];

	if (*prev_han && (c == '(' || c == 0xFF08))
	{
		int			p = pinyin_len(s + *i - n, len - (*i - n));

		if (p > 0)
		{
			*i += p - n;
			return 0;			/* keep prev_han: 公開(kāi)(ZhuYin) is rare */
		}
	}
	*prev_han = is_han(c);
	out[0] = c;
	return 1;
}

/* Bytes of code point c in UTF-8. */
static inline int
utf8_bytes(pg_wchar c)
{
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/* Whether byte b is ASCII that normalization copies as is (not '(', which may open a pinyin). */
static inline bool
plain_ascii(unsigned char b)
{
	return b < 0x80 && b != '(' && b != '\r' && b != '\t' && b != '\f' && b != '\v';
}

/*
 * The normalized form of UTF-8 text, or with keep_punct its published
 * punctuation kept.  The common characters take a short path: plain ASCII is
 * copied, a CJK character (U+3400 … U+9FFF) is copied as its source bytes
 * unless the table simplifies it; everything else goes through next_char.
 * With map, checkpoints of (normalized offset, source offset) are recorded
 * every GI_NORM_MARK_EVERY bytes of output for gi_parse_source_offset.
 */
static char *
normalize(const char *src, int len, int *outlen, bool keep_punct, GiNormMap *map)
{
	const unsigned char *s = (const unsigned char *) src;
	char	   *out;
	char	   *o;
	int			i = 0;
	bool		prev_han = false;
	int			next_mark = 0;

	if (t2s == NULL)
		build_t2s();
	/* every character keeps or shrinks its length, but a tab, which becomes two spaces */
	out = palloc((Size) len * 2 + 8);
	o = out;
	if (map)
	{
		map->marks = palloc(sizeof(GiNormMark) * ((Size) len * 2 / GI_NORM_MARK_EVERY + 2));
		map->n = 0;
	}
	while (i < len)
	{
		unsigned char b = s[i];
		pg_wchar	c[2];
		int			k;

		if (map && o - out >= next_mark)
		{
			GiNormMark *m = &map->marks[map->n++];

			m->out = o - out;
			m->src = i;
			m->prev_han = prev_han;
			next_mark = m->out + GI_NORM_MARK_EVERY;
		}
		if (plain_ascii(b))
		{
			*o++ = (char) b;
			prev_han = false;
			i++;
			continue;
		}
		if (b == '(')
		{
			/* as next_char: a pinyin after a CJK character dropped, else '(' as is */
			int			py = prev_han ? pinyin_len(s + i, len - i) : 0;

			if (py > 0)
				i += py;		/* prev_han kept */
			else
			{
				*o++ = '(';
				prev_han = false;
				i++;
			}
			continue;
		}
		if ((b & 0xF0) == 0xE0 && i + 3 <= len)
		{
			pg_wchar	w = ((pg_wchar) (b & 0x0F) << 12) | ((pg_wchar) (s[i + 1] & 0x3F) << 6) |
				(s[i + 2] & 0x3F);

			if (w >= T2S_FIRST && w <= T2S_LAST && t2s_changes_char(w))
			{
				pg_wchar	simple = t2s[w - T2S_FIRST];

				put_wchar(&o, simple);
				prev_han = is_han(simple);
				i += 3;
				continue;
			}
			/*
			 * Unchanged as a character of the range (a CJK ideograph), or as
			 * 、。 or, with keep_punct, a full-width form other than （ (which
			 * may open a pinyin): its source bytes.
			 */
			if ((w >= T2S_FIRST && w <= T2S_LAST) || w == 0x3001 || w == 0x3002 ||
				(keep_punct && w >= 0xFF01 && w <= 0xFF5E && w != 0xFF08))
			{
				o[0] = (char) b;
				o[1] = (char) s[i + 1];
				o[2] = (char) s[i + 2];
				o += 3;
				prev_han = w >= T2S_FIRST && w <= T2S_LAST;
				i += 3;
				continue;
			}
			/* a full-width form other than （: its ASCII */
			if (w >= 0xFF01 && w <= 0xFF5E && w != 0xFF08)
			{
				*o++ = (char) (w - 0xFEE0);
				prev_han = false;
				i += 3;
				continue;
			}
		}
		k = next_char(s, len, &i, &prev_han, keep_punct, c);
		for (int j = 0; j < k; j++)
			put_wchar(&o, c[j]);
	}
	*o = '\0';
	*outlen = o - out;
	return out;
}

/*
 * The normalized form of a UTF-8 document (see the file comment); the caller
 * has checked that the text is valid UTF-8 without NUL.  map (or NULL) gets
 * the checkpoints gi_parse_source_offset starts from.
 */
char *
gi_parse_normalize(const char *src, int len, int *outlen, GiNormMap *map)
{
	return normalize(src, len, outlen, false, map);
}

/*
 * The source offset of the character at offset pos of the normalized form:
 * the first source offset where the normalized text reaches pos.  The walk
 * starts from the last checkpoint before pos (a state the walk from the start
 * passes through), so it costs at most GI_NORM_MARK_EVERY bytes of output.
 */
int
gi_parse_source_offset(const char *src, int len, const GiNormMap *map, int pos)
{
	const unsigned char *s = (const unsigned char *) src;
	int			i = 0;
	int			at = 0;
	bool		prev_han = false;

	if (t2s == NULL)
		build_t2s();
	if (map != NULL && map->n > 0 && map->marks[0].out < pos)
	{
		int			lo = 0,
					hi = map->n - 1;

		/* the last mark with out < pos */
		while (lo < hi)
		{
			int			mid = (lo + hi + 1) / 2;

			if (map->marks[mid].out < pos)
				lo = mid;
			else
				hi = mid - 1;
		}
		i = map->marks[lo].src;
		at = map->marks[lo].out;
		prev_han = map->marks[lo].prev_han;
	}
	while (i < len && at < pos)
	{
		pg_wchar	c[2];
		int			k = next_char(s, len, &i, &prev_han, false, c);

		for (int j = 0; j < k; j++)
			at += utf8_bytes(c[j]);
	}
	return i;
}

/* Source text as published: simplified characters, pinyin dropped, punctuation kept. */
char *
gi_parse_published_text(const char *src, int len, int *outlen)
{
	return normalize(src, len, outlen, true, NULL);
}

/* Whether c can be part of a line of table debris: '|', digits, '-', '/', '.', ' '. */
static inline bool
is_debris(char c)
{
	return (c >= '0' && c <= '9') || c == '|' || c == '-' || c == '/' || c == '.' || c == ' ';
}

/*
 * Narrative text with its white space normalized: lines trimmed, runs of
 * spaces inside a line one space (none between two Chinese characters),
 * empty lines and lines of table debris (only '|', digits, '-', '/') dropped.
 */
char *
gi_parse_squash_space(const char *s, int len)
{
	return gi_parse_squash_space_map(s, len, NULL);
}

/*
 * gi_parse_squash_space, and with map (or NULL) the offset in s of each byte
 * of the result.
 */
char *
gi_parse_squash_space_map(const char *s, int len, int **map)
{
	/* the result is never longer than the text (a \n per line kept, at most one space per run) */
	char	   *out = palloc(len + 1);
	int		   *m = map ? palloc(sizeof(int) * (len + 1)) : NULL;
	int			o = 0;
	int			i = 0;

	while (i < len)
	{
		const char *nl = memchr(s + i, '\n', len - i);
		int			eol = nl ? (int) (nl - s) : len;
		int			a,
					b;
		bool		debris = true;

		a = i;
		b = eol;
		while (a < b && s[a] == ' ')
			a++;
		while (b > a && s[b - 1] == ' ')
			b--;
		for (int k = a; k < b; k++)
			if (!is_debris(s[k]))
			{
				debris = false;
				break;
			}
		if (!debris && b > a)
		{
			if (o > 0)
			{
				if (m)
					m[o] = a - 1;
				out[o++] = '\n';
			}
			for (int k = a; k < b;)
			{
				/* the run up to the next space, copied as one piece */
				const char *sp = memchr(s + k, ' ', b - k);
				int			r = sp ? (int) (sp - s) : b;
				int			e;

				memcpy(out + o, s + k, r - k);
				if (m)
					for (int x = k; x < r; x++)
						m[o + x - k] = x;
				o += r - k;
				if (r == b)
					break;
				/* a run of spaces: one space stays only between two ASCII characters */
				e = r;
				while (e < b && s[e] == ' ')
					e++;
				if ((unsigned char) s[r - 1] < 0x80 && (unsigned char) s[e] < 0x80)
				{
					if (m)
						m[o] = r;
					out[o++] = ' ';
				}
				k = e;
			}
		}
		i = eol + 1;
	}
	out[o] = '\0';
	if (map)
		*map = m;
	return out;
}
