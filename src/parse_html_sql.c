/*
 * parse_html_sql.c — the HTML reader as SQL functions: html_tables(document) gives every position
 * of every leaf table, html_text(document) the text outside them with the table markers.  Useful
 * on their own to clean scraped pages, and to test the reader.  The document arrives in the
 * database encoding and is read as UTF-8; what leaves is in the database encoding again.
 */
#include "postgres.h"

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

/* UTF-8 text from the reader as a text datum in the database encoding. */
static Datum
text_out(const char *s)
{
	return PointerGetDatum(cstring_to_text(pg_any_to_server(s, strlen(s), PG_UTF8)));
}

PG_FUNCTION_INFO_V1(html_tables);
/* html_tables(document): one row per position of every leaf table, covered ones included. */
Datum
html_tables(PG_FUNCTION_ARGS)
{
	GiHtmlDoc  *doc = read_arg(PG_GETARG_TEXT_PP(0));
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
					values[3] = text_out(cell->text);
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

	PG_RETURN_DATUM(text_out(doc->text));
}
