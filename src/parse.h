/*
 * parse.h — the published-report parser (govinfo.parse_report): the state of
 * one parse shared by its files.
 *
 *   parse_normalize.c  the document as normalized UTF-8: traditional → simplified
 *                      (ICU), pinyin after characters dropped, full-width ASCII,
 *                      one kind of line break and space
 *   parse_labels.c     matching a printed label against the catalog
 *   parse_doc.c        title, agency, year, date, the parts 一…六 and their text
 *   parse_tokens.c     a table region as a stream of label pieces and values
 *   parse_rows.c       the table readers of parts 二, 三 and 四 (F1–F4, F6, F8)
 *   parse_columns.c    F4: a short row's numbers placed by their printed columns
 *   parse_pdf.c        F5: values in reading order assigned by the catalog's order
 *   parse_result.c     the SQL function, its warnings and its composite result
 */
#ifndef GOVINFO_PARSE_H
#define GOVINFO_PARSE_H

#include "nodes/pg_list.h"

#include "figures.h"

/* the largest document parse_report accepts (bytes); larger is 54000 */
#define GI_PARSE_MAX_BYTES (8 * 1024 * 1024)

/*
 * strncmp(s, t, n) == 0, inlined: the parser asks it at nearly every byte of a
 * document and the first byte almost always differs, where a call to libc's
 * strncmp was a fifth of parse_report's time.
 */
static inline bool
gi_strneq(const char *s, const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		if (s[i] != t[i])
			return false;
		if (s[i] == '\0')
			return true;
	}
	return true;
}

/*
 * memmem(s, len, needle, n): the first occurrence of needle, or NULL.  Found
 * by memchr on the needle's last byte, then the bytes before it compared:
 * for the parser's needles (CJK characters, whose last byte is one of 64
 * continuation bytes) several times faster than glibc's memmem, which was a
 * twentieth of parse_report's time.
 */
static inline const char *
gi_memfind(const char *s, size_t len, const char *needle, size_t n)
{
	const char *end = s + len;
	const char *q;

	if (n == 0)
		return s;
	if (len < n)
		return NULL;
	for (q = s + n - 1; q < end && (q = memchr(q, needle[n - 1], end - q)) != NULL; q++)
		if (memcmp(q - (n - 1), needle, n - 1) == 0)
			return q - (n - 1);
	return NULL;
}

/* isdigit() for the parser's bytes: '0' … '9' only, without the locale's table */
#define gi_isdigit(c) ((unsigned int) ((unsigned char) (c) - (unsigned char) '0') < 10u)

/* A checkpoint of a normalization: the normalized offset out stands at source offset src. */
typedef struct GiNormMark
{
	int			out;
	int			src;
	bool		prev_han;		/* the character before was a CJK ideograph (pinyin may follow) */
} GiNormMark;

/* The checkpoints of one normalization, at least GI_NORM_MARK_EVERY bytes of output apart. */
typedef struct GiNormMap
{
	GiNormMark *marks;
	int			n;
} GiNormMap;

#define GI_NORM_MARK_EVERY 64

/* One warning of the result. */
typedef struct GiParseWarning
{
	const char *code;			/* truncated, label_variant, ... */
	int			part;			/* 2, 3, 4 or 0 when not about a table */
	const char *row_code;		/* or NULL */
	const char *col_code;		/* or NULL */
	char	   *message;
} GiParseWarning;

/* What a table reader found in one part. */
typedef struct GiPartResult
{
	bool		found;			/* the table (some row of it) was found */
	bool		complete;		/* every cell read or blank in the document */
	int			format;			/* the layout as printed */
	GiValues	vals;			/* in the grid of (kind, format) */
	const char *layout;			/* F1…F6 of the values read, or NULL */
} GiPartResult;

/* One parse. */
typedef struct GiParse
{
	char	   *text;			/* the normalized document */
	int			len;
	GiNormMap	map;			/* where the normalized text stands in src */
	const char *src;			/* the document read (UTF-8, HTML already turned into text) */
	int			srclen;
	int			head[7];		/* offset of the heading of part 1…6, -1 if not found */
	int			body[7];		/* offset where the part's body starts */
	int			end[7];			/* offset where it ends */

	char	   *title;			/* as printed: simplified, published punctuation */
	char	   *agency;			/* as printed, likewise */
	char	   *title_norm;		/* the title in the normalized text, which the agency and year are read from */
	int			title_a;		/* where title_norm was read in text: [title_a, title_b) */
	int			title_b;
	bool		title_squashed; /* title_norm is gi_parse_squash_space of that range */
	int			year;			/* 0 when unknown */
	int			pub_y, pub_m, pub_d;	/* published_on; pub_y = 0 when not found */
	char	   *overview;
	char	   *problems;
	char	   *other_matters;

	GiPartResult disc;
	GiPartResult req;
	GiPartResult appeal;

	bool		html;			/* read through the HTML reader */
	bool		crawler;		/* a crawler's dump (F6) */
	bool		truncated;
	bool		lossy;
	bool		unrecoverable;
	bool		garbled[7];		/* part k holds a cell of letters and digits, read as blank */
	List	   *warnings;		/* GiParseWarning * */
} GiParse;

