package cn.hangzhou.indicators.sample;

import cn.hangzhou.indicators.config.District;
import java.util.ArrayList;
import java.util.List;

/** The schools of each district, sized from the end-2020 population and kept for all school years. */
final class SchoolRegistry {

    /** One school of the register. */
    record School(String id, String name, int district, String stage, String ownership, String inclusive) {
    }

    static final int PUBLIC_OR_INCLUSIVE_KINDERGARTENS = 0;
    static final int OTHER_KINDERGARTENS = 1;
    static final int PRIMARY = 2;
    static final int JUNIOR = 3;
    static final int NINE_YEAR = 4;
    static final int SENIOR = 5;
    static final int VOCATIONAL = 6;
    static final int SPECIAL = 7;

    private final List<School> all = new ArrayList<>();
    private final List<List<List<School>>> byDistrict = new ArrayList<>();

    SchoolRegistry(List<District> districts, Population population) {
        int[][] ages = new int[districts.size()][19];
        for (int person = 0; person < population.size; person++) {
            int age = population.ageAtYearEnd(person, 2020);
            if (age < 19) {
                ages[population.district[person]][age]++;
            }
        }
        for (int d = 0; d < districts.size(); d++) {
            int young = sum(ages[d], 3, 5);
            int primary = sum(ages[d], 6, 11);
            int junior = sum(ages[d], 12, 14);
            int senior = sum(ages[d], 15, 17);
            int kindergartens = Math.max(3, Math.round(young / 200f));
            int publicKindergartens = Math.max(1, Math.round(kindergartens * 0.55f));
            int inclusive = Math.max(1, Math.round(kindergartens * 0.33f));
            int other = Math.max(1, kindergartens - publicKindergartens - inclusive);
            List<List<School>> groups = new ArrayList<>();
            for (int g = 0; g <= SPECIAL; g++) {
                groups.add(new ArrayList<>());
            }
            String name = districts.get(d).nameZh();
            int serial = 0;
            for (int k = 0; k < publicKindergartens; k++) {
                groups.get(PUBLIC_OR_INCLUSIVE_KINDERGARTENS).add(school(d, "01", ++serial, name + "第" + serial + "幼儿园", "1", "是"));
            }
            for (int k = 0; k < inclusive; k++) {
                groups.get(PUBLIC_OR_INCLUSIVE_KINDERGARTENS).add(school(d, "01", ++serial, name + "第" + serial + "幼儿园", "2", "是"));
            }
            for (int k = 0; k < other; k++) {
                groups.get(OTHER_KINDERGARTENS).add(school(d, "01", ++serial, name + "第" + serial + "幼儿园", "2", "否"));
            }
            addSchools(groups.get(PRIMARY), d, "02", Math.max(1, Math.round(primary / 1200f)), name, "小学");
            addSchools(groups.get(JUNIOR), d, "03", Math.max(1, Math.round(junior / 1000f)), name, "初级中学");
            addSchools(groups.get(NINE_YEAR), d, "04", Math.max(1, Math.round(primary / 9000f)), name, "九年一贯制学校");
            addSchools(groups.get(SENIOR), d, "05", Math.max(1, Math.round(senior * 0.6f / 1500)), name, "高级中学");
            addSchools(groups.get(VOCATIONAL), d, "06", Math.max(1, Math.round(senior * 0.4f / 1200)), name, "职业高级中学");
            groups.get(SPECIAL).add(school(d, "07", 1, name + "特殊教育学校", "1", null));
            groups.forEach(all::addAll);
            byDistrict.add(groups);
        }
    }

    private void addSchools(List<School> group, int district, String stage, int count, String districtName, String suffix) {
        for (int k = 1; k <= count; k++) {
            group.add(school(district, stage, k, districtName + "第" + k + suffix, k % 7 == 0 ? "2" : "1", null));
        }
    }

    private static School school(int district, String stage, int serial, String name, String ownership, String inclusive) {
        String id = String.format("33%02d%s%04d", district, stage, serial);
        return new School(id, name, district, stage, ownership, inclusive);
    }

    private static int sum(int[] counts, int from, int to) {
        int total = 0;
        for (int a = from; a <= to; a++) {
            total += counts[a];
        }
        return total;
    }

    List<School> all() {
        return all;
    }

    List<School> group(int district, int group) {
        return byDistrict.get(district).get(group);
    }
}
