//! What an evaluation finds: statuses, explanations in Vietnamese and English, findings
//! and diagnostics, as plain data.

use crate::Lang;
use crate::provenance::Certainty;
use crate::regime::LegalForce;
use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::event::{EventKind, EventRecord};
use crate::obligation::ObligationKey;
use crate::org::BodyCode;

/// The legal basis of the four tracking states.
pub(crate) const DECISION_42: &str = "Decision 42/2014/QĐ-TTg";
/// The legal basis of the four tracking states, in Vietnamese.
const DECISION_42_VI: &str = "Quyết định số 42/2014/QĐ-TTg";
/// The legal basis of the rest-day shift.
pub(crate) const CIVIL_CODE_148_5: &str = "Civil Code 2015 art. 148.5";
/// The legal basis of the rest-day shift, in Vietnamese.
const CIVIL_CODE_148_5_VI: &str = "khoản 5 Điều 148 Bộ luật Dân sự 2015";

/// A date as Vietnamese text writes it: `20/10/2025`.
fn vi_date(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

/// The status of an obligation as of a date.
///
/// The Government's four tracking states (Decision 42/2014/QĐ-TTg, amended by
/// 23/2018/QĐ-TTg) plus two: waived and not applicable. The set is fixed by the
/// project's design, so the enum is exhaustive.
///
/// Each status is also the rule that gives it: [`rule_id`](Status::rule_id) names the
/// rule and [`provision`](Status::provision) the legal provision it rests on.
///
/// # Example
///
/// ```
/// use directives::compliance::Status;
///
/// assert_eq!(Status::DoneLate.label(directives::Lang::Vi), "đã hoàn thành quá hạn");
/// assert_eq!(Status::OpenOverdue.to_string(), "open_overdue");
/// assert_eq!(Status::DoneLate.rule_id(), "status.done-late");
/// assert_eq!(Status::DoneLate.provision(directives::Lang::En), Some("Decision 42/2014/QĐ-TTg"));
/// assert!(Status::DoneOnTime.is_done());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[repr(u8)]
pub enum Status {
    /// Done on or before the deadline (đã hoàn thành đúng hạn).
    DoneOnTime,
    /// Done after the deadline (đã hoàn thành quá hạn).
    DoneLate,
    /// Not done, and the deadline has not passed (chưa hoàn thành trong hạn); this includes
    /// obligations not yet due.
    OpenWithinDeadline,
    /// Not done, and the deadline has passed (chưa hoàn thành quá hạn).
    OpenOverdue,
    /// Withdrawn by the assigning authority.
    Waived,
    /// The obligation does not apply.
    NotApplicable,
}

impl Status {
    /// Every status, in order.
    pub const ALL: [Status; 6] = [
        Status::DoneOnTime,
        Status::DoneLate,
        Status::OpenWithinDeadline,
        Status::OpenOverdue,
        Status::Waived,
        Status::NotApplicable,
    ];

    /// The status's snake_case name, as used in data files.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Status;
    ///
    /// assert_eq!(Status::OpenWithinDeadline.as_str(), "open_within_deadline");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::DoneOnTime => "done_on_time",
            Status::DoneLate => "done_late",
            Status::OpenWithinDeadline => "open_within_deadline",
            Status::OpenOverdue => "open_overdue",
            Status::Waived => "waived",
            Status::NotApplicable => "not_applicable",
        }
    }

    /// The label in `lang`: `đã hoàn thành đúng hạn`, `done on time`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::compliance::Status;
    ///
    /// assert_eq!(Status::DoneOnTime.label(Lang::Vi), "đã hoàn thành đúng hạn");
    /// assert_eq!(Status::OpenOverdue.label(Lang::En), "open and overdue");
    /// ```
    #[must_use]
    pub const fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vietnamese(),
            Lang::En => self.english(),
        }
    }

    const fn vietnamese(self) -> &'static str {
        match self {
            Status::DoneOnTime => "đã hoàn thành đúng hạn",
            Status::DoneLate => "đã hoàn thành quá hạn",
            Status::OpenWithinDeadline => "chưa hoàn thành trong hạn",
            Status::OpenOverdue => "chưa hoàn thành quá hạn",
            Status::Waived => "được miễn thực hiện",
            Status::NotApplicable => "không áp dụng",
        }
    }

    const fn english(self) -> &'static str {
        match self {
            Status::DoneOnTime => "done on time",
            Status::DoneLate => "done late",
            Status::OpenWithinDeadline => "open within deadline",
            Status::OpenOverdue => "open and overdue",
            Status::Waived => "waived",
            Status::NotApplicable => "not applicable",
        }
    }

    /// The stable id of the rule that gives this status.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Status;
    ///
    /// assert_eq!(Status::OpenOverdue.rule_id(), "status.open-overdue");
    /// ```
    #[must_use]
    pub const fn rule_id(self) -> &'static str {
        match self {
            Status::DoneOnTime => "status.done-on-time",
            Status::DoneLate => "status.done-late",
            Status::OpenWithinDeadline => "status.open-within-deadline",
            Status::OpenOverdue => "status.open-overdue",
            Status::Waived => "status.waived",
            Status::NotApplicable => "status.not-applicable",
        }
    }

    /// The legal provision the rule rests on, where one exists, cited in `lang`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::compliance::Status;
    ///
    /// assert_eq!(Status::OpenOverdue.provision(Lang::En), Some("Decision 42/2014/QĐ-TTg"));
    /// assert_eq!(Status::DoneOnTime.provision(Lang::Vi), Some("Quyết định số 42/2014/QĐ-TTg"));
    /// assert_eq!(Status::Waived.provision(Lang::En), None);
    /// ```
    #[must_use]
    pub const fn provision(self, lang: Lang) -> Option<&'static str> {
        match self {
            Status::DoneOnTime
            | Status::DoneLate
            | Status::OpenWithinDeadline
            | Status::OpenOverdue => Some(lang.pick(DECISION_42_VI, DECISION_42)),
            Status::Waived | Status::NotApplicable => None,
        }
    }

    /// Whether the obligation is done (on time or late).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Status;
    ///
    /// assert!(!Status::Waived.is_done());
    /// ```
    #[must_use]
    pub const fn is_done(self) -> bool {
        matches!(self, Status::DoneOnTime | Status::DoneLate)
    }

    /// Whether the obligation is open (within the deadline or overdue).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Status;
    ///
    /// assert!(Status::OpenOverdue.is_open());
    /// ```
    #[must_use]
    pub const fn is_open(self) -> bool {
        matches!(self, Status::OpenWithinDeadline | Status::OpenOverdue)
    }

    /// The status's stable numeric code, for columnar data (an Arrow `UInt8` column, a
    /// database table): `0` done on time, `1` done late, `2` open within the deadline, `3`
    /// open and overdue, `4` waived, `5` not applicable. The codes never change and keep
    /// the order of [`Status::ALL`] (the order of `Ord`); a new status would take a new
    /// code.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Status;
    ///
    /// assert_eq!(Status::DoneLate.code(), 1);
    /// assert_eq!(Status::from_code(Status::Waived.code()), Some(Status::Waived));
    /// ```
    #[must_use]
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// The status with this code (see [`Status::code`]), or `None` for a code no status has.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Status;
    ///
    /// assert_eq!(Status::from_code(3), Some(Status::OpenOverdue));
    /// assert_eq!(Status::from_code(6), None);
    /// ```
    #[must_use]
    pub const fn from_code(code: u8) -> Option<Status> {
        match code {
            0 => Some(Status::DoneOnTime),
            1 => Some(Status::DoneLate),
            2 => Some(Status::OpenWithinDeadline),
            3 => Some(Status::OpenOverdue),
            4 => Some(Status::Waived),
            5 => Some(Status::NotApplicable),
            _ => None,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A fact that shaped a finding beyond its rule, said in words by
/// [`sentence`](Note::sentence) (the English one is also `Display`).
///
/// New notes may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::Note;
///
/// let note = Note::RestDayShift {
///     from: NaiveDate::from_ymd_opt(2025, 1, 18).ok_or("date")?,
///     to: NaiveDate::from_ymd_opt(2025, 1, 20).ok_or("date")?,
///     rests_on: None,
/// };
/// assert_eq!(note.provision(directives::Lang::En), Some("Civil Code 2015 art. 148.5"));
/// assert_eq!(
///     note.to_string(),
///     "the deadline `2025-01-18` fell on a rest day and moved to the next working day, `2025-01-20` (Civil Code 2015 art. 148.5)",
/// );
/// assert_eq!(
///     note.sentence(directives::Lang::Vi),
///     "hạn chót 18/01/2025 trùng ngày nghỉ nên chuyển sang ngày làm việc tiếp theo là 20/01/2025 (khoản 5 Điều 148 Bộ luật Dân sự 2015)",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "note", rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum Note {
    /// The deadline fell on a rest day and moved to the next working day.
    RestDayShift {
        /// The deadline as written (after any extension).
        #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
        from: NaiveDate,
        /// The next working day.
        #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
        to: NaiveDate,
        /// How sure the least sure of the skipped days off is, when that is less than
        /// verified (a day off that only secondary sources report, or an assumption): the
        /// verdict then rests on that fact. See [`DayKind::provenance`](crate::calendar::DayKind::provenance).
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        rests_on: Option<Certainty>,
    },
    /// An extension moved the deadline.
    Extended {
        /// The day the extension was granted.
        #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
        granted: NaiveDate,
        /// The original due date.
        #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
        original_due: NaiveDate,
        /// The new due date.
        #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
        new_due: NaiveDate,
        /// The symbol of the document that granted the extension.
        document: String,
    },
    /// Grace days were added after the deadline.
    GraceDays {
        /// How many.
        days: u32,
    },
    /// The obligation was reopened; events dated before this day do not count.
    Reopened {
        /// The date of the latest reopening.
        #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
        on: NaiveDate,
    },
    /// The body the directive assigned had ceased to exist by the due date, and the
    /// obligation passed to its successor.
    Passed {
        /// The code of the body the directive assigned (the obligation key's body).
        from: BodyCode,
        /// Its name, when the obligation store has it.
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        from_name: Option<String>,
        /// The code of the successor that holds the obligation.
        to: BodyCode,
        /// Its name, when the obligation store has it.
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        to_name: Option<String>,
        /// The day the assigned body ceased and the obligation passed, when known.
        #[cfg_attr(
            feature = "serde",
            serde(
                default,
                skip_serializing_if = "Option::is_none",
                with = "crate::obligation::strict_date::option"
            )
        )]
        on: Option<NaiveDate>,
    },
}

