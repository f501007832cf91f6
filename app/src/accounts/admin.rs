//! Account management for administrators, setting a password from a one-time link, and
//! one's own account page (change password, log out everywhere).

use super::Role;
use crate::editing::{EditError, FieldErrors};
use serde::{Deserialize, Serialize};

/// One row of the account list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub active: bool,
    pub area_slugs: Vec<String>,
    pub has_password: bool,
}

/// What the admin typed into the account form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountInput {
    pub email: String,
    pub name: String,
    pub role: String,
    /// Comma-separated area slugs, for area editors.
    pub areas: String,
}

/// Checks the account form; returns the role and the area slugs when valid.
pub fn validate_account(
    input: &AccountInput,
    known_slugs: &[String],
) -> Result<(Role, Vec<String>), FieldErrors> {
    let mut errors = FieldErrors::default();
    let email = input.email.trim();
    if !(email.len() <= 200
        && email.contains('@')
        && !email.starts_with('@')
        && !email.ends_with('@')
        && !email.contains(char::is_whitespace))
    {
        errors.add(
            "email",
            "Vul een geldig e-mailadres in, zoals naam@gemeente.nl.",
        );
    }
    if input.name.trim().is_empty() || input.name.chars().count() > 100 {
        errors.add("name", "Vul een naam in (hoogstens 100 tekens).");
    }
    let role = Role::from_code(&input.role);
    if role.is_none() {
        errors.add("role", "Kies een rol uit de lijst.");
    }
    let slugs: Vec<String> = input
        .areas
        .split(|c: char| c == ',' || c.is_whitespace())
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    let unknown: Vec<&String> = slugs.iter().filter(|s| !known_slugs.contains(s)).collect();
    if !unknown.is_empty() {
        errors.add(
            "areas",
            format!(
                "Onbekende gebieden: {}.",
                unknown
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    } else if role == Some(Role::AreaEditor) && slugs.is_empty() {
        errors.add(
            "areas",
            "Een gebiedsredacteur heeft minstens één gebied nodig.",
        );
    }
    match (errors.is_empty(), role) {
        (true, Some(role)) => Ok((
            role,
            if role == Role::AreaEditor {
                slugs
            } else {
                Vec::new()
            },
        )),
        _ => Err(errors),
    }
}

/// The one-time link an administrator hands to a new user (valid for a week).
pub const SET_PASSWORD_LINK_DAYS: i64 = 7;

pub mod api {
    use super::*;
    use leptos::prelude::*;

    #[cfg(feature = "ssr")]
    use crate::accounts::{db, guard, password, session, Action};
    #[cfg(feature = "ssr")]
    use crate::editing::audit;

    #[cfg(feature = "ssr")]
    async fn all_slugs(pool: &sqlx::SqlitePool) -> Result<Vec<String>, sqlx::Error> {
        sqlx::query_scalar("SELECT slug FROM areas ORDER BY slug")
            .fetch_all(pool)
            .await
    }

    #[cfg(feature = "ssr")]
    async fn area_ids(pool: &sqlx::SqlitePool, slugs: &[String]) -> Result<Vec<i64>, sqlx::Error> {
        let mut ids = Vec::new();
        for slug in slugs {
            ids.push(
                sqlx::query_scalar("SELECT id FROM areas WHERE slug = ?")
                    .bind(slug)
                    .fetch_one(pool)
                    .await?,
            );
        }
        Ok(ids)
    }

    /// A fresh one-time token for setting a password; returns the link's path.
    #[cfg(feature = "ssr")]
    async fn new_password_link(
        pool: &sqlx::SqlitePool,
        user_id: i64,
    ) -> Result<String, sqlx::Error> {
        let token = session::new_token();
        sqlx::query("DELETE FROM password_tokens WHERE user_id = ?")
            .bind(user_id)
            .execute(pool)
            .await?;
        sqlx::query(
            "INSERT INTO password_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
        )
        .bind(session::token_hash(&token))
        .bind(user_id)
        .bind(session::now() + SET_PASSWORD_LINK_DAYS * 24 * 60 * 60)
        .execute(pool)
        .await?;
        Ok(format!("/wachtwoord/{token}"))
    }

    #[server(endpoint = "list_accounts")]
    pub async fn list_accounts() -> Result<(Vec<AccountRow>, Vec<String>), EditError> {
        guard::require(Action::ManageAccounts)?;
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let rows: Vec<(i64, String, String, String, bool, bool, Option<String>)> = sqlx::query_as(
            "SELECT u.id, u.name, u.email, u.role, u.active, u.password_hash IS NOT NULL,
                    (SELECT group_concat(a.slug, ',') FROM user_areas ua JOIN areas a ON a.id = ua.area_id
                     WHERE ua.user_id = u.id)
             FROM users u ORDER BY u.active DESC, u.name COLLATE NOCASE",
        )
        .fetch_all(&pool)
        .await?;
        let accounts = rows
            .into_iter()
            .filter_map(|(id, name, email, role, active, has_password, slugs)| {
                Some(AccountRow {
                    id,
                    name,
                    email,
                    role: Role::from_code(&role)?,
                    active,
                    has_password,
                    area_slugs: slugs
                        .map(|s| s.split(',').map(str::to_string).collect())
                        .unwrap_or_default(),
                })
            })
            .collect();
        Ok((accounts, all_slugs(&pool).await?))
    }

    /// Creates an account without a password and returns the one-time link to set one.
    #[server(endpoint = "create_account")]
    pub async fn create_account(
        email: String,
        name: String,
        role: String,
        areas: String,
    ) -> Result<String, EditError> {
        let admin = guard::require(Action::ManageAccounts)?;
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let input = AccountInput {
            email,
            name,
            role,
            areas,
        };
        let (role, slugs) =
            validate_account(&input, &all_slugs(&pool).await?).map_err(EditError::Invalid)?;
        let email = input.email.trim().to_lowercase();
        let id = match db::create_user(&pool, &email, input.name.trim(), role, None).await {
            Ok(id) => id,
            Err(db::AccountDbError::DuplicateEmail) => {
                let mut errors = FieldErrors::default();
                errors.add("email", "Er bestaat al een account met dit e-mailadres.");
                return Err(EditError::Invalid(errors));
            }
            Err(db::AccountDbError::Database(e)) => return Err(e.into()),
        };
        db::assign_areas(&pool, id, &area_ids(&pool, &slugs).await?).await?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        audit::record(
            &mut tx,
            &admin,
            audit::AuditAction::Create,
            "user",
            id,
            None,
            Some(&input),
        )
        .await?;
        tx.commit().await?;
        Ok(new_password_link(&pool, id).await?)
    }

    /// Changes name, role, areas and whether the account is active. Deactivating an account
    /// ends its sessions at once.
    #[server(endpoint = "update_account")]
    pub async fn update_account(
        id: i64,
        name: String,
        role: String,
        areas: String,
        active: Option<String>,
    ) -> Result<(), EditError> {
        let admin = guard::require(Action::ManageAccounts)?;
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let before: Option<(String, String, String, bool)> =
            sqlx::query_as("SELECT email, name, role, active FROM users WHERE id = ?")
                .bind(id)
                .fetch_optional(&pool)
                .await?;
        let Some((email, old_name, old_role, was_active)) = before else {
            return Err(EditError::NotFound);
        };
        let input = AccountInput {
            email: email.clone(),
            name,
            role,
            areas,
        };
        let (role, slugs) =
            validate_account(&input, &all_slugs(&pool).await?).map_err(EditError::Invalid)?;
        let active = active.is_some();
        if id == admin.id && (!active || role != Role::Admin) {
            let mut errors = FieldErrors::default();
            errors.add("role", "U kunt uw eigen beheerdersrechten niet intrekken; laat een andere beheerder dat doen.");
            return Err(EditError::Invalid(errors));
        }
        let ids = area_ids(&pool, &slugs).await?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("UPDATE users SET name = ?, role = ?, active = ? WHERE id = ?")
            .bind(input.name.trim())
            .bind(role.code())
            .bind(active)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        db::assign_areas_in(&mut tx, id, &ids).await?;
        if !active {
            sqlx::query("DELETE FROM sessions WHERE user_id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        let old = AccountInput {
            email: email.clone(),
            name: old_name,
            role: old_role,
            areas: format!("active={was_active}"),
        };
        let new = AccountInput {
            email,
            name: input.name.clone(),
            role: role.code().into(),
            areas: format!("{}; active={active}", slugs.join(",")),
        };
        audit::record(
            &mut tx,
            &admin,
            audit::AuditAction::Update,
            "user",
            id,
            Some(&old),
            Some(&new),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect("/beheer/accounts");
        Ok(())
    }

    /// A new one-time link to set a password (for a user who lost theirs).
    #[server(endpoint = "password_link")]
    pub async fn password_link(id: i64) -> Result<String, EditError> {
        guard::require(Action::ManageAccounts)?;
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE id = ?")
            .bind(id)
            .fetch_optional(&pool)
            .await?;
        exists.ok_or(EditError::NotFound)?;
        Ok(new_password_link(&pool, id).await?)
    }

    /// Sets a password with a one-time link; the link works once.
    #[server(endpoint = "set_password")]
    pub async fn set_password(
        token: String,
        password: String,
        repeat: String,
    ) -> Result<(), EditError> {
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let mut errors = FieldErrors::default();
        if let Err(message) = password::check_strength(&password) {
            errors.add("password", message);
        } else if password != repeat {
            errors.add("repeat", "De twee wachtwoorden zijn niet gelijk.");
        }
        if !errors.is_empty() {
            return Err(EditError::Invalid(errors));
        }
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let user_id: Option<i64> = sqlx::query_scalar(
            "DELETE FROM password_tokens WHERE token_hash = ? AND expires_at > ? RETURNING user_id",
        )
        .bind(session::token_hash(&token))
        .bind(session::now())
        .fetch_optional(&mut *tx)
        .await?;
        let user_id = user_id.ok_or(EditError::NotFound)?;
        sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
            .bind(password::hash(&password))
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = ?")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        // The audit row says that the password changed, never what it is.
        if let Some(user) = db::current_user_in(&mut tx, user_id).await? {
            audit::record(
                &mut tx,
                &user,
                audit::AuditAction::Update,
                "user",
                user_id,
                None,
                Some(&"wachtwoord ingesteld via eenmalige link"),
            )
            .await?;
        }
        tx.commit().await?;
        leptos_axum::redirect("/inloggen?wachtwoord=gezet");
        Ok(())
    }

    /// Changes one's own password, after checking the current one.
    #[server(endpoint = "change_own_password")]
    pub async fn change_own_password(
        current: String,
        password: String,
        repeat: String,
    ) -> Result<(), EditError> {
        let user = guard::require(Action::OwnAccount)?;
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let stored: Option<String> =
            sqlx::query_scalar("SELECT password_hash FROM users WHERE id = ?")
                .bind(user.id)
                .fetch_one(&pool)
                .await?;
        let mut errors = FieldErrors::default();
        if !stored.is_some_and(|hash| password::verify(&current, &hash)) {
            errors.add("current", "Uw huidige wachtwoord klopt niet.");
        }
        if let Err(message) = password::check_strength(&password) {
            errors.add("password", message);
        } else if password != repeat {
            errors.add("repeat", "De twee wachtwoorden zijn niet gelijk.");
        }
        if !errors.is_empty() {
            return Err(EditError::Invalid(errors));
        }
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
            .bind(password::hash(&password))
            .bind(user.id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Update,
            "user",
            user.id,
            None,
            Some(&"eigen wachtwoord gewijzigd"),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

pub mod pages {
    use super::api::{
        list_accounts, ChangeOwnPassword, CreateAccount, PasswordLink, SetPassword, UpdateAccount,
    };
    use super::*;
    use crate::accounts::api::LogoutEverywhere;
    use crate::editing::ui::{InputField, SelectField};
    use crate::ui::layout::set_status;
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::use_params_map;

    fn role_options() -> Vec<(String, String)> {
        Role::ALL
            .iter()
            .map(|r| (r.code().into(), r.label().into()))
            .collect()
    }

    use crate::editing::ui::errors_of;

    /// A message for errors that belong to no single field.
    fn general_error(error: Option<Result<impl Send, EditError>>) -> Option<String> {
        match error {
            Some(Err(EditError::Invalid(_))) => Some("Niet alle velden zijn goed ingevuld.".into()),
            Some(Err(other)) => Some(other.to_string()),
            _ => None,
        }
    }

    /// `/beheer/accounts`
    #[component]
    pub fn AccountsPage() -> impl IntoView {
        let create = ServerAction::<CreateAccount>::new();
        let link = ServerAction::<PasswordLink>::new();
        let accounts = Resource::new_blocking(
            move || (create.version().get(), link.version().get()),
            |_| list_accounts(),
        );
        let errors = errors_of(create);
        view! {
            <Title text="Accounts"/>
            <Suspense fallback=|| view! { <p aria-busy="true">"Accounts laden…"</p> }>
                {move || Suspend::new(async move {
                    match accounts.await {
                        Err(error) => view! { <crate::editing::ui::EditRefused error/> }.into_any(),
                        Ok((accounts, slugs)) => view! {
                            <h1>"Accounts"</h1>
                            <div class="table-scroll">
                                <table>
                                    <caption class="visually-hidden">"Alle accounts met rol en gebieden"</caption>
                                    <thead><tr>
                                        <th scope="col">"Naam"</th><th scope="col">"E-mailadres"</th>
                                        <th scope="col">"Rol"</th><th scope="col">"Gebieden"</th><th scope="col">"Status"</th>
                                    </tr></thead>
                                    <tbody>
                                        {accounts.into_iter().map(|a| {
                                            let href = format!("/beheer/accounts/{}", a.id);
                                            let status = match (a.active, a.has_password) {
                                                (false, _) => "Gedeactiveerd",
                                                (true, false) => "Wacht op wachtwoord",
                                                (true, true) => "Actief",
                                            };
                                            view! { <tr>
                                                <th scope="row"><a href=href>{a.name}</a></th>
                                                <td>{a.email}</td><td>{a.role.label()}</td>
                                                <td>{a.area_slugs.join(", ")}</td><td>{status}</td>
                                            </tr> }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <h2>"Nieuw account"</h2>
                            {move || match create.value().get() {
                                Some(Ok(path)) => Some(view! {
                                    <div class="notice notice--ok" role="status">
                                        <p>"Account aangemaakt. Geef deze eenmalige link aan de nieuwe gebruiker om een wachtwoord in te stellen (een week geldig):"</p>
                                        <p><code class="one-time-link">{path}</code></p>
                                    </div>
                                }.into_any()),
                                other => general_error(other).map(|text| view! {
                                    <div class="notice notice--error" role="alert"><p>{text}</p></div>
                                }.into_any()),
                            }}
                            <ActionForm action=create attr:class="form" attr:novalidate=true>
                                <InputField name="name" label="Naam" errors/>
                                <InputField name="email" label="E-mailadres" kind="email" errors/>
                                <SelectField name="role" label="Rol" options=role_options() value="area_editor".to_string() errors/>
                                <InputField
                                    name="areas"
                                    label="Gebieden (voor gebiedsredacteuren)"
                                    hint="De korte namen uit het webadres, gescheiden door komma's."
                                    errors
                                />
                                <p class="field__hint">{format!("Beschikbaar: {}", slugs.join(", "))}</p>
                                <div class="form__actions"><button type="submit">"Account aanmaken"</button></div>
                            </ActionForm>
                        }.into_any(),
                    }
                })}
            </Suspense>
        }
    }

    /// `/beheer/accounts/{id}`
    #[component]
    pub fn AccountEditPage() -> impl IntoView {
        let params = use_params_map();
        let update = ServerAction::<UpdateAccount>::new();
        let link = ServerAction::<PasswordLink>::new();
        let accounts = Resource::new_blocking(move || update.version().get(), |_| list_accounts());
        let errors = errors_of(update);
        view! {
            <Suspense fallback=|| view! { <p aria-busy="true">"Account laden…"</p> }>
                {move || Suspend::new(async move {
                    let id: i64 = params.read().get("id").and_then(|id| id.parse().ok()).unwrap_or(-1);
                    match accounts.await {
                        Err(error) => view! { <crate::editing::ui::EditRefused error/> }.into_any(),
                        Ok((accounts, _)) => match accounts.into_iter().find(|a| a.id == id) {
                            None => {
                                set_status(404);
                                view! { <Title text="Niet gevonden"/><h1>"Account niet gevonden"</h1>
                                        <p><a href="/beheer/accounts">"Naar de accounts"</a></p> }.into_any()
                            }
                            Some(account) => view! {
                                <Title text=account.name.clone()/>
                                <nav aria-label="Kruimelpad" class="breadcrumb">
                                    <a href="/beheer/accounts">"Accounts"</a> " › " <span aria-current="page">{account.name.clone()}</span>
                                </nav>
                                <h1>{account.name.clone()}</h1>
                                <p>{account.email.clone()}</p>
                                {move || general_error(update.value().get()).map(|text| view! {
                                    <div class="notice notice--error" role="alert"><p>{text}</p></div>
                                })}
                                <ActionForm action=update attr:class="form" attr:novalidate=true>
                                    <input type="hidden" name="id" value=account.id.to_string()/>
                                    <InputField name="name" label="Naam" value=account.name.clone() errors/>
                                    <SelectField name="role" label="Rol" options=role_options() value=account.role.code().to_string() errors/>
                                    <InputField name="areas" label="Gebieden (voor gebiedsredacteuren)" value=account.area_slugs.join(", ")
                                        hint="De korte namen uit het webadres, gescheiden door komma's." errors/>
                                    <div class="field field--checkbox">
                                        <input type="checkbox" id="active" name="active" value="on" checked=account.active/>
                                        <label for="active">"Actief (uitvinken beëindigt meteen alle sessies van dit account)"</label>
                                    </div>
                                    <div class="form__actions"><button type="submit">"Opslaan"</button></div>
                                </ActionForm>
                                <h2>"Wachtwoord"</h2>
                                <p>"Een nieuwe eenmalige link laat de gebruiker een nieuw wachtwoord kiezen. Een eerdere link vervalt."</p>
                                {move || match link.value().get() {
                                    Some(Ok(path)) => Some(view! { <div class="notice notice--ok" role="status"><p>"Nieuwe link: "<code class="one-time-link">{path}</code></p></div> }.into_any()),
                                    other => general_error(other).map(|t| view! { <div class="notice notice--error" role="alert"><p>{t}</p></div> }.into_any()),
                                }}
                                <ActionForm action=link>
                                    <input type="hidden" name="id" value=account.id.to_string()/>
                                    <button type="submit" class="button--secondary">"Maak een wachtwoordlink"</button>
                                </ActionForm>
                            }.into_any(),
                        },
                    }
                })}
            </Suspense>
        }
    }

    /// `/wachtwoord/{token}`: choose a password with a one-time link.
    #[component]
    pub fn SetPasswordPage() -> impl IntoView {
        let params = use_params_map();
        let token = params.read_untracked().get("token").unwrap_or_default();
        let set = ServerAction::<SetPassword>::new();
        let errors = errors_of(set);
        view! {
            <Title text="Wachtwoord instellen"/>
            <h1>"Wachtwoord instellen"</h1>
            <p>"Kies een wachtwoord van minstens 10 tekens. Deze link werkt één keer."</p>
            {move || match set.value().get() {
                Some(Err(EditError::NotFound)) => Some("Deze link is verlopen of al gebruikt. Vraag de beheerder om een nieuwe.".to_string()),
                other => general_error(other),
            }.map(|text| view! { <div class="notice notice--error" role="alert"><p>{text}</p></div> })}
            <ActionForm action=set attr:class="form form--narrow" attr:novalidate=true>
                <input type="hidden" name="token" value=token/>
                <InputField name="password" label="Nieuw wachtwoord" kind="password" autocomplete="new-password" errors/>
                <InputField name="repeat" label="Herhaal het wachtwoord" kind="password" autocomplete="new-password" errors/>
                <div class="form__actions"><button type="submit">"Wachtwoord opslaan"</button></div>
            </ActionForm>
        }
    }

    /// `/account`: one's own account.
    #[component]
    pub fn OwnAccountPage() -> impl IntoView {
        let auth = crate::accounts::pages::use_auth();
        let change = ServerAction::<ChangeOwnPassword>::new();
        let everywhere = ServerAction::<LogoutEverywhere>::new();
        let errors = errors_of(change);
        view! {
            <Title text="Mijn account"/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match auth.user.await {
                        None => view! { <crate::editing::ui::EditRefused error=EditError::NotLoggedIn { draft: None }/> }.into_any(),
                        Some(user) => view! {
                            <h1>"Mijn account"</h1>
                            <p>{format!("{} · {} · {}", user.name, user.email, user.role.label())}</p>
                            <h2>"Wachtwoord wijzigen"</h2>
                            {move || match change.value().get() {
                                Some(Ok(())) => Some(view! { <div class="notice notice--ok" role="status"><p>"Uw wachtwoord is gewijzigd."</p></div> }.into_any()),
                                other => general_error(other).map(|t| view! { <div class="notice notice--error" role="alert"><p>{t}</p></div> }.into_any()),
                            }}
                            <ActionForm action=change attr:class="form form--narrow" attr:novalidate=true>
                                <InputField name="current" label="Huidig wachtwoord" kind="password" autocomplete="current-password" errors/>
                                <InputField name="password" label="Nieuw wachtwoord" kind="password" autocomplete="new-password" errors/>
                                <InputField name="repeat" label="Herhaal het nieuwe wachtwoord" kind="password" autocomplete="new-password" errors/>
                                <div class="form__actions"><button type="submit">"Wachtwoord wijzigen"</button></div>
                            </ActionForm>
                            <h2>"Overal uitloggen"</h2>
                            <p>"Beëindigt uw sessies op alle apparaten, ook deze."</p>
                            <ActionForm action=everywhere>
                                <button type="submit" class="button--secondary">"Log overal uit"</button>
                            </ActionForm>
                        }.into_any(),
                    }
                })}
            </Suspense>
        }
    }
}
