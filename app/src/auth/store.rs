//! tower-sessions' store over the application database, so sessions survive
//! a restart and are shared by every server process on PostgreSQL.

use async_trait::async_trait;
use entities::session;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

fn backend(err: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
}

fn to_row(record: &Record) -> session_store::Result<session::ActiveModel> {
    let data = serde_json::to_string(&record.data)
        .map_err(|e| session_store::Error::Encode(e.to_string()))?;
    Ok(session::ActiveModel {
        id: Set(record.id.to_string()),
        data: Set(data),
        expires_at: Set(record.expiry_date.unix_timestamp()),
    })
}

fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // Expired sessions go when new ones come.
        session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lt(now()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        while session::Entity::find_by_id(record.id.to_string())
            .one(&self.db)
            .await
            .map_err(backend)?
            .is_some()
        {
            record.id = Id::default();
        }
        session::Entity::insert(to_row(record)?)
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        session::Entity::insert(to_row(record)?)
            .on_conflict(
                OnConflict::column(session::Column::Id)
                    .update_columns([session::Column::Data, session::Column::ExpiresAt])
                    .to_owned(),
            )
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row = session::Entity::find_by_id(id.to_string())
            .filter(session::Column::ExpiresAt.gt(now()))
            .one(&self.db)
            .await
            .map_err(backend)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let data = serde_json::from_str(&row.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = OffsetDateTime::from_unix_timestamp(row.expires_at)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        session::Entity::delete_by_id(id.to_string())
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
