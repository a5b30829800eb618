-- Column types and the Python types PyMySQL hands back for them.
DROP DATABASE IF EXISTS fid_types;
CREATE DATABASE fid_types;
USE fid_types;
CREATE TABLE samples (
  id INT AUTO_INCREMENT PRIMARY KEY,
  small TINYINT,
  big BIGINT,
  price DECIMAL(8,2),
  ratio DOUBLE,
  active BOOLEAN,
  label CHAR(5),
  note TEXT,
  born DATE,
  created DATETIME,
  starts TIME
);
INSERT INTO samples (small, big, price, ratio, active, label, note, born, created, starts)
  VALUES (7, 9000000000, 19.99, 0.25, TRUE, 'ab', 'long text', '2024-02-29', '2024-03-01 08:15:00', '08:30:00');
INSERT INTO samples (small, price, active) VALUES (-5, 3, FALSE);
INSERT INTO samples (price) VALUES (2.005);
SELECT * FROM samples ORDER BY id;
SELECT price * 2, price + 1, price / 4 FROM samples WHERE id = 1;
SELECT SUM(price), AVG(price), MAX(price) FROM samples;
SELECT ratio * 4, ratio + 1 FROM samples WHERE id = 1;
SELECT active, NOT active FROM samples ORDER BY id;
SELECT born + INTERVAL 1 DAY, DATE_ADD(born, INTERVAL 1 MONTH) FROM samples WHERE id = 1;
SELECT DATE(created), YEAR(created), DAY(born) FROM samples WHERE id = 1;
SELECT DATEDIFF(created, born) FROM samples WHERE id = 1;
SELECT DATE_FORMAT(created, '%Y-%m-%d %H:%i') FROM samples WHERE id = 1;
SELECT label, CHAR_LENGTH(label), CONCAT('[', label, ']') FROM samples WHERE id = 1;
SELECT CONCAT('x', NULL), CONCAT_WS('-', 'a', NULL, 'b');
SELECT 1 + 1, 2.5 * 2, 10 / 4, 1.0, 'text', NULL;
SELECT 3 > 2, 'a' = 'A', NULL IS NULL;
SELECT CAST('42' AS UNSIGNED), CAST(3.7 AS SIGNED), CAST(12 AS CHAR);
SELECT ABS(-3), MOD(10, 3), POWER(2, 10), SQRT(16);
SELECT FLOOR(2.7), CEIL(2.1), ROUND(2.345, 2);
SELECT REPLACE('banana', 'a', 'o'), REVERSE('abc'), TRIM('  hi  '), LPAD('7', 3, '0');
SELECT IFNULL(NULL, 'fallback'), NULLIF(5, 5), COALESCE(NULL, NULL, 3);
SELECT '2024-01-15' < '2024-02-01', STR_TO_DATE('15/01/2024', '%d/%m/%Y');
SELECT COUNT(*), COUNT(note) FROM samples;
UPDATE samples SET price = price * 1.1 WHERE id = 1;
SELECT price FROM samples WHERE id = 1;
