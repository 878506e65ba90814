-- The benchmark baselines' indicators by district and year: T2-21, T2-26, T2-27, T2-13 and S-02 (one value per
-- programme). Runs unchanged on DuckDB and on Spark SQL, over string-typed tables with the schemas' column names
-- plus file_period (the YYYY or YYYYMM in the file name).
-- A speed baseline, not the product. Simplified against indicator-definitions.md:
--   * ID numbers are trimmed and upper-cased, not checked (GB 11643); a bad ID number can match;
--   * ages are year differences from the register's birth date (no fallback to the ID number);
--   * no quality gate, no quarantine, no duplicate merging, no corrections (a file delivered twice counts twice),
--     no reversal matching (S-02 sums every amount, reversals included, which is the net payment);
--   * no city values, no disclosure control, no quality status, no lineage.
WITH register_archives AS (
    SELECT TRY_CAST(file_period AS INT) AS year,
           upper(trim(id_number)) AS person,
           residence_district AS district_code,
           household_registration,
           TRY_CAST(file_period AS INT) - TRY_CAST(substr(birth_date, 1, 4) AS INT) AS age_at_year_end,
           row_number() OVER (PARTITION BY file_period, upper(trim(id_number)) ORDER BY archive_opened_date DESC) AS archive_rank
    FROM residents
    WHERE archive_status = '1' AND id_number IS NOT NULL
),
resident_register AS (
    SELECT year, person, district_code, household_registration, age_at_year_end
    FROM register_archives
    WHERE archive_rank = 1
),
insured AS (
    SELECT DISTINCT TRY_CAST(file_period AS INT) AS year, upper(trim(id_number)) AS person, scheme, enrolment_status,
           enrolment_district AS district_code
    FROM enrolments
),
medical_insured AS (
    SELECT DISTINCT year, person FROM insured WHERE scheme IN ('310', '390') AND enrolment_status = '1'
),
pension_insured AS (
    SELECT DISTINCT year, person FROM insured WHERE scheme IN ('110', '120', '170') AND enrolment_status IN ('1', '2')
),
students AS (
    SELECT DISTINCT TRY_CAST(file_period AS INT) AS year, upper(trim(id_number)) AS person FROM rolls WHERE status = '在读'
),
elderly_checked AS (
    SELECT DISTINCT TRY_CAST(substr(check_date, 1, 4) AS INT) AS year, upper(trim(id_number)) AS person
    FROM elderly_checkups
),
medical_coverage AS (
    SELECT 'T2-21' AS indicator_id, r.year, r.district_code, count(m.person) AS numerator, count(*) AS denominator
    FROM resident_register r
    LEFT JOIN medical_insured m ON m.year = r.year AND m.person = r.person
    WHERE r.household_registration = '1'
    GROUP BY r.year, r.district_code
),
pension_coverage AS (
    SELECT 'T2-26' AS indicator_id, r.year, r.district_code, count(p.person) AS numerator, count(*) AS denominator
    FROM resident_register r
    LEFT JOIN students s ON s.year = r.year AND s.person = r.person
    LEFT JOIN pension_insured p ON p.year = r.year AND p.person = r.person
    WHERE r.age_at_year_end >= 16 AND s.person IS NULL
    GROUP BY r.year, r.district_code
),
elderly_management AS (
    SELECT 'T2-27' AS indicator_id, r.year, r.district_code, count(c.person) AS numerator, count(*) AS denominator
    FROM resident_register r
    LEFT JOIN elderly_checked c ON c.year = r.year AND c.person = r.person
    WHERE r.age_at_year_end >= 65
    GROUP BY r.year, r.district_code
),
work_injury_insured AS (
    SELECT 'T2-13' AS indicator_id, year, district_code, count(DISTINCT person) AS persons
    FROM insured
    WHERE scheme = '410' AND enrolment_status = '1'
    GROUP BY year, district_code
),
assistance_spending AS (
    SELECT 'S-02' AS indicator_id, programme, TRY_CAST(substr(payment_month, 1, 4) AS INT) AS year, district AS district_code,
           sum(TRY_CAST(replace(amount, ',', '') AS DECIMAL(18, 2))) AS yuan
    FROM payments
    GROUP BY programme, TRY_CAST(substr(payment_month, 1, 4) AS INT), district
),
rates AS (
    SELECT indicator_id, CAST(NULL AS STRING) AS breakdown, year, district_code,
           CAST(numerator AS DOUBLE) AS numerator, CAST(denominator AS DOUBLE) AS denominator,
           100.0 * CAST(numerator AS DOUBLE) / CAST(denominator AS DOUBLE) AS indicator_value
    FROM (SELECT * FROM medical_coverage UNION ALL SELECT * FROM pension_coverage UNION ALL SELECT * FROM elderly_management) joined
),
counts AS (
    SELECT indicator_id, CAST(NULL AS STRING) AS breakdown, year, district_code, CAST(persons AS DOUBLE) AS numerator,
           CAST(NULL AS DOUBLE) AS denominator, CAST(persons AS DOUBLE) / 10000.0 AS indicator_value
    FROM work_injury_insured
),
spending AS (
    SELECT indicator_id, CAST(programme AS STRING) AS breakdown, year, district_code, CAST(yuan AS DOUBLE) AS numerator,
           CAST(NULL AS DOUBLE) AS denominator, CAST(yuan AS DOUBLE) / 10000.0 AS indicator_value
    FROM assistance_spending
)
SELECT * FROM rates
UNION ALL SELECT * FROM counts
UNION ALL SELECT * FROM spending
ORDER BY indicator_id, breakdown, year, district_code
