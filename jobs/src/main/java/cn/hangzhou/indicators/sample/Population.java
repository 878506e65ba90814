package cn.hangzhou.indicators.sample;

import cn.hangzhou.indicators.config.District;
import cn.hangzhou.indicators.config.ResidentIdNumbers;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** The synthetic residents as compact primitive arrays (about 25 bytes a person), simulated year by year. */
final class Population {

    static final int NONE = Integer.MAX_VALUE;
    static final byte STAYING = 0;
    static final byte DIED = 1;
    static final byte MOVED_AWAY = 2;

    private static final int FLAG_MALE = 1;
    private static final int FLAG_LOCAL = 2;
    private static final int FIRST_BIRTH_DAY = (int) LocalDate.of(1900, 1, 1).toEpochDay();
    private static final int SEQUENCE_DAYS = (int) (LocalDate.of(2050, 1, 1).toEpochDay() - FIRST_BIRTH_DAY);

    private static final long TAG_AGE = 1;
    private static final long TAG_BIRTH_DAY = 2;
    private static final long TAG_SEX = 3;
    private static final long TAG_LOCAL = 4;
    private static final long TAG_CODE = 5;
    private static final long TAG_CODE_SECOND = 6;
    private static final long TAG_ENTRY = 7;
    private static final long TAG_DEATH = 8;
    private static final long TAG_EXIT_DAY = 9;
    private static final long TAG_OUT = 10;
    private static final long TAG_MOVE = 11;
    private static final long TAG_MOVE_TARGET = 12;
    private static final long TAG_BIRTHS = 13;
    private static final long TAG_MIGRANT = 14;
    private static final long TAG_SHRINK = 15;

    private final Calibration calibration;
    private final RandomStreams random;
    private final double scale;
    private final List<District> districts;

    int size;
    int[] birthDay;
    int[] entryDay;
    int[] exitDay;
    int[] moveDay;
    byte[] exitKind;
    byte[] district;
    byte[] previousDistrict;
    byte[] flags;
    byte[] birthCode;
    short[] sequence;
    private final short[] sequenceCounters = new short[BirthRegistrationCodes.CODES.size() * SEQUENCE_DAYS * 2];

    Population(Calibration calibration, RandomStreams random, double scale) {
        this.calibration = calibration;
        this.random = random;
        this.scale = scale;
        this.districts = calibration.districts();
        long base = 0;
        for (District d : districts) {
            base += Math.round(d.census2020Population() * scale);
        }
        allocate((int) Math.min(Integer.MAX_VALUE - 16, base + base / 6 + 1024));
        createEndOf2020();
    }

    private void allocate(int capacity) {
        birthDay = new int[capacity];
        entryDay = new int[capacity];
        exitDay = new int[capacity];
        moveDay = new int[capacity];
        exitKind = new byte[capacity];
        district = new byte[capacity];
        previousDistrict = new byte[capacity];
        flags = new byte[capacity];
        birthCode = new byte[capacity];
        sequence = new short[capacity];
    }

    private void ensureCapacity(int needed) {
        if (needed <= birthDay.length) {
            return;
        }
        int capacity = Math.max(needed, birthDay.length + birthDay.length / 4);
        birthDay = Arrays.copyOf(birthDay, capacity);
        entryDay = Arrays.copyOf(entryDay, capacity);
        exitDay = Arrays.copyOf(exitDay, capacity);
        moveDay = Arrays.copyOf(moveDay, capacity);
        exitKind = Arrays.copyOf(exitKind, capacity);
        district = Arrays.copyOf(district, capacity);
        previousDistrict = Arrays.copyOf(previousDistrict, capacity);
        flags = Arrays.copyOf(flags, capacity);
        birthCode = Arrays.copyOf(birthCode, capacity);
        sequence = Arrays.copyOf(sequence, capacity);
    }

    // ---- queries -------------------------------------------------------------------------------------------

    boolean male(int person) {
        return (flags[person] & FLAG_MALE) != 0;
    }

    boolean localRegistration(int person) {
        return (flags[person] & FLAG_LOCAL) != 0;
    }

    int birthYear(int person) {
        return LocalDate.ofEpochDay(birthDay[person]).getYear();
    }

    /** Age in completed years on 31 December of a year. */
    int ageAtYearEnd(int person, int year) {
        return year - birthYear(person);
    }

    /** Age in completed years on a date. */
    int ageOn(int person, LocalDate date) {
        LocalDate birth = LocalDate.ofEpochDay(birthDay[person]);
        int age = date.getYear() - birth.getYear();
        if (date.getMonthValue() < birth.getMonthValue()
                || date.getMonthValue() == birth.getMonthValue() && date.getDayOfMonth() < birth.getDayOfMonth()) {
            age--;
        }
        return age;
    }

    /** In the city at some time between the two days (inclusive). */
    boolean presentBetween(int person, int firstDay, int lastDay) {
        return entryDay[person] <= lastDay && exitDay[person] > firstDay;
    }

    /** In the city at the end of a day. */
    boolean presentOn(int person, int day) {
        return entryDay[person] <= day && exitDay[person] > day;
    }

