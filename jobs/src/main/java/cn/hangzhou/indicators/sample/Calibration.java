package cn.hangzhou.indicators.sample;

import cn.hangzhou.indicators.config.District;
import java.util.List;
import java.util.Map;

/** Calibration of the synthetic city: demography, the mortality model and indicator paths from 2021 to 2025. */
final class Calibration {

    static final int FIRST_SIMULATED_YEAR = 2021;
    static final int LAST_CALIBRATED_YEAR = 2025;

    /** Year-end resident population in millions (reference/README.md; 2025 extrapolated), against 11.936 M in 2020. */
    private static final Map<Integer, Double> YEAR_END_MILLIONS = Map.of(
            2020, 11.93601, 2021, 12.204, 2022, 12.376, 2023, 12.522, 2024, 12.624, 2025, 12.700);
    /** Crude birth rate per 1000 (2021 and 2023 from reference/README.md, the rest interpolated). */
    private static final Map<Integer, Double> BIRTHS_PER_THOUSAND = Map.of(
            2021, 7.6, 2022, 7.1, 2023, 6.7, 2024, 6.6, 2025, 6.4);

    /** Indicator values: {first year (the plan's 2020 value), 2025}; rates in percent. */
    static final Map<String, double[]> RATE_PATH = Map.ofEntries(
            Map.entry("T2-02", new double[] {2.0, 3.6}),
            Map.entry("T2-03", new double[] {95.0, 96.0}),
            Map.entry("T2-06", new double[] {84.7, 86.0}),
            Map.entry("T2-07", new double[] {89.55, 90.6}),
            Map.entry("T2-09a", new double[] {92.0, 96.0}),
            Map.entry("T2-09b", new double[] {99.0, 99.5}),
            Map.entry("T2-09c", new double[] {90.0, 94.0}),
            Map.entry("T2-13", new double[] {633, 648}),
            Map.entry("T2-14", new double[] {523, 538}),
            Map.entry("T2-18", new double[] {6.93, 6.55}),
            Map.entry("T2-20", new double[] {83.12, 83.88}),
            Map.entry("T2-21", new double[] {99.58, 99.65}),
            Map.entry("T2-25", new double[] {833, 863}),
            Map.entry("T2-26", new double[] {98.95, 99.05}),
            Map.entry("T2-27", new double[] {74.36, 75.2}),
            Map.entry("T2-44", new double[] {99.0, 99.5}),
            Map.entry("T2-45", new double[] {99.0, 99.5}),
            Map.entry("T1-03", new double[] {99.15, 99.2}));

    /** Monthly minimum living standard of the urban core (yuan): 13224/12 in 2020 ... 14640/12 in 2025. */
    private static final double[] URBAN_MONTHLY_STANDARD = {1102, 1135, 1165, 1195, 1220};

    private static final double GOMPERTZ_SLOPE = 0.092;
    private static final double BACKGROUND_HAZARD = 0.00022;
    private static final double MALE_HAZARD_RATIO = 1.55;

    private final List<District> districts;
    private final double[] censusShare;
    private final double[] baseAgeWeights;
    private final double[] gompertzLevel = new double[64];
    private final double[] ncdShare = new double[64];
    private final double[][] ageWeightsByYear = new double[64][];
    private final double shortfallNorm;
    private final double placesNorm;

    Calibration(List<District> districts) {
        this.districts = districts;
        long total = districts.stream().mapToLong(District::census2020Population).sum();
        censusShare = districts.stream().mapToDouble(d -> (double) d.census2020Population() / total).toArray();
        baseAgeWeights = buildBaseAgeWeights();
        double shortfall = 0;
        double places = 0;
        for (int d = 0; d < districts.size(); d++) {
            shortfall += censusShare[d] * shortfallWeight(districts.get(d).assistanceTier());
            places += censusShare[d] * placesWeight(districts.get(d).assistanceTier());
        }
        shortfallNorm = shortfall;
        placesNorm = places;
    }

    List<District> districts() {
        return districts;
    }

