/*
 * parse_split.c — the F6 digit-run splitter (parse_split.h says how and with what bounds): cutting
 * runs into segments, enumerating each run's splits under the rules local to it, and deciding across
 * runs with the rules of the kind.
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "miscadmin.h"

#include "kinds.h"
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

/* The kind of cell at a grid value: count, signed count or amount. */
static CellKind
cell_kind(const GiGrid *g, int idx)
{
	if (idx == g->amount_index)
		return CELL_AMOUNT;
	for (int r = 0; r < g->nrows; r++)
	{
		const GiGridRow *gr = &g->rows[r];

		if (idx >= gr->first && idx < gr->first + gr->ncols)
			return strcmp(gr->cols[idx - gr->first]->code, "delta") == 0 ? CELL_SIGNED : CELL_COUNT;
	}
	return CELL_COUNT;
}

/* Whether a grid value belongs to some row of the grid. */
static bool
in_grid(const GiGrid *g, int idx)
{
	for (int r = 0; r < g->nrows; r++)
		if (idx >= g->rows[r].first && idx < g->rows[r].first + g->rows[r].ncols)
			return true;
	return false;
}

/* Add a term to a rule. */
static void
add_term(Rule *r, int idx, int coef)
{
	Assert(r->nterms < MAX_TERMS);
	r->idx[r->nterms] = idx;
	r->coef[r->nterms] = coef;
	r->nterms++;
}

/* Add "the parts of a grid row add up to its total column" to rules. */
static void
add_row_rule(Rule *rules, int *n, const GiGridRow *gr)
{
	int			t = gi_grid_find_col(gr, "total");
	Rule	   *r;

	if (t < 0)
		return;
	r = &rules[(*n)++];
	r->nterms = 0;
	for (int c = 0; c < gr->ncols; c++)
		add_term(r, gr->first + c, c == t ? -1 : 1);
}

/* The balancing rules of a kind as linear equalities over its grid values. */
static int
build_rules(const GiGrid *g, Rule *rules)
{
	int			n = 0;
	const GiGridRow *in1,
			   *in2,
			   *handled,
			   *out;

	if (g->kind == GI_FIG_DISCLOSURE)
		return 0;				/* table 二 has no rule */
	for (int r = 0; r < g->nrows; r++)
		add_row_rule(rules, &n, &g->rows[r]);
	if (g->kind != GI_FIG_REQUEST)
		return n;

	in1 = gi_grid_find_row(g, "1");
	in2 = gi_grid_find_row(g, "2");
	handled = gi_grid_find_row(g, "3.7");
	out = gi_grid_find_row(g, "4");
	for (int c = 0; c < handled->ncols; c++)
	{
		Rule	   *sum = &rules[n++];
		Rule	   *bal = &rules[n++];

		/* P3-HANDLED-TOTAL: the leaf rows 3.x add up to 3.7 */
		sum->nterms = 0;
		for (int r = 0; r < g->nrows; r++)
		{
			const GiGridRow *gr = &g->rows[r];

			if (gr != handled && gr->row->kind == GI_ROW_DATA && strncmp(gr->row->code, "3.", 2) == 0)
				add_term(sum, gr->first + c, 1);
		}
		add_term(sum, handled->first + c, -1);
		/* P3-BALANCE: 1 + 2 = 3.7 + 4 */
		bal->nterms = 0;
		add_term(bal, in1->first + c, 1);
		add_term(bal, in2->first + c, 1);
		add_term(bal, handled->first + c, -1);
		add_term(bal, out->first + c, -1);
	}
	Assert(n <= MAX_RULES);
	return n;
}

/*
 * Read one cell text of len bytes as a number of its kind into *v: no leading zero (unless the
 * integer part is 0 itself), a count up to 2147483647, an amount in 万元 with up to 6 decimals.
 */
