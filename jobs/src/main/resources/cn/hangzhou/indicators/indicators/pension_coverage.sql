-- T2-26: persons of the resident register of Y in d aged 16 or more on 31 Dec Y, less those on the rolls of school
-- year Y-(Y+1) with status 在读 (denominator); numerator: those with scheme 110, 120 or 170, status 1 or 2, in any
-- district's enrolments of Y.
WITH students AS (
    SELECT DISTINCT year, person_key FROM student_rolls
    WHERE person_key IS NOT NULL AND status = '在读'
),
denominator AS (
    SELECT g.year, g.residence_district AS district_code,
           coalesce(g.person_key, concat('archive:', g.archive_number)) AS unit_key, g.person_key
    FROM resident_register g
    LEFT JOIN students s ON s.year = g.year AND s.person_key = g.person_key
    WHERE g.archive_status = '1' AND s.person_key IS NULL
      AND completed_years(g.birth_date, make_date(g.year, 12, 31)) >= 16
),
insured AS (
    SELECT DISTINCT year, person_key FROM insurance_enrolments
    WHERE person_key IS NOT NULL AND scheme IN ('110', '120', '170') AND enrolment_status IN ('1', '2')
)
SELECT d.year, d.district_code, d.unit_key,
       IF(i.person_key IS NULL, 0, 1) AS numerator, 1 AS denominator
FROM denominator d
LEFT JOIN insured i ON i.year = d.year AND i.person_key = d.person_key
