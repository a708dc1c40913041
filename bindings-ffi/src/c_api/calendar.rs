//! The Vietnamese business calendar behind an opaque, immutable handle.

use super::guard::{
    Failure, OutValue, guard, optional_text_arg, out_param, owned_string, text_arg,
};
use super::status::QuytrinhStatus;
use super::time::{parse_date, parse_instant};
use chrono::TimeDelta;
use quytrinh::calendar::{BusinessCalendar, CalendarConfig};
use quytrinh::kernel::rfc3339;
use std::ffi::c_char;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A business calendar (working weekdays, counting mode, Vietnamese holidays). Opaque:
/// create it with `quytrinh_calendar_new`, free it with `quytrinh_calendar_free`.
///
/// Thread safety: a calendar is immutable; one handle may be used from any number of
/// threads at the same time. Its errors go to the calling thread's last error
/// (`quytrinh_last_error_message`), never to the handle.
pub struct QuytrinhCalendar {
    inner: BusinessCalendar,
}

/// The guard for calls on a calendar: the out-parameter is emptied first, then the handle
/// is checked, then `f` runs; failures go to the thread's error.
///
/// # Safety
/// `calendar` is NULL or a live handle; `out` is NULL or valid for writes of a `T`.
unsafe fn calendar_call<T: OutValue>(
    calendar: *const QuytrinhCalendar,
    out: *mut T,
    out_name: &str,
    f: impl FnOnce(&BusinessCalendar) -> Result<T, Failure>,
) -> QuytrinhStatus {
    guard(|| {
        // SAFETY: the caller guarantees `out` is NULL or writable.
        let out = unsafe { out_param(out, out_name) }?;
        // SAFETY: the caller guarantees `calendar` is NULL or a live handle; it is only read.
        let calendar = unsafe { calendar.as_ref() }.ok_or_else(|| Failure::null("calendar"))?;
        *out = f(&calendar.inner)?;
        Ok(())
    })
}

/// Creates a business calendar from its configuration as JSON, or from the default (Vietnam:
/// Monday–Friday, whole working days, statutory holidays, days in lieu, the announced
/// schedules of civil servants) when `config_json` is NULL. Keys: `working_weekdays`
/// (`["Mon", ...]`), `counting`, `holiday_rules`, `in_lieu`, `announced_schedules`
/// (default true), `extra_days_off`, `extra_working_days` (dates `YYYY-MM-DD`).
///
/// Ownership: on `QUYTRINH_STATUS_OK`, `*out_calendar` is a new handle owned by the caller;
/// free it with `quytrinh_calendar_free`. NULL on failure. Thread-safe.
///
/// # Safety
/// `config_json` is NULL or NUL-terminated and valid for the call; `out_calendar` is NULL or
/// valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_calendar_new(
    config_json: *const c_char,
    out_calendar: *mut *mut QuytrinhCalendar,
) -> QuytrinhStatus {
    guard(|| {
        // SAFETY: the caller guarantees `out_calendar` is NULL or writable.
        let out = unsafe { out_param(out_calendar, "out_calendar") }?;
        // SAFETY: the caller guarantees the string is NULL or NUL-terminated and valid.
        let config = unsafe { optional_text_arg(config_json, "config_json") }?;
        let config: CalendarConfig = match config {
            None => CalendarConfig::default(),
            Some(text) => quytrinh::kernel::from_json("config", text)?,
        };
        let inner = BusinessCalendar::new(config)?;
        *out = Box::into_raw(Box::new(QuytrinhCalendar { inner }));
        Ok(())
    })
}

/// Frees a calendar. NULL is accepted and does nothing.
///
/// # Safety
/// `calendar` is NULL or a live handle from this library, not in use by any thread, and not
/// used again after this call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_calendar_free(calendar: *mut QuytrinhCalendar) {
    if calendar.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the caller guarantees `calendar` came from `quytrinh_calendar_new`
        // (`Box::into_raw`) and is freed once.
        drop(unsafe { Box::from_raw(calendar) });
    }));
}

/// The calendar's full configuration as JSON (defaults filled in).
///
/// Ownership: `*out_json` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. Thread-safe.
///
/// # Safety
/// `calendar` is NULL or a live handle; `out_json` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_calendar_config(
    calendar: *const QuytrinhCalendar,
    out_json: *mut *mut c_char,
) -> QuytrinhStatus {
    let f = |cal: &BusinessCalendar| Ok(owned_string(quytrinh::kernel::to_json(cal.config())?));
    // SAFETY: forwarded from the caller's contract.
    unsafe { calendar_call(calendar, out_json, "out_json", f) }
}

/// Adds `seconds` of business time to `start` (RFC 3339). Counting starts at the next
/// working instant at or after `start`; zero gives that instant. Writes the result as RFC
/// 3339 in UTC (`2026-11-27T02:00:00Z`). Errors: `NEGATIVE_DURATION`, `OUT_OF_RANGE`.
///
/// Ownership: `*out_instant` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. Thread-safe.
///
/// # Safety
/// `calendar` is NULL or a live handle; `start` is NULL or NUL-terminated and valid;
/// `out_instant` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_calendar_add(
    calendar: *const QuytrinhCalendar,
    start: *const c_char,
    seconds: i64,
    out_instant: *mut *mut c_char,
) -> QuytrinhStatus {
    let f = |cal: &BusinessCalendar| {
        // SAFETY: the caller guarantees the string is NULL or NUL-terminated and valid.
        let start = parse_instant(unsafe { text_arg(start, "start") }?, "start")?;
        let amount = TimeDelta::try_seconds(seconds).ok_or_else(|| {
            Failure::invalid_argument(format!("`seconds` out of range: {seconds}"))
        })?;
        Ok(owned_string(rfc3339(cal.add(start, amount)?)))
    };
    // SAFETY: forwarded from the caller's contract.
    unsafe { calendar_call(calendar, out_instant, "out_instant", f) }
}

