//! Browser tests: the built app (`scripts/site.sh`) in headless Chromium,
//! with and without JavaScript. Each runs on SQLite and on PostgreSQL.

mod accounts;
mod compact;
mod dashboard;
mod forms;
mod funding;
mod iati;
mod languages;
mod priority;
mod shell;
mod strategy;
mod two_sessions;
