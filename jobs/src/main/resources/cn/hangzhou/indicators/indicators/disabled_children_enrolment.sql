-- T2-09a/b/c: holders of valid certificates in the disability register of Y, district d, aged ${min_age:integer}-${max_age:integer}
-- on 31 Aug Y (birth date from the resident register of Y, else from the ID); numerator: those on the rolls of
-- school year Y-(Y+1) with status 在读 or 休学 at any school. A holder counts once per district.
WITH register AS (
    SELECT year, person_key, birth_date, _sources FROM resident_register
    WHERE person_key IS NOT NULL AND archive_status = '1'
),
holders AS (
    SELECT c.year, c.district AS district_code, c.person_key,
           coalesce(c.person_key, concat('certificate:', c.certificate_key)) AS unit_key,
           completed_years(coalesce(r.birth_date, c.birth_date), make_date(c.year, 8, 31)) AS age,
           IF(r._sources IS NULL, c._sources, concat(c._sources, r._sources)) AS _sources
    FROM disability_certificates c
    LEFT JOIN register r ON r.year = c.year AND r.person_key = c.person_key
    WHERE c.certificate_status = '有效'
),
enrolled AS (
    SELECT year, person_key, flatten(collect_list(_sources)) AS _sources FROM student_rolls
    WHERE person_key IS NOT NULL AND status IN ('在读', '休学')
    GROUP BY year, person_key
)
SELECT h.year, h.district_code, h.unit_key,
       IF(e.person_key IS NULL, 0, 1) AS numerator, 1 AS denominator,
       IF(e.person_key IS NULL, h._sources, concat(h._sources, e._sources)) AS _numerator_sources, h._sources AS _denominator_sources
FROM holders h
LEFT JOIN enrolled e ON e.year = h.year AND e.person_key = h.person_key
WHERE h.age BETWEEN ${min_age:integer} AND ${max_age:integer}
