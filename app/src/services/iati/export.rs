//! A country's published activities as IATI 2.03 activity XML, written a
//! page of activities at a time so that neither the server's memory nor any
//! query grows with the country.

use std::collections::HashMap;
use std::fmt::Write;

use chrono::{NaiveDate, SecondsFormat};
use sea_orm::ConnectionTrait;

use crate::AppError;
use crate::services::{accounts::countries, accounts::organisations, funding::activities};
use crate::types::{Activity, MoneyType, Organisation, OrganisationKind};

/// An organisation's IATI identifier, or one made from the country and its
/// id when it has none.
fn org_ref(org: Option<&Organisation>, country: &str, id: i32) -> String {
    org.and_then(|o| o.iati_id.clone())
        .unwrap_or_else(|| format!("{country}-CT-{id}"))
}

/// The IATI OrganisationType of an organisation that records none, from
/// its kind.
fn type_of(kind: OrganisationKind) -> &'static str {
    match kind {
        OrganisationKind::GovernmentMinistry
        | OrganisationKind::Bilateral
        | OrganisationKind::G7PlusPeer => "10",
        OrganisationKind::Multilateral
        | OrganisationKind::UnAgency
        | OrganisationKind::DevelopmentBank
        | OrganisationKind::PooledFund => "40",
        OrganisationKind::InternationalNgo => "21",
        OrganisationKind::CivilSociety => "22",
        OrganisationKind::Private => "70",
    }
}

struct Writer {
    out: String,
    country: String,
    organisations: HashMap<i32, Organisation>,
    identifiers: HashMap<i32, String>,
}

impl Writer {
    fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// `<tag attrs><narrative>text</narrative></tag>`.
    fn narrated(&mut self, depth: usize, tag: &str, attrs: &str, text: &str) {
        let line = format!(
            "<{tag}{attrs}><narrative>{}</narrative></{tag}>",
            escape(text)
        );
        self.line(depth, &line);
    }

    fn org(&mut self, depth: usize, tag: &str, id: i32, extra: &str) {
        let org = self.organisations.get(&id).cloned();
        let reference = org_ref(org.as_ref(), &self.country, id);
        let kind = org
            .as_ref()
            .map(|o| {
                let code = o.iati_type_code.as_deref().unwrap_or(type_of(o.kind));
                format!(" type=\"{}\"", escape(code))
            })
            .unwrap_or_default();
        let name = org.map(|o| o.name).unwrap_or_else(|| reference.clone());
        let attrs = format!(" ref=\"{}\"{kind}{extra}", escape(&reference));
        self.narrated(depth, tag, &attrs, &name);
    }

    fn value(
        &mut self,
        depth: usize,
        amount: rust_decimal::Decimal,
        currency: &str,
        date: NaiveDate,
    ) {
        let line = format!(
            "<value currency=\"{}\" value-date=\"{date}\">{:.2}</value>",
            escape(currency),
            amount.round_dp(2)
        );
        self.line(depth, &line);
    }

    fn activity(&mut self, a: &Activity, identifier: &str) {
        let reporting = a.reporting_org.id;
        let humanitarian = if a.money_type == MoneyType::Humanitarian {
            " humanitarian=\"1\""
        } else {
            ""
        };
        let head = format!(
            "<iati-activity default-currency=\"{}\"{humanitarian}>",
            escape(a.default_currency.as_str())
        );
        self.line(1, &head);
        self.line(
            2,
            &format!("<iati-identifier>{}</iati-identifier>", escape(identifier)),
        );
        self.org(2, "reporting-org", reporting, "");
        self.narrated(2, "title", "", &a.title);
        let description = if a.description.is_empty() {
            &a.title
        } else {
            &a.description
        };
        self.narrated(2, "description", " type=\"1\"", description);
        if a.participants.is_empty() {
            self.org(2, "participating-org", reporting, " role=\"1\"");
        }
        for (org, role) in &a.participants {
            self.org(
                2,
                "participating-org",
                org.id,
                &format!(" role=\"{}\"", role.code()),
            );
        }
        self.line(
            2,
            &format!("<activity-status code=\"{}\"/>", a.status.code()),
        );
        let mut dates: Vec<(&str, NaiveDate)> = [
            ("1", a.planned_start),
            ("2", a.actual_start),
            ("3", a.planned_end),
            ("4", a.actual_end),
        ]
        .into_iter()
        .filter_map(|(kind, d)| Some((kind, d?)))
        .collect();
        if dates.is_empty() {
            let first = a
                .transactions
                .iter()
                .map(|t| t.transaction_date)
                .chain(a.planned_disbursements.iter().map(|p| p.period_start))
                .min()
                .unwrap_or_else(|| crate::services::now().date_naive());
            dates.push(("1", first));
        }
        for (kind, d) in dates {
            self.line(
                2,
                &format!("<activity-date type=\"{kind}\" iso-date=\"{d}\"/>"),
            );
        }
        self.line(
            2,
            &format!(
                "<recipient-country code=\"{}\" percentage=\"100\"/>",
                escape(&self.country)
            ),
        );
        for s in &a.sectors {
            let line = format!(
                "<sector vocabulary=\"1\" code=\"{}\" percentage=\"{}\"/>",
                escape(&s.code),
                s.percent.normalize()
            );
            self.line(2, &line);
        }
        if !a.budget_lines.is_empty() {
            self.line(2, "<country-budget-items vocabulary=\"2\">");
            for (code, name, percent) in &a.budget_lines {
                let head = format!(
                    "<budget-item code=\"{}\" percentage=\"{}\">",
                    escape(code),
                    percent.normalize()
                );
                self.line(3, &head);
                self.narrated(4, "description", "", name);
                self.line(3, "</budget-item>");
            }
            self.line(2, "</country-budget-items>");
        }
        if let Some(code) = &a.finance_type {
            self.line(
                2,
                &format!("<default-finance-type code=\"{}\"/>", escape(code)),
            );
        }
        if let Some(code) = &a.aid_type {
            self.line(
                2,
                &format!(
                    "<default-aid-type code=\"{}\" vocabulary=\"1\"/>",
                    escape(code)
                ),
            );
        }
        for p in &a.planned_disbursements {
            self.line(2, "<planned-disbursement type=\"1\">");
            self.line(
                3,
                &format!("<period-start iso-date=\"{}\"/>", p.period_start),
            );
            self.line(3, &format!("<period-end iso-date=\"{}\"/>", p.period_end));
            self.value(3, p.amount, &p.currency, p.period_start);
            self.line(2, "</planned-disbursement>");
        }
        for t in &a.transactions {
            self.line(2, "<transaction>");
            self.line(
                3,
                &format!("<transaction-type code=\"{}\"/>", t.kind.code()),
            );
            self.line(
                3,
                &format!("<transaction-date iso-date=\"{}\"/>", t.transaction_date),
            );
            self.value(3, t.amount, &t.currency, t.value_date);
            if !t.description.is_empty() {
                self.narrated(3, "description", "", &t.description);
            }
            if let Some(p) = &t.provider {
                let extra = t
                    .provider_activity_id
                    .and_then(|id| self.identifiers.get(&id))
                    .map(|id| format!(" provider-activity-id=\"{}\"", escape(id)))
                    .unwrap_or_default();
                self.org(3, "provider-org", p.id, &extra);
            }
            if let Some(r) = &t.receiver {
                self.org(3, "receiver-org", r.id, "");
            }
            self.line(
                3,
                &format!("<disbursement-channel code=\"{}\"/>", a.channel.code()),
            );
            self.line(2, "</transaction>");
        }
        self.line(1, "</iati-activity>");
    }
}

