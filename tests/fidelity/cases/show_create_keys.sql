-- SHOW CREATE TABLE's keys and constraints, the text a dump carries: FULLTEXT and SPATIAL keys,
-- the index InnoDB adds for a foreign key, a written ON DELETE RESTRICT, CHECK constraints.
DROP DATABASE IF EXISTS fid_keys;
CREATE DATABASE fid_keys;
USE fid_keys;
CREATE TABLE authors (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL);
CREATE TABLE articles (
  id INT AUTO_INCREMENT PRIMARY KEY,
  author_id INT NOT NULL,
  title VARCHAR(100) NOT NULL,
  body TEXT,
  FULLTEXT KEY ft_text (title, body),
  KEY idx_title (title),
  CONSTRAINT fk_author FOREIGN KEY (author_id) REFERENCES authors (id) ON UPDATE CASCADE ON DELETE RESTRICT
);
INSERT INTO authors VALUES (1, 'Ada'), (2, 'Bob');
INSERT INTO articles (author_id, title, body) VALUES (1, 'Loops', 'for and while'), (2, 'Keys', 'primary and foreign');
SELECT INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE, INDEX_TYPE FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = 'fid_keys' AND TABLE_NAME = 'articles' ORDER BY INDEX_NAME, SEQ_IN_INDEX;
SELECT CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE, REFERENCED_TABLE_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = 'fid_keys';
DELETE FROM authors WHERE id = 1;
UPDATE authors SET id = 3 WHERE id = 2;
SELECT id, author_id, title FROM articles ORDER BY id;
CREATE TABLE places (id INT PRIMARY KEY, spot GEOMETRY NOT NULL, SPATIAL KEY sp_spot (spot));
SELECT INDEX_NAME, COLUMN_NAME, INDEX_TYPE FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = 'fid_keys' AND TABLE_NAME = 'places';
CREATE TABLE reviews (id INT PRIMARY KEY, article_id INT, stars INT, CONSTRAINT stars_range CHECK (stars BETWEEN 1 AND 5), FOREIGN KEY (article_id) REFERENCES articles (id));
SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = 'fid_keys' AND TABLE_NAME = 'reviews' ORDER BY INDEX_NAME;
INSERT INTO reviews VALUES (1, 1, 6);
CREATE TABLE bad_fulltext (id INT PRIMARY KEY, n INT, FULLTEXT KEY ft_n (n));
SHOW CREATE TABLE article;
SHOW CREATE VIEW articles;
CREATE TABLE orphans (id INT PRIMARY KEY, author_id INT, FOREIGN KEY (author_id) REFERENCES writers (id));
ALTER TABLE articles DROP FOREIGN KEY fk_missing;
CREATE FULLTEXT INDEX ft_name ON authors (name);
ALTER TABLE places ADD COLUMN label VARCHAR(20);
SELECT TABLE_NAME, INDEX_NAME, INDEX_TYPE FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = 'fid_keys' AND TABLE_NAME IN ('authors', 'places') ORDER BY TABLE_NAME, INDEX_NAME;
CREATE FULLTEXT INDEX ft_id ON authors (id);
ALTER TABLE reviews ADD FULLTEXT KEY ft_stars (stars);
