//! Events: what happened to an obligation, and when.

use std::fmt;

use chrono::NaiveDate;

use super::ComplianceError;
use crate::obligation::{ObligationId, ObligationKey, Obligations, day_number, from_day_number};

/// The tag of a submission in the kind column.
pub(crate) const TAG_SUBMITTED: u8 = 0;
/// The tag of a completion.
pub(crate) const TAG_COMPLETED: u8 = 1;
/// The tag of an indicator value.
pub(crate) const TAG_INDICATOR: u8 = 2;
/// The tag of an extension.
pub(crate) const TAG_EXTENDED: u8 = 3;
/// The tag of a waiver.
pub(crate) const TAG_WAIVED: u8 = 4;
/// The tag of a reopening.
pub(crate) const TAG_REOPENED: u8 = 5;

/// Whether events with this tag count as doing the obligation.
pub(crate) const fn is_qualifying(tag: u8) -> bool {
    tag <= TAG_INDICATOR
}

/// A hash of an event's day, tag and details: equal for equal events (`0.0` and `-0.0`
/// alike, as `==` has them), so copies of an event are found by hash and then compared.
/// The order of two events' details (for events of one date and kind): documents, values
/// (in IEEE total order, zero of either sign alike), new due dates, issuers and reasons.
pub(crate) fn detail_order(a: Option<&EventKind>, b: Option<&EventKind>) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let value = |v: f64| if v == 0.0 { 0.0 } else { v };
    match (a, b) {
        (
            Some(EventKind::Submitted { document: x }),
            Some(EventKind::Submitted { document: y }),
        ) => x.cmp(y),
        (
            Some(EventKind::IndicatorValue { value: x }),
            Some(EventKind::IndicatorValue { value: y }),
        ) => value(*x).total_cmp(&value(*y)),
        (
            Some(EventKind::Extended {
                new_due: x,
                document: dx,
            }),
            Some(EventKind::Extended {
                new_due: y,
                document: dy,
            }),
        ) => x.cmp(y).then_with(|| dx.cmp(dy)),
        (
            Some(EventKind::Waived { by: x, reason: rx }),
            Some(EventKind::Waived { by: y, reason: ry }),
        ) => x.cmp(y).then_with(|| rx.cmp(ry)),
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        _ => Ordering::Equal,
    }
}

pub(crate) fn identity_hash(day: i32, tag: u8, detail: Option<&EventKind>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (day, tag).hash(&mut h);
    match detail {
        None => 0u8.hash(&mut h),
        Some(EventKind::Submitted { document }) => (1u8, document).hash(&mut h),
        Some(EventKind::Completed) => 2u8.hash(&mut h),
        Some(EventKind::Reopened) => 3u8.hash(&mut h),
        Some(EventKind::Extended { new_due, document }) => (4u8, new_due, document).hash(&mut h),
        Some(EventKind::Waived { by, reason }) => (5u8, by, reason).hash(&mut h),
        Some(EventKind::IndicatorValue { value }) => {
            let bits = if *value == 0.0 { 0 } else { value.to_bits() };
            (6u8, bits).hash(&mut h);
        }
    }
    h.finish()
}

/// The marker for "no detail" in the detail column.
const NO_DETAIL: u32 = u32::MAX;

/// The recording day of a [`LoadedRow`] that gives none.
#[cfg(feature = "csv")]
pub(crate) const NO_RECORDING: i32 = i32::MIN;

/// An event of a kind without details as the CSV loader reads it, for
/// [`Events::push_loaded`]: its obligation's row, its day, its recording day
/// ([`NO_RECORDING`] when none is given), its file line (0: none) and its tag.
#[cfg(feature = "csv")]
#[derive(Debug, Clone, Copy)]
pub(crate) struct LoadedRow {
    pub(crate) obligation: u32,
    pub(crate) day: i32,
    pub(crate) recorded: i32,
    pub(crate) line: u32,
    pub(crate) tag: u8,
}

/// What happened.
///
/// Submissions, completions and indicator values *qualify*: each counts as doing the
/// obligation on its date. Extensions move the deadline (keeping the original), waivers
/// withdraw the obligation, and a reopening voids the qualifying events and waivers dated
/// before it, so that the obligation is open again.
///
/// New kinds may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::compliance::EventKind;
///
/// let kind = EventKind::Submitted { document: Some("12/BC-UBND".to_owned()) };
/// assert!(kind.is_qualifying());
/// assert!(!EventKind::Reopened.is_qualifying());
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum EventKind {
    /// A report was submitted, optionally with the symbol of the submitted document.
    Submitted {
        /// The submitted document's symbol, such as `12/BC-UBND`.
        document: Option<String>,
    },
    /// The task was reported complete (for deliverables without a report document).
    Completed,
    /// The assigning authority extended the deadline.
    Extended {
        /// The new due date.
        #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
        new_due: NaiveDate,
        /// The symbol of the document that granted the extension.
        document: String,
    },
    /// The assigning authority withdrew (waived) the obligation.
    Waived {
        /// Who waived it.
        by: String,
        /// Why.
        reason: String,
    },
    /// The obligation was reopened (for example, a report was sent back).
    Reopened,
    /// An indicator's value was reported.
    IndicatorValue {
        /// The value: a finite number (NaN and infinities are refused when the event is
        /// read or logged).
        #[cfg_attr(
            feature = "serde",
            serde(deserialize_with = "crate::obligation::strict_date::finite")
        )]
        value: f64,
    },
}

