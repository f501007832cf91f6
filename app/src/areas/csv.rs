//! CSV import and export of indicator values.
//!
//! Coordinators upload a CSV exported by a data supplier with the columns area, indicator,
//! period, value and source. [`validate`] decodes, parses and checks it into a preview with a
//! row-by-row report; the import itself happens elsewhere and is all-or-nothing.
//! [`write_csv`] and [`excel_number`] produce CSVs that Dutch Excel opens correctly.
//!
//! Only `std` is used, so this file can be tested on its own:
//! `rustc --edition 2021 --test app/src/areas/csv.rs -o /tmp/csv_test && /tmp/csv_test`.

use std::collections::HashMap;
use std::fmt;

/// Largest upload we accept, in bytes.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// Most data rows (not counting the header) we accept in one file.
pub const MAX_ROWS: usize = 100_000;

/// Dutch names of the required columns, in the order they are reported when missing.
pub const REQUIRED_COLUMNS: [&str; 4] = ["gebied", "indicator", "periode", "waarde"];

/// Accepted header names (lowercase) per column, Dutch first. Index = column role.
const COLUMN_NAMES: [&[&str]; 5] = [
    &["gebied", "area", "kerngebied"],
    &["indicator"],
    &["periode", "period"],
    &["waarde", "value"],
    &["bron", "source"],
];
const AREA: usize = 0;
const INDICATOR: usize = 1;
const PERIOD: usize = 2;
const VALUE: usize = 3;
const SOURCE: usize = 4;

/// Longest piece of user input quoted back in a message.
const SHOWN_CHARS: usize = 40;

// ---------------------------------------------------------------------------------------------
// File-level errors
// ---------------------------------------------------------------------------------------------

/// A problem that makes the whole file unusable (not one row); `Display` gives Dutch advice.
#[derive(Clone, Debug, PartialEq)]
pub enum FileError {
    /// No bytes, or no data rows under the header.
    Empty,
    /// More than [`MAX_BYTES`].
    TooLarge,
    /// Looks like xlsx/zip/xls/pdf, or contains NUL bytes.
    Binary,
    /// Required columns not found in the header row (Dutch names, see [`REQUIRED_COLUMNS`]).
    MissingColumns(Vec<&'static str>),
    /// More than [`MAX_ROWS`] data rows.
    TooManyRows,
    /// A quoted field that never closes; `line` is where its opening quote is.
    UnclosedQuote { line: usize },
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Empty => f.write_str(
                "Het bestand bevat geen gegevens. Zet op de eerste regel de kolomnamen \
                 (gebied, indicator, periode, waarde en eventueel bron) en daaronder één regel \
                 per waarde.",
            ),
            FileError::TooLarge => write!(
                f,
                "Het bestand is groter dan {} MB. Splits het op in kleinere bestanden en upload \
                 die één voor één.",
                MAX_BYTES / (1024 * 1024)
            ),
            FileError::Binary => f.write_str(
                "Dit lijkt geen CSV-bestand, maar een Excel-bestand (.xlsx), PDF of ander \
                 binair bestand. Sla het in Excel op als ‘CSV UTF-8 (door \
                 lijstscheidingsteken gescheiden)’ en probeer het opnieuw.",
            ),
            FileError::MissingColumns(columns) => {
                let quoted: Vec<String> = columns.iter().map(|c| format!("‘{c}’")).collect();
                match quoted.len() {
                    0 => {}
                    1 => write!(f, "De kolom {} ontbreekt. ", quoted[0])?,
                    _ => write!(f, "De kolommen {} ontbreken. ", dutch_list(&quoted))?,
                }
                f.write_str(
                    "Zet op de eerste regel de kolomnamen: gebied, indicator, periode, waarde \
                     en eventueel bron (Engelse namen mogen ook), en probeer het opnieuw.",
                )
            }
            FileError::TooManyRows => write!(
                f,
                "Het bestand heeft meer dan {} regels met gegevens. Splits het op in kleinere \
                 bestanden en upload die één voor één.",
                dutch_thousands(MAX_ROWS)
            ),
            FileError::UnclosedQuote { line } => write!(
                f,
                "Op regel {line} opent een aanhalingsteken (\") dat nergens wordt gesloten. \
                 Controleer die regel: een aanhalingsteken binnen een waarde moet dubbel staan \
                 (\"\"). Probeer het daarna opnieuw."
            ),
        }
    }
}

impl std::error::Error for FileError {}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/// Turns uploaded bytes into text: strips a UTF-8 BOM, decodes UTF-16 LE/BE with BOM, and
/// decodes invalid UTF-8 as Windows-1252 (adding a Dutch note). Returns (text, notes).
pub fn decode_text(bytes: &[u8]) -> Result<(String, Vec<String>), FileError> {
    if bytes.is_empty() {
        return Err(FileError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(FileError::TooLarge);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    if looks_binary(bytes) {
        return Err(FileError::Binary);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(FileError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), Vec::new())),
        Err(_) => {
            let text: String = bytes.iter().map(|&b| windows_1252(b)).collect();
            let note = "Het bestand is niet als UTF-8 opgeslagen en is daarom gelezen als \
                        Windows-1252 (de standaard van Excel). Controleer of letters als é en ë \
                        goed worden getoond; zo niet, sla het bestand op als ‘CSV UTF-8 (door \
                        lijstscheidingsteken gescheiden)’."
                .to_string();
            Ok((text, vec![note]))
        }
    }
}

