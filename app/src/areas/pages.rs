//! The public area pages: the list and the profile.

use super::api::{get_area_profile, list_areas, AreaError, MAX_QUERY_CHARS};
use super::list::{AreaFilter, AreaListing};
use super::*;
use crate::ui::{
    format::paragraphs,
    layout::{set_status, AutoSubmit},
    notice::ErrorNotice,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/gebieden`: every area, filtered and sorted by what is in the URL.
///
/// The filters are a plain GET form, so they work before the WASM has loaded; with it,
/// typing or choosing submits the form at once (`AutoSubmit`) and the page's navigation
/// script swaps in the new list without a full reload.
#[component]
pub fn AreaListPage() -> impl IntoView {
    let query_map = use_query_map();
    let filter = move || AreaFilter::from_query(|name| query_map.read().get(name));
    let listing = Resource::new(filter, list_areas);
    // Read by every option of the form: worked out once, not per option.
    let current = Memo::new(move |_| filter());

    view! {
        <Title text="Gebieden"/>
        <div class="title-row">
            <h1>"Gebieden"</h1>
            <crate::accounts::pages::CoordinatorLink href="/gebieden/nieuw" label="Gebied toevoegen"/>
        </div>
        <p class="lead">
            "Alle kerngebieden in het programma: winkelstraten, wijk- en stadsdeelcentra. "
            "Open een gebied voor het verhaal, de opgaves en de cijfers, of "
            <a href="/gebieden/vergelijk">"vergelijk gebieden"</a> " en bekijk ze "
            <a href="/gebieden/kaart">"op de kaart"</a> "."
        </p>
        <Suspense fallback=|| view! { <p aria-busy="true">"Gebieden laden…"</p> }>
            {move || Suspend::new(async move {
                match listing.await {
                    // The listing holds the form's choices too: one read for both.
                    Ok(listing) => view! {
                        <AreaFilterForm choices=listing.choices() filter=current.into()/>
                        {(!listing.ignored.is_empty()).then(|| view! {
                            <div class="notice notice--warning" role="status">
                                <ul>{listing.ignored.iter().map(|note| view! { <li>{note.clone()}</li> }).collect_view()}</ul>
                            </div>
                        })}
                        <AreaTable listing filter=filter()/>
                    }
                    .into_any(),
                    Err(error) => {
                        set_status(503);
                        view! { <ErrorNotice message=error.to_string()/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Search, filters and sort order as one GET form. The chosen values follow the URL.
#[component]
fn AreaFilterForm(choices: AreaListing, filter: Signal<AreaFilter>) -> impl IntoView {
    // An option that is selected while the URL holds its value.
    fn option(
        value: String,
        label: String,
        field: fn(&AreaFilter) -> &str,
        filter: Signal<AreaFilter>,
    ) -> impl IntoView {
        let code = value.clone();
        let selected = move || field(&filter.read()) == code;
        view! { <option value=value selected=selected>{label}</option> }
    }
    let coded = move |all: Vec<(&'static str, &'static str)>, field: fn(&AreaFilter) -> &str| {
        all.into_iter()
            .map(|(code, label)| option(code.to_string(), label.to_string(), field, filter))
            .collect_view()
    };
    // "" is the default, so a plain form submit leaves the URL short.
    let mut sort_options = vec![(String::new(), "Naam".to_string())];
    for definition in &choices.key_indicators {
        sort_options.push((definition.key.clone(), definition.label.clone()));
        sort_options.push((
            format!("{}:verandering", definition.key),
            format!("{} — verandering", definition.label),
        ));
    }
    let has_filter = move || filter.read().clone() != AreaFilter::default();
    view! {
        <Form method="GET" action="/gebieden" attr:class="filter-form" attr:role="search">
            <AutoSubmit>
            <div class="filter-form__search">
                <label for="zoek-gebied">"Zoek op naam of stadsdeel"</label>
                <input
                    type="search"
                    id="zoek-gebied"
                    name="q"
                    autocomplete="off"
                    maxlength=MAX_QUERY_CHARS.to_string()
                    prop:value=move || filter.read().q.clone()

                />
            </div>
            <div class="filter-form__field">
                <label for="filter-stadsdeel">"Stadsdeel"</label>
                <select id="filter-stadsdeel" name="stadsdeel">
                    <option value="">"Alle stadsdelen"</option>
                    {choices.districts.iter().map(|d| option(d.clone(), d.clone(), |f| &f.district, filter)).collect_view()}
                </select>
            </div>
            <div class="filter-form__field">
                <label for="filter-type">"Type"</label>
                <select id="filter-type" name="type">
                    <option value="">"Alle typen"</option>
                    {coded(AreaType::ALL.iter().map(|t| (t.code(), t.label())).collect(), |f| &f.area_type)}
                </select>
            </div>
            <div class="filter-form__field">
                <label for="filter-fase">"Fase"</label>
                <select id="filter-fase" name="fase">
                    <option value="">"Alle fasen"</option>
                    {coded(Phase::ALL.iter().map(|p| (p.code(), p.label())).collect(), |f| &f.phase)}
                </select>
            </div>
            <div class="filter-form__field">
                <label for="filter-activatie">"Activatie"</label>
                <select id="filter-activatie" name="activatie">
                    <option value="">"Alle"</option>
                    {coded(Activation::ALL.iter().map(|a| (a.code(), a.label())).collect(), |f| &f.activation)}
                </select>
            </div>
            <div class="filter-form__field">
                <label for="filter-thema">"Lopende opgave over"</label>
                <select id="filter-thema" name="thema">
                    <option value="">"Alle thema’s"</option>
                    {choices.themes.iter().map(|(k, l)| option(k.clone(), l.clone(), |f| &f.theme, filter)).collect_view()}
                </select>
            </div>
            <div class="filter-form__field">
                <label for="filter-sorteer">"Sorteer op"</label>
                <select id="filter-sorteer" name="sorteer">
                    {sort_options.into_iter().map(|(v, l)| option(v, l, |f| &f.sort, filter)).collect_view()}
                </select>
            </div>
            <div class="filter-form__field">
                <label for="filter-volgorde">"Volgorde"</label>
                <select id="filter-volgorde" name="volgorde">
                    {option(String::new(), "Oplopend".into(), |f| &f.order, filter)}
                    {option("af".into(), "Aflopend".into(), |f| &f.order, filter)}
                </select>
            </div>
            <div class="filter-form__actions">
                <button type="submit">"Toon gebieden"</button>
                {move || has_filter().then(|| view! { <a href="/gebieden">"Wis filters"</a> })}
            </div>
            </AutoSubmit>
        </Form>
    }
}

#[component]
fn AreaTable(listing: AreaListing, filter: AreaFilter) -> impl IntoView {
    let AreaListing {
        areas,
        total,
        key_indicators,
        ..
    } = listing;
    let count = areas.len();
    let summary = if count == total {
        match count {
            1 => "1 gebied".to_string(),
            n => format!("{n} gebieden"),
        }
    } else {
        format!("{count} van {total} gebieden")
    };
    if total == 0 {
        // A new programme, not a filter that matched nothing.
        return view! {
            <p class="result-count" role="status">"Nog geen gebieden"</p>
            <div class="empty-state">
                <p>"Het programma heeft nog geen gebieden. Zodra de coördinatoren de eerste kerngebieden toevoegen, staan ze hier met hun verhaal, opgaves en cijfers."</p>
                <p><a href="/sessies">"Bekijk intussen de sessies"</a>" of "<a href="/kennisbank">"de kennisbank"</a>"."</p>
            </div>
        }
        .into_any();
    }
    if count == 0 {
        return view! {
            <p class="result-count" role="status">{summary}</p>
            <div class="empty-state">
                <p>"Geen gebieden gevonden met deze filters. Controleer de spelling, zoek op een deel van de naam of kies minder filters."</p>
                <p><a href="/gebieden">"Toon alle gebieden"</a></p>
            </div>
        }
        .into_any();
    }
    // A column header sorts by its indicator; a second click reverses the order.
    let sort_link = move |sort: String| {
        let current = if filter.sort.is_empty() {
            "naam"
        } else {
            filter.sort.as_str()
        };
        let descending = current == sort && filter.order != "af";
        let href = AreaFilter {
            sort: sort.clone(),
            order: if descending {
                "af".into()
            } else {
                String::new()
            },
            ..filter.clone()
        }
        .to_url();
        let state = (current == sort).then(|| {
            if filter.order == "af" {
                "descending"
            } else {
                "ascending"
            }
        });
        (href, state)
    };
    let (name_href, name_state) = sort_link("naam".into());
    view! {
        <p class="result-count" role="status">{summary}</p>
        <div class="table-scroll">
            <table class="area-table">
                <caption class="visually-hidden">"Kerngebieden met hun laatste kerncijfers"</caption>
                <thead>
                    <tr>
                        <th scope="col" aria-sort=name_state><a href=name_href>"Gebied"</a></th>
                        <th scope="col">"Stadsdeel"</th>
                        <th scope="col">"Type"</th>
                        <th scope="col">"Fase"</th>
                        {key_indicators.clone().into_iter().map(|d| {
                            let (href, state) = sort_link(d.key.clone());
                            view! { <th scope="col" class="numeric" aria-sort=state><a href=href>{d.label}</a></th> }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {areas
                        .into_iter()
                        .map(|area| {
                            let href = format!("/gebieden/{}", area.slug);
                            let cells = key_indicators.iter().map(|d| {
                                let text = area
                                    .key_value(&d.key)
                                    .map(|v| d.format(v.value))
                                    .unwrap_or_else(|| "–".to_string());
                                view! { <td class="numeric">{text}</td> }
                            }).collect_view();
                            view! {
                                <tr>
                                    <th scope="row"><a href=href>{area.name}</a></th>
                                    <td>{area.district}</td>
                                    <td>{area.area_type.label()}</td>
                                    <td>{area.phase.label()}</td>
                                    {cells}
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
    let csv_href = format!("/gebieden/{}/cijfers.csv", profile.slug);
    let recent_slug = profile.slug.clone();
    let recent = Resource::new(
        move || recent_slug.clone(),
        crate::areas::activation::api::recent_activation,
    );
    let log_href = format!("/gebieden/{}/activatie", profile.slug);
    let (follow_key, follow_name) = (profile.slug.clone(), profile.name.clone());
    let proposals_href = crate::areas::proposals::api::list_path(&profile.slug);
    let proposals_slug = profile.slug.clone();
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
        series,
        stuurwiel,
        archived,
        summary,
        proposals,
        ..
    } = profile;
    let chart_name = name.clone();
    let milestones = opgave_milestones(&opgaves);

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
                    let coordinator = crate::accounts::decide(user.as_ref(), &crate::accounts::Action::Coordinate)
                        == crate::accounts::Access::Allowed;
                    let update_href = edit_href.replace("/bewerken", "/bericht");
                    view! {
                        {allowed.then(|| view! { <a class="button-link" href=edit_href>"Bewerken"</a> })}
                        {coordinator.then(|| view! { " " <a class="button-link" href=update_href>"Bericht aan volgers"</a> })}
                    }
                })}}
            </Transition>
        </div>
        {archived.then(|| view! {
            <div class="notice notice--warning" role="status">
                <p>"Dit gebied is gearchiveerd: het doet niet meer mee aan het programma en staat niet meer in de lijst, op de kaart, in de monitor en in de stadsgemiddelden. De gegevens hieronder zijn bewaard."</p>
            </div>
        })}
        <dl class="facts">
            <div><dt>"Stadsdeel"</dt><dd>{district}</dd></div>
            <div><dt>"Type"</dt><dd>{area_type.label()}</dd></div>
            <div><dt>"Fase"</dt><dd>{phase.label()}</dd></div>
            <div><dt>"Activatie"</dt><dd>{activation.label()}</dd></div>
        </dl>

        {(!summary.is_empty()).then(|| view! {
            <section aria-labelledby="samenvatting" class="area-summary">
                <h2 id="samenvatting">"In het kort"</h2>
                <p>{summary.join(" ")}</p>
                <p class="muted">"Samengevat uit de cijfers en opgaves hieronder."</p>
            </section>
        })}

        <section aria-labelledby="verhaal">
            <h2 id="verhaal">"Het verhaal"</h2>
            <div class="rich-text" inner_html=story_html></div>
            {(!ambition.trim().is_empty()).then(|| view! {
                <h3>"Ambitie"</h3>
                {paragraphs(&ambition)}
            })}
        </section>

        <Transition fallback=|| ()>
            {move || {
                let log_href = log_href.clone();
                Suspend::new(async move {
                    let moments = recent.await.ok().flatten()?;
                    Some(view! {
                        <section aria-labelledby="activiteit" class="private-section">
                            <h2 id="activiteit">"Recente activiteit"</h2>
                            <p class="muted">"Alleen zichtbaar voor coördinatoren en de redacteuren van dit gebied."</p>
                            {if moments.is_empty() {
                                view! { <p class="empty-state">"Nog geen contactmomenten vastgelegd."</p> }.into_any()
                            } else {
                                moments.into_iter().map(|moment| view! {
                                    <crate::areas::activation::pages::MomentView moment/>
                                }).collect_view().into_any()
                            }}
                            <p><a href=log_href>"Naar het activatielogboek"</a></p>
                        </section>
                    })
                })
            }}
        </Transition>

        <section aria-labelledby="cijfers">
            <h2 id="cijfers">"Cijfers"</h2>
            <p class="no-print"><a href=csv_href download="" rel="external">"Download alle cijfers van dit gebied (CSV)"</a></p>
            <IndicatorTable indicators=indicators.clone() area_type/>
            <IndicatorCharts area=chart_name area_type indicators series milestones/>
        </section>

        <section aria-labelledby="stuurwiel">
            <h2 id="stuurwiel">"Stuurwiel"</h2>
            <StuurwielSection stuurwiel/>
        </section>

        <section aria-labelledby="opgaves">
            <h2 id="opgaves">"Opgaves"</h2>
            <OpgaveList opgaves slug=proposals_slug.clone()/>
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
                                {format!(" ({})", s.about)}
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
        // An archived area takes no proposals and no new followers.
        {(!archived).then(|| view! {
        <section aria-labelledby="voorstellen">
            <h2 id="voorstellen">"Voorstellen"</h2>
            <p>"Speelt er iets in uw straat dat een opgave zou moeten worden? Stel het voor, of steun het voorstel van een ander. Met genoeg steun komt het bij de coördinator op tafel."</p>
            {(!proposals.is_empty()).then(|| view! {
                <ul class="proposals">
                    {proposals.into_iter().map(|(id, title, supports)| view! {
                        <li><a href=crate::areas::proposals::api::proposal_path(&proposals_slug, id)>{title}</a>
                            {format!(" · {supports} steun")}</li>
                    }).collect_view()}
                </ul>
            })}
            <p><a class="button-link" href=proposals_href>"Voorstellen bekijken en doen"</a></p>
        </section>
        <crate::following::pages::FollowBox subject=crate::following::SubjectKind::Area key=follow_key name=follow_name/>
        })}
    }
}

#[component]
fn IndicatorTable(indicators: Vec<IndicatorLatest>, area_type: AreaType) -> impl IntoView {
    if indicators.is_empty() {
        return view! { <p class="empty-state">"Voor dit gebied zijn nog geen cijfers bekend."</p> }.into_any();
    }
    view! {
        // Focusable, so a keyboard user can scroll the table on a narrow screen.
        <div class="table-scroll" tabindex="0" role="region" aria-label="Laatste cijfers">
            <table class="indicator-table">
                <caption class="visually-hidden">"Laatste waarde per indicator, met de verandering ten opzichte van de vorige meting"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Indicator"</th>
                        <th scope="col" class="numeric">"Waarde"</th>
                        <th scope="col">"Periode"</th>
                        <th scope="col">"Verandering"</th>
                        <th scope="col" class="numeric">"Stad"</th>
                        <th scope="col" class="numeric">{format!("Mediaan {}", area_type.plural())}</th>
                        <th scope="col">"Positie"</th>
                        <th scope="col">"Bron"</th>
                    </tr>
                </thead>
                <tbody>
                    {indicators.into_iter().map(|indicator| {
                        let format = |v: f64| format_with_unit(v, indicator.decimals, &indicator.unit);
                        let value = format(indicator.value);
                        let dash = || "–".to_string();
                        let city = indicator.city.map(format).unwrap_or_else(dash);
                        let median = indicator.peer.as_ref().map(|p| format(p.median)).unwrap_or_else(dash);
                        let rank = indicator.peer.as_ref().and_then(|p| p.rank_text()).unwrap_or_else(dash);
                        view! {
                            <tr data-indicator=indicator.key.clone()>
                                <th scope="row">{indicator.label.clone()}</th>
                                <td class="numeric">{value}</td>
                                <td>{indicator.period.clone()}</td>
                                <td><ChangeBadge indicator=indicator.clone()/></td>
                                <td class="numeric">{city}</td>
                                <td class="numeric">{median}</td>
                                <td>{rank}</td>
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

/// Opgaves grouped by status (open, in progress, done); overdue ones are marked in words.
#[component]
fn OpgaveList(opgaves: Vec<Opgave>, slug: String) -> impl IntoView {
    if opgaves.is_empty() {
        return view! { <p class="empty-state">"Er zijn nog geen opgaves vastgelegd."</p> }
            .into_any();
    }
    OpgaveStatus::ALL
        .iter()
        .map(|status| {
            let group: Vec<Opgave> = opgaves.iter().filter(|o| o.status == *status).cloned().collect();
            let heading = format!("{} ({})", status.label(), group.len());
            let items = if group.is_empty() {
                view! { <p class="muted">"Geen."</p> }.into_any()
            } else {
                view! {
                    <ul class="opgaves">
                        {group.into_iter().map(|opgave| view! {
                            <li class="opgave" class:opgave--overdue=opgave.overdue>
                                <strong class="opgave__title">{opgave.title}</strong>
                                {opgave.overdue.then(|| view! { <span class="status status--overdue">"Over de deadline"</span> })}
                                <span class="opgave__meta">
                                    "Thema: " {opgave.theme}
                                    {(!opgave.owner.is_empty()).then(|| format!(" · Trekker: {}", opgave.owner))}
                                    {opgave.due_date.map(|d| format!(" · Deadline: {}", crate::ui::format::dutch_date(&d)))}
                                </span>
                                {opgave.proposal.map(|id| view! {
                                    <a class="opgave__origin" href=crate::areas::proposals::api::proposal_path(&slug, id)>"Uit een voorstel"</a>
                                })}
                                {(!opgave.outcomes.is_empty()).then(|| view! {
                                    <ul class="opgave__outcomes" aria-label="Gekoppelde cijfers">
                                        {opgave.outcomes.iter().map(|o| view! { <li>{o.describe()}</li> }).collect_view()}
                                    </ul>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            };
            view! {
                <h3 class="opgave-group">{heading}</h3>
                {items}
            }
        })
        .collect_view()
        .into_any()
}

/// Per indicator, the starts and ends of the opgaves tied to it, for its chart.
fn opgave_milestones(opgaves: &[Opgave]) -> Vec<(String, crate::areas::outcomes::Milestone)> {
    use crate::areas::outcomes::Milestone;
    let date = crate::ui::format::dutch_date;
    let mut out = Vec::new();
    for opgave in opgaves {
        for outcome in &opgave.outcomes {
            if let Some(started) = &opgave.started_on {
                out.push((
                    outcome.indicator_key.clone(),
                    Milestone {
                        date: started.clone(),
                        label: format!("Start opgave ‘{}’ op {}", opgave.title, date(started)),
                    },
                ));
            }
            if let Some(finished) = &opgave.finished_on {
                out.push((
                    outcome.indicator_key.clone(),
                    Milestone {
                        date: finished.clone(),
                        label: format!("Opgave ‘{}’ afgerond op {}", opgave.title, date(finished)),
                    },
                ));
            }
        }
    }
    out.sort_by(|a, b| a.1.date.cmp(&b.1.date));
    out
}

/// One chart per indicator: the area's line against the median of its type and the city
/// average, with the linked opgaves marked, each with its table.
#[component]
fn IndicatorCharts(
    area: String,
    area_type: AreaType,
    indicators: Vec<IndicatorLatest>,
    series: Vec<IndicatorSeries>,
    milestones: Vec<(String, crate::areas::outcomes::Milestone)>,
) -> impl IntoView {
    use crate::ui::charts::{ChartCard, ChartLine, ValueFormat};
    let charts = indicators
        .into_iter()
        .zip(series)
        .filter(|(_, s)| !s.points.is_empty())
        .map(|(indicator, series)| {
            let format = ValueFormat {
                decimals: indicator.decimals,
                unit: indicator.unit.clone(),
            };
            let lines = vec![
                ChartLine {
                    label: area.clone(),
                    class: "series-1",
                    points: series.points,
                    reference: false,
                },
                ChartLine {
                    label: format!("Mediaan {}", area_type.plural()),
                    class: "series-peer",
                    points: series.peer,
                    reference: true,
                },
                ChartLine {
                    label: "Gemiddelde van de stad".into(),
                    class: "series-city",
                    points: series.city,
                    reference: true,
                },
            ];
            let milestones = milestones
                .iter()
                .filter(|(key, _)| *key == indicator.key)
                .map(|(_, m)| m.clone())
                .collect();
            let note = series
                .yearly_average
                .then_some("Maandcijfers, getoond als gemiddelde per jaar.");
            let label = format!(
                "{} in {area}, de mediaan van {} en gemiddeld in de stad, door de tijd",
                indicator.label,
                area_type.plural()
            );
            let caption = format!("{} per periode", indicator.label);
            view! { <ChartCard heading=indicator.label.clone() level=4 note label caption lines format milestones/> }
        })
        .collect_view();
    view! {
        <h3>"Verloop door de tijd"</h3>
        <div class="chart-grid">{charts}</div>
    }
}

/// The latest stuurwiel assessment as a radar (previous round overlaid) and as a table.
#[component]
fn StuurwielSection(stuurwiel: Option<StuurwielView>) -> impl IntoView {
    use crate::ui::charts::{RadarChart, RadarRound};
    let Some(view) = stuurwiel else {
        return view! { <p class="empty-state">"Dit gebied is nog niet beoordeeld op het stuurwiel."</p> }.into_any();
    };
    let date = crate::ui::format::dutch_date;
    let mut rounds = vec![RadarRound {
        label: format!("Beoordeling {}", date(&view.latest.assessed_on)),
        class: "series-1",
        scores: view.latest.score_values(),
    }];
    if let Some(previous) = &view.previous {
        rounds.push(RadarRound {
            label: format!("Vorige beoordeling {}", date(&previous.assessed_on)),
            class: "series-previous",
            scores: previous.score_values(),
        });
    }
    let label = format!(
        "Stuurwiel: scores per onderdeel op een schaal van {} tot {}",
        view.scale_min, view.scale_max
    );
    let names: Vec<String> = view.segments.iter().map(|s| s.name.clone()).collect();
    let score_text = |score: Option<&(i64, String)>| {
        score
            .map(|(s, _)| s.to_string())
            .unwrap_or_else(|| "–".into())
    };
    let rows = view
        .segments
        .iter()
        .enumerate()
        .map(|(i, segment)| {
            let latest = view.latest.scores.get(i).and_then(Option::as_ref);
            let previous = view
                .previous
                .as_ref()
                .and_then(|p| p.scores.get(i).and_then(Option::as_ref));
            view! {
                <tr>
                    <th scope="row">{segment.name.clone()}</th>
                    <td class="numeric">{score_text(latest)}</td>
                    <td class="numeric">{score_text(previous)}</td>
                    <td>{latest.map(|(_, note)| note.clone()).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let by =
        (!view.latest.assessed_by.is_empty()).then(|| format!(" door {}", view.latest.assessed_by));
    view! {
        <p>
            {format!("{} · laatst beoordeeld op {}", view.framework, date(&view.latest.assessed_on))}
            {by}
        </p>
        <div class="stuurwiel">
            <RadarChart label segments=names scale_min=view.scale_min as f64 scale_max=view.scale_max as f64 rounds/>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Stuurwielscores">
                <table class="stuurwiel-table">
                    <caption>{format!("Scores (schaal {}–{})", view.scale_min, view.scale_max)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Onderdeel"</th>
                            <th scope="col" class="numeric">"Nu"</th>
                            <th scope="col" class="numeric">"Vorige keer"</th>
                            <th scope="col">"Toelichting"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </div>
        {(!view.latest.note.is_empty()).then(|| view! { <p class="muted">{view.latest.note.clone()}</p> })}
    }
    .into_any()
}
