"""Render a test document in one family (F1-F6, F8) and compute its expected result."""
import copy
import json
import random
import subprocess
from decimal import Decimal

import splitrun
from catalog import (COL3_LABELS, HEADINGS, P3_NOTE, P4_COL_LABELS, data_rows3, p2_blocks, rows3, violations)
from figures import p2_jsonb, p3_jsonb


class Doc:
    """A test document: its figures, its text and the knobs of its family and variants."""

    def __init__(self, name, family, variant, **kw):
        self.name = name
        self.family = family
        self.variant = variant
        self.fmt = "2021"          # format of part 三 as printed
        self.p2fmt = None          # format of part 二 as printed (default: 2019 for years < 2021)
        self.year = 2022
        self.agency = None         # as signed at the end
        self.short = None          # as in the title
        self.title = None
        self.date = None           # printed date, e.g. "2023年1月18日"
        self.published_on = None   # ISO date expected
        self.p2 = self.p3 = self.p4 = None
        self.nar = None            # narrative dict from text.narrative
        self.headings = list(HEADINGS)
        self.labels = {}           # row code -> printed label (typos, variants) for 三
        self.p2labels = {}         # row code -> printed label for 二
        self.blank = ""            # how a blank cell is printed
        self.cells = {}            # (part, row code, column index) -> printed text
        self.warnings = set()      # expected warning codes declared by the author
        self.layout = family
        self.complete = True
        self.trad = False          # traditional characters (F1)
        self.pinyin = 0.0          # share of eligible characters followed by their pinyin
        self.ascii_punct = False
        self.plain_quotes = False  # "" instead of “”
        self.p3_note = True
        self.extra_p1 = ""         # a sentence added at the end of part 一 (narrative figures)
        self.header = None         # F6 header lines
        self.knobs = {}
        self.expect = {}           # overrides of expected keys
        self.fix = []              # (old, new) textual edits applied after rendering (hand variations)
        for k, v in kw.items():
            setattr(self, k, v)
        if self.p2fmt is None:
            self.p2fmt = "2019" if self.year < 2021 else "2021"

    # label of a row of 三 as printed
    def l3(self, code):
        if code in self.labels:
            return self.labels[code]
        for c, lab, _k, _p in rows3(self.fmt):
            if c == code:
                return lab
        raise KeyError(code)

    def l2(self, code, default):
        return self.p2labels.get(code, default)

    def cell(self, part, code, i, v):
        if (part, code, i) in self.cells:
            return self.cells[(part, code, i)]
        if v is None:
            return self.blank
        return str(v)


def amount_text(v):
    return str(v)


# ---------------------------------------------------------------- the document around the tables

def skeleton(doc, t2, t3, t4, sep="\n"):
    n = doc.nar
    parts = [doc.title, n["intro"], doc.headings[0]]
    for h, p in n["part1"]:
        parts += [h, p]
    if doc.extra_p1:
        parts.append(doc.extra_p1)
    parts += [doc.headings[1], t2, doc.headings[2], t3, doc.headings[3], t4, doc.headings[4], n["part5"],
              doc.headings[5], n["part6"]]
    if doc.agency is not None:
        parts.append(doc.agency)
    if doc.date:
        parts.append(doc.date)
    return sep.join(p for p in parts if p is not None and p != "")


FULL2ASCII = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "；": ";", "〔": "[", "〕": "]"})


def punct(doc, text):
    if doc.ascii_punct:
        text = text.translate(FULL2ASCII)
    if doc.plain_quotes:
        text = text.replace("“", '"').replace("”", '"')
    return text


PINYIN = {"鎮": "zhèn", "據": "jù", "務": "wù", "發": "fā", "號": "hào", "轉": "zhuǎn", "結": "jié", "區": "qū",
          "關": "guān", "數": "shù", "導": "dǎo", "進": "jìn", "構": "gòu", "執": "zhí", "復": "fù", "訴": "sù",
          "權": "quán", "認": "rèn", "責": "zé", "網": "wǎng", "題": "tí", "鄉": "xiāng", "縣": "xiàn", "規": "guī",
          "劃": "huà", "濟": "jì", "農": "nóng", "環": "huán", "廳": "tīng", "護": "hù", "護": "hù", "歸": "guī"}


