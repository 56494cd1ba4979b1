"""Renderers of the second corpus: one function per family, each a different copy of the same figures."""
import json
import re
import subprocess

from figs import (rows3, data_rows3, p2_blocks, P4_COL_LABELS, COL3_LABELS, HEADINGS, P3_NOTE, violations,
                  p2_json, p3_json, num)


def cell(doc, v):
    if v is None:
        return doc.get("blank", "")
    if isinstance(v, str):
        return v
    return str(v)


def amount(doc, v):
    """An amount in 万元 as printed (in 元 when the document says so)."""
    if v is None:
        return doc.get("blank", "")
    if doc.get("yuan"):
        y = round(float(v) * 10000)
        return "%d元" % y
    return v


def label(doc, code, default):
    return doc.get("labels", {}).get(code, default)


def heading(doc, k):
    return doc.get("headings", {}).get(k, HEADINGS[k])


def p2_rows(doc):
    """[(kind, cells)] of table 二: ('block', [label]), ('head', [...]), ('row', [label, values])."""
    out = []
    fmt = doc.get("p2fmt", doc["fmt"])
    for b, blabel, cols, rows in p2_blocks(fmt):
        out.append(("block", [blabel]))
        out.append(("head", ["信息内容"] + [c[1] for c in cols]))
        for code, lab in rows:
            vals = doc["p2"][code]
            cells = []
            for i, (c, _cl) in enumerate(cols):
                if c == "amount":
                    cells.append(amount(doc, vals[i]))
                else:
                    cells.append(cell(doc, vals[i]))
            out.append(("row", [label(doc, code, lab)] + cells))
    return out


def p3_rows(doc):
    """[(code, group labels printed before, label, 7 printed cells)] in table order."""
    out = []
    pending = []
    for code, lab, kind, _parent in rows3(doc["fmt"]):
        if kind == "group":
            pending.append(label(doc, code, lab))
            continue
        vals = doc["p3"].get(code, [None] * 7)
        out.append((code, pending, label(doc, code, lab), [cell(doc, v) for v in vals]))
        pending = []
    return out


def p4_cells(doc):
    return [cell(doc, v) for v in doc["p4"]]


def intro(doc):
    y = doc["year"]
    base = ("〔2019〕60号" if y < 2021 else "〔2021〕30号")
    return ("本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室（国办公开办函%s）"
            "要求编制。统计期限为%d年1月1日至%d年12月31日。" % (base, y, y))


def narrative(doc):
    a = doc["agency"]
    y = doc["year"]
    s = ["（一）主动公开。%d年，%s通过政府网站主动公开政府信息%d条，围绕%s等重点领域及时发布信息。" % (
        y, a, doc.get("published_items", 412), doc.get("topic", "重点工作"))]
    s.append("（二）依申请公开。" + doc.get("apps_sentence", "严格按照法定时限答复申请人。"))
    s.append("（三）政府信息管理。严格落实公开属性源头认定和保密审查制度，动态调整公开目录。")
    s.append("（四）平台建设。持续优化门户网站信息公开专栏，政务新媒体发布信息%d条。" % doc.get("media", 236))
    s.append("（五）监督保障。将政务公开纳入年度考核，组织业务培训%d次。" % doc.get("training", 3))
    return s


def problems(doc):
    return [doc.get("problems", "%d年，%s政府信息公开工作仍存在公开内容不够全面、解读形式比较单一等问题。下一步将加强培训，"
                                "提高信息发布质量。" % (doc["year"], doc["agency"]))]


def other(doc):
    return [doc.get("other", "本年度未收取信息处理费。")]


def signature(doc):
    out = [doc["agency"]]
    if doc.get("date"):
        out.append(doc["date"])
    return out


def body_parts(doc, t2, t3, t4):
    """The document as lines: title, intro, parts 一 … 六 with the given table lines, signature."""
    lines = [doc["title"], intro(doc), heading(doc, 0)] + narrative(doc)
    lines += [heading(doc, 1)] + t2 + [heading(doc, 2)] + t3 + [heading(doc, 3)] + t4
    lines += [heading(doc, 4)] + problems(doc) + [heading(doc, 5)] + other(doc) + signature(doc)
    return lines


