use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    .col(string_len_uniq(Users::Email, 254))
                    .col(string_len(Users::DisplayName, 200))
                    .col(integer(Users::OrganisationId))
                    .col(string_len(Users::PasswordHash, 200))
                    .col(boolean(Users::MustChangePassword))
                    .col(boolean(Users::IsSignatory))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_users_organisation")
                            .from(Users::Table, Users::OrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Memberships::Table)
                    .col(pk_auto(Memberships::Id))
                    .col(integer(Memberships::UserId))
                    .col(integer(Memberships::CountryId))
                    .col(string_len(Memberships::Role, 32))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_memberships_user")
                            .from(Memberships::Table, Memberships::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_memberships_country")
                            .from(Memberships::Table, Memberships::CountryId)
                            .to(Countries::Table, Countries::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_memberships_user_country")
                    .table(Memberships::Table)
                    .col(Memberships::UserId)
                    .col(Memberships::CountryId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(string_len(Sessions::Id, 64).primary_key())
                    .col(text(Sessions::Data))
                    .col(big_integer(Sessions::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_sessions_expires_at")
                    .table(Sessions::Table)
                    .col(Sessions::ExpiresAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::UserId))
                    .col(string_len(AuditLog::ActorLabel, 254))
                    .col(integer_null(AuditLog::CountryId))
                    .col(string_len(AuditLog::ObjectType, 64))
                    .col(integer(AuditLog::ObjectId))
                    .col(string_len(AuditLog::Action, 16))
                    .col(text_null(AuditLog::Before))
                    .col(text_null(AuditLog::After))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("ix_audit_log_object", AuditLog::ObjectType),
            ("ix_audit_log_user", AuditLog::UserId),
            ("ix_audit_log_at", AuditLog::At),
        ] {
            let mut index = Index::create();
            index.name(name).table(AuditLog::Table).col(col);
            if name == "ix_audit_log_object" {
                index.col(AuditLog::ObjectId);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            Sessions::Table.into_iden(),
            Memberships::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Countries {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    OrganisationId,
    PasswordHash,
    MustChangePassword,
    IsSignatory,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Memberships {
    Table,
    Id,
    UserId,
    CountryId,
    Role,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    UserId,
    ActorLabel,
    CountryId,
    ObjectType,
    ObjectId,
    Action,
    Before,
    After,
}
