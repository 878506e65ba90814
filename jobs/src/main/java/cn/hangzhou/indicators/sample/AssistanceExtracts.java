package cn.hangzhou.indicators.sample;

import java.time.YearMonth;

/** Social-assistance payments (monthly, with reversals) and the register of certified persons with disability. */
final class AssistanceExtracts {

    static final String[] PROGRAMMES = {"低保", "低保边缘", "特困供养", "临时救助", "困难残疾人生活补贴", "重度残疾人护理补贴"};
    private static final long TAG_MINIMUM = 81;
    private static final long TAG_EDGE = 82;
    private static final long TAG_DESTITUTE = 83;
    private static final long TAG_TEMPORARY = 84;
    private static final long TAG_LIVING = 85;
    private static final long TAG_NURSING = 86;
    private static final long TAG_HOUSEHOLD = 87;
    private static final long TAG_INCOME = 88;
    private static final long TAG_REVERSAL = 89;

    private final YearContext context;
    private final Population population;
    private final MonthlyFiles payments;
    private final ExtractWriter disability;
    private final DatePattern issueDates;
    private final double[][] spending;
    private final long[] minimumPersonsDecember;
    private final double[] standards;

    AssistanceExtracts(YearContext context) {
        this.context = context;
        this.population = context.population;
        payments = new MonthlyFiles(context, "assistance/payments", "JZ");
        disability = context.deliveries.open("assistance/disability", String.valueOf(context.year), null);
        issueDates = new DatePattern(context.deliveries.schema("assistance/disability").column("issue_date").orElseThrow().format());
        int count = context.districts.size();
        spending = new double[count][PROGRAMMES.length];
        minimumPersonsDecember = new long[count];
        standards = new double[count];
        for (int d = 0; d < count; d++) {
            standards[d] = context.calibration.monthlyStandard(d, context.year);
        }
    }

    private static double minimumShare(String tier) {
        return switch (tier) {
            case "west" -> 0.009;
            case "linan" -> 0.007;
            case "chunan" -> 0.011;
            default -> 0.0028;
        };
    }

    void person(int person, String idNumber, String name) {
        int age = population.ageAtYearEnd(person, context.year);
        int residence = context.residence(person);
        boolean certified = context.traits.certifiedBy(person, context.end);
        writeCertificate(person, idNumber, name, residence, certified);
        double share = age < 18 ? 0 : minimumShare(context.tier(residence)) * (certified ? 6 : 1);
        boolean minimum = context.random.uniform(TAG_MINIMUM, person) < share;
        boolean edge = !minimum && context.random.uniform(TAG_EDGE, person) < share * 0.6;
        boolean destitute = !minimum && age >= 60
                && context.random.uniform(TAG_DESTITUTE, person) < (context.tier(residence).equals("urban") ? 0.0025 : 0.005);
        int temporaryMonth = age >= 18 && context.random.uniform(TAG_TEMPORARY, person, context.year) < 0.001
                ? 1 + context.random.below(12, TAG_TEMPORARY, person, context.year) : 0;
        boolean living = certified && (minimum || edge)
                && context.random.uniform(TAG_LIVING, person) * 100 < context.calibration.districtRate("T2-44", residence, context.year);
        int grade = certified ? context.traits.disabilityGrade(person) : 9;
        boolean nursing = grade <= 2
                && context.random.uniform(TAG_NURSING, person) * 100 < context.calibration.districtRate("T2-45", residence, context.year);
        if (!minimum && !edge && !destitute && temporaryMonth == 0 && !nursing) {
            return;
        }
        int household = 1 + (int) (Math.pow(context.random.uniform(TAG_HOUSEHOLD, person), 1.6) * 4);
        double income = context.random.uniform(TAG_INCOME, person, context.year) * 0.3;
        for (int month = 1; month <= 12; month++) {
            YearMonth yearMonth = YearMonth.of(context.year, month);
            int first = (int) yearMonth.atDay(1).toEpochDay();
            int last = (int) yearMonth.atEndOfMonth().toEpochDay();
            if (!population.presentBetween(person, first, last)) {
                continue;
            }
            int district = population.districtOn(person, first);
            double standard = standards[district];
            if (minimum) {
                pay(person, month, idNumber, 0, standard * household * (1 - income), household, standard, district);
                if (month == 12) {
                    minimumPersonsDecember[district]++;
                }
            }
            if (edge) {
                pay(person, month, idNumber, 1, standard * household * 0.25, household, standard, district);
            }
            if (destitute) {
                pay(person, month, idNumber, 2, standard * 1.3, 0, 0, district);
            }
            if (month == temporaryMonth) {
                pay(person, month, idNumber, 3, 500 + context.random.below(4500, TAG_TEMPORARY, person, 7), 0, 0, district);
            }
            if (living) {
                pay(person, month, idNumber, 4, standard * 0.3, 0, 0, district);
            }
            if (nursing) {
                pay(person, month, idNumber, 5, standard * (grade == 1 ? 0.5 : 0.25), 0, 0, district);
            }
        }
    }