/// Decodes UTF-16 code units (after the BOM); a lone odd byte or bad surrogate becomes U+FFFD.
fn decode_utf16(
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
) -> Result<(String, Vec<String>), FileError> {
    let chunks = bytes.chunks_exact(2);
    let odd = !chunks.remainder().is_empty();
    let units = chunks.map(|pair| unit([pair[0], pair[1]]));
    let mut text: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if odd {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    if text.contains('\0') {
        return Err(FileError::Binary);
    }
    Ok((text, Vec::new()))
}

/// Magic numbers of files people upload by mistake: xlsx/zip, old xls (OLE), PDF, gzip.
fn looks_binary(bytes: &[u8]) -> bool {
    const MAGIC: [&[u8]; 5] = [
        b"PK\x03\x04",
        b"PK\x05\x06",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        b"%PDF",
        b"\x1F\x8B",
    ];
    MAGIC.iter().any(|m| bytes.starts_with(m))
}

/// One Windows-1252 byte as a char; 0x80–0x9F from the code page table, the rest as Latin-1.
/// The five undefined bytes map to the C1 control with the same number (as browsers do).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}',
        '\u{017D}', '\u{008F}', '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}',
        '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}',
        '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// The separator: in the first non-empty line (outside quotes) picks ';', ',' or '\t',
/// whichever occurs most; ';' wins ties (Dutch Excel), then ','. Defaults to ';'.
pub fn detect_separator(text: &str) -> char {
    let mut counts = [0usize; 3]; // ';', ',', '\t'
    let mut in_quotes = false;
    let mut has_content = false;
    for c in text.chars() {
        if c == '"' {
            // A doubled quote toggles twice, which is what we want.
            in_quotes = !in_quotes;
            has_content = true;
            continue;
        }
        if in_quotes {
            continue;
        }
        match c {
            '\n' | '\r' => {
                if has_content {
                    break;
                }
                counts = [0; 3];
            }
            ';' => {
                counts[0] += 1;
                has_content = true;
            }
            ',' => {
                counts[1] += 1;
                has_content = true;
            }
            '\t' => counts[2] += 1,
            '\u{FEFF}' => {}
            c if c.is_whitespace() => {}
            _ => has_content = true,
        }
    }
    let [semicolons, commas, tabs] = counts;
    if semicolons >= commas && semicolons >= tabs {
        ';'
    } else if commas >= tabs {
        ','
    } else {
        '\t'
    }
}

/// Dutch name of a separator for messages, e.g. "puntkomma (;)".
pub fn separator_name(separator: char) -> &'static str {
    match separator {
        ';' => "puntkomma (;)",
        ',' => "komma (,)",
        '\t' => "tab",
        _ => "scheidingsteken",
    }
}

/// One parsed record with the 1-based line number where it starts (for messages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Line where the record starts (a quoted field may span several lines).
    pub line: usize,
    /// The fields, unquoted and trimmed of spaces outside quotes.
    pub fields: Vec<String>,
}

/// Spaces trimmed around unquoted fields; a tab only when it is not the separator.
fn is_blank(c: char, separator: char) -> bool {
    c == ' ' || (c == '\t' && separator != '\t')
}

/// The record being built by [`parse_records`].
#[derive(Default)]
struct Pending {
    fields: Vec<String>,
    field: String,
    /// The current field started with a quote (its content is kept verbatim).
    field_quoted: bool,
    /// Some field of this record was quoted (so a lone `""` is not a blank line).
    any_quoted: bool,
}

impl Pending {
    fn end_field(&mut self, separator: char) {
        let field = std::mem::take(&mut self.field);
        let value = if self.field_quoted {
            field
        } else {
            field.trim_matches(|c| is_blank(c, separator)).to_string()
        };
        self.fields.push(value);
        self.field_quoted = false;
    }

    fn end_record(&mut self, separator: char, line: usize, out: &mut Vec<Record>) {
        self.end_field(separator);
        let fields = std::mem::take(&mut self.fields);
        let blank = !self.any_quoted && fields.len() == 1 && fields[0].is_empty();
        self.any_quoted = false;
        if !blank {
            out.push(Record { line, fields });
        }
    }
}

/// RFC 4180 parsing: quoted fields with `""` escapes, separators and newlines inside quotes,
/// CRLF or LF, blank lines skipped, unquoted fields trimmed of surrounding spaces.
/// A leading BOM is ignored.
pub fn parse_records(text: &str, separator: char) -> Result<Vec<Record>, FileError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut records = Vec::new();
    let mut pending = Pending::default();
    let mut line = 1;
    let mut record_line = 1;
    let mut quote_line = 1;
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    pending.field.push('"');
                }
                '"' => in_quotes = false,
                _ => {
                    if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
                        line += 1;
                    }
                    pending.field.push(c);
                }
            }
        } else if c == separator {
            pending.end_field(separator);
        } else if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            pending.end_record(separator, record_line, &mut records);
            line += 1;
            record_line = line;
        } else if c == '"'
            && !pending.field_quoted
            && pending.field.chars().all(|ch| is_blank(ch, separator))
        {
            pending.field.clear();
            pending.field_quoted = true;
            pending.any_quoted = true;
            in_quotes = true;
            quote_line = line;
        } else if pending.field_quoted && is_blank(c, separator) {
            // Spaces after a closing quote are dropped.
        } else {
            // Text after a closing quote, or a quote inside an unquoted field: kept as is.
            pending.field.push(c);
        }
    }
    if in_quotes {
        return Err(FileError::UnclosedQuote { line: quote_line });
    }
    pending.end_record(separator, record_line, &mut records);
    Ok(records)
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/// Parses a period into "YYYY" or "YYYY-MM". Accepts "2024", "2024-06", "2024-6", "2024/06",
/// "06-2024" and "6/2024"; year 1900..=2100, month 1..=12.
pub fn normalize_period(raw: &str) -> Option<String> {
    let s = raw.trim();
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let year_ok = |p: &str| {
        p.len() == 4 && digits(p) && (1900..=2100).contains(&p.parse::<u32>().unwrap_or(0))
    };
    if year_ok(s) {
        return Some(s.to_string());
    }
    let parts: Vec<&str> = s.split(['-', '/']).collect();
    let [a, b] = parts[..] else {
        return None;
    };
    let (year, month) = if a.len() == 4 { (a, b) } else { (b, a) };
    if !year_ok(year) || !(1..=2).contains(&month.len()) || !digits(month) {
        return None;
    }
    let month: u32 = month.parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    Some(format!("{year}-{month:02}"))
}

