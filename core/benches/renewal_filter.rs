//! The CSM's filter of `renewal_billing` over 100,000 summary rows (SPEC §5): the time of one
//! report run through `kernel::report` (role check, the csm's scope, every criterion, the sort
//! by days to the term's end, a page of 50). The rows are generated deterministically: 8
//! products, 6 markets, 40 csms, term ends spread over a year, every request status.
//!
//! Run: `cargo bench -p quytrinh --bench renewal_filter`.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use quytrinh::kernel::{Actor, Vnd, report};
use quytrinh::workflows::renewal_billing::{
    CsmScope, Filter, RenewalBilling, RenewalBillingConfig, RenewalBillingReport, RenewalRow,
    RowStatus, SubscriptionStatus,
};
use std::hint::black_box;

const ROWS: usize = 100_000;

const PRODUCTS: [&str; 8] = [
    "amis_ke_toan",
    "amis_nhan_su",
    "meinvoice",
    "mtax",
    "misa_sme",
    "amis_crm",
    "misa_eshop",
    "amis_ban_hang",
];
const MARKETS: [&str; 6] = [
    "mien_bac",
    "mien_trung",
    "mien_nam",
    "ha_noi",
    "tp_hcm",
    "da_nang",
];
const STATUSES: [RowStatus; 8] = [
    RowStatus::None,
    RowStatus::Issued,
    RowStatus::Opened,
    RowStatus::CustomerReportedPaid,
    RowStatus::Paid,
    RowStatus::Cancelled,
    RowStatus::RefusedRenewal,
    RowStatus::Expired,
];

/// A small linear congruential generator: the same rows on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from((self.0 >> 33) % n as u64).unwrap_or(0)
    }
}

fn rows() -> Vec<RenewalRow> {
    let mut rng = Lcg(42);
    let first = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    (0..ROWS)
        .map(|i| {
            let status = STATUSES[rng.next(STATUSES.len())];
            let end = first + TimeDelta::days(i64::try_from(rng.next(365)).unwrap_or(0));
            RenewalRow {
                instance_id: format!("TB-{i:06}"),
                subscription_id: format!("TB-{i:06}"),
                customer_id: format!("KH-{i:06}"),
                customer_name: format!("Công ty khách hàng số {i}"),
                product: PRODUCTS[rng.next(PRODUCTS.len())].to_owned(),
                market: MARKETS[rng.next(MARKETS.len())].to_owned(),
                csm_id: format!("CSM-{:02}", rng.next(40)),
                subscription_status: SubscriptionStatus::Active,
                term_end: end,
                request_id: (status != RowStatus::None).then(|| "R1".to_owned()),
                request_status: status,
                opened: rng.next(2) == 0,
                amount: Some(Vnd::new(5_500_000)),
                remaining: Some(Vnd::new(5_500_000)),
                reconcile_overdue: false,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let rows = rows();
    let at: DateTime<Utc> = "2026-06-15T09:00:00+07:00".parse().unwrap();
    // CSM-07 is assigned ~1/40 of the rows and covers two products in the north by scope;
    // the lead covers everything.
    let config = RenewalBillingConfig {
        csm_scopes: vec![
            CsmScope::new(
                "CSM-07",
                &["amis_ke_toan", "meinvoice"],
                &["mien_bac", "ha_noi"],
            ),
            CsmScope::new("CSM-LEAD", &["*"], &["*"]),
        ],
        ..RenewalBillingConfig::default()
    };
    let csm = Actor::new("csm", "CSM-07");
    let lead = Actor::new("csm", "CSM-LEAD");
    let worried = RenewalBillingReport::Filter(Filter {
        statuses: vec![RowStatus::Issued, RowStatus::Opened],
        opened: Some(false),
        max_days_to_term_end: Some(30),
        limit: Some(50),
        ..Filter::default()
    });
    let everything = RenewalBillingReport::Filter(Filter {
        limit: Some(50),
        ..Filter::default()
    });
    let mut group = c.benchmark_group("renewal_filter_100k");
    group.sample_size(20);
    group.bench_function("csm_scope_unopened_30_days", |b| {
        b.iter(|| {
            report::<RenewalBilling>(&config, &csm, at, black_box(&worried), black_box(&rows))
        });
    });
    group.bench_function("csm_scope_no_criteria", |b| {
        b.iter(|| {
            report::<RenewalBilling>(&config, &csm, at, black_box(&everything), black_box(&rows))
        });
    });
    group.bench_function("lead_all_rows_sorted", |b| {
        b.iter(|| {
            report::<RenewalBilling>(&config, &lead, at, black_box(&everything), black_box(&rows))
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
