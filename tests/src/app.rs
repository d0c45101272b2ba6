use std::net::SocketAddr;
use std::path::PathBuf;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::{REQUEST_TIME_LIMIT, TestDb};

/// The real server, on a free port of 127.0.0.1, over a test database.
pub struct TestApp {
    pub addr: SocketAddr,
    pub http: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

/// The compiled site (`scripts/site.sh` writes it): `LEPTOS_SITE_ROOT` or
/// the workspace's `target/site`.
pub fn site_root() -> PathBuf {
    std::env::var_os("LEPTOS_SITE_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site")))
}

impl TestApp {
    pub async fn spawn(db: &TestDb) -> TestApp {
        Self::spawn_with(db, app::state::Settings::default()).await
    }

    pub async fn spawn_with(db: &TestDb, settings: app::state::Settings) -> TestApp {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("binding a port: {e}"));
        let addr = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("local address: {e}"));
        let site_root = site_root();
        let state =
            server::serve::app_state(db.db.clone(), &site_root.to_string_lossy(), addr, settings);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server::serve::serve_on(listener, state, async move {
            let _ = stopped.await;
        }));
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(REQUEST_TIME_LIMIT)
            .build()
            .unwrap_or_else(|e| panic!("http client: {e}"));
        TestApp {
            addr,
            http,
            stop: Some(stop),
            task,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(self.url(path))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// GET and return the status and body text.
    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        let body = response
            .text()
            .await
            .unwrap_or_else(|e| panic!("body of {path}: {e}"));
        (status, body)
    }

    /// True while the server task is still running.
    pub fn is_running(&self) -> bool {
        !self.task.is_finished()
    }

    /// Stops the server gracefully and waits for it.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match tokio::time::timeout(crate::REQUEST_TIME_LIMIT, &mut self.task).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(err))) => panic!("server failed: {err}"),
            Ok(Err(err)) => panic!("server task: {err}"),
            Err(_) => panic!("the server did not stop within {REQUEST_TIME_LIMIT:?}"),
        }
    }
}
