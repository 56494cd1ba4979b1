/*
 * render_doc.c — govinfo.render_document(annual_report, …): one report row,
 * its agency and its last stored years in, the whole document out as HTML,
 * Markdown or text, in Chinese or English.  The SQL functions render_report()
 * find the row (stored, derived or imported) and its history.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "executor/executor.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"

#include "compat.h"
#include "encoding.h"
#include "render.h"

typedef enum RFormat
{
	RF_HTML,
	RF_MARKDOWN,
	RF_TEXT
} RFormat;

/* Parse the format argument: html, markdown or text. */
static RFormat
parse_doc_format(const char *s)
{
	if (strcmp(s, "html") == 0)
		return RF_HTML;
	if (strcmp(s, "markdown") == 0 || strcmp(s, "md") == 0)
		return RF_MARKDOWN;
	if (strcmp(s, "text") == 0)
		return RF_TEXT;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown document format \"%s\"", s),
			 errhint("Use 'html', 'markdown' or 'text'.")));
	return RF_HTML;
}

/* A text attribute of the report row as UTF-8, or NULL. */
static const char *
text_attr(HeapTupleHeader row, const char *name)
{
	bool		isnull;
	Datum		d = GetAttributeByName(row, name, &isnull);

	return isnull ? NULL : gi_from_server(TextDatumGetCString(d));
}

/* Unpack a figures attribute of the report row; false when it is NULL. */
static bool
figures_attr(HeapTupleHeader row, const char *name, GiFigKind kind, GiValues *out)
{
	bool		isnull;
	Datum		d = GetAttributeByName(row, name, &isnull);

	if (isnull)
		return false;
	gi_unpack(kind, DatumGetPointer(d), out);
	return true;
}

/* The total of one row of table 三, or GI_BLANK. */
static int64
request_total(const GiGrid *g, const GiValues *v, const char *row)
{
	return v->v[gi_grid_value_index(g, row, "total")];
}

/* Read the history arrays: years and their request_figures (NULL elements are skipped). */
static void
read_history(RDoc *doc, ArrayType *years, ArrayType *figs)
{
	Datum	   *yd,
			   *fd;
	bool	   *yn,
			   *fn;
	int			ny,
				nf;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (years == NULL || figs == NULL)
		return;
	deconstruct_array(years, INT4OID, 4, true, TYPALIGN_INT, &yd, &yn, &ny);
	get_typlenbyvalalign(ARR_ELEMTYPE(figs), &typlen, &typbyval, &typalign);
	deconstruct_array(figs, ARR_ELEMTYPE(figs), typlen, typbyval, typalign, &fd, &fn, &nf);
	if (ny != nf)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("history years and figures differ in length (%d and %d)", ny, nf)));
	for (int i = 0; i < ny && doc->nhist < (int) lengthof(doc->hist_year); i++)
	{
		GiValues	v;
		const GiGrid *g;

		if (yn[i] || fn[i])
			continue;
		gi_unpack(GI_FIG_REQUEST, DatumGetPointer(fd[i]), &v);
		g = gi_grid(GI_FIG_REQUEST, v.format);
		doc->hist_year[doc->nhist] = DatumGetInt32(yd[i]);
		doc->hist[doc->nhist][0] = request_total(g, &v, "1");
		doc->hist[doc->nhist][1] = request_total(g, &v, "2");
		doc->hist[doc->nhist][2] = request_total(g, &v, "3.7");
		doc->nhist++;
	}
}

/* The publication date of the report row as YYYY-MM-DD (session time zone), or NULL. */
static const char *
published_date(HeapTupleHeader row)
{
	bool		isnull;
	Datum		d = GetAttributeByName(row, "published_at", &isnull);
	int			y,
				m,
				day;

	if (isnull)
		return NULL;
	d = DirectFunctionCall1(timestamptz_date, d);
	if (DATE_NOT_FINITE(DatumGetDateADT(d)))
		return NULL;
	j2date(DatumGetDateADT(d) + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	return psprintf("%04d-%02d-%02d", y, m, day);
}

PG_FUNCTION_INFO_V1(render_document);
/*
 * render_document(r annual_report, agency_name text, agency_code text,
 * history_years integer[], history request_figures[], format text, lang text)
 */
Datum
render_document(PG_FUNCTION_ARGS)
{
	HeapTupleHeader row;
	RDoc	   *doc;
	RFormat		fmt;
	StringInfoData out;
	bool		isnull;
	Datum		d;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(5) || PG_ARGISNULL(6))
		PG_RETURN_NULL();
	row = PG_GETARG_HEAPTUPLEHEADER(0);
	fmt = parse_doc_format(text_to_cstring(PG_GETARG_TEXT_PP(5)));
	doc = palloc0(sizeof(RDoc));
	doc->english = gi_lang_is_english(text_to_cstring(PG_GETARG_TEXT_PP(6)));
	doc->agency = gi_from_server(text_to_cstring(PG_GETARG_TEXT_PP(1)));
	doc->agency_code = gi_from_server(text_to_cstring(PG_GETARG_TEXT_PP(2)));

	d = GetAttributeByName(row, "year", &isnull);
	if (isnull)
		ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("the report to render has no year")));
	doc->year = DatumGetInt32(d);
	doc->format = text_attr(row, "format") ? gi_parse_format(text_attr(row, "format")) : gi_default_format(doc->year);
	doc->source = text_attr(row, "source") ? text_attr(row, "source") : "entered";
	doc->published = published_date(row);
	doc->texts[0] = text_attr(row, "overview");
	doc->texts[1] = text_attr(row, "problems");
	doc->texts[2] = text_attr(row, "other_matters");
	doc->has[0] = figures_attr(row, "disclosures", GI_FIG_DISCLOSURE, &doc->vals[0]);
	doc->has[1] = figures_attr(row, "requests", GI_FIG_REQUEST, &doc->vals[1]);
	doc->has[2] = figures_attr(row, "appeals", GI_FIG_APPEAL, &doc->vals[2]);
	for (int k = 0; k < 2; k++)
		if (doc->has[k] && doc->vals[k].format != doc->format)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the %s of the report are in the %d format, the report in %d",
							k == 0 ? "disclosures" : "requests", doc->vals[k].format, doc->format)));
	read_history(doc, PG_ARGISNULL(3) ? NULL : PG_GETARG_ARRAYTYPE_P(3),
				 PG_ARGISNULL(4) ? NULL : PG_GETARG_ARRAYTYPE_P(4));

	r_build_tables(doc);
	initStringInfo(&out);
	switch (fmt)
	{
		case RF_HTML:
			r_html(&out, doc);
			break;
		case RF_MARKDOWN:
			r_markdown(&out, doc);
			break;
		case RF_TEXT:
			r_text(&out, doc);
			break;
	}
	PG_RETURN_TEXT_P(cstring_to_text(gi_zh(out.data)));
}
