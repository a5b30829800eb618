-- CREATE INDEX and DROP INDEX: what Flask-SQLAlchemy's index=True and unique=True send, and a
-- course's "make the search faster" lesson. MySQL maps both to ALTER TABLE.
DROP DATABASE IF EXISTS fid_idx;
CREATE DATABASE fid_idx;
USE fid_idx;
CREATE TABLE pupils (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(100), house VARCHAR(20));
CREATE INDEX ix_pupils_name ON pupils (name);
CREATE UNIQUE INDEX ix_pupils_email ON pupils (email);
CREATE INDEX ix_house_name ON pupils (house, name);
SHOW INDEX FROM pupils;
INSERT INTO pupils (name, email, house) VALUES ('Alex', 'alex@school.example', 'Oak'), ('Sam', 'sam@school.example', 'Elm');
INSERT INTO pupils (name, email, house) VALUES ('Alex Two', 'ALEX@school.example', 'Oak');
SELECT name FROM pupils WHERE name = 'alex';
DROP INDEX ix_pupils_name ON pupils;
SHOW INDEX FROM pupils;
-- Mistakes: an index that exists already, a column that does not, dropping one twice.
CREATE INDEX ix_house_name ON pupils (house);
CREATE INDEX ix_missing ON pupils (nickname);
DROP INDEX ix_pupils_name ON pupils;
CREATE INDEX ix_nowhere ON nosuchtable (name);
DROP INDEX ix_house_name ON pupils;
SHOW INDEX FROM pupils;
DROP DATABASE fid_idx;
