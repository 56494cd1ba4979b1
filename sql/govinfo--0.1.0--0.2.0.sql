-- govinfo 0.1.0 -> 0.2.0: the records behind the figures (applications, appeal cases, documents,
-- decisions, fees), derivation of tables 二/三/四 in C, drill-down, and the publication lock.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.2.0'" to load this file. \quit

--------------------------------------------------------------------------
-- govinfo.applicant and govinfo.outcome: one-byte codes
--------------------------------------------------------------------------
CREATE TYPE @extschema@.applicant;
CREATE FUNCTION @extschema@.applicant_in(cstring) RETURNS @extschema@.applicant
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.applicant_out(@extschema@.applicant) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.applicant_recv(internal) RETURNS @extschema@.applicant
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.applicant_send(@extschema@.applicant) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.applicant (
	INTERNALLENGTH = 1, PASSEDBYVALUE, ALIGNMENT = char, STORAGE = plain,
	INPUT = @extschema@.applicant_in, OUTPUT = @extschema@.applicant_out,
	RECEIVE = @extschema@.applicant_recv, SEND = @extschema@.applicant_send
);
COMMENT ON TYPE @extschema@.applicant IS 'applicant category of a disclosure application: a column of table 三';

CREATE TYPE @extschema@.outcome;
CREATE FUNCTION @extschema@.outcome_in(cstring) RETURNS @extschema@.outcome
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.outcome_out(@extschema@.outcome) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.outcome_recv(internal) RETURNS @extschema@.outcome
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.outcome_send(@extschema@.outcome) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.outcome (
	INTERNALLENGTH = 1, PASSEDBYVALUE, ALIGNMENT = char, STORAGE = plain,
	INPUT = @extschema@.outcome_in, OUTPUT = @extschema@.outcome_out,
	RECEIVE = @extschema@.outcome_recv, SEND = @extschema@.outcome_send
);
COMMENT ON TYPE @extschema@.outcome IS 'how a disclosure application was handled: a leaf row (3.1 … 3.6.3) of table 三';

-- comparison in catalog order: both are stored as one unsigned byte, so PostgreSQL's own "char"
-- functions compare and hash them; the same operators and operator classes for each type
DO $do$
DECLARE
	t text;
	op record;
BEGIN
	FOREACH t IN ARRAY ARRAY['applicant', 'outcome'] LOOP
		FOR op IN SELECT * FROM (VALUES
			('eq', 'chareq', '=', '=', '<>', 'eqsel', 'eqjoinsel', ', HASHES, MERGES'),
			('ne', 'charne', '<>', '<>', '=', 'neqsel', 'neqjoinsel', ''),
			('lt', 'charlt', '<', '>', '>=', 'scalarltsel', 'scalarltjoinsel', ''),
			('le', 'charle', '<=', '>=', '>', 'scalarlesel', 'scalarlejoinsel', ''),
			('gt', 'chargt', '>', '<', '<=', 'scalargtsel', 'scalargtjoinsel', ''),
			('ge', 'charge', '>=', '<=', '<', 'scalargesel', 'scalargejoinsel', ''))
			AS v(suffix, internal, oper, commutator, negator, restrict_fn, join_fn, extra)
		LOOP
			EXECUTE format('CREATE FUNCTION @extschema@.%1$I(@extschema@.%2$I, @extschema@.%2$I) RETURNS boolean '
			               'AS %3$L LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF',
			               t || '_' || op.suffix, t, op.internal);
			EXECUTE format('CREATE OPERATOR @extschema@.%1$s (LEFTARG = @extschema@.%2$I, RIGHTARG = @extschema@.%2$I, '
			               'FUNCTION = @extschema@.%3$I, COMMUTATOR = %4$s, NEGATOR = %5$s, RESTRICT = %6$s, JOIN = %7$s%8$s)',
			               op.oper, t, t || '_' || op.suffix, op.commutator, op.negator, op.restrict_fn, op.join_fn, op.extra);
		END LOOP;
		EXECUTE format('CREATE FUNCTION @extschema@.%1$I(@extschema@.%2$I, @extschema@.%2$I) RETURNS integer '
		               'AS ''btcharcmp'' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF', t || '_cmp', t);
		EXECUTE format('CREATE FUNCTION @extschema@.%1$I(@extschema@.%2$I) RETURNS integer '
		               'AS ''hashchar'' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE', t || '_hash', t);
		EXECUTE format('CREATE OPERATOR CLASS @extschema@.%1$I DEFAULT FOR TYPE @extschema@.%2$I USING btree AS '
		               'OPERATOR 1 @extschema@.<, OPERATOR 2 @extschema@.<=, OPERATOR 3 @extschema@.=, '
		               'OPERATOR 4 @extschema@.>=, OPERATOR 5 @extschema@.>, '
		               'FUNCTION 1 @extschema@.%3$I(@extschema@.%2$I, @extschema@.%2$I)', t || '_ops', t, t || '_cmp');
		EXECUTE format('CREATE OPERATOR CLASS @extschema@.%1$I DEFAULT FOR TYPE @extschema@.%2$I USING hash AS '
		               'OPERATOR 1 @extschema@.=, FUNCTION 1 @extschema@.%3$I(@extschema@.%2$I)', t || '_hash_ops', t, t || '_hash');
	END LOOP;
