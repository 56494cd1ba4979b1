/*
 * figures_fmgr.c — the SQL-callable functions of the three figures types:
 * I/O, jsonb casts, equality and hashing, addition, the sum aggregate's
 * transition, cell() and format().  Each is written once for all three types,
 * reads what differs from the kind's descriptor (kinds.h), and is bound to
 * each type's SQL name by GI_FIG_FUNCTIONS.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"

#include "kinds.h"

PG_MODULE_MAGIC;

/*
 * A new value from checked values, refusing one that does not fit the SQL
 * type the function returns: between installing this library and ALTER
 * EXTENSION UPDATE, disclosure_figures is still the 48-byte type of 0.4.0,
 * which holds a 2021 value only.  The type's length is looked up once per
 * call site, and only for a value longer than the shortest format.
 */
static void *
fig_pack_result(FunctionCallInfo fcinfo, GiFigKind kind, const GiValues *vals)
{
	void	   *fig = gi_pack(kind, vals);
	size_t		used = gi_fig_used_size(kind, fig);

	if (used > DF_SIZE_2021 && kind == GI_FIG_DISCLOSURE)
	{
		int16	   *typlen = fcinfo->flinfo->fn_extra;

		if (typlen == NULL)
		{
			typlen = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(int16));
			*typlen = get_typlen(get_func_rettype(fcinfo->flinfo->fn_oid));
			fcinfo->flinfo->fn_extra = typlen;
		}
		if (*typlen >= 0 && (size_t) *typlen < used)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("%s of the %d format needs govinfo 0.5.0", gi_kind(kind)->type_name, vals->format),
					 errdetail("The database still has the govinfo %s type of an earlier version, which holds the 2021 format only.",
							   gi_kind(kind)->type_name),
					 errhint("Run ALTER EXTENSION govinfo UPDATE.")));
	}
	return fig;
}

/* text input; bad input is a soft error when the caller passed an escontext */
static Datum
fig_in(FunctionCallInfo fcinfo, GiFigKind kind)
{
	GiValues	vals;

	if (!gi_text_parse(kind, PG_GETARG_CSTRING(0), &vals, fcinfo->context))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(fig_pack_result(fcinfo, kind, &vals));
}

/* text output */
static Datum
fig_out(FunctionCallInfo fcinfo, GiFigKind kind)
{
	GiValues	vals;

	gi_unpack(kind, PG_GETARG_POINTER(0), &vals);
	PG_RETURN_CSTRING(gi_text_format(kind, &vals));
}

/* binary input */
static Datum
fig_recv(FunctionCallInfo fcinfo, GiFigKind kind)
{
	GiValues	vals;

	gi_binary_parse(kind, (StringInfo) PG_GETARG_POINTER(0), &vals);
	PG_RETURN_POINTER(fig_pack_result(fcinfo, kind, &vals));
}

/* binary output */
static Datum
fig_send(FunctionCallInfo fcinfo, GiFigKind kind)
{
	GiValues	vals;

	gi_unpack(kind, PG_GETARG_POINTER(0), &vals);
	PG_RETURN_BYTEA_P(gi_binary_build(kind, &vals));
}

/* cast from jsonb */
static Datum
fig_from_jsonb(FunctionCallInfo fcinfo, GiFigKind kind)
{
	GiValues	vals;

	gi_jsonb_parse(kind, PG_GETARG_JSONB_P(0), &vals);
	PG_RETURN_POINTER(fig_pack_result(fcinfo, kind, &vals));
}

/* cast to jsonb */
static Datum
fig_to_jsonb(FunctionCallInfo fcinfo, GiFigKind kind)
{
	GiValues	vals;

	gi_unpack(kind, PG_GETARG_POINTER(0), &vals);
	PG_RETURN_JSONB_P(gi_jsonb_build(kind, &vals));
}

/* = : same format and the same value (blank or number) in every cell */
static Datum
fig_eq(FunctionCallInfo fcinfo, GiFigKind kind)
{
	const void *a = PG_GETARG_POINTER(0);
	const void *b = PG_GETARG_POINTER(1);
	size_t		n = gi_fig_used_size(kind, a);

	PG_RETURN_BOOL(n == gi_fig_used_size(kind, b) && memcmp(a, b, n) == 0);
}

/* <> */
static Datum
fig_ne(FunctionCallInfo fcinfo, GiFigKind kind)
{
	return BoolGetDatum(!DatumGetBool(fig_eq(fcinfo, kind)));
}

/* hash support, consistent with = (over the bytes the value's format uses) */
static Datum
fig_hash(FunctionCallInfo fcinfo, GiFigKind kind)
{
	const void *a = PG_GETARG_POINTER(0);

	return hash_any((const unsigned char *) a, gi_fig_used_size(kind, a));
}

/* + : cell-wise sum into a new value */
static Datum
fig_add(FunctionCallInfo fcinfo, GiFigKind kind)
{
	const void *a = PG_GETARG_POINTER(0);
	void	   *res = palloc0(gi_fig_size(kind));

	memcpy(res, a, gi_fig_used_size(kind, a));
	gi_add_into(kind, res, PG_GETARG_POINTER(1));
	PG_RETURN_POINTER(res);
}

/*
 * sum() transition and combine function: adds into the state in place when
 * called as an aggregate (the state then lives in the aggregate's context).
 */
