//! Bodies and their codes, kinds, levels and names.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::OrgError;

/// The longest code accepted, in bytes.
const MAX_CODE_LEN: usize = 64;

/// The stable code of a body, such as `TH-TU-BDV`.
///
/// Codes are the human keys of bodies: they appear in data files, selectors and reports,
/// and survive renames. A code is 1 to 64 ASCII letters, digits, `-`, `_` or `.`; it is
/// case-sensitive.
///
/// # Example
///
/// ```
/// use directives::org::BodyCode;
///
/// let code: BodyCode = "TH-TU-BDV".parse()?;
/// assert_eq!(code.as_ref(), "TH-TU-BDV");
/// assert_eq!(code.to_string(), "TH-TU-BDV");
/// assert!("Ban Dân vận".parse::<BodyCode>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BodyCode(
    // INVARIANT (code-syntax): 1..=64 ASCII letters, digits, `-`, `_`, `.`; upheld by
    // `BodyCode::new`, the only constructor.
    String,
);

impl BodyCode {
    /// Checks and wraps a code.
    ///
    /// # Errors
    ///
    /// [`OrgError::InvalidCode`] if the code is empty, longer than 64 bytes, or holds a
    /// character other than an ASCII letter, digit, `-`, `_` or `.`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::BodyCode;
    ///
    /// let code = BodyCode::new("TH-HU-NGA-SON")?;
    /// assert_eq!(code.as_str(), "TH-HU-NGA-SON");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(code: impl Into<String>) -> Result<BodyCode, OrgError> {
        let code = code.into();
        let valid = !code.is_empty()
            && code.len() <= MAX_CODE_LEN
            && code
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if valid {
            // INVARIANT (code-syntax): checked just above.
            Ok(BodyCode(code))
        } else {
            Err(OrgError::InvalidCode { code })
        }
    }

    /// The code as a string slice.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::BodyCode;
    ///
    /// assert_eq!(BodyCode::new("TH-TU")?.as_str(), "TH-TU");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for BodyCode {
    type Err = OrgError;

    fn from_str(s: &str) -> Result<BodyCode, OrgError> {
        BodyCode::new(s)
    }
}

impl TryFrom<&str> for BodyCode {
    type Error = OrgError;

    fn try_from(s: &str) -> Result<BodyCode, OrgError> {
        BodyCode::new(s)
    }
}

impl AsRef<str> for BodyCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for BodyCode {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BodyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Defines a string-named enum: `ALL`, `as_str`, `Display`, `FromStr` and string serde.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($err:ident) {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The snake_case name used in data files and serde.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }

