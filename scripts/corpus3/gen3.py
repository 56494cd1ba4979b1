#!/usr/bin/env python3
"""Write the third corpus of published reports: figures chosen by hand below, rendered by the second
corpus's renderers (scripts/corpus2/render2.py) and by the HTML variants here (render3.py); the expected
result follows from the chosen figures and from what the copy loses, never from the parser.
Run from the repository root: python3 scripts/corpus3/gen3.py [name or family ...]
Documents listed in PENDING (they still fail) go to test/corpus-pending/<family>/, the others to
test/corpus/<family>/."""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "corpus2"))
sys.path.insert(0, HERE)
from figs import p3, p4, p2_2021, p2_2019, blank_rows, p2_json, p3_json, data_rows3  # noqa: E402
import render2  # noqa: E402
import render3  # noqa: E402,F401  (registers the F7 variants)

ROOT = os.path.join(HERE, "..", "..", "test")
PENDING = set()
FW = str.maketrans("0123456789", "０１２３４５６７８９")


def between(a_mark, b_mark, fn):
    """A post-processor applying fn to the text between two marks."""
    def post(text):
        a = text.index(a_mark)
        b = text.index(b_mark, a)
        return text[:a] + fn(text[a:b]) + text[b:]
    return post


def cut_at(mark, after=0, occurrence_of=None):
    """A post-processor cutting the copy at mark (plus after characters); occurrence_of: start the search
    after this mark."""
    def post(text):
        s = text.index(occurrence_of) if occurrence_of else 0
        return text[:text.index(mark, s) + after]
    return post


def rows_from(fmt, exp, code):
    """Blank every row of table 三 from code on (a cut copy)."""
    rows = data_rows3(fmt)
    for c in rows[rows.index(code):]:
        exp[c] = [None] * 7
    return exp


def f6_expect(d):
    """The expected figures of an F6 document without spaces in its runs, through splitrun."""
    import types
    sys.path.insert(0, os.path.join(HERE, "..", "corpus"))
    import splitrun
    fmt = d["fmt"]
    p2j = {k: v for k, v in p2_json(fmt, d["p2"]).items() if k != "format"}
    doc = types.SimpleNamespace(name=d["name"], fmt=fmt, p2=p2j, p3=d["p3"], p4=d["p4"])
    runs = []
    for code, vals in p2j.items():
        runs.append((2, code, "".join(str(v) for v in vals.values()), len(vals), list(vals.values())))
    for code in data_rows3(fmt):
        runs.append((3, code, "".join(str(v) for v in d["p3"][code]), 7, d["p3"][code]))
    runs.append((4, "4", "".join(str(v) for v in d["p4"]), 15, d["p4"]))
    p2, p3_, p4_, amb = splitrun.expected_splits(doc, runs)
    d["exp_p2"] = dict({"format": fmt}, **p2)
    d["exp_p3"] = p3_json(fmt, p3_)
    d["exp_p4"] = p4_
    if amb:
        d["complete"] = False
        d["warnings"] = set(d.get("warnings", ())) | {"ambiguous_split"}


CUT_W = {"truncated", "table_missing", "part_missing"}


