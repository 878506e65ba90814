package cn.hangzhou.indicators.sample;

/** The twelve monthly files of one extract and year, open together, with a record-id counter per month. */
final class MonthlyFiles {

    private final YearContext context;
    private final String extractId;
    private final String idPrefix;
    private final ExtractWriter[] writers = new ExtractWriter[13];
    private final long[] counters = new long[13];

    MonthlyFiles(YearContext context, String extractId, String idPrefix) {
        this.context = context;
        this.extractId = extractId;
        this.idPrefix = idPrefix;
        for (int month = 1; month <= 12; month++) {
            writers[month] = context.deliveries.open(extractId, context.month(month), null);
        }
    }

    ExtractWriter writer(int month) {
        return writers[month];
    }

    /** A new record id, unique across all deliveries: prefix, yyyyMM and a counter. */
    String nextId(int month) {
        return idPrefix + context.month(month) + Digits.zeroPadded(++counters[month], 8);
    }

    void write(int month, String[] values) {
        writers[month].write(values);
        if (month < 12) {
            writers[month + 1].offerPreviousDeliveryKey(writers[month].firstKey());
        }
    }

    void close() {
        for (int month = 1; month <= 12; month++) {
            context.deliveries.closed(writers[month], extractId);
        }
    }
}
