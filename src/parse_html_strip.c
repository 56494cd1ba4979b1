/*
 * parse_html_strip.c — the attributes the HTML reader never reads, dropped before libxml2 sees them.
 *
 * The reader reads two attributes, rowspan and colspan; published pages spend half their bytes
 * or more on others (style="border:1px solid #000;…" on every cell, Word's class/lang/style on
 * every span), and libxml2's HTML parser reads an attribute value one character at a time, then
 * builds a node and a text node for it.  This pass copies the document with every start tag
 * written as "<name", its rowspan and colspan attributes as they were, and its end ("/>" or ">"),
 * so that libxml2 builds the same elements and text nodes from fewer bytes.
 *
 * It must know where libxml2 sees tags: it follows the tokenizer of libxml2's HTML parser
 * (HTMLparser.c: text, start and end tags, comments ending at "-->" or "--!>", the DOCTYPE,
 * processing instructions, the raw content of script and style up to their end tag), and of an
 * HTML5 tokenizer where the two could differ (raw text of title, textarea, xmp, iframe, noembed,
 * noframes, noscript; bogus comments "<!x…>", "<?x…>", "</ …>"; quoted values in end tags;
 * foreign content).  At the first construct it does not know how both read — a malformed tag, an
 * attribute name or value out of the simple forms, a '<' inside raw text, <svg>, <math>,
 * <plaintext>, a NUL — it copies the rest of the document unchanged: the result is then exactly
 * what libxml2 would have read from the original.  Linear: each byte is looked at a bounded
 * number of times.  The output is never longer than the input.
 */
#include "postgres.h"

#include "parse_html.h"

/* libxml2's HTML name limit (HTML_PARSER_BUFFER_SIZE): longer names are not rewritten */
#define MAX_NAME 99

/* at most this many rowspan/colspan attributes kept in one tag; more: the tag is copied as it is */
#define MAX_KEPT 8

#define IS_BLANK(c)		((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r')
#define IS_LETTER(c)	(((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define IS_NAMESTART(c) (IS_LETTER(c) || (c) == '_' || (c) == ':' || (c) == '.')
#define IS_NAMECHAR(c)	(IS_NAMESTART(c) || ((c) >= '0' && (c) <= '9') || (c) == '-')

/* What follows a start tag. */
typedef enum After
{
	AFTER_CONTENT,				/* ordinary content */
	AFTER_RAW,					/* script, style: raw text up to the end tag */
	AFTER_TEXT_ONLY,			/* title, textarea, …: plain text (no '<') up to the end tag */
	AFTER_STOP					/* svg, math, plaintext: copy the rest */
} After;

/* Whether s[0..n) equals the lower-case ASCII word w (of length n), ignoring case. */
static bool
name_is(const unsigned char *s, int n, const char *w)
{
	if ((int) strlen(w) != n)
		return false;
	for (int i = 0; i < n; i++)
		if ((s[i] | 0x20) != (unsigned char) w[i])
			return false;
	return true;
}

/* Whether s[0..n) starts with the lower-case ASCII word w, ignoring case. */
static bool
starts_with(const unsigned char *s, const unsigned char *end, const char *w)
{
	int			n = strlen(w);

	if (end - s < n)
		return false;
	for (int i = 0; i < n; i++)
		if ((s[i] | 0x20) != (unsigned char) w[i])
			return false;
	return true;
}

/* What content follows the start tag of the element named s[0..n). */
static After
after_start_tag(const unsigned char *s, int n)
{
	static const char *const text_only[] = {"title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"};

	if (name_is(s, n, "script") || name_is(s, n, "style"))
		return AFTER_RAW;
	if (name_is(s, n, "svg") || name_is(s, n, "math") || name_is(s, n, "plaintext"))
		return AFTER_STOP;
	for (int i = 0; i < (int) lengthof(text_only); i++)
		if (name_is(s, n, text_only[i]))
			return AFTER_TEXT_ONLY;
	return AFTER_CONTENT;
}

/* The first '>' in [s, end) if no '<' (nor a quote, when no_quote) comes before it, else NULL. */
static const unsigned char *
plain_gt(const unsigned char *s, const unsigned char *end, bool no_quote)
{
	for (; s < end; s++)
	{
		if (*s == '>')
			return s;
		if (*s == '<' || (no_quote && (*s == '"' || *s == '\'')))
			return NULL;
	}
	return NULL;
}