# F1 ------------------------------------------------------------------------------------------------
def f1_cells(cells, end="||"):
    out = []
    for c in cells:
        out += c.split("\n") if c else []
        out.append("|")
    out[-1] = end
    return out


def render_f1(doc):
    t2 = []
    for kind, cells in p2_rows(doc):
        if kind == "block":
            t2 += [cells[0], "|", "|||"]
        else:
            t2 += f1_cells([doc.get("breaks", {}).get(c, c) for c in cells], "||" if len(cells) < 4 else "|")
    t3 = [P3_NOTE.replace("（", "(").replace("）", ")"), "|", "申请人情况", "|", "||||||||",
          "自然人", "|", "法人或其他组织", "|", "总计", "|", "|||||||"]
    for lab in COL3_LABELS[1:6]:
        t3 += [lab, "|"]
    t3.append("|||||")
    for code, groups, lab, cells in p3_rows(doc):
        for g in groups:
            t3 += [doc.get("breaks", {}).get(g, g), "|"]
        t3 += f1_cells([doc.get("breaks", {}).get(lab, lab)] + cells)
    t4 = ["行政复议", "|", "行政诉讼", "|", "|||||||||", "结果维持", "|", "结果纠正", "|", "其他结果", "|", "尚未审结", "|",
          "总计", "|", "未经复议直接起诉", "|", "复议后起诉", "|", "|||||||||"]
    for _g in range(2):
        for lab in P4_COL_LABELS:
            t4 += [lab, "|"]
    t4.append("||")
    t4 += f1_cells(p4_cells(doc))
    return "\n".join(body_parts(doc, t2, t3, t4)) + "\n"


# F2 ------------------------------------------------------------------------------------------------
def render_f2(doc):
    sep = doc.get("sep", " | ")
    lead = doc.get("lead", "")
    trail = doc.get("trail", " |")

    def row(cells):
        if doc.get("drop_empty"):
            cells = [c for c in cells if c != ""]
        return lead + sep.join(cells) + trail

    t2 = []
    for kind, cells in p2_rows(doc):
        t2.append(row(cells))
    t3 = [row([P3_NOTE, "申请人情况"]), row(["自然人", "法人或其他组织", "总计"]), row(COL3_LABELS[1:6])]
    for code, groups, lab, cells in p3_rows(doc):
        if doc.get("group_own_line"):
            for g in groups:
                t3.append(row([g]))
            t3.append(row([lab] + cells))
        else:
            t3.append(row(groups + [lab] + cells))
    t4 = [row(["行政复议", "行政诉讼"]), row(P4_COL_LABELS + ["未经复议直接起诉", "复议后起诉"]),
          row(P4_COL_LABELS + P4_COL_LABELS), row(p4_cells(doc))]
    return "\n".join(body_parts(doc, t2, t3, t4)) + "\n"


# F3 ------------------------------------------------------------------------------------------------
def f3_cells(cells):
    out = []
    for c in cells:
        out.append(c)
        out.append("|")
    return out[:-1]


def render_f3(doc):
    t2 = []
    for kind, cells in p2_rows(doc):
        if kind == "row":
            t2 += [cells[0]] + f3_cells(cells[1:])
        else:
            t2 += cells
    t3 = [P3_NOTE, "申请人情况", "自然人", "|", "法人或其他组织", "|", "总计"]
    t3 += ["商业\n企业", "|", "科研\n机构", "|", "社会公\n益组织", "|", "法律服\n务机构", "|", "其他"]
    for code, groups, lab, cells in p3_rows(doc):
        t3 += groups + [lab] + f3_cells(cells)
    t4 = ["行政复议", "|", "行政诉讼", "结果维持", "|", "结果纠正", "|", "其他结果", "|", "尚未审结", "|", "总计", "|",
          "未经复议直接起诉", "|", "复议后起诉"] + f3_cells(P4_COL_LABELS * 2) + f3_cells(p4_cells(doc))
    return "\n".join(body_parts(doc, t2, t3, t4)) + "\n"


# F4 ------------------------------------------------------------------------------------------------
def width(s):
    return sum(2 if ord(ch) > 0x2e80 else 1 for ch in s)


def padto(s, col):
    return s + " " * max(1, col - width(s))


def numline(lab, cells, start=52, step=7, indent="   "):
    s = padto(indent + lab, start)
    for c in cells:
        s += " " * max(1, step - len(c)) + c
    return s


