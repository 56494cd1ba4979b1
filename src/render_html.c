/*
 * render_html.c — the report as one self-contained HTML page: inline CSS with
 * a print stylesheet for A4 and a CJK font stack for Windows, macOS and Linux
 * readers, the tables with the official rowspans and colspans, and two inline
 * SVG charts (applications by outcome; new, carried and handled by year).
 * No script and no external resource.
 */
#include "postgres.h"

#include "render.h"

static const char *const css =
"@page{size:A4;margin:18mm 15mm}"
"body{font-family:\"Microsoft YaHei\",\"PingFang SC\",\"Hiragino Sans GB\",\"Noto Sans CJK SC\","
"\"Source Han Sans SC\",\"WenQuanYi Micro Hei\",\"WenQuanYi Zen Hei\",SimSun,\"Songti SC\",sans-serif;"
"color:#111;background:#fff;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.6}"
"h1{text-align:center;font-size:1.5em;margin:.5em 0}"
"h2{font-size:1.15em;margin:1.6em 0 .6em}"
".meta{text-align:center;color:#555;font-size:.9em}"
".intro,.part p{text-indent:2em}"
".missing{color:#777}"
"table{border-collapse:collapse;width:100%;font-size:.85em;margin:.8em 0}"
"th,td{border:1px solid #444;padding:.25em .4em}"
"th{font-weight:normal;background:#f3f3f3;text-align:center}"
"th.label{text-align:left}"
".t3 th.col{white-space:nowrap}"
"th.caption{background:#e4e9f0;font-weight:bold;text-align:left}"
"td{text-align:right;min-width:2.2em}"
"figure{margin:1em 0}"
"figcaption{font-size:.9em;color:#333}"
"svg{max-width:100%;height:auto}"
"svg text{font-size:12px}"
"@media print{body{margin:0;max-width:none;padding:0;font-size:10.5pt}"
"th,th.caption{background:none}table,figure{page-break-inside:avoid}h2{page-break-after:avoid}}";

/* Append UTF-8 text with the HTML special characters escaped. */
static void
esc(StringInfo out, const char *s)
{
	for (; s && *s; s++)
	{
		switch (*s)
		{
			case '&':
				appendStringInfoString(out, "&amp;");
				break;
			case '<':
				appendStringInfoString(out, "&lt;");
				break;
			case '>':
				appendStringInfoString(out, "&gt;");
				break;
			case '"':
				appendStringInfoString(out, "&quot;");
				break;
			default:
				appendStringInfoChar(out, *s);
		}
	}
}

/* One table with its merged cells. */
static void
html_table(StringInfo out, const RTable *t)
{
	appendStringInfo(out, "<table class=\"t%d\" data-part=\"%d\">\n", t->part, t->part);
	for (int r = 0; r < t->nrows; r++)
	{
		if (t->row_code[r])
			appendStringInfo(out, "<tr data-row=\"%s\">", t->row_code[r]);
		else
			appendStringInfoString(out, "<tr>");
		for (int c = 0; c < t->ncols; c++)
		{
			const RCell *x = &t->cell[r][c];
			const char *tag = x->head ? "th" : "td";

			if (x->covered || x->rowspan == 0)
				continue;
			appendStringInfo(out, "<%s", tag);
			if (t->kind[r] == RROW_CAPTION)
				appendStringInfoString(out, " class=\"caption\"");
			else if (x->head && t->kind[r] == RROW_BODY)
				appendStringInfoString(out, " class=\"label\"");
			else if (x->head && x->code)
				appendStringInfoString(out, " class=\"col\"");
			if (x->rowspan > 1)
				appendStringInfo(out, " rowspan=\"%d\"", x->rowspan);
			if (x->colspan > 1)
				appendStringInfo(out, " colspan=\"%d\"", x->colspan);
			if (x->code)
				appendStringInfo(out, " data-code=\"%s\"", x->code);
			appendStringInfoChar(out, '>');
			esc(out, x->text);
			appendStringInfo(out, "</%s>", tag);
		}
		appendStringInfoString(out, "</tr>\n");
	}
	appendStringInfoString(out, "</table>\n");
}