/// A body for people: `` `HU-A` (Huyện ủy A)`` or `` `HU-A` ``.
fn named(code: &BodyCode, name: Option<&str>) -> String {
    match name {
        Some(name) => format!("`{code}` ({name})"),
        None => format!("`{code}`"),
    }
}

impl Note {
    /// The legal provision behind the note, where one exists, cited in `lang`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::compliance::Note;
    ///
    /// assert_eq!(Note::GraceDays { days: 2 }.provision(Lang::En), None);
    /// ```
    #[must_use]
    pub const fn provision(&self, lang: Lang) -> Option<&'static str> {
        match self {
            Note::RestDayShift { .. } => Some(lang.pick(CIVIL_CODE_148_5_VI, CIVIL_CODE_148_5)),
            Note::Extended { .. }
            | Note::GraceDays { .. }
            | Note::Reopened { .. }
            | Note::Passed { .. } => None,
        }
    }

    /// The note in words, in `lang` (the English words are also its `Display`).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::Lang;
    /// use directives::compliance::Note;
    /// use directives::org::BodyCode;
    ///
    /// let note = Note::Passed {
    ///     from: BodyCode::new("HU-A")?,
    ///     from_name: Some("Huyện ủy A".to_owned()),
    ///     to: BodyCode::new("HU-B")?,
    ///     to_name: Some("Huyện ủy B".to_owned()),
    ///     on: NaiveDate::from_ymd_opt(2025, 7, 1),
    /// };
    /// assert_eq!(
    ///     note.sentence(Lang::En),
    ///     "the obligation passed from `HU-A` (Huyện ủy A) to its successor `HU-B` (Huyện ủy B) on `2025-07-01`",
    /// );
    ///
    /// let note = Note::Extended {
    ///     granted: NaiveDate::from_ymd_opt(2025, 2, 10).ok_or("date")?,
    ///     original_due: NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?,
    ///     new_due: NaiveDate::from_ymd_opt(2025, 3, 20).ok_or("date")?,
    ///     document: "15/QĐ-UBND".to_owned(),
    /// };
    /// assert_eq!(
    ///     note.sentence(Lang::Vi),
    ///     "hạn được gia hạn từ 20/02/2025 đến 20/03/2025 theo văn bản 15/QĐ-UBND ngày 10/02/2025",
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.vietnamese(),
            Lang::En => self.english(),
        }
    }

    fn english(&self) -> String {
        match self {
            Note::RestDayShift { from, to, rests_on } => {
                let mut text = format!(
                    "the deadline `{from}` fell on a rest day and moved to the next working \
                     day, `{to}` ({CIVIL_CODE_148_5})"
                );
                if let Some(certainty) = rests_on {
                    text.push_str(&format!(
                        ", over a day off that is {certainty}, not verified"
                    ));
                }
                text
            }
            Note::Extended {
                granted,
                original_due,
                new_due,
                document,
            } => format!(
                "the deadline was extended from `{original_due}` to `{new_due}` by `{document}`, \
                 granted on `{granted}`"
            ),
            Note::GraceDays { days } => {
                format!("`{days}` grace days were added after the deadline")
            }
            Note::Reopened { on } => format!(
                "the obligation was reopened on `{on}`, so what was done before does not count"
            ),
            Note::Passed {
                from,
                from_name,
                to,
                to_name,
                on,
            } => {
                let mut text = format!(
                    "the obligation passed from {} to its successor {}",
                    named(from, from_name.as_deref()),
                    named(to, to_name.as_deref())
                );
                if let Some(on) = on {
                    text.push_str(&format!(" on `{on}`"));
                }
                text
            }
        }
    }

    fn vietnamese(&self) -> String {
        match self {
            Note::RestDayShift { from, to, rests_on } => {
                let mut text = format!(
                    "hạn chót {} trùng ngày nghỉ nên chuyển sang ngày làm việc tiếp theo là {} \
                     ({CIVIL_CODE_148_5_VI})",
                    vi_date(*from),
                    vi_date(*to)
                );
                if let Some(certainty) = rests_on {
                    text.push_str(&format!(
                        ", qua một ngày nghỉ {}, chưa được kiểm chứng từ văn bản gốc",
                        certainty.label(Lang::Vi)
                    ));
                }
                text
            }
            Note::Extended {
                granted,
                original_due,
                new_due,
                document,
            } => format!(
                "hạn được gia hạn từ {} đến {} theo văn bản {document} ngày {}",
                vi_date(*original_due),
                vi_date(*new_due),
                vi_date(*granted)
            ),
            Note::GraceDays { days } => format!("cộng thêm {days} ngày ân hạn sau hạn chót"),
            Note::Reopened { on } => format!(
                "nhiệm vụ được mở lại ngày {}, kết quả trước đó không được tính",
                vi_date(*on)
            ),
            Note::Passed {
                from,
                from_name,
                to,
                to_name,
                on,
            } => {
                let body = |code: &BodyCode, name: Option<&str>| match name {
                    Some(name) => format!("{code} ({name})"),
                    None => code.to_string(),
                };
                let mut text = format!(
                    "nhiệm vụ chuyển từ {} sang đơn vị kế thừa {}",
                    body(from, from_name.as_deref()),
                    body(to, to_name.as_deref())
                );
                if let Some(on) = on {
                    text.push_str(&format!(" từ ngày {}", vi_date(*on)));
                }
                text
            }
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

/// Why a finding has its status, in one sentence per language: the verdict with its
/// dates, the rule id and the legal provision, then the notes in words.
///
/// [`sentence`](Explanation::sentence) gives the sentence in either language; `Display`
/// gives the English one.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::{Explanation, Status};
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let explanation = Explanation::new(Status::DoneLate, d(2025, 2, 20)?, Some(d(2025, 2, 24)?), d(2025, 3, 1)?);
/// assert_eq!(
///     explanation.to_string(),
///     "Done late: done on `2025-02-24`, after the deadline `2025-02-20` (rule `status.done-late`, Decision 42/2014/QĐ-TTg).",
/// );
/// assert_eq!(
///     explanation.sentence(directives::Lang::Vi),
///     "Đã hoàn thành quá hạn: thực hiện ngày 24/02/2025, sau hạn chót 20/02/2025 (quy tắc `status.done-late`, Quyết định số 42/2014/QĐ-TTg).",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct Explanation {
    status: Status,
    #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
    deadline: NaiveDate,
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::obligation::strict_date::option"
        )
    )]
    decided_on: Option<NaiveDate>,
    #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
    as_of: NaiveDate,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    notes: Vec<Note>,
    #[cfg_attr(
        feature = "serde",
        serde(default = "direct", skip_serializing_if = "is_direct")
    )]
    force: LegalForce,
}

