//! The error of the `org` module.

use chrono::NaiveDate;

use super::{BodyCode, ChangeKind};

/// An error from building, loading or querying a registry of bodies.
///
/// Each variant names the codes and dates involved, so that the message alone locates the
/// problem in a data file. New variants may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::org::{BodyCode, OrgError};
///
/// let err = "TH TU".parse::<BodyCode>().unwrap_err();
/// assert!(matches!(err, OrgError::InvalidCode { .. }));
/// assert_eq!(
///     err.to_string(),
///     "invalid body code `TH TU`: use ascii letters, digits, `-`, `_` or `.`"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OrgError {
    /// A body code is empty, too long, or holds a character other than an ASCII letter,
    /// digit, `-`, `_` or `.`.
    #[error(
        "invalid body code {}: use ascii letters, digits, `-`, `_` or `.`",
        crate::text::quote(.code)
    )]
    InvalidCode {
        /// The rejected text (the message quotes at most 80 bytes of it).
        code: String,
    },
    /// A body kind is not one of the known snake_case names.
    #[error("unknown body kind {}", crate::text::quote(.value))]
    UnknownKind {
        /// The rejected text (the message quotes at most 80 bytes of it).
        value: String,
    },
    /// A level is not `central`, `province`, `district` or `commune`.
    #[error("unknown level {}", crate::text::quote(.value))]
    UnknownLevel {
        /// The rejected text (the message quotes at most 80 bytes of it).
        value: String,
    },
    /// A date is not an ISO 8601 calendar date (`yyyy-mm-dd`), or names a day that does
    /// not exist (`2025-02-30`, said so).
    #[error("{}", crate::text::date_problem(.value))]
    InvalidDate {
        /// The rejected text (the message quotes at most 80 bytes of it).
        value: String,
    },
    /// Two bodies share a code.
    #[error("duplicate body code `{code}`")]
    DuplicateCode {
        /// The repeated code.
        code: BodyCode,
    },
    /// A code names no body of the registry.
    #[error("unknown body code `{code}`")]
    UnknownCode {
        /// The code looked up.
        code: BodyCode,
    },
    /// A body's validity ends on or before the day it starts.
    #[error("body `{code}` has an empty validity: from {from} until {until}")]
    EmptyValidity {
        /// The body.
        code: BodyCode,
        /// Its first day.
        from: NaiveDate,
        /// The first day it no longer exists.
        until: NaiveDate,
    },
    /// A body names a parent that is not in the registry.
    #[error("body `{code}` names parent `{parent}`, which is not in the registry")]
    DanglingParent {
        /// The child.
        code: BodyCode,
        /// The missing parent.
        parent: BodyCode,
    },
    /// A change names a body that is not in the registry.
    #[error("{change} on {date} names body `{code}`, which is not in the registry")]
    DanglingReference {
        /// The kind of change.
        change: ChangeKind,
        /// The date of the change.
        date: NaiveDate,
        /// The missing body.
        code: BodyCode,
    },
    /// A change is malformed: a merge with no bodies, into one of them or listing a body
    /// twice; a split with no parts, into itself, listing a part twice or whose heir is not
    /// one of its parts; a body that succeeds itself.
    #[error("{change} of `{code}` on {date} is malformed: {reason}")]
    MalformedChange {
        /// The kind of change.
        change: ChangeKind,
        /// The body the change is about.
        code: BodyCode,
        /// The date of the change.
        date: NaiveDate,
        /// What is wrong.
        reason: &'static str,
    },
    /// A rename or move falls on or before the body's first day, or on or after its end.
    #[error("{change} of `{code}` on {date} is outside its validity")]
    ChangeOutsideValidity {
        /// The kind of change.
        change: ChangeKind,
        /// The body.
        code: BodyCode,
        /// The date of the change.
        date: NaiveDate,
    },
    /// Two changes of the same kind apply to one body on one date.
    #[error("two {change} changes of `{code}` on {date}")]
    DuplicateChange {
        /// The kind of change.
        change: ChangeKind,
        /// The body.
        code: BodyCode,
        /// The date of both changes.
        date: NaiveDate,
    },
    /// A body's end is given twice with different dates (by its `until` and a change, or by
    /// two changes), or twice by changes.
    #[error("body `{code}` ends twice: on {first} and by a {change} on {second}")]
    ConflictingEnd {
        /// The body.
        code: BodyCode,
        /// The end recorded first.
        first: NaiveDate,
        /// The kind of the later change.
        change: ChangeKind,
        /// The date of the later change.
        second: NaiveDate,
    },
    /// Bodies are each other's ancestors on a date. Two bodies may swap places in the
    /// hierarchy over time (B under A, later A under B), as long as no single day has both.
    #[error("parent cycle on {date}: {}", join_codes(.codes))]
    ParentCycle {
        /// The bodies of the cycle, starting and ending with the same code.
        codes: Vec<BodyCode>,
        /// The first day on which the cycle exists.
        date: NaiveDate,
    },
    /// Bodies succeed each other in a cycle.
    #[error("succession cycle: {}", join_codes(.codes))]
    SuccessionCycle {
        /// The bodies of the cycle, starting and ending with the same code.
        codes: Vec<BodyCode>,
    },
    /// A body is active on a date on which its parent is not.
    #[error("body `{code}` is active on {date} but its parent `{parent}` is not")]
    ParentNotActive {
        /// The child.
        code: BodyCode,
        /// The parent.
        parent: BodyCode,
        /// The first such date.
        date: NaiveDate,
    },
    /// A successor has ended by the date it takes over (one established after that date is
    /// [`SuccessorNotEstablished`](OrgError::SuccessorNotEstablished)).
    #[error(
        "successor `{successor}` of `{code}` is not active on {date}, the date of the {change}"
    )]
    SuccessorNotActive {
        /// The body that ends.
        code: BodyCode,
        /// Its successor.
        successor: BodyCode,
        /// The kind of change.
        change: ChangeKind,
        /// The date of the change.
        date: NaiveDate,
    },
    /// A body that takes over on a change (a successor, the `into` of a merge, a part of a
    /// split) is established only after the date of the change: it must exist on that date.
    #[error(
        "`{successor}` takes over from `{code}` on {date}, the date of the {change}, but is established only on {from}"
    )]
    SuccessorNotEstablished {
        /// The body that ends.
        code: BodyCode,
        /// The body that takes over.
        successor: BodyCode,
        /// The kind of change.
        change: ChangeKind,
        /// The date of the change.
        date: NaiveDate,
        /// The first day of `successor`, after `date`.
        from: NaiveDate,
    },
    /// A data file gives a change `establish`, which is not a change: a body is
    /// established by its `from` date.
    #[error("`establish` is not a change: a body is established by its `from` date")]
    EstablishIsNotAChange,
    /// A registry holds more bodies than a [`BodyId`](super::BodyId) can index.
    #[error("too many bodies: {count}")]
    TooManyBodies {
        /// The number of bodies given.
        count: usize,
    },
    /// A body or a rename gives a name that is empty or only white space.
    #[error("body `{code}` has a blank {field}")]
    BlankName {
        /// The body.
        code: BodyCode,
        /// Which name: `name`, `name_en` or `short`.
        field: &'static str,
    },
    /// A selector is nested deeper than [`Selector::MAX_DEPTH`](super::Selector::MAX_DEPTH)
    /// levels of `all`, `any` and `not`.
    #[error("selector nested deeper than {limit} levels")]
    SelectorTooDeep {
        /// The limit, [`Selector::MAX_DEPTH`](super::Selector::MAX_DEPTH).
        limit: usize,
    },
    /// A data file is empty or holds only white space: a registry file lists its bodies.
    #[error("empty registry {format}: a registry file lists its bodies")]
    EmptyInput {
        /// `toml` or `json`.
        format: &'static str,
    },
    /// A selector has no condition at all.
    #[error(
        "empty selector: give at least one of `body`, `kind`, `level`, `children_of`, `descendants_of`, `any`, `all`, `not`"
    )]
    EmptySelector,
    /// A data file is not valid TOML or JSON, or does not have the expected shape.
    #[error("invalid registry {format}: {message}")]
    Syntax {
        /// `toml` or `json`.
        format: &'static str,
        /// The parser's message, with its location, cut to a bound (it may quote the
        /// input).
        message: String,
    },
    /// A data file exceeds a limit of the [`Loader`](super::Loader).
    #[error("{limit} exceeds the limit of {max}: found {found}")]
    Limit {
        /// Which limit.
        limit: crate::Limit,
        /// The limit.
        max: usize,
        /// What the file has (for the nesting depth, the first depth past the limit).
        found: usize,
    },
    /// A data file that could not be read as a registry: where in it, and why.
    ///
    /// The message names the file (when the [`Loader`](super::Loader) was given its
    /// name), the line and column, the path of the value at fault (`bodies[12].parent`)
    /// and the problem, which quotes values no longer than a fixed bound.
    #[cfg(feature = "serde")]
    #[error("{}", load_message(.format, .origin.as_deref(), .path, *.line, *.column, .problem))]
    Load {
        /// `toml` or `json`.
        format: &'static str,
        /// The name of the file, if the loader was given one.
        origin: Option<String>,
        /// The path of the value at fault, such as `bodies[12].parent`; `.` for the whole
        /// file.
        path: String,
        /// The line, counted from 1, when known.
        line: Option<usize>,
        /// The column (in characters, counted from 1), when known.
        column: Option<usize>,
        /// What is wrong: [`Syntax`](OrgError::Syntax) when the text is not TOML or JSON
        /// of the registry's shape, [`EmptyInput`](OrgError::EmptyInput),
        /// [`Limit`](OrgError::Limit), or the error of a value or of
        /// [`RegistryBuilder::build`](super::RegistryBuilder::build) (without its path).
        problem: Box<OrgError>,
    },
    /// An error at a path in a data file or a builder's input, such as `bodies[3].kind`
    /// (the fourth body given) or `changes[0].into`.
    #[error("at `{path}`: {source}")]
    At {
        /// The path of the offending field.
        path: String,
        /// The error.
        source: Box<OrgError>,
    },
}