def traditional(text):
    out = subprocess.run(["uconv", "-x", "Simplified-Traditional"], input=text.encode(), capture_output=True,
                         check=True).stdout.decode()
    # ICU also turns quotes into corner brackets; mainland traditional copies keep “”
    return out.replace("「", "“").replace("」", "”").replace("『", "‘").replace("』", "’")


def add_pinyin(text, share, seed):
    rng = random.Random(seed)
    out = []
    for ch in text:
        out.append(ch)
        if ch in PINYIN and rng.random() < share:
            out.append("(" + PINYIN[ch] + ")")
    return "".join(out)


def finish_text(doc, text):
    text = punct(doc, text)
    if doc.trad:
        text = traditional(text)
        if doc.pinyin:
            text = add_pinyin(text, doc.pinyin, doc.name)
    for old, new in doc.fix:
        if old not in text:
            raise ValueError("%s: fix %r not found" % (doc.name, old))
        text = text.replace(old, new, 1)
    return text


# ---------------------------------------------------------------- F1: one cell per line, | lines

def f1_label(doc, text):
    """Long labels break over lines where the document says so (knob breaks: list of (label part, break))."""
    for a, b in doc.knobs.get("breaks", []):
        text = text.replace(a, b)
    return text


def f1_table2(doc):
    out = []
    for bcode, blabel, cols, rows in p2_blocks(doc.p2fmt):
        out += [blabel, "|", "|||", "信息内容", "|"]
        for _cc, cl in cols:
            out += [f1_label(doc, cl), "|"]
        if len(cols) == 1:
            out.append("||")
        for rcode, rl in rows:
            out += [doc.l2(rcode, rl), "|"]
            for i, (cc, _cl) in enumerate(cols):
                out += [doc.cell(2, rcode, i, doc.p2[rcode][cc]), "|"]
            if len(cols) == 1:
                out.append("||")
    while out and out[-1] in ("|", "||"):
        out.pop()
    return "\n".join(out)


def f1_table3(doc):
    out = []
    if doc.p3_note:
        out.append(P3_NOTE)
    out += ["|", "申请人情况", "|", "||||||||", "自然人", "|", "法人或其他组织", "|", "总计", "|", "|||||||"]
    for lab in COL3_LABELS[1:6]:
        out += [f1_label(doc, lab), "|"]
    out.append("|||||")
    rows = rows3(doc.fmt)
    pending_groups = []
    for code, _lab, kind, _parent in rows:
        if kind == "group":
            pending_groups.append(code)
            continue
        first = bool(pending_groups)
        for g in pending_groups:
            out += [f1_label(doc, doc.l3(g)), "|"]
        pending_groups = []
        out += [f1_label(doc, doc.l3(code)), "|"]
        vals = doc.p3[code]
        if all(v is None for v in vals) and not any((3, code, i) in doc.cells for i in range(7)) and doc.blank == "":
            out.append("|||||||||")
            continue
        for i, v in enumerate(vals):
            out += [doc.cell(3, code, i, v), "|"]
        if code != "4":
            out.append("|" if first else "||")
    while out and out[-1] in ("|", "||"):
        out.pop()
    return "\n".join(out)


def f1_table4(doc):
    out = ["行政复议", "|", "行政诉讼", "|", "|||||||||||||"]
    for lab in P4_COL_LABELS:
        out += [lab, "|"]
    out += ["未经复议直接起诉", "|", "复议后起诉", "|", "||||||||"]
    for lab in P4_COL_LABELS * 2:
        out += [lab, "|"]
    out.append("|||||")
    vals = [doc.cell(4, "4", i, v) for i, v in enumerate(doc.p4)]
    out.append("\n|\n".join(vals))
    return "\n".join(out)


def render_f1(doc):
    return finish_text(doc, skeleton(doc, f1_table2(doc), f1_table3(doc), f1_table4(doc)))


# ---------------------------------------------------------------- F2: one table row per line

def f2_join(cells, lead=0):
    s = "| " * lead + " | ".join(cells) + " |"
    return s


