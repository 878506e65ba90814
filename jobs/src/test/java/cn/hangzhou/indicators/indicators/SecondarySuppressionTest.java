package cn.hangzhou.indicators.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.config.District;
import cn.hangzhou.indicators.testing.ProjectFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecondarySuppressionTest {

    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.load(ProjectFiles.home());
    private static final List<String> DISTRICTS = List.of("330102", "330105", "330106", "330108", "330109", "330110", "330111",
            "330112", "330113", "330114", "330122", "330127", "330182");

    @Test
    void aSingleSmallCellGetsTheCheapestDistrictAsItsComplement() {
        // the example: 淳安's 3 / 5 followed from the city's 176 / 205 and the twelve other districts
        double[] numerators = {20, 9, 31, 14, 8, 12, 10, 17, 15, 11, 13, 3, 13};
        double[] denominators = {24, 11, 35, 16, 9, 14, 12, 20, 17, 13, 15, 5, 14};
        List<IndicatorValue> values = group("T2-06", 2025, numerators, denominators, QualityStatus.A);

        assertThat(PublishedTableAudit.exposures(primaryOnly(values), values, CATALOGUE))
                .containsExactly(new PublishedTableAudit.Exposure("T2-06", "330127", 2025, "numerator"));

        List<PublishedIndicator> published = Publication.publish(values, CATALOGUE);
        assertThat(statuses(published)).containsEntry("330127", "C").containsEntry("330109", "D").containsEntry(District.CITY_CODE, "published");
        assertThat(statuses(published).values().stream().filter("D"::equals)).hasSize(1);
        assertThat(PublishedTableAudit.exposures(published, values, CATALOGUE)).isEmpty();
        PublishedIndicator complement = published.stream().filter(row -> row.districtCode().equals("330109")).findFirst().orElseThrow();
        assertThat(complement.value()).isNull();
        assertThat(complement.numerator()).isNull();
        assertThat(complement.denominator()).isNull();
    }

    @Test
    void twoSmallCellsProtectEachOther() {
        double[] numerators = {20, 9, 31, 14, 8, 12, 10, 17, 15, 11, 13, 3, 2};
        double[] denominators = {24, 11, 35, 16, 9, 14, 12, 20, 17, 13, 15, 5, 6};
        List<IndicatorValue> values = group("T2-27", 2024, numerators, denominators, QualityStatus.A);
        assertThat(statuses(Publication.publish(values, CATALOGUE)).values()).doesNotContain("D");
    }

    @Test
    void aCountWithheldForQualityIsNoComplementUnlessItIsSmall() {
        // T2-13 counts: 330102 failed a check (X) and is not small; 330127's 4 persons follow unless another cell goes
        double[] counts = {900, 700, 800, 650, 600, 500, 560, 750, 640, 520, 480, 4, 300};
        List<IndicatorValue> values = new ArrayList<>(group("T2-13", 2024, counts, null, QualityStatus.A));
        values.set(1, withQuality(values.get(1), QualityStatus.X));
        List<PublishedIndicator> published = Publication.publish(values, CATALOGUE);
        assertThat(statuses(published)).containsEntry("330102", "X").containsEntry("330127", "C");
        // the X cell is withheld already, so it protects 330127: no D is needed
        assertThat(statuses(published).values()).doesNotContain("D");
        assertThat(PublishedTableAudit.exposures(published, values, CATALOGUE)).isEmpty();
    }

    @Test
    void indicatorsSharingADenominatorDoNotGiveAwayEachOthersSmallDenominators() {
        // T2-03 and T2-06 count the same infants: a small denominator withheld in one must not follow from the other
        double[] denominators = {24, 11, 35, 16, 9, 14, 12, 20, 17, 13, 15, 3, 14};
        double[] checked = {22, 10, 30, 15, 8, 13, 11, 18, 16, 12, 14, 3, 13};
        double[] screened = {20, 9, 31, 14, 8, 12, 10, 17, 15, 11, 13, 2, 13};
        List<IndicatorValue> values = new ArrayList<>(group("T2-03", 2024, checked, denominators, QualityStatus.A));
        values.addAll(group("T2-06", 2024, screened, denominators, QualityStatus.A));
        List<PublishedIndicator> published = Publication.publish(values, CATALOGUE);
        assertThat(PublishedTableAudit.exposures(published, values, CATALOGUE)).isEmpty();
        assertThat(published.stream().filter(row -> row.disclosureStatus().equals("D"))).isNotEmpty();
    }

    @Test
    void noWithheldCountFollowsFromThePublishedCellsOfRandomTables() {
        Random random = new Random(20251231);
        int complements = 0;
        for (int trial = 0; trial < 40; trial++) {
            List<IndicatorValue> values = new ArrayList<>();
            for (int year = 2023; year <= 2024; year++) {
                double[] infants = randomCounts(random, 0.15);
                values.addAll(group("T2-03", year, atMost(random, infants), infants, QualityStatus.A));
                values.addAll(group("T2-06", year, atMost(random, infants), infants, QualityStatus.A));
                double[] elderly = randomCounts(random, 0.2);
                values.addAll(group("T2-27", year, atMost(random, elderly), elderly, random.nextInt(4) == 0 ? QualityStatus.X : QualityStatus.W));
                values.addAll(group("T2-13", year, randomCounts(random, 0.3), null, QualityStatus.A));
                values.addAll(group("T2-20", year, randomCounts(random, 0.1), randomCounts(random, 0), QualityStatus.A));
            }
            List<PublishedIndicator> published = Publication.publish(values, CATALOGUE);
            assertThat(PublishedTableAudit.exposures(published, values, CATALOGUE)).as("trial %d", trial).isEmpty();
            complements += (int) published.stream().filter(row -> row.disclosureStatus().equals("D")).count();
        }
        assertThat(complements).as("the random tables need complements at all").isPositive();
    }

    @Test
    void publishedValuesAreRoundedAsPresentedAndExportsUnrounded() {
        IndicatorValue rate = new IndicatorValue("T2-21", "330102", 2024, 100 * 401.0 / 10000 + 1e-15, 401.0, 10000.0, "%", QualityStatus.A, "v");
        IndicatorValue count = new IndicatorValue("T2-13", "330102", 2024, 12345 * 0.0001, 12345.0, null, "10 000 persons", QualityStatus.A, "v");
        List<PublishedIndicator> published = Publication.publish(List.of(rate, count), CATALOGUE);
        assertThat(IndicatorExport.number(published.get(0).value())).isEqualTo("4.01");
        assertThat(IndicatorExport.number(published.get(1).value())).isEqualTo("1.2345");
        assertThat(published.get(0).value().scale()).isEqualTo(IndicatorDefinition.PUBLISHED_SCALE);
        assertThat(IndicatorExport.number(Publication.unsuppressed(List.of(rate), CATALOGUE).get(0).value())).isEqualTo("4.01");
        IndicatorValue unrounded = new IndicatorValue("T2-21", "330102", 2024, 100 * 2.0 / 3, 2000.0, 3000.0, "%", QualityStatus.A, "v");
        assertThat(IndicatorExport.number(Publication.publish(List.of(unrounded), CATALOGUE).get(0).value())).isEqualTo("66.67");
        assertThat(IndicatorExport.number(Publication.unsuppressed(List.of(unrounded), CATALOGUE).get(0).value())).isEqualTo("66.666667");
    }

    /** The published rows as primary suppression alone would give them (what publication did before secondary suppression). */
    private static List<PublishedIndicator> primaryOnly(List<IndicatorValue> values) {
        return values.stream().map(value -> {
            Indicator indicator = CATALOGUE.byReportedId(value.indicatorId());
            return PublishedIndicator.of(value, indicator,
                    DisclosureControl.status(indicator.definition().disclosure(), value.qualityStatus(), value.numerator(), value.denominator()));
        }).toList();
    }

    /** The districts' values and the city's pooled value of one indicator and year. */
    private static List<IndicatorValue> group(String indicatorId, int year, double[] numerators, double[] denominators, QualityStatus quality) {
        Indicator indicator = CATALOGUE.byReportedId(indicatorId);
        List<IndicatorValue> values = new ArrayList<>();
        double cityNumerator = 0;
        double cityDenominator = 0;
        for (int i = 0; i < DISTRICTS.size(); i++) {
            Double denominator = denominators == null ? null : denominators[i];
            values.add(value(indicator, DISTRICTS.get(i), year, numerators[i], denominator, quality));
            cityNumerator += numerators[i];
            cityDenominator += denominators == null ? 0 : denominators[i];
        }
        values.add(0, value(indicator, District.CITY_CODE, year, cityNumerator, denominators == null ? null : cityDenominator, quality));
        return values;
    }

    private static IndicatorValue value(Indicator indicator, String district, int year, double numerator, Double denominator, QualityStatus quality) {
        double factor = indicator.definition().factor();
        Double value = denominator == null ? factor * numerator : denominator == 0 ? null : factor * numerator / denominator;
        return new IndicatorValue(indicator.id(), district, year, value, numerator, denominator, indicator.definition().unit(), quality, "v");
    }

    private static IndicatorValue withQuality(IndicatorValue value, QualityStatus quality) {
        return new IndicatorValue(value.indicatorId(), value.districtCode(), value.year(), value.value(), value.numerator(),
                value.denominator(), value.unit(), quality, value.definitionVersion());
    }

    private static double[] randomCounts(Random random, double smallShare) {
        double[] counts = new double[DISTRICTS.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = random.nextDouble() < smallShare ? 1 + random.nextInt(4) : 5 + random.nextInt(400);
        }
        return counts;
    }

    private static double[] atMost(Random random, double[] limits) {
        double[] counts = new double[limits.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = random.nextDouble() < 0.15 ? Math.min(limits[i], 1 + random.nextInt(4)) : random.nextInt((int) limits[i] + 1);
        }
        return counts;
    }

    private static Map<String, String> statuses(List<PublishedIndicator> published) {
        Map<String, String> statuses = new java.util.TreeMap<>();
        published.forEach(row -> statuses.put(row.districtCode(), row.disclosureStatus()));
        return statuses;
    }
}
