use clap::{CommandFactory, Parser};
use server::cli::{Cli, Command};

#[test]
fn help_lists_every_subcommand() {
    let help = Cli::command().render_long_help().to_string();
    for sub in [
        "serve",
        "migrate",
        "add-country",
        "seed-demo",
        "import-iati",
        "export-iati",
        "check-totals",
        "backup",
        "restore",
        "transfer",
    ] {
        assert!(help.contains(sub), "--help does not list {sub}:\n{help}");
    }
}

#[test]
fn serve_is_the_default_and_add_country_parses() {
    let cli = Cli::try_parse_from(["compact-tracker"]).unwrap_or_else(|e| panic!("{e}"));
    assert!(cli.command.is_none(), "no subcommand means serve");
    let cli = Cli::try_parse_from([
        "compact-tracker",
        "add-country",
        "TL",
        "Timor-Leste",
        "--currency",
        "USD",
        "--fiscal-year-start-month",
        "7",
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    match cli.command {
        Some(Command::AddCountry(args)) => {
            assert_eq!(args.code, "TL");
            assert_eq!(args.name, "Timor-Leste");
            assert_eq!(args.currency, "USD");
            assert_eq!(args.fiscal_year_start_month, 7);
        }
        other => panic!("parsed as {other:?}"),
    }
}

#[test]
fn iati_commands_parse() {
    let cli = Cli::try_parse_from([
        "compact-tracker",
        "import-iati",
        "--country",
        "XD",
        "--json",
        "a.xml",
        "b.xml",
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    match cli.command {
        Some(Command::ImportIati(args)) => {
            assert_eq!(args.country, "XD");
            assert!(args.json);
            assert_eq!(args.files.len(), 2);
        }
        other => panic!("parsed as {other:?}"),
    }
    assert!(Cli::try_parse_from(["compact-tracker", "import-iati", "--country", "XD"]).is_err());
    let cli = Cli::try_parse_from([
        "compact-tracker",
        "export-iati",
        "--country",
        "XD",
        "--out",
        "x.xml",
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(cli.command, Some(Command::ExportIati(args)) if args.out.is_some()));
}

#[test]
fn backup_restore_and_transfer_parse() {
    let parse = |args: &[&str]| Cli::try_parse_from(args).map(|cli| cli.command);
    assert!(matches!(
        parse(&["compact-tracker", "backup", "--out", "b.db"]),
        Ok(Some(Command::Backup(args))) if args.out.ends_with("b.db")
    ));
    assert!(
        parse(&["compact-tracker", "backup"]).is_err(),
        "backup needs --out"
    );
    assert!(matches!(
        parse(&["compact-tracker", "restore", "b.db", "--replace"]),
        Ok(Some(Command::Restore(args))) if args.replace && args.file.ends_with("b.db")
    ));
    assert!(matches!(
        parse(&["compact-tracker", "transfer", "--from", "sqlite://a.db", "--to", "postgres://h/d"]),
        Ok(Some(Command::Transfer(args))) if !args.replace && args.to == "postgres://h/d"
    ));
    assert!(parse(&["compact-tracker", "transfer", "--from", "sqlite://a.db"]).is_err());
}
