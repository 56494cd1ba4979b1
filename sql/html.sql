-- The HTML reader (also run under valgrind by scripts/valgrind.sh, and in EUC_CN: every character
-- here is in GB2312): spans, blanks, JS-embedded HTML,
-- layout tables, broken markup.
SELECT * FROM govinfo.html_tables('<table><thead><tr><td rowspan="3" colspan="2">信息内容</td><td colspan="2">本年<br />新制发</td></tr></thead>
	<tbody><tr><td>&nbsp;</td><td><p><span><font>1</font></span></p></td><td rowspan=0>x</td></tr><tr><td>a</td><td colspan=9>b</td></tr></tbody></table>');
SELECT govinfo.html_text('<html><head><title>t</title><style>p{}</style></head><body><p>一、总体情况&nbsp;　本年</p>
	<table><tr><td>布局<table><caption>表</caption><tr><td>A</td></tr></table>尾</td></tr></table><pre>a  b
c</pre></body></html>');
SELECT * FROM govinfo.html_tables($$<script>var re = /"/g; let content = "<table border=\"1\"><tr><td>\u4e00\u4e8c<\/td><td colspan=\"2\">5</td></tr>\n<tr><td>a</td><td>b</td><td>c</td></tr></table>";</script>$$);
SELECT govinfo.html_text($${"title":"\u5e73\u5c71","content":"<p>x</p><table><tr><td>1</td></tr></table>"}$$);
SELECT count(*), count(*) FILTER (WHERE covered) FROM govinfo.html_tables('<table>' || repeat('<tr><td rowspan=50 colspan=7>x</td><td>y', 300) || '</table>');
SELECT count(*) <= 1 AS at_most_one_table FROM govinfo.html_tables(repeat('<div><span><p><table><tr><td>a</b></i></u>', 2000) || repeat('&#xD800;&bogus;<td rowspan="', 100));
