//! Compacts: drafting, commitments and their progress, freezing, signing and
//! amending, comments on commitments, and the reviews that assess them.

use app::server_fns::{
    AddCommitment, AddCompactParty, AmendCompact, AssessCommitment, CloseReview,
    CommentOnCommitment, CreateCompact, FreezeCompact, OpenReview, RemoveCommitment,
    RemoveCompactParty, ReportProgress, SignCompact, UpdateCommitment,
};
use app::services::accounts::audit::Author;
use app::services::{compact::commitments, compact::parties, compact::signing};
use app::types::CommitmentKind;
use tests::Answer;

use super::request::Request;
use crate::authorization::matrix::Asker;
use crate::fixtures::{
    close_open_compacts, close_open_rounds, commitment, fresh_compact, open_round,
    ready_for_compact, signed_compact,
};

pub(super) async fn call(name: &str, r: &Request<'_>) -> Option<Answer> {
    let (t, csrf, world, n) = (r.t, &r.csrf, r.world, r.n);
    let answer = match name {
        "create_compact" => {
            ready_for_compact(t, world.country_id).await;
            r.send::<CreateCompact>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("title", format!("Compact {n}")),
                ("starts_on", "2026-07-01".into()),
                ("ends_on", "2029-06-30".into()),
                ("principles", String::new()),
                ("party_ids[0]", world.planning.clone()),
                ("party_ids[1]", world.norad.clone()),
            ])
            .await
        }
        "add_commitment" | "update_commitment" | "remove_commitment" => {
            let draft = fresh_compact(t, world.country_id).await;
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("commitment[party_id]", world.norad.clone()),
                ("commitment[kind]", "partner".into()),
                ("commitment[category]", "transparency".into()),
                ("commitment[text]", format!("Commitment {n}")),
                ("commitment[priority_code]", "5.2".into()),
                ("commitment[due_on]", "2027-06-30".into()),
            ];
            if name == "add_commitment" {
                fields.push(("compact_id", draft.id.to_string()));
                r.send::<AddCommitment>(fields).await
            } else {
                let norad = world.norad.parse().unwrap();
                let new = commitment(norad, CommitmentKind::Partner, "Publish all aid");
                let id = commitments::add(&t.db, &Author::system("test"), draft.id, new)
                    .await
                    .unwrap()
                    .id;
                fields.push(("commitment_id", id.to_string()));
                fields.push(("version", "1".into()));
                if name == "update_commitment" {
                    r.send::<UpdateCommitment>(fields).await
                } else {
                    fields.retain(|(k, _)| !k.starts_with("commitment["));
                    r.send::<RemoveCommitment>(fields).await
                }
            }
        }
        "add_compact_party" | "remove_compact_party" => {
            let draft = fresh_compact(t, world.country_id).await;
            let finance: i32 = world.finance.parse().unwrap();
            let fields = vec![
                ("csrf", csrf.clone()),
                ("compact_id", draft.id.to_string()),
                ("organisation_id", finance.to_string()),
            ];
            let system = Author::system("test");
            let answer = if name == "add_compact_party" {
                r.send::<AddCompactParty>(fields).await
            } else {
                parties::add(&t.db, &system, draft.id, finance)
                    .await
                    .unwrap();
                r.send::<RemoveCompactParty>(fields).await
            };
            // The ministry has no signatory here: it leaves again, so the
            // draft can be closed for the next call.
            let _ = parties::remove(&t.db, &system, draft.id, finance).await;
            answer
        }
        "report_progress" => {
            let draft = fresh_compact(t, world.country_id).await;
            let new = commitment(
                world.norad.parse().unwrap(),
                CommitmentKind::Joint,
                "Together",
            );
            let id = commitments::add(&t.db, &Author::system("test"), draft.id, new)
                .await
                .unwrap()
                .id;
            r.send::<ReportProgress>(vec![
                ("csrf", csrf.clone()),
                ("commitment_id", id.to_string()),
                ("progress[on_date]", "2026-09-01".into()),
                ("progress[progress_text]", "Started".into()),
                ("progress[status]", "on_track".into()),
            ])
            .await
        }
        "freeze_compact" | "sign_compact" | "amend_compact" => {
            let draft = fresh_compact(t, world.country_id).await;
            let system = Author::system("test");
            let new = commitment(
                world.norad.parse().unwrap(),
                CommitmentKind::Partner,
                "Report",
            );
            commitments::add(&t.db, &system, draft.id, new)
                .await
                .unwrap();
            if name != "freeze_compact" {
                signing::freeze(&t.db, &system, draft.id).await.unwrap();
            }
            if name == "amend_compact" {
                close_open_compacts(t, world.country_id).await;
            }
            let fields = vec![("csrf", csrf.clone()), ("compact_id", draft.id.to_string())];
            match name {
                "freeze_compact" => r.send::<FreezeCompact>(fields).await,
                "sign_compact" => r.send::<SignCompact>(fields).await,
                _ => r.send::<AmendCompact>(fields).await,
            }
        }
        "comment_on_commitment" => {
            let signed = signed_compact(t, world.country_id).await;
            r.send::<CommentOnCommitment>(vec![
                ("csrf", csrf.clone()),
                ("commitment_id", signed.commitments[0].id.to_string()),
                ("body", format!("Comment {n}")),
            ])
            .await
        }
        "open_review" => {
            close_open_rounds(t, world.country_id).await;
            let signed = signed_compact(t, world.country_id).await;
            r.send::<OpenReview>(vec![
                ("csrf", csrf.clone()),
                ("compact_id", signed.id.to_string()),
                ("round_title", format!("Review {n}")),
                ("opened_on", "2026-11-01".into()),
            ])
            .await
        }
        "close_review" => {
            let (round, _) = open_round(t, world.country_id).await;
            r.send::<CloseReview>(vec![
                ("csrf", csrf.clone()),
                ("round_id", round.to_string()),
            ])
            .await
        }
        "assess_for_government" | "assess_for_partner" => {
            let (round, compact) = open_round(t, world.country_id).await;
            let side = if name == "assess_for_government" {
                "government"
            } else {
                "partner"
            };
            r.send::<AssessCommitment>(vec![
                ("csrf", csrf.clone()),
                ("round_id", round.to_string()),
                ("commitment_id", compact.commitments[0].id.to_string()),
                ("side", side.into()),
                ("assessment[status]", "on_track".into()),
                ("assessment[rating]", "3".into()),
            ])
            .await
        }
        // Norway has assessed; whoever assesses next speaks for itself, and
        // Norway's own assessment stands unless Norway revises it.
        "assess_after_another_partner" => {
            let (round, compact) = open_round(t, world.country_id).await;
            let commitment = compact.commitments[0].id;
            let norway = crate::fixtures::actor(t, tests::demo::NORAD.0).await;
            let off_track = app::types::NewAssessment {
                status: app::types::CommitmentStatus::OffTrack,
                rating: 1,
                comment: String::new(),
            };
            app::services::compact::reviews::assess(
                &t.db,
                &norway,
                round,
                commitment,
                app::types::Side::Partner,
                off_track,
                None,
            )
            .await
            .unwrap();
            // Sent at the revision Norway's own form shows.
            let shown = app::services::compact::reviews::report(&t.db, round)
                .await
                .unwrap()
                .items
                .iter()
                .find(|i| i.commitment.id == commitment)
                .and_then(|i| i.assessment_by(app::types::Side::Partner, norway.organisation_id))
                .map(|a| a.id)
                .unwrap();
            let answer = r
                .send::<AssessCommitment>(vec![
                    ("csrf", csrf.clone()),
                    ("round_id", round.to_string()),
                    ("commitment_id", commitment.to_string()),
                    ("side", "partner".into()),
                    ("assessment[status]", "on_track".into()),
                    ("assessment[rating]", "3".into()),
                    ("assessment_id", shown.to_string()),
                ])
                .await;
            let report = app::services::compact::reviews::report(&t.db, round)
                .await
                .unwrap();
            let item = report
                .items
                .iter()
                .find(|i| i.commitment.id == commitment)
                .unwrap();
            let norways = item
                .assessment_by(app::types::Side::Partner, norway.organisation_id)
                .map(|a| a.status);
            if r.asker != Asker::ReporterOwnOrganisation {
                assert_eq!(
                    norways,
                    Some(app::types::CommitmentStatus::OffTrack),
                    "{:?} replaced Norway's assessment",
                    r.asker
                );
            }
            answer
        }
        _ => return None,
    };
    Some(answer)
}
