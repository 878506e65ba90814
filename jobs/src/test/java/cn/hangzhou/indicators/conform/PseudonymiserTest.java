package cn.hangzhou.indicators.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    private static final Pseudonymiser PSEUDONYMISER = new Pseudonymiser("a test key of at least 32 characters".getBytes(StandardCharsets.UTF_8));

    @Test
    void theHmacIsHmacSha256InLowerCaseHex() {
        // RFC 4231, test case 2
        Pseudonymiser jefe = new Pseudonymiser("Jefe".getBytes(StandardCharsets.UTF_8));
        assertThat(jefe.hmac("what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aPersonKeyIsTheHmacOfTheNormalisedNumberAndOnlyForValidNumbers() {
        assertThat(PSEUDONYMISER.personKey(" 11010519491231002x ")).isEqualTo(PSEUDONYMISER.hmac("11010519491231002X"));
        assertThat(PSEUDONYMISER.personKey("110105194912310021")).isNull();
        assertThat(PSEUDONYMISER.personKey("")).isNull();
        assertThat(PSEUDONYMISER.personKey(null)).isNull();
    }

    @Test
    void anotherKeyGivesAnotherPersonKey() {
        Pseudonymiser other = new Pseudonymiser("another key of at least 32 characters".getBytes(StandardCharsets.UTF_8));
        assertThat(other.personKey("440524188001010014")).isNotEqualTo(PSEUDONYMISER.personKey("440524188001010014"));
    }

    @Test
    void aSerialisedCopyComputesTheSameKeys() throws IOException, ClassNotFoundException {
        String before = PSEUDONYMISER.personKey("440524188001010014");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(PSEUDONYMISER);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(((Pseudonymiser) in.readObject()).personKey("440524188001010014")).isEqualTo(before);
        }
    }
}
