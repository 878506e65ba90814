package cn.hangzhou.indicators.config;

import java.time.Duration;

/**
 * Timing of the warehouse lease (docs/operations.md): how long a lease lives without a heartbeat, how often the
 * holder renews it, and how long a contender waits after writing its claim before reading it back.
 *
 * @param expirySeconds    a lease not renewed for this long belongs to a dead run and may be taken over (default 300)
 * @param heartbeatSeconds the holder rewrites the lease this often (default 30; at most a third of the expiry)
 * @param settleSeconds    wait between writing a claim and reading it back, on stores without an atomic create and
 *                         when taking over a stale lease (default 2; longer than a small write to the store takes)
 */
public record LeaseSettings(Double expirySeconds, Double heartbeatSeconds, Double settleSeconds) {

    public LeaseSettings {
        expirySeconds = expirySeconds == null ? 300.0 : expirySeconds;
        heartbeatSeconds = heartbeatSeconds == null ? 30.0 : heartbeatSeconds;
        settleSeconds = settleSeconds == null ? 2.0 : settleSeconds;
        ConfigurationException.require(expirySeconds > 0, "lease expiry_seconds " + expirySeconds + " is not positive",
                "use a number of seconds such as 300");
        ConfigurationException.require(heartbeatSeconds > 0 && heartbeatSeconds * 3 <= expirySeconds,
                "lease heartbeat_seconds " + heartbeatSeconds + " is not between 0 and a third of expiry_seconds " + expirySeconds,
                "renew at least three times per expiry, e.g. heartbeat_seconds: 30 with expiry_seconds: 300");
        ConfigurationException.require(settleSeconds >= 0 && settleSeconds < expirySeconds,
                "lease settle_seconds " + settleSeconds + " is negative or not shorter than expiry_seconds",
                "use a few seconds, e.g. settle_seconds: 2");
    }

    /** The defaults: 300 s expiry, 30 s heartbeat, 2 s settle. */
    public static LeaseSettings defaults() {
        return new LeaseSettings(null, null, null);
    }

    public Duration expiry() {
        return seconds(expirySeconds);
    }

    public Duration heartbeat() {
        return seconds(heartbeatSeconds);
    }

    public Duration settle() {
        return seconds(settleSeconds);
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
    }
}
