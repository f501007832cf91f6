//! The public session pages: the agenda, one session with its sign-up form, and the
//! personal page of a registration.

use super::api::*;
use super::*;
use crate::ui::{layout::set_status, notice::ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

fn when(card: &SessionCard) -> String {
    let end = card.ends_at.split_once('T').map(|(_, t)| t).unwrap_or("");
    format!("{} – {end}", dutch_datetime(&card.starts_at))
}

/// A list of sessions with time, place and places left, or an empty state.
#[component]
pub fn SessionList(cards: Vec<SessionCard>, #[prop(into)] empty: String) -> impl IntoView {
    if cards.is_empty() {
        return view! { <p class="empty-state">{empty}</p> }.into_any();
    }
    view! {
        <ul class="cards sessions">
            {cards.into_iter().map(|card| {
                let href = format!("/sessies/{}", card.slug);
                let places = if card.cancelled {
                    "Gaat niet door".to_string()
                } else if card.places_left == 0 {
                    "Vol: aanmelden voor de wachtlijst".to_string()
                } else {
                    format!("Nog {} plaatsen", card.places_left)
                };
                view! {
                    <li class:session--cancelled=card.cancelled>
                        <a href=href>{card.title.clone()}</a>
                        <span class="muted">{format!(" — {}", card.kind.label())}</span>
                        <p>{when(&card)} {if card.online { " · online" } else { " · op locatie" }}</p>
                        <p class="muted">{places}
                            {(!card.themes.is_empty()).then(|| format!(" · {}", card.themes.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>().join(", ")))}
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// `/sessies`
#[component]
pub fn SessionsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        (
            query.read().get("soort").unwrap_or_default(),
            query.read().get("thema").unwrap_or_default(),
        )
    };
    let sessions = Resource::new(filter, |(kind, theme)| list_sessions(kind, theme));
    let themes = Resource::new(|| (), |_| crate::areas::api::area_filter_choices());
    view! {
        <Title text="Sessies"/>
        <h1>"Sessies"</h1>
        <p class="lead">
            "Stedelijk leren: elke maand een digitale themasessie, intervisies met één gebied als casus, en werkplaatsen. "
            "Aanmelden kan zonder account. " <a href="/sessies.ics" rel="external">"Abonneer op de agenda (iCalendar)"</a>
        </p>
        <p>"Een onderwerp dat u graag in een sessie besproken ziet? " <a href="/sessies/onderwerpen">"Onderwerp voorstellen"</a> " of stem op de voorstellen van anderen."</p>
        <Form method="GET" action="/sessies" attr:class="filter-form">
            <div class="filter-form__field">
                <label for="sessie-soort">"Soort"</label>
                <select id="sessie-soort" name="soort">
                    <option value="">"Alle soorten"</option>
                    {SessionKind::ALL.iter().map(|k| {
                        let code = k.code();
                        view! { <option value=code selected=move || filter().0 == code>{k.label()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="filter-form__field">
                <label for="sessie-thema">"Thema"</label>
                <select id="sessie-thema" name="thema">
                    <option value="">"Alle thema’s"</option>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            themes.await.map(|listing| listing.themes.into_iter().map(|(key, label)| {
                                let selected = filter().1 == key;
                                view! { <option value=key selected=selected>{label}</option> }
                            }).collect_view()).ok()
                        })}
                    </Suspense>
                </select>
            </div>
            <div class="filter-form__actions"><button type="submit">"Toon sessies"</button></div>
        </Form>
        {move || (!filter().1.is_empty()).then(|| {
            let theme = filter().1;
            view! { <p><a href=format!("/sessies/thema/{theme}.ics") rel="external">"Abonneer op de sessies over dit thema (iCalendar)"</a></p> }
        })}
        <Suspense fallback=|| view! { <p aria-busy="true">"Sessies laden…"</p> }>
            {move || Suspend::new(async move {
                match sessions.await {
                    Ok((upcoming, past)) => view! {
                        <h2>"Komende sessies"</h2>
                        <SessionList cards=upcoming empty="Er staan geen sessies gepland."/>
                        <h2>"Eerdere sessies"</h2>
                        <SessionList cards=past empty="Nog geen eerdere sessies."/>
                        <FindMyRegistrations/>
                        <crate::following::pages::FollowBox subject=crate::following::SubjectKind::Sessions key="" name="nieuwe sessies"/>
                    }.into_any(),
                    Err(error) => {
                        set_status(503);
                        view! { <ErrorNotice message=error.to_string()/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// `/sessies/{slug}`
#[component]
pub fn SessionPageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let concept = move || query.read().get("concept").unwrap_or_default();
    let page = Resource::new(
        move || (slug(), concept()),
        |(slug, concept)| get_session(slug, concept),
    );
    let signup = ServerAction::<SignUp>::new();
    view! {
        <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(Some(page)) => view! { <SessionView page signup/> }.into_any(),
                    Ok(None) => {
                        set_status(404);
                        view! { <Title text="Niet gevonden"/><h1>"Sessie niet gevonden"</h1><p><a href="/sessies">"Naar de sessies"</a></p> }.into_any()
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
fn SessionView(page: SessionPage, signup: ServerAction<SignUp>) -> impl IntoView {
    let draft = page.draft.clone().unwrap_or_default();
    let stored = draft.errors.clone();
    let errors = Signal::derive(move || match signup.value().get() {
        Some(Err(SignupError::Invalid(errors))) => errors,
        Some(_) => crate::editing::FieldErrors::default(),
        None => stored.clone(),
    });
    let general = {
        let stored = draft.errors.get("form").cloned();
        move || match signup.value().get() {
            Some(Err(SignupError::Invalid(_))) => None,
            Some(Err(other)) => Some(other.to_string()),
            Some(Ok(_)) => None,
            None => stored.clone(),
        }
    };
    let value = move |name: &str| draft.values.get(name).cloned().unwrap_or_default();
    let field_error = move |name: &'static str| {
        move || {
            errors
                .get()
                .get(name)
                .cloned()
                .map(|m| view! { <p class="field__error">{m}</p> })
        }
    };
    let card = page.card.clone();
    let pending = signup.pending();
    let full = card.places_left == 0;
    let ics = format!("/sessies/{}/agenda.ics", card.slug);
    let (name, email, organisation, question, role) = (
        value("name"),
        value("email"),
        value("organisation"),
        value("question"),
        value("role"),
    );
    view! {
        <Title text=card.title.clone()/>
        <nav aria-label="Kruimelpad" class="breadcrumb">
            <a href="/sessies">"Sessies"</a>" › "<span aria-current="page">{card.title.clone()}</span>
        </nav>
        <h1>{card.title.clone()}</h1>
        {card.cancelled.then(|| view! { <div class="notice notice--error" role="status"><p><strong>"Deze sessie gaat niet door."</strong></p></div> })}
        <dl class="facts">
            <div><dt>"Soort"</dt><dd>{card.kind.label()}</dd></div>
            <div><dt>"Wanneer"</dt><dd>{when(&card)}</dd></div>
            <div><dt>"Waar"</dt><dd>{if card.online { "Online (de link staat op uw persoonlijke pagina na aanmelding)".to_string() } else { page.address.clone() }}</dd></div>
            <div><dt>"Plaatsen"</dt><dd>{if full { format!("Vol ({} op de wachtlijst)", page.waiting) } else { format!("Nog {} van {}", card.places_left, page.capacity) }}</dd></div>
            {(!page.facilitator.is_empty()).then(|| view! { <div><dt>"Begeleiding"</dt><dd>{page.facilitator.clone()}</dd></div> })}
        </dl>
        <div class="rich-text" inner_html=page.description_html></div>
        {(!page.audience.is_empty()).then(|| view! { <p><strong>"Voor wie: "</strong>{page.audience.clone()}</p> })}
        {page.case_area.clone().map(|(slug, name)| view! {
            <p><strong>"Casus: "</strong><a href=format!("/gebieden/{slug}")>{name}</a>
                {(!page.case_question.is_empty()).then(|| format!(" — {}", page.case_question))}</p>
        })}
        {(!page.segments.is_empty()).then(|| view! {
            <p><strong>"Stuurwiel: "</strong>
                {page.segments.iter().enumerate().map(|(i, (id, name))| view! {
                    {(i > 0).then_some(", ")}<a href=format!("/kennisbank/stuurwiel/{id}")>{name.clone()}</a>
                }).collect_view()}
            </p>
        })}
        <p><a href=ics download="" rel="external">"Zet in uw agenda (.ics)"</a></p>
        <CoordinatorLinks slug=card.slug.clone()/>
        {(!page.report_html.is_empty() || !page.materials_html.is_empty() || !page.recording_url.is_empty()).then(|| view! {
            <section aria-labelledby="verslag-kop">
                <h2 id="verslag-kop">"Terugblik"</h2>
                <div class="rich-text" inner_html=page.report_html.clone()></div>
                {(!page.materials_html.is_empty()).then(|| view! { <h3>"Materiaal"</h3><div class="rich-text" inner_html=page.materials_html.clone()></div> })}
                {(!page.recording_url.is_empty()).then(|| view! { <p><a href=page.recording_url.clone()>"Bekijk de opname"</a></p> })}
                {page.report_item.clone().map(|(slug, title)| view! { <p>"In de kennisbank: "<a href=format!("/kennisbank/{slug}")>{title}</a></p> })}
            </section>
        })}
        <section aria-labelledby="aanmelden-kop" id="aanmelden">
            <h2 id="aanmelden-kop">"Aanmelden"</h2>
            {match page.closed.clone() {
                Some(reason) => view! { <p class="empty-state">{reason}</p> }.into_any(),
                None => view! {
                    {full.then(|| view! { <p class="notice notice--warning">"De sessie is vol. U kunt zich aanmelden voor de wachtlijst; komt er een plaats vrij, dan schuift u automatisch door."</p> })}
                    {move || general().map(|m| view! { <div class="notice notice--error" role="alert"><p>{m}</p></div> })}
                    <ActionForm action=signup attr:class="form">
                        <input type="hidden" name="slug" value=card.slug.clone()/>
                        <div class="field">
                            <label for="naam">"Naam"</label>
                            {field_error("name")}
                            <input id="naam" name="name" autocomplete="name" value=name required/>
                        </div>
                        <div class="field">
                            <label for="email">"E-mailadres"</label>
                            {field_error("email")}
                            <input id="email" name="email" type="email" autocomplete="email" value=email required/>
                        </div>
                        <div class="field">
                            <label for="organisatie">"Organisatie (optioneel)"</label>
                            {field_error("organisation")}
                            <input id="organisatie" name="organisation" autocomplete="organization" value=organisation/>
                        </div>
                        <div class="field">
                            <label for="rol">"U bent"</label>
                            {field_error("role")}
                            <select id="rol" name="role">
                                <option value="">"— kies —"</option>
                                {AttendeeRole::ALL.iter().map(|r| {
                                    let selected = role == r.code();
                                    view! { <option value=r.code() selected=selected>{r.label()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="vraag">"Uw vraag of verwachting (optioneel)"</label>
                            {field_error("question")}
                            <textarea id="vraag" name="question" rows="3">{question}</textarea>
                        </div>
                        <div class="field field--checkbox">
                            <input type="checkbox" id="toestemming" name="consent" value="ja"/>
                            <label for="toestemming">{format!("Ik geef toestemming om mijn gegevens te bewaren voor deze sessie. Ze worden {} dagen na de sessie verwijderd (zie de privacyverklaring).", page.retention_days)}</label>
                        </div>
                        {field_error("consent")}
                        <div class="form__actions">
                            <button type="submit" disabled=move || pending.get()>
                                {move || if pending.get() { "Bezig met aanmelden…" } else if full { "Aanmelden voor de wachtlijst" } else { "Aanmelden" }}
                            </button>
                        </div>
                    </ActionForm>
                }.into_any(),
            }}
        </section>
        <FindMyRegistrations/>
    }
}

/// "Send me my sign-ups", under the agenda and under each session's form.
#[component]
fn FindMyRegistrations() -> impl IntoView {
    view! {
        <section aria-labelledby="mijn-aanmeldingen-kop" class="aside-section">
            <h2 id="mijn-aanmeldingen-kop">"Uw aanmeldingen terugvinden"</h2>
            <p>"Bevestiging kwijt? We sturen u één mail met al uw komende aanmeldingen en een link naar elk ervan. "
                <a href=super::mine::PAGE_PATH>"Meer hierover"</a></p>
            <super::mine::MyRegistrationsForm id_prefix="terugvinden"/>
        </section>
    }
}

/// Edit and attendee links, for coordinators only (decided on the server's answer).
#[component]
fn CoordinatorLinks(slug: String) -> impl IntoView {
    let auth = crate::accounts::pages::use_auth();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let slug = slug.clone();
                Suspend::new(async move {
                    let coordinator = crate::accounts::decide(auth.user.await.as_ref(), &crate::accounts::Action::Coordinate)
                        == crate::accounts::Access::Allowed;
                    coordinator.then(|| view! {
                        <p class="coordinator-links">
                            <a class="button-link" href=format!("/sessies/{slug}/bewerken")>"Bewerken"</a>" "
                            <a class="button-link" href=format!("/sessies/{slug}/deelnemers")>"Deelnemers"</a>
                        </p>
                    })
                })
            }}
        </Suspense>
    }
}

/// `/aanmelding/{token}`: the attendee's own page.
#[component]
pub fn RegistrationPageView() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let cancel = ServerAction::<CancelRegistration>::new();
    let page = Resource::new(
        move || (token(), cancel.version().get()),
        |(token, _)| get_registration(token),
    );
    view! {
        <Title text="Uw aanmelding"/>
        <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(Some(r)) => {
                        let status = match (r.status, r.waiting_position) {
                            (RegistrationStatus::Waiting, Some(n)) => format!("U staat op de wachtlijst, op plaats {n}. Komt er een plaats vrij, dan schuift u automatisch door."),
                            (RegistrationStatus::Confirmed, _) if r.session.cancelled => "De sessie gaat helaas niet door.".to_string(),
                            (RegistrationStatus::Confirmed, _) => "U bent aangemeld.".to_string(),
                            _ => "U bent afgemeld.".to_string(),
                        };
                        let active = r.status != RegistrationStatus::Cancelled && !r.session.cancelled;
                        let ics = format!("/aanmelding/{}/agenda.ics", token());
                        view! {
                            <h1>{format!("Uw aanmelding: {}", r.session.title)}</h1>
                            <div class="notice notice--ok" role="status"><p><strong>{status}</strong></p></div>
                            <dl class="facts">
                                <div><dt>"Naam"</dt><dd>{r.name.clone()}</dd></div>
                                <div><dt>"Wanneer"</dt><dd>{when(&r.session)}</dd></div>
                                <div><dt>"Waar"</dt><dd>{match (&r.meeting_url, r.session.online) {
                                    (Some(url), _) => view! { <a href=url.clone()>{format!("Online: {url}")}</a> }.into_any(),
                                    (None, true) => "Online; de link verschijnt hier zodra uw plaats bevestigd is.".into_any(),
                                    (None, false) => r.address.clone().into_any(),
                                }}</dd></div>
                            </dl>
                            <p><a href=format!("/sessies/{}", r.session.slug)>"Over de sessie"</a>" · "<a href=ics download="" rel="external">"Zet in uw agenda (.ics)"</a></p>
                            <p class="muted">"Bewaar deze pagina: de link is uw toegang tot uw aanmelding."</p>
                            {active.then(|| view! {
                                <ActionForm action=cancel attr:class="form">
                                    <input type="hidden" name="token" value=token()/>
                                    <div class="form__actions"><button type="submit" class="button--secondary">"Afmelden"</button></div>
                                </ActionForm>
                            })}
                        }.into_any()
                    }
                    Ok(None) => {
                        set_status(404);
                        view! { <h1>"Aanmelding niet gevonden"</h1><p>"Deze link is niet (meer) geldig. Controleer of u de hele link uit de bevestiging heeft gebruikt."</p> }.into_any()
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
