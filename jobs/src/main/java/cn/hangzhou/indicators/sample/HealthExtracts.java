package cn.hangzhou.indicators.sample;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The health department's person-level extracts of a year: resident archive, child and elderly checks, deaths. */
final class HealthExtracts {

    private static final int[] CHECK_MONTHS = {0, 1, 3, 6, 8, 12, 18, 24, 30, 36};
    private static final String[] NCD_CAUSES = {"I21.9", "I63.9", "I10", "I25.1", "C34.1", "C16.9", "C22.0", "C18.9",
            "J44.1", "J45.9", "E11.9", "E14.9"};
    private static final double[] NCD_CUMULATIVE = {0.12, 0.26, 0.33, 0.40, 0.56, 0.64, 0.73, 0.80, 0.89, 0.92, 0.98, 1.0};
    private static final String[] OTHER_CAUSES = {"V89.2", "K74.6", "A41.9", "W19", "N18.9", "G30.9", "K92.2", "X59.9"};
    private static final long TAG_CHILD = 60;
    private static final long TAG_SCREEN = 61;
    private static final long TAG_CHECK_DAY = 62;
    private static final long TAG_FACILITY = 63;
    private static final long TAG_ELDERLY = 64;
    private static final long TAG_ELDERLY_DAY = 65;
    private static final long TAG_TCM = 66;
    private static final long TAG_UNIDENTIFIED = 67;
    private static final long TAG_CAUSE = 68;
    private static final long TAG_SECOND_CHECK = 69;

    private final YearContext context;
    private final Population population;
    private final ExtractWriter residents;
    private final DatePattern residentDates;
    private final MonthlyFiles childChecks;
    private final DatePattern childDates;
    private final MonthlyFiles elderlyChecks;
    private final DatePattern elderlyDates;
    private final MonthlyFiles deaths;
    private final DatePattern deathDates;
    private final double[] childManaged;
    private final double[] screened;
    private final double[] elderlyManaged;

    HealthExtracts(YearContext context) {
        this.context = context;
        this.population = context.population;
        residents = context.deliveries.open("health/residents", String.valueOf(context.year), null);
        residentDates = new DatePattern(context.deliveries.schema("health/residents").column("birth_date").orElseThrow().format());
        childChecks = new MonthlyFiles(context, "health/child_checkups", "ET");
        childDates = new DatePattern(context.deliveries.schema("health/child_checkups").column("check_date").orElseThrow().format());
        elderlyChecks = new MonthlyFiles(context, "health/elderly_checkups", "LN");
        elderlyDates = new DatePattern(context.deliveries.schema("health/elderly_checkups").column("check_date").orElseThrow().format());
        deaths = new MonthlyFiles(context, "health/deaths", "SW");
        deathDates = new DatePattern(context.deliveries.schema("health/deaths").column("death_date").orElseThrow().format());
        int count = context.districts.size();
        childManaged = new double[count];
        screened = new double[count];
        elderlyManaged = new double[count];
        for (int d = 0; d < count; d++) {
            childManaged[d] = context.calibration.districtRate("T2-03", d, context.year) / 100;
            // children born after late September have no check at 3 months or more in their first year: no screening
            screened[d] = Math.min(1, context.calibration.districtRate("T2-06", d, context.year)
                    / context.calibration.districtRate("T2-03", d, context.year) / 0.91);
            elderlyManaged[d] = context.calibration.districtRate("T2-27", d, context.year) / 100;
        }
    }

    void person(int person, String idNumber, String name) {
        int district = context.residence(person);
        writeArchives(person, idNumber, name, district);
        writeChildChecks(person, idNumber, district);
        writeElderlyCheck(person, idNumber, district);
        writeDeath(person, idNumber, district);
    }

    private void writeArchives(int person, String idNumber, String name, int district) {
        if (!context.traits.hasArchive(person)) {
            return;
        }
        int opened = context.traits.archiveOpened(person);
        if (opened > context.end) {
            return;
        }
        String status = !context.exitedInYear(person) ? "1" : population.exitKind[person] == Population.DIED ? "3" : "2";
        int second = context.traits.secondArchiveOpened(person);
        if (second >= 0) {
            int otherDistrict = (district + 1 + context.random.below(context.districts.size() - 1, 23, person)) % context.districts.size();
            writeArchive(person + PersonTraits.SECOND_ARCHIVE_OFFSET, person, idNumber, name, otherDistrict, second, status);
        }
        writeArchive(person, person, idNumber, name, district, opened, status);
    }

    private void writeArchive(long number, int person, String idNumber, String name, int district, int opened, String status) {
        String[] row = residents.newRecord();
        row[0] = "HZ" + context.districtCode(district) + Digits.zeroPadded(number, 9);
        row[1] = idNumber;
        row[2] = name;
        row[3] = population.male(person) ? "1" : "2";
        row[4] = residentDates.format(population.birthDay[person]);
        row[5] = context.districtCode(district);
        row[6] = population.localRegistration(person) ? "1" : "2";
        row[7] = residentDates.format(opened);
        row[8] = status;
        residents.write(row);
    }

