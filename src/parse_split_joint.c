/*
 * parse_split_joint.c — the F6 splitter's decision across runs (parse_split.h, step 3): the rules of
 * the kind as linear equalities over the runs' candidates, bounds propagation, and a bounded
 * depth-first search proving for each candidate whether some joint choice of all runs meets every
 * rule.
 */
#include "postgres.h"

#include "parse_split_int.h"

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

/* Recompute the bounds of one slot of a rule over its variable's live candidates. */
static void
slot_bounds(Joint *j, ARule *a, int s)
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
	j->steps += rs->ncands;
}

/* Recompute each rule's per-variable bounds over the live candidates. */
static void
joint_bounds(Joint *j)
{
	for (int k = 0; k < j->nar; k++)
		for (int s = 0; s < j->ar[k].nvars; s++)
			slot_bounds(j, &j->ar[k], s);
}

/* Recompute the bounds of variable v in each of its rules. */
static void
var_bounds(Joint *j, int v)
{
	for (int i = 0; i < j->nvrules[v]; i++)
	{
		ARule	   *a = &j->ar[j->vrule[v][i]];

		for (int s = 0; s < a->nvars; s++)
			if (a->var[s] == v)
				slot_bounds(j, a, s);
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
bool
gi_split_decide(Split *sp, bool *aborted)
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
					var_bounds(&j, v);
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