static Datum
fig_sum_trans(FunctionCallInfo fcinfo, GiFigKind kind)
{
	void	   *state = PG_GETARG_POINTER(0);

	if (!AggCheckCallContext(fcinfo, NULL))
		return fig_add(fcinfo, kind);
	gi_add_into(kind, state, PG_GETARG_POINTER(1));
	PG_RETURN_POINTER(state);
}

/* cell(x, row_code, column_code): the value, or NULL when blank */
static Datum
fig_cell(FunctionCallInfo fcinfo, GiFigKind kind, const char *row_code, const char *col_code)
{
	GiValues	vals;
	const GiGrid *g;
	int			idx;
	bool		isnull;
	Datum		d;

	gi_unpack(kind, PG_GETARG_POINTER(0), &vals);
	g = gi_grid(kind, vals.format);
	idx = gi_grid_value_index(g, row_code, col_code);
	/* cell() returns numeric for table 二 (its amount) and integer otherwise */
	d = gi_value_as(gi_kind(kind)->cell_type, g, idx, vals.v[idx], &isnull);
	if (isnull)
		PG_RETURN_NULL();
	return d;
}

/* format(x): the format version as text */
static Datum
fig_format(FunctionCallInfo fcinfo, GiFigKind kind)
{
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("%d", gi_fig_format(kind, PG_GETARG_POINTER(0)))));
}

/* Bind the generic functions above to one type's SQL-visible C names. */
#define GI_FIG_FUNCTIONS(prefix, kind) \
	PG_FUNCTION_INFO_V1(prefix##_in); \
	Datum prefix##_in(PG_FUNCTION_ARGS) { return fig_in(fcinfo, kind); } \
	PG_FUNCTION_INFO_V1(prefix##_out); \
	Datum prefix##_out(PG_FUNCTION_ARGS) { return fig_out(fcinfo, kind); } \
	PG_FUNCTION_INFO_V1(prefix##_recv); \
	Datum prefix##_recv(PG_FUNCTION_ARGS) { return fig_recv(fcinfo, kind); } \
	PG_FUNCTION_INFO_V1(prefix##_send); \
	Datum prefix##_send(PG_FUNCTION_ARGS) { return fig_send(fcinfo, kind); } \
	PG_FUNCTION_INFO_V1(prefix##_from_jsonb); \
	Datum prefix##_from_jsonb(PG_FUNCTION_ARGS) { return fig_from_jsonb(fcinfo, kind); } \
	PG_FUNCTION_INFO_V1(prefix##_to_jsonb); \
	Datum prefix##_to_jsonb(PG_FUNCTION_ARGS) { return fig_to_jsonb(fcinfo, kind); } \
	PG_FUNCTION_INFO_V1(prefix##_eq); \
	Datum prefix##_eq(PG_FUNCTION_ARGS) { return fig_eq(fcinfo, kind); } \
	PG_FUNCTION_INFO_V1(prefix##_ne); \
	Datum prefix##_ne(PG_FUNCTION_ARGS) { return fig_ne(fcinfo, kind); } \
	PG_FUNCTION_INFO_V1(prefix##_hash); \
	Datum prefix##_hash(PG_FUNCTION_ARGS) { return fig_hash(fcinfo, kind); } \
	PG_FUNCTION_INFO_V1(prefix##_add); \
	Datum prefix##_add(PG_FUNCTION_ARGS) { return fig_add(fcinfo, kind); } \
	PG_FUNCTION_INFO_V1(prefix##_sum_trans); \
	Datum prefix##_sum_trans(PG_FUNCTION_ARGS) { return fig_sum_trans(fcinfo, kind); } \
	PG_FUNCTION_INFO_V1(prefix##_format); \
	Datum prefix##_format(PG_FUNCTION_ARGS) { return fig_format(fcinfo, kind); }

GI_FIG_FUNCTIONS(request_figures, GI_FIG_REQUEST)
GI_FIG_FUNCTIONS(appeal_figures, GI_FIG_APPEAL)
GI_FIG_FUNCTIONS(disclosure_figures, GI_FIG_DISCLOSURE)

/* cell(request_figures, row_code, column_code) */
PG_FUNCTION_INFO_V1(request_figures_cell);
Datum
request_figures_cell(PG_FUNCTION_ARGS)
{
	return fig_cell(fcinfo, GI_FIG_REQUEST, text_to_cstring(PG_GETARG_TEXT_PP(1)),
					text_to_cstring(PG_GETARG_TEXT_PP(2)));
}

/* cell(disclosure_figures, row_code, column_code) */
PG_FUNCTION_INFO_V1(disclosure_figures_cell);
Datum
disclosure_figures_cell(PG_FUNCTION_ARGS)
{
	return fig_cell(fcinfo, GI_FIG_DISCLOSURE, text_to_cstring(PG_GETARG_TEXT_PP(1)),
					text_to_cstring(PG_GETARG_TEXT_PP(2)));
}

/* cell(appeal_figures, 'group.column'), e.g. 'review.upheld' */
PG_FUNCTION_INFO_V1(appeal_figures_cell);
Datum
appeal_figures_cell(PG_FUNCTION_ARGS)
{
	char	   *code = text_to_cstring(PG_GETARG_TEXT_PP(1));
	char	   *dot = strchr(code, '.');

	if (dot == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown column code \"%s\" for appeal_figures", code),
				 errhint("Codes are GROUP.COLUMN, e.g. review.upheld or suit_after_review.total.")));
	*dot = '\0';
	return fig_cell(fcinfo, GI_FIG_APPEAL, code, dot + 1);
}
