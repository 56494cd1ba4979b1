#!/usr/bin/env bash
# Suite: govinfo in the server encodings that hold its Chinese labels (UTF8 and EUC_CN), and a clear
# refusal in the others. With client_encoding UTF8, an EUC_CN database must give the same bytes as a
# UTF8 one: labels, label input, messages, and the whole pg_regress suite. The one exception is the
# middle dot of table 四's group labels (U+00B7), which EUC_CN holds as GB2312 A1A4 and PostgreSQL
# returns as U+30FB; it is compared as U+00B7. One result per check; ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
n=0
pass=0
fail=0
U=govinfo_enc_utf8
G=govinfo_enc_euc_cn
R=govinfo_enc_regress
A=govinfo_enc_sql_ascii
L=govinfo_enc_latin1
export PGCLIENTENCODING=UTF8

ok() { n=$((n + 1)); pass=$((pass + 1)); echo "ok $n - $1"; }
notok() {
	n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $1"
	[ -n "${2:-}" ] && printf '%s\n' "$2" | head -40 | sed 's/^/#   /'
	return 0
}
# psql in a database: unaligned, tuples only, errors on stdout too
q() { local db=$1; shift; psql -X -q -At -d "$db" "$@" 2>&1; }
# U+30FB (GB2312 A1A4 as PostgreSQL maps it) back to U+00B7
undot() { sed 's/・/·/g'; }

# same DESC SQL [TEXT]: the UTF8 and the EUC_CN database give the same output (errors included),
# which contains TEXT
same() {
	local desc=$1 sql=$2 want=${3:-} u g
	u=$(q $U -c "$sql")
	g=$(q $G -c "$sql" | undot)
	if [ -z "$u" ]; then
		notok "$desc" "no output in the UTF8 database"
	elif [ -n "$want" ] && ! grep -qF -- "$want" <<<"$u"; then
		notok "$desc" "the output lacks \"$want\": $u"
	elif [ "$u" == "$g" ]; then
		ok "$desc ($(md5sum <<<"$u" | cut -c1-12))"
	else
		notok "$desc" "$(diff <(echo "$u") <(echo "$g"))"
	fi
}

# expect DESC DB SQL WANT: the output is exactly WANT
expect() {
	local got
	got=$(q "$2" -c "$3")
	if [ "$got" == "$4" ]; then ok "$1"; else notok "$1" "expected: $4"$'\n'"got:      $got"; fi
}

for db in $U $G $R $A $L; do dropdb --if-exists $db >/dev/null 2>&1; done
createdb -E UTF8 -T template0 --locale=C $U
createdb -E EUC_CN -T template0 --locale=C $G
createdb -E EUC_CN -T template0 --locale=C $R
createdb -E SQL_ASCII -T template0 --locale=C $A
createdb -E LATIN1 -T template0 --locale=C $L

# --- installing
expect "CREATE EXTENSION govinfo in a UTF8 database" $U "CREATE EXTENSION govinfo; SELECT getdatabaseencoding()" "UTF8"
expect "CREATE EXTENSION govinfo in an EUC_CN database" $G "CREATE EXTENSION govinfo; SELECT getdatabaseencoding()" "EUC_CN"

# --- labels that leave as text
same "table3 labels, 2021 format" "SELECT label FROM govinfo.table3('2021|')" "3.危及“三安全一稳定”"
same "table3 labels, 2019 format" "SELECT label FROM govinfo.table3('2019|')" "（六）其他处理"
same "table2 labels" "SELECT label FROM govinfo.table2('2021|')" "第二十条第（一）项"
same "table4 labels (middle dot compared as U+00B7)" \
	"SELECT label FROM govinfo.table4('review:,,,,|suit:,,,,|suit_after_review:,,,,')" "行政诉讼·复议后起诉"
same "report tables in English" "SELECT string_agg(label, '|') FROM govinfo.table3('2021|', 'en')"
same "row_catalog('2021')" "SELECT * FROM govinfo.row_catalog('2021')" "行政规范性文件"
same "row_catalog('2019')" "SELECT * FROM govinfo.row_catalog('2019')" "政府集中采购"
same "column_catalog('2021')" "SELECT * FROM govinfo.column_catalog('2021')" "法人或其他组织"
same "column_catalog('2019')" "SELECT * FROM govinfo.column_catalog('2019')" "本年增/减"
same "label(applicant) of every applicant" \
	"SELECT a, govinfo.label(a::govinfo.applicant) FROM unnest('{np,biz,res,npo,law,oth}'::text[]) a" "社会公益组织"
same "label(outcome) of every outcome" \
	"SELECT code, govinfo.label(code::govinfo.outcome) FROM govinfo.row_catalog('2021')
	 WHERE part = 3 AND kind = 'data' AND parent_code IS NOT NULL" "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
