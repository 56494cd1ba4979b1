-- The fuzz driver (run by scripts/fuzz.sh; see its header): schema fuzz with the table of targets,
-- deterministic mutators of text, JSON and bytes, and one generated runner function per target.
-- Needs the extensions govinfo and govinfo_fuzz (the test-only send/receive helper).
CREATE SCHEMA fuzz;

-- One row per input function under test; test/fuzz/targets.sql fills it, one line per target.
CREATE TABLE fuzz.target (
	name text PRIMARY KEY,
	-- text, json and bytes mutate seeds; calls makes calls of the functions named by the seeds
	-- (regprocedure) with random arguments, inp being the SELECT statement
	mutator text NOT NULL CHECK (mutator IN ('text', 'json', 'bytes', 'calls')),
	-- the accepted value's type; each accepted value must round-trip through its text and its
	-- binary form to an equal value (NULL: no round trip, the input only must not crash)
	type regtype,
	-- SQL expression of inp (text; bytea for the bytes mutator) computing the value of type
	input text NOT NULL,
	-- one more assertion on every accepted value: a boolean SQL expression of inp and x (the value)
	extra text,
	extra_name text,
	-- SQL query giving the seeds: text (bytea for the bytes mutator)
	seeds text NOT NULL,
	-- share of the inputs this target gets
	weight real NOT NULL DEFAULT 1,
	CHECK ((extra IS NULL) = (extra_name IS NULL))
);

-- Lines of test/fuzz/seeds/<file>.txt, loaded by scripts/fuzz.sh.
CREATE TABLE fuzz.seed_file (file text NOT NULL, s text NOT NULL);

-- The seeds of each target, materialized once.
CREATE TABLE fuzz.seed (target text NOT NULL, s text, b bytea);

-- One row per batch run: how many inputs, how many accepted, the SQLSTATEs of the rejected.
CREATE TABLE fuzz.result (
	target text NOT NULL,
	batch integer NOT NULL,
	inputs integer NOT NULL,
	accepted integer NOT NULL,
	states jsonb NOT NULL,
	seconds numeric NOT NULL,
	PRIMARY KEY (target, batch)
);

-- Every failed assertion, with the input that broke it.
CREATE TABLE fuzz.failure (
	target text NOT NULL,
	batch integer,
	assertion text NOT NULL,
	input text,
	sqlstate text,
	message text
);

-- A uniformly random integer in 0 .. n-1.
CREATE FUNCTION fuzz.rnd(n integer) RETURNS integer LANGUAGE sql VOLATILE
	AS $$ SELECT floor(random() * n)::integer $$;

-- A random element of an array.
CREATE FUNCTION fuzz.pick(a anyarray) RETURNS anyelement LANGUAGE sql VOLATILE
	AS $$ SELECT a[1 + floor(random() * cardinality(a))::integer] $$;

