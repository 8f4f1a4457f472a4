//! Reading data files (feature `serde`): the one way every loader parses TOML and JSON,
//! finds the path, line and column of a value at fault, and scans a text for its nesting
//! depth before parsing it.

/// The format of a data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Toml,
    Json,
}

impl Format {
    /// `toml` or `json`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Toml => "toml",
            Format::Json => "json",
        }
    }
}

impl Format {
    /// The format a file's name tells: JSON for a name ending `.json` (in any case),
    /// TOML otherwise.
    pub(crate) fn from_path(path: &str) -> Format {
        let json = path
            .rsplit_once('.')
            .is_some_and(|(_, extension)| extension.eq_ignore_ascii_case("json"));
        if json { Format::Json } else { Format::Toml }
    }
}

/// A loader of one kind of data file (a registry, a directive, criteria), read the one
/// way the scenario files and the `wire` calls read them: see [`read_with`].
pub(crate) trait TextLoader: Sized {
    /// What the file holds.
    type Output;
    /// Why it could not be read.
    type Error: std::fmt::Display;
    /// The loader naming the file in its errors.
    fn with_origin(self, origin: String) -> Self;
    /// Reads a TOML text.
    fn read_toml(&self, text: &str) -> Result<Self::Output, Self::Error>;
    /// Reads a JSON text.
    fn read_json(&self, text: &str) -> Result<Self::Output, Self::Error>;
    /// The error as a sentence in `lang`.
    fn sentence(error: &Self::Error, lang: crate::Lang) -> String;
}

/// Reads a text in its format with a loader, which names the file (`origin`) in its
/// errors when it has a name.
pub(crate) fn read_with<L: TextLoader>(
    loader: L,
    format: Format,
    origin: Option<&str>,
    text: &str,
) -> Result<L::Output, L::Error> {
    let loader = match origin {
        Some(origin) => loader.with_origin(origin.to_owned()),
        None => loader,
    };
    match format {
        Format::Toml => loader.read_toml(text),
        Format::Json => loader.read_json(text),
    }
}

impl TextLoader for crate::org::Loader {
    type Output = crate::org::Registry;
    type Error = crate::org::OrgError;
    fn with_origin(self, origin: String) -> Self {
        self.origin(origin)
    }
    fn sentence(error: &Self::Error, lang: crate::Lang) -> String {
        error.sentence(lang)
    }
    fn read_toml(&self, text: &str) -> Result<Self::Output, Self::Error> {
        self.toml(text)
    }
    fn read_json(&self, text: &str) -> Result<Self::Output, Self::Error> {
        self.json(text)
    }
}

impl TextLoader for crate::directive::Loader {
    type Output = crate::directive::Directive;
    type Error = crate::directive::DirectiveError;
    fn with_origin(self, origin: String) -> Self {
        self.origin(origin)
    }
    fn sentence(error: &Self::Error, lang: crate::Lang) -> String {
        error.sentence(lang)
    }
    fn read_toml(&self, text: &str) -> Result<Self::Output, Self::Error> {
        self.toml(text)
    }
    fn read_json(&self, text: &str) -> Result<Self::Output, Self::Error> {
        self.json(text)
    }
}

impl TextLoader for crate::criteria::Loader<'_> {
    type Output = crate::criteria::Criteria;
    type Error = crate::criteria::CriteriaError;
    fn with_origin(self, origin: String) -> Self {
        self.origin(origin)
    }
    fn sentence(error: &Self::Error, lang: crate::Lang) -> String {
        error.sentence(lang)
    }
    fn read_toml(&self, text: &str) -> Result<Self::Output, Self::Error> {
        self.toml(text)
    }
    fn read_json(&self, text: &str) -> Result<Self::Output, Self::Error> {
        self.json(text)
    }
}

/// A failure inside the parser: the path, the byte offset the parser gives, the problem.
#[derive(Debug)]
pub(crate) struct Failure {
    /// The path of the value at fault (`tasks[9].requirements[0].regime`), `.` for the
    /// whole text.
    pub(crate) path: String,
    /// The byte offset the parser gives, if any.
    pub(crate) offset: Option<usize>,
    /// Whether the text is not TOML or JSON at all (rather than not of the shape read).
    pub(crate) syntax: bool,
    /// The parser's message, bounded.
    pub(crate) message: String,
}

