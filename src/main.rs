//! Entry point of the browser build: mounts the app and nothing else.
fn main() {
    leptos::mount::mount_to_body(mfa_app::app::App);
}
