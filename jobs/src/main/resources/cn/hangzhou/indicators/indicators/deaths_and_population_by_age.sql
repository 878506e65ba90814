-- T2-18, T2-20: deaths dated in Y with residence d matching ${cause_filter:condition}, by age at death in completed years
-- (from the certificate's birth date and the death date), beside the year-end population of d by single age.
WITH deaths_by_age AS (
    SELECT year(death_date) AS year, residence_district AS district_code,
           completed_years(birth_date, death_date) AS age, count(*) AS deaths
    FROM deaths
    WHERE death_date IS NOT NULL AND birth_date IS NOT NULL AND (${cause_filter:condition})
    GROUP BY year(death_date), residence_district, completed_years(birth_date, death_date)
),
population_by_age AS (
    SELECT year, district AS district_code, age, sum(persons) AS population
    FROM population
    GROUP BY year, district, age
)
SELECT coalesce(d.year, p.year) AS year, coalesce(d.district_code, p.district_code) AS district_code,
       coalesce(d.age, p.age) AS age, coalesce(d.deaths, 0) AS deaths, coalesce(p.population, 0) AS population
FROM deaths_by_age d
FULL OUTER JOIN population_by_age p ON p.year = d.year AND p.district_code = d.district_code AND p.age = d.age
