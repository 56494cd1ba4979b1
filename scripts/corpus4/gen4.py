#!/usr/bin/env python3
"""Write the fourth corpus of published reports: figures chosen by hand below, rendered by the second
and third corpora's renderers (scripts/corpus2/render2.py, scripts/corpus3/render3.py) and reshaped by the
post-processors here into copies the earlier corpora do not hold (page breaks inside part 三's rows and
inside part 四, vertical group labels, traditional characters with pinyin and ASCII punctuation together,
merged-cell | runs in F3, a CMS table without <tbody> and with a two-column label area, part 四's values
before its header in reading order, spaced F6 runs that swallow the next label's numbering, published
rule breaks). The expected result follows from the chosen figures and from what the copy loses, never
from the parser.
Run from the repository root: python3 scripts/corpus4/gen4.py [name or family ...]
Documents listed in PENDING (they still fail) go to test/corpus-pending/<family>/, the others to
test/corpus/<family>/."""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "corpus2"))
sys.path.insert(0, os.path.join(HERE, "..", "corpus3"))
from figs import p3, p4, p2_2021, p2_2019, blank_rows, p3_json, rows3, P3_NOTE, COL3_LABELS  # noqa: E402
import render2  # noqa: E402
import render3  # noqa: E402
import gen3  # noqa: E402  (post-processors between, f6_expect)

ROOT = os.path.join(HERE, "..", "..", "test")
PENDING = {"f3-merged-dongtai-swj-2022"}


# ------------------------------------------------------------------------------- post-processors
def page_break_after(marker, page_no, running=None, occurrence_of=None, bare=False):
    """pdftotext -layout page break (blank lines, a centred page number, a form feed, optionally a
    running page header) right after the line holding marker."""
    def post(text):
        s = text.index(occurrence_of) if occurrence_of else 0
        i = text.index(marker, s)
        e = text.index("\n", i) + 1
        brk = ("\n\n                                   " + ("%d" if bare else "- %d -") + "\n\f") % page_no
        if running:
            brk += "    " + running + "\n\n"
        return text[:e] + brk + text[e:]
    return post


def vertical_edge(label, n_lines):
    """The group label printed down the left edge, one character on each of the next lines (as pdftotext
    -layout gives a vertical merged cell): the label's own line is removed and its characters replace the
    indent of the following n_lines lines."""
    def post(text):
        line = "   " + label + "\n"
        i = text.index(line)
        head, rest = text[:i], text[i + len(line):].split("\n")
        chars = list(label)
        for k in range(min(n_lines, len(chars))):
            assert rest[k].startswith("   "), rest[k]
            rest[k] = " " + chars[k] + rest[k][3:]
        return head + "\n".join(rest)
    return post


def vertical_lines(label):
    """The group label as lines of one character each (a vertical cell extracted before its rows)."""
    def post(text):
        line = "   " + label + "\n"
        return text.replace(line, "".join("  %s\n" % ch for ch in label), 1)
    return post


def pinyin(pairs):
    """Pinyin inserted after characters of labels, as scraped pages of some sites print them."""
    def post(text):
        for word, py in pairs:
            text = text.replace(word, word + "(" + py + ")")
        return text
    return post


def ascii_punct(text):
    return text.replace("（", "(").replace("）", ")").replace("，", ",").replace("：", ":")


def f3_merged(text):
    """F3 with the header cells split over lines and | runs left by merged cells after the header's
    span cells and after every group label."""
    a = text.index(P3_NOTE)
    b = text.index("四、政府信息公开行政复议")
    part = text[a:b]
    part = part.replace("申请人情况\n", "申请人情况\n|||||||\n", 1)
    part = part.replace("自然人\n", "自然\n人\n", 1)
    part = part.replace("法人或其他组织\n", "法人或其他\n组织\n|||||\n", 1)
    for code, lab, kind, _p in rows3("2021"):
        if kind == "group":
            part = part.replace("\n" + lab + "\n", "\n" + lab + "\n||\n", 1)
    return text[:a] + part + text[b:]


def f5_four_values_first(text):
    """Reading order where part 四's fifteen values (with blank lines) come before its header cells."""
    a = text.index("四、政府信息公开行政复议")
    b = text.index("五、存在的主要问题")
    lines = text[a:b].split("\n")
    head = lines[:1]
    body = lines[1:]
    vals = [x for x in body if re.fullmatch(r"\d+", x)]
    rest = [x for x in body if not re.fullmatch(r"\d+", x)]
    out = head + [""] + [v + "\n" for v in vals] + [x for x in rest if x != ""]
    return text[:a] + "\n".join(out) + "\n" + text[b:]


