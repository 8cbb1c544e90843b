-- aeo-assess on a shared PostgreSQL server: the roles and the database (docs/shared-database.md).
-- Run once, as a PostgreSQL superuser (or a role with CREATEROLE and CREATEDB):
--     psql -h SERVER -U postgres -v owner_password="'...'" -f shared-database-roles.sql
-- Then open the database once as aeo_owner (which creates the tables), and run
-- shared-database-grants.sql as aeo_owner.

-- The owner: creates and upgrades the schema (the built-in migrations run when aeo-assess opens
-- the database as this role). Nobody works day to day as the owner.
CREATE ROLE aeo_owner LOGIN PASSWORD :owner_password;

-- The officers' group: no login of its own; each officer logs in as a member (below), so the
-- server's logs and the answer and review history name the person.
CREATE ROLE aeo_officer NOLOGIN;

CREATE DATABASE aeo_assess OWNER aeo_owner ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE aeo_assess FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE aeo_assess TO aeo_officer;

-- One login per officer, for example:
-- CREATE ROLE maria_lopez LOGIN PASSWORD '...' IN ROLE aeo_officer;
