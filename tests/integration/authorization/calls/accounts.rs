//! Organisations, users and passwords.

use app::server_fns::{
    AuditTrail, ChangePassword, CreateOrganisation, CreateUser, DeactivateOrganisation,
    DisableUser, EnableUser, MergeOrganisations, ObjectHistory, ReactivateOrganisation,
    RemoveMembership, ResetPassword, UpdateOrganisation, UpdateUser,
};
use app::services::accounts::{access, audit::Author, organisations, users};
use app::types::{NewOrganisation, NewUser, OrganisationKind, Role};
use sea_orm::EntityTrait;
use tests::{Answer, demo as accounts};

use super::request::Request;
use crate::authorization::matrix::Asker;

/// A fresh partner of the demo country, for a call to retire or merge.
async fn fresh_organisation(r: &Request<'_>, name: &str) -> i32 {
    let new = NewOrganisation {
        name: format!("{name} {}", r.n),
        acronym: None,
        kind: OrganisationKind::Bilateral,
        iati_id: None,
        iati_type_code: None,
    };
    organisations::create(&r.t.db, &Author::system("test"), r.world.country_id, new)
        .await
        .unwrap()
        .id
}

/// A fresh account of Norway's, for a call to disable, enable or remove.
async fn fresh_user(r: &Request<'_>) -> i32 {
    let new = NewUser {
        email: format!("access{}@kalinda.example", r.n),
        display_name: "Access target".into(),
        organisation_id: r.world.norad.parse().unwrap(),
        role: Role::Reviewer,
        signatory: false,
    };
    users::create(&r.t.db, &Author::system("test"), new, None)
        .await
        .unwrap()
        .user
        .id
}

/// Calls the rows that retire accounts and organisations, each on a
/// fresh target in the state it needs.
async fn retire(name: &str, r: &Request<'_>) -> Option<Answer> {
    let csrf = r.csrf.clone();
    let system = Author::system("test");
    let answer = match name {
        "disable_user" | "enable_user" | "remove_membership" => {
            let user = fresh_user(r).await;
            let mut fields = vec![("csrf", csrf), ("user_id", user.to_string())];
            match name {
                "disable_user" => r.send::<DisableUser>(fields).await,
                "enable_user" => {
                    access::set_disabled(&r.t.db, &system, user, true)
                        .await
                        .unwrap();
                    r.send::<EnableUser>(fields).await
                }
                _ => {
                    fields.push(("country", "XD".into()));
                    r.send::<RemoveMembership>(fields).await
                }
            }
        }
        "deactivate_organisation" | "reactivate_organisation" => {
            let id = fresh_organisation(r, "Retiring partner").await;
            let fields = vec![("csrf", csrf), ("id", id.to_string())];
            if name == "deactivate_organisation" {
                r.send::<DeactivateOrganisation>(fields).await
            } else {
                organisations::set_active(&r.t.db, &system, id, false)
                    .await
                    .unwrap();
                r.send::<ReactivateOrganisation>(fields).await
            }
        }
        "merge_organisations" => {
            let kept = fresh_organisation(r, "Kept partner").await;
            let duplicate = fresh_organisation(r, "Duplicate partner").await;
            r.send::<MergeOrganisations>(vec![
                ("csrf", csrf),
                ("kept_id", kept.to_string()),
                ("duplicate_id", duplicate.to_string()),
            ])
            .await
        }
        _ => return None,
    };
    Some(answer)
}

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
        ("version", current.version.to_string()),
        ("organisation[name]", name.to_string()),
        ("organisation[acronym]", current.acronym.unwrap_or_default()),
        ("organisation[kind]", current.kind.code().to_string()),
        ("organisation[iati_id]", current.iati_id.unwrap_or_default()),
        (
            "organisation[iati_type_code]",
            current.iati_type_code.unwrap_or_default(),
        ),
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
    if let Some(answer) = retire(name, r).await {
        return Some(answer);
    }
    let (csrf, world, n) = (&r.csrf, r.world, r.n);
    let answer = match name {
        "create_organisation" => {
            r.send::<CreateOrganisation>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("organisation[name]", format!("New partner {n}")),
                ("organisation[acronym]", String::new()),
                ("organisation[kind]", "bilateral".into()),
                ("organisation[iati_id]", String::new()),
                ("organisation[iati_type_code]", String::new()),
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
                "change_partner_kind" => set(f, "organisation[kind]", "multilateral".into()),
                "change_partner_acronym" => set(f, "organisation[acronym]", format!("NORAD{n}")),
                _ => set(f, "organisation[iati_id]", format!("XM-DAC-8-{n}")),
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
            let (_, now) = organisations::get(&r.t.db, norad).await.unwrap();
            organisations::update(
                &r.t.db,
                &Author::system("test"),
                norad,
                now.version,
                restore,
            )
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
        "audit_trail" => {
            r.send::<AuditTrail>(vec![
                ("country", "XD".into()),
                ("query[object_type]", "organisation".into()),
            ])
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
            let target: i32 = world.target_user.parse().unwrap();
            let version = entities::user::Entity::find_by_id(target)
                .one(&r.t.db)
                .await
                .unwrap()
                .unwrap()
                .version;
            r.send::<UpdateUser>(vec![
                ("csrf", csrf.clone()),
                ("user_id", world.target_user.clone()),
                ("display_name", "Reset target".into()),
                ("role", "reviewer".into()),
                ("signatory", "on".into()),
                ("version", version.to_string()),
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
