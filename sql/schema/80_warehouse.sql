--------------------------------------------------------------------------
-- The warehouse: the agency hierarchy, roll-ups, access per agency, the audit trail
-- (doc/access.md)
--------------------------------------------------------------------------

--------------------------------------------------------------------------
-- Access: who may read, edit and publish the data of which agencies
--------------------------------------------------------------------------
-- the role acting: current_user, or, inside a SECURITY DEFINER function (publish_report,
-- grant_access, ...), the role that called it from outside (SET ROLE's role, else the session user)
CREATE FUNCTION @extschema@.acting_role() RETURNS name
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL RESTRICTED;

CREATE TABLE @extschema@.access_grant (
	grantee regrole NOT NULL,
	agency_id bigint NOT NULL REFERENCES @extschema@.agency ON DELETE CASCADE,
	access text NOT NULL CONSTRAINT access_grant_access_known CHECK (access IN ('read', 'edit', 'publish')),
	with_descendants boolean NOT NULL DEFAULT true,
	granted_by name NOT NULL,
	granted_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (grantee, agency_id, access)
);
COMMENT ON TABLE @extschema@.access_grant IS 'access of roles to the data of agencies (read < edit < publish), written by grant_access and revoke_access';

-- whether a role has the rights of the owner of govinfo's tables (which row-level security lets see all)
CREATE FUNCTION @extschema@.has_owner_rights(role name) RETURNS boolean
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT pg_catalog.pg_has_role(has_owner_rights.role, c.relowner, 'USAGE')
	FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) '@extschema@.annual_report'::pg_catalog.regclass;
END;

-- the rank of an access level: read 1, edit 2, publish 3; 22023 for anything else
CREATE FUNCTION @extschema@.access_rank(access text) RETURNS integer
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	CASE access
	WHEN 'read' THEN RETURN 1;
	WHEN 'edit' THEN RETURN 2;
	WHEN 'publish' THEN RETURN 3;
	ELSE
		RAISE EXCEPTION 'unknown access level "%"', access
			USING ERRCODE = 'invalid_parameter_value', HINT = 'The levels are read, edit and publish.';
	END CASE;
END
$$;

-- the agencies whose data a role may access at a level (a higher level includes the lower ones),
-- ascending: its grants and those of the roles whose rights it has, with the descendants of grants
-- made with_descendants. The owner's query, run as the owner by visible_agencies and by the sets each
-- backend keeps for the row-level security policies (src/access.c); granted to nobody.
CREATE FUNCTION @extschema@.visible_agencies_of(access text, role name) RETURNS bigint[]
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH RECURSIVE g AS (
		SELECT x.agency_id, x.with_descendants FROM @extschema@.access_grant x
		WHERE @extschema@.access_rank(x.access) OPERATOR(pg_catalog.>=) @extschema@.access_rank(visible_agencies_of.access)
		  AND pg_catalog.pg_has_role(visible_agencies_of.role, x.grantee, 'USAGE')),
	t(agency_id) AS (
		SELECT g.agency_id FROM g WHERE g.with_descendants
		UNION
		SELECT c.agency_id FROM @extschema@.agency c JOIN t ON c.parent_id OPERATOR(pg_catalog.=) t.agency_id)
	SELECT coalesce(pg_catalog.array_agg(s.agency_id ORDER BY s.agency_id), '{}')
	FROM (SELECT t.agency_id FROM t UNION SELECT g.agency_id FROM g) s;
END;

-- the same for a role the caller is, or has the rights of, or any role for the owner of govinfo's
-- tables: 42501 otherwise, so that no role learns another's grants (0.10.0; it was SECURITY DEFINER
-- and answered for any role). In C: it checks the role calling it, then reads visible_agencies_of as
-- the owner (src/access_visible.c).
CREATE FUNCTION @extschema@.visible_agencies(access text, role name) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'gi_visible_agencies' LANGUAGE C STABLE STRICT;

-- whether a role may access an agency's data at a level
CREATE FUNCTION @extschema@.has_access(agency_id bigint, access text, role name) RETURNS boolean
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT @extschema@.has_owner_rights(has_access.role)
		OR has_access.agency_id OPERATOR(pg_catalog.=) ANY (@extschema@.visible_agencies(has_access.access, has_access.role));
END;

-- 42501 naming the role, the level and the agency unless the role has that access
CREATE FUNCTION @extschema@.check_access(agency_id bigint, access text, role name) RETURNS void
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT @extschema@.has_access(agency_id, access, role) THEN
		RAISE EXCEPTION 'role "%" has no % access to agency "%"', role, access,
			(SELECT g.code FROM @extschema@.agency g WHERE g.agency_id = check_access.agency_id)
			USING ERRCODE = 'insufficient_privilege',
				HINT = '@extschema@.grant_access(role, agency_code, access) grants it; @extschema@.access_grants lists the grants.';
	END IF;
END
$$;