#[cfg(feature = "serde")]
fn direct() -> LegalForce {
    LegalForce::Direct
}

#[cfg(feature = "serde")]
fn is_direct(force: &LegalForce) -> bool {
    *force == LegalForce::Direct
}

impl Explanation {
    /// The explanation of `status` against `deadline` (the effective deadline, before
    /// grace days), decided on `decided_on` (for a done or waived obligation), as of
    /// `as_of`, without notes.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Explanation, Status};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let explanation = Explanation::new(Status::OpenOverdue, d(2025, 2, 20)?, None, d(2025, 3, 1)?);
    /// assert!(explanation.notes().is_empty());
    /// assert_eq!(
    ///     explanation.to_string(),
    ///     "Open and overdue: nothing done by `2025-03-01`, and the deadline `2025-02-20` has passed (rule `status.open-overdue`, Decision 42/2014/QĐ-TTg).",
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(
        status: Status,
        deadline: NaiveDate,
        decided_on: Option<NaiveDate>,
        as_of: NaiveDate,
    ) -> Explanation {
        Explanation {
            status,
            deadline,
            decided_on,
            as_of,
            notes: Vec::new(),
            force: LegalForce::Direct,
        }
    }

    /// The same explanation, saying how the rule's provision applies to the obligation's
    /// directive: directly, or by analogy.
    ///
    /// Decision 42/2014/QĐ-TTg governs tasks the Government and the Prime Minister
    /// assign; a Party document follows it as a model, so [`evaluate`](crate::compliance::evaluate)
    /// marks the verdicts on a Party directive's obligations "by analogy"
    /// ([`RegimeScope::StateAdministration`](crate::regime::RegimeScope::StateAdministration)).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Explanation, Status};
    /// use directives::regime::LegalForce;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let explanation = Explanation::new(Status::DoneLate, d(2025, 2, 20)?, Some(d(2025, 2, 24)?), d(2025, 3, 1)?)
    ///     .with_force(LegalForce::ByAnalogy);
    /// assert_eq!(explanation.force(), LegalForce::ByAnalogy);
    /// assert_eq!(
    ///     explanation.to_string(),
    ///     "Done late: done on `2025-02-24`, after the deadline `2025-02-20` (rule `status.done-late`, Decision 42/2014/QĐ-TTg, applied by analogy).",
    /// );
    /// assert!(explanation.sentence(directives::Lang::Vi).contains("Quyết định số 42/2014/QĐ-TTg, áp dụng tương tự)"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_force(mut self, force: LegalForce) -> Explanation {
        self.force = force;
        self
    }

    /// How the rule's provision applies: directly, or by analogy (see
    /// [`with_force`](Explanation::with_force)).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Explanation, Status};
    /// use directives::regime::LegalForce;
    ///
    /// let d = NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?;
    /// assert_eq!(Explanation::new(Status::Waived, d, Some(d), d).force(), LegalForce::Direct);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn force(&self) -> LegalForce {
        self.force
    }

    /// The same explanation with one more note.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Explanation, Note, Status};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let explanation = Explanation::new(Status::DoneOnTime, d(2025, 2, 20)?, Some(d(2025, 2, 21)?), d(2025, 3, 1)?)
    ///     .with_note(Note::GraceDays { days: 2 });
    /// assert_eq!(explanation.notes().len(), 1);
    /// assert!(explanation.to_string().ends_with("; `2` grace days were added after the deadline."));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_note(mut self, note: Note) -> Explanation {
        self.notes.push(note);
        self
    }

    /// The status explained.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Explanation, Status};
    ///
    /// let d = NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?;
    /// assert_eq!(Explanation::new(Status::Waived, d, Some(d), d).status(), Status::Waived);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn status(&self) -> Status {
        self.status
    }

    /// The rule's id (the status's [`rule_id`](Status::rule_id)).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Explanation, Status};
    ///
    /// let d = NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?;
    /// assert_eq!(Explanation::new(Status::Waived, d, Some(d), d).rule_id(), "status.waived");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rule_id(&self) -> &'static str {
        self.status.rule_id()
    }

    /// The rule's legal provision, where one exists, cited in `lang`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::Lang;
    /// use directives::compliance::{Explanation, Status};
    ///
    /// let d = NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?;
    /// assert_eq!(Explanation::new(Status::OpenOverdue, d, None, d).provision(Lang::En), Some("Decision 42/2014/QĐ-TTg"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn provision(&self, lang: Lang) -> Option<&'static str> {
        self.status.provision(lang)
    }

    /// The notes.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Explanation, Status};
    ///
    /// let d = NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?;
    /// assert!(Explanation::new(Status::DoneLate, d, Some(d), d).notes().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// The explanation as one sentence in `lang` (the English one is also its `Display`).
    ///
    /// # Example
    ///
    /// See [`Explanation`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::Lang;
    /// use directives::compliance::{Explanation, Status};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let na = Explanation::new(Status::NotApplicable, d(2025, 2, 20)?, None, d(2025, 2, 20)?);
    /// assert!(na.sentence(Lang::En).starts_with("Not applicable: "));
    /// let explanation = Explanation::new(Status::OpenWithinDeadline, d(2025, 2, 20)?, None, d(2025, 2, 1)?);
    /// assert_eq!(
    ///     explanation.sentence(Lang::Vi),
    ///     "Chưa hoàn thành trong hạn: đến ngày 01/02/2025 chưa thực hiện, hạn chót 20/02/2025 chưa qua (quy tắc `status.open-within-deadline`, Quyết định số 42/2014/QĐ-TTg).",
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.vietnamese(),
            Lang::En => self.english(),
        }
    }

    /// Ends a verdict's sentence in `lang`: the rule, its provision (and whether it applies
    /// by analogy), then the notes.
    fn cite(&self, mut text: String, lang: Lang) -> String {
        let rule = lang.pick("quy tắc", "rule");
        text.push_str(&format!(" ({rule} `{}`", self.status.rule_id()));
        if let Some(provision) = self.status.provision(lang) {
            text.push_str(&format!(", {provision}"));
            if self.force == LegalForce::ByAnalogy {
                text.push_str(lang.pick(", áp dụng tương tự", ", applied by analogy"));
            }
        }
        text.push(')');
        for note in &self.notes {
            text.push_str("; ");
            text.push_str(&note.sentence(lang));
        }
        text.push('.');
        text
    }

    fn english(&self) -> String {
        let deadline = self.deadline;
        let as_of = self.as_of;
        let on = |d: Option<NaiveDate>| {
            d.map_or_else(|| "an unknown date".to_owned(), |d| format!("`{d}`"))
        };
        let text = match self.status {
            Status::DoneOnTime => format!(
                "Done on time: done on {}, on or before the deadline `{deadline}`",
                on(self.decided_on)
            ),
            Status::DoneLate => format!(
                "Done late: done on {}, after the deadline `{deadline}`",
                on(self.decided_on)
            ),
            Status::OpenWithinDeadline => format!(
                "Open within the deadline: nothing done by `{as_of}`, and the deadline \
                 `{deadline}` has not passed"
            ),
            Status::OpenOverdue => format!(
                "Open and overdue: nothing done by `{as_of}`, and the deadline `{deadline}` \
                 has passed"
            ),
            Status::Waived => format!(
                "Waived: the assigning authority withdrew the obligation on {}",
                on(self.decided_on)
            ),
            Status::NotApplicable => {
                "Not applicable: the obligation does not apply (its body ceased without a \
                 successor)"
                    .to_owned()
            }
        };
        self.cite(text, Lang::En)
    }

    fn vietnamese(&self) -> String {
        let deadline = vi_date(self.deadline);
        let as_of = vi_date(self.as_of);
        let on = |d: Option<NaiveDate>| d.map_or_else(|| "không rõ".to_owned(), vi_date);
        let text = match self.status {
            Status::DoneOnTime => format!(
                "Đã hoàn thành đúng hạn: thực hiện ngày {}, không muộn hơn hạn chót {deadline}",
                on(self.decided_on)
            ),
            Status::DoneLate => format!(
                "Đã hoàn thành quá hạn: thực hiện ngày {}, sau hạn chót {deadline}",
                on(self.decided_on)
            ),
            Status::OpenWithinDeadline => format!(
                "Chưa hoàn thành trong hạn: đến ngày {as_of} chưa thực hiện, hạn chót \
                 {deadline} chưa qua"
            ),
            Status::OpenOverdue => format!(
                "Chưa hoàn thành quá hạn: đến ngày {as_of} chưa thực hiện, đã quá hạn chót \
                 {deadline}"
            ),
            Status::Waived => format!(
                "Được miễn thực hiện: cơ quan giao nhiệm vụ đã miễn từ ngày {}",
                on(self.decided_on)
            ),
            Status::NotApplicable => {
                "Không áp dụng: nhiệm vụ không còn áp dụng (đơn vị đã giải thể mà không có \
                 đơn vị kế thừa)"
                    .to_owned()
            }
        };
        self.cite(text, Lang::Vi)
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

/// How late an obligation is: past its deadline (grace days included), in calendar days
/// and, when the policy has a calendar, in working days.
///
/// For a late obligation it is measured to the deciding event; for an overdue one, to the
/// as-of date; otherwise it is zero.
///
/// # Example
///
/// ```
/// use directives::compliance::Lateness;
///
/// assert_eq!(Lateness::default().calendar_days(), 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct Lateness {
    pub(crate) calendar_days: u32,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) working_days: Option<u32>,
}

