//! Organisations, users and passwords.

use app::server_fns::{
    ChangePassword, CreateOrganisation, CreateUser, ObjectHistory, ResetPassword,
    UpdateOrganisation, UpdateUser,
};
use app::services::accounts::{audit::Author, organisations};
use app::types::NewOrganisation;
use tests::{Answer, demo as accounts};

use super::request::Request;
use crate::authorization::matrix::Asker;

/// The fields of organisation `id` as stored, renamed to `name`, with
/// `change` applied to them.
async fn organisation(
    r: &Request<'_>,
    id: &str,
    name: &str,
    change: impl FnOnce(&mut Vec<(&'static str, String)>),
) -> Vec<(&'static str, String)> {
    let (_, current) = organisations::get(&r.t.db, id.parse().unwrap())
        .await
        .unwrap();
    let mut fields = vec![
        ("csrf", r.csrf.clone()),
        ("id", id.to_string()),
        ("name", name.to_string()),
        ("acronym", current.acronym.unwrap_or_default()),
        ("kind", current.kind.code().to_string()),
        ("iati_id", current.iati_id.unwrap_or_default()),
        ("iati_type_code", current.iati_type_code.unwrap_or_default()),
    ];
    change(&mut fields);
    fields
}

fn set(fields: &mut [(&'static str, String)], key: &str, value: String) {
    if let Some(field) = fields.iter_mut().find(|(k, _)| *k == key) {
        field.1 = value;
    }
}

pub(super) async fn call(name: &str, r: &Request<'_>) -> Option<Answer> {
    let (csrf, world, n) = (&r.csrf, r.world, r.n);
    let answer = match name {
        "create_organisation" => {
            r.send::<CreateOrganisation>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("name", format!("New partner {n}")),
                ("acronym", String::new()),
                ("kind", "bilateral".into()),
                ("iati_id", String::new()),
                ("iati_type_code", String::new()),
            ])
            .await
        }
        "update_partner_organisation" => {
            let f = organisation(r, &world.norad, "Norway (Norad)", |_| ()).await;
            r.send::<UpdateOrganisation>(f).await
        }
        "update_government_organisation" => {
            let f = organisation(r, &world.finance, "Ministry of Finance", |_| ()).await;
            r.send::<UpdateOrganisation>(f).await
        }
        // A partner's kind, acronym and IATI identifier decide how its
        // money counts and whose rows an import resolves to.
        "change_partner_kind" | "change_partner_acronym" | "change_partner_iati_id" => {
            let norad: i32 = world.norad.parse().unwrap();
            let (_, before) = organisations::get(&r.t.db, norad).await.unwrap();
            let f = organisation(r, &world.norad, "Norway (Norad)", |f| match name {
                "change_partner_kind" => set(f, "kind", "multilateral".into()),
                "change_partner_acronym" => set(f, "acronym", format!("NORAD{n}")),
                _ => set(f, "iati_id", format!("XM-DAC-8-{n}")),
            })
            .await;
            let answer = r.send::<UpdateOrganisation>(f).await;
            // Norway as it was, for the rows that follow.
            let restore = NewOrganisation {
                name: before.name,
                acronym: before.acronym,
                kind: before.kind,
                iati_id: before.iati_id,
                iati_type_code: before.iati_type_code,
            };
            organisations::update(&r.t.db, &Author::system("test"), norad, restore)
                .await
                .unwrap();
            answer
        }
        "read_organisation_history" | "read_user_history" => {
            let (object_type, id) = if name == "read_user_history" {
                ("user", world.target_user.clone())
            } else {
                ("organisation", world.norad.clone())
            };
            r.send::<ObjectHistory>(vec![("object_type", object_type.into()), ("object_id", id)])
                .await
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
