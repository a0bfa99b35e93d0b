//! The "Theme" switcher: the system's colour scheme, or light or dark whatever the system says.
//! The choice is a preference kept in localStorage and set as `data-theme` on `<html>`.

use crate::browser::{load_preference, set_document_theme, store_preference};
use crate::i18n::{text, Key};
use leptos::prelude::*;

/// Where the chosen theme is kept.
const THEME_PREFERENCE: &str = "mfa-theme";

/// A colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follows `prefers-color-scheme`.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn tag(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|theme| theme.tag() == tag.trim())
    }

    fn label(self) -> Key {
        match self {
            Theme::System => Key::ThemeSystem,
            Theme::Light => Key::ThemeLight,
            Theme::Dark => Key::ThemeDark,
        }
    }
}

fn apply(theme: Theme) {
    set_document_theme((theme != Theme::System).then(|| theme.tag()));
}

#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let stored = load_preference(THEME_PREFERENCE)
        .as_deref()
        .and_then(Theme::from_tag)
        .unwrap_or_default();
    apply(stored);
    let theme = RwSignal::new(stored);
    let options = Theme::ALL
        .into_iter()
        .map(|option| {
            view! {
                <option value=option.tag() selected=move || theme.get() == option>
                    {text(option.label())}
                </option>
            }
        })
        .collect_view();
    view! {
        <label class="preference">
            <span>{text(Key::Theme)}</span>
            <select on:change=move |ev| {
                if let Some(chosen) = Theme::from_tag(&event_target_value(&ev)) {
                    store_preference(THEME_PREFERENCE, chosen.tag());
                    apply(chosen);
                    theme.set(chosen);
                }
            }>{options}</select>
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::Theme;

    #[test]
    fn themes_read_back_from_their_tags() {
        for theme in Theme::ALL {
            assert_eq!(Theme::from_tag(theme.tag()), Some(theme));
        }
        assert_eq!(Theme::from_tag("sepia"), None);
        assert_eq!(Theme::default(), Theme::System);
    }
}
