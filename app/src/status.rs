//! The honest HTTP status of a server function's error. Server functions answer every `Err`
//! with 500 by themselves; the server's `honest_errors` middleware corrects that with this,
//! so a refusal or a typo is a 4xx and logs and `/metrics` count only real failures as 5xx.

use crate::accounts::api::LoginError;
use crate::areas::proposals::ProposalError;
use crate::editing::EditError;
use crate::following::FollowError;
use crate::sessions::{mine::LookupError, topics::TopicError, SignupError};
use serde_json::from_slice;

/// The status for a server function's JSON error body, if it is one of the app's errors.
/// (The areas' and library's read errors have only `Unavailable` and `Transport`, which
/// read as the same variants of [`EditError`].)
pub fn of_error_body(body: &[u8]) -> Option<u16> {
    from_slice::<EditError>(body)
        .map(|error| error.status())
        .or_else(|_| from_slice::<SignupError>(body).map(|error| error.status()))
        .or_else(|_| from_slice::<TopicError>(body).map(|error| error.status()))
        .or_else(|_| from_slice::<LoginError>(body).map(|error| error.status()))
        .or_else(|_| from_slice::<LookupError>(body).map(|error| error.status()))
        .or_else(|_| from_slice::<FollowError>(body).map(|error| error.status()))
        .or_else(|_| from_slice::<ProposalError>(body).map(|error| error.status()))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body<T: serde::Serialize>(error: T) -> Vec<u8> {
        serde_json::to_vec(&error).unwrap()
    }

    #[test]
    fn every_kind_of_refusal_is_a_4xx_and_only_outages_are_5xx() {
        let cases = [
            (body(EditError::Forbidden), 403),
            (body(EditError::Invalid(Default::default())), 422),
            (body(SignupError::Duplicate), 409),
            (body(SignupError::DeadlinePassed), 409),
            (body(SignupError::NotFound), 404),
            (body(SignupError::Invalid(Default::default())), 422),
            (body(TopicError::TooManyVotes), 429),
            (body(TopicError::TooManySuggestions), 429),
            (body(LoginError::Incorrect), 401),
            (body(LoginError::Throttled), 429),
            (body(LookupError::TooManyRequests), 429),
            (body(FollowError::TooManyFollowRequests), 429),
            (body(FollowError::LinkNotValid), 404),
            (body(ProposalError::TooManyOpen), 429),
            (body(ProposalError::TooManyFromHere), 429),
            (body(SignupError::Unavailable), 503),
            (body(crate::areas::api::AreaError::Unavailable), 503),
            (
                body(crate::library::api::LibraryError::Transport("x".into())),
                400,
            ),
        ];
        for (body, status) in cases {
            assert_eq!(
                of_error_body(&body),
                Some(status),
                "{}",
                String::from_utf8_lossy(&body)
            );
        }
        assert_eq!(of_error_body(b"not json"), None);
    }
}
