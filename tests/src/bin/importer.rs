//! Imports one file into a database and prints `started` first: the
//! process the crash tests kill in the middle of an import.
//!
//! `importer iati|csv DATABASE_URL COUNTRY FILE`

use std::io::Write;

use app::services::accounts::audit::Author;
use app::services::accounts::countries;
use app::services::{funding::transaction_import, iati};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, kind, url, country, file] = args.as_slice() else {
        return Err("usage: importer iati|csv DATABASE_URL COUNTRY FILE".into());
    };
    let db = server::db::open(url).await?;
    let (country_id, _) = countries::get_with_id(&db, country).await?;
    let author = Author::system("importer");
    println!("started");
    std::io::stdout().flush()?;
    match kind.as_str() {
        "iati" => {
            let source = std::io::BufReader::new(std::fs::File::open(file)?);
            let report = iati::import(&db, &author, country_id, None, file, source).await?;
            println!("imported {} activities", report.totals.activities_imported);
        }
        "csv" => {
            let text = std::fs::read_to_string(file)?;
            let count = transaction_import::import(&db, &author, country_id, None, &text).await?;
            println!("imported {count} transactions");
        }
        other => return Err(format!("kind: {other} is neither iati nor csv").into()),
    }
    Ok(())
}
