/*
 * labels.c — reading an official label as it is written in a published
 * report: the numbering before it ("（三）2.") and a normalized form of the
 * rest for matching (ASCII punctuation, lower case, white space only between
 * English words).  codes.c matches applicant and outcome input with these.
 */
#include "postgres.h"

#include "lib/stringinfo.h"

#include "labels.h"

/* Length of the white space at s: ASCII white space or U+3000 (ideographic space); 0 if none. */
static int
space_len(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v' || *s == '\f')
		return 1;
	if (strncmp(s, "\u3000", strlen("\u3000")) == 0)
		return strlen("\u3000");
	return 0;
}

/* Skip white space. */
static const char *
skip_label_space(const char *s)
{
	int			n;

	while ((n = space_len(s)) > 0)
		s += n;
	return s;
}

/* Length of whichever of the strings alts starts s; 0 if none. */
static int
starts_with_any(const char *s, const char *const *alts, int nalts)
{
	for (int i = 0; i < nalts; i++)
		if (strncmp(s, alts[i], strlen(alts[i])) == 0)
			return strlen(alts[i]);
	return 0;
}

static const char *const openers[] = {"(", "（"};
static const char *const closers[] = {")", "）"};
static const char *const item_marks[] = {".", "．", "、"};

/* The value of a numeral 一 … 十 or 1 … 99 at s, setting *len; 0 if none. */
static int
numeral_at(const char *s, int *len)
{
	static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
	int			v = 0;
	int			n = 0;

	for (int i = 0; i < (int) lengthof(numerals); i++)
		if (strncmp(s, numerals[i], strlen(numerals[i])) == 0)
		{
			*len = strlen(numerals[i]);
			return i + 1;
		}
	while (isdigit((unsigned char) s[n]) && n < 2)
		v = v * 10 + (s[n++] - '0');
	*len = n;
	return isdigit((unsigned char) s[n]) ? 0 : v;
}

/* Read the numbering at the start of s into *num; return where the label proper starts. */
const char *
gi_parse_label_number(const char *s, LabelNumber *num)
{
	const char *start = skip_label_space(s);
	const char *p = start;
	const char *end = start;
	int			len;
	int			v;

	num->group = num->item = 0;
	if ((len = starts_with_any(p, openers, lengthof(openers))) > 0)
	{
		const char *q = skip_label_space(p + len);

		if ((v = numeral_at(q, &len)) > 0)
		{
			q = skip_label_space(q + len);
			if ((len = starts_with_any(q, closers, lengthof(closers))) > 0)
			{
				num->group = v;
				end = q + len;
				p = skip_label_space(end);
			}
		}
	}
	if ((v = numeral_at(p, &len)) > 0 && isdigit((unsigned char) *p))
	{
		const char *mark = skip_label_space(p + len);
		int			mlen = starts_with_any(mark, item_marks, lengthof(item_marks));
		const char *after = skip_label_space(mark + mlen);

		/* "3.其他" is numbered, "3.3.1" (a code) is not */
		if (mlen > 0 && *after != '\0' && !isdigit((unsigned char) *after))
		{
			num->item = v;
			end = mark + mlen;
			p = after;
		}
	}
	num->text = pnstrdup(start, end - start);
	return p;
}

/* Whether c is an ASCII letter or digit. */
static bool
is_ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Append one character of s at *p to buf in normalized form; advance *p. */
static void
append_normalized_char(StringInfo buf, const char **p)
{
	static const struct
	{
		const char *from;
		const char *to;
	}			map[] = {
		{"（", "("}, {"）", ")"}, {"，", ","}, {"．", "."}, {"：", ":"}, {"；", ";"},
		{"“", "\""}, {"”", "\""},
	};
	const char *s = *p;

	for (int i = 0; i < (int) lengthof(map); i++)
	{
		size_t		n = strlen(map[i].from);

		if (strncmp(s, map[i].from, n) == 0)
		{
			appendStringInfoString(buf, map[i].to);
			*p = s + n;
			return;
		}
	}
	if ((unsigned char) *s < 0x80)
		appendStringInfoChar(buf, pg_ascii_tolower(*s));
	else
		appendStringInfoChar(buf, *s);
	*p = s + 1;
}

/*
 * Normalize a label or name (without its numbering) for matching: ASCII
 * punctuation, lower case, and white space only where it separates two
 * English words.  White space anywhere else is dropped — a label in a
 * published report may be spaced out or broken across lines (科研\n机构) —
 * and a run of white space and underscores between two letters or digits is
 * one word break (natural_person).  An underscore anywhere else stays, so
 * that 科研机_构 matches nothing.
 */
char *
gi_normalize_label(const char *s)
{
	StringInfoData buf;

	initStringInfo(&buf);
	s = skip_label_space(s);
	while (*s)
	{
		bool		underscore = false;
		int			n;

		if (space_len(s) == 0 && *s != '_')
		{
			append_normalized_char(&buf, &s);
			continue;
		}
		while ((n = space_len(s)) > 0 || *s == '_')
		{
			underscore |= (*s == '_');
			s += Max(n, 1);
		}
		if (buf.len > 0 && *s != '\0' && is_ascii_alnum(buf.data[buf.len - 1]) && is_ascii_alnum(*s))
			appendStringInfoChar(&buf, ' ');
		else if (underscore)
			appendStringInfoChar(&buf, '_');
	}
	return buf.data;
}

/* A label without a trailing parenthetical: "部分公开(区分处理的...)" -> "部分公开". */
char *
gi_without_parenthetical(const char *s)
{
	const char *open = strchr(s, '(');

	return open && open != s && s[strlen(s) - 1] == ')' ? pnstrdup(s, open - s) : NULL;
}
