/*
 * encoding.c — converting govinfo's UTF-8 text to the database encoding and
 * back.  In a UTF8 database (and in SQL_ASCII, which stores bytes as given)
 * nothing is converted and no memory is allocated; in EUC_CN every Chinese
 * character of the catalog and of the messages has a GB2312 code, with one
 * exception handled here: PostgreSQL maps GB2312's middle dot A1A4 to U+30FB,
 * so the U+00B7 of table 四's group labels is written as that character.
 */
#include "postgres.h"

#include "mb/pg_wchar.h"
#include "lib/stringinfo.h"

#include "encoding.h"

/* Whether text in the database encoding differs from UTF-8. */
static inline bool
needs_conversion(void)
{
	int			enc = GetDatabaseEncoding();

	return enc != PG_UTF8 && enc != PG_SQL_ASCII;
}

/* Whether a string is plain ASCII, the same in every server encoding. */
static bool
is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char) *s >= 0x80)
			return false;
	return true;
}

/*
 * UTF-8 text of govinfo's own (a label, a message) in the database encoding:
 * the same pointer when nothing changes, else a palloc'd copy.  It looks up
 * no catalog (PostgreSQL keeps the UTF-8 conversion of the backend), so it
 * may be called inside ereport arguments.
 */
const char *
gi_zh(const char *utf8)
{
	StringInfoData buf;
	const unsigned char *p = (const unsigned char *) utf8;

	if (utf8 == NULL || !needs_conversion() || is_ascii(utf8))
		return utf8;
	initStringInfo(&buf);
	while (*p)
	{
		unsigned char out[MAX_UNICODE_EQUIVALENT_STRING + 1];
		pg_wchar	c;

		if (*p < 0x80)
		{
			appendStringInfoChar(&buf, (char) *p++);
			continue;
		}
		c = utf8_to_unicode(p);
		if (c == 0x00B7 && GetDatabaseEncoding() == PG_EUC_CN)
			c = 0x30FB;			/* GB2312 A1A4 as PostgreSQL maps it */
		pg_unicode_to_server(c, out);
		appendStringInfoString(&buf, (const char *) out);
		p += pg_utf_mblen(p);
	}
	return buf.data;
}

/* Text in the database encoding as UTF-8, to match it against labels. */
const char *
gi_from_server(const char *s)
{
	if (!needs_conversion() || is_ascii(s))
		return s;
	return pg_server_to_any(s, strlen(s), PG_UTF8);
}
