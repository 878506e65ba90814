package cn.hangzhou.indicators.sample;

import java.time.LocalDate;

/** Social-insurance enrolment, one GBK file per district, coverage solved to follow T2-13, T2-14, T2-25, T2-26. */
final class InsuranceExtracts {

    private static final int ENROLMENTS_FROM = (int) LocalDate.of(1995, 1, 1).toEpochDay();
    private static final long TAG_PENSION = 70;
    private static final long TAG_EMPLOYEE = 71;
    private static final long TAG_UNEMPLOYMENT = 72;
    private static final long TAG_MEDICAL = 73;
    private static final long TAG_PUBLIC = 74;
    private static final long TAG_FORMER = 75;
    private static final long TAG_SUSPENDED = 76;
    private static final long TAG_ELSEWHERE = 77;
    private static final long TAG_DATE = 78;
    private static final long TAG_BASE = 79;
    private static final long TAG_DUPLICATE = 80;

    private final YearContext context;
    private final Population population;
    private final ExtractWriter[] files;
    private final DatePattern dates;
    private final double[] archivedPension;
    private final double[] registeredMedical;
    private double otherPension;
    private double employeeShare;
    private double unemploymentShare;
    private final long[] workInjury;
    private final long[] unemployment;
    private final long[] pension;

    InsuranceExtracts(YearContext context) {
        this.context = context;
        this.population = context.population;
        int count = context.districts.size();
        files = new ExtractWriter[count];
        for (int d = 0; d < count; d++) {
            files[d] = context.deliveries.open("insurance/enrolments", String.valueOf(context.year), context.districtCode(d));
        }
        dates = new DatePattern(context.deliveries.schema("insurance/enrolments").column("enrolment_date").orElseThrow().format());
        archivedPension = new double[count];
        registeredMedical = new double[count];
        for (int d = 0; d < count; d++) {
            archivedPension[d] = context.calibration.districtRate("T2-26", d, context.year) / 100;
            registeredMedical[d] = context.calibration.districtRate("T2-21", d, context.year) / 100;
        }
        workInjury = new long[count];
        unemployment = new long[count];
        pension = new long[count];
        solveShares();
    }

    private boolean archived(int person) {
        return context.traits.hasArchive(person) && context.traits.archiveOpened(person) <= context.end;
    }

    private boolean student(int person) {
        PersonTraits.Placement placement = context.traits.placement(person, context.year);
        return placement != null && placement.status().equals("在读");
    }

    /** The counting pass: pension coverage outside the archive and the employee share that meet the counts. */
    private void solveShares() {
        double archivedInsured = 0;
        long others = 0;
        long working = 0;
        long workingArchived = 0;
        double workingInsured = 0;
        for (int person = 0; person < population.size; person++) {
            if (!context.presentAtYearEnd(person)) {
                continue;
            }
            int age = population.ageAtYearEnd(person, context.year);
            if (age < 16 || (age <= 18 && student(person))) {
                continue;
            }
            boolean archived = archived(person);
            int district = context.residence(person);
            if (archived) {
                archivedInsured += archivedPension[district];
            } else {
                others++;
            }
            if (age >= 18 && age <= 59) {
                working++;
                if (archived) {
                    workingArchived++;
                    workingInsured += archivedPension[district];
                }
            }
        }
        double pensionTarget = Calibration.cityValue("T2-25", context.year) * 10_000 * context.scale;
        otherPension = others == 0 ? 0 : Math.max(0, Math.min(1, (pensionTarget - archivedInsured) / others));
        workingInsured += (working - workingArchived) * otherPension;
        double workInjuryTarget = Calibration.cityValue("T2-13", context.year) * 10_000 * context.scale;
        employeeShare = workingInsured == 0 ? 0 : Math.min(1, workInjuryTarget / workingInsured);
        unemploymentShare = Calibration.cityValue("T2-14", context.year) / Calibration.cityValue("T2-13", context.year);
    }

