-- govinfo benchmark: a deterministic generator of realistic records.
--
--   psql -v seed=1 -v agencies=20000 -v scale=1 -f bench/generate.sql
--
-- Every random choice is a hash of a row key and the seed (bench.u below), not random(): the data
-- is the same whatever the plan, the order of evaluation or the number of workers.  setseed() is
-- still called for anything that would use random().
--
-- Shape (default 20,000 agencies, 2,000,000 × scale applications over 2019–2025):
--   1 province government and 40 province departments; 11 cities, each with a government and
--   45 departments; 170 counties; the remaining agencies are county departments (40 %) and
--   townships (60 %), each under a county drawn by hash.
--   Load per agency is heavy-tailed: a base rate by tier times a Pareto factor; the largest city
--   department (the capital's natural resources bureau) takes 10,000+ applications a year, most
--   townships 0–20.  Applications are inserted month by month in received_on order, so rows of
--   all agencies are interleaved in the heap.  The data is a snapshot as of 2026-01-31, when the
--   2025 reports are compiled: an application not closed by then is open.
\set ON_ERROR_STOP 1
\set QUIET 1
SET client_min_messages = warning;
SET search_path = public, govinfo;  -- the operators of govinfo.applicant and govinfo.outcome
SELECT setseed(((:seed % 1000) / 1000.0)::float8) \g /dev/null

DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

-- a uniform number in [0, 1) from a key and a salt: 53 bits of hashint8extended(key, seed-salt)
CREATE FUNCTION bench.u(k bigint, salt integer) RETURNS double precision
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN (hashint8extended(k, salt::bigint * 1000003 + :seed) & 9007199254740991)::float8 / 9007199254740992.0;

-- a Pareto(alpha) factor >= 1 from a uniform number, capped
CREATE FUNCTION bench.pareto(u double precision, alpha double precision, cap double precision)
	RETURNS double precision
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN least(cap, power(1.0 - u, -1.0 / alpha));

CREATE TABLE bench.params AS
SELECT :seed::integer AS seed, :agencies::integer AS agencies, :scale::numeric AS scale,
	round(2000000 * :scale::numeric)::bigint AS target_applications,
	date '2026-01-31' AS as_of;

DO $$
BEGIN
	IF (SELECT agencies FROM bench.params) < 1000 THEN
		RAISE EXCEPTION 'BENCH_AGENCIES must be at least 1000 (1 province, 11 cities, 170 counties and their departments)';
	END IF;
END
$$;

--------------------------------------------------------------------------
-- Agencies
--------------------------------------------------------------------------
-- k = 1 province; 2..41 province departments; 42..52 cities; 53..547 city departments
-- (45 per city); 548..717 counties; 718..N county departments and townships
CREATE TABLE bench.agency_plan AS
WITH k AS (SELECT k FROM generate_series(1, (SELECT agencies FROM bench.params)) k),
t AS (
	SELECT k,
		CASE WHEN k = 1 THEN 'province'
		     WHEN k <= 41 THEN 'province_dept'
		     WHEN k <= 52 THEN 'city'
		     WHEN k <= 547 THEN 'city_dept'
		     WHEN k <= 717 THEN 'county'
		     WHEN bench.u(k, 2) < 0.4 THEN 'county_dept'
		     ELSE 'township' END AS tier,
		CASE WHEN k BETWEEN 53 AND 547 THEN (k - 53) % 11 + 1
		     WHEN k BETWEEN 548 AND 717 THEN 1 + ((k - 548) * 11) / 170 END AS city_no,
		CASE WHEN k BETWEEN 548 AND 717 THEN k - 547
		     WHEN k >= 718 THEN 1 + floor(170 * power(bench.u(k, 1), 1.3))::integer END AS county_no,
		CASE WHEN k BETWEEN 53 AND 547 THEN (k - 53) / 11 + 1 END AS dept_no
	FROM k)
SELECT k, tier,
	CASE tier WHEN 'province' THEN NULL
	          WHEN 'province_dept' THEN 1
	          WHEN 'city' THEN 1
	          WHEN 'city_dept' THEN 41 + city_no
	          WHEN 'county' THEN 41 + city_no
	          ELSE 547 + county_no END AS parent_k,
	CASE tier WHEN 'city' THEN k - 41 WHEN 'county' THEN city_no WHEN 'city_dept' THEN city_no
	          WHEN 'county_dept' THEN 1 + ((county_no - 1) * 11) / 170
	          WHEN 'township' THEN 1 + ((county_no - 1) * 11) / 170 END AS city_no,
	county_no, dept_no
FROM t;

INSERT INTO govinfo.agency (agency_id, code, name, parent_id, region_code, level)
SELECT p.k,
	CASE p.tier WHEN 'province' THEN 'prov'
	            WHEN 'province_dept' THEN format('prov-d%s', lpad((p.k - 1)::text, 2, '0'))
	            WHEN 'city' THEN format('city%s', lpad(p.city_no::text, 2, '0'))
	            WHEN 'city_dept' THEN format('city%s-d%s', lpad(p.city_no::text, 2, '0'), lpad(p.dept_no::text, 2, '0'))
	            WHEN 'county' THEN format('cnty%s', lpad(p.county_no::text, 3, '0'))
	            WHEN 'county_dept' THEN format('cnty%s-d%s', lpad(p.county_no::text, 3, '0'), p.k)
	            ELSE format('cnty%s-t%s', lpad(p.county_no::text, 3, '0'), p.k) END,
	CASE p.tier WHEN 'province' THEN '某省人民政府'
	            WHEN 'province_dept' THEN format('某省第%s厅', p.k - 1)
	            WHEN 'city' THEN format('第%s市人民政府', p.city_no)
	            WHEN 'city_dept' THEN format('第%s市第%s局', p.city_no, p.dept_no)
	            WHEN 'county' THEN format('第%s县人民政府', p.county_no)
	            WHEN 'county_dept' THEN format('第%s县第%s局', p.county_no, p.k)
	            ELSE format('第%s县第%s镇人民政府', p.county_no, p.k) END,
	p.parent_k,
	CASE WHEN p.tier IN ('province', 'province_dept') THEN '440000'
	     WHEN p.tier IN ('city', 'city_dept') THEN format('44%s00', lpad(p.city_no::text, 2, '0'))
	     ELSE format('44%s%s', lpad(p.city_no::text, 2, '0'), lpad(p.county_no::text, 2, '0')) END,
	CASE p.tier WHEN 'province_dept' THEN 'department' WHEN 'city_dept' THEN 'department'
	            WHEN 'county_dept' THEN 'department' ELSE p.tier END
FROM bench.agency_plan p
ORDER BY p.k;
SELECT setval(pg_get_serial_sequence('govinfo.agency', 'agency_id'), (SELECT max(agency_id) FROM govinfo.agency)) \g /dev/null

-- expected applications per year before scaling: a base rate by tier times a Pareto factor
CREATE TABLE bench.agency_rate AS
SELECT p.k AS agency_id, p.tier,
	CASE WHEN p.k = 53 THEN 16000.0                       -- the capital's natural resources bureau
	     WHEN p.k BETWEEN 53 AND 63 THEN 1500.0 * bench.pareto(bench.u(p.k, 3), 1.2, 4)  -- the capital's big bureaus
	     ELSE CASE p.tier
	          WHEN 'province' THEN 3000.0
	          WHEN 'province_dept' THEN 250.0 * bench.pareto(bench.u(p.k, 3), 1.1, 30)
	          WHEN 'city' THEN 700.0 * bench.pareto(bench.u(p.k, 3), 2.0, 5)
	          WHEN 'city_dept' THEN 40.0 * bench.pareto(bench.u(p.k, 3), 1.0, 150)
	          WHEN 'county' THEN 100.0 * bench.pareto(bench.u(p.k, 3), 1.5, 10)
	          WHEN 'county_dept' THEN 4.0 * bench.pareto(bench.u(p.k, 3), 1.1, 200)
	          ELSE 2.0 * bench.pareto(bench.u(p.k, 3), 1.3, 40) END
	END AS base_rate
FROM bench.agency_plan p;

-- year and month factors (growth to 2021, 春节 in February, a December rush)
CREATE TABLE bench.months AS
SELECT row_number() OVER (ORDER BY m)::integer AS midx, m::date AS first_day,
	(m + interval '1 month')::date AS next_first,
	(ARRAY[0.80, 0.90, 1.10, 1.05, 1.00, 1.00, 0.95])[extract(year FROM m)::integer - 2018]
	* (ARRAY[1.00, 0.70, 1.05, 1.05, 1.00, 1.00, 1.00, 0.95, 1.00, 0.90, 1.05, 1.10])[extract(month FROM m)::integer]
	* ((m + interval '1 month')::date - m::date)
	/ (make_date(extract(year FROM m)::integer + 1, 1, 1) - make_date(extract(year FROM m)::integer, 1, 1))::float8 AS factor
FROM generate_series(date '2019-01-01', date '2025-12-01', interval '1 month') m;

-- scale the rates so that the expected total is the target
ALTER TABLE bench.agency_rate ADD COLUMN rate double precision;
UPDATE bench.agency_rate SET rate = base_rate * (SELECT target_applications FROM bench.params)
	/ ((SELECT sum(base_rate) FROM bench.agency_rate) * (SELECT sum(factor) FROM bench.months));
CREATE INDEX ON bench.agency_rate (agency_id);
ANALYZE bench.agency_rate;

--------------------------------------------------------------------------
-- Applications, month by month in received_on order
--------------------------------------------------------------------------
CREATE TABLE bench.outcome_mix (lo double precision, hi double precision, outcome govinfo.outcome);
INSERT INTO bench.outcome_mix
SELECT coalesce(sum(w) OVER (ORDER BY o ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) / sum(w) OVER (),
	sum(w) OVER (ORDER BY o) / sum(w) OVER (), c::govinfo.outcome
FROM (VALUES (1, '3.1', 38.0), (2, '3.2', 8.0), (3, '3.3.1', 0.3), (4, '3.3.2', 0.5), (5, '3.3.3', 0.4),
             (6, '3.3.4', 1.0), (7, '3.3.5', 1.5), (8, '3.3.6', 1.6), (9, '3.3.7', 0.8), (10, '3.3.8', 1.2),
             (11, '3.4.1', 20.0), (12, '3.4.2', 3.0), (13, '3.4.3', 2.8), (14, '3.5.1', 4.0), (15, '3.5.2', 3.0),
             (16, '3.5.3', 0.3), (17, '3.5.4', 0.8), (18, '3.5.5', 0.6), (19, '3.6.1', 3.0), (20, '3.6.2', 0.2),
             (21, '3.6.3', 8.0)) v(o, c, w);


-- one month's applications, one INSERT (a live system's monthly load)
CREATE PROCEDURE bench.generate_month(month_index integer)
	LANGUAGE plpgsql
AS $$
DECLARE
	mo record;
	n bigint;
	as_of date := (SELECT as_of FROM bench.params);
	-- outcome = codes[width_bucket(u, lows)]: a binary search, no subquery per row
	lows double precision[] := (SELECT array_agg(lo ORDER BY lo) FROM bench.outcome_mix);
	codes govinfo.outcome[] := (SELECT array_agg(outcome ORDER BY lo) FROM bench.outcome_mix);
BEGIN
	FOR mo IN SELECT * FROM bench.months WHERE midx = month_index LOOP
		INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on, channel,
			subject, corrected_on, extended, fee_yuan)
		SELECT agency_id, received_on, applicant,
			CASE WHEN closed_on <= as_of THEN outcome END,
			CASE WHEN closed_on <= as_of THEN closed_on END,
			channel, subject,
			CASE WHEN corrected THEN received_on + least(closed_on - received_on, floor(bench.u(key, 20) * 10)::integer) END,
			days > 28,
			CASE WHEN closed_on <= as_of AND outcome IN ('3.1', '3.2') AND bench.u(key, 21) < 0.004
			     THEN round((20 + 2000 * bench.u(key, 22))::numeric, 2) END
		FROM (
			SELECT r.*,
				CASE WHEN r.days > 28 OR r.received_on + r.days < make_date(extract(year FROM r.received_on)::integer + 1, 1, 1)
				       OR bench.u(r.key, 13) < 0.15
				     THEN r.received_on + r.days
				     -- 年底清零: most agencies close what they can before 31 December
				     ELSE greatest(r.received_on, make_date(extract(year FROM r.received_on)::integer, 12, 31)
				                                  - floor(bench.u(r.key, 14) * 3)::integer) END AS closed_on
			FROM (
				SELECT x.*,
					x.first_day + floor(bench.u(x.key, 10) * (x.next_first - x.first_day))::integer AS received_on,
					CASE WHEN ua < 0.90 THEN 'np' WHEN ua < 0.945 THEN 'biz' WHEN ua < 0.95 THEN 'res'
					     WHEN ua < 0.965 THEN 'npo' WHEN ua < 0.99 THEN 'law' ELSE 'oth' END::govinfo.applicant AS applicant,
					codes[width_bucket(bench.u(x.key, 12), lows)] AS outcome,
					CASE WHEN up < 0.35 THEN 1 + floor(bench.u(x.key, 16) * 7)
					     WHEN up < 0.80 THEN 8 + floor(bench.u(x.key, 16) * 13)
					     WHEN up < 0.95 THEN 21 + floor(bench.u(x.key, 16) * 8)
					     WHEN up < 0.995 THEN 29 + floor(bench.u(x.key, 16) * 32)
					     ELSE 61 + floor(bench.u(x.key, 16) * 300) END::integer AS days,
					CASE WHEN uc < 0.62 THEN 'online' WHEN uc < 0.84 THEN 'letter' WHEN uc < 0.96 THEN 'in_person'
					     WHEN uc < 0.97 THEN 'fax' ELSE 'other' END AS channel,
					'申请公开' || (ARRAY['征地补偿安置方案', '房屋征收决定及补偿方案', '行政处罚决定书', '财政预算执行情况',
					                     '建设工程规划许可证', '环境影响评价文件', '会议纪要', '信访事项处理意见',
					                     '国有土地使用权出让合同', '拆迁补偿协议', '招标投标文件', '统计数据',
					                     '城市总体规划', '营业执照登记信息', '执法检查记录', '项目立项批复'])[1 + floor(bench.u(x.key, 18) * 16)::integer]
						|| '（' || x.agency_id || '-' || x.j || '）' AS subject,
					bench.u(x.key, 19) < 0.06 AS corrected
				FROM (
					SELECT a.agency_id, g.j, mo.first_day, mo.next_first,
						(mo.midx::bigint * 2000003 + a.agency_id) * 1000003 + g.j AS key,
						bench.u((mo.midx::bigint * 2000003 + a.agency_id) * 1000003 + g.j, 11) AS ua,
						bench.u((mo.midx::bigint * 2000003 + a.agency_id) * 1000003 + g.j, 15) AS up,
						bench.u((mo.midx::bigint * 2000003 + a.agency_id) * 1000003 + g.j, 17) AS uc
					FROM bench.agency_rate a,
						generate_series(1, floor(a.rate * mo.factor + bench.u(mo.midx::bigint * 2000003 + a.agency_id, 9))::integer) g(j)
				) x
			) r
		) s
		ORDER BY received_on, bench.u(key, 23);
		GET DIAGNOSTICS n = ROW_COUNT;
		IF extract(month FROM mo.first_day) = 12 THEN
			RAISE WARNING 'bench: applications of % generated (last month: % rows)', extract(year FROM mo.first_day), n;
		END IF;
	END LOOP;
