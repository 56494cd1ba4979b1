-- pgTAP: the HTML reader of published reports (family F7) through govinfo.html_tables() and
-- govinfo.html_text(): spans resolved into the positions written down below, entities, blanks,
-- <br> in headers, nested elements in cells, scripts and styles dropped, HTML inside JavaScript
-- and JSON string literals, layout tables around data tables, broken HTML, limits and time.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(71);

-- a table as text: rows on lines, cells between '|', '#' a covered position, '~' a position no
-- cell reaches (a short row)
CREATE FUNCTION pg_temp.grid(doc text, t integer DEFAULT 0) RETURNS text LANGUAGE sql AS $$
	SELECT string_agg(r, E'\n' ORDER BY row_no)
	FROM (SELECT row_no, string_agg(CASE WHEN covered THEN '#' WHEN text IS NULL THEN '~' ELSE text END, '|' ORDER BY col_no) AS r
		  FROM govinfo.html_tables(doc) WHERE table_no = t GROUP BY row_no) s $$;
-- one row of a table, as above
CREATE FUNCTION pg_temp.grow(doc text, t integer, r integer) RETURNS text LANGUAGE sql AS $$
	SELECT string_agg(CASE WHEN covered THEN '#' WHEN text IS NULL THEN '~' ELSE text END, '|' ORDER BY col_no)
	FROM govinfo.html_tables(doc) WHERE table_no = t AND row_no = r $$;
-- the number of leaf tables
CREATE FUNCTION pg_temp.ntables(doc text) RETURNS bigint LANGUAGE sql AS $$
	SELECT count(DISTINCT table_no) FROM govinfo.html_tables(doc) $$;

