-- Persons of the resident register of Y in d aged ${min_age}-${max_age} on 31 Dec Y (denominator), of whom
-- those with at least one ${checkups} record dated in Y matching ${record_filter} (numerator).
-- Archives without a valid ID (null person_key) count in the denominator and never match a record.
WITH denominator AS (
    SELECT year, residence_district AS district_code,
           coalesce(person_key, concat('archive:', archive_number)) AS unit_key, person_key
    FROM resident_register
    WHERE archive_status = '1'
      AND completed_years(birth_date, make_date(year, 12, 31)) BETWEEN ${min_age} AND ${max_age}
),
checked AS (
    SELECT DISTINCT year(check_date) AS year, person_key
    FROM ${checkups}
    WHERE person_key IS NOT NULL AND check_date IS NOT NULL AND (${record_filter})
)
SELECT d.year, d.district_code, d.unit_key,
       IF(c.person_key IS NULL, 0, 1) AS numerator, 1 AS denominator
FROM denominator d
LEFT JOIN checked c ON c.year = d.year AND c.person_key = d.person_key
