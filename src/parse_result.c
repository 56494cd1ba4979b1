/*
 * parse_result.c — govinfo.parse_report(document text): checks the input
 * (size limit 54000, the document as UTF-8 without NUL), runs the parser and
 * builds the govinfo.parsed_report composite with its warnings.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "access/htup_details.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "encoding.h"
#include "parse.h"

#if defined(__has_include)
#if __has_include("parse_html.h")
#include "parse_html.h"
#define GI_HAVE_HTML 1
#endif
#endif

PG_FUNCTION_INFO_V1(gi_parse_report);
PG_FUNCTION_INFO_V1(gi_agency_name_key);

/* Add a warning to the parse. */
void
gi_parse_warn(GiParse *p, const char *code, int part, const char *row_code, const char *col_code,
			  const char *fmt,...)
{
	GiParseWarning *w = palloc(sizeof(GiParseWarning));
	StringInfoData buf;

	initStringInfo(&buf);
	for (;;)
	{
		va_list		args;
		int			needed;

		va_start(args, fmt);
		needed = appendStringInfoVA(&buf, fmt, args);
		va_end(args);
		if (needed == 0)
			break;
		enlargeStringInfo(&buf, needed);
	}
	w->code = code;
	w->part = part;
	w->row_code = row_code;
	w->col_code = col_code;
	w->message = buf.data;
	p->warnings = lappend(p->warnings, w);
}

/* Push a key and its string value (UTF-8, in the database encoding) or null onto a jsonb object. */
static void
push_field(JsonbParseState **st, const char *key, const char *utf8)
{
	JsonbValue	k,
				v;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	(void) pushJsonbValue(st, WJB_KEY, &k);
	if (utf8 == NULL)
		v.type = jbvNull;
	else
	{
		const char *s = gi_zh(utf8);

		v.type = jbvString;
		v.val.string.val = (char *) s;
		v.val.string.len = strlen(s);
	}
	(void) pushJsonbValue(st, WJB_VALUE, &v);
}

/*
 * The warnings as a jsonb array of {"code", "part", "row_code", "column_code",
 * "message"}, built as jsonb values (the same value jsonb_in made of their
 * JSON text, without writing and parsing that text).
 */
static Datum
warnings_jsonb(GiParse *p)
{
	JsonbParseState *st = NULL;
	JsonbValue *res;
	ListCell   *lc;

	(void) pushJsonbValue(&st, WJB_BEGIN_ARRAY, NULL);
	foreach(lc, p->warnings)
	{
		GiParseWarning *w = lfirst(lc);
		JsonbValue	k,
					v;

		(void) pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
		push_field(&st, "code", w->code);
		k.type = jbvString;
		k.val.string.val = "part";
		k.val.string.len = 4;
		(void) pushJsonbValue(&st, WJB_KEY, &k);
		if (w->part > 0)
		{
			v.type = jbvNumeric;
			v.val.numeric = int64_to_numeric(w->part);
		}
		else
			v.type = jbvNull;
		(void) pushJsonbValue(&st, WJB_VALUE, &v);
		push_field(&st, "row_code", w->row_code);
		push_field(&st, "column_code", w->col_code);
		push_field(&st, "message", w->message);
		(void) pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	}
	res = pushJsonbValue(&st, WJB_END_ARRAY, NULL);
	return JsonbPGetDatum(JsonbValueToJsonb(res));
}

/* A text datum of UTF-8 text in the database encoding, or NULL. */
static Datum
text_datum(const char *utf8, bool *isnull)
{
	*isnull = (utf8 == NULL);
	return *isnull ? (Datum) 0 : PointerGetDatum(cstring_to_text(gi_zh(utf8)));
}