/// The business time from `from` to `to` (both RFC 3339), in whole seconds (truncated
/// toward zero); negative when `to` is before `from`.
///
/// Ownership: writes `*out_seconds` (0 on failure). Thread-safe.
///
/// # Safety
/// `calendar` is NULL or a live handle; the strings are NULL or NUL-terminated and valid;
/// `out_seconds` is NULL or valid for writing an `int64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_calendar_between(
    calendar: *const QuytrinhCalendar,
    from: *const c_char,
    to: *const c_char,
    out_seconds: *mut i64,
) -> QuytrinhStatus {
    let f = |cal: &BusinessCalendar| {
        // SAFETY: the caller guarantees each string is NULL or NUL-terminated and valid.
        let (from, to) = unsafe { (text_arg(from, "from")?, text_arg(to, "to")?) };
        let (from, to) = (parse_instant(from, "from")?, parse_instant(to, "to")?);
        Ok(cal.between(from, to).num_seconds())
    };
    // SAFETY: forwarded from the caller's contract.
    unsafe { calendar_call(calendar, out_seconds, "out_seconds", f) }
}

/// Whether `at` (RFC 3339) is working time: inside a working window of a working day.
///
/// Ownership: writes `*out_working` (false on failure). Thread-safe.
///
/// # Safety
/// `calendar` is NULL or a live handle; `at` is NULL or NUL-terminated and valid;
/// `out_working` is NULL or valid for writing a `bool`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_calendar_is_working_time(
    calendar: *const QuytrinhCalendar,
    at: *const c_char,
    out_working: *mut bool,
) -> QuytrinhStatus {
    let f = |cal: &BusinessCalendar| {
        // SAFETY: the caller guarantees the string is NULL or NUL-terminated and valid.
        let at = parse_instant(unsafe { text_arg(at, "at") }?, "at")?;
        Ok(cal.is_working_time(at))
    };
    // SAFETY: forwarded from the caller's contract.
    unsafe { calendar_call(calendar, out_working, "out_working", f) }
}

/// Whether `date` (`YYYY-MM-DD`, a civil date in Vietnam) is a day off: a weekly day off, a
/// holiday, a day in lieu or a host day off, unless the host made it a working day.
///
/// Ownership: writes `*out_day_off` (false on failure). Thread-safe.
///
/// # Safety
/// `calendar` is NULL or a live handle; `date` is NULL or NUL-terminated and valid;
/// `out_day_off` is NULL or valid for writing a `bool`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_calendar_is_day_off(
    calendar: *const QuytrinhCalendar,
    date: *const c_char,
    out_day_off: *mut bool,
) -> QuytrinhStatus {
    let f = |cal: &BusinessCalendar| {
        // SAFETY: the caller guarantees the string is NULL or NUL-terminated and valid.
        let date = parse_date(unsafe { text_arg(date, "date") }?, "date")?;
        Ok(cal.is_day_off(date))
    };
    // SAFETY: forwarded from the caller's contract.
    unsafe { calendar_call(calendar, out_day_off, "out_day_off", f) }
}

/// The first working instant at or after `at` (RFC 3339), as RFC 3339 in UTC.
///
/// Ownership: `*out_instant` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. Thread-safe.
///
/// # Safety
/// `calendar` is NULL or a live handle; `at` is NULL or NUL-terminated and valid;
/// `out_instant` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_calendar_next_working_instant(
    calendar: *const QuytrinhCalendar,
    at: *const c_char,
    out_instant: *mut *mut c_char,
) -> QuytrinhStatus {
    let f = |cal: &BusinessCalendar| {
        // SAFETY: the caller guarantees the string is NULL or NUL-terminated and valid.
        let at = parse_instant(unsafe { text_arg(at, "at") }?, "at")?;
        Ok(owned_string(rfc3339(cal.next_working_instant(at)?)))
    };
    // SAFETY: forwarded from the caller's contract.
    unsafe { calendar_call(calendar, out_instant, "out_instant", f) }
}

/// The listed days of `year`, in date order: the days off other than the weekly ones, and
/// the weekly days off worked (swapped Saturdays, `"day_off": false`), as a JSON array of
/// `{"date", "rule_id", "name_vi", "name_en", "lunar", "reason", "source", "day_off",
/// "day_off_in_lieu"}`; `reason.kind` is `statutory`, `in_lieu`, `swapped`, `host_day_off`
/// or `working_day`; `source` is `rule`, `announcement` or `override`.
/// Errors: `OUT_OF_RANGE` outside 1900–2199.
///
/// Ownership: `*out_json` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. Thread-safe.
///
/// # Safety
/// `calendar` is NULL or a live handle; `out_json` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_calendar_holidays(
    calendar: *const QuytrinhCalendar,
    year: i32,
    out_json: *mut *mut c_char,
) -> QuytrinhStatus {
    let f = |cal: &BusinessCalendar| {
        Ok(owned_string(quytrinh::kernel::to_json(
            &cal.holidays(year)?,
        )?))
    };
    // SAFETY: forwarded from the caller's contract.
    unsafe { calendar_call(calendar, out_json, "out_json", f) }
}
