-- pgTAP: the input functions of the five types report bad input as soft errors. On PostgreSQL 16
-- and later, pg_input_is_valid() answers false without an exception and pg_input_error_info() gives
-- exactly the SQLSTATE, message, detail and hint of the hard error a cast raises; on 17 and later,
-- COPY ... (ON_ERROR ignore) loads the good rows of a file with bad ones. Those checks are skipped
-- on older servers, where every bad literal is still checked to raise its hard error.
BEGIN;
SET search_path = govinfo, public;
\ir lib/errors.sql
SELECT plan(135);

-- one bad literal per kind of input error, with the SQLSTATE its hard error has
CREATE TEMP TABLE bad_input(ord serial, typ text, lit text, sqlstate text);
INSERT INTO bad_input (typ, lit, sqlstate) VALUES
	('request_figures', '', '22P02'),
	('request_figures', '   ', '22P02'),
	('request_figures', '2018|1:1,0,0,0,0,0,1', '22023'),
	('request_figures', '12345678901234567890|1:1,0,0,0,0,0,1', '22P02'),
	('request_figures', '1:1,0,0,0,0,0,1|', '22P02'),
	('request_figures', '1 1,0,0,0,0,0,1', '22P02'),
	('request_figures', ' :1,0,0,0,0,0,1', '22P02'),
	('request_figures', '9.9:1,0,0,0,0,0,1', '22023'),
	('request_figures', '3:1,0,0,0,0,0,1', '22023'),
	('request_figures', '2019|3.6.1:1,0,0,0,0,0,1', '22023'),
	('request_figures', '1:1,0,0,0,0,0,1|1:1,0,0,0,0,0,1', '22P02'),
	('request_figures', '1:1,0,0', '22P02'),
	('request_figures', '1:1,0,0,0,0,0,1,5', '22P02'),
	('request_figures', '1:-1,0,0,0,0,0,0', '22003'),
	('request_figures', '1:2147483648,0,0,0,0,0,0', '22003'),
	('request_figures', '1:1234567890123456789012,0,0,0,0,0,0', '22003'),
	('request_figures', '1:x,0,0,0,0,0,0', '22P02'),
	('request_figures', '1:1.5,0,0,0,0,0,0', '22P02'),
	('appeal_figures', 'review:1,0,0,0', '22P02'),
	('appeal_figures', 'nowhere:1,0,0,0,1', '22023'),
	('appeal_figures', 'review:1,0,0,0,1|', '22P02'),
	('appeal_figures', '2021|review:1,0,0,0,1', '22P02'),
	('appeal_figures', 'review:1,0,0,0,-1', '22003'),
	('disclosure_figures', '2019|2.5.1:1,0', '22P02'),
	('disclosure_figures', '2.8.1:0.0000001', '22P02'),
	('disclosure_figures', '2.8.1:1000000000000', '22003'),
	('disclosure_figures', '2.8.1:abc', '22P02'),
	('disclosure_figures', '2.8.1:1,2', '22P02'),
	('disclosure_figures', '2.1.1:1,0,x', '22P02'),
	('applicant', 'nobody', '22P02'),
	('applicant', '', '22P02'),
	('applicant', 'total', '22P02'),
	('applicant', '总计', '22P02'),
	('applicant', '科研机_构', '22P02'),
	('applicant', '1.自然人', '22P02'),
	('outcome', '3.9', '22P02'),
	('outcome', '3.3', '22P02'),
	('outcome', '3.7', '22P02'),
	('outcome', '（五）不予处理', '22P02'),
	('outcome', '（二）予以公开', '22P02'),
	('outcome', '（三）2.其他', '22P02'),
	('outcome', 'approved', '22P02');

-- a good literal of each type
CREATE TEMP TABLE good_input(typ text, lit text);
INSERT INTO good_input VALUES ('request_figures', '2019|3.6:1,,,,,,1'), ('appeal_figures', 'review:1,0,0,0,1'),
	('disclosure_figures', '2.8.1:1.5'), ('applicant', '科研机构'), ('outcome', '（三）1.属于国家秘密');

-- every version: each bad literal raises its hard error (42 tests)
SELECT is((pg_temp.err_info(format('SELECT %L::govinfo.%s', lit, typ)))[1], sqlstate,
	format('%s %L raises %s', typ, lit, sqlstate)) FROM bad_input ORDER BY ord;

-- PostgreSQL 16+: soft errors (2 tests per bad literal, 1 per good one, 1 for the cast: 90 tests)
CREATE FUNCTION pg_temp.soft_checks() RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	b record;
	valid boolean;
	info text[];