impl OrgError {
    /// The path of the offending value (`bodies[3].parent`), if the error has one.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level, OrgError, Registry};
    ///
    /// let day = NaiveDate::from_ymd_opt(2000, 1, 1).ok_or("date")?;
    /// let err = Registry::builder()
    ///     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day))
    ///     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day).with_parent("X".parse()?))
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.path(), Some("bodies[1].parent"));
    /// assert!(matches!(err.cause(), OrgError::DanglingParent { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn path(&self) -> Option<&str> {
        match self {
            OrgError::At { path, .. } => Some(path),
            #[cfg(feature = "serde")]
            OrgError::Load { path, .. } if path != "." => Some(path),
            _ => None,
        }
    }

    /// The error without its path: what is wrong, wherever it is.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level, OrgError, Registry};
    ///
    /// let day = NaiveDate::from_ymd_opt(2000, 1, 1).ok_or("date")?;
    /// let err = Registry::builder()
    ///     .body(Body::new("A".parse()?, " ", BodyKind::Other, Level::Province, day))
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.path(), Some("bodies[0].name"));
    /// assert!(matches!(err.cause(), OrgError::BlankName { field: "name", .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn cause(&self) -> &OrgError {
        let mut err = self;
        loop {
            match err {
                OrgError::At { source, .. } => err = source,
                #[cfg(feature = "serde")]
                OrgError::Load { problem, .. } => err = problem,
                _ => return err,
            }
        }
    }

    /// Places this error at `path`, joining it with a path the error already has.
    pub(crate) fn at(self, path: &str) -> OrgError {
        match self {
            OrgError::At {
                path: inner,
                source,
            } => {
                let joined = if inner.starts_with('[') {
                    format!("{path}{inner}")
                } else {
                    format!("{path}.{inner}")
                };
                OrgError::At {
                    path: joined,
                    source,
                }
            }
            other => OrgError::At {
                path: path.to_owned(),
                source: Box::new(other),
            },
        }
    }
}

