//! Indicators: definitions, targets, measurements by government and
//! partners, and comments on a year's reading.

use app::server_fns::{
    CommentOnIndicator, DefineIndicator, RecordMeasurement, RemoveIndicatorTarget,
    SetIndicatorTarget, UpdateIndicator,
};
use app::services::accounts::audit::Author;
use app::services::indicators::definitions;
use app::types::{Direction, NewIndicator, Unit};
use rust_decimal::Decimal;
use tests::{Answer, TestDb};

use super::request::Request;

/// A fresh entered indicator `matrix-<n>` with a target for 2027, so each
/// call corrects or removes something at version 1.
async fn fresh_indicator(t: &TestDb, country_id: i32, n: usize) -> (i32, String) {
    let code = format!("matrix-{n}");
    let new = NewIndicator {
        code: code.clone(),
        name: format!("Matrix indicator {n}"),
        definition: "Counted by hand.".into(),
        unit: Unit::Number,
        direction: Direction::HigherIsBetter,
        formula: None,
        pillar: None,
        owner_id: None,
        baseline: None,
    };
    let system = Author::system("matrix");
    let id = definitions::define(&t.db, &system, country_id, new)
        .await
        .unwrap();
    definitions::set_target(
        &t.db,
        &system,
        country_id,
        &code,
        (2027, None),
        Decimal::from(5),
    )
    .await
    .unwrap();
    (id, code)
}

pub(super) async fn call(name: &str, r: &Request<'_>) -> Option<Answer> {
    let (csrf, n) = (&r.csrf, r.n);
    let answer = match name {
        "define_indicator" => {
            r.send::<DefineIndicator>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("indicator[code]", format!("test-{n}")),
                ("indicator[name]", format!("Indicator {n}")),
                ("indicator[definition]", "Counted by hand.".into()),
                ("indicator[formula]", "".into()),
                ("indicator[unit]", "number".into()),
                ("indicator[direction]", "higher".into()),
                ("indicator[pillar]", "".into()),
                ("indicator[owner]", "".into()),
                ("indicator[baseline_value]", "".into()),
                ("indicator[baseline_date]", "".into()),
            ])
            .await
        }
        "set_indicator_target" => {
            r.send::<SetIndicatorTarget>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("indicator", "revenue-gdp".into()),
                // A year with no target yet, one per call.
                ("target_fiscal_year", (2040 + n % 60).to_string()),
                ("target_value", "0.095".into()),
            ])
            .await
        }
        "record_government_measurement" | "record_partner_measurement" => {
            r.send::<RecordMeasurement>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                (
                    "indicator",
                    if name == "record_government_measurement" {
                        "revenue-gdp".into()
                    } else {
                        "norad-evaluations".into()
                    },
                ),
                // A year with no measurement yet, one per call.
                ("measurement[fiscal_year]", (2040 + n % 60).to_string()),
                ("measurement[value]", "0.08".into()),
                ("measurement[source]", "Test".into()),
                ("measurement[note]", "".into()),
            ])
            .await
        }
        "update_indicator" => {
            let (id, _) = fresh_indicator(r.t, r.world.country_id, n).await;
            r.send::<UpdateIndicator>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("indicator_id", id.to_string()),
                ("version", "1".into()),
                ("indicator[name]", format!("Corrected indicator {n}")),
                ("indicator[definition]", "Counted twice.".into()),
                ("indicator[unit]", "number".into()),
                ("indicator[direction]", "lower".into()),
                ("indicator[pillar]", "".into()),
                ("indicator[owner]", "".into()),
                ("indicator[baseline_value]", "".into()),
                ("indicator[baseline_date]", "".into()),
            ])
            .await
        }
        "remove_indicator_target" => {
            let (_, code) = fresh_indicator(r.t, r.world.country_id, n).await;
            r.send::<RemoveIndicatorTarget>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("indicator", code),
                ("fiscal_year", "2027".into()),
                ("version", "1".into()),
            ])
            .await
        }
        "comment_on_indicator" => {
            r.send::<CommentOnIndicator>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("indicator", "revenue-gdp".into()),
                ("fiscal_year", "2025".into()),
                ("body", format!("Comment {n}")),
            ])
            .await
        }
        _ => return None,
    };
    Some(answer)
}
