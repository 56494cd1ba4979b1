/*
 * render_table.c — tables 二, 三 and 四 in the official merged-cell layout,
 * built from the catalog (labels, parents, spanning headers) and the grid of
 * each figures value's format (which cells a row has and where its values
 * are); and the fixed texts of the document (title, introduction, headings).
 *
 * Labels are the catalog's UTF-8 strings, character for character.  The few
 * header words of the template that are not rows or columns (申请人情况,
 * 信息内容, the column check of table 三) are the template's own and are here.
 */
#include "postgres.h"

#include "render.h"

/* the template's header words that are not catalog rows or columns */
#define T3_CORNER_ZH "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
#define T3_CORNER_EN "(Column check: item 1 + item 2 = item 3 + item 4)"
#define T3_APPLICANTS_ZH "申请人情况"
#define T3_APPLICANTS_EN "Applicants"
#define T3_ORG_EN "legal person or other organisation"
#define T2_CONTENT_ZH "信息内容"
#define T2_CONTENT_EN "Information"
#define T4_SUIT_EN "administrative lawsuit"
#define MIDDLE_DOT "\xC2\xB7"

/* The official part headings (国办公开办函〔2021〕30号 and 〔2019〕60号) and their English. */
static const char *const headings_zh[6] = {
	"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"
};
static const char *const headings_en[6] = {
	"1. Overview", "2. Proactive disclosure of government information",
	"3. Applications for government information received and handled",
	"4. Administrative reconsideration and lawsuits concerning government information disclosure",
	"5. Main problems and improvements", "6. Other matters to report"
};

/* The heading of part 1-6 in a format and language. */
const char *
r_section_heading(int format, int part, bool english)
{
	if (english)
		return headings_en[part - 1];
	if (part == 5 && format == GI_FORMAT_2019)
		return "五、政府信息公开工作存在的主要问题及改进情况";
	return headings_zh[part - 1];
}

/* The document that sets a format. */
static const char *
format_document(int format)
{
	return format == GI_FORMAT_2019 ? "国办公开办函〔2019〕60号" : "国办公开办函〔2021〕30号";
}

/* The title: {agency}{year}年政府信息公开工作年度报告. */
const char *
r_title(const RDoc *doc)
{
	if (doc->english)
		return psprintf("%s: Government Information Disclosure Annual Report %d", doc->agency, doc->year);
	return psprintf("%s%d年政府信息公开工作年度报告", doc->agency, doc->year);
}

/* The introduction: what the report follows and the period its figures cover. */
const char *
r_intro(const RDoc *doc)
{
	if (doc->english)
		return psprintf("This report is compiled under the Regulations of the People's Republic of China on "
						"Government Information Disclosure and the national format of annual reports (%s). "
						"It has six parts: overview; proactive disclosure; applications received and handled; "
						"administrative reconsideration and lawsuits; main problems and improvements; "
						"other matters. Its figures cover 1 January to 31 December %d.",
						doc->format == GI_FORMAT_2019 ? "Guobangongkaibanhan [2019] No. 60" :
						"Guobangongkaibanhan [2021] No. 30", doc->year);
	return psprintf("本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
					"（%s）的要求编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
					"政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
					"本报告中所列数据的统计期限自%d年1月1日起至%d年12月31日止。",
					format_document(doc->format), doc->year, doc->year);
}

/* Where the report comes from, and whether it is published. */
const char *
r_source_line(const RDoc *doc)
{
	const char *src;

	if (doc->english)
	{
		src = strcmp(doc->source, "derived") == 0 ? "derived from the application and case records" :
			strcmp(doc->source, "imported") == 0 ? "imported from the published report" : "entered report";
		return psprintf("Source: %s. Format: %d. %s", src, doc->format,
						doc->published ? psprintf("Published %s.", doc->published) : "Not published.");
	}
	src = strcmp(doc->source, "derived") == 0 ? "由办件记录生成" :
		strcmp(doc->source, "imported") == 0 ? "导入的已发布报告" : "填报的报告";
	return psprintf("数据来源：%s。报告格式：%d年版。%s", src, doc->format,
					doc->published ? psprintf("发布时间：%s。", doc->published) : "尚未发布。");
}