    void person(int person, String idNumber, String name) {
        int age = population.ageAtYearEnd(person, context.year);
        int residence = context.residence(person);
        int district = context.random.uniform(TAG_ELSEWHERE, person) < 0.04
                ? (residence + 1 + context.random.below(context.districts.size() - 1, TAG_ELSEWHERE, person)) % context.districts.size()
                : residence;
        boolean archived = archived(person);
        boolean eligible = age >= 16 && !(age <= 18 && student(person));
        boolean insured = eligible && context.random.uniform(TAG_PENSION, person)
                < (archived ? archivedPension[residence] : otherPension);
        boolean employee = insured && age >= 18 && age <= 59 && context.random.uniform(TAG_EMPLOYEE, person) < employeeShare;
        boolean publicSector = context.random.uniform(TAG_PUBLIC, person) < 0.1;
        String pensionScheme = employee || (age >= 60 && context.random.uniform(TAG_FORMER, person) < 0.55)
                ? (publicSector ? "120" : "110") : "170";
        boolean exited = context.exitedInYear(person);
        String status = exited ? "3"
                : pensionScheme.equals("170") && age < 60 && context.random.uniform(TAG_SUSPENDED, person) < 0.08 ? "2" : "1";
        int enrolled = enrolmentDay(person, age);
        String base = (4462 + context.random.below(26000, TAG_BASE, person)) + ".00";
        boolean moved = population.moveDay[person] != Population.NONE && population.moveDay[person] >= context.start
                && district == residence;
        if (insured) {
            row(person, idNumber, name, pensionScheme, status, enrolled, district, moved, pensionScheme.equals("170") ? null : base);
            if (!exited && !moved && context.random.uniform(TAG_DUPLICATE, person) < 0.003) {
                int other = (district + 1) % context.districts.size();
                writeRow(other, idNumber, name, pensionScheme, "2", Math.max(population.birthDay[person], enrolled - 1000), -1,
                        pensionScheme.equals("170") ? null : base);
            }
            if (!exited) {
                pension[district]++;
            }
        }
        boolean localArchived = archived && population.localRegistration(person);
        boolean medical = context.random.uniform(TAG_MEDICAL, person) < (localArchived ? registeredMedical[residence] : 0.93);
        if (medical) {
            boolean employeeMedical = employee || !pensionScheme.equals("170") && insured;
            int medicalDay = age < 16 ? Math.min(context.end, population.birthDay[person] + 30 + context.random.below(200, TAG_DATE, person, 2))
                    : enrolled;
            row(person, idNumber, name, employeeMedical ? "310" : "390", exited ? "3" : "1", medicalDay, district, moved,
                    employeeMedical ? base : null);
        }
        if (employee) {
            row(person, idNumber, name, "410", exited ? "3" : "1", enrolled, district, moved, base);
            row(person, idNumber, name, "510", exited ? "3" : "1", enrolled, district, moved, base);
            boolean unemployed = context.random.uniform(TAG_UNEMPLOYMENT, person) < unemploymentShare;
            if (unemployed) {
                row(person, idNumber, name, "210", exited ? "3" : "1", enrolled, district, moved, base);
            }
            if (!exited) {
                workInjury[district]++;
                if (unemployed) {
                    unemployment[district]++;
                }
            }
        }
    }

    private int enrolmentDay(int person, int age) {
        int adult = (int) LocalDate.ofEpochDay(population.birthDay[person]).plusYears(18).toEpochDay();
        int day = Math.max(Math.max(adult + context.random.below(5000, TAG_DATE, person), population.entryDay[person]), ENROLMENTS_FROM);
        return Math.max(population.birthDay[person], Math.min(day, context.end));
    }

    /** One scheme of a person; someone who moved district this year also has the terminated row of the old district. */
    private void row(int person, String idNumber, String name, String scheme, String status, int enrolled, int district,
                     boolean moved, String base) {
        int exit = population.exitDay[person];
        if (moved) {
            int moveDay = population.moveDay[person];
            writeRow(population.previousDistrict[person], idNumber, name, scheme, "3", Math.min(enrolled, moveDay - 1), moveDay, base);
            enrolled = Math.max(enrolled, moveDay);
        }
        writeRow(district, idNumber, name, scheme, status, enrolled, status.equals("3") ? exit : -1, base);
    }

    private void writeRow(int district, String idNumber, String name, String scheme, String status, int enrolled, int terminated,
                          String base) {
        ExtractWriter file = files[district];
        String[] row = file.newRecord();
        row[0] = idNumber;
        row[1] = name;
        row[2] = scheme;
        row[3] = status;
        row[4] = dates.format(enrolled);
        row[5] = terminated < 0 ? "" : dates.format(Math.max(terminated, enrolled));
        row[6] = context.districtCode(district);
        row[7] = base == null ? "" : base;
        file.write(row);
    }

    void close() {
        for (int d = 0; d < files.length; d++) {
            context.deliveries.closed(files[d], "insurance/enrolments");
            context.truth.put("T2-13", context.districtCode(d), context.year, workInjury[d] / 10_000.0);
            context.truth.put("T2-14", context.districtCode(d), context.year, unemployment[d] / 10_000.0);
            context.truth.put("T2-25", context.districtCode(d), context.year, pension[d] / 10_000.0);
        }
        context.truth.put("T2-13", TruthTable.CITY, context.year, sum(workInjury) / 10_000.0);
        context.truth.put("T2-14", TruthTable.CITY, context.year, sum(unemployment) / 10_000.0);
        context.truth.put("T2-25", TruthTable.CITY, context.year, sum(pension) / 10_000.0);
    }

    static long sum(long[] values) {
        long total = 0;
        for (long value : values) {
            total += value;
        }
        return total;
    }
}
