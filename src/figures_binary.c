/*
 * figures_binary.c — the binary (send/recv) form of the figures types:
 *
 *   byte    version (GI_BINARY_VERSION)
 *   int16   format (request and disclosure figures only)
 *   values  in grid order: int32 per count, int64 for the amount; -1 = blank,
 *           except a signed cell (2019 本年增/减), whose blank is -2^31
 *
 * recv checks the exact length and runs every value through gi_check_value,
 * the same checks text and jsonb input make.
 */
#include "postgres.h"

#include "libpq/pqformat.h"

#include "figures.h"

/* Raise the error for binary input that is not a valid value. */
static void
report_binary(const char *type_name, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary input for type %s", type_name),
			 errdetail("%s", detail)));
}

/* Bytes the values of a grid take in binary form. */
static int
grid_binary_size(const GiGrid *g)
{
	int			n = 0;

	for (int i = 0; i < g->nrows; i++)
		n += g->rows[i].ncols * 4;
	return g->amount_index >= 0 ? n + 4 : n;
}

/* Read and check a binary value. */
void
gi_binary_parse(GiFigKind kind, StringInfo buf, GiValues *out)
{
	const char *type_name = gi_grid(kind, GI_FORMAT_2021)->type_name;
	const GiGrid *g;
	int			version;
	int			format = 0;
	int			left;

	if (buf->len - buf->cursor < 1)
		report_binary(type_name, "The input is empty.");
	version = pq_getmsgbyte(buf);
	if (version != GI_BINARY_VERSION)
		report_binary(type_name, psprintf("Unsupported binary format version %d; this govinfo reads version %d.",
										  version, GI_BINARY_VERSION));
	if (gi_fig_has_format(kind))
	{
		if (buf->len - buf->cursor < 2)
			report_binary(type_name, "The input ends before the format.");
		format = pq_getmsgint(buf, 2);
	}
	g = gi_grid(kind, format);
	left = buf->len - buf->cursor;
	if (left != grid_binary_size(g))
		report_binary(type_name, psprintf("Expected %d bytes of values for format %d, got %d.",
										  grid_binary_size(g), format, left));
	gi_init_values(g, out);
	for (int i = 0; i < g->nrows; i++)
	{
		const GiGridRow *r = &g->rows[i];

		for (int c = 0; c < r->ncols; c++)
		{
			int			idx = r->first + c;
			int64		v = (idx == g->amount_index) ? pq_getmsgint64(buf) : (int32) pq_getmsgint(buf, 4);

			if (v == (g->is_signed[idx] ? GI_SIGNED_BLANK : GI_CELL_BLANK))
				v = GI_BLANK;
			gi_check_value(g, idx, v, NULL);
			out->v[idx] = v;
		}
	}
}

/* Write the binary form of a value. */
bytea *
gi_binary_build(GiFigKind kind, const GiValues *vals)
{
	const GiGrid *g = gi_grid(kind, vals->format);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, GI_BINARY_VERSION);
	if (gi_fig_has_format(kind))
		pq_sendint16(&buf, vals->format);
	for (int i = 0; i < g->nrows; i++)
	{
		const GiGridRow *r = &g->rows[i];

		for (int c = 0; c < r->ncols; c++)
		{
			int			idx = r->first + c;
			int64		v = vals->v[idx];

			if (v == GI_BLANK)
				v = g->is_signed[idx] ? GI_SIGNED_BLANK : GI_CELL_BLANK;
			if (idx == g->amount_index)
				pq_sendint64(&buf, v);
			else
				pq_sendint32(&buf, (int32) v);
		}
	}
	return pq_endtypsend(&buf);
}
