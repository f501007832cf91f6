//! `/gebieden/kaart`: every area placed by its coordinates on an SVG map Kernpunt draws
//! itself (no tile server: it works offline), markers coloured by a chosen key indicator.

use super::*;
use serde::{Deserialize, Serialize};

/// Number of colour classes on the map.
pub const CLASSES: usize = 5;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    pub slug: String,
    pub name: String,
    pub district: String,
    pub position: Option<(f64, f64)>,
    pub value: Option<(String, f64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapData {
    pub indicators: Vec<IndicatorDefinition>,
    pub chosen: IndicatorDefinition,
    pub points: Vec<MapPoint>,
    pub ignored: Option<String>,
}

/// The colour class names from best to worst news, given the indicator's direction;
/// a neutral indicator gets a single-hue scale.
pub fn class_names(direction: Direction) -> [&'static str; CLASSES] {
    match direction {
        Direction::LowerIsBetter => [
            "map-good-2",
            "map-good-1",
            "map-mid",
            "map-bad-1",
            "map-bad-2",
        ],
        Direction::HigherIsBetter => [
            "map-bad-2",
            "map-bad-1",
            "map-mid",
            "map-good-1",
            "map-good-2",
        ],
        Direction::Neutral => [
            "map-seq-1",
            "map-seq-2",
            "map-seq-3",
            "map-seq-4",
            "map-seq-5",
        ],
    }
}

pub mod api {
    use super::*;
    use crate::areas::api::AreaError;
    use leptos::prelude::*;

    #[server(endpoint = "area_map")]
    pub async fn area_map(indicator: String) -> Result<MapData, AreaError> {
        let pool = crate::db::pool_from_context().ok_or(AreaError::Unavailable)?;
        let fail = |error: sqlx::Error| {
            log::error!("map query failed: {error}");
            AreaError::Unavailable
        };
        let indicators: Vec<IndicatorDefinition> = crate::areas::db::indicator_definitions(&pool)
            .await
            .map_err(fail)?
            .into_iter()
            .filter(|d| d.is_key)
            .collect();
        let Some(first) = indicators.first().cloned() else {
            return Err(AreaError::Unavailable);
        };
        let (chosen, ignored) = match indicators.iter().find(|d| d.key == indicator) {
            Some(found) => (found.clone(), None),
            None if indicator.trim().is_empty() => (first, None),
            None => {
                let shown: String = indicator.chars().take(40).collect();
                (
                    first,
                    Some(format!(
                        "Indicator ‘{shown}’ bestaat niet; de kaart toont de eerste."
                    )),
                )
            }
        };
        let positions: Vec<(String, Option<f64>, Option<f64>)> =
            sqlx::query_as("SELECT slug, latitude, longitude FROM areas")
                .fetch_all(&pool)
                .await
                .map_err(fail)?;
        let points = crate::areas::db::area_summaries(&pool)
            .await
            .map_err(fail)?
            .into_iter()
            .map(|area| MapPoint {
                position: positions
                    .iter()
                    .find(|(slug, _, _)| *slug == area.slug)
                    .and_then(|(_, lat, lon)| lat.zip(*lon)),
                value: area
                    .key_value(&chosen.key)
                    .map(|v| (v.period.clone(), v.value)),
                slug: area.slug,
                name: area.name,
                district: area.district,
            })
            .collect();
        Ok(MapData {
            indicators,
            chosen,
            points,
            ignored,
        })
    }
}

pub mod pages {
    use super::api::area_map;
    use super::*;
    use crate::ui::chart::{class_breaks, class_of, fmt, project};
    use crate::ui::{layout::set_status, notice::ErrorNotice};
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::components::Form;
    use leptos_router::hooks::use_query_map;

    const WIDTH: f64 = 800.0;
    const HEIGHT: f64 = 560.0;

    #[component]
    pub fn MapPage() -> impl IntoView {
        let query = use_query_map();
        let indicator = move || query.read().get("indicator").unwrap_or_default();
        let map = Resource::new(indicator, area_map);
        view! {
            <Title text="Kaart van de gebieden"/>
            <nav aria-label="Kruimelpad" class="breadcrumb">
                <a href="/gebieden">"Gebieden"</a>
                " › "
                <span aria-current="page">"Kaart"</span>
            </nav>
            <h1>"Kaart van de gebieden"</h1>
            <Suspense fallback=|| view! { <p aria-busy="true">"Kaart laden…"</p> }>
                {move || Suspend::new(async move {
                    match map.await {
                        Ok(map) => view! { <MapView map/> }.into_any(),
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
    fn MapView(map: MapData) -> impl IntoView {
        let MapData {
            indicators,
            chosen,
            points,
            ignored,
        } = map;
        let values: Vec<f64> = points
            .iter()
            .filter_map(|p| p.value.as_ref().map(|v| v.1))
            .collect();
        let breaks = class_breaks(&values, CLASSES);
        let names = class_names(chosen.direction);
        // Fewer breaks (few distinct values) use the middle classes.
        let class_for = |value: f64| {
            let offset = (CLASSES - 1 - breaks.len()) / 2;
            names[(class_of(value, &breaks) + offset).min(CLASSES - 1)]
        };
        let placed: Vec<&MapPoint> = points.iter().filter(|p| p.position.is_some()).collect();
        let coords: Vec<(f64, f64)> = placed.iter().filter_map(|p| p.position).collect();
        let projected = project(&coords, WIDTH, HEIGHT, 48.0);

        // District names at the middle of their areas: enough orientation without a base map.
        let mut districts: Vec<(String, f64, f64, usize)> = Vec::new();
        for (point, (x, y)) in placed.iter().zip(&projected) {
            match districts.iter_mut().find(|(d, ..)| *d == point.district) {
                Some(entry) => {
                    entry.1 += x;
                    entry.2 += y;
                    entry.3 += 1;
                }
                None => districts.push((point.district.clone(), *x, *y, 1)),
            }
        }
        let district_labels = districts
            .into_iter()
            .map(|(name, x, y, n)| {
                view! {
                    <text class="map__district" x=fmt(x / n as f64) y=fmt(y / n as f64 - 22.0) text-anchor="middle">{name}</text>
                }
            })
            .collect_view();
        let markers = placed
            .iter()
            .zip(&projected)
            .map(|(point, (x, y))| {
                let href = format!("/gebieden/{}", point.slug);
                let value_text = point
                    .value
                    .as_ref()
                    .map(|(period, v)| format!("{} ({period})", chosen.format(*v)))
                    .unwrap_or_else(|| "geen gegevens".into());
                let label = format!("{}: {value_text}", point.name);
                let aria_label = label.clone();
                let class = match &point.value {
                    Some((_, v)) => format!("map__marker {}", class_for(*v)),
                    None => "map__marker map-none".to_string(),
                };
                view! {
                    <a href=href class=class aria-label=aria_label>
                        <title>{label}</title>
                        <circle cx=fmt(*x) cy=fmt(*y) r="11"/>
                        <text class="map__name" x=fmt(*x) y=fmt(*y + 25.0) text-anchor="middle">{point.name.clone()}</text>
                    </a>
                }
            })
            .collect_view();
        let legend = {
            let (min, max) = values
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                    (lo.min(*v), hi.max(*v))
                });
            let mut bounds = vec![min];
            bounds.extend(breaks.iter().copied());
            bounds.push(max);
            let items = bounds
                .windows(2)
                .map(|pair| {
                    let class = format!("map-legend__swatch {}", class_for((pair[0] + pair[1]) / 2.0));
                    view! { <li><span class=class aria-hidden="true"></span>{format!("{} – {}", chosen.format(pair[0]), chosen.format(pair[1]))}</li> }
                })
                .collect_view();
            (!values.is_empty()).then(|| view! {
                <ul class="map-legend" aria-label="Legenda">
                    {items}
                    <li><span class="map-legend__swatch map-none" aria-hidden="true"></span>"geen gegevens"</li>
                </ul>
            })
        };
        let unplaced: Vec<&MapPoint> = points.iter().filter(|p| p.position.is_none()).collect();
        let map_label = format!(
            "Kaart met alle gebieden, gekleurd naar {}",
            chosen.label.to_lowercase()
        );
        let chosen_key = chosen.key.clone();
        view! {
            <Form method="GET" action="/gebieden/kaart" attr:class="filter-form">
                <crate::ui::layout::AutoSubmit>
                <div class="filter-form__field">
                    <label for="kaart-indicator">"Kleur naar"</label>
                    <select id="kaart-indicator" name="indicator">
                        {indicators.iter().map(|d| {
                            let selected = d.key == chosen_key;
                            view! { <option value=d.key.clone() selected=selected>{d.label.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="filter-form__actions"><button type="submit">"Toon"</button></div>
                </crate::ui::layout::AutoSubmit>
            </Form>
            {ignored.map(|note| view! { <div class="notice notice--warning" role="status"><p>{note}</p></div> })}
            <p class="muted">{format!("{} — laatste meting per gebied. {}", chosen.label, chosen.direction.label())}</p>
            {legend}
            <figure class="map">
                <svg class="map__svg" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="group" aria-label=map_label>
                    <rect class="map__ground" x="0" y="0" width=WIDTH.to_string() height=HEIGHT.to_string()/>
                    {district_labels}
                    {markers}
                    <g class="map__north" aria-hidden="true">
                        <path d="M770,20 l8,22 l-8,-6 l-8,6 z"/>
                        <text x="770" y="58" text-anchor="middle">"N"</text>
                    </g>
                </svg>
            </figure>
            {(!unplaced.is_empty()).then(|| view! {
                <p>"Zonder locatie: "
                    {unplaced.iter().map(|p| view! { <a href=format!("/gebieden/{}", p.slug)>{p.name.clone()}</a>" " }).collect_view()}
                </p>
            })}
            <details class="chart-details">
                <summary>"Toon als tabel"</summary>
                <div class="table-scroll">
                    <table>
                        <caption>{format!("{} per gebied", chosen.label)}</caption>
                        <thead><tr><th scope="col">"Gebied"</th><th scope="col">"Stadsdeel"</th><th scope="col" class="numeric">{chosen.label.clone()}</th></tr></thead>
                        <tbody>
                            {points.iter().map(|p| view! {
                                <tr>
                                    <th scope="row"><a href=format!("/gebieden/{}", p.slug)>{p.name.clone()}</a></th>
                                    <td>{p.district.clone()}</td>
                                    <td class="numeric">{p.value.as_ref().map(|(_, v)| chosen.format(*v)).unwrap_or_else(|| "–".into())}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_follow_the_direction() {
        assert_eq!(class_names(Direction::LowerIsBetter)[0], "map-good-2");
        assert_eq!(class_names(Direction::HigherIsBetter)[0], "map-bad-2");
        assert_eq!(class_names(Direction::Neutral)[4], "map-seq-5");
    }
}