    /** District of usual residence on a day of the year just simulated. */
    int districtOn(int person, int day) {
        return moveDay[person] != NONE && day < moveDay[person] ? previousDistrict[person] : district[person];
    }

    String idNumber(int person) {
        LocalDate birth = LocalDate.ofEpochDay(birthDay[person]);
        StringBuilder first17 = new StringBuilder(18);
        first17.append(BirthRegistrationCodes.CODES.get(birthCode[person]));
        first17.append(birth.getYear());
        appendTwoDigits(first17, birth.getMonthValue());
        appendTwoDigits(first17, birth.getDayOfMonth());
        int seq = sequence[person];
        first17.append((char) ('0' + seq / 100)).append((char) ('0' + seq / 10 % 10)).append((char) ('0' + seq % 10));
        return first17.append(ResidentIdNumbers.checkCharacter(first17.toString())).toString();
    }

    private static void appendTwoDigits(StringBuilder text, int value) {
        text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    String name(int person) {
        return PersonNames.name(random.bits(99, person, 0));
    }

    // ---- creation ------------------------------------------------------------------------------------------

    private void createEndOf2020() {
        double[] cumulative = calibration.baseAgeWeights();
        for (int a = 1; a < cumulative.length; a++) {
            cumulative[a] += cumulative[a - 1];
        }
        int endOf2020 = (int) LocalDate.of(2020, 12, 31).toEpochDay();
        for (int d = 0; d < districts.size(); d++) {
            long count = Math.round(districts.get(d).census2020Population() * scale);
            for (long k = 0; k < count; k++) {
                int person = size;
                double draw = random.uniform(TAG_AGE, person) * cumulative[cumulative.length - 1];
                int age = 0;
                while (age < cumulative.length - 1 && cumulative[age] < draw) {
                    age++;
                }
                LocalDate first = LocalDate.of(2020 - age, 1, 1);
                int birth = (int) first.toEpochDay() + random.below(first.lengthOfYear(), TAG_BIRTH_DAY, person);
                boolean male = random.uniform(TAG_SEX, person) < Calibration.maleShare(age);
                boolean local = random.uniform(TAG_LOCAL, person) < (age >= 20 && age < 45 ? 0.55 : 0.8);
                int entry = local ? birth : Math.max(birth, endOf2020 - random.below(3650, TAG_ENTRY, person));
                add(birth, entry, d, male, local);
            }
        }
    }

    private int add(int birth, int entry, int districtIndex, boolean male, boolean local) {
        ensureCapacity(size + 1);
        int person = size++;
        birthDay[person] = birth;
        entryDay[person] = entry;
        exitDay[person] = NONE;
        moveDay[person] = NONE;
        district[person] = (byte) districtIndex;
        previousDistrict[person] = (byte) districtIndex;
        flags[person] = (byte) ((male ? FLAG_MALE : 0) | (local ? FLAG_LOCAL : 0));
        int birthYear = LocalDate.ofEpochDay(birth).getYear();
        int code = BirthRegistrationCodes.choose(districts.get(districtIndex).code(), birthYear, local,
                random.uniform(TAG_CODE, person), random.uniform(TAG_CODE_SECOND, person));
        assignSequence(person, code, birth, male);
        return person;
    }

    /** Sequence numbers are counted per code, birth day and sex, so ID numbers never collide. */
    private void assignSequence(int person, int code, int birth, boolean male) {
        int codes = BirthRegistrationCodes.CODES.size();
        for (int attempt = 0; attempt < codes; attempt++) {
            int candidate = (code + attempt) % codes;
            int slot = ((candidate * SEQUENCE_DAYS) + (birth - FIRST_BIRTH_DAY)) * 2 + (male ? 0 : 1);
            int used = sequenceCounters[slot];
            if (used < 499) {
                sequenceCounters[slot] = (short) (used + 1);
                birthCode[person] = (byte) candidate;
                sequence[person] = (short) (2 * used + (male ? 1 : 2));
                return;
            }
        }
        throw new IllegalStateException("no free ID sequence for a birth day: scale too large");
    }

    // ---- one year ------------------------------------------------------------------------------------------

    /** Deaths, departures, moves, births and arrivals of a year; afterwards district totals match the target. */
    void simulate(int year) {
        LocalDate first = LocalDate.of(year, 1, 1);
        int start = (int) first.toEpochDay();
        int days = first.lengthOfYear();
        int end = start + days - 1;
        int[] atStart = new int[districts.size()];
        double[] moveTargets = cumulativeCensusShares();
        int existing = size;
        double[] ages = new double[105];
        for (int person = 0; person < existing; person++) {
            if (presentOn(person, start - 1)) {
                ages[Math.min(104, year - birthYear(person))]++;
            }
        }
        calibration.useAgeStructure(year, ages);
        for (int person = 0; person < existing; person++) {
            if (!presentOn(person, start - 1)) {
                continue;
            }
            atStart[district[person]]++;
            int age = year - birthYear(person);
            double hazard = calibration.personHazard(Math.max(0, age - (birthDayOfYear(person) > 182 ? 1 : 0)),
                    male(person), district[person], year);
            if (random.uniform(TAG_DEATH, person, year) < Calibration.annualDeathProbability(hazard)) {
                exitDay[person] = start + random.below(days, TAG_EXIT_DAY, person, year);
                exitKind[person] = DIED;
            } else if (age >= 18 && age < 60 && random.uniform(TAG_OUT, person, year) < 0.006) {
                exitDay[person] = start + random.below(days, TAG_EXIT_DAY, person, year);
                exitKind[person] = MOVED_AWAY;
            } else if (random.uniform(TAG_MOVE, person, year) < 0.015) {
                int target = pick(moveTargets, random.uniform(TAG_MOVE_TARGET, person, year));
                if (target != district[person]) {
                    previousDistrict[person] = district[person];
                    district[person] = (byte) target;
                    moveDay[person] = start + 1 + random.below(days - 1, TAG_EXIT_DAY, person, year);
                    continue;
                }
            }
            moveDay[person] = NONE;
        }
        for (int d = 0; d < districts.size(); d++) {
            double expected = atStart[d] * Calibration.birthsPerThousand(year) / 1000;
            long births = (long) Math.floor(expected + random.uniform(TAG_BIRTHS, d, year));
            for (long b = 0; b < births; b++) {
                int person = size;
                int birth = start + random.below(days, TAG_BIRTH_DAY, person);
                add(birth, birth, d, random.uniform(TAG_SEX, person) < 0.522, random.uniform(TAG_LOCAL, person) < 0.8);
                double infantDeath = Calibration.annualDeathProbability(calibration.personHazard(0, male(person), d, year))
                        * (end - birth + 1) / days;
                if (random.uniform(TAG_DEATH, person, year) < infantDeath) {
                    exitDay[person] = birth + random.below(end - birth + 1, TAG_EXIT_DAY, person, year);
                    exitKind[person] = DIED;
                }
            }
        }
        balanceDistricts(year, start, end);
    }

    private int birthDayOfYear(int person) {
        return LocalDate.ofEpochDay(birthDay[person]).getDayOfYear();
    }

    private double[] cumulativeCensusShares() {
        double[] cumulative = new double[districts.size()];
        double sum = 0;
        for (int d = 0; d < districts.size(); d++) {
            sum += calibration.censusShare(d);
            cumulative[d] = sum;
        }
        return cumulative;
    }

    private static int pick(double[] cumulative, double draw) {
        double scaled = draw * cumulative[cumulative.length - 1];
        for (int d = 0; d < cumulative.length; d++) {
            if (scaled < cumulative[d]) {
                return d;
            }
        }
        return cumulative.length - 1;
    }

    /** Year-end target of a district: census × scale × growth factor. */
    long target(int districtIndex, int year) {
        return Math.round(districts.get(districtIndex).census2020Population() * scale * Calibration.growthFactor(year));
    }

    /** Net in-migration of mostly young adults (or, rarely, extra departures) to reach each district's target. */
    private void balanceDistricts(int year, int start, int end) {
        int days = end - start + 1;
        long[] atEnd = new long[districts.size()];
        for (int person = 0; person < size; person++) {
            if (presentOn(person, end)) {
                atEnd[district[person]]++;
            }
        }
        for (int d = 0; d < districts.size(); d++) {
            long need = target(d, year) - atEnd[d];
            for (long k = 0; k < need; k++) {
                int person = size;
                double kind = random.uniform(TAG_MIGRANT, person, 1);
                int age = kind < 0.12 ? random.below(15, TAG_MIGRANT, person, 2)
                        : kind < 0.82 ? 20 + random.below(20, TAG_MIGRANT, person, 2) : 40 + random.below(20, TAG_MIGRANT, person, 2);
                int entry = start + random.below(days, TAG_ENTRY, person);
                int birth = entry - age * 365 - random.below(365, TAG_BIRTH_DAY, person);
                add(birth, entry, d, random.uniform(TAG_SEX, person) < 0.54, random.uniform(TAG_LOCAL, person) < 0.1);
            }
            if (need < 0) {
                shrink(d, -need, atEnd[d], year, start, end);
            }
        }
    }

    private void shrink(int districtIndex, long surplus, long present, int year, int start, int end) {
        double probability = Math.min(1, 3.0 * surplus / present);
        long removed = 0;
        for (int person = 0; person < size && removed < surplus; person++) {
            if (district[person] == districtIndex && presentOn(person, end) && year - birthYear(person) >= 18
                    && random.uniform(TAG_SHRINK, person, year) < probability) {
                int earliest = Math.max(start, Math.max(entryDay[person], moveDay[person] == NONE ? start : moveDay[person]) + 1);
                if (earliest > end) {
                    continue;
                }
                exitDay[person] = earliest + random.below(end - earliest + 1, TAG_EXIT_DAY, person, year);
                exitKind[person] = MOVED_AWAY;
                removed++;
            }
        }
    }
}
