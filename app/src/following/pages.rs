//! The follow form (on area profiles, theme dossiers and the agenda), `/volgen`, the
//! confirmation page and the page where a follower manages what they follow. Plain
//! server-rendered forms: they work without JavaScript and add nothing to the WASM.

use super::api::*;
use super::*;
use crate::ui::{layout::set_status, notice::ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// "Volg … per mail": address, how often, consent. `values` and `errors` bring back a form
/// that could not be sent without JavaScript.
#[component]
pub fn FollowBox(
    subject: SubjectKind,
    /// The area's slug or the theme's key; empty for all sessions.
    #[prop(into)]
    key: String,
    /// What it is called: "Lindenplein", "leegstand", "nieuwe sessies".
    #[prop(into)]
    name: String,
    #[prop(optional)] values: std::collections::BTreeMap<String, String>,
    #[prop(optional)] errors: FieldErrors,
) -> impl IntoView {
    let action = ServerAction::<Follow>::new();
    let error = move |field: &str| {
        errors
            .get(field)
            .cloned()
            .map(|m| view! { <p class="field__error">{m}</p> })
    };
    let weekly = values.get("frequency").map(String::as_str) != Some("instant");
    view! {
        <section class="follow-box" aria-labelledby="volgen-kop" id="volgen">
            <h2 id="volgen-kop">{format!("Volg {name} per mail")}</h2>
            <p>"Geen account nodig. U krijgt eerst een mail om te bevestigen; afmelden kan in elke mail met één klik."</p>
            {error("form").map(|m| view! { <div class="notice notice--error" role="alert">{m}</div> })}
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="subject" value=subject.code()/>
                <input type="hidden" name="key" value=key/>
                <div class="field">
                    <label for="volgen-email">"Uw e-mailadres"</label>
                    {error("email")}
                    <input id="volgen-email" name="email" type="email" autocomplete="email"
                        value=values.get("email").cloned().unwrap_or_default() required/>
                </div>
                <fieldset class="field">
                    <legend>"Hoe vaak?"</legend>
                    {error("frequency")}
                    <div class="choice">
                        <input type="radio" id="volgen-wekelijks" name="frequency" value="weekly" checked=weekly/>
                        <label for="volgen-wekelijks">"Eén keer per week, op maandag (alleen als er nieuws is)"</label>
                    </div>
                    <div class="choice">
                        <input type="radio" id="volgen-meteen" name="frequency" value="instant" checked=!weekly/>
                        <label for="volgen-meteen">"Meteen als er iets nieuws is"</label>
                    </div>
                </fieldset>
                <div class="field field--checkbox">
                    <input type="checkbox" id="volgen-toestemming" name="consent" value="ja"/>
                    <label for="volgen-toestemming">"Ik geef toestemming om mijn e-mailadres hiervoor te bewaren, tot ik me afmeld (zie de privacyverklaring)."</label>
                </div>
                {error("consent")}
                <crate::ui::honeypot::Honeypot id_prefix="volgen"/>
                <div class="form__actions"><button type="submit">"Volgen"</button></div>
            </ActionForm>
        </section>
    }
}

/// `/volgen`: what following means, the answer after asking, and a form for all new
/// sessions or a theme (or the form that came back with an error).
#[component]
pub fn FollowPage() -> impl IntoView {
    let query = use_query_map();
    let flag = move |name: &'static str| query.read().get(name).as_deref() == Some("ja");
    let data = Resource::new(
        move || query.read().get("concept").unwrap_or_default(),
        get_follow_form,
    );
    view! {
        <Title text="Volgen per mail"/>
        <h1>"Volgen per mail"</h1>
        {move || flag("aangevraagd").then(|| view! {
            <div class="notice notice--ok" role="status">
                <p><strong>"Kijk in uw mail om te bevestigen."</strong></p>
                <p>"We sturen pas iets als u de link in die mail heeft gebruikt. Niets ontvangen? Kijk in uw map met ongewenste mail."</p>
            </div>
        })}
        {move || flag("afgemeld").then(|| view! {
            <div class="notice notice--ok" role="status"><p><strong>"U bent afgemeld. We sturen u hierover niets meer en uw adres is verwijderd."</strong></p></div>
        })}
        <p class="lead">"Volg een gebied, een thema of alle nieuwe sessies, en krijg een mail bij nieuwe of gewijzigde sessies, opgaves die verder komen, nieuwe stukken in de kennisbank en nieuwe cijfers. Meteen, of één keer per week."</p>
        <p>"Een gebied volgt u op de pagina van dat gebied; een thema ook via het themadossier in de kennisbank."</p>
        <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => {
                        let value = |name: &str| data.values.get(name).cloned().unwrap_or_default();
                        let subject = SubjectKind::from_code(&value("subject")).unwrap_or(SubjectKind::Sessions);
                        let key = value("key");
                        let name = match subject {
                            SubjectKind::Sessions => "nieuwe sessies".to_string(),
                            SubjectKind::Theme => data.themes.iter().find(|(k, _)| *k == key)
                                .map(|(_, label)| format!("het thema {}", label.to_lowercase()))
                                .unwrap_or_else(|| "dit thema".into()),
                            SubjectKind::Area => "dit gebied".to_string(),
                        };
                        view! {
                            <FollowBox subject key name values=data.values.clone() errors=data.errors.clone()/>
                            <h2>"Thema’s"</h2>
                            <ul class="inline-list">
                                {data.themes.iter().map(|(key, label)| view! {
                                    <li><a href=format!("/kennisbank/thema/{key}#volgen")>{label.clone()}</a></li>
                                }).collect_view()}
                            </ul>
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

/// `/volgen/bevestigen/{token}`: one button confirms (a mail scanner opening the link
/// confirms nothing).
#[component]
pub fn ConfirmFollowPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let pending = Resource::new(token, get_pending_follow);
    let confirm = ServerAction::<ConfirmFollow>::new();
    view! {
        <Title text="Volgen bevestigen"/>
        <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match pending.await {
                    Ok(Some(pending)) => view! {
                        <h1>{format!("Bevestig: {} volgen", pending.name)}</h1>
                        <p>{format!("U krijgt mail: {}.", pending.frequency.label().to_lowercase())}</p>
                        <ActionForm action=confirm attr:class="form">
                            <input type="hidden" name="token" value=token()/>
                            <div class="form__actions"><button type="submit">"Ja, ik wil dit volgen"</button></div>
                        </ActionForm>
                    }.into_any(),
                    Ok(None) => {
                        set_status(404);
                        view! {
                            <h1>"Deze link is niet meer geldig"</h1>
                            <p>"De link is al gebruikt of ouder dan een week. Heeft u al bevestigd, dan volgt u het al; de link om te beheren wat u volgt staat in elke mail die u van ons krijgt. Anders kunt u opnieuw vragen om te volgen."</p>
                            <p><a href=PAGE_PATH>"Naar volgen per mail"</a></p>
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

/// `/volgen/beheer/{token}`: what this person follows, how often, and stopping.
#[component]
pub fn ManageFollowsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let change = ServerAction::<ChangeFollow>::new();
    let stop = ServerAction::<StopFollow>::new();
    let unsubscribe = ServerAction::<UnsubscribeAll>::new();
    let page = Resource::new(token, get_follows);
    let notice = move || {
        let q = query.read();
        if q.get("bevestigd").as_deref() == Some("ja") {
            Some("Bevestigd: u volgt het nu. Hieronder ziet u alles wat u volgt.")
        } else if q.get("gewijzigd").as_deref() == Some("ja") {
            Some("Opgeslagen.")
        } else if q.get("gestopt").as_deref() == Some("ja") {
            Some("U volgt dat niet meer.")
        } else {
            None
        }
    };
    view! {
        <Title text="Wat u volgt"/>
        <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(Some(page)) => view! {
                        <h1>"Wat u volgt"</h1>
                        {notice().map(|m| view! { <div class="notice notice--ok" role="status"><p>{m}</p></div> })}
                        <p>{format!("Mail gaat naar {}.", page.email)}</p>
                        {if page.follows.is_empty() {
                            view! { <p class="empty-state">"U volgt niets."</p> }.into_any()
                        } else {
                            view! {
                                <table class="table">
                                    <caption class="visually-hidden">"Wat u volgt"</caption>
                                    <thead><tr><th scope="col">"Wat"</th><th scope="col">"Hoe vaak"</th><th scope="col">"Stoppen"</th></tr></thead>
                                    <tbody>
                                        {page.follows.into_iter().map(|followed| {
                                            let select_id = format!("frequentie-{}", followed.id);
                                            let how_often = format!("Hoe vaak voor {}", followed.name);
                                            let stop_label = format!("Stop met {}", followed.name);
                                            let frequency = followed.frequency;
                                            view! {
                                                <tr>
                                                    <th scope="row">
                                                        <a href=followed.path.clone()>{followed.name.clone()}</a>
                                                        {(!followed.confirmed).then(|| view! { <span class="muted">" (nog niet bevestigd)"</span> })}
                                                    </th>
                                                    <td>
                                                        <ActionForm action=change attr:class="form form--inline">
                                                            <input type="hidden" name="token" value=token()/>
                                                            <input type="hidden" name="follow_id" value=followed.id/>
                                                            <label for=select_id.clone() class="visually-hidden">{how_often}</label>
                                                            <select id=select_id name="frequency">
                                                                {Frequency::ALL.iter().map(|f| view! {
                                                                    <option value=f.code() selected=*f == frequency>{f.label()}</option>
                                                                }).collect_view()}
                                                            </select>
                                                            <button type="submit" class="button--secondary">"Opslaan"</button>
                                                        </ActionForm>
                                                    </td>
                                                    <td>
                                                        <ActionForm action=stop attr:class="form form--inline">
                                                            <input type="hidden" name="token" value=token()/>
                                                            <input type="hidden" name="follow_id" value=followed.id/>
                                                            <button type="submit" class="button--secondary">{stop_label}</button>
                                                        </ActionForm>
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                        <h2>"Afmelden voor alles"</h2>
                        <p>"Dan sturen we u niets meer en verwijderen we uw e-mailadres."</p>
                        <ActionForm action=unsubscribe attr:class="form">
                            <input type="hidden" name="token" value=token()/>
                            <div class="form__actions"><button type="submit" class="button--danger">"Afmelden voor alles"</button></div>
                        </ActionForm>
                    }.into_any(),
                    Ok(None) => {
                        set_status(404);
                        view! {
                            <h1>"Deze link is niet (meer) geldig"</h1>
                            <p>"Misschien heeft u zich al afgemeld. Gebruik de link uit de nieuwste mail die u van ons kreeg."</p>
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