impl Failure {
    /// The offset to point at: where the parser stopped for a syntax error, where the path
    /// leads for a value.
    pub(crate) fn place(&self, format: Format, text: &str) -> Option<usize> {
        if self.syntax {
            self.offset
        } else {
            locate(format, text, &self.path).or(self.offset)
        }
    }
}

impl Failure {
    /// This failure of a piece of a text that starts at byte `start` and holds the element
    /// `index` of the array `name`, as a failure of the whole text: the offset moved by
    /// `start`, and the path's `name[0]` made `name[index]`.
    pub(crate) fn within(mut self, start: usize, name: &str, index: usize) -> Failure {
        self.offset = self.offset.map(|o| o + start);
        let first = format!("{name}[0]");
        if let Some(rest) = self.path.strip_prefix(&first) {
            self.path = format!("{name}[{index}]{rest}");
        }
        self
    }
}

/// A `[[name]]` table of a TOML text: the index of its name in the names asked for, and
/// the byte range of the table from its header to the next header.
pub(crate) type Table = (usize, usize, usize);

/// The TOML text cut at its `[[name]]` tables, for each of `names`, so that a long array
/// of tables is parsed one table at a time: the `toml` crate lexes a whole text into a
/// list of tokens and a list of parse events before it builds its document, which takes
/// about 25 times the text for a file of many small tables.
///
/// Gives the text with each such table blanked (every byte but the line ends made a space,
/// so offsets, lines and columns stay those of the text) and, in order, each table's name
/// (its index in `names`) and byte range; or `None` when the cut could change the meaning:
/// a header other than `[[name]]` that mentions a name (`[name.x]`, `[[name.y]]`, a quoted
/// or commented header), or a name anywhere else in the text outside a comment.
pub(crate) fn toml_tables(
    text: &str,
    headers: &[usize],
    names: &[&str],
) -> Option<(String, Vec<Table>)> {
    let exact: Vec<String> = names.iter().map(|name| format!("[[{name}]]")).collect();
    let mentions = |code: &str| names.iter().any(|name| code.contains(name));
    let mut tables = Vec::new();
    for (k, &start) in headers.iter().enumerate() {
        let line = text
            .get(start..)?
            .lines()
            .next()
            .unwrap_or_default()
            .trim_end();
        if let Some(name) = exact.iter().position(|e| line == e) {
            let end = headers.get(k + 1).copied().unwrap_or(text.len());
            tables.push((name, start, end));
        } else if mentions(line) {
            return None;
        }
    }
    let mut rest = text.as_bytes().to_vec();
    for &(_, start, end) in &tables {
        for byte in rest.get_mut(start..end)? {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    }
    let rest = String::from_utf8(rest).ok()?;
    // What stands before a `#` on a line of the rest: a comment cannot change the meaning,
    // and a `#` inside a string only cuts the string short.
    if rest
        .lines()
        .any(|line| mentions(line.split('#').next().unwrap_or_default()))
    {
        return None;
    }
    Some((rest, tables))
}

/// Reads a value of type `T` from text in a format, with the path of a value at fault.
pub(crate) fn read<T: serde::de::DeserializeOwned>(
    format: Format,
    text: &str,
) -> Result<T, Failure> {
    match format {
        Format::Toml => toml_value(text),
        Format::Json => json_value(text),
    }
}

fn toml_value<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Failure> {
    let de = toml::Deserializer::parse(text).map_err(|e| {
        let offset = e.span().map(|s| s.start);
        let message = match (e.message(), offset) {
            // Name the key: the parser points at it.
            ("duplicate key", Some(offset)) => format!(
                "duplicate key {}",
                crate::text::quote(&word_at(text, offset))
            ),
            (message, _) => message.to_owned(),
        };
        Failure {
            path: ".".to_owned(),
            offset,
            syntax: true,
            message: tidy(&message),
        }
    })?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        let (path, message) = nested(path_text(e.path()), e.inner().message());
        Failure {
            path,
            offset: e.inner().span().map(|s| s.start),
            syntax: false,
            message: tidy(&message),
        }
    })
}

