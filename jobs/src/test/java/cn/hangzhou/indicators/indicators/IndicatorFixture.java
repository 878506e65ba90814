package cn.hangzhou.indicators.indicators;

import cn.hangzhou.indicators.testing.SilverFixtures;
import org.apache.spark.sql.SparkSession;

/**
 * One small silver world for the indicator tests, reporting year 2024, districts A = 330102 上城 and
 * B = 330105 拱墅 (330106 西湖 has no data at all). The expected values, derived by hand from these rows, are
 * in the comments here and next to the assertions of {@link IndicatorComputationIT}.
 *
 * <p>Edge cases: birthdays on the reference date (31 Dec, 31 Aug, the date of death), a 29 February birthday,
 * a person who died mid-year, archives and rolls without a valid ID, a person insured in two districts, a payment
 * reversed in the same month, a cancelled certificate, rows of 2023 and 2025 that must not count for 2024.
 */
public final class IndicatorFixture {

    static final String A = "330102";
    static final String B = "330105";
    static final String EMPTY_DISTRICT = "330106";
    static final int YEAR = 2024;

    /** Deliveries the rows come from; the command IT gives them quality outcomes in the manifest. */
    static final String PAYMENTS_DELIVERY = "payments-2024";
    static final String DISABILITY_DELIVERY = "disability-2024";

    private IndicatorFixture() {
    }

    /** The world with the command ITs' delivery outcomes in the manifest: payments warned, disability rejected. */
    static SilverFixtures withDeliveryOutcomes(SparkSession spark) {
        return build(spark).manifest("health-2024", "passed").manifest("insurance-2024", "passed")
                .manifest("education-2024", "passed").manifest(PAYMENTS_DELIVERY, "warned").manifest(DISABILITY_DELIVERY, "rejected");
    }

    /** A command line: the command's name, the warehouse and landing options, then its own options. */
    static String[] command(String name, String[] location, String... more) {
        String[] arguments = new String[1 + location.length + more.length];
        arguments[0] = name;
        System.arraycopy(location, 0, arguments, 1, location.length);
        System.arraycopy(more, 0, arguments, 1 + location.length, more.length);
        return arguments;
    }

