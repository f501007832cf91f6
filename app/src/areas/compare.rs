//! `/gebieden/vergelijk?g=a&g=b…`: two to four areas side by side — key indicators now,
//! their trends in shared charts, stuurwiel radars overlaid, opgave themes in common.

use super::*;
use serde::{Deserialize, Serialize};

/// At most this many areas are compared; more lines make a chart unreadable.
pub const MAX_AREAS: usize = 4;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Every area (slug, name), for the choice form.
    pub options: Vec<(String, String)>,
    pub key_indicators: Vec<IndicatorDefinition>,
    pub areas: Vec<AreaProfile>,
    /// Opgave themes (labels) that every compared area works on.
    pub common_themes: Vec<String>,
    pub ignored: Vec<String>,
}

/// Slugs from the URL: blanks dropped, duplicates removed, at most `MAX_AREAS`.
/// Returns the slugs and notes about what was left out.
pub fn clean_slugs(raw: &[String]) -> (Vec<String>, Vec<String>) {
    let mut slugs: Vec<String> = Vec::new();
    let mut notes = Vec::new();
    for slug in raw.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if slugs.iter().any(|s| s == slug) {
            continue;
        }
        if slugs.len() == MAX_AREAS {
            notes.push(format!(
                "U kunt hoogstens {MAX_AREAS} gebieden vergelijken; de rest is weggelaten."
            ));
            break;
        }
        slugs.push(slug.to_string());
    }
    (slugs, notes)
}

/// Themes present in every list (in the order of the first), each once.
pub fn common_themes(per_area: &[Vec<String>]) -> Vec<String> {
    let Some((first, rest)) = per_area.split_first() else {
        return Vec::new();
    };
    let mut common: Vec<String> = Vec::new();
    for theme in first {
        if rest.iter().all(|other| other.contains(theme)) && !common.contains(theme) {
            common.push(theme.clone());
        }
    }
    common
}

pub mod api {
    use super::*;
    use crate::areas::api::AreaError;
    use leptos::prelude::*;

    #[server(endpoint = "compare_areas")]
    pub async fn compare_areas(slugs: Vec<String>) -> Result<Comparison, AreaError> {
        let pool = crate::db::pool_from_context().ok_or(AreaError::Unavailable)?;
        let fail = |error: sqlx::Error| {
            log::error!("comparison failed: {error}");
            AreaError::Unavailable
        };
        let (slugs, mut ignored) = clean_slugs(&slugs);
        let options: Vec<(String, String)> = sqlx::query_as(
            "SELECT slug, name FROM areas WHERE archived_at IS NULL ORDER BY name COLLATE NOCASE",
        )
        .fetch_all(&pool)
        .await
        .map_err(fail)?;
        let mut areas = Vec::new();
        for slug in slugs {
            let known = options.iter().any(|(s, _)| *s == slug);
            match known {
                true => {
                    if let Some(profile) = crate::areas::db::area_profile(&pool, &slug)
                        .await
                        .map_err(fail)?
                    {
                        areas.push(profile);
                    }
                }
                false => {
                    let shown: String = slug.chars().take(40).collect();
                    ignored.push(format!("Gebied ‘{shown}’ bestaat niet en is weggelaten."));
                }
            }
        }
        let key_indicators = crate::areas::db::indicator_definitions(&pool)
            .await
            .map_err(fail)?
            .into_iter()
            .filter(|d| d.is_key)
            .collect();
        let themes: Vec<Vec<String>> = areas
            .iter()
            .map(|a| a.opgaves.iter().map(|o| o.theme.clone()).collect())
            .collect();
        Ok(Comparison {
            options,
            key_indicators,
            common_themes: if areas.len() >= 2 {
                common_themes(&themes)
            } else {
                Vec::new()
            },
            areas,
            ignored,
        })
    }
}

pub mod pages {
    use super::api::compare_areas;
    use super::*;
    use crate::areas::monitor::{pages::ReferenceSwitch, Reference};
    use crate::ui::charts::{ChartCard, ChartLine, RadarChart, RadarRound, ValueFormat};
    use crate::ui::{layout::set_status, notice::ErrorNotice};
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::components::Form;
    use leptos_router::hooks::use_query_map;

    const SERIES: [&str; MAX_AREAS] = ["series-1", "series-2", "series-3", "series-4"];