# force parallel plans: force_parallel_mode until 15, debug_parallel_query from 16
pmode=$(q $U -c "SELECT CASE WHEN current_setting('server_version_num')::int >= 160000 THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END")
same "table3 labels from a parallel worker" \
	"SET $pmode = on; SET parallel_setup_cost = 0; EXPLAIN (COSTS OFF, VERBOSE) SELECT label FROM govinfo.table3('2021|');
	 SELECT label FROM govinfo.table3('2021|')" "Single Copy: true"
same "error raised in a parallel worker" \
	"SET $pmode = on; SELECT x::govinfo.outcome FROM (VALUES ('3.3'), ('3.4')) v(x)" "（三）不予公开"
same "violations() messages" "SELECT rule, message FROM govinfo.violations('2019|3.7:1,0,0,0,0,0,1|4:0,0,0,0,0,0,1'::govinfo.request_figures)" "19 rows 3.1 … 3.6"
got=$(PGCLIENTENCODING=EUC_CN q $G -c "SELECT label FROM govinfo.table4('review:,,,,') WHERE group_code = 'suit'" | od -An -tx1 | tr -d ' \n')
if grep -q "^d0d0d5fecbdfcbcfa1a4" <<<"$got"; then	# 行政诉讼 A1A4
	ok "table4 labels hold GB2312's middle dot A1A4 in EUC_CN"
else
	notok "table4 labels hold GB2312's middle dot A1A4 in EUC_CN" "$got"
fi

# --- label input: matched in UTF-8 whatever the database and client encodings
want="np|biz|oth|3.1|3.2|3.3.3|3.3.1|3.6.1"
input="SELECT '自然人'::govinfo.applicant, ' 商业 企业 '::govinfo.applicant, '其他'::govinfo.applicant,
	'（一）予以公开'::govinfo.outcome, '(二)部分公开'::govinfo.outcome, '危及\"三安全一稳定\"'::govinfo.outcome,
	'1.属于国家秘密'::govinfo.outcome, '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'::govinfo.outcome"
expect "applicant and outcome label input, UTF8 database" $U "$input" "$want"
expect "applicant and outcome label input, EUC_CN database" $G "$input" "$want"
got=$(iconv -f UTF-8 -t GB2312 <<<"$input" | PGCLIENTENCODING=EUC_CN psql -X -q -At -d $G 2>&1)
if [ "$got" == "$want" ]; then ok "label input from an EUC_CN client"; else notok "label input from an EUC_CN client" "$got"; fi

# --- messages quoting labels or Chinese text
same "error: a group row is not an outcome" "SELECT '3.3'::govinfo.outcome" "（三）不予公开 of table 三"
same "error: the total column is not an applicant" "SELECT '总计'::govinfo.applicant" "table 三"
same "error: unknown applicant (hint quotes a label)" "SELECT '法人'::govinfo.applicant" "such as 自然人"
same "error: an amount finer than one fen (detail in 万元)" "SELECT '2021|2.8.1:1.1234567'::govinfo.disclosure_figures" "in 万元"
same "table 二 in the 2019 format: its official labels" "SELECT label FROM govinfo.table2('2019|2.5.2:1,-1,2') WHERE row_code = '2.5.2'" "其他对外管理服务事项"
same "error: unknown appeal kind (hint quotes labels)" \
	"SELECT govinfo.appeal_figures_agg(2021, 'bogus', date '2021-03-01', NULL, NULL)" "(行政复议)"
same "error: report year out of range" \
	"SELECT govinfo.request_figures_agg(2000, date '2000-03-01', NULL, 'np', NULL)" "2019 … 2100"
same "error: spans of the wrong shape" "SELECT * FROM govinfo.spans_rows('{1,2,3}'::bigint[])" "N×3"
same "agency names round-trip" "INSERT INTO govinfo.agency (code, name) VALUES ('enc', '测试局');
	SELECT name FROM govinfo.agency" "测试局"
carry="INSERT INTO govinfo.annual_report (agency_id, year, requests)
	SELECT agency_id, 2020, '2019|1:1,0,0,0,0,0,1|4:1,0,0,0,0,0,1' FROM govinfo.agency WHERE code = 'enc';
	INSERT INTO govinfo.annual_report (agency_id, year, requests)
	SELECT agency_id, 2021, '2021|1:0,0,0,0,0,0,0' FROM govinfo.agency WHERE code = 'enc';"
same "error: P3-CARRY between two years" "$carry" "Row 2 (上年结转)"