END
$$;
-- month by month, each its own transaction; between two months the application tally is vacuumed,
-- as autovacuum does between a live system's loads (it is set to run at 5 % dead rows): the tally's
-- merged deltas leave dead rows whose space the next months reuse. Loading 84 months in half a minute
-- without it leaves the table about 7 times its live size (bench/RESULTS.md, measurement 7)
-- (psql -v tally_vacuum=off: without). \gexec runs each column as its own statement; NULL is skipped
\if :{?tally_vacuum}
\else
\set tally_vacuum on
\endif
SELECT format('CALL bench.generate_month(%s)', midx),
	CASE WHEN :'tally_vacuum' = 'on' THEN 'VACUUM govinfo.application_tally' END
FROM bench.months ORDER BY midx \gexec

--------------------------------------------------------------------------
-- Appeal cases (about 1 per 200 applications, mostly against refusals), documents, decisions, fees
--------------------------------------------------------------------------
INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on, result, concluded_on)
SELECT agency_id, kind, filed_on,
	CASE WHEN concluded_on <= as_of THEN
		CASE WHEN ur < 0.70 THEN 'upheld' WHEN ur < 0.85 THEN 'corrected' ELSE 'other' END END,
	CASE WHEN concluded_on <= as_of THEN concluded_on END
