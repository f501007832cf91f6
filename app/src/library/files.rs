//! Attachments for library items: PDF documents and images.
//!
//! Coordinators upload attachments to library items. The file is stored on
//! disk beside the database under a name derived from its content hash (the
//! hash itself is computed elsewhere); the original name is only kept for
//! display and for the `Content-Disposition` header. What a file *is* is
//! decided by its first bytes, never by its name or by the browser's claim.
//!
//! Everything in here is pure: no I/O, no allocation beyond the returned
//! strings, and no panics on any input.

use std::fmt;

/// Largest attachment accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// Longest alt text accepted for an image, in characters after trimming.
pub const MAX_ALT_TEXT_CHARS: usize = 250;

/// Longest display name produced by [`safe_display_name`], in characters,
/// extension included.
const MAX_NAME_CHARS: usize = 100;

/// Stem used when nothing usable is left of the original name.
const FALLBACK_STEM: &str = "bijlage";

/// What a file really is, judged by its first bytes (never by its name or the browser's claim).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A PDF document.
    Pdf,
    /// A PNG image.
    Png,
    /// A JPEG image.
    Jpeg,
    /// A GIF image (still or animated).
    Gif,
    /// A WebP image.
    Webp,
}

impl FileKind {
    /// Every accepted kind, in the order they are presented to users.
    pub const ALL: [FileKind; 5] = [
        FileKind::Pdf,
        FileKind::Png,
        FileKind::Jpeg,
        FileKind::Gif,
        FileKind::Webp,
    ];

    /// The MIME type to send in `Content-Type` when serving the file.
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Gif => "image/gif",
            FileKind::Webp => "image/webp",
        }
    }

    /// The canonical file extension, lowercase and without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpg",
            FileKind::Gif => "gif",
            FileKind::Webp => "webp",
        }
    }

    /// Whether this kind is an image (images need alt text).
    pub fn is_image(self) -> bool {
        !matches!(self, FileKind::Pdf)
    }

    /// The stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpeg",
            FileKind::Gif => "gif",
            FileKind::Webp => "webp",
        }
    }

    /// Parses a code produced by [`FileKind::code`]; `None` for anything else
    /// (exact match, case-sensitive).
    pub fn from_code(code: &str) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// A Dutch label for the kind, for use in the interface.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF-document",
            FileKind::Png => "PNG-afbeelding",
            FileKind::Jpeg => "JPEG-afbeelding",
            FileKind::Gif => "GIF-afbeelding",
            FileKind::Webp => "WebP-afbeelding",
        }
    }
}

/// Sniffs the kind of a file from its first bytes.
///
/// * PDF: `%PDF-` at offset 0. Acrobat tolerates up to 1024 bytes of junk
///   before the marker, but we deliberately require it at the very start:
///   every sane PDF writer puts it there, and a file with a junk prefix may
///   well be something else (a polyglot) that merely contains a PDF.
/// * PNG: `89 50 4E 47 0D 0A 1A 0A`.
/// * JPEG: `FF D8 FF`.
/// * GIF: `GIF87a` or `GIF89a`.
/// * WebP: `RIFF`, four size bytes, then `WEBP`.
///
/// Returns `None` for anything else. SVG is refused on purpose (it can carry
/// scripts), as are HTML, ZIP/DOCX, executables and everything unknown.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(FileKind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(FileKind::Gif)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some(FileKind::Webp)
    } else {
        None
    }
}