END
$do$;

CREATE FUNCTION @extschema@.label(@extschema@.applicant, lang text DEFAULT 'zh') RETURNS text
	AS 'MODULE_PATHNAME', 'applicant_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.label(@extschema@.outcome, lang text DEFAULT 'zh') RETURNS text
	AS 'MODULE_PATHNAME', 'outcome_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.row_code(@extschema@.outcome, year integer) RETURNS text
	AS 'MODULE_PATHNAME', 'outcome_row_code' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

--------------------------------------------------------------------------
-- Derivation aggregates (states are the fixed-length figures types)
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.request_figures_agg_trans(@extschema@.request_figures, integer, date, date, @extschema@.applicant, @extschema@.outcome)
	RETURNS @extschema@.request_figures AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_agg_final(@extschema@.request_figures)
	RETURNS @extschema@.request_figures AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE @extschema@.request_figures_agg(year integer, received_on date, closed_on date,
		applicant @extschema@.applicant, outcome @extschema@.outcome) (
	SFUNC = @extschema@.request_figures_agg_trans, STYPE = @extschema@.request_figures, SSPACE = 704,
	FINALFUNC = @extschema@.request_figures_agg_final,
	COMBINEFUNC = @extschema@.request_figures_sum_trans, PARALLEL = SAFE);

CREATE FUNCTION @extschema@.appeal_figures_agg_trans(@extschema@.appeal_figures, integer, text, date, text, date)
	RETURNS @extschema@.appeal_figures AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE @extschema@.appeal_figures_agg(year integer, kind text, filed_on date, result text, concluded_on date) (
	SFUNC = @extschema@.appeal_figures_agg_trans, STYPE = @extschema@.appeal_figures, SSPACE = 60,
	COMBINEFUNC = @extschema@.appeal_figures_sum_trans, PARALLEL = SAFE);

CREATE FUNCTION @extschema@.application_in_cell(year integer, received_on date, closed_on date,
		applicant @extschema@.applicant, outcome @extschema@.outcome, row_code text, column_code text)
	RETURNS boolean AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.report_year(date) RETURNS integer
	AS 'MODULE_PATHNAME', 'report_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.record_spans_trans(internal, bigint, date, date) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE;
