//! Text helpers shared by the modules that read data: Unicode normalization, the one
//! spelling of a date, and quoting user values in error messages with a bounded length.

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::NaiveDate;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc, is_nfc_quick};

/// `text` in Unicode normalization form C, without copying text that already is.
///
/// Vietnamese typed on macOS or copied from a PDF often arrives decomposed (NFD), so that
/// texts that read the same compare unequal; every free text the crate stores is NFC.
pub(crate) fn nfc(text: String) -> String {
    match nfc_str(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(composed) => composed,
    }
}

/// `text` in Unicode normalization form C, borrowed when it already is (the common case,
/// checked without allocating): the one NFC check behind [`nfc`].
pub(crate) fn nfc_str(text: &str) -> Cow<'_, str> {
    // ASCII and `Đ`/`đ` (U+0110/U+0111, which neither decompose nor combine) are NFC in
    // any sequence: most symbols and codes are checked by this loop alone.
    if text
        .chars()
        .all(|c| c.is_ascii() || c == '\u{110}' || c == '\u{111}')
    {
        return Cow::Borrowed(text);
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        IsNormalized::Maybe if is_nfc(text) => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

/// Whether a text is empty or only whitespace.
pub(crate) fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// The first date the crate accepts: every date it stores lies in
/// `FIRST_DATE..=LAST_DATE`, the dates a four-digit year writes (year 0 aside, as in
/// [`Period::MIN_YEAR`](crate::period::Period::MIN_YEAR)), so whatever the API accepts
/// it can write and read back.
pub(crate) const FIRST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// The last date the crate accepts (see [`FIRST_DATE`]).
pub(crate) const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(date) => date,
    None => NaiveDate::MAX,
};

/// Whether a date lies in the one range the crate accepts, `0001-01-01..=9999-12-31`.
pub(crate) fn in_range(date: NaiveDate) -> bool {
    (FIRST_DATE..=LAST_DATE).contains(&date)
}

/// Parses a date written exactly `YYYY-MM-DD` with ASCII digits, the one spelling the
/// crate's data files accept for a date; `None` for any other text (`2024-1-5`,
/// `+2024-01-05`, ` 2024-01-05`) or a day that does not exist.
///
/// chrono's own parsers also take unpadded and signed forms; data files must not.
pub(crate) fn strict_date(s: &str) -> Option<NaiveDate> {
    parse_date(s.as_bytes())
}

/// Parses a date written exactly `yyyy-mm-dd` (ten bytes, ASCII digits, zero-padded) in
/// the supported range `0001-01-01..=9999-12-31`: the crate's one strict date parser,
/// which every loader uses, on bytes so that a reader of a file need not check UTF-8
/// first. `2024-6-5`, `+2024-06-05`, ` 2024-06-05`, `0000-01-01` and `2023-02-29` are
/// refused.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::parse_date;
///
/// assert_eq!(parse_date(b"2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
/// assert_eq!(parse_date(b"2023-02-29"), None);
/// assert_eq!(parse_date(b"2024-6-5"), None);
/// ```
#[must_use]
pub fn parse_date(text: &[u8]) -> Option<NaiveDate> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = text else {
        return None;
    };
    let digits = [y0, y1, y2, y3, m0, m1, d0, d1].map(|b| b.wrapping_sub(b'0'));
    if digits.iter().any(|&d| d > 9) {
        return None;
    }
    let [y0, y1, y2, y3, m0, m1, d0, d1] = digits.map(u16::from);
    let year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3;
    if year == 0 {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::from(year),
        u32::from(m0 * 10 + m1),
        u32::from(d0 * 10 + d1),
    )
}

