"""The expected result of F6 digit runs, computed independently of the C splitter: every split of each run,
then the balancing rules across rows; a run is filled only when one split survives in every consistent
assignment, else its cells are blank and the document is flagged."""
import itertools
import re
from decimal import Decimal

from catalog import leaf_rows3


INT = re.compile(r"^(0|[1-9][0-9]*)$")
SIGNED = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
DEC = re.compile(r"^(0|[1-9][0-9]*)(\.[0-9]+)?$")


def splits(text, n, kinds=None):
    """Every way to cut text (a space is a certain boundary) into n numbers without leading zeros;
    kinds[i] is 'int' (default), 'signed' (2019 本年增/减) or 'dec' (an amount)."""
    kinds = kinds or ["int"] * n
    pat = {"int": INT, "signed": SIGNED, "dec": DEC}
    segs = text.split(" ")

    def conv(tok, kind):
        return Decimal(tok) if kind == "dec" else int(tok)

    def cut(seg, i0, k):
        # seg into exactly k numbers, cells i0 .. i0+k-1
        if k == 0:
            return [[]] if seg == "" else []
        res = []
        for i in range(1, len(seg) + 1):
            head = seg[:i]
            if not pat[kinds[i0]].match(head):
                continue
            for rest in cut(seg[i:], i0 + 1, k - 1):
                res.append([conv(head, kinds[i0])] + rest)
        return res

    def rec(si, i0):
        if si == len(segs):
            return [[]] if i0 == n else []
        res = []
        remaining = len(segs) - si - 1
        for m in range(1, n - i0 - remaining + 1):
            for a in cut(segs[si], i0, m):
                for b in rec(si + 1, i0 + m):
                    res.append(a + b)
        return res

    return rec(0, 0)


def row_ok(vals, part):
    if part == 3:
        return vals[6] == sum(vals[:6])
    if part == 4:
        return all(vals[g * 5 + 4] == sum(vals[g * 5:g * 5 + 4]) for g in range(3))
    return True


def expected_splits(doc, runs):
    p2 = {k: dict(v) for k, v in doc.p2.items()}
    p3 = {k: list(v) for k, v in doc.p3.items()}
    p4 = list(doc.p4)
    amb = False
    cand3 = {}
    for part, code, text, n, true in runs:
        if text == "":
            assert all(v is None for v in true), (doc.name, code, "partly blank row in F6")
            continue
        assert all(v is not None for v in true), (doc.name, code, "partly blank row in F6")
        if part == 2 and n == 1:
            continue
        kinds = None
        if part == 2:
            cols = list(doc.p2[code].keys())
            kinds = ["dec" if c == "amount" else "signed" if c == "delta" else "int" for c in cols]
        if len(text.split(" ")) == n:      # every boundary printed: read as cells, rules or not
            cands = splits(text, n, kinds)
        else:
            cands = [c for c in splits(text, n, kinds) if row_ok(c, part)]
        true_i = [v if isinstance(v, Decimal) else int(v) for v in true]
        assert true_i in cands, (doc.name, code, text, true, cands[:5])
        if part == 3:
            cand3[code] = cands
        elif len(cands) > 1:
            amb = True
            if part == 2:
                row = doc.p2[code]
                p2[code] = {k: None for k in row}
            else:
                p4 = [None] * 15
    # part 三: the rules across rows
    fixed = {c: cs[0] for c, cs in cand3.items() if len(cs) == 1}
    open_ = [c for c, cs in cand3.items() if len(cs) > 1]
    if open_:
        total = 1
        for c in open_:
            total *= len(cand3[c])
        assert total < 200000, (doc.name, "too many combinations")
        fmt = doc.fmt
        leaves = leaf_rows3(fmt)
        consistent = []
        for combo in itertools.product(*[cand3[c] for c in open_]):
            vals = dict(fixed)
            vals.update(zip(open_, combo))
            g = lambda code, i: (vals[code][i] if code in vals else (doc.p3[code][i] or 0))
            good = True
            for i in range(7):
                if g("1", i) + g("2", i) != g("3.7", i) + g("4", i):
                    good = False
                    break
                if g("3.7", i) != sum(g(c, i) for c in leaves):
                    good = False
                    break
            if good:
                consistent.append(combo)
        for k, c in enumerate(open_):
            choices = {tuple(combo[k]) for combo in consistent}
            if len(choices) == 1:
                assert list(choices.pop()) == [int(v) for v in doc.p3[c]], (doc.name, c, "decided wrongly")
            else:
                amb = True
                p3[c] = [None] * 7
    stats = {"alone": len(open_), "undecided": sum(1 for c in open_ if p3[c][0] is None and doc.p3[c][0] is not None)}
    want = getattr(doc, "expect_stats", None)
    if want:
        for k, v in want.items():
            assert stats[k] == v, (doc.name, stats, want)
    return p2, p3, p4, amb


if __name__ == "__main__":
    print(splits("120010013", 7))
    print([s for s in splits("120010013", 7) if row_ok(s, 3)])
    print([s for s in splits("300011115", 7) if row_ok(s, 3)])
    print([s for s in splits("2 0 00 0 02", 7) if row_ok(s, 3)])
