//! Search helpers for the library: turning what a visitor typed into a safe FTS5
//! `MATCH` expression, marking the query's terms in titles, and making snippets.
//!
//! The FTS5 table uses `tokenize="unicode61 remove_diacritics 2"`; [`fold`] compares
//! text the same way in Rust. Snippets are made here ([`snippet`]) for the hits on the
//! page only, because SQLite works `snippet()` out for every match before it sorts.

/// Longest query text looked at; longer input is cut (on a char boundary), never refused.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most terms (words + phrases) used.
pub const MAX_TERMS: usize = 12;
/// Marks the start of a highlight in an FTS5 snippet (`char(57344)`); stripped from
/// stored text shown as a snippet.
pub const MARK_START: char = '\u{E000}';
/// Marks the end of a highlight in an FTS5 snippet (`char(57345)`).
pub const MARK_END: char = '\u{E001}';

/// A piece of a snippet or title: plain text or highlighted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnippetPart {
    /// Plain text.
    Text(String),
    /// Highlighted (matching) text.
    Mark(String),
}

/// One term of a query: a single word (searched as a prefix) or a quoted phrase.
#[derive(Debug, PartialEq, Eq)]
struct Term {
    /// Lowercase words; exactly one for a plain word.
    words: Vec<String>,
    phrase: bool,
}

/// Combining diacritical marks (U+0300–U+036F): part of a word, removed by folding.
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// Characters that make up a word: Unicode letters and digits, plus combining marks
/// so decomposed text (`e` + U+0301) stays one word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The first `MAX_QUERY_CHARS` characters of `input`.
fn cut(input: &str) -> &str {
    match input.char_indices().nth(MAX_QUERY_CHARS) {
        Some((at, _)) => &input[..at],
        None => input,
    }
}

/// The lowercase words of `text`, split on everything that is not a letter or digit.
fn words_of(text: &str) -> Vec<String> {
    word_ranges(text)
        .into_iter()
        .map(|(start, end)| text[start..end].to_lowercase())
        .collect()
}

/// A lone letter (`x`, `é`) would be a prefix matching nearly everything, so it is
/// dropped as a plain word; a lone digit (`5`) is specific enough and is kept.
fn is_single_letter(word: &str) -> bool {
    let mut alnum = word.chars().filter(|c| c.is_alphanumeric());
    match (alnum.next(), alnum.next()) {
        (Some(c), None) => !c.is_numeric(),
        _ => false,
    }
}

/// Adds a term unless it is empty, a repeat, or over the limit.
fn push_term(terms: &mut Vec<Term>, term: Term) {
    if terms.len() < MAX_TERMS && !term.words.is_empty() && !terms.contains(&term) {
        terms.push(term);
    }
}

/// Parses typed text into at most `MAX_TERMS` terms (see [`fts_query`] for the rules).
fn parse_terms(input: &str) -> Vec<Term> {
    let text = cut(input);
    // With an odd number of quotes the last one has no partner; it is skipped below and,
    // not being a word character, simply separates words like a space would.
    let unpaired = if text.matches('"').count() % 2 == 1 {
        text.rfind('"')
    } else {
        None
    };
    let mut terms = Vec::new();
    let push_chunk = |terms: &mut Vec<Term>, chunk: &str, phrase: bool| {
        if phrase {
            push_term(
                terms,
                Term {
                    words: words_of(chunk),
                    phrase: true,
                },
            );
        } else {
            for word in words_of(chunk) {
                if !is_single_letter(&word) {
                    push_term(
                        terms,
                        Term {
                            words: vec![word],
                            phrase: false,
                        },
                    );
                }
            }
        }
    };
    let mut chunk_start = 0;
    let mut in_phrase = false;
    for (at, c) in text.char_indices() {
        if c != '"' || Some(at) == unpaired {
            continue;
        }
        push_chunk(&mut terms, &text[chunk_start..at], in_phrase);
        in_phrase = !in_phrase;
        chunk_start = at + 1;
    }
    push_chunk(&mut terms, &text[chunk_start..], false);
    terms
}

