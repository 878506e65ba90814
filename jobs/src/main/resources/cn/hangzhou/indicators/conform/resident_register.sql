-- resident_register: the resident register of each year (indicator-definitions.md): archives with status 1,
-- a person with more than one archive once, at the archive opened last (ties: the larger archive number).
-- Archives without a valid person key cannot be matched to each other: each stays a row of its own.
with managed as (
    select * from conform_residents
    where archive_status = '1'
),

ranked as (
    select
        *,
        row_number() over (
            partition by year, person_key
            order by archive_opened_date desc nulls last, archive_number desc
        ) as archive_rank
    from managed
    where person_key is not null
),

latest_archive_per_person as (
    select
        year, archive_number, person_key, id_valid, sex, birth_date, residence_district,
        household_registration, archive_opened_date, archive_status, _sources, _period
    from ranked
    where archive_rank = 1
),

unmatched_archives as (
    select
        year, archive_number, person_key, id_valid, sex, birth_date, residence_district,
        household_registration, archive_opened_date, archive_status, _sources, _period
    from managed
    where person_key is null
)

select * from latest_archive_per_person
union all
select * from unmatched_archives