FROM (
	SELECT a.agency_id, p.as_of,
		CASE WHEN bench.u(a.application_id, 31) < 0.65 THEN 'review'
		     WHEN bench.u(a.application_id, 31) < 0.90 THEN 'suit' ELSE 'suit_after_review' END AS kind,
		a.closed_on + 5 + floor(bench.u(a.application_id, 32) * 55)::integer AS filed_on,
		a.closed_on + 5 + floor(bench.u(a.application_id, 32) * 55)::integer
			+ CASE WHEN bench.u(a.application_id, 31) < 0.65 THEN 30 + floor(bench.u(a.application_id, 33) * 60)
			       ELSE 60 + floor(bench.u(a.application_id, 33) * 300) END::integer AS concluded_on,
		bench.u(a.application_id, 34) AS ur
	FROM govinfo.application a, bench.params p
	WHERE a.closed_on IS NOT NULL
	  AND bench.u(a.application_id, 30) < CASE WHEN a.outcome = '3.1' THEN 0.0015 ELSE 0.0075 END
) c
WHERE filed_on <= as_of
ORDER BY filed_on, agency_id;

INSERT INTO govinfo.normative_document (agency_id, kind, title, doc_number, issued_on, abolished_on)
SELECT agency_id, kind, title, doc_number, issued_on,
	CASE WHEN abolished_on <= (SELECT as_of FROM bench.params) THEN abolished_on END
