//! Many people writing at the same moment: every write waits its turn and
//! succeeds, and none is lost.

use app::server_fns::{AddComment, AddTransaction};
use app::services::accounts::audit::Author;
use app::services::funding::activities;
use app::services::strategy::{lifecycle, strategies};
use app::services::{accounts::countries, demo};
use app::types::StrategyStatus;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tests::{Client, TestApp, both_backends, demo as accounts};

/// Comments and transactions posted at once, half each.
const AT_ONCE: usize = 50;

both_backends! {
    async fn fifty_writes_posted_at_once_all_succeed(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let (draft, _, _) = strategies::versions(&t.db, country_id)
            .await
            .unwrap()
            .into_iter()
            .find(|(_, _, status)| *status == StrategyStatus::Draft)
            .unwrap();
        lifecycle::send_to_consultation(&t.db, &Author::system("test"), draft).await.unwrap();
        let priority = entities::priority::Entity::find()
            .filter(entities::priority::Column::StrategyId.eq(draft))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        let app = TestApp::spawn(&t).await;
        let reviewer = Client::signed_in(&app, accounts::REVIEWER.0, accounts::REVIEWER.1).await;
        let norway = Client::signed_in(&app, accounts::NORAD.0, accounts::NORAD.1).await;
        let actor = crate::fixtures::actor(&t, accounts::NORAD.0).await;
        let activity = activities::of_organisation(&t.db, country_id, actor.organisation_id)
            .await
            .unwrap()[0]
            .id
            .to_string();
        let (reviewer_csrf, norway_csrf) = (reviewer.csrf().await, norway.csrf().await);
        let comments = async || entities::strategy_comment::Entity::find().count(&t.db).await.unwrap();
        let flows = async || entities::transaction::Entity::find().count(&t.db).await.unwrap();
        let (comments_before, flows_before) = (comments().await, flows().await);

        let posts = (0..AT_ONCE).map(|n| {
            let once = app::services::accounts::password::random_token();
            let (reviewer, norway) = (&reviewer, &norway);
            let (reviewer_csrf, norway_csrf) = (&reviewer_csrf, &norway_csrf);
            let (priority, activity) = (&priority, &activity);
            async move {
                if n % 2 == 0 {
                    let body = format!("Comment {n} of many at once");
                    reviewer
                        .call::<AddComment>(&[
                            ("csrf", reviewer_csrf.as_str()),
                            ("once", once.as_str()),
                            ("priority_id", priority.as_str()),
                            ("body", body.as_str()),
                        ])
                        .await
                } else {
                    let amount = format!("{}", 1_000 + n);
                    norway
                        .call::<AddTransaction>(&[
                            ("csrf", norway_csrf.as_str()),
                            ("once", once.as_str()),
                            ("country", "XD"),
                            ("activity_id", activity.as_str()),
                            ("transaction[kind]", "3"),
                            ("transaction[transaction_date]", "2026-09-30"),
                            ("transaction[amount]", amount.as_str()),
                        ])
                        .await
                }
            }
        });
        let answers = futures_util::future::join_all(posts).await;
        let failed: Vec<_> = answers.iter().filter(|a| !a.is_success()).collect();
        assert!(failed.is_empty(), "{} of {AT_ONCE} failed: {failed:?}", failed.len());
        let half = u64::try_from(AT_ONCE / 2).unwrap();
        assert_eq!(comments().await, comments_before + half, "every comment kept");
        assert_eq!(flows().await, flows_before + half, "every transaction kept");
        app.stop().await;
    }
}