/// Turns what a visitor typed into a safe FTS5 MATCH expression, or None when nothing
/// searchable is left.
///
/// - Only the first [`MAX_QUERY_CHARS`] characters are looked at, and at most
///   [`MAX_TERMS`] terms are used; repeated terms count once.
/// - Text between balanced double quotes becomes a phrase `"openbare ruimte"`; an
///   unbalanced (last) quote counts as a space; an empty phrase is dropped.
/// - Everything else is split into words on anything that is not a Unicode letter or
///   digit (`e-mail` → `e`, `mail`); each word becomes a prefix term `"word"*`.
/// - Single letters are dropped as plain words (too broad as a prefix); single digits
///   are kept. Inside a phrase single letters are kept.
/// - Everything is lowercased and every term is quoted, so FTS5 keywords (AND, OR, NOT,
///   NEAR), column filters and `* ^ + - ( )` can never act as syntax. Terms are joined
///   with a space (implicit AND).
pub fn fts_query(input: &str) -> Option<String> {
    let terms = parse_terms(input);
    if terms.is_empty() {
        return None;
    }
    let rendered: Vec<String> = terms
        .iter()
        .map(|t| {
            if t.phrase {
                format!("\"{}\"", t.words.join(" "))
            } else {
                format!("\"{}\"*", t.words[0])
            }
        })
        .collect();
    Some(rendered.join(" "))
}

/// The terms of a query as [`fts_query`] uses them, lowercase and without quotes or
/// stars, for highlighting titles: `"openbare ruimte" leeg` → `["openbare ruimte", "leeg"]`.
pub fn query_terms(input: &str) -> Vec<String> {
    parse_terms(input)
        .into_iter()
        .map(|t| t.words.join(" "))
        .collect()
}

