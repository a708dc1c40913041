//! `quytrinh qr …`: a VietQR bank-transfer payload, built and drawn in the terminal, or read
//! back.
//!
//! ```text
//! quytrinh qr --bin 970436 --account 0011001234567 --amount 150000 --reference "GH123 GIA HAN"
//! quytrinh qr --bin 970436 --account 9704366800000000 --card      # to a card, static
//! quytrinh qr --parse 00020101021238570010A000000727…6304ABCD     # the fields of a payload
//! ```
//!
//! The payload is printed on the first line, then the QR code in Unicode half blocks (two
//! modules per character), drawn for a dark terminal background unless `--light`.

use std::fmt::Write as _;

use clap::Args;
use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;
use quytrinh::kernel::{Lang, Rejection, Vnd};
use quytrinh::vietqr::{Service, VietQr};

/// Arguments of `quytrinh qr`.
#[derive(Args, Debug)]
pub struct QrArgs {
    /// The beneficiary bank's NAPAS BIN, 6 digits (e.g. 970436, Vietcombank).
    #[arg(long, value_name = "BIN", required_unless_present = "parse")]
    bin: Option<String>,
    /// The account number, or the card number with --card: digits only, at most 19.
    #[arg(long, value_name = "NUMBER", required_unless_present = "parse")]
    account: Option<String>,
    /// The amount in whole đồng; without it the QR is static and the payer types the amount.
    #[arg(long, value_name = "DONG", allow_negative_numbers = true)]
    amount: Option<i64>,
    /// The transfer reference (nội dung chuyển khoản): 1–25 ASCII characters, no diacritics.
    #[arg(long, value_name = "TEXT")]
    reference: Option<String>,
    /// To a card (service QRIBFTTC) rather than to an account (QRIBFTTA).
    #[arg(long)]
    card: bool,
    /// Read this payload and print its fields instead of building one.
    #[arg(
        long,
        value_name = "PAYLOAD",
        conflicts_with_all = ["bin", "account", "amount", "reference", "card"]
    )]
    parse: Option<String>,
    /// Draw the QR code for a terminal with a light background.
    #[arg(long)]
    light: bool,
    /// The language of the labels and error messages.
    #[arg(long, default_value = "vi")]
    lang: Lang,
}

/// Runs `quytrinh qr`: `Ok(stdout text)` or `Err(message)` (exit code 2), the message naming
/// the rule at fault.
pub fn run(args: &QrArgs) -> Result<String, String> {
    let refused = |err| {
        let rejection = Rejection::from(err);
        format!(
            "{} ({}): {}",
            rejection.code,
            rejection.rule,
            rejection.message(args.lang)
        )
    };
    if let Some(payload) = &args.parse {
        let qr = VietQr::parse(payload.trim()).map_err(refused)?;
        return Ok(fields(&qr, args.lang));
    }
    let (Some(bin), Some(account)) = (&args.bin, &args.account) else {
        return Err("--bin and --account are required (or --parse PAYLOAD)".to_owned());
    };
    let mut qr = if args.card {
        VietQr::to_card(bin, account)
    } else {
        VietQr::to_account(bin, account)
    };
    qr.amount = args.amount.map(Vnd::new);
    qr.reference.clone_from(&args.reference);
    let payload = qr.payload().map_err(refused)?;
    let code = QrCode::new(payload.as_bytes()).map_err(|err| format!("QR code: {err}"))?;
    let (dark, light) = if args.light {
        (Dense1x2::Dark, Dense1x2::Light)
    } else {
        // Block characters are drawn in the terminal's (light) foreground colour.
        (Dense1x2::Light, Dense1x2::Dark)
    };
    let drawing = code
        .render::<Dense1x2>()
        .dark_color(dark)
        .light_color(light)
        .build();
    Ok(format!(
        "{payload}\n\n{drawing}\n\n{}",
        fields(&qr, args.lang)
    ))
}

/// The transfer's fields, one per line.
fn fields(qr: &VietQr, lang: Lang) -> String {
    let vi = matches!(lang, Lang::Vi);
    let label = |vi_text: &'static str, en_text: &'static str| if vi { vi_text } else { en_text };
    let mut out = String::new();
    let mut line = |name: &str, value: &str| {
        let _ = writeln!(out, "{name:<12} {value}");
    };
    line(label("Mã BIN", "Bank BIN"), &qr.bank_bin);
    let (account_label, service) = match qr.service {
        Service::ToAccount => (label("Số tài khoản", "Account"), "QRIBFTTA"),
        Service::ToCard => (label("Số thẻ", "Card"), "QRIBFTTC"),
    };
    line(account_label, &format!("{} ({service})", qr.account));
    let amount = match qr.amount {
        Some(amount) => amount.to_string(),
        None => label(
            "— (mã tĩnh: người chuyển tự nhập số tiền)",
            "— (static QR: the payer types the amount)",
        )
        .to_owned(),
    };
    line(label("Số tiền", "Amount"), &amount);
    line(
        label("Nội dung", "Reference"),
        qr.reference.as_deref().unwrap_or("—"),
    );
    out
}
