/*
 * codes.c — govinfo.applicant and govinfo.outcome: one byte on disk, the
 * index of an applicant column or a leaf outcome row of table 三 in catalog
 * order.  Input accepts the code ('np', '3.3.1'), the English name, or the
 * official Chinese label, also with ASCII punctuation, without its leading
 * number, or with stray spaces; output is the code.
 */
#include "postgres.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "codes.h"
#include "encoding.h"
#include "figures.h"

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

/* Append one character of s at *p to buf in normalized form; advance *p. */
static void
append_normalized_char(StringInfo buf, const char **p)
{
	static const struct
	{
		const char *from;
		const char *to;
	}			map[] = {
		{"（", "("}, {"）", ")"}, {"，", ","}, {"．", "."}, {"：", ":"}, {"；", ";"},
		{"“", "\""}, {"”", "\""}, {"\u3000", ""}, {"_", ""},
	};
	const char *s = *p;

	for (int i = 0; i < (int) lengthof(map); i++)
	{
		size_t		n = strlen(map[i].from);

		if (strncmp(s, map[i].from, n) == 0)
		{
			appendStringInfoString(buf, map[i].to);
			*p = s + n;
			return;
		}
	}
	if ((unsigned char) *s < 0x80)
		appendStringInfoChar(buf, pg_ascii_tolower(*s));
	else
		appendStringInfoChar(buf, *s);
	*p = s + 1;
}

/* Whether s starts with a Chinese numeral in brackets, "(三)"; its length. */
static int
bracketed_numeral_len(const char *s)
{
	static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八"};

	if (s[0] != '(')
		return 0;
	for (int i = 0; i < (int) lengthof(numerals); i++)
	{
		size_t		n = strlen(numerals[i]);

		if (strncmp(s + 1, numerals[i], n) == 0 && s[1 + n] == ')')
			return (int) n + 2;
	}
	return 0;
}

/*
 * Normalize a code, name or label for matching: ASCII punctuation, no white
 * space, lower case, and no leading "（三）" or "1." numbering.
 */
static char *
normalize_label(const char *s)
{
	StringInfoData buf;
	char	   *p;
	bool		stripped;

	initStringInfo(&buf);
	while (*s)
	{
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		{
			s++;
			continue;
		}
		append_normalized_char(&buf, &s);
	}
	p = buf.data;
	do
	{
		int			n = bracketed_numeral_len(p);
		int			d = 0;

		stripped = false;
		if (n > 0)
		{
			p += n;
			stripped = true;
		}
		while (isdigit((unsigned char) p[d]))
			d++;
		if (d > 0 && (p[d] == '.' || strncmp(p + d, "、", strlen("、")) == 0) && p[d + 1] != '\0' &&
			!isdigit((unsigned char) p[d + 1]))
		{
			p += d + (p[d] == '.' ? 1 : strlen("、"));
			stripped = true;
		}
	} while (stripped);
	return p;
}

/* A label without a trailing parenthetical: "部分公开(区分处理的...)" -> "部分公开". */
static char *
without_parenthetical(const char *s)
{
	const char *open = strchr(s, '(');

	return open && open != s && s[strlen(s) - 1] == ')' ? pnstrdup(s, open - s) : NULL;
}

/* An entry's names, normalized once for matching. */
typedef struct CodeNames
{
	const char *code;
	char	   *en;
	char	   *zh;
	char	   *zh_short;		/* zh without a trailing parenthetical, or NULL */
} CodeNames;

/* Normalize one entry's names into TopMemoryContext. */
static void
code_names_init(CodeNames *n, const char *code, const char *en, const char *zh)
{
	MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

	n->code = code;
	n->en = pstrdup(normalize_label(en));
	n->zh = pstrdup(normalize_label(zh));
	n->zh_short = without_parenthetical(n->zh);
	MemoryContextSwitchTo(old);
}

