//! Pure state machines of the step forms: events in, state out, no browser types.

pub mod code_entry;
pub mod sign_in;
pub mod sms_setup;
pub mod step_up;
