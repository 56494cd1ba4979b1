-- The mutation property of parse_report (scripts/suites/26-mutations.sh): a copy of a corpus document
-- with one number of its tables emptied ("blank": the digits removed, the cell left) or dropped with its
-- separator ("drop": the cell lost, as a lossy copy loses it), a line starting with a row's numbering
-- lost whole ("line-lost": a label line, or a row with its values) or printed twice ("line-doubled"),
-- a label garbled after its numbering
-- ("label-garbled"), wrapped onto a second line ("label-wrapped") or followed by a unit ("label-unit":
-- （件）), a number misread with letters
-- ("ocr": 0 as O, 1 as l; crawler dumps too) or followed by a footnote mark ("mark": * or ①; crawler
-- dumps too) or with its digits spaced ("digit-spaced": 1 6 for 16), a page break ("page-dash",
-- "page-bare"; "page-header" inside table 三, the column headers repeated), or, in HTML copies, a cell
-- holding a number lost whole or written &nbsp;, a row lost or its first cell garbled, may
-- leave cells blank, but no cell may
-- hold a number the parse of the whole document does not hold there: a number moved to another cell,
-- or made up, is the one fault a reader of the figures cannot see.
-- Not checked (by family or by the layout parse_report reads): numbers emptied or dropped in crawler
-- dumps (F6), whose digits run together, so that a run lost or shortened reads as other numbers that
-- the printed text allows just as well (their labels lost or garbled are checked); and numbers dropped from columns
-- aligned by spaces (F4) with the spaces after them, which moves the numbers after them into the
-- columns to their left: pdftotext -layout keeps the columns, so no F4 copy looks so.
CREATE SCHEMA mutation;
CREATE TABLE mutation.doc (name text PRIMARY KEY, doc text NOT NULL);

-- up to `most` matches of pat in body from lo on, evenly spread: their rank, position and text
CREATE FUNCTION mutation.picks(body text, pat text, lo integer, most integer, flags text)
RETURNS TABLE(i integer, s integer, tok text)
LANGUAGE sql IMMUTABLE STRICT AS $$
	SELECT g, regexp_instr(body, pat, lo, k, 0, flags), regexp_substr(body, pat, lo, k, flags)
	FROM (SELECT regexp_count(body, pat, lo, flags) AS n) c,
		generate_series(0, least(c.n, most) - 1) g,
		LATERAL (SELECT 1 + (g * c.n) / least(c.n, most) AS k) x
$$;

