-- Inserting, updating and deleting rows; rowcount and lastrowid as PyMySQL reports them.
DROP DATABASE IF EXISTS fid_dml;
CREATE DATABASE fid_dml;
USE fid_dml;
CREATE TABLE students (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(50) NOT NULL,
  grade INT,
  city VARCHAR(30) DEFAULT 'Oslo'
);
INSERT INTO students (name, grade) VALUES ('Ann', 9);
INSERT INTO students (name, grade) VALUES ('Bob', 10), ('Cy', 11), ('Dee', 10);
INSERT INTO students (name) VALUES ('Eve');
INSERT INTO students VALUES (10, 'Finn', 12, 'Bergen');
INSERT INTO students (name, grade, city) VALUES ('Gus', 11, 'Bergen');
INSERT INTO students SET name = 'Hal', grade = 9;
SELECT * FROM students ORDER BY id;
UPDATE students SET grade = grade + 1 WHERE grade = 10;
UPDATE students SET city = 'Trondheim' WHERE name = 'Nobody';
UPDATE students SET grade = 12 WHERE name = 'Finn';
UPDATE students SET city = 'Oslo' WHERE city = 'Oslo';
SELECT name, grade, city FROM students ORDER BY name;
DELETE FROM students WHERE grade IS NULL;
DELETE FROM students WHERE id > 100;
SELECT COUNT(*) FROM students;
INSERT INTO students (name, grade) VALUES ('Ivy', 9);
SELECT LAST_INSERT_ID();
DELETE FROM students WHERE name = 'Ivy';
INSERT INTO students (name, grade) VALUES ('Jon', 9);
SELECT id, name FROM students WHERE name = 'Jon';
UPDATE students SET grade = NULL WHERE id = 1;
SELECT name, grade FROM students WHERE grade IS NULL;
REPLACE INTO students (id, name, grade) VALUES (1, 'Ann', 10);
SELECT id, name, grade, city FROM students WHERE id = 1;
CREATE TABLE archive (id INT PRIMARY KEY, name VARCHAR(50));
INSERT INTO archive (id, name) SELECT id, name FROM students WHERE grade >= 11;
SELECT * FROM archive ORDER BY id;
UPDATE students SET name = UPPER(name) WHERE city = 'Bergen';
SELECT name FROM students WHERE city = 'Bergen' ORDER BY name;
DELETE FROM archive;
SELECT COUNT(*) AS n FROM archive;
START TRANSACTION;
INSERT INTO archive VALUES (1, 'temp');
ROLLBACK;
SELECT COUNT(*) AS n FROM archive;
START TRANSACTION;
INSERT INTO archive VALUES (2, 'kept');
COMMIT;
SELECT * FROM archive;