impl EventKind {
    /// The kind's snake_case name, as data files write it (`submitted`, `extended`, …).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::EventKind;
    ///
    /// assert_eq!(EventKind::Completed.name(), "completed");
    /// assert_eq!(EventKind::IndicatorValue { value: 1.0 }.name(), "indicator_value");
    /// ```
    #[must_use]
    pub const fn name(&self) -> &'static str {
        match self {
            EventKind::Submitted { .. } => "submitted",
            EventKind::Completed => "completed",
            EventKind::Extended { .. } => "extended",
            EventKind::Waived { .. } => "waived",
            EventKind::Reopened => "reopened",
            EventKind::IndicatorValue { .. } => "indicator_value",
        }
    }

    /// Whether this kind counts as doing the obligation (a submission, a completion or an
    /// indicator value).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::EventKind;
    ///
    /// assert!(EventKind::Completed.is_qualifying());
    /// ```
    #[must_use]
    pub fn is_qualifying(&self) -> bool {
        is_qualifying(self.tag())
    }

    pub(crate) fn tag(&self) -> u8 {
        match self {
            EventKind::Submitted { .. } => TAG_SUBMITTED,
            EventKind::Completed => TAG_COMPLETED,
            EventKind::IndicatorValue { .. } => TAG_INDICATOR,
            EventKind::Extended { .. } => TAG_EXTENDED,
            EventKind::Waived { .. } => TAG_WAIVED,
            EventKind::Reopened => TAG_REOPENED,
        }
    }

    /// Whether the kind carries details beyond its tag.
    pub(crate) fn has_detail(&self) -> bool {
        !matches!(
            self,
            EventKind::Submitted { document: None } | EventKind::Completed | EventKind::Reopened
        )
    }
}

/// One event: what happened to which obligation, on which date, and when it was recorded.
///
/// An event counts in an evaluation as of date A when it happened on or before A and, if
/// it has a recording date, was recorded on or before A: what was not known on A cannot
/// decide a status as of A.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::{Event, EventKind};
/// use directives::obligation::ObligationId;
///
/// let on = NaiveDate::from_ymd_opt(2025, 1, 18).ok_or("date")?;
/// let event = Event::submitted(ObligationId::from_index(0), on)
///     .recorded_on(NaiveDate::from_ymd_opt(2025, 1, 20).ok_or("date")?);
/// assert_eq!(event.date(), on);
/// assert!(matches!(event.kind(), EventKind::Submitted { document: None }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// An `Event` names its obligation by the store's dense [`ObligationId`], for speed; it
/// has no text or serde form of its own. What people and files read is its
/// [`EventRecord`], which names the obligation by its reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    obligation: ObligationId,
    date: NaiveDate,
    recorded: Option<NaiveDate>,
    kind: EventKind,
}

impl Event {
    /// An event of this kind for this obligation, on this date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Event, EventKind};
    /// use directives::obligation::ObligationId;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 18).ok_or("date")?;
    /// let event = Event::new(ObligationId::from_index(3), on, EventKind::Completed);
    /// assert_eq!(event.obligation(), ObligationId::from_index(3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(obligation: ObligationId, date: NaiveDate, kind: EventKind) -> Event {
        Event {
            obligation,
            date,
            recorded: None,
            kind,
        }
    }

    /// A submission without a document symbol.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::Event;
    /// use directives::obligation::ObligationId;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 18).ok_or("date")?;
    /// assert!(Event::submitted(ObligationId::from_index(0), on).kind().is_qualifying());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn submitted(obligation: ObligationId, date: NaiveDate) -> Event {
        Event::new(obligation, date, EventKind::Submitted { document: None })
    }

    /// An extension granted on `date` by `document`, moving the deadline to `new_due`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Event, EventKind};
    /// use directives::obligation::ObligationId;
    ///
    /// let granted = NaiveDate::from_ymd_opt(2025, 1, 10).ok_or("date")?;
    /// let new_due = NaiveDate::from_ymd_opt(2025, 2, 28).ok_or("date")?;
    /// let event = Event::extended(ObligationId::from_index(0), granted, new_due, "15/QĐ-UBND");
    /// assert!(matches!(event.kind(), EventKind::Extended { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn extended(
        obligation: ObligationId,
        date: NaiveDate,
        new_due: NaiveDate,
        document: &str,
    ) -> Event {
        Event::new(
            obligation,
            date,
            EventKind::Extended {
                new_due,
                document: document.to_owned(),
            },
        )
    }

    /// The same event, recorded on this date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::Event;
    /// use directives::obligation::ObligationId;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 18).ok_or("date")?;
    /// let later = NaiveDate::from_ymd_opt(2025, 1, 25).ok_or("date")?;
    /// assert_eq!(Event::submitted(ObligationId::from_index(0), on).recorded_on(later).recorded(), Some(later));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn recorded_on(mut self, recorded: NaiveDate) -> Event {
        self.recorded = Some(recorded);
        self
    }

    /// The obligation the event is about.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::Event;
    /// # use directives::obligation::ObligationId;
    /// # let on = NaiveDate::from_ymd_opt(2025, 1, 18).ok_or("date")?;
    /// assert_eq!(Event::submitted(ObligationId::from_index(2), on).obligation().index(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn obligation(&self) -> ObligationId {
        self.obligation
    }

    /// The date the event happened.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::Event;
    /// # use directives::obligation::ObligationId;
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 18).ok_or("date")?;
    /// assert_eq!(Event::submitted(ObligationId::from_index(2), on).date(), on);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The date the event was recorded, if known.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::Event;
    /// # use directives::obligation::ObligationId;
    /// # let on = NaiveDate::from_ymd_opt(2025, 1, 18).ok_or("date")?;
    /// assert_eq!(Event::submitted(ObligationId::from_index(2), on).recorded(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn recorded(&self) -> Option<NaiveDate> {
        self.recorded
    }

    /// What happened.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{Event, EventKind};
    /// # use directives::obligation::ObligationId;
    /// # let on = NaiveDate::from_ymd_opt(2025, 1, 18).ok_or("date")?;
    /// let event = Event::new(ObligationId::from_index(2), on, EventKind::Reopened);
    /// assert_eq!(event.kind(), &EventKind::Reopened);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> &EventKind {
        &self.kind
    }

    /// Points the event at another obligation (a loader that looks obligations up in
    /// batches fills them in late).
    #[cfg(feature = "csv")]
    pub(crate) fn set_obligation(&mut self, obligation: ObligationId) {
        self.obligation = obligation;
    }

    /// Refuses a date (of the event, its recording, or an extension's new due date)
    /// outside the one range the crate accepts.
    pub(crate) fn check_dates(&self) -> Result<(), ComplianceError> {
        let new_due = match &self.kind {
            EventKind::Extended { new_due, .. } => Some(*new_due),
            _ => None,
        };
        match [Some(self.date), self.recorded, new_due]
            .into_iter()
            .flatten()
            .find(|&date| !crate::text::in_range(date))
        {
            Some(date) => Err(ComplianceError::UnsupportedDate { date }),
            None => Ok(()),
        }
    }

    /// Refuses an indicator value that is NaN or infinite, naming the event.
    pub(crate) fn check_finite(
        &self,
        obligation: Option<&ObligationKey>,
        line: Option<u32>,
    ) -> Result<(), ComplianceError> {
        match self.kind {
            EventKind::IndicatorValue { value } if !value.is_finite() => {
                Err(ComplianceError::NonFiniteValue {
                    value,
                    date: self.date,
                    obligation: obligation.map(|key| Box::new(key.clone())),
                    line,
                })
            }
            _ => Ok(()),
        }
    }

    /// The first date on which the event is known: the later of its date and its
    /// recording date.
    pub(crate) fn known_on(&self) -> NaiveDate {
        self.recorded.map_or(self.date, |r| r.max(self.date))
    }
}