-- d with the text tok found at s replaced by r
CREATE FUNCTION mutation.replaced(d text, s integer, tok text, r text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
	SELECT substr(d, 1, s - 1) || r || substr(d, s + length(tok))
$$;

-- the copies of one document: up to `most` numbers of parts 二 to 四, evenly spread, each emptied and dropped
CREATE FUNCTION mutation.copies(d text, most integer) RETURNS TABLE(kind text, copy text)
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	num constant text := '[0-9０-９]+(?:[.,][0-9０-９]+)*';
	cell constant text := '<td[^<>]*>([[:space:]]|<[^<>]*>)*[0-9]+([[:space:]]|<[^<>]*>)*</td>';
	lab constant text := '^[ \t　]*([一二三四五六七八九十]{1,3}[、，,.．]|[（(][一二三四五六七八九十]{1,3}[)）]|[0-9]{1,2}[.．、])[ \t　]*[^0-9 \t\n]';
	hdr constant text := E'                                  申请人情况\n'
		|| E'                                      法人或其他组织\n'
		|| E'  （本列数据的勾稽关系为：第一项加第二项之     自然人   商业企业   科研机构   社会公益组织   法律服务机构   其他   总计\n'
		|| E'  和，等于第三项加第四项之和）\n';
	tr constant text := '<tr[^<>]*?>.*?</tr>';
	lo integer := coalesce(nullif(regexp_instr(d, '二[、，,.．][[:space:]]*主[动動]公[开開]'), 0), 1);
	hi integer := nullif(regexp_instr(d, '五[、，,.．][[:space:]]*(政府信息公[开開]|存在)', lo), 0);
	body text;
	i integer;
	s integer;
	w text;
	e integer;
	tok text;
	ls integer;
	le integer;
BEGIN
	body := substr(d, 1, coalesce(hi - 1, length(d)));
	FOR i, s, tok IN SELECT * FROM mutation.picks(body, num, lo, most, '') LOOP
		e := s + length(tok);
		-- a year, a date, a numbering or a count in the narrative: not a cell
		CONTINUE WHEN substr(d, e, 1) IN ('年', '月', '日', '号', '號', '项', '項', '条', '條', '.', '、')
			OR substr(d, s - 1, 1) ~ '[.,0-9０-９]'
			-- digits of one number printed in several HTML elements (<span>1</span><span>35</span>)
			OR substr(d, e, 200) ~* '^(</?(span|font|b|i|em|strong|u|a)([[:space:]][^<>]*)?>)+[0-9０-９]'
			OR substr(d, greatest(s - 200, 1), s - greatest(s - 200, 1)) ~* '[0-9０-９](</?(span|font|b|i|em|strong|u|a)([[:space:]][^<>]*)?>)+$';
		kind := 'blank@' || s;
		copy := substr(d, 1, s - 1) || substr(d, e);
		RETURN NEXT;
		-- the line of the number: dropped with it when the number is alone on it
		ls := s - position(E'\n' IN reverse(substr(d, 1, s - 1)));
		le := position(E'\n' IN substr(d, e));
		le := CASE WHEN le = 0 THEN length(d) + 1 ELSE e + le - 1 END;
		-- the number misread as letters by the copy: 0 as O, 1 as l (10 -> lO)
		IF tok ~ '[01]' THEN
			kind := 'ocr@' || s;
			copy := substr(d, 1, s - 1) || translate(tok, '01', 'Ol') || substr(d, e);
			RETURN NEXT;
		END IF;
		-- the digits of a number spaced by the copy (1 6 for 16)
		IF tok ~ '^[0-9]{2,}$' THEN
			kind := 'digit-spaced@' || s;
			copy := substr(d, 1, s) || ' ' || substr(d, s + 1);
			RETURN NEXT;
		END IF;
		-- a footnote mark after the number (12*, 12①), before any unit
		kind := 'mark@' || s;
		copy := substr(d, 1, e - 1) || CASE WHEN i % 2 = 0 THEN '*' ELSE '①' END || substr(d, e);
		RETURN NEXT;
		kind := 'drop@' || s;
		IF btrim(substr(d, ls + 1, le - ls - 1), E' \t\r') = tok THEN
			copy := substr(d, 1, ls) || substr(d, le + 1);
		ELSE
			copy := substr(d, 1, s - 1) || substr(d, e + length(substring(substr(d, e) FROM '^[ \t|｜]*')));
		END IF;
		RETURN NEXT;
	END LOOP;
	-- a line that starts with a row's numbering lost whole (its label, and its values when it holds them)
	FOR i, s, tok IN SELECT * FROM mutation.picks(body, lab, lo, most, 'n') LOOP
		le := position(E'\n' IN substr(d, s));
		kind := 'line-lost@' || s;
		copy := substr(d, 1, s - 1) || CASE WHEN le = 0 THEN '' ELSE substr(d, s + le) END;
		RETURN NEXT;
		-- the line printed twice (an extractor repeating a line)
		IF le > 0 THEN
			kind := 'line-doubled@' || s;
			copy := substr(d, 1, s + le - 1) || substr(d, s);
			RETURN NEXT;
		END IF;
		-- the label wrapped onto a second line in its middle, the values (if any) after the second part
		w := substring(substr(d, s, CASE WHEN le = 0 THEN length(d) + 1 - s ELSE le - 1 END) FROM '^[ \t　]*[^ \t|0-9０-９]+');
		IF char_length(btrim(w)) >= 8 THEN
			kind := 'label-wrapped@' || s;
			-- the second line keeps the columns of the values (a CJK character is two columns wide)
			w := left(w, char_length(w) / 2 + 1);
			copy := substr(d, 1, s - 1) || w || E'\n'
				|| repeat(' ', char_length(w) + char_length(regexp_replace(w, '[\x01-\x7f]', '', 'g')))
				|| substr(d, s + char_length(w));
			RETURN NEXT;
		END IF;
		-- a unit after the label: （件）
		w := substring(substr(d, s) FROM '^[^0-9 \t\n|]+');
		kind := 'label-unit@' || s;
		copy := substr(d, 1, s + char_length(w) - 1) || '（件）' || substr(d, s + char_length(w));
		RETURN NEXT;
		-- the label garbled after its numbering (a typo beyond any known variant)
		kind := 'label-garbled@' || s;
		copy := substr(d, 1, s - 1) || left(tok, -1) || '某某某某' || substr(d, s + length(tok) + 3);
		RETURN NEXT;
	END LOOP;
	-- a page break of a PDF copy at the start of a line: a footer (- 7 -, or a bare 7) and a form feed
	IF d !~* '<td' THEN
		FOR i, s, tok IN SELECT p.i, p.s + 1, p.tok FROM mutation.picks(body, E'\n', lo, most / 2, '') p LOOP
			kind := 'page-dash@' || s;
			copy := substr(d, 1, s - 1) || E'- 7 -\n\f' || substr(d, s);
			RETURN NEXT;
			kind := 'page-bare@' || s;
			copy := substr(d, 1, s - 1) || E'7\n\f' || substr(d, s);
			RETURN NEXT;
			-- inside table 三, the new page repeating the table's column headers (F4 copies do)
			CONTINUE WHEN s < coalesce(nullif(regexp_instr(d, '三[、，,.．][[:space:]]*收到和处理'), 0), length(d) + 1)
				OR s > coalesce(nullif(regexp_instr(d, '四[、，,.．][[:space:]]*政府信息公开行政复议'), 0), 0);
			kind := 'page-header@' || s;
			copy := substr(d, 1, s - 1) || E'- 7 -\n\f' || hdr || substr(d, s);
			RETURN NEXT;
		END LOOP;
	END IF;
	IF d ~* '<td' THEN
		-- an HTML cell holding a number lost whole, or its number written &nbsp;
		FOR i, s, tok IN SELECT * FROM mutation.picks(body, cell, lo, most / 4, 'i') LOOP
			kind := 'cell-lost@' || s;
			copy := mutation.replaced(d, s, tok, '');
			RETURN NEXT;
			kind := 'cell-nbsp@' || s;
			copy := mutation.replaced(d, s, tok, regexp_replace(tok, '[0-9]+', '&nbsp;'));
			RETURN NEXT;
		END LOOP;
		-- a table row lost whole, and its first cell (the label, or a group label spanning rows) garbled
		FOR i, s, tok IN SELECT * FROM mutation.picks(body, tr, lo, most / 2, 'i') LOOP
			kind := 'tr-lost@' || s;
			copy := mutation.replaced(d, s, tok, '');
			RETURN NEXT;
			kind := 'td-garbled@' || s;
			copy := mutation.replaced(d, s, tok,
				regexp_replace(tok, '(<t[dh][^<>]*>([[:space:]]|<[^<>]*>)*)[^<>0-9[:space:]]{3}', '\1某某某', 'i'));
			RETURN NEXT;
		END LOOP;
	END IF;
END
$$;

-- the copies of a crawler's dump (F6, the body on one line): each label of table 三 lost, or garbled
-- after its numbering (not the heading of part 四: a lost heading leaves "...72010111、行政诉讼情况",
-- whose last digit reads as the numbering 1、 just as well)
CREATE FUNCTION mutation.run_copies(d text) RETURNS TABLE(kind text, copy text)
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	lab constant text := '(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|[1-9][.．])[^0-9（(、.]{2,60}';
	lo integer := coalesce(nullif(regexp_instr(d, '三[、，,.．][[:space:]]*收到和处理'), 0), 1);
	i integer;
	s integer;
	tok text;
BEGIN
	FOR i, s, tok IN SELECT * FROM mutation.picks(d, lab, lo, 1000, '') LOOP
		CONTINUE WHEN tok ~ '^四、政府信息公开行政复议';
		kind := 'run-label-lost@' || s;
		copy := mutation.replaced(d, s, tok, '');
		RETURN NEXT;
		kind := 'run-label-garbled@' || s;
		copy := mutation.replaced(d, s, tok, regexp_replace(tok, '^([^、)）.．]+[、)）.．])...', '\1某某某'));
		RETURN NEXT;
	END LOOP;
END
$$;

-- the cells of the three tables of a parse, keyed part:row:column, blanks included
CREATE FUNCTION mutation.cells(p govinfo.parsed_report) RETURNS TABLE(cell text, v text)
LANGUAGE sql IMMUTABLE AS $$
	SELECT '三:' || r.key || ':' || c.i, c.x #>> '{}'
	FROM jsonb_each(govinfo.to_jsonb(p.requests)) r, jsonb_array_elements(r.value) WITH ORDINALITY c(x, i)
	WHERE jsonb_typeof(r.value) = 'array'
	UNION ALL
	SELECT '四:' || c.i, c.x #>> '{}'
	FROM jsonb_array_elements(govinfo.to_jsonb(p.appeals)) WITH ORDINALITY c(x, i)
	UNION ALL
	SELECT '二:' || r.key || ':' || c.key, c.value #>> '{}'
	FROM jsonb_each(govinfo.to_jsonb(p.disclosures)) r, jsonb_each(r.value) c
	WHERE jsonb_typeof(r.value) = 'object'
$$;

-- each copy and the cells in which it holds a number the whole document's parse does not hold there
CREATE FUNCTION mutation.faults(most integer) RETURNS TABLE(name text, kind text, faults text)
LANGUAGE sql AS $$
	WITH w AS (SELECT d.name, d.doc, govinfo.parse_report(d.doc) AS p FROM mutation.doc d),
	c AS (SELECT w.name, w.p AS whole, m.kind, govinfo.parse_report(m.copy) AS p
	      FROM w, mutation.copies(w.doc, most) m
	      WHERE ((w.p).layout <> 'F6' AND w.name NOT LIKE 'F6/%' OR m.kind LIKE 'ocr@%' OR m.kind LIKE 'mark@%')
	        AND NOT (((w.p).layout = 'F4' OR w.name LIKE 'F4/%') AND m.kind LIKE 'drop@%')
	      UNION ALL
	      SELECT w.name, w.p, m.kind, govinfo.parse_report(m.copy)
	      FROM w, mutation.run_copies(w.doc) m
	      WHERE (w.p).layout = 'F6' OR w.name LIKE 'F6/%')
	SELECT c.name, c.kind,
		(SELECT string_agg(format('%s %s->%s', x.cell, coalesce(o.v, 'blank'), x.v), ', ' ORDER BY x.cell)
		 FROM mutation.cells(c.p) x LEFT JOIN mutation.cells(c.whole) o ON o.cell = x.cell
		 WHERE x.v IS NOT NULL AND x.v IS DISTINCT FROM o.v)
	FROM c
$$;