impl Lateness {
    /// Calendar days past the deadline.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Lateness;
    ///
    /// assert_eq!(Lateness::default().calendar_days(), 0);
    /// ```
    #[must_use]
    pub fn calendar_days(&self) -> u32 {
        self.calendar_days
    }

    /// Working days past the deadline, when the policy has a calendar covering them.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Lateness;
    ///
    /// assert_eq!(Lateness::default().working_days(), None);
    /// ```
    #[must_use]
    pub fn working_days(&self) -> Option<u32> {
        self.working_days
    }
}

/// How an indicator obligation's value compares with its target, apart from when it was
/// reported (timeliness is the status's business).
///
/// The value is the latest one reported and known on the as-of date.
///
/// New outcomes may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::compliance::IndicatorOutcome;
///
/// let outcome = IndicatorOutcome::Missed { value: 62.0, target: 80.0 };
/// assert_eq!(outcome.to_string(), "value `62` misses the target `80`");
/// assert!(!outcome.is_met());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "outcome", rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum IndicatorOutcome {
    /// The value reaches the target (at least the target).
    Met {
        /// The value reported.
        value: f64,
        /// The target.
        target: f64,
    },
    /// The value falls short of the target.
    Missed {
        /// The value reported.
        value: f64,
        /// The target.
        target: f64,
    },
    /// No value was reported by the as-of date.
    NoValue {
        /// The target.
        target: f64,
    },
}

