//! The data-file form of bodies, changes and registries (feature `serde`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Body, BodyCode, Change, Names, OrgError, Registry};
use crate::load::{Format, count_within, line_column, locate, scan_within, toml_tables};
use crate::provenance::Provenance;
use crate::{Limit, Limits};

/// Parses a date written exactly `yyyy-mm-dd`; other spellings that chrono would take
/// (`2000-1-1`, `+2000-01-01`) are rejected, not guessed at.
fn date(text: &str, field: &str) -> Result<NaiveDate, OrgError> {
    crate::text::strict_date(text).ok_or_else(|| {
        OrgError::InvalidDate {
            value: text.to_owned(),
        }
        .at(field)
    })
}

/// A parser's or writer's error, its message bounded (it may quote a huge input).
fn syntax(format: &'static str, error: &impl std::fmt::Display) -> OrgError {
    OrgError::Syntax {
        format,
        message: crate::text::bound_message(error.to_string().trim_end()),
    }
}

/// A string field, telling an unquoted TOML date (`from = 2025-07-01`) apart from other
/// wrong types.
fn date_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    crate::text::string(deserializer, "a date written `yyyy-mm-dd`").map(|t| t.into_owned())
}

/// [`date_text`] for an optional field.
fn optional_date_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    date_text(deserializer).map(Some)
}

fn code(text: String, field: &str) -> Result<BodyCode, OrgError> {
    BodyCode::new(text).map_err(|e| e.at(field))
}

fn codes(texts: Vec<String>, field: &str) -> Result<Vec<BodyCode>, OrgError> {
    texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| code(text, &format!("{field}[{i}]")))
        .collect()
}

fn names(name: String, name_en: Option<String>, short: Option<String>) -> Names {
    let mut names = Names::new(name);
    if let Some(en) = name_en {
        names = names.with_en(en);
    }
    if let Some(short) = short {
        names = names.with_short(short);
    }
    names
}

/// A body in a data file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(crate) struct BodyWire {
    code: String,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    short: Option<String>,
    kind: String,
    level: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<String>,
    #[serde(deserialize_with = "date_text")]
    from: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_date_text"
    )]
    until: Option<String>,
}

impl TryFrom<BodyWire> for Body {
    type Error = OrgError;

    fn try_from(wire: BodyWire) -> Result<Body, OrgError> {
        let body_code = code(wire.code, "code")?;
        let kind = wire.kind.parse().map_err(|e: OrgError| e.at("kind"))?;
        let level = wire.level.parse().map_err(|e: OrgError| e.at("level"))?;
        let from = date(&wire.from, "from")?;
        let mut body = Body::new(
            body_code,
            names(wire.name, wire.name_en, wire.short),
            kind,
            level,
            from,
        );
        if let Some(parent) = wire.parent {
            body = body.with_parent(code(parent, "parent")?);
        }
        if let Some(until) = wire.until {
            body = body.with_until(date(&until, "until")?);
        }
        Ok(body)
    }
}

impl From<Body> for BodyWire {
    fn from(body: Body) -> BodyWire {
        BodyWire {
            code: body.code().to_string(),
            name: body.names().name(crate::Lang::Vi).to_owned(),
            name_en: body.names().given(crate::Lang::En).map(str::to_owned),
            short: body.names().short().map(str::to_owned),
            kind: body.kind().as_str().to_owned(),
            level: body.level().as_str().to_owned(),
            parent: body.parent().map(BodyCode::to_string),
            from: body.from().to_string(),
            until: body.until().map(|d| d.to_string()),
        }
    }
}

/// A change in a data file, tagged by `change`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum ChangeWire {
    Rename {
        body: String,
        #[serde(deserialize_with = "date_text")]
        date: String,
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name_en: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        short: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provenance: Option<Provenance>,
    },
    Move {
        body: String,
        #[serde(deserialize_with = "date_text")]
        date: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        parent: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provenance: Option<Provenance>,
    },
    Merge {
        bodies: Vec<String>,
        into: String,
        #[serde(deserialize_with = "date_text")]
        date: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provenance: Option<Provenance>,
    },
    Split {
        body: String,
        into: Vec<String>,
        heir: String,
        #[serde(deserialize_with = "date_text")]
        date: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provenance: Option<Provenance>,
    },
    Dissolve {
        body: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        successor: Option<String>,
        #[serde(deserialize_with = "date_text")]
        date: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provenance: Option<Provenance>,
    },
    /// Not a change (a body is established by its `from`): read only to say so.
    #[serde(skip_serializing)]
    Establish(serde::de::IgnoredAny),
}