fn json_value<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Failure> {
    let mut de = serde_json::Deserializer::from_str(text);
    let wire: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = path_text(e.path());
        json_failure(text, path, e.inner())
    })?;
    de.end()
        .map_err(|e| json_failure(text, ".".to_owned(), &e))?;
    Ok(wire)
}

fn json_failure(text: &str, path: String, e: &serde_json::Error) -> Failure {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let bare = full.strip_suffix(&suffix).unwrap_or(&full);
    let offset = offset_of(text, e.line(), e.column());
    let syntax = matches!(
        e.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    );
    if syntax {
        let message = match (bare, offset) {
            ("expected value", Some(offset)) => expected_value(text, offset),
            ("number out of range", Some(offset)) => format!(
                "number out of range: {}",
                crate::text::quote(&word_at(text, offset))
            ),
            _ => bare.to_owned(),
        };
        return Failure {
            path,
            offset,
            syntax: true,
            message: tidy(&message),
        };
    }
    let (path, message) = nested(path, bare);
    Failure {
        path,
        offset,
        syntax: false,
        message: tidy(&message),
    }
}

/// serde_json's "expected value" where a word stands that is not a JSON value (`NaN`,
/// `Infinity`, `True`): names the word.
fn expected_value(text: &str, offset: usize) -> String {
    let word = word_at(text, offset);
    if word.is_empty() {
        return "expected a value".to_owned();
    }
    let note = if [
        "NaN",
        "Infinity",
        "-Infinity",
        "+Infinity",
        "inf",
        "-inf",
        "nan",
    ]
    .contains(&word.as_str())
    {
        ": JSON has no NaN or infinity, and a number must be finite"
    } else {
        ""
    };
    format!(
        "expected a value, found {}{note}",
        crate::text::quote(&word)
    )
}

/// The word of the text around a byte offset (up to a delimiter on either side), bounded.
pub(crate) fn word_at(text: &str, offset: usize) -> String {
    let delimiter = |c: char| c.is_whitespace() || ",:=[]{}".contains(c);
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let start = text
        .get(..offset)
        .and_then(|head| head.rfind(delimiter))
        .map_or(0, |i| i + 1);
    text.get(start..)
        .unwrap_or_default()
        .chars()
        .take_while(|c| !delimiter(*c))
        .take(crate::text::QUOTE_LIMIT + 1)
        .collect()
}

/// A parser's message, bounded, in the file's terms.
pub(crate) fn tidy(message: &str) -> String {
    let message = message
        .trim_end()
        .replace("expected f64", "expected a number");
    crate::text::bound_message(&message)
}

/// The path serde_path_to_error recorded, as text (`tasks[9].requirements[0].regime`);
/// segments it could not name are left out; `.` for the whole file.
pub(crate) fn path_text(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => break,
        }
    }
    if out.is_empty() { ".".to_owned() } else { out }
}

/// A message that may come from a selector: an org error placed at a path inside the
/// selector (`at `kind`: unknown body kind …`, as `OrgError::At` displays). That path is
/// joined to the directive's (`recipients[1]` and `kind` give `recipients[1].kind`) and
/// dropped from the message.
pub(crate) fn nested(path: String, message: &str) -> (String, String) {
    let inner = message
        .strip_prefix("at `")
        .and_then(|rest| rest.split_once("`: "));
    let Some((inner, rest)) = inner else {
        return (path, message.to_owned());
    };
    let joined = if path == "." {
        inner.to_owned()
    } else if inner.starts_with('[') {
        format!("{path}{inner}")
    } else {
        format!("{path}.{inner}")
    };
    (joined, rest.to_owned())
}

