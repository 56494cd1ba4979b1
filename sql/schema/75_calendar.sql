--------------------------------------------------------------------------
-- The working-day calendar (the State Council's yearly holiday notices, make-up days 调休 included)
--------------------------------------------------------------------------
-- A day is a working day when it has a 'workday' row (a make-up Saturday or Sunday), or it is a Monday
-- to Friday without a 'holiday' row. A year is known when it has a row on its 1 January (元旦 is in
-- every notice); the calendar covers the known years from the earliest one on, without a gap
-- (calendar_known_from() .. calendar_known_until()), and a computation that needs another day is an
-- error (22008) naming the missing year. The rows shipped with govinfo are shipped = true; a row
-- written by a user is shipped = false (a trigger sees to it), takes the place of a shipped row of the
-- same day, and is what pg_dump keeps (doc/deadlines.md).
CREATE TABLE @extschema@.workday_calendar (
	day date PRIMARY KEY,
	kind text NOT NULL CONSTRAINT workday_calendar_kind_known CHECK (kind IN ('holiday', 'workday')),
	name text,
	source text,
	shipped boolean NOT NULL DEFAULT false,
	CONSTRAINT workday_calendar_day_in_range CHECK (day BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
	CONSTRAINT workday_calendar_workday_on_weekend CHECK (kind = 'holiday' OR extract(isodow FROM day) >= 6)
);
COMMENT ON TABLE @extschema@.workday_calendar IS 'the days that differ from a Monday-Friday week, from the State Council''s holiday notices (国务院办公厅关于部分节假日安排的通知)';

-- the State Council's notices for 2019-2026 (data/cn-workdays.csv, written here by scripts/calendar-rows.sh)
-- calendar rows: begin
INSERT INTO @extschema@.workday_calendar (day, kind, name, source, shipped) VALUES
	(DATE '2018-12-29', 'workday', '元旦', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2018-12-30', 'holiday', '元旦', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2018-12-31', 'holiday', '元旦', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-01-01', 'holiday', '元旦', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-02', 'workday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-03', 'workday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-04', 'holiday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-05', 'holiday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-06', 'holiday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-07', 'holiday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-08', 'holiday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-09', 'holiday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-10', 'holiday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-04-05', 'holiday', '清明节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-04-06', 'holiday', '清明节', '国办发明电〔2018〕15号（2019年部分节假日安排）；与周末连休的周末', true),
	(DATE '2019-04-07', 'holiday', '清明节', '国办发明电〔2018〕15号（2019年部分节假日安排）；与周末连休的周末', true),
	(DATE '2019-04-28', 'workday', '劳动节', '国办发明电〔2019〕3号（调整2019年劳动节假期安排）', true),
	(DATE '2019-05-01', 'holiday', '劳动节', '国办发明电〔2019〕3号（调整2019年劳动节假期安排）', true),
	(DATE '2019-05-02', 'holiday', '劳动节', '国办发明电〔2019〕3号（调整2019年劳动节假期安排）', true),
	(DATE '2019-05-03', 'holiday', '劳动节', '国办发明电〔2019〕3号（调整2019年劳动节假期安排）', true),
	(DATE '2019-05-04', 'holiday', '劳动节', '国办发明电〔2019〕3号（调整2019年劳动节假期安排）', true),
	(DATE '2019-05-05', 'workday', '劳动节', '国办发明电〔2019〕3号（调整2019年劳动节假期安排）', true),
	(DATE '2019-06-07', 'holiday', '端午节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-06-08', 'holiday', '端午节', '国办发明电〔2018〕15号（2019年部分节假日安排）；与周末连休的周末', true),
	(DATE '2019-06-09', 'holiday', '端午节', '国办发明电〔2018〕15号（2019年部分节假日安排）；与周末连休的周末', true),
	(DATE '2019-09-13', 'holiday', '中秋节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-09-14', 'holiday', '中秋节', '国办发明电〔2018〕15号（2019年部分节假日安排）；与周末连休的周末', true),
	(DATE '2019-09-15', 'holiday', '中秋节', '国办发明电〔2018〕15号（2019年部分节假日安排）；与周末连休的周末', true),
	(DATE '2019-09-29', 'workday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-01', 'holiday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-02', 'holiday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-03', 'holiday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-04', 'holiday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-05', 'holiday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-06', 'holiday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-07', 'holiday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-12', 'workday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2020-01-01', 'holiday', '元旦', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-19', 'workday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-24', 'holiday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-25', 'holiday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-26', 'holiday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-27', 'holiday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-28', 'holiday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-29', 'holiday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-30', 'holiday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-31', 'holiday', '春节', '国办发明电〔2020〕1号（延长2020年春节假期）', true),
	(DATE '2020-02-01', 'holiday', '春节', '国办发明电〔2020〕1号（延长2020年春节假期）；原定当日（星期六）上班随之取消', true),
	(DATE '2020-02-02', 'holiday', '春节', '国办发明电〔2020〕1号（延长2020年春节假期）', true),
	(DATE '2020-04-04', 'holiday', '清明节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-04-05', 'holiday', '清明节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-04-06', 'holiday', '清明节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-04-26', 'workday', '劳动节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-05-01', 'holiday', '劳动节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-05-02', 'holiday', '劳动节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-05-03', 'holiday', '劳动节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-05-04', 'holiday', '劳动节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-05-05', 'holiday', '劳动节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-05-09', 'workday', '劳动节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-06-25', 'holiday', '端午节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-06-26', 'holiday', '端午节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-06-27', 'holiday', '端午节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-06-28', 'workday', '端午节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-09-27', 'workday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-01', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-02', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-03', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-04', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-05', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-06', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-07', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-08', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-10', 'workday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2021-01-01', 'holiday', '元旦', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-01-02', 'holiday', '元旦', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-01-03', 'holiday', '元旦', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-07', 'workday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-11', 'holiday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-12', 'holiday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-13', 'holiday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-14', 'holiday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-15', 'holiday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-16', 'holiday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-17', 'holiday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-20', 'workday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-04-03', 'holiday', '清明节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-04-04', 'holiday', '清明节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-04-05', 'holiday', '清明节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-04-25', 'workday', '劳动节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-05-01', 'holiday', '劳动节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-05-02', 'holiday', '劳动节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-05-03', 'holiday', '劳动节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-05-04', 'holiday', '劳动节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-05-05', 'holiday', '劳动节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-05-08', 'workday', '劳动节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-06-12', 'holiday', '端午节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-06-13', 'holiday', '端午节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-06-14', 'holiday', '端午节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-09-18', 'workday', '中秋节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-09-19', 'holiday', '中秋节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-09-20', 'holiday', '中秋节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-09-21', 'holiday', '中秋节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-09-26', 'workday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-01', 'holiday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-02', 'holiday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-03', 'holiday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-04', 'holiday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-05', 'holiday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-06', 'holiday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-07', 'holiday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-09', 'workday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2022-01-01', 'holiday', '元旦', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-01-02', 'holiday', '元旦', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-01-03', 'holiday', '元旦', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-01-29', 'workday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-01-30', 'workday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-01-31', 'holiday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-02-01', 'holiday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-02-02', 'holiday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-02-03', 'holiday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-02-04', 'holiday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-02-05', 'holiday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-02-06', 'holiday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-04-02', 'workday', '清明节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-04-03', 'holiday', '清明节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-04-04', 'holiday', '清明节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-04-05', 'holiday', '清明节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-04-24', 'workday', '劳动节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-04-30', 'holiday', '劳动节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-05-01', 'holiday', '劳动节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-05-02', 'holiday', '劳动节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-05-03', 'holiday', '劳动节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-05-04', 'holiday', '劳动节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-05-07', 'workday', '劳动节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-06-03', 'holiday', '端午节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-06-04', 'holiday', '端午节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-06-05', 'holiday', '端午节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-09-10', 'holiday', '中秋节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-09-11', 'holiday', '中秋节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-09-12', 'holiday', '中秋节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-01', 'holiday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-02', 'holiday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-03', 'holiday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-04', 'holiday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-05', 'holiday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-06', 'holiday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-07', 'holiday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-08', 'workday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-09', 'workday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-12-31', 'holiday', '元旦', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-01', 'holiday', '元旦', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-02', 'holiday', '元旦', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-21', 'holiday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-22', 'holiday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-23', 'holiday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-24', 'holiday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-25', 'holiday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-26', 'holiday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-27', 'holiday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-28', 'workday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-29', 'workday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-04-05', 'holiday', '清明节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-04-23', 'workday', '劳动节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-04-29', 'holiday', '劳动节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-04-30', 'holiday', '劳动节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-05-01', 'holiday', '劳动节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-05-02', 'holiday', '劳动节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-05-03', 'holiday', '劳动节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-05-06', 'workday', '劳动节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-06-22', 'holiday', '端午节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-06-23', 'holiday', '端午节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-06-24', 'holiday', '端午节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-06-25', 'workday', '端午节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-09-29', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-09-30', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-01', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-02', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-03', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-04', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-05', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-06', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-07', 'workday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-08', 'workday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-12-30', 'holiday', '元旦', '国办发明电〔2023〕7号（2024年部分节假日安排）；与周末连休的周末', true),
	(DATE '2023-12-31', 'holiday', '元旦', '国办发明电〔2023〕7号（2024年部分节假日安排）；与周末连休的周末', true),
	(DATE '2024-01-01', 'holiday', '元旦', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-04', 'workday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-10', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-11', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-12', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-13', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-14', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-15', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-16', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-17', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-18', 'workday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-04-04', 'holiday', '清明节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-04-05', 'holiday', '清明节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-04-06', 'holiday', '清明节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-04-07', 'workday', '清明节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-04-28', 'workday', '劳动节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-05-01', 'holiday', '劳动节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-05-02', 'holiday', '劳动节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-05-03', 'holiday', '劳动节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-05-04', 'holiday', '劳动节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-05-05', 'holiday', '劳动节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-05-11', 'workday', '劳动节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-06-08', 'holiday', '端午节', '国办发明电〔2023〕7号（2024年部分节假日安排）；与周末连休的周末', true),
	(DATE '2024-06-09', 'holiday', '端午节', '国办发明电〔2023〕7号（2024年部分节假日安排）；与周末连休的周末', true),
	(DATE '2024-06-10', 'holiday', '端午节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-09-14', 'workday', '中秋节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-09-15', 'holiday', '中秋节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-09-16', 'holiday', '中秋节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-09-17', 'holiday', '中秋节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-09-29', 'workday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-01', 'holiday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-02', 'holiday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-03', 'holiday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-04', 'holiday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-05', 'holiday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-06', 'holiday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-07', 'holiday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-12', 'workday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2025-01-01', 'holiday', '元旦', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-01-26', 'workday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-01-28', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-01-29', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-01-30', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-01-31', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-02-01', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-02-02', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-02-03', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-02-04', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-02-08', 'workday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-04-04', 'holiday', '清明节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-04-05', 'holiday', '清明节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-04-06', 'holiday', '清明节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-04-27', 'workday', '劳动节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-05-01', 'holiday', '劳动节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-05-02', 'holiday', '劳动节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-05-03', 'holiday', '劳动节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-05-04', 'holiday', '劳动节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-05-05', 'holiday', '劳动节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-05-31', 'holiday', '端午节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-06-01', 'holiday', '端午节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-06-02', 'holiday', '端午节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-09-28', 'workday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-01', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-02', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-03', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-04', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-05', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-06', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-07', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-08', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-11', 'workday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2026-01-01', 'holiday', '元旦', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-01-02', 'holiday', '元旦', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-01-03', 'holiday', '元旦', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-01-04', 'workday', '元旦', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-14', 'workday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-15', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-16', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-17', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-18', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-19', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-20', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-21', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-22', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-23', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-28', 'workday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-04-04', 'holiday', '清明节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-04-05', 'holiday', '清明节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-04-06', 'holiday', '清明节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-05-01', 'holiday', '劳动节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-05-02', 'holiday', '劳动节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-05-03', 'holiday', '劳动节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-05-04', 'holiday', '劳动节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-05-05', 'holiday', '劳动节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-05-09', 'workday', '劳动节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-06-19', 'holiday', '端午节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-06-20', 'holiday', '端午节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-06-21', 'holiday', '端午节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-09-20', 'workday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-09-25', 'holiday', '中秋节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-09-26', 'holiday', '中秋节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-09-27', 'holiday', '中秋节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-01', 'holiday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-02', 'holiday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-03', 'holiday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-04', 'holiday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-05', 'holiday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-06', 'holiday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-07', 'holiday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-10', 'workday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true);
-- calendar rows: end

-- after every statement that changes the calendar, the calendar each backend keeps (src/calendar.c)
-- is stale: in this session at once, in the others when the transaction commits
CREATE FUNCTION @extschema@.workday_calendar_changed() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE TRIGGER workday_calendar_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.workday_calendar
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.workday_calendar_changed();

-- a row written by a user is the user's (pg_dump keeps it) and takes the place of a shipped row of
-- the same day: so a restore brings back a changed shipped row over the one CREATE EXTENSION put back
CREATE FUNCTION @extschema@.workday_calendar_user_row() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.shipped := false;
	IF TG_OP = 'INSERT' THEN
		DELETE FROM @extschema@.workday_calendar c WHERE c.day OPERATOR(pg_catalog.=) NEW.day AND c.shipped;
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER workday_calendar_user_row BEFORE INSERT OR UPDATE ON @extschema@.workday_calendar
	FOR EACH ROW EXECUTE FUNCTION @extschema@.workday_calendar_user_row();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.workday_calendar', 'WHERE NOT shipped');

--------------------------------------------------------------------------
-- Working days (src/calendar.c, src/calendar_fmgr.c): the day a period starts on is not counted
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.is_workday(day date) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_workday(date) IS 'whether a day is a working day (工作日) by the State Council''s notices';
CREATE FUNCTION @extschema@.add_workdays(day date, n integer) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.add_workdays(date, integer) IS 'the n-th working day after a day, the day itself not counted; n = 0: the day if a working day, else the next one';
CREATE FUNCTION @extschema@.workdays_between(from_day date, to_day date) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.workdays_between(date, date) IS 'the working days after the first day up to and including the second (negative if the second is earlier)';
CREATE FUNCTION @extschema@.calendar_known_from() RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.calendar_known_from() IS 'the first day the working-day calendar covers (1 January of its first year)';
CREATE FUNCTION @extschema@.calendar_known_until() RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.calendar_known_until() IS 'the last day the working-day calendar covers (31 December of its last year)';

--------------------------------------------------------------------------
-- Deadlines of applications (条例 articles 30-33)
--------------------------------------------------------------------------
-- the periods an agency spent consulting a third party (article 32) or another agency: not counted
-- in the time limit (article 33). An application can have several, overlapping or not; ended_on
-- NULL: the consultation is still going on (the time limit stands still)
CREATE TABLE @extschema@.application_consultation (
	consultation_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	application_id bigint NOT NULL REFERENCES @extschema@.application ON DELETE CASCADE,
	started_on date NOT NULL CONSTRAINT application_consultation_started_in_range CHECK (started_on BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
	ended_on date CONSTRAINT application_consultation_ended_in_range CHECK (ended_on BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
	party text,
	CONSTRAINT application_consultation_ended_after_started CHECK (ended_on >= started_on)
);
CREATE INDEX application_consultation_application ON @extschema@.application_consultation (application_id);
COMMENT ON TABLE @extschema@.application_consultation IS 'periods spent consulting third parties or other agencies (条例 articles 32, 33), not counted in the time limit';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_consultation', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_consultation_consultation_id_seq', '');

-- The legal due date of every application. The clock starts on the day the application was received,
-- or the corrected application (article 30); that day is not counted. The time limit is 20 working
-- days, 40 when extended (article 33), plus the working days spent consulting (articles 32, 33: the
-- working days after the day a consultation started, up to the day it ended, after the clock start;
-- overlapping periods counted once). While a consultation of an open application goes on, due_on is
-- NULL (the clock stands still). workdays_taken and workdays_late are those of closed applications.
-- the working days of the consultations of each application that has any, counted once
-- security_invoker (0.9.0): a role granted SELECT on the view sees the rows its own rights and
-- row-level security let it see, not every agency's rows as the view's owner would
CREATE VIEW @extschema@.application_consultation_workdays WITH (security_invoker = true) AS
SELECT m.application_id, m.going_on,
	coalesce((SELECT sum(@extschema@.workdays_between(pg_catalog.lower(r) OPERATOR(pg_catalog.-) 1, pg_catalog.upper(r) OPERATOR(pg_catalog.-) 1))
	          FROM pg_catalog.unnest(m.periods) r), 0)::integer AS workdays
FROM (
	SELECT k.application_id, bool_or(k.ended_on IS NULL) AS going_on,
		pg_catalog.range_agg(CASE WHEN k.ended_on > greatest(k.started_on, coalesce(a.corrected_on, a.received_on))
		                          THEN pg_catalog.daterange(greatest(k.started_on, coalesce(a.corrected_on, a.received_on)), k.ended_on, '(]')
		                          ELSE 'empty'::pg_catalog.daterange END) AS periods
	FROM @extschema@.application_consultation k
	JOIN @extschema@.application a ON a.application_id = k.application_id
	GROUP BY k.application_id
) m;
COMMENT ON VIEW @extschema@.application_consultation_workdays IS 'the working days each application spent in consultations (条例 article 33), overlapping periods counted once';

-- the working days of an application's consultations after the clock start (src/consultation.c: the
-- periods read once per query, a bit test per application), NULL while one goes on and it is open
CREATE FUNCTION @extschema@.consult_workdays(application_id bigint, clock_starts_on date, closed_on date) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;

-- the whole deadline of one application in one call (src/deadline.c): the clock start, the due date,
-- the status as of as_of, the working days taken and late, the consultation working days, exactly as
-- the view application_deadline below defines them (the consultation periods read once per query)
CREATE FUNCTION @extschema@.deadline_of(application_id bigint, received_on date, corrected_on date, extended boolean,
		closed_on date, as_of date,
		OUT clock_starts_on date, OUT due_on date, OUT status text, OUT workdays_taken integer,
		OUT workdays_late integer, OUT consult_workdays integer)
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_of(bigint, date, date, boolean, date, date) IS 'the deadline of one application (条例 articles 30-33): clock start, due date, status as of a day, working days taken, late and consulting';

-- The columns of the view, one small C function each (src/deadline_columns.c): each takes the
-- application's inputs and returns one value; the first call on a row computes the row's deadline and
-- the others are handed it (kept by their inputs), so a row costs one computation, no record
CREATE FUNCTION @extschema@.deadline_due_on(application_id bigint, received_on date, corrected_on date, extended boolean, closed_on date)
	RETURNS date AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_due_on(bigint, date, date, boolean, date) IS 'the due date of an application (条例 articles 30-33); NULL while a consultation of an open application goes on';
CREATE FUNCTION @extschema@.deadline_status(application_id bigint, received_on date, corrected_on date, extended boolean, closed_on date)
	RETURNS text AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_status(bigint, date, date, boolean, date) IS 'the status of an application today: open, open_overdue, closed_on_time or closed_late';
CREATE FUNCTION @extschema@.deadline_workdays_taken(application_id bigint, received_on date, corrected_on date, extended boolean, closed_on date)
	RETURNS integer AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_workdays_taken(bigint, date, date, boolean, date) IS 'the working days a closed application took, its consultations not counted';
CREATE FUNCTION @extschema@.deadline_workdays_late(application_id bigint, received_on date, corrected_on date, extended boolean, closed_on date)
	RETURNS integer AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_workdays_late(bigint, date, date, boolean, date) IS 'the working days a closed application was answered after its due date (0: on time)';
CREATE FUNCTION @extschema@.deadline_consult_workdays(application_id bigint, received_on date, corrected_on date, extended boolean, closed_on date)
	RETURNS integer AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_consult_workdays(bigint, date, date, boolean, date) IS 'the working days of an application''s consultations after its clock start; NULL while one of an open application goes on';

-- One sequential scan of application, no join, no record: conditions on the view stay pushed into the
-- scan, and a row costs one computation of its deadline (bench/CALENDAR.md)
-- security_invoker (0.9.0): a role granted SELECT on the view sees the rows its own rights and
-- row-level security let it see, not every agency's rows as the view's owner would
CREATE VIEW @extschema@.application_deadline WITH (security_invoker = true) AS
SELECT a.application_id, a.agency_id, a.received_on, coalesce(a.corrected_on, a.received_on) AS clock_starts_on,
	@extschema@.deadline_due_on(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS due_on,
	a.closed_on,
	@extschema@.deadline_status(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS status,
	@extschema@.deadline_workdays_taken(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS workdays_taken,
	@extschema@.deadline_workdays_late(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS workdays_late,
	a.extended,
	@extschema@.deadline_consult_workdays(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS consult_workdays
FROM @extschema@.application a;
COMMENT ON VIEW @extschema@.application_deadline IS 'the legal due date of every application (条例 articles 30-33), its status, the working days taken and late';

-- the open applications of an agency and its descendants (agency_code NULL: of every agency) that are
-- past their due date on as_of, or due within due_within working days of it; the most overdue first.
-- Open on as_of: received by then and not closed by then. workdays_late: the working days after the
-- due date up to as_of (0 or less: not overdue; minus the working days left)
CREATE FUNCTION @extschema@.overdue_applications(agency_code text DEFAULT NULL, as_of date DEFAULT CURRENT_DATE,
		due_within integer DEFAULT 3)
	RETURNS TABLE(application_id bigint, agency_id bigint, code text, received_on date, clock_starts_on date,
		due_on date, overdue boolean, workdays_late integer)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	WITH RECURSIVE tree(agency_id) AS (
		SELECT @extschema@.agency_id(overdue_applications.agency_code) WHERE overdue_applications.agency_code IS NOT NULL
		UNION
		SELECT g.agency_id FROM @extschema@.agency g JOIN tree t ON g.parent_id = t.agency_id)
	SELECT d.application_id, d.agency_id, g.code, d.received_on, d.clock_starts_on, d.due_on,
		d.due_on < overdue_applications.as_of,
		@extschema@.workdays_between(d.due_on, overdue_applications.as_of)
	FROM (
		-- deadline_of once per open application of the agencies (OFFSET 0)
		SELECT x.application_id, x.agency_id, x.received_on, (x.dl).clock_starts_on, (x.dl).due_on
		FROM (
			SELECT a.application_id, a.agency_id, a.received_on,
				@extschema@.deadline_of(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on, CURRENT_DATE) AS dl
			FROM @extschema@.application a
			WHERE (overdue_applications.agency_code IS NULL OR a.agency_id IN (SELECT t.agency_id FROM tree t))
			  AND a.received_on <= overdue_applications.as_of
			  AND (a.closed_on IS NULL OR a.closed_on > overdue_applications.as_of)
			OFFSET 0) x
	) d
	JOIN @extschema@.agency g ON g.agency_id = d.agency_id
	WHERE d.due_on <= @extschema@.add_workdays(overdue_applications.as_of, overdue_applications.due_within)
	ORDER BY d.due_on, d.received_on, d.application_id;
END;
COMMENT ON FUNCTION @extschema@.overdue_applications(text, date, integer) IS 'open applications past their due date or due within N working days, of an agency and its descendants, most overdue first';

-- the timeliness figures of one year from the deadlines of a set of applications: those closed in
-- the year, and those open at its end (not closed by 31 December) with a due date in it or before
CREATE FUNCTION @extschema@.timeliness_rows(year integer)
	RETURNS TABLE(agency_id bigint, closed boolean, on_time boolean, extended boolean, workdays_taken integer, open_overdue boolean)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	-- the deadline computed once per candidate row (the column functions share it), on the
	-- applications closed in the year or open at its end; OFFSET 0: the caller's condition on the
	-- agency is not pushed into the scan (for an agency with most of the applications under it, a
	-- lookup per agency would cost far more than this one filtered scan)
	SELECT x.agency_id, x.closed_on <= make_date(timeliness_rows.year, 12, 31), x.closed_on <= x.due_on,
		x.extended, x.workdays_taken, x.closed_on IS NULL OR x.closed_on > make_date(timeliness_rows.year, 12, 31)
	FROM (
		SELECT a.agency_id, a.closed_on, a.extended,
			@extschema@.deadline_due_on(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS due_on,
			@extschema@.deadline_workdays_taken(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS workdays_taken
		FROM @extschema@.application a
		WHERE (a.closed_on BETWEEN make_date(timeliness_rows.year, 1, 1) AND make_date(timeliness_rows.year, 12, 31))
		   OR (a.received_on <= make_date(timeliness_rows.year, 12, 31)
		       AND (a.closed_on IS NULL OR a.closed_on > make_date(timeliness_rows.year, 12, 31)))
		OFFSET 0
	) x
	WHERE (x.closed_on BETWEEN make_date(timeliness_rows.year, 1, 1) AND make_date(timeliness_rows.year, 12, 31))
	   OR x.due_on <= make_date(timeliness_rows.year, 12, 31);
END;

-- on-time figures of an agency and its descendants for the applications closed in a year (and the
-- open ones overdue at its end)
CREATE FUNCTION @extschema@.timeliness(agency_code text, year integer)
	RETURNS TABLE(closed bigint, on_time bigint, on_time_pct numeric, extended bigint, median_workdays numeric,
		p90_workdays numeric, open_overdue bigint)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	WITH RECURSIVE tree(agency_id) AS (
		SELECT @extschema@.agency_id(timeliness.agency_code)
		UNION
		SELECT g.agency_id FROM @extschema@.agency g JOIN tree t ON g.parent_id = t.agency_id)
	SELECT count(*) FILTER (WHERE r.closed),
		count(*) FILTER (WHERE r.closed AND r.on_time),
		round(100.0 * count(*) FILTER (WHERE r.closed AND r.on_time) / nullif(count(*) FILTER (WHERE r.closed), 0), 1),
		count(*) FILTER (WHERE r.closed AND r.extended),
		percentile_cont(0.5) WITHIN GROUP (ORDER BY r.workdays_taken) FILTER (WHERE r.closed)::numeric,
		percentile_cont(0.9) WITHIN GROUP (ORDER BY r.workdays_taken) FILTER (WHERE r.closed)::numeric,
		count(*) FILTER (WHERE r.open_overdue)
	FROM @extschema@.timeliness_rows(timeliness.year) r
	WHERE r.agency_id IN (SELECT t.agency_id FROM tree t);
END;
COMMENT ON FUNCTION @extschema@.timeliness(text, integer) IS 'on-time figures of an agency and its descendants for the applications closed in a year';

-- histograms of working days taken (src/workdays_hist.c): a bigint[] whose element at subscript v counts
-- the applications that took v working days; summed up the hierarchy, read as percentile_cont reads.
-- SSPACE: an agency's state is about 600 bytes (the planner sizes a hash aggregate by it)
CREATE FUNCTION @extschema@.workdays_hist_add(internal, integer) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.workdays_hist_merge(internal, bigint[]) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.workdays_hist_final(internal) RETURNS bigint[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE @extschema@.workdays_histogram(integer) (
	SFUNC = @extschema@.workdays_hist_add, STYPE = internal, FINALFUNC = @extschema@.workdays_hist_final,
	SSPACE = 600, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.workdays_histogram(integer) IS 'the histogram of working days taken: a bigint[] whose element at subscript v counts the values equal to v';
CREATE AGGREGATE @extschema@.workdays_histogram_sum(bigint[]) (
	SFUNC = @extschema@.workdays_hist_merge, STYPE = internal, FINALFUNC = @extschema@.workdays_hist_final,
	SSPACE = 600, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.workdays_histogram_sum(bigint[]) IS 'the sum of working-days histograms (workdays_histogram)';
CREATE FUNCTION @extschema@.workdays_percentile(histogram bigint[], fraction double precision) RETURNS double precision
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.workdays_percentile(bigint[], double precision) IS 'percentile_cont(fraction) of the values a working-days histogram counts';

-- timeliness() of every agency (its descendants included), one row each, for a dashboard. One pass over
-- the year's applications gives each agency its counts and the histogram of its closings' working days
-- taken; each agency's row is added to those of the agency and its ancestors (the pairs walked up the
-- hierarchy by primary key), and the percentiles are read from the summed histograms as percentile_cont
-- interpolates: no sort of every application under every ancestor. Every join is between sets the
-- planner sizes as large (the last one groups by the agency's primary key): no planner settings
CREATE FUNCTION @extschema@.timeliness_by_agency(year integer)
	RETURNS TABLE(agency_id bigint, code text, name text, closed bigint, on_time bigint, on_time_pct numeric,
		extended bigint, median_workdays numeric, p90_workdays numeric, open_overdue bigint)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	WITH RECURSIVE up(agency_id, root) AS (
		-- each agency with itself and each of its ancestors (UNION: a cycle would end)
		SELECT g.agency_id, g.agency_id FROM @extschema@.agency g
		UNION
		SELECT u.agency_id, g.parent_id FROM up u JOIN @extschema@.agency g ON g.agency_id = u.root
		WHERE g.parent_id IS NOT NULL),
	own AS MATERIALIZED (
		SELECT r.agency_id, count(*) FILTER (WHERE r.closed) AS closed,
			count(*) FILTER (WHERE r.closed AND r.on_time) AS on_time,
			count(*) FILTER (WHERE r.closed AND r.extended) AS extended,
			count(*) FILTER (WHERE r.open_overdue) AS open_overdue,
			@extschema@.workdays_histogram(r.workdays_taken) FILTER (WHERE r.closed) AS taken
		FROM @extschema@.timeliness_rows(timeliness_by_agency.year) r
		GROUP BY r.agency_id)
	SELECT s.agency_id, s.code, s.name, s.closed, s.on_time, round(100.0 * s.on_time / nullif(s.closed, 0), 1), s.extended,
		@extschema@.workdays_percentile(s.taken, 0.5)::numeric, @extschema@.workdays_percentile(s.taken, 0.9)::numeric,
		s.open_overdue
	FROM (
		SELECT g.agency_id, g.code, g.name, coalesce(sum(o.closed), 0)::bigint AS closed, coalesce(sum(o.on_time), 0)::bigint AS on_time,
			coalesce(sum(o.extended), 0)::bigint AS extended, coalesce(sum(o.open_overdue), 0)::bigint AS open_overdue,
			@extschema@.workdays_histogram_sum(o.taken) AS taken
		FROM @extschema@.agency g
		LEFT JOIN (up u JOIN own o ON o.agency_id = u.agency_id) ON u.root = g.agency_id
		GROUP BY g.agency_id) s
	ORDER BY s.code;
END;
COMMENT ON FUNCTION @extschema@.timeliness_by_agency(integer) IS 'timeliness() of every agency, its descendants included, one row per agency';

-- the trigger functions are not for PUBLIC (a trigger fires without an EXECUTE check)
REVOKE EXECUTE ON FUNCTION @extschema@.workday_calendar_changed() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.workday_calendar_user_row() FROM PUBLIC;
-- nor the support functions of the histogram aggregates
REVOKE EXECUTE ON FUNCTION @extschema@.workdays_hist_add(internal, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.workdays_hist_merge(internal, bigint[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.workdays_hist_final(internal) FROM PUBLIC;
