//! Entry point of the browser build: starts the app and nothing else.
fn main() {
    mfa_app::app::start();
}