/// One step of a path.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The steps of a path written `tasks[9].requirements[0].regime`.
fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    if path == "." {
        return out;
    }
    for part in path.split('.') {
        let (key, indexes) = part
            .split_once('[')
            .map_or((part, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        for index in indexes.split('[') {
            if let Some(Ok(i)) = index.strip_suffix(']').map(str::parse) {
                out.push(Step::Index(i));
            }
        }
    }
    out
}

/// The byte offset in the text of the value at a path, or of the deepest part of the path
/// that the text has.
pub(crate) fn locate(format: Format, text: &str, path: &str) -> Option<usize> {
    let steps = steps(path);
    if steps.is_empty() {
        return None;
    }
    match format {
        Format::Toml => toml_offset(text, &steps),
        Format::Json => json_offset(text, &steps),
    }
}

fn toml_offset(text: &str, steps: &[Step<'_>]) -> Option<usize> {
    let root = toml::de::DeTable::parse(text).ok()?.into_inner();
    let root = toml::de::DeValue::Table(root);
    let mut value = &root;
    let mut found = None;
    for step in steps {
        let next = match step {
            Step::Key(key) => value.get(*key),
            Step::Index(i) => value.get(*i),
        };
        let Some(next) = next else { break };
        found = Some(next.span().start);
        value = next.get_ref();
    }
    found
}

fn json_offset(text: &str, steps: &[Step<'_>]) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    let mut found = None;
    'steps: for step in steps {
        match step {
            Step::Key(key) => {
                if b.get(i) != Some(&b'{') {
                    break;
                }
                i = skip_ws(b, i + 1);
                loop {
                    if b.get(i) != Some(&b'"') {
                        break 'steps;
                    }
                    let end = string_end(b, i)?;
                    let name: String = serde_json::from_str(text.get(i..end)?).ok()?;
                    i = skip_ws(b, end);
                    if b.get(i) != Some(&b':') {
                        break 'steps;
                    }
                    i = skip_ws(b, i + 1);
                    if name == *key {
                        break;
                    }
                    i = skip_ws(b, skip_value(b, i)?);
                    if b.get(i) != Some(&b',') {
                        break 'steps;
                    }
                    i = skip_ws(b, i + 1);
                }
            }
            Step::Index(n) => {
                if b.get(i) != Some(&b'[') {
                    break;
                }
                i = skip_ws(b, i + 1);
                for _ in 0..*n {
                    i = skip_ws(b, skip_value(b, i)?);
                    if b.get(i) != Some(&b',') {
                        break 'steps;
                    }
                    i = skip_ws(b, i + 1);
                }
            }
        }
        found = Some(i);
    }
    found
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// The offset just past the string that starts at `i`.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        match b.get(j)? {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
}

/// The offset just past the JSON value that starts at `i` (without recursion).
fn skip_value(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        let c = *b.get(i)?;
        match c {
            b'"' => i = string_end(b, i)?,
            b'{' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b']' => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
                i += 1;
            }
            b',' if depth == 0 => return Some(i),
            _ => i += 1,
        }
        if depth == 0 && matches!(c, b'"' | b'}' | b']') {
            return Some(i);
        }
    }
}

/// A limit a text exceeds: where (a byte offset, when it has a place), which limit, its
/// value and what the text has.
pub(crate) struct Exceeded {
    pub(crate) offset: Option<usize>,
    pub(crate) limit: crate::Limit,
    pub(crate) max: usize,
    pub(crate) found: usize,
}

/// Checks a text against the limits every loader shares, its size and its nesting depth,
/// and scans it (see [`scan`]): the first step of every loader.
pub(crate) fn scan_within(
    text: &str,
    format: Format,
    limits: &crate::Limits,
) -> Result<Scan, Exceeded> {
    use crate::Limit;
    let max = limits.max(Limit::Bytes);
    if text.len() > max {
        return Err(Exceeded {
            offset: None,
            limit: Limit::Bytes,
            max,
            found: text.len(),
        });
    }
    let max = limits.max(Limit::Depth);
    let scan = scan(text, format, max);
    match scan.too_deep {
        Some((offset, found)) => Err(Exceeded {
            offset: Some(offset),
            limit: Limit::Depth,
            max,
            found,
        }),
        None => Ok(scan),
    }
}

/// Checks a count of items (tasks, bodies, changes) against its limit: past it, the
/// limit exceeded, placed at the first item past it (`tasks[10000]`) when `place` finds
/// that path in the text.
pub(crate) fn count_within(
    limits: &crate::Limits,
    limit: crate::Limit,
    found: usize,
    name: &str,
    place: impl FnOnce(&str) -> Option<usize>,
) -> Result<(), (String, Exceeded)> {
    let max = limits.max(limit);
    if found <= max {
        return Ok(());
    }
    let path = format!("{name}[{max}]");
    let offset = place(&path);
    Err((
        path,
        Exceeded {
            offset,
            limit,
            max,
            found,
        },
    ))
}