/* The document as UTF-8: checked, converted from the database encoding. */
static const char *
document_utf8(text *doc, int *len)
{
	const char *s = VARDATA_ANY(doc);
	int			n = VARSIZE_ANY_EXHDR(doc);
	const char *nul;
	const char *u;
	bool		valid;

	if (n > GI_PARSE_MAX_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("document of %d bytes is too large to parse", n),
				 errdetail("govinfo.parse_report accepts documents of at most %d bytes.", GI_PARSE_MAX_BYTES)));
	/*
	 * Every encoding's verifier refuses a NUL byte: the document is searched
	 * for one (to name it) only when the verifier refused it.
	 */
	valid = pg_verify_mbstr(GetDatabaseEncoding(), s, n, true);
	nul = valid ? NULL : memchr(s, '\0', n);
	if (nul != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				 errmsg("document holds a NUL byte at offset %d", (int) (nul - s)),
				 errdetail("A report is text; remove the NUL bytes or decode the file first.")));
	if (!valid)
		ereport(ERROR,
				(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				 errmsg("document is not valid %s", GetDatabaseEncodingName()),
				 errdetail("Convert the document to the database encoding before parsing it.")));
	if (GetDatabaseEncoding() == PG_UTF8 || GetDatabaseEncoding() == PG_SQL_ASCII)
	{
		if (GetDatabaseEncoding() == PG_SQL_ASCII && !pg_verify_mbstr(PG_UTF8, s, n, true))
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("document is not valid UTF-8")));
		*len = n;
		return s;
	}
	u = pg_server_to_any(s, n, PG_UTF8);
	*len = strlen(u);
	return u;
}

#ifdef GI_HAVE_HTML
/*
 * The text of an HTML document with each table written in place as rows of
 * cells between '|' (the F2 shape the table reader reads): an empty cell, or
 * one covered by an empty cell's span, is an empty cell; a position covered
 * by a span of a filled cell is left out.
 */
static char *
html_as_text(GiHtmlDoc *h, int *len)
{
	StringInfoData b;
	const char *s = h->text;

	initStringInfo(&b);
	while (*s)
	{
		const char *eol = strchr(s, '\n');
		int			n = eol ? (int) (eol - s) : (int) strlen(s);
		int			t;

		if (n > 7 && s[0] == '\x1E' && gi_strneq(s + 1, "TABLE ", 6) &&
			(t = atoi(s + 7)) >= 0 && t < h->ntables)
		{
			GiHtmlTable *tb = &h->tables[t];

			for (int r = 0; r < tb->nrows; r++)
			{
				appendStringInfoChar(&b, '|');
				for (int c = 0; c < tb->ncols; c++)
				{
					GiHtmlCell *cell = &tb->cells[r * tb->ncols + c];
					const char *txt = cell->text;

					/*
					 * no cell there: a short row (empty cells dropped, or a
					 * narrower block), except the document's last row, which a
					 * cut may have left short: its cells stay in place
					 */
					if ((txt == NULL || (cell->from_row < 0 && !(t == h->ntables - 1 && r == tb->nrows - 1))) &&
						!cell->covered)
						continue;
					if (cell->covered)
					{
						GiHtmlCell *from = &tb->cells[cell->from_row * tb->ncols + cell->from_col];

						if (from->text && from->text[0])
							continue;
						txt = "";
					}
					appendStringInfo(&b, " %s |", txt ? txt : "");
				}
				appendStringInfoChar(&b, '\n');
			}
		}
		else
		{
			appendBinaryStringInfo(&b, s, n);
			appendStringInfoChar(&b, '\n');
		}
		s += n + (eol ? 1 : 0);
	}
	*len = b.len;
	return b.data;
}
#endif

