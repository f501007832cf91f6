//! The written summary at the top of a profile: three to five Dutch sentences made from the
//! data by fixed rules. Each rule speaks only when its data is there, and says which periods
//! it compares, so every sentence can be checked against the tables below it.

use super::peers::{position_word, PeerStanding};
use super::{format_number, format_with_unit, AreaType, Direction};

/// At most this many sentences.
pub const MAX_SENTENCES: usize = 5;
/// The trend sentence looks this many years back (or fewer, when the data is shorter).
pub const TREND_YEARS: u32 = 2;

/// One indicator as the rules see it.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryIndicator {
    pub label: String,
    pub unit: String,
    pub decimals: u8,
    pub direction: Direction,
    pub is_key: bool,
    /// Every value of the area, sorted by period ("2024" or "2024-06").
    pub points: Vec<(String, f64)>,
    pub peer: Option<PeerStanding>,
}

impl SummaryIndicator {
    fn format(&self, value: f64) -> String {
        format_with_unit(value, self.decimals, &self.unit)
    }
}

/// What the summary is made from.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryInput {
    pub area_name: String,
    pub area_type: AreaType,
    /// In display order; the first key indicator with a trend leads.
    pub indicators: Vec<SummaryIndicator>,
    /// Titles of the opgaves past their deadline.
    pub overdue: Vec<String>,
    /// Opgaves per status: open, in progress, done.
    pub opgave_counts: (usize, usize, usize),
}

/// "2025" → "2025", "2025-03" → "maart 2025".
pub fn period_words(period: &str) -> String {
    match period.split_once('-') {
        Some((year, month)) => match month.parse::<usize>() {
            Ok(m @ 1..=12) => format!("{} {year}", crate::ui::format::MONTHS[m - 1]),
            _ => period.to_string(),
        },
        None => period.to_string(),
    }
}

/// The label inside a sentence: "Passanten (zaterdag)" → "passanten (zaterdag)", but an
/// abbreviation such as "WOZ-waarde" keeps its capitals.
fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}

fn capitalised(sentence: String) -> String {
    let mut chars = sentence.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => sentence,
    }
}

/// The latest value and the value of the same period up to `years` earlier (the longest
/// span that has data): `(earlier period, earlier, latest period, latest)`.
fn trend(points: &[(String, f64)], years: u32) -> Option<(&str, f64, &str, f64)> {
    let (latest_period, latest) = points.last()?;
    (1..=years).rev().find_map(|back| {
        let target = super::series::years_before(latest_period, back)?;
        let (period, value) = points.iter().find(|(p, _)| *p == target)?;
        Some((period.as_str(), *value, latest_period.as_str(), *latest))
    })
}

/// "steeg", "daalde" or "bleef gelijk": equal when both values read the same.
fn verb(from: f64, to: f64, decimals: u8) -> &'static str {
    if format_number(from, decimals) == format_number(to, decimals) {
        "bleef gelijk"
    } else if to > from {
        "steeg"
    } else {
        "daalde"
    }
}