/// True when `s` is digits grouped by `mark` in thousands: "12.500", "1.234.567"
/// (first group 1–3 digits without a leading zero, the others exactly 3).
fn is_grouped(s: &str, mark: char) -> bool {
    let mut groups = s.split(mark);
    let first = groups.next().unwrap_or("");
    let first_ok = (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && !(first.starts_with('0'));
    let mut rest = groups.peekable();
    first_ok
        && rest.peek().is_some()
        && rest.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Parses a value as written in a CSV with this separator: "7.4", "7,4", "-2", "12500",
/// "1e3"; with ';' also Dutch thousands ("12.500" = 12500). With both '.' and ',' the last
/// one is the decimal mark ("1.234,5", "1,234.5"). Several of one mark are thousands
/// separators. NaN, infinity (including overflow such as "1e400") and empty give `None`.
pub fn parse_number(raw: &str, separator: char) -> Option<f64> {
    let s = raw.trim();
    let first = s.chars().next()?;
    let (negative, s) = match first {
        '-' | '\u{2212}' => (true, &s[first.len_utf8()..]),
        '+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    if let Some(exp) = exponent {
        let digits = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if !mantissa.bytes().any(|b| b.is_ascii_digit())
        || !mantissa
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let dots = mantissa.matches('.').count();
    let commas = mantissa.matches(',').count();
    let (decimal, thousands) = match (dots, commas) {
        (0, 0) => (None, None),
        (1, 0) if separator == ';' && is_grouped(mantissa, '.') => (None, Some('.')),
        (1, 0) => (Some('.'), None),
        (_, 0) => (None, Some('.')),
        (0, 1) => (Some(','), None),
        (0, _) => (None, Some(',')),
        _ => {
            if mantissa.rfind('.') > mantissa.rfind(',') {
                (Some('.'), Some(','))
            } else {
                (Some(','), Some('.'))
            }
        }
    };
    let (int_part, frac_part) = match decimal {
        Some(mark) => {
            if mantissa.matches(mark).count() != 1 {
                return None;
            }
            let i = mantissa.find(mark)?;
            (&mantissa[..i], Some(&mantissa[i + 1..]))
        }
        None => (mantissa, None),
    };
    let int_digits = match thousands {
        Some(mark) => {
            if !is_grouped(int_part, mark) {
                return None;
            }
            int_part.replace(mark, "")
        }
        None => int_part.to_string(),
    };
    if !int_digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut normal = String::with_capacity(s.len() + 2);
    if negative {
        normal.push('-');
    }
    normal.push_str(if int_digits.is_empty() {
        "0"
    } else {
        &int_digits
    });
    if let Some(frac) = frac_part {
        if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        normal.push('.');
        normal.push_str(frac);
    }
    if let Some(exp) = exponent {
        normal.push('e');
        normal.push_str(exp);
    }
    normal.parse::<f64>().ok().filter(|v| v.is_finite())
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/// One valid row, normalised.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportRow {
    /// Line in the file (1-based).
    pub line: usize,
    /// The area as given in the file (slug or name), trimmed.
    pub area: String,
    /// The area's slug, as returned by `resolve_area`.
    pub area_slug: String,
    /// Indicator key, lowercased.
    pub indicator: String,
    /// "YYYY" or "YYYY-MM".
    pub period: String,
    /// The value (always finite).
    pub value: f64,
    /// Source, trimmed; empty when absent.
    pub source: String,
}

/// A row that cannot be imported, with the reason in Dutch. A row may have several.
#[derive(Clone, Debug, PartialEq)]
pub struct RowProblem {
    /// Line in the file (1-based).
    pub line: usize,
    /// What is wrong, in Dutch, without the line number.
    pub message: String,
}

/// The outcome of [`validate`]: importable rows, problems per row, and general notes.
#[derive(Clone, Debug, PartialEq)]
pub struct Validated {
    /// Rows that can be imported (first occurrences only when duplicated).
    pub rows: Vec<ImportRow>,
    /// Rows that cannot be imported, in file order.
    pub problems: Vec<RowProblem>,
    /// Dutch remarks about the file as a whole (encoding, ignored columns…).
    pub notes: Vec<String>,
    /// The separator that was detected.
    pub separator: char,
}

impl Validated {
    /// True when there are rows and no problems, so the all-or-nothing import can go ahead.
    pub fn is_importable(&self) -> bool {
        self.problems.is_empty() && !self.rows.is_empty()
    }
}

/// Where each column is in the file.
struct Columns {
    /// Index per role (AREA..=SOURCE); the required ones are `Some`.
    index: [Option<usize>; 5],
}

impl Columns {
    fn find(header: &[String], notes: &mut Vec<String>) -> Result<Columns, FileError> {
        let mut index = [None; 5];
        let mut ignored = Vec::new();
        for (i, name) in header.iter().enumerate() {
            let key = name.trim().trim_start_matches('\u{FEFF}').to_lowercase();
            match COLUMN_NAMES
                .iter()
                .position(|names| names.contains(&key.as_str()))
            {
                Some(role) if index[role].is_none() => index[role] = Some(i),
                _ if key.is_empty() => {}
                _ => ignored.push(format!("‘{}’", shown(name.trim()))),
            }
        }
        let missing: Vec<&'static str> = REQUIRED_COLUMNS
            .iter()
            .enumerate()
            .filter(|(role, _)| index[*role].is_none())
            .map(|(_, name)| *name)
            .collect();
        if !missing.is_empty() {
            return Err(FileError::MissingColumns(missing));
        }
        match ignored.len() {
            0 => {}
            1 => notes.push(format!("De kolom {} wordt niet gebruikt.", ignored[0])),
            _ => notes.push(format!(
                "De kolommen {} worden niet gebruikt.",
                dutch_list(&ignored)
            )),
        }
        if index[SOURCE].is_none() {
            notes.push("Er is geen kolom ‘bron’; de bron blijft leeg.".to_string());
        }
        Ok(Columns { index })
    }

    fn get<'a>(&self, fields: &'a [String], role: usize) -> &'a str {
        self.index[role]
            .and_then(|i| fields.get(i))
            .map_or("", |f| f.trim())
    }
}

/// The whole pipeline: decode, detect the separator, parse, find the columns in the header row
/// (case-insensitive, Dutch or English, any order, extra columns ignored, source optional) and
/// validate every data row. `resolve_area` maps what the file says (slug or name) to the area's
/// slug, or `None` when unknown; `known_indicator` gets the lowercased key. Rows with only empty
/// fields are skipped; empty trailing extra fields are allowed.
pub fn validate(
    bytes: &[u8],
    resolve_area: &dyn Fn(&str) -> Option<String>,
    known_indicator: &dyn Fn(&str) -> bool,
) -> Result<Validated, FileError> {
    let (text, mut notes) = decode_text(bytes)?;
    let separator = detect_separator(&text);
    let records = parse_records(&text, separator)?;
    let mut records = records
        .into_iter()
        .filter(|r| r.fields.iter().any(|f| !f.trim().is_empty()));
    let header = records.next().ok_or(FileError::Empty)?;
    let columns = Columns::find(&header.fields, &mut notes)?;
    let data: Vec<Record> = records.collect();
    if data.is_empty() {
        return Err(FileError::Empty);
    }
    if data.len() > MAX_ROWS {
        return Err(FileError::TooManyRows);
    }

    let header_len = header.fields.len();
    // Columns after the last named one may be missing from a row.
    let required_len = header
        .fields
        .iter()
        .rposition(|f| !f.trim().is_empty())
        .map_or(0, |i| i + 1);

    let mut rows = Vec::with_capacity(data.len());
    let mut problems = Vec::new();
    let mut first_seen: HashMap<(String, String, String), usize> = HashMap::new();

    for record in data {
        let line = record.line;
        let fields = &record.fields;
        let too_many = fields.iter().skip(header_len).any(|f| !f.trim().is_empty());
        if fields.len() < required_len || too_many {
            problems.push(RowProblem {
                line,
                message: field_count_message(fields.len(), header_len, separator, too_many),
            });
            continue;
        }
        let mut problem = |message: String| problems.push(RowProblem { line, message });
        let mut ok = true;

        let area = columns.get(fields, AREA);
        let area_slug = if area.is_empty() {
            problem("Gebied ontbreekt.".to_string());
            None
        } else {
            let slug = resolve_area(area);
            if slug.is_none() {
                problem(format!("Onbekend gebied ‘{}’.", shown(area)));
            }
            slug
        };
        ok &= area_slug.is_some();

        let indicator_raw = columns.get(fields, INDICATOR);
        let indicator = indicator_raw.to_lowercase();
        if indicator.is_empty() {
            problem("Indicator ontbreekt.".to_string());
            ok = false;
        } else if !known_indicator(&indicator) {
            problem(format!("Onbekende indicator ‘{}’.", shown(indicator_raw)));
            ok = false;
        }

        let period_raw = columns.get(fields, PERIOD);
        let period = normalize_period(period_raw);
        if period_raw.is_empty() {
            problem("Periode ontbreekt.".to_string());
        } else if period.is_none() {
            problem(format!(
                "Periode ‘{}’ is geen jaar (2024) of maand (2024-06).",
                shown(period_raw)
            ));
        }
        ok &= period.is_some();

        let value_raw = columns.get(fields, VALUE);
        let value = parse_number(value_raw, separator);
        if value_raw.is_empty() {
            problem("Waarde ontbreekt.".to_string());
        } else if value.is_none() {
            problem(format!("‘{}’ is geen getal.", shown(value_raw)));
        }
        ok &= value.is_some();

        let (Some(area_slug), Some(period), Some(value), true) = (area_slug, period, value, ok)
        else {
            continue;
        };
        let key = (area_slug.clone(), indicator.clone(), period.clone());
        if let Some(first) = first_seen.get(&key) {
            problem(format!(
                "Dubbel: dezelfde combinatie van gebied, indicator en periode staat ook op regel {first}."
            ));
            continue;
        }
        first_seen.insert(key, line);
        rows.push(ImportRow {
            line,
            area: area.to_string(),
            area_slug,
            indicator,
            period,
            value,
            source: columns.get(fields, SOURCE).to_string(),
        });
    }

    Ok(Validated {
        rows,
        problems,
        notes,
        separator,
    })
}

/// The message for a row whose number of fields does not match the header.
fn field_count_message(count: usize, header_len: usize, separator: char, too_many: bool) -> String {
    let kolommen = |n: usize| {
        if n == 1 {
            "1 kolom".to_string()
        } else {
            format!("{n} kolommen")
        }
    };
    let advice = if too_many {
        format!(
            "Staat er een {} in een waarde, bijvoorbeeld een decimaalkomma? Zet die waarde dan \
             tussen aanhalingstekens.",
            separator_name(separator)
        )
    } else {
        "Vul de ontbrekende kolommen aan.".to_string()
    };
    format!(
        "Deze regel heeft {}, maar de kopregel heeft er {header_len}. {advice}",
        kolommen(count)
    )
}

/// User input as quoted back in messages: at most [`SHOWN_CHARS`] characters.
fn shown(s: &str) -> String {
    if s.chars().count() > SHOWN_CHARS {
        let mut short: String = s.chars().take(SHOWN_CHARS).collect();
        short.push('…');
        short
    } else {
        s.to_string()
    }
}

/// "a", "a en b", "a, b en c".
fn dutch_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

/// 100000 → "100.000".
fn dutch_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        let left = digits.len() - i;
        if i > 0 && left.is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

/// Writes a CSV for Dutch Excel: UTF-8 BOM, ';' separator, CRLF line ends. Fields are quoted
/// when they contain ';', '"', CR or LF or start/end with whitespace (quotes doubled). Fields
/// starting with '=', '+', '-', '@', tab or CR get a leading `'` against formula injection,
/// except numbers such as "-2,5".
pub fn write_csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{FEFF}');
    write_line(&mut out, header);
    for row in rows {
        write_line(&mut out, row);
    }
    out
}

