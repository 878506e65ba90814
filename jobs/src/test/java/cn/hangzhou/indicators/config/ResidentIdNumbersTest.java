package cn.hangzhou.indicators.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** GB 11643 check characters, validation and normalisation. */
class ResidentIdNumbersTest {

    @Test
    void computesTheCheckCharacterOfTheReferenceExamples() {
        assertThat(ResidentIdNumbers.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdNumbers.checkCharacter("44052418800101001")).isEqualTo('4');
        assertThat(ResidentIdNumbers.withCheckCharacter("44052418800101001")).isEqualTo("440524188001010014");
    }

    @Test
    void validatesLengthDigitsAndCheckCharacter() {
        assertThat(ResidentIdNumbers.isValid("11010519491231002X")).isTrue();
        assertThat(ResidentIdNumbers.isValid("440524188001010014")).isTrue();
        assertThat(ResidentIdNumbers.isValid("440524188001010015")).isFalse();
        assertThat(ResidentIdNumbers.isValid("11010519491231002x")).isFalse();
        assertThat(ResidentIdNumbers.isValid(" 440524188001010014")).isFalse();
        assertThat(ResidentIdNumbers.isValid("44052418800101001")).isFalse();
        assertThat(ResidentIdNumbers.isValid("4405241880010100A4")).isFalse();
        assertThat(ResidentIdNumbers.isValid(null)).isFalse();
        assertThatThrownBy(() -> ResidentIdNumbers.checkCharacter("123")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normalisingRepairsLowerCaseXAndSpaces() {
        assertThat(ResidentIdNumbers.normalise(" 11010519491231002x ")).isEqualTo("11010519491231002X");
        assertThat(ResidentIdNumbers.isValid(ResidentIdNumbers.normalise(" 11010519491231002x "))).isTrue();
        assertThat(ResidentIdNumbers.normalise(null)).isNull();
    }
}
