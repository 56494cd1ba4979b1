-- The one catalog (src/catalog.c, seen through row_catalog/column_catalog) equals the published
-- format data kept in doc/report-format.json: every code, official label, English name and kind.
\set spec `cat doc/report-format.json`
BEGIN;
SELECT plan(12);
CREATE TEMP TABLE spec AS SELECT (:'spec'::jsonb) -> 'formats' AS f;

SELECT results_eq(
	$$ SELECT code, label_zh, label_en, kind, parent_code FROM govinfo.row_catalog('2021') WHERE part = 3 ORDER BY ord $$,
	$$ SELECT r->>'code', r->>'label', r->>'en', r->>'kind', r->>'parent'
	   FROM spec, jsonb_array_elements(f->'2021'->'part3'->'rows') WITH ORDINALITY AS x(r, n) ORDER BY n $$,
	'table 三 rows of the 2021 format match the spec, in order');
SELECT results_eq(
	$$ SELECT code, label_zh, label_en, kind, parent_code FROM govinfo.row_catalog('2019') WHERE part = 3 ORDER BY ord $$,
	$$ SELECT r->>'code', r->>'label', r->>'en', r->>'kind', r->>'parent'
	   FROM spec, jsonb_array_elements(f->'2019'->'part3'->'rows') WITH ORDINALITY AS x(r, n) ORDER BY n $$,
	'table 三 rows of the 2019 format match the spec, in order');
SELECT results_eq(
	$$ SELECT code, label_zh, label_en, group_zh FROM govinfo.column_catalog('2021') WHERE part = 3 ORDER BY ord $$,
	$$ SELECT c->>'code', c->>'label', c->>'en', c->>'group'
	   FROM spec, jsonb_array_elements(f->'2021'->'part3'->'columns') WITH ORDINALITY AS x(c, n) ORDER BY n $$,
	'table 三 columns match the spec');
SELECT results_eq(
	$$ SELECT code, label_zh, label_en, group_zh FROM govinfo.column_catalog('2021') WHERE part = 4 ORDER BY ord $$,
	$$ SELECT c->>'code', c->>'label', c->>'en', c->>'group'
	   FROM spec, jsonb_array_elements(f->'2021'->'part4'->'columns') WITH ORDINALITY AS x(c, n) ORDER BY n $$,
	'table 四 columns match the spec');
SELECT results_eq(
	$$ SELECT code, label_zh, label_en, group_zh FROM govinfo.column_catalog('2019') WHERE part = 4 ORDER BY ord $$,
	$$ SELECT c->>'code', c->>'label', c->>'en', c->>'group'
	   FROM spec, jsonb_array_elements(f->'2019'->'part4'->'columns') WITH ORDINALITY AS x(c, n) ORDER BY n $$,
	'table 四 columns of the 2019 format match the spec');
SELECT results_eq(
	$$ SELECT code, label_zh, coalesce(parent_code, '') FROM govinfo.row_catalog('2021') WHERE part = 2 ORDER BY ord $$,
	$$ SELECT code, label, parent FROM (
	     SELECT b->>'code' AS code, b->>'label' AS label, '' AS parent, bn, 0 AS rn
	     FROM spec, jsonb_array_elements(f->'2021'->'part2'->'blocks') WITH ORDINALITY AS x(b, bn)
	     UNION ALL
	     SELECT r->>'code', r->>'label', b->>'code', bn, rn
	     FROM spec, jsonb_array_elements(f->'2021'->'part2'->'blocks') WITH ORDINALITY AS x(b, bn),
	          jsonb_array_elements(b->'rows') WITH ORDINALITY AS y(r, rn)) s ORDER BY bn, rn $$,
	'table 二 blocks and rows of the 2021 format match the spec');
SELECT results_eq(
	$$ SELECT code, label_zh, coalesce(parent_code, '') FROM govinfo.row_catalog('2019') WHERE part = 2 ORDER BY ord $$,
	$$ SELECT code, label, parent FROM (
	     SELECT b->>'code' AS code, b->>'label' AS label, '' AS parent, bn, 0 AS rn
	     FROM spec, jsonb_array_elements(f->'2019'->'part2'->'blocks') WITH ORDINALITY AS x(b, bn)
	     UNION ALL
	     SELECT r->>'code', r->>'label', b->>'code', bn, rn
	     FROM spec, jsonb_array_elements(f->'2019'->'part2'->'blocks') WITH ORDINALITY AS x(b, bn),
	          jsonb_array_elements(b->'rows') WITH ORDINALITY AS y(r, rn)) s ORDER BY bn, rn $$,
	'table 二 blocks and rows of the 2019 format match the spec');
SELECT results_eq(
	$$ SELECT block, code, label_zh FROM govinfo.column_catalog('2021') WHERE part = 2 ORDER BY ord $$,
	$$ SELECT b->>'code', c->>'code', c->>'label'
	   FROM spec, jsonb_array_elements(f->'2021'->'part2'->'blocks') WITH ORDINALITY AS x(b, bn),
	        jsonb_array_elements(b->'columns') WITH ORDINALITY AS y(c, cn) ORDER BY bn, cn $$,
	'table 二 columns of the 2021 format match the spec');
SELECT results_eq(
	$$ SELECT block, code, label_zh FROM govinfo.column_catalog('2019') WHERE part = 2 ORDER BY ord $$,
	$$ SELECT b->>'code', c->>'code', c->>'label'
	   FROM spec, jsonb_array_elements(f->'2019'->'part2'->'blocks') WITH ORDINALITY AS x(b, bn),
	        jsonb_array_elements(b->'columns') WITH ORDINALITY AS y(c, cn) ORDER BY bn, cn $$,
	'table 二 columns of the 2019 format match the spec');
SELECT results_eq(
	$$ SELECT code, label_en FROM govinfo.row_catalog('2021') WHERE part = 2 AND kind = 'data' ORDER BY ord $$,
	$$ SELECT r->>'code', r->>'en'
	   FROM spec, jsonb_array_elements(f->'2021'->'part2'->'blocks') WITH ORDINALITY AS x(b, bn),
	        jsonb_array_elements(b->'rows') WITH ORDINALITY AS y(r, rn) ORDER BY bn, rn $$,
	'table 二 English row names match the spec');
-- the rules named by violations() are the spec's rule ids
SELECT ok((SELECT bool_and(f->'2021'->'part3'->'rules' @> jsonb_build_array(jsonb_build_object('id', id)))
           FROM spec, unnest(ARRAY['P3-BALANCE', 'P3-HANDLED-TOTAL', 'P3-COLUMN-TOTAL']) id),
	'table 三 rule ids exist in the spec');
SELECT ok((SELECT f->'2021'->'part4'->'rules' @> '[{"id": "P4-TOTAL"}]' FROM spec),
	'table 四 rule id exists in the spec');
SELECT * FROM finish();
ROLLBACK;
