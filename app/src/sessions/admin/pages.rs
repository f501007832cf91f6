//! The coordinators' session pages: overview, edit form (with cancel and the report), and
//! the attendee list.

use super::api::*;
use super::*;
use crate::editing::ui::{check_list, errors_of, field_message, form_field_input, EditRefused};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A notice passed back in the URL by a form posted without JavaScript.
fn url_notice() -> impl IntoView {
    let query = use_query_map();
    move || {
        query
            .read()
            .get("melding")
            .and_then(|code| notice_text(&code))
            .map(|text| {
                let ok = matches!(text, "Opgeslagen." | "Aanwezigheid opgeslagen.")
                    || text.starts_with("Verplaatst");
                view! {
                    <div class=if ok { "notice notice--ok" } else { "notice notice--error" } role="status"><p>{text}</p></div>
                }
            })
    }
}

fn status_label(status: &str) -> &'static str {
    match status {
        "draft" => "Concept",
        "published" => "Gepubliceerd",
        "cancelled" => "Geannuleerd",
        _ => "Onbekend",
    }
}

/// `/beheer/sessies`
#[component]
pub fn SessionsAdminPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| load_sessions_overview());
    view! {
        <Title text="Sessies beheren"/>
        <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
            {move || Suspend::new(async move {
                let overview = match overview.await {
                    Ok(overview) => overview,
                    Err(error) => return view! { <EditRefused error/> }.into_any(),
                };
                view! {
                    <h1>"Sessies beheren"</h1>
                    <p><a class="button-link" href="/sessies/nieuw">"Nieuwe sessie"</a>" "<a href="/sessies/onderwerpen">"Onderwerpvoorstellen"</a></p>
                    <p class="muted">{format!(
                        "Mail: {} nog te versturen, {} worden opnieuw geprobeerd, {} mislukt.",
                        overview.mail_waiting, overview.mail_retrying, overview.mail_failed
                    )}</p>
                    {if overview.sessions.is_empty() {
                        view! { <p class="empty-state">"Nog geen sessies. Maak de eerste aan."</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-scroll">
                            <table class="data-table">
                                <caption>"Alle sessies, nieuwste eerst"</caption>
                                <thead><tr>
                                    <th scope="col">"Sessie"</th><th scope="col">"Wanneer"</th><th scope="col">"Status"</th>
                                    <th scope="col">"Aangemeld"</th><th scope="col">"Wachtlijst"</th>
                                    <th scope="col">"Aanwezig"</th><th scope="col">"Niet gekomen"</th>
                                </tr></thead>
                                <tbody>
                                    {overview.sessions.into_iter().map(|row| {
                                        let n = row.numbers.clone();
                                        view! {
                                            <tr>
                                                <th scope="row">
                                                    <a href=format!("/sessies/{}/bewerken", row.slug)>{row.title.clone()}</a>
                                                    <br/><a class="muted" href=format!("/sessies/{}/deelnemers", row.slug)>"Deelnemers"</a>
                                                </th>
                                                <td>{dutch_datetime(&row.starts_at)}</td>
                                                <td>{status_label(&row.status)}</td>
                                                <td>{format!("{} van {}", n.confirmed, n.capacity)}</td>
                                                <td>{n.waiting}</td>
                                                <td>{n.attended}</td>
                                                <td>{n.no_show_percent().map(|p| format!("{p}%")).unwrap_or_else(|| "—".into())}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        }.into_any()
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}

/// `/sessies/nieuw` and `/sessies/{slug}/bewerken`
#[component]
pub fn SessionEditPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let concept = move || query.read().get("concept").unwrap_or_default();
    let save = ServerAction::<SaveSession>::new();
    let cancel = ServerAction::<CancelSession>::new();
    let report = ServerAction::<SaveSessionReport>::new();
    let publish = ServerAction::<PublishSessionReport>::new();
    let form = Resource::new(
        move || {
            (
                slug(),
                concept(),
                save.version().get(),
                cancel.version().get(),
                report.version().get(),
                publish.version().get(),
            )
        },
        |(slug, concept, ..)| load_session_edit(slug, concept),
    );
    let save_errors = errors_of(save);
    let cancel_errors = errors_of(cancel);
    let report_errors = errors_of(report);
    let publish_errors = errors_of(publish);
    view! {
        <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
            {move || Suspend::new(async move {
                let form = match form.await {
                    Ok(form) => form,
                    Err(error) => return view! { <EditRefused error/> }.into_any(),
                };
                let is_new = form.original_slug.is_empty();
                let stored = form.errors.clone();
                let errors = Signal::derive(move || {
                    if save.value().get().is_some() { save_errors.get() } else { stored.clone() }
                });
                let stored_report = form.report_errors.clone();
                let report_errs = Signal::derive(move || {
                    let mut all = if report.value().get().is_some() { report_errors.get() } else { stored_report.clone() };
                    if let Some(m) = publish_errors.get().get("report") { all.add("report", m.clone()); }
                    all
                });
                let heading = if is_new { "Nieuwe sessie".to_string() } else { format!("{} bewerken", form.value("title")) };
                let v = |name: &str| form.value(name);
                let kinds = SessionKind::ALL.iter().map(|k| {
                    let selected = v("kind") == k.code();
                    view! { <option value=k.code() selected=selected>{k.label()}</option> }
                }).collect_view();
                let areas = form.area_options.iter().map(|(slug, name)| {
                    let selected = &v("case_area") == slug;
                    view! { <option value=slug.clone() selected=selected>{name.clone()}</option> }
                }).collect_view();
                let status = v("status");
                let original = form.original_slug.clone();
                let original_after = form.original_slug.clone();
                let pending = save.pending();
                let online = !v("online").is_empty();
                let public_href = format!("/sessies/{original}");
                let original_form = original.clone();
                let fields = view! {
                    {form_field_input("title", "Titel", "text", "", v("title"), errors)}
                    <div class="field">
                        <label for="kind">"Soort"</label>
                        {field_message("kind", errors)}
                        <select id="kind" name="fields[kind]">{kinds}</select>
                    </div>
                    <div class="field" class:field--invalid=move || errors.get().get("description").is_some()>
                        <label for="description">"Beschrijving"</label>
                        <p class="field__hint">"Markdown: ## kopje, **vet**, - lijstje, [link](https://…)."</p>
                        {field_message("description", errors)}
                        <textarea id="description" name="fields[description]" rows="8">{v("description")}</textarea>
                    </div>
                    {form_field_input("audience", "Voor wie", "text", "Bijvoorbeeld: ondernemers en vastgoedeigenaren in aanloopstraten.", v("audience"), errors)}
                    {check_list("themes", "Thema’s", form.theme_options.clone(), form.themes.clone(), errors)}
                    {check_list("segments", "Stuurwielonderdelen", form.segment_options.clone(), form.segments.clone(), errors)}
                    <fieldset class="field">
                        <legend>"Intervisie: de casus"</legend>
                        <div class="field">
                            <label for="case_area">"Gebied"</label>
                            {field_message("case_area", errors)}
                            <select id="case_area" name="fields[case_area]">
                                <option value="">"— geen —"</option>
                                {areas}
                            </select>
                        </div>
                        {form_field_input("case_question", "Casusvraag", "text", "", v("case_question"), errors)}
                    </fieldset>
                    {form_field_input("starts_at", "Begint", "datetime-local", "Tijd in Nederland.", v("starts_at"), errors)}
                    {form_field_input("ends_at", "Eindigt", "datetime-local", "", v("ends_at"), errors)}
                    {form_field_input("signup_deadline", "Aanmelden kan tot", "datetime-local", "Leeg: tot het begin.", v("signup_deadline"), errors)}
                    <div class="field field--checkbox">
                        <input type="checkbox" id="online" name="fields[online]" value="ja" checked=online/>
                        <label for="online">"Online"</label>
                    </div>
                    {form_field_input("meeting_url", "Link om deel te nemen", "url", "Alleen zichtbaar voor wie een plek heeft, en in de herinnering.", v("meeting_url"), errors)}
                    {form_field_input("address", "Adres", "text", "Verplicht als de sessie niet online is.", v("address"), errors)}
                    {form_field_input("capacity", "Aantal plaatsen", "number", "", v("capacity"), errors)}
                    {form_field_input("facilitator", "Begeleiding", "text", "", v("facilitator"), errors)}
                    {form_field_input("slug", "Webadres", "text", "Kleine letters, cijfers en streepjes. Leeg: gemaakt uit de titel.", v("slug"), errors)}
                };
                view! {
                    <Title text=heading.clone()/>
                    <nav aria-label="Kruimelpad" class="breadcrumb"><a href="/beheer/sessies">"Sessies beheren"</a></nav>
                    <h1>{heading}</h1>
                    {url_notice()}
                    {(!is_new).then(|| view! {
                        <p><a href=public_href.clone()>"Bekijk de sessie"</a>" · "<a href=format!("/sessies/{original}/deelnemers")>{format!("Deelnemers ({})", form.active_registrations)}</a></p>
                    })}
                    {form.cancelled.then(|| view! { <div class="notice notice--warning" role="status"><p>"Deze sessie is geannuleerd."</p></div> })}
                    {move || (!errors.get().is_empty()).then(|| view! {
                        <div class="notice notice--error" role="alert"><p>"Niet alle velden zijn goed ingevuld; zie de meldingen bij de velden."</p></div>
                    })}
                    {move || match save.value().get() {
                        Some(Err(EditError::Invalid(_))) | None => None,
                        Some(Ok(_)) => Some(view! { <div class="notice notice--ok" role="status"><p>"Opgeslagen."</p></div> }.into_any()),
                        Some(Err(other)) => Some(view! { <div class="notice notice--error" role="alert"><p>{other.to_string()}</p></div> }.into_any()),
                    }}
                    <ActionForm action=save attr:class="form">
                        <input type="hidden" name="original_slug" value=original_form/>
                        {fields}
                        {(!form.cancelled).then(|| view! {
                            <fieldset class="field">
                                <legend>"Status"</legend>
                                {field_message("status", errors)}
                                <div class="field--checkbox">
                                    <input type="radio" id="status-draft" name="fields[status]" value="draft" checked=status != "published"/>
                                    <label for="status-draft">"Concept (niet zichtbaar)"</label>
                                </div>
                                <div class="field--checkbox">
                                    <input type="radio" id="status-published" name="fields[status]" value="published" checked=status == "published"/>
                                    <label for="status-published">"Gepubliceerd (in de agenda, aanmelden open)"</label>
                                </div>
                            </fieldset>
                        })}
                        <p class="field__hint">"Verandert u tijd of plaats van een gepubliceerde sessie, dan krijgt iedereen die is aangemeld een mail met de nieuwe gegevens."</p>
                        <div class="form__actions">
                            <button type="submit" disabled=move || pending.get()>{move || if pending.get() { "Bezig met opslaan…" } else { "Opslaan" }}</button>
                            <a href=if is_new { "/beheer/sessies".to_string() } else { public_href.clone() }>"Terug"</a>
                        </div>
                    </ActionForm>
                    {(!is_new).then(move || { let original = original_after.clone(); let original2 = original_after.clone(); let original3 = original_after.clone(); view! {
                        <section aria-labelledby="verslag-kop" id="verslag">
                            <h2 id="verslag-kop">"Na de sessie: verslag, materiaal en opname"</h2>
                            <ActionForm action=report attr:class="form">
                                <input type="hidden" name="slug" value=original.clone()/>
                                <div class="field" class:field--invalid=move || report_errs.get().get("report").is_some()>
                                    <label for="report">"Verslag"</label>
                                    <p class="field__hint">"Markdown. Staat op de sessiepagina en kan als sessieverslag in de kennisbank."</p>
                                    {field_message("report", report_errs)}
                                    <textarea id="report" name="report" rows="10">{form.report.clone()}</textarea>
                                </div>
                                <div class="field" class:field--invalid=move || report_errs.get().get("materials").is_some()>
                                    <label for="materials">"Materiaal"</label>
                                    <p class="field__hint">"Bijvoorbeeld een lijstje links naar de presentaties."</p>
                                    {field_message("materials", report_errs)}
                                    <textarea id="materials" name="materials" rows="4">{form.materials.clone()}</textarea>
                                </div>
                                <div class="field" class:field--invalid=move || report_errs.get().get("recording_url").is_some()>
                                    <label for="recording_url">"Link naar de opname"</label>
                                    {field_message("recording_url", report_errs)}
                                    <input id="recording_url" name="recording_url" type="url" value=form.recording_url.clone()/>
                                </div>
                                <div class="form__actions"><button type="submit">"Verslag opslaan"</button></div>
                            </ActionForm>
                            {match form.report_item.clone() {
                                Some((item, title)) => view! { <p>"In de kennisbank: "<a href=format!("/kennisbank/{item}")>{title}</a>". Opnieuw publiceren werkt dat item bij."</p> }.into_any(),
                                None => view! { <p class="muted">"Nog niet in de kennisbank."</p> }.into_any(),
                            }}
                            <ActionForm action=publish attr:class="inline-form">
                                <input type="hidden" name="slug" value=original2/>
                                <button type="submit" class="button--secondary">"Publiceer het verslag in de kennisbank"</button>
                            </ActionForm>
                        </section>
                        {(!form.cancelled).then(|| view! {
                            <section aria-labelledby="annuleren-kop">
                                <h2 id="annuleren-kop">"Sessie annuleren"</h2>
                                <p>{format!("De sessie blijft zichtbaar als ‘gaat niet door’. {} aangemelde mensen (ook op de wachtlijst) krijgen een mail met een agenda-afzegging.", form.active_registrations)}</p>
                                <ActionForm action=cancel attr:class="form">
                                    <input type="hidden" name="slug" value=original3.clone()/>
                                    {field_message("confirm", cancel_errors)}
                                    <div class="field field--checkbox">
                                        <input type="checkbox" id="confirm-cancel" name="confirm" value="ja"/>
                                        <label for="confirm-cancel">"Ja, annuleer deze sessie en mail iedereen"</label>
                                    </div>
                                    <div class="form__actions"><button type="submit" class="button--secondary">"Annuleren"</button></div>
                                </ActionForm>
                            </section>
                        })}
                    }})}
                }.into_any()
            })}
        </Suspense>
    }
}

/// `/sessies/{slug}/deelnemers`
#[component]
pub fn AttendeesPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let move_action = ServerAction::<MoveRegistration>::new();
    let attendance = ServerAction::<SaveAttendance>::new();
    let list = Resource::new(
        move || {
            (
                slug(),
                move_action.version().get(),
                attendance.version().get(),
            )
        },
        |(slug, ..)| session_attendees(slug),
    );
    let move_errors = errors_of(move_action);
    let attendance_errors = errors_of(attendance);
    view! {
        <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
            {move || Suspend::new(async move {
                let list = match list.await {
                    Ok(list) => list,
                    Err(error) => return view! { <EditRefused error/> }.into_any(),
                };
                let n = list.numbers.clone();
                let heading = format!("Deelnemers: {}", list.title);
                let csv = format!("/sessies/{}/deelnemers.csv", list.slug);
                let confirmed: Vec<Attendee> = list.attendees.iter().filter(|a| a.status == RegistrationStatus::Confirmed).cloned().collect();
                let waiting: Vec<Attendee> = list.attendees.iter().filter(|a| a.status == RegistrationStatus::Waiting).cloned().collect();
                let cancelled: Vec<Attendee> = list.attendees.iter().filter(|a| a.status == RegistrationStatus::Cancelled).cloned().collect();
                let slug_value = list.slug.clone();
                let row = move |a: Attendee, position: Option<usize>| {
                    let slug_value = slug_value.clone();
                    let key = format!("move_{}", a.id);
                    let actions: Vec<(&'static str, &'static str)> = match a.status {
                        RegistrationStatus::Confirmed => vec![("waiting", "Naar wachtlijst"), ("cancelled", "Afmelden")],
                        RegistrationStatus::Waiting => vec![("confirmed", "Plek geven"), ("cancelled", "Afmelden")],
                        RegistrationStatus::Cancelled => vec![("waiting", "Terug op wachtlijst")],
                    };
                    view! {
                        <tr>
                            {position.map(|p| view! { <td>{p}</td> })}
                            <th scope="row">{a.name.clone()}<br/><span class="muted">{a.email.clone()}</span></th>
                            <td>{a.organisation.clone()}<br/><span class="muted">{a.role.clone()}</span></td>
                            <td>{a.area.clone()}</td>
                            <td>{a.question.clone()}</td>
                            <td>
                                {move || move_errors.get().get(&key).cloned().map(|m| view! { <p class="field__error">{m}</p> })}
                                {actions.into_iter().map(|(to, label)| {
                                    let slug_value = slug_value.clone();
                                    let accessible = format!("{label}: {}", a.name);
                                    view! {
                                        <ActionForm action=move_action attr:class="inline-form">
                                            <input type="hidden" name="slug" value=slug_value/>
                                            <input type="hidden" name="registration_id" value=a.id/>
                                            <input type="hidden" name="to" value=to/>
                                            <button type="submit" class="button--secondary" aria-label=accessible>{label}</button>
                                        </ActionForm>
                                    }
                                }).collect_view()}
                            </td>
                        </tr>
                    }
                };
                let table = |caption: &'static str, people: Vec<Attendee>, numbered: bool, row: &dyn Fn(Attendee, Option<usize>) -> AnyView| {
                    if people.is_empty() {
                        return view! { <p class="empty-state">{format!("{caption}: niemand.")}</p> }.into_any();
                    }
                    view! {
                        <div class="table-scroll">
                        <table class="data-table">
                            <caption>{caption}</caption>
                            <thead><tr>
                                {numbered.then(|| view! { <th scope="col">"Volgorde"</th> })}
                                <th scope="col">"Naam"</th><th scope="col">"Organisatie en rol"</th><th scope="col">"Gebied"</th>
                                <th scope="col">"Vraag"</th><th scope="col">"Verplaatsen"</th>
                            </tr></thead>
                            <tbody>{people.into_iter().enumerate().map(|(i, a)| row(a, numbered.then_some(i + 1))).collect_view()}</tbody>
                        </table>
                        </div>
                    }.into_any()
                };
                let row_any = move |a: Attendee, p: Option<usize>| row.clone()(a, p).into_any();
                let slug_attendance = list.slug.clone();
                view! {
                    <Title text=heading.clone()/>
                    <nav aria-label="Kruimelpad" class="breadcrumb">
                        <a href="/beheer/sessies">"Sessies beheren"</a>" › "<a href=format!("/sessies/{}/bewerken", list.slug)>{list.title.clone()}</a>
                    </nav>
                    <h1>{heading}</h1>
                    <p>{dutch_datetime(&list.starts_at)}{list.cancelled.then_some(" · geannuleerd")}</p>
                    {url_notice()}
                    {list.purged.then(|| view! { <p class="notice notice--warning">"De persoonsgegevens van deze sessie zijn na de bewaartermijn verwijderd; alleen de aantallen zijn bewaard."</p> })}
                    <dl class="facts">
                        <div><dt>"Aangemeld"</dt><dd>{format!("{} van {}", n.confirmed, n.capacity)}</dd></div>
                        <div><dt>"Wachtlijst"</dt><dd>{n.waiting}</dd></div>
                        <div><dt>"Afgemeld"</dt><dd>{n.cancelled}</dd></div>
                        <div><dt>"Aanwezig"</dt><dd>{n.attended}</dd></div>
                        <div><dt>"Niet gekomen"</dt><dd>{n.no_show_percent().map(|p| format!("{p}% ({} mensen)", n.absent)).unwrap_or_else(|| "nog niet vastgelegd".into())}</dd></div>
                    </dl>
                    <p><a href=csv download="" rel="external">"Download deelnemers (CSV, opent in Excel)"</a></p>
                    <h2>"Met een plek"</h2>
                    {table("Met een plek, in volgorde van aanmelden", confirmed.clone(), false, &row_any)}
                    <h2>"Wachtlijst"</h2>
                    {table("Wachtlijst: wie bovenaan staat krijgt de eerste vrije plek", waiting, true, &row_any)}
                    <h2>"Afgemeld"</h2>
                    {table("Afgemeld", cancelled, false, &row_any)}
                    <section aria-labelledby="aanwezig-kop">
                        <h2 id="aanwezig-kop">"Aanwezigheid"</h2>
                        {if !list.started {
                            view! { <p class="muted">"Na het begin van de sessie kunt u hier aanvinken wie er was."</p> }.into_any()
                        } else if confirmed.is_empty() {
                            view! { <p class="empty-state">"Niemand had een plek."</p> }.into_any()
                        } else {
                            view! {
                                <ActionForm action=attendance attr:class="form">
                                    <input type="hidden" name="slug" value=slug_attendance/>
                                    {move || attendance_errors.get().get("present").cloned().map(|m| view! { <p class="field__error">{m}</p> })}
                                    <fieldset class="field checks">
                                        <legend>"Wie was er?"</legend>
                                        {confirmed.into_iter().map(|a| {
                                            let id = format!("aanwezig-{}", a.id);
                                            view! {
                                                <div class="field--checkbox">
                                                    <input type="checkbox" id=id.clone() name=format!("present[{}]", a.id) value="ja" checked=a.attended == Some(true)/>
                                                    <label for=id>{a.name.clone()}</label>
                                                </div>
                                            }
                                        }).collect_view()}
                                    </fieldset>
                                    <div class="form__actions"><button type="submit">"Aanwezigheid opslaan"</button></div>
                                </ActionForm>
                            }.into_any()
                        }}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