def chunks(s, n):
    return [s[i:i + n] for i in range(0, len(s), n)]


def render_f4(doc):
    wrapw = doc.get("wrap", 16)
    t2 = []
    for kind, cells in p2_rows(doc):
        if kind == "block":
            t2 += ["", "                        " + cells[0]]
        elif kind == "head":
            t2.append(numline(cells[0], [""]) + "    " + "    ".join(cells[1:]))
        else:
            t2.append(numline(cells[0], cells[1:], start=30, step=14))
    hdr = ["                                                              申请人情况",
           "                                                                 法人或其他组织",
           "  （本列数据的勾稽关系为：第一项加第二项之           自然    商业   科研   社会公  法律服   其他    总计",
           "  和，等于第三项加第四项之和）                       人      企业   机构   益组织  务机构"]
    t3 = list(hdr)
    rows = p3_rows(doc)
    brk = doc.get("page_break_before")
    for code, groups, lab, cells in rows:
        if code == brk:
            t3 += ["", "", "                                   - %d -" % doc.get("page_no", 3), "\f"]
            if doc.get("repeat_header"):
                t3 += hdr
        for g in groups:
            t3.append("   " + g)
        parts = chunks(lab, wrapw)
        if len(parts) == 1:
            t3.append(numline(lab, cells))
        else:
            mid = doc.get("num_line", 1) if len(parts) > 1 else 0
            mid = min(mid, len(parts) - 1)
            for i, p in enumerate(parts):
                t3.append(numline(p, cells) if i == mid else "   " + p)
    t4 = ["               行政复议                                       行政诉讼",
          "                                            未经复议直接起诉                  复议后起诉",
          "  " + "  ".join(P4_COL_LABELS) + "  " + "  ".join(P4_COL_LABELS) + "  " + "  ".join(P4_COL_LABELS),
          "  " + "".join(" " * (8 - len(c)) + c for c in p4_cells(doc))]
    lines = body_parts(doc, t2, t3, t4)
    return "\n".join("    " + l if not l.startswith(" ") and l not in ("\f", "") else l for l in lines) + "\n"


# F5 ------------------------------------------------------------------------------------------------
def render_f5(doc):
    before = set(doc.get("values_before", ()))
    t2 = []
    for kind, cells in p2_rows(doc):
        for c in cells:
            t2 += [c, ""]
    t3 = [P3_NOTE, "", "自然人", "", "申请人情况", "", "商业企业", "", "科研机构", "", "法人或其他组织", "", "社会公益组织", "",
          "法律服务机构", "", "其他", "", "总计", ""]
    for code, groups, lab, cells in p3_rows(doc):
        vals = []
        for c in cells:
            vals += [c, ""]
        if code in before:
            t3 += vals + groups + [lab, ""]
        else:
            t3 += groups + [lab, ""] + vals
    t4 = ["行政复议", "", "行政诉讼", "", "未经复议直接起诉", "复议后起诉", ""] + P4_COL_LABELS * 3
    for c in p4_cells(doc):
        t4 += [c, ""]
    if doc.get("noblank"):
        t2, t3, t4 = ([x for x in t if x != ""] for t in (t2, t3, t4))
    return "\n".join(body_parts(doc, t2, t3, t4)) + "\n"


# F6 ------------------------------------------------------------------------------------------------
def render_f6(doc):
    sp = doc.get("spaces", {})

    def run(code, cells):
        s = ""
        gaps = sp.get(code, ())
        for i, c in enumerate(cells):
            if i > 0 and i in gaps:
                s += " "
            s += c
        return s

    b = []
    for kind, cells in p2_rows(doc):
        if kind == "row":
            b.append(cells[0] + run(cells[0], cells[1:]))
        else:
            b.append("".join(cells))
    t2 = ["".join(b)]
    t3 = [P3_NOTE + "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"]
    for code, groups, lab, cells in p3_rows(doc):
        t3.append("".join(groups) + lab + run(code, cells))
    t4 = ["行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉" + "".join(P4_COL_LABELS * 2)
          + run("p4", p4_cells(doc))]
    body = "".join(body_parts(doc, t2, ["".join(t3)], t4)[1:])
    head = ["标题：" + doc["title"], "发布时间：" + (doc.get("published_on") or ""), "来源：" + doc["agency"],
            "原文链接：" + doc.get("url", "http://www.example.gov.cn/art/%d/1.html" % doc["year"]), "-" * 40]
    return "\n".join(head + [doc.get("nav", "") + body]) + "\n"