            /// The position of this value in [`Self::ALL`].
            pub(crate) const fn index(self) -> usize {
                self as usize
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = OrgError;

            fn from_str(s: &str) -> Result<$name, OrgError> {
                match s {
                    $( $text => Ok($name::$variant), )+
                    _ => Err(OrgError::$err { value: s.to_owned() }),
                }
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

named_enum! {
    /// What sort of body a body is.
    ///
    /// The names in data files and serde are snake_case (`party_committee`). New kinds may
    /// be added, so the enum is `#[non_exhaustive]`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::BodyKind;
    ///
    /// let kind: BodyKind = "party_civil_affairs_committee".parse()?;
    /// assert_eq!(kind, BodyKind::PartyCivilAffairsCommittee);
    /// assert_eq!(BodyKind::PressAgency.as_str(), "press_agency");
    /// assert_eq!(
    ///     "party_comittee".parse::<BodyKind>().unwrap_err().to_string(),
    ///     "unknown body kind `party_comittee`"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    #[non_exhaustive]
    pub enum BodyKind (UnknownKind) {
        /// A party committee (cấp ủy, đảng ủy): provincial, district, or directly under one.
        PartyCommittee = "party_committee",
        /// The standing committee of a party committee (ban thường vụ).
        PartyStandingCommittee = "party_standing_committee",
        /// An advisory department of a party committee (ban tham mưu: tổ chức, tuyên
        /// giáo, dân vận, kiểm tra, nội chính, văn phòng).
        PartyAdvisoryDepartment = "party_advisory_department",
        /// A party delegation (đảng đoàn) in a council, front or mass organisation.
        PartyDelegation = "party_delegation",
        /// A party civil-affairs committee (ban cán sự đảng) in a state body.
        PartyCivilAffairsCommittee = "party_civil_affairs_committee",
        /// A people's council (hội đồng nhân dân).
        PeoplesCouncil = "peoples_council",
        /// A people's committee (ủy ban nhân dân).
        PeoplesCommittee = "peoples_committee",
        /// A department or agency of a people's committee (sở, ban, ngành).
        DepartmentOrAgency = "department_or_agency",
        /// The Fatherland Front (Mặt trận Tổ quốc).
        FatherlandFront = "fatherland_front",
        /// A socio-political organisation (đoàn thể): unions of youth, women, farmers,
        /// veterans, the labour federation.
        SocioPoliticalOrganisation = "socio_political_organisation",
        /// A press agency: a newspaper, a radio and television station.
        PressAgency = "press_agency",
        /// A public service unit (đơn vị sự nghiệp công lập).
        PublicServiceUnit = "public_service_unit",
        /// Any other body.
        Other = "other",
    }
}

named_enum! {
    /// The administrative level a body belongs to.
    ///
    /// Vietnam had four levels until 2025-07-01, when the district level ended (Law
    /// 72/2025/QH15 art. 51.3); `District` stays for history. The names in data files and
    /// serde are `central`, `province`, `district` and `commune`. Levels are ordered from
    /// the top down.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Level;
    ///
    /// assert_eq!("district".parse::<Level>()?, Level::District);
    /// assert!(Level::Province < Level::Commune);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Level (UnknownLevel) {
        /// The central level (trung ương).
        Central = "central",
        /// A province or centrally-run city (tỉnh, thành phố trực thuộc trung ương).
        Province = "province",
        /// A district, town or provincial city (huyện, thị xã, thành phố thuộc tỉnh); ended
        /// 2025-07-01.
        District = "district",
        /// A commune, ward or township (xã, phường, thị trấn; đặc khu from 2025).
        Commune = "commune",
    }
}

impl BodyKind {
    /// The kind in words, in a language (what reports print).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::org::BodyKind;
    ///
    /// assert_eq!(BodyKind::PartyCommittee.label(Lang::Vi), "cấp ủy");
    /// assert_eq!(BodyKind::PeoplesCommittee.label(Lang::En), "people's committee");
    /// ```
    #[must_use]
    pub const fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            BodyKind::PartyCommittee => lang.pick("cấp ủy", "party committee"),
            BodyKind::PartyStandingCommittee => {
                lang.pick("ban thường vụ", "party standing committee")
            }
            BodyKind::PartyAdvisoryDepartment => {
                lang.pick("ban tham mưu", "party advisory department")
            }
            BodyKind::PartyDelegation => lang.pick("đảng đoàn", "party delegation"),
            BodyKind::PartyCivilAffairsCommittee => {
                lang.pick("ban cán sự đảng", "party civil-affairs committee")
            }
            BodyKind::PeoplesCouncil => lang.pick("hội đồng nhân dân", "people's council"),
            BodyKind::PeoplesCommittee => lang.pick("ủy ban nhân dân", "people's committee"),
            BodyKind::DepartmentOrAgency => lang.pick("sở, ban, ngành", "department or agency"),
            BodyKind::FatherlandFront => lang.pick("Mặt trận Tổ quốc", "Fatherland Front"),
            BodyKind::SocioPoliticalOrganisation => {
                lang.pick("tổ chức chính trị - xã hội", "socio-political organisation")
            }
            BodyKind::PressAgency => lang.pick("cơ quan báo chí", "press agency"),
            BodyKind::PublicServiceUnit => {
                lang.pick("đơn vị sự nghiệp công lập", "public service unit")
            }
            BodyKind::Other => lang.pick("khác", "other"),
        }
    }
}

impl Level {
    /// The level in words, in a language (what reports print).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::org::Level;
    ///
    /// assert_eq!(Level::District.label(Lang::Vi), "huyện");
    /// assert_eq!(Level::Commune.label(Lang::En), "commune");
    /// ```
    #[must_use]
    pub const fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Level::Central => lang.pick("trung ương", "central"),
            Level::Province => lang.pick("tỉnh", "province"),
            Level::District => lang.pick("huyện", "district"),
            Level::Commune => lang.pick("xã", "commune"),
        }
    }
}

