-- Every SQL function, aggregate and type of the extension is documented in doc/functions.md,
-- and the README links to it.
\set doc `cat doc/functions.md`
\set readme `cat README.md`
BEGIN;
SELECT plan(4);

SELECT is_empty(
	format($$ SELECT DISTINCT p.proname::text
	          FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid
	          WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
	            AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'govinfo')
	            AND strpos(%L, 'govinfo.' || p.proname::text || '(') = 0 $$, :'doc'),
	'every function of the extension is documented as govinfo.name( in doc/functions.md');
SELECT is_empty(
	format($$ SELECT t.typname::text
	          FROM pg_depend d JOIN pg_type t ON t.oid = d.objid
	          WHERE d.classid = 'pg_type'::regclass AND d.deptype = 'e'
	            AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'govinfo')
	            -- not the array types: 17 records them as members of the extension too
	            AND NOT EXISTS (SELECT FROM pg_type e WHERE e.typarray = t.oid)
	            AND strpos(%L, 'govinfo.' || t.typname::text) = 0 $$, :'doc'),
	'every type of the extension is documented in doc/functions.md');
SELECT is_empty(
	format($$ SELECT c.relname::text
	          FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
	          WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e' AND c.relkind = 'r'
	            AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'govinfo')
	            AND strpos(%L, 'govinfo.' || c.relname::text) = 0 $$, :'doc'),
	'every table of the extension is documented in doc/functions.md');
SELECT ok(strpos(:'readme', 'doc/functions.md') > 0, 'the README points to doc/functions.md');
SELECT * FROM finish();
ROLLBACK;