/// The sentences, in a fixed order: the lead indicator's trend (with its place against the
/// peer median), how the key indicators compare with the peers, the biggest change in a
/// year, overdue opgaves, and the opgaves by status.
pub fn sentences(input: &SummaryInput) -> Vec<String> {
    let mut out = Vec::new();
    let peers = input.area_type.plural();

    // 1. The trend of the first key indicator that has one.
    let lead = input
        .indicators
        .iter()
        .filter(|i| i.is_key && i.direction != Direction::Neutral)
        .find_map(|i| trend(&i.points, TREND_YEARS).map(|t| (i, t)));
    if let Some((indicator, (from_period, from, to_period, to))) = lead {
        let label = capitalised(in_sentence(&indicator.label));
        let mut sentence = match verb(from, to, indicator.decimals) {
            "bleef gelijk" => format!(
                "{label} bleef tussen {} en {} gelijk op {}",
                period_words(from_period),
                period_words(to_period),
                indicator.format(to)
            ),
            verb => format!(
                "{label} {verb} tussen {} en {} van {} naar {}",
                period_words(from_period),
                period_words(to_period),
                indicator.format(from),
                indicator.format(to)
            ),
        };
        if let Some(peer) = indicator.peer.as_ref().filter(|p| p.areas >= 2) {
            sentence.push_str(&format!(
                " en ligt {} de mediaan van {peers} ({})",
                position_word(to, peer.median, indicator.decimals),
                indicator.format(peer.median)
            ));
        }
        sentence.push('.');
        out.push(sentence);
    }

    // 2. The key indicators against the peer median, and the best place.
    let compared: Vec<(&SummaryIndicator, &PeerStanding, f64)> = input
        .indicators
        .iter()
        .filter(|i| i.is_key && i.direction != Direction::Neutral)
        .filter_map(|i| {
            let peer = i
                .peer
                .as_ref()
                .filter(|p| p.areas >= 2 && p.rank.is_some())?;
            Some((i, peer, i.points.last()?.1))
        })
        .collect();
    if !compared.is_empty() {
        let better = compared
            .iter()
            .filter(|(i, peer, value)| match i.direction {
                Direction::LowerIsBetter => {
                    position_word(*value, peer.median, i.decimals) == "onder"
                }
                _ => position_word(*value, peer.median, i.decimals) == "boven",
            })
            .count();
        let mut sentence = format!(
            "Op {better} van de {} kerncijfers doet {} het beter dan de mediaan van {peers}",
            compared.len(),
            input.area_name
        );
        // The best place; on a tie the first indicator in display order.
        if let Some((indicator, peer, _)) = compared
            .iter()
            .min_by_key(|(_, peer, _)| peer.rank.unwrap_or(usize::MAX))
        {
            if let Some(rank) = peer.rank_text() {
                sentence.push_str(&format!(
                    "; de beste plaats is {rank} op {}",
                    in_sentence(&indicator.label)
                ));
            }
        }
        sentence.push('.');
        out.push(sentence);
    }

    // 3. The biggest change against the same period a year before (the lead excluded).
    let lead_label = lead.map(|(i, _)| i.label.as_str());
    let biggest = input
        .indicators
        .iter()
        .filter(|i| Some(i.label.as_str()) != lead_label)
        .filter_map(|i| {
            let (_, from, to_period, to) = trend(&i.points, 1)?;
            if from == 0.0 || verb(from, to, i.decimals) == "bleef gelijk" {
                return None;
            }
            // Compared relative to where each was; a percentage is then told in points.
            Some((((to - from) / from).abs(), i, from, to, to_period))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((_, indicator, from, to, period)) = biggest {
        let change = if indicator.unit == "%" {
            format!(
                "{} procentpunt",
                format_number((to - from).abs(), indicator.decimals)
            )
        } else {
            format!("{}%", format_number(((to - from) / from).abs() * 100.0, 0))
        };
        out.push(format!(
            "De grootste verandering in een jaar: {} {} met {change} naar {} ({}).",
            in_sentence(&indicator.label),
            verb(from, to, indicator.decimals),
            indicator.format(to),
            period_words(period)
        ));
    }

    // 4. Overdue opgaves, by name (at most three).
    match input.overdue.as_slice() {
        [] => {}
        [one] => out.push(format!("De opgave ‘{one}’ is over de deadline.")),
        many => {
            let named: Vec<String> = many.iter().take(3).map(|t| format!("‘{t}’")).collect();
            let more = many.len().saturating_sub(3);
            let list = match (named.split_last(), more) {
                (Some((last, rest)), 0) => format!("{} en {last}", rest.join(", ")),
                _ => format!("{} en nog {more}", named.join(", ")),
            };
            out.push(format!(
                "{} opgaves zijn over de deadline: {list}.",
                many.len()
            ));
        }
    }

    // 5. The opgaves by status.
    let (open, in_progress, done) = input.opgave_counts;
    let total = open + in_progress + done;
    if total > 0 {
        let noun = if total == 1 { "opgave" } else { "opgaves" };
        let parts: Vec<String> = [
            (in_progress, "in uitvoering"),
            (open, "open"),
            (done, "afgerond"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, words)| format!("{n} {words}"))
        .collect();
        let list = match parts.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} en {last}", rest.join(", ")),
            None => String::new(),
        };
        out.push(format!("{} heeft {total} {noun}: {list}.", input.area_name));
    }

    out.truncate(MAX_SENTENCES);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(list: &[(&str, f64)]) -> Vec<(String, f64)> {
        list.iter().map(|(p, v)| (p.to_string(), *v)).collect()
    }

    fn vacancy(list: &[(&str, f64)], peer: Option<PeerStanding>) -> SummaryIndicator {
        SummaryIndicator {
            label: "Leegstand (verkooppunten)".into(),
            unit: "%".into(),
            decimals: 1,
            direction: Direction::LowerIsBetter,
            is_key: true,
            points: points(list),
            peer,
        }
    }

    fn footfall(list: &[(&str, f64)]) -> SummaryIndicator {
        SummaryIndicator {
            label: "Passanten (zaterdag)".into(),
            unit: "per dag".into(),
            decimals: 0,
            direction: Direction::HigherIsBetter,
            is_key: true,
            points: points(list),
            peer: None,
        }
    }

    fn input(indicators: Vec<SummaryIndicator>) -> SummaryInput {
        SummaryInput {
            area_name: "Lindenplein".into(),
            area_type: AreaType::NeighbourhoodCentre,
            indicators,
            overdue: Vec::new(),
            opgave_counts: (0, 0, 0),
        }
    }

    fn peer(median: f64, rank: usize, areas: usize) -> PeerStanding {
        PeerStanding {
            area_type: AreaType::NeighbourhoodCentre,
            median,
            areas,
            rank: Some(rank),
        }
    }

    #[test]
    fn no_data_no_sentences() {
        assert!(sentences(&input(Vec::new())).is_empty());
        // One value has no trend and no change: still nothing to say.
        assert!(sentences(&input(vec![vacancy(&[("2025", 7.4)], None)])).is_empty());
    }

    #[test]
    fn trend_over_two_years_with_the_peer_median() {
        let data = input(vec![vacancy(
            &[("2023", 6.1), ("2024", 6.6), ("2025", 7.4)],
            Some(peer(5.2, 6, 7)),
        )]);
        let s = sentences(&data);
        assert_eq!(
            s[0],
            "Leegstand (verkooppunten) steeg tussen 2023 en 2025 van 6,1% naar 7,4% en ligt boven de mediaan van wijkcentra (5,2%)."
        );
        assert_eq!(
            s[1],
            "Op 0 van de 1 kerncijfers doet Lindenplein het beter dan de mediaan van wijkcentra; de beste plaats is 6e van 7 wijkcentra op leegstand (verkooppunten)."
        );
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn trend_falls_back_to_one_year_and_reads_months() {
        let s = sentences(&input(vec![vacancy(
            &[("2024-03", 8.0), ("2025-03", 6.5)],
            None,
        )]));
        assert_eq!(
            s,
            ["Leegstand (verkooppunten) daalde tussen maart 2024 en maart 2025 van 8,0% naar 6,5%."]
        );
        // A gap (no value a year or two before the latest): no trend.
        assert!(sentences(&input(vec![vacancy(&[("2020", 8.0), ("2025", 6.5)], None)])).is_empty());
        // Unchanged at the shown precision.
        let same = sentences(&input(vec![vacancy(
            &[("2024", 6.04), ("2025", 5.98)],
            None,
        )]));
        assert_eq!(
            same,
            ["Leegstand (verkooppunten) bleef tussen 2024 en 2025 gelijk op 6,0%."]
        );
    }

    #[test]
    fn biggest_change_is_another_indicator_than_the_lead() {
        let s = sentences(&input(vec![
            vacancy(&[("2024", 6.0), ("2025", 7.0)], None),
            footfall(&[("2024", 12500.0), ("2025", 10000.0)]),
        ]));
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[1],
            "De grootste verandering in een jaar: passanten (zaterdag) daalde met 20% naar 10.000 per dag (2025)."
        );
    }

    #[test]
    fn opgaves_overdue_and_by_status() {
        let mut data = input(Vec::new());
        data.overdue = vec!["Gevelfonds".into()];
        data.opgave_counts = (1, 2, 0);
        assert_eq!(
            sentences(&data),
            [
                "De opgave ‘Gevelfonds’ is over de deadline.",
                "Lindenplein heeft 3 opgaves: 2 in uitvoering en 1 open."
            ]
        );
        data.overdue = vec!["A".into(), "B".into(), "C".into(), "D".into()];
        data.opgave_counts = (0, 0, 1);
        let s = sentences(&data);
        assert_eq!(
            s[0],
            "4 opgaves zijn over de deadline: ‘A’, ‘B’, ‘C’ en nog 1."
        );
        assert_eq!(s[1], "Lindenplein heeft 1 opgave: 1 afgerond.");
        data.overdue.truncate(2);
        assert_eq!(
            sentences(&data)[0],
            "2 opgaves zijn over de deadline: ‘A’ en ‘B’."
        );
    }

    #[test]
    fn at_most_five_sentences() {
        let mut data = input(vec![
            vacancy(&[("2023", 6.1), ("2025", 7.4)], Some(peer(5.2, 2, 7))),
            footfall(&[("2024", 12500.0), ("2025", 10000.0)]),
        ]);
        data.overdue = vec!["A".into()];
        data.opgave_counts = (1, 1, 1);
        let s = sentences(&data);
        assert_eq!(s.len(), 5);
        assert!(s.iter().all(|s| s.ends_with('.')));
    }

    #[test]
    fn words_for_periods_and_labels() {
        assert_eq!(period_words("2025-12"), "december 2025");
        assert_eq!(period_words("2025"), "2025");
        assert_eq!(in_sentence("WOZ-waarde"), "WOZ-waarde");
        assert_eq!(
            in_sentence("Rapportcijfer bezoekers"),
            "rapportcijfer bezoekers"
        );
    }
}