impl IndicatorOutcome {
    /// Whether the target was met.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::IndicatorOutcome;
    ///
    /// assert!(IndicatorOutcome::Met { value: 5.0, target: 5.0 }.is_met());
    /// assert!(!IndicatorOutcome::NoValue { target: 5.0 }.is_met());
    /// ```
    #[must_use]
    pub fn is_met(&self) -> bool {
        matches!(self, IndicatorOutcome::Met { .. })
    }

    /// The outcome's code, as serde writes its `outcome` tag: `met`, `missed` or
    /// `no_value`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::IndicatorOutcome;
    ///
    /// assert_eq!(IndicatorOutcome::NoValue { target: 5.0 }.code(), "no_value");
    /// ```
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            IndicatorOutcome::Met { .. } => "met",
            IndicatorOutcome::Missed { .. } => "missed",
            IndicatorOutcome::NoValue { .. } => "no_value",
        }
    }

    /// The outcome as a sentence in `lang` (the English one is also its `Display`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::compliance::IndicatorOutcome;
    ///
    /// let outcome = IndicatorOutcome::Missed { value: 62.0, target: 80.0 };
    /// assert_eq!(outcome.sentence(Lang::Vi), "giá trị `62` chưa đạt chỉ tiêu `80`");
    /// assert_eq!(outcome.sentence(Lang::En), "value `62` misses the target `80`");
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: Lang) -> String {
        match (self, lang) {
            (IndicatorOutcome::Met { value, target }, Lang::Vi) => {
                format!("giá trị `{value}` đạt chỉ tiêu `{target}`")
            }
            (IndicatorOutcome::Missed { value, target }, Lang::Vi) => {
                format!("giá trị `{value}` chưa đạt chỉ tiêu `{target}`")
            }
            (IndicatorOutcome::NoValue { target }, Lang::Vi) => {
                format!("chưa báo cáo giá trị để so với chỉ tiêu `{target}`")
            }
            (_, Lang::En) => self.to_string(),
        }
    }
}

impl fmt::Display for IndicatorOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndicatorOutcome::Met { value, target } => {
                write!(f, "value `{value}` meets the target `{target}`")
            }
            IndicatorOutcome::Missed { value, target } => {
                write!(f, "value `{value}` misses the target `{target}`")
            }
            IndicatorOutcome::NoValue { target } => {
                write!(f, "no value reported against the target `{target}`")
            }
        }
    }
}

/// The finding for one obligation: owned, readable data that outlives the evaluation and
/// serialises as it reads (the obligation by reference, bodies by code, the deciding event
/// as an [`EventRecord`]).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::{evaluate, Event, EvaluationPolicy, Events, Status};
/// use directives::obligation::{Obligation, Obligations};
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let mut obligations = Obligations::new();
/// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, d(2025, 2, 20)?))?;
/// let mut events = Events::new();
/// events.push(Event::submitted(id, d(2025, 2, 24)?))?;
/// let policy = EvaluationPolicy::without_calendar();
/// let finding = evaluate(&obligations, &events, d(2025, 3, 1)?, &policy)?.finding(id).ok_or("no finding")?;
/// assert_eq!(finding.status(), Status::DoneLate);
/// assert_eq!(finding.obligation().to_string(), "05/CT-UBND@2025-01-02/1.1/SYT/2025-01");
/// assert_eq!(finding.body().as_ref(), "SYT");
/// assert_eq!(finding.assigned_body(), None);
/// assert_eq!(finding.original_due(), d(2025, 2, 20)?);
/// assert_eq!(finding.effective_due(), d(2025, 2, 20)?);
/// assert_eq!(finding.decided_on(), Some(d(2025, 2, 24)?));
/// assert_eq!(finding.deciding_event().map(|e| e.to_string()).as_deref(), Some("`submitted` on `2025-02-24` for `05/CT-UBND@2025-01-02/1.1/SYT/2025-01`"));
/// assert_eq!(finding.lateness().calendar_days(), 4);
/// assert!(!finding.is_due_soon());
/// assert_eq!(finding.explanation().provision(directives::Lang::En), Some("Decision 42/2014/QĐ-TTg"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct Finding {
    pub(crate) obligation: ObligationKey,
    pub(crate) body: BodyCode,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) assigned_body: Option<BodyCode>,
    pub(crate) role: crate::directive::Role,
    pub(crate) status: Status,
    #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
    pub(crate) original_due: NaiveDate,
    #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
    pub(crate) effective_due: NaiveDate,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) deciding_event: Option<EventRecord>,
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::obligation::strict_date::option"
        )
    )]
    pub(crate) decided_on: Option<NaiveDate>,
    pub(crate) lateness: Lateness,
    pub(crate) due_soon: bool,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) indicator: Option<IndicatorOutcome>,
    pub(crate) explanation: Explanation,
}