static bool
read_cell(const char *s, int len, CellKind ck, int64 *v)
{
	bool		neg = false;
	int64		ip = 0;
	int64		frac = 0;
	int			i = 0,
				nd,
				fd = 0;

	if (len > 0 && (s[0] == '-' || s[0] == '+'))
	{
		if (ck != CELL_SIGNED)
			return false;
		neg = (s[0] == '-');
		i = 1;
	}
	for (nd = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++, nd++)
		ip = ip * 10 + (s[i] - '0');
	if (nd == 0 || (nd > 1 && s[i - nd] == '0'))
		return false;
	if (i < len)
	{
		if (ck != CELL_AMOUNT || s[i] != '.' || i + 1 == len)
			return false;
		for (i++; i < len; i++, fd++)
		{
			if (s[i] < '0' || s[i] > '9' || fd == GI_AMOUNT_SCALE)
				return false;
			frac = frac * 10 + (s[i] - '0');
		}
	}
	if (ck == CELL_AMOUNT)
	{
		if (nd > 12)
			return false;
		for (; fd < GI_AMOUNT_SCALE; fd++)
			frac *= 10;
		*v = ip * 1000000 + frac;
		return true;
	}
	if (nd > 10 || ip > PG_INT32_MAX)
		return false;
	*v = neg ? -ip : ip;
	return true;
}

/*
 * Cut a run into segments at its separators: any byte but a digit, except a '.' between digits
 * when the run holds an amount, and a sign before a digit when it holds a signed cell (a sign
 * starts a segment of its own).
 */
static int
cut_segments(const GiRun *run, bool amount, bool sign, int maxsegs, Seg *segs)
{
	const char *s = run->text;
	int			n = 0;
	int			i = 0;

	while (i < run->len)
	{
		int			start;

		while (i < run->len && !(s[i] >= '0' && s[i] <= '9') &&
			   !(sign && (s[i] == '-' || s[i] == '+') && i + 1 < run->len && s[i + 1] >= '0' && s[i + 1] <= '9'))
			i++;
		if (i == run->len)
			break;
		if (n == maxsegs)
			return -1;			/* more segments than cells: no split */
		start = i++;
		while (i < run->len &&
			   ((s[i] >= '0' && s[i] <= '9') ||
				(amount && s[i] == '.' && i + 1 < run->len && s[i + 1] >= '0' && s[i + 1] <= '9')))
			i++;
		segs[n].start = start;
		segs[n].end = i;
		n++;
	}
	return n;
}

/* Whether rule k holds once cell i of run r is placed (all its cells are in the run or known). */
static bool
local_rule_holds(const Split *sp, RunState *rs, int k)
{
	const Rule *rule = &sp->rules[k];
	int64		sum = 0;

	for (int t = 0; t < rule->nterms; t++)
	{
		int			x = rule->idx[t];
		int64		v = sp->known[x] ? sp->vals->v[x] : rs->cur[sp->ocell[x]];

		sum += rule->coef[t] * v;
	}
	return sum == 0;
}

/* Keep the split in rs->cur as a candidate (once); false when there are too many. */
static bool
keep_candidate(RunState *rs)
{
	for (int c = 0; c < rs->ncands; c++)
		if (memcmp(&rs->cands[c * rs->n], rs->cur, rs->n * sizeof(int64)) == 0)
			return true;
	if (rs->ncands == GI_SPLIT_MAX_CANDIDATES)
		return false;
	memcpy(&rs->cands[rs->ncands * rs->n], rs->cur, rs->n * sizeof(int64));
	rs->ncands++;
	return true;
}

