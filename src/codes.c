/*
 * codes.c — govinfo.applicant and govinfo.outcome: one byte on disk, the
 * index of an applicant column or a leaf outcome row of table 三 in catalog
 * order.  Input accepts the code ('np', '3.3.1'), the English name, or the
 * official Chinese label, also with ASCII punctuation, without its leading
 * number, or with white space between its characters; a number written
 * before a label must be the label's own.  Output is the code.
 */
#include "postgres.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "codes.h"
#include "encoding.h"
#include "figures.h"
#include "labels.h"
#include "soft_error.h"

static const GiColumn *applicants[GI_NAPPLICANTS];
static const GiRow *outcomes[GI_NOUTCOMES];
static bool codes_built = false;

/* Collect the applicant columns and leaf outcome rows from the catalog. */
static void
build_codes(void)
{
	int			na = 0;
	int			no = 0;

	for (int i = 0; i < gi_ncolumns; i++)
		if (gi_columns[i].part == 3 && strcmp(gi_columns[i].code, "total") != 0 && na < GI_NAPPLICANTS)
			applicants[na++] = &gi_columns[i];
	for (int i = 0; i < gi_nrows; i++)
	{
		const GiRow *r = &gi_rows[i];

		if (r->part == 3 && (r->formats & GI_IN_2021) && r->kind == GI_ROW_DATA &&
			r->parent != NULL && no < GI_NOUTCOMES)
			outcomes[no++] = r;
	}
	if (na != GI_NAPPLICANTS || no != GI_NOUTCOMES)
		elog(ERROR, "govinfo catalog has %d applicant columns and %d outcome rows", na, no);
	codes_built = true;
}

/* The applicant column of an index. */
const GiColumn *
gi_applicant_column(int index)
{
	if (!codes_built)
		build_codes();
	return applicants[index];
}

/* The outcome row of an index. */
const GiRow *
gi_outcome_row(int index)
{
	if (!codes_built)
		build_codes();
	return outcomes[index];
}

/* The table 三 storage row an outcome counts in; 2019 folds 3.6.x into 3.6. */
int
gi_outcome_slot(int index, int format)
{
	int			slot = gi_outcome_row(index)->slot;

	if (format == GI_FORMAT_2019 && slot > RF_ROW_LAST_LEAF - 2)
		slot = RF_ROW_LAST_LEAF - 2;	/* row 3.6 of the 2019 format */
	return slot;
}

/* An entry's names, normalized once for matching, and its numbering. */
typedef struct CodeNames
{
	const char *code;
	char	   *en;
	char	   *zh;				/* the label without its numbering */
	char	   *zh_short;		/* zh without a trailing parenthetical, or NULL */
	const char *label;			/* the official label with its full numbering, for messages */
	int			group;			/* its numbering: 3.3.1 is （三）1., 3.1 is （一） */
	int			item;
} CodeNames;

/* Fill an entry's names; label is the official label with its full numbering. */
static void
code_names_fill(CodeNames *n, const char *code, const char *en, const char *zh, const char *label)
{
	LabelNumber num;
	int			a = 0;
	int			b = 0;

	n->code = code;
	n->en = gi_normalize_label(en);
	n->zh = gi_normalize_label(gi_parse_label_number(zh, &num));
	n->zh_short = gi_without_parenthetical(n->zh);
	n->label = label;
	/* outcomes are numbered by their codes: 3.A is (A), 3.A.B is (A)B. */
	n->group = n->item = 0;
	if (sscanf(code, "3.%d.%d", &a, &b) >= 1)
	{
		n->group = a;
		n->item = b;
	}
}

/* The official label of a catalog row with its group's numbering: （三）1.属于国家秘密. */
static const char *
numbered_label(const GiRow *r)
{
	const GiRow *parent = r->parent ? gi_find_row(r->part, GI_FORMAT_2021, r->parent) : NULL;
	LabelNumber num;

	if (parent == NULL || parent->parent == NULL)
		return r->label_zh;		/* 3.1 … 3.7 carry their own （一） … （七） */
	gi_parse_label_number(parent->label_zh, &num);
	return psprintf("%s%s", num.text, r->label_zh);
}

/* Names of a catalog row, normalized on the spot (for the error path). */
static CodeNames
row_names(const GiRow *r)
{
	CodeNames	n;

	code_names_fill(&n, r->code, r->label_en, r->label_zh, r->label_zh);
	return n;
}

static CodeNames applicant_names[GI_NAPPLICANTS];
static CodeNames outcome_names[GI_NOUTCOMES];
static bool names_built = false;

/* Normalize the applicant and outcome names once per backend. */
static void
build_names(void)
{
	MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

	for (int i = 0; i < GI_NAPPLICANTS; i++)
	{
		const GiColumn *c = gi_applicant_column(i);

		code_names_fill(&applicant_names[i], c->code, c->label_en, c->label_zh, c->label_zh);
	}
	for (int i = 0; i < GI_NOUTCOMES; i++)
	{
		const GiRow *r = gi_outcome_row(i);

		code_names_fill(&outcome_names[i], r->code, r->label_en, r->label_zh, numbered_label(r));
	}
	MemoryContextSwitchTo(old);
	names_built = true;
}

