-- Creating and dropping a school database and its tables, as in the first lessons.
DROP DATABASE IF EXISTS fid_ddl;
CREATE DATABASE fid_ddl;
USE fid_ddl;
SELECT DATABASE();
CREATE TABLE students (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(50) NOT NULL,
  email VARCHAR(100) UNIQUE,
  birth_date DATE,
  grade INT DEFAULT 9
);
CREATE TABLE courses (
  id INT AUTO_INCREMENT PRIMARY KEY,
  title VARCHAR(100) NOT NULL,
  credits DECIMAL(3,1) NOT NULL DEFAULT 1.0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE enrollments (
  student_id INT NOT NULL,
  course_id INT NOT NULL,
  enrolled_on DATE,
  score INT,
  PRIMARY KEY (student_id, course_id),
  FOREIGN KEY (student_id) REFERENCES students(id),
  FOREIGN KEY (course_id) REFERENCES courses(id)
);
SHOW TABLES;
CREATE TABLE IF NOT EXISTS students (id INT);
CREATE TABLE teachers (id INT PRIMARY KEY, name VARCHAR(40), INDEX idx_name (name));
SHOW TABLES;
DESCRIBE students;
INSERT INTO students (name, email, birth_date) VALUES ('Ann', 'ann@school.org', '2008-03-14');
SELECT id, name, grade FROM students;
DROP TABLE teachers;
SHOW TABLES;
DROP TABLE IF EXISTS teachers;
CREATE TABLE tmp_a (x INT);
CREATE TABLE tmp_b (y INT);
DROP TABLE tmp_a, tmp_b;
CREATE DATABASE IF NOT EXISTS fid_ddl;
CREATE DATABASE fid_ddl_other;
USE fid_ddl_other;
CREATE TABLE notes (id INT PRIMARY KEY, body TEXT);
SHOW TABLES;
SELECT COUNT(*) FROM fid_ddl.students;
USE fid_ddl;
DROP DATABASE fid_ddl_other;
