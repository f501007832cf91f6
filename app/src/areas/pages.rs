//! The public area pages: the list and the profile.

use super::api::{get_area_profile, list_areas, AreaError};
use super::*;
use crate::ui::{
    format::{encode_query_value, paragraphs},
    layout::set_status,
    notice::ErrorNotice,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

/// `/gebieden`: every area, searchable by name or district.
///
/// The search is a plain GET form, so it works before the WASM has loaded; once hydrated,
/// typing updates the list straight away.
#[component]
pub fn AreaListPage() -> impl IntoView {
    let query_map = use_query_map();
    let query = move || query_map.read().get("q").unwrap_or_default();
    let areas = Resource::new(query, list_areas);
    let navigate = use_navigate();

    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let url = if text.trim().is_empty() {
            "/gebieden".to_string()
        } else {
            format!("/gebieden?q={}", encode_query_value(&text))
        };
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };

    view! {
        <Title text="Gebieden"/>
        <h1>"Gebieden"</h1>
        <p class="lead">
            "Alle kerngebieden in het programma: winkelstraten, wijk- en stadsdeelcentra. "
            "Open een gebied voor het verhaal, de opgaves en de cijfers."
        </p>
        <Form method="GET" action="/gebieden" attr:class="search-form" attr:role="search">
            <label for="zoek-gebied">"Zoek op naam of stadsdeel"</label>
            <div class="search-form__row">
                <input
                    type="search"
                    id="zoek-gebied"
                    name="q"
                    autocomplete="off"
                    maxlength=MAX_QUERY_CHARS.to_string()
                    prop:value=query
                    on:input=on_input
                />
                <button type="submit">"Zoeken"</button>
            </div>
        </Form>
        <Suspense fallback=|| view! { <p aria-busy="true">"Gebieden laden…"</p> }>
            {move || Suspend::new(async move {
                match areas.await {
                    Ok(list) => view! { <AreaTable areas=list query=query()/> }.into_any(),
                    Err(error) => {
                        set_status(503);
                        view! { <ErrorNotice message=error.to_string()/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

use super::api::MAX_QUERY_CHARS;

#[component]
fn AreaTable(areas: Vec<AreaSummary>, query: String) -> impl IntoView {
    let count = areas.len();
    let summary = match (count, query.trim().is_empty()) {
        (1, true) => "1 gebied".to_string(),
        (n, true) => format!("{n} gebieden"),
        (1, false) => format!("1 gebied gevonden voor ‘{}’", query.trim()),
        (n, false) => format!("{n} gebieden gevonden voor ‘{}’", query.trim()),
    };
    if count == 0 {
        return view! {
            <p class="result-count" role="status">{summary}</p>
            <div class="empty-state">
                <p>"Geen gebieden gevonden. Controleer de spelling of zoek op een deel van de naam."</p>
                <p><a href="/gebieden">"Toon alle gebieden"</a></p>
            </div>
        }
        .into_any();
    }
    view! {
        <p class="result-count" role="status">{summary}</p>
        <div class="table-scroll">
            <table class="area-table">
                <caption class="visually-hidden">"Kerngebieden met hun laatste leegstandscijfer"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Gebied"</th>
                        <th scope="col">"Stadsdeel"</th>
                        <th scope="col">"Type"</th>
                        <th scope="col">"Fase"</th>
                        <th scope="col" class="numeric">"Leegstand"</th>
                    </tr>
                </thead>
                <tbody>
                    {areas
                        .into_iter()
                        .map(|area| {
                            let href = format!("/gebieden/{}", area.slug);
                            let vacancy = match &area.vacancy {
                                Some((period, value)) => format!("{}% ({period})", format_number(*value, 1)),
                                None => "onbekend".to_string(),
                            };
                            view! {
                                <tr>
                                    <th scope="row"><A href=href>{area.name}</A></th>
                                    <td>{area.district}</td>
                                    <td>{area.area_type.label()}</td>
                                    <td>{area.phase.label()}</td>
                                    <td class="numeric">{vacancy}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// `/gebieden/{slug}`: one area's profile.
#[component]
pub fn AreaProfilePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let profile = Resource::new(slug, get_area_profile);

    view! {
        <Suspense fallback=|| view! { <p aria-busy="true">"Gebied laden…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(Some(profile)) => view! { <AreaProfileView profile/> }.into_any(),
                    Ok(None) => {
                        set_status(404);
                        view! { <AreaNotFound/> }.into_any()
                    }
                    Err(error) => {
                        set_status(503);
                        view! { <AreaUnavailable error/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn AreaNotFound() -> impl IntoView {
    view! {
        <Title text="Gebied niet gevonden"/>
        <h1>"Gebied niet gevonden"</h1>
        <p>"Dit gebied bestaat niet (meer). Misschien is de naam veranderd of is de link niet compleet."</p>
        <p><a href="/gebieden">"Bekijk alle gebieden"</a></p>
    }
}

#[component]
fn AreaUnavailable(error: AreaError) -> impl IntoView {
    view! {
        <Title text="Gebied niet beschikbaar"/>
        <h1>"Gebied niet beschikbaar"</h1>
        <ErrorNotice message=error.to_string()/>
    }
}

#[component]
fn AreaProfileView(profile: AreaProfile) -> impl IntoView {
    let auth = crate::accounts::pages::use_auth();
    let area_id = profile.id;
    let edit_href = format!("/gebieden/{}/bewerken", profile.slug);
    let AreaProfile {
        name,
        district,
        area_type,
        phase,
        activation,
        story_html,
        ambition,
        opgaves,
        stakeholders,
        contacts,
        indicators,
        ..
    } = profile;

    view! {
        <Title text=name.clone()/>
        <nav aria-label="Kruimelpad" class="breadcrumb">
            <a href="/gebieden">"Gebieden"</a>
            " › "
            <span aria-current="page">{name.clone()}</span>
        </nav>
        <div class="title-row">
            <h1>{name}</h1>
            <Transition fallback=|| ()>
                {move || {
                    let edit_href = edit_href.clone();
                    Suspend::new(async move {
                    let user = auth.user.await;
                    let allowed = crate::accounts::decide(
                        user.as_ref(),
                        &crate::accounts::Action::EditArea { area_id },
                    ) == crate::accounts::Access::Allowed;
                    allowed.then(|| view! { <a class="button-link" href=edit_href>"Bewerken"</a> })
                })}}
            </Transition>
        </div>
        <dl class="facts">
            <div><dt>"Stadsdeel"</dt><dd>{district}</dd></div>
            <div><dt>"Type"</dt><dd>{area_type.label()}</dd></div>
            <div><dt>"Fase"</dt><dd>{phase.label()}</dd></div>
            <div><dt>"Activatie"</dt><dd>{activation.label()}</dd></div>
        </dl>

        <section aria-labelledby="verhaal">
            <h2 id="verhaal">"Het verhaal"</h2>
            <div class="rich-text" inner_html=story_html></div>
            {(!ambition.trim().is_empty()).then(|| view! {
                <h3>"Ambitie"</h3>
                {paragraphs(&ambition)}
            })}
        </section>

        <section aria-labelledby="cijfers">
            <h2 id="cijfers">"Cijfers"</h2>
            <IndicatorTable indicators/>
        </section>

        <section aria-labelledby="opgaves">
            <h2 id="opgaves">"Opgaves"</h2>
            <OpgaveList opgaves/>
        </section>

        <section aria-labelledby="partijen">
            <h2 id="partijen">"Betrokken partijen"</h2>
            {if stakeholders.is_empty() {
                view! { <p class="empty-state">"Er zijn nog geen partijen vastgelegd."</p> }.into_any()
            } else {
                view! {
                    <ul class="stakeholders">
                        {stakeholders.into_iter().map(|s| view! {
                            <li>
                                <strong>{s.organisation}</strong>
                                " — " {s.role.label()}
                                {(!s.description.is_empty()).then(|| format!(": {}", s.description))}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="contact">
            <h2 id="contact">"Contactpersonen"</h2>
            {if contacts.is_empty() {
                view! { <p class="empty-state">"Er zijn nog geen contactpersonen vastgelegd."</p> }.into_any()
            } else {
                view! {
                    <ul class="contacts">
                        {contacts.into_iter().map(|c| view! {
                            <li>
                                {c.role.label()} ": " <strong>{c.name}</strong>
                                {c.email.map(|email| {
                                    let href = format!("mailto:{email}");
                                    view! { " · " <a href=href>{email}</a> }
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn IndicatorTable(indicators: Vec<IndicatorLatest>) -> impl IntoView {
    if indicators.is_empty() {
        return view! { <p class="empty-state">"Voor dit gebied zijn nog geen cijfers bekend."</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
            <table class="indicator-table">
                <caption class="visually-hidden">"Laatste waarde per indicator, met de verandering ten opzichte van de vorige meting"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Indicator"</th>
                        <th scope="col" class="numeric">"Waarde"</th>
                        <th scope="col">"Periode"</th>
                        <th scope="col">"Verandering"</th>
                        <th scope="col">"Bron"</th>
                    </tr>
                </thead>
                <tbody>
                    {indicators.into_iter().map(|indicator| {
                        let value = format_with_unit(indicator.value, indicator.decimals, &indicator.unit);
                        view! {
                            <tr data-indicator=indicator.key.clone()>
                                <th scope="row">{indicator.label.clone()}</th>
                                <td class="numeric">{value}</td>
                                <td>{indicator.period.clone()}</td>
                                <td><ChangeBadge indicator=indicator.clone()/></td>
                                <td>{indicator.source.clone()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The change since the previous period: an arrow coloured by whether it is good news,
/// with words for screen readers (colour and arrow alone would not do).
#[component]
fn ChangeBadge(indicator: IndicatorLatest) -> impl IntoView {
    let (Some(change), Some(trend), Some((previous_period, _))) = (
        indicator.change(),
        indicator.trend(),
        indicator.previous.clone(),
    ) else {
        return view! { <span class="change change--none">"geen eerdere meting"</span> }.into_any();
    };
    let unit = if indicator.unit == "%" {
        " procentpunt"
    } else {
        ""
    };
    let amount = format_number(change.abs(), indicator.decimals);
    let (arrow, class, words) = match trend {
        Trend::Unchanged => ("→", "change change--same", "gelijk gebleven".to_string()),
        _ => {
            let (arrow, verb) = if change > 0.0 {
                ("▲", "gestegen")
            } else {
                ("▼", "gedaald")
            };
            let (class, judgement) = match trend {
                Trend::Better => ("change change--better", ", verbeterd"),
                Trend::Worse => ("change change--worse", ", verslechterd"),
                _ => ("change change--neutral", ""),
            };
            (
                arrow,
                class,
                format!("{verb} met {amount}{unit}{judgement}"),
            )
        }
    };
    view! {
        <span class=class>
            <span aria-hidden="true">{arrow} " "</span>
            {words}
            <span class="change__since">{format!(" sinds {previous_period}")}</span>
        </span>
    }
    .into_any()
}

#[component]
fn OpgaveList(opgaves: Vec<Opgave>) -> impl IntoView {
    if opgaves.is_empty() {
        return view! { <p class="empty-state">"Er zijn nog geen opgaves vastgelegd."</p> }
            .into_any();
    }
    view! {
        <ul class="opgaves">
            {opgaves.into_iter().map(|opgave| {
                let status_class = format!("status status--{}", opgave.status.code());
                view! {
                    <li class="opgave">
                        <strong class="opgave__title">{opgave.title}</strong>
                        <span class=status_class>{opgave.status.label()}</span>
                        <span class="opgave__meta">
                            "Thema: " {opgave.theme}
                            {(!opgave.owner.is_empty()).then(|| format!(" · Trekker: {}", opgave.owner))}
                            {opgave.due_date.map(|d| format!(" · Deadline: {}", crate::ui::format::dutch_date(&d)))}
                        </span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
