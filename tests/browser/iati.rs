use app::services::{accounts::countries, accounts::organisations, demo, funding::activities};
use tests::{Browser, TestApp, both_backends, demo as accounts};

use crate::forms::{press, sign_in, wait_for_text};

const FILE: &str = r#"<iati-activities version="2.03">
 <iati-activity default-currency="NOK">
  <iati-identifier>NO-BRC-971277882-XD-7</iati-identifier>
  <reporting-org ref="NO-BRC-971277882" type="10"><narrative>Norway (Norad)</narrative></reporting-org>
  <title><narrative>Imported in the browser</narrative></title>
  <activity-status code="2"/>
  <recipient-country code="XD"/>
  <transaction>
   <transaction-type code="2"/>
   <transaction-date iso-date="2026-08-01"/>
   <value value-date="2026-08-01">250000</value>
  </transaction>
 </iati-activity>
</iati-activities>"#;

both_backends! {
    async fn a_partner_imports_its_iati_file(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let browser = Browser::start(true).await;
        sign_in(&browser, &app, accounts::NORAD).await;
        browser.goto(&app.url("/countries/XD/funding/iati")).await;
        browser.wait_for_hydration().await;
        // Set whole: typing a long file key by key is slow and adds nothing.
        browser.wait_for_css("#file").await;
        browser
            .client
            .execute(
                "const f = document.querySelector('#file'); f.value = arguments[0]; f.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![FILE.into()],
            )
            .await
            .unwrap();
        press(&browser, "Import").await;
        wait_for_text(&browser, "1 activities imported, 0 updated, 0 skipped; 1 transactions imported (NOK 250,000.00).").await;

        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let norad = organisations::list(&t.db, country_id).await.unwrap()
            .into_iter().find(|o| o.acronym.as_deref() == Some("Norad")).unwrap().id;
        let imported = activities::of_organisation(&t.db, country_id, norad).await.unwrap()
            .into_iter().find(|a| a.iati_identifier.as_deref() == Some("NO-BRC-971277882-XD-7"))
            .expect("the activity is recorded");
        assert_eq!(imported.title, "Imported in the browser");
        browser.close().await;
        app.stop().await;
    }
}