/// Why an upload is refused. `Display` gives a Dutch message that tells the
/// user what to do.
///
/// A name whose extension does not match the content is *not* a problem: the
/// content decides, and [`safe_display_name`] fixes the extension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// The file has no bytes at all.
    Empty,
    /// The file is larger than [`MAX_BYTES`].
    TooLarge,
    /// The content is not a PDF, PNG, JPEG, GIF or WebP file.
    WrongType,
    /// The file is an image and the alt text is empty (after trimming).
    AltTextMissing,
    /// The file is an image and the alt text exceeds [`MAX_ALT_TEXT_CHARS`].
    AltTextTooLong,
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileProblem::Empty => {
                f.write_str("Het bestand is leeg. Kies een ander bestand en probeer het opnieuw.")
            }
            FileProblem::TooLarge => write!(
                f,
                "Het bestand is te groot. Een bijlage mag maximaal {} MB zijn; \
                 verklein het bestand of kies een kleiner bestand.",
                MAX_BYTES / (1024 * 1024)
            ),
            FileProblem::WrongType => f.write_str(
                "Dit bestandstype wordt niet geaccepteerd. \
                 Upload een PDF of een afbeelding (PNG, JPEG, GIF of WebP).",
            ),
            FileProblem::AltTextMissing => f.write_str(
                "Een afbeelding heeft een beschrijving (alt-tekst) nodig. \
                 Beschrijf kort wat er op de afbeelding te zien is.",
            ),
            FileProblem::AltTextTooLong => write!(
                f,
                "De beschrijving (alt-tekst) is te lang. Gebruik maximaal {} tekens.",
                MAX_ALT_TEXT_CHARS
            ),
        }
    }
}

impl std::error::Error for FileProblem {}

/// Checks an upload: size, kind by content, and alt text for images
/// (required, 1..=[`MAX_ALT_TEXT_CHARS`] characters after trimming; ignored
/// for PDFs). Returns the sniffed kind.
///
/// Problems are reported in this order: empty, too large, wrong type, alt text.
pub fn check_upload(bytes: &[u8], alt_text: &str) -> Result<FileKind, FileProblem> {
    if bytes.is_empty() {
        return Err(FileProblem::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let kind = sniff(bytes).ok_or(FileProblem::WrongType)?;
    if kind.is_image() {
        let alt_chars = alt_text.trim().chars().count();
        if alt_chars == 0 {
            return Err(FileProblem::AltTextMissing);
        }
        if alt_chars > MAX_ALT_TEXT_CHARS {
            return Err(FileProblem::AltTextTooLong);
        }
    }
    Ok(kind)
}

/// Characters that never survive in a display name: control characters
/// (NUL included), quotes, characters Windows forbids in file names, and
/// invisible Unicode formatting characters that can spoof the extension
/// (bidirectional overrides such as U+202E, and the byte-order mark).
fn is_forbidden_name_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '"' | '\'' | '`' | '<' | '>' | ':' | '|' | '?' | '*' | '/' | '\\'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Whether `ext` looks like a real file extension: 1 to 5 ASCII letters or
/// digits with at least one letter (so the "2" in "versie 1.2" is not one).
fn looks_like_extension(ext: &str) -> bool {
    (1..=5).contains(&ext.len())
        && ext.bytes().all(|b| b.is_ascii_alphanumeric())
        && ext.bytes().any(|b| b.is_ascii_alphabetic())
}

/// Whether Windows reserves this name (it looks only at the part before the
/// first dot, case-insensitively, ignoring trailing spaces).
fn is_windows_reserved(stem: &str) -> bool {
    let base = stem
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_uppercase();
    match base.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" => true,
        _ => {
            let bytes = base.as_bytes();
            bytes.len() == 4
                && (base.starts_with("COM") || base.starts_with("LPT"))
                && (b'1'..=b'9').contains(&bytes[3])
        }
    }
}

fn is_dot_or_space(c: char) -> bool {
    c == '.' || c.is_whitespace()
}

/// A display name that is safe in HTML attributes, headers and on every OS.
///
/// * keeps only the last path component (split on `/` and `\`);
/// * turns whitespace control characters (tab, newline) into spaces, then
///   removes other control characters (NUL included), quotes, `<>:"|?*`,
///   backticks and invisible bidi/BOM characters;
/// * collapses runs of whitespace into one space and strips leading and
///   trailing dots and spaces (hidden files on Unix, ignored by Windows);
/// * replaces the extension with the sniffed kind's extension, so
///   "rapport.exe" that really is a PDF becomes "rapport.pdf" (a suffix only
///   counts as an extension if it is 1–5 ASCII letters/digits with at least
///   one letter; otherwise the kind's extension is appended);
/// * prefixes Windows-reserved names (CON, NUL, COM1, ...) with `_`;
/// * limits the result to 100 characters, keeping the extension.
///
/// If nothing usable remains the result is `bijlage.<ext>`.
pub fn safe_display_name(original: &str, kind: FileKind) -> String {
    let last = original
        .rsplit(|c| c == '/' || c == '\\')
        .next()
        .unwrap_or("");
    let cleaned: String = last
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|&c| !is_forbidden_name_char(c))
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = collapsed
        .trim_start_matches(is_dot_or_space)
        .trim_end_matches(is_dot_or_space);

    let stem = match trimmed.rfind('.') {
        Some(i) if i > 0 && looks_like_extension(&trimmed[i + 1..]) => &trimmed[..i],
        _ => trimmed,
    };

    let ext = kind.extension();
    let max_stem_chars = MAX_NAME_CHARS - ext.len() - 1;
    let truncated: String = stem.chars().take(max_stem_chars).collect();
    let stem = truncated.trim_end_matches(is_dot_or_space);

    if stem.is_empty() {
        format!("{FALLBACK_STEM}.{ext}")
    } else if is_windows_reserved(stem) {
        // The prefix costs one character; drop one from the end if needed.
        let mut prefixed = format!("_{stem}");
        if prefixed.chars().count() > max_stem_chars {
            prefixed.pop();
        }
        format!("{prefixed}.{ext}")
    } else {
        format!("{stem}.{ext}")
    }
}

