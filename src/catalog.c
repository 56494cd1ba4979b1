/*
 * catalog.c — rows, columns, codes and official labels of tables 二, 三, 四.
 *
 * Codes are govinfo's own and stable across format versions; labels are the
 * official ones of 国办公开办函〔2021〕30号 and 〔2019〕60号.  doc/report-format.json
 * is the same data as published with the spec; test/catalog.sql checks that
 * this table and that file agree.
 */
#include "postgres.h"

#include "utils/memutils.h"

#include "catalog.h"
#include "soft_error.h"
#include "encoding.h"

#define G GI_ROW_GROUP
#define D GI_ROW_DATA
#define S GI_ROW_SUM

const GiRow gi_rows[] = {
	/* part 二, 2021 format (2019 rows that differ are listed separately) */
	{2, "2.1", "第二十条第（一）项", "Article 20, item (1)", G, NULL, GI_IN_ALL, -1},
	{2, "2.1.1", "规章", "government rules", D, "2.1", GI_IN_ALL, 0},
	{2, "2.1.2", "行政规范性文件", "administrative normative documents", D, "2.1", GI_IN_2021, 1},
	{2, "2.1.2", "规范性文件", "normative documents", D, "2.1", GI_IN_2019, -1},
	{2, "2.5", "第二十条第（五）项", "Article 20, item (5)", G, NULL, GI_IN_ALL, -1},
	{2, "2.5.1", "行政许可", "administrative licensing", D, "2.5", GI_IN_ALL, 2},
	{2, "2.5.2", "其他对外管理服务事项", "other external management and service matters", D, "2.5", GI_IN_2019, -1},
	{2, "2.6", "第二十条第（六）项", "Article 20, item (6)", G, NULL, GI_IN_ALL, -1},
	{2, "2.6.1", "行政处罚", "administrative penalties", D, "2.6", GI_IN_ALL, 3},
	{2, "2.6.2", "行政强制", "administrative coercive measures", D, "2.6", GI_IN_ALL, 4},
	{2, "2.8", "第二十条第（八）项", "Article 20, item (8)", G, NULL, GI_IN_ALL, -1},
	{2, "2.8.1", "行政事业性收费", "administrative fees", D, "2.8", GI_IN_ALL, 5},
	{2, "2.9", "第二十条第（九）项", "Article 20, item (9)", G, NULL, GI_IN_2019, -1},
	{2, "2.9.1", "政府集中采购", "centralised government procurement", D, "2.9", GI_IN_2019, -1},

	/* part 三 */
	{3, "1", "一、本年新收政府信息公开申请数量", "new this year", D, NULL, GI_IN_ALL, 0},
	{3, "2", "二、上年结转政府信息公开申请数量", "carried over from last year", D, NULL, GI_IN_ALL, 1},
	{3, "3", "三、本年度办理结果", "handled this year", G, NULL, GI_IN_ALL, -1},
	{3, "3.1", "（一）予以公开", "disclosed", D, "3", GI_IN_ALL, 2},
	{3, "3.2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partly disclosed", D, "3", GI_IN_ALL, 3},
	{3, "3.3", "（三）不予公开", "not disclosed", G, "3", GI_IN_ALL, -1},
	{3, "3.3.1", "1.属于国家秘密", "state secret", D, "3.3", GI_IN_ALL, 4},
	{3, "3.3.2", "2.其他法律行政法规禁止公开", "prohibited by other laws or regulations", D, "3.3", GI_IN_ALL, 5},
	{3, "3.3.3", "3.危及“三安全一稳定”", "endangers the three securities and one stability", D, "3.3", GI_IN_ALL, 6},
	{3, "3.3.4", "4.保护第三方合法权益", "protects third-party rights", D, "3.3", GI_IN_ALL, 7},
	{3, "3.3.5", "5.属于三类内部事务信息", "internal affairs (three kinds)", D, "3.3", GI_IN_ALL, 8},
	{3, "3.3.6", "6.属于四类过程性信息", "process information (four kinds)", D, "3.3", GI_IN_ALL, 9},
	{3, "3.3.7", "7.属于行政执法案卷", "administrative enforcement file", D, "3.3", GI_IN_ALL, 10},
	{3, "3.3.8", "8.属于行政查询事项", "administrative inquiry matter", D, "3.3", GI_IN_ALL, 11},
	{3, "3.4", "（四）无法提供", "cannot be provided", G, "3", GI_IN_ALL, -1},
	{3, "3.4.1", "1.本机关不掌握相关政府信息", "agency does not hold the information", D, "3.4", GI_IN_ALL, 12},
	{3, "3.4.2", "2.没有现成信息需要另行制作", "would require creating new information", D, "3.4", GI_IN_ALL, 13},
	{3, "3.4.3", "3.补正后申请内容仍不明确", "still unclear after correction", D, "3.4", GI_IN_ALL, 14},
	{3, "3.5", "（五）不予处理", "not processed", G, "3", GI_IN_ALL, -1},
	{3, "3.5.1", "1.信访举报投诉类申请", "petition, report or complaint", D, "3.5", GI_IN_ALL, 15},
	{3, "3.5.2", "2.重复申请", "repeated application", D, "3.5", GI_IN_ALL, 16},
	{3, "3.5.3", "3.要求提供公开出版物", "asks for published publications", D, "3.5", GI_IN_ALL, 17},
	{3, "3.5.4", "4.无正当理由大量反复申请", "many repeated applications without good reason", D, "3.5", GI_IN_ALL, 18},
	{3, "3.5.5", "5.要求行政机关确认或重新出具已获取信息", "asks to confirm or reissue information already obtained", D, "3.5", GI_IN_ALL, 19},
	{3, "3.6", "（六）其他处理", "other handling", G, "3", GI_IN_2021, -1},
	{3, "3.6", "（六）其他处理", "other handling", D, "3", GI_IN_2019, 20},
	{3, "3.6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "applicant did not correct in time; no longer processed", D, "3.6", GI_IN_2021, 20},
	{3, "3.6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "applicant did not pay the fee in time; no longer processed", D, "3.6", GI_IN_2021, 21},
	{3, "3.6.3", "3.其他", "other", D, "3.6", GI_IN_2021, 22},
	{3, "3.7", "（七）总计", "total handled", S, "3", GI_IN_ALL, 23},
	{3, "4", "四、结转下年度继续办理", "carried over to next year", D, NULL, GI_IN_ALL, 24},

	/* part 四: one row per group of columns */
	{4, "review", "行政复议", "administrative reconsideration", D, NULL, GI_IN_ALL, 0},
	{4, "suit", "行政诉讼·未经复议直接起诉", "lawsuit filed directly", D, NULL, GI_IN_ALL, 1},
	{4, "suit_after_review", "行政诉讼·复议后起诉", "lawsuit after reconsideration", D, NULL, GI_IN_ALL, 2},
};
const int	gi_nrows = lengthof(gi_rows);

#define ORG "法人或其他组织"

const GiColumn gi_columns[] = {
	/* part 二, 2021 */
	{2, "2.1", "issued", "本年制发件数", "issued this year", NULL, GI_IN_2021, false},
	{2, "2.1", "abolished", "本年废止件数", "abolished this year", NULL, GI_IN_2021, false},
	{2, "2.1", "in_force", "现行有效件数", "currently in force", NULL, GI_IN_2021, false},
	{2, "2.5", "decisions", "本年处理决定数量", "decisions this year", NULL, GI_IN_2021, false},
	{2, "2.6", "decisions", "本年处理决定数量", "decisions this year", NULL, GI_IN_2021, false},
	{2, "2.8", "amount", "本年收费金额（单位：万元）", "amount collected this year (10,000 yuan)", NULL, GI_IN_2021, false},
	/* part 二, 2019 */
	{2, "2.1", "new_made", "本年新制作数量", "newly made this year", NULL, GI_IN_2019, false},
	{2, "2.1", "new_published", "本年新公开数量", "newly published this year", NULL, GI_IN_2019, false},
	{2, "2.1", "total_published", "对外公开总数量", "total published", NULL, GI_IN_2019, false},
	{2, "2.5", "prev_items", "上一年项目数量", "items last year", NULL, GI_IN_2019, false},
	{2, "2.5", "delta", "本年增/减", "increase/decrease this year", NULL, GI_IN_2019, true},
	{2, "2.5", "decisions", "处理决定数量", "decisions", NULL, GI_IN_2019, false},
	{2, "2.6", "prev_items", "上一年项目数量", "items last year", NULL, GI_IN_2019, false},
	{2, "2.6", "delta", "本年增/减", "increase/decrease this year", NULL, GI_IN_2019, true},
	{2, "2.6", "decisions", "处理决定数量", "decisions", NULL, GI_IN_2019, false},
	{2, "2.8", "prev_items", "上一年项目数量", "items last year", NULL, GI_IN_2019, false},
	{2, "2.8", "delta", "本年增/减", "increase/decrease this year", NULL, GI_IN_2019, true},
	{2, "2.9", "count", "采购项目数量", "procurement projects", NULL, GI_IN_2019, false},
	{2, "2.9", "amount", "采购总金额", "total procurement amount", NULL, GI_IN_2019, false},
	/* part 三 */
	{3, NULL, "np", "自然人", "natural person", NULL, GI_IN_ALL, false},
	{3, NULL, "biz", "商业企业", "commercial enterprise", ORG, GI_IN_ALL, false},
	{3, NULL, "res", "科研机构", "research institution", ORG, GI_IN_ALL, false},
	{3, NULL, "npo", "社会公益组织", "public-interest organisation", ORG, GI_IN_ALL, false},
	{3, NULL, "law", "法律服务机构", "legal service organisation", ORG, GI_IN_ALL, false},
	{3, NULL, "oth", "其他", "other organisation", ORG, GI_IN_ALL, false},
	{3, NULL, "total", "总计", "total", NULL, GI_IN_ALL, false},
	/* part 四: the same five columns under each group row */
	{4, NULL, "upheld", "结果维持", "upheld", NULL, GI_IN_ALL, false},
	{4, NULL, "corrected", "结果纠正", "corrected", NULL, GI_IN_ALL, false},
	{4, NULL, "other", "其他结果", "other result", NULL, GI_IN_ALL, false},
	{4, NULL, "pending", "尚未审结", "not yet concluded", NULL, GI_IN_ALL, false},
	{4, NULL, "total", "总计", "total", NULL, GI_IN_ALL, false},
};
const int	gi_ncolumns = lengthof(gi_columns);

/* Map a format version to its GI_IN_* bit; 0 for an unknown version. */
int
gi_format_mask(int format)
{
	switch (format)
	{
		case GI_FORMAT_2019:
			return GI_IN_2019;
		case GI_FORMAT_2021:
			return GI_IN_2021;
		default:
			return 0;
	}
}

/* Parse a format name ('2019' or '2021'); unknown names are a user error. */
int
gi_parse_format(const char *text)
{
	return gi_parse_format_safe(text, NULL);
}

/* gi_parse_format(), reporting an unknown name through escontext (then 0). */
int
gi_parse_format_safe(const char *text, Node *escontext)
{
	if (strcmp(text, "2021") == 0)
		return GI_FORMAT_2021;
	if (strcmp(text, "2019") == 0)
		return GI_FORMAT_2019;
	ereturn(escontext, 0,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown report format \"%s\"", text),
			 errhint("Known formats are \"2019\" (report years 2019-2020) and \"2021\" (report years 2021 onward).")));
}