/// One event as people and files see it: its obligation named by reference, the date it
/// happened, the date it was recorded (if later), what happened, and the file line it was
/// read from (if it was).
///
/// It is the serialisable form of an [`Event`] (an event log is written and read as a
/// list of records: [`Events::records`], [`Events::from_records`]), and what diagnostics
/// and findings name an event by. `Display` reads `` `submitted` on `2025-02-18` for
/// `05/CT-UBND@2025-01-02/1.1/SYT/2025-01` (line 12)``.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::EventRecord;
///
/// let record = EventRecord::submitted("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, NaiveDate::from_ymd_opt(2025, 2, 18).ok_or("date")?)
///     .at_line(12);
/// assert_eq!(
///     record.to_string(),
///     "`submitted` on `2025-02-18` for `05/CT-UBND@2025-01-02/1.1/SYT/2025-01` (line 12)",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
// serde cannot combine `deny_unknown_fields` with a flattened, internally tagged kind.
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub struct EventRecord {
    obligation: ObligationKey,
    #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
    date: NaiveDate,
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::obligation::strict_date::option"
        )
    )]
    recorded: Option<NaiveDate>,
    #[cfg_attr(feature = "serde", serde(flatten))]
    kind: EventKind,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    line: Option<u32>,
}

impl EventRecord {
    /// A record of this kind for the obligation with this reference, on this date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{EventKind, EventRecord};
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 2, 18).ok_or("date")?;
    /// let record = EventRecord::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, on, EventKind::Completed);
    /// assert_eq!(record.kind(), &EventKind::Completed);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(obligation: ObligationKey, date: NaiveDate, kind: EventKind) -> EventRecord {
        EventRecord {
            obligation,
            date,
            recorded: None,
            kind,
            line: None,
        }
    }

    /// A submission without a document symbol.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::EventRecord;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 2, 18).ok_or("date")?;
    /// assert!(EventRecord::submitted("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, on).kind().is_qualifying());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn submitted(obligation: ObligationKey, date: NaiveDate) -> EventRecord {
        EventRecord::new(obligation, date, EventKind::Submitted { document: None })
    }

    /// The same record, recorded on this date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::EventRecord;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 2, 18).ok_or("date")?;
    /// let later = NaiveDate::from_ymd_opt(2025, 2, 25).ok_or("date")?;
    /// let record = EventRecord::submitted("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, on).recorded_on(later);
    /// assert_eq!(record.recorded(), Some(later));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn recorded_on(mut self, recorded: NaiveDate) -> EventRecord {
        self.recorded = Some(recorded);
        self
    }

    /// The same record, read from this file line.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::EventRecord;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 2, 18).ok_or("date")?;
    /// assert_eq!(EventRecord::submitted("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, on).at_line(3).line(), Some(3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn at_line(mut self, line: u32) -> EventRecord {
        self.line = (line != 0).then_some(line);
        self
    }

    /// The obligation's reference.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::EventRecord;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 2, 18).ok_or("date")?;
    /// let record = EventRecord::submitted("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, on);
    /// assert_eq!(record.obligation().body().as_ref(), "SYT");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn obligation(&self) -> &ObligationKey {
        &self.obligation
    }

    /// The date the event happened.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::EventRecord;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 2, 18).ok_or("date")?;
    /// assert_eq!(EventRecord::submitted("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, on).date(), on);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The date the event was recorded, if given.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::EventRecord;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 2, 18).ok_or("date")?;
    /// assert_eq!(EventRecord::submitted("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, on).recorded(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn recorded(&self) -> Option<NaiveDate> {
        self.recorded
    }

    /// What happened.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{EventKind, EventRecord};
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 2, 18).ok_or("date")?;
    /// let record = EventRecord::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, on, EventKind::Reopened);
    /// assert_eq!(record.kind().name(), "reopened");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> &EventKind {
        &self.kind
    }

    /// The file line the event was read from, if it was.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::EventRecord;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 2, 18).ok_or("date")?;
    /// assert_eq!(EventRecord::submitted("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, on).line(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn line(&self) -> Option<u32> {
        self.line
    }
}

impl EventRecord {
    /// The event as people read it in `lang`: its kind, date, obligation and file line
    /// (the English one is also its `Display`).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::Lang;
    /// use directives::compliance::EventRecord;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 2, 18).ok_or("date")?;
    /// let record = EventRecord::submitted("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, on);
    /// assert_eq!(
    ///     record.sentence(Lang::Vi),
    ///     "sự kiện `submitted` ngày 18/02/2025 của nhiệm vụ `05/CT-UBND@2025-01-02/1.1/SYT/2025-01`",
    /// );
    /// assert_eq!(
    ///     record.sentence(Lang::En),
    ///     "`submitted` on `2025-02-18` for `05/CT-UBND@2025-01-02/1.1/SYT/2025-01`",
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::En => self.to_string(),
            crate::Lang::Vi => {
                let line = self
                    .line
                    .map(|l| format!(" (dòng {l})"))
                    .unwrap_or_default();
                format!(
                    "sự kiện `{}` ngày {} của nhiệm vụ `{}`{line}",
                    self.kind.name(),
                    self.date.format("%d/%m/%Y"),
                    self.obligation
                )
            }
        }
    }
}

