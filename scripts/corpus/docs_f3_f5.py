"""F3 (values and | alternate on their own lines), F4 (pdftotext -layout), F5 (pdftotext, reading order)."""
from common import D, mk
from figures import blank_zeros, make_p2, make_p4


def docs():
    out = []

    # ---------------------------------------------------------------- F3
    d = mk("f3-xishan-scjg-2021", "F3", "values and | on their own lines, header cells split, stray spaces",
           "溪山县市场监督管理局", "溪山县市场监督管理局", 2021, (2022, 1, 24), 301, new=48, cin=4, cout=3,
           col_weights=[60, 32, 0.5, 1, 4, 3],
           p2=make_p2("2021", r2_1_2=(2, 1, 15), r2_5_1=(3512,), r2_6_1=(426,), r2_6_2=(35,), r2_8_1=(D("0"),)),
           p4=make_p4(review=(2, 1, 0, 0), suit=(1, 0, 0, 0)),
           labels={"3.4.1": "1.本机关不掌握 相关政府信息", "2": "二、上年结转政府信息 公开申请数量"})
    d.extra_p1 = "（六）其他工作情况\n全年组织召开新闻发布会6场，开展“政府开放日”活动2次，接听12315热线电话18426个，回复网民留言1127条。"
    out.append(d)

    d = mk("f3-yunling-zhen-2020", "F3", "2019 trial format (report year 2020); zeros printed as —",
           "云岭镇人民政府", "云岭镇", 2020, ("二〇二一年一月十二日", "2021-01-12"), 302, new=5, cin=1,
           p2=make_p2("2019", r2_1_1=(0, 0, 0), r2_1_2=(1, 1, 6), r2_5_1=(3, 0, 17), r2_5_2=(2, 1, 9),
                      r2_6_1=(1, 0, 5), r2_6_2=(0, 0, 0), r2_8_1=(0, 0), r2_9_1=(0, D("0"))),
           blank="—")
    d.p3 = blank_zeros(d.p3, rows=[c for c in d.p3 if c.startswith("3.3.") or c.startswith("3.5.")])
    d.headings[2] = "三、收到和处理政府信息公开申情况"
    d.warnings = {"label_variant"}
    d.variant += "; heading typo (dropped character); date in Chinese numerals"
    out.append(d)

    d = mk("f3-jiangyou-zrzyt-2023", "F3", "published rule violation: P3-BALANCE broken; blanks as 无",
           "江右省自然资源厅", "江右省自然资源厅", 2023, (2024, 1, 30), 303, new=267, cin=21, cout=18,
           col_weights=[62, 25, 2, 3, 6, 2], upper="省委、省政府", blank_rows=("3.6.2",), blank="无",
           p2=make_p2("2021", r2_1_1=(1, 0, 9), r2_1_2=(7, 3, 58), r2_5_1=(1843,), r2_6_1=(96,), r2_6_2=(0,),
                      r2_8_1=(D("312.6"),)),
           p4=make_p4(review=(14, 3, 5, 6), suit=(7, 1, 3, 9), after=(2, 0, 1, 3)))
    d.p3["2"][1] += 2
    d.p3["2"][6] += 2          # 上年结转 2 more than the rest of the table accounts for
    out.append(d)

    d = mk("f3-tongchuan-zjj-2022", "F3", "2022 report printing （六） as one row; blanks as &nbsp;; narrative contradicts",
           "桐川县住房和城乡建设局", "桐川县住房和城乡建设局", 2022, (2023, 1, 18), 304, new=31, cin=2, cout=2,
           fmt="2019", apps=33,
           p2=make_p2("2021", r2_1_2=(3, 0, 24), r2_5_1=(967,), r2_6_1=(58,), r2_6_2=(4,), r2_8_1=(D("0"),)),
           p4=make_p4(review=(1, 0, 0, 1)), blank="&nbsp;", warnings={"hybrid_format", "text_contradicts_table"})
    d.p3 = blank_zeros(d.p3, rows=["3.3.1", "3.3.2", "3.3.3", "3.5.3", "3.5.4", "3.5.5"])
    out.append(d)

    # ---------------------------------------------------------------- F4
    d = mk("f4-jiangzhou-zrzy-2022", "F4", "pdftotext -layout: wrapped labels, vertical label, page break inside table",
           "江州市自然资源和规划局", "江州市自然资源和规划局", 2022, (2023, 1, 29), 401,
           title="江州市自然资源和规划局2022年度政府信息公开工作年度报告",
           knobs={"page_header": "江州市自然资源和规划局政府信息公开工作年度报告（2022年度）"}, new=531, cin=44, cout=39,
           col_weights=[58, 28, 1, 2, 8, 3], upper="市委、市政府",
           p2=make_p2("2021", r2_1_2=(5, 2, 47), r2_5_1=(2764,), r2_6_1=(188,), r2_6_2=(6,), r2_8_1=(D("2316.85"),)),
           p4=make_p4(review=(11, 2, 4, 5), suit=(6, 2, 1, 7), after=(2, 0, 1, 1)))
    out.append(d)

    d = mk("f4-linjiang-xzsp-2021", "F4", "2021 report printing （六） as one row",
           "临江县行政审批服务局", "临江县行政审批服务局", 2021, (2022, 1, 21), 402, new=19, cin=0, cout=1, fmt="2019",
           p2=make_p2("2021", r2_1_2=(1, 0, 3), r2_5_1=(15836,), r2_6_1=(0,), r2_6_2=(0,), r2_8_1=(D("0"),)),
           warnings={"hybrid_format"}, knobs={"page_lines": 58})
    out.append(d)

    d = mk("f4-nanping-fgj-2019", "F4", "2019 trial format (report year 2019) in pdftotext -layout",
           "南坪县发展和改革局", "南坪县发展和改革局", 2019, (2020, 1, 17), 403, new=12, cin=1, cout=0,
           p2=make_p2("2019", r2_1_1=(0, 0, 0), r2_1_2=(3, 3, 21), r2_5_1=(24, -2, 316), r2_5_2=(6, 0, 58),
                      r2_6_1=(5, 1, 13), r2_6_2=(0, 0, 0), r2_8_1=(1, 0), r2_9_1=(37, D("5862.4"))),
           knobs={"page_lines": 66})
    out.append(d)

    d = mk("f4-luyuan-jyj-2023", "F4", "published rule violations: 四 totals of 0 beside non-zero parts, a row total",
           "鹿原市教育局", "鹿原市教育局", 2023, (2024, 1, 25), 404, new=78, cin=5, cout=6, upper="市委、市政府",
           p2=make_p2("2021", r2_1_2=(6, 2, 33), r2_5_1=(412,), r2_6_1=(9,), r2_6_2=(0,), r2_8_1=(D("0"),)),
           p4=[2, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    d.p3["3.4.1"][6] -= 1
    out.append(d)

    d = mk("f4-yunchuan-sfj-2022", "F4", "heading typo, dropped character in a label, blanks as —",
           "云川市司法局", "云川市司法局", 2022, (2023, 1, 31), 405, new=57, cin=3, cout=4, upper="市委、市政府",
           blank_rows=("3.6.2", "3.6.3"), blank="—",
           p2=make_p2("2021", r2_1_2=(2, 1, 11), r2_5_1=(1290,), r2_6_1=(34,), r2_6_2=(0,), r2_8_1=(D("0"),)),
           p4=make_p4(review=(0, 0, 1, 1), suit=(1, 0, 0, 0)),
           labels={"3.3.3": "3.危及“三安全一稳”"}, warnings={"label_variant"})
    d.headings[4] = "五、存在的主要问题及改进请况"
    out.append(d)

    d = mk("f4-beiping-xiang-2023", "F4", "few applications; blanks as /; narrative contradicts the table",
           "北坪乡人民政府", "北坪乡", 2023, (2024, 1, 11), 406, new=3, cin=0, cout=0, apps=5,
           blank_rows=("3.6.2", "3.6.3"), blank="/",
           p2=make_p2("2021", r2_1_2=(0, 0, 2), r2_5_1=(9,), r2_6_1=(1,), r2_6_2=(0,), r2_8_1=(D("0"),)),
           warnings={"text_contradicts_table"}, knobs={"page_lines": 64})
    out.append(d)

    # ---------------------------------------------------------------- F5
    d = mk("f5-tongchuan-rsj-2022", "F5", "reading order: numbers before labels, group labels late, 四 headers shuffled",
           "桐川县人力资源和社会保障局", "桐川县人力资源和社会保障局", 2022, ("2023年01月20日", "2023-01-20"), 501, new=29, cin=2, cout=1,
           p2=make_p2("2021", r2_1_2=(2, 0, 9), r2_5_1=(388,), r2_6_1=(21,), r2_6_2=(0,), r2_8_1=(D("0"),)),
           p4=make_p4(review=(1, 0, 1, 0), suit=(0, 0, 0, 1)),
           knobs={"numbers_before": ["2", "3.4.1", "3.7"], "late_groups": {"3": "3.1", "3.3": "3.3.1"},
                  "shuffle_heads": True})
    out.append(d)

    d = mk("f5-liuhe-xiang-2021", "F5", "reading order, a township with few figures; label typo; narrative contradicts",
           "柳河乡人民政府", "柳河乡", 2021, (2022, 1, 13), 502, new=2, cin=0, cout=0, apps=3,
           labels={"3.5.3": "3.要求提供公开出板物"}, warnings={"label_variant", "text_contradicts_table"},
           p2=make_p2("2021", r2_1_2=(0, 0, 4), r2_5_1=(11,), r2_6_1=(2,), r2_6_2=(0,), r2_8_1=(D("0"),)),
           knobs={"numbers_before": ["1"], "late_groups": {"3.4": "3.4.1"}})
    out.append(d)

    d = mk("f5-jiangyou-wjw-2020", "F5", "2019 trial format (report year 2020) in reading order",
           "江右省卫生健康委员会", "江右省卫生健康委员会", 2020, (2021, 1, 29), 503,
           title="江右省卫生健康委员会关于2020年政府信息公开工作的年度报告", new=143, cin=8, cout=10,
           upper="省委、省政府",
           p2=make_p2("2019", r2_1_1=(1, 1, 12), r2_1_2=(6, 6, 49), r2_5_1=(31, 3, 2674), r2_5_2=(12, -1, 380),
                      r2_6_1=(9, 0, 57), r2_6_2=(2, 0, 3), r2_8_1=(4, -1), r2_9_1=(126, D("18340.72"))),
           p4=make_p4(review=(4, 1, 1, 2), suit=(2, 0, 0, 3)),
           knobs={"numbers_before": ["3.2", "4"], "late_groups": {"3.5": "3.5.2"}})
    out.append(d)

    # published figures that break the rules, values in line with their labels: kept as published
    d = mk("f5-xishan-zjj-2022", "F5", "published rule violations in reading order (row total, P3-BALANCE, P4-TOTAL)",
           "溪山县住房和城乡建设局", "溪山县住房和城乡建设局", 2022, (2023, 1, 28), 504, new=24, cin=1, cout=2,
           p2=make_p2("2021", r2_1_2=(4, 1, 17), r2_5_1=(745,), r2_6_1=(63,), r2_6_2=(2,), r2_8_1=(D("0"),)),
           p4=[1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0],
           knobs={"late_groups": {"3": "3.2"}})
    d.p3["1"][6] += 2
    # the narrative's 受理 24 (row 一's cells) is neither the printed 一 总计 26 nor 一 + 二 27
    d.warnings.add("text_contradicts_table")
    out.append(d)

    # numbers out of line with their labels AND figures that break the rules: nothing proves the
    # order, so table 三 stays blank and flagged (part 四 is read by position)
    d = mk("f5-nanping-sfj-2023", "F5", "reading order the rules cannot prove (the figures break them): 三 blank, flagged",
           "南坪县司法局", "南坪县司法局", 2023, (2024, 1, 23), 506, new=15, cin=1, cout=1,
           p2=make_p2("2021", r2_1_2=(1, 0, 8), r2_5_1=(96,), r2_6_1=(0,), r2_6_2=(0,), r2_8_1=(D("0"),)),
           p4=[0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], layout="F8", complete=False,
           warnings={"columns_unrecoverable"}, knobs={"numbers_before": ["3.1", "3.4.1"], "late_groups": {"3": "3.2"}})
    d.p3["3.7"][0] += 1
    d.p3["3.7"][6] += 1
    d.expect = {"requests": dict({"format": "2021"}, **{c: [None] * 7 for c in d.p3})}
    out.append(d)

    d = mk("f5-dongxi-zhen-2023", "F5", "2023 report printing （六） as one row, reading order",
           "东溪镇人民政府", "东溪镇", 2023, (2024, 1, 15), 505, new=8, cin=1, cout=0, fmt="2019",
           p2=make_p2("2021", r2_1_2=(1, 0, 6), r2_5_1=(27,), r2_6_1=(5,), r2_6_2=(0,), r2_8_1=(D("0"),)),
           warnings={"hybrid_format"}, knobs={"numbers_before": ["3.6"], "shuffle_p4": False})
    out.append(d)
    return out
