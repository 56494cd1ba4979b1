/*
 * figures_jsonb.c — casts between the figures types and jsonb, in the shape
 * the kind's descriptor names (kinds.h):
 *
 *   GI_JSON_ROW_ARRAYS   request_figures     {"format": "2021", "1": [np, biz, res, npo, law, oth, total], ...}
 *   GI_JSON_FLAT_ARRAY   appeal_figures      [15 values: review, suit, suit_after_review × 5 columns]
 *   GI_JSON_ROW_OBJECTS  disclosure_figures  {"format": "2021", "2.1.1": {"issued": n, ...}, "2.8.1": {"amount": x}}
 *
 * null is a blank cell; a missing row or column is blank; "format" defaults
 * to "2021".  Values go through gi_parse_value, exactly as text input does.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "kinds.h"

/* Raise the error for JSON of the wrong shape. */
static void
report_shape(const char *type_name, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot convert jsonb to %s: %s", type_name, what)));
}

/* A JSON string's text as a C string. */
static char *
jbv_cstring(const JsonbValue *v)
{
	return pnstrdup(v->val.string.val, v->val.string.len);
}

/* Read one JSON scalar as the value at index: null = blank, number = value. */
static int64
jbv_to_value(const GiGrid *g, int index, const JsonbValue *v)
{
	char	   *num;
	int64		value;

	if (v->type == jbvNull)
		return GI_BLANK;
	if (v->type != jbvNumeric)
		ereport(ERROR,
				(errcode(ERRCODE_NON_NUMERIC_SQL_JSON_ITEM),
				 errmsg("non-numeric JSON value in %s", gi_describe_cell(g, index)),
				 errdetail("Each cell is a JSON number, or null for a blank cell.")));
	num = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v->val.numeric)));
	gi_parse_value(g, index, num, strlen(num), &value, NULL);
	return value;
}

/* The format named by an object's optional "format" key. */
static int
json_format(const char *type_name, JsonbContainer *obj)
{
	JsonbValue *f = getKeyJsonValueFromContainer(obj, "format", 6, NULL);

	if (f == NULL || f->type == jbvNull)
		return GI_FORMAT_2021;
	if (f->type == jbvString)
		return gi_parse_format(jbv_cstring(f));
	if (f->type == jbvNumeric)
		return gi_parse_format(DatumGetCString(DirectFunctionCall1(numeric_out,
																	NumericGetDatum(f->val.numeric))));
	report_shape(type_name, "\"format\" must be a string such as \"2021\"");
	return 0;
}

/* Read a JSON array container of one row's values. */
static void
parse_row_array(const GiGrid *g, const GiGridRow *r, JsonbContainer *arr, GiValues *out)
{
	int			n = JsonContainerSize(arr);

	if (n != r->ncols)
		gi_report_value_count(g, r, n, ERRCODE_INVALID_PARAMETER_VALUE, NULL);
	for (int c = 0; c < n; c++)
	{
		JsonbValue *elem = getIthJsonbValueFromContainer(arr, c);

		out->v[r->first + c] = jbv_to_value(g, r->first + c, elem);
	}
}

/* Read a JSON object container of one row's values keyed by column code. */
static void
parse_row_object(const GiGrid *g, const GiGridRow *r, JsonbContainer *obj, GiValues *out)
{
	JsonbIterator *it = JsonbIteratorInit(obj);
	JsonbValue	v;
	JsonbIteratorToken tok;

	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		char	   *col;
		int			c;

		if (tok != WJB_KEY)
			continue;
		col = jbv_cstring(&v);
		c = gi_grid_find_col(r, col);
		if (c < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown column code \"%s\" for row \"%s\" of %s", col, r->row->code, g->type_name),
					 errhint("govinfo.column_catalog('%d') lists the columns of part %d.", g->format, g->part)));
		tok = JsonbIteratorNext(&it, &v, true);
		if (v.type == jbvBinary)
			ereport(ERROR,
					(errcode(ERRCODE_NON_NUMERIC_SQL_JSON_ITEM),
					 errmsg("non-numeric JSON value in %s", gi_describe_cell(g, r->first + c)),
					 errdetail("Each cell is a JSON number, or null for a blank cell.")));
		out->v[r->first + c] = jbv_to_value(g, r->first + c, &v);
	}
}

/* Read an object keyed by row code, each row an array or an object keyed by column code. */
static void
parse_rows_object(GiFigKind kind, JsonbContainer *root, GiValues *out)
{
	const GiGrid *g = gi_grid(kind, json_format(gi_kind(kind)->type_name, root));
	JsonbIterator *it = JsonbIteratorInit(root);
	JsonbValue	v;
	JsonbIteratorToken tok;
	bool		rows_are_arrays = (gi_kind(kind)->json_shape == GI_JSON_ROW_ARRAYS);

	gi_init_values(g, out);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		char	   *code;
		const GiGridRow *r;

		if (tok != WJB_KEY)
			continue;
		code = jbv_cstring(&v);
		tok = JsonbIteratorNext(&it, &v, true);
		if (strcmp(code, "format") == 0)
			continue;
		r = gi_grid_row(g, code);
		if (v.type == jbvNull)
			continue;			/* the whole row blank */
		if (v.type != jbvBinary ||
			(rows_are_arrays ? !JsonContainerIsArray(v.val.binary.data)
			 : !JsonContainerIsObject(v.val.binary.data)))
		{
			if (rows_are_arrays)
				report_shape(g->type_name, psprintf("row \"%s\" must be an array of %d values", code, r->ncols));
			report_shape(g->type_name, psprintf("row \"%s\" must be an object keyed by column code", code));
		}
		if (rows_are_arrays)
			parse_row_array(g, r, v.val.binary.data, out);
		else
			parse_row_object(g, r, v.val.binary.data, out);
	}
}

