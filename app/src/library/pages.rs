//! The public library pages: search with facets, an item, a theme dossier, and the
//! learning paths along the stuurwiel.

use super::api::*;
use super::*;
use crate::ui::format::dutch_date;
use crate::ui::layout::AutoSubmit;
use crate::ui::{layout::set_status, notice::ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

fn parts_view(parts: Vec<Part>) -> impl IntoView {
    parts
        .into_iter()
        .map(|part| match part {
            Part::Text(text) => text.into_any(),
            Part::Mark(text) => view! { <mark>{text}</mark> }.into_any(),
        })
        .collect_view()
}

/// `/kennisbank`
#[component]
pub fn LibraryPage() -> impl IntoView {
    let query_map = use_query_map();
    let query = move || LibraryQuery::from_query(|name| query_map.read().get(name));
    let results = Resource::new(query, search_library);
    let overview = Resource::new(|| (), |_| library_overview());

    view! {
        <Title text="Kennisbank"/>
        <h1>"Kennisbank"</h1>
        <p class="lead">
            "Instrumenten, praktijkvoorbeelden, onderzoek, regelgeving en verslagen van sessies: "
            "leer van wat elders werkt. Zoek op een probleem, of kies een thema of een onderdeel van het stuurwiel."
        </p>
        <Form method="GET" action="/kennisbank" attr:class="search-form" attr:role="search">
            // Typing searches after a short pause (with JavaScript).
            <AutoSubmit>
            <label for="zoek-kennis">"Zoek in de kennisbank"</label>
            <div class="search-form__row">
                <input
                    type="search"
                    id="zoek-kennis"
                    name="q"
                    autocomplete="off"
                    maxlength=search::MAX_QUERY_CHARS.to_string()
                    prop:value=move || query().q
                />
                // The chosen facets stay when searching again without JavaScript.
                {move || {
                    let current = query();
                    [("soort", current.kind), ("thema", current.theme), ("onderdeel", current.segment), ("gebied", current.area), ("jaar", current.year)]
                        .into_iter()
                        .filter(|(_, v)| !v.is_empty())
                        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
                        .collect_view()
                }}
                <button type="submit">"Zoeken"</button>
            </div>
            <p class="field__hint">"Tip: zoek op een woorddeel (leegst) of een precieze zin tussen aanhalingstekens (\"openbare ruimte\")."</p>
            </AutoSubmit>
        </Form>
        <Suspense fallback=|| view! { <p aria-busy="true">"Zoeken…"</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(results) => view! { <Results results query=query()/> }.into_any(),
                    Err(error) => {
                        set_status(503);
                        view! { <ErrorNotice message=error.to_string()/> }.into_any()
                    }
                }
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                overview.await.ok().map(|overview| view! {
                    <div class="library-overview">
                        <section aria-labelledby="themas">
                            <h2 id="themas">"Themadossiers"</h2>
                            <ul class="link-list">
                                {overview.themes.into_iter().map(|(key, label, count)| view! {
                                    <li><a href=format!("/kennisbank/thema/{key}")>{label}</a>{format!(" ({count})")}</li>
                                }).collect_view()}
                            </ul>
                        </section>
                        <section aria-labelledby="leerlijnen">
                            <h2 id="leerlijnen">"Leren langs het stuurwiel"</h2>
                            <ul class="link-list">
                                {overview.segments.into_iter().map(|(id, name, _, count)| view! {
                                    <li><a href=format!("/kennisbank/stuurwiel/{id}")>{name}</a>{format!(" ({count})")}</li>
                                }).collect_view()}
                            </ul>
                        </section>
                    </div>
                })
            })}
        </Suspense>
    }
}

