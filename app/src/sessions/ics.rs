//! iCalendar (RFC 5545) output for Kernpunt sessions.
//!
//! Produces a complete `VCALENDAR` for one session (download or mail
//! attachment) or for a subscribable feed of many sessions. Every calendar
//! carries exactly one `VTIMEZONE` for Europe/Amsterdam, event times are
//! written as local wall-clock times with `TZID=Europe/Amsterdam`, TEXT
//! values are escaped, lines end with CRLF and are folded at 75 octets
//! without ever splitting a UTF-8 character.
//!
//! Only `std` is used; nothing in this module panics on bad input.

/// Time zone identifier used for every `DTSTART`/`DTEND`.
const TZID: &str = "Europe/Amsterdam";

/// Product identifier written to `PRODID`.
const PRODID: &str = "-//Kernpunt//Vitale Kerngebieden//NL";

/// Maximum length of one physical line in octets, excluding CRLF.
const MAX_OCTETS: usize = 75;

/// The Europe/Amsterdam definition: CEST (+0200) from the last Sunday of
/// March 02:00, CET (+0100) from the last Sunday of October 03:00.
/// 1970-03-29 and 1970-10-25 are the last Sundays of those months.
const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Amsterdam",
    "X-LIC-LOCATION:Europe/Amsterdam",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// One event. Times are local wall-clock times in Europe/Amsterdam:
/// `"YYYY-MM-DDTHH:MM"` (as stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event<'a> {
    /// Stable unique identifier, e.g. `"sessie-42@kernpunt"`. Must never
    /// change for the same session, so calendars update instead of duplicate.
    pub uid: &'a str,
    /// Revision number, raised on every change so calendars pick it up.
    pub sequence: i64,
    /// Local start time in Europe/Amsterdam, e.g. `"2026-12-10T19:30"`.
    pub start: &'a str,
    /// Local end time in Europe/Amsterdam, same shape as `start`.
    pub end: &'a str,
    /// Title of the session.
    pub summary: &'a str,
    /// Plain text; may contain newlines, commas, semicolons and backslashes.
    pub description: &'a str,
    /// Optional location (address, room or "Online").
    pub location: Option<&'a str>,
    /// Optional URL, e.g. the session page.
    pub url: Option<&'a str>,
    /// Whether the session has been cancelled (`STATUS:CANCELLED`).
    pub cancelled: bool,
    /// Last change in UTC, `"YYYY-MM-DDTHH:MM:SSZ"`; source of `DTSTAMP`
    /// and `LAST-MODIFIED`.
    pub updated: &'a str,
}

/// Builds a whole `VCALENDAR` with one `VTIMEZONE` for Europe/Amsterdam.
///
/// Header: `PRODID:-//Kernpunt//Vitale Kerngebieden//NL`, `VERSION:2.0`,
/// `CALSCALE:GREGORIAN`, `METHOD:PUBLISH` (or `METHOD:CANCEL` when
/// `method_cancel` is true — used for the mail to attendees when a single
/// session is cancelled), `X-WR-CALNAME` = `name`, then the events.
///
/// Each event gets `UID`, `SEQUENCE`, `DTSTAMP` and `LAST-MODIFIED` (UTC from
/// `updated`), `DTSTART;TZID=Europe/Amsterdam:…` and `DTEND;TZID=…`,
/// `SUMMARY`, `DESCRIPTION`, optional `LOCATION` and `URL`, and
/// `STATUS:CONFIRMED` or `STATUS:CANCELLED`. With `method_cancel` every
/// included event is written as `STATUS:CANCELLED` (RFC 5546 requires this
/// for a CANCEL message), regardless of its `cancelled` flag.
///
/// Invalid events are **skipped silently** (never a panic): an event is left
/// out when its `uid` is empty/blank, when `start`, `end` or `updated` is not
/// a valid time string (see [`local_time`] and [`utc_stamp`]), or when `end`
/// lies before `start`. A calendar without (valid) events is still a valid
/// calendar: header plus `VTIMEZONE`, no `VEVENT`.
///
/// Output lines end with CRLF and are folded with [`fold_line`]; TEXT values
/// are escaped with [`escape_text`]. Control characters are removed from
/// the `URL` value.
pub fn calendar(name: &str, events: &[Event], method_cancel: bool) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".to_string(),
        format!("PRODID:{PRODID}"),
        "VERSION:2.0".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        format!(
            "METHOD:{}",
            if method_cancel { "CANCEL" } else { "PUBLISH" }
        ),
        format!("X-WR-CALNAME:{}", escape_text(name)),
        format!("X-WR-TIMEZONE:{TZID}"),
    ];
    lines.extend(VTIMEZONE.iter().map(|l| l.to_string()));
    for event in events {
        if let Some(event_lines) = event_lines(event, method_cancel) {
            lines.extend(event_lines);
        }
    }
    lines.push("END:VCALENDAR".to_string());

    let mut out = String::new();
    for line in &lines {
        out.push_str(&fold_line(line));
        out.push_str("\r\n");
    }
    out
}