impl fmt::Display for EventRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` on `{}` for `{}`",
            self.kind.name(),
            self.date,
            self.obligation
        )?;
        if let Some(line) = self.line {
            write!(f, " (line {line})")?;
        }
        Ok(())
    }
}

/// A compact, copyable handle to an event in an [`Events`] log.
///
/// It is the event's 0-based position in the log that issued it.
///
/// # Example
///
/// ```
/// use directives::compliance::EventId;
///
/// assert_eq!(EventId::from_index(4).index(), 4);
/// ```
///
/// It is a dense index for speed and has no text or serde form: what people read names
/// an event by its [`EventRecord`] (its obligation's reference, date and kind, and the
/// file line it was loaded from).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventId(u32);

impl EventId {
    /// The handle with this index.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::EventId;
    ///
    /// assert_eq!(EventId::from_index(0).index(), 0);
    /// ```
    #[must_use]
    pub const fn from_index(index: u32) -> EventId {
        EventId(index)
    }

    /// This handle's index.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::EventId;
    ///
    /// assert_eq!(EventId::from_index(8).index(), 8);
    /// ```
    #[must_use]
    pub const fn index(self) -> u32 {
        self.0
    }
}

/// A compact, columnar, append-only log of events.
///
/// Each event occupies one row of fixed-size columns (obligation, date and known-on date
/// as day numbers, kind, detail: 17 bytes); details such as document symbols live in a
/// side table. Events may be pushed in any order.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::{Event, Events};
/// use directives::obligation::ObligationId;
///
/// let mut events = Events::new();
/// let id = events.push(Event::submitted(ObligationId::from_index(0), NaiveDate::from_ymd_opt(2025, 1, 18).ok_or("date")?))?;
/// assert_eq!(events.len(), 1);
/// assert_eq!(events.get(id).map(|e| e.obligation()), Some(ObligationId::from_index(0)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Events {
    // INVARIANT (columns): the five columns have the same length, which is below
    // `u32::MAX`; upheld by `push_row`, the only place that pushes to them.
    obligation: Vec<u32>,
    day: Vec<i32>,
    known: Vec<i32>,
    tag: Vec<u8>,
    detail: Vec<u32>,
    details: Vec<EventKind>,
    // INVARIANT (special): the rows whose tag is not qualifying, in increasing order;
    // upheld by `push_row`.
    special: Vec<u32>,
    // INVARIANT (recorded): true when some row's known-on day differs from its day;
    // upheld by `push_row`.
    recorded: bool,
    // INVARIANT (oldest): the smallest day of any row; upheld by `push_row`.
    oldest: Option<i32>,
    // INVARIANT (lines): empty while no event has a file line, else one entry per row
    // (0: none); upheld by `push_row` and `push_at_line`.
    lines: Vec<u32>,
    // INVARIANT (early recording): the rows whose recording date was given but is not
    // after the event's date (so the known-on column, which holds the event's date, does
    // not keep it), with that recording day, in increasing row order; upheld by `push`.
    recorded_early: Vec<(u32, i32)>,
    // INVARIANT (indicators): true when some row is an indicator value; upheld by
    // `push_row`.
    indicators: bool,
}