/* Whether s[0..n) equals name[0..n), ignoring ASCII case. */
static bool
same_name(const unsigned char *s, const unsigned char *name, int n)
{
	for (int i = 0; i < n; i++)
		if ((s[i] | 0x20) != (name[i] | 0x20))
			return false;
	return true;
}

/*
 * The end of the raw or plain text of the element named name[0..n) that starts at s: the '<' of
 * its end tag "</name" followed by a blank, '/' or '>'.  NULL when there is none, or when the
 * text cannot be followed safely: a '<' in plain text, or at the start of raw text (libxml2 reads
 * a tag there); "</name" followed by another name character (libxml2 stops there, HTML5 does
 * not); "<!--" then "<script" in raw text (HTML5's escaped script data).
 */
static const unsigned char *
raw_end(const unsigned char *s, const unsigned char *end, const unsigned char *name, int n, bool raw)
{
	const unsigned char *p = s;
	const unsigned char *lt;

	for (;;)
	{
		lt = memchr(p, '<', end - p);
		if (lt == NULL)
			return NULL;
		if (end - lt >= 2 + n && lt[1] == '/' && same_name(lt + 2, name, n))
		{
			const unsigned char *after = lt + 2 + n;

			if (after < end && !(IS_BLANK(*after) || *after == '/' || *after == '>'))
				return NULL;
			break;
		}
		if (!raw || lt == s)
			return NULL;
		p = lt + 1;
	}
	if (raw)
	{
		for (p = s; (p = memchr(p, '<', lt - p)) != NULL; p++)
			if (starts_with(p, lt, "<!--"))
			{
				for (const unsigned char *q = p; (q = memchr(q, '<', lt - q)) != NULL; q++)
					if (starts_with(q, lt, "<script"))
						return NULL;
				break;
			}
	}
	return lt;
}

/*
 * Read the start tag at s ('<' then a letter).  On success: the tag rewritten is appended at *o,
 * *next is the byte after it, *after what follows.  On failure (a form not followed): false.
 */
static bool
start_tag(const unsigned char *s, const unsigned char *end, char **o, const unsigned char **next,
		  After *after)
{
	const unsigned char *name = s + 1;
	const unsigned char *p = name;
	const unsigned char *kept[MAX_KEPT];
	int			keptlen[MAX_KEPT];
	int			nkept = 0;
	bool		last_unquoted = false;	/* the last kept attribute has an unquoted value */
	bool		verbatim = false;
	int			namelen;
	int			termlen;

	while (p < end && IS_NAMECHAR(*p))
		p++;
	namelen = p - name;
	if (namelen > MAX_NAME || p >= end || !(IS_BLANK(*p) || *p == '>' || *p == '/'))
		return false;
	for (;;)
	{
		const unsigned char *a;
		const unsigned char *aend;
		int			alen;
		bool		unquoted;

		while (p < end && IS_BLANK(*p))
			p++;
		if (p >= end)
			return false;
		if (*p == '>')
		{
			termlen = 1;
			break;
		}
		if (*p == '/' && p + 1 < end && p[1] == '>')
		{
			termlen = 2;
			break;
		}
		if (!IS_NAMESTART(*p))
			return false;
		a = p;
		while (p < end && IS_NAMECHAR(*p))
			p++;
		alen = p - a;
		if (alen > MAX_NAME || p >= end || !(IS_BLANK(*p) || *p == '=' || *p == '>' || *p == '/'))
			return false;
		aend = p;
		unquoted = false;
		while (p < end && IS_BLANK(*p))
			p++;
		if (p < end && *p == '=')
		{
			p++;
			while (p < end && IS_BLANK(*p))
				p++;
			if (p >= end)
				return false;
			if (*p == '"' || *p == '\'')
			{
				const unsigned char *q = memchr(p + 1, *p, end - p - 1);

				if (q == NULL)
					return false;
				p = q + 1;
				if (p >= end || !(IS_BLANK(*p) || *p == '>' || *p == '/'))
					return false;
			}
			else
			{
				while (p < end && !IS_BLANK(*p) && *p != '>')
					p++;
				unquoted = true;
			}
			aend = p;
		}
		if (name_is(a, alen, "rowspan") || name_is(a, alen, "colspan"))
		{
			if (nkept == MAX_KEPT)
				verbatim = true;
			else
			{
				kept[nkept] = a;
				keptlen[nkept++] = aend - a;
				last_unquoted = unquoted;
			}
		}
	}
	*next = p + termlen;
	*after = after_start_tag(name, namelen);
	/* <script/>: closed to libxml2, raw text follows to HTML5 */
	if (termlen == 2 && *after != AFTER_CONTENT)
		*after = AFTER_STOP;
	if (verbatim)
	{
		memcpy(*o, s, *next - s);
		*o += *next - s;
		return true;
	}
	/*
	 * "<name", the kept attributes, the end; a blank before "/>" after an unquoted value, which
	 * would take the '/' (the source had a blank there: the output is never longer)
	 */
	*(*o)++ = '<';
	memcpy(*o, name, namelen);
	*o += namelen;
	for (int i = 0; i < nkept; i++)
	{
		*(*o)++ = ' ';
		memcpy(*o, kept[i], keptlen[i]);
		*o += keptlen[i];
	}
	if (termlen == 2 && nkept > 0 && last_unquoted)
		*(*o)++ = ' ';
	memcpy(*o, p, termlen);
	*o += termlen;
	return true;
}

