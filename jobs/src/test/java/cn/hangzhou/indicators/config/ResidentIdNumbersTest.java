package cn.hangzhou.indicators.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResidentIdNumbersTest {

    @Test
    void theReferenceExamplesCheck() {
        assertThat(ResidentIdNumbers.isValid("11010519491231002X")).isTrue();
        assertThat(ResidentIdNumbers.isValid("440524188001010014")).isTrue();
        assertThat(ResidentIdNumbers.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdNumbers.checkCharacter("44052418800101001")).isEqualTo('4');
    }

    @Test
    void aWrongCheckCharacterLengthOrDigitFails() {
        assertThat(ResidentIdNumbers.isValid("110105194912310021")).isFalse();
        assertThat(ResidentIdNumbers.isValid("11010519491231002")).isFalse();
        assertThat(ResidentIdNumbers.isValid("11010519491231002XX")).isFalse();
        assertThat(ResidentIdNumbers.isValid("1101051949123100AX")).isFalse();
        assertThat(ResidentIdNumbers.isValid(null)).isFalse();
    }

    @Test
    void anImpossibleBirthDateFailsEvenWithTheRightCheckCharacter() {
        String first17 = "33010219490230001";
        assertThat(ResidentIdNumbers.isValid(first17 + ResidentIdNumbers.checkCharacter(first17))).isFalse();
        String leapDay = "33010220000229001";
        assertThat(ResidentIdNumbers.isValid(leapDay + ResidentIdNumbers.checkCharacter(leapDay))).isTrue();
    }

    @Test
    void normalisingTrimsAndUpperCasesSoALowerCaseXChecks() {
        assertThat(ResidentIdNumbers.isValid("11010519491231002x")).isFalse();
        assertThat(ResidentIdNumbers.normalise(" 11010519491231002x\t")).isEqualTo("11010519491231002X");
        assertThat(ResidentIdNumbers.isValid(ResidentIdNumbers.normalise(" 11010519491231002x "))).isTrue();
        assertThat(ResidentIdNumbers.normalise(null)).isNull();
    }

    @Test
    void appendsTheCheckCharacterToSeventeenDigits() {
        assertThat(ResidentIdNumbers.withCheckCharacter("44052418800101001")).isEqualTo("440524188001010014");
        assertThat(ResidentIdNumbers.isValid(ResidentIdNumbers.withCheckCharacter("33010219850704123"))).isTrue();
    }
}
