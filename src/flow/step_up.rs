//! The "Confirm it's you" step (step-up): which factor the typed code is of, and what a refusal
//! of the confirmed call means.

use crate::api::ApiError;
use crate::domain::account::{Confirmation, StepUpMethods};

/// A change the server holds until the person gives a current code of one of their factors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepUp {
    pub methods: StepUpMethods,
    /// The person chose "Use a recovery code".
    pub recovery: bool,
    /// A code was texted for this step: a typed code is that one.
    pub texted: bool,
}

impl StepUp {
    /// The step a refusal asks for, when it is a step-up refusal.
    pub fn asked(error: &ApiError) -> Option<StepUp> {
        match error {
            ApiError::StepUp(methods) => Some(StepUp {
                methods: *methods,
                recovery: false,
                texted: false,
            }),
            _ => None,
        }
    }

    /// Whether "Text me a code" is offered.
    pub fn offers_text(&self) -> bool {
        self.methods.sms && !self.recovery
    }

    /// Whether "Use a recovery code" is offered.
    pub fn offers_recovery(&self) -> bool {
        self.methods.recovery && !self.recovery
    }

    pub fn use_recovery_code(&mut self) {
        self.recovery = true;
    }

    pub fn text_sent(&mut self) {
        self.texted = true;
    }

    /// The confirmation a typed code makes: a recovery code, the texted code, or else the
    /// authenticator's when it is on.
    pub fn confirmation(&self, code: String) -> Confirmation {
        let method = if self.recovery {
            "recovery"
        } else if self.texted || !self.methods.totp {
            "sms"
        } else {
            "totp"
        };
        Confirmation { method, code }
    }

    /// A refusal of the confirmed call: asked again for a code means this one was not right.
    pub fn refusal(error: ApiError) -> ApiError {
        match error {
            ApiError::StepUp(_) => ApiError::WrongCode,
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(totp: bool, sms: bool, recovery: bool) -> StepUp {
        StepUp::asked(&ApiError::StepUp(StepUpMethods { totp, sms, recovery })).expect("a step-up")
    }

    #[test]
    fn only_a_step_up_refusal_opens_the_step() {
        assert_eq!(StepUp::asked(&ApiError::WrongCode), None);
        assert_eq!(StepUp::asked(&ApiError::Rejected("No".into())), None);
        assert!(!asked(true, false, true).recovery);
    }

    #[test]
    fn the_typed_code_is_of_the_authenticator_unless_a_text_was_sent() {
        let mut step = asked(true, true, false);
        assert_eq!(step.confirmation("123456".into()).method, "totp");
        assert!(step.offers_text());
        step.text_sent();
        assert_eq!(step.confirmation("123456".into()).method, "sms");
        let texts_only = asked(false, true, false);
        assert_eq!(texts_only.confirmation("654321".into()).method, "sms");
    }

    #[test]
    fn a_recovery_code_is_offered_when_listed_and_then_confirms() {
        assert!(!asked(true, false, false).offers_recovery());
        let mut step = asked(true, true, true);
        assert!(step.offers_recovery());
        step.use_recovery_code();
        assert!(!step.offers_recovery() && !step.offers_text());
        let confirmation = step.confirmation("abcde-fghij".into());
        assert_eq!(
            (confirmation.method, confirmation.code.as_str()),
            ("recovery", "abcde-fghij")
        );
    }

    #[test]
    fn asked_again_means_a_wrong_code_and_other_refusals_stay() {
        let again = ApiError::StepUp(StepUpMethods::default());
        assert_eq!(StepUp::refusal(again), ApiError::WrongCode);
        let limited = ApiError::RateLimited { wait_secs: 9 };
        assert_eq!(StepUp::refusal(limited.clone()), limited);
    }
}
