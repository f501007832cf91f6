//! On an area's edit page: which organisations take part in the area and in what role
//! (stakeholders), and correcting contact persons in place. Coordinators and the area's
//! own editors may do this; organisations themselves are kept at `/beheer/organisaties`.

use crate::areas::{ContactRole, StakeholderRole};
use crate::editing::form::{Fields, Returned};
use crate::editing::{EditError, FieldErrors};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub id: i64,
    pub organisation: String,
    pub role: String,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactEdit {
    pub id: i64,
    pub role: String,
    pub name: String,
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StakeholdersEdit {
    pub slug: String,
    pub links: Vec<Link>,
    pub contacts: Vec<ContactEdit>,
    /// (id, name) of every organisation, to link one.
    pub organisations: Vec<(String, String)>,
    pub returned: Option<Returned>,
}

pub fn validate_link(values: &Fields, organisation_known: bool) -> FieldErrors {
    let get = |name: &str| values.get(name).map(String::as_str).unwrap_or("");
    let mut errors = FieldErrors::default();
    if !organisation_known {
        errors.add("organisation", "Kies een organisatie uit de lijst.");
    }
    if StakeholderRole::from_code(get("role")).is_none() {
        errors.add("role", "Kies de rol van de organisatie in dit gebied.");
    }
    if get("description").chars().count() > 300 {
        errors.add(
            "description",
            "De toelichting is te lang: hoogstens 300 tekens.",
        );
    }
    errors
}

#[cfg(feature = "ssr")]
fn page(slug: &str) -> String {
    format!("/gebieden/{slug}/partijen")
}

pub mod api {
    use super::*;
    use leptos::prelude::*;

    #[cfg(feature = "ssr")]
    use crate::{
        accounts::Action,
        areas::edit::items::validate_contact,
        editing::{
            audit::{record, AuditAction},
            form::{
                server::{allowed, clean, pool, refuse, returned},
                NOT_CONFIRMED,
            },
        },
    };

    /// The area's id after the guard allowed this user to edit it (unknown areas are
    /// refused like areas outside one's scope).
    #[cfg(feature = "ssr")]
    async fn area_for(
        pool: &sqlx::SqlitePool,
        slug: &str,
        form: &str,
        values: &Fields,
    ) -> Result<(i64, crate::accounts::CurrentUser), EditError> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM areas WHERE slug = ?")
            .bind(slug)
            .fetch_optional(pool)
            .await?;
        let area_id = id.unwrap_or(-1);
        let user = allowed(
            pool,
            Action::EditArea { area_id },
            form,
            &page(slug),
            values,
        )
        .await?;
        if id.is_none() {
            return Err(EditError::NotFound);
        }
        Ok((area_id, user))
    }

    /// After a save without JavaScript: back to the section on the edit page.
    #[cfg(feature = "ssr")]
    fn back(slug: &str) {
        crate::editing::form::server::done(&format!("{}#onderdeel-stakeholders", page(slug)));
    }

    #[server(endpoint = "load_area_stakeholders")]
    pub async fn load_area_stakeholders(
        slug: String,
        #[server(default)] concept: Option<String>,
    ) -> Result<StakeholdersEdit, EditError> {
        let pool = pool()?;
        let (area_id, _) = crate::areas::edit::api::authorize(&pool, &slug).await?;
        let links: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT s.id, o.name, s.role, s.description FROM stakeholders s
             JOIN organisations o ON o.id = s.organisation_id WHERE s.area_id = ?
             ORDER BY s.role, o.name",
        )
        .bind(area_id)
        .fetch_all(&pool)
        .await?;
        let contacts: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
            "SELECT id, role, name, email FROM contacts WHERE area_id = ? ORDER BY role, name",
        )
        .bind(area_id)
        .fetch_all(&pool)
        .await?;
        let organisations = sqlx::query_as(
            "SELECT CAST(id AS TEXT), name FROM organisations ORDER BY name COLLATE NOCASE",
        )
        .fetch_all(&pool)
        .await?;
        let returned = returned(&pool, &concept, "stakeholder")
            .await?
            .or(returned(&pool, &concept, "contact").await?);
        Ok(StakeholdersEdit {
            slug,
            links: links
                .into_iter()
                .map(|(id, organisation, role, description)| Link {
                    id,
                    organisation,
                    role,
                    description,
                })
                .collect(),
            contacts: contacts
                .into_iter()
                .map(|(id, role, name, email)| ContactEdit {
                    id,
                    role,
                    name,
                    email: email.unwrap_or_default(),
                })
                .collect(),
            organisations,
            returned,
        })
    }

    /// Links an organisation to the area (no `stakeholder_id`), or changes a link's role
    /// and description.
    #[server(endpoint = "save_stakeholder")]
    pub async fn save_stakeholder(
        slug: String,
        #[server(default)] stakeholder_id: Option<i64>,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let values = clean(fields, &["organisation", "role", "description"]);
        let form = match stakeholder_id {
            Some(id) => format!("stakeholder:{id}"),
            None => "stakeholder:new".to_string(),
        };
        let (area_id, user) = area_for(&pool, &slug, &form, &values).await?;
        let get = |name: &str| values.get(name).cloned().unwrap_or_default();
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: Option<(i64, String, String)> = match stakeholder_id {
            Some(id) => Some(
                sqlx::query_as(
                    "SELECT organisation_id, role, description FROM stakeholders WHERE id = ? AND area_id = ?",
                )
                .bind(id)
                .bind(area_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(EditError::NotFound)?,
            ),
            None => None,
        };
        let organisation_id: Option<i64> = match &before {
            Some((id, _, _)) => Some(*id),
            None => {
                sqlx::query_scalar("SELECT id FROM organisations WHERE CAST(id AS TEXT) = ?")
                    .bind(get("organisation"))
                    .fetch_optional(&mut *tx)
                    .await?
            }
        };
        let mut errors = validate_link(&values, organisation_id.is_some());
        if errors.is_empty() {
            let duplicate: bool = sqlx::query_scalar(
                "SELECT count(*) > 0 FROM stakeholders
                 WHERE area_id = ? AND organisation_id = ? AND role = ? AND id IS NOT ?",
            )
            .bind(area_id)
            .bind(organisation_id)
            .bind(get("role"))
            .bind(stakeholder_id)
            .fetch_one(&mut *tx)
            .await?;
            if duplicate {
                errors.add(
                    "role",
                    "Deze organisatie staat al met deze rol bij het gebied.",
                );
            }
        }
        if !errors.is_empty() {
            drop(tx);
            return Err(refuse(&pool, &form, &page(&slug), &values, errors).await);
        }
        let after = (organisation_id, get("role"), get("description"));
        match stakeholder_id {
            Some(id) => {
                sqlx::query("UPDATE stakeholders SET role = ?, description = ? WHERE id = ?")
                    .bind(get("role"))
                    .bind(get("description"))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                let before = before.map(|(o, r, d)| (Some(o), r, d));
                record(
                    &mut tx,
                    &user,
                    AuditAction::Update,
                    "stakeholder",
                    id,
                    before.as_ref(),
                    Some(&after),
                )
                .await?;
            }
            None => {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO stakeholders (area_id, organisation_id, role, description) VALUES (?, ?, ?, ?) RETURNING id",
                )
                .bind(area_id)
                .bind(organisation_id)
                .bind(get("role"))
                .bind(get("description"))
                .fetch_one(&mut *tx)
                .await?;
                record(
                    &mut tx,
                    &user,
                    AuditAction::Create,
                    "stakeholder",
                    id,
                    None,
                    Some(&after),
                )
                .await?;
            }
        }
        tx.commit().await?;
        back(&slug);
        Ok(())
    }

    /// Unlinks an organisation from the area, after confirmation.
    #[server(endpoint = "remove_stakeholder")]
    pub async fn remove_stakeholder(
        slug: String,
        stakeholder_id: i64,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let values = clean(fields, &["confirm"]);
        let form = format!("stakeholder-remove:{stakeholder_id}");
        let (area_id, user) = area_for(&pool, &slug, &form, &values).await?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: (i64, String, String) = sqlx::query_as(
            "SELECT organisation_id, role, description FROM stakeholders WHERE id = ? AND area_id = ?",
        )
        .bind(stakeholder_id)
        .bind(area_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(EditError::NotFound)?;
        if values.get("confirm").map(String::as_str) != Some("ja") {
            drop(tx);
            let mut errors = FieldErrors::default();
            errors.add("confirm", NOT_CONFIRMED);
            return Err(refuse(&pool, &form, &page(&slug), &values, errors).await);
        }
        sqlx::query("DELETE FROM stakeholders WHERE id = ?")
            .bind(stakeholder_id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            &user,
            AuditAction::Delete,
            "stakeholder",
            stakeholder_id,
            Some(&before),
            None,
        )
        .await?;
        tx.commit().await?;
        back(&slug);
        Ok(())
    }

    /// Corrects a contact person in place.
    #[server(endpoint = "update_contact")]
    pub async fn update_contact(
        slug: String,
        contact_id: i64,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let values = clean(fields, &["role", "name", "email"]);
        let form = format!("contact:{contact_id}");
        let (area_id, user) = area_for(&pool, &slug, &form, &values).await?;
        let get = |name: &str| values.get(name).cloned().unwrap_or_default();
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: (String, String, Option<String>) =
            sqlx::query_as("SELECT role, name, email FROM contacts WHERE id = ? AND area_id = ?")
                .bind(contact_id)
                .bind(area_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(EditError::NotFound)?;
        // validate_contact names its fields contact_role, contact_name, contact_email.
        let mut errors = FieldErrors::default();
        for (key, message) in validate_contact(&get("role"), &get("name"), &get("email")).0 {
            errors.add(key.trim_start_matches("contact_"), message);
        }
        if !errors.is_empty() {
            drop(tx);
            return Err(refuse(&pool, &form, &page(&slug), &values, errors).await);
        }
        let email = Some(get("email")).filter(|e| !e.is_empty());
        sqlx::query("UPDATE contacts SET role = ?, name = ?, email = ? WHERE id = ?")
            .bind(get("role"))
            .bind(get("name"))
            .bind(&email)
            .bind(contact_id)
            .execute(&mut *tx)
            .await?;
        let after = (get("role"), get("name"), email);
        record(
            &mut tx,
            &user,
            AuditAction::Update,
            "contact",
            contact_id,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        crate::editing::form::server::done(&format!("{}#contacts-wijzigen-kop", page(&slug)));
        Ok(())
    }
}

pub mod pages {
    use super::api::*;
    use super::*;
    use crate::editing::form::{
        anchor, confirm_removal, errors_for, saved_count, shown, Choice, Field, FormMessage,
    };
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::{use_params_map, use_query_map};

    fn roles() -> Vec<(String, String)> {
        StakeholderRole::ALL
            .iter()
            .map(|r| (r.code().into(), r.label().into()))
            .collect()
    }

    /// `/gebieden/{slug}/partijen`: the organisations in the area and their roles, and
    /// contact persons corrected in place. (A page of its own: a second resource nested in
    /// the edit page's Suspend made hydration depend on timing.)
    #[component]
    pub fn AreaStakeholdersPage() -> impl IntoView {
        let params = use_params_map();
        let query = use_query_map();
        let save = ServerAction::<SaveStakeholder>::new();
        let remove = ServerAction::<RemoveStakeholder>::new();
        let update_contact = ServerAction::<UpdateContact>::new();
        let (saved, removed, contacts_saved) = (
            saved_count(save),
            saved_count(remove),
            saved_count(update_contact),
        );
        let data = Resource::new_blocking(
            move || {
                (
                    params.read().get("slug").unwrap_or_default(),
                    query.read().get("concept"),
                    (saved.get(), removed.get(), contacts_saved.get()),
                )
            },
            |(slug, concept, _)| load_area_stakeholders(slug, concept),
        );
        view! {
            <Title text="Betrokken organisaties"/>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let edit = match data.await {
                        Ok(edit) => edit,
                        Err(error) => return view! { <crate::editing::ui::EditRefused error/> }.into_any(),
                    };
                    let edit_href = format!("/gebieden/{}/bewerken", edit.slug);
                    let links = if edit.links.is_empty() {
                        view! { <p class="empty-state">"Nog geen organisaties gekoppeld."</p> }.into_any()
                    } else {
                        let items = edit.links.iter().map(|link| link_item(&edit, link, save, remove)).collect_view();
                        view! { <ul class="setup-list">{items}</ul> }.into_any()
                    };
                    let new_link = new_link_form(&edit, save);
                    let contacts = (!edit.contacts.is_empty()).then(|| {
                        let items = edit.contacts.iter().map(|c| contact_item(&edit, c, update_contact)).collect_view();
                        view! {
                            <section aria-labelledby="contacts-wijzigen-kop">
                                <h2 id="contacts-wijzigen-kop">"Contactpersonen wijzigen"</h2>
                                <ul class="setup-list">{items}</ul>
                            </section>
                        }
                    });
                    view! {
                        <nav aria-label="Kruimelpad" class="breadcrumb"><a href="/gebieden">"Gebieden"</a>" › "<a href=edit_href>"Bewerken"</a>" › "<span aria-current="page">"Betrokken organisaties"</span></nav>
                        <h1>"Betrokken organisaties en contactpersonen"</h1>
                        <section id="onderdeel-stakeholders" aria-labelledby="stakeholders-kop">
                            <h2 id="stakeholders-kop">"Betrokken organisaties"</h2>
                            {links}
                            <h3>"Organisatie koppelen"</h3>
                            {new_link}
                        </section>
                        {contacts}
                    }.into_any()
                })}
            </Suspense>
        }
    }

    fn link_item(
        edit: &StakeholdersEdit,
        link: &Link,
        save: ServerAction<SaveStakeholder>,
        remove: ServerAction<RemoveStakeholder>,
    ) -> impl IntoView {
        let form = format!("stakeholder:{}", link.id);
        let remove_form = format!("stakeholder-remove:{}", link.id);
        let errors = errors_for(save, edit.returned.clone(), form.clone());
        let remove_errors = errors_for(remove, edit.returned.clone(), remove_form.clone());
        let role_label = StakeholderRole::from_code(&link.role)
            .map(|r| r.label())
            .unwrap_or("");
        let heading = format!(" — {role_label}");
        let role = shown(&edit.returned, &form, "role", &link.role);
        let description = shown(&edit.returned, &form, "description", &link.description);
        let removal = confirm_removal(
            &remove_form,
            format!(
                "{} verdwijnt van het profiel van dit gebied; de organisatie zelf blijft bestaan.",
                link.organisation
            ),
            format!("Ja, ontkoppel {}", link.organisation),
            "Ontkoppelen".into(),
            remove_errors,
        );
        let (form_id, remove_form_id) = (anchor(&form), anchor(&remove_form));
        let (slug1, slug2) = (edit.slug.clone(), edit.slug.clone());
        let (form1, form2) = (form.clone(), form);
        let id = link.id;
        let edit_summary = format!("Rol van {} wijzigen", link.organisation);
        let remove_summary = format!("{} ontkoppelen…", link.organisation);
        let open = !errors.get_untracked().is_empty();
        let remove_open = !remove_errors.get_untracked().is_empty();
        view! {
            <li class="setup-list__item">
                <strong>{link.organisation.clone()}</strong>{heading}
                <details open=open>
                    <summary>{edit_summary}</summary>
                    <ActionForm action=save attr:class="form" attr:id=form_id>
                        <FormMessage action=save errors/>
                        <input type="hidden" name="slug" value=slug1/>
                        <input type="hidden" name="stakeholder_id" value=id/>
                        <Choice form=form1 name="role" label="Rol" options=roles() value=role errors/>
                        <Field form=form2 name="description" label="Toelichting" value=description errors/>
                        <button type="submit">"Opslaan"</button>
                    </ActionForm>
                </details>
                <details class="remove" open=remove_open>
                    <summary>{remove_summary}</summary>
                    <ActionForm action=remove attr:class="form" attr:id=remove_form_id>
                        <input type="hidden" name="slug" value=slug2/>
                        <input type="hidden" name="stakeholder_id" value=id/>
                        {removal}
                    </ActionForm>
                </details>
            </li>
        }
    }

    fn new_link_form(edit: &StakeholdersEdit, save: ServerAction<SaveStakeholder>) -> AnyView {
        if edit.organisations.is_empty() {
            return view! { <p class="empty-state">"Er zijn nog geen organisaties. Een coördinator voegt ze toe bij "<a href="/beheer/organisaties">"Beheer › Organisaties"</a>"."</p> }.into_any();
        }
        let form = "stakeholder:new".to_string();
        let errors = errors_for(save, edit.returned.clone(), form.clone());
        let organisation = shown(&edit.returned, &form, "organisation", "");
        let role = shown(&edit.returned, &form, "role", "entrepreneurs");
        let description = shown(&edit.returned, &form, "description", "");
        let (form_id, form1, form2, form3) = (anchor(&form), form.clone(), form.clone(), form);
        let (slug, organisations) = (edit.slug.clone(), edit.organisations.clone());
        view! {
            <ActionForm action=save attr:class="form" attr:id=form_id>
                <FormMessage action=save errors/>
                <input type="hidden" name="slug" value=slug/>
                <Choice form=form1 name="organisation" label="Organisatie" options=organisations value=organisation errors empty="Kies…"/>
                <Choice form=form2 name="role" label="Rol in dit gebied" options=roles() value=role errors/>
                <Field form=form3 name="description" label="Toelichting (mag leeg)" value=description errors/>
                <div class="form__actions"><button type="submit">"Organisatie koppelen"</button></div>
            </ActionForm>
        }.into_any()
    }

    fn contact_item(
        edit: &StakeholdersEdit,
        contact: &ContactEdit,
        update_contact: ServerAction<UpdateContact>,
    ) -> impl IntoView {
        let form = format!("contact:{}", contact.id);
        let errors = errors_for(update_contact, edit.returned.clone(), form.clone());
        let contact_roles: Vec<(String, String)> = ContactRole::ALL
            .iter()
            .map(|r| (r.code().into(), r.label().into()))
            .collect();
        let role = shown(&edit.returned, &form, "role", &contact.role);
        let name = shown(&edit.returned, &form, "name", &contact.name);
        let email = shown(&edit.returned, &form, "email", &contact.email);
        let (form_id, form1, form2, form3) = (anchor(&form), form.clone(), form.clone(), form);
        let slug = edit.slug.clone();
        let id = contact.id;
        let summary = format!("{} wijzigen", contact.name);
        let open = !errors.get_untracked().is_empty();
        view! {
            <li class="setup-list__item">
                <details open=open>
                    <summary>{summary}</summary>
                    <ActionForm action=update_contact attr:class="form" attr:id=form_id>
                        <FormMessage action=update_contact errors/>
                        <input type="hidden" name="slug" value=slug/>
                        <input type="hidden" name="contact_id" value=id/>
                        <Choice form=form1 name="role" label="Rol" options=contact_roles value=role errors/>
                        <Field form=form2 name="name" label="Naam" value=name errors/>
                        <Field form=form3 name="email" label="E-mailadres (mag leeg)" kind="email" value=email errors/>
                        <button type="submit">"Opslaan"</button>
                    </ActionForm>
                </details>
            </li>
        }
    }
}
