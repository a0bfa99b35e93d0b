//! The B2Core wizard envelope `{code, data, done, uuid, workflow}`, parsed tolerantly: `data` may
//! be an object, `null` or an empty list; an unknown workflow is a typed value, never a panic.

use super::wire::{from_object, Loose, WireError};
use crate::domain::countdown::parse_rfc3339_ms;
use serde::Deserialize;

/// The step a wizard asks for next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Workflow {
    /// The wizard is over: the change is made.
    Terminate,
    /// Enter a code from the authenticator app (`data` has the key).
    Google,
    /// Enter the phone number to add.
    SmsPhoneCreate,
    /// Enter the code sent by text message.
    Phone,
    /// Enter the code sent by email.
    Email,
    /// A step this app does not know.
    Unknown(String),
}

impl Workflow {
    fn from_name(name: &str) -> Workflow {
        match name {
            "Terminate" | "terminate" => Workflow::Terminate,
            "2fa_google" => Workflow::Google,
            "2fa_sms_phone_create" => Workflow::SmsPhoneCreate,
            "phone" | "2fa_sms" => Workflow::Phone,
            "2fa_email" | "email" => Workflow::Email,
            other => Workflow::Unknown(other.chars().take(60).collect()),
        }
    }
}

/// One wizard answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    pub code: u16,
    pub done: bool,
    pub uuid: String,
    pub workflow: Workflow,
    data: StepData,
}

/// The envelope as it comes.
#[derive(Deserialize)]
struct RawEnvelope {
    code: Option<u16>,
    done: Option<bool>,
    uuid: Option<String>,
    workflow: Option<String>,
    #[serde(default)]
    data: Field,
}

/// One field of a step's `data`.
type Field = Loose<StepData>;

/// The parts of a step's `data` the app reads. Its shape differs from step to step and from one
/// B2Core version to the next, so a field of an odd type reads as absent instead of losing the
/// whole step. The objects nested in it (`recipient`, `confirmation` and its `recipient`) are read
/// as this same type: the fields of each are among these, and one type is less code than three.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
struct StepData {
    key: Field,
    phone: Field,
    email: Field,
    /// Where a code went: `phone`, `email`.
    recipient: Field,
    // Two spellings of one field, in different steps: kept apart, as an answer may carry both.
    #[serde(rename = "expiredAt")]
    expired_at_camel: Field,
    expired_at: Field,
    sent: Field,
    /// The confirmation a disable step sends: `recipient`, `expired_at`, `sent`.
    confirmation: Field,
}

/// Parses a wizard answer.
pub fn parse_envelope(body: &str) -> Result<Envelope, WireError> {
    let raw: RawEnvelope = from_object(body)?;
    let workflow = Workflow::from_name(raw.workflow.as_deref().unwrap_or_default().trim());
    let uuid = raw.uuid.unwrap_or_default().trim().to_string();
    if uuid.is_empty() && workflow != Workflow::Terminate {
        return Err(WireError("wizard step without a uuid".into()));
    }
    Ok(Envelope {
        code: raw.code.unwrap_or(200),
        done: raw.done.unwrap_or_default(),
        uuid,
        workflow,
        data: match raw.data {
            Loose::Object(data) => *data,
            Loose::Absent => StepData::default(),
            _ => return Err(WireError("data: expected an object, null or an empty list".into())),
        },
    })
}

impl Envelope {
    /// Whether the wizard finished (workflow `Terminate`, or `done`).
    pub fn finished(&self) -> bool {
        self.workflow == Workflow::Terminate || self.done
    }

    /// The authenticator key of a `2fa_google` step.
    pub fn key(&self) -> Option<String> {
        self.data.key.text()
    }

    /// Where a code was sent: the masked phone or email.
    pub fn destination(&self) -> Option<String> {
        let data = &self.data;
        let recipient = data.recipient.object();
        let confirmed = data.confirmation.object().and_then(|c| c.recipient.object());
        data.phone
            .text()
            .or_else(|| data.email.text())
            .or_else(|| recipient.and_then(|r| r.phone.text()))
            .or_else(|| recipient.and_then(|r| r.email.text()))
            .or_else(|| confirmed.and_then(|r| r.phone.text()))
    }

    /// When the sent code expires, in milliseconds since the epoch.
    pub fn expires_at_ms(&self) -> Option<f64> {
        let data = &self.data;
        data.expired_at_camel
            .text()
            .or_else(|| data.expired_at.text())
            .or_else(|| data.confirmation.object().and_then(|c| c.expired_at.text()))
            .and_then(|t| parse_rfc3339_ms(&t))
    }