impl OrgError {
    /// The error as a sentence in `lang` (the English one is also its `Display`): the
    /// file, the line and column, the path and the value, as the English one names them.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::org::BodyCode;
    ///
    /// let err = "TH TU".parse::<BodyCode>().unwrap_err();
    /// assert_eq!(
    ///     err.sentence(Lang::Vi),
    ///     "mã cơ quan, đơn vị `TH TU` không hợp lệ: chỉ dùng chữ cái, chữ số ASCII, `-`, `_` hoặc `.`",
    /// );
    /// assert_eq!(err.sentence(Lang::En), err.to_string());
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        use crate::text::quote;
        if lang == crate::Lang::En {
            return self.to_string();
        }
        let day = |d: &NaiveDate| d.format("%d/%m/%Y").to_string();
        match self {
            OrgError::InvalidCode { code } => format!(
                "mã cơ quan, đơn vị {} không hợp lệ: chỉ dùng chữ cái, chữ số ASCII, `-`, `_` \
                 hoặc `.`",
                quote(code)
            ),
            OrgError::UnknownKind { value } => {
                format!("không có loại cơ quan, đơn vị {}", quote(value))
            }
            OrgError::UnknownLevel { value } => format!("không có cấp {}", quote(value)),
            OrgError::InvalidDate { value } => crate::text::date_sentence(value, lang),
            OrgError::DuplicateCode { code } => {
                format!("mã cơ quan, đơn vị `{code}` bị trùng")
            }
            OrgError::UnknownCode { code } => {
                format!("không có cơ quan, đơn vị mã `{code}`")
            }
            OrgError::EmptyValidity { code, from, until } => format!(
                "cơ quan, đơn vị `{code}` không có thời gian hoạt động: từ {} đến trước {}",
                day(from),
                day(until)
            ),
            OrgError::DanglingParent { code, parent } => format!(
                "cơ quan, đơn vị `{code}` ghi cơ quan cấp trên `{parent}`, nhưng mã này không có \
                 trong danh sách"
            ),
            OrgError::DanglingReference { change, date, code } => format!(
                "việc {} ngày {} ghi cơ quan, đơn vị `{code}`, nhưng mã này không có trong danh \
                 sách",
                change_vi(*change),
                day(date)
            ),
            OrgError::MalformedChange {
                change,
                code,
                date,
                reason,
            } => format!(
                "việc {} `{code}` ngày {} không hợp lệ: {}",
                change_vi(*change),
                day(date),
                reason_vi(reason)
            ),
            OrgError::ChangeOutsideValidity { change, code, date } => format!(
                "việc {} `{code}` ngày {} nằm ngoài thời gian hoạt động của cơ quan, đơn vị",
                change_vi(*change),
                day(date)
            ),
            OrgError::DuplicateChange { change, code, date } => format!(
                "có hai lần {} `{code}` cùng ngày {}",
                change_vi(*change),
                day(date)
            ),
            OrgError::ConflictingEnd {
                code,
                first,
                change,
                second,
            } => format!(
                "cơ quan, đơn vị `{code}` kết thúc hai lần: ngày {} và do việc {} ngày {}",
                day(first),
                change_vi(*change),
                day(second)
            ),
            OrgError::ParentCycle { codes, date } => format!(
                "quan hệ cấp trên khép vòng ngày {}: {}",
                day(date),
                join_codes(codes)
            ),
            OrgError::SuccessionCycle { codes } => {
                format!("quan hệ kế thừa khép vòng: {}", join_codes(codes))
            }
            OrgError::ParentNotActive { code, parent, date } => format!(
                "cơ quan, đơn vị `{code}` hoạt động ngày {} nhưng cơ quan cấp trên `{parent}` thì \
                 không",
                day(date)
            ),
            OrgError::SuccessorNotActive {
                code,
                successor,
                change,
                date,
            } => format!(
                "cơ quan, đơn vị kế thừa `{successor}` của `{code}` không hoạt động ngày {}, ngày \
                 {}",
                day(date),
                change_vi(*change)
            ),
            OrgError::SuccessorNotEstablished {
                code,
                successor,
                change,
                date,
                from,
            } => format!(
                "`{successor}` kế thừa `{code}` ngày {}, ngày {}, nhưng đến ngày {} mới được \
                 thành lập",
                day(date),
                change_vi(*change),
                day(from)
            ),
            OrgError::EstablishIsNotAChange => "`establish` không phải là một thay đổi: cơ quan, \
                 đơn vị được thành lập từ ngày ghi ở `from`"
                .to_owned(),
            OrgError::TooManyBodies { count } => {
                format!("quá nhiều cơ quan, đơn vị: {count}")
            }
            OrgError::BlankName { code, field } => {
                format!("cơ quan, đơn vị `{code}` để trống `{field}`")
            }
            OrgError::SelectorTooDeep { limit } => {
                format!("bộ chọn lồng nhau quá {limit} cấp")
            }
            OrgError::EmptyInput { format } => format!(
                "danh sách cơ quan, đơn vị ({format}) không có nội dung: tệp danh sách phải liệt \
                 kê các cơ quan, đơn vị"
            ),
            OrgError::EmptySelector => "bộ chọn không có điều kiện nào: cần ít nhất một trong \
                 `body`, `kind`, `level`, `children_of`, `descendants_of`, `any`, `all`, `not`"
                .to_owned(),
            OrgError::Syntax { format, message } => format!(
                "danh sách cơ quan, đơn vị ({format}) không hợp lệ: {}",
                crate::text::parser_message_vi(message)
            ),
            OrgError::Limit { limit, max, found } => limit.exceeded(*max, *found, lang),
            #[cfg(feature = "serde")]
            OrgError::Load {
                format,
                origin,
                path,
                line,
                column,
                problem,
            } => {
                let place = crate::text::load_place_vi(
                    "danh sách cơ quan, đơn vị",
                    format,
                    origin.as_deref(),
                    *line,
                    line.and(*column),
                    (path != ".").then_some(path.as_str()),
                );
                let problem = match problem.as_ref() {
                    OrgError::Syntax { message, .. } => crate::text::parser_message_vi(message),
                    OrgError::EmptyInput { .. } => {
                        "tệp không có nội dung: tệp danh sách phải liệt kê các cơ quan, đơn vị"
                            .to_owned()
                    }
                    other => other.sentence(lang),
                };
                format!("{place}: {problem}")
            }
            OrgError::At { path, source } => {
                format!("tại `{path}`: {}", source.sentence(lang))
            }
        }
    }
}