/* What a part without figures or text says. */
const char *
r_missing(const RDoc *doc)
{
	return doc->english ? "(not reported)" : "（未填报）";
}

/* Set a cell of a table. */
static RCell *
put(RTable *t, int r, int c, const char *text, int rowspan, int colspan, bool head)
{
	RCell	   *x = &t->cell[r][c];

	if (r >= R_MAX_ROWS || c >= R_MAX_COLS)
		elog(ERROR, "govinfo render: table %d is larger than %d x %d", t->part, R_MAX_ROWS, R_MAX_COLS);
	x->text = text;
	x->rowspan = rowspan;
	x->colspan = colspan;
	x->head = head;
	x->num = !head;
	x->covered = false;
	for (int i = 0; i < rowspan; i++)
		for (int j = 0; j < colspan; j++)
			if (i || j)
				t->cell[r + i][c + j].covered = true;
	return x;
}

/* Start a new row of a kind. */
static int
new_row(RTable *t, RRowKind kind, const char *code)
{
	int			r = t->nrows++;

	if (t->nrows > R_MAX_ROWS)
		elog(ERROR, "govinfo render: table %d has more than %d rows", t->part, R_MAX_ROWS);
	t->kind[r] = kind;
	t->row_code[r] = code;
	return r;
}

/* A row's or column's label in the document's language (UTF-8). */
static const char *
row_label(const GiRow *row, bool english)
{
	return english ? row->label_en : row->label_zh;
}

static const char *
col_label(const GiColumn *col, bool english)
{
	return english ? col->label_en : col->label_zh;
}

/* The text of one value, or NULL when blank (or when the table has no figures). */
static const char *
value_text(const GiGrid *g, const GiValues *vals, bool has, int index)
{
	StringInfoData buf;

	if (!has)
		return NULL;
	/* values.c writes a blank cell as nothing, whatever marks it in the value kind */
	initStringInfo(&buf);
	gi_append_value(&buf, g, index, vals->v[index]);
	return buf.len > 0 ? buf.data : NULL;
}

/* Put a grid row's values from column c0 on; the last one spans to the table's edge. */
static void
put_values(RTable *t, int r, int c0, const GiGrid *g, const GiGridRow *gr, const GiValues *vals, bool has)
{
	for (int c = 0; c < gr->ncols; c++)
	{
		int			span = (c == gr->ncols - 1) ? t->ncols - c0 - c : 1;
		RCell	   *x = put(t, r, c0 + c, value_text(g, vals, has, gr->first + c), 1, span, false);

		x->code = gr->cols[c]->code;
	}
}

/* The catalog rows of a part in a format, in official order. */
#define FOR_PART_ROWS(var, part_, mask_) \
	for (const GiRow *var = gi_rows; var < gi_rows + gi_nrows; var++) \
		if (var->part == (part_) && (var->formats & (mask_)))

/*
 * Table 二: each block (第二十条第（N）项) is a caption across the table, then
 * its header row (信息内容 and the block's columns), then its rows.
 */
static void
build_table2(RDoc *doc, RTable *t)
{
	const GiGrid *g = gi_layout_grid(GI_FIG_DISCLOSURE, doc->format);
	const GiValues *vals = &doc->vals[0];
	int			mask = gi_format_mask(doc->format);
	int			width = 0;

	for (int i = 0; i < g->nrows; i++)
		width = Max(width, g->rows[i].ncols);
	t->ncols = 1 + width;
	t->nstub = 1;
	FOR_PART_ROWS(blk, 2, mask)
	{
		bool		header_done = false;

		if (blk->kind != GI_ROW_GROUP)
			continue;
		put(t, new_row(t, RROW_CAPTION, blk->code), 0, row_label(blk, doc->english), 1, t->ncols, true)->code = blk->code;
		for (int i = 0; i < g->nrows; i++)
		{
			const GiGridRow *gr = &g->rows[i];
			int			r;

			if (gr->row->parent == NULL || strcmp(gr->row->parent, blk->code) != 0)
				continue;
			if (!header_done)
			{
				r = new_row(t, RROW_HEAD, NULL);
				put(t, r, 0, doc->english ? T2_CONTENT_EN : T2_CONTENT_ZH, 1, 1, true);
				for (int c = 0; c < gr->ncols; c++)
					put(t, r, 1 + c, col_label(gr->cols[c], doc->english), 1,
						c == gr->ncols - 1 ? width - c : 1, true)->code = gr->cols[c]->code;
				header_done = true;
			}
			r = new_row(t, RROW_BODY, gr->row->code);
			put(t, r, 0, row_label(gr->row, doc->english), 1, 1, true)->code = gr->row->code;
			put_values(t, r, 1, g, gr, vals, doc->has[0]);
		}
	}
}

