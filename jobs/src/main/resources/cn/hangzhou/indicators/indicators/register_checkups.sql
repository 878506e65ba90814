-- Persons of the resident register of Y in d aged ${min_age:integer}-${max_age:integer} on 31 Dec Y (denominator), of whom
-- those with at least one ${checkups:table} record dated in Y matching ${record_filter:condition} (numerator).
-- Archives without a valid ID (null person_key) count in the denominator and never match a record.
WITH denominator AS (
    SELECT year, residence_district AS district_code,
           coalesce(person_key, concat('archive:', archive_number)) AS unit_key, person_key, _sources
    FROM resident_register
    WHERE archive_status = '1'
      AND completed_years(birth_date, make_date(year, 12, 31)) BETWEEN ${min_age:integer} AND ${max_age:integer}
),
checked AS (
    SELECT year(check_date) AS year, person_key, flatten(collect_list(_sources)) AS _sources
    FROM ${checkups:table}
    WHERE person_key IS NOT NULL AND check_date IS NOT NULL AND (${record_filter:condition})
    GROUP BY year(check_date), person_key
)
SELECT d.year, d.district_code, d.unit_key,
       IF(c.person_key IS NULL, 0, 1) AS numerator, 1 AS denominator,
       IF(c.person_key IS NULL, d._sources, concat(d._sources, c._sources)) AS _numerator_sources, d._sources AS _denominator_sources
FROM denominator d
LEFT JOIN checked c ON c.year = d.year AND c.person_key = d.person_key