/* A stored text as paragraphs, one per non-empty line. */
static void
html_text(StringInfo out, const RDoc *doc, const char *text)
{
	const char *p = text;

	if (text == NULL || *text == '\0')
	{
		appendStringInfo(out, "<p class=\"missing\">%s</p>\n", r_missing(doc));
		return;
	}
	while (*p)
	{
		const char *end = strchr(p, '\n');
		int			len = end ? end - p : (int) strlen(p);
		char	   *line = pnstrdup(p, len);

		if (strspn(line, " \t\r") < (size_t) len)
		{
			appendStringInfoString(out, "<p>");
			esc(out, line);
			appendStringInfoString(out, "</p>\n");
		}
		p += len + (end ? 1 : 0);
	}
}

/* Chart 1: the applications handled in the year by outcome, one bar per non-zero outcome. */
static void
chart_outcomes(StringInfo out, const RDoc *doc)
{
	const GiGrid *g = gi_layout_grid(GI_FIG_REQUEST, doc->format);
	int			n = 0;
	int64		max = 0;
	int			y = 8;
	int			height;

	for (int i = 0; doc->has[1] && i < g->nrows; i++)
	{
		const GiGridRow *gr = &g->rows[i];
		int64		v = doc->vals[1].v[gr->first + gi_grid_find_col(gr, "total")];

		if (gr->row->kind == GI_ROW_DATA && gr->row->parent != NULL && v > 0)
		{
			n++;
			max = Max(max, v);
		}
	}
	height = n > 0 ? 16 + n * 36 : 40;
	appendStringInfo(out, "<figure><svg id=\"chart-outcomes\" xmlns=\"http://www.w3.org/2000/svg\" "
					 "width=\"640\" height=\"%d\" viewBox=\"0 0 640 %d\" role=\"img\">\n", height, height);
	if (n == 0)
		appendStringInfo(out, "<text x=\"10\" y=\"24\" fill=\"#555\">%s</text>\n",
						 doc->english ? "No application was handled this year." : "本年度没有办结的申请。");
	for (int i = 0; n > 0 && i < g->nrows; i++)
	{
		const GiGridRow *gr = &g->rows[i];
		int64		v = doc->vals[1].v[gr->first + gi_grid_find_col(gr, "total")];
		int			w;
		const char *label = doc->english ? gr->row->label_en : gr->row->label_zh;

		if (!(gr->row->kind == GI_ROW_DATA && gr->row->parent != NULL && v > 0))
			continue;
		w = (int) Max(2, v * 520 / max);
		appendStringInfo(out, "<text x=\"10\" y=\"%d\">%s ", y + 12, gr->row->code);
		esc(out, label);
		appendStringInfo(out, "</text>\n<rect class=\"mark\" data-row=\"%s\" data-value=\"" INT64_FORMAT
						 "\" x=\"10\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"#4e79a7\"><title>",
						 gr->row->code, v, y + 17, w);
		esc(out, label);
		appendStringInfo(out, ": " INT64_FORMAT "</title></rect>\n<text x=\"%d\" y=\"%d\">" INT64_FORMAT "</text>\n",
						 v, 16 + w, y + 29, v);
		y += 36;
	}
	appendStringInfo(out, "</svg><figcaption>%s</figcaption></figure>\n",
					 doc->english ? "Applications handled this year by outcome (total column)" :
					 "本年度办理结果（总计列）");
}

