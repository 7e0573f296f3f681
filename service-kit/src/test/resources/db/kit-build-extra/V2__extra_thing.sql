CREATE TABLE extra_thing (id int PRIMARY KEY);
