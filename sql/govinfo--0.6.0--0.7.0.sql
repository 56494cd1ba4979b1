-- govinfo 0.6.0 -> 0.7.0: the speed targets 0.6.0 missed: the import of published reports in C and the
-- HTML reader, the deadline view, the derived reports' state and read path.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.7.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Published reports (import speed, HTML reader) (#9)
--------------------------------------------------------------------------
-- (end of section 1)

--------------------------------------------------------------------------
-- 2. Working days and deadlines (the deadline view) (#13)
--------------------------------------------------------------------------
-- (end of section 2)

--------------------------------------------------------------------------
-- 3. Derived reports: aggregate state, read path, stored report, sum() (#12)
--------------------------------------------------------------------------
-- (end of section 3)

--------------------------------------------------------------------------
-- 4. Scale-out (#12)
--------------------------------------------------------------------------
-- (end of section 4)
