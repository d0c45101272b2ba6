//! IATI: a partner's import of its published activities.

use app::server_fns::ImportIati;
use tests::Answer;

use super::request::Request;

pub(super) async fn call(name: &str, r: &Request<'_>) -> Option<Answer> {
    let (csrf, world, n) = (&r.csrf, r.world, r.n);
    let answer = match name {
        "import_iati" => {
            r.send::<ImportIati>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("organisation_id", world.norad.clone()),
                (
                    "file",
                    format!(
                        "<iati-activities version=\"2.03\"><iati-activity><iati-identifier>XM-AUTH-{n}</iati-identifier></iati-activity></iati-activities>"
                    ),
                ),
            ])
            .await
        }
        _ => return None,
    };
    Some(answer)
}