def f2_table2(doc):
    out = []
    for bcode, blabel, cols, rows in p2_blocks(doc.p2fmt):
        n = len(cols)
        out.append(f2_join([blabel] + [""] * n))
        out.append(f2_join(["信息内容"] + [cl for _c, cl in cols]))
        for rcode, rl in rows:
            out.append(f2_join([doc.l2(rcode, rl)] + [doc.cell(2, rcode, i, doc.p2[rcode][cc])
                                                       for i, (cc, _cl) in enumerate(cols)]))
    return "\n".join(out)


def f2_table3(doc):
    out = []
    head = P3_NOTE if doc.p3_note else ""
    out.append(f2_join([head, "申请人情况"] + [""] * 6))
    out.append(f2_join(["自然人", "法人或其他组织", "", "", "", "", "总计"], lead=1))
    out.append(f2_join(["", *COL3_LABELS[1:6], ""], lead=1))
    pending = []
    for code, _lab, kind, parent in rows3(doc.fmt):
        if kind == "group":
            pending.append(code)
            continue
        depth = code.count(".")
        labels = [doc.l3(g) for g in pending]
        lead = depth - len(labels)
        pending = []
        vals = [doc.cell(3, code, i, v) for i, v in enumerate(doc.p3[code])]
        out.append(f2_join(labels + [doc.l3(code)] + vals, lead=lead))
    return "\n".join(out)


