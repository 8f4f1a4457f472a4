//! The data-file form of bodies, changes and registries (feature `serde`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Body, BodyCode, Change, Names, OrgError, Registry};
use crate::provenance::Provenance;

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
    from: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
        date: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        parent: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provenance: Option<Provenance>,
    },
    Merge {
        bodies: Vec<String>,
        into: String,
        date: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provenance: Option<Provenance>,
    },
    Split {
        body: String,
        into: Vec<String>,
        heir: String,
        date: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provenance: Option<Provenance>,
    },
    Dissolve {
        body: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        successor: Option<String>,
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

impl Registry {
    /// Reads a registry from TOML: arrays of tables `bodies` and `changes` (see the
    /// [module docs](super#data-files) for the fields).
    ///
    /// # Errors
    ///
    /// [`OrgError::EmptyInput`] if the text is empty or only white space;
    /// [`OrgError::Syntax`] if the text is not TOML of the expected shape (with the line
    /// and column; `bodies` is required, `changes` optional); [`OrgError::At`] naming the path (such as `bodies[3].kind`) of a value
    /// that is not a valid code, kind, level or date; any error of
    /// [`RegistryBuilder::build`](super::RegistryBuilder::build), at the path of the value
    /// at fault (`bodies[3].parent`, `changes[0].into`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::{OrgError, Registry};
    ///
    /// assert_eq!(Registry::from_toml_str(" \n").unwrap_err(), OrgError::EmptyInput { format: "toml" });
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
    /// assert_eq!(err.to_string(), "at `bodies[0].kind`: unknown body kind `party_comittee`");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_toml_str(text: &str) -> Result<Registry, OrgError> {
        if text.trim().is_empty() {
            return Err(OrgError::EmptyInput { format: "toml" });
        }
        let wire: RegistryWire = toml::from_str(text).map_err(|e| syntax("toml", &e))?;
        wire.build()
    }

    /// Reads a registry from JSON: an object with arrays `bodies` and `changes`, with the
    /// same fields as in TOML.
    ///
    /// # Errors
    ///
    /// As for [`from_toml_str`](Self::from_toml_str), with [`OrgError::Syntax`] for JSON.
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
        if text.trim().is_empty() {
            return Err(OrgError::EmptyInput { format: "json" });
        }
        let wire: RegistryWire = serde_json::from_str(text).map_err(|e| syntax("json", &e))?;
        wire.build()
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
        assert!(matches!(err, OrgError::Syntax { format: "json", .. }));
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
            "at `bodies[0].from`: invalid date `2000-13-01`: expected `yyyy-mm-dd`"
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
            assert_eq!(
                date(text, "d").unwrap_err().to_string(),
                format!("at `d`: invalid date `{text}`: expected `yyyy-mm-dd`"),
            );
        }
    }
}