impl TryFrom<ChangeWire> for Change {
    type Error = OrgError;

    fn try_from(wire: ChangeWire) -> Result<Change, OrgError> {
        Ok(match wire {
            ChangeWire::Rename {
                body,
                date: day,
                name,
                name_en,
                short,
                provenance,
            } => Change::Rename {
                body: code(body, "body")?,
                date: date(&day, "date")?,
                names: names(name, name_en, short),
                provenance,
            },
            ChangeWire::Move {
                body,
                date: day,
                parent,
                provenance,
            } => Change::Move {
                body: code(body, "body")?,
                date: date(&day, "date")?,
                parent: parent.map(|p| code(p, "parent")).transpose()?,
                provenance,
            },
            ChangeWire::Merge {
                bodies,
                into,
                date: day,
                provenance,
            } => Change::Merge {
                bodies: codes(bodies, "bodies")?,
                into: code(into, "into")?,
                date: date(&day, "date")?,
                provenance,
            },
            ChangeWire::Split {
                body,
                into,
                heir,
                date: day,
                provenance,
            } => Change::Split {
                body: code(body, "body")?,
                into: codes(into, "into")?,
                heir: code(heir, "heir")?,
                date: date(&day, "date")?,
                provenance,
            },
            ChangeWire::Dissolve {
                body,
                successor,
                date: day,
                provenance,
            } => Change::Dissolve {
                body: code(body, "body")?,
                successor: successor.map(|s| code(s, "successor")).transpose()?,
                date: date(&day, "date")?,
                provenance,
            },
            ChangeWire::Establish(_) => return Err(OrgError::EstablishIsNotAChange),
        })
    }
}

impl From<Change> for ChangeWire {
    fn from(change: Change) -> ChangeWire {
        match change {
            Change::Rename {
                body,
                date,
                names,
                provenance,
            } => ChangeWire::Rename {
                body: body.to_string(),
                date: date.to_string(),
                name: names.name(crate::Lang::Vi).to_owned(),
                name_en: names.given(crate::Lang::En).map(str::to_owned),
                short: names.short().map(str::to_owned),
                provenance,
            },
            Change::Move {
                body,
                date,
                parent,
                provenance,
            } => ChangeWire::Move {
                body: body.to_string(),
                date: date.to_string(),
                parent: parent.map(|p| p.to_string()),
                provenance,
            },
            Change::Merge {
                bodies,
                into,
                date,
                provenance,
            } => ChangeWire::Merge {
                bodies: bodies.iter().map(BodyCode::to_string).collect(),
                into: into.to_string(),
                date: date.to_string(),
                provenance,
            },
            Change::Split {
                body,
                into,
                heir,
                date,
                provenance,
            } => ChangeWire::Split {
                body: body.to_string(),
                into: into.iter().map(BodyCode::to_string).collect(),
                heir: heir.to_string(),
                date: date.to_string(),
                provenance,
            },
            Change::Dissolve {
                body,
                successor,
                date,
                provenance,
            } => ChangeWire::Dissolve {
                body: body.to_string(),
                successor: successor.map(|s| s.to_string()),
                date: date.to_string(),
                provenance,
            },
        }
    }
}

/// A registry in a data file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct RegistryWire {
    bodies: Vec<BodyWire>,
    #[serde(default)]
    changes: Vec<ChangeWire>,
}

/// The bodies and changes of a piece of a TOML registry: a table `[[bodies]]` or
/// `[[changes]]`, or the rest of the file without them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct PieceWire {
    #[serde(default)]
    bodies: Vec<BodyWire>,
    #[serde(default)]
    changes: Vec<ChangeWire>,
}

impl RegistryWire {
    fn build(self) -> Result<Registry, OrgError> {
        let bodies = self
            .bodies
            .into_iter()
            .enumerate()
            .map(|(i, wire)| Body::try_from(wire).map_err(|e| e.at(&format!("bodies[{i}]"))))
            .collect::<Result<Vec<_>, _>>()?;
        let changes = self
            .changes
            .into_iter()
            .enumerate()
            .map(|(i, wire)| Change::try_from(wire).map_err(|e| e.at(&format!("changes[{i}]"))))
            .collect::<Result<Vec<_>, _>>()?;
        Registry::builder().bodies(bodies).changes(changes).build()
    }