def p3_table_cms(doc):
    """Table 三 of a CMS editor: no <thead>/<tbody>, th header cells in two rows (no 申请人情况 cell,
    法人或其他组织 spanning five), a label area two columns wide (三、本年度办理结果 down the first, the
    row labels in the second), each group (三)…(六) on a row of its own with an empty cell spanning the
    values, blanks written as the document's html_blank."""
    fmt = doc["fmt"]
    cat = rows3(fmt)
    th = lambda s, rs=1, cs=1: render2.td(s, "th", rs, cs)  # noqa: E731
    td = render2.td
    rows = ["<tr>" + th(P3_NOTE, rs=2, cs=2) + th("自然人", rs=2) + th("法人或其他组织", cs=5) + th("总计", rs=2)
            + "</tr>", "<tr>" + "".join(th(c) for c in COL3_LABELS[1:6]) + "</tr>"]
    outcome = [c for c, _l, _k, _p in cat if c.startswith("3.")]
    first = True
    for code, lab, kind, _p in cat:
        lab = doc.get("labels", {}).get(code, lab)
        if code == "3":
            continue
        tr = ""
        if code.startswith("3.") and first:
            tr += td("三、本年度办理结果", rs=len(outcome))
            first = False
        if kind == "group":
            rows.append("<tr>" + tr + td(lab) + td("", cs=7) + "</tr>")
            continue
        vals = [render3.val(doc, render2.cell(doc, v)) for v in doc["p3"][code]]
        lab_td = td(lab) if code.startswith("3.") else td(lab, cs=2)
        rows.append("<tr>" + tr + lab_td + "".join(td(v) for v in vals) + "</tr>")
    return '<div class="TRS_Editor"><table border="1" cellpadding="0" cellspacing="0" width="600">\n' \
        + "\n".join(rows) + "\n</table></div>"


def render_f7c(doc):
    """A CMS page: table 二 and 四 as in render3, table 三 as p3_table_cms."""
    p = lambda s: '<p style="text-indent:2em">%s</p>' % s  # noqa: E731
    h = lambda s: '<p style="text-indent:2em"><b>%s</b></p>' % s  # noqa: E731
    body = render3.article(doc, render3.table2(doc), [p3_table_cms(doc)], render3.table4(doc), p, h)
    if doc.get("no_tbody") is not False:
        body = body.replace("<tbody>", "").replace("</tbody>", "")
    return ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>\n"
            "<div class=\"position\">您当前的位置：首页 &gt; 信息公开 &gt; 年度报告</div>\n"
            "<div class=\"xxgk_content\" id=\"zoom\">\n%s\n</div>\n<div class=\"footer\">主办单位：%s</div>\n"
            "</body></html>\n" % (body, doc["agency"]))


render2.RENDER["F7C"] = render_f7c


def group_after(group, child):
    """Reading order where a group label arrives after its first child row (label and values)."""
    def post(text):
        i = text.index(child)
        g = text.rindex(group + "\n", 0, i)
        text = text[:g] + text[g + len(group) + 1:]
        i = text.index(child)
        lines = text[i:].split("\n")
        k = 1
        while k < len(lines) and (lines[k] == "" or re.fullmatch(r"\d+", lines[k])):
            k += 1
        return text[:i] + "\n".join(lines[:k] + [group, ""] + lines[k:])
    return post


def drop_lines(first, upto):
    """Remove the lines from the one holding first up to (not including) the line holding upto."""
    def post(text):
        a = text.rindex("\n", 0, text.index(first)) + 1
        b = text.rindex("\n", 0, text.index(upto, a)) + 1
        return text[:a] + text[b:]
    return post


def insert_after_nth_line(marker, n, insert):
    """Insert text after the n-th line following the line holding marker."""
    def post(text):
        i = text.index(marker)
        for _ in range(n + 1):
            i = text.index("\n", i) + 1
        return text[:i] + insert + text[i:]
    return post


def shift_numbers(marker, cols):
    """Move the numbers of the line holding marker cols characters to the left (pdftotext jitter)."""
    def post(text):
        a = text.index(marker)
        a = text.rindex("\n", 0, a) + 1
        b = text.index("\n", a)
        line = text[a:b]
        k = line.index(marker) + len(marker)
        m = re.search(r"\s{3,}\d", line[k:])
        line = line[:k + m.start()] + line[k + m.start() + cols:]
        return text[:a] + line + text[b:]
    return post


