package org.ebc.hardware.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfilesTest {
    private static final long PEAK = 6000;

    /** One value per second of a day starting at midnight. */
    private static long[] day(ProfileKind kind, long seed) {
        LoadProfile p = kind.create(seed, PEAK, 0);
        long[] w = new long[(int) LoadProfile.DAY];
        for (int s = 0; s < w.length; s++) {
            w[s] = p.watts(s);
        }
        return w;
    }

    private static long at(long[] day, int hour, int minute) {
        return day[hour * 3600 + minute * 60];
    }

    @Test
    void noProfileExceedsItsPeakPower() {
        for (ProfileKind kind : ProfileKind.values()) {
            for (long w : day(kind, 7)) {
                assertThat(Math.abs(w)).as(kind.name()).isLessThanOrEqualTo(PEAK);
            }
        }
    }

    @Test
    void pvGeneratesOnlyInDaylightAndAsExport() {
        long[] pv = day(ProfileKind.PV, 7);
        assertThat(at(pv, 3, 0)).isZero();
        assertThat(at(pv, 22, 0)).isZero();
        long noonMinimum = 0;
        for (int s = 12 * 3600; s < 14 * 3600; s++) {
            noonMinimum = Math.min(noonMinimum, pv[s]);
            assertThat(pv[s]).isNotPositive();
        }
        assertThat(noonMinimum).isLessThan(-PEAK / 2);
    }

    @Test
    void aHouseholdAlwaysDrawsAndPeaksInTheEvening() {
        long[] h = day(ProfileKind.HOUSEHOLD, 7);
        long night = 0;
        long evening = 0;
        for (int s = 0; s < 3600; s++) {
            assertThat(h[3 * 3600 + s]).isPositive();
            night += h[3 * 3600 + s];
            evening += h[19 * 3600 + s];
        }
        assertThat(evening).isGreaterThan(3 * night);
    }

    @Test
    void anEvEitherChargesAtPeakOrNot() {
        long[] ev = day(ProfileKind.EV, 7);
        long charging = 0;
        for (long w : ev) {
            assertThat(w == 0 || w == PEAK).isTrue();
            charging += w == PEAK ? 1 : 0;
        }
        assertThat(charging).isBetween(30L * 60, LoadProfile.DAY - 60L * 60);
    }

    @Test
    void aBatteryChargesAtNightAndDischargesInTheEvening() {
        long[] b = day(ProfileKind.BATTERY, 7);
        assertThat(at(b, 2, 30)).isPositive();
        assertThat(at(b, 18, 30)).isNegative();
        assertThat(at(b, 11, 0)).isZero();
    }

    @Test
    void aProsumerImportsAtNightAndExportsAtNoon() {
        long[] p = day(ProfileKind.PROSUMER, 7);
        assertThat(at(p, 2, 0)).isPositive();
        long noonExport = 0;
        for (int s = 11 * 3600; s < 15 * 3600; s++) {
            noonExport += Math.min(0, p[s]);
        }
        assertThat(noonExport).isNegative();
    }
}
