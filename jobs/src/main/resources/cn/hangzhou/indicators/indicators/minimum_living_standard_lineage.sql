-- Lineage of minimum_living_standard.sql (T2-43): every payment it considers, with its monthly standard as the
-- numerator; compute keeps those carrying the standard chosen for the district (or the city).
SELECT year, district AS district_code, concat('payment:', payment_id) AS unit_key,
       monthly_standard AS numerator, CAST(NULL AS DECIMAL(14, 2)) AS denominator,
       _sources AS _numerator_sources, CAST(NULL AS ARRAY<STRUCT<file_id: STRING, row_number: BIGINT>>) AS _denominator_sources
FROM assistance_payments
WHERE programme = '低保'
  AND payment_month = concat(CAST(year AS STRING), '12')
  AND NOT coalesce(is_reversal, false)
  AND reversed_by_payment_id IS NULL
  AND monthly_standard IS NOT NULL