/* Enumerate the splits of the run from cell i at byte pos of segment seg; false to stop. */
static bool
enumerate(const Split *sp, RunState *rs, int i, int seg, int pos)
{
	int			remtext,
				lo,
				hi;

	if (i == rs->n)
	{
		if (seg < rs->nsegs)
			return true;		/* text left over */
		if (!keep_candidate(rs))
		{
			rs->gave_up = rs->too_many = true;
			return false;
		}
		return true;
	}
	if (seg == rs->nsegs)
		return true;			/* cells left over */
	remtext = rs->segs[seg].end - pos;
	lo = (remtext + rs->widest - 1) / rs->widest + rs->sufmin[seg + 1];
	hi = remtext + rs->sufmax[seg + 1];
	if (rs->n - i < lo || rs->n - i > hi)
		return true;

	for (int w = 1; w <= remtext && w <= rs->maxw[i]; w++)
	{
		int64		v;
		bool		ok = true;

		if (++rs->steps > GI_SPLIT_RUN_STEPS)
		{
			rs->gave_up = true;
			return false;
		}
		if (!read_cell(rs->run->text + pos, w, rs->ck[i], &v))
			continue;
		if (rs->isknown[i] && v != rs->known[i])
			continue;
		rs->cur[i] = v;
		for (int k = 0; ok && rs->use_rules && k < rs->nlocal[i]; k++)
			ok = local_rule_holds(sp, rs, rs->local[i][k]);
		if (!ok)
			continue;
		if (w == remtext)
		{
			if (!enumerate(sp, rs, i + 1, seg + 1, seg + 1 < rs->nsegs ? rs->segs[seg + 1].start : 0))
				return false;
		}
		else if (!enumerate(sp, rs, i + 1, seg, pos + w))
			return false;
	}
	return true;
}

/* Set up one run: its cells, segments and local rules; then enumerate its splits. */
static void
split_one_run(Split *sp, int r)
{
	RunState   *rs = &sp->rs[r];
	const GiRun *run = rs->run;
	bool		amount = false;
	bool		sign = false;
	int			first = run->first;

	rs->n = run->ncells;
	rs->ck = palloc(rs->n * sizeof(CellKind));
	rs->maxw = palloc(rs->n * sizeof(int));
	rs->isknown = palloc0(rs->n * sizeof(bool));
	rs->known = palloc0(rs->n * sizeof(int64));
	rs->cur = palloc0(rs->n * sizeof(int64));
	rs->nlocal = palloc0(rs->n * sizeof(int));
	rs->local = palloc0(rs->n * sizeof(int *));
	rs->widest = 1;
	for (int i = 0; i < rs->n; i++)
	{
		rs->ck[i] = cell_kind(sp->g, first + i);
		rs->maxw[i] = rs->ck[i] == CELL_AMOUNT ? W_AMOUNT : rs->ck[i] == CELL_SIGNED ? W_SIGNED : W_COUNT;
		rs->widest = Max(rs->widest, rs->maxw[i]);
		amount |= rs->ck[i] == CELL_AMOUNT;
		sign |= rs->ck[i] == CELL_SIGNED;
		if (sp->vals->v[first + i] != GI_BLANK)
		{
			rs->isknown[i] = true;
			rs->known[i] = sp->vals->v[first + i];
		}
	}

	/* segments, and the cells the segments from s on can hold */
	rs->segs = palloc((rs->n + 1) * sizeof(Seg));
	rs->nsegs = cut_segments(run, amount, sign, rs->n, rs->segs);
	if (rs->nsegs < 0)
		return;					/* more segments than cells */
	rs->sufmin = palloc0((rs->nsegs + 1) * sizeof(int));
	rs->sufmax = palloc0((rs->nsegs + 1) * sizeof(int));
	for (int s = rs->nsegs - 1; s >= 0; s--)
	{
		int			len = rs->segs[s].end - rs->segs[s].start;

		rs->sufmin[s] = rs->sufmin[s + 1] + (len + rs->widest - 1) / rs->widest;
		rs->sufmax[s] = Min(rs->sufmax[s + 1] + len, rs->n + 1);
	}
	if (rs->sufmin[0] > rs->n || rs->sufmax[0] < rs->n)
		return;					/* a 1 MB run of digits ends here, after one pass */

	/* the rules whose cells all lie in this run or are known, checked at their last cell */
	for (int k = 0; k < sp->nrules; k++)
	{
		const Rule *rule = &sp->rules[k];
		int			last = -1;
		bool		local = true;

		for (int t = 0; local && t < rule->nterms; t++)
		{
			int			x = rule->idx[t];

			if (sp->owner[x] == r)
				last = Max(last, sp->ocell[x]);
			else if (!sp->known[x])
				local = false;
		}
		if (!local || last < 0)
			continue;
		if (rs->local[last] == NULL)
			rs->local[last] = palloc(sp->nrules * sizeof(int));
		rs->local[last][rs->nlocal[last]++] = k;
		rs->has_local = true;
	}

	rs->cands = palloc(GI_SPLIT_MAX_CANDIDATES * rs->n * sizeof(int64));
	rs->use_rules = true;
	enumerate(sp, rs, 0, 0, rs->nsegs > 0 ? rs->segs[0].start : 0);
	if (rs->ncands == 0 && !rs->gave_up && rs->has_local)
	{
		/* a published row that does not add up: its only reading, if it has one, is kept */
		rs->use_rules = false;
		rs->relaxed = true;
		rs->steps = 0;
		enumerate(sp, rs, 0, 0, rs->nsegs > 0 ? rs->segs[0].start : 0);
	}
}

