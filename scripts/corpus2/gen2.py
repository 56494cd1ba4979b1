#!/usr/bin/env python3
"""Write the second corpus of published reports (issue #9's adversarial documents): each document's
figures are chosen below; the expected result follows from them and from what the copy loses.
Run from the repository root: python3 scripts/corpus2/gen2.py  (needs uconv from icu-devtools).
Documents listed in PENDING (they still fail) go to test/corpus-pending/<family>/ (none at present),
the others to test/corpus/<family>/."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from figs import p3, p4, p2_2021, p2_2019, blank_rows, p2_json, p3_json, data_rows3  # noqa: E402
from render2 import write  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test")
PENDING = set()
SIX = ["3.6.1", "3.6.2", "3.6.3"]


def nulls(fmt, rows=None):
    """Expected table 三 with every cell blank (rows: only those rows, from a given table)."""
    return p3_json(fmt, {c: [None] * 7 for c in data_rows3(fmt)})


def docs():
    out = []
    # ---------------------------------------------------------------- F1
    out.append(dict(
        name="f1-hexi-xiang-2019", family="F1", render="F1", fmt="2019", year=2019,
        variant="2019 trial format (report year 2019) as | lines: signed 本年增/减, 2.9 amount with decimals, blanks as ／",
        agency="河西乡人民政府", title="河西乡人民政府2019年政府信息公开工作年度报告",
        date="2020年1月16日", published_on="2020-01-16", blank="／",
        p2=p2_2019(norm=(2, 2, 11), lic=(14, -2, 37), oth=(5, 1, 9), pun=(3, 0, 6), force=(1, 0, 0), fee=(2, -1),
                   buy=(3, "86.5")),
        p3=blank_rows(p3("2019", {"3.1": [2, 1, 0, 0, 0, 0], "3.4.1": [1, 0, 0, 0, 0, 0], "3.6": [1, 0, 0, 0, 0, 0]},
                         carry_out=[1, 0, 0, 0, 0, 0]), []),
        p4=p4(review=(1, 0, 0, 0)),
        apps_sentence="全年共收到政府信息公开申请6件，均按期答复。",
        breaks={"本年新制作数量": "本年新制\n作数量", "其他对外管理服务事项": "其他对外管理\n服务事项"}))
    d = dict(
        name="f1-songyuan-sbj-2022", family="F1", render="F1", fmt="2021", year=2022, trad=True,
        variant="traditional scraped copy; 权益 substituted by 权利 in a label, stray spaces in labels, three-digit figures, fee 3.75 万元",
        agency="松源县社会保险事业管理局", title="松源县社会保险事业管理局2022年政府信息公开工作年度报告",
        date="2023年1月29日", published_on="2023-01-29",
        p2=p2_2021(norm=(4, 1, 26), lic=(1203), pun=(0), force=(0), fee="3.75"),
        p3=p3("2021", {"3.1": [118, 12, 0, 1, 3, 4], "3.2": [21, 2, 0, 0, 1, 0], "3.3.4": [3, 1, 0, 0, 0, 0],
                       "3.4.1": [96, 7, 0, 0, 2, 1], "3.4.3": [4, 0, 0, 0, 0, 0], "3.5.2": [11, 0, 0, 0, 0, 0],
                       "3.6.1": [2, 0, 0, 0, 0, 0]},
              carry_in=[7, 1, 0, 0, 0, 0], carry_out=[9, 0, 0, 0, 1, 0]),
        p4=p4(review=(4, 1, 0, 2), suit=(2, 0, 1, 1)),
        labels={"3.3.4": "4.保护第三方合法权利", "3.1": "（一） 予以公开", "3.4.2": "2.没有现成信息 需要另行制作"},
        warnings={"label_variant"})
    d["exp_agency"] = d["agency"]
    out.append(d)
    t = p3("2021", {"3.1": [3, 0, 0, 0, 0, 0], "3.4.1": [2, 1, 0, 0, 0, 0], "3.5.1": [1, 0, 0, 0, 0, 0]})
    t["3.7"] = [5, 1, 0, 0, 0, 0, 6]          # published: not the sum of the outcomes (7)
    t["3.6.2"] = [None] * 7
    t["3.6.3"] = [None] * 7
    pp = p4(review=(1, 0, 1, 0), suit=(1, 0, 0, 0))
    pp[4] = 1                                  # published: 复议 总计 1 beside 1+0+1+0
    out.append(dict(
        name="f1-qiaotou-zhen-2023", family="F1", render="F1", fmt="2021", year=2023, blank="/",
        variant="published violations (P3-HANDLED-TOTAL, P3-BALANCE, P4-TOTAL); narrative quotes 9 new requests, the table 7",
        agency="桥头镇人民政府", title="桥头镇人民政府2023年政府信息公开工作年度报告",
        date="2024年1月10日", published_on="2024-01-10",
        p2=p2_2021(lic=0, pun=12, force=0), p3=t, p4=pp,
        apps_sentence="本年共收到政府信息公开申请9件，已全部办结。", warnings={"text_contradicts_table"}))
    # ---------------------------------------------------------------- F2
    out.append(dict(
        name="f2-hedong-gxj-2022", family="F2", render="F2", fmt="2021", year=2022, sep="\t", trail="",
        group_own_line=True, yuan=True,
        variant="cells separated by tabs, group labels on their own line, fee printed in 元 (251000元)",
        agency="河东区工业和信息化局", title="河东区工业和信息化局2022年政府信息公开工作年度报告",
        date="2023年1月31日", published_on="2023-01-31",
        p2=p2_2021(reg=(0, 0, 0), norm=(1, 0, 8), lic=64, pun=3, force=0, fee="25.1"),
        p3=p3("2021", {"3.1": [4, 2, 0, 0, 0, 0], "3.3.2": [0, 1, 0, 0, 0, 0], "3.4.1": [3, 0, 0, 0, 1, 0]},
              carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4()))
    out.append(dict(
        name="f2-baishui-zhen-2020", family="F2", render="F2", fmt="2019", year=2020, blank="—",
        variant="2019 trial format (2020) row per line; blanks as —; narrative quotes '申请 6 件' with spaces against 5 in the table",
        agency="白水镇人民政府", title="白水镇人民政府2020年政府信息公开工作年度报告",
        date="2021年1月20日", published_on="2021-01-20",
        p2=p2_2019(norm=(0, 0, 4), lic=(6, 2, 18), oth=(None, None, None), pun=(1, 0, 2), force=(0, 0, 0),
                   fee=(0, 0), buy=(None, None)),
        p3=p3("2019", {"3.1": [2, 0, 0, 0, 0, 0], "3.2": [1, 0, 0, 0, 0, 0], "3.4.1": [1, 0, 0, 0, 0, 0],
                       "3.6": [0, 1, 0, 0, 0, 0]}),
        p4=p4(), apps_sentence="本年共收到政府信息公开申请 6 件，均在法定期限内答复。",
        warnings={"text_contradicts_table"}))
    out.append(dict(
        name="f2-jinshan-swj-2024", family="F2", render="F2", fmt="2019", p2fmt="2021", year=2024, sep="|", lead="|", trail="|",
        variant="2024 report printing （六）其他处理 as one row; |cell|cell| with no spaces; three-digit figures",
        agency="金山市商务局", title="金山市商务局2024年政府信息公开工作年度报告",
        date="2025年1月22日", published_on="2025-01-22",
        p2=p2_2021(norm=(3, 2, 17), lic=318, pun=27, force=2, fee="0"),
        p3=p3("2019", {"3.1": [104, 37, 2, 0, 6, 3], "3.2": [12, 8, 0, 0, 1, 0], "3.3.1": [1, 0, 0, 0, 0, 0],
                       "3.3.6": [5, 2, 0, 0, 0, 0], "3.4.1": [23, 9, 0, 1, 0, 0], "3.4.2": [2, 0, 0, 0, 0, 0],
                       "3.5.3": [1, 0, 0, 0, 0, 0], "3.6": [3, 1, 0, 0, 0, 0]},
              carry_in=[6, 2, 0, 0, 0, 0], carry_out=[11, 4, 0, 0, 1, 0]),
        p4=p4(review=(6, 1, 2, 1), suit=(3, 0, 1, 2), after=(1, 0, 0, 0)), warnings={"hybrid_format"}))
    fw = str.maketrans("0123456789", "０１２３４５６７８９")

    def fullwidth_p3(text):
        a = text.index("一、本年新收")
        b = text.index("四、政府信息公开行政复议")
        return text[:a] + text[a:b].translate(fw) + text[b:]

    out.append(dict(
        name="f2-dashi-zhen-2021", family="F2", render="F2", fmt="2021", year=2021, post=[fullwidth_p3],
        variant="row per line with full-width digits in table 三 (a word-processor export), blanks as 无 in 3.6.2/3.6.3",
        agency="大石镇人民政府", title="大石镇人民政府2021年政府信息公开工作年度报告", blank="无",
        date="2022年1月14日", published_on="2022-01-14",
        p2=p2_2021(lic=7, pun=16, force=0, fee="0"),
        p3=blank_rows(p3("2021", {"3.1": [12, 1, 0, 0, 0, 0], "3.4.1": [3, 0, 0, 0, 0, 0], "3.3.4": [1, 0, 0, 0, 0, 0]},
                         carry_in=[1, 0, 0, 0, 0, 0], carry_out=[2, 0, 0, 0, 0, 0]), ["3.6.2", "3.6.3"]),
        p4=p4(review=(1, 0, 0, 0))))
    # ---------------------------------------------------------------- F3
    out.append(dict(
        name="f3-longquan-jtj-2022", family="F3", render="F3", fmt="2021", year=2022,
        variant="values and | on their own lines; heading typo 处里 for 处理; three-digit figures, many zeros",
        agency="龙泉县交通运输局", title="龙泉县交通运输局2022年政府信息公开工作年度报告",
        date="2023年1月18日", published_on="2023-01-18",
        headings={2: "三、收到和处里政府信息公开申请情况"},
        p2=p2_2021(norm=(2, 1, 15), lic=2104, pun=486, force=31, fee="0"),
        p3=p3("2021", {"3.1": [131, 4, 0, 0, 0, 0], "3.4.1": [12, 0, 0, 0, 0, 0]}, carry_out=[2, 0, 0, 0, 0, 0]),
        p4=p4(review=(2, 0, 0, 1)), warnings={"label_variant"}))
    out.append(dict(
        name="f3-fengyi-jd-2020", family="F3", render="F3", fmt="2019", year=2020,
        variant="2019 trial format (2020) with values and | on their own lines; 2.9 amount 1250.8 万元; signed -3",
        agency="凤仪街道办事处", title="凤仪街道办事处2020年政府信息公开工作年度报告",
        date="2021年3月2日", published_on="2021-03-02",
        p2=p2_2019(norm=(0, 0, 2), lic=(8, -3, 41), pun=(2, 0, 5), fee=(1, 0), buy=(12, "1250.8")),
        p3=p3("2019", {"3.1": [5, 0, 0, 0, 0, 1], "3.5.1": [2, 0, 0, 0, 0, 0]}, carry_in=[1, 0, 0, 0, 0, 0]),
        p4=p4()))
    t = p3("2021", {"3.1": [16, 3, 0, 0, 2, 0], "3.3.3": [1, 0, 0, 0, 0, 0], "3.4.1": [9, 1, 0, 0, 0, 0]},
           carry_in=[2, 0, 0, 0, 0, 0], carry_out=[3, 0, 0, 0, 0, 0])
    t["3.1"][6] = 20                           # published: row total 20 for 21
    t["4"] = [4, 0, 0, 0, 0, 0, 4]            # published: carry-out 4 breaks 一+二 = 三+四 in np and total
    out.append(dict(
        name="f3-anping-rsj-2023", family="F3", render="F3", fmt="2021", year=2023, blank="-",
        variant="published violations (P3-COLUMN-TOTAL on 3.1, P3-BALANCE); blanks as - in 3.6.2/3.6.3",
        agency="安平县人力资源和社会保障局", title="安平县人力资源和社会保障局2023年政府信息公开工作年度报告",
        date="2024年1月26日", published_on="2024-01-26",
        p2=p2_2021(norm=(5, 3, 40), lic=977, pun=14, force=0, fee="0"),
        p3=blank_rows(t, ["3.6.2", "3.6.3"]), p4=p4(suit=(1, 1, 0, 0))))
    # ---------------------------------------------------------------- F4
    out.append(dict(
        name="f4-shuangxi-ybj-2023", family="F4", render="F4", fmt="2021", year=2023,
        variant="pdftotext -layout: page number and form feed before 3.4.1 with the column headers repeated; wrapped labels with the numbers on their first line",
        agency="双溪市医疗保障局", title="双溪市医疗保障局2023年政府信息公开工作年度报告",
        date="2024年1月19日", published_on="2024-01-19", page_break_before="3.4.1", repeat_header=True,
        page_no=4, num_line=0, wrap=14,
        p2=p2_2021(norm=(2, 0, 12), lic=35, pun=58, force=0, fee="0"),
        p3=p3("2021", {"3.1": [27, 3, 0, 0, 0, 0], "3.2": [4, 0, 0, 0, 0, 0], "3.3.6": [1, 0, 0, 0, 0, 0],
                       "3.4.1": [12, 2, 0, 0, 1, 0], "3.5.5": [2, 0, 0, 0, 0, 0], "3.6.3": [1, 0, 0, 0, 0, 0]},
              carry_in=[3, 0, 0, 0, 0, 0], carry_out=[2, 1, 0, 0, 0, 0]),
        p4=p4(review=(2, 0, 1, 0))))
    out.append(dict(
        name="f4-tiehe-zrzy-2020", family="F4", render="F4", fmt="2019", year=2020,
        variant="2019 trial format (2020) in pdftotext -layout; numbers on the last line of wrapped labels; page break before （六） without repeated headers",
        agency="铁河县自然资源局", title="铁河县自然资源局2020年政府信息公开工作年度报告",
        date="2021年1月28日", published_on="2021-01-28", page_break_before="3.6", page_no=6, num_line=2, wrap=12,
        p2=p2_2019(norm=(1, 1, 9), lic=(22, 4, 318), oth=(3, 0, 12), pun=(5, -1, 44), force=(0, 0, 0), fee=(3, -2),
                   buy=(4, "312.46")),
        p3=p3("2019", {"3.1": [38, 6, 0, 0, 2, 1], "3.2": [5, 1, 0, 0, 0, 0], "3.3.4": [2, 0, 0, 0, 0, 0],
                       "3.4.1": [17, 3, 0, 0, 0, 0], "3.4.3": [1, 0, 0, 0, 0, 0], "3.5.2": [3, 0, 0, 0, 0, 0],
                       "3.6": [2, 0, 0, 0, 0, 0]},
              carry_in=[4, 1, 0, 0, 0, 0], carry_out=[6, 0, 0, 0, 1, 0]),
        p4=p4(review=(5, 1, 1, 1), suit=(2, 0, 0, 1), after=(1, 0, 0, 0))))
    out.append(dict(
        name="f4-minle-zhen-2022", family="F4", render="F4", fmt="2021", year=2022,
        variant="pdftotext -layout of a township: all-zero table 三, fee 12.86 万元, stray spaces in labels, narrative quotes 3 requests",
        agency="民乐镇人民政府", title="民乐镇人民政府2022年政府信息公开工作年度报告",
        date="2023年2月6日", published_on="2023-02-06",
        labels={"3.3.8": "8.属于行政 查询事项", "1": "一、本年新收政府信息公开 申请数量"},
        p2=p2_2021(lic=0, pun=3, force=0, fee="12.86"), p3=p3("2021", {}), p4=p4(),
        apps_sentence="全年共收到政府信息公开申请3件。", warnings={"text_contradicts_table"}))
    out.append(dict(
        name="f4-qingyun-sfj-2021", family="F4", render="F4", fmt="2021", year=2021,
        variant="pdftotext -layout: page number - 5 - and a form feed before 3.5.1, the column headers repeated on the new page",
        agency="青云县司法局", title="青云县司法局2021年政府信息公开工作年度报告",
        date="2022年1月21日", published_on="2022-01-21", page_break_before="3.5.1", repeat_header=True, page_no=5,
        p2=p2_2021(norm=(1, 1, 8), lic=4, pun=0, force=0, fee="0"),
        p3=p3("2021", {"3.1": [8, 1, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0], "3.5.1": [3, 0, 0, 0, 0, 0],
                       "3.5.2": [1, 0, 0, 0, 0, 0]}, carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4(review=(0, 1, 0, 0), suit=(1, 0, 0, 0))))
    # ---------------------------------------------------------------- F5
    out.append(dict(
        name="f5-xinan-jyj-2022", family="F5", render="F5", fmt="2021", year=2022,
        variant="reading order: values before the labels of 3.1, 3.3.4, 3.5.2 and 四; two-digit figures",
        agency="西安县教育局", title="西安县教育局2022年政府信息公开工作年度报告",
        date="2023年1月16日", published_on="2023-01-16", values_before=["3.1", "3.3.4", "3.5.2", "4"],
        p2=p2_2021(norm=(6, 2, 31), lic=146, pun=2, force=0, fee="0"),
        p3=p3("2021", {"3.1": [21, 0, 0, 0, 0, 2], "3.2": [3, 0, 0, 0, 0, 0], "3.3.4": [2, 0, 0, 0, 0, 0],
                       "3.4.1": [14, 1, 0, 0, 0, 0], "3.5.2": [4, 0, 0, 0, 0, 0]},
              carry_in=[2, 0, 0, 0, 0, 0], carry_out=[5, 0, 0, 0, 0, 1]),
        p4=p4(review=(1, 0, 0, 1))))
    out.append(dict(
        name="f5-caohe-xiang-2019", family="F5", render="F5", fmt="2019", year=2019,
        variant="2019 trial format (2019) in reading order, a township with no application: every cell 0",
        agency="草河乡人民政府", title="草河乡人民政府2019年政府信息公开工作年度报告",
        date="2020年1月9日", published_on="2020-01-09",
        p2=p2_2019(lic=(4, 0, 11), pun=(1, 0, 3)), p3=p3("2019", {}), p4=p4(),
        apps_sentence="全年未收到政府信息公开申请。"))
    out.append(dict(
        name="f5-pingyuan-sthj-2023", family="F5", render="F5", fmt="2021", year=2023,
        variant="reading order with the values of every row of 三 before its label; three-digit figures",
        agency="平原市生态环境局", title="平原市生态环境局2023年政府信息公开工作年度报告",
        date="2024年1月30日", published_on="2024-01-30",
        values_before=["1", "2", "3.1", "3.2", "3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.3.5", "3.3.6", "3.3.7", "3.3.8",
                       "3.4.1", "3.4.2", "3.4.3", "3.5.1", "3.5.2", "3.5.3", "3.5.4", "3.5.5", "3.6.1", "3.6.2",
                       "3.6.3", "3.7", "4"],
        p2=p2_2021(norm=(3, 1, 22), lic=862, pun=217, force=4, fee="0"),
        p3=p3("2021", {"3.1": [102, 45, 1, 3, 8, 2], "3.2": [16, 9, 0, 0, 1, 0], "3.3.4": [2, 3, 0, 0, 0, 0],
                       "3.4.1": [37, 12, 0, 0, 2, 0], "3.5.1": [6, 0, 0, 0, 0, 0], "3.6.1": [1, 1, 0, 0, 0, 0]},
              carry_in=[9, 4, 0, 0, 1, 0], carry_out=[12, 5, 0, 1, 0, 0]),
        p4=p4(review=(3, 1, 0, 2), suit=(2, 0, 0, 1))))
    t = p3("2021", {"3.1": [11, 2, 0, 0, 0, 0], "3.4.1": [6, 0, 0, 0, 1, 0], "3.5.2": [2, 0, 0, 0, 0, 0]},
           carry_in=[1, 0, 0, 0, 0, 0], carry_out=[3, 0, 0, 0, 0, 0])
    t["3.7"] = [18, 2, 0, 0, 1, 0, 21]         # published: 19 handled by natural persons, printed 18
    out.append(dict(
        name="f5-gaoping-wjw-2022", family="F5", render="F5", fmt="2021", year=2022,
        variant="reading order with every row's values before its label and a published (七)总计 that is not the sum: no order is proved, 三 blank and flagged",
        agency="高平市卫生健康委员会", title="高平市卫生健康委员会2022年政府信息公开工作年度报告",
        date="2023年1月20日", published_on="2023-01-20",
        values_before=["1", "2", "3.1", "3.2", "3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.3.5", "3.3.6", "3.3.7", "3.3.8",
                       "3.4.1", "3.4.2", "3.4.3", "3.5.1", "3.5.2", "3.5.3", "3.5.4", "3.5.5", "3.6.1", "3.6.2",
                       "3.6.3", "3.7", "4"],
        p2=p2_2021(norm=(2, 0, 19), lic=311, pun=45, force=0, fee="0"), p3=t, p4=p4(review=(1, 0, 0, 0)),
        exp_p3=nulls("2021"), complete=False, warnings={"columns_unrecoverable"}, layout="F8"))
    # ---------------------------------------------------------------- F6
    out.append(dict(
        name="f6-hongqi-jd-2023", family="F6", render="F6", fmt="2021", year=2023,
        variant="crawler dump, two-digit figures in every row of 三 and in 四 (runs of 17+ digits)",
        agency="红旗街道办事处", title="红旗街道办事处2023年政府信息公开工作年度报告", published_on="2024-01-12",
        date="2024年1月12日",
        p2=p2_2021(norm=(0, 0, 3), lic=0, pun=0, force=0, fee="0"),
        p3=p3("2021", {"3.1": [14, 0, 0, 0, 0, 0], "3.4.1": [11, 0, 0, 0, 0, 0]}, carry_out=[10, 0, 0, 0, 0, 0]),
        p4=p4(review=(10, 0, 0, 12))))
    out.append(dict(
        name="f6-shangzhuang-xiang-2020", family="F6", render="F6", fmt="2019", year=2020,
        variant="2019 trial format (2020) as a crawler dump: a signed -2 and an amount 45.5 glued into part 二's runs",
        agency="上庄乡人民政府", title="上庄乡人民政府2020年政府信息公开工作年度报告", published_on="2021-01-15",
        date="2021年1月15日", spaces={"行政许可": (1, 2), "其他对外管理服务事项": (1, 2), "行政处罚": (1, 2),
                                      "行政强制": (1, 2), "行政事业性收费": (1,), "政府集中采购": (1,), "规章": (1, 2),
                                      "规范性文件": (1, 2)},
        p2=p2_2019(norm=(1, 1, 6), lic=(7, -2, 23), oth=(2, 0, 4), pun=(1, 0, 3), fee=(1, 0), buy=(2, "45.5")),
        p3=p3("2019", {"3.1": [3, 0, 0, 0, 0, 0], "3.4.1": [1, 0, 0, 0, 0, 0]}), p4=p4()))
    out.append(dict(
        name="f6-xiyuan-wjw-2022", family="F6", render="F6", fmt="2021", year=2022,
        variant="crawler dump with single spaces between some cells of 三 (2 0 00 0 02 style) and navigation debris",
        agency="西园区卫生健康局", title="西园区卫生健康局2022年政府信息公开工作年度报告", published_on="2023-01-20",
        date="2023年1月20日", nav="首页 > 政务公开 > 法定主动公开内容 --> ",
        spaces={"1": (1, 6), "2": (1, 2, 4), "3.1": (6,), "3.4.1": (1, 3), "3.7": (1, 6), "4": (2,)},
        p2=p2_2021(norm=(1, 0, 9), lic=27, pun=41, force=1, fee="0"),
        p3=p3("2021", {"3.1": [6, 2, 0, 0, 0, 0], "3.4.1": [3, 0, 0, 1, 0, 0], "3.5.2": [1, 0, 0, 0, 0, 0]},
              carry_in=[2, 0, 0, 0, 0, 0], carry_out=[1, 1, 0, 0, 0, 0]),
        p4=p4(review=(1, 0, 0, 0))))
    # ---------------------------------------------------------------- F7
    out.append(dict(
        name="f7-nested-dongcheng-fgw-2022", family="F7", render="F7", fmt="2021", year=2022, th=True, br=True,
        nest=True, h1=True,
        variant="HTML: table 三 nested in a layout table, th header cells, colspan headers, <br/> inside header cells",
        agency="东城区发展和改革委员会", title="东城区发展和改革委员会2022年政府信息公开工作年度报告",
        date="2023年1月17日", published_on="2023-01-17",
        p2=p2_2021(norm=(4, 2, 37), lic=58, pun=6, force=0, fee="0"),
        p3=p3("2021", {"3.1": [17, 9, 1, 0, 2, 0], "3.2": [2, 1, 0, 0, 0, 0], "3.4.1": [8, 4, 0, 0, 0, 0],
                       "3.4.2": [1, 0, 0, 0, 0, 0], "3.5.4": [0, 2, 0, 0, 0, 0]},
              carry_in=[2, 1, 0, 0, 0, 0], carry_out=[1, 0, 0, 0, 1, 0]),
        p4=p4(review=(2, 0, 0, 0), suit=(0, 0, 0, 1)), layout="F7"))
    out.append(dict(
        name="f7-js-baiyun-sfj-2023", family="F7", render="F7", fmt="2021", year=2023, js=True, wrap_spans=True,
        variant="report HTML in a single-quoted JavaScript string (\\' and \\n escapes), values wrapped in p/span",
        agency="白云县司法局", title="白云县司法局2023年政府信息公开工作年度报告",
        date="2024年1月24日", published_on="2024-01-24",
        p2=p2_2021(norm=(1, 0, 6), lic=12, pun=0, force=0, fee="0"),
        p3=p3("2021", {"3.1": [9, 1, 0, 0, 0, 0], "3.4.1": [4, 0, 0, 0, 0, 0], "3.5.1": [1, 0, 0, 0, 0, 0]},
              carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4(review=(0, 0, 1, 0)), other="本年度未收取信息处理费。"))
    out.append(dict(
        name="f7-2019-lishui-zhen-2020", family="F7", render="F7", fmt="2019", year=2020, th=True, blank="",
        html_blank="&nbsp;",
        variant="HTML 2019 trial format (2020): th cells, &nbsp; blanks in 2.5.2 and 2.9, signed +/- in 本年增/减",
        agency="丽水镇人民政府", title="丽水镇人民政府2020年政府信息公开工作年度报告",
        date="2021年1月12日", published_on="2021-01-12",
        p2=p2_2019(norm=(0, 0, 1), lic=(9, 1, 30), oth=(None, None, None), pun=(2, -1, 4), fee=(0, 0),
                   buy=(None, None)),
        p3=p3("2019", {"3.1": [4, 0, 0, 0, 0, 0], "3.3.5": [1, 0, 0, 0, 0, 0], "3.6": [1, 0, 0, 0, 0, 0]}),
        p4=p4()))
    # ---------------------------------------------------------------- F8
    def dedup(text):
        seen = set()
        keep = []
        for line in text.split("\n"):
            if line in seen and line.strip():
                continue
            seen.add(line)
            keep.append(line)
        return "\n".join(keep)

    fmt = "2021"
    out.append(dict(
        name="f2-hongyan-zhen-2022", family="F2", render="F2", fmt=fmt, year=2022, sep=" ", trail="",
        variant="row per line with single spaces between cells (no |), a township with few figures",
        agency="红岩镇人民政府", title="红岩镇人民政府2022年政府信息公开工作年度报告",
        date="2023年1月13日", published_on="2023-01-13",
        p2=p2_2021(lic=0, pun=5, force=0, fee="0"),
        p3=p3(fmt, {"3.1": [2, 0, 0, 0, 0, 0], "3.4.1": [1, 0, 0, 0, 0, 0]}), p4=p4()))

    def uniq(text):
        out = []
        for line in text.split("\n"):
            if out and out[-1] == line:
                continue
            out.append(line)
        return "\n".join(out)

    out.append(dict(
        name="f8-wuli-zhen-2023", family="F8", render="F5", fmt=fmt, year=2023, post=[uniq], noblank=True,
        variant="reading-order copy (a value per line, no blank lines) run through uniq: runs of equal values collapse to one line",
        agency="五里镇人民政府", title="五里镇人民政府2023年政府信息公开工作年度报告",
        date="2024年1月8日", published_on="2024-01-08",
        p2=p2_2021(norm=(0, 0, 2), lic=13, pun=4, force=0, fee="0"),
        p3=p3(fmt, {"3.1": [2, 0, 0, 0, 0, 0], "3.4.1": [1, 0, 0, 0, 0, 0]}), p4=p4(),
        exp_p3=nulls(fmt), exp_p4=[None] * 15, complete=False, warnings={"columns_unrecoverable"}, violations=[],
        # 2.1.1 (0 0 0) collapses to one 0, 2.1.2 (0 0 2) to 0 2: blank
        exp_p2=dict(p2_json(fmt, p2_2021(reg=(None,) * 3, norm=(None,) * 3, lic=13, pun=4, force=0, fee="0")))))
    d = dict(
        name="f8-qinghe-gaj-2023", family="F8", render="F2", fmt=fmt, year=2023, blank="", drop_empty=True,
        variant="row-per-line copy whose extractor dropped empty cells: rows of 三 with blank cells keep fewer than 7 values",
        agency="清河县公安局", title="清河县公安局2023年政府信息公开工作年度报告",
        date="2024年1月22日", published_on="2024-01-22",
        p2=p2_2021(norm=(1, 1, 14), lic=3061, pun=1877, force=203, fee="0"),
        p4=p4(review=(3, 1, 0, 1), suit=(1, 0, 0, 0)), warnings={"columns_unrecoverable"}, complete=False)
    t = p3(fmt, {"3.1": [31, 2, 0, 0, 1, 0], "3.2": [3, 0, 0, 0, 0, 0], "3.4.1": [14, 1, 0, 0, 0, 0],
                 "3.5.1": [5, 0, 0, 0, 0, 0]}, carry_in=[2, 0, 0, 0, 0, 0], carry_out=[4, 0, 0, 0, 0, 0])
    printed = {}
    for code, row in t.items():   # zeros printed as blanks in every row but 一 and (七)
        printed[code] = row if code in ("1", "3.7") else [None if v == 0 else v for v in row]
    d["p3"] = printed
    exp = {"format": fmt}
    for code in data_rows3(fmt):
        row = printed[code]
        if all(v is None for v in row):
            exp[code] = [None] * 7          # an empty row: every cell blank in the document
        elif all(v is not None for v in row):
            exp[code] = row
        else:
            exp[code] = [None] * 7          # cells lost: not recoverable by position
    d["exp_p3"] = exp
    out.append(d)
    d = dict(
        name="f8-yanling-jtj-2022", family="F8", render="F2", fmt=fmt, year=2022,
        post=[lambda s: s[:s.index("行政复议 | 行政诉讼")]],
        variant="row-per-line copy cut off right after part 四's heading: 二 and 三 complete, 四 missing",
        agency="延陵县交通运输局", title="延陵县交通运输局2022年政府信息公开工作年度报告",
        p2=p2_2021(norm=(2, 0, 11), lic=451, pun=96, force=3, fee="0"),
        p3=p3(fmt, {"3.1": [7, 1, 0, 0, 0, 0], "3.4.1": [3, 0, 0, 0, 0, 0]}, carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4(), exp_p4=None, complete=False, warnings={"truncated", "table_missing", "part_missing"},
        violations=[], cut=True)
    out.append(d)
    d = dict(
        name="f8-taiping-xiang-2021", family="F8", render="F1", fmt=fmt, year=2021,
        post=[lambda s: s[:s.index("2.其他法律行政法规禁止公开")]],
        variant="| line copy cut off inside 三 (before 3.3.2): rows up to 3.3.1 read, the rest blank",
        agency="太平乡人民政府", title="太平乡人民政府2021年政府信息公开工作年度报告",
        p2=p2_2021(lic=0, pun=1, force=0, fee="0"),
        p3=p3(fmt, {"3.1": [1, 0, 0, 0, 0, 0], "3.3.1": [1, 0, 0, 0, 0, 0], "3.4.1": [1, 0, 0, 0, 0, 0]}),
        p4=p4(), exp_p4=None, complete=False, warnings={"truncated", "table_missing", "part_missing"})
    exp = p3_json(fmt, d["p3"])
    for code in data_rows3(fmt)[data_rows3(fmt).index("3.3.2"):]:
        exp[code] = [None] * 7
    d["exp_p3"] = exp
    d["violations"] = ["P3-BALANCE", "P3-HANDLED-TOTAL"]
    d["cut"] = True
    out.append(d)
    # more copies (second round)
    out.append(dict(
        name="f2-xiaoshan-czj-2022", family="F2", render="F2", fmt="2021", year=2022,
        post=[lambda s: s.replace("| 1234.56 |", "| 1,234.56 |")],
        variant="fee printed with a thousands separator (1,234.56 万元); published date in ISO form",
        agency="萧山县财政局", title="萧山县财政局2022年政府信息公开工作年度报告",
        date="2023-01-18", published_on="2023-01-18",
        p2=p2_2021(norm=(3, 1, 27), lic=0, pun=2, force=0, fee="1234.56"),
        p3=p3("2021", {"3.1": [5, 3, 0, 0, 0, 0], "3.4.1": [2, 1, 0, 0, 0, 0]}), p4=p4()))

    def extra_row(text):
        a = text.index("二、上年结转政府信息公开申请数量 |")
        return text[:a] + "其中：通过互联网提交申请 | 9 | 1 | 0 | 0 | 0 | 0 | 10 |\n" + text[a:]

    out.append(dict(
        name="f2-nanhu-jd-2023", family="F2", render="F2", fmt="2021", year=2023, post=[extra_row],
        variant="a regional extra row under row 一 (其中：通过互联网提交申请) with its own values",
        agency="南湖街道办事处", title="南湖街道办事处2023年政府信息公开工作年度报告",
        date="2024年1月15日", published_on="2024-01-15",
        p2=p2_2021(lic=3, pun=0, force=0, fee="0"),
        p3=p3("2021", {"3.1": [8, 1, 0, 0, 0, 0], "3.4.1": [3, 0, 0, 0, 0, 0]}, carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4(), warnings={"unknown_row"}))

    def cut_html(text):
        a = text.index("（七）总计")
        b = text.index("<td>1", a)
        return text[:b + 5]

    d = dict(
        name="f7-cut-yuxi-zhen-2022", family="F7", render="F7", fmt="2021", year=2022, post=[cut_html],
        variant="HTML page cut off inside the first cell of (七)总计 (13 cut to 1)",
        agency="玉溪镇人民政府", title="玉溪镇人民政府2022年政府信息公开工作年度报告",
        p2=p2_2021(lic=1, pun=6, force=0, fee="0"),
        p3=p3("2021", {"3.1": [9, 0, 0, 0, 0, 0], "3.4.1": [4, 0, 0, 0, 0, 0]}), p4=p4(), exp_p4=None,
        complete=False, warnings={"truncated", "table_missing", "part_missing"}, cut=True, layout="F8")
    exp = p3_json("2021", d["p3"])
    exp["3.7"] = [None] * 7
    exp["4"] = [None] * 7
    d["exp_p3"] = exp
    out.append(d)

    def cut_run(text):
        a = text.index("（七）总计")
        return text[:a + len("（七）总计") + 1]

    d = dict(
        name="f6-cut-beiyuan-xiang-2023", family="F6", render="F6", fmt="2021", year=2023, post=[cut_run],
        variant="crawler dump cut off one digit into the run of (七)总计",
        agency="北苑乡人民政府", title="北苑乡人民政府2023年政府信息公开工作年度报告", published_on="2024-01-11",
        date="2024年1月11日",
        p2=p2_2021(lic=0, pun=2, force=0, fee="0"),
        p3=p3("2021", {"3.1": [12, 0, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0]}), p4=p4(), exp_p4=None,
        complete=False, warnings={"truncated", "table_missing", "part_missing", "columns_unrecoverable"}, cut=True,
        layout="F8")   # a cut copy is F8 (doc/import.md); the run of (七)总计 holds 1 digit for 7 cells
    exp = p3_json("2021", d["p3"])
    exp["3.7"] = [None] * 7
    exp["4"] = [None] * 7
    d["exp_p3"] = exp
    out.append(d)

    def split_table(text):
        """Table 三 continued in a second <table> after row 3.4.3, its header repeated (a Word page break)."""
        a = text.index("<tr><td>3.补正后申请内容仍不明确")
        b = text.index("</tr>", a) + 5
        t0 = text.rindex('<table border="1">', 0, a)
        head = text[t0:text.index("<tbody>", t0) + 7]
        return text[:b] + "\n</tbody></table>\n<p>&nbsp;</p>\n" + head + text[b:]

    out.append(dict(
        name="f7-split-heping-zhen-2023", family="F7", render="F7", fmt="2021", year=2023, th=True, post=[split_table],
        variant="HTML table 三 broken into two <table>s at a page break (header repeated, （五） rows in the second table)",
        agency="和平镇人民政府", title="和平镇人民政府2023年政府信息公开工作年度报告",
        date="2024年1月23日", published_on="2024-01-23",
        p2=p2_2021(norm=(0, 0, 5), lic=21, pun=7, force=0, fee="0"),
        p3=p3("2021", {"3.1": [6, 0, 0, 0, 0, 0], "3.4.3": [1, 0, 0, 0, 0, 0], "3.5.1": [3, 0, 0, 0, 0, 0],
                       "3.6.3": [1, 0, 0, 0, 0, 0]}, carry_in=[1, 0, 0, 0, 0, 0]),
        p4=p4(suit=(0, 0, 0, 1))))

    def signs(text):
        a = text.index("二、主动公开政府信息情况")
        b = text.index("三、收到和处理政府信息公开申请情况")
        part = text[a:b].replace("| 2 | 18 |", "| +2 | 18 |").replace("| -1 | 2 |", "| －1 | 2 |")
        return text[:a] + part + text[b:]

    out.append(dict(
        name="f2-qianjin-xiang-2020", family="F2", render="F2", fmt="2019", year=2020, blank="——", post=[signs],
        variant="2019 trial format (2020): 本年增/减 printed +2 and with a full-width minus －1; blanks as ——",
        agency="前进乡人民政府", title="前进乡人民政府2020年政府信息公开工作年度报告",
        date="2021年1月19日", published_on="2021-01-19",
        p2=p2_2019(norm=(0, 0, 3), lic=(6, 2, 18), oth=(None, None, None), pun=(3, -1, 2), force=(0, 0, 0),
                   fee=(1, 0), buy=(None, None)),
        p3=p3("2019", {"3.1": [4, 0, 0, 0, 0, 0], "3.4.1": [1, 0, 0, 0, 0, 0]}), p4=p4()))

    d = dict(
        name="f8-html-dropped-gulou-sfj-2022", family="F8", render="F7", fmt="2021", year=2022, blank="",
        html_blank="", post=[lambda s: s.replace("<td></td>", "")],
        variant="HTML whose sanitizer removed empty <td></td>: rows of 三 with blank cells are short, their columns lost",
        agency="鼓楼区司法局", title="鼓楼区司法局2022年政府信息公开工作年度报告",
        date="2023年1月16日", published_on="2023-01-16",
        p2=p2_2021(norm=(1, 0, 6), lic=14, pun=2, force=0, fee="0"),
        p4=p4(review=(1, 0, 0, 0)), warnings={"columns_unrecoverable"}, complete=False, layout="F8")
    t = p3("2021", {"3.1": [11, 2, 0, 0, 0, 0], "3.4.1": [5, 0, 0, 0, 0, 0]}, carry_out=[1, 0, 0, 0, 0, 0])
    printed = {}
    for code, row in t.items():   # zeros left blank in every row but 一 and (七)
        printed[code] = row if code in ("1", "3.7") else [None if v == 0 else v for v in row]
    d["p3"] = printed
    exp = {"format": "2021"}
    for code in data_rows3("2021"):
        row = printed[code]
        exp[code] = row if all(v is not None for v in row) else [None] * 7
    d["exp_p3"] = exp
    out.append(d)

    out.append(dict(
        name="f1-dongpo-zhen-2022", family="F1", render="F1", fmt="2021", year=2022,
        variant="narrative says 共受理政府信息公开申请15件 against 13 in the table (受理, not 收到)",
        agency="东坡镇人民政府", title="东坡镇人民政府2022年政府信息公开工作年度报告",
        date="2023年1月12日", published_on="2023-01-12",
        p2=p2_2021(lic=2, pun=5, force=0, fee="0"),
        p3=p3("2021", {"3.1": [10, 1, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0]}), p4=p4(),
        apps_sentence="本年度共受理政府信息公开申请15件，均已按时答复。", warnings={"text_contradicts_table"}))

    # second documents of the variants first found in the pending corpus (figures and wording differ)
    out.append(dict(
        name="f2-qingtan-sj-2021", family="F2", render="F2", fmt="2021", year=2021, sep="\t", trail="",
        variant="cells separated by single tabs, group labels on the row of their first child, three-digit figures, fee in 万元",
        agency="青潭县审计局", title="青潭县审计局2021年政府信息公开工作年度报告",
        date="2022年2月8日", published_on="2022-02-08",
        p2=p2_2021(reg=(1, 0, 4), norm=(6, 2, 57), lic=0, pun=113, force=2, fee="3.2"),
        p3=p3("2021", {"3.1": [102, 14, 1, 0, 3, 2], "3.2": [11, 2, 0, 0, 0, 0], "3.3.4": [3, 0, 0, 0, 0, 0],
                       "3.4.1": [27, 5, 0, 1, 0, 0], "3.5.2": [2, 0, 0, 0, 0, 0], "3.6.3": [1, 0, 0, 0, 0, 0]},
              carry_in=[8, 1, 0, 0, 0, 0], carry_out=[12, 2, 0, 0, 1, 0]),
        p4=p4(review=(3, 1, 0, 1), suit=(1, 0, 1, 0))))
    out.append(dict(
        name="f2-songhe-xiang-2020", family="F2", render="F2", fmt="2019", year=2020, sep=" ", trail="",
        variant="2019 trial format (2020), row per line with single spaces between cells (no |), signed 本年增/减, blanks as —",
        agency="松河乡人民政府", title="松河乡人民政府2020年政府信息公开工作年度报告", blank="—",
        date="2021年1月25日", published_on="2021-01-25",
        p2=p2_2019(norm=(1, 0, 5), lic=(9, -1, 26), oth=(None, None, None), pun=(2, 1, 7), force=(0, 0, 0),
                   fee=(1, 0), buy=(None, None)),
        p3=p3("2019", {"3.1": [6, 1, 0, 0, 0, 0], "3.2": [1, 0, 0, 0, 0, 0], "3.4.1": [3, 0, 0, 0, 0, 0],
                       "3.6": [1, 0, 0, 0, 0, 0]}, carry_in=[1, 0, 0, 0, 0, 0]),
        p4=p4(review=(1, 0, 0, 0))))

    def extra_row2(text):
        a = text.index("|（二）部分公开")
        return text[:a] + "|其中：依申请公开后主动公开|3|0|0|0|0|0|3|\n" + text[a:]

    out.append(dict(
        name="f2-xishan-wsj-2022", family="F2", render="F2", fmt="2021", year=2022, sep="|", lead="|", trail="|",
        post=[extra_row2],
        variant="|cell|cell| rows with a regional extra row under （一）予以公开 (其中：依申请公开后主动公开) holding its own values",
        agency="西山区卫生健康局", title="西山区卫生健康局2022年政府信息公开工作年度报告",
        date="2023年1月30日", published_on="2023-01-30",
        p2=p2_2021(norm=(2, 1, 16), lic=245, pun=31, force=0, fee="0"),
        p3=p3("2021", {"3.1": [21, 4, 0, 0, 1, 0], "3.4.1": [7, 2, 0, 0, 0, 0], "3.5.1": [1, 0, 0, 0, 0, 0]},
              carry_in=[2, 0, 0, 0, 0, 0], carry_out=[3, 1, 0, 0, 0, 0]),
        p4=p4(review=(1, 0, 1, 0)), warnings={"unknown_row"}))
    out.append(dict(
        name="f1-shuikou-zhen-2023", family="F1", render="F1", fmt="2021", year=2023,
        variant="narrative says 共受理政府信息公开申请12件 = 一 新收 10 + 二 上年结转 2: consistent (no warning)",
        agency="水口镇人民政府", title="水口镇人民政府2023年政府信息公开工作年度报告",
        date="2024年1月17日", published_on="2024-01-17",
        p2=p2_2021(lic=4, pun=9, force=0, fee="0"),
        p3=p3("2021", {"3.1": [7, 1, 0, 0, 0, 0], "3.4.1": [3, 0, 0, 0, 0, 0]}, carry_in=[2, 0, 0, 0, 0, 0],
              carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4(), apps_sentence="全年共受理政府信息公开申请12件（含上年结转2件），均在法定期限内办结。"))
    out.append(dict(
        name="f2-lianhua-mzj-2022", family="F2", render="F2", fmt="2021", year=2022,
        variant="narrative says 受理依申请公开申请 9 件 against 一 新收 6 and 一 + 二 7: contradicts",
        agency="莲花县民政局", title="莲花县民政局2022年政府信息公开工作年度报告",
        date="2023年1月11日", published_on="2023-01-11",
        p2=p2_2021(norm=(0, 1, 3), lic=57, pun=0, force=0, fee="0"),
        p3=p3("2021", {"3.1": [4, 0, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0], "3.5.2": [1, 0, 0, 0, 0, 0]},
              carry_in=[1, 0, 0, 0, 0, 0]),
        p4=p4(), apps_sentence="本年度受理依申请公开申请 9 件，均已按时答复。", warnings={"text_contradicts_table"}))

    # cut inside a number: 3.4.1's total 15 printed as 1
    def cut_in_number(text):
        a = text.index("1.本机关不掌握相关政府信息")
        b = text.index("| 15 |", a)
        return text[:b + 3]

    d = dict(
        name="f8-shiling-zhen-2023", family="F8", render="F2", fmt=fmt, year=2023, post=[cut_in_number],
        variant="row-per-line copy cut off inside the last number of 3.4.1 (its total 15 left as 1)",
        agency="石岭镇人民政府", title="石岭镇人民政府2023年政府信息公开工作年度报告",
        p2=p2_2021(lic=2, pun=9, force=0, fee="0"),
        p3=p3(fmt, {"3.1": [9, 1, 0, 0, 0, 0], "3.4.1": [13, 2, 0, 0, 0, 0]}), p4=p4(), exp_p4=None,
        complete=False, warnings={"truncated", "table_missing", "part_missing"}, cut=True)
    exp = p3_json(fmt, d["p3"])
    for code in data_rows3(fmt)[data_rows3(fmt).index("3.4.2"):]:
        exp[code] = [None] * 7
    exp["3.4.1"] = exp["3.4.1"][:6] + [None]  # the six cells before the cut are whole; the cut total is not
    d["exp_p3"] = exp
    out.append(d)
    return out


def main():
    only = sys.argv[1:]
    n = 0
    for d in docs():
        if only and d["name"] not in only and d["family"] not in only:
            continue
        root = os.path.join(ROOT, "corpus-pending" if d["name"] in PENDING else "corpus")
        write(d, root)
        n += 1
    print("%d documents written" % n)


if __name__ == "__main__":
    main()
