//! The text-message setup: the number (checked before anything is sent), "Confirm it's you" when
//! the server asks for it, then the texted code with its expiry, Resend with its cooldown and
//! Change number. The code typed in the last phase is a [`CodeEntry`](super::code_entry::CodeEntry).

use crate::api::{ApiError, SmsEnrollment};
use crate::domain::countdown::seconds_left;
use crate::domain::phone::{national_digits, PhoneProblem};
use crate::flow::sign_in::RESEND_COOLDOWN_SECS;
use crate::flow::step_up::StepUp;

/// A number to text: its dial code and national digits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Number {
    pub dial_code: String,
    pub national: String,
}

/// Where the setup stands; the view shows one form per phase.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Phase {
    /// The country and number form.
    #[default]
    Number,
    /// The server texts the number once the person confirms with a current code.
    Confirm(StepUp),
    /// A code was texted to [`SmsSetup::enrollment`].
    Code,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SmsSetup {
    pub phase: Phase,
    /// The latest text, while the code is asked for.
    pub enrollment: SmsEnrollment,
    /// The number form is shown again after "Change number" (its field takes the focus).
    pub changing_number: bool,
    /// A text is being asked for.
    pub sending: bool,
    /// Why the typed number was not sent: found before anything went out. A refusal of the
    /// server is shown by the call that got it.
    pub problem: Option<PhoneProblem>,
    /// The number of the latest send: the confirmation repeats it.
    number: Number,
    /// No resend before this time (ms since the epoch): the cooldown, or a rate limit's
    /// Retry-After. The number form stays free: its alert counts the wait down, and another
    /// number may be tried at once.
    resend_at_ms: f64,
}

impl SmsSetup {
    /// The number to text, or `None` when a text is under way or the number cannot be right
    /// (then [`SmsSetup::problem`] says why).
    pub fn submit_number(&mut self, dial_code: &str, typed: &str) -> Option<Number> {
        if self.sending {
            return None;
        }
        match national_digits(typed, dial_code) {
            Ok(national) => {
                self.problem = None;
                self.sending = true;
                self.number = Number {
                    dial_code: dial_code.to_string(),
                    national,
                };
                Some(self.number.clone())
            }
            Err(problem) => {
                self.problem = Some(problem);
                None
            }
        }
    }

    /// The number the confirmation repeats the send of.
    pub fn number(&self) -> &Number {
        &self.number
    }

    /// A code was texted (first send, after a confirmation, or a resend): ask for it, with the
    /// resend cooldown running.
    pub fn sent(&mut self, enrollment: SmsEnrollment, now_ms: f64) {
        self.phase = Phase::Code;
        self.enrollment = enrollment;
        self.sending = false;
        self.resend_at_ms = now_ms + RESEND_COOLDOWN_SECS * 1000.0;
    }

    /// A send or resend was refused: a step-up opens "Confirm it's you", a rate limit holds
    /// Resend until its Retry-After.
    pub fn send_failed(&mut self, error: &ApiError, now_ms: f64) {
        self.sending = false;
        if let Some(step) = StepUp::asked(error) {
            self.phase = Phase::Confirm(step);
        } else if let ApiError::RateLimited { wait_secs } = error {
            self.resend_at_ms = self.resend_at_ms.max(now_ms + *wait_secs as f64 * 1000.0);
        }
    }

    /// Asks for the same code again, unless a text is under way or the cooldown still runs.
    pub fn resend(&mut self, now_ms: f64) -> Option<SmsEnrollment> {
        if self.phase != Phase::Code || self.sending || self.resend_cooldown(now_ms) > 0 {
            return None;
        }
        self.sending = true;
        Some(self.enrollment.clone())
    }

    /// Seconds until Resend may be pressed (0: now).
    pub fn resend_cooldown(&self, now_ms: f64) -> u64 {
        seconds_left(self.resend_at_ms, now_ms)
    }

    /// Seconds until the texted code expires (0: expired), when the server said.
    pub fn expires_in(&self, now_ms: f64) -> Option<u64> {
        let at = self.enrollment.expires_at_ms?;
        Some(seconds_left(at, now_ms))
    }

