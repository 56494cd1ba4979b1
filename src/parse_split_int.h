/*
 * parse_split_int.h — what the two halves of the F6 splitter share: the per-run state built by
 * parse_split.c (cutting and enumerating runs) and read by parse_split_joint.c (the decision
 * across runs).  Private to those two files.
 */
#ifndef GOVINFO_PARSE_SPLIT_INT_H
#define GOVINFO_PARSE_SPLIT_INT_H

#include "parse_split.h"

/* the widest cell texts: a count, a signed count, an amount (12 digits . 6 decimals) */
#define W_COUNT 10
#define W_SIGNED 11
#define W_AMOUNT 19

/* the most terms a rule has: 3.7 = the 21 leaves of 2021 */
#define MAX_TERMS (GI_MAX_GRID_ROWS + 1)
#define MAX_RULES (GI_MAX_GRID_ROWS + 2 * GI_MAX_GRID_COLS)

typedef enum CellKind
{
	CELL_COUNT,
	CELL_SIGNED,				/* 本年增/减 of the 2019 table 二 */
	CELL_AMOUNT
} CellKind;

/* A rule: the sum of coef × cell over its terms is 0. */
typedef struct Rule
{
	int			nterms;
	int			idx[MAX_TERMS];
	int			coef[MAX_TERMS];
} Rule;

/* A stretch of a run between separators. */
typedef struct Seg
{
	int			start;
	int			end;
} Seg;

/* Everything about one run while it is split. */
typedef struct RunState
{
	const GiRun *run;
	int			n;				/* cells */
	CellKind   *ck;
	int		   *maxw;
	Seg		   *segs;
	int			nsegs;
	int		   *sufmin;			/* cells the segments from s on need at least / hold at most */
	int		   *sufmax;
	int			widest;
	bool	   *isknown;		/* a value known before splitting, never overwritten */
	int64	   *known;
	int		   *nlocal;			/* rules checked once cell i is placed */
	int		  **local;
	bool		use_rules;
	int64	   *cur;
	int64	   *cands;			/* ncands × n values */
	int			ncands;
	long		steps;
	bool		gave_up;
	bool		too_many;		/* gave up: more than GI_SPLIT_MAX_CANDIDATES splits */
	bool		relaxed;		/* no split keeps the local rules: enumerated without them */
	bool		has_local;
	/* the decision across runs */
	bool	   *live;
	bool	   *viable;
	bool		proven;			/* every live candidate is viable or was proven not to be */
} RunState;

/* What a grid value is while splitting one table. */
typedef struct Split
{
	const GiGrid *g;
	int			nvalues;
	Rule	   *rules;
	int			nrules;
	int		   *owner;			/* run holding the value, or -1 */
	int		   *ocell;			/* its cell in that run */
	bool	   *known;			/* known from vals (and not in a run) */
	const GiValues *vals;
	RunState   *rs;
	int			nruns;
} Split;

/* Decide the runs with more than one candidate jointly (parse_split_joint.c): false when the rules
 * across rows cannot be met at all, or a bound was reached (*aborted then set). */
extern bool gi_split_decide(Split *sp, bool *aborted);

#endif