/// A kind of change in Vietnamese, as an action: `đổi tên`, `sáp nhập`, …
fn change_vi(change: ChangeKind) -> &'static str {
    match change {
        ChangeKind::Rename => "đổi tên",
        ChangeKind::Move => "chuyển cấp trên",
        ChangeKind::Merge => "hợp nhất",
        ChangeKind::Split => "chia tách",
        ChangeKind::Dissolve => "giải thể",
    }
}

/// Why a change is malformed, in Vietnamese (the registry's reasons).
fn reason_vi(reason: &str) -> &str {
    match reason {
        "no bodies to merge" => "không có cơ quan, đơn vị nào để hợp nhất",
        "a body merges into itself" => "một cơ quan, đơn vị hợp nhất vào chính nó",
        "a body is listed twice" => "một cơ quan, đơn vị được ghi hai lần",
        "no parts" => "không có phần nào được tách ra",
        "a body splits into itself" => "một cơ quan, đơn vị tách thành chính nó",
        "a part is listed twice" => "một phần được ghi hai lần",
        "the heir is not one of the parts" => "đơn vị kế thừa không phải là một phần được tách ra",
        "a body succeeds itself" => "một cơ quan, đơn vị kế thừa chính nó",
        other => other,
    }
}

#[cfg(feature = "serde")]
fn load_message(
    format: &str,
    origin: Option<&str>,
    path: &str,
    line: Option<usize>,
    column: Option<usize>,
    problem: &OrgError,
) -> String {
    use std::fmt::Write as _;
    let mut out = format!("invalid registry {format}");
    if let Some(origin) = origin {
        let _ = write!(out, " in {}", crate::text::quote(origin));
    }
    match (line, column) {
        (Some(line), Some(column)) => {
            let _ = write!(out, " at line {line}, column {column}");
        }
        (Some(line), None) => {
            let _ = write!(out, " at line {line}");
        }
        _ => {}
    }
    if path != "." {
        let sep = if line.is_some() { ", " } else { " at " };
        let _ = write!(out, "{sep}{}", crate::text::quote(path));
    }
    let _ = match problem {
        OrgError::Syntax { message, .. } => write!(out, ": {message}"),
        OrgError::EmptyInput { .. } => {
            write!(out, ": the file is empty: a registry file lists its bodies")
        }
        other => write!(out, ": {other}"),
    };
    out
}

