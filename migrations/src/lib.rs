//! Schema migrations. Each migration is self-contained: it never imports the
//! entities, so old migrations keep compiling while the entities move on.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_countries;
mod m20261123_000002_create_organisations;
mod m20261123_000003_create_accounts;
mod m20261123_000004_create_strategies;
mod m20261123_000005_create_strategy_comments;
mod m20261123_000006_create_transition;
mod m20261123_000007_create_strategy_links;
mod m20261123_000008_create_drawdown_phases;
mod m20261123_000009_create_compacts;
mod m20261123_000010_create_reviews;
mod m20261123_000011_create_commitment_comments;
mod m20261124_000012_create_funding;
mod m20261125_000013_create_indicators;
mod m20261125_000014_create_iati_imports;
mod m20261201_000015_add_session_epochs;
mod m20261201_000016_add_assessing_organisations;
mod m20261201_000017_add_flow_versions;
mod m20261201_000018_create_form_tokens;
mod m20261205_000019_add_validation;
mod m20261205_000020_add_register_versions;
mod m20261206_000021_rates_by_country;
mod m20261206_000022_organisation_lifecycle;
mod m20261206_000023_indicator_versions;
mod m20261206_000024_form_versions;
mod m20261206_000025_progress_status;
mod m20261207_000026_funding_cells;
mod m20261207_000027_sign_in_attempts;
mod m20261207_000028_languages;
mod m20261207_000029_fragility;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_countries::Migration),
            Box::new(m20261123_000002_create_organisations::Migration),
            Box::new(m20261123_000003_create_accounts::Migration),
            Box::new(m20261123_000004_create_strategies::Migration),
            Box::new(m20261123_000005_create_strategy_comments::Migration),
            Box::new(m20261123_000006_create_transition::Migration),
            Box::new(m20261123_000007_create_strategy_links::Migration),
            Box::new(m20261123_000008_create_drawdown_phases::Migration),
            Box::new(m20261123_000009_create_compacts::Migration),
            Box::new(m20261123_000010_create_reviews::Migration),
            Box::new(m20261123_000011_create_commitment_comments::Migration),
            Box::new(m20261124_000012_create_funding::Migration),
            Box::new(m20261125_000013_create_indicators::Migration),
            Box::new(m20261125_000014_create_iati_imports::Migration),
            Box::new(m20261201_000015_add_session_epochs::Migration),
            Box::new(m20261201_000016_add_assessing_organisations::Migration),
            Box::new(m20261201_000017_add_flow_versions::Migration),
            Box::new(m20261201_000018_create_form_tokens::Migration),
            Box::new(m20261205_000019_add_validation::Migration),
            Box::new(m20261205_000020_add_register_versions::Migration),
            Box::new(m20261206_000021_rates_by_country::Migration),
            Box::new(m20261206_000022_organisation_lifecycle::Migration),
            Box::new(m20261206_000023_indicator_versions::Migration),
            Box::new(m20261206_000024_form_versions::Migration),
            Box::new(m20261206_000025_progress_status::Migration),
            Box::new(m20261207_000026_funding_cells::Migration),
            Box::new(m20261207_000027_sign_in_attempts::Migration),
            Box::new(m20261207_000028_languages::Migration),
            Box::new(m20261207_000029_fragility::Migration),
        ]
    }
}
