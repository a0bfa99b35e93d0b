//! The second-factor step of sign-in: which method is asked for, whether a text was sent and when
//! it may be sent again, or whether a recovery code is being used.

use crate::api::Challenge;
use crate::domain::account::Method;

/// Seconds before another sign-in text may be asked for.
pub const RESEND_COOLDOWN_SECS: f64 = 30.0;

#[derive(Clone, Debug, PartialEq)]
pub struct SecondFactor {
    pub challenge: Challenge,
    /// The method whose code is asked for.
    pub method: Method,
    /// A recovery code is being entered instead.
    pub recovery: bool,
    /// When a text was sent, no new one before this time (ms since the epoch).
    pub resend_at_ms: Option<f64>,
}

impl SecondFactor {
    /// Starts with the account's default method (the challenge lists it first).
    pub fn new(challenge: Challenge) -> Self {
        let method = challenge.methods.first().copied().unwrap_or(Method::Totp);
        // A text the server sent by itself counts as sent, with no cooldown to wait out.
        let resend_at_ms = (challenge.sms_sent && method == Method::Sms).then_some(0.0);
        SecondFactor {
            challenge,
            method,
            recovery: false,
            resend_at_ms,
        }
    }

    /// Whether texting a code is possible for this account.
    pub fn can_text(&self) -> bool {
        self.challenge.methods.contains(&Method::Sms)
    }

    /// Whether a text has been sent in this step.
    pub fn text_sent(&self) -> bool {
        self.resend_at_ms.is_some()
    }

    /// Whether the code asked for is one that was texted (the browser may read it: WebOTP).
    pub fn code_texted(&self) -> bool {
        self.method == Method::Sms && self.text_sent()
    }

    /// Whether the page should send the first text by itself: SMS is the default and none was sent.
    pub fn should_send_first_text(&self) -> bool {
        self.method == Method::Sms && !self.text_sent() && !self.recovery
    }

    /// A text was sent at `now_ms`: ask for its code, with the resend cooldown running.
    pub fn sent_text(&mut self, now_ms: f64) {
        self.method = Method::Sms;
        self.recovery = false;
        self.resend_at_ms = Some(now_ms + RESEND_COOLDOWN_SECS * 1000.0);
    }

    /// Switches to the authenticator app.
    pub fn use_app(&mut self) {
        self.method = Method::Totp;
        self.recovery = false;
    }

    pub fn use_recovery_code(&mut self) {
        self.recovery = true;
    }

    /// Back from the recovery code to the default method.
    pub fn use_code(&mut self) {
        self.recovery = false;
    }

    /// The authenticator app is an alternative the person can switch back to.
    pub fn can_use_app(&self) -> bool {
        self.method != Method::Totp && self.challenge.methods.contains(&Method::Totp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn challenge(methods: Vec<Method>) -> Challenge {
        Challenge {
            state: "s".into(),
            methods,
            sms_sent: false,
        }
    }

    #[test]
    fn starts_with_the_default_method() {
        let step = SecondFactor::new(challenge(vec![Method::Sms, Method::Totp]));
        assert_eq!(step.method, Method::Sms);
        assert!(step.should_send_first_text());
        assert!(step.can_use_app());
        let step = SecondFactor::new(challenge(vec![Method::Totp]));
        assert_eq!(step.method, Method::Totp);
        assert!(!step.can_text());
        assert!(!step.should_send_first_text());
        assert!(!step.can_use_app());
    }

    #[test]
    fn texting_switches_method_and_starts_the_cooldown() {
        let mut step = SecondFactor::new(challenge(vec![Method::Totp, Method::Sms]));
        assert!(step.can_text());
        step.use_recovery_code();
        step.sent_text(1_000.0);
        assert_eq!(step.method, Method::Sms);
        assert!(!step.recovery);
        assert_eq!(step.resend_at_ms, Some(31_000.0));
        assert!(!step.should_send_first_text(), "one automatic text at most");
        assert!(step.code_texted());
        step.use_app();
        assert_eq!(step.method, Method::Totp);
        assert!(!step.code_texted(), "the app's code is not in a text");
    }

    #[test]
    fn a_texted_code_is_awaited_only_once_a_text_went() {
        let step = SecondFactor::new(challenge(vec![Method::Sms, Method::Totp]));
        assert!(!step.code_texted(), "nothing sent yet");
        let step = SecondFactor::new(challenge(vec![Method::Totp, Method::Sms]));
        assert!(!step.code_texted());
    }

    #[test]
    fn a_text_the_server_sent_is_not_sent_again() {
        let step = SecondFactor::new(Challenge {
            state: "s".into(),
            methods: vec![Method::Sms],
            sms_sent: true,
        });
        assert!(step.text_sent());
        assert!(!step.should_send_first_text());
    }

    #[test]
    fn recovery_and_back() {
        let mut step = SecondFactor::new(challenge(vec![Method::Totp]));
        step.use_recovery_code();
        assert!(step.recovery);
        step.use_code();
        assert!(!step.recovery);
    }
}
