-- T2-13, T2-14: distinct persons with scheme ${scheme:string}, status 1, in the enrolments of Y, by district of enrolment.
-- A person enrolled in two districts counts in each; the city counts distinct persons. A row without a valid
-- ID is a person of its own (it matches nobody).
SELECT year, enrolment_district AS district_code,
       coalesce(person_key, concat('row:', _sources[0].file_id, ':', _sources[0].row_number)) AS unit_key,
       1 AS numerator, _sources AS _numerator_sources
FROM insurance_enrolments
WHERE scheme = ${scheme:string} AND enrolment_status = '1'
