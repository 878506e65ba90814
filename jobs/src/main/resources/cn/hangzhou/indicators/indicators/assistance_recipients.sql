-- S-01: distinct persons with a positive net 低保 payment for month Y12 in district d (net = the sum of amounts
-- including reversals). Payments without a valid ID are grouped with their reversals by payment id.
WITH net AS (
    SELECT year, district AS district_code,
           coalesce(person_key, concat('payment:', coalesce(reversed_payment_id, payment_id))) AS unit_key,
           sum(amount) AS net_amount
    FROM assistance_payments
    WHERE programme = '低保' AND payment_month = concat(CAST(year AS STRING), '12')
    GROUP BY year, district, coalesce(person_key, concat('payment:', coalesce(reversed_payment_id, payment_id)))
)
SELECT year, district_code, unit_key, 1 AS numerator
FROM net
WHERE net_amount > 0