/// The day number ([`NaiveDate::num_days_from_ce`]) of a date written exactly
/// `yyyy-mm-dd`: `parse_date(text).map(|d| d.num_days_from_ce())`, in plain arithmetic
/// for the loaders' hot loops. It refuses what [`parse_date`] refuses.
#[cfg(feature = "csv")]
pub(crate) fn parse_day(text: &[u8]) -> Option<i32> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = text else {
        return None;
    };
    let digits = [y0, y1, y2, y3, m0, m1, d0, d1].map(|b| b.wrapping_sub(b'0'));
    if digits.iter().any(|&d| d > 9) {
        return None;
    }
    let [y0, y1, y2, y3, m0, m1, d0, d1] = digits.map(i32::from);
    let year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3;
    let month = m0 * 10 + m1;
    let day = d0 * 10 + d1;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if year == 0 || day == 0 || day > days_in_month {
        return None;
    }
    // Days from 0000-03-01 (years counted from March, so the leap day ends a year), then
    // shifted so that 0001-01-01 is day 1.
    let y = if month <= 2 { year - 1 } else { year };
    let shifted = (month + 9) % 12;
    let day_of_year = (153 * shifted + 2) / 5 + day - 1;
    Some(y * 365 + y / 4 - y / 100 + y / 400 + day_of_year - 305)
}

/// Why a text is not a date: the message every loader gives, with the value quoted
/// (bounded).
pub(crate) fn date_problem(text: &str) -> String {
    date_sentence(text, crate::Lang::En)
}

/// Why a text is not a date, in `lang`.
pub(crate) fn date_sentence(text: &str, lang: crate::Lang) -> String {
    if lang == crate::Lang::Vi {
        return match date_shape(text) {
            DateShape::YearZero => format!(
                "ngày {} không hợp lệ: ngoài khoảng hỗ trợ từ `0001-01-01` đến `9999-12-31`",
                quote(text)
            ),
            DateShape::NoSuchDay => format!("ngày {} không tồn tại", quote(text)),
            DateShape::Malformed => format!(
                "ngày {} không hợp lệ: cần viết theo dạng `yyyy-mm-dd`",
                quote(text)
            ),
        };
    }
    match date_shape(text) {
        DateShape::YearZero => format!(
            "invalid date {}: outside the supported range `0001-01-01`..`9999-12-31`",
            quote(text)
        ),
        DateShape::NoSuchDay => format!("invalid date {}: no such day", quote(text)),
        DateShape::Malformed => format!("invalid date {}: expected `yyyy-mm-dd`", quote(text)),
    }
}

/// What is wrong with a text that is not a date.
enum DateShape {
    /// `yyyy-mm-dd` in the year 0.
    YearZero,
    /// `yyyy-mm-dd`, but no such day.
    NoSuchDay,
    /// Not `yyyy-mm-dd`.
    Malformed,
}

fn date_shape(text: &str) -> DateShape {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if shape_ok && text.starts_with("0000-") {
        DateShape::YearZero
    } else if shape_ok {
        DateShape::NoSuchDay
    } else {
        DateShape::Malformed
    }
}

/// The Vietnamese opening of a loader's error: what could not be read (`văn bản`), its
/// format, the file, the line and column, and the path of the value at fault.
pub(crate) fn load_place_vi(
    what: &str,
    format: &str,
    origin: Option<&str>,
    line: Option<usize>,
    column: Option<usize>,
    path: Option<&str>,
) -> String {
    let mut out = format!("{what} ({format}) không hợp lệ");
    if let Some(origin) = origin {
        let _ = write!(out, " trong tệp {}", quote(origin));
    }
    match (line, column) {
        (Some(line), Some(column)) => {
            let _ = write!(out, " tại dòng {line}, cột {column}");
        }
        (Some(line), None) => {
            let _ = write!(out, " tại dòng {line}");
        }
        _ => {}
    }
    if let Some(path) = path {
        let sep = if line.is_some() { ", " } else { " tại " };
        let _ = write!(out, "{sep}{}", quote(path));
    }
    out
}

