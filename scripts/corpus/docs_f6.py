"""F6: a crawler's text dump, header block then the body on one line, cells run together."""
from common import D, mk
from figures import make_p2, make_p4


def hdr(title, date, source, url, sep="-" * 60, colon=":"):
    out = ["标题" + colon + " " + title]
    if date:
        out.append("发布时间" + colon + " " + date)
    if source:
        out.append("来源" + colon + " " + source)
    out.append("原文链接" + colon + " " + url)
    out.append(sep)
    return out


def flat(p3, code, vals):
    p3[code] = list(vals)


def docs():
    out = []

    # rules decide runs that split in more than one way on their own
    d = mk("f6-yunchuan-zjj-2022", "F6", "runs ambiguous alone, decided by the rules across rows; boilerplate",
           "云川市住房和城乡建设局", "云川市住房和城乡建设局", 2022, (2023, 1, 20), 601, new=0, upper="市委、市政府", apps="none",
           p2=make_p2("2021", r2_1_1=(0, 0, 0), r2_1_2=(0, 0, 12), r2_5_1=(4126,), r2_6_1=(87,), r2_6_2=(2,),
                      r2_8_1=(D("0"),)),
           p4=make_p4(review=(1, 0, 0, 1), suit=(0, 0, 0, 1)),
           knobs={"boiler_before": "首页 > 政务公开 > 政府信息公开年报 -->", "boiler_after": "【打印本页】【关闭窗口】 扫一扫在手机打开当前页"})
    p = d.p3
    for c in p:
        p[c] = [0] * 7
    flat(p, "1", [12, 0, 0, 1, 0, 0, 13])      # 120010013: 12,0,0,1,0,0,13 or 1,2,0,0,10,0,13
    flat(p, "2", [1, 0, 0, 0, 0, 0, 1])
    flat(p, "3.1", [8, 0, 0, 1, 0, 0, 9])
    flat(p, "3.4.1", [3, 0, 0, 0, 0, 0, 3])
    flat(p, "3.7", [11, 0, 0, 1, 0, 0, 12])    # 110010012: 11,0,0,1,0,0,12 or 1,1,0,0,10,0,12
    flat(p, "4", [2, 0, 0, 0, 0, 0, 2])
    d.header = hdr(d.title, "2023-01-20 09:31:12", "云川市住房和城乡建设局",
                   "http://zjj.yunchuan.gov.cn/art/2023/1/20/art_1229_559301.html")
    d.expect_stats = {"alone": 2, "undecided": 0}
    out.append(d)

    # nothing decides: a township whose 13 applications were all disclosed
    d = mk("f6-dongxi-zhen-2022", "F6", "runs that nothing decides: cells stay blank and flagged",
           "东溪镇人民政府", "东溪镇", 2022, (2023, 1, 16), 602, new=0,
           p2=make_p2("2021", r2_1_2=(0, 0, 5), r2_5_1=(23,), r2_6_1=(4,), r2_6_2=(0,), r2_8_1=(D("0"),)),
           apps="none")
    p = d.p3
    for c in p:
        p[c] = [0] * 7
    for c in ("1", "3.1", "3.7"):
        flat(p, c, [12, 0, 0, 1, 0, 0, 13])
    d.header = hdr(d.title, "2023-01-16", "东溪镇人民政府", "http://www.xishan.gov.cn/zwgk/xxgkml/dxz/202301/t20230116_88231.html")
    d.expect_stats = {"undecided": 3}
    out.append(d)

    # single spaces between some cells
    d = mk("f6-linjiang-wjw-2023", "F6", "single spaces between some cells and not others; label typo",
           "临江县卫生健康委员会", "临江县卫生健康委员会", 2023, (2024, 1, 19), 603, new=34, cin=2, cout=4,
           p2=make_p2("2021", r2_1_2=(0, 0, 7), r2_5_1=(562,), r2_6_1=(131,), r2_6_2=(9,), r2_8_1=(D("0"),)),
           p4=make_p4(review=(1, 0, 0, 0)), labels={"3.5.1": "1.信访举报投拆类申请"}, warnings={"label_variant"},
           knobs={"spaces": {"1": {0}, "2": {0, 2, 4}, "3.1": {0, 1, 2, 3, 4, 5}, "3.4.1": {5}, "3.7": {0, 5},
                             "4": {1}, "2.1.2": {0, 1}, "4p": {4, 9}}})
    d.header = hdr(d.title, "2024-01-19", None, "http://wjw.linjiang.gov.cn/col/col5530/art/2024/art_9e1c.html",
                   sep="=" * 40, colon="：")
    out.append(d)

    # part 四 as one run of 15 values with two-digit values
    d = mk("f6-jiangzhou-gaj-2021", "F6", "part 四 as one 15-value run with two-digit values; narrative contradicts the table",
           "江州市公安局", "江州市公安局", 2021, (2022, 1, 27), 604, new=212, cin=9, cout=11, upper="市委、市政府",
           apps=210, warnings={"text_contradicts_table"},
           col_weights=[85, 6, 0.5, 1, 6, 2],
           p2=make_p2("2021", r2_1_1=(0, 0, 0), r2_1_2=(0, 0, 31), r2_5_1=(18634,), r2_6_1=(25873,), r2_6_2=(1437,),
                      r2_8_1=(D("0"),)),
           p4=make_p4(review=(9, 3, 1, 4), suit=(6, 0, 2, 3), after=(1, 0, 0, 1)))
    d.header = hdr(d.title, "2022-01-27 16:02", "江州市公安局", "https://gaj.jiangzhou.gov.cn/zfxxgk/ndbg/202201/t20220127_1045.html")
    out.append(d)

    # the 2019 trial format in a crawler dump (report year 2020)
    d = mk("f6-taoyuan-jd-2020", "F6", "2019 trial format (report year 2020)",
           "桃源街道办事处", "桃源街道办事处", 2020, (2021, 1, 22), 605, new=5, cin=1,
           p2=make_p2("2019", r2_1_1=(0, 0, 0), r2_1_2=(0, 0, 0), r2_5_1=(0, 0, 0), r2_5_2=(3, 1, 8),
                      r2_6_1=(0, 0, 0), r2_6_2=(0, 0, 0), r2_8_1=(0, 0), r2_9_1=(1, D("8.5"))),
           knobs={"joiner": " "})
    d.header = hdr(d.title, "2021-01-22", "桃源街道办事处", "http://www.nanping.gov.cn/zwgk/jdbsc/tyjd/202101/t20210122_3321.html")
    out.append(d)

    # published figures breaking the rules, cells separated by single spaces where they break
    d = mk("f6-nanping-rsj-2022", "F6", "published rule violations (P3-BALANCE, P4-TOTAL), spaces between cells",
           "南坪县人力资源和社会保障局", "南坪县人力资源和社会保障局", 2022, (2023, 1, 31), 606, new=26, cin=3, cout=2,
           p2=make_p2("2021", r2_1_2=(0, 0, 6), r2_5_1=(733,), r2_6_1=(15,), r2_6_2=(0,), r2_8_1=(D("0"),)),
           p4=make_p4(review=(2, 0, 0, 0)),
           knobs={"spaces": {c: set(range(6)) for c in ("1", "2", "3.7", "4", "4p")}})
    d.p3["4"][0] += 1
    d.p3["4"][6] += 1                       # 结转 one more than 一 + 二 − 三(七)
    d.p4[4] = 0                             # 行政复议 总计 printed 0
    d.knobs["spaces"]["4p"] = set(range(14))
    d.header = hdr(d.title, "2023-01-31", "南坪县人力资源和社会保障局", "http://rsj.nanping.gov.cn/zwgk/ndbg/202301/t20230131_7120.html")
    out.append(d)

    # a 2023 report printing （六） as one row
    d = mk("f6-guanshan-xiang-2023", "F6", "2021+ report printing （六） as one row",
           "关山乡人民政府", "关山乡", 2023, (2024, 1, 8), 607, new=7, cin=0, cout=1, fmt="2019",
           p2=make_p2("2021", r2_1_2=(0, 0, 4), r2_5_1=(16,), r2_6_1=(2,), r2_6_2=(0,), r2_8_1=(D("0"),)),
           warnings={"hybrid_format"})
    d.header = hdr(d.title, "2024-01-08", "关山乡人民政府", "http://www.linjiang.gov.cn/zwgk/xzxxgk/gsx/202401/t20240108_5521.html")
    out.append(d)

    # a township with no applications; part 二 row 2.1.2 that no rule can split
    d = mk("f6-shiqiao-zhen-2021", "F6", "all-zero table 三; a part 二 run with no rule to split it",
           "石桥镇人民政府", "石桥镇人民政府", 2021, (2022, 1, 14), 608, new=0,
           p2=make_p2("2021", r2_1_2=(2, 0, 15), r2_5_1=(35,), r2_6_1=(11,), r2_6_2=(1,), r2_8_1=(D("0"),)),
           knobs={"boiler_before": "当前位置：首页 > 信息公开 > 法定主动公开内容 > 政府信息公开年报 -->",
                  "boiler_after": "相关附件： 石桥镇2021年政府信息公开工作年度报告.pdf 【我要纠错】 【打印本页】 【关闭窗口】"})
    d.header = hdr(d.title, None, "石桥镇人民政府", "http://www.tongchuan.gov.cn/xxgk/sqz/ndbg/202201/t20220114_1190.html")
    out.append(d)
    return out