#[component]
fn Results(results: SearchResults, query: LibraryQuery) -> impl IntoView {
    let SearchResults {
        hits,
        total,
        facets,
        notes,
        searched,
    } = results;
    let shown = hits.len() as i64;
    let summary = match (total, searched.is_empty()) {
        (1, true) => "1 item".to_string(),
        (n, true) => format!("{n} items"),
        (n, false) => format!(
            "{n} {} voor ‘{}’",
            if n == 1 { "resultaat" } else { "resultaten" },
            searched.join(" ")
        ),
    };
    let facet_nav = facets
        .into_iter()
        .filter(|f| !f.values.is_empty() || !f.selected.is_empty())
        .map(|f| {
            let facet = f.facet;
            let clear = (!f.selected.is_empty()).then(|| {
                let href = query.with(facet, "").to_url();
                view! { <li><a href=href>{format!("Alle ({})", facet.label().to_lowercase())}</a></li> }
            });
            let values = f
                .values
                .into_iter()
                .map(|v| {
                    let selected = v.value == f.selected;
                    let href = query.with(facet, if selected { "" } else { &v.value }).to_url();
                    let text = format!("{} ({})", v.label, v.count);
                    view! {
                        <li>
                            <a href=href aria-current=selected.then_some("true") class:facet--selected=selected>{text}</a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="facet">
                    <h3>{facet.label()}</h3>
                    <ul>{clear}{values}</ul>
                </section>
            }
        })
        .collect_view();
    let list = if hits.is_empty() {
        view! {
            <div class="empty-state">
                <p>"Niets gevonden. Probeer een ander of korter woord, een woorddeel, of minder filters."</p>
                <p><a href="/kennisbank">"Toon alle items"</a></p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <ol class="hits">
                {hits.into_iter().map(|hit| view! {
                    <li class="hit">
                        <h3><a href=format!("/kennisbank/{}", hit.slug)>{parts_view(hit.title)}</a></h3>
                        <p class="hit__meta">
                            {hit.kind.label()}
                            {hit.published_on.map(|d| format!(" · {}", dutch_date(&d)))}
                        </p>
                        <p class="hit__snippet">{parts_view(hit.snippet)}</p>
                    </li>
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        {(!notes.is_empty()).then(|| view! {
            <div class="notice notice--warning" role="status">
                <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </div>
        })}
        <div class="library-results">
            <nav class="facets" aria-labelledby="filters-kop"><h2 id="filters-kop" class="visually-hidden">"Filters"</h2>{facet_nav}</nav>
            <div>
                <h2 class="visually-hidden">"Resultaten"</h2>
                <p class="result-count" role="status">{summary}
                    {(shown < total).then(|| format!(" — de eerste {shown} worden getoond; verfijn met een filter"))}
                </p>
                {list}
            </div>
        </div>
    }
}

/// `/kennisbank/{slug}`
#[component]
pub fn ItemPageView() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let item = Resource::new(slug, get_library_item);
    let auth = crate::accounts::pages::use_auth();
    view! {
        <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
            {move || Suspend::new(async move {
                let coordinator = crate::accounts::decide(auth.user.await.as_ref(), &crate::accounts::Action::Coordinate)
                    == crate::accounts::Access::Allowed;
                match item.await {
                    Ok(Some(item)) => view! { <ItemView item coordinator/> }.into_any(),
                    Ok(None) => {
                        set_status(404);
                        view! {
                            <Title text="Niet gevonden"/>
                            <h1>"Item niet gevonden"</h1>
                            <p>"Dit item bestaat niet (meer). Zoek in de kennisbank naar wat u nodig heeft."</p>
                            <p><a href="/kennisbank">"Naar de kennisbank"</a></p>
                        }
                        .into_any()
                    }
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
fn ItemView(item: ItemPage, coordinator: bool) -> impl IntoView {
    let edit_href = format!("/kennisbank/{}/bewerken", item.slug);
    let history_href = format!("/kennisbank/{}/geschiedenis", item.slug);
    let facts = [
        Some(("Soort", item.kind.label().to_string())),
        item.published_on
            .as_ref()
            .map(|d| ("Gepubliceerd", dutch_date(d))),
        (!item.source_organisation.is_empty()).then(|| ("Bron", item.source_organisation.clone())),
        (!item.author.is_empty()).then(|| ("Auteur", item.author.clone())),
        Some((
            "Gecontroleerd",
            match (item.reviewed, &item.last_checked) {
                (true, Some(d)) => format!("ja, laatst op {}", dutch_date(d)),
                (true, None) => "ja".to_string(),
                (false, _) => "nog niet".to_string(),
            },
        )),
    ];
    view! {
        <Title text=item.title.clone()/>
        <nav aria-label="Kruimelpad" class="breadcrumb">
            <a href="/kennisbank">"Kennisbank"</a>" › "<span aria-current="page">{item.title.clone()}</span>
        </nav>
        <div class="title-row">
            <h1>{item.title.clone()}</h1>
            {coordinator.then(|| view! {
                <span class="title-row__actions">
                    <a class="button-link" href=edit_href>"Bewerken"</a>
                    " "
                    <a href=history_href>"Geschiedenis"</a>
                </span>
            })}
        </div>
        <p class="lead">{item.summary.clone()}</p>
        <dl class="facts">
            {facts.into_iter().flatten().map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> }).collect_view()}
        </dl>
        <div class="rich-text" inner_html=item.body_html></div>
        {item.external_url.map(|url| view! {
            <p><a href=url.clone() rel="noopener noreferrer">"Naar de bron: " {url.clone()}</a></p>
        })}
        {(!item.attachments.is_empty()).then(|| view! {
            <section aria-labelledby="bijlagen">
                <h2 id="bijlagen">"Bijlagen"</h2>
                <ul class="attachments">
                    {item.attachments.into_iter().map(|a| {
                        let href = a.href();
                        let size = format!("{} kB", crate::areas::format_number(a.size_bytes as f64 / 1024.0, 0));
                        if a.is_image {
                            view! {
                                <li><figure><img src=href.clone() alt=a.alt_text.clone() loading="lazy"/>
                                <figcaption><a href=href rel="external">{a.display_name.clone()}</a>{format!(" ({size})")}</figcaption></figure></li>
                            }.into_any()
                        } else {
                            view! { <li><a href=href rel="external">{a.display_name.clone()}</a>{format!(" (PDF, {size})")}</li> }.into_any()
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="over">
            <h2 id="over">"Gaat over"</h2>
            <ul class="tags">
                {item.themes.into_iter().map(|(key, label)| view! { <li><a href=format!("/kennisbank/thema/{key}")>{label}</a></li> }).collect_view()}
                {item.segments.into_iter().map(|(id, name)| view! { <li><a href=format!("/kennisbank/stuurwiel/{id}")>{format!("Stuurwiel: {name}")}</a></li> }).collect_view()}
                {item.areas.into_iter().map(|(slug, name)| view! { <li><a href=format!("/gebieden/{slug}")>{format!("Gebied: {name}")}</a></li> }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="verwant">
            <h2 id="verwant">"Verwant"</h2>
            {if item.related.is_empty() {
                view! { <p class="empty-state">"Geen verwante items gevonden."</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {item.related.into_iter().map(|r| view! {
                            <li>
                                <a href=format!("/kennisbank/{}", r.card.slug)>{r.card.title}</a>
                                <span class="muted">{format!(" — {}", r.card.kind.label())}</span>
                                <p class="muted">{format!("Verwant door {}", r.reasons.join("; "))}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// A list of item cards, with an empty state.
#[component]
pub fn CardList(cards: Vec<ItemCard>, #[prop(into)] empty: String) -> impl IntoView {
    if cards.is_empty() {
        return view! { <p class="empty-state">{empty}</p> }.into_any();
    }
    view! {
        <ul class="cards">
            {cards.into_iter().map(|card| view! {
                <li>
                    <a href=format!("/kennisbank/{}", card.slug)>{card.title}</a>
                    <span class="muted">{format!(" — {}", card.kind.label())}{card.published_on.map(|d| format!(", {}", dutch_date(&d)))}</span>
                    <p>{card.summary}</p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// `/kennisbank/thema/{theme}`
#[component]
pub fn DossierPage() -> impl IntoView {
    let params = use_params_map();
    let theme = move || params.read().get("theme").unwrap_or_default();
    let dossier = Resource::new(theme, get_dossier);
    let auth = crate::accounts::pages::use_auth();
    view! {
        <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
            {move || Suspend::new(async move {
                let coordinator = crate::accounts::decide(auth.user.await.as_ref(), &crate::accounts::Action::Coordinate)
                    == crate::accounts::Access::Allowed;
                match dossier.await {
                    Ok(Some(d)) => {
                        let edit_href = format!("/kennisbank/thema/{}/bewerken", d.key);
                        view! {
                            <Title text=format!("Dossier {}", d.label)/>
                            <nav aria-label="Kruimelpad" class="breadcrumb">
                                <a href="/kennisbank">"Kennisbank"</a>" › "<span aria-current="page">{d.label.clone()}</span>
                            </nav>
                            <div class="title-row">
                                <h1>{format!("Dossier: {}", d.label)}</h1>
                                {coordinator.then(|| view! { <a class="button-link" href=edit_href>"Dossier bewerken"</a> })}
                            </div>
                            <p class="lead">{d.description.clone()}</p>
                            <div class="rich-text" inner_html=d.intro_html></div>
                            <section aria-labelledby="kern">
                                <h2 id="kern">"Begin hier"</h2>
                                <CardList cards=d.key_items empty="Er zijn nog geen kernitems gekozen voor dit dossier."/>
                            </section>
                            <section aria-labelledby="gebieden-thema">
                                <h2 id="gebieden-thema">"Gebieden die hieraan werken"</h2>
                                {if d.areas.is_empty() {
                                    view! { <p class="empty-state">"Geen gebied heeft nu een lopende opgave over dit thema."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="link-list">
                                            {d.areas.into_iter().map(|(slug, name, n)| view! {
                                                <li><a href=format!("/gebieden/{slug}")>{name}</a>{format!(" — {n} lopende {}", if n == 1 { "opgave" } else { "opgaves" })}</li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                            <section aria-labelledby="sessies-thema">
                                <h2 id="sessies-thema">"Sessies"</h2>
                                <h3>"Komende sessies"</h3>
                                <crate::sessions::pages::SessionList cards=d.upcoming_sessions empty="Er staat geen sessie over dit thema gepland."/>
                                <h3>"Eerdere sessies"</h3>
                                <crate::sessions::pages::SessionList cards=d.past_sessions empty="Nog geen eerdere sessies over dit thema; verslagen vindt u hieronder als sessieverslag."/>
                                <p><a href=format!("/sessies/thema/{}.ics", d.key) rel="external">"Abonneer op de sessies over dit thema (iCalendar)"</a></p>
                            </section>
                            <section aria-labelledby="alles">
                                <h2 id="alles">{format!("Alle items over {} ({})", d.label.to_lowercase(), d.items.len())}</h2>
                                <CardList cards=d.items empty="Nog geen items over dit thema."/>
                            </section>
                            <crate::following::pages::FollowBox subject=crate::following::SubjectKind::Theme
                                key=d.key.clone() name=format!("het thema {}", d.label.to_lowercase())/>
                        }
                        .into_any()
                    }
                    Ok(None) => {
                        set_status(404);
                        view! { <Title text="Niet gevonden"/><h1>"Thema niet gevonden"</h1><p><a href="/kennisbank">"Naar de kennisbank"</a></p> }.into_any()
                    }
                    Err(error) => {
                        set_status(503);
                        view! { <ErrorNotice message=error.to_string()/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// `/kennisbank/stuurwiel`
#[component]
pub fn LearningPathsPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| library_overview());
    view! {
        <Title text="Leren langs het stuurwiel"/>
        <nav aria-label="Kruimelpad" class="breadcrumb">
            <a href="/kennisbank">"Kennisbank"</a>" › "<span aria-current="page">"Stuurwiel"</span>
        </nav>
        <h1>"Leren langs het stuurwiel"</h1>
        <p class="lead">"Voor straatmanagers, bedrijfscontactfunctionarissen en wijkmanagers: per onderdeel van het stuurwiel wat het inhoudt en wat u in welke volgorde leest."</p>
        <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => view! {
                        <ol class="cards">
                            {o.segments.into_iter().map(|(id, name, description, count)| view! {
                                <li>
                                    <a href=format!("/kennisbank/stuurwiel/{id}")>{name}</a>
                                    <span class="muted">{format!(" — {count} items")}</span>
                                    <p>{description}</p>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice message=error.to_string()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/kennisbank/stuurwiel/{id}`
#[component]
pub fn SegmentGuidePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(-1)
    };
    let guide = Resource::new(id, get_segment_guide);
    view! {
        <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match guide.await {
                    Ok(Some(g)) => view! {
                        <Title text=format!("Stuurwiel: {}", g.name)/>
                        <nav aria-label="Kruimelpad" class="breadcrumb">
                            <a href="/kennisbank">"Kennisbank"</a>" › "<a href="/kennisbank/stuurwiel">"Stuurwiel"</a>" › "
                            <span aria-current="page">{g.name.clone()}</span>
                        </nav>
                        <h1>{format!("Stuurwiel: {}", g.name)}</h1>
                        <p class="lead">{g.description.clone()}</p>
                        <div class="rich-text" inner_html=g.intro_html></div>
                        <section aria-labelledby="leesvolgorde">
                            <h2 id="leesvolgorde">"Leesvolgorde"</h2>
                            {if g.items.is_empty() {
                                view! { <p class="empty-state">"Nog geen items bij dit onderdeel."</p> }.into_any()
                            } else {
                                view! {
                                    <ol class="cards">
                                        {g.items.into_iter().map(|card| view! {
                                            <li>
                                                <a href=format!("/kennisbank/{}", card.slug)>{card.title}</a>
                                                <span class="muted">{format!(" — {}", card.kind.label())}</span>
                                                <p>{card.summary}</p>
                                            </li>
                                        }).collect_view()}
                                    </ol>
                                }.into_any()
                            }}
                        </section>
                        <section aria-labelledby="sessies-onderdeel">
                            <h2 id="sessies-onderdeel">"Sessies"</h2>
                            <crate::sessions::pages::SessionList cards=g.upcoming_sessions empty="Er staat geen sessie over dit onderdeel gepland."/>
                            {(!g.past_sessions.is_empty()).then(|| view! {
                                <h3>"Eerdere sessies"</h3>
                                <crate::sessions::pages::SessionList cards=g.past_sessions empty=""/>
                            })}
                        </section>
                        {g.lowest_areas.map(|areas| view! {
                            <section aria-labelledby="laagst" class="private-section">
                                <h2 id="laagst">"Gebieden die hier het laagst scoren"</h2>
                                <p class="muted">"Alleen zichtbaar voor coördinatoren: de laatste stuurwielbeoordeling per gebied."</p>
                                <ul class="link-list">
                                    {areas.into_iter().map(|(slug, name, score, date)| view! {
                                        <li><a href=format!("/gebieden/{slug}")>{name}</a>{format!(" — score {score} van {} ({})", g.scale_max, dutch_date(&date))}</li>
                                    }).collect_view()}
                                </ul>
                            </section>
                        })}
                    }.into_any(),
                    Ok(None) => {
                        set_status(404);
                        view! { <Title text="Niet gevonden"/><h1>"Onderdeel niet gevonden"</h1><p><a href="/kennisbank/stuurwiel">"Naar het stuurwiel"</a></p> }.into_any()
                    }
                    Err(error) => {
                        set_status(503);
                        view! { <ErrorNotice message=error.to_string()/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