/* The format a report of the given year is written in by default. */
int
gi_default_format(int year)
{
	return year >= 2021 ? GI_FORMAT_2021 : GI_FORMAT_2019;
}

/* Find a row of a part by code in a format; NULL when there is none. */
const GiRow *
gi_find_row(int part, int format, const char *code)
{
	int			mask = gi_format_mask(format);

	for (int i = 0; i < gi_nrows; i++)
	{
		const GiRow *r = &gi_rows[i];

		if (r->part == part && (r->formats & mask) && strcmp(r->code, code) == 0)
			return r;
	}
	return NULL;
}

/* The SQL name of a row kind. */
const char *
gi_kind_name(GiRowKind kind)
{
	switch (kind)
	{
		case GI_ROW_DATA:
			return "data";
		case GI_ROW_GROUP:
			return "group";
		case GI_ROW_SUM:
			return "sum";
	}
	return NULL;
}

/* Pick the label in the requested language, in the database encoding. */
const char *
gi_label(const char *zh, const char *en, bool english)
{
	return english ? en : gi_zh(zh);
}

/* the Chinese labels in the database encoding, converted once per backend */
static const char *row_zh[lengthof(gi_rows)];
static const char *column_zh[lengthof(gi_columns)];
static const char *column_group_zh[lengthof(gi_columns)];