    public static SilverFixtures build(SparkSession spark) {
        SilverFixtures silver = new SilverFixtures(spark).fromDelivery("health-2024");

        // Resident register 2024: age on 31 Dec 2024, household registration.
        silver.resident(YEAR, "p-baby1", "HZ330102000000001", A, "2022-12-31", "1")   // 2 (birthday on 31 Dec)
              .resident(YEAR, "p-baby2", "HZ330102000000002", A, "2021-12-31", "1")   // 3 (birthday on 31 Dec): not 0-2
              .resident(YEAR, "p-baby3", "HZ330102000000003", A, "2024-03-01", "2")   // 0
              .resident(YEAR, null, "HZ330102000000004", A, "2023-06-01", "1")        // 1, no valid ID
              .resident(YEAR, "p-baby5", "HZ330105000000005", B, "2023-02-28", "1")   // 1
              .resident(YEAR, "p-old1", "HZ330102000000006", A, "1959-12-31", "1")    // 65 (birthday on 31 Dec)
              .resident(YEAR, "p-old2", "HZ330102000000007", A, "1960-01-01", "2")    // 64
              .resident(YEAR, "p-old3", "HZ330105000000008", B, "1940-02-29", "1")    // 84
              .resident(YEAR, "p-adult1", "HZ330102000000009", A, "1990-05-05", "1")  // 34
              .resident(YEAR, "p-student", "HZ330102000000010", A, "2008-12-31", "1") // 16 (birthday on 31 Dec), 在读 in 2024
              .resident(YEAR, "p-adult3", "HZ330105000000011", B, "2000-01-01", "2")  // 24
              .resident(YEAR, "p-kid7", "HZ330105000000012", B, "2018-08-30", "2")    // 6; 6 on 31 Aug 2024 too
              .resident(2023, "p-baby5", "HZ330102000000013", A, "2023-02-28", "1");  // another year: not 2024

        // Child checks: baby1 (any service) and baby3 (service 03) in 2024; baby5's is dated 2023; baby2 is not 0-2;
        // the record without valid ID matches nobody.
        silver.childCheckup("c-1", "p-baby1", "2024-05-10", "02")
              .childCheckup("c-2", "p-baby3", "2024-11-02", "03")
              .childCheckup("c-3", "p-baby5", "2023-12-20", "03")
              .childCheckup("c-4", "p-baby2", "2024-01-05", "01")
              .childCheckup("c-5", null, "2024-02-02", "03");
        silver.elderlyCheckup("e-1", "p-old1", "2024-07-01")
              .elderlyCheckup("e-2", "p-old2", "2024-03-03")
              .elderlyCheckup("e-3", "p-old3", "2025-01-02");

        // Deaths: age at death from birth and death date.
        silver.death("D1", "p-x1", A, "1930-01-01", "2024-06-15", "I21.9")  // 94: 85+; NCD but not 30-69
              .death("D2", "p-x2", A, "1960-06-16", "2024-06-15", "C34.1")  // died mid-year the day before turning 64: 63
              .death("D3", "p-x3", A, "1984-02-29", "2024-02-28", "V89.2")  // 39 (29 Feb birthday not reached); external
              .death("D4", "p-x4", A, "1994-03-01", "2024-03-01", "E11.9")  // 30 (birthday on the date of death)
              .death("D9", "p-x9", A, "1970-01-01", "2024-05-05", "J99.1")  // 54; J99 is outside J30-J98
              .death("D10", "p-x10", A, "1970-01-01", "2024-05-06", "C97")  // 54; NCD
              .death("D11", "p-x11", A, "1970-01-01", "2024-05-07", "J30.0") // 54; NCD
              .death("D5", "p-x5", B, "1935-05-05", "2024-01-10", "J44.1")  // 88: 85+
              .death("D6", "p-x6", B, "1954-12-31", "2024-12-31", "I63.9")  // 70 (birthday): not 30-69
              .death("D7", null, B, null, "2024-04-04", "R99")              // no birth date: no age, left out
              .death("D8", "p-x8", A, "1950-01-01", "2023-12-31", "I21.0"); // 2023

        // Year-end population 2024: A 1000 and B 500 persons at every single age 0..100+.
        for (int age = 0; age <= 100; age++) {
            silver.population(YEAR, A, age, 1000).population(YEAR, B, age, 500);
        }

        silver.childcare(YEAR, "C1", A, 30, "正常运营")
              .childcare(YEAR, "C2", A, 20, "停业")
              .childcare(YEAR, "C3", B, 10, "正常运营");

        silver.fromDelivery("insurance-2024")
              .enrolment(YEAR, "p-adult1", "110", "1", "2015-01-01", A)
              .enrolment(YEAR, "p-adult1", "170", "2", "2020-06-01", B)   // latest pension enrolment: B
              .enrolment(YEAR, "p-old1", "120", "2", "2010-01-01", B)
              .enrolment(YEAR, "p-adult3", "170", "3", "2018-01-01", B)   // terminated
              .enrolment(YEAR, null, "110", "1", "2019-01-01", A)         // no valid ID: a person of its own
              .enrolment(YEAR, "p-adult1", "410", "1", "2015-01-01", A)   // work injury in two districts
              .enrolment(YEAR, "p-adult1", "410", "1", "2020-06-01", B)
              .enrolment(YEAR, "p-old2", "410", "3", "2000-01-01", A)
              .enrolment(YEAR, "p-adult3", "410", "1", "2018-01-01", B)
              .enrolment(YEAR, "p-adult3", "210", "1", "2018-01-01", B)
              .enrolment(YEAR, "p-adult1", "210", "2", "2015-01-01", A)   // suspended: not status 1
              .enrolment(YEAR, "p-adult1", "310", "1", "2015-01-01", A)
              .enrolment(YEAR, "p-baby1", "390", "1", "2023-01-10", A)
              .enrolment(YEAR, "p-student", "390", "3", "2010-01-01", A)
              .enrolment(YEAR, "p-baby5", "390", "1", "2023-03-01", B)
              .enrolment(YEAR, "p-adult3", "390", "1", "2018-01-01", "330109")
              .enrolment(2023, "p-old3", "410", "1", "2000-01-01", B);

        silver.fromDelivery("education-2024")
              .school(YEAR, "3301020001", A, "01", "1", null)      // S1 public kindergarten
              .school(YEAR, "3301020002", A, "01", "2", true)      // S2 private inclusive kindergarten
              .school(YEAR, "3301050003", B, "01", "2", false)     // S3 private kindergarten
              .school(YEAR, "3301050004", B, "02", "1", null);     // S4 primary school
        // Rolls of school year 2024-2025; age on 31 Aug 2024 from the register where the pupil is in it, else the ID.
        silver.roll(YEAR, "x1", "p-kid1", "2021-08-31", "3301020001", "01", "在读")  // 3 (birthday on 31 Aug)
              .roll(YEAR, "x2", "p-kid2", "2021-09-01", "3301020002", "01", "在读")  // 2
              .roll(YEAR, "x3", "p-kid3", "2019-09-01", "3301050003", "02", "在读")  // 4
              .roll(YEAR, "x4", "p-kid4", "2019-05-01", "3301050003", "03", "转出")
              .roll(YEAR, "x5", "p-student", "2008-12-31", "3301050004", "31", "在读")
              .roll(YEAR, "x6", "p-dis1", "2015-09-01", "3301050004", "11", "休学")
              .roll(YEAR, "x7", "p-kid7", "2020-01-01", "3301020001", "03", "在读")  // register: 6 (the ID would say 4)
              .roll(YEAR, "x8", "p-dis3", "2007-09-01", "3301050004", "31", "在读")
              .roll(YEAR, "x9", null, null, "3301020001", "02", "在读")              // no valid ID: no age
              .roll(YEAR, "x10", "p-dis7", "2018-09-01", "3301050003", "03", "休学")
              .roll(2023, "y1", "p-dis2", "2020-08-31", "3301020001", "01", "在读"); // school year 2023 only

        // Disability register 2024; age on 31 Aug 2024 from the ID (none of them is in the resident register).
        silver.fromDelivery(DISABILITY_DELIVERY)
              .certificate(YEAR, "cert-1", "p-dis1", "2015-09-01", "2", A, "有效")   // 8
              .certificate(YEAR, "cert-2", "p-dis2", "2020-08-31", "4", A, "有效")   // 4 (birthday on 31 Aug)
              .certificate(YEAR, "cert-3", "p-dis3", "2007-09-01", "1", B, "有效")   // 16
              .certificate(YEAR, "cert-3b", "p-dis3", "2007-09-01", "1", B, "注销")  // cancelled
              .certificate(YEAR, "cert-4", "p-dis4", "1970-01-01", "1", B, "有效")
              .certificate(YEAR, "cert-5", "p-dis5", "1980-01-01", "3", A, "有效")
              .certificate(YEAR, "cert-6", null, null, "2", A, "有效")                // no valid ID
              .certificate(YEAR, "cert-7", "p-dis7", "2018-09-01", "2", B, "有效");  // 5

        silver.fromDelivery(PAYMENTS_DELIVERY)
              .payment("P1", null, "p-dis4", "低保", "202412", "1000.00", "1000.00", B)
              .payment("P2", null, "p-dis4", "困难残疾人生活补贴", "202403", "200.00", null, B)
              .payment("P3", null, "p-dis4", "重度残疾人护理补贴", "202405", "300.00", null, B)
              .payment("P4", "P3", "p-dis4", "重度残疾人护理补贴", "202405", "-300.00", null, B)  // reverses P3
              .payment("P5", null, "p-dis5", "低保边缘", "202402", "500.00", "1000.00", A)
              .payment("P6", null, "p-dis1", "重度残疾人护理补贴", "202406", "300.00", null, A)
              .payment("P7", null, "p-low1", "低保", "202412", "1100.00", "1100.00", A)
              .payment("P8", null, "p-low2", "低保", "202412", "2200.00", "1100.00", A)
              .payment("P9", null, "p-low3", "低保", "202412", "1050.00", "1050.00", A)
              .payment("P10", null, "p-low4", "低保", "202412", "1050.00", "1050.00", A)
              .payment("P11", "P10", "p-low4", "低保", "202412", "-1050.00", "1050.00", A)  // reverses P10
              .payment("P12", null, null, "低保", "202412", "1100.00", "1050.00", A)        // no valid ID
              .payment("P13", null, "p-low1", "低保", "202411", "1100.00", "1100.00", A)
              .payment("P14", null, "p-low9", "低保", "202312", "900.00", "900.00", A);
        return silver;
    }
}