/// The names of a body: Vietnamese, and optionally English and a short form.
///
/// Vietnamese text arrives composed (NFC) or decomposed (NFD, `o` followed by a combining
/// acute accent), which look alike but compare unequal. Names are stored in NFC, so two
/// spellings of one name are equal `Names`.
///
/// # Example
///
/// ```
/// use directives::org::Names;
///
/// let names = Names::new("Ban Dân vận Tỉnh ủy")
///     .with_en("Mass Mobilization Department of the Provincial Party Committee")
///     .with_short("BDVTU");
/// assert_eq!(names.name(directives::Lang::Vi), "Ban Dân vận Tỉnh ủy");
/// assert_eq!(names.short(), Some("BDVTU"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Names {
    vi: String,
    en: Option<String>,
    short: Option<String>,
}

impl Names {
    /// Names with only the Vietnamese name (in NFC).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Names;
    ///
    /// assert_eq!(Names::new("Tỉnh ủy Thanh Hóa").given(directives::Lang::En), None);
    /// // "Hóa" typed with a combining accent (NFD) is stored composed.
    /// assert_eq!(Names::new("Thanh Ho\u{301}a").name(directives::Lang::Vi), "Thanh Hóa");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(vi: impl Into<String>) -> Names {
        Names {
            vi: nfc(vi.into()),
            en: None,
            short: None,
        }
    }

    /// These names with an English name.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Names;
    ///
    /// let names = Names::new("Tỉnh ủy Thanh Hóa").with_en("Provincial Party Committee");
    /// assert_eq!(names.given(directives::Lang::En), Some("Provincial Party Committee"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_en(mut self, en: impl Into<String>) -> Names {
        self.en = Some(nfc(en.into()));
        self
    }

    /// These names with a short form.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Names;
    ///
    /// assert_eq!(Names::new("Tỉnh ủy").with_short("TU").short(), Some("TU"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_short(mut self, short: impl Into<String>) -> Names {
        self.short = Some(nfc(short.into()));
        self
    }

    /// The name in `lang`: the Vietnamese name, or the English name when one was given
    /// and the Vietnamese name (a proper name) otherwise. [`given`](Names::given) tells
    /// the two cases apart.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::org::Names;
    ///
    /// let paper = Names::new("Báo Thanh Hóa").with_en("Thanh Hóa Newspaper");
    /// assert_eq!(paper.name(Lang::Vi), "Báo Thanh Hóa");
    /// assert_eq!(paper.name(Lang::En), "Thanh Hóa Newspaper");
    /// assert_eq!(Names::new("Tỉnh ủy").name(Lang::En), "Tỉnh ủy");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => self.en.as_deref().unwrap_or(&self.vi),
        }
    }

    /// The name in `lang` as given: the Vietnamese name always is, the English name only
    /// when [`with_en`](Names::with_en) gave it.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::org::Names;
    ///
    /// assert_eq!(Names::new("Báo Thanh Hóa").given(Lang::En), None);
    /// assert_eq!(Names::new("Báo Thanh Hóa").given(Lang::Vi), Some("Báo Thanh Hóa"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn given(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Vi => Some(&self.vi),
            Lang::En => self.en.as_deref(),
        }
    }

    /// The short form, if given.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Names;
    ///
    /// assert_eq!(Names::new("Báo Thanh Hóa").short(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn short(&self) -> Option<&str> {
        self.short.as_deref()
    }
}

use crate::Lang;
use crate::text::nfc;

impl From<&str> for Names {
    fn from(vi: &str) -> Names {
        Names::new(vi)
    }
}

impl From<String> for Names {
    fn from(vi: String) -> Names {
        Names::new(vi)
    }
}

