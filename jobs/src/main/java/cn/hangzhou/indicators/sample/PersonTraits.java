package cn.hangzhou.indicators.sample;

import java.time.LocalDate;
import java.util.List;

/** Person attributes recomputed from counter-based random numbers: health archive, disability, school place. */
final class PersonTraits {

    /** A pupil's row on the rolls of a school year. */
    record Placement(SchoolRegistry.School school, String grade, String status, boolean withDisability, int entryDay) {
    }

    static final int SECOND_ARCHIVE_OFFSET = 500_000_000;
    private static final int ARCHIVES_FROM = (int) LocalDate.of(2009, 1, 1).toEpochDay();
    private static final int END_OF_2020 = (int) LocalDate.of(2020, 12, 31).toEpochDay();
    private static final long TAG_ARCHIVE = 20;
    private static final long TAG_ARCHIVE_DAY = 21;
    private static final long TAG_SECOND_ARCHIVE = 22;
    private static final long TAG_DISABILITY = 30;
    private static final long TAG_DISABILITY_DAY = 31;
    private static final long TAG_CATEGORY = 32;
    private static final long TAG_GRADE = 33;
    private static final long TAG_ENROLMENT = 40;
    private static final long TAG_STATUS = 41;
    private static final long TAG_SPECIAL = 42;
    private static final long TAG_VOCATIONAL = 43;
    private static final long TAG_NINE_YEAR = 44;
    private static final long TAG_KINDERGARTEN = 45;
    private static final long TAG_SCHOOL = 46;
    private static final long TAG_GRADUATE = 47;

    private final Population population;
    private final Calibration calibration;
    private final RandomStreams random;
    private final SchoolRegistry schools;
    private double[] kindergartenEnrolment;

    PersonTraits(Population population, Calibration calibration, RandomStreams random, SchoolRegistry schools) {
        this.population = population;
        this.calibration = calibration;
        this.random = random;
        this.schools = schools;
    }

    SchoolRegistry schools() {
        return schools;
    }

    // ---- health archive ------------------------------------------------------------------------------------

    /** Whether the person has a health archive at all (about 80% of residents; fewer among the non-registered and newcomers). */
    boolean hasArchive(int person) {
        double share = population.localRegistration(person) ? 0.87
                : population.entryDay[person] > END_OF_2020 && population.entryDay[person] != population.birthDay[person] ? 0.45 : 0.6;
        return random.uniform(TAG_ARCHIVE, person) < share;
    }

    int archiveOpened(int person) {
        int entry = population.entryDay[person];
        if (entry <= END_OF_2020) {
            int drawn = ARCHIVES_FROM + random.below(END_OF_2020 - ARCHIVES_FROM + 1, TAG_ARCHIVE_DAY, person);
            return Math.max(Math.max(entry, population.birthDay[person]), Math.min(drawn, END_OF_2020));
        }
        LocalDate entered = LocalDate.ofEpochDay(entry);
        int lastOfYear = (int) LocalDate.of(entered.getYear(), 12, 31).toEpochDay();
        return Math.min(lastOfYear, entry + random.below(entry == population.birthDay[person] ? 30 : 90, TAG_ARCHIVE_DAY, person));
    }

    /** The opening day of an older, second archive some people have, or -1. */
    int secondArchiveOpened(int person) {
        if (random.uniform(TAG_SECOND_ARCHIVE, person) >= 0.006) {
            return -1;
        }
        int opened = archiveOpened(person) - 400 - random.below(2000, TAG_SECOND_ARCHIVE, person, 1);
        return opened >= population.birthDay[person] ? opened : -1;
    }

    // ---- disability ----------------------------------------------------------------------------------------

    /** Day the disability certificate was issued, or NONE: onset at 3, 18, 60 or 80 with rising probabilities. */
    int disabilityIssued(int person) {
        double draw = random.uniform(TAG_DISABILITY, person);
        int onset = draw < 0.006 ? 3 : draw < 0.016 ? 18 : draw < 0.045 ? 60 : draw < 0.09 ? 80 : -1;
        if (onset < 0) {
            return Population.NONE;
        }
        LocalDate birth = LocalDate.ofEpochDay(population.birthDay[person]);
        return (int) birth.plusYears(onset).toEpochDay() + random.below(365, TAG_DISABILITY_DAY, person);
    }

    boolean certifiedBy(int person, int day) {
        return disabilityIssued(person) <= day;
    }

    String disabilityCategory(int person) {
        double draw = random.uniform(TAG_CATEGORY, person);
        if (random.uniform(TAG_DISABILITY, person) < 0.006) {
            return draw < 0.45 ? "5" : draw < 0.6 ? "2" : draw < 0.75 ? "4" : draw < 0.85 ? "3" : "7";
        }
        return draw < 0.35 ? "4" : draw < 0.55 ? "2" : draw < 0.67 ? "1" : draw < 0.79 ? "6" : draw < 0.87 ? "5" : draw < 0.9 ? "3" : "7";
    }

