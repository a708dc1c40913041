//! The C ABI driven like a careless host would: arbitrary bytes as strings (non-UTF-8,
//! cut at the first NUL), NULL pointers, and arbitrary call orders over a pool of live
//! handles (create, restore, replay, handle, tick, snapshot, event log, state, free). Every
//! handle and string is freed exactly once; nothing may crash.
#![no_main]
#![allow(unsafe_code)]
use std::ffi::{CStr, CString, c_char};
use std::ptr;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use quytrinh_ffi::c_api::{QuytrinhInstance, QuytrinhStatus, calendar, general, instance};
use quytrinh_fuzz::seeds;

/// A string argument.
#[derive(Arbitrary, Debug)]
enum Text {
    Null,
    Bytes(Vec<u8>),
    /// A command of the vectors.
    Command(u16),
    /// A snapshot of the vectors.
    Snapshot(u16),
    /// An event log of the vectors.
    Log(u16),
    Instant(u16),
}

impl Text {
    fn c(&self) -> Option<CString> {
        let s = seeds();
        let text = |t: String| Some(CString::new(t).unwrap());
        match self {
            Text::Null => None,
            Text::Bytes(b) => {
                let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
                Some(CString::new(&b[..end]).unwrap())
            }
            Text::Command(i) => text(s.commands[usize::from(*i) % s.commands.len()].1.to_string()),
            Text::Snapshot(i) => {
                let p = &s.played[usize::from(*i) % s.played.len()];
                text(p.snapshots[usize::from(*i) % p.snapshots.len()].clone())
            }
            Text::Log(i) => text(s.played[usize::from(*i) % s.played.len()].log.clone()),
            Text::Instant(i) => text(s.instants[usize::from(*i) % s.instants.len()].clone()),
        }
    }
}

fn ptr_of(c: &Option<CString>) -> *const c_char {
    c.as_ref().map_or(ptr::null(), |c| c.as_ptr())
}

#[derive(Arbitrary, Debug)]
enum Op {
    Create {
        workflow: Text,
        id: Text,
        config: Text,
        settings: Text,
        init: Text,
    },
    CreateFromVector(u16),
    Restore(Text),
    Replay(Text),
    Handle(u8, Text),
    Tick(u8, Text),
    Snapshot(u8),
    EventLog(u8),
    State(u8),
    Free(u8),
    LastError(u8),
    Workflows,
    Calendar {
        config: Text,
        at: Text,
        seconds: i64,
        year: i32,
    },
}

/// Takes and frees a returned string once.
unsafe fn take(out: *mut c_char) {
    if !out.is_null() {
        let _ = unsafe { CStr::from_ptr(out) }.to_bytes().len();
        unsafe { general::quytrinh_string_free(out) };
    }
}

fn handle_at(handles: &[*mut QuytrinhInstance], i: u8) -> *mut QuytrinhInstance {
    // One slot past the pool is NULL: every function must refuse it.
    if handles.is_empty() || usize::from(i) % (handles.len() + 1) == handles.len() {
        ptr::null_mut()
    } else {
        handles[usize::from(i) % (handles.len() + 1)]
    }
}

