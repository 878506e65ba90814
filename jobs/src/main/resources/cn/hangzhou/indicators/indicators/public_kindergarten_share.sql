-- T2-07: rolls of school year Y-(Y+1) with status 在读, grades 01-03, at a kindergarten (stage 01) located in d;
-- numerator: those whose kindergarten is public (办学性质 1) or inclusive (是否普惠 是).
-- A roll whose school is not in the school register of that year has no location and is left out.
WITH kindergartens AS (
    SELECT year, school_id, district,
           coalesce(ownership = '1', false) OR coalesce(CAST(inclusive AS STRING) IN ('true', '是'), false) AS public_or_inclusive
    FROM schools
    WHERE stage = '01'
)
SELECT r.year, k.district AS district_code, concat('roll:', r.student_number) AS unit_key,
       IF(k.public_or_inclusive, 1, 0) AS numerator, 1 AS denominator
FROM student_rolls r
JOIN kindergartens k ON k.year = r.year AND k.school_id = r.school_id
WHERE r.status = '在读' AND r.grade IN ('01', '02', '03')