    #[component]
    pub fn ComparePage() -> impl IntoView {
        let query = use_query_map();
        let slugs = move || query.read().get_all("g").unwrap_or_default();
        let comparison = Resource::new(slugs, compare_areas);
        view! {
            <Title text="Gebieden vergelijken"/>
            <nav aria-label="Kruimelpad" class="breadcrumb">
                <a href="/gebieden">"Gebieden"</a>
                " › "
                <span aria-current="page">"Vergelijken"</span>
            </nav>
            <h1>"Gebieden vergelijken"</h1>
            <Suspense fallback=|| view! { <p aria-busy="true">"Vergelijking laden…"</p> }>
                {move || Suspend::new(async move {
                    let reference = Reference::from_query(query.read_untracked().get("vergelijk").as_deref());
                    match comparison.await {
                        Ok(comparison) => view! { <CompareView comparison reference/> }.into_any(),
                        Err(error) => {
                            set_status(503);
                            view! { <ErrorNotice message=error.to_string()/> }.into_any()
                        }
                    }
                })}
            </Suspense>
        }
    }

    #[component]
    fn CompareView(comparison: Comparison, reference: Reference) -> impl IntoView {
        let Comparison {
            options,
            key_indicators,
            areas,
            common_themes,
            ignored,
        } = comparison;
        let chosen: Vec<String> = areas.iter().map(|a| a.slug.clone()).collect();
        let selects = (0..MAX_AREAS)
            .map(|i| {
                let id = format!("vergelijk-{}", i + 1);
                let label_for = id.clone();
                let current = chosen.get(i).cloned().unwrap_or_default();
                view! {
                    <div class="filter-form__field">
                        <label for=label_for>{format!("Gebied {}", i + 1)}</label>
                        <select id=id name="g">
                            <option value="">"— geen —"</option>
                            {options.iter().map(|(slug, name)| {
                                let selected = *slug == current;
                                view! { <option value=slug.clone() selected=selected>{name.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                }
            })
            .collect_view();
        let chosen_hidden: Vec<(&'static str, String)> =
            chosen.iter().map(|slug| ("g", slug.clone())).collect();
        let form = view! {
            <Form method="GET" action="/gebieden/vergelijk" attr:class="filter-form">
                {selects}
                <input type="hidden" name="vergelijk" value=reference.query_value()/>
                <div class="filter-form__actions"><button type="submit">"Vergelijk"</button></div>
            </Form>
            {(!ignored.is_empty()).then(|| view! {
                <div class="notice notice--warning" role="status">
                    <ul>{ignored.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                </div>
            })}
        };
        if areas.len() < 2 {
            return view! {
                {form}
                <div class="empty-state">
                    <p>"Kies twee tot vier gebieden om ze naast elkaar te zien: kerncijfers, verloop, stuurwiel en gedeelde opgaves."</p>
                </div>
            }
            .into_any();
        }

        let names: Vec<String> = areas.iter().map(|a| a.name.clone()).collect();
        let latest_table = {
            let header = names
                .iter()
                .map(|n| view! { <th scope="col" class="numeric">{n.clone()}</th> })
                .collect_view();
            let rows = key_indicators
                .iter()
                .map(|d| {
                    let cells = areas
                        .iter()
                        .map(|a| {
                            let latest = a.indicators.iter().find(|i| i.key == d.key);
                            let text = latest
                                .map(|i| format!("{} ({})", d.format(i.value), i.period))
                                .unwrap_or_else(|| "–".into());
                            let note = latest.and_then(|i| match reference {
                                Reference::City => i.city.map(|c| format!("stad {}", d.format(c))),
                                Reference::Peers => i.peer.as_ref().map(|p| {
                                    let rank = p.rank_text().map(|r| format!(" · {r}")).unwrap_or_default();
                                    format!("{}{rank}", p.median_text(|v| d.format(v)))
                                }),
                            });
                            view! {
                                <td class="numeric">
                                    {text}
                                    {note.map(|n| view! { <span class="reference-note">{n}</span> })}
                                </td>
                            }
                        })
                        .collect_view();
                    view! { <tr><th scope="row">{d.label.clone()}</th>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label="Kerncijfers nu">
                    <table class="compare-table">
                        <caption>"Kerncijfers nu (laatste meting)"</caption>
                        <thead><tr><th scope="col">"Indicator"</th>{header}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        };

        let charts = key_indicators
            .iter()
            .map(|d| {
                let series_of = |a: &AreaProfile| {
                    a.indicators
                        .iter()
                        .position(|ind| ind.key == d.key)
                        .map(|pos| a.series[pos].clone())
                };
                let mut lines: Vec<ChartLine> = areas
                    .iter()
                    .enumerate()
                    .map(|(i, a)| ChartLine {
                        label: a.name.clone(),
                        class: SERIES[i],
                        points: series_of(a).map(|s| s.points).unwrap_or_default(),
                        reference: false,
                    })
                    .collect();
                match reference {
                    // The city line of the area with the longest series spans the most time.
                    Reference::City => {
                        let city = areas
                            .iter()
                            .filter_map(|a| series_of(a).map(|s| s.city))
                            .max_by_key(|c| c.len())
                            .unwrap_or_default();
                        lines.push(ChartLine {
                            label: "Gemiddelde van de stad".into(),
                            class: "series-city",
                            points: city,
                            reference: true,
                        });
                    }
                    // One median line per type among the compared areas.
                    Reference::Peers => {
                        const PEER_SERIES: [&str; MAX_AREAS] = [
                            "series-peer",
                            "series-peer-2",
                            "series-peer-3",
                            "series-peer-4",
                        ];
                        let mut types: Vec<AreaType> = Vec::new();
                        for a in &areas {
                            if types.contains(&a.area_type) {
                                continue;
                            }
                            types.push(a.area_type);
                            lines.push(ChartLine {
                                label: format!("Mediaan {}", a.area_type.plural()),
                                class: PEER_SERIES[types.len() - 1],
                                points: series_of(a).map(|s| s.peer).unwrap_or_default(),
                                reference: true,
                            });
                        }
                    }
                }
                let format = ValueFormat {
                    decimals: d.decimals,
                    unit: d.unit.clone(),
                };
                let label = format!("{} per gebied door de tijd", d.label);
                let caption = format!("{} per periode en gebied", d.label);
                view! { <ChartCard heading=d.label.clone() label caption lines format/> }
            })
            .collect_view();

        // Radars overlay only when the areas were assessed on the same framework.
        let radar = {
            let assessed: Vec<(usize, &StuurwielView)> = areas
                .iter()
                .enumerate()
                .filter_map(|(i, a)| a.stuurwiel.as_ref().map(|s| (i, s)))
                .collect();
            match assessed.first() {
                None => view! { <p class="empty-state">"Geen van deze gebieden is beoordeeld op het stuurwiel."</p> }.into_any(),
                Some((_, first)) => {
                    let rounds = assessed
                        .iter()
                        .filter(|(_, s)| s.framework == first.framework)
                        .map(|(i, s)| RadarRound {
                            label: format!("{} ({})", names[*i], crate::ui::format::dutch_date(&s.latest.assessed_on)),
                            class: SERIES[*i],
                            scores: s.latest.score_values(),
                        })
                        .collect();
                    let segments = first.segments.iter().map(|s| s.name.clone()).collect();
                    view! {
                        <RadarChart
                            label="Stuurwiel: laatste beoordeling per gebied".to_string()
                            segments
                            scale_min=first.scale_min as f64
                            scale_max=first.scale_max as f64
                            rounds
                        />
                    }
                    .into_any()
                }
            }
        };

        view! {
            {form}
            <h2>"Kerncijfers"</h2>
            <ReferenceSwitch action="/gebieden/vergelijk" reference hidden=chosen_hidden/>
            {latest_table}
            <h2>"Verloop"</h2>
            <div class="chart-grid">{charts}</div>
            <h2>"Stuurwiel"</h2>
            <div class="compare-radar">{radar}</div>
            <h2>"Gedeelde opgaves"</h2>
            {if common_themes.is_empty() {
                view! { <p>"Deze gebieden hebben geen opgavethema gemeen."</p> }.into_any()
            } else {
                view! {
                    <p>"Alle gekozen gebieden werken aan:"</p>
                    <ul>{common_themes.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                }.into_any()
            }}
        }
        .into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_cleaned() {
        let raw: Vec<String> = ["a", "", "b", "a", " c ", "d", "e"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (slugs, notes) = clean_slugs(&raw);
        assert_eq!(slugs, ["a", "b", "c", "d"]);
        assert_eq!(notes.len(), 1);
        assert_eq!(clean_slugs(&[]).0, Vec::<String>::new());
    }

    #[test]
    fn common_themes_are_in_every_area() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            common_themes(&[
                s(&["a", "b", "b", "c"]),
                s(&["c", "b"]),
                s(&["b", "c", "d"])
            ]),
            ["b", "c"]
        );
        assert!(common_themes(&[s(&["a"]), s(&[])]).is_empty());
        assert!(common_themes(&[]).is_empty());
    }
}
