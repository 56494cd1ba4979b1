"""F7: HTML pages. The html helper's pages (test/corpus/F7, written by hand) cover whole pages, fragments,
HTML inside a JavaScript string, the 2019 format, a blank 总计 column and rule violations; these add
traditional characters, a 2021+ report with （六） as one row, an amount in 元, a label typo and a
narrative figure that contradicts the table."""
from common import D, mk
from figures import make_p2, make_p4

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="ArticleTitle" content="{title}">
<title>{title}</title>
<link rel="stylesheet" href="/static/css/article.css">
<style>.nav a{{margin:0 8px;color:#fff}} #zoom table{{border-collapse:collapse;margin:0 auto}}</style>
<script src="/static/js/jquery.min.js"></script>
<script>var siteId = 1187; function doZoom(s){{document.getElementById('zoom').style.fontSize=s+'px';}}</script>
</head>
<body>
<div class="top"><a href="/">%s</a> <a href="/fanti/">%s</a> <a href="/wza/">无障碍</a></div>
<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/bsfw/">办事服务</a><a href="/hdjl/">互动交流</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="article">
<h1 class="title">{title}</h1>
<div class="info">发布时间：%s　　来源：%s　　字号：[<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>]</div>
<div id="zoom">
{body}
</div>
</div>
<div class="footer"><p>主办：%s　网站标识码：%s　<a href="/sitemap/">网站地图</a></p></div>
</body>
</html>
"""


def docs():
    out = []

    # a traditional-character mirror of a provincial page; 2023 report with （六） as one row; fee in 元
    d = mk("f7-nanling-wjw-2023", "F7", "HTML, traditional-character mirror; 2021+ report printing （六） as one row; fee in 元",
           "南岭省卫生健康委员会", "南岭省卫生健康委员会", 2023, (2024, 1, 26), 701, new=176, cin=12, cout=9,
           upper="省委、省政府", fmt="2019", col_weights=[72, 14, 2, 4, 6, 2],
           p2=make_p2("2021", r2_1_1=(1, 0, 14), r2_1_2=(8, 5, 63), r2_5_1=(3921,), r2_6_1=(257,), r2_6_2=(3,),
                      r2_8_1=(D("128.65"),)),
           p4=make_p4(review=(5, 1, 2, 2), suit=(2, 0, 1, 3), after=(1, 0, 0, 0)),
           trad=True, warnings={"hybrid_format", "amount_in_yuan"},
           knobs={"p2_colspan": True, "page": PAGE % ("简体版", "繁体版", "2024-01-26 10:15", "南岭省卫生健康委员会", "南岭省卫生健康委员会", "4600000012")})
    d.cells[(2, "2.8.1", 0)] = "1286500元"
    out.append(d)

    # a county bureau: hand-made table 二, a substituted character in a label, ASCII punctuation and quotes, blanks as —,
    # the narrative quotes another number of applications than the table
    d = mk("f7-xishan-lyj-2021", "F7", "HTML, a hand-made table 二 with shorter rows for one-column blocks; a substituted character in a label; ASCII punctuation, \"\" quotes; narrative contradicts",
           "溪山县林业局", "溪山县林业局", 2021, (2022, 1, 19), 702, new=14, cin=1, cout=1, apps=15,
           p2=make_p2("2021", r2_1_2=(1, 0, 5), r2_5_1=(286,), r2_6_1=(47,), r2_6_2=(0,), r2_8_1=(D("3.6"),)),
           blank_rows=("3.6.2", "3.6.3"), blank="—", ascii_punct=True, plain_quotes=True,
           labels={"3.5.5": "5.要求行政机关确认或重新出具以获取信息"}, warnings={"label_variant", "text_contradicts_table"},
           knobs={"page": PAGE % ("简体", "繁體", "2022-01-19", "溪山县林业局", "溪山县人民政府", "4311220003")})
    out.append(d)
    return out