/// A body: a party committee, a council, a department, a newspaper.
///
/// A body has a stable [code](BodyCode), [names](Names) (which renames may change), a
/// [kind](BodyKind), a [level](Level), an optional parent (which moves may change), and a
/// validity: it exists from `from` (inclusive) until `until` (exclusive), or without end.
/// "Until" is the first day on which the body no longer exists, which is also the date of
/// the change that ends it: a body merged on 2025-02-11 is active on 2025-02-10 and not on
/// 2025-02-11.
///
/// A `Body` is a description; the [`Registry`](super::Registry) checks it against the other
/// bodies when it is built. The names and parent here are the ones the body had when it was
/// established; [`Registry::name_on`](super::Registry::name_on) and
/// [`Registry::parent_on`](super::Registry::parent_on) apply later changes. In a registry,
/// [`until`](Body::until) is the end, whether given here or by a change.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::org::{Body, BodyKind, Level};
///
/// let body = Body::new(
///     "TH-TU-BDV".parse()?,
///     "Ban Dân vận Tỉnh ủy",
///     BodyKind::PartyAdvisoryDepartment,
///     Level::Province,
///     NaiveDate::from_ymd_opt(1945, 1, 1).ok_or("date")?,
/// )
/// .with_parent("TH-TU".parse()?)
/// .with_until(NaiveDate::from_ymd_opt(2025, 2, 11).ok_or("date")?);
/// assert_eq!(body.code().as_str(), "TH-TU-BDV");
/// assert_eq!(body.parent().map(|p| p.as_str()), Some("TH-TU"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Body {
    code: BodyCode,
    names: Names,
    kind: BodyKind,
    level: Level,
    parent: Option<BodyCode>,
    from: NaiveDate,
    until: Option<NaiveDate>,
}