/// The base letter of a lowercase letter with a canonical diacritic decomposition
/// (Latin-1 and Latin Extended-A); other characters are returned unchanged. Letters
/// without such a decomposition (`ĳ`, `ø`, `æ`, `ß`, `ł`) stay, as in SQLite.
fn strip_diacritic(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// The folded form of one character: lowercased, diacritics removed; a combining mark
/// folds to nothing.
fn fold_char(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase()
        .filter(|l| !is_combining_mark(*l))
        .map(strip_diacritic)
}

/// Folds case and diacritics the way the unicode61 tokenizer with `remove_diacritics 2`
/// does, for comparing in Rust: `"Café ëën"` → `"cafe een"`. Covers Latin-1 and Latin
/// Extended-A letters and combining marks; `ĳ` stays `ĳ`.
pub fn fold(text: &str) -> String {
    text.chars().flat_map(fold_char).collect()
}

/// Appends `text` to `parts` as plain or marked text, merging with a neighbour of the
/// same kind and skipping empty text.
fn push_part(parts: &mut Vec<SnippetPart>, mark: bool, text: &str) {
    if text.is_empty() {
        return;
    }
    match (parts.last_mut(), mark) {
        (Some(SnippetPart::Text(last)), false) | (Some(SnippetPart::Mark(last)), true) => {
            last.push_str(text)
        }
        _ => parts.push(if mark {
            SnippetPart::Mark(text.to_string())
        } else {
            SnippetPart::Text(text.to_string())
        }),
    }
}

/// Splits a snippet with [`MARK_START`]/[`MARK_END`] markers into parts. A stray end
/// marker (and a start inside a highlight) is dropped; a missing end closes at the end
/// of the text. Adjacent parts of the same kind are merged; empty parts are dropped.
pub fn snippet_parts(snippet: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut in_mark = false;
    for c in snippet.chars() {
        match c {
            MARK_START if !in_mark => {
                push_part(&mut parts, false, &current);
                current.clear();
                in_mark = true;
            }
            MARK_END if in_mark => {
                push_part(&mut parts, true, &current);
                current.clear();
                in_mark = false;
            }
            MARK_START | MARK_END => {}
            _ => current.push(c),
        }
    }
    push_part(&mut parts, in_mark, &current);
    parts
}

/// One folded character and the byte range of the original character it came from.
type Folded = (char, usize, usize);

/// How many folded characters from `at` match `pattern` (folded words), if any.
/// A single word must start a word and matches as a prefix. A phrase may start
/// anywhere; its inner words must be whole words separated by any run of non-word
/// characters, and its last word matches as a prefix.
fn match_len(folded: &[Folded], at: usize, pattern: &[Vec<char>]) -> Option<usize> {
    if pattern.len() == 1 && at > 0 && is_word_char(folded[at - 1].0) {
        return None;
    }
    let mut pos = at;
    for (n, word) in pattern.iter().enumerate() {
        if n > 0 {
            let gap_start = pos;
            while pos < folded.len() && !is_word_char(folded[pos].0) {
                pos += 1;
            }
            if pos == gap_start {
                return None;
            }
        }
        for &wc in word {
            if pos < folded.len() && folded[pos].0 == wc {
                pos += 1;
            } else {
                return None;
            }
        }
    }
    Some(pos - at)
}

/// Splits `text` into parts, marking where any of `terms` occurs (compared folded, so
/// case- and diacritic-insensitive): a single word as the prefix of a word, a phrase
/// anywhere. The longest match wins at each position. The output keeps the original
/// text, diacritics and case included; concatenated, the parts give back `text`.
pub fn highlight(text: &str, terms: &[String]) -> Vec<SnippetPart> {
    let mut folded: Vec<Folded> = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        // Most text is ASCII: folding it is lowercasing, without the general path's iterators.
        if c.is_ascii() {
            folded.push((c.to_ascii_lowercase(), at, at + 1));
        } else {
            folded.extend(fold_char(c).map(|f| (f, at, at + c.len_utf8())));
        }
    }
    let patterns: Vec<Vec<Vec<char>>> = terms
        .iter()
        .map(|t| {
            words_of(&fold(t))
                .iter()
                .map(|w| w.chars().collect())
                .collect()
        })
        .filter(|p: &Vec<Vec<char>>| !p.is_empty())
        .collect();

    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    let firsts: Vec<char> = patterns
        .iter()
        .filter_map(|p| p[0].first().copied())
        .collect();
    while i < folded.len() {
        if !firsts.contains(&folded[i].0) {
            i += 1;
            continue;
        }
        let best = patterns
            .iter()
            .filter_map(|p| match_len(&folded, i, p))
            .max()
            .unwrap_or(0);
        if best == 0 {
            i += 1;
            continue;
        }
        let start = folded[i].1.max(spans.last().map_or(0, |s| s.1));
        let mut end = folded[i + best - 1].2;
        // Combining marks fold to nothing; keep them with the letter they belong to.
        end += text[end..]
            .chars()
            .take_while(|c| is_combining_mark(*c))
            .map(char::len_utf8)
            .sum::<usize>();
        if start < end {
            spans.push((start, end));
        }
        i += best;
        while i < folded.len() && folded[i].1 < end {
            i += 1;
        }
    }

    let mut parts = Vec::new();
    let mut last = 0;
    for (start, end) in spans {
        push_part(&mut parts, false, &text[last..start]);
        push_part(&mut parts, true, &text[start..end]);
        last = end;
    }
    push_part(&mut parts, false, &text[last..]);
    parts
}

/// Words in a snippet, as FTS5's `snippet(…, 16)` gives.
pub const SNIPPET_WORDS: usize = 16;

