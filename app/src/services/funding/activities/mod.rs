//! Partners' activities and their flows: transactions and planned
//! disbursements. Every write is one database transaction with its audit
//! entry; every amount is stored as integer hundredths of its currency.

mod browse;
mod checks;
mod flows;
mod pending;
mod plans;
mod reads;
pub mod validation;
mod worklist;
mod writes;

pub use browse::{PAGE_SIZE, browse, public_activity};
pub use checks::{CountryFacts, check_transaction, validate};
pub use flows::{
    activity_of_transaction, add_transaction, add_transactions, delete_transaction,
    update_transaction,
};
pub use pending::{change_for, counts_at_once, initial_state, writable};
pub use plans::{
    activity_of_planned, add_planned_disbursement, add_planned_disbursements,
    delete_planned_disbursement, update_planned_disbursement,
};
pub use reads::{
    counted, of_organisation, participants, planned_to_wire, published, published_after,
    published_identifiers, published_page, transaction_to_wire,
};
pub use worklist::worklist;
pub use writes::{create, delete, get_model, insert_transaction, update, withdraw};