impl Events {
    /// An empty log.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Events;
    ///
    /// assert!(Events::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Events {
        Events::default()
    }

    /// An empty log with room for `rows` events.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Events;
    ///
    /// assert_eq!(Events::with_capacity(100).len(), 0);
    /// ```
    #[must_use]
    pub fn with_capacity(rows: usize) -> Events {
        Events {
            obligation: Vec::with_capacity(rows),
            day: Vec::with_capacity(rows),
            known: Vec::with_capacity(rows),
            tag: Vec::with_capacity(rows),
            detail: Vec::with_capacity(rows),
            ..Events::default()
        }
    }

    /// Reserves room for at least `additional` more events.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Events;
    ///
    /// let mut events = Events::new();
    /// events.reserve(100);
    /// assert!(events.is_empty());
    /// ```
    pub fn reserve(&mut self, additional: usize) {
        self.obligation.reserve(additional);
        self.day.reserve(additional);
        self.known.reserve(additional);
        self.tag.reserve(additional);
        self.detail.reserve(additional);
    }

    /// Appends an event and returns its id.
    ///
    /// The log accepts any event; whether it refers to a known obligation, repeats an
    /// earlier event or makes sense is judged by the evaluation, which reports it as a
    /// [`Diagnostic`](super::Diagnostic).
    ///
    /// # Errors
    ///
    /// - [`ComplianceError::NonFiniteValue`] for an indicator value that is NaN or
    ///   infinite;
    /// - [`ComplianceError::UnsupportedDate`] for a date (of the event, its recording or an
    ///   extension's new due date) outside `0001-01-01..=9999-12-31`;
    /// - [`ComplianceError::TooManyEvents`] when the log already holds `u32::MAX - 1`
    ///   events.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Event, EventKind, Events};
    /// use directives::obligation::ObligationId;
    ///
    /// let mut events = Events::new();
    /// let on = NaiveDate::from_ymd_opt(2025, 3, 2).ok_or("date")?;
    /// events.push(Event::new(ObligationId::from_index(1), on, EventKind::Waived {
    ///     by: "UBND tỉnh".to_owned(),
    ///     reason: "task merged into 2.3".to_owned(),
    /// }))?;
    /// assert_eq!(events.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn push(&mut self, event: Event) -> Result<EventId, ComplianceError> {
        event.check_dates()?;
        event.check_finite(None, None)?;
        let known = day_number(event.known_on());
        let tag = event.kind.tag();
        let detail = if event.kind.has_detail() {
            let Some(i) = u32::try_from(self.details.len())
                .ok()
                .filter(|&i| i < NO_DETAIL)
            else {
                return Err(ComplianceError::TooManyEvents);
            };
            self.details.push(event.kind);
            i
        } else {
            NO_DETAIL
        };
        let id = self.push_row(
            event.obligation.index(),
            day_number(event.date),
            known,
            tag,
            detail,
        )?;
        if let Some(recorded) = event.recorded
            && recorded <= event.date
        {
            // INVARIANT (early recording): ids increase, so the list stays sorted.
            self.recorded_early.push((id.0, day_number(recorded)));
        }
        Ok(id)
    }

    /// Appends a submission without a document symbol or recording date: the common case
    /// of bulk loads, without building an [`Event`].
    ///
    /// # Errors
    ///
    /// - [`ComplianceError::UnsupportedDate`] for a date outside `0001-01-01..=9999-12-31`;
    /// - [`ComplianceError::TooManyEvents`] when the log already holds `u32::MAX - 1`
    ///   events.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Event, Events};
    /// use directives::obligation::ObligationId;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 18).ok_or("date")?;
    /// let mut events = Events::new();
    /// let id = events.push_submission(ObligationId::from_index(0), on)?;
    /// assert_eq!(events.get(id), Some(Event::submitted(ObligationId::from_index(0), on)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn push_submission(
        &mut self,
        obligation: ObligationId,
        date: NaiveDate,
    ) -> Result<EventId, ComplianceError> {
        if !crate::text::in_range(date) {
            return Err(ComplianceError::UnsupportedDate { date });
        }
        let day = day_number(date);
        self.push_row(obligation.index(), day, day, TAG_SUBMITTED, NO_DETAIL)
    }

    /// Appends an event whose dates and value were checked, given its day and the day it
    /// became known as day numbers: without details or an early recording date, straight
    /// to the columns (the event is copied only when it has details).
    pub(crate) fn push_checked(
        &mut self,
        event: &Event,
        day: i32,
        known: i32,
    ) -> Result<EventId, ComplianceError> {
        if event.kind.has_detail() || event.recorded.is_some_and(|r| r <= event.date) {
            return self.push(event.clone());
        }
        self.push_row(
            event.obligation.index(),
            day,
            known,
            event.kind.tag(),
            NO_DETAIL,
        )
    }

    /// Appends a submission without a document or a completion (`tag`), without a
    /// recording date, already checked, and returns its row. The caller keeps the log
    /// under `u32::MAX - 1` rows.
    #[inline]
    pub(crate) fn push_plain(&mut self, obligation: u32, day: i32, tag: u8) -> u32 {
        debug_assert!(matches!(tag, TAG_SUBMITTED | TAG_COMPLETED));
        let id = u32::try_from(self.day.len()).unwrap_or(u32::MAX);
        if !self.lines.is_empty() {
            // INVARIANT (lines): one entry per row once any row has a line.
            self.lines.push(0);
        }
        // INVARIANT (columns): each column is pushed once; (special), (recorded) and
        // (indicators) hold as these kinds qualify, are known on their day and are not
        // indicator values.
        self.obligation.push(obligation);
        self.day.push(day);
        self.known.push(day);
        self.tag.push(tag);
        self.detail.push(NO_DETAIL);
        self.oldest = Some(self.oldest.map_or(day, |oldest| oldest.min(day)));
        id
    }

    /// Appends events of kinds without details (a submission without a document, a
    /// completion, a reopening) as the CSV loader reads them, their days, recording days
    /// and file lines already checked: as [`push_at_line`](Events::push_at_line) with each
    /// event in turn, without building them, a column at a time.
    #[cfg(feature = "csv")]
    pub(crate) fn push_loaded(&mut self, rows: &[LoadedRow]) -> Result<(), ComplianceError> {
        debug_assert!(
            rows.iter()
                .all(|r| matches!(r.tag, TAG_SUBMITTED | TAG_COMPLETED | TAG_REOPENED))
        );
        let start = self.day.len();
        let Some(first) = u32::try_from(start.saturating_add(rows.len()))
            .ok()
            .filter(|&end| end < u32::MAX)
            .map(|_| start as u32)
        else {
            return Err(ComplianceError::TooManyEvents);
        };
        // INVARIANT (lines): filled for every row from the first line on.
        if !self.lines.is_empty() || rows.iter().any(|r| r.line != 0) {
            if self.lines.is_empty() {
                self.lines.reserve(self.day.capacity());
            }
            self.lines.resize(start, 0);
            self.lines.extend(rows.iter().map(|r| r.line));
        }
        // INVARIANT (columns): each column grows by the rows.
        self.obligation.extend(rows.iter().map(|r| r.obligation));
        self.day.extend(rows.iter().map(|r| r.day));
        // A recording day before the event's day leaves it known on its day.
        self.known
            .extend(rows.iter().map(|r| r.recorded.max(r.day)));
        self.tag.extend(rows.iter().map(|r| r.tag));
        self.detail.resize(start + rows.len(), NO_DETAIL);
        let (mut oldest, mut recorded) = (self.oldest.unwrap_or(i32::MAX), false);
        for row in rows {
            oldest = oldest.min(row.day);
            recorded |= row.recorded > row.day;
        }
        if !rows.is_empty() {
            self.oldest = Some(oldest);
        }
        self.recorded |= recorded;
        // INVARIANT (special), (early recording): ids increase, so the lists stay sorted.
        for (id, row) in (first..).zip(rows) {
            if !is_qualifying(row.tag) {
                self.special.push(id);
            }
            if row.recorded != NO_RECORDING && row.recorded <= row.day {
                self.recorded_early.push((id, row.recorded));
            }
        }
        Ok(())
    }

    /// Appends an event read from line `line` of a file, so that what is said about it
    /// names the line.
    ///
    /// # Errors
    ///
    /// As [`Events::push`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Event, Events};
    /// use directives::obligation::ObligationId;
    ///
    /// let mut events = Events::new();
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 18).ok_or("date")?;
    /// let id = events.push_at_line(Event::submitted(ObligationId::from_index(0), on), 12)?;
    /// assert_eq!(events.line(id), Some(12));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn push_at_line(&mut self, event: Event, line: u32) -> Result<EventId, ComplianceError> {
        event.check_finite(None, (line != 0).then_some(line))?;
        let id = self.push(event)?;
        if line != 0 {
            if self.lines.is_empty() {
                // INVARIANT (lines): filled for every row from the first line on.
                self.lines.resize(self.day.len(), 0);
            }
            if let Some(slot) = self.lines.get_mut(id.0 as usize) {
                *slot = line;
            }
        }
        Ok(id)
    }

    /// Moves every event of `other` after this log's events, in `other`'s order, and
    /// returns the id the first of them gets here: `other`'s event `k` becomes
    /// `first + k`, with its file line, if it has one, kept.
    ///
    /// This is the events' form of [`Obligations::append`](crate::obligation::Obligations::append):
    /// a loader that reads one file in parts on several threads, each into a log of its
    /// own, joins them in file order at the cost of a copy, and the joined log is the log
    /// one thread would have read.
    ///
    /// # Errors
    ///
    /// [`ComplianceError::TooManyEvents`] when the log would hold `u32::MAX` events or
    /// more; no event is added then.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Event, EventId, EventKind, Events};
    /// use directives::obligation::ObligationId;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 18).ok_or("date")?;
    /// let mut a = Events::new();
    /// a.push(Event::new(ObligationId::from_index(0), on, EventKind::Completed))?;
    /// let mut b = Events::new();
    /// b.push_at_line(Event::submitted(ObligationId::from_index(1), on), 7)?;
    /// let first = a.append(b)?;
    /// assert_eq!(first, EventId::from_index(1));
    /// assert_eq!(a.get(first), Some(Event::submitted(ObligationId::from_index(1), on)));
    /// assert_eq!(a.line(first), Some(7));
    /// assert_eq!(a.line(EventId::from_index(0)), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn append(&mut self, other: Events) -> Result<EventId, ComplianceError> {
        let rows = self.day.len();
        let first = u32::try_from(rows).map_err(|_| ComplianceError::TooManyEvents)?;
        if rows.saturating_add(other.day.len()) >= u32::MAX as usize
            || self.details.len().saturating_add(other.details.len()) >= NO_DETAIL as usize
        {
            return Err(ComplianceError::TooManyEvents);
        }
        let details =
            u32::try_from(self.details.len()).map_err(|_| ComplianceError::TooManyEvents)?;
        // INVARIANT (lines): both empty, or one entry per row of both.
        if !other.lines.is_empty() || !self.lines.is_empty() {
            self.lines.resize(rows, 0);
            if other.lines.is_empty() {
                self.lines.resize(rows + other.day.len(), 0);
            } else {
                self.lines.extend_from_slice(&other.lines);
            }
        }
        // INVARIANT (columns): each column grows by `other`'s rows.
        self.obligation.extend_from_slice(&other.obligation);
        self.day.extend_from_slice(&other.day);
        self.known.extend_from_slice(&other.known);
        self.tag.extend_from_slice(&other.tag);
        self.detail.extend(
            other
                .detail
                .iter()
                .map(|&d| if d == NO_DETAIL { d } else { d + details }),
        );
        self.details.extend(other.details);
        // INVARIANT (special), (early recording): `other`'s rows follow this log's.
        self.special
            .extend(other.special.iter().map(|&r| r + first));
        self.recorded_early.extend(
            other
                .recorded_early
                .iter()
                .map(|&(r, day)| (r + first, day)),
        );
        self.recorded |= other.recorded;
        self.indicators |= other.indicators;
        self.oldest = match (self.oldest, other.oldest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Ok(EventId(first))
    }

    /// Adds `by` to the file line of every event that has one (saturating): the lines of
    /// a part of a file read as if it began on line 1.
    #[cfg(feature = "parallel")]
    pub(crate) fn shift_lines(&mut self, by: u32) {
        for line in &mut self.lines {
            if *line != 0 {
                *line = line.saturating_add(by);
            }
        }
    }

    /// The file line an event was read from, if it was given.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{EventId, Events};
    ///
    /// assert_eq!(Events::new().line(EventId::from_index(0)), None);
    /// ```
    #[must_use]
    pub fn line(&self, id: EventId) -> Option<u32> {
        self.lines.get(id.0 as usize).copied().filter(|&l| l != 0)
    }

    /// Appends an event given as a record, finding its obligation by reference in
    /// `obligations`; the record's line, if any, is kept.
    ///
    /// # Errors
    ///
    /// - [`ComplianceError::UnknownReference`] when the store holds no obligation with the
    ///   record's reference;
    /// - as [`Events::push`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{EventRecord, Events};
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let mut obligations = Obligations::new();
    /// let key: directives::obligation::ObligationKey = "05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?;
    /// obligations.push(Obligation::new(key.clone(), NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?))?;
    /// let mut events = Events::new();
    /// let record = EventRecord::submitted(key, NaiveDate::from_ymd_opt(2025, 2, 18).ok_or("date")?);
    /// let id = events.push_record(record.clone(), &obligations)?;
    /// assert_eq!(events.record(id, &obligations), Some(record));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn push_record(
        &mut self,
        record: EventRecord,
        obligations: &Obligations,
    ) -> Result<EventId, ComplianceError> {
        let Some(id) = obligations.find(&record.obligation) else {
            return Err(ComplianceError::UnknownReference {
                event: Box::new(record),
            });
        };
        let line = record.line.unwrap_or(0);
        let mut event = Event::new(id, record.date, record.kind);
        event.recorded = record.recorded;
        event.check_finite(Some(&record.obligation), record.line)?;
        self.push_at_line(event, line)
    }

    /// A log of these records, each found by reference in `obligations`.
    ///
    /// # Errors
    ///
    /// As [`Events::push_record`], for the first record that fails.
    ///
    /// # Example
    ///
    /// See [`Events::records`].
    ///
    /// ```
    /// use directives::compliance::Events;
    /// use directives::obligation::Obligations;
    ///
    /// assert!(Events::from_records(Vec::new(), &Obligations::new())?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_records(
        records: impl IntoIterator<Item = EventRecord>,
        obligations: &Obligations,
    ) -> Result<Events, ComplianceError> {
        let mut events = Events::new();
        for record in records {
            events.push_record(record, obligations)?;
        }
        Ok(events)
    }

    /// A log read from JSON: `{"events": [row, …]}`, each row as the
    /// [event loader](super::EventLoader) reads it (the fields [`EventRecord`] writes, or
    /// the obligation by clause, body and period), each found in `obligations`. Each
    /// event keeps the line its row starts on.
    ///
    /// # Errors
    ///
    /// [`ComplianceError::EventLog`] naming the line and column, the path of the
    /// offending value (`events[3].date`) and what is wrong (see
    /// [`EventLoader::json`](super::EventLoader::json)).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::Events;
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let mut obligations = Obligations::new();
    /// obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?))?;
    /// let text = r#"{"events": [{"obligation": "05/CT-UBND@2025-01-02/1.1/SYT/2025-01", "date": "2025-02-18", "kind": "submitted", "document": "12/BC-UBND"}]}"#;
    /// assert_eq!(Events::from_json_str(text, &obligations)?.len(), 1);
    /// let bad = text.replace("2025-02-18", "2025-2-18");
    /// assert_eq!(
    ///     Events::from_json_str(&bad, &obligations).unwrap_err().to_string(),
    ///     "invalid event log json at line 1, column 77, `events[0].date`: invalid date `2025-2-18`: expected `yyyy-mm-dd`",
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "serde")]
    pub fn from_json_str(text: &str, obligations: &Obligations) -> Result<Events, ComplianceError> {
        Ok(super::EventLoader::new(obligations).json(text)?)
    }

    /// A log read from TOML: `[[events]]` tables, each row as the
    /// [event loader](super::EventLoader) reads it, each found in `obligations`.
    ///
    /// # Errors
    ///
    /// As [`Events::from_json_str`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::Events;
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let mut obligations = Obligations::new();
    /// obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?))?;
    /// let text = "[[events]]\nobligation = \"05/CT-UBND@2025-01-02/1.1/SYT/2025-01\"\ndate = \"2025-02-10\"\nkind = \"extended\"\nnew_due = \"2025-03-10\"\ndocument = \"15/QĐ-UBND\"\n";
    /// assert_eq!(Events::from_toml_str(text, &obligations)?.len(), 1);
    /// let error = Events::from_toml_str(&text.replace("2025-03-10", "2025-3-10"), &obligations).unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "invalid event log toml at line 5, column 11, `events[0].new_due`: invalid date `2025-3-10`: expected `yyyy-mm-dd`",
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "serde")]
    pub fn from_toml_str(text: &str, obligations: &Obligations) -> Result<Events, ComplianceError> {
        Ok(super::EventLoader::new(obligations).toml(text)?)
    }

    /// The record of one event: its obligation by reference, its date, recording date,
    /// kind and file line. `None` when the id or its obligation is unknown.
    ///
    /// # Example
    ///
    /// See [`Events::push_record`].
    ///
    /// ```
    /// use directives::compliance::{EventId, Events};
    /// use directives::obligation::Obligations;
    ///
    /// assert_eq!(Events::new().record(EventId::from_index(0), &Obligations::new()), None);
    /// ```
    pub fn record(&self, id: EventId, obligations: &Obligations) -> Option<EventRecord> {
        let event = self.get(id)?;
        Some(EventRecord {
            obligation: obligations.key(event.obligation)?,
            date: event.date,
            recorded: event.recorded,
            kind: event.kind,
            line: self.line(id),
        })
    }

    /// Every event as a record (the log's self-contained, serialisable form), in order.
    /// Events whose obligation is not in `obligations` are left out; an evaluation
    /// reports them.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Event, Events};
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?))?;
    /// let mut events = Events::new();
    /// events.push(Event::submitted(id, NaiveDate::from_ymd_opt(2025, 2, 18).ok_or("date")?))?;
    /// let records = events.records(&obligations);
    /// assert_eq!(records[0].to_string(), "`submitted` on `2025-02-18` for `05/CT-UBND@2025-01-02/1.1/SYT/2025-01`");
    /// let again = Events::from_records(records, &obligations)?;
    /// assert_eq!(again.get(directives::compliance::EventId::from_index(0)), events.get(directives::compliance::EventId::from_index(0)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn records(&self, obligations: &Obligations) -> Vec<EventRecord> {
        (0..u32::try_from(self.len()).unwrap_or(u32::MAX))
            .filter_map(|i| self.record(EventId(i), obligations))
            .collect()
    }

    fn push_row(
        &mut self,
        obligation: u32,
        day: i32,
        known: i32,
        tag: u8,
        detail: u32,
    ) -> Result<EventId, ComplianceError> {
        // The error is built only when the log is full: this is the hot path of every load.
        let Some(id) = u32::try_from(self.day.len())
            .ok()
            .filter(|&id| id < u32::MAX)
        else {
            return Err(ComplianceError::TooManyEvents);
        };
        // INVARIANT (columns): each column is pushed exactly once here.
        if !self.lines.is_empty() {
            // INVARIANT (lines): one entry per row once any row has a line.
            self.lines.push(0);
        }
        self.obligation.push(obligation);
        self.day.push(day);
        self.known.push(known);
        self.tag.push(tag);
        self.detail.push(detail);
        self.recorded |= known != day;
        self.indicators |= tag == TAG_INDICATOR;
        self.oldest = Some(self.oldest.map_or(day, |oldest| oldest.min(day)));
        if !is_qualifying(tag) {
            // INVARIANT (special): ids increase, so the list stays sorted.
            self.special.push(id);
        }
        Ok(EventId(id))
    }

    /// The number of events.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Events;
    ///
    /// assert_eq!(Events::new().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.day.len()
    }

    /// Whether the log is empty.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Events;
    ///
    /// assert!(Events::new().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.day.is_empty()
    }

    /// The event with this id, rebuilt from the columns, if this log issued the id. The
    /// event comes back as it was pushed, recording date included, even one on or before
    /// the event's date (which changes nothing in an evaluation: an event is known from
    /// the later of the two).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Event, EventId, Events};
    /// use directives::obligation::ObligationId;
    ///
    /// assert_eq!(Events::new().get(EventId::from_index(0)), None);
    /// let on = NaiveDate::from_ymd_opt(2025, 3, 2).ok_or("date")?;
    /// let event = Event::submitted(ObligationId::from_index(0), on).recorded_on(on);
    /// let mut events = Events::new();
    /// let id = events.push(event.clone())?;
    /// assert_eq!(events.get(id), Some(event));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn get(&self, id: EventId) -> Option<Event> {
        let i = id.0 as usize;
        let date = from_day_number(*self.day.get(i)?)?;
        let kind = self.kind_at(i)?;
        let recorded = match self.recorded_day(i) {
            Some(day) => Some(from_day_number(day)?),
            None => None,
        };
        Some(Event {
            obligation: ObligationId::from_index(*self.obligation.get(i)?),
            date,
            recorded,
            kind,
        })
    }

    /// The kind of the event at this row.
    fn kind_at(&self, i: usize) -> Option<EventKind> {
        let detail = *self.detail.get(i)?;
        if detail != NO_DETAIL {
            return self.details.get(detail as usize).cloned();
        }
        match *self.tag.get(i)? {
            TAG_SUBMITTED => Some(EventKind::Submitted { document: None }),
            TAG_COMPLETED => Some(EventKind::Completed),
            TAG_REOPENED => Some(EventKind::Reopened),
            _ => None,
        }
    }

    /// The detail of the event at this row, if it has one.
    pub(crate) fn detail_at(&self, i: usize) -> Option<&EventKind> {
        let detail = *self.detail.get(i)?;
        self.details.get(detail as usize)
    }

    /// Whether the events at rows `a` and `b` are the same event: same obligation, date,
    /// kind and details (recording dates aside).
    pub(crate) fn same_event(&self, a: usize, b: usize) -> bool {
        self.obligation.get(a) == self.obligation.get(b)
            && self.day.get(a) == self.day.get(b)
            && self.tag.get(a) == self.tag.get(b)
            && self.detail_at(a) == self.detail_at(b)
    }

    /// The fixed order in which events of one obligation are weighed, whatever the order
    /// they were logged or applied in: by date, then kind (submission, completion,
    /// indicator value, extension, waiver, reopening, as [`EventKind::tag`] numbers them),
    /// then details (document, value, new due date, issuer and reason), then the day the
    /// event became known (so that of two copies of one event the one known earliest comes
    /// first), then the recording date as written (none before one, so that a copy with
    /// no recording date and a copy recorded on its own day are told apart the same way
    /// in every order), then the row.
    pub(crate) fn weigh(&self, a: usize, b: usize) -> std::cmp::Ordering {
        self.day
            .get(a)
            .cmp(&self.day.get(b))
            .then_with(|| self.tag.get(a).cmp(&self.tag.get(b)))
            .then_with(|| detail_order(self.detail_at(a), self.detail_at(b)))
            .then_with(|| self.known_column().get(a).cmp(&self.known_column().get(b)))
            .then_with(|| self.recorded_day(a).cmp(&self.recorded_day(b)))
            .then(a.cmp(&b))
    }

    /// The recording date written on the event at row `i`, as a day number: the day it
    /// became known when that differs from its date, else the date recorded on or before
    /// it, if any.
    pub(crate) fn recorded_day(&self, i: usize) -> Option<i32> {
        let (day, known) = (*self.day.get(i)?, *self.known.get(i)?);
        if known != day {
            return Some(known);
        }
        let row = u32::try_from(i).ok()?;
        let k = self
            .recorded_early
            .binary_search_by_key(&row, |&(row, _)| row)
            .ok()?;
        Some(self.recorded_early.get(k)?.1)
    }

    /// A hash of the event at row `i` that [`same_event`](Self::same_event) events share
    /// (obligation aside), to find copies in one pass.
    pub(crate) fn identity_hash(&self, i: usize) -> u64 {
        identity_hash(
            self.day.get(i).copied().unwrap_or_default(),
            self.tag.get(i).copied().unwrap_or_default(),
            self.detail_at(i),
        )
    }

    /// The earliest day of any event.
    pub(crate) fn oldest_day(&self) -> Option<i32> {
        self.oldest
    }

    /// Whether some event is an indicator value.
    pub(crate) fn has_indicators(&self) -> bool {
        self.indicators
    }

    /// Whether some event was recorded after the day it happened.
    pub(crate) fn has_recording_dates(&self) -> bool {
        self.recorded
    }

    pub(crate) fn obligation_column(&self) -> &[u32] {
        &self.obligation
    }

    pub(crate) fn day_column(&self) -> &[i32] {
        &self.day
    }

    pub(crate) fn known_column(&self) -> &[i32] {
        &self.known
    }

    pub(crate) fn tag_column(&self) -> &[u8] {
        &self.tag
    }

    /// Every event row as `(obligation, day, known, tag, row)`, in row order: the one walk
    /// over the columns that the evaluator's lazy passes share.
    pub(crate) fn column_rows(&self) -> impl Iterator<Item = (u32, i32, i32, u8, u32)> + '_ {
        self.obligation
            .iter()
            .zip(&self.day)
            .zip(&self.known)
            .zip(&self.tag)
            .zip(0u32..)
            .map(|((((&o, &day), &known), &tag), row)| (o, day, known, tag, row))
    }

    pub(crate) fn special_rows(&self) -> &[u32] {
        &self.special
    }
}