/// The country's published activities with their transactions and planned
/// disbursements, as an IATI 2.03 `<iati-activities>` document, whole.
pub async fn export(db: &impl ConnectionTrait, country_id: i32) -> Result<String, AppError> {
    let mut export = Export::start(db, country_id).await?;
    let mut document = String::new();
    while let Some(part) = export.next(db).await? {
        document.push_str(&part);
    }
    Ok(document)
}

/// How many activities each part of the document holds.
const ACTIVITIES_PER_PART: u64 = 500;

/// The document in parts: the opening, then a part per page of
/// activities, then the closing.
pub struct Export {
    writer: Writer,
    facts: activities::CountryFacts,
    /// The last activity written; `None` once the closing is written.
    after: Option<i32>,
}

impl Export {
    /// Reads what every part needs: the country, its organisations and the
    /// identifier of every published activity (flows name the activity
    /// they came from).
    #[tracing::instrument(skip(db))]
    pub async fn start(db: &impl ConnectionTrait, country_id: i32) -> Result<Self, AppError> {
        let country = countries::get_by_id(db, country_id).await?;
        let organisations: HashMap<i32, Organisation> = organisations::list(db, country_id)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let identifiers = activities::published_identifiers(db, country_id)
            .await?
            .into_iter()
            .map(|(id, iati_identifier, reporter)| {
                let reporting_ref = org_ref(organisations.get(&reporter), &country.code, reporter);
                let made = iati_identifier.unwrap_or_else(|| format!("{reporting_ref}-{id}"));
                (id, made)
            })
            .collect();
        let mut writer = Writer {
            out: String::new(),
            country: country.code,
            organisations,
            identifiers,
        };
        writer
            .out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            writer.out,
            "<iati-activities version=\"2.03\" generated-datetime=\"{}\">",
            crate::services::now().to_rfc3339_opts(SecondsFormat::Secs, true)
        );
        Ok(Self {
            writer,
            facts: activities::CountryFacts::load(db, country_id).await?,
            after: Some(0),
        })
    }

    /// The next part of the document; `None` once it is all written.
    pub async fn next(&mut self, db: &impl ConnectionTrait) -> Result<Option<String>, AppError> {
        let Some(after) = self.after else {
            return Ok(None);
        };
        match activities::published_after(db, &self.facts, after, ACTIVITIES_PER_PART).await? {
            Some((page, last)) => {
                for a in &page {
                    let id = self
                        .writer
                        .identifiers
                        .get(&a.id)
                        .cloned()
                        .unwrap_or_default();
                    self.writer.activity(a, &id);
                }
                self.after = Some(last);
            }
            None => {
                self.writer.out.push_str("</iati-activities>\n");
                self.after = None;
            }
        }
        Ok(Some(std::mem::take(&mut self.writer.out)))
    }
}

/// Text as XML 1.0 may hold it: characters XML forbids (control characters
/// other than tab and line breaks, U+FFFE and U+FFFF) are dropped, so that
/// one stray character typed into a title cannot make the whole country's
/// file invalid; markup characters are escaped.
fn escape(text: &str) -> String {
    let allowed = |c: &char| {
        matches!(c, '\t' | '\n' | '\r')
            || (!c.is_control() && !matches!(c, '\u{fffe}' | '\u{ffff}'))
    };
    let clean: String = text.chars().filter(allowed).collect();
    quick_xml::escape::escape(clean.as_str()).into_owned()
}
