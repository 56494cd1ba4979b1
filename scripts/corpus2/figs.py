"""Figures of the second corpus: chosen by hand per document; rows 3.7 and 1 and the totals follow
from the chosen cells (unless a document breaks a rule on purpose). Independent of the C parser."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus"))
from catalog import (rows3, data_rows3, leaf_rows3, p2_blocks, P4_GROUPS, P4_COLS, P4_COL_LABELS,  # noqa: E402,F401
                     COL3_LABELS, HEADINGS, P3_NOTE, violations)


def p3(fmt, cells, carry_in=None, carry_out=None, rowtotal=True):
    """Table 三 from its leaf cells {code: [np, biz, res, npo, law, oth]}: 3.7 = sum of the leaves,
    row 1 = 3.7 + 4 - 2 per column, each row's total = the sum of its six cells. Rows not given are 0."""
    out = {}
    zero = [0] * 6
    for code in leaf_rows3(fmt):
        out[code] = list(cells.get(code, zero))
    out["3.7"] = [sum(out[c][i] for c in leaf_rows3(fmt)) for i in range(6)]
    out["2"] = list(carry_in or zero)
    out["4"] = list(carry_out or zero)
    out["1"] = [out["3.7"][i] + out["4"][i] - out["2"][i] for i in range(6)]
    assert min(out["1"]) >= 0, out["1"]
    for code in out:
        out[code] = out[code] + [sum(out[code])]
    return out


def blank_rows(t, rows):
    for r in rows:
        t[r] = [None] * 7
    return t


def p4(review=(0, 0, 0, 0), suit=(0, 0, 0, 0), after=(0, 0, 0, 0)):
    out = []
    for g in (review, suit, after):
        out += list(g) + [sum(g)]
    return out


def p2_2021(reg=(0, 0, 0), norm=(0, 0, 0), lic=0, pun=0, force=0, fee="0"):
    return {"2.1.1": list(reg), "2.1.2": list(norm), "2.5.1": [lic], "2.6.1": [pun], "2.6.2": [force], "2.8.1": [fee]}


def p2_2019(reg=(0, 0, 0), norm=(0, 0, 0), lic=(0, 0, 0), oth=(0, 0, 0), pun=(0, 0, 0), force=(0, 0, 0),
            fee=(0, 0), buy=(0, "0")):
    return {"2.1.1": list(reg), "2.1.2": list(norm), "2.5.1": list(lic), "2.5.2": list(oth), "2.6.1": list(pun),
            "2.6.2": list(force), "2.8.1": list(fee), "2.9.1": list(buy)}


def p2_json(fmt, t):
    if t is None:
        return None
    out = {"format": fmt}
    for _b, _l, cols, rows in p2_blocks(fmt):
        for code, _lab in rows:
            vals = t.get(code)
            out[code] = {c: (None if vals is None or vals[i] is None else num(vals[i]))
                         for i, (c, _cl) in enumerate(cols)}
    return out


def num(v):
    if isinstance(v, str):
        f = float(v)
        return int(f) if f == int(f) and "." not in v else f
    return v


def p3_json(fmt, t):
    if t is None:
        return None
    out = {"format": fmt}
    for code in data_rows3(fmt):
        out[code] = list(t.get(code, [None] * 7))
    return out
