//! Partners' activities and their flows: transactions and planned
//! disbursements. Every write is one database transaction with its audit
//! entry; every amount is stored as integer hundredths of its currency.

mod checks;
mod reads;
mod writes;

pub use checks::{CountryFacts, check_transaction, validate};
pub use reads::{of_organisation, published};
pub use writes::{
    add_planned_disbursement, add_transaction, create, get_model, insert_transaction,
};