/* Chart 2: new, carried-over and handled applications over the last stored years. */
static void
chart_trend(StringInfo out, const RDoc *doc)
{
	static const char *const series[3] = {"new", "carried", "handled"};
	static const char *const colors[3] = {"#4e79a7", "#f28e2b", "#59a14f"};
	const char *names_zh[3] = {"本年新收", "上年结转", "本年办结"};
	const char *names_en[3] = {"new", "carried over", "handled"};
	int64		max = 0;
	int			group;

	for (int i = 0; i < doc->nhist; i++)
		for (int s = 0; s < 3; s++)
			max = Max(max, doc->hist[i][s]);
	group = doc->nhist > 0 ? 570 / doc->nhist : 570;
	appendStringInfoString(out, "<figure><svg id=\"chart-trend\" xmlns=\"http://www.w3.org/2000/svg\" "
						   "width=\"640\" height=\"230\" viewBox=\"0 0 640 230\" role=\"img\">\n"
						   "<line x1=\"50\" y1=\"170\" x2=\"620\" y2=\"170\" stroke=\"#444\"/>\n");
	for (int i = 0; i < doc->nhist; i++)
	{
		int			x0 = 50 + i * group;
		int			bw = group / 4;

		appendStringInfo(out, "<text x=\"%d\" y=\"186\" text-anchor=\"middle\">%d</text>\n",
						 x0 + group / 2, doc->hist_year[i]);
		for (int s = 0; s < 3; s++)
		{
			int64		v = doc->hist[i][s];
			int			h = max > 0 && v > 0 ? (int) Max(1, v * 140 / max) : 0;
			int			x = x0 + bw / 2 + s * bw;

			if (v > 0)
				appendStringInfo(out, "<rect class=\"mark\" data-series=\"%s\" data-year=\"%d\" data-value=\""
								 INT64_FORMAT "\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
								 "<title>%d %s: " INT64_FORMAT "</title></rect>\n",
								 series[s], doc->hist_year[i], v, x, 170 - h, bw - 2, h, colors[s],
								 doc->hist_year[i], doc->english ? names_en[s] : names_zh[s], v);
			if (v != GI_BLANK)
				appendStringInfo(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">" INT64_FORMAT "</text>\n",
								 x + bw / 2 - 1, 166 - h, v);
		}
	}
	if (max <= 0)
		appendStringInfo(out, "<text x=\"335\" y=\"100\" text-anchor=\"middle\" fill=\"#555\">%s</text>\n",
						 doc->english ? "No application in these years." : "这些年度没有收到、结转或办结的申请。");
	for (int s = 0; s < 3; s++)
		appendStringInfo(out, "<rect x=\"%d\" y=\"206\" width=\"12\" height=\"12\" fill=\"%s\"/>"
						 "<text x=\"%d\" y=\"217\">%s</text>\n",
						 60 + s * 150, colors[s], 78 + s * 150, doc->english ? names_en[s] : names_zh[s]);
	appendStringInfo(out, "</svg><figcaption>%s</figcaption></figure>\n",
					 doc->english ? "Applications new, carried over and handled, last stored years (total column)" :
					 "近年申请的新收、结转与办结情况（总计列）");
}

/* The whole page. */
void
r_html(StringInfo out, RDoc *doc)
{
	const char *title = r_title(doc);

	appendStringInfo(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
					 doc->english ? "en" : "zh-CN");
	esc(out, title);
	appendStringInfo(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<article class=\"report\" data-agency=\"", css);
	esc(out, doc->agency_code);
	appendStringInfo(out, "\" data-year=\"%d\" data-format=\"%d\" data-source=\"%s\">\n<h1>",
					 doc->year, doc->format, doc->source);
	esc(out, title);
	appendStringInfoString(out, "</h1>\n<p class=\"meta\">");
	esc(out, r_source_line(doc));
	appendStringInfoString(out, "</p>\n<p class=\"intro\">");
	esc(out, r_intro(doc));
	appendStringInfoString(out, "</p>\n");
	for (int part = 1; part <= 6; part++)
	{
		appendStringInfo(out, "<section class=\"part\" id=\"part%d\">\n<h2>", part);
		esc(out, r_section_heading(doc->format, part, doc->english));
		appendStringInfoString(out, "</h2>\n");
		if (part == 1 || part >= 5)
			html_text(out, doc, doc->texts[part == 1 ? 0 : part - 4]);
		else
		{
			if (!doc->has[part - 2])
				appendStringInfo(out, "<p class=\"missing\">%s</p>\n", r_missing(doc));
			html_table(out, &doc->tables[part - 2]);
			if (part == 3)
			{
				chart_outcomes(out, doc);
				chart_trend(out, doc);
			}
		}
		appendStringInfoString(out, "</section>\n");
	}
	appendStringInfoString(out, "</article>\n</body>\n</html>\n");
}
