/*
 * catalog.h — the one catalog of the report format: every row, column, code
 * and official label of tables 二, 三 and 四, in both format versions.
 *
 * Everything else (the figures types' text/jsonb/binary layouts, the rules,
 * the table functions, row_catalog() and hence the docs) is driven from here.
 */
#ifndef GOVINFO_CATALOG_H
#define GOVINFO_CATALOG_H

/* format versions (report years 2019-2020 use 2019, 2021 onward use 2021) */
#define GI_FORMAT_2019 2019
#define GI_FORMAT_2021 2021

/* bit masks of the formats a catalog entry belongs to */
#define GI_IN_2019 0x1
#define GI_IN_2021 0x2
#define GI_IN_ALL (GI_IN_2019 | GI_IN_2021)

typedef enum GiRowKind
{
	GI_ROW_DATA,				/* a row of cells entered by the agency */
	GI_ROW_GROUP,				/* a caption row without cells */
	GI_ROW_SUM					/* a row of cells derived from other rows */
} GiRowKind;

typedef struct GiRow
{
	int			part;			/* 2, 3 or 4 */
	const char *code;			/* our stable code, e.g. "3.3.1" */
	const char *label_zh;		/* official label, character for character */
	const char *label_en;
	GiRowKind	kind;
	const char *parent;			/* code of the enclosing group row, or NULL */
	int			formats;		/* GI_IN_* */
	int			slot;			/* storage row in the figures value, -1 if none */
} GiRow;

typedef struct GiColumn
{
	int			part;			/* 2, 3 or 4 */
	const char *block;			/* part 2: the block ("2.1"); else NULL */
	const char *code;			/* "np", "issued", "upheld", ... */
	const char *label_zh;
	const char *label_en;
	const char *group_zh;		/* spanning header (法人或其他组织), or NULL */
	int			formats;		/* GI_IN_* */
	bool		is_signed;		/* an increase or decrease (本年增/减): may be negative */
} GiColumn;

struct Node;						/* an error-save context, soft_error.h */

extern const GiRow gi_rows[];
extern const int gi_nrows;
extern const GiColumn gi_columns[];
extern const int gi_ncolumns;

extern int	gi_format_mask(int format);
extern int	gi_parse_format(const char *text);
extern int	gi_parse_format_safe(const char *text, struct Node *escontext);
extern int	gi_default_format(int year);
extern const GiRow *gi_find_row(int part, int format, const char *code);
extern const char *gi_kind_name(GiRowKind kind);
extern const char *gi_label(const char *zh, const char *en, bool english);
extern const char *gi_row_label(const GiRow *r, bool english);
extern const char *gi_column_label(const GiColumn *c, bool english);
extern const char *gi_column_group(const GiColumn *c);
extern bool gi_lang_is_english(const char *lang);

#endif
