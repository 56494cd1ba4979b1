"""F8: lossy and truncated copies (cells dropped, duplicate lines removed, cut off in part 三)."""
import re

from catalog import P4_COLS
from common import D, mk
from figures import blank_zeros, make_p2, make_p4
from render import DROP


def full_or_blank(vals):
    """A row keeps its cells only when it kept as many values as it has columns."""
    n = sum(1 for v in vals if v is not None)
    return (list(vals), False) if n in (0, len(vals)) else ([None] * len(vals), True)


def post_dropped(doc, text, p2, p3, p4):
    """Empty cells (and their separators) dropped from every table line."""
    lines = []
    for line in text.split("\n"):
        if "|" in line:
            cells = [c.strip() for c in line.split("|")]
            cells = [c for c in cells if c != ""]
            line = " | ".join(cells) + " |"
        lines.append(line)
    lost = False
    p2 = {k: dict(v) for k, v in p2.items()}
    for code, row in p2.items():
        vals, l = full_or_blank(list(row.values()))
        lost |= l
        p2[code] = dict(zip(row.keys(), vals))
    p3 = dict(p3)
    for code, row in p3.items():
        p3[code], l = full_or_blank(row)
        lost |= l
    p4, l = full_or_blank(p4)
    lost |= l
    assert lost
    return "\n".join(lines), p2, p3, p4, {"columns_unrecoverable"}, False


def post_dedup(doc, text, p2, p3, p4):
    """Identical lines removed by a de-duplicating extractor (the first occurrence kept)."""
    seen = set()
    out = []
    for line in text.split("\n"):
        if line in seen:
            continue
        seen.add(line)
        out.append(line)
    # the expected figures are set by hand in the document's spec (doc.expect)
    # table 四 keeps its heading and one copy of each header cell, no value: not found (NULL)
    return "\n".join(out), p2, p3, None, {"lossy_copy", "table_missing"}, False


def post_cut(doc, text, p2, p3, p4):
    """The copy ends in the middle of part 三: at doc.knobs['cut'] (a text), cut after its first keep chars."""
    at, keep, first_lost = doc.knobs["cut"]
    i = text.index(at)
    text = text[:i + keep]
    lost = False
    p3 = dict(p3)
    for code in list(p3):
        if code == first_lost:
            lost = True
        if lost:
            p3[code] = [None] * 7
    # the parts after the cut are missing too: the parser says so besides truncated
    return text, p2, p3, None, {"truncated", "part_missing", "table_missing"}, False


def docs():
    out = []

    # empty cells dropped: an agency that leaves zeros empty, copied by a tool that drops empty cells
    d = mk("f8-nanping-xfj-2022", "F8", "empty cells dropped: rows keep fewer values than columns",
           "南坪县信访局", "南坪县信访局", 2022, (2023, 1, 17), 801, new=64, cin=3, cout=2,
           p2=make_p2("2021", r2_1_2=(0, 0, 3), r2_5_1=(0,), r2_6_1=(0,), r2_6_2=(0,), r2_8_1=(D("0"),)),
           p4=make_p4(review=(2, 0, 1, 0)), layout="F8", complete=False, knobs={"render": "F2", "post": post_dropped})
    d.p3 = blank_zeros(d.p3)
    d.p2 = {k: {c: (None if v == 0 else v) for c, v in row.items()} for k, row in d.p2.items()}
    d.p4 = [None if v == 0 else v for v in d.p4]
    d.p3["1"][6] += 1                                # a published total that is not its row's sum
    # the narrative's 受理 64 is less than the printed 一 总计 65 (row 二 is lost: 一 + 二 unknown)
    d.warnings.add("text_contradicts_table")
    out.append(d)

    # duplicate lines removed: a township's table of zeros keeps a single 0
    d = mk("f8-baisha-zhen-2021", "F8", "identical lines removed: a table of zeros keeps a single 0",
           "白沙镇人民政府", "白沙镇", 2021, (2022, 1, 19), 802, new=0,
           p2=make_p2("2021", r2_1_1=(0, 0, 0), r2_1_2=(1, 0, 7), r2_5_1=(0,), r2_6_1=(24,), r2_6_2=(3,),
                      r2_8_1=(D("0"),)),
           layout="F8", complete=False, knobs={"render": "F1", "post": post_dedup})
    bl = [None] * 7
    d.expect = {
        # 规章 keeps one 0 of three cells; 行政规范性文件 keeps 1, 7 (its 0 was a duplicate); 行政许可 lost
        # its 0; 行政处罚 24 and 行政强制 3 are unique lines; the fee's 0 is gone
        "disclosures": {"format": "2021", "2.1.1": {"issued": None, "abolished": None, "in_force": None},
                        "2.1.2": {"issued": None, "abolished": None, "in_force": None},
                        "2.5.1": {"decisions": None}, "2.6.1": {"decisions": 24}, "2.6.2": {"decisions": 3},
                        "2.8.1": {"amount": None}},
        "requests": dict({"format": "2021"}, **{c: bl for c in d.p3}),
        "violations": [],
    }
    out.append(d)

    # cut off in the middle of part 三 (one row per line copy)
    d = mk("f8-linjiang-gaj-2023", "F8", "copy cut off in the middle of part 三",
           "临江县公安局", "临江县公安局", 2023, (2024, 1, 26), 803, new=41, cin=2, cout=3,
           p2=make_p2("2021", r2_5_1=(2210,), r2_6_1=(3105,), r2_6_2=(87,), r2_8_1=(D("0"),)),
           p4=make_p4(review=(1, 0, 1, 0)), layout="F8", complete=False,
           knobs={"render": "F2", "post": post_cut, "cut": ("| 2.没有现成信息需要另行制作 |", 9, "3.4.2")})
    d.expect = {"problems_contains": DROP, "other_matters_contains": DROP, "published_on": None,
                "agency_name": "临江县公安局"}
    out.append(d)

    # cut off in part 三 in a traditional-character scraped copy, inside a label
    d = mk("f8-yunchuan-jtj-2022", "F8", "traditional scraped copy cut off inside a label of part 三",
           "云川市交通运输局", "云川市交通运输局", 2022, (2023, 1, 30), 804, new=118, cin=6, cout=7,
           upper="市委、市政府", col_weights=[64, 25, 1, 2, 5, 3],
           p2=make_p2("2021", r2_1_2=(3, 2, 26), r2_5_1=(5870,), r2_6_1=(742,), r2_6_2=(31,), r2_8_1=(D("0"),)),
           p4=make_p4(review=(3, 1, 0, 1), suit=(1, 0, 0, 2)), layout="F8", complete=False, trad=True,
           pinyin=0.3, ascii_punct=True,
           knobs={"render": "F1", "post": post_cut, "cut": ("4.無正當理由大量反復", 6, "3.5.4")})
    d.expect = {"problems_contains": DROP, "other_matters_contains": DROP, "published_on": None,
                "agency_name": "云川市交通运输局"}
    out.append(d)
    return out
