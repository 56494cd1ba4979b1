-- pg_temp.f2_document(agency, year, disclosures, requests, appeals, narrative): a published report in
-- family F2 (one table row per line, cells between '|'), built from the figures with the official
-- labels of govinfo's table functions; blank cells are written empty. Used by the import tests to
-- make documents whose figures are known independently of the parser.
CREATE FUNCTION pg_temp.f2_cells(VARIADIC v anyarray) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT string_agg(coalesce(x::text, ''), ' | ' ORDER BY i) FROM unnest(v) WITH ORDINALITY u(x, i)
$$;
CREATE FUNCTION pg_temp.f2_document(agency text, yr integer, d govinfo.disclosure_figures,
	r govinfo.request_figures, a govinfo.appeal_figures, narrative text DEFAULT NULL) RETURNS text
LANGUAGE sql STABLE AS $$
SELECT concat_ws(E'\n',
	agency || yr || '年政府信息公开工作年度报告',
	'一、总体情况',
	coalesce(narrative, yr || '年，' || agency || '认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。'),
	'二、主动公开政府信息情况',
	(SELECT string_agg(CASE
		WHEN t.row_code IN ('2.1', '2.5', '2.6', '2.8') THEN t.label || E'\n信息内容 | ' ||
			CASE t.row_code WHEN '2.1' THEN '本年制发件数 | 本年废止件数 | 现行有效件数'
				WHEN '2.8' THEN '本年收费金额（单位：万元）' ELSE '本年处理决定数量' END
		WHEN t.row_code LIKE '2.1.%' THEN t.label || ' | ' || pg_temp.f2_cells(t.issued, t.abolished, t.in_force)
		WHEN t.row_code = '2.8.1' THEN t.label || ' | ' || coalesce(t.amount::text, '')
		ELSE t.label || ' | ' || coalesce(t.decisions::text, '') END, E'\n' ORDER BY t.ordinality)
	 FROM govinfo.table2(d) WITH ORDINALITY t),
	'三、收到和处理政府信息公开申请情况',
	'（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
	'| 申请人情况 |',
	'| 自然人 | 法人或其他组织 | 总计 |',
	'| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |',
	(SELECT string_agg(CASE WHEN t.total IS NULL AND t.np IS NULL AND t.row_code IN ('3', '3.3', '3.4', '3.5', '3.6')
			THEN t.label
			ELSE t.label || ' | ' || pg_temp.f2_cells(t.np, t.biz, t.res, t.npo, t.law, t.oth, t.total) || ' |' END,
		E'\n' ORDER BY t.ordinality)
	 FROM govinfo.table3(r) WITH ORDINALITY t),
	'四、政府信息公开行政复议、行政诉讼情况',
	'| 行政复议 | 行政诉讼 |',
	'| 未经复议直接起诉 | 复议后起诉 |',
	'| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |',
	(SELECT '| ' || string_agg(pg_temp.f2_cells(t.upheld, t.corrected, t.other, t.pending, t.total), ' | ' ORDER BY t.ordinality) || ' |'
	 FROM govinfo.table4(a) WITH ORDINALITY t),
	'五、存在的主要问题及改进情况',
	'信息公开的及时性有待提高。下一步将加强培训。',
	'六、其他需要报告的事项',
	'本年度未收取信息处理费。',
	agency,
	yr + 1 || '年1月20日')
$$;