/* A label from a cache slot, converting and keeping it on first use. */
static const char *
cached_zh(const char **slot, const char *utf8)
{
	if (*slot == NULL && utf8 != NULL)
	{
		const char *s = gi_zh(utf8);

		*slot = (s == utf8) ? utf8 : MemoryContextStrdup(TopMemoryContext, s);
	}
	return *slot;
}

/* A row's label in a language: English, or the official one in the database encoding. */
const char *
gi_row_label(const GiRow *r, bool english)
{
	return english ? r->label_en : cached_zh(&row_zh[r - gi_rows], r->label_zh);
}

/* A column's label in a language: English, or the official one in the database encoding. */
const char *
gi_column_label(const GiColumn *c, bool english)
{
	return english ? c->label_en : cached_zh(&column_zh[c - gi_columns], c->label_zh);
}

/* A column's spanning header (法人或其他组织) in the database encoding, or NULL. */
const char *
gi_column_group(const GiColumn *c)
{
	return cached_zh(&column_group_zh[c - gi_columns], c->group_zh);
}

/* Validate a lang argument: 'zh' (false) or 'en' (true). */
bool
gi_lang_is_english(const char *lang)
{
	if (pg_strcasecmp(lang, "zh") == 0)
		return false;
	if (pg_strcasecmp(lang, "en") == 0)
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown language \"%s\"", lang),
			 errhint("Use 'zh' for the official Chinese labels or 'en' for English.")));
	return false;
}
