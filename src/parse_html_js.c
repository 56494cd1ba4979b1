/*
 * parse_html_js.c — HTML carried inside JavaScript (or JSON) string literals.
 *
 * Some published pages keep the report in a script (`let content = "<table border=\"1\">…";`,
 * `document.write('…')`, a JSON response `{"content": "<p>…"}`), among kilobytes of unrelated
 * script.  The literals are found with a small tokenizer (comments and regular expression
 * literals skipped, the three quote kinds, escapes), unescaped (\" \' \\ \/ \n \t \r, \xHH, \uXXXX with surrogate pairs, \u{…}, line
 * continuations), and those that hold markup are joined in order: scripts build a page from
 * several literals.  One linear pass; the output is never longer than the input.
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"

#include "parse_html.h"

/* Append one code point as UTF-8; NUL, surrogates and values out of range become U+FFFD. */
static void
append_cp(StringInfo out, pg_wchar c)
{
	unsigned char buf[8];

	if (c == 0 || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		c = 0xFFFD;
	else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
		c = ' ';
	unicode_to_utf8(c, buf);
	appendBinaryStringInfo(out, (const char *) buf, pg_utf_mblen(buf));
}

/* The value of n hex digits at s, or -1 when one is not a hex digit. */
static long
hex_value(const char *s, int n)
{
	long		v = 0;

	for (int i = 0; i < n; i++)
	{
		char		c = s[i];
		int			d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/*
 * Unescape the body of a string literal s[0..len) into out (appended).  Unknown escapes keep the
 * escaped character, as JavaScript does; a malformed \x or \u escape keeps its letter.
 */
static void
js_unescape(const char *s, int len, StringInfo out)
{
	int			i = 0;

	while (i < len)
	{
		const char *run = s + i;
		int			n = 0;
		char		c;

		while (i + n < len && s[i + n] != '\\')
			n++;
		if (n > 0)
		{
			appendBinaryStringInfo(out, run, n);
			i += n;
			continue;
		}
		if (i + 1 >= len)
			break;				/* a lone backslash at the end */
		c = s[i + 1];
		i += 2;
		switch (c)
		{
			case 'n':
				appendStringInfoChar(out, '\n');
				break;
			case 'r':
				appendStringInfoChar(out, '\r');
				break;
			case 't':
				appendStringInfoChar(out, '\t');
				break;
			case 'b':
			case 'f':
			case 'v':
				appendStringInfoChar(out, ' ');
				break;
			case '0':
				break;
			case '\r':
				if (i < len && s[i] == '\n')
					i++;
				break;
			case '\n':
				break;			/* line continuation */
			case 'x':
				{
					long		v = i + 2 <= len ? hex_value(s + i, 2) : -1;

					if (v < 0)
						appendStringInfoChar(out, 'x');
					else
					{
						append_cp(out, (pg_wchar) v);
						i += 2;
					}
					break;
				}
			case 'u':
				{
					long		v = -1;

					if (i < len && s[i] == '{')
					{
						int			j = i + 1;

						while (j < len && j - i <= 7 && s[j] != '}')
							j++;
						if (j < len && s[j] == '}' && j > i + 1)
							v = hex_value(s + i + 1, j - i - 1);
						if (v >= 0)
							i = j + 1;
					}
					else if (i + 4 <= len && (v = hex_value(s + i, 4)) >= 0)
					{
						i += 4;
						/* a high surrogate followed by \uDC00-\uDFFF is one code point */
						if (v >= 0xD800 && v <= 0xDBFF && i + 6 <= len && s[i] == '\\' && s[i + 1] == 'u')
						{
							long		lo = hex_value(s + i + 2, 4);

							if (lo >= 0xDC00 && lo <= 0xDFFF)
							{
								v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
								i += 6;
							}
						}
					}
					if (v < 0)
						appendStringInfoChar(out, 'u');
					else
						append_cp(out, (pg_wchar) v);
					break;
				}
			default:
				appendStringInfoChar(out, c);
				break;
		}
	}
}

/* Whether s[0..len) holds a tag: '<' followed by a letter, '/' or '!'. */
static bool
has_markup(const char *s, int len)
{
	for (int i = 0; i + 1 < len; i++)
		if (s[i] == '<')
		{
			char		c = s[i + 1];

			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!')
				return true;
		}
	return false;
}

/* Whether s[0..len) holds a "<table" or a "<p" paragraph tag, in any case. */
static bool
has_content_tag(const char *s, int len)
{
	for (int i = 0; i + 2 < len; i++)
	{
		if (s[i] != '<')
			continue;
		if (i + 6 <= len && pg_strncasecmp(s + i + 1, "table", 5) == 0)
			return true;
		if ((s[i + 1] == 'p' || s[i + 1] == 'P') && (s[i + 2] == '>' || s[i + 2] == ' '))
			return true;
	}
	return false;
}

/* Whether s[0..len) holds a byte outside ASCII (text worth keeping from a JSON dump). */
static bool
has_non_ascii(const char *s, int len)
{
	for (int i = 0; i < len; i++)
		if ((unsigned char) s[i] >= 0x80)
			return true;
	return false;
}

/*
 * The HTML inside the string literals of the script js[0..len): the literals that hold markup,
 * unescaped and joined in order, or NULL when there are none or, for a script of a page (plain
 * NULL), when they hold no table and no paragraph.  For a document that is a script or a JSON dump
 * (plain not NULL), every other literal with non-ASCII text is appended to plain as one line (the
 * fields of a JSON dump: title, date, source).
 */
char *
gi_html_js_markup(const char *js, int len, int *outlen, StringInfo plain)
{
	StringInfoData markup;
	StringInfoData lit;
	int			i = 0;

	char		prev = 0;		/* the last significant character outside literals */

	initStringInfo(&markup);
	initStringInfo(&lit);
	while (i < len)
	{
		char		c = js[i];

		if (c == '/' && i + 1 < len && js[i + 1] != '/' && js[i + 1] != '*' &&
			(prev == 0 || strchr("(,=:[!&|?{};+-*%<>~^", prev) != NULL))
		{
			/* a regular expression literal (where an operand is expected): skip it */
			int			j = i + 1;
			bool		in_class = false;

			while (j < len && js[j] != '\n' && (in_class || js[j] != '/'))
			{
				if (js[j] == '\\')
					j++;
				else if (js[j] == '[')
					in_class = true;
				else if (js[j] == ']')
					in_class = false;
				j++;
			}
			if (j < len && js[j] == '/')
			{
				i = j + 1;
				prev = '/';
				continue;
			}
			prev = c;
			i++;
		}
		else if (c == '/' && i + 1 < len && js[i + 1] == '/')
		{
			while (i < len && js[i] != '\n')
				i++;
		}
		else if (c == '/' && i + 1 < len && js[i + 1] == '*')
		{
			i += 2;
			while (i + 1 < len && !(js[i] == '*' && js[i + 1] == '/'))
				i++;
			i += 2;
		}
		else if (c == '"' || c == '\'' || c == '`')
		{
			int			j = i + 1;

			while (j < len && js[j] != c && (c == '`' || js[j] != '\n'))
				j += js[j] == '\\' ? 2 : 1;
			if (j > len)
				j = len;
			resetStringInfo(&lit);
			js_unescape(js + i + 1, j - i - 1, &lit);
			if (has_markup(lit.data, lit.len))
				appendBinaryStringInfo(&markup, lit.data, lit.len);
			else if (plain != NULL && has_non_ascii(lit.data, lit.len))
			{
				appendBinaryStringInfo(plain, lit.data, lit.len);
				appendStringInfoChar(plain, '\n');
			}
			i = j + 1;
			prev = c;
		}
		else
		{
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
				prev = c;
			i++;
		}
	}
	pfree(lit.data);
	/* in a page's script, markup without a table or paragraph is the script's own (widgets) */
	if (markup.len == 0 || (plain == NULL && !has_content_tag(markup.data, markup.len)))
	{
		pfree(markup.data);
		return NULL;
	}
	*outlen = markup.len;
	return markup.data;
}

/*
 * Whether a document is script or JSON carrying HTML in string literals rather than a page: its
 * first tag comes right after an opening quote (blanks and \n \t \r escapes aside), or it has no
 * tag at all but an escaped '<' (\u003c, \x3c) before "table".
 */
bool
gi_html_is_script(const char *doc, int len)
{
	for (int p = 0; p + 1 < len; p++)
	{
		char		c;
		int			q;

		if (doc[p] != '<')
			continue;
		c = doc[p + 1];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?'))
			continue;
		q = p - 1;
		for (;;)
		{
			if (q >= 0 && (doc[q] == ' ' || doc[q] == '\t' || doc[q] == '\n' || doc[q] == '\r'))
				q--;
			else if (q >= 1 && doc[q - 1] == '\\' && (doc[q] == 'n' || doc[q] == 't' || doc[q] == 'r'))
				q -= 2;
			else
				break;
		}
		return q >= 0 && (doc[q] == '"' || doc[q] == '\'' || doc[q] == '`');
	}
	for (int p = 0; p + 10 < len; p++)
		if (doc[p] == '\\' &&
			(pg_strncasecmp(doc + p, "\\u003ctable", 11) == 0 ||
			 pg_strncasecmp(doc + p, "\\x3ctable", 9) == 0))
			return true;
	return false;
}
