package cn.hangzhou.indicators.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of one delimited record into fields: RFC 4180 quoting ({@code minimal}: a field may be
 * enclosed in double quotes, a quote inside it doubled) or none at all ({@code none}: quotes are text).
 */
final class FieldSplitter {

    private final char delimiter;
    private final boolean quoted;

    /**
     * The fields of a record.
     *
     * @param openQuote a quoted field is still open at the end of the text (the record may go on on the next line)
     * @param problem   a quoting error inside the text, or null
     */
    record Split(List<String> fields, boolean openQuote, String problem) {
    }

    FieldSplitter(char delimiter, boolean quoted) {
        this.delimiter = delimiter;
        this.quoted = quoted;
    }

    Split split(String text) {
        return quoted ? splitQuoted(text) : splitUnquoted(text);
    }

    private Split splitUnquoted(String text) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        int next;
        while ((next = text.indexOf(delimiter, start)) >= 0) {
            fields.add(text.substring(start, next));
            start = next + 1;
        }
        fields.add(text.substring(start));
        return new Split(fields, false, null);
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private Split splitQuoted(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        State state = State.FIELD_START;
        String problem = null;
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            switch (state) {
                case FIELD_START -> {
                    if (character == '"') {
                        state = State.QUOTED;
                    } else if (character == delimiter) {
                        fields.add("");
                    } else {
                        field.append(character);
                        state = State.UNQUOTED;
                    }
                }
                case UNQUOTED -> {
                    if (character == delimiter) {
                        fields.add(field.toString());
                        field.setLength(0);
                        state = State.FIELD_START;
                    } else {
                        if (character == '"' && problem == null) {
                            problem = "quote inside unquoted field " + (fields.size() + 1);
                        }
                        field.append(character);
                    }
                }
                case QUOTED -> {
                    if (character == '"') {
                        state = State.QUOTE_IN_QUOTED;
                    } else {
                        field.append(character);
                    }
                }
                case QUOTE_IN_QUOTED -> {
                    if (character == '"') {
                        field.append('"');
                        state = State.QUOTED;
                    } else if (character == delimiter) {
                        fields.add(field.toString());
                        field.setLength(0);
                        state = State.FIELD_START;
                    } else {
                        if (problem == null) {
                            problem = "text after the closing quote of field " + (fields.size() + 1);
                        }
                        field.append(character);
                        state = State.UNQUOTED;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        if (state == State.QUOTED) {
            return new Split(fields, true, problem);
        }
        fields.add(field.toString());
        return new Split(fields, false, problem);
    }
}