    fn of(registry: &Registry) -> RegistryWire {
        // A body's `until` equal to the date of the change that ends it is accepted, so the
        // effective ends are written as they are.
        let bodies = registry
            .iter()
            .map(|(_, body)| BodyWire::from(body.clone()));
        RegistryWire {
            bodies: bodies.collect(),
            changes: registry
                .changes()
                .iter()
                .cloned()
                .map(ChangeWire::from)
                .collect(),
        }
    }
}

/// Reads registries from TOML or JSON text, within limits, naming the file in its errors.
///
/// The [`Limits`] keep the memory a load takes linear in the text and bounded: a text
/// longer than its [`Limit::Bytes`], with more bodies than its [`Limit::Bodies`], more
/// changes than its [`Limit::Changes`], or with tables and arrays nested deeper than its
/// [`Limit::Depth`] is refused with [`OrgError::Limit`] before the registry is built
/// (the size and the depth before the text is parsed). Every error is an
/// [`OrgError::Load`] naming the file, the line and column and the path of the value at
/// fault (`bodies[12].parent`), found from the path, so that an error of
/// [`RegistryBuilder::build`](super::RegistryBuilder::build) points at its own value.
/// [`Registry::from_toml_str`] and [`Registry::from_json_str`] load with the default
/// limits.
///
/// # Example
///
/// ```
/// use directives::org::{Loader, OrgError};
///
/// let text = r#"
/// [[bodies]]
/// code = "TH-TU"
/// name = "Tỉnh ủy Thanh Hóa"
/// kind = "party_committee"
/// level = "province"
/// from = "1930-07-29"
///
/// [[bodies]]
/// code = "TH-TU-BDV"
/// name = "Ban Dân vận Tỉnh ủy"
/// kind = "party_advisory_department"
/// level = "province"
/// from = "1930-07-29"
/// parent = "TH-UT"
/// "#;
/// let err = Loader::new().origin("thanh_hoa.toml").toml(text).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid registry toml in `thanh_hoa.toml` at line 15, column 10, `bodies[1].parent`: body `TH-TU-BDV` names parent `TH-UT`, which is not in the registry"
/// );
/// assert!(matches!(err.cause(), OrgError::DanglingParent { .. }));
/// let one = directives::Limits::new().with(directives::Limit::Bodies, 1);
/// assert_eq!(Loader::new().limits(one).toml(text).unwrap_err().to_string(),
///     "invalid registry toml at line 9, column 1, `bodies[1]`: the number of bodies exceeds the limit of 1: found 2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Loader {
    origin: Option<String>,
    limits: Limits,
}

impl Default for Loader {
    fn default() -> Loader {
        Loader::new()
    }
}

impl Loader {
    /// Past this many top-level tables, a TOML file is parsed a table at a time.
    const PIECEWISE: usize = 64;

