-- T2-44, T2-45: holders of valid certificates in the disability register of Y, district d, that satisfy
-- ${holder_filter:condition} (denominator); numerator: those with a positive net ${subsidy:string} payment in Y.
-- Net payment of a person, programme and year = the sum of amounts including reversals (any paying district).
WITH net AS (
    SELECT year, person_key, programme, sum(amount) AS net_amount, flatten(collect_list(_sources)) AS _sources
    FROM assistance_payments
    WHERE person_key IS NOT NULL
    GROUP BY year, person_key, programme
),
poverty_assistance AS (
    SELECT DISTINCT year, person_key FROM net
    WHERE programme IN ('低保', '低保边缘') AND net_amount > 0
),
subsidised AS (
    SELECT year, person_key, flatten(collect_list(_sources)) AS _sources FROM net
    WHERE programme = ${subsidy:string} AND net_amount > 0
    GROUP BY year, person_key
),
holders AS (
    SELECT c.year, c.district AS district_code, c.person_key, c.grade, c._sources,
           coalesce(c.person_key, concat('certificate:', c.certificate_key)) AS unit_key,
           p.person_key IS NOT NULL AS receives_poverty_assistance
    FROM disability_certificates c
    LEFT JOIN poverty_assistance p ON p.year = c.year AND p.person_key = c.person_key
    WHERE c.certificate_status = '有效'
)
SELECT h.year, h.district_code, h.unit_key,
       IF(s.person_key IS NULL, 0, 1) AS numerator, 1 AS denominator,
       IF(s.person_key IS NULL, h._sources, concat(h._sources, s._sources)) AS _numerator_sources, h._sources AS _denominator_sources
FROM holders h
LEFT JOIN subsidised s ON s.year = h.year AND s.person_key = h.person_key
WHERE ${holder_filter:condition}
