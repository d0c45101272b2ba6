//! Correcting a draft compact: removing a commitment, and a partner joining
//! or leaving before signature; the refusals, and the audit's before and
//! after.

use app::AppError;
use app::services::accounts::audit::{self, Author};
use app::services::{
    accounts::countries, compact::commitments, compact::compacts, compact::parties, demo,
};
use app::types::{CommitmentKind, Compact};
use tests::both_backends;

use crate::fixtures::{commitment, fresh_compact, org, signed_compact};

const UK: &str = "United Kingdom (Foreign, Commonwealth and Development Office)";

fn invalid(err: AppError) -> (String, String) {
    match err {
        AppError::Invalid(errors) => (errors[0].field.clone(), errors[0].message.clone()),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn party_names(compact: &Compact) -> Vec<&str> {
    compact.parties.iter().map(|p| p.name.as_str()).collect()
}

both_backends! {
    async fn a_commitment_is_removed_from_a_draft_at_its_version_only(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let draft = fresh_compact(&t, country_id).await;
        let norad = org(&t, country_id, "Norway (Norad)").await;
        let system = Author::system("test");
        let other = Author::system("another planner");
        let added = commitments::add(&t.db, &system, draft.id, commitment(norad, CommitmentKind::Partner, "Report all aid"))
            .await
            .unwrap();
        let first = added;

        // Someone else corrects it; a removal from the page shown before is refused.
        let mut changed = first.as_new();
        changed.text = "Report all aid monthly".into();
        commitments::update(&t.db, &other, first.id, first.version, changed).await.unwrap();
        let err = commitments::remove(&t.db, &system, first.id, first.version).await.unwrap_err();
        let AppError::Stale(message) = &err else { panic!("{err:?}") };
        assert!(message.contains("another planner"), "{message}");
        let kept = compacts::load(&t.db, draft.id).await.unwrap();
        assert_eq!(kept.commitments.len(), 1);

        // At the current version it goes, and the audit keeps what it said.
        commitments::remove(&t.db, &system, first.id, first.version + 1).await.unwrap();
        let after = compacts::load(&t.db, draft.id).await.unwrap();
        assert!(after.commitments.is_empty());
        let trail = audit::history(&t.db, "commitment", first.id).await.unwrap();
        assert_eq!((trail[0].action.as_str(), trail[0].after.as_deref()), ("delete", None));
        assert!(trail[0].before.as_deref().unwrap().contains("Report all aid monthly"));

        // A signed version's commitments stay.
        let signed = signed_compact(&t, country_id).await;
        let theirs = &signed.commitments[0];
        let err = commitments::remove(&t.db, &system, theirs.id, theirs.version).await.unwrap_err();
        assert_eq!(invalid(err).0, "status");
    }
}

both_backends! {
    async fn a_partner_joins_and_leaves_a_draft_but_the_draft_keeps_both_sides(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let draft = fresh_compact(&t, country_id).await;
        let system = Author::system("test");
        let (government, norad, uk) = (
            org(&t, country_id, "Ministry of Planning and Development").await,
            org(&t, country_id, "Norway (Norad)").await,
            org(&t, country_id, UK).await,
        );

        // The United Kingdom joins; joining twice is refused by name.
        let joined = parties::add(&t.db, &system, draft.id, uk).await.unwrap();
        assert_eq!(party_names(&joined).len(), 3);
        assert!(party_names(&joined).contains(&UK));
        let (field, message) = invalid(parties::add(&t.db, &system, draft.id, uk).await.unwrap_err());
        assert_eq!(field, "organisation_id");
        assert!(message.contains("already a party"), "{message}");

        // An organisation of no country of this compact is refused.
        let (field, _) = invalid(parties::add(&t.db, &system, draft.id, i32::MAX).await.unwrap_err());
        assert_eq!(field, "organisation_id");

        // Norway has a commitment: it stays until that is removed.
        let with = commitments::add(&t.db, &system, draft.id, commitment(norad, CommitmentKind::Partner, "Report all aid"))
            .await
            .unwrap();
        let (field, message) = invalid(parties::remove(&t.db, &system, draft.id, norad).await.unwrap_err());
        assert_eq!(field, "organisation_id");
        assert!(message.contains("Norway (Norad) has 1 commitments"), "{message}");
        let theirs = &with;
        commitments::remove(&t.db, &system, theirs.id, theirs.version).await.unwrap();
        let left = parties::remove(&t.db, &system, draft.id, norad).await.unwrap();
        assert!(!party_names(&left).contains(&"Norway (Norad)"));

        // The government, and the last partner, stay.
        for last in [government, uk] {
            let (field, message) = invalid(parties::remove(&t.db, &system, draft.id, last).await.unwrap_err());
            assert_eq!(field, "organisation_id");
            assert!(message.contains("keeps the government and at least one partner"), "{message}");
        }

        // Each change is one audit entry with the parties before and after.
        let trail = audit::history(&t.db, "compact", draft.id).await.unwrap();
        let last = &trail[0];
        assert_eq!(last.action, "update");
        let before: Compact = serde_json::from_str(last.before.as_deref().unwrap()).unwrap();
        let after: Compact = serde_json::from_str(last.after.as_deref().unwrap()).unwrap();
        assert_eq!(before.parties.len(), 3);
        assert_eq!(party_names(&after).len(), 2);

        // A signed version's parties do not change.
        let signed = compacts::latest_signed(&t.db, country_id).await.unwrap().unwrap();
        let (field, _) = invalid(parties::add(&t.db, &system, signed.id, uk).await.unwrap_err());
        assert_eq!(field, "status");
    }
}
