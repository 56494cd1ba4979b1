"""HTML renderers of the third corpus (registered in render2.RENDER): variants of the second corpus's F7
page that real copies show -- WeChat article markup, <br> inside cells, a two-row header, table 三 split
inside a group without its header, a page-layout table with a sidebar, full-width digits."""
import re

import render2
from render2 import td, p3_rows, p2_rows, p4_cells, intro, narrative, problems, other, signature, heading
from figs import rows3, P3_NOTE, COL3_LABELS, P4_COL_LABELS

FW = str.maketrans("0123456789", "０１２３４５６７８９")


def val(doc, v):
    if v == "" or v == doc.get("blank", ""):
        return doc.get("html_blank", "&nbsp;")
    if doc.get("digit_spans") and len(v) > 1:
        return "".join('<span style="font-size:14px">%s</span>' % ch for ch in v)
    if doc.get("fullwidth"):
        v = v.translate(FW)
    if doc.get("br_values"):
        v += "<br/>"
    return v


def brk(doc, lab):
    """A long label broken by <br> near its middle (br_labels)."""
    if not doc.get("br_labels") or len(lab) < 10:
        return lab
    m = len(lab) // 2
    return lab[:m] + "<br/>" + lab[m:]


def header3(doc, th="td"):
    if doc.get("xuhao"):
        rows = header3(dict(doc, xuhao=False), th)
        return [rows[0].replace("<tr>", "<tr>" + td("序号", th, rs=3), 1)] + rows[1:]
    if doc.get("header") == "two":
        return ["<tr>" + td(P3_NOTE, th, rs=2, cs=3) + td("自然人", th, rs=2) + td("法人或其他组织", th, cs=5)
                + td("总计", th, rs=2) + "</tr>",
                "<tr>" + "".join(td(c, th) for c in COL3_LABELS[1:6]) + "</tr>"]
    return ["<tr>" + td(P3_NOTE, th, rs=3, cs=3) + td("申请人情况", th, cs=7) + "</tr>",
            "<tr>" + td("自然人", th, rs=2) + td("法人或其他组织", th, cs=5) + td("总计", th, rs=2) + "</tr>",
            "<tr>" + "".join(td(c, th) for c in COL3_LABELS[1:6]) + "</tr>"]


def table3(doc):
    """Table 三 as a list of <table> strings (two when split_at names the first row of the second)."""
    fmt = doc["fmt"]
    cat = rows3(fmt)
    kids = {c: [r[0] for r in cat if r[0].startswith(c + ".") and r[2] != "group"] for c, _l, k, _p in cat
            if k == "group"}
    rows = p3_rows(doc)
    codes = [r[0] for r in rows]
    split = doc.get("split_at")
    parts = [codes] if not split else [codes[:codes.index(split)], codes[codes.index(split):]]
    tables = []
    for pi, part in enumerate(parts):
        t = ['<table border="1" cellspacing="0" style="border-collapse:collapse">']
        if pi == 0:
            t += header3(doc)
        for code, groups, lab, cells in rows:
            if code not in part:
                continue
            tr = td(str(len(t) - 3)) if doc.get("xuhao") else ""
            # the group cells this row carries: the groups whose first child in this part is this row
            for g in (c for c in kids if c in ("3",) + tuple(k for k in kids if k.count(".") == 1)):
                mine = [k for k in kids[g] if k in part]
                if mine and mine[0] == code:
                    label = [l for c, l, k, p in cat if c == g][0]
                    label = doc.get("labels", {}).get(g, label)
                    if pi == 0 or code == part[0] and False:
                        tr += td(brk(doc, label), rs=len(mine))
                    else:
                        tr += td("", rs=len(mine))     # placeholder of a group continued from the first table
            depth = code.count(".")
            if depth == 0:
                tr += td(brk(doc, lab), cs=3)
            elif depth == 1:
                tr += td(brk(doc, lab), cs=2)
            else:
                tr += td(brk(doc, lab))
            vals = [td(val(doc, c)) for c in cells]
            if code in doc.get("sup", {}):          # a footnote mark after the first value
                vals[0] = vals[0].replace("</td>", "<sup>%s</sup></td>" % doc["sup"][code])
            tr += "".join(vals)
            t.append("<tr>" + tr + "</tr>")
        t.append("</table>")
        tables.append("\n".join(t))
    return tables


