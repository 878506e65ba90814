-- S-02: the sum of payment amounts, reversals included, for the months of Y, district d, by programme. A unit is
-- a payment of a month (an id reused in two months is two payments: docs/decisions.md).
SELECT year, district AS district_code, programme AS breakdown,
       concat('payment:', payment_id, ':', coalesce(payment_month, '')) AS unit_key,
       amount AS numerator, _sources AS _numerator_sources
FROM assistance_payments
