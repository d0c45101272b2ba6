//! A streaming reader of IATI activity files (2.01 to 2.03): it yields one
//! `<iati-activity>` at a time, so memory stays flat however big the file.
//! Values are kept as written; the importer checks them.

use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// An organisation as a file names it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgRef {
    pub reference: Option<String>,
    pub kind: Option<String>,
    pub name: Option<String>,
}

/// A `<value>`: the text as written, with its attributes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Value {
    pub text: String,
    pub currency: Option<String>,
    pub value_date: Option<String>,
}

/// A code with its vocabulary and percentage, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coded {
    pub code: String,
    pub vocabulary: Option<String>,
    pub percentage: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Participant {
    pub org: OrgRef,
    pub role: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Transaction {
    pub type_code: Option<String>,
    pub date: Option<String>,
    pub value: Option<Value>,
    pub description: Option<String>,
    pub provider: Option<OrgRef>,
    pub provider_activity_id: Option<String>,
    pub receiver: Option<OrgRef>,
    pub recipient_country: Option<String>,
    pub disbursement_channel: Option<String>,
    pub flow_type: Option<String>,
    pub finance_type: Option<String>,
    pub aid_type: Option<String>,
}

/// A planned disbursement or a budget: an amount over a period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Period {
    pub start: Option<String>,
    pub end: Option<String>,
    pub value: Option<Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IatiActivity {
    /// The line its `<iati-activity>` starts on.
    pub line: u64,
    /// The `version` of the file's `<iati-activities>`.
    pub version: Option<String>,
    pub identifier: Option<String>,
    pub last_updated: Option<String>,
    pub default_currency: Option<String>,
    pub humanitarian: bool,
    pub reporting_org: Option<OrgRef>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub participants: Vec<Participant>,
    pub status: Option<String>,
    /// `(type, iso-date)` of each `<activity-date>`.
    pub dates: Vec<(String, Option<String>)>,
    pub recipient_countries: Vec<Coded>,
    pub sectors: Vec<Coded>,
    pub budget_vocabulary: Option<String>,
    pub budget_items: Vec<Coded>,
    pub aid_types: Vec<Coded>,
    pub finance_type: Option<String>,
    pub flow_type: Option<String>,
    pub transactions: Vec<Transaction>,
    pub planned: Vec<Period>,
    pub budgets: Vec<Period>,
}

/// A file that is not well-formed XML, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct XmlError {
    pub line: u64,
    pub column: u64,
    pub message: String,
}

/// Lines seen so far, to place an error.
#[derive(Default)]
struct Lines {
    newlines: u64,
    line_start: u64,
}

impl Lines {
    fn see(&mut self, bytes: &[u8], end: u64) {
        let mut last = None;
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' {
                self.newlines += 1;
                last = Some(i);
            }
        }
        if let Some(i) = last {
            let after = (bytes.len() - i - 1) as u64;
            self.line_start = end.saturating_sub(after);
        }
    }
}

pub struct ActivityReader<R: BufRead> {
    reader: Reader<R>,
    buf: Vec<u8>,
    path: Vec<String>,
    text: String,
    lines: Lines,
    version: Option<String>,
    activity: Option<IatiActivity>,
    transaction: Option<Transaction>,
    period: Option<Period>,
    description_type: Option<String>,
    finished: bool,
    /// The language of the errors it writes.
    locale: crate::language::Locale,
}