/*
 * Copy doc[0..len) into out (room for len bytes) without the attributes other than rowspan and
 * colspan of its start tags; returns the length written.
 */
int
gi_html_strip_attributes(const char *doc, int len, char *out)
{
	const unsigned char *s = (const unsigned char *) doc;
	const unsigned char *end = s + len;
	const unsigned char *copied = s;	/* the input before this is written */
	char	   *o = out;

	if (memchr(doc, '\0', len) != NULL)
		s = end;				/* libxml2 stops at a NUL: leave such a document alone */
	while (s < end)
	{
		const unsigned char *lt = memchr(s, '<', end - s);
		const unsigned char *next;
		After		after;

		if (lt == NULL)
			break;
		if (lt + 1 >= end)
			break;
		if (IS_LETTER(lt[1]))
		{
			char	   *o_tag;

			/* the text before the tag, then the tag rewritten */
			memcpy(o, copied, lt - copied);
			o += lt - copied;
			o_tag = o;
			if (!start_tag(lt, end, &o, &next, &after))
			{
				o = o_tag;
				copied = lt;
				break;
			}
			copied = s = next;
			if (after == AFTER_STOP)
				break;
			if (after != AFTER_CONTENT)
			{
				const unsigned char *name = lt + 1;
				int			n = 0;
				const unsigned char *close;

				while (IS_NAMECHAR(name[n]))
					n++;
				close = raw_end(s, end, name, n, after == AFTER_RAW);
				if (close == NULL)
					break;
				s = close;		/* the end tag is read below */
			}
			continue;
		}
		if (lt[1] == '/')
		{
			/* an end tag, up to the first '>' (libxml2), with no quote in it (HTML5) */
			next = plain_gt(lt + 2, end, true);
			if (next == NULL)
				break;
			s = next + 1;
			continue;
		}
		if (lt[1] == '!')
		{
			if (starts_with(lt, end, "<!--"))
			{
				/* a comment: up to the first "-->" or "--!>" after "<!--" and two more characters */
				const unsigned char *p = lt + 4;

				if (starts_with(lt, end, "<!-->") || starts_with(lt, end, "<!--->"))
					break;		/* an empty comment to HTML5, not to libxml2 */
				for (;;)
				{
					p = memchr(p, '-', end - p);
					if (p == NULL || p + 3 > end)
						break;
					if (p >= lt + 4 && (starts_with(p, end, "-->") || starts_with(p, end, "--!>")))
						break;
					p++;
				}
				if (p == NULL || p + 3 > end)
					break;
				s = p + (p[2] == '!' ? 4 : 3);
				continue;
			}
			if (starts_with(lt + 2, end, "doctype"))
			{
				/*
				 * up to the first '>' (HTML5), no quote open there (libxml2 reads quoted
				 * identifiers: the first two pairs of quotes)
				 */
				const unsigned char *p = memchr(lt + 9, '>', end - (lt + 9));
				unsigned char quote = 0;

				if (lt + 9 > end || p == NULL)
					break;
				for (const unsigned char *q = lt + 9; q < p; q++)
				{
					if (quote == 0 && (*q == '"' || *q == '\''))
						quote = *q;
					else if (*q == quote)
						quote = 0;
				}
				if (quote)
					break;
				s = p + 1;
				continue;
			}
		}
		if (lt[1] == '!' || lt[1] == '?')
		{
			/* text to libxml2 (or a processing instruction), a bogus comment to HTML5 */
			next = plain_gt(lt + 2, end, false);
			if (next == NULL)
				break;
			s = next + 1;
			continue;
		}
		/* '<' then anything else is text */
		s = lt + 1;
	}
	memcpy(o, copied, end - copied);
	o += end - copied;
	return o - out;
}
