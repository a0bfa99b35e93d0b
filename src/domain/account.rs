//! What the app knows about the signed-in account's two-factor authentication.

/// A second factor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// An authenticator app (TOTP, RFC 6238).
    Totp,
    /// Codes sent by text message.
    Sms,
}

impl Method {
    /// The CG wire name.
    pub fn wire_name(self) -> &'static str {
        match self {
            Method::Totp => "totp",
            Method::Sms => "sms",
        }
    }

    /// Reads a wire name; B2Core's `google` is the authenticator app.
    pub fn from_wire(name: &str) -> Option<Method> {
        match name.trim().to_ascii_lowercase().as_str() {
            "totp" | "google" | "2fa_google" | "authenticator" | "app" => Some(Method::Totp),
            "sms" | "2fa_sms" | "phone" => Some(Method::Sms),
            _ => None,
        }
    }

    pub const ALL: [Method; 2] = [Method::Totp, Method::Sms];
}

/// The factors the server takes to confirm a change to the factors (step-up), as it listed them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StepUpMethods {
    pub totp: bool,
    pub sms: bool,
    pub recovery: bool,
}

impl StepUpMethods {
    /// Reads the CG wire names (`totp`, `sms`, `recovery`); unknown names are ignored.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut methods = StepUpMethods::default();
        for name in names {
            match name.trim().to_ascii_lowercase().as_str() {
                "recovery" => methods.recovery = true,
                other => match Method::from_wire(other) {
                    Some(Method::Totp) => methods.totp = true,
                    Some(Method::Sms) => methods.sms = true,
                    None => {}
                },
            }
        }
        methods
    }
}

/// A current code that confirms a change, sent with the call it confirms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirmation {
    /// The CG wire name of the factor: `totp`, `sms` or `recovery`.
    pub method: &'static str,
    pub code: String,
}

/// The state of one method.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MethodState {
    pub enabled: bool,
    /// Masked or formatted phone number (SMS only).
    pub phone: Option<String>,
    /// RFC 3339 time the method was turned on, when the server says.
    pub enabled_at: Option<String>,
}

/// The account's two-factor status as shown at the top of the security page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountStatus {
    pub email: Option<String>,
    pub display_name: Option<String>,
    pub totp: MethodState,
    pub sms: MethodState,
    pub default_method: Option<Method>,
    pub last_used_at: Option<String>,
    pub recovery_codes_left: Option<u32>,
    pub recovery_codes_generated_at: Option<String>,
}

impl AccountStatus {
    /// Two-factor authentication is on when any method is on.
    pub fn two_factor_enabled(&self) -> bool {
        self.totp.enabled || self.sms.enabled
    }

    pub fn method(&self, method: Method) -> &MethodState {
        match method {
            Method::Totp => &self.totp,
            Method::Sms => &self.sms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_and_aliases() {
        for m in Method::ALL {
            assert_eq!(Method::from_wire(m.wire_name()), Some(m));
        }
        assert_eq!(Method::from_wire(" Google "), Some(Method::Totp));
        assert_eq!(Method::from_wire("email"), None);
    }

    #[test]
    fn enabled_when_any_method_is_on() {
        let mut status = AccountStatus::default();
        assert!(!status.two_factor_enabled());
        status.sms.enabled = true;
        assert!(status.two_factor_enabled());
        assert!(status.method(Method::Sms).enabled);
        assert!(!status.method(Method::Totp).enabled);
    }
}