fn attr(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, quick_xml::Error> {
    for a in e.attributes() {
        let a = a.map_err(quick_xml::Error::from)?;
        if a.key.as_ref() == name.as_bytes() {
            return Ok(Some(a.unescape_value()?.trim().to_string()));
        }
    }
    Ok(None)
}

fn org(e: &BytesStart<'_>) -> Result<OrgRef, quick_xml::Error> {
    Ok(OrgRef {
        reference: attr(e, "ref")?.filter(|r| !r.is_empty()),
        kind: attr(e, "type")?,
        name: None,
    })
}

fn coded(e: &BytesStart<'_>) -> Result<Coded, quick_xml::Error> {
    Ok(Coded {
        code: attr(e, "code")?.unwrap_or_default(),
        vocabulary: attr(e, "vocabulary")?,
        percentage: attr(e, "percentage")?,
    })
}

fn set_once(slot: &mut Option<String>, text: &str) {
    if slot.is_none() && !text.is_empty() {
        *slot = Some(text.to_string());
    }
}

impl<R: BufRead> ActivityReader<R> {
    pub fn new(source: R) -> Self {
        let mut reader = Reader::from_reader(source);
        reader.config_mut().check_end_names = true;
        Self {
            reader,
            buf: Vec::new(),
            path: Vec::new(),
            text: String::new(),
            lines: Lines::default(),
            version: None,
            activity: None,
            transaction: None,
            period: None,
            description_type: None,
            finished: false,
            locale: crate::language::Locale::default(),
        }
    }

    /// The reader, writing its errors in `locale` (English by default).
    pub fn in_language(mut self, locale: crate::language::Locale) -> Self {
        self.locale = locale;
        self
    }

    fn error(&self, message: impl Into<String>, at: u64) -> XmlError {
        XmlError {
            line: self.lines.newlines + 1,
            column: at.saturating_sub(self.lines.line_start) + 1,
            message: message.into(),
        }
    }

    /// The next activity of the file, or `None` at its end.
    pub fn next_activity(&mut self) -> Result<Option<IatiActivity>, XmlError> {
        if self.finished {
            return Ok(None);
        }
        loop {
            self.buf.clear();
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(event) => event.into_owned(),
                Err(err) => {
                    self.finished = true;
                    return Err(self.error(err.to_string(), self.reader.error_position()));
                }
            };
            let end = self.reader.buffer_position();
            let delimiter = u64::from(!matches!(event, Event::Text(_)));
            self.lines.see(&event, end.saturating_sub(delimiter));
            let step = match event {
                Event::Start(e) => {
                    self.text.clear();
                    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    self.open(&e, &name)
                        .map_err(|err| self.error(err.to_string(), end))?;
                    self.path.push(name);
                    None
                }
                Event::Empty(e) => {
                    self.text.clear();
                    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    self.open(&e, &name)
                        .map_err(|err| self.error(err.to_string(), end))?;
                    self.path.push(name);
                    self.close()
                }
                Event::Text(t) => {
                    let text = t
                        .xml_content()
                        .map_err(|err| self.error(err.to_string(), end))?;
                    self.text.push_str(&text);
                    None
                }
                Event::CData(t) => {
                    self.text.push_str(&String::from_utf8_lossy(&t));
                    None
                }
                Event::GeneralRef(r) => {
                    let name = r.decode().map_err(|err| self.error(err.to_string(), end))?;
                    if let Some(c) = r.resolve_char_ref().ok().flatten() {
                        self.text.push(c);
                    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                        self.text.push_str(s);
                    } else {
                        let message =
                            crate::i18n::td_string!(self.locale, rules.xml_unknown_entity, name);
                        return Err(self.error(message.to_string(), end));
                    }
                    None
                }
                Event::End(_) => self.close(),
                Event::Eof => {
                    self.finished = true;
                    if let Some(open) = self.path.last() {
                        let message = crate::i18n::td_string!(
                            self.locale,
                            rules.xml_ends_before_closed,
                            element = open
                        );
                        return Err(self.error(message.to_string(), end));
                    }
                    if self.version.is_none() && self.activity.is_none() && self.lines.newlines == 0
                    {
                        return Err(
                            self.error(crate::i18n::td_string!(self.locale, rules.xml_no_xml), end)
                        );
                    }
                    return Ok(None);
                }
                _ => None,
            };
            if let Some(activity) = step {
                return Ok(Some(activity));
            }
        }
    }

    fn parent(&self) -> Option<&str> {
        self.path.last().map(String::as_str)
    }

    /// Reads the attributes of an element that starts.
    fn open(&mut self, e: &BytesStart<'_>, name: &str) -> Result<(), quick_xml::Error> {
        let parent = self.parent().unwrap_or("").to_string();
        if name == "iati-activities" {
            self.version = attr(e, "version")?;
            return Ok(());
        }
        if name == "iati-activity" {
            self.activity = Some(IatiActivity {
                line: self.lines.newlines + 1,
                version: self.version.clone(),
                last_updated: attr(e, "last-updated-datetime")?,
                default_currency: attr(e, "default-currency")?.filter(|c| !c.is_empty()),
                humanitarian: matches!(attr(e, "humanitarian")?.as_deref(), Some("1" | "true")),
                ..IatiActivity::default()
            });
            return Ok(());
        }
        if let Some(t) = self.transaction.as_mut()
            && parent == "transaction"
        {
            match name {
                "transaction-type" => t.type_code = attr(e, "code")?,
                "transaction-date" => t.date = attr(e, "iso-date")?,
                "value" => {
                    t.value = Some(Value {
                        currency: attr(e, "currency")?.filter(|c| !c.is_empty()),
                        value_date: attr(e, "value-date")?,
                        text: String::new(),
                    })
                }
                "provider-org" => {
                    t.provider_activity_id = attr(e, "provider-activity-id")?;
                    t.provider = Some(org(e)?);
                }
                "receiver-org" => t.receiver = Some(org(e)?),
                "recipient-country" => t.recipient_country = attr(e, "code")?,
                "disbursement-channel" => t.disbursement_channel = attr(e, "code")?,
                "flow-type" => t.flow_type = attr(e, "code")?,
                "finance-type" => t.finance_type = attr(e, "code")?,
                "aid-type" => {
                    let c = coded(e)?;
                    if matches!(c.vocabulary.as_deref(), None | Some("1")) {
                        t.aid_type = Some(c.code);
                    }
                }
                _ => {}
            }
            return Ok(());
        }
        if let Some(p) = self.period.as_mut()
            && matches!(parent.as_str(), "planned-disbursement" | "budget")
        {
            match name {
                "period-start" => p.start = attr(e, "iso-date")?,
                "period-end" => p.end = attr(e, "iso-date")?,
                "value" => {
                    p.value = Some(Value {
                        currency: attr(e, "currency")?.filter(|c| !c.is_empty()),
                        value_date: attr(e, "value-date")?,
                        text: String::new(),
                    })
                }
                _ => {}
            }
            return Ok(());
        }
        let Some(a) = self.activity.as_mut() else {
            return Ok(());
        };
        if parent == "country-budget-items" && name == "budget-item" {
            a.budget_items.push(coded(e)?);
            return Ok(());
        }
        if parent != "iati-activity" {
            return Ok(());
        }
        match name {
            "reporting-org" => a.reporting_org = Some(org(e)?),
            "participating-org" => a.participants.push(Participant {
                org: org(e)?,
                role: attr(e, "role")?,
            }),
            "activity-status" => a.status = attr(e, "code")?,
            "activity-date" => a
                .dates
                .push((attr(e, "type")?.unwrap_or_default(), attr(e, "iso-date")?)),
            "recipient-country" => a.recipient_countries.push(coded(e)?),
            "sector" => a.sectors.push(coded(e)?),
            "country-budget-items" => a.budget_vocabulary = attr(e, "vocabulary")?,
            "default-aid-type" => a.aid_types.push(coded(e)?),
            "default-finance-type" => a.finance_type = attr(e, "code")?,
            "default-flow-type" => a.flow_type = attr(e, "code")?,
            "description" => self.description_type = attr(e, "type")?,
            "transaction" => self.transaction = Some(Transaction::default()),
            "planned-disbursement" | "budget" => self.period = Some(Period::default()),
            _ => {}
        }
        Ok(())
    }

    /// Files the text of an element that ends; returns a finished activity.
    fn close(&mut self) -> Option<IatiActivity> {
        let name = self.path.pop().unwrap_or_default();
        let text = self.text.trim().to_string();
        self.text.clear();
        let parent = self.path.last().map(String::as_str).unwrap_or("");
        let grandparent = self
            .path
            .len()
            .checked_sub(2)
            .and_then(|i| self.path.get(i))
            .map(String::as_str)
            .unwrap_or("");
        let activity = self.activity.as_mut()?;
        match (name.as_str(), parent, grandparent) {
            ("iati-activity", _, _) => return self.activity.take(),
            ("iati-identifier", "iati-activity", _) => set_once(&mut activity.identifier, &text),
            ("transaction", "iati-activity", _) => {
                if let Some(t) = self.transaction.take() {
                    activity.transactions.push(t);
                }
            }
            ("planned-disbursement", "iati-activity", _) => {
                if let Some(p) = self.period.take() {
                    activity.planned.push(p);
                }
            }
            ("budget", "iati-activity", _) => {
                if let Some(p) = self.period.take() {
                    activity.budgets.push(p);
                }
            }
            ("value", "transaction", _) => {
                if let Some(v) = self.transaction.as_mut().and_then(|t| t.value.as_mut()) {
                    v.text = text;
                }
            }
            ("value", "planned-disbursement" | "budget", _) => {
                if let Some(v) = self.period.as_mut().and_then(|p| p.value.as_mut()) {
                    v.text = text;
                }
            }
            // Version 1 files put the text in the element itself.
            ("title", "iati-activity", _) => set_once(&mut activity.title, &text),
            ("description", "iati-activity", _)
                if matches!(self.description_type.as_deref(), None | Some("1")) =>
            {
                set_once(&mut activity.description, &text)
            }
            ("narrative", "title", "iati-activity") => set_once(&mut activity.title, &text),
            ("narrative", "description", "iati-activity")
                if matches!(self.description_type.as_deref(), None | Some("1")) =>
            {
                set_once(&mut activity.description, &text)
            }
            ("narrative", "reporting-org", "iati-activity") => {
                if let Some(o) = activity.reporting_org.as_mut() {
                    set_once(&mut o.name, &text);
                }
            }
            ("narrative", "participating-org", "iati-activity") => {
                if let Some(p) = activity.participants.last_mut() {
                    set_once(&mut p.org.name, &text);
                }
            }
            ("narrative", "provider-org", "transaction") => {
                if let Some(o) = self.transaction.as_mut().and_then(|t| t.provider.as_mut()) {
                    set_once(&mut o.name, &text);
                }
            }
            ("narrative", "receiver-org", "transaction") => {
                if let Some(o) = self.transaction.as_mut().and_then(|t| t.receiver.as_mut()) {
                    set_once(&mut o.name, &text);
                }
            }
            ("narrative", "description", "transaction") => {
                if let Some(t) = self.transaction.as_mut() {
                    set_once(&mut t.description, &text);
                }
            }
            _ => {}
        }
        None
    }
}

#[cfg(test)]
mod tests;
