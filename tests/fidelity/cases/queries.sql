-- SELECT as a course teaches it: filters, sorting, JOINs, grouping, functions.
DROP DATABASE IF EXISTS fid_q;
CREATE DATABASE fid_q;
USE fid_q;
CREATE TABLE students (
  id INT AUTO_INCREMENT PRIMARY KEY,
  first_name VARCHAR(30) NOT NULL,
  last_name VARCHAR(30) NOT NULL,
  birth_date DATE,
  grade INT
);
CREATE TABLE courses (
  id INT AUTO_INCREMENT PRIMARY KEY,
  title VARCHAR(60) NOT NULL,
  credits DECIMAL(3,1) NOT NULL
);
CREATE TABLE enrollments (
  student_id INT NOT NULL,
  course_id INT NOT NULL,
  enrolled_on DATE NOT NULL,
  score INT,
  PRIMARY KEY (student_id, course_id)
);
INSERT INTO students (first_name, last_name, birth_date, grade) VALUES
  ('Ann', 'Berg', '2008-03-14', 10),
  ('Bob', 'Dahl', '2007-11-02', 11),
  ('Cecilie', 'Aas', '2008-07-30', 10),
  ('Dan', 'Eriksen', '2006-01-21', 12),
  ('Eva', 'Fjeld', NULL, 11),
  ('Frode', 'Gran', '2007-05-05', NULL);
INSERT INTO courses (title, credits) VALUES
  ('Mathematics', 5.0), ('Programming', 7.5), ('History', 2.5), ('Chemistry', 5.0);
INSERT INTO enrollments VALUES
  (1, 1, '2024-08-19', 88), (1, 2, '2024-08-19', 95), (2, 1, '2024-08-20', 67),
  (2, 3, '2024-08-21', 74), (3, 2, '2024-09-01', 91), (4, 1, '2024-08-19', 55),
  (4, 2, '2024-08-22', NULL), (4, 3, '2024-08-23', 81), (5, 3, '2024-09-02', 79);
SELECT * FROM students;
SELECT first_name, last_name FROM students WHERE grade = 10 ORDER BY last_name;
SELECT first_name FROM students WHERE grade > 10 AND birth_date < '2007-06-01' ORDER BY first_name;
SELECT first_name FROM students WHERE grade IN (11, 12) ORDER BY first_name DESC;
SELECT first_name FROM students WHERE grade IS NULL;
SELECT first_name FROM students WHERE first_name LIKE 'c%';
SELECT first_name FROM students WHERE last_name LIKE '%e%' ORDER BY id;
SELECT first_name, grade FROM students WHERE grade BETWEEN 10 AND 11 ORDER BY grade DESC, first_name;
SELECT id, first_name FROM students ORDER BY id LIMIT 3;
SELECT id, first_name FROM students ORDER BY id LIMIT 2 OFFSET 2;
SELECT id, first_name FROM students ORDER BY id LIMIT 4, 2;
SELECT DISTINCT grade FROM students ORDER BY grade;
SELECT COUNT(*) FROM students;
SELECT COUNT(grade), COUNT(DISTINCT grade) FROM students;
SELECT MIN(score), MAX(score), SUM(score), AVG(score) FROM enrollments;
SELECT grade, COUNT(*) AS n FROM students GROUP BY grade ORDER BY grade;
SELECT grade, COUNT(*) AS n FROM students WHERE grade IS NOT NULL GROUP BY grade HAVING COUNT(*) > 1 ORDER BY grade;
SELECT s.first_name, c.title FROM students s JOIN enrollments e ON e.student_id = s.id JOIN courses c ON c.id = e.course_id ORDER BY s.first_name, c.title;
SELECT s.first_name, e.score FROM students s LEFT JOIN enrollments e ON e.student_id = s.id AND e.course_id = 1 ORDER BY s.id;
SELECT c.title, COUNT(e.student_id) AS students FROM courses c LEFT JOIN enrollments e ON e.course_id = c.id GROUP BY c.id, c.title ORDER BY c.id;
SELECT c.title, AVG(e.score) AS average FROM courses c JOIN enrollments e ON e.course_id = c.id GROUP BY c.title ORDER BY average DESC;
SELECT c.title, ROUND(AVG(e.score), 1) AS average FROM courses c JOIN enrollments e ON e.course_id = c.id GROUP BY c.title HAVING average > 70 ORDER BY c.title;
SELECT s.id, s.first_name, SUM(c.credits) AS total_credits FROM students s JOIN enrollments e ON e.student_id = s.id JOIN courses c ON c.id = e.course_id GROUP BY s.id, s.first_name ORDER BY s.id;
SELECT first_name FROM students WHERE id IN (SELECT student_id FROM enrollments WHERE score >= 90) ORDER BY first_name;
SELECT first_name FROM students WHERE id NOT IN (SELECT student_id FROM enrollments) ORDER BY id;
SELECT title FROM courses c WHERE EXISTS (SELECT 1 FROM enrollments e WHERE e.course_id = c.id AND e.score < 60);
SELECT first_name, (SELECT COUNT(*) FROM enrollments e WHERE e.student_id = s.id) AS courses FROM students s ORDER BY s.id;
SELECT CONCAT(first_name, ' ', last_name) AS full_name FROM students ORDER BY last_name;
SELECT CONCAT(first_name, ' is in grade ', grade) FROM students ORDER BY id;
SELECT UPPER(last_name), LOWER(first_name), LENGTH(first_name) FROM students WHERE id <= 2;
SELECT SUBSTRING(first_name, 1, 3) AS short, LEFT(last_name, 2) AS initials FROM students ORDER BY id;
SELECT first_name, IFNULL(grade, 0) AS grade FROM students ORDER BY id;
SELECT first_name, COALESCE(birth_date, 'unknown') AS born FROM students ORDER BY id;
SELECT first_name, YEAR(birth_date) AS born_year, MONTH(birth_date) AS born_month FROM students ORDER BY id;
SELECT first_name, DATE_FORMAT(birth_date, '%d.%m.%Y') AS born FROM students WHERE birth_date IS NOT NULL ORDER BY id;
SELECT DATEDIFF('2024-12-24', enrolled_on) AS days FROM enrollments WHERE student_id = 1 ORDER BY course_id;
SELECT first_name, CASE WHEN grade >= 11 THEN 'senior' WHEN grade = 10 THEN 'junior' ELSE 'other' END AS level FROM students ORDER BY id;
SELECT student_id, score, IF(score >= 60, 'pass', 'fail') AS result FROM enrollments WHERE score IS NOT NULL ORDER BY student_id, course_id;
SELECT title, credits * 2 AS doubled FROM courses ORDER BY id;
SELECT 7 / 2, 7 DIV 2, 7 % 3, -7 DIV 2;
SELECT ROUND(2.5), ROUND(-2.5), ROUND(3.14159, 2), TRUNCATE(3.789, 1);
SELECT GROUP_CONCAT(first_name ORDER BY first_name SEPARATOR ', ') AS names FROM students WHERE grade = 10;
SELECT first_name FROM students ORDER BY grade DESC, first_name LIMIT 1;
SELECT MAX(score) - MIN(score) AS spread FROM enrollments;
SELECT e.student_id, MAX(e.score) AS best FROM enrollments e GROUP BY e.student_id ORDER BY best DESC LIMIT 2;
SELECT first_name FROM students UNION SELECT title FROM courses ORDER BY 1 LIMIT 5;
