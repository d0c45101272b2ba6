//! A crate's module graph: each path resolved to the module that defines
//! it, and the groups of modules that reach each other.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::scan::{FileScan, Kind, ModPath, Ref, scan};

type Modules = BTreeMap<ModPath, FileScan>;
/// For each module, the modules it uses and the first path that does.
type Edges = BTreeMap<ModPath, BTreeMap<ModPath, String>>;

/// Every module of a crate, read from its root through its `mod` declarations.
pub fn read_crate(read: impl Fn(&[String]) -> Option<String>) -> Modules {
    let mut modules = BTreeMap::new();
    let mut queue = VecDeque::from([ModPath::new()]);
    while let Some(module) = queue.pop_front() {
        let Some(src) = read(&module) else { continue };
        let file = scan(&src);
        queue.extend(
            file.children
                .iter()
                .map(|child| [module.clone(), child.clone()].concat()),
        );
        modules.insert(module, file);
    }
    modules
}

/// The crate path that `r`, written in `module`, names; `None` outside the crate.
fn absolute(
    module: &[String],
    file: &FileScan,
    bound: &BTreeMap<String, ModPath>,
    r: &Ref,
) -> Option<ModPath> {
    let mut here = [module, &r.scope].concat();
    let mut rest = r.path.as_slice();
    let top_level = r.scope.is_empty();
    match rest.first()?.as_str() {
        "crate" => (here, rest) = (Vec::new(), &rest[1..]),
        "self" => rest = &rest[1..],
        "super" => {
            while rest.first().is_some_and(|s| s == "super") {
                here.pop()?;
                rest = &rest[1..];
            }
        }
        first if top_level && file.children.contains(&vec![first.to_string()]) => {}
        first if top_level && bound.contains_key(first) => {
            (here, rest) = (bound[first].clone(), &rest[1..]);
        }
        _ => return None,
    }
    Some([here.as_slice(), rest].concat())
}

/// The longest prefix of `path` that is a module of the crate.
fn owner(modules: &Modules, path: &[String]) -> ModPath {
    let mut owner = path.to_vec();
    while !owner.is_empty() && !modules.contains_key(&owner) {
        owner.pop();
    }
    owner
}

/// The uses between modules where neither contains the other.
pub fn edges(modules: &Modules) -> Edges {
    // What each file's top-level `use`s bind, and which of them it re-exports.
    let mut bound = BTreeMap::new();
    let mut exported = BTreeMap::new();
    for (module, file) in modules {
        let names = bound.entry(module).or_insert_with(BTreeMap::new);
        let reexports = exported.entry(module).or_insert_with(BTreeMap::new);
        for r in &file.refs {
            if r.kind == Kind::Path || !r.scope.is_empty() || r.name == "*" {
                continue;
            }
            let Some(path) = absolute(module, file, &BTreeMap::new(), r) else {
                continue;
            };
            if r.kind == Kind::PubUse {
                reexports.insert(r.name.clone(), owner(modules, &path));
            }
            names.insert(r.name.clone(), path);
        }
    }
    let mut edges = Edges::new();
    for (module, file) in modules {
        for r in &file.refs {
            let Some(path) = absolute(module, file, &bound[module], r) else {
                continue;
            };
            let mut target = owner(modules, &path);
            let next = path.get(target.len());
            if let Some(source) = next.and_then(|name| exported.get(&target)?.get(name)) {
                target = source.clone();
            }
            if !module.starts_with(&target) && !target.starts_with(module) {
                let uses = edges.entry(module.clone()).or_default();
                uses.entry(target).or_insert_with(|| r.path.join("::"));
            }
        }
    }
    edges
}

pub fn display(module: &[String]) -> String {
    std::iter::once("crate")
        .chain(module.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("::")
}

/// Each group of modules that reach each other, as the shortest cycle through
/// its first module (`crate::a -> crate::b -> crate::a`) and the paths behind it.
pub fn cycles(modules: &Modules) -> Vec<String> {
    let edges = edges(modules);
    let mut found = Vec::new();
    for group in strongly_connected(&edges) {
        let members: BTreeSet<&ModPath> = group.iter().collect();
        let start = &group[0];
        let mut came_from: BTreeMap<&ModPath, &ModPath> = BTreeMap::new();
        let mut queue = VecDeque::from([start]);
        while let Some(at) = queue.pop_front() {
            for next in edges[at].keys().filter(|next| members.contains(next)) {
                if !came_from.contains_key(next) {
                    came_from.insert(next, at);
                    queue.push_back(next);
                }
            }
        }
        let mut cycle = vec![start];
        while cycle.len() == 1 || cycle.last() != Some(&start) {
            cycle.push(came_from[cycle[cycle.len() - 1]]);
        }
        cycle.reverse();
        let names: Vec<String> = cycle.iter().map(|m| display(m)).collect();
        let mut text = names.join(" -> ");
        for step in cycle.windows(2) {
            text += &format!(
                "\n    {} uses {}",
                display(step[0]),
                edges[step[0]][step[1]]
            );
        }
        let others: Vec<String> = group
            .iter()
            .filter(|m| !cycle.contains(m))
            .map(|m| display(m))
            .collect();
        if !others.is_empty() {
            text += &format!("\n    (the same group holds {})", others.join(", "));
        }
        found.push(text);
    }
    found
}

/// Tarjan's strongly connected components of more than one module, each sorted.
fn strongly_connected(edges: &Edges) -> Vec<Vec<ModPath>> {
    #[derive(Default)]
    struct Tarjan<'a> {
        index: BTreeMap<&'a ModPath, usize>,
        low: BTreeMap<&'a ModPath, usize>,
        stack: Vec<&'a ModPath>,
        groups: Vec<Vec<ModPath>>,
    }
    impl<'a> Tarjan<'a> {
        fn visit(&mut self, edges: &'a Edges, node: &'a ModPath) {
            let n = self.index.len();
            self.index.insert(node, n);
            self.low.insert(node, n);
            self.stack.push(node);
            for next in edges.get(node).into_iter().flat_map(|uses| uses.keys()) {
                if !self.index.contains_key(next) {
                    self.visit(edges, next);
                    self.low.insert(node, self.low[node].min(self.low[next]));
                } else if self.stack.contains(&next) {
                    self.low.insert(node, self.low[node].min(self.index[next]));
                }
            }
            if self.low[node] == self.index[node] {
                let at = self.stack.iter().rposition(|m| *m == node).unwrap_or(0);
                let mut group: Vec<ModPath> = self.stack.drain(at..).cloned().collect();
                group.sort();
                if group.len() > 1 {
                    self.groups.push(group);
                }
            }
        }
    }
    let mut tarjan = Tarjan::default();
    for node in edges.keys() {
        if !tarjan.index.contains_key(node) {
            tarjan.visit(edges, node);
        }
    }
    tarjan.groups.sort();
    tarjan.groups
}
