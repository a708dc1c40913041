//! The astronomy behind the lunar calendar: true new moons and the apparent solar longitude.
//!
//! Written from the published algorithms, not from any calendar program:
//! - true new moons: Jean Meeus, *Astronomical Algorithms* (2nd ed., 1998), chapter 49, with
//!   all periodic terms and the 14 planetary arguments (a few seconds of accuracy);
//! - apparent solar longitude: the 49-term series of Bretagnon and Simon (*Planetary Programs
//!   and Tables*, 1986) with aberration and nutation, as given by Reingold & Dershowitz,
//!   *Calendrical Calculations* (the `solar-longitude` function);
//! - ΔT (TT − UT): the polynomials of Espenak and Meeus (NASA *Five Millennium Canon of Solar
//!   Eclipses*, 2006), also used by *Calendrical Calculations*.
//!
//! All trigonometry goes through the pure-Rust [`libm`] crate and only IEEE-754 basic
//! operations otherwise, so the results are bit-for-bit the same on every platform, wasm32
//! included. Times are Julian Days: `jd` means Universal Time, `jde` Terrestrial Time.
//!
//! ```
//! use quytrinh::calendar::astronomy;
//! // Meeus, example 49.a: the new moon of February 1977 is k = -283, JDE 2443192.65118.
//! let jde = astronomy::new_moon_jde(-283);
//! assert!((jde - 2_443_192.651_18).abs() < 1e-5);
//! ```

/// Julian Day (UT) of 2000-01-01 12:00, the J2000.0 epoch.
///
/// ```
/// assert_eq!(quytrinh::calendar::astronomy::J2000, 2_451_545.0);
/// ```
pub const J2000: f64 = 2_451_545.0;

/// The time zone of the Vietnamese calendar: UTC+07:00, the 105°E meridian, in days.
///
/// ```
/// assert_eq!(quytrinh::calendar::astronomy::VIETNAM_OFFSET_DAYS * 24.0, 7.0);
/// ```
pub const VIETNAM_OFFSET_DAYS: f64 = 7.0 / 24.0;

/// Mean synodic month in days (Meeus 49.1).
///
/// ```
/// assert!((quytrinh::calendar::astronomy::MEAN_SYNODIC_MONTH - 29.53).abs() < 0.01);
/// ```
pub const MEAN_SYNODIC_MONTH: f64 = 29.530_588_861;

/// JDE of the mean new moon with `k = 0` (6 January 2000), Meeus 49.1.
const NEW_MOON_EPOCH: f64 = 2_451_550.097_66;

fn sin_deg(x: f64) -> f64 {
    libm::sin(x.to_radians())
}

fn cos_deg(x: f64) -> f64 {
    libm::cos(x.to_radians())
}