    static double progress(int year) {
        return Math.max(0, Math.min(1, (year - FIRST_SIMULATED_YEAR) / (double) (LAST_CALIBRATED_YEAR - FIRST_SIMULATED_YEAR)));
    }

    /** The city value of an indicator in a year, on the straight line from the first year to 2025. */
    static double cityValue(String indicator, int year) {
        double[] path = RATE_PATH.get(indicator);
        return path[0] + progress(year) * (path[1] - path[0]);
    }

    /** Year-end population over the 2020 census (G in docs/generator.md); 0.6% a year beyond 2025. */
    static double growthFactor(int year) {
        int known = Math.min(year, 2025);
        double factor = YEAR_END_MILLIONS.get(known) / YEAR_END_MILLIONS.get(2020);
        return factor * Math.pow(1.006, Math.max(0, year - 2025));
    }

    static double birthsPerThousand(int year) {
        return BIRTHS_PER_THOUSAND.getOrDefault(Math.min(year, 2025), 6.4);
    }

    // ---- districts -------------------------------------------------------------------------------------

    /** How much of the city's shortfall (100 - rate) a district has, before normalising: western counties more. */
    static double shortfallWeight(String tier) {
        return switch (tier) {
            case "west" -> 1.45;
            case "linan" -> 1.3;
            case "chunan" -> 1.35;
            default -> 1.0;
        };
    }

    /** A rate (percent) for district index d: the city shortfall spread by tier so that the pooled rate is the city's. */
    double districtRate(String indicator, int districtIndex, int year) {
        double city = cityValue(indicator, year);
        double weight = shortfallWeight(districts.get(districtIndex).assistanceTier()) / shortfallNorm;
        return Math.max(0, 100 - (100 - city) * weight);
    }

    /** Childcare places per 1000 residents for a district (urban districts somewhat above the city, counties below). */
    double childcarePlacesRate(int districtIndex, int year) {
        return cityValue("T2-02", year) * placesWeight(districts.get(districtIndex).assistanceTier()) / placesNorm;
    }

    private static double placesWeight(String tier) {
        return "urban".equals(tier) ? 1.0 : 0.82;
    }

    /** Monthly minimum living standard (yuan) of a district: urban 100%, 临安 87%, west 82%, 淳安 the district average. */
    double monthlyStandard(int districtIndex, int year) {
        String tier = districts.get(districtIndex).assistanceTier();
        if ("chunan".equals(tier)) {
            double sum = 0;
            int others = 0;
            for (int d = 0; d < districts.size(); d++) {
                if (!"chunan".equals(districts.get(d).assistanceTier())) {
                    sum += monthlyStandard(d, year);
                    others++;
                }
            }
            return Math.ceil(sum / others);
        }
        double urban = URBAN_MONTHLY_STANDARD[Math.min(Math.max(year - FIRST_SIMULATED_YEAR, 0), URBAN_MONTHLY_STANDARD.length - 1)];
        return switch (tier) {
            case "linan" -> Math.ceil(urban * 0.87);
            case "west" -> Math.ceil(urban * 0.82);
            default -> urban;
        };
    }

    double censusShare(int districtIndex) {
        return censusShare[districtIndex];
    }

    // ---- age structure ---------------------------------------------------------------------------------

    /** Single-age weights 0..104 of the end-2020 population: 0-14 13.02%, 15-59 70.12%, 60-64 5.21%, 65+ 11.66%. */
    private double[] buildBaseAgeWeights() {
        double[] weights = new double[105];
        for (int age = 0; age <= 104; age++) {
            if (age <= 14) {
                weights[age] = age <= 3 ? 0.9 : 1.0;
            } else if (age <= 59) {
                weights[age] = age < 20 ? 0.75 : age < 25 ? 1.0 : age < 40 ? 1.45 : age < 55 ? 1.15 : 0.95;
            } else if (age <= 64) {
                weights[age] = 1.0;
            } else {
                double survival = 1;
                for (int a = 65; a < age; a++) {
                    survival *= 1 - annualDeathProbability(hazard(a, 0.5, 1.0, 2021, 0.00032));
                }
                // older cohorts were born smaller: without this the old-old share, and the crude death rate, is too high
                weights[age] = survival * Math.exp(-0.075 * (age - 65));
            }
        }
        scaleBand(weights, 0, 14, 13.02);
        scaleBand(weights, 15, 59, 70.12);
        scaleBand(weights, 60, 64, 16.87 - 11.66);
        scaleBand(weights, 65, 104, 11.66);
        return weights;
    }