/// A calendar of stored sessions: UIDs from their ids, absolute URLs to their pages.
#[cfg(feature = "ssr")]
pub fn for_entries(
    name: &str,
    entries: &[super::db::CalendarEntry],
    method_cancel: bool,
) -> String {
    // Owned strings the events borrow from.
    let extra: Vec<(String, String, String)> = entries
        .iter()
        .map(|e| {
            (
                format!("sessie-{}@kernpunt", e.id),
                format!("{}/sessies/{}", crate::mail::public_url(), e.slug),
                if e.online {
                    "Online".to_string()
                } else {
                    e.address.clone()
                },
            )
        })
        .collect();
    let events: Vec<Event> = entries
        .iter()
        .zip(&extra)
        .map(|(e, (uid, url, location))| Event {
            uid,
            sequence: e.sequence,
            start: &e.starts_at,
            end: &e.ends_at,
            summary: &e.title,
            description: &e.description,
            location: Some(location.as_str()),
            url: Some(url.as_str()),
            cancelled: e.cancelled,
            updated: &e.updated_at,
        })
        .collect();
    calendar(name, &events, method_cancel)
}

/// The unfolded content lines of one `VEVENT`, or `None` if it is invalid.
fn event_lines(event: &Event, method_cancel: bool) -> Option<Vec<String>> {
    if event.uid.trim().is_empty() {
        return None;
    }
    let start = local_time(event.start)?;
    let end = local_time(event.end)?;
    let stamp = utc_stamp(event.updated)?;
    // Same fixed-width shape, so string order equals chronological order.
    if end < start {
        return None;
    }
    let cancelled = event.cancelled || method_cancel;
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", escape_text(event.uid)),
        format!("SEQUENCE:{}", event.sequence.max(0)),
        format!("DTSTAMP:{stamp}"),
        format!("LAST-MODIFIED:{stamp}"),
        format!("DTSTART;TZID={TZID}:{start}"),
        format!("DTEND;TZID={TZID}:{end}"),
        format!("SUMMARY:{}", escape_text(event.summary)),
    ];
    if !event.description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", escape_text(event.description)));
    }
    if let Some(location) = event.location.filter(|l| !l.trim().is_empty()) {
        lines.push(format!("LOCATION:{}", escape_text(location)));
    }
    if let Some(url) = event.url {
        let clean: String = url.chars().filter(|c| !c.is_control()).collect();
        if !clean.trim().is_empty() {
            lines.push(format!("URL:{}", clean.trim()));
        }
    }
    lines.push(format!(
        "STATUS:{}",
        if cancelled { "CANCELLED" } else { "CONFIRMED" }
    ));
    lines.push("TRANSP:OPAQUE".to_string());
    lines.push("END:VEVENT".to_string());
    Some(lines)
}