/* "review, suit, suit_after_review, each upheld, corrected, other, pending, total": a flat array's order. */
static char *
flat_order(const GiGrid *g)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < g->nrows; i++)
		appendStringInfo(&buf, "%s%s", i > 0 ? ", " : "", g->rows[i].row->code);
	appendStringInfoString(&buf, ", each");
	for (int c = 0; c < g->rows[0].ncols; c++)
		appendStringInfo(&buf, "%s %s", c > 0 ? "," : "", g->rows[0].cols[c]->code);
	return buf.data;
}

/* Read a flat array of every value in grid order (a kind without format). */
static void
parse_flat_array(GiFigKind kind, JsonbContainer *root, GiValues *out)
{
	const GiGrid *g = gi_grid(kind, 0);
	int			n;

	if (!JsonContainerIsArray(root) || JsonContainerIsScalar(root))
		report_shape(g->type_name, psprintf("expected an array of %d values", g->nvalues));
	n = JsonContainerSize(root);
	if (n != g->nvalues)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s takes %d values but the array has %d", g->type_name, g->nvalues, n),
				 errdetail("The order is %s.", flat_order(g))));
	gi_init_values(g, out);
	for (int i = 0; i < n; i++)
		out->v[i] = jbv_to_value(g, i, getIthJsonbValueFromContainer(root, i));
}

/* Convert a jsonb document to format and values, checking every cell. */
void
gi_jsonb_parse(GiFigKind kind, Jsonb *jb, GiValues *out)
{
	JsonbContainer *root = &jb->root;

	if (gi_kind(kind)->json_shape == GI_JSON_FLAT_ARRAY)
	{
		parse_flat_array(kind, root, out);
		return;
	}
	if (!JsonContainerIsObject(root))
		report_shape(gi_kind(kind)->type_name, "expected an object keyed by row code");
	parse_rows_object(kind, root, out);
}

/* Push one value as a JSON number or null. */
static void
push_value(JsonbParseState **st, const GiGrid *g, int index, int64 v, JsonbIteratorToken tok)
{
	JsonbValue	jv;
	bool		isnull;
	Datum		d = gi_value_datum(g, index, v, &isnull);

	if (isnull)
		jv.type = jbvNull;
	else
	{
		jv.type = jbvNumeric;
		jv.val.numeric = (index == g->amount_index) ? DatumGetNumeric(d) : int64_to_numeric(v);
	}
	pushJsonbValue(st, tok, &jv);
}

/* Push an object key. */
static void
push_key(JsonbParseState **st, const char *key)
{
	JsonbValue	jv;

	jv.type = jbvString;
	jv.val.string.val = (char *) key;
	jv.val.string.len = strlen(key);
	pushJsonbValue(st, WJB_KEY, &jv);
}

/* Build the jsonb form of a value. */
Jsonb *
gi_jsonb_build(GiFigKind kind, const GiValues *vals)
{
	const GiGrid *g = gi_grid(kind, vals->format);
	JsonbParseState *st = NULL;
	JsonbValue *res;
	bool		as_array = (gi_kind(kind)->json_shape == GI_JSON_ROW_ARRAYS);

	if (gi_kind(kind)->json_shape == GI_JSON_FLAT_ARRAY)
	{
		pushJsonbValue(&st, WJB_BEGIN_ARRAY, NULL);
		for (int i = 0; i < g->nvalues; i++)
			push_value(&st, g, i, vals->v[i], WJB_ELEM);
		res = pushJsonbValue(&st, WJB_END_ARRAY, NULL);
		return JsonbValueToJsonb(res);
	}

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	{
		JsonbValue	fmt;

		push_key(&st, "format");
		fmt.type = jbvString;
		fmt.val.string.val = psprintf("%d", vals->format);
		fmt.val.string.len = strlen(fmt.val.string.val);
		pushJsonbValue(&st, WJB_VALUE, &fmt);
	}
	for (int i = 0; i < g->nrows; i++)
	{
		const GiGridRow *r = &g->rows[i];

		push_key(&st, r->row->code);
		pushJsonbValue(&st, as_array ? WJB_BEGIN_ARRAY : WJB_BEGIN_OBJECT, NULL);
		for (int c = 0; c < r->ncols; c++)
		{
			if (!as_array)
				push_key(&st, r->cols[c]->code);
			push_value(&st, g, r->first + c, vals->v[r->first + c], as_array ? WJB_ELEM : WJB_VALUE);
		}
		pushJsonbValue(&st, as_array ? WJB_END_ARRAY : WJB_END_OBJECT, NULL);
	}
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	return JsonbValueToJsonb(res);
}
