/*
 * kinds.c — the descriptor of each figures kind (see kinds.h).
 *
 * To add a kind or a format version: add its rows and columns to the catalog
 * (catalog.c), then its descriptor or layout here; doc/architecture.md walks
 * through both.  Nothing else switches on the kind.
 */
#include "postgres.h"

#include "catalog/pg_type.h"

#include "kinds.h"

/*
 * The on-disk structs are the types' storage: their sizes are the
 * INTERNALLENGTH of the CREATE TYPE statements and must never change (a
 * change is a new type and an upgrade that rewrites every stored value, as
 * 0.5.0 did for disclosure_figures: 48 bytes in 0.4.0, see upgrade_040.c).
 */
#define DISCLOSURE_INTERNALLENGTH 96	/* ALIGNMENT = double */
#define REQUEST_INTERNALLENGTH 704	/* ALIGNMENT = int4 */
#define APPEAL_INTERNALLENGTH 60	/* ALIGNMENT = int4 */

StaticAssertDecl(sizeof(DisclosureFigures) == DISCLOSURE_INTERNALLENGTH,
				 "disclosure_figures must stay INTERNALLENGTH = 96");
StaticAssertDecl(sizeof(RequestFigures) == REQUEST_INTERNALLENGTH,
				 "request_figures must stay INTERNALLENGTH = 704");
StaticAssertDecl(sizeof(AppealFigures) == APPEAL_INTERNALLENGTH,
				 "appeal_figures must stay INTERNALLENGTH = 60");
StaticAssertDecl(offsetof(DisclosureFigures, amount) == DF_COUNTS_2021 * sizeof(int32) + sizeof(int32),
				 "the amount of disclosure_figures follows its nine first counts, as in govinfo 0.4.0");

const GiKindDesc gi_kinds[GI_NKINDS] = {
	[GI_FIG_DISCLOSURE] = {
		.kind = GI_FIG_DISCLOSURE,
		.type_name = "disclosure_figures",
		.part = 2,
		.report_column = "disclosures",
		.size = sizeof(DisclosureFigures),
		.format_offset = offsetof(DisclosureFigures, format),
		.cells_offset = offsetof(DisclosureFigures, counts),
		.ncells_first = DF_COUNTS_2021,
		.more_cells_offset = offsetof(DisclosureFigures, counts_2019),
		.ncells = DF_COUNTS,
		.amount_offset = offsetof(DisclosureFigures, amount),
		.rows_by_slot = false,
		.nlayouts = 2,
		.layouts = {
			{GI_FORMAT_2021, 6, true, NULL, NULL, DF_SIZE_2021},	/* 9 counts and the amount */
			{GI_FORMAT_2019, 8, true, NULL, NULL, 0},	/* 21 counts (9 signed) and the amount */
		},
		.json_shape = GI_JSON_ROW_OBJECTS,
		.cell_type = NUMERICOID,
		.table_key = "row_code",
		.add = gi_disclosure_add,
		.rules = NULL,			/* REPORT-FORMAT.md prints no rule for table 二 */
		.carry = NULL,
		.complete = NULL,
	},
	[GI_FIG_REQUEST] = {
		.kind = GI_FIG_REQUEST,
		.type_name = "request_figures",
		.part = 3,
		.report_column = "requests",
		.size = sizeof(RequestFigures),
		.format_offset = offsetof(RequestFigures, format),
		.cells_offset = offsetof(RequestFigures, cells),
		.ncells_first = RF_CELLS,
		.more_cells_offset = -1,
		.ncells = RF_CELLS,
		.amount_offset = -1,
		.rows_by_slot = true,	/* the 2019 format leaves slots 21 and 22 blank */
		.nlayouts = 2,
		.layouts = {
			{GI_FORMAT_2021, 25, true, NULL, NULL, 0},
			{GI_FORMAT_2019, 23, true, NULL, NULL, 0},
		},
		.json_shape = GI_JSON_ROW_ARRAYS,
		.cell_type = INT4OID,
		.table_key = "row_code",
		.add = gi_request_add,
		.rules = gi_request_rules,
		.carry = gi_request_carry,
		.complete = gi_request_complete,
	},
	[GI_FIG_APPEAL] = {
		.kind = GI_FIG_APPEAL,
		.type_name = "appeal_figures",
		.part = 4,
		.report_column = "appeals",
		.size = sizeof(AppealFigures),
		.format_offset = -1,	/* the same in both formats */
		.cells_offset = offsetof(AppealFigures, cells),
		.ncells_first = AF_CELLS,
		.more_cells_offset = -1,
		.ncells = AF_CELLS,
		.amount_offset = -1,
		.rows_by_slot = true,
		.nlayouts = 1,
		.layouts = {
			{0, AF_GROUPS, true, NULL, NULL, 0},
		},
		.json_shape = GI_JSON_FLAT_ARRAY,
		.cell_type = INT4OID,
		.table_key = "group_code",
		.add = gi_appeal_add,
		.rules = gi_appeal_rules,
		.carry = NULL,
		.complete = gi_appeal_complete,
	},
};