impl Finding {
    /// The obligation's key (its reference).
    ///
    /// # Example
    ///
    /// See [`Finding`].
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::{Obligation, Obligations};
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?))?;
    /// let no_events = Events::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// let evaluation = evaluate(&obligations, &no_events, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// assert_eq!(evaluation.finding(id).ok_or("none")?.obligation().period().to_string(), "2025-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn obligation(&self) -> &ObligationKey {
        &self.obligation
    }

    /// The code of the body that holds the obligation: the body the directive assigned,
    /// or the successor it passed to (see [`assigned_body`](Finding::assigned_body)).
    /// Scorecards by body count what each body holds.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::{Obligation, Obligations};
    /// # use directives::org::BodyCode;
    /// let mut obligations = Obligations::new();
    /// // HU-A had ceased to exist; HU-B holds its obligation.
    /// let obligation = Obligation::new("05/CT-UBND@2025-01-02/1.1/HU-A/2025-01".parse()?, NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?)
    ///     .held_by(BodyCode::new("HU-B")?);
    /// let id = obligations.push(obligation)?;
    /// let no_events = Events::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// let evaluation = evaluate(&obligations, &no_events, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// let finding = evaluation.finding(id).ok_or("none")?;
    /// assert_eq!(finding.body().as_ref(), "HU-B");
    /// assert_eq!(finding.assigned_body().map(|b| b.as_ref()), Some("HU-A"));
    /// assert!(finding.explanation().to_string().ends_with("; the obligation passed from `HU-A` to its successor `HU-B`."));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn body(&self) -> &BodyCode {
        &self.body
    }

    /// The code of the body the directive assigned the obligation to (its key's body),
    /// when the obligation passed from it to a successor; `None` when the assigned body
    /// holds it.
    ///
    /// # Example
    ///
    /// See [`Finding::body`].
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::{Obligation, Obligations};
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?))?;
    /// let no_events = Events::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// let evaluation = evaluate(&obligations, &no_events, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// assert_eq!(evaluation.finding(id).ok_or("none")?.assigned_body(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn assigned_body(&self) -> Option<&BodyCode> {
        self.assigned_body.as_ref()
    }

    /// The assignment role the obligation is owed in (lead, implement, …).
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::directive::Role;
    /// # use directives::obligation::{Obligation, Obligations};
    /// let mut obligations = Obligations::new();
    /// let obligation = Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?)
    ///     .with_role(Role::Implement);
    /// let id = obligations.push(obligation)?;
    /// let no_events = Events::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// let evaluation = evaluate(&obligations, &no_events, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// assert_eq!(evaluation.finding(id).ok_or("none")?.role(), Role::Implement);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn role(&self) -> crate::directive::Role {
        self.role
    }

    /// The status.
    ///
    /// # Example
    ///
    /// See [`Finding`].
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events, Status};
    /// # use directives::obligation::{Obligation, Obligations};
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?))?;
    /// let no_events = Events::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// let evaluation = evaluate(&obligations, &no_events, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// assert_eq!(evaluation.finding(id).ok_or("none")?.status(), Status::OpenOverdue);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn status(&self) -> Status {
        self.status
    }

    /// The original due date.
    ///
    /// # Example
    ///
    /// See [`Finding`].
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::{Obligation, Obligations};
    /// let due = NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?;
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, due))?;
    /// let no_events = Events::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// let evaluation = evaluate(&obligations, &no_events, due, &policy)?;
    /// assert_eq!(evaluation.finding(id).ok_or("none")?.original_due(), due);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn original_due(&self) -> NaiveDate {
        self.original_due
    }

    /// The effective due date: after any extension and the rest-day shift, before grace
    /// days.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::calendar::WorkCalendar;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::{Obligation, Obligations};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let mut obligations = Obligations::new();
    /// // 2025-09-20 is a Saturday: the deadline moves to Monday 2025-09-22.
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-08".parse()?, d(2025, 9, 20)?))?;
    /// let policy = EvaluationPolicy::new(WorkCalendar::vietnam()?);
    /// let finding = evaluate(&obligations, &Events::new(), d(2025, 9, 22)?, &policy)?.finding(id).ok_or("none")?;
    /// assert_eq!(finding.effective_due(), d(2025, 9, 22)?);
    /// assert_eq!(finding.status().as_str(), "open_within_deadline");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn effective_due(&self) -> NaiveDate {
        self.effective_due
    }

    /// The event that decided the status, as a record: the earliest qualifying event for
    /// a done obligation, the waiver for a waived one.
    ///
    /// # Example
    ///
    /// See [`Finding`].
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::{Obligation, Obligations};
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?))?;
    /// let no_events = Events::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// let evaluation = evaluate(&obligations, &no_events, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// assert!(evaluation.finding(id).ok_or("none")?.deciding_event().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn deciding_event(&self) -> Option<&EventRecord> {
        self.deciding_event.as_ref()
    }

    /// The date of the deciding event.
    ///
    /// # Example
    ///
    /// See [`Finding`].
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::{Obligation, Obligations};
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?))?;
    /// let no_events = Events::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// let evaluation = evaluate(&obligations, &no_events, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// assert_eq!(evaluation.finding(id).ok_or("none")?.decided_on(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn decided_on(&self) -> Option<NaiveDate> {
        self.decided_on
    }

    /// How late the obligation is.
    ///
    /// # Example
    ///
    /// See [`Finding`].
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::{Obligation, Obligations};
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?))?;
    /// let no_events = Events::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// let evaluation = evaluate(&obligations, &no_events, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// assert_eq!(evaluation.finding(id).ok_or("none")?.lateness().calendar_days(), 9);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn lateness(&self) -> Lateness {
        self.lateness
    }

    /// Whether the obligation is open within its deadline and due within the policy's
    /// due-soon threshold.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::{Obligation, Obligations};
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?))?;
    /// let no_events = Events::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// let evaluation = evaluate(&obligations, &no_events, NaiveDate::from_ymd_opt(2025, 2, 18).ok_or("date")?, &policy)?;
    /// assert!(evaluation.finding(id).ok_or("none")?.is_due_soon());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_due_soon(&self) -> bool {
        self.due_soon
    }

    /// For an indicator with a target, how the value compares with it (met, missed, or no
    /// value), apart from the status, which judges timeliness only.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, Event, EventKind, EvaluationPolicy, Events, IndicatorOutcome, Status};
    /// # use directives::obligation::{Obligation, Obligations, Target};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let mut obligations = Obligations::new();
    /// let obligation = Obligation::new("05/CT-UBND@2025-01-02/1.2/SYT/2025".parse()?, d(2025, 12, 31)?)
    ///     .with_target(Target::new(80.0)?);
    /// let id = obligations.push(obligation)?;
    /// let mut events = Events::new();
    /// events.push(Event::new(id, d(2025, 12, 20)?, EventKind::IndicatorValue { value: 62.0 }))?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// let evaluation = evaluate(&obligations, &events, d(2026, 1, 5)?, &policy)?;
    /// let finding = evaluation.finding(id).ok_or("none")?;
    /// assert_eq!(finding.status(), Status::DoneOnTime); // reported on time…
    /// assert_eq!(finding.indicator(), Some(IndicatorOutcome::Missed { value: 62.0, target: 80.0 })); // …but short
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn indicator(&self) -> Option<IndicatorOutcome> {
        self.indicator
    }

    /// Why the finding has its status.
    ///
    /// # Example
    ///
    /// See [`Finding::body`].
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::{Obligation, Obligations};
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?))?;
    /// let no_events = Events::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// let evaluation = evaluate(&obligations, &no_events, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// assert_eq!(evaluation.finding(id).ok_or("none")?.explanation().rule_id(), "status.open-overdue");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn explanation(&self) -> &Explanation {
        &self.explanation
    }
}

