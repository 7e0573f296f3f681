-- Each build (service jar) that has brought this database up to date with its migrations: a restart of that build
-- finds its row and does not run Flyway again (kit MigrationsOncePerBuild).
CREATE TABLE migrated_build (
    build       text PRIMARY KEY,
    migrated_at timestamptz NOT NULL DEFAULT now()
);
