package cn.hangzhou.indicators.sample;

import java.time.LocalDate;

/** The year-end population file and the childcare register, written from year-end counts. */
final class PopulationAndChildcare {

    private static final int OPEN_AGE = 100;
    private static final long TAG_PLACES = 91;
    private static final long TAG_CLOSED = 92;
    private static final long TAG_REGISTERED = 93;

    private PopulationAndChildcare() {
    }

    static void write(YearContext context) {
        Population population = context.population;
        int count = context.districts.size();
        long[][][] persons = new long[count][2][OPEN_AGE + 1];
        long[] totals = new long[count];
        for (int person = 0; person < population.size; person++) {
            if (context.presentAtYearEnd(person)) {
                int age = Math.min(OPEN_AGE, population.ageAtYearEnd(person, context.year));
                int district = population.district[person];
                persons[district][population.male(person) ? 0 : 1][age]++;
                totals[district]++;
            }
        }
        ExtractWriter file = context.deliveries.open("reference/population", String.valueOf(context.year), null);
        for (int d = 0; d < count; d++) {
            for (int sex = 0; sex < 2; sex++) {
                for (int age = 0; age <= OPEN_AGE; age++) {
                    String[] row = file.newRecord();
                    row[0] = String.valueOf(context.year);
                    row[1] = context.districtCode(d);
                    row[2] = sex == 0 ? "1" : "2";
                    row[3] = age == OPEN_AGE ? "100+" : String.valueOf(age);
                    row[4] = String.valueOf(persons[d][sex][age]);
                    file.write(row);
                }
            }
        }
        context.deliveries.closed(file, "reference/population");
        writeChildcare(context, totals);
        writeMortalityTruth(context);
    }

    /** Institutions keep their code and size from year to year; the last operating one is cut to meet the target. */
    private static void writeChildcare(YearContext context, long[] totals) {
        ExtractWriter file = context.deliveries.open("health/childcare", String.valueOf(context.year), null);
        DatePattern dates = new DatePattern(context.deliveries.schema("health/childcare").column("registration_date").orElseThrow().format());
        int firstRegistration = (int) LocalDate.of(2018, 1, 1).toEpochDay();
        long cityPlaces = 0;
        for (int d = 0; d < totals.length; d++) {
            long target = Math.round(context.calibration.childcarePlacesRate(d, context.year) * totals[d] / 1000);
            long places = 0;
            for (int k = 1; places < target; k++) {
                int size = 20 + context.random.below(140, TAG_PLACES, d, k);
                boolean closed = context.random.uniform(TAG_CLOSED, d * 10_000L + k, context.year) < 0.06;
                if (!closed) {
                    size = (int) Math.min(size, target - places);
                    places += size;
                }
                String[] row = file.newRecord();
                row[0] = "TY" + context.districtCode(d) + String.format("%04d", k);
                row[1] = context.districts.get(d).nameZh() + "第" + k + "托育园";
                row[2] = context.districtCode(d);
                row[3] = String.valueOf(size);
                row[4] = dates.format(Math.min(context.end, firstRegistration + context.random.below(1800, TAG_REGISTERED, d, k)));
                row[5] = closed ? "停业" : "正常运营";
                file.write(row);
            }
            cityPlaces += places;
            context.truth.put("T2-02", context.districtCode(d), context.year, totals[d] == 0 ? 0 : 1000.0 * places / totals[d]);
        }
        context.deliveries.closed(file, "health/childcare");
        context.truth.put("T2-02", TruthTable.CITY, context.year, 1000.0 * cityPlaces / Math.max(1, InsuranceExtracts.sum(totals)));
    }

    /** Life expectancy and premature NCD mortality as the mortality model gives them (not as sampled). */
    private static void writeMortalityTruth(YearContext context) {
        for (int d = -1; d < context.districts.size(); d++) {
            String code = d < 0 ? TruthTable.CITY : context.districtCode(d);
            context.truth.put("T2-20", code, context.year, context.calibration.expectedLifeExpectancy(d, context.year));
            context.truth.put("T2-18", code, context.year, context.calibration.expectedPrematureMortality(d, context.year));
        }
    }
}