def table2(doc):
    t = ['<table border="1">']
    for kind, cells in p2_rows(doc):
        if kind == "block":
            t.append("<tr>" + td(cells[0], cs=4) + "</tr>")
        else:
            span = 4 - len(cells)
            vals = cells[1:] if kind == "row" else cells[1:]
            conv = (lambda c: val(doc, c)) if kind == "row" else (lambda c: c)
            t.append("<tr>" + td(brk(doc, cells[0]) if kind == "row" else cells[0])
                     + "".join(td(conv(c)) for c in vals[:-1]) + td(conv(vals[-1]), cs=1 + span) + "</tr>")
    t.append("</table>")
    return "\n".join(t)


def table4(doc):
    return "\n".join(['<table border="1">', "<tr>" + td("行政复议", cs=5) + td("行政诉讼", cs=10) + "</tr>",
                      "<tr>" + "".join(td(c, rs=2) for c in P4_COL_LABELS) + td("未经复议直接起诉", cs=5)
                      + td("复议后起诉", cs=5) + "</tr>",
                      "<tr>" + "".join(td(c) for c in P4_COL_LABELS * 2) + "</tr>",
                      "<tr>" + "".join(td(val(doc, c)) for c in p4_cells(doc)) + "</tr>", "</table>"])


def article(doc, t2, t3, t4, p, h):
    parts = [h(doc["title"]), p(intro(doc)), h(heading(doc, 0))] + [p(s) for s in narrative(doc)]
    parts += [h(heading(doc, 1)), t2, h(heading(doc, 2))] + t3 + [h(heading(doc, 3)), t4, h(heading(doc, 4))]
    parts += [p(s) for s in problems(doc)] + [h(heading(doc, 5))] + [p(s) for s in other(doc)]
    parts += [p(s) for s in signature(doc)]
    return "\n".join(parts)


def render_f7x(doc):
    p = lambda s: "<p>%s</p>" % s  # noqa: E731
    h = lambda s: "<p><strong>%s</strong></p>" % s  # noqa: E731
    t3 = table3(doc)
    if len(t3) == 2:
        t3 = [t3[0], "<p>&nbsp;</p>", t3[1]]
    body = article(doc, table2(doc), t3, table4(doc), p, h)
    if doc.get("sidebar"):
        body = ('<table width="100%" class="layout"><tr><td width="75%" valign="top">\n' + body + "\n</td>"
                '<td width="25%" valign="top"><div class="side"><p>浏览次数：3471</p><p>字号：16 14 12</p>'
                "<p>【打印】【关闭】</p><p>2025年1月21日 10:32</p></div></td></tr></table>")
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head><body>\n"
            "<div class=\"article\">\n%s\n</div>\n</body></html>\n" % (doc["title"], body))


def wechat_cell(m):
    inner = m.group(2)
    if inner in ("", "&nbsp;"):
        return m.group(1) + '<section><br/></section></td>'
    return (m.group(1) + '<section style="margin:0;line-height:1.5;text-align:center;"><span style="font-size:14px;'
            'font-family:宋体;">&nbsp;%s&nbsp;</span></section></td>' % inner)


def render_f7w(doc):
    p = lambda s: ('<p style="text-indent:2em;"><span style="font-size:15px;letter-spacing:1px;">%s</span></p>'  # noqa: E731
                   '<p><br/></p>' % s)
    h = lambda s: '<section data-role="title"><p><strong><span style="color:#c00000;">%s</span></strong></p></section>' % s  # noqa: E731
    body = article(doc, table2(doc), table3(doc), table4(doc), p, h)
    body = re.sub(r'(<td[^>]*>)(.*?)</td>', lambda m: wechat_cell(m), body)
    body = body.replace("<td", '<td style="border:1px solid #000;padding:4px;" width="64"')
    return ('<div class="rich_media_content" id="js_content" style="visibility: hidden;">'
            '<section data-tools="135编辑器" data-id="94372"><section style="margin:10px 0;">\n%s\n</section></section>'
            '<p style="display:none;"><mp-style-type data-value="3"></mp-style-type></p></div>\n' % body)


render2.RENDER["F7X"] = render_f7x
render2.RENDER["F7W"] = render_f7w
