use std::process::ExitCode;

use app::AppError;
use std::io::Read;

use app::services::accounts::audit::Author;
use app::types::Role;
use app::types::{NewCountry, NewUser};
use clap::Parser;
use server::cli::{Cli, Command};
use server::{db, serve};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sea_orm_migration=warn")),
        )
        .with_writer(std::io::stderr);
    if std::env::var("COMPACT_LOG_FORMAT").is_ok_and(|format| format == "json") {
        logs.json().init();
    } else {
        logs.init();
    }
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    use server::transfer;
    let copied = match &cli.command {
        Some(Command::Backup(args)) => Some(transfer::backup(&cli.database_url, &args.out).await?),
        Some(Command::Restore(args)) => {
            Some(transfer::restore(&args.file, &cli.database_url, args.replace).await?)
        }
        Some(Command::Transfer(args)) => {
            Some(transfer::between(&args.from, &args.to, args.replace).await?)
        }
        _ => None,
    };
    if let Some(report) = copied {
        for (table, rows) in &report.tables {
            println!("{table:<28} {rows:>12}");
        }
        println!(
            "Copied {} rows in {} tables; row counts and funding totals checked.",
            report.rows(),
            report.tables.len()
        );
        return Ok(());
    }
    let db = db::open(&cli.database_url).await?;
    match cli.command.unwrap_or(Command::Serve(Default::default())) {
        Command::Serve(args) => serve::run(db, args).await?,
        Command::Migrate => println!("The database schema is up to date."),
        Command::AddCountry(args) => {
            let country = app::services::accounts::countries::create(
                &db,
                &Author::system(COMMAND_LINE),
                NewCountry {
                    code: args.code,
                    name: args.name,
                    currency: args.currency,
                    fiscal_year_start_month: args.fiscal_year_start_month,
                },
            )
            .await
            .map_err(describe)?;
            println!("Added {} ({}).", country.name, country.code);
        }
        Command::SeedDemo => {
            let report = app::services::demo::seed(&db).await.map_err(describe)?;
            println!(
                "Demo data loaded: {} ({}) with {} organisations. It is sample data for a fictional country.",
                report.country.name, report.country.code, report.organisations
            );
            println!("Demo accounts (demo passwords, never for real use):");
            for (email, password, role) in report.accounts {
                println!("  {email:<28} {password:<20} {}", role.label());
            }
        }
        Command::CreateUser(args) => create_user(&db, args).await?,
        Command::ImportIati(args) => import_iati(&db, args).await?,
        Command::ExportIati(args) => {
            server::iati::export_file(&db, &args.country, args.out.as_ref()).await?
        }
        Command::CheckTotals(args) => check_totals(&db, args).await?,
        Command::Backup(_) | Command::Restore(_) | Command::Transfer(_) => {}
    }
    Ok(())
}

const COMMAND_LINE: &str = "command line";

async fn check_totals(
    db: &sea_orm::DatabaseConnection,
    args: server::cli::CheckTotalsArgs,
) -> anyhow::Result<()> {
    use app::services::funding::check::{Depth, totals};
    let (country_id, country) = app::services::accounts::countries::get_with_id(db, &args.country)
        .await
        .map_err(describe)?;
    let depth = if args.partners {
        Depth::Partners
    } else {
        Depth::Country
    };
    let differences = totals(db, country_id, depth).await.map_err(describe)?;
    if differences.is_empty() {
        println!(
            "{}: every funding figure kept as data is written equals its computation from the rows.",
            country.code
        );
        return Ok(());
    }
    for difference in &differences {
        println!("{difference}");
    }
    anyhow::bail!("{} differences in {}", differences.len(), country.code)
}

async fn import_iati(
    db: &sea_orm::DatabaseConnection,
    args: server::cli::ImportIatiArgs,
) -> anyhow::Result<()> {
    let (summary, all_read) = server::iati::import_files(db, &args.country, &args.files)
        .await
        .map_err(describe)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        server::iati::print_summary(&mut std::io::stdout(), &summary)?;
    }
    if !all_read {
        anyhow::bail!("a file could not be read; nothing of it was imported");
    }
    Ok(())
}

async fn create_user(
    db: &sea_orm::DatabaseConnection,
    args: server::cli::CreateUserArgs,
) -> anyhow::Result<()> {
    let role = Role::from_code(&args.role).ok_or_else(|| {
        anyhow::anyhow!(
            "role: must be one of {}",
            Role::ALL.map(Role::code).join(", ")
        )
    })?;
    let country = app::services::accounts::countries::get_with_id(db, &args.country)
        .await
        .map_err(describe)?;
    let org = app::services::accounts::organisations::list(db, country.0)
        .await
        .map_err(describe)?
        .into_iter()
        .find(|o| {
            o.name.eq_ignore_ascii_case(&args.org)
                || o.acronym
                    .as_deref()
                    .is_some_and(|a| a.eq_ignore_ascii_case(&args.org))
        })
        .ok_or_else(|| {
            anyhow::anyhow!(
                "org: no organisation named {:?} in {}",
                args.org,
                country.1.code
            )
        })?;
    let password = match std::env::var("COMPACT_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let mut input = String::new();
            std::io::stdin().read_to_string(&mut input)?;
            input.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let issued = app::services::accounts::users::create(
        db,
        &Author::system(COMMAND_LINE),
        NewUser {
            email: args.email,
            display_name: args.name,
            organisation_id: org.id,
            role,
            signatory: args.signatory,
        },
        Some(password),
    )
    .await
    .map_err(describe)?;
    println!(
        "Created {} ({}, {} of {}).",
        issued.user.email,
        issued.user.display_name,
        role.label(),
        issued.user.organisation_name
    );
    Ok(())
}

/// Turns an application error into a message for the terminal.
fn describe(err: AppError) -> anyhow::Error {
    match err {
        AppError::Invalid(errors) => anyhow::anyhow!(
            "{}",
            errors
                .iter()
                .map(|e| format!("{}: {}", e.field.replace('_', "-"), e.message))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        other => anyhow::anyhow!("{other}"),
    }
}
