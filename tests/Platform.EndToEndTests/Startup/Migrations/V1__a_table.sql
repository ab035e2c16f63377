-- A fixture for MigrationTests: a first migration that works.
CREATE TABLE migration_fixture (id int PRIMARY KEY);
