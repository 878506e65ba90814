package cn.hangzhou.indicators.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetRuleTest {

    @Test
    void greaterThanIsStrictlyAbove() {
        TargetRule rule = TargetRule.parse(">95");
        assertThat(rule.met(95.0)).isFalse();
        assertThat(rule.met(95.0001)).isTrue();
        assertThat(TargetRule.parse(">14000").met(14000.0)).isFalse();
    }

    @Test
    void yiShangAndBaoChiZaiYiShangMeanAtLeast() {
        assertThat(TargetRule.parse("99以上").met(99.0)).isTrue();
        assertThat(TargetRule.parse("99以上").met(98.999)).isFalse();
        assertThat(TargetRule.parse("保持在90以上").met(90.0)).isTrue();
        assertThat(TargetRule.parse("保持在90以上").met(89.99)).isFalse();
        assertThat(TargetRule.parse("3.5以上").met(3.5)).isTrue();
        assertThat(TargetRule.parse("3.5以上").met(3.49)).isFalse();
    }

    @Test
    void lessThanIsStrictlyBelow() {
        TargetRule rule = TargetRule.parse("<8.5");
        assertThat(rule.met(8.5)).isFalse();
        assertThat(rule.met(8.49)).isTrue();
    }

    @Test
    void aBareNumberMeansAtLeast() {
        assertThat(TargetRule.parse("648").met(648.0)).isTrue();
        assertThat(TargetRule.parse("648").met(647.99)).isFalse();
        assertThat(TargetRule.parse("83.88").met(83.9)).isTrue();
    }

    @Test
    void targetsThatCannotBeJudgedGiveNoStatus() {
        assertThat(TargetRule.parse("[125]").met(200.0)).isNull();
        assertThat(TargetRule.parse("省下达目标").met(200.0)).isNull();
        assertThat(TargetRule.parse(null).met(200.0)).isNull();
        assertThat(TargetRule.parse(">95").met(null)).isNull();
    }
}
