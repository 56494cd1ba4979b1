-- After scripts/demo/pingshan-2021.sql and scripts/demo/records.sql: store the derived reports of
-- 2020 to 2022, publish some of them and reopen one, so that a database holds entered, derived,
-- published and reopened reports and records in published and unpublished years.
-- Used by the upgrade and dump/restore suites (it runs on 0.2.0 and later).
SELECT govinfo.refresh_reports(2020), govinfo.refresh_reports(2021), govinfo.refresh_reports(2022);
SELECT govinfo.publish_report('pingshan-zhen', 2021);
SELECT govinfo.publish_report(code, 2020) FROM govinfo.agency WHERE code IN ('pingshan-land', 'pingshan-office', 'pingshan-police');
SELECT govinfo.publish_report(code, 2021) FROM govinfo.agency WHERE code IN ('pingshan-land', 'pingshan-edu');
SELECT govinfo.reopen_report('pingshan-edu', 2021, 'a typing error in table 三');
SELECT govinfo.publish_report('pingshan-edu', 2021);
