//! "Aan de slag": the steps a new installation goes through, ticked off from the data
//! itself, shown to coordinators on the home page and `/beheer` until all are done.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub label: String,
    /// Where to do it; `None` when the person reading cannot (accounts are an
    /// administrator's).
    pub href: Option<String>,
    pub done: bool,
}

/// The steps in order, from counts: districts, live areas, organisations, themes,
/// indicators, stuurwiel segments, values, accounts besides the first, sessions, library
/// items. `manages_accounts`: the reader is an administrator.
pub fn steps(counts: [i64; 10], manages_accounts: bool) -> Vec<Step> {
    let [districts, areas, organisations, themes, indicators, segments, values, users, sessions, items] =
        counts;
    let step = |label: &str, href: &str, done: bool| Step {
        label: label.to_string(),
        href: Some(href.to_string()),
        done,
    };
    let mut accounts = step(
        "Collega's en gebiedsredacteuren een account geven",
        "/beheer/accounts",
        users > 1,
    );
    if !manages_accounts {
        accounts.label.push_str(" (doet een beheerder)");
        accounts.href = None;
    }
    vec![
        step("Stadsdelen toevoegen", "/beheer/stadsdelen", districts > 0),
        step("Gebieden aanmaken", "/gebieden/nieuw", areas > 0),
        step(
            "Organisaties toevoegen en aan gebieden koppelen",
            "/beheer/organisaties",
            organisations > 0,
        ),
        step(
            "Thema's en indicatoren nalopen",
            "/beheer/themas",
            themes > 0 && indicators > 0,
        ),
        step(
            "Het stuurwiel inrichten: de onderdelen waarop gebieden worden beoordeeld",
            "/beheer/stuurwiel",
            segments > 0,
        ),
        step(
            "De eerste cijfers invoeren of importeren",
            "/monitor/import",
            values > 0,
        ),
        accounts,
        step("De eerste sessie plannen", "/sessies/nieuw", sessions > 0),
        step(
            "Het eerste item in de kennisbank zetten",
            "/kennisbank/nieuw",
            items > 0,
        ),
    ]
}

pub mod api {
    use super::*;
    use leptos::prelude::*;

    /// The checklist for a coordinator while steps are open; `None` for everyone else and
    /// once every step is done. Public: anonymous visitors get `None` without a query.
    #[server(endpoint = "setup_checklist")]
    pub async fn setup_checklist() -> Result<Option<Vec<Step>>, ServerFnError> {
        use crate::accounts::{decide, Access, Action};
        let user = crate::accounts::guard::current_user();
        if decide(user.as_ref(), &Action::Coordinate) != Access::Allowed {
            return Ok(None);
        }
        let pool = crate::db::pool_from_context()
            .ok_or_else(|| ServerFnError::new("database unavailable"))?;
        let counts: (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM districts),
                    (SELECT count(*) FROM areas WHERE archived_at IS NULL),
                    (SELECT count(*) FROM organisations),
                    (SELECT count(*) FROM themes WHERE retired_at IS NULL),
                    (SELECT count(*) FROM indicator_definitions WHERE retired_at IS NULL),
                    (SELECT count(*) FROM stuurwiel_segments s
                     JOIN stuurwiel_frameworks f ON f.id = s.framework_id AND f.is_active = 1),
                    (SELECT EXISTS (SELECT 1 FROM indicator_values)),
                    (SELECT count(*) FROM users),
                    (SELECT count(*) FROM learning_sessions),
                    (SELECT count(*) FROM library_items)",
        )
        .fetch_one(&pool)
        .await
        .map_err(|e| ServerFnError::new(e.to_string()))?;
        let manages_accounts = decide(user.as_ref(), &Action::ManageAccounts) == Access::Allowed;
        let steps = steps(
            [
                counts.0, counts.1, counts.2, counts.3, counts.4, counts.5, counts.6, counts.7,
                counts.8, counts.9,
            ],
            manages_accounts,
        );
        Ok((!steps.iter().all(|s| s.done)).then_some(steps))
    }
}

pub mod pages {
    use leptos::prelude::*;

    /// The checklist, or nothing (visitors, finished installations).
    #[component]
    pub fn Checklist() -> impl IntoView {
        let steps = Resource::new_blocking(|| (), |_| super::api::setup_checklist());
        view! {
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let Ok(Some(steps)) = steps.await else { return ().into_any() };
                    let done = steps.iter().filter(|s| s.done).count();
                    let total = steps.len();
                    view! {
                        <section class="checklist" aria-labelledby="aan-de-slag">
                            <h2 id="aan-de-slag">"Aan de slag"</h2>
                            <p>{format!("{done} van de {total} stappen gedaan. Deze lijst verdwijnt als alles klaar is.")}</p>
                            <ol class="checklist__steps">
                                {steps.into_iter().map(|step| view! {
                                    <li class:checklist__step--done=step.done>
                                        <span class="visually-hidden">{if step.done { "Gedaan: " } else { "Nog te doen: " }}</span>
                                        <span aria-hidden="true">{if step.done { "✓ " } else { "○ " }}</span>
                                        {match step.href {
                                            Some(href) => view! { <a href=href>{step.label}</a> }.into_any(),
                                            None => view! { <span>{step.label}</span> }.into_any(),
                                        }}
                                    </li>
                                }).collect_view()}
                            </ol>
                        </section>
                    }.into_any()
                })}
            </Suspense>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_tick_off_from_counts() {
        let empty = steps([0, 0, 0, 9, 12, 0, 0, 1, 0, 0], true);
        assert_eq!(empty.iter().filter(|s| s.done).count(), 1);
        assert!(steps([1, 2, 1, 9, 12, 6, 1, 2, 1, 1], true)
            .iter()
            .all(|s| s.done));
        let stuurwiel = |segments| {
            steps([1, 2, 1, 9, 12, segments, 1, 2, 1, 1], true)
                .into_iter()
                .find(|s| s.href.as_deref() == Some("/beheer/stuurwiel"))
                .unwrap()
                .done
        };
        assert!(!stuurwiel(0) && stuurwiel(1));
    }

    #[test]
    fn coordinators_are_not_sent_to_the_accounts_page_they_cannot_open() {
        let links = |manages| -> Vec<Option<String>> {
            steps([0; 10], manages)
                .into_iter()
                .map(|s| s.href)
                .collect()
        };
        assert!(links(true).contains(&Some("/beheer/accounts".into())));
        assert!(!links(false).contains(&Some("/beheer/accounts".into())));
        assert_eq!(links(false).iter().filter(|h| h.is_none()).count(), 1);
    }
}