/* ---------------------------------------------------------------------------------------------
 * The decision across runs
 * --------------------------------------------------------------------------------------------- */

/* One rule in the search: a constant and the contribution of each variable run's candidates. */
typedef struct ARule
{
	int64		constant;
	int			nvars;
	int		   *var;			/* variable numbers */
	int64	  **contrib;		/* contrib[j][c]: candidate c of var[j] */
	int64	   *lo;				/* per var: least and greatest contribution of its live candidates */
	int64	   *hi;
} ARule;

typedef struct Joint
{
	Split	   *sp;
	int			nvars;
	int		   *vrun;			/* the run of each variable */
	int		   *nvrules;		/* the rules each variable is in */
	int		  **vrule;
	ARule	   *ar;
	int			nar;
	int		   *assign;			/* candidate of each variable, or -1 */
	int		   *order;
	long		steps;
	bool		aborted;
} Joint;

/* Recompute each rule's per-variable bounds over the live candidates. */
static void
joint_bounds(Joint *j)
{
	for (int k = 0; k < j->nar; k++)
	{
		ARule	   *a = &j->ar[k];

		for (int s = 0; s < a->nvars; s++)
		{
			RunState   *rs = &j->sp->rs[j->vrun[a->var[s]]];
			bool		any = false;

			for (int c = 0; c < rs->ncands; c++)
			{
				if (!rs->live[c])
					continue;
				if (!any || a->contrib[s][c] < a->lo[s])
					a->lo[s] = a->contrib[s][c];
				if (!any || a->contrib[s][c] > a->hi[s])
					a->hi[s] = a->contrib[s][c];
				any = true;
			}
			if (!any)
				a->lo[s] = a->hi[s] = 0;
		}
	}
}

/* Bounds propagation: drop candidates that no choice of the others can balance; false if a run has none left. */
static bool
joint_propagate(Joint *j)
{
	bool		changed = true;

	while (changed)
	{
		changed = false;
		joint_bounds(j);
		for (int k = 0; k < j->nar; k++)
		{
			ARule	   *a = &j->ar[k];
			int64		lo = a->constant,
						hi = a->constant;

			for (int s = 0; s < a->nvars; s++)
			{
				lo += a->lo[s];
				hi += a->hi[s];
			}
			for (int s = 0; s < a->nvars; s++)
			{
				RunState   *rs = &j->sp->rs[j->vrun[a->var[s]]];
				int			left = 0;

				for (int c = 0; c < rs->ncands; c++)
				{
					int64		x = a->contrib[s][c];

					if (!rs->live[c])
						continue;
					j->steps++;
					if (lo - a->lo[s] + x > 0 || hi - a->hi[s] + x < 0)
					{
						rs->live[c] = false;
						changed = true;
					}
					else
						left++;
				}
				if (left == 0)
					return false;
			}
			if (changed)
				break;			/* recompute the bounds */
		}
		if (j->steps > GI_SPLIT_JOINT_STEPS)
		{
			j->aborted = true;
			return true;
		}
	}
	return true;
}

