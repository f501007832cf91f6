//! Turning stored values into what a Dutch reader expects.

use leptos::prelude::*;

pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// `2026-03-05` → `5 maart 2026`; anything else is shown as it is.
pub fn dutch_date(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    match (
        y.parse::<u32>(),
        m.parse::<usize>(),
        d.get(..2).unwrap_or(d).parse::<u32>(),
    ) {
        (Ok(year), Ok(month @ 1..=12), Ok(day @ 1..=31)) => {
            format!("{day} {} {year}", MONTHS[month - 1])
        }
        _ => iso.to_string(),
    }
}

/// Plain text with blank lines between paragraphs, as `<p>` elements.
/// (Markdown rendering with sanitising arrives with the editing framework.)
pub fn paragraphs(text: &str) -> impl IntoView {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p>{p.to_string()}</p> })
        .collect_view()
}

/// Percent-encodes a query value for a URL (enough for `?q=`).
pub fn encode_query_value(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// `path?name=value&…` with the non-empty values percent-encoded (`path` alone if none).
pub fn query_url(path: &str, pairs: &[(&str, &str)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
        .collect();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dates_in_dutch() {
        assert_eq!(dutch_date("2026-03-05"), "5 maart 2026");
        assert_eq!(dutch_date("2025-12-31"), "31 december 2025");
        assert_eq!(dutch_date("2025-13-01"), "2025-13-01");
        assert_eq!(dutch_date("morgen"), "morgen");
    }
}

/// The civil date (year, month 1–12, day 1–31) of a day counted from 1970-01-01
/// (Howard Hinnant's `civil_from_days`; proleptic Gregorian, any sign).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}