# F7 ------------------------------------------------------------------------------------------------
def td(text, tag="td", rs=1, cs=1, attrs=""):
    a = attrs
    if rs > 1:
        a += ' rowspan="%d"' % rs
    if cs > 1:
        a += ' colspan="%d"' % cs
    return "<%s%s>%s</%s>" % (tag, a, text, tag)


def f7_val(doc, v):
    if v == "" or v == doc.get("blank", ""):
        return doc.get("html_blank", "&nbsp;")
    return '<p style="text-align:center"><span>%s</span></p>' % v if doc.get("wrap_spans") else v


def render_f7_tables(doc):
    th = "th" if doc.get("th") else "td"
    br = "<br/>" if doc.get("br") else ""
    t2 = ['<table border="1" cellspacing="0">']
    for kind, cells in p2_rows(doc):
        if kind == "block":
            t2.append("<tr>" + td(cells[0], th, cs=4) + "</tr>")
        elif kind == "head":
            span = 4 - len(cells)
            t2.append("<tr>" + "".join(td(c.replace("（单位", br + "（单位"), th) for c in cells[:-1])
                      + td(cells[-1], th, cs=1 + span) + "</tr>")
        else:
            span = 4 - len(cells)
            t2.append("<tr>" + td(cells[0]) + "".join(td(f7_val(doc, c)) for c in cells[1:-1])
                      + td(f7_val(doc, cells[-1]), cs=1 + span) + "</tr>")
    t2.append("</table>")
    t3 = ['<table border="1">', "<thead>",
          "<tr>" + td(P3_NOTE.replace("，", "，" + br), th, rs=3, cs=3) + td("申请人情况", th, cs=7) + "</tr>",
          "<tr>" + td("自然人", th, rs=2) + td("法人或其他组织", th, cs=5) + td("总计", th, rs=2) + "</tr>",
          "<tr>" + "".join(td(c[:2] + br + c[2:] if br else c, th) for c in COL3_LABELS[1:6]) + "</tr>", "</thead>",
          "<tbody>"]
    rows = p3_rows(doc)
    fmt = doc["fmt"]
    # group spans: row 3 spans every outcome row; (三)… span their children
    spans = {}
    for code, lab, kind, parent in rows3(fmt):
        if kind == "group":
            spans[code] = len([r for r in rows3(fmt) if r[0].startswith(code + ".") and r[2] != "group"])
    first_child = {}
    for code, lab, kind, parent in rows3(fmt):
        if kind == "group":
            kids = [r[0] for r in rows3(fmt) if r[0].startswith(code + ".") and r[2] != "group"]
            first_child[code] = kids[0]
    gcode = {label(doc, c, l): c for c, l, k, p in rows3(fmt) if k == "group"}
    for code, groups, lab, cells in rows:
        tr = ""
        depth = code.count(".")
        for g in groups:
            gc = gcode[g]
            tr += td(g, rs=spans[gc])
        if depth == 0:
            tr += td(lab, cs=3)
        elif depth == 1 and code.startswith("3."):
            tr += td(lab, cs=2)
        else:
            tr += td(lab)
        tr += "".join(td(f7_val(doc, c)) for c in cells)
        t3.append("<tr>" + tr + "</tr>")
    t3 += ["</tbody>", "</table>"]
    t4 = ['<table border="1">', "<tr>" + td("行政复议", th, cs=5) + td("行政诉讼", th, cs=10) + "</tr>",
          "<tr>" + "".join(td(c, th, rs=2) for c in P4_COL_LABELS) + td("未经复议直接起诉", th, cs=5)
          + td("复议后起诉", th, cs=5) + "</tr>",
          "<tr>" + "".join(td(c, th) for c in P4_COL_LABELS * 2) + "</tr>",
          "<tr>" + "".join(td(f7_val(doc, c)) for c in p4_cells(doc)) + "</tr>", "</table>"]
    return t2, t3, t4


