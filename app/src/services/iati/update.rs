//! Importing an activity again: what changed in the file is written, what
//! was changed in the app since the last import is kept and reported.

use std::collections::BTreeMap;

use crate::AppError;
use crate::services::accounts::audit::{self, Change};
use crate::services::funding::activities;
use crate::types::{ImportConflict, ImportOutcome, NewPlannedDisbursement, NewTransaction};

use super::fields::{Fields, NAMES};
use super::import::{Importer, PLANNED, Skip, TRANSACTIONS, VERSION};
use super::parse::IatiActivity;
use super::store;

/// The audit trail's names of the rows an import removes.
const TRANSACTION: &str = "transaction";
const PLANNED_DISBURSEMENT: &str = "planned_disbursement";

impl Importer<'_> {
    pub(super) async fn update(
        &mut self,
        id: i32,
        identifier: &str,
        a: &IatiActivity,
        imported: Fields,
        transactions: Vec<(usize, NewTransaction)>,
        planned: Vec<NewPlannedDisbursement>,
    ) -> Result<Result<(ImportOutcome, String, u32), Skip>, AppError> {
        let model = activities::get_model(self.txn, id).await?;
        if self
            .organisation_id
            .is_some_and(|own| own != model.reporting_org_id)
        {
            return Ok(Err(Skip::Error(say!(iati_other_organisation_activity))));
        }
        // A change waiting for validation is what the partner works on.
        let model = activities::change_for(self.txn, id).await?.unwrap_or(model);
        let id = model.id;
        self.written.push(id);
        let stored = store::imported_values(self.txn, id).await?;
        if let (Some(file), Some(before)) = (a.last_updated.as_deref(), stored.get(VERSION))
            && !before.is_empty()
            && file < before.as_str()
        {
            return Ok(Err(Skip::Quiet(say!(iati_older_version, file, before))));
        }
        let local = store::local_fields(self.txn, &model).await?;
        let names = &self.orgs.names;
        let local_values = local.values(names, &self.line_codes);
        let imported_values = imported.values(names, &self.line_codes);
        let mut merged = imported.clone();
        let mut changed = Vec::new();
        // The fields the import changes, before and after, for the trail.
        let mut fields_before = BTreeMap::new();
        let mut fields_after = BTreeMap::new();
        for (i, name) in NAMES.iter().enumerate() {
            // A field the last import did not remember (imported before the
            // importer read it) is the app's: kept, and reported if it
            // differs.
            let edited_here = match stored.get(*name) {
                Some(before) => *before != local_values[i],
                None => !stored.is_empty(),
            };
            if edited_here {
                merged.take(&local, i);
                if imported_values[i] != local_values[i] {
                    self.report.conflicts.push(ImportConflict {
                        activity: identifier.to_string(),
                        field: name.to_string(),
                        imported: imported_values[i].clone(),
                        local: local_values[i].clone(),
                    });
                }
            } else if imported_values[i] != local_values[i] {
                changed.push(*name);
                fields_before.insert(name.to_string(), local_values[i].clone());
                fields_after.insert(name.to_string(), imported_values[i].clone());
            }
        }
        let rows = store::transaction_rows(
            &self.facts,
            &self.rates,
            id,
            &merged.default_currency,
            &transactions,
        )?;
        let planned_rows = store::planned_rows(
            &self.facts,
            &self.rates,
            id,
            &merged.default_currency,
            &planned,
        )?;
        let remembered = self.remembered(a, &imported, &rows, &planned_rows);
        let remembered_flows = |field: &str| {
            remembered
                .iter()
                .find(|(f, _)| f == field)
                .map(|(_, v)| v.as_str())
                .unwrap_or("")
        };
        let same_transactions =
            stored.get(TRANSACTIONS).map(String::as_str) == Some(remembered_flows(TRANSACTIONS));
        let same_planned =
            stored.get(PLANNED).map(String::as_str) == Some(remembered_flows(PLANNED));
        if changed.is_empty() && same_transactions && same_planned {
            return Ok(Err(Skip::Quiet(say!(iati_unchanged))));
        }
        // Where the import waits for validation, it goes to the activity's
        // waiting change, the validated activity counting until then.
        let model = activities::writable(self.txn, self.author, model).await?;
        let id = model.id;
        let mut rows = rows;
        let mut planned_rows = planned_rows;
        for (_, t) in &mut rows {
            t.activity_id = id;
        }
        for p in &mut planned_rows {
            p.activity_id = id;
        }
        if !changed.is_empty() {
            let lists_changed = changed
                .iter()
                .any(|c| matches!(*c, "participants" | "sectors" | "budget_lines"));
            store::save_activity(
                self.txn,
                self.facts.country_id,
                model.reporting_org_id,
                identifier,
                &merged,
                Ok(model.clone()),
            )
            .await?;
            if lists_changed {
                store::save_lists(self.txn, id, &merged, true).await?;
            }
        }
        let mut count = 0;
        if !same_transactions {
            changed.push(TRANSACTIONS);
            let kept = self
                .replace_transactions(id, identifier, stored.get(TRANSACTIONS), &rows)
                .await?;
            let rows: Vec<_> = rows
                .into_iter()
                .filter(|(i, _)| !kept.contains(i))
                .collect();
            count = self.count(&rows);
            store::insert_transactions(self.txn, rows.into_iter().map(|(_, t)| t).collect())
                .await?;
            fields_after.insert(TRANSACTIONS.into(), format!("{count} imported"));
        }
        if !same_planned {
            changed.push(PLANNED);
            let before: Vec<&str> = stored
                .get(PLANNED)
                .map(|s| s.lines().collect())
                .unwrap_or_default();
            let current = store::current_planned(self.txn, id).await?;
            let removed = claim(&before, &current);
            self.audit_removed_planned(&removed).await?;
            store::delete_planned(self.txn, removed).await?;
            fields_after.insert(PLANNED.into(), format!("{} imported", planned_rows.len()));
            store::insert_planned(self.txn, planned_rows).await?;
        }
        store::remember(self.txn, id, remembered, true).await?;
        audit::record(
            self.txn,
            self.author,
            Some(self.facts.country_id),
            "activity",
            id,
            Change::Update,
            Some(&fields_before),
            Some(&fields_after),
        )
        .await?;
        Ok(Ok((
            ImportOutcome::Updated,
            say!(iati_changed, fields = changed.join(", "), count),
            count,
        )))
    }

    /// Removes the transactions the last import wrote and nobody changed
    /// since; returns the positions in the file of those changed in the
    /// app, which are kept and reported as conflicts.
    async fn replace_transactions(
        &mut self,
        id: i32,
        identifier: &str,
        before: Option<&String>,
        rows: &[(usize, entities::transaction::Model)],
    ) -> Result<Vec<usize>, AppError> {
        let current = store::current_transactions(self.txn, id).await?;
        let mut unclaimed: Vec<(i32, String)> = current;
        let mut delete = Vec::new();
        let mut kept = Vec::new();
        for line in before
            .map(|s| s.lines().collect::<Vec<_>>())
            .unwrap_or_default()
        {
            let Some((position, print)) = line.split_once('#') else {
                continue;
            };
            if let Some(at) = unclaimed.iter().position(|(_, p)| p == print) {
                delete.push(unclaimed.swap_remove(at).0);
            } else if let Ok(position) = position.parse::<usize>() {
                kept.push(position);
                let imported = rows
                    .iter()
                    .find(|(i, _)| *i == position)
                    .map(|(_, t)| store::transaction_print(t))
                    .unwrap_or_default();
                self.report.conflicts.push(ImportConflict {
                    activity: identifier.to_string(),
                    field: say!(iati_transaction_n, n = position + 1),
                    imported,
                    local: say!(iati_changed_in_app, print),
                });
            }
        }
        self.audit_removed_transactions(&delete).await?;
        store::delete_transactions(self.txn, delete).await?;
        Ok(kept)
    }

    /// One entry for each transaction the import removes, with its values.
    async fn audit_removed_transactions(&self, ids: &[i32]) -> Result<(), AppError> {
        for model in store::transactions_by_id(self.txn, ids).await? {
            let id = model.id;
            let removed = activities::transaction_to_wire(&self.facts, model)?;
            self.audit_removed(TRANSACTION, id, &removed).await?;
        }
        Ok(())
    }

    /// One entry for each planned disbursement the import removes.
    async fn audit_removed_planned(&self, ids: &[i32]) -> Result<(), AppError> {
        for model in store::planned_by_id(self.txn, ids).await? {
            let id = model.id;
            let removed = activities::planned_to_wire(model);
            self.audit_removed(PLANNED_DISBURSEMENT, id, &removed)
                .await?;
        }
        Ok(())
    }

    async fn audit_removed(
        &self,
        object_type: &str,
        id: i32,
        removed: &impl serde::Serialize,
    ) -> Result<(), AppError> {
        audit::record(
            self.txn,
            self.author,
            Some(self.facts.country_id),
            object_type,
            id,
            Change::Delete,
            Some(removed),
            None,
        )
        .await
    }
}

/// The ids of rows whose text is in `before`, each claimed once.
fn claim(before: &[&str], current: &[(i32, String)]) -> Vec<i32> {
    let mut unclaimed: Vec<&(i32, String)> = current.iter().collect();
    let mut ids = Vec::new();
    for print in before {
        if let Some(at) = unclaimed.iter().position(|(_, p)| p == print) {
            ids.push(unclaimed.swap_remove(at).0);
        }
    }
    ids
}
