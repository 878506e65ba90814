-- T1-03: rolls of school year Y-(Y+1) with status 在读, grades 01-03, at a school located in d, pupil aged 3-5 on
-- 31 Aug Y (birth date from the resident register of Y, else from the ID) (numerator); year-end population of d
-- aged 3-5 (denominator).
WITH register AS (
    SELECT year, person_key, birth_date FROM resident_register
    WHERE person_key IS NOT NULL AND archive_status = '1'
),
pupils AS (
    SELECT r.year, s.district AS district_code, concat('roll:', r.student_number) AS unit_key,
           completed_years(coalesce(g.birth_date, r.birth_date), make_date(r.year, 8, 31)) AS age
    FROM student_rolls r
    JOIN schools s ON s.year = r.year AND s.school_id = r.school_id
    LEFT JOIN register g ON g.year = r.year AND g.person_key = r.person_key
    WHERE r.status = '在读' AND r.grade IN ('01', '02', '03')
)
SELECT year, district_code, unit_key, CAST(1 AS DECIMAL(20, 0)) AS numerator, CAST(0 AS DECIMAL(20, 0)) AS denominator
FROM pupils
WHERE age BETWEEN 3 AND 5
UNION ALL
SELECT year, district AS district_code, concat('population:', district, ':', sex, ':', age) AS unit_key,
       CAST(0 AS DECIMAL(20, 0)) AS numerator, CAST(persons AS DECIMAL(20, 0)) AS denominator
FROM population
WHERE age BETWEEN 3 AND 5
