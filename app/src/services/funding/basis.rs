//! What a request's funding figures are computed against, loaded once: the
//! country, its rates to the reporting currency, its organisations (the
//! pooled funds among them) and its endorsed strategy. A dashboard computes
//! two fiscal years and a funding view from one basis.

use std::collections::HashMap;

use entities::organisation;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::AppError;
use crate::services::funding::rates::RateTable;
use crate::services::funding::sums::Source;
use crate::types::{Country, OrganisationKind, Strategy};

/// One country's figures' basis, as it stood when the request began.
pub struct Basis {
    pub country_id: i32,
    pub country: Country,
    pub rates: RateTable,
    /// Each organisation's name.
    pub names: HashMap<i32, String>,
    /// The ids of the pooled funds.
    pub funds: Vec<i32>,
    /// The latest endorsed strategy, if any.
    pub strategy: Option<Strategy>,
    /// Where the sums are read from: the cells, unless checking them.
    pub source: Source,
}

impl Basis {
    pub async fn load(db: &impl ConnectionTrait, country_id: i32) -> Result<Self, AppError> {
        Self::load_from(db, country_id, Source::Cells).await
    }

    /// The basis of figures computed from `source`.
    pub async fn load_from(
        db: &impl ConnectionTrait,
        country_id: i32,
        source: Source,
    ) -> Result<Self, AppError> {
        let country = crate::services::accounts::countries::get_by_id(db, country_id).await?;
        let rates = RateTable::load(db, country_id, &country.currency).await?;
        let organisations = organisation::Entity::find()
            .filter(organisation::Column::CountryId.eq(country_id))
            .all(db)
            .await?;
        let funds = organisations
            .iter()
            .filter(|o| o.kind == OrganisationKind::PooledFund.code())
            .map(|o| o.id)
            .collect();
        let names = organisations.into_iter().map(|o| (o.id, o.name)).collect();
        let strategy =
            crate::services::strategy::strategies::latest_endorsed(db, country_id).await?;
        Ok(Self {
            country_id,
            country,
            rates,
            names,
            funds,
            strategy,
            source,
        })
    }

    /// An organisation's name; its id where it has none here.
    pub fn name(&self, id: i32) -> String {
        self.names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}