BEGIN
	IF current_setting('server_version_num')::int < 160000 THEN
		RETURN NEXT skip('pg_input_is_valid() and soft input errors need PostgreSQL 16',
			(SELECT 2 * count(*)::int FROM bad_input) + (SELECT count(*)::int FROM good_input) + 1);
		RETURN;
	END IF;
	FOR b IN SELECT * FROM bad_input ORDER BY ord LOOP
		EXECUTE 'SELECT pg_input_is_valid($1, $2)' INTO valid USING b.lit, 'govinfo.' || b.typ;
		RETURN NEXT is(valid, false, format('pg_input_is_valid(%L, %L) is false', b.lit, b.typ));
		EXECUTE 'SELECT ARRAY[sql_error_code, message, detail, hint] FROM pg_input_error_info($1, $2)'
			INTO info USING b.lit, 'govinfo.' || b.typ;
		RETURN NEXT is(info, pg_temp.err_info(format('SELECT %L::govinfo.%s', b.lit, b.typ)),
			format('pg_input_error_info(%L, %L) is the hard error', b.lit, b.typ));
	END LOOP;
	FOR b IN SELECT * FROM good_input LOOP
		EXECUTE 'SELECT pg_input_is_valid($1, $2)' INTO valid USING b.lit, 'govinfo.' || b.typ;
		RETURN NEXT is(valid, true, format('pg_input_is_valid(%L, %L) is true', b.lit, b.typ));
	END LOOP;
	-- a soft error does not disturb the next input in the same backend
	RETURN NEXT is('（三）1.属于国家秘密'::govinfo.outcome::text, '3.3.1', 'input works after soft errors');
END $$;
SELECT * FROM pg_temp.soft_checks();

-- PostgreSQL 17+: COPY ... (ON_ERROR ignore) skips the rows whose input is bad (3 tests)
INSERT INTO agency (agency_id, code, name) VALUES (9912001, 'tsoft-a', 'Soft errors A');
CREATE TEMP TABLE fig_load(tag text, r govinfo.request_figures, a govinfo.appeal_figures, d govinfo.disclosure_figures);
-- COPY tbl FROM the given lines (no single quote in them), with options
CREATE FUNCTION pg_temp.copy_lines(tbl text, lines text[], options text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('COPY %s FROM PROGRAM %L WITH (%s)', tbl,
		'printf ''%s\n'' ' || (SELECT string_agg(quote_literal(l), ' ' ORDER BY n) FROM unnest(lines) WITH ORDINALITY u(l, n)),
		options);
END $$;
CREATE FUNCTION pg_temp.copy_checks() RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
	IF current_setting('server_version_num')::int < 170000 THEN
		RETURN NEXT skip('COPY ... (ON_ERROR ignore) needs PostgreSQL 17', 3);
		RETURN;
	END IF;
	PERFORM pg_temp.copy_lines('govinfo.application (agency_id, received_on, applicant, outcome, closed_on)', ARRAY[
		'9912001,2021-03-01,np,,',
		'9912001,2021-03-02,nobody,,',
		'9912001,2021-03-03,自然人,（一）予以公开,2021-04-01',
		'9912001,2021-03-04,np,（二）予以公开,2021-04-01',
		'9912001,2021-03-05,res,3.7,2021-04-01',
		'9912001,2021-03-06,科研机_构,,',
		'9912001,2021-02-30,np,,',
		'9912001,2021-03-07,科研机构,（六）3.其他,2021-04-02'], 'FORMAT csv, ON_ERROR ignore');
	RETURN NEXT results_eq(
		$q$SELECT received_on, applicant::text, outcome::text FROM govinfo.application WHERE agency_id = 9912001 ORDER BY received_on$q$,
		$q$VALUES (DATE '2021-03-01', 'np', NULL), (DATE '2021-03-03', 'np', '3.1'), (DATE '2021-03-07', 'res', '3.6.3')$q$,
		'COPY application (ON_ERROR ignore): the three good rows load, the five bad ones are skipped');
	PERFORM pg_temp.copy_lines('pg_temp.fig_load', ARRAY[
		E'good\t1:1,0,0,0,0,0,1\treview:1,0,0,0,1\t2.8.1:1.5',
		E'bad-r\t1:1,0,0\treview:1,0,0,0,1\t2.8.1:1.5',
		E'bad-a\t1:1,0,0,0,0,0,1\treview:1,0,0,0,x\t2.8.1:1.5',
		E'bad-d\t1:1,0,0,0,0,0,1\treview:1,0,0,0,1\t2019|2.8.1:1.5',
		E'good-blank\t2021\treview:,,,,\t2021'], 'FORMAT text, ON_ERROR ignore');
	RETURN NEXT results_eq($q$SELECT tag FROM pg_temp.fig_load ORDER BY tag$q$, $q$VALUES ('good'), ('good-blank')$q$,
		'COPY of figures (ON_ERROR ignore): rows with a bad value in any figures column are skipped');
	RETURN NEXT throws_ok($q$SELECT pg_temp.copy_lines('pg_temp.fig_load', ARRAY[E'x\t1:1\t\t'], 'FORMAT text')$q$,
		'22P02', 'row "1" of request_figures has 1 values but takes 7', 'COPY without ON_ERROR still stops at the first bad value');
END $$;
SELECT * FROM pg_temp.copy_checks();

SELECT * FROM finish();
ROLLBACK;