    /// How many codes were sent so far, when the server counts them.
    pub fn sent_count(&self) -> Option<u64> {
        let data = &self.data;
        data.sent.count().or_else(|| data.confirmation.object()?.sent.count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The B2Core documentation's own examples, byte for byte (extracted into seed_examples/).
    const ENABLE_GOOGLE_STEP1: &str = include_str!("seed_examples/enable_google_step1.json");
    const ENABLE_GOOGLE_STEP2: &str = include_str!("seed_examples/enable_google_step2.json");
    const ENABLE_SMS_STEP1: &str = include_str!("seed_examples/enable_sms_step1.json");
    const ENABLE_SMS_STEP2: &str = include_str!("seed_examples/enable_sms_step2.json");
    const ENABLE_SMS_STEP3: &str = include_str!("seed_examples/enable_sms_step3.json");
    const DISABLE_STEP1: &str = include_str!("seed_examples/disable_step1.json");
    const DISABLE_STEP2: &str = include_str!("seed_examples/disable_step2.json");

    #[test]
    fn seed_enable_google() {
        let step = parse_envelope(ENABLE_GOOGLE_STEP1).expect("parses");
        assert_eq!(step.workflow, Workflow::Google);
        assert_eq!(step.uuid, "1c5df3c5-7ee9-44a9-b307-8964b9382d13");
        assert_eq!(step.key().as_deref(), Some("G7NMO7RKZNS3PXQQ"));
        assert!(!step.finished());
        let done = parse_envelope(ENABLE_GOOGLE_STEP2).expect("parses");
        assert!(done.finished());
        assert_eq!(done.code, 202);
    }

    #[test]
    fn seed_enable_sms() {
        let step = parse_envelope(ENABLE_SMS_STEP1).expect("parses");
        assert_eq!(step.workflow, Workflow::SmsPhoneCreate);
        assert_eq!(step.destination(), None);
        let sent = parse_envelope(ENABLE_SMS_STEP2).expect("parses");
        assert_eq!(sent.workflow, Workflow::Phone);
        assert_eq!(sent.destination().as_deref(), Some("+79994445561"));
        assert_eq!(sent.sent_count(), Some(3));
        assert_eq!(sent.expires_at_ms(), Some(1_672_232_458_000.0), "2022-12-28T13:00:58Z");
        assert!(parse_envelope(ENABLE_SMS_STEP3).expect("parses").finished());
    }

    #[test]
    fn seed_disable() {
        let step = parse_envelope(DISABLE_STEP1).expect("parses");
        assert_eq!(step.workflow, Workflow::Phone);
        assert_eq!(
            step.destination().as_deref(),
            Some("+7 999 ***-**-61"),
            "the masked phone, not the recipient's"
        );
        assert_eq!(step.expires_at_ms(), Some(1_712_918_626_000.0), "2024-04-12T10:43:46Z");
        assert_eq!(step.sent_count(), Some(17));
        assert!(parse_envelope(DISABLE_STEP2).expect("parses").finished());
    }

    #[test]
    fn malformed_variants_of_the_seed_examples() {
        // Truncated, wrong types, and the data of one step under another's workflow.
        for cut in [10, 60, ENABLE_SMS_STEP2.len() - 2] {
            assert!(parse_envelope(&ENABLE_SMS_STEP2[..cut]).is_err(), "cut at {cut}");
        }
        let wrong_code = ENABLE_GOOGLE_STEP1.replace("\"code\": 200", "\"code\": \"200\"");
        assert!(parse_envelope(&wrong_code).is_err());
        let key_as_number = ENABLE_GOOGLE_STEP1.replace("\"G7NMO7RKZNS3PXQQ\"", "42");
        assert_eq!(parse_envelope(&key_as_number).expect("parses").key(), None);
        let expiry_garbage = DISABLE_STEP1.replace("2024-04-12T10:43:46.000000Z", "tomorrow");
        assert_eq!(parse_envelope(&expiry_garbage).expect("parses").expires_at_ms(), None);
    }

    #[test]
    fn tolerant_of_null_data_and_unknown_workflows() {
        let step =
            parse_envelope(r#"{"code":200,"data":null,"done":false,"uuid":"u","workflow":"2fa_sms_phone_create"}"#)
                .expect("parses");
        assert_eq!(step.workflow, Workflow::SmsPhoneCreate);
        assert_eq!(step.destination(), None);
        let odd = parse_envelope(r#"{"uuid":"u","workflow":"captcha"}"#).expect("parses");
        assert_eq!(odd.workflow, Workflow::Unknown("captcha".into()));
        assert!(
            parse_envelope(r#"{"workflow":"phone"}"#).is_err(),
            "a step needs a uuid"
        );
        assert!(parse_envelope(r#"{"uuid":5}"#).is_err());
        assert!(parse_envelope("<html>").is_err());
        let deep = format!(r#"{{"uuid":"u","data":{}1{}}}"#, "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse_envelope(&deep).is_err());
        // The server's `qr` is never read: the page draws the code from the key.
        let hostile =
            parse_envelope(r#"{"uuid":"u","workflow":"2fa_google","data":{"qr":"<svg onload=alert(1)>","key":"K"}}"#)
                .expect("parses");
        assert_eq!(hostile.key().as_deref(), Some("K"));
    }

    #[test]
    fn data_as_an_empty_list_null_or_absent_is_an_empty_step() {
        for data in [r#""data":[],"#, r#""data":null,"#, ""] {
            let body = format!(r#"{{{data}"uuid":"u","workflow":"phone"}}"#);
            let step = parse_envelope(&body).unwrap_or_else(|e| panic!("{body}: {e:?}"));
            assert_eq!(
                (step.destination(), step.sent_count(), step.expires_at_ms()),
                (None, None, None)
            );
        }
        let full = parse_envelope(r#"{"uuid":"u","workflow":"phone","data":["+1"]}"#).expect_err("a list with items");
        assert!(
            full.0.contains("expected an object, null or an empty list"),
            "{}",
            full.0
        );
        // Odd types inside `data` read as absent; the step itself survives.
        let odd = parse_envelope(
            r#"{"uuid":"u","workflow":"phone","data":{"phone":7,"recipient":"x","sent":true,"email":"a@b.c"}}"#,
        )
        .expect("parses");
        assert_eq!(odd.destination().as_deref(), Some("a@b.c"));
        assert_eq!(odd.sent_count(), None);
        let nested = parse_envelope(
            r#"{"uuid":"u","workflow":"phone","data":{"recipient":{"phone":[1],"email":" b@c.d "},"confirmation":{"sent":-1,"expired_at":{}}}}"#,
        )
        .expect("parses");
        assert_eq!(nested.destination().as_deref(), Some("b@c.d"));
        assert_eq!((nested.sent_count(), nested.expires_at_ms()), (None, None));
    }
}
