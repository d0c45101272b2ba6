use app::server_fns::{SessionInfo, SignIn};
use leptos::server_fn::ServerFn;

use crate::TestApp;

/// A browser-like HTTP client with its own cookie jar, for calling server
/// functions as a signed-in user would.
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
}

/// A server function's answer: status and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: String,
    pub headers: reqwest::header::HeaderMap,
}

impl Answer {
    pub fn is_success(&self) -> bool {
        self.status < 400
    }
}

impl Client {
    pub fn new(app: &TestApp) -> Client {
        Client::at(&app.url(""))
    }

    /// A client of the server at `base` (`http://host:port`).
    pub fn at(base: &str) -> Client {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(crate::REQUEST_TIME_LIMIT)
            .build()
            .unwrap_or_else(|e| panic!("http client: {e}"));
        Client {
            http,
            base: base.to_string(),
        }
    }

    /// Posts a form to server function `F`, as the live page does.
    pub async fn call<F: ServerFn>(&self, fields: &[(&str, &str)]) -> Answer {
        let response = self
            .http
            .post(format!("{}{}", self.base, F::PATH))
            .header("accept", "application/json")
            .form(fields)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {}: {e}", F::PATH));
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.text().await.unwrap_or_default();
        Answer {
            status,
            body,
            headers,
        }
    }

    /// Posts a form to server function `F` as a browser does without
    /// JavaScript, from the page at `from` (the address it goes back to).
    pub async fn post_form<F: ServerFn>(&self, from: &str, fields: &[(&str, &str)]) -> Answer {
        let response = self
            .http
            .post(format!("{}{}", self.base, F::PATH))
            .header("accept", "text/html")
            .header("referer", format!("{}{from}", self.base))
            .form(fields)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {}: {e}", F::PATH));
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.text().await.unwrap_or_default();
        Answer {
            status,
            body,
            headers,
        }
    }

    /// Where a redirecting answer sends the browser, as a path on the site.
    pub fn location(&self, answer: &Answer) -> String {
        let to = answer
            .headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("no redirect: {answer:?}"));
        to.strip_prefix(&self.base).unwrap_or(to).to_string()
    }

    /// The session as the server sees it; sets the CSRF cookie on first use.
    pub async fn session(&self) -> SessionInfo {
        let answer = self.call::<app::server_fns::CurrentSession>(&[]).await;
        assert_eq!(answer.status, 200, "{answer:?}");
        serde_json::from_str(&answer.body).unwrap_or_else(|e| panic!("{e}: {}", answer.body))
    }

    pub async fn csrf(&self) -> String {
        self.session().await.csrf
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Answer {
        let csrf = self.csrf().await;
        self.call::<SignIn>(&[("csrf", &csrf), ("email", email), ("password", password)])
            .await
    }

    /// Signs in and fails the test unless it worked.
    pub async fn signed_in(app: &TestApp, email: &str, password: &str) -> Client {
        let client = Client::new(app);
        let answer = client.sign_in(email, password).await;
        assert!(answer.is_success(), "signing in {email}: {answer:?}");
        client
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let status = response.status().as_u16();
        (status, response.text().await.unwrap_or_default())
    }
}