/* Whether the rules of variable v can still hold with the variables assigned so far. */
static bool
joint_consistent(Joint *j, int v)
{
	for (int i = 0; i < j->nvrules[v]; i++)
	{
		ARule	   *a = &j->ar[j->vrule[v][i]];
		int64		lo = a->constant,
					hi = a->constant;

		for (int s = 0; s < a->nvars; s++)
		{
			int			c = j->assign[a->var[s]];

			if (c >= 0)
			{
				lo += a->contrib[s][c];
				hi += a->contrib[s][c];
			}
			else
			{
				lo += a->lo[s];
				hi += a->hi[s];
			}
		}
		j->steps += a->nvars;
		if (lo > 0 || hi < 0)
			return false;
	}
	return true;
}

/* Depth-first search for a joint choice from depth on; true when found (left in assign). */
static bool
joint_search(Joint *j, int depth)
{
	int			v;
	RunState   *rs;

	if (depth == j->nvars)
		return true;
	v = j->order[depth];
	if (j->assign[v] >= 0)
		return joint_search(j, depth + 1);	/* fixed by the caller */
	rs = &j->sp->rs[j->vrun[v]];
	for (int c = 0; c < rs->ncands; c++)
	{
		if (!rs->live[c])
			continue;
		if (++j->steps > GI_SPLIT_JOINT_STEPS)
		{
			j->aborted = true;
			return false;
		}
		j->assign[v] = c;
		if (joint_consistent(j, v) && joint_search(j, depth + 1))
			return true;
		if (j->aborted)
			break;
	}
	j->assign[v] = -1;
	return false;
}

/* Mark the candidates of the joint choice in assign viable. */
static void
mark_viable(Joint *j)
{
	for (int v = 0; v < j->nvars; v++)
		j->sp->rs[j->vrun[v]].viable[j->assign[v]] = true;
}

/* Find a joint choice with variable v fixed to candidate c (v < 0: none fixed); 1 found, 0 none, -1 aborted. */
static int
joint_try(Joint *j, int v, int c)
{
	bool		found;

	for (int i = 0; i < j->nvars; i++)
		j->assign[i] = -1;
	if (v >= 0)
	{
		j->assign[v] = c;
		if (!joint_consistent(j, v))
			return 0;
	}
	found = joint_search(j, 0);
	if (j->aborted)
		return -1;
	if (found)
		mark_viable(j);
	return found ? 1 : 0;
}

/* Order the variables by their live candidates, fewest first (insertion sort: at most 175). */
static void
joint_order(Joint *j)
{
	int		   *nlive = palloc0(j->nvars * sizeof(int));

	for (int v = 0; v < j->nvars; v++)
	{
		RunState   *rs = &j->sp->rs[j->vrun[v]];

		for (int c = 0; c < rs->ncands; c++)
			nlive[v] += rs->live[c];
		j->order[v] = v;
	}
	for (int a = 1; a < j->nvars; a++)
		for (int b = a; b > 0 && nlive[j->order[b]] < nlive[j->order[b - 1]]; b--)
		{
			int			t = j->order[b];

			j->order[b] = j->order[b - 1];
			j->order[b - 1] = t;
		}
	pfree(nlive);
}

/*
 * Build the search across runs: variables are the runs with more than one candidate that take
 * part in a usable rule; returns false when the rules cannot be met at all (or a bound was hit,
 * *aborted then set).
 */
