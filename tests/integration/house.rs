//! Two house rules, held for the whole workspace.
//!
//! - No source file is over 500 lines: a newcomer finds things in small
//!   files. Data tables (files under a folder named `data`) are exempt;
//!   generated code lives in `app/codelists`, outside the folders checked.
//! - No module imports one that imports it back: modules that import each
//!   other cannot be understood alone. A parent declaring or re-exporting its
//!   children, and a child using its parent's items, are structure, not
//!   circles; only modules where neither contains the other count. The
//!   `entities` crate is left out: SeaORM entities name each other's
//!   `Entity` in their relations both ways by design.
//!
//! The module check reads each crate from its root file through its `mod`
//! declarations, takes the `crate::`, `super::`, `self::` and child-module
//! paths each file writes outside comments and literals, resolves each to the
//! module that defines it (through one `pub use` re-export), and reports each
//! group of modules that reach each other.

mod graph;
mod scan;

use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const MAX_LINES: usize = 500;
/// The folders whose `.rs` files are held to the line limit.
const SOURCE_DIRS: [&str; 5] = [
    "app/src",
    "server/src",
    "entities/src",
    "migrations/src",
    "tests",
];
/// Each crate as its folder and its root file.
const CRATES: [(&str, &str); 8] = [
    ("app/src", "lib.rs"),
    ("server/src", "lib.rs"),
    ("server/src", "main.rs"),
    ("migrations/src", "lib.rs"),
    ("migrations/src", "main.rs"),
    ("tests/src", "lib.rs"),
    ("tests/integration", "main.rs"),
    ("tests/browser", "main.rs"),
];

fn root() -> PathBuf {
    Path::new(ROOT).canonicalize().expect("the workspace root")
}

#[test]
fn no_source_file_is_over_500_lines() {
    let root = root();
    let mut long = Vec::new();
    for dir in SOURCE_DIRS {
        for file in rust_files(&root.join(dir)) {
            let lines = fs::read_to_string(&file)
                .expect("a readable file")
                .lines()
                .count();
            if lines > MAX_LINES {
                let name = file.strip_prefix(&root).unwrap_or(&file).display();
                long.push(format!("{name} ({lines} lines)"));
            }
        }
    }
    let list = long.join("\n  ");
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines; split them:\n  {list}"
    );
}

/// The `.rs` files under `dir`, leaving out `target` and `data` folders.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !matches!(entry.file_name().to_str(), Some("target" | "data")) {
                files.extend(rust_files(&path));
            }
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let root = root();
    let mut found = Vec::new();
    for (dir, root_file) in CRATES {
        let folder = root.join(dir);
        let modules = graph::read_crate(|module| read_module(&folder, root_file, module));
        for cycle in graph::cycles(&modules) {
            found.push(format!("{dir}/{root_file}: {cycle}"));
        }
    }
    let list = found.join("\n");
    assert!(found.is_empty(), "modules that import each other:\n{list}");
}

/// The source of a module: the root file, or `a/b.rs` or `a/b/mod.rs`.
fn read_module(folder: &Path, root_file: &str, module: &[String]) -> Option<String> {
    let path = folder.join(module.iter().collect::<PathBuf>());
    let candidates = match module.is_empty() {
        true => vec![folder.join(root_file)],
        false => vec![path.with_extension("rs"), path.join("mod.rs")],
    };
    candidates
        .iter()
        .find_map(|file| fs::read_to_string(file).ok())
}

mod checks_itself {
    use super::graph::{cycles, display, edges, read_crate};
    use super::scan::ModPath;

    /// The modules a fake crate's module uses; files are `(path, source)`,
    /// the root being `""`.
    fn uses(files: &[(&str, &str)], from: &str) -> Vec<String> {
        let modules = read_crate(|module| {
            let name = module.join("::");
            files
                .iter()
                .find(|(path, _)| *path == name)
                .map(|(_, src)| src.to_string())
        });
        let from: ModPath = from.split("::").map(String::from).collect();
        let edges = edges(&modules);
        edges
            .get(&from)
            .into_iter()
            .flat_map(|e| e.keys())
            .map(|m| display(m))
            .collect()
    }

    fn cycles_of(files: &[(&str, &str)]) -> Vec<String> {
        cycles(&read_crate(|module| {
            let name = module.join("::");
            files
                .iter()
                .find(|(path, _)| *path == name)
                .map(|(_, src)| src.to_string())
        }))
    }

