-- T2-21: persons of the resident register of Y in d with 户籍类型 1 (denominator); numerator: those with scheme
-- 310 or 390, status 1, in any enrolments file of Y.
WITH denominator AS (
    SELECT year, residence_district AS district_code,
           coalesce(person_key, concat('archive:', archive_number)) AS unit_key, person_key
    FROM resident_register
    WHERE archive_status = '1' AND household_registration = '1'
),
insured AS (
    SELECT DISTINCT year, person_key FROM insurance_enrolments
    WHERE person_key IS NOT NULL AND scheme IN ('310', '390') AND enrolment_status = '1'
)
SELECT d.year, d.district_code, d.unit_key,
       IF(i.person_key IS NULL, 0, 1) AS numerator, 1 AS denominator
FROM denominator d
LEFT JOIN insured i ON i.year = d.year AND i.person_key = d.person_key
