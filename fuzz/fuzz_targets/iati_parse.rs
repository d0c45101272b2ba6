//! The streaming IATI reader on arbitrary bytes, read to the end: it must
//! return activities, then `None` or one error, and never panic or loop.

#![no_main]

use app::services::iati::parse::ActivityReader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut reader = ActivityReader::new(data);
    let mut activities = 0usize;
    loop {
        match reader.next_activity() {
            Ok(Some(activity)) => {
                activities += 1;
                // Each activity takes at least `<iati-activity/>` of the input.
                assert!(
                    activities * 16 <= data.len(),
                    "more activities than the input holds"
                );
                assert!(activity.line >= 1);
            }
            Ok(None) => {
                // The end stays the end.
                assert!(matches!(reader.next_activity(), Ok(None)));
                break;
            }
            Err(err) => {
                assert!(err.line >= 1 && err.column >= 1, "error placed at {err}");
                break;
            }
        }
    }
});