impl Body {
    /// A body with no parent and no end.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level};
    ///
    /// let body = Body::new(
    ///     "TH-TU".parse()?,
    ///     "Tỉnh ủy Thanh Hóa",
    ///     BodyKind::PartyCommittee,
    ///     Level::Province,
    ///     NaiveDate::from_ymd_opt(1930, 7, 29).ok_or("date")?,
    /// );
    /// assert_eq!(body.until(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(
        code: BodyCode,
        names: impl Into<Names>,
        kind: BodyKind,
        level: Level,
        from: NaiveDate,
    ) -> Body {
        Body {
            code,
            names: names.into(),
            kind,
            level,
            parent: None,
            from,
            until: None,
        }
    }

    /// This body with a parent.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level};
    ///
    /// let day = NaiveDate::from_ymd_opt(1945, 1, 1).ok_or("date")?;
    /// let body = Body::new("TH-TU-BTV".parse()?, "Ban Thường vụ Tỉnh ủy", BodyKind::PartyStandingCommittee, Level::Province, day)
    ///     .with_parent("TH-TU".parse()?);
    /// assert_eq!(body.parent().map(|p| p.as_str()), Some("TH-TU"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_parent(mut self, parent: BodyCode) -> Body {
        self.parent = Some(parent);
        self
    }

    /// This body with an end: the first day on which it no longer exists.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level};
    ///
    /// let from = NaiveDate::from_ymd_opt(1945, 1, 1).ok_or("date")?;
    /// let until = NaiveDate::from_ymd_opt(2025, 7, 1).ok_or("date")?;
    /// let body = Body::new("TH-HU-NGA-SON".parse()?, "Huyện ủy Nga Sơn", BodyKind::PartyCommittee, Level::District, from)
    ///     .with_until(until);
    /// assert_eq!(body.until(), Some(until));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_until(mut self, until: NaiveDate) -> Body {
        self.until = Some(until);
        self
    }

    /// This body with other names.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level, Names};
    ///
    /// let day = NaiveDate::from_ymd_opt(1945, 1, 1).ok_or("date")?;
    /// let body = Body::new("TH-TU".parse()?, "Tỉnh ủy Thanh Hóa", BodyKind::PartyCommittee, Level::Province, day)
    ///     .with_names(Names::new("Tỉnh ủy Thanh Hóa").with_short("TU"));
    /// assert_eq!(body.names().short(), Some("TU"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_names(mut self, names: Names) -> Body {
        self.names = names;
        self
    }

    /// The code.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level};
    ///
    /// let day = NaiveDate::from_ymd_opt(1945, 1, 1).ok_or("date")?;
    /// let body = Body::new("TH-TU".parse()?, "Tỉnh ủy Thanh Hóa", BodyKind::PartyCommittee, Level::Province, day);
    /// assert_eq!(body.code().as_str(), "TH-TU");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn code(&self) -> &BodyCode {
        &self.code
    }

    /// The names the body had when it was established.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level};
    ///
    /// let day = NaiveDate::from_ymd_opt(1945, 1, 1).ok_or("date")?;
    /// let body = Body::new("TH-TU".parse()?, "Tỉnh ủy Thanh Hóa", BodyKind::PartyCommittee, Level::Province, day);
    /// assert_eq!(body.names().name(directives::Lang::Vi), "Tỉnh ủy Thanh Hóa");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn names(&self) -> &Names {
        &self.names
    }

    /// The kind.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level};
    ///
    /// let day = NaiveDate::from_ymd_opt(1945, 1, 1).ok_or("date")?;
    /// let body = Body::new("TH-TU".parse()?, "Tỉnh ủy Thanh Hóa", BodyKind::PartyCommittee, Level::Province, day);
    /// assert_eq!(body.kind(), BodyKind::PartyCommittee);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> BodyKind {
        self.kind
    }

    /// The level.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level};
    ///
    /// let day = NaiveDate::from_ymd_opt(1945, 1, 1).ok_or("date")?;
    /// let body = Body::new("TH-TU".parse()?, "Tỉnh ủy Thanh Hóa", BodyKind::PartyCommittee, Level::Province, day);
    /// assert_eq!(body.level(), Level::Province);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn level(&self) -> Level {
        self.level
    }

    /// The parent the body had when it was established, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level};
    ///
    /// let day = NaiveDate::from_ymd_opt(1945, 1, 1).ok_or("date")?;
    /// let body = Body::new("TH-TU".parse()?, "Tỉnh ủy Thanh Hóa", BodyKind::PartyCommittee, Level::Province, day);
    /// assert_eq!(body.parent(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn parent(&self) -> Option<&BodyCode> {
        self.parent.as_ref()
    }

    /// The first day the body exists.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level};
    ///
    /// let day = NaiveDate::from_ymd_opt(1945, 1, 1).ok_or("date")?;
    /// let body = Body::new("TH-TU".parse()?, "Tỉnh ủy Thanh Hóa", BodyKind::PartyCommittee, Level::Province, day);
    /// assert_eq!(body.from(), day);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// The first day the body no longer exists, if it ends.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level};
    ///
    /// let day = NaiveDate::from_ymd_opt(1945, 1, 1).ok_or("date")?;
    /// let body = Body::new("TH-TU".parse()?, "Tỉnh ủy Thanh Hóa", BodyKind::PartyCommittee, Level::Province, day);
    /// assert_eq!(body.until(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn until(&self) -> Option<NaiveDate> {
        self.until
    }

    /// Whether the body exists on `date`: `from <= date < until`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level};
    ///
    /// let from = NaiveDate::from_ymd_opt(1945, 1, 1).ok_or("date")?;
    /// let until = NaiveDate::from_ymd_opt(2025, 7, 1).ok_or("date")?;
    /// let body = Body::new("TH-HU-NGA-SON".parse()?, "Huyện ủy Nga Sơn", BodyKind::PartyCommittee, Level::District, from)
    ///     .with_until(until);
    /// assert!(body.is_active_on(NaiveDate::from_ymd_opt(2025, 6, 30).ok_or("date")?));
    /// assert!(!body.is_active_on(until));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_active_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|until| date < until)
    }

    pub(crate) fn set_until(&mut self, until: NaiveDate) {
        self.until = Some(until);
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for BodyCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for BodyCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<BodyCode, D::Error> {
        let text = String::deserialize(deserializer)?;
        BodyCode::new(text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_syntax() {
        assert!(BodyCode::new("TH-TU.BDV_1").is_ok());
        assert!(BodyCode::new("").is_err());
        assert!(BodyCode::new("a".repeat(64)).is_ok());
        assert!(BodyCode::new("a".repeat(65)).is_err());
        assert_eq!(
            BodyCode::new("TH/TU").unwrap_err().to_string(),
            "invalid body code `TH/TU`: use ascii letters, digits, `-`, `_` or `.`"
        );
    }

    #[test]
    fn kinds_roundtrip_through_names() {
        for (i, kind) in BodyKind::ALL.iter().enumerate() {
            assert_eq!(kind.index(), i);
            assert_eq!(kind.as_str().parse::<BodyKind>().unwrap(), *kind);
        }
        for (i, level) in Level::ALL.iter().enumerate() {
            assert_eq!(level.index(), i);
            assert_eq!(level.to_string().parse::<Level>().unwrap(), *level);
        }
        assert_eq!(
            "ward".parse::<Level>().unwrap_err().to_string(),
            "unknown level `ward`"
        );
    }
}
