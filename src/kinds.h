/*
 * kinds.h — one descriptor per figures kind (disclosure_figures = table 二,
 * request_figures = table 三, appeal_figures = table 四): everything that
 * differs between the kinds, in one place.
 *
 * The rows and columns of a kind come from the catalog (catalog.c): each
 * format version the kind knows is a GiLayoutDesc, and grid.c builds its grid
 * from the catalog rows and columns of the kind's part in that format.  The
 * descriptor adds what the catalog cannot say: the on-disk struct, the jsonb
 * shape, the rule, completion and addition functions, and the SQL columns of
 * the table function.  doc/architecture.md says how to add a kind or a format.
 */
#ifndef GOVINFO_KINDS_H
#define GOVINFO_KINDS_H

#include "rules.h"

/* The shape of a kind's jsonb form. */
typedef enum GiJsonShape
{
	GI_JSON_ROW_ARRAYS,			/* {"format": "2021", "ROW": [v, ...], ...} */
	GI_JSON_ROW_OBJECTS,		/* {"format": "2021", "ROW": {"COL": v, ...}, ...} */
	GI_JSON_FLAT_ARRAY			/* [v, v, ...] in grid order; no format */
} GiJsonShape;

/* One format version of a kind. */
typedef struct GiLayoutDesc
{
	int			format;			/* GI_FORMAT_*, or 0 for a kind without format */
	int			nrows;			/* data and sum rows the catalog must give it */
	bool		stored;			/* whether values of the kind can be in this format */
	const char *unstored_detail;	/* when not stored: errdetail and errhint */
	const char *unstored_hint;
	size_t		used_size;		/* bytes a value of this format uses (the rest is 0); 0 = all */
} GiLayoutDesc;

#define GI_MAX_LAYOUTS 2

/* Everything about one figures kind. */
typedef struct GiKindDesc
{
	GiFigKind	kind;
	const char *type_name;		/* the SQL type */
	int			part;			/* the catalog part: 2, 3 or 4 */
	const char *report_column;	/* its column in govinfo.annual_report */

	/* on-disk value: a fixed-length struct of INTERNALLENGTH size, cells in grid order */
	size_t		size;
	int			format_offset;	/* int32 format version, or -1 for none */
	int			cells_offset;	/* int32 cells: values 0 … ncells_first - 1 */
	int			ncells_first;
	int			more_cells_offset;	/* int32 cells: the next ones up to ncells, or -1 */
	int			ncells;
	int			amount_offset;	/* int64 amount: a grid's last value; or -1 */
	bool		rows_by_slot;	/* a row's values start at slot × columns; else rows are packed */

	/* its format versions, each with a grid built from the catalog */
	int			nlayouts;
	GiLayoutDesc layouts[GI_MAX_LAYOUTS];

	/* SQL-facing forms */
	GiJsonShape json_shape;
	Oid			cell_type;		/* result type of cell() (the amount is numeric) */
	const char *table_key;		/* name of the table function's first column */

	/* type-specific code: kept per kind so that the hot loops stay tight */
	void		(*add) (void *dst, const void *src);	/* dst += src, in place */
	void		(*rules) (const void *fig, GiViolationFn fn, void *arg);	/* or NULL */
	void		(*carry) (const void *prev, const void *cur, GiViolationFn fn, void *arg);	/* or NULL */
	void		(*complete) (void *fig);	/* fill blank derived cells; or NULL */
} GiKindDesc;

extern const GiKindDesc gi_kinds[GI_NKINDS];

/* The descriptor of a kind. */
static inline const GiKindDesc *
gi_kind(GiFigKind kind)
{
	return &gi_kinds[kind];
}

/* the kinds' type-specific functions (arith.c, rules.c) */
extern void gi_request_add(void *dst, const void *src);
extern void gi_appeal_add(void *dst, const void *src);
extern void gi_disclosure_add(void *dst, const void *src);
extern void gi_request_rules(const void *fig, GiViolationFn fn, void *arg);
extern void gi_appeal_rules(const void *fig, GiViolationFn fn, void *arg);
extern void gi_request_carry(const void *prev, const void *cur, GiViolationFn fn, void *arg);
extern void gi_request_complete(void *fig);
extern void gi_appeal_complete(void *fig);

#endif