    /// A loader with the default limits and no file name.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Loader;
    ///
    /// assert!(Loader::new().json(r#"{"bodies": []}"#)?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new() -> Loader {
        Loader {
            origin: None,
            limits: Limits::new(),
        }
    }

    /// The same loader, naming the file (or other origin) of the text in its errors.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Loader;
    ///
    /// let err = Loader::new().origin("bodies.json").json("{").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid registry json in `bodies.json` at line 1, column 1: EOF while parsing an object"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn origin(mut self, name: impl Into<String>) -> Loader {
        self.origin = Some(name.into());
        self
    }

    /// The same loader with other limits (it reads [`Limit::Bytes`], [`Limit::Bodies`],
    /// [`Limit::Changes`] and [`Limit::Depth`]).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Loader;
    /// use directives::{Limit, Limits};
    ///
    /// let text = r#"{"bodies": [], "changes": [{"change": "dissolve", "body": "A", "date": "2025-01-01"}]}"#;
    /// let err = Loader::new().limits(Limits::new().with(Limit::Changes, 0)).json(text).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid registry json at line 1, column 28, `changes[0]`: the number of changes exceeds the limit of 0: found 1"
    /// );
    /// let err = Loader::new().limits(Limits::new().with(Limit::Depth, 1)).json(r#"{"bodies": []}"#).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid registry json at line 1, column 12: the nesting depth exceeds the limit of 1: found 2"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Loader {
        self.limits = limits;
        self
    }

    /// Reads a registry from TOML (see the [module docs](super#data-files) for the
    /// fields).
    ///
    /// # Errors
    ///
    /// [`OrgError::Load`] naming the file, the line and column, the path and the problem:
    /// [`OrgError::EmptyInput`] for a text of whitespace and comments only,
    /// [`OrgError::Syntax`] for a text that is not TOML of the registry's shape,
    /// [`OrgError::Limit`], an invalid value (a code, kind, level or date), or an error
    /// of [`RegistryBuilder::build`](super::RegistryBuilder::build) (a parent or
    /// succession cycle is placed at the first body of the cycle).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Loader;
    ///
    /// let err = Loader::new()
    ///     .origin("bodies.toml")
    ///     .toml("[[bodies]]\ncode = \"A\"\nname = \"A\"\nkind = \"other\"\nlevel = \"province\"\nfrom = 2000-01-01\n")
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid registry toml in `bodies.toml` at line 6, column 8, `bodies[0].from`: unquoted date `2000-01-01`: write it as a string, `\"2000-01-01\"`"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn toml(&self, text: &str) -> Result<Registry, OrgError> {
        self.load(Format::Toml, text)
    }

    /// Reads a registry from JSON, with the same fields as in TOML.
    ///
    /// # Errors
    ///
    /// As for [`Loader::toml`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Loader;
    ///
    /// let text = r#"{"bodies": [{"code": "A", "name": " ", "kind": "other", "level": "province", "from": "2000-01-01"}]}"#;
    /// assert_eq!(
    ///     Loader::new().json(text).unwrap_err().to_string(),
    ///     "invalid registry json at line 1, column 35, `bodies[0].name`: body `A` has a blank name"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn json(&self, text: &str) -> Result<Registry, OrgError> {
        self.load(Format::Json, text)
    }

    fn load(&self, format: Format, text: &str) -> Result<Registry, OrgError> {
        let fail = |path: String, offset: Option<usize>, problem: OrgError| {
            let position = offset.map(|o| line_column(text, o));
            OrgError::Load {
                format: format.name(),
                origin: self.origin.clone(),
                path,
                line: position.map(|p| p.0),
                column: position.map(|p| p.1),
                problem: Box::new(problem),
            }
        };
        let exceeded = |e: crate::load::Exceeded| OrgError::Limit {
            limit: e.limit,
            max: e.max,
            found: e.found,
        };
        let scan = scan_within(text, format, &self.limits)
            .map_err(|e| fail(".".to_owned(), e.offset, exceeded(e)))?;
        if !scan.content {
            return Err(fail(
                ".".to_owned(),
                None,
                OrgError::EmptyInput {
                    format: format.name(),
                },
            ));
        }
        let to_error = |f: crate::load::Failure| {
            let offset = f.place(format, text);
            let problem = OrgError::Syntax {
                format: format.name(),
                message: f.message,
            };
            fail(f.path, offset, problem)
        };
        // A long TOML file is parsed a table at a time, which keeps the parser's memory to
        // that of one body or change (see `toml_tables`); a short one in one piece.
        const NAMES: [&str; 2] = ["bodies", "changes"];
        let tables = (format == Format::Toml && scan.headers.len() > Loader::PIECEWISE)
            .then(|| toml_tables(text, &scan.headers, &NAMES))
            .flatten()
            .filter(|(_, tables)| tables.iter().any(|&(name, ..)| name == 0));
        let wire: RegistryWire = match tables {
            Some((rest, tables)) => {
                let rest: PieceWire = crate::load::read(format, &rest).map_err(to_error)?;
                let count = |which| tables.iter().filter(|&&(name, ..)| name == which).count();
                let mut wire = RegistryWire {
                    bodies: Vec::with_capacity(count(0)),
                    changes: Vec::with_capacity(count(1)),
                };
                wire.bodies.extend(rest.bodies);
                wire.changes.extend(rest.changes);
                let mut seen = [0; 2];
                for &(name, start, end) in &tables {
                    let piece = text.get(start..end).unwrap_or_default();
                    let index = seen.get(name).copied().unwrap_or_default();
                    let one: PieceWire = crate::load::read(format, piece).map_err(|f| {
                        to_error(f.within(
                            start,
                            NAMES.get(name).copied().unwrap_or_default(),
                            index,
                        ))
                    })?;
                    if let Some(n) = seen.get_mut(name) {
                        *n += 1;
                    }
                    wire.bodies.extend(one.bodies);
                    wire.changes.extend(one.changes);
                }
                wire
            }
            None => crate::load::read(format, text).map_err(to_error)?,
        };
        for (limit, count, name) in [
            (Limit::Bodies, wire.bodies.len(), "bodies"),
            (Limit::Changes, wire.changes.len(), "changes"),
        ] {
            count_within(&self.limits, limit, count, name, |path| {
                locate(format, text, path)
            })
            .map_err(|(path, e)| fail(path, e.offset, exceeded(e)))?;
        }
        // The first body of a cycle places the cycle in the file.
        let codes: Vec<String> = wire.bodies.iter().map(|b| b.code.clone()).collect();
        wire.build().map_err(|e| {
            let path = match e.cause() {
                OrgError::ParentCycle { codes: cycle, .. } => cycle
                    .first()
                    .and_then(|c| codes.iter().position(|code| code == c.as_str()))
                    .map(|i| format!("bodies[{i}].parent")),
                OrgError::SuccessionCycle { codes: cycle } => cycle
                    .first()
                    .and_then(|c| codes.iter().position(|code| code == c.as_str()))
                    .map(|i| format!("bodies[{i}]")),
                _ => None,
            };
            let path = path
                .or_else(|| e.path().map(str::to_owned))
                .unwrap_or_else(|| ".".to_owned());
            let offset = locate(format, text, &path);
            fail(path, offset, e.cause().clone())
        })
    }
}

