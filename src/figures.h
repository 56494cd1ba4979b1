/*
 * figures.h — the three fixed-length figures types and the grid that
 * describes, for each type and format, which values a value holds and in
 * which order they are written in text, jsonb and binary form.  What else
 * differs between the types is in their descriptors (kinds.h).
 *
 * A cell is a count (int32 >= 0), a signed increase/decrease (the 本年增/减
 * columns of the 2019 table 二: int32, never PG_INT32_MIN) or, for row 2.8.1
 * (2021) and 2.9.1 (2019), an amount in units of one millionth of 万元 (one
 * fen).  A blank cell is not the same as 0: in a flat value array (GiValues)
 * it is GI_BLANK; stored, a blank count or amount is GI_CELL_BLANK and a blank
 * signed cell GI_SIGNED_BLANK (also their binary form).
 */
#ifndef GOVINFO_FIGURES_H
#define GOVINFO_FIGURES_H

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/jsonb.h"

#include "catalog.h"

#define GI_BLANK PG_INT64_MIN	/* a blank value in GiValues: never a valid value */
#define GI_CELL_BLANK (-1)		/* a blank stored count or amount */
#define GI_SIGNED_BLANK PG_INT32_MIN	/* a blank stored signed cell */
#define GI_BINARY_VERSION 1
#define GI_AMOUNT_SCALE 6		/* decimals of 万元 kept: one fen */

/* table 三: 25 storage rows (the 2019 format leaves rows 21 and 22 blank) */
#define RF_ROWS 25
#define RF_COLS 7
#define RF_CELLS (RF_ROWS * RF_COLS)
#define RF_ROW_NEW 0			/* 1 本年新收 */
#define RF_ROW_CARRIED_IN 1		/* 2 上年结转 */
#define RF_ROW_FIRST_LEAF 2		/* 3.1 */
#define RF_ROW_LAST_LEAF 22		/* 3.6.3 (2021) */
#define RF_ROW_HANDLED 23		/* 3.7 总计 */
#define RF_ROW_CARRIED_OUT 24	/* 4 结转下年度 */
#define RF_COL_TOTAL 6
#define RF_CELL(row, col) ((row) * RF_COLS + (col))

typedef struct RequestFigures
{
	int32		format;
	int32		cells[RF_CELLS];
} RequestFigures;

/* table 四: three groups of five columns */
#define AF_GROUPS 3
#define AF_COLS 5
#define AF_CELLS (AF_GROUPS * AF_COLS)
#define AF_COL_TOTAL 4

typedef struct AppealFigures
{
	int32		cells[AF_CELLS];
} AppealFigures;

/*
 * table 二: the 2021 format has nine counts and one amount, the 2019 format
 * 21 counts (nine of them signed) and one amount, each in grid order.  A 2021
 * value is the first DF_SIZE_2021 bytes, exactly the 48-byte value of govinfo
 * 0.4.0 and earlier, and leaves the rest 0: so a library of this version
 * reads and writes the values of a database not yet updated from 0.4.0.
 */
#define DF_COUNTS 21
#define DF_COUNTS_2021 9

typedef struct DisclosureFigures
{
	int32		format;
	int32		counts[DF_COUNTS_2021];	/* counts 0 … 8 */
	int64		amount;			/* millionths of 万元, or GI_CELL_BLANK */
	int32		counts_2019[DF_COUNTS - DF_COUNTS_2021];	/* counts 9 … 20: 2019 only */
} DisclosureFigures;

#define DF_SIZE_2021 offsetof(DisclosureFigures, counts_2019)

/* the figures kinds: an index into gi_kinds[] (kinds.c) */
typedef enum GiFigKind
{
	GI_FIG_DISCLOSURE,
	GI_FIG_REQUEST,
	GI_FIG_APPEAL
} GiFigKind;

#define GI_NKINDS 3

/* the largest grid any layout may have */
#define GI_MAX_VALUES RF_CELLS
#define GI_MAX_GRID_ROWS RF_ROWS
#define GI_MAX_GRID_COLS RF_COLS

/* One row of a grid: a catalog row and where its values sit. */
typedef struct GiGridRow
{
	const GiRow *row;
	int			first;			/* index of its first value */
	int			ncols;
	const GiColumn *cols[GI_MAX_GRID_COLS];
	int			table_col[GI_MAX_GRID_COLS];	/* column in the table function, after key and label */
} GiGridRow;

