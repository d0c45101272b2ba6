//! Integration tests: service functions against a real database, and the
//! running server through HTTP. Each test runs on SQLite and on PostgreSQL.

mod api;
mod audit;
mod auth;
mod authorization;
mod big_sums;
mod cli;
mod compacts;
mod completions;
mod corrections;
mod countries;
mod csrf;
mod fixtures;
mod funding;
mod funding_data;
mod funding_http;
mod hardening;
mod health;
mod house;
mod iati;
mod iati_http;
mod indicators;
mod pages;
mod priorities;
mod privacy;
mod races;
mod readings;
mod reviews;
mod seed;
mod strategies;
mod transition;
mod transition_edits;
mod validation;
