-- govinfo 0.5.0 -> 0.6.0: speed of the import of published reports, of the warehouse's access checks
-- and roll-ups, of deadlines, and of derived reports on data in arrival order; scale-out with postgres_fdw.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.6.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Published reports (parser and import)
--------------------------------------------------------------------------
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
-- No schema change: govinfo's aggregates, types and operators push down to postgres_fdw shards as
-- they are (extensions 'govinfo'); the coordinator's objects are a recipe, not part of the
-- extension (scripts/shards/coordinator.sql, doc/SCALE-OUT.md).
-- (end of section 5)