/* The entry whose code is exactly str, or -1: the fast path of bulk loads. */
static int
exact_code(const char *str, const CodeNames *names, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(str, names[i].code) == 0)
			return i;
	return -1;
}

/* Trim ASCII white space around a code. */
static char *
trim_code(const char *s)
{
	const char *end = s + strlen(s);

	while (*s == ' ' || *s == '\t')
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return pnstrdup(s, end - s);
}

/* An input read for matching: trimmed, its numbering, and its label normalized. */
typedef struct LabelInput
{
	char	   *input;			/* trimmed: compared with codes */
	LabelNumber num;
	char	   *body;			/* normalized, without the numbering */
} LabelInput;

/* Read an input for matching. */
static void
read_label(const char *str, LabelInput *in)
{
	in->input = trim_code(str);
	in->body = gi_normalize_label(gi_parse_label_number(in->input, &in->num));
}

/* Whether an input names the entry by code, English name or label (numbering aside). */
static bool
names_entry(const LabelInput *in, const CodeNames *n)
{
	return strcmp(in->input, n->code) == 0 || strcmp(in->body, n->en) == 0 ||
		strcmp(in->body, n->zh) == 0 || (n->zh_short != NULL && strcmp(in->body, n->zh_short) == 0);
}

/* Whether the numbering written before a label is the entry's own, or absent. */
static bool
number_fits(const LabelNumber *num, const CodeNames *n)
{
	if (num->group != 0 && num->group != n->group)
		return false;
	if (num->item == 0)
		return true;
	if (n->item != 0)
		return num->item == n->item;
	/* a row numbered （一） may also be written 1. */
	return n->group != 0 && num->group == 0 && num->item == n->group;
}

/*
 * The entry an input names, or -1 for none; when the label matches but its
 * number contradicts the entry, report that through escontext and give -2.
 */
static int
match_entry(const char *str, const LabelInput *in, const CodeNames *names, int n,
			const char *type_name, Node *escontext)
{
	for (int i = 0; i < n; i++)
	{
		if (!names_entry(in, &names[i]))
			continue;
		if (strcmp(in->input, names[i].code) == 0 || number_fits(&in->num, &names[i]))
			return i;
		errsave(escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("number \"%s\" does not match %s %s \"%s\"", gi_zh(in->num.text), type_name,
						names[i].code, gi_zh(names[i].label)),
				 errdetail("\"%s\" names %s %s by its label; a label may leave out its number, but a number it has must be the label's own.",
						   str, type_name, names[i].code)));
		return -2;
	}
	return -1;
}

/* Parse an applicant code, English name or Chinese label; -1 after a soft error. */
static int
parse_applicant(const char *str, Node *escontext)
{
	LabelInput	in;
	int			i;

	if (!names_built)
		build_names();
	if ((i = exact_code(str, applicant_names, GI_NAPPLICANTS)) >= 0)
		return i;
	read_label(gi_from_server(str), &in);	/* labels are matched in UTF-8 */
	if ((i = match_entry(str, &in, applicant_names, GI_NAPPLICANTS, "applicant", escontext)) != -1)
		return Max(i, -1);
	if (strcmp(in.input, "total") == 0 || strcmp(in.body, "总计") == 0)
		ereturn(escontext, -1,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("\"%s\" is the total column of table %s, not an applicant", str, gi_zh("三")),
				 errhint("Applicants are np, biz, res, npo, law and oth.")));
	ereturn(escontext, -1,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type applicant: \"%s\"", str),
			 errhint("%s", gi_zh("Use a code (np, biz, res, npo, law, oth), an English name such as \"natural person\", or a label such as 自然人."))));
}

/* Parse an outcome code, English name or Chinese label; -1 after a soft error. */
static int
parse_outcome(const char *str, Node *escontext)
{
	LabelInput	in;
	int			i;

	if (!names_built)
		build_names();
	if ((i = exact_code(str, outcome_names, GI_NOUTCOMES)) >= 0)
		return i;
	read_label(gi_from_server(str), &in);	/* labels are matched in UTF-8 */
	if ((i = match_entry(str, &in, outcome_names, GI_NOUTCOMES, "outcome", escontext)) != -1)
		return Max(i, -1);
	for (i = 0; i < gi_nrows; i++)
	{
		const GiRow *r = &gi_rows[i];
		CodeNames	names;

		if (r->part != 3 || !(r->formats & GI_IN_2021) || r->kind == GI_ROW_DATA)
			continue;
		names = row_names(r);
		if (names_entry(&in, &names))
			ereturn(escontext, -1,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("\"%s\" is %s row %s %s of table %s, not an outcome", str,
							r->kind == GI_ROW_SUM ? "the sum" : "the group", r->code, gi_row_label(r, false), gi_zh("三")),
					 errhint("%s", gi_zh("An outcome is one of the 21 leaf rows 3.1 … 3.6.3, e.g. 3.3.1 for 属于国家秘密."))));
	}
	ereturn(escontext, -1,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type outcome: \"%s\"", str),
			 errhint("%s", gi_zh("Use a row code from 3.1 to 3.6.3, an English name such as \"disclosed\", or a label such as （一）予以公开."))));
}

