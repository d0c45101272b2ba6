//! What one source file declares (`mod x;`) and the paths it writes, read
//! from its tokens so that comments and literals never count.

/// A module's path below `crate`: `["services", "funding"]`.
pub type ModPath = Vec<String>;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    Sep,
    Punct(char),
    /// A string, character or number.
    Literal,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Path,
    Use,
    PubUse,
}

/// One path in a file, as written.
#[derive(Debug, Clone)]
pub struct Ref {
    /// The inline modules (`mod tests { ... }`) the path sits in.
    pub scope: ModPath,
    pub path: ModPath,
    /// The name a `use` binds: the last segment, or its `as` alias.
    pub name: String,
    pub kind: Kind,
}

#[derive(Debug, Default)]
pub struct FileScan {
    /// Modules declared with `mod x;`, below inline modules where nested.
    pub children: Vec<ModPath>,
    pub refs: Vec<Ref>,
}

/// Splits Rust source into tokens, dropping whitespace, comments and lifetimes.
fn tokenize(src: &str) -> Vec<Tok> {
    let s: Vec<char> = src.chars().collect();
    let at = |i: usize| s.get(i).copied().unwrap_or('\0');
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let word_end = |mut i: usize| {
        while is_word(at(i)) {
            i += 1;
        }
        i
    };
    let mut toks = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let (c, start) = (s[i], i);
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            i = (i..s.len()).find(|&j| s[j] == '\n').unwrap_or(s.len());
        } else if c == '/' && at(i + 1) == '*' {
            i = skip_block_comment(&s, i);
        } else if c == '"' {
            i = skip_string(&s, i + 1);
            toks.push(Tok::Literal);
        } else if c == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'') {
            i = skip_char(&s, i + 1);
            toks.push(Tok::Literal);
        } else if c == '\'' {
            i = word_end(i + 1);
        } else if c.is_ascii_digit() {
            while is_word(at(i)) || (at(i) == '.' && at(i + 1).is_ascii_digit()) {
                i += 1;
            }
            toks.push(Tok::Literal);
        } else if is_word(c) || (c == '$' && is_word(at(i + 1))) {
            i = word_end(i + 1);
            let word: String = s[start..i].iter().collect();
            let after_hashes = at((i..).find(|&j| at(j) != '#').unwrap_or(i));
            toks.push(match (word.as_str(), at(i)) {
                ("r" | "br" | "cr", '"' | '#') if after_hashes == '"' => {
                    i = skip_raw_string(&s, i);
                    Tok::Literal
                }
                ("b" | "c", '"') => {
                    i = skip_string(&s, i + 1);
                    Tok::Literal
                }
                ("b", '\'') => {
                    i = skip_char(&s, i + 1);
                    Tok::Literal
                }
                ("r", '#') => {
                    i = word_end(i + 1);
                    Tok::Ident(s[start..i].iter().collect())
                }
                ("$crate", _) => Tok::Ident("crate".into()),
                _ => Tok::Ident(word),
            });
        } else if c == ':' && at(i + 1) == ':' {
            i += 2;
            toks.push(Tok::Sep);
        } else {
            i += 1;
            toks.push(Tok::Punct(c));
        }
    }
    toks
}

/// The index after a block comment (they nest) that starts at `i`.
fn skip_block_comment(s: &[char], mut i: usize) -> usize {
    let mut depth = 0;
    while i < s.len() {
        match (s[i], s.get(i + 1)) {
            ('/', Some('*')) => (depth, i) = (depth + 1, i + 2),
            ('*', Some('/')) => (depth, i) = (depth - 1, i + 2),
            _ => i += 1,
        }
        if depth == 0 {
            break;
        }
    }
    i
}

/// The index after a string whose opening quote is just before `i`.
fn skip_string(s: &[char], mut i: usize) -> usize {
    while i < s.len() && s[i] != '"' {
        i += if s[i] == '\\' { 2 } else { 1 };
    }
    i + 1
}

/// The index after a character literal whose opening quote is just before `i`.
fn skip_char(s: &[char], i: usize) -> usize {
    let from = if s.get(i) == Some(&'\\') {
        i + 2
    } else {
        i + 1
    };
    (from..s.len())
        .find(|&j| s[j] == '\'')
        .map_or(s.len(), |j| j + 1)
}

