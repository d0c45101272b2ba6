//! Organisations, users and passwords.

use app::server_fns::{
    ChangePassword, CreateOrganisation, CreateUser, ResetPassword, UpdateOrganisation, UpdateUser,
};
use tests::{Answer, demo as accounts};

use super::request::Request;
use crate::authorization::matrix::Asker;

pub(super) async fn call(name: &str, r: &Request<'_>) -> Option<Answer> {
    let (csrf, world, n) = (&r.csrf, r.world, r.n);
    let org = |id: &str, name: &str, kind: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("id", id.to_string()),
            ("name", name.to_string()),
            ("acronym", String::new()),
            ("kind", kind.to_string()),
            ("iati_id", String::new()),
            ("iati_type_code", String::new()),
        ]
    };
    let answer = match name {
        "create_organisation" => {
            let mut f = org("", &format!("New partner {n}"), "bilateral");
            f.retain(|(k, _)| *k != "id");
            f.push(("country", "XD".into()));
            r.send::<CreateOrganisation>(f).await
        }
        "update_partner_organisation" => {
            r.send::<UpdateOrganisation>(org(&world.norad, "Norway (Norad)", "bilateral"))
                .await
        }
        "update_government_organisation" => {
            let f = org(&world.finance, "Ministry of Finance", "government_ministry");
            r.send::<UpdateOrganisation>(f).await
        }
        "create_user" => {
            r.send::<CreateUser>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("email", format!("person{n}@kalinda.example")),
                ("display_name", "Someone".into()),
                ("organisation_id", world.norad.clone()),
                ("role", "reviewer".into()),
            ])
            .await
        }
        "update_user" => {
            r.send::<UpdateUser>(vec![
                ("csrf", csrf.clone()),
                ("user_id", world.target_user.clone()),
                ("display_name", "Reset target".into()),
                ("role", "reviewer".into()),
                ("signatory", "on".into()),
            ])
            .await
        }
        "reset_password" => {
            r.send::<ResetPassword>(vec![
                ("csrf", csrf.clone()),
                ("user_id", world.target_user.clone()),
            ])
            .await
        }
        "change_password" => {
            let current = match r.asker {
                Asker::Admin => accounts::ADMIN.1,
                Asker::Planner => accounts::PLANNER.1,
                Asker::ReporterOwnOrganisation => accounts::NORAD.1,
                Asker::ReporterOtherOrganisation => accounts::FCDO.1,
                Asker::Reviewer => accounts::REVIEWER.1,
                Asker::Anonymous => "whatever-it-was",
            };
            r.send::<ChangePassword>(vec![
                ("csrf", csrf.clone()),
                ("current_password", current.into()),
                ("new_password", format!("a-new-password-{n}")),
            ])
            .await
        }
        _ => return None,
    };
    Some(answer)
}