/// A short passage of an item with the query's terms marked, made in Rust from the
/// ranked page's own texts instead of by FTS5's `snippet()`, which SQLite works out for
/// every match before sorting. Picks the text (summary or body) where the most distinct
/// terms occur, then the window of [`SNIPPET_WORDS`] words with the most of them, with the
/// first hit a little in from the start; `…` marks text left out. Without any hit there
/// (the title alone matched) it is the start of the summary.
pub fn snippet(texts: &[&str], terms: &[String]) -> Vec<SnippetPart> {
    let patterns: Vec<Vec<String>> = terms
        .iter()
        .map(|t| words_of(&fold(t)))
        .filter(|p| !p.is_empty())
        .collect();
    // (score, text, its words, each hit as (word number, term number)). Matching word by
    // word: folding whole bodies character by character cost most of a search.
    type Candidate<'t> = (usize, &'t str, Vec<(usize, usize)>, Vec<(usize, usize)>);
    let mut best: Option<Candidate> = None;
    for text in texts {
        let words = word_ranges(text);
        let hits = word_hits(text, &words, &patterns);
        let score = distinct(&hits) * 1000 + hits.len();
        if score > 0 && best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, text, words, hits));
        }
    }
    let Some((_, text, words, hits)) = best else {
        let summary = texts.first().copied().unwrap_or_default();
        let words = word_ranges(summary);
        return window(summary, &words, 0, terms);
    };
    // The window starting at a hit that holds the most distinct terms, then the most hits.
    let mut chosen = (0, 0, 0);
    for (i, &(first, _)) in hits.iter().enumerate() {
        let inside: Vec<(usize, usize)> = hits[i..]
            .iter()
            .take_while(|(w, _)| *w < first + SNIPPET_WORDS)
            .cloned()
            .collect();
        let score = (distinct(&inside), inside.len());
        if (score.0, score.1) > (chosen.1, chosen.2) {
            let last = inside.last().map_or(first, |h| h.0);
            // Centre the hits: the unused words are split before and after them.
            let spare = SNIPPET_WORDS.saturating_sub(last - first + 1);
            chosen = (first.saturating_sub(spare / 2), score.0, score.1);
        }
    }
    let start = chosen.0.min(words.len().saturating_sub(SNIPPET_WORDS));
    window(text, &words, start, terms)
}

/// How many different terms `hits` (word number, term number) holds.
fn distinct(hits: &[(usize, usize)]) -> usize {
    let mut seen: Vec<usize> = hits.iter().map(|(_, term)| *term).collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// Whether `word` folded equals `folded` (or, with `prefix`, starts with it).
fn folds_to(word: &str, folded: &str, prefix: bool) -> bool {
    if word.is_ascii() {
        let (word, folded) = (word.as_bytes(), folded.as_bytes());
        let long_enough = if prefix {
            word.len() >= folded.len()
        } else {
            word.len() == folded.len()
        };
        long_enough && word[..folded.len()].eq_ignore_ascii_case(folded)
    } else {
        let word = fold(word);
        if prefix {
            word.starts_with(folded)
        } else {
            word == folded
        }
    }
}

/// Where `patterns` (folded words of each term) occur among `words` of `text`, as (word
/// number, term number): a word as a word's prefix, a phrase as whole words with its last
/// one as a prefix, as [`highlight`] marks them.
fn word_hits(
    text: &str,
    words: &[(usize, usize)],
    patterns: &[Vec<String>],
) -> Vec<(usize, usize)> {
    let mut hits = Vec::new();
    for at in 0..words.len() {
        for (term, pattern) in patterns.iter().enumerate() {
            let last = pattern.len() - 1;
            let found = at + last < words.len()
                && pattern.iter().enumerate().all(|(n, folded)| {
                    let (start, end) = words[at + n];
                    folds_to(&text[start..end], folded, n == last)
                });
            if found {
                hits.push((at, term));
            }
        }
    }
    hits
}

/// Byte ranges of the words of `text`: runs of word characters with a letter or digit in
/// them (a run of combining marks alone is no word).
fn word_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start = None;
    let push = |ranges: &mut Vec<(usize, usize)>, s: usize, end: usize| {
        if text[s..end].chars().any(char::is_alphanumeric) {
            ranges.push((s, end));
        }
    };
    for (at, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                push(&mut ranges, s, at);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(&mut ranges, s, text.len());
    }
    ranges
}