/* The depth of a catalog row: the number of its enclosing group rows. */
static int
row_depth(const GiRow *row, int mask)
{
	int			depth = 0;

	while (row->parent != NULL)
	{
		row = gi_find_row(row->part, mask == GI_IN_2019 ? GI_FORMAT_2019 : GI_FORMAT_2021, row->parent);
		depth++;
	}
	return depth;
}

/* Whether a catalog row lies inside the group row code (at any depth). */
static bool
row_inside(const GiRow *row, const char *code, int format)
{
	while (row->parent != NULL)
	{
		if (strcmp(row->parent, code) == 0)
			return true;
		row = gi_find_row(row->part, format, row->parent);
	}
	return false;
}

/*
 * Table 三: the column check and 申请人情况 over the applicant columns (自然人,
 * 法人或其他组织 over its five, 总计); on the left each group row (三、本年度办理结果,
 * （三）不予公开, …) spans the rows inside it, and each row spans the label
 * columns its depth leaves free.
 */
static void
build_table3(RDoc *doc, RTable *t)
{
	const GiGrid *g = gi_layout_grid(GI_FIG_REQUEST, doc->format);
	int			mask = gi_format_mask(doc->format);
	int			nstub = 1;
	int			nvals = g->rows[0].ncols;
	int			h0,
				h1,
				h2;

	FOR_PART_ROWS(row, 3, mask)
		nstub = Max(nstub, row_depth(row, mask) + 1);
	t->nstub = nstub;
	t->ncols = nstub + nvals;

	/* the header: three rows */
	h0 = new_row(t, RROW_HEAD, NULL);
	h1 = new_row(t, RROW_HEAD, NULL);
	h2 = new_row(t, RROW_HEAD, NULL);
	put(t, h0, 0, doc->english ? T3_CORNER_EN : T3_CORNER_ZH, 3, nstub, true);
	put(t, h0, nstub, doc->english ? T3_APPLICANTS_EN : T3_APPLICANTS_ZH, 1, nvals, true);
	for (int c = 0; c < nvals; c++)
	{
		const GiColumn *col = g->rows[0].cols[c];
		int			n = 0;

		if (col->group_zh == NULL)
		{
			put(t, h1, nstub + c, col_label(col, doc->english), 2, 1, true)->code = col->code;
			continue;
		}
		put(t, h2, nstub + c, col_label(col, doc->english), 1, 1, true)->code = col->code;
		if (c > 0 && g->rows[0].cols[c - 1]->group_zh != NULL &&
			strcmp(g->rows[0].cols[c - 1]->group_zh, col->group_zh) == 0)
			continue;
		while (c + n < nvals && g->rows[0].cols[c + n]->group_zh != NULL &&
			   strcmp(g->rows[0].cols[c + n]->group_zh, col->group_zh) == 0)
			n++;
		put(t, h1, nstub + c, doc->english ? T3_ORG_EN : col->group_zh, 1, n, true);
	}

	/* the body: one row per data or sum row; group rows span the rows inside them */
	FOR_PART_ROWS(row, 3, mask)
	{
		const GiGridRow *gr;
		int			depth,
					r;

		if (row->kind == GI_ROW_GROUP)
			continue;
		gr = gi_grid_find_row(g, row->code);
		depth = row_depth(row, mask);
		r = new_row(t, RROW_BODY, row->code);
		/* every group that starts here: this row is the first inside it */
		for (const GiRow *grp = gi_rows; grp < row; grp++)
		{
			int			n = 0;
			bool		first = true;

			if (grp->part != 3 || !(grp->formats & mask) || grp->kind != GI_ROW_GROUP ||
				!row_inside(row, grp->code, doc->format))
				continue;
			for (const GiRow *o = grp + 1; o < row; o++)
				if ((o->formats & mask) && o->kind != GI_ROW_GROUP && row_inside(o, grp->code, doc->format))
					first = false;
			if (!first)
				continue;
			FOR_PART_ROWS(o, 3, mask)
				if (o->kind != GI_ROW_GROUP && row_inside(o, grp->code, doc->format))
					n++;
			put(t, r, row_depth(grp, mask), row_label(grp, doc->english), n, 1, true)->code = grp->code;
		}
		put(t, r, depth, row_label(row, doc->english), 1, nstub - depth, true)->code = row->code;
		put_values(t, r, nstub, g, gr, &doc->vals[1], doc->has[1]);
	}
}

