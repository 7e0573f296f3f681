-- A kit migration a later release brings: below the services' own versions, so applied out of order
-- (MigrationsOncePerBuildTest).
CREATE TABLE later_kit_thing (id int PRIMARY KEY);