fn join_codes(codes: &[BodyCode]) -> String {
    let mut out = String::new();
    for (i, code) in codes.iter().enumerate() {
        if i > 0 {
            out.push_str(" → ");
        }
        out.push('`');
        out.push_str(code.as_ref());
        out.push('`');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_send_sync_static() {
        fn assert_traits<T: std::error::Error + Send + Sync + 'static>() {}
        assert_traits::<OrgError>();
    }

    #[test]
    fn at_joins_paths() {
        let err = OrgError::UnknownKind {
            value: "x".to_owned(),
        }
        .at("kind")
        .at("bodies[3]");
        assert_eq!(
            err.to_string(),
            "at `bodies[3].kind`: unknown body kind `x`"
        );
        let err = OrgError::EmptySelector.at("[2]").at("any");
        assert_eq!(
            err.to_string(),
            "at `any[2]`: empty selector: give at least one of `body`, `kind`, `level`, `children_of`, `descendants_of`, `any`, `all`, `not`"
        );
    }

    #[test]
    fn cycle_message_joins_codes() {
        let codes = ["A", "B", "A"]
            .iter()
            .map(|c| c.parse::<BodyCode>().unwrap())
            .collect();
        let date = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let err = OrgError::ParentCycle { codes, date };
        assert_eq!(
            err.to_string(),
            "parent cycle on 2020-01-01: `A` → `B` → `A`"
        );
    }
}