    int disabilityGrade(int person) {
        double draw = random.uniform(TAG_GRADE, person);
        return draw < 0.12 ? 1 : draw < 0.37 ? 2 : draw < 0.67 ? 3 : 4;
    }

    // ---- schools -------------------------------------------------------------------------------------------

    /** Probability of a kindergarten place by district for the school year being written (set per year). */
    void kindergartenEnrolment(double[] probabilities) {
        this.kindergartenEnrolment = probabilities;
    }

    /** The person's row on the rolls of the school year starting in September of the year, or null. */
    Placement placement(int person, int year) {
        int september30 = (int) LocalDate.of(year, 9, 30).toEpochDay();
        if (!population.presentOn(person, september30)) {
            return null;
        }
        int age = population.ageOn(person, LocalDate.of(year, 8, 31));
        if (age < 3 || age > 18) {
            return null;
        }
        int district = population.districtOn(person, september30);
        double enrolment = random.uniform(TAG_ENROLMENT, person, year);
        double statusDraw = random.uniform(TAG_STATUS, person, year);
        boolean disabled = certifiedBy(person, (int) LocalDate.of(year, 12, 31).toEpochDay());
        if (age == 18) {
            if (enrolment >= 0.4 || disabled) {
                return null;
            }
            boolean vocational = random.uniform(TAG_VOCATIONAL, person) < 0.4;
            return place(person, district, vocational ? SchoolRegistry.VOCATIONAL : SchoolRegistry.SENIOR,
                    vocational ? "43" : "33", "毕业", false, year, 15);
        }
        if (disabled) {
            String band = age <= 5 ? "T2-09a" : age <= 14 ? "T2-09b" : "T2-09c";
            if (enrolment * 100 >= calibration.districtRate(band, district, year)) {
                return null;
            }
            String status = statusDraw < 0.03 ? "休学" : "在读";
            if (random.uniform(TAG_SPECIAL, person) < 0.35) {
                return place(person, district, SchoolRegistry.SPECIAL, grade(age, false), status, false, year, startAge(age));
            }
            return mainstream(person, district, age, status, true, year);
        }
        double probability = age <= 5 ? kindergartenEnrolment[district] : age <= 14 ? 0.9995 : 0.96;
        if (enrolment >= probability) {
            return null;
        }
        String status;
        if (age <= 14) {
            status = statusDraw < 0.996 ? "在读" : statusDraw < 0.998 ? "休学" : "转出";
        } else {
            status = statusDraw < 0.985 ? "在读" : statusDraw < 0.989 ? "休学" : statusDraw < 0.993 ? "转出" : "辍学";
        }
        return mainstream(person, district, age, status, false, year);
    }

    /** Share of kindergarten-age pupils enrolled who are 在读 (the rest suspended or transferred). */
    static double kindergartenEnrolledShare() {
        return 0.996;
    }

    private Placement mainstream(int person, int district, int age, String status, boolean disabled, int year) {
        boolean vocational = random.uniform(TAG_VOCATIONAL, person) < 0.4;
        boolean nineYear = random.uniform(TAG_NINE_YEAR, person) < 0.15;
        int group;
        if (age <= 5) {
            group = random.uniform(TAG_KINDERGARTEN, person) * 100 < calibration.districtRate("T2-07", district, year)
                    ? SchoolRegistry.PUBLIC_OR_INCLUSIVE_KINDERGARTENS : SchoolRegistry.OTHER_KINDERGARTENS;
        } else if (age <= 14) {
            group = nineYear ? SchoolRegistry.NINE_YEAR : age <= 11 ? SchoolRegistry.PRIMARY : SchoolRegistry.JUNIOR;
        } else {
            group = vocational ? SchoolRegistry.VOCATIONAL : SchoolRegistry.SENIOR;
        }
        int stageStart = group == SchoolRegistry.NINE_YEAR ? 6 : startAge(age);
        return place(person, district, group, grade(age, vocational), status, disabled, year, stageStart);
    }

    private Placement place(int person, int district, int group, String grade, String status, boolean disabled, int year,
                            int stageStartAge) {
        List<SchoolRegistry.School> candidates = schools.group(district, group);
        SchoolRegistry.School school = candidates.get(random.below(candidates.size(), TAG_SCHOOL, person, group));
        int age = population.ageOn(person, LocalDate.of(year, 8, 31));
        int started = (int) LocalDate.of(year - Math.max(0, age - stageStartAge), 9, 1).toEpochDay();
        return new Placement(school, grade, status, disabled, Math.max(started, population.entryDay[person]));
    }

    private static int startAge(int age) {
        return age <= 5 ? 3 : age <= 11 ? 6 : age <= 14 ? 12 : 15;
    }

    private static String grade(int age, boolean vocational) {
        if (age <= 5) {
            return "0" + (age - 2);
        }
        if (age <= 11) {
            return "1" + (age - 5);
        }
        if (age <= 14) {
            return "2" + (age - 11);
        }
        return (vocational ? "4" : "3") + (age - 14);
    }
}
