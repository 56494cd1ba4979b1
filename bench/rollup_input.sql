-- The input of the sum() measurement (bench/measure.sh measurement 5, bench/stored.sh part 2): 100,000
-- request_figures, the derived table 三 of 2021-2025 of the agencies in turn, with each one's county and city,
-- and bench.q_rollup, the roll-up queries over it (govinfo.sum or the integer sum of row 1's total).
CREATE TABLE bench.rollup_input AS
WITH d AS (
	SELECT y AS year, r.agency_id, r.requests FROM generate_series(2021, 2025) y, LATERAL govinfo.derived_reports(y) r),
z AS (SELECT y AS year, (SELECT govinfo.request_figures_agg(s.y, NULL, NULL, NULL, NULL) FROM (SELECT y) s) AS zero
      FROM generate_series(2021, 2025) y),
n AS (SELECT count(*) AS n FROM bench.agency_plan)
SELECT i, p.k AS agency_id, z.year,
	CASE WHEN p.tier IN ('county_dept', 'township') THEN 547 + p.county_no WHEN p.tier = 'county' THEN p.k END AS county_id,
	CASE WHEN p.tier = 'city' THEN p.k WHEN p.city_no IS NOT NULL THEN 41 + p.city_no END AS city_id,
	coalesce(d.requests, z.zero) AS requests,
	govinfo.cell(coalesce(d.requests, z.zero), '1', 'total') AS n
FROM generate_series(1, 100000) i CROSS JOIN n
JOIN bench.agency_plan p ON p.k = (i - 1) % n.n + 1
JOIN z ON z.year = 2021 + ((i - 1) / n.n) % 5
LEFT JOIN d ON d.agency_id = p.k AND d.year = z.year
ORDER BY i;
VACUUM ANALYZE bench.rollup_input;
CREATE FUNCTION bench.q_rollup(agg text, col text, two_level boolean) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN CASE WHEN two_level THEN
		format('WITH county AS (SELECT county_id, city_id, year, %1$s(%2$s) AS f FROM bench.rollup_input GROUP BY county_id, city_id, year) '
		       'SELECT city_id, year, %1$s(f) AS f FROM county GROUP BY city_id, year', agg, col)
	ELSE format('SELECT year, %1$s(%2$s) AS f FROM bench.rollup_input GROUP BY year', agg, col) END;
