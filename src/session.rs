//! The bearer token: kept in memory only, dropped on sign-out, on 401 and when the page is hidden
//! for good (`pagehide`), so it never reaches storage, the URL or the console.

use leptos::prelude::*;

/// A message for the page that opens next (its words are chosen where it is shown).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The server ended the session (a 401): sign in again.
    SessionEnded,
    /// Signed in with a recovery code; how many are left when the server says.
    SignedInWithRecovery { left: Option<u32> },
}

/// The signed-in state, shared through context. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
    notice: RwSignal<Option<Notice>>,
}

impl Session {
    pub fn new() -> Self {
        Session {
            token: RwSignal::new(None),
            notice: RwSignal::new(None),
        }
    }

    /// Whether someone is signed in (tracked).
    pub fn signed_in(&self) -> bool {
        self.token.with(Option::is_some)
    }

    /// The token for a request (untracked: requests do not subscribe).
    pub fn token(&self) -> Option<String> {
        self.token.get_untracked()
    }

    pub fn start(&self, token: String) {
        self.notice.set(None);
        self.token.set(Some(token));
    }

    /// Forgets the token after sign-out or when the page goes away.
    pub fn end(&self) {
        self.token.set(None);
    }

    /// The server answered 401: forget the token and say why, once however many requests failed.
    pub fn expire(&self) {
        if self.token.get_untracked().is_some() {
            // Shown on the sign-in page after the server ended the session.
            self.notice.set(Some(Notice::SessionEnded));
            self.token.set(None);
        }
    }

    /// A message for the next page: why the person was sent back to sign-in, or what signing in
    /// with a recovery code left (tracked).
    pub fn notice(&self) -> Option<Notice> {
        self.notice.get()
    }

    /// Starts the session with a message for the page that opens next.
    pub fn start_with_notice(&self, token: String, notice: Notice) {
        self.token.set(Some(token));
        self.notice.set(Some(notice));
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}
