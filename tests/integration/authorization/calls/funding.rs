//! Funding: activities and their transactions and planned disbursements,
//! exchange rates, the national budget, and reporting rounds.

use app::server_fns::{
    AddBudgetLine, AddExchangeRate, AddPlannedDisbursement, AddTransaction, CloseReportingRound,
    CreateActivity, DeletePlannedDisbursement, DeleteTransaction, ImportChartOfAccounts,
    ImportRates, ImportTransactions, OpenReportingRound, RemoveActivity, RemoveBudgetLine,
    RespondToRound, SetBudgetAmounts, UpdateActivity, UpdateBudgetLine, UpdatePlannedDisbursement,
    UpdateTransaction,
};
use app::services::accounts::audit::Author;
use app::services::{funding::chart, funding::reporting};
use app::types::{NewBudgetLine, NewReportingRound};
use tests::Answer;

use super::request::Request;
use crate::authorization::world::{norad_activity, norad_planned, norad_transaction};
use crate::fixtures;

pub(super) async fn call(name: &str, r: &Request<'_>) -> Option<Answer> {
    let (t, csrf, world, n) = (r.t, &r.csrf, r.world, r.n);
    let answer = match name {
        "create_activity" | "import_transactions" => {
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("organisation_id", world.norad.clone()),
            ];
            if name == "create_activity" {
                fields.push(("once", format!("authorization-call-{n}-of-the-table")));
                fields.extend([
                    ("activity[title]", format!("Activity {n}")),
                    ("activity[status]", "2".into()),
                    ("activity[money_type]", "development".into()),
                    ("activity[channel]", "1".into()),
                    ("activity[default_currency]", "EUR".into()),
                    ("activity[published]", "on".into()),
                ]);
                r.send::<CreateActivity>(fields).await
            } else {
                let activity = norad_activity(t, world, n).await;
                let header = app::services::funding::transaction_import::COLUMNS.join(",");
                fields.push((
                    "file",
                    format!("{header}\n{activity},disbursement,2026-09-30,,100.00,,,,Row {n}\n"),
                ));
                r.send::<ImportTransactions>(fields).await
            }
        }
        "add_transaction" => {
            r.send::<AddTransaction>(vec![
                ("csrf", csrf.clone()),
                ("once", format!("authorization-call-{n}-of-the-table")),
                ("country", "XD".into()),
                ("activity_id", norad_activity(t, world, n).await.to_string()),
                ("transaction[kind]", "3".into()),
                ("transaction[transaction_date]", "2026-09-30".into()),
                ("transaction[amount]", "1,000.00".into()),
            ])
            .await
        }
        "add_planned_disbursement" => {
            r.send::<AddPlannedDisbursement>(vec![
                ("csrf", csrf.clone()),
                ("once", format!("authorization-call-{n}-of-the-table")),
                ("country", "XD".into()),
                ("activity_id", norad_activity(t, world, n).await.to_string()),
                ("planned[period_start]", "2027-01-01".into()),
                ("planned[period_end]", "2027-12-31".into()),
                ("planned[amount]", "5000".into()),
            ])
            .await
        }
        "update_activity" | "remove_activity" => {
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("activity_id", norad_activity(t, world, n).await.to_string()),
                ("version", "1".into()),
            ];
            if name == "update_activity" {
                fields.extend([
                    ("activity[title]", format!("Activity {n}, corrected")),
                    ("activity[status]", "2".into()),
                    ("activity[money_type]", "development".into()),
                    ("activity[channel]", "1".into()),
                    ("activity[default_currency]", "EUR".into()),
                    ("activity[published]", "on".into()),
                ]);
                r.send::<UpdateActivity>(fields).await
            } else {
                r.send::<RemoveActivity>(fields).await
            }
        }
        "update_transaction" | "delete_transaction" => {
            let id = norad_transaction(t, world, n).await.to_string();
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("transaction_id", id),
                ("version", "1".into()),
            ];
            if name == "update_transaction" {
                fields.extend([
                    ("transaction[kind]", "3".into()),
                    ("transaction[transaction_date]", "2026-09-30".into()),
                    ("transaction[amount]", "100.00".into()),
                ]);
                r.send::<UpdateTransaction>(fields).await
            } else {
                r.send::<DeleteTransaction>(fields).await
            }
        }
        "update_planned_disbursement" | "delete_planned_disbursement" => {
            let id = norad_planned(t, world, n).await.to_string();
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("planned_id", id),
                ("version", "1".into()),
            ];
            if name == "update_planned_disbursement" {
                fields.extend([
                    ("planned[period_start]", "2027-01-01".into()),
                    ("planned[period_end]", "2027-06-30".into()),
                    ("planned[amount]", "4000".into()),
                ]);
                r.send::<UpdatePlannedDisbursement>(fields).await
            } else {
                r.send::<DeletePlannedDisbursement>(fields).await
            }
        }
        "add_exchange_rate" => {
            r.send::<AddExchangeRate>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("entry[currency]", "NOK".into()),
                ("entry[rate_date]", "2026-01-01".into()),
                ("entry[rate]", format!("0.09{n}")),
                ("entry[source]", "Norges Bank".into()),
            ])
            .await
        }
        "import_rates" => {
            r.send::<ImportRates>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                (
                    "file",
                    format!("currency,date,rate,source\nSEK,2026-01-01,0.09{n},Riksbank\n"),
                ),
            ])
            .await
        }
        "add_budget_line" => {
            r.send::<AddBudgetLine>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("line[line_code]", format!("99-{n}")),
                ("line[line_name]", format!("Line {n}")),
            ])
            .await
        }
        "set_budget_amounts" => {
            let line = chart::add_line(
                &t.db,
                &Author::system("test"),
                world.country_id,
                NewBudgetLine {
                    code: format!("98-{n}"),
                    name: format!("Line {n}"),
                    admin_unit: String::new(),
                    function_name: String::new(),
                    security: false,
                    sector_code: None,
                    parent_code: None,
                },
            )
            .await
            .unwrap();
            r.send::<SetBudgetAmounts>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("figures[line_id]", line.id.to_string()),
                ("figures[fiscal_year]", "2026".into()),
                ("figures[appropriation]", "1000".into()),
                ("figures[expected_external]", "".into()),
                ("figures[execution]", "".into()),
            ])
            .await
        }
        "update_budget_line" | "remove_budget_line" => {
            let line = chart::add_line(
                &t.db,
                &Author::system("test"),
                world.country_id,
                NewBudgetLine {
                    code: format!("97-{n}"),
                    name: format!("Line {n}"),
                    admin_unit: String::new(),
                    function_name: String::new(),
                    security: false,
                    sector_code: None,
                    parent_code: None,
                },
            )
            .await
            .unwrap();
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("line_id", line.id.to_string()),
                ("version", line.version.to_string()),
            ];
            if name == "update_budget_line" {
                fields.push(("line[line_code]", format!("97-{n}")));
                fields.push(("line[line_name]", format!("Line {n}, corrected")));
                r.send::<UpdateBudgetLine>(fields).await
            } else {
                r.send::<RemoveBudgetLine>(fields).await
            }
        }
        "import_chart_of_accounts" => {
            r.send::<ImportChartOfAccounts>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                (
                    "file",
                    format!("code,name,parent_code,holder,function,security,sector\n96-{n},Line {n},,,,no,\n"),
                ),
            ])
            .await
        }
        "open_reporting_round" => {
            r.send::<OpenReportingRound>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("round_title", format!("Round {n}")),
                ("round_fiscal_year", "2026".into()),
                ("due_on", "2099-12-31".into()),
            ])
            .await
        }
        "close_reporting_round" | "respond_to_round" => {
            let round = reporting::open(
                &t.db,
                &Author::system("test"),
                world.country_id,
                NewReportingRound {
                    title: format!("Round {n}"),
                    fiscal_year: 2026,
                    due_on: fixtures::d("2099-12-31"),
                },
                fixtures::d("2026-11-01"),
            )
            .await
            .unwrap();
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("round_id", round.id.to_string()),
            ];
            if name == "respond_to_round" {
                fields.push(("organisation_id", world.norad.clone()));
                fields.push(("status", "submitted".into()));
                r.send::<RespondToRound>(fields).await
            } else {
                r.send::<CloseReportingRound>(fields).await
            }
        }
        _ => return None,
    };
    Some(answer)
}
