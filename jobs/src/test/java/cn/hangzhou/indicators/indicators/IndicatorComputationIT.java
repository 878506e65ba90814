package cn.hangzhou.indicators.indicators;

import static cn.hangzhou.indicators.indicators.IndicatorFixture.A;
import static cn.hangzhou.indicators.indicators.IndicatorFixture.B;
import static cn.hangzhou.indicators.indicators.IndicatorFixture.EMPTY_DISTRICT;
import static cn.hangzhou.indicators.indicators.IndicatorFixture.YEAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.hangzhou.indicators.config.District;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.SharedSpark;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every indicator on {@link IndicatorFixture}, computed by the stage without storage. Each expectation is derived
 * by hand from the fixture's rows in the comment beside it; the city (330100) pools the districts' units.
 */
class IndicatorComputationIT {

    private static final String CITY = District.CITY_CODE;
    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.load(ProjectFiles.home());
    private static Map<String, IndicatorValue> values;

    @BeforeAll
    static void compute() {
        Map<String, Dataset<Row>> silver = IndicatorFixture.build(SharedSpark.session()).dataFrames();
        List<IndicatorValue> computed = new IndicatorComputation(SharedSpark.session(), CATALOGUE,
                ProjectFiles.reference().districtCodes()).compute(silver, List.of(YEAR), DeliveryQuality.of(silver, null));
        values = computed.stream().collect(Collectors.toMap(
                value -> value.indicatorId() + "|" + value.districtCode() + "|" + value.year(), value -> value));
    }

    @Test
    void everyReportedIdHasAValueForTheCityAndEveryDistrict() {
        assertThat(values).hasSize(CATALOGUE.reportedIds().size() * 14);
        assertThat(values.values()).allSatisfy(value -> assertThat(value.definitionVersion())
                .isEqualTo(CATALOGUE.byReportedId(value.indicatorId()).definitionVersion()));
    }

    @Test
    void childcarePlacesPer1000Residents() {
        // operating institutions: A C1 30 (C2 closed), B C3 10; population A 101 × 1000, B 101 × 500
        expect("T2-02", A, 30, 101_000, 1000 * 30 / 101_000.0);
        expect("T2-02", B, 10, 50_500, 1000 * 10 / 50_500.0);
        expect("T2-02", CITY, 40, 151_500, 1000 * 40 / 151_500.0);
    }

    @Test
    void infantHealthManagementAndScreening() {
        // aged 0-2 on 31 Dec: A baby1 (2), baby3 (0), the archive without ID (1); baby2 turned 3 on 31 Dec. B baby5.
        // any check in 2024: baby1, baby3 (baby5's is of 2023); service 03 in 2024: baby3
        expect("T2-03", A, 2, 3, 200 / 3.0);
        expect("T2-03", B, 0, 1, 0.0);
        expect("T2-03", CITY, 2, 4, 50.0);
        expect("T2-06", A, 1, 3, 100 / 3.0);
        expect("T2-06", B, 0, 1, 0.0);
        expect("T2-06", CITY, 1, 4, 25.0);
        expect("T2-03", EMPTY_DISTRICT, 0, 0, null);
    }

    @Test
    void publicOrInclusiveKindergartenShare() {
        // 在读 grades 01-03 at kindergartens: A x1 (S1 public), x2 (S2 inclusive), x7 (S1), x9 (S1, no ID);
        // B x3 (S3 private, not inclusive); x4 transferred out, x10 suspended
        expect("T2-07", A, 4, 4, 100.0);
        expect("T2-07", B, 0, 1, 0.0);
        expect("T2-07", CITY, 4, 5, 80.0);
    }

    @Test
    void enrolmentOfCertifiedChildrenWithDisability() {
        // valid certificates, age on 31 Aug 2024 from the ID: A cert-2 (4, not on the 2024 rolls), cert-1 (8, x6 休学);
        // B cert-7 (5, x10 休学), cert-3 (16, x8 在读; its cancelled twin cert-3b does not count)
        expect("T2-09a", A, 0, 1, 0.0);
        expect("T2-09a", B, 1, 1, 100.0);
        expect("T2-09a", CITY, 1, 2, 50.0);
        expect("T2-09b", A, 1, 1, 100.0);
        expect("T2-09b", B, 0, 0, null);
        expect("T2-09b", CITY, 1, 1, 100.0);
        expect("T2-09c", A, 0, 0, null);
        expect("T2-09c", B, 1, 1, 100.0);
        expect("T2-09c", CITY, 1, 1, 100.0);
    }

    @Test
    void insuredPersonsByDistrictOfEnrolment() {
        // 410 status 1: A adult1; B adult1, adult3 (old2 terminated): adult1 counts in both districts, once in the city
        expectCount("T2-13", A, 1, 0.0001);
        expectCount("T2-13", B, 2, 0.0002);
        expectCount("T2-13", CITY, 2, 0.0002);
        // 210 status 1: B adult3 (adult1's is suspended)
        expectCount("T2-14", A, 0, 0.0);
        expectCount("T2-14", B, 1, 0.0001);
        expectCount("T2-14", CITY, 1, 0.0001);
        expectCount("T2-13", EMPTY_DISTRICT, 0, 0.0);
    }