    private void writeChildChecks(int person, String idNumber, int district) {
        LocalDate birth = LocalDate.ofEpochDay(population.birthDay[person]);
        if (birth.getYear() < context.year - 3 || context.random.uniform(TAG_CHILD, person) >= childManaged[district]) {
            return;
        }
        boolean screening = context.random.uniform(TAG_SCREEN, person) < screened[district];
        for (int months : CHECK_MONTHS) {
            LocalDate date;
            if (months == 0) {
                LocalDate yearEnd = LocalDate.of(birth.getYear(), 12, 31);
                date = birth.plusDays(3 + context.random.below(18, TAG_CHECK_DAY, person, 0));
                date = date.isAfter(yearEnd) ? yearEnd : date;
            } else {
                date = birth.plusMonths(months).plusDays(context.random.below(10, TAG_CHECK_DAY, person, months));
            }
            int day = (int) date.toEpochDay();
            if (day < context.start || day > context.end || !population.presentOn(person, day)) {
                continue;
            }
            int month = date.getMonthValue();
            String facility = "ET" + context.districtCode(district) + Digits.zeroPadded(context.random.below(30, TAG_FACILITY, person), 3);
            String age = String.valueOf(ChronoUnit.MONTHS.between(birth, date));
            writeChildCheck(month, idNumber, date, facility, months == 0 ? "01" : "02", age);
            if (screening && months >= 3) {
                writeChildCheck(month, idNumber, date, facility, "03", age);
            }
        }
    }

    private void writeChildCheck(int month, String idNumber, LocalDate date, String facility, String service, String age) {
        String[] row = childChecks.writer(month).newRecord();
        row[0] = childChecks.nextId(month);
        row[1] = idNumber;
        row[2] = childDates.format(date);
        row[3] = facility;
        row[4] = service;
        row[5] = age;
        childChecks.write(month, row);
    }

    private void writeElderlyCheck(int person, String idNumber, int district) {
        if (population.ageAtYearEnd(person, context.year) < 65
                || context.random.uniform(TAG_ELDERLY, person) >= elderlyManaged[district]) {
            return;
        }
        int checks = context.random.uniform(TAG_SECOND_CHECK, person, context.year) < 0.01 ? 2 : 1;
        for (int k = 0; k < checks; k++) {
            int day = context.start + context.random.below(context.days, TAG_ELDERLY_DAY, person, context.year * 4L + k);
            if (!population.presentOn(person, day)) {
                continue;
            }
            LocalDate date = LocalDate.ofEpochDay(day);
            int month = date.getMonthValue();
            String[] row = elderlyChecks.writer(month).newRecord();
            row[0] = elderlyChecks.nextId(month);
            row[1] = idNumber;
            row[2] = elderlyDates.format(date);
            row[3] = "SQ" + context.districtCode(district) + Digits.zeroPadded(context.random.below(40, TAG_FACILITY, person), 3);
            row[4] = context.random.uniform(TAG_TCM, person, context.year) < 0.7 ? "是" : "否";
            elderlyChecks.write(month, row);
        }
    }

    private void writeDeath(int person, String idNumber, int district) {
        if (!context.exitedInYear(person) || population.exitKind[person] != Population.DIED) {
            return;
        }
        LocalDate date = LocalDate.ofEpochDay(population.exitDay[person]);
        int month = date.getMonthValue();
        String[] row = deaths.writer(month).newRecord();
        row[0] = deaths.nextId(month);
        row[1] = context.random.uniform(TAG_UNIDENTIFIED, person) < 0.003 ? "" : idNumber;
        row[2] = population.male(person) ? "1" : "2";
        row[3] = deathDates.format(population.birthDay[person]);
        row[4] = deathDates.format(date);
        row[5] = context.districtCode(population.districtOn(person, population.exitDay[person]));
        row[6] = cause(person, population.ageOn(person, date));
        deaths.write(month, row);
    }

    /** Underlying cause: the four NCD groups at the calibrated share for ages 30-69, most deaths above 70. */
    private String cause(int person, int age) {
        double draw = context.random.uniform(TAG_CAUSE, person);
        double ncd = age < 1 ? 0 : age < 30 ? 0.2 : age < 70 ? context.calibration.ncdShare(context.year) : 0.85;
        if (age < 1) {
            return draw < 0.5 ? "P07.3" : "Q24.9";
        }
        if (draw < ncd) {
            double which = context.random.uniform(TAG_CAUSE, person, 1);
            int k = 0;
            while (NCD_CUMULATIVE[k] < which) {
                k++;
            }
            return NCD_CAUSES[k];
        }
        return OTHER_CAUSES[context.random.below(OTHER_CAUSES.length, TAG_CAUSE, person, 2)];
    }

    void close() {
        context.deliveries.closed(residents, "health/residents");
        childChecks.close();
        elderlyChecks.close();
        deaths.close();
    }
}
