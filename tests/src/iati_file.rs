//! Generated IATI activity files of any size, for the import benchmark and
//! the crash tests: 50 partners' activities, each with a planned
//! disbursement and 20 transactions in one of three currencies.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

const PARTNERS: usize = 50;
pub const TRANSACTIONS_PER_ACTIVITY: usize = 20;
const CURRENCIES: [&str; 3] = ["USD", "EUR", "GBP"];

/// How large a file to write.
#[derive(Debug, Clone, Copy)]
pub enum Size {
    Activities(usize),
    Bytes(u64),
}

/// Writes a file of `size` to `path`; answers how many activities it holds.
pub fn write(path: &Path, size: Size) -> std::io::Result<usize> {
    let mut out = BufWriter::new(File::create(path)?);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<iati-activities version="2.03">"#)?;
    let mut activities = 0;
    loop {
        let more = match size {
            Size::Activities(n) => activities < n,
            Size::Bytes(n) => out.get_ref().metadata()?.len() < n,
        };
        if !more {
            break;
        }
        activity(&mut out, activities)?;
        activities += 1;
        if activities % 1_000 == 0 {
            out.flush()?;
        }
    }
    writeln!(out, "</iati-activities>")?;
    out.flush()?;
    Ok(activities)
}

fn activity(out: &mut impl Write, n: usize) -> std::io::Result<()> {
    let partner = n % PARTNERS;
    let currency = CURRENCIES[n % CURRENCIES.len()];
    writeln!(
        out,
        r#"  <iati-activity default-currency="{currency}" last-updated-datetime="2026-01-01T00:00:00Z">
    <iati-identifier>XM-P{partner:02}-{n:07}</iati-identifier>
    <reporting-org ref="XM-P{partner:02}" type="10"><narrative>Partner {partner:02}</narrative></reporting-org>
    <title><narrative>Programme {n} of partner {partner:02}</narrative></title>
    <description type="1"><narrative>Generated activity {n} for the import benchmark, with a description of ordinary length.</narrative></description>
    <participating-org ref="XM-P{partner:02}" role="1" type="10"><narrative>Partner {partner:02}</narrative></participating-org>
    <participating-org ref="XD-MIN-{m}" role="4" type="10"><narrative>Ministry {m}</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="1" iso-date="2024-01-01"/>
    <activity-date type="3" iso-date="2027-12-31"/>
    <recipient-country code="XD"/>
    <sector vocabulary="1" code="12220" percentage="70"/>
    <sector vocabulary="1" code="21020" percentage="30"/>
    <default-finance-type code="110"/>
    <default-aid-type code="C01" vocabulary="1"/>
    <planned-disbursement type="1">
      <period-start iso-date="2026-01-01"/>
      <period-end iso-date="2026-12-31"/>
      <value value-date="2026-01-01">250000</value>
    </planned-disbursement>"#,
        m = n % 7
    )?;
    for t in 0..TRANSACTIONS_PER_ACTIVITY {
        let kind = [2, 3, 3, 4][t % 4];
        let month = t % 12 + 1;
        let year = 2024 + t % 3;
        writeln!(
            out,
            r#"    <transaction>
      <transaction-type code="{kind}"/>
      <transaction-date iso-date="{year}-{month:02}-15"/>
      <value value-date="{year}-{month:02}-15">{amount}.{cents:02}</value>
      <description><narrative>Tranche {t} of activity {n}</narrative></description>
      <receiver-org ref="XD-MIN-{m}"><narrative>Ministry {m}</narrative></receiver-org>
      <disbursement-channel code="1"/>
    </transaction>"#,
            amount = 1_000 + (n * 37 + t * 101) % 90_000,
            cents = (n + t) % 100,
            m = n % 7
        )?;
    }
    writeln!(out, "  </iati-activity>")
}