/*
 * Table 四: 行政复议 and 行政诉讼 over their groups (a group label 行政诉讼·复议后起诉
 * is the header 行政诉讼 over the sub-header 复议后起诉), the five result columns
 * under each, and one row of values.
 */
static void
build_table4(RDoc *doc, RTable *t)
{
	const GiGrid *g = gi_layout_grid(GI_FIG_APPEAL, 0);
	int			h0,
				h1,
				h2,
				r,
				c0 = 0;
	const char *prev_prefix = NULL;
	int			prev_at = -1;

	t->nstub = 0;
	for (int i = 0; i < g->nrows; i++)
		t->ncols += g->rows[i].ncols;
	h0 = new_row(t, RROW_HEAD, NULL);
	h1 = new_row(t, RROW_HEAD, NULL);
	h2 = new_row(t, RROW_HEAD, NULL);
	r = new_row(t, RROW_BODY, NULL);
	for (int i = 0; i < g->nrows; i++)
	{
		const GiGridRow *gr = &g->rows[i];
		const char *dot = strstr(gr->row->label_zh, MIDDLE_DOT);
		int			n = gr->ncols;

		if (dot == NULL)
		{
			put(t, h0, c0, row_label(gr->row, doc->english), 1, n, true)->code = gr->row->code;
			for (int c = 0; c < n; c++)
				put(t, h1, c0 + c, col_label(gr->cols[c], doc->english), 2, 1, true)->code =
					psprintf("%s.%s", gr->row->code, gr->cols[c]->code);
			prev_prefix = NULL;
		}
		else
		{
			char	   *prefix = pnstrdup(gr->row->label_zh, dot - gr->row->label_zh);

			if (prev_prefix != NULL && strcmp(prev_prefix, prefix) == 0)
			{
				/* widen the previous group's header over this group */
				RCell	   *x = &t->cell[h0][prev_at];

				x->colspan += n;
				for (int c = 0; c < n; c++)
					t->cell[h0][c0 + c].covered = true;
			}
			else
			{
				put(t, h0, c0, doc->english ? T4_SUIT_EN : prefix, 1, n, true);
				prev_prefix = prefix;
				prev_at = c0;
			}
			put(t, h1, c0, doc->english ? gr->row->label_en : dot + strlen(MIDDLE_DOT), 1, n, true)->code =
				gr->row->code;
			for (int c = 0; c < n; c++)
				put(t, h2, c0 + c, col_label(gr->cols[c], doc->english), 1, 1, true)->code =
					psprintf("%s.%s", gr->row->code, gr->cols[c]->code);
		}
		for (int c = 0; c < n; c++)
			put(t, r, c0 + c, value_text(g, &doc->vals[2], doc->has[2], gr->first + c), 1, 1, false)->code =
				psprintf("%s.%s", gr->row->code, gr->cols[c]->code);
		c0 += n;
	}
}

/* Lay out the three tables of a document. */
void
r_build_tables(RDoc *doc)
{
	memset(doc->tables, 0, sizeof(doc->tables));
	doc->tables[0].part = 2;
	doc->tables[1].part = 3;
	doc->tables[2].part = 4;
	build_table2(doc, &doc->tables[0]);
	build_table3(doc, &doc->tables[1]);
	build_table4(doc, &doc->tables[2]);
}
