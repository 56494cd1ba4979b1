"""Shortcuts for the document lists."""
from decimal import Decimal

from figures import make_p2, make_p3, make_p4
from render import Doc
from text import narrative

CN_MONTH = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def date_zh(y, m, d):
    return "%d年%d月%d日" % (y, m, d)


def mk(name, family, variant, agency, short, year, date, seed, new, cin=0, cout=0, p2=None, p4=None,
       fmt=None, upper="县委、县政府", apps="agree", title=None, zero_rows=(), blank_rows=(), col_weights=None,
       p1variant=None, fee=None, **kw):
    """A document of `agency` (as signed) for `year`, with a balanced table 三 of `new` applications.

    date: (y, m, d) printed as 2023年1月18日, or a string printed as is together with the ISO date
    apps: 'agree' (the narrative quotes table 三's row 1 total), 'none', or an int (a contradicting figure)
    """
    if fmt is None:
        fmt = "2019" if year < 2021 else "2021"
    p3 = make_p3(seed, fmt, new, cin, cout, col_weights=col_weights, zero_rows=zero_rows, blank_rows=blank_rows)
    if isinstance(date, tuple):
        printed, iso = date_zh(*date), "%04d-%02d-%02d" % date
    elif date is None:
        printed, iso = None, None
    else:
        printed, iso = date
    total_new = p3["1"][6] or 0
    if apps == "agree":
        sent = "全年共受理政府信息公开申请%d件，上年结转%d件，办结%d件，结转下年度继续办理%d件。" % (
            total_new, p3["2"][6] or 0, p3["3.7"][6] or 0, p3["4"][6] or 0)
        if total_new == 0:
            sent = "全年未收到政府信息公开申请。"
    elif apps == "none":
        sent = None
    else:
        sent = "本年共收到政府信息公开申请%d件，均在法定期限内予以答复。" % apps
    nar = narrative(seed, short, year, upper=upper, apps_sentence=sent, variant=p1variant,
                    fee_sentence=fee or "未收取信息处理费。")
    if year < 2021:
        nar["intro"] = nar["intro"].replace("国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号")
    d = Doc(name, family, variant, fmt=fmt, year=year, agency=agency, short=short,
            title=title or "%s%d年政府信息公开工作年度报告" % (short, year), date=printed, published_on=iso,
            p2=p2, p3=p3, p4=p4 if p4 is not None else make_p4(), nar=nar, **kw)
    return d


D = Decimal
