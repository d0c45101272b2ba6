//! Indicators: definitions, targets, measurements by government and
//! partners, and comments on a year's reading.

use app::server_fns::{CommentOnIndicator, DefineIndicator, RecordMeasurement, SetIndicatorTarget};
use tests::Answer;

use super::request::Request;

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
                ("target_fiscal_year", "2027".into()),
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
                ("measurement_fiscal_year", "2026".into()),
                ("value", "0.08".into()),
                ("source", "Test".into()),
                ("note", "".into()),
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
