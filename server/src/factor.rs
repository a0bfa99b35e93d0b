//! The typed words of two-factor authentication: methods, step-up methods, the purposes of sent
//! codes, channels, and B2Core's wizards and workflows, as they travel on the wire (serde) and
//! as they are stored (rusqlite's `ToSql`/`FromSql`).

use std::fmt;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Implements `ToSql`/`FromSql` for a fieldless enum, stored as its `as_str`.
macro_rules! stored_as_text {
    ($t:ident: $($variant:ident),+) => {
        impl $t {
            fn parse(text: &str) -> Option<$t> {
                [$($t::$variant),+].into_iter().find(|v| v.as_str() == text)
            }
        }

        impl ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $t {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                <$t>::parse(text).ok_or_else(|| FromSqlError::Other(format!("unknown value {text:?}").into()))
            }
        }
    };
}

/// A second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    Totp,
    Sms,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Totp => "totp",
            Method::Sms => "sms",
        }
    }
}

stored_as_text!(Method: Totp, Sms);

/// What confirms a change to the factors (step-up): a current code of a factor, or a recovery code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum StepUpMethod {
    Totp,
    Sms,
    Recovery,
}

impl From<Method> for StepUpMethod {
    fn from(m: Method) -> Self {
        match m {
            Method::Totp => StepUpMethod::Totp,
            Method::Sms => StepUpMethod::Sms,
        }
    }
}

/// How a message of the outbox travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Sms,
    Email,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
        }
    }
}

stored_as_text!(Channel: Sms, Email);

/// What a B2Core wizard does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WizardKind {
    GoogleEnable,
    SmsEnable,
    GoogleDisable,
    SmsDisable,
}

impl WizardKind {
    pub fn as_str(self) -> &'static str {
        match self {
            WizardKind::GoogleEnable => "google_enable",
            WizardKind::SmsEnable => "sms_enable",
            WizardKind::GoogleDisable => "google_disable",
            WizardKind::SmsDisable => "sms_disable",
        }
    }
}

stored_as_text!(WizardKind: GoogleEnable, SmsEnable, GoogleDisable, SmsDisable);

/// The step a B2Core answer names (`workflow`), also stored as the step a wizard is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub enum Workflow {
    #[serde(rename = "2fa_google")]
    Google,
    #[serde(rename = "2fa_sms")]
    Sms,
    #[serde(rename = "2fa_sms_phone_create")]
    SmsPhoneCreate,
    #[serde(rename = "phone")]
    Phone,
    Terminate,
}

impl Workflow {
    /// The sign-in step of a method.
    pub fn of(method: Method) -> Workflow {
        match method {
            Method::Totp => Workflow::Google,
            Method::Sms => Workflow::Sms,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Workflow::Google => "2fa_google",
            Workflow::Sms => "2fa_sms",
            Workflow::SmsPhoneCreate => "2fa_sms_phone_create",
            Workflow::Phone => "phone",
            Workflow::Terminate => "Terminate",
        }
    }
}

stored_as_text!(Workflow: Google, Sms, SmsPhoneCreate, Phone, Terminate);

/// What a sent code is for. Codes of one flow share a resend cooldown; a code completes only
/// its own purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Verifying a new phone number (CG).
    Enable,
    /// Confirming something as the signed-in user (CG disable and step-up).
    Account,
    /// One sign-in, by the SHA-256 of its state.
    SignIn(String),
    /// One B2Core wizard.
    Wizard(WizardKind, String),
}

impl Purpose {
    /// Whether its codes go to a number being set up, rather than to the user's number on file.
    pub fn sets_up_number(&self) -> bool {
        matches!(self, Purpose::Enable | Purpose::Wizard(WizardKind::SmsEnable, _))
    }

    /// The flow: the purposes that share one cooldown.
    pub fn flow(&self) -> String {
        match self {
            Purpose::Enable => "enable".into(),
            Purpose::Account => "account".into(),
            Purpose::SignIn(_) => "signin".into(),
            Purpose::Wizard(kind, _) => format!("wizard:{}", kind.as_str()),
        }
    }
}

/// Stored as `flow[/instance]`: `enable`, `account`, `signin/<state hash>`, `wizard:<kind>/<uuid>`.
impl fmt::Display for Purpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Purpose::Enable | Purpose::Account => f.write_str(&self.flow()),
            Purpose::SignIn(instance) | Purpose::Wizard(_, instance) => write!(f, "{}/{instance}", self.flow()),
        }
    }
}

impl ToSql for Purpose {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_words_read_back_and_unknown_ones_are_refused() {
        let c = rusqlite::Connection::open_in_memory().unwrap();
        let back: Method = c.query_row("SELECT ?1", [Method::Sms], |r| r.get(0)).unwrap();
        assert_eq!(back, Method::Sms);
        let back: Workflow = c
            .query_row("SELECT ?1", [Workflow::SmsPhoneCreate], |r| r.get(0))
            .unwrap();
        assert_eq!(back, Workflow::SmsPhoneCreate);
        assert!(c.query_row("SELECT 'fax'", [], |r| r.get::<_, Method>(0)).is_err());
    }

    #[test]
    fn purposes_are_stored_as_flow_and_instance() {
        assert_eq!(Purpose::Account.to_string(), "account");
        assert_eq!(Purpose::SignIn("ab".into()).to_string(), "signin/ab");
        let wizard = Purpose::Wizard(WizardKind::SmsDisable, "u-1".into());
        assert_eq!(wizard.to_string(), "wizard:sms_disable/u-1");
        assert_eq!(wizard.flow(), "wizard:sms_disable");
    }

    #[test]
    fn names_on_the_wire_are_the_stored_ones() {
        for w in [
            Workflow::Google,
            Workflow::Sms,
            Workflow::SmsPhoneCreate,
            Workflow::Phone,
            Workflow::Terminate,
        ] {
            assert_eq!(serde_json::to_value(w).unwrap(), w.as_str());
        }
        assert_eq!(serde_json::to_value(Method::Totp).unwrap(), "totp");
    }
}
