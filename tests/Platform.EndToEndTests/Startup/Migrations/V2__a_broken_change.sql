-- A fixture for MigrationTests: its first statement works, its second does not, so the whole migration must roll back.
ALTER TABLE migration_fixture ADD COLUMN label text;
INSERT INTO no_such_table VALUES (1);
