-- A service's own first migration, applied before the kit's migrations existed (KitMigrationsTest).
CREATE TABLE later_service_thing (id BIGINT PRIMARY KEY);