/// Something wrong with the input that the evaluation worked around and reports.
///
/// Bad input never stops an evaluation and is never silently dropped: each problem is
/// reported here, naming the event by its [`EventRecord`] (the obligation's reference,
/// the date and kind, and the file line when it was loaded from one), and the event
/// concerned is left out of the decision.
///
/// New kinds may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::{evaluate, Event, EvaluationPolicy, Events};
/// use directives::obligation::{ObligationId, Obligations};
///
/// let mut events = Events::new();
/// let on = NaiveDate::from_ymd_opt(2025, 1, 18).ok_or("date")?;
/// events.push_at_line(Event::submitted(ObligationId::from_index(42), on), 7)?;
/// let policy = EvaluationPolicy::without_calendar();
/// let no_obligations = Obligations::new();
/// let evaluation = evaluate(&no_obligations, &events, on, &policy)?;
/// assert_eq!(
///     evaluation.diagnostics()[0].to_string(),
///     "event `submitted` on `2025-01-18` (line 7) names an obligation that is not in the store",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "diagnostic", rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum Diagnostic {
    /// An event refers to an obligation that is not in the store.
    UnknownObligation {
        /// The date of the event.
        #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
        date: NaiveDate,
        /// What happened.
        event: EventKind,
        /// The file line it was read from, if it was.
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        line: Option<u32>,
    },
    /// An event repeats an earlier one (same obligation, date, kind and details).
    DuplicateEvent {
        /// The repeated event.
        event: Box<EventRecord>,
        /// The file line of the event it repeats, when it was read from one.
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        first_line: Option<u32>,
    },
    /// An extension sets a due date earlier than the original.
    ExtensionBeforeDeadline {
        /// The extension.
        event: Box<EventRecord>,
        /// The original due date.
        #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
        original_due: NaiveDate,
    },
    /// An extension was granted after the deadline in force, and the policy ignores
    /// such extensions.
    LateExtensionIgnored {
        /// The extension.
        event: Box<EventRecord>,
        /// The deadline in force when it was granted.
        #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
        deadline: NaiveDate,
    },
    /// An event is dated before the directive that owes the obligation was issued (a
    /// typo such as `1850` for `2025`, or an event of another directive).
    BeforeIssue {
        /// The event.
        event: Box<EventRecord>,
        /// The directive's issue date.
        #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
        issued: NaiveDate,
    },
    /// A submission, completion or indicator value is dated long before its obligation's
    /// period begins (more than the policy's
    /// [`early_event_days`](super::EvaluationPolicy::early_event_days) before its first
    /// day): a mistyped date, most likely. The event is left out.
    LongBeforePeriod {
        /// The event.
        event: Box<EventRecord>,
        /// The first day of the obligation's period.
        #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
        period_start: NaiveDate,
        /// The policy's bound, in days before the period's first day.
        limit_days: u32,
    },
    /// An indicator value is reported for an obligation that has no target, so there is
    /// nothing to compare it with. It still counts as a report (for timeliness), and the
    /// finding has no indicator outcome.
    ValueWithoutTarget {
        /// The event.
        event: Box<EventRecord>,
    },
    /// An extension moves the deadline outside the working-day calendar, so the deadline
    /// cannot be computed; the extension is left out.
    ExtensionOutsideCalendar {
        /// The extension.
        event: Box<EventRecord>,
        /// The calendar's first date.
        #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
        first: NaiveDate,
        /// The calendar's last date.
        #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
        last: NaiveDate,
    },
}

