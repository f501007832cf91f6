//! The proposal pages: an area's proposals with the form to propose, one proposal with its
//! history and the support form, and the confirmation page the mails link to. Plain
//! server-rendered forms (they work without JavaScript and add nothing to the WASM).

use super::api::*;
use super::*;
use crate::editing::form::Returned;
use crate::ui::{layout::set_status, notice::ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// What a returned form of `name` holds for `field`.
fn typed(returned: &Option<Returned>, name: &str, field: &str) -> String {
    crate::editing::form::shown(returned, name, field, "")
}

fn errors_of(returned: &Option<Returned>, name: &str) -> FieldErrors {
    returned
        .as_ref()
        .filter(|r| r.form == name)
        .map(|r| r.errors.clone())
        .unwrap_or_default()
}

fn error_view(errors: &FieldErrors, field: &str) -> Option<impl IntoView> {
    errors
        .get(field)
        .cloned()
        .map(|m| view! { <p class="field__error">{m}</p> })
}

fn notice(query: &leptos_router::params::ParamsMap) -> Option<&'static str> {
    let flag = |name: &str| query.get(name).as_deref() == Some("ja");
    if flag("voorgesteld") {
        Some("Dank u! Kijk in uw mail: uw voorstel wordt zichtbaar zodra u het bevestigt.")
    } else if flag("gesteund") {
        Some("Dank u! Kijk in uw mail: uw steun telt zodra u hem bevestigt.")
    } else if flag("bevestigd") {
        Some("Bevestigd. Dank u wel!")
    } else if flag("gemeld") {
        Some("Dank u voor uw melding; de coördinator kijkt ernaar.")
    } else if flag("besloten") {
        Some("Het besluit is opgeslagen; de indiener en wie het steunde krijgen een mail.")
    } else if flag("drempel") {
        Some("De drempel is opgeslagen.")
    } else {
        None
    }
}

#[component]
fn Card(card: ProposalCard, slug: String, threshold: i64) -> impl IntoView {
    let href = proposal_path(&slug, card.id);
    let status = match card.status {
        ProposalStatus::Open if card.ready => "Klaar voor de coördinator".to_string(),
        ProposalStatus::Open => format!("{} van {threshold} steunbetuigingen", card.supports),
        other => other.label().to_string(),
    };
    view! {
        <li class="proposal">
            <a href=href>{card.title.clone()}</a>
            <p class="muted">{format!("{} · {} · {}", card.theme, card.proposed_by, status)}</p>
            {(card.status == ProposalStatus::Open).then(|| view! { <p class="proposal__count">{format!("{} steun", card.supports)}</p> })}
        </li>
    }
}

/// Name, address (neither public) and consent: the part proposing and supporting share.
#[component]
fn PersonFields(
    id_prefix: &'static str,
    name: String,
    email: String,
    errors: FieldErrors,
) -> impl IntoView {
    let id = |field: &str| format!("{id_prefix}-{field}");
    view! {
        <div class="field">
            <label for=id("naam")>"Uw naam (niet openbaar)"</label>
            {error_view(&errors, "name")}
            <input id=id("naam") name="name" autocomplete="name" value=name required/>
        </div>
        <div class="field">
            <label for=id("email")>"Uw e-mailadres (niet openbaar)"</label>
            {error_view(&errors, "email")}
            <input id=id("email") name="email" type="email" autocomplete="email" value=email required/>
        </div>
        <div class="field field--checkbox">
            <input type="checkbox" id=id("toestemming") name="consent" value="ja"/>
            <label for=id("toestemming")>"Ik geef toestemming om mijn naam en e-mailadres hiervoor te bewaren; ze worden 90 dagen na het besluit verwijderd."</label>
        </div>
        {error_view(&errors, "consent")}
    }
}

