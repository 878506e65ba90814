package cn.hangzhou.indicators.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResidentIdNumbersTest {

    @Test
    void theContractExamplesCheck() {
        assertThat(ResidentIdNumbers.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdNumbers.isValid("11010519491231002X")).isTrue();
        assertThat(ResidentIdNumbers.isValid("440524188001010014")).isTrue();
    }

    @Test
    void wrongCheckCharacterLengthLetterOrDateFail() {
        assertThat(ResidentIdNumbers.isValid("110105194912310021")).isFalse();
        assertThat(ResidentIdNumbers.isValid("11010519491231002")).isFalse();
        assertThat(ResidentIdNumbers.isValid("11010519491231002x")).isFalse();
        assertThat(ResidentIdNumbers.isValid("1101051949123100AX")).isFalse();
        String february30 = "33010220240230001";
        assertThat(ResidentIdNumbers.isValid(february30 + ResidentIdNumbers.checkCharacter(february30))).isFalse();
        assertThat(ResidentIdNumbers.isValid(null)).isFalse();
    }

    @Test
    void normalisingTrimsAndUpperCasesX() {
        assertThat(ResidentIdNumbers.normalise(" 11010519491231002x ")).isEqualTo("11010519491231002X");
        assertThat(ResidentIdNumbers.isValid(ResidentIdNumbers.normalise(" 11010519491231002x "))).isTrue();
        assertThat(ResidentIdNumbers.normalise(null)).isNull();
    }
}