fn write_line<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    if let [only] = fields {
        if only.as_ref().is_empty() {
            // A lone empty field would otherwise be a blank line, which readers skip.
            out.push_str("\"\"\r\n");
            return;
        }
    }
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        push_field(out, field.as_ref());
    }
    out.push_str("\r\n");
}

fn push_field(out: &mut String, field: &str) {
    let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let guarded = if formula && parse_number(field, ';').is_none() {
        format!("'{field}")
    } else {
        field.to_string()
    };
    let needs_quotes = guarded.contains([';', '"', '\r', '\n'])
        || guarded.starts_with(char::is_whitespace)
        || guarded.ends_with(char::is_whitespace);
    if needs_quotes {
        out.push('"');
        out.push_str(&guarded.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&guarded);
    }
}

/// A number as Dutch Excel reads it: decimal comma, no thousands separator, `decimals`
/// digits. NaN and infinity give an empty string; "-0,0" is written as "0,0".
pub fn excel_number(value: f64, decimals: u8) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let text = format!("{:.*}", usize::from(decimals), value);
    let text = match text.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => text,
    };
    text.replace('.', ",")
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(s: &str) -> Option<String> {
        match s.to_lowercase().as_str() {
            "lindenplein" => Some("lindenplein".to_string()),
            "centrum" | "binnenstad centrum" => Some("centrum".to_string()),
            "café de kroon" => Some("cafe-de-kroon".to_string()),
            s if s.starts_with("gebied-") => Some(s.to_string()),
            _ => None,
        }
    }

    fn known(key: &str) -> bool {
        matches!(key, "leegstand" | "passanten" | "omzet")
    }

    fn run(text: &str) -> Result<Validated, FileError> {
        validate(text.as_bytes(), &resolve, &known)
    }

    fn fields(records: &[Record]) -> Vec<Vec<&str>> {
        records
            .iter()
            .map(|r| r.fields.iter().map(String::as_str).collect())
            .collect()
    }

    // --- decoding -----------------------------------------------------------------------------

    #[test]
    fn utf8_bom_is_stripped() {
        let (text, notes) = decode_text(b"\xEF\xBB\xBFgebied;waarde\n").unwrap();
        assert_eq!(text, "gebied;waarde\n");
        assert!(notes.is_empty());
        let v =
            run("\u{FEFF}Gebied;Indicator;Periode;Waarde\ncentrum;leegstand;2024;7,4\n").unwrap();
        assert_eq!(v.rows.len(), 1);
        assert_eq!(v.rows[0].area, "centrum");
    }

    #[test]
    fn windows_1252_is_decoded_with_a_note() {
        let bytes = [
            0x43, 0x61, 0x66, 0xE9, b' ', 0x80, b' ', 0x93, b'x', 0x94, b' ', 0x9F,
        ];
        let (text, notes) = decode_text(&bytes).unwrap();
        assert_eq!(text, "Café € “x” Ÿ");
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("Windows-1252"), "{}", notes[0]);
    }

    #[test]
    fn windows_1252_file_validates_and_keeps_the_note() {
        let mut bytes = b"gebied;indicator;periode;waarde;bron\n".to_vec();
        bytes.extend_from_slice(b"Caf\xE9 de Kroon;Leegstand;2024-6;7,4;Locatus \x80\n");
        let v = validate(&bytes, &resolve, &known).unwrap();
        assert!(v.problems.is_empty(), "{:?}", v.problems);
        assert_eq!(v.rows[0].area, "Café de Kroon");
        assert_eq!(v.rows[0].area_slug, "cafe-de-kroon");
        assert_eq!(v.rows[0].indicator, "leegstand");
        assert_eq!(v.rows[0].period, "2024-06");
        assert_eq!(v.rows[0].source, "Locatus €");
        assert!(v.notes.iter().any(|n| n.contains("Windows-1252")));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let text = "gebied\tindicator\r\nCafé\t€";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode_text(&le).unwrap(), (text.to_string(), vec![]));
        assert_eq!(decode_text(&be).unwrap(), (text.to_string(), vec![]));
        // Without the BOM the NUL bytes give it away as not-text.
        assert_eq!(decode_text(&le[2..]), Err(FileError::Binary));
    }

    #[test]
    fn binary_files_are_refused() {
        assert_eq!(
            decode_text(b"PK\x03\x04\x14\x00\x06\x00"),
            Err(FileError::Binary)
        );
        assert_eq!(decode_text(b"%PDF-1.7\n"), Err(FileError::Binary));
        assert_eq!(
            decode_text(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1xx"),
            Err(FileError::Binary)
        );
        assert_eq!(decode_text(b"gebied;waarde\n\0\0"), Err(FileError::Binary));
        assert_eq!(
            validate(b"PK\x03\x04rest", &resolve, &known).unwrap_err(),
            FileError::Binary
        );
        let message = FileError::Binary.to_string();
        assert!(message.contains("Excel-bestand (.xlsx)"));
        assert!(message.contains("‘CSV UTF-8 (door lijstscheidingsteken gescheiden)’"));
    }

    #[test]
    fn empty_and_too_large() {
        assert_eq!(decode_text(b""), Err(FileError::Empty));
        assert_eq!(run("  \r\n\n").unwrap_err(), FileError::Empty);
        assert_eq!(
            run("gebied;indicator;periode;waarde\n;;;\n").unwrap_err(),
            FileError::Empty
        );
        let big = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(decode_text(&big), Err(FileError::TooLarge));
        assert!(FileError::TooLarge.to_string().contains("5 MB"));
    }

    // --- separator and parsing ----------------------------------------------------------------

    #[test]
    fn separator_detection() {
        let dutch = "gebied;indicator;periode;waarde\ncentrum;leegstand;2024;7,4\n";
        assert_eq!(detect_separator(dutch), ';');
        // Decimal commas on the header line itself do not fool it.
        assert_eq!(detect_separator("a;b;c,d\n"), ';');
        assert_eq!(detect_separator("area,indicator,period,value\n"), ',');
        assert_eq!(detect_separator("area\tindicator\tperiod\n"), '\t');
        assert_eq!(detect_separator("a;b,c\n"), ';'); // tie
        assert_eq!(detect_separator("\"a;b;c\",d,e\n"), ','); // inside quotes ignored
        assert_eq!(detect_separator("\n  \r\n\u{FEFF}a,b\nc;d;e;f\n"), ',');
        assert_eq!(detect_separator("alleen"), ';');
    }

    #[test]
    fn quoted_fields() {
        let text = "a;\"b;c\";\"zeg \"\"hoi\"\"\"\r\n\"twee\nregels\";x\n  p  ; \" q \" ;r s\n";
        let records = parse_records(text, ';').unwrap();
        assert_eq!(
            fields(&records),
            vec![
                vec!["a", "b;c", "zeg \"hoi\""],
                vec!["twee\nregels", "x"],
                vec!["p", " q ", "r s"],
            ]
        );
        assert_eq!(
            records.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![1, 2, 4]
        );
    }

    #[test]
    fn blank_lines_skipped_and_line_numbers_kept() {
        let records = parse_records("\r\na,b\r\n\r\n   \nc,\"\"\n", ',').unwrap();
        assert_eq!(fields(&records), vec![vec!["a", "b"], vec!["c", ""]]);
        assert_eq!(records[0].line, 2);
        assert_eq!(records[1].line, 5);
        // Tab separated keeps empty fields; tabs are not trimmed away.
        let records = parse_records("a\t\tb\n", '\t').unwrap();
        assert_eq!(fields(&records), vec![vec!["a", "", "b"]]);
    }

    #[test]
    fn unclosed_quote_reports_its_line() {
        let err = parse_records("a;b\nc;d\ne;\"oeps\nf;g\n", ';').unwrap_err();
        assert_eq!(err, FileError::UnclosedQuote { line: 3 });
        assert_eq!(
            run("gebied;indicator;periode;waarde\n\"centrum;leegstand;2024;1\n").unwrap_err(),
            FileError::UnclosedQuote { line: 2 }
        );
        assert!(err.to_string().contains("regel 3"));
        // The line of the opening quote, not of the record it belongs to.
        let err = parse_records("a;\"twee\nregels\";\"oeps\nb\n", ';').unwrap_err();
        assert_eq!(err, FileError::UnclosedQuote { line: 2 });
    }

    // --- header -------------------------------------------------------------------------------

    #[test]
    fn missing_columns_are_listed() {
        let err = run("gebied;waarde;opmerking\ncentrum;1;x\n").unwrap_err();
        assert_eq!(err, FileError::MissingColumns(vec!["indicator", "periode"]));
        let message = err.to_string();
        assert!(
            message.contains("De kolommen ‘indicator’ en ‘periode’ ontbreken."),
            "{message}"
        );
        // A file without a header row: its first data row is taken as the header.
        let err = run("centrum;leegstand;2024;7,4\n").unwrap_err();
        assert_eq!(
            err,
            FileError::MissingColumns(vec!["gebied", "indicator", "periode", "waarde"])
        );
        assert!(FileError::MissingColumns(vec!["waarde"])
            .to_string()
            .starts_with("De kolom ‘waarde’ ontbreekt."));
    }

    #[test]
    fn dutch_and_english_headers_in_any_order() {
        let english =
            "Value,Period,AREA,Indicator,Source,Remark\n7.4,2024,centrum,LEEGSTAND,CBS,hi\n";
        let v = run(english).unwrap();
        assert_eq!(v.separator, ',');
        assert!(v.problems.is_empty(), "{:?}", v.problems);
        assert_eq!(
            v.rows,
            vec![ImportRow {
                line: 2,
                area: "centrum".into(),
                area_slug: "centrum".into(),
                indicator: "leegstand".into(),
                period: "2024".into(),
                value: 7.4,
                source: "CBS".into(),
            }]
        );
        assert_eq!(
            v.notes,
            vec!["De kolom ‘Remark’ wordt niet gebruikt.".to_string()]
        );

        let mixed = "Periode;Waarde;Gebied;indicator\n2024-06;12.500;Lindenplein;passanten\n";
        let v = run(mixed).unwrap();
        assert_eq!(v.separator, ';');
        assert_eq!(v.rows[0].value, 12500.0);
        assert_eq!(v.rows[0].area, "Lindenplein");
        assert_eq!(v.rows[0].source, "");
        assert!(v.notes.iter().any(|n| n.contains("geen kolom ‘bron’")));
        assert!(v.is_importable());
    }

    // --- values -------------------------------------------------------------------------------

    #[test]
    fn periods() {
        let ok = [
            ("2024", "2024"),
            (" 2024 ", "2024"),
            ("2024-06", "2024-06"),
            ("2024-6", "2024-06"),
            ("06-2024", "2024-06"),
            ("6-2024", "2024-06"),
            ("2024/06", "2024-06"),
            ("12/2024", "2024-12"),
            ("1900", "1900"),
            ("2100-01", "2100-01"),
        ];
        for (raw, want) in ok {
            assert_eq!(normalize_period(raw).as_deref(), Some(want), "{raw}");
        }
        for raw in [
            "2024-13",
            "2024-0",
            "24",
            "abc",
            "",
            "1899",
            "2101",
            "2024-06-01",
            "2024-",
            "-2024",
            "2024-006",
            "+2024",
        ] {
            assert_eq!(normalize_period(raw), None, "{raw}");
        }
    }

    #[test]
    fn numbers() {
        let ok = [
            ("7.4", ';', 7.4),
            ("7,4", ';', 7.4),
            ("-2", ';', -2.0),
            ("12500", ';', 12500.0),
            ("12.500", ';', 12500.0),
            ("1.234,5", ';', 1234.5),
            ("1.234.567", ';', 1234567.0),
            ("0.500", ';', 0.5),
            ("7.4", ',', 7.4),
            ("12.500", ',', 12.5),
            ("1,234.5", ',', 1234.5),
            ("7,4", ',', 7.4),
            ("1e3", ';', 1000.0),
            ("-2,5", ';', -2.5),
            (",5", ';', 0.5),
            ("+3", ';', 3.0),
            ("7.4", '\t', 7.4),
        ];
        for (raw, sep, want) in ok {
            assert_eq!(parse_number(raw, sep), Some(want), "{raw} with {sep:?}");
        }
        for raw in [
            "",
            " ",
            "1e400",
            "-1e400",
            "NaN",
            "inf",
            "infinity",
            "7,4x",
            "1.2.3",
            "1,2,3",
            "1.234,5,6",
            "5,",
            "-",
            "e5",
            "1e",
            "12 500",
            "1.23,4.5",
        ] {
            assert_eq!(parse_number(raw, ';'), None, "{raw}");
        }
    }

    // --- rows ---------------------------------------------------------------------------------

    #[test]
    fn row_problems_are_reported_while_good_rows_stay() {
        let text = "gebied;indicator;periode;waarde;bron\n\
                    centrum;leegstand;2024;7,4;CBS\n\
                    Lindenpln;leegstand;2024;1;\n\
                    centrum;leegstand_x;2024;1;\n\
                    centrum;passanten;2024-13;7,4x;\n\
                    lindenplein;omzet;2023;1e400;\n\
                    ;;2023;;\n\
                    lindenplein;passanten;2024-6;12.500;Locatus\n";
        let v = run(text).unwrap();
        let lines: Vec<usize> = v.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 8]);
        assert_eq!(v.rows[1].value, 12500.0);
        assert_eq!(v.rows[1].period, "2024-06");
        let problems: Vec<(usize, &str)> = v
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            problems,
            vec![
                (3, "Onbekend gebied ‘Lindenpln’."),
                (4, "Onbekende indicator ‘leegstand_x’."),
                (
                    5,
                    "Periode ‘2024-13’ is geen jaar (2024) of maand (2024-06)."
                ),
                (5, "‘7,4x’ is geen getal."),
                (6, "‘1e400’ is geen getal."),
                (7, "Gebied ontbreekt."),
                (7, "Indicator ontbreekt."),
                (7, "Waarde ontbreekt."),
            ]
        );
        assert!(!v.is_importable());
    }

    #[test]
    fn duplicates_point_at_the_first_line() {
        let text = "gebied;indicator;periode;waarde\n\
                    centrum;leegstand;2024-06;1\n\
                    centrum;leegstand;2024-07;2\n\
                    Binnenstad Centrum;Leegstand;2024-6;3\n\
                    centrum;leegstand;06/2024;4\n";
        let v = run(text).unwrap();
        assert_eq!(
            v.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![2, 3]
        );
        assert_eq!(v.problems.len(), 2);
        for (problem, line) in v.problems.iter().zip([4, 5]) {
            assert_eq!(problem.line, line);
            assert!(
                problem.message.starts_with("Dubbel:"),
                "{}",
                problem.message
            );
            assert!(problem.message.ends_with("regel 2."), "{}", problem.message);
        }
    }

    #[test]
    fn wrong_number_of_fields() {
        // An unquoted decimal comma in a comma-separated file splits the value.
        let text = "area,indicator,period,value\n\
                    centrum,leegstand,2024,7,4\n\
                    centrum,leegstand,2023\n\
                    centrum,leegstand,2022,\"7,4\",,\n";
        let v = run(text).unwrap();
        assert_eq!(v.rows.len(), 1);
        assert_eq!(v.rows[0].line, 4);
        assert_eq!(v.rows[0].value, 7.4);
        assert_eq!(v.problems.len(), 2);
        assert_eq!(v.problems[0].line, 2);
        assert!(v.problems[0]
            .message
            .starts_with("Deze regel heeft 5 kolommen, maar de kopregel heeft er 4."));
        assert!(v.problems[0].message.contains("komma (,)"));
        assert_eq!(v.problems[1].line, 3);
        assert!(v.problems[1].message.contains("3 kolommen"));
    }

    #[test]
    fn five_thousand_rows() {
        let mut text = String::from("gebied;indicator;periode;waarde;bron\r\n");
        for i in 0..5000 {
            let indicator = ["leegstand", "passanten"][(i / 50) % 2];
            let year = 1950 + i / 100;
            text.push_str(&format!(
                "gebied-{};{};{}-{};{};Leverancier\r\n",
                i % 50,
                indicator,
                year,
                i % 12 + 1,
                excel_number(i as f64 / 7.0, 2)
            ));
        }
        let v = run(&text).unwrap();
        assert!(
            v.problems.is_empty(),
            "{:?}",
            &v.problems[..v.problems.len().min(3)]
        );
        assert_eq!(v.rows.len(), 5000);
        assert_eq!(v.rows[4999].line, 5001);
        assert_eq!(v.rows[7].value, 1.0);
        assert!(v.is_importable());
    }

    #[test]
    fn too_many_rows() {
        let mut text = String::from("gebied;indicator;periode;waarde\n");
        for _ in 0..=MAX_ROWS {
            text.push_str("a;b;2024;1\n");
        }
        assert!(text.len() <= MAX_BYTES);
        assert_eq!(run(&text).unwrap_err(), FileError::TooManyRows);
        assert!(FileError::TooManyRows.to_string().contains("100.000"));
    }

    // --- export -------------------------------------------------------------------------------

    #[test]
    fn write_csv_format() {
        let csv = write_csv(
            &["gebied", "waarde"],
            &[
                vec!["centrum".into(), "7,4".into()],
                vec!["a;b".into(), "zeg \"hoi\"".into()],
            ],
        );
        assert_eq!(
            csv,
            "\u{FEFF}gebied;waarde\r\ncentrum;7,4\r\n\"a;b\";\"zeg \"\"hoi\"\"\"\r\n"
        );
    }

    #[test]
    fn write_csv_round_trips() {
        let header = ["gebied", "indicator", "opmerking"];
        let rows: Vec<Vec<String>> = vec![
            vec!["centrum".into(), "leegstand".into(), "gewoon".into()],
            vec![
                "a;b".into(),
                "\"aanhalingstekens\"".into(),
                "twee\r\nregels".into(),
            ],
            vec!["  spaties  ".into(), "".into(), "é € ß".into()],
            vec![" voor".into(), "achter ".into(), "tab\t".into()],
            vec!["-2,5".into(), "1.234,5".into(), "x\ny".into()],
            vec!["".into()],
        ];
        let csv = write_csv(&header, &rows);
        let (text, notes) = decode_text(csv.as_bytes()).unwrap();
        assert!(notes.is_empty());
        assert_eq!(detect_separator(&text), ';');
        let records = parse_records(&text, ';').unwrap();
        let mut expected = vec![header.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
        expected.extend(rows.iter().cloned());
        let got: Vec<Vec<String>> = records.into_iter().map(|r| r.fields).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn formula_injection_is_defused() {
        let csv = write_csv(
            &["a"],
            &[
                vec!["=SUM(A1)".into()],
                vec!["@cmd".into()],
                vec!["+31 6 12345678".into()],
                vec!["-leeg".into()],
                vec!["=1;2".into()],
                vec!["-2,5".into()],
                vec!["-2".into()],
                vec!["+3".into()],
                vec!["a=b".into()],
            ],
        );
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(
            lines,
            vec![
                "a",
                "'=SUM(A1)",
                "'@cmd",
                "'+31 6 12345678",
                "'-leeg",
                "\"'=1;2\"",
                "-2,5",
                "-2",
                "+3",
                "a=b",
                "",
            ]
        );
    }

    #[test]
    fn excel_numbers() {
        assert_eq!(excel_number(7.44, 1), "7,4");
        assert_eq!(excel_number(12500.0, 0), "12500");
        assert_eq!(excel_number(1234.5, 2), "1234,50");
        assert_eq!(excel_number(-2.5, 1), "-2,5");
        assert_eq!(excel_number(-0.01, 1), "0,0");
        assert_eq!(excel_number(f64::NAN, 1), "");
        assert_eq!(excel_number(f64::INFINITY, 1), "");
        assert_eq!(parse_number(&excel_number(1234.56, 2), ';'), Some(1234.56));
    }
}