def f2_table4(doc):
    out = [f2_join(["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9),
           f2_join(P4_COL_LABELS + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]),
           f2_join(P4_COL_LABELS * 2, lead=5),
           f2_join([doc.cell(4, "4", i, v) for i, v in enumerate(doc.p4)])]
    return "\n".join(out)


def render_f2(doc):
    return finish_text(doc, skeleton(doc, f2_table2(doc), f2_table3(doc), f2_table4(doc)))


# ---------------------------------------------------------------- F3: values and | alternate on their own lines

F3_SPLIT = {"商业企业": "商业\n企业", "科研机构": "科研\n机构", "社会公益组织": "社会公\n益组织", "法律服务机构": "法律服\n务机构",
            "本年制发件数": "本年制\n发件数", "本年废止件数": "本年废\n止件数", "现行有效件数": "现行有\n效件数",
            "本年处理决定数量": "本年处理\n决定数量", "结果维持": "结果\n维持", "结果纠正": "结果\n纠正", "其他结果": "其他\n结果",
            "尚未审结": "尚未\n审结", "本年收费金额（单位：万元）": "本年收费金额\n（单位：万元）",
            "本年新制作数量": "本年新\n制作数量", "本年新公开数量": "本年新\n公开数量", "对外公开总数量": "对外公开\n总数量",
            "上一年项目数量": "上一年\n项目数量", "处理决定数量": "处理决\n定数量"}


def f3_cells(cells):
    return "\n|\n".join(cells)


def f3_table2(doc):
    out = []
    for bcode, blabel, cols, rows in p2_blocks(doc.p2fmt):
        out.append(blabel)
        out.append(f3_cells(["信息内容"] + [F3_SPLIT.get(cl, cl) for _c, cl in cols]))
        for rcode, rl in rows:
            out.append(doc.l2(rcode, rl))
            out.append(f3_cells([doc.cell(2, rcode, i, doc.p2[rcode][cc]) for i, (cc, _cl) in enumerate(cols)]))
    return "\n".join(out)


def f3_table3(doc):
    out = []
    if doc.p3_note:
        out.append(P3_NOTE)
    out.append("申请人情况")
    out.append(f3_cells(["自然人", "法人或其他组织", "总计"]))
    out.append(f3_cells([F3_SPLIT.get(l, l) for l in COL3_LABELS[1:6]]))
    for code, _lab, kind, _parent in rows3(doc.fmt):
        out.append(doc.l3(code))
        if kind == "group":
            continue
        out.append(f3_cells([doc.cell(3, code, i, v) for i, v in enumerate(doc.p3[code])]))
    return "\n".join(out)


def f3_table4(doc):
    out = [f3_cells(["行政复议", "行政诉讼"]), f3_cells(["未经复议直接起诉", "复议后起诉"]),
           f3_cells([F3_SPLIT.get(l, l) for l in P4_COL_LABELS * 3]),
           f3_cells([doc.cell(4, "4", i, v) for i, v in enumerate(doc.p4)])]
    return "\n".join(out)


def render_f3(doc):
    return finish_text(doc, skeleton(doc, f3_table2(doc), f3_table3(doc), f3_table4(doc)))


# ---------------------------------------------------------------- F4: pdftotext -layout

def wrap(text, width):
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def pad(s, col):
    return s + " " * max(col - len(s), 1)


def numcols(cells, start, width):
    s = ""
    for c in cells:
        s += c.rjust(width)
    return " " * start + s


def f4_paragraphs(text, width=38, indent="    "):
    """A paragraph as pdftotext -layout prints it: wrapped lines, the first indented."""
    lines = wrap(text, width)
    lines[0] = indent + lines[0]
    return "\n".join(lines)


def f4_table2(doc):
    out = []
    for bcode, blabel, cols, rows in p2_blocks(doc.p2fmt):
        out.append(" " * 22 + blabel)
        heads = [cl for _c, cl in cols]
        top = "     信息内容" + " " * 10
        if any(len(h) > 8 for h in heads):
            l1 = " " * 20 + "".join(h[:6].rjust(14) for h in heads)
            l2 = top + "".join(h[6:].rjust(14) for h in heads)
            out += [l1.rstrip(), l2.rstrip()]
        else:
            out.append((top + "".join(h.rjust(14) for h in heads)).rstrip())
        for rcode, rl in rows:
            lab = doc.l2(rcode, rl)
            cells = [doc.cell(2, rcode, i, doc.p2[rcode][cc]) for i, (cc, _cl) in enumerate(cols)]
            out.append((pad("     " + lab, 21) + "".join(c.rjust(14) for c in cells)).rstrip())
        out.append("")
    return "\n".join(out)


def f4_table3(doc):
    W = 16            # label width in characters
    LCOL = 50         # where the numbers start
    out = []
    note = doc.knobs.get("note_lines", ["（本列数据的勾稽关系为：第一项加第二项之", "和，等于第三项加第四项之和）"]) if doc.p3_note else ["", ""]
    out.append(" " * 60 + "申请人情况")
    out.append(" " * 72 + "法人或其他组织")
    out.append(pad(" " + note[0], LCOL) + "  自然    商业   科研   社会公  法律服   其他    总计")
    out.append(pad(" " + note[1], LCOL) + "   人     企业   机构   益组织  务机构")
    out.append("")
    rows = rows3(doc.fmt)
    # lines of each data row: (label lines, values line index)
    body = []   # list of (left group text placeholder, text) lines
    vert = list(doc.l3("3"))
    group_at = {}
    for code, _lab, kind, parent in rows:
        if kind == "group":
            continue
        lab = doc.l3(code)
        wl = wrap(lab, W)
        mid = len(wl) // 2
        vals = [doc.cell(3, code, i, v) for i, v in enumerate(doc.p3[code])]
        indent = 14 if code.count(".") == 2 else 4
        for k, piece in enumerate(wl):
            line = " " * indent + piece
            if k == mid:
                line = pad(line, LCOL) + "".join(v.rjust(7) for v in vals)
            body.append([code, line.rstrip()])
        if code.count(".") == 2:
            group_at.setdefault(parent, []).append(len(body) - len(wl) // 2 - 1)
    # subgroup labels at the middle of their rows
    for g, idxs in group_at.items():
        mid = idxs[len(idxs) // 2]
        glab = doc.l3(g)
        line = body[mid][1]
        body[mid][1] = "    " + glab + line[4 + len(glab):] if len(line) > 4 + len(glab) else "    " + glab
    # the vertical label of 三 down the left edge, centred on the rows of 3.x
    in3 = [i for i, (c, _l) in enumerate(body) if c.startswith("3.")]
    start = in3[0] + max((len(in3) - len(vert)) // 2, 0)
    for k, ch in enumerate(vert):
        i = start + k
        line = body[i][1]
        body[i][1] = ch + line[2:] if len(line) > 2 and line[:2].strip() == "" else ch + " " + line.lstrip() if not line.strip() else ch + line[1:] if line[:1] == " " else ch + " " + line
    out += [l for _c, l in body]
    return "\n".join(out)


def f4_table4(doc):
    out = [" " * 14 + "行政复议" + " " * 40 + "行政诉讼",
           " " * 40 + "未经复议直接起诉" + " " * 20 + "复议后起诉",
           " " + "".join(l[:2].rjust(6) for l in P4_COL_LABELS * 3),
           " " + "".join(l[2:].rjust(6) for l in P4_COL_LABELS * 3),
           " " + "".join(doc.cell(4, "4", i, v).rjust(6) for i, v in enumerate(doc.p4))]
    return "\n".join(o.rstrip() for o in out)


def render_f4(doc):
    n = doc.nar
    n2 = dict(n)
    n2["intro"] = f4_paragraphs(n["intro"])
    n2["part1"] = [("    " + h, f4_paragraphs(p)) for h, p in n["part1"]]
    n2["part5"] = f4_paragraphs(n["part5"])
    n2["part6"] = f4_paragraphs(n["part6"])
    d2 = copy.copy(doc)
    d2.nar = n2
    d2.title = " " * 8 + doc.title
    d2.headings = ["    " + h for h in doc.headings]
    d2.agency = " " * 40 + doc.agency if doc.agency else None
    d2.date = " " * 40 + doc.date if doc.date else None
    text = skeleton(d2, f4_table2(doc), f4_table3(doc), f4_table4(doc))
    # page numbers and form feeds between pages of the narrative too
    lines = text.split("\n")
    out = []
    pg = 1
    per = doc.knobs.get("page_lines", 62)
    for i, l in enumerate(lines):
        out.append(l)
        if (i + 1) % per == 0:
            out += ["", " " * 40 + "- %d -" % pg, "\f"]
            if doc.knobs.get("page_header"):
                out.append(" " * 30 + doc.knobs["page_header"])
            pg += 1
    return finish_text(doc, "\n".join(out) + "\n\f")


# ---------------------------------------------------------------- F5: pdftotext in reading order

def render_f5(doc):
    rng = random.Random(doc.name)
    after = set(doc.knobs.get("numbers_before", []))

    def blank_sep():
        return "\n\n" if rng.random() < 0.6 else "\n"

    def vals_block(cells):
        return blank_sep().join(cells)

    t2 = []
    for bcode, blabel, cols, rows in p2_blocks(doc.p2fmt):
        t2.append(blabel)
        t2.append("信息内容")
        t2 += [cl for _c, cl in cols]
        for rcode, rl in rows:
            cells = [doc.cell(2, rcode, i, doc.p2[rcode][cc]) for i, (cc, _cl) in enumerate(cols)]
            t2.append(doc.l2(rcode, rl))
            t2.append(vals_block(cells))
    t3 = []
    heads = ["申请人情况", "自然人", "法人或其他组织", "总计"] + COL3_LABELS[1:6]
    if doc.knobs.get("shuffle_heads"):
        heads = ["自然人", "申请人情况", "商业企业", "科研机构", "法人或其他组织", "社会公益组织", "法律服务机构", "其他", "总计"]
    if doc.p3_note:
        t3.append(P3_NOTE.replace("，等于", "，\n等于"))
    t3 += heads
    late_groups = doc.knobs.get("late_groups", {})   # group code -> the row code after which it comes
    pending_late = {}
    for code, _lab, kind, _parent in rows3(doc.fmt):
        lab = doc.l3(code)
        if len(lab) > 18:
            lab = lab[:16] + "\n" + lab[16:]
        if kind == "group":
            if code in late_groups:
                pending_late.setdefault(late_groups[code], []).append(lab)
            else:
                t3.append(lab)
            continue
        cells = [doc.cell(3, code, i, v) for i, v in enumerate(doc.p3[code])]
        if code in after:
            t3.append(vals_block(cells))
            t3.append(lab)
        else:
            t3.append(lab)
            t3.append(vals_block(cells))
        t3 += pending_late.pop(code, [])
    t4 = ["行政诉讼", "行政复议", "未经复议直接起诉", "复议后起诉"] if doc.knobs.get("shuffle_p4", True) else \
        ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"]
    t4 += P4_COL_LABELS * 3
    t4.append(vals_block([doc.cell(4, "4", i, v) for i, v in enumerate(doc.p4)]))
    text = skeleton(doc, "\n\n".join(t2), "\n\n".join(t3), "\n\n".join(t4), sep="\n\n")
    return finish_text(doc, text + "\n\f")


# ---------------------------------------------------------------- F6: crawler dump, cells run together

def f6_run(cells, spaces):
    """Cells run together; spaces: set of boundary indexes (after cell k) that keep a single space."""
    s = ""
    for k, c in enumerate(cells):
        s += c
        if k in spaces and k < len(cells) - 1:
            s += " "
    return s


def render_f6(doc, runs):
    """runs collects (part, code, text, ncells, values) for the expected result."""
    sp = doc.knobs.get("spaces", {})   # row code -> set of boundaries with a space
    t2 = []
    for bcode, blabel, cols, rows in p2_blocks(doc.p2fmt):
        t2.append(blabel + "信息内容" + "".join(cl for _c, cl in cols))
        for rcode, rl in rows:
            vals = [doc.p2[rcode][cc] for cc, _cl in cols]
            cells = [doc.cell(2, rcode, i, v) for i, v in enumerate(vals)]
            r = f6_run(cells, sp.get(rcode, set()))
            runs.append((2, rcode, r, len(cols), vals))
            t2.append(doc.l2(rcode, rl) + r)
    t3 = [(P3_NOTE if doc.p3_note else "") + "申请人情况自然人法人或其他组织总计" + "".join(COL3_LABELS[1:6])]
    for code, _lab, kind, _parent in rows3(doc.fmt):
        if kind == "group":
            t3.append(doc.l3(code))
            continue
        vals = doc.p3[code]
        cells = [doc.cell(3, code, i, v) for i, v in enumerate(vals)]
        r = f6_run(cells, sp.get(code, set()))
        runs.append((3, code, r, 7, vals))
        t3.append(doc.l3(code) + r)
    vals = doc.p4
    r = f6_run([doc.cell(4, "4", i, v) for i, v in enumerate(vals)], sp.get("4p", set()))
    runs.append((4, "4", r, 15, vals))
    t4 = "行政复议行政诉讼" + "".join(P4_COL_LABELS) + "未经复议直接起诉复议后起诉" + "".join(P4_COL_LABELS * 2) + r
    n = doc.nar
    body = [doc.knobs.get("boiler_before", "")]
    body.append(doc.title if doc.knobs.get("title_in_body", True) else "")
    body.append(n["intro"])
    body.append(doc.headings[0])
    for h, p in n["part1"]:
        body += [h, p]
    body.append(doc.extra_p1)
    body += [doc.headings[1]] + t2 + [doc.headings[2]] + t3 + [doc.headings[3], t4, doc.headings[4], n["part5"],
                                                              doc.headings[5], n["part6"], doc.agency or "", doc.date or "",
                                                              doc.knobs.get("boiler_after", "")]
    joiner = doc.knobs.get("joiner", "")
    line = joiner.join(b for b in body if b)
    header = doc.header or ["标题: " + doc.title, "原文链接: http://www.example.gov.cn/", "-" * 40]
    return finish_text(doc, "\n".join(header) + "\n" + line + "\n")


# ---------------------------------------------------------------- expected results

def number(v):
    if isinstance(v, Decimal):
        f = float(v)
        return int(f) if f == int(f) and "." not in str(v) else f
    return v


def jsonable(x):
    if isinstance(x, dict):
        return {k: jsonable(v) for k, v in x.items()}
    if isinstance(x, list):
        return [jsonable(v) for v in x]
    return number(x)


def simplified(text):
    return subprocess.run(["uconv", "-x", "Traditional-Simplified"], input=text.encode(), capture_output=True,
                          check=True).stdout.decode()


def phrase(doc, text, n=10):
    """A run of Chinese characters (no punctuation, no digits) from text that survives the document's
    conversions: the longest such run, cut to n characters."""
    import re
    runs = sorted(re.findall(r"[\u4e00-\u9fff]+", text), key=len, reverse=True)
    for r in runs:
        r = r[:n]
        if not doc.trad or simplified(traditional(r)) == r:
            return r
    raise ValueError("%s: no phrase in %r" % (doc.name, text))


def expected(doc, p2, p3, p4, warnings, complete, layout):
    if doc.trad:
        for s in (doc.title, doc.agency or ""):
            assert simplified(traditional(s)) == s, (doc.name, s)
    e = {"family": doc.family, "variant": doc.variant, "layout": layout, "title": doc.title,
         "agency_name": doc.expect.get("agency_name", doc.short), "year": doc.year,
         "published_on": doc.published_on, "format": doc.fmt, "complete": complete,
         "disclosures": jsonable(p2_jsonb(doc.p2fmt, p2)), "requests": p3_jsonb(doc.fmt, p3),
         "appeals": p4, "overview_contains": [phrase(doc, doc.nar["part1"][0][1]), phrase(doc, doc.nar["part1"][-1][1])],
         "problems_contains": [phrase(doc, doc.nar["part5"])], "other_matters_contains": [phrase(doc, doc.nar["part6"])],
         "warnings": sorted(warnings), "violations": sorted(violations(doc.fmt, p3, p4))}
    for k, v in doc.expect.items():
        if v is DROP:
            e.pop(k, None)
        else:
            e[k] = v
    if "violations" not in doc.expect:
        # the rules broken by the figures as they will be parsed (after the overrides)
        req = e.get("requests")
        p3x = None if req is None else {c: v for c, v in req.items() if c != "format"}
        e["violations"] = sorted(violations(doc.fmt, p3x, e.get("appeals")))
        pub = sorted(violations(doc.fmt, p3x, e.get("appeals"), reported_only=True))
        if pub != e["violations"]:
            e["published_violations"] = pub
    return e


DROP = object()


def build(doc):
    """(document text, expected dict)"""
    fam = doc.knobs.get("render", doc.family)
    p2, p3, p4 = doc.p2, doc.p3, doc.p4
    warnings = set(doc.warnings)
    complete = doc.complete
    if fam == "F1":
        text = render_f1(doc)
    elif fam == "F2":
        text = render_f2(doc)
    elif fam == "F3":
        text = render_f3(doc)
    elif fam == "F4":
        text = render_f4(doc)
    elif fam == "F5":
        text = render_f5(doc)
    elif fam == "F7":
        text = render_f7(doc)
    elif fam == "F6":
        runs = []
        text = render_f6(doc, runs)
        p2, p3, p4, amb = splitrun.expected_splits(doc, runs)
        if amb:
            warnings.add("ambiguous_split")
            complete = False
    else:
        raise ValueError(fam)
    post = doc.knobs.get("post")
    if post:
        text, p2, p3, p4, w, complete = post(doc, text, p2, p3, p4)
        warnings |= w
    return text, expected(doc, p2, p3, p4, warnings, complete, doc.layout)


def dumps(exp):
    """JSON with one line per row of figures."""
    import re
    s = json.dumps(exp, ensure_ascii=False, indent=1)
    return re.sub(r"\[\s*([^\[\]{}]*?)\s*\]", lambda m: "[" + re.sub(r"\s*\n\s*", " ", m.group(1)) + "]", s)


def write(doc, root):
    import os
    text, exp = build(doc)
    d = os.path.join(root, doc.family)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, doc.name + (".html" if doc.knobs.get("render", doc.family) == "F7" else ".txt")), "w") as f:
        f.write(text)
    with open(os.path.join(d, doc.name + ".expected.json"), "w") as f:
        f.write(dumps(exp) + "\n")
    return text, exp


# ---------------------------------------------------------------- F7: HTML (what the html helper's pages do not cover)

def h(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def td(text, rs=1, cs=1, style=' style="border:1px solid #000;text-align:center;"'):
    a = ""
    if rs > 1:
        a += ' rowspan="%d"' % rs
    if cs > 1:
        a += ' colspan="%d"' % cs
    inner = text if text.startswith("<") or text == "&nbsp;" else h(text)
    return '<td%s%s><p><span style="font-size:14px;">%s</span></p></td>' % (a, style, inner)


def f7_cell(doc, part, code, i, v):
    t = doc.cell(part, code, i, v)
    return t if t else "&nbsp;"


def f7_table2(doc):
    """Table 二 as one table; with knob p2_colspan the blocks of one column span the three value columns
    (the official template), else their rows are shorter (a hand-made table)."""
    rows = []
    wide = doc.knobs.get("p2_colspan")
    for bcode, blabel, cols, brows in p2_blocks(doc.p2fmt):
        n = len(cols)
        cs = 3 if (wide and n == 1) else 1
        rows.append("<tr>" + td(blabel, cs=(4 if wide else n + 1)) + "</tr>")
        rows.append("<tr>" + td("信息内容") + "".join(td(h(cl).replace("件数", "<br />件数") if "件数" in cl else cl, cs=cs)
                                                  for _c, cl in cols) + "</tr>")
        for rcode, rl in brows:
            rows.append("<tr>" + td(doc.l2(rcode, rl)) + "".join(
                td(f7_cell(doc, 2, rcode, i, doc.p2[rcode][cc]), cs=cs) for i, (cc, _cl) in enumerate(cols)) + "</tr>")
    return '<table border="1" cellspacing="0" cellpadding="0" width="600">' + "\n".join(rows) + "</table>"


def f7_table3(doc):
    rows3_ = rows3(doc.fmt)
    out = ['<tr>' + td(P3_NOTE if doc.p3_note else "&nbsp;", rs=3, cs=3) + td("申请人情况", cs=7) + '</tr>',
           '<tr>' + td("自然人", rs=2) + td("法人或其他组织", cs=5) + td("总计", rs=2) + '</tr>',
           '<tr>' + "".join(td(l) for l in COL3_LABELS[1:6]) + '</tr>']
    n3 = sum(1 for c, _l, k, _p in rows3_ if c.startswith("3.") and k != "group")
    groups = {}
    for c, _l, k, p in rows3_:
        if k != "group" and p and p != "3":
            groups.setdefault(p, []).append(c)
    started = set()
    for code, _lab, kind, parent in rows3_:
        if kind == "group":
            continue
        vals = "".join(td(f7_cell(doc, 3, code, i, v)) for i, v in enumerate(doc.p3[code]))
        lead = ""
        if code.startswith("3.") and "3" not in started:
            started.add("3")
            lead += td(doc.l3("3"), rs=n3)
        if code in ("1", "2", "4"):
            out.append("<tr>" + td(doc.l3(code), cs=3) + vals + "</tr>")
        elif parent == "3":
            out.append("<tr>" + lead + td(doc.l3(code), cs=2) + vals + "</tr>")
        else:
            if parent not in started:
                started.add(parent)
                lead += td(doc.l3(parent), rs=len(groups[parent]))
            out.append("<tr>" + lead + td(doc.l3(code)) + vals + "</tr>")
    return '<table border="1" cellspacing="0" cellpadding="0" width="640">' + "\n".join(out) + "</table>"


def f7_table4(doc):
    out = ["<tr>" + td("行政复议", cs=5) + td("行政诉讼", cs=10) + "</tr>",
           "<tr>" + "".join(td(l, rs=2) for l in P4_COL_LABELS) + td("未经复议直接起诉", cs=5) + td("复议后起诉", cs=5) + "</tr>",
           "<tr>" + "".join(td(l) for l in P4_COL_LABELS * 2) + "</tr>",
           "<tr>" + "".join(td(f7_cell(doc, 4, "4", i, v)) for i, v in enumerate(doc.p4)) + "</tr>"]
    return '<table border="1" cellspacing="0" cellpadding="0" width="640">' + "\n".join(out) + "</table>"


def render_f7(doc):
    n = doc.nar
    p = lambda t: '<p style="text-indent:2em;line-height:1.8;"><span style="font-family:仿宋_GB2312;font-size:16px;">%s</span></p>' % h(t)
    hd = lambda t: '<p style="text-indent:2em;"><strong><span style="font-family:黑体;">%s</span></strong></p>' % h(t)
    body = [p(n["intro"]), hd(doc.headings[0])]
    for x, y in n["part1"]:
        body += [p(x), p(y)]
    if doc.extra_p1:
        body.append(p(doc.extra_p1))
    body += [hd(doc.headings[1]), f7_table2(doc), hd(doc.headings[2]), f7_table3(doc), hd(doc.headings[3]),
             f7_table4(doc), hd(doc.headings[4]), p(n["part5"]), hd(doc.headings[5]), p(n["part6"])]
    if doc.agency:
        body.append('<p style="text-align:right;">%s</p>' % h(doc.agency))
    if doc.date:
        body.append('<p style="text-align:right;">%s</p>' % h(doc.date))
    page = doc.knobs.get("page", "{body}")
    html = page.format(title=h(doc.title), body="\n".join(body))
    return finish_text(doc, html)
