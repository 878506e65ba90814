-- T2-43: the 月保障标准 on 低保 payments for month Y12, by district, with the number of payments carrying it.
-- Reversals are left out, and so are the payments they reversed (the reversal says the payment was wrong).
SELECT year, district AS district_code, monthly_standard, count(*) AS payments
FROM assistance_payments
WHERE programme = '低保'
  AND payment_month = concat(CAST(year AS STRING), '12')
  AND NOT coalesce(is_reversal, false)
  AND reversed_by_payment_id IS NULL
  AND monthly_standard IS NOT NULL
GROUP BY year, district, monthly_standard
