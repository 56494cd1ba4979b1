"""Shortcuts for the document lists."""
from decimal import Decimal

from figures import make_p2, make_p3, make_p4
from render import Doc
from text import narrative

CN_MONTH = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def date_zh(y, m, d):
    return "%d年%d月%d日" % (y, m, d)


TOPICS = [("公安", "户籍办理、交通管理、出入境管理"), ("自然资源", "国土空间规划、土地征收、不动产登记"),
          ("交通", "交通基础设施建设、道路运输管理、公路养护"), ("卫生健康", "医疗服务、公共卫生、疾病预防控制"),
          ("教育", "义务教育招生、学生资助、校外培训治理"), ("人力资源", "就业创业、社会保险、劳动关系"),
          ("市场监督", "食品药品安全、双随机一公开、价格监督检查"), ("生态环境", "生态环境保护、污染防治、环评审批"),
          ("住房", "保障性住房、建筑市场监管、老旧小区改造"), ("医疗保障", "医保基金监管、药品集中带量采购、医保待遇"),
          ("司法", "公共法律服务、人民调解、法治政府建设"), ("信访", "信访工作制度、矛盾纠纷排查化解、网上信访"),
          ("发展和改革", "重大项目建设、价格管理、优化营商环境"), ("行政审批", "政务服务事项、一网通办、企业开办"),
          ("林业", "森林资源保护、林长制、森林防火"), ("政府办公室", "重大决策部署、政府常务会议、重点民生实事"),
          ("镇", "乡村振兴、人居环境整治、惠民补贴发放"), ("乡", "乡村振兴、农村危房改造、惠民补贴发放"),
          ("街道", "社区治理、城市管理、民生服务")]


def mk(name, family, variant, agency, short, year, date, seed, new, cin=0, cout=0, p2=None, p4=None,
       fmt=None, upper="县委、县政府", apps="agree", title=None, zero_rows=(), blank_rows=(), col_weights=None,
       p1variant=None, fee=None, topic=None, **kw):
    """A document of `agency` (as signed) for `year`, with a balanced table 三 of `new` applications.

    date: (y, m, d) printed as 2023年1月18日, or a string printed as is together with the ISO date
    apps: 'agree' (the narrative quotes table 三's row 1 total), 'none', or an int (a contradicting figure)
    """
    if fmt is None:
        fmt = "2019" if year < 2021 else "2021"
    p3 = make_p3(seed, fmt, new, cin, cout, col_weights=col_weights, zero_rows=zero_rows, blank_rows=blank_rows)
    if isinstance(date, tuple) and len(date) == 3:
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
    if topic is None:
        topic = next(t for k, t in TOPICS if k in agency)
    nar = narrative(seed, short, year, upper=upper, apps_sentence=sent, variant=p1variant,
                    fee_sentence=fee or "未收取信息处理费。", topic=topic)
    if year < 2021:
        nar["intro"] = nar["intro"].replace("国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号")
    d = Doc(name, family, variant, fmt=fmt, year=year, agency=agency, short=short,
            title=title or "%s%d年政府信息公开工作年度报告" % (short, year), date=printed, published_on=iso,
            p2=p2, p3=p3, p4=p4 if p4 is not None else make_p4(), nar=nar, **kw)
    return d


D = Decimal
