/*
 * parse_doc.c — the document around the tables: the title, the agency as
 * printed, the report year, the date of publication, the headings of parts
 * 一 … 六 and the narrative text of parts 一, 五 and 六, and the figures
 * quoted in the narrative that contradict the tables.
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "utils/datetime.h"

#include "parse.h"

/* Words one of which a heading of each part holds after its numeral. */
static const char *const part_words[7][5] = {
	{NULL},
	{"总体情况", "概述", "总体", "基本情况", NULL},
	{"主动公开", NULL},
	{"收到和处理", "依申请", "申请情况", NULL},
	{"行政复议", "行政诉讼", NULL},
	{"存在的主要问题", "问题", "改进", NULL},
	{"其他需要报告", "其他事项", "其他需要", NULL},
};

static const char *const numerals[7] = {NULL, "一", "二", "三", "四", "五", "六"};

/* Find the first occurrence of needle in [s, s + len), or NULL. */
static const char *
find_in(const char *s, int len, const char *needle)
{
	int			n = strlen(needle);

	for (int i = 0; i + n <= len; i++)
		if (s[i] == needle[0] && memcmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

/*
 * Whether a heading of part k starts at t[pos] (its numeral): the numeral, a
 * mark (、 . or a space) and, within the next few characters of the same
 * sentence, one of the part's words.  Sets *body to the end of the heading.
 */
static bool
heading_at(GiParse *p, int k, int pos, int *body)
{
	const char *t = p->text;
	int			i = pos + 3;
	int			lim;
	int			kw_end = -1;

	if (i < p->len && gi_strneq(t + i, "、", 3))
		i += 3;
	else if (i < p->len && (t[i] == '.' || t[i] == ' '))
		i++;
	else
		return false;
	/* the same sentence: up to 90 bytes (about 30 characters) */
	lim = i;
	while (lim < p->len && lim < i + 90 && t[lim] != '\n' && t[lim] != '|' &&
		   !gi_strneq(t + lim, "。", 3) && !gi_isdigit(t[lim]))
		lim++;
	for (int w = 0; part_words[k][w]; w++)
	{
		const char *f = find_in(t + i, lim - i, part_words[k][w]);

		if (f)
		{
			kw_end = (f - t) + strlen(part_words[k][w]);
			break;
		}
	}
	if (kw_end < 0)
		return false;
	/* the heading runs to the end of its line when that is short, else to 情况/事项 */
	{
		int			eol = kw_end;

		while (eol < p->len && t[eol] != '\n' && eol - pos < 120)
			eol++;
		if (eol < p->len && t[eol] == '\n')
			*body = eol;
		else
		{
			const char *q = find_in(t + kw_end, Min(p->len - kw_end, 36), "情况");
			const char *r = find_in(t + kw_end, Min(p->len - kw_end, 36), "事项");

			if (q == NULL || (r && r < q))
				q = r;
			*body = q ? (q - t) + 6 : kw_end;
		}
	}
	return true;
}

/* Find the headings of parts 一 … 六, in order. */
static void
find_parts(GiParse *p)
{
	int			from = 0;
	int			last = 0;

	for (int k = 1; k <= 6; k++)
	{
		p->head[k] = p->body[k] = p->end[k] = -1;
		for (const char *f = gi_memfind(p->text + from, p->len - from, numerals[k], 3); f != NULL;
			 f = gi_memfind(f + 1, p->text + p->len - f - 1, numerals[k], 3))
		{
			int			i = f - p->text;
			int			body;

			if (heading_at(p, k, i, &body))
			{
				p->head[k] = i;
				p->body[k] = body;
				from = body;
				break;
			}
		}
	}
	/* each part ends where the next part found begins */
	for (int k = 6; k >= 1; k--)
	{
		if (p->head[k] < 0)
			continue;
		p->end[k] = p->len;
		for (int j = k + 1; j <= 6; j++)
			if (p->head[j] >= 0)
			{
				p->end[k] = p->head[j];
				break;
			}
		last = Max(last, k);
	}
	(void) last;
}

/* The value of the crawler header field name ("标题:"), or NULL; at [*from, *to) of the text. */
static char *
header_field_at(GiParse *p, const char *name, int *from, int *to)
{
	int			n = strlen(name);
	int			lim = Min(p->len, 4000);

	for (int i = 0; i + n <= lim; i++)
	{
		if (i > 0 && p->text[i - 1] != '\n')
		{
			/* to the start of the next line */
			const char *nl = memchr(p->text + i, '\n', lim - i);

			if (nl == NULL)
				break;
			i = nl - p->text;	/* the loop steps past the \n */
			continue;
		}
		if (gi_strneq(p->text + i, name, n))
		{
			int			a = i + n;
			int			b = a;

			while (a < p->len && p->text[a] == ' ')
				a++;
			b = a;
			while (b < p->len && p->text[b] != '\n')
				b++;
			while (b > a && p->text[b - 1] == ' ')
				b--;
			*from = a;
			*to = b;
			return pnstrdup(p->text + a, b - a);
		}
	}
	return NULL;
}

/* The value of the crawler header field name ("发布时间:"), or NULL. */
static char *
header_field(GiParse *p, const char *name)
{
	int			from,
				to;

	return header_field_at(p, name, &from, &to);
}

/* Read a date at s ("2022年1月20日", "2022-01-20", "2022/1/20", "2022.01.20"); 0 if none. */
static int
date_at(const char *s, int len, int *y, int *m, int *d)
{
	int			i = 0;
	int			v[3] = {0, 0, 0};

	for (int f = 0; f < 3; f++)
	{
		int			start = i;

		while (i < len && gi_isdigit(s[i]) && i - start < (f == 0 ? 4 : 2))
			v[f] = v[f] * 10 + (s[i++] - '0');
		if (i == start || (f == 0 && i - start != 4))
			return 0;
		if (f == 0 && i < len && gi_isdigit(s[i]))
			return 0;
		if (f < 2)
		{
			if (i + 3 <= len && (gi_strneq(s + i, "年", 3) || gi_strneq(s + i, "月", 3)))
				i += 3;
			else if (i < len && (s[i] == '-' || s[i] == '/' || s[i] == '.'))
				i++;
			else
				return 0;
		}
	}
	if (i + 3 <= len && gi_strneq(s + i, "日", 3))
		i += 3;
	if (v[0] < 2000 || v[0] > 2100 || v[1] < 1 || v[1] > 12 || v[2] < 1 ||
		v[2] > day_tab[isleap(v[0])][v[1] - 1])
		return 0;
	*y = v[0];
	*m = v[1];
	*d = v[2];
	return i;
}

/* The value of a Chinese digit (〇 零 一 … 九) at s, or -1; *n its length. */
static int
cn_digit(const char *s, int len)
{
	static const char *const d[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

	if (len >= 3 && gi_strneq(s, "零", 3))
		return 0;
	for (int i = 0; i < 10; i++)
		if (len >= 3 && gi_strneq(s, d[i], 3))
			return i;
	return -1;
}

/* A number 1 … 31 in Chinese numerals (一, 十二, 二十一, 三十) at s; its length in *n; -1 if none. */
static int
cn_small(const char *s, int len, int *n)
{
	int			v = 0,
				i = 0,
				d;
	bool		ten = false;

	if ((d = cn_digit(s, len)) > 0)
	{
		v = d;
		i = 3;
	}
	if (i + 3 <= len && gi_strneq(s + i, "十", 3))
	{
		v = (i == 0 ? 1 : v) * 10;
		i += 3;
		ten = true;
		if ((d = cn_digit(s + i, len - i)) > 0)
		{
			v += d;
			i += 3;
		}
	}
	*n = i;
	return (i > 0 && (ten || v > 0)) ? v : -1;
}

/* A date in Chinese numerals at s (二〇二一年一月十二日); its length, or 0. */
static int
cn_date_at(const char *s, int len, int *y, int *m, int *d)
{
	int			i = 0,
				v = 0,
				n;

	for (int k = 0; k < 4; k++, i += 3)
	{
		int			x = cn_digit(s + i, len - i);

		if (x < 0)
			return 0;
		v = v * 10 + x;
	}
	if (i + 3 > len || !gi_strneq(s + i, "年", 3))
		return 0;
	*y = v;
	i += 3;
	if ((*m = cn_small(s + i, len - i, &n)) < 1 || *m > 12)
		return 0;
	i += n;
	if (i + 3 > len || !gi_strneq(s + i, "月", 3))
		return 0;
	i += 3;
	if ((*d = cn_small(s + i, len - i, &n)) < 1)
		return 0;
	i += n;
	if (*y < 2000 || *y > 2100 || *d > day_tab[isleap(*y)][*m - 1])
		return 0;
	if (i + 3 <= len && gi_strneq(s + i, "日", 3))
		i += 3;
	return i;
}

/* The date of publication: a crawler header's date, else the last date near the end. */
static void
find_published_on(GiParse *p)
{
	static const char *const fields[] = {"发布时间:", "发布日期:", "发文日期:", "成文日期:", "日期:", "时间:"};
	int			from;

	for (int f = 0; f < (int) lengthof(fields); f++)
	{
		char	   *v = header_field(p, fields[f]);

		if (v && date_at(v, strlen(v), &p->pub_y, &p->pub_m, &p->pub_d) > 0)
			return;
	}
	/* the signature block: after the last part's heading and in the last 300 bytes */
	from = Max(0, p->len - 300);
	if (p->body[6] >= 0)
		from = Max(from, p->body[6]);
	for (int i = from; i < p->len; i++)
	{
		int			y,
					m,
					d;
		int			n;

		if ((unsigned char) p->text[i] >= 0xE4 &&
			(n = cn_date_at(p->text + i, p->len - i, &y, &m, &d)) > 0)
		{
			p->pub_y = y;
			p->pub_m = m;
			p->pub_d = d;
			i += n - 1;
			continue;
		}
		if (!gi_isdigit(p->text[i]) || (i > 0 && gi_isdigit(p->text[i - 1])))
			continue;
		if ((n = date_at(p->text + i, p->len - i, &y, &m, &d)) > 0)
		{
			/* not the end of a period ("至2021年12月31日") */
			if (i >= 3 && gi_strneq(p->text + i - 3, "至", 3))
				continue;
			p->pub_y = y;
			p->pub_m = m;
			p->pub_d = d;
			i += n - 1;
		}
	}
}

/* The first four-digit year 2000-2100 followed by 年 in [s, s + len), or 0; *at its offset. */
static int
year_in(const char *s, int len, int *at)
{
	for (int i = 0; i + 7 <= len; i++)
		if (gi_isdigit(s[i]) && (i == 0 || !gi_isdigit(s[i - 1])) &&
			gi_isdigit(s[i + 1]) && gi_isdigit(s[i + 2]) &&
			gi_isdigit(s[i + 3]) && gi_strneq(s + i + 4, "年", 3))
		{
			int			y = atoi(pnstrdup(s + i, 4));

			if (y >= 2000 && y <= 2100)
			{
				*at = i;
				return y;
			}
		}
	return 0;
}

/* The title: the crawler's 标题, else the first line naming a report. */
static void
find_title(GiParse *p)
{
	int			i = 0;
	int			lines = 0;
	int			first_a = -1,
				first_b = -1;
	int			nameless_a = -1,
				nameless_b = -1;

	p->title_norm = header_field_at(p, "标题:", &p->title_a, &p->title_b);
	if (p->title_norm)
		return;
	while (i < p->len && lines < 12)
	{
		int			a = i,
					b;

		while (i < p->len && p->text[i] != '\n')
			i++;
		b = i++;
		while (a < b && p->text[a] == ' ')
			a++;
		if (b == a)
			continue;
		lines++;
		if (first_a < 0 && b - a < 200)
		{
			first_a = a;
			first_b = b;
		}
		if (b - a < 240 && (find_in(p->text + a, b - a, "年度报告") || find_in(p->text + a, b - a, "工作报告")))
		{
			const char *end = find_in(p->text + a, b - a, "报告");
			int			at;

			/* a line naming no year (a page's breadcrumb 首页>…>年度报告): a later one may be the title */
			if (year_in(p->text + a, b - a, &at) <= 0)
			{
				if (nameless_a < 0)
				{
					nameless_a = a;
					nameless_b = end ? (end - p->text) + 6 : b;
				}
				continue;
			}
			p->title_a = a;
			p->title_b = end ? (end - p->text) + 6 : b;
			p->title_squashed = true;
			p->title_norm = gi_parse_squash_space(p->text + a, p->title_b - a);
			return;
		}
	}
	if (nameless_a >= 0)
	{
		first_a = nameless_a;
		first_b = nameless_b;
	}
	if (first_a >= 0 && (p->head[1] != 0 || nameless_a >= 0))
	{
		p->title_a = first_a;
		p->title_b = first_b;
		p->title_squashed = true;
		p->title_norm = gi_parse_squash_space(p->text + first_a, first_b - first_a);
	}
}

/* The text [a, b) of the normalized document as published (simplified, punctuation as printed). */
static char *
published_range(GiParse *p, int a, int b)
{
	int			from = gi_parse_source_offset(p->src, p->srclen, &p->map, a);
	int			to = gi_parse_source_offset(p->src, p->srclen, &p->map, b);
	int			len;

	return gi_parse_published_text(p->src + from, to - from, &len);
}

/*
 * The title and the agency as printed: the same stretches of the source as
 * were read in the normalized text, with their punctuation as published.
 * agency_at/agency_len locate the agency in title_norm (agency_len 0: none).
 */
static void
title_as_printed(GiParse *p, int agency_at, int agency_len)
{
	char	   *t;
	int		   *map = NULL;
	int			da,
				db;

	if (p->title_norm == NULL)
		return;
	t = published_range(p, p->title_a, p->title_b);
	p->title = p->title_squashed ? gi_parse_squash_space(t, strlen(t)) : t;
	if (agency_len <= 0)
		return;
	if (p->title_squashed)
	{
		/* the squashed title's offsets back to the text */
		(void) gi_parse_squash_space_map(p->text + p->title_a, p->title_b - p->title_a, &map);
		da = p->title_a + map[agency_at];
		db = p->title_a + map[agency_at + agency_len - 1] + 1;
	}
	else
	{
		da = p->title_a + agency_at;
		db = da + agency_len;
	}
	t = published_range(p, da, db);
	p->agency = gi_parse_squash_space(t, strlen(t));
}

/* Strip a prefix word from s in place (returns the rest). */
static const char *
strip_prefix(const char *s, const char *word)
{
	return gi_strneq(s, word, strlen(word)) ? s + strlen(word) : s;
}

/*
 * The agency: the title before its year, or before 政府信息公开.  Sets
 * *agency_at and *agency_len to where it stands in title_norm (length 0 when
 * not found).
 */
static void
find_agency(GiParse *p, int *agency_at, int *agency_len)
{
	const char *t = p->title_norm;
	int			at;
	char	   *name = NULL;
	int			name_at = 0;

	*agency_at = *agency_len = 0;
	if (t != NULL)
	{
		int			tl = strlen(t);
		int			y = year_in(t, tl, &at);

		if (y > 0 && at > 0)
			name = pnstrdup(t, at);
		else
		{
			const char *g = find_in(t, tl, "政府信息公开");
			const char *start = t;

			if (y > 0)
			{
				start = t + at + 7;
				start = strip_prefix(start, "度");
			}
			if (g && g > start)
			{
				name = pnstrdup(start, g - start);
				name_at = start - t;
			}
		}
	}
	if (name)
	{
		const char *s = strip_prefix(name, "关于");
		int			n = strlen(s);

		/* 平山镇的, trailing spaces */
		while (n > 0 && s[n - 1] == ' ')
			n--;
		if (n >= 3 && gi_strneq(s + n - 3, "的", 3))
			n -= 3;
		if (n >= 6 && gi_strneq(s + n - 6, "关于", 6))
			n -= 6;
		if (n > 0)
		{
			*agency_at = name_at + (s - name);
			*agency_len = n;
			return;
		}
	}
	gi_parse_warn(p, "agency_unknown", 0, NULL, NULL, "the agency's name was not found in the title");
}

/* The report year: from the title, else the first "20xx年度" of the text. */
static void
find_year(GiParse *p)
{
	int			at;

	if (p->title_norm && (p->year = year_in(p->title_norm, strlen(p->title_norm), &at)) > 0)
		return;
	for (int i = 0; i + 10 <= Min(p->len, 20000); i++)
		if (gi_isdigit(p->text[i]) &&
			(p->year = year_in(p->text + i, 10, &at)) > 0 && at == 0 &&
			gi_strneq(p->text + i + 7, "度", 3))
			return;
	p->year = 0;
	gi_parse_warn(p, "year_unknown", 0, NULL, NULL, "the report year was not found");
}

/* The text of part k as published (simplified, white space normalized), or NULL when not found. */
static char *
part_text(GiParse *p, int k)
{
	int			from;
	int			to;
	int			len;
	char	   *text;

	if (p->head[k] < 0)
		return NULL;
	/* the same stretch of the source, with its punctuation as published */
	from = gi_parse_source_offset(p->src, p->srclen, &p->map, p->body[k]);
	to = gi_parse_source_offset(p->src, p->srclen, &p->map, p->end[k]);
	text = gi_parse_published_text(p->src + from, to - from, &len);
	return gi_parse_squash_space(text, len);
}

/*
 * Drop the signature from the end of part 六: a last line that is a date, and
 * before it a short line without a full stop (the agency's name).
 */
static void
strip_signature(char *s)
{
	for (int pass = 0; pass < 2; pass++)
	{
		char	   *nl = strrchr(s, '\n');
		char	   *last = nl ? nl + 1 : NULL;
		int			y,
					m,
					d;
		int			n;

		if (last == NULL)
			return;
		n = strlen(last);
		if ((n = date_at(last, n, &y, &m, &d)) > 0 && last[n] == '\0')
			*nl = '\0';
		else if (strlen(last) <= 60 && strstr(last, "。") == NULL && strstr(last, ";") == NULL &&
				 (strstr(last, "政府") || strstr(last, "局") || strstr(last, "办公室") ||
				  strstr(last, "委员会") || strstr(last, "办事处") || strstr(last, "中心")))
			*nl = '\0';
		else
			return;
	}
}

/* The official headings of parts 一 … 六 (without their numerals). */
static const char *const official_heading[7] = {NULL, "总体情况", "主动公开政府信息情况",
	"收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
"存在的主要问题及改进情况", "其他需要报告的事项"};

/* A heading printed on its own line within two characters of the official one: label_variant. */
static void
check_headings(GiParse *p)
{
	for (int k = 1; k <= 6; k++)
	{
		int			a,
					b;
		char	   *got,
				   *want;

		if (p->head[k] < 0 || p->body[k] >= p->len || p->text[p->body[k]] != '\n')
			continue;
		a = p->head[k] + 3;
		if (gi_strneq(p->text + a, "、", 3))
			a += 3;
		else
			a++;
		b = p->body[k];
		got = gi_label_key(p->text + a, b - a);
		want = gi_label_key(official_heading[k], strlen(official_heading[k]));
		if (strcmp(got, want) != 0 && gi_label_distance(got, want, 2) <= 2)
			gi_parse_warn(p, "label_variant", k >= 2 && k <= 4 ? k : 0, NULL, NULL,
						  "the heading of part %s printed as \"%s\", official \"%s\"",
						  numerals[k], got, official_heading[k]);
	}
}

/* Read everything outside the tables. */
void
gi_parse_doc(GiParse *p)
{
	int			agency_at,
				agency_len;

	find_parts(p);
	check_headings(p);
	find_title(p);
	find_year(p);
	find_agency(p, &agency_at, &agency_len);
	title_as_printed(p, agency_at, agency_len);
	find_published_on(p);
	p->overview = part_text(p, 1);
	p->problems = part_text(p, 5);
	/* part 六 ends before the signature (the agency and a date) */
	p->other_matters = part_text(p, 6);
	if (p->other_matters)
		strip_signature(p->other_matters);
	for (int k = 1; k <= 6; k++)
		if (p->head[k] < 0)
			gi_parse_warn(p, "part_missing", k >= 2 && k <= 4 ? k : 0, NULL, NULL,
						  "the heading of part %s was not found", numerals[k]);
}

/*
 * Figures quoted in the narrative that contradict the tables: the number of
 * requests in a sentence with 收到, 新收 or 受理 before 申请 (本年共收到政府信息
 * 公开申请21件), the first such sentence of the document.  收到 and 新收 count
 * new requests: the number must be row 一's 总计.  受理 is used by reports both
 * for the new requests and for the new plus the carried-over ones: the number
 * contradicts the table only when it is neither row 一's 总计 nor 一 + 二 (with
 * row 二 blank: only when it is less than row 一's 总计).
 */
void
gi_parse_narrative_checks(GiParse *p)
{
	static const char *const words[] = {"收到", "新收", "受理"};
	const GiGrid *g;
	int64		table;
	int64		carried;
	const char *hits[lengthof(words)];

	if (!p->req.found)
		return;
	g = gi_layout_grid(GI_FIG_REQUEST, p->req.format);
	table = p->req.vals.v[gi_grid_value_index(g, "1", "total")];
	carried = p->req.vals.v[gi_grid_value_index(g, "2", "total")];
	if (table == GI_BLANK)
		return;
	/* the occurrences of the words, in document order */
	for (int w = 0; w < (int) lengthof(words); w++)
		hits[w] = gi_memfind(p->text, p->len, words[w], 6);
	for (;;)
	{
		int			w = -1;
		const char *hit;
		int			i;
		int			lim,
					j,
					start;
		const char *ap;
		int64		n = 0;

		for (int x = 0; x < (int) lengthof(words); x++)
			if (hits[x] != NULL && (w < 0 || hits[x] < hits[w]))
				w = x;
		if (w < 0)
			return;
		hit = hits[w];
		i = hit - p->text;
		hits[w] = gi_memfind(hit + 1, p->len - i - 1, words[w], 6);
		lim = i + 6;
		while (lim < p->len && lim < i + 60 && p->text[lim] != '\n' && p->text[lim] != '|' &&
			   !gi_strneq(p->text + lim, "。", 3) && p->text[lim] != ',')
			lim++;
		ap = find_in(p->text + i, lim - i, "申请");
		if (ap == NULL)
			continue;
		j = (ap - p->text) + 6;
		while (j < lim && !gi_isdigit(p->text[j]))
			j++;
		/* the last 申请 before the number (受理依申请公开申请9件) */
		for (const char *q = ap; (q = find_in(q + 6, p->text + j - (q + 6), "申请")) != NULL;)
			ap = q;
		start = j;
		while (j < lim && gi_isdigit(p->text[j]) && j - start < 9)
			n = n * 10 + (p->text[j++] - '0');
		if (j > start)
			while (j < lim && p->text[j] == ' ')
				j++;			/* 申请 6 件 */
		if (j == start || j + 3 > p->len ||
			(!gi_strneq(p->text + j, "件", 3) && !gi_strneq(p->text + j, "份", 3) &&
			 !gi_strneq(p->text + j, "条", 3) && !gi_strneq(p->text + j, "个", 3)))
			continue;
		/* only a number within a few characters of 申请 (共, 为, 数量 …) */
		if (start - ((ap - p->text) + 6) > 12)
			continue;
		if (w < 2 && n != table)
			gi_parse_warn(p, "text_contradicts_table", 3, "1", "total",
						  "the text says %lld new requests, the table's row 一 总计 is %lld",
						  (long long) n, (long long) table);
		else if (w == 2 && n != table && carried != GI_BLANK && n != table + carried)
			gi_parse_warn(p, "text_contradicts_table", 3, "1", "total",
						  "the text says %lld requests accepted (受理), the table's row 一 总计 is %lld and 一 + 二 is %lld",
						  (long long) n, (long long) table, (long long) (table + carried));
		else if (w == 2 && carried == GI_BLANK && n < table)
			gi_parse_warn(p, "text_contradicts_table", 3, "1", "total",
						  "the text says %lld requests accepted (受理), fewer than the table's row 一 总计 %lld",
						  (long long) n, (long long) table);
		return;
	}
}