/* Check a stored or received index. */
static int
check_index(int v, int n, const char *type_name)
{
	if (v < 0 || v >= n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary input for type %s", type_name),
				 errdetail("Value %d is outside 0 %s %d.", v, gi_zh("…"), n - 1)));
	return v;
}

/* Binary input of a one-byte code: exactly one byte, a known index. */
static char
code_recv(StringInfo buf, int n, const char *type_name)
{
	if (buf->len - buf->cursor != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary input for type %s", type_name),
				 errdetail("Expected 1 byte, got %d.", buf->len - buf->cursor)));
	return (char) check_index(pq_getmsgbyte(buf), n, type_name);
}

/* Binary output of a one-byte code. */
static bytea *
code_send(char code)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, (uint8) code);
	return pq_endtypsend(&buf);
}

PG_FUNCTION_INFO_V1(applicant_in);
/* applicant text input; bad input is a soft error when the caller passed an escontext */
Datum
applicant_in(PG_FUNCTION_ARGS)
{
	int			i = parse_applicant(PG_GETARG_CSTRING(0), fcinfo->context);

	if (i < 0)
		PG_RETURN_NULL();
	PG_RETURN_CHAR((char) i);
}

PG_FUNCTION_INFO_V1(applicant_out);
/* applicant text output: the code */
Datum
applicant_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(pstrdup(gi_applicant_column(check_index(PG_GETARG_CHAR(0), GI_NAPPLICANTS, "applicant"))->code));
}

PG_FUNCTION_INFO_V1(applicant_recv);
/* applicant binary input: one byte, checked */
Datum
applicant_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_CHAR(code_recv((StringInfo) PG_GETARG_POINTER(0), GI_NAPPLICANTS, "applicant"));
}

PG_FUNCTION_INFO_V1(applicant_send);
/* applicant binary output: one byte */
Datum
applicant_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(code_send(PG_GETARG_CHAR(0)));
}

PG_FUNCTION_INFO_V1(outcome_in);
/* outcome text input; bad input is a soft error when the caller passed an escontext */
Datum
outcome_in(PG_FUNCTION_ARGS)
{
	int			i = parse_outcome(PG_GETARG_CSTRING(0), fcinfo->context);

	if (i < 0)
		PG_RETURN_NULL();
	PG_RETURN_CHAR((char) i);
}

PG_FUNCTION_INFO_V1(outcome_out);
/* outcome text output: the row code */
Datum
outcome_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(pstrdup(gi_outcome_row(check_index(PG_GETARG_CHAR(0), GI_NOUTCOMES, "outcome"))->code));
}

PG_FUNCTION_INFO_V1(outcome_recv);
/* outcome binary input: one byte, checked */
Datum
outcome_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_CHAR(code_recv((StringInfo) PG_GETARG_POINTER(0), GI_NOUTCOMES, "outcome"));
}

PG_FUNCTION_INFO_V1(outcome_send);
/* outcome binary output: one byte */
Datum
outcome_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(code_send(PG_GETARG_CHAR(0)));
}

PG_FUNCTION_INFO_V1(applicant_label);
/* label(applicant, lang): the official column label or its English name */
Datum
applicant_label(PG_FUNCTION_ARGS)
{
	const GiColumn *c = gi_applicant_column(check_index(PG_GETARG_CHAR(0), GI_NAPPLICANTS, "applicant"));
	bool		english = gi_lang_is_english(text_to_cstring(PG_GETARG_TEXT_PP(1)));

	PG_RETURN_TEXT_P(cstring_to_text(gi_column_label(c, english)));
}

PG_FUNCTION_INFO_V1(outcome_label);
/* label(outcome, lang): the official row label or its English name */
Datum
outcome_label(PG_FUNCTION_ARGS)
{
	const GiRow *r = gi_outcome_row(check_index(PG_GETARG_CHAR(0), GI_NOUTCOMES, "outcome"));
	bool		english = gi_lang_is_english(text_to_cstring(PG_GETARG_TEXT_PP(1)));

	PG_RETURN_TEXT_P(cstring_to_text(gi_row_label(r, english)));
}

PG_FUNCTION_INFO_V1(outcome_row_code);
/* row_code(outcome, year): the table 三 row it counts in that year (3.6 for 3.6.x before 2021) */
Datum
outcome_row_code(PG_FUNCTION_ARGS)
{
	const GiRow *r = gi_outcome_row(check_index(PG_GETARG_CHAR(0), GI_NOUTCOMES, "outcome"));
	bool		folded = gi_default_format(PG_GETARG_INT32(1)) == GI_FORMAT_2019 && strcmp(r->parent, "3.6") == 0;

	PG_RETURN_TEXT_P(cstring_to_text(folded ? r->parent : r->code));
}