    /// Back to the number form, which keeps the typed number; nothing is resent from there.
    pub fn change_number(&mut self) {
        self.phase = Phase::Number;
        self.changing_number = true;
        self.problem = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::SmsEnrollment;
    use crate::domain::account::StepUpMethods;
    use crate::flow::code_entry::CodeEntry;

    fn texted(destination: &str, expires_at_ms: Option<f64>) -> SmsEnrollment {
        SmsEnrollment::texted(destination, expires_at_ms)
    }

    fn sent_at(now: f64) -> SmsSetup {
        let mut setup = SmsSetup::default();
        setup.submit_number("+1", "202 555 0143").expect("a number");
        setup.sent(texted("+1 202-555-0143", Some(now + 600_000.0)), now);
        setup
    }

    #[test]
    fn a_number_that_cannot_be_right_sends_nothing() {
        let mut setup = SmsSetup::default();
        assert_eq!(setup.submit_number("+1", "12"), None);
        assert_eq!(setup.problem, Some(PhoneProblem::TooShort));
        assert!(!setup.sending);
        assert_eq!(setup.phase, Phase::Number);
    }

    #[test]
    fn sending_waits_for_the_answer_then_asks_for_the_code() {
        let mut setup = SmsSetup::default();
        setup.submit_number("+1", "12");
        let number = setup.submit_number("+1", "(202) 555-0143").expect("a number");
        assert_eq!(number.national, "2025550143");
        assert!(setup.sending && setup.problem.is_none());
        assert_eq!(setup.submit_number("+1", "2025550143"), None, "one text at a time");
        setup.sent(texted("+1 202-555-0143", None), 0.0);
        assert_eq!(setup.phase, Phase::Code);
        assert!(!setup.sending);
        assert_eq!(setup.enrollment.destination, "+1 202-555-0143");
    }

    #[test]
    fn the_expiry_counts_down_to_zero() {
        let setup = sent_at(1_000.0);
        assert_eq!(setup.expires_in(1_000.0), Some(600));
        assert_eq!(setup.expires_in(540_500.0), Some(61));
        assert_eq!(setup.expires_in(601_000.0), Some(0), "expired");
        let mut unknown = SmsSetup::default();
        unknown.sent(texted("+1", None), 0.0);
        assert_eq!(unknown.expires_in(0.0), None);
    }

    #[test]
    fn resend_waits_out_the_cooldown_and_renews_the_expiry() {
        let mut setup = sent_at(0.0);
        assert_eq!(setup.resend_cooldown(0.0), 30);
        assert_eq!(setup.resend(29_999.0), None);
        let again = setup.resend(30_000.0).expect("the cooldown is over");
        assert_eq!(again.destination, "+1 202-555-0143");
        assert!(setup.sending);
        assert_eq!(setup.resend(30_000.0), None, "one resend at a time");
        setup.sent(texted("+1 202-555-0143", Some(700_000.0)), 31_000.0);
        assert_eq!(setup.resend_cooldown(31_000.0), 30);
        assert_eq!(setup.expires_in(100_000.0), Some(600));
    }

    #[test]
    fn change_number_goes_back_to_the_form_and_resends_nothing() {
        let mut setup = sent_at(0.0);
        setup.resend(40_000.0);
        setup.send_failed(&ApiError::Server(503), 41_000.0);
        assert!(!setup.sending, "a failed resend can be tried again");
        setup.change_number();
        assert_eq!(setup.phase, Phase::Number);
        assert!(setup.changing_number);
        assert_eq!(setup.resend(100_000.0), None, "nothing to resend");
        assert!(setup.submit_number("+44", "7700 900123").is_some());
    }

    #[test]
    fn a_wrong_code_keeps_the_text_and_the_typed_code() {
        let mut setup = sent_at(0.0);
        let mut entry = CodeEntry::default();
        entry.type_code("123456", 1_000.0).expect("auto-submitted");
        entry.failed(ApiError::WrongCode, 1_000.0);
        assert_eq!(
            (entry.code.as_str(), entry.error.clone()),
            ("123456", Some(ApiError::WrongCode))
        );
        assert_eq!(setup.phase, Phase::Code);
        assert_eq!(setup.resend_cooldown(1_000.0), 29, "the cooldown is not restarted");
        assert!(setup.resend(30_000.0).is_some(), "another code can be asked for");
    }

    #[test]
    fn a_rate_limit_holds_resend_until_its_retry_after() {
        let mut setup = SmsSetup::default();
        setup.submit_number("+1", "2025550143");
        setup.send_failed(&ApiError::RateLimited { wait_secs: 90 }, 1_000.0);
        assert_eq!(setup.phase, Phase::Number);
        assert!(!setup.sending);
        assert!(
            setup.submit_number("+1", "2025550143").is_some(),
            "the person may try again; the server keeps its limit"
        );

        let mut setup = sent_at(0.0);
        setup.resend(30_000.0);
        setup.send_failed(&ApiError::RateLimited { wait_secs: 120 }, 30_000.0);
        assert_eq!(setup.phase, Phase::Code, "the code already texted can still be typed");
        assert_eq!(setup.resend_cooldown(30_000.0), 120, "Resend shows the server's wait");
        assert_eq!(setup.resend(149_999.0), None);
        assert!(setup.resend(150_000.0).is_some());
    }

    #[test]
    fn a_step_up_refusal_asks_to_confirm_then_the_same_number_is_texted() {
        let mut setup = SmsSetup::default();
        setup.submit_number("+1", "202-555-0143");
        let methods = StepUpMethods {
            totp: true,
            sms: false,
            recovery: true,
        };
        setup.send_failed(&ApiError::StepUp(methods), 0.0);
        assert!(matches!(setup.phase, Phase::Confirm(step) if step.methods == methods));
        assert!(!setup.sending);
        assert_eq!(setup.number().national, "2025550143");
        setup.sent(texted("+1 202-555-0143", None), 5_000.0);
        assert_eq!(setup.phase, Phase::Code);
        assert_eq!(setup.resend_cooldown(5_000.0), 30);
    }
}