def docs():
    out = []
    # ---------------------------------------------------------------- F4
    out.append(dict(
        name="f4-pb4-xinqiao-fgj-2023", family="F4", render="F4", fmt="2021", year=2023, wrap=15,
        post=[page_break_after("结果维持", 7, running="新桥县发展和改革局2023年政府信息公开工作年度报告",
                               occurrence_of="四、政府信息公开行政复议")],
        variant="pdftotext -layout with a page break inside part 四 (between its column header and its values: "
                "page number - 7 -, form feed, a running page header with the report's title)",
        agency="新桥县发展和改革局", title="新桥县发展和改革局2023年政府信息公开工作年度报告",
        date="2024年1月22日", published_on="2024-01-22",
        p2=p2_2021(norm=(2, 0, 15), lic=86, pun=3, force=0, fee="0"),
        p3=p3("2021", {"3.1": [11, 3, 0, 0, 1, 0], "3.2": [2, 0, 0, 0, 0, 0], "3.4.1": [4, 1, 0, 0, 0, 0],
                       "3.5.2": [1, 0, 0, 0, 0, 0]}, carry_in=[1, 0, 0, 0, 0, 0], carry_out=[2, 0, 0, 0, 0, 0]),
        p4=p4(review=(2, 1, 0, 0), suit=(1, 0, 0, 1))))
    out.append(dict(
        name="f4-pbwrap-shuanglong-zhen-2022", family="F4", render="F4", fmt="2021", year=2022, wrap=13,
        num_line=1,
        post=[page_break_after("（二）部分公开（区", 4, running="双龙镇人民政府2022年政府信息公开工作年度报告")],
        variant="pdftotext -layout with the page break inside a wrapped label: the first line of （二）部分公开 "
                "on one page, its numbers and the rest of the label after the form feed, page number and "
                "running header",
        agency="双龙镇人民政府", title="双龙镇人民政府2022年政府信息公开工作年度报告",
        date="2023年1月12日", published_on="2023-01-12",
        p2=p2_2021(norm=(0, 0, 3), lic=12, pun=5, force=0, fee="0"),
        p3=p3("2021", {"3.1": [6, 1, 0, 0, 0, 0], "3.2": [2, 0, 0, 0, 0, 0], "3.4.1": [3, 0, 0, 0, 0, 0]},
              carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4(review=(1, 0, 0, 0))))
    out.append(dict(
        name="f4-vedge-shangyuan-zhen-2022", family="F4", render="F4", fmt="2021", year=2022, wrap=40,
        post=[vertical_edge("三、本年度办理结果", 9)],
        variant="pdftotext -layout with 三、本年度办理结果 printed down the left edge, one character at the start "
                "of each of the first nine lines of the outcome rows; labels on one line",
        agency="上元镇人民政府", title="上元镇人民政府2022年政府信息公开工作年度报告",
        date="2023年1月9日", published_on="2023-01-09",
        p2=p2_2021(norm=(0, 0, 2), lic=31, pun=4, force=0, fee="0"),
        p3=p3("2021", {"3.1": [7, 0, 0, 0, 0, 0], "3.2": [1, 0, 0, 0, 0, 0], "3.3.1": [1, 0, 0, 0, 0, 0],
                       "3.4.1": [2, 1, 0, 0, 0, 0]}, carry_in=[1, 0, 0, 0, 0, 0]),
        p4=p4()))
    out.append(dict(
        name="f4-vlines2019-hetang-xiang-2020", family="F4", render="F4", fmt="2019", year=2020, wrap=14,
        page_break_before="3.3.5", page_no=4, repeat_header=True,
        post=[vertical_lines("三、本年度办理结果")],
        variant="pdftotext -layout of a 2019-trial-format report (2020): 三、本年度办理结果 as lines of one "
                "character before the outcome rows, page break inside group （三） (before 3.3.5) with - 4 - "
                "and the column headers repeated",
        agency="荷塘乡人民政府", title="荷塘乡人民政府2020年政府信息公开工作年度报告",
        date="2021年1月15日", published_on="2021-01-15",
        p2=p2_2019(norm=(0, 0, 3), lic=(4, -1, 22), oth=(1, 0, 6), pun=(2, 0, 9), force=(0, 0, 0), fee=(0, 0),
                   buy=(1, "12.5")),
        p3=p3("2019", {"3.1": [5, 0, 0, 0, 0, 0], "3.3.6": [1, 0, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0],
                       "3.6": [1, 0, 0, 0, 0, 0]}),
        p4=p4(suit=(1, 0, 0, 0))))
    # ---------------------------------------------------------------- F5
    out.append(dict(
        name="f5-p4first-qingping-zjj-2025", family="F5", render="F5", fmt="2021", year=2025,
        values_before=["3.2", "3.4.1"], post=[f5_four_values_first],
        variant="reading order, 2025 report: part 四's fifteen values (blank lines between) before its header "
                "cells; values before the labels of 3.2 and 3.4.1",
        agency="清平县住房和城乡建设局", title="清平县住房和城乡建设局2025年政府信息公开工作年度报告",
        date="2026年1月20日", published_on="2026-01-20",
        p2=p2_2021(norm=(1, 0, 9), lic=642, pun=35, force=1, fee="0"),
        p3=p3("2021", {"3.1": [16, 4, 0, 0, 1, 0], "3.2": [3, 1, 0, 0, 0, 0], "3.4.1": [7, 2, 0, 0, 0, 0],
                       "3.5.1": [2, 0, 0, 0, 0, 0]}, carry_in=[2, 0, 0, 0, 0, 0], carry_out=[3, 1, 0, 0, 0, 0]),
        p4=p4(review=(2, 1, 0, 1), suit=(1, 0, 1, 0))))
    # ---------------------------------------------------------------- F1
    out.append(dict(
        name="f1-tradpy-shimen-zhen-2022", family="F1", render="F1", fmt="2021", year=2022, trad=True,
        post=[pinyin([("予以公开", "kāi"), ("不予处理", "lǐ"), ("行政复议", "yì")]),
              gen3.between("三、收到和处理政府信息公开申请情况", "五、存在的主要问题", ascii_punct)],
        labels={"3.4.2": "2.没有现成信息需要另行制"},
        variant="| lines in traditional characters with pinyin after some labels (予以公開(kāi)), ASCII "
                "parentheses and commas in parts 三 and 四, a label typo (3.4.2 without its last character)",
        agency="石门镇人民政府", title="石门镇人民政府2022年政府信息公开工作年度报告",
        exp_title="石门镇人民政府2022年政府信息公开工作年度报告",
        date="2023年1月18日", published_on="2023-01-18",
        p2=p2_2021(norm=(0, 0, 1), lic=5, pun=2, force=0, fee="0"),
        p3=p3("2021", {"3.1": [4, 0, 0, 0, 0, 0], "3.2": [1, 0, 0, 0, 0, 0], "3.4.2": [1, 0, 0, 0, 0, 0],
                       "3.5.3": [1, 0, 0, 0, 0, 0]}),
        p4=p4(review=(0, 1, 0, 0)), warnings={"label_variant"}))
    out.append(dict(
        name="f1-2025-baiyun-xiang-2025", family="F1", render="F1", fmt="2021", year=2025, blank="/",
        variant="| lines, 2025 report, blanks as / in 3.6.2 and 3.6.3, narrative quotes 8 new requests against "
                "6 in the table",
        agency="白云乡人民政府", title="白云乡人民政府2025年政府信息公开工作年度报告",
        date="2026年1月13日", published_on="2026-01-13",
        apps_sentence="本年共收到政府信息公开申请8件，均按时答复。",
        p2=p2_2021(lic=2, pun=1, force=0, fee="0"),
        p3=blank_rows(p3("2021", {"3.1": [4, 0, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0]}), ["3.6.2", "3.6.3"]),
        p4=p4(), warnings={"text_contradicts_table"}))
    # ---------------------------------------------------------------- F3
    out.append(dict(
        name="f3-merged-dongtai-swj-2022", family="F3", render="F3", fmt="2021", year=2022, post=[f3_merged],
        variant="values and | on their own lines, header cells split (自然⏎人, 法人或其他⏎组织), | runs from merged "
                "cells after 申请人情况, 法人或其他组织 and after every group label",
        agency="东台市商务局", title="东台市商务局2022年政府信息公开工作年度报告",
        date="2023年1月28日", published_on="2023-01-28",
        p2=p2_2021(norm=(1, 2, 14), lic=230, pun=17, force=0, fee="0"),
        p3=p3("2021", {"3.1": [12, 6, 0, 0, 1, 0], "3.2": [2, 1, 0, 0, 0, 0], "3.3.3": [1, 0, 0, 0, 0, 0],
                       "3.4.1": [5, 2, 0, 0, 0, 0], "3.5.4": [1, 0, 0, 0, 0, 0]},
              carry_in=[1, 1, 0, 0, 0, 0], carry_out=[2, 0, 0, 0, 0, 0]),
        p4=p4(review=(1, 0, 0, 1))))
    # ---------------------------------------------------------------- F6
    d = dict(
        name="f6-spaced-xiaoxi-xiang-2023", family="F6", render="F6", fmt="2021", year=2023,
        spaces={"3.1": (1, 6), "3.2": (6,), "3.4.1": (2, 4), "3.4.2": (6,), "3.5.1": (6,), "3.7": (1, 6), "1": (6,),
                "4": (3,), "p4": (5, 10)},
        variant="crawler dump with single spaces between some cells of some runs (5 0 00006, 1 00 00 0) while "
                "the runs of 3.4.1, 3.4.2, 3.5.1 swallow the next label's numbering (…02.没有现成信息)",
        agency="小溪乡人民政府", title="小溪乡人民政府2023年政府信息公开工作年度报告", published_on="2024-01-11",
        date="2024年1月11日",
        p2=p2_2021(lic=3, pun=1, force=0, fee="0"),
        p3=p3("2021", {"3.1": [5, 1, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0], "3.4.2": [1, 0, 0, 0, 0, 0],
                       "3.5.1": [1, 0, 0, 0, 0, 0]}, carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4(review=(1, 0, 0, 0)))
    gen3.f6_expect(d)
    assert "ambiguous_split" not in d.get("warnings", ()), d["name"]
    out.append(d)
    # ---------------------------------------------------------------- F7
    out.append(dict(
        name="f7-cms-jinping-wjw-2023", family="F7", render="F7C", fmt="2021", year=2023, html_blank="&nbsp;",
        yuan=True, blank="",
        variant="HTML of a CMS editor: table 三 without <thead>/<tbody>, th header cells in two rows (no 申请人情况, "
                "法人或其他组织 spanning five), a two-column label area with each group （三）…（六） on its own row "
                "over an empty colspan-7 cell; fee in 元 (251000元); &nbsp; blanks in 3.6.2/3.6.3",
        agency="金平县卫生健康局", title="金平县卫生健康局2023年政府信息公开工作年度报告",
        date="2024年1月30日", published_on="2024-01-30",
        p2=p2_2021(norm=(1, 0, 6), lic=1842, pun=96, force=2, fee="25.1"),
        p3=blank_rows(p3("2021", {"3.1": [19, 5, 0, 1, 2, 0], "3.2": [4, 1, 0, 0, 0, 0], "3.3.4": [1, 0, 0, 0, 0, 0],
                                     "3.4.1": [8, 2, 0, 0, 0, 0], "3.5.2": [2, 0, 0, 0, 0, 0]},
                              carry_in=[3, 0, 0, 0, 0, 0], carry_out=[4, 1, 0, 0, 0, 0]), ["3.6.2", "3.6.3"]),
        p4=p4(review=(2, 0, 1, 1), suit=(1, 0, 0, 0))))
    t = p3("2021", {"3.1": [9, 2, 0, 0, 0, 0], "3.2": [2, 0, 0, 0, 0, 0], "3.4.1": [3, 1, 0, 0, 0, 0]},
           carry_out=[1, 0, 0, 0, 0, 0])
    t["3.1"] = [9, 2, 0, 0, 0, 0, 12]        # printed: 3.1's 总计 12, not 11
    t["3.7"] = [15, 3, 0, 0, 0, 0, 17]       # printed: (七)总计 with 15 and 17 (the outcome rows give 14 and 17)
    four = p4(review=(1, 0, 0, 0), suit=(1, 1, 0, 0))
    four[9] = 0                              # printed: 未经复议直接起诉 总计 0 beside 1 and 1
    out.append(dict(
        name="f7-broken-liangshan-jyj-2024", family="F7", render="F7X", fmt="2021", year=2024, th=True,
        variant="HTML with published rule breaks kept as published: 3.1's 总计 12 (cells add to 11), (七)总计 "
                "自然人 15 (the outcome rows add to 14), 四 未经复议直接起诉 总计 0 beside 1+1",
        agency="梁山县教育局", title="梁山县教育局2024年政府信息公开工作年度报告",
        date="2025年1月24日", published_on="2025-01-24",
        p2=p2_2021(norm=(2, 0, 11), lic=15, pun=0, force=0, fee="0"), p3=t, p4=four))
    out.append(dict(
        name="f7-2019yuan-gaotang-czj-2020", family="F7", render="F7C", fmt="2019", year=2020, yuan=True,
        html_blank="—", blank="",
        variant="HTML of a CMS editor, 2019 trial format (2020): 2.9 amount in 元 (3864200元), signed -2 in "
                "本年增/减, blanks as — in 2.1.1, two-column label area without <tbody>",
        agency="高唐县财政局", title="高唐县财政局2020年政府信息公开工作年度报告",
        date="2021年1月27日", published_on="2021-01-27",
        p2=p2_2019(reg=(None, None, None), norm=(2, 1, 30), lic=(3, -2, 17), oth=(1, 0, 4), pun=(5, 1, 21),
                   force=(0, 0, 0), fee=(1, 0), buy=(46, "386.42")),
        p3=p3("2019", {"3.1": [14, 7, 0, 0, 1, 0], "3.2": [2, 0, 0, 0, 0, 0], "3.4.1": [3, 1, 0, 0, 0, 0],
                       "3.6": [1, 0, 0, 0, 0, 0]}, carry_in=[1, 0, 0, 0, 0, 0], carry_out=[2, 1, 0, 0, 0, 0]),
        p4=p4(review=(1, 0, 0, 0))))
    out.append(dict(
        name="f7-wu-blanks-nanxi-zhen-2022", family="F7", render="F7X", fmt="2021", year=2022, blank="",
        html_blank="无", br_values=True,
        apps_sentence="2022年，我镇共收到政府信息公开申请21件，全部按时办结。",
        variant="HTML with blanks written 无 in 3.6.2/3.6.3 and 2.1.1, <br/> after every value, narrative quotes "
                "21 new requests against 12 in the table",
        agency="南溪镇人民政府", title="南溪镇人民政府2022年政府信息公开工作年度报告",
        date="2023年1月19日", published_on="2023-01-19",
        p2=p2_2021(reg=(None, None, None), norm=(0, 0, 4), lic=9, pun=2, force=0, fee="0"),
        p3=blank_rows(p3("2021", {"3.1": [8, 1, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0],
                                     "3.3.6": [1, 0, 0, 0, 0, 0]}), ["3.6.2", "3.6.3"]),
        p4=p4(), warnings={"text_contradicts_table"}))
    # ---------------------------------------------------------------- F2
    t = p3("2021", {"3.1": [6, 0, 0, 0, 0, 0], "3.4.1": [1, 0, 0, 0, 0, 0]})
    t["3.7"] = [7, 0, 0, 0, 0, 0, 8]          # printed: (七)总计's 总计 8 beside 7
    four = p4(review=(1, 0, 0, 0))
    four[4] = 0                               # printed: 行政复议 总计 0 beside 1
    out.append(dict(
        name="f2-broken-yanjiang-zhen-2025", family="F2", render="F2", fmt="2021", year=2025, blank="—",
        variant="row per line, 2025 report, published rule breaks kept: (七)总计's 总计 8 beside 7, 行政复议 "
                "总计 0 beside a 结果维持 of 1; blanks as — in 2.1.1",
        agency="沿江镇人民政府", title="沿江镇人民政府2025年政府信息公开工作年度报告",
        date="2026年1月16日", published_on="2026-01-16",
        p2=p2_2021(reg=(None, None, None), lic=6, pun=0, force=0, fee="0"), p3=t, p4=four))
    # ---------------------------------------------------------------- more F4, F5, F6, F8
    out.append(dict(
        name="f4-pbgroup-fengshan-gtj-2024", family="F4", render="F4", fmt="2021", year=2024, wrap=16,
        post=[page_break_after("（四）无法提供", 5, running="凤山县规划和自然资源局2024年政府信息公开工作年度报告")],
        variant="pdftotext -layout, 2024 report: the page break falls between the group label （四）无法提供 and "
                "its first row (page number, form feed, running header), wrapped labels",
        agency="凤山县规划和自然资源局", title="凤山县规划和自然资源局2024年政府信息公开工作年度报告",
        date="2025年1月21日", published_on="2025-01-21",
        p2=p2_2021(norm=(1, 1, 8), lic=517, pun=63, force=2, fee="0"),
        p3=p3("2021", {"3.1": [24, 6, 0, 0, 2, 0], "3.2": [5, 1, 0, 0, 0, 0], "3.4.1": [9, 3, 0, 0, 1, 0],
                       "3.4.2": [2, 0, 0, 0, 0, 0], "3.5.3": [1, 0, 0, 0, 0, 0]},
              carry_in=[3, 1, 0, 0, 0, 0], carry_out=[5, 0, 0, 0, 0, 0]),
        p4=p4(review=(3, 1, 0, 1), suit=(2, 0, 0, 1))))
    out.append(dict(
        name="f5-grplate-baihe-xiang-2022", family="F5", render="F5", fmt="2021", year=2022,
        post=[group_after("（三）不予公开", "1.属于国家秘密"), group_after("（四）无法提供", "1.本机关不掌握相关政府信息")],
        variant="reading order with the group labels （三）不予公开 and （四）无法提供 arriving after their first "
                "child row's label and values",
        agency="白河乡人民政府", title="白河乡人民政府2022年政府信息公开工作年度报告",
        date="2023年1月10日", published_on="2023-01-10",
        p2=p2_2021(lic=7, pun=2, force=0, fee="0"),
        p3=p3("2021", {"3.1": [3, 0, 0, 0, 0, 0], "3.3.1": [1, 0, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0]}),
        p4=p4()))
    d = dict(
        name="f6-navtext-shuangxi-jd-2022", family="F6", render="F6", fmt="2021", year=2022,
        nav="首页 > 政务公开 > 年度报告 --> 【字体：大 中 小】--> ",
        spaces={"3.1": (3,), "3.7": (3,), "1": (1, 6)},
        apps_sentence="全年共收到政府信息公开申请12件，办结11件。",
        variant="crawler dump with navigation debris and spaced runs (some cells separated by single spaces); "
                "narrative quotes 12 new requests against 9 in the table",
        agency="双溪街道办事处", title="双溪街道办事处2022年政府信息公开工作年度报告", published_on="2023-01-17",
        date="2023年1月17日",
        p2=p2_2021(lic=0, pun=0, force=0, fee="0"),
        p3=p3("2021", {"3.1": [6, 1, 0, 0, 0, 0], "3.4.1": [1, 0, 0, 0, 0, 0]}, carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4(), warnings={"text_contradicts_table"})
    gen3.f6_expect(d)
    assert "ambiguous_split" not in d["warnings"], d["name"]
    out.append(d)
    fmt = "2021"
    d = dict(
        name="f8-lostpage-hongshan-mzj-2023", family="F8", layout="F4", render="F4", fmt=fmt, year=2023, wrap=40,
        post=[drop_lines("3.危及", "（四）无法提供")],
        variant="pdftotext -layout copy that lost a page inside part 三: the rows 3.3.3 to 3.3.8 are missing "
                "(the copy goes on with （四）无法提供): the rows are blank with row_missing, complete false; the layout "
                "stays F4 (a table printed without these rows looks the same: no proof of a lossy copy)",
        agency="红山县民政局", title="红山县民政局2023年政府信息公开工作年度报告",
        date="2024年1月25日", published_on="2024-01-25",
        p2=p2_2021(norm=(1, 0, 5), lic=44, pun=0, force=0, fee="0"),
        p3=p3(fmt, {"3.1": [8, 2, 0, 0, 0, 0], "3.3.4": [1, 0, 0, 0, 0, 0], "3.4.1": [3, 0, 0, 0, 0, 0]}),
        p4=p4(review=(1, 0, 0, 0)), complete=False, warnings={"row_missing"})
    e = p3_json(fmt, d["p3"])
    for c in ("3.3.3", "3.3.4", "3.3.5", "3.3.6", "3.3.7", "3.3.8"):
        e[c] = [None] * 7
    d["exp_p3"] = e
    out.append(d)
    out.append(dict(
        name="f2-wu-yuan-taiping-scj-2023", family="F2", render="F2", fmt="2021", year=2023, blank="无",
        yuan=True,
        variant="row per line, fee in 元 with decimals (12345元 = 1.2345 万元), blanks as 无 in 2.1.1, 3.6.2, "
                "3.6.3 and part 四's 复议后起诉 group",
        agency="太平县市场监督管理局", title="太平县市场监督管理局2023年政府信息公开工作年度报告",
        date="2024年1月26日", published_on="2024-01-26",
        p2=p2_2021(reg=(None, None, None), norm=(0, 1, 9), lic=2861, pun=944, force=31, fee="1.2345"),
        p3=blank_rows(p3("2021", {"3.1": [37, 12, 0, 0, 2, 1], "3.2": [6, 2, 0, 0, 0, 0], "3.4.1": [11, 4, 0, 0, 0, 0],
                                  "3.5.1": [3, 0, 0, 0, 0, 0]}, carry_in=[2, 1, 0, 0, 0, 0],
                             carry_out=[4, 0, 0, 0, 0, 0]), ["3.6.2", "3.6.3"]),
        p4=p4(review=(4, 1, 0, 1), suit=(2, 0, 0, 0))[:10] + [None] * 5))
    # ---------------------------------------------------------------- 合计
    out.append(dict(
        name="f6-heji-yangliu-xiang-2023", family="F6", render="F6", fmt="2021", year=2023,
        labels={"3.7": "（七）合计"},
        variant="crawler dump with the variant wording （七）合计 for （七）总计 glued between two digit runs",
        agency="杨柳乡人民政府", title="杨柳乡人民政府2023年政府信息公开工作年度报告", published_on="2024-01-15",
        date="2024年1月15日",
        p2=p2_2021(lic=2, pun=0, force=0, fee="0"),
        p3=p3("2021", {"3.1": [3, 1, 0, 0, 0, 0], "3.4.1": [1, 0, 0, 0, 0, 0]}), p4=p4(),
        warnings={"label_variant"}))
    out.append(dict(
        name="f2-hejicol-qingxi-zhen-2022", family="F2", render="F2", fmt="2021", year=2022,
        post=[gen3.between(P3_NOTE, "五、存在的主要问题", lambda s: s.replace("| 总计 |", "| 合计 |"))],
        variant="row per line whose column headers say 合计 (part 三's total column, part 四's totals) while the "
                "row （七）总计 keeps its wording: no header taken for a row",
        agency="清溪镇人民政府", title="清溪镇人民政府2022年政府信息公开工作年度报告",
        date="2023年1月12日", published_on="2023-01-12",
        p2=p2_2021(lic=1, pun=1, force=0, fee="0"),
        p3=p3("2021", {"3.1": [5, 0, 0, 0, 0, 0], "3.2": [1, 0, 0, 0, 0, 0], "3.4.1": [1, 1, 0, 0, 0, 0]}),
        p4=p4(review=(1, 0, 0, 0))))
    # ---------------------------------------------------------------- page numbers among values
    out.append(dict(
        name="f5-pagenum-xiangshan-zhen-2023", family="F5", render="F5", fmt="2021", year=2023,
        post=[insert_after_nth_line("（一）予以公开", 6, "\n- 6 -\n\f")],
        variant="reading order with a page break inside the values of （一）予以公开 (after its third value): "
                "blank line, page number - 6 -, form feed",
        agency="象山镇人民政府", title="象山镇人民政府2023年政府信息公开工作年度报告",
        date="2024年1月12日", published_on="2024-01-12",
        p2=p2_2021(lic=4, pun=1, force=0, fee="0"),
        p3=p3("2021", {"3.1": [7, 2, 1, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0]}, carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4()))
    out.append(dict(
        name="f5-barepage-lishan-xiang-2022", family="F5", render="F5", fmt="2021", year=2022,
        post=[insert_after_nth_line("（二）部分公开", 14, "5\n\f")],
        variant="reading order with a bare page number 5 (no dashes) on the last line of a page, between the "
                "values of （二）部分公开 and the label of （三）不予公开, then a form feed",
        agency="黎山乡人民政府", title="黎山乡人民政府2022年政府信息公开工作年度报告",
        date="2023年1月16日", published_on="2023-01-16",
        p2=p2_2021(lic=3, pun=0, force=0, fee="0"),
        p3=p3("2021", {"3.1": [4, 0, 0, 0, 0, 0], "3.2": [1, 0, 0, 0, 0, 0], "3.4.1": [2, 0, 0, 0, 0, 0]}),
        p4=p4()))
    out.append(dict(
        name="f4-barepage-yuntai-jtj-2022", family="F4", render="F4", fmt="2021", year=2022, wrap=40,
        post=[page_break_after("3.危及", 5, bare=True)],
        variant="pdftotext -layout with a page break after 3.3.3 whose page number is printed bare (5, no dashes), "
                "centred on its own line",
        agency="云台县交通运输局", title="云台县交通运输局2022年政府信息公开工作年度报告",
        date="2023年1月18日", published_on="2023-01-18",
        p2=p2_2021(norm=(0, 1, 6), lic=97, pun=210, force=4, fee="0"),
        p3=p3("2021", {"3.1": [9, 2, 0, 0, 0, 0], "3.2": [1, 0, 0, 0, 0, 0], "3.3.3": [1, 0, 0, 0, 0, 0],
                       "3.4.1": [4, 0, 0, 0, 1, 0]}, carry_out=[2, 0, 0, 0, 0, 0]),
        p4=p4(review=(1, 0, 0, 0))))
    t = p3("2021", {"3.1": [12, 3, 0, 0, 1, 0], "3.2": [2, 0, 0, 0, 0, 0], "3.4.1": [5, 0, 0, 0, 0, 0]},
           carry_out=[2, 0, 0, 0, 0, 0])
    t["3.4.1"] = [5, None, 0, 0, 0, 0, 5]     # printed: 3.4.1's 商业企业 cell blank
    out.append(dict(
        name="f4-jitter-hongqiao-sfj-2023", family="F4", render="F4", fmt="2021", year=2023, wrap=16, blank="",
        post=[shift_numbers("1.本机关不掌握", 2)],
        variant="pdftotext -layout with a blank cell in 3.4.1 (商业企业) and the numbers of that line two characters "
                "left of the other rows' columns (extraction jitter)",
        agency="虹桥县司法局", title="虹桥县司法局2023年政府信息公开工作年度报告",
        date="2024年1月23日", published_on="2024-01-23",
        p2=p2_2021(norm=(0, 0, 4), lic=21, pun=0, force=0, fee="0"), p3=t,
        p4=p4(review=(1, 0, 0, 1))))
    # ---------------------------------------------------------------- cut inside part 四's values
    fmt = "2021"
    d = dict(
        name="f8-cutfour1-taoxi-zhen-2022", family="F8", render="F1", fmt=fmt, year=2022,
        post=[gen3.cut_at("7\n|\n", len("7\n|\n"), occurrence_of="复议后起诉")],
        variant="| line copy (one cell per line) cut off inside part 四's values after the seventh value and its |: "
                "the seven values kept in their columns (the first group's 总计 proves it), the rest blank",
        agency="桃溪镇人民政府", title="桃溪镇人民政府2022年政府信息公开工作年度报告",
        p2=p2_2021(lic=6, pun=1, force=0, fee="0"),
        p3=p3(fmt, {"3.1": [5, 1, 0, 0, 0, 0], "3.4.1": [1, 0, 0, 0, 0, 0]}, carry_out=[1, 0, 0, 0, 0, 0]),
        p4=p4(review=(2, 1, 0, 1), suit=(3, 7, 0, 0)), complete=False, warnings={"truncated", "part_missing"},
        cut=True)
    d["exp_p4"] = [2, 1, 0, 1, 4, 3, 7] + [None] * 8
    out.append(d)
    four = p4(review=(3, 1, 0, 2), suit=(1, 0, 0, 0))
    four[4] = 5                               # printed: 行政复议 总计 5 beside 3+1+0+2
    d = dict(
        name="f8-cutfourbad-shahe-rsj-2023", family="F8", render="F2", fmt=fmt, year=2023,
        post=[gen3.cut_at("3 | 1 | 0 | 2 | 5 | 1 |", len("3 | 1 | 0 | 2 | 5 | 1 |"), occurrence_of="四、政府信息公开行政复议")],
        variant="row-per-line copy cut off inside part 四's values after the sixth value, whose first group's 总计 "
                "(5) is not the sum of its cells (6): nothing proves the columns, part 四 stays blank",
        agency="沙河县人力资源和社会保障局", title="沙河县人力资源和社会保障局2023年政府信息公开工作年度报告",
        p2=p2_2021(norm=(1, 0, 9), lic=120, pun=3, force=0, fee="0"),
        p3=p3(fmt, {"3.1": [14, 2, 0, 0, 0, 0], "3.4.1": [4, 0, 0, 0, 0, 0]}, carry_out=[1, 0, 0, 0, 0, 0]),
        p4=four, exp_p4=[None] * 15, complete=False, cut=True,
        warnings={"truncated", "part_missing", "columns_unrecoverable"})
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
        n += 1
    print("%d documents written" % n)


if __name__ == "__main__":
    main()
