/*
 * parse_html_sql.c — the HTML reader as SQL functions: html_tables(document) gives every position
 * of every leaf table, html_text(document) the text outside them with the table markers.  Useful
 * on their own to clean scraped pages, and to test the reader.  The document arrives in the
 * database encoding and is read as UTF-8; what leaves is in the database encoding again.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "compat.h"
#include "parse_html.h"

/* documents longer than this are refused (54000): the reader's time stays bounded */
#define HTML_MAX_DOCUMENT (16 * 1024 * 1024)

/* Read the document argument: UTF-8, within the size limit. */
static GiHtmlDoc *
read_arg(text *t)
{
	const char *src = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	char	   *utf8;

	if (len > HTML_MAX_DOCUMENT)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("html document too long"),
				 errdetail("The document has %d bytes; at most %d are read.", len, HTML_MAX_DOCUMENT)));
	utf8 = pg_server_to_any(src, len, PG_UTF8);
	if (utf8 != src)
		len = strlen(utf8);
	return gi_html_read(utf8, len);
}

/* The conversion from UTF-8 to the database encoding, InvalidOid when there is none to make. */
static Oid
out_proc(void)
{
	int			enc = GetDatabaseEncoding();

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII)
		return InvalidOid;
	return FindDefaultConversionProc(PG_UTF8, enc);
}

/*
 * UTF-8 text from the reader as a text datum in the database encoding.  A character that encoding
 * lacks (one the page wrote as an entity or an escape: &raquo; or &copy; in EUC_CN) becomes '?',
 * rather than failing the whole page.
 */
static Datum
text_out(const char *s, Oid proc)
{
	int			len = strlen(s);
	int			enc = GetDatabaseEncoding();
	StringInfoData buf;
	unsigned char *dest;
	int			destlen;
	int			done = 0;

	if (!OidIsValid(proc))
		return PointerGetDatum(cstring_to_text_with_len(s, len));
	destlen = len * MAX_CONVERSION_GROWTH + 1;
	dest = palloc(destlen);
	initStringInfo(&buf);
	while (done < len)
	{
		done += pg_do_encoding_conversion_buf(proc, PG_UTF8, enc, (unsigned char *) s + done, len - done,
											  dest, destlen, true);
		appendStringInfoString(&buf, (const char *) dest);
		if (done < len)
		{
			appendStringInfoChar(&buf, '?');
			done += Min(pg_utf_mblen((const unsigned char *) s + done), len - done);
		}
	}
	pfree(dest);
	return PointerGetDatum(cstring_to_text_with_len(buf.data, buf.len));
}

PG_FUNCTION_INFO_V1(html_tables);
/* html_tables(document): one row per position of every leaf table, covered ones included. */
Datum
html_tables(PG_FUNCTION_ARGS)
{
	GiHtmlDoc  *doc = read_arg(PG_GETARG_TEXT_PP(0));
	Oid			proc = out_proc();
	ReturnSetInfo *rsinfo;

	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	for (int t = 0; t < doc->ntables; t++)
	{
		const GiHtmlTable *tab = &doc->tables[t];

		for (int r = 0; r < tab->nrows; r++)
			for (int c = 0; c < tab->ncols; c++)
			{
				const GiHtmlCell *cell = &tab->cells[r * tab->ncols + c];
				Datum		values[5];
				bool		nulls[5] = {false, false, false, false, false};

				values[0] = Int32GetDatum(t);
				values[1] = Int32GetDatum(r);
				values[2] = Int32GetDatum(c);
				/* a position no cell reaches (a short row) is NULL, not covered */
				if (cell->text == NULL || cell->from_row < 0)
					nulls[3] = true;
				else
					values[3] = text_out(cell->text, proc);
				values[4] = BoolGetDatum(cell->covered);
				tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			}
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(html_text);
/* html_text(document): the text outside the leaf tables, one block per line, E'\x1eTABLE n' lines. */
Datum
html_text(PG_FUNCTION_ARGS)
{
	GiHtmlDoc  *doc = read_arg(PG_GETARG_TEXT_PP(0));

	PG_RETURN_DATUM(text_out(doc->text, out_proc()));
}
