//! What a status line or an announcement says, kept as what it means: a key and its values. It is
//! worded when shown, in the language of that moment, so a language switch rewords it too.

use super::{language, Key, Lang};

/// A value put into a message's placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A text of the catalogue, worded in the message's language (a method's name).
    Text(Key),
}

/// A message of the catalogue with its values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// A text; its placeholders `{0}`, `{1}`, … take the values in order.
    Text(Key, Vec<Value>),
    /// A count: the language's plural form among one, few and many, with the count as `{0}`.
    Count(u64, [Key; 3]),
}

impl Message {
    /// A text without values.
    pub fn text(key: Key) -> Message {
        Message::Text(key, Vec::new())
    }

    /// The message's words in `lang`.
    pub fn words_in(&self, lang: Lang) -> String {
        match self {
            Message::Text(key, values) => {
                let values: Vec<_> = values.iter().map(|Value::Text(key)| lang.text(*key)).collect();
                let args: Vec<&str> = values.iter().map(|value| &**value).collect();
                lang.fill(*key, &args)
            }
            Message::Count(n, [one, few, many]) => lang.fill(lang.plural(*n, *one, *few, *many), &[&n.to_string()]),
        }
    }

    /// The message's words in the page's language; read in a reactive closure, it is worded
    /// again when the language changes.
    pub fn words(&self) -> String {
        self.words_in(language())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::install_published_catalogues;

    #[test]
    fn a_message_is_worded_in_the_language_asked() {
        install_published_catalogues();
        let saved = Message::Text(Key::MethodIsOn, vec![Value::Text(Key::MethodTotp)]);
        assert_eq!(saved.words_in(Lang::En), "Authenticator app is on.");
        assert_eq!(saved.words_in(Lang::De), "Authenticator-App ist an.");
        let left = Message::Count(
            3,
            [
                Key::SignedInWithRecoveryOne,
                Key::SignedInWithRecoveryFew,
                Key::SignedInWithRecoveryMany,
            ],
        );
        assert_eq!(
            left.words_in(Lang::Ru),
            "Вы вошли с кодом восстановления. Осталось 3 кода."
        );
        assert_eq!(Message::text(Key::Done).words_in(Lang::En), "Done");
    }
}