/// A parser's message (serde's, or one of this crate's value parsers passed through
/// serde) in Vietnamese when its shape is one of the known ones: an unknown or missing
/// field, a wrong type, an unknown name, a bad date. Any other message is kept as it is.
pub(crate) fn parser_message_vi(message: &str) -> String {
    let after = |prefix: &str| message.strip_prefix(prefix);
    if let Some(rest) = after("unknown field ") {
        if let Some((name, expected)) = rest.split_once(", expected one of ") {
            return format!("không có trường {name}: các trường hợp lệ là {expected}");
        }
        if let Some((name, expected)) = rest.split_once(", expected ") {
            return format!("không có trường {name}: trường hợp lệ là {expected}");
        }
        if let Some((name, _)) = rest.split_once(", there are no fields") {
            return format!("không có trường {name}: ở đây không có trường nào");
        }
    }
    if let Some(rest) = after("unknown variant ") {
        if let Some((name, expected)) = rest.split_once(", expected one of ") {
            return format!("không có giá trị {name}: các giá trị hợp lệ là {expected}");
        }
        if let Some((name, expected)) = rest.split_once(", expected ") {
            return format!("không có giá trị {name}: giá trị hợp lệ là {expected}");
        }
    }
    if let Some(rest) = after("unknown regime preset ")
        && let Some((name, expected)) = rest.split_once(": expected one of ")
    {
        return format!("không có chế độ báo cáo mẫu {name}: các chế độ hợp lệ là {expected}");
    }
    if let Some(rest) = after("cannot parse term `")
        && let Some((input, _)) = rest.split_once("`: expected a count and a unit")
    {
        return crate::calendar::CalendarError::TermParse {
            input: input.to_owned(),
        }
        .sentence(crate::Lang::Vi);
    }
    if let Some(name) = after("missing field ") {
        return format!("thiếu trường {name}");
    }
    if let Some(rest) = after("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return format!("sai kiểu dữ liệu: gặp {found}, cần {expected}");
    }
    if let Some(rest) = after("invalid period `")
        && let Some((value, _)) = rest.split_once('`')
        && let Err(error) = value.parse::<crate::period::Period>()
    {
        return error.sentence(crate::Lang::Vi);
    }
    if let Some(rest) = after("invalid date ") {
        let value = rest.split_once(": ").map_or(rest, |(value, _)| value);
        if let Some(value) = value.strip_prefix('`').and_then(|v| v.strip_suffix('`')) {
            return date_sentence(value, crate::Lang::Vi);
        }
    }
    message.to_owned()
}

/// The longest user value, in bytes, that an error message quotes in full.
pub(crate) const QUOTE_LIMIT: usize = 80;

/// A user value in backticks for an error message, cut to [`QUOTE_LIMIT`] bytes (at a
/// character boundary) with the number of bytes left out, so that a huge input never
/// gives a huge message.
pub(crate) fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len().min(QUOTE_LIMIT) + 32);
    out.push('`');
    out.push_str(cut(value));
    out.push('`');
    if value.len() > QUOTE_LIMIT {
        let _ = write!(out, " (… {} more bytes)", value.len() - cut(value).len());
    }
    out
}

/// Names in backticks as a list of alternatives: `` `a`, `b` or `c` `` (with `or` the
/// word of the language: `or`, `hoặc`).
#[cfg(feature = "serde")]
pub(crate) fn alternatives<'a>(names: impl IntoIterator<Item = &'a str>, or: &str) -> String {
    let names: Vec<String> = names.into_iter().map(|n| format!("`{n}`")).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {or} {last}", rest.join(", ")),
    }
}

/// The first [`QUOTE_LIMIT`] bytes of a value, cut at a character boundary.
fn cut(value: &str) -> &str {
    if value.len() <= QUOTE_LIMIT {
        return value;
    }
    let mut end = QUOTE_LIMIT;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    value.get(..end).unwrap_or_default()
}