/// [`SNIPPET_WORDS`] words of `text` from word `start`, highlighted, with `…` where text
/// was left out.
fn window(
    text: &str,
    words: &[(usize, usize)],
    start: usize,
    terms: &[String],
) -> Vec<SnippetPart> {
    if words.is_empty() {
        return Vec::new();
    }
    let start = start.min(words.len() - 1);
    let end = (start + SNIPPET_WORDS).min(words.len());
    let mut parts = Vec::new();
    if start > 0 {
        push_part(&mut parts, false, "…");
    }
    let last = if end == words.len() {
        text.len()
    } else {
        words[end - 1].1
    };
    for part in highlight(&text[words[start].0..last], terms) {
        match part {
            SnippetPart::Text(t) => push_part(&mut parts, false, &t),
            SnippetPart::Mark(t) => push_part(&mut parts, true, &t),
        }
    }
    if end < words.len() {
        push_part(&mut parts, false, "…");
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> SnippetPart {
        SnippetPart::Text(s.to_string())
    }

    fn mark(s: &str) -> SnippetPart {
        SnippetPart::Mark(s.to_string())
    }

    fn terms(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    /// Fails unless `expr` is only quoted strings, each optionally followed by `*`,
    /// separated by spaces: outside the quotes nothing but spaces and `*` is allowed.
    fn assert_safe(input: &str, expr: &str) {
        let mut in_quote = false;
        let mut prev = ' ';
        let mut outside = String::new();
        for c in expr.chars() {
            if c == '"' {
                in_quote = !in_quote;
            } else if in_quote {
                assert!(
                    is_word_char(c) || c == ' ',
                    "{input:?}: unexpected {c:?} inside quotes in {expr:?}"
                );
            } else {
                outside.push(c);
                if c == '*' {
                    assert_eq!(prev, '"', "{input:?}: star not after a quote in {expr:?}");
                }
            }
            prev = c;
        }
        assert!(!in_quote, "{input:?}: unbalanced quotes in {expr:?}");
        assert!(
            outside.chars().all(|c| c == ' ' || c == '*'),
            "{input:?}: unquoted syntax {outside:?} in {expr:?}"
        );
        assert!(
            !expr.contains("\"\""),
            "{input:?}: empty phrase in {expr:?}"
        );
        let count = expr.matches('"').count() / 2;
        assert!((1..=MAX_TERMS).contains(&count), "{input:?}: {count} terms");
    }

    #[test]
    fn examples_from_the_spec() {
        assert_eq!(fts_query("leegst").as_deref(), Some("\"leegst\"*"));
        assert_eq!(
            fts_query("Leegstand AND").as_deref(),
            Some("\"leegstand\"* \"and\"*")
        );
        assert_eq!(fts_query("\""), None);
        assert_eq!(fts_query("*"), None);
        assert_eq!(
            fts_query("ondermijning \"openbare ruimte\"").as_deref(),
            Some("\"ondermijning\"* \"openbare ruimte\"")
        );
        assert_eq!(
            fts_query("'; DROP TABLE x; --").as_deref(),
            Some("\"drop\"* \"table\"*")
        );
        assert_eq!(
            fts_query("\"openbare ruimte\"").as_deref(),
            Some("\"openbare ruimte\"")
        );
    }

    #[test]
    fn long_input_is_cut_to_limits() {
        let long =
            "wijk ".repeat(2000) + &(0..2000).map(|n| format!("woord{n} ")).collect::<String>();
        let expr = fts_query(&long).unwrap();
        assert_safe("long", &expr);
        assert_eq!(
            expr, "\"wijk\"*",
            "repeats count once, later words are past the cut"
        );

        let many: String = (0..2000).map(|n| format!("w{n} ")).collect();
        assert!(many.chars().count() > 10_000);
        let expr = fts_query(&many).unwrap();
        assert_eq!(expr.matches('"').count() / 2, MAX_TERMS);
        assert!(expr.starts_with("\"w0\"* \"w1\"*"));

        // Cut on a char boundary, not a byte boundary.
        let wide = "é".repeat(10_000);
        let expr = fts_query(&wide).unwrap();
        assert_eq!(expr, format!("\"{}\"*", "é".repeat(MAX_QUERY_CHARS)));

        // A closing quote beyond the cut leaves the opening one unbalanced.
        let cut_phrase = format!("\"{} ruimte\"", "a".repeat(MAX_QUERY_CHARS));
        assert_eq!(
            fts_query(&cut_phrase).as_deref(),
            Some(format!("\"{}\"*", "a".repeat(MAX_QUERY_CHARS - 1)).as_str())
        );
    }

    #[test]
    fn quotes_and_phrases() {
        assert_eq!(
            fts_query("\"openbare ruimte").as_deref(),
            Some("\"openbare\"* \"ruimte\"*")
        );
        assert_eq!(
            fts_query("\"openbare ruimte\" \"leeg").as_deref(),
            Some("\"openbare ruimte\" \"leeg\"*")
        );
        assert_eq!(fts_query("\"\" leeg").as_deref(), Some("\"leeg\"*"));
        assert_eq!(fts_query("\"!! --\""), None);
        assert_eq!(
            fts_query("\"Openbare-Ruimte, Beheer\"").as_deref(),
            Some("\"openbare ruimte beheer\"")
        );
        assert_eq!(fts_query("\"a b\"").as_deref(), Some("\"a b\""));
        assert_eq!(
            fts_query("leeg\"stand\"x").as_deref(),
            Some("\"leeg\"* \"stand\"")
        );
    }

    #[test]
    fn words_are_split_lowercased_and_filtered() {
        assert_eq!(fts_query("café").as_deref(), Some("\"café\"*"));
        assert_eq!(fts_query("ÉÉN Ëzel").as_deref(), Some("\"één\"* \"ëzel\"*"));
        assert_eq!(
            fts_query("buurt-aanpak").as_deref(),
            Some("\"buurt\"* \"aanpak\"*")
        );
        // The single letters left by splitting are dropped like any single letter.
        assert_eq!(fts_query("e-mail").as_deref(), Some("\"mail\"*"));
        assert_eq!(fts_query("o'neill").as_deref(), Some("\"neill\"*"));
        assert_eq!(fts_query("covid-19").as_deref(), Some("\"covid\"* \"19\"*"));
        assert_eq!(fts_query("fase 2 a").as_deref(), Some("\"fase\"* \"2\"*"));
        assert_eq!(fts_query("x y z"), None);
        assert_eq!(fts_query("ë"), None);
        assert_eq!(fts_query("leeg LEEG Leeg").as_deref(), Some("\"leeg\"*"));
        assert_eq!(fts_query("   \t\n "), None);
        assert_eq!(fts_query(""), None);
    }

    #[test]
    fn hostile_inputs_never_produce_syntax() {
        let hostile = [
            "AND",
            "OR OR",
            "NOT leeg",
            "NEAR(a b)",
            "NEAR(leeg stand, 3)",
            "title:x",
            "title:leeg",
            "{title body}:leeg",
            "\"",
            "\"\"",
            "\"\"\"",
            "\"\"\"\"",
            "*",
            "^leeg",
            "a AND",
            "-x",
            "-leeg",
            "+leeg",
            "(",
            ")",
            "leeg*",
            "leeg)",
            "\"leeg\"*",
            "\"a\" OR \"b\"",
            "ë",
            "é",
            "😀",
            "leeg😀stand",
            "\u{0}",
            "le\u{0}eg",
            "\u{E000}leeg\u{E001}",
            "'; DROP TABLE x; --",
            "e\u{301}e\u{301}n",
            "\u{301}\u{301}",
            "İstanbul",
            "ǅemal",
            "٣٤",
            "ＡＮＤ",
            "\\\"leeg\\\"",
            "\"leeg\\\"",
        ];
        for input in hostile {
            if let Some(expr) = fts_query(input) {
                assert_safe(input, &expr);
            }
        }
        let big = "\"NEAR( OR * ^ title: -\u{0}😀ë ".repeat(400);
        assert!(big.chars().count() > 10_000);
        if let Some(expr) = fts_query(&big) {
            assert_safe("big", &expr);
        }
        assert_eq!(fts_query("AND").as_deref(), Some("\"and\"*"));
        assert_eq!(fts_query("OR OR").as_deref(), Some("\"or\"*"));
        assert_eq!(fts_query("NEAR(a b)").as_deref(), Some("\"near\"*"));
        assert_eq!(fts_query("title:x").as_deref(), Some("\"title\"*"));
        assert_eq!(fts_query("^leeg").as_deref(), Some("\"leeg\"*"));
        assert_eq!(fts_query("a AND").as_deref(), Some("\"and\"*"));
        assert_eq!(fts_query("\"\""), None);
        assert_eq!(fts_query("\"\"\""), None);
        assert_eq!(fts_query("-x"), None);
        assert_eq!(fts_query("("), None);
        assert_eq!(fts_query("😀"), None);
        assert_eq!(fts_query("\u{0}"), None);
        assert_eq!(fts_query("le\u{0}eg").as_deref(), Some("\"le\"* \"eg\"*"));
    }

    #[test]
    fn query_terms_match_the_expression() {
        assert_eq!(
            query_terms("\"openbare ruimte\" leeg"),
            terms(&["openbare ruimte", "leeg"])
        );
        assert_eq!(query_terms("Café AND x"), terms(&["café", "and"]));
        assert!(query_terms("\"\" * -").is_empty());
        let many: String = (0..50).map(|n| format!("term{n} ")).collect();
        assert_eq!(query_terms(&many).len(), MAX_TERMS);
    }

    #[test]
    fn fold_removes_case_and_diacritics() {
        assert_eq!(fold("Café ëën"), "cafe een");
        assert_eq!(
            fold("ÀÁÂÃÄÅ ÇÈÉÊË ÌÍÎÏ ÑÒÓÔÕÖ ÙÚÛÜ Ýÿ"),
            "aaaaaa ceeee iiii nooooo uuuu yy"
        );
        assert_eq!(fold("ĳs Ĳssel IJssel"), "ĳs ĳssel ijssel");
        assert_eq!(fold("Øresund Æ ß"), "øresund æ ß");
        assert_eq!(fold("Šťěpán Łódź"), "stepan łodz");
        assert_eq!(fold("e\u{301}e\u{308}n"), "een");
        assert_eq!(fold("Leegstand 2024!"), "leegstand 2024!");
    }

    #[test]
    fn highlight_ignores_case_and_diacritics() {
        assert_eq!(
            highlight("Het Café op de hoek", &terms(&["cafe"])),
            vec![text("Het "), mark("Café"), text(" op de hoek")]
        );
        assert_eq!(
            highlight("Het cafe", &terms(&["CAFÉ"])),
            vec![text("Het "), mark("cafe")]
        );
        // Decomposed diacritics stay with their letter.
        assert_eq!(
            highlight("Cafe\u{301}s", &terms(&["cafe"])),
            vec![mark("Cafe\u{301}"), text("s")]
        );
    }

    #[test]
    fn highlight_words_as_prefixes() {
        assert_eq!(
            highlight("Leegstand aanpakken", &terms(&["leegst"])),
            vec![mark("Leegst"), text("and aanpakken")]
        );
        assert_eq!(
            highlight("Leegstand aanpakken", &terms(&["stand"])),
            vec![text("Leegstand aanpakken")]
        );
        assert_eq!(
            highlight("Leeg, leegstand en LEEGTE", &terms(&["leeg", "leegstand"])),
            vec![
                mark("Leeg"),
                text(", "),
                mark("leegstand"),
                text(" en "),
                mark("LEEG"),
                text("TE"),
            ]
        );
        assert_eq!(
            highlight("Beleid 2024-2025", &terms(&["2024"])),
            vec![text("Beleid "), mark("2024"), text("-2025")]
        );
    }

    #[test]
    fn highlight_phrases() {
        assert_eq!(
            highlight("Beheer Openbare  Ruimte-plan", &terms(&["openbare ruimte"])),
            vec![text("Beheer "), mark("Openbare  Ruimte"), text("-plan")]
        );
        assert_eq!(
            highlight("Openbaretje ruimte", &terms(&["openbare ruimte"])),
            vec![text("Openbaretje ruimte")]
        );
        assert_eq!(
            highlight("Over de e-mail", &terms(&["e-mail"])),
            vec![text("Over de "), mark("e-mail")]
        );
    }

    #[test]
    fn highlight_keeps_the_original_text() {
        let cases = [
            ("", vec!["leeg"]),
            ("Leegstand", vec![]),
            ("Leegstand", vec!["", "!!"]),
            ("İstanbul İs", vec!["is", "i"]),
            ("ĳsbaan en IJsbaan", vec!["ĳs"]),
            ("😀 café 😀 CAFÉ", vec!["caf", "😀"]),
            ("e\u{301}e\u{301}n e\u{301}", vec!["een", "e"]),
        ];
        for (title, list) in cases {
            let parts = highlight(title, &terms(&list));
            let joined: String = parts
                .iter()
                .map(|p| match p {
                    SnippetPart::Text(s) | SnippetPart::Mark(s) => s.as_str(),
                })
                .collect();
            assert_eq!(joined, title);
            assert!(parts.iter().all(|p| p != &text("") && p != &mark("")));
            assert!(parts
                .windows(2)
                .all(|w| std::mem::discriminant(&w[0]) != std::mem::discriminant(&w[1])));
        }
        assert!(highlight("", &terms(&["leeg"])).is_empty());
        assert_eq!(highlight("Leegstand", &[]), vec![text("Leegstand")]);
        assert_eq!(
            highlight("ĳsbaan en IJsbaan", &terms(&["ĳs"])),
            vec![mark("ĳs"), text("baan en IJsbaan")]
        );
    }

    #[test]
    fn snippet_parts_with_markers() {
        let s = format!("…de {MARK_START}leegstand{MARK_END} in de {MARK_START}wijk{MARK_END}…");
        assert_eq!(
            snippet_parts(&s),
            vec![
                text("…de "),
                mark("leegstand"),
                text(" in de "),
                mark("wijk"),
                text("…")
            ]
        );
        assert_eq!(snippet_parts("gewone tekst"), vec![text("gewone tekst")]);
        assert!(snippet_parts("").is_empty());
    }

    #[test]
    fn snippet_parts_with_stray_markers() {
        assert_eq!(
            snippet_parts(&format!("leeg{MARK_END}stand")),
            vec![text("leegstand")]
        );
        assert_eq!(
            snippet_parts(&format!("de {MARK_START}leegstand")),
            vec![text("de "), mark("leegstand")]
        );
        assert_eq!(
            snippet_parts(&format!("{MARK_START}{MARK_END}leeg{MARK_START}{MARK_END}")),
            vec![text("leeg")]
        );
        assert_eq!(
            snippet_parts(&format!("{MARK_START}a{MARK_START}b{MARK_END}c{MARK_END}")),
            vec![mark("ab"), text("c")]
        );
        assert_eq!(
            snippet_parts(&format!(
                "{MARK_START}leeg{MARK_END}{MARK_START}stand{MARK_END}"
            )),
            vec![mark("leegstand")]
        );
        assert_eq!(snippet_parts(&format!("{MARK_END}{MARK_START}")), vec![]);
    }

    fn joined(parts: &[SnippetPart]) -> String {
        parts
            .iter()
            .map(|p| match p {
                SnippetPart::Text(t) => t.clone(),
                SnippetPart::Mark(m) => format!("[{m}]"),
            })
            .collect()
    }

    #[test]
    fn snippet_picks_the_text_and_window_with_the_most_terms() {
        let summary = "Over winkels in het centrum.";
        let body = "Een lange inleiding over van alles en nog wat dat hier niet ter zake doet, \
                    zoals het weer en de markt. Daarna: leegstand in de winkelstraat vraagt \
                    om een aanpak met ondernemers en vastgoedeigenaren samen, en dat kost tijd.";
        let parts = snippet(&[summary, body], &terms(&["leegst", "ondernemers"]));
        let text = joined(&parts);
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        assert!(
            text.contains("[leegst]and") && text.contains("[ondernemers]"),
            "{text}"
        );
        // Sixteen words, the ellipses not counted.
        assert_eq!(
            words_of(&text.replace(['[', ']'], "")).len(),
            SNIPPET_WORDS,
            "{text}"
        );
    }

    #[test]
    fn snippet_of_a_short_text_is_whole_and_without_ellipses() {
        let parts = snippet(&["Leegstand aanpakken.", "Tekst."], &terms(&["leegstand"]));
        assert_eq!(joined(&parts), "[Leegstand] aanpakken.");
        // A phrase is marked as a whole; diacritics fold.
        let parts = snippet(
            &["De openbare ruimte bij het café."],
            &terms(&["openbare ruimte", "cafe"]),
        );
        assert_eq!(joined(&parts), "De [openbare ruimte] bij het [café].");
    }

    #[test]
    fn snippet_without_a_hit_is_the_start_of_the_summary() {
        let summary = "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien zeventien";
        let parts = snippet(&[summary, "body"], &terms(&["titelwoord"]));
        let text = joined(&parts);
        assert!(
            text.starts_with("een twee") && text.ends_with("zestien…"),
            "{text}"
        );
        assert!(snippet(&["", ""], &terms(&["x"])).is_empty());
    }
}