static bool
decide_jointly(Split *sp, bool *aborted)
{
	Joint		j = {0};
	int		   *var_of = palloc(sp->nruns * sizeof(int));
	int			r;

	*aborted = false;
	j.sp = sp;
	j.vrun = palloc(sp->nruns * sizeof(int));
	for (r = 0; r < sp->nruns; r++)
		var_of[r] = -1;
	j.ar = palloc0(sp->nrules * sizeof(ARule));

	for (int k = 0; k < sp->nrules; k++)
	{
		const Rule *rule = &sp->rules[k];
		ARule	   *a = &j.ar[j.nar];
		bool		usable = true;
		bool		relaxed_local = true;
		int			relaxed_run = -1;

		/* usable: every cell known or in a run with candidates */
		for (int t = 0; usable && t < rule->nterms; t++)
		{
			int			x = rule->idx[t];
			int			o = sp->owner[x];

			if (o < 0)
				usable = sp->known[x];
			else if (sp->rs[o].ncands == 0 || sp->rs[o].gave_up)
				usable = false;
			else
			{
				if (!sp->rs[o].relaxed || (relaxed_run >= 0 && relaxed_run != o))
					relaxed_local = false;
				relaxed_run = o;
			}
		}
		if (!usable)
			continue;
		/* the row rule of a row published unbalanced is not used */
		if (relaxed_local && relaxed_run >= 0)
			continue;

		a->var = palloc(rule->nterms * sizeof(int));
		a->contrib = palloc(rule->nterms * sizeof(int64 *));
		a->constant = 0;
		a->nvars = 0;
		for (int t = 0; t < rule->nterms; t++)
		{
			int			x = rule->idx[t];
			int			o = sp->owner[x];
			RunState   *rs;
			int			s;

			if (o < 0)
			{
				a->constant += rule->coef[t] * sp->vals->v[x];
				continue;
			}
			rs = &sp->rs[o];
			if (rs->ncands == 1)
			{
				a->constant += rule->coef[t] * rs->cands[sp->ocell[x]];
				continue;
			}
			if (var_of[o] < 0)
			{
				var_of[o] = j.nvars;
				j.vrun[j.nvars++] = o;
			}
			for (s = 0; s < a->nvars && a->var[s] != var_of[o]; s++)
				;
			if (s == a->nvars)
			{
				a->var[s] = var_of[o];
				a->contrib[s] = palloc0(rs->ncands * sizeof(int64));
				a->nvars++;
			}
			for (int c = 0; c < rs->ncands; c++)
				a->contrib[s][c] += rule->coef[t] * rs->cands[c * rs->n + sp->ocell[x]];
		}
		if (a->nvars == 0)
			continue;			/* fixed cells only: holds, or is a published inconsistency */
		a->lo = palloc(a->nvars * sizeof(int64));
		a->hi = palloc(a->nvars * sizeof(int64));
		j.nar++;
	}

	/* variables' rules */
	j.nvrules = palloc0(Max(j.nvars, 1) * sizeof(int));
	j.vrule = palloc(Max(j.nvars, 1) * sizeof(int *));
	for (int v = 0; v < j.nvars; v++)
		j.vrule[v] = palloc(Max(j.nar, 1) * sizeof(int));
	for (int k = 0; k < j.nar; k++)
		for (int s = 0; s < j.ar[k].nvars; s++)
		{
			int			v = j.ar[k].var[s];

			j.vrule[v][j.nvrules[v]++] = k;
		}
	for (int v = 0; v < j.nvars; v++)
	{
		RunState   *rs = &sp->rs[j.vrun[v]];

		rs->live = palloc(rs->ncands * sizeof(bool));
		rs->viable = palloc0(rs->ncands * sizeof(bool));
		memset(rs->live, true, rs->ncands * sizeof(bool));
	}
	if (j.nvars == 0)
		return true;

	if (!joint_propagate(&j))
		return false;
	j.assign = palloc(j.nvars * sizeof(int));
	j.order = palloc(j.nvars * sizeof(int));
	joint_bounds(&j);
	joint_order(&j);

	switch (joint_try(&j, -1, 0))
	{
		case 0:
			return false;
		case -1:
			*aborted = true;
			return false;
	}
	/* every live candidate of every variable: part of some joint choice, or not */
	for (int v = 0; v < j.nvars; v++)
	{
		RunState   *rs = &sp->rs[j.vrun[v]];
		bool		done = true;

		for (int c = 0; c < rs->ncands; c++)
		{
			if (!rs->live[c] || rs->viable[c])
				continue;
			switch (joint_try(&j, v, c))
			{
				case 0:
					rs->live[c] = false;	/* proven: no joint choice has it */
					joint_bounds(&j);
					break;
				case -1:
					done = false;
					break;
			}
			if (j.aborted)
				break;
		}
		rs->proven = done && !j.aborted;
		if (j.aborted)
			break;
	}
	return true;
}

