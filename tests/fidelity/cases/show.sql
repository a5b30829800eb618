-- SHOW and DESCRIBE: what a teacher and a student ask the server about its tables.
DROP DATABASE IF EXISTS fid_show;
CREATE DATABASE fid_show;
USE fid_show;
CREATE TABLE classes (code CHAR(4) PRIMARY KEY, title VARCHAR(60) NOT NULL, room VARCHAR(10));
CREATE TABLE pupils (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(50) NOT NULL,
  email VARCHAR(100) UNIQUE,
  class_code CHAR(4),
  born DATE,
  fee DECIMAL(6,2) DEFAULT 10.5,
  notes TEXT,
  INDEX idx_name (name),
  CONSTRAINT fk_pupil_class FOREIGN KEY (class_code) REFERENCES classes(code) ON DELETE SET NULL
);
INSERT INTO classes VALUES ('MA1', 'Maths', 'B12'), ('EN1', 'English', NULL);
INSERT INTO pupils (name, email, class_code, born) VALUES ('Ann', 'ann@x.org', 'MA1', '2009-01-02'), ('Bo', 'bo@x.org', 'EN1', NULL);
SHOW TABLES;
SHOW FULL TABLES;
SHOW TABLES LIKE 'p%';
SHOW TABLES LIKE 'P%';
SHOW TABLES FROM fid_show WHERE Tables_in_fid_show <> 'classes';
SHOW TABLES IN fid_show LIKE '%s%';
SHOW DATABASES LIKE 'fid_sho%';
DESCRIBE classes;
DESC classes;
SHOW COLUMNS FROM classes;
SHOW COLUMNS FROM fid_show.classes;
SHOW COLUMNS FROM classes FROM fid_show;
SHOW COLUMNS FROM pupils LIKE '%e%';
SHOW FIELDS FROM pupils WHERE Type LIKE 'varchar%';
SHOW COLUMNS FROM pupils WHERE `Null` = 'NO';
DESCRIBE pupils;
SHOW FULL COLUMNS FROM classes;
SHOW CREATE TABLE classes;
SHOW CREATE TABLE pupils;
SHOW INDEX FROM classes;
SHOW KEYS FROM pupils WHERE Key_name = 'idx_name';
SHOW CREATE DATABASE fid_show;
SHOW TABLES FROM fid_nowhere;
DESCRIBE pupil;
SHOW COLUMNS FROM nowhere;
SHOW CREATE TABLE pupil;
SHOW INDEX FROM nowhere;
SHOW CREATE VIEW pupils;
SHOW COLUMNS FROM pupils WHERE Feld = 'id';
SHOW TABLES FROM fid_show LIKE 'classes';
CREATE TABLE notices (id INT PRIMARY KEY, body VARCHAR(100) COMMENT 'shown on the board', posted TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP);
SHOW COLUMNS FROM notices;
SHOW CREATE TABLE notices;
SHOW TABLE;
SHOW DATABASE;
SHOW TABLES FORM fid_show;
SHOW CREATE TABLE;
DESCRIBE;
CREATE TABLE lockers (code CHAR(3) NOT NULL UNIQUE, owner VARCHAR(20), room VARCHAR(5) NOT NULL, UNIQUE KEY uq_room_owner (room, owner));
DESCRIBE lockers;
SHOW COLUMNS FROM lockers WHERE `Key` <> '';
CREATE TABLE IF NOT EXISTS lockers (code CHAR(3));
SHOW WARNINGS;
DROP TABLE IF EXISTS lockerz;
SHOW WARNINGS;
SHOW COUNT(*) WARNINGS;
CREATE DATABASE IF NOT EXISTS fid_show;
SHOW WARNINGS;
DROP DATABASE IF EXISTS fid_show_nowhere;
SHOW WARNINGS;
