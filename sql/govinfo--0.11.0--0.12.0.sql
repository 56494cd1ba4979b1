-- govinfo 0.11.0 -> 0.12.0: published reports (#9), the parser's rules.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.12.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Published reports: the parser (#9)
--------------------------------------------------------------------------
-- No SQL object changes. The parser (C, in the library) reads more copies without moving a number into
-- another cell: a row's label line lost, printed twice or garbled, a number misread with letters (lO),
-- with its digits spaced or followed by a footnote mark, two rows of a crawler's dump run together
-- (doc/import.md, "How it reads", items 7 and 9, and "Crawler dumps"). parse_report, IMMUTABLE, may so
-- return other figures for such copies than 0.11.0 did: the rows of published_report keep what was read
-- when they were imported, and an index on an expression over parse_report should be rebuilt (REINDEX).
-- (end of section 1)
