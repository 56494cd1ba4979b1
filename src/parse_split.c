/*
 * parse_split.c — the F6 digit-run splitter (parse_split.h says how and with what bounds): cutting
 * runs into segments, enumerating each run's splits under the rules local to it, and deciding across
 * runs with the rules of the kind.
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "miscadmin.h"

#include "kinds.h"
#include "parse_split_int.h"

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

/*
 * Whether a run's text allows one split only by its form: each separated
 * segment one cell, or each digit one cell.  Only such a split of a row that
 * does not add up is kept as published.
 */
static bool
split_forced(const RunState *rs)
{
	int			chars = 0;

	for (int s = 0; s < rs->nsegs; s++)
		chars += rs->segs[s].end - rs->segs[s].start;
	return rs->nsegs == rs->n || chars == rs->n;
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
	if (rs->ncands == 1 && rs->relaxed && !split_forced(rs))
	{
		appendStringInfoString(&msg, "not split: no split makes the row add up, and the only split of its text, ");
		append_candidate(&msg, sp, rs, 0);
		appendStringInfoString(&msg, ", is not forced by its separators (two rows run together when a label is lost read so)");
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

	joint_ok = gi_split_decide(&sp, &joint_aborted);
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
