//! The words of a report in Vietnamese and English, and how numbers and dates are written.

use chrono::NaiveDate;

use crate::Lang;
use crate::compliance::{Grade, Status};

/// The fixed labels of a report, chosen by language.
pub(crate) struct Labels {
    pub(crate) title: &'static str,
    pub(crate) as_of: &'static str,
    pub(crate) directives: &'static str,
    pub(crate) detail: &'static str,
    pub(crate) filter: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) total: &'static str,
    pub(crate) done: &'static str,
    pub(crate) open: &'static str,
    pub(crate) on_time: &'static str,
    pub(crate) late: &'static str,
    pub(crate) within_deadline: &'static str,
    pub(crate) overdue: &'static str,
    pub(crate) waived: &'static str,
    pub(crate) not_applicable: &'static str,
    pub(crate) on_time_rate: &'static str,
    pub(crate) done_rate: &'static str,
    pub(crate) bodies: &'static str,
    pub(crate) code: &'static str,
    pub(crate) name: &'static str,
    pub(crate) index: &'static str,
    pub(crate) grade: &'static str,
    pub(crate) rank: &'static str,
    pub(crate) change: &'static str,
    pub(crate) new_body: &'static str,
    pub(crate) heatmap: &'static str,
    pub(crate) body: &'static str,
    pub(crate) period: &'static str,
    pub(crate) legend: &'static str,
    pub(crate) exceptions: &'static str,
    pub(crate) obligation: &'static str,
    pub(crate) status: &'static str,
    pub(crate) due: &'static str,
    pub(crate) deadline: &'static str,
    pub(crate) decided_on: &'static str,
    pub(crate) days_late: &'static str,
    pub(crate) working_days_late: &'static str,
    pub(crate) rule: &'static str,
    pub(crate) provision: &'static str,
    pub(crate) explanation: &'static str,
    pub(crate) why: &'static str,
    pub(crate) omitted: &'static str,
    pub(crate) diagnostics: &'static str,
    pub(crate) none: &'static str,
    pub(crate) count: &'static str,
    pub(crate) cell_total: &'static str,
    pub(crate) grading: &'static str,
    pub(crate) criteria: &'static str,
    pub(crate) verdict: &'static str,
    pub(crate) measure: &'static str,
    pub(crate) requirement: &'static str,
    pub(crate) groups_violated: &'static str,
    pub(crate) required: &'static str,
    pub(crate) obligations: &'static str,
}

const VI: Labels = Labels {
    title: "Báo cáo tình hình thực hiện nhiệm vụ",
    as_of: "Tính đến ngày",
    directives: "Văn bản",
    detail: "Mức chi tiết",
    filter: "Bộ lọc",
    summary: "Tổng hợp",
    total: "Tổng số nhiệm vụ",
    done: "Đã hoàn thành",
    open: "Chưa hoàn thành",
    on_time: "Đúng hạn",
    late: "Quá hạn",
    within_deadline: "Trong hạn",
    overdue: "Quá hạn",
    waived: "Được miễn",
    not_applicable: "Không áp dụng",
    on_time_rate: "Tỷ lệ đúng hạn",
    done_rate: "Tỷ lệ hoàn thành",
    bodies: "Theo cơ quan, đơn vị",
    code: "Mã",
    name: "Tên",
    index: "Chỉ số",
    grade: "Xếp loại",
    rank: "Thứ hạng",
    change: "Thay đổi",
    new_body: "mới",
    heatmap: "Bản đồ nhiệt: cơ quan × kỳ báo cáo",
    body: "Cơ quan",
    period: "Kỳ",
    legend: "Chú giải",
    exceptions: "Các trường hợp cần lưu ý",
    obligation: "Nghĩa vụ",
    status: "Tình trạng",
    due: "Hạn",
    deadline: "Hạn chót",
    decided_on: "Ngày thực hiện",
    days_late: "Số ngày chậm",
    working_days_late: "Số ngày làm việc chậm",
    rule: "Quy tắc",
    provision: "Căn cứ",
    explanation: "Giải thích",
    why: "Vì sao",
    omitted: "không liệt kê ở mức chi tiết này",
    diagnostics: "Ghi chú về dữ liệu",
    none: "không có",
    count: "Số lượng",
    cell_total: "Tổng trong ô",
    grading: "Cách xếp loại",
    criteria: "Tiêu chí",
    verdict: "Kết luận",
    measure: "Đại lượng",
    requirement: "Yêu cầu",
    groups_violated: "Nhóm vi phạm / số nhóm",
    required: "yêu cầu",
    obligations: "nghĩa vụ",
};

