-- T2-25: distinct persons with scheme 110, 120 or 170, status 1 or 2, in the enrolments of Y. A person enrolled
-- in several districts counts in the district of the latest 参保日期 (equal dates: the larger district code).
WITH enrolled AS (
    SELECT year, enrolment_district, enrolment_date,
           coalesce(person_key, concat('row:', _sources[0].file_id, ':', _sources[0].row_number)) AS unit_key
    FROM insurance_enrolments
    WHERE scheme IN ('110', '120', '170') AND enrolment_status IN ('1', '2')
),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY year, unit_key
                                 ORDER BY enrolment_date DESC NULLS LAST, enrolment_district DESC) AS position
    FROM enrolled
)
SELECT year, enrolment_district AS district_code, unit_key, 1 AS numerator
FROM ranked
WHERE position = 1
