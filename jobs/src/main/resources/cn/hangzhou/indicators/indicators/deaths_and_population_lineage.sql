-- Lineage of deaths_and_population_by_age.sql (T2-18, T2-20): the death certificates it counts (numerator) and the
-- population cells it sums (denominator), one row each with its age; compute keeps the ages the indicator uses.
SELECT year(death_date) AS year, residence_district AS district_code,
       completed_years(birth_date, death_date) AS age,
       coalesce(person_key, concat('certificate:', certificate_number)) AS unit_key,
       1 AS numerator, 0 AS denominator, _sources AS _numerator_sources, CAST(NULL AS ARRAY<STRUCT<file_id: STRING, row_number: BIGINT>>) AS _denominator_sources
FROM deaths
WHERE death_date IS NOT NULL AND birth_date IS NOT NULL AND (${cause_filter:condition})
UNION ALL
SELECT year, district AS district_code, age,
       concat('population:', district, ':', coalesce(sex, ''), ':', CAST(age AS STRING)) AS unit_key,
       0 AS numerator, persons AS denominator, CAST(NULL AS ARRAY<STRUCT<file_id: STRING, row_number: BIGINT>>) AS _numerator_sources, _sources AS _denominator_sources
FROM population