/* Run the parser on a UTF-8 document. */
static void
parse_document(GiParse *p, const char *doc, int len)
{
	int			found = 0;

	memset(p, 0, sizeof(*p));
#ifdef GI_HAVE_HTML
	if (gi_html_detect(doc, len))
	{
		GiHtmlDoc  *h = gi_html_read(doc, len);

		p->html = true;
		doc = html_as_text(h, &len);
	}
#endif
	p->src = doc;
	p->srclen = len;
	p->text = gi_parse_normalize(doc, len, &p->len, &p->map);
	gi_parse_doc(p);
	for (int k = 1; k <= 6; k++)
		found += p->head[k] >= 0;
	if (found == 0)
	{
		/* no part of a report: nothing to read */
		p->warnings = NIL;
		gi_parse_warn(p, "not_a_report", 0, NULL, NULL,
					  len == 0 ? "the document is empty" :
					  "no heading of parts 一 to 六 of an annual report was found");
		return;
	}
	/* a crawler's header: 原文链接: starting before byte 3991 (4000 - 9) */
	if (gi_memfind(p->text, Min(p->len, Min(p->len, 4000) + 4), "原文链接:", 13) != NULL)
		p->crawler = true;
	/*
	 * A crawler's dump without its header: the body on one line of 2000 bytes
	 * or more.  From the start of a line, the window of its next 2000 bytes:
	 * no line break in it is such a line (when the text holds the 2000 bytes);
	 * else every line starting before the window's last line break ends
	 * inside the window, and the next line to try starts after that break.
	 */
	for (int start = 0; !p->crawler;)
	{
		int			w = Min(2000, p->len - start);
		const char *nl = w > 0 ? memrchr(p->text + start, '\n', w) : NULL;

		if (nl == NULL)
		{
			p->crawler = w == 2000;
			break;
		}
		start = (nl - p->text) + 1;
	}
	gi_read_tables(p);
	gi_parse_narrative_checks(p);
}

/* The family of the copy (parsed_report.layout). */
static const char *
layout_name(GiParse *p)
{
	if (p->truncated || p->lossy || p->unrecoverable)
		return "F8";
	if (p->html)
		return "F7";
	if (!p->req.found && !p->disc.found && !p->appeal.found)
		return "none";
	if (p->crawler)
		return "F6";
	if (p->req.layout)
		return p->req.layout;
	if (p->disc.layout)
		return p->disc.layout;
	return "F1";
}

/* Check the document, convert it to UTF-8 and parse it into p. */
static void
parse_utf8(text *doc, GiParse *p)
{
	int			len;
	const char *utf8 = document_utf8(doc, &len);

	parse_document(p, utf8, len);
}

/*
 * The first block of the parse's context, kept: a parse of the seed or of the
 * F7 page (25 kB) fits in it.  Larger documents get more blocks, freed again
 * by the next reset.
 */
#define GI_PARSE_CXT_SIZE (1024 * 1024)

/* the context one parse allocates in, kept per backend, reset per document */
static MemoryContext parse_cxt = NULL;

/*
 * The fields of govinfo.parsed_report for a document, in the type's order
 * (GI_PARSED_NATTS): what parse_report returns and import_report stores.
 */
