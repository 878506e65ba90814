-- assistance_payments: one row per payment_id and payment_month. A reversal (冲正) names the payment it reverses
-- in reversed_payment_id; it may arrive in a later month's file, so this runs over every period's payments.
-- An id reused for payments of two months or two persons (a delivery defect) is reversed once, on its earliest
-- month, then period, then person key and source rows (so that the choice does not depend on the plan).
with payments as (
    select
        *,
        row_number() over (
            partition by payment_id order by payment_month, _period, person_key nulls last, _sources
        ) as id_occurrence
    from conform_payments
),

reversals as (
    select
        reversed_payment_id as payment_id,
        min(payment_id) as reversed_by_payment_id,
        sum(amount) as reversed_amount
    from payments
    where reversed_payment_id is not null
    group by reversed_payment_id
),

originals as (
    select distinct payment_id from payments
)

select
    payment.payment_id,
    payment.reversed_payment_id,
    payment.reversed_payment_id is not null as is_reversal,
    reversal.reversed_by_payment_id,
    payment.person_key,
    payment.id_valid,
    payment.programme,
    payment.payment_month,
    payment.year,
    payment.amount,
    cast(case
        when payment.reversed_payment_id is null then payment.amount + coalesce(reversal.reversed_amount, 0)
        when original.payment_id is not null then 0
        -- the payment it reverses is not delivered (yet): the reversal keeps its amount, so that net amounts
        -- always add up to the delivered amounts
        else payment.amount
    end as decimal(14, 2)) as net_amount,
    payment.household_size,
    payment.monthly_standard,
    payment.district,
    payment._sources,
    payment._period
from payments as payment
left join reversals as reversal on reversal.payment_id = payment.payment_id and payment.id_occurrence = 1
left join originals as original on original.payment_id = payment.reversed_payment_id
