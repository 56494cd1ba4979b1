"""F1 (one cell per line, | lines; scraped web tables) and F2 (one table row per line)."""
from common import D, mk
from figures import make_p2, make_p4

F1_BREAKS = [("本年废止件数", "本年废止\n件数"), ("3.要求提供公开出版物", "3. 要求提供公开\n出版物"),
             ("（六）其他处理", "（六）其他\n处理"), ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                                          "2.申请人逾期未按收费通知要求缴纳费用、\n行政机关不再处理其政府信息公开申请")]


def docs():
    out = []

    # F1: a township, traditional characters with pinyin, ASCII punctuation, blank rows as ||||||||| runs
    d = mk("f1-qingshi-zhen-2022", "F1", "traditional characters, pinyin, ASCII punctuation, blank rows as | runs",
           "青石镇人民政府", "青石镇", 2022, (2023, 1, 12), 101, new=6, cin=1, title="青石镇2022年度政府信息公开工作年度报告",
           p2=make_p2("2021", r2_1_2=(1, 0, 4), r2_5_1=(12,), r2_6_1=(9,), r2_6_2=(0,), r2_8_1=(D("0"),)),
           blank_rows=("3.6.2", "3.6.3"), trad=True, pinyin=0.5, ascii_punct=True,
           headings=["一、总体情况", "二、行政机关主动公开政府信息情况", "三、行政机关收到和处理政府信息公开申请情况",
                     "四、因政府信息公开工作被申请行政复议和行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
           knobs={"breaks": F1_BREAKS})
    out.append(d)

    # F1: county police, a dropped character in a label, blank cells as /
    d = mk("f1-tongchuan-gaj-2021", "F1", "label typo (dropped character), blank cells as /",
           "桐川县公安局", "桐川县公安局", 2021, (2022, 1, 25), 102, new=38, cin=3, cout=2,
           p2=make_p2("2021", r2_5_1=(1860,), r2_6_1=(2413,), r2_6_2=(96,), r2_8_1=(D("0"),)),
           p4=make_p4(review=(1, 0, 0, 0), suit=(0, 0, 1, 0)), blank_rows=("3.6.2",), blank="/",
           labels={"3.4.3": "3.补正后申请内容仍不明"}, warnings={"label_variant"}, trad=True, pinyin=0.3,
           knobs={"breaks": F1_BREAKS[:2]})
    out.append(d)

    # F1: a city bureau with many applications; the narrative quotes another number than the table
    d = mk("f1-yunchuan-zrzy-2023", "F1", "narrative figure contradicts the table, amount in 万元 with decimals",
           "云川市自然资源和规划局", "云川市自然资源和规划局", 2023, (2024, 1, 22), 103, new=624, cin=37, cout=41,
           col_weights=[55, 30, 1, 2, 6, 6], upper="市委、市政府", apps=612,
           p2=make_p2("2021", r2_1_2=(6, 2, 41), r2_5_1=(3187,), r2_6_1=(214,), r2_6_2=(7,), r2_8_1=(D("1856.32"),)),
           p4=make_p4(review=(9, 2, 3, 4), suit=(5, 1, 2, 6), after=(1, 0, 0, 2)),
           warnings={"text_contradicts_table"}, trad=True, pinyin=0.2, knobs={"breaks": F1_BREAKS})
    out.append(d)

    # F1: the 2019 trial format (report year 2020): part 二 with its own columns, （六） as one row
    d = mk("f1-liuhe-xiang-2020", "F1", "2019 trial format (report year 2020), traditional, ASCII punctuation",
           "柳河乡人民政府", "柳河乡", 2020, (2021, 1, 15), 104, new=3,
           p2=make_p2("2019", r2_1_1=(0, 0, 0), r2_1_2=(2, 2, 9), r2_5_1=(6, 0, 14), r2_5_2=(3, 1, 22),
                      r2_6_1=(4, -1, 11), r2_6_2=(1, 0, 0), r2_8_1=(0, 0), r2_9_1=(2, D("36.8"))),
           trad=True, pinyin=0.4, ascii_punct=True, knobs={"breaks": [("（六）其他处理", "（六）其他\n处理")]})
    out.append(d)

    # F1: published figures that break the rules: a row total that is not its sum, 四 totals of 0
    d = mk("f1-nanping-ybj-2022", "F1", "published rule violations: row total, 四 totals of 0 beside non-zero parts",
           "南坪县医疗保障局", "南坪县医疗保障局", 2022, (2023, 1, 29), 105, new=17, cin=2, cout=1,
           p2=make_p2("2021", r2_1_2=(1, 1, 6), r2_5_1=(0,), r2_6_1=(23,), r2_6_2=(0,), r2_8_1=(D("0"),)),
           blank_rows=("3.6.2", "3.6.3"), trad=True, pinyin=0.35)
    d.p3["3.1"][6] += 1                               # 总计 one more than its row
    d.p4 = [1, 1, 0, 0, 0] + [0] * 10                 # 行政复议 total printed 0
    out.append(d)

    # F1: a 2024 report that prints （六）其他处理 as one row; simplified characters, stray spaces in labels
    d = mk("f1-baisha-zhen-2024", "F1", "2021+ report printing （六） as one row; stray spaces inside labels",
           "白沙镇人民政府", "白沙镇", 2024, (2025, 1, 10), 106, new=9, cin=1, cout=1, fmt="2019",
           p2=make_p2("2021", r2_1_2=(0, 0, 3), r2_5_1=(41,), r2_6_1=(6,), r2_6_2=(1,), r2_8_1=(D("0"),)),
           labels={"3.3.4": "4.保护第三方 合法权益", "3.5.2": "2.重 复申请", "1": "一、本年新收政府信息公开申请 数量"},
           warnings={"hybrid_format"})
    out.append(d)

    # F2: county transport bureau, blanks as -
    d = mk("f2-linjiang-jtj-2022", "F2", "clean rows, blank cells as -",
           "临江县交通运输局", "临江县交通运输局", 2022, (2023, 1, 30), 201, new=21, cin=2, cout=3,
           p2=make_p2("2021", r2_1_2=(3, 1, 19), r2_5_1=(2841,), r2_6_1=(367,), r2_6_2=(12,), r2_8_1=(D("0"),)),
           p4=make_p4(review=(2, 0, 1, 0), suit=(1, 0, 0, 1)), blank_rows=("3.6.2", "3.6.3"), blank="-")
    d.fix = [("四、政府信息公开行政复议", "注：本表“-”表示该项无数据。\n四、政府信息公开行政复议")]
    out.append(d)

    # F2: city environment bureau, fee amount in 元, ASCII quotes and punctuation
    d = mk("f2-jiangzhou-sthj-2023", "F2", "amount printed in 元; \"\" quotes; ASCII punctuation",
           "江州市生态环境局", "江州市生态环境局", 2023, (2024, 1, 26), 202, new=143, cin=11, cout=9,
           col_weights=[50, 35, 2, 6, 4, 3], upper="市委、市政府",
           p2=make_p2("2021", r2_1_2=(4, 0, 22), r2_5_1=(1462,), r2_6_1=(318,), r2_6_2=(41,), r2_8_1=(D("25.1"),)),
           p4=make_p4(review=(3, 1, 0, 2), suit=(1, 0, 1, 1)), plain_quotes=True, ascii_punct=True,
           warnings={"amount_in_yuan"})
    d.cells[(2, "2.8.1", 0)] = "251000元"
    out.append(d)

    # F2: the 2019 trial format, report year 2019, with the 2.9 block
    d = mk("f2-xishan-jyj-2019", "F2", "2019 trial format (report year 2019) with 政府集中采购",
           "溪山县教育体育局", "溪山县教育体育局", 2019, (2020, 1, 20), 203, new=27, cout=1,
           p2=make_p2("2019", r2_1_1=(0, 0, 0), r2_1_2=(5, 5, 37), r2_5_1=(18, 2, 263), r2_5_2=(7, 0, 45),
                      r2_6_1=(3, 0, 2), r2_6_2=(0, 0, 0), r2_8_1=(2, 0), r2_9_1=(14, D("1268.45"))))
    out.append(d)

    # F2: township, 2022 report printing （六） as one row
    d = mk("f2-beiping-xiang-2022", "F2", "2021+ report printing （六） as one row",
           "北坪乡人民政府", "北坪乡人民政府", 2022, (2023, 1, 9), 204, new=4, fmt="2019",
           p2=make_p2("2021", r2_1_2=(0, 0, 2), r2_5_1=(7,), r2_6_1=(3,), r2_6_2=(0,), r2_8_1=(D("0"),)),
           warnings={"hybrid_format"})
    out.append(d)

    # F2: provincial department, a heading typo and a swapped label, the narrative contradicts the table
    d = mk("f2-jiangyou-jtt-2021", "F2", "heading typo, swapped characters in a label, narrative contradicts the table",
           "江右省交通运输厅", "江右省交通运输厅", 2021, (2022, 1, 28), 205, new=186, cin=14, cout=12,
           col_weights=[60, 28, 2, 3, 5, 2], upper="省委、省政府", apps=168,
           p2=make_p2("2021", r2_1_1=(2, 1, 38), r2_1_2=(11, 4, 87), r2_5_1=(12650,), r2_6_1=(3410,), r2_6_2=(120,),
                      r2_8_1=(D("0"),)),
           p4=make_p4(review=(6, 1, 2, 3), suit=(2, 0, 1, 2), after=(1, 0, 0, 1)),
           labels={"3.3.4": "4.保护第三方法合权益"}, warnings={"label_variant", "text_contradicts_table"})
    d.headings[2] = "三、收到和处理政府信息公开申清情况"
    out.append(d)

    # F2: a city government office whose published figures break P3-HANDLED-TOTAL and P3-BALANCE; blanks as 无
    d = mk("f2-luyuan-bgs-2022", "F2", "published rule violations: (七)总计 not the sum of the outcomes; blanks as 无",
           "鹿原市人民政府办公室", "鹿原市人民政府办公室", 2022, (2023, 3, 20), 206, new=96, cin=6, cout=5,
           upper="市委、市政府", blank_rows=("3.6.2",), blank="无",
           p2=make_p2("2021", r2_1_1=(3, 0, 41), r2_1_2=(9, 6, 112), r2_5_1=(0,), r2_6_1=(0,), r2_6_2=(0,),
                      r2_8_1=(D("0"),)),
           p4=make_p4(review=(4, 0, 1, 1), suit=(0, 1, 0, 2), after=(0, 0, 0, 1)))
    d.p3["3.7"][0] += 2
    d.p3["3.7"][6] += 2
    out.append(d)
    return out