/// Escapes a TEXT value (RFC 5545 3.3.11).
///
/// `\` becomes `\\`, `;` becomes `\;`, `,` becomes `\,`, and every line
/// break (`\r\n`, `\n` or a lone `\r`) becomes the two characters `\n`.
/// Other control characters (not allowed in TEXT), except horizontal tab,
/// are dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line (without CRLF) into CRLF-joined 75-octet pieces.
///
/// The first piece holds at most 75 octets; every continuation piece starts
/// with one space and holds at most 74 further octets, so no physical line
/// exceeds 75 octets. Breaks are only placed on UTF-8 character boundaries.
/// No trailing CRLF is added. Unfolding (removing every `"\r\n "`) restores
/// the input exactly. The input must not itself contain CR or LF (escape
/// TEXT values first).
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 74 * 3);
    let mut rest = line;
    let mut limit = MAX_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            return out;
        }
        let mut cut = limit;
        while cut > 0 && !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if cut == 0 {
            // Unreachable for valid UTF-8 (chars are ≤ 4 octets), but never loop forever.
            cut = rest
                .char_indices()
                .nth(1)
                .map(|(i, _)| i)
                .unwrap_or(rest.len());
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = MAX_OCTETS - 1;
    }
}

/// `"2026-12-10T19:30"` → `"20261210T193000"`; `None` if not that shape or
/// not a real date/time.
///
/// The month/day must exist (leap years included), hours are 00–23 and
/// minutes 00–59. Wall-clock times that fall in the spring-forward gap
/// (e.g. 02:30 on the last Sunday of March) are accepted as-is; calendar
/// clients resolve them with the `VTIMEZONE` rules.
pub fn local_time(value: &str) -> Option<String> {
    let b = value.as_bytes();
    if b.len() != 16 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    let (year, month, day) = parse_date(b)?;
    let hour = number(&b[11..13])?;
    let minute = number(&b[14..16])?;
    if hour > 23 || minute > 59 {
        return None;
    }
    Some(format!(
        "{year:04}{month:02}{day:02}T{hour:02}{minute:02}00"
    ))
}

/// `"2026-11-26T12:00:00Z"` → `"20261126T120000Z"`; `None` if invalid.
///
/// Requires exactly `YYYY-MM-DDTHH:MM:SSZ` with a real date, hours 00–23,
/// minutes and seconds 00–59.
pub fn utc_stamp(value: &str) -> Option<String> {
    let b = value.as_bytes();
    if b.len() != 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'Z'
    {
        return None;
    }
    let (year, month, day) = parse_date(b)?;
    let hour = number(&b[11..13])?;
    let minute = number(&b[14..16])?;
    let second = number(&b[17..19])?;
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    Some(format!(
        "{year:04}{month:02}{day:02}T{hour:02}{minute:02}{second:02}Z"
    ))
}

/// Parses and validates `YYYY-MM-DD` at the start of `b` (separators already checked).
fn parse_date(b: &[u8]) -> Option<(u32, u32, u32)> {
    let year = number(&b[0..4])?;
    let month = number(&b[5..7])?;
    let day = number(&b[8..10])?;
    if year == 0 || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some((year, month, day))
}

/// Parses a run of ASCII digits (no sign, no spaces).
fn number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        digits
            .iter()
            .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')),
    )
}

