//! The page `/sessies/onderwerpen`.

use super::*;
use crate::editing::ui::{InputField, SelectField, TextAreaField};
use crate::ui::{format::dutch_date, layout::set_status, notice::ErrorNotice};
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

type Message = Option<(bool, String)>;

fn votes_label(votes: i64) -> String {
    if votes == 1 {
        "1 stem".to_string()
    } else {
        format!("{votes} stemmen")
    }
}

fn notice((ok, text): (bool, String)) -> impl IntoView {
    let class = if ok {
        "notice notice--ok"
    } else {
        "notice notice--error"
    };
    view! { <div class=class role="status"><p>{text}</p></div> }
}

#[component]
pub fn TopicsPageView() -> impl IntoView {
    let query = use_query_map();
    let theme = move || query.read().get("thema").unwrap_or_default();
    let concept = move || query.read().get("concept").unwrap_or_default();
    let suggest = ServerAction::<SuggestTopic>::new();
    let vote = ServerAction::<VoteTopic>::new();
    let triage = ServerAction::<TriageTopic>::new();
    // Every vote, suggestion and triage is a form post that comes back to this page, with
    // `?bericht=` for its outcome (the same with and without JavaScript).
    let page = Resource::new(
        move || (theme(), concept()),
        |(theme, concept)| get_topics(theme, concept),
    );
    let form = Resource::new(concept, topic_form);
    let url_message = move |for_form: bool| {
        let code = query.read().get("bericht").unwrap_or_default();
        message_for_code(&code).filter(|_| (code == SUGGESTED) == for_form)
    };
    let list_message = Signal::derive(move || url_message(false));
    let form_message = Signal::derive(move || url_message(true));
    view! {
        <Title text="Onderwerpen voor sessies"/>
        <nav aria-label="Kruimelpad" class="breadcrumb">
            <a href="/sessies">"Sessies"</a>" › "<span aria-current="page">"Onderwerpen"</span>
        </nav>
        <h1>"Onderwerpen voor sessies"</h1>
        <p class="lead">
            "Waar wilt u met andere gebieden over praten, of van hen leren? Stel een onderwerp voor, of stem op de onderwerpen van anderen. "
            "De coördinatoren kiezen uit de voorstellen met de meeste stemmen de onderwerpen van komende sessies. "
            <a href="#voorstellen">"Stel zelf een onderwerp voor"</a>
        </p>
        <Transition fallback=|| view! { <p aria-busy="true">"Onderwerpen laden…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <TopicLists page vote triage message=list_message/> }.into_any(),
                    Err(error) => {
                        set_status(503);
                        view! { <ErrorNotice message=error.to_string()/> }.into_any()
                    }
                }
            })}
        </Transition>
        <section aria-labelledby="voorstellen-kop" id="voorstellen">
            <h2 id="voorstellen-kop">"Onderwerp voorstellen"</h2>
            <Suspense fallback=|| view! { <p aria-busy="true">"Formulier laden…"</p> }>
                {move || Suspend::new(async move {
                    match form.await {
                        Ok(data) => view! { <SuggestForm suggest data message=form_message/> }.into_any(),
                        Err(error) => view! { <ErrorNotice message=error.to_string()/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn TopicLists(
    page: TopicsPage,
    vote: ServerAction<VoteTopic>,
    triage: ServerAction<TriageTopic>,
    message: Signal<Message>,
) -> impl IntoView {
    let filtered = !page.theme_filter.is_empty();
    let TopicsPage {
        open,
        planned,
        declined,
        theme_options,
        theme_filter,
        coordinator,
        session_options,
        triage_draft,
    } = page;
    let context = StoredValue::new((coordinator, session_options, triage_draft));
    let item = move |topic: Topic| {
        let (coordinator, sessions, draft) = context.get_value();
        view! { <TopicItem topic vote triage coordinator sessions draft/> }
    };
    let (empty_open, empty_planned, empty_declined) = if filtered {
        (
            "Er zijn geen open voorstellen over dit thema.",
            "Nog geen voorstellen over dit thema ingepland.",
            "Geen afgewezen voorstellen over dit thema.",
        )
    } else {
        (
            "Er zijn nog geen open voorstellen. Stel als eerste een onderwerp voor!",
            "Nog geen voorstellen ingepland.",
            "Geen afgewezen voorstellen.",
        )
    };
    view! {
        <Form method="GET" action=PAGE_PATH attr:class="filter-form">
            <div class="filter-form__field">
                <label for="onderwerp-thema">"Thema"</label>
                <select id="onderwerp-thema" name="thema">
                    <option value="">"Alle thema's"</option>
                    {theme_options.into_iter().map(|(key, label)| {
                        let selected = key == theme_filter;
                        view! { <option value=key selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="filter-form__actions"><button type="submit">"Toon onderwerpen"</button></div>
        </Form>

        <section aria-labelledby="open-kop">
            <h2 id="open-kop">"Open voorstellen"</h2>
            {move || message.get().map(notice)}
            {if open.is_empty() {
                view! { <p class="empty-state">{empty_open}</p> }.into_any()
            } else {
                view! {
                    <p class="muted">"Het voorstel met de meeste stemmen staat bovenaan. U kunt één keer op elk voorstel stemmen."</p>
                    <ul class="topics">{open.into_iter().map(item).collect_view()}</ul>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="gepland-kop">
            <h2 id="gepland-kop">"Gepland"</h2>
            {if planned.is_empty() {
                view! { <p class="empty-state">{empty_planned}</p> }.into_any()
            } else {
                view! { <ul class="topics">{planned.into_iter().map(item).collect_view()}</ul> }.into_any()
            }}
        </section>

        <section aria-labelledby="niet-gepland-kop">
            <h2 id="niet-gepland-kop">"Niet gepland"</h2>
            {if declined.is_empty() {
                view! { <p class="empty-state">{empty_declined}</p> }.into_any()
            } else {
                view! {
                    <p class="muted">"Deze voorstellen komen niet in een sessie; de reden staat erbij."</p>
                    <ul class="topics">{declined.into_iter().map(item).collect_view()}</ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn SuggestForm(
    suggest: ServerAction<SuggestTopic>,
    data: SuggestFormData,
    message: Signal<Message>,
) -> impl IntoView {
    let stored = data.draft.errors.clone();
    let errors = Signal::derive(move || match suggest.value().get() {
        Some(Err(TopicError::Invalid(errors))) => errors,
        Some(_) => FieldErrors::default(),
        None => stored.clone(),
    });
    let stored_general = data.draft.errors.get("form").cloned();
    let message = move || match suggest.value().get() {
        Some(Ok(_)) => Some((true, SUGGESTED_MESSAGE.to_string())),
        Some(Err(TopicError::Invalid(_))) => None,
        Some(Err(other)) => Some((false, other.to_string())),
        None => stored_general
            .clone()
            .map(|m| (false, m))
            .or_else(|| message.get()),
    };
    let pending = suggest.pending();
    // After a suggestion went in (with JavaScript), the form starts empty again.
    let saved = Memo::new(move |_| {
        suggest
            .value()
            .with(|v| matches!(v, Some(Ok(_))))
            .then(|| suggest.version().get())
    });
    let themes: Vec<(String, String)> =
        std::iter::once((String::new(), "— kies een thema —".to_string()))
            .chain(data.themes)
            .collect();
    let areas: Vec<(String, String)> =
        std::iter::once((String::new(), "Geen bepaald gebied".to_string()))
            .chain(data.areas)
            .collect();
    let draft = StoredValue::new(data.draft);
    let choices = StoredValue::new((themes, areas));
    view! {
        {move || message().map(notice)}
        {move || {
            let fresh = saved.get().is_some();
            let value = move |name: &str| {
                if fresh {
                    String::new()
                } else {
                    draft.with_value(|d| d.value(name))
                }
            };
            let (themes, areas) = choices.get_value();
            view! {
                <ActionForm action=suggest attr:class="form">
                    <SelectField name="theme" label="Thema" options=themes value=value("theme") errors/>
                    <TextAreaField
                        name="text"
                        label="Onderwerp"
                        hint="Wat wilt u bespreken, of van anderen leren? Hoogstens 1000 tekens."
                        value=value("text")
                        errors
                        rows=5
                    />
                    <SelectField name="area" label="Gebied (optioneel)" options=areas value=value("area") errors/>
                    <InputField name="name" label="Uw naam" value=value("name") autocomplete="name" errors/>
                    <InputField name="email" label="Uw e-mailadres" kind="email" value=value("email") autocomplete="email" errors/>
                    <p class="field__hint">
                        "De coördinatoren gebruiken uw naam en e-mailadres alleen om contact op te nemen over dit onderwerp. "
                        {format!("Ze zijn niet openbaar en worden {RETENTION_DAYS} dagen na uw voorstel verwijderd.")}
                    </p>
                    <div class="form__actions">
                        <button type="submit" disabled=move || pending.get()>
                            {move || if pending.get() { "Bezig met versturen…" } else { "Onderwerp voorstellen" }}
                        </button>
                    </div>
                </ActionForm>
            }
        }}
    }
}

#[component]
fn TopicItem(
    topic: Topic,
    vote: ServerAction<VoteTopic>,
    triage: ServerAction<TriageTopic>,
    coordinator: bool,
    sessions: Vec<(String, String)>,
    draft: Option<TopicDraft>,
) -> impl IntoView {
    let id = topic.id;
    let text_id = format!("onderwerp-{id}-tekst");
    let status_line = match (topic.status, &topic.session) {
        (TopicStatus::Planned, Some(session)) if !session.slug.is_empty() => view! {
            <p class="topic__status"><strong>"Gepland: "</strong>
                <a href=format!("/sessies/{}", session.slug)>{session.title.clone()}</a>
                {format!(" ({})", crate::sessions::dutch_datetime(&session.starts_at))}
            </p>
        }
        .into_any(),
        (TopicStatus::Planned, _) => view! {
            <p class="topic__status"><strong>"Gepland"</strong>" — de sessie wordt nog voorbereid."</p>
        }
        .into_any(),
        (TopicStatus::Declined, _) => view! {
            <p class="topic__status"><strong>"Waarom niet: "</strong>{topic.decline_reason.clone()}</p>
        }
        .into_any(),
        (TopicStatus::Open, _) => ().into_any(),
    };
    let vote_form = (topic.status == TopicStatus::Open).then(|| {
        let text_id = text_id.clone();
        if topic.voted {
            view! {
                <ActionForm action=vote attr:class="inline-form">
                    <input type="hidden" name="suggestion_id" value=id.to_string()/>
                    <input type="hidden" name="withdraw" value="ja"/>
                    <span>"✓ U heeft op dit voorstel gestemd."</span>
                    <button type="submit" aria-describedby=text_id>"Stem intrekken"</button>
                </ActionForm>
            }
            .into_any()
        } else {
            view! {
                <ActionForm action=vote attr:class="inline-form">
                    <input type="hidden" name="suggestion_id" value=id.to_string()/>
                    <button type="submit" aria-describedby=text_id>"Stem op dit voorstel"</button>
                </ActionForm>
            }
            .into_any()
        }
    });
    let contact = topic.contact.clone().map(|(name, email)| {
        if name.is_empty() && email.is_empty() {
            view! { <p class="muted">"Contactgegevens verwijderd (bewaartermijn verstreken)."</p> }
                .into_any()
        } else {
            view! {
                <p class="muted">"Voorgesteld door " {name} " · "
                    <a href=format!("mailto:{email}")>{email.clone()}</a>
                    " (alleen zichtbaar voor coördinatoren)"
                </p>
            }
            .into_any()
        }
    });
    let triage_form = (coordinator && topic.status == TopicStatus::Open)
        .then(|| view! { <TriageForm id sessions draft triage/> });
    view! {
        <li class="topic" id=format!("onderwerp-{id}")>
            <p class="topic__meta">
                <strong>{topic.theme.1.clone()}</strong>
                {topic.area.clone().map(|(slug, name)| view! {
                    " · " <a href=format!("/gebieden/{slug}")>{name}</a>
                })}
                <span class="muted">{format!(" · voorgesteld op {}", dutch_date(&topic.created_on))}</span>
            </p>
            <p class="topic__text" id=text_id>{topic.text.clone()}</p>
            <p class="topic__votes">{votes_label(topic.votes)}</p>
            {status_line}
            {vote_form}
            {contact}
            {triage_form}
        </li>
    }
}

/// A field's error message, linked to the field by id.
fn error_view(errors: Signal<FieldErrors>, key: String) -> impl IntoView {
    move || {
        errors.get().get(&key).cloned().map(|message| {
            view! { <p class="field__error" id=format!("{key}-fout")>{message}</p> }
        })
    }
}

#[component]
fn TriageForm(
    id: i64,
    sessions: Vec<(String, String)>,
    draft: Option<TopicDraft>,
    triage: ServerAction<TriageTopic>,
) -> impl IntoView {
    // A draft belongs to this form only if it was about this suggestion.
    let draft = draft.filter(|d| d.value("suggestion_id") == id.to_string());
    let stored = draft.as_ref().map(|d| d.errors.clone()).unwrap_or_default();
    let errors = Signal::derive(move || match triage.value().get() {
        Some(Err(EditError::Invalid(errors))) => errors,
        Some(_) => FieldErrors::default(),
        None => stored.clone(),
    });
    let (session_key, reason_key, form_key) = (
        format!("session-{id}"),
        format!("reason-{id}"),
        format!("form-{id}"),
    );
    let has_error = move |key: &String| {
        let key = key.clone();
        move || errors.get().get(&key).is_some()
    };
    let described = move |key: &String| {
        let key = key.clone();
        move || {
            errors
                .get()
                .get(&key)
                .is_some()
                .then(|| format!("{key}-fout"))
        }
    };
    let value = |name: &str| draft.as_ref().map(|d| d.value(name)).unwrap_or_default();
    let chosen_session = value("session");
    let reason = value("reason");
    let session_field = format!("sessie-{id}");
    let reason_field = format!("reden-{id}");
    view! {
        <details class="topic__triage" open=draft.is_some()>
            <summary>"Verwerken (coördinator)"</summary>
            {error_view(errors, form_key)}
            <ActionForm action=triage attr:class="form">
                <input type="hidden" name="suggestion_id" value=id.to_string()/>
                <input type="hidden" name="decision" value="planned"/>
                <div class="field" class:field--invalid=has_error(&session_key)>
                    <label for=session_field.clone()>"In welke sessie komt het aan bod?"</label>
                    {error_view(errors, session_key.clone())}
                    <select
                        id=session_field
                        name="session"
                        aria-invalid={ let invalid = has_error(&session_key); move || invalid().then_some("true") }
                        aria-describedby=described(&session_key)
                    >
                        <option value="">"— kies een sessie —"</option>
                        {sessions.into_iter().map(|(slug, label)| {
                            let selected = slug == chosen_session;
                            view! { <option value=slug selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form__actions"><button type="submit">"Markeer als gepland"</button></div>
            </ActionForm>
            <ActionForm action=triage attr:class="form">
                <input type="hidden" name="suggestion_id" value=id.to_string()/>
                <input type="hidden" name="decision" value="declined"/>
                <div class="field" class:field--invalid=has_error(&reason_key)>
                    <label for=reason_field.clone()>"Of: waarom komt het niet in een sessie? (openbaar)"</label>
                    {error_view(errors, reason_key.clone())}
                    <textarea
                        id=reason_field
                        name="reason"
                        rows="3"
                        aria-invalid={ let invalid = has_error(&reason_key); move || invalid().then_some("true") }
                        aria-describedby=described(&reason_key)
                    >{reason}</textarea>
                </div>
                <div class="form__actions"><button type="submit" class="button--secondary">"Markeer als niet gepland"</button></div>
            </ActionForm>
        </details>
    }
}