/// ΔT = TT − UT in seconds for a decimal year (Espenak & Meeus 2006 polynomials).
///
/// ```
/// let dt = quytrinh::calendar::astronomy::delta_t_seconds(2000.0);
/// assert!((dt - 63.86).abs() < 0.01);
/// ```
pub fn delta_t_seconds(year: f64) -> f64 {
    let y = year;
    if y < 1900.0 {
        let t = y - 1860.0;
        7.62 + 0.573_7 * t - 0.251_754 * t * t + 0.016_806_68 * t.powi(3)
            - 0.000_447_362_4 * t.powi(4)
            + t.powi(5) / 233_174.0
    } else if y < 1920.0 {
        let t = y - 1900.0;
        -2.79 + 1.494_119 * t - 0.059_893_9 * t * t + 0.006_196_6 * t.powi(3)
            - 0.000_197 * t.powi(4)
    } else if y < 1941.0 {
        let t = y - 1920.0;
        21.20 + 0.844_93 * t - 0.076_100 * t * t + 0.002_093_6 * t.powi(3)
    } else if y < 1961.0 {
        let t = y - 1950.0;
        29.07 + 0.407 * t - t * t / 233.0 + t.powi(3) / 2547.0
    } else if y < 1986.0 {
        let t = y - 1975.0;
        45.45 + 1.067 * t - t * t / 260.0 - t.powi(3) / 718.0
    } else if y < 2005.0 {
        let t = y - 2000.0;
        63.86 + 0.334_5 * t - 0.060_374 * t * t
            + 0.001_727_5 * t.powi(3)
            + 0.000_651_814 * t.powi(4)
            + 0.000_023_735_99 * t.powi(5)
    } else if y < 2050.0 {
        let t = y - 2000.0;
        62.92 + 0.322_17 * t + 0.005_589 * t * t
    } else if y < 2150.0 {
        let u = (y - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u - 0.562_8 * (2150.0 - y)
    } else {
        let u = (y - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u
    }
}

/// ΔT in days at a Julian Day.
fn delta_t_days(jd: f64) -> f64 {
    delta_t_seconds(2000.0 + (jd - J2000) / 365.25) / 86_400.0
}

/// Terrestrial Time (JDE) from Universal Time (JD).
///
/// ```
/// use quytrinh::calendar::astronomy::{J2000, jde_from_jd};
/// assert!((jde_from_jd(J2000) - J2000 - 63.86 / 86_400.0).abs() < 1e-6);
/// ```
pub fn jde_from_jd(jd: f64) -> f64 {
    jd + delta_t_days(jd)
}

/// Universal Time (JD) from Terrestrial Time (JDE).
///
/// ```
/// use quytrinh::calendar::astronomy::{jd_from_jde, jde_from_jd};
/// assert!((jd_from_jde(jde_from_jd(2_460_000.0)) - 2_460_000.0).abs() < 1e-9);
/// ```
pub fn jd_from_jde(jde: f64) -> f64 {
    // ΔT changes by well under a second per day, so one evaluation at JDE is exact enough.
    jde - delta_t_days(jde)
}

/// Periodic terms of the true new moon, Meeus table 49.A: (coefficient, power of E,
/// multiples of M, M′, F, Ω).
const NEW_MOON_TERMS: [(f64, i32, [f64; 4]); 25] = [
    (-0.407_20, 0, [0.0, 1.0, 0.0, 0.0]),
    (0.172_41, 1, [1.0, 0.0, 0.0, 0.0]),
    (0.016_08, 0, [0.0, 2.0, 0.0, 0.0]),
    (0.010_39, 0, [0.0, 0.0, 2.0, 0.0]),
    (0.007_39, 1, [-1.0, 1.0, 0.0, 0.0]),
    (-0.005_14, 1, [1.0, 1.0, 0.0, 0.0]),
    (0.002_08, 2, [2.0, 0.0, 0.0, 0.0]),
    (-0.001_11, 0, [0.0, 1.0, -2.0, 0.0]),
    (-0.000_57, 0, [0.0, 1.0, 2.0, 0.0]),
    (0.000_56, 1, [1.0, 2.0, 0.0, 0.0]),
    (-0.000_42, 0, [0.0, 3.0, 0.0, 0.0]),
    (0.000_42, 1, [1.0, 0.0, 2.0, 0.0]),
    (0.000_38, 1, [1.0, 0.0, -2.0, 0.0]),
    (-0.000_24, 1, [-1.0, 2.0, 0.0, 0.0]),
    (-0.000_17, 0, [0.0, 0.0, 0.0, 1.0]),
    (-0.000_07, 0, [2.0, 1.0, 0.0, 0.0]),
    (0.000_04, 0, [0.0, 2.0, -2.0, 0.0]),
    (0.000_04, 0, [3.0, 0.0, 0.0, 0.0]),
    (0.000_03, 0, [1.0, 1.0, -2.0, 0.0]),
    (0.000_03, 0, [0.0, 2.0, 2.0, 0.0]),
    (-0.000_03, 0, [1.0, 1.0, 2.0, 0.0]),
    (0.000_03, 0, [-1.0, 1.0, 2.0, 0.0]),
    (-0.000_02, 0, [-1.0, 1.0, -2.0, 0.0]),
    (-0.000_02, 0, [1.0, 3.0, 0.0, 0.0]),
    (0.000_02, 0, [0.0, 4.0, 0.0, 0.0]),
];

/// Planetary arguments of Meeus ch. 49: (coefficient, A at k = 0, rate per lunation).
const PLANETARY_TERMS: [(f64, f64, f64); 13] = [
    (0.000_165, 251.88, 0.016_321),
    (0.000_164, 251.83, 26.651_886),
    (0.000_126, 349.42, 36.412_478),
    (0.000_110, 84.66, 18.206_239),
    (0.000_062, 141.74, 53.303_771),
    (0.000_060, 207.14, 2.453_732),
    (0.000_056, 154.84, 7.306_860),
    (0.000_047, 34.52, 27.261_239),
    (0.000_042, 207.19, 0.121_824),
    (0.000_040, 291.34, 1.844_379),
    (0.000_037, 161.72, 24.198_154),
    (0.000_035, 239.56, 25.513_099),
    (0.000_023, 331.55, 3.592_518),
];

/// JDE (Terrestrial Time) of the true new moon number `k` (k = 0: 6 January 2000),
/// Meeus chapter 49.
///
/// ```
/// use quytrinh::calendar::astronomy::{jd_from_jde, new_moon_jde};
/// // The new moon of 29 January 2025 was at 12:36 UTC (JD 2460705.025).
/// let jd = jd_from_jde(new_moon_jde(310));
/// assert!((jd - 2_460_705.025).abs() < 0.001);
/// ```
#[allow(clippy::many_single_char_names)]
pub fn new_moon_jde(k: i32) -> f64 {
    let k = f64::from(k);
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let t4 = t3 * t;
    let mean = NEW_MOON_EPOCH + MEAN_SYNODIC_MONTH * k + 0.000_154_37 * t2 - 0.000_000_150 * t3
        + 0.000_000_000_73 * t4;
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    let m = 2.553_4 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3;
    let m_moon =
        201.564_3 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3 - 0.000_000_058 * t4;
    let f =
        160.710_8 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3 + 0.000_000_011 * t4;
    let omega = 124.774_6 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3;
    let args = [m, m_moon, f, omega];
    let mut correction = 0.0;
    for (coefficient, e_power, multiples) in NEW_MOON_TERMS {
        let angle: f64 = multiples.iter().zip(args).map(|(n, a)| n * a).sum();
        correction += coefficient * e.powi(e_power) * sin_deg(angle);
    }
    let a1 = 299.77 + 0.107_408 * k - 0.009_173 * t2;
    let mut planetary = 0.000_325 * sin_deg(a1);
    for (coefficient, a0, rate) in PLANETARY_TERMS {
        planetary += coefficient * sin_deg(a0 + rate * k);
    }
    mean + correction + planetary
}

/// Julian Day (UT) of the true new moon number `k`.
///
/// ```
/// use quytrinh::calendar::astronomy::{local_day, new_moon_jd};
/// // k = 0 is the new moon of 6 January 2000 (18:14 UTC), 7 January in Vietnam.
/// assert_eq!(local_day(new_moon_jd(0)), 2_451_551);
/// ```
pub fn new_moon_jd(k: i32) -> f64 {
    jd_from_jde(new_moon_jde(k))
}

/// The 49 periodic terms of the solar longitude (Bretagnon & Simon), as
/// (amplitude, phase in degrees, rate in degrees per Julian century).
const SOLAR_TERMS: [(f64, f64, f64); 49] = [
    (403_406.0, 270.548_61, 0.928_789_2),
    (195_207.0, 340.191_28, 35_999.137_695_8),
    (119_433.0, 63.918_54, 35_999.408_966_6),
    (112_392.0, 331.262_20, 35_998.728_738_5),
    (3_891.0, 317.843, 71_998.202_61),
    (2_819.0, 86.631, 71_998.440_3),
    (1_721.0, 240.052, 36_000.357_26),
    (660.0, 310.26, 71_997.481_2),
    (350.0, 247.23, 32_964.467_8),
    (334.0, 260.87, -19.441_0),
    (314.0, 297.82, 445_267.111_7),
    (268.0, 343.14, 45_036.884_0),
    (242.0, 166.79, 3.100_8),
    (234.0, 81.53, 22_518.443_4),
    (158.0, 3.50, -19.973_9),
    (132.0, 132.75, 65_928.934_5),
    (129.0, 182.95, 9_038.029_3),
    (114.0, 162.03, 3_034.768_4),
    (99.0, 29.8, 33_718.148),
    (93.0, 266.4, 3_034.448),
    (86.0, 249.2, -2_280.773),
    (78.0, 157.6, 29_929.992),
    (72.0, 257.8, 31_556.493),
    (68.0, 185.1, 149.588),
    (64.0, 69.9, 9_037.750),
    (46.0, 8.0, 107_997.405),
    (38.0, 197.1, -4_444.176),
    (37.0, 250.4, 151.771),
    (32.0, 65.3, 67_555.316),
    (29.0, 162.7, 31_556.080),
    (28.0, 341.5, -4_561.540),
    (27.0, 291.6, 107_996.706),
    (27.0, 98.5, 1_221.655),
    (25.0, 146.7, 62_894.167),
    (24.0, 110.0, 31_437.369),
    (21.0, 5.2, 14_578.298),
    (21.0, 342.6, -31_931.757),
    (20.0, 230.9, 34_777.243),
    (18.0, 256.1, 1_221.999),
    (17.0, 45.3, 62_894.511),
    (14.0, 242.9, -4_442.039),
    (13.0, 115.2, 107_997.909),
    (13.0, 151.8, 119.066),
    (13.0, 285.3, 16_859.071),
    (12.0, 53.3, -4.578),
    (10.0, 126.6, 26_895.292),
    (10.0, 205.7, -39.127),
    (10.0, 85.9, 12_297.536),
    (10.0, 146.1, 90_073.778),
];

/// Apparent geocentric longitude of the Sun, in degrees in `[0, 360)`, at a Julian Day (UT).
///
/// ```
/// use quytrinh::calendar::astronomy::solar_longitude;
/// // The December solstice of 2024 was at 09:20 UTC on 21 December (JD 2460665.889).
/// let before = solar_longitude(2_460_665.889 - 0.01);
/// let after = solar_longitude(2_460_665.889 + 0.01);
/// assert!(before < 270.0 && after > 270.0);
/// ```
pub fn solar_longitude(jd: f64) -> f64 {
    let c = (jde_from_jd(jd) - J2000) / 36_525.0;
    let mut sum = 0.0;
    for (x, y, z) in SOLAR_TERMS {
        sum += x * sin_deg(y + z * c);
    }
    let mean = 282.777_183_4 + 36_000.769_537_44 * c + 0.000_005_729_577_951_308_232 * sum;
    let aberration = 0.000_097_4 * cos_deg(177.63 + 35_999.018_48 * c) - 0.005_575;
    let a = 124.90 - 1_934.134 * c + 0.002_063 * c * c;
    let b = 201.11 + 72_001.537_7 * c + 0.000_57 * c * c;
    let nutation = -0.004_778 * sin_deg(a) - 0.000_366_7 * sin_deg(b);
    (mean + aberration + nutation).rem_euclid(360.0)
}

/// The Julian Day (UT) at which the solar longitude reaches `target` degrees, searched in
/// the window `[jd_low, jd_high]` that must contain exactly one such crossing of less than
/// a few days (bisection to about a tenth of a second).
///
/// ```
/// use quytrinh::calendar::astronomy::{julian_day_number, solar_longitude_crossing};
/// // The March equinox of 2024: 20 March, 03:06 UTC.
/// let from = julian_day_number(2024, 3, 18) - 0.5;
/// let equinox = solar_longitude_crossing(0.0, from, from + 5.0);
/// assert!((equinox - 2_460_389.629).abs() < 0.002);
/// ```
pub fn solar_longitude_crossing(target: f64, jd_low: f64, jd_high: f64) -> f64 {
    let (mut low, mut high) = (jd_low, jd_high);
    // Signed angular distance past the target, in (-180, 180].
    let past = |jd: f64| {
        let d = (solar_longitude(jd) - target).rem_euclid(360.0);
        if d > 180.0 { d - 360.0 } else { d }
    };
    while high - low > 1e-6 {
        let mid = 0.5 * (low + high);
        if past(mid) >= 0.0 {
            high = mid;
        } else {
            low = mid;
        }
    }
    high
}

/// The Julian Day (UT) of the December (winter) solstice of a Gregorian year.
///
/// ```
/// use quytrinh::calendar::astronomy::december_solstice;
/// // 21 December 2024, 09:20 UTC.
/// assert!((december_solstice(2024) - 2_460_665.889).abs() < 0.001);
/// ```
pub fn december_solstice(year: i32) -> f64 {
    // 19 December 00:00 UT to 24 December 00:00 UT of that year always bracket it.
    let dec_19 = julian_day_number(year, 12, 19) - 0.5;
    solar_longitude_crossing(270.0, dec_19, dec_19 + 5.0)
}

/// Julian Day Number (the day starting at noon UT) of a proleptic Gregorian date.
///
/// ```
/// assert_eq!(quytrinh::calendar::astronomy::julian_day_number(2000, 1, 1), 2_451_545.0);
/// ```
pub fn julian_day_number(year: i32, month: u32, day: u32) -> f64 {
    // Meeus 7.1 for the Gregorian calendar.
    let (y, m) = if month <= 2 {
        (f64::from(year) - 1.0, f64::from(month) + 12.0)
    } else {
        (f64::from(year), f64::from(month))
    };
    let a = (y / 100.0).floor();
    let b = 2.0 - a + (a / 4.0).floor();
    (365.25 * (y + 4716.0)).floor() + (30.6001 * (m + 1.0)).floor() + f64::from(day) + b - 1524.5
        + 0.5
}

/// The Vietnamese civil day (UTC+7) holding an instant, as a Julian Day Number.
///
/// ```
/// use quytrinh::calendar::astronomy::local_day;
/// // 2000-01-01 17:00 UTC is already 2 January in Vietnam.
/// assert_eq!(local_day(2_451_545.0 + 5.0 / 24.0), 2_451_546);
/// ```
pub fn local_day(jd: f64) -> i64 {
    // Julian Days stay far below 2^53, so the conversion is exact.
    #[allow(clippy::cast_possible_truncation)]
    let day = (jd + 0.5 + VIETNAM_OFFSET_DAYS).floor() as i64;
    day
}

/// The instant (JD, UT) of local midnight (UTC+7) that starts the day `jdn`.
///
/// ```
/// use quytrinh::calendar::astronomy::{local_day, local_midnight};
/// assert_eq!(local_day(local_midnight(2_451_545) + 1e-6), 2_451_545);
/// ```
pub fn local_midnight(jdn: i64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let day = jdn as f64;
    day - 0.5 - VIETNAM_OFFSET_DAYS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeus_example_49a() {
        let jde = new_moon_jde(-283);
        assert!((jde - 2_443_192.651_18).abs() < 1e-5, "{jde}");
    }

    #[test]
    fn julian_day_numbers() {
        assert!((julian_day_number(2000, 1, 1) - 2_451_545.0).abs() < f64::EPSILON);
        assert!((julian_day_number(1900, 1, 1) - 2_415_021.0).abs() < f64::EPSILON);
    }
}
