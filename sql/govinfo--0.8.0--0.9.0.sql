-- govinfo 0.8.0 -> 0.9.0: import and parser work (#9); hardening against hostile roles.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.9.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Hardening against hostile roles
--------------------------------------------------------------------------
-- (end of section 1)

--------------------------------------------------------------------------
-- 2. Published reports: import (#9)
--------------------------------------------------------------------------
-- (end of section 2)
