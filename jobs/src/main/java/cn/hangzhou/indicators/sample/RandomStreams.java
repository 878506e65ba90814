package cn.hangzhou.indicators.sample;

/** Counter-based random numbers (SplitMix64 over seed, tag and counters): any draw can be recomputed. */
final class RandomStreams {

    private final long seed;

    RandomStreams(long seed) {
        this.seed = mix(seed ^ 0x9E3779B97F4A7C15L);
    }

    static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long bits(long tag, long first, long second) {
        long h = mix(seed ^ tag * 0xD1B54A32D192ED03L);
        h = mix(h ^ first * 0x9E3779B97F4A7C15L);
        return mix(h ^ second * 0xC2B2AE3D27D4EB4FL);
    }

    /** A uniform double in [0, 1). */
    double uniform(long tag, long first, long second) {
        return (bits(tag, first, second) >>> 11) * 0x1.0p-53;
    }

    double uniform(long tag, long first) {
        return uniform(tag, first, 0);
    }

    /** A uniform integer in [0, bound). */
    int below(int bound, long tag, long first, long second) {
        return (int) ((bits(tag, first, second) >>> 1) % bound);
    }

    int below(int bound, long tag, long first) {
        return below(bound, tag, first, 0);
    }

    /** A stable hash of a text (for file names and other string coordinates). */
    static long hashText(String text) {
        long h = 0x84222325CBF29CE4L;
        for (int i = 0; i < text.length(); i++) {
            h = mix(h ^ text.charAt(i));
        }
        return h;
    }
}