def docs():
    out = []
    # ---------------------------------------------------------------- F7 HTML variants
    out.append(dict(
        name="f7-wechat-qingshui-wjw-2023", family="F7", render="F7W", fmt="2021", year=2023,
        variant="WeChat article markup: section wrappers, every cell's value in section/span with styles, "
                "<p><br/></p> spacers, &nbsp; around values",
        agency="清水县卫生健康局", title="清水县卫生健康局2023年政府信息公开工作年度报告",
        date="2024年1月25日", published_on="2024-01-25",
        p2=p2_2021(norm=(2, 1, 14), lic=268, pun=37, force=0, fee="0"),
        p3=p3("2021", {"3.1": [23, 4, 0, 0, 1, 0], "3.2": [3, 0, 0, 0, 0, 0], "3.3.4": [1, 0, 0, 0, 0, 0],
                       "3.4.1": [11, 2, 0, 0, 0, 1], "3.5.2": [2, 0, 0, 0, 0, 0]},
              carry_in=[1, 0, 0, 0, 0, 0], carry_out=[4, 1, 0, 0, 0, 0]),
        p4=p4(review=(1, 0, 0, 1))))
    out.append(dict(
        name="f7-br-cells-donghu-jd-2022", family="F7", render="F7X", fmt="2021", year=2022, br_labels=True,
        br_values=True,
        variant="HTML with <br> inside row-label cells (labels broken in two) and after values (3<br/>), "
                "&nbsp; in blank cells of 3.6.2/3.6.3",
        agency="东湖街道办事处", title="东湖街道办事处2022年政府信息公开工作年度报告",
        date="2023年1月11日", published_on="2023-01-11", blank="", html_blank="&nbsp;",
        p2=p2_2021(norm=(0, 0, 2), lic=0, pun=0, force=0, fee="0"),
        p3=blank_rows(p3("2021", {"3.1": [5, 1, 0, 0, 0, 0], "3.3.5": [1, 0, 0, 0, 0, 0],
                                  "3.4.1": [2, 0, 0, 0, 0, 0], "3.6.1": [1, 0, 0, 0, 0, 0]},
                         carry_out=[1, 0, 0, 0, 0, 0]), ["3.6.2", "3.6.3"]),
        p4=p4()))
    out.append(dict(
        name="f7-header2-yongan-scj-2022", family="F7", render="F7X", fmt="2021", year=2022, header="two",
        variant="HTML header in two rows without 申请人情况 (note cell rowspan 2 colspan 3, 自然人/总计 rowspan 2, "
                "法人或其他组织 colspan 5); (七)总计 and rows 一/二/四 in colspan 3",
        agency="永安市市场监督管理局", title="永安市市场监督管理局2022年政府信息公开工作年度报告",
        date="2023年1月30日", published_on="2023-01-30",
        p2=p2_2021(norm=(6, 3, 41), lic=4386, pun=1207, force=58, fee="0"),
        p3=p3("2021", {"3.1": [96, 41, 0, 1, 6, 2], "3.2": [14, 5, 0, 0, 2, 0], "3.3.1": [1, 0, 0, 0, 0, 0],
                       "3.3.7": [3, 1, 0, 0, 0, 0], "3.4.1": [38, 9, 0, 0, 1, 0], "3.4.3": [2, 1, 0, 0, 0, 0],
                       "3.5.1": [12, 0, 0, 0, 0, 0], "3.5.4": [3, 0, 0, 0, 0, 0], "3.6.3": [1, 0, 0, 0, 0, 0]},
              carry_in=[8, 2, 0, 0, 0, 0], carry_out=[10, 3, 0, 0, 1, 0]),
        p4=p4(review=(7, 2, 1, 3), suit=(3, 1, 0, 2), after=(1, 0, 0, 1))))
    out.append(dict(
        name="f7-split2-baiyang-zhen-2021", family="F7", render="F7X", fmt="2021", year=2021, split_at="3.3.5",
        variant="HTML table 三 split in two <table>s inside group (三) without repeating the header: the first "
                "table's group cells span only their rows, the second starts with empty placeholder cells",
        agency="白杨镇人民政府", title="白杨镇人民政府2021年政府信息公开工作年度报告",
        date="2022年1月18日", published_on="2022-01-18",
        p2=p2_2021(norm=(0, 0, 3), lic=4, pun=11, force=0, fee="0"),
        p3=p3("2021", {"3.1": [7, 0, 0, 0, 0, 0], "3.3.2": [1, 0, 0, 0, 0, 0], "3.3.6": [1, 0, 0, 0, 0, 0],
                       "3.4.1": [2, 1, 0, 0, 0, 0], "3.5.2": [1, 0, 0, 0, 0, 0]},
              carry_in=[1, 0, 0, 0, 0, 0]),
        p4=p4(suit=(1, 0, 0, 0))))
    out.append(dict(
        name="f7-sidebar-xinhe-gaj-2024", family="F7", render="F7X", fmt="2021", year=2024, sidebar=True,
        variant="HTML: all three tables in one cell of a page-layout table whose sibling cell is a sidebar with "
                "numbers (浏览次数、字号); figures in the thousands (公安局); 2024 report",
        agency="新河县公安局", title="新河县公安局2024年政府信息公开工作年度报告",
        date="2025年1月21日", published_on="2025-01-21",
        p2=p2_2021(norm=(2, 0, 17), lic=12873, pun=3406, force=219, fee="0"),
        p3=p3("2021", {"3.1": [1046, 12, 0, 0, 31, 4], "3.2": [88, 1, 0, 0, 2, 0], "3.3.7": [17, 0, 0, 0, 0, 0],
                       "3.4.1": [312, 5, 0, 0, 3, 0], "3.5.1": [41, 0, 0, 0, 0, 0], "3.5.2": [9, 0, 0, 0, 0, 0]},
              carry_in=[27, 0, 0, 0, 1, 0], carry_out=[35, 1, 0, 0, 0, 0]),
        p4=p4(review=(14, 3, 2, 4), suit=(6, 1, 0, 3), after=(2, 0, 0, 1))))
    out.append(dict(
        name="f7-hybrid-xiangyang-zhen-2025", family="F7", render="F7X", fmt="2019", p2fmt="2021", year=2025,
        fullwidth=True,
        variant="HTML 2025 report printing （六）其他处理 as one row; full-width digits in every cell of 三",
        agency="向阳镇人民政府", title="向阳镇人民政府2025年政府信息公开工作年度报告",
        date="2026年1月14日", published_on="2026-01-14",
        p2=p2_2021(norm=(0, 0, 1), lic=9, pun=3, force=0, fee="0"),
        p3=p3("2019", {"3.1": [4, 1, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0], "3.6": [1, 0, 0, 0, 0, 0]}),
        p4=p4(), warnings={"hybrid_format"}))
    out.append(dict(
        name="f7-2019-jinxi-sthj-2019", family="F7", render="F7X", fmt="2019", year=2019, br_labels=True,
        variant="HTML 2019 trial format (report year 2019): 2.9 amount 2,306.4 万元 (thousands separator), "
                "signed -4 in 本年增/减, <br> in labels",
        agency="锦溪县生态环境局", title="锦溪县生态环境局2019年政府信息公开工作年度报告",
        date="2020年1月20日", published_on="2020-01-20",
        post=[lambda s: s.replace(">2306.4<", ">2,306.4<")],
        p2=p2_2019(norm=(1, 0, 7), lic=(12, -4, 96), oth=(2, 0, 5), pun=(6, 1, 38), force=(1, 0, 2), fee=(0, 0),
                   buy=(17, "2306.4")),
        p3=p3("2019", {"3.1": [13, 6, 0, 1, 1, 0], "3.2": [2, 1, 0, 0, 0, 0], "3.4.1": [5, 2, 0, 0, 0, 0],
                       "3.5.1": [1, 0, 0, 0, 0, 0], "3.6": [1, 0, 0, 0, 0, 0]},
              carry_out=[2, 0, 0, 0, 0, 0]),
        p4=p4(review=(1, 1, 0, 0))))
    # ---------------------------------------------------------------- F3
    out.append(dict(
        name="f3-fuxing-xiang-2025", family="F3", render="F3", fmt="2021", year=2025, post=[
            between("一、本年新收", "四、政府信息公开行政复议", lambda s: s.translate(FW))],
        variant="values and | on their own lines, full-width digits in 三, 2025 report, label typo 投拆 for 投诉",
        agency="复兴乡人民政府", title="复兴乡人民政府2025年政府信息公开工作年度报告",
        date="2026年1月9日", published_on="2026-01-09",
        labels={"3.5.1": "1.信访举报投拆类申请"},
        p2=p2_2021(lic=6, pun=2, force=0, fee="0"),
        p3=p3("2021", {"3.1": [3, 0, 0, 0, 0, 0], "3.5.1": [1, 0, 0, 0, 0, 0]}), p4=p4(),
        warnings={"label_variant"}))
    out.append(dict(
        name="f3-heping-swj-2024", family="F3", render="F3", fmt="2019", p2fmt="2021", year=2024,
        variant="values and | on their own lines, 2024 report with （六）其他处理 as one row, variant wording "
                "四、结转下一年度继续办理 and （二）部分公开 without its parenthetical",
        agency="和平区商务局", title="和平区商务局2024年政府信息公开工作年度报告",
        date="2025年1月27日", published_on="2025-01-27",
        labels={"4": "四、结转下一年度继续办理", "3.2": "（二）部分公开"},
        p2=p2_2021(norm=(1, 1, 12), lic=147, pun=8, force=0, fee="0"),
        p3=p3("2019", {"3.1": [31, 14, 0, 0, 2, 1], "3.2": [4, 2, 0, 0, 0, 0], "3.3.3": [1, 0, 0, 0, 0, 0],
                       "3.4.1": [9, 5, 0, 0, 0, 0], "3.6": [2, 0, 0, 0, 0, 0]},
              carry_in=[3, 1, 0, 0, 0, 0], carry_out=[2, 2, 0, 0, 0, 0]),
        p4=p4(review=(2, 0, 0, 0)), warnings={"hybrid_format", "label_variant"}))
    # ---------------------------------------------------------------- F5
    out.append(dict(
        name="f5-wrapped-lantian-zrzy-2023", family="F5", render="F5", fmt="2021", year=2023,
        variant="reading order with long labels wrapped over two lines (3.2, 3.6.1, 3.6.2, 3.5.5, 一), "
                "values before the labels of 3.1 and 3.4.1",
        agency="蓝田县自然资源局", title="蓝田县自然资源局2023年政府信息公开工作年度报告",
        date="2024年1月29日", published_on="2024-01-29", values_before=["3.1", "3.4.1"],
        labels={"3.2": "（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）",
                "3.6.1": "1.申请人无正当理由逾期不补正、行政机关\n不再处理其政府信息公开申请",
                "3.6.2": "2.申请人逾期未按收费通知要求缴纳费用、\n行政机关不再处理其政府信息公开申请",
                "3.5.5": "5.要求行政机关确认或重新出具已获取信\n息",
                "1": "一、本年新收政府信息公开申请\n数量"},
        p2=p2_2021(norm=(1, 0, 11), lic=532, pun=76, force=3, fee="0"),
        p3=p3("2021", {"3.1": [58, 21, 0, 0, 3, 1], "3.2": [7, 4, 0, 0, 0, 0], "3.3.4": [2, 1, 0, 0, 0, 0],
                       "3.4.1": [26, 6, 0, 1, 0, 0], "3.5.5": [1, 0, 0, 0, 0, 0], "3.6.1": [3, 0, 0, 0, 0, 0]},
              carry_in=[6, 2, 0, 0, 0, 0], carry_out=[9, 1, 0, 0, 1, 0]),
        p4=p4(review=(3, 1, 1, 1), suit=(1, 0, 0, 2))))
    out.append(dict(
        name="f5-fullwidth-shanhe-xiang-2024", family="F5", render="F5", fmt="2021", year=2024, post=[
            between("一、本年新收", "四、政府信息公开行政复议", lambda s: s.translate(FW))],
        variant="reading order, full-width digits in 三, 2024 report, a township",
        agency="山河乡人民政府", title="山河乡人民政府2024年政府信息公开工作年度报告",
        date="2025年1月8日", published_on="2025-01-08",
        p2=p2_2021(lic=2, pun=4, force=0, fee="0"),
        p3=p3("2021", {"3.1": [2, 0, 0, 0, 0, 0], "3.4.1": [1, 0, 0, 0, 0, 0]}), p4=p4()))
    out.append(dict(
        name="f5-2019-qinglong-jtj-2020", family="F5", render="F5", fmt="2019", year=2020,
        values_before=["3.1", "3.6", "4"],
        variant="reading order, 2019 trial format (2020), values before the labels of 3.1, 3.6 and 四, "
                "three-digit figures, signed -2",
        agency="青龙县交通运输局", title="青龙县交通运输局2020年政府信息公开工作年度报告",
        date="2021年1月26日", published_on="2021-01-26",
        p2=p2_2019(norm=(0, 1, 6), lic=(9, -2, 412), oth=(1, 0, 33), pun=(4, 0, 167), force=(1, 0, 3),
                   fee=(0, 0), buy=(2, "118.2")),
        p3=p3("2019", {"3.1": [104, 8, 0, 0, 1, 0], "3.2": [6, 0, 0, 0, 0, 0], "3.4.1": [21, 3, 0, 0, 0, 0],
                       "3.5.2": [2, 0, 0, 0, 0, 0], "3.6": [1, 0, 0, 0, 0, 0]},
              carry_in=[2, 0, 0, 0, 0, 0], carry_out=[5, 1, 0, 0, 0, 0]),
        p4=p4(review=(1, 0, 0, 0))))
    # ---------------------------------------------------------------- F6
    out.append(dict(
        name="f6-zeros-liushu-xiang-2022", family="F6", render="F6", fmt="2021", year=2022,
        variant="crawler dump of a township: most rows of 三 all zeros (0000000 runs), 四 all zeros",
        agency="柳树乡人民政府", title="柳树乡人民政府2022年政府信息公开工作年度报告", published_on="2023-01-10",
        date="2023年1月10日",
        p2=p2_2021(lic=0, pun=3, force=0, fee="0"),
        p3=p3("2021", {"3.1": [1, 0, 0, 0, 0, 0]}), p4=p4()))
    out.append(dict(
        name="f6-2019-taohua-zhen-2019", family="F6", render="F6", fmt="2019", year=2019,
        spaces={"行政许可": (1, 2), "其他对外管理服务事项": (1, 2), "行政处罚": (1, 2), "行政强制": (1, 2),
                "行政事业性收费": (1,), "政府集中采购": (1,), "规章": (1, 2), "规范性文件": (1, 2)},
        variant="crawler dump, 2019 trial format (report year 2019), 三 with single-digit figures and rows of zeros",
        agency="桃花镇人民政府", title="桃花镇人民政府2019年政府信息公开工作年度报告", published_on="2020-01-14",
        date="2020年1月14日",
        p2=p2_2019(norm=(0, 0, 2), lic=(5, 1, 14), oth=(0, 0, 0), pun=(2, 0, 7), fee=(0, 0), buy=(1, "8.6")),
        p3=p3("2019", {"3.1": [3, 1, 0, 0, 0, 0], "3.4.1": [1, 0, 0, 0, 0, 0], "3.6": [1, 0, 0, 0, 0, 0]}),
        p4=p4(review=(1, 0, 0, 0))))
    out.append(dict(
        name="f6-hybrid-shuiyuan-jd-2024", family="F6", render="F6", fmt="2019", p2fmt="2021", year=2024,
        variant="crawler dump, 2024 report with （六）其他处理 as one row, single-digit figures",
        agency="水源街道办事处", title="水源街道办事处2024年政府信息公开工作年度报告", published_on="2025-01-16",
        date="2025年1月16日",
        p2=p2_2021(lic=0, pun=0, force=0, fee="0"),
        p3=p3("2019", {"3.1": [4, 2, 0, 0, 0, 0], "3.3.4": [1, 0, 0, 0, 0, 0], "3.6": [1, 0, 0, 0, 0, 0]}),
        p4=p4(), warnings={"hybrid_format"}))
    # ---------------------------------------------------------------- F1/F2/F4 variants
    out.append(dict(
        name="f1-typos-jinhe-zhen-2024", family="F1", render="F1", fmt="2021", year=2024,
        variant="| lines, label typos within edit distance (dropped 信 in 3.4.1, swapped 审结 heading untouched, "
                "属于 written 属与 in 3.3.5), 2024 report",
        agency="金河镇人民政府", title="金河镇人民政府2024年政府信息公开工作年度报告",
        date="2025年1月13日", published_on="2025-01-13",
        labels={"3.4.1": "1.本机关不掌握相关政府息", "3.3.5": "5.属与三类内部事务信息"},
        p2=p2_2021(lic=3, pun=1, force=0, fee="0"),
        p3=p3("2021", {"3.1": [6, 0, 0, 0, 0, 0], "3.3.5": [1, 0, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0]}),
        p4=p4(), warnings={"label_variant"}))
    out.append(dict(
        name="f2-thousands-dongshan-gaj-2022", family="F2", render="F2", fmt="2021", year=2022,
        variant="row per line, figures in the thousands in 三 (3.1 1,186 with a thousands separator) and 二",
        agency="东山市公安局", title="东山市公安局2022年政府信息公开工作年度报告",
        date="2023年1月17日", published_on="2023-01-17",
        post=[lambda s: s.replace("| 1186 |", "| 1,186 |").replace("| 1453 |", "| 1,453 |")],
        p2=p2_2021(norm=(3, 1, 22), lic=20417, pun=8833, force=412, fee="0"),
        p3=p3("2021", {"3.1": [1186, 23, 0, 0, 14, 2], "3.2": [97, 4, 0, 0, 1, 0], "3.3.7": [12, 0, 0, 0, 0, 0],
                       "3.4.1": [214, 9, 0, 0, 2, 0], "3.5.2": [31, 0, 0, 0, 0, 0]},
              carry_in=[19, 1, 0, 0, 0, 0], carry_out=[42, 2, 0, 0, 1, 0]),
        p4=p4(review=(9, 2, 1, 3), suit=(4, 0, 1, 2))))
    out.append(dict(
        name="f4-2019-longtan-jyj-2019", family="F4", render="F4", fmt="2019", year=2019, num_line=1, wrap=13,
        variant="pdftotext -layout, 2019 trial format (report year 2019), numbers on the middle line of wrapped "
                "labels, a label typo 重复申清",
        agency="龙潭县教育局", title="龙潭县教育局2019年政府信息公开工作年度报告",
        date="2020年2月3日", published_on="2020-02-03",
        labels={"3.5.2": "2.重复申清"},
        p2=p2_2019(norm=(3, 1, 26), lic=(6, 1, 88), oth=(2, 0, 12), pun=(1, 0, 4), fee=(0, 0), buy=(5, "236.18")),
        p3=p3("2019", {"3.1": [19, 2, 0, 0, 0, 1], "3.4.1": [6, 1, 0, 0, 0, 0], "3.5.2": [1, 0, 0, 0, 0, 0],
                       "3.6": [1, 0, 0, 0, 0, 0]}, carry_out=[2, 0, 0, 0, 0, 0]),
        p4=p4(review=(1, 0, 0, 0)), warnings={"label_variant"}))
    out.append(dict(
        name="f4-thousands-pingan-gaj-2025", family="F4", render="F4", fmt="2021", year=2025, wrap=15,
        variant="pdftotext -layout of a 公安局, four-digit figures in 三 and five-digit in 二, 2025 report",
        agency="平安市公安局", title="平安市公安局2025年政府信息公开工作年度报告",
        date="2026年1月23日", published_on="2026-01-23",
        p2=p2_2021(norm=(1, 0, 9), lic=31562, pun=12408, force=1377, fee="0"),
        p3=p3("2021", {"3.1": [1342, 18, 0, 0, 27, 3], "3.2": [106, 2, 0, 0, 0, 0], "3.3.7": [21, 0, 0, 0, 0, 0],
                       "3.4.1": [407, 6, 0, 1, 4, 0], "3.5.1": [58, 0, 0, 0, 0, 0]},
              carry_in=[36, 1, 0, 0, 0, 0], carry_out=[44, 0, 0, 0, 2, 0]),
        p4=p4(review=(12, 3, 1, 2), suit=(5, 1, 0, 1), after=(1, 0, 0, 0))))
    out.append(dict(
        name="f2-2019fw-hualin-xiang-2019", family="F2", render="F2", fmt="2019", year=2019, post=[
            between("二、主动公开政府信息情况", "四、政府信息公开行政复议", lambda s: s.translate(FW))],
        variant="row per line, 2019 trial format (report year 2019) with full-width digits in 二 and 三 "
                "(amount ２６.５, signed -１)",
        agency="华林乡人民政府", title="华林乡人民政府2019年政府信息公开工作年度报告",
        date="2020年1月15日", published_on="2020-01-15",
        p2=p2_2019(norm=(0, 0, 3), lic=(4, -1, 12), pun=(2, 0, 5), fee=(1, 0), buy=(1, "26.5")),
        p3=p3("2019", {"3.1": [3, 1, 0, 0, 0, 0], "3.5.2": [1, 0, 0, 0, 0, 0]}), p4=p4()))
    out.append(dict(
        name="f6-typo-dongyuan-jd-2023", family="F6", render="F6", fmt="2021", year=2023,
        labels={"3.4.1": "1.本机关不掌握相关政府信自", "3.3.8": "8.属于行政查询事顶"},
        variant="crawler dump with label typos (信自 for 信息, 事顶 for 事项) inside the run, single-digit figures",
        agency="东苑街道办事处", title="东苑街道办事处2023年政府信息公开工作年度报告", published_on="2024-01-18",
        date="2024年1月18日",
        p2=p2_2021(lic=0, pun=0, force=0, fee="0"),
        p3=p3("2021", {"3.1": [5, 1, 0, 0, 0, 0], "3.3.8": [1, 0, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0]},
              carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4(), warnings={"label_variant"}))
    t = p3("2019", {"3.1": [12, 3, 0, 0, 0, 0], "3.4.1": [4, 0, 0, 0, 0, 0], "3.6": [1, 0, 0, 0, 0, 0]},
           carry_out=[2, 0, 0, 0, 0, 0])
    t["3.1"][6] = 14                           # published: row total 14 for 15
    out.append(dict(
        name="f2-hybrid-yanhe-sfj-2024", family="F2", render="F2", fmt="2019", p2fmt="2021", year=2024,
        variant="2024 report printing （六）其他处理 as one row, with a published violation (3.1 total 14 for 15): "
                "import_report must store it",
        agency="沿河县司法局", title="沿河县司法局2024年政府信息公开工作年度报告",
        date="2025年1月20日", published_on="2025-01-20",
        p2=p2_2021(norm=(0, 1, 5), lic=22, pun=0, force=0, fee="0"), p3=t, p4=p4(),
        warnings={"hybrid_format"}))
    # ---------------------------------------------------------------- second round: shapes that may shift cells
    out.append(dict(
        name="f7-xuhao-linshan-zjj-2022", family="F7", render="F7X", fmt="2021", year=2022, xuhao=True,
        variant="HTML table 三 with a 序号 column (1, 2, 3 … in front of every data row)",
        agency="林山县住房和城乡建设局", title="林山县住房和城乡建设局2022年政府信息公开工作年度报告",
        date="2023年1月19日", published_on="2023-01-19",
        p2=p2_2021(norm=(1, 0, 13), lic=286, pun=19, force=0, fee="0"),
        p3=p3("2021", {"3.1": [14, 3, 0, 0, 1, 0], "3.2": [2, 0, 0, 0, 0, 0], "3.4.1": [6, 1, 0, 0, 0, 0],
                       "3.5.2": [1, 0, 0, 0, 0, 0]}, carry_in=[1, 0, 0, 0, 0, 0], carry_out=[2, 0, 0, 0, 0, 0]),
        p4=p4(review=(1, 0, 0, 0))))
    out.append(dict(
        name="f7-sup-meilin-jd-2023", family="F7", render="F7X", fmt="2021", year=2023, sup={"3.1": "1", "4": "2"},
        variant="HTML with footnote marks <sup>1</sup> after the first value of 3.1 and of 四 (notes under the table)",
        agency="梅林街道办事处", title="梅林街道办事处2023年政府信息公开工作年度报告",
        date="2024年1月16日", published_on="2024-01-16",
        p2=p2_2021(lic=0, pun=0, force=0, fee="0"),
        p3=p3("2021", {"3.1": [12, 1, 0, 0, 0, 0], "3.4.1": [3, 0, 0, 0, 0, 0]}, carry_out=[2, 0, 0, 0, 0, 0]),
        p4=p4()))
    out.append(dict(
        name="f7-digitspans-qiaoxi-wjw-2023", family="F7", render="F7X", fmt="2021", year=2023, digit_spans=True,
        variant="HTML from an editor that wraps every digit of a number in its own <span> (1 and 2 for 12)",
        agency="桥西区卫生健康局", title="桥西区卫生健康局2023年政府信息公开工作年度报告",
        date="2024年1月22日", published_on="2024-01-22",
        p2=p2_2021(norm=(0, 1, 11), lic=135, pun=27, force=0, fee="0"),
        p3=p3("2021", {"3.1": [31, 10, 0, 0, 2, 0], "3.2": [3, 0, 0, 0, 0, 0], "3.4.1": [12, 4, 0, 0, 0, 0],
                       "3.5.1": [2, 0, 0, 0, 0, 0]}, carry_in=[3, 1, 0, 0, 0, 0], carry_out=[4, 0, 0, 0, 0, 0]),
        p4=p4(review=(2, 0, 1, 0), suit=(1, 0, 0, 0))))

    def xuhao_rows(text):
        a = text.index("一、本年新收")
        b = text.index("四、政府信息公开行政复议")
        lines = text[a:b].split("\n")
        n = 0
        for i, l in enumerate(lines):
            if l.count("|") >= 7:
                n += 1
                lines[i] = "%d | %s" % (n, l)
        return text[:a] + "\n".join(lines) + text[b:]

    out.append(dict(
        name="f2-xuhao-shuangqiao-xiang-2022", family="F2", render="F2", fmt="2021", year=2022, post=[xuhao_rows],
        variant="row per line with a 序号 cell (1 | 2 | …) in front of every row of 三",
        agency="双桥乡人民政府", title="双桥乡人民政府2022年政府信息公开工作年度报告",
        date="2023年1月12日", published_on="2023-01-12",
        p2=p2_2021(lic=2, pun=0, force=0, fee="0"),
        p3=p3("2021", {"3.1": [3, 0, 0, 0, 0, 0], "3.3.8": [1, 0, 0, 0, 0, 0], "3.4.1": [1, 1, 0, 0, 0, 0]}),
        p4=p4()))
    out.append(dict(
        name="f2-annot-hengshan-rsj-2023", family="F2", render="F2", fmt="2021", year=2023,
        post=[lambda s: s.replace("（一）予以公开 | 17 |", "（一）予以公开 | 17（其中网上申请5） |")],
        variant="row per line with an annotation inside a cell: 17（其中网上申请5）",
        agency="衡山县人力资源和社会保障局", title="衡山县人力资源和社会保障局2023年政府信息公开工作年度报告",
        date="2024年1月25日", published_on="2024-01-25",
        p2=p2_2021(norm=(2, 0, 21), lic=540, pun=3, force=0, fee="0"),
        p3=p3("2021", {"3.1": [17, 2, 0, 0, 0, 0], "3.4.1": [4, 0, 0, 0, 0, 0], "3.5.2": [1, 0, 0, 0, 0, 0]},
              carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4(review=(1, 0, 0, 0)), warnings={"cell_annotation"}))

    def numbered(min_values):
        """A post-processor writing a 序号 (1, 2, 3 …) before every line of table 三 holding at least
        min_values numbers (its data rows), in place of the line's indent or before it."""
        def post(text):
            a = text.index("一、本年新收")
            a = text.rindex("\n", 0, a) + 1
            b = text.index("四、政府信息公开行政复议")
            lines = text[a:b].split("\n")
            n = 0
            for i, l in enumerate(lines):
                if len(re.findall(r"(?<![0-9.])[0-9]+(?![0-9.])", l)) >= min_values:
                    n += 1
                    lines[i] = ("%-3d" % n + l[3:]) if l.startswith("   ") else "%d\t%s" % (n, l)
            return text[:a] + "\n".join(lines) + text[b:]
        return post

    out.append(dict(
        name="f4-xuhao-baishui-sfj-2022", family="F4", render="F4", fmt="2021", year=2022, wrap=14,
        post=[numbered(7)],
        variant="pdftotext -layout with a 序号 column (1 … 25 before the value line of every row of 三, "
                "wrapped labels)",
        agency="白水县司法局", title="白水县司法局2022年政府信息公开工作年度报告",
        date="2023年1月17日", published_on="2023-01-17",
        p2=p2_2021(norm=(0, 1, 7), lic=64, pun=11, force=0, fee="0"),
        p3=p3("2021", {"3.1": [7, 2, 0, 0, 0, 0], "3.2": [1, 0, 0, 0, 0, 0], "3.3.8": [2, 0, 0, 0, 0, 0],
                       "3.4.1": [3, 1, 0, 0, 0, 0]}, carry_in=[1, 0, 0, 0, 0, 0], carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4(review=(1, 1, 0, 0))))
    out.append(dict(
        name="f2-xuhao-tab2019-gushan-zhen-2020", family="F2", render="F2", fmt="2019", year=2020, sep="\t",
        trail="", post=[numbered(7)],
        variant="single tabs between cells, 2019 trial format (2020), a 序号 cell before every row of 三",
        agency="孤山镇人民政府", title="孤山镇人民政府2020年政府信息公开工作年度报告",
        date="2021年1月14日", published_on="2021-01-14",
        p2=p2_2019(norm=(0, 0, 2), lic=(5, 0, 17), pun=(2, 0, 6), fee=(0, 0), buy=(0, "0")),
        p3=p3("2019", {"3.1": [4, 1, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0], "3.6": [1, 0, 0, 0, 0, 0]},
              carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4()))
    out.append(dict(
        name="f2-annot2-qingyuan-swj-2020", family="F2", render="F2", fmt="2019", year=2020,
        post=[lambda s: re.sub(r"(一、本年新收政府信息公开申请数量 \| )([0-9]+)", r"\g<1>\g<2>(含网上申请12件)", s, 1),
              lambda s: re.sub(r"(（一）予以公开 \| )([0-9]+)", r"\g<1>\g<2> （其中当场答复3）", s, 1)],
        variant="row per line, 2019 format, annotations in two rows: N(含网上申请12件) in 一 and 18 （其中当场答复3） in 3.1",
        agency="清源县水务局", title="清源县水务局2020年政府信息公开工作年度报告",
        date="2021年1月21日", published_on="2021-01-21",
        p2=p2_2019(norm=(1, 0, 6), lic=(9, 0, 40), pun=(3, 0, 8), fee=(0, 0), buy=(0, "0")),
        p3=p3("2019", {"3.1": [18, 1, 0, 0, 0, 0], "3.4.1": [6, 0, 0, 0, 0, 0], "3.5.2": [2, 0, 0, 0, 0, 0],
                       "3.6": [3, 0, 0, 0, 0, 0]}, carry_out=[2, 0, 0, 0, 0, 0]),
        p4=p4(review=(0, 1, 0, 0)), warnings={"cell_annotation"}))
    out.append(dict(
        name="f7-xuhao2019-yunxi-xiang-2020", family="F7", render="F7X", fmt="2019", year=2020, xuhao=True,
        variant="HTML, 2019 trial format (2020), table 三 with a 序号 column",
        agency="云溪乡人民政府", title="云溪乡人民政府2020年政府信息公开工作年度报告",
        date="2021年1月19日", published_on="2021-01-19",
        p2=p2_2019(norm=(0, 0, 4), lic=(2, 0, 9), pun=(0, 0, 1), fee=(0, 0), buy=(0, "0")),
        p3=p3("2019", {"3.1": [3, 0, 0, 0, 0, 0], "3.3.8": [1, 0, 0, 0, 0, 0], "3.4.1": [2, 1, 0, 0, 0, 0]}),
        p4=p4()))

    def notes(text):
        a = text.index("四、政府信息公开行政复议")
        b = text.index("五、存在的主要问题")
        n3 = "注：1.表中“其他”指其他组织申请人；2.结转下年度的申请均已于次年1月办结。\n"
        n4 = "注：3.行政诉讼案件中1件为上年度结转。\n"
        return text[:a] + n3 + text[a:b] + n4 + text[b:]

    out.append(dict(
        name="f2-notes-fengcheng-jtj-2022", family="F2", render="F2", fmt="2021", year=2022, post=[notes],
        variant="row per line with numbered notes under table 三 (注：1.…；2.…) and under table 四 (注：3.…1件…)",
        agency="凤城县交通运输局", title="凤城县交通运输局2022年政府信息公开工作年度报告",
        date="2023年1月20日", published_on="2023-01-20",
        p2=p2_2021(norm=(1, 0, 9), lic=73, pun=121, force=6, fee="0"),
        p3=p3("2021", {"3.1": [9, 2, 0, 0, 0, 0], "3.4.1": [3, 0, 0, 0, 0, 0]}, carry_out=[2, 0, 0, 0, 0, 0]),
        p4=p4(suit=(0, 0, 0, 1))))
    t = p3("2021", {"3.1": [23, 4, 0, 0, 1, 0], "3.2": [3, 1, 0, 0, 0, 0], "3.4.1": [8, 0, 0, 0, 0, 0]},
           carry_in=[2, 0, 0, 0, 0, 0], carry_out=[3, 0, 0, 0, 0, 0])
    t["3.2"] = [3, None, 0, 0, 0, 0, 4]        # printed: the 商业企业 cell of 3.2 left blank
    out.append(dict(
        name="f4-blankmid-xiaohe-jyj-2022", family="F4", render="F4", fmt="2021", year=2022, blank="",
        variant="pdftotext -layout with one blank cell inside a row (3.2's 商业企业): six numbers for seven columns",
        agency="小河县教育局", title="小河县教育局2022年政府信息公开工作年度报告",
        date="2023年1月31日", published_on="2023-01-31",
        p2=p2_2021(norm=(2, 1, 19), lic=211, pun=4, force=0, fee="0"), p3=t,
        p4=p4(review=(1, 0, 0, 0))))
    # blank cells in other columns of F4 rows, read by the columns the numbers line up with
    t = p3("2021", {"3.1": [12, 3, 0, 0, 1, 0], "3.2": [2, 0, 0, 0, 0, 0], "3.4.1": [5, 1, 0, 0, 0, 0],
                    "3.5.3": [1, 0, 0, 0, 0, 0]}, carry_in=[1, 0, 0, 0, 0, 0], carry_out=[2, 1, 0, 0, 0, 0])
    t["3.1"] = [None, 3, 0, 0, 1, 0, 16]       # printed: the 自然人 cell of 3.1 left blank
    t["3.4.1"] = [5, 1, 0, 0, 0, 0, None]      # printed: the 总计 cell of 3.4.1 left blank
    out.append(dict(
        name="f4-blankedge-qinghe-wsj-2023", family="F4", render="F4", fmt="2021", year=2023, blank="", wrap=20,
        variant="pdftotext -layout with blank cells at the edges: 3.1's 自然人 (first column), 3.4.1's 总计 (last "
                "column), 2.1.2's 本年废止件数; labels up to 20 characters on one line",
        agency="清河县卫生健康委员会", title="清河县卫生健康委员会2023年政府信息公开工作年度报告",
        date="2024年1月26日", published_on="2024-01-26",
        p2=p2_2021(reg=(0, 0, 1), norm=(3, None, 24), lic=1376, pun=58, force=2, fee="0"), p3=t,
        p4=p4(review=(2, 1, 0, 0), suit=(1, 0, 0, 0))))
    t = p3("2021", {"3.1": [6, 2, 0, 0, 0, 0], "3.2": [2, 1, 0, 0, 0, 0], "3.4.1": [3, 0, 0, 0, 0, 0],
                    "3.5.2": [3, 0, 0, 0, 0, 0]}, carry_out=[1, 0, 0, 0, 0, 0])
    t["3.2"] = [2, None, None, 0, 0, 0, 3]     # printed: two blank cells in one row
    t["3.5.2"] = [3, None, 0, 0, 0, 0, 2]      # printed: a blank and a total below the cells read
    four = p4(review=(1, 0, 0, 1))
    four[2] = None                             # printed: part 四's 其他结果 of 行政复议 left blank
    exp3 = p3_json("2021", t)
    exp3["3.5.2"] = [None] * 7                 # the rule (total >= the cells read) refuses the placement
    out.append(dict(
        name="f4-blanktwo-shiqiao-zhen-2022", family="F4", layout="F8", render="F4", fmt="2021", year=2022, blank="", wrap=14,
        variant="pdftotext -layout with two blank cells in 3.2 (商业企业, 科研机构); 3.5.2 printed with a blank and "
                "a total below its other cells (not placed: blank, columns_unrecoverable); part 四 with a blank cell "
                "(one row of values, no complete row to tell its columns: blank, columns_unrecoverable)",
        agency="石桥镇人民政府", title="石桥镇人民政府2022年政府信息公开工作年度报告",
        date="2023年1月16日", published_on="2023-01-16",
        p2=p2_2021(norm=(0, 0, 2), lic=14, pun=3, force=0, fee="0"), p3=t, p4=four,
        exp_p3=exp3, exp_p4=[None] * 15, complete=False, warnings={"columns_unrecoverable"}))
    # F6 with figures in the thousands: the expected cells come from scripts/corpus/splitrun.py (every
    # split of every run, then the rules across rows), not from the parser
    d = dict(
        name="f6-thousands-jiangbei-gaj-2023", family="F6", render="F6", fmt="2021", year=2023,
        variant="crawler dump of a 公安局: four-digit figures glued into the runs of 一, (一), (四)1 and (七)",
        agency="江北区公安分局", title="江北区公安分局2023年政府信息公开工作年度报告", published_on="2024-01-19",
        date="2024年1月19日",
        p2=p2_2021(norm=(0, 0, 4), lic=12873, pun=3406, force=219, fee="0"),
        p3=p3("2021", {"3.1": [1046, 12, 0, 0, 31, 4], "3.2": [88, 1, 0, 0, 2, 0], "3.3.7": [17, 0, 0, 0, 0, 0],
                       "3.4.1": [312, 5, 0, 0, 3, 0], "3.5.1": [41, 0, 0, 0, 0, 0]},
              carry_in=[27, 0, 0, 0, 1, 0], carry_out=[35, 1, 0, 0, 0, 0]),
        p4=p4(review=(14, 3, 2, 4), suit=(6, 1, 0, 3), after=(2, 0, 0, 1)))
    f6_expect(d)
    out.append(d)
    out.append(dict(
        name="f1-heji-shuiquan-zhen-2023", family="F1", render="F1", fmt="2021", year=2023,
        labels={"3.7": "（七）合计"},
        variant="| lines with the variant wording （七）合计 for （七）总计",
        agency="水泉镇人民政府", title="水泉镇人民政府2023年政府信息公开工作年度报告",
        date="2024年1月17日", published_on="2024-01-17",
        p2=p2_2021(lic=4, pun=2, force=0, fee="0"),
        p3=p3("2021", {"3.1": [5, 1, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0]}), p4=p4(),
        warnings={"label_variant"}))

    def seps(text):
        return re.sub(r">(\d)(\d{3})<", r">\1,\2<", text)

    out.append(dict(
        name="f7-seps-nanhai-gaj-2022", family="F7", render="F7X", fmt="2021", year=2022, post=[seps],
        variant="HTML of a 公安局 with thousands separators in every four-digit cell of 二 and 三 (1,046; 12,873 stays 12873)",
        agency="南海区公安分局", title="南海区公安分局2022年政府信息公开工作年度报告",
        date="2023年1月29日", published_on="2023-01-29",
        p2=p2_2021(norm=(1, 0, 8), lic=12873, pun=3406, force=219, fee="0"),
        p3=p3("2021", {"3.1": [1046, 12, 0, 0, 31, 4], "3.2": [88, 1, 0, 0, 2, 0], "3.4.1": [312, 5, 0, 0, 3, 0],
                       "3.5.1": [41, 0, 0, 0, 0, 0]}, carry_in=[27, 0, 0, 0, 1, 0], carry_out=[35, 1, 0, 0, 0, 0]),
        p4=p4(review=(4, 1, 0, 2))))
    out.append(dict(
        name="f5-seps-dongjiang-gaj-2023", family="F5", render="F5", fmt="2021", year=2023,
        post=[lambda s: re.sub(r"(?m)^(\d)(\d{3})$", r"\1,\2", s)],
        variant="reading order with thousands separators on four-digit values (1,120)",
        agency="东江县公安局", title="东江县公安局2023年政府信息公开工作年度报告",
        date="2024年1月24日", published_on="2024-01-24",
        p2=p2_2021(norm=(0, 1, 6), lic=318, pun=96, force=4, fee="0"),
        p3=p3("2021", {"3.1": [1120, 6, 0, 0, 12, 1], "3.4.1": [204, 2, 0, 0, 1, 0], "3.5.2": [9, 0, 0, 0, 0, 0]},
              carry_in=[11, 0, 0, 0, 0, 0], carry_out=[16, 0, 0, 0, 0, 0]),
        p4=p4(review=(2, 0, 0, 1))))
    # ---------------------------------------------------------------- F8 cuts
    fmt = "2021"
    d = dict(
        name="f8-cuthead-anle-zhen-2022", family="F8", render="F2", fmt=fmt, year=2022,
        post=[cut_at("自然人 | 法人或其他组织", len("自然人 | 法人"))],
        variant="row-per-line copy cut off inside part 三's column header (after 自然人 | 法人): 二 whole, 三 and 四 missing",
        agency="安乐镇人民政府", title="安乐镇人民政府2022年政府信息公开工作年度报告",
        p2=p2_2021(norm=(0, 0, 4), lic=5, pun=2, force=0, fee="0"),
        p3=p3(fmt, {"3.1": [3, 0, 0, 0, 0, 0]}), p4=p4(), exp_p3=None, exp_p4=None, complete=False, exp_format=None,
        warnings=CUT_W, violations=[], cut=True)
    out.append(d)
    d = dict(
        name="f8-cutrow-sanhe-xiang-2023", family="F8", render="F1", fmt=fmt, year=2023,
        post=[cut_at("3.要求提供公开出版物")],
        variant="| line copy cut off between two rows of 三 (after 3.5.2's last |): rows up to 3.5.2 read",
        agency="三河乡人民政府", title="三河乡人民政府2023年政府信息公开工作年度报告",
        p2=p2_2021(lic=1, pun=0, force=0, fee="0"),
        p3=p3(fmt, {"3.1": [4, 0, 0, 0, 0, 0], "3.5.2": [1, 0, 0, 0, 0, 0]}), p4=p4(), exp_p4=None,
        complete=False, warnings=CUT_W, cut=True)
    d["exp_p3"] = rows_from(fmt, p3_json(fmt, d["p3"]), "3.5.3")
    d["violations"] = ["P3-BALANCE", "P3-HANDLED-TOTAL"]
    out.append(d)
    d = dict(
        name="f8-cutrow2-yuhe-jd-2022", family="F8", render="F2", fmt=fmt, year=2022,
        post=[cut_at("\n", 1, occurrence_of="1.本机关不掌握相关政府信息")],
        variant="row-per-line copy cut off at the end of the line of 3.4.1 (newline kept): rows up to 3.4.1 read",
        agency="玉河街道办事处", title="玉河街道办事处2022年政府信息公开工作年度报告",
        p2=p2_2021(lic=0, pun=0, force=0, fee="0"),
        p3=p3(fmt, {"3.1": [6, 1, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0]}, carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4(), exp_p4=None, complete=False, warnings=CUT_W, cut=True)
    d["exp_p3"] = rows_from(fmt, p3_json(fmt, d["p3"]), "3.4.2")
    d["violations"] = ["P3-BALANCE", "P3-HANDLED-TOTAL"]
    out.append(d)
    d = dict(
        name="f8-cutfour-gaoqiao-rsj-2023", family="F8", render="F2", fmt=fmt, year=2023,
        post=[cut_at("3 | 1 | 0 | 2 | 6 | 1 |", len("3 | 1 | 0 | 2 | 6 | 1 |"), occurrence_of="四、政府信息公开行政复议")],
        variant="row-per-line copy cut off inside part 四's row of values after the sixth value (and its |)",
        agency="高桥县人力资源和社会保障局", title="高桥县人力资源和社会保障局2023年政府信息公开工作年度报告",
        p2=p2_2021(norm=(2, 1, 18), lic=371, pun=12, force=0, fee="0"),
        p3=p3(fmt, {"3.1": [28, 5, 0, 0, 1, 0], "3.4.1": [10, 1, 0, 0, 0, 0], "3.5.1": [3, 0, 0, 0, 0, 0]},
              carry_in=[2, 0, 0, 0, 0, 0], carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4(review=(3, 1, 0, 2), suit=(1, 0, 0, 0)), complete=False, warnings={"truncated", "part_missing"},
        cut=True)
    d["exp_p4"] = [3, 1, 0, 2, 6, 1] + [None] * 9
    out.append(d)
    d = dict(
        name="f8-cutfour6-lingxi-xiang-2022", family="F6", layout="F8", render="F6", fmt=fmt, year=2022,
        post=[cut_at("尚未审结总计1", 12,
                     occurrence_of="四、政府信息公开行政复议")],
        variant="crawler dump cut off inside part 四's digit run (after 6 of its 15 digits)",
        agency="灵溪乡人民政府", title="灵溪乡人民政府2022年政府信息公开工作年度报告", published_on="2023-01-12",
        date="2023年1月12日",
        p2=p2_2021(lic=1, pun=0, force=0, fee="0"),
        p3=p3(fmt, {"3.1": [2, 0, 0, 0, 0, 0], "3.4.1": [1, 0, 0, 0, 0, 0]}), p4=p4(review=(1, 0, 0, 0)),
        exp_p4=[None] * 15, complete=False, cut=True,
        warnings={"truncated", "part_missing", "columns_unrecoverable"})
    out.append(d)
    d = dict(
        name="f8-cut2019-shijing-zhen-2020", family="F8", render="F2", fmt="2019", year=2020,
        post=[cut_at("（六）其他处理")],
        variant="row-per-line copy of the 2019 trial format (2020) cut off just before the one-row （六）其他处理",
        agency="石井镇人民政府", title="石井镇人民政府2020年政府信息公开工作年度报告",
        p2=p2_2019(norm=(0, 0, 1), lic=(3, 0, 9), pun=(1, 0, 2), fee=(0, 0), buy=(0, "0")),
        p3=p3("2019", {"3.1": [2, 0, 0, 0, 0, 0], "3.4.1": [1, 0, 0, 0, 0, 0]}), p4=p4(), exp_p4=None,
        complete=False, warnings=CUT_W, cut=True)
    d["exp_p3"] = rows_from("2019", p3_json("2019", d["p3"]), "3.6")
    d["violations"] = ["P3-BALANCE", "P3-HANDLED-TOTAL"]
    out.append(d)
    return out


def main():
    only = sys.argv[1:]
    n = 0
    for d in docs():
        if only and d["name"] not in only and d["family"] not in only:
            continue
        root = os.path.join(ROOT, "corpus-pending" if d["name"] in PENDING else "corpus")
        render2.write(d, root)
        if "exp_format" in d:     # the format of part 三 when the copy does not show it
            path = os.path.join(root, d["family"], d["name"] + ".expected.json")
            with open(path) as f:
                e = json.load(f)
            e["format"] = d["exp_format"]
            with open(path, "w") as f:
                f.write(json.dumps(e, ensure_ascii=False, indent=1) + "\n")
        n += 1
    print("%d documents written" % n)


if __name__ == "__main__":
    main()
