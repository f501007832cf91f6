//! Turning stored values into what a Dutch reader expects.

use leptos::prelude::*;

const MONTHS: [&str; 12] = [
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