    private static void scaleBand(double[] weights, int from, int to, double percent) {
        double sum = 0;
        for (int a = from; a <= to; a++) {
            sum += weights[a];
        }
        for (int a = from; a <= to; a++) {
            weights[a] = weights[a] / sum * percent / 100;
        }
    }

    double[] baseAgeWeights() {
        return baseAgeWeights.clone();
    }

    /** Probability that a person of this age is male (sex ratio 108.67 overall, more women among the old). */
    static double maleShare(int age) {
        return age < 60 ? 0.531 : age < 75 ? 0.49 : 0.44;
    }

    // ---- mortality -------------------------------------------------------------------------------------

    /** Mortality hazard per year for a single age; maleness in [0, 1] mixes the sexes, factor is the district's. */
    private static double hazard(int age, double maleness, double districtFactor, int year, double level) {
        double base;
        if (age == 0) {
            base = 0.0021;
        } else if (age < 5) {
            base = 0.00016;
        } else if (age < 15) {
            base = 0.0001;
        } else {
            base = BACKGROUND_HAZARD + level * Math.exp(GOMPERTZ_SLOPE * (age - 30));
        }
        double sexFactor = (1 - maleness) * 1.0 + maleness * MALE_HAZARD_RATIO;
        return Math.min(0.9, base * sexFactor * districtFactor / normalSexFactor());
    }

    private static double normalSexFactor() {
        return 0.5 + 0.5 * MALE_HAZARD_RATIO;
    }

    /** Death probability over a year that makes deaths over year-end survivors equal the hazard. */
    static double annualDeathProbability(double hazard) {
        return hazard / (1 + hazard);
    }

    static double districtMortalityFactor(String tier) {
        return switch (tier) {
            case "west" -> 1.12;
            case "linan" -> 1.07;
            case "chunan" -> 1.1;
            default -> 0.98;
        };
    }

    double cityMortalityFactor() {
        double factor = 0;
        for (int d = 0; d < districts.size(); d++) {
            factor += censusShare[d] * districtMortalityFactor(districts.get(d).assistanceTier());
        }
        return factor;
    }

    /** The hazard the simulation applies to one person. */
    double personHazard(int age, boolean male, int districtIndex, int year) {
        return hazard(age, male ? 1 : 0, districtMortalityFactor(districts.get(districtIndex).assistanceTier()), year,
                gompertzLevel(year));
    }

    /**
     * The year's age structure (persons by age at year end), used to weight single ages within the life-table
     * groups: the very old shift year by year, and the open group 85+ drives life expectancy.
     */
    void useAgeStructure(int year, double[] persons) {
        int slot = year - 2000;
        if (ageWeightsByYear[slot] == null) {
            ageWeightsByYear[slot] = persons.clone();
        }
    }

    /** Share of deaths at 30-69 with a cause among the four NCD groups, set so that 40q30 meets the path. */
    double ncdShare(int year) {
        gompertzLevel(year);
        return ncdShare[year - 2000];
    }

