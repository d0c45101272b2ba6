use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Map, json};
use tokio::process::{Child, Command};

/// How long a page may take to load or hydrate before a test fails.
const PATIENCE: Duration = Duration::from_secs(20);

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "chromedriver";

/// A headless Chromium driven through its own chromedriver.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("finding a free port: {e}"))
}

impl Browser {
    /// Starts Chromium with JavaScript on, or off to see what a browser
    /// without scripts (or before the wasm loads) gets.
    pub async fn start(javascript: bool) -> Browser {
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {CHROMEDRIVER} (apt-get install chromium chromium-driver): {e}"
                )
            });
        let profile = tempfile::tempdir().unwrap_or_else(|e| panic!("profile dir: {e}"));
        let mut options = json!({
            "binary": CHROMIUM,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                format!("--user-data-dir={}", profile.path().display()),
            ],
        });
        if !javascript {
            options["prefs"] = json!({ "profile.managed_default_content_settings.javascript": 2 });
        }
        let mut caps = Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        // chromedriver speaks plain HTTP on loopback: no TLS connector needed.
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(caps);
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = String::new();
        for _ in 0..100 {
            match builder.connect(&url).await {
                Ok(client) => {
                    return Browser {
                        client,
                        driver,
                        _profile: profile,
                    };
                }
                Err(err) => last_error = err.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver did not accept a session: {last_error}");
    }

    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("opening {url}: {e}"));
    }

    /// Waits until the page has hydrated (the app marks `<body>`).
    pub async fn wait_for_hydration(&self) {
        self.wait_for_css("body[data-hydrated='true']").await;
    }

    pub async fn wait_for_css(&self, selector: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("waiting for {selector}: {e}"))
    }

    /// Waits until the address bar shows `path`.
    pub async fn wait_for_path(&self, path: &str) {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let current = self.path().await;
            if current == path {
                return;
            }
            if tokio::time::Instant::now() > deadline {
                panic!("expected to reach {path}, still at {current}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn path(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.path().to_string())
            .unwrap_or_else(|e| panic!("current url: {e}"))
    }

    pub async fn text_of(&self, selector: &str) -> String {
        self.wait_for_css(selector)
            .await
            .text()
            .await
            .unwrap_or_else(|e| panic!("text of {selector}: {e}"))
    }

    /// Whether scripting is on in this page.
    pub async fn scripts_run(&self) -> bool {
        let found = self
            .client
            .find_all(Locator::Css("body[data-hydrated='true']"))
            .await
            .unwrap_or_default();
        !found.is_empty()
    }

    /// The site's files (`/pkg/`) this page loaded, each with the bytes it
    /// took from the network: 0 for a file the browser had kept.
    pub async fn site_files_loaded(&self) -> Vec<(String, u64)> {
        let entries = self
            .client
            .execute(
                "return performance.getEntriesByType('resource')\
                   .filter(e => new URL(e.name).pathname.startsWith('/pkg/'))\
                   .map(e => [e.name, e.transferSize]);",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("reading the resource timings: {e}"));
        serde_json::from_value(entries).unwrap_or_else(|e| panic!("resource timings: {e}"))
    }

    /// Saves a PNG of the page to `tests/artifacts/NAME.png`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("screenshot: {e}"));
        let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/artifacts"));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("creating {dir:?}: {e}"));
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("writing {path:?}: {e}"));
        path
    }

    pub async fn close(mut self) {
        let _ = self.client.close().await;
        let _ = self.driver.kill().await;
    }
}
