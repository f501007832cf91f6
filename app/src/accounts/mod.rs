//! Accounts, roles and who may do what.
//!
//! The rule book is one pure function, [`decide`]; the server-side [`guard`] applies it to
//! whoever sent the request. Every server function that changes data goes through the guard.

pub mod admin;
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod session;

use serde::{Deserialize, Serialize};

coded_enum!(
    /// What an account may do; see [`decide`].
    Role {
        Admin = "admin" => "Beheerder",
        Coordinator = "coordinator" => "Coördinator",
        AreaEditor = "area_editor" => "Gebiedsredacteur",
    }
);

/// The logged-in person behind a request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// For area editors: the areas they may edit.
    pub area_ids: Vec<i64>,
}

/// Something a request wants to change. Each mutating server function names one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Change one area's profile: story, opgaves, indicators, assessments, contacts.
    EditArea { area_id: i64 },
    /// Programme-wide data: creating areas, the stuurwiel framework, sessions, library.
    Coordinate,
    /// Accounts of other people.
    ManageAccounts,
    /// One's own password and sessions.
    OwnAccount,
}

/// The answer of the rule book.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Allowed,
    /// Not logged in: ask to log in.
    NotLoggedIn,
    /// Logged in, but the role does not allow this.
    Forbidden,
    /// Outside the user's areas: answered as if it did not exist, so ids cannot be probed.
    NotFound,
}

/// The login page, returning to `back` (a local path) after logging in.
pub fn login_url(back: &str) -> String {
    format!(
        "/inloggen?volgende={}",
        crate::ui::format::encode_query_value(back)
    )
}

/// Deny by default: each role is allowed exactly what is listed here.
pub fn decide(user: Option<&CurrentUser>, action: &Action) -> Access {
    let Some(user) = user else {
        return Access::NotLoggedIn;
    };
    match (user.role, action) {
        (_, Action::OwnAccount) => Access::Allowed,
        // Administrators keep the accounts and may also do what coordinators do.
        (Role::Admin, _) => Access::Allowed,
        (Role::Coordinator, Action::ManageAccounts) => Access::Forbidden,
        (Role::Coordinator, _) => Access::Allowed,
        (Role::AreaEditor, Action::EditArea { area_id }) => {
            if user.area_ids.contains(area_id) {
                Access::Allowed
            } else {
                Access::NotFound
            }
        }
        (Role::AreaEditor, _) => Access::Forbidden,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, areas: &[i64]) -> CurrentUser {
        CurrentUser {
            id: 1,
            name: "T".into(),
            email: "t@example.nl".into(),
            role,
            area_ids: areas.to_vec(),
        }
    }

    #[test]
    fn the_rule_book() {
        let edit_7 = Action::EditArea { area_id: 7 };
        let editor_of_7 = user(Role::AreaEditor, &[7]);
        let editor_of_8 = user(Role::AreaEditor, &[8]);
        let coordinator = user(Role::Coordinator, &[]);
        let admin = user(Role::Admin, &[]);

        assert_eq!(decide(None, &edit_7), Access::NotLoggedIn);
        assert_eq!(decide(None, &Action::OwnAccount), Access::NotLoggedIn);
        assert_eq!(decide(Some(&editor_of_7), &edit_7), Access::Allowed);
        assert_eq!(decide(Some(&editor_of_8), &edit_7), Access::NotFound);
        assert_eq!(
            decide(Some(&editor_of_7), &Action::Coordinate),
            Access::Forbidden
        );
        assert_eq!(
            decide(Some(&editor_of_7), &Action::ManageAccounts),
            Access::Forbidden
        );
        assert_eq!(
            decide(Some(&editor_of_7), &Action::OwnAccount),
            Access::Allowed
        );
        assert_eq!(decide(Some(&coordinator), &edit_7), Access::Allowed);
        assert_eq!(
            decide(Some(&coordinator), &Action::Coordinate),
            Access::Allowed
        );
        assert_eq!(
            decide(Some(&coordinator), &Action::ManageAccounts),
            Access::Forbidden
        );
        assert_eq!(
            decide(Some(&admin), &Action::ManageAccounts),
            Access::Allowed
        );
        assert_eq!(decide(Some(&admin), &edit_7), Access::Allowed);
    }
}
