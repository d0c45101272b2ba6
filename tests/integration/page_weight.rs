//! What a cold visit downloads: each main page's HTML (gzip, as sent), the
//! site's wasm, JS and CSS, and how many requests the visit makes. The
//! site's files are named by their digest and kept by browsers for good;
//! pages carry no hydration data for what is not an island. Needs the site
//! (`scripts/site.sh`).

use app::services::demo;
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING};
use tests::{Client, TestApp, both_backends, demo as accounts};

/// The most HTML gzip-compressed a main page may send, at demo scale.
const PAGE_BUDGET: usize = 60 * 1024;

const MAIN_PAGES: [&str; 13] = [
    "/",
    "/countries/XD",
    "/countries/XD/strategy",
    "/countries/XD/transition",
    "/countries/XD/compact",
    "/countries/XD/funding",
    "/countries/XD/funding/activities",
    "/countries/XD/activities",
    "/countries/XD/budget",
    "/countries/XD/indicators",
    "/countries/XD/dashboard",
    "/countries/XD/scorecards",
    "/countries/XD/admin/audit",
];

/// GETs `path` asking for `encoding`: the status, the headers and the body
/// as sent (still compressed).
async fn fetch(
    client: &Client,
    path: &str,
    encoding: &str,
) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let response = client
        .http
        .get(format!("{}{path}", client.base))
        .header(ACCEPT_ENCODING, encoding)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.unwrap_or_else(|e| panic!("{e}"));
    (status, headers, body.to_vec())
}

/// The site's files a page loads: every `/pkg/` address in it, once each.
fn assets_of(html: &str) -> Vec<String> {
    let mut assets: Vec<String> = html
        .match_indices("\"/pkg/")
        .filter_map(|(at, _)| html[at + 1..].split('"').next())
        .map(str::to_string)
        .collect();
    assets.sort();
    assets.dedup();
    assets
}

both_backends! {
    async fn a_cold_visit_to_each_main_page_stays_light(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;

        // The site's files: named by their digest, kept for good, compressed.
        let (_, html) = admin.get_text("/").await;
        let assets = assets_of(&html);
        assert_eq!(assets.len(), 3, "the page loads its JS, wasm and CSS: {assets:?}");
        let mut site_bytes = Vec::new();
        for asset in &assets {
            let name = asset.rsplit('/').next().unwrap();
            let hash = name.split('.').nth(1).unwrap_or_default();
            assert!(
                hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
                "{asset} is not named by its digest; build the site with scripts/site.sh"
            );
            for encoding in ["br", "gzip"] {
                let (status, headers, body) = fetch(&admin, asset, encoding).await;
                assert_eq!(status, 200, "{asset}");
                assert_eq!(headers[CACHE_CONTROL], "public, max-age=31536000, immutable", "{asset}");
                assert_eq!(headers[CONTENT_ENCODING], encoding, "{asset}");
                if encoding == "gzip" {
                    site_bytes.push((name.to_string(), body.len()));
                }
            }
        }

        println!("| page | HTML, gzip | requests, cold visit |");
        println!("|---|---:|---:|");
        for path in MAIN_PAGES {
            let (status, headers, body) = fetch(&admin, path, "gzip").await;
            assert_eq!(status, 200, "{path}");
            assert_eq!(headers[CONTENT_ENCODING], "gzip", "{path}");
            assert!(body.len() <= PAGE_BUDGET, "{path}: {} bytes of HTML, gzip", body.len());
            let (_, html) = admin.get_text(path).await;
            // Nothing outside an island is hydrated, so no resource's data
            // is sent; a resource the page made and did not wait for may
            // still be announced, empty (`null`), when it settles.
            for list in html.split("__RESOLVED_RESOURCES=[").skip(1) {
                assert!(list.starts_with(']'), "{path} embeds hydration data: {list:.300}");
            }
            for sent in html.split("__RESOLVED_RESOURCES[").skip(1) {
                let value = sent.split_once("] = ").map_or("", |(_, v)| v);
                let value = value.split(";</script>").next().unwrap_or(value);
                assert_eq!(value, "\"null\"", "{path} embeds hydration data: {sent:.300}");
            }
            assert_eq!(assets_of(&html), assets, "{path} loads other files");
            println!("| `{path}` | {} | {} |", body.len(), 1 + assets.len());
        }
        for (name, bytes) in site_bytes {
            println!("{name}: {bytes} bytes gzip");
        }
        app.stop().await;
    }
}