-- Tokens the text mutator inserts: separators, numbers at and beyond every limit, signs,
-- exponents, format prefixes, row codes, labels, full-width characters, and in a UTF-8 database
-- odd code points (combining, zero-width, BOM, non-characters, the last one, case-changing ones).
-- This file holds only characters EUC_CN has: the driver is loaded into an EUC_CN database too.
CREATE FUNCTION fuzz.text_tokens() RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	RETURN ARRAY['|', ':', ',', '.', '-', '+', ' ', '', '|', ',,', '||', '::', '0', '1', '-1', '-0', '00', '007', '2147483647',
		'2147483648', '4294967296', '-2147483648', '9223372036854775807', '9223372036854775808', '18446744073709551616',
		'99999999999999999999', '999999999999999999', '1000000000000000000', '999999999999.999999', '1000000000000',
		'999999999999.9999995', '0.0000001', '0.000001', '1.5', '.5', '5.', '1e5', '1E+2', '1e-7', 'NaN', 'Infinity',
		'-Infinity', '0x10', '1_000', '１', '２０２１', '一', '2021|', '2019|', '2020|', '2021', '2019', '0|',
		'99999|', '|1:', '1:', '2:', '3.1:', '3.6:', '3.6.1:', '3.7:', '3.3:', '4:', '5:', '3.3.9:', '2.1.1:', '2.8.1:',
		'2.5:', 'review:', 'suit:', 'suit_after_review:', 'total', '总计', '自然人', 'np', 'biz', 'natural person', '3.3.1',
		'予以公开', '（', '）', '(', ')', '、', '．', '：', '，', '“', '”', '；', '_', '__', '（一）', '（三）1.', '1.', '1、', '（九）',
		'(', '(一', '　', E'\t', E'\n', E'\r', E'\\', '"', '''', '%s', '%n', '%d']
		|| CASE WHEN getdatabaseencoding() = 'UTF8' THEN ARRAY(SELECT chr(c) FROM unnest(ARRAY[1635, 12295, 128512, 769, 8203,
			65279, 160, 8232, 304, 223, 8490, 65535, 1114111, 453, 64256, 12539, 183]) AS c) ELSE '{}' END;
END $$;

-- Long strings the text mutator inserts.
CREATE FUNCTION fuzz.long_tokens() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
SELECT ARRAY[repeat('9', 5000), repeat('0', 300) || '1', repeat(',', 300), repeat('1,', 300), repeat('|', 200),
	repeat('|1:1', 60), repeat('自', 2000), repeat(' ', 1000), repeat('（三）', 100), repeat('1.', 200),
	repeat('3.', 300), repeat('a', 100000)]
$$;

-- Tokens the JSON mutator puts where a value was: numbers at and beyond every limit, every kind
-- of JSON value, arrays of every length near the right one, and nested containers.
CREATE FUNCTION fuzz.json_tokens() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
SELECT ARRAY['null', '0', '1', '-1', '-0', '0.0', '1.5', '-1.5', '2147483647', '2147483648', '-2147483648', '4294967296',
	'9223372036854775807', '9223372036854775808', '99999999999999999999', '1e10', '1e-7', '1E+2', '0.000001',
	'0.0000001', '999999999999.999999', '1000000000000', '999999999999.9999995', '1e400', '-1e400', '1e-400', '"1"',
	'""', '"abc"', '"2021"', '"2019"', '"2020"', '"２０２１"', '"自然人"', 'true', 'false', '[]', '{}', '[null]',
	'[1,2,3,4,5,6,7]', '[1,2,3,4,5,6,7,8]', '[1,2,3,4,5,6]', '[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]',
	'[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]', '[null,null,null,null,null,null,null]', '{"issued":1}', '{"amount":1.5}',
	'{"decisions":null}', '{"x":1}', '[[1]]', '{"format":"2021"}', '[1,"2",null,true,[],{}]', '2021', '2019']
$$;

-- Keys the JSON mutator adds or renames to.
CREATE FUNCTION fuzz.json_keys() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
SELECT ARRAY['format', '1', '2', '3.1', '3.3', '3.6', '3.6.1', '3.6.3', '3.7', '4', '5', '', '2.1.1', '2.1.2', '2.8.1', '2.5',
	'2.6.1', 'issued', 'abolished', 'in_force', 'decisions', 'amount', 'review', 'suit', 'x', '１', '3.1 ', ' 3.1',
	'FORMAT', 'np', 'total', 'upheld', repeat('k', 1000), '自然人']
$$;

-- The PRNG seed of one batch: the same target, batch and run seed always give the same inputs.
CREATE FUNCTION fuzz.seed_of(tgt text, batch integer, rseed integer) RETURNS double precision LANGUAGE sql IMMUTABLE
	AS $$ SELECT (hashtext(format('%s/%s/%s', tgt, batch, rseed)) % 1000000)::double precision / 1000000 $$;

-- A valid count as text: 0 to 2^31 - 1, log-uniform, so small and large ones are both frequent.
CREATE FUNCTION fuzz.number() RETURNS text LANGUAGE sql VOLATILE
	AS $$ SELECT least(floor(10 ^ (random() * 9.34)) - 1, 2147483647)::bigint::text $$;

-- An input as a literal that reproduces it: E'...' in a UTF-8 database, the exact bytes otherwise.
CREATE FUNCTION fuzz.literal(s text) RETURNS text LANGUAGE sql STABLE AS $$
SELECT CASE WHEN getdatabaseencoding() <> 'UTF8'
	THEN format('convert_from(decode(%L, ''hex''), %L)', encode(convert_to(s, getdatabaseencoding()), 'hex'),
		getdatabaseencoding())
	ELSE 'E''' || replace(replace(replace(replace(replace(s, '\', '\\'), '''', ''''''), E'\n', '\n'), E'\r', '\r'),
		E'\t', '\t') || '''' END
$$;

-- A message as ASCII-safe text in a database that is not UTF-8 (messages echo inputs, which may
-- hold characters the client's encoding lacks): other bytes as octal escapes.
CREATE FUNCTION fuzz.printable(msg text) RETURNS text LANGUAGE sql STABLE AS $$
SELECT CASE WHEN getdatabaseencoding() = 'UTF8' THEN msg ELSE encode(convert_to(msg, getdatabaseencoding()), 'escape') END
$$;

-- A binary input as a literal.
CREATE FUNCTION fuzz.literal(b bytea) RETURNS text LANGUAGE sql IMMUTABLE
	AS $$ SELECT quote_literal(b::text) || '::bytea' $$;

-- A literal shortened for a report line.
CREATE FUNCTION fuzz.short(lit text) RETURNS text LANGUAGE sql IMMUTABLE
	AS $$ SELECT CASE WHEN length(lit) > 240 THEN left(lit, 240) || format('... (%s characters)', length(lit)) ELSE lit END $$;

-- Mutate a text input 1 to 6 times: insert, replace, delete, duplicate, truncate, splice with
-- another seed, replace numbers and separators, change case, odd characters and bit flips.  With
-- euc (an EUC_CN database) the odd characters are random double-byte characters of the whole
-- GB2312 range, assigned or not, and bits flip in ASCII characters only.
CREATE FUNCTION fuzz.mutate_text(s text, pool text[], euc boolean) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	toks text[] := fuzz.text_tokens();
	nops integer := 1 + floor(random() * random() * 6)::integer;
	len integer;
	pos integer;
	k integer;
	n integer;
	c integer;
	seg text;
	parts text[];
BEGIN
	FOR op IN 1 .. nops LOOP
		len := length(s);
		pos := fuzz.rnd(len + 1);
		CASE fuzz.rnd(20)
		WHEN 0, 1 THEN	-- insert a token
			s := left(s, pos) || fuzz.pick(toks) || substr(s, pos + 1);
		WHEN 2, 3 THEN	-- replace a character by a token
			s := left(s, pos) || fuzz.pick(toks) || substr(s, pos + 2);
		WHEN 4 THEN		-- delete a span
			s := left(s, pos) || substr(s, pos + 2 + fuzz.rnd(8));
		WHEN 5 THEN		-- truncate
			s := left(s, pos);
		WHEN 6 THEN		-- copy a span elsewhere
			seg := substr(s, pos + 1, 1 + fuzz.rnd(30));
			k := fuzz.rnd(len + 1);
			s := left(s, k) || seg || substr(s, k + 1);
		WHEN 7 THEN		-- replace a number by a token
			n := regexp_count(s, '[0-9]+');
			IF n > 0 THEN
				s := regexp_replace(s, '[0-9]+', replace(replace(fuzz.pick(toks), '\', '\\'), '&', '\&'), 1, 1 + fuzz.rnd(n));
			END IF;
		WHEN 8, 19 THEN	-- replace a number by another valid one (log-uniform up to 2^31 - 1) or a blank
			n := regexp_count(s, '[0-9]+');
			IF n > 0 THEN
				s := regexp_replace(s, '[0-9]+', CASE WHEN fuzz.rnd(5) = 0 THEN '' ELSE fuzz.number() END, 1, 1 + fuzz.rnd(n));
			END IF;
		WHEN 9 THEN		-- delete a separator
			n := regexp_count(s, '[|:,.]');
			IF n > 0 THEN
				s := regexp_replace(s, '[|:,.]', '', 1, 1 + fuzz.rnd(n));
			END IF;
		WHEN 10 THEN	-- replace a separator by another
			n := regexp_count(s, '[|:,. ]');
			IF n > 0 THEN
				s := regexp_replace(s, '[|:,. ]', fuzz.pick(ARRAY['|', ':', ',', '.', ' ', ';', '||', ',,', '：', '，']), 1,
					1 + fuzz.rnd(n));
			END IF;
		WHEN 11 THEN	-- splice with another seed
			seg := fuzz.pick(pool);
			s := left(s, pos) || substr(seg, 1 + fuzz.rnd(length(seg) + 1));
		WHEN 12 THEN	-- change case
			s := CASE fuzz.rnd(3) WHEN 0 THEN upper(s) WHEN 1 THEN lower(s) ELSE initcap(s) END;
		WHEN 13 THEN	-- a long string
			s := left(s, pos) || fuzz.pick(fuzz.long_tokens()) || substr(s, pos + 1);
		WHEN 14 THEN	-- an arbitrary character, inserted or replacing one
			IF euc THEN
				seg := CASE WHEN fuzz.rnd(3) = 0 THEN chr(1 + fuzz.rnd(127))
					ELSE convert_from(decode(to_hex(161 + fuzz.rnd(94)) || to_hex(161 + fuzz.rnd(94)), 'hex'), 'EUC_CN') END;
			ELSE
				seg := chr(CASE fuzz.rnd(5) WHEN 0 THEN 1 + fuzz.rnd(127) WHEN 1 THEN 128 + fuzz.rnd(1920)
					WHEN 2 THEN 19968 + fuzz.rnd(20992) WHEN 3 THEN 57344 + fuzz.rnd(8192)
					ELSE 65536 + fuzz.rnd(1048576) END);
			END IF;
			s := left(s, pos) || seg || substr(s, pos + 1 + fuzz.rnd(2));
		WHEN 15 THEN	-- flip a bit of a character (an ASCII one in EUC_CN)
			IF len > 0 THEN
				pos := fuzz.rnd(len);
				seg := substr(s, pos + 1, 1);
				IF NOT euc OR octet_length(seg) = 1 THEN
					c := ascii(seg) # (1 << fuzz.rnd(CASE WHEN euc THEN 7 ELSE 21 END));
					IF c BETWEEN 1 AND 1114111 AND c NOT BETWEEN 55296 AND 57343 THEN
						s := left(s, pos) || chr(c) || substr(s, pos + 2);
					END IF;
				END IF;
			END IF;
		WHEN 16 THEN	-- swap, repeat or drop a row
			parts := string_to_array(s, '|');
			n := cardinality(parts);
			IF n > 0 THEN
				k := 1 + fuzz.rnd(n);
				c := 1 + fuzz.rnd(n);
				CASE fuzz.rnd(3)
				WHEN 0 THEN
					seg := parts[k];
					parts[k] := parts[c];
					parts[c] := seg;
				WHEN 1 THEN
					parts := parts[1:k] || parts[c:n];
				ELSE
					parts := parts[1:k - 1] || parts[k + 1:n];
				END CASE;
				s := array_to_string(parts, '|');
			END IF;
		ELSE			-- white space around a random spot
			s := left(s, pos) || fuzz.pick(ARRAY[' ', E'\t', E'\n', E'\r', '  ', E' \t ']) || substr(s, pos + 1);
		END CASE;
	END LOOP;
	RETURN s;
END $$;

-- A random path into a JSON document, one to three levels deep ('{}' for an empty or scalar root).
CREATE FUNCTION fuzz.json_path(j jsonb) RETURNS text[] LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	path text[] := '{}';
	v jsonb := j;
	n integer;
BEGIN
	FOR depth IN 1 .. 3 LOOP
		IF jsonb_typeof(v) = 'object' THEN
			path := path || fuzz.pick(ARRAY(SELECT jsonb_object_keys(v)));
		ELSIF jsonb_typeof(v) = 'array' AND jsonb_array_length(v) > 0 THEN
			path := path || fuzz.rnd(jsonb_array_length(v))::text;
		ELSE
			EXIT;
		END IF;
		EXIT WHEN path[cardinality(path)] IS NULL;
		v := j #> path;
		EXIT WHEN fuzz.rnd(2) = 0;
	END LOOP;
	RETURN array_remove(path, NULL);
END $$;

-- Mutate a JSON input 1 to 5 times: set, delete, insert and rename values and keys at random
-- paths, every kind of value and number, the "format" key, deep nesting, documents merged, and
-- now and then a text mutation that may leave invalid JSON (then only text mutations follow).
CREATE FUNCTION fuzz.mutate_json(s text, pool text[]) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	toks text[] := fuzz.json_tokens();
	nops integer := 1 + floor(random() * random() * 5)::integer;
	j jsonb := s::jsonb;
	path text[];
	parent text[];
	v jsonb;
	other jsonb;
	d integer;
BEGIN
	FOR op IN 1 .. nops LOOP
		IF j IS NULL THEN	-- no longer JSON: text mutations only
			s := fuzz.mutate_text(s, pool, false);
			CONTINUE;
		END IF;
		path := fuzz.json_path(j);
		parent := path[1:cardinality(path) - 1];
		v := j #> path;
		d := CASE WHEN cardinality(path) = 0 THEN 20 + fuzz.rnd(3) ELSE fuzz.rnd(15) END;
		CASE d
		WHEN 0, 1, 2 THEN	-- replace a value by a token
			j := jsonb_set(j, path, fuzz.pick(toks)::jsonb);
		WHEN 3 THEN		-- replace a value by a random number
			j := jsonb_set(j, path, to_jsonb(round((random() * 10 ^ fuzz.rnd(25))::numeric, fuzz.rnd(9))));
		WHEN 12, 13, 14 THEN	-- replace a value by a valid count or null
			j := jsonb_set(j, path, CASE WHEN fuzz.rnd(5) = 0 THEN 'null' ELSE fuzz.number()::jsonb END);
		WHEN 4 THEN		-- delete a value
			j := j #- path;
		WHEN 5 THEN		-- insert a value beside it
			IF jsonb_typeof(j #> parent) = 'array' THEN
				j := jsonb_insert(j, path, fuzz.pick(toks)::jsonb, fuzz.rnd(2) = 0);
			ELSE
				j := jsonb_set(j, parent || fuzz.pick(fuzz.json_keys()), fuzz.pick(toks)::jsonb);
			END IF;
		WHEN 6 THEN		-- rename a key
			IF jsonb_typeof(j #> parent) = 'object' THEN
				j := jsonb_set(j #- path, parent || fuzz.pick(fuzz.json_keys()), v);
			END IF;
		WHEN 7 THEN		-- nest a value deeply
			d := 1 + fuzz.rnd(1 + fuzz.rnd(1000));
			j := jsonb_set(j, path, (CASE WHEN fuzz.rnd(2) = 0 THEN repeat('[', d) || v::text || repeat(']', d)
				ELSE repeat('{"a":', d) || v::text || repeat('}', d) END)::jsonb);
		WHEN 8 THEN		-- the format key
			IF jsonb_typeof(j) = 'object' THEN
				j := jsonb_set(j, '{format}', fuzz.pick(ARRAY['"2021"', '"2019"', '"2020"', '2019', '2021', 'null', '""',
					'"2021 "', '[]', '{}', '"２０２１"', '2021.0', '2.021e3', '"0"', '-2021', 'true', '"2021|"'])::jsonb);
			END IF;
		WHEN 9 THEN		-- merge with another seed
			other := fuzz.pick(pool)::jsonb;
			j := CASE WHEN jsonb_typeof(j) = jsonb_typeof(other) THEN
				CASE WHEN fuzz.rnd(2) = 0 THEN j || other ELSE other || j END ELSE other END;
		WHEN 10 THEN	-- mutate the text: may no longer be JSON
			s := fuzz.mutate_text(j::text, pool, false);
			j := NULL;
		WHEN 11 THEN	-- an array of random length in place of a value
			j := jsonb_set(j, path, (SELECT coalesce(jsonb_agg(fuzz.pick(toks)::jsonb), '[]')
				FROM generate_series(1, fuzz.rnd(18))));
		WHEN 20 THEN	-- the whole document replaced
			j := fuzz.pick(toks)::jsonb;
		WHEN 21 THEN	-- the whole document merged
			j := fuzz.pick(pool)::jsonb || j;
		ELSE			-- the whole document's text mutated
			s := fuzz.mutate_text(j::text, pool, false);
			j := NULL;
		END CASE;
		IF j IS NOT NULL THEN
			s := j::text;
		END IF;
	END LOOP;
	RETURN s;
EXCEPTION WHEN OTHERS THEN
	-- a mutation PostgreSQL refuses (say, nesting beyond its stack): the input as it was then
	RETURN s;
END $$;

-- Mutate a binary input 1 to 5 times: bit flips, interesting bytes, int32 and int64 values at
-- and beyond every limit written over the values, the version byte and the format, truncation,
-- extension, deletion, duplication and splicing with another seed.
CREATE FUNCTION fuzz.mutate_bytes(b bytea, pool bytea[]) RETURNS bytea LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	nops integer := 1 + floor(random() * random() * 5)::integer;
	len integer;
	pos integer;
	hdr integer;
	k integer;
	seg bytea;
BEGIN
	FOR op IN 1 .. nops LOOP
		len := length(b);
		pos := fuzz.rnd(len + 1);
		CASE fuzz.rnd(15)
		WHEN 0, 1 THEN	-- flip a bit
			IF len > 0 THEN
				k := fuzz.rnd(len * 8);
				b := set_bit(b, k, 1 - get_bit(b, k));
			END IF;
		WHEN 2 THEN		-- an interesting byte
			IF len > 0 THEN
				b := set_byte(b, fuzz.rnd(len), fuzz.pick(ARRAY[0, 1, 2, 127, 128, 254, 255]));
			END IF;
		WHEN 3, 4, 5 THEN	-- an int32 over a value (values start after a 1 or 3 byte header)
			hdr := CASE WHEN len >= 4 THEN len % 4 ELSE 0 END;
			IF len >= hdr + 4 THEN
				pos := hdr + 4 * fuzz.rnd((len - hdr) / 4);
				b := overlay(b PLACING int4send(fuzz.pick(ARRAY[-1, -2, 0, 1, 100, 65535, 1000000, 2147483647, -2147483648]))
					FROM pos + 1 FOR 4);
			END IF;
		WHEN 6 THEN		-- an int64 anywhere
			b := overlay(b PLACING int8send(fuzz.pick(ARRAY[-1, -2, 0, 1, 1000000, 12345678, 999999999999999999,
				1000000000000000000, 9223372036854775807, -9223372036854775808]::bigint[])) FROM pos + 1 FOR 8);
		WHEN 7 THEN		-- truncate
			b := substr(b, 1, pos);
		WHEN 8 THEN		-- append random bytes
			b := b || substr(int8send((random() * 9.2e18)::bigint), 1, 1 + fuzz.rnd(8));
		WHEN 9 THEN		-- delete a span
			b := substr(b, 1, pos) || substr(b, pos + 2 + fuzz.rnd(8));
		WHEN 10 THEN	-- copy a span elsewhere
			seg := substr(b, pos + 1, 1 + fuzz.rnd(16));
			k := fuzz.rnd(len + 1);
			b := substr(b, 1, k) || seg || substr(b, k + 1);
		WHEN 11 THEN	-- the version byte
			IF len > 0 THEN
				b := set_byte(b, 0, fuzz.pick(ARRAY[0, 1, 2, 255]));
			END IF;
		WHEN 12 THEN	-- the format
			IF len >= 3 THEN
				b := overlay(b PLACING int2send(fuzz.pick(ARRAY[2019, 2021, 2020, 0, -1, 32767, -32768]::smallint[])) FROM 2 FOR 2);
			END IF;
		WHEN 13 THEN	-- splice with another seed
			b := substr(b, 1, pos) || substr(fuzz.pick(pool), pos + 1 + fuzz.rnd(3) - 1);
		ELSE			-- something else entirely
			b := CASE fuzz.rnd(3) WHEN 0 THEN ''::bytea WHEN 1 THEN substr(int8send((random() * 9.2e18)::bigint), 1, 1 + fuzz.rnd(8))
				ELSE decode(repeat(fuzz.pick(ARRAY['ff', '00', '01']), fuzz.rnd(800)), 'hex') END;
		END CASE;
	END LOOP;
	RETURN b;
END $$;

-- The inputs of one batch of a text or JSON target: seeds, one in 50 unmutated, the rest mutated.
CREATE FUNCTION fuzz.text_inputs(tgt text, batch integer, n integer, rseed integer) RETURNS SETOF text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	pool text[] := ARRAY(SELECT s FROM fuzz.seed WHERE target = tgt ORDER BY s COLLATE "C");
	json boolean := (SELECT mutator = 'json' FROM fuzz.target WHERE name = tgt);
	euc boolean := getdatabaseencoding() <> 'UTF8';
	s text;
BEGIN
	PERFORM setseed(fuzz.seed_of(tgt, batch, rseed));
	FOR i IN 1 .. n LOOP
		s := fuzz.pick(pool);
		IF fuzz.rnd(50) > 0 THEN
			s := CASE WHEN json THEN fuzz.mutate_json(s, pool) ELSE fuzz.mutate_text(s, pool, euc) END;
		END IF;
		RETURN NEXT s;
	END LOOP;
END $$;

-- The inputs of one batch of a binary target.
CREATE FUNCTION fuzz.byte_inputs(tgt text, batch integer, n integer, rseed integer) RETURNS SETOF bytea
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	pool bytea[] := ARRAY(SELECT b FROM fuzz.seed WHERE target = tgt ORDER BY b);
	b bytea;
BEGIN
	PERFORM setseed(fuzz.seed_of(tgt, batch, rseed));
	FOR i IN 1 .. n LOOP
		b := fuzz.pick(pool);
		IF fuzz.rnd(50) > 0 THEN
			b := fuzz.mutate_bytes(b, pool);
		END IF;
		RETURN NEXT b;
	END LOOP;
END $$;

-- Argument values of each type for the call fuzzer, as text to be cast to the type.
CREATE TABLE fuzz.arg_pool (typ regtype NOT NULL, v text NOT NULL);

-- Fill fuzz.arg_pool: values at and beyond every edge, codes known and unknown, malformed span
-- arrays, relations of every kind, TIDs beyond the end, and the valid values of the seed files.
CREATE FUNCTION fuzz.fill_arg_pool() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM fuzz.arg_pool;
	INSERT INTO fuzz.arg_pool
	SELECT typ::regtype, v FROM (
	SELECT 'text', unnest(ARRAY['pingshan-zhen', 'pingshan-land', 'pingshan-police', 'xibaipo-zhen', 'no-such-agency', '',
		' ', '1', '2', '3.1', '3.3', '3.4.1', '3.6', '3.6.1', '3.7', '4', '2.1.1', '2.8.1', '2.9.1', 'np', 'total', 'amount',
		'issued', 'decisions', 'review', 'review.upheld', 'suit.total', 'suit_after_review.pending', 'upheld', 'zh', 'en',
		'EN', 'english', '2019', '2021', '2020', 'requests', 'disclosures', 'appeals', 'INSERT', 'UPDATE', 'DELETE',
		'application', 'annual_report', 'govinfo', 'reason', '自然人', '（一）予以公开', '总计', repeat('x', 10000), '%s%n',
		'１', E'\n'])
	UNION ALL SELECT 'text', code FROM govinfo.agency
	UNION ALL SELECT 'integer', unnest(ARRAY['2021', '2021', '2022', '2020', '2019', '2023', '2025', '2018', '1990', '1900',
		'2100', '2101', '0', '1', '-1', '2147483647', '-2147483648'])
	UNION ALL SELECT 'bigint', unnest(ARRAY['1', '2', '3', '4', '6', '7', '0', '-1', '100', '9223372036854775807',
		'-9223372036854775808'])
	UNION ALL SELECT 'bigint', agency_id::text FROM govinfo.agency
	UNION ALL SELECT 'date', unnest(ARRAY['2021-06-30', '2021-01-01', '2021-12-31', '2020-12-31', '2022-03-01', '2019-01-01',
		'2020-02-29', '1990-01-01', '1989-12-31', '2100-12-31', '2101-01-01', 'infinity', '-infinity', '4713-01-01 BC',
		'5874897-12-31'])
	UNION ALL SELECT 'numeric', unnest(ARRAY['0', '1.5', '12.345678', '0.001', '-1', '-0.01', '1e20', '99999999999999.99',
		'NaN', 'Infinity', '-Infinity'])
	UNION ALL SELECT 'boolean', unnest(ARRAY['true', 'false'])
	UNION ALL SELECT 'bigint[]', unnest(ARRAY['{}', '{1,2021,2021}', '{{1,2021,2021}}', '{{1,2021,2022},{2,2020,NULL}}',
		'{{1,2021,2022},{1,2021,2022},{3,1990,2100}}', '{{1,2,3,4}}', '{{{1,2,3}}}', '{NULL}', '{{NULL,NULL,NULL}}',
		'{{1,2021,2019}}', '{{1,NULL,2021}}', '{{-1,2021,2021}}', '{{9223372036854775807,-9223372036854775808,0}}',
		'{1,2,3,4,5,6}', '[0:0][5:7]={{1,2021,2021}}', '{{1,2021,2022},{2,2020,NULL},{1,2019,2025},{7,2021,2021}}'])
	UNION ALL SELECT 'bigint[]', (SELECT array_agg(ARRAY[1 + g % 7, 2019 + g % 5, 2020 + g % 5])::text FROM generate_series(1, 3000) g)
	UNION ALL SELECT 'regclass', unnest(ARRAY['govinfo.application', 'govinfo.application', 'govinfo.annual_report',
		'govinfo.agency', 'govinfo.appeal_case', 'govinfo.agency_pkey', 'govinfo.agency_agency_id_seq', 'pg_class',
		'pg_proc', 'information_schema.tables', 'fuzz.target', 'pg_toast.pg_toast_2618', '0'])
	UNION ALL SELECT 'tid', unnest(ARRAY['(0,1)', '(0,1)', '(0,2)', '(0,0)', '(1,1)', '(0,65535)', '(5,3)', '(999999,1)',
		'(4294967295,65535)', '(4294967295,1)'])
	UNION ALL SELECT 'jsonb', s FROM fuzz.seed_file WHERE file LIKE '%.jsonb'
	UNION ALL SELECT 'cstring', s FROM fuzz.seed_file WHERE file NOT LIKE '%.jsonb') AS q(typ, v);
	INSERT INTO fuzz.arg_pool
	SELECT t.typ, v
	FROM (VALUES ('govinfo.request_figures'::regtype, 'request_figures'), ('govinfo.appeal_figures', 'appeal_figures'),
		('govinfo.disclosure_figures', 'disclosure_figures'), ('govinfo.applicant', 'applicant'),
		('govinfo.outcome', 'outcome')) AS t(typ, file),
		LATERAL fuzz.valid(t.typ, t.file) AS v;
	INSERT INTO fuzz.arg_pool
	SELECT 'jsonb', CASE p.typ WHEN 'govinfo.request_figures'::regtype THEN govinfo.to_jsonb(p.v::govinfo.request_figures)
		WHEN 'govinfo.appeal_figures'::regtype THEN govinfo.to_jsonb(p.v::govinfo.appeal_figures)
		ELSE govinfo.to_jsonb(p.v::govinfo.disclosure_figures) END::text
	FROM fuzz.arg_pool p
	WHERE p.typ IN ('govinfo.request_figures'::regtype, 'govinfo.appeal_figures', 'govinfo.disclosure_figures');
END $$;

-- A random argument of a type as an SQL literal with its cast; NULL one time in twelve.  For
-- anyelement, a value of one of the figures, code or basic types.
CREATE FUNCTION fuzz.arg(typ regtype) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	t regtype := typ;
	v text;
BEGIN
	IF t = 'anyelement'::regtype THEN
		t := fuzz.pick(ARRAY['govinfo.request_figures', 'govinfo.appeal_figures', 'govinfo.disclosure_figures',
			'govinfo.applicant', 'integer', 'text', 'jsonb']::regtype[]);
	END IF;
	IF fuzz.rnd(12) > 0 THEN
		v := fuzz.pick(ARRAY(SELECT p.v FROM fuzz.arg_pool p WHERE p.typ = t ORDER BY p.v COLLATE "C"));
	END IF;
	RETURN coalesce(quote_literal(v), 'NULL') || '::' || t::text;
END $$;

-- The inputs of one batch of a calls target: SELECT statements calling a function named by a seed
-- with random arguments (a set-returning function is counted; an aggregate runs over 1 to 5 rows).
CREATE FUNCTION fuzz.call_inputs(tgt text, batch integer, n integer, rseed integer) RETURNS SETOF text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	pool text[] := ARRAY(SELECT s FROM fuzz.seed WHERE target = tgt ORDER BY s COLLATE "C");
	f record;
	fn regprocedure;
	args text;
BEGIN
	PERFORM setseed(fuzz.seed_of(tgt, batch, rseed));
	FOR i IN 1 .. n LOOP
		fn := fuzz.pick(pool)::regprocedure;
		SELECT p.pronamespace::regnamespace::text AS nsp, p.proname, p.prokind, p.proretset,
			p.proargtypes::regtype[] AS argtypes INTO STRICT f
		FROM pg_proc p WHERE p.oid = fn;
		IF f.prokind = 'a' THEN
			args := array_to_string(ARRAY(SELECT '(' || array_to_string(ARRAY(SELECT fuzz.arg(a.t)
					FROM unnest(f.argtypes) WITH ORDINALITY AS a(t, k) ORDER BY a.k), ', ') || ')'
				FROM generate_series(1, 1 + fuzz.rnd(5)) AS g ORDER BY g), ', ');
			RETURN NEXT format('SELECT %I.%I(%s) FROM (VALUES %s) AS v(%s)', f.nsp, f.proname,
				array_to_string(ARRAY(SELECT 'x' || k FROM generate_series(1, cardinality(f.argtypes)) AS k), ', '), args,
				array_to_string(ARRAY(SELECT 'x' || k FROM generate_series(1, cardinality(f.argtypes)) AS k), ', '));
		ELSE
			args := array_to_string(ARRAY(SELECT fuzz.arg(a.t) FROM unnest(f.argtypes) WITH ORDINALITY AS a(t, k)
				ORDER BY a.k), ', ');
			RETURN NEXT format(CASE WHEN f.proretset THEN 'SELECT count(*) FROM %I.%I(%s)' ELSE 'SELECT %I.%I(%s)' END,
				f.nsp, f.proname, args);
		END IF;
	END LOOP;
END $$;

-- Run a statement (the input of a calls target).
CREATE FUNCTION fuzz.exec(stmt text) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
BEGIN
	EXECUTE stmt;
	RETURN 'ok';
END $$;

-- The canonical text of every line of a seed file the type accepts (invalid lines are left out).
CREATE FUNCTION fuzz.valid(typ regtype, seed_file text) RETURNS SETOF text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	s text;
	v text;
BEGIN
	FOR s IN SELECT f.s FROM fuzz.seed_file f WHERE f.file = seed_file LOOP
		BEGIN
			EXECUTE format('SELECT %L::%s::text', s, typ) INTO v;
			RETURN NEXT v;
		EXCEPTION WHEN OTHERS THEN
			NULL;
		END;
	END LOOP;
END $$;

-- Materialize a target's seeds and (re)create its runner: fuzz."run <target>"(batch, n, rseed, announce)
-- runs one batch of n inputs, counts the accepted values and the SQLSTATEs of the rejected ones
-- into fuzz.result and records in fuzz.failure every XX error and every failed round trip.  With
-- announce each input is sent as a NOTICE before it is tried (to find the input that crashes).
CREATE FUNCTION fuzz.prepare(tgt text) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
	t fuzz.target;
	bytes boolean;
	typ text;
	checks text := '';
	nseeds integer;
BEGIN
	SELECT * INTO STRICT t FROM fuzz.target WHERE name = tgt;
	bytes := t.mutator = 'bytes';
	typ := coalesce(t.type::text, 'text');
	DELETE FROM fuzz.seed WHERE target = tgt;
	EXECUTE format('INSERT INTO fuzz.seed (target, %s) SELECT DISTINCT %L, q.s FROM (%s) AS q(s) WHERE q.s IS NOT NULL',
		CASE WHEN bytes THEN 'b' ELSE 's' END, tgt, t.seeds);
	GET DIAGNOSTICS nseeds = ROW_COUNT;
	IF nseeds = 0 THEN
		RAISE EXCEPTION 'fuzz target % has no seeds', tgt;
	END IF;
	IF t.mutator = 'calls' AND NOT EXISTS (SELECT FROM fuzz.arg_pool) THEN
		PERFORM fuzz.fill_arg_pool();
	END IF;
	IF t.type IS NOT NULL THEN
		checks := format($c$
		BEGIN	-- text round trip: output, input, equal value and equal output
			xt := x::text;
			y := xt::%1$s;
			IF NOT (y IS NOT DISTINCT FROM x AND y::text IS NOT DISTINCT FROM xt) THEN
				INSERT INTO fuzz.failure VALUES (%2$L, batch, 'text round trip', fuzz.literal(inp), NULL,
					format('%%s came back as %%s', xt, y::text));
			END IF;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
			INSERT INTO fuzz.failure VALUES (%2$L, batch, 'text round trip', fuzz.literal(inp), st, msg);
		END;
		BEGIN	-- binary round trip: send, receive, equal value and equal bytes
			b := fuzz_send(x);
			y := fuzz_recv(b, NULL::%1$s);
			IF NOT (y IS NOT DISTINCT FROM x AND fuzz_send(y) IS NOT DISTINCT FROM b) THEN
				INSERT INTO fuzz.failure VALUES (%2$L, batch, 'binary round trip', fuzz.literal(inp), NULL,
					format('%%s came back as %%s', x::text, y::text));
			END IF;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
			INSERT INTO fuzz.failure VALUES (%2$L, batch, 'binary round trip', fuzz.literal(inp), st, msg);
		END;$c$, typ, tgt);
	END IF;
	IF t.extra IS NOT NULL THEN
		checks := checks || format($c$
		BEGIN	-- the target's own assertion
			IF NOT coalesce(%1$s, false) THEN
				INSERT INTO fuzz.failure VALUES (%2$L, batch, %3$L, fuzz.literal(inp), NULL, 'false for ' || x::text);
			END IF;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
			INSERT INTO fuzz.failure VALUES (%2$L, batch, %3$L, fuzz.literal(inp), st, msg);
		END;$c$, t.extra, tgt, t.extra_name);
	END IF;
	EXECUTE format($f$
CREATE OR REPLACE FUNCTION fuzz.%1$I(batch integer, n integer, rseed integer, announce boolean) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = %8$s AS $run$
DECLARE
	inp %2$s;
	x %3$s;
	y %3$s;
	xt text;
	b bytea;
	st text;
	msg text;
	accepted integer := 0;
	states jsonb := '{}';
	t0 timestamptz := clock_timestamp();
BEGIN
	FOR inp IN SELECT i FROM fuzz.%4$s(%5$L, batch, n, rseed) AS i LOOP
		IF announce THEN
			RAISE NOTICE 'fuzz input: %%', fuzz.literal(inp);
		END IF;
		BEGIN
			x := %6$s;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
			states := jsonb_set(states, ARRAY[st], to_jsonb(coalesce((states ->> st)::integer, 0) + 1));
			IF st LIKE 'XX%%' THEN
				INSERT INTO fuzz.failure VALUES (%5$L, batch, 'no XX000', fuzz.literal(inp), st, msg);
			END IF;
			CONTINUE;
		END;
		accepted := accepted + 1;%7$s
	END LOOP;
	INSERT INTO fuzz.result VALUES (%5$L, batch, n, accepted, states, extract(epoch FROM clock_timestamp() - t0));
END $run$
$f$, 'run ' || tgt, CASE WHEN bytes THEN 'bytea' ELSE 'text' END, typ,
		CASE t.mutator WHEN 'bytes' THEN 'byte_inputs' WHEN 'calls' THEN 'call_inputs' ELSE 'text_inputs' END, tgt,
		t.input, checks,
		-- the value type's schema on the path, for its = operator
		concat_ws(', ', (SELECT quote_ident(nspname) FROM pg_type JOIN pg_namespace n ON n.oid = typnamespace
			WHERE pg_type.oid = t.type), 'public', 'pg_catalog'));
	RETURN nseeds;
END $$;

-- Run one batch of a target (prepared first).
CREATE FUNCTION fuzz.run(tgt text, batch integer, n integer, rseed integer, announce boolean DEFAULT false)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('SELECT fuzz.%I($1, $2, $3, $4)', 'run ' || tgt) USING batch, n, rseed, announce;
END $$;