/// The stored file name: `<hex hash>.<ext>`, containing only `[0-9a-z]` and
/// one dot. Returns `None` if `hex` is not exactly 64 lowercase hex
/// characters (a SHA-256 digest). Never panics.
pub fn stored_name(hex: &str, kind: FileKind) -> Option<String> {
    let valid = hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if valid {
        Some(format!("{hex}.{}", kind.extension()))
    } else {
        None
    }
}

/// Whether `b` is an RFC 5987 `attr-char`, which may appear unencoded in an
/// extended header parameter value.
fn is_attr_char(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
        )
}

/// Percent-encodes `s` as UTF-8 for an RFC 5987 `filename*` value.
fn percent_encode_rfc5987(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if is_attr_char(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0F)]));
        }
    }
    out
}

/// A `Content-Disposition` header value.
///
/// Uses `inline` (PDFs and images are shown in the browser) or `attachment`
/// when `download` is true, followed by an ASCII fallback `filename="…"`
/// (non-ASCII characters become `_`; quotes, backslashes and control
/// characters are removed) and an RFC 5987 `filename*=UTF-8''…`
/// percent-encoded version. An empty name becomes `bijlage`.
pub fn content_disposition(display_name: &str, download: bool) -> String {
    let disposition = if download { "attachment" } else { "inline" };
    let name = if display_name.trim().is_empty() {
        FALLBACK_STEM
    } else {
        display_name
    };
    let fallback: String = name
        .chars()
        .filter(|&c| c != '"' && c != '\\' && !c.is_control())
        .map(|c| if c.is_ascii() { c } else { '_' })
        .collect();
    let fallback = if fallback.trim().is_empty() {
        FALLBACK_STEM.to_string()
    } else {
        fallback
    };
    format!(
        "{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{}",
        percent_encode_rfc5987(name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n";
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0";
    const GIF87: &[u8] = b"GIF87a\x01\0\x01\0";
    const GIF89: &[u8] = b"GIF89a\x01\0\x01\0";
    const WEBP: &[u8] = b"RIFF\x24\0\0\0WEBPVP8 ";

    fn hash() -> String {
        "0123456789abcdef".repeat(4)
    }

    // --- sniffing ---

    #[test]
    fn sniffs_each_magic_number() {
        assert_eq!(sniff(PDF), Some(FileKind::Pdf));
        assert_eq!(sniff(PNG), Some(FileKind::Png));
        assert_eq!(sniff(JPEG), Some(FileKind::Jpeg));
        assert_eq!(sniff(GIF87), Some(FileKind::Gif));
        assert_eq!(sniff(GIF89), Some(FileKind::Gif));
        assert_eq!(sniff(WEBP), Some(FileKind::Webp));
    }

    #[test]
    fn sniff_refuses_near_misses() {
        assert_eq!(sniff(b"%PDF"), None, "truncated PDF marker");
        assert_eq!(sniff(b"  %PDF-1.4"), None, "PDF marker must be at offset 0");
        assert_eq!(sniff(b"\x89PNG\r\n\x1a"), None, "truncated PNG signature");
        assert_eq!(sniff(b"\xFF\xD8"), None, "truncated JPEG signature");
        assert_eq!(sniff(b"GIF88a"), None, "unknown GIF version");
        assert_eq!(sniff(b"RIFF\x24\0\0\0WAVEfmt "), None, "RIFF but not WebP");
        assert_eq!(sniff(b"RIFF\x24\0\0\0WEB"), None, "truncated WebP header");
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn png_renamed_to_pdf_is_still_png() {
        let kind = check_upload(PNG, "Groepsfoto").unwrap();
        assert_eq!(kind, FileKind::Png);
        assert_eq!(safe_display_name("foto.pdf", kind), "foto.png");
    }

    #[test]
    fn html_named_pdf_is_refused() {
        let html = b"<!DOCTYPE html><html><script>alert(1)</script></html>";
        assert_eq!(sniff(html), None);
        assert_eq!(check_upload(html, ""), Err(FileProblem::WrongType));
    }

    #[test]
    fn svg_is_refused() {
        let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert_eq!(sniff(svg), None);
        assert_eq!(sniff(b"<svg onload=alert(1)>"), None);
        assert_eq!(check_upload(svg, "Logo"), Err(FileProblem::WrongType));
    }

    #[test]
    fn zip_docx_and_exe_are_refused() {
        assert_eq!(sniff(b"PK\x03\x04\x14\0\x06\0"), None);
        assert_eq!(sniff(b"MZ\x90\0\x03\0\0\0"), None);
        assert_eq!(sniff(b"\x7FELF\x02\x01\x01"), None);
    }

    // --- FileKind ---

    #[test]
    fn kind_metadata() {
        assert_eq!(FileKind::Pdf.content_type(), "application/pdf");
        assert_eq!(FileKind::Png.content_type(), "image/png");
        assert_eq!(FileKind::Jpeg.content_type(), "image/jpeg");
        assert_eq!(FileKind::Gif.content_type(), "image/gif");
        assert_eq!(FileKind::Webp.content_type(), "image/webp");
        assert_eq!(FileKind::Jpeg.extension(), "jpg");
        assert_eq!(FileKind::Jpeg.code(), "jpeg");
        assert!(!FileKind::Pdf.is_image());
        assert!(FileKind::ALL
            .iter()
            .filter(|k| **k != FileKind::Pdf)
            .all(|k| k.is_image()));
        assert_eq!(FileKind::Pdf.label(), "PDF-document");
        assert_eq!(FileKind::Webp.label(), "WebP-afbeelding");
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_fail() {
        for kind in FileKind::ALL {
            assert_eq!(FileKind::from_code(kind.code()), Some(kind));
            assert!(!kind.label().is_empty());
        }
        assert_eq!(FileKind::from_code("jpg"), None);
        assert_eq!(FileKind::from_code("PDF"), None);
        assert_eq!(FileKind::from_code("svg"), None);
        assert_eq!(FileKind::from_code(""), None);
    }

    // --- check_upload ---

    #[test]
    fn empty_upload_is_refused() {
        assert_eq!(check_upload(b"", "alt"), Err(FileProblem::Empty));
    }

    #[test]
    fn size_limit_is_inclusive() {
        let mut big = vec![0u8; MAX_BYTES + 1];
        big[..PDF.len()].copy_from_slice(PDF);
        assert_eq!(check_upload(&big, ""), Err(FileProblem::TooLarge));
        big.truncate(MAX_BYTES);
        assert_eq!(check_upload(&big, ""), Ok(FileKind::Pdf));
    }

    #[test]
    fn image_needs_alt_text() {
        assert_eq!(check_upload(JPEG, ""), Err(FileProblem::AltTextMissing));
        assert_eq!(
            check_upload(GIF89, " \t\n "),
            Err(FileProblem::AltTextMissing)
        );
        assert_eq!(
            check_upload(WEBP, "Schema van de sessie"),
            Ok(FileKind::Webp)
        );
    }

    #[test]
    fn alt_text_length_counts_characters_after_trim() {
        let exact = "é".repeat(MAX_ALT_TEXT_CHARS);
        assert_eq!(
            check_upload(PNG, &format!("  {exact}  ")),
            Ok(FileKind::Png)
        );
        let over = "a".repeat(MAX_ALT_TEXT_CHARS + 1);
        assert_eq!(check_upload(PNG, &over), Err(FileProblem::AltTextTooLong));
    }

    #[test]
    fn pdf_does_not_need_alt_text() {
        assert_eq!(check_upload(PDF, ""), Ok(FileKind::Pdf));
        let long = "a".repeat(MAX_ALT_TEXT_CHARS + 10);
        assert_eq!(check_upload(PDF, &long), Ok(FileKind::Pdf));
    }

    #[test]
    fn problems_explain_in_dutch() {
        assert_eq!(
            FileProblem::WrongType.to_string(),
            "Dit bestandstype wordt niet geaccepteerd. \
             Upload een PDF of een afbeelding (PNG, JPEG, GIF of WebP)."
        );
        assert!(FileProblem::TooLarge.to_string().contains("10 MB"));
        assert!(FileProblem::AltTextTooLong
            .to_string()
            .contains("250 tekens"));
        assert!(FileProblem::Empty.to_string().contains("leeg"));
        assert!(FileProblem::AltTextMissing
            .to_string()
            .contains("alt-tekst"));
    }

    // --- safe_display_name ---

    #[test]
    fn display_name_examples() {
        assert_eq!(
            safe_display_name("../../etc/passwd", FileKind::Pdf),
            "passwd.pdf"
        );
        assert_eq!(
            safe_display_name("..\\..\\boot.ini", FileKind::Pdf),
            "boot.pdf"
        );
        assert_eq!(
            safe_display_name("evil\0name.png", FileKind::Png),
            "evilname.png"
        );
        assert_eq!(
            safe_display_name("   .hidden.pdf", FileKind::Pdf),
            "hidden.pdf"
        );
        assert_eq!(
            safe_display_name("verslag sessie 12.PDF", FileKind::Pdf),
            "verslag sessie 12.pdf"
        );
        assert_eq!(
            safe_display_name("rapport.exe", FileKind::Pdf),
            "rapport.pdf"
        );
    }

    #[test]
    fn display_name_removes_dangerous_characters() {
        assert_eq!(
            safe_display_name("a<b>c:d\"e|f?g*h'i`j.jpg", FileKind::Jpeg),
            "abcdefghij.jpg"
        );
        assert_eq!(
            safe_display_name("x\" onerror=\"alert(1)<img>.png", FileKind::Png),
            "x onerror=alert(1)img.png"
        );
        // A '/' inside markup still counts as a path separator.
        assert_eq!(
            safe_display_name("x\"><script>alert(1)</script>.png", FileKind::Png),
            "script.png"
        );
        assert_eq!(
            safe_display_name("  verslag \t\r\n  sessie  .pdf ", FileKind::Pdf),
            "verslag sessie.pdf"
        );
        // Right-to-left override used to disguise "exe" as "fdp".
        assert_eq!(
            safe_display_name("rapport\u{202E}fdp.exe", FileKind::Pdf),
            "rapportfdp.pdf"
        );
    }

    #[test]
    fn display_name_falls_back_when_nothing_is_left() {
        assert_eq!(safe_display_name("", FileKind::Gif), "bijlage.gif");
        assert_eq!(safe_display_name("...", FileKind::Pdf), "bijlage.pdf");
        assert_eq!(safe_display_name("dir/", FileKind::Webp), "bijlage.webp");
        assert_eq!(safe_display_name("<>|?*", FileKind::Png), "bijlage.png");
    }

    #[test]
    fn display_name_keeps_non_extension_suffixes() {
        assert_eq!(
            safe_display_name("versie 1.2", FileKind::Pdf),
            "versie 1.2.pdf"
        );
        assert_eq!(safe_display_name("notulen", FileKind::Pdf), "notulen.pdf");
        assert_eq!(safe_display_name("café.jpeg", FileKind::Jpeg), "café.jpg");
    }

    #[test]
    fn display_name_is_limited_and_keeps_extension() {
        let name = safe_display_name(&format!("{}.pdf", "a".repeat(300)), FileKind::Pdf);
        assert_eq!(name.chars().count(), MAX_NAME_CHARS);
        assert!(name.ends_with("a.pdf"));
        let name = safe_display_name(&format!("{}.webp", "é".repeat(300)), FileKind::Webp);
        assert_eq!(name.chars().count(), MAX_NAME_CHARS);
        assert!(name.ends_with(".webp"));
        // Truncation that lands on a space does not leave "x .pdf".
        let name = safe_display_name(&format!("{} b.pdf", "a".repeat(95)), FileKind::Pdf);
        assert_eq!(name, format!("{}.pdf", "a".repeat(95)));
    }

    #[test]
    fn display_name_avoids_windows_reserved_names() {
        assert_eq!(safe_display_name("CON.pdf", FileKind::Pdf), "_CON.pdf");
        assert_eq!(safe_display_name("nul", FileKind::Png), "_nul.png");
        assert_eq!(
            safe_display_name("com1.tar.pdf", FileKind::Pdf),
            "_com1.tar.pdf"
        );
        assert_eq!(
            safe_display_name("console.pdf", FileKind::Pdf),
            "console.pdf"
        );
        assert_eq!(safe_display_name("COM0.pdf", FileKind::Pdf), "COM0.pdf");
    }

    // --- stored_name ---

    #[test]
    fn stored_name_accepts_sha256_hex() {
        let hex = hash();
        assert_eq!(
            stored_name(&hex, FileKind::Jpeg),
            Some(format!("{hex}.jpg"))
        );
        let name = stored_name(&hex, FileKind::Webp).unwrap();
        assert!(name
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase() || b == b'.'));
        assert_eq!(name.matches('.').count(), 1);
    }

    #[test]
    fn stored_name_rejects_anything_else() {
        assert_eq!(stored_name("../x", FileKind::Pdf), None);
        assert_eq!(stored_name("", FileKind::Pdf), None);
        assert_eq!(stored_name(&hash()[..63], FileKind::Pdf), None);
        assert_eq!(stored_name(&format!("{}0", hash()), FileKind::Pdf), None);
        assert_eq!(stored_name(&hash().to_uppercase(), FileKind::Pdf), None);
        let with_slash = format!("../{}", &hash()[3..]);
        assert_eq!(with_slash.len(), 64);
        assert_eq!(stored_name(&with_slash, FileKind::Pdf), None);
        // 64 bytes but multi-byte characters: must not panic.
        let multibyte = format!("{}é", "a".repeat(62));
        assert_eq!(multibyte.len(), 64);
        assert_eq!(stored_name(&multibyte, FileKind::Pdf), None);
    }

    // --- content_disposition ---

    #[test]
    fn content_disposition_inline_with_fallback_and_utf8() {
        assert_eq!(
            content_disposition("Verslag café.pdf", false),
            "inline; filename=\"Verslag caf_.pdf\"; filename*=UTF-8''Verslag%20caf%C3%A9.pdf"
        );
    }

    #[test]
    fn content_disposition_attachment_when_downloading() {
        assert_eq!(
            content_disposition("plan.png", true),
            "attachment; filename=\"plan.png\"; filename*=UTF-8''plan.png"
        );
    }

    #[test]
    fn content_disposition_cannot_break_the_header() {
        let value = content_disposition("a\"b\\c\r\nSet-Cookie: x=1;.pdf", false);
        assert!(!value.contains('\r') && !value.contains('\n'));
        assert!(value.starts_with("inline; filename=\"abcSet-Cookie: x=1;.pdf\"; "));
        assert!(value.ends_with("filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3D1%3B.pdf"));
    }

    #[test]
    fn content_disposition_never_has_an_empty_name() {
        assert_eq!(
            content_disposition("", true),
            "attachment; filename=\"bijlage\"; filename*=UTF-8''bijlage"
        );
    }
}