/// The index after a raw string whose `#`s (or opening quote) start at `i`.
fn skip_raw_string(s: &[char], i: usize) -> usize {
    let hashes = s[i..].iter().take_while(|&&c| c == '#').count();
    let closes =
        |j: usize| s[j] == '"' && s[j + 1..].iter().take_while(|&&c| c == '#').count() >= hashes;
    (i + hashes + 1..s.len())
        .find(|&j| closes(j))
        .map_or(s.len(), |j| j + 1 + hashes)
}

/// The module declarations and the paths of one file.
pub fn scan(src: &str) -> FileScan {
    let toks = tokenize(src);
    let mut file = FileScan::default();
    let mut inline: Vec<(String, usize)> = Vec::new(); // name, brace depth inside it
    let mut depth = 0;
    let mut i = 0;
    while i < toks.len() {
        let scope: ModPath = inline.iter().map(|(name, _)| name.clone()).collect();
        let before = i.checked_sub(1).and_then(|j| toks.get(j));
        let mut paths = Vec::new();
        let kind = match (&toks[i], toks.get(i + 1), toks.get(i + 2)) {
            (Tok::Ident(word), Some(Tok::Ident(name)), Some(next)) if word == "mod" => {
                match next {
                    Tok::Punct(';') => file.children.push([scope, vec![name.clone()]].concat()),
                    Tok::Punct('{') => inline.push((name.clone(), depth + 1)),
                    _ => {}
                }
                i += 2;
                continue;
            }
            (Tok::Ident(word), ..) if word == "use" => {
                let public = match before {
                    Some(Tok::Ident(word)) => word == "pub",
                    other => other == Some(&Tok::Punct(')')), // pub(crate)
                };
                i = parse_tree(&toks, i + 1, &[], &mut paths);
                if public { Kind::PubUse } else { Kind::Use }
            }
            (Tok::Ident(_), Some(Tok::Sep), _)
                if !matches!(before, Some(Tok::Sep | Tok::Punct('.'))) =>
            {
                i = parse_tree(&toks, i, &[], &mut paths);
                Kind::Path
            }
            (tok, ..) => {
                if *tok == Tok::Punct('{') {
                    depth += 1;
                } else if *tok == Tok::Punct('}') {
                    depth = depth.saturating_sub(1);
                    if inline.last().is_some_and(|&(_, inside)| inside > depth) {
                        inline.pop();
                    }
                }
                i += 1;
                continue;
            }
        };
        let refs = paths.into_iter().map(|(path, name)| Ref {
            scope: scope.clone(),
            path,
            name,
            kind,
        });
        file.refs.extend(refs);
    }
    file
}

/// Reads the path or use tree at `i` into `out`, expanding `{...}` groups, and
/// returns the index after it.
fn parse_tree(
    toks: &[Tok],
    mut i: usize,
    prefix: &[String],
    out: &mut Vec<(ModPath, String)>,
) -> usize {
    let mut path = prefix.to_vec();
    while let Some(tok) = toks.get(i) {
        match tok {
            Tok::Ident(word) => path.push(word.clone()),
            Tok::Punct('*') => path.push("*".into()),
            Tok::Punct('{') => {
                i += 1;
                while let Some(tok) = toks.get(i) {
                    match tok {
                        Tok::Punct('}') => return i + 1,
                        Tok::Punct(',') => i += 1,
                        _ => i = parse_tree(toks, i, &path, out).max(i + 1),
                    }
                }
                return i;
            }
            _ => break,
        }
        i += 1;
        if toks.get(i) != Some(&Tok::Sep) {
            break;
        }
        i += 1;
    }
    if path.len() > prefix.len() {
        if path.len() > 1 && path.last().is_some_and(|last| last == "self") {
            path.pop();
        }
        let mut name = path.last().cloned().unwrap_or_default();
        if let (Some(Tok::Ident(word)), Some(Tok::Ident(alias))) = (toks.get(i), toks.get(i + 1))
            && word == "as"
        {
            name = alias.clone();
            i += 2;
        }
        out.push((path, name));
    }
    i
}
