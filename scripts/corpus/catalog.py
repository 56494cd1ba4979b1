"""The report format as the corpus generator needs it: labels, codes, rules (independent of the C catalog)."""

COLS3 = ["np", "biz", "res", "npo", "law", "oth", "total"]
COL3_LABELS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

# (code, label, kind, parent) in official order; kind data / group / sum
ROWS3_2021 = [
    ("1", "一、本年新收政府信息公开申请数量", "data", None),
    ("2", "二、上年结转政府信息公开申请数量", "data", None),
    ("3", "三、本年度办理结果", "group", None),
    ("3.1", "（一）予以公开", "data", "3"),
    ("3.2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "data", "3"),
    ("3.3", "（三）不予公开", "group", "3"),
    ("3.3.1", "1.属于国家秘密", "data", "3.3"),
    ("3.3.2", "2.其他法律行政法规禁止公开", "data", "3.3"),
    ("3.3.3", "3.危及“三安全一稳定”", "data", "3.3"),
    ("3.3.4", "4.保护第三方合法权益", "data", "3.3"),
    ("3.3.5", "5.属于三类内部事务信息", "data", "3.3"),
    ("3.3.6", "6.属于四类过程性信息", "data", "3.3"),
    ("3.3.7", "7.属于行政执法案卷", "data", "3.3"),
    ("3.3.8", "8.属于行政查询事项", "data", "3.3"),
    ("3.4", "（四）无法提供", "group", "3"),
    ("3.4.1", "1.本机关不掌握相关政府信息", "data", "3.4"),
    ("3.4.2", "2.没有现成信息需要另行制作", "data", "3.4"),
    ("3.4.3", "3.补正后申请内容仍不明确", "data", "3.4"),
    ("3.5", "（五）不予处理", "group", "3"),
    ("3.5.1", "1.信访举报投诉类申请", "data", "3.5"),
    ("3.5.2", "2.重复申请", "data", "3.5"),
    ("3.5.3", "3.要求提供公开出版物", "data", "3.5"),
    ("3.5.4", "4.无正当理由大量反复申请", "data", "3.5"),
    ("3.5.5", "5.要求行政机关确认或重新出具已获取信息", "data", "3.5"),
    ("3.6", "（六）其他处理", "group", "3"),
    ("3.6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "data", "3.6"),
    ("3.6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "data", "3.6"),
    ("3.6.3", "3.其他", "data", "3.6"),
    ("3.7", "（七）总计", "sum", "3"),
    ("4", "四、结转下年度继续办理", "data", None),
]


def rows3(fmt):
    """Rows of table 三 in the format: the 2019 one prints （六）其他处理 as one data row."""
    if fmt == "2021":
        return list(ROWS3_2021)
    out = []
    for r in ROWS3_2021:
        if r[0] == "3.6":
            out.append(("3.6", "（六）其他处理", "data", "3"))
        elif r[0].startswith("3.6."):
            continue
        else:
            out.append(r)
    return out


def data_rows3(fmt):
    return [r[0] for r in rows3(fmt) if r[2] != "group"]


def leaf_rows3(fmt):
    return [r[0] for r in rows3(fmt) if r[2] == "data" and r[0] not in ("1", "2", "4")]


# part 二: blocks (code, label, columns [(code, label)], rows [(code, label)])
P2_2021 = [
    ("2.1", "第二十条第（一）项", [("issued", "本年制发件数"), ("abolished", "本年废止件数"), ("in_force", "现行有效件数")],
     [("2.1.1", "规章"), ("2.1.2", "行政规范性文件")]),
    ("2.5", "第二十条第（五）项", [("decisions", "本年处理决定数量")], [("2.5.1", "行政许可")]),
    ("2.6", "第二十条第（六）项", [("decisions", "本年处理决定数量")], [("2.6.1", "行政处罚"), ("2.6.2", "行政强制")]),
    ("2.8", "第二十条第（八）项", [("amount", "本年收费金额（单位：万元）")], [("2.8.1", "行政事业性收费")]),
]
P2_2019 = [
    ("2.1", "第二十条第（一）项", [("new_made", "本年新制作数量"), ("new_published", "本年新公开数量"),
                                ("total_published", "对外公开总数量")],
     [("2.1.1", "规章"), ("2.1.2", "规范性文件")]),
    ("2.5", "第二十条第（五）项", [("prev_items", "上一年项目数量"), ("delta", "本年增/减"), ("decisions", "处理决定数量")],
     [("2.5.1", "行政许可"), ("2.5.2", "其他对外管理服务事项")]),
    ("2.6", "第二十条第（六）项", [("prev_items", "上一年项目数量"), ("delta", "本年增/减"), ("decisions", "处理决定数量")],
     [("2.6.1", "行政处罚"), ("2.6.2", "行政强制")]),
    ("2.8", "第二十条第（八）项", [("prev_items", "上一年项目数量"), ("delta", "本年增/减")], [("2.8.1", "行政事业性收费")]),
    ("2.9", "第二十条第（九）项", [("count", "采购项目数量"), ("amount", "采购总金额")], [("2.9.1", "政府集中采购")]),
]


def p2_blocks(fmt):
    return P2_2021 if fmt == "2021" else P2_2019


P4_GROUPS = ["review", "suit", "suit_after_review"]
P4_COLS = ["upheld", "corrected", "other", "pending", "total"]
P4_COL_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
P3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def z(v):
    return 0 if v is None else v


def violations(fmt, p3, p4, reported_only=False):
    """Set of rule codes broken (blank counted as 0), as govinfo.violations() lists them; with
    reported_only, only the breaks whose reported cell (row 4, row 3.7, the row's total, the group's
    total) is not blank, as govinfo.published_violations lists them."""
    out = set()
    if p3 is not None:
        for code in data_rows3(fmt):
            row = p3.get(code, [None] * 7)
            if z(row[6]) != sum(z(v) for v in row[:6]) and not (reported_only and row[6] is None):
                out.add("P3-COLUMN-TOTAL")
        for c in range(7):
            g = lambda code: z(p3.get(code, [None] * 7)[c])
            blank = lambda code: p3.get(code, [None] * 7)[c] is None
            if g("1") + g("2") != g("3.7") + g("4") and not (reported_only and blank("4")):
                out.add("P3-BALANCE")
            if g("3.7") != sum(g(code) for code in leaf_rows3(fmt)) and not (reported_only and blank("3.7")):
                out.add("P3-HANDLED-TOTAL")
    if p4 is not None:
        for gi in range(3):
            grp = p4[gi * 5:gi * 5 + 5]
            if z(grp[4]) != sum(z(v) for v in grp[:4]) and not (reported_only and grp[4] is None):
                out.add("P4-TOTAL")
    return out