/* The layout of one figures type in one format. */
typedef struct GiGrid
{
	GiFigKind	kind;
	const char *type_name;
	int			format;			/* 0 for appeals, which have one layout */
	int			part;
	bool		stored;			/* whether values of the kind can have this layout */
	int			nrows;
	GiGridRow	rows[GI_MAX_GRID_ROWS];
	int			nvalues;		/* size of the flat value array */
	int			amount_index;	/* the one decimal value, or -1 (else the last value) */
	int			ncells;			/* values stored as int32 cells: all but the amount */
	bool		is_signed[GI_MAX_VALUES];	/* whether a value may be negative */
} GiGrid;

/* A figures value unpacked: its format and flat values (GI_BLANK = blank). */
typedef struct GiValues
{
	int			format;
	int64		v[GI_MAX_VALUES];
} GiValues;

/* grid.c */
extern const GiGrid *gi_grid(GiFigKind kind, int format);
extern const GiGrid *gi_grid_safe(GiFigKind kind, int format, struct Node *escontext);
extern const GiGrid *gi_layout_grid(GiFigKind kind, int format);
extern const char *const *gi_table_columns(GiFigKind kind, int *ncols);
extern const GiGridRow *gi_grid_find_row(const GiGrid *g, const char *code);
extern const GiGridRow *gi_grid_row(const GiGrid *g, const char *code);
extern const GiGridRow *gi_grid_row_safe(const GiGrid *g, const char *code, struct Node *escontext);
extern bool gi_report_value_count(const GiGrid *g, const GiGridRow *r, int got, int sqlstate,
								  struct Node *escontext);
extern bool gi_fig_has_format(GiFigKind kind);
extern int	gi_grid_find_col(const GiGridRow *r, const char *code);
extern int	gi_grid_value_index(const GiGrid *g, const char *row_code, const char *col_code);
extern size_t gi_fig_size(GiFigKind kind);
extern size_t gi_fig_used_size(GiFigKind kind, const void *fig);
extern void gi_unpack(GiFigKind kind, const void *fig, GiValues *out);
extern void *gi_pack(GiFigKind kind, const GiValues *in);
extern void *gi_new_zero(GiFigKind kind, int format);
extern int	gi_fig_format(GiFigKind kind, const void *fig);

/*
 * values.c: parsing and checking one value, shared by every input path.  The
 * functions taking an escontext report bad input through it (soft_error.h)
 * and then return false; with a NULL escontext they raise the error.
 */
extern bool gi_parse_value(const GiGrid *g, int index, const char *tok, int len, int64 *out,
						   struct Node *escontext);
extern void gi_init_values(const GiGrid *g, GiValues *vals);
extern char *gi_describe_cell(const GiGrid *g, int index);
extern bool gi_check_value(const GiGrid *g, int index, int64 v, struct Node *escontext);
extern void gi_append_int64(StringInfo buf, int64 v);
extern void gi_append_value(StringInfo buf, const GiGrid *g, int index, int64 v);
extern Datum gi_value_datum(const GiGrid *g, int index, int64 v, bool *isnull);
extern Datum gi_value_as(Oid typid, const GiGrid *g, int index, int64 v, bool *isnull);

/* figures_text.c, figures_jsonb.c, figures_binary.c */
extern bool gi_text_parse(GiFigKind kind, const char *str, GiValues *out, struct Node *escontext);
extern char *gi_text_format(GiFigKind kind, const GiValues *vals);
extern void gi_jsonb_parse(GiFigKind kind, Jsonb *jb, GiValues *out);
extern Jsonb *gi_jsonb_build(GiFigKind kind, const GiValues *vals);
extern void gi_binary_parse(GiFigKind kind, StringInfo buf, GiValues *out);
extern bytea *gi_binary_build(GiFigKind kind, const GiValues *vals);

/* arith.c */
extern void gi_add_into(GiFigKind kind, void *dst, const void *src);

/* each struct is exactly the INTERNALLENGTH its SQL type declares */
StaticAssertDecl(sizeof(RequestFigures) == 704, "request_figures is INTERNALLENGTH = 704");
StaticAssertDecl(sizeof(AppealFigures) == 60, "appeal_figures is INTERNALLENGTH = 60");
StaticAssertDecl(sizeof(DisclosureFigures) == 96, "disclosure_figures is INTERNALLENGTH = 96");
StaticAssertDecl(DF_SIZE_2021 == 48, "a 2021 disclosure_figures is the 48 bytes of govinfo 0.4.0");

#define DatumGetRequestFigures(d) ((RequestFigures *) DatumGetPointer(d))
#define DatumGetAppealFigures(d) ((AppealFigures *) DatumGetPointer(d))
#define DatumGetDisclosureFigures(d) ((DisclosureFigures *) DatumGetPointer(d))

#endif
