"""Figures for a test document: balanced tables 二/三/四 drawn from a seeded generator, then edited by hand."""
import random

from catalog import COLS3, data_rows3, leaf_rows3, p2_blocks

LEAF_WEIGHTS = {
    "3.1": 40, "3.2": 9, "3.3.1": 0.3, "3.3.2": 0.6, "3.3.3": 0.5, "3.3.4": 1.5, "3.3.5": 1.5, "3.3.6": 2,
    "3.3.7": 0.8, "3.3.8": 2, "3.4.1": 14, "3.4.2": 3, "3.4.3": 2, "3.5.1": 4, "3.5.2": 3, "3.5.3": 0.5,
    "3.5.4": 0.6, "3.5.5": 0.5, "3.6.1": 2, "3.6.2": 0.2, "3.6.3": 3, "3.6": 5,
}
COL_WEIGHTS = [70, 14, 1, 2, 4, 9]


def split_count(rng, n, weights):
    """n items drawn into len(weights) bins."""
    out = [0] * len(weights)
    for i in rng.choices(range(len(weights)), weights=weights, k=n):
        out[i] += 1
    return out


def make_p3(seed, fmt, new, carried_in=0, carried_out=0, col_weights=None, zero_rows=(), blank_rows=()):
    """Balanced table 三: `new` applications this year, `carried_in` from last year, `carried_out` to next."""
    rng = random.Random(seed)
    cw = col_weights or COL_WEIGHTS
    leaves = leaf_rows3(fmt)
    lw = [0 if (c in zero_rows or c in blank_rows) else LEAF_WEIGHTS[c] for c in leaves]
    newc = split_count(rng, new, cw)
    inc = split_count(rng, carried_in, cw)
    p3 = {c: [0] * 7 for c in data_rows3(fmt)}
    # carried out: taken from columns that have applications
    avail = [newc[i] + inc[i] for i in range(6)]
    outc = [0] * 6
    for _ in range(min(carried_out, sum(avail))):
        i = rng.choices(range(6), weights=[max(a - o, 0) for a, o in zip(avail, outc)])[0]
        outc[i] += 1
    for i in range(6):
        p3["1"][i] = newc[i]
        p3["2"][i] = inc[i]
        p3["4"][i] = outc[i]
        handled = newc[i] + inc[i] - outc[i]
        dist = split_count(rng, handled, lw)
        for code, v in zip(leaves, dist):
            p3[code][i] = v
        p3["3.7"][i] = handled
    for code in p3:
        p3[code][6] = sum(p3[code][:6])
    for code in blank_rows:
        p3[code] = [None] * 7
    return p3


def make_p4(review=(0, 0, 0, 0), suit=(0, 0, 0, 0), after=(0, 0, 0, 0)):
    out = []
    for g in (review, suit, after):
        out += list(g) + [sum(g)]
    return out


def make_p2(fmt, **kw):
    """Part 二 from keyword rows: make_p2('2021', r2_1_1=(0,0,3), r2_1_2=(2,1,18), r2_5_1=(120,), ...)."""
    p2 = {}
    for _bcode, _blabel, cols, rows in p2_blocks(fmt):
        for rcode, _rl in rows:
            vals = kw.get("r" + rcode.replace(".", "_"), (0,) * len(cols))
            p2[rcode] = {cc: v for (cc, _cl), v in zip(cols, vals)}
    return p2


def blank_zeros(p3, rows=None):
    """Print zeros as blank in the given rows (all data rows when None): the figures become blank."""
    out = {}
    for code, row in p3.items():
        if rows is None or code in rows:
            out[code] = [None if v == 0 else v for v in row]
        else:
            out[code] = list(row)
    return out


def p3_jsonb(fmt, p3):
    if p3 is None:
        return None
    j = {"format": fmt}
    for code in data_rows3(fmt):
        j[code] = list(p3.get(code, [None] * 7))
    return j


def p2_jsonb(fmt, p2):
    if p2 is None:
        return None
    j = {"format": fmt}
    for code, row in p2.items():
        j[code] = dict(row)
    return j
