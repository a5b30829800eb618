-- Triggers and views as sample databases and teachers' dumps write them, and students' slips.
DROP DATABASE IF EXISTS fid_objects;
CREATE DATABASE fid_objects;
USE fid_objects;
CREATE TABLE books (
  id INT AUTO_INCREMENT PRIMARY KEY,
  title VARCHAR(60) NOT NULL,
  price DECIMAL(6,2) NOT NULL DEFAULT 0.00,
  stock INT NOT NULL DEFAULT 0,
  added DATETIME
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE book_text (book_id INT PRIMARY KEY, title VARCHAR(60) NOT NULL) DEFAULT CHARSET=latin1;
CREATE TABLE audit (book_id INT, action VARCHAR(10), note VARCHAR(60));
DELIMITER ;;
CREATE DEFINER=`root`@`localhost` TRIGGER `ins_book` AFTER INSERT ON `books` FOR EACH ROW BEGIN
    INSERT INTO book_text (book_id, title) VALUES (new.id, new.title);
    INSERT INTO audit VALUES (new.id, 'insert', new.title);
  END;;
CREATE TRIGGER `upd_book` AFTER UPDATE ON `books` FOR EACH ROW BEGIN
    IF (old.title != new.title) THEN
        UPDATE book_text SET title = new.title WHERE book_id = old.id;
    ELSEIF old.stock > 0 AND new.stock = 0 THEN
        INSERT INTO audit VALUES (new.id, 'sold out', NULL);
    END IF;
  END;;
CREATE TRIGGER `del_book` AFTER DELETE ON `books` FOR EACH ROW BEGIN
    DELETE FROM book_text WHERE book_id = old.id;
  END;;
DELIMITER ;
CREATE TRIGGER stamp_book BEFORE INSERT ON books FOR EACH ROW SET NEW.added = '2024-09-01 08:00:00';
INSERT INTO books (title, price, stock) VALUES ('Dune', 9.99, 3), ('Emma', 4.50, 0), ('Ulysses', 12.00, 1);
SELECT * FROM book_text ORDER BY book_id;
SELECT id, title, added FROM books ORDER BY id;
UPDATE books SET title = 'Dune Messiah' WHERE id = 1;
UPDATE books SET stock = 0 WHERE id = 3;
SELECT * FROM audit ORDER BY book_id, action;
DELETE FROM books WHERE id = 2;
SELECT COUNT(*) FROM book_text;
CREATE TRIGGER ins_book AFTER INSERT ON books FOR EACH ROW DELETE FROM audit;
CREATE TRIGGER bad_table AFTER INSERT ON bookz FOR EACH ROW DELETE FROM audit;
CREATE TRIGGER after_set AFTER INSERT ON books FOR EACH ROW SET NEW.stock = 1;
DROP TRIGGER del_book;
DROP TRIGGER del_book;
DROP TRIGGER IF EXISTS del_book;
DELETE FROM books WHERE id = 3;
SELECT COUNT(*) FROM book_text;
CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW in_stock AS SELECT id, title, price FROM books WHERE stock > 0;
CREATE DEFINER=CURRENT_USER SQL SECURITY INVOKER VIEW totals AS SELECT COUNT(*) AS books, SUM(price) AS value, MAX(price) AS top FROM books;
SELECT * FROM in_stock ORDER BY id;
SELECT * FROM totals;
SELECT t.books, i.title FROM totals t JOIN in_stock i ON i.price = t.top;
CREATE VIEW in_stock AS SELECT 1;
CREATE OR REPLACE VIEW in_stock AS SELECT title FROM books ORDER BY title;
SELECT * FROM in_stock;
CREATE VIEW broken AS SELECT nonexistent FROM books;
CREATE VIEW broken2 AS SELECT * FROM no_such_table;
DROP VIEW books;
DROP TABLE totals;
DROP VIEW totals, in_stock;
SELECT * FROM totals;
DROP VIEW IF EXISTS totals;
CREATE TABLE loans (id INT AUTO_INCREMENT PRIMARY KEY, book_id INT NOT NULL, loaned DATETIME NOT NULL);
CREATE TRIGGER loan_date BEFORE INSERT ON loans FOR EACH ROW SET NEW.loaned = '2024-09-02 10:00:00';
INSERT INTO loans (book_id) VALUES (1);
INSERT INTO loans (book_id, loaned) VALUES (1, NULL);
INSERT INTO loans (loaned) VALUES ('2024-09-03 10:00:00');
UPDATE loans SET loaned = NULL WHERE id = 1;
SELECT * FROM loans ORDER BY id;
DESCRIBE loans;