    @Test
    void pensionInsuredPersonsCountAtTheLatestEnrolment() {
        // 110/120/170 status 1 or 2: adult1 in A (2015) and B (2020) counts in B; old1 B; the row without ID in A;
        // adult3 terminated
        expectCount("T2-25", A, 1, 0.0001);
        expectCount("T2-25", B, 2, 0.0002);
        expectCount("T2-25", CITY, 3, 0.0003);
    }

    @Test
    void medicalInsuranceCoverageOfTheRegisteredPopulation() {
        // 户籍 1: A baby1, baby2, the archive without ID, old1, adult1, student; B baby5, old3
        // 310/390 status 1 anywhere: adult1, baby1, baby5 (student's is terminated; adult3 is not 户籍 1)
        expect("T2-21", A, 2, 6, 100 / 3.0);
        expect("T2-21", B, 1, 2, 50.0);
        expect("T2-21", CITY, 3, 8, 37.5);
    }

    @Test
    void pensionCoverage() {
        // aged ≥ 16 on 31 Dec: A old1, old2, adult1, student (16 on 31 Dec, but 在读: out); B old3, adult3
        // pension 1/2 in any district: adult1, old1 (suspended, enrolled in B)
        expect("T2-26", A, 2, 3, 200 / 3.0);
        expect("T2-26", B, 0, 2, 0.0);
        expect("T2-26", CITY, 2, 5, 40.0);
    }

    @Test
    void elderlyHealthManagement() {
        // aged ≥ 65 on 31 Dec: A old1 (65 on 31 Dec; old2 is 64), B old3; checks in 2024: old1 (old3's is of 2025)
        expect("T2-27", A, 1, 1, 100.0);
        expect("T2-27", B, 0, 1, 0.0);
        expect("T2-27", CITY, 1, 2, 50.0);
    }

    @Test
    void minimumLivingStandardIsTheMostFrequentDecemberStandard() {
        // 低保 202412 in A without reversals and reversed payments (P10, P11): 1100 on P7, P8; 1050 on P9, P12:
        // equally frequent, the higher wins: 12 × 1100, and the disagreement is a warning. B: P1 1000.
        // City pooled: 1100 ×2, 1050 ×2, 1000 ×1: 1100, a warning because district A disagrees.
        expectStandard(A, 1100, QualityStatus.W);
        expectStandard(B, 1000, QualityStatus.A);
        expectStandard(CITY, 1100, QualityStatus.W);
        assertThat(value("T2-43", EMPTY_DISTRICT).value()).isNull();
    }

    @Test
    void disabilitySubsidyCoverage() {
        // T2-44 valid holders with positive net 低保/低保边缘 in 2024: A p-dis5 (低保边缘), B p-dis4 (低保);
        // living subsidy: p-dis4 (P2)
        expect("T2-44", A, 0, 1, 0.0);
        expect("T2-44", B, 1, 1, 100.0);
        expect("T2-44", CITY, 1, 2, 50.0);
        // T2-45 valid holders of grade 1 or 2: A cert-1, cert-6 (no ID); B cert-3, cert-4, cert-7;
        // positive net nursing subsidy: p-dis1 (P6); p-dis4's P3 is reversed by P4: net 0
        expect("T2-45", A, 1, 2, 50.0);
        expect("T2-45", B, 0, 3, 0.0);
        expect("T2-45", CITY, 1, 5, 20.0);
    }

    @Test
    void kindergartenEnrolmentOfAges3To5() {
        // 在读 grades 01-03, age on 31 Aug 2024: A x1 (3, birthday on 31 Aug), not x2 (2), x7 (6 by the register),
        // x9 (no age); B x3 (4). Population aged 3-5: A 3000, B 1500.
        expect("T1-03", A, 1, 3000, 100 / 3000.0);
        expect("T1-03", B, 1, 1500, 100 / 1500.0);
        expect("T1-03", CITY, 2, 4500, 200 / 4500.0);
    }

    @Test
    void minimumLivingGuaranteeRecipients() {
        // positive net 低保 for 202412: A p-low1, p-low2, p-low3, the payment without ID (P12); p-low4 nets 0
        // (P10 - P11); B p-dis4
        expectCount("S-01", A, 4, 4.0);
        expectCount("S-01", B, 1, 1.0);
        expectCount("S-01", CITY, 5, 5.0);
    }

    @Test
    void assistanceSpendingByProgramme() {
        // A 低保 2024: 1100 + 2200 + 1050 + 1050 - 1050 + 1100 + 1100 (P13, November) = 6550; 低保边缘 500; nursing 300
        expectCount("S-02/低保", A, 6550, 0.655);
        expectCount("S-02/低保边缘", A, 500, 0.05);
        expectCount("S-02/重度残疾人护理补贴", A, 300, 0.03);
        // B 低保 1000; living subsidy 200; nursing 300 - 300
        expectCount("S-02/低保", B, 1000, 0.1);
        expectCount("S-02/困难残疾人生活补贴", B, 200, 0.02);
        expectCount("S-02/重度残疾人护理补贴", B, 0, 0.0);
        expectCount("S-02/低保", CITY, 7550, 0.755);
        expectCount("S-02/特困供养", CITY, 0, 0.0);
    }