    private double gompertzLevel(int year) {
        int slot = year - 2000;
        if (gompertzLevel[slot] == 0) {
            double low = 1e-6;
            double high = 1e-2;
            double target = cityValue("T2-20", year);
            for (int i = 0; i < 80; i++) {
                double mid = Math.sqrt(low * high);
                if (LifeTables.lifeExpectancy(groupRates(year, cityMortalityFactor(), mid)) > target) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            double level = Math.sqrt(low * high);
            double[] rates = groupRates(year, cityMortalityFactor(), level);
            double targetNcd = cityValue("T2-18", year);
            double lowShare = 0;
            double highShare = 1;
            for (int i = 0; i < 60; i++) {
                double mid = (lowShare + highShare) / 2;
                if (LifeTables.prematureMortality(ncdRates(rates, mid)) < targetNcd) {
                    lowShare = mid;
                } else {
                    highShare = mid;
                }
            }
            ncdShare[slot] = Math.min(0.97, (lowShare + highShare) / 2);
            gompertzLevel[slot] = level;
        }
        return gompertzLevel[slot];
    }

    private static double[] ncdRates(double[] groupRates, double share) {
        double[] result = new double[8];
        for (int k = 0; k < 8; k++) {
            result[k] = groupRates[LifeTables.group(30 + 5 * k)] * share;
        }
        return result;
    }

    /** Expected death rates per life-table group, population-weighted within groups and over the sexes. */
    private double[] groupRates(int year, double districtFactor, double level) {
        double[] structure = ageWeightsByYear[year - 2000];
        if (structure != null) {
            return observedGroupRates(structure, year, districtFactor, level);
        }
        double[] rates = new double[LifeTables.GROUP_STARTS.length];
        double[] weights = new double[rates.length];
        for (int age = 0; age <= 104; age++) {
            int g = LifeTables.group(age);
            double w = baseAgeWeights[age] + 1e-12;
            rates[g] += w * hazard(age, maleShare(age), districtFactor, year, level);
            weights[g] += w;
        }
        for (int g = 0; g < rates.length; g++) {
            rates[g] /= weights[g];
        }
        return rates;
    }

    /**
     * The rates the indicator definitions will measure: deaths by age at death over the year-end population by
     * age. A cohort aged a at year end dies partly at a-1 (before its birthday) and partly at a, and the
     * simulation gives it the hazard of its age at mid-year; the open group 85+ feels this most.
     */
    private static double[] observedGroupRates(double[] structure, int year, double districtFactor, double level) {
        int groups = LifeTables.GROUP_STARTS.length;
        double[] deaths = new double[groups];
        double[] persons = new double[groups];
        for (int age = 1; age < structure.length; age++) {
            double cohort = structure[age];
            if (cohort == 0) {
                continue;
            }
            double younger = annualDeathProbability(hazard(age - 1, maleShare(age), districtFactor, year, level));
            double older = annualDeathProbability(hazard(age, maleShare(age), districtFactor, year, level));
            // half the cohort has its birthday in the first half-year (hazard of age a), half later (age a-1)
            double beforeBirthday = 0.5 * (0.25 * older + 0.75 * younger);
            double afterBirthday = 0.5 * (0.75 * older + 0.25 * younger);
            deaths[LifeTables.group(age - 1)] += cohort * beforeBirthday;
            deaths[LifeTables.group(age)] += cohort * afterBirthday;
            persons[LifeTables.group(age)] += cohort * (1 - beforeBirthday - afterBirthday);
        }
        double[] rates = new double[groups];
        rates[0] = hazard(0, maleShare(0), districtFactor, year, level);
        for (int g = 1; g < groups; g++) {
            rates[g] = persons[g] == 0 ? hazard(LifeTables.GROUP_STARTS[g], 0.5, districtFactor, year, level) : deaths[g] / persons[g];
        }
        return rates;
    }

    /** Death rates per life-table group the model gives a district (index) or, with -1, the city. */
    double[] expectedGroupRates(int districtIndex, int year) {
        return groupRates(year, mortalityFactor(districtIndex), gompertzLevel(year));
    }

    /** Life expectancy the model gives a district (index) or, with -1, the city. */
    double expectedLifeExpectancy(int districtIndex, int year) {
        return LifeTables.lifeExpectancy(groupRates(year, mortalityFactor(districtIndex), gompertzLevel(year)));
    }

    /** 40q30 (percent) of the four NCD groups the model gives a district (index) or, with -1, the city. */
    double expectedPrematureMortality(int districtIndex, int year) {
        return LifeTables.prematureMortality(ncdRates(groupRates(year, mortalityFactor(districtIndex), gompertzLevel(year)),
                ncdShare(year)));
    }

    private double mortalityFactor(int districtIndex) {
        return districtIndex < 0 ? cityMortalityFactor() : districtMortalityFactor(districts.get(districtIndex).assistanceTier());
    }
}
