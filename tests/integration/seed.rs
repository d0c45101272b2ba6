use app::services::{accounts::countries, demo};
use app::types::OrganisationKind;
use tests::both_backends;

both_backends! {
    async fn seed_demo_twice_changes_no_row_count(t) {
        demo::seed(&t.db).await.unwrap_or_else(|e| panic!("{e}"));
        let first = t.row_counts().await;
        assert!(first.iter().any(|(table, n)| table == "organisations" && *n > 10), "{first:?}");
        assert!(
            first.iter().any(|(table, n)| table == "users" && *n == 9),
            "the demo accounts: {first:?}"
        );
        assert!(
            first
                .iter()
                .all(|(table, n)| *n > 0
                    || [
                    "sessions",
                    "iati_imported_values",
                    "form_tokens",
                    "sign_in_attempts",
                    "fragility_rounds",
                    "fragility_stages",
                ]
                .contains(&table.as_str())),
            "every table but sessions, the IATI import's memory, spent form tokens, sign-in attempts and fragility assessments (no demo round yet) has demo rows: {first:?}"
        );

        demo::seed(&t.db).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.row_counts().await, first);
    }
}

both_backends! {
    async fn demo_has_every_kind_of_organisation(t) {
        let report = demo::seed(&t.db).await.unwrap_or_else(|e| panic!("{e}"));
        assert!(report.country.name.contains("demo"), "the demo country is labelled");
        let summary = countries::summary(&t.db, &report.country.code)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        for kind in OrganisationKind::ALL {
            assert!(
                summary.kinds.iter().any(|k| k.kind == kind),
                "no demo organisation of kind {kind:?}"
            );
        }
        assert!(
            summary.organisations.iter().all(|o| o.iati_type_code.is_some()),
            "every demo organisation has an IATI type"
        );
    }
}

both_backends! {
    async fn migrate_creates_the_schema_on_an_empty_database(t) {
        let tables = t.table_names().await;
        assert_eq!(
            tables,
            [
                "activities",
                "activity_budget_lines",
                "activity_participants",
                "activity_priorities",
                "activity_sectors",
                "assessments",
                "audit_log",
                "budget_amounts",
                "budget_lines",
                "commitment_comments",
                "commitment_progress",
                "commitments",
                "compact_parties",
                "compact_signatures",
                "compacts",
                "countries",
                "drawdown_phases",
                "exchange_rates",
                "form_tokens",
                "fragility_rounds",
                "fragility_stages",
                "funding_cells",
                "funding_parts",
                "iati_imported_values",
                "indicator_comments",
                "indicator_measurements",
                "indicator_targets",
                "indicators",
                "memberships",
                "organisations",
                "peace_agreements",
                "pillars",
                "planned_disbursements",
                "priorities",
                "priority_costs",
                "priority_partners",
                "priority_provisions",
                "provisions",
                "readiness_changes",
                "reporting_rounds",
                "review_rounds",
                "round_responses",
                "sessions",
                "sign_in_attempts",
                "strategies",
                "strategy_comments",
                "transactions",
                "transition_functions",
                "transition_plans",
                "users"
            ]
        );
        // Running the migrations again is a no-op.
        server::db::migrate(&t.db).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.table_names().await, tables);
    }
}
