//! Calls the server function a matrix row names, as one asker: each domain's
//! file knows its own rows and sets up the target each call needs.

mod accounts;
mod compact;
mod fragility;
mod funding;
mod iati;
mod indicators;
mod rates;
mod request;
mod strategy;
mod transition;
mod validation;

use tests::{Answer, Client, TestDb};

use crate::authorization::matrix::Asker;
use crate::authorization::world::World;
use request::Request;

/// Calls the server function a matrix row names, as `asker`. Each call gets
/// a target in the state it needs, so earlier calls cannot spoil it.
pub(super) async fn call(
    t: &TestDb,
    row: &str,
    asker: Asker,
    client: &Client,
    world: &World,
    n: usize,
) -> Answer {
    let request = Request {
        t,
        asker,
        client,
        world,
        n,
        csrf: client.csrf().await,
    };
    let r = &request;
    if let Some(answer) = accounts::call(row, r).await {
        return answer;
    }
    if let Some(answer) = strategy::call(row, r).await {
        return answer;
    }
    if let Some(answer) = transition::call(row, r).await {
        return answer;
    }
    if let Some(answer) = fragility::call(row, r).await {
        return answer;
    }
    if let Some(answer) = compact::call(row, r).await {
        return answer;
    }
    if let Some(answer) = funding::call(row, r).await {
        return answer;
    }
    if let Some(answer) = rates::call(row, r).await {
        return answer;
    }
    if let Some(answer) = indicators::call(row, r).await {
        return answer;
    }
    if let Some(answer) = iati::call(row, r).await {
        return answer;
    }
    if let Some(answer) = validation::call(row, r).await {
        return answer;
    }
    panic!("the matrix names {row}, which this test cannot call")
}