    #[test]
    fn two_modules_that_use_each_other_are_a_cycle() {
        let files = [
            ("", "mod a; mod b; mod c;"),
            ("a", "use crate::b::B; pub struct A;"),
            ("b", "pub fn f() -> super::a::A { todo!() }"),
            ("c", "use crate::a::A;"),
        ];
        let expected = "crate::a -> crate::b -> crate::a\n    \
            crate::a uses crate::b::B\n    crate::b uses super::a::A";
        assert_eq!(cycles_of(&files), [expected]);
    }

    #[test]
    fn a_longer_cycle_is_reported_once() {
        let files = [
            ("", "mod a; mod b; mod c;"),
            ("a", "use super::b;"),
            ("b", "use super::c;"),
            ("c", "use super::a;"),
        ];
        let found = cycles_of(&files);
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("crate::a -> crate::b -> crate::c -> crate::a\n"));
    }

    #[test]
    fn a_parent_reexporting_its_child_is_no_cycle() {
        let files = [
            ("", "pub mod ui;"),
            (
                "ui",
                "mod table;\npub use table::{Table, Badge};\nfn f() { table::x(); }",
            ),
            ("ui::table", "use super::helper; use crate::ui::Badge;"),
        ];
        assert!(cycles_of(&files).is_empty());
        assert!(uses(&files, "ui").is_empty());
    }

    #[test]
    fn a_path_through_a_reexport_reaches_the_child_that_defines_it() {
        let files = [
            ("", "mod types; mod pages; mod glob;"),
            (
                "types",
                "mod compact; mod year;\npub use compact::Commitment;\npub use year::{FiscalYear, month_name as month};",
            ),
            ("types::compact", ""),
            ("types::year", ""),
            ("glob", "mod inner; pub use inner::*;"),
            ("glob::inner", ""),
            (
                "pages",
                "use crate::types::{Commitment, month};\nfn f() { crate::types::FiscalYear::new(); crate::glob::G; }",
            ),
        ];
        let expected = ["crate::glob", "crate::types::compact", "crate::types::year"];
        assert_eq!(uses(&files, "pages"), expected);
    }

    #[test]
    fn nested_groups_super_and_imported_modules_are_followed() {
        let files = [
            ("", "mod services; mod pages;"),
            ("services", "pub mod accounts; pub mod funding;"),
            ("services::accounts", "pub mod audit;"),
            ("services::accounts::audit", ""),
            (
                "services::funding",
                "pub mod rates; pub mod report; pub mod sums;",
            ),
            (
                "services::funding::rates",
                "use super::super::accounts::audit as log;\nfn f() { log::write(); }",
            ),
            ("services::funding::report", ""),
            ("services::funding::sums", ""),
            (
                "pages",
                "use crate::services::{accounts::audit, funding::{self, rates, report::Report}};\nfn f() { funding::sums::total(); }",
            ),
        ];
        let expected = [
            "crate::services::accounts::audit",
            "crate::services::funding",
            "crate::services::funding::rates",
            "crate::services::funding::report",
            "crate::services::funding::sums",
        ];
        assert_eq!(uses(&files, "pages"), expected);
        assert_eq!(
            uses(&files, "services::funding::rates"),
            ["crate::services::accounts::audit"]
        );
    }

    #[test]
    fn comments_literals_and_other_crates_make_no_edges() {
        let src = r##"
            // use crate::b;
            /* crate::b /* nested */ crate::b */
            /// Calls `crate::b::f`.
            fn f<'a>(x: &'a str) -> char {
                let _ = ("crate::b::f \" crate::b", r#"crate::b" "#, b"crate::b", br#"crate::b"#);
                let _ = (app::b::f(), b'\'', '\\', 1.5e3);
                '"'
            }
        "##;
        let files = [("", "mod a; mod b;"), ("a", src), ("b", "")];
        assert!(uses(&files, "a").is_empty());
    }

    #[test]
    fn an_inline_module_resolves_super_from_itself() {
        let files = [
            ("", "mod x; mod y;"),
            ("x", "mod tests { use super::*; use super::super::y::Y; }"),
            ("y", ""),
        ];
        assert_eq!(uses(&files, "x"), ["crate::y"]);
    }
}