/* Whether input (and its normalized form) names the entry. */
static bool
names_entry(const char *input, const char *norm, const CodeNames *n)
{
	return strcmp(input, n->code) == 0 || pg_strcasecmp(norm, n->en) == 0 ||
		strcmp(norm, n->zh) == 0 || (n->zh_short != NULL && strcmp(norm, n->zh_short) == 0);
}

/* Names of a catalog row, normalized on the spot (for the error path). */
static CodeNames
row_names(const GiRow *r)
{
	CodeNames	n;

	n.code = r->code;
	n.en = normalize_label(r->label_en);
	n.zh = normalize_label(r->label_zh);
	n.zh_short = without_parenthetical(n.zh);
	return n;
}

static CodeNames applicant_names[GI_NAPPLICANTS];
static CodeNames outcome_names[GI_NOUTCOMES];
static bool names_built = false;

/* Normalize the applicant and outcome names once per backend. */
static void
build_names(void)
{
	for (int i = 0; i < GI_NAPPLICANTS; i++)
	{
		const GiColumn *c = gi_applicant_column(i);

		code_names_init(&applicant_names[i], c->code, c->label_en, c->label_zh);
	}
	for (int i = 0; i < GI_NOUTCOMES; i++)
	{
		const GiRow *r = gi_outcome_row(i);

		code_names_init(&outcome_names[i], r->code, r->label_en, r->label_zh);
	}
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

/* Parse an applicant code, English name or Chinese label. */
static int
parse_applicant(const char *str)
{
	char	   *input;
	char	   *norm;
	int			i;

	if (!names_built)
		build_names();
	if ((i = exact_code(str, applicant_names, GI_NAPPLICANTS)) >= 0)
		return i;
	input = trim_code(gi_from_server(str));	/* labels are matched in UTF-8 */
	norm = normalize_label(input);
	for (i = 0; i < GI_NAPPLICANTS; i++)
		if (names_entry(input, norm, &applicant_names[i]))
			return i;
	if (strcmp(input, "total") == 0 || strcmp(norm, "总计") == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("\"%s\" is the total column of table %s, not an applicant", str, gi_zh("三")),
				 errhint("Applicants are np, biz, res, npo, law and oth.")));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type applicant: \"%s\"", str),
			 errhint("%s", gi_zh("Use a code (np, biz, res, npo, law, oth), an English name such as \"natural person\", or a label such as 自然人."))));
	return -1;
}

/* Parse an outcome code, English name or Chinese label. */
static int
parse_outcome(const char *str)
{
	char	   *input;
	char	   *norm;
	int			i;

	if (!names_built)
		build_names();
	if ((i = exact_code(str, outcome_names, GI_NOUTCOMES)) >= 0)
		return i;
	input = trim_code(gi_from_server(str));	/* labels are matched in UTF-8 */
	norm = normalize_label(input);
	for (i = 0; i < GI_NOUTCOMES; i++)
		if (names_entry(input, norm, &outcome_names[i]))
			return i;
	for (i = 0; i < gi_nrows; i++)
	{
		const GiRow *r = &gi_rows[i];
		CodeNames	names;

		if (r->part != 3 || !(r->formats & GI_IN_2021) || r->kind == GI_ROW_DATA)
			continue;
		names = row_names(r);
		if (names_entry(input, norm, &names))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("\"%s\" is %s row %s %s of table %s, not an outcome", str,
							r->kind == GI_ROW_SUM ? "the sum" : "the group", r->code, gi_row_label(r, false), gi_zh("三")),
					 errhint("%s", gi_zh("An outcome is one of the 21 leaf rows 3.1 … 3.6.3, e.g. 3.3.1 for 属于国家秘密."))));
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type outcome: \"%s\"", str),
			 errhint("%s", gi_zh("Use a row code from 3.1 to 3.6.3, an English name such as \"disclosed\", or a label such as （一）予以公开."))));
	return -1;
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
/* applicant text input */
Datum
applicant_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_CHAR((char) parse_applicant(PG_GETARG_CSTRING(0)));
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
/* outcome text input */
Datum
outcome_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_CHAR((char) parse_outcome(PG_GETARG_CSTRING(0)));
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