-- spans ---------------------------------------------------------------------------------------
SELECT is(pg_temp.grid('<table><tr><td rowspan="2">信息内容</td><td colspan="2">本年<br />新制发</td><td>x</td></tr>
	<tr><td>&nbsp;</td><td>1</td><td>2</td></tr></table>'),
	E'信息内容|本年 新制发|#|x\n#||1|2', 'rowspan and colspan resolved into their positions');
SELECT is(pg_temp.grid('<table><tr><td rowspan=3 colspan=2>A</td><td>B</td></tr><tr><td>C</td></tr><tr><td>D</td></tr>
	<tr><td>E</td><td colspan=2>F</td></tr></table>'),
	E'A|#|B\n#|#|C\n#|#|D\nE|F|#', 'a block span: the next rows'' cells go to the first free column');
SELECT is(pg_temp.grid('<table><tr><td>A</td><td rowspan=2>B</td><td>C</td></tr><tr><td colspan=3>D</td></tr></table>'),
	E'A|B|C\nD|#|#', 'overlapping spans: a position keeps the cell that covered it first');
SELECT is((SELECT count(*) FILTER (WHERE covered) FROM html_tables('<table><tr><td>A</td><td rowspan=2>B</td><td>C</td></tr><tr><td colspan=3>D</td></tr></table>')),
	2::bigint, 'overlap: D covers only the free position beside B');
SELECT is(pg_temp.grid('<table><tr><td colspan="5000">T</td></tr><tr><td>a</td><td>b</td></tr></table>'),
	E'T|#\na|b', 'an oversized colspan makes no empty columns');
SELECT is(pg_temp.grid('<table><tr><td rowspan="99">A</td><td>B</td></tr><tr><td>C</td></tr></table>'),
	E'A|B\n#|C', 'a rowspan beyond the last row stops there');
SELECT is(pg_temp.grid('<table><thead><tr><td rowspan=3>H</td><td>x</td></tr></thead><tbody><tr><td>a</td><td>b</td></tr><tr><td rowspan=0>c</td><td>d</td></tr><tr><td>e</td></tr></tbody></table>'),
	E'H|x\na|b\nc|d\n#|e', 'a rowspan stops at the end of its row group; rowspan=0 spans to it');
SELECT is(pg_temp.grid('<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr></table>'),
	E'a|b|c\nd|~|~', 'a short row: positions no cell reaches are NULL and not covered');
SELECT is(pg_temp.grid('<table><td>a</td><td>b</td></table>'), 'a|b', 'cells outside any <tr> make a row');
SELECT is(pg_temp.grid('<table><tr><td rowspan="x">a</td><td colspan="-2">b</td><td colspan=" 2.5 ">c</td></tr><tr><td>d</td><td>e</td><td>f</td><td>g</td></tr></table>'),
	E'a|b|c|#\nd|e|f|g', 'bad span values: not a number is 1, a decimal is cut');
SELECT is((SELECT count(*) FROM html_tables('<table><tr><td rowspan=2 colspan=3>x</td></tr><tr></tr></table>') WHERE covered),
	1::bigint, 'ghost columns of a lone spanning cell are dropped; its rowspan covers the empty row');

-- text of cells ---------------------------------------------------------------------------------
SELECT is(pg_temp.grid('<table><tr><td>&lt;1&gt; &amp; &ldquo;三安全一稳定&rdquo; &#x4E00;&#20108;</td></tr></table>'),
	'<1> & “三安全一稳定” 一二', 'entities and character references decoded');
SELECT is((SELECT array_agg(text ORDER BY col_no) FROM html_tables('<table><tr><td>&nbsp;</td><td> &nbsp;&#12288; </td><td></td><td>0</td></tr></table>')),
	ARRAY['', '', '', '0'], 'cells of &nbsp;, U+3000 or nothing are empty, not NULL');
SELECT is(pg_temp.grid('<table><tr><th>结果<br/>维持</th><th>本年<br>废止<br>件数</th><th><p>尚未</p><p>审结</p></th></tr></table>'),
	'结果 维持|本年 废止 件数|尚未 审结', '<br> and paragraphs inside header cells are spaces');
SELECT is(pg_temp.grid('<table><tr><td><p style="text-align:center"><span style="font-size:14px"><font face="宋体"><b>1</b>2</font></span></p></td></tr></table>'),
	'12', 'nested p, span, font and b inside a cell');
SELECT is(pg_temp.grid(E'<table><tr><td>\n  a \t b\u00a0c\u3000d\u2002e  </td></tr></table>'),
	'a b c d e', 'whitespace, U+00A0, U+3000 and U+2002 collapsed and trimmed');
SELECT is(pg_temp.grid('<table><tr><td>5<script>document.write("9")</script><style>td{x:1}</style></td></tr></table>'),
	'5', 'scripts and styles inside a cell are dropped');
SELECT is(pg_temp.grid('<table><tr><td>a&#30;b</td></tr></table>') IS NOT NULL
	AND position(E'\x1e' IN html_text('<p>x&#30;TABLE 9</p><p>y' || E'\x1e' || 'TABLE 8</p>')) = 0, true,
	'control characters in the text never look like a table marker');

-- attributes other than rowspan and colspan (dropped before libxml2 reads the page) -----------
SELECT is(pg_temp.grid($$<table class=MsoNormalTable border=1 style='border-collapse:collapse'><tr style="height:20pt">
	<td ROWSPAN="2" width=100 style='width:75pt;border:solid windowtext 1.0pt' title="a>b<td>c">信息内容</td>
	<td nowrap Colspan='2' style = "x" data-x=&quot;y&quot;>本年<br clear=all>新制发</td><td class=x rowspan = 1 colspan=1 >x</td></tr>
	<tr><td lang=EN-US>&nbsp;</td><td style="a" colspan=1/>1</td><td rowspan=1 style=x/>2</td></tr></table>$$),
	E'信息内容|本年 新制发|#|x\n#||1|2',
	'spans in every quoting form and case among other attributes (a quoted ''>'' and ''<td>'' inside one) read as in a bare table');
SELECT is(pg_temp.grid('<table><tr><td colspan=2/>a</td><td>b</td></tr><tr><td>c</td><td>d</td><td>e</td></tr></table>'),
	E'a|#|b\nc|d|e', 'an unquoted value followed by "/>" keeps its value (2/ read as 2)');
SELECT is(html_text($$<!-- <table><tr><td style="a">x</td></tr></table> --><p title='<!--'>一</p><script type="text/javascript">var s = '<td style="a" colspan="9">';</script>
	<p style="b">二</p><?xml:namespace prefix = o ns = "urn:schemas-microsoft-com:office:office" /><p class=MsoNormal>三<o:p></o:p></p>$$),
	E'一\n二\n三', 'comments, scripts and processing instructions around tags with attributes');
SELECT is(pg_temp.grid($$<script>var c = "<table border=\"1\" style=\"a\"><tr><td class=\"x\" colspan=\"2\">5</td></tr><tr><td style='b'>a</td><td>b</td></tr></table>";</script>$$),
	E'5|#\na|b', 'spans among other attributes inside a script''s literal');
SELECT is(pg_temp.grid($$<p a"b style="x">p</p><table style="x"><tr><td colspan="2" style="y">A</td></tr><tr><td class=c>B</td><td>C</td></tr></table>$$),
	E'A|#\nB|C', 'after a malformed tag the page is read as it is, spans included');
SELECT is(pg_temp.grid($$<svg width="1"><text x="0">s</text></svg><title>t</title><table style="x"><tr><td rowspan="2" style="y">A</td><td>B</td></tr><tr><td class=c>C</td></tr></table>$$),
	E'A|B\n#|C', 'after <svg> too');
SELECT is((SELECT count(*) FILTER (WHERE covered) || '/' || count(*) FROM html_tables('<table style="border:1px">' ||
	repeat('<tr style="height:1pt"><td style="border:1px solid #000;text-align:center;" rowspan="2" class="c">a</td><td style="border:1px solid #000;" width="50">b</td></tr><tr><td style="x" id="y">c</td></tr>', 2000) || '</table>')),
	'2000/8000', 'four thousand styled rows: every rowspan read');

-- the text outside tables ---------------------------------------------------------------------
SELECT is(html_text('<html><head><title>t_网站</title><style>p{color:red}</style><script>var x = "y";</script></head>
	<body><div>首页</div><p>一、总体情况&nbsp;&nbsp;本年度</p><table><caption>表一</caption><tr><td>1</td></tr></table>
	<h2>五、存在的<b>主要</b>问题</h2><ul><li>a</li><li>b<br>c</li></ul></body></html>'),
	E'首页\n一、总体情况 本年度\n表一\n\x1eTABLE 0\n五、存在的主要问题\na\nb\nc',
	'one block per line, the caption before its table, the table''s place marked; title, style, script dropped');
SELECT is(html_text(E'<pre>a  b\nc</pre><p>d</p>'), E'a b\nc\nd', 'line breaks inside <pre> are kept');
SELECT is(html_text('<p class=MsoNormal><![if !supportLists]><span lang=EN-US>1.</span><![endif]><span>本年度</span><o:p></o:p></p><table><tr><td><![if !vml]>3<![endif]></td></tr></table>')
	|| pg_temp.grid('<table><tr><td><![if !vml]>3<![endif]></td></tr></table>'),
	E'1.本年度\n\x1eTABLE 03', 'Word''s conditional comments (<![if …]>, <![endif]>) are not text');
SELECT is(html_text('<p>   </p><div><p></p></div>'), '', 'no empty lines');
SELECT is(html_text('<p>a</p><table><tr><td>1</td></tr></table><p>b</p><table><tr><td>2</td></tr></table>'),
	E'a\n\x1eTABLE 0\nb\n\x1eTABLE 1', 'tables numbered in document order');

-- layout tables -----------------------------------------------------------------------------
SELECT is(pg_temp.ntables('<table class="layout"><tr><td>导航</td><td>正文<table><tr><td>A</td></tr></table>
	尾<table><tr><td>B</td><td>C</td></tr></table></td></tr></table>'), 2::bigint, 'only the leaf tables are returned');
SELECT is(pg_temp.grid('<table><tr><td><table><tr><td>A</td></tr></table></td><td><table><tr><td>B</td><td>C</td></tr></table></td></tr></table>', 1),
	'B|C', 'the second leaf table');
SELECT is(html_text('<table><tr><td>导航</td><td>正文<table><tr><td>A</td></tr></table>尾</td></tr><tr><td>页脚</td></tr></table>'),
	E'导航 正文\n\x1eTABLE 0\n尾\n页脚', 'the text of a layout table: its rows are lines around the leaf tables');
SELECT is(pg_temp.ntables(repeat('<table><tr><td>', 50) || 'x' || repeat('</td></tr></table>', 50)), 1::bigint,
	'fifty nested tables: the innermost is the one leaf');

-- HTML inside JavaScript and JSON string literals ------------------------------------------------
SELECT is(pg_temp.grid($$<script>
// "unrelated" comment with a quote '
var re = /"[^"]*"/g, s = 'it\'s';  /* "block" */
let content = "<table border=\"1\"><tr><td>\u4e00\u3001\u603b</td><td colspan=\"2\">5<\/td></tr>\n<tr><td>a</td><td>b</td><td>\x31\x32</td></tr></table>";
document.getElementById("zoom").innerHTML = content;
</script>$$), E'一、总|5|#\na|b|12', 'a table in a JS string literal: \" \n \uXXXX \xHH and <\/ escapes, regex literals and comments skipped');
SELECT is(html_text($$<p>前</p><script>var c = '<p>\u4e00\u3001\u603b\u4f53\u60c5\u51b5</p>' + '<table><tr><td>1</td></tr></table>';</script><p>后</p>$$),
	E'前\n一、总体情况\n\x1eTABLE 0\n后', 'literals joined by + are read together, in the script''s place');
SELECT is(pg_temp.grid($$<script>var s = "\ud83d\ude00\u{1F600}\ud800x";document.write('<table><tr><td>' + s + '</td></tr></table>')</script>$$),
	'', 'HTML split around a variable: the variable is not guessed');
SELECT is(pg_temp.grid($$<script>var t = `<table><tr><td>a
b</td><td>\ud83d\ude00|\ud800</td></tr></table>`;</script>$$),
	'a b|😀|�', 'template literals; surrogate pairs joined, a lone surrogate replaced');
SELECT is(pg_temp.ntables('<script>var tpl = "<div class=\"share\">分享</div>";</script><p>x</p>'), 0::bigint,
	'a script with markup but no table or paragraph is dropped');
SELECT is(html_text('{"title":"\u5e73\u5c71\u53bf2022\u5e74\u5ea6\u62a5\u544a","url":"http://x/y.html","content":"<p>\u6b63\u6587</p><table><tr><td>1<\/td><\/tr><\/table>"}'),
	E'平山县2022年度报告\n正文\n\x1eTABLE 0', 'a JSON dump: its text fields, then its HTML');
SELECT is(pg_temp.grid('var content = ''<table><tr><td rowspan="2">a</td><td>b</td></tr><tr><td>c</td></tr></table>'';'),
	E'a|b\n#|c', 'a bare script (no page around it)');

-- broken HTML -----------------------------------------------------------------------------------
SELECT is(pg_temp.grid('<table><tr><td>a<td>b<tr><td>c</table>'), E'a|b\nc|~', 'unclosed cells and rows');
SELECT is(pg_temp.grid('</table></tr><table><tr><td>a</td></tr></table></td></table>'), 'a', 'stray end tags');
SELECT is(pg_temp.grid('<table><tr><td>a</td></tr>'), 'a', 'a table cut off');
-- libxml2 before 2.14 keeps the unfinished cell, 2.14 (HTML5 tokenizer) drops the unfinished tag
SELECT ok(coalesce(pg_temp.grid('<table><tr><td rowspan="'), '') = '', 'cut inside an attribute: at most one empty cell, no error');
SELECT is(html_text('<p>a<p>b<div>c</span></p>d'), E'a\nb\ncd', 'misnested blocks');
-- the stray '<' are dropped (libxml2 < 2.14) or kept as text (2.14); the comment never is text
SELECT ok(html_text('<<<>>><!-- <table> --><p>x') IN (E'>>>\nx', E'<<<>>>\nx'), 'junk and comments');
SELECT is((SELECT count(*) FROM html_tables('<table')), 0::bigint, '"<table" alone: an empty table, no rows');
SELECT lives_ok($$SELECT count(*) FROM html_tables(repeat('<div><span><p><table><tr><td>a</b></i></u>', 20000))$$, 'deeply misnested markup');
SELECT lives_ok($$SELECT count(*) FROM html_tables(repeat('<td>a', 100000))$$, 'cells outside any table');
SELECT lives_ok($$SELECT html_text(repeat('&nbsp;&amp;&#x10FFFF;&#0;&#xD800;&bogus;&#99999999999;', 10000))$$, 'bad character references');
SELECT lives_ok($$SELECT html_text(repeat('<script>"''`/', 50000))$$, 'unterminated literals and scripts');
SELECT lives_ok($$SELECT html_text('<meta charset="gb2312"><p>中文</p>')$$, 'a meta charset is ignored (the input is UTF-8)');
SELECT is(html_text('<meta charset="gb2312"><p>中文</p>'), '中文', 'text after a gb2312 meta read as UTF-8');

-- limits ----------------------------------------------------------------------------------------
SELECT is((SELECT max(col_no) FROM html_tables('<table><tr>' || repeat('<td>1</td>', 1000) || '</tr></table>')), 255,
	'a table keeps at most 256 columns');
SELECT is((SELECT max(row_no) FROM html_tables('<table>' || repeat('<tr><td>1</td></tr>', 12000) || '</table>')), 9999,
	'a table keeps at most 10,000 rows');
SELECT is((SELECT count(*) FROM html_tables('<table>' || repeat('<tr><td rowspan=10000 colspan=1000>x</td><td>y</td>', 20000) || '</table>')) <= 262144,
	true, 'a table keeps at most 262,144 positions, whatever its spans');
SELECT throws_ok($$SELECT html_text(repeat('x', 16 * 1024 * 1024 + 1))$$, '54000', NULL, 'a document over 16 MB is refused');

-- time on a big document ------------------------------------------------------------------------
\set page `cat test/corpus/F7/f7-page-pingshan-jtj-2022.html`
CREATE TEMP TABLE t0 AS SELECT clock_timestamp() AS t;
SELECT is((SELECT count(DISTINCT table_no) FROM html_tables(repeat(:'page', 200))), 600::bigint,
	'a 5 MB page of 600 tables is read whole');
SELECT cmp_ok(extract(epoch FROM clock_timestamp() - (SELECT t FROM t0))::numeric, '<', 20::numeric,
	'and in bounded time (under 20 s, about 1 s on a quiet core)');

-- the F7 test documents of the corpus ------------------------------------------------------------
\set js `cat test/corpus/F7/f7-js-luquan-scj-2023.html`
\set frag `cat test/corpus/F7/f7-fragment-gangnan-zhen-2021.html`
\set blank `cat test/corpus/F7/f7-totalblank-pingshan-wjj-2022.html`
\set f2019 `cat test/corpus/F7/f7-2019-pingshan-jyj-2020.html`
SELECT is(pg_temp.ntables(:'page'), 3::bigint, 'whole page: its three tables (the layout table around them is not one)');
SELECT is(pg_temp.grow(:'page', 1, 0) || E'\n' || pg_temp.grow(:'page', 1, 1) || E'\n' || pg_temp.grow(:'page', 1, 2),
	E'（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）|#|#|申请人情况|#|#|#|#|#|#\n'
	'#|#|#|自然人|法人或其他组织|#|#|#|#|总计\n'
	'#|#|#|#|商业 企业|科研 机构|社会公益 组织|法律服务 机构|其他|#', 'whole page: the header of 三 as the grid of its spans');
SELECT is(pg_temp.grow(:'page', 1, 5) || E'\n' || pg_temp.grow(:'page', 1, 7) || E'\n' || pg_temp.grow(:'page', 1, 26) || E'\n' || pg_temp.grow(:'page', 1, 27),
	E'三、本年度办理结果|（一）予以公开|#|6|1|0|0|0|0|7\n'
	'#|（三）不予公开|1.属于国家秘密|0|0|0|0|0|0|0\n'
	'#|（七）总计|#|12|2|0|0|0|0|14\n'
	'四、结转下年度继续办理|#|#|1|0|0|0|1|0|2', 'whole page: rows of 三 under their group labels');
SELECT is(pg_temp.grow(:'page', 0, 2), '规章|||3', 'whole page: &nbsp; cells of 二 are empty');
SELECT is(pg_temp.grow(:'page', 2, 1), '结果 维持|结果 纠正|其他 结果|尚未 审结|总计|未经复议直接起诉|#|#|#|#|复议后起诉|#|#|#|#',
	'whole page: the header of 四');
SELECT ok(html_text(:'page') ~ E'^首页\n.*\n平山县交通运输局2022年政府信息公开工作年度报告\n.*\n一、总体情况\n2022年，我局.*\n二、主动公开政府信息情况\n\x1eTABLE 0\n三、收到和处理政府信息公开申请情况\n\x1eTABLE 1\n四、政府信息公开行政复议、行政诉讼情况\n\x1eTABLE 2\n五、存在的主要问题及改进情况\n',
	'whole page: headings, body and table markers in reading order');
SELECT is(pg_temp.grow(:'js', 1, 3), '一、本年新收政府信息公开申请数量|#|#|30|4|0|1|2|1|38', 'JS-embedded page: a row of 三');
SELECT ok(html_text(:'js') ~ E'2023年，区市场监管局以企业和群众需求为导向.*\n\x1eTABLE 2\n' AND html_text(:'js') !~ 'setFontSize|shareTo',
	'JS-embedded page: its text in place, the unrelated script dropped');
SELECT is(pg_temp.grow(:'frag', 1, 3), '一、本年新收政府信息公开申请数量|#|#|5|0|0|0|0|0|6', 'fragment: nested elements in cells');
SELECT is(pg_temp.grow(:'blank', 1, 5) || E'\n' || pg_temp.grow(:'blank', 1, 26),
	E'三、本年度办理结果|（一）予以公开|#|4|1|0|0|0|0|\n#|（七）总计|#|8|1|0|0|0|0|9', '总计 blank on detail rows, filled on (七)');
SELECT is((SELECT string_agg(x, ';' ORDER BY t) FROM (SELECT table_no AS t, max(row_no) + 1 || 'x' || max(col_no) + 1 AS x FROM html_tables(:'f2019') GROUP BY table_no) s),
	'18x4;26x10;4x15', '2019 format: the sizes of 二 (with 2.9), 三 (3.6 one row) and 四');

SELECT * FROM finish();
ROLLBACK;
