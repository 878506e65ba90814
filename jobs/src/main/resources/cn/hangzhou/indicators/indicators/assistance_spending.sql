-- S-02: the sum of payment amounts, reversals included, for the months of Y, district d, by programme.
SELECT year, district AS district_code, programme AS breakdown, concat('payment:', payment_id) AS unit_key,
       amount AS numerator
FROM assistance_payments