/* ---------------------------------------------------------------------------------------------
 * Results
 * --------------------------------------------------------------------------------------------- */

/* Append candidate c of a run as "v,v,…". */
static void
append_candidate(StringInfo buf, const Split *sp, const RunState *rs, int c)
{
	for (int i = 0; i < rs->n; i++)
	{
		if (i > 0)
			appendStringInfoChar(buf, ',');
		gi_append_value(buf, sp->g, rs->run->first + i, rs->cands[c * rs->n + i]);
	}
}

/* The candidates of a run (those with want[c], or all when want is NULL) joined with " | ". */
static void
append_candidates(StringInfo buf, const Split *sp, const RunState *rs, const bool *want)
{
	int			shown = 0,
				total = 0;

	for (int c = 0; c < rs->ncands; c++)
	{
		if (want != NULL && !want[c])
			continue;
		total++;
		if (shown == GI_SPLIT_SHOWN)
			continue;
		if (shown++ > 0)
			appendStringInfoString(buf, " | ");
		append_candidate(buf, sp, rs, c);
	}
	if (total > shown)
		appendStringInfo(buf, " | ... (%d candidates)", total);
}

/* Record an ambiguity for run r. */
static List *
add_ambiguity(List *out, int r, StringInfo msg, bool gave_up)
{
	GiSplitAmbiguity *a = palloc(sizeof(GiSplitAmbiguity));

	a->run = r;
	a->candidates = msg->data;
	a->gave_up = gave_up;
	return lappend(out, a);
}

/* Write candidate c of a run into vals, never over a known value. */
static void
accept_candidate(Split *sp, RunState *rs, int c, GiValues *vals)
{
	for (int i = 0; i < rs->n; i++)
		if (vals->v[rs->run->first + i] == GI_BLANK)
			vals->v[rs->run->first + i] = rs->cands[c * rs->n + i];
}

/* The result for one run after the decision: accept it or list why not. */
static List *
conclude_run(Split *sp, int r, bool joint_ok, bool joint_aborted, List *out, GiValues *vals)
{
	RunState   *rs = &sp->rs[r];
	StringInfoData msg;
	int			nviable = 0,
				the = -1;

	initStringInfo(&msg);
	if (rs->too_many)
	{
		appendStringInfo(&msg, "not split: the run splits into %d cells in more than %d ways%s",
						 rs->n, GI_SPLIT_MAX_CANDIDATES, rs->relaxed ? ", none of which adds up" : "");
		return add_ambiguity(out, r, &msg, true);
	}
	if (rs->gave_up)
	{
		appendStringInfo(&msg, "not split: the search for the splits of the run into %d cells reached its bound of %d steps",
						 rs->n, GI_SPLIT_RUN_STEPS);
		return add_ambiguity(out, r, &msg, true);
	}
	if (rs->ncands == 0)
	{
		appendStringInfo(&msg, "not split: no split of the run (%d characters) into %d cells", rs->run->len, rs->n);
		return add_ambiguity(out, r, &msg, false);
	}
	if (rs->ncands == 1)
	{
		accept_candidate(sp, rs, 0, vals);
		return out;
	}
	if (rs->relaxed)
		appendStringInfoString(&msg, "no split makes the row add up: ");
	if (rs->live == NULL || !joint_ok)
	{
		/* in no usable rule, or the rules across rows cannot be met: every split it has */
		if (joint_ok == false && rs->live != NULL && !joint_aborted)
			appendStringInfoString(&msg, "the rules across rows do not hold for any split: ");
		append_candidates(&msg, sp, rs, NULL);
		if (joint_aborted)
			appendStringInfo(&msg, " (the rules across rows were not searched to the end: bound of %d steps)", GI_SPLIT_JOINT_STEPS);
		return add_ambiguity(out, r, &msg, joint_aborted);
	}
	for (int c = 0; c < rs->ncands; c++)
		if (rs->live[c] && rs->viable[c])
		{
			nviable++;
			the = c;
		}
	if (nviable == 1 && rs->proven)
	{
		accept_candidate(sp, rs, the, vals);
		return out;
	}
	if (nviable >= 2)
	{
		append_candidates(&msg, sp, rs, rs->viable);
		return add_ambiguity(out, r, &msg, false);
	}
	append_candidates(&msg, sp, rs, rs->live);
	appendStringInfo(&msg, " (the rules across rows were not searched to the end: bound of %d steps)", GI_SPLIT_JOINT_STEPS);
	return add_ambiguity(out, r, &msg, true);
}

