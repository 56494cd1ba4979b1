/*
 * parse_split.h — the F6 digit-run splitter: a crawler's text dump prints the cells of a row with
 * no separator between some or all of them ("140000014"); this splits such runs into their cells,
 * proving each split with the balancing rules of the table, and leaves blank (with the candidates)
 * every run whose split is not the only one consistent with every rule.
 *
 * The algorithm (parse_split.c):
 *  1. Each run is cut at its separators (certain boundaries) into segments of digits; each cell of
 *     the run lies inside one segment.  A cell is a number as published: no leading zero unless it is
 *     0 itself, at most 10 digits and at most 2147483647 (a count); the amount cell of table 二 may
 *     have up to 12 integer digits and 6 decimals; the signed 本年增/减 column of the 2019 table 二
 *     may start with - or +.
 *  2. Per run, a depth-first enumeration of its splits, pruned by the number of cells the rest of
 *     the text can still hold, by the values already known (never overwritten) and by every rule
 *     whose cells all lie in the run or are known (the row rule: total = sum of the six, P4-TOTAL per
 *     group).  When no split satisfies those rules (a published row that does not add up) the
 *     enumeration is repeated without them: a split that is then unique is the only reading of the
 *     document and is accepted as published; otherwise the run is ambiguous.
 *  3. Across runs: the rules of the kind (per row, 3.7 = sum of the leaf rows and 1 + 2 = 3.7 + 4 per
 *     column, P4-TOTAL) are linear equalities over the cells.  A rule is used only when every cell it
 *     names is known or in a run with candidates (a cell blank in the document is not taken as 0), and
 *     a rule broken by fixed cells alone (a published inconsistency) is dropped.  Candidate sets are
 *     narrowed by bounds propagation, then a depth-first search decides for every remaining candidate
 *     whether some joint choice of all runs satisfies every rule.  A run with exactly one such candidate
 *     is accepted; the others stay blank with the consistent candidates listed.  When the rules across
 *     rows cannot be met at all, only the runs that are unique on their own are accepted.
 *
 * Bounds (work is linear in the input for any input):
 *  - cutting a run is one pass over its text; a segment that cannot hold its cells (more than
 *    19 characters per cell) or more segments than cells end the run at once: a 1 MB run of digits
 *    costs one pass and returns "no split" (gave_up false);
 *  - the enumeration of one run stops after GI_SPLIT_RUN_STEPS candidate cells tried, or when it has
 *    found more than GI_SPLIT_MAX_CANDIDATES splits (then gave_up is true);
 *  - runs may not overlap, so a table has at most as many runs as its grid has values (175), and
 *    the search across runs stops after GI_SPLIT_JOINT_STEPS steps (runs still undecided: gave_up).
 *  The total is O(input length) + O(nruns × GI_SPLIT_RUN_STEPS) + O(GI_SPLIT_JOINT_STEPS).
 */
#ifndef GOVINFO_PARSE_SPLIT_H
#define GOVINFO_PARSE_SPLIT_H

#include "nodes/pg_list.h"

#include "figures.h"

#define GI_SPLIT_RUN_STEPS 200000
#define GI_SPLIT_MAX_CANDIDATES 256
#define GI_SPLIT_JOINT_STEPS 4000000
#define GI_SPLIT_SHOWN 8		/* candidates named in a message */

/* One row's cells printed with no separator between some or all of them. */
typedef struct GiRun
{
	int			first;			/* index of the row's first value in the grid gi_layout_grid(kind,
								 * format) */
	int			ncells;			/* how many consecutive grid values the run holds (7 for a row of
								 * 三, 15 for 四 as one run, 3 / 1 / 2 for the rows of 二) */
	const char *text;			/* the run as printed: ASCII digits, with a space (or other single
								 * separator) where the copy kept one; a separator is a certain cell
								 * boundary, its absence is not */
	int			len;
} GiRun;

/* A run whose split was not proven. */
typedef struct GiSplitAmbiguity
{
	int			run;			/* index into the runs array */
	char	   *candidates;		/* the candidate splits, e.g. "12,0,0,1,0,0,13 | 1,2,0,0,10,0,13",
								 * or a sentence when the work bound was reached */
	bool		gave_up;		/* the bound on the work was reached */
} GiSplitAmbiguity;

/*
 * Split the runs of one table into cells.  vals holds what is already known (cells read from
 * separated text; GI_BLANK elsewhere) and receives every run's cells whose split is the only one
 * consistent with every rule of the kind (per-row totals, 3.7 = sum of leaves, 1 + 2 = 3.7 + 4 per
 * column, P4-TOTAL) together with the known values; the others stay GI_BLANK and are returned as a
 * List of GiSplitAmbiguity *.  Work is bounded per run (linear in the input for any input).
 */
extern List *gi_split_runs(GiFigKind kind, int format, const GiRun *runs, int nruns, GiValues *vals);

/*
 * A run whose separators already cut it into exactly its cells, each a valid number: its values
 * into out[0 … ncells - 1] and true (the caller may store them as known values); false otherwise.
 */
extern bool gi_split_separated(const GiGrid *g, const GiRun *run, int64 *out);

#endif
