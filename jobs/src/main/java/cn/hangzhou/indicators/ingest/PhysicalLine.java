package cn.hangzhou.indicators.ingest;

/**
 * One physical line of a file, decoded.
 *
 * @param number     1-based line number in the file
 * @param text       the decoded text without its line terminator (malformed bytes replaced when not decodable)
 * @param terminator {@code "\r\n"}, {@code "\n"}, or empty for a last line without one
 * @param decodable  whether the line's bytes are valid in the file's encoding
 */
public record PhysicalLine(long number, String text, String terminator, boolean decodable) {
}