/// What a scan before parsing finds: whether the text holds anything but whitespace and
/// comments, and where tables and arrays first nest deeper than the limit.
pub(crate) struct Scan {
    /// Whether the text holds anything but whitespace and comments.
    pub(crate) content: bool,
    /// Where tables and arrays first nest deeper than the limit, and that depth.
    pub(crate) too_deep: Option<(usize, usize)>,
    /// The offsets of the TOML table headers at the top level (`[document]`,
    /// `[[tasks]]`), in order.
    pub(crate) headers: Vec<usize>,
}

/// Scans the text once, without parsing it, for content and nesting depth (brackets and
/// braces outside strings and comments).
pub(crate) fn scan(text: &str, format: Format, max_depth: usize) -> Scan {
    let toml = format == Format::Toml;
    let b = text.as_bytes();
    let mut i = 0;
    let mut depth = 0usize;
    let mut content = false;
    // In TOML, the dots of a key (`a.b.c = 1`, `[a.b.c]`) nest tables too: counted on the
    // key part of a line at the top level or in a table header.
    let mut key_part = true;
    let mut header = false;
    let mut dots = 0usize;
    let mut headers = Vec::new();
    while let Some(&c) = b.get(i) {
        match c {
            b'#' if toml => {
                while b.get(i).is_some_and(|c| *c != b'\n') {
                    i += 1;
                }
            }
            b'\n' => {
                (key_part, header, dots) = (true, false, 0);
                i += 1;
            }
            b'"' | b'\'' => {
                content = true;
                i = skip_string(b, i, toml);
            }
            b'[' | b'{' => {
                content = true;
                if toml && c == b'[' && key_part && depth == 0 {
                    headers.push(i);
                    header = true;
                }
                depth += 1;
                if depth + dots > max_depth {
                    return Scan {
                        content,
                        too_deep: Some((i, depth + dots)),
                        headers,
                    };
                }
                i += 1;
            }
            b']' | b'}' => {
                content = true;
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'=' if toml => {
                key_part = false;
                i += 1;
            }
            b'.' if toml && key_part && (depth == 0 || header) => {
                dots += 1;
                if depth + dots > max_depth {
                    return Scan {
                        content,
                        too_deep: Some((i, depth + dots)),
                        headers,
                    };
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                content = true;
                i += 1;
            }
        }
    }
    Scan {
        content,
        too_deep: None,
        headers,
    }
}

/// The offset past the string starting at `i` (TOML's four kinds, or JSON's one).
fn skip_string(b: &[u8], i: usize, toml: bool) -> usize {
    let quote = b.get(i).copied().unwrap_or(b'"');
    let escapes = quote == b'"';
    let triple = toml && b.get(i + 1) == Some(&quote) && b.get(i + 2) == Some(&quote);
    let mut j = if triple { i + 3 } else { i + 1 };
    while let Some(&c) = b.get(j) {
        if escapes && c == b'\\' {
            j += 2;
        } else if c == quote {
            if !triple {
                return j + 1;
            }
            if b.get(j + 1) == Some(&quote) && b.get(j + 2) == Some(&quote) {
                j += 3;
                // Up to two more quotes belong to the string.
                while b.get(j) == Some(&quote) {
                    j += 1;
                }
                return j;
            }
            j += 1;
        } else if c == b'\n' && toml && !triple {
            return j;
        } else {
            j += 1;
        }
    }
    j
}

/// The line and column (counted from 1, the column in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let head = text.get(..offset).unwrap_or_default();
    let line = head.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = head.rfind('\n').map_or(0, |i| i + 1);
    let column = head.get(line_start..).unwrap_or_default().chars().count() + 1;
    (line, column)
}

/// The byte offset of serde_json's line and column (the column counted in bytes from 1;
/// 0 when the error is at the start of a line).
pub(crate) fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let mut start = 0;
    for _ in 1..line {
        start += text.get(start..)?.find('\n')? + 1;
    }
    Some((start + column.saturating_sub(1)).min(text.len()))
}