FROM (
	SELECT r.agency_id,
		CASE WHEN r.tier IN ('province', 'city') AND bench.u(key, 41) < 0.3 THEN 'rule' ELSE 'normative' END AS kind,
		format('关于印发第%s号管理办法的通知', j) AS title,
		format('%s〔%s〕%s号', r.agency_id, y, j) AS doc_number,
		make_date(y, 1, 1) + floor(bench.u(key, 42) * 365)::integer AS issued_on,
		CASE WHEN bench.u(key, 43) < 0.15
		     THEN make_date(y, 1, 1) + floor(bench.u(key, 42) * 365)::integer + 30 + floor(bench.u(key, 44) * 1800)::integer END AS abolished_on
	FROM bench.agency_rate r, bench.params p, generate_series(2019, 2025) y,
		LATERAL generate_series(1, floor(p.scale * CASE r.tier WHEN 'province' THEN 20 WHEN 'province_dept' THEN 8
			WHEN 'city' THEN 10 WHEN 'city_dept' THEN 3 WHEN 'county' THEN 5 WHEN 'county_dept' THEN 1 ELSE 0.3 END
			+ bench.u(r.agency_id::bigint * 10000 + y, 40))::integer) j,
		LATERAL (SELECT (r.agency_id::bigint * 10000 + y) * 1000 + j AS key) kk
) d
ORDER BY issued_on, agency_id;

-- a day's batch of decisions per application-day sample (about 1 row per 4 applications)
INSERT INTO govinfo.decision_count (agency_id, kind, decided_on, n)
SELECT a.agency_id,
	CASE WHEN bench.u(a.application_id, 51) < 0.6 THEN 'licensing'
	     WHEN bench.u(a.application_id, 51) < 0.95 THEN 'penalty' ELSE 'coercion' END,
	a.received_on,
	floor(bench.pareto(bench.u(a.application_id, 52), 1.2, 500))::integer
FROM govinfo.application a
WHERE bench.u(a.application_id, 50) < 0.25
ORDER BY a.received_on, a.application_id;

INSERT INTO govinfo.fee_receipt (agency_id, received_on, amount_yuan)
SELECT a.agency_id, a.received_on, round((10 + 4990 * power(bench.u(a.application_id, 61), 3))::numeric, 2)
FROM govinfo.application a
WHERE bench.u(a.application_id, 60) < 0.01
ORDER BY a.received_on, a.application_id;

VACUUM (ANALYZE) govinfo.agency, govinfo.application, govinfo.application_tally, govinfo.appeal_case,
	govinfo.normative_document, govinfo.decision_count, govinfo.fee_receipt;
