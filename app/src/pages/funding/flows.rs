//! An activity's flows on its partner's page: the transactions table and
//! the planned disbursements, each row with its correction and removal
//! forms for those who may edit, and the forms that add new ones. Every
//! form posts without JavaScript.

use leptos::prelude::*;

use crate::components::{CsrfField, FormErrors, OnceField, form_error};
use crate::i18n::td_string;
use crate::server_fns::{
    AddPlannedDisbursement, AddTransaction, DeletePlannedDisbursement, DeleteTransaction,
    OVERRIDES, UpdatePlannedDisbursement, UpdateTransaction,
};
use crate::types::money::display as money;
use crate::types::{
    Organisation, PlannedDisbursement, SystemOverrides, Transaction, TransactionKind,
};

/// The six actions on flows, shared by every activity of the page.
#[derive(Clone, Copy)]
pub struct FlowActions {
    pub add: ServerAction<AddTransaction>,
    pub update: ServerAction<UpdateTransaction>,
    pub delete: ServerAction<DeleteTransaction>,
    pub plan: ServerAction<AddPlannedDisbursement>,
    pub replan: ServerAction<UpdatePlannedDisbursement>,
    pub unplan: ServerAction<DeletePlannedDisbursement>,
}

impl FlowActions {
    pub fn new() -> Self {
        Self {
            add: ServerAction::new(),
            update: ServerAction::new(),
            delete: ServerAction::new(),
            plan: ServerAction::new(),
            replan: ServerAction::new(),
            unplan: ServerAction::new(),
        }
    }

    /// Moves on whenever one of the actions completes: the page reloads its
    /// data on it.
    pub fn version(&self) -> usize {
        self.add.version().get()
            + self.update.version().get()
            + self.delete.version().get()
            + self.plan.version().get()
            + self.replan.version().get()
            + self.unplan.version().get()
    }

    /// The errors of the last submissions, one summary each.
    pub fn errors(self) -> impl IntoView {
        view! {
            <FormErrors error=form_error(self.add.value()) />
            <FormErrors error=form_error(self.update.value()) />
            <FormErrors error=form_error(self.delete.value()) />
            <FormErrors error=form_error(self.plan.value()) />
            <FormErrors error=form_error(self.replan.value()) />
            <FormErrors error=form_error(self.unplan.value()) />
        }
    }
}

/// What every flow form of one activity needs to know.
#[derive(Clone)]
pub struct FlowContext {
    pub code: String,
    pub activity_id: i32,
    pub title: String,
    pub currency: String,
    pub organisations: Vec<Organisation>,
    pub can_edit: bool,
    pub actions: FlowActions,
}

