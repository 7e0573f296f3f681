-- One database per service (DESIGN §2), created once when the PostgreSQL volume is new
-- (/docker-entrypoint-initdb.d). Each service migrates its own schema with Flyway at start.
CREATE DATABASE org;
CREATE DATABASE documents;
CREATE DATABASE invitations;
CREATE DATABASE notifications;
