//! Who is acting: the signed-in user as every action sees them, and the role checks that every
//! mutation makes before it touches anything.

use serde::{Deserialize, Serialize};

use crate::model::domain_enum;
use crate::{Error, Result};

domain_enum! {
    /// What a user account may do.
    Role {
        /// Secretariat staff: keeps the register, prepares and runs assemblies.
        Organizer => "organizer",
        /// Represents one member government.
        Delegate => "delegate",
    }
}

/// A signed-in user.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The member government a delegate represents.
    pub member_id: Option<i64>,
}

impl Actor {
    /// How the audit log names this actor.
    pub fn audit_name(&self) -> String {
        format!("{} <{}>", self.name, self.email)
    }
}

/// Who made a request, as the server found out from its session cookie or bearer token, and as
/// it hands it to server functions and API handlers (a request extension).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Caller(pub Option<Actor>);

impl Caller {
    pub fn actor(&self) -> Option<&Actor> {
        self.0.as_ref()
    }
}

/// The actor, if signed in; otherwise [`Error::Unauthenticated`].
pub fn signed_in(actor: Option<&Actor>) -> Result<&Actor> {
    actor.ok_or(Error::Unauthenticated)
}

/// The actor, if an organizer: anonymous callers get [`Error::Unauthenticated`], others
/// [`Error::Forbidden`].
pub fn organizer(actor: Option<&Actor>) -> Result<&Actor> {
    let actor = signed_in(actor)?;
    match actor.role {
        Role::Organizer => Ok(actor),
        Role::Delegate => Err(Error::Forbidden),
    }
}

/// Who may call an entry point (a server function or an API operation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in user: organizers, and delegates for what concerns their own member
    /// (the action checks which member; casting a ballot is the one such act).
    SignedIn,
    /// Organizers only.
    Organizer,
}

impl Access {
    /// Checks `actor` against this access level.
    pub fn check(self, actor: Option<&Actor>) -> Result<()> {
        match self {
            Access::Public => Ok(()),
            Access::SignedIn => signed_in(actor).map(drop),
            Access::Organizer => organizer(actor).map(drop),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: 1,
            email: "a@b.c".into(),
            name: "A".into(),
            role,
            member_id: None,
        }
    }

    #[test]
    fn only_organizers_pass_the_organizer_check() {
        assert_eq!(organizer(None).unwrap_err(), Error::Unauthenticated);
        assert_eq!(
            organizer(Some(&actor(Role::Delegate))).unwrap_err(),
            Error::Forbidden
        );
        assert!(organizer(Some(&actor(Role::Organizer))).is_ok());
    }

    #[test]
    fn public_access_lets_anyone_in() {
        assert!(Access::Public.check(None).is_ok());
        assert_eq!(Access::Organizer.check(None).unwrap_err().status(), 401);
    }
}
