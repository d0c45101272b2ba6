//! Funding sums read from where the basis says: the cells, or (to check
//! them) the rows.

use sea_orm::ConnectionTrait;

use crate::AppError;
use crate::services::funding::basis::Basis;
use crate::services::funding::sums::{Flows, Group, Source};
use crate::services::funding::{cells, reference};

/// Sums `flows` on `basis`, from its source.
pub(crate) async fn groups(
    db: &impl ConnectionTrait,
    basis: &Basis,
    flows: &Flows,
) -> Result<Vec<Group>, AppError> {
    match basis.source {
        Source::Cells => cells::reads::groups(db, basis, flows).await,
        Source::Rows => reference::groups(db, basis, flows).await,
    }
}
