-- Students' mistakes: each statement here (after the setup) fails on a real server.
DROP DATABASE IF EXISTS fid_err;
CREATE DATABASE fid_err;
USE fid_err;
CREATE TABLE students (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(10) NOT NULL,
  email VARCHAR(50) UNIQUE,
  grade INT
);
CREATE TABLE enrollments (
  student_id INT NOT NULL,
  course VARCHAR(20) NOT NULL,
  FOREIGN KEY (student_id) REFERENCES students(id)
);
INSERT INTO students (name, email, grade) VALUES ('Ann', 'ann@x.no', 10), ('Bob', 'bob@x.no', 11);
SELECT * FROM student;
SELECT nme FROM students;
SELECT name FROM students WHERE grdae = 10;
SELECT name FROM students ORDER BY surname;
SELECT * FROM students WHERE name = Ann;
SELEC * FROM students;
SELECT * FORM students;
SELECT name, FROM students;
INSERT INTO students (name, grade) VALUES ('Cy');
INSERT INTO students VALUES ('Dee', 10);
INSERT INTO students (id, name) VALUES (1, 'Dup');
INSERT INTO students (name, email) VALUES ('Eve', 'ann@x.no');
INSERT INTO students (name, grade) VALUES (NULL, 9);
INSERT INTO students (grade) VALUES (9);
INSERT INTO students (name) VALUES ('Maximilian Longname');
INSERT INTO students (name, grade) VALUES ('Finn', 'ten');
INSERT INTO students (name, grade) VALUES ('Gus', 99999999999);
INSERT INTO enrollments VALUES (99, 'Math');
INSERT INTO enrollments VALUES (1, 'Math');
DELETE FROM students WHERE id = 1;
UPDATE students SET name = NULL WHERE id = 2;
UPDATE students SET nmae = 'Bo' WHERE id = 2;
CREATE TABLE students (id INT);
CREATE DATABASE fid_err;
DROP TABLE teachers;
DROP DATABASE fid_nowhere;
USE fid_nowhere;
SELECT * FROM fid_nowhere.students;
SELECT name, COUNT(*) FROM students GROUP BY grade;
SELECT AVERAGE(grade) FROM students;
INSERT INTO students (name, grade VALUES ('Hal', 9);
SELECT * FROM students s JOIN enrollments e ON e.student_id = s.idd;
SELECT COUNT(*) FROM students;
SELECT grade, name FROM students GROUP BY grade;
SELECT grade, COUNT(*) FROM students GROUP BY 1;
SELECT UPPER(name), grade FROM students GROUP BY grade;
SELECT name, grade, FROM students;
INSERT INTO students (name, grade) VALUES ('Ivy', 9,);
UPDATE enrollments SET student_id = 42;