void
gi_parse_report_values(text *doc, Datum *values, bool *nulls)
{
	GiParse		p;
	const char *fmt;
	bool		complete;
	MemoryContext caller = CurrentMemoryContext;

	/*
	 * The parse's own allocations go to a context kept per backend and reset
	 * per document: its first block stays, so the heap does not grow and
	 * shrink (brk, page faults) for every document.  A generation context,
	 * as chunks of up to an eighth of its largest block are carved from its
	 * blocks (an AllocSet gives every chunk over 8 kB its own malloc).  The
	 * result is built in the caller's context.
	 */
	if (parse_cxt == NULL)
		parse_cxt = GenerationContextCreate(TopMemoryContext, "govinfo parse",
											GI_PARSE_CXT_SIZE, GI_PARSE_CXT_SIZE, ALLOCSET_DEFAULT_MAXSIZE);
	MemoryContextReset(parse_cxt);
	MemoryContextSwitchTo(parse_cxt);
	/* an error leaves the caller in its own context, not in one the next parse resets */
	PG_TRY();
	{
		parse_utf8(doc, &p);
	}
	PG_FINALLY();
	{
		MemoryContextSwitchTo(caller);
	}
	PG_END_TRY();

	memset(nulls, 0, sizeof(bool) * GI_PARSED_NATTS);
	values[0] = text_datum(p.title, &nulls[0]);
	values[1] = text_datum(p.agency, &nulls[1]);
	nulls[2] = p.year == 0;
	values[2] = Int32GetDatum(p.year);
	nulls[3] = p.pub_y == 0;
	if (!nulls[3])
		values[3] = DateADTGetDatum(date2j(p.pub_y, p.pub_m, p.pub_d) - POSTGRES_EPOCH_JDATE);
	fmt = !p.req.found ? NULL : p.req.format == GI_FORMAT_2019 ? "2019" : "2021";
	values[4] = text_datum(fmt, &nulls[4]);

	nulls[5] = !p.disc.found || !gi_layout_grid(GI_FIG_DISCLOSURE, p.disc.format)->stored;
	if (!nulls[5])
		values[5] = PointerGetDatum(gi_pack(GI_FIG_DISCLOSURE, &p.disc.vals));
	nulls[6] = !p.req.found;
	if (!nulls[6])
		values[6] = PointerGetDatum(gi_pack(GI_FIG_REQUEST, &p.req.vals));
	nulls[7] = !p.appeal.found;
	if (!nulls[7])
		values[7] = PointerGetDatum(gi_pack(GI_FIG_APPEAL, &p.appeal.vals));
	values[8] = text_datum(p.overview, &nulls[8]);
	values[9] = text_datum(p.problems, &nulls[9]);
	values[10] = text_datum(p.other_matters, &nulls[10]);
	complete = p.disc.found && p.req.found && p.appeal.found &&
		p.disc.complete && p.req.complete && p.appeal.complete &&
		!p.truncated && !p.lossy && !p.unrecoverable;
	if (!p.disc.found || !p.req.found || !p.appeal.found)
	{
		if (p.warnings == NIL || strcmp(((GiParseWarning *) linitial(p.warnings))->code, "not_a_report") != 0)
			gi_parse_warn(&p, "table_missing", !p.disc.found ? 2 : !p.req.found ? 3 : 4, NULL, NULL,
						  "the table of part %s was not found",
						  !p.disc.found ? "二" : !p.req.found ? "三" : "四");
	}
	values[11] = BoolGetDatum(complete);
	values[12] = text_datum(layout_name(&p), &nulls[12]);
	values[13] = warnings_jsonb(&p);
	MemoryContextReset(parse_cxt);
}

/* govinfo.parse_report(document text) RETURNS govinfo.parsed_report */
Datum
gi_parse_report(PG_FUNCTION_ARGS)
{
	text	   *doc = PG_GETARG_TEXT_PP(0);
	TupleDesc	tupdesc;
	Datum		values[GI_PARSED_NATTS];
	bool		nulls[GI_PARSED_NATTS];

	/* the result's descriptor, blessed once per call site */
	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;
	if (tupdesc == NULL)
	{
		MemoryContext old;

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "parse_report must return a composite type");
		old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = tupdesc;
	}
	gi_parse_report_values(doc, values, nulls);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * govinfo.agency_name_key(name text) RETURNS text: a name as the parser reads
 * it (traditional characters simplified, full-width punctuation as ASCII,
 * inserted pinyin dropped) without white space, so that a printed agency name
 * matches agency.name written with other punctuation or characters.
 */
Datum
gi_agency_name_key(PG_FUNCTION_ARGS)
{
	text	   *name = PG_GETARG_TEXT_PP(0);
	int			len;
	const char *utf8 = document_utf8(name, &len);
	int			nlen;
	char	   *norm = gi_parse_normalize(utf8, len, &nlen, NULL);
	int			o = 0;

	for (int i = 0; i < nlen; i++)
		if (norm[i] != ' ' && norm[i] != '\n')
			norm[o++] = norm[i];
	norm[o] = '\0';
	PG_RETURN_TEXT_P(cstring_to_text(gi_zh(norm)));
}
