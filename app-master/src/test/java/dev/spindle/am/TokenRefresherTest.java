package dev.spindle.am;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenRefresherTest {
    @Test
    void tokensAreRefreshedWhenThreeQuartersOfTheirLifeIsOver() {
        assertEquals(75_000, TokenRefresher.delayBefore(1_000_000, 1_100_000));
        assertEquals(7_500, TokenRefresher.delayBefore(0, 10_000));
    }

    @Test
    void expiredOrNearlyExpiredTokensAreRefreshedAlmostAtOnce() {
        assertEquals(TokenRefresher.MIN_DELAY_MILLIS, TokenRefresher.delayBefore(1_000_000, 1_000_100));
        assertEquals(TokenRefresher.MIN_DELAY_MILLIS, TokenRefresher.delayBefore(1_000_000, 900_000));
    }

    @Test
    void tokensWithoutAnExpiryAreNeverRefreshed() {
        assertEquals(Long.MAX_VALUE, TokenRefresher.delayBefore(1_000_000, Long.MAX_VALUE));
    }
}
