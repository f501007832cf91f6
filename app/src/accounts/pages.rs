//! Login page, and the login state every page can read.

use super::api::{whoami, Login, LoginError, Logout};
use super::CurrentUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The login state of the page, with the actions that change it.
#[derive(Clone, Copy)]
pub struct AuthContext {
    pub user: Resource<Option<CurrentUser>>,
    pub login: ServerAction<Login>,
    pub logout: ServerAction<Logout>,
}

/// Called once by the app. The user is a blocking resource: the server waits for it, so a
/// page never shows "Inloggen" to someone who is logged in, with or without JavaScript.
pub fn provide_auth() -> AuthContext {
    let login = ServerAction::<Login>::new();
    let logout = ServerAction::<Logout>::new();
    let user = Resource::new_blocking(
        move || (login.version().get(), logout.version().get()),
        |_| async { whoami().await.ok().flatten() },
    );
    let auth = AuthContext {
        user,
        login,
        logout,
    };
    provide_context(auth);
    auth
}

pub fn use_auth() -> AuthContext {
    expect_context::<AuthContext>()
}

/// `/inloggen`
#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
    let query = use_query_map();
    let from_url = move |key: &str| query.read_untracked().get(key).unwrap_or_default();
    let email = from_url("email");
    let next = {
        let next = from_url("volgende");
        if next.is_empty() {
            "/".to_string()
        } else {
            next
        }
    };
    let logged_out_everywhere = from_url("uitgelogd") == "overal";
    let password_set = from_url("wachtwoord") == "gezet";
    // Without JavaScript a failed login comes back here with `?fout=`; with JavaScript
    // the action's own result says what went wrong.
    let error = move || match auth.login.value().get() {
        Some(Err(error)) => Some(error),
        Some(Ok(())) => None,
        None => LoginError::from_code(&query.read().get("fout").unwrap_or_default()),
    };
    let pending = auth.login.pending();

    view! {
        <Title text="Inloggen"/>
        <h1>"Inloggen"</h1>
        <p>"Voor coördinatoren en gebiedsredacteuren. Bezoekers hoeven niet in te loggen."</p>
        {logged_out_everywhere.then(|| view! {
            <div class="notice notice--ok" role="status"><p>"U bent op al uw apparaten uitgelogd."</p></div>
        })}
        {password_set.then(|| view! {
            <div class="notice notice--ok" role="status"><p>"Uw wachtwoord is ingesteld. U kunt nu inloggen."</p></div>
        })}
        {move || error().map(|error| view! {
            <div class="notice notice--error" role="alert"><p>{error.to_string()}</p></div>
        })}
        <ActionForm action=auth.login attr:class="form form--narrow">
            <input type="hidden" name="next" value=next/>
            <div class="field">
                <label for="email">"E-mailadres"</label>
                <input id="email" type="email" name="email" autocomplete="username" required value=email/>
            </div>
            <div class="field">
                <label for="password">"Wachtwoord"</label>
                <input id="password" type="password" name="password" autocomplete="current-password" required/>
            </div>
            <button type="submit" aria-disabled=move || pending.get().to_string()>
                {move || if pending.get() { "Bezig met inloggen…" } else { "Inloggen" }}
            </button>
        </ActionForm>
    }
}

/// The login state in the header: a link to log in, or the name and a logout button.
#[component]
pub fn UserMenu() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Some(user) => view! {
                        <div class="user-menu">
                            {(user.role != super::Role::AreaEditor).then(|| view! { <a href="/beheer">"Beheer"</a><a href="/beheer/sessies">"Sessies"</a><a href="/beheer/stuurwiel">"Stuurwiel"</a> })}
                            {(user.role == super::Role::Admin).then(|| view! { <a href="/beheer/accounts">"Accounts"</a> })}
                            <a class="user-menu__name" href="/account">{user.name}</a>
                            <ActionForm action=auth.logout attr:class="user-menu__logout">
                                <button type="submit">"Uitloggen"</button>
                            </ActionForm>
                        </div>
                    }.into_any(),
                    None => view! {
                        <a class="user-menu__login" href="/inloggen">"Inloggen"</a>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// A link only coordinators (and administrators) see, e.g. "Gebied toevoegen" on a list.
#[component]
pub fn CoordinatorLink(#[prop(into)] href: String, label: &'static str) -> impl IntoView {
    let auth = use_auth();
    view! {
        <Transition fallback=|| ()>
            {move || {
                let href = href.clone();
                Suspend::new(async move {
                let user = auth.user.await;
                (super::decide(user.as_ref(), &super::Action::Coordinate) == super::Access::Allowed)
                    .then(|| view! { <a class="button-link" href=href>{label}</a> })
            })}}
        </Transition>
    }
}