/// A message from a parser, cut to a bound: a parser quotes the values it refuses, and
/// a huge value must not give a huge message.
#[cfg(any(feature = "serde", feature = "csv"))]
pub(crate) fn bound_message(message: &str) -> String {
    const LIMIT: usize = 4 * QUOTE_LIMIT;
    if message.len() <= LIMIT {
        return message.to_owned();
    }
    let mut end = LIMIT;
    while !message.is_char_boundary(end) {
        end -= 1;
    }
    format!(
        "{} (… {} more bytes)",
        message.get(..end).unwrap_or_default(),
        message.len() - end
    )
}

/// The name under which the `toml` crate hands a TOML date-time to a deserializer (as a
/// one-entry map); it is part of that crate's stable data model.
#[cfg(feature = "serde")]
const TOML_DATETIME: &str = "$__toml_private_datetime";

/// Deserializes a string, and tells an unquoted TOML date apart from other wrong types
/// (the `toml` crate presents `issued = 2026-01-15` as a map, which would otherwise be
/// reported as "invalid type: map").
#[cfg(feature = "serde")]
pub(crate) fn string<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    expecting: &'static str,
) -> Result<std::borrow::Cow<'de, str>, D::Error> {
    struct Visitor(&'static str);

    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = std::borrow::Cow<'de, str>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }

        fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(std::borrow::Cow::Borrowed(v))
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(std::borrow::Cow::Owned(v.to_owned()))
        }

        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(std::borrow::Cow::Owned(v))
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            use serde::de::Error as _;
            let key: Option<std::borrow::Cow<'de, str>> = map.next_key()?;
            if key.as_deref() == Some(TOML_DATETIME) {
                let value: String = map.next_value()?;
                return Err(A::Error::custom(format_args!(
                    "unquoted date {}: write it as a string, `\"{}\"`",
                    quote(&value),
                    cut(&value)
                )));
            }
            Err(A::Error::invalid_type(serde::de::Unexpected::Map, &self))
        }
    }

    deserializer.deserialize_any(Visitor(expecting))
}

/// Deserializes a date written exactly `yyyy-mm-dd` (chrono's own deserializer also takes
/// `2025-1-10`), with the one message every loader gives.
#[cfg(feature = "serde")]
pub(crate) fn deserialize_date<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<NaiveDate, D::Error> {
    let text = string(deserializer, "a date written `yyyy-mm-dd`")?;
    strict_date(&text).ok_or_else(|| serde::de::Error::custom(date_problem(&text)))
}

/// A date written `yyyy-mm-dd`, through the crate's one strict parser.
#[cfg(feature = "serde")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Day(pub(crate) NaiveDate);

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Day, D::Error> {
        deserialize_date(deserializer).map(Day)
    }
}

/// [`deserialize_date`] for an optional field.
#[cfg(feature = "serde")]
pub(crate) fn deserialize_optional_date<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    deserialize_date(deserializer).map(Some)
}

/// Deserializes a string, stored in Unicode normalization form C.
#[cfg(feature = "serde")]
pub(crate) fn deserialize_nfc<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    string(deserializer, "a string").map(|text| nfc(text.into_owned()))
}

/// Deserializes a text that must say something (a name, a named issuer), stored NFC; an
/// empty or blank text is refused where it stands, so the error names its path.
#[cfg(feature = "serde")]
pub(crate) fn deserialize_required_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    let text = deserialize_nfc(deserializer)?;
    if is_blank(&text) {
        return Err(serde::de::Error::custom("empty or blank text"));
    }
    Ok(text)
}

/// Deserializes an optional text whose empty value means "not given" (a title), stored
/// NFC; a text of whitespace only is refused where it stands.
#[cfg(feature = "serde")]
pub(crate) fn deserialize_optional_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    let text = deserialize_nfc(deserializer)?;
    if !text.is_empty() && is_blank(&text) {
        return Err(serde::de::Error::custom(
            "blank text: give a text or leave the field out",
        ));
    }
    Ok(text)
}