const EN: Labels = Labels {
    title: "Report on the performance of tasks",
    as_of: "As of",
    directives: "Directives",
    detail: "Detail",
    filter: "Filter",
    summary: "Summary",
    total: "Total tasks",
    done: "Done",
    open: "Not done",
    on_time: "On time",
    late: "Late",
    within_deadline: "Within deadline",
    overdue: "Overdue",
    waived: "Waived",
    not_applicable: "Not applicable",
    on_time_rate: "On-time rate",
    done_rate: "Done rate",
    bodies: "By body",
    code: "Code",
    name: "Name",
    index: "Index",
    grade: "Grade",
    rank: "Rank",
    change: "Change",
    new_body: "new",
    heatmap: "Heatmap: bodies × periods",
    body: "Body",
    period: "Period",
    legend: "Legend",
    exceptions: "Exceptions",
    obligation: "Obligation",
    status: "Status",
    due: "Due",
    deadline: "Deadline",
    decided_on: "Done on",
    days_late: "Days late",
    working_days_late: "Working days late",
    rule: "Rule",
    provision: "Provision",
    explanation: "Explanation",
    why: "Why",
    omitted: "not listed at this level of detail",
    diagnostics: "Notes on the data",
    none: "none",
    count: "Count",
    cell_total: "Total in the cell",
    grading: "Grading",
    criteria: "Criteria",
    verdict: "Verdict",
    measure: "Measure",
    requirement: "Requirement",
    groups_violated: "Groups violated / judged",
    required: "required",
    obligations: "obligations",
};

/// The labels in a language.
pub(crate) fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// A status's label in a language.
pub(crate) fn status(status: Status, lang: Lang) -> &'static str {
    status.label(lang)
}

/// A grade's label in a language.
pub(crate) fn grade(grade: Grade, lang: Lang) -> &'static str {
    grade.label(lang)
}

/// The glyph that marks a status, so that the heatmap reads without colour.
pub(crate) const fn glyph(status: Status) -> &'static str {
    match status {
        Status::DoneOnTime => "✓",
        Status::DoneLate => "◑",
        Status::OpenWithinDeadline => "○",
        Status::OpenOverdue => "✗",
        Status::Waived => "⊘",
        Status::NotApplicable => "–",
    }
}

/// A short class name for a status (HTML).
pub(crate) const fn class(status: Status) -> &'static str {
    match status {
        Status::DoneOnTime => "ok",
        Status::DoneLate => "lt",
        Status::OpenWithinDeadline => "op",
        Status::OpenOverdue => "ov",
        Status::Waived => "wv",
        Status::NotApplicable => "na",
    }
}

/// A date as people read it: `dd/mm/yyyy` in Vietnamese, ISO 8601 in English.
pub(crate) fn date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => date.format("%d/%m/%Y").to_string(),
        Lang::En => date.format("%Y-%m-%d").to_string(),
    }
}

/// A share as a percentage with one decimal (a decimal comma in Vietnamese), or `–`.
pub(crate) fn percent(share: Option<f64>, lang: Lang) -> String {
    match share {
        None => "–".to_owned(),
        Some(share) => {
            let text = format!("{:.1}%", share * 100.0);
            match lang {
                Lang::Vi => text.replace('.', ","),
                Lang::En => text,
            }
        }
    }
}

/// A change in percentage points, signed, or empty.
pub(crate) fn points(change: Option<f64>, lang: Lang) -> String {
    match change {
        None => String::new(),
        Some(change) => {
            let text = format!("{:+.1} {}", change * 100.0, lang.pick("điểm %", "pts"));
            match lang {
                Lang::Vi => text.replace('.', ","),
                Lang::En => text,
            }
        }
    }
}

/// A number with one decimal (a decimal comma in Vietnamese), or `–`.
pub(crate) fn decimal(value: Option<f64>, lang: Lang) -> String {
    match value {
        None => "–".to_owned(),
        Some(value) => {
            let text = format!("{value:.1}");
            match lang {
                Lang::Vi => text.replace('.', ","),
                Lang::En => text,
            }
        }
    }
}

/// The formula of the rates, stated in a language.
pub(crate) fn formula(lang: Lang) -> &'static str {
    lang.pick(
        "Tỷ lệ đúng hạn = đã hoàn thành đúng hạn ÷ (đã hoàn thành đúng hạn + đã hoàn thành quá hạn + chưa hoàn thành quá hạn); \
         tỷ lệ hoàn thành = (đã hoàn thành đúng hạn + đã hoàn thành quá hạn) ÷ cùng mẫu số; \
         nhiệm vụ chưa đến hạn, được miễn hoặc không áp dụng không tính vào mẫu số",
        "on-time rate = done on time ÷ (done on time + done late + open and overdue); \
         done rate = (done on time + done late) ÷ the same denominator; \
         obligations not yet due, waived or not applicable are not in the denominator",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_follow_the_language() {
        let day = NaiveDate::from_ymd_opt(2025, 7, 5).unwrap_or_default();
        assert_eq!(date(day, Lang::Vi), "05/07/2025");
        assert_eq!(date(day, Lang::En), "2025-07-05");
        assert_eq!(percent(Some(0.765), Lang::Vi), "76,5%");
        assert_eq!(percent(Some(0.765), Lang::En), "76.5%");
        assert_eq!(percent(None, Lang::En), "–");
        assert_eq!(points(Some(-0.05), Lang::En), "-5.0 pts");
    }
}