    /** A payment; rarely a mistaken second payment follows, reversed at once (冲正), so the net is unchanged. */
    private void pay(int person, int month, String idNumber, int programme, double amount, int household, double standard,
                     int district) {
        double rounded = Math.round(amount * 100) / 100.0;
        payment(month, idNumber, programme, rounded, household, standard, district, null);
        spending[district][programme] += rounded;
        if (context.random.uniform(TAG_REVERSAL, person, context.year * 100L + month * 10L + programme) < 0.002) {
            String mistaken = payment(month, idNumber, programme, rounded, household, standard, district, null);
            payment(month, idNumber, programme, -rounded, household, standard, district, mistaken);
        }
    }

    private String payment(int month, String idNumber, int programme, double amount, int household, double standard,
                           int district, String reversed) {
        String[] row = payments.writer(month).newRecord();
        String id = payments.nextId(month);
        row[0] = id;
        row[1] = reversed == null ? "" : reversed;
        row[2] = idNumber;
        row[3] = PROGRAMMES[programme];
        row[4] = context.month(month);
        row[5] = amount(amount);
        row[6] = household == 0 ? "" : String.valueOf(household);
        row[7] = household == 0 ? "" : amount(standard);
        row[8] = context.districtCode(district);
        payments.write(month, row);
        return id;
    }

    /** Two decimals with thousands separators ({@code 1,234.50}); the writer quotes it because of the comma. */
    static String amount(double value) {
        return Digits.amount(value);
    }

    private void writeCertificate(int person, String idNumber, String name, int residence, boolean certified) {
        if (!certified) {
            return;
        }
        boolean cancelled = context.exitedInYear(person);
        String category = context.traits.disabilityCategory(person);
        int grade = context.traits.disabilityGrade(person);
        String[] row = disability.newRecord();
        row[0] = idNumber + category + grade;
        row[1] = name;
        row[2] = category;
        row[3] = String.valueOf(grade);
        row[4] = context.districtCode(residence);
        row[5] = issueDates.format(Math.min(context.traits.disabilityIssued(person), context.end));
        row[6] = cancelled ? "注销" : "有效";
        disability.write(row);
    }

    void close() {
        payments.close();
        context.deliveries.closed(disability, "assistance/disability");
        double[] cityProgramme = new double[PROGRAMMES.length];
        long cityPersons = 0;
        for (int d = 0; d < spending.length; d++) {
            String code = context.districtCode(d);
            context.truth.put("S-01", code, context.year, minimumPersonsDecember[d]);
            context.truth.put("T2-43", code, context.year, 12 * standards[d]);
            cityPersons += minimumPersonsDecember[d];
            for (int p = 0; p < PROGRAMMES.length; p++) {
                context.truth.put("S-02:" + PROGRAMMES[p], code, context.year, spending[d][p] / 10_000);
                cityProgramme[p] += spending[d][p];
            }
        }
        context.truth.put("S-01", TruthTable.CITY, context.year, cityPersons);
        context.truth.put("T2-43", TruthTable.CITY, context.year, 12 * context.calibration.monthlyStandard(0, context.year));
        for (int p = 0; p < PROGRAMMES.length; p++) {
            context.truth.put("S-02:" + PROGRAMMES[p], TruthTable.CITY, context.year, cityProgramme[p] / 10_000);
        }
    }
}
