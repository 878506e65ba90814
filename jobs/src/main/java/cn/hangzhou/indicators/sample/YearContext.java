package cn.hangzhou.indicators.sample;

import cn.hangzhou.indicators.config.District;
import java.time.LocalDate;
import java.util.List;

/** Everything the extract writers of one year share: the year's days, the population and the calibration. */
final class YearContext {

    final int year;
    final int start;
    final int end;
    final int days;
    final Population population;
    final Calibration calibration;
    final RandomStreams random;
    final Deliveries deliveries;
    final TruthTable truth;
    final PersonTraits traits;
    final List<District> districts;
    final double scale;

    YearContext(int year, Population population, Calibration calibration, RandomStreams random, Deliveries deliveries,
                TruthTable truth, PersonTraits traits, double scale) {
        this.year = year;
        LocalDate first = LocalDate.of(year, 1, 1);
        this.start = (int) first.toEpochDay();
        this.days = first.lengthOfYear();
        this.end = start + days - 1;
        this.population = population;
        this.calibration = calibration;
        this.random = random;
        this.deliveries = deliveries;
        this.truth = truth;
        this.traits = traits;
        this.districts = calibration.districts();
        this.scale = scale;
    }

    /** In the city at some time during the year. */
    boolean presentInYear(int person) {
        return population.presentBetween(person, start, end);
    }

    boolean presentAtYearEnd(int person) {
        return population.presentOn(person, end);
    }

    /** Left the city (died or moved away) during the year. */
    boolean exitedInYear(int person) {
        int exit = population.exitDay[person];
        return exit >= start && exit <= end;
    }

    /** The last day the person lived in the city this year. */
    int lastDay(int person) {
        return Math.min(end, population.exitDay[person] == Population.NONE ? end : population.exitDay[person] - 1);
    }

    /** District of residence at the end of the year, or when the person left. */
    int residence(int person) {
        return population.districtOn(person, Math.max(start, lastDay(person)));
    }

    String districtCode(int districtIndex) {
        return districts.get(districtIndex).code();
    }

    String tier(int districtIndex) {
        return districts.get(districtIndex).assistanceTier();
    }

    /** yyyyMM of a month of the year. */
    String month(int monthValue) {
        return year + (monthValue < 10 ? "0" : "") + monthValue;
    }
}
