//! The VietQR parser on arbitrary text and on valid payloads mutated (a character changed,
//! a cut, an insertion, the CRC recomputed or not), and build→parse identity for arbitrary
//! valid inputs.
#![no_main]
use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use quytrinh::kernel::Vnd;
use quytrinh::vietqr::{VietQr, crc16_ccitt_false};

const BINS: &[&str] = &[
    "970436", "970415", "970418", "970422", "970407", "000000", "97043",
];

fn digits(u: &mut Unstructured<'_>, max: usize) -> Result<String> {
    let n = u.int_in_range(0..=max)?;
    (0..n)
        .map(|_| Ok(char::from(b'0' + u.int_in_range(0..=9u8)?)))
        .collect()
}

fn qr(u: &mut Unstructured<'_>) -> Result<VietQr> {
    let bin = if u.ratio(1, 4)? {
        digits(u, 8)?
    } else {
        (*u.choose(BINS)?).to_owned()
    };
    let account = digits(u, 21)?;
    let mut qr = if u.arbitrary()? {
        VietQr::to_account(&bin, &account)
    } else {
        VietQr::to_card(&bin, &account)
    };
    if u.arbitrary()? {
        let amount = match u.int_in_range(0..=3u8)? {
            0 => u.arbitrary::<i64>()?,
            1 => 9_999_999_999_999,
            2 => 10_000_000_000_000,
            _ => u.int_in_range(0..=10_000_000i64)?,
        };
        qr = qr.with_amount(Vnd::new(amount));
    }
    if u.arbitrary()? {
        let reference: String = if u.arbitrary()? {
            u.arbitrary()?
        } else {
            let n = u.int_in_range(0..=27usize)?;
            (0..n)
                .map(|_| Ok(char::from(u.int_in_range(0x1fu8..=0x7f)?)))
                .collect::<Result<_>>()?
        };
        qr = qr.with_reference(&reference);
    }
    Ok(qr)
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    match u.int_in_range(0..=2u8)? {
        0 => {
            let text: String = u.arbitrary()?;
            let _ = VietQr::parse(&text);
        }
        1 => {
            let qr = qr(u)?;
            if qr.validate().is_ok() {
                let payload = qr.payload().expect("a valid VietQR has a payload");
                assert_eq!(VietQr::parse(&payload).expect("its own payload parses"), qr);
            } else {
                let _ = qr.payload();
            }
        }
        _ => {
            let Ok(payload) = qr(u)?.payload() else {
                return Ok(());
            };
            let mut bytes = payload.into_bytes();
            for _ in 0..u.int_in_range(1..=4u8)? {
                if bytes.is_empty() {
                    break;
                }
                let i = u.choose_index(bytes.len())?;
                match u.int_in_range(0..=3u8)? {
                    0 => bytes[i] = u.arbitrary()?,
                    1 => bytes.truncate(i),
                    2 => bytes.insert(i, u.arbitrary()?),
                    _ => {
                        bytes.remove(i);
                    }
                }
            }
            let mut text = String::from_utf8_lossy(&bytes).into_owned();
            if u.arbitrary()? && text.len() >= 4 && text.is_char_boundary(text.len() - 4) {
                // Recompute the CRC so the mutation reaches the fields, not just the checksum.
                text.truncate(text.len() - 4);
                let crc = crc16_ccitt_false(text.as_bytes());
                text.push_str(&format!("{crc:04X}"));
            }
            let _ = VietQr::parse(&text);
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