impl Registry {
    /// Reads a registry from TOML: arrays of tables `bodies` and `changes` (see the
    /// [module docs](super#data-files) for the fields).
    ///
    /// # Errors
    ///
    /// As for [`Loader::toml`] with the default limits: an [`OrgError::Load`] naming the
    /// line, the column and the path of the value at fault (`bodies[3].parent`,
    /// `changes[0].into`) and the problem ([`OrgError::cause`]), such as
    /// [`OrgError::EmptyInput`] for an empty or blank text, [`OrgError::Syntax`] for a text
    /// that is not TOML of the expected shape (`bodies` is required, `changes` optional),
    /// a value that is not a valid code, kind, level or date, or any error of
    /// [`RegistryBuilder::build`](super::RegistryBuilder::build).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::{OrgError, Registry};
    ///
    /// let err = Registry::from_toml_str(" \n").unwrap_err();
    /// assert_eq!(err.cause(), &OrgError::EmptyInput { format: "toml" });
    ///
    /// let registry = Registry::from_toml_str(r#"
    ///     [[bodies]]
    ///     code = "TH-TU"
    ///     name = "Tỉnh ủy Thanh Hóa"
    ///     kind = "party_committee"
    ///     level = "province"
    ///     from = "1930-07-29"
    /// "#)?;
    /// assert_eq!(registry.len(), 1);
    ///
    /// let err = Registry::from_toml_str(r#"
    ///     [[bodies]]
    ///     code = "TH-TU"
    ///     name = "Tỉnh ủy Thanh Hóa"
    ///     kind = "party_comittee"
    ///     level = "province"
    ///     from = "1930-07-29"
    /// "#).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid registry toml at line 5, column 12, `bodies[0].kind`: unknown body kind `party_comittee`");
    /// assert_eq!(err.path(), Some("bodies[0].kind"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_toml_str(text: &str) -> Result<Registry, OrgError> {
        Loader::new().toml(text)
    }

    /// Reads a registry from JSON: an object with arrays `bodies` and `changes`, with the
    /// same fields as in TOML.
    ///
    /// # Errors
    ///
    /// As for [`Loader::json`] with the default limits.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Registry;
    ///
    /// let registry = Registry::from_json_str(r#"{
    ///     "bodies": [{"code": "TH-TU", "name": "Tỉnh ủy Thanh Hóa", "kind": "party_committee",
    ///                 "level": "province", "from": "1930-07-29"}],
    ///     "changes": []
    /// }"#)?;
    /// assert_eq!(registry.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_str(text: &str) -> Result<Registry, OrgError> {
        Loader::new().json(text)
    }

    /// Writes the registry as JSON, in the form [`from_json_str`](Self::from_json_str)
    /// reads.
    ///
    /// # Errors
    ///
    /// [`OrgError::Syntax`] if serialization fails (it does not for registries built by
    /// this crate).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Registry;
    ///
    /// let text = r#"{"bodies":[{"code":"A","name":"A","kind":"other","level":"province","from":"2000-01-01"}],"changes":[]}"#;
    /// let registry = Registry::from_json_str(text)?;
    /// assert_eq!(registry.to_json_string()?, text);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json_string(&self) -> Result<String, OrgError> {
        serde_json::to_string(&RegistryWire::of(self)).map_err(|e| syntax("json", &e))
    }

    /// Writes the registry as TOML, in the form [`from_toml_str`](Self::from_toml_str)
    /// reads.
    ///
    /// # Errors
    ///
    /// [`OrgError::Syntax`] if serialization fails (it does not for registries built by
    /// this crate).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Registry;
    ///
    /// let registry = Registry::from_toml_str(r#"
    ///     [[bodies]]
    ///     code = "A"
    ///     name = "A"
    ///     kind = "other"
    ///     level = "province"
    ///     from = "2000-01-01"
    /// "#)?;
    /// let again = Registry::from_toml_str(&registry.to_toml_string()?)?;
    /// assert_eq!(again.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_toml_string(&self) -> Result<String, OrgError> {
        toml::to_string(&RegistryWire::of(self)).map_err(|e| syntax("toml", &e))
    }
}

