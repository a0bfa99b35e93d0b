//! Components: each binds pure state to the DOM, one per file.

pub mod alert;
pub mod code_form;
pub mod code_input;
pub mod countdown;
pub mod default_method;
pub mod form_buttons;
pub mod method_row;
pub mod qr_code;
pub mod recovery_codes;
pub mod recovery_section;
pub mod resend_button;
pub mod secret_key;
pub mod send_on;
pub mod site_header;
pub mod sms_setup;
pub mod step_up;
pub mod text_field;
pub mod theme_switch;
pub mod totp_setup;
pub mod turn_off;
