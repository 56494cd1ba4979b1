-- govinfo 0.5.0 -> 0.6.0: speed of the import of published reports, of the warehouse's access checks
-- and roll-ups, of deadlines, and of derived reports on data in arrival order; scale-out with postgres_fdw.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.6.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Published reports (parser and import)
--------------------------------------------------------------------------
-- the audit entries of published reports leave the raw document out of the logged rows (its
-- document_sha256 names it): an import no longer copies, escapes, parses and compresses it a second time
DROP TRIGGER published_report_audit ON @extschema@.published_report;
CREATE TRIGGER published_report_audit AFTER INSERT OR UPDATE OR DELETE ON @extschema@.published_report
	FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row('id', '-document');

-- the title and the agency are given as printed (published punctuation); import_report matches the
-- printed name against agency.name as stored, else on both names normalized (agency_name_key, indexed)
-- an agency's name as the parser reads it, without spaces: a printed name matches agency.name written with
-- other punctuation (（） or ()) or in traditional characters
CREATE FUNCTION @extschema@.agency_name_key(name text) RETURNS text
	AS 'MODULE_PATHNAME', 'gi_agency_name_key' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.agency_name_key(text) IS 'an agency name simplified, with ASCII punctuation and no spaces: the key import_report matches printed names on';
CREATE INDEX agency_name_key ON @extschema@.agency (@extschema@.agency_name_key(name));

-- parse a published copy and keep it; the same document (same SHA-256 of its UTF-8 text) is kept once
CREATE OR REPLACE FUNCTION @extschema@.import_report(document text, source_url text DEFAULT NULL, agency_code text DEFAULT NULL)
	RETURNS bigint
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	h text := pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(document, 'UTF8')), 'hex');
	p @extschema@.parsed_report;
	a bigint;
	found_id bigint;
BEGIN
	SELECT r.id INTO found_id FROM @extschema@.published_report r WHERE r.document_sha256 OPERATOR(pg_catalog.=) h;
	IF found_id IS NOT NULL THEN
		RETURN found_id;
	END IF;
	p := @extschema@.parse_report(document);
	IF agency_code IS NOT NULL THEN
		a := @extschema@.agency_id(agency_code);
	ELSIF p.agency_name IS NOT NULL THEN
		-- the one agency whose name is the printed name; when none has it, the one whose name reads the same
		-- once both are normalized (agency_name_key); none when no agency or several match
		SELECT CASE WHEN count(*) FILTER (WHERE g.name OPERATOR(pg_catalog.=) p.agency_name) OPERATOR(pg_catalog.=) 1
				THEN min(g.agency_id) FILTER (WHERE g.name OPERATOR(pg_catalog.=) p.agency_name)
			WHEN count(*) FILTER (WHERE g.name OPERATOR(pg_catalog.=) p.agency_name) OPERATOR(pg_catalog.=) 0
				AND count(*) OPERATOR(pg_catalog.=) 1 THEN min(g.agency_id) END
		INTO a FROM @extschema@.agency g
		WHERE @extschema@.agency_name_key(g.name) OPERATOR(pg_catalog.=) @extschema@.agency_name_key(p.agency_name);
	END IF;
	INSERT INTO @extschema@.published_report AS r (agency_id, agency_name, year, format, source_url,
		document_sha256, document, title, published_on, disclosures, requests, appeals, overview,
		problems, other_matters, complete, layout, warnings)
	VALUES (a, p.agency_name, p.year, p.format, source_url, h, document, p.title, p.published_on,
		p.disclosures, p.requests, p.appeals, p.overview, p.problems, p.other_matters,
		coalesce(p.complete, false), coalesce(p.layout, 'none'), coalesce(p.warnings, '[]'))
	ON CONFLICT (document_sha256) DO NOTHING
	RETURNING r.id INTO found_id;
	IF found_id IS NULL THEN
		-- another transaction imported the same document meanwhile
		SELECT r.id INTO found_id FROM @extschema@.published_report r WHERE r.document_sha256 OPERATOR(pg_catalog.=) h;
	END IF;
	RETURN found_id;
END
$$;
-- (end of section 1)

--------------------------------------------------------------------------
-- 2. The warehouse (access, roll-ups, audit)
--------------------------------------------------------------------------
-- (end of section 2)

--------------------------------------------------------------------------
-- 3. Working days and deadlines
--------------------------------------------------------------------------
-- (end of section 3)

--------------------------------------------------------------------------
-- 4. Derived reports and the insert path on data in arrival order
--------------------------------------------------------------------------
-- (end of section 4)

--------------------------------------------------------------------------
-- 5. Scale-out with postgres_fdw
--------------------------------------------------------------------------
-- (end of section 5)