impl Diagnostic {
    /// The diagnostic as one sentence in `lang` (the English one is also its `Display`):
    /// events are named by their kind, date, obligation and file line.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::Lang;
    /// use directives::compliance::{evaluate, Event, EvaluationPolicy, Events};
    /// use directives::obligation::{ObligationId, Obligations};
    ///
    /// let mut events = Events::new();
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 18).ok_or("date")?;
    /// events.push_at_line(Event::submitted(ObligationId::from_index(42), on), 7)?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// let no_obligations = Obligations::new();
    /// let evaluation = evaluate(&no_obligations, &events, on, &policy)?;
    /// assert_eq!(
    ///     evaluation.diagnostics()[0].sentence(Lang::Vi),
    ///     "sự kiện `submitted` ngày 18/01/2025 (dòng 7) ghi một nhiệm vụ không có trong danh sách nhiệm vụ",
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.english(),
            Lang::Vi => self.vietnamese(),
        }
    }

    fn english(&self) -> String {
        match self {
            Diagnostic::UnknownObligation { date, event, line } => {
                let line = line.map(|l| format!(" (line {l})")).unwrap_or_default();
                format!(
                    "event `{}` on `{date}`{line} names an obligation that is not in the store",
                    event.name()
                )
            }
            Diagnostic::DuplicateEvent { event, first_line } => {
                let line = first_line
                    .map(|l| format!(" (line {l})"))
                    .unwrap_or_default();
                format!("event {event} repeats an earlier one{line}")
            }
            Diagnostic::ExtensionBeforeDeadline {
                event,
                original_due,
            } => format!(
                "event {event} sets a due date before the original `{original_due}` and is ignored"
            ),
            Diagnostic::LateExtensionIgnored { event, deadline } => {
                format!("event {event} was granted after the deadline `{deadline}` and is ignored")
            }
            Diagnostic::BeforeIssue { event, issued } => format!(
                "event {event} is dated before the directive was issued on `{issued}` and is ignored"
            ),
            Diagnostic::LongBeforePeriod {
                event,
                period_start,
                limit_days,
            } => format!(
                "event {event} is dated more than `{limit_days}` days before its period \
                 begins on `{period_start}` and is ignored"
            ),
            Diagnostic::ValueWithoutTarget { event } => format!(
                "event {event} reports a value for an obligation with no target: it counts \
                 as a report and the value is compared with nothing"
            ),
            Diagnostic::ExtensionOutsideCalendar { event, first, last } => format!(
                "event {event} moves the deadline outside the working-day calendar \
                 `{first}`..`{last}` and is ignored"
            ),
        }
    }

    fn vietnamese(&self) -> String {
        let record = |e: &EventRecord| e.sentence(Lang::Vi);
        match self {
            Diagnostic::UnknownObligation { date, event, line } => {
                let line = line.map(|l| format!(" (dòng {l})")).unwrap_or_default();
                format!(
                    "sự kiện `{}` ngày {}{line} ghi một nhiệm vụ không có trong danh sách nhiệm vụ",
                    event.name(),
                    vi_date(*date)
                )
            }
            Diagnostic::DuplicateEvent { event, first_line } => {
                let line = first_line
                    .map(|l| format!(" (dòng {l})"))
                    .unwrap_or_default();
                format!("{} trùng với một sự kiện trước{line}", record(event))
            }
            Diagnostic::ExtensionBeforeDeadline {
                event,
                original_due,
            } => format!(
                "{} đặt hạn mới sớm hơn hạn ban đầu {} nên không được tính",
                record(event),
                vi_date(*original_due)
            ),
            Diagnostic::LateExtensionIgnored { event, deadline } => format!(
                "{} được gia hạn sau khi đã quá hạn {} nên không được tính",
                record(event),
                vi_date(*deadline)
            ),
            Diagnostic::BeforeIssue { event, issued } => format!(
                "{} có ngày trước ngày ban hành văn bản {} nên không được tính",
                record(event),
                vi_date(*issued)
            ),
            Diagnostic::LongBeforePeriod {
                event,
                period_start,
                limit_days,
            } => format!(
                "{} có ngày sớm hơn quá {limit_days} ngày so với ngày bắt đầu kỳ {} nên không \
                 được tính",
                record(event),
                vi_date(*period_start)
            ),
            Diagnostic::ValueWithoutTarget { event } => format!(
                "{} báo cáo một giá trị cho nhiệm vụ không có chỉ tiêu: vẫn được tính là đã \
                 báo cáo, còn giá trị không được so sánh",
                record(event)
            ),
            Diagnostic::ExtensionOutsideCalendar { event, first, last } => format!(
                "{} dời hạn ra ngoài lịch ngày làm việc ({} đến {}) nên không được tính",
                record(event),
                vi_date(*first),
                vi_date(*last)
            ),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

/// An evaluation's result as owned data: the as-of date, every finding and every
/// diagnostic. It outlives the obligations and events it was computed from, and
/// serialises to JSON and TOML.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::{evaluate, EvaluationPolicy, Events, Findings};
/// use directives::obligation::{Obligation, Obligations};
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let report: Findings = {
///     let mut obligations = Obligations::new();
///     obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, d(2025, 2, 20)?))?;
///     let events = Events::new();
///     evaluate(&obligations, &events, d(2025, 3, 1)?, &EvaluationPolicy::without_calendar())?.to_findings()
/// };
/// assert_eq!(report.as_of(), d(2025, 3, 1)?);
/// assert_eq!(report.findings().len(), 1);
/// assert!(report.diagnostics().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct Findings {
    #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
    pub(crate) as_of: NaiveDate,
    pub(crate) findings: Vec<Finding>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Findings {
    /// The as-of date.
    ///
    /// # Example
    ///
    /// See [`Findings`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// use directives::obligation::Obligations;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?;
    /// let report = evaluate(&Obligations::new(), &Events::new(), as_of, &EvaluationPolicy::without_calendar())?.to_findings();
    /// assert_eq!(report.as_of(), as_of);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The findings, in obligation order.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// use directives::obligation::Obligations;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?;
    /// let report = evaluate(&Obligations::new(), &Events::new(), as_of, &EvaluationPolicy::without_calendar())?.to_findings();
    /// assert!(report.findings().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The diagnostics.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// use directives::obligation::Obligations;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?;
    /// let report = evaluate(&Obligations::new(), &Events::new(), as_of, &EvaluationPolicy::without_calendar())?.to_findings();
    /// assert!(report.diagnostics().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

/// The serialised form of [`StatusCounts`](super::StatusCounts): one named field per
/// status.
#[cfg(feature = "serde")]
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub(crate) struct CountsWire {
    #[serde(default)]
    done_on_time: u64,
    #[serde(default)]
    done_late: u64,
    #[serde(default)]
    open_within_deadline: u64,
    #[serde(default)]
    open_overdue: u64,
    #[serde(default)]
    waived: u64,
    #[serde(default)]
    not_applicable: u64,
}

#[cfg(feature = "serde")]
impl From<super::StatusCounts> for CountsWire {
    fn from(counts: super::StatusCounts) -> CountsWire {
        let [
            done_on_time,
            done_late,
            open_within_deadline,
            open_overdue,
            waived,
            not_applicable,
        ] = counts.counts;
        CountsWire {
            done_on_time,
            done_late,
            open_within_deadline,
            open_overdue,
            waived,
            not_applicable,
        }
    }
}

#[cfg(feature = "serde")]
impl From<CountsWire> for super::StatusCounts {
    fn from(w: CountsWire) -> super::StatusCounts {
        super::StatusCounts {
            counts: [
                w.done_on_time,
                w.done_late,
                w.open_within_deadline,
                w.open_overdue,
                w.waived,
                w.not_applicable,
            ],
        }
    }
}
