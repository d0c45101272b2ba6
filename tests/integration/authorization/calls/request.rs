//! One call in the making: who asks, through which client, with which CSRF
//! token, and the fixtures it may set up a target in.

use leptos::server_fn::ServerFn;
use tests::{Answer, Client, TestDb};

use crate::authorization::matrix::Asker;
use crate::authorization::world::World;

pub(super) struct Request<'a> {
    pub(super) t: &'a TestDb,
    pub(super) asker: Asker,
    pub(super) client: &'a Client,
    pub(super) world: &'a World,
    /// The call's number, which keeps its names and codes unique.
    pub(super) n: usize,
    pub(super) csrf: String,
}

impl Request<'_> {
    /// Posts `fields` to the server function `F` through the asker's client.
    pub(super) async fn send<F: ServerFn>(&self, fields: Vec<(&str, String)>) -> Answer {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.client.call::<F>(&fields).await
    }
}
