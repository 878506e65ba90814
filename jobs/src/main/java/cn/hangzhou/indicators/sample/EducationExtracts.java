package cn.hangzhou.indicators.sample;

import java.time.LocalDate;

/** The education department's school register and student rolls of the school year starting in the year. */
final class EducationExtracts {

    private final YearContext context;
    private final ExtractWriter rolls;
    private final DatePattern dates;
    private final String schoolYear;
    private long studentNumber;

    EducationExtracts(YearContext context) {
        this.context = context;
        writeSchools();
        calibrateKindergartens();
        rolls = context.deliveries.open("education/rolls", String.valueOf(context.year), null);
        dates = new DatePattern(context.deliveries.schema("education/rolls").column("entry_date").orElseThrow().format());
        schoolYear = context.year + "-" + (context.year + 1);
    }

    private void writeSchools() {
        ExtractWriter schools = context.deliveries.open("education/schools", String.valueOf(context.year), null);
        for (SchoolRegistry.School school : context.traits.schools().all()) {
            String[] row = schools.newRecord();
            row[0] = school.id();
            row[1] = school.name();
            row[2] = context.districtCode(school.district());
            row[3] = school.stage();
            row[4] = school.ownership();
            row[5] = school.inclusive() == null ? "" : school.inclusive();
            schools.write(row);
        }
        context.deliveries.closed(schools, "education/schools");
    }

    /**
     * T1-03 divides pupils aged 3-5 on 31 August by the year-end population aged 3-5, two slightly different
     * cohorts: the enrolment probability is solved per district so the ratio meets the path where it can.
     */
    private void calibrateKindergartens() {
        Population population = context.population;
        int count = context.districts.size();
        long[] cohort = new long[count];
        long[] yearEnd = new long[count];
        int september30 = (int) LocalDate.of(context.year, 9, 30).toEpochDay();
        LocalDate august31 = LocalDate.of(context.year, 8, 31);
        for (int person = 0; person < population.size; person++) {
            if (population.birthDay[person] > context.end || population.ageAtYearEnd(person, context.year) > 7) {
                continue;
            }
            if (population.presentOn(person, september30)) {
                int age = population.ageOn(person, august31);
                if (age >= 3 && age <= 5) {
                    cohort[population.districtOn(person, september30)]++;
                }
            }
            int ageAtEnd = population.ageAtYearEnd(person, context.year);
            if (context.presentAtYearEnd(person) && ageAtEnd >= 3 && ageAtEnd <= 5) {
                yearEnd[context.residence(person)]++;
            }
        }
        double[] probability = new double[count];
        double pupils = 0;
        for (int d = 0; d < count; d++) {
            double wanted = context.calibration.districtRate("T1-03", d, context.year) / 100 * yearEnd[d];
            double share = PersonTraits.kindergartenEnrolledShare();
            probability[d] = cohort[d] == 0 ? 1 : Math.min(1, wanted / (cohort[d] * share));
            double expected = probability[d] * cohort[d] * share;
            pupils += expected;
            context.truth.put("T1-03", context.districtCode(d), context.year, yearEnd[d] == 0 ? 0 : 100 * expected / yearEnd[d]);
        }
        context.truth.put("T1-03", TruthTable.CITY, context.year, 100 * pupils / Math.max(1, InsuranceExtracts.sum(yearEnd)));
        context.traits.kindergartenEnrolment(probability);
    }

    void person(int person, String idNumber) {
        PersonTraits.Placement placement = context.traits.placement(person, context.year);
        if (placement == null) {
            return;
        }
        String[] row = rolls.newRecord();
        row[0] = "XJ" + context.year + Digits.zeroPadded(++studentNumber, 9);
        row[1] = idNumber;
        row[2] = placement.school().id();
        row[3] = placement.grade();
        row[4] = schoolYear;
        row[5] = placement.status();
        row[6] = placement.withDisability() ? "true" : "false";
        row[7] = dates.format(placement.entryDay());
        rolls.write(row);
    }

    void close() {
        context.deliveries.closed(rolls, "education/rolls");
    }
}