# --- the pg_regress suite in an EUC_CN database, read through a UTF8 client
psql -X -q -d $R -c 'CREATE EXTENSION govinfo' -c "ALTER DATABASE $R SET client_encoding = 'UTF8'"
out=$(mktemp -d)
tests=$(sed -nE 's/^REGRESS = //p' Makefile)
# pg_regress resets PGCLIENTENCODING; the database's client_encoding applies
"$(pg_config --pkglibdir)/pgxs/src/test/regress/pg_regress" --inputdir=. --outputdir="$out" \
	--bindir="$(pg_config --bindir)" --use-existing --dbname=$R $tests >/dev/null 2>&1
norm() { undot <"$1" | sed -E 's/ +/ /g; s/-+/-/g'; }
for t in $tests; do
	if [ ! -f "$out/results/$t.out" ]; then
		notok "pg_regress $t in EUC_CN" "no result"
	elif cmp -s "expected/$t.out" "$out/results/$t.out"; then
		ok "pg_regress $t in EUC_CN: identical output"
	elif cmp -s <(norm "expected/$t.out") <(norm "$out/results/$t.out"); then
		ok "pg_regress $t in EUC_CN: identical but for the middle dot"
	else
		notok "pg_regress $t in EUC_CN" "$(diff <(norm "expected/$t.out") <(norm "$out/results/$t.out"))"
	fi
done
rm -rf "$out"

# --- encodings that cannot hold the labels: CREATE EXTENSION refuses with a clear error (0A000)
marker="govinfo needs a database encoding that can hold its Chinese labels"
ext=$(pg_config --sharedir)/extension
version=$(sed -nE "s/^default_version = '(.*)'/\1/p" "$ext/govinfo.control")
if grep -qF "$marker" "$ext/govinfo--$version.sql" 2>/dev/null; then
	strict=1
	got=$(q $A -c '\set VERBOSITY verbose' -c 'CREATE EXTENSION govinfo')
	if grep -qF "ERROR:  0A000: $marker, not SQL_ASCII" <<<"$got"; then ok "SQL_ASCII: CREATE EXTENSION refused (0A000)"
	else notok "SQL_ASCII: CREATE EXTENSION refused (0A000)" "$got"; fi
	got=$(q $L -c 'CREATE EXTENSION govinfo')
	if grep -qP '[^\x00-\x7f]' "$ext/govinfo--$version.sql"; then
		# the script is converted before it runs: PostgreSQL refuses its Chinese text first
		if grep -q "ERROR" <<<"$got"; then ok "LATIN1: CREATE EXTENSION refused"; else notok "LATIN1: CREATE EXTENSION refused" "$got"; fi
		echo "# LATIN1 gets PostgreSQL's conversion error: govinfo--$version.sql is not ASCII-only"
	elif grep -qF "$marker, not LATIN1" <<<"$got"; then ok "LATIN1: CREATE EXTENSION refused with the clear error"
	else notok "LATIN1: CREATE EXTENSION refused with the clear error" "$got"; fi
else
	# the released install scripts cannot carry the check: run the pending block by hand
	echo "# govinfo--$version.sql does not run sql/pending/encoding.sql yet: testing the block itself"
	block=$(sed 's/@extschema@/govinfo/g' sql/pending/encoding.sql)
	got=$(q $A -c '\set VERBOSITY verbose' -c "$block")
	if grep -qF "ERROR:  0A000: $marker, not SQL_ASCII" <<<"$got"; then ok "SQL_ASCII: the encoding check refuses (0A000)"
	else notok "SQL_ASCII: the encoding check refuses (0A000)" "$got"; fi
	got=$(q $L -c "$block")
	if grep -qF "$marker, not LATIN1" <<<"$got"; then ok "LATIN1: the encoding check refuses"
	else notok "LATIN1: the encoding check refuses" "$got"; fi
	for db in $U $G; do
		got=$(q $db -c "$block")
		if [ -z "$got" ]; then ok "$db: the encoding check passes"; else notok "$db: the encoding check passes" "$got"; fi
	done
	got=$(q $L -c 'CREATE EXTENSION govinfo')
	if grep -q "ERROR" <<<"$got"; then ok "LATIN1: CREATE EXTENSION refused"; else notok "LATIN1: CREATE EXTENSION refused" "$got"; fi
fi
refused=$L
[ -n "${strict:-}" ] && refused="$A $L"
for db in $refused; do
	got=$(q $db -c "SELECT count(*) FROM pg_extension WHERE extname = 'govinfo'")
	if [ "$got" == "0" ]; then ok "$db: nothing installed"; else notok "$db: nothing installed" "$got"; fi
done

for db in $U $G $R $A $L; do dropdb --if-exists $db >/dev/null 2>&1; done
echo "$pass passed, $fail failed"