/* See parse_split.h. */
List *
gi_split_runs(GiFigKind kind, int format, const GiRun *runs, int nruns, GiValues *vals)
{
	Split		sp = {0};
	Rule		rules[MAX_RULES];
	List	   *out = NIL;
	bool		joint_ok,
				joint_aborted;

	sp.g = gi_layout_grid(kind, format);
	if (sp.g == NULL)
		elog(ERROR, "gi_split_runs: no layout of figures kind %d in format %d", (int) kind, format);
	sp.nvalues = sp.g->nvalues;
	sp.vals = vals;
	sp.rules = rules;
	sp.nrules = build_rules(sp.g, rules);
	sp.owner = palloc(sp.nvalues * sizeof(int));
	sp.ocell = palloc0(sp.nvalues * sizeof(int));
	sp.known = palloc0(sp.nvalues * sizeof(bool));
	for (int x = 0; x < sp.nvalues; x++)
		sp.owner[x] = -1;
	for (int r = 0; r < nruns; r++)
	{
		if (runs[r].ncells < 1 || runs[r].first < 0 || runs[r].first + runs[r].ncells > sp.nvalues ||
			runs[r].len < 0)
			elog(ERROR, "gi_split_runs: run %d (values %d, %d) is outside the grid of %d values",
				 r, runs[r].first, runs[r].ncells, sp.nvalues);
		for (int i = 0; i < runs[r].ncells; i++)
		{
			int			x = runs[r].first + i;

			if (sp.owner[x] >= 0 || !in_grid(sp.g, x))
				elog(ERROR, "gi_split_runs: run %d overlaps run %d or leaves the grid at value %d",
					 r, sp.owner[x], x);
			sp.owner[x] = r;
			sp.ocell[x] = i;
		}
	}
	for (int x = 0; x < sp.nvalues; x++)
		sp.known[x] = sp.owner[x] < 0 && vals->v[x] != GI_BLANK;

	sp.nruns = nruns;
	sp.rs = palloc0(Max(nruns, 1) * sizeof(RunState));
	for (int r = 0; r < nruns; r++)
	{
		sp.rs[r].run = &runs[r];
		split_one_run(&sp, r);
		CHECK_FOR_INTERRUPTS();
	}

	joint_ok = decide_jointly(&sp, &joint_aborted);
	for (int r = 0; r < nruns; r++)
		out = conclude_run(&sp, r, joint_ok, joint_aborted, out, vals);
	return out;
}

/* See parse_split.h. */
bool
gi_split_separated(const GiGrid *g, const GiRun *run, int64 *out)
{
	Seg		   *segs;
	bool		amount = false;
	bool		sign = false;
	int			n;

	if (run->ncells < 1 || run->first < 0 || run->first + run->ncells > g->nvalues)
		return false;
	for (int i = 0; i < run->ncells; i++)
	{
		amount |= cell_kind(g, run->first + i) == CELL_AMOUNT;
		sign |= cell_kind(g, run->first + i) == CELL_SIGNED;
	}
	segs = palloc((run->ncells + 1) * sizeof(Seg));
	n = cut_segments(run, amount, sign, run->ncells, segs);
	if (n != run->ncells)
		return false;
	for (int i = 0; i < n; i++)
		if (!read_cell(run->text + segs[i].start, segs[i].end - segs[i].start,
					   cell_kind(g, run->first + i), &out[i]))
			return false;
	return true;
}