/* parse_normalize.c */
extern char *gi_parse_normalize(const char *s, int len, int *outlen, GiNormMap *map);
extern int	gi_parse_source_offset(const char *src, int len, const GiNormMap *map, int pos);
extern char *gi_parse_published_text(const char *src, int len, int *outlen);
extern char *gi_parse_squash_space(const char *s, int len);
extern char *gi_parse_squash_space_map(const char *s, int len, int **map);
extern int	gi_utf8_len(unsigned char c);

/* parse_labels.c */
typedef enum GiMatch
{
	GI_MATCH_NONE,
	GI_MATCH_EXACT,				/* the label, or its short form, as printed */
	GI_MATCH_PREFIX,			/* the start of a label broken by the copy */
	GI_MATCH_VARIANT			/* a known variant or a small edit distance */
} GiMatch;

extern char *gi_label_key(const char *s, int len);
extern GiMatch gi_match_row(int part, const char *key, int last_row, bool fuzzy, int *row);
extern GiMatch gi_match_numbered_variant(int part, const char *s, int len, int *row);
extern const char *gi_row_key(int i);
extern int	gi_label_distance(const char *a, const char *b, int max);
extern GiMatch gi_match_row_suffix(int part, const char *key, int last_row, int *row);
extern int	gi_canonical_row(int i);

/* parse_tokens.c: a table region as label pieces and values */
typedef enum GiTokKind
{
	GI_TOK_TEXT,				/* a piece of text: a label, or part of one, or debris */
	GI_TOK_NUM,					/* a number as printed */
	GI_TOK_BLANK,				/* a blank written as '/', '-', '—' or 无 */
	GI_TOK_EMPTY				/* an empty cell between two '|' of a row printed on one line */
} GiTokKind;

#define GI_UNIT_NONE 0
#define GI_UNIT_YUAN 1
#define GI_UNIT_WAN 2

typedef struct GiTok
{
	GiTokKind	kind;
	const char *s;				/* in the normalized document */
	int			len;
	int			line;			/* line number in the region */
	int			unit;			/* GI_UNIT_* after a number */
	bool		alone;			/* the only token of its line */
	bool		glued;			/* a number run directly against text (no separator) */
	bool		annotated;		/* a number followed in its cell by an annotation in parentheses, dropped */
	bool		marked;			/* a number followed by a footnote mark (*, ※, †, ①), dropped */
	bool		tabbed;			/* in a line whose cells are separated by single tabs */
	bool		garbled;		/* a GI_TOK_BLANK for a word of ASCII letters and digits (l2, 62O) */
} GiTok;

typedef struct GiTokens
{
	GiTok	   *toks;
	int			n;
	int			pipe_lines;		/* lines holding only '|' */
	int			multi_pipe_lines;	/* lines of only '|' holding more than one (F1's spans) */
	int			pipe_rows;		/* lines holding '|' and cells */
	int			spaced_lines;	/* lines with cells separated by runs of spaces (aligned columns) */
	int			tab_rows;		/* lines whose cells are separated by single tabs */
	int			plain_rows;		/* lines of a label and values separated by single spaces only */
	int			garbled;		/* cells read as blank for mixing ASCII letters and digits */
	int			first_garbled;	/* index of the first of them */
} GiTokens;

/* Where a normalized region stands in the source (to tell a tab from two spaces). */
typedef struct GiTokSource
{
	const char *src;			/* the document read */
	int			srclen;
	const GiNormMap *map;
	int			base;			/* offset of the region in the normalized text */
} GiTokSource;

extern void gi_tokenize(const char *s, int len, const GiTokSource *source, GiTokens *out);

/* parse_columns.c: F4 columns told by position */
/* parse_tokens.c: the bytes of the line break at src[k] as normalization reads them, 0 if none */
extern int	gi_source_break_len(const char *src, int len, int k);
extern bool gi_token_span(const GiParse *p, const GiTok *t, int *from, int *to, int *line);
extern bool gi_place_by_columns(const GiParse *p, GiTok **row, int n, GiTok ***refs, int nrefs, int ncols,
								int *col_of);

/* parse_doc.c */
extern void gi_parse_doc(GiParse *p);
extern void gi_parse_narrative_checks(GiParse *p);

/* parse_rows.c */
extern void gi_read_tables(GiParse *p);

/* parse_pdf.c */
extern bool gi_assign_in_order(GiParse *p, GiFigKind kind, int format, const int64 *v, int n,
							   GiValues *out);
extern bool gi_values_prove(GiFigKind kind, const GiValues *vals);

/* parse_result.c */
extern void gi_parse_warn(GiParse *p, const char *code, int part, const char *row_code,
						  const char *col_code, const char *fmt,...) pg_attribute_printf(6, 7);

/* the fields of govinfo.parsed_report, in its order: title, agency_name, year, published_on, format,
 * disclosures, requests, appeals, overview, problems, other_matters, complete, layout, warnings */
#define GI_PARSED_NATTS 14
extern void gi_parse_report_values(text *doc, Datum *values, bool *nulls);
/* parse_result.c: govinfo.agency_name_key(name), the key a printed agency name is matched on */
extern Datum gi_agency_name_key(PG_FUNCTION_ARGS);

#endif
