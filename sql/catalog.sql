-- The catalog of rows and columns: codes, official labels, kinds and order.
SELECT part, code, label_zh, label_en, kind, parent_code, ord FROM govinfo.row_catalog('2021');
SELECT part, code, label_zh, kind, parent_code, ord FROM govinfo.row_catalog('2019') WHERE part <> 4;
SELECT part, block, code, label_zh, label_en, group_zh, ord FROM govinfo.column_catalog('2021');
SELECT part, block, code, label_zh, ord FROM govinfo.column_catalog('2019') WHERE part = 2;
-- counts per table and kind
SELECT part, kind, count(*) FROM govinfo.row_catalog('2021') GROUP BY 1, 2 ORDER BY 1, 2;
SELECT part, kind, count(*) FROM govinfo.row_catalog('2019') GROUP BY 1, 2 ORDER BY 1, 2;
-- unknown format
SELECT * FROM govinfo.row_catalog('2020');