/// Number of days in `month` (1–12) of `year` in the Gregorian calendar.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample<'a>() -> Event<'a> {
        Event {
            uid: "sessie-42@kernpunt",
            sequence: 3,
            start: "2026-12-10T19:30",
            end: "2026-12-10T21:00",
            summary: "Thema-sessie: leegstand, winkels; en meer",
            description: "Welkom bij de sessie.\nAgenda: intro, casus; vragen\\antwoorden.",
            location: Some("Online (Teams)"),
            url: Some("https://kernpunt.nl/sessies/42"),
            cancelled: false,
            updated: "2026-11-26T12:00:00Z",
        }
    }

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    fn assert_well_formed(ics: &str) {
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "start: {ics}");
        assert!(ics.ends_with("END:VCALENDAR\r\n"), "end: {ics}");
        let bytes = ics.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                assert!(i > 0 && bytes[i - 1] == b'\r', "bare LF at {i}");
            }
            if b == b'\r' {
                assert!(bytes.get(i + 1) == Some(&b'\n'), "bare CR at {i}");
            }
        }
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "line too long ({}): {line:?}", line.len());
        }
        assert_eq!(
            ics.matches("BEGIN:VEVENT").count(),
            ics.matches("END:VEVENT").count()
        );
    }

    #[test]
    fn single_event_is_well_formed() {
        let ics = calendar("Kernpunt sessies", &[sample()], false);
        assert_well_formed(&ics);
        let u = unfold(&ics);
        assert!(u.contains("\r\nPRODID:-//Kernpunt//Vitale Kerngebieden//NL\r\n"));
        assert!(u.contains("\r\nVERSION:2.0\r\n"));
        assert!(u.contains("\r\nCALSCALE:GREGORIAN\r\n"));
        assert!(u.contains("\r\nMETHOD:PUBLISH\r\n"));
        assert!(u.contains("\r\nX-WR-CALNAME:Kernpunt sessies\r\n"));
        assert!(u.contains("\r\nUID:sessie-42@kernpunt\r\n"));
        assert!(u.contains("\r\nSEQUENCE:3\r\n"));
        assert!(u.contains("\r\nDTSTART;TZID=Europe/Amsterdam:20261210T193000\r\n"));
        assert!(u.contains("\r\nDTEND;TZID=Europe/Amsterdam:20261210T210000\r\n"));
        assert!(u.contains("\r\nDTSTAMP:20261126T120000Z\r\n"));
        assert!(u.contains("\r\nLAST-MODIFIED:20261126T120000Z\r\n"));
        assert!(u.contains("\r\nSUMMARY:Thema-sessie: leegstand\\, winkels\\; en meer\r\n"));
        assert!(u.contains(
            "\r\nDESCRIPTION:Welkom bij de sessie.\\nAgenda: intro\\, casus\\; vragen\\\\antwoorden.\r\n"
        ));
        assert!(u.contains("\r\nLOCATION:Online (Teams)\r\n"));
        assert!(u.contains("\r\nURL:https://kernpunt.nl/sessies/42\r\n"));
        assert!(u.contains("\r\nSTATUS:CONFIRMED\r\n"));
        assert!(!u.contains("STATUS:CANCELLED"));
        assert_eq!(u.matches("BEGIN:VEVENT").count(), 1);
    }

    #[test]
    fn vtimezone_rules_present() {
        let u = unfold(&calendar("x", &[sample()], false));
        assert!(u.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n"));
        assert!(u.contains(
            "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT"
        ));
        assert!(u.contains(
            "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD"
        ));
        // VTIMEZONE comes before the first VEVENT.
        assert!(u.find("END:VTIMEZONE").unwrap() < u.find("BEGIN:VEVENT").unwrap());
    }

    #[test]
    fn vtimezone_once_with_several_events() {
        let mut b = sample();
        b.uid = "sessie-43@kernpunt";
        b.start = "2027-01-14T19:30";
        b.end = "2027-01-14T21:00";
        let mut c = sample();
        c.uid = "sessie-44@kernpunt";
        c.start = "2027-07-08T10:00";
        c.end = "2027-07-08T12:00";
        let ics = calendar("Feed", &[sample(), b, c], false);
        assert_well_formed(&ics);
        assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 1);
        assert_eq!(ics.matches("END:VTIMEZONE").count(), 1);
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
        for uid in [
            "sessie-42@kernpunt",
            "sessie-43@kernpunt",
            "sessie-44@kernpunt",
        ] {
            assert!(ics.contains(&format!("\r\nUID:{uid}\r\n")));
        }
        assert!(ics.contains("DTSTART;TZID=Europe/Amsterdam:20270708T100000"));
    }

    #[test]
    fn stable_uid_and_deterministic_output() {
        let a = calendar("Feed", &[sample()], false);
        let b = calendar("Feed", &[sample()], false);
        assert_eq!(a, b);
        assert_eq!(a.matches("UID:sessie-42@kernpunt\r\n").count(), 1);
    }

    #[test]
    fn cancelled_event_and_method_cancel() {
        let mut e = sample();
        e.cancelled = true;
        e.sequence = 4;
        let feed = calendar("Feed", &[e], false);
        assert_well_formed(&feed);
        assert!(feed.contains("\r\nMETHOD:PUBLISH\r\n"));
        assert!(feed.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert!(feed.contains("\r\nSEQUENCE:4\r\n"));
        assert!(!feed.contains("STATUS:CONFIRMED"));

        let mail = calendar("Afgelast", &[e], true);
        assert_well_formed(&mail);
        assert!(mail.contains("\r\nMETHOD:CANCEL\r\n"));
        assert!(!mail.contains("METHOD:PUBLISH"));
        assert!(mail.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert!(mail.contains("\r\nUID:sessie-42@kernpunt\r\n"));

        // A CANCEL message always marks its events cancelled.
        let forced = calendar("Afgelast", &[sample()], true);
        assert!(forced.contains("\r\nSTATUS:CANCELLED\r\n"));
    }

    #[test]
    fn invalid_events_are_skipped() {
        let mut bad_start = sample();
        bad_start.uid = "bad-start@kernpunt";
        bad_start.start = "2026-02-30T19:30";
        let mut garbage = sample();
        garbage.uid = "garbage@kernpunt";
        garbage.start = "morgen";
        let mut bad_end = sample();
        bad_end.uid = "bad-end@kernpunt";
        bad_end.end = "2026-12-10T24:00";
        let mut bad_updated = sample();
        bad_updated.uid = "bad-updated@kernpunt";
        bad_updated.updated = "2026-11-26 12:00";
        let mut reversed = sample();
        reversed.uid = "reversed@kernpunt";
        reversed.end = "2026-12-10T18:00";
        let mut no_uid = sample();
        no_uid.uid = "  ";

        let ics = calendar(
            "Feed",
            &[
                bad_start,
                garbage,
                sample(),
                bad_end,
                bad_updated,
                reversed,
                no_uid,
            ],
            false,
        );
        assert_well_formed(&ics);
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
        assert!(ics.contains("UID:sessie-42@kernpunt"));
        for uid in ["bad-start", "garbage", "bad-end", "bad-updated", "reversed"] {
            assert!(!ics.contains(uid), "{uid} should be skipped");
        }
    }

    #[test]
    fn empty_feed_is_valid() {
        let ics = calendar("Lege agenda", &[], false);
        assert_well_formed(&ics);
        assert!(ics.contains("\r\nBEGIN:VTIMEZONE\r\n"));
        assert!(ics.contains("\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n"));
        assert!(!ics.contains("VEVENT"));
        assert!(ics.contains("\r\nX-WR-CALNAME:Lege agenda\r\n"));
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_text("a,b;c\\d"), "a\\,b\\;c\\\\d");
        assert_eq!(escape_text("regel 1\nregel 2"), "regel 1\\nregel 2");
        assert_eq!(escape_text("a\r\nb\rc"), "a\\nb\\nc");
        assert_eq!(escape_text("tab\there\u{7}"), "tab\there");
        assert_eq!(escape_text("café €5"), "café €5");
        assert_eq!(escape_text(""), "");
        // Escaped text never contains raw line breaks.
        assert!(!escape_text("x\n\r\n\ry").contains(['\r', '\n']));
    }

    #[test]
    fn folding_multibyte_never_splits_and_unfolds() {
        let description =
            "Café-overleg over de kern: €€€ voor één plein, daarna ééntje drinken. ".repeat(6);
        let line = format!("DESCRIPTION:{}", escape_text(&description));
        let folded = fold_line(&line);
        assert!(folded.contains("\r\n "));
        // Each piece is valid UTF-8 on its own and at most 75 octets.
        for piece in folded.split("\r\n") {
            assert!(piece.len() <= 75, "{} octets: {piece:?}", piece.len());
            assert!(std::str::from_utf8(piece.as_bytes()).is_ok());
        }
        for (i, piece) in folded.split("\r\n").enumerate() {
            assert_eq!(i > 0, piece.starts_with(' '));
        }
        assert_eq!(unfold(&folded), line);

        // Forced boundaries: a 3-octet char straddling octet 75.
        for pad in 70..80 {
            let l = format!("{}{}", "x".repeat(pad), "€é".repeat(40));
            let f = fold_line(&l);
            for piece in f.split("\r\n") {
                assert!(piece.len() <= 75);
            }
            assert_eq!(unfold(&f), l);
        }

        // Via the whole calendar.
        let mut e = sample();
        e.description = &description;
        let ics = calendar("Feed", &[e], false);
        assert_well_formed(&ics);
        assert!(unfold(&ics).contains(&line));
    }

    #[test]
    fn folding_edges() {
        assert_eq!(fold_line(""), "");
        let exact = "a".repeat(75);
        assert_eq!(fold_line(&exact), exact);
        let over = "a".repeat(76);
        assert_eq!(fold_line(&over), format!("{}\r\n a", "a".repeat(75)));
        let long = "b".repeat(75 + 74 + 1);
        let f = fold_line(&long);
        let pieces: Vec<&str> = f.split("\r\n").collect();
        assert_eq!(pieces.len(), 3);
        assert!(pieces.iter().all(|p| p.len() == 75 || p.len() == 2));
        let emoji = "🎉".repeat(50);
        assert_eq!(unfold(&fold_line(&emoji)), emoji);
    }

    #[test]
    fn local_time_parsing() {
        assert_eq!(
            local_time("2026-12-10T19:30").as_deref(),
            Some("20261210T193000")
        );
        assert_eq!(
            local_time("2028-02-29T00:00").as_deref(),
            Some("20280229T000000")
        );
        assert_eq!(
            local_time("2000-02-29T23:59").as_deref(),
            Some("20000229T235900")
        );
        for bad in [
            "",
            "2026-12-10",
            "2026-12-10 19:30",
            "2026-12-10T19:30:00",
            "2026-13-10T19:30",
            "2026-00-10T19:30",
            "2026-04-31T19:30",
            "2026-02-29T10:00",
            "1900-02-29T10:00",
            "2026-12-10T24:00",
            "2026-12-10T19:60",
            "2026-12-1xT19:30",
            "+026-12-10T19:30",
            "2026-12-10T19:3é",
            "0000-01-01T00:00",
        ] {
            assert_eq!(local_time(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn utc_stamp_parsing() {
        assert_eq!(
            utc_stamp("2026-11-26T12:00:00Z").as_deref(),
            Some("20261126T120000Z")
        );
        assert_eq!(
            utc_stamp("2024-02-29T23:59:59Z").as_deref(),
            Some("20240229T235959Z")
        );
        for bad in [
            "",
            "2026-11-26T12:00:00",
            "2026-11-26T12:00Z",
            "2026-11-26T12:00:60Z",
            "2026-11-31T12:00:00Z",
            "2026-11-26T25:00:00Z",
            "2026-11-26 12:00:00Z",
            "2026-11-26T12:00:00+01",
        ] {
            assert_eq!(utc_stamp(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn optional_fields_omitted() {
        let mut e = sample();
        e.location = None;
        e.url = None;
        e.description = "";
        let ics = calendar("Feed", &[e], false);
        assert_well_formed(&ics);
        assert!(!ics.contains("\r\nLOCATION:"));
        assert!(!ics.contains("\r\nURL:"));
        assert!(!ics.contains("\r\nDESCRIPTION:"));
        let mut e = sample();
        e.url = Some("https://kernpunt.nl/x\r\nX-INJECT:1");
        let ics = calendar("Feed", &[e], false);
        assert_well_formed(&ics);
        assert!(!ics.contains("\r\nX-INJECT"));
    }
}
