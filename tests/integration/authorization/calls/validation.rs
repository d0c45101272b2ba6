//! The validation of partners' data: validating and returning what waits,
//! and turning validation on or off; the country's other setting, its
//! language.

use app::server_fns::{
    ReturnActivity, SetCountryLanguage, SetValidationRequired, ValidateActivities,
};
use tests::Answer;

use super::request::Request;
use crate::authorization::world::norad_waiting;

pub(super) async fn call(name: &str, r: &Request<'_>) -> Option<Answer> {
    let (t, csrf, world, n) = (r.t, &r.csrf, r.world, r.n);
    let answer = match name {
        "validate_activities" => {
            let waiting = norad_waiting(t, world, n).await;
            r.send::<ValidateActivities>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("activity_ids[0]", waiting.to_string()),
            ])
            .await
        }
        "return_activity" => {
            let waiting = norad_waiting(t, world, n).await;
            r.send::<ReturnActivity>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("activity_id", waiting.to_string()),
                ("reason", format!("Call {n}: the amounts do not match")),
            ])
            .await
        }
        "set_validation_required" => {
            r.send::<SetValidationRequired>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("required", "on".into()),
            ])
            .await
        }
        "set_country_language" => {
            let shown = app::services::accounts::countries::get(&t.db, "XD")
                .await
                .unwrap_or_else(|e| panic!("{e}"))
                .language;
            r.send::<SetCountryLanguage>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("language", "fr".into()),
                ("shown", shown),
            ])
            .await
        }
        _ => return None,
    };
    Some(answer)
}