-- the table and function privileges each level needs (granted by grant_access, so an administrator
-- calls nothing else; row-level security limits them to the agencies granted)
CREATE FUNCTION @extschema@.level_privileges(access text)
	RETURNS TABLE(privilege text, object_type text, object_name text)
	LANGUAGE sql IMMUTABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT p.privilege, p.object_type, p.object_name
	FROM (VALUES
		(1, 'USAGE', 'SCHEMA', '@extschema@'),
		(1, 'SELECT', 'TABLE', '@extschema@.agency'),
		(1, 'SELECT', 'TABLE', '@extschema@.annual_report'),
		(1, 'SELECT', 'TABLE', '@extschema@.report_version'),
		(1, 'SELECT', 'TABLE', '@extschema@.application'),
		(1, 'SELECT', 'TABLE', '@extschema@.application_tally'),
		(1, 'SELECT', 'TABLE', '@extschema@.appeal_case'),
		(1, 'SELECT', 'TABLE', '@extschema@.normative_document'),
		(1, 'SELECT', 'TABLE', '@extschema@.decision_count'),
		(1, 'SELECT', 'TABLE', '@extschema@.fee_receipt'),
		(1, 'SELECT', 'TABLE', '@extschema@.audit_log'),
		(1, 'SELECT', 'TABLE', '@extschema@.published_report'),
		(1, 'SELECT', 'TABLE', '@extschema@.application_consultation'),
		(1, 'SELECT', 'TABLE', '@extschema@.report_snapshot'),
		(1, 'SELECT', 'TABLE', '@extschema@.access_grants'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.visible_agencies(text, name)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.has_access(bigint, text, name)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.check_access(bigint, text, name)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.agency_id(text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.derived_reports(integer, bigint)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.derive_report(text, integer)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_figures(text, integer)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_table2(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_table3(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_table4(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.cell_applications(text, integer, text, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.agency_tree(text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_sources(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_report(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_table2(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_table3(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_table4(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_differences(integer)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_history(text, integer)'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.annual_report'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.application'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.appeal_case'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.normative_document'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.decision_count'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.fee_receipt'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.published_report'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.application_consultation'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.store_derived(integer, bigint)'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.import_report(text, text, text)'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.adopt_published(bigint)'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.refresh_report(text, integer)'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.refresh_reports(integer)'),
		(3, 'EXECUTE', 'FUNCTION', '@extschema@.publish_report(text, integer)'),
		(3, 'EXECUTE', 'FUNCTION', '@extschema@.reopen_report(text, integer, text)')) p(rank, privilege, object_type, object_name)
	WHERE p.rank OPERATOR(pg_catalog.<=) @extschema@.access_rank(level_privileges.access)
	ORDER BY p.rank, p.object_type, p.object_name;
END;

-- grant a role access to an agency's data (and, with_descendants, to every agency under it) at a
-- level, with the privileges the level needs. For the extension's owner, or the roles it lets
-- execute this function (GRANT EXECUTE ON FUNCTION govinfo.grant_access ... TO ...).
CREATE FUNCTION @extschema@.grant_access(role regrole, agency_code text, access text, with_descendants boolean DEFAULT true)
	RETURNS void
	LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	p record;
BEGIN
	PERFORM @extschema@.access_rank(access);
	INSERT INTO @extschema@.access_grant AS x (grantee, agency_id, access, with_descendants, granted_by)
	VALUES (role, a, access, with_descendants, @extschema@.acting_role())
	ON CONFLICT ON CONSTRAINT access_grant_pkey DO UPDATE
		SET with_descendants = excluded.with_descendants, granted_by = excluded.granted_by, granted_at = excluded.granted_at
		WHERE x.with_descendants IS DISTINCT FROM excluded.with_descendants;
	FOR p IN SELECT * FROM @extschema@.level_privileges(access) LOOP
		EXECUTE format('GRANT %s ON %s %s TO %s', p.privilege, p.object_type, p.object_name, role::text);
	END LOOP;
END
$$;

-- revoke a role's access to an agency at a level (NULL: every level); the privileges of the levels
-- it no longer holds anywhere are revoked too
CREATE FUNCTION @extschema@.revoke_access(role regrole, agency_code text, access text DEFAULT NULL)
	RETURNS integer
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	top integer;
	n integer;
	p record;
BEGIN
	IF role IS NULL THEN
		RAISE EXCEPTION 'revoke_access needs a role' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF access IS NOT NULL THEN
		PERFORM @extschema@.access_rank(access);
	END IF;
	DELETE FROM @extschema@.access_grant x
	WHERE x.grantee = role AND x.agency_id = a AND (revoke_access.access IS NULL OR x.access = revoke_access.access);
	GET DIAGNOSTICS n = ROW_COUNT;
	SELECT coalesce(max(@extschema@.access_rank(x.access)), 0) INTO top FROM @extschema@.access_grant x WHERE x.grantee = role;
	FOR p IN SELECT l.* FROM @extschema@.level_privileges('publish') l
	         EXCEPT SELECT l.* FROM @extschema@.level_privileges(CASE top WHEN 3 THEN 'publish' WHEN 2 THEN 'edit' ELSE 'read' END) l
	         WHERE top > 0 LOOP
		EXECUTE format('REVOKE %s ON %s %s FROM %s', p.privilege, p.object_type, p.object_name, role::text);
	END LOOP;
	RETURN n;
END
$$;

-- security_barrier (0.9.0): a condition of the caller's query (a function that raises a notice of
-- every row it sees) is not evaluated before the view's own filter
CREATE VIEW @extschema@.access_grants WITH (security_barrier = true) AS
	SELECT x.grantee::text AS role, g.code AS agency_code, g.name AS agency_name, x.access, x.with_descendants,
		x.granted_by, x.granted_at
	FROM @extschema@.access_grant x JOIN @extschema@.agency g ON g.agency_id = x.agency_id
	-- a role sees its own grants (and those of the roles whose rights it has); the owner sees all
	WHERE pg_catalog.pg_has_role(x.grantee, 'USAGE') OR @extschema@.has_owner_rights(current_user);
COMMENT ON VIEW @extschema@.access_grants IS 'the access grants, by role and agency code';

--------------------------------------------------------------------------
-- Row-level security: a role sees the rows of the agencies it may read, and writes those of the
-- agencies it may edit; the owner of the tables (the extension's owner) is not subject to it.
-- The set of agencies of (current user, level) is computed by visible_agencies once and kept by
-- each backend (src/access.c) until access_grant, agency or a role membership changes; each row
-- is one bit test. For a small set the planner may use agency_id = ANY (readable_agency_ids()) as
-- an index condition (agency_access_support).
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.agency_access_support(internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
-- whether the current user may read (edit) an agency's data: the test of the policies
CREATE FUNCTION @extschema@.agency_readable(agency_id bigint) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE SUPPORT @extschema@.agency_access_support;
CREATE FUNCTION @extschema@.agency_editable(agency_id bigint) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE SUPPORT @extschema@.agency_access_support;
-- the agencies the current user may read (edit), ascending
CREATE FUNCTION @extschema@.readable_agency_ids() RETURNS bigint[]
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.editable_agency_ids() RETURNS bigint[]
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
-- statement trigger of access_grant and agency: every backend's kept sets are stale
CREATE FUNCTION @extschema@.agency_access_changed() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE TRIGGER access_grant_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.access_grant
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.agency_access_changed();
CREATE TRIGGER agency_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.agency
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.agency_access_changed();
REVOKE EXECUTE ON FUNCTION @extschema@.agency_access_changed() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.agency_access_support(internal) FROM PUBLIC;

DO $do$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['annual_report', 'report_version', 'application', 'appeal_case', 'normative_document',
	                         'decision_count', 'fee_receipt'] LOOP
		EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format($p$CREATE POLICY %1$s_read ON @extschema@.%1$I FOR SELECT
			USING (@extschema@.agency_readable(agency_id))$p$, t);
		EXECUTE format($p$CREATE POLICY %1$s_insert ON @extschema@.%1$I FOR INSERT
			WITH CHECK (@extschema@.agency_editable(agency_id))$p$, t);
		EXECUTE format($p$CREATE POLICY %1$s_update ON @extschema@.%1$I FOR UPDATE
			USING (@extschema@.agency_editable(agency_id))
			WITH CHECK (@extschema@.agency_editable(agency_id))$p$, t);
		EXECUTE format($p$CREATE POLICY %1$s_delete ON @extschema@.%1$I FOR DELETE
			USING (@extschema@.agency_editable(agency_id))$p$, t);
	END LOOP;
END
$do$;

-- the application tally: read as the applications are (its rows are counts of one agency's
-- applications; SELECT granted with level read, as on application), written only by govinfo's
-- triggers as the table's owner
ALTER TABLE @extschema@.application_tally ENABLE ROW LEVEL SECURITY;
CREATE POLICY application_tally_read ON @extschema@.application_tally FOR SELECT
	USING (@extschema@.agency_readable(agency_id));

--------------------------------------------------------------------------
-- The hierarchy
--------------------------------------------------------------------------
CREATE INDEX agency_parent ON @extschema@.agency (parent_id);

-- one row, updated by every change of a parent: concurrent changes take turns on it (and at
-- REPEATABLE READ the second one fails with 40001), so the cycle check sees the committed tree
CREATE TABLE @extschema@.agency_hierarchy (
	one boolean PRIMARY KEY DEFAULT true CONSTRAINT agency_hierarchy_one_row CHECK (one),
	changes bigint NOT NULL DEFAULT 0
);
COMMENT ON TABLE @extschema@.agency_hierarchy IS 'the lock row of changes to the agency tree (one row)';
INSERT INTO @extschema@.agency_hierarchy DEFAULT VALUES;

-- BEFORE UPDATE OF parent_id on agency: refuse a parent that would make a cycle (23514, naming its
-- agencies in order). An INSERT cannot close a cycle: no row can reference an agency not yet
-- committed (the foreign key), and an agency under itself is refused by agency_not_own_parent.
CREATE FUNCTION @extschema@.agency_hierarchy_check() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cycle text[];
BEGIN
	IF NEW.parent_id IS NOT DISTINCT FROM OLD.parent_id AND NEW.agency_id = OLD.agency_id THEN
		RETURN NEW;
	END IF;
	UPDATE @extschema@.agency_hierarchy SET changes = changes + 1;
	-- a new statement: it sees every change committed while this one waited
	WITH RECURSIVE up(agency_id, parent_id, path) AS (
		SELECT g.agency_id, g.parent_id, ARRAY[g.agency_id] FROM @extschema@.agency g WHERE g.agency_id = NEW.parent_id
		UNION ALL
		SELECT g.agency_id, g.parent_id, up.path || g.agency_id FROM up JOIN @extschema@.agency g ON g.agency_id = up.parent_id
		WHERE NOT g.agency_id = ANY (up.path) AND up.agency_id <> NEW.agency_id)
	SELECT ARRAY(SELECT coalesce(g.code, NEW.code) FROM unnest(up.path) WITH ORDINALITY p(id, i)
	             LEFT JOIN @extschema@.agency g ON g.agency_id = p.id AND p.id <> NEW.agency_id ORDER BY p.i)
	INTO cycle FROM up WHERE up.agency_id = NEW.agency_id;
	IF cycle IS NOT NULL THEN
		RAISE EXCEPTION 'agency "%" cannot be under agency "%": the agency tree would have a cycle', NEW.code,
			(SELECT g.code FROM @extschema@.agency g WHERE g.agency_id = NEW.parent_id)
			USING ERRCODE = 'check_violation', TABLE = 'agency', CONSTRAINT = 'agency_hierarchy_acyclic',
				DETAIL = format('The cycle: %s → %s.', NEW.code, array_to_string(cycle, ' → '));
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER agency_hierarchy_check BEFORE UPDATE OF parent_id, agency_id ON @extschema@.agency
	FOR EACH ROW WHEN (NEW.parent_id IS NOT NULL) EXECUTE FUNCTION @extschema@.agency_hierarchy_check();

-- an agency and every agency under it in tree order (contributors: only those not flagged
-- reports_rollup, which contribute through their children), from the tree each backend keeps until
-- agency or access_grant changes (src/agency_subtree.c); needs SELECT on agency; empty for an unknown id
CREATE FUNCTION @extschema@.subtree_agencies(agency_id bigint, contributors boolean) RETURNS bigint[]
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
-- whether an agency is in that list of root's (a test per row, for a scan of the reports)
CREATE FUNCTION @extschema@.subtree_contains(root bigint, agency_id bigint, contributors boolean) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;

-- an agency and every agency under it, in tree order
CREATE FUNCTION @extschema@.agency_tree(agency_code text)
	RETURNS TABLE(agency_id bigint, code text, name text, depth integer, path text[])
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH RECURSIVE t(agency_id, code, name, depth, path) AS (
		SELECT g.agency_id, g.code, g.name, 0, ARRAY[g.code] FROM @extschema@.agency g
		WHERE g.agency_id OPERATOR(pg_catalog.=) @extschema@.agency_id(agency_tree.agency_code)
		UNION ALL
		SELECT c.agency_id, c.code, c.name, t.depth OPERATOR(pg_catalog.+) 1, t.path OPERATOR(pg_catalog.||) c.code
		FROM t JOIN @extschema@.agency c ON c.parent_id OPERATOR(pg_catalog.=) t.agency_id)
	SELECT t.agency_id, t.code, t.name, t.depth, t.path FROM t ORDER BY t.path;
END;

--------------------------------------------------------------------------
-- Roll-ups. The subtrees come from the tree each backend keeps (subtree_agencies), not from a
-- recursive walk in SQL (~20 ms of a province's 35 ms in bench/warehouse.sh). The roll-up functions
-- run with jit off: the recursive queries they had were estimated at millions of rows and were
-- JIT-compiled for seconds (1.8 s of the 2.0 s rollup_differences took).
--------------------------------------------------------------------------
-- what each agency of a subtree contributes to its roll-up: every agency of the subtree not flagged
-- reports_rollup (a flagged one contributes through its children), with the figures of the source:
-- 'stored' (annual_report), 'derived' (from the records), 'published' (imported published reports,
-- govinfo.published_report), 'best' (stored, else derived, else published). source_used is
-- NULL for an agency with no report from the source. Rows hidden by row-level security count as missing.
CREATE FUNCTION @extschema@.rollup_sources(agency_code text, year integer, source text DEFAULT 'best')
	RETURNS TABLE(agency_id bigint, code text, source_used text, disclosures @extschema@.disclosure_figures,
		requests @extschema@.request_figures, appeals @extschema@.appeal_figures)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
	SET jit = off
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	need_derived boolean;
BEGIN
	IF source NOT IN ('stored', 'derived', 'published', 'best') THEN
		RAISE EXCEPTION 'unknown roll-up source "%"', source
			USING ERRCODE = 'invalid_parameter_value', HINT = 'The sources are stored, derived, published and best.';
	END IF;
	IF source = 'published' THEN
		-- the latest imported published report of each contributor
		RETURN QUERY
		WITH contrib AS MATERIALIZED (
			SELECT g.agency_id, g.code FROM pg_catalog.unnest(@extschema@.subtree_agencies(a, true)) u(agency_id)
				JOIN @extschema@.agency g ON g.agency_id = u.agency_id),
		pub AS (
			SELECT DISTINCT ON (p.agency_id) p.agency_id, p.disclosures, p.requests, p.appeals FROM @extschema@.published_report p
			WHERE p.year = rollup_sources.year AND p.agency_id IN (SELECT c.agency_id FROM contrib c)
			ORDER BY p.agency_id, p.imported_at DESC, p.id DESC)
		SELECT c.agency_id, c.code, CASE WHEN p.agency_id IS NOT NULL THEN 'published' END, p.disclosures, p.requests, p.appeals
		FROM contrib c LEFT JOIN pub p ON p.agency_id = c.agency_id;
		RETURN;
	END IF;
	RETURN QUERY
	WITH contrib AS MATERIALIZED (
		SELECT g.agency_id, g.code FROM pg_catalog.unnest(@extschema@.subtree_agencies(a, true)) u(agency_id)
			JOIN @extschema@.agency g ON g.agency_id = u.agency_id),
	st AS MATERIALIZED (
		SELECT r.agency_id, r.disclosures, r.requests, r.appeals FROM @extschema@.annual_report r
		WHERE rollup_sources.source IN ('stored', 'best') AND r.year = rollup_sources.year AND r.agency_id IN (SELECT c.agency_id FROM contrib c))
	SELECT c.agency_id, c.code, CASE WHEN s.agency_id IS NOT NULL THEN 'stored' END, s.disclosures, s.requests, s.appeals
	FROM contrib c LEFT JOIN st s ON s.agency_id = c.agency_id
	WHERE rollup_sources.source = 'stored' OR s.agency_id IS NOT NULL;
	IF source = 'stored' THEN
		RETURN;
	END IF;
	-- derived: every contributor (source 'derived') or those without a stored report ('best')
	RETURN QUERY
	WITH contrib AS MATERIALIZED (
		SELECT g.agency_id, g.code FROM pg_catalog.unnest(@extschema@.subtree_agencies(a, true)) u(agency_id)
			JOIN @extschema@.agency g ON g.agency_id = u.agency_id
		WHERE rollup_sources.source = 'derived' OR NOT EXISTS (SELECT 1 FROM @extschema@.annual_report r
		                                    WHERE r.agency_id = g.agency_id AND r.year = rollup_sources.year)),
	dv AS MATERIALIZED (
		SELECT d.agency_id, d.disclosures, d.requests, d.appeals FROM @extschema@.derived_reports(rollup_sources.year) d
		WHERE EXISTS (SELECT 1 FROM contrib))
	SELECT c.agency_id, c.code,
		CASE WHEN d.agency_id IS NOT NULL THEN 'derived' WHEN p.agency_id IS NOT NULL THEN 'published' END,
		CASE WHEN d.agency_id IS NOT NULL THEN d.disclosures ELSE p.disclosures END,
		CASE WHEN d.agency_id IS NOT NULL THEN d.requests ELSE p.requests END,
		CASE WHEN d.agency_id IS NOT NULL THEN d.appeals ELSE p.appeals END
	FROM contrib c LEFT JOIN dv d ON d.agency_id = c.agency_id
		LEFT JOIN LATERAL (
			SELECT x.agency_id, x.disclosures, x.requests, x.appeals FROM @extschema@.published_report x
			WHERE rollup_sources.source = 'best' AND d.agency_id IS NULL
			  AND x.agency_id = c.agency_id AND x.year = rollup_sources.year
			ORDER BY x.imported_at DESC, x.id DESC LIMIT 1) p ON true;
END
$$;

-- the figures of an agency and everything under it, summed with the types' + (a blank cell stays blank
-- only where it is blank in every report); agencies: the contributors; agencies_missing: those of them
-- with no report from the source
CREATE FUNCTION @extschema@.rollup_report(agency_code text, year integer, source text DEFAULT 'best')
	RETURNS TABLE(disclosures @extschema@.disclosure_figures, requests @extschema@.request_figures,
		appeals @extschema@.appeal_figures, agencies integer, agencies_missing integer)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
	SET jit = off
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	n integer;
BEGIN
	IF source = 'stored' THEN
		-- summed in the join, without handing every contributor's figures over (bench/warehouse.sh)
		-- a large subtree: a scan of the year's reports with a range test per row (a join of ~20,000
		-- ids with the reports spilled its hash); a small one: an index probe per contributor. A
		-- report row-level security hides is missing either way.
		n := pg_catalog.cardinality(@extschema@.subtree_agencies(a, true));
		IF n > 1000 THEN
			RETURN QUERY
			SELECT @extschema@.sum(r.disclosures), @extschema@.sum(r.requests), @extschema@.sum(r.appeals),
				n, (n OPERATOR(pg_catalog.-) count(*))::integer
			FROM @extschema@.annual_report r
			WHERE r.year = rollup_report.year AND @extschema@.subtree_contains(a, r.agency_id, true);
			RETURN;
		END IF;
		RETURN QUERY
		SELECT @extschema@.sum(r.disclosures), @extschema@.sum(r.requests), @extschema@.sum(r.appeals),
			count(*)::integer, (count(*) FILTER (WHERE r.agency_id IS NULL))::integer
		FROM pg_catalog.unnest(@extschema@.subtree_agencies(a, true)) t(agency_id)
			LEFT JOIN @extschema@.annual_report r ON r.agency_id = t.agency_id AND r.year = rollup_report.year;
		RETURN;
	END IF;
	RETURN QUERY
	SELECT @extschema@.sum(s.disclosures), @extschema@.sum(s.requests), @extschema@.sum(s.appeals),
		count(*)::integer, (count(*) FILTER (WHERE s.source_used IS NULL))::integer
	FROM @extschema@.rollup_sources(agency_code, year, source) s;
END
$$;

CREATE FUNCTION @extschema@.rollup_table2(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, issued bigint, abolished bigint, in_force bigint, decisions bigint, amount numeric,
		new_made bigint, new_published bigint, total_published bigint, prev_items bigint, delta bigint, count bigint)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM @extschema@.rollup_report(agency_code, year) r,
		@extschema@.table2(@extschema@.report_part(agency_code, year, '二', r.disclosures), lang) t;
END;

CREATE FUNCTION @extschema@.rollup_table3(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, np integer, biz integer, res integer, npo integer, law integer, oth integer, total integer)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM @extschema@.rollup_report(agency_code, year) r,
		@extschema@.table3(@extschema@.report_part(agency_code, year, '三', r.requests), lang) t;
END;

CREATE FUNCTION @extschema@.rollup_table4(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(group_code text, label text, upheld integer, corrected integer, other integer, pending integer, total integer)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM @extschema@.rollup_report(agency_code, year) r,
		@extschema@.table4(@extschema@.report_part(agency_code, year, '四', r.appeals), lang) t;
END;

-- the cells of two values of one figures type that differ (part 2, 3 or 4); a NULL value is all blank
CREATE FUNCTION @extschema@.figures_differences(reported_disclosures @extschema@.disclosure_figures, recomputed_disclosures @extschema@.disclosure_figures,
		reported_requests @extschema@.request_figures, recomputed_requests @extschema@.request_figures,
		reported_appeals @extschema@.appeal_figures, recomputed_appeals @extschema@.appeal_figures)
	RETURNS TABLE(part integer, row_code text, column_code text, reported numeric, recomputed numeric)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT 2, a.row_code, v.col, v.x, v.y
	FROM @extschema@.table2(figures_differences.reported_disclosures) a
		LEFT JOIN @extschema@.table2(figures_differences.recomputed_disclosures) b ON b.row_code = a.row_code,
		LATERAL (VALUES ('issued', a.issued::numeric, b.issued::numeric), ('abolished', a.abolished, b.abolished),
		                ('in_force', a.in_force, b.in_force), ('decisions', a.decisions, b.decisions),
		                ('amount', a.amount, b.amount)) v(col, x, y)
	WHERE figures_differences.reported_disclosures IS NOT NULL
	  AND figures_differences.reported_disclosures IS DISTINCT FROM figures_differences.recomputed_disclosures
	  AND v.x IS DISTINCT FROM v.y
	UNION ALL
	SELECT 3, a.row_code, v.col, v.x, v.y
	FROM @extschema@.table3(figures_differences.reported_requests) a
		LEFT JOIN @extschema@.table3(figures_differences.recomputed_requests) b ON b.row_code = a.row_code,
		LATERAL (VALUES ('np', a.np::numeric, b.np::numeric), ('biz', a.biz, b.biz), ('res', a.res, b.res),
		                ('npo', a.npo, b.npo), ('law', a.law, b.law), ('oth', a.oth, b.oth), ('total', a.total, b.total)) v(col, x, y)
	WHERE figures_differences.reported_requests IS NOT NULL
	  AND figures_differences.reported_requests IS DISTINCT FROM figures_differences.recomputed_requests
	  AND v.x IS DISTINCT FROM v.y
	UNION ALL
	SELECT 4, a.group_code, v.col, v.x, v.y
	FROM @extschema@.table4(figures_differences.reported_appeals) a
		LEFT JOIN @extschema@.table4(figures_differences.recomputed_appeals) b ON b.group_code = a.group_code,
		LATERAL (VALUES ('upheld', a.upheld::numeric, b.upheld::numeric), ('corrected', a.corrected, b.corrected),
		                ('other', a.other, b.other), ('pending', a.pending, b.pending), ('total', a.total, b.total)) v(col, x, y)
	WHERE figures_differences.reported_appeals IS NOT NULL
	  AND figures_differences.reported_appeals IS DISTINCT FROM figures_differences.recomputed_appeals
	  AND v.x IS DISTINCT FROM v.y;
END;

-- for every agency flagged reports_rollup with a stored report of the year, each cell where that
-- report differs from the roll-up of its subtree (stored reports, else derived ones)
CREATE FUNCTION @extschema@.rollup_differences(year integer)
	RETURNS TABLE(agency_code text, part integer, row_code text, column_code text, reported numeric, recomputed numeric)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
	SET jit = off
AS $$
BEGIN
	RETURN QUERY
	WITH roots AS MATERIALIZED (
		-- each roll-up agency with its stored report, else its latest imported published report
		SELECT g.agency_id AS root, g.code,
			CASE WHEN r.agency_id IS NOT NULL THEN r.disclosures ELSE p.disclosures END AS disclosures,
			CASE WHEN r.agency_id IS NOT NULL THEN r.requests ELSE p.requests END AS requests,
			CASE WHEN r.agency_id IS NOT NULL THEN r.appeals ELSE p.appeals END AS appeals
		FROM @extschema@.agency g
			LEFT JOIN @extschema@.annual_report r ON r.agency_id = g.agency_id AND r.year = rollup_differences.year
			LEFT JOIN LATERAL (
				SELECT x.disclosures, x.requests, x.appeals FROM @extschema@.published_report x
				WHERE x.agency_id = g.agency_id AND x.year = rollup_differences.year AND r.agency_id IS NULL
				ORDER BY x.imported_at DESC, x.id DESC LIMIT 1) p ON true
		WHERE g.reports_rollup AND (r.agency_id IS NOT NULL OR p.requests IS NOT NULL OR p.appeals IS NOT NULL
			OR p.disclosures IS NOT NULL)),
	-- a root is flagged reports_rollup, so its contributors are those under it
	contrib AS MATERIALIZED (
		SELECT roots.root, u.agency_id FROM roots, pg_catalog.unnest(@extschema@.subtree_agencies(roots.root, true)) u(agency_id)),
	-- summed in the join (no contributor's figures are handed over): stored reports first, then
	-- derived, then published ('best')
	stored_sums AS (
		SELECT c.root, @extschema@.sum(r.disclosures) AS disclosures, @extschema@.sum(r.requests) AS requests,
			@extschema@.sum(r.appeals) AS appeals
		FROM contrib c JOIN @extschema@.annual_report r ON r.agency_id = c.agency_id AND r.year = rollup_differences.year
		GROUP BY c.root),
	missing AS MATERIALIZED (
		SELECT c.root, c.agency_id FROM contrib c
		WHERE NOT EXISTS (SELECT 1 FROM @extschema@.annual_report r WHERE r.agency_id = c.agency_id AND r.year = rollup_differences.year)),
	derived AS MATERIALIZED (
		SELECT m.root, m.agency_id, d.disclosures, d.requests, d.appeals
		FROM missing m JOIN @extschema@.derived_reports(rollup_differences.year) d ON d.agency_id = m.agency_id
		WHERE EXISTS (SELECT 1 FROM missing)),
	derived_sums AS (
		SELECT d.root, @extschema@.sum(d.disclosures) AS disclosures, @extschema@.sum(d.requests) AS requests,
			@extschema@.sum(d.appeals) AS appeals
		FROM derived d GROUP BY d.root),
	published_sums AS (
		SELECT m.root, @extschema@.sum(p.disclosures) AS disclosures, @extschema@.sum(p.requests) AS requests,
			@extschema@.sum(p.appeals) AS appeals
		FROM missing m
			CROSS JOIN LATERAL (
				SELECT x.disclosures, x.requests, x.appeals FROM @extschema@.published_report x
				WHERE x.agency_id = m.agency_id AND x.year = rollup_differences.year
				ORDER BY x.imported_at DESC, x.id DESC LIMIT 1) p
		WHERE NOT EXISTS (SELECT 1 FROM derived d WHERE d.agency_id = m.agency_id)
		GROUP BY m.root),
	sums AS (
		SELECT x.root, @extschema@.sum(x.disclosures) AS disclosures, @extschema@.sum(x.requests) AS requests,
			@extschema@.sum(x.appeals) AS appeals
		FROM (SELECT * FROM stored_sums UNION ALL SELECT * FROM derived_sums UNION ALL SELECT * FROM published_sums) x
		GROUP BY x.root)
	SELECT roots.code, d.part, d.row_code, d.column_code, d.reported, d.recomputed
	FROM roots LEFT JOIN sums ON sums.root = roots.root,
		LATERAL @extschema@.figures_differences(roots.disclosures, sums.disclosures, roots.requests, sums.requests,
			roots.appeals, sums.appeals) d
	ORDER BY roots.code, d.part, d.row_code, d.column_code;
END
$$;

--------------------------------------------------------------------------
-- The audit trail
--------------------------------------------------------------------------
-- audit_id orders the entries of one database; it is not unique across a restore (the rows a restore
-- loads are logged as they load, and the log's own rows come back with their old numbers), so the
-- order is (logged_at, audit_id)
CREATE TABLE @extschema@.audit_log (
	audit_id bigint GENERATED ALWAYS AS IDENTITY,
	logged_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
	session_user_name name NOT NULL,
	current_user_name name NOT NULL,
	action text NOT NULL,
	table_name text NOT NULL,
	agency_id bigint,
	year integer,
	key jsonb,
	old_values jsonb,
	new_values jsonb,
	rows bigint
);
CREATE INDEX audit_log_agency ON @extschema@.audit_log (agency_id, year);
CREATE INDEX audit_log_time ON @extschema@.audit_log (logged_at, audit_id);
COMMENT ON TABLE @extschema@.audit_log IS 'every write to reports, agencies and grants (per row) and to records (per statement, agency and year); append-only';
-- the logged rows compressed with lz4 when the server has it (0.7.0): pglz was a tenth of an import's time
DO $$
BEGIN
	IF EXISTS (SELECT FROM pg_catalog.pg_settings WHERE name OPERATOR(pg_catalog.=) 'default_toast_compression'
			AND 'lz4' OPERATOR(pg_catalog.=) ANY (enumvals)) THEN
		ALTER TABLE @extschema@.audit_log ALTER COLUMN old_values SET COMPRESSION lz4,
			ALTER COLUMN new_values SET COMPRESSION lz4;
	END IF;
END
$$;

ALTER TABLE @extschema@.audit_log ENABLE ROW LEVEL SECURITY;
-- the entries of access_grant (the grants of every role on the agency) only for the owner (0.11.0): a
-- reader of an agency learned which other roles may read, edit or publish it
CREATE POLICY audit_log_read ON @extschema@.audit_log FOR SELECT
	USING (@extschema@.agency_readable(agency_id) AND table_name OPERATOR(pg_catalog.<>) 'access_grant');

CREATE FUNCTION @extschema@.audit_row() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE FUNCTION @extschema@.audit_records() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
-- adopt_published's mark: its INSERT of that report is logged as 'adopt' (only inside a SECURITY
-- DEFINER function of the tables' owner; 42501 elsewhere)
CREATE FUNCTION @extschema@.audit_adopt_next(agency_id bigint, year integer) RETURNS void
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE STRICT;
REVOKE EXECUTE ON FUNCTION @extschema@.audit_adopt_next(bigint, integer) FROM PUBLIC;

-- the arguments of audit_row: the key columns of the table
CREATE TRIGGER annual_report_audit AFTER INSERT OR UPDATE OR DELETE ON @extschema@.annual_report
	FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row('agency_id', 'year');
CREATE TRIGGER agency_audit AFTER INSERT OR UPDATE OR DELETE ON @extschema@.agency
	FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row('agency_id');
CREATE TRIGGER access_grant_audit AFTER INSERT OR UPDATE OR DELETE ON @extschema@.access_grant
	FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row('grantee', 'agency_id', 'access');

-- the argument of audit_records: the date column whose year is the record's report year. Inserts
-- into application are audited by application_insert_end from the counts its CHECK collects.
DO $do$
DECLARE
	t record;
	op text;
BEGIN
	FOR t IN SELECT * FROM (VALUES ('application', 'received_on'), ('appeal_case', 'filed_on'),
	                        ('normative_document', 'issued_on'), ('decision_count', 'decided_on'),
	                        ('fee_receipt', 'received_on')) v(tab, col) LOOP
		FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
			CONTINUE WHEN t.tab = 'application' AND op = 'insert';
			EXECUTE format('CREATE TRIGGER %I AFTER %s ON @extschema@.%I REFERENCING %s TABLE AS %s FOR EACH STATEMENT '
			               'EXECUTE FUNCTION @extschema@.audit_records(%L)',
			               t.tab || '_audit_' || op, upper(op), t.tab,
			               CASE op WHEN 'delete' THEN 'OLD' ELSE 'NEW' END,
			               CASE op WHEN 'delete' THEN 'old_rows' ELSE 'new_rows' END, t.col);
		END LOOP;
	END LOOP;
END
$do$;

-- the log is append-only: UPDATE, DELETE and TRUNCATE are refused (prune_audit lifts this for itself)
CREATE FUNCTION @extschema@.audit_log_append_only() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'the audit log is append-only'
		USING ERRCODE = 'insufficient_privilege',
			DETAIL = format('%s of %I is refused.', TG_OP, TG_TABLE_NAME),
			HINT = '@extschema@.prune_audit(before) removes old entries (the extension''s owner only).';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON @extschema@.audit_log
	FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON @extschema@.audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_log_append_only();

-- retention: remove the entries logged before a time; the extension's owner only. Returns how many.
CREATE FUNCTION @extschema@.prune_audit(before timestamptz) RETURNS bigint
	LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n bigint;
BEGIN
	IF NOT @extschema@.has_owner_rights(@extschema@.acting_role()) THEN
		RAISE EXCEPTION 'only the owner of govinfo''s tables prunes the audit log'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	-- the lock of ALTER TABLE keeps every other writer out until this transaction ends
	ALTER TABLE @extschema@.audit_log DISABLE TRIGGER audit_log_append_only;
	DELETE FROM @extschema@.audit_log x WHERE x.logged_at < before;
	GET DIAGNOSTICS n = ROW_COUNT;
	ALTER TABLE @extschema@.audit_log ENABLE TRIGGER audit_log_append_only;
	RETURN n;
END
$$;

-- every change of an agency-year's report, in order
CREATE FUNCTION @extschema@.report_history(agency_code text, year integer)
	RETURNS TABLE(logged_at timestamptz, session_user_name name, current_user_name name, action text,
		old_values jsonb, new_values jsonb)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT x.logged_at, x.session_user_name, x.current_user_name, x.action, x.old_values, x.new_values
	FROM @extschema@.audit_log x
	WHERE x.table_name OPERATOR(pg_catalog.=) 'annual_report'
	  AND x.agency_id OPERATOR(pg_catalog.=) @extschema@.agency_id(report_history.agency_code)
	  AND x.year OPERATOR(pg_catalog.=) report_history.year
	ORDER BY x.logged_at, x.audit_id;
END;

-- published reports (import): row-level security and the audit trail, as every agency-data table
ALTER TABLE @extschema@.published_report ENABLE ROW LEVEL SECURITY;
CREATE POLICY published_report_read ON @extschema@.published_report FOR SELECT
	USING (@extschema@.agency_readable(agency_id));
CREATE POLICY published_report_insert ON @extschema@.published_report FOR INSERT
	WITH CHECK (@extschema@.agency_editable(agency_id));
CREATE POLICY published_report_update ON @extschema@.published_report FOR UPDATE
	USING (@extschema@.agency_editable(agency_id))
	WITH CHECK (@extschema@.agency_editable(agency_id));
CREATE POLICY published_report_delete ON @extschema@.published_report FOR DELETE
	USING (@extschema@.agency_editable(agency_id));

-- The entry of a published report leaves out the raw document and what parse_report read from it as
-- text (parts one, five and six, the warnings): the logged document_sha256 names the document they come
-- from. An UPDATE that changes one of them logs its old and new value (audit_row). (0.10.0: copying the
-- parts into every import's entry was a fifth of import_report's time.)
CREATE TRIGGER published_report_audit AFTER INSERT OR UPDATE OR DELETE ON @extschema@.published_report
	FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row('id', '-document', '-overview', '-problems', '-other_matters', '-warnings');
-- 0.11.0: a role without the owner's rights inserts a published report only through import_report
-- (for the SHA-256 it computed from the document) and never changes document or document_sha256; an
-- editor squatted another agency's document by inserting its hash with any text (src/published_guard.c)
CREATE FUNCTION @extschema@.published_report_guard() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
REVOKE EXECUTE ON FUNCTION @extschema@.published_report_guard() FROM PUBLIC;
CREATE TRIGGER published_report_guard BEFORE INSERT OR UPDATE ON @extschema@.published_report
	FOR EACH ROW EXECUTE FUNCTION @extschema@.published_report_guard();
-- importing and adopting are edits: grant_access(..., 'edit') grants them
REVOKE EXECUTE ON FUNCTION @extschema@.import_report(text, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.adopt_published(bigint) FROM PUBLIC;

-- the consultation periods of an agency's applications: agency data as well
ALTER TABLE @extschema@.application_consultation ENABLE ROW LEVEL SECURITY;
CREATE POLICY application_consultation_read ON @extschema@.application_consultation FOR SELECT
	USING (application_id IN (SELECT a.application_id FROM @extschema@.application a
		WHERE @extschema@.agency_readable(a.agency_id)));
CREATE POLICY application_consultation_write ON @extschema@.application_consultation FOR ALL
	USING (application_id IN (SELECT a.application_id FROM @extschema@.application a
		WHERE @extschema@.agency_editable(a.agency_id)))
	WITH CHECK (application_id IN (SELECT a.application_id FROM @extschema@.application a
		WHERE @extschema@.agency_editable(a.agency_id)));
