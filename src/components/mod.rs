//! Components: each binds pure state to the DOM, one per file.

pub mod alert;
pub mod method_row;
pub mod site_header;