/// A registry serializes as its data file: `bodies` and `changes`.
impl Serialize for Registry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        RegistryWire::of(self).serialize(serializer)
    }
}

/// A registry deserializes from its data file and is checked as by
/// [`RegistryBuilder::build`](super::RegistryBuilder::build).
impl<'de> Deserialize<'de> for Registry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Registry, D::Error> {
        RegistryWire::deserialize(deserializer)?
            .build()
            .map_err(serde::de::Error::custom)
    }
}

impl Serialize for Body {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        BodyWire::from(self.clone()).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Body {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Body, D::Error> {
        Body::try_from(BodyWire::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Change {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ChangeWire::from(self.clone()).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Change {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Change, D::Error> {
        Change::try_from(ChangeWire::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_rejected() {
        let err = Registry::from_json_str(r#"{"bodies": [], "bodys": []}"#).unwrap_err();
        assert!(matches!(
            err.cause(),
            OrgError::Syntax { format: "json", .. }
        ));
        assert!(err.to_string().contains("unknown field `bodys`"), "{err}");
    }

    #[test]
    fn registry_nests_in_other_data() {
        #[derive(Debug, serde::Deserialize)]
        struct Province {
            registry: Registry,
        }
        let text = r#"{"registry": {"bodies": [{"code": "A", "name": "A", "kind": "other",
            "level": "province", "from": "2000-01-01", "parent": "B"}]}}"#;
        let err = serde_json::from_str::<Province>(text).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "at `bodies[0].parent`: body `A` names parent `B`, which is not in the registry"
            ),
            "{err}"
        );
        let text = r#"{"registry": {"bodies": [{"code": "A", "name": "A", "kind": "other",
            "level": "province", "from": "2000-01-01"}]}}"#;
        let province: Province = serde_json::from_str(text).unwrap();
        assert_eq!(province.registry.len(), 1);
    }

    #[test]
    fn bad_dates_name_path_and_value() {
        let err = Registry::from_json_str(
            r#"{"bodies": [{"code": "A", "name": "A", "kind": "other", "level": "province", "from": "2000-13-01"}]}"#,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid registry json at line 1, column 86, `bodies[0].from`: invalid date `2000-13-01`: no such day"
        );
    }

    #[test]
    fn dates_have_one_spelling() {
        assert_eq!(
            date("2024-02-29", "d"),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
        for text in [
            "2000-1-1",
            "2000-01-1",
            "+2000-01-01",
            "2000-01-01 ",
            " 2000-01-01",
            "2000/01/01",
            "20000-01-01",
            "2023-02-29",
            "2000-01-0a",
        ] {
            let problem = if text == "2023-02-29" {
                "no such day"
            } else {
                "expected `yyyy-mm-dd`"
            };
            assert_eq!(
                date(text, "d").unwrap_err().to_string(),
                format!("at `d`: invalid date `{text}`: {problem}"),
            );
        }
    }
}