def render_f7(doc):
    t2, t3, t4 = render_f7_tables(doc)
    if doc.get("nest"):
        t3 = ['<table class="layout"><tr><td>'] + t3 + ["</td></tr></table>"]
    p = lambda s: "<p>%s</p>" % s  # noqa: E731
    h = lambda s: "<p><strong>%s</strong></p>" % s  # noqa: E731
    parts = [h(doc["title"]) if not doc.get("h1") else "<h1>%s</h1>" % doc["title"], p(intro(doc)), h(heading(doc, 0))]
    parts += [p(s) for s in narrative(doc)] + [h(heading(doc, 1))] + t2 + [h(heading(doc, 2))] + t3
    parts += [h(heading(doc, 3))] + t4 + [h(heading(doc, 4))] + [p(s) for s in problems(doc)]
    parts += [h(heading(doc, 5))] + [p(s) for s in other(doc)] + [p(s) for s in signature(doc)]
    html = "\n".join(parts)
    if doc.get("js"):
        esc = html.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
        return ("<html><head><script>var _hmt=_hmt||[];(function(){var a=1;})();</script></head><body>"
                "<div id='app'></div><script type=\"text/javascript\">\nwindow.__DATA__ = {id: 88231, "
                "channel: 'zfxxgk'};\nvar articleContent = '" + esc + "';\n"
                "document.getElementById('app').innerHTML = articleContent;\n</script></body></html>\n")
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head><body>\n"
            "<div class=\"nav\">首页 &gt; 政府信息公开 &gt; 年度报告</div>\n<div class=\"article\">\n%s\n</div>\n"
            "</body></html>\n" % (doc["title"], html))


RENDER = {"F1": render_f1, "F2": render_f2, "F3": render_f3, "F4": render_f4, "F5": render_f5,
          "F6": render_f6, "F7": render_f7}


def expected(doc):
    fmt = doc["fmt"]
    e = {"family": doc["family"], "variant": doc["variant"], "layout": doc.get("layout", doc["family"]),
         "title": doc.get("exp_title", doc["title"]), "agency_name": doc.get("exp_agency", doc["agency"]),
         "year": doc["year"], "published_on": doc.get("published_on"), "format": fmt,
         "complete": doc.get("complete", True)}
    e["disclosures"] = doc["exp_p2"] if "exp_p2" in doc else p2_json(doc.get("p2fmt", fmt), doc["p2"])
    e["requests"] = doc["exp_p3"] if "exp_p3" in doc else p3_json(fmt, doc["p3"])
    e["appeals"] = doc["exp_p4"] if "exp_p4" in doc else doc["p4"]
    e["overview_contains"] = ["政府信息管理"]
    if not doc.get("cut"):
        e["problems_contains"] = ["解读形式比较单一"] if "problems" not in doc else [doc["problems"][:8]]
        e["other_matters_contains"] = [other(doc)[0][:6]]
    e["warnings"] = sorted(set(doc.get("warnings", ())) | ({"amount_in_yuan"} if doc.get("yuan") else set()))
    if "violations" in doc:
        e["violations"] = sorted(doc["violations"])
    else:
        ep3 = e["requests"]
        p3 = None if ep3 is None else {k: v for k, v in ep3.items() if k != "format"}
        e["violations"] = sorted(violations(fmt, p3, e["appeals"]))
    ep3 = e["requests"]
    pub = sorted(violations(fmt, None if ep3 is None else {k: v for k, v in ep3.items() if k != "format"},
                            e["appeals"], reported_only=True))
    if pub != e["violations"]:
        e["published_violations"] = pub
    return e


def to_trad(text):
    return subprocess.run(["uconv", "-x", "Simplified-Traditional"], input=text, capture_output=True, text=True,
                          check=True).stdout


def write(doc, root):
    import os
    text = RENDER[doc["render"]](doc)
    for f in doc.get("post", ()):
        text = f(text)
    if doc.get("trad"):
        text = to_trad(text)
    d = os.path.join(root, doc["family"])
    os.makedirs(d, exist_ok=True)
    ext = "html" if doc["render"].startswith("F7") else "txt"
    with open(os.path.join(d, doc["name"] + "." + ext), "w") as f:
        f.write(text)
    with open(os.path.join(d, doc["name"] + ".expected.json"), "w") as f:
        f.write(json.dumps(expected(doc), ensure_ascii=False, indent=1) + "\n")