CREATE FUNCTION @extschema@.record_spans_final(internal) RETURNS bigint[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE;
CREATE AGGREGATE @extschema@.record_spans(agency_id bigint, first_on date, last_on date) (
	SFUNC = @extschema@.record_spans_trans, STYPE = internal, FINALFUNC = @extschema@.record_spans_final);
CREATE FUNCTION @extschema@.spans_rows(bigint[]) RETURNS TABLE(agency_id bigint, first_year integer, last_year integer)
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.application_valid(received_on date, corrected_on date, closed_on date,
		has_outcome boolean, channel text, fee_yuan numeric) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

--------------------------------------------------------------------------
-- Record tables
--------------------------------------------------------------------------
-- applications are bulk-loaded: the agency reference is checked once per statement
-- (govinfo.records_guard), not by a per-row foreign key
CREATE TABLE @extschema@.application (
	application_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	agency_id bigint NOT NULL,
	received_on date NOT NULL,
	applicant @extschema@.applicant NOT NULL,
	outcome @extschema@.outcome,
	closed_on date,
	channel text,
	subject text,
	corrected_on date,
	extended boolean NOT NULL DEFAULT false,
	fee_yuan numeric(12,2),
	-- one C call for every rule (a bulk load checks each row): application_outcome_iff_closed,
	-- application_corrected_after_received, application_closed_after_corrected,
	-- application_closed_after_received, application_dates_in_range (1990-2100),
	-- application_channel_known, application_fee_not_negative; the error names the rule
	CONSTRAINT application_valid CHECK (@extschema@.application_valid(received_on, corrected_on, closed_on,
		outcome IS NOT NULL, channel, fee_yuan))
);
CREATE INDEX application_agency_open ON @extschema@.application
	(agency_id, (coalesce(closed_on, 'infinity'::date))) INCLUDE (received_on, closed_on, applicant, outcome);
COMMENT ON TABLE @extschema@.application IS 'disclosure applications (政府信息公开申请), the records behind table 三';

CREATE TABLE @extschema@.appeal_case (
	case_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	agency_id bigint NOT NULL REFERENCES @extschema@.agency,
	kind text NOT NULL CONSTRAINT appeal_case_kind_known CHECK (kind IN ('review', 'suit', 'suit_after_review')),
	filed_on date NOT NULL CONSTRAINT appeal_case_filed_in_range CHECK (filed_on BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
	result text CONSTRAINT appeal_case_result_known CHECK (result IN ('upheld', 'corrected', 'other')),
	concluded_on date CONSTRAINT appeal_case_concluded_in_range CHECK (concluded_on BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
	CONSTRAINT appeal_case_result_iff_concluded CHECK ((result IS NULL) = (concluded_on IS NULL)),
	CONSTRAINT appeal_case_concluded_after_filed CHECK (concluded_on >= filed_on)
);
CREATE INDEX appeal_case_agency ON @extschema@.appeal_case (agency_id, filed_on);
COMMENT ON TABLE @extschema@.appeal_case IS 'administrative reconsiderations and lawsuits about disclosure, the records behind table 四';

CREATE TABLE @extschema@.normative_document (
	doc_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	agency_id bigint NOT NULL REFERENCES @extschema@.agency,
	kind text NOT NULL CONSTRAINT normative_document_kind_known CHECK (kind IN ('rule', 'normative')),
	title text NOT NULL,
	doc_number text,
	issued_on date NOT NULL CONSTRAINT normative_document_issued_in_range CHECK (issued_on BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
	abolished_on date CONSTRAINT normative_document_abolished_in_range CHECK (abolished_on BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
	CONSTRAINT normative_document_abolished_after_issued CHECK (abolished_on >= issued_on)
);
CREATE INDEX normative_document_agency ON @extschema@.normative_document (agency_id);
COMMENT ON TABLE @extschema@.normative_document IS 'rules (规章) and normative documents (行政规范性文件), the records behind rows 2.1.x';

CREATE TABLE @extschema@.decision_count (
	agency_id bigint NOT NULL REFERENCES @extschema@.agency,
	kind text NOT NULL CONSTRAINT decision_count_kind_known CHECK (kind IN ('licensing', 'penalty', 'coercion')),
	decided_on date NOT NULL CONSTRAINT decision_count_decided_in_range CHECK (decided_on BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
	n integer NOT NULL DEFAULT 1 CONSTRAINT decision_count_positive CHECK (n > 0)
);
CREATE INDEX decision_count_agency ON @extschema@.decision_count (agency_id, decided_on);
COMMENT ON TABLE @extschema@.decision_count IS 'licensing, penalty and coercion decisions (one row each, or a day''s batch), rows 2.5.1, 2.6.1, 2.6.2';

CREATE TABLE @extschema@.fee_receipt (
	agency_id bigint NOT NULL REFERENCES @extschema@.agency,
	received_on date NOT NULL CONSTRAINT fee_receipt_received_in_range CHECK (received_on BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
	amount_yuan numeric(14,2) NOT NULL CONSTRAINT fee_receipt_amount_not_negative CHECK (amount_yuan >= 0)
);
CREATE INDEX fee_receipt_agency ON @extschema@.fee_receipt (agency_id, received_on);
COMMENT ON TABLE @extschema@.fee_receipt IS 'administrative fees collected (行政事业性收费), row 2.8.1';

--------------------------------------------------------------------------
-- Publication
--------------------------------------------------------------------------
ALTER TABLE @extschema@.annual_report ADD COLUMN published_at timestamptz;

CREATE TABLE @extschema@.report_version (
	agency_id bigint NOT NULL REFERENCES @extschema@.agency,
	year integer NOT NULL,
	version integer NOT NULL,
	format text NOT NULL,
	disclosures @extschema@.disclosure_figures,
	requests @extschema@.request_figures,
	appeals @extschema@.appeal_figures,
	published_at timestamptz NOT NULL,
	reopened_at timestamptz NOT NULL DEFAULT now(),
	reason text NOT NULL CONSTRAINT report_version_reason_given CHECK (btrim(reason) <> ''),
	PRIMARY KEY (agency_id, year, version)
);
COMMENT ON TABLE @extschema@.report_version IS 'published figures of reports that were reopened: nothing published is lost';

DROP TRIGGER annual_report_check ON @extschema@.annual_report;
CREATE TRIGGER annual_report_check
	BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.annual_report
	FOR EACH ROW EXECUTE FUNCTION @extschema@.annual_report_check();

-- Once per statement on a record table: the agencies referenced exist (applications only),
-- their rows are locked FOR KEY SHARE (so publish_report, which locks them FOR UPDATE, waits for
-- this transaction or this statement sees the publication), and no change alters the figures of a
-- published agency-year.  A record counts in every year from the year of its first date to the year
-- of its last (NULL: open, every later year), so an inserted or deleted record in that span changes
-- the year; an UPDATE is refused only if the year's figures computed from the statement's old rows
-- and from its new rows differ.  TG_ARGV: the first-year date column, the last-year date column, the
-- columns that decide the figures, whether to check agencies, and an aggregate expression over the
-- rows x giving an agency's contribution to year $2.
CREATE FUNCTION @extschema@.records_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	first_col text := TG_ARGV[0];
	last_col text := TG_ARGV[1];
	cols text := TG_ARGV[2];
	check_agency boolean := TG_ARGV[3]::boolean;
	changed text;
	spans bigint[];
	ids bigint[];
	nlocked bigint;
	missing bigint;
	hit record;
	same boolean;
BEGIN
	changed := CASE TG_OP
		WHEN 'INSERT' THEN format('SELECT %s FROM new_rows', cols)
		WHEN 'DELETE' THEN format('SELECT %s FROM old_rows', cols)
		ELSE format('(SELECT %1$s FROM new_rows EXCEPT ALL SELECT %1$s FROM old_rows) UNION ALL '
		            '(SELECT %1$s FROM old_rows EXCEPT ALL SELECT %1$s FROM new_rows)', cols)
	END;
	-- one pass over the changed rows: their distinct (agency, first year, last year) spans
	EXECUTE format('SELECT govinfo.record_spans(agency_id, %I, %I) FROM (%s) x', first_col, last_col, changed)
		INTO spans;
	IF spans IS NULL THEN
		RETURN NULL;
	END IF;
	ids := ARRAY(SELECT DISTINCT s.agency_id FROM govinfo.spans_rows(spans) s);
	-- lock the agencies; a concurrent publish_report holds FOR UPDATE until it commits
	SELECT count(*) INTO nlocked FROM (
		SELECT 1 FROM govinfo.agency a WHERE a.agency_id = ANY (ids) ORDER BY a.agency_id FOR KEY SHARE OF a) l;
	IF check_agency AND TG_OP <> 'DELETE' AND nlocked < cardinality(ids) THEN
		SELECT i INTO missing FROM unnest(ids) i
		WHERE NOT EXISTS (SELECT 1 FROM govinfo.agency a WHERE a.agency_id = i) ORDER BY i LIMIT 1;
		RAISE EXCEPTION 'insert or update on table "%" violates its agency reference', TG_TABLE_NAME
			USING ERRCODE = 'foreign_key_violation',
				DETAIL = format('Key (agency_id)=(%s) is not present in table "agency".', missing),
				TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA;
	END IF;
	-- new statements, so fresh snapshots: they see a publication we waited for
	FOR hit IN
		SELECT DISTINCT g.code, r.agency_id, r.year
		FROM govinfo.spans_rows(spans) s
		JOIN govinfo.annual_report r ON r.agency_id = s.agency_id AND r.published_at IS NOT NULL
			AND r.year >= s.first_year AND (s.last_year IS NULL OR r.year <= s.last_year)
		JOIN govinfo.agency g ON g.agency_id = r.agency_id
		ORDER BY r.year, g.code
	LOOP
		IF TG_OP = 'UPDATE' THEN
			EXECUTE format('SELECT (SELECT %1$s FROM old_rows x WHERE x.agency_id = $1)
			                IS NOT DISTINCT FROM (SELECT %1$s FROM new_rows x WHERE x.agency_id = $1)', TG_ARGV[4])
				INTO same USING hit.agency_id, hit.year;
			CONTINUE WHEN same;
		END IF;
		RAISE EXCEPTION 'the annual report of agency "%" for year % is published', hit.code, hit.year
			USING ERRCODE = 'object_not_in_prerequisite_state',
				DETAIL = format('This %s of table %I would change its published figures.', TG_OP, TG_TABLE_NAME),
				HINT = 'govinfo.reopen_report(agency_code, year, reason) lifts the lock and keeps the published version.';
	END LOOP;
	RETURN NULL;
END
$$;

CREATE FUNCTION @extschema@.agency_delete_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	gone bigint;
BEGIN
	SELECT o.agency_id INTO gone FROM old_rows o
	WHERE EXISTS (SELECT 1 FROM govinfo.application a WHERE a.agency_id = o.agency_id) LIMIT 1;
	IF gone IS NOT NULL THEN
		RAISE EXCEPTION 'update or delete on table "agency" violates the agency reference of table "application"'
			USING ERRCODE = 'foreign_key_violation',
				DETAIL = format('Key (agency_id)=(%s) is still referenced from table "application".', gone);
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER agency_delete_guard AFTER DELETE ON @extschema@.agency
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.agency_delete_guard();
CREATE FUNCTION @extschema@.agency_key_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NEW.agency_id <> OLD.agency_id AND EXISTS (SELECT 1 FROM govinfo.application a WHERE a.agency_id = OLD.agency_id) THEN
		RAISE EXCEPTION 'update on table "agency" violates the agency reference of table "application"'
			USING ERRCODE = 'foreign_key_violation',
				DETAIL = format('Key (agency_id)=(%s) is still referenced from table "application".', OLD.agency_id);
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER agency_key_guard BEFORE UPDATE OF agency_id ON @extschema@.agency
	FOR EACH ROW EXECUTE FUNCTION @extschema@.agency_key_guard();

-- TRUNCATE empties a record table at once: refused while a report counting its rows is published
CREATE FUNCTION @extschema@.records_truncate_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	hit record;
BEGIN
	EXECUTE format('SELECT g.code, r.year FROM %I.%I x
	                JOIN govinfo.annual_report r ON r.agency_id = x.agency_id AND r.published_at IS NOT NULL
	                  AND r.year >= govinfo.report_year(x.%I) AND (x.%I IS NULL OR r.year <= govinfo.report_year(x.%I))
	                JOIN govinfo.agency g ON g.agency_id = r.agency_id LIMIT 1',
	               TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_ARGV[0], TG_ARGV[1], TG_ARGV[1]) INTO hit;
	IF hit IS NOT NULL THEN
		RAISE EXCEPTION 'the annual report of agency "%" for year % is published', hit.code, hit.year
			USING ERRCODE = 'object_not_in_prerequisite_state',
				DETAIL = format('TRUNCATE of table %I would change its published figures.', TG_TABLE_NAME),
				HINT = 'govinfo.reopen_report(agency_code, year, reason) lifts the lock and keeps the published version.';
	END IF;
	RETURN NULL;
END
$$;

CREATE FUNCTION @extschema@.annual_report_truncate_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM govinfo.annual_report WHERE published_at IS NOT NULL) THEN
		RAISE EXCEPTION 'table annual_report holds published reports'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				HINT = 'govinfo.reopen_report(agency_code, year, reason) lifts the lock of each.';
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER annual_report_truncate_guard BEFORE TRUNCATE ON @extschema@.annual_report
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.annual_report_truncate_guard();

-- one trigger per event and table (a trigger with transition tables fires for a single event);
-- the arguments name each table's first-year and last-year columns, the columns that count, and the
-- aggregate expression giving the figures of rows x in year $2
DO $do$
DECLARE
	t record;
	ev record;
BEGIN
	FOR t IN SELECT * FROM (VALUES
		('application', 'received_on', 'closed_on', 'agency_id, received_on, closed_on, applicant, outcome', 'true',
		 $e$@extschema@.request_figures_agg($2, x.received_on, x.closed_on, x.applicant, x.outcome)::text$e$),
		('appeal_case', 'filed_on', 'concluded_on', 'agency_id, kind, filed_on, result, concluded_on', 'false',
		 $e$@extschema@.appeal_figures_agg($2, x.kind, x.filed_on, x.result, x.concluded_on)::text$e$),
		('normative_document', 'issued_on', 'abolished_on', 'agency_id, kind, issued_on, abolished_on', 'false',
		 $e$array_agg(ROW(x.kind, extract(year FROM x.issued_on) = $2, coalesce(extract(year FROM x.abolished_on) = $2, false),
		              extract(year FROM x.issued_on) <= $2 AND (x.abolished_on IS NULL OR extract(year FROM x.abolished_on) > $2))::text
		              ORDER BY 1) FILTER (WHERE extract(year FROM x.issued_on) <= $2
		              AND (x.abolished_on IS NULL OR extract(year FROM x.abolished_on) >= $2))$e$),
		('decision_count', 'decided_on', 'decided_on', 'agency_id, kind, decided_on, n', 'false',
		 $e$array_agg(ROW(x.kind, x.n)::text ORDER BY 1) FILTER (WHERE extract(year FROM x.decided_on) = $2)$e$),
		('fee_receipt', 'received_on', 'received_on', 'agency_id, received_on, amount_yuan', 'false',
		 $e$sum(x.amount_yuan) FILTER (WHERE extract(year FROM x.received_on) = $2)$e$))
		AS v(tab, first_col, last_col, cols, check_agency, contribution)
	LOOP
		FOR ev IN SELECT * FROM (VALUES
			('insert', 'INSERT', 'NEW TABLE AS new_rows'),
			('update', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'),
			('delete', 'DELETE', 'OLD TABLE AS old_rows')) AS e(suffix, event, transition)
		LOOP
			EXECUTE format('CREATE TRIGGER %I AFTER %s ON @extschema@.%I REFERENCING %s FOR EACH STATEMENT '
			               'EXECUTE FUNCTION @extschema@.records_guard(%L, %L, %L, %L, %L)',
			               t.tab || '_guard_' || ev.suffix, ev.event, t.tab, ev.transition,
			               t.first_col, t.last_col, t.cols, t.check_agency, t.contribution);
		END LOOP;
		EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON @extschema@.%I FOR EACH STATEMENT '
		               'EXECUTE FUNCTION @extschema@.records_truncate_guard(%L, %L)',
		               t.tab || '_truncate_guard', t.tab, t.first_col, t.last_col);
	END LOOP;
END
$do$;

SELECT pg_catalog.pg_extension_config_dump('@extschema@.application', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.appeal_case', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.normative_document', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.decision_count', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.fee_receipt', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.report_version', '');

--------------------------------------------------------------------------
-- Derivation
--------------------------------------------------------------------------
-- the agency_id of a code, or 42704 naming the code
CREATE FUNCTION @extschema@.agency_id(agency_code text) RETURNS bigint
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint;
BEGIN
	SELECT g.agency_id INTO a FROM @extschema@.agency g WHERE g.code = agency_code;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown agency "%"', agency_code
			USING ERRCODE = 'undefined_object', HINT = 'Agencies are listed in govinfo.agency by code.';
	END IF;
	RETURN a;
END
$$;

-- the three figures of one report year derived from the records, per agency: every agency with a
-- record that counts in the year, or only only_agency; one set-based pass over each record table
-- BEGIN ATOMIC binds every name when the function is created and there is no SET clause, so the
-- planner inlines the function into its caller: with a known agency the agency range below is one
-- value and each record table is read by index; with NULL it is every agency.
CREATE FUNCTION @extschema@.derived_reports(year integer, only_agency bigint DEFAULT NULL)
	RETURNS TABLE(agency_id bigint, disclosures @extschema@.disclosure_figures,
		requests @extschema@.request_figures, appeals @extschema@.appeal_figures)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH req AS (
		SELECT a.agency_id, @extschema@.request_figures_agg(derived_reports.year, a.received_on, a.closed_on, a.applicant, a.outcome) AS f
		FROM @extschema@.application a
		WHERE coalesce(a.closed_on, 'infinity'::date) >= make_date(derived_reports.year, 1, 1)
		  AND a.received_on < make_date(derived_reports.year + 1, 1, 1)
		  AND a.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY a.agency_id),
	app AS (
		SELECT c.agency_id, @extschema@.appeal_figures_agg(derived_reports.year, c.kind, c.filed_on, c.result, c.concluded_on) AS f
		FROM @extschema@.appeal_case c
		WHERE c.filed_on < make_date(derived_reports.year + 1, 1, 1)
		  AND (c.concluded_on IS NULL OR c.concluded_on >= make_date(derived_reports.year, 1, 1))
		  AND c.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY c.agency_id),
	docs AS (
		SELECT d.agency_id,
			count(*) FILTER (WHERE d.kind = 'rule' AND d.issued_on >= make_date(derived_reports.year, 1, 1)) AS rule_issued,
			count(*) FILTER (WHERE d.kind = 'rule' AND d.abolished_on < make_date(derived_reports.year + 1, 1, 1)) AS rule_abolished,
			count(*) FILTER (WHERE d.kind = 'rule' AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_reports.year + 1, 1, 1))) AS rule_in_force,
			count(*) FILTER (WHERE d.kind = 'normative' AND d.issued_on >= make_date(derived_reports.year, 1, 1)) AS norm_issued,
			count(*) FILTER (WHERE d.kind = 'normative' AND d.abolished_on < make_date(derived_reports.year + 1, 1, 1)) AS norm_abolished,
			count(*) FILTER (WHERE d.kind = 'normative' AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_reports.year + 1, 1, 1))) AS norm_in_force
		FROM @extschema@.normative_document d
		WHERE d.issued_on < make_date(derived_reports.year + 1, 1, 1)
		  AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_reports.year, 1, 1))
		  AND d.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY d.agency_id),
	dec AS (
		SELECT k.agency_id,
			sum(k.n) FILTER (WHERE k.kind = 'licensing') AS licensing,
			sum(k.n) FILTER (WHERE k.kind = 'penalty') AS penalty,
			sum(k.n) FILTER (WHERE k.kind = 'coercion') AS coercion
		FROM @extschema@.decision_count k
		WHERE k.decided_on >= make_date(derived_reports.year, 1, 1) AND k.decided_on < make_date(derived_reports.year + 1, 1, 1)
		  AND k.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY k.agency_id),
	fee AS (
		SELECT r.agency_id, sum(r.amount_yuan) AS yuan
		FROM @extschema@.fee_receipt r
		WHERE r.received_on >= make_date(derived_reports.year, 1, 1) AND r.received_on < make_date(derived_reports.year + 1, 1, 1)
		  AND r.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY r.agency_id),
	ids AS (
		SELECT req.agency_id FROM req UNION SELECT app.agency_id FROM app UNION SELECT docs.agency_id FROM docs
		UNION SELECT dec.agency_id FROM dec UNION SELECT fee.agency_id FROM fee
		UNION SELECT only_agency WHERE only_agency IS NOT NULL)
	SELECT ids.agency_id,
		CASE WHEN derived_reports.year >= 2021 THEN
			format('2021|2.1.1:%s,%s,%s|2.1.2:%s,%s,%s|2.5.1:%s|2.6.1:%s|2.6.2:%s|2.8.1:%s',
				coalesce(docs.rule_issued, 0), coalesce(docs.rule_abolished, 0), coalesce(docs.rule_in_force, 0),
				coalesce(docs.norm_issued, 0), coalesce(docs.norm_abolished, 0), coalesce(docs.norm_in_force, 0),
				coalesce(dec.licensing, 0), coalesce(dec.penalty, 0), coalesce(dec.coercion, 0),
				round(coalesce(fee.yuan, 0) / 10000, 6))::@extschema@.disclosure_figures
		END,
		-- an agency with no application in scope: the aggregate over no application, i.e. zeros
		coalesce(req.f, (SELECT @extschema@.request_figures_agg(derived_reports.year, NULL, NULL, NULL, NULL))),
		coalesce(app.f, (SELECT @extschema@.appeal_figures_agg(derived_reports.year, NULL, NULL, NULL, NULL)))
	FROM ids
		LEFT JOIN req ON req.agency_id = ids.agency_id
		LEFT JOIN app ON app.agency_id = ids.agency_id
		LEFT JOIN docs ON docs.agency_id = ids.agency_id
		LEFT JOIN dec ON dec.agency_id = ids.agency_id
		LEFT JOIN fee ON fee.agency_id = ids.agency_id;
END;

CREATE FUNCTION @extschema@.derive_report(agency_code text, year integer,
		OUT disclosures @extschema@.disclosure_figures, OUT requests @extschema@.request_figures,
		OUT appeals @extschema@.appeal_figures)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
BEGIN
	-- a cached plan with derived_reports inlined, reading this agency's rows by index
	SELECT d.disclosures, d.requests, d.appeals INTO disclosures, requests, appeals
	FROM @extschema@.derived_reports(derive_report.year, a) d;
END
$$;

-- the figures of a report: stored if there is a stored report, else derived from the records
CREATE FUNCTION @extschema@.report_figures(agency_code text, year integer,
		OUT disclosures @extschema@.disclosure_figures, OUT requests @extschema@.request_figures,
		OUT appeals @extschema@.appeal_figures, OUT stored boolean)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
BEGIN
	SELECT r.disclosures, r.requests, r.appeals, true INTO disclosures, requests, appeals, stored
	FROM @extschema@.annual_report r WHERE r.agency_id = a AND r.year = report_figures.year;
	IF NOT FOUND THEN
		SELECT d.disclosures, d.requests, d.appeals, false INTO disclosures, requests, appeals, stored
		FROM @extschema@.derived_reports(report_figures.year, a) d;
	END IF;
END
$$;

-- the figures of one part, or P0002 naming the report and the table when they are NULL
CREATE FUNCTION @extschema@.report_part(agency_code text, year integer, part text, figures anyelement)
	RETURNS anyelement
	LANGUAGE plpgsql IMMUTABLE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF figures IS NULL THEN
		RAISE EXCEPTION 'the annual report of agency "%" for year % has no table % figures', agency_code, year, part
			USING ERRCODE = 'no_data_found',
				HINT = CASE WHEN part = '二' AND year < 2021 THEN 'govinfo stores table 二 in the 2021 format only.'
				            ELSE 'The stored report is still being compiled.' END;
	END IF;
	RETURN figures;
END
$$;

CREATE OR REPLACE FUNCTION @extschema@.report_table2(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, issued bigint, abolished bigint, in_force bigint, decisions bigint, amount numeric)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM @extschema@.report_figures(agency_code, year) r,
		@extschema@.table2(@extschema@.report_part(agency_code, year, '二', r.disclosures), lang) t;
END;

CREATE OR REPLACE FUNCTION @extschema@.report_table3(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, np integer, biz integer, res integer, npo integer, law integer, oth integer, total integer)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM @extschema@.report_figures(agency_code, year) r,
		@extschema@.table3(@extschema@.report_part(agency_code, year, '三', r.requests), lang) t;
END;

CREATE OR REPLACE FUNCTION @extschema@.report_table4(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(group_code text, label text, upheld integer, corrected integer, other integer, pending integer, total integer)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM @extschema@.report_figures(agency_code, year) r,
		@extschema@.table4(@extschema@.report_part(agency_code, year, '四', r.appeals), lang) t;
END;

DROP FUNCTION @extschema@.report_part(@extschema@.annual_report, text, text, anyelement);
DROP FUNCTION @extschema@.stored_report(text, integer);

-- store the derived figures of report years (all agencies with records, or one), skipping
-- published reports; returns how many reports were written
CREATE FUNCTION @extschema@.store_derived(year integer, only_agency bigint DEFAULT NULL)
	RETURNS bigint
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	written bigint;
BEGIN
	INSERT INTO @extschema@.annual_report AS r (agency_id, year, disclosures, requests, appeals, source)
	SELECT d.agency_id, store_derived.year, d.disclosures, d.requests, d.appeals, 'derived'
	FROM @extschema@.derived_reports(store_derived.year, only_agency) d
	ON CONFLICT ON CONSTRAINT annual_report_pkey DO UPDATE
		SET disclosures = excluded.disclosures, requests = excluded.requests, appeals = excluded.appeals,
			source = 'derived'
		WHERE r.published_at IS NULL;
	GET DIAGNOSTICS written = ROW_COUNT;
	RETURN written;
END
$$;

CREATE FUNCTION @extschema@.refresh_report(agency_code text, year integer) RETURNS void
	LANGUAGE plpgsql VOLATILE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
BEGIN
	IF EXISTS (SELECT 1 FROM @extschema@.annual_report r
	           WHERE r.agency_id = a AND r.year = refresh_report.year AND r.published_at IS NOT NULL) THEN
		RAISE EXCEPTION 'the annual report of agency "%" for year % is published', agency_code, year
			USING ERRCODE = 'object_not_in_prerequisite_state',
				HINT = 'govinfo.reopen_report(agency_code, year, reason) lifts the lock and keeps the published version.';
	END IF;
	PERFORM @extschema@.store_derived(year, a);
END
$$;

CREATE FUNCTION @extschema@.refresh_reports(year integer) RETURNS bigint
	LANGUAGE sql VOLATILE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT @extschema@.store_derived(refresh_reports.year);
END;

CREATE FUNCTION @extschema@.cell_applications(agency_code text, year integer, row_code text, column_code text)
	RETURNS SETOF @extschema@.application
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
BEGIN
	-- checks the year and the codes even when no application is in scope
	PERFORM @extschema@.application_in_cell(year, NULL, NULL, NULL, NULL, row_code, column_code);
	RETURN QUERY
		SELECT p.* FROM @extschema@.application p
		WHERE p.agency_id = a
		  AND coalesce(p.closed_on, 'infinity'::date) >= make_date(year, 1, 1)
		  AND p.received_on < make_date(year + 1, 1, 1)
		  AND @extschema@.application_in_cell(year, p.received_on, p.closed_on, p.applicant, p.outcome, row_code, column_code)
		ORDER BY p.application_id;
END
$$;

CREATE FUNCTION @extschema@.publish_report(agency_code text, year integer) RETURNS timestamptz
	LANGUAGE plpgsql VOLATILE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint;
	r @extschema@.annual_report;
BEGIN
	-- FOR UPDATE waits for every transaction writing this agency's records (they hold KEY SHARE)
	SELECT g.agency_id INTO a FROM @extschema@.agency g WHERE g.code = agency_code FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown agency "%"', agency_code USING ERRCODE = 'undefined_object';
	END IF;
	SELECT * INTO r FROM @extschema@.annual_report x WHERE x.agency_id = a AND x.year = publish_report.year FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no annual report of agency "%" for year % is stored', agency_code, year
			USING ERRCODE = 'no_data_found',
				HINT = 'Store it first: enter its figures, or govinfo.refresh_report(agency_code, year).';
	END IF;
	IF r.published_at IS NOT NULL THEN
		RAISE EXCEPTION 'the annual report of agency "%" for year % is already published', agency_code, year
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	IF r.source = 'derived' THEN
		-- include every record committed before the lock was taken
		PERFORM @extschema@.store_derived(year, a);
	END IF;
	PERFORM set_config('govinfo.publication', format('%s:%s', a, year), true);
	UPDATE @extschema@.annual_report x SET published_at = now()
	WHERE x.agency_id = a AND x.year = publish_report.year;
	PERFORM set_config('govinfo.publication', '', true);
	RETURN now();
END
$$;

CREATE FUNCTION @extschema@.reopen_report(agency_code text, year integer, reason text) RETURNS integer
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	r @extschema@.annual_report;
	v integer;
BEGIN
	IF reason IS NULL OR btrim(reason) = '' THEN
		RAISE EXCEPTION 'reopening a published report needs a reason' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT * INTO r FROM @extschema@.annual_report x WHERE x.agency_id = a AND x.year = reopen_report.year FOR UPDATE;
	IF NOT FOUND OR r.published_at IS NULL THEN
		RAISE EXCEPTION 'the annual report of agency "%" for year % is not published', agency_code, year
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	SELECT coalesce(max(x.version), 0) + 1 INTO v FROM @extschema@.report_version x
	WHERE x.agency_id = a AND x.year = reopen_report.year;
	INSERT INTO @extschema@.report_version (agency_id, year, version, format, disclosures, requests, appeals, published_at, reason)
	VALUES (a, year, v, r.format, r.disclosures, r.requests, r.appeals, r.published_at, reason);
	PERFORM set_config('govinfo.publication', format('%s:%s', a, year), true);
	UPDATE @extschema@.annual_report x SET published_at = NULL WHERE x.agency_id = a AND x.year = reopen_report.year;
	PERFORM set_config('govinfo.publication', '', true);
	RETURN v;
END
$$;