fn run(ops: Vec<Op>) {
    let s = seeds();
    let mut handles: Vec<*mut QuytrinhInstance> = Vec::new();
    for op in ops.iter().take(64) {
        unsafe {
            let mut out: *mut c_char = ptr::null_mut();
            let mut created: *mut QuytrinhInstance = ptr::null_mut();
            match op {
                Op::Create {
                    workflow,
                    id,
                    config,
                    settings,
                    init,
                } => {
                    let (w, i, c, st, n) =
                        (workflow.c(), id.c(), config.c(), settings.c(), init.c());
                    instance::quytrinh_instance_create(
                        ptr_of(&w),
                        ptr_of(&i),
                        ptr_of(&c),
                        ptr_of(&st),
                        ptr_of(&n),
                        &raw mut created,
                    );
                }
                Op::CreateFromVector(v) => {
                    let v = &s.played[usize::from(*v) % s.played.len()].vector;
                    let w = CString::new(v["workflow"].as_str().unwrap_or("")).unwrap();
                    let id = CString::new(
                        v.get("instance_id")
                            .and_then(|i| i.as_str())
                            .unwrap_or("vector"),
                    )
                    .unwrap();
                    let c = v
                        .get("config")
                        .map(|c| CString::new(c.to_string()).unwrap());
                    let st = v
                        .get("settings")
                        .map(|c| CString::new(c.to_string()).unwrap());
                    let n = CString::new(v["init"].to_string()).unwrap();
                    instance::quytrinh_instance_create(
                        w.as_ptr(),
                        id.as_ptr(),
                        ptr_of(&c),
                        ptr_of(&st),
                        n.as_ptr(),
                        &raw mut created,
                    );
                }
                Op::Restore(t) => {
                    let t = t.c();
                    instance::quytrinh_instance_restore(ptr_of(&t), &raw mut created);
                }
                Op::Replay(t) => {
                    let t = t.c();
                    instance::quytrinh_instance_replay(ptr_of(&t), &raw mut created);
                }
                Op::Handle(h, t) => {
                    let t = t.c();
                    instance::quytrinh_instance_handle(
                        handle_at(&handles, *h),
                        ptr_of(&t),
                        &raw mut out,
                    );
                }
                Op::Tick(h, t) => {
                    let t = t.c();
                    instance::quytrinh_instance_tick(
                        handle_at(&handles, *h),
                        ptr_of(&t),
                        &raw mut out,
                    );
                }
                Op::Snapshot(h) => {
                    if instance::quytrinh_instance_snapshot(handle_at(&handles, *h), &raw mut out)
                        == QuytrinhStatus::Ok
                    {
                        // A snapshot given out restores.
                        let mut again: *mut QuytrinhInstance = ptr::null_mut();
                        assert_eq!(
                            instance::quytrinh_instance_restore(out, &raw mut again),
                            QuytrinhStatus::Ok
                        );
                        instance::quytrinh_instance_free(again);
                    }
                }
                Op::EventLog(h) => {
                    instance::quytrinh_instance_event_log(handle_at(&handles, *h), &raw mut out);
                }
                Op::State(h) => {
                    instance::quytrinh_instance_state(handle_at(&handles, *h), &raw mut out);
                }
                Op::Free(h) => {
                    if !handles.is_empty() {
                        let i = usize::from(*h) % handles.len();
                        instance::quytrinh_instance_free(handles.swap_remove(i));
                    }
                }
                Op::LastError(h) => {
                    let _ = CStr::from_ptr(instance::quytrinh_instance_last_error(handle_at(
                        &handles, *h,
                    )));
                    let _ = CStr::from_ptr(instance::quytrinh_instance_last_error_json(handle_at(
                        &handles, *h,
                    )));
                    let _ = CStr::from_ptr(general::quytrinh_last_error_message());
                    let _ = CStr::from_ptr(general::quytrinh_last_error_json());
                }
                Op::Workflows => {
                    general::quytrinh_workflows(&raw mut out);
                }
                Op::Calendar {
                    config,
                    at,
                    seconds,
                    year,
                } => {
                    let (c, a) = (config.c(), at.c());
                    let mut cal = ptr::null_mut();
                    if calendar::quytrinh_calendar_new(ptr_of(&c), &raw mut cal)
                        == QuytrinhStatus::Ok
                    {
                        let mut o = ptr::null_mut();
                        calendar::quytrinh_calendar_add(cal, ptr_of(&a), *seconds, &raw mut o);
                        take(o);
                        let mut o = ptr::null_mut();
                        calendar::quytrinh_calendar_next_working_instant(
                            cal,
                            ptr_of(&a),
                            &raw mut o,
                        );
                        take(o);
                        let mut o = ptr::null_mut();
                        calendar::quytrinh_calendar_holidays(cal, *year, &raw mut o);
                        take(o);
                        calendar::quytrinh_calendar_free(cal);
                    }
                }
            }
            take(out);
            if !created.is_null() {
                handles.push(created);
            }
        }
    }
    for h in handles {
        unsafe { instance::quytrinh_instance_free(h) };
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(ops) = Vec::<Op>::arbitrary_take_rest(Unstructured::new(data)) {
        run(ops);
    }
});