    @Test
    void prematureMortalityFromTheFourMajorNcds() {
        // NCD deaths at 30-69 in A: D4 (30) in 30-34, D10 and D11 (54) in 50-54, D2 (63) in 60-64; 5000 persons per
        // group, 40 000 at 30-69. B: none (D6 is 70). City: the same deaths over 7500 persons per group.
        double qOneA = 5 * (1 / 5000.0) / (1 + 2.5 / 5000.0);
        double qTwoA = 5 * (2 / 5000.0) / (1 + 2.5 * 2 / 5000.0);
        expect("T2-18", A, 4, 40_000, 100 * (1 - (1 - qOneA) * (1 - qOneA) * (1 - qTwoA)));
        expect("T2-18", B, 0, 20_000, 0.0);
        double qOneCity = 5 * (1 / 7500.0) / (1 + 2.5 / 7500.0);
        double qTwoCity = 5 * (2 / 7500.0) / (1 + 2.5 * 2 / 7500.0);
        expect("T2-18", CITY, 4, 60_000, 100 * (1 - (1 - qOneCity) * (1 - qOneCity) * (1 - qTwoCity)));
    }

    @Test
    void lifeExpectancyFromPooledDeathsAndPopulation() {
        // A: D3 in 35-39, D4 in 30-34, D9 D10 D11 in 50-54, D2 in 60-64, D1 in 85+ (7; D8 is of 2023);
        // B: D6 in 70-74, D5 in 85+ (2; D7 has no age). Population per group: 1, 4, 5 … 5, 16 single ages.
        long[] deathsA = new long[19];
        deathsA[7] = 1;
        deathsA[8] = 1;
        deathsA[11] = 3;
        deathsA[13] = 1;
        deathsA[18] = 1;
        long[] deathsB = new long[19];
        deathsB[15] = 1;
        deathsB[18] = 1;
        long[] deathsCity = new long[19];
        for (int group = 0; group < 19; group++) {
            deathsCity[group] = deathsA[group] + deathsB[group];
        }
        expect("T2-20", A, 7, 101_000, LifeTable.lifeExpectancyAtBirth(deathsA, populationByGroup(1000)).getAsDouble());
        expect("T2-20", B, 2, 50_500, LifeTable.lifeExpectancyAtBirth(deathsB, populationByGroup(500)).getAsDouble());
        expect("T2-20", CITY, 9, 151_500, LifeTable.lifeExpectancyAtBirth(deathsCity, populationByGroup(1500)).getAsDouble());
        expect("T2-20", EMPTY_DISTRICT, null, null, null);
    }

    @Test
    void qualityIsPassedWithoutManifestExceptForTheStandardsDisagreement() {
        assertThat(values.values()).filteredOn(value -> value.qualityStatus() != QualityStatus.A)
                .extracting(value -> value.indicatorId() + " " + value.districtCode())
                .containsExactlyInAnyOrder("T2-43 " + A, "T2-43 " + CITY);
    }

    private static long[] populationByGroup(long perAge) {
        long[] population = new long[19];
        for (int age = 0; age <= 100; age++) {
            population[LifeTable.groupOf(age)] += perAge;
        }
        return population;
    }

    private static IndicatorValue value(String id, String district) {
        IndicatorValue value = values.get(id + "|" + district + "|" + YEAR);
        assertThat(value).as(id + " " + district).isNotNull();
        return value;
    }

    private static void expect(String id, String district, Number numerator, Number denominator, Double expected) {
        IndicatorValue value = value(id, district);
        String what = id + " in " + district;
        assertThat(value.numerator()).as(what + " numerator").isEqualTo(numerator == null ? null : numerator.doubleValue());
        assertThat(value.denominator()).as(what + " denominator").isEqualTo(denominator == null ? null : denominator.doubleValue());
        if (expected == null) {
            assertThat(value.value()).as(what).isNull();
        } else {
            assertThat(value.value()).as(what).isCloseTo(expected, within(1e-9));
        }
    }

    private static void expectCount(String id, String district, double numerator, double expected) {
        IndicatorValue value = value(id, district);
        assertThat(value.numerator()).as(id + " in " + district + " numerator").isEqualTo(numerator);
        assertThat(value.denominator()).as(id + " in " + district + " denominator").isNull();
        assertThat(value.value()).as(id + " in " + district).isCloseTo(expected, within(1e-9));
    }

    private static void expectStandard(String district, double monthly, QualityStatus status) {
        IndicatorValue value = value("T2-43", district);
        assertThat(value.numerator()).isEqualTo(monthly);
        assertThat(value.value()).isEqualTo(12 * monthly);
        assertThat(value.qualityStatus()).as("T2-43 in " + district).isEqualTo(status);
    }
}
