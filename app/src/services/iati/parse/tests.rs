use super::*;

fn read_all(xml: &str) -> Result<Vec<IatiActivity>, XmlError> {
    let mut reader = ActivityReader::new(xml.as_bytes());
    let mut all = Vec::new();
    while let Some(a) = reader.next_activity()? {
        all.push(a);
    }
    Ok(all)
}

#[test]
fn reads_an_activity_and_its_transactions() {
    let xml = r#"<iati-activities version="2.03">
 <iati-activity default-currency="EUR" humanitarian="1">
  <iati-identifier>XM-1-A</iati-identifier>
  <reporting-org ref="XM-1" type="10"><narrative>Donor &amp; Co</narrative></reporting-org>
  <title><narrative>First</narrative><narrative xml:lang="fr">Premier</narrative></title>
  <transaction>
   <transaction-type code="3"/>
   <transaction-date iso-date="2026-01-02"/>
   <value currency="USD" value-date="2026-01-02">1000.50</value>
   <receiver-org ref="XM-2"><narrative>Ministry</narrative></receiver-org>
  </transaction>
 </iati-activity>
</iati-activities>"#;
    let all = read_all(xml).unwrap_or_default();
    assert_eq!(all.len(), 1);
    let a = &all[0];
    assert_eq!(a.identifier.as_deref(), Some("XM-1-A"));
    assert_eq!(a.title.as_deref(), Some("First"));
    assert!(a.humanitarian);
    assert_eq!(
        a.reporting_org.as_ref().and_then(|o| o.name.as_deref()),
        Some("Donor & Co")
    );
    let t = &a.transactions[0];
    assert_eq!(t.type_code.as_deref(), Some("3"));
    assert_eq!(t.value.as_ref().map(|v| v.text.as_str()), Some("1000.50"));
    assert_eq!(
        t.receiver.as_ref().and_then(|o| o.name.as_deref()),
        Some("Ministry")
    );
}

#[test]
fn truncated_file_is_an_error_with_its_place() {
    let xml = "<iati-activities version=\"2.03\">\n <iati-activity>\n  <iati-identifier>X</iati-identifier>\n  <title";
    let err = read_all(xml).err();
    assert_eq!(err.as_ref().map(|e| e.line), Some(4), "{err:?}");
}

#[test]
fn file_ending_inside_an_activity_is_an_error() {
    let xml = "<iati-activities>\n<iati-activity>\n<iati-identifier>X</iati-identifier>\n";
    let err = read_all(xml).err();
    assert!(err.is_some_and(|e| e.message.contains("iati-activity")));
}