/// [`deserialize_required_text`] for an optional field.
#[cfg(feature = "serde")]
pub(crate) fn deserialize_optional_required_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    deserialize_required_text(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_parser_reads_every_day_chrono_writes_and_nothing_else() {
        // Every day of years around the edges and of a leap century, written as chrono
        // writes it, reads back; every day number 0..=39 in every month 0..=13 reads only
        // where chrono has the day.
        for year in [1, 2, 1900, 2000, 2023, 2024, 9999] {
            for month in 0..=13 {
                for day in 0..=39 {
                    let text = format!("{year:04}-{month:02}-{day:02}");
                    assert_eq!(
                        parse_date(text.as_bytes()),
                        NaiveDate::from_ymd_opt(year, month, day),
                        "{text}"
                    );
                }
            }
        }
        for text in [
            &b"0000-01-01"[..],
            b"2024-01-1",
            b"2024-01-011",
            b"2024-0a-01",
            b"2024_01-01",
            b"2024-01:01",
            b"/024-01-01",
            b":024-01-01",
            b"2024-01-0\xff",
            b"",
        ] {
            assert_eq!(parse_date(text), None, "{text:?}");
        }
    }

    #[test]
    #[cfg(feature = "serde")]
    fn dates_have_one_spelling() {
        assert_eq!(
            strict_date("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        for text in [
            "2024-2-29",
            "+2024-02-29",
            " 2024-02-29",
            "2023-02-29",
            "２０２４-02-29",
        ] {
            assert_eq!(strict_date(text), None, "{text:?}");
        }
        assert_eq!(
            date_problem("2023-02-29"),
            "invalid date `2023-02-29`: no such day"
        );
        assert_eq!(
            date_problem("0000-01-01"),
            "invalid date `0000-01-01`: outside the supported range `0001-01-01`..`9999-12-31`"
        );
        assert_eq!(strict_date("0000-01-01"), None);
        assert_eq!(strict_date("0001-01-01"), Some(FIRST_DATE));
        assert_eq!(strict_date("9999-12-31"), Some(LAST_DATE));
        assert!(!in_range(NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap()));
        assert_eq!(
            date_problem("2023-2-1"),
            "invalid date `2023-2-1`: expected `yyyy-mm-dd`"
        );
    }

    #[test]
    fn quotes_are_bounded() {
        assert_eq!(quote("TH-TU"), "`TH-TU`");
        let long = "ệ".repeat(1_000_000);
        let quoted = quote(&long);
        assert!(quoted.len() < QUOTE_LIMIT + 40, "{quoted}");
        assert!(quoted.ends_with(" (… 2999922 more bytes)"), "{quoted}");
    }

    #[test]
    #[cfg(feature = "serde")]
    fn messages_are_bounded() {
        let long = "ệ".repeat(1_000_000);
        let message = bound_message(&long);
        assert!(message.len() < 4 * QUOTE_LIMIT + 40);
        assert_eq!(bound_message("short"), "short");
    }

    #[test]
    fn nfc_composes_and_keeps_composed_text() {
        assert_eq!(nfc("Thanh Hoa\u{301}".to_owned()), "Thanh Hoá");
        assert_eq!(nfc("Thanh Hoá".to_owned()), "Thanh Hoá");
        // One check for both forms: borrowed when already NFC, composed otherwise.
        assert!(matches!(nfc_str("1470-CV/TU"), Cow::Borrowed(_)));
        assert!(matches!(nfc_str("Đ/QĐ-TU"), Cow::Borrowed(_)));
        assert!(matches!(nfc_str("Thanh Hoá"), Cow::Borrowed(_)));
        assert_eq!(nfc_str("Thanh Hoa\u{301}"), "Thanh Hoá");
        assert!(matches!(nfc_str("Đa\u{301}"), Cow::Owned(ref s) if s == "Đá"));
        assert!(is_blank(" \t\u{3000}"));
        assert!(!is_blank(" a "));
    }
}