#[component]
pub fn Transactions(transactions: Vec<Transaction>, context: FlowContext) -> impl IntoView {
    let can_edit = context.can_edit;
    let locale = crate::language::current();
    view! {
        <div class="table-wrap">
            <table>
                <caption>
                    {td_string!(locale, funding.transactions_of, title = context.title.clone()).to_string()}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, funding.date)}</th>
                        <th scope="col">{td_string!(locale, funding.transaction_type)}</th>
                        <th scope="col" class="num">{td_string!(locale, funding.amount)}</th>
                        <th scope="col">{td_string!(locale, funding.currency)}</th>
                        <th scope="col">{td_string!(locale, funding.value_date)}</th>
                        <th scope="col">{td_string!(locale, funding.from)}</th>
                        <th scope="col">{td_string!(locale, funding.to)}</th>
                        <th scope="col">{td_string!(locale, funding.description)}</th>
                        {can_edit.then(|| view! { <th scope="col">{td_string!(locale, funding.correct)}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {transactions
                        .into_iter()
                        .map(|t| {
                            let edit = can_edit.then(|| {
                                let t = t.clone();
                                let context = context.clone();
                                view! { <td><TransactionEdit t context /></td> }
                            });
                            view! {
                                <tr>
                                    <td>{crate::language::date(locale, t.transaction_date)}</td>
                                    <td>{t.kind.label()}</td>
                                    <td class="num">{money(t.amount)}</td>
                                    <td>{t.currency.to_string()}</td>
                                    <td>{t.value_date.to_string()}</td>
                                    <td>{t.provider.map(|o| o.name)}</td>
                                    <td>{t.receiver.map(|o| o.name)}</td>
                                    <td>{t.description}</td>
                                    {edit}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        {can_edit.then(|| view! { <TransactionAdd context /> })}
    }
}

/// A transaction's correction and removal forms.
#[component]
fn TransactionEdit(t: Transaction, context: FlowContext) -> impl IntoView {
    let FlowActions { update, delete, .. } = context.actions;
    let (id, version) = (t.id, t.version);
    let locale = crate::language::current();
    let kind = t.kind.label().to_lowercase();
    let amount = crate::language::amount_with_currency(locale, t.amount, t.currency.as_str());
    let correct_label = td_string!(
        locale,
        funding.correct_transaction,
        kind = kind.clone(),
        amount = amount.clone(),
    )
    .to_string();
    let delete_label = td_string!(
        locale,
        funding.delete_transaction,
        kind = kind,
        amount = amount
    )
    .to_string();
    let (code, again) = (context.code.clone(), context.code);
    let fields = view! {
        <TransactionFields
            prefix=format!("transaction-{id}")
            currency=t.currency.to_string()
            t=Some(t)
            organisations=context.organisations
        />
    };
    view! {
        <details class="edit">
            <summary>{correct_label}</summary>
            <ActionForm action=update attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="transaction_id" value=id />
                <input type="hidden" name="version" value=version />
                {fields}
                <button type="submit">{td_string!(locale, funding.save_correction)}</button>
            </ActionForm>
            <ActionForm action=delete>
                <CsrfField />
                <input type="hidden" name="country" value=again />
                <input type="hidden" name="transaction_id" value=id />
                <input type="hidden" name="version" value=version />
                <button type="submit" class="danger">{delete_label}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn TransactionAdd(context: FlowContext) -> impl IntoView {
    let prefix = format!("new-transaction-{}", context.activity_id);
    let add = context.actions.add;
    let locale = crate::language::current();
    view! {
        <details class="edit">
            <summary>{td_string!(locale, funding.add_a_transaction)}</summary>
            <ActionForm action=add attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || add.version().get()) />
                <input type="hidden" name="country" value=context.code />
                <input type="hidden" name="activity_id" value=context.activity_id />
                <TransactionFields prefix t=None currency=context.currency organisations=context.organisations />
                <button type="submit">{td_string!(locale, funding.add_transaction)}</button>
            </ActionForm>
        </details>
    }
}

/// The fields of a transaction, empty or filled with `t`; ids start with
/// `prefix` so that every form of the page has its own.
#[component]
fn TransactionFields(
    prefix: String,
    t: Option<Transaction>,
    currency: String,
    organisations: Vec<Organisation>,
) -> impl IntoView {
    let id = move |name: &str| format!("{prefix}-{name}");
    let kind = t.as_ref().map_or(TransactionKind::Disbursement, |t| t.kind);
    let text = |f: fn(&Transaction) -> String| t.as_ref().map(f).unwrap_or_default();
    let provider = t.as_ref().and_then(|t| t.provider.as_ref().map(|o| o.id));
    let receiver = t.as_ref().and_then(|t| t.receiver.as_ref().map(|o| o.id));
    let options = move |chosen: Option<i32>| {
        organisations
            .iter()
            .filter(|o| o.active || chosen == Some(o.id))
            .map(|o| view! { <option value=o.id selected=chosen == Some(o.id)>{o.name.clone()}</option> })
            .collect_view()
    };
    let overrides = t.as_ref().map(|t| t.overrides).unwrap_or_default();
    let locale = crate::language::current();
    view! {
        <label for=id("kind")>{td_string!(locale, funding.transaction_type)}</label>
        <select id=id("kind") name="transaction[kind]">
            {TransactionKind::ALL
                .iter()
                .map(|k| view! { <option value=k.code() selected=*k == kind>{k.label()}</option> })
                .collect_view()}
        </select>
        <label for=id("transaction_date")>{td_string!(locale, funding.date)}</label>
        <input id=id("transaction_date") name="transaction[transaction_date]" type="date" required=true value=text(|t| t.transaction_date.to_string()) />
        <label for=id("amount")>{td_string!(locale, funding.amount)}</label>
        <input id=id("amount") name="transaction[amount]" inputmode="decimal" required=true value=text(|t| money(t.amount)) />
        <label for=id("currency")>{td_string!(locale, funding.currency_iso)}</label>
        <input id=id("currency") name="transaction[currency]" value=currency maxlength="3" />
        <label for=id("value_date")>{td_string!(locale, funding.value_date_help)}</label>
        <input id=id("value_date") name="transaction[value_date]" type="date" value=text(|t| t.value_date.to_string()) />
        <label for=id("provider_org_id")>{td_string!(locale, funding.from_optional)}</label>
        <select id=id("provider_org_id") name="transaction[provider_org_id]">
            <option value="">{td_string!(locale, funding.not_stated)}</option>
            {options.clone()(provider)}
        </select>
        <label for=id("receiver_org_id")>{td_string!(locale, funding.to_optional)}</label>
        <select id=id("receiver_org_id") name="transaction[receiver_org_id]">
            <option value="">{td_string!(locale, funding.not_stated)}</option>
            {options(receiver)}
        </select>
        <label for=id("description")>{td_string!(locale, funding.description)}</label>
        <input id=id("description") name="transaction[description]" maxlength="300" value=text(|t| t.description.clone()) />
        <fieldset>
            <legend>{td_string!(locale, funding.country_systems_legend)}</legend>
            {OVERRIDES
                .iter()
                .map(|(name, label)| {
                    let current = override_of(&overrides, name);
                    view! {
                        <label for=id(name)>{label(locale)}</label>
                        <select id=id(name) name=format!("transaction[{name}]")>
                            <option value="" selected=current.is_none()>{td_string!(locale, funding.as_the_activity)}</option>
                            <option value="yes" selected=current == Some(true)>{td_string!(locale, funding.yes)}</option>
                            <option value="no" selected=current == Some(false)>{td_string!(locale, funding.no)}</option>
                        </select>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

fn override_of(o: &SystemOverrides, name: &str) -> Option<bool> {
    match name {
        "on_budget" => o.on_budget,
        "on_treasury" => o.on_treasury,
        "on_procurement" => o.on_procurement,
        "on_accounting" => o.on_accounting,
        "on_audit" => o.on_audit,
        "on_report" => o.on_report,
        _ => None,
    }
}

#[component]
pub fn PlannedDisbursements(
    planned: Vec<PlannedDisbursement>,
    context: FlowContext,
) -> impl IntoView {
    let can_edit = context.can_edit;
    let locale = crate::language::current();
    let list = (!planned.is_empty()).then(|| {
        let context = context.clone();
        view! {
            <h3>{td_string!(locale, funding.planned_disbursements)}</h3>
            <ul>
                {planned
                    .into_iter()
                    .map(|p| {
                        let line = td_string!(
                            locale,
                            funding.planned_line,
                            start = p.period_start.to_string(),
                            end = p.period_end.to_string(),
                            amount = crate::language::amount_with_currency(locale, p.amount, p.currency.as_str()),
                        )
                        .to_string();
                        let edit = can_edit.then(|| view! { <PlannedEdit p context=context.clone() /> });
                        view! { <li>{line}{edit}</li> }
                    })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        {list}
        {can_edit.then(|| view! { <PlannedAdd context /> })}
    }
}

#[component]
fn PlannedEdit(p: PlannedDisbursement, context: FlowContext) -> impl IntoView {
    let FlowActions { replan, unplan, .. } = context.actions;
    let (id, version) = (p.id, p.version);
    let locale = crate::language::current();
    let label = td_string!(
        locale,
        funding.delete_plan,
        amount = crate::language::amount_with_currency(locale, p.amount, p.currency.as_str()),
        start = p.period_start.to_string(),
    )
    .to_string();
    let (code, again) = (context.code.clone(), context.code);
    let fields = view! { <PlannedFields prefix=format!("planned-{id}") p=Some(p) /> };
    view! {
        <details class="edit">
            <summary>{td_string!(locale, funding.correct_or_delete)}</summary>
            <ActionForm action=replan attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="planned_id" value=id />
                <input type="hidden" name="version" value=version />
                {fields}
                <button type="submit">{td_string!(locale, funding.save_correction)}</button>
            </ActionForm>
            <ActionForm action=unplan>
                <CsrfField />
                <input type="hidden" name="country" value=again />
                <input type="hidden" name="planned_id" value=id />
                <input type="hidden" name="version" value=version />
                <button type="submit" class="danger">{label}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn PlannedAdd(context: FlowContext) -> impl IntoView {
    let prefix = format!("new-planned-{}", context.activity_id);
    let plan = context.actions.plan;
    let locale = crate::language::current();
    view! {
        <details class="edit">
            <summary>{td_string!(locale, funding.add_a_planned_disbursement)}</summary>
            <ActionForm action=plan attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || plan.version().get()) />
                <input type="hidden" name="country" value=context.code />
                <input type="hidden" name="activity_id" value=context.activity_id />
                <PlannedFields prefix p=None />
                <button type="submit">{td_string!(locale, funding.add_planned_disbursement)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn PlannedFields(prefix: String, p: Option<PlannedDisbursement>) -> impl IntoView {
    let id = move |name: &str| format!("{prefix}-{name}");
    let text = |f: fn(&PlannedDisbursement) -> String| p.as_ref().map(f).unwrap_or_default();
    let locale = crate::language::current();
    view! {
        <label for=id("period_start")>{td_string!(locale, funding.period_starts)}</label>
        <input id=id("period_start") name="planned[period_start]" type="date" required=true value=text(|p| p.period_start.to_string()) />
        <label for=id("period_end")>{td_string!(locale, funding.period_ends)}</label>
        <input id=id("period_end") name="planned[period_end]" type="date" required=true value=text(|p| p.period_end.to_string()) />
        <label for=id("amount")>{td_string!(locale, funding.amount)}</label>
        <input id=id("amount") name="planned[amount]" inputmode="decimal" required=true value=text(|p| money(p.amount)) />
        <label for=id("currency")>{td_string!(locale, funding.currency_blank_activity)}</label>
        <input id=id("currency") name="planned[currency]" maxlength="3" value=text(|p| p.currency.to_string()) />
    }
}
