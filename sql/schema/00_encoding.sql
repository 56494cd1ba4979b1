-- govinfo's labels are Chinese: refuse a database whose encoding cannot hold them (0A000).
--
-- The first statement of the install script, before anything is created, so that CREATE EXTENSION
-- fails with this message and leaves nothing.
-- govinfo.control says "encoding = UTF8": PostgreSQL converts each whole script file to the
-- database encoding before running any of it.  So this block is ASCII-only, and it is reached in a
-- single-byte database (LATIN1, ...) only if the whole install script is ASCII-only; a script with
-- Chinese text fails there first with PostgreSQL's own error (22P05, "character with byte sequence
-- ... has no equivalent in encoding"). In SQL_ASCII nothing is converted and this block refuses.
-- UTF8 and EUC_CN are the server encodings that hold the labels (GBK and GB18030 are client-only).
DO $encoding$
BEGIN
	IF pg_catalog.getdatabaseencoding()::text OPERATOR(pg_catalog.<>) ALL (ARRAY['UTF8', 'EUC_CN']) THEN
		RAISE EXCEPTION USING
			ERRCODE = 'feature_not_supported',
			MESSAGE = pg_catalog.format('govinfo needs a database encoding that can hold its Chinese labels, not %s',
			                            pg_catalog.getdatabaseencoding()),
			DETAIL = 'govinfo supports the server encodings UTF8 and EUC_CN; GBK and GB18030 are client encodings only.',
			HINT = 'Install govinfo in a database created with ENCODING ''UTF8'' (or ''EUC_CN'') from template0, e.g. createdb -E UTF8 -T template0 NAME.';
	END IF;
END
$encoding$;