#[component]
fn ProposeForm(page: ProposalsPage) -> impl IntoView {
    let action = ServerAction::<ProposeOpgave>::new();
    let returned = page.returned.clone();
    let errors = errors_of(&returned, "proposal-new");
    let value = |field: &str| typed(&returned, "proposal-new", field);
    let (role, theme) = (value("role"), value("theme"));
    let (title, description, organisation, name, email) = (
        value("title"),
        value("description"),
        value("organisation"),
        value("name"),
        value("email"),
    );
    view! {
        <section aria-labelledby="voorstellen-kop" id="proposal-new">
            <h2 id="voorstellen-kop">"Stel een opgave voor"</h2>
            <p>"Een probleem in uw straat, of een idee? Stel het voor. Na uw bevestiging per mail is het voor iedereen te zien en kunnen anderen het steunen. Bij "
                {page.threshold}" steunbetuigingen komt het bij de coördinator op tafel. Uw naam en adres zijn nooit openbaar; uw rol en organisatie wel."</p>
            {errors.get("_form").cloned().map(|m| view! { <div class="notice notice--error" role="alert"><p>{m}</p></div> })}
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="slug" value=page.slug.clone()/>
                <div class="field">
                    <label for="voorstel-titel">"Titel"</label>
                    {error_view(&errors, "title")}
                    <input id="voorstel-titel" name="title" maxlength=MAX_TITLE value=title required/>
                </div>
                <div class="field">
                    <label for="voorstel-beschrijving">"Wat moet er gebeuren, en waarom?"</label>
                    {error_view(&errors, "description")}
                    <textarea id="voorstel-beschrijving" name="description" rows="4" required>{description}</textarea>
                </div>
                <div class="field">
                    <label for="voorstel-thema">"Thema"</label>
                    {error_view(&errors, "theme")}
                    <select id="voorstel-thema" name="theme">
                        <option value="">"— kies —"</option>
                        {page.themes.iter().map(|(key, label)| view! { <option value=key.clone() selected=*key == theme>{label.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="voorstel-rol">"U bent"</label>
                    {error_view(&errors, "role")}
                    <select id="voorstel-rol" name="role">
                        <option value="">"— kies —"</option>
                        {crate::sessions::AttendeeRole::ALL.iter().map(|r| view! { <option value=r.code() selected=r.code() == role>{r.label()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="voorstel-organisatie">"Organisatie (optioneel, openbaar)"</label>
                    {error_view(&errors, "organisation")}
                    <input id="voorstel-organisatie" name="organisation" autocomplete="organization" value=organisation/>
                </div>
                <PersonFields id_prefix="voorstel" name=name email=email errors=errors.clone()/>
                <crate::ui::honeypot::Honeypot id_prefix="voorstel"/>
                <div class="form__actions"><button type="submit">"Voorstel insturen"</button></div>
            </ActionForm>
        </section>
    }
}

/// `/gebieden/{slug}/voorstellen`
#[component]
pub fn ProposalsPageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                query.read().get("concept").unwrap_or_default(),
            )
        },
        |(slug, concept)| get_proposals(slug, concept),
    );
    let threshold_action = ServerAction::<SetSupportThreshold>::new();
    view! {
        <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(page)) => {
                        let slug = page.slug.clone();
                        let threshold = page.threshold;
                        let cards = |cards: Vec<ProposalCard>, empty: &'static str| {
                            if cards.is_empty() {
                                view! { <p class="empty-state">{empty}</p> }.into_any()
                            } else {
                                let slug = slug.clone();
                                view! { <ul class="cards proposals">{cards.into_iter().map(|card| view! { <Card card slug=slug.clone() threshold/> }).collect_view()}</ul> }.into_any()
                            }
                        };
                        view! {
                            <Title text=format!("Voorstellen voor {}", page.area_name)/>
                            <nav aria-label="Kruimelpad" class="breadcrumb">
                                <a href="/gebieden">"Gebieden"</a>" › "
                                <a href=format!("/gebieden/{}", page.slug)>{page.area_name.clone()}</a>" › "
                                <span aria-current="page">"Voorstellen"</span>
                            </nav>
                            <h1>{format!("Voorstellen voor {}", page.area_name)}</h1>
                            {notice(&query.read()).map(|m| view! { <div class="notice notice--ok" role="status"><p>{m}</p></div> })}
                            <h2>"Open voorstellen"</h2>
                            {cards(page.open.clone(), "Er zijn nog geen open voorstellen. Stel hieronder de eerste voor.")}
                            {page.can_triage.then(|| view! {
                                <h2>"Verborgen na meldingen"</h2>
                                {cards(page.hidden.clone(), "Geen verborgen voorstellen.")}
                            })}
                            <h2>"Besloten"</h2>
                            {cards(page.decided.clone(), "Nog geen besluiten.")}
                            <ProposeForm page=page.clone()/>
                            {page.can_triage.then(|| {
                                let errors = errors_of(&page.returned, "proposal-threshold");
                                view! {
                                    <section aria-labelledby="drempel-kop" class="private-section">
                                        <h2 id="drempel-kop">"Drempel (voor alle gebieden)"</h2>
                                        <ActionForm action=threshold_action attr:class="form form--inline">
                                            <input type="hidden" name="slug" value=page.slug.clone()/>
                                            <label for="drempel">"Steunbetuigingen voor ‘klaar voor de coördinator’"</label>
                                            {error_view(&errors, "threshold")}
                                            <input id="drempel" name="fields[threshold]" type="number" min="1" max="10000" value=page.threshold/>
                                            <button type="submit" class="button--secondary">"Opslaan"</button>
                                        </ActionForm>
                                        <p class="muted">"Alleen coördinatoren kunnen de drempel wijzigen."</p>
                                    </section>
                                }
                            })}
                        }.into_any()
                    }
                    Ok(None) => {
                        set_status(404);
                        view! { <Title text="Niet gevonden"/><h1>"Gebied niet gevonden"</h1><p><a href="/gebieden">"Naar de gebieden"</a></p> }.into_any()
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
fn Triage(page: ProposalPage) -> impl IntoView {
    let action = ServerAction::<TriageProposal>::new();
    let errors = errors_of(&page.returned, "proposal-triage");
    let hidden = page.card.hidden;
    view! {
        <section aria-labelledby="besluit-kop" class="private-section" id="proposal-triage">
            <h2 id="besluit-kop">"Besluit (coördinator en gebiedsredactie)"</h2>
            {errors.get("_form").cloned().map(|m| view! { <div class="notice notice--error" role="alert"><p>{m}</p></div> })}
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="slug" value=page.slug.clone()/>
                <input type="hidden" name="proposal_id" value=page.card.id/>
                <fieldset class="field">
                    <legend>"Wat gebeurt er met dit voorstel?"</legend>
                    {error_view(&errors, "decision")}
                    <div class="choice"><input type="radio" id="besluit-over" name="fields[decision]" value="adopt"/><label for="besluit-over">"Overnemen als nieuwe opgave"</label></div>
                    <div class="choice"><input type="radio" id="besluit-samen" name="fields[decision]" value="merge"/><label for="besluit-samen">"Samenvoegen met een bestaande opgave"</label></div>
                    <div class="choice"><input type="radio" id="besluit-niet" name="fields[decision]" value="decline"/><label for="besluit-niet">"Niet overnemen"</label></div>
                    {hidden.then(|| view! { <div class="choice"><input type="radio" id="besluit-tonen" name="fields[decision]" value="show"/><label for="besluit-tonen">"De meldingen waren onterecht: weer tonen"</label></div> })}
                </fieldset>
                <div class="field">
                    <label for="besluit-opgave">"Bij samenvoegen: met welke opgave"</label>
                    {error_view(&errors, "opgave")}
                    <select id="besluit-opgave" name="fields[opgave]">
                        <option value="">"— kies —"</option>
                        {page.opgaves.clone().into_iter().map(|(id, title)| view! { <option value=id>{title}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="besluit-reden">"Bij niet overnemen: de reden"</label>
                    {error_view(&errors, "reason")}
                    <select id="besluit-reden" name="fields[reason]">
                        <option value="">"— kies —"</option>
                        {DeclineReason::ALL.iter().map(|r| view! { <option value=r.code()>{r.label()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="besluit-tekst">"Toelichting (openbaar; verplicht bij niet overnemen)"</label>
                    {error_view(&errors, "text")}
                    <textarea id="besluit-tekst" name="fields[text]" rows="3"></textarea>
                </div>
                <div class="form__actions"><button type="submit">"Besluit opslaan"</button></div>
            </ActionForm>
        </section>
    }
}

/// `/gebieden/{slug}/voorstellen/{id}`
#[component]
pub fn ProposalPageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                params
                    .read()
                    .get("id")
                    .and_then(|id| id.parse::<i64>().ok())
                    .unwrap_or(-1),
                query.read().get("concept").unwrap_or_default(),
            )
        },
        |(slug, id, concept)| get_proposal(slug, id, concept),
    );
    let support = ServerAction::<SupportProposal>::new();
    let report = ServerAction::<ReportProposal>::new();
    view! {
        <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(page)) => {
                        let card = page.card.clone();
                        let errors = errors_of(&page.returned, "proposal-support");
                        let (v_name, v_email) = (
                            typed(&page.returned, "proposal-support", "name"),
                            typed(&page.returned, "proposal-support", "email"),
                        );
                        let (slug_support, slug_report) = (page.slug.clone(), page.slug.clone());
                        let triage = (page.can_triage && card.status == ProposalStatus::Open).then(|| page.clone());
                        let open = card.status == ProposalStatus::Open && !card.hidden;
                        let status = match card.status {
                            ProposalStatus::Open if card.ready => format!("Klaar voor de coördinator: {} steunbetuigingen.", card.supports),
                            ProposalStatus::Open => format!("{} van de {} steunbetuigingen die het bij de coördinator op tafel brengen.", card.supports, page.threshold),
                            other => other.label().to_string(),
                        };
                        view! {
                            <Title text=card.title.clone()/>
                            <nav aria-label="Kruimelpad" class="breadcrumb">
                                <a href=format!("/gebieden/{}", page.slug)>{page.area_name.clone()}</a>" › "
                                <a href=list_path(&page.slug)>"Voorstellen"</a>" › "
                                <span aria-current="page">{card.title.clone()}</span>
                            </nav>
                            <h1>{card.title.clone()}</h1>
                            {notice(&query.read()).map(|m| view! { <div class="notice notice--ok" role="status"><p>{m}</p></div> })}
                            {card.hidden.then(|| view! { <p class="notice notice--warning">"Verborgen na meldingen: alleen de coördinator en de gebiedsredactie zien dit voorstel."</p> })}
                            <p class="muted">{format!("{} · voorgesteld door: {}", card.theme, card.proposed_by)}</p>
                            <p>{card.description.clone()}</p>
                            <p><strong>{status}</strong></p>
                            {card.decline_reason.map(|reason| view! { <p>{format!("Reden: {}.", reason.label())}</p> })}
                            {(!card.decision_text.is_empty()).then(|| view! { <p>{card.decision_text.clone()}</p> })}
                            {card.opgave.clone().map(|(_, title)| view! {
                                <p>"De opgave: "<a href=format!("/gebieden/{}#opgaves", page.slug)>{title}</a></p>
                            })}
                            <h2>"Geschiedenis"</h2>
                            <ol class="history">
                                {page.history.iter().map(|(kind, date)| view! { <li>{format!("{date}: {}", kind.label())}</li> }).collect_view()}
                            </ol>
                            {open.then(|| view! {
                                <section aria-labelledby="steun-kop" id="proposal-support">
                                    <h2 id="steun-kop">"Steun dit voorstel"</h2>
                                    <p>"Alleen het aantal is openbaar, nooit uw naam of adres. U krijgt een mail om uw steun te bevestigen."</p>
                                    {errors.get("_form").cloned().map(|m| view! { <div class="notice notice--error" role="alert"><p>{m}</p></div> })}
                                    <ActionForm action=support attr:class="form">
                                        <input type="hidden" name="slug" value=slug_support/>
                                        <input type="hidden" name="proposal_id" value=card.id/>
                                        <PersonFields id_prefix="steun" name=v_name email=v_email errors=errors.clone()/>
                                        <crate::ui::honeypot::Honeypot id_prefix="steun"/>
                                        <div class="form__actions"><button type="submit">"Steunen"</button></div>
                                    </ActionForm>
                                </section>
                                <ActionForm action=report attr:class="form form--inline">
                                    <input type="hidden" name="slug" value=slug_report/>
                                    <input type="hidden" name="proposal_id" value=card.id/>
                                    <button type="submit" class="button--link">"Meld dit voorstel als ongepast"</button>
                                </ActionForm>
                            })}
                            {triage.map(|page| view! { <Triage page/> })}
                        }.into_any()
                    }
                    Ok(None) => {
                        set_status(404);
                        view! { <Title text="Niet gevonden"/><h1>"Voorstel niet gevonden"</h1><p>"Het bestaat niet, is nog niet bevestigd of is verborgen."</p> }.into_any()
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

/// `/voorstellen/bevestigen/{token}`: one button confirms a proposal or a support.
#[component]
pub fn ConfirmProposalPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let pending = Resource::new(token, get_pending_confirmation);
    let confirm = ServerAction::<ConfirmProposal>::new();
    view! {
        <Title text="Bevestigen"/>
        <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match pending.await {
                    Ok(Some(pending)) => view! {
                        <h1>{if pending.support { "Bevestig uw steun" } else { "Bevestig uw voorstel" }}</h1>
                        <p>{format!("‘{}’ voor {}.", pending.title, pending.area_name)}</p>
                        <ActionForm action=confirm attr:class="form">
                            <input type="hidden" name="token" value=token()/>
                            <div class="form__actions"><button type="submit">"Bevestigen"</button></div>
                        </ActionForm>
                    }.into_any(),
                    Ok(None) => {
                        set_status(404);
                        view! {
                            <h1>"Deze link is niet meer geldig"</h1>
                            <p>"De link is al gebruikt of ouder dan een week. Heeft u al bevestigd, dan telt het al."</p>
                        }.into_any()
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
